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

START_TEST(intake_office_forms)
{
	char	*tag = unique("Lfo");
	char	*id = new_matter(tag, NULL);
	char	*chi = sql_value("SELECT id FROM offices WHERE office_code = 'CHI'");
	char	*bos = sql_value("SELECT id FROM offices WHERE office_code = 'BOS'");
	char	*bos_uuid = sql_value("SELECT uuid FROM offices WHERE "
	    "office_code = 'BOS'");

	/* Unset: an object of null members, never null itself. */
	json_object *o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	assert_keys(jfind(o, "data.intake_office"), office_keys);
	for (size_t i = 0; office_keys[i]; i++)
		ck_assert_ptr_null(jfind(o, S("data.intake_office.%s",
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
		    S("{\"intake_office\":%s}", forms[i].in), 200);
		assert_keys(jfind(o, "data.intake_office"), office_keys);
		ck_assert_msg(strcmp(jget(o, "data.intake_office.office_code"),
		    forms[i].code) == 0, "%s: %s", forms[i].in,
		    json_object_to_json_string(o));
		json_object_put(o);
	}
	/* Read back in full; the object as read is accepted as input. */
	o = must("PATCH", S("/api/v2/matters/%s", id), S("{\"intake_office\":"
	    "{\"office_id\":%s,\"office_uuid\":\"%s\",\"office_code\":\"BOS\","
	    "\"office_name\":\"Boston Office\"}}", bos, bos_uuid), 200);
	ck_assert_str_eq(jget(o, "data.intake_office.office_id"), bos);
	ck_assert_str_eq(jget(o, "data.intake_office.office_uuid"), bos_uuid);
	ck_assert_str_eq(jget(o, "data.intake_office.office_name"), "Boston Office");
	ck_assert(json_object_is_type(jfind(o, "data.intake_office.office_id"),
	    json_type_int));
	json_object_put(o);
	ck_assert_str_eq(sql_value(S("SELECT intake_office_id FROM cases WHERE "
	    "uuid = '%s'", id)), bos);

	/* Unknown offices and wrong types: 400 invalid_values, nothing kept. */
	char *code, *gone = new_office(&code);
	ck_assert_int_eq(sql(S("UPDATE offices SET active = 0 WHERE "
	    "office_code = '%s'", code)), 0);
	const char *bad[] = { "\"Atlantis Office\"", "999999999",
	    "{\"office_code\":\"ZZZZ\"}", "{\"office_name\":\"Nowhere\"}",
	    "{\"office_id\":999999999}", "{\"office_id\":\"CHI\"}",
	    "{\"office_uuid\":\"x\"}", "{}", "true", "[1]", "1.5", "\"\"",
	    S("\"%s\"", gone), S("{\"office_code\":\"%s\"}", code), NULL };
	for (size_t i = 0; bad[i]; i++) {
		struct hres r;
		refused(id, "intake_office", bad[i]);
		http_json(&r, "POST", "/api/v2/matters", tok(), S("{\"first\":"
		    "\"Ira\",\"last\":\"%s\",\"case_disposition\":\"Open\","
		    "\"intake_office\":%s}", tag, bad[i]));
		assert_ls400(&r, "invalid_values", "intake_office");
		hres_free(&r);
	}
	ck_assert_str_eq(matter_value(id, "intake_office.office_code"), "BOS");
	/* The refused creates made nothing: one matter has the tag. */
	ck_assert_int_eq(found(tag, "case_disposition=Open"), 1);

	/* %empty% and null clear it. */
	const char *clear[] = { "\"%empty%\"", "null" };
	for (size_t i = 0; i < 2; i++) {
		json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
		    "{\"intake_office\":\"Statewide Hotline\"}", 200));
		ck_assert_str_eq(matter_value(id, "intake_office.office_code"),
		    "HOT");
		json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
		    S("{\"intake_office\":%s}", clear[i]), 200));
		ck_assert_ptr_null(matter_value(id, "intake_office.office_id"));
	}
}
END_TEST

/* ------------------------------------------------------------ program */

