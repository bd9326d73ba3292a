/*
 * The token family over HTTP: POST /token in all its forms and failures,
 * the bearer checks of the LAA reference (spec section 4.4) with every
 * forged-token variant, /health, the response headers every answer carries,
 * and the binary run as plain CGI.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"

#define PW "pw-secret-token-0001"

static char *
new_user(const char *scopes, const char *password)
{
	char *name = unique("tok");
	ck_assert_int_eq(admin_cli(password, "user add %s --scopes %s", name,
	    scopes), 0);
	return name;
}

START_TEST(health_ok)
{
	struct hres r;
	ck_assert_int_eq(http(&r, "GET", "/health", NULL, NULL, 0), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body, "{\"status\":\"ok\",\"database\":\"ok\"}");
	hres_free(&r);
}
END_TEST

START_TEST(token_success)
{
	struct hres r;
	char *u = new_user("read,create", PW), form[512];
	snprintf(form, sizeof(form), "username=%s&password=%s&grant_type=password"
	    "&scope=ignored&client_id=x&client_secret=y", u, PW);
	http_form(&r, "/token", form);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "token_type"), "bearer");
	const char *tok = jget(r.json, "access_token");
	ck_assert_ptr_nonnull(tok);
	ck_assert_int_eq(json_object_object_length(r.json), 2);
	/* The payload: sub, scopes, exp, iat, jti, and nothing else. */
	const char *dot = strchr(tok, '.');
	ck_assert_ptr_nonnull(dot);
	size_t plen = strcspn(dot + 1, ".");
	char b64[1024] = { 0 }, cmd[1200];
	memcpy(b64, dot + 1, plen);
	snprintf(cmd, sizeof(cmd), "printf '%%s' '%s' | tr '_-' '/+' | "
	    "{ cat; printf '=='; } | base64 -di 2>/dev/null", b64);
	FILE *f = popen(cmd, "r");
	char payload[1024] = { 0 };
	size_t n = fread(payload, 1, sizeof(payload) - 1, f);
	pclose(f);
	ck_assert_uint_gt(n, 0);
	json_object *p = json_tokener_parse(payload);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(jget(p, "sub"), u);
	ck_assert_str_eq(json_object_to_json_string(jfind(p, "scopes")),
	    "[ \"read\", \"create\" ]");
	long exp = atol(jget(p, "exp")), iat = atol(jget(p, "iat"));
	ck_assert_int_eq(exp - iat, 30 * 60);
	ck_assert_int_le(labs(iat - (long)time(NULL)), 5);
	ck_assert_int_eq(strlen(jget(p, "jti")), 36);
	ck_assert_int_eq(json_object_object_length(p), 5);
	json_object_put(p);
	hres_free(&r);
	free(u);
}
END_TEST

START_TEST(token_versioned_paths)
{
	static const char *const paths[] = {
		"/v1/token", "/latest/token", "/token/", "/v1/token/"
	};
	char *u = new_user("read", PW), form[256];
	snprintf(form, sizeof(form), "username=%s&password=%s", u, PW);
	for (size_t i = 0; i < 4; i++) {
		struct hres r;
		http_form(&r, paths[i], form);
		ck_assert_msg(r.status == 200, "%s: %ld", paths[i], r.status);
		hres_free(&r);
	}
	free(u);
}
END_TEST

static void
expect_missing(struct hres *r, const char *first, const char *second)
{
	ck_assert_int_eq(r->status, 422);
	ck_assert_str_eq(jget(r->json, "detail.0.type"), "missing");
	ck_assert_str_eq(jget(r->json, "detail.0.loc.0"), "body");
	ck_assert_str_eq(jget(r->json, "detail.0.loc.1"), first);
	ck_assert_str_eq(jget(r->json, "detail.0.msg"), "Field required");
	if (second)
		ck_assert_str_eq(jget(r->json, "detail.1.loc.1"), second);
	else
		ck_assert_ptr_null(jfind(r->json, "detail.1"));
}

