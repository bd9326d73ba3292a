/*
 * The LegalServer Core API's second slice over HTTP: users (Casegate's
 * users: create with login/first/last, get, patch, search, upsert, the
 * organization reference forms, organization_affiliation, the same row
 * through the token family's /users), organizations (Casegate's orgs with
 * their premium flag), contacts (create, upsert, types, work address,
 * search, another organisation's contact) and top-level notes (the same
 * rows as the matter notes). Every error shape and bad input leaves
 * nothing changed; unique external_unique_id is 409 on all three.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client.h"

#define PW	"pw-secret-lsmore-01"

static const char *const env_keys[] = {
	"page_number", "page_size", "total_number_of_pages", "total_records",
	"authorized_records", "data", NULL
};

static void
assert_status(const struct hres *r, long want, const char *what)
{
	ck_assert_msg(r->status == want, "%s: want %ld, got %ld %s", what, want,
	    r->status, r->body);
}

static void
assert_env(const struct hres *r, long total, long authorized, size_t ndata)
{
	assert_status(r, 200, "search");
	for (size_t i = 0; env_keys[i]; i++)
		ck_assert_msg(json_object_object_get_ex(r->json, env_keys[i], NULL),
		    "envelope lacks %s: %s", env_keys[i], r->body);
	ck_assert_int_eq(json_object_object_length(r->json), 6);
	ck_assert_msg(atol(jget(r->json, "total_records")) == total &&
	    atol(jget(r->json, "authorized_records")) == authorized &&
	    json_object_array_length(jfind(r->json, "data")) == ndata,
	    "envelope: want %ld/%ld/%zu, got %s", total, authorized, ndata,
	    r->body);
}

/* Two premium organisations, each with a user of every case scope. */
static const char *org_a, *org_b;
static const char *
tok_a(void)
{
	static char *t;
	if (t == NULL) {
		org_a = make_org(1);
		t = make_user_token(PW, "read,create,update,delete", org_a, 0);
	}
	return t;
}

static const char *
tok_b(void)
{
	static char *t;
	if (t == NULL) {
		org_b = make_org(1);
		t = make_user_token(PW, "read,create,update,delete", org_b, 0);
	}
	return t;
}

/* A request whose answer must have this status; returns data.<key>. */
static char *
must(const char *method, const char *path, const char *tok, const char *body,
    long status, const char *key)
{
	struct hres r;

	http_json(&r, method, path, tok, body);
	ck_assert_msg(r.status == status, "%s %s: want %ld, got %ld %s (%s)",
	    method, path, status, r.status, r.body, body ? body : "");
	char *v = key && jget(r.json, S("data.%s", key)) ?
	    strdup(jget(r.json, S("data.%s", key))) : NULL;
	hres_free(&r);
	return v;
}

static long
count(const char *path, const char *tok)
{
	struct hres r;
	http_json(&r, "GET", path, tok, NULL);
	assert_status(&r, 200, path);
	long n = atol(jget(r.json, "total_records"));
	hres_free(&r);
	return n;
}

/* ------------------------------------------------------------ users */

START_TEST(users_create_get_patch)
{
	struct hres	 r;
	char		*login_name = unique("lsuser");
	char		*ext = unique("ext");

	http_json(&r, "POST", "/api/v2/users", adm(), S("{\"login\":\"%s\","
	    "\"first\":\"Grace\",\"last\":\"Hopper\",\"email\":\"g@example.org\","
	    "\"external_unique_id\":\"%s\"}", login_name, ext));
	assert_status(&r, 201, "create user");
	json_object *u = jfind(r.json, "data");
	ck_assert_int_eq(json_object_object_length(r.json), 1);
	char *uuid = strdup(jget(u, "user_uuid"));
	ck_assert_str_eq(jget(u, "login"), login_name);
	ck_assert_str_eq(jget(u, "first"), "Grace");
	ck_assert_str_eq(jget(u, "last"), "Hopper");
	ck_assert_ptr_null(jfind(u, "middle"));
	ck_assert_str_eq(jget(u, "user_name"), "Grace Hopper");
	ck_assert_str_eq(jget(u, "external_unique_id"), ext);
	ck_assert(json_object_get_boolean(jfind(u, "active")));
	ck_assert(!json_object_get_boolean(jfind(u, "all_cases")));
	ck_assert_int_eq(json_object_array_length(jfind(u, "scopes")), 0);
	ck_assert_ptr_null(jfind(u, "organization"));
	ck_assert(json_object_is_type(jfind(u, "id"), json_type_int));
	hres_free(&r);

	/* Exactly 200 on reads, with and without a trailing slash. */
	const char *paths[] = { S("/api/v2/users/%s", uuid),
	    S("/api/v2/users/%s/", uuid) };
	for (size_t i = 0; i < 2; i++) {
		http_json(&r, "GET", paths[i], adm(), NULL);
		assert_status(&r, 200, paths[i]);
		ck_assert_str_eq(jget(r.json, "data.login"), login_name);
		hres_free(&r);
	}

	/* The same Casegate user: the token family sees it, with no scopes
	   and no password (it cannot log in until one is set). */
	http_json(&r, "GET", S("/users/%s", uuid), adm(), NULL);
	assert_status(&r, 200, "token family");
	ck_assert_str_eq(jget(r.json, "username"), login_name);
	ck_assert_str_eq(jget(r.json, "full_name"), "Grace Hopper");
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "scopes")), 0);
	hres_free(&r);
	ck_assert_ptr_null(login(login_name, ""));

	/* Patch a part: the name composes again, other fields kept. */
	http_json(&r, "PATCH", S("/api/v2/users/%s", uuid), adm(),
	    "{\"middle\":\"Brewster\",\"active\":false}");
	assert_status(&r, 200, "patch");
	ck_assert_str_eq(jget(r.json, "data.user_name"), "Grace Brewster Hopper");
	ck_assert_str_eq(jget(r.json, "data.middle"), "Brewster");
	ck_assert_str_eq(jget(r.json, "data.email"), "g@example.org");
	ck_assert(!json_object_get_boolean(jfind(r.json, "data.active")));
	hres_free(&r);
	http_json(&r, "GET", S("/users/%s", uuid), adm(), NULL);
	ck_assert(json_object_get_boolean(jfind(r.json, "disabled")));
	hres_free(&r);

	/* A full_name written through /users: the parts follow it. */
	http_json(&r, "PATCH", S("/users/%s", uuid), adm(),
	    "{\"full_name\":\"Amazing Grace Murray Hopper\"}");
	assert_status(&r, 200, "token patch");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/users/%s?custom_results=first,middle,last",
	    uuid), adm(), NULL);
	assert_status(&r, 200, "custom_results");
	ck_assert_str_eq(jget(r.json, "data.first"), "Amazing");
	ck_assert_str_eq(jget(r.json, "data.middle"), "Grace Murray");
	ck_assert_str_eq(jget(r.json, "data.last"), "Hopper");
	ck_assert_int_eq(json_object_object_length(jfind(r.json, "data")), 4);
	hres_free(&r);

	/* Search by the spec's filters. */
	http_json(&r, "GET", S("/api/v2/users?login=%s", login_name), adm(), NULL);
	assert_env(&r, 1, 1, 1);
	ck_assert_str_eq(jget(r.json, "data.0.user_uuid"), uuid);
	hres_free(&r);
	ck_assert_int_eq(count(S("/api/v2/users?external_unique_id=%s&active=false",
	    ext), adm()), 1);
	ck_assert_int_eq(count(S("/api/v2/users?external_unique_id=%s&active=true",
	    ext), adm()), 0);
	ck_assert_int_eq(count(S("/api/v2/users?last=Hopper&login=%s",
	    login_name), adm()), 1);
}
END_TEST

