/*
 * LegalServer documents over the case store: POST /api/v2/documents
 * (multipart/form-data: file, name, title, module, module_uuid |
 * matter_uuid | module_id | matter_id, optional update), GET|PATCH
 * /api/v2/documents/{uuid}, the searches GET /api/v2/documents and
 * /api/v2/matters/{uuid}/documents, the vendor client's upload POST
 * /api/v1/documents/matter_zip, and the raw bytes at
 * /modules/document/download.php?unique_id= (spec sections 6 and 12).
 * Bodies are parsed by multipart.c within the route's size cap (413 at
 * the gate); the bytes are stored in the database with their SHA-256.
 * Upload errors have the shape the spec documents for documents,
 * {"error": ...}; the rest LegalServer's {"error_message"} and friends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "legalserver.h"
#include "multipart.h"

#define DOC_PARTS_MAX	16
#define DOC_HEADER_MAX	1024
#define DOC_NAME_MAX	255
#define DOC_FILES_MAX	8	/* matter_zip's "files" parts */

#define DENY	"User does not have permissions: API Access All Cases"

/* ------------------------------------------------------------ records */

#define LK_JSON "JSON_OBJECT('id', l.id, 'name', l.name, 'uuid', l.uuid)"
#define DOC_SELECT "SELECT d.id, d.uuid, d.name, d.title, d.mime_type, " \
	"d.size, d.sha256, d.created_at, d.updated_at, c.uuid, c.org_id, " \
	"(SELECT " LK_JSON " FROM ls_lookups l WHERE l.id = d.type_id), " \
	"(SELECT JSON_ARRAYAGG(" LK_JSON " ORDER BY l.list_order, l.id) FROM " \
	"ls_document_programs dp JOIN ls_lookups l ON l.id = dp.program_id " \
	"WHERE dp.document_id = d.id) " \
	"FROM ls_documents d JOIN cases c ON c.id = d.case_id WHERE "

enum { DR_ID, DR_UUID, DR_NAME, DR_TITLE, DR_MIME, DR_SIZE, DR_SHA,
	DR_CREATED, DR_UPDATED, DR_MATTER, DR_ORG, DR_TYPE, DR_PROGRAMS };

#define DOC_TYPES	"document_type"
#define PROGRAMS	"program"
#define PROGRAMS_MAX	32

static json_object *
doc_json(char **row)
{
	static const struct field ts = { .name = "t", .type = FT_DATETIME };
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_int64(strtoll(row[DR_ID],
	    NULL, 10)));
	json_object_object_add(o, "uuid", json_object_new_string(row[DR_UUID]));
	json_object_object_add(o, "name", json_object_new_string(row[DR_NAME]));
	json_object_object_add(o, "title", row[DR_TITLE] ?
	    json_object_new_string(row[DR_TITLE]) : NULL);
	json_object_object_add(o, "mime_type",
	    json_object_new_string(row[DR_MIME]));
	json_object_object_add(o, "disk_file_size",
	    json_object_new_int64(strtoll(row[DR_SIZE], NULL, 10)));
	json_object_object_add(o, "sha256", json_object_new_string(row[DR_SHA]));
	json_object_object_add(o, "date_create", field_value(&ts, row[DR_CREATED],
	    0));
	json_object_object_add(o, "last_update", field_value(&ts,
	    row[DR_UPDATED], 0));
	char url[128];
	snprintf(url, sizeof(url), "/modules/document/download.php?unique_id=%s",
	    row[DR_UUID]);
	json_object_object_add(o, "download_url", json_object_new_string(url));
	json_object_object_add(o, "storage_backend",
	    json_object_new_string("database"));
	json_object_object_add(o, "virus_scanned", json_object_new_boolean(0));
	json_object_object_add(o, "virus_free", NULL);
	json_object_object_add(o, "type", lookup_object(DOC_TYPES,
	    "Document Type", row[DR_TYPE]));
	json_object *progs = json_object_new_array(),
	    *got = row[DR_PROGRAMS] ? json_tokener_parse(row[DR_PROGRAMS]) : NULL;
	for (size_t i = 0; got && i < json_object_array_length(got); i++)
		json_object_array_add(progs, lookup_object(PROGRAMS, "Program",
		    json_object_to_json_string(json_object_array_get_idx(got, i))));
	json_object_put(got);
	json_object_object_add(o, "programs", progs);
	json_object_object_add(o, "module", json_object_new_string("matter"));
	json_object_object_add(o, "matter_uuid",
	    json_object_new_string(row[DR_MATTER]));
	return o;
}

