/*
 * firmattorneyservice (efsp-proxy.md section 7): the filer's firm, its
 * attorneys and its service contacts, the public list of every firm's
 * public contacts, and contacts attached to court cases. What Tyler's
 * EFMFirmService holds for the reference lives in sql/016_firm.sql.
 *
 * The firm, attorneys and service contacts are one skeleton over three
 * member tables: each member names its JSON key (inside "address" or at
 * the top), its type, the SELECT expression it is read from and the column
 * it is written to, its length limit and where it is accepted. That table
 * drives the reading of bodies, the checks, the INSERT and UPDATE, and the
 * rendering. Everything belongs to the caller's firm: another firm's id is
 * answered exactly as an unknown one (404), never with its data.
 *
 * Statuses: 200 (new and updated ids as JSON string literals, as the
 * reference answers them); 201 and 204 for attaching a contact to a case;
 * 400 for a bad body (text; for a new service contact whose body cannot
 * be read, the reference's JSON string "Cannot read service contact
 * input"), and empty for the service-contact id "None"; 401 empty for a
 * missing or unknown API key (the gate) and for a bad token; 403 empty for
 * a missing token on firm and attorneys, 401 on service contacts; 404 for
 * unknown and foreign ids; 409 for a bar number already in the firm or a
 * firm name another firm has.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/db.h"
#include "../lib/efile.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "filings.h"

#define JSON_DEPTH	32
#define OWN_LIST_MAX	1000	/* rows in a firm's own list */
#define PUBLIC_MAX	500	/* rows in the public list */

enum mtype {
	M_STR,		/* a string */
	M_BOOL,		/* true or false */
	M_VBOOL,	/* a boolean rendered as Tyler's {"value": b} wrapper */
};

#define M_CREATE	0x01	/* accepted in a create's body */
#define M_UPDATE	0x02	/* accepted in an update's body */
#define M_HIDDEN	0x04	/* input only: not rendered */
#define M_REQUIRED	0x08	/* never NULL or "" once written */
#define M_EMAIL		0x10	/* an e-mail address when not empty */
#define M_WRITE		(M_CREATE | M_UPDATE)

struct member {
	const char	*name;		/* JSON member */
	const char	*group;		/* the object it sits in, NULL: the top */
	enum mtype	 type;
	const char	*expr;		/* SELECT expression (t: the row, f: its firm) */
	const char	*column;	/* the column written; NULL: read-only */
	unsigned	 max;		/* characters */
	unsigned	 flags;		/* M_* */
};

#define MEMBERS_MAX	24

struct resource;
struct input;
typedef int (*check_fn)(struct req *, const char *, const struct filer *,
    const struct resource *, const struct input *, const char **);

struct resource {
	const char		*what;		/* "attorney", in messages */
	const char		*table;		/* the table written */
	const char		*from;		/* FROM …, the row as t, its firm as f */
	const struct member	*m;
	size_t			 n;
	int			 missing;	/* status for a missing token */
	int			 self;		/* the firm itself: no id, no create */
	const char		*bad_body;	/* a body that is not a JSON object */
	int			 quoted;	/* bad_body is a JSON string literal */
	const char		*dup;		/* 409 message of its unique key */
	check_fn		 check;		/* a rule beyond the table, or NULL */
};

/* Values read from a body, by member: NULL is absent or null (unchanged). */
struct input {
	const char	*v[MEMBERS_MAX];
};

/* Why a body was refused: its shape (not parsable) or one of its values. */
enum bad {
	BAD_NONE,
	BAD_SHAPE,
	BAD_VALUE,
};

static int	bar_number_check(struct req *, const char *,
		    const struct filer *, const struct resource *,
		    const struct input *, const char **);
static int	firm_name_check(struct req *, const char *,
		    const struct filer *, const struct resource *,
		    const struct input *, const char **);

/* Tyler's AddressType, the same six columns on firms and contacts. */
#define ADDRESS_MEMBERS \
	{ "addressLine1", "address", M_STR, "t.address_line1", "address_line1", \
	    100, M_WRITE }, \
	{ "addressLine2", "address", M_STR, "t.address_line2", "address_line2", \
	    100, M_WRITE }, \
	{ "city", "address", M_STR, "t.city", "city", 50, M_WRITE }, \
	{ "state", "address", M_STR, "t.state", "state", 50, M_WRITE }, \
	{ "zipCode", "address", M_STR, "t.zip_code", "zip_code", 16, M_WRITE }, \
	{ "country", "address", M_STR, "t.country", "country", 50, M_WRITE }

/* FirmType. */
static const struct member firm_members[] = {
	{ "firmID", NULL, M_STR, "t.uuid", NULL, 0, 0 },
	{ "firmName", NULL, M_STR, "t.name", "name", 200, M_UPDATE | M_REQUIRED },
	{ "isIndividual", NULL, M_BOOL, "t.is_individual", NULL, 0, 0 },
	ADDRESS_MEMBERS,
	{ "phoneNumber", NULL, M_STR, "t.phone_number", "phone_number", 30,
	    M_UPDATE },
};

