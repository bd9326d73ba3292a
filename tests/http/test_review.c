/*
 * Filing review (efsp-proxy.md section 5) against the live stack: the
 * order of checks of every court-scoped endpoint, fees from the local
 * schedule, check's collect-all summary and its fatal stops, submit with
 * its stored envelope, documents and charges, the payment account and
 * Idempotency-Key rules, the filings list, detail, status and cancel, the
 * clerk's review (HTTP and casegate-admin) and the court case an accepted
 * initial filing opens, policy and service types, the documents' fetch
 * rules (allow-list, schemes, redirects, unreachable, not a PDF, too big),
 * and the real client's calls of section 11 in its order and headers.
 * Documents are served by the in-process docserver (tests/http/docserver.c).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curl/curl.h>

#include "client.h"
#include "docserver.h"

#define PW	"pw-secret-review-0001"
#define JR	"/jurisdictions/illinois"
#define FR	JR "/filingreview/courts/"

/* A filer logged in through POST /authenticate, with its own API key. */
struct who {
	char	*key;
	char	*email;
	char	*token;		/* TYLER-TOKEN-ILLINOIS */
	char	*id;		/* TYLER-ID-ILLINOIS */
	char	*firm;
};

/* A new filer of a firm of its own (or of firm when given), logged in. */
static void
who_firm(struct who *w, const char *firm)
{
	struct hres r;
	const char *h[] = { "Content-Type: application/json", NULL };

	w->key = make_api_key(NULL);
	w->email = S("%s@example.org", unique("rev"));
	w->firm = firm ? strdup(firm) : unique("Firm ");
	ck_assert_int_eq(admin_cli(PW "\n", "filer add %s --jurisdiction illinois "
	    "--first Ada --last Filer --firm '%s'", w->email, w->firm), 0);
	char *body = S("{\"api_key\":\"%s\",\"tyler-illinois\":{\"username\":"
	    "\"%s\",\"password\":\"%s\"}}", w->key, w->email, PW);
	http(&r, "POST", "/authenticate", h, body, strlen(body));
	ck_assert_msg(r.status == 200, "authenticate: %ld %s", r.status, r.body);
	w->token = strdup(jget(r.json, "tokens.TYLER-TOKEN-ILLINOIS"));
	w->id = strdup(jget(r.json, "tokens.TYLER-ID-ILLINOIS"));
	hres_free(&r);
}

static void
who_new(struct who *w)
{
	who_firm(w, NULL);
}

/*
 * One call below /jurisdictions/illinois with the client's headers; key
 * or token NULL leaves that header out, ct NULL sends application/json.
 */
static void
call_as(struct hres *r, const char *method, const char *path, const char *key,
    const char *token, const char *ct, const char *body, const char *extra)
{
	const char	*h[8];
	size_t		 n = 0;

	h[n++] = S("Content-Type: %s", ct ? ct : "application/json");
	h[n++] = "Accept: application/json";
	if (key)
		h[n++] = S("X-API-KEY: %s", key);
	if (token)
		h[n++] = S("TYLER-TOKEN-ILLINOIS: %s", token);
	if (extra)
		h[n++] = extra;
	h[n] = NULL;
	ck_assert_int_eq(http(r, method, S(JR "%s", path), h, body,
	    body ? strlen(body) : 0), 0);
}

static void
call(struct hres *r, const struct who *w, const char *method, const char *path,
    const char *body)
{
	call_as(r, method, path, w->key, w->token, NULL, body, NULL);
}

static void
assert_text(const struct hres *r, long status, const char *text)
{
	ck_assert_msg(r->status == status, "%ld, want %ld: %s", r->status, status,
	    r->body);
	ck_assert_str_eq(r->body, S("%s\n", text));
}

static void
assert_status(const struct hres *r, long status)
{
	ck_assert_msg(r->status == status, "%ld, want %ld: %s", r->status, status,
	    r->body);
}

/* A waiver payment account of w's firm: its id. */
static char *
waiver(const struct who *w)
{
	struct hres r;
	call(&r, w, "POST", "/payments/payment-accounts", unique("Waiver "));
	assert_status(&r, 200);
	ck_assert(json_object_is_type(r.json, json_type_string));
	char *id = strdup(json_object_get_string(r.json));
	hres_free(&r);
	return id;
}

/* ---- payloads ----------------------------------------------------------- */

static json_object *
J(const char *text)
{
	json_object *o = json_tokener_parse(text);
	ck_assert_msg(o != NULL || strcmp(text, "null") == 0, "bad JSON %s", text);
	return o;
}

/* Sets the member or element at a dotted path ("a.0.b") to JSON text. */
static void
jset(json_object *o, const char *path, const char *json)
{
	char *copy = strdup(path), *dot = strrchr(copy, '.');
	json_object *parent = o;
	const char *last = copy;
	if (dot) {
		*dot = '\0';
		parent = jfind(o, copy);
		last = dot + 1;
	}
	ck_assert_msg(parent != NULL, "no parent for %s", path);
	if (json_object_is_type(parent, json_type_array))
		json_object_array_put_idx(parent, strtoul(last, NULL, 10), J(json));
	else
		json_object_object_add(parent, last, J(json));
	free(copy);
}

static void
jdel(json_object *o, const char *path)
{
	char *copy = strdup(path), *dot = strrchr(copy, '.');
	json_object *parent = o;
	const char *last = copy;
	if (dot) {
		*dot = '\0';
		parent = jfind(o, copy);
		last = dot + 1;
	}
	json_object_object_del(parent, last);
	free(copy);
}

static const char *
js(json_object *o)
{
	return json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
}

static char *
doc_json(const char *path, const char *code, int services)
{
	char *url = docserver_url(path);
	return S("{\"proxy_enabled\":true,\"filing_type\":\"%s\","
	    "\"filing_parties\":[\"users[0]\"],\"filename\":\"complaint\","
	    "\"document_type\":\"5766\",\"filing_component\":\"332\","
	    "\"data_url\":\"%s\"%s}", code, url, services ?
	    ",\"optional_services\":[{\"code\":\"1001\",\"multiplier\":2},"
	    "{\"code\":\"1002\",\"multiplier\":1}]" : "");
}

/*
 * An initial eviction in adams: Ada Lovelace against Bob Landlord, one
 * document (doc.pdf, 2 pages) with Issue Summons x2 and Sheriff Service:
 * 175 + 20 + 60 = 255.
 */
static json_object *
payload(const char *pay)
{
	json_object *o = J(S("{\"users\":[{\"name\":{\"first\":\"Ada\","
	    "\"middle\":\"\",\"last\":\"Lovelace\",\"suffix\":\"\"},\"email\":"
	    "\"ada@example.org\",\"phone_number\":\"312-555-0123\","
	    "\"party_type\":\"21001\",\"is_new\":true,\"address\":{\"address\":"
	    "\"1 Main St\",\"unit\":\"\",\"city\":\"Quincy\",\"state\":\"IL\","
	    "\"zip\":\"62301\"}}],\"other_parties\":[{\"name\":{\"first\":\"Bob\","
	    "\"middle\":\"\",\"last\":\"Landlord\",\"suffix\":\"\"},"
	    "\"party_type\":\"21002\",\"is_new\":true}],\"user_started_case\":true,"
	    "\"efile_case_category\":\"184\",\"efile_case_type\":\"25361\","
	    "\"al_court_bundle\":[%s]}", doc_json("/doc.pdf", "143127", 1)));
	if (pay)
		jset(o, "tyler_payment_id", S("\"%s\"", pay));
	return o;
}

static void
assert_empty_summary(const struct hres *r)
{
	assert_status(r, 200);
	ck_assert_msg(strcmp(r->body, "{\"required_vars\":[],\"optional_vars\":[],"
	    "\"wrong_vars\":[]}") == 0, "%s", r->body);
}

/* The index of the variable named name in list of r's summary, or -1. */
static int
var_at(const struct hres *r, const char *list, const char *name)
{
	json_object *a = jfind(r->json, list);
	for (size_t i = 0; a && i < json_object_array_length(a); i++)
		if (strcmp(jget(json_object_array_get_idx(a, i), "name"), name) == 0)
			return (int)i;
	return -1;
}

static int
has_choice(json_object *v, const char *code)
{
	json_object *c = jfind(v, "choices");
	for (size_t i = 0; c && i < json_object_array_length(c); i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(c, i)),
		    code) == 0)
			return 1;
	return 0;
}

static size_t
count_sink(char *d, size_t sz, size_t nm, void *u)
{
	char *buf = u;
	size_t n = sz * nm, have = strlen(buf);
	if (have + n < 63)
		memcpy(buf + have, d, n), buf[have + n] = '\0';
	return n;
}

/* Requests the docserver has served (asked over HTTP: tests are forked). */
static unsigned
doc_count(void)
{
	char buf[64] = { 0 };
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, docserver_url("/count"));
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, count_sink);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, buf);
	ck_assert_int_eq(curl_easy_perform(c), CURLE_OK);
	curl_easy_cleanup(c);
	return (unsigned)strtoul(buf, NULL, 10);
}

static char *
count_of(const char *fmt, const char *arg)
{
	return sql_value(S(fmt, arg));
}

/* A submitted envelope: the FilingResult's parsed JSON (caller puts). */
static json_object *
submit(const struct who *w, json_object *p)
{
	struct hres r;
	call(&r, w, "POST", "/filingreview/courts/adams/filings", js(p));
	assert_status(&r, 200);
	json_object *o = json_object_get(r.json);
	hres_free(&r);
	return o;
}

/* ---- order of checks ---------------------------------------------------- */

START_TEST(check_order)
{
	struct who w;
	struct hres r;
	const char *body = js(payload(NULL));
	static const char *const paths[][2] = {
		{ "POST", "/filing/fees" }, { "GET", "/filing/check" },
		{ "POST", "/filing/check" }, { "POST", "/filings" },
		{ "GET", "/filings" }, { "GET", "/policy" },
		{ "GET", "/filing/servicetypes" },
		{ "GET", "/filings/00000000-0000-4000-8000-000000000000" },
		{ "GET", "/filings/00000000-0000-4000-8000-000000000000/status" },
		{ "DELETE", "/filings/00000000-0000-4000-8000-000000000000" },
	};

	who_new(&w);
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		const char *m = paths[i][0], *p = paths[i][1];
		/* No API key: 401, empty, before the court is looked at. */
		call_as(&r, m, S("/filingreview/courts/x%s", p), NULL, w.token, NULL,
		    body, NULL);
		assert_status(&r, 401);
		ck_assert_int_eq(r.len, 0);
		hres_free(&r);
		call_as(&r, m, S("/filingreview/courts/adams%s", p), "not-a-key-0000",
		    w.token, NULL, body, NULL);
		assert_status(&r, 401);
		ck_assert_int_eq(r.len, 0);
		hres_free(&r);
		/* Unknown court: 404, also without a token. */
		call_as(&r, m, S("/filingreview/courts/x%s", p), w.key, NULL, NULL,
		    body, NULL);
		assert_text(&r, 404, "Cannot send filing to x");
		hres_free(&r);
		call_as(&r, m, S("/filingreview/courts/1%s", p), w.key, w.token, NULL,
		    body, NULL);
		assert_text(&r, 404, "Cannot send filing to 1");
		hres_free(&r);
		/* No token, a token without a colon, unknown and forged ones. */
		call_as(&r, m, S("/filingreview/courts/adams%s", p), w.key, NULL,
		    NULL, body, NULL);
		assert_text(&r, 401, "Not logged in to file with adams");
		hres_free(&r);
		call_as(&r, m, S("/filingreview/courts/adams%s", p), w.key,
		    "no-colon", NULL, body, NULL);
		assert_text(&r, 401, "Not logged in to file with adams");
		hres_free(&r);
		char *forged = strdup(w.token);
		char *c = strrchr(forged, ':') + 1;
		*c = *c == 'A' ? 'B' : 'A';
		call_as(&r, m, S("/filingreview/courts/adams%s", p), w.key, forged,
		    NULL, body, NULL);
		assert_text(&r, 401, "Not logged in to file with adams");
		hres_free(&r);
		/* Another filer's e-mail with this secret. */
		call_as(&r, m, S("/filingreview/courts/adams%s", p), w.key,
		    S("x@example.org%s", strrchr(w.token, ':')), NULL, body, NULL);
		assert_text(&r, 401, "Not logged in to file with adams");
		hres_free(&r);
		/* Unknown jurisdiction. */
		ck_assert_int_eq(http(&r, m, S("/jurisdictions/texas/filingreview/"
		    "courts/adams%s", p), (const char *[]){ "Content-Type: "
		    "application/json", S("X-API-KEY: %s", w.key),
		    S("TYLER-TOKEN-TEXAS: %s", w.token), NULL }, body,
		    strlen(body)), 0);
		assert_status(&r, 404);
		hres_free(&r);
		free(forged);
	}
}
END_TEST

