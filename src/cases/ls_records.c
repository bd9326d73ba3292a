/*
 * Search, create (with upsert), get and patch for the LegalServer records
 * that are rows of one table: users, organizations and contacts
 * (ls_users.c, ls_contacts.c). Each declares its fields, columns and search
 * face once (struct ls_record); the SELECT, the INSERT and the UPDATE are
 * composed from those tables, the search is the cases family's machinery
 * (search.c) and the errors are LegalServer's (legalserver.c). Writes use
 * two fixed statements per record kind (an INSERT of the required columns,
 * then one UPDATE that sets each column only when its flag is bound), so
 * the prepared-statement cache holds a bounded number of texts.
 */
#include <stdlib.h>
#include <string.h>

#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "ls_records.h"

/* ------------------------------------------------------------ reading */

static long long
sees_all(struct req *r, const struct ls_record *rec)
{
	return r->who->all_cases || (rec->face->admin_all &&
	    (r->who->scopes & SCOPE_ADMIN));
}

/* "SELECT a.id, a.uuid, <visible>, <read expressions> FROM ... WHERE ". */
static char *
select_sql(struct req *r, const struct ls_record *rec)
{
	struct buf	 b = { 0 };
	char		*s;

	buf_addf(&b, "SELECT %s.id, %s.uuid, %s", rec->alias, rec->alias,
	    rec->face->visible);
	for (size_t i = 0; i < rec->n; i++)
		if (rec->cols[i].read != NULL)
			buf_addf(&b, ", %s", rec->cols[i].read);
	buf_addf(&b, " FROM %s WHERE ", rec->from);
	s = arena_strdup(&r->a, b.s);
	buf_free(&b);
	return s;
}

static json_object *
render(const struct ls_record *rec, char **row)
{
	json_object	*o = json_object_new_object(), *j;
	size_t		 c = 3;

	for (size_t i = 0; i < rec->n; i++) {
		const struct ls_col	*lc = &rec->cols[i];
		const struct field	*f = &rec->fields[i];
		const char		*v;

		if (lc->read == NULL)
			continue;
		v = row[c++];
		switch (lc->kind) {
		case LC_JSON:
			j = v ? json_tokener_parse(v) : NULL;
			break;
		case LC_LOOKUP:
			j = lookup_object(lc->lookup, lc->type_name, v);
			break;
		default:
			j = field_value(f, v, 0);
			break;
		}
		json_object_object_add(o, f->name, j);
	}
	return o;
}

/*
 * Rows by a WHERE clause: up to max records, their ids and whether the
 * caller may see each. Returns the count, -1 on a database error.
 */
static int
load(struct req *r, const struct ls_record *rec, const char *where,
    const struct dbp *p, size_t np, long long all, long long *ids,
    int *visible, json_object **out, size_t max)
{
	struct dbp	*pp = arena_calloc(&r->a, sizeof(*pp) * (np + 2));
	struct dbq	*q;
	char		**row;
	size_t		 n = 0;

	pp[0] = (struct dbp){ .t = 'i', .i = all };
	pp[1] = (struct dbp){ .t = 'i', .i = r->who->org_id };
	memcpy(pp + 2, p, sizeof(*p) * np);
	q = db_runp(&r->a, arena_printf(&r->a, "%s%s", select_sql(r, rec),
	    where), pp, np + 2);
	if (q == NULL)
		return -1;
	while ((row = db_next(q)) != NULL)
		if (n < max) {
			ids[n] = strtoll(row[0], NULL, 10);
			if (visible)
				visible[n] = row[2] && strcmp(row[2], "0") != 0;
			out[n++] = req_keep(r, render(rec, row));
		}
	if (db_last() != DB_OK)
		return -1;
	if (n > 0 && rec->extend && rec->extend(r, ids, n, out) != 0)
		return -1;
	return (int)n;
}

/* The records with these ids, in the order given (a search's page). */
int
ls_rec_load_ids(struct req *r, const struct ls_record *rec,
    const long long *ids, size_t n, json_object **out)
{
	struct dbp	*p = arena_calloc(&r->a, sizeof(*p) * (n + 1));
	long long	*got_ids = arena_calloc(&r->a, sizeof(*got_ids) * (n + 1));
	json_object	**got = arena_calloc(&r->a, sizeof(*got) * (n + 1));
	int		 m = load(r, rec, db_in_list(&r->a, arena_printf(&r->a,
	    "%s.id", rec->alias), ids, n, p), p, n, 1, got_ids, NULL, got, n);

	return m < 0 ? -1 : search_in_order(ids, n, got_ids, got, (size_t)m,
	    out);
}

