/*
 * Top-level notes (GET|POST /api/v2/notes, GET|PATCH /api/v2/notes/{uuid}):
 * the same case-note rows as the matter notes (ls_notes.c), addressed by
 * module and module_id instead of the path. Casegate holds notes of one
 * module, matter; module_id is the matter's uuid. A note reads as the
 * matter note does, with note_uuid for casenote_uuid and module, module_id
 * for matter_uuid. Every write goes through ls_note_change(), so it
 * refreshes the case and writes its history like a matter note's.
 */
#include <stdlib.h>
#include <string.h>

#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "legalserver.h"

static const struct filter_def top_filters[] = {
	{ "note_type", K_NOTE_TYPE, "n.note_type = ?", NULL, NULL },
	{ "subject", K_TEXT, "n.subject = ?", "n.subject IS NULL", NULL },
	{ "body", K_LIKE, "n.content LIKE ?", NULL, NULL },
	{ "note_uuid", K_UUID, "n.uuid = ?", NULL, NULL },
	{ "date_posted", K_DATE, "n.date_posted = ?", "n.date_posted IS NULL",
	    NULL },
	/* Every note is a matter's: another module matches nothing. */
	{ "module", K_TEXT, "'matter' = ?", NULL, NULL },
	{ "module_id", K_UUID, "c.uuid = ?", NULL, NULL },
	{ "module_uuid", K_UUID, "c.uuid = ?", NULL, NULL },
};

static const char *const top_results[] = {
	"id", "note_uuid", "module", "module_id", "subject", "body", "note_type",
	"date_posted", "date_time_created", "last_update", NULL
};

/* A matter note in the top-level shape. */
static json_object *
top_shape(json_object *note)
{
	json_object *o = json_object_new_object();

	json_object_object_foreach(note, k, v) {
		if (strcmp(k, "casenote_uuid") == 0)
			json_object_object_add(o, "note_uuid", json_object_get(v));
		else if (strcmp(k, "matter_uuid") == 0) {
			json_object_object_add(o, "module",
			    json_object_new_string("matter"));
			json_object_object_add(o, "module_id", json_object_get(v));
		} else if (strcmp(k, "matter_id") != 0)
			json_object_object_add(o, k, json_object_get(v));
	}
	return o;
}

static int
load_top(struct req *r, const long long *ids, size_t n, json_object **out)
{
	int got = notes_load_ids(r, ids, n, out);

	for (int i = 0; i < got; i++)
		out[i] = req_keep(r, top_shape(out[i]));
	return got;
}

static const struct search_face top_face = {
	.filters = top_filters,
	.nfilters = sizeof(top_filters) / sizeof(top_filters[0]),
	.results = top_results,
	.key = "note_uuid",
	.star = 1,
	.json_lists = 1,
	.from = "case_notes n JOIN cases c ON c.id = n.case_id",
	.id_col = "n.id",
	.load = load_top,
};

int
ls_top_notes_search(struct req *r)
{
	return ls_search(r, &top_face);
}

static int
reply_note(struct req *r, int status, json_object *note, json_object *custom)
{
	return ls_reply_data(r, status, req_keep(r, top_shape(note)), custom,
	    "note_uuid");
}

/*
 * module and module_id (or module_uuid) taken out of a create's body:
 * *matter the matter's uuid, or problems added.
 */
