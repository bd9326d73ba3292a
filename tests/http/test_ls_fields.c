/*
 * A matter's intake and its other scalar fields over HTTP: intake_office
 * (an office object, written in LegalServer's five office input forms),
 * intake_program (a lookup of the program table, five lookup forms),
 * intake_user (a user object, four user input forms), and prefix, suffix,
 * veteran, disabled (the client's), rejected, rejection_reason,
 * intake_type, close_reason, impact, is_this_a_prescreen (the case's).
 * Unknown references and wrong types are 400 in LegalServer's shape with
 * nothing changed; every field is searchable, %empty% included; the LAA
 * face of the same case is unaffected and the history shows the changes;
 * a rename of the user or the office drops the matters' stored documents.
 * Then the rest of spec section 6 that a case can hold (sql/029): the
 * client's marital_status, citizenship, immigration_status, race,
 * ethnicity (lookups), a_number, visa_number, fax_phone and
 * preferred_phone_number; the case's how_referred, second_language,
 * county_of_dispute (lookups), number_of_adults, number_of_children
 * (counts) and pai_case, rural, is_lead_case, interpreter (flags). And the
 * last of it (sql/030): prescreen_office, prescreen_program and
 * prescreen_user (the intake's tests run for them too), the client's
 * mailing address (mailing_* written, client_address_mailing read), the
 * four conflict flags, percentage_of_poverty (a decimal, 0 to 10000) and
 * each phone's _note and _safe; each in every input form (POST, PATCH, an
 * upsert's update_data), read in GET, search pages and custom_results,
 * searchable, refused in LegalServer's shape when bad, and off the LAA face.
 * Every matter made here has a unique tag as its client's last name.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client.h"

#define PW	"pw-secret-lsfields-01"

static const char *const office_keys[] = {
	"office_id", "office_uuid", "office_code", "office_name", NULL
};
static const char *const user_keys[] = { "user_id", "user_uuid", "user_name",
	NULL };

static void
assert_status(const struct hres *r, long want, const char *what)
{
	ck_assert_msg(r->status == want, "%s: want %ld, got %ld %s", what, want,
	    r->status, r->body);
}

/* A premium organisation's user with every case scope (made once). */
static const char *
tok(void)
{
	static char *t;
	if (t == NULL) {
		char *org = unique("lforg"), *name = unique("lfu");
		int rc;
		char *out = admin_cli_out(NULL, &rc, "org add %s --premium", org);
		ck_assert_msg(rc == 0, "org add: %s", out);
		free(out);
		out = admin_cli_out(PW, &rc, "user add %s --scopes "
		    "read,create,update,delete --org %s", name, org);
		ck_assert_msg(rc == 0, "user add: %s", out);
		free(out);
		t = login(name, PW);
		ck_assert_msg(t != NULL, "cannot log in");
	}
	return t;
}

/* A request that must answer status; returns its parsed answer. */
static json_object *
must(const char *method, const char *path, const char *body, long status)
{
	struct hres r;

	http_json(&r, method, path, tok(), body);
	ck_assert_msg(r.status == status, "%s %s: want %ld, got %ld %s (%s)",
	    method, path, status, r.status, r.body, body ? body : "");
	json_object *o = json_object_get(r.json);
	hres_free(&r);
	return o;
}

static char *
new_matter(const char *tag, const char *extra)
{
	json_object *o = must("POST", "/api/v2/matters", S("{\"first\":\"Ira\","
	    "\"last\":\"%s\",\"case_disposition\":\"Open\"%s%s}", tag,
	    extra ? "," : "", extra ? extra : ""), 201);
	char *id = strdup(jget(o, "data.matter_uuid"));
	json_object_put(o);
	return id;
}

/* data.<path> of the matter as it reads now (malloc'd, NULL when null). */
static char *
matter_value(const char *id, const char *path)
{
	json_object *o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	const char *v = jget(o, S("data.%s", path));
	char *s = v ? strdup(v) : NULL;
	json_object_put(o);
	return s;
}

/* How many matters a search finds (the query is appended to last=tag). */
static long
found(const char *tag, const char *query)
{
	json_object *o = must("GET", S("/api/v2/matters?last=%s&%s", tag, query),
	    NULL, 200);
	long n = atol(jget(o, "total_records"));
	json_object_put(o);
	return n;
}

/* A search (appended to last=tag) and how many matters it must find. */
struct want {
	const char	*q;
	long		 n;
};

/* Each search of the list (ended by a NULL q) finds its number. */
static void
found_each(const char *tag, const struct want *w)
{
	for (; w->q != NULL; w++) {
		long n = found(tag, w->q);
		ck_assert_msg(n == w->n, "%s: want %ld, found %ld", w->q, w->n, n);
	}
}

/* A PATCH of {key: value} that must be 400 {"invalid_values": {key}}. */
static void
refused(const char *id, const char *key, const char *value)
{
	struct hres r;

	http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok(),
	    S("{\"%s\":%s}", key, value));
	assert_ls400(&r, "invalid_values", key);
	hres_free(&r);
}

/* A PATCH of each {key: value} is 400 {"invalid_parameters": [key]}. */
static void
unknown_keys(const char *id, const char *const *keys, const char *value)
{
	for (size_t i = 0; keys[i]; i++) {
		struct hres r;
		http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok(),
		    S("{\"%s\":%s}", keys[i], value));
		assert_ls400(&r, "invalid_parameters", keys[i]);
		hres_free(&r);
	}
}

/* A value refused both ways: by PATCH of id, and on a create (tagged). */
static void
refused_both(const char *tag, const char *id, const char *key,
    const char *value)
{
	struct hres r;

	refused(id, key, value);
	http_json(&r, "POST", "/api/v2/matters", tok(), S("{\"first\":\"Ira\","
	    "\"last\":\"%s\",\"case_disposition\":\"Open\",\"%s\":%s}", tag, key,
	    value));
	assert_ls400(&r, "invalid_values", key);
	hres_free(&r);
}

/* Searches (appended to last=tag) that must be LegalServer's search 400. */
static void
search_refused(const char *tag, const char *const *bad)
{
	for (size_t i = 0; bad[i]; i++) {
		struct hres r;
		http_json(&r, "GET", S("/api/v2/matters?last=%s&%s", tag, bad[i]),
		    tok(), NULL);
		assert_status(&r, 400, bad[i]);
		ck_assert_msg(json_object_object_length(r.json) == 1 &&
		    json_object_array_length(jfind(r.json,
		    "invalid search values")) == 1, "%s: %s", bad[i], r.body);
		hres_free(&r);
	}
}

/* Each key's value is the JSON boolean want. */
static void
assert_flags(json_object *o, const char *const *keys, int want)
{
	for (size_t i = 0; keys[i]; i++) {
		json_object *v = jfind(o, S("data.%s", keys[i]));
		ck_assert_msg(json_object_is_type(v, json_type_boolean) &&
		    json_object_get_boolean(v) == want, "%s: %s", keys[i],
		    json_object_to_json_string(o));
	}
}

/* The case as the LAA face reads it, without the stamps a write moves. */
static json_object *
laa_face(const char *id)
{
	struct hres r;

	http_json(&r, "GET", S("/cases/%s", id), tok(), NULL);
	assert_status(&r, 200, "laa face");
	json_object *o = json_object_get(r.json);
	hres_free(&r);
	json_object_object_del(o, "updated_at");
	json_object_object_del(jfind(o, "people.0"), "updated_at");
	return o;
}

/* The history of id, whose second row must name each key's change. */
static json_object *
history_changed(const char *id, const char *const *keys)
{
	struct hres r;

	http_json(&r, "GET", S("/cases/%s/history", id), tok(), NULL);
	assert_status(&r, 200, "history");
	json_object *o = json_object_get(r.json);
	hres_free(&r);
	ck_assert_int_eq(json_object_array_length(o), 2);
	ck_assert_str_eq(jget(o, "1.action"), "update");
	for (size_t i = 0; keys[i]; i++)
		ck_assert_msg(jfind(o, S("1.changes.%s.to", keys[i])) != NULL,
		    "%s not in %s", keys[i], json_object_to_json_string(o));
	return o;
}

/* A write through the LAA face (a note), that must keep the matter's. */
static void
laa_note(const char *id)
{
	struct hres r;

	http_json(&r, "PATCH", S("/cases/%s", id), tok(), "{\"notes\":[{"
	    "\"note_type\":\"Provider\",\"content\":\"seen\"}]}");
	assert_status(&r, 200, "laa patch");
	hres_free(&r);
}

/* A new user through the LegalServer face (as the admin); its uuid. */
static char *
new_user(const char *first, const char *last, char **id)
{
	struct hres r;

	http_json(&r, "POST", "/api/v2/users", adm(), S("{\"login\":\"%s\","
	    "\"first\":\"%s\",\"last\":\"%s\"}", unique("lfintake"), first, last));
	assert_status(&r, 201, "user");
	char *uuid = strdup(jget(r.json, "data.user_uuid"));
	*id = strdup(jget(r.json, "data.id"));
	hres_free(&r);
	return uuid;
}

static char *
new_office(char **code)
{
	int rc;

	*code = unique("OF");
	char *name = unique("Office of ");
	char *out = admin_cli_out(NULL, &rc, "office add %s '%s'", *code, name);
	ck_assert_msg(rc == 0, "office add: %s", out);
	free(out);
	return name;
}

/* ------------------------------------------------------------ office */

/*
 * An office field (intake_office, prescreen_office, held in the case's
 * column): the five office input forms and the object as read; unknown,
 * inactive and mistyped offices refused; %empty% and null clear it.
 */
static void
office_forms(const char *f, const char *column)
{
	char	*tag = unique("Lfo");
	char	*id = new_matter(tag, NULL);
	char	*chi = sql_value("SELECT id FROM offices WHERE office_code = 'CHI'");
	char	*bos = sql_value("SELECT id FROM offices WHERE office_code = 'BOS'");
	char	*bos_uuid = sql_value("SELECT uuid FROM offices WHERE "
	    "office_code = 'BOS'");

	/* Unset: an object of null members, never null itself. */
	json_object *o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	assert_keys(jfind(o, S("data.%s", f)), office_keys);
	for (size_t i = 0; office_keys[i]; i++)
		ck_assert_ptr_null(jfind(o, S("data.%s.%s", f,
		    office_keys[i])));
	json_object_put(o);

	struct { const char *in, *code; } forms[] = {
		{ "\"Chicago Central Office\"", "CHI" },
		{ bos, "BOS" },
		{ "{\"office_code\":\"WAU\"}", "WAU" },
		{ "{\"office_name\":\"Baltimore Office\"}", "BAL" },
		{ S("{\"office_id\":%s}", chi), "CHI" },
	};
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		o = must("PATCH", S("/api/v2/matters/%s", id),
		    S("{\"%s\":%s}", f, forms[i].in), 200);
		assert_keys(jfind(o, S("data.%s", f)), office_keys);
		ck_assert_msg(strcmp(jget(o, S("data.%s.office_code", f)),
		    forms[i].code) == 0, "%s: %s", forms[i].in,
		    json_object_to_json_string(o));
		json_object_put(o);
	}
	/* Read back in full; the object as read is accepted as input. */
	o = must("PATCH", S("/api/v2/matters/%s", id), S("{\"%s\":"
	    "{\"office_id\":%s,\"office_uuid\":\"%s\",\"office_code\":\"BOS\","
	    "\"office_name\":\"Boston Office\"}}", f, bos, bos_uuid), 200);
	ck_assert_str_eq(jget(o, S("data.%s.office_id", f)), bos);
	ck_assert_str_eq(jget(o, S("data.%s.office_uuid", f)), bos_uuid);
	ck_assert_str_eq(jget(o, S("data.%s.office_name", f)), "Boston Office");
	ck_assert(json_object_is_type(jfind(o, S("data.%s.office_id", f)),
	    json_type_int));
	json_object_put(o);
	ck_assert_str_eq(sql_value(S("SELECT %s FROM cases WHERE uuid = '%s'",
	    column, id)), bos);

	/* Unknown offices and wrong types: 400 invalid_values, nothing kept. */
	char *code, *gone = new_office(&code);
	ck_assert_int_eq(sql(S("UPDATE offices SET active = 0 WHERE "
	    "office_code = '%s'", code)), 0);
	const char *bad[] = { "\"Atlantis Office\"", "999999999",
	    "{\"office_code\":\"ZZZZ\"}", "{\"office_name\":\"Nowhere\"}",
	    "{\"office_id\":999999999}", "{\"office_id\":\"CHI\"}",
	    "{\"office_uuid\":\"x\"}", "{}", "true", "[1]", "1.5", "\"\"",
	    S("\"%s\"", gone), S("{\"office_code\":\"%s\"}", code), NULL };
	for (size_t i = 0; bad[i]; i++)
		refused_both(tag, id, f, bad[i]);
	ck_assert_str_eq(matter_value(id, S("%s.office_code", f)), "BOS");
	/* The refused creates made nothing: one matter has the tag. */
	ck_assert_int_eq(found(tag, "case_disposition=Open"), 1);

	/* %empty% and null clear it. */
	const char *clear[] = { "\"%empty%\"", "null" };
	for (size_t i = 0; i < 2; i++) {
		json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
		    S("{\"%s\":\"Statewide Hotline\"}", f), 200));
		ck_assert_str_eq(matter_value(id, S("%s.office_code", f)),
		    "HOT");
		json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
		    S("{\"%s\":%s}", f, clear[i]), 200));
		ck_assert_ptr_null(matter_value(id, S("%s.office_id", f)));
	}
}