START_TEST(expired_and_disabled_tokens)
{
	struct who w;
	struct hres r;
	const char *body = js(payload(NULL));

	who_new(&w);
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/fees", body);
	assert_status(&r, 200);
	hres_free(&r);
	ck_assert_int_eq(sql(S("UPDATE filer_sessions SET expires_at = "
	    "'2000-01-01' WHERE filer_id = (SELECT id FROM filers WHERE email = "
	    "'%s')", w.email)), 0);
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/fees", body);
	assert_text(&r, 401, "Not logged in to file with adams");
	hres_free(&r);
	struct who d;
	who_new(&d);
	call(&r, &d, "GET", "/filingreview/courts/adams/filing/check", body);
	assert_status(&r, 200);
	hres_free(&r);
	ck_assert_int_eq(admin_cli(NULL, "filer disable %s", d.email), 0);
	call(&r, &d, "GET", "/filingreview/courts/adams/filing/check", body);
	assert_text(&r, 401, "Not logged in to file with adams");
	hres_free(&r);
}
END_TEST

START_TEST(content_type)
{
	struct who w;
	struct hres r;
	const char *body = js(payload(NULL));
	static const char *const bad[] = { "text/plain", "application/xml",
	    "application/x-www-form-urlencoded", "multipart/form-data" };
	static const char *const good[] = { "application/json",
	    "application/json; charset=utf-8", "text/json", "Application/JSON" };

	who_new(&w);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		call_as(&r, "POST", "/filingreview/courts/adams/filing/fees", w.key,
		    w.token, bad[i], body, NULL);
		assert_text(&r, 415, "We only support [application/json, text/json]");
		hres_free(&r);
		call_as(&r, "GET", "/filingreview/courts/adams/filing/check", w.key,
		    w.token, bad[i], body, NULL);
		assert_status(&r, 415);
		hres_free(&r);
		call_as(&r, "POST", "/filingreview/courts/adams/filings", w.key,
		    w.token, bad[i], body, NULL);
		assert_status(&r, 415);
		hres_free(&r);
	}
	/* 404 court and 401 token come before 415. */
	call_as(&r, "POST", "/filingreview/courts/x/filing/fees", w.key, w.token,
	    "text/plain", body, NULL);
	assert_text(&r, 404, "Cannot send filing to x");
	hres_free(&r);
	call_as(&r, "POST", "/filingreview/courts/adams/filing/fees", w.key, NULL,
	    "text/plain", body, NULL);
	assert_text(&r, 401, "Not logged in to file with adams");
	hres_free(&r);
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		call_as(&r, "GET", "/filingreview/courts/adams/filing/check", w.key,
		    w.token, good[i], body, NULL);
		ck_assert_msg(r.status == 200, "%s: %ld", good[i], r.status);
		assert_empty_summary(&r);
		hres_free(&r);
	}
	/* No Content-Type at all defaults to JSON. */
	const char *h[] = { "Content-Type:", S("X-API-KEY: %s", w.key),
	    S("TYLER-TOKEN-ILLINOIS: %s", w.token), NULL };
	http(&r, "POST", FR "adams/filing/check", h, body, strlen(body));
	assert_empty_summary(&r);
	hres_free(&r);
}
END_TEST

START_TEST(courts_and_index)
{
	struct hres r;
	http(&r, "GET", FR, NULL, NULL, 0);
	assert_status(&r, 200);
	ck_assert(strstr(r.body, "\"adams\"") && strstr(r.body, "\"sangamon\""));
	ck_assert_ptr_null(strstr(r.body, "\"1\""));
	hres_free(&r);
	http(&r, "GET", FR "adams", NULL, NULL, 0);
	assert_status(&r, 200);
	ck_assert_ptr_nonnull(strstr(r.body, "getFees"));
	hres_free(&r);
	http(&r, "GET", FR "x", NULL, NULL, 0);
	assert_text(&r, 404, "Cannot send filing to x");
	hres_free(&r);
}
END_TEST

/* ---- fees --------------------------------------------------------------- */

START_TEST(fees_one_and_two_documents)
{
	struct who w;
	struct hres r;
	json_object *p = payload(NULL);

	who_new(&w);
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/fees", js(p));
	assert_status(&r, 200);
	ck_assert_double_eq_tol(json_object_get_double(jfind(r.json,
	    "feesCalculationAmount.value")), 255.0, 0.001);
	ck_assert_str_eq(jget(r.json, "feesCalculationAmount.currencyCode"), "USD");
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "allowanceCharge")),
	    3);
	ck_assert_str_eq(jget(r.json, "allowanceCharge.0.id.value"), "143127");
	ck_assert_str_eq(jget(r.json, "allowanceCharge.0.allowanceChargeReason.value"),
	    "Filing Fee");
	ck_assert(json_object_get_boolean(jfind(r.json,
	    "allowanceCharge.0.chargeIndicator.value")));
	ck_assert_double_eq_tol(json_object_get_double(jfind(r.json,
	    "allowanceCharge.0.amount.value")), 175.0, 0.001);
	ck_assert_str_eq(jget(r.json, "allowanceCharge.1.id.value"), "1001");
	ck_assert_str_eq(jget(r.json, "allowanceCharge.1.allowanceChargeReason.value"),
	    "Issue Summons");
	ck_assert_double_eq_tol(json_object_get_double(jfind(r.json,
	    "allowanceCharge.1.amount.value")), 20.0, 0.001);
	ck_assert_str_eq(jget(r.json, "allowanceCharge.2.id.value"), "1002");
	ck_assert_double_eq_tol(json_object_get_double(jfind(r.json,
	    "allowanceCharge.2.amount.value")), 60.0, 0.001);
	ck_assert_str_eq(jget(r.json, "error.0.errorCode.value"), "0");
	hres_free(&r);
	/* A second document without services: 255 + 175. */
	json_object_array_add(jfind(p, "al_court_bundle"),
	    J(doc_json("/one.pdf", "143127", 0)));
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/fees", js(p));
	assert_status(&r, 200);
	ck_assert_double_eq_tol(json_object_get_double(jfind(r.json,
	    "feesCalculationAmount.value")), 430.0, 0.001);
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "allowanceCharge")),
	    4);
	ck_assert_str_eq(jget(r.json, "allowanceCharge.3.id.value"), "143127");
	hres_free(&r);
	/* sangamon charges 20 more per filing code fee. */
	call(&r, &w, "POST", "/filingreview/courts/sangamon/filing/fees",
	    js(payload(NULL)));
	assert_status(&r, 200);
	ck_assert_double_eq_tol(json_object_get_double(jfind(r.json,
	    "feesCalculationAmount.value")), 275.0, 0.001);
	hres_free(&r);
}
END_TEST

START_TEST(fees_errors)
{
	struct who w;
	struct hres r;
	json_object *p = payload(NULL);

	who_new(&w);
	/* Fail-fast: only the first variable. */
	jset(p, "al_court_bundle.0.filing_parties", "[]");
	jset(p, "users.0.phone_number", "\"12\"");
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/fees", js(p));
	assert_status(&r, 400);
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "wrong_vars")), 1);
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "required_vars")), 0);
	ck_assert_str_eq(jget(r.json, "wrong_vars.0.name"), "users[0].phone_number");
	hres_free(&r);
	p = payload(NULL);
	jset(p, "al_court_bundle.0.filing_parties", "[]");
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/fees", js(p));
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "required_vars.0.name"),
	    "al_court_bundle.elements[0].filing_parties");
	hres_free(&r);
	/* Unknown optional service. */
	p = payload(NULL);
	jset(p, "al_court_bundle.0.optional_services.0.code", "\"9999\"");
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/fees", js(p));
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "wrong_vars.0.name"),
	    "al_court_bundle.elements[0].optional_services[0].code");
	ck_assert(has_choice(jfind(r.json, "wrong_vars.0"), "1002"));
	hres_free(&r);
	/* Not an object, not JSON. */
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/fees", "[]");
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "error.type"), "Malformed Interview");
	hres_free(&r);
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/fees", "not json");
	assert_status(&r, 400);
	ck_assert_ptr_nonnull(r.json);
	ck_assert_str_eq(jget(r.json, "error.type"), "Malformed Interview");
	hres_free(&r);
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/fees", "");
	assert_status(&r, 400);
	hres_free(&r);
	/* Assembly: a required party type missing, a bare FilingError. */
	p = payload(NULL);
	jset(p, "other_parties.0.party_type", "\"21006\"");
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/fees", js(p));
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "type"), "Server Error");
	ck_assert_ptr_nonnull(strstr(jget(r.json, "description"),
	    "DEV ERROR: All required parties not covered"));
	hres_free(&r);
}
END_TEST

/* ---- check -------------------------------------------------------------- */

START_TEST(check_valid_get_and_post)
{
	struct who w;
	struct hres r;
	json_object *p = payload(NULL);
	unsigned before;

	who_new(&w);
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	/* check never submits. */
	char *n = count_of("SELECT COUNT(*) FROM envelopes e JOIN filers f ON "
	    "f.id = e.filer_id WHERE f.email = '%s'", w.email);
	ck_assert_str_eq(n, "0");
	/* It does fetch the document, as the reference does. */
	before = doc_count();
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	ck_assert_uint_eq(doc_count(), before + 1);
	/*
	 * No other parties: listed as optional; the defendant a user then,
	 * else assembly stops (200 with the error, 5.5).
	 */
	jdel(p, "other_parties");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "error.type"), "Server Error");
	ck_assert_ptr_nonnull(strstr(jget(r.json, "error.description"),
	    "DEV ERROR: All required parties not covered: Defendant (21002)"));
	hres_free(&r);
	jset(p, "users.1", "{\"name\":{\"first\":\"Cy\",\"last\":\"Self\"},"
	    "\"party_type\":\"21002\"}");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "optional_vars.0.name"), "other_parties");
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "wrong_vars")), 0);
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "required_vars")), 0);
	hres_free(&r);
}
END_TEST

