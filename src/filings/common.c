/*
 * What the filings handlers share: the jurisdiction in the path, the
 * external base URL for HATEOAS links, query parameters read the way the
 * reference's JAX-RS reads them, and rows rendered through column tables so
 * that each resource declares its JSON members once.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/config.h"
#include "../lib/db.h"
#include "../lib/efile.h"
#include "../lib/http.h"
#include "filings.h"


/* Like JAX-RS's boolean @QueryParam: "true" in any case, else false. */
int
qbool(struct req *r, const char *name)
{
	const char *v = kv_get(&r->query, name);
	return v != NULL && strcasecmp(v, "true") == 0;
}

/* A query parameter, NULL when absent or empty (None/"" are "not given"). */
const char *
qstr(struct req *r, const char *name)
{
	const char *v = kv_get(&r->query, name);
	return v != NULL && *v ? v : NULL;
}

static json_object *
col_value(enum coltype t, const char *v)
{
	switch (t) {
	case COL_BOOL:
		return v == NULL ? NULL : json_object_new_boolean(strcmp(v, "0") != 0);
	case COL_INT:
		return v == NULL ? NULL : json_object_new_int64(strtoll(v, NULL, 10));
	case COL_LIST: {
		json_object *a = json_object_new_array();
		for (const char *p = v ? v : ""; *p; ) {
			size_t n = strcspn(p, ",");
			if (n > 0)
				json_object_array_add(a,
				    json_object_new_string_len(p, (int)n));
			p += n + (p[n] == ',');
		}
		return a;
	}
	case COL_STR:
	default:
		return v == NULL ? NULL : json_object_new_string(v);
	}
}

void
obj_merge_row(json_object *o, const struct col *c, size_t n, char **row)
{
	for (size_t i = 0; i < n; i++)
		json_object_object_add(o, c[i].name, col_value(c[i].type, row[i]));
}

json_object *
row_object(const struct col *c, size_t n, char **row)
{
	json_object *o = json_object_new_object();
	obj_merge_row(o, c, n, row);
	return o;
}

/* 200 with every row of q as an object; a failed query maps to 5xx. */
int
rows_answer(struct req *r, const struct col *c, size_t n, struct dbq *q)
{
	char **row;

	if (q == NULL)
		return http_db_error(r);
	json_object *a = json_object_new_array();
	while ((row = db_next(q)) != NULL)
		json_object_array_add(a, row_object(c, n, row));
	db_done(q);
	return resp_json(r, 200, a);
}

/* 200 with the first column of every row as a list of strings. */
int
strings_answer(struct req *r, struct dbq *q)
{
	char **row;

	if (q == NULL)
		return http_db_error(r);
	json_object *a = json_object_new_array();
	while ((row = db_next(q)) != NULL)
		json_object_array_add(a, jstr(row[0] ? row[0] : ""));
	db_done(q);
	return resp_json(r, 200, a);
}

/* Replaces every "{name}" of subst (name, value pairs, NULL-ended). */
static char *
fill_path(struct req *r, const char *path, const char *const *subst)
{
	struct buf	 b = { 0 };
	char		*s;

	for (const char *p = path; *p; ) {
		int done = 0;
		for (size_t i = 0; subst && subst[i]; i += 2) {
			size_t n = strlen(subst[i]);
			if (p[0] == '{' && strncmp(p + 1, subst[i], n) == 0 &&
			    p[n + 1] == '}') {
				buf_adds(&b, subst[i + 1]);
				p += n + 2;
				done = 1;
				break;
			}
		}
		if (!done)
			buf_addc(&b, *p++);
	}
	s = arena_strndup(&r->a, b.s ? b.s : "", b.len);
	buf_free(&b);
	return s;
}

/*
 * A HATEOAS map as the reference builds it: method name -> {url, method,
 * query_params}, the query parameters as Java prints a list ("[a, b]").
 * group 0 takes every link, else only links in that group.
 */
json_object *
link_map(struct req *r, const char *prefix, const struct link *l, size_t n,
    unsigned group, const char *const *subst)
{
	json_object	*m = json_object_new_object();
	const char	*base = efile_base_url(r);

	for (size_t i = 0; i < n; i++) {
		if (group != 0 && !(l[i].groups & group & 0xff))
			continue;
		json_object *e = json_object_new_object();
		char *url = arena_printf(&r->a, "%s%s%s", base, prefix,
		    fill_path(r, l[i].path, subst));
		json_object_object_add(e, "url", json_object_new_string(url));
		unsigned how = l[i].groups;
		json_object_object_add(e, "method", json_object_new_string(
		    how & LINK_M_POST ? "POST" : how & LINK_M_PUT ? "PUT" :
		    how & LINK_M_PATCH ? "PATCH" : how & LINK_M_DELETE ? "DELETE" :
		    "GET"));
		json_object_object_add(e, "query_params",
		    json_object_new_string(l[i].query ? l[i].query : "[]"));
		json_object_object_add(m, l[i].name, e);
	}
	return m;
}

/* The reference's error bodies on codes: a JSON string literal. */
int
json_string_error(struct req *r, int status, const char *msg)
{
	return resp_json(r, status, json_object_new_string(msg));
}