/* Rows by a WHERE clause: count, -1 on a database error. */
static int
load(struct req *r, const char *where, const struct dbp *p, size_t np,
    long long *ids, long long *orgs, json_object **out, size_t max)
{
	struct dbq	*q = db_runp(&r->a, arena_printf(&r->a, "%s%s", DOC_SELECT,
	    where), p, np);
	char		**row;
	size_t		 n = 0;

	if (q == NULL)
		return -1;
	while ((row = db_next(q)) != NULL)
		if (n < max) {
			ids[n] = strtoll(row[DR_ID], NULL, 10);
			if (orgs)
				orgs[n] = row[DR_ORG] ? strtoll(row[DR_ORG], NULL,
				    10) : 0;
			out[n++] = req_keep(r, doc_json(row));
		}
	return db_last() == DB_OK ? (int)n : -1;
}

static int
load_ids(struct req *r, const long long *ids, size_t n, json_object **out)
{
	struct dbp	*p = arena_calloc(&r->a, sizeof(*p) * (n + 1));
	long long	*got_ids = arena_calloc(&r->a, sizeof(*got_ids) * (n + 1));
	json_object	**got = arena_calloc(&r->a, sizeof(*got) * (n + 1));
	int		 m = load(r, db_in_list(&r->a, "d.id", ids, n, p), p, n,
	    got_ids, NULL, got, n);

	return m < 0 ? -1 : search_in_order(ids, n, got_ids, got, (size_t)m,
	    out);
}

/* One document: 1 (with its case's org), 0 none, -1 database error. */
static int
load_uuid(struct req *r, const char *uuid, json_object **out, long long *org)
{
	struct dbp	p = { .t = 's', .s = uuid };
	long long	id;

	return load(r, "d.uuid = ?", &p, 1, &id, org, out, 1);
}

static const struct filter_def doc_filters[] = {
	{ "uuid", K_UUID, "d.uuid = ?", NULL, NULL },
	{ "id", K_INT, "d.id = ?", NULL, NULL },
	{ "name", K_TEXT, "d.name = ?", NULL, NULL },
	{ "title", K_TEXT, "d.title = ?", "d.title IS NULL", NULL },
	{ "mime_type", K_TEXT, "d.mime_type = ?", NULL, NULL },
	{ "sha256", K_TEXT, "d.sha256 = ?", NULL, NULL },
	{ "type", K_LOOKUP, "d.type_id = ?", "d.type_id IS NULL", DOC_TYPES },
	{ "programs", K_LOOKUP, "d.id IN (SELECT dp.document_id FROM "
	    "ls_document_programs dp WHERE dp.program_id = ?)", "d.id NOT IN "
	    "(SELECT dp.document_id FROM ls_document_programs dp)", PROGRAMS },
	{ "matters", K_UUID, "c.uuid = ?", NULL, NULL },
	{ "matter_uuid", K_UUID, "c.uuid = ?", NULL, NULL },
	{ "module_id", K_UUID, "c.uuid = ?", NULL, NULL },
};

static const char *const doc_results[] = {
	"id", "name", "title", "mime_type", "disk_file_size", "sha256",
	"date_create", "last_update", "download_url", "storage_backend",
	"virus_scanned", "virus_free", "type", "programs", "module",
	"matter_uuid", NULL
};

static const struct search_face doc_face = {
	.filters = doc_filters,
	.nfilters = sizeof(doc_filters) / sizeof(doc_filters[0]),
	.results = doc_results,
	.key = "uuid",
	.star = 1,
	.json_lists = 1,
	.from = "ls_documents d JOIN cases c ON c.id = d.case_id",
	.id_col = "d.id",
	.load = load_ids,
};

/* ------------------------------------------------------------ matters */

/*
 * The matter a document goes on, by uuid (or internal id): its case id and
 * uuid, visible to the caller and locked. 0, 1 none, 2 another org's, -1.
 */
static int
matter_lock(struct req *r, const char *uuid, long long id, long long *case_id,
    const char **case_uuid)
{
	char **row = uuid ? db_one(&r->a, "SELECT id, org_id, uuid FROM cases "
	    "WHERE uuid = ? FOR UPDATE", "s", uuid) : db_one(&r->a, "SELECT id, "
	    "org_id, uuid FROM cases WHERE id = ? FOR UPDATE", "i", id);

	if (row == NULL)
		return db_last() == DB_OK ? 1 : -1;
	if (!case_visible(r, row[1] ? strtoll(row[1], NULL, 10) : 0))
		return 2;
	*case_id = strtoll(row[0], NULL, 10);
	*case_uuid = row[2];
	return 0;
}