/* AttorneyType. */
static const struct member attorney_members[] = {
	{ "attorneyID", NULL, M_STR, "t.uuid", NULL, 0, 0 },
	{ "barNumber", NULL, M_STR, "t.bar_number", "bar_number", 20, M_WRITE },
	{ "firstName", NULL, M_STR, "t.first_name", "first_name", 100,
	    M_WRITE | M_REQUIRED },
	{ "middleName", NULL, M_STR, "t.middle_name", "middle_name", 100, M_WRITE },
	{ "lastName", NULL, M_STR, "t.last_name", "last_name", 100,
	    M_WRITE | M_REQUIRED },
	{ "email", NULL, M_STR, "t.email", "email", 254, M_WRITE | M_EMAIL },
	{ "firmID", NULL, M_STR, "f.uuid", NULL, 0, 0 },
};

/*
 * ServiceContactType. A new contact names its master-list flag
 * isInFirmMaster, an update isInFirmMasterList (the reference's two
 * spellings); both write one column. Names are free text here: service
 * contacts are not held to the party-name rules.
 */
static const struct member contact_members[] = {
	{ "serviceContactID", NULL, M_STR, "t.uuid", NULL, 0, 0 },
	{ "firstName", NULL, M_STR, "t.first_name", "first_name", 100,
	    M_WRITE | M_REQUIRED },
	{ "middleName", NULL, M_STR, "t.middle_name", "middle_name", 100, M_WRITE },
	{ "lastName", NULL, M_STR, "t.last_name", "last_name", 100,
	    M_WRITE | M_REQUIRED },
	{ "email", NULL, M_STR, "t.email", "email", 254,
	    M_WRITE | M_REQUIRED | M_EMAIL },
	{ "administrativeCopy", NULL, M_STR, "t.administrative_copy",
	    "administrative_copy", 254, M_WRITE | M_EMAIL },
	ADDRESS_MEMBERS,
	{ "phoneNumber", NULL, M_STR, "t.phone_number", "phone_number", 30,
	    M_WRITE },
	{ "isPublic", NULL, M_VBOOL, "t.is_public", "is_public", 0, M_WRITE },
	{ "isInFirmMasterList", NULL, M_VBOOL, "t.in_firm_master",
	    "in_firm_master", 0, M_UPDATE },
	{ "isInFirmMaster", NULL, M_BOOL, "t.in_firm_master", "in_firm_master", 0,
	    M_CREATE | M_HIDDEN },
	{ "isUndeliverable", NULL, M_VBOOL, "0", NULL, 0, 0 },
	{ "isMailServiceContact", NULL, M_VBOOL, "0", NULL, 0, 0 },
	{ "firmID", NULL, M_STR, "f.uuid", NULL, 0, 0 },
	{ "firmName", NULL, M_STR, "f.name", NULL, 0, 0 },
	{ "addByFirmName", NULL, M_STR, "f.name", NULL, 0, 0 },
};

static const struct resource firm_res = {
	"firm", "firms", "FROM firms t", firm_members, NCOLS(firm_members),
	403, 1, "The Body passed should be proper JSON", 0, NULL, firm_name_check
};

static const struct resource attorney_res = {
	"attorney", "attorneys", "FROM attorneys t JOIN firms f ON f.id = t.firm_id",
	attorney_members, NCOLS(attorney_members), 403, 0,
	"The Body passed should be proper JSON", 0,
	"An attorney with that bar number is already in the firm",
	bar_number_check
};

static const struct resource contact_res = {
	"service contact", "service_contacts",
	"FROM service_contacts t JOIN firms f ON f.id = t.firm_id",
	contact_members, NCOLS(contact_members), 401, 0,
	"Cannot read service contact input", 1, NULL, NULL
};

_Static_assert(NCOLS(contact_members) <= MEMBERS_MAX, "MEMBERS_MAX");
_Static_assert(NCOLS(firm_members) <= MEMBERS_MAX, "MEMBERS_MAX");

/*
 * The jurisdiction and the filer behind the request, or the status already
 * rendered: a missing token gets the endpoint's own status (spec 1.3), a
 * bad one 401, both with an empty body.
 */
int
firm_caller(struct req *r, int missing, const char **j, struct filer *f)
{
	if ((*j = juris(r, 0)) == NULL)
		return r->status;
	switch (filer_session(r, *j, f)) {
	case FILER_OK:
		return 0;
	case FILER_MISSING:
		return http_bare(r, missing);
	case FILER_BAD:
		return http_bare(r, 401);
	default:
		return http_db_error(r);
	}
}

/*
 * The request body as one JSON object, or NULL when it is empty, not
 * JSON (RFC 8259, nothing after it), or not an object. It lives as long
 * as the request.
 */
json_object *
firm_body(struct req *r)
{
	struct json_tokener	*tok;
	json_object		*o;
	size_t			 end;

	if (r->body_len == 0 || strlen(r->body) != r->body_len)
		return NULL;
	tok = json_tokener_new_ex(JSON_DEPTH);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_ALLOW_TRAILING_CHARS);
	o = json_tokener_parse_ex(tok, r->body, (int)r->body_len);
	end = json_tokener_get_error(tok) == json_tokener_success ?
	    json_tokener_get_parse_end(tok) : 0;
	json_tokener_free(tok);
	while (end > 0 && end < r->body_len &&
	    strchr(" \t\r\n", r->body[end]) != NULL)
		end++;
	if (o == NULL || end != r->body_len ||
	    !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return NULL;
	}
	return req_keep(r, o);
}

/* A member name fit to quote in a message. */
static const char *
shown(const char *key)
{
	int bad;

	utf8_len(key, strlen(key), &bad);
	return bad || strlen(key) > 64 ? "(a member)" : key;
}

