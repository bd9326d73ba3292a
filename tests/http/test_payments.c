/*
 * The payments family (efsp-proxy.md section 3): payment account types,
 * a firm's payment accounts and the global ones, called as the real
 * client calls them (section 11: Content-type application/json on every
 * call, the account name as the raw body). Every endpoint's success and
 * exact shape; the auth layers of section 1.3 on every route (no or
 * unknown API key 401, no token 403, bad, expired or disabled-filer token
 * 401, all with empty bodies); unknown jurisdiction and court; another
 * firm's and the other kind's accounts (404, and nothing changed); bad
 * names and PATCH bodies (400, nothing changed); charges outliving a
 * deleted account.
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

#define PW	"pw-secret-payer-0001"
#define NOID	"00000000-0000-4000-8000-000000000000"

/* A filer logged in through POST /authenticate, with its own API key. */
struct who {
	const char	*j;
	char		*key;
	char		*email;
	char		*token;		/* the TYLER-TOKEN-{J} value, email:secret */
};

static char *
upper(const char *s)
{
	char *u = strdup(s);
	for (char *p = u; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

/* A new filer of firm (NULL: an individual), logged in. */
static void
who_new(struct who *w, const char *j, const char *firm)
{
	struct hres r;
	const char *h[] = { "Content-Type: application/json", NULL };

	w->j = j;
	w->key = make_api_key(NULL);
	w->email = S("%s@example.org", unique("payer"));
	ck_assert_int_eq(admin_cli(PW "\n", "filer add %s --jurisdiction %s "
	    "--first Pat --last Payer %s%s%s", w->email, j, firm ? "--firm '" : "",
	    firm ? firm : "", firm ? "'" : ""), 0);
	char *body = S("{\"api_key\":\"%s\",\"tyler-%s\":{\"username\":\"%s\","
	    "\"password\":\"%s\"}}", w->key, j, w->email, PW);
	http(&r, "POST", "/authenticate", h, body, strlen(body));
	ck_assert_msg(r.status == 200, "authenticate: %ld %s", r.status, r.body);
	const char *tok = jget(r.json, S("tokens.TYLER-TOKEN-%s", upper(j)));
	ck_assert_ptr_nonnull(tok);
	w->token = strdup(tok);
	hres_free(&r);
}

static char *
tok_header(const struct who *w, const char *token)
{
	return S("TYLER-TOKEN-%s: %s", upper(w->j), token);
}

/*
 * One call with the real client's default headers; key and tokhdr NULL
 * leave those headers out. path is below /jurisdictions/{j}/payments.
 */
static void
call_as(struct hres *r, const char *method, const char *j, const char *path,
    const char *key, const char *tokhdr, const char *body, size_t len)
{
	const char	*h[6];
	size_t		 n = 0;

	h[n++] = "Content-type: application/json";
	h[n++] = "Accept: application/json";
	if (key != NULL)
		h[n++] = S("X-API-KEY: %s", key);
	if (tokhdr != NULL)
		h[n++] = tokhdr;
	h[n] = NULL;
	ck_assert_int_eq(http(r, method, S("/jurisdictions/%s/payments%s", j, path),
	    h, body, len), 0);
}

static void
call(struct hres *r, const struct who *w, const char *method,
    const char *path, const char *body)
{
	call_as(r, method, w->j, path, w->key, tok_header(w, w->token), body,
	    body ? strlen(body) : 0);
}

/* Asserts the status and a plain-text body (the renderer adds "\n"). */
static void
assert_text(const struct hres *r, long status, const char *text)
{
	ck_assert_msg(r->status == status, "%ld, want %ld: %s", r->status, status,
	    r->body);
	ck_assert_str_eq(r->body, S("%s\n", text));
	char *ct = hres_header(r, "Content-Type");
	ck_assert_ptr_nonnull(ct);
	ck_assert_int_eq(strncmp(ct, "text/plain", 10), 0);
	free(ct);
}

static void
assert_empty(const struct hres *r, long status)
{
	ck_assert_msg(r->status == status, "%ld, want %ld: %s", r->status, status,
	    r->body);
	ck_assert_int_eq(r->len, 0);
}

/* POST a name to kind ("payment-accounts" or "global-accounts"): the id. */
static char *
create(const struct who *w, const char *kind, const char *body, size_t len)
{
	struct hres r;

	call_as(&r, "POST", w->j, S("/%s", kind), w->key,
	    tok_header(w, w->token), body, len);
	ck_assert_msg(r.status == 200, "create: %ld %s", r.status, r.body);
	char *ct = hres_header(&r, "Content-Type");
	ck_assert_str_eq(ct, "application/json");
	free(ct);
	/* A JSON string literal: the quoted uuid and nothing else. */
	ck_assert(json_object_is_type(r.json, json_type_string));
	char *id = strdup(json_object_get_string(r.json));
	ck_assert_int_eq(strlen(id), 36);
	ck_assert_str_eq(r.body, S("\"%s\"", id));
	hres_free(&r);
	return id;
}

static char *
waiver(const struct who *w, const char *kind, const char *name)
{
	return create(w, kind, name, strlen(name));
}

static char *
firm_uuid(const struct who *w)
{
	return sql_value(S("SELECT m.uuid FROM firms m JOIN filers f ON "
	    "f.firm_id = m.id WHERE f.email = '%s'", w->email));
}

static long
count_sql(const char *stmt)
{
	char *v = sql_value(stmt);
	long n = strtol(v, NULL, 10);
	free(v);
	return n;
}

/* Accounts of the filer's firm, and global ones, as the database has them. */
static long
firm_accounts(const struct who *w)
{
	return count_sql(S("SELECT COUNT(*) FROM payment_accounts p JOIN filers f "
	    "ON f.firm_id = p.firm_id WHERE f.email = '%s'", w->email));
}

static long
global_accounts(void)
{
	return count_sql("SELECT COUNT(*) FROM payment_accounts WHERE firm_id IS NULL");
}

/* The PaymentAccount of spec 3, exactly, for a waiver. */
static char *
waiver_json(const char *id, const char *firm, const char *name, int active,
    int code_id)
{
	json_object *n = json_object_new_string(name);
	char *s = S("{\"paymentAccountID\":\"%s\",\"firmID\":%s,\"accountName\":%s,"
	    "\"paymentAccountTypeCode\":\"WV\",\"paymentAccountTypeCodeId\":"
	    "{\"value\":%d},\"accountToken\":null,\"cardType\":{\"value\":null},"
	    "\"cardLast4\":null,\"cardMonth\":{\"value\":null},\"cardYear\":"
	    "{\"value\":null},\"cardHolderName\":{\"value\":null},\"active\":"
	    "{\"value\":%s},\"isAvailableAtAllLocations\":{\"value\":true},"
	    "\"courtIdentifier\":[],\"paymentAccountLocationDetails\":null,"
	    "\"availableLocationNodes\":[]}", id, firm ? S("\"%s\"", firm) : "null",
	    json_object_to_json_string_ext(n, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE), code_id, active ? "true" : "false");
	json_object_put(n);
	return s;
}

/* GET kind/id: 200 and exactly want. */
static void
assert_account(const struct who *w, const char *kind, const char *id,
    const char *want)
{
	struct hres r;

	call(&r, w, "GET", S("/%s/%s", kind, id), NULL);
	ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
	ck_assert_str_eq(r.body, want);
	hres_free(&r);
}

static void
assert_no_account(const struct who *w, const char *method, const char *path,
    const char *body)
{
	struct hres r;

	call(&r, w, method, path, body);
	assert_text(&r, 404, "Payment account does not exist");
	hres_free(&r);
}

/* The ids in a list answer, in order, comma-separated. */
static char *
list_ids(const struct who *w, const char *path)
{
	struct hres r;
	char *ids = strdup("");

	call(&r, w, "GET", path, NULL);
	ck_assert_msg(r.status == 200, "%s: %ld %s", path, r.status, r.body);
	ck_assert(json_object_is_type(r.json, json_type_array));
	for (size_t i = 0; i < json_object_array_length(r.json); i++) {
		const char *id = jget(json_object_array_get_idx(r.json, i),
		    "paymentAccountID");
		ck_assert_ptr_nonnull(id);
		ids = S("%s%s%s", ids, *ids ? "," : "", id);
	}
	hres_free(&r);
	return ids;
}

START_TEST(types_per_jurisdiction)
{
	struct who il, ma;
	struct hres r;

	who_new(&il, "illinois", NULL);
	call(&r, &il, "GET", "/types", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body, "[{\"code\":\"CC\",\"description\":\"Credit Card\","
	    "\"codeId\":{\"value\":1}},{\"code\":\"BankAccount\",\"description\":"
	    "\"Bank Account (eCheck)\",\"codeId\":{\"value\":2}},{\"code\":\"WV\","
	    "\"description\":\"Waiver\",\"codeId\":{\"value\":3}}]");
	hres_free(&r);
	who_new(&ma, "massachusetts", NULL);
	call(&r, &ma, "GET", "/types", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(json_object_array_length(r.json), 3);
	ck_assert_str_eq(jget(r.json, "2.code"), "WV");
	ck_assert_str_eq(jplain(r.json, "2.codeId"), "{\"value\":13}");
	hres_free(&r);
	/* The jurisdiction is matched case-insensitively, as everywhere. */
	call_as(&r, "GET", "Illinois", "/types", il.key, tok_header(&il, il.token),
	    NULL, 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(json_object_array_length(r.json), 3);
	hres_free(&r);
}
END_TEST

/* Every route, with the id of an account of w's where it takes one. */
struct route_case {
	const char	*method;
	const char	*path;		/* %s: the account id */
	const char	*body;
};

static const struct route_case routes[] = {
	{ "GET", "/types", NULL },
	{ "GET", "/payment-accounts", NULL },
	{ "POST", "/payment-accounts", "New waiver" },
	{ "GET", "/payment-accounts/%s", NULL },
	{ "PATCH", "/payment-accounts/%s", "{\"active\":false}" },
	{ "DELETE", "/payment-accounts/%s", NULL },
	{ "GET", "/global-accounts", NULL },
	{ "POST", "/global-accounts", "New global waiver" },
	{ "GET", "/global-accounts/%s", NULL },
	{ "PATCH", "/global-accounts/%s", "{\"active\":false}" },
	{ "DELETE", "/global-accounts/%s", NULL },
};
#define NROUTES	(sizeof(routes) / sizeof(routes[0]))

/*
 * Calls every route with the given key and token header; each must answer
 * status with an empty body, and nothing may change.
 */
static void
every_route_refused(const struct who *w, const char *id, const char *gid,
    const char *key, const char *tokhdr, long status, const char *why)
{
	struct hres r;
	long before = firm_accounts(w), gbefore = global_accounts();

	for (size_t i = 0; i < NROUTES; i++) {
		const char *path = S(routes[i].path,
		    strstr(routes[i].path, "global") ? gid : id);
		const char *b = routes[i].body;
		call_as(&r, routes[i].method, w->j, path, key, tokhdr, b,
		    b ? strlen(b) : 0);
		ck_assert_msg(r.status == status && r.len == 0,
		    "%s: %s %s: %ld, want %ld empty: %s", why, routes[i].method,
		    path, r.status, status, r.body);
		hres_free(&r);
	}
	ck_assert_int_eq(firm_accounts(w), before);
	ck_assert_int_eq(global_accounts(), gbefore);
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM payment_accounts WHERE "
	    "uuid IN ('%s','%s') AND active = 1", id, gid)), 2);
}

START_TEST(auth_api_key_and_token)
{
	struct who w;

	who_new(&w, "illinois", S("Auth Firm %s", unique("")));
	char *id = waiver(&w, "payment-accounts", "Mine");
	char *gid = waiver(&w, "global-accounts", "Ours");
	char *tok = tok_header(&w, w.token);

	every_route_refused(&w, id, gid, NULL, tok, 401, "no API key");
	every_route_refused(&w, id, gid, "definitely-not-a-key-0000000000",
	    tok, 401, "unknown API key");
	every_route_refused(&w, id, gid, w.key, NULL, 403, "no token");
	every_route_refused(&w, id, gid, w.key, tok_header(&w, "no-colon-here"),
	    403, "token without a colon");
	/* A token for another jurisdiction is not this one's. */
	every_route_refused(&w, id, gid, w.key,
	    S("TYLER-TOKEN-MASSACHUSETTS: %s", w.token), 403, "other header");
	every_route_refused(&w, id, gid, w.key, tok_header(&w,
	    S("%s:%s", w.email, "0123456789abcdefghijABCDEFGHIJ01")), 401,
	    "unknown secret");
	const char *secret = strrchr(w.token, ':') + 1;
	every_route_refused(&w, id, gid, w.key, tok_header(&w,
	    S("someone-else@example.org:%s", secret)), 401, "wrong e-mail");
	every_route_refused(&w, id, gid, w.key, tok_header(&w,
	    S("%s:short", w.email)), 401, "short secret");

	/* Still fine with the real token... */
	assert_account(&w, "payment-accounts", id,
	    waiver_json(id, firm_uuid(&w), "Mine", 1, 3));

	/* ...until it expires. */
	ck_assert_int_eq(sql(S("UPDATE filer_sessions SET expires_at = "
	    "'2000-01-01' WHERE secret_hash = SHA2('%s', 256)", secret)), 0);
	every_route_refused(&w, id, gid, w.key, tok, 401, "expired token");
}
END_TEST

START_TEST(auth_disabled_filer)
{
	struct who w;
	struct hres r;
	char *firm = S("Disabled Firm %s", unique(""));

	who_new(&w, "illinois", firm);
	char *id = waiver(&w, "payment-accounts", "Before");
	char *gid = waiver(&w, "global-accounts", "Before global");
	/* Keep a session row alive, so that only the filer's flag refuses it. */
	ck_assert_int_eq(sql(S("UPDATE filers SET disabled = 1 WHERE email = '%s'",
	    w.email)), 0);
	every_route_refused(&w, id, gid, w.key, tok_header(&w, w.token), 401,
	    "disabled filer");
	ck_assert_int_eq(sql(S("UPDATE filers SET disabled = 0 WHERE email = '%s'",
	    w.email)), 0);
	call(&r, &w, "GET", "/types", NULL);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	/* The admin tool's disable ends the sessions too. */
	ck_assert_int_eq(admin_cli(NULL, "filer disable %s", w.email), 0);
	every_route_refused(&w, id, gid, w.key, tok_header(&w, w.token), 401,
	    "filer disable");
}
END_TEST

START_TEST(unknown_jurisdiction)
{
	struct who w;
	struct hres r;

	who_new(&w, "illinois", NULL);
	static const char *const js[] = { "texas", "nowhere", "illinoisx" };
	for (size_t i = 0; i < 3; i++) {
		call_as(&r, "GET", js[i], "/types", w.key, tok_header(&w, w.token),
		    NULL, 0);
		assert_text(&r, 404, "Not Found");
		hres_free(&r);
		call_as(&r, "POST", js[i], "/payment-accounts", w.key,
		    S("TYLER-TOKEN-%s: %s", upper(js[i]), w.token), "x", 1);
		assert_text(&r, 404, "Not Found");
		hres_free(&r);
	}
	ck_assert_int_eq(firm_accounts(&w), 0);
	/* Unknown paths and methods under payments. */
	call(&r, &w, "GET", "/nothing-here", NULL);
	ck_assert_int_eq(r.status, 404);
	hres_free(&r);
	call(&r, &w, "PUT", "/payment-accounts/" NOID, "{}");
	ck_assert_int_eq(r.status, 405);
	hres_free(&r);
}
END_TEST

START_TEST(create_and_read_waiver)
{
	struct who w;
	struct hres r;

	who_new(&w, "illinois", S("Waiver Firm %s", unique("")));
	char *firm = firm_uuid(&w);
	/* The raw body, as the real client sends it, under application/json. */
	char *id = waiver(&w, "payment-accounts", "Fee waiver for Ada");
	assert_account(&w, "payment-accounts", id,
	    waiver_json(id, firm, "Fee waiver for Ada", 1, 3));
	/* The stored row: a WV account of the firm, no card. */
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM payment_accounts p "
	    "JOIN firms m ON m.id = p.firm_id WHERE p.uuid = '%s' AND m.uuid = '%s' "
	    "AND p.jurisdiction = 'illinois' AND p.type_code = 'WV' AND "
	    "p.type_code_id = 3 AND p.active = 1 AND p.card_last4 IS NULL", id,
	    firm)), 1);

	/* A JSON string literal is unquoted (escapes decoded). */
	char *q = waiver(&w, "payment-accounts", "\"Quoted \\u00e9 \\\"name\\\"\"");
	assert_account(&w, "payment-accounts", q,
	    waiver_json(q, firm, "Quoted \xc3\xa9 \"name\"", 1, 3));
	/* ...but nothing else is decoded: these names are kept as sent. */
	static const char *const raw[] = {
		"\"half quoted", "{\"account_name\":\"x\"}", "\"a\" and \"b\"",
		"[\"x\"]", "null", "Caf\xc3\xa9 'Ol\xc3\xa9' & <Co>",
		"\xf0\x9f\x92\xb0 Fund",
	};
	for (size_t i = 0; i < sizeof(raw) / sizeof(raw[0]); i++) {
		char *rid = waiver(&w, "payment-accounts", raw[i]);
		assert_account(&w, "payment-accounts", rid,
		    waiver_json(rid, firm, raw[i], 1, 3));
	}
	/* Surrounding white space (a trailing newline) is dropped. */
	char *t = waiver(&w, "payment-accounts", "  Trimmed name\n");
	assert_account(&w, "payment-accounts", t,
	    waiver_json(t, firm, "Trimmed name", 1, 3));
	/* Exactly 200 characters, counted as characters, not bytes. */
	char name[1024] = { 0 };
	for (int i = 0; i < 200; i++)
		strcat(name, "\xc3\xa9");
	char *l = waiver(&w, "payment-accounts", name);
	assert_account(&w, "payment-accounts", l, waiver_json(l, firm, name, 1, 3));
	/* Another content type changes nothing: the body is the name. */
	const char *h[] = { "Content-Type: text/plain", S("X-API-KEY: %s", w.key),
	    tok_header(&w, w.token), NULL };
	http(&r, "POST", "/jurisdictions/illinois/payments/payment-accounts", h,
	    "Plain", 5);
	ck_assert_int_eq(r.status, 200);
	ck_assert(json_object_is_type(r.json, json_type_string));
	hres_free(&r);
	ck_assert_int_eq(firm_accounts(&w), 12);
	/* Massachusetts has its own type ids. */
	struct who ma;
	who_new(&ma, "massachusetts", NULL);
	char *m = waiver(&ma, "payment-accounts", "MA waiver");
	assert_account(&ma, "payment-accounts", m,
	    waiver_json(m, firm_uuid(&ma), "MA waiver", 1, 13));
	/* An individual filer has a firm of its own, and reads its firm id. */
	ck_assert_int_eq(strlen(firm_uuid(&ma)), 36);
}
END_TEST