START_TEST(users_errors)
{
	struct hres	 r;
	char		*login_name = unique("lsuerr"), *ext = unique("ext");
	char		*uuid = must("POST", "/api/v2/users", adm(), S("{\"login\":"
	    "\"%s\",\"first\":\"A\",\"last\":\"B\",\"external_unique_id\":\"%s\"}",
	    login_name, ext), 201, "user_uuid");
	/* Unique login and external_unique_id: 409, nothing made. */
	http_json(&r, "POST", "/api/v2/users", adm(), S("{\"login\":\"%s\","
	    "\"first\":\"A\",\"last\":\"B\"}", login_name));
	assert_error(&r, 409, "A user with this login already exists");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/users", adm(), S("{\"login\":\"%sx\","
	    "\"first\":\"A\",\"last\":\"B\",\"external_unique_id\":\"%s\"}",
	    login_name, ext));
	assert_error(&r, 409, "external_unique_id is already in use");
	hres_free(&r);
	char *other = must("POST", "/api/v2/users", adm(), S("{\"login\":\"%sy\","
	    "\"first\":\"C\",\"last\":\"D\"}", login_name), 201, "user_uuid");
	http_json(&r, "PATCH", S("/api/v2/users/%s", other), adm(),
	    S("{\"external_unique_id\":\"%s\"}", ext));
	assert_error(&r, 409, "external_unique_id is already in use");
	hres_free(&r);
	long before = count("/api/v2/users?page_size=1", adm());

	/* Every bad input in LegalServer's shapes. */
	http_json(&r, "POST", "/api/v2/users", adm(), "{\"first\":\"A\","
	    "\"last\":\"B\"}");
	assert_ls400(&r, "missing_arguments", "login");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/users", adm(), S("{\"login\":\"%sz\","
	    "\"first\":\"A\",\"last\":\"B\",\"password\":\"pw-secret-x1234567\"}",
	    login_name));
	assert_ls400(&r, "invalid_parameters", "password");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/users", adm(), S("{\"login\":\"%sz\","
	    "\"first\":\"A\",\"last\":\"B\",\"scopes\":[\"admin\"]}", login_name));
	assert_ls400(&r, "invalid_parameters", "scopes");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/users", adm(), S("{\"login\":\"%sz\","
	    "\"first\":5,\"last\":\"B\"}", login_name));
	assert_ls400(&r, "invalid_values", "first");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/users", adm(), "{\"login\":\"bad login\","
	    "\"first\":\"A\",\"last\":\"B\"}");
	assert_ls400(&r, "invalid_values", "login");
	hres_free(&r);
	char *big = malloc(200);
	memset(big, 'x', 199);
	big[199] = '\0';
	http_json(&r, "POST", "/api/v2/users", adm(), S("{\"login\":\"%sz\","
	    "\"first\":\"%s\",\"last\":\"B\"}", login_name, big));
	assert_ls400(&r, "invalid_values", "first");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/users", adm(), S("{\"login\":\"%sz\","
	    "\"first\":\"A\",\"last\":\"B\",\"organization\":{\"organization_id\":"
	    "999999999}}", login_name));
	assert_ls400(&r, "invalid_values", "organization");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/users", adm(), "{\"login\":");
	assert_error(&r, 400, "The body is not valid JSON");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/users", adm(), "[1]");
	assert_error(&r, 400, "The body must be a JSON object");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/users?nosuch=1", adm(), NULL);
	assert_status(&r, 400, "search key");
	ck_assert_ptr_nonnull(jfind(r.json, "invalid search keys"));
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/users?active=maybe", adm(), NULL);
	assert_status(&r, 400, "search value");
	ck_assert_ptr_nonnull(jfind(r.json, "invalid search values"));
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/users/not-a-uuid", adm(), NULL);
	assert_error(&r, 400, "Invalid user_uuid");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/users/00000000-0000-4000-8000-000000000000",
	    adm(), NULL);
	assert_error(&r, 404, "Unknown user");
	hres_free(&r);
	http_json(&r, "PATCH", "/api/v2/users/00000000-0000-4000-8000-000000000000",
	    adm(), "{\"first\":\"Z\"}");
	assert_error(&r, 404, "Unknown user");
	hres_free(&r);
	ck_assert_int_eq(count("/api/v2/users?page_size=1", adm()), before);

	/* Tokens: none, bad, a limited one. */
	http_json(&r, "GET", "/api/v2/users", NULL, NULL);
	assert_error(&r, 401, "User not authorized to perform this operation");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/users", "not.a.jwt", NULL);
	assert_error(&r, 401, "User not authorized to perform this operation");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/users", tok_a(), S("{\"login\":\"%sq\","
	    "\"first\":\"A\",\"last\":\"B\"}", login_name));
	assert_error(&r, 403, "User does not have permissions: admin");
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/users/%s", uuid), tok_a(),
	    "{\"first\":\"Q\"}");
	assert_error(&r, 403, "User does not have permissions: admin");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/users/%s", uuid), adm(), NULL);
	ck_assert_str_eq(jget(r.json, "data.first"), "A");
	hres_free(&r);
}
END_TEST

START_TEST(users_orgs_and_visibility)
{
	struct hres	 r;
	char		*oname = unique("lsorgv");
	char		*ouuid = must("POST", "/api/v2/organizations", adm(),
	    S("{\"name\":\"%s\"}", oname), 201, "uuid");
	char		*oid = NULL;
	char		*l1 = unique("lsv"), *l2 = unique("lsv"), *l3 = unique("lsv");

	http_json(&r, "GET", S("/api/v2/organizations/%s", ouuid), adm(), NULL);
	oid = strdup(jget(r.json, "data.id"));
	hres_free(&r);

	/* Every organization input form. */
	const char *forms[] = { S("{\"organization_uuid\":\"%s\"}", ouuid),
	    S("{\"organization_id\":%s}", oid), S("%s", oid),
	    S("\"%s\"", ouuid), S("{\"uuid\":\"%s\"}", ouuid) };
	const char *logins[] = { l1, l2, l3, unique("lsv"), unique("lsv") };
	char *uuids[5];
	for (size_t i = 0; i < 5; i++) {
		http_json(&r, "POST", "/api/v2/users", adm(), S("{\"login\":\"%s\","
		    "\"first\":\"F\",\"last\":\"L\",\"organization\":%s}", logins[i],
		    forms[i]));
		assert_status(&r, 201, forms[i]);
		ck_assert_str_eq(jget(r.json, "data.organization.organization_uuid"),
		    ouuid);
		ck_assert_str_eq(jget(r.json, "data.organization.organization_name"),
		    oname);
		uuids[i] = strdup(jget(r.json, "data.user_uuid"));
		hres_free(&r);
	}
	http_json(&r, "GET", S("/users/%s", uuids[0]), adm(), NULL);
	ck_assert_str_eq(jget(r.json, "org"), oname);
	hres_free(&r);
	ck_assert_int_eq(count(S("/api/v2/users?organization=%s", ouuid), adm()),
	    5);

	/* organization_affiliation: the user's organisation. */
	http_json(&r, "GET", S("/api/v2/users/%s/organization_affiliation",
	    uuids[0]), adm(), NULL);
	assert_env(&r, 1, 1, 1);
	ck_assert_str_eq(jget(r.json, "data.0.organization.organization_uuid"),
	    ouuid);
	hres_free(&r);

	/* A member of another organisation sees only its own users. */
	const char *t = tok_a();
	http_json(&r, "GET", S("/api/v2/users?organization=%s", ouuid), t, NULL);
	assert_env(&r, 5, 0, 0);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/users/%s", uuids[0]), t, NULL);
	assert_error(&r, 403, "User does not have permissions: API Access All "
	    "Cases");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/users/%s/organization_affiliation",
	    uuids[0]), t, NULL);
	assert_status(&r, 403, "affiliation");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/organizations/%s", ouuid), t, NULL);
	assert_status(&r, 403, "org");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/organizations?name=%s", org_a), t, NULL);
	assert_env(&r, 1, 1, 1);
	hres_free(&r);
	/* ...and with the all-cases permission, everyone. */
	char *all = make_user_token(PW, "read", org_a, 1);
	http_json(&r, "GET", S("/api/v2/users/%s", uuids[0]), all, NULL);
	assert_status(&r, 200, "all cases");
	hres_free(&r);

	/* Clearing the organization. */
	http_json(&r, "PATCH", S("/api/v2/users/%s", uuids[1]), adm(),
	    "{\"organization\":null}");
	assert_status(&r, 200, "clear org");
	ck_assert_ptr_null(jfind(r.json, "data.organization"));
	hres_free(&r);

	/* Upsert: one match updated (200), none created (201). */
	http_json(&r, "POST", "/api/v2/users", adm(), S("{\"update\":{\"login\":"
	    "\"%s\"},\"update_data\":{\"email\":\"up@example.org\"},"
	    "\"login\":\"%s\",\"first\":\"X\",\"last\":\"Y\"}", l3, l3));
	assert_status(&r, 200, "upsert update");
	ck_assert_str_eq(jget(r.json, "data.user_uuid"), uuids[2]);
	ck_assert_str_eq(jget(r.json, "data.email"), "up@example.org");
	ck_assert_str_eq(jget(r.json, "data.first"), "F");
	hres_free(&r);
	char *l6 = unique("lsv");
	http_json(&r, "POST", "/api/v2/users", adm(), S("{\"update\":{\"login\":"
	    "\"%s\"},\"login\":\"%s\",\"first\":\"X\",\"last\":\"Y\"}", l6, l6));
	assert_status(&r, 201, "upsert create");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/users", adm(), S("{\"update\":{\"organization"
	    "\":\"%s\"},\"login\":\"%sw\",\"first\":\"X\",\"last\":\"Y\"}", ouuid,
	    l6));
	assert_error(&r, 400, "Cannot process multiple records for upsert");
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ organizations */

