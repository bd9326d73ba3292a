/*
 * Query power over the case store: GET /cases/search (query string) and
 * POST /cases/search (JSON body) with filters, paging, sort and
 * custom_results, and the same filters picking the record of an upsert.
 * Each filter is one row of filter_defs: its SQL with one placeholder, and
 * the SQL for "%empty%" (null) where that means something. The WHERE clause
 * is composed from those fixed fragments; every value is bound.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "cases.h"

#define PAGE_DEFAULT	20
#define PAGE_MAX	100
#define PAGE_NUMBER_MAX	10000000	/* keeps the offset far from overflow */
#define VALUE_MAX	200
#define BINDS_MAX	64	/* bound values of one search's filters */
#define EMPTY		"%empty%"

/*
 * A page walks the records in id order and stops at its LIMIT, testing each
 * against the filters' subqueries (a semi-join by FirstMatch or LooseScan).
 * Left to itself the optimizer materializes every match first and sorts
 * them: over 100,000 cases a filter matching most of them took 140 ms a
 * page that way, 1 ms this way. The counts keep the optimizer's choice.
 * SET STATEMENT is MariaDB's; on MySQL the page runs as the optimizer
 * plans it.
 */
#define PAGE_PLAN	(db_is_mariadb() ? "SET STATEMENT " \
	"optimizer_switch='materialization=off' FOR " : "")

/*
 * A person of the case matches: "c.id IN (matching persons)", so that an
 * index on the person's column finds the few cases (as for a matter's
 * client).
 */
#define PERSON(cond) "c.id IN (SELECT p.case_id FROM persons p WHERE " cond ")"

static const struct filter_def filter_defs[] = {
	{ "case_type", K_CASE_TYPE, "c.case_type = ?", NULL, NULL },
	{ "external_id", K_TEXT, "c.external_id = ?", "c.external_id IS NULL", NULL },
	{ "person_name", K_LIKE, PERSON("p.name LIKE ?"),
	    "NOT EXISTS (SELECT 1 FROM persons p WHERE p.case_id = c.id)", NULL },
	{ "postcode", K_POSTCODE, PERSON("p.postcode = ?"),
	    PERSON("p.postcode IS NULL"), NULL },
	{ "email", K_TEXT, PERSON("p.email = ?"), PERSON("p.email IS NULL"), NULL },
	{ "phone_number", K_PHONE,
	    PERSON("REGEXP_REPLACE(p.phone_number, '[^0-9+]', '') = ?"),
	    PERSON("p.phone_number IS NULL"), NULL },
	{ "note_type", K_NOTE_TYPE, "c.id IN (SELECT n.case_id FROM case_notes n "
	    "WHERE n.note_type = ?)", NULL, NULL },
	{ "created_after", K_TIME, "c.created_at > ?", NULL, NULL },
	{ "created_before", K_TIME, "c.created_at < ?", NULL, NULL },
	{ "updated_after", K_TIME, "c.updated_at > ?", NULL, NULL },
	{ "updated_before", K_TIME, "c.updated_at < ?", NULL, NULL },
};

/* The output fields custom_results may name (besides "id"). */
static const char *const result_fields[] = {
	"case_type", "notes", "people", "case_tracker", "eligibility_outcomes",
	"case_adaptations", "external_id", "created_at", "updated_at", NULL
};

static int load_cases(struct req *, const long long *, size_t, json_object **);
static int load_cases_text(struct req *, const long long *, size_t,
    const char **);
static const char *cases_text_col(struct req *);

/* The LAA case search: GET|POST /cases/search and upserts on /cases. */
const struct search_face case_search_face = {
	.filters = filter_defs,
	.nfilters = sizeof(filter_defs) / sizeof(filter_defs[0]),
	.results = result_fields,
	.key = "id",
	.load = load_cases,
	.load_text = load_cases_text,
	.text_col = cases_text_col,
};

struct query {
	const struct search_face *sf;
	struct buf	 where;
	struct dbp	 p[BINDS_MAX + 4];
	size_t		 np;
	long		 page, size;
	int		 desc;
	int		 failed;	/* a database error while parsing */
	json_object	*custom;	/* NULL: full records */
};