START_TEST(intake_office_forms)
{
	office_forms("intake_office", "intake_office_id");
}
END_TEST

START_TEST(prescreen_office_forms)
{
	office_forms("prescreen_office", "prescreen_office_id");
}
END_TEST

/* ------------------------------------------------------------ program */

/*
 * A program field (intake_program, prescreen_program): a lookup of the
 * program table in the five lookup input forms, counted by the value's
 * use_count; unknown values refused; %empty% clears it.
 */
static void
program_forms(const char *f)
{
	char	*tag = unique("Lfp");
	char	*id = new_matter(tag, S("\"%s\":\"Housing Unit\"", f));
	json_object *o;

	ck_assert_str_eq(matter_value(id, S("%s.lookup_value_name", f)),
	    "Housing Unit");
	ck_assert_str_eq(matter_value(id, S("%s.lookup_type_table_name", f)),
	    "program");
	ck_assert_str_eq(matter_value(id, S("%s.lookup_type_name", f)),
	    "Program");

	/* The lookup table: its rows, and one value with its use count. */
	o = must("GET", "/api/v2/lookups/program", NULL, 200);
	ck_assert_int_eq(atol(jget(o, "total_records")), 6);
	ck_assert_str_eq(jget(o, "data.0.name"), "General Intake");
	json_object_put(o);
	char *fam_id = sql_value("SELECT id FROM ls_lookups WHERE tbl = 'program' "
	    "AND name = 'Family Law Unit'");
	char *fam_uuid = sql_value("SELECT uuid FROM ls_lookups WHERE tbl = "
	    "'program' AND name = 'Family Law Unit'");
	o = must("GET", S("/api/v2/lookups/program/%s", fam_uuid), NULL, 200);
	long before = atol(jget(o, "use_count"));
	ck_assert_str_eq(jget(o, "data.name"), "Family Law Unit");
	json_object_put(o);

	const char *forms[] = { "\"Family Law Unit\"", fam_id,
	    "{\"lookup_value_name\":\"Family Law Unit\"}",
	    S("{\"lookup_value_uuid\":\"%s\"}", fam_uuid),
	    S("{\"lookup_value_id\":%s}", fam_id) };
	for (size_t i = 0; i < 5; i++) {
		json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
		    S("{\"%s\":\"Elder Law Project\"}", f), 200));
		o = must("PATCH", S("/api/v2/matters/%s", id),
		    S("{\"%s\":%s}", f, forms[i]), 200);
		ck_assert_msg(strcmp(jget(o, S("data.%s.lookup_value_id", f)),
		    fam_id) == 0, "%s: %s", forms[i], json_object_to_json_string(o));
		ck_assert_str_eq(jget(o, S("data.%s.lookup_value_uuid", f)),
		    fam_uuid);
		json_object_put(o);
	}
	o = must("GET", S("/api/v2/lookups/program/%s", fam_uuid), NULL, 200);
	ck_assert_int_eq(atol(jget(o, "use_count")), before + 1);
	json_object_put(o);

	const char *bad[] = { "\"Space Law Unit\"", "\"Spanish\"", "999999999",
	    "{\"lookup_value_name\":\"Nope\"}", "true", "[\"Housing Unit\"]",
	    NULL };
	for (size_t i = 0; bad[i]; i++)
		refused(id, f, bad[i]);
	ck_assert_str_eq(matter_value(id, S("%s.lookup_value_name", f)),
	    "Family Law Unit");
	json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
	    S("{\"%s\":\"%%empty%%\"}", f), 200));
	ck_assert_ptr_null(matter_value(id, S("%s.lookup_value_id", f)));
}

START_TEST(intake_program_forms)
{
	program_forms("intake_program");
}
END_TEST

START_TEST(prescreen_program_forms)
{
	program_forms("prescreen_program");
}
END_TEST

/* ------------------------------------------------------------ user */

/*
 * A user field (intake_user, prescreen_user): a user object, written in
 * the four user input forms; unknown users and other types refused; null
 * clears it, leaving an object of null members.
 */
static void
user_forms(const char *f)
{
	char	*tag = unique("Lfu");
	char	*uid, *uuid = new_user("Ada", "Byron", &uid);
	char	*id = new_matter(tag, S("\"%s\":\"%s\"", f, uuid));
	json_object *o;

	o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	assert_keys(jfind(o, S("data.%s", f)), user_keys);
	ck_assert_str_eq(jget(o, S("data.%s.user_uuid", f)), uuid);
	ck_assert_str_eq(jget(o, S("data.%s.user_id", f)), uid);
	ck_assert_str_eq(jget(o, S("data.%s.user_name", f)), "Ada Byron");
	json_object_put(o);

	char *oid, *other = new_user("Alan", "Turing", &oid);
	const char *forms[] = { oid, S("\"%s\"", other),
	    S("{\"user_uuid\":\"%s\"}", other), S("{\"user_id\":%s}", oid) };
	for (size_t i = 0; i < 4; i++) {
		json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
		    S("{\"%s\":%s}", f, uid), 200));
		o = must("PATCH", S("/api/v2/matters/%s", id),
		    S("{\"%s\":%s}", f, forms[i]), 200);
		ck_assert_msg(strcmp(jget(o, S("data.%s.user_uuid", f)), other)
		    == 0, "%s: %s", forms[i], json_object_to_json_string(o));
		ck_assert_str_eq(jget(o, S("data.%s.user_name", f)), "Alan Turing");
		json_object_put(o);
	}

	char u[37];
	snprintf(u, sizeof(u), "%s", "00000000-0000-4000-8000-000000000000");
	const char *bad[] = { S("\"%s\"", u), "999999999",
	    S("{\"user_uuid\":\"%s\"}", u), "{\"user_id\":999999999}",
	    "{\"user_id\":\"Alan\"}", "\"not-a-uuid\"",
	    S("{\"login\":\"%s\"}", "admin"), "false", "{}", "[1]", NULL };
	for (size_t i = 0; bad[i]; i++)
		refused(id, f, bad[i]);
	ck_assert_str_eq(matter_value(id, S("%s.user_uuid", f)), other);
	json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
	    S("{\"%s\":null}", f), 200));
	o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	assert_keys(jfind(o, S("data.%s", f)), user_keys);
	ck_assert_ptr_null(jfind(o, S("data.%s.user_id", f)));
	ck_assert_ptr_null(jfind(o, S("data.%s.user_name", f)));
	json_object_put(o);
}

START_TEST(intake_user_forms)
{
	user_forms("intake_user");
}
END_TEST

START_TEST(prescreen_user_forms)
{
	user_forms("prescreen_user");
}
END_TEST

/* ------------------------------------------------------------ scalars */

