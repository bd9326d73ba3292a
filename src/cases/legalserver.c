/*
 * The LegalServer Core API v2 surface over the case store: matters (search,
 * create with upsert, get, patch) and matter notes. A matter is a case:
 * every write goes through the case store's own writers, refreshes both of
 * the LAA faces' stored documents and writes a history row, so the two
 * APIs read the same record at once. The field tables live in ls_model.c;
 * here are the handlers and the one renderer of LegalServer's error shapes
 * (spec section 7): problems found by the shared validation and search
 * machinery are translated, never produced twice.
 */
#include <stdlib.h>
#include <string.h>

#include "../lib/auth.h"
#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "legalserver.h"

#define LS_JSON_DEPTH	32


/* ------------------------------------------------------------ errors */

/* "key" or "update.key": the loc of a problem after its "body"/"query". */
static char *
problem_key(struct req *r, json_object *p)
{
	json_object	*loc = NULL;
	struct buf	 b = { 0 };
	char		*s;

	json_object_object_get_ex(p, "loc", &loc);
	for (size_t i = 1; loc && i < json_object_array_length(loc); i++) {
		json_object *e = json_object_array_get_idx(loc, i);
		if (json_object_is_type(e, json_type_string))
			buf_addf(&b, "%s%s", b.len ? "." : "",
			    json_object_get_string(e));
	}
	s = arena_strdup(&r->a, b.s ? b.s : "body");
	buf_free(&b);
	return s;
}

static void
add_unique(json_object *list, const char *s)
{
	for (size_t i = 0; i < json_object_array_length(list); i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(list,
		    i)), s) == 0)
			return;
	json_object_array_add(list, json_object_new_string(s));
}

/*
 * The problems the shared machinery found, in LegalServer's words: on a
 * write {"invalid_parameters": [key], "missing_arguments": [key],
 * "invalid_values": {key: input}}; on a search {"invalid search keys":
 * [key], "invalid search values": ["key: value"]}. Only the kinds that
 * occur are present.
 */
static json_object *
problems_ls(struct req *r, enum problem_style style)
{
	json_object *o = json_object_new_object();
	json_object *params = json_object_new_array(), *missing =
	    json_object_new_array(), *values = json_object_new_object(),
	    *skeys = json_object_new_array(), *svalues = json_object_new_array();

	for (int i = 0; i < problem_count(r); i++) {
		json_object *p = json_object_array_get_idx(r->problems, (size_t)i);
		json_object *type = NULL, *in = NULL;
		json_object_object_get_ex(p, "type", &type);
		json_object_object_get_ex(p, "input", &in);
		const char *t = json_object_get_string(type);
		char *key = problem_key(r, p);
		if (style == PS_SEARCH) {
			if (strcmp(t, "extra_forbidden") == 0)
				add_unique(skeys, key);
			else
				add_unique(svalues, arena_printf(&r->a, "%s: %s", key,
				    in == NULL ? "null" : json_object_is_type(in,
				    json_type_string) ? json_object_get_string(in) :
				    json_object_to_json_string_ext(in,
				    JSON_C_TO_STRING_PLAIN)));
		} else if (strcmp(t, "extra_forbidden") == 0)
			add_unique(params, key);
		else if (strcmp(t, "missing") == 0)
			add_unique(missing, key);
		else if (!json_object_object_get_ex(values, key, NULL))
			json_object_object_add(values, key, json_object_get(in));
	}
	struct { const char *name; json_object *v; int n; } parts[] = {
		{ "invalid_parameters", params, (int)json_object_array_length(params) },
		{ "missing_arguments", missing, (int)json_object_array_length(missing) },
		{ "invalid_values", values, json_object_object_length(values) },
		{ "invalid search values", svalues,
		    (int)json_object_array_length(svalues) },
		{ "invalid search keys", skeys, (int)json_object_array_length(skeys) },
	};
	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		if (parts[k].n > 0)
			json_object_object_add(o, parts[k].name, parts[k].v);
		else
			json_object_put(parts[k].v);
	}
	return o;
}

