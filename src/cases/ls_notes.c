/*
 * Matter notes: the case's notes as LegalServer's matter-note records
 * (casenote_uuid, subject, body, a lookup-object note_type, date_posted).
 * body is the case note's content and note_type its type, so a note written
 * here is the same row the LAA face shows in the case's "notes"; subject and
 * date_posted are columns of their own. One field table validates and names
 * the output; one statement reads a page of notes.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "legalserver.h"

const struct field note_ls_fields[NL__MAX] = {
	[NL_ID] = { .name = "id", .type = FT_INT, .flags = F_READONLY },
	[NL_UUID] = { .name = "casenote_uuid", .type = FT_UUID,
	    .flags = F_READONLY },
	[NL_MATTER_ID] = { .name = "matter_id", .type = FT_INT,
	    .flags = F_READONLY },
	[NL_MATTER_UUID] = { .name = "matter_uuid", .type = FT_UUID,
	    .flags = F_READONLY },
	[NL_SUBJECT] = { .name = "subject", .type = FT_STRING,
	    .flags = F_REQUIRED | F_NULLABLE, .max = 255, .column = "subject" },
	[NL_BODY] = { .name = "body", .type = FT_STRING, .flags = F_REQUIRED,
	    .max = 65536, .column = "content" },
	[NL_TYPE] = { .name = "note_type", .type = FT_INT, .flags = F_REQUIRED,
	    .column = "note_type" },
	[NL_POSTED] = { .name = "date_posted", .type = FT_DATE,
	    .flags = F_NULLABLE, .column = "date_posted" },
	[NL_CREATED] = { .name = "date_time_created", .type = FT_DATETIME,
	    .flags = F_READONLY },
	[NL_UPDATED] = { .name = "last_update", .type = FT_DATETIME,
	    .flags = F_READONLY },
};

#define NOTE_SELECT "SELECT n.id, n.uuid, c.id, c.uuid, n.subject, n.content, " \
	"(SELECT JSON_OBJECT('id', l.id, 'name', l.name, 'uuid', l.uuid) " \
	"FROM ls_lookups l WHERE l.tbl = 'note_type' AND l.name = n.note_type), " \
	"n.date_posted, n.created_at, n.updated_at " \
	"FROM case_notes n JOIN cases c ON c.id = n.case_id WHERE "

static const struct filter_def note_filters[] = {
	{ "note_type", K_NOTE_TYPE, "n.note_type = ?", NULL, NULL },
	{ "subject", K_TEXT, "n.subject = ?", "n.subject IS NULL", NULL },
	{ "body", K_LIKE, "n.content LIKE ?", NULL, NULL },
	{ "casenote_uuid", K_UUID, "n.uuid = ?", NULL, NULL },
	{ "date_posted", K_DATE, "n.date_posted = ?", "n.date_posted IS NULL",
	    NULL },
};

static const char *const note_results[] = {
	"id", "casenote_uuid", "matter_id", "matter_uuid", "subject", "body",
	"note_type", "date_posted", "date_time_created", "last_update", NULL
};

static int
load_notes(struct req *r, const long long *ids, size_t n, json_object **out)
{
	return notes_load_ids(r, ids, n, out);
}

const struct search_face note_search_face = {
	.filters = note_filters,
	.nfilters = sizeof(note_filters) / sizeof(note_filters[0]),
	.results = note_results,
	.key = "casenote_uuid",
	.star = 1,
	.json_lists = 1,
	.from = "case_notes n JOIN cases c ON c.id = n.case_id",
	.id_col = "n.id",
	.load = load_notes,
};

static json_object *
note_json(char **row)
{
	json_object *o = json_object_new_object();

	for (size_t i = 0; i < NL__MAX; i++) {
		const struct field *f = &note_ls_fields[i];
		json_object_object_add(o, f->name, i == NL_TYPE ?
		    lookup_object("note_type", "Note Type", row[i]) :
		    field_value(f, row[i], 0));
	}
	return o;
}

static int
load(struct req *r, const char *where, const struct dbp *p, size_t np,
    long long *ids, json_object **out, size_t max)
{
	struct dbq	*q = db_runp(&r->a, arena_printf(&r->a, "%s%s", NOTE_SELECT,
	    where), p, np);
	char		**row;
	size_t		 n = 0;

	if (q == NULL)
		return -1;
	while ((row = db_next(q)) != NULL)
		if (n < max) {
			ids[n] = strtoll(row[0], NULL, 10);
			out[n++] = req_keep(r, note_json(row));
		}
	return db_last() == DB_OK ? (int)n : -1;
}

/* One note of one case: 1, 0 (none such on it), -1 database error. */
int
note_load(struct req *r, long long case_id, const char *uuid, json_object **out)
{
	struct dbp	p[2] = { { .t = 's', .s = uuid }, { .t = 'i', .i = case_id } };
	long long	id;

	return load(r, "n.uuid = ? AND n.case_id = ?", p, 2, &id, out, 1);
}

