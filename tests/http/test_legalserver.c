/*
 * The LegalServer Core API surface over HTTP: /api/v2/matters (create,
 * disposition defaults, get with and without a trailing slash, patch,
 * search with the spec's filters, %empty%, paging envelope, custom_results
 * in every form, upsert with update and update_data), one record through
 * both APIs (create on each face, read and update through the other, search
 * both, history rows for every write), every error shape of spec section 7
 * with nothing changed, permissions (another organisation's matter, a
 * limited token, a non-premium organisation). Every matter made here has a
 * unique tag as its client's last name, and searches filter on it.
 */
#include <check.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client.h"

#define PW	"pw-secret-legalserver-01"

static const char *const env_keys[] = {
	"page_number", "page_size", "total_number_of_pages", "total_records",
	"authorized_records", "data", NULL
};

static const char *const lookup_keys[] = {
	"lookup_value_id", "lookup_value_name", "lookup_value_uuid",
	"lookup_type_name", "lookup_type_table_name", "lookup_type_custom",
	"lookup_type_uuid", NULL
};

/* A premium organisation's user with every case scope (made once). */
static const char *
tok_p(void)
{
	static char *t;
	if (t == NULL)
		t = make_user_token(PW, "read,create,update,delete",
		    make_org(1), 0);
	return t;
}

static char *
today(void)
{
	char b[11];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(b, sizeof(b), "%Y-%m-%d", &tm);
	return strdup(b);
}

/* POST /api/v2/matters that must give 201; returns the matter's uuid. */
static char *
create_matter(const char *tok, const char *body)
{
	struct hres r;

	http_json(&r, "POST", "/api/v2/matters", tok, body);
	ck_assert_msg(r.status == 201, "create: %ld %s (%s)", r.status, r.body,
	    body);
	char *id = strdup(jget(r.json, "data.matter_uuid"));
	hres_free(&r);
	return id;
}

static char *
simple_matter(const char *tok, const char *first, const char *last,
    const char *disp)
{
	return create_matter(tok, S("{\"first\":\"%s\",\"last\":\"%s\","
	    "\"case_disposition\":\"%s\"}", first, last, disp));
}

static void
assert_status(const struct hres *r, long want, const char *what)
{
	ck_assert_msg(r->status == want, "%s: want %ld, got %ld %s", what, want,
	    r->status, r->body);
}

static void
assert_env(const struct hres *r, long pn, long ps, long pages, long total,
    long authorized, size_t ndata)
{
	assert_status(r, 200, "search");
	assert_keys(r->json, env_keys);
	ck_assert_msg(atol(jget(r->json, "page_number")) == pn &&
	    atol(jget(r->json, "page_size")) == ps &&
	    atol(jget(r->json, "total_number_of_pages")) == pages &&
	    atol(jget(r->json, "total_records")) == total &&
	    atol(jget(r->json, "authorized_records")) == authorized &&
	    json_object_array_length(jfind(r->json, "data")) == ndata,
	    "envelope: want %ld/%ld/%ld/%ld/%ld/%zu, got %s", pn, ps, pages, total,
	    authorized, ndata, r->body);
}

static void
assert_uuids(const struct hres *r, size_t n, ...)
{
	va_list ap;

	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		const char *want = va_arg(ap, const char *);
		const char *got = jget(r->json, S("data.%zu.matter_uuid", i));
		ck_assert_msg(got && strcmp(got, want) == 0, "record %zu: want %s: %s",
		    i, want, r->body);
	}
	va_end(ap);
}

static long
count_last(const char *tok, const char *last)
{
	struct hres r;
	http_json(&r, "GET", S("/api/v2/matters?last=%s", last), tok, NULL);
	assert_status(&r, 200, "count");
	long n = atol(jget(r.json, "total_records"));
	hres_free(&r);
	return n;
}

/* ------------------------------------------------------------ matters */

START_TEST(matter_create_and_get)
{
	struct hres	 r;
	char		*tag = unique("Lsc"), *d = today();
	char		*id = create_matter(tok_p(), S("{\"first\":\"Ana\","
	    "\"middle\":\"Maria\",\"last\":\"%s\",\"case_disposition\":\"Open\","
	    "\"date_of_birth\":\"1980-02-29\",\"client_email_address\":"
	    "\"ana@example.org\",\"home_phone\":\"312-555-0100\",\"mobile_phone\":"
	    "\"312 555 0101\",\"home_street\":\"1 Main St\",\"home_city\":"
	    "\"Chicago\",\"home_state\":\"IL\",\"home_zip\":\"60601\","
	    "\"legal_problem_code\":{\"lookup_value_name\":"
	    "\"63 Private Landlord/Tenant\"},\"language\":\"Spanish\","
	    "\"case_title\":\"Ana v. Landlord\",\"cause_number\":\"2024-CV-1\"}",
	    tag));

	/* Exactly 200, with and without a trailing slash and a query. */
	const char *paths[] = { S("/api/v2/matters/%s", id),
	    S("/api/v2/matters/%s/", id), S("/api/v2/matters/%s/?", id) };
	for (size_t i = 0; i < 3; i++) {
		http_json(&r, "GET", paths[i], tok_p(), NULL);
		assert_status(&r, 200, paths[i]);
		ck_assert_int_eq(json_object_object_length(r.json), 1);
		ck_assert_str_eq(jget(r.json, "data.matter_uuid"), id);
		if (i < 2)
			hres_free(&r);
	}
	json_object *m = jfind(r.json, "data");
	ck_assert_str_eq(jget(m, "first"), "Ana");
	ck_assert_str_eq(jget(m, "middle"), "Maria");
	ck_assert_str_eq(jget(m, "last"), tag);
	ck_assert_str_eq(jget(m, "client_full_name"), S("Ana Maria %s", tag));
	ck_assert_str_eq(jget(m, "date_of_birth"), "1980-02-29");
	ck_assert_str_eq(jget(m, "client_email_address"), "ana@example.org");
	ck_assert_str_eq(jget(m, "home_phone"), "312-555-0100");
	ck_assert_str_eq(jget(m, "client_address_home.street"), "1 Main St");
	ck_assert_str_eq(jget(m, "client_address_home.city"), "Chicago");
	ck_assert_str_eq(jget(m, "client_address_home.zip"), "60601");
	ck_assert_str_eq(jget(m, "case_title"), "Ana v. Landlord");
	ck_assert(json_object_is_type(jfind(m, "case_id"), json_type_int));
	ck_assert_msg(strlen(jget(m, "case_number")) == 10 &&
	    jget(m, "case_number")[2] == '-', "case_number %s",
	    jget(m, "case_number"));
	/* Lookups are objects; unset ones too, never null. */
	assert_keys(jfind(m, "case_disposition"), lookup_keys);
	ck_assert_str_eq(jget(m, "case_disposition.lookup_value_name"), "Open");
	ck_assert_str_eq(jget(m, "case_disposition.lookup_type_table_name"),
	    "case_disposition");
	ck_assert_str_eq(jget(m, "legal_problem_code.lookup_value_name"),
	    "63 Private Landlord/Tenant");
	ck_assert_str_eq(jget(m, "language.lookup_value_name"), "Spanish");
	const char *never_null[] = { "intake_program", "prescreen_screening_status",
	    "legal_problem_category", "client_gender" };
	for (size_t i = 0; i < 4; i++) {
		assert_keys(jfind(m, never_null[i]), lookup_keys);
		ck_assert_ptr_null(jfind(m, S("%s.lookup_value_name",
		    never_null[i])));
	}
	/* Open: opened and taken in today, not closed. */
	ck_assert_str_eq(jget(m, "date_opened"), d);
	ck_assert_str_eq(jget(m, "intake_date"), d);
	ck_assert_ptr_null(jfind(m, "date_closed"));
	/* Write-only parts are not echoed. */
	ck_assert(!json_object_object_get_ex(m, "home_street", NULL));
	hres_free(&r);

	/* The same record through the LAA case API. */
	http_json(&r, "GET", S("/cases/%s", id), tok_p(), NULL);
	assert_status(&r, 200, "case");
	ck_assert_str_eq(jget(r.json, "people.0.name"), S("Ana Maria %s", tag));
	ck_assert_str_eq(jget(r.json, "people.0.email"), "ana@example.org");
	ck_assert_str_eq(jget(r.json, "people.0.date_of_birth"), "1980-02-29");
	ck_assert_str_eq(jget(r.json, "people.0.phone_number"), "312-555-0100");
	ck_assert_str_eq(jget(r.json, "people.0.postcode"), "60601");
	ck_assert_str_eq(jget(r.json, "people.0.address"), "1 Main St, Chicago, IL");
	ck_assert_str_eq(jget(r.json, "case_type"), "CLA");
	hres_free(&r);
	http_json(&r, "GET", S("/v1/cases/%s", id), tok_p(), NULL);
	assert_status(&r, 200, "case v1");
	ck_assert_str_eq(jget(r.json, "people.0.name"), S("Ana Maria %s", tag));
	hres_free(&r);
}
END_TEST