/*
 * Every error a LegalServer handler ends with, in LegalServer's shape:
 * validation and search problems as 400, anything else (a 404, 409, 503 of
 * the shared code) as {"error_message": ...} with its status.
 */
int
ls_finish(struct req *r, int st, enum problem_style style)
{
	json_object *o;

	if (st < 400 || r->out.len > 0 || r->bare)
		return st;
	if (st == 422 && problem_count(r) > 0) {
		o = problems_ls(r, style);
		st = 400;
	} else {
		o = json_object_new_object();
		json_object_object_add(o, "error_message", json_object_new_string(
		    r->detail ? r->detail : http_reason(st)));
	}
	return resp_json(r, st, o);
}

int
ls_error(struct req *r, int status, const char *msg)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "error_message", json_object_new_string(msg));
	return resp_json(r, status, o);
}

int
ls_premium(struct req *r)
{
	return r->who->premium ? 0 : ls_error(r, 402, "Payment Required: this "
	    "API is a premium feature the caller's organisation does not have");
}

/* ------------------------------------------------------------ input */

/*
 * The body as JSON (these routes decode their own, so that a bad body is
 * LegalServer's 400, not the LAA face's 422). need: a body is required.
 * Returns 0 (r->json set, or NULL without a body) or the status rendered.
 */
int
ls_body_json(struct req *r, int need)
{
	struct json_tokener	*tok;
	enum json_tokener_error	 e;
	size_t			 end;

	if (r->body_len == 0)
		return need ? ls_error(r, 400, "A JSON object body is required") : 0;
	if (r->content_type != NULL && *r->content_type &&
	    strcmp(r->content_type, "application/json") != 0 &&
	    strcmp(r->content_type, "application/x-www-form-urlencoded") != 0)
		return ls_error(r, 400, "The body must be JSON "
		    "(Content-Type: application/json)");
	if (strlen(r->body) != r->body_len)
		return ls_error(r, 400, "The body is not valid JSON");
	tok = json_tokener_new_ex(LS_JSON_DEPTH);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_ALLOW_TRAILING_CHARS);
	r->json = json_tokener_parse_ex(tok, r->body, (int)r->body_len);
	e = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	while (e == json_tokener_success && end < r->body_len &&
	    strchr(" \t\r\n", r->body[end]) != NULL)
		end++;
	if (r->json != NULL)
		req_keep(r, r->json);
	if (e != json_tokener_success || end != r->body_len) {
		r->json = NULL;
		return ls_error(r, 400, e == json_tokener_error_depth ?
		    "The body is nested too deeply" : "The body is not valid JSON");
	}
	if (!json_object_is_type(r->json, json_type_object)) {
		r->json = NULL;
		return ls_error(r, 400, "The body must be a JSON object");
	}
	return 0;
}

/* The matter's uuid in the path, as LegalServer words a bad one. */
static int
path_matter(struct req *r)
{
	return uuid_valid(r->params[0]) ? 0 :
	    ls_error(r, 400, "Invalid matter_uuid");
}

/* custom_results inside a write body: taken out, checked like a search's. */
int
ls_body_custom(struct req *r, const struct search_face *sf, json_object *body,
    json_object **custom)
{
	json_object	*v;
	int		 st;

	*custom = NULL;
	if (!json_object_object_get_ex(body, "custom_results", &v))
		return 0;
	req_keep(r, json_object_get(v));
	json_object_object_del(body, "custom_results");
	st = search_custom_value(r, sf, v, custom);
	return st;
}

/* ------------------------------------------------------------ records */

int
ls_reply_data(struct req *r, int status, json_object *rec, json_object *custom,
    const char *key)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "data", search_project(rec, custom, key));
	return resp_json(r, status, o);
}