int
notes_load_ids(struct req *r, const long long *ids, size_t n, json_object **out)
{
	struct dbp	*p = arena_calloc(&r->a, sizeof(*p) * (n + 1));
	long long	*got_ids = arena_calloc(&r->a, sizeof(*got_ids) * (n + 1));
	json_object	**got = arena_calloc(&r->a, sizeof(*got) * (n + 1));
	int		 m = load(r, db_in_list(&r->a, "n.id", ids, n, p), p, n,
	    got_ids, got, n);

	return m < 0 ? -1 : search_in_order(ids, n, got_ids, got, (size_t)m,
	    out);
}

/*
 * Checks a note body in place (note_type in any lookup form becomes its
 * value's id). Returns the problems added, -1 on a database error.
 */
int
note_validate(struct req *r, json_object *body, int creating)
{
	struct fieldvals	 fv;
	json_object		*base = loc_new("body", NULL), *v;
	int			 before = problem_count(r);
	long long		 id;

	if (json_object_object_get_ex(body, "note_type", &v) && v != NULL) {
		if (lookup_input(r, "note_type", v, &id) < 0) {
			json_object_put(base);
			return -1;
		}
		if (id == 0)
			problem_add(r, "lookup", loc_with(base, "note_type"),
			    "Unknown lookup value", v, NULL);
		json_object_object_add(body, "note_type", json_object_new_int64(id));
	}
	fields_parse(r, note_ls_fields, NL__MAX, body, base,
	    creating ? FP_CREATE : 0, &fv);
	json_object_put(base);
	return problem_count(r) - before;
}

/*
 * Writes a validated note onto case case_id: a new one (uuid NULL; *uuid_out
 * gets its uuid) or the named one. Returns 0, or -1 on a database error.
 */
int
note_write(struct req *r, long long case_id, const char *uuid,
    json_object *body, const char **uuid_out)
{
	json_object	*v;
	const char	*type = NULL;
	struct dbp	 p[16];
	size_t		 k = 0;

	if (json_object_object_get_ex(body, "note_type", &v)) {
		char **row = db_one(&r->a, "SELECT name FROM ls_lookups WHERE id = ?",
		    "i", (long long)json_object_get_int64(v));
		if (row == NULL)
			return -1;
		type = row[0];
	}
	if (uuid == NULL) {
		char *nu = arena_alloc(&r->a, 37), today[11];
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		uuid4(nu);
		*uuid_out = nu;
		json_object *s = NULL, *b = NULL, *d = NULL;
		json_object_object_get_ex(body, "subject", &s);
		json_object_object_get_ex(body, "body", &b);
		int has_d = json_object_object_get_ex(body, "date_posted", &d);
		if (db_run(&r->a, "INSERT INTO case_notes (uuid, case_id, "
		    "note_type, content, subject, date_posted, created_at, "
		    "updated_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), "
		    "UTC_TIMESTAMP(6))", "sissss", nu, case_id, type,
		    json_object_get_string(b), s ? json_object_get_string(s) : NULL,
		    has_d ? (d ? json_object_get_string(d) : NULL) :
		    arena_strdup(&r->a, today)) == NULL)
			return -1;
		goto bump;
	}
	static const int cols[] = { NL_SUBJECT, NL_BODY, NL_TYPE, NL_POSTED };
	struct buf sql = { 0 };
	buf_adds(&sql, "UPDATE case_notes SET ");
	for (size_t i = 0; i < 4; i++) {
		const struct field *f = &note_ls_fields[cols[i]];
		int has = json_object_object_get_ex(body, f->name, &v);
		buf_addf(&sql, "%s = IF(?, ?, %s), ", f->column, f->column);
		p[k++] = (struct dbp){ .t = 'i', .i = has };
		p[k++] = (struct dbp){ .t = 's', .s = !has || v == NULL ? NULL :
		    cols[i] == NL_TYPE ? type : json_object_get_string(v) };
	}
	buf_adds(&sql, "updated_at = UTC_TIMESTAMP(6) WHERE uuid = ? AND "
	    "case_id = ?");
	p[k++] = (struct dbp){ .t = 's', .s = uuid };
	p[k++] = (struct dbp){ .t = 'i', .i = case_id };
	struct dbq *q = db_runp(&r->a, arena_strdup(&r->a, sql.s), p, k);
	buf_free(&sql);
	if (q == NULL)
		return -1;
bump:
	/* Any write bumps the case, so that updated_at finds it. */
	return db_exec(&r->a, "UPDATE cases SET updated_at = UTC_TIMESTAMP(6) "
	    "WHERE id = ?", "i", case_id) < 0 ? -1 : 0;
}