START_TEST(matter_dispositions)
{
	struct hres	 r;
	char		*tag = unique("Lsd"), *d = today();
	char		*id = create_matter(tok_p(), S("{\"first\":\"B\",\"last\":"
	    "\"%s\",\"case_disposition\":\"Closed\",\"date_opened\":"
	    "\"2020-01-02\"}", tag));

	http_json(&r, "GET", S("/api/v2/matters/%s", id), tok_p(), NULL);
	ck_assert_str_eq(jget(r.json, "data.date_opened"), "2020-01-02");
	ck_assert_str_eq(jget(r.json, "data.date_closed"), d);
	ck_assert_str_eq(jget(r.json, "data.intake_date"), d);
	hres_free(&r);
	/* Reopened: the closing date goes, the opening date stays. */
	http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok_p(),
	    "{\"case_disposition\":\"Open\"}");
	assert_status(&r, 200, "reopen");
	ck_assert_ptr_null(jfind(r.json, "data.date_closed"));
	ck_assert_str_eq(jget(r.json, "data.date_opened"), "2020-01-02");
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok_p(),
	    "{\"case_disposition\":{\"lookup_value_name\":\"Rejected\"}}");
	assert_status(&r, 200, "reject");
	ck_assert_str_eq(jget(r.json, "data.date_rejected"), d);
	hres_free(&r);
	/* Group clients: organization_name instead of first and last. */
	http_json(&r, "POST", "/api/v2/matters", tok_p(), S("{\"is_group\":true,"
	    "\"organization_name\":\"Tenants %s\",\"case_disposition\":"
	    "\"Pending\"}", tag));
	assert_status(&r, 201, "group");
	ck_assert_str_eq(jget(r.json, "data.client_full_name"), S("Tenants %s",
	    tag));
	ck_assert_str_eq(jget(r.json, "data.intake_date"), d);
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/matters", tok_p(), "{\"is_group\":true,"
	    "\"case_disposition\":\"Pending\"}");
	assert_ls400(&r, "missing_arguments", "organization_name");
	hres_free(&r);
}
END_TEST

START_TEST(matter_patch_and_lookup_forms)
{
	struct hres	 r;
	char		*tag = unique("Lsp");
	char		*id = simple_matter(tok_p(), "Carl", tag, "Open");

	/* Every lookup input form. */
	http_json(&r, "GET", "/api/v2/matters?case_disposition=Pending&"
	    "custom_results=[\"case_disposition\"]&page_size=1", tok_p(), NULL);
	hres_free(&r);
	const char *forms[] = { "\"Female\"", "{\"lookup_value_name\":\"Male\"}",
	    NULL, NULL, NULL, NULL };
	for (size_t i = 0; forms[i]; i++) {
		http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok_p(),
		    S("{\"client_gender\":%s}", forms[i]));
		assert_status(&r, 200, forms[i]);
		if (i == 1) {
			const char *gid = jget(r.json,
			    "data.client_gender.lookup_value_id");
			const char *guuid = jget(r.json,
			    "data.client_gender.lookup_value_uuid");
			forms[2] = S("%s", gid);
			forms[3] = S("{\"lookup_value_uuid\":\"%s\"}", guuid);
			forms[4] = S("{\"lookup_value_id\":%s}", gid);
		}
		if (i >= 1)
			ck_assert_str_eq(jget(r.json,
			    "data.client_gender.lookup_value_name"), "Male");
		hres_free(&r);
	}
	/* A whole lookup object as read is accepted back. */
	http_json(&r, "GET", S("/api/v2/matters/%s", id), tok_p(), NULL);
	char *obj = strdup(jplain(r.json, "data.client_gender"));
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok_p(),
	    S("{\"client_gender\":%s,\"county_of_residence\":\"Cook\"}", obj));
	assert_status(&r, 200, "object back");
	ck_assert_str_eq(jget(r.json, "data.county_of_residence.lookup_value_FIPS"),
	    "17031");
	hres_free(&r);
	/* %empty% clears a nullable field. */
	http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok_p(),
	    "{\"client_gender\":\"%empty%\",\"case_title\":\"T\",\"middle\":\"Q\"}");
	assert_status(&r, 200, "empty");
	ck_assert_ptr_null(jfind(r.json, "data.client_gender.lookup_value_id"));
	ck_assert_str_eq(jget(r.json, "data.client_full_name"), S("Carl Q %s", tag));
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok_p(),
	    "{\"case_title\":\"%empty%\"}");
	ck_assert_ptr_null(jfind(r.json, "data.case_title"));
	ck_assert_str_eq(jget(r.json, "data.first"), "Carl");
	hres_free(&r);
	/* custom_results on a write and on a get. */
	http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok_p(),
	    "{\"case_status\":\"Active\",\"custom_results\":[\"case_status\"]}");
	assert_status(&r, 200, "custom write");
	assert_keys(jfind(r.json, "data"), (const char *const[]){ "matter_uuid",
	    "case_status", NULL });
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters/%s/?custom_results=[\"first\","
	    "\"last\"]", id), tok_p(), NULL);
	assert_status(&r, 200, "custom get");
	assert_keys(jfind(r.json, "data"), (const char *const[]){ "matter_uuid",
	    "first", "last", NULL });
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ one record */

/* How many matters, of this test's case (external_id tag), a search finds. */
static long
matters_found(const char *tag, const char *filter)
{
	struct hres	 r;

	http_json(&r, "GET", S("/api/v2/matters?external_id=%s&%s", tag, filter),
	    tok_p(), NULL);
	assert_status(&r, 200, filter);
	long n = atol(jget(r.json, "total_records"));
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "data")), n);
	hres_free(&r);
	return n;
}

static void
assert_client(const char *id, const char *first)
{
	struct hres	 r;

	http_json(&r, "GET", S("/api/v2/matters/%s", id), tok_p(), NULL);
	assert_status(&r, 200, "matter");
	if (first == NULL)
		ck_assert_ptr_null(jfind(r.json, "data.first"));
	else
		ck_assert_str_eq(jget(r.json, "data.first"), first);
	hres_free(&r);
}

/*
 * The matter's client is the case's first person until it is deleted, then
 * the next; people added later are not the client; a matter write changes
 * the client, or makes one for a case with none. Read and search agree.
 */