START_TEST(check_collects_all)
{
	struct who w;
	struct hres r;
	json_object *p = payload(NULL);

	who_new(&w);
	jset(p, "users.0.phone_number", "\"12345\"");
	jset(p, "users.0.email", "\"not-an-email\"");
	jset(p, "users.0.address.state", "\"ZZ\"");
	jset(p, "al_court_bundle.0.filing_parties", "[]");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "wrong_vars", "users[0].phone_number"), 0);
	ck_assert_int_ge(var_at(&r, "wrong_vars", "users[0].email"), 0);
	int st = var_at(&r, "wrong_vars", "users[0].address.state");
	ck_assert_int_ge(st, 0);
	json_object *v = json_object_array_get_idx(jfind(r.json, "wrong_vars"),
	    (size_t)st);
	ck_assert_str_eq(jget(v, "currentVal"), "ZZ");
	ck_assert(has_choice(v, "IL"));
	ck_assert_int_ge(var_at(&r, "required_vars",
	    "al_court_bundle.elements[0].filing_parties"), 0);
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "wrong_vars")), 3);
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "required_vars")), 1);
	/* The variable shape of 5.5. */
	ck_assert_ptr_nonnull(jfind(v, "description"));
	ck_assert_ptr_nonnull(jfind(v, "datatype"));
	hres_free(&r);
	/* Missing user_started_case and first name, both reported. */
	p = payload(NULL);
	jdel(p, "user_started_case");
	jset(p, "users.0.name.first", "\"\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "required_vars", "user_started_case"), 0);
	ck_assert_int_ge(var_at(&r, "required_vars", "users[0].name.first"), 0);
	hres_free(&r);
	/* user_role plaintiff stands for user_started_case. */
	p = payload(NULL);
	jdel(p, "user_started_case");
	jset(p, "user_role", "\"plaintiff\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
}
END_TEST

START_TEST(check_fatal)
{
	struct who w;
	struct hres r;
	json_object *p;

	who_new(&w);
	p = payload(NULL);
	jset(p, "efile_case_category", "\"999\"");
	jset(p, "users.0.phone_number", "\"12\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 400);
	/* The lists so far, the fatal variable last. */
	ck_assert_int_ge(var_at(&r, "wrong_vars", "users[0].phone_number"), 0);
	int k = var_at(&r, "wrong_vars", "efile_case_category");
	ck_assert_int_ge(k, 0);
	json_object *v = json_object_array_get_idx(jfind(r.json, "wrong_vars"),
	    (size_t)k);
	ck_assert(has_choice(v, "184") && has_choice(v, "185"));
	ck_assert_str_eq(jget(v, "currentVal"), "999");
	hres_free(&r);

	p = payload(NULL);
	jset(p, "al_court_bundle.0.document_type", "\"1\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 400);
	k = var_at(&r, "wrong_vars", "al_court_bundle.elements[0].document_type");
	ck_assert_int_ge(k, 0);
	ck_assert(has_choice(json_object_array_get_idx(jfind(r.json, "wrong_vars"),
	    (size_t)k), "5766"));
	hres_free(&r);

	p = payload(NULL);
	jset(p, "al_court_bundle.0.filing_component", "\"999\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 400);
	k = var_at(&r, "wrong_vars", "al_court_bundle.elements[0].filing_component");
	ck_assert_int_ge(k, 0);
	ck_assert(has_choice(json_object_array_get_idx(jfind(r.json, "wrong_vars"),
	    (size_t)k), "332"));
	hres_free(&r);

	/* The component by its name, any case, is fine. */
	p = payload(NULL);
	jset(p, "al_court_bundle.0.filing_component", "\"lead document\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);

	/* Not an object: the error wrapper. */
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", "[]");
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "error.type"), "Malformed Interview");
	ck_assert_ptr_nonnull(jget(r.json, "error.description"));
	ck_assert_ptr_null(jfind(r.json, "wrong_vars"));
	hres_free(&r);
	/* Not JSON: three empty lists. */
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check",
	    "this is not json");
	assert_status(&r, 400);
	ck_assert_str_eq(r.body, "{\"required_vars\":[],\"optional_vars\":[],"
	    "\"wrong_vars\":[]}");
	hres_free(&r);
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", "{\"a\":1} x");
	assert_status(&r, 400);
	ck_assert_ptr_nonnull(jfind(r.json, "wrong_vars"));
	hres_free(&r);
	/* No bundle: required; not a list: malformed. */
	p = payload(NULL);
	jdel(p, "al_court_bundle");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "required_vars", "al_court_bundle"), 0);
	hres_free(&r);
	p = payload(NULL);
	jset(p, "al_court_bundle", "\"doc\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "error.type"), "Malformed Interview");
	hres_free(&r);
	/* No enabled document. */
	p = payload(NULL);
	jset(p, "al_court_bundle.0.proxy_enabled", "false");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 400);
	ck_assert_ptr_nonnull(strstr(jget(r.json, "error.description"),
	    "at least one filing"));
	hres_free(&r);
	/* Unknown filing type: not fatal, with choices. */
	p = payload(NULL);
	jset(p, "al_court_bundle.0.filing_type", "\"1\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	k = var_at(&r, "wrong_vars", "al_court_bundle.elements[0].filing_type");
	ck_assert_int_ge(k, 0);
	ck_assert(has_choice(json_object_array_get_idx(jfind(r.json, "wrong_vars"),
	    (size_t)k), "143127"));
	hres_free(&r);
}
END_TEST

START_TEST(check_attachment_names)
{
	struct who w;
	struct hres r;
	json_object *p = payload(NULL);
	char *url = docserver_url("/one.pdf");

	who_new(&w);
	jset(p, "al_court_bundle.0.elements", S("[{\"proxy_enabled\":true,"
	    "\"filename\":\"exhibit\",\"document_type\":\"1\","
	    "\"filing_component\":\"331\",\"data_url\":\"%s\"}]", url));
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 400);
	ck_assert_int_ge(var_at(&r, "wrong_vars",
	    "al_court_bundle.elements[0]..elements[0].document_type"), 0);
	hres_free(&r);
	/* A good elements array: lead and two attachments. */
	jset(p, "al_court_bundle.0.elements", S("[{\"proxy_enabled\":true,"
	    "\"filename\":\"lead\",\"document_type\":\"5766\","
	    "\"filing_component\":\"332\",\"data_url\":\"%s\"},"
	    "{\"proxy_enabled\":true,\"filename\":\"a1.pdf\",\"document_type\":"
	    "\"5766\",\"filing_component\":\"331\",\"data_url\":\"%s\"},"
	    "{\"proxy_enabled\":true,\"filename\":\"a2\",\"document_type\":"
	    "\"5766\",\"filing_component\":\"331\",\"data_url\":\"%s\"}]", url,
	    url, url));
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	/* The lead document used twice: fatal. */
	jset(p, "al_court_bundle.0.elements.1.filing_component", "\"332\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 400);
	ck_assert_int_ge(var_at(&r, "wrong_vars",
	    "al_court_bundle.elements[0]..elements[1].filing_component"), 0);
	hres_free(&r);
	/* A missing filename. */
	jset(p, "al_court_bundle.0.elements.1.filing_component", "\"331\"");
	jdel(p, "al_court_bundle.0.elements.2.filename");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "required_vars",
	    "al_court_bundle.elements[0]..elements[2].filename"), 0);
	hres_free(&r);
	/* DAList objects in elements (and empty {}) are ignored. */
	p = payload(NULL);
	jset(p, "al_court_bundle.0.elements", "{}");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	jset(p, "al_court_bundle.0.elements", "{\"_class\":\"docassemble.base."
	    "util.DAList\",\"elements\":[{\"proxy_enabled\":true,\"document_type\":"
	    "\"1\"}]}");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	/* A bad file name and a disallowed extension. */
	p = payload(NULL);
	jset(p, "al_court_bundle.0.filename", "\"my complaint!\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "wrong_vars",
	    "al_court_bundle.elements[0].filename"), 0);
	hres_free(&r);
	jset(p, "al_court_bundle.0.filename",
	    "\"a_file_name_that_is_much_longer_than_fifty_chars_x\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "wrong_vars",
	    "al_court_bundle.elements[0].filename"), 0);
	hres_free(&r);
}
END_TEST

START_TEST(check_real_filers_accepted)
{
	struct who w;
	struct hres r;
	static const char *const firsts[] = { "Mary-Jane", "D'Angelo", "J. R.",
	    "Anne Marie" };
	static const char *const lasts[] = { "O'Brien", "Smith-Jones", "St. John",
	    "de la Cruz" };
	static const char *const phones[] = { "3125550123", "312-555-0123",
	    "(312) 555-0123", "312.555.0123", "+1 312 555 0123", "1-312-555-0123" };

	who_new(&w);
	for (size_t i = 0; i < 4; i++) {
		json_object *p = payload(NULL);
		jset(p, "users.0.name.first", S("\"%s\"", firsts[i]));
		jset(p, "users.0.name.last", S("\"%s\"", lasts[i]));
		jset(p, "other_parties.0.name.first", S("\"%s\"", firsts[3 - i]));
		jset(p, "other_parties.0.name.last", S("\"%s\"", lasts[3 - i]));
		call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
		ck_assert_msg(r.status == 200 && strstr(r.body, "\"wrong_vars\":[]"),
		    "%s %s: %s", firsts[i], lasts[i], r.body);
		assert_empty_summary(&r);
		hres_free(&r);
	}
	for (size_t i = 0; i < sizeof(phones) / sizeof(phones[0]); i++) {
		json_object *p = payload(NULL);
		jset(p, "users.0.phone_number", S("\"%s\"", phones[i]));
		call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
		ck_assert_msg(r.status == 200 && strstr(r.body, "\"wrong_vars\":[]"),
		    "%s: %s", phones[i], r.body);
		hres_free(&r);
	}
	/* No phone, null middle and suffix, a suffix, filename with .pdf. */
	json_object *p = payload(NULL);
	jdel(p, "users.0.phone_number");
	jset(p, "users.0.name.middle", "null");
	jset(p, "users.0.name.suffix", "\"Jr.\"");
	jdel(p, "other_parties.0.name.middle");
	jdel(p, "other_parties.0.name.suffix");
	jset(p, "al_court_bundle.0.filename", "\"complaint_2024-v1.pdf\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	/* A business on the other side, with a mobile number only. */
	p = payload(NULL);
	jset(p, "other_parties.0", "{\"person_type\":\"business\",\"name\":"
	    "{\"first\":\"Acme Rentals, LLC\"},\"party_type\":\"21002\","
	    "\"mobile_number\":\"312 555 0199\"}");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	/* Bad names are wrong. */
	p = payload(NULL);
	jset(p, "users.0.name.last", "\"L0velace\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "wrong_vars", "users[0].name.last"), 0);
	hres_free(&r);
	/* Unknown suffix: wrong with the suffix names. */
	p = payload(NULL);
	jset(p, "users.0.name.suffix", "\"Esq\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	int k = var_at(&r, "wrong_vars", "users[0].name.suffix");
	ck_assert_int_ge(k, 0);
	ck_assert(has_choice(json_object_array_get_idx(jfind(r.json, "wrong_vars"),
	    (size_t)k), "Jr."));
	hres_free(&r);
	/* users[0] without e-mail on an initial filing. */
	p = payload(NULL);
	jdel(p, "users.0.email");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "required_vars", "users[0].email"), 0);
	hres_free(&r);
}
END_TEST

START_TEST(check_cross_refs_and_amounts)
{
	struct who w;
	struct hres r;
	json_object *p = payload(NULL);

	who_new(&w);
	jset(p, "cross_references", "null");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "wrong_vars", "cross_references"), 0);
	hres_free(&r);
	jset(p, "cross_references", "{\"30002\":\"2023-EV-456\"}");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	jset(p, "cross_references", "{\"_class\":\"DADict\",\"elements\":"
	    "{\"30002\":\"bad\"}}");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	int k = var_at(&r, "wrong_vars", "cross_references.30002");
	ck_assert_int_ge(k, 0);
	ck_assert_str_eq(jget(json_object_array_get_idx(jfind(r.json, "wrong_vars"),
	    (size_t)k), "description"), "Use the form 2023-EV-456.");
	hres_free(&r);
	jset(p, "cross_references", "{\"99999\":\"x\"}");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "wrong_vars", "cross_references.99999"), 0);
	hres_free(&r);

	/* 143128 needs amount_in_controversy, a JSON number. */
	p = payload(NULL);
	jset(p, "efile_case_type", "\"25362\"");
	jset(p, "al_court_bundle.0.filing_type", "\"143128\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "error.type"), "Malformed Interview");
	ck_assert_ptr_nonnull(strstr(jget(r.json, "error.description"),
	    "Amount in controversy required"));
	hres_free(&r);
	jset(p, "amount_in_controversy", "\"103.43\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 400);
	ck_assert_ptr_nonnull(strstr(jget(r.json, "error.description"),
	    "Amount in controversy required"));
	hres_free(&r);
	jset(p, "amount_in_controversy", "103.43");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	jset(p, "amount_in_controversy", "1500");
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/fees", js(p));
	assert_status(&r, 200);
	ck_assert_double_eq_tol(json_object_get_double(jfind(r.json,
	    "feesCalculationAmount.value")), 263.0 + 80.0, 0.001);
	hres_free(&r);
	/* Bad return date, bad is_new. */
	p = payload(NULL);
	jset(p, "return_date", "\"03/01/2026\"");
	jset(p, "other_parties.0.is_new", "\"yes\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "wrong_vars", "return_date"), 0);
	ck_assert_int_ge(var_at(&r, "wrong_vars", "other_parties[0].is_new"), 0);
	hres_free(&r);
	p = payload(NULL);
	jset(p, "return_date", "\"2026-03-01+01:00\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
}
END_TEST

/* ---- documents ---------------------------------------------------------- */

static void
check_url(const struct who *w, const char *url, struct hres *r)
{
	json_object *p = payload(NULL);
	jset(p, "al_court_bundle.0.data_url", S("\"%s\"", url));
	call(r, w, "GET", "/filingreview/courts/adams/filing/check", js(p));
}

START_TEST(documents_refused)
{
	struct who w;
	struct hres r;
	unsigned before;

	who_new(&w);
	/* Off the allow-list: never fetched. */
	before = doc_count();
	check_url(&w, "http://example.invalid/doc.pdf", &r);
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "error.type"), "Malformed Interview");
	ck_assert_ptr_nonnull(strstr(jget(r.json, "error.description"),
	    "al_court_bundle.elements[0].data_url"));
	hres_free(&r);
	check_url(&w, S("http://localhost:%d/doc.pdf", docserver_port()), &r);
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "error.type"), "Malformed Interview");
	hres_free(&r);
	check_url(&w, S("http://user:pw@127.0.0.1:%d/doc.pdf", docserver_port()),
	    &r);
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "error.type"), "Malformed Interview");
	hres_free(&r);
	ck_assert_uint_eq(doc_count(), before);
	/* Other schemes and no URL at all. */
	static const char *const schemes[] = { "file:///etc/passwd",
	    "ftp://127.0.0.1/doc.pdf", "gopher://127.0.0.1/", "", "doc.pdf" };
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		check_url(&w, schemes[i], &r);
		assert_status(&r, 400);
		ck_assert_str_eq(jget(r.json, "error.type"), "Malformed Interview");
		ck_assert_ptr_null(strstr(r.body, "root:"));
		hres_free(&r);
	}
	json_object *p = payload(NULL);
	jdel(p, "al_court_bundle.0.data_url");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "error.type"), "Malformed Interview");
	hres_free(&r);
	/* Redirects: on the list followed, off it or to file: refused. */
	check_url(&w, docserver_url("/redirect-ok"), &r);
	assert_empty_summary(&r);
	hres_free(&r);
	check_url(&w, docserver_url("/redirect-off"), &r);
	assert_status(&r, 400);
	ck_assert_ptr_nonnull(jget(r.json, "error.type"));
	hres_free(&r);
	check_url(&w, docserver_url("/redirect-file"), &r);
	assert_status(&r, 400);
	ck_assert_ptr_nonnull(jget(r.json, "error.type"));
	ck_assert_ptr_null(strstr(r.body, "root:"));
	hres_free(&r);
	/* Not a PDF, a broken PDF, an empty body. */
	static const char *const bad[] = { "/notpdf.pdf", "/broken.pdf", "/empty" };
	for (size_t i = 0; i < 3; i++) {
		check_url(&w, docserver_url(bad[i]), &r);
		assert_status(&r, 400);
		ck_assert_msg(jget(r.json, "error.type") != NULL, "%s: %s", bad[i],
		    r.body);
		hres_free(&r);
	}
	check_url(&w, docserver_url("/notpdf.pdf"), &r);
	ck_assert_ptr_nonnull(strstr(jget(r.json, "error.description"),
	    "complaint.pdf is not a readable PDF"));
	hres_free(&r);
}
END_TEST

