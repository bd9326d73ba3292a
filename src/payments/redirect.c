/*
 * Where the browser flow may send a person back to: original_url and
 * error_url must be absolute http(s) URLs whose host is on
 * CASEGATE_REDIRECT_HOSTS, a comma-separated list of "host" (any port) or
 * "host:port" entries ("[::1]:8080" for IPv6). https is required, except
 * for the loopback hosts 127.0.0.1, localhost and [::1], where http is
 * accepted for local testing. The reference checks nothing here (an open
 * redirect, efsp-proxy.md 4 step 3).
 *
 * The URL is parsed by libcurl's URL API, not by hand, and refused before
 * that when it holds anything a browser would read differently from a URL
 * parser: controls, spaces, backslashes, non-ASCII bytes, a scheme-relative
 * or percent-encoded start or host. Credentials in the URL are refused, so that
 * "https://evil@good" and "https://good@evil" both fail. What is stored
 * and later sent in Location is libcurl's own rendering of the URL it
 * checked.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "../lib/arena.h"
#include "../lib/config.h"
#include "toga.h"

#define URL_MAX		2000	/* toga_transactions keeps 2048 */
#define HOSTS_MAX	64

struct rhost {
	char	 host[256];	/* lower case; "[...]" for IPv6 */
	long	 port;		/* 0: any port */
};

static struct rhost	 hosts[HOSTS_MAX];
static size_t		 nhosts;
static int		 loaded;
static struct buf	 origins;	/* CSP form-action sources */

static int
loopback(const char *h)
{
	return strcmp(h, "127.0.0.1") == 0 || strcmp(h, "localhost") == 0 ||
	    strcmp(h, "[::1]") == 0;
}

static int
host_chars(const char *h, size_t n)
{
	if (n == 0 || n >= sizeof(hosts[0].host))
		return 0;
	if (h[0] == '[')
		return n > 2 && h[n - 1] == ']' &&
		    strspn(h + 1, "0123456789abcdefABCDEF:.") == n - 2;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)h[i]) && h[i] != '.' && h[i] != '-')
			return 0;
	return 1;
}

/* One list entry; 0 when it is not "host" or "host:port". */
static int
entry_parse(const char *s, size_t n, struct rhost *e)
{
	size_t hl = n;
	const char *colon;

	memset(e, 0, sizeof(*e));
	if (n > 0 && s[0] == '[') {
		const char *close = memchr(s, ']', n);
		if (close == NULL)
			return 0;
		hl = (size_t)(close - s) + 1;
		colon = hl < n ? s + hl : NULL;
		if (colon != NULL && *colon != ':')
			return 0;
	} else if ((colon = memchr(s, ':', n)) != NULL)
		hl = (size_t)(colon - s);
	if (!host_chars(s, hl))
		return 0;
	if (colon != NULL) {
		char port[8];
		size_t pl = n - hl - 1;
		if (pl == 0 || pl > 5 || strspn(colon + 1, "0123456789") < pl)
			return 0;
		memcpy(port, colon + 1, pl);
		port[pl] = '\0';
		e->port = strtol(port, NULL, 10);
		if (e->port < 1 || e->port > 65535)
			return 0;
	}
	for (size_t i = 0; i < hl; i++)
		e->host[i] = (char)tolower((unsigned char)s[i]);
	return 1;
}

/* Reads the list once per worker; a bad entry is reported and skipped. */
static void
hosts_load(void)
{
	const char *list = cfg("CASEGATE_REDIRECT_HOSTS", "");

	if (loaded)
		return;
	loaded = 1;
	buf_adds(&origins, "");
	while (*list) {
		size_t k = strcspn(list, ",");
		const char *s = list;
		size_t n = k;
		while (n > 0 && isspace((unsigned char)*s)) {
			s++;
			n--;
		}
		while (n > 0 && isspace((unsigned char)s[n - 1]))
			n--;
		list += k + (list[k] == ',');
		if (n == 0)
			continue;
		if (nhosts == HOSTS_MAX || !entry_parse(s, n, &hosts[nhosts])) {
			fprintf(stderr, "casegate: CASEGATE_REDIRECT_HOSTS: "
			    "ignoring entry %.*s\n", (int)(n > 80 ? 80 : n), s);
			continue;
		}
		struct rhost *e = &hosts[nhosts++];
		for (int tls = 1; tls >= 0; tls--) {
			if (!tls && !loopback(e->host))
				break;
			if (e->port)
				buf_addf(&origins, "%s%s://%s:%ld",
				    origins.len ? " " : "", tls ? "https" : "http",
				    e->host, e->port);
			else
				buf_addf(&origins, "%s%s://%s:*",
				    origins.len ? " " : "", tls ? "https" : "http",
				    e->host);
		}
	}
}