START_TEST(matter_client_follows_people)
{
	struct hres	 r;
	char		*tag = unique("Lsc");

	http_json(&r, "POST", "/cases/", tok_p(), S("{\"case_type\":\"CLA\","
	    "\"external_id\":\"%s\",\"people\":[{\"name\":\"Ann One %s\","
	    "\"date_of_birth\":\"1971-01-01\",\"address\":null,\"email\":null},"
	    "{\"name\":\"Bob Two %s\",\"date_of_birth\":\"1972-02-02\","
	    "\"address\":null,\"email\":null}]}", tag, tag, tag));
	assert_status(&r, 201, "case");
	char *id = strdup(jget(r.json, "id"));
	char *bob = strdup(jget(r.json, "people.1.id"));
	char *bob_kept = S("\"name\":\"Bob Two %s\",\"date_of_birth\":"
	    "\"1972-02-02\",\"address\":null,\"email\":null", tag);
	hres_free(&r);
	assert_client(id, "Ann");
	ck_assert_int_eq(matters_found(tag, "date_of_birth=1971-01-01"), 1);
	ck_assert_int_eq(matters_found(tag, "date_of_birth=1972-02-02"), 0);
	ck_assert_int_eq(matters_found(tag, "first=Bob"), 0);

	/* The client deleted: the next person is the client. */
	http_json(&r, "PATCH", S("/cases/%s", id), tok_p(), S("{\"people\":"
	    "[{\"id\":\"%s\",%s}]}", bob, bob_kept));
	assert_status(&r, 200, "delete the client");
	hres_free(&r);
	assert_client(id, "Bob");
	ck_assert_int_eq(matters_found(tag, "date_of_birth=1971-01-01"), 0);
	ck_assert_int_eq(matters_found(tag, "date_of_birth=1972-02-02"), 1);
	ck_assert_int_eq(matters_found(tag, "first=Bob"), 1);

	/* A person added (listed first) is not the client; a matter write
	   changes the client, not the newcomer. */
	http_json(&r, "PATCH", S("/cases/%s", id), tok_p(), S("{\"people\":"
	    "[{\"name\":\"Cy Three %s\",\"date_of_birth\":\"1973-03-03\","
	    "\"address\":null,\"email\":null},{\"id\":\"%s\",%s}]}", tag, bob,
	    bob_kept));
	assert_status(&r, 200, "add a person");
	hres_free(&r);
	assert_client(id, "Bob");
	ck_assert_int_eq(matters_found(tag, "date_of_birth=1973-03-03"), 0);
	http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok_p(),
	    "{\"first\":\"Bea\"}");
	assert_status(&r, 200, "patch the client");
	hres_free(&r);
	http_json(&r, "GET", S("/cases/%s", id), tok_p(), NULL);
	ck_assert_str_eq(jget(r.json, "people.0.name"), S("Bea Two %s", tag));
	ck_assert_str_eq(jget(r.json, "people.1.name"), S("Cy Three %s", tag));
	hres_free(&r);
	ck_assert_int_eq(matters_found(tag, "first=Bea"), 1);
	ck_assert_int_eq(matters_found(tag, "first=Cy"), 0);

	/* No people: no client, %empty% matches; a matter write makes one. */
	http_json(&r, "PATCH", S("/cases/%s", id), tok_p(), "{\"people\":[]}");
	assert_status(&r, 200, "no people");
	hres_free(&r);
	assert_client(id, NULL);
	ck_assert_int_eq(matters_found(tag, "date_of_birth=1972-02-02"), 0);
	ck_assert_int_eq(matters_found(tag, "first=%25empty%25"), 1);
	http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok_p(),
	    "{\"first\":\"Dee\",\"last\":\"Four\",\"date_of_birth\":"
	    "\"1974-04-04\"}");
	assert_status(&r, 200, "a new client");
	hres_free(&r);
	assert_client(id, "Dee");
	ck_assert_int_eq(matters_found(tag, "date_of_birth=1974-04-04"), 1);
	ck_assert_int_eq(matters_found(tag, "first=%25empty%25"), 0);
	http_json(&r, "GET", S("/cases/%s", id), tok_p(), NULL);
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "people")), 1);
	ck_assert_str_eq(jget(r.json, "people.0.name"), "Dee Four");
	hres_free(&r);
	free(bob);
	free(id);
}
END_TEST

START_TEST(one_record_two_apis)
{
	struct hres	 r;
	char		*tag = unique("Lsx");

	/* Made through the LAA API, read and changed as a matter. */
	http_json(&r, "POST", "/cases/", tok_p(), S("{\"case_type\":\"CLA\","
	    "\"external_id\":\"%s\",\"people\":[{\"name\":\"Dana Lee %s\","
	    "\"address\":null,\"email\":\"dana@example.org\",\"postcode\":"
	    "\"SW1A1AA\"}],\"notes\":[{\"note_type\":\"Provider\",\"content\":"
	    "\"n\"}]}", tag, tag));
	assert_status(&r, 201, "case");
	char *id = strdup(jget(r.json, "id"));
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters/%s", id), tok_p(), NULL);
	assert_status(&r, 200, "as matter");
	ck_assert_str_eq(jget(r.json, "data.first"), "Dana");
	ck_assert_str_eq(jget(r.json, "data.middle"), "Lee");
	ck_assert_str_eq(jget(r.json, "data.last"), tag);
	ck_assert_str_eq(jget(r.json, "data.external_id"), tag);
	ck_assert_str_eq(jget(r.json, "data.client_address_home.zip"), "SW1A 1AA");
	ck_assert_ptr_null(jfind(r.json, "data.case_disposition.lookup_value_id"));
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?external_id=%s", tag), tok_p(),
	    NULL);
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?last=%s&notes:note_type=Provider",
	    tag), tok_p(), NULL);
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok_p(),
	    "{\"first\":\"Dina\",\"case_disposition\":\"Open\"}");
	assert_status(&r, 200, "patch as matter");
	hres_free(&r);
	http_json(&r, "GET", S("/cases/%s", id), tok_p(), NULL);
	ck_assert_str_eq(jget(r.json, "people.0.name"), S("Dina Lee %s", tag));
	ck_assert_str_eq(jget(r.json, "notes.0.content"), "n");
	hres_free(&r);
	http_json(&r, "GET", S("/cases/search?person_name=Dina%%20Lee%%20%s", tag),
	    tok_p(), NULL);
	ck_assert_int_eq(atol(jget(r.json, "total_records")), 1);
	hres_free(&r);

	/* Made as a matter, changed through the LAA API, read as a matter. */
	char *mid = simple_matter(tok_p(), "Eve", tag, "Open");
	http_json(&r, "PATCH", S("/cases/%s", mid), tok_p(), S("{\"people\":[{"
	    "\"name\":\"Eva Marie Stone%s\",\"address\":null,\"email\":null}]}",
	    tag));
	assert_status(&r, 200, "patch as case");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters/%s", mid), tok_p(), NULL);
	ck_assert_str_eq(jget(r.json, "data.first"), "Eva");
	ck_assert_str_eq(jget(r.json, "data.middle"), "Marie");
	ck_assert_str_eq(jget(r.json, "data.last"), S("Stone%s", tag));
	ck_assert_str_eq(jget(r.json, "data.case_disposition.lookup_value_name"),
	    "Open");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?last=Stone%s", tag), tok_p(), NULL);
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	hres_free(&r);

	/* History: a row for every write, whichever API made it. */
	http_json(&r, "GET", S("/cases/%s/history", mid), tok_p(), NULL);
	assert_status(&r, 200, "history");
	ck_assert_int_eq(json_object_array_length(r.json), 2);
	ck_assert_str_eq(jget(r.json, "0.action"), "create");
	ck_assert_str_eq(jget(r.json, "1.action"), "update");
	hres_free(&r);
	http_json(&r, "GET", S("/cases/%s/history", id), tok_p(), NULL);
	ck_assert_int_eq(json_object_array_length(r.json), 2);
	ck_assert_ptr_nonnull(jfind(r.json, "1.changes.first"));
	ck_assert_ptr_nonnull(jfind(r.json, "1.changes.case_disposition"));
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ search */