START_TEST(create_bad_names)
{
	struct who w;
	struct hres r;

	who_new(&w, "illinois", NULL);
	char long_name[256];
	memset(long_name, 'x', 201);
	long_name[201] = '\0';
	struct { const char *body; size_t len; const char *msg; } bad[] = {
		{ "", 0, "Account name is required" },
		{ " \t\r\n ", 5, "Account name is required" },
		{ "\"\"", 2, "Account name is required" },
		{ "\"   \"", 5, "Account name is required" },
		{ long_name, 201, "Account name is longer than 200 characters" },
		{ S("\"%s\"", long_name), 203,
		    "Account name is longer than 200 characters" },
		{ "bad \xff byte", 10, "Account name must be UTF-8 text" },
		{ "nul\0byte", 8, "Account name must be UTF-8 text" },
		{ "\"nul\\u0000escape\"", 17, "Account name must be UTF-8 text" },
		{ "tab\tinside", 10, "Account name has control characters" },
		{ "line\nbreak", 10, "Account name has control characters" },
		{ "\"esc\\u001b\"", 11, "Account name has control characters" },
	};
	for (int k = 0; k < 2; k++) {
		const char *kind = k ? "global-accounts" : "payment-accounts";
		long before = global_accounts();
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			call_as(&r, "POST", "illinois", S("/%s", kind), w.key,
			    tok_header(&w, w.token), bad[i].body, bad[i].len);
			ck_assert_msg(r.status == 400, "%s %zu: %ld %s", kind, i,
			    r.status, r.body);
			assert_text(&r, 400, bad[i].msg);
			hres_free(&r);
		}
		/* Far past the route's cap: 413 before anything is read. */
		char *huge = malloc(5000);
		memset(huge, 'y', 5000);
		call_as(&r, "POST", "illinois", S("/%s", kind), w.key,
		    tok_header(&w, w.token), huge, 5000);
		ck_assert_int_eq(r.status, 413);
		hres_free(&r);
		free(huge);
		ck_assert_int_eq(global_accounts(), before);
	}
	ck_assert_int_eq(firm_accounts(&w), 0);
	ck_assert_str_eq(list_ids(&w, "/payment-accounts"), "");
}
END_TEST