/*
 * What history records of a matter write: the case on Casegate's face
 * with the matter-only fields beside it, so that a change through either
 * API shows in the same rows.
 */
static json_object *
history_doc(struct req *r, json_object *laa, json_object *matter)
{
	json_object *o = json_object_new_object();

	json_object_object_foreach(laa, k, v)
		json_object_object_add(o, k, json_object_get(v));
	json_object_object_foreach(matter, mk, mv)
		if (!json_object_object_get_ex(o, mk, NULL))
			json_object_object_add(o, mk, json_object_get(mv));
	return req_keep(r, o);
}

/* The before-image of a case for history: both faces plus the matter. */
static int
snapshot(struct req *r, const char *uuid, struct matter *m, json_object **hist)
{
	struct case_rec laa;

	if (case_load(r, uuid, &laa, FACE_BOTH) != 1 || matter_load(r, uuid, m) != 1)
		return -1;
	*hist = history_doc(r, laa.obj, m->obj);
	return 0;
}

/*
 * After a write: both LAA documents stored again and the history row; m
 * gets the matter as it now is. 0 or -1 on a database error.
 */
static int
record_write(struct req *r, const char *action, const char *uuid,
    json_object *before, struct matter *m)
{
	struct case_rec laa;

	if (case_load(r, uuid, &laa, FACE_BOTH) != 1 ||
	    case_store_docs(r, &laa) != 0 || matter_load(r, uuid, m) != 1 ||
	    matter_store_doc(r, m) != 0 || history_add(r, uuid, action, before, history_doc(r, laa.obj,
	    m->obj)) != 0)
		return -1;
	return 0;
}

static int
finish_write(struct req *r, int status, const char *action,
    const char *uuid, json_object *before, json_object *custom)
{
	struct matter m;

	if (record_write(r, action, uuid, before, &m) != 0)
		return http_db_error(r);
	return ls_reply_data(r, status, m.obj, custom, "matter_uuid");
}

/* Locks the case by id and checks the caller may see it. */
static int
lock_case(struct req *r, const char *uuid, struct matter *m)
{
	char **row = db_one(&r->a, "SELECT id, org_id FROM cases WHERE uuid = ? "
	    "FOR UPDATE", "s", uuid);

	if (row == NULL)
		return db_last() != DB_OK ? http_db_error(r) :
		    ls_error(r, 404, "Unknown matter");
	m->id = strtoll(row[0], NULL, 10);
	m->org_id = row[1] ? strtoll(row[1], NULL, 10) : 0;
	m->uuid = uuid;
	if (!case_visible(r, m->org_id))
		return ls_error(r, 403, "User does not have permissions: "
		    "API Access All Cases");
	return 0;
}

static int
update_matter(struct req *r, const char *uuid, json_object *body,
    json_object *custom)
{
	struct matter	 m, before;
	json_object	*hist;
	int		 st;

	if ((st = lock_case(r, uuid, &m)) != 0)
		return st;
	if (snapshot(r, uuid, &before, &hist) != 0)
		return http_db_error(r);
	if ((st = matter_write(r, &m, body, before.obj, 0)) != 0)
		return st;
	return finish_write(r, 200, "update", uuid, hist, custom);
}

static int
validate(struct req *r, json_object *body, int creating, const char *where)
{
	int n = matter_validate(r, body, creating, where);

	if (n < 0)
		return http_db_error(r);
	return n > 0 ? http_422(r) : 0;
}

/* ------------------------------------------------------------ matters */

/*
 * A search on a face: its filters in the query string or as a JSON body
 * on the GET, its errors in LegalServer's search shape.
 */
int
ls_search(struct req *r, const struct search_face *sf)
{
	int st = ls_body_json(r, 0);

	return ls_finish(r, st ? st : search_page(r, sf), PS_SEARCH);
}

int
ls_matters_search(struct req *r)
{
	return ls_search(r, &matter_search_face);
}