START_TEST(documents_unreachable)
{
	struct who w;
	struct hres r;
	char *missing = docserver_url("/missing");

	who_new(&w);
	check_url(&w, missing, &r);
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "error.type"), "Server Error");
	ck_assert_ptr_nonnull(strstr(jget(r.json, "error.description"),
	    S("IOException trying to connect to data_url %s", missing)));
	hres_free(&r);
	check_url(&w, "http://127.0.0.1:1/doc.pdf", &r);
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "error.type"), "Server Error");
	ck_assert_int_eq(strncmp(jget(r.json, "error.description"),
	    "IOException trying to connect to data_url http://127.0.0.1:1/doc.pdf",
	    68), 0);
	hres_free(&r);
	/* fees and submit say 400 as well, never 5xx. */
	json_object *p = payload(waiver(&w));
	jset(p, "al_court_bundle.0.data_url", "\"http://127.0.0.1:1/doc.pdf\"");
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/fees", js(p));
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "error.type"), "Server Error");
	hres_free(&r);
	call(&r, &w, "POST", "/filingreview/courts/adams/filings", js(p));
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "type"), "Server Error");
	hres_free(&r);
	ck_assert_str_eq(count_of("SELECT COUNT(*) FROM envelopes e JOIN filers f "
	    "ON f.id = e.filer_id WHERE f.email = '%s'", w.email), "0");
}
END_TEST

/* A copy of adams with its own code, for changing a court's policy. */
static char *
court_copy(void)
{
	static const char *const tables[] = { "filing_categories",
	    "filing_case_types", "filing_case_subtypes", "filing_codes",
	    "filing_components", "filing_document_types", "filing_motion_types",
	    "filing_party_types", "filing_optional_services",
	    "filing_service_types", "filing_cross_references",
	    "filing_name_codes", "filing_file_types", "filing_filer_types",
	    "filing_disclaimers" };
	char *c = unique("tc");
	char *q = S("CREATE TEMPORARY TABLE t AS SELECT * FROM filing_courts WHERE "
	    "jurisdiction = 'illinois' AND code = 'adams'; UPDATE t SET code = "
	    "'%s', name = 'Test Court %s'; INSERT INTO filing_courts SELECT * FROM "
	    "t; DROP TEMPORARY TABLE t;", c, c);
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		q = S("%s CREATE TEMPORARY TABLE t AS SELECT * FROM %s WHERE "
		    "jurisdiction = 'illinois' AND court = 'adams'; UPDATE t SET "
		    "court = '%s'; INSERT INTO %s SELECT * FROM t; DROP TEMPORARY "
		    "TABLE t;", q, tables[i], c, tables[i]);
	ck_assert_int_eq(sql(q), 0);
	return c;
}

START_TEST(documents_too_big)
{
	struct who w;
	struct hres r;
	char *c = court_copy();

	who_new(&w);
	json_object *p = payload(NULL);
	jset(p, "al_court_bundle.0.data_url", S("\"%s\"",
	    docserver_url("/big.pdf")));
	/* The copy takes big.pdf as adams does. */
	call(&r, &w, "GET", S("/filingreview/courts/%s/filing/check", c), js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	/*
	 * Workers keep code tables for CASEGATE_CODES_TTL seconds, so each
	 * changed limit goes to a court copy no request has seen yet.
	 */
	c = court_copy();
	ck_assert_int_eq(sql(S("UPDATE filing_courts SET max_attachment_bytes = "
	    "1048576 WHERE jurisdiction = 'illinois' AND code = '%s'", c)), 0);
	call(&r, &w, "GET", S("/filingreview/courts/%s/filing/check", c), js(p));
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "error.type"), "Malformed Interview");
	ck_assert_ptr_nonnull(strstr(jget(r.json, "error.description"),
	    "complaint.pdf is too big!"));
	hres_free(&r);
	/* Without Content-Length, the cap holds too. */
	jset(p, "al_court_bundle.0.data_url", S("\"%s\"",
	    docserver_url("/stream-big")));
	jset(p, "al_court_bundle.0.filename", "\"stream\"");
	call(&r, &w, "GET", S("/filingreview/courts/%s/filing/check", c), js(p));
	assert_status(&r, 400);
	ck_assert_ptr_nonnull(strstr(jget(r.json, "error.description"),
	    "too big!"));
	hres_free(&r);
	/* The policy says so. */
	call(&r, &w, "GET", S("/filingreview/courts/%s/policy", c), NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "runtimePolicyParameters."
	    "maximumAllowedAttachmentSize.value"), "1048576");
	hres_free(&r);
	/* The envelope limit: two small documents over it. */
	c = court_copy();
	ck_assert_int_eq(sql(S("UPDATE filing_courts SET max_attachment_bytes = "
	    "26214400, max_envelope_bytes = 100 WHERE jurisdiction = 'illinois' "
	    "AND code = '%s'", c)), 0);
	json_object_array_add(jfind(p, "al_court_bundle"),
	    J(doc_json("/one.pdf", "143127", 0)));
	jset(p, "al_court_bundle.0.data_url", S("\"%s\"",
	    docserver_url("/doc.pdf")));
	call(&r, &w, "POST", S("/filingreview/courts/%s/filing/fees", c), js(p));
	assert_status(&r, 400);
	ck_assert_ptr_nonnull(strstr(jget(r.json, "error.description"),
	    "The envelope is too big!"));
	hres_free(&r);
}
END_TEST

/* ---- submit ------------------------------------------------------------- */

START_TEST(submit_stores)
{
	struct who w;
	struct hres r;
	char *pay;

	who_new(&w);
	pay = waiver(&w);
	json_object *p = payload(pay);
	json_object_array_add(jfind(p, "al_court_bundle"),
	    J(doc_json("/one.pdf", "143127", 0)));
	jset(p, "al_court_bundle.1.filename", "\"exhibit.pdf\"");
	jset(p, "acceptance_subject", "\"Accepted\"");
	call(&r, &w, "POST", "/filingreview/courts/adams/filings", js(p));
	assert_status(&r, 200);
	const char *env = jget(r.json, "envelopeId");
	ck_assert_ptr_nonnull(env);
	ck_assert_int_eq(strlen(env), 36);
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "filingIds")), 2);
	ck_assert_str_eq(jget(r.json, "caseTitle"), "Ada Lovelace v. Bob Landlord");
	ck_assert_str_eq(jget(r.json, "courtName"), "Adams County");
	ck_assert_str_eq(jget(r.json, "caseCategoryName"), "Eviction");
	ck_assert(json_object_is_type(jfind(r.json, "caseId"), json_type_null));
	ck_assert_str_eq(jget(r.json, "leadContact.email"), w.email);
	char *f0 = strdup(jget(r.json, "filingIds.0"));
	char *envs = strdup(env);
	hres_free(&r);
	/* The rows: envelope, filings, documents with bytes, charges. */
	ck_assert_str_eq(count_of("SELECT CONCAT(total_fee, '|', initial, '|', "
	    "payment_account, '|', case_title) FROM envelopes WHERE uuid = '%s'",
	    envs), S("430.00|1|%s|Ada Lovelace v. Bob Landlord", pay));
	ck_assert_str_eq(count_of("SELECT COUNT(*) FROM filings f JOIN envelopes e "
	    "ON e.id = f.envelope_id WHERE e.uuid = '%s' AND f.status = "
	    "'submitted'", envs), "2");
	ck_assert_str_eq(count_of("SELECT CONCAT(d.filename, '|', d.pages, '|', "
	    "d.content_type, '|', d.size = LENGTH(d.bytes), '|', d.sha256 = "
	    "SHA2(d.bytes, 256), '|', d.filing_component, '|', d.document_type) "
	    "FROM filing_documents d JOIN filings f ON f.id = d.filing_id WHERE "
	    "f.uuid = '%s'", f0), "complaint.pdf|2|application/pdf|1|1|332|5766");
	/* By account: test_payments records a charge of envelope 1 directly. */
	ck_assert_str_eq(sql_value(S("SELECT GROUP_CONCAT(CONCAT(c.code, ':', "
	    "c.amount) ORDER BY c.id) FROM filing_charges c JOIN envelopes e ON "
	    "e.id = c.envelope_id WHERE e.uuid = '%s' AND c.payment_account = "
	    "'%s'", envs, pay)),
	    "143127:175.00,1001:20.00,1002:60.00,143127:175.00");
	ck_assert_str_eq(count_of("SELECT COUNT(*) FROM filing_charges WHERE "
	    "payment_account = '%s'", pay), "4");
	ck_assert_str_eq(count_of("SELECT JSON_UNQUOTE(JSON_EXTRACT(templates, "
	    "'$.acceptance_subject')) FROM envelopes WHERE uuid = '%s'", envs),
	    "Accepted");
	/* The stored bytes are the served ones. */
	size_t len;
	char *pdf = pdf_make(2, 0, &len);
	(void)pdf;
	ck_assert_str_eq(count_of("SELECT size > 100 FROM filing_documents d JOIN "
	    "filings f ON f.id = d.filing_id WHERE f.uuid = '%s'", f0), "1");
	/* The filing reads back. */
	call(&r, &w, "GET", S("/filingreview/courts/adams/filings/%s", f0), NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "documents.0.fileName"), "complaint.pdf");
	ck_assert_str_eq(jget(r.json, "documents.0.pageCount"), "2");
	ck_assert_str_eq(jget(r.json, "documentIdentification.1.identificationID."
	    "value"), f0);
	ck_assert_str_eq(jget(r.json, "documentIdentification.0.identificationID."
	    "value"), envs);
	ck_assert_str_eq(jget(r.json, "filingStatus.filingStatusCode"), "submitted");
	ck_assert_ptr_nonnull(jget(r.json, "documents.0.sha256"));
	ck_assert_str_eq(jget(r.json, "documents.0.sha256"), count_of("SELECT "
	    "d.sha256 FROM filing_documents d JOIN filings f ON f.id = d.filing_id "
	    "WHERE f.uuid = '%s'", f0));
	hres_free(&r);
}
END_TEST

START_TEST(submit_payment_accounts)
{
	struct who w, other;
	struct hres r;
	char *q;

	who_new(&w);
	who_new(&other);
	char *theirs = waiver(&other), *mine = waiver(&w), *off = waiver(&w);
	call(&r, &w, "PATCH", S("/payments/payment-accounts/%s", off),
	    "{\"active\":false}");
	assert_status(&r, 200);
	hres_free(&r);
	q = S("SELECT COUNT(*) FROM envelopes e JOIN filers f ON f.id = "
	    "e.filer_id WHERE f.email = '%s'", w.email);
	const char *ids[] = { NULL, "00000000-0000-4000-8000-000000000000",
	    theirs, off, "" };
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		json_object *p = payload(ids[i]);
		call(&r, &w, "POST", "/filingreview/courts/adams/filings", js(p));
		ck_assert_msg(r.status == 400, "payment id %zu %s: %ld", i,
		    ids[i] ? ids[i] : "(none)", r.status);
		ck_assert_str_eq(jget(r.json, "type"), "Malformed Interview");
		ck_assert_ptr_nonnull(strstr(jget(r.json, "description"),
		    "tyler_payment_id"));
		hres_free(&r);
	}
	json_object *p = payload(NULL);
	jset(p, "tyler_payment_id", "17");
	call(&r, &w, "POST", "/filingreview/courts/adams/filings", js(p));
	assert_status(&r, 400);
	hres_free(&r);
	ck_assert_str_eq(sql_value(q), "0");
	ck_assert_str_eq(count_of("SELECT COUNT(*) FROM filing_charges WHERE "
	    "payment_account = '%s'", theirs), "0");
	/* A parse error at submit: a bare variable. */
	p = payload(mine);
	jset(p, "al_court_bundle.0.filing_parties", "[]");
	call(&r, &w, "POST", "/filingreview/courts/adams/filings", js(p));
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "name"),
	    "al_court_bundle.elements[0].filing_parties");
	hres_free(&r);
	call(&r, &w, "POST", "/filingreview/courts/adams/filings", "[]");
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "type"), "Malformed Interview");
	hres_free(&r);
	call(&r, &w, "POST", "/filingreview/courts/adams/filings", "nope");
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "type"), "Malformed Interview");
	hres_free(&r);
	ck_assert_str_eq(sql_value(q), "0");
	/* max_fee_amount below the fees: sangamon honours it (275 there). */
	p = payload(mine);
	jset(p, "max_fee_amount", "270");
	call(&r, &w, "POST", "/filingreview/courts/sangamon/filings", js(p));
	assert_status(&r, 400);
	ck_assert_str_eq(jget(r.json, "description"), "The fees (275.00) are "
	    "over max_fee_amount (270.00)");
	hres_free(&r);
	ck_assert_str_eq(sql_value(q), "0");
	/* adams does not (allowmaxfeeamount 0): ignored. */
	call(&r, &w, "POST", "/filingreview/courts/adams/filings", js(p));
	assert_status(&r, 200);
	hres_free(&r);
	ck_assert_str_eq(sql_value(q), "1");
	jset(p, "max_fee_amount", "275");
	call(&r, &w, "POST", "/filingreview/courts/sangamon/filings", js(p));
	assert_status(&r, 200);
	hres_free(&r);
	ck_assert_str_eq(sql_value(q), "2");
	/* A global account works for anyone. */
	call(&r, &w, "POST", "/payments/global-accounts", unique("Global "));
	assert_status(&r, 200);
	char *g = strdup(json_object_get_string(r.json));
	hres_free(&r);
	call(&r, &w, "POST", "/filingreview/courts/adams/filings", js(payload(g)));
	assert_status(&r, 200);
	hres_free(&r);
	ck_assert_str_eq(sql_value(q), "3");
	/* An account used a moment ago and then switched off is refused at
	   once (the check may come from the query cache: the write drops it). */
	call(&r, &w, "POST", "/filingreview/courts/adams/filings",
	    js(payload(mine)));
	assert_status(&r, 200);
	hres_free(&r);
	call(&r, &w, "PATCH", S("/payments/payment-accounts/%s", mine),
	    "{\"active\":false}");
	assert_status(&r, 200);
	hres_free(&r);
	call(&r, &w, "POST", "/filingreview/courts/adams/filings",
	    js(payload(mine)));
	assert_status(&r, 400);
	ck_assert_ptr_nonnull(strstr(jget(r.json, "description"),
	    "tyler_payment_id"));
	hres_free(&r);
	ck_assert_str_eq(sql_value(q), "4");
}
END_TEST