START_TEST(matter_search)
{
	struct hres	 r;
	char		*tag = unique("Lss");
	char		*a = simple_matter(tok_p(), "Fay", tag, "Open");
	char		*b = simple_matter(tok_p(), "Gus", tag, "Closed");
	char		*c = create_matter(tok_p(), S("{\"first\":\"Hal\",\"last\":"
	    "\"%s\",\"case_disposition\":\"Open\",\"cause_number\":\"CN-%s\","
	    "\"date_of_birth\":\"1990-05-06\",\"work_phone\":\"(617) 555-0199\"}",
	    tag, tag));

	http_json(&r, "GET", S("/api/v2/matters?last=%s", tag), tok_p(), NULL);
	assert_env(&r, 1, 20, 1, 3, 3, 3);
	assert_uuids(&r, 3, a, b, c);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters/?last=%s&page_size=2&page_number=2",
	    tag), tok_p(), NULL);
	assert_env(&r, 2, 2, 2, 3, 3, 1);
	assert_uuids(&r, 1, c);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?last=%s&sort=desc&page_size=500",
	    tag), tok_p(), NULL);
	assert_env(&r, 1, 100, 1, 3, 3, 3);
	assert_uuids(&r, 3, c, b, a);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?last=%s&case_disposition=Closed",
	    tag), tok_p(), NULL);
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	assert_uuids(&r, 1, b);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?last=%s&first=fay", tag), tok_p(),
	    NULL);
	assert_uuids(&r, 1, a);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?last=%s&cause_number=%%25empty%%25",
	    tag), tok_p(), NULL);
	assert_env(&r, 1, 20, 1, 2, 2, 2);
	hres_free(&r);
	const char *one_c[] = { S("cause_number=CN-%s", tag),
	    "date_of_birth=1990-05-06", "phone_number=617.555.0199",
	    S("matter_uuid=%s", c) };
	for (size_t i = 0; i < 4; i++) {
		http_json(&r, "GET", S("/api/v2/matters?last=%s&%s", tag, one_c[i]),
		    tok_p(), NULL);
		assert_env(&r, 1, 20, 1, 1, 1, 1);
		assert_uuids(&r, 1, c);
		hres_free(&r);
	}
	/* case_id and case_number find the same record. */
	http_json(&r, "GET", S("/api/v2/matters/%s", c), tok_p(), NULL);
	char *cid = strdup(jget(r.json, "data.case_id"));
	char *cnum = strdup(jget(r.json, "data.case_number"));
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?case_id=%s&results=full", cid),
	    tok_p(), NULL);
	assert_uuids(&r, 1, c);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?case_number=%s", cnum), tok_p(),
	    NULL);
	assert_uuids(&r, 1, c);
	hres_free(&r);
	/* A JSON body on the GET. */
	http_json(&r, "GET", "/api/v2/matters", tok_p(), S("{\"last\":\"%s\","
	    "\"first\":\"Gus\"}", tag));
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	assert_uuids(&r, 1, b);
	hres_free(&r);
	/* custom_results: [], JSON text, repeated keys, comma list, "*". */
	struct { const char *q; size_t nkeys; } cr[] = {
		{ "custom_results=[]", 1 },
		{ "custom_results=[\"first\",\"client_email_address\"]", 3 },
		{ "custom_results=first&custom_results=case_disposition", 3 },
		{ "custom_results=first,last", 3 },
		{ "custom_results=*", 0 },
	};
	for (size_t i = 0; i < sizeof(cr) / sizeof(cr[0]); i++) {
		http_json(&r, "GET", S("/api/v2/matters?last=%s&first=Fay&%s", tag,
		    cr[i].q), tok_p(), NULL);
		assert_env(&r, 1, 20, 1, 1, 1, 1);
		json_object *d0 = jfind(r.json, "data.0");
		ck_assert_str_eq(jget(d0, "matter_uuid"), a);
		if (cr[i].nkeys)
			ck_assert_msg(json_object_object_length(d0) ==
			    (int)cr[i].nkeys, "%s: %s", cr[i].q, r.body);
		else
			ck_assert_msg(json_object_object_length(d0) > 20, "%s", r.body);
		hres_free(&r);
	}
}
END_TEST

START_TEST(matter_search_errors)
{
	struct hres r;

	http_json(&r, "GET", "/api/v2/matters?bogus=1", tok_p(), NULL);
	assert_ls400(&r, "invalid search keys", "bogus");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/matters?date_of_birth=2023-02-30", tok_p(),
	    NULL);
	assert_ls400(&r, "invalid search values", "date_of_birth: 2023-02-30");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/matters?county_of_residence=alameda",
	    tok_p(), NULL);
	assert_ls400(&r, "invalid search values", "county_of_residence: alameda");
	hres_free(&r);
	const char *bad[] = { "results=everything", "sort=up", "page_number=0",
	    "page_size=x", "case_id=abc", "matter_uuid=nope",
	    "custom_results=[\"password\"]", "case_number=X", NULL };
	for (size_t i = 0; bad[i]; i++) {
		http_json(&r, "GET", S("/api/v2/matters?%s", bad[i]), tok_p(), NULL);
		assert_status(&r, 400, bad[i]);
		ck_assert_msg(jfind(r.json, "invalid search values") != NULL, "%s: %s",
		    bad[i], r.body);
		hres_free(&r);
	}
	char *big = malloc(400);
	memset(big, 'a', 399);
	big[399] = '\0';
	http_json(&r, "GET", S("/api/v2/matters?last=%s", big), tok_p(), NULL);
	assert_status(&r, 400, "too long");
	hres_free(&r);
	/* Many filters: refused, not overflowing. */
	char *many = strdup("");
	for (int i = 0; i < 80; i++)
		many = S("%s&external_id=x%d", many, i);
	http_json(&r, "GET", S("/api/v2/matters?last=x%s", many), tok_p(), NULL);
	assert_status(&r, 400, "many filters");
	hres_free(&r);
	http_json(&r, "GET", S("/cases/search?person_name=x%s", many), adm(), NULL);
	assert_status(&r, 422, "many filters on /cases/search");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/matters", tok_p(), "{\"last\":");
	assert_error(&r, 400, "The body is not valid JSON");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/matters", tok_p(), "[1]");
	assert_error(&r, 400, "The body must be a JSON object");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/matters", tok_p(), "{\"last\":[\"a\"]}");
	assert_status(&r, 400, "list value");
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ upsert */