/* ------------------------------------------------------------ upload */

static int
doc_error(struct req *r, int status, const char *msg)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "error", json_object_new_string(msg));
	return resp_json(r, status, o);
}

/* matter_lock for an upload: 0, or the status rendered in its shape. */
static int
upload_matter(struct req *r, const char *uuid, long long id,
    long long *case_id, const char **case_uuid)
{
	switch (matter_lock(r, uuid, id, case_id, case_uuid)) {
	case 0:
		return 0;
	case 1:
		return doc_error(r, 404, "Requested matter does not exist");
	case 2:
		return doc_error(r, 403, DENY);
	default:
		return http_db_error(r);
	}
}

/* A text part as a C string: valid UTF-8, no NUL, at most max chars. */
static const char *
part_text(struct req *r, const struct mp_part *p, size_t max)
{
	int	bad;
	size_t	chars = utf8_len(p->data, p->len, &bad);

	if (bad || chars > max)
		return NULL;
	return arena_strndup(&r->a, p->data, p->len);
}

/* "type/subtype" of plain characters, else the generic type. */
static const char *
mime_of(struct req *r, const char *ct)
{
	size_t n = ct ? strcspn(ct, ";") : 0, slash = 0;

	while (n > 0 && ct[n - 1] == ' ')
		n--;
	if (n == 0 || n > 100)
		return "application/octet-stream";
	for (size_t i = 0; i < n; i++) {
		char c = ct[i];
		if (c == '/')
			slash++;
		else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("!#$&^_.+-", c)))
			return "application/octet-stream";
	}
	if (slash != 1 || ct[0] == '/' || ct[n - 1] == '/')
		return "application/octet-stream";
	char *m = arena_strndup(&r->a, ct, n);
	for (char *s = m; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
	return m;
}

/* A file name as stored: its last path segment. */
static const char *
base_name(const char *f)
{
	const char *s = strrchr(f, '/'), *b = strrchr(f, '\\');

	if (b && (!s || b > s))
		s = b;
	return s ? s + 1 : f;
}

/*
 * A document's type and programs as a write gives them: has_* says whether
 * the write names them at all (type_id 0: none; programs: the whole list).
 */
struct doc_class {
	int		 has_type, has_programs;
	long long	 type_id;
	long long	 programs[PROGRAMS_MAX];
	size_t		 nprograms;
};

/*
 * The programs of a write: a JSON array of lookup inputs (names, ids,
 * uuids, lookup objects). 0, 1 with *bad the value refused, -1 db error.
 */
static int
programs_parse(struct req *r, json_object *list, struct doc_class *dc,
    json_object **bad)
{
	dc->has_programs = 1;
	dc->nprograms = 0;
	if (!json_object_is_type(list, json_type_array) ||
	    json_object_array_length(list) > PROGRAMS_MAX) {
		*bad = list;
		return 1;
	}
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		json_object *v = json_object_array_get_idx(list, i);
		long long id;
		if (lookup_input(r, PROGRAMS, v, &id) < 0)
			return -1;
		if (id == 0) {
			*bad = v;
			return 1;
		}
		size_t k;
		for (k = 0; k < dc->nprograms && dc->programs[k] != id; k++)
			;
		if (k == dc->nprograms)
			dc->programs[dc->nprograms++] = id;
	}
	return 0;
}

/* Writes a document's type and programs where the write names them. */
static int
doc_classify(struct req *r, const char *uuid, const struct doc_class *dc)
{
	struct dbp p[2 * PROGRAMS_MAX];
	size_t k = 0;

	if (dc->has_type && db_exec(&r->a, "UPDATE ls_documents SET type_id = "
	    "NULLIF(?, 0) WHERE uuid = ?", "is", dc->type_id, uuid) < 0)
		return -1;
	if (!dc->has_programs)
		return 0;
	if (db_exec(&r->a, "DELETE dp FROM ls_document_programs dp JOIN "
	    "ls_documents d ON d.id = dp.document_id WHERE d.uuid = ?", "s",
	    uuid) < 0)
		return -1;
	for (size_t i = 0; i < dc->nprograms; i++) {
		p[k++] = (struct dbp){ .t = 's', .s = uuid };
		p[k++] = (struct dbp){ .t = 'i', .i = dc->programs[i] };
	}
	return db_insert_rows(&r->a, "INSERT INTO ls_document_programs "
	    "(document_id, program_id) VALUES ", "((SELECT id FROM ls_documents "
	    "WHERE uuid = ?), ?)", dc->nprograms, p, k) ? 0 : -1;
}