START_TEST(scalar_fields)
{
	char	*tag = unique("Lfs");
	char	*id = new_matter(tag, "\"prefix\":\"Dr.\",\"suffix\":\"Jr.\","
	    "\"veteran\":true,\"disabled\":false,\"rejected\":true,"
	    "\"rejection_reason\":\"Over income\",\"intake_type\":\"Telephone\","
	    "\"close_reason\":\"Counsel and Advice\",\"impact\":true,"
	    "\"is_this_a_prescreen\":true");
	json_object *o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	struct { const char *key, *want; } text[] = {
		{ "prefix", "Dr." }, { "suffix", "Jr." },
		{ "rejection_reason", "Over income" },
		{ "intake_type", "Telephone" },
		{ "close_reason", "Counsel and Advice" },
	};
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		ck_assert_str_eq(jget(o, S("data.%s", text[i].key)), text[i].want);
	const char *const set[] = { "veteran", "rejected", "impact",
	    "is_this_a_prescreen", NULL }, *const unset[] = { "disabled", NULL };
	assert_flags(o, set, 1);
	assert_flags(o, unset, 0);
	json_object_put(o);
	/* The client's are the person's columns, the rest the case's. */
	ck_assert_str_eq(sql_value(S("SELECT CONCAT(p.prefix, '|', p.suffix, '|', "
	    "p.veteran, '|', p.disabled) FROM persons p JOIN cases c ON c.id = "
	    "p.case_id WHERE c.uuid = '%s'", id)), "Dr.|Jr.|1|0");
	ck_assert_str_eq(sql_value(S("SELECT CONCAT(rejected, impact, "
	    "is_this_a_prescreen, '|', intake_type) FROM cases WHERE uuid = '%s'",
	    id)), "111|Telephone");

	/* Patched one at a time; others kept; %empty% clears the nullable. */
	o = must("PATCH", S("/api/v2/matters/%s", id), "{\"rejected\":false,"
	    "\"prefix\":\"%empty%\",\"veteran\":null,\"close_reason\":null}", 200);
	ck_assert(!json_object_get_boolean(jfind(o, "data.rejected")));
	ck_assert_ptr_null(jfind(o, "data.prefix"));
	ck_assert_ptr_null(jfind(o, "data.veteran"));
	ck_assert_ptr_null(jfind(o, "data.close_reason"));
	ck_assert_str_eq(jget(o, "data.suffix"), "Jr.");
	ck_assert_str_eq(jget(o, "data.first"), "Ira");
	ck_assert_str_eq(jget(o, "data.rejection_reason"), "Over income");
	json_object_put(o);

	/* Wrong types and sizes: 400 invalid_values, nothing changed. */
	struct { const char *key, *value; } bad[] = {
		{ "rejected", "\"yes\"" }, { "rejected", "null" },
		{ "impact", "\"%empty%\"" }, { "is_this_a_prescreen", "1" },
		{ "veteran", "\"true\"" }, { "disabled", "[]" },
		{ "prefix", "5" }, { "suffix", "{}" }, { "intake_type", "true" },
		{ "rejection_reason", S("\"%0501d\"", 0) },
		{ "close_reason", S("\"%0256d\"", 0) },
		{ "prefix", S("\"%051d\"", 0) },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		refused(id, bad[i].key, bad[i].value);
	o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	ck_assert(!json_object_get_boolean(jfind(o, "data.rejected")));
	ck_assert(json_object_get_boolean(jfind(o, "data.impact")));
	ck_assert_ptr_null(jfind(o, "data.veteran"));
	ck_assert_str_eq(jget(o, "data.suffix"), "Jr.");
	json_object_put(o);

	/* A matter that names none of them: false flags, null text. */
	char *plain = new_matter(tag, NULL);
	o = must("GET", S("/api/v2/matters/%s", plain), NULL, 200);
	ck_assert(!json_object_get_boolean(jfind(o, "data.rejected")));
	ck_assert(!json_object_get_boolean(jfind(o, "data.impact")));
	ck_assert(!json_object_get_boolean(jfind(o, "data.is_this_a_prescreen")));
	ck_assert_ptr_null(jfind(o, "data.veteran"));
	ck_assert_ptr_null(jfind(o, "data.intake_type"));
	json_object_put(o);
}
END_TEST

/* ------------------------------------------------------------ search */

START_TEST(search_new_filters)
{
	char	*tag = unique("Lfq");
	char	*uid, *uuid = new_user("Mary", "Seacole", &uid);
	char	*bal = sql_value("SELECT id FROM offices WHERE office_code = 'BAL'");
	char	*full = new_matter(tag, S("\"intake_office\":\"Baltimore Office\","
	    "\"intake_program\":\"Pro Bono Program\",\"intake_user\":\"%s\","
	    "\"prefix\":\"Ms.\",\"suffix\":\"III\",\"veteran\":true,"
	    "\"disabled\":true,\"rejected\":true,\"rejection_reason\":\"Conflict\","
	    "\"intake_type\":\"Walk-in\",\"close_reason\":\"Referred\","
	    "\"impact\":true,\"is_this_a_prescreen\":true", uuid));
	char	*bare = new_matter(tag, NULL);

	(void)full;
	(void)bare;
	const struct want cases[] = {
		{ "intake_office=Baltimore%20Office", 1 },
		{ S("intake_office=%s", bal), 1 },
		{ "intake_office=Boston%20Office", 0 },
		{ "intake_office=%25empty%25", 1 },
		{ "intake_program=Pro%20Bono%20Program", 1 },
		{ "intake_program=General%20Intake", 0 },
		{ "intake_program=%25empty%25", 1 },
		{ S("intake_user=%s", uuid), 1 },
		{ S("intake_user=%s", uid), 1 },
		{ "intake_user=%25empty%25", 1 },
		{ "prefix=ms.", 1 }, { "prefix=%25empty%25", 1 },
		{ "suffix=III", 1 }, { "suffix=%25empty%25", 1 },
		{ "veteran=true", 1 }, { "veteran=false", 0 },
		{ "veteran=%25empty%25", 1 },
		{ "disabled=1", 1 }, { "disabled=%25empty%25", 1 },
		{ "rejected=true", 1 }, { "rejected=false", 1 },
		{ "rejection_reason=Conflict", 1 },
		{ "rejection_reason=%25empty%25", 1 },
		{ "intake_type=walk-in", 1 }, { "intake_type=%25empty%25", 1 },
		{ "close_reason=Referred", 1 }, { "close_reason=%25empty%25", 1 },
		{ "impact=true", 1 }, { "impact=0", 1 },
		{ "is_this_a_prescreen=true", 1 },
		{ "is_this_a_prescreen=false", 1 },
		{ "intake_office=Baltimore%20Office&rejected=false", 0 },
		{ NULL, 0 },
	};
	found_each(tag, cases);

	/* The same as a JSON body on the GET, booleans and ids as JSON. */
	json_object *o = must("GET", "/api/v2/matters", S("{\"last\":\"%s\","
	    "\"rejected\":true,\"intake_office\":%s,\"intake_user\":%s,"
	    "\"custom_results\":[\"intake_office\",\"intake_user\"]}", tag, bal,
	    uid), 200);
	ck_assert_int_eq(atol(jget(o, "total_records")), 1);
	ck_assert_str_eq(jget(o, "data.0.intake_office.office_code"), "BAL");
	ck_assert_str_eq(jget(o, "data.0.intake_user.user_name"), "Mary Seacole");
	json_object_put(o);

	/* Unknown values and null on a flag: LegalServer's search 400. */
	const char *bad[] = { "intake_office=Atlantis", "intake_office=99999999",
	    "intake_program=Space", "intake_user=00000000-0000-4000-8000-"
	    "000000000000", "intake_user=nobody", "rejected=maybe",
	    "rejected=%25empty%25", "impact=%25empty%25", "veteran=2", NULL };
	search_refused(tag, bad);

	/* true and false are values of yes/no filters only. */
	const char *bool_bad[] = { "{\"last\":true}", "{\"intake_type\":false}",
	    "{\"case_title\":true}", NULL };
	for (size_t i = 0; bool_bad[i]; i++) {
		struct hres r;
		http_json(&r, "GET", "/api/v2/matters", tok(), bool_bad[i]);
		assert_status(&r, 400, bool_bad[i]);
		ck_assert_msg(jfind(r.json, "invalid search values") != NULL, "%s: %s",
		    bool_bad[i], r.body);
		hres_free(&r);
	}

	/* An upsert finds its match by the new filters too. */
	o = must("POST", "/api/v2/matters", S("{\"update\":{\"last\":\"%s\","
	    "\"intake_office\":\"Baltimore Office\"},\"close_reason\":\"Withdrew\"}",
	    tag), 200);
	ck_assert_str_eq(jget(o, "data.matter_uuid"), full);
	ck_assert_str_eq(jget(o, "data.close_reason"), "Withdrew");
	json_object_put(o);
}
END_TEST

/* ------------------------------------------------------------ one record */

START_TEST(laa_face_and_history)
{
	char	*tag = unique("Lfl");
	char	*id = new_matter(tag, "\"home_phone\":\"312 555 0100\"");
	json_object *before = laa_face(id);

	char *uid, *uuid = new_user("Rosa", "Parks", &uid);
	json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
	    S("{\"intake_office\":\"Waukegan Office\",\"intake_program\":"
	    "\"Housing Unit\",\"intake_user\":\"%s\",\"prefix\":\"Mx.\","
	    "\"suffix\":\"Sr.\",\"veteran\":true,\"disabled\":true,"
	    "\"rejected\":true,\"rejection_reason\":\"r\",\"intake_type\":\"Web\","
	    "\"close_reason\":\"c\",\"impact\":true,\"is_this_a_prescreen\":true}",
	    uuid), 200));

	/* The LAA face: the same keys and values; only the case's and the
	   client's updated_at moved. */
	json_object *after = laa_face(id);
	ck_assert_msg(json_object_equal(before, after), "%s -> %s",
	    json_object_to_json_string(before), json_object_to_json_string(after));
	ck_assert_ptr_null(jfind(after, "intake_office"));
	ck_assert_ptr_null(jfind(after, "people.0.prefix"));
	ck_assert_str_eq(jget(after, "people.0.name"), S("Ira %s", tag));
	json_object_put(after);
	json_object_put(before);

	/* The history row of that write shows the new fields' changes. */
	const char *changed[] = { "prefix", "suffix", "veteran", "disabled",
	    "rejected", "rejection_reason", "intake_type", "close_reason",
	    "impact", "is_this_a_prescreen", NULL };
	json_object *h = history_changed(id, changed);
	ck_assert_ptr_null(jfind(h, "1.changes.intake_office.from.office_id"));
	ck_assert_str_eq(jget(h, "1.changes.intake_office.to.office_code"),
	    "WAU");
	ck_assert_str_eq(jget(h, "1.changes.intake_user.to.user_uuid"), uuid);
	ck_assert_str_eq(jget(h,
	    "1.changes.intake_program.to.lookup_value_name"), "Housing Unit");
	ck_assert_ptr_null(jfind(h, "1.changes.first"));
	json_object_put(h);

	/* A write through the LAA face keeps them. */
	laa_note(id);
	ck_assert_str_eq(matter_value(id, "intake_office.office_code"), "WAU");
	ck_assert_str_eq(matter_value(id, "suffix"), "Sr.");
}
END_TEST

/* ------------------------------------------------------------ documents */

/* Whether the case still has a stored matter document. */
static int
has_doc(const char *id)
{
	char *v = sql_value(S("SELECT doc_matter IS NOT NULL FROM cases WHERE "
	    "uuid = '%s'", id));
	int has = v != NULL && strcmp(v, "1") == 0;
	free(v);
	return has;
}

static void
doc_set(const char *id)
{
	ck_assert_int_eq(sql(S("UPDATE cases SET doc_matter = 'stale' WHERE "
	    "uuid = '%s'", id)), 0);
}

/*
 * A matter's user field (user_f) and office field (office_f) show names: a
 * rename of the user or the office drops the stored documents of the
 * matters that show it, and a user a matter shows cannot be deleted.
 */
static void
renames_and_deletes(const char *user_f, const char *office_f)
{
	char	*tag = unique("Lfd");
	char	*uid, *uuid = new_user("Kate", "Sheppard", &uid);
	char	*code, *office = new_office(&code);
	char	*id = new_matter(tag, S("\"%s\":%s,\"%s\":"
	    "{\"office_code\":\"%s\"}", user_f, uid, office_f, code));
	char	*other = new_matter(tag, NULL);
	struct hres r;

	/* A write that leaves the name alone keeps the document. */
	doc_set(id);
	doc_set(other);
	http_json(&r, "PATCH", S("/api/v2/users/%s", uuid), adm(),
	    "{\"email\":\"kate@example.org\"}");
	assert_status(&r, 200, "user email");
	hres_free(&r);
	ck_assert(has_doc(id));

	/* A name through /api/v2/users: dropped for its matters only. */
	http_json(&r, "PATCH", S("/api/v2/users/%s", uuid), adm(),
	    "{\"first\":\"Katherine\"}");
	assert_status(&r, 200, "user first");
	hres_free(&r);
	ck_assert(!has_doc(id));
	ck_assert(has_doc(other));
	ck_assert_str_eq(matter_value(id, S("%s.user_name", user_f)),
	    "Katherine Sheppard");

	/* The same through the token family's /users. */
	doc_set(id);
	http_json(&r, "PATCH", S("/users/%s", uuid), adm(),
	    "{\"full_name\":\"Kate Wilson Sheppard\"}");
	assert_status(&r, 200, "token patch");
	hres_free(&r);
	ck_assert(!has_doc(id));
	ck_assert_str_eq(matter_value(id, S("%s.user_name", user_f)),
	    "Kate Wilson Sheppard");

	/* An upsert that updates the user's name. */
	doc_set(id);
	http_json(&r, "POST", "/api/v2/users", adm(), S("{\"update\":"
	    "{\"user_uuid\":\"%s\"},\"update_data\":{\"last\":\"Malcolm\"}}",
	    uuid));
	assert_status(&r, 200, "user upsert");
	hres_free(&r);
	ck_assert(!has_doc(id));

	/* An office renamed with casegate-admin. */
	doc_set(id);
	char *renamed = unique("Renamed Office ");
	int rc;
	char *out = admin_cli_out(NULL, &rc, "office rename %s '%s'", code,
	    renamed);
	ck_assert_msg(rc == 0, "office rename: %s", out);
	free(out);
	ck_assert(!has_doc(id));
	ck_assert(has_doc(other));
	ck_assert_str_eq(matter_value(id, S("%s.office_name", office_f)), renamed);

	/* A refused rename changes nothing, the document included (the
	   planted one is what GET now sends, so the name is read in SQL). */
	doc_set(id);
	out = admin_cli_out(NULL, &rc, "office rename %s 'Boston Office'", code);
	ck_assert_msg(rc != 0, "rename onto a taken name: %s", out);
	free(out);
	ck_assert(has_doc(id));
	char *name = sql_value(S("SELECT name FROM offices WHERE office_code = "
	    "'%s'", code));
	ck_assert_str_eq(name, renamed);
	free(name);
	out = admin_cli_out(NULL, &rc, "office rename NOSUCHCODE 'X'");
	ck_assert_int_ne(rc, 0);
	free(out);
	out = admin_cli_out(NULL, &rc, "office list");
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(strstr(out, renamed));
	ck_assert_ptr_null(strstr(out, office));
	free(out);

	/* The user cannot be deleted while the matter shows it; then it can. */
	ck_assert_int_ne(sql(S("DELETE FROM users WHERE id = %s", uid)), 0);
	ck_assert_str_eq(sql_value(S("SELECT COUNT(*) FROM users WHERE id = %s",
	    uid)), "1");
	json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
	    S("{\"%s\":null}", user_f), 200));
	ck_assert_int_eq(sql(S("DELETE FROM users WHERE id = %s", uid)), 0);
	ck_assert_str_eq(sql_value(S("SELECT COUNT(*) FROM users WHERE id = %s",
	    uid)), "0");
}

START_TEST(renames_drop_stored_documents)
{
	renames_and_deletes("intake_user", "intake_office");
}
END_TEST

START_TEST(prescreen_renames_drop_documents)
{
	renames_and_deletes("prescreen_user", "prescreen_office");
}
END_TEST

/* ------------------------------------------------------------ spec 6, rest */

/*
 * The lookup fields of 029: where each lives (the client's demographics on
 * the person, the rest on the case), its table and type name, and two of
 * its values.
 */
static const struct more_lookup {
	const char	*field, *table, *type, *a, *b;
	int		 client;
	const char	*column;
} more_lookups[] = {
	{ "marital_status", "marital_status", "Marital Status", "Married",
	    "Divorced", 1, "marital_status_id" },
	{ "citizenship", "citizenship", "Citizenship", "Citizen", "Non-Citizen",
	    1, "citizenship_id" },
	{ "immigration_status", "immigration_status", "Immigration Status",
	    "Refugee", "U Visa", 1, "immigration_status_id" },
	{ "race", "race", "Race", "Asian", "White", 1, "race_id" },
	{ "ethnicity", "ethnicity", "Ethnicity", "Hispanic or Latino",
	    "Not Hispanic or Latino", 1, "ethnicity_id" },
	{ "how_referred", "how_referred", "How Referred", "Court", "Hotline", 0,
	    "how_referred_id" },
	{ "second_language", "language", "Language", "Spanish", "Korean", 0,
	    "second_language_id" },
	{ "county_of_dispute", "county_core", "County", "Cook", "Suffolk", 0,
	    "county_of_dispute_id" },
};
#define NMORE	(sizeof(more_lookups) / sizeof(more_lookups[0]))

