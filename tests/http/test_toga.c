/*
 * The browser payment-account flow (efsp-proxy.md section 4) and its local
 * gateway, driven over HTTP the way a browser drives it: the client
 * server's form posted to new-toga-account, the RequestXML handed on to
 * local-toga, the card or bank form posted there, the ResponseXML handed
 * on to toga-account, and the 302 back. Every bad path of issue 10: the
 * reference's checks in its order (waiver, tyler_info, type), a bogus or
 * expired session, redirect targets off the allow-list in every disguise,
 * replayed, expired, unknown and forged transactions, unreadable XML, an
 * ended session at the callback, a response that makes no account; the
 * security headers of every page; what the account row holds (and does
 * not); another firm's view of it; no secret in any log.
 */
#include <check.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "client.h"

#define PW	"pw-secret-toga-0001"
#define ORIG	"http://127.0.0.1:9/interview?action=done&status=success"
#define ERRU	"http://127.0.0.1:9/interview?action=done&status=failure"
#define VISA	"4111111111111111"
#define AMEX	"378282246310005"
#define MC2	"2223003122003222"
#define ROUTING	"011000015"
#define ACCT	"000987656789"
#define P	"/jurisdictions/illinois/payments"

struct who {
	const char	*j;
	char		*key;
	char		*email;
	char		*token;		/* TYLER-TOKEN-{J}: email:secret */
};

/* --- helpers ---------------------------------------------------------- */

static long
count_sql(const char *stmt)
{
	char *v = sql_value(stmt);
	long n = strtol(v, NULL, 10);
	free(v);
	return n;
}

static void
who_new(struct who *w, const char *firm)
{
	struct hres r;
	const char *h[] = { "Content-Type: application/json", NULL };

	w->j = "illinois";
	w->key = make_api_key(NULL);
	w->email = S("%s@example.org", unique("toga"));
	ck_assert_int_eq(admin_cli(PW "\n", "filer add %s --jurisdiction illinois "
	    "--first Tia --last Toga %s%s%s", w->email, firm ? "--firm '" : "",
	    firm ? firm : "", firm ? "'" : ""), 0);
	char *body = S("{\"api_key\":\"%s\",\"tyler-illinois\":{\"username\":"
	    "\"%s\",\"password\":\"%s\"}}", w->key, w->email, PW);
	http(&r, "POST", "/authenticate", h, body, strlen(body));
	ck_assert_msg(r.status == 200, "authenticate: %ld %s", r.status, r.body);
	w->token = strdup(jget(r.json, "tokens.TYLER-TOKEN-ILLINOIS"));
	hres_free(&r);
}

static const char *
secret_of(const struct who *w)
{
	return strrchr(w->token, ':') + 1;
}

/* An API call as the real client makes it. */
static void
api(struct hres *r, const struct who *w, const char *method, const char *path)
{
	const char *h[] = {
		"Content-type: application/json", S("X-API-KEY: %s", w->key),
		S("TYLER-TOKEN-ILLINOIS: %s", w->token), NULL
	};
	ck_assert_int_eq(http(r, method, S(P "%s", path), h, NULL, 0), 0);
}

static char *
enc(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0), *o = strdup(e);
	curl_free(e);
	return o;
}

/* A form body from name, value, ..., NULL (a NULL value: left out). */
static char *
form(const char *first, ...)
{
	va_list	 ap;
	char	*out = strdup("");

	va_start(ap, first);
	for (const char *k = first; k != NULL; k = va_arg(ap, const char *)) {
		const char *v = va_arg(ap, const char *);
		if (v == NULL)
			continue;
		out = S("%s%s%s=%s", out, *out ? "&" : "", k, enc(v));
	}
	va_end(ap);
	return out;
}

static void
post(struct hres *r, const char *path, const char *body)
{
	ck_assert_int_eq(http_form(r, S(P "%s", path), body), 0);
}

/* The value of the input named name, HTML entities decoded; NULL: none. */
static char *
hidden(const char *html, const char *name)
{
	const char *p = strstr(html, S("name=\"%s\" value=\"", name));
	if (p == NULL)
		return NULL;
	p = strchr(p, '"');
	p = strchr(p + 1, '"');
	p = strchr(p + 1, '"') + 1;
	const char *e = strchr(p, '"');
	char *out = calloc(1, (size_t)(e - p) + 1), *o = out;
	static const struct { const char *ent; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&#39;", '\'' },
	};
	while (p < e) {
		size_t i;
		for (i = 0; i < 5; i++)
			if (strncmp(p, ents[i].ent, strlen(ents[i].ent)) == 0)
				break;
		if (i < 5) {
			*o++ = ents[i].c;
			p += strlen(ents[i].ent);
		} else
			*o++ = *p++;
	}
	return out;
}

static char *
between(const char *s, const char *open, const char *close)
{
	const char *a = strstr(s, open), *b;
	if (a == NULL)
		return NULL;
	a += strlen(open);
	if ((b = strstr(a, close)) == NULL)
		return NULL;
	return strndup(a, (size_t)(b - a));
}

/* The headers every page of the flow carries, and a CSP that holds. */
static void
assert_page(const struct hres *r, long status)
{
	ck_assert_msg(r->status == status, "%ld, want %ld: %.600s", r->status,
	    status, r->body);
	char *ct = hres_header(r, "Content-Type");
	ck_assert_ptr_nonnull(ct);
	ck_assert_msg(strncmp(ct, "text/html", 9) == 0, "%s", ct);
	char *csp = hres_header(r, "Content-Security-Policy");
	ck_assert_ptr_nonnull(csp);
	ck_assert_ptr_null(strstr(csp, "unsafe-inline"));
	ck_assert_ptr_null(strstr(csp, "unsafe-eval"));
	ck_assert_ptr_nonnull(strstr(csp, "default-src 'none'"));
	ck_assert_ptr_nonnull(strstr(csp, "frame-ancestors 'none'"));
	ck_assert_ptr_nonnull(strstr(csp, "base-uri 'none'"));
	ck_assert_ptr_nonnull(strstr(csp, "form-action 'self' https://127.0.0.1:* "
	    "http://127.0.0.1:* https://localhost:* http://localhost:*"));
	char *nonce = between(csp, "script-src 'nonce-", "'");
	ck_assert_ptr_nonnull(nonce);
	ck_assert_int_eq(strlen(nonce), 32);
	/* Every script and style of the page is the nonce's; no handlers. */
	for (const char *p = r->body; (p = strstr(p, "<script")) != NULL; p++)
		ck_assert_int_eq(strncmp(p, S("<script nonce=\"%s\">", nonce),
		    strlen(nonce) + 16), 0);
	for (const char *p = r->body; (p = strstr(p, "<style")) != NULL; p++)
		ck_assert_int_eq(strncmp(p, S("<style nonce=\"%s\">", nonce),
		    strlen(nonce) + 15), 0);
	ck_assert_ptr_null(strstr(r->body, " onload="));
	ck_assert_ptr_null(strstr(r->body, " onclick="));
	ck_assert_ptr_null(strstr(r->body, "javascript:"));
	char *v = hres_header(r, "X-Frame-Options");
	ck_assert_str_eq(v, "DENY");
	free(v);
	v = hres_header(r, "Cache-Control");
	ck_assert_str_eq(v, "no-store");
	free(v);
	v = hres_header(r, "Referrer-Policy");
	ck_assert_str_eq(v, "same-origin");
	free(v);
	v = hres_header(r, "X-Content-Type-Options");
	ck_assert_str_eq(v, "nosniff");
	free(v);
	free(ct);
	free(csp);
	free(nonce);
}