static int
matters_create(struct req *r)
{
	json_object	*body, *upd = NULL, *data = NULL, *custom;
	struct case_rec	 rec;
	int		 st;

	if ((st = ls_premium(r)) != 0 || (st = ls_body_json(r, 1)) != 0)
		return st;
	body = r->json;
	if ((st = ls_body_custom(r, &matter_search_face, body, &custom)) != 0)
		return ls_finish(r, st, PS_SEARCH);
	/*
	 * Upsert: "update" holds search filters; one visible match is
	 * updated with "update_data" (else the top-level fields), none is
	 * created from the top-level fields, more are refused.
	 */
	if (json_object_object_get_ex(body, "update", &upd)) {
		long long	ids[2];
		size_t		n;
		req_keep(r, json_object_get(upd));
		json_object_object_del(body, "update");
		if (json_object_object_get_ex(body, "update_data", &data)) {
			req_keep(r, json_object_get(data));
			json_object_object_del(body, "update_data");
			if (data == NULL || !json_object_is_type(data,
			    json_type_object))
				return ls_error(r, 400, "update_data must be an "
				    "object of matter fields");
		}
		if ((st = search_matches_face(r, &matter_search_face, "update",
		    upd, ids, 2, &n)) != 0)
			return ls_finish(r, st, PS_SEARCH);
		if (n > 1)
			return ls_error(r, 400,
			    "Cannot process multiple records for upsert");
		if (n == 1) {
			char **row;
			if (!(r->who->scopes & SCOPE_UPDATE))
				return ls_error(r, 403, "User does not have "
				    "permissions: update");
			row = db_one(&r->a, "SELECT uuid FROM cases WHERE id = ?",
			    "i", ids[0]);
			if (row == NULL)
				return http_db_error(r);
			json_object *fields = data ? data : body;
			if ((st = validate(r, fields, 0, data ? "update_data" :
			    NULL)) != 0)
				return st;
			return update_matter(r, row[0], fields, custom);
		}
	} else if (json_object_object_get_ex(body, "update_data", NULL))
		return ls_error(r, 400, "update_data needs update");
	if ((st = validate(r, body, 1, NULL)) != 0)
		return st;
	/* The case row through the case store's own writer, then the rest. */
	json_object *shell = req_keep(r, json_object_new_object());
	json_object_object_add(shell, "case_type", json_object_new_string("CLA"));
	if ((st = case_write(r, &rec, shell, 1)) != 0)
		return st;
	struct matter m = { .id = rec.id, .uuid = rec.uuid, .org_id = rec.org_id };
	if ((st = matter_write(r, &m, body, NULL, 1)) != 0)
		return st;
	return finish_write(r, 201, "create", rec.uuid, NULL, custom);
}

int
ls_matters_create(struct req *r)
{
	return ls_finish(r, matters_create(r), PS_WRITE);
}

static int
matter_get(struct req *r)
{
	struct matter	 m;
	json_object	*custom;
	int		 st, got;

	if ((st = path_matter(r)) != 0)
		return st;
	if ((st = search_custom(r, &matter_search_face, &custom)) != 0)
		return st;
	if (custom == NULL) {
		if ((got = matter_get_stored(r, r->params[0])) < 0)
			return http_db_error(r);
		if (got == 0)
			return ls_error(r, 404, "Unknown matter");
		if (got == 403)
			return ls_error(r, 403, "User does not have permissions: "
			    "API Access All Cases");
		return got;
	}
	if ((got = matter_load(r, r->params[0], &m)) < 0)
		return http_db_error(r);
	if (got == 0)
		return ls_error(r, 404, "Unknown matter");
	if (!case_visible(r, m.org_id))
		return ls_error(r, 403, "User does not have permissions: "
		    "API Access All Cases");
	return ls_reply_data(r, 200, m.obj, custom, "matter_uuid");
}

