/*
 * bin/casegate-admin, the operator's command line, run the way an operator
 * runs it (CASEGATE_CONFIG from the environment, passwords on standard
 * input), with every effect checked over HTTP: a user it adds can log in and
 * its /users/me shows what was given; disable, enable, password and scopes
 * act on tokens at once; organisations and their premium flag show in
 * GET /orgs/{name}; migrate is idempotent; every failure exits non-zero with
 * a message and changes nothing.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "client.h"

#define PW	"pw-secret-admin-0001"
#define PW2	"pw-secret-admin-0002"


/* Runs the tool; asserts its exit status class and returns its output. */
static char *
cli_ok(const char *input, const char *args)
{
	int	 rc;
	char	*out = admin_cli_out(input, &rc, "%s", args);

	ck_assert_msg(rc == 0, "casegate-admin %s: rc %d: %s", args, rc, out);
	return out;
}

/* A failure: non-zero, a message naming what was wrong, no password. */
static char *
cli_fails(const char *input, const char *args, const char *mentions)
{
	int	 rc;
	char	*out = admin_cli_out(input, &rc, "%s", args);

	ck_assert_msg(rc != 0, "casegate-admin %s succeeded: %s", args, out);
	ck_assert_msg(rc > 0 && rc < 126, "casegate-admin %s: rc %d (%s)", args,
	    rc, out);
	ck_assert_msg(strlen(out) > 0, "casegate-admin %s: no message", args);
	if (mentions)
		ck_assert_msg(strstr(out, mentions) != NULL,
		    "casegate-admin %s: message does not mention '%s': %s", args,
		    mentions, out);
	ck_assert_msg(strstr(out, "pw-secret-") == NULL,
	    "casegate-admin %s printed the password: %s", args, out);
	return out;
}

static long
login_status(const char *user, const char *pw)
{
	struct hres	 r;
	char		*u = curl_easy_escape(NULL, user, 0);
	char		*p = curl_easy_escape(NULL, pw, 0);

	http_form(&r, "/token", S("username=%s&password=%s", u, p));
	long st = r.status;
	if (st == 401)
		ck_assert_str_eq(r.body,
		    "{\"detail\":\"Incorrect username or password\"}");
	hres_free(&r);
	curl_free(u);
	curl_free(p);
	sql("DELETE FROM throttle");
	return st;
}

/* The listed record of a username (GET /users), NULL when absent. */
static json_object *
user_record(const char *username)
{
	struct hres	 r;
	json_object	*u = NULL;

	http_json(&r, "GET", "/users", adm(), NULL);
	ck_assert_int_eq(r.status, 200);
	for (size_t i = 0; i < json_object_array_length(r.json); i++) {
		json_object *o = json_object_array_get_idx(r.json, i);
		if (strcmp(jget(o, "username"), username) == 0)
			u = json_object_get(o);
	}
	hres_free(&r);
	return u;
}

static char *
user_text(const char *username)
{
	json_object *u = user_record(username);
	ck_assert_msg(u != NULL, "%s not listed", username);
	char *s = strdup(json_object_to_json_string_ext(u,
	    JSON_C_TO_STRING_PLAIN));
	json_object_put(u);
	return s;
}

static int
user_count(void)
{
	struct hres r;

	http_json(&r, "GET", "/users", adm(), NULL);
	ck_assert_int_eq(r.status, 200);
	int n = (int)json_object_array_length(r.json);
	hres_free(&r);
	return n;
}

static void
assert_absent(const char *username)
{
	json_object *u = user_record(username);
	ck_assert_msg(u == NULL, "%s exists", username);
}

static char *
org_path(const char *name)
{
	char *e = curl_easy_escape(NULL, name, 0);
	char *s = S("/orgs/%s", e);
	curl_free(e);
	return s;
}

/* GET /orgs/{name}: 200 and the parsed record. */
static json_object *
org_get(const char *name)
{
	struct hres r;

	http_json(&r, "GET", org_path(name), adm(), NULL);
	ck_assert_msg(r.status == 200, "%s: %ld %s", name, r.status, r.body);
	json_object *o = json_object_get(r.json);
	hres_free(&r);
	return o;
}

