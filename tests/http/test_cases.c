/*
 * The LAA case API over HTTP, on both faces of the one store: unprefixed
 * paths (Casegate's face: CLA/CCQ codes out, codes and long names in,
 * external_id and date_of_birth, unknown keys refused) and /v1, /latest (the
 * reference's face: long names only, naive timestamps, unknown keys
 * ignored). Routing, the reference's HTTP tests 1-19 and its Person
 * validator tests 55-67 (spec section 15), the merge rules of section 8,
 * FastAPI's error shapes, the limits, 50 concurrent PATCHes on one case,
 * the history of every write, and organisation-scoped visibility.
 */
#include <check.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "client.h"

#define PW	"pw-secret-cases-0001"
#define CCQL	"Check if your client qualifies for legal aid"
#define CLAL	"Civil Legal Advice"
#define NOCASE	"00000000-0000-4000-8000-000000000000"

/* The reference suite's standard case D (spec section 15), in parts. */
#define D_NOTES "[{\"note_type\":\"Other\",\"content\":\"\"},{\"note_type\":" \
	"\"Adaptation\",\"content\":\"This is user needs adaptations\"}]"
#define D_PEOPLE "[{\"name\":\"string\",\"address\":\"string\",\"phone_number\":" \
	"\"0202 21212\",\"postcode\":\"SW1 1AA\",\"email\":\"user@example.com\"}]"
#define D_TRACKER "{\"gtm_anon_id\":\"string\",\"journey\":{}}"
#define D_OUTCOMES "[{\"eligibility_type\":\"CCQ\",\"outcome\":\"In scope\"," \
	"\"answers\":{}}]"
#define D_ADAPT "{\"languages\":[\"EN\",\"CY\"],\"needed_adaptations\":" \
	"[\"BSL - Webcam\",\"Text Relay\"]}"
#define D_NO_ADAPT "{\"case_type\":\"" CCQL "\",\"notes\":" D_NOTES \
	",\"people\":" D_PEOPLE ",\"case_tracker\":" D_TRACKER \
	",\"eligibility_outcomes\":" D_OUTCOMES
#define D_BODY D_NO_ADAPT ",\"case_adaptations\":" D_ADAPT "}"
#define P1 "{\"name\":\"John Doe\",\"address\":\"102 Petty France\"," \
	"\"phone_number\":\"11111111\",\"postcode\":\"SW1 1AA\"," \
	"\"email\":\"user1@example.com\"}"
#define P2 "{\"name\":\"Jane Doe\",\"address\":\"10SC Canary Wharf\"," \
	"\"phone_number\":\"222222222\",\"postcode\":\"SW2 2AA\"," \
	"\"email\":\"user2@example.com\"}"

/* Set once by the unchecked fixture, in the parent, before any test forks. */
static char *org1, *org2;
static char *u1, *u1ro, *u1nodel, *u2;
static char *t_adm, *t1, *t1ro, *t1nodel, *t2;

static const char *const case_keys[] = {
	"created_at", "updated_at", "id", "case_type", "notes", "people",
	"case_tracker", "eligibility_outcomes", "case_adaptations",
	"external_id", NULL
};
static const char *const ref_case_keys[] = {
	"created_at", "updated_at", "id", "case_type", "notes", "people",
	"case_tracker", "eligibility_outcomes", "case_adaptations", NULL
};
static const char *const list_keys[] = {
	"created_at", "updated_at", "id", "case_type", NULL
};
static const char *const note_keys[] = {
	"created_at", "updated_at", "id", "note_type", "content", NULL
};
static const char *const person_keys[] = {
	"created_at", "updated_at", "id", "name", "address", "phone_number",
	"postcode", "email", "date_of_birth", NULL
};
static const char *const ref_person_keys[] = {
	"created_at", "updated_at", "id", "name", "address", "phone_number",
	"postcode", "email", NULL
};
static const char *const tracker_keys[] = {
	"created_at", "updated_at", "id", "gtm_anon_id", "journey", NULL
};
static const char *const outcome_keys[] = {
	"created_at", "updated_at", "id", "eligibility_type", "outcome",
	"answers", NULL
};
static const char *const adapt_keys[] = {
	"created_at", "updated_at", "id", "needed_adaptations", "languages", NULL
};
static const char *const history_keys[] = {
	"at", "username", "action", "changes", NULL
};

/* ------------------------------------------------------------ helpers */

static char last_call[512];

/* One JSON request; the transport must work. */
static struct hres
call(const char *method, const char *path, const char *tok, const char *body)
{
	struct hres r;

	snprintf(last_call, sizeof(last_call), "%s %s", method, path);
	ck_assert_msg(http_json(&r, method, path, tok, body) == 0,
	    "%s: transport failed", last_call);
	return r;
}

static void
expect(const struct hres *r, long status)
{
	ck_assert_msg(r->status == status, "%s: %ld, not %ld: %.600s",
	    last_call, r->status, status, r->body);
}

static const char *
plain(json_object *o)
{
	return json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
}

static json_object *
parse(const char *s)
{
	json_object *o = json_tokener_parse(s);
	ck_assert_msg(o != NULL, "not JSON: %s", s);
	return o;
}

static void
assert_json_eq(json_object *got, json_object *want)
{
	ck_assert_msg(json_object_equal(got, want), "got  %s\nwant %s",
	    plain(got), plain(want));
}

/* Exactly these keys, in this order. */
static void
assert_key_order(json_object *o, const char *const *keys)
{
	size_t i = 0;

	ck_assert_msg(json_object_is_type(o, json_type_object), "not an object: %s",
	    plain(o));
	json_object_object_foreach(o, k, v) {
		(void)v;
		ck_assert_msg(keys[i] != NULL && strcmp(keys[i], k) == 0,
		    "key %zu is %s, not %s, in %s", i, k, keys[i] ? keys[i] : "(end)",
		    plain(o));
		i++;
	}
	ck_assert_msg(keys[i] == NULL, "key %s missing from %s", keys[i], plain(o));
}

/* 2026-01-02T03:04:05.123456, with Z on Casegate's face only. */
static void
assert_ts(const char *s, int z)
{
	ck_assert_ptr_nonnull(s);
	size_t n = strlen(s), base = n - (z ? 1 : 0);
	int ok = (base == 19 || base == 26) && s[4] == '-' && s[7] == '-' &&
	    s[10] == 'T' && s[13] == ':' && s[16] == ':' &&
	    (base == 19 || s[19] == '.') && (z ? s[n - 1] == 'Z' :
	    s[n - 1] != 'Z');
	for (size_t i = 0; ok && i < base; i++)
		if (i != 4 && i != 7 && i != 10 && i != 13 && i != 16 && i != 19)
			ok = s[i] >= '0' && s[i] <= '9';
	ck_assert_msg(ok, "bad %s timestamp %s", z ? "Casegate" : "reference", s);
}

/* Every created_at/updated_at in a case, nested ones too. */
static void
assert_all_ts(json_object *o, int z)
{
	if (json_object_is_type(o, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(o); i++)
			assert_all_ts(json_object_array_get_idx(o, i), z);
		return;
	}
	if (!json_object_is_type(o, json_type_object))
		return;
	json_object_object_foreach(o, k, v) {
		if (strcmp(k, "journey") == 0 || strcmp(k, "answers") == 0)
			continue;
		if (strcmp(k, "created_at") == 0 || strcmp(k, "updated_at") == 0)
			assert_ts(json_object_get_string(v), z);
		else
			assert_all_ts(v, z);
	}
}

/* The case as the response gave it, which must have that status. */
static json_object *
send_case(const char *method, const char *path, const char *tok,
    const char *body, long status)
{
	struct hres r = call(method, path, tok, body);
	expect(&r, status);
	ck_assert_ptr_nonnull(r.json);
	return json_object_get(r.json);
}

static json_object *
create(const char *prefix, const char *tok, const char *body)
{
	return send_case("POST", S("%s/cases/", prefix), tok, body, 201);
}

static json_object *
get_case(const char *prefix, const char *tok, const char *id)
{
	return send_case("GET", S("%s/cases/%s", prefix, id), tok, NULL, 200);
}

static json_object *
patch(const char *prefix, const char *tok, const char *id, const char *body)
{
	return send_case("PATCH", S("%s/cases/%s", prefix, id), tok, body, 200);
}

static const char *
id_of(json_object *o)
{
	const char *s = jget(o, "id");
	ck_assert_ptr_nonnull(s);
	return strdup(s);
}

static json_object *
history(const char *tok, const char *id)
{
	return send_case("GET", S("/cases/%s/history", id), tok, NULL, 200);
}

static size_t
count_action(json_object *h, const char *action)
{
	size_t n = 0;

	for (size_t i = 0; i < json_object_array_length(h); i++)
		n += strcmp(jget(json_object_array_get_idx(h, i), "action"),
		    action) == 0;
	return n;
}

/* A deep copy without the keys the reference's assert_dicts_equal ignores. */
static json_object *
strip_meta(json_object *o)
{
	json_object *c = NULL;

	json_object_deep_copy(o, &c, NULL);
	if (json_object_is_type(c, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(c); i++) {
			json_object *s = strip_meta(json_object_array_get_idx(c, i));
			json_object_array_put_idx(c, i, s);
		}
	} else if (json_object_is_type(c, json_type_object)) {
		json_object_object_del(c, "id");
		json_object_object_del(c, "created_at");
		json_object_object_del(c, "updated_at");
		json_object_object_foreach(c, k, v)
			json_object_object_add(c, k, strip_meta(v));
	}
	return c;
}

static void
assert_dicts_equal(json_object *got, const char *want)
{
	json_object *a = strip_meta(got), *b = strip_meta(parse(want));
	assert_json_eq(a, b);
}

/*
 * The reference face's view of a case read on Casegate's: long case_type,
 * no Z, no external_id, no date_of_birth.
 */
static json_object *
ref_view(json_object *o, int top)
{
	json_object *c = NULL;

	json_object_deep_copy(o, &c, NULL);
	if (json_object_is_type(c, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(c); i++)
			json_object_array_put_idx(c, i,
			    ref_view(json_object_array_get_idx(c, i), 0));
		return c;
	}
	if (!json_object_is_type(c, json_type_object))
		return c;
	if (top) {
		const char *ct = jget(c, "case_type");
		json_object_object_del(c, "external_id");
		json_object_object_add(c, "case_type", json_object_new_string(
		    strcmp(ct, "CLA") == 0 ? CLAL : CCQL));
	}
	json_object_object_del(c, "date_of_birth");
	json_object_object_foreach(c, k, v) {
		if (strcmp(k, "journey") == 0 || strcmp(k, "answers") == 0)
			continue;
		if (strcmp(k, "created_at") == 0 || strcmp(k, "updated_at") == 0) {
			const char *s = json_object_get_string(v);
			size_t n = strlen(s);
			json_object_object_add(c, k, json_object_new_string_len(s,
			    (int)(n && s[n - 1] == 'Z' ? n - 1 : n)));
		} else if (strcmp(k, "case_type") != 0)
			json_object_object_add(c, k, ref_view(v, 0));
	}
	return c;
}

/* Joins a problem's loc: ["body","people",1,"postcode"] -> body.people.1.postcode */
static const char *
loc_of(json_object *p)
{
	json_object	*l = jfind(p, "loc");
	char		 got[512] = "";

	for (size_t k = 0; l && k < json_object_array_length(l); k++) {
		size_t n = strlen(got);
		snprintf(got + n, sizeof(got) - n, "%s%s", k ? "." : "",
		    json_object_get_string(json_object_array_get_idx(l, k)));
	}
	return strdup(got);
}

/* The one problem of that type at that loc (in any order); checks its shape. */
static json_object *
problem(const struct hres *r, const char *type, const char *loc)
{
	json_object *d = jfind(r->json, "detail"), *found = NULL;

	ck_assert_msg(r->status == 422, "%s: %ld %.400s", last_call, r->status,
	    r->body);
	ck_assert_msg(json_object_is_type(d, json_type_array), "%s", r->body);
	for (size_t i = 0; i < json_object_array_length(d); i++) {
		json_object *p = json_object_array_get_idx(d, i);
		json_object_object_foreach(p, k, v) {
			(void)v;
			ck_assert_msg(strcmp(k, "type") == 0 || strcmp(k, "loc") == 0 ||
			    strcmp(k, "msg") == 0 || strcmp(k, "input") == 0 ||
			    strcmp(k, "ctx") == 0, "key %s in %s", k, plain(p));
		}
		ck_assert_msg(json_object_object_get_ex(p, "input", NULL) &&
		    jget(p, "msg") != NULL, "shape of %s", plain(p));
		if (strcmp(jget(p, "type"), type) == 0 &&
		    strcmp(loc_of(p), loc) == 0) {
			ck_assert_msg(found == NULL, "twice: %s %s", type, loc);
			found = p;
		}
	}
	ck_assert_msg(found != NULL, "%s: no %s at %s in %.1500s", last_call, type,
	    loc, r->body);
	return found;
}

static size_t
nproblems(const struct hres *r)
{
	return json_object_array_length(jfind(r->json, "detail"));
}

/* The only problem is this one. */
static json_object *
only_problem(const struct hres *r, const char *type, const char *loc)
{
	json_object *p = problem(r, type, loc);
	ck_assert_msg(nproblems(r) == 1, "%s: more than one problem: %.800s",
	    last_call, r->body);
	return p;
}

static void
assert_header(const struct hres *r, const char *name, const char *want)
{
	char *v = hres_header(r, name);
	if (want == NULL)
		ck_assert_msg(v == NULL, "%s: unexpected %s: %s", last_call, name, v);
	else {
		ck_assert_msg(v != NULL, "%s: no %s header", last_call, name);
		ck_assert_str_eq(v, want);
	}
	free(v);
}