START_TEST(organizations)
{
	struct hres	 r;
	char		*name = unique("lsorg"), *ext = unique("oext");

	http_json(&r, "POST", "/api/v2/organizations", adm(),
	    S("{\"name\":\"%s\",\"external_unique_id\":\"%s\"}", name, ext));
	assert_status(&r, 201, "create org");
	json_object *o = jfind(r.json, "data");
	char *uuid = strdup(jget(o, "uuid"));
	ck_assert_str_eq(jget(o, "name"), name);
	ck_assert(!json_object_get_boolean(jfind(o, "premium")));
	ck_assert_str_eq(jget(o, "external_unique_id"), ext);
	ck_assert_ptr_nonnull(jfind(o, "created_at"));
	hres_free(&r);

	http_json(&r, "GET", S("/api/v2/organizations?name=%s", name), adm(), NULL);
	assert_env(&r, 1, 1, 1);
	ck_assert_str_eq(jget(r.json, "data.0.uuid"), uuid);
	hres_free(&r);

	/* Premium through the LegalServer face is the organisation's flag. */
	http_json(&r, "PATCH", S("/api/v2/organizations/%s/", uuid), adm(),
	    "{\"premium\":true}");
	assert_status(&r, 200, "patch org");
	ck_assert(json_object_get_boolean(jfind(r.json, "data.premium")));
	hres_free(&r);
	http_json(&r, "GET", S("/orgs/%s", name), adm(), NULL);
	assert_status(&r, 200, "token family org");
	ck_assert(json_object_get_boolean(jfind(r.json, "premium")));
	hres_free(&r);
	ck_assert_int_eq(count(S("/api/v2/organizations?name=%s&premium=true",
	    name), adm()), 1);

	/* Errors: duplicates 409, bad values 400, nothing changed. */
	http_json(&r, "POST", "/api/v2/organizations", adm(),
	    S("{\"name\":\"%s\"}", name));
	assert_error(&r, 409, "An organization with this name already exists");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/organizations", adm(),
	    S("{\"name\":\"%sx\",\"external_unique_id\":\"%s\"}", name, ext));
	assert_error(&r, 409, "external_unique_id is already in use");
	hres_free(&r);
	ck_assert_int_eq(count(S("/api/v2/organizations?name=%sx", name), adm()), 0);
	http_json(&r, "POST", "/api/v2/organizations", adm(), "{\"name\":\"a/b\"}");
	assert_ls400(&r, "invalid_values", "name");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/organizations", adm(), "{}");
	assert_ls400(&r, "missing_arguments", "name");
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/organizations/%s", uuid), adm(),
	    "{\"premium\":\"yes\"}");
	assert_ls400(&r, "invalid_values", "premium");
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/organizations/%s", uuid), adm(),
	    "{\"id\":5}");
	assert_ls400(&r, "invalid_parameters", "id");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/organizations/00000000-0000-4000-8000-"
	    "000000000000", adm(), NULL);
	assert_error(&r, 404, "Unknown organization");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/organizations", tok_a(), "{\"name\":\"zz\"}");
	assert_error(&r, 403, "User does not have permissions: admin");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/organizations/%s", uuid), adm(), NULL);
	ck_assert(json_object_get_boolean(jfind(r.json, "data.premium")));
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ contacts */