static char *
add_user(const char *scopes)
{
	char *name = unique("adm");
	free(cli_ok(PW, S("user add %s --scopes %s", name, scopes)));
	return name;
}

static void
me(struct hres *r, const char *tok)
{
	http_json(r, "GET", "/users/me", tok, NULL);
}

/* --------------------------------------------------------------- help */

START_TEST(help_lists_commands)
{
	static const char *const cmds[] = {
		"user add", "--scopes", "--org", "--all-cases", "user disable",
		"enable", "user password", "user scopes", "user list", "org add",
		"--premium", "org premium", "org list", "migrate"
	};
	char *out = cli_ok(NULL, "help");

	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		ck_assert_msg(strstr(out, cmds[i]) != NULL, "help lacks %s: %s",
		    cmds[i], out);
	free(out);
}
END_TEST

/* --------------------------------------------------------------- users */

START_TEST(user_add_full)
{
	char		*org = unique("aorg"), *name = unique("adm"), *out;
	struct hres	 r;

	free(cli_ok(NULL, S("org add %s", org)));
	out = cli_ok(PW, S("user add %s --scopes read,create,update,delete,admin "
	    "--org %s --all-cases", name, org));
	ck_assert_ptr_nonnull(strstr(out, name));
	ck_assert_ptr_null(strstr(out, "pw-secret-"));
	free(out);
	char *tok = login(name, PW);
	ck_assert_ptr_nonnull(tok);
	me(&r, tok);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "username"), name);
	ck_assert_str_eq(jplain(r.json, "scopes"),
	    "[\"read\",\"create\",\"update\",\"delete\",\"admin\"]");
	ck_assert_str_eq(jget(r.json, "org"), org);
	ck_assert_str_eq(jplain(r.json, "all_cases"), "true");
	ck_assert_str_eq(jplain(r.json, "disabled"), "false");
	ck_assert_str_eq(jplain(r.json, "full_name"), "null");
	ck_assert_str_eq(jplain(r.json, "email"), "null");
	ck_assert_str_eq(jplain(r.json, "external_unique_id"), "null");
	ck_assert_int_eq(strlen(jget(r.json, "uuid")), 36);
	ck_assert_int_eq(json_object_object_length(r.json), 11);
	hres_free(&r);
	/* admin scope: the admin API answers this user. */
	http_json(&r, "GET", "/users", tok, NULL);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	free(tok);
	free(name);
	free(org);
}
END_TEST

/* The last line of a command's output (a token printed once). */
static char *
last_line(const char *out)
{
	size_t n = strlen(out);
	while (n > 0 && out[n - 1] == '\n')
		n--;
	const char *start = out + n;
	while (start > out && start[-1] != '\n')
		start--;
	return S("%.*s", (int)(out + n - start), start);
}

