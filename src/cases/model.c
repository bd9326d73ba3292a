/*
 * What a case holds, declared once: a field table per part (the case, its
 * notes, people, tracker, eligibility outcomes and adaptations), and a child
 * descriptor per part that is stored in a table of its own. The same tables
 * validate bodies on both faces, drive the SQL (built once at start-up) and
 * render the JSON. A case and all its parts are read in one round trip.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "cases.h"

/* ------------------------------------------------------------ validators */

/*
 * UK postcodes as the reference checks them: all whitespace removed, upper
 * case, then outward + inward code, or BFPO/BFP and a number; stored as
 * "OUT IN".
 */
static int
postcode_split(const char *s, char *out, size_t outlen)
{
	char	 c[32];
	size_t	 n = 0, i = 0;

	for (; *s; s++) {
		if (isspace((unsigned char)*s))
			continue;
		if (n + 1 >= sizeof(c))
			return 0;
		c[n++] = (char)toupper((unsigned char)*s);
	}
	c[n] = '\0';
	int bfpo = n >= 4 && memcmp(c, "BFPO", 4) == 0;
	if (bfpo || (n >= 3 && memcmp(c, "BFP", 3) == 0)) {
		size_t p = bfpo ? 4 : 3, d = n - p;
		if (d < 1 || d > 4)
			return 0;
		for (i = p; i < n; i++)
			if (!isdigit((unsigned char)c[i]))
				return 0;
		snprintf(out, outlen, "%.*s %s", (int)p, c, c + p);
		return 1;
	}
	/* Inward code: digit + two letters at the end. */
	if (n < 5 || n > 7 || !isdigit((unsigned char)c[n - 3]) ||
	    !isalpha((unsigned char)c[n - 2]) || !isalpha((unsigned char)c[n - 1]))
		return 0;
	size_t outward = n - 3;
	/* Outward: 1-2 letters, a digit, an optional letter or digit. */
	while (i < outward && isalpha((unsigned char)c[i]))
		i++;
	if (i < 1 || i > 2 || i >= outward || !isdigit((unsigned char)c[i]))
		return 0;
	i++;
	if (i < outward && !isalnum((unsigned char)c[i]))
		return 0;
	if (i < outward)
		i++;
	if (i != outward)
		return 0;
	snprintf(out, outlen, "%.*s %s", (int)outward, c, c + outward);
	return 1;
}

static const char *
check_postcode(const char *s)
{
	char out[40];
	return postcode_split(s, out, sizeof(out)) ? NULL :
	    "Invalid UK Postcode format. Please enter a valid UK Postcode.";
}

static char *
norm_postcode(struct arena *a, const char *s)
{
	char out[40];
	return postcode_split(s, out, sizeof(out)) ? arena_strdup(a, out) : NULL;
}

/* Phone numbers are checked but kept as written (spec section 7.1). */
static const char *
check_phone(const char *s)
{
	char	 d[80];
	size_t	 n = 0, cc = 0;

	for (const char *p = s; *p && n + 1 < sizeof(d); p++)
		if (isdigit((unsigned char)*p) || *p == '+')
			d[n++] = *p;
	d[n] = '\0';
	if (s[0] == '+') {
		if (!isdigit((unsigned char)s[1]))
			return "Invalid country code format. Must be + followed "
			    "by 1-3 digits.";
		while (cc < 3 && isdigit((unsigned char)d[1 + cc]))
			cc++;
		cc++;	/* the '+' */
	}
	size_t national = n - cc;
	for (size_t i = cc; i < n; i++)
		if (d[i] == '+')
			national--;
	if (national < 7 || national > 15)
		return "Phone number must be between 7 and 15 digits long "
		    "(excluding the country code).";
	return NULL;
}

