/*
 * POST /token (also /v1/token and /latest/token): the OAuth2 password grant
 * of the LAA reference. Form fields are read as FastAPI's
 * OAuth2PasswordRequestForm reads them: an empty value is a missing one, and
 * a grant_type other than "password" is a pattern mismatch. Failed attempts
 * are throttled per username and per client address before argon2 runs.
 */
#include <stdio.h>
#include <string.h>

#include "../lib/auth.h"
#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "../lib/throttle.h"
#include "token.h"

static const char *
form_value(struct req *r, const char *key)
{
	const char *v = kv_get(&r->form, key);
	return v != NULL && *v != '\0' ? v : NULL;
}

static void
require(struct req *r, const char *key, const char *v)
{
	if (v == NULL)
		problem_add(r, "missing", loc_new("body", key, NULL),
		    "Field required", NULL, NULL);
}

static int
refuse(struct req *r)
{
	resp_header(r, "WWW-Authenticate", "Bearer");
	return http_error(r, 401, "Incorrect username or password");
}

int
token_post(struct req *r)
{
	const char	*user = form_value(r, "username");
	const char	*pw = form_value(r, "password");
	const char	*grant = kv_get(&r->form, "grant_type");
	char		**row;
	long		 wait;

	require(r, "username", user);
	require(r, "password", pw);
	if (grant != NULL && *grant != '\0' && strcmp(grant, "password") != 0) {
		json_object *ctx = json_object_new_object(), *in = jstr(grant);
		json_object_object_add(ctx, "pattern",
		    json_object_new_string("^password$"));
		problem_add(r, "string_pattern_mismatch",
		    loc_new("body", "grant_type", NULL),
		    "String should match pattern '^password$'", in, ctx);
		json_object_put(in);
	}
	if (pw != NULL && strlen(pw) > PASSWORD_MAX) {
		json_object *ctx = json_object_new_object();
		json_object_object_add(ctx, "max_length",
		    json_object_new_int(PASSWORD_MAX));
		problem_add(r, "string_too_long", loc_new("body", "password", NULL),
		    "String should have at most 1024 characters", NULL, ctx);
	}
	if (problem_count(r))
		return http_422(r);

	if ((wait = throttle_blocked(r, user)) > 0) {
		char s[24];
		snprintf(s, sizeof(s), "%ld", wait);
		resp_header(r, "Retry-After", s);
		return http_error(r, 429, "Too Many Requests");
	}
	row = db_one(&r->a, "SELECT hashed_password, username, scopes "
	    "FROM users WHERE username = ?", "s", user);
	if (row == NULL && db_last() != DB_OK)
		return http_db_error(r);
	if (row == NULL || row[0] == NULL) {
		password_burn(pw);
		throttle_failed(r, user);
		return refuse(r);
	}
	if (!password_verify(row[0], pw)) {
		throttle_failed(r, user);
		return refuse(r);
	}
	throttle_clear(r, user);

	/* The reference issues tokens to disabled users; using them fails. */
	char *jwt = jwt_issue(&r->a, row[1], set_bits(scope_names, row[2]));
	if (jwt == NULL)
		return http_error(r, 500, "Internal Server Error");
	json_object *o = json_object_new_object();
	json_object_object_add(o, "access_token", json_object_new_string(jwt));
	json_object_object_add(o, "token_type", json_object_new_string("bearer"));
	resp_header(r, "Cache-Control", "no-store");
	return resp_json(r, 200, o);
}