static const char *const lookup_keys[] = { "lookup_value_id",
	"lookup_value_name", "lookup_value_uuid", "lookup_type_name",
	"lookup_type_table_name", "lookup_type_custom", "lookup_type_uuid", NULL };
static const char *const county_keys[] = { "lookup_value_id",
	"lookup_value_name", "lookup_value_uuid", "lookup_type_name",
	"lookup_type_table_name", "lookup_type_custom", "lookup_type_uuid",
	"lookup_value_FIPS", "lookup_value_state", NULL };

/* The name of the value a lookup field holds, read in SQL ("null": none). */
static char *
stored_lookup(const struct more_lookup *l, const char *id)
{
	return sql_value(l->client ? S("SELECT IFNULL(l.name, 'null') FROM cases c "
	    "JOIN persons p ON p.case_id = c.id LEFT JOIN ls_lookups l ON l.id = "
	    "p.%s WHERE c.uuid = '%s'", l->column, id) : S("SELECT IFNULL(l.name, "
	    "'null') FROM cases c LEFT JOIN ls_lookups l ON l.id = c.%s WHERE "
	    "c.uuid = '%s'", l->column, id));
}

static long
has_column(const char *table, const char *column)
{
	char *v = sql_value(S("SELECT COUNT(*) FROM information_schema.columns "
	    "WHERE table_schema = DATABASE() AND table_name = '%s' AND "
	    "column_name = '%s'", table, column));
	long n = v ? atol(v) : -1;
	free(v);
	return n;
}

START_TEST(more_lookup_fields)
{
	char	*tag = unique("Lfm");
	char	 body[2048] = "";

	for (size_t i = 0; i < NMORE; i++)
		snprintf(body + strlen(body), sizeof(body) - strlen(body),
		    "%s\"%s\":\"%s\"", i ? "," : "", more_lookups[i].field,
		    more_lookups[i].a);
	char *id = new_matter(tag, body);
	char *plain = new_matter(tag, NULL);
	json_object *o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	json_object *p = must("GET", S("/api/v2/matters/%s", plain), NULL, 200);
	for (size_t i = 0; i < NMORE; i++) {
		const struct more_lookup *l = &more_lookups[i];
		const char *const *keys = strcmp(l->table, "county_core") == 0 ?
		    county_keys : lookup_keys;
		/* Read as lookup objects: named, typed, and never null. */
		assert_keys(jfind(o, S("data.%s", l->field)), keys);
		ck_assert_str_eq(jget(o, S("data.%s.lookup_value_name", l->field)),
		    l->a);
		ck_assert_str_eq(jget(o, S("data.%s.lookup_type_table_name",
		    l->field)), l->table);
		ck_assert_str_eq(jget(o, S("data.%s.lookup_type_name", l->field)),
		    l->type);
		assert_keys(jfind(p, S("data.%s", l->field)), keys);
		ck_assert_ptr_null(jfind(p, S("data.%s.lookup_value_id", l->field)));
		ck_assert_str_eq(jget(p, S("data.%s.lookup_type_table_name",
		    l->field)), l->table);
		/* Stored on the table chosen, and only there. */
		ck_assert_str_eq(stored_lookup(l, id), l->a);
		ck_assert_int_eq(has_column(l->client ? "persons" : "cases",
		    l->column), 1);
		ck_assert_int_eq(has_column(l->client ? "cases" : "persons",
		    l->column), 0);
	}
	ck_assert_str_eq(jget(o, "data.county_of_dispute.lookup_value_FIPS"),
	    "17031");
	ck_assert_str_eq(jget(o, "data.county_of_dispute.lookup_value_state"),
	    "IL");
	json_object_put(o);
	json_object_put(p);

	/* Each in the five input forms; the others are kept. */
	for (size_t i = 0; i < NMORE; i++) {
		const struct more_lookup *l = &more_lookups[i];
		char *bid = sql_value(S("SELECT id FROM ls_lookups WHERE tbl = '%s' "
		    "AND name = '%s'", l->table, l->b));
		char *buuid = sql_value(S("SELECT uuid FROM ls_lookups WHERE tbl = "
		    "'%s' AND name = '%s'", l->table, l->b));
		const char *forms[] = { S("\"%s\"", l->b), bid,
		    S("{\"lookup_value_name\":\"%s\"}", l->b),
		    S("{\"lookup_value_uuid\":\"%s\"}", buuid),
		    S("{\"lookup_value_id\":%s}", bid) };
		for (size_t k = 0; k < 5; k++) {
			json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
			    S("{\"%s\":\"%s\"}", l->field, l->a), 200));
			o = must("PATCH", S("/api/v2/matters/%s", id),
			    S("{\"%s\":%s}", l->field, forms[k]), 200);
			ck_assert_msg(strcmp(jget(o, S("data.%s.lookup_value_id",
			    l->field)), bid) == 0, "%s %s: %s", l->field, forms[k],
			    json_object_to_json_string(o));
			ck_assert_str_eq(jget(o, S("data.%s.lookup_value_uuid",
			    l->field)), buuid);
			ck_assert_str_eq(jget(o, "data.last"), tag);
			json_object_put(o);
		}
		ck_assert_str_eq(stored_lookup(l, id), l->b);
		free(bid);
		free(buuid);
	}

	/* Unknown values, another table's values, wrong types: 400
	   invalid_values on PATCH and create, nothing changed or made. */
	for (size_t i = 0; i < NMORE; i++) {
		const struct more_lookup *l = &more_lookups[i];
		const char *other = strcmp(l->table, "county_core") == 0 ?
		    "\"Spanish\"" : "\"Cook\"";
		const char *bad[] = { "\"Martian\"", other, "999999999",
		    "{\"lookup_value_name\":\"Nope\"}", "{\"lookup_value_id\":0}",
		    "{}", "true", "1.5", "[\"x\"]", "\"\"", NULL };
		for (size_t k = 0; bad[k]; k++)
			refused_both(tag, id, l->field, bad[k]);
		ck_assert_str_eq(stored_lookup(l, id), l->b);
	}
	ck_assert_int_eq(found(tag, "case_disposition=Open"), 2);

	/* %empty% and null clear each; the object stays, its members null. */
	for (size_t i = 0; i < NMORE; i++) {
		const struct more_lookup *l = &more_lookups[i];
		const char *clear = i % 2 ? "null" : "\"%empty%\"";
		o = must("PATCH", S("/api/v2/matters/%s", id), S("{\"%s\":%s}",
		    l->field, clear), 200);
		ck_assert_ptr_nonnull(jfind(o, S("data.%s", l->field)));
		ck_assert_ptr_null(jfind(o, S("data.%s.lookup_value_id", l->field)));
		json_object_put(o);
		ck_assert_str_eq(stored_lookup(l, id), "null");
	}
	ck_assert_str_eq(matter_value(id, "first"), "Ira");
}
END_TEST

/* The seeded tables, and a value's use count across fields and faces. */
START_TEST(more_lookup_tables)
{
	struct { const char *table; long n; const char *first; } seeded[] = {
		{ "marital_status", 7, "Single" }, { "citizenship", 4, "Citizen" },
		{ "immigration_status", 9, "US Citizen" },
		{ "race", 8, "American Indian or Alaska Native" },
		{ "ethnicity", 3, "Hispanic or Latino" },
		{ "how_referred", 9, "Self" },
	};
	for (size_t i = 0; i < sizeof(seeded) / sizeof(seeded[0]); i++) {
		json_object *o = must("GET", S("/api/v2/lookups/%s", seeded[i].table),
		    NULL, 200);
		ck_assert_int_eq(atol(jget(o, "total_records")), seeded[i].n);
		ck_assert_str_eq(jget(o, "data.0.name"), seeded[i].first);
		json_object_put(o);
	}

	/* language and second_language share a table: a case that holds
	   Welsh in both counts once; the client's race counts too. */
	char *welsh = sql_value("SELECT uuid FROM ls_lookups WHERE tbl = "
	    "'language' AND name = 'Welsh'");
	char *asian = sql_value("SELECT uuid FROM ls_lookups WHERE tbl = 'race' "
	    "AND name = 'Asian'");
	json_object *o = must("GET", S("/api/v2/lookups/language/%s", welsh),
	    NULL, 200);
	long w0 = atol(jget(o, "use_count"));
	json_object_put(o);
	o = must("GET", S("/api/v2/lookups/race/%s", asian), NULL, 200);
	long a0 = atol(jget(o, "use_count"));
	json_object_put(o);
	char *tag = unique("Lfc");
	(void)new_matter(tag, "\"language\":\"Welsh\",\"second_language\":\"Welsh\","
	    "\"race\":\"Asian\"");
	(void)new_matter(tag, "\"second_language\":\"Welsh\"");
	o = must("GET", S("/api/v2/lookups/language/%s", welsh), NULL, 200);
	ck_assert_int_eq(atol(jget(o, "use_count")), w0 + 2);
	json_object_put(o);
	o = must("GET", S("/api/v2/lookups/race/%s", asian), NULL, 200);
	ck_assert_int_eq(atol(jget(o, "use_count")), a0 + 1);
	json_object_put(o);
}
END_TEST

