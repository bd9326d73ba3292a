/*
 * Unit tests for src/lib/auth.c: argon2id passwords and HS256 JWTs,
 * including the usual attacks on JWT verification (alg none, algorithm
 * switching, key confusion, tampering, expiry).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <argon2.h>
#include <json-c/json.h>
#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "arena.h"
#include "auth.h"
#include "config.h"
#include "http.h"
#include "util.h"

#define KEY	"unit-test-secret-key-0123456789abcdef"
#define KEY2	"another-secret-key-0123456789abcdefgh"

static struct arena a;

static void
global_setup(void)
{
	unsetenv("CASEGATE_CONFIG");
	unsetenv("CASEGATE_TOKEN_MINUTES");
	setenv("SECRET_KEY", KEY, 1);
	ck_assert_int_eq(config_load(), 0);
	ck_assert_int_eq(auth_init(), 0);
}

static void
setup(void)
{
	memset(&a, 0, sizeof a);
}

static void
teardown(void)
{
	arena_reset(&a);
}

/* ---- base64url and hand-made tokens ---- */

static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static char *
b64e(const void *p, size_t n)
{
	const unsigned char	*s = p;
	char			*out = arena_alloc(&a, n * 4 / 3 + 4), *o = out;
	size_t			 i;

	for (i = 0; i + 2 < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
		*o++ = b64url[v >> 18 & 63];
		*o++ = b64url[v >> 12 & 63];
		*o++ = b64url[v >> 6 & 63];
		*o++ = b64url[v & 63];
	}
	if (n - i == 1) {
		unsigned v = (unsigned)s[i] << 16;
		*o++ = b64url[v >> 18 & 63];
		*o++ = b64url[v >> 12 & 63];
	} else if (n - i == 2) {
		unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8;
		*o++ = b64url[v >> 18 & 63];
		*o++ = b64url[v >> 12 & 63];
		*o++ = b64url[v >> 6 & 63];
	}
	*o = '\0';
	return out;
}

/* Decodes n chars of unpadded base64url; *len gets the byte count. */
static char *
b64d(const char *s, size_t n, size_t *len)
{
	char		*out = arena_alloc(&a, n * 3 / 4 + 2);
	size_t		 o = 0;
	unsigned	 acc = 0;
	int		 bits = 0;

	for (size_t i = 0; i < n; i++) {
		const char *c = strchr(b64url, s[i]);
		ck_assert_msg(c != NULL && s[i] != '\0',
		    "not base64url: %c in %.*s", s[i], (int)n, s);
		acc = acc << 6 | (unsigned)(c - b64url);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (char)(acc >> bits & 0xff);
		}
	}
	out[o] = '\0';
	if (len)
		*len = o;
	return out;
}

static char *
sign(const char *input, const char *key, const EVP_MD *md)
{
	unsigned char	mac[EVP_MAX_MD_SIZE];
	unsigned	maclen = 0;

	ck_assert_ptr_nonnull(HMAC(md, key, (int)strlen(key),
	    (const unsigned char *)input, strlen(input), mac, &maclen));
	return b64e(mac, maclen);
}

/* header.payload.sig from JSON texts and a ready base64url signature. */
static char *
make_token_sig(const char *header, const char *payload, const char *sig)
{
	return arena_printf(&a, "%s.%s.%s", b64e(header, strlen(header)),
	    b64e(payload, strlen(payload)), sig);
}

/* header.payload.HMAC(key) from the given JSON texts; key NULL: no sig. */
static char *
make_token(const char *header, const char *payload, const char *key,
    const EVP_MD *md)
{
	char *hp = arena_printf(&a, "%s.%s", b64e(header, strlen(header)),
	    b64e(payload, strlen(payload)));
	return arena_printf(&a, "%s.%s", hp, key ? sign(hp, key, md) : "");
}

static const char *
hs256_header(void)
{
	return "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
}

static char *
claims(const char *sub, long exp)
{
	return arena_printf(&a, "{\"sub\":\"%s\",\"scopes\":[\"read\"],"
	    "\"exp\":%ld,\"iat\":%ld}", sub, exp, (long)time(NULL));
}

/* The three parts of a token, split on dots. */
struct parts {
	char	*h, *p, *s;
	int	 n;
};