START_TEST(intake_program_forms)
{
	char	*tag = unique("Lfp");
	char	*id = new_matter(tag, "\"intake_program\":\"Housing Unit\"");
	json_object *o;

	ck_assert_str_eq(matter_value(id, "intake_program.lookup_value_name"),
	    "Housing Unit");
	ck_assert_str_eq(matter_value(id, "intake_program.lookup_type_table_name"),
	    "program");
	ck_assert_str_eq(matter_value(id, "intake_program.lookup_type_name"),
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
		    "{\"intake_program\":\"Elder Law Project\"}", 200));
		o = must("PATCH", S("/api/v2/matters/%s", id),
		    S("{\"intake_program\":%s}", forms[i]), 200);
		ck_assert_msg(strcmp(jget(o, "data.intake_program.lookup_value_id"),
		    fam_id) == 0, "%s: %s", forms[i], json_object_to_json_string(o));
		ck_assert_str_eq(jget(o, "data.intake_program.lookup_value_uuid"),
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
		refused(id, "intake_program", bad[i]);
	ck_assert_str_eq(matter_value(id, "intake_program.lookup_value_name"),
	    "Family Law Unit");
	json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
	    "{\"intake_program\":\"%empty%\"}", 200));
	ck_assert_ptr_null(matter_value(id, "intake_program.lookup_value_id"));
}
END_TEST

/* ------------------------------------------------------------ user */