/*
 * Stores one file on a case: a new document, or (replace != 0) new bytes
 * for document replace. *uuid_out its uuid. 0, or -1 on a database error.
 */
static int
doc_store(struct req *r, long long case_id, const char *case_uuid,
    long long replace, const char *name, const char *title, int has_title,
    const struct doc_class *dc, const struct mp_part *file,
    const char **uuid_out)
{
	char		 sha[65], *uuid;
	const char	*mime = mime_of(r, file->ctype);
	json_object	*before = req_keep(r, json_object_new_object()),
			*after = req_keep(r, json_object_new_object()), *d;

	sha256_hex(file->data, file->len, sha);
	if (replace) {
		char **row = db_one(&r->a, "SELECT uuid, name, sha256 FROM "
		    "ls_documents WHERE id = ?", "i", replace);
		if (row == NULL)
			return -1;
		uuid = row[0];
		d = json_object_new_object();
		json_object_object_add(d, "uuid", json_object_new_string(row[0]));
		json_object_object_add(d, "name", json_object_new_string(row[1]));
		json_object_object_add(d, "sha256", json_object_new_string(row[2]));
		json_object_object_add(before, "document", d);
		if (db_exec(&r->a, "UPDATE ls_documents SET bytes = ?, size = ?, "
		    "sha256 = ?, mime_type = ?, title = IF(?, ?, title), "
		    "updated_at = UTC_TIMESTAMP(6) WHERE id = ?", "bissisi",
		    file->data, file->len, (long long)file->len, sha, mime,
		    (long long)has_title, title, replace) < 0)
			return -1;
	} else {
		uuid = arena_alloc(&r->a, 37);
		uuid4(uuid);
		if (db_exec(&r->a, "INSERT INTO ls_documents (uuid, case_id, name, "
		    "title, mime_type, size, sha256, bytes, created_at, updated_at) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), "
		    "UTC_TIMESTAMP(6))", "sisssisb", uuid, case_id, name, title,
		    mime, (long long)file->len, sha, file->data, file->len) < 0)
			return -1;
	}
	if (dc != NULL && doc_classify(r, uuid, dc) != 0)
		return -1;
	d = json_object_new_object();
	json_object_object_add(d, "uuid", json_object_new_string(uuid));
	json_object_object_add(d, "name", json_object_new_string(name));
	json_object_object_add(d, "sha256", json_object_new_string(sha));
	json_object_object_add(after, "document", d);
	/* A document is a write to its matter: the case is bumped (its
	   rendered documents cleared, for the next read to render with the new
	   updated_at), and the history row says what came. */
	if (db_exec(&r->a, "UPDATE cases SET updated_at = UTC_TIMESTAMP(6), "
	    "doc_casegate = NULL, doc_ref = NULL, doc_matter = NULL WHERE id = ?",
	    "i", case_id) < 0 ||
	    history_add(r, case_uuid, "update", before, after) != 0)
		return -1;
	*uuid_out = uuid;
	return 0;
}

static int
parse_body(struct req *r, struct mp_part **parts, size_t *n)
{
	static const struct mp_limits lim = { .max_parts = DOC_PARTS_MAX,
	    .max_header = DOC_HEADER_MAX };
	enum mp_err e = mp_parse(&r->a, req_env(r, "CONTENT_TYPE"), r->body,
	    r->body_len, &lim, parts, n);

	return e == MP_OK ? 0 : doc_error(r, 400, mp_err_text(e));
}

static int
one_doc(struct req *r, int status, const char *uuid)
{
	json_object	*o;
	long long	 org;

	if (load_uuid(r, uuid, &o, &org) != 1)
		return http_db_error(r);
	return ls_reply_data(r, status, o, NULL, "uuid");
}

/*
 * The parts type (a document type's name, id or uuid) and programs (a JSON
 * array of program names, ids or uuids, or the names or ids separated by
 * commas) of an upload. 0, or the status rendered.
 */
static int
upload_class(struct req *r, const char *type, const char *programs,
    struct doc_class *dc)
{
	json_object	*list, *bad = NULL;
	int		 rc;