START_TEST(submit_idempotency)
{
	struct who w;
	struct hres r;
	char *key = unique("idem-");

	who_new(&w);
	json_object *p = payload(waiver(&w));
	char *q = S("SELECT COUNT(*) FROM envelopes e JOIN filers f ON f.id = "
	    "e.filer_id WHERE f.email = '%s'", w.email);
	call_as(&r, "POST", "/filingreview/courts/adams/filings", w.key, w.token,
	    NULL, js(p), S("Idempotency-Key: %s", key));
	assert_status(&r, 200);
	char *first = strdup(r.body);
	hres_free(&r);
	call_as(&r, "POST", "/filingreview/courts/adams/filings", w.key, w.token,
	    NULL, js(p), S("Idempotency-Key: %s", key));
	assert_status(&r, 200);
	json_object *a = json_tokener_parse(first);
	ck_assert_str_eq(r.body, first);
	ck_assert_str_eq(jget(r.json, "envelopeId"), jget(a, "envelopeId"));
	ck_assert_str_eq(jget(r.json, "filingIds.0"), jget(a, "filingIds.0"));
	ck_assert_str_eq(jget(r.json, "caseTitle"), jget(a, "caseTitle"));
	hres_free(&r);
	ck_assert_str_eq(sql_value(q), "1");
	/* The same key for another request: 422, nothing filed. */
	json_object *other = payload(waiver(&w));
	jset(other, "other_parties.0.name.first", "\"Carol\"");
	call_as(&r, "POST", "/filingreview/courts/adams/filings", w.key, w.token,
	    NULL, js(other), S("Idempotency-Key: %s", key));
	assert_status(&r, 422);
	ck_assert_ptr_nonnull(strstr(r.body, "Idempotency-Key"));
	hres_free(&r);
	ck_assert_str_eq(sql_value(q), "1");
	/* A different key: a new envelope. */
	call_as(&r, "POST", "/filingreview/courts/adams/filings", w.key, w.token,
	    NULL, js(p), S("Idempotency-Key: %s-2", key));
	assert_status(&r, 200);
	ck_assert_str_ne(jget(r.json, "envelopeId"), jget(a, "envelopeId"));
	hres_free(&r);
	ck_assert_str_eq(sql_value(q), "2");
	/* No key: new each time. */
	call(&r, &w, "POST", "/filingreview/courts/adams/filings", js(p));
	assert_status(&r, 200);
	hres_free(&r);
	ck_assert_str_eq(sql_value(q), "3");
	/* Another filer's same key is its own. */
	struct who o;
	who_new(&o);
	call_as(&r, "POST", "/filingreview/courts/adams/filings", o.key, o.token,
	    NULL, js(payload(waiver(&o))), S("Idempotency-Key: %s", key));
	assert_status(&r, 200);
	ck_assert_str_ne(jget(r.json, "envelopeId"), jget(a, "envelopeId"));
	hres_free(&r);
	/* A bad key: 400, nothing filed. */
	char big[300];
	memset(big, 'k', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	call_as(&r, "POST", "/filingreview/courts/adams/filings", w.key, w.token,
	    NULL, js(p), S("Idempotency-Key: %s", big));
	assert_status(&r, 400);
	ck_assert_ptr_nonnull(strstr(r.body, "Idempotency-Key"));
	hres_free(&r);
	ck_assert_str_eq(sql_value(q), "3");
}
END_TEST

/* ---- list, detail, status, cancel, review ------------------------------- */

static void
ymd(char *buf, int days)
{
	time_t t = time(NULL) + days * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

START_TEST(list_status_cancel)
{
	struct who w, other, mate;
	struct hres r;
	char today[11], tomorrow[11], ago[11], yesterday[11];

	ymd(today, 0);
	ymd(tomorrow, 1);
	ymd(yesterday, -1);
	ymd(ago, -30);
	who_new(&w);
	who_new(&other);
	who_firm(&mate, w.firm);
	json_object *res = submit(&w, payload(waiver(&w)));
	const char *fid = jget(res, "filingIds.0");
	const char *env = jget(res, "envelopeId");

	call(&r, &w, "GET", S("/filingreview/courts/adams/filings?start_date=%s&"
	    "before_date=%s", yesterday, tomorrow), NULL);
	assert_status(&r, 200);
	ck_assert_int_eq(json_object_array_length(r.json), 1);
	ck_assert_str_eq(jget(r.json, "0.documentIdentification.1.identificationID."
	    "value"), fid);
	ck_assert_str_eq(jget(r.json, "0.documentIdentification.0.identificationID."
	    "value"), env);
	ck_assert_str_eq(jget(r.json, "0.documentSubmitter.entityRepresentation."
	    "value.personName.personFullName.value"), "Ada Filer");
	ck_assert_str_eq(jget(r.json, "0.documentCategoryText.0.value.value"),
	    "143127");
	ck_assert_str_eq(jget(r.json, "0.documentCategoryText.0.name"),
	    "{urn:tyler:ecf:extensions:Common}FilingCode");
	ck_assert_str_eq(jget(r.json, "0.documentDescriptionText.value"),
	    "complaint.pdf");
	long long filed = json_object_get_int64(jfind(r.json,
	    "0.documentFiledDate.dateRepresentation.value.value"));
	ck_assert(llabs(filed / 1000 - (long long)time(NULL)) < 300);
	hres_free(&r);
	/* today..tomorrow too; before_date is exclusive. */
	call(&r, &w, "GET", S("/filingreview/courts/adams/filings?start_date=%s&"
	    "before_date=%s", today, tomorrow), NULL);
	assert_status(&r, 200);
	hres_free(&r);
	call(&r, &w, "GET", S("/filingreview/courts/adams/filings?start_date=%s&"
	    "before_date=%s", ago, today), NULL);
	assert_status(&r, 204);
	ck_assert_int_eq(r.len, 0);
	hres_free(&r);
	/* One date alone: no range. */
	call(&r, &w, "GET", S("/filingreview/courts/adams/filings?start_date=%s",
	    ago), NULL);
	assert_status(&r, 200);
	hres_free(&r);
	call(&r, &w, "GET", "/filingreview/courts/adams/filings", NULL);
	assert_status(&r, 200);
	hres_free(&r);
	/* Bad dates. */
	static const char *const bad[] = { "2024-13-01", "yesterday", "2024-1-1",
	    "2024-01-01T00:00", "2024-02-30", "2023-02-29", "2024-04-31" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		call(&r, &w, "GET", S("/filingreview/courts/adams/filings?start_date="
		    "%s&before_date=%s", bad[i], tomorrow), NULL);
		ck_assert_msg(r.status == 400, "%s: %ld", bad[i], r.status);
		hres_free(&r);
		call(&r, &w, "GET", S("/filingreview/courts/adams/filings?start_date="
		    "%s&before_date=%s", yesterday, bad[i]), NULL);
		ck_assert_msg(r.status == 400, "before %s: %ld", bad[i], r.status);
		hres_free(&r);
	}
	/* A leap day is a date. */
	call(&r, &w, "GET", "/filingreview/courts/adams/filings?start_date="
	    "2024-02-29&before_date=2024-03-01", NULL);
	assert_status(&r, 204);
	hres_free(&r);
	/* Court 0 reads and cancels any court's filing too. */
	call(&r, &w, "GET", S("/filingreview/courts/0/filings/%s", fid), NULL);
	assert_status(&r, 200);
	hres_free(&r);
	/* Court 0: all courts; another court: none. */
	submit(&w, payload(waiver(&w)));
	{
		json_object *p = payload(waiver(&w));
		call(&r, &w, "POST", "/filingreview/courts/sangamon/filings", js(p));
		assert_status(&r, 200);
		hres_free(&r);
	}
	call(&r, &w, "GET", S("/filingreview/courts/0/filings?start_date=%s&"
	    "before_date=%s", yesterday, tomorrow), NULL);
	/* Court "0" is not a filing_courts row of its own to send to, but lists. */
	assert_status(&r, 200);
	ck_assert_int_eq(json_object_array_length(r.json), 3);
	hres_free(&r);
	call(&r, &w, "GET", "/filingreview/courts/peoria/filings", NULL);
	assert_status(&r, 204);
	hres_free(&r);
	/* The same firm's other filer sees them; another firm none. */
	call(&r, &mate, "GET", "/filingreview/courts/adams/filings", NULL);
	assert_status(&r, 200);
	ck_assert_int_eq(json_object_array_length(r.json), 2);
	hres_free(&r);
	call(&r, &other, "GET", S("/filingreview/courts/adams/filings?start_date="
	    "%s&before_date=%s", yesterday, tomorrow), NULL);
	assert_status(&r, 204);
	hres_free(&r);
	call(&r, &other, "GET", S("/filingreview/courts/adams/filings/%s", fid),
	    NULL);
	assert_text(&r, 404, S("Filing %s does not exist", fid));
	hres_free(&r);
	call(&r, &other, "GET", S("/filingreview/courts/adams/filings/%s/status",
	    fid), NULL);
	assert_status(&r, 404);
	hres_free(&r);
	call(&r, &other, "DELETE", S("/filingreview/courts/adams/filings/%s", fid),
	    NULL);
	assert_status(&r, 404);
	hres_free(&r);
	/* The wrong court. */
	call(&r, &w, "GET", S("/filingreview/courts/sangamon/filings/%s", fid),
	    NULL);
	assert_status(&r, 404);
	hres_free(&r);
	call(&r, &w, "GET", "/filingreview/courts/adams/filings/not-a-filing",
	    NULL);
	assert_status(&r, 404);
	hres_free(&r);

	/* Status, then cancel. */
	call(&r, &w, "GET", S("/filingreview/courts/adams/filings/%s/status", fid),
	    NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "filingStatus.filingStatusCode"), "submitted");
	ck_assert_str_eq(jget(r.json, "filingStatus.statusText.value"), "submitted");
	ck_assert_str_eq(jget(r.json, "caseTrackingID.value"), "");
	hres_free(&r);
	call(&r, &w, "DELETE", S("/filingreview/courts/adams/filings/%s", fid),
	    NULL);
	assert_status(&r, 204);
	ck_assert_int_eq(r.len, 0);
	hres_free(&r);
	call(&r, &w, "GET", S("/filingreview/courts/adams/filings/%s/status", fid),
	    NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "filingStatus.filingStatusCode"), "cancelled");
	hres_free(&r);
	call(&r, &w, "GET", S("/filingreview/courts/adams/filings/%s", fid), NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "documents.0.fileName"), "complaint.pdf");
	ck_assert_str_eq(jget(r.json, "filingStatus.filingStatusCode"), "cancelled");
	hres_free(&r);
	call(&r, &w, "DELETE", S("/filingreview/courts/adams/filings/%s", fid),
	    NULL);
	assert_text(&r, 400, S("Filing %s is cancelled and cannot be cancelled",
	    fid));
	hres_free(&r);
	/* A cancelled filing cannot be reviewed. */
	ck_assert_int_ne(admin_cli(NULL, "filing review %s accepted", fid), 0);
	json_object_put(res);
}
END_TEST

static void
review(struct hres *r, const char *token, const char *court, const char *fid,
    const char *body)
{
	http_json(r, "POST", S(FR "%s/filings/%s/review", court, fid), token, body);
}

