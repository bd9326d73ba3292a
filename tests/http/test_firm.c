/*
 * firmattorneyservice and cases (efsp-proxy.md sections 7, 8 and 11): the
 * filer's firm, attorneys, service contacts (CRUD, the public list, case
 * attachment) and the cases service, against the live stack. Filers and
 * API keys are made with casegate-admin and log in with POST
 * /authenticate; court cases, which the clerk's review creates, are put
 * in directly with sql(). Each endpoint's success, each failure of the
 * spec's tables, bad bodies that change nothing, and another firm's ids.
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "client.h"

#define PW	"pw-secret-firm-0001"
#define FAS	"/jurisdictions/illinois/firmattorneyservice"
#define CASES	"/jurisdictions/illinois/cases/courts"

/* A caller: the client server's key and a filer's session. */
struct who {
	const char	*j;
	char		*key;
	char		*email;
	char		*token;		/* TYLER-TOKEN-{J} */
	char		*firm;
};

/* A filer of a new firm (or, firm NULL, an individual), logged in. */
static struct who *
filer_in(const char *j, const char *firm)
{
	struct who *w = calloc(1, sizeof(*w));
	struct hres r;

	w->j = j;
	w->key = make_api_key(NULL);
	w->email = S("%s@example.org", unique("firmfiler"));
	w->firm = firm ? strdup(firm) : NULL;
	ck_assert_int_eq(admin_cli(PW "\n", "filer add %s --jurisdiction %s "
	    "--first Ada --last ONeil %s%s%s", w->email, j, firm ? "--firm '" : "",
	    firm ? firm : "", firm ? "'" : ""), 0);
	char *body = S("{\"api_key\":\"%s\",\"tyler-%s\":{\"username\":\"%s\","
	    "\"password\":\"%s\"}}", w->key, j, w->email, PW);
	const char *h[] = { "Content-Type: application/json", NULL };
	http(&r, "POST", "/authenticate", h, body, strlen(body));
	ck_assert_msg(r.status == 200, "authenticate: %ld %s", r.status, r.body);
	char *name = S("tokens.TYLER-TOKEN-%s", j);
	for (char *p = name + 7; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	ck_assert_ptr_nonnull(jget(r.json, name));
	w->token = strdup(jget(r.json, name));
	hres_free(&r);
	return w;
}

/* Firm names end in letters, so that no one is a prefix of another. */
static struct who *
filer(void)
{
	return filer_in("illinois", S("%s LLP", unique("Firm ")));
}

/* A query-string value, percent-encoded. */
static char *
esc_q(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0), *out = strdup(e);
	curl_free(e);
	return out;
}

/* One request as the real client sends it (spec 11): JSON content type,
 * X-API-KEY, the session header; a NULL part is left out. */