static void
bad_value(struct req *r, json_object *loc, const char *value, const char *msg)
{
	json_object *in = jstr(value);
	problem_add(r, "value_error", loc, arena_printf(&r->a, "Value error, %s",
	    msg), in, json_object_new_object());
	json_object_put(in);
}

/*
 * "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[.ffffff][Z]" (UTC) -> DATETIME(6)
 * text, fraction kept; impossible dates (2023-02-30) are refused.
 */
static char *
parse_time(struct req *r, const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int		 y, mo, d, h = 0, mi = 0, se = 0, n = 0;
	size_t		 len = strlen(s);
	char		 frac[8] = "";

	if (len == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 &&
	    n == 10)
		;
	else if (len >= 19 && s[10] == 'T' && sscanf(s,
	    "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &n) == 6 &&
	    n == 19) {
		const char *t = s + 19;
		if (*t == '.') {
			size_t k = 0;
			for (t++; isdigit((unsigned char)*t); t++)
				if (k < 6)
					frac[k++] = *t;
			if (k == 0)
				return NULL;
			frac[k] = '\0';
		}
		if (*t == 'Z')
			t++;
		if (*t != '\0')
			return NULL;
	} else
		return NULL;
	for (size_t i = 0; i < 19 && i < len; i++)
		if (i != 4 && i != 7 && i != 10 && i != 13 && i != 16 &&
		    !isdigit((unsigned char)s[i]))
			return NULL;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 ||
	    mi > 59 || se > 59 || (mo == 2 && d == 29 &&
	    !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return NULL;
	return arena_printf(&r->a, "%04d-%02d-%02d %02d:%02d:%02d%s%s", y, mo, d,
	    h, mi, se, *frac ? "." : "", frac);
}

/* LIKE with the caller's % and _ taken literally. */
static char *
like_pattern(struct req *r, const char *s)
{
	struct buf b = { 0 };

	buf_addc(&b, '%');
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			buf_addc(&b, '\\');
		buf_addc(&b, *s);
	}
	buf_addc(&b, '%');
	char *out = arena_strdup(&r->a, b.s);
	buf_free(&b);
	return out;
}

static const char *
one_of(const char *const *values, const char *const *codes, const char *s)
{
	for (size_t i = 0; values[i]; i++)
		if (strcmp(values[i], s) == 0)
			return codes ? codes[i] : values[i];
	for (size_t i = 0; codes && codes[i]; i++)
		if (strcmp(codes[i], s) == 0)
			return codes[i];
	return NULL;
}

/* "YY-NNNNNNN", the case number a matter shows: its number part. */
static char *
case_number_id(struct req *r, const char *s)
{
	size_t n = strlen(s);

	if (n < 4 || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || s[2] != '-' || n > 22)
		return NULL;
	for (size_t i = 3; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return NULL;
	return arena_printf(&r->a, "%lld", strtoll(s + 3, NULL, 10));
}

static char *
whole_number(struct req *r, const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0 || !isdigit((unsigned char)*s))
		return NULL;
	return arena_printf(&r->a, "%lld", v);
}

/*
 * A decimal as a DECIMAL(7,2) column holds it: up to five whole digits and
 * two after the point ("150", "150.5", "150.50"), as it is; else NULL.
 */
static const char *
decimal_number(const char *s)
{
	size_t w = strspn(s, "0123456789"), f = 0;

	if (s[w] == '.' && (f = strspn(s + w + 1, "0123456789")) == 0)
		return NULL;
	if (w == 0 || w > 5 || f > 2 || s[w + (s[w] == '.') + f] != '\0')
		return NULL;
	return s;
}

/* Adds one filter to the query, or a problem at loc. */
static void
add_filter(struct req *r, struct query *q, const struct filter_def *fd,
    const char *v, json_object *loc)
{
	const char	*bound = v;
	char		*conv;
	size_t		 nbind = 0;

	if (strlen(v) > VALUE_MAX) {
		bad_value(r, loc, v, "value is too long");
		return;
	}
	if (strcmp(v, EMPTY) == 0) {
		if (fd->null_sql == NULL) {
			bad_value(r, loc, v, "this filter cannot match null");
			return;
		}
		buf_addf(&q->where, " AND %s", fd->null_sql);
		json_object_put(loc);
		return;
	}
	/* The value is bound once for each placeholder of the fragment. */
	for (const char *s = fd->sql; *s; s++)
		nbind += *s == '?';
	if (q->np + nbind > BINDS_MAX) {
		bad_value(r, loc, v, "too many filters");
		return;
	}
	switch (fd->kind) {
	case K_CASE_TYPE:
		bound = one_of(case_fields[C_CASE_TYPE].values,
		    case_fields[C_CASE_TYPE].codes, v);
		break;
	case K_NOTE_TYPE: {
		const struct field *nt = &case_fields[C_NOTES].sub[1];
		bound = one_of(nt->values, NULL, v);
		if (bound == NULL)
			bound = one_of(nt->extra, NULL, v);
		break;
	}
	case K_LIKE:
		bound = like_pattern(r, v);
		break;
	case K_POSTCODE:
		conv = case_fields[C_PEOPLE].sub[4].norm(&r->a, v);
		bound = conv ? conv : v;
		break;
	case K_PHONE: {
		char *d = arena_strdup(&r->a, v), *o = d;
		for (const char *s = v; *s; s++)
			if (isdigit((unsigned char)*s) || *s == '+')
				*o++ = *s;
		*o = '\0';
		bound = d;
		break;
	}
	case K_TIME:
		bound = parse_time(r, v);
		break;
	case K_DATE:
		bound = strlen(v) == 10 ? parse_time(r, v) : NULL;
		if (bound != NULL)
			bound = arena_strndup(&r->a, bound, 10);
		break;
	case K_INT:
		bound = whole_number(r, v);
		break;
	case K_DECIMAL:
		bound = decimal_number(v);
		break;
	case K_UUID:
		bound = uuid_valid(v) ? v : NULL;
		break;
	case K_BOOL:
		bound = strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ? "1" :
		    strcmp(v, "false") == 0 || strcmp(v, "0") == 0 ? "0" : NULL;
		break;
	case K_CASE_NUMBER:
		bound = case_number_id(r, v);
		break;
	case K_LOOKUP:
	case K_REF: {
		long long id = 0;
		if ((fd->kind == K_REF ? ref_resolve(r, fd->lookup, v, &id) :
		    lookup_resolve(r, fd->lookup, v, &id)) < 0) {
			json_object_put(loc);
			q->failed = 1;
			return;
		}
		bound = id ? arena_printf(&r->a, "%lld", id) : NULL;
		break;
	}
	case K_TEXT:
		break;
	}
	if (bound == NULL) {
		bad_value(r, loc, v, fd->kind == K_TIME ? "expected an ISO 8601 "
		    "date or date-time in UTC" : fd->kind == K_DATE ? "expected a "
		    "date YYYY-MM-DD" : fd->kind == K_DECIMAL ? "expected a number "
		    "with at most two decimals" : "not one of the allowed values");
		return;
	}
	json_object_put(loc);
	buf_addf(&q->where, " AND %s", fd->sql);
	for (size_t i = 0; i < nbind; i++)
		q->p[q->np++] = (struct dbp){ .t = 's', .s = bound };
}

static long
parse_int(const char *s, long min)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	v = strtol(s, &end, 10);
	return *end != '\0' || v < min ? -1 : v;
}

