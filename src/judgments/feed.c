/*
 * GET|HEAD /atom.xml (spec 2), GET /judgments (the same page as JSON), and
 * the deprecated per-court feed paths (spec 4, 301 to /atom.xml). The feed
 * is built with the libxml2 tree API: Atom as the default namespace, the
 * extension prefix "tna", attributes written in alphabetical order as the
 * reference writes them.
 *
 * Statuses: 200, 301 (deprecated paths), 304, 400 (a bad parameter, with the
 * reason), 404 (an unknown deprecated path), 429, 503 (database down).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>
#include <libxml/tree.h>

#include "../lib/http.h"
#include "judgments.h"

#define ATOM_NS	"http://www.w3.org/2005/Atom"

/* Python's quote_plus: unreserved bytes kept, space as '+', rest %XX. */
static void
url_encode(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || strchr("_.-~", *p))
			buf_addc(b, (char)*p);
		else if (*p == ' ')
			buf_addc(b, '+');
		else
			buf_addf(b, "%%%02X", *p);
	}
}

/* The kept parameters, in their order, without those named in skip. */
static char *
kept_query(struct req *r, const struct feed_query *q, const char *const *skip)
{
	struct buf	 b = { 0 };
	char		*s;

	for (size_t i = 0; i < q->kept.n; i++) {
		int drop = 0;
		for (size_t k = 0; skip[k]; k++)
			drop |= strcmp(q->kept.v[i].key, skip[k]) == 0;
		if (drop)
			continue;
		if (b.len)
			buf_addc(&b, '&');
		url_encode(&b, q->kept.v[i].key);
		buf_addc(&b, '=');
		url_encode(&b, q->kept.v[i].val);
	}
	s = arena_strndup(&r->a, b.s ? b.s : "", b.len);
	buf_free(&b);
	return s;
}

static const char *
preferred_slug(struct req *r, const struct feed_entry *e)
{
	return e->ncn_slug ? e->ncn_slug : arena_printf(&r->a, "tna.%s", e->fclid);
}

/* "a/b/c" -> "a_b_c", the PDF's file name. */
static char *
underscored(struct req *r, const char *uri)
{
	char *s = arena_strdup(&r->a, uri);

	for (char *p = s; *p; p++)
		if (*p == '/')
			*p = '_';
	return s;
}

static const char *
author_of(struct req *r, const struct feed_entry *e)
{
	const struct court *c = court_by_code(e->court);

	if (c == NULL)
		return NULL;
	if (e->jurisdiction && *e->jurisdiction)
		return arena_printf(&r->a, "%s \xe2\x80\x93 %s", c->name,
		    e->jurisdiction);
	return c->name;
}

static const char *
published_of(struct req *r, const struct feed_entry *e)
{
	return e->work_date ? arena_printf(&r->a, "%sT00:00:00+00:00",
	    e->work_date) : NULL;
}

static const char *
updated_of(struct req *r, const struct feed_entry *e)
{
	return e->transform_date ? arena_printf(&r->a, "%s+00:00",
	    e->transform_date) : "1970-01-01T00:00:00+00:00";
}

static const char *const order_phrase[] = {
	"date the document was first published by the court",
	"date the document was last updated in the Find Case Law system",
	"date the body of the document was last modified",
};

static const char *
feed_title(struct req *r, const struct feed_query *q)
{
	struct buf	 b = { 0 };
	const char	*s;

	buf_adds(&b, "Latest documents");
	if (q->query)
		buf_addf(&b, " for \"%s\"", q->query);
	for (size_t i = 0; i < q->ncourts; i++)
		buf_addf(&b, "%s%s", i == 0 ? " from " : i + 1 == q->ncourts ?
		    " and " : ", ", q->courts[i].label);
	buf_addf(&b, ", sorted by %s (%s)", order_phrase[q->order],
	    q->desc ? "newest first" : "oldest first");
	s = arena_strndup(&r->a, b.s, b.len);
	buf_free(&b);
	return s;
}

static xmlNode *
el(xmlNode *parent, xmlNs *ns, const char *name, const char *text)
{
	return xmlNewTextChild(parent, ns, (const xmlChar *)name,
	    (const xmlChar *)text);
}

static void
set(xmlNode *n, const char *name, const char *v)
{
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)v);
}

