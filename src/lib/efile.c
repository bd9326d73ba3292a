/*
 * Jurisdictions come from CASEGATE_JURISDICTIONS (comma-separated, default
 * illinois,massachusetts) and are matched case-insensitively. API keys are
 * looked up by their SHA-256, never stored in clear.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "efile.h"
#include "http.h"
#include "util.h"

int
jurisdiction_known(const char *j)
{
	const char	*list = cfg("CASEGATE_JURISDICTIONS", "illinois,massachusetts");
	size_t		 n = strlen(j);

	if (n == 0)
		return 0;
	while (*list) {
		size_t k = strcspn(list, ",");
		if (k == n && strncasecmp(list, j, n) == 0)
			return 1;
		list += k + (list[k] == ',');
	}
	return 0;
}

/* "illinois" -> "ILLINOIS", for the TYLER-TOKEN-{J} header names. */
char *
jurisdiction_upper(struct arena *a, const char *j)
{
	char *u = arena_strdup(a, j);
	for (char *p = u; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

int
api_key_valid(struct arena *a, const char *key, long long *id)
{
	char hash[65], **row;

	if (key == NULL || *key == '\0' || strlen(key) > 256)
		return 0;
	sha256_hex(key, strlen(key), hash);
	/* Every e-filing call asks; keys rarely change (db_cache_hint). */
	if ((row = db_one(a, arena_printf(a, "SELECT %sid FROM api_keys WHERE "
	    "key_hash = ? AND revoked_at IS NULL", db_cache_hint()), "s",
	    hash)) != NULL) {
		if (id != NULL)
			*id = strtoll(row[0], NULL, 10);
		return 1;
	}
	return db_last() == DB_OK ? 0 : -1;
}

/*
 * TYLER-TOKEN-{J} is "email:secret" as POST /authenticate minted it. The
 * session is found by the secret's SHA-256 alone; the e-mail must match
 * the filer it belongs to, the session must be live and the filer enabled.
 */
enum filer_st
filer_session(struct req *r, const char *j, struct filer *f)
{
	char name[80];

	snprintf(name, sizeof(name), "TYLER-TOKEN-%s",
	    jurisdiction_upper(&r->a, j));
	return filer_session_value(r, j, req_header(r, name), f);
}

/*
 * The same check for a token that did not come in the header: the browser
 * payment flow carries it in a form field (tyler_info), because a form
 * cannot set headers (efsp-proxy.md 4). tok may be NULL.
 */
enum filer_st
filer_session_value(struct req *r, const char *j, const char *tok,
    struct filer *f)
{
	char		 hash[65], **row;
	const char	*colon;

	memset(f, 0, sizeof(*f));
	if (tok == NULL || (colon = strrchr(tok, ':')) == NULL)
		return FILER_MISSING;
	sha256_hex(tok, strlen(tok), hash);
	f->token_hash = arena_strdup(&r->a, hash);
	if (colon == tok || strlen(colon + 1) != SESSION_LEN ||
	    strlen(tok) > 400)
		return FILER_BAD;
	sha256_hex(colon + 1, SESSION_LEN, hash);
	/*
	 * The expiry is tested here, against the clock that set it (POST
	 * /authenticate stores now + TTL as FROM_UNIXTIME), so that the
	 * statement reads no clock and may come from the query cache: every
	 * call of a filer's session asks it, and a session, its filer and
	 * firm are written far less often.
	 */
	row = db_one(&r->a, arena_printf(&r->a, "SELECT %sf.id, f.uuid, f.email, "
	    "f.first_name, f.last_name, m.id, m.uuid, m.name, m.is_individual, "
	    "UNIX_TIMESTAMP(s.expires_at) FROM filer_sessions s JOIN filers f "
	    "ON f.id = s.filer_id JOIN firms m ON m.id = f.firm_id WHERE "
	    "s.secret_hash = ? AND f.disabled = 0 AND f.jurisdiction = ?",
	    db_cache_hint()), "ss", hash, j);
	if (row == NULL)
		return db_last() == DB_OK ? FILER_BAD : FILER_DBERR;
	if (strtoll(row[9], NULL, 10) <= (long long)now_unix())
		return FILER_BAD;
	if (strlen(row[2]) != (size_t)(colon - tok) ||
	    strncasecmp(row[2], tok, (size_t)(colon - tok)) != 0)
		return FILER_BAD;
	f->id = strtoll(row[0], NULL, 10);
	f->uuid = row[1];
	f->email = row[2];
	f->first = row[3];
	f->last = row[4];
	f->firm_id = strtoll(row[5], NULL, 10);
	f->firm_uuid = row[6];
	f->firm_name = row[7];
	f->individual = strcmp(row[8], "0") != 0;
	return FILER_OK;
}

/*
 * The served jurisdiction named by path parameter i, lower-cased (the
 * tables hold lower-case names), or NULL after a 404: names outside
 * CASEGATE_JURISDICTIONS are answered the same whether or not the
 * reference knows them (spec 1.1, our recommendation).
 */
const char *
juris(struct req *r, int i)
{
	const char *p = r->params[i];

	if (p == NULL || strlen(p) > 40 || !jurisdiction_known(p)) {
		http_error(r, 404, "Not Found");
		return NULL;
	}
	char *j = arena_strdup(&r->a, p);
	for (char *c = j; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return j;
}

/* A Host header is echoed into links only when it looks like a host. */
static int
plain_host(const char *h)
{
	if (h == NULL || *h == '\0' || strlen(h) > 255)
		return 0;
	for (const char *p = h; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr(".-:[]", *p))
			return 0;
	return 1;
}

/*
 * This server as its clients reach it, for HATEOAS links and the payment
 * flow's RedirectURL. The reference prefixes every link with its EXTERNAL_URL. Ours is
 * CASEGATE_EXTERNAL_URL when set (behind a proxy that rewrites Host), else
 * the scheme and Host of the request, so links work on any port.
 */
const char *
efile_base_url(struct req *r)
{
	const char *cfgurl = cfg("CASEGATE_EXTERNAL_URL", NULL);
	if (cfgurl != NULL && *cfgurl) {
		size_t n = strlen(cfgurl);
		while (n > 0 && cfgurl[n - 1] == '/')
			n--;
		return arena_strndup(&r->a, cfgurl, n);
	}
	const char *host = req_header(r, "Host");
	const char *https = req_env(r, "HTTPS");
	const char *port = req_env(r, "SERVER_PORT");
	int tls = https && *https && strcasecmp(https, "off") != 0;
	if (!plain_host(host))
		host = "localhost";
	/*
	 * nginx passes Host without its port ($host); add the server's port
	 * unless it is the scheme's default or Host already names one.
	 */
	if (port == NULL || !*port || strspn(port, "0123456789") != strlen(port) ||
	    strchr(host, ':') != NULL || strcmp(port, tls ? "443" : "80") == 0)
		port = NULL;
	return arena_printf(&r->a, "%s://%s%s%s", tls ? "https" : "http", host,
	    port ? ":" : "", port ? port : "");
}