START_TEST(more_scalar_fields)
{
	char	*tag = unique("Lfn");
	char	*id = new_matter(tag, "\"a_number\":\"A123456789\","
	    "\"visa_number\":\"V-55501\",\"fax_phone\":\"312 555 0199\","
	    "\"preferred_phone_number\":\"312 555 0142\",\"number_of_adults\":2,"
	    "\"number_of_children\":0,\"pai_case\":true,\"rural\":true,"
	    "\"is_lead_case\":true,\"interpreter\":true");
	json_object *o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	struct { const char *key, *want; } text[] = {
		{ "a_number", "A123456789" }, { "visa_number", "V-55501" },
		{ "fax_phone", "312 555 0199" },
		{ "preferred_phone_number", "312 555 0142" },
	};
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		ck_assert_str_eq(jget(o, S("data.%s", text[i].key)), text[i].want);
	ck_assert(json_object_is_type(jfind(o, "data.number_of_adults"),
	    json_type_int));
	ck_assert_int_eq(json_object_get_int(jfind(o, "data.number_of_adults")), 2);
	ck_assert(json_object_is_type(jfind(o, "data.number_of_children"),
	    json_type_int));
	ck_assert_int_eq(json_object_get_int(jfind(o, "data.number_of_children")),
	    0);
	const char *const flags[] = { "pai_case", "rural", "is_lead_case",
	    "interpreter", NULL };
	assert_flags(o, flags, 1);
	json_object_put(o);
	/* The client's on the person, the rest on the case. */
	ck_assert_str_eq(sql_value(S("SELECT CONCAT_WS('|', p.a_number, "
	    "p.visa_number, p.fax_phone, p.preferred_phone_number) FROM persons p "
	    "JOIN cases c ON c.id = p.case_id WHERE c.uuid = '%s'", id)),
	    "A123456789|V-55501|312 555 0199|312 555 0142");
	ck_assert_str_eq(sql_value(S("SELECT CONCAT_WS('|', number_of_adults, "
	    "number_of_children, pai_case, rural, is_lead_case, interpreter) FROM "
	    "cases WHERE uuid = '%s'", id)), "2|0|1|1|1|1");
	ck_assert_int_eq(has_column("cases", "a_number"), 0);
	ck_assert_int_eq(has_column("persons", "number_of_adults"), 0);

	/* PATCH one at a time, the others kept; %empty% and null clear. */
	o = must("PATCH", S("/api/v2/matters/%s", id), "{\"number_of_adults\":3,"
	    "\"rural\":false,\"visa_number\":\"%empty%\",\"fax_phone\":null,"
	    "\"number_of_children\":\"%empty%\"}", 200);
	ck_assert_int_eq(json_object_get_int(jfind(o, "data.number_of_adults")), 3);
	ck_assert(!json_object_get_boolean(jfind(o, "data.rural")));
	ck_assert(json_object_get_boolean(jfind(o, "data.pai_case")));
	ck_assert_ptr_null(jfind(o, "data.visa_number"));
	ck_assert_ptr_null(jfind(o, "data.fax_phone"));
	ck_assert_ptr_null(jfind(o, "data.number_of_children"));
	ck_assert_str_eq(jget(o, "data.a_number"), "A123456789");
	ck_assert_str_eq(jget(o, "data.first"), "Ira");
	json_object_put(o);
	json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
	    "{\"number_of_adults\":null,\"a_number\":\"A-1\"}", 200));
	ck_assert_str_eq(sql_value(S("SELECT CONCAT_WS('|', IFNULL(c."
	    "number_of_adults, 'null'), IFNULL(c.number_of_children, 'null'), "
	    "p.a_number, IFNULL(p.visa_number, 'null')) FROM cases c JOIN "
	    "persons p ON p.case_id = c.id WHERE c.uuid = '%s'", id)),
	    "null|null|A-1|null");
	json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
	    "{\"number_of_adults\":999,\"number_of_children\":4}", 200));

	/* Wrong types, sizes and counts: 400 invalid_values, nothing changed
	   (on create nothing made). */
	struct { const char *key, *value; } bad[] = {
		{ "number_of_adults", "-1" }, { "number_of_children", "-5" },
		{ "number_of_adults", "\"2\"" }, { "number_of_children", "1.5" },
		{ "number_of_adults", "2.0" }, { "number_of_adults", "1000" },
		{ "number_of_children", "99999999999999999999" },
		{ "number_of_adults", "true" }, { "number_of_children", "[1]" },
		{ "pai_case", "\"yes\"" }, { "rural", "null" },
		{ "is_lead_case", "\"%empty%\"" }, { "interpreter", "1" },
		{ "a_number", "12" }, { "visa_number", "{}" },
		{ "fax_phone", "true" }, { "preferred_phone_number", "[]" },
		{ "a_number", S("\"%021d\"", 0) },
		{ "visa_number", S("\"%051d\"", 0) },
		{ "fax_phone", S("\"%065d\"", 0) },
		{ "preferred_phone_number", S("\"%065d\"", 0) },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		refused_both(tag, id, bad[i].key, bad[i].value);
	ck_assert_int_eq(found(tag, "case_disposition=Open"), 1);
	o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	ck_assert_int_eq(json_object_get_int(jfind(o, "data.number_of_adults")),
	    999);
	ck_assert_int_eq(json_object_get_int(jfind(o, "data.number_of_children")),
	    4);
	ck_assert(json_object_get_boolean(jfind(o, "data.pai_case")));
	ck_assert(!json_object_get_boolean(jfind(o, "data.rural")));
	ck_assert(json_object_get_boolean(jfind(o, "data.interpreter")));
	ck_assert_str_eq(jget(o, "data.a_number"), "A-1");
	ck_assert_str_eq(jget(o, "data.preferred_phone_number"), "312 555 0142");
	json_object_put(o);

	/* A matter that names none of them: false flags, null counts and
	   text. */
	char *plain = new_matter(tag, NULL);
	o = must("GET", S("/api/v2/matters/%s", plain), NULL, 200);
	assert_flags(o, flags, 0);
	const char *nulls[] = { "number_of_adults", "number_of_children",
	    "a_number", "visa_number", "fax_phone", "preferred_phone_number",
	    NULL };
	for (size_t i = 0; nulls[i]; i++) {
		json_object *v;
		ck_assert_msg(json_object_object_get_ex(jfind(o, "data"), nulls[i],
		    &v) && v == NULL, "%s", nulls[i]);
	}
	/* ssn and the computed fields are not held: unknown keys. */
	ck_assert_ptr_null(jfind(o, "data.ssn"));
	ck_assert_ptr_null(jfind(o, "data.days_open"));
	json_object_put(o);
	const char *not_held[] = { "ssn", "days_open", "case_profile_url", NULL };
	unknown_keys(plain, not_held, "\"1\"");
}
END_TEST

START_TEST(more_search_filters)
{
	char	*tag = unique("Lfr");
	char	*full = new_matter(tag, "\"marital_status\":\"Widowed\","
	    "\"citizenship\":\"Eligible Non-Citizen\",\"immigration_status\":"
	    "\"Asylee\",\"race\":\"Black or African American\",\"ethnicity\":"
	    "\"Not Hispanic or Latino\",\"how_referred\":\"Bar Association\","
	    "\"second_language\":\"French\",\"county_of_dispute\":\"DuPage\","
	    "\"a_number\":\"A777\",\"visa_number\":\"V777\",\"fax_phone\":"
	    "\"(708) 555-0111\",\"preferred_phone_number\":\"708-555-0112\","
	    "\"number_of_adults\":1,\"number_of_children\":3,\"pai_case\":true,"
	    "\"rural\":true,\"is_lead_case\":true,\"interpreter\":true");
	char	*bare = new_matter(tag, NULL);
	char	*dupage = sql_value("SELECT id FROM ls_lookups WHERE tbl = "
	    "'county_core' AND name = 'DuPage'");
	char	*asylee = sql_value("SELECT uuid FROM ls_lookups WHERE tbl = "
	    "'immigration_status' AND name = 'Asylee'");

	(void)bare;
	const struct want cases[] = {
		{ "marital_status=Widowed", 1 }, { "marital_status=Single", 0 },
		{ "marital_status=%25empty%25", 1 },
		{ "citizenship=Eligible%20Non-Citizen", 1 },
		{ "citizenship=%25empty%25", 1 },
		{ S("immigration_status=%s", asylee), 1 },
		{ "immigration_status=Refugee", 0 },
		{ "immigration_status=%25empty%25", 1 },
		{ "race=Black%20or%20African%20American", 1 },
		{ "race=%25empty%25", 1 },
		{ "ethnicity=Not%20Hispanic%20or%20Latino", 1 },
		{ "ethnicity=Hispanic%20or%20Latino", 0 },
		{ "ethnicity=%25empty%25", 1 },
		{ "how_referred=Bar%20Association", 1 },
		{ "how_referred=%25empty%25", 1 },
		{ "second_language=French", 1 }, { "language=French", 0 },
		{ "second_language=%25empty%25", 1 },
		{ S("county_of_dispute=%s", dupage), 1 },
		{ "county_of_dispute=Cook", 0 },
		{ "county_of_residence=DuPage", 0 },
		{ "county_of_dispute=%25empty%25", 1 },
		{ "a_number=a777", 1 }, { "a_number=%25empty%25", 1 },
		{ "visa_number=V777", 1 }, { "visa_number=%25empty%25", 1 },
		{ "phone_number=7085550111", 1 }, { "phone_number=708.555.0112", 1 },
		{ "number_of_adults=1", 1 }, { "number_of_adults=2", 0 },
		{ "number_of_adults=%25empty%25", 1 },
		{ "number_of_children=3", 1 },
		{ "number_of_children=%25empty%25", 1 },
		{ "pai_case=true", 1 }, { "pai_case=false", 1 },
		{ "rural=1", 1 }, { "rural=0", 1 },
		{ "is_lead_case=true", 1 }, { "interpreter=true", 1 },
		{ "interpreter=false", 1 },
		{ "race=Black%20or%20African%20American&rural=false", 0 },
		{ NULL, 0 },
	};
	found_each(tag, cases);

	/* The same as a JSON body, booleans, ids and counts as JSON. */
	json_object *o = must("GET", "/api/v2/matters", S("{\"last\":\"%s\","
	    "\"pai_case\":true,\"county_of_dispute\":%s,\"number_of_children\":3,"
	    "\"custom_results\":[\"race\",\"county_of_dispute\"]}", tag, dupage),
	    200);
	ck_assert_int_eq(atol(jget(o, "total_records")), 1);
	ck_assert_str_eq(jget(o, "data.0.matter_uuid"), full);
	ck_assert_str_eq(jget(o, "data.0.race.lookup_value_name"),
	    "Black or African American");
	ck_assert_str_eq(jget(o, "data.0.county_of_dispute.lookup_value_FIPS"),
	    "17043");
	json_object_put(o);

	/* Unknown values and null on a flag: LegalServer's search 400. */
	const char *bad[] = { "race=Martian", "marital_status=Spanish",
	    "second_language=Cook", "county_of_dispute=Atlantis",
	    "how_referred=99999999", "number_of_adults=-1",
	    "number_of_adults=two", "number_of_children=1.5", "pai_case=maybe",
	    "rural=%25empty%25", "interpreter=%25empty%25", NULL };
	search_refused(tag, bad);
}
END_TEST

START_TEST(more_fields_laa_face)
{
	char	*tag = unique("Lfa");
	char	*id = new_matter(tag, "\"home_phone\":\"312 555 0100\"");
	json_object *before = laa_face(id);

	json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
	    "{\"marital_status\":\"Married\",\"citizenship\":\"Citizen\","
	    "\"immigration_status\":\"US Citizen\",\"race\":\"White\","
	    "\"ethnicity\":\"Hispanic or Latino\",\"how_referred\":\"Website\","
	    "\"second_language\":\"Arabic\",\"county_of_dispute\":\"Lake\","
	    "\"a_number\":\"A1\",\"visa_number\":\"V1\",\"fax_phone\":\"1\","
	    "\"preferred_phone_number\":\"2\",\"number_of_adults\":1,"
	    "\"number_of_children\":2,\"pai_case\":true,\"rural\":true,"
	    "\"is_lead_case\":true,\"interpreter\":true}", 200));

	/* The LAA face: the same keys and values; only updated_at moved. */
	json_object *after = laa_face(id);
	ck_assert_msg(json_object_equal(before, after), "%s -> %s",
	    json_object_to_json_string(before), json_object_to_json_string(after));
	ck_assert_ptr_null(jfind(after, "race"));
	ck_assert_ptr_null(jfind(after, "people.0.race"));
	ck_assert_ptr_null(jfind(after, "people.0.a_number"));
	json_object_put(after);
	json_object_put(before);

	/* The history row of that write names each change. */
	const char *changed[] = { "marital_status", "citizenship",
	    "immigration_status", "race", "ethnicity", "how_referred",
	    "second_language", "county_of_dispute", "a_number", "visa_number",
	    "fax_phone", "preferred_phone_number", "number_of_adults",
	    "number_of_children", "pai_case", "rural", "is_lead_case",
	    "interpreter", NULL };
	json_object *h = history_changed(id, changed);
	ck_assert_str_eq(jget(h, "1.changes.race.to.lookup_value_name"), "White");
	ck_assert_ptr_null(jfind(h, "1.changes.race.from.lookup_value_name"));
	json_object_put(h);

	/* A write through the LAA face keeps them. */
	laa_note(id);
	ck_assert_str_eq(matter_value(id, "race.lookup_value_name"), "White");
	ck_assert_str_eq(matter_value(id, "county_of_dispute.lookup_value_name"),
	    "Lake");
	ck_assert_str_eq(matter_value(id, "number_of_children"), "2");
	ck_assert_str_eq(matter_value(id, "a_number"), "A1");
}
END_TEST

/* ------------------------------------------------------------ spec 6, last */

/*
 * The prescreen's office, program and user are fields of their own beside
 * the intake's: their own columns, filters and changes; a program value
 * both hold counts the case once.
 */
