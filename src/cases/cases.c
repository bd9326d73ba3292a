/*
 * The LAA case API: create (with upsert), list, get, update (PATCH and PUT,
 * the same partial update), delete and history. Unprefixed paths answer on
 * Casegate's face, /v1 and /latest on the reference's (see model.c for what
 * differs). Every write is one transaction (R_TX) that also writes its
 * history row.
 */
#include <stdlib.h>
#include <string.h>

#include "../lib/auth.h"
#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "cases.h"

int
req_face(struct req *r)
{
	return r->version != NULL ? FACE_REF : FACE_CASEGATE;
}

static int
validate(struct req *r, int mode)
{
	struct fieldvals fv;

	if (req_face(r) == FACE_REF)
		mode |= FP_REF;
	fields_body(r, case_fields, C__MAX, mode, &fv);
	return problem_count(r);
}

/*
 * Locks the case named in the path and checks the caller may see it.
 * Returns 0 with rec filled, or the status it rendered.
 */
static int
case_lock(struct req *r, struct case_rec *rec)
{
	char **row = db_one(&r->a, "SELECT id, org_id FROM cases WHERE uuid = ? "
	    "FOR UPDATE", "s", r->params[0]);

	if (row == NULL)
		return db_last() != DB_OK ? http_db_error(r) :
		    http_error(r, 404, "Case not found");
	rec->id = strtoll(row[0], NULL, 10);
	rec->org_id = row[1] ? strtoll(row[1], NULL, 10) : 0;
	rec->uuid = r->params[0];
	if (!case_visible(r, rec->org_id))
		return http_error(r, 403, "Not allowed to access this case");
	return 0;
}

/* A case rendered from its rows on both faces; history records Casegate's. */
static int
snapshot(struct req *r, long long id, struct case_rec *rec)
{
	return case_load_id(r, id, rec, FACE_BOTH) == 1 ? 0 : -1;
}

/*
 * The answer to a write and its history row: after an update the case is
 * read back and its documents stored; a create has both already (it built
 * them from the rows it wrote and stored them with the case).
 */
static int
reply_after(struct req *r, int status, const char *action,
    json_object *before, const struct case_rec *rec)
{
	struct case_rec after = *rec;
	const char *uuid = rec->uuid;

	if ((rec->written == NULL && (snapshot(r, rec->id, &after) != 0 ||
	    case_store_docs(r, &after) != 0)) ||
	    history_add(r, uuid, action, before, after.obj) != 0)
		return http_db_error(r);
	return resp_json(r, status, json_object_get(req_face(r) == FACE_REF ?
	    after.obj_ref : after.obj));
}

static int
update_case(struct req *r, struct case_rec *rec, int status)
{
	struct case_rec	before;
	int		st;

	if (snapshot(r, rec->id, &before) != 0)
		return http_db_error(r);
	if ((st = case_write(r, rec, r->json, 0)) != 0)
		return st;
	return reply_after(r, status, "update", before.obj, rec);
}

int
cases_create(struct req *r)
{
	struct case_rec	 rec;
	json_object	*upd = NULL;
	long long	 ids[2];
	size_t		 n;
	int		 st;

	if (validate(r, FP_CREATE))
		return http_422(r);
	/* Upsert: an "update" object of search filters picks the record. */
	if (json_object_object_get_ex(r->json, "update", &upd)) {
		json_object_get(upd);
		req_keep(r, upd);
		json_object_object_del(r->json, "update");
		if ((st = search_matches(r, upd, ids, 2, &n)) != 0)
			return st;
		if (n > 1)
			return http_error(r, 400,
			    "Cannot process multiple records for upsert");
		if (n == 1) {
			char **row;
			if ((st = auth_scope(r, SCOPE_UPDATE)) != 0)
				return st;
			row = db_one(&r->a, "SELECT uuid, org_id FROM cases WHERE "
			    "id = ? FOR UPDATE", "i", ids[0]);
			if (row == NULL)
				return http_db_error(r);
			rec.id = ids[0];
			rec.uuid = row[0];
			rec.org_id = row[1] ? strtoll(row[1], NULL, 10) : 0;
			return update_case(r, &rec, 200);
		}
	}
	if ((st = case_write(r, &rec, r->json, 1)) != 0)
		return st;
	return reply_after(r, 201, "create", NULL, &rec);
}

/* GET /cases/{id}'s record, read on the caller's statement (http.h). */
const char *
case_ride_cols(struct req *r)
{
	return req_face(r) == FACE_REF ? "x.org_id, x.doc_ref" :
	    "x.org_id, x.doc_casegate";
}

