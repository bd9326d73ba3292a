/*
 * Reading an Akoma Ntoso judgment: one libxml2 parse gives the metadata the
 * feed needs, the word tokens the search matches against, and the content
 * hash of spec section 6 (every text and CDATA node outside akn:meta, with
 * the XSLT's treatment of the text after </meta>, whitespace deleted,
 * SHA-256). No network, no DTDs, no entity expansion.
 */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <openssl/evp.h>

#include "../lib/arena.h"
#include "../lib/util.h"
#include "judgments.h"

const struct court *
court_by_code(const char *code)
{
	for (size_t i = 0; code != NULL && i < ncourts; i++)
		if (strcasecmp(courts[i].code, code) == 0)
			return &courts[i];
	return NULL;
}

/* The white space that spec 6 deletes (Python's \s over legal XML text). */
int
ws_deleted(unsigned cp)
{
	return (cp >= 0x09 && cp <= 0x0d) || cp == 0x20 || cp == 0x85 ||
	    cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
	    cp == 0x3000 || (cp >= 0x1c && cp <= 0x1f);
}

/* Length of the UTF-8 sequence at s (libxml2 hands us valid UTF-8). */
static size_t
utf8_next(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0 && s[1]) {
		*cp = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0 && s[1] && s[2]) {
		*cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) |
		    (s[2] & 0x3fu);
		return 3;
	}
	if ((s[0] & 0xf8) == 0xf0 && s[1] && s[2] && s[3]) {
		*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) |
		    ((s[2] & 0x3fu) << 6) | (s[3] & 0x3fu);
		return 4;
	}
	*cp = 0xfffd;
	return 1;
}

/* Feeds one text node into the hash, without its deleted white space. */
static void
hash_text(EVP_MD_CTX *h, const char *text)
{
	const unsigned char	*s = (const unsigned char *)text, *run = s;
	unsigned		 cp;

	while (*s) {
		size_t n = utf8_next(s, &cp);
		if (ws_deleted(cp)) {
			if (s > run)
				EVP_DigestUpdate(h, run, (size_t)(s - run));
			run = s + n;
		}
		s += n;
	}
	if (s > run)
		EVP_DigestUpdate(h, run, (size_t)(s - run));
}

/*
 * Word tokens: lower-case runs of [a-z0-9], each written as " tok", so that
 * a column " a b c " can be searched for " b c " with LOCATE. Other bytes,
 * non-ASCII letters included, separate tokens. "vs" is the same word as "v"
 * (the reference normalises "vs" and "v." to " v ").
 */
static void
tokens_add(struct buf *b, const char *text)
{
	const char *s = text;

	while (*s) {
		while (*s && !isalnum((unsigned char)*s))
			s++;
		if (*s == '\0')
			break;
		const char *t = s;
		while (isalnum((unsigned char)*s) && (unsigned char)*s < 0x80)
			s++;
		size_t n = (size_t)(s - t);
		if (n == 2 && tolower((unsigned char)t[0]) == 'v' &&
		    tolower((unsigned char)t[1]) == 's')
			n = 1;
		buf_addc(b, ' ');
		for (size_t i = 0; i < n; i++)
			buf_addc(b, (char)tolower((unsigned char)t[i]));
	}
}

char *
tokens_of(struct arena *a, const char *text)
{
	struct buf	 b = { 0 };
	char		*s;

	tokens_add(&b, text);
	buf_addc(&b, ' ');
	s = arena_strndup(a, b.s, b.len);
	buf_free(&b);
	return s;
}

struct walk {
	struct arena	*a;
	struct akn	*d;
	EVP_MD_CTX	*hash;
	struct buf	 body, parties, judges, ptok, jtok;
	int		 seen_meta;
};