START_TEST(list_firm_accounts)
{
	struct who a, a2, b;
	char *firm = S("List Firm %s", unique(""));

	who_new(&a, "illinois", firm);
	who_new(&a2, "illinois", firm);		/* the same firm */
	who_new(&b, "illinois", S("Other Firm %s", unique("")));
	ck_assert_str_eq(list_ids(&a, "/payment-accounts"), "");
	char *x = waiver(&a, "payment-accounts", "First");
	char *y = waiver(&a2, "payment-accounts", "Second");
	char *z = waiver(&b, "payment-accounts", "Theirs");
	char *g = waiver(&a, "global-accounts", "Global");
	/* Creation order; the firm's only: not another firm's, not globals. */
	char *mine = S("%s,%s", x, y);
	ck_assert_str_eq(list_ids(&a, "/payment-accounts"), mine);
	ck_assert_str_eq(list_ids(&a2, "/payment-accounts"), mine);
	ck_assert_str_eq(list_ids(&b, "/payment-accounts"), z);
	/* The whole shape of each list item. */
	struct hres r;
	call(&r, &a, "GET", "/payment-accounts", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body, S("[%s,%s]",
	    waiver_json(x, firm_uuid(&a), "First", 1, 3),
	    waiver_json(y, firm_uuid(&a), "Second", 1, 3)));
	hres_free(&r);
	/* ?court_id= must name a court of the jurisdiction. */
	ck_assert_str_eq(list_ids(&a, "/payment-accounts?court_id=adams"), mine);
	ck_assert_str_eq(list_ids(&a, "/payment-accounts?court_id=cook:cd1"), mine);
	ck_assert_str_eq(list_ids(&a, "/payment-accounts?court_id="), mine);
	static const char *const courts[] = {
		"nowhere", "housing:boston", "ADAMS", "adams%20",
	};
	static const char *const shown[] = {
		"nowhere", "housing:boston", "ADAMS", "adams ",
	};
	for (size_t i = 0; i < 4; i++) {
		call(&r, &a, "GET", S("/payment-accounts?court_id=%s", courts[i]),
		    NULL);
		assert_text(&r, 404, S("Court does not exist %s", shown[i]));
		hres_free(&r);
		call(&r, &a, "GET", S("/global-accounts?court_id=%s", courts[i]),
		    NULL);
		assert_text(&r, 404, S("Court does not exist %s", shown[i]));
		hres_free(&r);
	}
	ck_assert(strstr(list_ids(&a, "/global-accounts?court_id=sangamon"), g));
}
END_TEST