/* What is wrong with a string value, if anything. */
enum strbad {
	STR_OK,
	STR_TYPE,	/* not a string: the body's shape */
	STR_UTF8,
	STR_LONG,
};

static enum strbad
string_bad(json_object *v, unsigned max)
{
	int bad;

	if (!json_object_is_type(v, json_type_string))
		return STR_TYPE;
	size_t chars = utf8_len(json_object_get_string(v),
	    (size_t)json_object_get_string_len(v), &bad);
	if (bad)
		return STR_UTF8;
	return max && chars > max ? STR_LONG : STR_OK;
}

/* "name: why", for a string_bad() answer other than STR_OK. */
static const char *
string_why(struct req *r, const char *name, enum strbad b, unsigned max)
{
	if (b == STR_LONG)
		return arena_printf(&r->a, "%s: at most %u characters", name, max);
	return arena_printf(&r->a, "%s: %s", name, b == STR_TYPE ?
	    "expected a string" : "not valid UTF-8");
}

/* A boolean, or Tyler's {"value": boolean} as the resource renders it. */
static int
boolean_of(json_object *v, int wrapped, int *out)
{
	json_object *in;

	if (wrapped && json_object_is_type(v, json_type_object) &&
	    json_object_object_length(v) == 1 &&
	    json_object_object_get_ex(v, "value", &in))
		v = in;
	if (!json_object_is_type(v, json_type_boolean))
		return 0;
	*out = json_object_get_boolean(v);
	return 1;
}

static int
member_at(const struct resource *rs, const char *group, const char *key)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->m[i].name, key) == 0 && (group == NULL ?
		    rs->m[i].group == NULL : rs->m[i].group != NULL &&
		    strcmp(rs->m[i].group, group) == 0))
			return (int)i;
	return -1;
}

static int
is_group(const struct resource *rs, const char *key)
{
	for (size_t i = 0; i < rs->n; i++)
		if (rs->m[i].group != NULL && strcmp(rs->m[i].group, key) == 0)
			return 1;
	return 0;
}

/*
 * Reads one object's members (the top, or a group such as "address") into
 * in. The first problem wins; *why says it, prefixed by the member.
 */
static enum bad
read_members(struct req *r, const struct resource *rs, json_object *o,
    const char *group, unsigned mode, struct input *in, const char **why)
{
	json_object_object_foreach(o, key, val) {
		const char *name = group ? arena_printf(&r->a, "%s.%s", group,
		    shown(key)) : shown(key);
		int i = member_at(rs, group, key);
		if (i < 0 && group == NULL && is_group(rs, key)) {
			if (val == NULL)
				continue;	/* null: unchanged */
			if (!json_object_is_type(val, json_type_object)) {
				*why = arena_printf(&r->a, "%s: expected an object",
				    name);
				return BAD_SHAPE;
			}
			enum bad b = read_members(r, rs, val, key, mode, in, why);
			if (b != BAD_NONE)
				return b;
			continue;
		}
		if (i < 0) {
			*why = arena_printf(&r->a, "%s: unknown member", name);
			return BAD_SHAPE;
		}
		const struct member *m = &rs->m[i];
		if (!(m->flags & mode)) {
			*why = arena_printf(&r->a, "%s: cannot be set", name);
			return BAD_SHAPE;
		}
		if (val == NULL)
			continue;
		if (m->type == M_STR) {
			enum strbad sb = string_bad(val, m->max);
			if (sb != STR_OK) {
				*why = string_why(r, name, sb, m->max);
				return sb == STR_TYPE ? BAD_SHAPE : BAD_VALUE;
			}
			in->v[i] = json_object_get_string(val);
		} else {
			int b;
			if (!boolean_of(val, m->type == M_VBOOL, &b)) {
				*why = arena_printf(&r->a, "%s: expected true or "
				    "false", name);
				return BAD_SHAPE;
			}
			in->v[i] = b ? "1" : "0";
		}
	}
	return BAD_NONE;
}

/*
 * Renders a refused body; always 400. A new service contact whose body
 * cannot be read gets the reference's JSON string; everything else a
 * plain-text reason.
 */
static int
bad_body(struct req *r, const struct resource *rs, unsigned mode, enum bad b,
    const char *why)
{
	if (rs->quoted && mode == M_CREATE && b == BAD_SHAPE)
		return json_string_error(r, 400, rs->bad_body);
	return http_error(r, 400, why != NULL ? why : rs->bad_body);
}

/*
 * The values a write stores, in member order: what the body sent, else
 * the current row's (an update), else NULL for text and false for flags
 * (a create). Then the table's rules and the resource's own check.
 * Returns 0, or the status rendered.
 */
static int
merge_values(struct req *r, const struct resource *rs, const char *j,
    const struct filer *f, unsigned mode, const struct input *in, char **cur,
    const char **out)
{
	for (size_t i = 0; i < rs->n; i++) {
		const struct member *m = &rs->m[i];
		out[i] = in->v[i] != NULL ? in->v[i] : cur != NULL ? cur[i] :
		    m->type == M_STR ? NULL : "0";
		if (!(m->flags & mode) || m->column == NULL)
			continue;
		const char *name = m->group ? arena_printf(&r->a, "%s.%s",
		    m->group, m->name) : m->name;
		if ((m->flags & M_REQUIRED) && (out[i] == NULL || *out[i] == '\0'))
			return http_error(r, 400, arena_printf(&r->a,
			    "%s: required", name));
		if ((m->flags & M_EMAIL) && out[i] != NULL && *out[i] != '\0' &&
		    check_email(out[i]) != NULL)
			return http_error(r, 400, arena_printf(&r->a,
			    "%s: not a valid e-mail address", name));
	}
	return rs->check != NULL ? rs->check(r, j, f, rs, in, out) : 0;
}

