/*
 * The feed's parameters (spec 2.1) and the one SELECT they become (2.2,
 * 2.3). Parsing checks every value and turns it into tokens, court codes
 * and dates, so that the query builder below only joins fixed SQL fragments
 * and binds the values; nothing a client sends is ever part of the SQL text.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/arena.h"
#include "../lib/db.h"
#include "../lib/http.h"
#include "judgments.h"

#define QUERY_MAX	1000	/* bytes */
#define NAME_MAX_LEN	200	/* party, judge */

static int
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;

	while (p < e) {
		size_t k;
		unsigned cp;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			k = 1, cp = *p & 0x1fu;
		else if (*p >= 0xe0 && *p <= 0xef)
			k = 2, cp = *p & 0x0fu;
		else if (*p >= 0xf0 && *p <= 0xf4)
			k = 3, cp = *p & 0x07u;
		else
			return 0;
		if ((size_t)(e - p) <= k)
			return 0;
		for (size_t i = 1; i <= k; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3fu);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 ||
		    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		p += k + 1;
	}
	return 1;
}

/* Is v one of the comma-separated names in list? */
static int
in_list(const char *list, const char *v)
{
	size_t n = strlen(v);

	for (const char *p = list; *p; ) {
		size_t k = strcspn(p, ",");
		if (k == n && strncmp(p, v, n) == 0)
			return 1;
		p += k;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* The first path segment of s equals v ("ewca" of "ewca/civ"). */
static int
first_segment_is(const char *s, const char *v)
{
	size_t n = strlen(v);

	return strncmp(s, v, n) == 0 && s[n] == '/';
}

static int
segment_of_any(const char *v)
{
	for (size_t i = 0; i < ncourts; i++) {
		const struct court *c = &courts[i];
		if (first_segment_is(c->param, v) || first_segment_is(c->prefix, v))
			return 1;
		for (const char *p = c->aliases; *p; ) {
			if (first_segment_is(p, v))
				return 1;
			p += strcspn(p, ",");
			if (*p == ',')
				p++;
		}
	}
	return 0;
}

static void
add_unique(const char **arr, size_t *n, size_t max, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(arr[i], s) == 0)
			return;
	if (*n < max)
		arr[(*n)++] = s;
}

/*
 * One court or tribunal value (lower case, no spaces) -> the codes and NCN
 * slug prefixes it matches (spec 2.2): its own code, every code whose URL
 * form is the value or an alias of it, and every document whose NCN slug
 * starts with the value. Returns -1 for a value the court list does not
 * know in any accepted form.
 */
int
court_resolve(struct arena *a, const char *v, struct court_filter *f)
{
	const char	*forms[8];
	size_t		 nforms = 0;
	int		 known = 0;

	memset(f, 0, sizeof(*f));
	add_unique(forms, &nforms, 8, v);
	for (size_t i = 0; i < ncourts; i++) {
		const struct court *c = &courts[i];
		if (strcasecmp(c->code, v) == 0) {
			add_unique(f->codes, &f->ncodes, FEED_MAX_TERMS, c->code);
			f->label = f->label ? f->label : c->name;
			known = 1;
		}
		if (*c->param && in_list(c->aliases, v)) {
			add_unique(forms, &nforms, 8, c->param);
			known = 1;
		}
		if (*c->param && strcmp(c->param, v) == 0) {
			for (const char *p = c->aliases; *p; ) {
				size_t k = strcspn(p, ",");
				add_unique(forms, &nforms, 8, arena_strndup(a, p, k));
				p += k;
				if (*p == ',')
					p++;
			}
			known = 1;
		}
		if (*c->prefix && strcmp(c->prefix, v) == 0)
			known = 1;
	}
	if (!known && !segment_of_any(v))
		return -1;
	for (size_t i = 0; i < ncourts; i++)
		for (size_t k = 0; k < nforms; k++)
			if (*courts[i].param && strcmp(courts[i].param, forms[k]) == 0) {
				add_unique(f->codes, &f->ncodes, FEED_MAX_TERMS,
				    courts[i].code);
				if (f->label == NULL && k == 0)
					f->label = courts[i].name;
			}
	for (size_t k = 0; k < nforms; k++)
		add_unique(f->prefixes, &f->nprefixes, 8,
		    arena_printf(a, "%s/", forms[k]));
	if (f->label == NULL) {
		char *up = arena_strdup(a, v);
		for (char *p = up; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		f->label = up;
	}
	return 0;
}

/* "  a  b " -> " a b " tokens of one phrase; NULL if it has none. */
static const char *
phrase_of(struct arena *a, const char *s)
{
	const char *t = tokens_of(a, s);

	return strcmp(t, " ") == 0 ? NULL : t;
}

/* Splits the query on '"': outside are words, inside phrases (spec 2.2). */
static int
query_terms(struct req *r, struct feed_query *q, const char *raw)
{
	struct buf	 b = { 0 };
	char		*s, *p;
	int		 quoted = 0;

	/* Curly double quotes are quotes too. */
	for (const char *c = raw; *c; c++) {
		if (strncmp(c, "\xe2\x80\x9c", 3) == 0 ||
		    strncmp(c, "\xe2\x80\x9d", 3) == 0) {
			buf_addc(&b, '"');
			c += 2;
		} else
			buf_addc(&b, *c);
	}
	s = arena_strndup(&r->a, b.s ? b.s : "", b.len);
	buf_free(&b);
	for (p = s; ; quoted = !quoted) {
		size_t n = strcspn(p, "\"");
		char *part = arena_strndup(&r->a, p, n);
		const char *t = phrase_of(&r->a, part);
		if (t != NULL && quoted && strchr(t + 1, ' ') != t + strlen(t) - 1) {
			if (q->nphrases == FEED_MAX_TERMS)
				return -1;
			q->phrases[q->nphrases++] = t;
		} else if (t != NULL) {
			/* Outside quotes, or a one-word phrase: words. */
			char *w = arena_strdup(&r->a, t + 1), *save, *tok;
			for (tok = strtok_r(w, " ", &save); tok;
			    tok = strtok_r(NULL, " ", &save)) {
				if (q->nwords == FEED_MAX_TERMS)
					return -1;
				q->words[q->nwords++] = arena_printf(&r->a, " %s ",
				    tok);
			}
		}
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
	return 0;
}

/* A decimal integer, digits only; -1 if not. Large values give LONG_MAX/2. */
static long
decimal(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || strspn(s, "0123456789") != n)
		return -1;
	while (n > 1 && *s == '0')
		s++, n--;
	if (n > 9)
		return 1000000000L;
	return strtol(s, NULL, 10);
}

static int
days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* YYYY-MM-DD, a real date. */
static int
iso_date(const char *s, char out[11])
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    strspn(s, "0123456789-") != 10)
		return -1;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
		return -1;
	memcpy(out, s, 11);
	return 0;
}