/*
 * GET /api/v2/matters/{uuid}'s stored record, read on the caller's
 * statement (http.h). Sent when the whole record is asked for; with
 * custom_results the record is rendered instead.
 */
const char *
matter_ride_cols(struct req *r)
{
	(void)r;
	return "x.org_id, x.doc_matter";
}

int
ls_matter_get(struct req *r)
{
	return ls_finish(r, matter_get(r), PS_SEARCH);
}

static int
matter_patch(struct req *r)
{
	json_object	*custom;
	int		 st;

	if ((st = ls_premium(r)) != 0 || (st = path_matter(r)) != 0 ||
	    (st = ls_body_json(r, 1)) != 0)
		return st;
	if ((st = ls_body_custom(r, &matter_search_face, r->json, &custom)) != 0)
		return ls_finish(r, st, PS_SEARCH);
	if ((st = validate(r, r->json, 0, NULL)) != 0)
		return st;
	return update_matter(r, r->params[0], r->json, custom);
}

int
ls_matter_patch(struct req *r)
{
	return ls_finish(r, matter_patch(r), PS_WRITE);
}

/* ------------------------------------------------------------ matter notes */

/* The matter in the path, visible to the caller: its case id, or a status. */
static int
visible_matter(struct req *r, long long *case_id)
{
	char **row;

	if (path_matter(r) != 0)
		return r->status;
	row = db_one(&r->a, "SELECT id, org_id FROM cases WHERE uuid = ?", "s",
	    r->params[0]);
	if (row == NULL)
		return db_last() != DB_OK ? http_db_error(r) :
		    ls_error(r, 404, "Unknown matter");
	if (!case_visible(r, row[1] ? strtoll(row[1], NULL, 10) : 0))
		return ls_error(r, 403, "User does not have permissions: "
		    "API Access All Cases");
	*case_id = strtoll(row[0], NULL, 10);
	return 0;
}

static int
path_note(struct req *r)
{
	return uuid_valid(r->params[1]) ? 0 :
	    ls_error(r, 400, "Invalid casenote_uuid");
}

static int
note_validated(struct req *r, json_object *body, int creating)
{
	int n = note_validate(r, body, creating);

	if (n < 0)
		return http_db_error(r);
	return n > 0 ? http_422(r) : 0;
}

static int
notes_search(struct req *r)
{
	long long	case_id;
	int		st;

	if ((st = visible_matter(r, &case_id)) != 0 || (st = ls_body_json(r, 0)) != 0)
		return st;
	struct dbp scope = { .t = 'i', .i = case_id };
	return search_page_in(r, &note_search_face, "n.case_id = ?", &scope);
}

int
ls_notes_search(struct req *r)
{
	return ls_finish(r, notes_search(r), PS_SEARCH);
}

/*
 * A note written (uuid NULL: created) on the matter matter_uuid, and the
 * case's documents and history with it; *out gets the note as it now is.
 * Returns 0 or the status rendered. The matter notes and the top-level
 * notes (ls_notes_top.c) both write through here.
 */
int
ls_note_change(struct req *r, const char *matter_uuid, const char *uuid,
    json_object *body, json_object **out)
{
	struct matter	 m, before;
	json_object	*hist;
	const char	*nu = uuid;
	int		 st;

	if ((st = lock_case(r, matter_uuid, &m)) != 0)
		return st;
	if (uuid != NULL) {
		int got = note_load(r, m.id, uuid, out);
		if (got < 0)
			return http_db_error(r);
		if (got == 0)
			return ls_error(r, 404, "Unknown note");
	}
	if (snapshot(r, m.uuid, &before, &hist) != 0 ||
	    note_write(r, m.id, uuid, body, &nu) != 0 ||
	    record_write(r, "update", m.uuid, hist, &before) != 0 ||
	    note_load(r, m.id, nu, out) != 1)
		return http_db_error(r);
	return 0;
}