/* Reads and checks a write's body; 0, or the status rendered. */
static int
read_body(struct req *r, const struct resource *rs, unsigned mode,
    struct input *in)
{
	json_object	*o = firm_body(r);
	const char	*why = NULL;
	enum bad	 b;

	memset(in, 0, sizeof(*in));
	if (o == NULL)
		return bad_body(r, rs, mode, BAD_SHAPE, NULL);
	if ((b = read_members(r, rs, o, NULL, mode, in, &why)) != BAD_NONE)
		return bad_body(r, rs, mode, b, why);
	return 0;
}

/* "SELECT t.id, <every member's expression>" for a resource. */
static char *
select_list(struct req *r, const struct resource *rs)
{
	struct buf b = { 0 };

	buf_adds(&b, "SELECT t.id");
	for (size_t i = 0; i < rs->n; i++)
		buf_addf(&b, ", %s", rs->m[i].expr);
	char *s = arena_strndup(&r->a, b.s, b.len);
	buf_free(&b);
	return s;
}

/* A row (after its t.id) as the resource's JSON object. */
static json_object *
render(const struct resource *rs, char **row)
{
	json_object *o = json_object_new_object();

	for (size_t i = 0; i < rs->n; i++) {
		const struct member *m = &rs->m[i];
		const char *v = row[i];
		json_object *val, *into = o;
		if (m->flags & M_HIDDEN)
			continue;
		if (m->group != NULL && !json_object_object_get_ex(o, m->group,
		    &into)) {
			into = json_object_new_object();
			json_object_object_add(o, m->group, into);
		}
		switch (m->type) {
		case M_BOOL:
			val = json_object_new_boolean(v != NULL &&
			    strcmp(v, "0") != 0);
			break;
		case M_VBOOL:
			val = json_object_new_object();
			json_object_object_add(val, "value", json_object_new_boolean(
			    v != NULL && strcmp(v, "0") != 0));
			break;
		default:
			val = jstr(v);
			break;
		}
		json_object_object_add(into, m->name, val);
	}
	return o;
}

/*
 * The caller's row of a resource: the firm itself, or the id in the path
 * when it belongs to the firm. NULL when there is none (db_last() says
 * whether that was an error).
 */
static char **
own_row(struct req *r, const struct resource *rs, const struct filer *f,
    const char *id, int lock)
{
	const char *lk = lock ? " FOR UPDATE" : "";

	if (rs->self)
		return db_one(&r->a, arena_printf(&r->a, "%s %s WHERE t.id = ?%s",
		    select_list(r, rs), rs->from, lk), "i", f->firm_id);
	if (!uuid_valid(id))
		return NULL;	/* no such id could exist */
	return db_one(&r->a, arena_printf(&r->a, "%s %s WHERE t.uuid = ? AND "
	    "t.firm_id = ?%s", select_list(r, rs), rs->from, lk), "si", id,
	    f->firm_id);
}

/* After own_row() found nothing: 404, or the database's error. */
static int
not_found(struct req *r, const struct resource *rs, const char *id)
{
	if ((rs->self || uuid_valid(id)) && db_last() != DB_OK)
		return http_db_error(r);
	return http_error(r, 404, arena_printf(&r->a, "No %s with id %s",
	    rs->what, id ? id : ""));
}

/* The reference answers 400, empty, for the id "None" (Python's). */
static int
id_none(const struct resource *rs, const char *id)
{
	return rs == &contact_res && id != NULL && strcmp(id, "None") == 0;
}

static int
res_list(struct req *r, const struct resource *rs)
{
	const char	*j;
	struct filer	 f;
	char		**row;
	int		 st;

	if ((st = firm_caller(r, rs->missing, &j, &f)) != 0)
		return st;
	struct dbq *q = db_run(&r->a, arena_printf(&r->a, "%s %s WHERE "
	    "t.firm_id = ? ORDER BY t.created_at, t.id LIMIT %d",
	    select_list(r, rs), rs->from, OWN_LIST_MAX), "i", f.firm_id);
	if (q == NULL)
		return http_db_error(r);
	json_object *a = json_object_new_array();
	while ((row = db_next(q)) != NULL)
		json_object_array_add(a, render(rs, row + 1));
	db_done(q);
	if (db_last() != DB_OK) {
		json_object_put(a);
		return http_db_error(r);
	}
	return resp_json(r, 200, a);
}

static int
res_get(struct req *r, const struct resource *rs, const char *id)
{
	const char	*j;
	struct filer	 f;
	char		**row;
	int		 st;

	if ((st = firm_caller(r, rs->missing, &j, &f)) != 0)
		return st;
	if (id_none(rs, id))
		return http_bare(r, 400);
	if ((row = own_row(r, rs, &f, id, 0)) == NULL)
		return not_found(r, rs, id);
	return resp_json(r, 200, render(rs, row + 1));
}

/* Binds every value a mode writes, each column once, in member order. */
static size_t
write_params(const struct resource *rs, unsigned mode, const char **vals,
    struct dbp *p, struct buf *cols)
{
	size_t n = 0;

