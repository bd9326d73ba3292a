/*
 * The users and organisations admin API over HTTP: GET|POST /users,
 * GET|PATCH /users/{uuid}, GET /users/me, GET|POST /orgs and
 * GET|PATCH /orgs/{name}. Every record's exact key set, every validation
 * failure in FastAPI's shape (each one also proving nothing was written),
 * the bearer and scope checks, and the effect of a PATCH on tokens already
 * issued.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "client.h"

#define PW	"pw-secret-users-0001"
#define PW2	"pw-secret-users-0002"
#define NOUSER	"00000000-0000-4000-8000-000000000000"


static const char *const user_keys[] = {
	"uuid", "username", "full_name", "email", "scopes", "org", "all_cases",
	"disabled", "external_unique_id", "created_at", "updated_at", NULL
};

static const char *const org_keys[] = {
	"uuid", "name", "premium", "external_unique_id", "created_at",
	"updated_at", NULL
};

/* No password, no hash, nothing that looks like one. */
static void
assert_no_secret(const struct hres *r)
{
	ck_assert_msg(strstr(r->body, "password") == NULL, "%s", r->body);
	ck_assert_msg(strstr(r->body, "argon2") == NULL, "%s", r->body);
	ck_assert_msg(strstr(r->body, "pw-secret-") == NULL, "%s", r->body);
}

static void
assert_timestamp(const char *s)
{
	ck_assert_ptr_nonnull(s);
	/* 2026-01-02T03:04:05.123456Z */
	ck_assert_msg(strlen(s) == 27 && s[4] == '-' && s[10] == 'T' &&
	    s[19] == '.' && s[26] == 'Z', "bad timestamp %s", s);
}

/* The number of problems, and problem i's type and loc ("body.username"). */
static void
expect_problem(const struct hres *r, int i, const char *type,
    const char *loc)
{
	char		 p[64], got[256] = "";
	json_object	*l;

	ck_assert_msg(r->status == 422, "%ld %s", r->status, r->body);
	snprintf(p, sizeof(p), "detail.%d.loc", i);
	l = jfind(r->json, p);
	ck_assert_msg(l != NULL, "no problem %d in %s", i, r->body);
	for (size_t k = 0; k < json_object_array_length(l); k++) {
		size_t n = strlen(got);
		snprintf(got + n, sizeof(got) - n, "%s%s", k ? "." : "",
		    json_object_get_string(json_object_array_get_idx(l, k)));
	}
	ck_assert_msg(strcmp(got, loc) == 0, "problem %d at %s, not %s: %s", i,
	    got, loc, r->body);
	snprintf(p, sizeof(p), "detail.%d.type", i);
	ck_assert_str_eq(jget(r->json, p), type);
}

static void
expect_problems(const struct hres *r, int n)
{
	ck_assert_msg(r->status == 422, "%ld %s", r->status, r->body);
	json_object *d = jfind(r->json, "detail");
	ck_assert_msg(d != NULL && json_object_is_type(d, json_type_array),
	    "%s", r->body);
	ck_assert_msg((int)json_object_array_length(d) == n,
	    "expected %d problems: %s", n, r->body);
}

/* One problem exactly: its type, loc and msg. */
static void
expect_one(const struct hres *r, const char *type, const char *loc,
    const char *msg)
{
	expect_problems(r, 1);
	expect_problem(r, 0, type, loc);
	if (msg)
		ck_assert_str_eq(jget(r->json, "detail.0.msg"), msg);
}

/*
 * FastAPI's answer to a body that is not JSON: one json_invalid at
 * ["body", offset]; pos < 0 leaves the offset unchecked.
 */
static void
expect_json_invalid(const struct hres *r, int pos)
{
	expect_problems(r, 1);
	ck_assert_str_eq(jget(r->json, "detail.0.type"), "json_invalid");
	ck_assert_str_eq(jget(r->json, "detail.0.loc.0"), "body");
	json_object *at = jfind(r->json, "detail.0.loc.1");
	ck_assert_msg(json_object_is_type(at, json_type_int), "%s", r->body);
	if (pos >= 0)
		ck_assert_int_eq(json_object_get_int(at), pos);
	ck_assert_ptr_null(jfind(r->json, "detail.0.loc.2"));
	ck_assert_str_eq(jget(r->json, "detail.0.msg"), "JSON decode error");
	ck_assert_str_eq(jplain(r->json, "detail.0.input"), "{}");
}

static void
expect_detail(const struct hres *r, long status, const char *detail)
{
	ck_assert_msg(r->status == status, "%ld %s", r->status, r->body);
	ck_assert_str_eq(r->body, S("{\"detail\":\"%s\"}", detail));
}