START_TEST(prescreen_apart_from_intake)
{
	char	*tag = unique("Lfz");
	char	*uid, *uuid = new_user("Grace", "Hopper", &uid);
	char	*pid, *puuid = new_user("Joan", "Clarke", &pid);
	char	*bos = sql_value("SELECT id FROM offices WHERE office_code = 'BOS'");
	char	*fam = sql_value("SELECT uuid FROM ls_lookups WHERE tbl = "
	    "'program' AND name = 'Family Law Unit'");
	json_object *o = must("GET", S("/api/v2/lookups/program/%s", fam), NULL,
	    200);
	long	 before = atol(jget(o, "use_count"));

	json_object_put(o);
	char *id = new_matter(tag, S("\"intake_office\":\"Chicago Central Office\","
	    "\"prescreen_office\":\"Boston Office\",\"intake_program\":"
	    "\"Family Law Unit\",\"prescreen_program\":\"Family Law Unit\","
	    "\"intake_user\":\"%s\",\"prescreen_user\":\"%s\"", uuid, puuid));
	char *other = new_matter(tag, S("\"prescreen_user\":%s", uid));
	o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	ck_assert_str_eq(jget(o, "data.intake_office.office_code"), "CHI");
	ck_assert_str_eq(jget(o, "data.prescreen_office.office_code"), "BOS");
	ck_assert_str_eq(jget(o, "data.prescreen_office.office_name"),
	    "Boston Office");
	assert_keys(jfind(o, "data.prescreen_office"), office_keys);
	ck_assert_str_eq(jget(o, "data.intake_user.user_name"), "Grace Hopper");
	ck_assert_str_eq(jget(o, "data.prescreen_user.user_name"), "Joan Clarke");
	ck_assert_str_eq(jget(o, "data.prescreen_user.user_id"), pid);
	ck_assert_str_eq(jget(o, "data.prescreen_program.lookup_value_name"),
	    "Family Law Unit");
	json_object_put(o);
	ck_assert_str_eq(sql_value(S("SELECT CONCAT_WS('|', intake_office_id = "
	    "(SELECT id FROM offices WHERE office_code = 'CHI'), "
	    "prescreen_office_id, intake_user_id, prescreen_user_id) FROM cases "
	    "WHERE uuid = '%s'", id)), S("1|%s|%s|%s", bos, uid, pid));
	o = must("GET", S("/api/v2/lookups/program/%s", fam), NULL, 200);
	ck_assert_int_eq(atol(jget(o, "use_count")), before + 1);
	json_object_put(o);

	const struct want cases[] = {
		{ "prescreen_office=Boston%20Office", 1 },
		{ S("prescreen_office=%s", bos), 1 },
		{ "intake_office=Boston%20Office", 0 },
		{ "prescreen_office=Chicago%20Central%20Office", 0 },
		{ "prescreen_office=%25empty%25", 1 },
		{ S("prescreen_user=%s", puuid), 1 },
		{ S("prescreen_user=%s", uid), 1 },
		{ S("intake_user=%s", uid), 1 },
		{ S("intake_user=%s", pid), 0 },
		{ "prescreen_program=Family%20Law%20Unit", 1 },
		{ "prescreen_program=%25empty%25", 1 },
		{ NULL, 0 },
	};
	found_each(tag, cases);

	/* The prescreen's changed or cleared; the intake's stay. */
	o = must("PATCH", S("/api/v2/matters/%s", id), "{\"prescreen_office\":"
	    "\"%empty%\",\"prescreen_user\":null,\"prescreen_program\":"
	    "\"Housing Unit\"}", 200);
	ck_assert_ptr_null(jfind(o, "data.prescreen_office.office_id"));
	ck_assert_ptr_null(jfind(o, "data.prescreen_user.user_id"));
	ck_assert_str_eq(jget(o, "data.prescreen_program.lookup_value_name"),
	    "Housing Unit");
	ck_assert_str_eq(jget(o, "data.intake_office.office_code"), "CHI");
	ck_assert_str_eq(jget(o, "data.intake_user.user_uuid"), uuid);
	ck_assert_str_eq(jget(o, "data.intake_program.lookup_value_name"),
	    "Family Law Unit");
	json_object_put(o);
	ck_assert_int_eq(found(tag, "prescreen_office=%25empty%25"), 2);
	ck_assert_int_eq(found(tag, S("prescreen_user=%s", pid)), 0);
	ck_assert_int_eq(found(tag, "prescreen_program=Housing%20Unit"), 1);
	ck_assert_int_eq(found(tag, "intake_program=Housing%20Unit"), 0);
	ck_assert_str_eq(matter_value(other, "prescreen_user.user_uuid"), uuid);

	const char *bad[] = { "prescreen_office=Atlantis",
	    "prescreen_office=99999999", "prescreen_program=Space",
	    "prescreen_program=Spanish", "prescreen_user=nobody",
	    "prescreen_user=00000000-0000-4000-8000-000000000000", NULL };
	search_refused(tag, bad);
}
END_TEST

static const char *const mailing_keys[] = { "street", "street_2", "apt_num",
	"city", "state", "zip", NULL };

/* The write fields of the mailing address, with their limits. */
static const struct { const char *field; int max; } mailing_parts[] = {
	{ "mailing_street", 255 }, { "mailing_street_2", 255 },
	{ "mailing_apt_num", 50 }, { "mailing_city", 100 },
	{ "mailing_state", 50 }, { "mailing_zip", 16 },
};

START_TEST(mailing_address)
{
	char	*tag = unique("Lfg");
	char	*id = new_matter(tag, "\"home_street\":\"1 Main St\","
	    "\"home_city\":\"Chicago\",\"mailing_street\":\"PO Box 12\","
	    "\"mailing_street_2\":\"c/o Legal Aid\",\"mailing_apt_num\":\"Suite 5\","
	    "\"mailing_city\":\"Evanston\",\"mailing_state\":\"IL\","
	    "\"mailing_zip\":\"60201\"");
	char	*plain = new_matter(tag, NULL);
	json_object *o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	const char *want[] = { "PO Box 12", "c/o Legal Aid", "Suite 5",
	    "Evanston", "IL", "60201" };

	assert_keys(jfind(o, "data.client_address_mailing"), mailing_keys);
	for (size_t i = 0; mailing_keys[i]; i++) {
		ck_assert_str_eq(jget(o, S("data.client_address_mailing.%s",
		    mailing_keys[i])), want[i]);
		/* Written as parts, never read as them. */
		ck_assert(!json_object_object_get_ex(jfind(o, "data"),
		    mailing_parts[i].field, NULL));
	}
	ck_assert_str_eq(jget(o, "data.client_address_home.street"), "1 Main St");
	ck_assert_str_eq(jget(o, "data.client_address_home.city"), "Chicago");
	ck_assert_ptr_null(jfind(o, "data.client_address_home.zip"));
	json_object_put(o);
	/* Columns of the client, beside (not in) its home address. */
	ck_assert_str_eq(sql_value(S("SELECT CONCAT_WS('|', p.mailing_street, "
	    "p.mailing_street_2, p.mailing_apt_num, p.mailing_city, "
	    "p.mailing_state, p.mailing_zip, p.address) FROM persons p JOIN cases "
	    "c ON c.id = p.case_id WHERE c.uuid = '%s'", id)), "PO Box 12|"
	    "c/o Legal Aid|Suite 5|Evanston|IL|60201|1 Main St, Chicago");
	ck_assert_int_eq(has_column("cases", "mailing_city"), 0);

	/* Unset: an object of null members. */
	o = must("GET", S("/api/v2/matters/%s", plain), NULL, 200);
	assert_keys(jfind(o, "data.client_address_mailing"), mailing_keys);
	for (size_t i = 0; mailing_keys[i]; i++)
		ck_assert_ptr_null(jfind(o, S("data.client_address_mailing.%s",
		    mailing_keys[i])));
	json_object_put(o);

	/* A part at a time, the others kept; %empty% and null clear. */
	o = must("PATCH", S("/api/v2/matters/%s", id), "{\"mailing_city\":"
	    "\"Skokie\",\"mailing_street_2\":\"%empty%\",\"mailing_apt_num\":null}",
	    200);
	ck_assert_str_eq(jget(o, "data.client_address_mailing.city"), "Skokie");
	ck_assert_ptr_null(jfind(o, "data.client_address_mailing.street_2"));
	ck_assert_ptr_null(jfind(o, "data.client_address_mailing.apt_num"));
	ck_assert_str_eq(jget(o, "data.client_address_mailing.street"),
	    "PO Box 12");
	ck_assert_str_eq(jget(o, "data.client_address_mailing.zip"), "60201");
	ck_assert_str_eq(jget(o, "data.client_address_home.street"), "1 Main St");
	json_object_put(o);

	/* Too long or not a string: 400, nothing changed or made. */
	for (size_t i = 0; i < sizeof(mailing_parts) / sizeof(mailing_parts[0]);
	    i++) {
		const char *bad[] = { S("\"%0*d\"", mailing_parts[i].max + 1, 0),
		    "5", "true", "{}", "[\"x\"]", NULL };
		for (size_t k = 0; bad[k]; k++)
			refused_both(tag, id, mailing_parts[i].field, bad[k]);
		json_object_put(must("PATCH", S("/api/v2/matters/%s", plain),
		    S("{\"%s\":\"%0*d\"}", mailing_parts[i].field,
		    mailing_parts[i].max, 7), 200));
	}
	ck_assert_int_eq(found(tag, "case_disposition=Open"), 2);
	ck_assert_str_eq(sql_value(S("SELECT CONCAT_WS('|', p.mailing_street, "
	    "IFNULL(p.mailing_street_2, 'null'), p.mailing_city, p.mailing_zip) "
	    "FROM persons p JOIN cases c ON c.id = p.case_id WHERE c.uuid = '%s'",
	    id)), "PO Box 12|null|Skokie|60201");
	/* The longest of each is kept whole (on the other matter). */
	ck_assert_int_eq(atol(sql_value(S("SELECT CHAR_LENGTH(p.mailing_street) + "
	    "CHAR_LENGTH(p.mailing_zip) FROM persons p JOIN cases c ON c.id = "
	    "p.case_id WHERE c.uuid = '%s'", plain))), 255 + 16);

	/* The read object and unknown parts are not inputs. */
	const char *not_inputs[] = { "client_address_mailing", "mailing_county",
	    "mailing_address", NULL };
	unknown_keys(id, not_inputs, "{\"city\":\"x\"}");

	const struct want cases[] = {
		{ "mailing_city=skokie", 1 }, { "mailing_city=Evanston", 0 },
		{ "mailing_street=PO%20Box%2012", 1 }, { "mailing_state=IL", 1 },
		{ "mailing_zip=60201", 1 }, { "mailing_street_2=%25empty%25", 1 },
		{ "mailing_apt_num=%25empty%25", 1 },
		{ "mailing_city=Skokie&mailing_zip=60202", 0 },
		{ NULL, 0 },
	};
	found_each(tag, cases);
}
END_TEST

static const char *const conflict_flags[] = { "client_conflict_status",
	"adverse_party_conflict_status", "conflict_waived", "ap_conflict_waived",
	NULL };

/* The percentage as the case holds it ("null" when unset). */
static char *
stored_poverty(const char *id)
{
	return sql_value(S("SELECT IFNULL(percentage_of_poverty, 'null') FROM "
	    "cases WHERE uuid = '%s'", id));
}