START_TEST(matter_upsert)
{
	struct hres	 r;
	char		*tag = unique("Lsu"), *ext = unique("lsext");
	const char	*body = S("{\"first\":\"Ivy\",\"last\":\"%s\","
	    "\"case_disposition\":\"Open\",\"external_id\":\"%s\",\"update\":"
	    "{\"external_id\":\"%s\"},\"update_data\":{\"case_status\":"
	    "\"Updated\"}}", tag, ext, ext);

	http_json(&r, "POST", "/api/v2/matters", tok_p(), body);
	assert_status(&r, 201, "upsert creates");
	char *id = strdup(jget(r.json, "data.matter_uuid"));
	ck_assert_ptr_null(jfind(r.json, "data.case_status"));
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/matters", tok_p(), body);
	assert_status(&r, 200, "upsert updates");
	ck_assert_str_eq(jget(r.json, "data.matter_uuid"), id);
	ck_assert_str_eq(jget(r.json, "data.case_status"), "Updated");
	hres_free(&r);
	/* Without update_data the top-level fields update. */
	http_json(&r, "POST", "/api/v2/matters", tok_p(), S("{\"case_title\":"
	    "\"Top\",\"update\":{\"external_id\":\"%s\"}}", ext));
	assert_status(&r, 200, "top-level update");
	ck_assert_str_eq(jget(r.json, "data.case_title"), "Top");
	hres_free(&r);
	simple_matter(tok_p(), "Ivy", tag, "Open");
	http_json(&r, "POST", "/api/v2/matters", tok_p(), S("{\"case_title\":"
	    "\"X\",\"update\":{\"last\":\"%s\"}}", tag));
	assert_error(&r, 400, "Cannot process multiple records for upsert");
	hres_free(&r);
	ck_assert_int_eq(count_last(tok_p(), tag), 2);
	http_json(&r, "POST", "/api/v2/matters", tok_p(), "{\"first\":\"a\","
	    "\"last\":\"b\",\"case_disposition\":\"Open\",\"update\":"
	    "{\"nope\":1}}");
	assert_ls400(&r, "invalid search keys", "update.nope");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/matters", tok_p(), S("{\"update\":"
	    "{\"external_id\":\"%s\"},\"update_data\":{\"matter_uuid\":\"x\"}}",
	    ext));
	assert_ls400(&r, "invalid_parameters", "update_data.matter_uuid");
	hres_free(&r);
	/* The update needs the update scope. */
	char *org = make_org(1);
	char *tc = make_user_token(PW, "read,create", org, 0);
	char *ext2 = unique("lsext");
	http_json(&r, "POST", "/api/v2/matters", tc, S("{\"first\":\"J\",\"last\":"
	    "\"%s\",\"case_disposition\":\"Open\",\"external_id\":\"%s\"}", tag,
	    ext2));
	assert_status(&r, 201, "create-only user creates");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/matters", tc, S("{\"case_title\":\"Y\","
	    "\"update\":{\"external_id\":\"%s\"}}", ext2));
	assert_error(&r, 403, "User does not have permissions: update");
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ errors */

START_TEST(matter_write_errors)
{
	struct hres	 r;
	char		*tag = unique("Lse");
	char		*id = simple_matter(tok_p(), "Kim", tag, "Open");
	struct { const char *body, *kind, *item; } cases[] = {
		{ S("{\"first\":\"a\",\"last\":\"%s\"}", tag), "missing_arguments",
		    "case_disposition" },
		{ S("{\"last\":\"%s\",\"case_disposition\":\"Open\"}", tag),
		    "missing_arguments", "first" },
		{ S("{\"first\":\"a\",\"last\":\"%s\",\"case_disposition\":\"Open\","
		    "\"shoe_size\":9}", tag), "invalid_parameters", "shoe_size" },
		{ S("{\"first\":\"a\",\"last\":\"%s\",\"case_disposition\":\"Open\","
		    "\"matter_uuid\":\"%s\"}", tag, id), "invalid_parameters",
		    "matter_uuid" },
		{ S("{\"first\":\"a\",\"last\":\"%s\",\"case_disposition\":"
		    "\"Sleeping\"}", tag), "invalid_values", "case_disposition" },
		{ S("{\"first\":\"a\",\"last\":\"%s\",\"case_disposition\":\"Open\","
		    "\"legal_problem_code\":\"VAWA\"}", tag), "invalid_values",
		    "legal_problem_code" },
		{ S("{\"first\":12,\"last\":\"%s\",\"case_disposition\":\"Open\"}",
		    tag), "invalid_values", "first" },
		{ S("{\"first\":\"a\",\"last\":\"%s\",\"case_disposition\":\"Open\","
		    "\"date_of_birth\":\"1990-13-01\"}", tag), "invalid_values",
		    "date_of_birth" },
		{ S("{\"first\":\"a\",\"last\":\"%s\",\"case_disposition\":\"Open\","
		    "\"client_email_address\":\"not-an-address\"}", tag),
		    "invalid_values", "client_email_address" },
		{ S("{\"first\":\"a\",\"last\":\"%s\",\"case_disposition\":\"Open\","
		    "\"is_group\":\"yes\"}", tag), "invalid_values", "is_group" },
		{ S("{\"first\":\"%0200d\",\"last\":\"%s\",\"case_disposition\":"
		    "\"Open\"}", 0, tag), "invalid_values", "first" },
		{ S("{\"first\":\"a\",\"last\":\"%s\",\"case_disposition\":"
		    "\"%%empty%%\"}", tag), "invalid_values", "case_disposition" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		http_json(&r, "POST", "/api/v2/matters", tok_p(), cases[i].body);
		assert_ls400(&r, cases[i].kind, cases[i].item);
		hres_free(&r);
		/* The same on a PATCH, where it applies; nothing changed. */
		if (strcmp(cases[i].kind, "missing_arguments") == 0)
			continue;
		http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok_p(),
		    cases[i].body);
		assert_ls400(&r, cases[i].kind, cases[i].item);
		hres_free(&r);
	}
	ck_assert_int_eq(count_last(tok_p(), tag), 1);
	http_json(&r, "GET", S("/api/v2/matters/%s", id), tok_p(), NULL);
	ck_assert_str_eq(jget(r.json, "data.first"), "Kim");
	hres_free(&r);
	const char *bodies[] = { "", "{\"first\":", "[]", "\"x\"",
	    "{\"a\":1} trailing" };
	for (size_t i = 0; i < 5; i++) {
		http_json(&r, "POST", "/api/v2/matters", tok_p(), bodies[i]);
		assert_status(&r, 400, bodies[i]);
		ck_assert_ptr_nonnull(jfind(r.json, "error_message"));
		hres_free(&r);
		http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok_p(),
		    bodies[i]);
		assert_status(&r, 400, bodies[i]);
		hres_free(&r);
	}
	const char *hdrs[] = { "Content-Type: text/plain",
	    S("Authorization: Bearer %s", tok_p()), NULL };
	http(&r, "POST", "/api/v2/matters", hdrs, "{}", 2);
	assert_status(&r, 400, "text/plain");
	hres_free(&r);
	/* Paths: a bad uuid, an unknown one. */
	http_json(&r, "GET", "/api/v2/matters/not-a-uuid", tok_p(), NULL);
	assert_error(&r, 400, "Invalid matter_uuid");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/matters/6f1c2b0e-8d1b-4c3e-9a4e-0123456789ab",
	    tok_p(), NULL);
	assert_error(&r, 404, "Unknown matter");
	hres_free(&r);
	http_json(&r, "PATCH", "/api/v2/matters/6f1c2b0e-8d1b-4c3e-9a4e-"
	    "0123456789ab", tok_p(), "{\"case_title\":\"x\"}");
	assert_error(&r, 404, "Unknown matter");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters/%s?first=x", id), tok_p(), NULL);
	assert_status(&r, 400, "unknown get param");
	hres_free(&r);
	/* external_id is unique across both APIs. */
	char *ext = unique("lsuq");
	http_json(&r, "PATCH", S("/api/v2/matters/%s", id), tok_p(),
	    S("{\"external_id\":\"%s\"}", ext));
	assert_status(&r, 200, "ext");
	hres_free(&r);
	http_json(&r, "POST", "/api/v2/matters", tok_p(), S("{\"first\":\"a\","
	    "\"last\":\"%s\",\"case_disposition\":\"Open\",\"external_id\":\"%s\"}",
	    tag, ext));
	assert_error(&r, 409, "A matter with this external_id already exists");
	hres_free(&r);
	http_json(&r, "POST", "/cases/", tok_p(), S("{\"case_type\":\"CLA\","
	    "\"external_id\":\"%s\"}", ext));
	assert_status(&r, 409, "ext via cases");
	hres_free(&r);
	ck_assert_int_eq(count_last(tok_p(), tag), 1);
}
END_TEST