START_TEST(other_firms_account)
{
	struct who a, b;

	who_new(&a, "illinois", S("Owner Firm %s", unique("")));
	who_new(&b, "illinois", S("Snooping Firm %s", unique("")));
	char *id = waiver(&a, "payment-accounts", "Owner's");
	char *want = waiver_json(id, firm_uuid(&a), "Owner's", 1, 3);
	const char *path = S("/payment-accounts/%s", id);

	assert_no_account(&b, "GET", path, NULL);
	assert_no_account(&b, "PATCH", path,
	    "{\"account_name\":\"Stolen\",\"active\":false}");
	assert_no_account(&b, "DELETE", path, NULL);
	/* Not through global-accounts either. */
	assert_no_account(&b, "GET", S("/global-accounts/%s", id), NULL);
	assert_no_account(&b, "PATCH", S("/global-accounts/%s", id),
	    "{\"active\":false}");
	assert_no_account(&b, "DELETE", S("/global-accounts/%s", id), NULL);
	ck_assert(strstr(list_ids(&b, "/payment-accounts"), id) == NULL);
	/* Unchanged for its owner. */
	assert_account(&a, "payment-accounts", id, want);
	/* A Massachusetts filer cannot reach it under its own jurisdiction. */
	struct who ma;
	who_new(&ma, "massachusetts", NULL);
	assert_no_account(&ma, "GET", path, NULL);
	assert_no_account(&ma, "DELETE", path, NULL);
	assert_account(&a, "payment-accounts", id, want);
	/* Unknown and malformed ids. */
	const char *const ids[] = {
		NOID, "not-a-uuid", "1", S("%.35s", id), S("%sa", id),
		"0000000000000000000000000000000000000",
	};
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		assert_no_account(&a, "GET", S("/payment-accounts/%s", ids[i]), NULL);
		assert_no_account(&a, "PATCH", S("/payment-accounts/%s", ids[i]),
		    "{\"active\":false}");
		assert_no_account(&a, "DELETE", S("/payment-accounts/%s", ids[i]),
		    NULL);
	}
}
END_TEST