static json_object *
users_all(void)
{
	struct hres r;

	http_json(&r, "GET", "/users", adm(), NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert(json_object_is_type(r.json, json_type_array));
	json_object *a = json_object_get(r.json);
	hres_free(&r);
	return a;
}

static int
user_count(void)
{
	json_object *a = users_all();
	int n = (int)json_object_array_length(a);
	json_object_put(a);
	return n;
}

/* The listed record of a username as JSON text, NULL when absent. */
static char *
user_listed(const char *username)
{
	json_object	*a = users_all();
	char		*s = NULL;

	for (size_t i = 0; i < json_object_array_length(a); i++) {
		json_object *u = json_object_array_get_idx(a, i);
		if (strcmp(jget(u, "username"), username) == 0)
			s = strdup(json_object_to_json_string_ext(u,
			    JSON_C_TO_STRING_PLAIN));
	}
	json_object_put(a);
	return s;
}

static char *
uuid_of(const char *username)
{
	char *s = user_listed(username);
	ck_assert_msg(s != NULL, "%s is not listed", username);
	json_object *o = json_tokener_parse(s);
	char *u = strdup(jget(o, "uuid"));
	json_object_put(o);
	free(s);
	return u;
}

/* The body of GET /users/{uuid}, which must answer 200. */
static char *
user_body(const char *uuid)
{
	struct hres r;

	http_json(&r, "GET", S("/users/%s", uuid), adm(), NULL);
	ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
	char *s = strdup(r.body);
	hres_free(&r);
	return s;
}

/* A user made with the admin tool, so its tests do not need POST /users. */
static char *
cli_user(const char *scopes)
{
	char *name = unique("usr");
	ck_assert_int_eq(admin_cli(PW, "user add %s --scopes %s", name, scopes),
	    0);
	return name;
}

static char *
cli_org(void)
{
	char *name = unique("org");
	ck_assert_int_eq(admin_cli(NULL, "org add %s", name), 0);
	return name;
}

/* POST /users with the body, which must answer 201; the parsed record. */
static json_object *
create_user(const char *body)
{
	struct hres r;

	http_json(&r, "POST", "/users", adm(), body);
	ck_assert_msg(r.status == 201, "%ld %s", r.status, r.body);
	assert_no_secret(&r);
	json_object *o = json_object_get(r.json);
	hres_free(&r);
	return o;
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
	/* Expected failures must not add up to the per-address throttle. */
	sql("DELETE FROM throttle");
	return st;
}

static char *
org_path(const char *name)
{
	char *e = curl_easy_escape(NULL, name, 0);
	char *s = S("/orgs/%s", e);
	curl_free(e);
	return s;
}

static json_object *
orgs_all(void)
{
	struct hres r;

	http_json(&r, "GET", "/orgs", adm(), NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert(json_object_is_type(r.json, json_type_array));
	json_object *a = json_object_get(r.json);
	hres_free(&r);
	return a;
}

static int
org_count(void)
{
	json_object *a = orgs_all();
	int n = (int)json_object_array_length(a);
	json_object_put(a);
	return n;
}

static char *
org_body(const char *name)
{
	struct hres r;

	http_json(&r, "GET", org_path(name), adm(), NULL);
	ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
	char *s = strdup(r.body);
	hres_free(&r);
	return s;
}

/*
 * A bad POST /users: the answer must be 422 and nothing may be written.
 * Returns the response for the caller's own checks (hres_free it).
 */
static void
bad_create(struct hres *r, const char *body)
{
	int before = user_count();

	http_json(r, "POST", "/users", adm(), body);
	ck_assert_msg(r->status == 422, "%ld %s", r->status, r->body);
	ck_assert_int_eq(user_count(), before);
}

/* A bad PATCH of a fresh user: 422 and the record unchanged. */
static void
bad_patch(struct hres *r, const char *body)
{
	char *name = cli_user("read");
	char *uuid = uuid_of(name);
	char *before = user_body(uuid);

	http_json(r, "PATCH", S("/users/%s", uuid), adm(), body);
	ck_assert_msg(r->status == 422, "%ld %s", r->status, r->body);
	char *after = user_body(uuid);
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	free(uuid);
	free(name);
}

static void
bad_org_create(struct hres *r, const char *body)
{
	int before = org_count();

	http_json(r, "POST", "/orgs", adm(), body);
	ck_assert_msg(r->status == 422, "%ld %s", r->status, r->body);
	ck_assert_int_eq(org_count(), before);
}

/* -------------------------------------------------------- users: reads */

START_TEST(users_list_shape)
{
	struct hres r;

	http_json(&r, "GET", "/users", adm(), NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert(json_object_is_type(r.json, json_type_array));
	ck_assert_int_ge(json_object_array_length(r.json), 1);
	assert_no_secret(&r);
	int seen_admin = 0;
	for (size_t i = 0; i < json_object_array_length(r.json); i++) {
		json_object *u = json_object_array_get_idx(r.json, i);
		assert_keys(u, user_keys);
		if (strcmp(jget(u, "username"), "admin") == 0) {
			seen_admin = 1;
			ck_assert_str_eq(jplain(u, "scopes"),
			    "[\"read\",\"create\",\"update\",\"delete\",\"admin\"]");
			ck_assert_str_eq(jplain(u, "all_cases"), "true");
			ck_assert_str_eq(jplain(u, "disabled"), "false");
			ck_assert_str_eq(jplain(u, "org"), "null");
		}
	}
	ck_assert(seen_admin);
	hres_free(&r);
}
END_TEST

START_TEST(users_get_one_and_me)
{
	char *name = cli_user("read,update");
	char *uuid = uuid_of(name);
	char *tok = login(name, PW);
	struct hres r, me;

	ck_assert_ptr_nonnull(tok);
	http_json(&r, "GET", S("/users/%s", uuid), adm(), NULL);
	ck_assert_int_eq(r.status, 200);
	assert_keys(r.json, user_keys);
	assert_no_secret(&r);
	ck_assert_str_eq(jget(r.json, "uuid"), uuid);
	ck_assert_str_eq(jget(r.json, "username"), name);
	ck_assert_str_eq(jplain(r.json, "scopes"), "[\"read\",\"update\"]");
	ck_assert_str_eq(jplain(r.json, "full_name"), "null");
	ck_assert_str_eq(jplain(r.json, "email"), "null");
	ck_assert_str_eq(jplain(r.json, "org"), "null");
	ck_assert_str_eq(jplain(r.json, "all_cases"), "false");
	ck_assert_str_eq(jplain(r.json, "disabled"), "false");
	ck_assert_str_eq(jplain(r.json, "external_unique_id"), "null");
	assert_timestamp(jget(r.json, "created_at"));
	assert_timestamp(jget(r.json, "updated_at"));
	/* The listed record is the same record. */
	char *listed = user_listed(name);
	ck_assert_str_eq(listed, r.body);
	/* /users/me needs no admin scope and answers the caller's record. */
	http_json(&me, "GET", "/users/me", tok, NULL);
	ck_assert_int_eq(me.status, 200);
	ck_assert_str_eq(me.body, r.body);
	hres_free(&me);
	hres_free(&r);
	free(listed);
	free(tok);
	free(uuid);
	free(name);
}
END_TEST

START_TEST(users_me_without_any_scope)
{
	char *name = unique("usr");
	ck_assert_int_eq(admin_cli(PW, "user add %s", name), 0);
	char *tok = login(name, PW);
	struct hres r;

	ck_assert_ptr_nonnull(tok);
	http_json(&r, "GET", "/users/me", tok, NULL);
	ck_assert_int_eq(r.status, 200);
	assert_keys(r.json, user_keys);
	ck_assert_str_eq(jget(r.json, "username"), name);
	ck_assert_str_eq(jplain(r.json, "scopes"), "[]");
	hres_free(&r);
	free(tok);
	free(name);
}
END_TEST

START_TEST(users_me_without_token)
{
	struct hres r;

	http_json(&r, "GET", "/users/me", NULL, NULL);
	expect_detail(&r, 401, "Not authenticated");
	char *www = hres_header(&r, "WWW-Authenticate");
	ck_assert_str_eq(www, "Bearer");
	free(www);
	hres_free(&r);
}
END_TEST

START_TEST(users_unknown_uuid)
{
	struct hres r;
	int before = user_count();

	http_json(&r, "GET", "/users/" NOUSER, adm(), NULL);
	expect_detail(&r, 404, "User not found");
	hres_free(&r);
	http_json(&r, "PATCH", "/users/" NOUSER, adm(), "{\"full_name\":\"x\"}");
	expect_detail(&r, 404, "User not found");
	hres_free(&r);
	ck_assert_int_eq(user_count(), before);
}
END_TEST

START_TEST(users_malformed_uuid_get)
{
	struct hres r;

	http_json(&r, "GET", "/users/not-a-uuid", adm(), NULL);
	expect_one(&r, "uuid_parsing", "path.user_id", NULL);
	ck_assert_str_eq(jget(r.json, "detail.0.input"), "not-a-uuid");
	ck_assert_int_eq(strncmp(jget(r.json, "detail.0.msg"),
	    "Input should be a valid UUID", 28), 0);
	hres_free(&r);
	/* The right length with a character that is not hex. */
	http_json(&r, "GET", "/users/zzzzzzzz-0000-4000-8000-000000000000",
	    adm(), NULL);
	expect_one(&r, "uuid_parsing", "path.user_id", NULL);
	hres_free(&r);
}
END_TEST

START_TEST(users_malformed_uuid_patch)
{
	struct hres r;
	int before = user_count();

	http_json(&r, "PATCH", "/users/12345", adm(), "{\"full_name\":\"x\"}");
	expect_one(&r, "uuid_parsing", "path.user_id", NULL);
	ck_assert_str_eq(jget(r.json, "detail.0.input"), "12345");
	hres_free(&r);
	/* A bad path and a bad body: both reported, the path first. */
	http_json(&r, "PATCH", "/users/12345", adm(), "{\"username\":5}");
	expect_problems(&r, 2);
	expect_problem(&r, 0, "uuid_parsing", "path.user_id");
	expect_problem(&r, 1, "string_type", "body.username");
	hres_free(&r);
	ck_assert_int_eq(user_count(), before);
}
END_TEST

/* ------------------------------------------------------ users: create */

START_TEST(users_create_full)
{
	char *org = cli_org();
	char *name = unique("usr");
	char *ext = unique("ext");
	json_object *u = create_user(S("{\"username\":\"%s\",\"password\":\"%s\","
	    "\"full_name\":\"Ada Lovelace\",\"email\":\"ada@example.org\","
	    "\"scopes\":[\"create\",\"read\",\"admin\"],\"org\":\"%s\","
	    "\"all_cases\":true,\"disabled\":false,\"external_unique_id\":\"%s\"}",
	    name, PW, org, ext));

	assert_keys(u, user_keys);
	ck_assert_int_eq(strlen(jget(u, "uuid")), 36);
	ck_assert_str_eq(jget(u, "username"), name);
	ck_assert_str_eq(jget(u, "full_name"), "Ada Lovelace");
	ck_assert_str_eq(jget(u, "email"), "ada@example.org");
	/* Scopes come back in their canonical order. */
	ck_assert_str_eq(jplain(u, "scopes"), "[\"read\",\"create\",\"admin\"]");
	ck_assert_str_eq(jget(u, "org"), org);
	ck_assert_str_eq(jplain(u, "all_cases"), "true");
	ck_assert_str_eq(jplain(u, "disabled"), "false");
	ck_assert_str_eq(jget(u, "external_unique_id"), ext);
	assert_timestamp(jget(u, "created_at"));
	ck_assert_str_eq(jget(u, "created_at"), jget(u, "updated_at"));
	/* GET answers the same record, and the password works. */
	char *body = user_body(jget(u, "uuid"));
	ck_assert_str_eq(body, json_object_to_json_string_ext(u,
	    JSON_C_TO_STRING_PLAIN));
	ck_assert_int_eq(login_status(name, PW), 200);
	free(body);
	json_object_put(u);
	free(ext);
	free(name);
	free(org);
}
END_TEST

START_TEST(users_create_minimal)
{
	char *name = unique("usr");
	int before = user_count();
	json_object *u = create_user(S("{\"username\":\"%s\"}", name));

	assert_keys(u, user_keys);
	ck_assert_str_eq(jget(u, "username"), name);
	ck_assert_str_eq(jplain(u, "full_name"), "null");
	ck_assert_str_eq(jplain(u, "email"), "null");
	ck_assert_str_eq(jplain(u, "scopes"), "[]");
	ck_assert_str_eq(jplain(u, "org"), "null");
	ck_assert_str_eq(jplain(u, "all_cases"), "false");
	ck_assert_str_eq(jplain(u, "disabled"), "false");
	ck_assert_str_eq(jplain(u, "external_unique_id"), "null");
	ck_assert_int_eq(user_count(), before + 1);
	char *listed = user_listed(name);
	ck_assert_ptr_nonnull(listed);
	free(listed);
	json_object_put(u);
	free(name);
}
END_TEST

START_TEST(users_create_disabled_and_nulls)
{
	char *name = unique("usr");
	json_object *u = create_user(S("{\"username\":\"%s\",\"disabled\":true,"
	    "\"full_name\":null,\"email\":null,\"org\":null,"
	    "\"external_unique_id\":null,\"password\":null,\"scopes\":[]}", name));

	ck_assert_str_eq(jplain(u, "disabled"), "true");
	ck_assert_str_eq(jplain(u, "org"), "null");
	ck_assert_str_eq(jplain(u, "scopes"), "[]");
	json_object_put(u);
	free(name);
}
END_TEST

START_TEST(users_password_optional)
{
	char *name = unique("usr");
	json_object *u = create_user(S("{\"username\":\"%s\",\"scopes\":"
	    "[\"read\"]}", name));
	struct hres r;

	/* No password yet: nobody can log in as this user. */
	ck_assert_int_eq(login_status(name, PW), 401);
	http_json(&r, "PATCH", S("/users/%s", jget(u, "uuid")), adm(),
	    "{\"password\":\"" PW "\"}");
	ck_assert_int_eq(r.status, 200);
	assert_keys(r.json, user_keys);
	assert_no_secret(&r);
	hres_free(&r);
	ck_assert_int_eq(login_status(name, PW), 200);
	/* A second PATCH replaces it: the old one stops working. */
	http_json(&r, "PATCH", S("/users/%s", jget(u, "uuid")), adm(),
	    "{\"password\":\"" PW2 "\"}");
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	ck_assert_int_eq(login_status(name, PW), 401);
	ck_assert_int_eq(login_status(name, PW2), 200);
	json_object_put(u);
	free(name);
}
END_TEST

START_TEST(users_create_with_org_shows_name)
{
	char *org = cli_org(), *renamed = unique("org");
	char *name = unique("usr");
	json_object *u = create_user(S("{\"username\":\"%s\",\"org\":\"%s\"}",
	    name, org));
	struct hres r;

	ck_assert_str_eq(jget(u, "org"), org);
	/* The record names the organisation, so a rename shows through. */
	http_json(&r, "PATCH", org_path(org), adm(),
	    S("{\"name\":\"%s\"}", renamed));
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	http_json(&r, "GET", S("/users/%s", jget(u, "uuid")), adm(), NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "org"), renamed);
	hres_free(&r);
	json_object_put(u);
	free(name);
	free(renamed);
	free(org);
}
END_TEST

START_TEST(users_create_unknown_org)
{
	struct hres r;
	char *name = unique("usr");

	bad_create(&r, S("{\"username\":\"%s\",\"org\":\"no-such-org-%s\"}",
	    name, name));
	expect_one(&r, "value_error", "body.org", NULL);
	ck_assert_str_eq(jget(r.json, "detail.0.input"),
	    S("no-such-org-%s", name));
	hres_free(&r);
	char *listed = user_listed(name);
	ck_assert_ptr_null(listed);
	free(name);
}
END_TEST

START_TEST(users_create_org_wrong_type)
{
	struct hres r;
	char *name = unique("usr");

	/* One problem per bad value: a number is not a string, and that is all. */
	bad_create(&r, S("{\"username\":\"%s\",\"org\":5}", name));
	expect_one(&r, "string_type", "body.org", "Input should be a valid string");
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(users_create_duplicate_username)
{
	char *name = cli_user("read");
	char *before = user_listed(name);
	int n = user_count();
	struct hres r;

	http_json(&r, "POST", "/users", adm(), S("{\"username\":\"%s\","
	    "\"password\":\"" PW2 "\",\"scopes\":[\"admin\"]}", name));
	expect_detail(&r, 409, "A user with this username already exists");
	hres_free(&r);
	ck_assert_int_eq(user_count(), n);
	char *after = user_listed(name);
	ck_assert_str_eq(after, before);
	/* The original password still works; the one sent does not. */
	ck_assert_int_eq(login_status(name, PW), 200);
	ck_assert_int_eq(login_status(name, PW2), 401);
	free(after);
	free(before);
	free(name);
}
END_TEST

START_TEST(users_create_duplicate_external_id)
{
	char *ext = unique("ext"), *a = unique("usr"), *b = unique("usr");
	json_object *u = create_user(S("{\"username\":\"%s\","
	    "\"external_unique_id\":\"%s\"}", a, ext));
	int n = user_count();
	struct hres r;

	http_json(&r, "POST", "/users", adm(), S("{\"username\":\"%s\","
	    "\"external_unique_id\":\"%s\"}", b, ext));
	expect_detail(&r, 409, "external_unique_id is already in use");
	hres_free(&r);
	ck_assert_int_eq(user_count(), n);
	char *listed = user_listed(b);
	ck_assert_ptr_null(listed);
	json_object_put(u);
	free(ext);
	free(a);
	free(b);
}
END_TEST

START_TEST(users_create_three_bad_fields)
{
	struct hres r;

	bad_create(&r, "{\"username\":5,\"scopes\":\"read\",\"all_cases\":\"yes\"}");
	expect_problems(&r, 3);
	expect_problem(&r, 0, "string_type", "body.username");
	expect_problem(&r, 1, "list_type", "body.scopes");
	expect_problem(&r, 2, "bool_type", "body.all_cases");
	ck_assert_str_eq(jget(r.json, "detail.0.msg"),
	    "Input should be a valid string");
	ck_assert_str_eq(jplain(r.json, "detail.0.input"), "5");
	ck_assert_str_eq(jget(r.json, "detail.1.msg"),
	    "Input should be a valid list");
	ck_assert_str_eq(jget(r.json, "detail.1.input"), "read");
	ck_assert_str_eq(jget(r.json, "detail.2.msg"),
	    "Input should be a valid boolean");
	ck_assert_str_eq(jget(r.json, "detail.2.input"), "yes");
	/* Every entry has FastAPI's keys. */
	for (int i = 0; i < 3; i++) {
		json_object *p = jfind(r.json, S("detail.%d", i));
		ck_assert(json_object_object_get_ex(p, "type", NULL));
		ck_assert(json_object_object_get_ex(p, "loc", NULL));
		ck_assert(json_object_object_get_ex(p, "msg", NULL));
		ck_assert(json_object_object_get_ex(p, "input", NULL));
	}
	hres_free(&r);
}
END_TEST

START_TEST(users_create_malformed_json)
{
	struct hres r;

	bad_create(&r, "{\"username\": ");
	expect_json_invalid(&r, 13);
	ck_assert_str_eq(jget(r.json, "detail.0.ctx.error"), "Expecting value");
	hres_free(&r);
	bad_create(&r, "{\"username\":\"x\"} {}");
	expect_json_invalid(&r, 17);
	hres_free(&r);
}
END_TEST

START_TEST(users_create_malformed_json_without_token)
{
	struct hres r;
	int before = user_count();

	/* The body is decoded before the caller is checked. */
	http_json(&r, "POST", "/users", NULL, "{bad json");
	expect_json_invalid(&r, 1);
	char *www = hres_header(&r, "WWW-Authenticate");
	ck_assert_ptr_null(www);
	hres_free(&r);
	http_json(&r, "PATCH", "/users/" NOUSER, NULL, "[1,");
	expect_json_invalid(&r, 3);
	hres_free(&r);
	ck_assert_int_eq(user_count(), before);
}
END_TEST

/*
 * Python's decoder, which FastAPI uses, refuses what a lenient parser takes:
 * a trailing comma, single quotes, a raw control character in a string. The
 * offset is where Python's decoder points.
 */
static void
not_strict(const char *body, int pos, const char *name)
{
	struct hres r;

	bad_create(&r, body);
	expect_json_invalid(&r, pos);
	hres_free(&r);
	char *listed = user_listed(name);
	ck_assert_ptr_null(listed);
}

START_TEST(users_create_json_trailing_comma)
{
	char *name = unique("usr");
	char *b = S("{\"username\":\"%s\",}", name);

	not_strict(b, (int)strlen(b) - 1, name);
	b = S("{\"username\":\"%s\",\"scopes\":[\"read\",]}", name);
	not_strict(b, (int)strlen(b) - 2, name);
	free(name);
}
END_TEST

START_TEST(users_create_json_single_quotes)
{
	char *name = unique("usr");

	not_strict(S("{'username':'%s'}", name), 1, name);
	free(name);
}
END_TEST

START_TEST(users_create_json_control_character)
{
	char *name = unique("usr");
	char *b = S("{\"username\":\"%s\",\"full_name\":\"a\tb\"}", name);

	not_strict(b, (int)(strchr(b, '\t') - b), name);
	free(name);
}
END_TEST

START_TEST(users_create_json_array)
{
	struct hres r;

	bad_create(&r, "[{\"username\":\"arrayuser\"}]");
	expect_one(&r, "model_attributes_type", "body", "Input should be a valid "
	    "dictionary or object to extract fields from");
	ck_assert_str_eq(jplain(r.json, "detail.0.input"),
	    "[{\"username\":\"arrayuser\"}]");
	hres_free(&r);
	char *listed = user_listed("arrayuser");
	ck_assert_ptr_null(listed);
}
END_TEST

START_TEST(users_create_content_type_variants)
{
	/* JSON is JSON with a charset, as a +json type, or with no type at all. */
	static const char *const types[] = {
		"Content-Type: application/json; charset=utf-8",
		"Content-Type: application/merge-patch+json",
		"Content-Type:"		/* libcurl: send none */
	};
	char *auth = S("Authorization: Bearer %s", adm());

	for (size_t i = 0; i < 3; i++) {
		struct hres	 r;
		char		*name = unique("usr");
		char		*body = S("{\"username\":\"%s\"}", name);
		const char	*h[] = { auth, types[i], NULL };

		http(&r, "POST", "/users", h, body, strlen(body));
		ck_assert_msg(r.status == 201, "%s: %ld %s", types[i], r.status,
		    r.body);
		ck_assert_str_eq(jget(r.json, "username"), name);
		hres_free(&r);
		free(name);
	}
}
END_TEST

START_TEST(users_create_not_json_content_type)
{
	struct hres	 r;
	char		*name = unique("usr");
	char		*body = S("{\"username\":\"%s\"}", name);
	char		*auth = S("Authorization: Bearer %s", adm());
	const char	*h[] = { "Content-Type: text/plain", auth, NULL };
	int		 before = user_count();

	http(&r, "POST", "/users", h, body, strlen(body));
	expect_one(&r, "model_attributes_type", "body", "Input should be a valid "
	    "dictionary or object to extract fields from");
	ck_assert_str_eq(jget(r.json, "detail.0.input"), body);
	hres_free(&r);
	ck_assert_int_eq(user_count(), before);
	char *listed = user_listed(name);
	ck_assert_ptr_null(listed);
	free(name);
}
END_TEST

START_TEST(users_create_empty_body)
{
	struct hres r;

	bad_create(&r, "");
	expect_one(&r, "missing", "body", "Field required");
	hres_free(&r);
}
END_TEST

START_TEST(users_create_username_number)
{
	struct hres r;

	bad_create(&r, "{\"username\":12345}");
	expect_one(&r, "string_type", "body.username",
	    "Input should be a valid string");
	ck_assert_str_eq(jplain(r.json, "detail.0.input"), "12345");
	hres_free(&r);
}
END_TEST

START_TEST(users_create_scopes_not_list)
{
	struct hres r;
	char *name = unique("usr");

	bad_create(&r, S("{\"username\":\"%s\",\"scopes\":\"read,admin\"}", name));
	expect_one(&r, "list_type", "body.scopes", "Input should be a valid list");
	ck_assert_str_eq(jget(r.json, "detail.0.input"), "read,admin");
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(users_create_scope_unknown)
{
	struct hres r;
	char *name = unique("usr");

	bad_create(&r, S("{\"username\":\"%s\",\"scopes\":[\"read\",\"root\"]}",
	    name));
	expect_one(&r, "enum", "body.scopes.1", "Input should be 'read', "
	    "'create', 'update', 'delete' or 'admin'");
	ck_assert_str_eq(jget(r.json, "detail.0.input"), "root");
	ck_assert_str_eq(jget(r.json, "detail.0.ctx.expected"),
	    "'read', 'create', 'update', 'delete' or 'admin'");
	/* The index is a number, as Pydantic's is. */
	ck_assert(json_object_is_type(jfind(r.json, "detail.0.loc.2"),
	    json_type_int));
	hres_free(&r);
	/* Each bad item is its own problem. */
	bad_create(&r, S("{\"username\":\"%s\",\"scopes\":[\"x\",\"read\",7]}",
	    name));
	expect_problems(&r, 2);
	expect_problem(&r, 0, "enum", "body.scopes.0");
	expect_problem(&r, 1, "string_type", "body.scopes.2");
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(users_create_all_cases_string)
{
	struct hres r;
	char *name = unique("usr");

	bad_create(&r, S("{\"username\":\"%s\",\"all_cases\":\"true\"}", name));
	expect_one(&r, "bool_type", "body.all_cases",
	    "Input should be a valid boolean");
	ck_assert_str_eq(jget(r.json, "detail.0.input"), "true");
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(users_create_other_wrong_types)
{
	struct hres r;
	char *name = unique("usr");

	bad_create(&r, S("{\"username\":\"%s\",\"full_name\":1,\"email\":[],"
	    "\"disabled\":0,\"external_unique_id\":true,\"password\":12345678}",
	    name));
	expect_problems(&r, 5);
	expect_problem(&r, 0, "string_type", "body.full_name");
	expect_problem(&r, 1, "string_type", "body.email");
	expect_problem(&r, 2, "bool_type", "body.disabled");
	expect_problem(&r, 3, "string_type", "body.external_unique_id");
	expect_problem(&r, 4, "string_type", "body.password");
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(users_create_readonly_uuid)
{
	struct hres r;
	char *name = unique("usr");

	bad_create(&r, S("{\"username\":\"%s\",\"uuid\":\"%s\"}", name, NOUSER));
	expect_one(&r, "extra_forbidden", "body.uuid",
	    "Extra inputs are not permitted");
	ck_assert_str_eq(jget(r.json, "detail.0.input"), NOUSER);
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(users_create_readonly_created_at)
{
	struct hres r;
	char *name = unique("usr");

	bad_create(&r, S("{\"username\":\"%s\",\"created_at\":"
	    "\"2020-01-01T00:00:00Z\",\"updated_at\":\"2020-01-01T00:00:00Z\"}",
	    name));
	expect_problems(&r, 2);
	expect_problem(&r, 0, "extra_forbidden", "body.created_at");
	expect_problem(&r, 1, "extra_forbidden", "body.updated_at");
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(users_create_unknown_key)
{
	struct hres r;
	char *name = unique("usr");

	bad_create(&r, S("{\"username\":\"%s\",\"hashed_password\":\"x\"}", name));
	expect_one(&r, "extra_forbidden", "body.hashed_password",
	    "Extra inputs are not permitted");
	hres_free(&r);
	bad_create(&r, S("{\"username\":\"%s\",\"is_superuser\":true}", name));
	expect_one(&r, "extra_forbidden", "body.is_superuser",
	    "Extra inputs are not permitted");
	ck_assert_str_eq(jplain(r.json, "detail.0.input"), "true");
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(users_create_username_too_long)
{
	struct hres r;
	char name[200];

	memset(name, 'u', 151);
	name[151] = '\0';
	bad_create(&r, S("{\"username\":\"%s\"}", name));
	expect_one(&r, "string_too_long", "body.username",
	    "String should have at most 150 characters");
	ck_assert_str_eq(jplain(r.json, "detail.0.ctx"), "{\"max_length\":150}");
	hres_free(&r);
	/* 150 is allowed. */
	char *u = unique("long");
	memset(name, 'u', 150);
	memcpy(name, u, strlen(u));
	name[150] = '\0';
	json_object *o = create_user(S("{\"username\":\"%s\"}", name));
	ck_assert_str_eq(jget(o, "username"), name);
	json_object_put(o);
	free(u);
}
END_TEST

START_TEST(users_create_username_with_space)
{
	struct hres r;
	char *name = unique("usr");

	bad_create(&r, S("{\"username\":\"%s x\"}", name));
	expect_one(&r, "value_error", "body.username", NULL);
	ck_assert_int_eq(strncmp(jget(r.json, "detail.0.msg"), "Value error, ",
	    13), 0);
	ck_assert_str_eq(jget(r.json, "detail.0.input"), S("%s x", name));
	hres_free(&r);
	bad_create(&r, "{\"username\":\"\"}");
	expect_problems(&r, 1);
	ck_assert_str_eq(jget(r.json, "detail.0.loc.1"), "username");
	hres_free(&r);
	char *listed = user_listed(S("%s x", name));
	ck_assert_ptr_null(listed);
	free(name);
}
END_TEST

START_TEST(users_create_email_invalid)
{
	static const char *const bad[] = {
		"no-at-sign", "two@@example.org", "a@nodot", "a b@example.org",
		"@example.org", "a@example.org."
	};
	struct hres r;
	char *name = unique("usr");

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		bad_create(&r, S("{\"username\":\"%s\",\"email\":\"%s\"}", name,
		    bad[i]));
		expect_one(&r, "value_error", "body.email",
		    "Value error, value is not a valid email address");
		ck_assert_str_eq(jget(r.json, "detail.0.input"), bad[i]);
		hres_free(&r);
	}
	free(name);
}
END_TEST

START_TEST(users_create_password_too_short)
{
	struct hres r;
	char *name = unique("usr");

	bad_create(&r, S("{\"username\":\"%s\",\"password\":\"pw-sec7\"}", name));
	expect_one(&r, "value_error", "body.password", NULL);
	hres_free(&r);
	/* Eight is enough. */
	json_object *o = create_user(S("{\"username\":\"%s\",\"password\":"
	    "\"pw-sec88\"}", name));
	json_object_put(o);
	ck_assert_int_eq(login_status(name, "pw-sec88"), 200);
	free(name);
}
END_TEST

START_TEST(users_create_password_too_long)
{
	struct hres	r;
	char		*name = unique("usr");
	char		 pw[1100];

	memset(pw, 'p', 1025);
	memcpy(pw, "pw-secret-", 10);
	pw[1025] = '\0';
	bad_create(&r, S("{\"username\":\"%s\",\"password\":\"%s\"}", name, pw));
	expect_one(&r, "value_error", "body.password", NULL);
	hres_free(&r);
	/* 1024 bytes are allowed, and log in. */
	pw[1024] = '\0';
	json_object *o = create_user(S("{\"username\":\"%s\",\"password\":"
	    "\"%s\"}", name, pw));
	json_object_put(o);
	ck_assert_int_eq(login_status(name, pw), 200);
	free(name);
}
END_TEST

START_TEST(users_create_missing_username)
{
	struct hres r;

	bad_create(&r, "{\"full_name\":\"Nobody\",\"password\":\"" PW "\"}");
	expect_one(&r, "missing", "body.username", "Field required");
	hres_free(&r);
	bad_create(&r, "{}");
	expect_one(&r, "missing", "body.username", "Field required");
	ck_assert_str_eq(jplain(r.json, "detail.0.input"), "{}");
	hres_free(&r);
}
END_TEST

START_TEST(users_create_null_username)
{
	struct hres r;

	bad_create(&r, "{\"username\":null}");
	expect_one(&r, "string_type", "body.username",
	    "Input should be a valid string");
	hres_free(&r);
}
END_TEST

START_TEST(users_body_too_large)
{
	struct hres	 r;
	size_t		 n = (1 << 20) + 100;
	char		*big = malloc(n + 1);
	char		*name = unique("usr");
	int		 before = user_count();

	/* A valid JSON object, just too big. */
	int o = snprintf(big, n, "{\"username\":\"%s\",\"full_name\":\"", name);
	memset(big + o, 'a', n - (size_t)o - 2);
	memcpy(big + n - 2, "\"}", 2);
	big[n] = '\0';
	http_json(&r, "POST", "/users", adm(), big);
	expect_detail(&r, 413, "Request Entity Too Large");
	hres_free(&r);
	ck_assert_int_eq(user_count(), before);
	char *listed = user_listed(name);
	ck_assert_ptr_null(listed);
	free(big);
	free(name);
}
END_TEST

/* --------------------------------------------------- users: the gate */

START_TEST(users_no_token)
{
	struct hres	 r;
	char		*name = cli_user("read");
	char		*uuid = uuid_of(name);
	char		*before = user_body(uuid);
	int		 n = user_count();
	char		*fresh = unique("usr");
	struct {
		const char *method, *path, *body;
	} calls[] = {
		{ "GET", "/users", NULL },
		{ "POST", "/users", S("{\"username\":\"%s\"}", fresh) },
		{ "GET", S("/users/%s", uuid), NULL },
		{ "PATCH", S("/users/%s", uuid), "{\"full_name\":\"changed\"}" },
		{ "GET", "/orgs", NULL },
		{ "POST", "/orgs", S("{\"name\":\"%s\"}", fresh) },
	};

	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		http_json(&r, calls[i].method, calls[i].path, NULL, calls[i].body);
		expect_detail(&r, 401, "Not authenticated");
		char *www = hres_header(&r, "WWW-Authenticate");
		ck_assert_str_eq(www, "Bearer");
		free(www);
		hres_free(&r);
	}
	ck_assert_int_eq(user_count(), n);
	char *after = user_body(uuid);
	ck_assert_str_eq(after, before);
	char *listed = user_listed(fresh);
	ck_assert_ptr_null(listed);
	free(after);
	free(before);
	free(fresh);
	free(uuid);
	free(name);
}
END_TEST

START_TEST(users_not_admin)
{
	struct hres	 r;
	char		*name = cli_user("read,create,update,delete");
	char		*uuid = uuid_of(name);
	char		*tok = login(name, PW);
	char		*before = user_body(uuid);
	int		 n = user_count(), no = org_count();
	char		*fresh = unique("usr");
	struct {
		const char *method, *path, *body;
	} calls[] = {
		{ "GET", "/users", NULL },
		{ "POST", "/users", S("{\"username\":\"%s\"}", fresh) },
		{ "GET", S("/users/%s", uuid), NULL },
		{ "PATCH", S("/users/%s", uuid), "{\"scopes\":[\"admin\"]}" },
		{ "GET", "/orgs", NULL },
		{ "POST", "/orgs", S("{\"name\":\"%s\"}", fresh) },
	};

	ck_assert_ptr_nonnull(tok);
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		http_json(&r, calls[i].method, calls[i].path, tok, calls[i].body);
		expect_detail(&r, 401, "Not enough permissions");
		char *www = hres_header(&r, "WWW-Authenticate");
		ck_assert_str_eq(www, "Bearer scope=\"admin\"");
		free(www);
		hres_free(&r);
	}
	ck_assert_int_eq(user_count(), n);
	ck_assert_int_eq(org_count(), no);
	char *after = user_body(uuid);
	ck_assert_str_eq(after, before);
	/* Its own record is still readable. */
	http_json(&r, "GET", "/users/me", tok, NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body, before);
	hres_free(&r);
	free(after);
	free(before);
	free(fresh);
	free(tok);
	free(uuid);
	free(name);
}
END_TEST

/* ------------------------------------------------------- users: PATCH */

START_TEST(users_patch_partial)
{
	char		*name = cli_user("read");
	char		*uuid = uuid_of(name);
	struct hres	 r, r2;
	json_object	*orig;

	http_json(&r, "GET", S("/users/%s", uuid), adm(), NULL);
	orig = json_object_get(r.json);
	hres_free(&r);
	http_json(&r, "PATCH", S("/users/%s", uuid), adm(),
	    "{\"full_name\":\"First Name\",\"email\":\"first@example.org\"}");
	ck_assert_int_eq(r.status, 200);
	assert_keys(r.json, user_keys);
	assert_no_secret(&r);
	ck_assert_str_eq(jget(r.json, "full_name"), "First Name");
	ck_assert_str_eq(jget(r.json, "email"), "first@example.org");
	ck_assert_str_eq(jget(r.json, "created_at"), jget(orig, "created_at"));
	ck_assert_str_ne(jget(r.json, "updated_at"), jget(orig, "updated_at"));
	/* Only full_name now: email and everything else stay. */
	http_json(&r2, "PATCH", S("/users/%s", uuid), adm(),
	    "{\"full_name\":\"Second Name\"}");
	ck_assert_int_eq(r2.status, 200);
	ck_assert_str_eq(jget(r2.json, "full_name"), "Second Name");
	ck_assert_str_eq(jget(r2.json, "email"), "first@example.org");
	ck_assert_str_eq(jget(r2.json, "uuid"), uuid);
	ck_assert_str_eq(jget(r2.json, "username"), name);
	ck_assert_str_eq(jplain(r2.json, "scopes"), "[\"read\"]");
	ck_assert_str_eq(jplain(r2.json, "org"), "null");
	ck_assert_str_eq(jplain(r2.json, "all_cases"), "false");
	ck_assert_str_eq(jplain(r2.json, "disabled"), "false");
	ck_assert_str_eq(jplain(r2.json, "external_unique_id"), "null");
	ck_assert_str_eq(jget(r2.json, "created_at"), jget(orig, "created_at"));
	ck_assert_str_gt(jget(r2.json, "updated_at"), jget(r.json, "updated_at"));
	/* GET agrees, and the password was kept. */
	char *body = user_body(uuid);
	ck_assert_str_eq(body, r2.body);
	ck_assert_int_eq(login_status(name, PW), 200);
	free(body);
	hres_free(&r2);
	hres_free(&r);
	json_object_put(orig);
	free(uuid);
	free(name);
}
END_TEST

START_TEST(users_patch_empty_is_noop)
{
	char *name = cli_user("read,create");
	char *uuid = uuid_of(name);
	char *before = user_body(uuid);
	struct hres r;

	http_json(&r, "PATCH", S("/users/%s", uuid), adm(), "{}");
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body, before);
	hres_free(&r);
	char *after = user_body(uuid);
	ck_assert_str_eq(after, before);
	ck_assert_int_eq(login_status(name, PW), 200);
	free(after);
	free(before);
	free(uuid);
	free(name);
}
END_TEST

START_TEST(users_patch_scopes_take_effect_at_once)
{
	char		*name = cli_user("read");
	char		*uuid = uuid_of(name);
	char		*tok = login(name, PW);
	struct hres	 r;

	ck_assert_ptr_nonnull(tok);
	http_json(&r, "GET", "/users", tok, NULL);
	expect_detail(&r, 401, "Not enough permissions");
	hres_free(&r);
	http_json(&r, "PATCH", S("/users/%s", uuid), adm(),
	    "{\"scopes\":[\"admin\",\"read\"]}");
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jplain(r.json, "scopes"), "[\"read\",\"admin\"]");
	hres_free(&r);
	/* The same token, issued before the change. */
	http_json(&r, "GET", "/users", tok, NULL);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	http_json(&r, "PATCH", S("/users/%s", uuid), adm(), "{\"scopes\":[]}");
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jplain(r.json, "scopes"), "[]");
	hres_free(&r);
	http_json(&r, "GET", S("/users/%s", uuid), tok, NULL);
	expect_detail(&r, 401, "Not enough permissions");
	hres_free(&r);
	http_json(&r, "GET", "/users/me", tok, NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jplain(r.json, "scopes"), "[]");
	hres_free(&r);
	free(tok);
	free(uuid);
	free(name);
}
END_TEST

START_TEST(users_patch_disable)
{
	char		*name = cli_user("read");
	char		*uuid = uuid_of(name);
	char		*tok = login(name, PW);
	struct hres	 r;

	ck_assert_ptr_nonnull(tok);
	http_json(&r, "PATCH", S("/users/%s", uuid), adm(),
	    "{\"disabled\":true}");
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jplain(r.json, "disabled"), "true");
	hres_free(&r);
	http_json(&r, "GET", "/users/me", tok, NULL);
	expect_detail(&r, 401, "User Disabled");
	hres_free(&r);
	http_json(&r, "PATCH", S("/users/%s", uuid), adm(),
	    "{\"disabled\":false}");
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jplain(r.json, "disabled"), "false");
	hres_free(&r);
	http_json(&r, "GET", "/users/me", tok, NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "username"), name);
	hres_free(&r);
	free(tok);
	free(uuid);
	free(name);
}
END_TEST

START_TEST(users_patch_org_set_and_null)
{
	char		*org = cli_org();
	char		*name = cli_user("read");
	char		*uuid = uuid_of(name);
	char		*tok = login(name, PW);
	struct hres	 r;

	http_json(&r, "PATCH", S("/users/%s", uuid), adm(),
	    S("{\"org\":\"%s\",\"all_cases\":true}", org));
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "org"), org);
	ck_assert_str_eq(jplain(r.json, "all_cases"), "true");
	hres_free(&r);
	http_json(&r, "GET", "/users/me", tok, NULL);
	ck_assert_str_eq(jget(r.json, "org"), org);
	hres_free(&r);
	/* An unknown organisation is refused and the old one stays. */
	http_json(&r, "PATCH", S("/users/%s", uuid), adm(),
	    S("{\"org\":\"%s-gone\"}", org));
	expect_one(&r, "value_error", "body.org", NULL);
	hres_free(&r);
	http_json(&r, "GET", S("/users/%s", uuid), adm(), NULL);
	ck_assert_str_eq(jget(r.json, "org"), org);
	hres_free(&r);
	/* null removes it, and nothing else. */
	http_json(&r, "PATCH", S("/users/%s", uuid), adm(), "{\"org\":null}");
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jplain(r.json, "org"), "null");
	ck_assert_str_eq(jplain(r.json, "all_cases"), "true");
	hres_free(&r);
	http_json(&r, "GET", "/users/me", tok, NULL);
	ck_assert_str_eq(jplain(r.json, "org"), "null");
	hres_free(&r);
	free(tok);
	free(uuid);
	free(name);
	free(org);
}
END_TEST