START_TEST(contacts)
{
	struct hres	 r;
	char		*tag = unique("Lsct"), *ext = unique("cext");

	http_json(&r, "POST", "/api/v2/contacts", tok_a(), S("{\"first\":\"Ida\","
	    "\"last\":\"%s\",\"email\":\"ida@example.org\",\"phone_business\":"
	    "\"(312) 555-0199\",\"organization_name\":\"Legal Aid\","
	    "\"work_street\":\"5 Court St\",\"work_city\":\"Boston\","
	    "\"work_zip\":\"02108\",\"type\":[\"Attorney\",{\"lookup_value_name\":"
	    "\"Judge\"}],\"external_unique_id\":\"%s\"}", tag, ext));
	assert_status(&r, 201, "create contact");
	json_object *c = jfind(r.json, "data");
	char *uuid = strdup(jget(c, "uuid"));
	ck_assert_str_eq(jget(c, "first"), "Ida");
	ck_assert_str_eq(jget(c, "last"), tag);
	ck_assert_str_eq(jget(c, "address_work.street"), "5 Court St");
	ck_assert_str_eq(jget(c, "address_work.city"), "Boston");
	ck_assert_str_eq(jget(c, "address_work.zip"), "02108");
	ck_assert(!json_object_object_get_ex(c, "work_street", NULL));
	ck_assert(json_object_get_boolean(jfind(c, "active")));
	ck_assert_int_eq(json_object_array_length(jfind(c, "type")), 2);
	ck_assert_str_eq(jget(c, "type.0.lookup_value_name"), "Attorney");
	ck_assert_str_eq(jget(c, "type.0.lookup_type_table_name"), "contact_type");
	ck_assert_str_eq(jget(c, "type.1.lookup_value_name"), "Judge");
	ck_assert_ptr_nonnull(jfind(c, "date_created"));
	hres_free(&r);

	http_json(&r, "GET", S("/api/v2/contacts/%s/", uuid), tok_a(), NULL);
	assert_status(&r, 200, "get contact");
	ck_assert_str_eq(jget(r.json, "data.email"), "ida@example.org");
	hres_free(&r);

	/* Search by the spec's filters. */
	ck_assert_int_eq(count(S("/api/v2/contacts?last=%s", tag), tok_a()), 1);
	ck_assert_int_eq(count(S("/api/v2/contacts?last=%s&type=Judge", tag),
	    tok_a()), 1);
	ck_assert_int_eq(count(S("/api/v2/contacts?last=%s&type=Court", tag),
	    tok_a()), 0);
	ck_assert_int_eq(count(S("/api/v2/contacts?last=%s&phone_business="
	    "3125550199", tag), tok_a()), 1);
	ck_assert_int_eq(count(S("/api/v2/contacts?last=%s&organization_name="
	    "legal%%20aid", tag), tok_a()), 1);
	ck_assert_int_eq(count(S("/api/v2/contacts?last=%s&middle=%%25empty%%25",
	    tag), tok_a()), 1);
	http_json(&r, "GET", S("/api/v2/contacts?last=%s&custom_results=[\"email\"]",
	    tag), tok_a(), NULL);
	assert_env(&r, 1, 1, 1);
	ck_assert_int_eq(json_object_object_length(jfind(r.json, "data.0")), 2);
	hres_free(&r);

	/* Patch: only the keys sent; type replaced; null clears. */
	http_json(&r, "PATCH", S("/api/v2/contacts/%s", uuid), tok_a(),
	    "{\"type\":\"Court\",\"email\":null,\"work_city\":\"Salem\"}");
	assert_status(&r, 200, "patch contact");
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "data.type")), 1);
	ck_assert_str_eq(jget(r.json, "data.type.0.lookup_value_name"), "Court");
	ck_assert_ptr_null(jfind(r.json, "data.email"));
	ck_assert_str_eq(jget(r.json, "data.address_work.city"), "Salem");
	ck_assert_str_eq(jget(r.json, "data.address_work.street"), "5 Court St");
	hres_free(&r);

	/* Upsert by the spec's update filters. */
	http_json(&r, "POST", "/api/v2/contacts", tok_a(), S("{\"update\":{"
	    "\"last\":\"%s\",\"first\":\"Ida\"},\"first\":\"Ida\",\"last\":\"%s\","
	    "\"suffix\":\"Jr.\"}", tag, tag));
	assert_status(&r, 200, "upsert");
	ck_assert_str_eq(jget(r.json, "data.uuid"), uuid);
	ck_assert_str_eq(jget(r.json, "data.suffix"), "Jr.");
	hres_free(&r);
	char *u2 = must("POST", "/api/v2/contacts", tok_a(), S("{\"update\":{"
	    "\"last\":\"%s\",\"first\":\"Max\"},\"first\":\"Max\",\"last\":\"%s\"}",
	    tag, tag), 201, "uuid");
	ck_assert_int_eq(count(S("/api/v2/contacts?last=%s", tag), tok_a()), 2);
	http_json(&r, "POST", "/api/v2/contacts", tok_a(), S("{\"update\":{"
	    "\"last\":\"%s\"},\"first\":\"Z\"}", tag));
	assert_error(&r, 400, "Cannot process multiple records for upsert");
	hres_free(&r);

	/* Another organisation: absent from its searches, 403 directly. */
	http_json(&r, "GET", S("/api/v2/contacts?last=%s", tag), tok_b(), NULL);
	assert_env(&r, 2, 0, 0);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/contacts/%s", uuid), tok_b(), NULL);
	assert_error(&r, 403, "User does not have permissions: API Access All "
	    "Cases");
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/contacts/%s", uuid), tok_b(),
	    "{\"first\":\"Hacked\"}");
	assert_status(&r, 403, "patch other org");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/contacts", tok_b(), S("{\"update\":{"
	    "\"last\":\"%s\",\"first\":\"Ida\"},\"first\":\"Hacked\"}", tag));
	assert_status(&r, 201, "upsert across orgs creates its own");
	hres_free(&r);

	/* Bad inputs: 400 in LegalServer's shapes, 409, nothing changed. */
	struct { const char *body, *kind, *item; } bad[] = {
		{ "{\"last\":\"x\"}", "missing_arguments", "first" },
		{ "{\"first\":\"\"}", "invalid_values", "first" },
		{ "{\"first\":\"a\",\"type\":\"Astronaut\"}", "invalid_values", "type" },
		{ "{\"first\":\"a\",\"type\":[[1]]}", "invalid_values", "type" },
		{ "{\"first\":\"a\",\"email\":\"nope\"}", "invalid_values", "email" },
		{ "{\"first\":\"a\",\"active\":1}", "invalid_values", "active" },
		{ "{\"first\":\"a\",\"uuid\":\"x\"}", "invalid_parameters", "uuid" },
		{ "{\"first\":\"a\",\"address_work\":{}}", "invalid_parameters",
		    "address_work" },
		{ "{\"first\":\"a\",\"org_id\":1}", "invalid_parameters", "org_id" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		http_json(&r, "POST", "/api/v2/contacts", tok_a(), bad[i].body);
		assert_ls400(&r, bad[i].kind, bad[i].item);
		hres_free(&r);
	}
	http_json(&r, "POST", "/api/v2/contacts", tok_a(), S("{\"first\":\"Dup\","
	    "\"last\":\"%s\",\"external_unique_id\":\"%s\"}", tag, ext));
	assert_error(&r, 409, "external_unique_id is already in use");
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/contacts/%s", u2), tok_a(),
	    S("{\"external_unique_id\":\"%s\",\"first\":\"Changed\"}", ext));
	assert_error(&r, 409, "external_unique_id is already in use");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/contacts/%s", u2), tok_a(), NULL);
	ck_assert_str_eq(jget(r.json, "data.first"), "Max");
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/contacts/%s", u2), tok_a(), "{\"first\":");
	assert_error(&r, 400, "The body is not valid JSON");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/contacts", tok_a(), "{\"update\":5,"
	    "\"first\":\"a\"}");
	assert_status(&r, 400, "update not an object");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/contacts/xyz", tok_a(), NULL);
	assert_error(&r, 400, "Invalid uuid");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/contacts/00000000-0000-4000-8000-000000000000",
	    tok_a(), NULL);
	assert_error(&r, 404, "Unknown contact");
	hres_free(&r);
	ck_assert_int_eq(count(S("/api/v2/contacts?last=%s", tag), tok_a()), 2);

	/* A read-only token can search, not write. */
	char *ro = make_user_token(PW, "read", org_a, 0);
	ck_assert_int_eq(count(S("/api/v2/contacts?last=%s", tag), ro), 2);
	http_json(&r, "POST", "/api/v2/contacts", ro, "{\"first\":\"a\"}");
	assert_error(&r, 403, "User does not have permissions: create");
	hres_free(&r);
	char *cr = make_user_token(PW, "read,create", org_a, 0);
	http_json(&r, "POST", "/api/v2/contacts", cr, S("{\"update\":{\"last\":"
	    "\"%s\",\"first\":\"Max\"},\"first\":\"Max\"}", tag));
	assert_error(&r, 403, "User does not have permissions: update");
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ notes */