static struct parts
split(const char *tok)
{
	struct parts	 x = { 0 };
	char		*f = arena_strdup(&a, tok), **slot[3] = { &x.h, &x.p, &x.s };

	for (;;) {
		char *dot = strchr(f, '.');
		if (x.n < 3)
			*slot[x.n] = f;
		x.n++;
		if (dot == NULL)
			break;
		*dot = '\0';
		f = dot + 1;
	}
	return x;
}

static void
put_json(void *o)
{
	json_object_put(o);
}

static json_object *
decode_part(const char *b64)
{
	json_object *o = json_tokener_parse(b64d(b64, strlen(b64), NULL));
	ck_assert_msg(o != NULL, "part is not JSON");
	arena_defer(&a, put_json, o);
	return o;
}

/* ---- passwords ---- */

START_TEST(test_password_hash_verify)
{
	char h1[HASH_MAX], h2[HASH_MAX];
	const char *pfx = "$argon2id$v=19$m=19456,t=2,p=1$";

	ck_assert_int_eq(password_hash("correct horse", h1), 0);
	ck_assert_msg(strncmp(h1, pfx, strlen(pfx)) == 0, "hash %s", h1);
	/* prefix, 22 chars of salt, '$', 43 chars of hash */
	ck_assert_uint_eq(strlen(h1), strlen(pfx) + 22 + 1 + 43);
	ck_assert_int_eq(h1[strlen(pfx) + 22], '$');
	ck_assert_int_eq(password_verify(h1, "correct horse"), 1);
	ck_assert_int_eq(password_verify(h1, "correct horsE"), 0);

	/* a fresh salt each time */
	ck_assert_int_eq(password_hash("correct horse", h2), 0);
	ck_assert_str_ne(h1, h2);
	ck_assert(strncmp(h2, pfx, strlen(pfx)) == 0);
}
END_TEST

START_TEST(test_password_verify_rejects)
{
	char	i_hash[HASH_MAX], d_hash[HASH_MAX];
	const unsigned char salt[16] = "0123456789abcdef";

	ck_assert_int_eq(password_verify(NULL, "pw"), 0);
	ck_assert_int_eq(password_verify("", "pw"), 0);
	ck_assert_int_eq(password_verify("pw", "pw"), 0);
	ck_assert_int_eq(password_verify("$2b$12$abcdefghijklmnopqrstuuJ5w6nH1a"
	    "1Q0Y1k3c6bR1VvOaH2mXlG", "pw"), 0);
	/* real argon2i / argon2d hashes of the right password: wrong variant */
	ck_assert_int_eq(argon2i_hash_encoded(1, 8, 1, "pw", 2, salt,
	    sizeof salt, 32, i_hash, sizeof i_hash), ARGON2_OK);
	ck_assert_int_eq(argon2_verify(i_hash, "pw", 2, Argon2_i), ARGON2_OK);
	ck_assert_int_eq(password_verify(i_hash, "pw"), 0);
	ck_assert_int_eq(argon2d_hash_encoded(1, 8, 1, "pw", 2, salt,
	    sizeof salt, 32, d_hash, sizeof d_hash), ARGON2_OK);
	ck_assert_int_eq(password_verify(d_hash, "pw"), 0);
	/* a damaged argon2id string */
	ck_assert_int_eq(password_verify("$argon2id$v=19$m=19456,t=2,p=1$"
	    "garbage", "pw"), 0);
}
END_TEST

/* ---- issuing ---- */

START_TEST(test_issue_check)
{
	char *tok = jwt_issue(&a, "alice", SCOPE_READ | SCOPE_ADMIN);

	ck_assert_ptr_nonnull(tok);
	ck_assert_int_eq(split(tok).n, 3);
	char *sub = jwt_check(&a, tok);
	ck_assert_ptr_nonnull(sub);
	ck_assert_str_eq(sub, "alice");
	/* and again: checking does not consume anything */
	ck_assert_str_eq(jwt_check(&a, tok), "alice");
}
END_TEST