/* "Name <a@Example.COM>" -> "a@example.com". */
static char *
norm_email(struct arena *a, const char *s)
{
	const char	*lt = strrchr(s, '<');
	size_t		 n = strlen(s);
	char		*e;

	if (lt != NULL && n > 0 && s[n - 1] == '>')
		e = arena_strndup(a, lt + 1, (size_t)(s + n - 1 - (lt + 1)));
	else
		e = arena_strdup(a, s);
	for (char *p = strchr(e, '@'); p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return e;
}

static const char *
check_case_email(const char *s)
{
	const char	*lt = strrchr(s, '<');
	size_t		 n = strlen(s);
	char		 buf[300];

	if (lt != NULL && n > 0 && s[n - 1] == '>') {
		snprintf(buf, sizeof(buf), "%.*s", (int)(s + n - 1 - (lt + 1)),
		    lt + 1);
		return check_email(buf);
	}
	return check_email(s);
}

/* ------------------------------------------------------------ field tables */

static const char *const case_types[] = {
	"Check if your client qualifies for legal aid", "Civil Legal Advice", NULL
};
static const char *const case_type_codes[] = { "CCQ", "CLA", NULL };
static const char *const note_types[] = {
	"Adaptation", "Personal", "Provider", "Caseworker", "Operator", "Other",
	NULL
};
static const char *const note_types_casegate[] = { "User", NULL };
static const char *const eligibility_types[] = { "CCQ", "MEANS", "CFE", NULL };
static const char *const outcomes[] = {
	"In scope", "Out of scope", "Unknown", NULL
};
static const char *const adaptations[] = {
	"BSL - Webcam", "Minicom", "Text Relay", "Skype", "Callback Preference",
	NULL
};
static const char *const languages[] = {
	"AB", "AA", "AF", "AK", "SQ", "AM", "AR", "AN", "HY", "AS", "AV", "AE",
	"AY", "AZ", "BM", "BA", "EU", "BE", "BN", "BH", "BI", "BS", "BR", "BG",
	"MY", "CA", "CH", "CE", "NY", "ZH", "CV", "KW", "CO", "CR", "HR", "CS",
	"DA", "DV", "NL", "DZ", "EN", "EO", "ET", "EE", "FO", "FJ", "FI", "FR",
	"FF", "GL", "KA", "DE", "EL", "GN", "GU", "HT", "HA", "HE", "HZ", "HI",
	"HO", "HU", "IA", "ID", "IE", "GA", "IG", "IK", "IO", "IS", "IT", "IU",
	"JA", "JV", "KL", "KN", "KR", "KS", "KK", "KM", "KI", "RW", "KY", "KV",
	"KG", "KO", "KU", "KJ", "LA", "LB", "LG", "LI", "LN", "LO", "LT", "LU",
	"LV", "GV", "MK", "MG", "MS", "ML", "MT", "MI", "MR", "MH", "MN", "NA",
	"NV", "ND", "NE", "NG", "NB", "NN", "NO", "II", "NR", "OC", "OJ", "CU",
	"OM", "OR", "OS", "PA", "PI", "FA", "PL", "PS", "PT", "QU", "RM", "RN",
	"RO", "RU", "SA", "SC", "SD", "SE", "SM", "SG", "SR", "GD", "SN", "SI",
	"SK", "SL", "SO", "ST", "ES", "SU", "SW", "SS", "SV", "TA", "TE", "TG",
	"TH", "TI", "BO", "TK", "TL", "TN", "TO", "TR", "TS", "TT", "TW", "TY",
	"UG", "UK", "UR", "UZ", "VE", "VI", "VO", "WA", "CY", "WO", "FY", "XH",
	"YI", "YO", "ZA", "ZU", NULL
};

#define ID_FIELD { .name = "id", .type = FT_UUID, \
	.flags = F_UPDATE_ONLY | F_NULLABLE }

enum { N_ID, N_TYPE, N_CONTENT, N__MAX };
static const struct field note_fields[N__MAX] = {
	[N_ID] = ID_FIELD,
	[N_TYPE] = { .name = "note_type", .type = FT_STRING, .values = note_types,
	    .extra = note_types_casegate, .column = "note_type", .def = "Other" },
	[N_CONTENT] = { .name = "content", .type = FT_STRING, .max = 65536,
	    .column = "content", .def = "" },
};

enum { P_ID, P_NAME, P_ADDRESS, P_PHONE, P_POSTCODE, P_EMAIL, P_DOB, P__MAX };
static const struct field person_fields[P__MAX] = {
	[P_ID] = ID_FIELD,
	[P_NAME] = { .name = "name", .type = FT_STRING, .flags = F_REQUIRED,
	    .max = 400, .column = "name" },
	[P_ADDRESS] = { .name = "address", .type = FT_STRING,
	    .flags = F_REQUIRED | F_NULLABLE, .max = 2000, .column = "address" },
	[P_PHONE] = { .name = "phone_number", .type = FT_STRING,
	    .flags = F_NULLABLE, .max = 64, .check = check_phone,
	    .column = "phone_number" },
	[P_POSTCODE] = { .name = "postcode", .type = FT_STRING,
	    .flags = F_NULLABLE, .max = 64, .check = check_postcode,
	    .norm = norm_postcode, .column = "postcode" },
	[P_EMAIL] = { .name = "email", .type = FT_STRING,
	    .flags = F_REQUIRED | F_NULLABLE, .max = 254,
	    .check = check_case_email, .norm = norm_email, .column = "email" },
	[P_DOB] = { .name = "date_of_birth", .type = FT_DATE,
	    .flags = F_NULLABLE | F_EXT, .column = "date_of_birth" },
};

enum { T_ID, T_GTM, T_JOURNEY, T__MAX };
static const struct field tracker_fields[T__MAX] = {
	[T_ID] = ID_FIELD,
	[T_GTM] = { .name = "gtm_anon_id", .type = FT_STRING, .flags = F_REQUIRED,
	    .max = 200, .column = "gtm_anon_id" },
	[T_JOURNEY] = { .name = "journey", .type = FT_JSON, .flags = F_REQUIRED,
	    .column = "journey" },
};

enum { E_ID, E_TYPE, E_OUTCOME, E_ANSWERS, E__MAX };
static const struct field outcome_fields[E__MAX] = {
	[E_ID] = ID_FIELD,
	[E_TYPE] = { .name = "eligibility_type", .type = FT_STRING,
	    .flags = F_REQUIRED, .values = eligibility_types,
	    .column = "eligibility_type" },
	[E_OUTCOME] = { .name = "outcome", .type = FT_STRING, .flags = F_REQUIRED,
	    .values = outcomes, .column = "outcome" },
	[E_ANSWERS] = { .name = "answers", .type = FT_JSON, .flags = F_REQUIRED,
	    .column = "answers" },
};

enum { A_ID, A_NEEDED, A_LANGUAGES, A__MAX };
static const struct field adaptation_fields[A__MAX] = {
	[A_ID] = ID_FIELD,
	[A_NEEDED] = { .name = "needed_adaptations", .type = FT_ENUMLIST,
	    .flags = F_REQUIRED, .max = 5, .values = adaptations,
	    .column = "needed_adaptations" },
	[A_LANGUAGES] = { .name = "languages", .type = FT_ENUMLIST,
	    .flags = F_REQUIRED, .max = 184, .values = languages,
	    .column = "languages" },
};