START_TEST(top_level_notes)
{
	struct hres	 r;
	char		*tag = unique("Lsn");
	char		*m = must("POST", "/api/v2/matters", tok_a(), S("{\"first\":"
	    "\"N\",\"last\":\"%s\",\"case_disposition\":\"Open\"}", tag), 201,
	    "matter_uuid");

	http_json(&r, "POST", "/api/v2/notes", tok_a(), S("{\"module\":\"matter\","
	    "\"module_id\":\"%s\",\"subject\":\"Intake\",\"body\":\"Called %s\","
	    "\"note_type\":\"Caseworker\"}", m, tag));
	assert_status(&r, 201, "create note");
	json_object *n = jfind(r.json, "data");
	char *nu = strdup(jget(n, "note_uuid"));
	ck_assert_str_eq(jget(n, "module"), "matter");
	ck_assert_str_eq(jget(n, "module_id"), m);
	ck_assert_str_eq(jget(n, "subject"), "Intake");
	ck_assert_str_eq(jget(n, "note_type.lookup_value_name"), "Caseworker");
	ck_assert(!json_object_object_get_ex(n, "casenote_uuid", NULL));
	hres_free(&r);

	/* The same row as the matter's note and the LAA case's note. */
	http_json(&r, "GET", S("/api/v2/matters/%s/notes/%s", m, nu), tok_a(), NULL);
	assert_status(&r, 200, "matter note");
	ck_assert_str_eq(jget(r.json, "data.casenote_uuid"), nu);
	hres_free(&r);
	http_json(&r, "GET", S("/cases/%s", m), tok_a(), NULL);
	assert_status(&r, 200, "case");
	ck_assert_str_eq(jget(r.json, "notes.0.content"), S("Called %s", tag));
	ck_assert_str_eq(jget(r.json, "notes.0.note_type"), "Caseworker");
	hres_free(&r);

	/* Get, search, patch. */
	http_json(&r, "GET", S("/api/v2/notes/%s/", nu), tok_a(), NULL);
	assert_status(&r, 200, "get note");
	ck_assert_str_eq(jget(r.json, "data.body"), S("Called %s", tag));
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/notes?module=matter&module_id=%s", m),
	    tok_a(), NULL);
	assert_env(&r, 1, 1, 1);
	ck_assert_str_eq(jget(r.json, "data.0.note_uuid"), nu);
	hres_free(&r);
	ck_assert_int_eq(count(S("/api/v2/notes?module=event&module_id=%s", m),
	    tok_a()), 0);
	ck_assert_int_eq(count(S("/api/v2/notes?module_id=%s&note_type=Caseworker",
	    m), tok_a()), 1);
	ck_assert_int_eq(count(S("/api/v2/notes?body=%s", tag), tok_a()), 1);
	http_json(&r, "PATCH", S("/api/v2/notes/%s", nu), tok_a(),
	    "{\"body\":\"Called back\",\"note_type\":\"Other\"}");
	assert_status(&r, 200, "patch note");
	ck_assert_str_eq(jget(r.json, "data.body"), "Called back");
	ck_assert_str_eq(jget(r.json, "data.subject"), "Intake");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters/%s/notes/%s", m, nu), tok_a(), NULL);
	ck_assert_str_eq(jget(r.json, "data.body"), "Called back");
	ck_assert_str_eq(jget(r.json, "data.note_type.lookup_value_name"), "Other");
	hres_free(&r);

	/* Bad inputs, nothing written. */
	struct { const char *body, *kind, *item; } bad[] = {
		{ S("{\"module_id\":\"%s\",\"subject\":\"s\",\"body\":\"b\","
		    "\"note_type\":\"Other\"}", m), "missing_arguments", "module" },
		{ "{\"module\":\"matter\",\"subject\":\"s\",\"body\":\"b\","
		    "\"note_type\":\"Other\"}", "missing_arguments", "module_id" },
		{ S("{\"module\":\"event\",\"module_id\":\"%s\",\"subject\":\"s\","
		    "\"body\":\"b\",\"note_type\":\"Other\"}", m), "invalid_values",
		    "module" },
		{ "{\"module\":\"matter\",\"module_id\":\"nope\",\"subject\":\"s\","
		    "\"body\":\"b\",\"note_type\":\"Other\"}", "invalid_values",
		    "module_id" },
		{ S("{\"module\":\"matter\",\"module_id\":\"%s\",\"subject\":\"s\","
		    "\"body\":\"b\",\"note_type\":\"Gossip\"}", m), "invalid_values",
		    "note_type" },
		{ S("{\"module\":\"matter\",\"module_id\":\"%s\",\"subject\":\"s\","
		    "\"body\":\"b\",\"note_type\":\"Other\",\"pinned\":true}", m),
		    "invalid_parameters", "pinned" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		http_json(&r, "POST", "/api/v2/notes", tok_a(), bad[i].body);
		assert_ls400(&r, bad[i].kind, bad[i].item);
		hres_free(&r);
	}
	http_json(&r, "PATCH", S("/api/v2/notes/%s", nu), tok_a(),
	    S("{\"module_id\":\"%s\"}", m));
	assert_ls400(&r, "invalid_parameters", "module_id");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/notes", tok_a(), "{\"module\":\"matter\","
	    "\"module_id\":\"00000000-0000-4000-8000-000000000000\",\"subject\":"
	    "\"s\",\"body\":\"b\",\"note_type\":\"Other\"}");
	assert_error(&r, 404, "Unknown matter");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/notes/00000000-0000-4000-8000-000000000000",
	    tok_a(), NULL);
	assert_error(&r, 404, "Unknown note");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/notes/1", tok_a(), NULL);
	assert_error(&r, 400, "Invalid note_uuid");
	hres_free(&r);
	ck_assert_int_eq(count(S("/api/v2/notes?module_id=%s", m), tok_a()), 1);

	/* Another organisation's matter and note. */
	http_json(&r, "GET", S("/api/v2/notes/%s", nu), tok_b(), NULL);
	assert_error(&r, 403, "User does not have permissions: API Access All "
	    "Cases");
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/notes/%s", nu), tok_b(),
	    "{\"body\":\"x\"}");
	assert_status(&r, 403, "patch other org note");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/notes", tok_b(), S("{\"module\":\"matter\","
	    "\"module_id\":\"%s\",\"subject\":\"s\",\"body\":\"b\",\"note_type\":"
	    "\"Other\"}", m));
	assert_status(&r, 403, "note on other org matter");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/notes?module_id=%s", m), tok_b(), NULL);
	assert_env(&r, 1, 0, 0);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/notes/%s", nu), NULL, NULL);
	assert_error(&r, 401, "User not authorized to perform this operation");
	hres_free(&r);
	ck_assert_int_eq(count(S("/api/v2/notes?module_id=%s", m), tok_a()), 1);
}
END_TEST


/* ------------------------------------------------------------ documents */

#define BND	"cgBoundary7MA4YWxk"

/* A multipart body: name=value parts, then one file part (if fname). */
static struct hres
upload(const char *path, const char *tok, const char *fields,
    const char *fname, const char *ctype, const char *data, size_t dlen)
{
	struct hres	 r;
	char		*body = malloc(dlen + 8192), *auth = S("Authorization: "
	    "Bearer %s", tok ? tok : "x");
	size_t		 n = 0;
	const char	*hdrs[] = { "Content-Type: multipart/form-data; boundary="
	    BND, auth, NULL };

	/* fields: "a=1&b=2" */
	char *f = strdup(fields), *save, *kv;
	for (kv = strtok_r(f, "&", &save); kv; kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		*eq = '\0';
		n += (size_t)sprintf(body + n, "--" BND "\r\nContent-Disposition: "
		    "form-data; name=\"%s\"\r\n\r\n%s\r\n", kv, eq + 1);
	}
	free(f);
	if (fname) {
		n += (size_t)sprintf(body + n, "--" BND "\r\nContent-Disposition: "
		    "form-data; name=\"%s\"; filename=\"%s\"\r\n%s%s%s\r\n",
		    strncmp(path, "/api/v1", 7) == 0 ? "files" : "file", fname,
		    ctype ? "Content-Type: " : "", ctype ? ctype : "",
		    ctype ? "\r\n" : "");
		memcpy(body + n, data, dlen);
		n += dlen;
		n += (size_t)sprintf(body + n, "\r\n");
	}
	n += (size_t)sprintf(body + n, "--" BND "--\r\n");
	http(&r, "POST", path, tok ? hdrs : hdrs + 0, body, n);
	free(body);
	return r;
}

static char *
sha_hex(const char *data, size_t n)
{
	char *path = S("/tmp/cg-doc-%d", (int)getpid());
	FILE *f = fopen(path, "wb");
	fwrite(data, 1, n, f);
	fclose(f);
	char cmd[256], out[128] = "";
	snprintf(cmd, sizeof(cmd), "sha256sum %s", path);
	FILE *p = popen(cmd, "r");
	ck_assert(fgets(out, sizeof(out), p) != NULL);
	pclose(p);
	unlink(path);
	out[64] = '\0';
	return strdup(out);
}