START_TEST(test_issue_payload)
{
	time_t		 before = time(NULL);
	char		*tok = jwt_issue(&a, "alice", SCOPE_READ | SCOPE_ADMIN);
	time_t		 after = time(NULL);
	struct parts	 p = split(tok);
	json_object	*h = decode_part(p.h), *c = decode_part(p.p), *v;

	ck_assert_int_eq(p.n, 3);
	ck_assert(json_object_object_get_ex(h, "alg", &v));
	ck_assert_str_eq(json_object_get_string(v), "HS256");

	ck_assert_int_eq(json_object_object_length(c), 5);
	ck_assert(json_object_object_get_ex(c, "sub", &v));
	ck_assert_str_eq(json_object_get_string(v), "alice");
	ck_assert(json_object_object_get_ex(c, "scopes", &v));
	ck_assert_str_eq(json_object_to_json_string_ext(v,
	    JSON_C_TO_STRING_PLAIN), "[\"read\",\"admin\"]");

	ck_assert(json_object_object_get_ex(c, "iat", &v));
	ck_assert(json_object_is_type(v, json_type_int));
	int64_t iat = json_object_get_int64(v);
	ck_assert(iat >= before && iat <= after);
	ck_assert(json_object_object_get_ex(c, "exp", &v));
	ck_assert(json_object_is_type(v, json_type_int));
	int64_t exp = json_object_get_int64(v);
	ck_assert_int_eq(exp - iat, 30 * 60);

	ck_assert(json_object_object_get_ex(c, "jti", &v));
	const char *jti = json_object_get_string(v);
	ck_assert_int_eq(uuid_valid(jti), 1);
	ck_assert_int_eq(jti[14], '4');

	/* a second token has its own jti */
	struct parts p2 = split(jwt_issue(&a, "alice", SCOPE_READ));
	json_object *c2 = decode_part(p2.p);
	ck_assert(json_object_object_get_ex(c2, "jti", &v));
	ck_assert_str_ne(json_object_get_string(v), jti);
	ck_assert(json_object_object_get_ex(c2, "scopes", &v));
	ck_assert_str_eq(json_object_to_json_string_ext(v,
	    JSON_C_TO_STRING_PLAIN), "[\"read\"]");
}
END_TEST

START_TEST(test_issue_scopes)
{
	json_object *v;
	json_object *c = decode_part(split(jwt_issue(&a, "bob", 0x1f)).p);

	ck_assert(json_object_object_get_ex(c, "scopes", &v));
	ck_assert_str_eq(json_object_to_json_string_ext(v,
	    JSON_C_TO_STRING_PLAIN),
	    "[\"read\",\"create\",\"update\",\"delete\",\"admin\"]");
	c = decode_part(split(jwt_issue(&a, "bob", 0)).p);
	ck_assert(json_object_object_get_ex(c, "scopes", &v));
	ck_assert_str_eq(json_object_to_json_string_ext(v,
	    JSON_C_TO_STRING_PLAIN), "[]");
	c = decode_part(split(jwt_issue(&a, "bob",
	    SCOPE_CREATE | SCOPE_DELETE)).p);
	ck_assert(json_object_object_get_ex(c, "scopes", &v));
	ck_assert_str_eq(json_object_to_json_string_ext(v,
	    JSON_C_TO_STRING_PLAIN), "[\"create\",\"delete\"]");
}
END_TEST

/* ---- controls: the hand-made and libjwt-made tokens are well-formed ---- */

START_TEST(test_handmade_hs256_accepted)
{
	char *tok = make_token(hs256_header(), claims("carol", time(NULL) + 600),
	    KEY, EVP_sha256());

	ck_assert_str_eq(jwt_check(&a, tok), "carol");
	/* header without typ */
	tok = make_token("{\"alg\":\"HS256\"}", claims("carol",
	    time(NULL) + 600), KEY, EVP_sha256());
	ck_assert_str_eq(jwt_check(&a, tok), "carol");
}
END_TEST

static char *
libjwt_token(jwt_alg_t alg, const char *key, int with_exp)
{
	jwt_t	*j = NULL;
	char	*s, *out;

	ck_assert_int_eq(jwt_new(&j), 0);
	ck_assert_int_eq(jwt_set_alg(j, alg, (const unsigned char *)key,
	    (int)strlen(key)), 0);
	ck_assert_int_eq(jwt_add_grant(j, "sub", "dave"), 0);
	if (with_exp)
		ck_assert_int_eq(jwt_add_grant_int(j, "exp",
		    (long)time(NULL) + 600), 0);
	s = jwt_encode_str(j);
	ck_assert_ptr_nonnull(s);
	out = arena_strdup(&a, s);
	free(s);
	jwt_free(j);
	return out;
}