const struct field case_fields[C__MAX] = {
	[C_ID] = { .name = "id", .type = FT_UUID, .flags = F_READONLY },
	[C_CASE_TYPE] = { .name = "case_type", .type = FT_STRING,
	    .flags = F_REQUIRED, .values = case_types, .codes = case_type_codes },
	[C_NOTES] = { .name = "notes", .type = FT_LIST, .max = 200,
	    .sub = note_fields, .nsub = N__MAX },
	[C_PEOPLE] = { .name = "people", .type = FT_LIST, .max = 50,
	    .sub = person_fields, .nsub = P__MAX },
	[C_TRACKER] = { .name = "case_tracker", .type = FT_OBJECT,
	    .flags = F_NULLABLE, .sub = tracker_fields, .nsub = T__MAX },
	[C_OUTCOMES] = { .name = "eligibility_outcomes", .type = FT_LIST,
	    .max = 50, .sub = outcome_fields, .nsub = E__MAX },
	[C_ADAPTATIONS] = { .name = "case_adaptations", .type = FT_OBJECT,
	    .flags = F_NULLABLE, .sub = adaptation_fields, .nsub = A__MAX },
	[C_EXTERNAL_ID] = { .name = "external_id", .type = FT_STRING,
	    .flags = F_NULLABLE | F_EXT, .max = 100 },
	[C_UPDATE] = { .name = "update", .type = FT_JSON, .flags = F_EXT },
	[C_CREATED] = { .name = "created_at", .type = FT_DATETIME,
	    .flags = F_READONLY },
	[C_UPDATED] = { .name = "updated_at", .type = FT_DATETIME,
	    .flags = F_READONLY },
};

/* ------------------------------------------------------------ children */

/* A part of a case kept in a table of its own; f[0] is its "id". */
struct child {
	int			 field;		/* index in case_fields */
	const char		*model;		/* the reference's name, for 404s */
	const char		*table;
	char			*insert;	/* SQL built by model_init(): */
	char			*tuple;		/* "INSERT ... VALUES " + a
						   "(?, ...)" per new item */
	char			*update;
	char			*branch;	/* its part of the load query */
	const char		*after_delete;	/* run (case id twice) once a
						   write has deleted some */
};

static struct child children[] = {
	{ .field = C_NOTES, .model = "CaseNote", .table = "case_notes" },
	/* The client deleted, the next person is marked (sql/031). */
	{ .field = C_PEOPLE, .model = "Person", .table = "persons",
	    .after_delete = "UPDATE persons SET client_of = case_id "
	    "WHERE case_id = ? AND NOT EXISTS (SELECT 1 FROM persons x WHERE "
	    "x.client_of = ?) ORDER BY role <=> 'client' DESC, id LIMIT 1" },
	{ .field = C_TRACKER, .model = "CaseTracker", .table = "case_trackers" },
	{ .field = C_OUTCOMES, .model = "EligibilityOutcomes",
	    .table = "eligibility_outcomes" },
	{ .field = C_ADAPTATIONS, .model = "CaseAdaptations",
	    .table = "case_adaptations" },
};
#define NCHILDREN	(sizeof(children) / sizeof(children[0]))
#define LOAD_WIDTH	6	/* data columns in every branch of the load */

static const struct field *
child_fields(const struct child *c, size_t *n)
{
	*n = case_fields[c->field].nsub;
	return case_fields[c->field].sub;
}

static char *
xstrdup_buf(struct buf *b)
{
	char *s = strdup(b->s);
	buf_free(b);
	return s;
}

/* Builds each child's INSERT, UPDATE and load branch from its field table. */
int
model_init(void)
{
	for (size_t k = 0; k < NCHILDREN; k++) {
		struct child		*c = &children[k];
		size_t			 n, i;
		const struct field	*f = child_fields(c, &n);
		struct buf		 ins = { 0 }, vals = { 0 }, upd = { 0 },
					 br = { 0 }, tup = { 0 };

		buf_addf(&ins, "INSERT INTO %s (uuid, case_id", c->table);
		buf_adds(&vals, "?, ?");
		buf_addf(&upd, "UPDATE %s SET ", c->table);
		buf_addf(&br, "SELECT %zu, x.case_id, x.id, x.uuid, x.created_at, "
		    "x.updated_at", k + 1);
		for (i = 1; i < n; i++) {
			buf_addf(&ins, ", %s", f[i].column);
			buf_adds(&vals, ", ?");
			buf_addf(&upd, "%s = IF(?, ?, %s), ", f[i].column,
			    f[i].column);
			buf_addf(&br, ", x.%s", f[i].column);
		}
		for (; i <= LOAD_WIDTH; i++)
			buf_adds(&br, ", NULL");
		buf_adds(&ins, ", created_at, updated_at) VALUES ");
		buf_addf(&tup, "(%s, ?, ?)", vals.s);	/* the write's time */
		buf_adds(&upd, "updated_at = UTC_TIMESTAMP(6) "
		    "WHERE uuid = ? AND case_id = ?");
		buf_addf(&br, " FROM %s x", c->table);
		buf_free(&vals);
		c->insert = xstrdup_buf(&ins);
		c->tuple = xstrdup_buf(&tup);
		c->update = xstrdup_buf(&upd);
		c->branch = xstrdup_buf(&br);
	}
	return ls_model_init();	/* the LegalServer face's SQL, likewise */
}

/* ------------------------------------------------------------ reading */

int
case_visible(struct req *r, long long org_id)
{
	return r->who->all_cases || (org_id != 0 && org_id == r->who->org_id);
}