START_TEST(review_and_case)
{
	struct who w;
	struct hres r;

	who_new(&w);
	char *pay = waiver(&w);
	json_object *res = submit(&w, payload(pay));
	const char *fid = jget(res, "filingIds.0");

	/* Auth: no token 401, not an admin 403. */
	review(&r, NULL, "adams", fid, "{\"status\":\"accepted\"}");
	assert_status(&r, 401);
	hres_free(&r);
	char *name = unique("clerk");
	ck_assert_int_eq(admin_cli(PW "\n", "user add %s --scopes read", name), 0);
	char *tok = login(name, PW);
	ck_assert_ptr_nonnull(tok);
	review(&r, tok, "adams", fid, "{\"status\":\"accepted\"}");
	/* The platform answers a missing scope 401 (lib/auth.c). */
	assert_status(&r, 401);
	ck_assert_ptr_nonnull(strstr(r.body, "Not enough permissions"));
	hres_free(&r);
	/* A filer's API key is no admin token either. */
	call(&r, &w, "POST", S("/filingreview/courts/adams/filings/%s/review", fid),
	    "{\"status\":\"accepted\"}");
	assert_status(&r, 401);
	hres_free(&r);
	/* Bad bodies and statuses. */
	static const char *const bad[] = { "{\"status\":\"maybe\"}", "{}", "[]",
	    "{\"status\":1}", "{\"status\":\"accepted\",\"reason\":5}",
	    "{\"status\":\"cancelled\"}", "{\"status\":\"submitted\"}" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		review(&r, adm(), "adams", fid, bad[i]);
		ck_assert_msg(r.status == 400, "%s: %ld %s", bad[i], r.status, r.body);
		hres_free(&r);
	}
	/* Unknown filing, wrong court. */
	review(&r, adm(), "adams", "00000000-0000-4000-8000-000000000000",
	    "{\"status\":\"accepted\"}");
	assert_status(&r, 404);
	hres_free(&r);
	review(&r, adm(), "sangamon", fid, "{\"status\":\"accepted\"}");
	assert_status(&r, 404);
	hres_free(&r);
	ck_assert_str_eq(count_of("SELECT status FROM filings WHERE uuid = '%s'",
	    fid), "submitted");

	review(&r, adm(), "adams", fid, "{\"status\":\"accepted\"}");
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "filingStatus.filingStatusCode"), "accepted");
	ck_assert_int_eq(strlen(jget(r.json, "caseTrackingID.value")), 36);
	hres_free(&r);
	review(&r, adm(), "adams", fid, "{\"status\":\"rejected\"}");
	assert_status(&r, 409);
	hres_free(&r);
	/* The filer's status shows the case. */
	call(&r, &w, "GET", S("/filingreview/courts/adams/filings/%s/status", fid),
	    NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "filingStatus.filingStatusCode"), "accepted");
	char *case_id = strdup(jget(r.json, "caseTrackingID.value"));
	char *docket = strdup(jget(r.json, "caseDocketID.value"));
	ck_assert_int_eq(strlen(case_id), 36);
	ck_assert_ptr_nonnull(strstr(docket, "-CV-"));
	hres_free(&r);
	/* Accepted: no longer cancellable. */
	call(&r, &w, "DELETE", S("/filingreview/courts/adams/filings/%s", fid),
	    NULL);
	assert_status(&r, 400);
	hres_free(&r);
	/* The cases service finds it. */
	call(&r, &w, "GET", S("/cases/courts/adams/cases?docket_number=%s", docket),
	    NULL);
	assert_status(&r, 200);
	ck_assert_int_eq(json_object_array_length(r.json), 1);
	ck_assert_str_eq(jget(r.json, "0.value.caseTrackingID.value"), case_id);
	ck_assert_str_eq(jget(r.json, "0.value.caseTitleText.value"),
	    "Ada Lovelace v. Bob Landlord");
	hres_free(&r);
	call(&r, &w, "GET", "/cases/courts/adams/cases?last_name=Landlord&"
	    "first_name=Bob", NULL);
	assert_status(&r, 200);
	ck_assert_int_ge(json_object_array_length(r.json), 1);
	hres_free(&r);
	ck_assert_str_eq(count_of("SELECT COUNT(*) FROM court_case_parties p JOIN "
	    "court_cases c ON c.id = p.case_id WHERE c.uuid = '%s'", case_id), "2");

	/* A subsequent filing into the case: a motion. */
	json_object *p = payload(pay);
	jdel(p, "efile_case_category");
	jdel(p, "efile_case_type");
	jset(p, "previous_case_id", S("\"%s\"", case_id));
	jset(p, "al_court_bundle.0", doc_json("/one.pdf", "143142", 0));
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	call(&r, &w, "POST", "/filingreview/courts/adams/filings", js(p));
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "caseId"), case_id);
	ck_assert_str_eq(jget(r.json, "caseTitle"), "Ada Lovelace v. Bob Landlord");
	char *sub = strdup(jget(r.json, "filingIds.0"));
	hres_free(&r);
	call(&r, &w, "GET", S("/filingreview/courts/adams/filings/%s/status", sub),
	    NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "caseTrackingID.value"), case_id);
	ck_assert_str_eq(jget(r.json, "caseDocketID.value"), docket);
	hres_free(&r);
	/* The initial code is not one for a subsequent filing. */
	jset(p, "al_court_bundle.0.filing_type", "\"143127\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "wrong_vars",
	    "al_court_bundle.elements[0].filing_type"), 0);
	hres_free(&r);
	/* An unknown case. */
	jset(p, "previous_case_id", "\"00000000-0000-4000-8000-000000000000\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 400);
	ck_assert_int_ge(var_at(&r, "wrong_vars", "previous_case_id"), 0);
	hres_free(&r);
	/* Accepting the subsequent filing opens no new case. */
	char *cases_before = sql_value("SELECT COUNT(*) FROM court_cases");
	int rc;
	char *out = admin_cli_out(NULL, &rc, "filing review %s accepted", sub);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, S("filing %s accepted in case %s\n", sub, docket));
	ck_assert_str_eq(sql_value("SELECT COUNT(*) FROM court_cases"),
	    cases_before);
	json_object_put(res);
}
END_TEST

START_TEST(review_cli_rejected)
{
	struct who w;
	struct hres r;
	int rc;

	who_new(&w);
	json_object *res = submit(&w, payload(waiver(&w)));
	const char *fid = jget(res, "filingIds.0");
	char *out = admin_cli_out(NULL, &rc, "filing review %s rejected --reason "
	    "'Wrong county: file in Pike'", fid);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, S("filing %s rejected\n", fid));
	call(&r, &w, "GET", S("/filingreview/courts/adams/filings/%s/status", fid),
	    NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "filingStatus.filingStatusCode"), "rejected");
	ck_assert_str_eq(jget(r.json, "filingStatus.statusDescriptionText.0.value"),
	    "Wrong county: file in Pike");
	ck_assert_str_eq(jget(r.json, "caseTrackingID.value"), "");
	hres_free(&r);
	call(&r, &w, "GET", "/filingreview/courts/adams/filings", NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "0.filingStatus.filingStatusCode"),
	    "rejected");
	hres_free(&r);
	/* Twice, unknown, bad status. */
	ck_assert_int_ne(admin_cli(NULL, "filing review %s accepted", fid), 0);
	ck_assert_int_ne(admin_cli(NULL, "filing review "
	    "00000000-0000-4000-8000-000000000000 accepted"), 0);
	json_object *res2 = submit(&w, payload(waiver(&w)));
	const char *f2 = jget(res2, "filingIds.0");
	ck_assert_int_ne(admin_cli(NULL, "filing review %s maybe", f2), 0);
	ck_assert_int_ne(admin_cli(NULL, "filing review %s", f2), 0);
	ck_assert_str_eq(count_of("SELECT status FROM filings WHERE uuid = '%s'",
	    f2), "submitted");
	/* A rejected initial filing opens no case; the HTTP reason too. */
	review(&r, adm(), "adams", f2, "{\"status\":\"rejected\",\"reason\":"
	    "\"Illegible\"}");
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "filingStatus.statusDescriptionText.0.value"),
	    "Illegible");
	hres_free(&r);
	ck_assert_str_eq(count_of("SELECT COUNT(*) FROM filings f JOIN envelopes e "
	    "ON e.id = f.envelope_id WHERE f.uuid = '%s' AND e.court_case_id IS "
	    "NULL", f2), "1");
	json_object_put(res);
	json_object_put(res2);
}
END_TEST

/* ---- policy, service types ---------------------------------------------- */

START_TEST(policy_and_servicetypes)
{
	struct who w;
	struct hres r;

	who_new(&w);
	call(&r, &w, "GET", "/filingreview/courts/adams/policy", NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "runtimePolicyParameters."
	    "maximumAllowedAttachmentSize.value"), "26214400");
	ck_assert_str_eq(jget(r.json, "runtimePolicyParameters."
	    "maximumAllowedMessageSize.value"), "52428800");
	ck_assert_str_eq(jget(r.json, "runtimePolicyParameters.allowedFileTypes.0"),
	    "pdf");
	hres_free(&r);
	call(&r, &w, "GET", "/filingreview/courts/peoria/policy", NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "runtimePolicyParameters."
	    "maximumAllowedAttachmentSize.value"), "15728640");
	hres_free(&r);
	call_as(&r, "GET", "/filingreview/courts/adams/policy", w.key, NULL, NULL,
	    NULL, NULL);
	assert_text(&r, 401, "Not logged in to file with adams");
	hres_free(&r);
	const char *body = js(payload(NULL));
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/servicetypes", body);
	assert_text(&r, 400, "adams does not have conditional service types: see "
	    "codes/courts/adams/service_types");
	hres_free(&r);
	call(&r, &w, "GET", "/filingreview/courts/sangamon/filing/servicetypes",
	    body);
	assert_status(&r, 200);
	ck_assert_int_eq(json_object_array_length(r.json), 3);
	ck_assert_str_eq(jget(r.json, "0.code"), "-730");
	ck_assert_str_eq(jget(r.json, "2.name"), "Personal Service by Sheriff");
	hres_free(&r);
	/* The legacy webhook knows nothing. */
	http(&r, "POST", FR "adams/filing/status", NULL, "{}", 2);
	assert_status(&r, 404);
	hres_free(&r);
}
END_TEST


/* ---- more payload rules ------------------------------------------------- */

/* A private service contact of w's firm; its id. */
static char *
contact_new(const struct who *w)
{
	struct hres r;
	call(&r, w, "POST", "/firmattorneyservice/service-contacts",
	    "{\"firstName\":\"Sam\",\"lastName\":\"Server\",\"email\":"
	    "\"sam@example.org\",\"isPublic\":false,\"isInFirmMaster\":true}");
	assert_status(&r, 200);
	ck_assert(json_object_is_type(r.json, json_type_string));
	char *id = S("%s", json_object_get_string(r.json));
	hres_free(&r);
	return id;
}

/* Who a submitted filing serves, read back through …/service/{contact}. */
START_TEST(submit_services)
{
	struct who w, o;
	struct hres r;

	who_new(&w);
	char *c1 = contact_new(&w);
	json_object *p = payload(waiver(&w));
	jset(p, "service_contacts", S("{\"_class\":\"DAList\",\"elements\":"
	    "[{\"contact_id\":\"%s\",\"service_type\":\"-732\","
	    "\"party_association\":\"users[0]\"}]}", c1));
	call(&r, &w, "POST", "/filingreview/courts/sangamon/filings", js(p));
	assert_status(&r, 200);
	char *fid = S("%s", jget(r.json, "filingIds.0"));
	hres_free(&r);
	call(&r, &w, "GET", S("/filingreview/courts/sangamon/filings/%s/service/%s",
	    fid, c1), NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "serviceContactID"), c1);
	ck_assert_str_eq(jget(r.json, "serviceTypeCode"), "-732");
	ck_assert_str_eq(jget(r.json, "partyAssociation"), "users[0]");
	ck_assert_str_eq(jget(r.json, "filingID"), fid);
	ck_assert_str_eq(jget(r.json, "serviceStatus"), "pending");
	hres_free(&r);
	/* A contact the filing does not serve. */
	char *c2 = contact_new(&w);
	call(&r, &w, "GET", S("/filingreview/courts/sangamon/filings/%s/service/%s",
	    fid, c2), NULL);
	assert_status(&r, 404);
	hres_free(&r);
	/* Another firm sees nothing of it. */
	who_new(&o);
	call(&r, &o, "GET", S("/filingreview/courts/sangamon/filings/%s/service/%s",
	    fid, c1), NULL);
	assert_status(&r, 404);
	ck_assert_ptr_null(strstr(r.body, c1));
	hres_free(&r);
	/* Without an API key: 401, empty. */
	call_as(&r, "GET", S("/filingreview/courts/sangamon/filings/%s/service/%s",
	    fid, c1), NULL, w.token, NULL, NULL, NULL);
	assert_status(&r, 401);
	ck_assert_int_eq((int)r.len, 0);
	hres_free(&r);
}
END_TEST