static int
custom_ok(const struct search_face *sf, const char *name, int face)
{
	if (strcmp(name, sf->key) == 0 || (sf->star && strcmp(name, "*") == 0))
		return 1;
	if (face == FACE_REF && strcmp(name, "external_id") == 0)
		return 0;
	for (size_t i = 0; sf->results[i]; i++)
		if (strcmp(sf->results[i], name) == 0)
			return 1;
	return 0;
}

static void
custom_add(struct req *r, struct query *q, const char *name, json_object *loc)
{
	if (!custom_ok(q->sf, name, req_face(r))) {
		bad_value(r, loc, name, "unknown field in custom_results");
		return;
	}
	json_object_put(loc);
	json_object_array_add(q->custom, json_object_new_string(name));
}

/*
 * custom_results: a JSON array, or a comma-separated string ("" = []);
 * where the face allows it, also the text of a JSON array in the query
 * (custom_results=["first","email"]).
 */
static void
custom_parse(struct req *r, struct query *q, json_object *v, const char *s,
    json_object *loc)
{
	if (q->custom == NULL)
		q->custom = req_keep(r, json_object_new_array());
	if (v == NULL && q->sf->json_lists && s[0] == '[') {
		v = req_keep(r, json_tokener_parse(s));
		if (v == NULL || !json_object_is_type(v, json_type_array)) {
			bad_value(r, loc, s, "not a JSON array of field names");
			return;
		}
	}
	if (v != NULL && json_object_is_type(v, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(v); i++) {
			json_object *it = json_object_array_get_idx(v, i);
			if (!json_object_is_type(it, json_type_string))
				problem_add(r, "string_type", loc_with_index(loc, i),
				    "Input should be a valid string", it, NULL);
			else
				custom_add(r, q, json_object_get_string(it),
				    loc_with_index(loc, i));
		}
		json_object_put(loc);
		return;
	}
	char *copy = arena_strdup(&r->a, s), *save, *tok;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		if (*tok)
			custom_add(r, q, tok, json_object_get(loc));
	}
	json_object_put(loc);
}