	if (type != NULL) {
		dc->has_type = 1;
		if (*type && lookup_resolve(r, DOC_TYPES, type, &dc->type_id) < 0)
			return http_db_error(r);
		if (*type && dc->type_id == 0)
			return doc_error(r, 400, arena_printf(&r->a, "Invalid value "
			    "for type: %.64s", type));
	}
	if (programs == NULL)
		return 0;
	if (*programs == '[') {
		list = req_keep(r, json_tokener_parse(programs));
	} else {
		char *copy = arena_strdup(&r->a, programs), *save, *tok;
		list = req_keep(r, json_object_new_array());
		for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL,
		    ",", &save)) {
			while (*tok == ' ')
				tok++;
			for (char *e = tok + strlen(tok); e > tok && e[-1] == ' '; )
				*--e = '\0';
			if (*tok)
				json_object_array_add(list, json_object_new_string(tok));
		}
	}
	if ((rc = programs_parse(r, list, dc, &bad)) < 0)
		return http_db_error(r);
	if (rc > 0)
		return doc_error(r, 400, arena_printf(&r->a, "Invalid value for "
		    "programs: %.64s", bad && json_object_is_type(bad,
		    json_type_string) ? json_object_get_string(bad) :
		    json_object_to_json_string(bad)));
	return 0;
}

/*
 * POST /api/v2/documents. Parts: file (with a filename), name (default:
 * the file's name), title, module (matter only), the matter as
 * module_uuid, matter_uuid, module_id (uuids) or matter_id, and update
 * ("true": upsert on the matter's document of that name: 200 when one was
 * replaced), type and programs (see upload_class). Any other part, or one
 * twice, is refused.
 */
static int
documents_create(struct req *r)
{
	static const char *const known[] = { "file", "name", "title", "module",
	    "module_uuid", "matter_uuid", "module_id", "matter_id", "update",
	    "type", "programs", NULL };
	const struct mp_part	*got[12] = { 0 };
	struct doc_class	 dc = { 0 };
	struct mp_part		*parts;
	size_t			 n;
	int			 st;

	if ((st = parse_body(r, &parts, &n)) != 0)
		return st;
	for (size_t i = 0; i < n; i++) {
		size_t k;
		for (k = 0; known[k] && strcmp(known[k], parts[i].name) != 0; k++)
			;
		if (known[k] == NULL)
			return doc_error(r, 400, arena_printf(&r->a, "Unknown "
			    "parameter: %.64s", parts[i].name));
		if (got[k] != NULL)
			return doc_error(r, 400, arena_printf(&r->a, "Parameter "
			    "given twice: %s", known[k]));
		if (k != 0 && parts[i].filename != NULL)
			return doc_error(r, 400, arena_printf(&r->a, "%s must not be "
			    "a file", known[k]));
		got[k] = &parts[i];
	}
	const char *text[12] = { 0 };
	for (size_t k = 1; known[k]; k++)
		if (got[k] && (text[k] = part_text(r, got[k], DOC_NAME_MAX)) == NULL)
			return doc_error(r, 400, arena_printf(&r->a, "Invalid value "
			    "for %s", known[k]));
	if (got[0] == NULL || got[0]->filename == NULL || got[0]->len == 0)
		return doc_error(r, 400, "Missing file data");
	if (text[3] && strcmp(text[3], "matter") != 0)
		return doc_error(r, 400, "Casegate holds documents of matters only "
		    "(module must be matter)");
	const char *muuid = text[4] ? text[4] : text[5] ? text[5] : text[6];
	long long mid = 0;
	if ((text[4] != NULL) + (text[5] != NULL) + (text[6] != NULL) +
	    (text[7] != NULL) > 1)
		return doc_error(r, 400, "Name the matter once");
	if (muuid == NULL && text[7] == NULL)
		return doc_error(r, 400, "matter_id or matter_uuid parameter is "
		    "required");
	if (muuid != NULL && !uuid_valid(muuid))
		return doc_error(r, 400, "Invalid matter_uuid");
	if (text[7] != NULL) {
		char *end;
		mid = strtoll(text[7], &end, 10);
		if (*text[7] == '\0' || *end != '\0' || mid <= 0)
			return doc_error(r, 400, "Invalid matter_id");
	}
	int upsert = 0;
	if (text[8] != NULL) {
		if (strcmp(text[8], "true") == 0 || strcmp(text[8], "1") == 0)
			upsert = 1;
		else if (strcmp(text[8], "false") != 0 && strcmp(text[8], "0") != 0)
			return doc_error(r, 400, "update must be true or false");
	}
	if ((st = upload_class(r, text[9], text[10], &dc)) != 0)
		return st;
	const char *name = text[1] ? text[1] : base_name(got[0]->filename);
	int bad;
	if (*name == '\0' || utf8_len(name, strlen(name), &bad) > DOC_NAME_MAX ||
	    bad)
		return doc_error(r, 400, "Invalid value for name");

	long long	 case_id;
	const char	*case_uuid, *uuid;
	if ((st = upload_matter(r, muuid, mid, &case_id, &case_uuid)) != 0)
		return st;
	long long replace = 0;
	if (upsert) {
		struct dbq *q = db_run(&r->a, "SELECT id FROM ls_documents WHERE "
		    "case_id = ? AND name = ? ORDER BY id LIMIT 2 FOR UPDATE", "is",
		    case_id, name);
		char **row;
		int m = 0;
		if (q == NULL)
			return http_db_error(r);
		while ((row = db_next(q)) != NULL)
			if (m++ == 0)
				replace = strtoll(row[0], NULL, 10);
		if (m > 1)
			return doc_error(r, 400, "Cannot process multiple records for "
			    "upsert");
		if (replace && !(r->who->scopes & SCOPE_UPDATE))
			return doc_error(r, 403, "User does not have permissions: "
			    "update");
	}
	if (doc_store(r, case_id, case_uuid, replace, name, text[2],
	    got[2] != NULL, &dc, got[0], &uuid) != 0)
		return http_db_error(r);
	return one_doc(r, replace ? 200 : 201, uuid);
}