static char *
new_user(const char *scopes, const char *org)
{
	char *name = unique("cas");
	if (org)
		ck_assert_int_eq(admin_cli(PW, "user add %s --scopes '%s' --org %s",
		    name, scopes, org), 0);
	else
		ck_assert_int_eq(admin_cli(PW, "user add %s --scopes '%s'", name,
		    scopes), 0);
	return name;
}

static char *
token_of(const char *user)
{
	char *t = login(user, PW);
	ck_assert_msg(t != NULL, "%s cannot log in", user);
	return t;
}

static const char *
person(const char *name)
{
	return S("{\"name\":\"%s\",\"address\":null,\"email\":null}", name);
}

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_ALL);
	org1 = unique("corg");
	org2 = unique("corg");
	ck_assert_int_eq(admin_cli(NULL, "org add %s", org1), 0);
	ck_assert_int_eq(admin_cli(NULL, "org add %s", org2), 0);
	u1 = new_user("read,create,update,delete", org1);
	u1ro = new_user("read", org1);
	u1nodel = new_user("read,create,update", org1);
	u2 = new_user("read,create,update,delete", org2);
	t_adm = admin_token();
	ck_assert_ptr_nonnull(t_adm);
	t1 = token_of(u1);
	t1ro = token_of(u1ro);
	t1nodel = token_of(u1nodel);
	t2 = token_of(u2);
}

static void
teardown(void)
{
	sql("DELETE FROM throttle");
}

/* ------------------------------------------------------------ routing */

START_TEST(paths_every_prefix_and_slash)
{
	static const char *const prefixes[] = { "", "/v1", "/latest" };

	for (size_t p = 0; p < 3; p++)
		for (int slash = 0; slash < 2; slash++) {
			const char *pre = prefixes[p], *sl = slash ? "/" : "";
			int ref = p > 0;
			json_object *c = send_case("POST", S("%s/cases%s", pre, sl), t1,
			    "{\"case_type\":\"" CLAL "\"}", 201);
			const char *id = id_of(c);
			ck_assert_str_eq(jget(c, "case_type"), ref ? CLAL : "CLA");

			struct hres r = call("GET", S("%s/cases%s", pre, sl), t1, NULL);
			expect(&r, 200);
			ck_assert_msg(strstr(r.body, id) != NULL, "%s not listed", id);

			c = send_case("GET", S("%s/cases/%s%s", pre, id, sl), t1, NULL,
			    200);
			ck_assert_str_eq(jget(c, "id"), id);
			c = send_case("PATCH", S("%s/cases/%s%s", pre, id, sl), t1,
			    "{\"case_type\":\"" CCQL "\"}", 200);
			ck_assert_str_eq(jget(c, "case_type"), ref ? CCQL : "CCQ");
			c = send_case("PUT", S("%s/cases/%s%s", pre, id, sl), t1,
			    "{\"case_type\":\"" CLAL "\"}", 200);
			ck_assert_str_eq(jget(c, "case_type"), ref ? CLAL : "CLA");

			r = call("DELETE", S("%s/cases/%s%s", pre, id, sl), t1, NULL);
			expect(&r, 204);
			ck_assert_int_eq(r.len, 0);
			r = call("GET", S("%s/cases/%s%s", pre, id, sl), t1, NULL);
			expect(&r, 404);
			ck_assert_str_eq(r.body, "{\"detail\":\"Case not found\"}");
		}
}
END_TEST

START_TEST(put_is_the_same_partial_update)
{
	json_object *a = create("", t1, "{\"case_type\":\"CLA\",\"notes\":"
	    "[{\"content\":\"kept\"}]}");
	json_object *b = create("", t1, "{\"case_type\":\"CLA\",\"notes\":"
	    "[{\"content\":\"kept\"}]}");
	json_object *pa = send_case("PATCH", S("/cases/%s", id_of(a)), t1,
	    "{\"case_type\":\"CCQ\"}", 200);
	json_object *pb = send_case("PUT", S("/cases/%s", id_of(b)), t1,
	    "{\"case_type\":\"CCQ\"}", 200);
	/* Both left the notes alone: PUT is no full replacement. */
	ck_assert_str_eq(jget(pa, "notes.0.content"), "kept");
	ck_assert_str_eq(jget(pb, "notes.0.content"), "kept");
	assert_json_eq(strip_meta(pa), strip_meta(pb));
}
END_TEST

START_TEST(method_not_allowed_and_not_found)
{
	json_object *c = create("", t1, "{\"case_type\":\"CLA\"}");
	const char *id = id_of(c);
	static const char *const prefixes[] = { "", "/v1", "/latest" };

	for (size_t p = 0; p < 3; p++) {
		struct hres r = call("DELETE", S("%s/cases/", prefixes[p]), t1, NULL);
		expect(&r, 405);
		ck_assert_str_eq(r.body, "{\"detail\":\"Method Not Allowed\"}");
		char *allow = hres_header(&r, "Allow");
		ck_assert_ptr_nonnull(allow);
		ck_assert_ptr_nonnull(strstr(allow, "GET"));
		ck_assert_ptr_nonnull(strstr(allow, "POST"));
		ck_assert_ptr_null(strstr(allow, "DELETE"));
		free(allow);

		r = call("POST", S("%s/cases/%s", prefixes[p], id), t1,
		    "{\"case_type\":\"CLA\"}");
		expect(&r, 405);
		ck_assert_str_eq(jget(r.json, "detail"), "Method Not Allowed");
		allow = hres_header(&r, "Allow");
		ck_assert_ptr_nonnull(allow);
		for (const char *m = "GET\0PATCH\0PUT\0DELETE\0"; *m; m += strlen(m) + 1)
			ck_assert_msg(strstr(allow, m) != NULL, "Allow: %s lacks %s",
			    allow, m);
		ck_assert_ptr_null(strstr(allow, "POST"));
		free(allow);

		r = call("GET", S("%s/no-such-thing", prefixes[p]), t1, NULL);
		expect(&r, 404);
		ck_assert_str_eq(r.body, "{\"detail\":\"Not Found\"}");
		r = call("GET", S("%s/cases/%s/nothing/here", prefixes[p], id), t1,
		    NULL);
		expect(&r, 404);
		ck_assert_str_eq(r.body, "{\"detail\":\"Not Found\"}");
	}
	/* Routing comes before authentication. */
	struct hres r = call("PATCH", "/cases/", NULL, "{}");
	expect(&r, 405);
	r = call("GET", "/v1/nowhere", NULL, NULL);
	expect(&r, 404);
	ck_assert_str_eq(r.body, "{\"detail\":\"Not Found\"}");
}
END_TEST

/* ------------------------------------------------------------ two faces */

START_TEST(casegate_face_codes_and_long_names)
{
	static const char *const in[] = { "CLA", CLAL, "CCQ", CCQL };
	static const char *const out[] = { "CLA", "CLA", "CCQ", "CCQ" };

	for (size_t i = 0; i < 4; i++) {
		json_object *c = create("", t1, S("{\"case_type\":\"%s\"}", in[i]));
		ck_assert_str_eq(jget(c, "case_type"), out[i]);
		assert_key_order(c, case_keys);
		assert_all_ts(c, 1);
		c = get_case("", t1, id_of(c));
		ck_assert_str_eq(jget(c, "case_type"), out[i]);
	}
	json_object *c = create("", t1, S("{\"case_type\":\"CCQ\",\"external_id\":"
	    "\"%s\",\"people\":[{\"name\":\"Dot\",\"address\":null,\"email\":"
	    "null,\"date_of_birth\":\"1980-02-29\"}]}", unique("ext")));
	ck_assert_ptr_nonnull(jget(c, "external_id"));
	ck_assert_str_eq(jget(c, "people.0.date_of_birth"), "1980-02-29");
	assert_key_order(jfind(c, "people.0"), person_keys);
	/* The long-name case_type on update too. */
	c = patch("", t1, id_of(c), "{\"case_type\":\"" CLAL "\"}");
	ck_assert_str_eq(jget(c, "case_type"), "CLA");

	struct hres r = call("POST", "/cases/", t1, "{\"case_type\":\"cla\"}");
	json_object *p = only_problem(&r, "enum", "body.case_type");
	ck_assert_str_eq(jget(p, "input"), "cla");
	ck_assert_ptr_nonnull(jget(p, "ctx.expected"));
	r = call("POST", "/cases/", t1, "{\"case_type\":5}");
	only_problem(&r, "string_type", "body.case_type");
}
END_TEST

START_TEST(casegate_face_refuses_unknown_and_readonly_keys)
{
	struct hres r = call("POST", "/cases/", t1, S("{\"case_type\":\"CLA\","
	    "\"id\":\"%s\",\"created_at\":\"2020-01-01T00:00:00\",\"updated_at\":"
	    "\"2020-01-01T00:00:00\",\"category\":\"Housing\",\"notes\":[{\"id\":"
	    "\"%s\",\"case_id\":\"x\",\"content\":\"c\"}],\"people\":[{\"name\":"
	    "\"A\",\"address\":null,\"email\":null,\"created_at\":\"x\"}]}", NOCASE,
	    NOCASE));
	static const char *const locs[] = {
		"body.id", "body.created_at", "body.updated_at", "body.category",
		"body.notes.0.id", "body.notes.0.case_id", "body.people.0.created_at"
	};
	for (size_t i = 0; i < 7; i++) {
		json_object *p = problem(&r, "extra_forbidden", locs[i]);
		ck_assert_str_eq(jget(p, "msg"), "Extra inputs are not permitted");
	}
	ck_assert_int_eq(nproblems(&r), 7);

	/* On update the same keys are refused and nothing is written. */
	json_object *c = create("", t1, "{\"case_type\":\"CLA\"}");
	const char *id = id_of(c);
	r = call("PATCH", S("/cases/%s", id), t1, S("{\"case_type\":\"CCQ\","
	    "\"id\":\"%s\",\"created_at\":\"2020-01-01T00:00:00\"}", NOCASE));
	problem(&r, "extra_forbidden", "body.id");
	problem(&r, "extra_forbidden", "body.created_at");
	ck_assert_int_eq(nproblems(&r), 2);
	assert_json_eq(get_case("", t1, id), c);
	ck_assert_int_eq(json_object_array_length(history(t1, id)), 1);
}
END_TEST

START_TEST(reference_face_long_names_only)
{
	static const char *const prefixes[] = { "/v1", "/latest" };

	for (size_t i = 0; i < 2; i++) {
		struct hres r = call("POST", S("%s/cases/", prefixes[i]), t1,
		    "{\"case_type\":\"CLA\"}");
		expect(&r, 422);
		ck_assert_str_eq(r.body, "{\"detail\":[{\"type\":\"enum\",\"loc\":"
		    "[\"body\",\"case_type\"],\"msg\":\"Input should be 'Check if your "
		    "client qualifies for legal aid' or 'Civil Legal Advice'\","
		    "\"input\":\"CLA\",\"ctx\":{\"expected\":\"'Check if your client "
		    "qualifies for legal aid' or 'Civil Legal Advice'\"}}]}");
		r = call("POST", S("%s/cases/", prefixes[i]), t1,
		    "{\"case_type\":\"CCQ\"}");
		only_problem(&r, "enum", "body.case_type");

		json_object *c = create(prefixes[i], t1, "{\"case_type\":\"" CCQL
		    "\"}");
		const char *id = id_of(c);
		ck_assert_str_eq(jget(c, "case_type"), CCQL);
		assert_key_order(c, ref_case_keys);
		assert_all_ts(c, 0);
		/* Codes are refused on update as well; the case is untouched. */
		r = call("PATCH", S("%s/cases/%s", prefixes[i], id), t1,
		    "{\"case_type\":\"CLA\"}");
		only_problem(&r, "enum", "body.case_type");
		c = patch(prefixes[i], t1, id, "{\"case_type\":\"" CLAL "\"}");
		ck_assert_str_eq(jget(c, "case_type"), CLAL);
		c = get_case(prefixes[i], t1, id);
		ck_assert_str_eq(jget(c, "case_type"), CLAL);
		assert_all_ts(c, 0);
	}
}
END_TEST

START_TEST(reference_face_ignores_unknown_and_casegate_fields)
{
	char *ext = unique("ext");
	json_object *c = create("/latest", t1, S("{\"case_type\":\"" CLAL "\","
	    "\"id\":\"%s\",\"created_at\":\"2020-01-01T00:00:00\",\"case_id\":"
	    "\"x\",\"category\":\"Housing\",\"external_id\":\"%s\",\"notes\":"
	    "[{\"id\":\"%s\",\"case_id\":\"y\",\"content\":\"c\"}],\"people\":"
	    "[{\"name\":\"A\",\"address\":null,\"email\":null,\"date_of_birth\":"
	    "\"1970-01-01\",\"nickname\":\"z\"}]}", NOCASE, ext, NOCASE));
	const char *id = id_of(c);
	ck_assert_str_ne(id, NOCASE);
	ck_assert_str_ne(jget(c, "notes.0.id"), NOCASE);
	ck_assert_str_eq(jget(c, "notes.0.content"), "c");
	assert_key_order(c, ref_case_keys);
	assert_key_order(jfind(c, "notes.0"), note_keys);
	assert_key_order(jfind(c, "people.0"), ref_person_keys);
	ck_assert_str_ne(jget(c, "created_at"), "2020-01-01T00:00:00");

	/* Not stored either: Casegate's face shows them null. */
	json_object *g = get_case("", t1, id);
	ck_assert_str_eq(jplain(g, "external_id"), "null");
	ck_assert_str_eq(jplain(g, "people.0.date_of_birth"), "null");

	/* Set on Casegate's face; the reference's updates neither show nor touch them. */
	g = patch("", t1, id, S("{\"external_id\":\"%s\",\"people\":[{\"id\":"
	    "\"%s\",\"name\":\"A\",\"address\":null,\"email\":null,"
	    "\"date_of_birth\":\"1999-12-31\"}]}", ext, jget(g, "people.0.id")));
	ck_assert_str_eq(jget(g, "external_id"), ext);
	const char *pid = jget(g, "people.0.id");
	c = patch("/v1", t1, id, S("{\"id\":\"%s\",\"external_id\":\"other\","
	    "\"people\":[{\"id\":\"%s\",\"name\":\"B\",\"address\":null,"
	    "\"email\":null,\"date_of_birth\":\"2001-01-01\"}]}", NOCASE, pid));
	assert_key_order(c, ref_case_keys);
	assert_key_order(jfind(c, "people.0"), ref_person_keys);
	ck_assert_str_eq(jget(c, "id"), id);
	g = get_case("", t1, id);
	ck_assert_str_eq(jget(g, "external_id"), ext);
	ck_assert_str_eq(jget(g, "people.0.name"), "B");
	ck_assert_str_eq(jget(g, "people.0.date_of_birth"), "1999-12-31");
}
END_TEST