/* One record by uuid: 1 (with *id, *visible), 0 none, -1 database error. */
static int
load_uuid(struct req *r, const struct ls_record *rec, const char *uuid,
    json_object **out, long long *id, int *visible)
{
	struct dbp p = { .t = 's', .s = uuid };

	return load(r, rec, arena_printf(&r->a, "%s.uuid = ?", rec->alias), &p, 1,
	    sees_all(r, rec), id, visible, out, 1);
}

static int
load_id(struct req *r, const struct ls_record *rec, long long id,
    json_object **out)
{
	struct dbp	p = { .t = 'i', .i = id };
	long long	got;

	return load(r, rec, arena_printf(&r->a, "%s.id = ?", rec->alias), &p, 1,
	    1, &got, NULL, out, 1);
}

/* ------------------------------------------------------------ writing */

/*
 * Checks a body in place: reference inputs resolved, then the field table
 * (unknown and read-only keys are invalid_parameters). 0, or the status.
 */
static int
validate(struct req *r, const struct ls_record *rec, json_object *body,
    int creating, const char *where)
{
	struct fieldvals	 fv;
	json_object		*base = where ? loc_new("body", where, NULL) :
	    loc_new("body", NULL);
	int			 rc = 0;

	if (rec->prepare != NULL)
		rc = rec->prepare(r, body, base);
	if (rc >= 0)
		fields_parse(r, rec->fields, rec->n, body, base,
		    creating ? FP_CREATE : 0, &fv);
	json_object_put(base);
	if (rc < 0)
		return http_db_error(r);
	return problem_count(r) ? http_422(r) : 0;
}

static void
bind(struct req *r, const struct ls_record *rec, size_t i, json_object *v,
    struct dbp *p)
{
	const struct field *f = &rec->fields[i];

	p->t = 's';
	if (v == NULL)
		p->s = NULL;
	else if (f->type == FT_BOOL)
		p->s = json_object_get_boolean(v) != (rec->cols[i].kind == LC_NOT) ?
		    "1" : "0";
	else
		p->s = arena_strdup(&r->a, json_object_get_string(v));
}

/*
 * Writes a validated body: creating, a row of the required columns first
 * (and the creator's organisation where records are owned), then every
 * column the body names and the derived ones. *id in/out. 0 or the status.
 */
static int
write_rec(struct req *r, const struct ls_record *rec, long long *id,
    json_object *body, json_object *before)
{
	struct dbp		*p = arena_calloc(&r->a, sizeof(*p) *
	    (2 * rec->n + 2 * LS_DERIVED_MAX + 8));
	struct ls_derived	 d;
	struct buf		 sql = { 0 };
	struct dbq		*q;
	json_object		*v;
	size_t			 k = 0;

	if (*id == 0) {
		char *uuid = arena_alloc(&r->a, 37);
		struct buf vals = { 0 };
		uuid4(uuid);
		buf_addf(&sql, "INSERT INTO %s (uuid", rec->table);
		buf_adds(&vals, "?");
		p[k++] = (struct dbp){ .t = 's', .s = uuid };
		if (rec->owner_col != NULL) {
			buf_adds(&sql, ", org_id");
			buf_adds(&vals, ", ?");
			p[k++] = (struct dbp){ .t = 's', .s = r->who->org_id ?
			    arena_printf(&r->a, "%lld", r->who->org_id) : NULL };
		}
		for (size_t i = 0; i < rec->n; i++)
			if ((rec->fields[i].flags & F_REQUIRED) &&
			    rec->cols[i].write != NULL) {
				json_object_object_get_ex(body, rec->fields[i].name,
				    &v);
				buf_addf(&sql, ", %s", rec->cols[i].write);
				buf_adds(&vals, ", ?");
				bind(r, rec, i, v, &p[k++]);
			}
		buf_addf(&sql, ", created_at, updated_at) VALUES (%s, "
		    "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", vals.s);
		buf_free(&vals);
		q = db_runp(&r->a, arena_strdup(&r->a, sql.s), p, k);
		buf_free(&sql);
		if (q == NULL)
			return http_write_failed(r, rec->unique);
		*id = q->insert_id;
		k = 0;
	}
	memset(&d, 0, sizeof(d));
	if (rec->derive != NULL && rec->derive(r, body, before, &d) != 0)
		return http_db_error(r);
	buf_addf(&sql, "UPDATE %s SET ", rec->table);
	for (size_t i = 0; i < rec->n; i++) {
		const char *col = rec->cols[i].write;
		if (col == NULL || (rec->fields[i].flags & F_READONLY))
			continue;
		int has = json_object_object_get_ex(body, rec->fields[i].name, &v);
		buf_addf(&sql, "%s = IF(?, ?, %s), ", col, col);
		p[k++] = (struct dbp){ .t = 'i', .i = has };
		if (has)
			bind(r, rec, i, v, &p[k++]);
		else
			p[k++] = (struct dbp){ .t = 's', .s = NULL };
	}
	for (size_t i = 0; rec->derived && rec->derived[i]; i++) {
		buf_addf(&sql, "%s = IF(?, ?, %s), ", rec->derived[i],
		    rec->derived[i]);
		p[k++] = (struct dbp){ .t = 'i', .i = d.has[i] };
		p[k++] = (struct dbp){ .t = 's', .s = d.val[i] };
	}
	buf_adds(&sql, "updated_at = UTC_TIMESTAMP(6) WHERE id = ?");
	p[k++] = (struct dbp){ .t = 'i', .i = *id };
	q = db_runp(&r->a, arena_strdup(&r->a, sql.s), p, k);
	buf_free(&sql);
	if (q == NULL)
		return http_write_failed(r, rec->unique);
	return rec->after ? rec->after(r, *id, body) : 0;
}