static long
call(struct hres *r, const struct who *w, const char *method,
    const char *path, const char *body)
{
	char key[256], tok[1024];
	const char *h[4];
	size_t n = 0;

	h[n++] = "Content-type: application/json";
	if (w != NULL && w->key != NULL) {
		snprintf(key, sizeof(key), "X-API-KEY: %s", w->key);
		h[n++] = key;
	}
	if (w != NULL && w->token != NULL) {
		char up[64];
		snprintf(up, sizeof(up), "%s", w->j ? w->j : "illinois");
		for (char *p = up; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		snprintf(tok, sizeof(tok), "TYLER-TOKEN-%s: %s", up, w->token);
		h[n++] = tok;
	}
	h[n] = NULL;
	ck_assert_int_eq(http(r, method, path, h, body, body ? strlen(body) : 0),
	    0);
	return r->status;
}

static void
expect(struct hres *r, long status, const char *body)
{
	ck_assert_msg(r->status == status, "status %ld, want %ld: %s", r->status,
	    status, r->body);
	if (body != NULL)
		ck_assert_str_eq(r->body, body);
}

/* A plain-text error: the message and a newline. */
static void
expect_text(struct hres *r, long status, const char *msg)
{
	char *want = S("%s\n", msg);
	expect(r, status, want);
	free(want);
}

/* The answer is exactly the JSON string literal of a new id; returns it. */
static char *
expect_id(struct hres *r)
{
	expect(r, 200, NULL);
	ck_assert_msg(json_object_is_type(r->json, json_type_string), "%s",
	    r->body);
	char *id = strdup(json_object_get_string(r->json));
	ck_assert_int_eq(strlen(id), 36);
	char *lit = S("\"%s\"", id);
	ck_assert_str_eq(r->body, lit);
	free(lit);
	char *ct = hres_header(r, "Content-Type");
	ck_assert_str_eq(ct, "application/json");
	free(ct);
	return id;
}

static size_t
list_len(struct hres *r)
{
	ck_assert_msg(json_object_is_type(r->json, json_type_array), "%s",
	    r->body);
	return json_object_array_length(r->json);
}

static int
find_by(json_object *a, const char *key, const char *val)
{
	for (size_t i = 0; i < json_object_array_length(a); i++) {
		const char *v = jget(json_object_array_get_idx(a, i), key);
		if (v && strcmp(v, val) == 0)
			return (int)i;
	}
	return -1;
}

static char *
new_uuid(void)
{
	char *u;
	size_t n;
	u = file_read("/proc/sys/kernel/random/uuid", &n);
	ck_assert_ptr_nonnull(u);
	u[strcspn(u, "\n")] = '\0';
	return u;
}

/* A court case as an accepted initial filing opens it. */
static char *
court_case(const char *court, const char *docket, const char *category,
    const char *type, const char *title)
{
	char *id = new_uuid();
	char *q = S("INSERT INTO court_cases (uuid, jurisdiction, court, "
	    "docket_number, title, category, category_name, case_type, "
	    "case_type_name, firm_id, created_at) VALUES ('%s', 'illinois', '%s', "
	    "'%s', '%s', '%s', '', '%s', '', NULL, UTC_TIMESTAMP(6))", id, court,
	    docket, title, category, type);
	ck_assert_int_eq(sql(q), 0);
	free(q);
	return id;
}

static char *
case_party(const char *case_id, const char *type, int business,
    const char *first, const char *middle, const char *last)
{
	char *id = new_uuid();
	char *q = S("INSERT INTO court_case_parties (uuid, case_id, party_type, "
	    "is_business, first_name, middle_name, last_name) SELECT '%s', id, "
	    "'%s', %d, '%s', '%s', '%s' FROM court_cases WHERE uuid = '%s'", id,
	    type, business, first, middle, last, case_id);
	ck_assert_int_eq(sql(q), 0);
	free(q);
	return id;
}

static char *
new_attorney(const struct who *w, const char *bar, const char *first,
    const char *last)
{
	struct hres r;
	char *body = S("{\"barNumber\":\"%s\",\"firstName\":\"%s\","
	    "\"middleName\":null,\"lastName\":\"%s\"}", bar, first, last);
	call(&r, w, "POST", FAS "/attorneys", body);
	char *id = expect_id(&r);
	hres_free(&r);
	free(body);
	return id;
}

/* A service contact as the real client creates one (spec 11). */
static char *
new_contact(const struct who *w, const char *first, const char *last,
    int public)
{
	struct hres r;
	char *body = S("{\"firstName\":\"%s\",\"lastName\":\"%s\",\"email\":"
	    "\"%s@example.com\",\"address\":{\"addressLine1\":\"123 Fakestreet "
	    "Ave\",\"addressLine2\":\"Unit 999\",\"city\":\"Boston\",\"state\":"
	    "\"MA\",\"zipCode\":\"12345\",\"country\":\"US\"},\"phoneNumber\":"
	    "\"9727133770\",\"isPublic\":%s,\"isInFirmMaster\":true,"
	    "\"administrativeCopy\":\"ella.doe@example.com\"}", first, last, last,
	    public ? "true" : "false");
	call(&r, w, "POST", FAS "/service-contacts", body);
	char *id = expect_id(&r);
	hres_free(&r);
	free(body);
	return id;
}

static char *
count_of(const char *table, const char *firm)
{
	char *q = S("SELECT COUNT(*) FROM %s t JOIN firms f ON f.id = t.firm_id "
	    "WHERE f.name = '%s'", table, firm);
	char *v = sql_value(q);
	free(q);
	return v;
}

START_TEST(auth_failures)
{
	struct hres r;
	struct who *w = filer();
	struct who nokey = { "illinois", NULL, NULL, w->token, NULL };
	struct who badkey = { "illinois", "not-a-key-0000000000000000000000",
	    NULL, w->token, NULL };
	struct who notok = { "illinois", w->key, NULL, NULL, NULL };
	struct who nocolon = { "illinois", w->key, NULL, "no-colon-here", NULL };
	struct who unknown = { "illinois", w->key, NULL,
	    S("%s:%s", w->email, "0123456789abcdef0123456789abcdef"), NULL };
	struct who shortsecret = { "illinois", w->key, NULL,
	    S("%s:%s", w->email, "short"), NULL };
	struct who otheremail = { "illinois", w->key, NULL,
	    S("x%s%s", w->email, strchr(w->token, ':')), NULL };
	char *cid = new_uuid();
	static const struct {
		const char	*method;
		const char	*path;
		long		 missing;
	} eps[] = {
		{ "GET", FAS "/firm", 403 },
		{ "PATCH", FAS "/firm", 403 },
		{ "GET", FAS "/attorneys", 403 },
		{ "POST", FAS "/attorneys", 403 },
		{ "GET", FAS "/attorneys/00000000-0000-4000-8000-000000000000", 403 },
		{ "DELETE", FAS "/attorneys/00000000-0000-4000-8000-000000000000", 403 },
		{ "GET", FAS "/service-contacts", 401 },
		{ "POST", FAS "/service-contacts", 401 },
		{ "GET", FAS "/service-contacts/public", 401 },
		{ "PATCH", FAS "/service-contacts/00000000-0000-4000-8000-000000000000",
		    401 },
		{ "PUT", FAS "/service-contacts/00000000-0000-4000-8000-000000000000/"
		    "cases", 401 },
		{ "GET", CASES "/adams/cases?docket_number=x", 401 },
		{ "GET", CASES "/adams/cases/00000000-0000-4000-8000-000000000000",
		    401 },
		{ "GET", CASES "/adams/cases/00000000-0000-4000-8000-000000000000/"
		    "service-information", 401 },
		{ "GET", CASES "/adams/service-contacts/"
		    "00000000-0000-4000-8000-000000000000/cases", 401 },
	};
	for (size_t i = 0; i < sizeof(eps) / sizeof(eps[0]); i++) {
		const char *m = eps[i].method, *p = eps[i].path;
		call(&r, &nokey, m, p, "{}");
		ck_assert_msg(r.status == 401 && r.len == 0, "%s %s no key: %ld",
		    m, p, r.status);
		hres_free(&r);
		call(&r, &badkey, m, p, "{}");
		ck_assert_msg(r.status == 401 && r.len == 0, "%s %s bad key: %ld",
		    m, p, r.status);
		hres_free(&r);
		call(&r, &notok, m, p, "{}");
		ck_assert_msg(r.status == eps[i].missing && r.len == 0,
		    "%s %s no token: %ld", m, p, r.status);
		hres_free(&r);
		call(&r, &nocolon, m, p, "{}");
		ck_assert_msg(r.status == eps[i].missing && r.len == 0,
		    "%s %s no colon: %ld", m, p, r.status);
		hres_free(&r);
		const struct who *bad[] = { &unknown, &shortsecret, &otheremail };
		for (size_t k = 0; k < 3; k++) {
			call(&r, bad[k], m, p, "{}");
			ck_assert_msg(r.status == 401 && r.len == 0,
			    "%s %s bad token %zu: %ld", m, p, k, r.status);
			hres_free(&r);
		}
	}
	/* A session of another jurisdiction is no session here. */
	struct who *ma = filer_in("massachusetts", unique("MA Firm "));
	struct who cross = { "illinois", ma->key, NULL, ma->token, NULL };
	call(&r, &cross, "GET", FAS "/firm", NULL);
	expect(&r, 401, "");
	hres_free(&r);
	/* Unserved jurisdictions are 404. */
	call(&r, w, "GET", "/jurisdictions/texas/firmattorneyservice/firm", NULL);
	expect(&r, 404, NULL);
	hres_free(&r);
	call(&r, w, "GET", "/jurisdictions/texas/cases/courts/adams/cases/x", NULL);
	expect(&r, 404, NULL);
	hres_free(&r);
	/* Nothing was written on any of the refused writes. */
	char *v = count_of("attorneys", w->firm);
	ck_assert_str_eq(v, "0");
	free(v);
	v = count_of("service_contacts", w->firm);
	ck_assert_str_eq(v, "0");
	free(v);
	free(cid);
}
END_TEST

START_TEST(firm_get_and_patch)
{
	struct hres r;
	struct who *w = filer();

	call(&r, w, "GET", FAS "/firm", NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(jget(r.json, "firmName"), w->firm);
	ck_assert_int_eq(strlen(jget(r.json, "firmID")), 36);
	ck_assert_str_eq(jplain(r.json, "isIndividual"), "false");
	ck_assert_str_eq(jplain(r.json, "address"), "{\"addressLine1\":null,"
	    "\"addressLine2\":null,\"city\":null,\"state\":null,\"zipCode\":null,"
	    "\"country\":null}");
	ck_assert_str_eq(jplain(r.json, "phoneNumber"), "null");
	char *firm_id = strdup(jget(r.json, "firmID"));
	hres_free(&r);

	/* The real client's update (spec 11): 200, empty. */
	char *name = unique("Suffolk FIT Lab ");
	char *body = S("{\"firmName\":\"%s\",\"address\":{\"addressLine1\":"
	    "\"121 Tremont Street\"}}", name);
	call(&r, w, "PATCH", FAS "/firm", body);
	expect(&r, 200, "");
	hres_free(&r);
	call(&r, w, "PATCH", FAS "/firm", "{\"phoneNumber\":\"617-555-0100\","
	    "\"address\":{\"city\":\"Boston\",\"state\":\"MA\",\"zipCode\":"
	    "\"02108\",\"country\":\"US\",\"addressLine2\":null},"
	    "\"firmName\":null}");
	expect(&r, 200, "");
	hres_free(&r);
	call(&r, w, "GET", FAS "/firm", NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(jget(r.json, "firmName"), name);
	ck_assert_str_eq(jget(r.json, "firmID"), firm_id);
	ck_assert_str_eq(jget(r.json, "address.addressLine1"), "121 Tremont Street");
	ck_assert_str_eq(jget(r.json, "address.city"), "Boston");
	ck_assert_str_eq(jget(r.json, "address.zipCode"), "02108");
	ck_assert_str_eq(jplain(r.json, "address.addressLine2"), "null");
	ck_assert_str_eq(jget(r.json, "phoneNumber"), "617-555-0100");
	ck_assert_str_eq(jplain(r.json, "isIndividual"), "false");
	char *before = strdup(r.body);
	hres_free(&r);

	/* Bad bodies are refused and change nothing. */
	static const struct {
		const char *body, *msg;
	} bad[] = {
		{ "not json", "The Body passed should be proper JSON" },
		{ "[1]", "The Body passed should be proper JSON" },
		{ "{\"firmName\":\"x\"} trailing", "The Body passed should be proper JSON" },
		{ "", "The Body passed should be proper JSON" },
		{ "{\"firmName\":5}", "firmName: expected a string" },
		{ "{\"firmName\":\"\"}", "firmName: required" },
		{ "{\"firmID\":\"x\"}", "firmID: cannot be set" },
		{ "{\"isIndividual\":true}", "isIndividual: cannot be set" },
		{ "{\"firmName\":\"ok\",\"fax\":\"1\"}", "fax: unknown member" },
		{ "{\"address\":\"Main St\"}", "address: expected an object" },
		{ "{\"address\":{\"street\":\"x\"}}", "address.street: unknown member" },
		{ "{\"address\":{\"city\":[]}}", "address.city: expected a string" },
		{ "{\"address\":{\"zipCode\":\"12345678901234567\"}}",
		    "address.zipCode: at most 16 characters" },
		{ "{\"phoneNumber\":\"1234567890123456789012345678901\"}",
		    "phoneNumber: at most 30 characters" },
		{ "{\"firmName\":\"a\\u0000b\"}", "firmName: not valid UTF-8" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		call(&r, w, "PATCH", FAS "/firm", bad[i].body);
		expect_text(&r, 400, bad[i].msg);
		hres_free(&r);
	}
	/* Another firm's name is taken. */
	struct who *other = filer();
	char *taken = S("{\"firmName\":\"%s\"}", other->firm);
	call(&r, w, "PATCH", FAS "/firm", taken);
	expect_text(&r, 409, "Another firm has that name");
	hres_free(&r);
	call(&r, w, "GET", FAS "/firm", NULL);
	expect(&r, 200, before);
	hres_free(&r);
	/* An empty update changes nothing and succeeds. */
	call(&r, w, "PATCH", FAS "/firm", "{}");
	expect(&r, 200, "");
	hres_free(&r);

	/* An individual's firm says so; the other firm is untouched. */
	struct who *solo = filer_in("illinois", NULL);
	call(&r, solo, "GET", FAS "/firm", NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(jplain(r.json, "isIndividual"), "true");
	ck_assert_str_ne(jget(r.json, "firmID"), firm_id);
	hres_free(&r);
	call(&r, other, "GET", FAS "/firm", NULL);
	ck_assert_str_eq(jget(r.json, "firmName"), other->firm);
	hres_free(&r);
	free(taken);
	free(before);
	free(body);
	free(name);
	free(firm_id);
}
END_TEST

START_TEST(attorneys_crud)
{
	struct hres r;
	struct who *w = filer();

	call(&r, w, "GET", FAS "/attorneys", NULL);
	expect(&r, 200, "[]");
	hres_free(&r);
	/* The real client's calls (spec 11, test_proxy_conn.py). */
	char *id = new_attorney(w, "6224951", "Valarie", "Franklin");
	call(&r, w, "GET", FAS "/attorneys", NULL);
	expect(&r, 200, NULL);
	ck_assert_int_eq(list_len(&r), 1);
	ck_assert_int_eq(find_by(r.json, "barNumber", "6224951"), 0);
	hres_free(&r);
	call(&r, w, "GET", FAS "/firm", NULL);
	char *firm_id = strdup(jget(r.json, "firmID"));
	hres_free(&r);

	char *path = S(FAS "/attorneys/%s", id);
	call(&r, w, "GET", path, NULL);
	expect(&r, 200, NULL);
	char *want = S("{\"attorneyID\":\"%s\",\"barNumber\":\"6224951\","
	    "\"firstName\":\"Valarie\",\"middleName\":null,\"lastName\":"
	    "\"Franklin\",\"email\":null,\"firmID\":\"%s\"}", id, firm_id);
	ck_assert_str_eq(r.body, want);
	hres_free(&r);

	/* update_attorney sends all four, null meaning unchanged. */
	call(&r, w, "PATCH", path, "{\"barNumber\":null,\"firstName\":null,"
	    "\"middleName\":\"Lobert\",\"lastName\":null}");
	char *same = expect_id(&r);
	ck_assert_str_eq(same, id);
	hres_free(&r);
	call(&r, w, "GET", path, NULL);
	ck_assert_str_eq(jget(r.json, "middleName"), "Lobert");
	ck_assert_str_eq(jget(r.json, "firstName"), "Valarie");
	ck_assert_str_eq(jget(r.json, "barNumber"), "6224951");
	hres_free(&r);
	call(&r, w, "PATCH", path, "{\"barNumber\":\"1234\",\"email\":"
	    "\"v.franklin@example.org\",\"lastName\":\"O'Franklin-Smith\"}");
	expect_id(&r);
	hres_free(&r);
	call(&r, w, "GET", path, NULL);
	ck_assert_str_eq(jget(r.json, "barNumber"), "1234");
	ck_assert_str_eq(jget(r.json, "email"), "v.franklin@example.org");
	ck_assert_str_eq(jget(r.json, "lastName"), "O'Franklin-Smith");
	hres_free(&r);

	/* A second attorney; the bar number is the firm's once. */
	char *id2 = new_attorney(w, "42", "Ruth", "Ginsburg");
	call(&r, w, "POST", FAS "/attorneys", "{\"barNumber\":\"42\","
	    "\"firstName\":\"Dup\",\"lastName\":\"Licate\"}");
	expect_text(&r, 409, "An attorney with that bar number is already in the "
	    "firm");
	hres_free(&r);
	call(&r, w, "PATCH", path, "{\"barNumber\":\"42\"}");
	expect_text(&r, 409, "An attorney with that bar number is already in the "
	    "firm");
	hres_free(&r);
	/* Another firm may have the same number. */
	struct who *other = filer();
	free(new_attorney(other, "42", "Ruth", "Ginsburg"));

	/* Delete: exactly 200, then 404. */
	call(&r, w, "DELETE", path, NULL);
	expect(&r, 200, "");
	hres_free(&r);
	call(&r, w, "GET", path, NULL);
	expect_text(&r, 404, S("No attorney with id %s", id));
	hres_free(&r);
	call(&r, w, "DELETE", path, NULL);
	expect_text(&r, 404, S("No attorney with id %s", id));
	hres_free(&r);
	call(&r, w, "PATCH", path, "{\"firstName\":\"Ghost\"}");
	expect_text(&r, 404, S("No attorney with id %s", id));
	hres_free(&r);
	call(&r, w, "GET", FAS "/attorneys", NULL);
	ck_assert_int_eq(list_len(&r), 1);
	ck_assert_int_eq(find_by(r.json, "attorneyID", id2), 0);
	hres_free(&r);
	/* Ids that are not UUIDs are just unknown. */
	call(&r, w, "GET", FAS "/attorneys/nope", NULL);
	expect_text(&r, 404, "No attorney with id nope");
	hres_free(&r);
	free(want);
	free(path);
	free(same);
	free(firm_id);
	free(id);
	free(id2);
}
END_TEST

START_TEST(attorney_bar_numbers)
{
	struct hres r;
	struct who *w = filer();
	static const struct {
		const char *body, *msg;
	} bad[] = {
		{ "{\"firstName\":\"A\",\"lastName\":\"B\"}", "Bar number required" },
		{ "{\"barNumber\":null,\"firstName\":\"A\",\"lastName\":\"B\"}",
		    "Bar number required" },
		{ "{\"barNumber\":\"\",\"firstName\":\"A\",\"lastName\":\"B\"}",
		    "Bar number required" },
		{ "{\"barNumber\":\"abc\",\"firstName\":\"A\",\"lastName\":\"B\"}",
		    "Bar number doesn't match regex: ^[0-9]{1,8}$" },
		{ "{\"barNumber\":\"123456789\",\"firstName\":\"A\",\"lastName\":"
		    "\"B\"}", "Bar number doesn't match regex: ^[0-9]{1,8}$" },
		{ "{\"barNumber\":\"12 34\",\"firstName\":\"A\",\"lastName\":\"B\"}",
		    "Bar number doesn't match regex: ^[0-9]{1,8}$" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		call(&r, w, "POST", FAS "/attorneys", bad[i].body);
		expect_text(&r, 400, bad[i].msg);
		hres_free(&r);
	}
	/* An update is held to the same rule, and changes nothing. */
	char *id = new_attorney(w, "777", "Thurgood", "Marshall");
	char *path = S(FAS "/attorneys/%s", id);
	call(&r, w, "PATCH", path, "{\"barNumber\":\"x7\",\"firstName\":\"T\"}");
	expect_text(&r, 400, "Bar number doesn't match regex: ^[0-9]{1,8}$");
	hres_free(&r);
	call(&r, w, "PATCH", path, "{\"barNumber\":\"\"}");
	expect_text(&r, 400, "Bar number required");
	hres_free(&r);
	call(&r, w, "GET", path, NULL);
	ck_assert_str_eq(jget(r.json, "barNumber"), "777");
	ck_assert_str_eq(jget(r.json, "firstName"), "Thurgood");
	hres_free(&r);
	/* Massachusetts holds its own rule (BBO numbers: six digits). */
	struct who *ma = filer_in("massachusetts", unique("MA Firm "));
	const char *mafas = "/jurisdictions/massachusetts/firmattorneyservice";
	call(&r, ma, "POST", S("%s/attorneys", mafas), "{\"barNumber\":\"777\","
	    "\"firstName\":\"A\",\"lastName\":\"B\"}");
	expect_text(&r, 400, "Bar number doesn't match regex: ^[0-9]{6}$");
	hres_free(&r);
	call(&r, ma, "POST", S("%s/attorneys", mafas), "{\"barNumber\":\"123456\","
	    "\"firstName\":\"A\",\"lastName\":\"B\"}");
	free(expect_id(&r));
	hres_free(&r);
	/* The Illinois firm sees none of Massachusetts'. */
	call(&r, w, "GET", FAS "/attorneys", NULL);
	ck_assert_int_eq(list_len(&r), 1);
	hres_free(&r);
	free(path);
	free(id);
}
END_TEST

START_TEST(attorney_bad_bodies)
{
	struct hres r;
	struct who *w = filer();
	static const struct {
		const char *body, *msg;
	} bad[] = {
		{ NULL, "The Body passed should be proper JSON" },
		{ "not json", "The Body passed should be proper JSON" },
		{ "[]", "The Body passed should be proper JSON" },
		{ "\"6224951\"", "The Body passed should be proper JSON" },
		{ "{\"barNumber\":\"1\",}", "The Body passed should be proper JSON" },
		{ "{\"barNumber\":6224951,\"firstName\":\"A\",\"lastName\":\"B\"}",
		    "barNumber: expected a string" },
		{ "{\"barNumber\":\"1\",\"firstName\":true,\"lastName\":\"B\"}",
		    "firstName: expected a string" },
		{ "{\"barNumber\":\"1\",\"firstName\":\"A\"}", "lastName: required" },
		{ "{\"barNumber\":\"1\",\"firstName\":\"\",\"lastName\":\"B\"}",
		    "firstName: required" },
		{ "{\"barNumber\":\"1\",\"firstName\":\"A\",\"lastName\":\"B\","
		    "\"attorneyID\":\"x\"}", "attorneyID: cannot be set" },
		{ "{\"barNumber\":\"1\",\"firstName\":\"A\",\"lastName\":\"B\","
		    "\"firmID\":\"x\"}", "firmID: cannot be set" },
		{ "{\"barNumber\":\"1\",\"firstName\":\"A\",\"lastName\":\"B\","
		    "\"suffix\":\"Jr\"}", "suffix: unknown member" },
		{ "{\"barNumber\":\"1\",\"firstName\":\"A\",\"lastName\":\"B\","
		    "\"email\":\"not-an-address\"}", "email: not a valid e-mail address" },
		{ "{\"barNumber\":\"1\",\"firstName\":\"A\",\"lastName\":\"B\","
		    "\"email\":5}", "email: expected a string" },
		{ "{\"barNumber\":\"123456789012345678901\",\"firstName\":\"A\","
		    "\"lastName\":\"B\"}", "barNumber: at most 20 characters" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		call(&r, w, "POST", FAS "/attorneys", bad[i].body);
		ck_assert_msg(r.status == 400, "%s: %ld", bad[i].body, r.status);
		expect_text(&r, 400, bad[i].msg);
		hres_free(&r);
	}
	/* Names at the limit pass; one more character does not. */
	char n100[101], n101[102];
	memset(n100, 'a', 100);
	n100[100] = '\0';
	memset(n101, 'b', 101);
	n101[101] = '\0';
	char *ok = S("{\"barNumber\":\"1\",\"firstName\":\"%s\",\"lastName\":"
	    "\"%s\"}", n100, "\xc3\xa9tienne");
	call(&r, w, "POST", FAS "/attorneys", ok);
	free(expect_id(&r));
	hres_free(&r);
	char *lng = S("{\"barNumber\":\"2\",\"firstName\":\"%s\",\"lastName\":"
	    "\"B\"}", n101);
	call(&r, w, "POST", FAS "/attorneys", lng);
	expect_text(&r, 400, "firstName: at most 100 characters");
	hres_free(&r);
	/* Over 64 KiB is refused before it is read. */
	size_t big = 70000;
	char *huge = malloc(big + 64);
	int n = snprintf(huge, big + 64, "{\"barNumber\":\"3\",\"firstName\":\"");
	memset(huge + n, 'x', big);
	strcpy(huge + n + big, "\",\"lastName\":\"B\"}");
	call(&r, w, "POST", FAS "/attorneys", huge);
	expect(&r, 413, NULL);
	hres_free(&r);
	/* Only the one good attorney was written. */
	char *v = count_of("attorneys", w->firm);
	ck_assert_str_eq(v, "1");
	free(v);
	/* Bad updates change nothing either. */
	call(&r, w, "GET", FAS "/attorneys", NULL);
	const char *id = jget(r.json, "0.attorneyID");
	char *path = S(FAS "/attorneys/%s", id);
	hres_free(&r);
	call(&r, w, "GET", path, NULL);
	char *before = strdup(r.body);
	hres_free(&r);
	const char *upd[] = {
		"nope", "{\"firstName\":\"\"}", "{\"lastName\":5}",
		"{\"attorneyID\":\"00000000-0000-4000-8000-000000000000\"}",
		"{\"email\":\"x@\"}", "{\"middleName\":\"ok\",\"other\":1}",
	};
	for (size_t i = 0; i < sizeof(upd) / sizeof(upd[0]); i++) {
		call(&r, w, "PATCH", path, upd[i]);
		ck_assert_msg(r.status == 400, "%s: %ld", upd[i], r.status);
		hres_free(&r);
	}
	call(&r, w, "GET", path, NULL);
	expect(&r, 200, before);
	hres_free(&r);
	free(before);
	free(path);
	free(huge);
	free(ok);
	free(lng);
}
END_TEST

START_TEST(another_firms_ids)
{
	struct hres r;
	struct who *a = filer(), *b = filer();
	char *att = new_attorney(a, "1001", "Alice", "Able");
	char *sc = new_contact(a, "Carol", unique("Contact"), 0);
	char *ap = S(FAS "/attorneys/%s", att), *sp = S(FAS "/service-contacts/%s",
	    sc);
	char *case_id = court_case("adams", unique("2024-AF-"), "184", "25361",
	    "Able v. Baker");

	/* B sees neither in its lists, and each id is 404 with no data. */
	call(&r, b, "GET", FAS "/attorneys", NULL);
	expect(&r, 200, "[]");
	hres_free(&r);
	call(&r, b, "GET", FAS "/service-contacts", NULL);
	expect(&r, 200, "[]");
	hres_free(&r);
	char *an = S("No attorney with id %s", att);
	char *sn = S("No service contact with id %s", sc);
	call(&r, b, "GET", ap, NULL);
	expect_text(&r, 404, an);
	hres_free(&r);
	call(&r, b, "PATCH", ap, "{\"firstName\":\"Mallory\"}");
	expect_text(&r, 404, an);
	hres_free(&r);
	call(&r, b, "DELETE", ap, NULL);
	expect_text(&r, 404, an);
	hres_free(&r);
	call(&r, b, "GET", sp, NULL);
	expect_text(&r, 404, sn);
	hres_free(&r);
	call(&r, b, "PATCH", sp, "{\"firstName\":\"Mallory\"}");
	expect_text(&r, 404, sn);
	hres_free(&r);
	call(&r, b, "DELETE", sp, NULL);
	expect_text(&r, 404, sn);
	hres_free(&r);
	char *body = S("{\"caseId\":\"%s\"}", case_id);
	call(&r, b, "PUT", S("%s/cases", sp), body);
	expect_text(&r, 404, sn);
	hres_free(&r);
	call(&r, b, "DELETE", S("%s/cases/%s", sp, case_id), NULL);
	expect_text(&r, 404, sn);
	hres_free(&r);
	call(&r, b, "GET", S(CASES "/adams/service-contacts/%s/cases", sc), NULL);
	expect_text(&r, 404, sn);
	hres_free(&r);

	/* A's attach shows in A's service information, never in B's. */
	call(&r, a, "PUT", S("%s/cases", sp), body);
	expect(&r, 201, "");
	hres_free(&r);
	call(&r, b, "GET", S(CASES "/adams/cases/%s/service-information", case_id),
	    NULL);
	expect(&r, 200, "[]");
	hres_free(&r);
	call(&r, b, "GET", S(CASES "/adams/cases/%s/service-information-history",
	    case_id), NULL);
	expect(&r, 200, "[]");
	hres_free(&r);
	call(&r, a, "GET", S(CASES "/adams/cases/%s/service-information", case_id),
	    NULL);
	ck_assert_int_eq(list_len(&r), 1);
	hres_free(&r);

	/* A's rows are as they were. */
	call(&r, a, "GET", ap, NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(jget(r.json, "firstName"), "Alice");
	hres_free(&r);
	call(&r, a, "GET", sp, NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(jget(r.json, "firstName"), "Carol");
	hres_free(&r);
	free(an);
	free(sn);
	free(body);
	free(ap);
	free(sp);
	free(att);
	free(sc);
	free(case_id);
}
END_TEST

START_TEST(contacts_crud)
{
	struct hres r;
	struct who *w = filer();

	call(&r, w, "GET", FAS "/service-contacts", NULL);
	expect(&r, 200, "[]");
	hres_free(&r);
	/* The real client's create and update (spec 11). */
	char *id = new_contact(w, "Ella", "Doe", 0);
	char *path = S(FAS "/service-contacts/%s", id);
	struct hres fr;
	call(&fr, w, "GET", FAS "/firm", NULL);
	char *want = S("{\"serviceContactID\":\"%s\",\"firstName\":\"Ella\","
	    "\"middleName\":null,\"lastName\":\"Doe\",\"email\":"
	    "\"Doe@example.com\",\"administrativeCopy\":\"ella.doe@example.com\","
	    "\"address\":{\"addressLine1\":\"123 Fakestreet Ave\",\"addressLine2\":"
	    "\"Unit 999\",\"city\":\"Boston\",\"state\":\"MA\",\"zipCode\":"
	    "\"12345\",\"country\":\"US\"},\"phoneNumber\":\"9727133770\","
	    "\"isPublic\":{\"value\":false},\"isInFirmMasterList\":{\"value\":true},"
	    "\"isUndeliverable\":{\"value\":false},\"isMailServiceContact\":"
	    "{\"value\":false},\"firmID\":\"%s\",\"firmName\":\"%s\","
	    "\"addByFirmName\":\"%s\"}", id, jget(fr.json, "firmID"), w->firm,
	    w->firm);
	hres_free(&r);
	call(&r, w, "GET", path, NULL);
	ck_assert_str_eq(r.body, want);
	hres_free(&r);
	hres_free(&fr);

	/* The update sends the whole dict again, flags null (unchanged). */
	char *upd = S("{\"firstName\":\"Ella\",\"lastName\":\"Doe\",\"email\":"
	    "\"different@example.com\",\"middleName\":\"\\\"Lorde\\\"\","
	    "\"address\":{\"addressLine1\":\"123 Fakestreet Ave\",\"addressLine2\":"
	    "\"Unit 999\",\"city\":\"Boston\",\"state\":\"MA\",\"zipCode\":"
	    "\"12345\",\"country\":\"US\"},\"phoneNumber\":\"9727133770\","
	    "\"isPublic\":false,\"isInFirmMasterList\":null,"
	    "\"administrativeCopy\":null}");
	call(&r, w, "PATCH", path, upd);
	char *same = expect_id(&r);
	ck_assert_str_eq(same, id);
	hres_free(&r);
	call(&r, w, "GET", path, NULL);
	ck_assert_str_eq(jget(r.json, "email"), "different@example.com");
	ck_assert_str_eq(jget(r.json, "middleName"), "\"Lorde\"");
	ck_assert_str_eq(jget(r.json, "administrativeCopy"), "ella.doe@example.com");
	ck_assert_str_eq(jplain(r.json, "isInFirmMasterList"), "{\"value\":true}");
	hres_free(&r);
	/* Flags as plain booleans or as the {"value": b} the list shows. */
	call(&r, w, "PATCH", path, "{\"isPublic\":{\"value\":true},"
	    "\"isInFirmMasterList\":false,\"address\":{\"city\":\"Chicago\"}}");
	expect_id(&r);
	hres_free(&r);
	call(&r, w, "GET", path, NULL);
	ck_assert_str_eq(jplain(r.json, "isPublic"), "{\"value\":true}");
	ck_assert_str_eq(jplain(r.json, "isInFirmMasterList"), "{\"value\":false}");
	ck_assert_str_eq(jget(r.json, "address.city"), "Chicago");
	ck_assert_str_eq(jget(r.json, "address.state"), "MA");
	hres_free(&r);

	/* Names are free text here: quotes, digits, symbols, any script. */
	call(&r, w, "POST", FAS "/service-contacts", "{\"firstName\":\"J.R. "
	    "\\\"Bob\\\" 3rd\",\"lastName\":\"d'Arc & S\xc3\xb8n (Esq.)\","
	    "\"email\":\"jr@example.org\"}");
	char *id2 = expect_id(&r);
	hres_free(&r);
	call(&r, w, "GET", FAS "/service-contacts", NULL);
	ck_assert_int_eq(list_len(&r), 2);
	int k = find_by(r.json, "serviceContactID", id2);
	ck_assert_int_ge(k, 0);
	ck_assert_str_eq(jget(json_object_array_get_idx(r.json, (size_t)k),
	    "lastName"), "d'Arc & S\xc3\xb8n (Esq.)");
	ck_assert_str_eq(jplain(json_object_array_get_idx(r.json, (size_t)k),
	    "isPublic"), "{\"value\":false}");
	ck_assert_str_eq(jplain(json_object_array_get_idx(r.json, (size_t)k),
	    "isInFirmMasterList"), "{\"value\":false}");
	hres_free(&r);

	/* Delete: 200, then 404. */
	call(&r, w, "DELETE", path, NULL);
	expect(&r, 200, "");
	hres_free(&r);
	char *nf = S("No service contact with id %s", id);
	call(&r, w, "GET", path, NULL);
	expect_text(&r, 404, nf);
	hres_free(&r);
	call(&r, w, "PATCH", path, "{\"firstName\":\"Z\"}");
	expect_text(&r, 404, nf);
	hres_free(&r);
	call(&r, w, "DELETE", path, NULL);
	expect_text(&r, 404, nf);
	hres_free(&r);
	/* Python's None as an id: 400, empty, as the reference answers. */
	call(&r, w, "GET", FAS "/service-contacts/None", NULL);
	expect(&r, 400, "");
	hres_free(&r);
	call(&r, w, "PATCH", FAS "/service-contacts/None", "{}");
	expect(&r, 400, "");
	hres_free(&r);
	free(nf);
	free(want);
	free(upd);
	free(same);
	free(path);
	free(id);
	free(id2);
}
END_TEST

START_TEST(contact_bad_bodies)
{
	struct hres r;
	struct who *w = filer();
	const char *cannot = "\"Cannot read service contact input\"";
	const char *shape[] = {
		NULL, "", "not json", "[]", "5", "{\"firstName\":\"A\"",
		"{\"firstName\":5,\"lastName\":\"B\",\"email\":\"a@b.org\"}",
		"{\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b.org\","
		    "\"isPublic\":\"yes\"}",
		"{\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b.org\","
		    "\"nickname\":\"x\"}",
		"{\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b.org\","
		    "\"isInFirmMasterList\":true}",
		"{\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b.org\","
		    "\"serviceContactID\":\"x\"}",
		"{\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b.org\","
		    "\"address\":[]}",
		"{\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b.org\","
		    "\"address\":{\"unit\":\"1\"}}",
	};
	for (size_t i = 0; i < sizeof(shape) / sizeof(shape[0]); i++) {
		call(&r, w, "POST", FAS "/service-contacts", shape[i]);
		ck_assert_msg(r.status == 400, "%s: %ld", shape[i], r.status);
		expect(&r, 400, cannot);
		char *ct = hres_header(&r, "Content-Type");
		ck_assert_str_eq(ct, "application/json");
		free(ct);
		hres_free(&r);
	}
	static const struct {
		const char *body, *msg;
	} value[] = {
		{ "{\"firstName\":\"A\",\"lastName\":\"B\"}", "email: required" },
		{ "{\"lastName\":\"B\",\"email\":\"a@b.org\"}", "firstName: required" },
		{ "{\"firstName\":\"A\",\"lastName\":\"\",\"email\":\"a@b.org\"}",
		    "lastName: required" },
		{ "{\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a.b.org\"}",
		    "email: not a valid e-mail address" },
		{ "{\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b.org\","
		    "\"administrativeCopy\":\"copy at b\"}",
		    "administrativeCopy: not a valid e-mail address" },
		{ "{\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b.org\","
		    "\"address\":{\"city\":\"123456789012345678901234567890123456789012"
		    "345678901\"}}", "address.city: at most 50 characters" },
	};
	for (size_t i = 0; i < sizeof(value) / sizeof(value[0]); i++) {
		call(&r, w, "POST", FAS "/service-contacts", value[i].body);
		expect_text(&r, 400, value[i].msg);
		hres_free(&r);
	}
	char *v = count_of("service_contacts", w->firm);
	ck_assert_str_eq(v, "0");
	free(v);

	/* Updates: text reasons, and nothing changes. */
	char *id = new_contact(w, "Ella", "Doe", 0);
	char *path = S(FAS "/service-contacts/%s", id);
	call(&r, w, "GET", path, NULL);
	char *before = strdup(r.body);
	hres_free(&r);
	static const struct {
		const char *body, *msg;
	} upd[] = {
		{ "nope", "Cannot read service contact input" },
		{ "{\"isInFirmMaster\":true}", "isInFirmMaster: cannot be set" },
		{ "{\"firstName\":\"\"}", "firstName: required" },
		{ "{\"email\":\"x\"}", "email: not a valid e-mail address" },
		{ "{\"isPublic\":1}", "isPublic: expected true or false" },
		{ "{\"isPublic\":{\"value\":\"true\"}}",
		    "isPublic: expected true or false" },
		{ "{\"firmName\":\"Other\"}", "firmName: cannot be set" },
		{ "{\"phoneNumber\":[\"1\"]}", "phoneNumber: expected a string" },
	};
	for (size_t i = 0; i < sizeof(upd) / sizeof(upd[0]); i++) {
		call(&r, w, "PATCH", path, upd[i].body);
		expect_text(&r, 400, upd[i].msg);
		hres_free(&r);
	}
	call(&r, w, "GET", path, NULL);
	expect(&r, 200, before);
	hres_free(&r);
	free(before);
	free(path);
	free(id);
}
END_TEST

START_TEST(public_list)
{
	struct hres r;
	struct who *a = filer(), *b = filer();
	char *last = unique("Publique");
	char *pub = new_contact(b, "Pat", last, 1);
	char *priv = new_contact(b, "Quinn", last, 0);
	char *mine = new_contact(a, "Robin", last, 1);

	/* GET with a JSON body (spec 1.2): every firm's public contacts. */
	char *body = S("{\"firstName\":null,\"middleName\":null,\"lastName\":"
	    "\"%s\",\"email\":null}", last);
	call(&r, a, "GET", FAS "/service-contacts/public", body);
	expect(&r, 200, NULL);
	ck_assert_int_eq(list_len(&r), 2);
	int k = find_by(r.json, "serviceContactID", pub);
	ck_assert_int_ge(k, 0);
	json_object *o = json_object_array_get_idx(r.json, (size_t)k);
	ck_assert_str_eq(jget(o, "firmName"), b->firm);
	ck_assert_str_eq(jget(o, "addByFirmName"), b->firm);
	ck_assert_str_eq(jplain(o, "isPublic"), "{\"value\":true}");
	ck_assert_int_ge(find_by(r.json, "serviceContactID", mine), 0);
	ck_assert_int_lt(find_by(r.json, "serviceContactID", priv), 0);
	hres_free(&r);
	/* Prefixes, any case, and several fields at once. */
	char *lower = strdup(last);
	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	lower[strlen(lower) - 2] = '\0';
	free(body);
	body = S("{\"lastName\":\"%s\",\"firstName\":\"pa\"}", lower);
	call(&r, a, "GET", FAS "/service-contacts/public", body);
	expect(&r, 200, NULL);
	ck_assert_int_eq(list_len(&r), 1);
	ck_assert_str_eq(jget(r.json, "0.serviceContactID"), pub);
	hres_free(&r);
	free(body);
	body = S("{\"lastName\":\"%s\",\"firmName\":\"%s\"}", last, a->firm);
	call(&r, a, "GET", FAS "/service-contacts/public", body);
	ck_assert_int_eq(list_len(&r), 1);
	ck_assert_str_eq(jget(r.json, "0.serviceContactID"), mine);
	hres_free(&r);
	free(body);
	body = S("{\"lastName\":\"%s\",\"email\":\"nobody\"}", last);
	call(&r, a, "GET", FAS "/service-contacts/public", body);
	expect(&r, 200, "[]");
	hres_free(&r);
	/* LIKE's own characters are plain text. */
	call(&r, a, "GET", FAS "/service-contacts/public", "{\"lastName\":\"%\"}");
	expect(&r, 200, "[]");
	hres_free(&r);
	call(&r, a, "GET", FAS "/service-contacts/public", "{\"lastName\":\"_\"}");
	expect(&r, 200, "[]");
	hres_free(&r);
	/* No body at all (get_public_list): every public contact. */
	call(&r, a, "GET", FAS "/service-contacts/public", NULL);
	expect(&r, 200, NULL);
	ck_assert_int_ge(find_by(r.json, "serviceContactID", pub), 0);
	ck_assert_int_lt(find_by(r.json, "serviceContactID", priv), 0);
	hres_free(&r);
	/* Bad bodies. */
	call(&r, a, "GET", FAS "/service-contacts/public", "{\"lastName\":");
	expect_text(&r, 400, "The Body passed should be proper JSON");
	hres_free(&r);
	call(&r, a, "GET", FAS "/service-contacts/public", "{\"phone\":\"1\"}");
	expect_text(&r, 400, "phone: unknown member");
	hres_free(&r);
	call(&r, a, "GET", FAS "/service-contacts/public", "{\"lastName\":7}");
	expect_text(&r, 400, "lastName: expected a string");
	hres_free(&r);
	/* Massachusetts' public contacts are not Illinois'. */
	struct who *ma = filer_in("massachusetts", unique("MA Firm "));
	free(body);
	body = S("{\"lastName\":\"%s\"}", last);
	call(&r, ma, "GET",
	    "/jurisdictions/massachusetts/firmattorneyservice/service-contacts/"
	    "public", body);
	expect(&r, 200, "[]");
	hres_free(&r);
	free(body);
	free(lower);
	free(last);
	free(pub);
	free(priv);
	free(mine);
}
END_TEST

START_TEST(attach_and_detach)
{
	struct hres r;
	struct who *w = filer();
	char *sc = new_contact(w, "Sam", unique("Server"), 0);
	char *sp = S(FAS "/service-contacts/%s", sc);
	char *cases = S("%s/cases", sp);
	char *case_id = court_case("adams", unique("2024-EV-"), "184", "25361",
	    "Landlord v. Tenant");
	char *party = case_party(case_id, "TEN", 0, "Terry", "", "Tenant");
	char *body = S("{\"caseId\":\"%s\"}", case_id);

	/* New: 201 with the case id as Location; again: 204. */
	call(&r, w, "PUT", cases, body);
	expect(&r, 201, "");
	char *loc = hres_header(&r, "Location");
	ck_assert_str_eq(loc, case_id);
	free(loc);
	hres_free(&r);
	call(&r, w, "PUT", cases, body);
	expect(&r, 204, "");
	hres_free(&r);
	/* The real client spells the party casepartyId: ignored, as the
	 * reference ignores it, so this is the same case-wide attachment. */
	char *quirk = S("{\"caseId\":\"%s\",\"casepartyId\":\"%s\"}", case_id,
	    party);
	call(&r, w, "PUT", cases, quirk);
	expect(&r, 204, "");
	hres_free(&r);
	free(quirk);
	quirk = S("{\"caseId\":\"%s\",\"casepartyId\":null}", case_id);
	call(&r, w, "PUT", cases, quirk);
	expect(&r, 204, "");
	hres_free(&r);
	/* casePartyId attaches for that party. */
	char *for_party = S("{\"caseId\":\"%s\",\"casePartyId\":\"%s\"}", case_id,
	    party);
	call(&r, w, "PUT", cases, for_party);
	expect(&r, 201, "");
	hres_free(&r);
	call(&r, w, "PUT", cases, for_party);
	expect(&r, 204, "");
	hres_free(&r);

	char *info = S(CASES "/adams/cases/%s/service-information", case_id);
	call(&r, w, "GET", info, NULL);
	expect(&r, 200, NULL);
	ck_assert_int_eq(list_len(&r), 2);
	ck_assert_str_eq(jget(r.json, "0.serviceContactID"), sc);
	ck_assert_str_eq(jplain(r.json, "0.casePartyID"), "null");
	ck_assert_str_eq(jget(r.json, "1.casePartyID"), party);
	ck_assert_str_eq(jget(r.json, "1.firstName"), "Sam");
	hres_free(&r);
	/* The contact's cases in that court; none in another. */
	call(&r, w, "GET", S(CASES "/adams/service-contacts/%s/cases", sc), NULL);
	expect(&r, 200, NULL);
	ck_assert_int_eq(list_len(&r), 1);
	ck_assert_str_eq(jget(r.json, "0.value.caseTrackingID.value"), case_id);
	hres_free(&r);
	call(&r, w, "GET", S(CASES "/sangamon/service-contacts/%s/cases", sc),
	    NULL);
	expect(&r, 200, "[]");
	hres_free(&r);
	call(&r, w, "GET", S(CASES "/nowhere/service-contacts/%s/cases", sc), NULL);
	expect_text(&r, 404, "nowhere not in available courts to search");
	hres_free(&r);

	/* Refused attachments. */
	char *other_case = new_uuid(), *other_party = new_uuid();
	static const char *const no_case[] = {
		"{}", "{\"caseId\":null}", "{\"caseId\":5}", "not json", "[]",
		"{\"casePartyId\":\"x\"}",
	};
	for (size_t i = 0; i < sizeof(no_case) / sizeof(no_case[0]); i++) {
		call(&r, w, "PUT", cases, no_case[i]);
		expect_text(&r, 400, "Need to pass in caseId as text");
		hres_free(&r);
	}
	call(&r, w, "PUT", cases, NULL);
	expect_text(&r, 400, "Need to pass in caseId as text");
	hres_free(&r);
	call(&r, w, "PUT", cases, S("{\"caseId\":\"%s\",\"extra\":1}", case_id));
	expect_text(&r, 400, "extra: unknown member");
	hres_free(&r);
	call(&r, w, "PUT", cases, S("{\"caseId\":\"%s\",\"casePartyId\":5}",
	    case_id));
	expect_text(&r, 400, "casePartyId: expected an id as text");
	hres_free(&r);
	call(&r, w, "PUT", cases, S("{\"caseId\":\"%s\"}", other_case));
	expect_text(&r, 404, S("No case with id %s", other_case));
	hres_free(&r);
	call(&r, w, "PUT", cases, "{\"caseId\":\"not-a-case\"}");
	expect_text(&r, 404, "No case with id not-a-case");
	hres_free(&r);
	call(&r, w, "PUT", cases, S("{\"caseId\":\"%s\",\"casePartyId\":\"%s\"}",
	    case_id, other_party));
	expect_text(&r, 404, S("No party %s in case %s", other_party, case_id));
	hres_free(&r);
	/* A party of another case is not a party of this one. */
	char *case2 = court_case("adams", unique("2024-EV-"), "184", "25361",
	    "Other v. Case");
	char *party2 = case_party(case2, "PLT", 0, "Olive", "", "Other");
	call(&r, w, "PUT", cases, S("{\"caseId\":\"%s\",\"casePartyId\":\"%s\"}",
	    case_id, party2));
	expect_text(&r, 404, S("No party %s in case %s", party2, case_id));
	hres_free(&r);
	call(&r, w, "PUT", S(FAS "/service-contacts/%s/cases", other_case), body);
	expect_text(&r, 404, S("No service contact with id %s", other_case));
	hres_free(&r);
	/* Still the same two. */
	call(&r, w, "GET", info, NULL);
	ck_assert_int_eq(list_len(&r), 2);
	hres_free(&r);

	/* Detach the party's, then the rest; then nothing is left. */
	call(&r, w, "DELETE", S("%s/%s?case_party_id=%s", cases, case_id, party),
	    NULL);
	expect(&r, 200, "");
	hres_free(&r);
	call(&r, w, "DELETE", S("%s/%s?case_party_id=%s", cases, case_id, party),
	    NULL);
	expect_text(&r, 404, S("Service contact %s is not attached to case %s", sc,
	    case_id));
	hres_free(&r);
	call(&r, w, "GET", info, NULL);
	ck_assert_int_eq(list_len(&r), 1);
	hres_free(&r);
	call(&r, w, "DELETE", S("%s/%s?case_party_id=%s", cases, case_id,
	    other_party), NULL);
	expect_text(&r, 404, S("No party %s in case %s", other_party, case_id));
	hres_free(&r);
	call(&r, w, "DELETE", S("%s/%s", cases, other_case), NULL);
	expect_text(&r, 404, S("No case with id %s", other_case));
	hres_free(&r);
	call(&r, w, "DELETE", S("%s/%s?case_party_id=", cases, case_id), NULL);
	expect(&r, 200, "");
	hres_free(&r);
	call(&r, w, "DELETE", S("%s/%s", cases, case_id), NULL);
	expect_text(&r, 404, S("Service contact %s is not attached to case %s", sc,
	    case_id));
	hres_free(&r);
	call(&r, w, "GET", info, NULL);
	expect(&r, 200, "[]");
	hres_free(&r);

	/* The history: every attach and detach, oldest first. */
	call(&r, w, "GET", S(CASES "/adams/cases/%s/service-information-history",
	    case_id), NULL);
	expect(&r, 200, NULL);
	ck_assert_int_eq(list_len(&r), 4);
	ck_assert_str_eq(jget(r.json, "0.action"), "attached");
	ck_assert_str_eq(jplain(r.json, "0.casePartyID"), "null");
	ck_assert_str_eq(jget(r.json, "1.action"), "attached");
	ck_assert_str_eq(jget(r.json, "1.casePartyID"), party);
	ck_assert_str_eq(jget(r.json, "2.action"), "detached");
	ck_assert_str_eq(jget(r.json, "2.casePartyID"), party);
	ck_assert_str_eq(jget(r.json, "3.action"), "detached");
	ck_assert_str_eq(jget(r.json, "3.serviceContactID"), sc);
	const char *when = jget(r.json, "0.actionDate");
	ck_assert_int_eq(strlen(when), 27);
	ck_assert_int_eq(when[10], 'T');
	ck_assert_int_eq(when[26], 'Z');
	hres_free(&r);

	/* Deleting a contact that is attached takes its attachments along. */
	call(&r, w, "PUT", cases, body);
	expect(&r, 201, "");
	hres_free(&r);
	call(&r, w, "DELETE", sp, NULL);
	expect(&r, 200, "");
	hres_free(&r);
	call(&r, w, "GET", info, NULL);
	expect(&r, 200, "[]");
	hres_free(&r);
	free(body);
	free(for_party);
	free(quirk);
	free(info);
	free(sp);
	free(cases);
	free(sc);
	free(case_id);
	free(party);
}
END_TEST

START_TEST(case_search)
{
	struct hres r;
	struct who *w = filer();
	char *last = unique("Brown");
	char *biz = unique("Acme Widgets ");
	char *d1 = unique("2024-EV-"), *d2 = unique("2024-SC-"), *d3 =
	    unique("2024-EV-");
	char *c1 = court_case("adams", d1, "184", "25361", "Landlord v. Brown");
	char *p1 = case_party(c1, "PLT", 1, biz, "", "");
	char *p2 = case_party(c1, "DEF", 0, "John", "Quincy", last);
	char *c2 = court_case("adams", d2, "185", "25363", "Brown v. Neighbor");
	free(case_party(c2, "PLT", 0, "John", "", last));
	char *c3 = court_case("sangamon", d3, "184", "25361", "Other v. Brown");
	free(case_party(c3, "DEF", 0, "John", "", last));
	char *empty = court_case("adams", unique("2024-NP-"), "184", "25362",
	    "No Parties");

	/* By docket number: the case in the reference's ECF shape. */
	call(&r, w, "GET", S(CASES "/adams/cases?docket_number=%s", d1), NULL);
	expect(&r, 200, NULL);
	ck_assert_int_eq(list_len(&r), 1);
	json_object *e = json_object_array_get_idx(r.json, 0);
	ck_assert_str_eq(jget(e, "name"), "{urn:oasis:names:tc:legalxml-"
	    "courtfiling:schema:xsd:CivilCase-4.0}CivilCase");
	ck_assert_str_eq(jget(e, "value.caseTrackingID.value"), c1);
	ck_assert_str_eq(jget(e, "value.caseDocketID.value"), d1);
	ck_assert_str_eq(jget(e, "value.caseTitleText.value"), "Landlord v. Brown");
	ck_assert_str_eq(jget(e, "value.caseCategoryText.value"), "184");
	ck_assert_ptr_nonnull(jfind(e,
	    "value.activityDateRepresentation.value.dateRepresentation.value.value"));
	ck_assert_str_eq(jget(e, "value.rest.1.declaredType"),
	    "tyler.ecf.extensions.common.CaseAugmentationType");
	ck_assert_str_eq(jget(e, "value.rest.1.value.caseTypeText.value"), "25361");
	ck_assert_str_eq(jget(e, "value.rest.0.value.caseCourt.courtName.value"),
	    "Adams County");
	json_object *parts = jfind(e, "value.rest.1.value.caseParticipant");
	ck_assert_int_eq(json_object_array_length(parts), 2);
	/* A business, then a person, as conversions.py reads them. */
	ck_assert_str_eq(jget(parts, "0.value.caseParticipantRoleCode.value"),
	    "PLT");
	ck_assert_str_eq(jget(parts,
	    "0.value.entityRepresentation.value.organizationName.value"), biz);
	ck_assert_str_eq(jget(parts, "0.value.entityRepresentation.value."
	    "organizationIdentification.value.identification.0.identificationID."
	    "value"), p1);
	ck_assert_ptr_null(jfind(parts,
	    "0.value.entityRepresentation.value.personOtherIdentification"));
	ck_assert_str_eq(jget(parts, "1.value.entityRepresentation.value."
	    "personName.personGivenName.value"), "John");
	ck_assert_str_eq(jget(parts, "1.value.entityRepresentation.value."
	    "personName.personMiddleName.value"), "Quincy");
	ck_assert_str_eq(jget(parts, "1.value.entityRepresentation.value."
	    "personName.personSurName.value"), last);
	ck_assert_str_eq(jget(parts, "1.value.entityRepresentation.value."
	    "personOtherIdentification.0.identificationID.value"), p2);
	hres_free(&r);

	/* By name: whole names in any case, this court only, newest first. */
	char *upper = strdup(last);
	for (char *p = upper; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	call(&r, w, "GET", S(CASES "/adams/cases?first_name=john&last_name=%s",
	    upper), NULL);
	expect(&r, 200, NULL);
	ck_assert_int_eq(list_len(&r), 2);
	ck_assert_str_eq(jget(r.json, "0.value.caseTrackingID.value"), c2);
	ck_assert_str_eq(jget(r.json, "1.value.caseTrackingID.value"), c1);
	hres_free(&r);
	/* The client may send an empty middle name; a given one narrows. */
	call(&r, w, "GET", S(CASES "/adams/cases?first_name=John&middle_name=&"
	    "last_name=%s&business_name=&docket_number=", last), NULL);
	ck_assert_int_eq(list_len(&r), 2);
	hres_free(&r);
	call(&r, w, "GET", S(CASES "/adams/cases?first_name=John&middle_name="
	    "Quincy&last_name=%s", last), NULL);
	ck_assert_int_eq(list_len(&r), 1);
	ck_assert_str_eq(jget(r.json, "0.value.caseTrackingID.value"), c1);
	hres_free(&r);
	call(&r, w, "GET", S(CASES "/sangamon/cases?first_name=John&last_name=%s",
	    last), NULL);
	ck_assert_int_eq(list_len(&r), 1);
	ck_assert_str_eq(jget(r.json, "0.value.caseTrackingID.value"), c3);
	hres_free(&r);
	/* A part of a name is not the name. */
	char *part = strndup(last, strlen(last) - 1);
	call(&r, w, "GET", S(CASES "/adams/cases?first_name=John&last_name=%s",
	    part), NULL);
	expect(&r, 200, "[]");
	hres_free(&r);
	/* By business name; a business is not a person of that name. */
	char *esc = esc_q(biz);
	call(&r, w, "GET", S(CASES "/adams/cases?business_name=%s", esc), NULL);
	expect(&r, 200, NULL);
	ck_assert_int_eq(list_len(&r), 1);
	ck_assert_str_eq(jget(r.json, "0.value.caseTrackingID.value"), c1);
	hres_free(&r);
	call(&r, w, "GET", S(CASES "/adams/cases?business_name=%s", last), NULL);
	expect(&r, 200, "[]");
	hres_free(&r);
	/* A case without parties has an empty participant list. */
	call(&r, w, "GET", S(CASES "/adams/cases/%s", empty), NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(jplain(r.json, "value.rest.1.value.caseParticipant"), "[]");
	hres_free(&r);

	/* Nothing matches: 200 and [], never 204. */
	call(&r, w, "GET", CASES "/adams/cases?docket_number=NO-SUCH-DOCKET",
	    NULL);
	expect(&r, 200, "[]");
	hres_free(&r);
	/* Refusals. */
	static const char *const nothing[] = {
		"", "?", "?first_name=John", "?last_name=Brown", "?middle_name=Q",
		"?docket_number=", "?other=1",
	};
	for (size_t i = 0; i < sizeof(nothing) / sizeof(nothing[0]); i++) {
		call(&r, w, "GET", S(CASES "/adams/cases%s", nothing[i]), NULL);
		expect_text(&r, 400, "Pass in something to search by");
		hres_free(&r);
	}
	call(&r, w, "GET", CASES "/nowhere/cases?docket_number=1", NULL);
	expect_text(&r, 404, "nowhere not in available courts to search");
	hres_free(&r);
	call(&r, w, "GET", CASES "/1/cases?docket_number=1", NULL);
	expect_text(&r, 400, "Can't search all locations");
	hres_free(&r);
	char longname[130];
	memset(longname, 'x', 101);
	longname[101] = '\0';
	call(&r, w, "GET", S(CASES "/adams/cases?first_name=%s&last_name=B",
	    longname), NULL);
	expect_text(&r, 400, "first_name: at most 100 characters");
	hres_free(&r);
	call(&r, w, "GET", CASES "/adams/cases?docket_number=%ff", NULL);
	expect_text(&r, 400, "docket_number: not valid UTF-8");
	hres_free(&r);
	/* An apostrophe is just a character. */
	call(&r, w, "GET", CASES "/adams/cases?first_name=O%27&last_name=%27--",
	    NULL);
	expect(&r, 200, "[]");
	hres_free(&r);
	free(esc);
	free(part);
	free(upper);
	free(last);
	free(biz);
	free(c1);
	free(c2);
	free(c3);
	free(p1);
	free(p2);
	free(empty);
}
END_TEST

START_TEST(case_by_id)
{
	struct hres r;
	struct who *w = filer();
	char *d = unique("2024-DR-");
	char *c = court_case("adams", d, "186", "25365", "In re Marriage of Doe");
	free(case_party(c, "PET", 0, "Jane", "", "Doe"));

	char *path = S(CASES "/adams/cases/%s", c);
	call(&r, w, "GET", path, NULL);
	expect(&r, 200, NULL);
	/* Domestic Relations is a DomesticCase (its ecfcasetype). */
	ck_assert_str_eq(jget(r.json, "name"), "{urn:oasis:names:tc:legalxml-"
	    "courtfiling:schema:xsd:DomesticCase-4.0}DomesticCase");
	ck_assert_str_eq(jget(r.json, "value.caseTrackingID.value"), c);
	ck_assert_str_eq(jget(r.json, "value.caseDocketID.value"), d);
	ck_assert_str_eq(jget(r.json, "value.caseTitleText.value"),
	    "In re Marriage of Doe");
	ck_assert_str_eq(jget(r.json, "value.rest.1.value.caseTypeText.value"),
	    "25365");
	ck_assert_str_eq(jget(r.json, "value.rest.1.value.caseParticipant.0.value."
	    "entityRepresentation.value.personName.personSurName.value"), "Doe");
	/* conversions.py reads the date as milliseconds since 1970. */
	json_object *ms = jfind(r.json, "value.activityDateRepresentation.value."
	    "dateRepresentation.value.value");
	ck_assert(json_object_is_type(ms, json_type_int));
	ck_assert_int_gt(json_object_get_int64(ms), 1700000000000LL);
	hres_free(&r);

	/* Not in this court, unknown, not a UUID, unknown court. */
	char *other = new_uuid();
	call(&r, w, "GET", S(CASES "/sangamon/cases/%s", c), NULL);
	expect_text(&r, 404, S("No case %s in court sangamon", c));
	hres_free(&r);
	call(&r, w, "GET", S(CASES "/adams/cases/%s", other), NULL);
	expect_text(&r, 404, S("No case %s in court adams", other));
	hres_free(&r);
	call(&r, w, "GET", CASES "/adams/cases/abc", NULL);
	expect_text(&r, 404, "No case abc in court adams");
	hres_free(&r);
	call(&r, w, "GET", S(CASES "/nowhere/cases/%s", c), NULL);
	expect_text(&r, 404, "No court nowhere");
	hres_free(&r);
	call(&r, w, "GET", S(CASES "/sangamon/cases/%s/service-information", c),
	    NULL);
	expect_text(&r, 404, S("No case %s in court sangamon", c));
	hres_free(&r);
	call(&r, w, "GET", S(CASES "/nowhere/cases/%s/service-information-history",
	    c), NULL);
	expect_text(&r, 404, "No court nowhere");
	hres_free(&r);
	/* Documents: always 405, empty (spec 8). */
	call(&r, w, "GET", S("%s/documents", path), NULL);
	expect(&r, 405, "");
	hres_free(&r);
	call(&r, w, "GET", CASES "/nowhere/cases/abc/documents", NULL);
	expect(&r, 405, "");
	hres_free(&r);
	/* Nothing attached yet. */
	call(&r, w, "GET", S("%s/service-information", path), NULL);
	expect(&r, 200, "[]");
	hres_free(&r);
	call(&r, w, "GET", S("%s/service-information-history", path), NULL);
	expect(&r, 200, "[]");
	hres_free(&r);

	/* cook:cd1 protects Order of Protection cases: type and category
	 * show its replacement text, when searched and when read. */
	char *pd = unique("2024-OP-");
	char *pc = court_case("cook:cd1", pd, "187", "25367", "In re Protection");
	call(&r, w, "GET", S(CASES "/cook:cd1/cases?docket_number=%s", pd), NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(jget(r.json, "0.value.caseCategoryText.value"),
	    "Protected Case");
	ck_assert_str_eq(jget(r.json, "0.value.rest.1.value.caseTypeText.value"),
	    "Protected Case");
	hres_free(&r);
	call(&r, w, "GET", S(CASES "/cook:cd1/cases/%s", pc), NULL);
	expect(&r, 200, NULL);
	ck_assert_str_eq(jget(r.json, "value.rest.1.value.caseTypeText.value"),
	    "Protected Case");
	ck_assert_str_eq(jget(r.json, "value.caseTitleText.value"),
	    "In re Protection");
	hres_free(&r);
	/* Adams does not protect that type. */
	char *ad = unique("2024-OP-");
	free(court_case("adams", ad, "187", "25367", "In re Adams"));
	call(&r, w, "GET", S(CASES "/adams/cases?docket_number=%s", ad), NULL);
	ck_assert_str_eq(jget(r.json, "0.value.rest.1.value.caseTypeText.value"),
	    "25367");
	hres_free(&r);
	free(pd);
	free(pc);
	free(ad);
	free(other);
	free(path);
	free(c);
	free(d);
}
END_TEST

START_TEST(service_maps)
{
	struct hres r;

	/* Public, as the reference's HATEOAS maps are (spec 1.3). */
	http(&r, "GET", "/jurisdictions/illinois/cases", NULL, NULL, 0);
	expect(&r, 200, NULL);
	const char *u = jget(r.json, "getCaseList.url");
	ck_assert_ptr_nonnull(u);
	ck_assert_ptr_nonnull(strstr(u,
	    "/jurisdictions/illinois/cases/courts/{court_id}/cases"));
	ck_assert_str_eq(jget(r.json, "getCaseList.method"), "GET");
	ck_assert_str_eq(jget(r.json, "getCaseList.query_params"),
	    "[docket_number, business_name, first_name, middle_name, last_name]");
	ck_assert_ptr_nonnull(jfind(r.json, "getCourts"));
	hres_free(&r);
	http(&r, "GET", "/jurisdictions/illinois/cases/courts", NULL, NULL, 0);
	expect(&r, 200, NULL);
	int adams = 0;
	for (size_t i = 0; i < list_len(&r); i++)
		adams |= strcmp(json_object_get_string(json_object_array_get_idx(
		    r.json, i)), "adams") == 0;
	ck_assert(adams);
	hres_free(&r);
	http(&r, "GET", "/jurisdictions/illinois/cases/courts/cook:cd1", NULL,
	    NULL, 0);
	expect(&r, 200, NULL);
	ck_assert_ptr_nonnull(strstr(jget(r.json, "getCase.url"),
	    "/cases/courts/cook:cd1/cases/{case_tracking_id}"));
	ck_assert_ptr_null(jfind(r.json, "getCourts"));
	ck_assert_ptr_null(jfind(r.json, "getAll"));
	hres_free(&r);
	http(&r, "GET", "/jurisdictions/illinois/cases/courts/nowhere", NULL, NULL,
	    0);
	expect_text(&r, 404, "nowhere not in available courts to search");
	hres_free(&r);
	http(&r, "GET", "/jurisdictions/illinois/firmattorneyservice", NULL, NULL,
	    0);
	expect(&r, 200, NULL);
	ck_assert_ptr_nonnull(strstr(jget(r.json, "getAttorneyList.url"),
	    "/jurisdictions/illinois/firmattorneyservice/attorneys"));
	ck_assert_ptr_nonnull(jfind(r.json, "getPublicList"));
	ck_assert_str_eq(jget(r.json, "getAttorneyList.method"), "GET");
	ck_assert_str_eq(jget(r.json, "createAttorney.method"), "POST");
	ck_assert_str_eq(jget(r.json, "removeServiceContact.method"), "DELETE");
	hres_free(&r);
	http(&r, "GET", "/jurisdictions/texas/cases", NULL, NULL, 0);
	expect(&r, 404, NULL);
	hres_free(&r);
	/* Every link without a placeholder answers a filer with 2xx. */
	struct who *w = filer();
	const char *maps[] = { "/jurisdictions/illinois/cases",
	    "/jurisdictions/illinois/firmattorneyservice" };
	for (size_t m = 0; m < 2; m++) {
		http(&r, "GET", maps[m], NULL, NULL, 0);
		json_object_object_foreach(r.json, name, link) {
			const char *url = jget(link, "url");
			if (strchr(url, '{') != NULL ||
			    strstr(url, "service-contacts/public") != NULL)
				continue;
			const char *path = strstr(url, "/jurisdictions/");
			struct hres one;
			call(&one, w, "GET", path, NULL);
			ck_assert_msg(one.status == 200, "%s %s: %ld", name, path,
			    one.status);
			hres_free(&one);
		}
		hres_free(&r);
	}
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("firm");
	TCase *t = tcase_create("firm");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, auth_failures);
	tcase_add_test(t, firm_get_and_patch);
	tcase_add_test(t, attorneys_crud);
	tcase_add_test(t, attorney_bar_numbers);
	tcase_add_test(t, attorney_bad_bodies);
	tcase_add_test(t, another_firms_ids);
	tcase_add_test(t, contacts_crud);
	tcase_add_test(t, contact_bad_bodies);
	tcase_add_test(t, public_list);
	tcase_add_test(t, attach_and_detach);
	tcase_add_test(t, case_search);
	tcase_add_test(t, case_by_id);
	tcase_add_test(t, service_maps);
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