START_TEST(users_patch_nullable_fields)
{
	char		*name = cli_user("read");
	char		*uuid = uuid_of(name);
	char		*ext = unique("ext");
	struct hres	 r;

	http_json(&r, "PATCH", S("/users/%s", uuid), adm(), S("{\"full_name\":"
	    "\"N\",\"email\":\"n@example.org\",\"external_unique_id\":\"%s\"}",
	    ext));
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "external_unique_id"), ext);
	hres_free(&r);
	http_json(&r, "PATCH", S("/users/%s", uuid), adm(), "{\"full_name\":null,"
	    "\"email\":null,\"external_unique_id\":null}");
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jplain(r.json, "full_name"), "null");
	ck_assert_str_eq(jplain(r.json, "email"), "null");
	ck_assert_str_eq(jplain(r.json, "external_unique_id"), "null");
	hres_free(&r);
	free(ext);
	free(uuid);
	free(name);
}
END_TEST

START_TEST(users_patch_rename)
{
	char		*name = cli_user("read");
	char		*uuid = uuid_of(name);
	char		*to = unique("usr");
	struct hres	 r;

	http_json(&r, "PATCH", S("/users/%s", uuid), adm(),
	    S("{\"username\":\"%s\"}", to));
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "username"), to);
	ck_assert_str_eq(jget(r.json, "uuid"), uuid);
	hres_free(&r);
	ck_assert_int_eq(login_status(to, PW), 200);
	ck_assert_int_eq(login_status(name, PW), 401);
	free(to);
	free(uuid);
	free(name);
}
END_TEST