static int
note_change(struct req *r, const char *uuid, json_object *custom, int status)
{
	json_object	*note;
	int		 st;

	if ((st = ls_note_change(r, r->params[0], uuid, r->json, &note)) != 0)
		return st;
	return ls_reply_data(r, status, note, custom, "casenote_uuid");
}

static int
notes_create(struct req *r)
{
	json_object	*custom;
	int		 st;

	if ((st = path_matter(r)) != 0 || (st = ls_body_json(r, 1)) != 0)
		return st;
	if ((st = ls_body_custom(r, &note_search_face, r->json, &custom)) != 0)
		return ls_finish(r, st, PS_SEARCH);
	if ((st = note_validated(r, r->json, 1)) != 0)
		return st;
	return note_change(r, NULL, custom, 201);
}

int
ls_notes_create(struct req *r)
{
	return ls_finish(r, notes_create(r), PS_WRITE);
}

static int
note_get(struct req *r)
{
	long long	 case_id;
	json_object	*custom, *note;
	int		 st, got;

	if ((st = visible_matter(r, &case_id)) != 0 || (st = path_note(r)) != 0)
		return st;
	if ((st = search_custom(r, &note_search_face, &custom)) != 0)
		return st;
	if ((got = note_load(r, case_id, r->params[1], &note)) < 0)
		return http_db_error(r);
	if (got == 0)
		return ls_error(r, 404, "Unknown note");
	return ls_reply_data(r, 200, note, custom, "casenote_uuid");
}

int
ls_note_get(struct req *r)
{
	return ls_finish(r, note_get(r), PS_SEARCH);
}

static int
note_patch(struct req *r)
{
	json_object	*custom;
	int		 st;

	if ((st = path_matter(r)) != 0 || (st = path_note(r)) != 0 ||
	    (st = ls_body_json(r, 1)) != 0)
		return st;
	if ((st = ls_body_custom(r, &note_search_face, r->json, &custom)) != 0)
		return ls_finish(r, st, PS_SEARCH);
	if ((st = note_validated(r, r->json, 0)) != 0)
		return st;
	return note_change(r, r->params[1], custom, 200);
}

int
ls_note_patch(struct req *r)
{
	return ls_finish(r, note_patch(r), PS_WRITE);
}

/* ------------------------------------------------------------ lookups */

static int
lookup_table(struct req *r)
{
	int known;

	if (strlen(r->params[0]) > 64)
		return ls_error(r, 404, "Unknown lookup table");
	if ((known = lookup_table_known(r, r->params[0])) < 0)
		return http_db_error(r);
	return known ? 0 : ls_error(r, 404, "Unknown lookup table");
}

static int
lookups_search(struct req *r)
{
	struct dbp	scope = { .t = 's', .s = r->params[0] };
	int		st, active_given;

	if ((st = lookup_table(r)) != 0 || (st = ls_body_json(r, 0)) != 0)
		return st;
	/* Only active values unless the caller asks about "active". */
	active_given = kv_get(&r->query, "active") != NULL ||
	    (r->json != NULL && json_object_object_get_ex(r->json, "active",
	    NULL));
	return search_page_in(r, &lookup_search_face, active_given ?
	    "l.tbl = ?" : "l.tbl = ? AND l.active = 1", &scope);
}

int
ls_lookups_search(struct req *r)
{
	return ls_finish(r, lookups_search(r), PS_SEARCH);
}

static int
lookup_get(struct req *r)
{
	json_object	*row, *o;
	long long	 n;
	int		 st, got;

	if ((st = lookup_table(r)) != 0)
		return st;
	if (!uuid_valid(r->params[1]))
		return ls_error(r, 400, "Invalid lookup_value_uuid");
	if (r->query.n > 0)
		return ls_error(r, 400, "This call takes no parameters");
	if ((got = lookup_value(r, r->params[0], r->params[1], &row, &n)) < 0)
		return http_db_error(r);
	if (got == 0)
		return ls_error(r, 404, "Unknown lookup value");
	o = json_object_new_object();
	json_object_object_add(o, "use_count", json_object_new_int64(n));
	json_object_object_add(o, "data", json_object_get(row));
	return resp_json(r, 200, o);
}