/* The written record, as the caller asked for it. */
static int
reply(struct req *r, const struct ls_record *rec, int status, long long id,
    json_object *custom)
{
	json_object *o;

	if (load_id(r, rec, id, &o) != 1)
		return http_db_error(r);
	return ls_reply_data(r, status, o, custom, rec->key);
}

/* Locks a record by uuid; 403 when the caller may not see it. */
static int
lock(struct req *r, const struct ls_record *rec, const char *uuid,
    long long *id, json_object **before)
{
	int	visible, got;
	char	**row = db_one(&r->a, arena_printf(&r->a, "SELECT id FROM %s "
	    "WHERE uuid = ? FOR UPDATE", rec->table), "s", uuid);

	if (row == NULL)
		return db_last() != DB_OK ? http_db_error(r) : ls_error(r, 404,
		    arena_printf(&r->a, "Unknown %s", rec->what));
	if ((got = load_uuid(r, rec, uuid, before, id, &visible)) != 1)
		return http_db_error(r);
	return visible ? 0 : ls_error(r, 403, rec->deny);
}

/* ------------------------------------------------------------ handlers */

int
ls_rec_search(struct req *r, const struct ls_record *rec)
{
	return ls_search(r, rec->face);
}

static int
path_ok(struct req *r, const struct ls_record *rec)
{
	return uuid_valid(r->params[0]) ? 0 : ls_error(r, 400,
	    arena_printf(&r->a, "Invalid %s", rec->key));
}

static int
rec_get(struct req *r, const struct ls_record *rec)
{
	json_object	*custom, *o;
	long long	 id;
	int		 st, got, visible;

	if ((st = path_ok(r, rec)) != 0 ||
	    (st = search_custom(r, rec->face, &custom)) != 0)
		return st;
	if ((got = load_uuid(r, rec, r->params[0], &o, &id, &visible)) < 0)
		return http_db_error(r);
	if (got == 0)
		return ls_error(r, 404, arena_printf(&r->a, "Unknown %s", rec->what));
	if (!visible)
		return ls_error(r, 403, rec->deny);
	return ls_reply_data(r, 200, o, custom, rec->key);
}

int
ls_rec_get(struct req *r, const struct ls_record *rec)
{
	return ls_finish(r, rec_get(r, rec), PS_SEARCH);
}

/* A key taken out of a body (kept alive by the request). */
static json_object *
take(struct req *r, json_object *body, const char *key, int *has)
{
	json_object *v = NULL;

	*has = json_object_object_get_ex(body, key, &v);
	if (*has) {
		req_keep(r, json_object_get(v));
		json_object_object_del(body, key);
	}
	return v;
}

