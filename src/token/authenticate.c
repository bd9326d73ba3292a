/*
 * POST /authenticate: e-filing logins, as the EFSP proxy answers them (spec
 * efsp-proxy.md section 2). The client server's API key is in the JSON body;
 * each "tyler-{jurisdiction}" member logs a filer in and yields the headers
 * TYLER-TOKEN-{J} ("email:secret") and TYLER-ID-{J} (the filer's uuid).
 * Failures have empty bodies: 401 without a usable key, 403 for a wrong key
 * or any failed login. Only a hash of each session secret is stored.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/auth.h"
#include "../lib/config.h"
#include "../lib/db.h"
#include "../lib/efile.h"
#include "../lib/http.h"
#include "token.h"

/* One tyler-{j} member: 0 with the tokens added, or 403. */
static int
login_member(struct req *r, const char *j, json_object *cred,
    json_object *tokens, json_object *expiry)
{
	json_object	*u, *p;
	const char	*email, *pw;
	char		**row, secret[SESSION_LEN + 1], hash[65], iso[21];
	long		 hours = cfg_long("CASEGATE_FILER_SESSION_HOURS", 24, 1, 24 * 90);
	time_t		 until = now_unix() + hours * 3600;

	if (!jurisdiction_known(j) || !json_object_is_type(cred, json_type_object) ||
	    !json_object_object_get_ex(cred, "username", &u) ||
	    !json_object_object_get_ex(cred, "password", &p) ||
	    !json_object_is_type(u, json_type_string) ||
	    !json_object_is_type(p, json_type_string))
		return http_bare(r, 403);
	email = json_object_get_string(u);
	pw = json_object_get_string(p);
	if (*pw == '\0' || strlen(pw) > PASSWORD_MAX || *email == '\0')
		return http_bare(r, 403);
	row = db_one(&r->a, "SELECT id, uuid, hashed_password, disabled, email "
	    "FROM filers WHERE jurisdiction = ? AND email = ?", "ss", j, email);
	if (row == NULL && db_last() != DB_OK)
		return http_db_error(r);
	if (row == NULL) {
		password_burn(pw);
		return http_bare(r, 403);
	}
	if (!password_verify(row[2], pw) || strcmp(row[3], "0") != 0)
		return http_bare(r, 403);
	random_alnum(secret, SESSION_LEN);
	sha256_hex(secret, SESSION_LEN, hash);
	if (db_exec(&r->a, "INSERT INTO filer_sessions (filer_id, secret_hash, "
	    "expires_at, created_at) VALUES (?, ?, FROM_UNIXTIME(?), "
	    "UTC_TIMESTAMP(6))", "isi", strtoll(row[0], NULL, 10), hash,
	    (long long)until) < 0)
		return http_db_error(r);
	char *up = jurisdiction_upper(&r->a, j);
	json_object_object_add(tokens, arena_printf(&r->a, "TYLER-TOKEN-%s", up),
	    json_object_new_string(arena_printf(&r->a, "%s:%s", row[4], secret)));
	json_object_object_add(tokens, arena_printf(&r->a, "TYLER-ID-%s", up),
	    json_object_new_string(row[1]));
	iso_utc(until, iso);
	json_object_object_add(expiry, arena_printf(&r->a, "tyler-%s", j),
	    json_object_new_string(iso));
	return 0;
}

int
authenticate_post(struct req *r)
{
	json_object	*body = r->body_len ? json_tokener_parse(r->body) : NULL;
	json_object	*key, *tokens, *expiry, *out;
	int		 st, ok;

	req_keep(r, body);
	if (!json_object_is_type(body, json_type_object) ||
	    !json_object_object_get_ex(body, "api_key", &key) ||
	    !json_object_is_type(key, json_type_string) ||
	    *json_object_get_string(key) == '\0')
		return http_bare(r, 401);
	if ((ok = api_key_valid(&r->a, json_object_get_string(key), NULL)) < 0)
		return http_db_error(r);
	if (!ok)
		return http_bare(r, 403);
	tokens = json_object_new_object();
	expiry = json_object_new_object();
	out = json_object_new_object();
	json_object_object_add(out, "tokens", tokens);
	json_object_object_add(out, "expirationTimes", expiry);
	json_object_object_foreach(body, name, val) {
		if (strcasecmp(name, "jeffnet") == 0) {
			json_object_object_add(tokens, "JEFFNET-TOKEN",
			    json_object_new_string("deprecated"));
			continue;
		}
		if (strncasecmp(name, "tyler-", 6) != 0)
			continue;
		char *j = arena_strdup(&r->a, name + 6);
		for (char *c = j; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if ((st = login_member(r, j, val, tokens, expiry)) != 0) {
			json_object_put(out);
			return st;
		}
	}
	resp_header(r, "Cache-Control", "no-store");
	return resp_json(r, 200, out);
}