START_TEST(users_patch_duplicate_username)
{
	char		*a = cli_user("read"), *b = cli_user("read");
	char		*uuid = uuid_of(b);
	char		*before = user_body(uuid);
	struct hres	 r;

	http_json(&r, "PATCH", S("/users/%s", uuid), adm(),
	    S("{\"username\":\"%s\",\"full_name\":\"Taken\"}", a));
	expect_detail(&r, 409, "A user with this username already exists");
	hres_free(&r);
	char *after = user_body(uuid);
	ck_assert_str_eq(after, before);
	free(after);
	free(before);
	free(uuid);
	free(a);
	free(b);
}
END_TEST

START_TEST(users_patch_duplicate_external_id)
{
	char		*a = cli_user("read"), *b = cli_user("read");
	char		*ua = uuid_of(a), *ub = uuid_of(b), *ext = unique("ext");
	struct hres	 r;

	http_json(&r, "PATCH", S("/users/%s", ua), adm(),
	    S("{\"external_unique_id\":\"%s\"}", ext));
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	char *before = user_body(ub);
	http_json(&r, "PATCH", S("/users/%s", ub), adm(),
	    S("{\"external_unique_id\":\"%s\"}", ext));
	expect_detail(&r, 409, "external_unique_id is already in use");
	hres_free(&r);
	char *after = user_body(ub);
	ck_assert_str_eq(after, before);
	free(after);
	free(before);
	free(ext);
	free(ua);
	free(ub);
	free(a);
	free(b);
}
END_TEST