START_TEST(conflict_flags_and_poverty)
{
	char	*tag = unique("Lfk");
	char	*id = new_matter(tag, "\"client_conflict_status\":true,"
	    "\"adverse_party_conflict_status\":true,\"conflict_waived\":true,"
	    "\"ap_conflict_waived\":true,\"percentage_of_poverty\":150.5");
	char	*plain = new_matter(tag, NULL);
	json_object *o = must("GET", S("/api/v2/matters/%s", id), NULL, 200), *v;

	assert_flags(o, conflict_flags, 1);
	v = jfind(o, "data.percentage_of_poverty");
	ck_assert(json_object_is_type(v, json_type_double));
	ck_assert(json_object_get_double(v) == 150.5);
	ck_assert_str_eq(jplain(o, "data.percentage_of_poverty"), "150.50");
	json_object_put(o);
	ck_assert_str_eq(sql_value(S("SELECT CONCAT_WS('|', client_conflict_status, "
	    "adverse_party_conflict_status, conflict_waived, ap_conflict_waived, "
	    "percentage_of_poverty) FROM cases WHERE uuid = '%s'", id)),
	    "1|1|1|1|150.50");
	ck_assert_int_eq(has_column("persons", "percentage_of_poverty"), 0);
	o = must("GET", S("/api/v2/matters/%s", plain), NULL, 200);
	assert_flags(o, conflict_flags, 0);
	ck_assert(json_object_object_get_ex(jfind(o, "data"),
	    "percentage_of_poverty", &v) && v == NULL);
	json_object_put(o);

	/* One flag changed, the others kept. */
	o = must("PATCH", S("/api/v2/matters/%s", id), "{\"conflict_waived\":"
	    "false,\"percentage_of_poverty\":10000}", 200);
	ck_assert(!json_object_get_boolean(jfind(o, "data.conflict_waived")));
	ck_assert(json_object_get_boolean(jfind(o, "data.ap_conflict_waived")));
	ck_assert(json_object_get_boolean(jfind(o,
	    "data.client_conflict_status")));
	ck_assert_str_eq(jplain(o, "data.percentage_of_poverty"), "10000.00");
	json_object_put(o);

	/* Numbers as written, kept to two decimals; %empty% and null clear. */
	struct { const char *in, *stored; } nums[] = {
		{ "0", "0.00" }, { "0.29", "0.29" }, { "99.9", "99.90" },
		{ "1.5e2", "150.00" }, { "10000.0", "10000.00" }, { "7", "7.00" },
		{ "\"%empty%\"", "null" }, { "12.34", "12.34" }, { "null", "null" },
		{ "201.25", "201.25" },
	};
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
		    S("{\"percentage_of_poverty\":%s}", nums[i].in), 200));
		ck_assert_msg(strcmp(stored_poverty(id), nums[i].stored) == 0,
		    "%s: %s", nums[i].in, stored_poverty(id));
	}
	ck_assert_str_eq(matter_value(id, "percentage_of_poverty"), "201.25");

	/* Not a number, below 0, above 10000, more than two decimals; flags
	   that are not booleans: 400 invalid_values, nothing changed. */
	const char *bad_pov[] = { "-1", "-0.01", "10000.01", "10001", "12.345",
	    "0.001", "\"150\"", "\"abc\"", "\"\"", "true", "[150]",
	    "{\"value\":1}", "99999999999999999999", NULL };
	for (size_t i = 0; bad_pov[i]; i++)
		refused_both(tag, id, "percentage_of_poverty", bad_pov[i]);
	const char *bad_flag[] = { "\"yes\"", "null", "\"%empty%\"", "1",
	    "\"true\"", NULL };
	for (size_t i = 0; conflict_flags[i]; i++)
		for (size_t k = 0; bad_flag[k]; k++)
			refused_both(tag, id, conflict_flags[i], bad_flag[k]);
	ck_assert_int_eq(found(tag, "case_disposition=Open"), 2);
	ck_assert_str_eq(stored_poverty(id), "201.25");
	ck_assert_str_eq(sql_value(S("SELECT CONCAT_WS('|', client_conflict_status, "
	    "adverse_party_conflict_status, conflict_waived, ap_conflict_waived) "
	    "FROM cases WHERE uuid = '%s'", id)), "1|1|0|1");

	const struct want cases[] = {
		{ "client_conflict_status=true", 1 },
		{ "client_conflict_status=false", 1 },
		{ "adverse_party_conflict_status=1", 1 },
		{ "conflict_waived=true", 0 }, { "conflict_waived=false", 2 },
		{ "ap_conflict_waived=0", 1 },
		{ "percentage_of_poverty=201.25", 1 },
		{ "percentage_of_poverty=201.2", 0 },
		{ "percentage_of_poverty=201", 0 },
		{ "percentage_of_poverty=%25empty%25", 1 },
		{ "percentage_of_poverty=00201.25", 1 },
		{ "percentage_of_poverty=201.25&ap_conflict_waived=false", 0 },
		{ NULL, 0 },
	};
	found_each(tag, cases);
	json_object_put(must("PATCH", S("/api/v2/matters/%s", plain),
	    "{\"percentage_of_poverty\":75}", 200));
	/* (The value as a string: search.c's param() binds a JSON number's
	   text from its own stack frame, which only the number kinds copy, so
	   a text filter given one matches nothing.) */
	o = must("GET", "/api/v2/matters", S("{\"last\":\"%s\","
	    "\"percentage_of_poverty\":\"75\",\"client_conflict_status\":false}",
	    tag), 200);
	ck_assert_int_eq(atol(jget(o, "total_records")), 1);
	ck_assert_str_eq(jget(o, "data.0.matter_uuid"), plain);
	json_object_put(o);
	ck_assert_int_eq(found(tag, "percentage_of_poverty=75.0"), 1);
	/* A JSON number with a point, as written, for the decimal only. */
	o = must("GET", "/api/v2/matters", S("{\"last\":\"%s\","
	    "\"percentage_of_poverty\":75.00}", tag), 200);
	ck_assert_int_eq(atol(jget(o, "total_records")), 1);
	json_object_put(o);
	struct hres h;
	http_json(&h, "GET", "/api/v2/matters", tok(), S("{\"last\":\"%s\","
	    "\"number_of_adults\":2.5}", tag));
	assert_status(&h, 400, "a decimal for a whole number filter");
	hres_free(&h);

	/* Not a number of the column's shape: refused, not "none found". */
	const char *bad[] = { "client_conflict_status=maybe",
	    "conflict_waived=%25empty%25", "ap_conflict_waived=2",
	    "adverse_party_conflict_status=%25empty%25",
	    "percentage_of_poverty=abc", "percentage_of_poverty=1.234",
	    "percentage_of_poverty=123456", "percentage_of_poverty=-5",
	    "percentage_of_poverty=.5", "percentage_of_poverty=5.",
	    "percentage_of_poverty=1e3", "percentage_of_poverty=", NULL };
	search_refused(tag, bad);

	/* Near misses of the new names are still unknown keys. */
	const char *unknown[] = { "percent_of_poverty", "conflict_status",
	    "ap_conflict_status", "conflicts_waived", NULL };
	unknown_keys(id, unknown, "true");
}
END_TEST

static const char *const phones[] = { "home_phone", "mobile_phone",
	"work_phone", "other_phone", "fax_phone", NULL };

/* Each phone's note and safe flag as the client holds them, "|"-joined. */
static char *
stored_phones(const char *id)
{
	return sql_value(S("SELECT CONCAT_WS('|', IFNULL(p.home_phone_note, "
	    "'null'), p.home_phone_safe, IFNULL(p.mobile_phone_note, 'null'), "
	    "p.mobile_phone_safe, IFNULL(p.work_phone_note, 'null'), "
	    "p.work_phone_safe, IFNULL(p.other_phone_note, 'null'), "
	    "p.other_phone_safe, IFNULL(p.fax_phone_note, 'null'), "
	    "p.fax_phone_safe) FROM persons p JOIN cases c ON c.id = p.case_id "
	    "WHERE c.uuid = '%s'", id));
}

START_TEST(phone_notes_and_safe)
{
	char	*tag = unique("Lfh");
	char	 body[2048] = "";

	for (size_t i = 0; phones[i]; i++)
		snprintf(body + strlen(body), sizeof(body) - strlen(body),
		    "%s\"%s_note\":\"leave-a-message-%s\",\"%s_safe\":true",
		    i ? "," : "", phones[i], phones[i], phones[i]);
	char *id = new_matter(tag, body);
	char *plain = new_matter(tag, NULL);
	json_object *o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	json_object *p = must("GET", S("/api/v2/matters/%s", plain), NULL, 200);
	for (size_t i = 0; phones[i]; i++) {
		const char *safe[] = { S("%s_safe", phones[i]), NULL };
		json_object *v;
		ck_assert_str_eq(jget(o, S("data.%s_note", phones[i])),
		    S("leave-a-message-%s", phones[i]));
		assert_flags(o, safe, 1);
		assert_flags(p, safe, 0);
		ck_assert(json_object_object_get_ex(jfind(p, "data"),
		    S("%s_note", phones[i]), &v) && v == NULL);
		ck_assert_int_eq(has_column("persons", S("%s_note", phones[i])), 1);
		ck_assert_int_eq(has_column("cases", S("%s_safe", phones[i])), 0);
	}
	json_object_put(o);
	json_object_put(p);
	ck_assert_str_eq(stored_phones(id), "leave-a-message-home_phone|1|"
	    "leave-a-message-mobile_phone|1|leave-a-message-work_phone|1|"
	    "leave-a-message-other_phone|1|leave-a-message-fax_phone|1");
	ck_assert_str_eq(stored_phones(plain), "null|0|null|0|null|0|null|0|"
	    "null|0");

	/* Some changed, the others kept; %empty% and null clear a note. */
	o = must("PATCH", S("/api/v2/matters/%s", id), "{\"home_phone_safe\":"
	    "false,\"mobile_phone_note\":\"%empty%\",\"work_phone_note\":null,"
	    "\"other_phone_note\":\"after 5pm\"}", 200);
	ck_assert(!json_object_get_boolean(jfind(o, "data.home_phone_safe")));
	ck_assert_ptr_null(jfind(o, "data.mobile_phone_note"));
	ck_assert_ptr_null(jfind(o, "data.work_phone_note"));
	ck_assert_str_eq(jget(o, "data.other_phone_note"), "after 5pm");
	ck_assert_str_eq(jget(o, "data.home_phone_note"),
	    "leave-a-message-home_phone");
	json_object_put(o);
	const char *kept = "leave-a-message-home_phone|0|null|1|null|1|after 5pm|"
	    "1|leave-a-message-fax_phone|1";
	ck_assert_str_eq(stored_phones(id), kept);

	/* Too long or not text; a flag that is not a boolean: 400. */
	for (size_t i = 0; phones[i]; i++) {
		const char *bad_note[] = { S("\"%0256d\"", 0), "5", "true", "{}",
		    NULL };
		const char *bad_safe[] = { "\"yes\"", "null", "\"%empty%\"", "1",
		    NULL };
		for (size_t k = 0; bad_note[k]; k++)
			refused_both(tag, id, S("%s_note", phones[i]), bad_note[k]);
		for (size_t k = 0; bad_safe[k]; k++)
			refused_both(tag, id, S("%s_safe", phones[i]), bad_safe[k]);
	}
	ck_assert_str_eq(stored_phones(id), kept);
	ck_assert_int_eq(found(tag, "case_disposition=Open"), 2);
	json_object_put(must("PATCH", S("/api/v2/matters/%s", plain),
	    S("{\"fax_phone_note\":\"%0255d\"}", 0), 200));
	ck_assert_int_eq(atol(sql_value(S("SELECT CHAR_LENGTH(p.fax_phone_note) "
	    "FROM persons p JOIN cases c ON c.id = p.case_id WHERE c.uuid = '%s'",
	    plain))), 255);

	const struct want cases[] = {
		{ "home_phone_safe=false", 2 }, { "home_phone_safe=true", 0 },
		{ "mobile_phone_safe=true", 1 }, { "fax_phone_safe=1", 1 },
		{ "work_phone_safe=0", 1 },
		{ "home_phone_note=LEAVE-A-MESSAGE-HOME_PHONE", 1 },
		{ "other_phone_note=after%205pm", 1 },
		{ "mobile_phone_note=%25empty%25", 2 },
		{ "home_phone_note=%25empty%25", 1 },
		{ "other_phone_safe=true&home_phone_safe=true", 0 },
		{ NULL, 0 },
	};
	found_each(tag, cases);
	const char *bad[] = { "home_phone_safe=maybe",
	    "home_phone_safe=%25empty%25", "fax_phone_safe=2", NULL };
	search_refused(tag, bad);
}
END_TEST

/*
 * A case made through the LAA API without people: read as a matter, its
 * client's flags are false and matched by false, its notes and mailing
 * address null; a write of one makes the client, the other flags false.
 */