START_TEST(global_accounts_crud)
{
	struct who a, b;

	who_new(&a, "illinois", S("Global Firm %s", unique("")));
	who_new(&b, "illinois", NULL);
	char *fid = waiver(&a, "payment-accounts", "Firm waiver");
	char *gid = waiver(&a, "global-accounts", "\"Court-wide waiver\"");
	char *want = waiver_json(gid, NULL, "Court-wide waiver", 1, 3);
	/* firmID null; readable by any filer of the jurisdiction. */
	assert_account(&a, "global-accounts", gid, want);
	assert_account(&b, "global-accounts", gid, want);
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM payment_accounts WHERE "
	    "uuid = '%s' AND firm_id IS NULL", gid)), 1);
	ck_assert(strstr(list_ids(&b, "/global-accounts"), gid) != NULL);
	ck_assert(strstr(list_ids(&a, "/global-accounts"), fid) == NULL);
	ck_assert(strstr(list_ids(&a, "/payment-accounts"), gid) == NULL);
	/* A global account is not a firm's, and a firm's is not global. */
	const char *gp = S("/payment-accounts/%s", gid);
	assert_no_account(&a, "GET", gp, NULL);
	assert_no_account(&a, "PATCH", gp, "{\"account_name\":\"Mine now\"}");
	assert_no_account(&a, "DELETE", gp, NULL);
	assert_account(&a, "global-accounts", gid, want);
	const char *fp = S("/global-accounts/%s", fid);
	assert_no_account(&a, "GET", fp, NULL);
	assert_no_account(&a, "PATCH", fp, "{\"active\":false}");
	assert_no_account(&a, "DELETE", fp, NULL);
	assert_account(&a, "payment-accounts", fid,
	    waiver_json(fid, firm_uuid(&a), "Firm waiver", 1, 3));
	/* Massachusetts has globals of its own. */
	struct who ma;
	who_new(&ma, "massachusetts", NULL);
	assert_no_account(&ma, "GET", S("/global-accounts/%s", gid), NULL);
	ck_assert(strstr(list_ids(&ma, "/global-accounts"), gid) == NULL);
	/* PATCH and DELETE through global-accounts. */
	struct hres r;
	call(&r, &b, "PATCH", S("/global-accounts/%s", gid),
	    "{\"account_name\":\"Renamed global\",\"active\":false}");
	assert_empty(&r, 200);
	hres_free(&r);
	assert_account(&a, "global-accounts", gid,
	    waiver_json(gid, NULL, "Renamed global", 0, 3));
	call(&r, &b, "DELETE", S("/global-accounts/%s", gid), NULL);
	assert_empty(&r, 200);
	hres_free(&r);
	assert_no_account(&a, "GET", S("/global-accounts/%s", gid), NULL);
	ck_assert(strstr(list_ids(&a, "/global-accounts"), gid) == NULL);
}
END_TEST