static void
enum_param(struct req *r, struct query *q, json_object *loc, const char *sv,
    const char *const *values, const char *expected, int *out)
{
	for (size_t i = 0; sv && values[i]; i++)
		if (strcmp(sv, values[i]) == 0) {
			*out = (int)i;
			json_object_put(loc);
			return;
		}
	json_object *in = jstr(sv), *ctx = json_object_new_object();
	json_object_object_add(ctx, "expected", json_object_new_string(expected));
	problem_add(r, "enum", loc, arena_printf(&r->a, "Input should be %s",
	    expected), in, ctx);
	json_object_put(in);
}

/*
 * One parameter of a search, from the query string or a JSON body. paging
 * says whether page_number, page_size, sort and custom_results are allowed
 * (not inside an upsert's "update").
 */
static void
param(struct req *r, struct query *q, const char *key, json_object *jv,
    const char *sv, json_object *loc, int paging)
{
	const struct search_face *sf = q->sf;
	char num[32];
	int from_bool = 0, from_double = 0;

	if (jv != NULL && json_object_is_type(jv, json_type_int)) {
		snprintf(num, sizeof(num), "%lld",
		    (long long)json_object_get_int64(jv));
		sv = arena_strdup(&r->a, num);	/* text filters bind it */
	} else if (jv != NULL && json_object_is_type(jv, json_type_double)) {
		/* As written in the body (json-c keeps it): decimal filters. */
		sv = arena_strdup(&r->a, json_object_get_string(jv));
		from_double = 1;
	} else if (jv != NULL && sf->bools && json_object_is_type(jv,
	    json_type_boolean)) {
		sv = json_object_get_boolean(jv) ? "true" : "false";
		from_bool = 1;
	} else if (jv != NULL && !json_object_is_type(jv, json_type_string) &&
	    !(paging && strcmp(key, "custom_results") == 0 &&
	    json_object_is_type(jv, json_type_array))) {
		problem_add(r, "string_type", loc, "Input should be a valid string",
		    jv, NULL);
		return;
	} else if (jv != NULL && json_object_is_type(jv, json_type_string))
		sv = json_object_get_string(jv);
	for (size_t i = 0; i < sf->nfilters; i++)
		if (strcmp(sf->filters[i].name, key) == 0) {
			/* true and false are values of yes/no filters only,
			   numbers with a point of decimal ones. */
			if (sv == NULL || (from_bool && sf->filters[i].kind !=
			    K_BOOL) || (from_double && sf->filters[i].kind !=
			    K_DECIMAL))
				problem_add(r, "string_type", loc,
				    "Input should be a valid string", jv, NULL);
			else
				add_filter(r, q, &sf->filters[i], sv, loc);
			return;
		}
	if (paging && strcmp(key, "custom_results") == 0) {
		custom_parse(r, q, jv, sv ? sv : "", loc);
		return;
	}
	if (paging && (strcmp(key, "page_number") == 0 ||
	    strcmp(key, "page_size") == 0)) {
		long v = parse_int(sv, 1);
		if (v > PAGE_NUMBER_MAX && key[5] == 'n') {
			json_object *in = jv ? json_object_get(jv) : jstr(sv);
			json_object *ctx = json_object_new_object();
			json_object_object_add(ctx, "le",
			    json_object_new_int(PAGE_NUMBER_MAX));
			problem_add(r, "less_than_equal", loc, "Input should be less "
			    "than or equal to 10000000", in, ctx);
			json_object_put(in);
			return;
		}
		if (v < 0) {
			json_object *in = jv ? json_object_get(jv) : jstr(sv);
			json_object *ctx = json_object_new_object();
			json_object_object_add(ctx, "ge", json_object_new_int(1));
			problem_add(r, "greater_than_equal", loc, "Input should be a "
			    "whole number greater than or equal to 1", in, ctx);
			json_object_put(in);
			return;
		}
		if (key[5] == 'n')
			q->page = v;
		else
			q->size = v > PAGE_MAX ? PAGE_MAX : v;	/* silently clamped */
		json_object_put(loc);
		return;
	}
	if (paging && strcmp(key, "sort") == 0) {
		static const char *const dirs[] = { "asc", "desc", NULL };
		enum_param(r, q, loc, sv, dirs, "'asc' or 'desc'", &q->desc);
		return;
	}
	if (paging && sf->results_values && strcmp(key, "results") == 0) {
		int which;
		enum_param(r, q, loc, sv, sf->results_values,
		    enum_expected(r, sf->results_values), &which);
		return;
	}
	problem_add(r, "extra_forbidden", loc, "Extra inputs are not permitted",
	    jv, NULL);
}

