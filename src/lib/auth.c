/*
 * Authentication shared by every family. JWTs are HS256 only: the algorithm
 * is pinned before and after libjwt verifies the signature, and exp is
 * required. A password check against an unknown user still runs one argon2
 * verification, so timing does not tell which usernames exist.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <argon2.h>
#include <jwt.h>

#include "account.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "fields.h"
#include "http.h"

/* RFC 9106 / OWASP: argon2id, 19 MiB, 2 passes, 1 lane. */
#define ARGON_T		2
#define ARGON_M		19456
#define ARGON_P		1
#define SALT_LEN	16
#define HASH_LEN	32
#define TOKEN_MAX	4096

const char *const scope_names[] = {
	"read", "create", "update", "delete", "admin", NULL
};

static const char	*secret;
static long		 token_minutes;
static char		 dummy_hash[HASH_MAX];

int
auth_init(void)
{
	secret = cfg("SECRET_KEY", NULL);
	if (secret == NULL || *secret == '\0') {
		fprintf(stderr, "casegate: SECRET_KEY is not set%s\n",
		    cfg_production() ? " (required when CASEGATE_ENV=production)" :
		    "; make start generates one");
		return -1;
	}
	if (strlen(secret) < 32)
		fprintf(stderr, "casegate: warning: SECRET_KEY is shorter than "
		    "32 characters\n");
	token_minutes = cfg_long("CASEGATE_TOKEN_MINUTES", 30, 1, 60 * 24 * 30);
	return 0;
}

int
password_hash(const char *pw, char out[HASH_MAX])
{
	unsigned char salt[SALT_LEN];

	if (random_bytes(salt, sizeof(salt)) != 0)
		return -1;
	return argon2id_hash_encoded(ARGON_T, ARGON_M, ARGON_P, pw, strlen(pw),
	    salt, sizeof(salt), HASH_LEN, out, HASH_MAX) == ARGON2_OK ? 0 : -1;
}

int
password_verify(const char *encoded, const char *pw)
{
	if (encoded == NULL || pw == NULL || strncmp(encoded, "$argon2id$", 10) != 0)
		return 0;
	return argon2id_verify(encoded, pw, strlen(pw)) == ARGON2_OK;
}

/* Spends what a real verification spends; used for unknown users. */
void
password_burn(const char *pw)
{
	if (dummy_hash[0] == '\0' && password_hash("casegate-dummy",
	    dummy_hash) != 0)
		return;
	(void)password_verify(dummy_hash, pw);
}

char *
jwt_issue(struct arena *a, const char *sub, unsigned scopes)
{
	jwt_t		*jwt = NULL;
	json_object	*claims = json_object_new_object();
	json_object	*sc = json_object_new_array();
	char		 jti[37], *tok, *out = NULL;
	time_t		 now = now_unix();

	uuid4(jti);
	for (unsigned k = 0; scope_names[k]; k++)
		if (scopes & (1u << k))
			json_object_array_add(sc, json_object_new_string(scope_names[k]));
	json_object_object_add(claims, "sub", json_object_new_string(sub));
	json_object_object_add(claims, "scopes", sc);
	json_object_object_add(claims, "exp",
	    json_object_new_int64((int64_t)(now + token_minutes * 60)));
	json_object_object_add(claims, "iat", json_object_new_int64((int64_t)now));
	json_object_object_add(claims, "jti", json_object_new_string(jti));
	if (jwt_new(&jwt) != 0)
		goto out;
	if (jwt_set_alg(jwt, JWT_ALG_HS256, (const unsigned char *)secret,
	    (int)strlen(secret)) != 0 ||
	    jwt_add_grants_json(jwt, json_object_to_json_string(claims)) != 0)
		goto out;
	if ((tok = jwt_encode_str(jwt)) != NULL) {
		out = arena_strdup(a, tok);
		free(tok);
	}
out:
	jwt_free(jwt);
	json_object_put(claims);
	return out;
}