/* The advanced-search form's day/month/year parts; to = end of the span. */
static int
form_date(struct feed_query *q, const char *dd, const char *mm,
    const char *yy, int is_to, char out[11])
{
	long y, m, d;

	out[0] = '\0';
	if (!dd && !mm && !yy)
		return 0;
	if (yy == NULL || (y = decimal(yy)) < 1 || y > 9999)
		return -1;
	m = mm ? decimal(mm) : (is_to ? 12 : 1);
	if (m < 1 || m > 12)
		return -1;
	d = dd ? decimal(dd) : (is_to ? days_in((int)y, (int)m) : 1);
	if (d < 1 || d > days_in((int)y, (int)m))
		return -1;
	(void)q;
	snprintf(out, 11, "%04d-%02d-%02d", (int)(y % 10000), (int)(m % 100),
	    (int)(d % 100));
	return 0;
}

/* Narrows [from, to] by one more bound. */
static void
narrow(char bound[11], const char *d, int is_to)
{
	if (*d == '\0')
		return;
	if (*bound == '\0' || (is_to ? strcmp(d, bound) < 0 :
	    strcmp(d, bound) > 0))
		memcpy(bound, d, 11);
}

/* The value of the first non-empty pair named k, or NULL. */
static const char *
param(const struct feed_query *q, const char *k)
{
	return kv_get(&q->kept, k);
}

static int
bad(struct req *r, const char *why)
{
	return http_error(r, 400, why);
}

/*
 * Fills *q from the query string. Returns 0, or 400 with a short reason
 * (already rendered by http_error).
 */