/* ------------------------------------------------------------ permissions */

START_TEST(matter_permissions)
{
	struct hres	 r;
	char		*tag = unique("Lsm");
	char		*orga = make_org(1), *orgb = make_org(1),
	    *orgn = make_org(0);
	char		*ta = make_user_token(PW, "read,create,update", orga,
	    0);
	char		*tb = make_user_token(PW, "read,create,update", orgb,
	    0);
	char		*tall = make_user_token(PW, "read", orgb, 1);
	char		*tn = make_user_token(PW, "read,create,update", orgn,
	    0);
	char		*tro = make_user_token(PW, "read", orga, 0);
	char		*a = simple_matter(ta, "La", tag, "Open");
	char		*b = simple_matter(tb, "Lb", tag, "Open");

	http_json(&r, "GET", S("/api/v2/matters/%s", b), ta, NULL);
	assert_error(&r, 403, NULL);
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/matters/%s", b), ta,
	    "{\"case_title\":\"mine\"}");
	assert_error(&r, 403, NULL);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?last=%s", tag), ta, NULL);
	assert_env(&r, 1, 20, 1, 2, 1, 1);
	assert_uuids(&r, 1, a);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?last=%s", tag), tall, NULL);
	assert_env(&r, 1, 20, 1, 2, 2, 2);
	hres_free(&r);
	/* Upsert never picks another organisation's matter. */
	http_json(&r, "POST", "/api/v2/matters", ta, S("{\"first\":\"Lc\","
	    "\"last\":\"%s\",\"case_disposition\":\"Open\",\"update\":{\"first\":"
	    "\"Lb\",\"last\":\"%s\"}}", tag, tag));
	assert_status(&r, 201, "upsert across orgs creates");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters/%s", b), tb, NULL);
	ck_assert_ptr_null(jfind(r.json, "data.case_title"));
	hres_free(&r);
	/* Premium: reads are included, writes are not. */
	http_json(&r, "POST", "/api/v2/matters", tn, S("{\"first\":\"N\","
	    "\"last\":\"%s\",\"case_disposition\":\"Open\"}", tag));
	assert_error(&r, 402, NULL);
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?last=%s", tag), tn, NULL);
	assert_env(&r, 1, 20, 0, 3, 0, 0);
	hres_free(&r);
	/* A limited token, no token. */
	/* LegalServer's shapes: a missing permission 403, no token 401. */
	http_json(&r, "POST", "/api/v2/matters", tro, S("{\"first\":\"N\","
	    "\"last\":\"%s\",\"case_disposition\":\"Open\"}", tag));
	assert_error(&r, 403, "User does not have permissions: create");
	hres_free(&r);
	http_json(&r, "PATCH", S("/api/v2/matters/%s", a), tro,
	    "{\"case_title\":\"x\"}");
	assert_error(&r, 403, "User does not have permissions: update");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?last=%s", tag), NULL, NULL);
	assert_error(&r, 401, "User not authorized to perform this operation");
	hres_free(&r);
	ck_assert_int_eq(count_last(tall, tag), 3);
	/* The shared limiter's headers. */
	http_json(&r, "GET", S("/api/v2/matters/%s", a), ta, NULL);
	char *lim = hres_header(&r, "x-rate-limit-limit");
	ck_assert_ptr_nonnull(lim);
	free(lim);
	hres_free(&r);
}
END_TEST


/* ------------------------------------------------------------ notes */