int
ls_documents_create(struct req *r)
{
	return ls_finish(r, documents_create(r), PS_WRITE);
}

/*
 * POST /api/v1/documents/matter_zip, the vendor client's one write (spec
 * section 12): legalserver_matter_uuid, file parts named files (each
 * stored as a document), legalserver_subfolder and save_to_sharepoint
 * accepted and not held. 200 {"uuid": first, "uuids": [...]}.
 */
static int
matter_zip(struct req *r)
{
	struct mp_part	*parts;
	const struct mp_part *files[DOC_FILES_MAX];
	const char	*muuid = NULL, *case_uuid, *uuid;
	size_t		 n, nfiles = 0;
	long long	 case_id;
	int		 st;

	if ((st = parse_body(r, &parts, &n)) != 0)
		return st;
	for (size_t i = 0; i < n; i++) {
		const char *nm = parts[i].name;
		if (strcmp(nm, "files") == 0 && parts[i].filename != NULL) {
			if (nfiles == DOC_FILES_MAX)
				return doc_error(r, 400, "Too many files");
			if (parts[i].len == 0)
				return doc_error(r, 400, "Missing file data");
			files[nfiles++] = &parts[i];
		} else if (strcmp(nm, "legalserver_matter_uuid") == 0 && !muuid &&
		    !parts[i].filename)
			muuid = part_text(r, &parts[i], 36);
		else if ((strcmp(nm, "legalserver_subfolder") != 0 &&
		    strcmp(nm, "save_to_sharepoint") != 0) || parts[i].filename)
			return doc_error(r, 400, arena_printf(&r->a, "Unknown "
			    "parameter: %.64s", nm));
	}
	if (muuid == NULL || !uuid_valid(muuid))
		return doc_error(r, 400, "legalserver_matter_uuid is required");
	if (nfiles == 0)
		return doc_error(r, 400, "Missing file data");
	if ((st = upload_matter(r, muuid, 0, &case_id, &case_uuid)) != 0)
		return st;
	json_object *o = json_object_new_object(), *all = json_object_new_array();
	req_keep(r, o);
	json_object_object_add(o, "uuids", all);
	for (size_t i = 0; i < nfiles; i++) {
		const char *name = base_name(files[i]->filename);
		int bad;
		if (*name == '\0' || utf8_len(name, strlen(name), &bad) >
		    DOC_NAME_MAX || bad)
			return doc_error(r, 400, "Invalid file name");
		if (doc_store(r, case_id, case_uuid, 0, name, NULL, 0, NULL, files[i],
		    &uuid) != 0)
			return http_db_error(r);
		if (i == 0)
			json_object_object_add(o, "uuid", json_object_new_string(uuid));
		json_object_array_add(all, json_object_new_string(uuid));
	}
	return resp_json(r, 200, json_object_get(o));
}