START_TEST(faces_share_one_store)
{
	/* Made on Casegate's face, read on the reference's. */
	json_object *c = create("", t1, S("{\"case_type\":\"CLA\",\"external_id\":"
	    "\"%s\",\"notes\":[{\"note_type\":\"Provider\",\"content\":\"n\"}],"
	    "\"people\":[{\"name\":\"Ann\",\"address\":\"1 Road\",\"email\":"
	    "\"ann@example.com\",\"phone_number\":\"020 7946 0958\",\"postcode\":"
	    "\"sw1a1aa\",\"date_of_birth\":\"1990-01-02\"}],\"case_tracker\":"
	    D_TRACKER ",\"eligibility_outcomes\":" D_OUTCOMES ",\"case_adaptations\":"
	    D_ADAPT "}", unique("ext")));
	const char *id = id_of(c);
	json_object *want = ref_view(get_case("", t1, id), 1);
	assert_json_eq(get_case("/v1", t1, id), want);
	assert_json_eq(get_case("/latest", t1, id), want);

	/* Made on the reference's face, read on Casegate's. */
	json_object *r = create("/latest", t1, D_BODY);
	json_object *g = get_case("", t1, id_of(r));
	ck_assert_str_eq(jget(g, "case_type"), "CCQ");
	ck_assert_str_eq(jplain(g, "external_id"), "null");
	ck_assert_str_eq(jplain(g, "people.0.date_of_birth"), "null");
	assert_all_ts(g, 1);
	assert_json_eq(ref_view(g, 1), r);

	/* An update on one face is what the other reads. */
	patch("/v1", t1, id, "{\"case_type\":\"" CCQL "\"}");
	ck_assert_str_eq(jget(get_case("", t1, id), "case_type"), "CCQ");
}
END_TEST

START_TEST(note_types_per_face)
{
	static const char *const ref_types[] = {
		"Adaptation", "Personal", "Provider", "Caseworker", "Operator", "Other"
	};
	struct { char s[2048]; } b = { "" };

	for (size_t i = 0; i < 6; i++)
		snprintf(b.s + strlen(b.s), sizeof(b.s) - strlen(b.s),
		    "%s{\"note_type\":\"%s\",\"content\":\"%zu\"}", i ? "," : "",
		    ref_types[i], i);
	/* Casegate's face: the six and User. */
	json_object *c = create("", t1, S("{\"case_type\":\"CLA\",\"notes\":[%s,"
	    "{\"note_type\":\"User\",\"content\":\"u\"},{}]}", b.s));
	ck_assert_int_eq(json_object_array_length(jfind(c, "notes")), 8);
	for (size_t i = 0; i < 6; i++)
		ck_assert_str_eq(jget(c, S("notes.%zu.note_type", i)), ref_types[i]);
	ck_assert_str_eq(jget(c, "notes.6.note_type"), "User");
	ck_assert_str_eq(jget(c, "notes.7.note_type"), "Other");
	ck_assert_str_eq(jget(c, "notes.7.content"), "");
	assert_key_order(jfind(c, "notes.0"), note_keys);

	/* The reference's face: the six only. */
	c = create("/v1", t1, S("{\"case_type\":\"" CLAL "\",\"notes\":[%s,{}]}",
	    b.s));
	ck_assert_int_eq(json_object_array_length(jfind(c, "notes")), 7);
	ck_assert_str_eq(jget(c, "notes.6.note_type"), "Other");
	struct hres r = call("POST", "/v1/cases/", t1, "{\"case_type\":\"" CLAL
	    "\",\"notes\":[{\"note_type\":\"Other\"},{\"note_type\":\"User\"}]}");
	json_object *p = only_problem(&r, "enum", "body.notes.1.note_type");
	ck_assert_str_eq(jget(p, "msg"), "Input should be 'Adaptation', "
	    "'Personal', 'Provider', 'Caseworker', 'Operator' or 'Other'");
	ck_assert_str_eq(jget(p, "ctx.expected"), "'Adaptation', 'Personal', "
	    "'Provider', 'Caseworker', 'Operator' or 'Other'");
	ck_assert_str_eq(jget(p, "input"), "User");
	/* Case-sensitive on both. */
	r = call("POST", "/cases/", t1, "{\"case_type\":\"CLA\",\"notes\":"
	    "[{\"note_type\":\"other\"}]}");
	only_problem(&r, "enum", "body.notes.0.note_type");
	r = call("POST", "/latest/cases/", t1, "{\"case_type\":\"" CLAL "\","
	    "\"notes\":[{\"note_type\":\"provider\"}]}");
	only_problem(&r, "enum", "body.notes.0.note_type");
}
END_TEST

/* ------------------------------------------------------------ reference tests 1-19 */

/* Reference test 1: test_auth_fail_case. */
START_TEST(ref_auth_fail_case)
{
	struct hres r = call("POST", "/latest/cases/", NULL,
	    "{\"category\":\"Housing\",\"name\":\"John Doe\"}");
	expect(&r, 401);
	ck_assert_str_eq(r.body, "{\"detail\":\"Not authenticated\"}");
	assert_header(&r, "WWW-Authenticate", "Bearer");
}
END_TEST

/* Reference test 2: test_create_case_disabled_user. */
START_TEST(ref_create_case_disabled_user)
{
	char *u = new_user("read,create,update,delete", org1);
	ck_assert_int_eq(admin_cli(NULL, "user disable %s", u), 0);
	char *tok = login(u, PW);
	ck_assert_ptr_nonnull(tok);
	struct hres r = call("GET", "/latest/cases/", tok, NULL);
	expect(&r, 401);
	ck_assert_str_eq(r.body, "{\"detail\":\"User Disabled\"}");
	r = call("POST", "/latest/cases/", tok, "{\"case_type\":\"" CLAL "\"}");
	expect(&r, 401);
	ck_assert_str_eq(jget(r.json, "detail"), "User Disabled");
}
END_TEST

/* Reference tests 3 and 4: test_username_token_fail, test_raw_token_fail. */
START_TEST(ref_token_failures)
{
	struct hres r;
	http_form(&r, "/latest/token", "username=fake_user&password=incorrect");
	expect(&r, 401);
	ck_assert_str_eq(jget(r.json, "detail"), "Incorrect username or password");
	hres_free(&r);
	sql("DELETE FROM throttle");

	const char *raw[] = { "Content-Type: raw", NULL };
	char *body = S("username=%s&password=%s", u1, PW);
	http(&r, "POST", "/latest/token", raw, body, strlen(body));
	expect(&r, 422);
	hres_free(&r);
}
END_TEST

/* Reference test 5: test_credential_exception. */
START_TEST(ref_credential_exception)
{
	struct hres r = call("GET", "/latest/cases/", S("%s1", t1), NULL);
	expect(&r, 401);
	ck_assert_str_eq(jget(r.json, "detail"), "Could not validate credentials");
	assert_header(&r, "WWW-Authenticate", "Bearer");
}
END_TEST

/* Reference test 6: test_credential_exception_no_user. */
START_TEST(ref_credential_exception_no_user)
{
	char *u = new_user("read", org1), *tok = token_of(u);
	struct hres r = call("GET", "/latest/cases/", tok, NULL);
	expect(&r, 200);
	ck_assert_int_eq(sql(S("DELETE FROM users WHERE username='%s'", u)), 0);
	r = call("GET", "/latest/cases/", tok, NULL);
	expect(&r, 401);
	ck_assert_str_eq(jget(r.json, "detail"), "Could not validate credentials");
}
END_TEST