/* A 422 page of new-toga-account saying msg. */
static void
assert_refused(const struct hres *r, const char *msg)
{
	assert_page(r, 422);
	ck_assert_msg(strstr(r->body, "The error: ") != NULL, "%s", r->body);
	ck_assert_msg(strstr(r->body, msg) != NULL, "want \"%s\" in %s", msg,
	    r->body);
}

static long
pending_of(const struct who *w)
{
	return count_sql(S("SELECT COUNT(*) FROM toga_transactions t JOIN filers f "
	    "ON f.id = t.filer_id WHERE f.email = '%s'", w->email));
}

static char *
new_form(const struct who *w, const char *name, const char *type,
    const char *global)
{
	return form("account_name", name, "global", global, "type_code", type,
	    "type_code_id", "0", "tyler_info", w->token, "original_url", ORIG,
	    "error_url", ERRU, NULL);
}

/* new-toga-account as the docassemble client posts it: the RequestXML. */
static char *
start(const struct who *w, const char *name, const char *type,
    const char *global)
{
	struct hres r;

	post(&r, "/new-toga-account", new_form(w, name, type, global));
	assert_page(&r, 200);
	char *xml = hidden(r.body, "RequestXML");
	ck_assert_ptr_nonnull(xml);
	hres_free(&r);
	return xml;
}

static char *
txid(const char *xml)
{
	char *id = between(xml, "<TransactionID>", "</TransactionID>");
	ck_assert_ptr_nonnull(id);
	return id;
}

static int
this_year(void)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

static void
pay_card(struct hres *r, const char *xml, const char *name, const char *number,
    const char *mm, const char *yyyy, const char *csc)
{
	post(r, "/local-toga", form("RequestXML", xml, "method", "card",
	    "cc_name", name, "cc_number", number, "cc_exp_month", mm,
	    "cc_exp_year", yyyy, "cc_csc", csc, NULL));
}

static void
pay_bank(struct hres *r, const char *xml, const char *name, const char *type,
    const char *routing, const char *account)
{
	post(r, "/local-toga", form("RequestXML", xml, "method", "bank",
	    "bank_holder", name, "bank_type", type, "bank_routing", routing,
	    "bank_account", account, NULL));
}

/* The gateway's hand-off page after good details: its ResponseXML. */
static char *
response_of(const struct hres *r)
{
	assert_page(r, 200);
	ck_assert_ptr_nonnull(strstr(r->body, S("action=\"%s" P "/toga-account\"",
	    getenv("CG_BASE"))));
	char *xml = hidden(r->body, "ResponseXML");
	ck_assert_ptr_nonnull(xml);
	return xml;
}

static void
callback(struct hres *r, const char *xml)
{
	post(r, "/toga-account", form("ResponseXML", xml, NULL));
}

static void
assert_redirect(const struct hres *r, const char *to)
{
	ck_assert_msg(r->status == 302, "%ld: %.600s", r->status, r->body);
	char *loc = hres_header(r, "Location");
	ck_assert_ptr_nonnull(loc);
	ck_assert_str_eq(loc, to);
	free(loc);
	char *v = hres_header(r, "Cache-Control");
	ck_assert_str_eq(v, "no-store");
	free(v);
}

/* A made-up response, as a forger would post it. */
static char *
forged(const char *id, const char *tender, const char *token)
{
	return S("<PaymentResponse><ClientKey>x</ClientKey><TransactionID>%s"
	    "</TransactionID><Amount>-1</Amount><ReferenceNumber>1"
	    "</ReferenceNumber><PayorToken>%s</PayorToken><PayorName>Mallory"
	    "</PayorName><TenderDescription>%s</TenderDescription>"
	    "<ExpirationMonth>12</ExpirationMonth><ExpirationYear>%d"
	    "</ExpirationYear><PaymentTimestamp>now</PaymentTimestamp>"
	    "</PaymentResponse>", id, token, tender, this_year() + 2);
}

/* The whole flow with a card; the new account's uuid. */
static char *
flow_card(const struct who *w, const char *name, const char *global)
{
	struct hres r;
	char *xml = start(w, name, "CC", global);

	pay_card(&r, xml, "Tia Toga", VISA, "07", S("%d", this_year() + 3), "123");
	char *resp = response_of(&r);
	hres_free(&r);
	callback(&r, resp);
	assert_redirect(&r, ORIG);
	hres_free(&r);
	char *id = sql_value(S("SELECT uuid FROM payment_accounts WHERE name = '%s'",
	    name));
	ck_assert_int_eq(strlen(id), 36);
	return id;
}

/* --- new-toga-account ------------------------------------------------- */

START_TEST(new_account_page)
{
	struct who w;
	struct hres r;

	who_new(&w, S("Toga Firm %s", unique("")));
	post(&r, "/new-toga-account", new_form(&w, "Office card", "CC", "false"));
	assert_page(&r, 200);
	/* The hand-off: a form to the local page, its script, a button. */
	ck_assert_ptr_nonnull(strstr(r.body, "<form id=\"handoff\" method=\"post\" "
	    "action=\"" P "/local-toga\">"));
	ck_assert_ptr_nonnull(strstr(r.body, "<button type=\"submit\">"));
	ck_assert_ptr_nonnull(strstr(r.body, "document.getElementById(\"handoff\")"
	    ".submit();"));
	char *xml = hidden(r.body, "RequestXML");
	char *id = txid(xml);
	ck_assert_int_eq(strlen(id), 21);
	for (const char *c = id; *c; c++)
		ck_assert(isalnum((unsigned char)*c));
	ck_assert_str_eq(xml, S("<PaymentRequest><ClientKey>casegate-local"
	    "</ClientKey><TransactionID>%s</TransactionID><RedirectURL>%s" P
	    "/toga-account</RedirectURL><Amount>-1</Amount><GetToken>1"
	    "</GetToken></PaymentRequest>", id, getenv("CG_BASE")));
	hres_free(&r);
	/* Stored: the fields of step 3, the filer and firm, an expiry. */
	ck_assert_str_eq(sql_value(S("SELECT CONCAT_WS('|', account_name, "
	    "is_global, type_code, type_code_id, original_url, error_url, "
	    "consumed_at IS NULL, TIMESTAMPDIFF(SECOND, created_at, expires_at)) "
	    "FROM toga_transactions WHERE id = '%s'", id)),
	    S("Office card|0|CC|1|%s|%s|1|900", ORIG, ERRU));
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM toga_transactions t "
	    "JOIN filers f ON f.id = t.filer_id JOIN firms m ON m.id = t.firm_id "
	    "AND m.id = f.firm_id WHERE t.id = '%s' AND f.email = '%s'", id,
	    w.email)), 1);
	/* No secret at rest: only the session's hash, as filer_sessions. */
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM toga_transactions WHERE "
	    "id = '%s' AND session_hash = SHA2('%s', 256)", id, secret_of(&w))), 1);
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM toga_transactions WHERE "
	    "id = '%s' AND CONCAT_WS('|', id, jurisdiction, session_hash, "
	    "account_name, original_url, error_url) LIKE '%%%s%%'", id,
	    secret_of(&w))), 0);
	/* Each call a new id; lower-case type codes are found too. */
	char *xml2 = start(&w, "Second", "cc", NULL);
	ck_assert_str_ne(txid(xml2), id);
	char *xml3 = start(&w, "Bank", "BankAccount", "FALSE");
	(void)xml3;
	ck_assert_int_eq(pending_of(&w), 3);
}
END_TEST