int
ls_lookup_get(struct req *r)
{
	return ls_finish(r, lookup_get(r), PS_SEARCH);
}

/* ------------------------------------------------------------ conflict check */

#define CONFLICT_PHONES_MAX	10

static int
v1_answer(struct req *r, int status, const char *message, int score)
{
	json_object *o = json_object_new_object();
	static const char *const intervals[] = { "lowest", "low", "high",
	    "highest" };

	json_object_object_add(o, "status", json_object_new_int(status));
	json_object_object_add(o, "message", json_object_new_string(message));
	if (score > 0) {
		json_object_object_add(o, "interval", json_object_new_string(
		    intervals[score <= 25 ? 0 : score <= 50 ? 1 : score <= 75 ? 2 :
		    3]));
		json_object_object_add(o, "score", json_object_new_int(score));
	} else if (status == 200)
		json_object_object_add(o, "score", NULL);
	return resp_json(r, status, o);
}

/* A string member, or NULL; *bad when present with another type. */
static const char *
v1_str(json_object *o, const char *key, int *bad)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return NULL;
	if (!json_object_is_type(v, json_type_string) ||
	    json_object_get_string_len(v) > 200) {
		*bad = 1;
		return NULL;
	}
	return json_object_get_string_len(v) ? json_object_get_string(v) : NULL;
}

/*
 * The cases family's own conflict check (conflicts.c) run on one person:
 * its matches scored, 0 when none. -1: the person was refused; -2: the
 * status it rendered otherwise.
 */
static int
conflict_score(struct req *r, const char *name, const char *dob,
    const char *visa, const char *phone)
{
	json_object	*p = req_keep(r, json_object_new_object()), *res, *m;
	int		 st, best = 0;

	json_object_object_add(p, "name", json_object_new_string(name));
	if (dob)
		json_object_object_add(p, "date_of_birth", json_object_new_string(dob));
	if (visa)
		json_object_object_add(p, "visa_number", json_object_new_string(visa));
	if (phone)
		json_object_object_add(p, "phone_number", json_object_new_string(phone));
	r->json = p;
	r->body_not_json = 0;
	st = conflicts_post(r);
	if (st == 422) {
		if (r->problems)
			json_object_array_del_idx(r->problems, 0,
			    json_object_array_length(r->problems));
		r->out.len = 0;
		return -1;
	}
	if (st != 200)
		return -2;
	/* Its answer, {"matches": [{..., "why": [...]}]}, read back. */
	struct json_tokener *tok = json_tokener_new();
	res = req_keep(r, json_tokener_parse_ex(tok, r->out.s, (int)r->out.len));
	json_tokener_free(tok);
	r->out.len = 0;
	if (!json_object_object_get_ex(res, "matches", &m))
		return -2;
	for (size_t i = 0; i < json_object_array_length(m); i++) {
		json_object *why = NULL;
		int name_hit = 0, dob_hit = 0, phone_hit = 0, visa_hit = 0, score;
		json_object_object_get_ex(json_object_array_get_idx(m, i), "why",
		    &why);
		for (size_t k = 0; why && k < json_object_array_length(why); k++) {
			const char *w = json_object_get_string(
			    json_object_array_get_idx(why, k));
			name_hit |= strcmp(w, "name") == 0;
			dob_hit |= strcmp(w, "date_of_birth") == 0;
			phone_hit |= strcmp(w, "phone_number") == 0;
			visa_hit |= strcmp(w, "visa_number") == 0;
		}
		score = name_hit ? 60 + 30 * dob_hit + 20 * phone_hit +
		    40 * visa_hit : 70 + 20 * visa_hit;
		if (score > 100)
			score = 100;
		if (score > best)
			best = score;
	}
	return best;
}