START_TEST(users_patch_null_username)
{
	struct hres r;

	bad_patch(&r, "{\"username\":null}");
	expect_one(&r, "string_type", "body.username",
	    "Input should be a valid string");
	ck_assert_str_eq(jplain(r.json, "detail.0.input"), "null");
	hres_free(&r);
}
END_TEST

START_TEST(users_patch_bad_fields)
{
	struct hres r;

	bad_patch(&r, "{\"uuid\":\"" NOUSER "\",\"scopes\":[\"sudo\"],"
	    "\"disabled\":\"no\",\"email\":\"x\",\"password\":\"short\"}");
	expect_problems(&r, 5);
	expect_problem(&r, 0, "extra_forbidden", "body.uuid");
	expect_problem(&r, 1, "enum", "body.scopes.0");
	expect_problem(&r, 2, "bool_type", "body.disabled");
	expect_problem(&r, 3, "value_error", "body.email");
	expect_problem(&r, 4, "value_error", "body.password");
	hres_free(&r);
}
END_TEST

START_TEST(users_patch_not_an_object)
{
	struct hres r;

	bad_patch(&r, "[]");
	expect_one(&r, "model_attributes_type", "body", NULL);
	hres_free(&r);
	bad_patch(&r, "{\"disabled\":tru}");
	expect_json_invalid(&r, 12);	/* where Python's decoder points */
	hres_free(&r);
	bad_patch(&r, "\"string\"");
	expect_one(&r, "model_attributes_type", "body", NULL);
	hres_free(&r);
}
END_TEST