START_TEST(test_libjwt_hs256_accepted)
{
	ck_assert_str_eq(jwt_check(&a, libjwt_token(JWT_ALG_HS256, KEY, 1)),
	    "dave");
}
END_TEST

/* ---- rejections ---- */

START_TEST(test_reject_alg_none)
{
	char *tok = make_token("{\"alg\":\"none\",\"typ\":\"JWT\"}",
	    claims("alice", time(NULL) + 600), NULL, NULL);

	ck_assert_int_eq(tok[strlen(tok) - 1], '.');
	ck_assert_ptr_null(jwt_check(&a, tok));
	/* other spellings of none */
	tok = make_token("{\"alg\":\"None\"}", claims("alice", time(NULL) + 600),
	    NULL, NULL);
	ck_assert_ptr_null(jwt_check(&a, tok));
	tok = make_token("{\"alg\":\"NONE\"}", claims("alice", time(NULL) + 600),
	    NULL, NULL);
	ck_assert_ptr_null(jwt_check(&a, tok));
	/* alg none but carrying a valid HS256 signature over the same input */
	tok = make_token("{\"alg\":\"none\"}", claims("alice", time(NULL) + 600),
	    KEY, EVP_sha256());
	ck_assert_ptr_null(jwt_check(&a, tok));
}
END_TEST

START_TEST(test_reject_hs512)
{
	char *tok = libjwt_token(JWT_ALG_HS512, KEY, 1);
	json_object *h = decode_part(split(tok).h), *v;

	ck_assert(json_object_object_get_ex(h, "alg", &v));
	ck_assert_str_eq(json_object_get_string(v), "HS512");
	ck_assert_ptr_null(jwt_check(&a, tok));
}
END_TEST

START_TEST(test_reject_rs256_confusion)
{
	char *tok = make_token_sig("{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
	    claims("alice", time(NULL) + 600),
	    "bm90LWEtcmVhbC1zaWduYXR1cmUtYXQtYWxsLWdhcmJhZ2UtYnl0ZXM");

	ck_assert_int_eq(split(tok).n, 3);
	ck_assert_ptr_null(jwt_check(&a, tok));
	/* and RS256 "signed" with the HMAC secret as if it were the key */
	tok = make_token("{\"alg\":\"RS256\"}", claims("alice",
	    time(NULL) + 600), KEY, EVP_sha256());
	ck_assert_ptr_null(jwt_check(&a, tok));
}
END_TEST

START_TEST(test_reject_other_key)
{
	char *tok = make_token(hs256_header(), claims("alice", time(NULL) + 600),
	    KEY2, EVP_sha256());

	ck_assert_ptr_null(jwt_check(&a, tok));
	ck_assert_ptr_null(jwt_check(&a, libjwt_token(JWT_ALG_HS256, KEY2, 1)));
	/* a prefix of the real key */
	tok = make_token(hs256_header(), claims("alice", time(NULL) + 600),
	    "unit-test-secret-key", EVP_sha256());
	ck_assert_ptr_null(jwt_check(&a, tok));
}
END_TEST

START_TEST(test_reject_no_exp)
{
	char *tok = make_token(hs256_header(),
	    "{\"sub\":\"alice\",\"scopes\":[\"read\"]}", KEY, EVP_sha256());

	ck_assert_ptr_null(jwt_check(&a, tok));
	ck_assert_ptr_null(jwt_check(&a, libjwt_token(JWT_ALG_HS256, KEY, 0)));
}
END_TEST

START_TEST(test_reject_exp_not_int)
{
	char *tok = make_token(hs256_header(), arena_printf(&a,
	    "{\"sub\":\"alice\",\"exp\":\"%ld\"}", (long)time(NULL) + 600), KEY,
	    EVP_sha256());

	ck_assert_ptr_null(jwt_check(&a, tok));
	tok = make_token(hs256_header(), "{\"sub\":\"alice\",\"exp\":null}", KEY,
	    EVP_sha256());
	ck_assert_ptr_null(jwt_check(&a, tok));
}
END_TEST