/* {created_at, updated_at, id}: how every record of the reference begins. */
json_object *
case_stamp(const char *created, const char *updated, const char *id, int face)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "created_at",
	    field_value(&case_fields[C_CREATED], created, face));
	json_object_object_add(o, "updated_at",
	    field_value(&case_fields[C_UPDATED], updated, face));
	json_object_object_add(o, "id", json_object_new_string(id));
	return o;
}

static json_object *
part_json(const struct field *f, size_t n, char **row, int face)
{
	json_object *o = case_stamp(row[4], row[5], row[3], face);

	for (size_t i = 1; i < n; i++) {
		if (face == FACE_REF && (f[i].flags & F_EXT))
			continue;
		json_object_object_add(o, f[i].name,
		    field_value(&f[i], row[5 + i], face));
	}
	return o;
}

static json_object *
case_shell(char **row, int face)
{
	json_object *o = case_stamp(row[4], row[5], row[3], face);

	json_object_object_add(o, "case_type",
	    field_value(&case_fields[C_CASE_TYPE], row[6], face));
	for (size_t k = 0; k < NCHILDREN; k++) {
		const struct field *f = &case_fields[children[k].field];
		json_object_object_add(o, f->name, f->type == FT_LIST ?
		    json_object_new_array() : NULL);
	}
	if (face == FACE_CASEGATE)
		json_object_object_add(o, "external_id", jstr(row[7]));
	return o;
}

struct load_row {
	int		 kind;		/* 0: the case; k: children[k - 1] */
	long long	 id;
	char		**row;
};

static int build(struct req *, struct load_row *, size_t, struct case_rec *,
    size_t, int);

/* A growing list of load rows, in the request's arena. */
struct case_written {
	struct load_row	*rows;
	size_t		 n, cap;
};

static void
rows_add(struct req *r, struct case_written *w, int kind, long long id,
    char **row)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		struct load_row *more = arena_alloc(&r->a, sizeof(*more) * cap);
		if (w->n)
			memcpy(more, w->rows, sizeof(*more) * w->n);
		w->rows = more;
		w->cap = cap;
	}
	w->rows[w->n++] = (struct load_row){ .kind = kind, .id = id, .row = row };
}

static int
load_row_cmp(const void *a, const void *b)
{
	const struct load_row *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind - y->kind;
	return (x->id > y->id) - (x->id < y->id);
}

/*
 * One statement reads the selected cases and every part of them: a branch
 * per table, each "kind, case id, id, uuid, created, updated, data...".
 */
static int
load(struct req *r, const char *where, const char *child_where,
    const struct dbp *p, size_t np, struct case_rec *out, size_t max, int face)
{
	struct buf	 sql = { 0 };
	struct dbp	*all = arena_alloc(&r->a, sizeof(*all) * np *
	    (NCHILDREN + 1) + 1);
	struct dbq	*q;
	char		**row;

	buf_addf(&sql, "SELECT 0, c.id, c.id, c.uuid, c.created_at, "
	    "c.updated_at, c.case_type, c.external_id, c.org_id, NULL, NULL, NULL "
	    "FROM cases c WHERE %s", where);
	for (size_t k = 0; k < NCHILDREN; k++)
		buf_addf(&sql, " UNION ALL %s WHERE %s", children[k].branch,
		    child_where);
	/*
	 * No ORDER BY: with the TEXT columns it would cost an on-disk
	 * temporary table per read. The rows are put in order here instead.
	 */
	for (size_t k = 0; k <= NCHILDREN; k++)
		memcpy(all + k * np, p, sizeof(*p) * np);
	q = db_runp(&r->a, arena_strdup(&r->a, sql.s), all, np * (NCHILDREN + 1));
	buf_free(&sql);
	if (q == NULL)
		return -1;
	struct case_written rows = { 0 };
	while ((row = db_next(q)) != NULL) {
		char **copy = arena_alloc(&r->a, sizeof(char *) * q->ncols);
		memcpy(copy, row, sizeof(char *) * q->ncols);
		rows_add(r, &rows, atoi(row[0]), strtoll(row[2], NULL, 10), copy);
	}
	if (db_last() != DB_OK)
		return -1;
	return build(r, rows.rows, rows.n, out, max, face);
}

/*
 * The records of rows in the load query's shape (a case's, then its
 * parts'), on the faces asked for: the one renderer of a case, for rows
 * read and for rows just written.
 */
static int
build(struct req *r, struct load_row *rows, size_t nrows, struct case_rec *out,
    size_t max, int face)
{
	size_t	 nout = 0;
	char	**row;

	/* Cases first, then each part in creation order. */
	qsort(rows, nrows, sizeof(*rows), load_row_cmp);
	for (size_t ri = 0; ri < nrows; ri++) {
		row = rows[ri].row;
		int kind = rows[ri].kind;
		long long cid = strtoll(row[1], NULL, 10);
		if (kind == 0) {
			if (nout == max)
				continue;
			out[nout].id = cid;
			out[nout].uuid = row[3];
			out[nout].stamp = row[5];
			out[nout].org_id = row[8] ? strtoll(row[8], NULL, 10) : 0;
			out[nout].obj = out[nout].obj_ref = NULL;
			if (face != FACE_REF)
				out[nout].obj = req_keep(r, case_shell(row,
				    FACE_CASEGATE));
			if (face != FACE_CASEGATE)
				out[nout].obj_ref = req_keep(r, case_shell(row,
				    FACE_REF));
			if (face == FACE_REF)
				out[nout].obj = out[nout].obj_ref;
			nout++;
			continue;
		}
		size_t i;
		for (i = 0; i < nout && out[i].id != cid; i++)
			;
		if (i == nout)
			continue;
		const struct child *c = &children[kind - 1];
		size_t n;
		const struct field *f = child_fields(c, &n);
		const char *key = case_fields[c->field].name;
		json_object *docs[2] = { face == FACE_REF ? NULL : out[i].obj,
		    face == FACE_CASEGATE ? NULL : out[i].obj_ref };
		for (int fc = 0; fc < 2; fc++) {
			if (docs[fc] == NULL)
				continue;
			json_object *part = part_json(f, n, row, fc);
			if (case_fields[c->field].type == FT_LIST) {
				json_object *list;
				json_object_object_get_ex(docs[fc], key, &list);
				json_object_array_add(list, part);
			} else
				json_object_object_add(docs[fc], key, part);
		}
	}
	return (int)nout;
}