/* <link href rel [type]/>: attributes in alphabetical order. */
static void
link_el(xmlNode *parent, xmlNs *ns, const char *href, const char *rel,
    const char *type)
{
	xmlNode *l = el(parent, ns, "link", NULL);

	set(l, "href", href);
	set(l, "rel", rel);
	if (type)
		set(l, "type", type);
}

static void
entry_xml(struct req *r, xmlNode *feed, xmlNs *atom, xmlNs *tna,
    const struct feed_entry *e)
{
	const char	*base = public_base(), *assets = assets_base();
	const char	*alt = arena_printf(&r->a, "%s/%s", base,
	    preferred_slug(r, e));
	const char	*s;
	xmlNode		*en = el(feed, atom, "entry", NULL), *n;

	el(en, atom, "title", e->title);
	link_el(en, atom, alt, "alternate", NULL);
	if ((s = published_of(r, e)) != NULL)
		el(en, atom, "published", s);
	el(en, atom, "updated", updated_of(r, e));
	if ((s = author_of(r, e)) != NULL)
		el(el(en, atom, "author", NULL), atom, "name", s);
	el(en, atom, "id", arena_printf(&r->a, "%s/id/%s", base, e->uri));
	set(el(en, atom, "summary", NULL), "type", "html");
	if (e->hash && *e->hash)
		el(en, tna, "contenthash", e->hash);
	link_el(en, atom, arena_printf(&r->a, "%s/data.xml", alt), "alternate",
	    "application/akn+xml");
	if (e->ncn_slug) {
		n = el(en, tna, "identifier", e->ncn);
		set(n, "slug", e->ncn_slug);
		set(n, "type", "ukncn");
	}
	n = el(en, tna, "identifier", e->fclid);
	set(n, "slug", arena_printf(&r->a, "tna.%s", e->fclid));
	set(n, "type", "fclid");
	el(en, tna, "uri", e->uri);
	link_el(en, atom, arena_printf(&r->a, "%s/%s/%s.pdf", assets, e->uri,
	    underscored(r, e->uri)), "alternate", "application/pdf");
	set(el(en, tna, "assets_base", NULL), "href",
	    arena_printf(&r->a, "%s/%s/", assets, e->uri));
}

static void
now_rfc3339(char out[32])
{
	time_t		 t = time(NULL);
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
}

/* Serialises doc into r->a; returns the bytes and their length. */
static char *
dump(struct req *r, xmlDoc *doc, size_t *len)
{
	xmlChar	*mem = NULL;
	int	 n = 0;
	char	*s;

	xmlDocDumpMemoryEnc(doc, &mem, &n, "utf-8");
	s = arena_strndup(&r->a, (const char *)mem, n > 0 ? (size_t)n : 0);
	*len = n > 0 ? (size_t)n : 0;
	xmlFree(mem);
	return s;
}

static long long
last_page(const struct feed_query *q, const struct feed_page *pg)
{
	return pg->total == 0 ? 1 : (pg->total + q->per_page - 1) / q->per_page;
}