int
cases_get(struct req *r)
{
	struct case_rec	rec;
	int		got;
	char		**row;

	if (!path_uuid(r, 0, "case_id"))
		return http_422(r);
	/* The stored document, read with the caller (case_ride_cols), sent as
	   it is. */
	if ((row = r->ride) == NULL)
		return http_error(r, 404, "Case not found");
	if (!case_visible(r, row[0] ? strtoll(row[0], NULL, 10) : 0))
		return http_error(r, 403, "Not allowed to access this case");
	if (row[1] != NULL)
		return resp_raw(r, 200, "application/json", row[1], strlen(row[1]));
	if ((got = case_load(r, r->params[0], &rec, FACE_BOTH)) < 0)
		return http_db_error(r);
	if (got == 0)
		return http_error(r, 404, "Case not found");
	if (!case_visible(r, rec.org_id))
		return http_error(r, 403, "Not allowed to access this case");
	case_fill_docs(r, &rec, 1);
	return resp_json(r, 200, json_object_get(req_face(r) == FACE_REF ?
	    rec.obj_ref : rec.obj));
}

int
cases_patch(struct req *r)
{
	struct case_rec	rec;
	int		st;

	path_uuid(r, 0, "case_id");
	if (validate(r, FP_UPDATE) || problem_count(r))
		return http_422(r);
	if ((st = case_lock(r, &rec)) != 0)
		return st;
	return update_case(r, &rec, 200);
}

int
cases_delete(struct req *r)
{
	struct case_rec	 rec, before;
	int		 st;

	if (!path_uuid(r, 0, "case_id"))
		return http_422(r);
	if ((st = case_lock(r, &rec)) != 0)
		return st;
	if (snapshot(r, rec.id, &before) != 0 ||
	    db_exec(&r->a, "DELETE FROM cases WHERE id = ?", "i", rec.id) < 0 ||
	    history_add(r, rec.uuid, "delete", before.obj, NULL) != 0)
		return http_db_error(r);
	r->status = 204;
	return 204;
}

/* Every create, update and delete of one case, oldest first. */
int
cases_history(struct req *r)
{
	struct dbq	*q;
	char		**row;
	json_object	*a;

	if (!path_uuid(r, 0, "case_id"))
		return http_422(r);
	row = db_one(&r->a, "SELECT org_id FROM cases WHERE uuid = ?", "s",
	    r->params[0]);
	if (row == NULL && db_last() != DB_OK)
		return http_db_error(r);
	/* A deleted case's history is for callers who see every case. */
	if (row == NULL && !r->who->all_cases)
		return http_error(r, 404, "Case not found");
	if (row != NULL && !case_visible(r, row[0] ? strtoll(row[0], NULL, 10) : 0))
		return http_error(r, 403, "Not allowed to access this case");
	q = db_run(&r->a, "SELECT at, username, action, changes FROM case_history "
	    "WHERE case_uuid = ? ORDER BY id", "s", r->params[0]);
	if (q == NULL)
		return http_db_error(r);
	a = json_object_new_array();
	while ((row = db_next(q)) != NULL) {
		json_object	*h = json_object_new_object();
		char		 iso[40];
		db_time_iso(row[0], iso, sizeof(iso));
		json_object_object_add(h, "at", json_object_new_string(iso));
		json_object_object_add(h, "username", jstr(row[1]));
		json_object_object_add(h, "action", json_object_new_string(row[2]));
		json_object_object_add(h, "changes", json_tokener_parse(row[3]));
		json_object_array_add(a, h);
	}
	if (db_last() == DB_OK && json_object_array_length(a) == 0 && row == NULL &&
	    r->who->all_cases) {
		/* Neither a case nor any history: nothing by that id. */
		json_object_put(a);
		return http_error(r, 404, "Case not found");
	}
	return resp_json(r, 200, a);
}

/*
 * GET /cases/: every case the caller may see, in creation order, streamed
 * row by row from an unbuffered result so memory stays flat.
 */
int
cases_list(struct req *r)
{
	int		 face = req_face(r), first = 1;
	struct dbq	*q;
	char		**row;

	q = db_stream(&r->a, "SELECT uuid, case_type, created_at, updated_at "
	    "FROM cases WHERE ? OR org_id = ? ORDER BY id", "ii",
	    (long long)r->who->all_cases, r->who->org_id);
	if (q == NULL)
		return http_db_error(r);
	resp_stream_begin(r, 200, "application/json");
	resp_stream_write(r, "[", 1);
	while ((row = db_next(q)) != NULL) {
		json_object *o = case_stamp(row[2], row[3], row[0], face);
		json_object_object_add(o, "case_type",
		    field_value(&case_fields[C_CASE_TYPE], row[1], face));
		size_t len;
		const char *s = json_object_to_json_string_length(o,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
		if (!first)
			resp_stream_write(r, ",", 1);
		resp_stream_write(r, s, len);
		json_object_put(o);
		first = 0;
	}
	resp_stream_write(r, "]", 1);
	return 200;
}