START_TEST(users_patch_too_large)
{
	char		*name = cli_user("read");
	char		*uuid = uuid_of(name);
	char		*before = user_body(uuid);
	size_t		 n = (1 << 20) + 100;
	char		*big = malloc(n + 1);
	struct hres	 r;

	int o = snprintf(big, n, "{\"full_name\":\"");
	memset(big + o, 'b', n - (size_t)o - 2);
	memcpy(big + n - 2, "\"}", 2);
	big[n] = '\0';
	http_json(&r, "PATCH", S("/users/%s", uuid), adm(), big);
	expect_detail(&r, 413, "Request Entity Too Large");
	hres_free(&r);
	char *after = user_body(uuid);
	ck_assert_str_eq(after, before);
	free(after);
	free(big);
	free(before);
	free(uuid);
	free(name);
}
END_TEST

/* ---------------------------------------------------------------- orgs */

START_TEST(orgs_create_and_read)
{
	char		*name = S("%s Legal & Co 100%%", unique("Org "));
	char		*ext = unique("oext");
	struct hres	 r;
	int		 before = org_count();

	http_json(&r, "POST", "/orgs", adm(), S("{\"name\":\"%s\",\"premium\":"
	    "true,\"external_unique_id\":\"%s\"}", name, ext));
	ck_assert_msg(r.status == 201, "%ld %s", r.status, r.body);
	assert_keys(r.json, org_keys);
	ck_assert_int_eq(strlen(jget(r.json, "uuid")), 36);
	ck_assert_str_eq(jget(r.json, "name"), name);
	ck_assert_str_eq(jplain(r.json, "premium"), "true");
	ck_assert_str_eq(jget(r.json, "external_unique_id"), ext);
	assert_timestamp(jget(r.json, "created_at"));
	ck_assert_str_eq(jget(r.json, "created_at"), jget(r.json, "updated_at"));
	ck_assert_int_eq(org_count(), before + 1);
	/* Addressed by its name, percent-encoded. */
	char *body = org_body(name);
	ck_assert_str_eq(body, r.body);
	/* And listed, with the same record. */
	json_object *a = orgs_all();
	int found = 0;
	for (size_t i = 0; i < json_object_array_length(a); i++) {
		json_object *o = json_object_array_get_idx(a, i);
		assert_keys(o, org_keys);
		if (strcmp(jget(o, "name"), name) == 0) {
			found++;
			ck_assert_str_eq(json_object_to_json_string_ext(o,
			    JSON_C_TO_STRING_PLAIN), r.body);
		}
	}
	ck_assert_int_eq(found, 1);
	json_object_put(a);
	free(body);
	hres_free(&r);
	free(ext);
	free(name);
}
END_TEST