static int
rec_create(struct req *r, const struct ls_record *rec)
{
	json_object	*body, *upd, *data, *custom;
	long long	 id = 0;
	int		 st, has_upd, has_data;

	if ((st = ls_body_json(r, 1)) != 0)
		return st;
	body = r->json;
	if ((st = ls_body_custom(r, rec->face, body, &custom)) != 0)
		return ls_finish(r, st, PS_SEARCH);
	upd = take(r, body, "update", &has_upd);
	data = take(r, body, "update_data", &has_data);
	if (has_data && !has_upd)
		return ls_error(r, 400, "update_data needs update");
	if (has_data && !json_object_is_type(data, json_type_object))
		return ls_error(r, 400, arena_printf(&r->a, "update_data must be "
		    "an object of %s fields", rec->what));
	/*
	 * Upsert: "update" holds search filters; one visible match is
	 * updated from "update_data" (else the top-level fields), none is
	 * created from the top-level fields, more are refused.
	 */
	if (has_upd) {
		long long	ids[2];
		size_t		n;
		if ((st = search_matches_face(r, rec->face, "update", upd, ids, 2,
		    &n)) != 0)
			return ls_finish(r, st, PS_SEARCH);
		if (n > 1)
			return ls_error(r, 400,
			    "Cannot process multiple records for upsert");
		if (n == 1) {
			json_object *fields = has_data ? data : body, *before;
			char **row;
			if ((r->who->scopes & rec->update_scope) != rec->update_scope)
				return ls_error(r, 403, "User does not have "
				    "permissions: update");
			if ((st = validate(r, rec, fields, 0, has_data ?
			    "update_data" : NULL)) != 0)
				return st;
			row = db_one(&r->a, arena_printf(&r->a, "SELECT uuid FROM %s "
			    "WHERE id = ?", rec->table), "i", ids[0]);
			if (row == NULL)
				return http_db_error(r);
			if ((st = lock(r, rec, row[0], &id, &before)) != 0 ||
			    (st = write_rec(r, rec, &id, fields, before)) != 0)
				return st;
			return reply(r, rec, 200, id, custom);
		}
	}
	if ((st = validate(r, rec, body, 1, NULL)) != 0 ||
	    (st = write_rec(r, rec, &id, body, NULL)) != 0)
		return st;
	return reply(r, rec, 201, id, custom);
}

int
ls_rec_create(struct req *r, const struct ls_record *rec)
{
	return ls_finish(r, rec_create(r, rec), PS_WRITE);
}

static int
rec_patch(struct req *r, const struct ls_record *rec)
{
	json_object	*custom, *before;
	long long	 id;
	int		 st;

	if ((st = path_ok(r, rec)) != 0 || (st = ls_body_json(r, 1)) != 0)
		return st;
	if ((st = ls_body_custom(r, rec->face, r->json, &custom)) != 0)
		return ls_finish(r, st, PS_SEARCH);
	if ((st = validate(r, rec, r->json, 0, NULL)) != 0 ||
	    (st = lock(r, rec, r->params[0], &id, &before)) != 0 ||
	    (st = write_rec(r, rec, &id, r->json, before)) != 0)
		return st;
	return reply(r, rec, 200, id, custom);
}

int
ls_rec_patch(struct req *r, const struct ls_record *rec)
{
	return ls_finish(r, rec_patch(r, rec), PS_WRITE);
}

/* ------------------------------------------------------------ references */

/*
 * An organization reference in any of its input forms (spec section 6):
 * {"organization_uuid"}, {"organization_id"}, {"uuid"}, {"id"}, a bare id
 * or a uuid string; null clears it. Replaced in place by the org's id; an
 * unknown one is an invalid value. -1 on a database error.
 */
int
ls_org_input(struct req *r, json_object *body, const char *key,
    json_object *base)
{
	static const char *const keys[] = { "organization_uuid",
	    "organization_id", "uuid", "id", NULL };
	json_object	*v, *x;
	char		**row = NULL;

	if (!json_object_object_get_ex(body, key, &v) || v == NULL)
		return 0;
	json_object *orig = req_keep(r, json_object_get(v));
	if (json_object_is_type(v, json_type_object))
		for (size_t k = 0; keys[k]; k++)
			if (json_object_object_get_ex(v, keys[k], &x) && x != NULL) {
				v = x;
				break;
			}
	if (json_object_is_type(v, json_type_int))
		row = db_one(&r->a, "SELECT id FROM orgs WHERE id = ?", "i",
		    (long long)json_object_get_int64(v));
	else if (json_object_is_type(v, json_type_string) &&
	    uuid_valid(json_object_get_string(v)))
		row = db_one(&r->a, "SELECT id FROM orgs WHERE uuid = ?", "s",
		    json_object_get_string(v));
	if (row == NULL && db_last() != DB_OK)
		return -1;
	if (row == NULL) {
		problem_add(r, "value_error", loc_with(base, key),
		    "Value error, no such organization", orig, NULL);
		json_object_object_add(body, key, json_object_new_int64(0));
		return 0;
	}
	json_object_object_add(body, key, json_object_new_int64(strtoll(row[0],
	    NULL, 10)));
	return 0;
}