START_TEST(patch_account)
{
	struct who w;
	struct hres r;

	who_new(&w, "illinois", S("Patch Firm %s", unique("")));
	char *firm = firm_uuid(&w);
	char *id = waiver(&w, "payment-accounts", "Original");
	const char *path = S("/payment-accounts/%s", id);
	struct { const char *body, *name; int active; } steps[] = {
		{ "{\"account_name\":\"Renamed\"}", "Renamed", 1 },
		/* What the real client sends: both members, null = unchanged. */
		{ "{\"account_name\":null,\"active\":false}", "Renamed", 0 },
		{ "{\"account_name\":null,\"active\":null}", "Renamed", 0 },
		{ "{}", "Renamed", 0 },
		{ " {\"active\":true,\"account_name\":\"  Both \\u00e9 \"} \n",
		    "Both \xc3\xa9", 1 },
		{ "{\"active\":false}", "Both \xc3\xa9", 0 },
		{ "{\"account_name\":\"O'Brien & Sons\"}", "O'Brien & Sons", 0 },
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		call(&r, &w, "PATCH", path, steps[i].body);
		assert_empty(&r, 200);
		hres_free(&r);
		assert_account(&w, "payment-accounts", id, waiver_json(id, firm,
		    steps[i].name, steps[i].active, 3));
	}
	/* An inactive account is still listed, with active false. */
	call(&r, &w, "GET", "/payment-accounts", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(json_object_array_length(r.json), 1);
	ck_assert_str_eq(jplain(r.json, "0.active"), "{\"value\":false}");
	hres_free(&r);
}
END_TEST

START_TEST(patch_bad_bodies)
{
	struct who w;
	struct hres r;

	who_new(&w, "illinois", S("Bad Patch Firm %s", unique("")));
	char *firm = firm_uuid(&w);
	char *id = waiver(&w, "payment-accounts", "Steady");
	char *want = waiver_json(id, firm, "Steady", 1, 3);
	char *gid = waiver(&w, "global-accounts", "Steady global");
	char *gwant = waiver_json(gid, NULL, "Steady global", 1, 3);
	char long_name[256];
	memset(long_name, 'z', 201);
	long_name[201] = '\0';
	struct { const char *body; const char *msg; } bad[] = {
		{ "", "A JSON object is required" },
		{ "  \n", "A JSON object is required" },
		{ "[1]", "A JSON object is required" },
		{ "\"Renamed\"", "A JSON object is required" },
		{ "null", "A JSON object is required" },
		{ "{\"active\":", "Malformed JSON" },
		{ "not json", "Malformed JSON" },
		{ "{'active': false}", "Malformed JSON" },
		{ "{\"active\":false} {}", "Malformed JSON" },
		{ "{\"active\":false,}", "Malformed JSON" },
		{ "{\"account_name\":\"raw\ttab\"}", "Malformed JSON" },
		{ "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}", "Malformed JSON" },
		{ "{\"active\":\"false\"}", "active must be true, false or null" },
		{ "{\"active\":0}", "active must be true, false or null" },
		{ "{\"active\":[]}", "active must be true, false or null" },
		{ "{\"account_name\":5}", "account_name must be a string or null" },
		{ "{\"account_name\":false}", "account_name must be a string or null" },
		{ "{\"account_name\":{}}", "account_name must be a string or null" },
		{ "{\"account_name\":\"\"}", "Account name is required" },
		{ "{\"account_name\":\"   \"}", "Account name is required" },
		{ S("{\"account_name\":\"%s\"}", long_name),
		    "Account name is longer than 200 characters" },
		{ "{\"account_name\":\"a\\u0000b\"}", "Account name must be UTF-8 text" },
		{ "{\"account_name\":\"a\\nb\"}", "Account name has control characters" },
		/* Nothing but the two members may be written. */
		{ "{\"active\":false,\"paymentAccountTypeCode\":\"CC\"}",
		    "Unknown member paymentAccountTypeCode" },
		{ "{\"account_name\":\"X\",\"firm_id\":1}", "Unknown member firm_id" },
		{ "{\"accountName\":\"X\"}", "Unknown member accountName" },
	};
	for (int k = 0; k < 2; k++) {
		const char *p = k ? S("/global-accounts/%s", gid) :
		    S("/payment-accounts/%s", id);
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			call(&r, &w, "PATCH", p, bad[i].body);
			ck_assert_msg(r.status == 400, "%zu %s: %ld %s", i,
			    bad[i].body, r.status, r.body);
			assert_text(&r, 400, bad[i].msg);
			hres_free(&r);
		}
		/* Far past the route's cap. */
		char *huge = malloc(6000);
		memset(huge, ' ', 6000);
		memcpy(huge, "{\"account_name\":\"", 17);
		memcpy(huge + 5998, "\"}", 2);
		call_as(&r, "PATCH", "illinois", p, w.key, tok_header(&w, w.token),
		    huge, 6000);
		ck_assert_int_eq(r.status, 413);
		hres_free(&r);
		free(huge);
	}
	assert_account(&w, "payment-accounts", id, want);
	assert_account(&w, "global-accounts", gid, gwant);
}
END_TEST