START_TEST(documents)
{
	struct hres	 r;
	char		*tag = unique("Lsdoc");
	char		*m = must("POST", "/api/v2/matters", tok_a(), S("{\"first\":"
	    "\"D\",\"last\":\"%s\",\"case_disposition\":\"Open\"}", tag), 201,
	    "matter_uuid");
	static const char pdf[] = "%PDF-1.4\n\0\1\2binary\r\n--cgBoundary7MA\r\n%%EOF";
	size_t plen = sizeof(pdf) - 1;

	r = upload("/api/v2/documents", tok_a(), S("module=matter&matter_uuid=%s&"
	    "title=The lease", m), "lease.pdf", "application/pdf", pdf, plen);
	assert_status(&r, 201, "upload");
	json_object *d = jfind(r.json, "data");
	char *du = strdup(jget(d, "uuid"));
	ck_assert_str_eq(jget(d, "name"), "lease.pdf");
	ck_assert_str_eq(jget(d, "title"), "The lease");
	ck_assert_str_eq(jget(d, "mime_type"), "application/pdf");
	ck_assert_int_eq(atol(jget(d, "disk_file_size")), (long)plen);
	ck_assert_str_eq(jget(d, "sha256"), sha_hex(pdf, plen));
	ck_assert_str_eq(jget(d, "matter_uuid"), m);
	ck_assert_str_eq(jget(d, "download_url"),
	    S("/modules/document/download.php?unique_id=%s", du));
	/* No type: a lookup object all the same, its members null. */
	ck_assert_ptr_nonnull(jfind(d, "type"));
	ck_assert_ptr_null(jfind(d, "type.lookup_value_id"));
	ck_assert_str_eq(jget(d, "type.lookup_type_table_name"), "document_type");
	ck_assert_int_eq(json_object_array_length(jfind(d, "programs")), 0);
	hres_free(&r);

	/* The bytes back, exactly. */
	const char *auth[] = { S("Authorization: Bearer %s", tok_a()), NULL };
	http(&r, "GET", S("/modules/document/download.php?unique_id=%s", du), auth,
	    NULL, 0);
	assert_status(&r, 200, "download");
	ck_assert_uint_eq(r.len, plen);
	ck_assert(memcmp(r.body, pdf, plen) == 0);
	char *cd = hres_header(&r, "Content-Disposition");
	ck_assert_msg(cd && strstr(cd, "attachment; filename=\"lease.pdf\""), "%s",
	    cd);
	free(cd);
	char *ct = hres_header(&r, "Content-Type");
	ck_assert_msg(ct && strncmp(ct, "application/pdf", 15) == 0, "%s", ct);
	free(ct);
	hres_free(&r);

	/* Get, the searches, patch. */
	http_json(&r, "GET", S("/api/v2/documents/%s/", du), tok_a(), NULL);
	assert_status(&r, 200, "get doc");
	ck_assert_str_eq(jget(r.json, "data.name"), "lease.pdf");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/documents?matters=%s", m), tok_a(), NULL);
	assert_env(&r, 1, 1, 1);
	ck_assert_str_eq(jget(r.json, "data.0.uuid"), du);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters/%s/documents", m), tok_a(), NULL);
	assert_env(&r, 1, 1, 1);
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/documents/%s", du), tok_a(),
	    "{\"title\":\"Signed lease\"}");
	assert_status(&r, 200, "patch doc");
	ck_assert_str_eq(jget(r.json, "data.title"), "Signed lease");
	ck_assert_str_eq(jget(r.json, "data.name"), "lease.pdf");
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/documents/%s", du), tok_a(),
	    "{\"sha256\":\"x\"}");
	assert_ls400(&r, "invalid_parameters", "sha256");
	hres_free(&r);

	/* Upsert on the name: the bytes replaced, 200; a new name 201. */
	r = upload("/api/v2/documents", tok_a(), S("module_uuid=%s&update=true&"
	    "name=lease.pdf", m), "v2.pdf", "application/pdf", "new", 3);
	assert_status(&r, 200, "upsert replace");
	ck_assert_str_eq(jget(r.json, "data.uuid"), du);
	ck_assert_int_eq(atol(jget(r.json, "data.disk_file_size")), 3);
	ck_assert_str_eq(jget(r.json, "data.title"), "Signed lease");
	hres_free(&r);
	r = upload("/api/v2/documents", tok_a(), S("module_id=%s&update=true", m),
	    "notes.txt", NULL, "hello", 5);
	assert_status(&r, 201, "upsert create");
	ck_assert_str_eq(jget(r.json, "data.mime_type"), "application/octet-stream");
	hres_free(&r);
	ck_assert_int_eq(count(S("/api/v2/documents?matters=%s", m), tok_a()), 2);

	/* History rows on the matter. */
	http_json(&r, "GET", S("/cases/%s/history", m), tok_a(), NULL);
	assert_status(&r, 200, "history");
	ck_assert_int_ge(json_object_array_length(r.json), 5);
	hres_free(&r);

	/* The vendor client's upload. */
	r = upload("/api/v1/documents/matter_zip", tok_a(),
	    S("legalserver_matter_uuid=%s&legalserver_subfolder=x", m), "z.txt",
	    "text/plain", "zip", 3);
	assert_status(&r, 200, "matter_zip");
	ck_assert_ptr_nonnull(jfind(r.json, "uuid"));
	hres_free(&r);
	ck_assert_int_eq(count(S("/api/v2/documents?matters=%s", m), tok_a()), 3);

	/* Bad uploads: nothing stored. */
	struct { const char *fields, *fname, *err; long st; } bad[] = {
		{ S("matter_uuid=%s", m), NULL, "Missing file data", 400 },
		{ "title=x", "a.txt", "matter_id or matter_uuid parameter is "
		    "required", 400 },
		{ "matter_uuid=nope", "a.txt", "Invalid matter_uuid", 400 },
		{ S("matter_uuid=%s&module=event", m), "a.txt", NULL, 400 },
		{ S("matter_uuid=%s&colour=red", m), "a.txt", "Unknown parameter: "
		    "colour", 400 },
		{ S("matter_uuid=%s&title=a&title=b", m), "a.txt", "Parameter given "
		    "twice: title", 400 },
		{ S("matter_uuid=%s&update=maybe", m), "a.txt", NULL, 400 },
		{ S("matter_uuid=%s&matter_id=1", m), "a.txt", "Name the matter "
		    "once", 400 },
		{ "matter_uuid=00000000-0000-4000-8000-000000000000", "a.txt",
		    "Requested matter does not exist", 404 },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = upload("/api/v2/documents", tok_a(), bad[i].fields, bad[i].fname,
		    NULL, "x", 1);
		assert_status(&r, bad[i].st, bad[i].fields);
		ck_assert_msg(json_object_object_length(r.json) == 1 &&
		    jfind(r.json, "error"), "not {error}: %s", r.body);
		if (bad[i].err)
			ck_assert_str_eq(jget(r.json, "error"), bad[i].err);
		hres_free(&r);
	}
	/* Malformed multipart, another content type, too many parts. */
	const char *hdrs[] = { "Content-Type: multipart/form-data; boundary=" BND,
	    auth[0], NULL };
	const char *mal = "--" BND "\r\nContent-Disposition: form-data; "
	    "name=\"file\"; filename=\"a\"\r\n\r\nno close";
	http(&r, "POST", "/api/v2/documents", hdrs, mal, strlen(mal));
	assert_status(&r, 400, "malformed");
	ck_assert_str_eq(jget(r.json, "error"), "The multipart body is malformed");
	hres_free(&r);
	const char *jh[] = { "Content-Type: application/json", auth[0], NULL };
	http(&r, "POST", "/api/v2/documents", jh, "{}", 2);
	assert_status(&r, 400, "not multipart");
	hres_free(&r);
	struct buf { char *s; size_t n; } many = { malloc(65536), 0 };
	for (int i = 0; i < 20; i++)
		many.n += (size_t)sprintf(many.s + many.n, "--" BND "\r\n"
		    "Content-Disposition: form-data; name=\"p%d\"\r\n\r\nv\r\n", i);
	many.n += (size_t)sprintf(many.s + many.n, "--" BND "--\r\n");
	http(&r, "POST", "/api/v2/documents", hdrs, many.s, many.n);
	assert_status(&r, 400, "too many parts");
	ck_assert_str_eq(jget(r.json, "error"),
	    "The multipart body has too many parts");
	hres_free(&r);
	free(many.s);
	/* Over the size cap: 413 before anything is read. */
	size_t big = (8u << 20) + 1024;
	char *huge = malloc(big);
	memset(huge, 'a', big);
	r = upload("/api/v2/documents", tok_a(), S("matter_uuid=%s", m), "big.bin",
	    NULL, huge, big);
	assert_error(&r, 413, NULL);
	hres_free(&r);
	free(huge);
	ck_assert_int_eq(count(S("/api/v2/documents?matters=%s", m), tok_a()), 3);

	/* Another organisation: 403 on the matter, the document, the bytes. */
	r = upload("/api/v2/documents", tok_b(), S("matter_uuid=%s", m), "a.txt",
	    NULL, "x", 1);
	assert_status(&r, 403, "upload other org");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/documents/%s", du), tok_b(), NULL);
	assert_error(&r, 403, "User does not have permissions: API Access All "
	    "Cases");
	hres_free(&r);
	const char *bauth[] = { S("Authorization: Bearer %s", tok_b()), NULL };
	http(&r, "GET", S("/modules/document/download.php?unique_id=%s", du), bauth,
	    NULL, 0);
	assert_status(&r, 403, "download other org");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/documents?matters=%s", m), tok_b(), NULL);
	assert_env(&r, 3, 0, 0);
	hres_free(&r);
	http(&r, "GET", S("/modules/document/download.php?unique_id=%s", du), NULL,
	    NULL, 0);
	assert_error(&r, 401, "User not authorized to perform this operation");
	hres_free(&r);
	http(&r, "GET", "/modules/document/download.php?unique_id=zz", auth, NULL, 0);
	assert_error(&r, 400, "Invalid unique_id");
	hres_free(&r);
	http(&r, "GET", "/modules/document/download.php?unique_id="
	    "00000000-0000-4000-8000-000000000000", auth, NULL, 0);
	assert_error(&r, 404, "Unknown document");
	hres_free(&r);
	char *ro = make_user_token(PW, "read", org_a, 0);
	r = upload("/api/v2/documents", ro, S("matter_uuid=%s", m), "a.txt", NULL,
	    "x", 1);
	assert_error(&r, 403, "User does not have permissions: create");
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ kinds not held */