static void
take_module(struct req *r, json_object *body, const char **matter)
{
	json_object *m = NULL, *id = NULL, *base = loc_new("body", NULL);
	int has_m = json_object_object_get_ex(body, "module", &m);
	const char *idkey = json_object_object_get_ex(body, "module_id", NULL) ?
	    "module_id" : "module_uuid";
	int has_id = json_object_object_get_ex(body, idkey, &id);

	*matter = NULL;
	if (!has_m)
		problem_add(r, "missing", loc_with(base, "module"), "Field required",
		    body, NULL);
	else if (m == NULL || !json_object_is_type(m, json_type_string) ||
	    strcmp(json_object_get_string(m), "matter") != 0)
		problem_add(r, "value_error", loc_with(base, "module"),
		    "Value error, Casegate holds notes of matters only", m, NULL);
	if (!has_id)
		problem_add(r, "missing", loc_with(base, "module_id"),
		    "Field required", body, NULL);
	else if (id == NULL || !json_object_is_type(id, json_type_string) ||
	    !uuid_valid(json_object_get_string(id)))
		problem_add(r, "uuid_parsing", loc_with(base, idkey),
		    "Input should be a valid UUID", id, NULL);
	else
		*matter = arena_strdup(&r->a, json_object_get_string(id));
	json_object_put(base);
	if (has_m) {
		req_keep(r, json_object_get(m));
		json_object_object_del(body, "module");
	}
	if (has_id) {
		req_keep(r, json_object_get(id));
		json_object_object_del(body, idkey);
	}
}

static int
validated(struct req *r, json_object *body, int creating)
{
	int n = note_validate(r, body, creating);

	if (n < 0)
		return http_db_error(r);
	return problem_count(r) ? http_422(r) : 0;
}

static int
top_create(struct req *r)
{
	json_object	*custom, *note;
	const char	*matter;
	int		 st;

	if ((st = ls_body_json(r, 1)) != 0)
		return st;
	if ((st = ls_body_custom(r, &top_face, r->json, &custom)) != 0)
		return ls_finish(r, st, PS_SEARCH);
	take_module(r, r->json, &matter);
	if ((st = validated(r, r->json, 1)) != 0 ||
	    (st = ls_note_change(r, matter, NULL, r->json, &note)) != 0)
		return st;
	return reply_note(r, 201, note, custom);
}

int
ls_top_notes_create(struct req *r)
{
	return ls_finish(r, top_create(r), PS_WRITE);
}

/*
 * The note in the path: its case's id and uuid, after the visibility
 * check. 0, or the status rendered.
 */
static int
path_note(struct req *r, long long *case_id, const char **matter)
{
	char **row;

	if (!uuid_valid(r->params[0]))
		return ls_error(r, 400, "Invalid note_uuid");
	row = db_one(&r->a, "SELECT c.id, c.uuid, c.org_id FROM case_notes n "
	    "JOIN cases c ON c.id = n.case_id WHERE n.uuid = ?", "s",
	    r->params[0]);
	if (row == NULL)
		return db_last() != DB_OK ? http_db_error(r) :
		    ls_error(r, 404, "Unknown note");
	if (!case_visible(r, row[2] ? strtoll(row[2], NULL, 10) : 0))
		return ls_error(r, 403, "User does not have permissions: "
		    "API Access All Cases");
	*case_id = strtoll(row[0], NULL, 10);
	*matter = row[1];
	return 0;
}

static int
top_get(struct req *r)
{
	json_object	*custom, *note;
	const char	*matter;
	long long	 case_id;
	int		 st;

	if ((st = path_note(r, &case_id, &matter)) != 0 ||
	    (st = search_custom(r, &top_face, &custom)) != 0)
		return st;
	if (note_load(r, case_id, r->params[0], &note) != 1)
		return http_db_error(r);
	return reply_note(r, 200, note, custom);
}

int
ls_top_note_get(struct req *r)
{
	return ls_finish(r, top_get(r), PS_SEARCH);
}

static int
top_patch(struct req *r)
{
	json_object	*custom, *note;
	const char	*matter;
	long long	 case_id;
	int		 st;

	if ((st = path_note(r, &case_id, &matter)) != 0 ||
	    (st = ls_body_json(r, 1)) != 0)
		return st;
	if ((st = ls_body_custom(r, &top_face, r->json, &custom)) != 0)
		return ls_finish(r, st, PS_SEARCH);
	/* A note stays on its matter: module and module_id are not written. */
	if ((st = validated(r, r->json, 0)) != 0 ||
	    (st = ls_note_change(r, matter, r->params[0], r->json, &note)) != 0)
		return st;
	return reply_note(r, 200, note, custom);
}

int
ls_top_note_patch(struct req *r)
{
	return ls_finish(r, top_patch(r), PS_WRITE);
}
