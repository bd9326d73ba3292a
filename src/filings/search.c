/*
 * Cross-court search (spec 6): GET codes/{kind}?search=word lists the
 * distinct names of that kind containing the word (any case), across every
 * court of the jurisdiction; GET codes/{kind}/{name} lists where a name is
 * used, as {code, location} pairs. Kinds: categories, case_types,
 * filing_types, party_types, optional_services.
 *
 * Statuses: 200 (an empty list when nothing matches); 404 for an unknown
 * jurisdiction or kind.
 */
#include <string.h>

#include "../lib/db.h"
#include "../lib/efile.h"
#include "../lib/http.h"
#include "filings.h"

/* The table behind each kind: fixed text, never from the request. */
static const struct {
	const char	*kind;
	const char	*table;
} kinds[] = {
	{ "categories",        "filing_categories" },
	{ "case_types",        "filing_case_types" },
	{ "filing_types",      "filing_codes" },
	{ "party_types",       "filing_party_types" },
	{ "optional_services", "filing_optional_services" },
};

static const char *
kind_table(const char *kind)
{
	for (size_t i = 0; i < NCOLS(kinds); i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return kinds[i].table;
	return NULL;
}

/* "%word%" with LIKE's own characters taken literally. */
static char *
like_pattern(struct req *r, const char *s)
{
	size_t	 n = strlen(s);
	char	*p = arena_alloc(&r->a, 2 * n + 3), *o = p;

	*o++ = '%';
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

int
search_names_get(struct req *r)
{
	const char	*j, *t, *term = kv_get(&r->query, "search");

	cors(r);
	if ((j = juris(r, 0)) == NULL)
		return r->status;
	if ((t = kind_table(r->params[1])) == NULL)
		return http_error(r, 404, "Not Found");
	if (term != NULL && strlen(term) > 200)
		return json_string_error(r, 400, "search: at most 200 characters");
	return strings_answer(r, db_run(&r->a, arena_printf(&r->a,
	    "SELECT DISTINCT name FROM %s WHERE jurisdiction = ? AND "
	    "LOWER(name) LIKE LOWER(?) ORDER BY name", t), "ss", j,
	    like_pattern(r, term ? term : "")));
}

int
search_retrieve_get(struct req *r)
{
	const char	*j, *t;
	char		**row;

	cors(r);
	if ((j = juris(r, 0)) == NULL)
		return r->status;
	if ((t = kind_table(r->params[1])) == NULL)
		return http_error(r, 404, "Not Found");
	struct dbq *q = db_run(&r->a, arena_printf(&r->a, "SELECT DISTINCT code, "
	    "court FROM %s WHERE jurisdiction = ? AND name = ? ORDER BY court, "
	    "code", t), "ss", j, r->params[2]);
	if (q == NULL)
		return http_db_error(r);
	json_object *a = json_object_new_array();
	while ((row = db_next(q)) != NULL) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "code", jstr(row[0]));
		json_object_object_add(o, "location", jstr(row[1]));
		json_object_array_add(a, o);
	}
	db_done(q);
	return resp_json(r, 200, a);
}