	for (size_t i = 0; i < rs->n; i++) {
		if (rs->m[i].column == NULL || !(rs->m[i].flags & mode))
			continue;
		if (cols != NULL)
			buf_addf(cols, "%s%s", cols->len ? ", " : "",
			    rs->m[i].column);
		p[n].t = 's';
		p[n].s = vals[i];
		n++;
	}
	return n;
}

static int
write_failed(struct req *r, const struct resource *rs)
{
	if (db_last() == DB_DUP && rs->dup != NULL)
		return http_error(r, 409, rs->dup);
	return http_db_error(r);
}

/* POST: a new row of the caller's firm; 200 with its id as a JSON string. */
static int
res_create(struct req *r, const struct resource *rs)
{
	const char	*j, *vals[MEMBERS_MAX];
	struct filer	 f;
	struct input	 in;
	struct dbp	 p[MEMBERS_MAX + 2];
	struct buf	 cols = { 0 }, marks = { 0 };
	char		 uuid[37];
	int		 st;

	if ((st = firm_caller(r, rs->missing, &j, &f)) != 0 ||
	    (st = read_body(r, rs, M_CREATE, &in)) != 0 ||
	    (st = merge_values(r, rs, j, &f, M_CREATE, &in, NULL, vals)) != 0)
		return st;
	uuid4(uuid);
	p[0] = (struct dbp){ 's', uuid, 0, 0 };
	p[1] = (struct dbp){ 'i', NULL, 0, f.firm_id };
	size_t n = 2 + write_params(rs, M_CREATE, vals, p + 2, &cols);
	for (size_t i = 2; i < n; i++)
		buf_adds(&marks, ", ?");
	char *sql = arena_printf(&r->a, "INSERT INTO %s (uuid, firm_id, %s, "
	    "created_at, updated_at) VALUES (?, ?%s, UTC_TIMESTAMP(6), "
	    "UTC_TIMESTAMP(6))", rs->table, cols.s, marks.s);
	buf_free(&cols);
	buf_free(&marks);
	struct dbq *q = db_runp(&r->a, sql, p, n);
	if (q == NULL)
		return write_failed(r, rs);
	db_done(q);
	return resp_json(r, 200, json_object_new_string(uuid));
}

/*
 * PATCH: only the members sent change (null: unchanged). The row is
 * locked, merged and written whole. The firm answers 200 empty, the
 * others their id as a JSON string.
 */
static int
res_update(struct req *r, const struct resource *rs, const char *id)
{
	const char	*j, *vals[MEMBERS_MAX];
	struct filer	 f;
	struct input	 in;
	struct dbp	 p[MEMBERS_MAX + 1];
	struct buf	 set = { 0 };
	char		**row;
	int		 st;

	if ((st = firm_caller(r, rs->missing, &j, &f)) != 0)
		return st;
	if (id_none(rs, id))
		return http_bare(r, 400);
	if ((st = read_body(r, rs, M_UPDATE, &in)) != 0)
		return st;
	if ((row = own_row(r, rs, &f, id, 1)) == NULL)
		return not_found(r, rs, id);
	if ((st = merge_values(r, rs, j, &f, M_UPDATE, &in, row + 1, vals)) != 0)
		return st;
	size_t n = 0;
	for (size_t i = 0; i < rs->n; i++) {
		if (rs->m[i].column == NULL || !(rs->m[i].flags & M_UPDATE))
			continue;
		buf_addf(&set, "%s = ?, ", rs->m[i].column);
		p[n++] = (struct dbp){ 's', vals[i], 0, 0 };
	}
	p[n++] = (struct dbp){ 'i', NULL, 0, strtoll(row[0], NULL, 10) };
	char *sql = arena_printf(&r->a, "UPDATE %s SET %supdated_at = "
	    "UTC_TIMESTAMP(6) WHERE id = ?", rs->table, set.s ? set.s : "");
	buf_free(&set);
	struct dbq *q = db_runp(&r->a, sql, p, n);
	if (q == NULL)
		return write_failed(r, rs);
	db_done(q);
	if (rs->self)
		return resp_raw(r, 200, "application/json", "", 0);
	return resp_json(r, 200, json_object_new_string(row[1]));
}

/* DELETE: 200, empty. */
static int
res_delete(struct req *r, const struct resource *rs, const char *id)
{
	const char	*j;
	struct filer	 f;
	int		 st;

	if ((st = firm_caller(r, rs->missing, &j, &f)) != 0)
		return st;
	if (id_none(rs, id))
		return http_bare(r, 400);
	long long n = uuid_valid(id) ? db_exec(&r->a, arena_printf(&r->a,
	    "DELETE FROM %s WHERE uuid = ? AND firm_id = ?", rs->table), "si",
	    id, f.firm_id) : 0;
	if (n < 0)
		return http_db_error(r);
	if (n == 0)
		return http_error(r, 404, arena_printf(&r->a, "No %s with id %s",
		    rs->what, id));
	return resp_raw(r, 200, "application/json", "", 0);
}

/*
 * A bar number is held to data field GlobalAttorneyNumber of court "1"
 * (else of the system court "0"), as the reference holds it: required,
 * and a POSIX regular expression. Checked on create, and on update when
 * the body changes it. A blank number that is not required is stored "".
 */