int
feed_atom_get(struct req *r)
{
	static const char *const skip_page[] = { "page", NULL };
	struct feed_query	 q;
	struct feed_page	 pg;
	const char		*base, *self, *kq, *latest = NULL;
	char			 now[32], etag[67], hex[65], *body;
	size_t			 len;
	xmlDoc			*doc;
	xmlNode			*feed, *upd;
	xmlNs			*atom, *tna;
	int			 st;

	if ((st = judgments_limit(r)) != 0 || (st = feed_query_parse(r, &q)) != 0 ||
	    (st = feed_query_run(r, &q, &pg)) != 0)
		return st;
	base = arena_printf(&r->a, "%s/atom.xml", public_base());
	kq = kept_query(r, &q, skip_page);
	self = *kq ? arena_printf(&r->a, "%s?%s", base, kq) : base;
	const char *pre = *kq ? arena_printf(&r->a, "%s?%s&page=", base, kq) :
	    arena_printf(&r->a, "%s?page=", base);
	long long last = last_page(&q, &pg);

	doc = xmlNewDoc((const xmlChar *)"1.0");
	feed = xmlNewNode(NULL, (const xmlChar *)"feed");
	xmlDocSetRootElement(doc, feed);
	atom = xmlNewNs(feed, (const xmlChar *)ATOM_NS, NULL);
	tna = xmlNewNs(feed, (const xmlChar *)TNA_NS, (const xmlChar *)"tna");
	xmlSetNs(feed, atom);
	xmlNodeSetLang(feed, (const xmlChar *)"en-us");
	el(feed, atom, "title", feed_title(r, &q));
	link_el(feed, atom, self, "alternate", NULL);
	link_el(feed, atom, self, "self", NULL);
	el(feed, atom, "id", self);
	upd = el(feed, atom, "updated", "");
	el(el(feed, atom, "author", NULL), atom, "name", "The National Archives");
	el(feed, atom, "rights", "https://caselaw.nationalarchives.gov.uk/"
	    "open-justice-licence");
	link_el(feed, atom, "https://nationalarchives.github.io/"
	    "ds-find-caselaw-docs/public#tag/Document-metadata/operation/"
	    "atomFeed", "service-doc", NULL);
	link_el(feed, atom, "https://raw.githubusercontent.com/nationalarchives/"
	    "ds-find-caselaw-docs/refs/heads/main/doc/openapi/public_api.yml",
	    "service-desc", NULL);
	link_el(feed, atom, arena_printf(&r->a, "%s1", pre), "first", NULL);
	link_el(feed, atom, arena_printf(&r->a, "%s%lld", pre, last), "last",
	    NULL);
	if (q.page < last)
		link_el(feed, atom, arena_printf(&r->a, "%s%ld", pre, q.page + 1),
		    "next", NULL);
	if (q.page > 1)
		link_el(feed, atom, arena_printf(&r->a, "%s%ld", pre, q.page - 1),
		    "previous", NULL);
	for (size_t i = 0; i < pg.n; i++) {
		const char *u = updated_of(r, &pg.e[i]), *p = published_of(r, &pg.e[i]);
		entry_xml(r, feed, atom, tna, &pg.e[i]);
		if (latest == NULL || strcmp(u, latest) > 0)
			latest = u;
		if (p != NULL && strcmp(p, latest) > 0)
			latest = p;
	}
	/*
	 * The ETag is of the feed without its <updated>, which is "now" on an
	 * empty page: the tag moves only when the entries or links do.
	 */
	body = dump(r, doc, &len);
	sha256_hex(body, len, hex);
	snprintf(etag, sizeof(etag), "\"%s\"", hex);
	now_rfc3339(now);
	xmlNodeSetContent(upd, (const xmlChar *)(latest ? latest : now));
	body = dump(r, doc, &len);
	xmlFreeDoc(doc);
	if ((st = not_modified(r, etag, pg.total ? pg.last_modified : NULL)) != 0)
		return st;
	return resp_raw(r, 200, "application/xml; charset=utf-8", body, len);
}