/* The first visibility bind: the caller sees every record of the face. */
static long long
sees_all(struct req *r, const struct search_face *sf)
{
	return r->who->all_cases || (sf->admin_all &&
	    (r->who->scopes & SCOPE_ADMIN));
}

static void
query_init(struct query *q, const struct search_face *sf)
{
	memset(q, 0, sizeof(*q));
	q->sf = sf;
	q->page = 1;
	q->size = PAGE_DEFAULT;
	buf_adds(&q->where, "1 = 1");
}

static void
query_from_json(struct req *r, struct query *q, json_object *o,
    json_object *base, int paging)
{
	json_object_object_foreach(o, key, val)
		param(r, q, key, val, NULL, loc_with(base, key), paging);
}

/*
 * The visible cases matching an upsert's filters (at body.<key>) on a
 * face: up to max ids. Returns 0, or the status rendered for bad filters.
 */
int
search_matches_face(struct req *r, const struct search_face *sf,
    const char *key, json_object *filters, long long *ids, size_t max,
    size_t *n)
{
	struct query	 q;
	json_object	*base = loc_new("body", key, NULL);
	struct dbq	*res;
	char		**row;

	*n = 0;
	query_init(&q, sf);
	if (!json_object_is_type(filters, json_type_object)) {
		problem_add(r, "dict_type", base, "Input should be a valid "
		    "dictionary", filters, NULL);
		buf_free(&q.where);
		return http_422(r);
	}
	query_from_json(r, &q, filters, base, 0);
	json_object_put(base);
	if (q.failed) {
		buf_free(&q.where);
		return http_db_error(r);
	}
	if (problem_count(r)) {
		buf_free(&q.where);
		return http_422(r);
	}
	q.p[q.np++] = (struct dbp){ .t = 'i', .i = sees_all(r, sf) };
	q.p[q.np++] = (struct dbp){ .t = 'i', .i = r->who->org_id };
	q.p[q.np++] = (struct dbp){ .t = 'i', .i = (long long)max };
	const char *idc = sf->id_col ? sf->id_col : "c.id";
	char *sql = arena_printf(&r->a, "%sSELECT %s FROM %s WHERE %s "
	    "AND %s ORDER BY %s LIMIT ?", PAGE_PLAN, idc,
	    sf->from ? sf->from : "cases c", q.where.s,
	    sf->visible ? sf->visible : "(? OR c.org_id <=> ?)", idc);
	buf_free(&q.where);
	if ((res = db_runp(&r->a, sql, q.p, q.np)) == NULL)
		return http_db_error(r);
	while ((row = db_next(res)) != NULL && *n < max)
		ids[(*n)++] = strtoll(row[0], NULL, 10);
	return 0;
}