/* Spec 4 step 2: the reference's checks in its order, then ours. */
START_TEST(new_account_checks)
{
	struct who w;
	struct hres r;
	const char *bogus = "nobody@example.org:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

	who_new(&w, NULL);
	/* A waiver first, even with unusable login information. */
	post(&r, "/new-toga-account", form("account_name", "x", "type_code", "WV",
	    "tyler_info", "garbage", "original_url", ORIG, "error_url", ERRU, NULL));
	assert_refused(&r, "Don&#39;t need TOGA to create a Waiver: send a POST "
	    "to /payment-accounts");
	hres_free(&r);
	post(&r, "/new-toga-account", new_form(&w, "x", "wv", NULL));
	assert_refused(&r, "create a Waiver");
	hres_free(&r);
	/* No type at all (the reference answers 500). */
	post(&r, "/new-toga-account", new_form(&w, "x", NULL, NULL));
	assert_refused(&r, "type_code is required");
	hres_free(&r);
	/* Login information not of the form x:y, before the type check. */
	const char *shapes[] = { "garbage", ":secret", "email:", "", NULL };
	for (size_t i = 0; shapes[i]; i++) {
		post(&r, "/new-toga-account", form("account_name", "x", "type_code",
		    "NOPE", "tyler_info", shapes[i], "original_url", ORIG,
		    "error_url", ERRU, NULL));
		assert_refused(&r, "Unable to use your login information: it is "
		    "not of the form email:token.");
		hres_free(&r);
	}
	post(&r, "/new-toga-account", form("account_name", "x", "type_code", "CC",
	    "original_url", ORIG, "error_url", ERRU, NULL));
	assert_refused(&r, "not of the form email:token");
	hres_free(&r);
	/* An unknown type, before the session is looked at. */
	post(&r, "/new-toga-account", form("account_name", "x", "type_code",
	    "Bitcoin", "tyler_info", bogus, "original_url", ORIG, "error_url",
	    ERRU, NULL));
	assert_refused(&r, "Cannot create that type of payment account.");
	hres_free(&r);
	/* Well formed but no live session: bogus, wrong e-mail, expired. */
	const char *sessions[] = {
		bogus, S("other@example.org:%s", secret_of(&w)),
		S("%s:%.31s", w.email, secret_of(&w)), NULL
	};
	for (size_t i = 0; sessions[i]; i++) {
		post(&r, "/new-toga-account", form("account_name", "x", "type_code",
		    "CC", "tyler_info", sessions[i], "original_url", ORIG,
		    "error_url", ERRU, NULL));
		assert_refused(&r, "the session is unknown or has expired");
		hres_free(&r);
	}
	/* Our own checks: the name, global, a field twice. */
	post(&r, "/new-toga-account", new_form(&w, "   ", "CC", NULL));
	assert_refused(&r, "account_name is required");
	hres_free(&r);
	char *longname = calloc(1, 202);
	memset(longname, 'n', 201);
	post(&r, "/new-toga-account", new_form(&w, longname, "CC", NULL));
	assert_refused(&r, "account_name must be at most 200 characters");
	hres_free(&r);
	post(&r, "/new-toga-account", new_form(&w, "x", "CC", "yes"));
	assert_refused(&r, "global must be true or false");
	hres_free(&r);
	post(&r, "/new-toga-account", S("%s&original_url=%s",
	    new_form(&w, "x", "CC", NULL), enc("http://localhost/other")));
	assert_refused(&r, "A field was sent more than once.");
	hres_free(&r);
	/* An unknown jurisdiction: 404, still a page. */
	ck_assert_int_eq(http_form(&r, "/jurisdictions/atlantis/payments/"
	    "new-toga-account", new_form(&w, "x", "CC", NULL)), 0);
	assert_page(&r, 404);
	hres_free(&r);
	ck_assert_int_eq(pending_of(&w), 0);
	/* An expired session is refused too. */
	sql(S("UPDATE filer_sessions SET expires_at = UTC_TIMESTAMP(6) - INTERVAL "
	    "1 MINUTE WHERE secret_hash = SHA2('%s', 256)", secret_of(&w)));
	post(&r, "/new-toga-account", new_form(&w, "x", "CC", NULL));
	assert_refused(&r, "the session is unknown or has expired");
	hres_free(&r);
	ck_assert_int_eq(pending_of(&w), 0);
	/* A browser may only post it: GET is not a route. */
	http(&r, "GET", P "/new-toga-account", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 405);
	hres_free(&r);
}
END_TEST

