/*
 * E-filing access: casegate-admin apikey and filer, POST /authenticate as
 * the EFSP proxy answers it (efsp-proxy.md section 2), the correlation
 * headers in the access log, and secrets kept only as hashes.
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"

#define PW "pw-secret-filer-0001"

static char *
new_filer(const char *j, const char *extra)
{
	char *email;
	if (asprintf(&email, "%s@example.org", unique("filer")) < 0)
		abort();
	ck_assert_int_eq(admin_cli(PW "\n", "filer add %s --jurisdiction %s "
	    "--first Ada --last ONeil %s", email, j, extra ? extra : ""), 0);
	return email;
}

static void
authenticate(struct hres *r, const char *body)
{
	const char *h[] = { "Content-Type: application/json", NULL };
	http(r, "POST", "/authenticate", h, body, body ? strlen(body) : 0);
}

START_TEST(apikey_add_list_revoke)
{
	char *name, *key = make_api_key(&name), q[512];
	int rc;

	ck_assert_int_ge(strlen(key), 21);
	for (const char *p = key; *p; p++)
		ck_assert(isalnum((unsigned char)*p));
	/* Only the hash is stored. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM api_keys WHERE name='%s' AND "
	    "key_hash=SHA2('%s',256)", name, key);
	char *v = sql_value(q);
	ck_assert_str_eq(v, "1");
	free(v);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM api_keys WHERE key_hash='%s'",
	    key);
	v = sql_value(q);
	ck_assert_str_eq(v, "0");
	free(v);
	char *out = admin_cli_out(NULL, &rc, "apikey list");
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(strstr(out, name));
	ck_assert_ptr_null(strstr(out, key));
	free(out);
	ck_assert_int_ne(admin_cli(NULL, "apikey add %s", name), 0);	/* taken */
	/* It works, twice (the second answer may come from the query cache)... */
	struct hres r;
	char body[256];
	snprintf(body, sizeof(body), "{\"api_key\":\"%s\"}", key);
	for (int i = 0; i < 2; i++) {
		authenticate(&r, body);
		ck_assert_int_eq(r.status, 200);
		hres_free(&r);
	}
	ck_assert_int_eq(admin_cli(NULL, "apikey revoke %s", name), 0);
	ck_assert_int_ne(admin_cli(NULL, "apikey revoke %s", name), 0);
	ck_assert_int_ne(admin_cli(NULL, "apikey revoke no-such-key"), 0);
	ck_assert_int_ne(admin_cli(NULL, "apikey add"), 0);
	/* ...and once revoked no longer authenticates. */
	authenticate(&r, body);
	ck_assert_int_eq(r.status, 403);
	ck_assert_int_eq(r.len, 0);
	hres_free(&r);
	free(key);
	free(name);
}
END_TEST

START_TEST(filer_add_list_disable)
{
	int rc;
	char *a = new_filer("illinois", "--firm 'Legal Aid Chicago'");
	char *b = new_filer("Massachusetts", "--individual");
	char *out = admin_cli_out(NULL, &rc, "filer list");
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(strstr(out, a));
	ck_assert_ptr_nonnull(strstr(out, b));
	ck_assert_ptr_nonnull(strstr(out, "Legal Aid Chicago"));
	ck_assert_ptr_nonnull(strstr(out, "massachusetts"));
	ck_assert_ptr_null(strstr(out, "argon2"));
	free(out);
	/* Two filers of one firm share it. */
	char *c = new_filer("illinois", "--firm 'Legal Aid Chicago'");
	char q[512];
	snprintf(q, sizeof(q), "SELECT COUNT(DISTINCT firm_id) FROM filers WHERE "
	    "email IN ('%s','%s')", a, c);
	char *v = sql_value(q);
	ck_assert_str_eq(v, "1");
	free(v);
	/* Failures exit non-zero and add nothing. */
	ck_assert_int_ne(admin_cli(PW "\n", "filer add %s --jurisdiction illinois "
	    "--first A --last B", a), 0);
	ck_assert_int_ne(admin_cli(PW "\n", "filer add x@example.org --jurisdiction "
	    "texas --first A --last B"), 0);
	ck_assert_int_ne(admin_cli(PW "\n", "filer add not-an-email --jurisdiction "
	    "illinois --first A --last B"), 0);
	ck_assert_int_ne(admin_cli("short\n", "filer add y@example.org "
	    "--jurisdiction illinois --first A --last B"), 0);
	ck_assert_int_ne(admin_cli(PW "\n", "filer add z@example.org "
	    "--jurisdiction illinois --first A"), 0);
	ck_assert_int_ne(admin_cli(PW "\n", "filer add w@example.org "
	    "--jurisdiction illinois --first A --last B --firm F --individual"), 0);
	v = sql_value("SELECT COUNT(*) FROM filers WHERE email IN ('x@example.org',"
	    "'not-an-email','y@example.org','z@example.org','w@example.org')");
	ck_assert_str_eq(v, "0");
	free(v);
	ck_assert_int_eq(admin_cli(NULL, "filer disable %s", b), 0);
	ck_assert_int_ne(admin_cli(NULL, "filer disable nobody@example.org"), 0);
	free(a);
	free(b);
	free(c);
}
END_TEST