START_TEST(clientless_matter)
{
	char		*ext = unique("lfnone");
	struct hres	 r;

	http_json(&r, "POST", "/cases/", tok(), S("{\"case_type\":\"CLA\","
	    "\"external_id\":\"%s\",\"people\":[]}", ext));
	assert_status(&r, 201, "laa case");
	char *id = strdup(jget(r.json, "id"));
	hres_free(&r);
	ck_assert_str_eq(sql_value(S("SELECT COUNT(*) FROM persons p JOIN cases c "
	    "ON c.id = p.case_id WHERE c.uuid = '%s'", id)), "0");

	json_object *o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	for (size_t i = 0; phones[i]; i++) {
		const char *safe[] = { S("%s_safe", phones[i]), NULL };
		assert_flags(o, safe, 0);
		ck_assert_ptr_null(jfind(o, S("data.%s_note", phones[i])));
	}
	assert_flags(o, conflict_flags, 0);
	assert_keys(jfind(o, "data.client_address_mailing"), mailing_keys);
	ck_assert_ptr_null(jfind(o, "data.client_address_mailing.street"));
	json_object_put(o);
	struct { const char *q; long n; } cases[] = {
		{ "home_phone_safe=false", 1 }, { "fax_phone_safe=0", 1 },
		{ "home_phone_safe=true", 0 }, { "mailing_city=%25empty%25", 1 },
		{ "home_phone_note=%25empty%25", 1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		o = must("GET", S("/api/v2/matters?external_id=%s&%s", ext,
		    cases[i].q), NULL, 200);
		ck_assert_msg(atol(jget(o, "total_records")) == cases[i].n,
		    "%s: want %ld", cases[i].q, cases[i].n);
		json_object_put(o);
	}

	o = must("PATCH", S("/api/v2/matters/%s", id), "{\"work_phone_note\":"
	    "\"email only\",\"mailing_zip\":\"02108\"}", 200);
	ck_assert_str_eq(jget(o, "data.work_phone_note"), "email only");
	ck_assert_str_eq(jget(o, "data.client_address_mailing.zip"), "02108");
	json_object_put(o);
	ck_assert_str_eq(stored_phones(id), "null|0|null|0|email only|0|null|0|"
	    "null|0");
	o = must("GET", S("/api/v2/matters?external_id=%s&work_phone_safe=false",
	    ext), NULL, 200);
	ck_assert_int_eq(atol(jget(o, "total_records")), 1);
	json_object_put(o);
}
END_TEST

/* Every new field at once: a JSON body's text, and the fields it reads as. */
static char *
all_last_fields(const char *user_uuid)
{
	return S("\"prescreen_office\":{\"office_code\":\"WAU\"},"
	    "\"prescreen_program\":\"Elder Law Project\",\"prescreen_user\":\"%s\","
	    "\"mailing_street\":\"9 Elm St\",\"mailing_street_2\":\"Rear\","
	    "\"mailing_apt_num\":\"2B\",\"mailing_city\":\"Boston\","
	    "\"mailing_state\":\"MA\",\"mailing_zip\":\"02108\","
	    "\"client_conflict_status\":true,\"adverse_party_conflict_status\":true,"
	    "\"conflict_waived\":true,\"ap_conflict_waived\":true,"
	    "\"percentage_of_poverty\":133.33,\"home_phone_note\":\"h\","
	    "\"home_phone_safe\":true,\"mobile_phone_note\":\"m\","
	    "\"mobile_phone_safe\":true,\"work_phone_note\":\"w\","
	    "\"work_phone_safe\":true,\"other_phone_note\":\"o\","
	    "\"other_phone_safe\":true,\"fax_phone_note\":\"f\","
	    "\"fax_phone_safe\":true", user_uuid);
}

static const char *const last_read[] = { "prescreen_office",
	"prescreen_program", "prescreen_user", "client_address_mailing",
	"client_conflict_status", "adverse_party_conflict_status",
	"conflict_waived", "ap_conflict_waived", "percentage_of_poverty",
	"home_phone_note", "home_phone_safe", "mobile_phone_note",
	"mobile_phone_safe", "work_phone_note", "work_phone_safe",
	"other_phone_note", "other_phone_safe", "fax_phone_note",
	"fax_phone_safe", NULL };

/* data (a matter) holds what all_last_fields wrote. */
static void
assert_last_fields(json_object *o, const char *data, const char *user_uuid)
{
	ck_assert_str_eq(jget(o, S("%s.prescreen_office.office_code", data)),
	    "WAU");
	ck_assert_str_eq(jget(o, S("%s.prescreen_program.lookup_value_name",
	    data)), "Elder Law Project");
	ck_assert_str_eq(jget(o, S("%s.prescreen_user.user_uuid", data)),
	    user_uuid);
	ck_assert_str_eq(jget(o, S("%s.client_address_mailing.apt_num", data)),
	    "2B");
	ck_assert_str_eq(jget(o, S("%s.client_address_mailing.zip", data)),
	    "02108");
	ck_assert_str_eq(jplain(o, S("%s.percentage_of_poverty", data)),
	    "133.33");
	ck_assert_str_eq(jget(o, S("%s.fax_phone_note", data)), "f");
	for (size_t i = 4; last_read[i]; i++) {
		json_object *v = jfind(o, S("%s.%s", data, last_read[i]));
		if (json_object_is_type(v, json_type_boolean))
			ck_assert_msg(json_object_get_boolean(v), "%s",
			    last_read[i]);
	}
	ck_assert(json_object_get_boolean(jfind(o, S("%s.other_phone_safe",
	    data))));
}

START_TEST(last_fields_custom_results)
{
	char	*tag = unique("Lfj");
	char	*uid, *uuid = new_user("Emmy", "Noether", &uid);
	char	*id = new_matter(tag, all_last_fields(uuid));
	char	 list[1024] = "";
	const char *keys[32] = { "matter_uuid" };
	size_t	 n = 1;

	for (size_t i = 0; last_read[i]; i++) {
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
		    i ? "," : "", last_read[i]);
		keys[n++] = last_read[i];
	}
	keys[n] = NULL;
	(void)new_matter(tag, NULL);

	/* A search page, comma-separated and as a JSON array in a body. */
	json_object *o = must("GET", S("/api/v2/matters?last=%s&"
	    "client_conflict_status=true&custom_results=%s", tag, list), NULL, 200);
	ck_assert_int_eq(atol(jget(o, "total_records")), 1);
	assert_keys(jfind(o, "data.0"), keys);
	assert_last_fields(o, "data.0", uuid);
	json_object_put(o);
	o = must("GET", "/api/v2/matters", S("{\"last\":\"%s\",\"prescreen_user\":"
	    "%s,\"custom_results\":[\"percentage_of_poverty\","
	    "\"client_address_mailing\"]}", tag, uid), 200);
	ck_assert_int_eq(atol(jget(o, "total_records")), 1);
	const char *two[] = { "matter_uuid", "percentage_of_poverty",
	    "client_address_mailing", NULL };
	assert_keys(jfind(o, "data.0"), two);
	ck_assert_str_eq(jget(o, "data.0.client_address_mailing.city"), "Boston");
	json_object_put(o);

	/* One matter's GET. */
	o = must("GET", S("/api/v2/matters/%s?custom_results=%s", id, list), NULL,
	    200);
	assert_keys(jfind(o, "data"), keys);
	assert_last_fields(o, "data", uuid);
	json_object_put(o);

	/* A write's answer. */
	o = must("PATCH", S("/api/v2/matters/%s", id), "{\"percentage_of_poverty\":"
	    "75,\"custom_results\":[\"percentage_of_poverty\",\"prescreen_user\"]}",
	    200);
	const char *pw[] = { "matter_uuid", "percentage_of_poverty",
	    "prescreen_user", NULL };
	assert_keys(jfind(o, "data"), pw);
	ck_assert_str_eq(jplain(o, "data.percentage_of_poverty"), "75.00");
	ck_assert_str_eq(jget(o, "data.prescreen_user.user_name"), "Emmy Noether");
	json_object_put(o);

	/* The write-only parts are not results. */
	struct hres r;
	http_json(&r, "GET", S("/api/v2/matters?last=%s&custom_results="
	    "mailing_city", tag), tok(), NULL);
	assert_status(&r, 400, "write-only in custom_results");
	ck_assert_ptr_nonnull(jfind(r.json, "invalid search values"));
	hres_free(&r);
}
END_TEST

START_TEST(last_fields_upsert)
{
	char	*tag = unique("Lfw");
	char	*uid, *uuid = new_user("Ada", "Lovelace", &uid);
	char	*id = new_matter(tag, NULL);
	struct hres r;

	/* update_data. */
	json_object *o = must("POST", "/api/v2/matters", S("{\"update\":"
	    "{\"last\":\"%s\"},\"update_data\":{%s}}", tag, all_last_fields(uuid)),
	    200);
	ck_assert_str_eq(jget(o, "data.matter_uuid"), id);
	assert_last_fields(o, "data", uuid);
	json_object_put(o);

	/* The top-level fields, found by the new filters. */
	o = must("POST", "/api/v2/matters", S("{\"update\":{\"last\":\"%s\","
	    "\"prescreen_office\":\"Waukegan Office\",\"conflict_waived\":true,"
	    "\"mailing_zip\":\"02108\",\"fax_phone_safe\":true},"
	    "\"percentage_of_poverty\":88.8,\"home_phone_safe\":false,"
	    "\"prescreen_user\":null}", tag), 200);
	ck_assert_str_eq(jget(o, "data.matter_uuid"), id);
	ck_assert_str_eq(jplain(o, "data.percentage_of_poverty"), "88.80");
	ck_assert(!json_object_get_boolean(jfind(o, "data.home_phone_safe")));
	ck_assert_ptr_null(jfind(o, "data.prescreen_user.user_id"));
	ck_assert_str_eq(jget(o, "data.mobile_phone_note"), "m");
	json_object_put(o);

	/* Bad values and unknown keys in update_data: 400, nothing changed. */
	http_json(&r, "POST", "/api/v2/matters", tok(), S("{\"update\":{\"last\":"
	    "\"%s\"},\"update_data\":{\"percentage_of_poverty\":-5}}", tag));
	assert_ls400(&r, "invalid_values", "update_data.percentage_of_poverty");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/matters", tok(), S("{\"update\":{\"last\":"
	    "\"%s\"},\"update_data\":{\"prescreen_office\":\"Atlantis\"}}", tag));
	assert_ls400(&r, "invalid_values", "update_data.prescreen_office");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/matters", tok(), S("{\"update\":{\"last\":"
	    "\"%s\"},\"update_data\":{\"home_phone_safety\":true}}", tag));
	assert_ls400(&r, "invalid_parameters", "update_data.home_phone_safety");
	hres_free(&r);
	ck_assert_str_eq(stored_poverty(id), "88.80");
	ck_assert_str_eq(matter_value(id, "prescreen_office.office_code"), "WAU");

	/* No match: a create from the top-level fields. */
	char *tag2 = unique("Lfw");
	o = must("POST", "/api/v2/matters", S("{\"update\":{\"last\":\"%s\"},"
	    "\"first\":\"Ira\",\"last\":\"%s\",\"case_disposition\":\"Open\",%s}",
	    tag2, tag2, all_last_fields(uuid)), 201);
	ck_assert_msg(strcmp(jget(o, "data.matter_uuid"), id) != 0, "same matter");
	assert_last_fields(o, "data", uuid);
	json_object_put(o);
	ck_assert_int_eq(found(tag2, "percentage_of_poverty=133.33"), 1);
}
END_TEST

START_TEST(last_fields_laa_face)
{
	char	*tag = unique("Lfb");
	char	*uid, *uuid = new_user("Hedy", "Lamarr", &uid);
	char	*id = new_matter(tag, "\"home_phone\":\"312 555 0100\"");
	json_object *before = laa_face(id);

	json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
	    S("{%s}", all_last_fields(uuid)), 200));

	/* The LAA face: the same keys and values; only updated_at moved. */
	json_object *after = laa_face(id);
	ck_assert_msg(json_object_equal(before, after), "%s -> %s",
	    json_object_to_json_string(before), json_object_to_json_string(after));
	const char *absent[] = { "prescreen_office", "percentage_of_poverty",
	    "client_address_mailing", "conflict_waived", "people.0.mailing_street",
	    "people.0.home_phone_note", "people.0.home_phone_safe",
	    "people.0.client_address_mailing", NULL };
	for (size_t i = 0; absent[i]; i++)
		ck_assert_msg(jfind(after, absent[i]) == NULL, "%s", absent[i]);
	ck_assert_str_eq(jget(after, "people.0.phone_number"), "312 555 0100");
	json_object_put(after);
	json_object_put(before);

	/* The history row of that write names each change. */
	json_object *h = history_changed(id, last_read);
	ck_assert_str_eq(jget(h, "1.changes.prescreen_user.to.user_uuid"), uuid);
	ck_assert_str_eq(jget(h, "1.changes.client_address_mailing.to.city"),
	    "Boston");
	ck_assert_ptr_null(jfind(h, "1.changes.client_address_mailing.from.city"));
	json_object_put(h);

	/* A write through the LAA face keeps them. */
	laa_note(id);
	json_object *o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	assert_last_fields(o, "data", uuid);
	json_object_put(o);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("ls_fields");
	TCase *t = tcase_create("fields");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, intake_office_forms);
	tcase_add_test(t, intake_program_forms);
	tcase_add_test(t, intake_user_forms);
	tcase_add_test(t, prescreen_office_forms);
	tcase_add_test(t, prescreen_program_forms);
	tcase_add_test(t, prescreen_user_forms);
	tcase_add_test(t, scalar_fields);
	tcase_add_test(t, search_new_filters);
	tcase_add_test(t, laa_face_and_history);
	tcase_add_test(t, renames_drop_stored_documents);
	tcase_add_test(t, prescreen_renames_drop_documents);
	tcase_add_test(t, more_lookup_fields);
	tcase_add_test(t, more_lookup_tables);
	tcase_add_test(t, more_scalar_fields);
	tcase_add_test(t, more_search_filters);
	tcase_add_test(t, more_fields_laa_face);
	tcase_add_test(t, prescreen_apart_from_intake);
	tcase_add_test(t, mailing_address);
	tcase_add_test(t, conflict_flags_and_poverty);
	tcase_add_test(t, phone_notes_and_safe);
	tcase_add_test(t, clientless_matter);
	tcase_add_test(t, last_fields_custom_results);
	tcase_add_test(t, last_fields_upsert);
	tcase_add_test(t, last_fields_laa_face);
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