/* original_url and error_url: absolute, on CASEGATE_REDIRECT_HOSTS. */
START_TEST(redirect_targets)
{
	struct who w;
	struct hres r;
	static const char *const bad[] = {
		"//evil.example/x", "///evil.example/x", "/relative/path",
		"relative", "evil.example", "https://evil.example/",
		"http://evil.example:80/", "https://evil.example@127.0.0.1/x",
		"http://evil:pw@127.0.0.1/x", "http://127.0.0.1@evil.example/",
		"http://127.0.0.1:80@evil.example/", "http:\\\\evil.example\\x",
		"https://127.0.0.1\\@evil.example/", "http:/\\evil.example",
		"\\\\evil.example", "javascript:alert(1)", "JavaScript:alert(1)",
		"javascript://127.0.0.1/%0aalert(1)", "%6Aavascript:alert(1)",
		"javascript%3Aalert(1)", "https%3A%2F%2Fevil.example",
		"http%3A//127.0.0.1/", "data:text/html,<script>alert(1)</script>",
		"ftp://127.0.0.1/", "file:///etc/passwd", " http://127.0.0.1/",
		"http://127.0.0.1/ x", "http://127.0.0.1\t.evil.example/",
		"http://127.0.0.1.evil.example/", "http://localhost.evil.example/",
		"http://evil.example#@127.0.0.1/", "http://evil.example?@127.0.0.1",
		"http://127.0.0.1:99999/",
		"http://[::ffff:127.0.0.1]/", "http://%31%32%37.0.0.1/",
		"http://\xc4\xb1ocalhost/", "", NULL
	};
	static const char *const good[] = {
		"http://127.0.0.1/", "http://127.0.0.1:9/a/b?c=d&e=f#g",
		"https://127.0.0.1:8443/", "http://localhost:3000/done",
		"HTTP://LOCALHOST/x", NULL
	};

	who_new(&w, NULL);
	for (size_t i = 0; bad[i]; i++)
		for (int which = 0; which < 2; which++) {
			post(&r, "/new-toga-account", form("account_name", "x",
			    "type_code", "CC", "tyler_info", w.token, "original_url",
			    which ? ORIG : bad[i], "error_url", which ? bad[i] : ERRU,
			    NULL));
			ck_assert_msg(r.status == 422, "%s (%s): %ld", bad[i],
			    which ? "error_url" : "original_url", r.status);
			assert_refused(&r, which ? "error_url " : "original_url ");
			hres_free(&r);
		}
	/* Absent ones too. */
	post(&r, "/new-toga-account", form("account_name", "x", "type_code", "CC",
	    "tyler_info", w.token, "error_url", ERRU, NULL));
	assert_refused(&r, "original_url is required");
	hres_free(&r);
	ck_assert_int_eq(pending_of(&w), 0);
	for (size_t i = 0; good[i]; i++) {
		post(&r, "/new-toga-account", form("account_name", "x", "type_code",
		    "CC", "tyler_info", w.token, "original_url", good[i],
		    "error_url", good[i], NULL));
		ck_assert_msg(r.status == 200, "%s: %ld %s", good[i], r.status,
		    r.body);
		hres_free(&r);
	}
	/* Numeric spellings of 127.0.0.1 are that host, stored as such. */
	post(&r, "/new-toga-account", form("account_name", "x", "type_code", "CC",
	    "tyler_info", w.token, "original_url", "http://0x7f000001/n",
	    "error_url", "http://127.1:8/e", NULL));
	assert_page(&r, 200);
	hres_free(&r);
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM toga_transactions t "
	    "JOIN filers f ON f.id = t.filer_id WHERE f.email = '%s' AND "
	    "original_url = 'http://127.0.0.1/n' AND error_url = "
	    "'http://127.0.0.1:8/e'", w.email)), 1);
	ck_assert_int_eq(pending_of(&w), 6);
	/* What is stored is what was checked, as libcurl writes it. */
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM toga_transactions t "
	    "JOIN filers f ON f.id = t.filer_id WHERE f.email = '%s' AND "
	    "original_url = 'http://localhost/x'", w.email)), 1);
}
END_TEST

/* The payments binary as plain CGI, with an allow-list of its own. */
static char *
cgi_new(const char *hosts, const char *body)
{
	char path[] = "/tmp/cg-toga-XXXXXX";
	int fd = mkstemp(path);
	ck_assert(write(fd, body, strlen(body)) == (ssize_t)strlen(body));
	close(fd);
	char *cmd = S("env -i CASEGATE_CONFIG=%s CASEGATE_REDIRECT_HOSTS='%s' "
	    "REQUEST_METHOD=POST REQUEST_URI=" P "/new-toga-account "
	    "CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=%zu "
	    "HTTP_HOST=casegate.example SERVER_PORT=443 HTTPS=on %s/payments "
	    "<%s 2>/dev/null", getenv("CASEGATE_CONFIG"), hosts, strlen(body),
	    getenv("CG_CGI_DIR"), path);
	FILE *f = popen(cmd, "r");
	char *out = calloc(1, 65536);
	size_t n = fread(out, 1, 65535, f);
	out[n] = '\0';
	pclose(f);
	unlink(path);
	return out;
}

START_TEST(redirect_host_entries)
{
	struct who w;
	const char *list = "good.example, other.example:8443,127.0.0.1,bad entry,"
	    "[::1]:7000";
	static const struct { const char *url; int ok; } cases[] = {
		{ "https://good.example/done", 1 },
		{ "https://GOOD.Example:1234/done", 1 },
		{ "http://good.example/done", 0 },		/* https required */
		{ "https://other.example:8443/x", 1 },
		{ "https://other.example/x", 0 },		/* 443 is not 8443 */
		{ "https://other.example:8444/x", 0 },
		{ "https://sub.good.example/", 0 },
		{ "https://good.example.evil/", 0 },
		{ "http://127.0.0.1:5000/", 1 },		/* loopback: http */
		{ "http://[::1]:7000/", 1 },
		{ "http://[::1]:7001/", 0 },
		{ "https://bad/", 0 },
		{ "https://entry/", 0 },
		{ NULL, 0 }
	};

	who_new(&w, NULL);
	for (size_t i = 0; cases[i].url; i++) {
		char *out = cgi_new(list, form("account_name", "x", "type_code", "CC",
		    "tyler_info", w.token, "original_url", cases[i].url,
		    "error_url", "https://good.example/failed", NULL));
		ck_assert_msg(strncmp(out, cases[i].ok ? "Status: 200" :
		    "Status: 422", 11) == 0, "%s: %.300s", cases[i].url, out);
		/* This server as reached (HTTPS, Host) names the callback. */
		if (cases[i].ok)
			ck_assert_ptr_nonnull(strstr(out, "&lt;RedirectURL&gt;"
			    "https://casegate.example" P "/toga-account&lt;/"));
		/* form-action: this origin and the list's, as CSP sources. */
		ck_assert_msg(strstr(out, "form-action 'self' https://good.example:* "
		    "https://other.example:8443 https://127.0.0.1:* "
		    "http://127.0.0.1:* https://[::1]:7000 http://[::1]:7000;") !=
		    NULL, "%.600s", out);
		free(out);
	}
	/* An empty list allows nothing. */
	char *out = cgi_new("", new_form(&w, "x", "CC", NULL));
	ck_assert_msg(strncmp(out, "Status: 422", 11) == 0, "%.300s", out);
	ck_assert_ptr_nonnull(strstr(out, "form-action 'self'; "));
	free(out);
}
END_TEST

/* --- the local gateway ------------------------------------------------ */