int
feed_query_parse(struct req *r, struct feed_query *q)
{
	struct kvlist	 all = { 0 };
	const char	*v;
	char		 d[11];

	memset(q, 0, sizeof(*q));
	q->desc = 1;
	q->page = 1;
	q->per_page = PER_PAGE_MAX;
	if (parse_urlencoded(&r->a, &all, r->query_string,
	    strlen(r->query_string)) != 0)
		return bad(r, "The query string is not valid (a NUL byte)");
	for (size_t i = 0; i < all.n; i++) {
		if (!utf8_valid(all.v[i].key, strlen(all.v[i].key)) ||
		    !utf8_valid(all.v[i].val, all.v[i].len))
			return bad(r, "The query string is not valid UTF-8");
		/* An empty value counts as absent (spec 2.1). */
		if (all.v[i].len > 0)
			kv_add(&r->a, &q->kept, all.v[i].key, all.v[i].val,
			    all.v[i].len);
	}
	if ((v = param(q, "query")) != NULL) {
		if (strlen(v) > QUERY_MAX)
			return bad(r, "query: at most 1000 bytes");
		char slug[256];
		q->query = v;
		if (ncn_to_slug(v, slug, sizeof(slug)) == 0)
			q->ncn = v;
		if (query_terms(r, q, v) != 0)
			return bad(r, "query: too many words");
	}
	for (size_t i = 0; i < q->kept.n; i++) {
		const char *k = q->kept.v[i].key;
		if (strcmp(k, "court") != 0 && strcmp(k, "tribunal") != 0)
			continue;
		/* Lower case, no spaces, split on ','. */
		char *lc = arena_strdup(&r->a, q->kept.v[i].val), *o = lc;
		for (const char *p = lc; *p; p++)
			if (*p != ' ')
				*o++ = (char)tolower((unsigned char)*p);
		*o = '\0';
		char *save, *tok;
		for (tok = strtok_r(lc, ",", &save); tok;
		    tok = strtok_r(NULL, ",", &save)) {
			if (q->ncourts == FEED_MAX_TERMS)
				return bad(r, "court: too many values");
			if (court_resolve(&r->a, tok, &q->courts[q->ncourts]) != 0)
				return bad(r, arena_printf(&r->a, "%s: unknown court "
				    "or tribunal '%.100s'", k, tok));
			q->ncourts++;
		}
	}
	if ((v = param(q, "party")) != NULL) {
		if (strlen(v) > NAME_MAX_LEN)
			return bad(r, "party: at most 200 bytes");
		q->party = phrase_of(&r->a, v);
	}
	if ((v = param(q, "judge")) != NULL) {
		if (strlen(v) > NAME_MAX_LEN)
			return bad(r, "judge: at most 200 bytes");
		char *s = arena_strdup(&r->a, v), *save, *tok;
		for (tok = strtok_r(s, ",", &save); tok;
		    tok = strtok_r(NULL, ",", &save)) {
			const char *t = phrase_of(&r->a, tok);
			if (t != NULL && q->njudges < FEED_MAX_TERMS)
				q->judges[q->njudges++] = t;
		}
	}
	if ((v = param(q, "order")) != NULL) {
		const char *o = v + (*v == '-');
		q->desc = *v == '-';
		if (strcmp(o, "date") == 0)
			q->order = ORDER_DATE;
		else if (strcmp(o, "updated") == 0)
			q->order = ORDER_UPDATED;
		else if (strcmp(o, "transformation") == 0)
			q->order = ORDER_TRANSFORMATION;
		else
			return bad(r, "order: one of date, -date, updated, "
			    "-updated, transformation, -transformation");
	}
	if ((v = param(q, "page")) != NULL &&
	    ((q->page = decimal(v)) < 1 || q->page > PAGE_MAX))
		return bad(r, "page: a whole number from 1 to 10000");
	if ((v = param(q, "per_page")) != NULL) {
		if ((q->per_page = decimal(v)) < 1)
			return bad(r, "per_page: a whole number, 1 or more");
		if (q->per_page > PER_PAGE_MAX)
			q->per_page = PER_PAGE_MAX;
	}
	/* Dates: every bound given narrows the span; from > to is an error. */
	if ((v = param(q, "from_date")) != NULL) {
		if (iso_date(v, d) != 0)
			return bad(r, "from_date: a date as YYYY-MM-DD");
		narrow(q->from, d, 0);
	}
	if ((v = param(q, "to_date")) != NULL) {
		if (iso_date(v, d) != 0)
			return bad(r, "to_date: a date as YYYY-MM-DD");
		narrow(q->to, d, 1);
	}
	if ((v = param(q, "year")) != NULL) {
		long y = decimal(v);
		if (strlen(v) != 4 || y < 1)
			return bad(r, "year: four digits, YYYY");
		snprintf(d, sizeof(d), "%04d-01-01", (int)(y % 10000));
		narrow(q->from, d, 0);
		snprintf(d, sizeof(d), "%04d-12-31", (int)(y % 10000));
		narrow(q->to, d, 1);
	}
	if (form_date(q, param(q, "from_date_0"), param(q, "from_date_1"),
	    param(q, "from_date_2"), 0, d) != 0)
		return bad(r, "from_date_0/1/2: not a date (day, month, year; "
		    "the year is required)");
	narrow(q->from, d, 0);
	if (form_date(q, param(q, "to_date_0"), param(q, "to_date_1"),
	    param(q, "to_date_2"), 1, d) != 0)
		return bad(r, "to_date_0/1/2: not a date (day, month, year; "
		    "the year is required)");
	narrow(q->to, d, 1);
	if (*q->from && *q->to && strcmp(q->from, q->to) > 0)
		return bad(r, "the from date is after the to date");
	if ((v = param(q, "minimum_availability")) != NULL) {
		if (strcmp(v, "full-text") == 0)
			q->avail = AVAIL_FULL_TEXT;
		else if (strcmp(v, "document") == 0)
			q->avail = AVAIL_DOCUMENT;
		else if (strcmp(v, "metadata") == 0)
			q->avail = AVAIL_METADATA;
		else
			return bad(r, "minimum_availability: one of metadata, "
			    "document, full-text");
	}
	return 0;
}

