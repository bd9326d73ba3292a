/*
 * The users admin API (scope admin) and GET /users/me. A user is declared
 * once, in user_fields (src/lib/account.c), with USER_COLUMNS beside it.
 * Passwords are write-only and stored only as argon2id hashes.
 */
#include <stdlib.h>
#include <string.h>

#include "../lib/account.h"
#include "../lib/auth.h"
#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "token.h"

static int
user_reply(struct req *r, int status, const char *uuid)
{
	return resp_row(r, status, user_fields, U__MAX, db_one(&r->a,
	    "SELECT " USER_COLUMNS USER_FROM "WHERE u.uuid = ?", "s", uuid),
	    "User not found");
}

static const struct unique_msg user_unique[] = {
	{ "users_username", "A user with this username already exists" },
	{ NULL, "external_unique_id is already in use" },
};

/*
 * The org named in the body as an id string (NULL for none); an unknown name
 * is a validation problem. Returns -1 on a database error.
 */
static int
resolve_org(struct req *r, const struct fieldvals *fv, const char **id)
{
	const char *name = fv_str(fv, U_ORG);
	long long oid;

	*id = NULL;
	if (name == NULL || !json_object_is_type(fv->v[U_ORG], json_type_string))
		return 0;	/* null, or already a type problem */
	if ((oid = org_id_by_name(&r->a, name)) < 0)
		return -1;
	if (oid == 0) {
		problem_add(r, "value_error", loc_new("body", "org", NULL),
		    "Value error, no organisation has this name", fv->v[U_ORG],
		    json_object_new_object());
		return 0;
	}
	*id = arena_printf(&r->a, "%lld", oid);
	return 0;
}

static int
hash_password(struct req *r, const struct fieldvals *fv, char out[HASH_MAX],
    const char **hash)
{
	const char *pw = fv_str(fv, U_PASSWORD);

	*hash = NULL;
	if (pw == NULL)
		return 0;
	if (password_hash(pw, out) != 0)
		return -1;
	*hash = out;
	return 0;
}

int
users_create(struct req *r)
{
	struct fieldvals	 fv;
	const char		*org = NULL, *hash;
	char			 uuid[37], hbuf[HASH_MAX];

	fields_body(r, user_fields, U__MAX, 1, &fv);
	if (FV_HAS(&fv, U_ORG) && resolve_org(r, &fv, &org) != 0)
		return http_db_error(r);
	if (problem_count(r))
		return http_422(r);
	if (!FV_HAS(&fv, U_ORG))
		org = NULL;
	if (hash_password(r, &fv, hbuf, &hash) != 0)
		return http_error(r, 500, "Internal Server Error");
	uuid4(uuid);
	if (db_exec(&r->a, "INSERT INTO users (uuid, username, hashed_password, "
	    "full_name, email, scopes, org_id, all_cases, disabled, "
	    "external_unique_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", "sssssssiis",
	    uuid, fv_str(&fv, U_USERNAME), hash, fv_str(&fv, U_FULL_NAME),
	    fv_str(&fv, U_EMAIL),
	    FV_HAS(&fv, U_SCOPES) ? fv_set(r, &user_fields[U_SCOPES], &fv,
	    U_SCOPES) : "", org, (long long)fv_bool(&fv, U_ALL_CASES),
	    (long long)fv_bool(&fv, U_DISABLED),
	    fv_str(&fv, U_EXTERNAL_ID)) < 0)
		return http_write_failed(r, user_unique);
	return user_reply(r, 201, uuid);
}

int
users_patch(struct req *r)
{
	struct fieldvals	 fv;
	const char		*org = NULL, *hash, *uuid = r->params[0];
	char			 hbuf[HASH_MAX];

	path_uuid(r, 0, "user_id");
	fields_body(r, user_fields, U__MAX, 0, &fv);
	if (FV_HAS(&fv, U_ORG) && resolve_org(r, &fv, &org) != 0)
		return http_db_error(r);
	if (problem_count(r))
		return http_422(r);
	char **row = db_one(&r->a, "SELECT id FROM users WHERE uuid = ? FOR "
	    "UPDATE", "s", uuid);
	if (row == NULL)
		return db_last() != DB_OK ? http_db_error(r) :
		    http_error(r, 404, "User not found");
	if (hash_password(r, &fv, hbuf, &hash) != 0)
		return http_error(r, 500, "Internal Server Error");
	/* One static statement: each column is kept unless its flag is set. */
	if (db_exec(&r->a, "UPDATE users SET "
	    "username = IF(?, ?, username), "
	    "hashed_password = IF(?, ?, hashed_password), "
	    "full_name = IF(?, ?, full_name), email = IF(?, ?, email), "
	    "scopes = IF(?, ?, scopes), org_id = IF(?, ?, org_id), "
	    "all_cases = IF(?, ?, all_cases), disabled = IF(?, ?, disabled), "
	    "external_unique_id = IF(?, ?, external_unique_id), "
	    "updated_at = IF(?, UTC_TIMESTAMP(6), updated_at) WHERE uuid = ?",
	    "isisisisisisiiiiisis",
	    (long long)FV_HAS(&fv, U_USERNAME), fv_str(&fv, U_USERNAME),
	    (long long)FV_HAS(&fv, U_PASSWORD), hash,
	    (long long)FV_HAS(&fv, U_FULL_NAME), fv_str(&fv, U_FULL_NAME),
	    (long long)FV_HAS(&fv, U_EMAIL), fv_str(&fv, U_EMAIL),
	    (long long)FV_HAS(&fv, U_SCOPES), FV_HAS(&fv, U_SCOPES) ?
	    fv_set(r, &user_fields[U_SCOPES], &fv, U_SCOPES) : "",
	    (long long)FV_HAS(&fv, U_ORG), org,
	    (long long)FV_HAS(&fv, U_ALL_CASES), (long long)fv_bool(&fv, U_ALL_CASES),
	    (long long)FV_HAS(&fv, U_DISABLED), (long long)fv_bool(&fv, U_DISABLED),
	    (long long)FV_HAS(&fv, U_EXTERNAL_ID), fv_str(&fv, U_EXTERNAL_ID),
	    (long long)fv_any(&fv), uuid) < 0)
		return http_write_failed(r, user_unique);
	if (FV_HAS(&fv, U_FULL_NAME) && matter_docs_drop(&r->a, EMBED_USER,
	    strtoll(row[0], NULL, 10)) != 0)
		return http_db_error(r);
	return user_reply(r, 200, uuid);
}

int
users_get(struct req *r)
{
	if (!path_uuid(r, 0, "user_id"))
		return http_422(r);
	return user_reply(r, 200, r->params[0]);
}

/* The caller's own record was read with the token check: no second query. */
int
users_me(struct req *r)
{
	return resp_json(r, 200, fields_render(user_fields, U__MAX, r->who->row));
}

int
users_list(struct req *r)
{
	return resp_rows(r, user_fields, U__MAX, db_run(&r->a,
	    "SELECT " USER_COLUMNS USER_FROM "ORDER BY u.id", ""));
}