START_TEST(delete_account)
{
	struct who w;
	struct hres r;

	who_new(&w, "illinois", S("Delete Firm %s", unique("")));
	char *keep = waiver(&w, "payment-accounts", "Keep");
	char *gone = waiver(&w, "payment-accounts", "Gone");
	/* A fee charged against it earlier (as a submit records it). */
	ck_assert_int_eq(sql(S("INSERT INTO filing_charges (envelope_id, filing_id, "
	    "payment_account, code, reason, amount, created_at) VALUES (1, 1, '%s', "
	    "'FEE', 'Filing fee', 12.50, UTC_TIMESTAMP(6))", gone)), 0);
	ck_assert_str_eq(list_ids(&w, "/payment-accounts"), S("%s,%s", keep, gone));
	call(&r, &w, "DELETE", S("/payment-accounts/%s", gone), NULL);
	assert_empty(&r, 200);
	hres_free(&r);
	assert_no_account(&w, "GET", S("/payment-accounts/%s", gone), NULL);
	assert_no_account(&w, "DELETE", S("/payment-accounts/%s", gone), NULL);
	assert_no_account(&w, "PATCH", S("/payment-accounts/%s", gone),
	    "{\"active\":true}");
	ck_assert_str_eq(list_ids(&w, "/payment-accounts"), keep);
	/* The row is gone; the charge record stays. */
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM payment_accounts WHERE "
	    "uuid = '%s'", gone)), 0);
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM filing_charges WHERE "
	    "payment_account = '%s' AND amount = 12.50", gone)), 1);
	assert_account(&w, "payment-accounts", keep,
	    waiver_json(keep, firm_uuid(&w), "Keep", 1, 3));
}
END_TEST