START_TEST(intake_user_forms)
{
	char	*tag = unique("Lfu");
	char	*uid, *uuid = new_user("Ada", "Byron", &uid);
	char	*id = new_matter(tag, S("\"intake_user\":\"%s\"", uuid));
	json_object *o;

	o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	assert_keys(jfind(o, "data.intake_user"), user_keys);
	ck_assert_str_eq(jget(o, "data.intake_user.user_uuid"), uuid);
	ck_assert_str_eq(jget(o, "data.intake_user.user_id"), uid);
	ck_assert_str_eq(jget(o, "data.intake_user.user_name"), "Ada Byron");
	json_object_put(o);

	char *oid, *other = new_user("Alan", "Turing", &oid);
	const char *forms[] = { oid, S("\"%s\"", other),
	    S("{\"user_uuid\":\"%s\"}", other), S("{\"user_id\":%s}", oid) };
	for (size_t i = 0; i < 4; i++) {
		json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
		    S("{\"intake_user\":%s}", uid), 200));
		o = must("PATCH", S("/api/v2/matters/%s", id),
		    S("{\"intake_user\":%s}", forms[i]), 200);
		ck_assert_msg(strcmp(jget(o, "data.intake_user.user_uuid"), other)
		    == 0, "%s: %s", forms[i], json_object_to_json_string(o));
		ck_assert_str_eq(jget(o, "data.intake_user.user_name"), "Alan Turing");
		json_object_put(o);
	}

	char u[37];
	snprintf(u, sizeof(u), "%s", "00000000-0000-4000-8000-000000000000");
	const char *bad[] = { S("\"%s\"", u), "999999999",
	    S("{\"user_uuid\":\"%s\"}", u), "{\"user_id\":999999999}",
	    "{\"user_id\":\"Alan\"}", "\"not-a-uuid\"",
	    S("{\"login\":\"%s\"}", "admin"), "false", "{}", "[1]", NULL };
	for (size_t i = 0; bad[i]; i++)
		refused(id, "intake_user", bad[i]);
	ck_assert_str_eq(matter_value(id, "intake_user.user_uuid"), other);
	json_object_put(must("PATCH", S("/api/v2/matters/%s", id),
	    "{\"intake_user\":null}", 200));
	o = must("GET", S("/api/v2/matters/%s", id), NULL, 200);
	assert_keys(jfind(o, "data.intake_user"), user_keys);
	ck_assert_ptr_null(jfind(o, "data.intake_user.user_id"));
	ck_assert_ptr_null(jfind(o, "data.intake_user.user_name"));
	json_object_put(o);
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
	struct { const char *key; int want; } flags[] = {
		{ "veteran", 1 }, { "disabled", 0 }, { "rejected", 1 },
		{ "impact", 1 }, { "is_this_a_prescreen", 1 },
	};
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		json_object *v = jfind(o, S("data.%s", flags[i].key));
		ck_assert_msg(json_object_is_type(v, json_type_boolean) &&
		    json_object_get_boolean(v) == flags[i].want, "%s: %s",
		    flags[i].key, json_object_to_json_string(o));
	}
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
	struct { const char *q; long n; } cases[] = {
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
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(found(tag, cases[i].q) == cases[i].n, "%s: want %ld",
		    cases[i].q, cases[i].n);

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
	struct hres r;

	http_json(&r, "GET", S("/cases/%s", id), tok(), NULL);
	assert_status(&r, 200, "laa before");
	json_object *before = json_object_get(r.json);
	hres_free(&r);

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
	http_json(&r, "GET", S("/cases/%s", id), tok(), NULL);
	assert_status(&r, 200, "laa after");
	json_object *docs[] = { before, r.json };
	for (size_t i = 0; i < 2; i++) {
		json_object_object_del(docs[i], "updated_at");
		json_object_object_del(jfind(docs[i], "people.0"), "updated_at");
	}
	ck_assert_msg(json_object_equal(before, r.json), "%s -> %s",
	    json_object_to_json_string(before), r.body);
	ck_assert_ptr_null(jfind(r.json, "intake_office"));
	ck_assert_ptr_null(jfind(r.json, "people.0.prefix"));
	ck_assert_str_eq(jget(r.json, "people.0.name"), S("Ira %s", tag));
	hres_free(&r);
	json_object_put(before);

	/* The history row of that write shows the new fields' changes. */
	http_json(&r, "GET", S("/cases/%s/history", id), tok(), NULL);
	assert_status(&r, 200, "history");
	ck_assert_int_eq(json_object_array_length(r.json), 2);
	ck_assert_str_eq(jget(r.json, "1.action"), "update");
	ck_assert_ptr_null(jfind(r.json, "1.changes.intake_office.from.office_id"));
	ck_assert_str_eq(jget(r.json, "1.changes.intake_office.to.office_code"),
	    "WAU");
	ck_assert_str_eq(jget(r.json, "1.changes.intake_user.to.user_uuid"), uuid);
	ck_assert_str_eq(jget(r.json,
	    "1.changes.intake_program.to.lookup_value_name"), "Housing Unit");
	const char *changed[] = { "prefix", "suffix", "veteran", "disabled",
	    "rejected", "rejection_reason", "intake_type", "close_reason",
	    "impact", "is_this_a_prescreen", NULL };
	for (size_t i = 0; changed[i]; i++)
		ck_assert_msg(jfind(r.json, S("1.changes.%s.to", changed[i])) != NULL,
		    "%s not in %s", changed[i], r.body);
	ck_assert_ptr_null(jfind(r.json, "1.changes.first"));
	hres_free(&r);

	/* A write through the LAA face keeps them. */
	http_json(&r, "PATCH", S("/cases/%s", id), tok(), "{\"notes\":[{"
	    "\"note_type\":\"Provider\",\"content\":\"seen\"}]}");
	assert_status(&r, 200, "laa patch");
	hres_free(&r);
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

START_TEST(renames_drop_stored_documents)
{
	char	*tag = unique("Lfd");
	char	*uid, *uuid = new_user("Kate", "Sheppard", &uid);
	char	*code, *office = new_office(&code);
	char	*id = new_matter(tag, S("\"intake_user\":%s,\"intake_office\":"
	    "{\"office_code\":\"%s\"}", uid, code));
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
	ck_assert_str_eq(matter_value(id, "intake_user.user_name"),
	    "Katherine Sheppard");

	/* The same through the token family's /users. */
	doc_set(id);
	http_json(&r, "PATCH", S("/users/%s", uuid), adm(),
	    "{\"full_name\":\"Kate Wilson Sheppard\"}");
	assert_status(&r, 200, "token patch");
	hres_free(&r);
	ck_assert(!has_doc(id));
	ck_assert_str_eq(matter_value(id, "intake_user.user_name"),
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
	ck_assert_str_eq(matter_value(id, "intake_office.office_name"), renamed);

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
	tcase_add_test(t, scalar_fields);
	tcase_add_test(t, search_new_filters);
	tcase_add_test(t, laa_face_and_history);
	tcase_add_test(t, renames_drop_stored_documents);
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