START_TEST(orgs_create_defaults)
{
	char		*name = unique("org");
	struct hres	 r;

	http_json(&r, "POST", "/orgs", adm(), S("{\"name\":\"%s\"}", name));
	ck_assert_int_eq(r.status, 201);
	assert_keys(r.json, org_keys);
	ck_assert_str_eq(jplain(r.json, "premium"), "false");
	ck_assert_str_eq(jplain(r.json, "external_unique_id"), "null");
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(orgs_create_duplicate_name)
{
	char		*name = cli_org();
	char		*before = org_body(name);
	int		 n = org_count();
	struct hres	 r;

	http_json(&r, "POST", "/orgs", adm(),
	    S("{\"name\":\"%s\",\"premium\":true}", name));
	expect_detail(&r, 409, "An organisation with this name already exists");
	hres_free(&r);
	ck_assert_int_eq(org_count(), n);
	char *after = org_body(name);
	ck_assert_str_eq(after, before);
	free(after);
	free(before);
	free(name);
}
END_TEST

START_TEST(orgs_create_duplicate_external_id)
{
	char		*a = unique("org"), *b = unique("org"), *ext = unique("oext");
	struct hres	 r;

	http_json(&r, "POST", "/orgs", adm(), S("{\"name\":\"%s\","
	    "\"external_unique_id\":\"%s\"}", a, ext));
	ck_assert_int_eq(r.status, 201);
	hres_free(&r);
	int n = org_count();
	http_json(&r, "POST", "/orgs", adm(), S("{\"name\":\"%s\","
	    "\"external_unique_id\":\"%s\"}", b, ext));
	expect_detail(&r, 409, "external_unique_id is already in use");
	hres_free(&r);
	ck_assert_int_eq(org_count(), n);
	http_json(&r, "GET", org_path(b), adm(), NULL);
	expect_detail(&r, 404, "Organisation not found");
	hres_free(&r);
	free(ext);
	free(a);
	free(b);
}
END_TEST

START_TEST(orgs_create_missing_name)
{
	struct hres r;

	bad_org_create(&r, "{\"premium\":true}");
	expect_one(&r, "missing", "body.name", "Field required");
	ck_assert_str_eq(jplain(r.json, "detail.0.input"), "{\"premium\":true}");
	hres_free(&r);
}
END_TEST

START_TEST(orgs_create_empty_name)
{
	struct hres r;

	bad_org_create(&r, "{\"name\":\"\"}");
	expect_problems(&r, 1);
	ck_assert_str_eq(jget(r.json, "detail.0.loc.1"), "name");
	ck_assert_str_eq(jget(r.json, "detail.0.input"), "");
	hres_free(&r);
}
END_TEST

START_TEST(orgs_create_name_with_slash)
{
	struct hres r;
	char *name = S("%s/sub", unique("org"));

	bad_org_create(&r, S("{\"name\":\"%s\"}", name));
	expect_one(&r, "value_error", "body.name", NULL);
	ck_assert_str_eq(jget(r.json, "detail.0.input"), name);
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(orgs_create_name_wrong_type)
{
	struct hres r;

	bad_org_create(&r, "{\"name\":42}");
	expect_one(&r, "string_type", "body.name", "Input should be a valid string");
	hres_free(&r);
	bad_org_create(&r, "{\"name\":null}");
	expect_one(&r, "string_type", "body.name", "Input should be a valid string");
	hres_free(&r);
}
END_TEST

START_TEST(orgs_create_premium_not_bool)
{
	struct hres r;
	char *name = unique("org");

	bad_org_create(&r, S("{\"name\":\"%s\",\"premium\":\"yes\"}", name));
	expect_one(&r, "bool_type", "body.premium",
	    "Input should be a valid boolean");
	ck_assert_str_eq(jget(r.json, "detail.0.input"), "yes");
	hres_free(&r);
	bad_org_create(&r, S("{\"name\":\"%s\",\"premium\":1}", name));
	expect_one(&r, "bool_type", "body.premium", NULL);
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(orgs_create_unknown_key)
{
	struct hres r;
	char *name = unique("org");

	bad_org_create(&r, S("{\"name\":\"%s\",\"tier\":\"gold\"}", name));
	expect_one(&r, "extra_forbidden", "body.tier",
	    "Extra inputs are not permitted");
	hres_free(&r);
	bad_org_create(&r, S("{\"name\":\"%s\",\"uuid\":\"%s\"}", name, NOUSER));
	expect_one(&r, "extra_forbidden", "body.uuid", NULL);
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(orgs_create_malformed_json)
{
	struct hres r;

	bad_org_create(&r, "{\"name\":\"x\"");
	expect_json_invalid(&r, 11);
	hres_free(&r);
	bad_org_create(&r, S("{\"name\":\"%s\",}", unique("org")));
	expect_json_invalid(&r, -1);
	hres_free(&r);
	bad_org_create(&r, "[\"x\"]");
	expect_one(&r, "model_attributes_type", "body", NULL);
	hres_free(&r);
}
END_TEST

START_TEST(orgs_unknown)
{
	struct hres r;
	char *name = S("%s nowhere", unique("org"));

	http_json(&r, "GET", org_path(name), adm(), NULL);
	expect_detail(&r, 404, "Organisation not found");
	hres_free(&r);
	http_json(&r, "PATCH", org_path(name), adm(), "{\"premium\":true}");
	expect_detail(&r, 404, "Organisation not found");
	hres_free(&r);
	http_json(&r, "GET", org_path(name), adm(), NULL);
	ck_assert_int_eq(r.status, 404);
	hres_free(&r);
	free(name);
}
END_TEST

START_TEST(orgs_not_admin)
{
	char		*org = cli_org();
	char		*before = org_body(org);
	char		*name = cli_user("read,create,update,delete");
	char		*tok = login(name, PW);
	struct hres	 r;

	ck_assert_ptr_nonnull(tok);
	http_json(&r, "GET", org_path(org), tok, NULL);
	expect_detail(&r, 401, "Not enough permissions");
	char *www = hres_header(&r, "WWW-Authenticate");
	ck_assert_str_eq(www, "Bearer scope=\"admin\"");
	free(www);
	hres_free(&r);
	http_json(&r, "PATCH", org_path(org), tok, "{\"premium\":true}");
	expect_detail(&r, 401, "Not enough permissions");
	hres_free(&r);
	http_json(&r, "PATCH", org_path(org), NULL, "{\"premium\":true}");
	expect_detail(&r, 401, "Not authenticated");
	hres_free(&r);
	http_json(&r, "GET", org_path(org), NULL, NULL);
	expect_detail(&r, 401, "Not authenticated");
	hres_free(&r);
	char *after = org_body(org);
	ck_assert_str_eq(after, before);
	free(after);
	free(before);
	free(tok);
	free(name);
	free(org);
}
END_TEST

START_TEST(orgs_patch)
{
	char		*name = S("%s with spaces", unique("Org "));
	char		*renamed = S("%s renamed", unique("Org "));
	struct hres	 r, c;

	http_json(&c, "POST", "/orgs", adm(), S("{\"name\":\"%s\"}", name));
	ck_assert_int_eq(c.status, 201);
	http_json(&r, "PATCH", org_path(name), adm(), "{\"premium\":true}");
	ck_assert_int_eq(r.status, 200);
	assert_keys(r.json, org_keys);
	ck_assert_str_eq(jplain(r.json, "premium"), "true");
	ck_assert_str_eq(jget(r.json, "name"), name);
	ck_assert_str_eq(jget(r.json, "uuid"), jget(c.json, "uuid"));
	ck_assert_str_eq(jget(r.json, "created_at"), jget(c.json, "created_at"));
	ck_assert_str_ne(jget(r.json, "updated_at"), jget(c.json, "updated_at"));
	hres_free(&r);
	/* A rename: the new name is the address, the old one is gone. */
	http_json(&r, "PATCH", org_path(name), adm(),
	    S("{\"name\":\"%s\"}", renamed));
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "name"), renamed);
	ck_assert_str_eq(jplain(r.json, "premium"), "true");
	ck_assert_str_eq(jget(r.json, "uuid"), jget(c.json, "uuid"));
	char *body = org_body(renamed);
	ck_assert_str_eq(body, r.body);
	hres_free(&r);
	http_json(&r, "GET", org_path(name), adm(), NULL);
	expect_detail(&r, 404, "Organisation not found");
	hres_free(&r);
	http_json(&r, "PATCH", org_path(renamed), adm(), "{\"premium\":false,"
	    "\"external_unique_id\":null}");
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jplain(r.json, "premium"), "false");
	hres_free(&r);
	free(body);
	hres_free(&c);
	free(renamed);
	free(name);
}
END_TEST

START_TEST(orgs_patch_empty_is_noop)
{
	char		*org = cli_org();
	char		*before = org_body(org);
	struct hres	 r;

	http_json(&r, "PATCH", org_path(org), adm(), "{}");
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body, before);
	hres_free(&r);
	char *after = org_body(org);
	ck_assert_str_eq(after, before);
	free(after);
	free(before);
	free(org);
}
END_TEST