int
ls_matter_zip(struct req *r)
{
	return ls_finish(r, matter_zip(r), PS_WRITE);
}

/* ------------------------------------------------------------ reading */

int
ls_documents_search(struct req *r)
{
	return ls_search(r, &doc_face);
}

/* GET /api/v2/matters/{uuid}/documents: the search within one matter. */
static int
matter_documents(struct req *r)
{
	char	**row;
	int	  st;

	if (!uuid_valid(r->params[0]))
		return ls_error(r, 400, "Invalid matter_uuid");
	row = db_one(&r->a, "SELECT id, org_id FROM cases WHERE uuid = ?", "s",
	    r->params[0]);
	if (row == NULL)
		return db_last() != DB_OK ? http_db_error(r) :
		    ls_error(r, 404, "Unknown matter");
	if (!case_visible(r, row[1] ? strtoll(row[1], NULL, 10) : 0))
		return ls_error(r, 403, DENY);
	if ((st = ls_body_json(r, 0)) != 0)
		return st;
	struct dbp scope = { .t = 'i', .i = strtoll(row[0], NULL, 10) };
	return search_page_in(r, &doc_face, "d.case_id = ?", &scope);
}

int
ls_matter_documents(struct req *r)
{
	return ls_finish(r, matter_documents(r), PS_SEARCH);
}

/* The document in the path, visible: 0 (with *o), or the status. */
static int
path_doc(struct req *r, const char *uuid, json_object **o)
{
	long long	org;
	int		got;

	if (uuid == NULL || !uuid_valid(uuid))
		return ls_error(r, 400, "Invalid document_uuid");
	if ((got = load_uuid(r, uuid, o, &org)) < 0)
		return http_db_error(r);
	if (got == 0)
		return ls_error(r, 404, "Unknown document");
	return case_visible(r, org) ? 0 : ls_error(r, 403, DENY);
}

static int
document_get(struct req *r)
{
	json_object	*o, *custom;
	int		 st;

	if ((st = path_doc(r, r->params[0], &o)) != 0 ||
	    (st = search_custom(r, &doc_face, &custom)) != 0)
		return st;
	return ls_reply_data(r, 200, o, custom, "uuid");
}

int
ls_document_get(struct req *r)
{
	return ls_finish(r, document_get(r), PS_SEARCH);
}

enum { DP_NAME, DP_TITLE, DP__MAX };
static const struct field doc_patch_fields[DP__MAX] = {
	[DP_NAME] = { .name = "name", .type = FT_STRING, .flags = F_NONEMPTY,
	    .max = DOC_NAME_MAX },
	[DP_TITLE] = { .name = "title", .type = FT_STRING, .flags = F_NULLABLE,
	    .max = DOC_NAME_MAX },
};

/*
 * type (a lookup input in any of its forms, null for none) and programs (an
 * array of them) of a PATCH body, taken out of it before the field table
 * checks the rest: unknown values are LegalServer's invalid_values (the
 * problems are rendered with the rest). 0, or -1 rendered as a db error.
 */
static int
patch_class(struct req *r, json_object *body, struct doc_class *dc)
{
	json_object *v, *bad = NULL;

	if (!json_object_is_type(body, json_type_object))
		return 0;
	if (json_object_object_get_ex(body, "type", &v)) {
		dc->has_type = 1;
		if (v != NULL && lookup_input(r, DOC_TYPES, v, &dc->type_id) < 0)
			return http_db_error(r);
		if (v != NULL && dc->type_id == 0)
			problem_add(r, "value_error", loc_new("body", "type", NULL),
			    "Unknown document type", v, NULL);
		json_object_object_del(body, "type");
	}
	if (json_object_object_get_ex(body, "programs", &v)) {
		int rc = v == NULL ? (dc->has_programs = 1, 0) :
		    programs_parse(r, v, dc, &bad);
		if (rc < 0)
			return http_db_error(r);
		if (rc > 0)
			problem_add(r, "value_error", loc_new("body", "programs",
			    NULL), "Unknown program", v, NULL);
		json_object_object_del(body, "programs");
	}
	return 0;
}

/*
 * PATCH /api/v2/documents/{uuid}: name, title, type and programs (the
 * bytes by upsert).
 */