/* Personal access tokens: a user's bearer token until expiry or revocation. */
START_TEST(personal_access_tokens)
{
	char		*name = unique("pat"), *out;
	struct hres	 r;

	free(cli_ok(PW, S("user add %s --scopes read", name)));
	out = cli_ok(NULL, S("token create %s --days 30", name));
	char *tok = last_line(out);
	ck_assert_msg(strncmp(tok, "cgpat_", 6) == 0 && strlen(tok) == 46,
	    "not a token: %s", tok);
	free(out);
	me(&r, tok);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "username"), name);
	hres_free(&r);
	/* Its user's scopes, read now: read only, so no admin API. */
	http_json(&r, "GET", "/users", tok, NULL);
	ck_assert_int_eq(r.status, 401);
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/lookups/gender", tok, NULL);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	/* Listed without the token; stored only as a hash. */
	out = cli_ok(NULL, S("token list %s", name));
	ck_assert_ptr_null(strstr(out, tok + 6));
	ck_assert_ptr_nonnull(strstr(out, "live"));
	free(out);
	/* A forged or altered token is refused. */
	char *bad = S("%sX", tok);
	me(&r, bad);
	ck_assert_int_eq(r.status, 401);
	hres_free(&r);
	me(&r, "cgpat_0000000000000000000000000000000000000000");
	ck_assert_int_eq(r.status, 401);
	hres_free(&r);
	/* A disabled user's token stops too. */
	free(cli_ok(NULL, S("user disable %s", name)));
	me(&r, tok);
	ck_assert_int_eq(r.status, 401);
	hres_free(&r);
	free(cli_ok(NULL, S("user enable %s", name)));
	/* Expired. */
	out = cli_ok(NULL, S("token create %s", name));
	char *tok2 = last_line(out);
	free(out);
	me(&r, tok2);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	ck_assert_int_eq(sql(S("UPDATE personal_tokens t JOIN users u ON u.id = "
	    "t.user_id SET t.expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND "
	    "WHERE u.username = '%s' AND t.expires_at > UTC_TIMESTAMP(6) + "
	    "INTERVAL 40 DAY", name)), 0);
	me(&r, tok2);
	ck_assert_int_eq(r.status, 401);
	hres_free(&r);
	/* Revoked: the first one, by the id the list shows. */
	out = cli_ok(NULL, S("token list %s", name));
	char *id = S("%ld", strtol(strstr(out, "\n") + 1, NULL, 10));
	free(out);
	free(cli_ok(NULL, S("token revoke %s", id)));
	me(&r, tok);
	ck_assert_int_eq(r.status, 401);
	hres_free(&r);
	free(cli_fails(NULL, S("token revoke %s", id), "no live token"));
	/* Bad use. */
	free(cli_fails(NULL, S("token create %s --days 0", name), "--days"));
	free(cli_fails(NULL, S("token create %s --days x", name), "--days"));
	free(cli_fails(NULL, "token create nobody-at-all", "nobody-at-all"));
	free(cli_fails(NULL, "token revoke abc", "no live token"));
	free(cli_fails(NULL, "token", "usage"));
	free(name);
}
END_TEST

START_TEST(user_add_plain)
{
	char		*name = add_user("read,update");
	char		*tok = login(name, PW);
	struct hres	 r;

	ck_assert_ptr_nonnull(tok);
	me(&r, tok);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jplain(r.json, "scopes"), "[\"read\",\"update\"]");
	ck_assert_str_eq(jplain(r.json, "org"), "null");
	ck_assert_str_eq(jplain(r.json, "all_cases"), "false");
	ck_assert_str_eq(jplain(r.json, "disabled"), "false");
	hres_free(&r);
	http_json(&r, "GET", "/users", tok, NULL);
	ck_assert_int_eq(r.status, 401);
	ck_assert_str_eq(r.body, "{\"detail\":\"Not enough permissions\"}");
	hres_free(&r);
	free(tok);
	free(name);
}
END_TEST

START_TEST(user_add_scope_order_and_repeats)
{
	char		*name = add_user("delete,read,read");
	char		*tok = login(name, PW);
	struct hres	 r;

	ck_assert_ptr_nonnull(tok);
	me(&r, tok);
	ck_assert_str_eq(jplain(r.json, "scopes"), "[\"read\",\"delete\"]");
	hres_free(&r);
	free(tok);
	free(name);
}
END_TEST

START_TEST(user_disable_enable)
{
	char		*name = add_user("read");
	char		*tok = login(name, PW);
	struct hres	 r;

	ck_assert_ptr_nonnull(tok);
	me(&r, tok);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	free(cli_ok(NULL, S("user disable %s", name)));
	me(&r, tok);
	ck_assert_int_eq(r.status, 401);
	ck_assert_str_eq(r.body, "{\"detail\":\"User Disabled\"}");
	hres_free(&r);
	json_object *u = user_record(name);
	ck_assert_str_eq(jplain(u, "disabled"), "true");
	json_object_put(u);
	free(cli_ok(NULL, S("user enable %s", name)));
	me(&r, tok);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jplain(r.json, "disabled"), "false");
	hres_free(&r);
	free(tok);
	free(name);
}
END_TEST