int
search_matches(struct req *r, json_object *filters, long long *ids, size_t max,
    size_t *n)
{
	return search_matches_face(r, &case_search_face, "update", filters, ids,
	    max, n);
}

/*
 * A page's records in the order of its ids: got[j] is the record of
 * got_ids[j] (in whatever order the database gave them); ids left out are
 * skipped. Returns how many went to out.
 */
int
search_in_order(const long long *ids, size_t n, const long long *got_ids,
    json_object **got, size_t m, json_object **out)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < m; j++)
			if (got_ids[j] == ids[i])
				out[k++] = got[j];
	return (int)k;
}

/* A full record cut down to the key plus the custom_results fields. */
static json_object *
project(json_object *full, json_object *custom, const char *key)
{
	json_object *o = json_object_new_object(), *v;

	for (size_t i = 0; i < json_object_array_length(custom); i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(
		    custom, i)), "*") == 0) {
			json_object_put(o);
			return json_object_get(full);
		}
	json_object_object_get_ex(full, key, &v);
	json_object_object_add(o, key, json_object_get(v));
	for (size_t i = 0; i < json_object_array_length(custom); i++) {
		const char *k = json_object_get_string(
		    json_object_array_get_idx(custom, i));
		if (strcmp(k, key) != 0 && json_object_object_get_ex(full, k, &v))
			json_object_object_add(o, k, json_object_get(v));
	}
	return o;
}

/* The LAA face's records: their stored documents, in the order asked. */
static int
load_cases(struct req *r, const long long *ids, size_t n, json_object **out)
{
	struct case_rec *recs = arena_calloc(&r->a, sizeof(*recs) * (n + 1));
	int got = cases_load_ids(r, ids, n, recs, req_face(r));

	for (int i = 0; i < got; i++)
		out[i] = recs[i].obj;
	return got;
}

/* out[i] for ids[i], NULL for a case that is gone. */
static int
load_cases_text(struct req *r, const long long *ids, size_t n,
    const char **out)
{
	struct case_rec *recs = arena_calloc(&r->a, sizeof(*recs) * (n + 1));
	int got = cases_load_text(r, ids, n, recs, req_face(r));

	for (size_t i = 0, j = 0; i < n && got >= 0; i++)
		out[i] = j < (size_t)got && recs[j].id == ids[i] ?
		    recs[j++].text : NULL;
	return got;
}

static const char *
cases_text_col(struct req *r)
{
	return req_face(r) == FACE_REF ? "c.doc_ref" : "c.doc_casegate";
}

/*
 * custom_results given outside a search (a record's GET): 0 with *custom
 * set (NULL when absent), or 422 with the problems.
 */
int
search_custom(struct req *r, const struct search_face *sf,
    json_object **custom)
{
	struct query q;

	query_init(&q, sf);
	buf_free(&q.where);
	for (size_t i = 0; i < r->query.n; i++) {
		const struct kv *kv = &r->query.v[i];
		json_object *loc = loc_new("query", kv->key, NULL);
		if (strcmp(kv->key, "custom_results") != 0)
			problem_add(r, "extra_forbidden", loc, "Extra inputs are "
			    "not permitted", NULL, NULL);
		else if (!(q.custom && *kv->val == '\0'))
			custom_parse(r, &q, NULL, kv->val, loc);
		else
			json_object_put(loc);
	}
	*custom = q.custom;
	return problem_count(r) ? http_422(r) : 0;
}