static int
bar_number_check(struct req *r, const char *j, const struct filer *f,
    const struct resource *rs, const struct input *in, const char **v)
{
	int		 i = member_at(rs, NULL, "barNumber");
	const char	*bar;
	char		**row;
	regex_t		 re;

	if (in->v[i] == NULL && v[i] != NULL)
		return 0;	/* an update that leaves it as it is */
	if ((bar = v[i]) == NULL)
		bar = v[i] = "";
	row = db_one(&r->a, "SELECT isrequired, regularexpression FROM "
	    "filing_datafields WHERE jurisdiction = ? AND court IN ('1', '0') AND "
	    "code = 'GlobalAttorneyNumber' ORDER BY court DESC LIMIT 1", "s", j);
	if (row == NULL && db_last() != DB_OK)
		return http_db_error(r);
	int required = row != NULL && strcmp(row[0], "0") != 0;
	const char *rx = row != NULL ? row[1] : "";
	if (*bar == '\0')
		return required ? http_error(r, 400, "Bar number required") : 0;
	if (*rx == '\0')
		return 0;
	if (regcomp(&re, rx, REG_EXTENDED | REG_NOSUB) != 0)
		return http_error(r, 500, "Bad GlobalAttorneyNumber expression");
	int ok = regexec(&re, bar, 0, NULL, 0) == 0;
	regfree(&re);
	if (!ok)
		return http_error(r, 400, arena_printf(&r->a,
		    "Bar number doesn't match regex: %s", rx));
	return 0;
}

/*
 * A firm name names one firm: `casegate-admin filer add --firm` finds the
 * firm by its name, so a rename may not take another firm's.
 */
static int
firm_name_check(struct req *r, const char *j, const struct filer *f,
    const struct resource *rs, const struct input *in, const char **v)
{
	const char *name = in->v[member_at(rs, NULL, "firmName")];

	if (name == NULL)
		return 0;
	if (db_one(&r->a, "SELECT id FROM firms WHERE jurisdiction = ? AND "
	    "name = ? AND id <> ? AND is_individual = 0", "ssi", j, name,
	    f->firm_id) != NULL)
		return http_error(r, 409, "Another firm has that name");
	return db_last() == DB_OK ? 0 : http_db_error(r);
}

/*
 * GET …/firmattorneyservice: the service's map, public as the reference's
 * is, with each endpoint's method.
 */
static const struct link firm_links[] = {
	{ "getAll", "/", NULL, 0 },
	{ "getSelfFirm", "/firm", NULL, 0 },
	{ "getAttorneyList", "/attorneys", NULL, 0 },
	{ "getAttorney", "/attorneys/{attorney_id}", NULL, 0 },
	{ "getServiceContactList", "/service-contacts", NULL, 0 },
	{ "getServiceContact", "/service-contacts/{contact_id}", NULL, 0 },
	{ "getPublicList", "/service-contacts/public", NULL, 0 },
	{ "updateFirm", "/firm", NULL, LINK_M_PATCH },
	{ "createAttorney", "/attorneys", NULL, LINK_M_POST },
	{ "updateAttorney", "/attorneys/{attorney_id}", NULL, LINK_M_PATCH },
	{ "removeAttorney", "/attorneys/{attorney_id}", NULL, LINK_M_DELETE },
	{ "registerServiceContact", "/service-contacts", NULL, LINK_M_POST },
	{ "updateServiceContact", "/service-contacts/{contact_id}", NULL,
	    LINK_M_PATCH },
	{ "removeServiceContact", "/service-contacts/{contact_id}", NULL,
	    LINK_M_DELETE },
	{ "attachServiceContact", "/service-contacts/{contact_id}/cases", NULL,
	    LINK_M_PUT },
};

int
firm_index_get(struct req *r)
{
	const char *j;

	if ((j = juris(r, 0)) == NULL)
		return r->status;
	return resp_json(r, 200, link_map(r, arena_printf(&r->a,
	    "/jurisdictions/%s/firmattorneyservice", j), firm_links,
	    NCOLS(firm_links), 0, NULL));
}

/* The firm. */

int
firm_get(struct req *r)
{
	return res_get(r, &firm_res, NULL);
}

int
firm_patch(struct req *r)
{
	return res_update(r, &firm_res, NULL);
}

/* Attorneys. */

int
attorneys_get(struct req *r)
{
	return res_list(r, &attorney_res);
}

int
attorney_post(struct req *r)
{
	return res_create(r, &attorney_res);
}

int
attorney_get(struct req *r)
{
	return res_get(r, &attorney_res, r->params[1]);
}

int
attorney_patch(struct req *r)
{
	return res_update(r, &attorney_res, r->params[1]);
}

int
attorney_delete(struct req *r)
{
	return res_delete(r, &attorney_res, r->params[1]);
}

/* Service contacts. */

int
contacts_get(struct req *r)
{
	return res_list(r, &contact_res);
}

int
contact_post(struct req *r)
{
	return res_create(r, &contact_res);
}

int
contact_get(struct req *r)
{
	return res_get(r, &contact_res, r->params[1]);
}

int
contact_patch(struct req *r)
{
	return res_update(r, &contact_res, r->params[1]);
}

int
contact_delete(struct req *r)
{
	return res_delete(r, &contact_res, r->params[1]);
}

/* What the cases service shows of a contact (courtcases.c). */
char *
contact_select(struct req *r)
{
	return select_list(r, &contact_res);
}