/*
 * The CSP form-action sources of the allow-list: the callback's 302 goes
 * to one of them, and browsers check form-action on a form's redirects.
 */
const char *
redirect_origins(void)
{
	hosts_load();
	return origins.s ? origins.s : "";
}

static int
plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f ||
		    *s == '\\')
			return 0;
	return 1;
}

/* A copy of one part of the parsed URL in the arena, or NULL. */
static char *
part(struct arena *a, CURLU *u, CURLUPart what, unsigned flags)
{
	char *v = NULL, *copy;

	if (curl_url_get(u, what, &v, flags) != CURLUE_OK || v == NULL)
		return NULL;
	copy = arena_strdup(a, v);
	curl_free(v);
	return copy;
}

/*
 * url checked against the allow-list: the URL to store and redirect to,
 * or NULL with *why saying what is wrong (for the 422 page).
 */
const char *
redirect_check(struct arena *a, const char *url, const char **why)
{
	CURLU		*u = NULL;
	const char	*out = NULL;
	char		*scheme, *host, *port, *v;
	long		 portn;

	hosts_load();
	*why = NULL;
	if (url == NULL || *url == '\0') {
		*why = "is required";
		return NULL;
	}
	if (strlen(url) > URL_MAX) {
		*why = "is longer than 2000 characters";
		return NULL;
	}
	/*
	 * Whitespace, controls and backslashes are where browsers and URL
	 * parsers part ways ("https:\\evil", "/\\evil", a tab inside the
	 * host), so none of them is taken at all; an absolute URL starts
	 * with its scheme and "//" and a host, literally.
	 */
	if (!plain_ascii(url)) {
		*why = "must be a plain URL: no spaces, backslashes or "
		    "non-ASCII characters";
		return NULL;
	}
	size_t sl = strncasecmp(url, "https://", 8) == 0 ? 8 :
	    strncasecmp(url, "http://", 7) == 0 ? 7 : 0;
	if (sl == 0 || url[sl] == '/' || url[sl] == '\0') {
		*why = "must be an absolute http or https URL";
		return NULL;
	}
	/* A percent-encoded host ("%31%32%37.0.0.1") is not decoded for it. */
	size_t al = strcspn(url + sl, "/?#");
	if (memchr(url + sl, '%', al) != NULL) {
		*why = "must name its host plainly";
		return NULL;
	}
	if ((u = curl_url()) == NULL) {
		*why = "cannot be checked now";
		return NULL;
	}
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
		*why = "is not a valid URL";
		goto out;
	}
	scheme = part(a, u, CURLUPART_SCHEME, 0);
	if (scheme == NULL || (strcmp(scheme, "https") != 0 &&
	    strcmp(scheme, "http") != 0)) {
		*why = "must be an absolute http or https URL";
		goto out;
	}
	if ((v = part(a, u, CURLUPART_USER, 0)) != NULL ||
	    (v = part(a, u, CURLUPART_PASSWORD, 0)) != NULL ||
	    (v = part(a, u, CURLUPART_OPTIONS, 0)) != NULL) {
		*why = "must not hold a user name or password";
		goto out;
	}
	host = part(a, u, CURLUPART_HOST, 0);
	if (host == NULL || !host_chars(host, strlen(host))) {
		*why = "must name a host";
		goto out;
	}
	for (char *c = host; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	port = part(a, u, CURLUPART_PORT, CURLU_DEFAULT_PORT);
	portn = port ? strtol(port, NULL, 10) : 0;
	size_t i;
	for (i = 0; i < nhosts; i++)
		if (strcmp(hosts[i].host, host) == 0 &&
		    (hosts[i].port == 0 || hosts[i].port == portn))
			break;
	if (i == nhosts) {
		*why = "must be on a host this server may send you back to "
		    "(CASEGATE_REDIRECT_HOSTS)";
		goto out;
	}
	if (strcmp(scheme, "https") != 0 && !loopback(host)) {
		*why = "must use https";
		goto out;
	}
	if ((out = part(a, u, CURLUPART_URL, 0)) == NULL)
		*why = "is not a valid URL";
out:
	curl_url_cleanup(u);
	return out;
}