/* The real client's sequence (spec 11), with its correlation headers. */
START_TEST(client_sequence)
{
	struct who w;
	struct hres r;

	who_new(&w, "illinois", S("Client Firm %s", unique("")));
	const char *h[] = {
		"Content-type: application/json", "Accept: application/json",
		S("X-API-KEY: %s", w.key), tok_header(&w, w.token),
		S("TYLER-ID-ILLINOIS: %s", "ignored-here"),
		"efsp-request-id: 6a4f0c7e-aaaa-4bbb-8ccc-0123456789ab",
		"efsp-session-id: 1b8e3c9a-1111-4222-8333-444455556666",
		"efsp-interview-name: docassemble-EFSP-payments-yml", NULL
	};
	const char *base = "/jurisdictions/illinois/payments";
	http(&r, "GET", S("%s/types", base), h, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	http(&r, "POST", S("%s/payment-accounts", base), h, "My waiver", 9);
	ck_assert_int_eq(r.status, 200);
	char *id = strdup(json_object_get_string(r.json));
	hres_free(&r);
	http(&r, "GET", S("%s/payment-accounts?court_id=adams", base), h, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "0.paymentAccountID"), id);
	ck_assert_str_eq(jget(r.json, "0.accountName"), "My waiver");
	ck_assert_str_eq(jget(r.json, "0.paymentAccountTypeCode"), "WV");
	ck_assert_str_eq(jplain(r.json, "0.active.value"), "true");
	hres_free(&r);
	const char *p = S("%s/payment-accounts/%s", base, id);
	http(&r, "PATCH", p, h, "{\"account_name\": null, \"active\": false}", 39);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	http(&r, "GET", p, h, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "accountName"), "My waiver");
	ck_assert_str_eq(jplain(r.json, "active.value"), "false");
	hres_free(&r);
	http(&r, "DELETE", p, h, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	http(&r, "GET", S("%s/payment-accounts", base), h, NULL, 0);
	ck_assert_str_eq(r.body, "[]");
	hres_free(&r);
	/* The request id is the client's; no token in the access log. */
	char *log = file_read(S("%s/access.log", getenv("CG_LOG_DIR")), NULL);
	ck_assert_ptr_nonnull(log);
	ck_assert_ptr_nonnull(strstr(log, "6a4f0c7e-aaaa-4bbb-8ccc-0123456789ab"));
	ck_assert_ptr_null(strstr(log, strrchr(w.token, ':') + 1));
	ck_assert_ptr_null(strstr(log, w.key));
	free(log);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("payments");
	TCase *t = tcase_create("payments");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, types_per_jurisdiction);
	tcase_add_test(t, auth_api_key_and_token);
	tcase_add_test(t, auth_disabled_filer);
	tcase_add_test(t, unknown_jurisdiction);
	tcase_add_test(t, create_and_read_waiver);
	tcase_add_test(t, create_bad_names);
	tcase_add_test(t, list_firm_accounts);
	tcase_add_test(t, other_firms_account);
	tcase_add_test(t, global_accounts_crud);
	tcase_add_test(t, patch_account);
	tcase_add_test(t, patch_bad_bodies);
	tcase_add_test(t, delete_account);
	tcase_add_test(t, client_sequence);
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