START_TEST(gateway_form)
{
	struct who w;
	struct hres r;

	who_new(&w, NULL);
	/* Nothing to see without a request. */
	http(&r, "GET", P "/local-toga", NULL, NULL, 0);
	assert_page(&r, 400);
	ck_assert_ptr_null(strstr(r.body, "<input"));
	hres_free(&r);
	post(&r, "/local-toga", "method=card");
	assert_page(&r, 400);
	hres_free(&r);
	/* The card form for a CC request. */
	char *xml = start(&w, "Card <b>&amp; co</b>", "CC", NULL);
	post(&r, "/local-toga", form("RequestXML", xml, NULL));
	assert_page(&r, 200);
	static const char *const inputs[][3] = {
		{ "cc-name", "cc_name", "cc-name" },
		{ "cc-number", "cc_number", "cc-number" },
		{ "cc-exp-month", "cc_exp_month", "cc-exp-month" },
		{ "cc-exp-year", "cc_exp_year", "cc-exp-year" },
		{ "cc-csc", "cc_csc", "cc-csc" },
	};
	for (size_t i = 0; i < 5; i++) {
		ck_assert_ptr_nonnull(strstr(r.body, S("<label for=\"%s\">",
		    inputs[i][0])));
		ck_assert_msg(strstr(r.body, S("<input id=\"%s\" name=\"%s\" "
		    "type=\"text\" autocomplete=\"%s\"", inputs[i][0], inputs[i][1],
		    inputs[i][2])) != NULL, "%s", inputs[i][0]);
	}
	ck_assert_ptr_nonnull(strstr(r.body, "action=\"" P "/local-toga\""));
	ck_assert_ptr_nonnull(strstr(r.body, "<button type=\"submit\">Save card"));
	ck_assert_ptr_null(strstr(r.body, "bank_routing"));
	/* The account name is echoed, escaped. */
	ck_assert_ptr_nonnull(strstr(r.body, "Card &lt;b&gt;&amp;amp; co&lt;/b&gt;"));
	ck_assert_ptr_null(strstr(r.body, "<b>"));
	ck_assert_str_eq(hidden(r.body, "RequestXML"), xml);
	hres_free(&r);
	/* The bank form for a BankAccount request. */
	char *bxml = start(&w, "Bank", "BankAccount", NULL);
	post(&r, "/local-toga", form("RequestXML", bxml, NULL));
	assert_page(&r, 200);
	ck_assert_ptr_nonnull(strstr(r.body, "<label for=\"bank-routing\">"));
	ck_assert_ptr_nonnull(strstr(r.body, "<label for=\"bank-account\">"));
	ck_assert_ptr_nonnull(strstr(r.body, "<label for=\"bank-type\">"));
	ck_assert_ptr_null(strstr(r.body, "cc_number"));
	hres_free(&r);
	/* Unreadable requests, or one that returns elsewhere: 400. */
	const char *badreq[] = {
		"garbage", "<PaymentRequest>", "<Other/>",
		S("%s", xml) /* replaced below */, NULL
	};
	char *id = txid(xml);
	badreq[3] = S("<PaymentRequest><TransactionID>%s</TransactionID>"
	    "<RedirectURL>https://evil.example/toga-account</RedirectURL>"
	    "</PaymentRequest>", id);
	for (size_t i = 0; badreq[i]; i++) {
		post(&r, "/local-toga", form("RequestXML", badreq[i], NULL));
		assert_page(&r, 400);
		hres_free(&r);
	}
	/* An unknown transaction: 404. */
	post(&r, "/local-toga", form("RequestXML", S("<PaymentRequest>"
	    "<TransactionID>AAAAAAAAAAAAAAAAAAAAA</TransactionID><RedirectURL>%s"
	    P "/toga-account</RedirectURL></PaymentRequest>", getenv("CG_BASE")),
	    NULL));
	assert_page(&r, 404);
	hres_free(&r);
	post(&r, "/local-toga", form("RequestXML", xml, "method", "bitcoin", NULL));
	assert_page(&r, 400);
	hres_free(&r);
}
END_TEST

/* Bad details come back as the form with messages, nothing echoed raw. */
START_TEST(gateway_validation)
{
	struct who w;
	struct hres r;
	char *yy = S("%d", this_year() + 2), *past = S("%d", this_year() - 1);

	who_new(&w, NULL);
	char *xml = start(&w, "Validated", "CC", NULL);
	static const struct {
		const char *number, *mm, *csc, *want;
		int past;
	} cases[] = {
		{ "4111111111111112", "07", "123", "The card number is not valid", 0 },
		{ "1234567812345670", "07", "123", "We take Visa, Mastercard", 0 },
		{ "4111 1111", "07", "123", "Enter the card number", 0 },
		{ "4111x1111111111111", "07", "123", "Enter the card number", 0 },
		{ VISA, "13", "123", "Enter the expiry month", 0 },
		{ VISA, "07", "123", "The card has expired", 1 },
		{ VISA, "07", "", "Enter the security code", 0 },
		{ VISA, "07", "12", "The security code has 3 digits", 0 },
		{ AMEX, "07", "123", "American Express card has 4 digits", 0 },
		{ NULL, NULL, NULL, NULL, 0 }
	};
	for (size_t i = 0; cases[i].number; i++) {
		pay_card(&r, xml, "<script>alert(1)</script>", cases[i].number,
		    cases[i].mm, cases[i].past ? past : yy, cases[i].csc);
		assert_page(&r, 422);
		ck_assert_msg(strstr(r.body, cases[i].want) != NULL, "%s: %s",
		    cases[i].want, r.body);
		ck_assert_ptr_nonnull(strstr(r.body, "role=\"alert\""));
		ck_assert_ptr_nonnull(strstr(r.body, "aria-invalid=\"true\""));
		/* What was typed: the name again, escaped; never the number. */
		ck_assert_ptr_nonnull(strstr(r.body, "value=\"&lt;script&gt;alert(1)"
		    "&lt;/script&gt;\""));
		ck_assert_ptr_null(strstr(r.body, "<script>alert"));
		ck_assert_ptr_null(strstr(r.body, cases[i].number));
		ck_assert_ptr_nonnull(hidden(r.body, "RequestXML"));
		hres_free(&r);
	}
	/* A missing name is refused; this month still counts. */
	pay_card(&r, xml, "", VISA, "07", yy, "123");
	assert_page(&r, 422);
	ck_assert_ptr_nonnull(strstr(r.body, "Enter the name on the card."));
	hres_free(&r);
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	pay_card(&r, xml, "Now", MC2, S("%d", tm.tm_mon + 1),
	    S("%d", tm.tm_year + 1900), "321");
	ck_assert_ptr_nonnull(strstr(response_of(&r), "<TenderDescription>"
	    "MASTERCARD ************3222</TenderDescription>"));
	hres_free(&r);
	/* Bank details. */
	char *bxml = start(&w, "Validated bank", "BankAccount", NULL);
	static const struct { const char *routing, *acct, *type, *want; } bank[] = {
		{ "123456789", ACCT, "Checking", "The routing number is not valid" },
		{ "01100001", ACCT, "Checking", "Enter the 9-digit routing number" },
		{ "000000000", ACCT, "Checking", "The routing number is not valid" },
		{ ROUTING, "12", "Checking", "Enter the account number" },
		{ ROUTING, "12345678901234567890", "Savings", "Enter the account number" },
		{ ROUTING, ACCT, "Brokerage", "Choose Checking or Savings" },
		{ NULL, NULL, NULL, NULL }
	};
	for (size_t i = 0; bank[i].routing; i++) {
		pay_bank(&r, bxml, "Bo \"Bank\"", bank[i].type, bank[i].routing,
		    bank[i].acct);
		assert_page(&r, 422);
		ck_assert_msg(strstr(r.body, bank[i].want) != NULL, "%s: %s",
		    bank[i].want, r.body);
		ck_assert_ptr_nonnull(strstr(r.body, "value=\"Bo &quot;Bank&quot;\""));
		ck_assert_ptr_null(strstr(r.body, ACCT));
		hres_free(&r);
	}
	/* Nothing was created, nothing consumed. */
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM toga_transactions t JOIN "
	    "filers f ON f.id = t.filer_id WHERE f.email = '%s' AND consumed_at IS "
	    "NOT NULL", w.email)), 0);
}
END_TEST