START_TEST(user_password)
{
	char *name = add_user("read");
	char *out;

	ck_assert_int_eq(login_status(name, PW), 200);
	out = cli_ok(PW2 "\n", S("user password %s", name));
	ck_assert_ptr_null(strstr(out, "pw-secret-"));
	free(out);
	ck_assert_int_eq(login_status(name, PW), 401);
	ck_assert_int_eq(login_status(name, PW2), 200);
	free(name);
}
END_TEST

START_TEST(user_list)
{
	char *name = add_user("read,create");
	char *out = cli_ok(NULL, "user list");

	ck_assert_msg(strstr(out, name) != NULL, "%s not in: %s", name, out);
	ck_assert_ptr_nonnull(strstr(out, "admin"));
	ck_assert_ptr_null(strstr(out, "argon2"));
	/* The user's line carries its scopes. */
	char *line = strstr(out, name);
	char *eol = strchr(line, '\n');
	ck_assert_ptr_nonnull(eol);
	*eol = '\0';
	ck_assert_msg(strstr(line, "read,create") != NULL, "%s", line);
	free(out);
	free(name);
}
END_TEST

START_TEST(user_scopes)
{
	char		*name = add_user("read");
	char		*tok = login(name, PW);
	struct hres	 r;

	ck_assert_ptr_nonnull(tok);
	http_json(&r, "GET", "/users", tok, NULL);
	ck_assert_int_eq(r.status, 401);
	hres_free(&r);
	free(cli_ok(NULL, S("user scopes %s admin,read", name)));
	/* The same token: scopes come from the database at request time. */
	me(&r, tok);
	ck_assert_str_eq(jplain(r.json, "scopes"), "[\"read\",\"admin\"]");
	hres_free(&r);
	http_json(&r, "GET", "/users", tok, NULL);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	free(cli_ok(NULL, S("user scopes %s create", name)));
	me(&r, tok);
	ck_assert_str_eq(jplain(r.json, "scopes"), "[\"create\"]");
	hres_free(&r);
	http_json(&r, "GET", "/users", tok, NULL);
	ck_assert_int_eq(r.status, 401);
	hres_free(&r);
	free(tok);
	free(name);
}
END_TEST

/* ---------------------------------------------------------------- orgs */

START_TEST(org_add_and_premium)
{
	char		*name = S("%s Chambers", unique("Org "));
	json_object	*o;
	char		*out;

	out = cli_ok(NULL, S("org add '%s' --premium", name));
	ck_assert_ptr_nonnull(strstr(out, name));
	free(out);
	o = org_get(name);
	ck_assert_str_eq(jget(o, "name"), name);
	ck_assert_str_eq(jplain(o, "premium"), "true");
	ck_assert_str_eq(jplain(o, "external_unique_id"), "null");
	ck_assert_int_eq(strlen(jget(o, "uuid")), 36);
	ck_assert_int_eq(json_object_object_length(o), 6);
	char *uuid = strdup(jget(o, "uuid"));
	json_object_put(o);
	free(cli_ok(NULL, S("org premium '%s' off", name)));
	o = org_get(name);
	ck_assert_str_eq(jplain(o, "premium"), "false");
	ck_assert_str_eq(jget(o, "uuid"), uuid);
	json_object_put(o);
	free(cli_ok(NULL, S("org premium '%s' on", name)));
	o = org_get(name);
	ck_assert_str_eq(jplain(o, "premium"), "true");
	json_object_put(o);
	free(uuid);
	free(name);
}
END_TEST

START_TEST(org_add_not_premium)
{
	char		*name = unique("aorg");
	json_object	*o;

	free(cli_ok(NULL, S("org add %s", name)));
	o = org_get(name);
	ck_assert_str_eq(jplain(o, "premium"), "false");
	json_object_put(o);
	free(name);
}
END_TEST

START_TEST(org_list)
{
	char *name = unique("aorg");
	char *out;

	free(cli_ok(NULL, S("org add %s --premium", name)));
	out = cli_ok(NULL, "org list");
	char *line = strstr(out, name);
	ck_assert_msg(line != NULL, "%s not in: %s", name, out);
	char *eol = strchr(line, '\n');
	if (eol)
		*eol = '\0';
	ck_assert_msg(strstr(line, "yes") != NULL, "%s", line);
	free(out);
	free(name);
}
END_TEST