START_TEST(authenticate_bad_keys)
{
	struct hres r;
	static const char *const no_key[] = {
		NULL, "not json", "[1]", "{}", "{\"api_key\":5}", "{\"api_key\":\"\"}",
		"\"x\""
	};
	for (size_t i = 0; i < sizeof(no_key) / sizeof(no_key[0]); i++) {
		authenticate(&r, no_key[i]);
		ck_assert_msg(r.status == 401, "%s: %ld", no_key[i], r.status);
		ck_assert_int_eq(r.len, 0);
		hres_free(&r);
	}
	authenticate(&r, "{\"api_key\":\"definitely-not-a-key-000000\"}");
	ck_assert_int_eq(r.status, 403);
	ck_assert_int_eq(r.len, 0);
	hres_free(&r);
	/* The X-API-KEY header is ignored here: the key is in the body. */
	char *key = make_api_key(NULL), hdr[128];
	snprintf(hdr, sizeof(hdr), "X-API-KEY: %s", key);
	const char *h[] = { hdr, "Content-Type: application/json", NULL };
	http(&r, "POST", "/authenticate", h, "{}", 2);
	ck_assert_int_eq(r.status, 401);
	hres_free(&r);
	free(key);
}
END_TEST

START_TEST(authenticate_key_without_credentials)
{
	struct hres r;
	char *key = make_api_key(NULL), body[256];
	snprintf(body, sizeof(body), "{\"api_key\":\"%s\"}", key);
	authenticate(&r, body);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body, "{\"tokens\":{},\"expirationTimes\":{}}");
	hres_free(&r);
	snprintf(body, sizeof(body), "{\"api_key\":\"%s\",\"jeffnet\":{}}", key);
	authenticate(&r, body);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "tokens.JEFFNET-TOKEN"), "deprecated");
	hres_free(&r);
	free(key);
}
END_TEST

START_TEST(authenticate_success)
{
	struct hres r;
	char *key = make_api_key(NULL), *email = new_filer("illinois", NULL);
	char body[512];
	char q[512];

	snprintf(body, sizeof(body), "{\"api_key\":\"%s\",\"TYLER-Illinois\":"
	    "{\"username\":\"%s\",\"password\":\"%s\"}}", key, email, PW);
	authenticate(&r, body);
	ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
	const char *tok = jget(r.json, "tokens.TYLER-TOKEN-ILLINOIS");
	const char *id = jget(r.json, "tokens.TYLER-ID-ILLINOIS");
	ck_assert_ptr_nonnull(tok);
	ck_assert_ptr_nonnull(id);
	size_t el = strlen(email);
	ck_assert_int_eq(strncmp(tok, email, el), 0);
	ck_assert_int_eq(tok[el], ':');
	ck_assert_int_ge(strlen(tok + el + 1), 21);
	snprintf(q, sizeof(q), "SELECT uuid FROM filers WHERE email='%s'", email);
	char *uuid = sql_value(q);
	ck_assert_str_eq(id, uuid);
	free(uuid);
	/* Expiry: 24 hours by default. */
	const char *exp = jget(r.json, "expirationTimes.tyler-illinois");
	ck_assert_ptr_nonnull(exp);
	struct tm tm = { 0 };
	ck_assert_ptr_nonnull(strptime(exp, "%Y-%m-%dT%H:%M:%SZ", &tm));
	long d = (long)timegm(&tm) - (long)time(NULL);
	ck_assert_int_ge(d, 24 * 3600 - 30);
	ck_assert_int_le(d, 24 * 3600 + 30);
	/* Only the secret's hash is stored. */
	const char *secret = tok + el + 1;
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM filer_sessions WHERE "
	    "secret_hash=SHA2('%s',256)", secret);
	char *v = sql_value(q);
	ck_assert_str_eq(v, "1");
	free(v);
	/* No key, secret or password in the access log. */
	char path[1024];
	snprintf(path, sizeof(path), "%s/access.log", getenv("CG_LOG_DIR"));
	char *log = file_read(path, NULL);
	ck_assert_ptr_nonnull(log);
	ck_assert_ptr_null(strstr(log, key));
	ck_assert_ptr_null(strstr(log, secret));
	free(log);
	hres_free(&r);
	free(key);
	free(email);
}
END_TEST