/* GET /judgments: the page of /atom.xml as JSON, entry fields alike. */
int
feed_json_get(struct req *r)
{
	struct feed_query	 q;
	struct feed_page	 pg;
	json_object		*o, *list;
	const char		*base = public_base(), *assets = assets_base();
	const char		*s, *body;
	char			 etag[67], hex[65];
	size_t			 len;
	int			 st;

	if ((st = judgments_limit(r)) != 0 || (st = feed_query_parse(r, &q)) != 0 ||
	    (st = feed_query_run(r, &q, &pg)) != 0)
		return st;
	o = json_object_new_object();
	json_object_object_add(o, "page", json_object_new_int64(q.page));
	json_object_object_add(o, "per_page", json_object_new_int64(q.per_page));
	json_object_object_add(o, "total", json_object_new_int64(pg.total));
	list = json_object_new_array();
	json_object_object_add(o, "entries", list);
	for (size_t i = 0; i < pg.n; i++) {
		const struct feed_entry *e = &pg.e[i];
		json_object *j = json_object_new_object(), *ids;
		const char *alt = arena_printf(&r->a, "%s/%s", base,
		    preferred_slug(r, e));
		json_object_object_add(j, "title", jstr(e->title));
		json_object_object_add(j, "link", jstr(alt));
		json_object_object_add(j, "published", jstr(published_of(r, e)));
		json_object_object_add(j, "updated", jstr(updated_of(r, e)));
		json_object_object_add(j, "author", jstr(author_of(r, e)));
		json_object_object_add(j, "id", jstr(arena_printf(&r->a,
		    "%s/id/%s", base, e->uri)));
		json_object_object_add(j, "contenthash", jstr(e->hash));
		json_object_object_add(j, "data_xml", jstr(arena_printf(&r->a,
		    "%s/data.xml", alt)));
		ids = json_object_new_array();
		if (e->ncn_slug) {
			json_object *id = json_object_new_object();
			json_object_object_add(id, "type", jstr("ukncn"));
			json_object_object_add(id, "value", jstr(e->ncn));
			json_object_object_add(id, "slug", jstr(e->ncn_slug));
			json_object_array_add(ids, id);
		}
		json_object *id = json_object_new_object();
		json_object_object_add(id, "type", jstr("fclid"));
		json_object_object_add(id, "value", jstr(e->fclid));
		json_object_object_add(id, "slug", jstr(arena_printf(&r->a,
		    "tna.%s", e->fclid)));
		json_object_array_add(ids, id);
		json_object_object_add(j, "identifiers", ids);
		json_object_object_add(j, "uri", jstr(e->uri));
		json_object_object_add(j, "pdf", jstr(arena_printf(&r->a,
		    "%s/%s/%s.pdf", assets, e->uri, underscored(r, e->uri))));
		json_object_object_add(j, "assets_base", jstr(arena_printf(&r->a,
		    "%s/%s/", assets, e->uri)));
		json_object_array_add(list, j);
	}
	s = json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	body = arena_strndup(&r->a, s, len);
	json_object_put(o);
	sha256_hex(body, len, hex);
	snprintf(etag, sizeof(etag), "\"%s\"", hex);
	if ((st = not_modified(r, etag, pg.total ? pg.last_modified : NULL)) != 0)
		return st;
	return resp_raw(r, 200, "application/json", body, len);
}

/*
 * /{court}[/{sub}][/{yyyy}]/atom.xml and /{yyyy}/atom.xml -> 301 to
 * /atom.xml with the original parameters (less court, tribunal and year)
 * and court= and year= appended. An unknown court gives 404.
 */
int
feed_deprecated_get(struct req *r)
{
	static const char *const skip[] = { "court", "tribunal", "year", NULL };
	struct feed_query	 q;
	struct court_filter	 f;
	char			*segs[4], *path, *save, *tok;
	const char		*year = NULL, *kq;
	size_t			 n = 0;
	struct buf		 b = { 0 };
	int			 st;

	if ((st = judgments_limit(r)) != 0)
		return st;
	path = arena_strdup(&r->a, r->params[0]);
	for (tok = strtok_r(path, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (n == 4)
			return http_error(r, 404, "Not Found");
		segs[n++] = tok;
	}
	if (n > 0 && strlen(segs[n - 1]) == 4 &&
	    strspn(segs[n - 1], "0123456789") == 4)
		year = segs[--n];
	if (n > 2 || (n == 0 && year == NULL))
		return http_error(r, 404, "Not Found");
	const char *court = n == 0 ? NULL : n == 1 ? segs[0] :
	    arena_printf(&r->a, "%s/%s", segs[0], segs[1]);
	if (court != NULL) {
		char *lc = arena_strdup(&r->a, court);
		for (char *p = lc; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (court_resolve(&r->a, lc, &f) != 0)
			return http_error(r, 404, "Not Found");
		court = lc;
	}
	/* The parameters go on as they came; a bad one is /atom.xml's 400. */
	struct kvlist all = { 0 };
	memset(&q, 0, sizeof(q));
	if (parse_urlencoded(&r->a, &all, r->query_string,
	    strlen(r->query_string)) != 0)
		return http_error(r, 400, "The query string is not valid");
	for (size_t i = 0; i < all.n; i++)
		if (all.v[i].len > 0)
			kv_add(&r->a, &q.kept, all.v[i].key, all.v[i].val,
			    all.v[i].len);
	kq = kept_query(r, &q, skip);
	buf_addf(&b, "/atom.xml?%s", kq);
	if (court != NULL) {
		buf_adds(&b, *kq ? "&court=" : "court=");
		url_encode(&b, court);
	}
	if (year != NULL)
		buf_addf(&b, "%syear=%s", *kq || court ? "&" : "", year);
	resp_header(r, "Location", b.s);
	buf_free(&b);
	return resp_raw(r, 301, "text/plain; charset=utf-8", "Moved Permanently\n",
	    18);
}