START_TEST(migrate_again_is_noop)
{
	for (int i = 0; i < 2; i++) {
		char *out = cli_ok(NULL, "migrate");
		ck_assert_msg(strstr(out, " 0 applied") != NULL, "%s", out);
		ck_assert_msg(strstr(out, ".sql applied") == NULL, "%s", out);
		free(out);
	}
	/* The service is untouched. */
	ck_assert_int_eq(login_status("admin", getenv("CG_ADMIN_PASSWORD")), 200);
}
END_TEST

/* ------------------------------------------------------------ failures */

START_TEST(fail_unknown_scope)
{
	char *name = unique("adm");

	free(cli_fails(PW, S("user add %s --scopes read,superuser", name),
	    "superuser"));
	assert_absent(name);
	/* And on user scopes: the old scopes stay. */
	char *ok = add_user("read");
	char *before = user_text(ok);
	free(cli_fails(NULL, S("user scopes %s read,root", ok), "root"));
	char *after = user_text(ok);
	ck_assert_str_eq(after, before);
	free(after);
	free(before);
	free(ok);
	free(name);
}
END_TEST

START_TEST(fail_duplicate_user)
{
	char *name = add_user("read");
	char *before = user_text(name);
	int n = user_count();

	free(cli_fails(PW2, S("user add %s --scopes read,admin", name), name));
	ck_assert_int_eq(user_count(), n);
	char *after = user_text(name);
	ck_assert_str_eq(after, before);
	ck_assert_int_eq(login_status(name, PW), 200);
	ck_assert_int_eq(login_status(name, PW2), 401);
	free(after);
	free(before);
	free(name);
}
END_TEST

START_TEST(fail_unknown_org)
{
	char *name = unique("adm"), *org = unique("noorg");

	free(cli_fails(PW, S("user add %s --scopes read --org %s", name, org),
	    org));
	assert_absent(name);
	free(org);
	free(name);
}
END_TEST

START_TEST(fail_unknown_user)
{
	char *name = unique("ghost");
	int n = user_count();

	free(cli_fails(NULL, S("user disable %s", name), name));
	free(cli_fails(NULL, S("user enable %s", name), name));
	free(cli_fails(PW, S("user password %s", name), name));
	free(cli_fails(NULL, S("user scopes %s read", name), name));
	ck_assert_int_eq(user_count(), n);
	assert_absent(name);
	free(name);
}
END_TEST

START_TEST(fail_unknown_org_premium)
{
	char *org = unique("noorg");
	struct hres r;

	free(cli_fails(NULL, S("org premium %s on", org), org));
	http_json(&r, "GET", org_path(org), adm(), NULL);
	ck_assert_int_eq(r.status, 404);
	hres_free(&r);
	free(org);
}
END_TEST

START_TEST(fail_duplicate_org)
{
	char		*org = unique("aorg");
	json_object	*before, *after;

	free(cli_ok(NULL, S("org add %s", org)));
	before = org_get(org);
	free(cli_fails(NULL, S("org add %s --premium", org), org));
	after = org_get(org);
	ck_assert_str_eq(json_object_to_json_string(after),
	    json_object_to_json_string(before));
	json_object_put(before);
	json_object_put(after);
	free(org);
}
END_TEST

START_TEST(fail_short_password)
{
	char *name = unique("adm");

	free(cli_fails("pw-sec7\n", S("user add %s --scopes read", name), "8"));
	assert_absent(name);
	/* user password refuses it too, and the old one keeps working. */
	char *ok = add_user("read");
	free(cli_fails("short\n", S("user password %s", ok), "8"));
	ck_assert_int_eq(login_status(ok, PW), 200);
	free(ok);
	free(name);
}
END_TEST

START_TEST(fail_long_password)
{
	char	*name = unique("adm");
	char	 pw[1100];

	memset(pw, 'p', 1025);
	memcpy(pw, "pw-secret-", 10);
	pw[1025] = '\n';
	pw[1026] = '\0';
	free(cli_fails(pw, S("user add %s --scopes read", name), "1024"));
	assert_absent(name);
	free(name);
}
END_TEST