static int
is_el(xmlNode *n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static const char *
attr(struct arena *a, xmlNode *n, const char *name)
{
	xmlChar		*v = xmlGetProp(n, (const xmlChar *)name);
	const char	*s;

	if (v == NULL)
		return NULL;
	s = arena_strdup(a, (const char *)v);
	xmlFree(v);
	return s;
}

/* The text of an element, trimmed, with runs of white space made one space. */
static const char *
text_of(struct arena *a, xmlNode *n)
{
	xmlChar		*v = xmlNodeGetContent(n);
	char		*s, *o;
	int		 sp = 0;

	if (v == NULL)
		return "";
	s = o = arena_strdup(a, (const char *)v);
	xmlFree(v);
	for (const char *p = s; *p; p++) {
		if (isspace((unsigned char)*p)) {
			sp = o > s;
			continue;
		}
		if (sp)
			*o++ = ' ';
		sp = 0;
		*o++ = *p;
	}
	*o = '\0';
	return s;
}

static int
date_ok(const char *s)
{
	int y, m, d;
	char tail;

	if (s == NULL || strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return 0;
	return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* "2025-05-23T09:03:35[.fff][Z|+00:00]" -> "2025-05-23 09:03:35" */
static const char *
datetime_sql(struct arena *a, const char *s)
{
	int		 hh, mm, ss;
	char		*o;

	if (s == NULL || strlen(s) < 19 || !date_ok(arena_strndup(a, s, 10)) ||
	    s[10] != 'T' || sscanf(s + 11, "%2d:%2d:%2d", &hh, &mm, &ss) != 3 ||
	    hh > 23 || mm > 59 || ss > 60)
		return date_ok(s) ? arena_printf(a, "%s 00:00:00", s) : NULL;
	o = arena_strndup(a, s, 19);
	o[10] = ' ';
	return o;
}

/* The metadata inside akn:meta: identification and proprietary. */
static void
walk_meta(struct walk *w, xmlNode *n)
{
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		xmlNode *p = c->parent;
		if (is_el(c, AKN_NS, "FRBRname") && is_el(p, AKN_NS, "FRBRWork"))
			w->d->title = attr(w->a, c, "value");
		else if (is_el(c, AKN_NS, "FRBRdate") &&
		    is_el(p, AKN_NS, "FRBRWork")) {
			const char *d = attr(w->a, c, "date");
			w->d->work_date = date_ok(d) ? d : NULL;
			w->d->work_date_name = attr(w->a, c, "name");
		} else if (is_el(c, AKN_NS, "FRBRdate") &&
		    is_el(p, AKN_NS, "FRBRManifestation")) {
			const char *nm = attr(w->a, c, "name");
			if (nm != NULL && strcmp(nm, "transform") == 0)
				w->d->transform_date = datetime_sql(w->a,
				    attr(w->a, c, "date"));
		} else if (is_el(c, UK_NS, "court"))
			w->d->court = text_of(w->a, c);
		else if (is_el(c, UK_NS, "jurisdiction"))
			w->d->jurisdiction = text_of(w->a, c);
		else if (is_el(c, UK_NS, "cite"))
			w->d->ncn = text_of(w->a, c);
		else if (is_el(c, UK_NS, "hash"))
			w->d->stated_hash = text_of(w->a, c);
		else if (is_el(c, UK_NS, "sourceFormat"))
			w->d->source_format = text_of(w->a, c);
		else if (is_el(c, UK_NS, "party")) {
			const char *t = text_of(w->a, c);
			buf_addf(&w->parties, "%s\n", t);
			tokens_add(&w->ptok, t);
			buf_adds(&w->ptok, " |");
		}
		walk_meta(w, c);
	}
}

/* Inline elements: no word boundary at their edges ("<b>Hel</b>lo"). */
static int
inline_el(xmlNode *n)
{
	static const char *const names[] = { "span", "b", "i", "u", "sup",
	    "sub", "a", "ref", "inline", "abbr", "term", "marker", NULL };

	for (size_t i = 0; names[i]; i++)
		if (strcmp((const char *)n->name, names[i]) == 0)
			return 1;
	return 0;
}

/* Document order over everything outside akn:meta. */
static void
walk_body(struct walk *w, xmlNode *n)
{
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		switch (c->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (c->content != NULL) {
				hash_text(w->hash, (const char *)c->content);
				buf_adds(&w->body, (const char *)c->content);
			}
			break;
		case XML_ELEMENT_NODE:
			if (is_el(c, AKN_NS, "meta")) {
				w->seen_meta = 1;
				walk_meta(w, c);
				break;
			}
			if (is_el(c, AKN_NS, "party")) {
				const char *t = text_of(w->a, c);
				buf_addf(&w->parties, "%s\n", t);
				tokens_add(&w->ptok, t);
				buf_adds(&w->ptok, " |");
			} else if (is_el(c, AKN_NS, "judge")) {
				const char *t = text_of(w->a, c);
				buf_addf(&w->judges, "%s\n", t);
				tokens_add(&w->jtok, t);
				buf_adds(&w->jtok, " |");
			}
			if (!inline_el(c))
				buf_addc(&w->body, ' ');
			walk_body(w, c);
			if (!inline_el(c))
				buf_addc(&w->body, ' ');
			break;
		default:	/* comments, PIs: not text */
			break;
		}
	}
}

/* Collects libxml2's first error message instead of printing it. */
static void
xml_error(void *ctx, const xmlError *e)
{
	char *msg = ctx;

	if (msg[0] == '\0' && e != NULL && e->message != NULL) {
		snprintf(msg, 200, "line %d: %s", e->line, e->message);
		msg[strcspn(msg, "\n")] = '\0';
	}
}

static const char *
buf_str(struct arena *a, struct buf *b)
{
	const char *s = arena_strndup(a, b->s ? b->s : "", b->len);
	buf_free(b);
	return s;
}

/*
 * Parses one document. Returns 0 and fills *d, or -1 with a short reason in
 * *why (arena-owned) for text that is not well-formed XML or not Akoma Ntoso.
 */
int
akn_parse(struct arena *a, const char *xml, size_t len, struct akn *d,
    const char **why)
{
	char		 msg[200] = "";
	xmlDoc		*doc;
	xmlNode		*root;
	struct walk	 w = { .a = a, .d = d };
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned	 mdlen = 0;
	char		 slug[256];

	memset(d, 0, sizeof(*d));
	*why = NULL;
	if (len > (size_t)2147483647) {
		*why = "document too large";
		return -1;
	}
	xmlSetStructuredErrorFunc(msg, (xmlStructuredErrorFunc)xml_error);
	doc = xmlReadMemory(xml, (int)len, "data.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc == NULL) {
		*why = arena_printf(a, "not well-formed XML (%s)",
		    msg[0] ? msg : "empty document");
		return -1;
	}
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		*why = "a DOCTYPE is not allowed";
		goto err;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !is_el(root, AKN_NS, "akomaNtoso")) {
		*why = "not an Akoma Ntoso 3.0 document (the root element is "
		    "not akomaNtoso in the AKN namespace)";
		goto err;
	}
	if ((w.hash = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(w.hash, EVP_sha256(), NULL) != 1) {
		*why = "out of memory";
		goto err;
	}
	walk_body(&w, root);
	if (!w.seen_meta) {
		*why = "not a judgment: no akn:meta element";
		goto err;
	}
	if (d->ncn == NULL) {
		/* Older files carry the NCN only in the header. */
		for (xmlNode *c = root; c != NULL; ) {
			if (is_el(c, AKN_NS, "neutralCitation")) {
				d->ncn = text_of(a, c);
				break;
			}
			if (c->children && !is_el(c, AKN_NS, "meta"))
				c = c->children;
			else {
				while (c != NULL && c->next == NULL)
					c = c->parent;
				c = c ? c->next : NULL;
			}
		}
	}
	if (d->ncn != NULL && *d->ncn == '\0')
		d->ncn = NULL;
	if (d->ncn != NULL && ncn_to_slug(d->ncn, slug, sizeof(slug)) == 0)
		d->ncn_slug = arena_strdup(a, slug);
	if (d->title == NULL)
		d->title = "";
	EVP_DigestFinal_ex(w.hash, md, &mdlen);
	EVP_MD_CTX_free(w.hash);
	for (size_t i = 0; i < mdlen && i < 32; i++)
		snprintf(d->hash + 2 * i, 3, "%02x", md[i]);
	sha256_hex(xml, len, d->sha256);
	d->title_tokens = tokens_of(a, d->title);
	buf_addc(&w.body, ' ');
	d->body_tokens = tokens_of(a, w.body.s ? w.body.s : "");
	buf_free(&w.body);
	/* The title counts as a party name (spec 2.2). */
	tokens_add(&w.ptok, d->title);
	buf_adds(&w.ptok, " | ");
	d->party_tokens = arena_printf(a, " |%s", buf_str(a, &w.ptok));
	buf_adds(&w.jtok, " ");
	d->judge_tokens = arena_printf(a, " |%s", buf_str(a, &w.jtok));
	d->parties = buf_str(a, &w.parties);
	d->judges = buf_str(a, &w.judges);
	xmlFreeDoc(doc);
	return 0;
err:
	EVP_MD_CTX_free(w.hash);
	buf_free(&w.body);
	buf_free(&w.parties);
	buf_free(&w.judges);
	buf_free(&w.ptok);
	buf_free(&w.jtok);
	xmlFreeDoc(doc);
	return -1;
}

/*
 * The NCN -> slug rules of spec 7, first match wins; groups are joined in
 * the given order, lower-cased. Compiled once per process.
 */
static const struct {
	const char	*re;
	int		 order[4];
} ncn_rules[] = {
	{ "^\\[([0-9]{4})\\] (UKSC|UKPC|UKIPTrib) ([0-9]+)$", { 2, 1, 3, 0 } },
	{ "^\\[([0-9]{4})\\] (EWCA) (Civ|Crim) ([0-9]+)$", { 2, 3, 1, 4 } },
	{ "^\\[([0-9]{4})\\] (EWHC) ([0-9]+) \\((Admin|Admlty|Ch|Comm|Costs|"
	    "Fam|IPEC|Pat|QB|KB|SCCO|TCC|Mercantile)\\)$", { 2, 4, 1, 3 } },
	{ "^\\[([0-9]{4})\\] (EWFC|EWCOP|EWCC|EWCR) ([0-9]+)$", { 2, 1, 3, 0 } },
	{ "^\\[([0-9]{4})\\] (EWCOP) ([0-9]+) \\((T1|T2|T3)\\)$", { 2, 4, 1, 3 } },
	{ "^\\[([0-9]{4})\\] (UKUT) ([0-9]+) \\((AAC|IAC|LC|TCC)\\)$",
	    { 2, 4, 1, 3 } },
	{ "^\\[([0-9]{4})\\] (EAT) ([0-9]+)$", { 2, 1, 3, 0 } },
	{ "^\\[([0-9]{4})\\] (UKFTT) ([0-9]+) \\((TC|GRC|PC|HESC)\\)$",
	    { 2, 4, 1, 3 } },
	{ "^\\[([0-9]{4})\\] (UKAIT) ([0-9]+)$", { 2, 1, 3, 0 } },
	{ "^\\[([0-9]{4})\\] (EWFC) ([0-9]+) \\((B)\\)$", { 2, 4, 1, 3 } },
};
#define NCN_RULES (sizeof(ncn_rules) / sizeof(ncn_rules[0]))

int
ncn_to_slug(const char *ncn, char *out, size_t outlen)
{
	static regex_t	 re[NCN_RULES];
	static int	 compiled;
	regmatch_t	 m[5];

	if (!compiled) {
		for (size_t i = 0; i < NCN_RULES; i++)
			if (regcomp(&re[i], ncn_rules[i].re, REG_EXTENDED) != 0)
				return -1;
		compiled = 1;
	}
	if (strlen(ncn) > 100)
		return -1;
	for (size_t i = 0; i < NCN_RULES; i++) {
		if (regexec(&re[i], ncn, 5, m, 0) != 0)
			continue;
		size_t o = 0;
		for (size_t k = 0; k < 4 && ncn_rules[i].order[k]; k++) {
			regmatch_t g = m[ncn_rules[i].order[k]];
			size_t n = (size_t)(g.rm_eo - g.rm_so);
			if (o + n + 2 > outlen)
				return -1;
			if (k > 0)
				out[o++] = '/';
			for (size_t j = 0; j < n; j++)
				out[o++] = (char)tolower(
				    (unsigned char)ncn[g.rm_so + (regoff_t)j]);
		}
		out[o] = '\0';
		return 0;
	}
	return -1;
}

/* A document URI: [a-z0-9/-], no leading, trailing or double '/', no '.'. */
int
uri_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > URI_MAX || s[0] == '/' || s[n - 1] == '/' ||
	    strstr(s, "//") != NULL)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || isdigit((unsigned char)s[i]) ||
		    s[i] == '/' || s[i] == '-'))
			return 0;
	return 1;
}

static const char fclid_alphabet[] = "bcdfghjkmnpqrstvwxyz23456789";

int
fclid_valid(const char *s)
{
	size_t n = strlen(s);

	if (n < 4 || n > 32)
		return 0;
	return strspn(s, fclid_alphabet) == n;
}

/*
 * A new FCLID: 8 random characters of the FCLID alphabet (the same format
 * as FCL's Sqids values; uniqueness is the database's unique key).
 */
void
fclid_random(char out[FCLID_LEN + 1])
{
	unsigned char r[FCLID_LEN];

	(void)random_bytes(r, sizeof(r));
	for (size_t i = 0; i < FCLID_LEN; i++)
		out[i] = fclid_alphabet[r[i] % (sizeof(fclid_alphabet) - 1)];
	out[FCLID_LEN] = '\0';
}