START_TEST(test_reject_expired)
{
	char *tok = make_token(hs256_header(), claims("alice", time(NULL) - 10),
	    KEY, EVP_sha256());

	ck_assert_ptr_null(jwt_check(&a, tok));
	tok = make_token(hs256_header(), claims("alice", 1), KEY, EVP_sha256());
	ck_assert_ptr_null(jwt_check(&a, tok));
	/* exp == now is already expired */
	tok = make_token(hs256_header(), claims("alice", time(NULL)), KEY,
	    EVP_sha256());
	ck_assert_ptr_null(jwt_check(&a, tok));
	/* a minute ahead is still good */
	tok = make_token(hs256_header(), claims("alice", time(NULL) + 60), KEY,
	    EVP_sha256());
	ck_assert_str_eq(jwt_check(&a, tok), "alice");
}
END_TEST

START_TEST(test_reject_tampered_payload)
{
	char		*tok = jwt_issue(&a, "alice", SCOPE_READ);
	struct parts	 p = split(tok);
	json_object	*c = decode_part(p.p);
	const char	*js;

	json_object_object_add(c, "sub", json_object_new_string("mallory"));
	js = json_object_to_json_string_ext(c, JSON_C_TO_STRING_PLAIN);
	char *forged = arena_printf(&a, "%s.%s.%s", p.h, b64e(js, strlen(js)),
	    p.s);
	ck_assert_str_ne(forged, tok);
	ck_assert_ptr_null(jwt_check(&a, forged));
	/* the same payload properly signed is accepted: only the sig failed */
	char *hp = arena_printf(&a, "%s.%s", p.h, b64e(js, strlen(js)));
	char *good = arena_printf(&a, "%s.%s", hp, sign(hp, KEY, EVP_sha256()));
	ck_assert_str_eq(jwt_check(&a, good), "mallory");

	/* a scope escalation with the old signature */
	json_object_object_add(c, "sub", json_object_new_string("alice"));
	json_object_object_add(c, "scopes", json_tokener_parse("[\"admin\"]"));
	js = json_object_to_json_string_ext(c, JSON_C_TO_STRING_PLAIN);
	forged = arena_printf(&a, "%s.%s.%s", p.h, b64e(js, strlen(js)), p.s);
	ck_assert_ptr_null(jwt_check(&a, forged));
}
END_TEST

START_TEST(test_reject_flipped_signature)
{
	char		*tok = jwt_issue(&a, "alice", SCOPE_READ);
	struct parts	 p = split(tok);
	size_t		 n;
	char		*sig = b64d(p.s, strlen(p.s), &n);

	ck_assert_uint_eq(n, 32);
	for (size_t i = 0; i < n; i += 31) {
		char *s2 = arena_strndup(&a, sig, n);
		s2[i] ^= 0x01;
		char *bad = arena_printf(&a, "%s.%s.%s", p.h, p.p, b64e(s2, n));
		ck_assert_ptr_null(jwt_check(&a, bad));
	}
	/* a truncated signature, and a missing one */
	ck_assert_ptr_null(jwt_check(&a, arena_printf(&a, "%s.%s.%s", p.h, p.p,
	    b64e(sig, n - 1))));
	ck_assert_ptr_null(jwt_check(&a, arena_printf(&a, "%s.%s.", p.h, p.p)));
	/* the untouched token still passes */
	ck_assert_str_eq(jwt_check(&a, tok), "alice");
}
END_TEST

START_TEST(test_reject_empty)
{
	ck_assert_ptr_null(jwt_check(&a, ""));
	ck_assert_ptr_null(jwt_check(&a, NULL));
	ck_assert_ptr_null(jwt_check(&a, ".."));
	ck_assert_ptr_null(jwt_check(&a, "."));
}
END_TEST