/* 1 found, 0 not found, -1 database error. */
int
case_load(struct req *r, const char *uuid, struct case_rec *rec, int face)
{
	struct dbp p = { .t = 's', .s = uuid };

	return load(r, "c.uuid = ?", "x.case_id = (SELECT id FROM cases WHERE "
	    "uuid = ?)", &p, 1, rec, 1, face);
}

/* The same by internal id (a write's own case: no lookup by uuid). */
int
case_load_id(struct req *r, long long id, struct case_rec *rec, int face)
{
	struct dbp p = { .t = 'i', .i = id };

	return load(r, "c.id = ?", "x.case_id = ?", &p, 1, rec, 1, face);
}

static int load_ids(struct req *, const long long *, size_t, struct case_rec *,
    int, int);

/*
 * The cases with these internal ids, in the order given: their stored
 * documents in one query, and the rows of any case that has none.
 */
int
cases_load_ids(struct req *r, const long long *ids, size_t n,
    struct case_rec *out, int face)
{
	return load_ids(r, ids, n, out, face, 1);
}

/*
 * The same as text only (rec.text; obj is left NULL for a stored
 * document): a search page sends them as they are.
 */
int
cases_load_text(struct req *r, const long long *ids, size_t n,
    struct case_rec *out, int face)
{
	return load_ids(r, ids, n, out, face, 0);
}

static int
load_ids(struct req *r, const long long *ids, size_t n, struct case_rec *out,
    int face, int parse)
{
	struct dbp	*p = arena_calloc(&r->a, sizeof(*p) * (n + 1));
	struct case_rec	*tmp = arena_calloc(&r->a, sizeof(*tmp) * (n + 1));
	long long	*missing = arena_calloc(&r->a, sizeof(*missing) * (n + 1));
	size_t		 got = 0, nmissing = 0;
	struct dbq	*q;
	char		**row;

	if (n == 0)
		return 0;
	q = db_runp(&r->a, arena_printf(&r->a, "SELECT c.id, c.uuid, c.org_id, "
	    "%s FROM cases c WHERE %s", face == FACE_REF ? "c.doc_ref" :
	    "c.doc_casegate", db_in_list(&r->a, "c.id", ids, n, p)), p, n);
	if (q == NULL)
		return -1;
	while ((row = db_next(q)) != NULL) {
		long long id = strtoll(row[0], NULL, 10);
		json_object *doc = row[3] && parse ? json_tokener_parse(row[3]) :
		    NULL;
		if (row[3] == NULL || (parse && doc == NULL)) {
			missing[nmissing++] = id;
			continue;
		}
		tmp[got].id = id;
		tmp[got].uuid = row[1];
		tmp[got].org_id = row[2] ? strtoll(row[2], NULL, 10) : 0;
		tmp[got].obj = doc ? req_keep(r, doc) : NULL;
		tmp[got].obj_ref = NULL;
		tmp[got].text = row[3];
		got++;
	}
	if (nmissing > 0) {
		int more = load(r, db_in_list(&r->a, "c.id", missing, nmissing, p),
		    db_in_list(&r->a, "x.case_id", missing, nmissing, p), p, nmissing,
		    tmp + got, nmissing, FACE_BOTH);
		if (more < 0)
			return -1;
		case_fill_docs(r, tmp + got, (size_t)more);
		for (int i = 0; i < more; i++) {
			struct case_rec *c = &tmp[got + (size_t)i];
			if (face == FACE_REF)
				c->obj = c->obj_ref;
			if (!parse)
				c->text = json_object_to_json_string_ext(c->obj,
				    JSON_C_TO_STRING_PLAIN |
				    JSON_C_TO_STRING_NOSLASHESCAPE);
		}
		got += (size_t)more;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < got; j++)
			if (tmp[j].id == ids[i])
				out[k++] = tmp[j];
	return (int)k;
}

/* ------------------------------------------------------------ writing */