/* The lookup row of table named name: its field (malloc'd). */
static char *
lookup_field(const char *table, const char *name, const char *field)
{
	struct hres r;

	http_json(&r, "GET", S("/api/v2/lookups/%s?name=%s", table, name), tok_a(),
	    NULL);
	assert_status(&r, 200, table);
	ck_assert_msg(jget(r.json, S("data.0.%s", field)) != NULL, "%s %s: %s",
	    table, name, r.body);
	char *v = strdup(jget(r.json, S("data.0.%s", field)));
	hres_free(&r);
	return v;
}

/* The names of data.programs, joined by '|'. */
static char *
program_names(json_object *d)
{
	json_object *a = jfind(d, "programs");
	char *out = strdup("");

	for (size_t i = 0; a && i < json_object_array_length(a); i++) {
		json_object *p = json_object_array_get_idx(a, i);
		ck_assert_str_eq(jget(p, "lookup_type_table_name"), "program");
		out = S("%s%s%s", out, i ? "|" : "", jget(p, "lookup_value_name"));
	}
	return out;
}

/*
 * A document's type (the document_type lookup) and programs (program
 * lookups): every input form on upload and PATCH, read as lookup objects,
 * searchable, and bad values refused with nothing written.
 */
START_TEST(documents_type_and_programs)
{
	struct hres	 r;
	char		*m = must("POST", "/api/v2/matters", tok_a(), S("{\"first\":"
	    "\"T\",\"last\":\"%s\",\"case_disposition\":\"Open\"}",
	    unique("Lsdtype")), 201, "matter_uuid");
	static const char pdf[] = "%PDF-1.4\n%%EOF";
	const size_t plen = sizeof(pdf) - 1;
	char *pro_id = lookup_field("program", "Pro%20Bono%20Program", "id");
	char *lease_uuid = lookup_field("document_type", "Lease", "uuid");

	/* The seeded types. */
	http_json(&r, "GET", "/api/v2/lookups/document_type", tok_a(), NULL);
	assert_status(&r, 200, "document types");
	ck_assert_int_eq(atol(jget(r.json, "total_records")), 9);
	hres_free(&r);

	/* Upload: type by name, programs by names (commas), in list order. */
	r = upload("/api/v2/documents", tok_a(), S("matter_uuid=%s&type=Notice&"
	    "programs=Elder Law Project, Housing Unit", m), "n.pdf",
	    "application/pdf", pdf, plen);
	assert_status(&r, 201, "upload typed");
	ck_assert_str_eq(jget(r.json, "data.type.lookup_value_name"), "Notice");
	ck_assert_str_eq(jget(r.json, "data.type.lookup_type_name"),
	    "Document Type");
	ck_assert_str_eq(program_names(jfind(r.json, "data")),
	    "Housing Unit|Elder Law Project");
	char *d1 = strdup(jget(r.json, "data.uuid"));
	hres_free(&r);

	/* Type by uuid, programs as a JSON array of a name and an id. */
	r = upload("/api/v2/documents", tok_a(), S("matter_uuid=%s&type=%s&"
	    "programs=[\"General Intake\",%s]", m, lease_uuid, pro_id), "l.pdf",
	    "application/pdf", pdf, plen);
	assert_status(&r, 201, "upload by uuid and id");
	ck_assert_str_eq(jget(r.json, "data.type.lookup_value_name"), "Lease");
	ck_assert_str_eq(program_names(jfind(r.json, "data")),
	    "General Intake|Pro Bono Program");
	char *d2 = strdup(jget(r.json, "data.uuid"));
	hres_free(&r);

	/* Bad values: 400 and no document. */
	const char *bad[] = { "type=Spaceship", "programs=Housing Unit,Moon Unit",
	    "programs=[\"Housing Unit\",{}]", "programs=[1.5]", "programs={}",
	    "programs=[", "type=999999", NULL };
	for (size_t i = 0; bad[i]; i++) {
		r = upload("/api/v2/documents", tok_a(), S("matter_uuid=%s&%s", m,
		    bad[i]), "x.pdf", "application/pdf", pdf, plen);
		assert_status(&r, 400, bad[i]);
		ck_assert_msg(jget(r.json, "error") && strncmp(jget(r.json, "error"),
		    "Invalid value for ", 18) == 0, "%s: %s", bad[i], r.body);
		hres_free(&r);
	}
	ck_assert_int_eq(count(S("/api/v2/documents?matters=%s", m), tok_a()), 2);

	/* Searches by type, by program, and for none. */
	ck_assert_int_eq(count(S("/api/v2/documents?matters=%s&type=Lease", m),
	    tok_a()), 1);
	ck_assert_int_eq(count(S("/api/v2/documents?matters=%s&programs=Housing"
	    "%%20Unit", m), tok_a()), 1);
	ck_assert_int_eq(count(S("/api/v2/documents?matters=%s&programs=%s", m,
	    pro_id), tok_a()), 1);
	ck_assert_int_eq(count(S("/api/v2/documents?matters=%s&type=%%25empty%%25",
	    m), tok_a()), 0);

	/* PATCH: the lookup object forms, then null and [] clear them. */
	http_json(&r, "PATCH", S("/api/v2/documents/%s", d1), tok_a(),
	    "{\"type\":{\"lookup_value_name\":\"Court Order\"},\"programs\":"
	    "[{\"lookup_value_name\":\"Family Law Unit\"}]}");
	assert_status(&r, 200, "patch class");
	ck_assert_str_eq(jget(r.json, "data.type.lookup_value_name"), "Court Order");
	ck_assert_str_eq(program_names(jfind(r.json, "data")), "Family Law Unit");
	ck_assert_str_eq(jget(r.json, "data.name"), "n.pdf");
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/documents/%s", d2), tok_a(),
	    "{\"type\":null,\"programs\":[]}");
	assert_status(&r, 200, "patch clear");
	ck_assert_ptr_null(jfind(r.json, "data.type.lookup_value_id"));
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "data.programs")),
	    0);
	hres_free(&r);
	ck_assert_int_eq(count(S("/api/v2/documents?matters=%s&type=%%25empty%%25",
	    m), tok_a()), 1);

	/* PATCH refusals: LegalServer's invalid_values, nothing changed. */
	const char *pbad[] = { "{\"type\":\"Nope\"}", "{\"programs\":\"Housing "
	    "Unit\"}", "{\"programs\":[\"Housing Unit\",\"Nope\"]}",
	    "{\"type\":\"Lease\",\"programs\":[true]}", NULL };
	for (size_t i = 0; pbad[i]; i++) {
		http_json(&r, "PATCH", S("/api/v2/documents/%s", d1), tok_a(), pbad[i]);
		assert_status(&r, 400, pbad[i]);
		ck_assert_msg(jfind(r.json, "invalid_values") != NULL, "%s: %s",
		    pbad[i], r.body);
		hres_free(&r);
	}
	http_json(&r, "GET", S("/api/v2/documents/%s", d1), tok_a(), NULL);
	ck_assert_str_eq(jget(r.json, "data.type.lookup_value_name"), "Court Order");
	ck_assert_str_eq(program_names(jfind(r.json, "data")), "Family Law Unit");
	hres_free(&r);

	/* An upsert's type and programs replace the document's. */
	r = upload("/api/v2/documents", tok_a(), S("matter_uuid=%s&name=n.pdf&"
	    "update=true&type=Evidence&programs=[]", m), "n.pdf",
	    "application/pdf", pdf, plen);
	assert_status(&r, 200, "upsert class");
	ck_assert_str_eq(jget(r.json, "data.uuid"), d1);
	ck_assert_str_eq(jget(r.json, "data.type.lookup_value_name"), "Evidence");
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "data.programs")),
	    0);
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ stored records */

/* GET path's body; asserts 200. */
static char *
body_of(const char *path, const char *tok)
{
	struct hres r;

	http_json(&r, "GET", path, tok, NULL);
	assert_status(&r, 200, path);
	char *b = strdup(r.body);
	hres_free(&r);
	return b;
}

static char *
doc_matter(const char *m)
{
	return sql_value(S("SELECT IFNULL(doc_matter, 'NULL') FROM cases WHERE "
	    "uuid = '%s'", m));
}

/*
 * A matter's stored record (cases.doc_matter) is what GET answers, is
 * written by a LegalServer write, cleared by an LAA write or a document
 * upload, and the next read renders the rows and stores them again; a
 * search page answers the same record; custom_results still projects it.
 */