/* A WHERE clause under construction: fixed text, bound values. */
struct where {
	struct buf	 from;		/* the tables, after FROM */
	struct buf	 sql;
	struct dbp	 p[4 * FEED_MAX_TERMS * 3 + 32];
	size_t		 np;
};

static void
bind_s(struct where *w, const char *s)
{
	if (w->np < sizeof(w->p) / sizeof(w->p[0]))
		w->p[w->np++] = (struct dbp){ .t = 's', .s = s };
}

/*
 * The query's words and phrases (spec 2.2) as LOCATEs over judgment_search
 * s: a word " w " is a token of the title, a party or the body; a phrase
 * " w1 w2 " is consecutive body tokens. The columns hold only [a-z0-9] and
 * separators (tokens_of()), so that a LOCATE is the rule itself.
 */
static void
terms_build(const struct feed_query *q, struct where *w)
{
	buf_adds(&w->sql, "(1 = 1");
	for (size_t i = 0; i < q->nwords; i++) {
		buf_adds(&w->sql, " AND (LOCATE(?, s.title_tokens) > 0 OR "
		    "LOCATE(?, s.party_tokens) > 0 OR "
		    "LOCATE(?, s.body_tokens) > 0)");
		bind_s(w, q->words[i]);
		bind_s(w, q->words[i]);
		bind_s(w, q->words[i]);
	}
	for (size_t i = 0; i < q->nphrases; i++) {
		buf_adds(&w->sql, " AND LOCATE(?, s.body_tokens) > 0");
		bind_s(w, q->phrases[i]);
	}
	buf_adds(&w->sql, ")");
}

/*
 * The cheap filters come first, on the metadata row j (published, format,
 * court, dates, then party and judge over their small token columns), and
 * the text last: STRAIGHT_JOIN reads judgments before judgment_search, so
 * that the body tokens of a row are read and scanned only when the row has
 * passed every other filter (a phrase with a court scans that court's
 * documents only).
 */