/*
 * POST /api/v1/conflict_check (spec section 10): first, middle, last, dob,
 * visa_number, phones [{number, type}]. Scored from the cases family's
 * matching: a normalised name match 60, +30 with the date of birth, +20
 * with a phone, +40 with the visa number (at most 100); two other fields
 * without the name 70, 90 with the visa number too; no match 1. Without
 * first and last there is too little to go on. Premium, as /conflicts.
 */
static int
conflict_check(struct req *r)
{
	static const char *const keys[] = { "first", "middle", "last", "dob",
	    "visa_number", "phones", NULL };
	static const char *const types[] = { "business", "other", "home",
	    "mobile", "fax", NULL };
	const char	*invalid = "person invalid or missing";
	const char	*phones[CONFLICT_PHONES_MAX];
	size_t		 nphones = 0;
	int		 bad = 0, best = 1;
	json_object	*o, *v;

	if (!r->who->premium)
		return v1_answer(r, 402, "Payment Required: conflict checks are a "
		    "premium feature the caller's organisation does not have", 0);
	if (ls_body_json(r, 1) != 0) {
		r->out.len = 0;
		return v1_answer(r, 400, invalid, 0);
	}
	o = r->json;
	json_object_object_foreach(o, key, val) {
		size_t k;
		(void)val;
		for (k = 0; keys[k] && strcmp(keys[k], key) != 0; k++)
			;
		bad |= keys[k] == NULL;
	}
	const char *first = v1_str(o, "first", &bad);
	const char *middle = v1_str(o, "middle", &bad);
	const char *last = v1_str(o, "last", &bad);
	const char *dob = v1_str(o, "dob", &bad);
	const char *visa = v1_str(o, "visa_number", &bad);
	if (json_object_object_get_ex(o, "phones", &v) && v != NULL) {
		if (!json_object_is_type(v, json_type_array) ||
		    json_object_array_length(v) > CONFLICT_PHONES_MAX)
			bad = 1;
		for (size_t i = 0; !bad && i < json_object_array_length(v); i++) {
			json_object *ph = json_object_array_get_idx(v, i);
			if (!json_object_is_type(ph, json_type_object)) {
				bad = 1;
				break;
			}
			const char *type = v1_str(ph, "type", &bad);
			const char *num = v1_str(ph, "number", &bad);
			size_t t;
			for (t = 0; type && types[t] && strcmp(types[t], type); t++)
				;
			if (type && types[t] == NULL)
				bad = 1;
			json_object_object_foreach(ph, pk, pv) {
				(void)pv;
				bad |= strcmp(pk, "type") != 0 && strcmp(pk, "number") != 0;
			}
			if (num)
				phones[nphones++] = num;
		}
	}
	if (bad)
		return v1_answer(r, 400, invalid, 0);
	if (first == NULL || last == NULL)
		return v1_answer(r, 200, "Unable to determine conflict score based "
		    "on provided data. Provide more fields and try again.", 0);
	char *name = middle ? arena_printf(&r->a, "%s %s %s", first, middle, last) :
	    arena_printf(&r->a, "%s %s", first, last);
	for (size_t i = 0; i < (nphones ? nphones : 1); i++) {
		int s = conflict_score(r, name, dob, visa, nphones ? phones[i] :
		    NULL);
		if (s == -1)
			return v1_answer(r, 400, invalid, 0);
		if (s < -1)
			return ls_finish(r, r->status ? r->status : 500, PS_WRITE);
		if (s > best)
			best = s;
	}
	return v1_answer(r, 200, "conflict check completed successfully", best);
}

int
ls_conflict_check(struct req *r)
{
	return ls_finish(r, conflict_check(r), PS_WRITE);
}