/* --- the whole flow --------------------------------------------------- */

START_TEST(card_happy_path)
{
	struct who w, other;
	struct hres r;
	int year = this_year() + 3;

	who_new(&w, S("Card Firm %s", unique("")));
	char *name = unique("Office Visa ");
	char *xml = start(&w, name, "CC", "false");
	char *id = txid(xml);
	post(&r, "/local-toga", form("RequestXML", xml, NULL));
	assert_page(&r, 200);
	hres_free(&r);
	pay_card(&r, xml, "  Tia Toga ", "4111 1111 1111 1111", "7",
	    S("%d", year), "123");
	char *resp = response_of(&r);
	/* Step 5's shape, in its order; only the last four leave the page. */
	char *token = between(resp, "<PayorToken>", "</PayorToken>");
	ck_assert_int_eq(strlen(token), 32);
	char *refno = between(resp, "<ReferenceNumber>", "</ReferenceNumber>");
	char *ts = between(resp, "<PaymentTimestamp>", "</PaymentTimestamp>");
	ck_assert_str_eq(resp, S("<PaymentResponse><ClientKey>casegate-local"
	    "</ClientKey><TransactionID>%s</TransactionID><Amount>-1</Amount>"
	    "<ReferenceNumber>%s</ReferenceNumber><PayorToken>%s</PayorToken>"
	    "<PayorName>Tia Toga</PayorName><TenderDescription>VISA "
	    "************1111</TenderDescription><ExpirationMonth>7"
	    "</ExpirationMonth><ExpirationYear>%d</ExpirationYear>"
	    "<PaymentTimestamp>%s</PaymentTimestamp></PaymentResponse>", id,
	    refno, token, year, ts));
	ck_assert_ptr_null(strstr(r.body, VISA));
	ck_assert_ptr_null(strstr(r.body, "4111 1111"));
	ck_assert_ptr_nonnull(strstr(r.body, "document.getElementById(\"handoff\")"));
	hres_free(&r);
	callback(&r, resp);
	assert_redirect(&r, ORIG);
	char *csp = hres_header(&r, "Content-Security-Policy");
	ck_assert_ptr_null(strstr(csp, "unsafe-inline"));
	hres_free(&r);
	/* The row: only last four, holder, expiry, type and the token. */
	ck_assert_str_eq(sql_value(S("SELECT CONCAT_WS('|', p.type_code, "
	    "p.type_code_id, p.card_type, p.card_last4, p.card_month, p.card_year, "
	    "p.holder_name, p.account_token, p.active, p.jurisdiction, "
	    "p.firm_id = f.firm_id) FROM payment_accounts p JOIN filers f ON "
	    "f.email = '%s' WHERE p.name = '%s'", w.email, name)),
	    S("CC|1|VISA|1111|7|%d|Tia Toga|%s|1|illinois|1", year, token));
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM payment_accounts WHERE "
	    "name = '%s' AND CONCAT_WS('|', uuid, card_type, card_last4, "
	    "holder_name, account_token) REGEXP '41111|1111 1111|123'", name)), 0);
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM toga_transactions WHERE "
	    "id = '%s' AND consumed_at IS NOT NULL", id)), 1);
	/* Over the API, in the PaymentAccount shape of spec 3. */
	char *acct = sql_value(S("SELECT uuid FROM payment_accounts WHERE name = "
	    "'%s'", name));
	api(&r, &w, "GET", S("/payment-accounts/%s", acct));
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "paymentAccountID"), acct);
	ck_assert_str_eq(jget(r.json, "accountName"), name);
	ck_assert_str_eq(jget(r.json, "paymentAccountTypeCode"), "CC");
	ck_assert_str_eq(jplain(r.json, "paymentAccountTypeCodeId"), "{\"value\":1}");
	ck_assert_str_eq(jplain(r.json, "cardType"), "{\"value\":\"VISA\"}");
	ck_assert_str_eq(jget(r.json, "cardLast4"), "1111");
	ck_assert_str_eq(jplain(r.json, "cardMonth"), "{\"value\":7}");
	ck_assert_str_eq(jplain(r.json, "cardYear"), S("{\"value\":%d}", year));
	ck_assert_str_eq(jplain(r.json, "cardHolderName"), "{\"value\":\"Tia Toga\"}");
	ck_assert_str_eq(jplain(r.json, "active"), "{\"value\":true}");
	ck_assert_str_eq(jget(r.json, "accountToken"), token);
	ck_assert_ptr_nonnull(jget(r.json, "firmID"));
	hres_free(&r);
	api(&r, &w, "GET", "/payment-accounts");
	ck_assert_ptr_nonnull(strstr(r.body, acct));
	hres_free(&r);
	api(&r, &w, "GET", "/global-accounts");
	ck_assert_ptr_null(strstr(r.body, acct));
	hres_free(&r);
	/* PATCH and DELETE work on it as on any account. */
	const char *h[] = {
		"Content-type: application/json", S("X-API-KEY: %s", w.key),
		S("TYLER-TOKEN-ILLINOIS: %s", w.token), NULL
	};
	http(&r, "PATCH", S(P "/payment-accounts/%s", acct), h,
	    "{\"active\": false}", 17);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	api(&r, &w, "GET", S("/payment-accounts/%s", acct));
	ck_assert_str_eq(jplain(r.json, "active"), "{\"value\":false}");
	hres_free(&r);
	/* Another firm's filer does not see it, by id or in lists. */
	who_new(&other, S("Other Firm %s", unique("")));
	api(&r, &other, "GET", S("/payment-accounts/%s", acct));
	ck_assert_int_eq(r.status, 404);
	hres_free(&r);
	api(&r, &other, "GET", S("/global-accounts/%s", acct));
	ck_assert_int_eq(r.status, 404);
	hres_free(&r);
	api(&r, &other, "DELETE", S("/payment-accounts/%s", acct));
	ck_assert_int_eq(r.status, 404);
	hres_free(&r);
	api(&r, &other, "GET", "/payment-accounts");
	ck_assert_str_eq(r.body, "[]");
	hres_free(&r);
	api(&r, &w, "DELETE", S("/payment-accounts/%s", acct));
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
}
END_TEST

START_TEST(bank_happy_path)
{
	struct who w;
	struct hres r;

	who_new(&w, NULL);
	char *name = unique("Rent account ");
	char *xml = start(&w, name, "BankAccount", NULL);
	pay_bank(&r, xml, "Bo Bank", "Savings", "0110-0001-5", ACCT);
	char *resp = response_of(&r);
	ck_assert_ptr_nonnull(strstr(resp, "<TenderDescription>Savings ****6789"
	    "</TenderDescription><ExpirationMonth></ExpirationMonth>"
	    "<ExpirationYear></ExpirationYear>"));
	ck_assert_ptr_null(strstr(r.body, ACCT));
	hres_free(&r);
	callback(&r, resp);
	assert_redirect(&r, ORIG);
	hres_free(&r);
	ck_assert_str_eq(sql_value(S("SELECT CONCAT_WS('|', type_code, "
	    "type_code_id, card_type, card_last4, IFNULL(card_month, 'null'), "
	    "IFNULL(card_year, 'null'), holder_name) FROM payment_accounts WHERE "
	    "name = '%s'", name)), "BankAccount|2|Savings|6789|null|null|Bo Bank");
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM payment_accounts WHERE "
	    "CONCAT_WS('|', name, holder_name, account_token) LIKE '%%%s%%'",
	    ACCT)), 0);
	char *acct = sql_value(S("SELECT uuid FROM payment_accounts WHERE name = "
	    "'%s'", name));
	api(&r, &w, "GET", S("/payment-accounts/%s", acct));
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "paymentAccountTypeCode"), "BankAccount");
	ck_assert_str_eq(jget(r.json, "cardLast4"), "6789");
	ck_assert_str_eq(jplain(r.json, "cardMonth"), "{\"value\":null}");
	hres_free(&r);
}
END_TEST