/* A validated JSON value as the text its column stores. */
static void
bind_value(struct req *r, const struct field *f, json_object *v, int present,
    struct dbp *p)
{
	p->t = 's';
	if (!present)
		p->s = f->def;
	else if (v == NULL)
		p->s = NULL;
	else if (f->type == FT_JSON || f->type == FT_ENUMLIST)
		p->s = arena_strdup(&r->a, json_object_to_json_string_ext(v,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	else
		p->s = json_object_get_string(v);
}

/*
 * What a create wrote, row by row in the load query's shape (see load()):
 * its answer and stored documents are built from these by the renderer a
 * read uses, instead of reading the case back. A row holds the values as
 * they were bound, which is what the columns give back: the validated
 * strings, canonical dates (YYYY-MM-DD), JSON as serialised here, and the
 * write's time as MariaDB wrote it (write_time). Test: create_renders_as_read.
 */
static void
written_add(struct req *r, struct case_written *w, int kind, long long id,
    long long case_id, const char *uuid, const char *now, const struct dbp *v,
    size_t nv)
{
	char **row = arena_calloc(&r->a, sizeof(char *) * (6 + LOAD_WIDTH));

	row[0] = arena_printf(&r->a, "%d", kind);
	row[1] = arena_printf(&r->a, "%lld", case_id);
	row[2] = arena_printf(&r->a, "%lld", id);
	row[3] = (char *)uuid;
	row[4] = row[5] = (char *)now;
	for (size_t i = 0; i < nv && i < LOAD_WIDTH; i++)
		row[6 + i] = v[i].t == 'i' ? arena_printf(&r->a, "%lld", v[i].i) :
		    (char *)v[i].s;
	rows_add(r, w, kind, id, row);
}

/*
 * The write's time, MariaDB's UTC_TIMESTAMP(6) read once: every row a
 * write inserts carries it, so that a create's rows as written are its
 * rows as stored (a DATETIME(6) gives back the text it was given).
 */
static const char *
write_time(struct req *r, const char **now)
{
	char **row;

	if (*now == NULL && (row = db_one(&r->a, "SELECT UTC_TIMESTAMP(6)",
	    "")) != NULL)
		*now = row[0];
	return *now;
}

/*
 * The values of one new item of part c, as its INSERT's tuple binds them
 * (uuid, case id, each field, created, updated) into p, which has room for
 * n + 3; and the row as written, when w is given. Returns the count.
 */
static size_t
part_params(struct req *r, const struct child *c, json_object *item,
    long long case_id, long long seq, const char *now, struct case_written *w,
    struct dbp *p)
{
	size_t			 n, k = 0;
	const struct field	*f = child_fields(c, &n);
	char			*uuid = arena_alloc(&r->a, 37);

	uuid4(uuid);
	p[k++] = (struct dbp){ .t = 's', .s = uuid };
	p[k++] = (struct dbp){ .t = 'i', .i = case_id };
	for (size_t i = 1; i < n; i++) {
		json_object *v = NULL;
		int has = json_object_object_get_ex(item, f[i].name, &v);
		bind_value(r, &f[i], v, has, &p[k++]);
	}
	if (w != NULL)
		written_add(r, w, (int)(c - children) + 1, seq, case_id, uuid, now,
		    p + 2, k - 2);
	p[k++] = (struct dbp){ .t = 's', .s = now };
	p[k++] = (struct dbp){ .t = 's', .s = now };
	return k;
}

/* The new items of one part, in one INSERT (rows in the items' order). */
static int
part_insert(struct req *r, const struct child *c, long long case_id,
    json_object **items, size_t nitems, const char **now)
{
	size_t			 n, k = 0;
	struct dbp		*p;

	(void)child_fields(c, &n);
	if (nitems == 0)
		return 0;
	if (write_time(r, now) == NULL)
		return -1;
	p = arena_calloc(&r->a, sizeof(*p) * nitems * (n + 3));
	for (size_t j = 0; j < nitems; j++)
		k += part_params(r, c, items[j], case_id, (long long)j, *now, NULL,
		    p + k);
	return db_insert_rows(&r->a, c->insert, c->tuple, nitems, p, k) ? 0 : -1;
}

/* 1 updated, 0 no such part on this case, -1 database error. */
static int
part_update(struct req *r, const struct child *c, long long case_id,
    const char *uuid, json_object *item)
{
	size_t			 n;
	const struct field	*f = child_fields(c, &n);
	struct dbp		 p[2 * LOAD_WIDTH + 4];
	size_t			 k = 0;
	struct dbq		*q;

	for (size_t i = 1; i < n; i++) {
		json_object *v = NULL;
		int has = json_object_object_get_ex(item, f[i].name, &v);
		p[k++] = (struct dbp){ .t = 'i', .i = has };
		bind_value(r, &f[i], v, has, &p[k++]);
	}
	p[k++] = (struct dbp){ .t = 's', .s = uuid };
	p[k++] = (struct dbp){ .t = 'i', .i = case_id };
	if ((q = db_runp(&r->a, c->update, p, k)) == NULL)
		return -1;
	return q->affected > 0;
}

static int
not_found(struct req *r, const struct child *c, const char *uuid)
{
	return http_error(r, 404, arena_printf(&r->a, "%s with id %s not found",
	    c->model, uuid));
}

/* A part's items in a body (a list's, or a single part's): their count. */
static size_t
part_items(struct req *r, const struct child *c, json_object *v,
    json_object ***items)
{
	int	 single = case_fields[c->field].type == FT_OBJECT;
	size_t	 n = v == NULL ? 0 : single ? 1 : json_object_array_length(v);

	*items = arena_calloc(&r->a, sizeof(**items) * (n + 1));
	for (size_t i = 0; i < n; i++)
		(*items)[i] = single ? v : json_object_array_get_idx(v, i);
	return n;
}

/*
 * Replaces one part of a case as spec section 8 says: items with an id are
 * updated in place (an id of another case, or of none, is 404), items
 * without one are created, the rest are deleted; null deletes a single part.
 */
static int
part_replace(struct req *r, const struct child *c, long long case_id,
    json_object *v, const char **now)
{
	size_t		 nexist = 0, nitems;
	char		**exist = NULL, **row, *sql;
	int		*kept;
	struct dbq	*q;
	json_object	**items;

	sql = arena_printf(&r->a, "SELECT uuid FROM %s WHERE case_id = ? "
	    "ORDER BY id", c->table);
	if ((q = db_run(&r->a, sql, "i", case_id)) == NULL)
		return http_db_error(r);
	exist = arena_calloc(&r->a, sizeof(char *) * (size_t)(db_rows(q) + 1));
	while ((row = db_next(q)) != NULL)
		exist[nexist++] = row[0];
	kept = arena_calloc(&r->a, sizeof(int) * (nexist + 1));
	nitems = part_items(r, c, v, &items);
	json_object **fresh = arena_calloc(&r->a, sizeof(*fresh) * (nitems + 1));
	size_t nfresh = 0;
	for (size_t i = 0; i < nitems; i++) {
		json_object *item = items[i], *id = NULL;
		const char *uuid;
		if (!json_object_object_get_ex(item, "id", &id) || id == NULL) {
			fresh[nfresh++] = item;
			continue;
		}
		uuid = json_object_get_string(id);
		size_t k;
		for (k = 0; k < nexist && strcasecmp(exist[k], uuid) != 0; k++)
			;
		if (k == nexist)
			return not_found(r, c, uuid);
		int rc = part_update(r, c, case_id, exist[k], item);
		if (rc < 0)
			return http_db_error(r);
		kept[k] = 1;
	}
	if (part_insert(r, c, case_id, fresh, nfresh, now) != 0)
		return http_db_error(r);
	sql = arena_printf(&r->a, "DELETE FROM %s WHERE uuid = ?", c->table);
	size_t deleted = 0;
	for (size_t k = 0; k < nexist; k++) {
		if (kept[k])
			continue;
		if (db_exec(&r->a, sql, "s", exist[k]) < 0)
			return http_db_error(r);
		deleted++;
	}
	if (deleted && c->after_delete && db_exec(&r->a, c->after_delete, "ii",
	    case_id, case_id) < 0)
		return http_db_error(r);
	return 0;
}

static const struct unique_msg case_unique[] = {
	{ NULL, "A case with this external_id already exists" },
};

/*
 * A new case from a validated body in as few statements as it takes: its
 * rows are made first, as a read would give them (struct case_written), its
 * documents rendered from them by the renderer a read uses, then the case
 * goes in with its documents and each part in one INSERT. rec gets the
 * case on both faces. An item that names an id is 404: a new case has no
 * parts to update.
 */
static int
case_create(struct req *r, struct case_rec *rec, json_object *body)
{
	const int	 flags = JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE;
	struct dbp	*pp[NCHILDREN] = { 0 };
	size_t		 nrows[NCHILDREN] = { 0 }, np[NCHILDREN] = { 0 };
	json_object	*v = NULL, *ext = NULL;
	const char	*now = NULL;
	struct case_rec	 out;

	if (write_time(r, &now) == NULL)
		return http_db_error(r);
	char *uuid = arena_alloc(&r->a, 37);
	uuid4(uuid);
	json_object_object_get_ex(body, "case_type", &v);
	json_object_object_get_ex(body, "external_id", &ext);
	const char *org = r->who->org_id ? arena_printf(&r->a, "%lld",
	    r->who->org_id) : NULL;
	struct case_written *w = arena_calloc(&r->a, sizeof(*w));
	struct dbp cv[3] = { { .t = 's', .s = json_object_get_string(v) },
	    { .t = 's', .s = ext ? json_object_get_string(ext) : NULL },
	    { .t = 's', .s = org } };
	/* Case id 0 until the INSERT gives it: the documents do not show it. */
	written_add(r, w, 0, 0, 0, uuid, now, cv, 3);
	for (size_t k = 0; k < NCHILDREN; k++) {
		const struct child *c = &children[k];
		json_object **items, *id;
		size_t n, width;
		if (!json_object_object_get_ex(body, case_fields[c->field].name, &v) ||
		    (n = part_items(r, c, v, &items)) == 0)
			continue;
		(void)child_fields(c, &width);
		pp[k] = arena_calloc(&r->a, sizeof(struct dbp) * n * (width + 3));
		for (size_t j = 0; j < n; j++) {
			if (json_object_object_get_ex(items[j], "id", &id) && id)
				return not_found(r, c, json_object_get_string(id));
			np[k] += part_params(r, c, items[j], 0, (long long)j, now, w,
			    pp[k] + np[k]);
		}
		nrows[k] = n;
	}
	if (build(r, w->rows, w->n, &out, 1, FACE_BOTH) != 1)
		return http_db_error(r);
	struct dbq *q = db_run(&r->a, "INSERT INTO cases (uuid, case_type, "
	    "external_id, org_id, doc_casegate, doc_ref, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "ssssssss", uuid, cv[0].s, cv[1].s,
	    org, arena_strdup(&r->a, json_object_to_json_string_ext(out.obj,
	    flags)), arena_strdup(&r->a, json_object_to_json_string_ext(
	    out.obj_ref, flags)), now, now);
	if (q == NULL)
		return http_write_failed(r, case_unique);
	*rec = out;
	rec->id = q->insert_id;
	rec->uuid = uuid;
	rec->org_id = r->who->org_id;
	rec->written = w;
	for (size_t k = 0; k < NCHILDREN; k++) {
		size_t per = nrows[k] ? np[k] / nrows[k] : 0;
		for (size_t j = 0; j < nrows[k]; j++)
			pp[k][j * per + 1].i = rec->id;
		if (nrows[k] && db_insert_rows(&r->a, children[k].insert,
		    children[k].tuple, nrows[k], pp[k], np[k]) == NULL)
			return http_db_error(r);
	}
	return 0;
}

/*
 * Writes a validated body onto a case: creating makes it (case_create,
 * with its documents stored); an update touches only the keys present.
 * Returns 0 or an HTTP status.
 */
int
case_write(struct req *r, struct case_rec *rec, json_object *body, int creating)
{
	json_object	*v, *ct = NULL, *ext = NULL;
	const char	*now = NULL;
	int		 st;

	if (creating)
		return case_create(r, rec, body);
	rec->written = NULL;
	int has_ct = json_object_object_get_ex(body, "case_type", &ct);
	int has_ext = json_object_object_get_ex(body, "external_id", &ext);
	/* Any write bumps the case, so that updated_after finds it. */
	if (db_exec(&r->a, "UPDATE cases SET case_type = IF(?, ?, case_type), "
	    "external_id = IF(?, ?, external_id), "
	    "updated_at = IF(?, UTC_TIMESTAMP(6), updated_at) WHERE id = ?",
	    "isisii", (long long)has_ct,
	    has_ct ? json_object_get_string(ct) : NULL, (long long)has_ext,
	    ext ? json_object_get_string(ext) : NULL,
	    (long long)(json_object_object_length(body) > 0), rec->id) < 0)
		return http_write_failed(r, case_unique);
	for (size_t k = 0; k < NCHILDREN; k++) {
		const char *key = case_fields[children[k].field].name;
		if (!json_object_object_get_ex(body, key, &v))
			continue;
		if ((st = part_replace(r, &children[k], rec->id, v, &now)) != 0)
			return st;
	}
	return 0;
}

/* ------------------------------------------------------------ documents */

/*
 * Each case keeps its rendered JSON on both faces beside its rows, written
 * in the same transaction as every change, so that a read is one indexed
 * SELECT of ready text. The rows stay the truth: a case without documents
 * (loaded in bulk by SQL, say) is rendered from them.
 */
int
case_store_docs(struct req *r, const struct case_rec *both)
{
	const int flags = JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE;
	char *cg = arena_strdup(&r->a, json_object_to_json_string_ext(both->obj,
	    flags));
	char *ref = arena_strdup(&r->a, json_object_to_json_string_ext(
	    both->obj_ref, flags));

	/* The matter face is LegalServer's to render (see ls_model.c). */
	return db_exec(&r->a, "UPDATE cases SET doc_casegate = ?, doc_ref = ?, "
	    "doc_matter = NULL WHERE id = ?", "ssi", cg, ref, both->id) < 0 ?
	    -1 : 0;
}

/*
 * Cases read from their rows because they had no documents (bulk-loaded by
 * SQL, say, or a write that left them to the next read) get them stored
 * now, in one statement for a page of them, so the next read is one SELECT
 * again. Best effort, outside a write's transaction, and only while a case
 * is as it was read: every write moves updated_at (and holds the row's lock
 * until it commits), so a write that came in between wins, and a failure
 * only means the next read renders again.
 */
void
case_fill_docs(struct req *r, const struct case_rec *c, size_t n)
{
	static const char *const cols[] = { "doc_casegate", "doc_ref" };
	const int	 flags = JSON_C_TO_STRING_PLAIN |
			    JSON_C_TO_STRING_NOSLASHESCAPE;
	long long	*ids = arena_calloc(&r->a, sizeof(*ids) * (n + 1));
	const char	**stamps = arena_calloc(&r->a, sizeof(*stamps) * (n + 1));
	const char	**texts = arena_calloc(&r->a, sizeof(*texts) * (2 * n + 1));
	size_t		 m = 0;

	if (r->route->flags & R_TX)
		return;
	for (size_t i = 0; i < n; i++) {
		if (c[i].obj == NULL || c[i].obj_ref == NULL || c[i].stamp == NULL)
			continue;
		ids[m] = c[i].id;
		stamps[m] = c[i].stamp;
		texts[2 * m] = json_object_to_json_string_ext(c[i].obj, flags);
		texts[2 * m + 1] = json_object_to_json_string_ext(c[i].obj_ref,
		    flags);
		m++;
	}
	if (m > 0)
		(void)db_fill_docs(&r->a, "cases", cols, 2, m, ids, stamps, texts);
}

/* ------------------------------------------------------------ history */

/* {"field": {"from": x, "to": y}} for each top-level key that changed. */
static json_object *
diff(json_object *before, json_object *after)
{
	json_object	*ch = json_object_new_object();
	json_object	*shape = after ? after : before;

	json_object_object_foreach(shape, key, val) {
		json_object *b = NULL, *a = NULL;
		(void)val;
		if (strcmp(key, "updated_at") == 0 || strcmp(key, "created_at") == 0 ||
		    strcmp(key, "id") == 0)
			continue;
		if (before)
			json_object_object_get_ex(before, key, &b);
		if (after)
			json_object_object_get_ex(after, key, &a);
		if (before && after && json_object_equal(a, b))
			continue;
		json_object *d = json_object_new_object();
		json_object_object_add(d, "from", json_object_get(b));
		json_object_object_add(d, "to", json_object_get(a));
		json_object_object_add(ch, key, d);
	}
	return ch;
}

int
history_add(struct req *r, const char *uuid, const char *action,
    json_object *before, json_object *after)
{
	json_object	*ch = diff(before, after);
	const char	*s = json_object_to_json_string_ext(ch,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	long long	 rc = db_exec(&r->a, "INSERT INTO case_history (case_uuid, "
	    "at, username, action, changes) VALUES (?, UTC_TIMESTAMP(6), ?, ?, ?)",
	    "ssss", uuid, r->who->username, action, s);

	json_object_put(ch);
	return rc < 0 ? -1 : 0;
}