/* The JWT payload's "scopes" claim, plainly. */
static const char *
scopes_claim(const char *tok)
{
	static const char t[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	const char *p = strchr(tok, '.');
	ck_assert_ptr_nonnull(p);
	p++;
	size_t n = strcspn(p, "."), o = 0;
	unsigned acc = 0;
	int bits = 0;
	char *out = calloc(1, n + 1);

	for (size_t i = 0; i < n; i++) {
		const char *q = strchr(t, p[i]);
		ck_assert_ptr_nonnull(q);
		acc = (acc << 6) | (unsigned)(q - t);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	json_object *j = parse(out);
	return plain(jfind(j, "scopes"));
}

/* Reference tests 7-9: the scopes in the claim; only "read" lists cases. */
START_TEST(ref_scopes_missing_incorrect_correct)
{
	static const char *const scopes[] = { "", "create", "read" };
	static const char *const claims[] = { "[]", "[\"create\"]", "[\"read\"]" };

	for (size_t i = 0; i < 3; i++) {
		char *u = new_user(scopes[i], org1), *tok = token_of(u);
		ck_assert_str_eq(scopes_claim(tok), claims[i]);
		struct hres r = call("GET", "/latest/cases", tok, NULL);
		if (i < 2) {
			expect(&r, 401);
			ck_assert_str_eq(jget(r.json, "detail"), "Not enough permissions");
			assert_header(&r, "WWW-Authenticate", "Bearer scope=\"read\"");
		} else {
			expect(&r, 200);
			ck_assert(json_object_is_type(r.json, json_type_array));
		}
	}
}
END_TEST

/* Reference test 10: test_case_create_request. */
START_TEST(ref_case_create_request)
{
	json_object *c = send_case("POST", "/latest/cases", t1, D_BODY, 201);
	assert_dicts_equal(c, D_BODY);
	assert_key_order(c, ref_case_keys);
	assert_key_order(jfind(c, "notes.0"), note_keys);
	assert_key_order(jfind(c, "notes.1"), note_keys);
	assert_key_order(jfind(c, "people.0"), ref_person_keys);
	assert_key_order(jfind(c, "case_tracker"), tracker_keys);
	assert_key_order(jfind(c, "eligibility_outcomes.0"), outcome_keys);
	assert_key_order(jfind(c, "case_adaptations"), adapt_keys);
	assert_all_ts(c, 0);
	/* And it reads back the same. */
	assert_json_eq(get_case("/latest", t1, id_of(c)), c);
}
END_TEST

/* Reference test 11: test_case_create_request_minimal. */
START_TEST(ref_case_create_request_minimal)
{
	json_object *c = create("/latest", t1, "{\"case_type\":\"" CCQL "\"}");
	assert_dicts_equal(c, "{\"case_type\":\"" CCQL "\",\"notes\":[],"
	    "\"people\":[],\"case_tracker\":null,\"eligibility_outcomes\":[],"
	    "\"case_adaptations\":null}");
	assert_key_order(c, ref_case_keys);
	c = create("", t1, "{\"case_type\":\"CCQ\"}");
	assert_dicts_equal(c, "{\"case_type\":\"CCQ\",\"notes\":[],"
	    "\"people\":[],\"case_tracker\":null,\"eligibility_outcomes\":[],"
	    "\"case_adaptations\":null,\"external_id\":null}");
}
END_TEST

/* Reference test 12: test_case_create_request_not_enough_data. */
START_TEST(ref_case_create_request_not_enough_data)
{
	static const char *const prefixes[] = { "", "/v1", "/latest" };

	for (size_t i = 0; i < 3; i++) {
		struct hres r = call("POST", S("%s/cases/", prefixes[i]), t1, "{}");
		expect(&r, 422);
		ck_assert_str_eq(r.body, "{\"detail\":[{\"type\":\"missing\",\"loc\":"
		    "[\"body\",\"case_type\"],\"msg\":\"Field required\",\"input\":{}}]}");
		ck_assert_msg(strstr(r.headers, " 422 Unprocessable Entity\r\n") != NULL,
		    "%s", r.headers);
		/* No body at all: the body itself is missing. */
		r = call("POST", S("%s/cases/", prefixes[i]), t1, NULL);
		expect(&r, 422);
		ck_assert_str_eq(r.body, "{\"detail\":[{\"type\":\"missing\",\"loc\":"
		    "[\"body\"],\"msg\":\"Field required\",\"input\":null}]}");
	}
}
END_TEST

/* Reference test 13: test_case_update_request. */
START_TEST(ref_case_update_request)
{
	json_object *c = create("/latest", t1, D_BODY);
	const char *id = id_of(c);
	json_object *u = send_case("PUT", S("/latest/cases/%s", id), t1,
	    "{\"case_type\":\"" CLAL "\",\"notes\":[],\"people\":[" P1 "," P2 "]}",
	    200);
	ck_assert_str_eq(jget(u, "case_type"), CLAL);
	ck_assert_str_eq(jplain(u, "notes"), "[]");
	ck_assert_int_eq(json_object_array_length(jfind(u, "people")), 2);
	assert_dicts_equal(jfind(u, "people"), "[" P1 "," P2 "]");
	ck_assert_str_ne(jget(u, "people.0.id"), jget(c, "people.0.id"));
	ck_assert_str_ne(jget(u, "people.1.id"), jget(c, "people.0.id"));
	ck_assert_str_eq(jget(u, "case_tracker.gtm_anon_id"), "string");
	assert_json_eq(jfind(u, "case_tracker"), jfind(c, "case_tracker"));
	ck_assert_int_eq(json_object_array_length(jfind(u,
	    "eligibility_outcomes")), 1);
	assert_json_eq(jfind(u, "eligibility_outcomes"),
	    jfind(c, "eligibility_outcomes"));
	assert_json_eq(jfind(u, "case_adaptations"), jfind(c, "case_adaptations"));
	assert_json_eq(get_case("/latest", t1, id), u);
}
END_TEST

/* Reference test 14: test_case_update_existing_request. */
START_TEST(ref_case_update_existing_request)
{
	json_object *c = create("/latest", t1, D_BODY);
	const char *id = id_of(c);
	json_object *before = jfind(c, "people.0");
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	json_object *u = send_case("PUT", S("/latest/cases/%s", id), t1,
	    S("{\"case_type\":\"" CLAL "\",\"people\":[{\"id\":\"%s\","
	    "\"name\":\"John Doe\",\"address\":\"102 Petty France\","
	    "\"phone_number\":\"11111111\",\"postcode\":\"SW1 1AA\","
	    "\"email\":\"user1@example.com\"}]}", jget(before, "id")), 200);
	json_object *after = jfind(u, "people.0");
	ck_assert_int_eq(json_object_array_length(jfind(u, "people")), 1);
	ck_assert_str_eq(jget(after, "id"), jget(before, "id"));
	ck_assert_str_eq(jget(after, "created_at"), jget(before, "created_at"));
	ck_assert_msg(strcmp(jget(after, "updated_at"),
	    jget(before, "updated_at")) > 0, "updated_at %s not after %s",
	    jget(after, "updated_at"), jget(before, "updated_at"));
	assert_dicts_equal(after, P1);
}
END_TEST

/* Reference test 15: test_case_update_invalid_id_request. */
START_TEST(ref_case_update_invalid_id_request)
{
	json_object *c = create("/latest", t1, D_BODY);
	const char *id = id_of(c), *rnd = "3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b5c";
	struct hres r = call("PUT", S("/latest/cases/%s", id), t1,
	    S("{\"case_type\":\"" CLAL "\",\"people\":[{\"id\":\"%s\","
	    "\"name\":\"John Doe\",\"address\":\"102 Petty France\","
	    "\"email\":\"user1@example.com\"}]}", rnd));
	expect(&r, 404);
	ck_assert_str_eq(jget(r.json, "detail"),
	    S("Person with id %s not found", rnd));
	assert_json_eq(get_case("/latest", t1, id), c);
}
END_TEST

/* Reference tests 16-19: case_adaptations on create and update. */
START_TEST(ref_adaptations_create_and_update)
{
	json_object *want = parse(D_ADAPT);
	json_object *c = create("/latest", t1, D_BODY);
	assert_json_eq(strip_meta(jfind(c, "case_adaptations")), want);	/* 16 */

	json_object *bare = create("/latest", t1, "{\"case_type\":\"" CLAL "\"}");
	json_object *u = patch("/latest", t1, id_of(bare),
	    "{\"case_adaptations\":" D_ADAPT "}");			/* 17 */
	assert_json_eq(strip_meta(jfind(u, "case_adaptations")), want);
	assert_key_order(jfind(u, "case_adaptations"), adapt_keys);

	c = create("/latest", t1, D_NO_ADAPT "}");			/* 18 */
	ck_assert_str_eq(jplain(c, "case_adaptations"), "null");

	bare = create("/latest", t1, "{\"case_type\":\"" CLAL "\"}");
	u = send_case("PUT", S("/latest/cases/%s", id_of(bare)), t1,
	    D_NO_ADAPT "}", 200);					/* 19 */
	ck_assert_str_eq(jplain(u, "case_adaptations"), "null");
	ck_assert_str_eq(jget(u, "case_type"), CCQL);
}
END_TEST

/* ------------------------------------------------------------ Person: reference tests 55-67 */

/* A case with one person; that person's JSON in the response, or the 422. */
static struct hres
with_person(const char *extra)
{
	return call("POST", "/cases/", t1, S("{\"case_type\":\"CLA\",\"people\":"
	    "[{\"name\":\"Bob\",\"address\":null,\"email\":null%s%s}]}",
	    extra ? "," : "", extra ? extra : ""));
}

static const char *
person_field(const char *extra, const char *field)
{
	struct hres r = with_person(extra);
	expect(&r, 201);
	return strdup(jget(r.json, S("people.0.%s", field)));
}

/* Reference tests 55-56: valid and invalid e-mail addresses. */
START_TEST(person_email_addresses)
{
	static const char *const good[] = {
		"test@test.com", "name@justice.gov.uk", "john.doe1234@gmail.com"
	};
	static const char *const bad[] = { "\"a\"", "\"potato\"", "\"name@domain\"" };
	static const char *const bad_type[] = {
		"1", "12435544434232", "3.141592653589793", "true", "[\"a@b.com\"]"
	};

	for (size_t i = 0; i < 3; i++)
		ck_assert_str_eq(person_field(S("\"email\":\"%s\"", good[i]), "email"),
		    good[i]);
	for (size_t i = 0; i < 3; i++) {
		struct hres r = with_person(S("\"email\":%s", bad[i]));
		json_object *p = only_problem(&r, "value_error", "body.people.0.email");
		ck_assert_msg(strncmp(jget(p, "msg"), "Value error, ", 13) == 0, "%s",
		    jget(p, "msg"));
	}
	for (size_t i = 0; i < 5; i++) {
		struct hres r = with_person(S("\"email\":%s", bad_type[i]));
		only_problem(&r, "string_type", "body.people.0.email");
	}
	/* The domain is lower-cased and the display form reduced to the address. */
	ck_assert_str_eq(person_field("\"email\":\"Ann <Ann@Example.COM>\"",
	    "email"), "Ann@example.com");
}
END_TEST

/* Reference tests 57-58: a stored person, attached to its case. */
START_TEST(person_create_and_attach)
{
	struct hres r = call("POST", "/latest/cases/", t1, "{\"case_type\":\""
	    CLAL "\",\"people\":[{\"name\":\"Bob\",\"address\":\"1 Road\","
	    "\"email\":null,\"postcode\":\"EN1 3JY\",\"phone_number\":"
	    "\"01234 56789\"}]}");
	expect(&r, 201);
	json_object *g = get_case("/latest", t1, jget(r.json, "id"));
	ck_assert_int_eq(json_object_array_length(jfind(g, "people")), 1);
	ck_assert_str_eq(jget(g, "people.0.name"), "Bob");
	ck_assert_str_eq(jget(g, "people.0.postcode"), "EN1 3JY");
	ck_assert_str_eq(jget(g, "people.0.phone_number"), "01234 56789");
	ck_assert_str_eq(jget(g, "people.0.address"), "1 Road");
	ck_assert_str_eq(jplain(g, "people.0.email"), "null");
}
END_TEST

/* Reference test 61: accepted phone numbers come back exactly as sent. */
START_TEST(person_phone_valid_kept_verbatim)
{
	static const char *const ok[] = {
		"020 7946 0958", "02079460958", "+44 20 7946 0958", "+442079460958",
		"07700 900123", "07700900123", "+44 7700 900123", "(020) 7946 0958",
		"+44 (0)20 7946 0958", "0161 496 0000", "01234 56789", "0202 21212",
		"+443450539485", "+1 (555) 123-4567", "+1-555-123-4567",
		"+1 555 123 4567", "+61 2 9876 5432", "+61 412 345 678",
		"0800 123 4567"
	};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		ck_assert_str_eq(person_field(S("\"phone_number\":\"%s\"", ok[i]),
		    "phone_number"), ok[i]);
	ck_assert_str_eq(jplain(parse(with_person("\"phone_number\":null").body),
	    "people.0.phone_number"), "null");
}
END_TEST

/* Reference tests 62-63: invalid numbers and country codes. */
START_TEST(person_phone_invalid)
{
	static const char *const short_ones[] = { "a", "potato", "123456", "+44" };
	static const char *const cc[] = { "+a123456789", "+*123456789", "+",
	    "+abcd123456" };
	static const char *const types[] = { "1234567890", "12.5", "true", "{}" };

	for (size_t i = 0; i < 4; i++) {
		struct hres r = with_person(S("\"phone_number\":\"%s\"", short_ones[i]));
		json_object *p = only_problem(&r, "value_error",
		    "body.people.0.phone_number");
		ck_assert_str_eq(jget(p, "msg"), "Value error, Phone number must be "
		    "between 7 and 15 digits long (excluding the country code).");
		ck_assert_str_eq(jget(p, "input"), short_ones[i]);
	}
	for (size_t i = 0; i < 4; i++) {
		struct hres r = with_person(S("\"phone_number\":\"%s\"", cc[i]));
		json_object *p = only_problem(&r, "value_error",
		    "body.people.0.phone_number");
		ck_assert_str_eq(jget(p, "msg"), "Value error, Invalid country code "
		    "format. Must be + followed by 1-3 digits.");
	}
	for (size_t i = 0; i < 4; i++) {
		struct hres r = with_person(S("\"phone_number\":%s", types[i]));
		only_problem(&r, "string_type", "body.people.0.phone_number");
	}
	/* More than 15 digits in the national part. */
	struct hres r = with_person("\"phone_number\":\"0123456789012345\"");
	only_problem(&r, "value_error", "body.people.0.phone_number");
}
END_TEST

static void
postcode_ok(const char *in, const char *out)
{
	ck_assert_str_eq(person_field(S("\"postcode\":\"%s\"", in), "postcode"),
	    out);
}

static void
postcode_bad(const char *json_value)
{
	struct hres r = with_person(S("\"postcode\":%s", json_value));
	json_object *p = problem(&r, json_value[0] == '"' ? "value_error" :
	    "string_type", "body.people.0.postcode");
	if (json_value[0] == '"')
		ck_assert_str_eq(jget(p, "msg"), "Value error, Invalid UK Postcode "
		    "format. Please enter a valid UK Postcode.");
	ck_assert_int_eq(nproblems(&r), 1);
}

/* Reference test 64: test_postcode_validation (the long-whitespace input is below). */
START_TEST(person_postcode_validation)
{
	postcode_ok("SW1A 1AA", "SW1A 1AA");
	postcode_ok("SW1A 1AA   ", "SW1A 1AA");
	postcode_ok("  SW1A 1AA", "SW1A 1AA");
	postcode_ok(" sw 1a 1a a ", "SW1A 1AA");
	postcode_bad("1");
	postcode_bad("\"a.b1 1aa\"");
	postcode_bad("\"SW1A 1A\"");
	postcode_bad("\"SW1A1AAA\"");
	postcode_bad("\"SW1A 1AA1\"");
	postcode_bad("\"SWIA 1AA\"");
	postcode_bad("\"8W1A 1AA\"");
	postcode_bad("\"SWCA 1AA\"");
	postcode_bad("\"\"");
	ck_assert_str_eq(jplain(parse(with_person("\"postcode\":null").body),
	    "people.0.postcode"), "null");
}
END_TEST

/*
 * Reference tests 64 and 67 with their heavily spaced inputs: all whitespace
 * is removed before the check, so the raw length does not matter.
 */
START_TEST(person_postcode_whitespace_anywhere)
{
	postcode_ok("  sw 1a     1a a  ", "SW1A 1AA");
	postcode_ok("   bfp  o  56 7 8 ", "BFPO 5678");
}
END_TEST

/* Reference test 65: test_postcode_formatting. */
START_TEST(person_postcode_formatting)
{
	postcode_ok("SW1A1AA", "SW1A 1AA");
	postcode_ok("sw1a1aa", "SW1A 1AA");
	postcode_ok(" ab9 1bc  ", "AB9 1BC");
	postcode_ok("ec1a1bb", "EC1A 1BB");
	postcode_ok("m11ae", "M1 1AE");
	postcode_ok("DN551PT", "DN55 1PT");
	/* Stored normalised: read back the same way on both faces. */
	struct hres r = with_person("\"postcode\":\"sw1a1aa\"");
	expect(&r, 201);
	ck_assert_str_eq(jget(get_case("/v1", t1, jget(r.json, "id")),
	    "people.0.postcode"), "SW1A 1AA");
}
END_TEST

/* Reference test 66: test_unusual_formatted_postcodes. */
START_TEST(person_postcode_unusual)
{
	postcode_ok("XM4 5HQ", "XM4 5HQ");
	postcode_ok("b1 1Hq", "B1 1HQ");
}
END_TEST

/* Reference test 67: test_british_forces_post_office. */
/*
 * A create answers and stores the case built from the rows it wrote, not
 * read back (src/cases/model.c, case_written): for every kind of part and
 * value, on both faces, that must be byte for byte what rendering the
 * stored rows gives. Here the documents the create stored (as GET sends
 * them) are dropped by SQL, so that the next GET renders from the rows.
 */
START_TEST(create_renders_as_read)
{
	const char *full = "{\"case_type\":\"%s\",\"external_id\":%s,"
	    "\"notes\":[{\"note_type\":\"Other\",\"content\":\"\"},{\"note_type\":"
	    "\"Adaptation\",\"content\":\"  spaces kept  \"},{\"note_type\":"
	    "\"Personal\",\"content\":\"caf\\u00e9 \\u2603 \\ud83d\\ude00 \\\"q\\\" "
	    "back\\\\slash / tab\\tend\"}],"
	    "\"people\":[{\"name\":\"Zo\\u00eb O'Brien\",\"address\":\"1 High St\","
	    "\"phone_number\":\"0202 21212\",\"postcode\":\"sw1a1aa\",\"email\":"
	    "\"Zoe@Example.com\",\"date_of_birth\":\"1990-02-28\"},{\"name\":\"B\","
	    "\"address\":\"\",\"phone_number\":\"+44 20 7946 0000\",\"postcode\":"
	    "\"N1 9GU\",\"email\":\"b@example.com\"}],"
	    "\"case_tracker\":{\"gtm_anon_id\":\"g-1\",\"journey\":{\"a\":[1,2.5,"
	    "-3e2,true,null,\"x\"],\"b\":{\"c\":\"\\u00e9\"}}},"
	    "\"eligibility_outcomes\":[{\"eligibility_type\":\"CCQ\",\"outcome\":"
	    "\"In scope\",\"answers\":{\"q1\":\"yes\",\"n\":0.1}},{\"eligibility_type\":"
	    "\"MEANS\",\"outcome\":\"Out of scope\",\"answers\":{}}],"
	    "\"case_adaptations\":{\"languages\":[\"CY\",\"EN\"],"
	    "\"needed_adaptations\":[\"Text Relay\",\"BSL - Webcam\"]}}";
	const char *bodies[][2] = {
		{ "", S(full, "CLA", S("\"%s\"", unique("ext-w"))) },
		{ "", S(full, CCQL, "null") },
		{ "/v1", S(full, CLAL, "null") },
		{ "/latest", S(full, CCQL, "null") },
		{ "", "{\"case_type\":\"CCQ\"}" },
		{ "", "{\"case_type\":\"CLA\",\"notes\":[],\"people\":[]}" },
	};

	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		const char *prefix = bodies[i][0];
		struct hres r = call("POST", S("%s/cases/", prefix), t_adm,
		    bodies[i][1]);
		expect(&r, 201);
		char *answer = strdup(r.body);
		const char *id = jget(r.json, "id");
		ck_assert_ptr_nonnull(id);
		char *uuid = strdup(id);
		hres_free(&r);
		/* What the create stored, as GET sends it, on each face. */
		char *stored[2];
		for (int f = 0; f < 2; f++) {
			r = call("GET", S("%s/cases/%s", f ? "/v1" : "", uuid), t_adm,
			    NULL);
			expect(&r, 200);
			stored[f] = strdup(r.body);
			hres_free(&r);
		}
		ck_assert_str_eq(answer, stored[*prefix ? 1 : 0]);
		for (int f = 0; f < 2; f++) {
			ck_assert_int_eq(sql(S("UPDATE cases SET doc_casegate = NULL, "
			    "doc_ref = NULL WHERE uuid = '%s'", uuid)), 0);
			r = call("GET", S("%s/cases/%s", f ? "/v1" : "", uuid), t_adm,
			    NULL);
			expect(&r, 200);
			ck_assert_msg(strcmp(r.body, stored[f]) == 0, "body %zu, "
			    "face %d:\ncreate stored %s\nrows render  %s", i, f,
			    stored[f], r.body);
			hres_free(&r);
		}
		free(stored[0]);
		free(stored[1]);
		free(answer);
		free(uuid);
	}
	/* A client-sent id in a created part is ignored, as the reference
	   ignores it: the part gets an id of its own. */
	struct hres r = call("POST", "/v1/cases/", t_adm, S("{\"case_type\":\""
	    CLAL "\",\"notes\":[{\"note_type\":\"Other\",\"content\":\"a\"},"
	    "{\"id\":\"%s\",\"note_type\":\"Other\",\"content\":\"b\"}]}",
	    NOCASE));
	expect(&r, 201);
	ck_assert_ptr_nonnull(jget(r.json, "notes.1.id"));
	ck_assert_str_ne(jget(r.json, "notes.1.id"), NOCASE);
	ck_assert_str_eq(jget(r.json, "notes.1.content"), "b");
	hres_free(&r);
}
END_TEST

START_TEST(person_postcode_bfpo)
{
	postcode_ok("BFPO 1234", "BFPO 1234");
	postcode_ok("bfpo5678", "BFPO 5678");
	postcode_ok("BFPO 1", "BFPO 1");
	postcode_ok("BFP 12", "BFP 12");
	postcode_bad("\"BFPO 12345\"");
	postcode_bad("\"BFPO\"");
}
END_TEST

START_TEST(person_required_keys_and_date_of_birth)
{
	struct hres r = call("POST", "/cases/", t1, "{\"case_type\":\"CLA\","
	    "\"people\":[{\"name\":\"Bob\"},{\"address\":null,\"email\":null}]}");
	json_object *p = problem(&r, "missing", "body.people.0.address");
	ck_assert_str_eq(jget(p, "msg"), "Field required");
	problem(&r, "missing", "body.people.0.email");
	problem(&r, "missing", "body.people.1.name");
	ck_assert_int_eq(nproblems(&r), 3);
	r = call("POST", "/latest/cases/", t1, "{\"case_type\":\"" CLAL "\","
	    "\"people\":[{\"name\":\"Bob\"}]}");
	problem(&r, "missing", "body.people.0.address");
	problem(&r, "missing", "body.people.0.email");
	ck_assert_int_eq(nproblems(&r), 2);
	/* name must be a string; address and email may be null. */
	r = with_person(NULL);
	expect(&r, 201);
	ck_assert_str_eq(jplain(r.json, "people.0.address"), "null");
	r = call("POST", "/cases/", t1, "{\"case_type\":\"CLA\",\"people\":"
	    "[{\"name\":null,\"address\":null,\"email\":null}]}");
	only_problem(&r, "string_type", "body.people.0.name");

	ck_assert_str_eq(person_field("\"date_of_birth\":\"2000-02-29\"",
	    "date_of_birth"), "2000-02-29");
	ck_assert_str_eq(jplain(parse(with_person("\"date_of_birth\":null").body),
	    "people.0.date_of_birth"), "null");
	static const char *const bad[] = {
		"\"1990-02-30\"", "\"1900-02-29\"", "\"1990-2-3\"", "\"1990-13-01\"",
		"\"03/02/1990\"", "\"1990-01-32\"", "\"\""
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = with_person(S("\"date_of_birth\":%s", bad[i]));
		ck_assert_msg(r.status == 422 && nproblems(&r) == 1, "%s: %ld %s",
		    bad[i], r.status, r.body);
		ck_assert_str_eq(loc_of(jfind(r.json, "detail.0")),
		    "body.people.0.date_of_birth");
	}
	r = with_person("\"date_of_birth\":19900101");
	only_problem(&r, "string_type", "body.people.0.date_of_birth");
}
END_TEST

/* ------------------------------------------------------------ merge rules (section 8) */

#define FULL_CASE "{\"case_type\":\"CLA\",\"notes\":[{\"note_type\":\"Provider\"," \
	"\"content\":\"n0\"},{\"content\":\"n1\"}],\"people\":[{\"name\":\"A\"," \
	"\"address\":\"a\",\"email\":null,\"postcode\":\"SW1A 1AA\"}],\"case_tracker\":" \
	"{\"gtm_anon_id\":\"g\",\"journey\":{\"step\":1}},\"eligibility_outcomes\":" \
	D_OUTCOMES ",\"case_adaptations\":" D_ADAPT "}"

START_TEST(merge_only_present_keys)
{
	json_object *c = create("", t1, FULL_CASE);
	const char *id = id_of(c);
	json_object *u = patch("", t1, id, "{\"case_type\":\"CCQ\"}");
	ck_assert_str_eq(jget(u, "case_type"), "CCQ");
	static const char *const parts[] = {
		"notes", "people", "case_tracker", "eligibility_outcomes",
		"case_adaptations", "external_id"
	};
	for (size_t i = 0; i < 6; i++)
		assert_json_eq(jfind(u, parts[i]), jfind(c, parts[i]));
	/* Only the notes: everything else stays, case_type included. */
	u = patch("", t1, id, "{\"notes\":[]}");
	ck_assert_str_eq(jget(u, "case_type"), "CCQ");
	ck_assert_str_eq(jplain(u, "notes"), "[]");
	for (size_t i = 1; i < 6; i++)
		assert_json_eq(jfind(u, parts[i]), jfind(c, parts[i]));
}
END_TEST

START_TEST(merge_list_replaces_collection)
{
	json_object *c = create("", t1, FULL_CASE);
	const char *id = id_of(c);
	json_object *n0 = jfind(c, "notes.0"), *n1 = jfind(c, "notes.1");
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	nanosleep(&ts, NULL);

	/* n0 updated in place (only content sent), n1 left out, one new. */
	json_object *u = patch("", t1, id, S("{\"notes\":[{\"id\":\"%s\","
	    "\"content\":\"n0 edited\"},{\"note_type\":\"Operator\",\"content\":"
	    "\"new\"}]}", jget(n0, "id")));
	json_object *notes = jfind(u, "notes");
	ck_assert_int_eq(json_object_array_length(notes), 2);
	json_object *e = NULL, *fresh = NULL;
	for (size_t i = 0; i < 2; i++) {
		json_object *n = json_object_array_get_idx(notes, i);
		ck_assert_str_ne(jget(n, "id"), jget(n1, "id"));
		if (strcmp(jget(n, "id"), jget(n0, "id")) == 0)
			e = n;
		else
			fresh = n;
	}
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_nonnull(fresh);
	ck_assert_str_eq(jget(e, "content"), "n0 edited");
	ck_assert_str_eq(jget(e, "note_type"), "Provider");	/* kept */
	ck_assert_str_eq(jget(e, "created_at"), jget(n0, "created_at"));
	ck_assert_msg(strcmp(jget(e, "updated_at"), jget(n0, "updated_at")) > 0,
	    "updated_at not bumped");
	ck_assert_str_eq(jget(fresh, "content"), "new");
	ck_assert_str_eq(jget(fresh, "note_type"), "Operator");
	ck_assert_str_ne(jget(fresh, "created_at"), jget(n0, "created_at"));

	/* A note by id alone keeps everything. */
	u = patch("", t1, id, S("{\"notes\":[{\"id\":\"%s\"}]}", jget(e, "id")));
	ck_assert_int_eq(json_object_array_length(jfind(u, "notes")), 1);
	ck_assert_str_eq(jget(u, "notes.0.id"), jget(e, "id"));
	ck_assert_str_eq(jget(u, "notes.0.content"), "n0 edited");
	ck_assert_str_eq(jget(u, "notes.0.note_type"), "Provider");

	/* A person by id keeps the keys it leaves out (postcode). */
	const char *pid = jget(c, "people.0.id");
	u = patch("", t1, id, S("{\"people\":[{\"id\":\"%s\",\"name\":\"A2\","
	    "\"address\":\"a\",\"email\":\"a@example.com\"},%s]}", pid,
	    person("B")));
	ck_assert_int_eq(json_object_array_length(jfind(u, "people")), 2);
	ck_assert_str_eq(jget(u, "people.0.id"), pid);
	ck_assert_str_eq(jget(u, "people.0.name"), "A2");
	ck_assert_str_eq(jget(u, "people.0.postcode"), "SW1A 1AA");
	ck_assert_str_eq(jget(u, "people.0.email"), "a@example.com");
	ck_assert_str_eq(jget(u, "people.1.name"), "B");

	/* [] clears; the other collections are untouched. */
	u = patch("", t1, id, "{\"people\":[],\"eligibility_outcomes\":[]}");
	ck_assert_str_eq(jplain(u, "people"), "[]");
	ck_assert_str_eq(jplain(u, "eligibility_outcomes"), "[]");
	ck_assert_int_eq(json_object_array_length(jfind(u, "notes")), 1);
	assert_json_eq(get_case("", t1, id), u);
}
END_TEST

/* Sends body, expects the 404 detail, and checks nothing at all changed. */
static void
rejected_unchanged(const char *id, const char *other, const char *body,
    const char *detail)
{
	json_object *before = get_case("", t1, id);
	json_object *other_before = get_case("", t1, other);
	size_t nh = json_object_array_length(history(t1, id));
	struct hres r = call("PATCH", S("/cases/%s", id), t1, body);
	expect(&r, 404);
	ck_assert_str_eq(r.body, S("{\"detail\":\"%s\"}", detail));
	assert_json_eq(get_case("", t1, id), before);
	assert_json_eq(get_case("", t1, other), other_before);
	ck_assert_int_eq(json_object_array_length(history(t1, id)), nh);
}

START_TEST(merge_unknown_or_foreign_id_is_404_and_nothing_written)
{
	json_object *a = create("", t1, FULL_CASE), *b = create("", t1, FULL_CASE);
	const char *id = id_of(a), *other = id_of(b);
	const char *rnd = "9b2f7a3e-1c4d-4e5f-8a6b-7c8d9e0f1a2b";
	/* Each change before the bad id must be undone with it. */
	const char *pre = "\"case_type\":\"CCQ\",\"external_id\":\"changed\","
	    "\"notes\":[{\"content\":\"should not stay\"}],";

	static const struct {
		const char *key, *model, *path, *shape;
	} parts[] = {
		{ "people", "Person", "people.0.id",
		  "[{\"id\":\"%s\",\"name\":\"X\",\"address\":null,\"email\":null}]" },
		{ "eligibility_outcomes", "EligibilityOutcomes",
		  "eligibility_outcomes.0.id", "[{\"id\":\"%s\",\"eligibility_type\":"
		  "\"MEANS\",\"outcome\":\"Unknown\",\"answers\":{}}]" },
		{ "case_tracker", "CaseTracker", "case_tracker.id",
		  "{\"id\":\"%s\",\"gtm_anon_id\":\"x\",\"journey\":{}}" },
		{ "case_adaptations", "CaseAdaptations", "case_adaptations.id",
		  "{\"id\":\"%s\",\"needed_adaptations\":[],\"languages\":[]}" },
	};
	for (size_t i = 0; i < 4; i++) {
		const char *foreign = jget(b, parts[i].path);
		rejected_unchanged(id, other, S("{%s\"%s\":%s}", pre, parts[i].key,
		    S(parts[i].shape, rnd)), S("%s with id %s not found",
		    parts[i].model, rnd));
		rejected_unchanged(id, other, S("{%s\"%s\":%s}", pre, parts[i].key,
		    S(parts[i].shape, foreign)), S("%s with id %s not found",
		    parts[i].model, foreign));
	}
	/* Notes: the bad id after a good update and a new item. */
	rejected_unchanged(id, other, S("{\"case_type\":\"CCQ\",\"notes\":"
	    "[{\"id\":\"%s\",\"content\":\"edited\"},{\"content\":\"new\"},"
	    "{\"id\":\"%s\"}]}", jget(a, "notes.0.id"), rnd),
	    S("CaseNote with id %s not found", rnd));
	rejected_unchanged(id, other, S("{\"notes\":[{\"id\":\"%s\"}]}",
	    jget(b, "notes.1.id")), S("CaseNote with id %s not found",
	    jget(b, "notes.1.id")));
	/* The same on the reference's face. */
	struct hres r = call("PUT", S("/v1/cases/%s", id), t1, S("{\"case_type\":"
	    "\"" CCQL "\",\"notes\":[{\"id\":\"%s\"}]}", jget(b, "notes.0.id")));
	expect(&r, 404);
	ck_assert_str_eq(jget(r.json, "detail"), S("CaseNote with id %s not found",
	    jget(b, "notes.0.id")));
	ck_assert_str_eq(jget(get_case("", t1, id), "case_type"), "CLA");
	/* A malformed nested id is a 422, not a 404. */
	r = call("PATCH", S("/cases/%s", id), t1, "{\"notes\":[{\"id\":\"nope\"}]}");
	only_problem(&r, "uuid_parsing", "body.notes.0.id");
}
END_TEST

START_TEST(merge_null_list_is_422)
{
	json_object *c = create("", t1, FULL_CASE);
	const char *id = id_of(c);
	struct hres r = call("PATCH", S("/cases/%s", id), t1, "{\"case_type\":"
	    "\"CCQ\",\"notes\":null,\"people\":null,\"eligibility_outcomes\":null}");
	problem(&r, "list_type", "body.notes");
	problem(&r, "list_type", "body.people");
	problem(&r, "list_type", "body.eligibility_outcomes");
	ck_assert_int_eq(nproblems(&r), 3);
	assert_json_eq(get_case("", t1, id), c);
	r = call("POST", "/latest/cases/", t1, "{\"case_type\":\"" CLAL "\","
	    "\"notes\":null}");
	only_problem(&r, "list_type", "body.notes");
	r = call("PATCH", S("/cases/%s", id), t1, "{\"case_type\":null}");
	ck_assert_int_eq(r.status, 422);
	ck_assert_str_eq(loc_of(jfind(r.json, "detail.0")), "body.case_type");
	r = call("PATCH", S("/cases/%s", id), t1, "{\"notes\":\"x\"}");
	json_object *p = only_problem(&r, "list_type", "body.notes");
	ck_assert_str_eq(jget(p, "msg"), "Input should be a valid list");
	ck_assert_str_eq(jget(p, "input"), "x");
	assert_json_eq(get_case("", t1, id), c);
}
END_TEST

START_TEST(merge_single_parts)
{
	json_object *c = create("", t1, FULL_CASE);
	const char *id = id_of(c);
	json_object *t0 = jfind(c, "case_tracker"), *a0 = jfind(c, "case_adaptations");
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	nanosleep(&ts, NULL);

	/* With its id: in place. */
	json_object *u = patch("", t1, id, S("{\"case_tracker\":{\"id\":\"%s\","
	    "\"gtm_anon_id\":\"g2\",\"journey\":{\"step\":2}},\"case_adaptations\":"
	    "{\"id\":\"%s\",\"needed_adaptations\":[\"Minicom\"],\"languages\":"
	    "[\"FR\"]}}", jget(t0, "id"), jget(a0, "id")));
	ck_assert_str_eq(jget(u, "case_tracker.id"), jget(t0, "id"));
	ck_assert_str_eq(jget(u, "case_tracker.created_at"), jget(t0, "created_at"));
	ck_assert_str_eq(jget(u, "case_tracker.gtm_anon_id"), "g2");
	ck_assert_str_eq(jplain(u, "case_tracker.journey"), "{\"step\":2}");
	ck_assert_str_eq(jget(u, "case_adaptations.id"), jget(a0, "id"));
	ck_assert_str_eq(jplain(u, "case_adaptations.needed_adaptations"),
	    "[\"Minicom\"]");
	ck_assert_str_eq(jplain(u, "case_adaptations.languages"), "[\"FR\"]");

	/* Without: replaced by a new one. */
	u = patch("", t1, id, "{\"case_tracker\":{\"gtm_anon_id\":\"g3\","
	    "\"journey\":{}},\"case_adaptations\":{\"needed_adaptations\":[],"
	    "\"languages\":[]}}");
	ck_assert_str_ne(jget(u, "case_tracker.id"), jget(t0, "id"));
	ck_assert_str_eq(jget(u, "case_tracker.gtm_anon_id"), "g3");
	ck_assert_str_ne(jget(u, "case_adaptations.id"), jget(a0, "id"));
	ck_assert_str_eq(jplain(u, "case_adaptations.languages"), "[]");
	/* The replaced one is gone: its id is now unknown. */
	struct hres r = call("PATCH", S("/cases/%s", id), t1,
	    S("{\"case_tracker\":{\"id\":\"%s\",\"gtm_anon_id\":\"x\",\"journey\":"
	    "{}}}", jget(t0, "id")));
	expect(&r, 404);
	ck_assert_str_eq(jget(r.json, "detail"), S("CaseTracker with id %s not "
	    "found", jget(t0, "id")));

	/* null: removed. */
	u = patch("", t1, id, "{\"case_tracker\":null,\"case_adaptations\":null}");
	ck_assert_str_eq(jplain(u, "case_tracker"), "null");
	ck_assert_str_eq(jplain(u, "case_adaptations"), "null");
	ck_assert_int_eq(json_object_array_length(jfind(u, "notes")), 2);
	assert_json_eq(get_case("", t1, id), u);

	/* Validated as on create: required keys, right types. */
	r = call("PATCH", S("/cases/%s", id), t1, "{\"case_tracker\":{\"journey\":"
	    "[]},\"case_adaptations\":{\"languages\":null}}");
	problem(&r, "missing", "body.case_tracker.gtm_anon_id");
	problem(&r, "dict_type", "body.case_tracker.journey");
	problem(&r, "list_type", "body.case_adaptations.languages");
	problem(&r, "missing", "body.case_adaptations.needed_adaptations");
	ck_assert_int_eq(nproblems(&r), 4);
}
END_TEST

START_TEST(merge_empty_patch_changes_nothing)
{
	json_object *c = create("", t1, FULL_CASE);
	const char *id = id_of(c);
	json_object *before = get_case("", t1, id);
	json_object *u = patch("", t1, id, "{}");
	assert_json_eq(u, before);
	assert_json_eq(get_case("", t1, id), before);
	u = send_case("PUT", S("/latest/cases/%s", id), t1, "{}", 200);
	assert_json_eq(u, ref_view(before, 1));
}
END_TEST

/* ------------------------------------------------------------ errors */

START_TEST(errors_422_lists_every_problem)
{
	struct hres r = call("POST", "/cases/", t1, "{\"case_type\":\"Bogus\","
	    "\"notes\":[{\"note_type\":\"Nope\"},{\"content\":5}],"
	    "\"people\":[{\"name\":\"A\",\"address\":null,\"email\":null},"
	    "{\"name\":\"B\",\"address\":null,\"email\":\"bad\",\"postcode\":\"XX\","
	    "\"phone_number\":\"12\"},{\"address\":null}],"
	    "\"case_tracker\":{\"gtm_anon_id\":\"g\"},"
	    "\"eligibility_outcomes\":[{\"eligibility_type\":\"X\",\"outcome\":"
	    "\"In scope\",\"answers\":[]}],"
	    "\"case_adaptations\":{\"languages\":[\"XX\"],\"needed_adaptations\":"
	    "\"BSL\"}}");
	static const char *const want[][2] = {
		{ "enum", "body.case_type" },
		{ "enum", "body.notes.0.note_type" },
		{ "string_type", "body.notes.1.content" },
		{ "value_error", "body.people.1.email" },
		{ "value_error", "body.people.1.postcode" },
		{ "value_error", "body.people.1.phone_number" },
		{ "missing", "body.people.2.name" },
		{ "missing", "body.people.2.email" },
		{ "missing", "body.case_tracker.journey" },
		{ "enum", "body.eligibility_outcomes.0.eligibility_type" },
		{ "dict_type", "body.eligibility_outcomes.0.answers" },
		{ "enum", "body.case_adaptations.languages.0" },
		{ "list_type", "body.case_adaptations.needed_adaptations" },
	};
	size_t n = sizeof(want) / sizeof(want[0]);
	for (size_t i = 0; i < n; i++)
		problem(&r, want[i][0], want[i][1]);
	ck_assert_int_eq(nproblems(&r), n);
	/* The nested index is a number in loc, not a string. */
	json_object *p = problem(&r, "value_error", "body.people.1.postcode");
	ck_assert_str_eq(jplain(p, "loc"), "[\"body\",\"people\",1,\"postcode\"]");
	ck_assert_str_eq(jget(p, "input"), "XX");
	p = problem(&r, "missing", "body.case_tracker.journey");
	ck_assert_str_eq(jplain(p, "input"), "{\"gtm_anon_id\":\"g\"}");
	/* Not an object at all. */
	r = call("POST", "/cases/", t1, "[1]");
	only_problem(&r, "model_attributes_type", "body");
	const char *hdr[] = { "Content-Type: text/plain",
	    S("Authorization: Bearer %s", t1), NULL };
	http(&r, "POST", "/cases/", hdr, "{\"case_type\":\"CLA\"}", 19);
	only_problem(&r, "model_attributes_type", "body");
}
END_TEST

START_TEST(errors_malformed_json_before_auth)
{
	const char *want = "{\"detail\":[{\"type\":\"json_invalid\",\"loc\":"
	    "[\"body\",14],\"msg\":\"JSON decode error\",\"input\":{},\"ctx\":"
	    "{\"error\":\"Expecting value\"}}]}";
	struct hres r = call("POST", "/cases/", NULL, "{\"case_type\": }");
	expect(&r, 422);
	ck_assert_str_eq(r.body, want);
	r = call("POST", "/latest/cases/", NULL, "{\"case_type\": }");
	expect(&r, 422);
	ck_assert_str_eq(r.body, want);
	r = call("PATCH", S("/v1/cases/%s", NOCASE), NULL, "{\"case_type\": }");
	expect(&r, 422);
	ck_assert_str_eq(r.body, want);
	r = call("PUT", S("/cases/%s", NOCASE), t1, "{\"case_type\": }");
	expect(&r, 422);
	ck_assert_str_eq(r.body, want);
	r = call("POST", "/cases/", t1, "{\"case_type\":\"CLA\",}");
	only_problem(&r, "json_invalid", S("body.%d", 19));
	/* A parseable body without a token is a 401 (reference test 1). */
	r = call("POST", "/cases/", NULL, "{\"case_type\":\"Bogus\"}");
	expect(&r, 401);
}
END_TEST

/* Data after the value: Python's json says "Extra data" at its offset. */
START_TEST(errors_malformed_json_extra_data)
{
	static const char *const bodies[] = {
		"{\"case_type\":\"CLA\"} x", "{\"case_type\":\"CLA\"} {}",
		"{\"case_type\":\"CLA\"} 1"
	};
	for (size_t i = 0; i < 3; i++) {
		struct hres r = call("POST", "/cases/", NULL, bodies[i]);
		json_object *p = only_problem(&r, "json_invalid", "body.20");
		ck_assert_str_eq(jget(p, "msg"), "JSON decode error");
		ck_assert_str_eq(jget(p, "ctx.error"), "Extra data");
	}
}
END_TEST

static void
expect_401(const char *method, const char *path, const char *tok,
    const char *body, const char *detail, const char *www)
{
	struct hres r = call(method, path, tok, body);
	expect(&r, 401);
	ck_assert_str_eq(r.body, S("{\"detail\":\"%s\"}", detail));
	assert_header(&r, "WWW-Authenticate", www);
}

START_TEST(errors_auth_failures)
{
	json_object *c = create("", t1, "{\"case_type\":\"CLA\"}");
	const char *id = id_of(c);
	static const char *const prefixes[] = { "", "/v1", "/latest" };

	for (size_t i = 0; i < 3; i++) {
		const char *pre = prefixes[i], *one = S("%s/cases/%s", pre, id);
		const char *coll = S("%s/cases/", pre);
		expect_401("POST", coll, NULL, "{}", "Not authenticated", "Bearer");
		expect_401("GET", coll, NULL, NULL, "Not authenticated", "Bearer");
		expect_401("GET", one, NULL, NULL, "Not authenticated", "Bearer");
		expect_401("PATCH", one, NULL, "{}", "Not authenticated", "Bearer");
		expect_401("PUT", one, NULL, "{}", "Not authenticated", "Bearer");
		expect_401("DELETE", one, NULL, NULL, "Not authenticated", "Bearer");
		expect_401("POST", coll, t1ro, "{\"case_type\":\"" CLAL "\"}",
		    "Not enough permissions", "Bearer scope=\"create\"");
		expect_401("PATCH", one, t1ro, "{}", "Not enough permissions",
		    "Bearer scope=\"update\"");
		expect_401("PUT", one, t1ro, "{}", "Not enough permissions",
		    "Bearer scope=\"update\"");
		expect_401("DELETE", one, t1ro, NULL, "Not enough permissions",
		    "Bearer scope=\"delete\"");
		expect_401("DELETE", one, t1nodel, NULL, "Not enough permissions",
		    "Bearer scope=\"delete\"");
		/* Auth comes before body validation. */
		expect_401("POST", coll, t1ro, "{}", "Not enough permissions",
		    "Bearer scope=\"create\"");
		expect_401("GET", coll, "not-a-jwt", NULL,
		    "Could not validate credentials", "Bearer");
	}
	/* The refused writes wrote nothing. */
	assert_json_eq(get_case("", t1ro, id), c);
	ck_assert_int_eq(json_object_array_length(history(t1, id)), 1);
	/* A scheme other than Bearer. */
	const char *basic[] = { "Authorization: Basic YTpi", NULL };
	struct hres r;
	http(&r, "GET", "/cases/", basic, NULL, 0);
	expect(&r, 401);
	ck_assert_str_eq(jget(r.json, "detail"), "Not authenticated");
}
END_TEST

START_TEST(errors_bad_uuid_and_unknown_case)
{
	static const char *const prefixes[] = { "", "/v1", "/latest" };

	for (size_t i = 0; i < 3; i++) {
		const char *bad = S("%s/cases/abc", prefixes[i]);
		struct hres r = call("GET", bad, t1, NULL);
		json_object *p = only_problem(&r, "uuid_parsing", "path.case_id");
		ck_assert_str_eq(jget(p, "input"), "abc");
		ck_assert_msg(strncmp(jget(p, "msg"), "Input should be a valid UUID, ",
		    30) == 0, "%s", jget(p, "msg"));
		ck_assert_ptr_nonnull(jget(p, "ctx.error"));
		r = call("PATCH", bad, t1, "{}");
		only_problem(&r, "uuid_parsing", "path.case_id");
		r = call("PUT", bad, t1, "{}");
		only_problem(&r, "uuid_parsing", "path.case_id");
		r = call("DELETE", bad, t1, NULL);
		only_problem(&r, "uuid_parsing", "path.case_id");
		/* Path and body problems together. */
		r = call("PATCH", bad, t1, "{\"case_type\":\"Bogus\"}");
		problem(&r, "uuid_parsing", "path.case_id");
		problem(&r, "enum", "body.case_type");
		ck_assert_int_eq(nproblems(&r), 2);
		/* 36 characters, one not hexadecimal. */
		r = call("GET", S("%s/cases/0000000g-0000-4000-8000-000000000000",
		    prefixes[i]), t1, NULL);
		only_problem(&r, "uuid_parsing", "path.case_id");

		const char *none = S("%s/cases/%s", prefixes[i], NOCASE);
		static const char *const methods[] = { "GET", "PATCH", "PUT", "DELETE" };
		for (size_t m = 0; m < 4; m++) {
			r = call(methods[m], none, t1, m == 1 || m == 2 ? "{}" : NULL);
			expect(&r, 404);
			ck_assert_str_eq(r.body, "{\"detail\":\"Case not found\"}");
		}
		/* A body problem wins over the unknown case. */
		r = call("PATCH", none, t1, "{\"notes\":5}");
		only_problem(&r, "list_type", "body.notes");
	}
	struct hres r = call("GET", "/cases/abc/history", t1, NULL);
	only_problem(&r, "uuid_parsing", "path.case_id");
	r = call("GET", S("/cases/%s/history", NOCASE), t1, NULL);
	expect(&r, 404);
	ck_assert_str_eq(r.body, "{\"detail\":\"Case not found\"}");
}
END_TEST

/* ------------------------------------------------------------ list */

START_TEST(list_every_case_in_creation_order)
{
	const char *ids[4];
	ids[0] = id_of(create("", t1, "{\"case_type\":\"CLA\"}"));
	ids[1] = id_of(create("/v1", t1, "{\"case_type\":\"" CCQL "\"}"));
	ids[2] = id_of(create("", t1, "{\"case_type\":\"CCQ\",\"notes\":"
	    "[{\"content\":\"x\"}]}"));
	ids[3] = id_of(create("/latest", t1, "{\"case_type\":\"" CLAL "\"}"));
	static const char *const types[] = { "CLA", "CCQ", "CCQ", "CLA" };
	static const char *const long_types[] = { CLAL, CCQL, CCQL, CLAL };
	static const char *const prefixes[] = { "", "/v1", "/latest" };

	for (size_t p = 0; p < 3; p++) {
		struct hres r = call("GET", S("%s/cases/", prefixes[p]), t1, NULL);
		expect(&r, 200);
		ck_assert(json_object_is_type(r.json, json_type_array));
		long at[4] = { -1, -1, -1, -1 };
		for (size_t i = 0; i < json_object_array_length(r.json); i++) {
			json_object *o = json_object_array_get_idx(r.json, i);
			assert_key_order(o, list_keys);
			assert_all_ts(o, p == 0);
			for (size_t k = 0; k < 4; k++)
				if (strcmp(jget(o, "id"), ids[k]) == 0) {
					ck_assert_int_eq(at[k], -1);
					at[k] = (long)i;
					ck_assert_str_eq(jget(o, "case_type"), p == 0 ?
					    types[k] : long_types[k]);
					json_object *full = get_case(prefixes[p], t1, ids[k]);
					ck_assert_str_eq(jget(o, "created_at"),
					    jget(full, "created_at"));
					ck_assert_str_eq(jget(o, "updated_at"),
					    jget(full, "updated_at"));
				}
		}
		for (size_t k = 0; k < 4; k++) {
			ck_assert_msg(at[k] >= 0, "%s not listed", ids[k]);
			if (k)
				ck_assert_msg(at[k] > at[k - 1], "%s listed before %s",
				    ids[k], ids[k - 1]);
		}
	}
	/* A deleted case leaves the list. */
	struct hres r = call("DELETE", S("/cases/%s", ids[2]), t1, NULL);
	expect(&r, 204);
	r = call("GET", "/cases/", t1, NULL);
	ck_assert_ptr_null(strstr(r.body, ids[2]));
	ck_assert_ptr_nonnull(strstr(r.body, ids[3]));
}
END_TEST

/* ------------------------------------------------------------ limits */

START_TEST(limits_body_size)
{
	const char *base = "{\"case_type\":\"CLA\"}";
	size_t cap = 1 << 20, n = strlen(base);
	char *big = malloc(cap + 2);
	memcpy(big, base, n);
	memset(big + n, ' ', cap + 1 - n);
	big[cap] = '\0';
	/* Exactly 1 MiB is accepted... */
	struct hres r = call("POST", "/cases/", t1, big);
	expect(&r, 201);
	/* ...one byte more is not, with or without a token. */
	big[cap] = ' ';
	big[cap + 1] = '\0';
	r = call("POST", "/cases/", t1, big);
	expect(&r, 413);
	ck_assert_ptr_nonnull(jget(r.json, "detail"));
	r = call("POST", "/v1/cases/", NULL, big);
	expect(&r, 413);
	json_object *c = create("", t1, "{\"case_type\":\"CLA\"}");
	r = call("PATCH", S("/cases/%s", id_of(c)), t1, big);
	expect(&r, 413);
	assert_json_eq(get_case("", t1, id_of(c)), c);
}
END_TEST

START_TEST(limits_note_content)
{
	/* 65536 characters (two bytes each) is the most. */
	size_t n = 65536;
	char *s = malloc(2 * n + 1), *p = s;
	for (size_t i = 0; i < n; i++) {
		*p++ = (char)0xc3;
		*p++ = (char)0xa9;
	}
	*p = '\0';
	json_object *c = create("", t1, S("{\"case_type\":\"CLA\",\"notes\":"
	    "[{\"content\":\"%s\"}]}", s));
	ck_assert_str_eq(jget(get_case("/v1", t1, id_of(c)), "notes.0.content"), s);

	char *x = malloc(n + 2);
	memset(x, 'x', n + 1);
	x[n + 1] = '\0';
	struct hres r = call("POST", "/cases/", t1, S("{\"case_type\":\"CLA\","
	    "\"notes\":[{\"content\":\"%s\"}]}", x));
	json_object *pr = only_problem(&r, "string_too_long", "body.notes.0.content");
	ck_assert_str_eq(jget(pr, "msg"), "String should have at most 65536 "
	    "characters");
	ck_assert_str_eq(jplain(pr, "ctx"), "{\"max_length\":65536}");
	r = call("PATCH", S("/v1/cases/%s", id_of(c)), t1, S("{\"notes\":"
	    "[{\"content\":\"%s\"}]}", x));
	only_problem(&r, "string_too_long", "body.notes.0.content");
}
END_TEST

static char *
repeat_list(const char *item, size_t n)
{
	size_t l = strlen(item);
	char *s = malloc(n * (l + 1) + 3), *p = s;
	*p++ = '[';
	for (size_t i = 0; i < n; i++) {
		if (i)
			*p++ = ',';
		memcpy(p, item, l);
		p += l;
	}
	*p++ = ']';
	*p = '\0';
	return s;
}

START_TEST(limits_list_lengths)
{
	json_object *c = create("", t1, S("{\"case_type\":\"CLA\",\"notes\":%s,"
	    "\"people\":%s}", repeat_list("{}", 200),
	    repeat_list(person("P"), 50)));
	ck_assert_int_eq(json_object_array_length(jfind(c, "notes")), 200);
	ck_assert_int_eq(json_object_array_length(jfind(c, "people")), 50);

	struct hres r = call("POST", "/cases/", t1, S("{\"case_type\":\"CLA\","
	    "\"notes\":%s,\"people\":%s}", repeat_list("{}", 201),
	    repeat_list(person("P"), 51)));
	json_object *p = problem(&r, "too_long", "body.notes");
	ck_assert_str_eq(jget(p, "msg"), "List should have at most 200 items after "
	    "validation, not 201");
	p = problem(&r, "too_long", "body.people");
	ck_assert_str_eq(jget(p, "msg"), "List should have at most 50 items after "
	    "validation, not 51");
	ck_assert_int_eq(json_object_get_int(jfind(p, "ctx.max_length")), 50);
	ck_assert_int_eq(json_object_get_int(jfind(p, "ctx.actual_length")), 51);
	ck_assert_int_eq(nproblems(&r), 2);
	r = call("PATCH", S("/latest/cases/%s", id_of(c)), t1, S("{\"notes\":%s}",
	    repeat_list("{}", 201)));
	only_problem(&r, "too_long", "body.notes");
	assert_json_eq(get_case("", t1, id_of(c)), c);
}
END_TEST

/* A case whose body nests depth containers deep (the body itself is 1). */
static char *
nested(size_t depth)
{
	size_t k = depth - 3;
	char *open = malloc(k + 1), *close = malloc(k + 1);
	memset(open, '[', k);
	memset(close, ']', k);
	open[k] = close[k] = '\0';
	return S("{\"case_type\":\"CLA\",\"case_tracker\":{\"gtm_anon_id\":\"g\","
	    "\"journey\":{\"a\":%s%s}}}", open, close);
}

START_TEST(limits_json_depth)
{
	json_object *c = create("", t1, nested(32));
	ck_assert_ptr_nonnull(jfind(c, "case_tracker.journey.a"));
	struct hres r = call("POST", "/cases/", t1, nested(33));
	only_problem(&r, "json_invalid", loc_of(jfind(r.json, "detail.0")));
	ck_assert_str_eq(jget(r.json, "detail.0.msg"), "JSON decode error");
	r = call("POST", "/latest/cases/", NULL, nested(200));
	expect(&r, 422);
	ck_assert_str_eq(jget(r.json, "detail.0.type"), "json_invalid");
}
END_TEST

START_TEST(limits_invalid_utf8)
{
	static const char *const bodies[] = {
		"{\"case_type\":\"%s\",\"notes\":[{\"content\":\"a\xff" "b\"}]}",
		"{\"case_type\":\"%s\",\"people\":[{\"name\":\"\xe2\x82\",\"address\":"
		"null,\"email\":null}]}",
		"{\"case_type\":\"%s\",\"notes\":[{\"content\":\"\xed\xa0\x80\"}]}",
		"{\"case_type\":\"%s\",\"notes\":[{\"content\":\"\xc0\xaf\"}]}",
	};
	static const char *const locs[] = {
		"body.notes.0.content", "body.people.0.name", "body.notes.0.content",
		"body.notes.0.content"
	};
	for (size_t i = 0; i < 4; i++) {
		struct hres r = call("POST", "/cases/", t1, S(bodies[i], "CLA"));
		only_problem(&r, "string_unicode", locs[i]);
		r = call("POST", "/v1/cases/", t1, S(bodies[i], CLAL));
		only_problem(&r, "string_unicode", locs[i]);
	}
}
END_TEST

/* Inside free-form JSON (journey, answers) too: 422, never a 5xx. */
START_TEST(limits_invalid_utf8_in_json_values)
{
	static const char *const bodies[] = {
		"{\"case_type\":\"CLA\",\"case_tracker\":{\"gtm_anon_id\":\"g\","
		"\"journey\":{\"k\":\"\xc3\x28\"}}}",
		"{\"case_type\":\"CLA\",\"case_tracker\":{\"gtm_anon_id\":\"g\","
		"\"journey\":{\"\xff\":1}}}",
		"{\"case_type\":\"CLA\",\"eligibility_outcomes\":[{\"eligibility_type\":"
		"\"CCQ\",\"outcome\":\"Unknown\",\"answers\":{\"q\":[\"\xff\"]}}]}",
	};
	char got[1024] = "";
	int bad = 0;

	for (size_t i = 0; i < 3; i++) {
		struct hres r = call("POST", "/cases/", t1, bodies[i]);
		size_t n = strlen(got);
		snprintf(got + n, sizeof(got) - n, "\n  body %zu: %ld %.80s", i,
		    r.status, r.body);
		bad += r.status != 422;
	}
	ck_assert_msg(bad == 0, "invalid UTF-8 inside JSON values:%s", got);
}
END_TEST

/* ------------------------------------------------------------ integrity */

struct worker {
	pthread_barrier_t	*go;
	const char		*id;
	int			 i;
	long			 status;
};

static void *
patch_worker(void *p)
{
	struct worker *w = p;
	struct hres r;
	char body[128];

	snprintf(body, sizeof(body), "{\"people\":[{\"name\":\"P%d\",\"address\":"
	    "null,\"email\":null}]}", w->i);
	pthread_barrier_wait(w->go);
	char *path = S("/cases/%s", w->id);
	w->status = http_json(&r, "PATCH", path, t1, body) == 0 ? r.status : -1;
	hres_free(&r);
	free(path);
	return NULL;
}

START_TEST(integrity_concurrent_patches)
{
	enum { N = 50 };
	json_object *c = create("", t1, S("{\"case_type\":\"CLA\",\"people\":[%s,%s]}",
	    person("seed1"), person("seed2")));
	const char *id = id_of(c);
	pthread_t th[N];
	struct worker w[N];
	pthread_barrier_t go;

	pthread_barrier_init(&go, NULL, N);
	for (int i = 0; i < N; i++) {
		w[i] = (struct worker){ &go, id, i, 0 };
		ck_assert_int_eq(pthread_create(&th[i], NULL, patch_worker, &w[i]), 0);
	}
	for (int i = 0; i < N; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&go);
	for (int i = 0; i < N; i++)
		ck_assert_msg(w[i].status == 200, "PATCH %d answered %ld", i,
		    w[i].status);

	json_object *g = get_case("", t1, id);
	json_object *people = jfind(g, "people");
	ck_assert_msg(json_object_array_length(people) == 1, "people: %s",
	    plain(people));
	const char *name = jget(g, "people.0.name");
	int k = -1;
	ck_assert_msg(name[0] == 'P' && sscanf(name + 1, "%d", &k) == 1 && k >= 0 &&
	    k < N && strcmp(name, S("P%d", k)) == 0, "name %s", name);
	json_object *h = history(t1, id);
	ck_assert_int_eq(count_action(h, "update"), N);
	ck_assert_int_eq(count_action(h, "create"), 1);
	ck_assert_int_eq(json_object_array_length(h), N + 1);
	/* The last update recorded is the state that stayed. */
	json_object *last = json_object_array_get_idx(h, N);
	ck_assert_str_eq(jget(last, "changes.people.to.0.name"), name);
}
END_TEST

/* ------------------------------------------------------------ history */

START_TEST(history_every_write)
{
	json_object *c = create("", t1, "{\"case_type\":\"CLA\",\"notes\":"
	    "[{\"content\":\"first\"}]}");
	const char *id = id_of(c);
	patch("", t1, id, "{\"case_type\":\"CCQ\"}");
	/* Through the reference's face: still recorded in codes. */
	patch("/v1", t1, id, "{\"case_type\":\"" CLAL "\"}");
	patch("", t1, id, "{\"notes\":[]}");
	/* Refused writes leave no row. */
	struct hres r = call("PATCH", S("/cases/%s", id), t1, S("{\"case_type\":"
	    "\"CCQ\",\"people\":[{\"id\":\"%s\",\"name\":\"x\",\"address\":null,"
	    "\"email\":null}]}", NOCASE));
	expect(&r, 404);
	r = call("PATCH", S("/cases/%s", id), t1, "{\"case_type\":\"Bogus\"}");
	expect(&r, 422);

	json_object *h = history(t1, id);
	ck_assert_int_eq(json_object_array_length(h), 4);
	static const char *const actions[] = { "create", "update", "update",
	    "update" };
	for (size_t i = 0; i < 4; i++) {
		json_object *e = json_object_array_get_idx(h, i);
		assert_key_order(e, history_keys);
		ck_assert_str_eq(jget(e, "action"), actions[i]);
		ck_assert_str_eq(jget(e, "username"), u1);
		assert_ts(jget(e, "at"), 1);
		if (i)
			ck_assert_msg(strcmp(jget(e, "at"), jget(json_object_array_get_idx(
			    h, i - 1), "at")) >= 0, "history not oldest first");
	}
	json_object *e = json_object_array_get_idx(h, 0);
	ck_assert_str_eq(jplain(e, "changes.case_type.from"), "null");
	ck_assert_str_eq(jget(e, "changes.case_type.to"), "CLA");
	ck_assert_str_eq(jget(e, "changes.notes.to.0.content"), "first");
	e = json_object_array_get_idx(h, 1);
	ck_assert_str_eq(jget(e, "changes.case_type.from"), "CLA");
	ck_assert_str_eq(jget(e, "changes.case_type.to"), "CCQ");
	ck_assert_ptr_null(jfind(e, "changes.notes"));
	ck_assert_ptr_null(jfind(e, "changes.people"));
	e = json_object_array_get_idx(h, 2);
	ck_assert_str_eq(jget(e, "changes.case_type.from"), "CCQ");
	ck_assert_str_eq(jget(e, "changes.case_type.to"), "CLA");
	e = json_object_array_get_idx(h, 3);
	ck_assert_ptr_null(jfind(e, "changes.case_type"));
	ck_assert_str_eq(jget(e, "changes.notes.from.0.content"), "first");
	ck_assert_str_eq(jplain(e, "changes.notes.to"), "[]");

	/* Deleting writes the last row; the admin still reads it. */
	r = call("DELETE", S("/cases/%s", id), t1, NULL);
	expect(&r, 204);
	h = history(t_adm, id);
	ck_assert_int_eq(json_object_array_length(h), 5);
	e = json_object_array_get_idx(h, 4);
	assert_key_order(e, history_keys);
	ck_assert_str_eq(jget(e, "action"), "delete");
	ck_assert_str_eq(jget(e, "username"), u1);
	ck_assert_str_eq(jget(e, "changes.case_type.from"), "CLA");
	ck_assert_str_eq(jplain(e, "changes.case_type.to"), "null");
}
END_TEST

START_TEST(history_of_another_users_write)
{
	json_object *c = create("/latest", t1, "{\"case_type\":\"" CCQL "\"}");
	const char *id = id_of(c);
	patch("", t_adm, id, "{\"case_type\":\"CLA\"}");
	json_object *h = history(t1ro, id);
	ck_assert_int_eq(json_object_array_length(h), 2);
	ck_assert_str_eq(jget(h, "0.username"), u1);
	ck_assert_str_eq(jget(h, "0.changes.case_type.to"), "CCQ");
	ck_assert_str_eq(jget(h, "1.username"), "admin");
	ck_assert_str_eq(jget(h, "1.changes.case_type.from"), "CCQ");
	ck_assert_str_eq(jget(h, "1.changes.case_type.to"), "CLA");
	struct hres r = call("GET", S("/cases/%s/history", id), NULL, NULL);
	expect(&r, 401);
}
END_TEST

/* ------------------------------------------------------------ permissions */

START_TEST(permissions_organisation_scope)
{
	json_object *c1 = create("", t1, "{\"case_type\":\"CLA\",\"notes\":"
	    "[{\"content\":\"org1\"}]}");
	json_object *c2 = create("/v1", t2, "{\"case_type\":\"" CCQL "\"}");
	json_object *c0 = create("", t_adm, "{\"case_type\":\"CLA\"}");
	const char *id1 = id_of(c1), *id2 = id_of(c2), *id0 = id_of(c0);
	static const char *const prefixes[] = { "", "/v1", "/latest" };

	for (size_t i = 0; i < 3; i++) {
		const char *pre = prefixes[i];
		static const char *const methods[] = { "GET", "PATCH", "PUT", "DELETE" };
		for (size_t m = 0; m < 4; m++) {
			const char *body = m == 1 || m == 2 ?
			    (i ? "{\"case_type\":\"" CCQL "\"}" : "{\"case_type\":\"CCQ\"}") :
			    NULL;
			/* Another organisation's case. */
			struct hres r = call(methods[m], S("%s/cases/%s", pre, id1), t2,
			    body);
			expect(&r, 403);
			ck_assert_ptr_nonnull(jget(r.json, "detail"));
			ck_assert_ptr_null(strstr(r.body, "org1"));
			r = call(methods[m], S("%s/cases/%s", pre, id2), t1, body);
			expect(&r, 403);
			/* A case of no organisation, made by the admin. */
			r = call(methods[m], S("%s/cases/%s", pre, id0), t1, body);
			expect(&r, 403);
		}
		struct hres r = call("GET", S("%s/cases/", pre), t2, NULL);
		expect(&r, 200);
		ck_assert_ptr_null(strstr(r.body, id1));
		ck_assert_ptr_null(strstr(r.body, id0));
		ck_assert_ptr_nonnull(strstr(r.body, id2));
		r = call("GET", S("%s/cases/", pre), t1ro, NULL);
		expect(&r, 200);
		ck_assert_ptr_nonnull(strstr(r.body, id1));
		ck_assert_ptr_null(strstr(r.body, id2));
		ck_assert_ptr_null(strstr(r.body, id0));
		r = call("GET", S("%s/cases/", pre), t_adm, NULL);
		expect(&r, 200);
		ck_assert_ptr_nonnull(strstr(r.body, id1));
		ck_assert_ptr_nonnull(strstr(r.body, id2));
		ck_assert_ptr_nonnull(strstr(r.body, id0));
	}
	struct hres r = call("GET", S("/cases/%s/history", id1), t2, NULL);
	expect(&r, 403);
	/* Nothing was changed or deleted by the refused calls. */
	assert_json_eq(get_case("", t1, id1), c1);
	assert_json_eq(get_case("/v1", t2, id2), c2);
	assert_json_eq(get_case("", t_adm, id0), c0);
	ck_assert_int_eq(json_object_array_length(history(t1, id1)), 1);
	/* Same organisation, other user: visible; the admin sees everything. */
	get_case("", t1ro, id1);
	patch("", t1nodel, id1, "{\"case_type\":\"CCQ\"}");
	get_case("/latest", t_adm, id1);
	patch("", t_adm, id2, "{\"case_type\":\"CLA\"}");
	ck_assert_str_eq(jget(get_case("", t2, id2), "case_type"), "CLA");
	/* The admin may delete any organisation's case. */
	r = call("DELETE", S("/cases/%s", id2), t_adm, NULL);
	expect(&r, 204);
	r = call("GET", S("/cases/%s", id2), t2, NULL);
	expect(&r, 404);
}
END_TEST

/* ------------------------------------------------------------ suite */

static Suite *
suite(void)
{
	Suite *s = suite_create("cases");
	TCase *t = tcase_create("cases");
	tcase_set_timeout(t, 120);
	tcase_add_unchecked_fixture(t, setup, teardown);
	tcase_add_test(t, paths_every_prefix_and_slash);
	tcase_add_test(t, create_renders_as_read);
	tcase_add_test(t, put_is_the_same_partial_update);
	tcase_add_test(t, method_not_allowed_and_not_found);
	tcase_add_test(t, casegate_face_codes_and_long_names);
	tcase_add_test(t, casegate_face_refuses_unknown_and_readonly_keys);
	tcase_add_test(t, reference_face_long_names_only);
	tcase_add_test(t, reference_face_ignores_unknown_and_casegate_fields);
	tcase_add_test(t, faces_share_one_store);
	tcase_add_test(t, note_types_per_face);
	tcase_add_test(t, ref_auth_fail_case);
	tcase_add_test(t, ref_create_case_disabled_user);
	tcase_add_test(t, ref_token_failures);
	tcase_add_test(t, ref_credential_exception);
	tcase_add_test(t, ref_credential_exception_no_user);
	tcase_add_test(t, ref_scopes_missing_incorrect_correct);
	tcase_add_test(t, ref_case_create_request);
	tcase_add_test(t, ref_case_create_request_minimal);
	tcase_add_test(t, ref_case_create_request_not_enough_data);
	tcase_add_test(t, ref_case_update_request);
	tcase_add_test(t, ref_case_update_existing_request);
	tcase_add_test(t, ref_case_update_invalid_id_request);
	tcase_add_test(t, ref_adaptations_create_and_update);
	tcase_add_test(t, person_email_addresses);
	tcase_add_test(t, person_create_and_attach);
	tcase_add_test(t, person_phone_valid_kept_verbatim);
	tcase_add_test(t, person_phone_invalid);
	tcase_add_test(t, person_postcode_validation);
	tcase_add_test(t, person_postcode_whitespace_anywhere);
	tcase_add_test(t, person_postcode_formatting);
	tcase_add_test(t, person_postcode_unusual);
	tcase_add_test(t, person_postcode_bfpo);
	tcase_add_test(t, person_required_keys_and_date_of_birth);
	tcase_add_test(t, merge_only_present_keys);
	tcase_add_test(t, merge_list_replaces_collection);
	tcase_add_test(t, merge_unknown_or_foreign_id_is_404_and_nothing_written);
	tcase_add_test(t, merge_null_list_is_422);
	tcase_add_test(t, merge_single_parts);
	tcase_add_test(t, merge_empty_patch_changes_nothing);
	tcase_add_test(t, errors_422_lists_every_problem);
	tcase_add_test(t, errors_malformed_json_before_auth);
	tcase_add_test(t, errors_malformed_json_extra_data);
	tcase_add_test(t, errors_auth_failures);
	tcase_add_test(t, errors_bad_uuid_and_unknown_case);
	tcase_add_test(t, list_every_case_in_creation_order);
	tcase_add_test(t, limits_body_size);
	tcase_add_test(t, limits_note_content);
	tcase_add_test(t, limits_list_lengths);
	tcase_add_test(t, limits_json_depth);
	tcase_add_test(t, limits_invalid_utf8);
	tcase_add_test(t, limits_invalid_utf8_in_json_values);
	tcase_add_test(t, integrity_concurrent_patches);
	tcase_add_test(t, history_every_write);
	tcase_add_test(t, history_of_another_users_write);
	tcase_add_test(t, permissions_organisation_scope);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