START_TEST(matter_notes)
{
	struct hres	 r;
	char		*tag = unique("Lsn"), *d = today();
	char		*id = simple_matter(tok_p(), "Nia", tag, "Open");
	const char	*base = S("/api/v2/matters/%s/notes", id);

	http_json(&r, "POST", base, tok_p(), "{\"subject\":\"Call\",\"body\":"
	    "\"Spoke to client\",\"note_type\":\"Provider\"}");
	assert_status(&r, 201, "note create");
	char *nid = strdup(jget(r.json, "data.casenote_uuid"));
	ck_assert_str_eq(jget(r.json, "data.subject"), "Call");
	ck_assert_str_eq(jget(r.json, "data.body"), "Spoke to client");
	ck_assert_str_eq(jget(r.json, "data.matter_uuid"), id);
	ck_assert_str_eq(jget(r.json, "data.date_posted"), d);
	assert_keys(jfind(r.json, "data.note_type"), lookup_keys);
	ck_assert_str_eq(jget(r.json, "data.note_type.lookup_value_name"),
	    "Provider");
	hres_free(&r);
	/* The same note on the LAA face, which adds one of its own. */
	http_json(&r, "GET", S("/cases/%s", id), tok_p(), NULL);
	ck_assert_str_eq(jget(r.json, "notes.0.id"), nid);
	ck_assert_str_eq(jget(r.json, "notes.0.content"), "Spoke to client");
	ck_assert_str_eq(jget(r.json, "notes.0.note_type"), "Provider");
	hres_free(&r);
	http_json(&r, "PATCH", S("/cases/%s", id), tok_p(), S("{\"notes\":[{\"id\":"
	    "\"%s\",\"content\":\"Spoke to client again\"},{\"note_type\":"
	    "\"Other\",\"content\":\"laa\"}]}", nid));
	assert_status(&r, 200, "laa notes");
	hres_free(&r);
	http_json(&r, "GET", S("%s/", base), tok_p(), NULL);
	assert_env(&r, 1, 20, 1, 2, 2, 2);
	ck_assert_str_eq(jget(r.json, "data.0.casenote_uuid"), nid);
	ck_assert_str_eq(jget(r.json, "data.0.body"), "Spoke to client again");
	ck_assert_str_eq(jget(r.json, "data.0.subject"), "Call");
	ck_assert_ptr_null(jfind(r.json, "data.1.subject"));
	ck_assert_str_eq(jget(r.json, "data.1.note_type.lookup_value_name"),
	    "Other");
	hres_free(&r);
	http_json(&r, "GET", S("%s?note_type=Provider&custom_results=[\"body\"]",
	    base), tok_p(), NULL);
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	assert_keys(jfind(r.json, "data.0"), (const char *const[]){
	    "casenote_uuid", "body", NULL });
	hres_free(&r);
	http_json(&r, "GET", S("%s?note_type=Caseworker", base), tok_p(), NULL);
	assert_env(&r, 1, 20, 0, 0, 0, 0);
	hres_free(&r);
	http_json(&r, "GET", S("%s?sort=desc&page_size=1", base), tok_p(), NULL);
	assert_env(&r, 1, 1, 2, 2, 2, 1);
	ck_assert_str_eq(jget(r.json, "data.0.body"), "laa");
	hres_free(&r);
	/* Get and patch one note. */
	http_json(&r, "GET", S("%s/%s/", base, nid), tok_p(), NULL);
	assert_status(&r, 200, "note get");
	ck_assert_str_eq(jget(r.json, "data.casenote_uuid"), nid);
	hres_free(&r);
	http_json(&r, "PATCH", S("%s/%s", base, nid), tok_p(),
	    "{\"note_type\":{\"lookup_value_name\":\"Caseworker\"},"
	    "\"date_posted\":\"2024-01-31\"}");
	assert_status(&r, 200, "note patch");
	ck_assert_str_eq(jget(r.json, "data.note_type.lookup_value_name"),
	    "Caseworker");
	ck_assert_str_eq(jget(r.json, "data.body"), "Spoke to client again");
	ck_assert_str_eq(jget(r.json, "data.date_posted"), "2024-01-31");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/matters?last=%s&notes:note_type=Caseworker",
	    tag), tok_p(), NULL);
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	hres_free(&r);
	http_json(&r, "GET", S("/cases/%s/history", id), tok_p(), NULL);
	ck_assert_int_eq(json_object_array_length(r.json), 4);
	hres_free(&r);

	/* Errors: shapes, and nothing changed. */
	struct { const char *method, *path, *body, *kind, *item; } bad[] = {
		{ "POST", base, "{\"subject\":\"s\",\"note_type\":\"Other\"}",
		    "missing_arguments", "body" },
		{ "POST", base, "{\"subject\":\"s\",\"body\":\"b\"}",
		    "missing_arguments", "note_type" },
		{ "POST", base, "{\"subject\":\"s\",\"body\":\"b\",\"note_type\":"
		    "\"Gossip\"}", "invalid_values", "note_type" },
		{ "POST", base, "{\"subject\":\"s\",\"body\":\"b\",\"note_type\":"
		    "\"Other\",\"pinned\":true}", "invalid_parameters", "pinned" },
		{ "PATCH", S("%s/%s", base, nid), "{\"body\":5}", "invalid_values",
		    "body" },
		{ "PATCH", S("%s/%s", base, nid), "{\"casenote_uuid\":\"x\"}",
		    "invalid_parameters", "casenote_uuid" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		http_json(&r, bad[i].method, bad[i].path, tok_p(), bad[i].body);
		assert_ls400(&r, bad[i].kind, bad[i].item);
		hres_free(&r);
	}
	http_json(&r, "POST", base, tok_p(), "{\"subject\":");
	assert_error(&r, 400, "The body is not valid JSON");
	hres_free(&r);
	http_json(&r, "GET", S("%s/not-a-uuid", base), tok_p(), NULL);
	assert_error(&r, 400, "Invalid casenote_uuid");
	hres_free(&r);
	http_json(&r, "GET", S("%s/6f1c2b0e-8d1b-4c3e-9a4e-0123456789ab", base),
	    tok_p(), NULL);
	assert_error(&r, 404, "Unknown note");
	hres_free(&r);
	http_json(&r, "PATCH", S("%s/6f1c2b0e-8d1b-4c3e-9a4e-0123456789ab", base),
	    tok_p(), "{\"body\":\"x\"}");
	assert_error(&r, 404, "Unknown note");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/matters/6f1c2b0e-8d1b-4c3e-9a4e-0123456789ab"
	    "/notes", tok_p(), NULL);
	assert_error(&r, 404, "Unknown matter");
	hres_free(&r);
	http_json(&r, "GET", S("%s?bogus=1", base), tok_p(), NULL);
	assert_ls400(&r, "invalid search keys", "bogus");
	hres_free(&r);
	/* Another matter's note is not this matter's. */
	char *other = simple_matter(tok_p(), "Oli", tag, "Open");
	http_json(&r, "GET", S("/api/v2/matters/%s/notes/%s", other, nid), tok_p(),
	    NULL);
	assert_error(&r, 404, "Unknown note");
	hres_free(&r);
	/* Another organisation's matter. */
	char *tb = make_user_token(PW, "read,create,update", make_org(1), 0);
	http_json(&r, "GET", base, tb, NULL);
	assert_error(&r, 403, NULL);
	hres_free(&r);
	http_json(&r, "POST", base, tb, "{\"subject\":\"s\",\"body\":\"b\","
	    "\"note_type\":\"Other\"}");
	assert_error(&r, 403, NULL);
	hres_free(&r);
	http_json(&r, "GET", S("%s/%s", base, nid), tb, NULL);
	assert_error(&r, 403, NULL);
	hres_free(&r);
	http_json(&r, "GET", base, tok_p(), NULL);
	assert_env(&r, 1, 20, 1, 2, 2, 2);
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ lookups */

static const char *const lookup_row_keys[] = {
	"id", "name", "active", "list_order", "note", "system", "uuid", NULL
};

START_TEST(lookup_tables)
{
	struct hres	 r;
	const char	*tables[] = { "case_disposition", "gender", "note_type",
	    "language", "legal_problem_code", "county_core" };

	for (size_t i = 0; i < 6; i++) {
		http_json(&r, "GET", S("/api/v2/lookups/%s/", tables[i]), tok_p(),
		    NULL);
		assert_status(&r, 200, tables[i]);
		assert_keys(r.json, env_keys);
		json_object *d = jfind(r.json, "data");
		ck_assert_msg(json_object_array_length(d) >= 5, "%s", r.body);
		ck_assert_int_eq(atol(jget(r.json, "total_records")),
		    (long)json_object_array_length(d));
		for (size_t k = 0; k < json_object_array_length(d); k++)
			assert_keys(json_object_array_get_idx(d, k), lookup_row_keys);
		hres_free(&r);
	}
	/* note_type holds the cases family's note types, with its uuids. */
	http_json(&r, "GET", "/api/v2/lookups/note_type?page_size=100", tok_p(),
	    NULL);
	json_object *ls = jfind(r.json, "data");
	struct hres laa;
	http_json(&laa, "GET", "/lookups/note_type", tok_p(), NULL);
	assert_status(&laa, 200, "laa lookups");
	ck_assert_int_eq(json_object_array_length(ls),
	    json_object_array_length(laa.json));
	for (size_t k = 0; k < json_object_array_length(laa.json); k++) {
		const char *name = jget(laa.json, S("%zu.lookup_value_name", k));
		const char *uuid = jget(laa.json, S("%zu.lookup_value_uuid", k));
		int found = 0;
		for (size_t j = 0; j < json_object_array_length(ls); j++)
			if (strcmp(jget(ls, S("%zu.name", j)), name) == 0) {
				ck_assert_str_eq(jget(ls, S("%zu.uuid", j)), uuid);
				found = 1;
			}
		ck_assert_msg(found, "note type %s missing: %s", name, r.body);
	}
	hres_free(&laa);
	hres_free(&r);
	/* Filters, paging, custom_results. */
	http_json(&r, "GET", "/api/v2/lookups/case_disposition?name=closed",
	    tok_p(), NULL);
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	ck_assert_str_eq(jget(r.json, "data.0.name"), "Closed");
	char *closed = strdup(jget(r.json, "data.0.uuid"));
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/lookups/case_disposition?page_size=2&"
	    "page_number=3&sort=desc&custom_results=[\"name\"]", tok_p(), NULL);
	assert_env(&r, 3, 2, 3, 6, 6, 2);
	assert_keys(jfind(r.json, "data.0"), (const char *const[]){ "uuid", "name",
	    NULL });
	ck_assert_str_eq(jget(r.json, "data.1.name"), "Open");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/lookups/gender?active=false", tok_p(), NULL);
	assert_env(&r, 1, 20, 0, 0, 0, 0);
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/lookups/gender", tok_p(), "{\"active\":true,"
	    "\"name\":\"Female\"}");
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	hres_free(&r);
	/* One value and its use count. */
	char *tag = unique("Lsl");
	simple_matter(tok_p(), "P", tag, "Closed");
	http_json(&r, "GET", S("/api/v2/lookups/case_disposition/%s", closed),
	    tok_p(), NULL);
	assert_status(&r, 200, "value");
	assert_keys(r.json, (const char *const[]){ "use_count", "data", NULL });
	assert_keys(jfind(r.json, "data"), lookup_row_keys);
	long n1 = atol(jget(r.json, "use_count"));
	ck_assert_msg(n1 >= 1, "%s", r.body);
	hres_free(&r);
	simple_matter(tok_p(), "Q", tag, "Closed");
	http_json(&r, "GET", S("/api/v2/lookups/case_disposition/%s/", closed),
	    tok_p(), NULL);
	ck_assert_int_ge(atol(jget(r.json, "use_count")), n1 + 1);
	hres_free(&r);
	/* Errors. */
	http_json(&r, "GET", "/api/v2/lookups/no_such_table", tok_p(), NULL);
	assert_error(&r, 404, "Unknown lookup table");
	hres_free(&r);
	http_json(&r, "GET", S("/api/v2/lookups/gender/%s", closed), tok_p(), NULL);
	assert_error(&r, 404, "Unknown lookup value");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/lookups/gender/nope", tok_p(), NULL);
	assert_error(&r, 400, "Invalid lookup_value_uuid");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/lookups/gender?colour=red", tok_p(), NULL);
	assert_ls400(&r, "invalid search keys", "colour");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/lookups/gender?active=maybe", tok_p(), NULL);
	assert_ls400(&r, "invalid search values", "active: maybe");
	hres_free(&r);
	http_json(&r, "GET", "/api/v2/lookups/gender", NULL, NULL);
	assert_error(&r, 401, "User not authorized to perform this operation");
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ conflict check */