START_TEST(fail_empty_stdin)
{
	char *name = unique("adm");

	free(cli_fails("", S("user add %s --scopes read", name), "password"));
	assert_absent(name);
	free(cli_fails(NULL, S("user add %s --scopes read", name), "password"));
	assert_absent(name);
	char *ok = add_user("read");
	free(cli_fails("", S("user password %s", ok), "password"));
	ck_assert_int_eq(login_status(ok, PW), 200);
	free(ok);
	free(name);
}
END_TEST

START_TEST(fail_unknown_command)
{
	free(cli_fails(NULL, "frobnicate", "usage"));
	free(cli_fails(NULL, "user frobnicate someone", "frobnicate"));
	free(cli_fails(NULL, "org frobnicate", "usage"));
}
END_TEST

START_TEST(fail_bad_usage)
{
	char *name = unique("adm");
	int n = user_count();

	free(cli_fails(NULL, "", "usage"));
	free(cli_fails(NULL, "user", "usage"));
	free(cli_fails(PW, "user add", "usage"));
	free(cli_fails(NULL, "user disable", "usage"));
	free(cli_fails(NULL, "user scopes", "usage"));
	free(cli_fails(NULL, S("user scopes %s", name), "usage"));
	free(cli_fails(PW, S("user add %s --scopes read --bogus", name),
	    "--bogus"));
	free(cli_fails(PW, S("user add %s --scopes", name), NULL));
	free(cli_fails(PW, S("user add %s --scopes read --org", name), NULL));
	free(cli_fails(PW, S("user add '%s x' --scopes read", name), NULL));
	free(cli_fails(NULL, "org add", "usage"));
	free(cli_fails(NULL, S("org add %s --gold", name), "--gold"));
	free(cli_fails(NULL, S("org add %s/x", name), NULL));
	free(cli_fails(NULL, "org premium", "usage"));
	free(cli_fails(NULL, S("org premium %s maybe", name), "usage"));
	ck_assert_int_eq(user_count(), n);
	assert_absent(name);
	struct hres r;
	http_json(&r, "GET", org_path(name), adm(), NULL);
	ck_assert_int_eq(r.status, 404);
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(fail_option_taken_as_name)
{
	struct hres r;

	/* NAME is missing: an option must not become the user's name. */
	free(cli_fails(PW, "user add --all-cases", NULL));
	assert_absent("--all-cases");
	free(cli_fails(PW, "user add --scopes read", NULL));
	assert_absent("--scopes");
	/* Nor the organisation's. */
	free(cli_fails(NULL, "org add --premium", NULL));
	http_json(&r, "GET", "/orgs/--premium", adm(), NULL);
	ck_assert_int_eq(r.status, 404);
	hres_free(&r);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("admin");
	TCase *t = tcase_create("admin");
	tcase_set_timeout(t, 60);
	tcase_add_test(t, help_lists_commands);
	tcase_add_test(t, user_add_full);
	tcase_add_test(t, user_add_plain);
	tcase_add_test(t, user_add_scope_order_and_repeats);
	tcase_add_test(t, user_disable_enable);
	tcase_add_test(t, user_password);
	tcase_add_test(t, user_list);
	tcase_add_test(t, user_scopes);
	tcase_add_test(t, org_add_and_premium);
	tcase_add_test(t, org_add_not_premium);
	tcase_add_test(t, org_list);
	tcase_add_test(t, migrate_again_is_noop);
	tcase_add_test(t, fail_unknown_scope);
	tcase_add_test(t, fail_duplicate_user);
	tcase_add_test(t, fail_unknown_org);
	tcase_add_test(t, fail_unknown_user);
	tcase_add_test(t, fail_unknown_org_premium);
	tcase_add_test(t, fail_duplicate_org);
	tcase_add_test(t, fail_short_password);
	tcase_add_test(t, fail_long_password);
	tcase_add_test(t, fail_empty_stdin);
	tcase_add_test(t, fail_unknown_command);
	tcase_add_test(t, fail_bad_usage);
	tcase_add_test(t, fail_option_taken_as_name);
	tcase_add_test(t, personal_access_tokens);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	adm_prefetch();
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