START_TEST(check_service_and_party_refs)
{
	struct who w;
	struct hres r;
	json_object *p;

	who_new(&w);
	/* adams takes no service on an initial filing. */
	p = payload(NULL);
	jset(p, "service_contacts", "{\"_class\":\"DAList\",\"elements\":"
	    "[{\"contact_id\":\"c1\",\"service_type\":\"-730\"}]}");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "wrong_vars",
	    "al_court_bundle.elements[0].filing_action"), 0);
	hres_free(&r);
	/* sangamon does; an unknown service type is wrong with choices. */
	char *c1 = contact_new(&w);
	jset(p, "service_contacts", S("[{\"contact_id\":\"%s\",\"service_type\":"
	    "\"-999\"},{\"contact_id\":7,\"service_type\":\"-730\"}]", c1));
	call(&r, &w, "GET", "/filingreview/courts/sangamon/filing/check", js(p));
	assert_status(&r, 200);
	int k = var_at(&r, "wrong_vars", "service_contact[0].service_type");
	ck_assert_int_ge(k, 0);
	ck_assert(has_choice(json_object_array_get_idx(jfind(r.json, "wrong_vars"),
	    (size_t)k), "-732"));
	ck_assert_int_ge(var_at(&r, "wrong_vars", "service_contacts[1].contact_id"),
	    0);
	hres_free(&r);
	jset(p, "service_contacts", S("[{\"contact_id\":\"%s\",\"service_type\":"
	    "\"-732\"}]", c1));
	call(&r, &w, "GET", "/filingreview/courts/sangamon/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	/* A contact nobody made, and another firm's private one, are wrong. */
	struct who o;
	who_new(&o);
	char *theirs = contact_new(&o);
	jset(p, "service_contacts", S("[{\"contact_id\":\"no-such-contact\","
	    "\"service_type\":\"-732\"},{\"contact_id\":\"%s\",\"service_type\":"
	    "\"-732\"},{\"contact_id\":\"%s\",\"service_type\":\"-730\"},"
	    "{\"contact_id\":\"%s\",\"service_type\":\"-730\"}]", theirs, c1, c1));
	call(&r, &w, "GET", "/filingreview/courts/sangamon/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "wrong_vars", "service_contacts[0].contact_id"),
	    0);
	ck_assert_int_ge(var_at(&r, "wrong_vars", "service_contacts[1].contact_id"),
	    0);
	ck_assert_int_lt(var_at(&r, "wrong_vars", "service_contacts[2].contact_id"),
	    0);
	/* The same contact twice. */
	ck_assert_int_ge(var_at(&r, "wrong_vars", "service_contacts[3].contact_id"),
	    0);
	hres_free(&r);
	/* filing_parties naming nobody. */
	p = payload(NULL);
	jset(p, "al_court_bundle.0.filing_parties", "[\"users[3]\","
	    "\"other_parties[0]\",\"other_parties[x]\",5]");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "wrong_vars",
	    "al_court_bundle.elements[0].filing_parties[0]"), 0);
	ck_assert_int_lt(var_at(&r, "wrong_vars",
	    "al_court_bundle.elements[0].filing_parties[1]"), 0);
	ck_assert_int_ge(var_at(&r, "wrong_vars",
	    "al_court_bundle.elements[0].filing_parties[2]"), 0);
	ck_assert_int_ge(var_at(&r, "wrong_vars",
	    "al_court_bundle.elements[0].filing_parties[3]"), 0);
	hres_free(&r);
	/* Optional services: a multiplier is needed, and a fee prompt. */
	p = payload(NULL);
	jset(p, "al_court_bundle.0.optional_services.0.multiplier", "\"2\"");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 200);
	ck_assert_int_ge(var_at(&r, "wrong_vars",
	    "al_court_bundle.elements[0].optional_services[0].multiplier"), 0);
	hres_free(&r);
	/* No party types: the case type's usual ones are taken. */
	p = payload(NULL);
	jdel(p, "users.0.party_type");
	jdel(p, "other_parties.0.party_type");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	/* An oversized payload. */
	size_t big = (5u << 20);
	char *huge = malloc(big + 1);
	memset(huge, ' ', big);
	memcpy(huge, "{\"a\":1}", 7);
	huge[big] = '\0';
	call(&r, &w, "POST", "/filingreview/courts/adams/filing/check", huge);
	assert_status(&r, 413);
	hres_free(&r);
	free(huge);
	/* The header name of the key is any case. */
	const char *h[] = { "Content-Type: application/json",
	    S("x-api-key: %s", w.key), S("tyler-token-illinois: %s", w.token),
	    NULL };
	const char *b = js(payload(NULL));
	http(&r, "GET", FR "adams/filing/check", h, b, strlen(b));
	assert_empty_summary(&r);
	hres_free(&r);
}
END_TEST

START_TEST(submit_sides_and_lead)
{
	struct who w;
	struct hres r;

	who_new(&w);
	char *pay = waiver(&w);
	/* The users answer the case: the other side's name comes first. */
	json_object *p = payload(pay);
	jset(p, "user_started_case", "false");
	jset(p, "users.0.party_type", "\"21002\"");
	jset(p, "other_parties.0.party_type", "\"21001\"");
	jset(p, "lead_contact", "{\"name\":{\"first\":\"Lee\",\"last\":"
	    "\"Contact\"},\"email\":\"lee@example.org\"}");
	json_object *res = submit(&w, p);
	ck_assert_str_eq(jget(res, "caseTitle"), "Bob Landlord v. Ada Lovelace");
	ck_assert_str_eq(jget(res, "leadContact.email"), "lee@example.org");
	ck_assert_str_eq(jget(res, "leadContact.firstName"), "Lee");
	const char *fid = jget(res, "filingIds.0");
	review(&r, adm(), "adams", fid, "{\"status\":\"accepted\"}");
	assert_status(&r, 200);
	char *case_id = strdup(jget(r.json, "caseTrackingID.value"));
	hres_free(&r);
	/* The filer's own user is the filer's side in the case. */
	ck_assert_str_eq(count_of("SELECT GROUP_CONCAT(CONCAT(p.first_name, ':', "
	    "p.party_type, ':', p.is_filer_side) ORDER BY p.first_name) FROM "
	    "court_case_parties p JOIN court_cases c ON c.id = p.case_id WHERE "
	    "c.uuid = '%s'", case_id), "Ada:21002:1,Bob:21001:0");
	/* A form-filling user is the lead contact; a bad lead is dropped. */
	p = payload(pay);
	jset(p, "users.0.is_form_filler", "true");
	jset(p, "lead_contact", "{\"name\":{\"first\":\"Lee\"}}");
	res = submit(&w, p);
	ck_assert_str_eq(jget(res, "leadContact.email"), "ada@example.org");
	ck_assert_str_eq(jget(res, "leadContact.phoneNumber"), "3125550123");
	p = payload(pay);
	jset(p, "lead_contact", "{\"name\":{\"first\":\"L3e\"},\"email\":"
	    "\"x@example.org\"}");
	res = submit(&w, p);
	ck_assert_str_eq(jget(res, "leadContact.email"), w.email);
}
END_TEST


START_TEST(submit_idempotency_race)
{
	struct who w;
	char *key = unique("race-");

	who_new(&w);
	const char *body = js(payload(waiver(&w)));
	pid_t kids[4];
	for (int i = 0; i < 4; i++)
		if ((kids[i] = fork()) == 0) {
			struct hres r;
			call_as(&r, "POST", "/filingreview/courts/adams/filings", w.key,
			    w.token, NULL, body, S("Idempotency-Key: %s", key));
			_exit(r.status == 200 ? 0 : 1);
		}
	for (int i = 0; i < 4; i++) {
		int st;
		waitpid(kids[i], &st, 0);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child %d", i);
	}
	ck_assert_str_eq(count_of("SELECT COUNT(*) FROM envelopes e JOIN filers f "
	    "ON f.id = e.filer_id WHERE f.email = '%s'", w.email), "1");
}
END_TEST

START_TEST(check_users_and_merge)
{
	struct who w;
	struct hres r;
	json_object *p;

	who_new(&w);
	/* No new user on a first filing: required, and fatal. */
	p = payload(NULL);
	jdel(p, "users");
	jset(p, "al_court_bundle.0.filing_parties", "[]");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_status(&r, 400);
	ck_assert_int_ge(var_at(&r, "required_vars", "users"), 0);
	ck_assert_int_lt(var_at(&r, "required_vars",
	    "al_court_bundle.elements[0].filing_parties"), 0);
	hres_free(&r);
	/* tyler_merge_attachments: the elements are ignored. */
	p = payload(NULL);
	jset(p, "tyler_merge_attachments", "true");
	jset(p, "al_court_bundle.0.tyler_merge_attachments", "true");
	jset(p, "al_court_bundle.0.elements", "[{\"proxy_enabled\":true,"
	    "\"document_type\":\"1\"}]");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
	/* A disabled attachment is skipped; the document stands for itself. */
	jset(p, "al_court_bundle.0.tyler_merge_attachments", "false");
	jset(p, "al_court_bundle.0.elements.0.proxy_enabled", "false");
	call(&r, &w, "GET", "/filingreview/courts/adams/filing/check", js(p));
	assert_empty_summary(&r);
	hres_free(&r);
}
END_TEST

/* ---- the real client ---------------------------------------------------- */

/* The real client's session: default headers plus the tokens after login. */
struct client {
	const char	*key;
	char		*tok, *id;
	unsigned	 seq;
};

/*
 * A call as py_efsp_client makes it: base + "/" + "/jurisdictions/...",
 * its default headers on every call, the correlation headers.
 */
static void
rc_call(struct hres *r, struct client *c, const char *method, const char *path,
    const char *body)
{
	const char *h[10];
	size_t n = 0;

	h[n++] = "Content-type: application/json";
	h[n++] = "Accept: application/json";
	h[n++] = S("X-API-KEY: %s", c->key);
	if (c->tok) {
		h[n++] = S("TYLER-TOKEN-ILLINOIS: %s", c->tok);
		h[n++] = S("TYLER-ID-ILLINOIS: %s", c->id);
	}
	h[n++] = S("efsp-request-id: %08x-0000-4000-8000-%012u", c->seq, c->seq);
	c->seq++;
	h[n++] = "efsp-session-id: 5f0c6e3a-sess-0001";
	h[n++] = "efsp-interview-name: docassemble.EFSPIntegration:data/questions/"
	    "any_filing_interview.yml";
	h[n] = NULL;
	ck_assert_int_eq(http(r, method, S("/%s", path), h, body,
	    body ? strlen(body) : 0), 0);
}

/* The docassemble payload: DALists, ~20 docassemble keys, lead = users[0]. */
static json_object *
da_payload(const char *pay, const char *url)
{
	json_object *user = J("{\"_class\":\"docassemble.AssemblyLine."
	    "al_general.ALIndividual\",\"instanceName\":\"users[0]\",\"name\":"
	    "{\"_class\":\"docassemble.base.util.IndividualName\",\"instanceName\":"
	    "\"users[0].name\",\"first\":\"Grace\",\"middle\":\"\",\"last\":"
	    "\"Hopper\",\"suffix\":\"\"},\"email\":\"grace@example.org\","
	    "\"phone_number\":\"(217) 555-0101\",\"mobile_number\":null,"
	    "\"party_type\":\"21001\",\"is_new\":true,\"is_form_filler\":false,"
	    "\"address\":{\"_class\":\"docassemble.base.util.Address\","
	    "\"address\":\"12 Elm St\",\"unit\":\"Apt 2\",\"city\":\"Quincy\","
	    "\"state\":\"IL\",\"zip\":\"62301\",\"country\":\"US\"},"
	    "\"prefered_language\":\"English\",\"date_of_birth\":null}");
	json_object *o = J(S("{\"_internal\":{\"steps\":14,\"answered\":[]},"
	    "\"url_args\":{},\"nav\":{\"current\":\"review\"},\"trial_court\":"
	    "\"adams\",\"al_version\":\"2.28.1\",\"interview_short_title\":"
	    "\"Eviction\",\"al_form_type\":\"starts_case\",\"speak_text\":false,"
	    "\"user_ask_role\":\"plaintiff\",\"user_role\":\"plaintiff\","
	    "\"device_local\":false,\"user_local\":false,\"menu_items\":[],"
	    "\"multi_user\":false,\"allow_cron\":false,\"role_event\":null,"
	    "\"efile_case_category\":\"184\",\"efile_case_type\":\"25361\","
	    "\"tyler_payment_id\":\"%s\",\"can_check_efile\":true,"
	    "\"proxy_conn\":{\"_class\":\"docassemble.EFSPIntegration.efm_client."
	    "ProxyConnection\"},\"user_started_case\":true,\"x\":null,"
	    "\"i\":\"al_court_bundle\",\"comments_to_clerk\":\"Thank you\","
	    "\"users\":{\"_class\":\"docassemble.AssemblyLine.al_general."
	    "ALPeopleList\",\"instanceName\":\"users\",\"auto_gather\":false,"
	    "\"gathered\":true,\"elements\":[]},"
	    "\"other_parties\":{\"_class\":\"docassemble.AssemblyLine.al_general."
	    "ALPeopleList\",\"instanceName\":\"other_parties\",\"elements\":[{"
	    "\"_class\":\"docassemble.AssemblyLine.al_general.ALIndividual\","
	    "\"instanceName\":\"other_parties[0]\",\"name\":{\"first\":\"Alan\","
	    "\"middle\":\"M.\",\"last\":\"Turing\",\"suffix\":\"\"},\"email\":null,"
	    "\"phone_number\":null,\"party_type\":\"21002\",\"is_new\":true}]},"
	    "\"service_contacts\":{\"_class\":\"docassemble.base.util.DAList\","
	    "\"instanceName\":\"service_contacts\",\"elements\":[]},"
	    "\"party_to_attorneys\":{\"_class\":\"docassemble.base.util.DADict\","
	    "\"instanceName\":\"party_to_attorneys\",\"elements\":{}},"
	    "\"al_court_bundle\":{\"_class\":\"docassemble.AssemblyLine."
	    "al_document.ALDocumentBundle\",\"instanceName\":\"al_court_bundle\","
	    "\"elements\":[{\"_class\":\"docassemble.AssemblyLine.al_document."
	    "ALDocument\",\"instanceName\":\"al_court_bundle[0]\",\"elements\":{},"
	    "\"proxy_enabled\":true,\"enabled\":true,\"filename\":"
	    "\"eviction_complaint\",\"title\":\"Eviction Complaint\","
	    "\"filing_type\":\"143127\",\"document_type\":\"5766\","
	    "\"filing_component\":\"332\",\"filing_parties\":[\"users[0]\"],"
	    "\"filing_action\":\"efile\",\"data_url\":\"%s\",\"page_count\":2,"
	    "\"optional_services\":{\"_class\":\"docassemble.base.util.DAList\","
	    "\"instanceName\":\"al_court_bundle[0].optional_services\","
	    "\"elements\":[{\"code\":\"1001\",\"multiplier\":1}]},"
	    "\"tyler_merge_attachments\":false}]}}", pay, url));
	json_object_array_add(jfind(o, "users.elements"), json_object_get(user));
	json_object_object_add(o, "lead_contact", json_object_get(user));
	json_object_put(user);
	return o;
}

