/*
 * What every resource handler does the same way: answer one row or a list of
 * rows through its field table, and check a UUID in the path.
 */
#include <string.h>

#include "db.h"
#include "fields.h"
#include "http.h"

/* One row as JSON, or 404 with the given detail when there is none. */
int
resp_row(struct req *r, int status, const struct field *t, size_t n,
    char **row, const char *notfound)
{
	if (row == NULL)
		return db_last() != DB_OK ? http_db_error(r) :
		    http_error(r, 404, notfound);
	return resp_json(r, status, fields_render(t, n, row));
}

int
resp_rows(struct req *r, const struct field *t, size_t n, struct dbq *q)
{
	json_object	*a;
	char		**row;

	if (q == NULL)
		return http_db_error(r);
	a = json_object_new_array();
	while ((row = db_next(q)) != NULL)
		json_object_array_add(a, fields_render(t, n, row));
	if (db_last() != DB_OK) {
		json_object_put(a);
		return http_db_error(r);
	}
	return resp_json(r, 200, a);
}

/* Path parameter idx must be a UUID; else a uuid_parsing problem. */
int
path_uuid(struct req *r, int idx, const char *name)
{
	const char *s = r->params[idx];

	if (uuid_valid(s))
		return 1;
	json_object *ctx = json_object_new_object(), *in = jstr(s);
	json_object_object_add(ctx, "error", json_object_new_string(
	    strlen(s) != 36 ? "invalid length" : "invalid character"));
	problem_add(r, "uuid_parsing", loc_new("path", name, NULL), arena_printf(
	    &r->a, "Input should be a valid UUID, %s", strlen(s) != 36 ?
	    "invalid length" : "invalid character"), in, ctx);
	json_object_put(in);
	return 0;
}

/*
 * After a failed write: 409 with the message of the unique key it broke
 * (msgs: {key, message} pairs, ending with {NULL, fallback}), else the
 * database error.
 */
int
http_write_failed(struct req *r, const struct unique_msg *msgs)
{
	if (db_last() != DB_DUP)
		return http_db_error(r);
	for (; msgs->key != NULL; msgs++)
		if (strcmp(db_last_key(), msgs->key) == 0)
			break;
	return http_error(r, 409, msgs->msg);
}