START_TEST(orgs_patch_rename_to_existing)
{
	char		*a = cli_org(), *b = cli_org();
	char		*ba = org_body(a), *bb = org_body(b);
	struct hres	 r;

	http_json(&r, "PATCH", org_path(b), adm(),
	    S("{\"name\":\"%s\",\"premium\":true}", a));
	expect_detail(&r, 409, "An organisation with this name already exists");
	hres_free(&r);
	char *aa = org_body(a), *ab = org_body(b);
	ck_assert_str_eq(aa, ba);
	ck_assert_str_eq(ab, bb);
	free(aa);
	free(ab);
	free(ba);
	free(bb);
	free(a);
	free(b);
}
END_TEST

START_TEST(orgs_patch_duplicate_external_id)
{
	char		*a = cli_org(), *b = cli_org(), *ext = unique("oext");
	struct hres	 r;

	http_json(&r, "PATCH", org_path(a), adm(),
	    S("{\"external_unique_id\":\"%s\"}", ext));
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "external_unique_id"), ext);
	hres_free(&r);
	char *before = org_body(b);
	http_json(&r, "PATCH", org_path(b), adm(),
	    S("{\"external_unique_id\":\"%s\"}", ext));
	expect_detail(&r, 409, "external_unique_id is already in use");
	hres_free(&r);
	char *after = org_body(b);
	ck_assert_str_eq(after, before);
	free(after);
	free(before);
	free(ext);
	free(a);
	free(b);
}
END_TEST

START_TEST(orgs_patch_bad_fields)
{
	char		*org = cli_org();
	char		*before = org_body(org);
	struct hres	 r;

	http_json(&r, "PATCH", org_path(org), adm(),
	    "{\"name\":null,\"premium\":\"on\",\"created_at\":\"x\",\"extra\":1}");
	expect_problems(&r, 4);
	expect_problem(&r, 0, "string_type", "body.name");
	expect_problem(&r, 1, "bool_type", "body.premium");
	expect_problem(&r, 2, "extra_forbidden", "body.created_at");
	expect_problem(&r, 3, "extra_forbidden", "body.extra");
	hres_free(&r);
	http_json(&r, "PATCH", org_path(org), adm(), "{\"name\":\"a/b\"}");
	expect_one(&r, "value_error", "body.name", NULL);
	hres_free(&r);
	char *after = org_body(org);
	ck_assert_str_eq(after, before);
	free(after);
	free(before);
	free(org);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("users");
	TCase *t = tcase_create("users");
	tcase_set_timeout(t, 60);
	tcase_add_test(t, users_list_shape);
	tcase_add_test(t, users_get_one_and_me);
	tcase_add_test(t, users_me_without_any_scope);
	tcase_add_test(t, users_me_without_token);
	tcase_add_test(t, users_unknown_uuid);
	tcase_add_test(t, users_malformed_uuid_get);
	tcase_add_test(t, users_malformed_uuid_patch);
	tcase_add_test(t, users_create_full);
	tcase_add_test(t, users_create_minimal);
	tcase_add_test(t, users_create_disabled_and_nulls);
	tcase_add_test(t, users_password_optional);
	tcase_add_test(t, users_create_with_org_shows_name);
	tcase_add_test(t, users_create_unknown_org);
	tcase_add_test(t, users_create_org_wrong_type);
	tcase_add_test(t, users_create_duplicate_username);
	tcase_add_test(t, users_create_duplicate_external_id);
	tcase_add_test(t, users_create_three_bad_fields);
	tcase_add_test(t, users_create_malformed_json);
	tcase_add_test(t, users_create_malformed_json_without_token);
	tcase_add_test(t, users_create_json_trailing_comma);
	tcase_add_test(t, users_create_json_single_quotes);
	tcase_add_test(t, users_create_json_control_character);
	tcase_add_test(t, users_create_json_array);
	tcase_add_test(t, users_create_content_type_variants);
	tcase_add_test(t, users_create_not_json_content_type);
	tcase_add_test(t, users_create_empty_body);
	tcase_add_test(t, users_create_username_number);
	tcase_add_test(t, users_create_scopes_not_list);
	tcase_add_test(t, users_create_scope_unknown);
	tcase_add_test(t, users_create_all_cases_string);
	tcase_add_test(t, users_create_other_wrong_types);
	tcase_add_test(t, users_create_readonly_uuid);
	tcase_add_test(t, users_create_readonly_created_at);
	tcase_add_test(t, users_create_unknown_key);
	tcase_add_test(t, users_create_username_too_long);
	tcase_add_test(t, users_create_username_with_space);
	tcase_add_test(t, users_create_email_invalid);
	tcase_add_test(t, users_create_password_too_short);
	tcase_add_test(t, users_create_password_too_long);
	tcase_add_test(t, users_create_missing_username);
	tcase_add_test(t, users_create_null_username);
	tcase_add_test(t, users_body_too_large);
	tcase_add_test(t, users_no_token);
	tcase_add_test(t, users_not_admin);
	tcase_add_test(t, users_patch_partial);
	tcase_add_test(t, users_patch_empty_is_noop);
	tcase_add_test(t, users_patch_scopes_take_effect_at_once);
	tcase_add_test(t, users_patch_disable);
	tcase_add_test(t, users_patch_org_set_and_null);
	tcase_add_test(t, users_patch_nullable_fields);
	tcase_add_test(t, users_patch_rename);
	tcase_add_test(t, users_patch_duplicate_username);
	tcase_add_test(t, users_patch_duplicate_external_id);
	tcase_add_test(t, users_patch_null_username);
	tcase_add_test(t, users_patch_bad_fields);
	tcase_add_test(t, users_patch_not_an_object);
	tcase_add_test(t, users_patch_too_large);
	tcase_add_test(t, orgs_create_and_read);
	tcase_add_test(t, orgs_create_defaults);
	tcase_add_test(t, orgs_create_duplicate_name);
	tcase_add_test(t, orgs_create_duplicate_external_id);
	tcase_add_test(t, orgs_create_missing_name);
	tcase_add_test(t, orgs_create_empty_name);
	tcase_add_test(t, orgs_create_name_with_slash);
	tcase_add_test(t, orgs_create_name_wrong_type);
	tcase_add_test(t, orgs_create_premium_not_bool);
	tcase_add_test(t, orgs_create_unknown_key);
	tcase_add_test(t, orgs_create_malformed_json);
	tcase_add_test(t, orgs_unknown);
	tcase_add_test(t, orgs_not_admin);
	tcase_add_test(t, orgs_patch);
	tcase_add_test(t, orgs_patch_empty_is_noop);
	tcase_add_test(t, orgs_patch_rename_to_existing);
	tcase_add_test(t, orgs_patch_duplicate_external_id);
	tcase_add_test(t, orgs_patch_bad_fields);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	/* One admin login, inherited by every forked test. */
	adm_prefetch();
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