START_TEST(token_missing_fields)
{
	struct hres r;
	http_form(&r, "/token", "");
	expect_missing(&r, "username", "password");
	hres_free(&r);
	http_form(&r, "/token", "username=&password=");	/* empty = missing */
	expect_missing(&r, "username", "password");
	hres_free(&r);
	http_form(&r, "/token", "username=someone");
	expect_missing(&r, "password", NULL);
	hres_free(&r);
}
END_TEST

START_TEST(token_not_a_form)
{
	struct hres r;
	const char *raw[] = { "Content-Type: raw", NULL };
	http(&r, "POST", "/token", raw, "username=a&password=b", 21);
	expect_missing(&r, "username", "password");
	hres_free(&r);
	http_json(&r, "POST", "/token", NULL,
	    "{\"username\":\"admin\",\"password\":\"x\"}");
	expect_missing(&r, "username", "password");
	hres_free(&r);
}
END_TEST

START_TEST(token_bad_grant_type)
{
	struct hres r;
	http_form(&r, "/token", "username=a&password=b&grant_type=client_credentials");
	ck_assert_int_eq(r.status, 422);
	ck_assert_str_eq(jget(r.json, "detail.0.type"), "string_pattern_mismatch");
	ck_assert_str_eq(jget(r.json, "detail.0.loc.1"), "grant_type");
	ck_assert_str_eq(jget(r.json, "detail.0.ctx.pattern"), "^password$");
	hres_free(&r);
}
END_TEST

START_TEST(token_wrong_password_and_unknown_user)
{
	struct hres r;
	char *u = new_user("read", PW), form[256];
	sql("DELETE FROM throttle");
	snprintf(form, sizeof(form), "username=%s&password=pw-secret-wrong", u);
	http_form(&r, "/token", form);
	ck_assert_int_eq(r.status, 401);
	ck_assert_str_eq(r.body, "{\"detail\":\"Incorrect username or password\"}");
	char *www = hres_header(&r, "WWW-Authenticate");
	ck_assert_str_eq(www, "Bearer");
	free(www);
	hres_free(&r);
	http_form(&r, "/token", "username=nobody-at-all&password=pw-secret-x");
	ck_assert_int_eq(r.status, 401);
	ck_assert_str_eq(jget(r.json, "detail"), "Incorrect username or password");
	hres_free(&r);
	free(u);
}
END_TEST

START_TEST(token_password_too_long)
{
	struct hres r;
	char form[2200] = "username=admin&password=";
	memset(form + strlen(form), 'p', 1100);
	http_form(&r, "/token", form);
	ck_assert_int_eq(r.status, 422);
	ck_assert_str_eq(jget(r.json, "detail.0.type"), "string_too_long");
	ck_assert_str_eq(jget(r.json, "detail.0.loc.1"), "password");
	hres_free(&r);
}
END_TEST

START_TEST(token_throttle_per_username)
{
	struct hres r;
	char *u = new_user("read", PW), form[256];
	sql("DELETE FROM throttle");
	snprintf(form, sizeof(form), "username=%s&password=pw-secret-bad", u);
	for (int i = 0; i < 10; i++) {
		http_form(&r, "/token", form);
		ck_assert_int_eq(r.status, 401);
		hres_free(&r);
	}
	/* The eleventh attempt is refused even with the right password. */
	snprintf(form, sizeof(form), "username=%s&password=%s", u, PW);
	http_form(&r, "/token", form);
	ck_assert_int_eq(r.status, 429);
	ck_assert_str_eq(r.body, "{\"detail\":\"Too Many Requests\"}");
	char *ra = hres_header(&r, "Retry-After");
	ck_assert_ptr_nonnull(ra);
	ck_assert_int_gt(atoi(ra), 0);
	ck_assert_int_le(atoi(ra), 300);
	free(ra);
	hres_free(&r);
	sql("DELETE FROM throttle");
	http_form(&r, "/token", form);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	free(u);
}
END_TEST