size_t
contact_width(void)
{
	return 1 + contact_res.n;
}

json_object *
contact_object(char **row)
{
	return render(&contact_res, row + 1);
}

/*
 * The caller's contact id (a uuid) as its row id, locked for a write when
 * asked; 0 after rendering 404 (or the database's error).
 */
long long
contact_row_id(struct req *r, const struct filer *f, const char *id, int lock)
{
	char **row = uuid_valid(id) ? db_one(&r->a, lock ? "SELECT id FROM "
	    "service_contacts WHERE uuid = ? AND firm_id = ? FOR UPDATE" :
	    "SELECT id FROM service_contacts WHERE uuid = ? AND firm_id = ?", "si",
	    id, f->firm_id) : NULL;

	if (row == NULL) {
		if (uuid_valid(id) && db_last() != DB_OK)
			http_db_error(r);
		else
			http_error(r, 404, arena_printf(&r->a, "No service "
			    "contact with id %s", id));
		return 0;
	}
	return strtoll(row[0], NULL, 10);
}

/* "abc" -> "abc%", LIKE's own characters taken literally. */
static char *
prefix_pattern(struct req *r, const char *s)
{
	char *p = arena_alloc(&r->a, 2 * strlen(s) + 2), *o = p;

	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

/*
 * GET …/service-contacts/public, with an optional JSON body (a GET with a
 * body, as the real client sends it) {firstName, middleName, lastName,
 * firmName, email}, each a string or null: the public contacts of every
 * firm of the jurisdiction whose fields start with the given text (any
 * case), at most PUBLIC_MAX, by name.
 */
int
contacts_public_get(struct req *r)
{
	static const char *const keys[] = {
		"firstName", "middleName", "lastName", "firmName", "email"
	};
	static const unsigned maxes[] = { 100, 100, 100, 200, 254 };
	const char	*j, *v[NCOLS(keys)] = { 0 };
	struct filer	 f;
	char		**row;
	int		 st;

	if ((st = firm_caller(r, 401, &j, &f)) != 0)
		return st;
	if (r->body_len > 0) {
		json_object *o = firm_body(r);
		if (o == NULL)
			return http_error(r, 400, "The Body passed should be "
			    "proper JSON");
		json_object_object_foreach(o, key, val) {
			size_t i;
			for (i = 0; i < NCOLS(keys); i++)
				if (strcmp(keys[i], key) == 0)
					break;
			if (i == NCOLS(keys))
				return http_error(r, 400, arena_printf(&r->a,
				    "%s: unknown member", shown(key)));
			if (val == NULL)
				continue;
			enum strbad sb = string_bad(val, maxes[i]);
			if (sb != STR_OK)
				return http_error(r, 400, string_why(r, key, sb,
				    maxes[i]));
			v[i] = json_object_get_string(val);
		}
	}
	struct dbp p[1 + 2 * NCOLS(keys)];
	p[0] = (struct dbp){ 's', j, 0, 0 };
	for (size_t i = 0; i < NCOLS(keys); i++) {
		const char *s = v[i] ? v[i] : "";
		p[1 + 2 * i] = (struct dbp){ 's', s, 0, 0 };
		p[2 + 2 * i] = (struct dbp){ 's', prefix_pattern(r, s), 0, 0 };
	}
	struct dbq *q = db_runp(&r->a, arena_printf(&r->a, "%s %s WHERE "
	    "f.jurisdiction = ? AND t.is_public = 1 AND "
	    "(? = '' OR t.first_name LIKE ?) AND (? = '' OR t.middle_name LIKE ?) "
	    "AND (? = '' OR t.last_name LIKE ?) AND (? = '' OR f.name LIKE ?) "
	    "AND (? = '' OR t.email LIKE ?) ORDER BY t.last_name, t.first_name, "
	    "t.id LIMIT %d", select_list(r, &contact_res), contact_res.from,
	    PUBLIC_MAX), p, NCOLS(p));
	if (q == NULL)
		return http_db_error(r);
	json_object *a = json_object_new_array();
	while ((row = db_next(q)) != NULL)
		json_object_array_add(a, render(&contact_res, row + 1));
	db_done(q);
	return resp_json(r, 200, a);
}

/*
 * The court case and party an attachment names: case by its uuid in the
 * jurisdiction, party (optional) by its uuid in that case. Returns 0 with
 * the row ids as strings (party NULL for the whole case), or the status.
 */
static int
case_and_party(struct req *r, const char *j, const char *case_id,
    const char *party_id, const char **cid, const char **pid,
    const char **cuuid)
{
	char **row = uuid_valid(case_id) ? db_one(&r->a, "SELECT id, uuid FROM "
	    "court_cases WHERE uuid = ? AND jurisdiction = ?", "ss", case_id, j) :
	    NULL;

	if (row == NULL)
		return uuid_valid(case_id) && db_last() != DB_OK ?
		    http_db_error(r) : http_error(r, 404, arena_printf(&r->a,
		    "No case with id %s", case_id));
	*cid = row[0];
	*cuuid = row[1];
	*pid = NULL;
	if (party_id == NULL || *party_id == '\0')
		return 0;
	row = uuid_valid(party_id) ? db_one(&r->a, "SELECT id FROM "
	    "court_case_parties WHERE uuid = ? AND case_id = ?", "ss", party_id,
	    *cid) : NULL;
	if (row == NULL)
		return uuid_valid(party_id) && db_last() != DB_OK ?
		    http_db_error(r) : http_error(r, 404, arena_printf(&r->a,
		    "No party %s in case %s", party_id, case_id));
	*pid = row[0];
	return 0;
}

/*
 * PUT …/service-contacts/{id}/cases {caseId, casePartyId?}: 201 with
 * Location = the case id, 204 when already attached. The real client
 * spells the party "casepartyId" (spec 11); like the reference, that
 * member is accepted and ignored, so its attachment is case-wide.
 */
int
contact_attach(struct req *r)
{
	const char	*j, *case_id = NULL, *party_id = NULL, *cid, *pid, *cuuid;
	struct filer	 f;
	json_object	*o;
	int		 st;

	if ((st = firm_caller(r, 401, &j, &f)) != 0)
		return st;
	if ((o = firm_body(r)) == NULL)
		return http_error(r, 400, "Need to pass in caseId as text");
	json_object_object_foreach(o, key, val) {
		if (strcmp(key, "casepartyId") == 0)
			continue;
		if (strcmp(key, "caseId") != 0 && strcmp(key, "casePartyId") != 0)
			return http_error(r, 400, arena_printf(&r->a,
			    "%s: unknown member", shown(key)));
		if (val == NULL && strcmp(key, "casePartyId") == 0)
			continue;
		if (val == NULL || string_bad(val, 64) != STR_OK)
			return http_error(r, 400, strcmp(key, "caseId") == 0 ?
			    "Need to pass in caseId as text" :
			    "casePartyId: expected an id as text");
		*(strcmp(key, "caseId") == 0 ? &case_id : &party_id) =
		    json_object_get_string(val);
	}
	if (case_id == NULL)
		return http_error(r, 400, "Need to pass in caseId as text");
	long long contact = contact_row_id(r, &f, r->params[1], 1);
	if (contact == 0)
		return r->status;
	if ((st = case_and_party(r, j, case_id, party_id, &cid, &pid,
	    &cuuid)) != 0)
		return st;
	struct dbp p[] = {
		{ 'i', NULL, 0, contact }, { 's', cid, 0, 0 }, { 's', pid, 0, 0 },
	};
	/* Under the contact's lock: a case-wide NULL never collides by key. */
	struct dbq *q = db_runp(&r->a, "SELECT 1 FROM service_contact_cases "
	    "WHERE contact_id = ? AND court_case_id = ? AND case_party_id <=> ?",
	    p, NCOLS(p));
	if (q == NULL)
		return http_db_error(r);
	int there = db_next(q) != NULL;
	db_done(q);
	if (there)
		return http_bare(r, 204);
	if ((q = db_runp(&r->a, "INSERT INTO service_contact_cases (contact_id, "
	    "court_case_id, case_party_id, created_at) VALUES (?, ?, ?, "
	    "UTC_TIMESTAMP(6))", p, NCOLS(p))) == NULL)
		return db_last() == DB_DUP ? http_bare(r, 204) : http_db_error(r);
	db_done(q);
	if ((q = db_runp(&r->a, "INSERT INTO service_contact_case_events "
	    "(contact_id, court_case_id, case_party_id, action, created_at) "
	    "VALUES (?, ?, ?, 'attached', UTC_TIMESTAMP(6))", p, NCOLS(p))) == NULL)
		return http_db_error(r);
	db_done(q);
	resp_header(r, "Location", cuuid);
	return resp_raw(r, 201, "application/json", "", 0);
}

/*
 * DELETE …/service-contacts/{id}/cases/{case}?case_party_id=: removes the
 * attachment for that party, or without one every attachment of the
 * contact to the case. 200 empty; 404 when there was none.
 */
int
contact_detach(struct req *r)
{
	const char	*j, *cid, *pid, *cuuid;
	const char	*party = qstr(r, "case_party_id");
	struct filer	 f;
	int		 st;

	if ((st = firm_caller(r, 401, &j, &f)) != 0)
		return st;
	long long contact = contact_row_id(r, &f, r->params[1], 1);
	if (contact == 0)
		return r->status;
	if ((st = case_and_party(r, j, r->params[2], party, &cid, &pid,
	    &cuuid)) != 0)
		return st;
	struct dbp p[] = {
		{ 'i', NULL, 0, contact }, { 's', cid, 0, 0 }, { 's', pid, 0, 0 },
		{ 's', pid, 0, 0 },
	};
#define DETACHED "FROM service_contact_cases WHERE contact_id = ? AND " \
	"court_case_id = ? AND (? IS NULL OR case_party_id = ?)"
	struct dbq *q = db_runp(&r->a, "INSERT INTO service_contact_case_events "
	    "(contact_id, court_case_id, case_party_id, action, created_at) "
	    "SELECT contact_id, court_case_id, case_party_id, 'detached', "
	    "UTC_TIMESTAMP(6) " DETACHED, p, NCOLS(p));
	if (q == NULL)
		return http_db_error(r);
	db_done(q);
	if ((q = db_runp(&r->a, "DELETE " DETACHED, p, NCOLS(p))) == NULL)
		return http_db_error(r);
	db_done(q);
#undef DETACHED
	if (q->affected == 0)
		return http_error(r, 404, arena_printf(&r->a, "Service contact %s "
		    "is not attached to case %s", r->params[1], r->params[2]));
	return resp_raw(r, 200, "application/json", "", 0);
}