/* custom_results as a value of a write body (an array or a string). */
int
search_custom_value(struct req *r, const struct search_face *sf,
    json_object *v, json_object **custom)
{
	struct query q;

	query_init(&q, sf);
	buf_free(&q.where);
	if (v != NULL && !json_object_is_type(v, json_type_array) &&
	    !json_object_is_type(v, json_type_string))
		problem_add(r, "list_type", loc_new("body", "custom_results", NULL),
		    "Input should be a valid list", v, NULL);
	else
		custom_parse(r, &q, json_object_is_type(v, json_type_array) ? v :
		    NULL, v ? json_object_get_string(v) : "",
		    loc_new("body", "custom_results", NULL));
	*custom = q.custom;
	return problem_count(r) ? http_422(r) : 0;
}

json_object *
search_project(json_object *full, json_object *custom, const char *key)
{
	return custom ? project(full, custom, key) : json_object_get(full);
}

/*
 * One search page on a face: the filters from the query string (GET, and
 * a JSON body the route decoded) or the JSON body (POST), visibility,
 * paging, and the envelope around the records the face loads.
 */
int
search_page(struct req *r, const struct search_face *sf)
{
	return search_page_in(r, sf, NULL, NULL);
}

/*
 * The same within one scope (scope_sql with one "?", bound to *scope): the
 * notes of one matter, the values of one lookup table.
 */