/* global=true makes a global account (no firm), listed with those. */
START_TEST(global_account)
{
	struct who w;
	struct hres r;

	who_new(&w, NULL);
	char *name = unique("Global card ");
	char *acct = flow_card(&w, name, "true");
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM payment_accounts WHERE "
	    "uuid = '%s' AND firm_id IS NULL", acct)), 1);
	api(&r, &w, "GET", S("/global-accounts/%s", acct));
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jplain(r.json, "firmID"), "null");
	ck_assert_str_eq(jget(r.json, "paymentAccountTypeCode"), "CC");
	hres_free(&r);
	api(&r, &w, "GET", S("/payment-accounts/%s", acct));
	ck_assert_int_eq(r.status, 404);
	hres_free(&r);
}
END_TEST

/* Single use: a replayed callback finds nothing, and makes nothing. */
START_TEST(replayed_transaction)
{
	struct who w;
	struct hres r;

	who_new(&w, NULL);
	char *name = unique("Replay ");
	char *xml = start(&w, name, "CC", NULL);
	pay_card(&r, xml, "Rita Replay", VISA, "12", S("%d", this_year() + 1),
	    "999");
	char *resp = response_of(&r);
	hres_free(&r);
	callback(&r, resp);
	assert_redirect(&r, ORIG);
	hres_free(&r);
	for (int i = 0; i < 2; i++) {
		callback(&r, resp);
		assert_page(&r, 404);
		ck_assert_ptr_nonnull(strstr(r.body, "Sorry, we had an error "
		    "processing that payment account."));
		hres_free(&r);
	}
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM payment_accounts WHERE "
	    "name = '%s'", name)), 1);
	/* The gateway will not take it again either. */
	post(&r, "/local-toga", form("RequestXML", xml, NULL));
	assert_page(&r, 404);
	hres_free(&r);
}
END_TEST

START_TEST(expired_transaction)
{
	struct who w;
	struct hres r;

	who_new(&w, NULL);
	char *name = unique("Expired ");
	char *xml = start(&w, name, "CC", NULL);
	pay_card(&r, xml, "Ed Expired", VISA, "12", S("%d", this_year() + 1),
	    "123");
	char *resp = response_of(&r);
	hres_free(&r);
	sql(S("UPDATE toga_transactions SET expires_at = UTC_TIMESTAMP(6) - "
	    "INTERVAL 1 SECOND WHERE id = '%s'", txid(xml)));
	callback(&r, resp);
	assert_page(&r, 404);
	hres_free(&r);
	post(&r, "/local-toga", form("RequestXML", xml, NULL));
	assert_page(&r, 404);
	hres_free(&r);
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM payment_accounts WHERE "
	    "name = '%s'", name)), 0);
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM toga_transactions WHERE "
	    "id = '%s' AND consumed_at IS NULL", txid(xml))), 1);
}
END_TEST

/* Unknown and forged ids; an id of another jurisdiction. */
START_TEST(unknown_transaction)
{
	struct who w;
	struct hres r;
	long before = count_sql("SELECT COUNT(*) FROM payment_accounts");

	who_new(&w, NULL);
	char *xml = start(&w, unique("Forged "), "CC", NULL);
	const char *ids[] = {
		"AAAAAAAAAAAAAAAAAAAAA", "short", "", "AAAAAAAAAAAAAAAAAAAA'",
		S("%s", txid(xml)) /* below: lower-cased */, NULL
	};
	char *lower = strdup(txid(xml));
	for (char *c = lower; *c; c++)
		*c = (char)(isupper((unsigned char)*c) ? tolower(*c) : toupper(*c));
	ids[4] = lower;
	for (size_t i = 0; ids[i]; i++) {
		callback(&r, forged(ids[i], "VISA ************4242",
		    "tok_forged"));
		assert_page(&r, 404);
		ck_assert_ptr_nonnull(strstr(r.body, "Sorry, we had an error "
		    "processing that payment account."));
		hres_free(&r);
	}
	/* No TransactionID at all. */
	callback(&r, "<PaymentResponse><PayorName>x</PayorName></PaymentResponse>");
	assert_page(&r, 404);
	hres_free(&r);
	/* A real id, but posted to another jurisdiction's callback. */
	ck_assert_int_eq(http_form(&r, "/jurisdictions/massachusetts/payments/"
	    "toga-account", form("ResponseXML", forged(txid(xml),
	    "VISA ************4242", "tok"), NULL)), 0);
	assert_page(&r, 404);
	hres_free(&r);
	ck_assert_int_eq(count_sql("SELECT COUNT(*) FROM payment_accounts"), before);
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM toga_transactions WHERE "
	    "id = '%s' AND consumed_at IS NULL", txid(xml))), 1);
}
END_TEST

START_TEST(garbage_xml)
{
	struct who w;
	struct hres r;

	who_new(&w, NULL);
	char *xml = start(&w, unique("Garbage "), "CC", NULL);
	char *id = txid(xml);
	const char *bodies[] = {
		"not xml at all", "<PaymentResponse>", "<PaymentResponse></Other>",
		"<Other><TransactionID>x</TransactionID></Other>",
		S("<x:PaymentResponse xmlns:x='urn:x'><TransactionID>%s"
		    "</TransactionID></x:PaymentResponse>", id),
		S("<!DOCTYPE PaymentResponse [<!ENTITY e SYSTEM "
		    "'file:///etc/passwd'>]><PaymentResponse><TransactionID>%s"
		    "</TransactionID><PayorName>&e;</PayorName></PaymentResponse>", id),
		S("<?xml version='1.0'?><!doctype PaymentResponse><PaymentResponse>"
		    "<TransactionID>%s</TransactionID></PaymentResponse>", id),
		S("<PaymentResponse><TransactionID>%s</TransactionID>"
		    "<TransactionID>%s</TransactionID></PaymentResponse>", id, id),
		S("<PaymentResponse><TransactionID><b>%s</b></TransactionID>"
		    "</PaymentResponse>", id),
		"", NULL
	};
	for (size_t i = 0; bodies[i]; i++) {
		callback(&r, bodies[i]);
		assert_page(&r, 400);
		ck_assert_ptr_nonnull(strstr(r.body, "Sorry, we had an error "
		    "processing that payment account."));
		ck_assert_ptr_null(strstr(r.body, "root:"));
		hres_free(&r);
	}
	/* No ResponseXML field, or two of them. */
	post(&r, "/toga-account", "other=1");
	assert_page(&r, 400);
	hres_free(&r);
	post(&r, "/toga-account", S("ResponseXML=%s&ResponseXML=%s",
	    enc(forged(id, "VISA 1111", "t")), enc(forged(id, "VISA 1111", "t"))));
	assert_page(&r, 400);
	hres_free(&r);
	/* Nothing consumed by any of it. */
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM toga_transactions WHERE "
	    "id = '%s' AND consumed_at IS NULL", id)), 1);
}
END_TEST