/* Runs the token binary as plain CGI; returns its whole output. */
static char *
cgi(const char *env, const char *body)
{
	char cmd[4096], *out;
	size_t n;
	snprintf(cmd, sizeof(cmd), "printf '%%s' '%s' | env -i CASEGATE_CONFIG=%s "
	    "%s %s/token 2>/dev/null", body ? body : "",
	    getenv("CASEGATE_CONFIG"), env, getenv("CG_CGI_DIR"));
	FILE *f = popen(cmd, "r");
	out = calloc(1, 65536);
	n = fread(out, 1, 65535, f);
	out[n] = '\0';
	pclose(f);
	return out;
}

START_TEST(cgi_health)
{
	char *out = cgi("REQUEST_METHOD=GET PATH_INFO=/health", NULL);
	ck_assert_ptr_nonnull(strstr(out, "Status: 200 OK\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "Content-Type: application/json\r\n"));
	ck_assert_ptr_nonnull(strstr(out,
	    "\r\n\r\n{\"status\":\"ok\",\"database\":\"ok\"}"));
	free(out);
	out = cgi("REQUEST_METHOD=GET REQUEST_URI=/nowhere", NULL);
	ck_assert_ptr_nonnull(strstr(out, "Status: 404 Not Found\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "{\"detail\":\"Not Found\"}"));
	free(out);
}
END_TEST

/* The per-address throttle, seen from an address only this test uses. */
START_TEST(cgi_throttle_per_address)
{
	char env[512], *out;
	sql("DELETE FROM throttle");
	snprintf(env, sizeof(env), "REQUEST_METHOD=POST PATH_INFO=/token "
	    "REMOTE_ADDR=198.51.100.7 CONTENT_TYPE=application/x-www-form-urlencoded "
	    "CONTENT_LENGTH=%zu", strlen("username=nobody-x&password=pw-secret-x1"));
	for (int i = 0; i < 10; i++) {
		char body[64];
		/* A different username each time: only the address is shared. */
		snprintf(body, sizeof(body), "username=nobody-%c&password=pw-secret-x1",
		    'a' + i);
		out = cgi(env, body);
		ck_assert_msg(strstr(out, "Status: 401") != NULL, "attempt %d: %.80s",
		    i, out);
		free(out);
	}
	out = cgi(env, "username=nobody-z&password=pw-secret-x1");
	ck_assert_msg(strstr(out, "Status: 429") != NULL, "%.200s", out);
	ck_assert_ptr_nonnull(strstr(out, "Retry-After: "));
	free(out);
	/* Another address is not affected. */
	snprintf(env, sizeof(env), "REQUEST_METHOD=POST PATH_INFO=/token "
	    "REMOTE_ADDR=198.51.100.8 CONTENT_TYPE=application/x-www-form-urlencoded "
	    "CONTENT_LENGTH=%zu", strlen("username=nobody-z&password=pw-secret-x1"));
	out = cgi(env, "username=nobody-z&password=pw-secret-x1");
	ck_assert_ptr_nonnull(strstr(out, "Status: 401"));
	free(out);
	sql("DELETE FROM throttle");
}
END_TEST

START_TEST(cgi_refuses_production_without_key)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "env -i CASEGATE_ENV=production "
	    "REQUEST_METHOD=GET PATH_INFO=/health %s/token >/dev/null 2>&1",
	    getenv("CG_CGI_DIR"));
	int st = system(cmd);
	ck_assert_int_ne(st, 0);
}
END_TEST

/* make start in production without SECRET_KEY: an error, never a default. */
START_TEST(stack_refuses_production_without_key)
{
	char cmd[2048], dir[] = "/tmp/cg-prod-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "env -u SECRET_KEY CASEGATE_ENV=production "
	    "CASEGATE_VAR=%s/var PORT=1 %s start 2>&1", dir, getenv("CG_STACK"));
	FILE *f = popen(cmd, "r");
	char out[4096] = { 0 };
	size_t n = fread(out, 1, sizeof(out) - 1, f);
	int st = pclose(f);
	ck_assert_int_ne(st, 0);
	ck_assert_uint_gt(n, 0);
	ck_assert_msg(strstr(out, "SECRET_KEY must be set") != NULL, "%s", out);
	snprintf(cmd, sizeof(cmd), "test ! -e %s/var/db/mysql && rm -rf %s", dir,
	    dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(method_not_allowed_and_not_found)
{
	struct hres r;
	http(&r, "GET", "/token", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 405);
	ck_assert_str_eq(r.body, "{\"detail\":\"Method Not Allowed\"}");
	char *allow = hres_header(&r, "Allow");
	ck_assert_str_eq(allow, "POST");
	free(allow);
	hres_free(&r);
	http(&r, "GET", "/no/such/path", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 404);
	ck_assert_str_eq(r.body, "{\"detail\":\"Not Found\"}");
	hres_free(&r);
	http(&r, "GET", "/v1/users", NULL, NULL, 0);	/* not a versioned route */
	ck_assert_int_eq(r.status, 404);
	hres_free(&r);
}
END_TEST

START_TEST(standard_headers)
{
	struct hres r;
	const char *h[] = { "X-Request-Id: test-req-42", NULL };
	http(&r, "GET", "/health", h, NULL, 0);
	char *v = hres_header(&r, "X-Request-Id");
	ck_assert_str_eq(v, "test-req-42");
	free(v);
	v = hres_header(&r, "X-Content-Type-Options");
	ck_assert_str_eq(v, "nosniff");
	free(v);
	v = hres_header(&r, "X-Frame-Options");
	ck_assert_str_eq(v, "DENY");
	free(v);
	hres_free(&r);
	/* Generated when absent, or when the client's is not plain. */
	const char *bad[] = { "X-Request-Id: has spaces and \"quotes\"", NULL };
	http(&r, "GET", "/health", bad, NULL, 0);
	v = hres_header(&r, "X-Request-Id");
	ck_assert_int_eq(strlen(v), 36);
	free(v);
	hres_free(&r);
	/* The access log carries the request id. */
	char path[1024];
	snprintf(path, sizeof(path), "%s/access.log", getenv("CG_LOG_DIR"));
	char *log = file_read(path, NULL);
	ck_assert_ptr_nonnull(log);
	ck_assert_ptr_nonnull(strstr(log, "rid=test-req-42 "));
	free(log);
}
END_TEST

START_TEST(body_too_large)
{
	struct hres r;
	size_t n = (1 << 20) + 10;
	char *big = malloc(n + 1);
	memset(big, 'a', n);
	big[n] = '\0';
	http_form(&r, "/token", big);
	ck_assert_int_eq(r.status, 413);
	ck_assert_ptr_nonnull(jget(r.json, "detail"));
	hres_free(&r);
	free(big);
}
END_TEST

/* Bearer checks, each forged variant on its own. */
static void
expect_401(const char *auth, const char *detail, const char *www)
{
	struct hres r;
	const char *h[] = { auth, NULL };
	http(&r, "GET", "/users/me", auth ? h : NULL, NULL, 0);
	ck_assert_msg(r.status == 401, "%s -> %ld %s", auth, r.status, r.body);
	ck_assert_str_eq(jget(r.json, "detail"), detail);
	char *v = hres_header(&r, "WWW-Authenticate");
	if (www)
		ck_assert_str_eq(v, www);
	else
		ck_assert_ptr_null(v);
	free(v);
	hres_free(&r);
}

static char *
bearer(const char *tok)
{
	char *s;
	if (asprintf(&s, "Authorization: Bearer %s", tok) < 0)
		abort();
	return s;
}

static char *
forged(const char *header, const char *sub, long exp, int with_exp,
    const char *key)
{
	char payload[512];
	if (with_exp)
		snprintf(payload, sizeof(payload), "{\"sub\":\"%s\",\"scopes\":[],"
		    "\"exp\":%ld}", sub, exp);
	else
		snprintf(payload, sizeof(payload), "{\"sub\":\"%s\",\"scopes\":[]}", sub);
	char *t = make_jwt(header, payload, key);
	char *h = bearer(t);
	free(t);
	return h;
}

START_TEST(bearer_missing_or_other_scheme)
{
	expect_401(NULL, "Not authenticated", "Bearer");
	expect_401("Authorization: Basic YWRtaW46eA==", "Not authenticated", "Bearer");
	expect_401("Authorization: Bearer ", "Could not validate credentials",
	    "Bearer");
	expect_401("Authorization: Bearer not.a.jwt",
	    "Could not validate credentials", "Bearer");
}
END_TEST

START_TEST(bearer_control_token_works)
{
	/* The forging helper itself makes tokens the server accepts. */
	char *key = config_value("SECRET_KEY");
	char *h = forged("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "admin",
	    (long)time(NULL) + 600, 1, key);
	struct hres r;
	const char *hs[] = { h, NULL };
	http(&r, "GET", "/users/me", hs, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "username"), "admin");
	hres_free(&r);
	free(h);
	free(key);
}
END_TEST

START_TEST(bearer_alg_none)
{
	char *h = forged("{\"alg\":\"none\",\"typ\":\"JWT\"}", "admin",
	    (long)time(NULL) + 600, 1, NULL);
	expect_401(h, "Could not validate credentials", "Bearer");
	free(h);
}
END_TEST

START_TEST(bearer_alg_hs512)
{
	/* Signed with the right key, but HS512 is not the pinned algorithm. */
	char *key = config_value("SECRET_KEY");
	char cmd[1024], payload[256];
	snprintf(payload, sizeof(payload), "{\"sub\":\"admin\",\"scopes\":[],"
	    "\"exp\":%ld}", (long)time(NULL) + 600);
	const char *hdr = "{\"alg\":\"HS512\",\"typ\":\"JWT\"}";
	char *hb = b64url(hdr, strlen(hdr));
	char *pb = b64url(payload, strlen(payload));
	snprintf(cmd, sizeof(cmd), "printf '%%s' '%s.%s' | openssl dgst -sha512 "
	    "-hmac '%s' -binary | base64 -w0 | tr '+/' '-_' | tr -d '='", hb, pb,
	    key);
	FILE *f = popen(cmd, "r");
	char sig[256] = { 0 };
	ck_assert_uint_gt(fread(sig, 1, sizeof(sig) - 1, f), 0);
	pclose(f);
	char *tok, *h;
	ck_assert_int_gt(asprintf(&tok, "%s.%s.%s", hb, pb, sig), 0);
	h = bearer(tok);
	expect_401(h, "Could not validate credentials", "Bearer");
	free(tok);
	free(h);
	free(hb);
	free(pb);
	free(key);
}
END_TEST

START_TEST(bearer_key_confusion)
{
	/* RS256 header with an HMAC made from public-looking key material. */
	char *h = forged("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", "admin",
	    (long)time(NULL) + 600, 1, "-----BEGIN PUBLIC KEY-----");
	expect_401(h, "Could not validate credentials", "Bearer");
	free(h);
}
END_TEST

START_TEST(bearer_wrong_key)
{
	char *h = forged("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "admin",
	    (long)time(NULL) + 600, 1, "not-the-secret-key-at-all-0123456789");
	expect_401(h, "Could not validate credentials", "Bearer");
	free(h);
}
END_TEST

START_TEST(bearer_missing_exp)
{
	char *key = config_value("SECRET_KEY");
	char *h = forged("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "admin", 0, 0, key);
	expect_401(h, "Could not validate credentials", "Bearer");
	free(h);
	free(key);
}
END_TEST

START_TEST(bearer_expired)
{
	char *key = config_value("SECRET_KEY");
	char *h = forged("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "admin",
	    (long)time(NULL) - 5, 1, key);
	expect_401(h, "Could not validate credentials", "Bearer");
	free(h);
	free(key);
}
END_TEST

START_TEST(bearer_tampered_payload)
{
	char *u = new_user("read", PW);
	char *tok = login(u, PW);
	ck_assert_ptr_nonnull(tok);
	/* Keep header and signature; swap in a payload naming admin. */
	char payload[256];
	snprintf(payload, sizeof(payload), "{\"sub\":\"admin\",\"scopes\":[\"admin\"],"
	    "\"exp\":%ld}", (long)time(NULL) + 600);
	char *pb = b64url(payload, strlen(payload));
	char *d1 = strchr(tok, '.'), *d2 = strrchr(tok, '.');
	*d1 = '\0';
	char *t2, *h;
	ck_assert_int_gt(asprintf(&t2, "%s.%s.%s", tok, pb, d2 + 1), 0);
	h = bearer(t2);
	expect_401(h, "Could not validate credentials", "Bearer");
	free(h);
	free(t2);
	free(pb);
	free(tok);
	free(u);
}
END_TEST

START_TEST(bearer_user_gone_disabled_and_scopeless)
{
	char *u = new_user("read", PW);
	char *tok = login(u, PW), *h = bearer(tok), q[512];

	/* Scopes come from the database at request time. */
	expect_401(NULL, "Not authenticated", "Bearer");
	struct hres r;
	const char *hs[] = { h, NULL };
	http(&r, "GET", "/users", hs, NULL, 0);
	ck_assert_int_eq(r.status, 401);
	ck_assert_str_eq(jget(r.json, "detail"), "Not enough permissions");
	char *www = hres_header(&r, "WWW-Authenticate");
	ck_assert_str_eq(www, "Bearer scope=\"admin\"");
	free(www);
	hres_free(&r);
	ck_assert_int_eq(admin_cli(NULL, "user scopes %s read,admin", u), 0);
	http(&r, "GET", "/users", hs, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);

	ck_assert_int_eq(admin_cli(NULL, "user disable %s", u), 0);
	expect_401(h, "User Disabled", NULL);
	ck_assert_int_eq(admin_cli(NULL, "user enable %s", u), 0);
	http(&r, "GET", "/users/me", hs, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);

	snprintf(q, sizeof(q), "DELETE FROM users WHERE username='%s'", u);
	ck_assert_int_eq(sql(q), 0);
	expect_401(h, "Could not validate credentials", "Bearer");
	free(h);
	free(tok);
	free(u);
}
END_TEST

START_TEST(disabled_user_still_gets_token)
{
	/* As the reference does: the token is refused only when used. */
	char *u = new_user("read", PW);
	ck_assert_int_eq(admin_cli(NULL, "user disable %s", u), 0);
	char *tok = login(u, PW);
	ck_assert_ptr_nonnull(tok);
	char *h = bearer(tok);
	expect_401(h, "User Disabled", NULL);
	free(h);
	free(tok);
	free(u);
}
END_TEST

START_TEST(health_reports_database_down)
{
	struct hres r;
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "%s db-stop >/dev/null 2>&1", getenv("CG_STACK"));
	ck_assert_int_eq(system(cmd), 0);
	http(&r, "GET", "/health", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 503);
	ck_assert_str_eq(jget(r.json, "database"), "down");
	hres_free(&r);
	/* Other requests fail cleanly too, never with a crash. */
	char *form = "username=admin&password=pw-secret-x";
	http_form(&r, "/token", form);
	ck_assert_int_eq(r.status, 503);
	hres_free(&r);
	snprintf(cmd, sizeof(cmd), "%s db-start >/dev/null 2>&1", getenv("CG_STACK"));
	ck_assert_int_eq(system(cmd), 0);
	long st = 0;
	for (int i = 0; i < 100 && st != 200; i++) {
		http(&r, "GET", "/health", NULL, NULL, 0);
		st = r.status;
		hres_free(&r);
		if (st != 200) {
			struct timespec ts = { 0, 200 * 1000 * 1000 };
			nanosleep(&ts, NULL);
		}
	}
	ck_assert_int_eq(st, 200);
	/* Every worker has reconnected: a few logins in a row all succeed. */
	for (int i = 0; i < 4; i++) {
		char *t = admin_token();
		ck_assert_ptr_nonnull(t);
		free(t);
	}
}
END_TEST

static char *
header_of(const char *out, const char *name)
{
	const char *p = strstr(out, name);
	if (p == NULL)
		return NULL;
	p += strlen(name);
	return strndup(p, strcspn(p, "\r\n"));
}

START_TEST(rate_limit_headers_and_429)
{
	char *u = new_user("read", PW), *tok = login(u, PW), env[4096], *out;
	ck_assert_ptr_nonnull(tok);
	snprintf(env, sizeof(env), "CASEGATE_RATE_LIMIT=5 REQUEST_METHOD=GET "
	    "PATH_INFO=/users/me HTTP_AUTHORIZATION='Bearer %s'", tok);
	for (int i = 0; i < 5; i++) {
		out = cgi(env, NULL);
		ck_assert_msg(strstr(out, "Status: 200") != NULL, "%d: %.200s", i, out);
		char *lim = header_of(out, "x-rate-limit-limit: ");
		char *rem = header_of(out, "x-rate-limit-remaining: ");
		char *rst = header_of(out, "x-rate-limit-reset: ");
		ck_assert_str_eq(lim, "5");
		ck_assert_int_eq(atoi(rem), 4 - i);
		ck_assert_int_gt(atol(rst), (long)time(NULL) - 1);
		ck_assert_int_le(atol(rst), (long)time(NULL) + 61);
		free(lim);
		free(rem);
		free(rst);
		free(out);
	}
	out = cgi(env, NULL);
	ck_assert_ptr_nonnull(strstr(out, "Status: 429"));
	ck_assert_ptr_nonnull(strstr(out, "{\"detail\":\"Too Many Requests\"}"));
	char *ra = header_of(out, "Retry-After: ");
	ck_assert_ptr_nonnull(ra);
	ck_assert_int_gt(atoi(ra), 0);
	ck_assert_int_le(atoi(ra), 60);
	free(ra);
	free(out);
	/* Errors after authentication carry the headers too. */
	snprintf(env, sizeof(env), "CASEGATE_RATE_LIMIT=1000 REQUEST_METHOD=GET "
	    "PATH_INFO=/users HTTP_AUTHORIZATION='Bearer %s'", tok);
	out = cgi(env, NULL);
	ck_assert_ptr_nonnull(strstr(out, "Status: 401"));
	ck_assert_ptr_nonnull(strstr(out, "x-rate-limit-remaining: "));
	free(out);
	/* CASEGATE_RATE_LIMIT=0 turns it off, headers and all. */
	snprintf(env, sizeof(env), "CASEGATE_RATE_LIMIT=0 REQUEST_METHOD=GET "
	    "PATH_INFO=/users/me HTTP_AUTHORIZATION='Bearer %s'", tok);
	out = cgi(env, NULL);
	ck_assert_ptr_nonnull(strstr(out, "Status: 200"));
	ck_assert_ptr_null(strstr(out, "x-rate-limit"));
	free(out);
	free(tok);
	free(u);
}
END_TEST

START_TEST(rate_limit_headers_over_http)
{
	static const char *const paths[] = { "/users/me", "/users", "/orgs" };
	char *tok = admin_token(), *h = bearer(tok);
	const char *hs[] = { h, NULL };
	for (size_t i = 0; i < 3; i++) {
		struct hres r;
		http(&r, "GET", paths[i], hs, NULL, 0);
		ck_assert_int_eq(r.status, 200);
		char *v = hres_header(&r, "x-rate-limit-limit");
		ck_assert_ptr_nonnull(v);
		free(v);
		v = hres_header(&r, "x-rate-limit-reset");
		ck_assert_ptr_nonnull(v);
		free(v);
		hres_free(&r);
	}
	free(h);
	free(tok);
}
END_TEST

START_TEST(openapi_lists_every_route)
{
	static const char *const paths[] = {
		"/token", "/v1/token", "/latest/token", "/health", "/users",
		"/users/me", "/users/{user_id}", "/orgs", "/orgs/{name}",
		"/cases/", "/v1/cases/", "/latest/cases/", "/cases/{case_id}",
		"/v1/cases/{case_id}", "/latest/cases/{case_id}", "/cases/search",
		"/cases/{case_id}/history", "/lookups/{table}", "/conflicts",
		"/authenticate", "/jurisdictions",
		"/jurisdictions/{jurisdiction}/payments/payment-accounts",
		"/jurisdictions/{jurisdiction}/filingreview/courts/{court}/filings",
		"/jurisdictions/{jurisdiction}/firmattorneyservice/attorneys",
		"/jurisdictions/{jurisdiction}/cases/courts/{court}/cases",
		"/api/v2/matters", "/api/v2/matters/{matter_uuid}", "/api/v2/documents",
		"/api/v1/conflict_check", NULL
	};
	struct hres r;
	http(&r, "GET", "/openapi.json", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(r.json);
	ck_assert_str_eq(jget(r.json, "openapi"), "3.1.0");
	json_object *p = jfind(r.json, "paths");
	ck_assert_ptr_nonnull(p);
	for (size_t i = 0; paths[i]; i++) {
		json_object *v;
		ck_assert_msg(json_object_object_get_ex(p, paths[i], &v), "%s",
		    paths[i]);
	}
	ck_assert_ptr_nonnull(jfind(r.json, "paths./cases/{case_id}.patch"));
	ck_assert_ptr_nonnull(jfind(r.json, "paths./cases/{case_id}.delete"));
	ck_assert_ptr_nonnull(jfind(r.json, "components.securitySchemes.apiKey"));
	hres_free(&r);
	http(&r, "GET", "/docs", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(r.body, "/openapi.json"));
	hres_free(&r);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("token");
	TCase *t = tcase_create("token");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, health_ok);
	tcase_add_test(t, token_success);
	tcase_add_test(t, token_versioned_paths);
	tcase_add_test(t, token_missing_fields);
	tcase_add_test(t, token_not_a_form);
	tcase_add_test(t, token_bad_grant_type);
	tcase_add_test(t, token_wrong_password_and_unknown_user);
	tcase_add_test(t, token_password_too_long);
	tcase_add_test(t, token_throttle_per_username);
	tcase_add_test(t, cgi_health);
	tcase_add_test(t, cgi_throttle_per_address);
	tcase_add_test(t, cgi_refuses_production_without_key);
	tcase_add_test(t, stack_refuses_production_without_key);
	tcase_add_test(t, method_not_allowed_and_not_found);
	tcase_add_test(t, standard_headers);
	tcase_add_test(t, body_too_large);
	tcase_add_test(t, bearer_missing_or_other_scheme);
	tcase_add_test(t, bearer_control_token_works);
	tcase_add_test(t, bearer_alg_none);
	tcase_add_test(t, bearer_alg_hs512);
	tcase_add_test(t, bearer_key_confusion);
	tcase_add_test(t, bearer_wrong_key);
	tcase_add_test(t, bearer_missing_exp);
	tcase_add_test(t, bearer_expired);
	tcase_add_test(t, bearer_tampered_payload);
	tcase_add_test(t, bearer_user_gone_disabled_and_scopeless);
	tcase_add_test(t, disabled_user_still_gets_token);
	tcase_add_test(t, openapi_lists_every_route);
	tcase_add_test(t, rate_limit_headers_and_429);
	tcase_add_test(t, rate_limit_headers_over_http);
	tcase_add_test(t, health_reports_database_down);
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