/* The header must say exactly HS256; checked before libjwt sees the token. */
static int
header_is_hs256(const char *tok)
{
	size_t		 n = strcspn(tok, ".");
	char		 b64[512], raw[512];
	size_t		 o = 0;
	unsigned	 acc = 0;
	int		 bits = 0, ok = 0;

	if (n == 0 || n >= sizeof(b64) || tok[n] != '.')
		return 0;
	memcpy(b64, tok, n);
	for (size_t i = 0; i < n; i++) {
		int c = b64[i], v;
		if (c >= 'A' && c <= 'Z') v = c - 'A';
		else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
		else if (c >= '0' && c <= '9') v = c - '0' + 52;
		else if (c == '-') v = 62;
		else if (c == '_') v = 63;
		else return 0;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			raw[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	raw[o] = '\0';
	json_object *h = json_tokener_parse(raw), *alg;
	if (h != NULL && json_object_object_get_ex(h, "alg", &alg) &&
	    json_object_is_type(alg, json_type_string) &&
	    strcmp(json_object_get_string(alg), "HS256") == 0)
		ok = 1;
	json_object_put(h);
	return ok;
}

/*
 * Tokens this worker has verified, by their exact text: a client reuses its
 * token for many requests, and OpenSSL 3's HMAC set-up costs more than the
 * rest of a request. Only fully verified tokens enter; exp still applies.
 */
#define VERIFIED_MAX	128

static struct verified {
	unsigned long	 hash;
	char		*token;
	char		*sub;
	long		 exp;
} verified[VERIFIED_MAX];

static void
verified_put(const char *tok, unsigned long h, const char *sub, long exp)
{
	struct verified *v = &verified[h % VERIFIED_MAX];

	free(v->token);
	free(v->sub);
	v->hash = h;
	v->token = strdup(tok);
	v->sub = strdup(sub);
	v->exp = exp;
}

/* Returns the token's subject when it is valid and unexpired, else NULL. */
char *
jwt_check(struct arena *a, const char *tok)
{
	jwt_t		*jwt = NULL;
	char		*sub = NULL;
	const char	*s;
	long		 exp;
	unsigned long	 h;

	if (tok == NULL || strlen(tok) > TOKEN_MAX)
		return NULL;
	h = fnv1a(tok);
	struct verified *v = &verified[h % VERIFIED_MAX];
	if (v->token != NULL && v->hash == h && strcmp(v->token, tok) == 0)
		return v->exp > (long)now_unix() ? arena_strdup(a, v->sub) : NULL;
	if (!header_is_hs256(tok))
		return NULL;
	if (jwt_decode(&jwt, tok, (const unsigned char *)secret,
	    (int)strlen(secret)) != 0 || jwt == NULL)
		goto out;
	if (jwt_get_alg(jwt) != JWT_ALG_HS256)
		goto out;
	errno = 0;
	exp = jwt_get_grant_int(jwt, "exp");
	if (errno != 0 || exp <= (long)now_unix())
		goto out;
	if ((s = jwt_get_grant(jwt, "sub")) != NULL && *s) {
		sub = arena_strdup(a, s);
		verified_put(tok, h, s, exp);
	}
out:
	jwt_free(jwt);
	return sub;
}

/*
 * The caller and its organisation in one query: the user's public columns
 * (so GET /users/me needs no second query) and what authorisation reads.
 * Every request of every family runs it, and users and orgs rarely change:
 * it may come from the query cache, which any write to them empties. A
 * route with a ride (http.h) has its record read in the same statement,
 * not cached: the record changes with every write to its table.
 */
struct principal *
principal_load(struct req *r, const char *username)
{
	const struct ride *ride = r->app != NULL ? r->app->rides : NULL;
	const char	*hint = db_cache_hint(), *with = "", *join = "";
	struct principal *p;
	char		**row;

	while (ride != NULL && ride->fn != NULL && (r->route == NULL ||
	    ride->fn != r->route->fn))
		ride++;
	if (ride != NULL && (ride->fn == NULL || r->params[0] == NULL))
		ride = NULL;
	if (ride != NULL) {
		/* Uncached; x.id is NULL when there is no such record. */
		hint = "";
		with = arena_printf(&r->a, ", x.id, %s", ride->cols(r));
		join = arena_printf(&r->a, "LEFT JOIN %s x ON x.%s = ? ",
		    ride->table, ride->key);
	}
	row = db_one(&r->a, arena_printf(&r->a, "SELECT %s" USER_COLUMNS ", u.id, "
	    "IFNULL(o.id, 0), IFNULL(o.premium, 0)%s " USER_FROM "%sWHERE "
	    "u.username = ?", hint, with, join), ride ? "ss" : "s",
	    ride ? r->params[0] : username, username);
	if (row == NULL)
		return NULL;
	p = arena_calloc(&r->a, sizeof(*p));
	p->row = row;
	p->uuid = row[U_UUID];
	p->username = row[U_USERNAME];
	p->scopes = set_bits(scope_names, row[U_SCOPES]);
	p->org = row[U_ORG];
	p->all_cases = strcmp(row[U_ALL_CASES], "0") != 0;
	p->disabled = strcmp(row[U_DISABLED], "0") != 0;
	p->id = strtoll(row[U_PASSWORD], NULL, 10);		/* the extra columns */
	p->org_id = strtoll(row[U_PASSWORD + 1], NULL, 10);
	p->premium = strcmp(row[U_PASSWORD + 2], "0") != 0;
	if (ride != NULL)
		r->ride = row[U_PASSWORD + 3] != NULL ? row + U_PASSWORD + 4 : NULL;
	return p;
}

static int
unauthorized(struct req *r, const char *detail, const char *www)
{
	if (www != NULL)
		resp_header(r, "WWW-Authenticate", www);
	return http_error(r, 401, detail);
}

/* The bearer check of the LAA reference (spec section 4.4), in its order. */
int
auth_bearer(struct req *r)
{
	const char	*h = req_header(r, "Authorization");
	char		*sub;

	if (h == NULL || strncasecmp(h, "bearer ", 7) != 0) {
		if (h == NULL || strcasecmp(h, "bearer") != 0)
			return unauthorized(r, "Not authenticated", "Bearer");
		h = "bearer ";
	}
	h += 7;
	while (*h == ' ')
		h++;
	if (strncmp(h, PAT_PREFIX, strlen(PAT_PREFIX)) == 0) {
		/* A personal access token: its user, while it is live. */
		char hash[65], **row;
		if (strlen(h) > 128)
			return unauthorized(r, "Could not validate credentials",
			    "Bearer");
		sha256_hex(h, strlen(h), hash);
		row = db_one(&r->a, "SELECT u.username FROM personal_tokens t JOIN "
		    "users u ON u.id = t.user_id WHERE t.token_hash = ? AND "
		    "t.revoked_at IS NULL AND t.expires_at > UTC_TIMESTAMP(6)", "s",
		    hash);
		if (row == NULL && db_last() == DB_DOWN)
			return http_db_error(r);
		if (row == NULL)
			return unauthorized(r, "Could not validate credentials",
			    "Bearer");
		sub = row[0];
	} else if ((sub = jwt_check(&r->a, h)) == NULL)
		return unauthorized(r, "Could not validate credentials", "Bearer");
	if ((r->who = principal_load(r, sub)) == NULL) {
		if (db_last() == DB_DOWN)
			return http_db_error(r);
		return unauthorized(r, "Could not validate credentials", "Bearer");
	}
	if (r->who->disabled)
		return unauthorized(r, "User Disabled", NULL);
	return 0;
}

/* The scope check comes after the rate limit, so its 401 carries the headers. */
int
auth_scope(struct req *r, unsigned scope)
{
	if ((r->who->scopes & scope) != scope) {
		const char *name = "read";
		for (unsigned k = 0; scope_names[k]; k++)
			if (scope & (1u << k))
				name = scope_names[k];
		if (r->route != NULL && (r->route->flags & R_LSERR))
			return http_error(r, 403, arena_printf(&r->a, "User does "
			    "not have permissions: %s", name));
		return unauthorized(r, "Not enough permissions",
		    arena_printf(&r->a, "Bearer scope=\"%s\"", name));
	}
	return 0;
}