/* A response that describes no account: error_url, and used up. */
START_TEST(creation_failure)
{
	struct who w;
	struct hres r;

	who_new(&w, NULL);
	static const struct { const char *tender, *token; } cases[] = {
		{ "VISA", "tok_ok" },				/* no last four */
		{ "VISA ****11a1", "tok_ok" },
		{ "", "tok_ok" },
		{ "VISA ************1111", "bad token!" },
		{ "VISA ************1111", "" },
		{ "AVERYLONGBRANDNAMEOFACARD ****1111", "tok_ok" },
		{ NULL, NULL }
	};
	for (size_t i = 0; cases[i].tender; i++) {
		char *name = unique("Fails ");
		char *xml = start(&w, name, "CC", NULL);
		callback(&r, forged(txid(xml), cases[i].tender, cases[i].token));
		assert_redirect(&r, ERRU);
		hres_free(&r);
		ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM payment_accounts "
		    "WHERE name = '%s'", name)), 0);
		callback(&r, forged(txid(xml), "VISA ************1111", "tok_ok"));
		assert_page(&r, 404);
		hres_free(&r);
	}
	/* A card without an expiry. */
	char *name = unique("No expiry ");
	char *xml = start(&w, name, "CC", NULL);
	callback(&r, S("<PaymentResponse><TransactionID>%s</TransactionID>"
	    "<PayorToken>tok</PayorToken><PayorName>N</PayorName>"
	    "<TenderDescription>VISA ****1111</TenderDescription>"
	    "</PaymentResponse>", txid(xml)));
	assert_redirect(&r, ERRU);
	hres_free(&r);
	/* An unknown first word keeps the type asked for (step 6). */
	name = unique("Other word ");
	xml = start(&w, name, "BankAccount", NULL);
	callback(&r, forged(txid(xml), "eCheck ****4321", "tok_ok"));
	assert_redirect(&r, ORIG);
	hres_free(&r);
	ck_assert_str_eq(sql_value(S("SELECT CONCAT_WS('|', type_code, card_type, "
	    "card_last4) FROM payment_accounts WHERE name = '%s'", name)),
	    "BankAccount|eCheck|4321");
}
END_TEST

/* The session that began the flow has ended: 403, and not used up. */
START_TEST(session_ended)
{
	struct who w;
	struct hres r;

	who_new(&w, NULL);
	char *name = unique("Ended ");
	char *xml = start(&w, name, "CC", NULL);
	pay_card(&r, xml, "Eve Ended", VISA, "12", S("%d", this_year() + 1), "123");
	char *resp = response_of(&r);
	hres_free(&r);
	sql(S("UPDATE filer_sessions SET expires_at = UTC_TIMESTAMP(6) - INTERVAL "
	    "1 SECOND WHERE secret_hash = SHA2('%s', 256)", secret_of(&w)));
	callback(&r, resp);
	assert_page(&r, 403);
	ck_assert_ptr_nonnull(strstr(r.body, "Sorry, we had an error processing "
	    "that payment account."));
	hres_free(&r);
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM payment_accounts WHERE "
	    "name = '%s'", name)), 0);
	ck_assert_int_eq(count_sql(S("SELECT COUNT(*) FROM toga_transactions WHERE "
	    "id = '%s' AND consumed_at IS NULL", txid(xml))), 1);
	/* A disabled filer's, likewise. */
	sql(S("UPDATE filer_sessions SET expires_at = UTC_TIMESTAMP(6) + INTERVAL "
	    "1 HOUR WHERE secret_hash = SHA2('%s', 256)", secret_of(&w)));
	ck_assert_int_eq(admin_cli(NULL, "filer disable %s --jurisdiction illinois",
	    w.email), 0);
	callback(&r, resp);
	assert_page(&r, 403);
	hres_free(&r);
}
END_TEST

/* Nothing a person typed, and no session or token, reaches a log line. */
START_TEST(no_secrets_in_logs)
{
	struct who w;
	struct hres r;

	who_new(&w, NULL);
	char *xml = start(&w, unique("Logged "), "CC", NULL);
	pay_card(&r, xml, "Lou Logs", AMEX, "03", S("%d", this_year() + 4),
	    "7319");
	char *resp = response_of(&r);
	char *token = between(resp, "<PayorToken>", "</PayorToken>");
	hres_free(&r);
	callback(&r, resp);
	assert_redirect(&r, ORIG);
	hres_free(&r);
	char *bxml = start(&w, unique("Logged bank "), "BankAccount", NULL);
	pay_bank(&r, bxml, "Lou Logs", "Checking", ROUTING, ACCT);
	hres_free(&r);
	const char *dir = getenv("CG_LOG_DIR");
	char *cmd = S("cat %s/* 2>/dev/null", dir);
	FILE *f = popen(cmd, "r");
	size_t cap = 1 << 20, n = 0, k;
	char *all = malloc(cap + 1);
	while ((k = fread(all + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap)
			all = realloc(all, (cap *= 2) + 1);
	}
	all[n] = '\0';
	pclose(f);
	ck_assert_msg(n > 0, "no logs under %s", dir);
	/* The flow's requests are logged, by path alone. */
	ck_assert_ptr_nonnull(strstr(all, P "/toga-account"));
	const char *never[] = {
		VISA, AMEX, MC2, ACCT, secret_of(&w), token,
		"tyler_info", "cc_number", "cc_csc", "bank_account", "RequestXML",
		"ResponseXML", "PayorToken", "original_url", NULL
	};
	for (size_t i = 0; never[i]; i++)
		ck_assert_msg(strstr(all, never[i]) == NULL, "the logs hold %s",
		    never[i]);
	free(all);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("toga");
	TCase *t = tcase_create("toga");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, new_account_page);
	tcase_add_test(t, new_account_checks);
	tcase_add_test(t, redirect_targets);
	tcase_add_test(t, redirect_host_entries);
	tcase_add_test(t, gateway_form);
	tcase_add_test(t, gateway_validation);
	tcase_add_test(t, card_happy_path);
	tcase_add_test(t, bank_happy_path);
	tcase_add_test(t, global_account);
	tcase_add_test(t, replayed_transaction);
	tcase_add_test(t, expired_transaction);
	tcase_add_test(t, unknown_transaction);
	tcase_add_test(t, garbage_xml);
	tcase_add_test(t, creation_failure);
	tcase_add_test(t, session_ended);
	tcase_add_test(t, no_secrets_in_logs);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