START_TEST(authenticate_failed_logins)
{
	struct hres r;
	char *key = make_api_key(NULL), *il = new_filer("illinois", NULL);
	char *ma = new_filer("massachusetts", NULL), *off = new_filer("illinois", NULL);
	char body[1024];
	ck_assert_int_eq(admin_cli(NULL, "filer disable %s", off), 0);
	const char *bad[] = {
		"\"tyler-illinois\":{\"username\":\"%s\",\"password\":\"pw-secret-nope\"}",
		"\"tyler-texas\":{\"username\":\"%s\",\"password\":\"" PW "\"}",
		"\"tyler-foo\":{\"username\":\"%s\",\"password\":\"" PW "\"}",
		"\"tyler-illinois\":{\"username\":\"%s\",\"password\":\"\"}",
		"\"tyler-illinois\":{\"username\":\"%s\"}",
		"\"tyler-illinois\":{\"username\":\"%s\",\"password\":5}",
		"\"tyler-illinois\":\"%s\"",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char member[512];
		snprintf(member, sizeof(member), bad[i], il);
		snprintf(body, sizeof(body), "{\"api_key\":\"%s\",%s}", key, member);
		authenticate(&r, body);
		ck_assert_msg(r.status == 403, "%s: %ld", member, r.status);
		ck_assert_int_eq(r.len, 0);
		hres_free(&r);
	}
	/* A Massachusetts filer is unknown in Illinois; a disabled one fails. */
	const char *who[] = { ma, off, "nobody@example.org" };
	for (size_t i = 0; i < 3; i++) {
		snprintf(body, sizeof(body), "{\"api_key\":\"%s\",\"tyler-illinois\":"
		    "{\"username\":\"%s\",\"password\":\"%s\"}}", key, who[i], PW);
		authenticate(&r, body);
		ck_assert_msg(r.status == 403, "%s: %ld", who[i], r.status);
		hres_free(&r);
	}
	/* The same filer logs in fine in its own jurisdiction. */
	snprintf(body, sizeof(body), "{\"api_key\":\"%s\",\"tyler-massachusetts\":"
	    "{\"username\":\"%s\",\"password\":\"%s\"}}", key, ma, PW);
	authenticate(&r, body);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(jget(r.json, "tokens.TYLER-TOKEN-MASSACHUSETTS"));
	hres_free(&r);
	free(key);
	free(il);
	free(ma);
	free(off);
}
END_TEST

START_TEST(correlation_headers_logged)
{
	struct hres r;
	const char *h[] = {
		"efsp-session-id: 0b8e3c9a-1111-4222-8333-444455556666",
		"efsp-correlation-id: corr-77",
		"efsp-request-id: 7d1f0c7e-aaaa-4bbb-8ccc-0123456789ab",
		"efsp-interview-name: bad.name:with/colons",
		NULL
	};
	http(&r, "GET", "/health", h, NULL, 0);
	ck_assert_int_eq(r.status, 200);	/* invalid values are never rejected */
	char *rid = hres_header(&r, "X-Request-Id");
	ck_assert_str_eq(rid, "7d1f0c7e-aaaa-4bbb-8ccc-0123456789ab");
	free(rid);
	hres_free(&r);
	char path[1024];
	snprintf(path, sizeof(path), "%s/access.log", getenv("CG_LOG_DIR"));
	char *log = file_read(path, NULL);
	char *line = strstr(log, "sid=0b8e3c9a-1111-4222-8333-444455556666");
	ck_assert_ptr_nonnull(line);
	char *end = strchr(line, '\n');
	*end = '\0';
	ck_assert_ptr_nonnull(strstr(line, "cid=corr-77"));
	ck_assert_ptr_nonnull(strstr(line, "erid=7d1f0c7e-aaaa-4bbb-8ccc-0123456789ab"));
	ck_assert_ptr_null(strstr(line, "interview="));
	free(log);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("efile");
	TCase *t = tcase_create("efile");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, apikey_add_list_revoke);
	tcase_add_test(t, filer_add_list_disable);
	tcase_add_test(t, authenticate_bad_keys);
	tcase_add_test(t, authenticate_key_without_credentials);
	tcase_add_test(t, authenticate_success);
	tcase_add_test(t, authenticate_failed_logins);
	tcase_add_test(t, correlation_headers_logged);
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