START_TEST(real_client)
{
	struct client c = { 0 };
	struct hres r;
	char today[11], tomorrow[11];
	char *email = S("%s@example.org", unique("rc"));

	ymd(today, 0);
	ymd(tomorrow, 1);
	c.key = make_api_key(NULL);
	ck_assert_int_eq(admin_cli(PW "\n", "filer add %s --jurisdiction illinois "
	    "--first Grace --last Hopper --firm '%s'", email, unique("RC Firm ")),
	    0);
	/* authenticate_user: the key in the body, the headers as ever. */
	rc_call(&r, &c, "POST", "/authenticate", S("{\"api_key\":\"%s\","
	    "\"tyler-illinois\":{\"username\":\"%s\",\"password\":\"%s\"}}",
	    c.key, email, PW));
	assert_status(&r, 200);
	c.tok = strdup(jget(r.json, "tokens.TYLER-TOKEN-ILLINOIS"));
	c.id = strdup(jget(r.json, "tokens.TYLER-ID-ILLINOIS"));
	ck_assert_int_eq(json_object_object_length(jfind(r.json, "tokens")), 2);
	hres_free(&r);
	/* Codes: courts, categories, filing types (Python booleans). */
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/codes/courts?"
	    "fileable_only=True&fileable_type=Initial", NULL);
	assert_status(&r, 200);
	ck_assert_ptr_nonnull(strstr(r.body, "\"adams\""));
	hres_free(&r);
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/codes/courts/adams/"
	    "categories?fileable_only=True&timing=Initial", NULL);
	assert_status(&r, 200);
	ck_assert_ptr_nonnull(strstr(r.body, "\"184\""));
	hres_free(&r);
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/codes/courts/adams/"
	    "case_types?category_id=184&initial=True", NULL);
	assert_status(&r, 200);
	ck_assert_ptr_nonnull(strstr(r.body, "\"25361\""));
	hres_free(&r);
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/codes/courts/adams/"
	    "filing_types?category_id=184&type_id=25361&initial=True", NULL);
	assert_status(&r, 200);
	ck_assert_ptr_nonnull(strstr(r.body, "\"143127\""));
	hres_free(&r);
	/* Payments: types, then a waiver from its raw name. */
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/payments/types", NULL);
	assert_status(&r, 200);
	ck_assert_ptr_nonnull(strstr(r.body, "WV"));
	hres_free(&r);
	rc_call(&r, &c, "POST", "/jurisdictions/illinois/payments/payment-accounts",
	    "Grace's waiver");
	assert_status(&r, 200);
	ck_assert(json_object_is_type(r.json, json_type_string));
	char *pay = strdup(json_object_get_string(r.json));
	hres_free(&r);
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/payments/payment-accounts",
	    NULL);
	assert_status(&r, 200);
	ck_assert_ptr_nonnull(strstr(r.body, pay));
	hres_free(&r);
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/filingreview/courts", NULL);
	assert_status(&r, 200);
	hres_free(&r);

	json_object *p = da_payload(pay, docserver_url("/doc.pdf"));
	const char *body = js(p);
	rc_call(&r, &c, "POST", "/jurisdictions/illinois/filingreview/courts/adams/"
	    "filing/fees", body);
	assert_status(&r, 200);
	ck_assert_double_eq_tol(json_object_get_double(jfind(r.json,
	    "feesCalculationAmount.value")), 185.0, 0.001);
	hres_free(&r);
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/filingreview/courts/adams/"
	    "filing/check", body);
	assert_empty_summary(&r);
	hres_free(&r);
	rc_call(&r, &c, "POST", "/jurisdictions/illinois/filingreview/courts/adams/"
	    "filings", body);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "caseTitle"), "Grace Hopper v. Alan Turing");
	ck_assert_str_eq(jget(r.json, "leadContact.email"), "grace@example.org");
	ck_assert_ptr_nonnull(jget(r.json, "envelopeId"));
	char *fid = strdup(jget(r.json, "filingIds.0"));
	hres_free(&r);
	ck_assert_str_eq(count_of("SELECT CONCAT(d.filename, '|', d.pages) FROM "
	    "filing_documents d JOIN filings f ON f.id = d.filing_id WHERE "
	    "f.uuid = '%s'", fid), "eviction_complaint.pdf|2");
	/* A second envelope to cancel. */
	rc_call(&r, &c, "POST", "/jurisdictions/illinois/filingreview/courts/adams/"
	    "filings", body);
	assert_status(&r, 200);
	char *fid2 = strdup(jget(r.json, "filingIds.0"));
	hres_free(&r);
	rc_call(&r, &c, "GET", S("/jurisdictions/illinois/filingreview/courts/adams/"
	    "filings?user_id=%s&start_date=%s&before_date=%s", c.id, today,
	    tomorrow), NULL);
	assert_status(&r, 200);
	ck_assert_int_eq(json_object_array_length(r.json), 2);
	hres_free(&r);
	rc_call(&r, &c, "GET", S("/jurisdictions/illinois/filingreview/courts/adams/"
	    "filings/%s/status", fid), NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "filingStatus.filingStatusCode"), "submitted");
	hres_free(&r);
	rc_call(&r, &c, "GET", S("/jurisdictions/illinois/filingreview/courts/adams/"
	    "filings/%s", fid), NULL);
	assert_status(&r, 200);
	hres_free(&r);
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/filingreview/courts/adams/"
	    "policy", NULL);
	assert_status(&r, 200);
	hres_free(&r);
	/* The clerk accepts the first, the filer cancels the second. */
	review(&r, adm(), "adams", fid, "{\"status\":\"accepted\"}");
	assert_status(&r, 200);
	char *docket = strdup(jget(r.json, "caseDocketID.value"));
	char *case_id = strdup(jget(r.json, "caseTrackingID.value"));
	hres_free(&r);
	rc_call(&r, &c, "DELETE", S("/jurisdictions/illinois/filingreview/courts/"
	    "adams/filings/%s", fid2), NULL);
	assert_status(&r, 204);
	hres_free(&r);
	rc_call(&r, &c, "GET", S("/jurisdictions/illinois/filingreview/courts/adams/"
	    "filings/%s/status", fid2), NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "filingStatus.filingStatusCode"), "cancelled");
	hres_free(&r);
	/* Attorneys. */
	rc_call(&r, &c, "POST", "/jurisdictions/illinois/firmattorneyservice/"
	    "attorneys", "{\"barNumber\":\"6224951\",\"firstName\":\"Ruth\","
	    "\"middleName\":null,\"lastName\":\"Ginsburg\"}");
	assert_status(&r, 200);
	ck_assert(json_object_is_type(r.json, json_type_string));
	char *atty = strdup(json_object_get_string(r.json));
	hres_free(&r);
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/firmattorneyservice/"
	    "attorneys", NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "0.attorneyID"), atty);
	ck_assert_str_eq(jget(r.json, "0.barNumber"), "6224951");
	hres_free(&r);
	/* Service contacts, and the public list by a GET with a body. */
	rc_call(&r, &c, "POST", "/jurisdictions/illinois/firmattorneyservice/"
	    "service-contacts", "{\"firstName\":\"Thurgood\",\"middleName\":null,"
	    "\"lastName\":\"Marshallrc\",\"email\":\"tm@example.com\","
	    "\"administrativeCopy\":null,\"address\":{\"addressLine1\":\"1 Court "
	    "Sq\",\"addressLine2\":\"\",\"city\":\"Quincy\",\"state\":\"IL\","
	    "\"zipCode\":\"62301\",\"country\":\"US\"},\"phoneNumber\":"
	    "\"2175550100\",\"isPublic\":true,\"isInFirmMaster\":true}");
	assert_status(&r, 200);
	ck_assert(json_object_is_type(r.json, json_type_string));
	char *sc = strdup(json_object_get_string(r.json));
	hres_free(&r);
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/firmattorneyservice/"
	    "service-contacts", NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "0.serviceContactID"), sc);
	hres_free(&r);
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/firmattorneyservice/"
	    "service-contacts/public", "{\"firstName\":\"Thurgood\",\"lastName\":"
	    "\"Marshallrc\",\"firmName\":null,\"email\":null}");
	assert_status(&r, 200);
	ck_assert_int_ge(json_object_array_length(r.json), 1);
	ck_assert_str_eq(jget(r.json, "0.serviceContactID"), sc);
	hres_free(&r);
	/* Case search: by docket, by name, and nothing. */
	rc_call(&r, &c, "GET", S("/jurisdictions/illinois/cases/courts/adams/cases?"
	    "docket_number=%s", docket), NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "0.value.caseTrackingID.value"), case_id);
	hres_free(&r);
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/cases/courts/adams/cases?"
	    "first_name=Grace&middle_name=&last_name=Hopper", NULL);
	assert_status(&r, 200);
	ck_assert_int_ge(json_object_array_length(r.json), 1);
	hres_free(&r);
	rc_call(&r, &c, "GET", "/jurisdictions/illinois/cases/courts/adams/cases?"
	    "docket_number=1999-CV-000000", NULL);
	assert_status(&r, 200);
	ck_assert_str_eq(r.body, "[]");
	hres_free(&r);
	/* The subsequent filing into the new case, as the client sends it. */
	jdel(p, "efile_case_category");
	jdel(p, "efile_case_type");
	jset(p, "previous_case_id", S("\"%s\"", case_id));
	jset(p, "al_court_bundle.elements.0.filing_type", "\"143142\"");
	jdel(p, "al_court_bundle.elements.0.optional_services");
	rc_call(&r, &c, "POST", "/jurisdictions/illinois/filingreview/courts/adams/"
	    "filings", js(p));
	assert_status(&r, 200);
	ck_assert_str_eq(jget(r.json, "caseId"), case_id);
	hres_free(&r);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("review");
	TCase *t = tcase_create("review");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, check_order);
	tcase_add_test(t, expired_and_disabled_tokens);
	tcase_add_test(t, content_type);
	tcase_add_test(t, courts_and_index);
	tcase_add_test(t, fees_one_and_two_documents);
	tcase_add_test(t, fees_errors);
	tcase_add_test(t, check_valid_get_and_post);
	tcase_add_test(t, check_collects_all);
	tcase_add_test(t, check_fatal);
	tcase_add_test(t, check_attachment_names);
	tcase_add_test(t, check_real_filers_accepted);
	tcase_add_test(t, check_cross_refs_and_amounts);
	tcase_add_test(t, documents_refused);
	tcase_add_test(t, documents_unreachable);
	tcase_add_test(t, documents_too_big);
	tcase_add_test(t, submit_stores);
	tcase_add_test(t, submit_payment_accounts);
	tcase_add_test(t, submit_idempotency);
	tcase_add_test(t, list_status_cancel);
	tcase_add_test(t, review_and_case);
	tcase_add_test(t, review_cli_rejected);
	tcase_add_test(t, policy_and_servicetypes);
	tcase_add_test(t, check_service_and_party_refs);
	tcase_add_test(t, submit_services);
	tcase_add_test(t, submit_sides_and_lead);
	tcase_add_test(t, submit_idempotency_race);
	tcase_add_test(t, check_users_and_merge);
	tcase_add_test(t, real_client);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	if (docserver_start() < 0) {
		fprintf(stderr, "docserver_start failed\n");
		return 1;
	}
	adm_prefetch();
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	docserver_stop();
	return failed ? 1 : 0;
}