int
search_page_in(struct req *r, const struct search_face *sf,
    const char *scope_sql, const struct dbp *scope)
{
	const char	*from = sf->from ? sf->from : "cases c";
	const char	*idc = sf->id_col ? sf->id_col : "c.id";
	const char	*vis = sf->visible ? sf->visible : "(? OR c.org_id <=> ?)";
	struct query	 q;
	struct dbq	*res;
	char		**row;
	long long	 total, authorized, ids[PAGE_MAX];
	size_t		 n = 0;
	int		 post = strcmp(r->method, "POST") == 0;

	query_init(&q, sf);
	if (post || r->json != NULL || r->body_not_json) {
		json_object *base = loc_new("body", NULL);
		if (r->body_len > 0 && (r->body_not_json ||
		    !json_object_is_type(r->json, json_type_object)))
			problem_add(r, "model_attributes_type", json_object_get(base),
			    "Input should be a valid dictionary or object to "
			    "extract fields from", r->json, NULL);
		else if (r->json != NULL)
			query_from_json(r, &q, r->json, base, 1);
		json_object_put(base);
	}
	for (size_t i = 0; !post && i < r->query.n; i++) {
		const struct kv *kv = &r->query.v[i];
		json_object *loc = loc_new("query", kv->key, NULL);
		/* Repeated custom_results keys add up. */
		if (strcmp(kv->key, "custom_results") == 0 && q.custom &&
		    *kv->val == '\0') {
			json_object_put(loc);
			continue;
		}
		param(r, &q, kv->key, NULL, kv->val, loc, 1);
	}
	if (q.failed) {
		buf_free(&q.where);
		return http_db_error(r);
	}
	if (problem_count(r)) {
		buf_free(&q.where);
		return http_422(r);
	}

	if (scope_sql != NULL) {
		buf_addf(&q.where, " AND %s", scope_sql);
		q.p[q.np++] = *scope;
	}

	/*
	 * Counts: everything matching, and what this caller may see. They
	 * may come from MariaDB's query cache (db_cache_hint): a repeated
	 * search reads them from there until a write to a table the count
	 * reads drops them. Only the counts: they are what a page spends
	 * most on (counting 400 matches of 100,000 cases costs four times
	 * the page of ids), they are tiny, and the page stays fresh.
	 */
	struct dbp cp[BINDS_MAX + 8], pp[BINDS_MAX + 8];
	size_t ncp = 0, npp = 0;
	cp[ncp++] = (struct dbp){ .t = 'i', .i = sees_all(r, sf) };
	cp[ncp++] = (struct dbp){ .t = 'i', .i = r->who->org_id };
	memcpy(cp + ncp, q.p, sizeof(q.p[0]) * q.np);
	ncp += q.np;
	char *count_sql = arena_printf(&r->a, "SELECT %sCOUNT(*), "
	    "IFNULL(SUM(%s), 0) FROM %s WHERE %s", db_cache_hint(), vis, from,
	    q.where.s);

	/* The page: filters first, then visibility, then paging. */
	memcpy(pp, q.p, sizeof(q.p[0]) * q.np);
	npp = q.np;
	pp[npp++] = (struct dbp){ .t = 'i', .i = sees_all(r, sf) };
	pp[npp++] = (struct dbp){ .t = 'i', .i = r->who->org_id };
	pp[npp++] = (struct dbp){ .t = 'i', .i = q.size };
	pp[npp++] = (struct dbp){ .t = 'i', .i = (q.page - 1) * q.size };
	/* A whole record's stored document comes with its id. */
	const char *doc = q.custom == NULL && sf->text_col ? sf->text_col(r) :
	    NULL;
	char *sql = arena_printf(&r->a, "%sSELECT %s%s%s FROM %s WHERE %s AND %s "
	    "ORDER BY %s %s LIMIT ? OFFSET ?", PAGE_PLAN, idc, doc ? ", " : "",
	    doc ? doc : "", from, q.where.s, vis, idc, q.desc ? "DESC" : "ASC");
	buf_free(&q.where);
	if ((res = db_runp(&r->a, sql, pp, npp)) == NULL)
		return http_db_error(r);
	const char **text = arena_calloc(&r->a, sizeof(*text) * (PAGE_MAX + 1));
	long long missing[PAGE_MAX];
	size_t nmissing = 0;
	while ((row = db_next(res)) != NULL && n < PAGE_MAX) {
		ids[n] = strtoll(row[0], NULL, 10);
		if (doc != NULL && (text[n] = row[1]) == NULL)
			missing[nmissing++] = ids[n];
		n++;
	}

	/*
	 * A first page that is not full, for a caller who sees every record,
	 * holds every match: it is its own count (a lookup that finds a few
	 * records, the common search, is one statement fewer). Otherwise the
	 * counts are read.
	 */
	if (q.page == 1 && (long)n < q.size && sees_all(r, sf)) {
		total = authorized = (long long)n;
	} else {
		res = db_runp(&r->a, count_sql, cp, ncp);
		if (res == NULL || (row = db_next(res)) == NULL)
			return http_db_error(r);
		total = strtoll(row[0], NULL, 10);
		authorized = strtoll(row[1], NULL, 10);
	}

	/*
	 * The records as text: stored documents as they are where the face
	 * has them and the whole record is asked for (rendered, and stored,
	 * where a case has none yet), else each projected.
	 */
	int got = 0;
	if (doc != NULL) {
		const char **made = arena_calloc(&r->a,
		    sizeof(*made) * (nmissing + 1));
		int more = nmissing ? sf->load_text(r, missing, nmissing, made) : 0;
		if (more < 0)
			return http_db_error(r);
		/* Both in page order; a case deleted meanwhile drops out. */
		for (size_t i = 0, j = 0; i < n; i++) {
			if (text[i] == NULL)
				text[i] = made[j++];
			if (text[i] != NULL)
				text[got++] = text[i];
		}
	} else if (n > 0) {
		json_object **recs = arena_calloc(&r->a, sizeof(*recs) * (n + 1));
		got = sf->load(r, ids, n, recs);
		for (int i = 0; i < got; i++) {
			json_object *o = req_keep(r, search_project(recs[i],
			    q.custom, sf->key));
			text[i] = json_object_to_json_string_ext(o,
			    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
		}
	}
	if (got < 0)
		return http_db_error(r);
	struct buf env = { 0 };
	buf_addf(&env, "{\"page_number\":%ld,\"page_size\":%ld,"
	    "\"total_number_of_pages\":%lld,\"total_records\":%lld,"
	    "\"authorized_records\":%lld,\"data\":[", q.page, q.size,
	    (authorized + q.size - 1) / q.size, total, authorized);
	for (int i = 0; i < got; i++) {
		if (i > 0)
			buf_addc(&env, ',');
		buf_adds(&env, text[i]);
	}
	buf_adds(&env, "]}");
	resp_raw(r, 200, "application/json", env.s, env.len);
	buf_free(&env);
	return 200;
}

int
cases_search(struct req *r)
{
	return search_page(r, &case_search_face);
}