START_TEST(test_reject_long)
{
	char *junk = arena_alloc(&a, 5001);

	memset(junk, 'a', 5000);
	junk[5000] = '\0';
	ck_assert_ptr_null(jwt_check(&a, junk));
	/* 5000 bytes of dots and base64 */
	for (size_t i = 100; i < 5000; i += 100)
		junk[i] = '.';
	ck_assert_ptr_null(jwt_check(&a, junk));

	/* a correctly signed token over the size limit */
	char *sub = arena_alloc(&a, 4001);
	memset(sub, 'u', 4000);
	sub[4000] = '\0';
	char *tok = make_token(hs256_header(), claims(sub, time(NULL) + 600),
	    KEY, EVP_sha256());
	ck_assert_uint_gt(strlen(tok), 5000);
	ck_assert_ptr_null(jwt_check(&a, tok));
}
END_TEST

START_TEST(test_reject_two_parts)
{
	char		*tok = jwt_issue(&a, "alice", SCOPE_READ);
	struct parts	 p = split(tok);

	ck_assert_ptr_null(jwt_check(&a, arena_printf(&a, "%s.%s", p.h, p.p)));
	ck_assert_ptr_null(jwt_check(&a, p.h));
	ck_assert_ptr_null(jwt_check(&a, arena_printf(&a, "%s.%s", p.h, p.s)));
}
END_TEST

START_TEST(test_reject_bad_header)
{
	const char *c = claims("alice", time(NULL) + 600);

	/* lower-case alg, alg missing, alg not a string, header not JSON */
	ck_assert_ptr_null(jwt_check(&a, make_token("{\"alg\":\"hs256\"}", c,
	    KEY, EVP_sha256())));
	ck_assert_ptr_null(jwt_check(&a, make_token("{\"typ\":\"JWT\"}", c,
	    KEY, EVP_sha256())));
	ck_assert_ptr_null(jwt_check(&a, make_token("{\"alg\":256}", c,
	    KEY, EVP_sha256())));
	ck_assert_ptr_null(jwt_check(&a, make_token("HS256", c,
	    KEY, EVP_sha256())));
	/* the last alg wins in both parsers: "none" after "HS256" */
	ck_assert_ptr_null(jwt_check(&a, make_token(
	    "{\"alg\":\"HS256\",\"alg\":\"none\"}", c, NULL, NULL)));
}
END_TEST

START_TEST(test_reject_bad_sub)
{
	long exp = (long)time(NULL) + 600;

	ck_assert_ptr_null(jwt_check(&a, make_token(hs256_header(),
	    arena_printf(&a, "{\"exp\":%ld}", exp), KEY, EVP_sha256())));
	ck_assert_ptr_null(jwt_check(&a, make_token(hs256_header(),
	    arena_printf(&a, "{\"sub\":\"\",\"exp\":%ld}", exp), KEY,
	    EVP_sha256())));
	ck_assert_ptr_null(jwt_check(&a, make_token(hs256_header(),
	    arena_printf(&a, "{\"sub\":42,\"exp\":%ld}", exp), KEY,
	    EVP_sha256())));
}
END_TEST

static Suite *
auth_suite(void)
{
	Suite	*s = suite_create("auth");
	TCase	*tc;

	tc = tcase_create("password");
	tcase_add_unchecked_fixture(tc, global_setup, NULL);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_password_hash_verify);
	tcase_add_test(tc, test_password_verify_rejects);
	suite_add_tcase(s, tc);

	tc = tcase_create("jwt");
	tcase_add_unchecked_fixture(tc, global_setup, NULL);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_issue_check);
	tcase_add_test(tc, test_issue_payload);
	tcase_add_test(tc, test_issue_scopes);
	tcase_add_test(tc, test_handmade_hs256_accepted);
	tcase_add_test(tc, test_libjwt_hs256_accepted);
	tcase_add_test(tc, test_reject_alg_none);
	tcase_add_test(tc, test_reject_hs512);
	tcase_add_test(tc, test_reject_rs256_confusion);
	tcase_add_test(tc, test_reject_other_key);
	tcase_add_test(tc, test_reject_no_exp);
	tcase_add_test(tc, test_reject_exp_not_int);
	tcase_add_test(tc, test_reject_expired);
	tcase_add_test(tc, test_reject_tampered_payload);
	tcase_add_test(tc, test_reject_flipped_signature);
	tcase_add_test(tc, test_reject_empty);
	tcase_add_test(tc, test_reject_long);
	tcase_add_test(tc, test_reject_two_parts);
	tcase_add_test(tc, test_reject_bad_header);
	tcase_add_test(tc, test_reject_bad_sub);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(auth_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