static void
where_build(const struct feed_query *q, struct where *w)
{
	buf_adds(&w->from, "judgments j");
	buf_adds(&w->sql, " WHERE j.published = 1");
	if (q->avail == AVAIL_FULL_TEXT)
		buf_adds(&w->sql, " AND (j.source_format IS NULL OR "
		    "j.source_format <> 'application/pdf')");
	if (q->ncourts) {
		buf_adds(&w->sql, " AND (1 = 0");
		for (size_t i = 0; i < q->ncourts; i++) {
			const struct court_filter *f = &q->courts[i];
			for (size_t k = 0; k < f->ncodes; k++) {
				buf_adds(&w->sql, " OR j.court = ?");
				bind_s(w, f->codes[k]);
			}
			/* Prefixes are court-list forms: [a-z0-9/] only, no LIKE
			 * wildcards. */
			for (size_t k = 0; k < f->nprefixes; k++) {
				buf_adds(&w->sql, " OR j.ncn_slug LIKE CONCAT(?, '%')");
				bind_s(w, f->prefixes[k]);
			}
		}
		buf_adds(&w->sql, ")");
	}
	if (*q->from) {
		buf_adds(&w->sql, " AND j.work_date >= ?");
		bind_s(w, q->from);
	}
	if (*q->to) {
		buf_adds(&w->sql, " AND j.work_date <= ?");
		bind_s(w, q->to);
	}
	/* The reference leaves out undated documents from date order. */
	if (q->order == ORDER_DATE)
		buf_adds(&w->sql, " AND j.work_date IS NOT NULL");
	if (q->party) {
		buf_adds(&w->sql, " AND LOCATE(?, j.party_tokens) > 0");
		bind_s(w, q->party);
	}
	if (q->njudges) {
		buf_adds(&w->sql, " AND (1 = 0");
		for (size_t i = 0; i < q->njudges; i++) {
			buf_adds(&w->sql, " OR LOCATE(?, j.judge_tokens) > 0");
			bind_s(w, q->judges[i]);
		}
		buf_adds(&w->sql, ")");
	}
	if (q->nwords || q->nphrases) {
		buf_adds(&w->from, " STRAIGHT_JOIN judgment_search s ON "
		    "s.judgment_id = j.id");
		buf_adds(&w->sql, " AND (");
		/* An NCN-like query also matches uk:cite. */
		if (q->ncn) {
			buf_adds(&w->sql, "j.ncn = ? OR ");
			bind_s(w, q->ncn);
		}
		terms_build(q, w);
		buf_adds(&w->sql, ")");
	}
}

/*
 * Counts the matches and reads one page of them, ordered by the key of
 * spec 2.3 with the URI as the tie-break (always ascending, so that paging
 * is stable in either direction). Returns 0, or an error status.
 */
int
feed_query_run(struct req *r, const struct feed_query *q, struct feed_page *pg)
{
	static const char *const keys[] = { "j.work_date", "j.updated_at",
	    "j.transform_date" };
	struct where	*w = arena_calloc(&r->a, sizeof(*w));
	struct dbq	*dq;
	char		**row;
	const char	*sql;

	memset(pg, 0, sizeof(*pg));
	where_build(q, w);
	sql = arena_printf(&r->a, "SELECT COUNT(*), DATE_FORMAT(MAX(j.updated_at), "
	    "'%%Y-%%m-%%d %%H:%%i:%%s') FROM %s%s", w->from.s, w->sql.s);
	if ((dq = db_runp(&r->a, sql, w->p, w->np)) == NULL ||
	    (row = db_next(dq)) == NULL) {
		buf_free(&w->sql);
		buf_free(&w->from);
		return http_db_error(r);
	}
	pg->total = strtoll(row[0], NULL, 10);
	pg->last_modified = row[1];
	db_done(dq);
	if (pg->total <= (long long)(q->page - 1) * q->per_page) {
		buf_free(&w->sql);
		buf_free(&w->from);
		return 0;
	}
	sql = arena_printf(&r->a, "SELECT j.uri, j.fclid, j.ncn, j.ncn_slug, "
	    "j.title, j.court, j.jurisdiction, DATE_FORMAT(j.work_date, "
	    "'%%Y-%%m-%%d'), DATE_FORMAT(j.transform_date, "
	    "'%%Y-%%m-%%dT%%H:%%i:%%s'), j.content_hash FROM %s%s ORDER BY %s %s, "
	    "j.uri ASC LIMIT ? OFFSET ?", w->from.s, w->sql.s, keys[q->order],
	    q->desc ? "DESC" : "ASC");
	buf_free(&w->sql);
	buf_free(&w->from);
	w->p[w->np++] = (struct dbp){ .t = 'i', .i = q->per_page };
	w->p[w->np++] = (struct dbp){ .t = 'i',
	    .i = (long long)(q->page - 1) * q->per_page };
	if ((dq = db_runp(&r->a, sql, w->p, w->np)) == NULL)
		return http_db_error(r);
	pg->e = arena_calloc(&r->a, sizeof(*pg->e) * (size_t)q->per_page);
	while ((row = db_next(dq)) != NULL && pg->n < (size_t)q->per_page) {
		struct feed_entry *e = &pg->e[pg->n++];
		e->uri = row[0];
		e->fclid = row[1];
		e->ncn = row[2];
		e->ncn_slug = row[3];
		e->title = row[4];
		e->court = row[5];
		e->jurisdiction = row[6];
		e->work_date = row[7];
		e->transform_date = row[8];
		e->hash = row[9];
	}
	return 0;
}