START_TEST(matter_stored_record)
{
	char	*tag = unique("Lsstore");
	char	*m = must("POST", "/api/v2/matters", tok_a(), S("{\"first\":"
	    "\"Stella\",\"last\":\"%s\",\"case_disposition\":\"Open\"}", tag),
	    201, "matter_uuid");
	char	*path = S("/api/v2/matters/%s", m), *got, *stored;

	/* Written by the create: GET sends it as it is. */
	stored = doc_matter(m);
	ck_assert_str_ne(stored, "NULL");
	got = body_of(path, tok_a());
	ck_assert_str_eq(got, S("{\"data\":%s}", stored));

	/* An LAA write clears it; the next read shows the change and stores it. */
	must("PATCH", S("/cases/%s", m), tok_a(), "{\"case_type\":\"CCQ\"}", 200,
	    NULL);
	ck_assert_str_eq(doc_matter(m), "NULL");
	char *laa = body_of(S("/cases/%s", m), tok_a());
	got = body_of(path, tok_a());
	stored = doc_matter(m);
	ck_assert_str_eq(got, S("{\"data\":%s}", stored));
	json_object *o = json_tokener_parse(got), *c = json_tokener_parse(laa);
	ck_assert_str_eq(jget(o, "data.updated_at"), jget(c, "updated_at"));
	json_object_put(c);
	json_object_put(o);

	/* A matter PATCH stores the new record at once. */
	must("PATCH", path, tok_a(), "{\"case_title\":\"Stored title\"}", 200,
	    NULL);
	stored = doc_matter(m);
	ck_assert_ptr_nonnull(strstr(stored, "\"case_title\":\"Stored title\""));
	ck_assert_str_eq(body_of(path, tok_a()), S("{\"data\":%s}", stored));

	/* Bulk-cleared (as after a load by SQL): a page renders the rows, the
	   record equals GET's, and both faces are stored again. */
	ck_assert_int_eq(sql(S("UPDATE cases SET doc_casegate = NULL, doc_ref = "
	    "NULL, doc_matter = NULL WHERE uuid = '%s'", m)), 0);
	struct hres r;
	http_json(&r, "GET", S("/api/v2/matters?last=%s", tag), tok_a(), NULL);
	assert_env(&r, 1, 1, 1);
	ck_assert_str_eq(json_object_to_json_string_ext(jfind(r.json, "data.0"),
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE), stored);
	hres_free(&r);
	ck_assert_str_eq(doc_matter(m), stored);
	ck_assert_str_eq(body_of(path, tok_a()), S("{\"data\":%s}", stored));

	/* custom_results is a projection of the same record. */
	http_json(&r, "GET", S("%s?custom_results=case_title", path), tok_a(), NULL);
	assert_status(&r, 200, "custom_results");
	ck_assert_str_eq(jget(r.json, "data.case_title"), "Stored title");
	ck_assert_int_eq(json_object_object_length(jfind(r.json, "data")), 2);
	hres_free(&r);

	/* A document upload moves updated_at: every face shows the new one. */
	static const char pdf[] = "%PDF-1.4\n%%EOF";
	r = upload("/api/v2/documents", tok_a(), S("module=matter&matter_uuid=%s",
	    m), "a.pdf", "application/pdf", pdf, sizeof(pdf) - 1);
	assert_status(&r, 201, "upload");
	hres_free(&r);
	o = json_tokener_parse(body_of(path, tok_a()));
	c = json_tokener_parse(body_of(S("/cases/%s", m), tok_a()));
	ck_assert_str_ne(jget(o, "data.updated_at"), jget(json_tokener_parse(
	    S("{\"data\":%s}", stored)), "data.updated_at"));
	ck_assert_str_eq(jget(o, "data.updated_at"), jget(c, "updated_at"));
	json_object_put(c);
	json_object_put(o);
}
END_TEST

/* A page of matters without records: each gets its own back, in one go. */
START_TEST(matter_page_stored_records)
{
	char	*tag = unique("Lspage");
	char	*m[3], *stored[3];

	for (int i = 0; i < 3; i++) {
		m[i] = must("POST", "/api/v2/matters", tok_a(), S("{\"first\":"
		    "\"Pat%d\",\"last\":\"%s\",\"case_disposition\":\"Open\"}", i,
		    tag), 201, "matter_uuid");
		stored[i] = doc_matter(m[i]);
		ck_assert_ptr_nonnull(strstr(stored[i], S("\"Pat%d\"", i)));
	}
	ck_assert_int_eq(sql(S("UPDATE cases c JOIN persons p ON p.case_id = "
	    "c.id SET c.doc_matter = NULL WHERE p.name_last = '%s'", tag)), 0);
	struct hres r;
	http_json(&r, "GET", S("/api/v2/matters?last=%s&page_size=2", tag), tok_a(),
	    NULL);
	assert_env(&r, 3, 3, 2);
	hres_free(&r);
	ck_assert_str_eq(doc_matter(m[0]), stored[0]);
	ck_assert_str_eq(doc_matter(m[1]), stored[1]);
	ck_assert_str_eq(doc_matter(m[2]), "NULL");
	ck_assert_str_eq(body_of(S("/api/v2/matters/%s", m[2]), tok_a()),
	    S("{\"data\":%s}", stored[2]));
	ck_assert_str_eq(doc_matter(m[2]), stored[2]);
}
END_TEST

START_TEST(subrecords_not_held)
{
	struct hres	 r;
	char		*m = must("POST", "/api/v2/matters", tok_a(), S("{\"first\":"
	    "\"S\",\"last\":\"%s\",\"case_disposition\":\"Open\"}",
	    unique("Lssub")), 201, "matter_uuid");
	const char *kinds[] = { "contacts", "assignments", "services",
	    "litigations", "charges", "incomes", "additional_names",
	    "adverse_parties", "non_adverse_parties" };

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		http_json(&r, "GET", S("/api/v2/matters/%s/%s/", m, kinds[i]),
		    tok_a(), NULL);
		assert_env(&r, 0, 0, 0);
		ck_assert_int_eq(atol(jget(r.json, "total_number_of_pages")), 0);
		hres_free(&r);
	}
	http_json(&r, "GET", S("/api/v2/events?matters=%s", m), tok_a(), NULL);
	assert_env(&r, 0, 0, 0);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/tasks?matters=%s&page_number=2", m),
	    tok_a(), NULL);
	assert_env(&r, 0, 0, 0);
	ck_assert_int_eq(atol(jget(r.json, "page_number")), 2);
	hres_free(&r);
	/* The matter's notes still answer as notes. */
	http_json(&r, "GET", S("/api/v2/matters/%s/notes", m), tok_a(), NULL);
	assert_env(&r, 0, 0, 0);
	hres_free(&r);
	/* The checks: kind, uuid, matter, organisation, parameters. */
	http_json(&r, "GET", S("/api/v2/matters/%s/spaceships", m), tok_a(), NULL);
	assert_error(&r, 404, "Not Found");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/matters/x/contacts", tok_a(), NULL);
	assert_error(&r, 400, "Invalid matter_uuid");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/matters/00000000-0000-4000-8000-000000000000"
	    "/contacts", tok_a(), NULL);
	assert_error(&r, 404, "Unknown matter");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters/%s/contacts", m), tok_b(), NULL);
	assert_status(&r, 403, "other org");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters/%s/contacts?bogus=1", m), tok_a(),
	    NULL);
	assert_status(&r, 400, "bad key");
	ck_assert_ptr_nonnull(jfind(r.json, "invalid search keys"));
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/events?matters=nope", tok_a(), NULL);
	assert_status(&r, 400, "bad value");
	ck_assert_ptr_nonnull(jfind(r.json, "invalid search values"));
	hres_free(&r);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("ls_more");
	TCase *t = tcase_create("records");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, users_create_get_patch);
	tcase_add_test(t, users_errors);
	tcase_add_test(t, users_orgs_and_visibility);
	tcase_add_test(t, organizations);
	tcase_add_test(t, contacts);
	tcase_add_test(t, top_level_notes);
	tcase_add_test(t, documents);
	tcase_add_test(t, matter_stored_record);
	tcase_add_test(t, matter_page_stored_records);
	tcase_add_test(t, documents_type_and_programs);
	tcase_add_test(t, subrecords_not_held);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	srandom((unsigned)time(NULL) ^ (unsigned)getpid());
	adm_prefetch();
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