static int
document_patch(struct req *r)
{
	struct fieldvals	 fv;
	json_object		*o, *custom, *base, *before, *after;
	int			 st;

	if ((st = path_doc(r, r->params[0], &o)) != 0 ||
	    (st = ls_body_json(r, 1)) != 0)
		return st;
	if ((st = ls_body_custom(r, &doc_face, r->json, &custom)) != 0)
		return ls_finish(r, st, PS_SEARCH);
	struct doc_class dc = { 0 };
	if ((st = patch_class(r, r->json, &dc)) != 0)
		return st;
	base = loc_new("body", NULL);
	fields_parse(r, doc_patch_fields, DP__MAX, r->json, base, 0, &fv);
	json_object_put(base);
	if (problem_count(r))
		return http_422(r);
	long long case_id;
	const char *case_uuid;
	if (matter_lock(r, json_object_get_string(json_object_object_get(o,
	    "matter_uuid")), 0, &case_id, &case_uuid) != 0)
		return http_db_error(r);
	if (db_exec(&r->a, "UPDATE ls_documents SET name = IF(?, ?, name), "
	    "title = IF(?, ?, title), updated_at = UTC_TIMESTAMP(6) WHERE uuid = ?",
	    "isiss", (long long)FV_HAS(&fv, DP_NAME), fv_str(&fv, DP_NAME),
	    (long long)FV_HAS(&fv, DP_TITLE), fv_str(&fv, DP_TITLE),
	    r->params[0]) < 0 || doc_classify(r, r->params[0], &dc) != 0)
		return http_db_error(r);
	before = req_keep(r, json_object_new_object());
	after = req_keep(r, json_object_new_object());
	json_object_object_add(before, "document", json_object_get(o));
	if (load_uuid(r, r->params[0], &o, &case_id) != 1)
		return http_db_error(r);
	json_object_object_add(after, "document", json_object_get(o));
	if (history_add(r, case_uuid, "update", before, after) != 0)
		return http_db_error(r);
	return ls_reply_data(r, 200, o, custom, "uuid");
}

int
ls_document_patch(struct req *r)
{
	return ls_finish(r, document_patch(r), PS_WRITE);
}

/*
 * GET /modules/document/download.php?unique_id=<uuid> (or id=<n>): the
 * bytes, as an attachment that a browser will not render in our origin.
 */
static int
download(struct req *r)
{
	const char	*uuid = kv_get(&r->query, "unique_id"),
			*id = kv_get(&r->query, "id");
	struct dbq	*q;
	char		**row;

	if (r->query.n != 1 || (uuid == NULL) == (id == NULL))
		return ls_error(r, 400, "unique_id or id parameter is required");
	if (uuid != NULL && !uuid_valid(uuid))
		return ls_error(r, 400, "Invalid unique_id");
	char *end;
	long long n = id ? strtoll(id, &end, 10) : 0;
	if (id != NULL && (*id == '\0' || *end != '\0' || n <= 0))
		return ls_error(r, 400, "Invalid id");
	q = uuid ? db_run(&r->a, "SELECT d.bytes, d.mime_type, d.name, c.org_id "
	    "FROM ls_documents d JOIN cases c ON c.id = d.case_id WHERE "
	    "d.uuid = ?", "s", uuid) : db_run(&r->a, "SELECT d.bytes, "
	    "d.mime_type, d.name, c.org_id FROM ls_documents d JOIN cases c ON "
	    "c.id = d.case_id WHERE d.id = ?", "i", n);
	if (q == NULL)
		return http_db_error(r);
	if ((row = db_next(q)) == NULL)
		return db_last() != DB_OK ? http_db_error(r) :
		    ls_error(r, 404, "Unknown document");
	if (!case_visible(r, row[3] ? strtoll(row[3], NULL, 10) : 0))
		return ls_error(r, 403, DENY);
	/* The name quoted plainly: only characters that need no escaping. */
	struct buf fn = { 0 };
	for (const char *s = row[2]; *s && fn.len < 200; s++)
		buf_addc(&fn, (*s >= 0x20 && *s < 0x7f && *s != '"' && *s != '\\') ?
		    *s : '_');
	resp_header(r, "Content-Disposition", arena_printf(&r->a,
	    "attachment; filename=\"%s\"", fn.s ? fn.s : "document"));
	buf_free(&fn);
	resp_header(r, "Content-Security-Policy", "default-src 'none'; sandbox");
	return resp_raw(r, 200, arena_strdup(&r->a, row[1]), row[0], q->len[0]);
}

int
ls_document_download(struct req *r)
{
	return ls_finish(r, download(r), PS_SEARCH);
}