START_TEST(conflict_check_v1)
{
	struct hres	 r;
	char		*tag = unique("Lsk");

	create_matter(tok_p(), S("{\"first\":\"Zed\",\"last\":\"%s\","
	    "\"case_disposition\":\"Open\",\"date_of_birth\":\"1970-01-01\","
	    "\"home_phone\":\"312-555-0142\",\"visa_number\":\"K-77120\"}", tag));
	struct { const char *body; int score; const char *interval; } ok[] = {
		{ S("{\"first\":\"zed\",\"last\":\"%s\"}", tag), 60, "high" },
		{ S("{\"first\":\"Zed\",\"last\":\"%s\",\"dob\":\"1970-01-01\"}", tag),
		    90, "highest" },
		{ S("{\"first\":\"Zed\",\"last\":\"%s\",\"dob\":\"1970-01-01\","
		    "\"phones\":[{\"number\":\"999 555 0000\",\"type\":\"mobile\"},"
		    "{\"number\":\"(312) 555-0142\",\"type\":\"home\"}]}", tag), 100,
		    "highest" },
		{ S("{\"first\":\"Nobody\",\"last\":\"%s\",\"visa_number\":\"V1\"}",
		    tag), 1, "lowest" },
		/* The same visa number adds 40 to a name match (case ignored);
		   another one nothing; alone it finds no one. */
		{ S("{\"first\":\"Zed\",\"last\":\"%s\",\"visa_number\":"
		    "\"k-77120\"}", tag), 100, "highest" },
		{ S("{\"first\":\"Zed\",\"last\":\"%s\",\"visa_number\":"
		    "\"K-77121\"}", tag), 60, "high" },
		{ S("{\"first\":\"Nobody\",\"last\":\"%s\",\"visa_number\":"
		    "\"K-77120\"}", tag), 1, "lowest" },
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		http_json(&r, "POST", "/api/v1/conflict_check", tok_p(), ok[i].body);
		assert_status(&r, 200, ok[i].body);
		assert_keys(r.json, (const char *const[]){ "status", "message",
		    "interval", "score", NULL });
		ck_assert_int_eq(atol(jget(r.json, "status")), 200);
		ck_assert_str_eq(jget(r.json, "message"),
		    "conflict check completed successfully");
		ck_assert_msg(atol(jget(r.json, "score")) == ok[i].score, "%s: %s",
		    ok[i].body, r.body);
		ck_assert_str_eq(jget(r.json, "interval"), ok[i].interval);
		hres_free(&r);
	}
	http_json(&r, "POST", "/api/v1/conflict_check", tok_p(),
	    "{\"dob\":\"1970-01-01\"}");
	assert_status(&r, 200, "too little");
	assert_keys(r.json, (const char *const[]){ "status", "message", "score",
	    NULL });
	ck_assert_ptr_null(jfind(r.json, "score"));
	ck_assert_str_eq(jget(r.json, "message"), "Unable to determine conflict "
	    "score based on provided data. Provide more fields and try again.");
	hres_free(&r);
	const char *bad[] = { "", "{\"first\":", "[]", "{\"first\":1,\"last\":\"x\"}",
	    "{\"first\":\"a\",\"last\":\"b\",\"shoe\":1}",
	    "{\"first\":\"a\",\"last\":\"b\",\"phones\":\"x\"}",
	    "{\"first\":\"a\",\"last\":\"b\",\"phones\":[{\"number\":\"3125550142\","
	    "\"type\":\"pager\"}]}",
	    "{\"first\":\"a\",\"last\":\"b\",\"dob\":\"1970-02-30\"}",
	    "{\"first\":\"a\",\"last\":\"b\",\"visa_number\":7}",
	    S("{\"first\":\"a\",\"last\":\"b\",\"visa_number\":\"%051d\"}", 0),
	    NULL };
	for (size_t i = 0; bad[i]; i++) {
		http_json(&r, "POST", "/api/v1/conflict_check", tok_p(), bad[i]);
		assert_status(&r, 400, bad[i]);
		ck_assert_int_eq(atol(jget(r.json, "status")), 400);
		ck_assert_str_eq(jget(r.json, "message"), "person invalid or missing");
		hres_free(&r);
	}
	/* The cases family's check names the visa number among the reasons. */
	const char *visas[][2] = { { "k-77120", "visa_number" },
	    { "K-77121", NULL } };
	for (size_t i = 0; i < 2; i++) {
		http_json(&r, "POST", "/conflicts", tok_p(), S("{\"name\":\"Zed %s\","
		    "\"visa_number\":\"%s\"}", tag, visas[i][0]));
		assert_status(&r, 200, visas[i][0]);
		json_object *why = jfind(r.json, "matches.0.why");
		ck_assert_msg(json_object_array_length(jfind(r.json, "matches")) == 1 &&
		    json_object_array_length(why) == (visas[i][1] ? 2 : 1) &&
		    strcmp(jget(r.json, "matches.0.why.0"), "name") == 0 &&
		    (visas[i][1] == NULL || strcmp(jget(r.json, "matches.0.why.1"),
		    visas[i][1]) == 0), "%s: %s", visas[i][0], r.body);
		hres_free(&r);
	}
	char *tn = make_user_token(PW, "read", make_org(0), 0);
	http_json(&r, "POST", "/api/v1/conflict_check", tn, S("{\"first\":\"Zed\","
	    "\"last\":\"%s\"}", tag));
	assert_status(&r, 402, "not premium");
	ck_assert_int_eq(atol(jget(r.json, "status")), 402);
	hres_free(&r);
	http_json(&r, "POST", "/api/v1/conflict_check", NULL, "{}");
	assert_error(&r, 401, "User not authorized to perform this operation");
	hres_free(&r);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("legalserver");
	TCase *t = tcase_create("matters");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, matter_create_and_get);
	tcase_add_test(t, matter_dispositions);
	tcase_add_test(t, matter_patch_and_lookup_forms);
	tcase_add_test(t, one_record_two_apis);
	tcase_add_test(t, matter_client_follows_people);
	tcase_add_test(t, matter_search);
	tcase_add_test(t, matter_search_errors);
	tcase_add_test(t, matter_upsert);
	tcase_add_test(t, matter_write_errors);
	tcase_add_test(t, matter_permissions);
	tcase_add_test(t, matter_notes);
	tcase_add_test(t, lookup_tables);
	tcase_add_test(t, conflict_check_v1);
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
