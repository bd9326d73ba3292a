/*
 * Document fetch for filings (spec §5.2, issue 9). Every URL, the client's
 * and each redirect's, is parsed by curl's own URL parser and checked before
 * any connection: http or https only, no credentials, and a host[:port] on
 * CASEGATE_DOCUMENT_HOSTS. curl never follows a redirect by itself; we do,
 * at most MAX_REDIRECTS times, checking every Location the same way. The
 * parsed handle itself is given to curl (CURLOPT_CURLU), so what was checked
 * is what is connected to.
 *
 * What is not done: the resolved address is not pinned, so a host name on
 * the list is trusted to keep pointing where the operator meant.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <magic.h>
#include <qpdf/qpdf-c.h>

#include "arena.h"
#include "config.h"
#include "fetch.h"
#include "util.h"

#define MAX_REDIRECTS	3
#define HOST_MAX	300	/* 253 for a name, more for [v6] */

/* Per process: kept between requests so connections stay alive. */
static CURL	*easy;
static int	 curl_ready;
static magic_t	 magic;
static int	 magic_tried;

/* The body so far, and the cap it may not pass. */
struct sink {
	struct buf	 b;
	size_t		 cap;
	int		 over;		/* the cap stopped the transfer */
};

static const char *const err_names[FETCH__MAX] = {
	[FETCH_OK]		= "ok",
	[FETCH_BAD_URL]		= "bad_url",
	[FETCH_NOT_ALLOWED]	= "not_allowed",
	[FETCH_TOO_BIG]		= "too_big",
	[FETCH_UNREACHABLE]	= "unreachable",
	[FETCH_HTTP_STATUS]	= "http_status",
};

const char *
fetch_err_name(enum fetch_err e)
{
	return (unsigned)e < FETCH__MAX ? err_names[e] : "?";
}

/*
 * The host curl will connect to, as the allow-list compares it: punycode,
 * lower case, without one trailing dot ("a.example." is "a.example").
 * Curl has already decoded %-escapes and turned numeric IPv4 forms
 * (2130706433, 0x7f.1, 127.1) into dotted quads.
 */
static int
host_norm(CURLU *u, char *out, size_t outsz)
{
	char	*h = NULL;
	size_t	 n;

	/* curl 7.88 can fail (punycode without a UTF-8 locale) and still
	 * hand back a string, so it is freed whatever the result. */
	if (curl_url_get(u, CURLUPART_HOST, &h, CURLU_PUNYCODE) != CURLUE_OK) {
		curl_free(h);
		return -1;
	}
	n = strlen(h);
	if (n > 0 && h[n - 1] == '.')
		n--;
	if (n == 0 || n >= outsz) {
		curl_free(h);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)h[i]);
	out[n] = '\0';
	curl_free(h);
	return 0;
}

/* The URL's port, the scheme's default when none is written; -1 if none. */
static long
url_port(CURLU *u, unsigned flags)
{
	char	*p = NULL;
	long	 port;

	if (curl_url_get(u, CURLUPART_PORT, &p, flags) != CURLUE_OK) {
		curl_free(p);
		return -1;
	}
	port = strtol(p, NULL, 10);
	curl_free(p);
	return port;
}

/*
 * One allow-list entry, "host" (any port) or "host:port", parsed by curl as
 * a URL's authority so that it is normalised exactly as URLs are. A bare
 * IPv6 address gets its brackets. Returns -1 for an entry that is not a
 * plain host (a path, credentials, a scheme), which then matches nothing.
 */
static int
entry_parse(const char *e, size_t n, char *host, size_t hostsz, long *port)
{
	char	 url[HOST_MAX + 16];
	CURLU	*u;
	int	 rc = -1, colons = 0;

	if (n == 0 || n > HOST_MAX)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (strchr("/\\@?#%", e[i]) != NULL || isspace((unsigned char)e[i]))
			return -1;
		colons += e[i] == ':';
	}
	if (colons > 1 && e[0] != '[')
		snprintf(url, sizeof(url), "http://[%.*s]/", (int)n, e);
	else
		snprintf(url, sizeof(url), "http://%.*s/", (int)n, e);
	if ((u = curl_url()) == NULL)
		return -1;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    host_norm(u, host, hostsz) == 0) {
		*port = url_port(u, 0);	/* -1: no port written, any port */
		rc = 0;
	}
	curl_url_cleanup(u);
	return rc;
}

/* Is host (normalised) with port on CASEGATE_DOCUMENT_HOSTS? */
static int
host_listed(const char *host, long port)
{
	const char	*list = cfg("CASEGATE_DOCUMENT_HOSTS", "");
	char		 eh[HOST_MAX];
	long		 ep;

	while (*list != '\0') {
		size_t k = strcspn(list, ",");
		const char *e = list;
		size_t n = k;

		while (n > 0 && isspace((unsigned char)*e))
			e++, n--;
		while (n > 0 && isspace((unsigned char)e[n - 1]))
			n--;
		if (entry_parse(e, n, eh, sizeof(eh), &ep) == 0 &&
		    strcmp(eh, host) == 0 && (ep == -1 || ep == port))
			return 1;
		list += k + (list[k] == ',');
	}
	return 0;
}

/* Is this part in the URL at all (even empty, as in "http://@host/")? */
static int
url_has(CURLU *u, CURLUPart part)
{
	char		*s = NULL;
	CURLUcode	 rc = curl_url_get(u, part, &s, 0);

	curl_free(s);
	return rc == CURLUE_OK;
}

/*
 * May this parsed URL be fetched? Writes the reason into msg when not.
 * Credentials are refused outright: they would be sent to the document
 * host, and "trusted@evil" is the classic way to dress up a host.
 */
static enum fetch_err
url_check(CURLU *u, char *msg, size_t msgsz)
{
	char	*s = NULL;
	char	 host[HOST_MAX];
	int	 web;
	long	 port;

	if (curl_url_get(u, CURLUPART_SCHEME, &s, 0) != CURLUE_OK) {
		curl_free(s);
		snprintf(msg, msgsz, "the URL has no scheme");
		return FETCH_BAD_URL;
	}
	web = strcmp(s, "http") == 0 || strcmp(s, "https") == 0;
	if (!web)
		snprintf(msg, msgsz, "only http and https URLs are fetched, "
		    "not %.20s", s);
	curl_free(s);
	if (!web)
		return FETCH_BAD_URL;
	if (url_has(u, CURLUPART_USER) || url_has(u, CURLUPART_PASSWORD)) {
		snprintf(msg, msgsz, "credentials in the URL are not allowed");
		return FETCH_NOT_ALLOWED;
	}
	if (url_has(u, CURLUPART_ZONEID)) {
		snprintf(msg, msgsz, "an IPv6 zone in the URL is not allowed");
		return FETCH_NOT_ALLOWED;
	}
	if (host_norm(u, host, sizeof(host)) == -1) {
		snprintf(msg, msgsz, "the URL has no usable host");
		return FETCH_BAD_URL;
	}
	port = url_port(u, CURLU_DEFAULT_PORT);
	if (!host_listed(host, port)) {
		snprintf(msg, msgsz, "%.100s:%ld is not a document host "
		    "(CASEGATE_DOCUMENT_HOSTS)", host, port);
		return FETCH_NOT_ALLOWED;
	}
	return FETCH_OK;
}

int
url_host_allowed(const char *url)
{
	CURLU	*u;
	char	 msg[256];
	int	 ok = 0;

	if (url == NULL || (u = curl_url()) == NULL)
		return 0;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK)
		ok = url_check(u, msg, sizeof(msg)) == FETCH_OK;
	curl_url_cleanup(u);
	return ok;
}

static size_t
sink_write(char *p, size_t size, size_t nmemb, void *arg)
{
	struct sink	*s = arg;
	size_t		 n = size * nmemb;

	if (n > s->cap - s->b.len) {
		s->over = 1;
		return 0;	/* any short count aborts the transfer */
	}
	buf_add(&s->b, p, n);
	return n;
}

static int
easy_get(void)
{
	if (easy != NULL)
		return 0;
	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return -1;
		curl_ready = 1;
	}
	return (easy = curl_easy_init()) == NULL ? -1 : 0;
}

/*
 * Options for one request. The protocol and proxy settings are the fence,
 * so a libcurl that refuses one of them fails the fetch.
 */
static int
easy_setup(CURLU *u, struct sink *s, char *errbuf, long left_ms,
    long connect_ms)
{
	int ok = 1;

	curl_easy_reset(easy);	/* keeps the connection and DNS caches */
	ok &= curl_easy_setopt(easy, CURLOPT_CURLU, u) == CURLE_OK;
	ok &= curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https") ==
	    CURLE_OK;
	ok &= curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR,
	    "http,https") == CURLE_OK;
	ok &= curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK;
	/* "" ignores http_proxy and friends; "*" is belt and braces. */
	ok &= curl_easy_setopt(easy, CURLOPT_PROXY, "") == CURLE_OK;
	ok &= curl_easy_setopt(easy, CURLOPT_NOPROXY, "*") == CURLE_OK;
	ok &= curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L) == CURLE_OK;
	ok &= curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L) == CURLE_OK;
	ok &= curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, left_ms) == CURLE_OK;
	ok &= curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
	    connect_ms < left_ms ? connect_ms : left_ms) == CURLE_OK;
	/* 0 would mean no limit to curl; the write callback still holds. */
	if (s->cap > 0)
		ok &= curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
		    (curl_off_t)s->cap) == CURLE_OK;
	ok &= curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, sink_write) ==
	    CURLE_OK;
	ok &= curl_easy_setopt(easy, CURLOPT_WRITEDATA, s) == CURLE_OK;
	ok &= curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errbuf) == CURLE_OK;
	ok &= curl_easy_setopt(easy, CURLOPT_USERAGENT,
	    "Casegate document fetch") == CURLE_OK;
	return ok ? 0 : -1;
}

static const char *
mime_of(struct arena *a, const char *p, size_t n)
{
	const char *m = NULL;

	if (!magic_tried) {
		magic_tried = 1;
		if ((magic = magic_open(MAGIC_MIME_TYPE)) != NULL &&
		    magic_load(magic, NULL) != 0) {
			fprintf(stderr, "casegate: libmagic: %s\n",
			    magic_error(magic));
			magic_close(magic);
			magic = NULL;
		}
	}
	if (magic != NULL)
		m = magic_buffer(magic, p, n);
	return arena_strdup(a, m != NULL ? m : "application/octet-stream");
}

/*
 * Pages of a PDF, or -1 when qpdf cannot read it (damaged beyond qpdf's
 * recovery, or encrypted with a user password). Errors and warnings are
 * checked here, never printed.
 */
static int
pdf_pages(const char *p, size_t n)
{
	qpdf_data	 q;
	int		 pages = -1, k;

	if ((q = qpdf_init()) == NULL)
		return -1;
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if ((qpdf_read_memory(q, "document", p, n, "") & QPDF_ERRORS) == 0 &&
	    !qpdf_has_error(q)) {
		k = qpdf_get_num_pages(q);
		if (!qpdf_has_error(q) && k >= 0)
			pages = k;
	}
	/* Taken, or qpdf_cleanup() complains on stderr that it was not. */
	if (qpdf_has_error(q))
		(void)qpdf_get_error(q);
	qpdf_cleanup(&q);
	return pages;
}

/*
 * A client sends the same documents to fees, check and submit, so each
 * worker remembers the type and page count of the last documents it has
 * read, by their SHA-256 (cheaper than libmagic and qpdf on them again).
 */
static struct {
	char	 hash[65];
	char	 mime[80];
	int	 pages;
} typed[32];
static size_t typed_next;

static void
type_of(struct arena *a, struct fetched *f)
{
	char hash[65];

	sha256_hex(f->bytes, f->len, hash);
	for (size_t i = 0; i < sizeof(typed) / sizeof(typed[0]); i++)
		if (strcmp(typed[i].hash, hash) == 0) {
			f->mime = arena_strdup(a, typed[i].mime);
			f->pages = typed[i].pages;
			return;
		}
	f->mime = mime_of(a, f->bytes, f->len);
	if (strcmp(f->mime, "application/pdf") == 0 ||
	    (f->len >= 5 && memcmp(f->bytes, "%PDF-", 5) == 0))
		f->pages = pdf_pages(f->bytes, f->len);
	else
		f->pages = 1;
	size_t k = typed_next++ % (sizeof(typed) / sizeof(typed[0]));
	memcpy(typed[k].hash, hash, sizeof(hash));
	snprintf(typed[k].mime, sizeof(typed[k].mime), "%s", f->mime);
	typed[k].pages = f->pages;
}

/*
 * Documents whose server said they stay fresh (Cache-Control: max-age,
 * without no-store or no-cache) are kept per worker for that long, at most
 * CASEGATE_DOCUMENT_CACHE_TTL seconds (300; 0 keeps nothing), so fees,
 * check and submit of one filing download them once. A private cache, by
 * exact URL, only for answers that came without a redirect.
 */
#define DOC_CACHE_SLOTS		16
#define DOC_CACHE_ENTRY_MAX	(4u << 20)
static struct {
	char	*url;
	char	*bytes;
	size_t	 len;
	char	 mime[80];
	int	 pages;
	double	 fresh_until;
} kept[DOC_CACHE_SLOTS];
static size_t kept_next;

static int
kept_find(struct arena *a, const char *url, size_t cap, struct fetched *f)
{
	for (size_t i = 0; i < DOC_CACHE_SLOTS; i++) {
		if (kept[i].url == NULL || strcmp(kept[i].url, url) != 0)
			continue;
		if (now_mono() >= kept[i].fresh_until || kept[i].len > cap)
			return 0;
		f->bytes = arena_alloc(a, kept[i].len + 1);
		memcpy(f->bytes, kept[i].bytes, kept[i].len);
		f->bytes[kept[i].len] = '\0';
		f->len = kept[i].len;
		f->mime = arena_strdup(a, kept[i].mime);
		f->pages = kept[i].pages;
		f->status = 200;
		return 1;
	}
	return 0;
}

/* Seconds the answer may be reused, from its Cache-Control; 0: not. */
static long
fresh_for(void)
{
	struct curl_header	*h;
	long			 ttl = cfg_long("CASEGATE_DOCUMENT_CACHE_TTL", 300, 0,
				    86400), age = 0;

	if (ttl == 0 || curl_easy_header(easy, "Cache-Control", 0, CURLH_HEADER,
	    -1, &h) != CURLHE_OK)
		return 0;
	for (const char *p = h->value; *p; ) {
		p += strspn(p, " \t,");
		size_t n = strcspn(p, ",");
		if ((n == 8 && strncasecmp(p, "no-store", 8) == 0) ||
		    (n >= 8 && strncasecmp(p, "no-cache", 8) == 0))
			return 0;
		if (n > 8 && strncasecmp(p, "max-age=", 8) == 0)
			age = strtol(p + 8, NULL, 10);
		p += n;
	}
	return age <= 0 ? 0 : age < ttl ? age : ttl;
}

static void
kept_store(const char *url, const struct fetched *f, long secs)
{
	size_t k = kept_next++ % DOC_CACHE_SLOTS;
	char *u = strdup(url), *b = malloc(f->len + 1);

	if (u == NULL || b == NULL) {
		free(u);
		free(b);
		return;
	}
	for (size_t i = 0; i < DOC_CACHE_SLOTS; i++)	/* one entry per URL */
		if (kept[i].url != NULL && strcmp(kept[i].url, url) == 0)
			k = i;
	free(kept[k].url);
	free(kept[k].bytes);
	memcpy(b, f->bytes, f->len);
	kept[k].url = u;
	kept[k].bytes = b;
	kept[k].len = f->len;
	snprintf(kept[k].mime, sizeof(kept[k].mime), "%s", f->mime);
	kept[k].pages = f->pages;
	kept[k].fresh_until = now_mono() + (double)secs;
}

static int
is_redirect(long status)
{
	return status == 301 || status == 302 || status == 303 ||
	    status == 307 || status == 308;
}

/*
 * Fetch url into f, at most cap bytes. On success f->bytes lives until the
 * arena is reset and *why is NULL; on failure *why says what went wrong in
 * a few words (arena-owned). why may be NULL.
 */
enum fetch_err
doc_fetch(struct arena *a, const char *url, size_t cap, struct fetched *f,
    const char **why)
{
	CURLU			*u = NULL, *next;
	CURLUcode		 uc;
	CURLcode		 rc;
	struct curl_header	*loc;
	struct sink		 s;
	char			 msg[CURL_ERROR_SIZE + 128];
	char			 errbuf[CURL_ERROR_SIZE];
	enum fetch_err		 e;
	double			 deadline;
	long			 connect_ms, left_ms;

	memset(f, 0, sizeof(*f));
	memset(&s, 0, sizeof(s));
	s.cap = cap;
	msg[0] = '\0';
	if (why != NULL)
		*why = NULL;

	if (url == NULL || (u = curl_url()) == NULL) {
		e = FETCH_BAD_URL;
		snprintf(msg, sizeof(msg), "no URL");
		goto out;
	}
	if ((uc = curl_url_set(u, CURLUPART_URL, url, 0)) != CURLUE_OK) {
		e = FETCH_BAD_URL;
		snprintf(msg, sizeof(msg), "not an http(s) URL: %s",
		    curl_url_strerror(uc));
		goto out;
	}
	if ((e = url_check(u, msg, sizeof(msg))) != FETCH_OK)
		goto out;
	if (kept_find(a, url, cap, f)) {
		e = FETCH_OK;
		goto out;
	}
	if (easy_get() == -1) {
		e = FETCH_UNREACHABLE;
		snprintf(msg, sizeof(msg), "libcurl could not start");
		goto out;
	}

	connect_ms = 1000 * cfg_long("CASEGATE_DOCUMENT_CONNECT_TIMEOUT", 5, 1,
	    3600);
	/* One deadline for the whole chain of redirects, not one per hop. */
	deadline = now_mono() + (double)cfg_long("CASEGATE_DOCUMENT_TIMEOUT",
	    20, 1, 3600);
	for (;;) {
		left_ms = (long)((deadline - now_mono()) * 1000);
		if (left_ms <= 0) {
			e = FETCH_UNREACHABLE;
			snprintf(msg, sizeof(msg), "timed out");
			goto out;
		}
		if (easy_setup(u, &s, errbuf, left_ms, connect_ms) == -1) {
			e = FETCH_UNREACHABLE;
			snprintf(msg, sizeof(msg), "libcurl refused an option");
			goto out;
		}
		/* A redirect's body is dropped; the buffer is kept. */
		s.b.len = 0;
		if (s.b.s != NULL)
			s.b.s[0] = '\0';
		errbuf[0] = '\0';
		rc = curl_easy_perform(easy);
		curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &f->status);
		if (rc != CURLE_OK) {
			if (rc == CURLE_FILESIZE_EXCEEDED ||
			    (rc == CURLE_WRITE_ERROR && s.over)) {
				e = FETCH_TOO_BIG;
				snprintf(msg, sizeof(msg), "the document is "
				    "larger than %zu bytes", cap);
			} else {
				e = rc == CURLE_URL_MALFORMAT ||
				    rc == CURLE_UNSUPPORTED_PROTOCOL ?
				    FETCH_BAD_URL : FETCH_UNREACHABLE;
				snprintf(msg, sizeof(msg), "%s", errbuf[0] ?
				    errbuf : curl_easy_strerror(rc));
			}
			goto out;
		}
		if (!is_redirect(f->status))
			break;

		if (curl_easy_header(easy, "Location", 0, CURLH_HEADER, -1,
		    &loc) != CURLHE_OK) {
			e = FETCH_HTTP_STATUS;
			snprintf(msg, sizeof(msg), "HTTP status %ld without "
			    "a Location", f->status);
			goto out;
		}
		if (f->redirects == MAX_REDIRECTS) {
			e = FETCH_HTTP_STATUS;
			snprintf(msg, sizeof(msg), "more than %d redirects",
			    MAX_REDIRECTS);
			goto out;
		}
		/* Relative Locations resolve against the current URL. */
		if ((next = curl_url_dup(u)) == NULL ||
		    curl_url_set(next, CURLUPART_URL, loc->value,
		    CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
			curl_url_cleanup(next);
			e = FETCH_HTTP_STATUS;
			snprintf(msg, sizeof(msg), "redirect to a bad URL");
			goto out;
		}
		curl_url_cleanup(u);
		u = next;
		f->redirects++;
		if (url_check(u, msg, sizeof(msg)) != FETCH_OK) {
			/* The client's URL was fine; where it led is not. */
			e = FETCH_NOT_ALLOWED;
			goto out;
		}
	}
	if (f->status < 200 || f->status > 299) {
		e = FETCH_HTTP_STATUS;
		snprintf(msg, sizeof(msg), "HTTP status %ld", f->status);
		goto out;
	}

	f->len = s.b.len;
	if (s.b.s == NULL)
		f->bytes = arena_strdup(a, "");
	else {
		f->bytes = s.b.s;
		arena_defer(a, free, s.b.s);
		s.b.s = NULL;
	}
	type_of(a, f);
	long secs = f->redirects == 0 && f->len <= DOC_CACHE_ENTRY_MAX ?
	    fresh_for() : 0;
	if (secs > 0)
		kept_store(url, f, secs);
	e = FETCH_OK;
out:
	/* Drop curl's pointers to u, s and errbuf before they go away. */
	if (easy != NULL)
		curl_easy_reset(easy);
	curl_url_cleanup(u);
	buf_free(&s.b);
	if (e != FETCH_OK && why != NULL)
		*why = arena_strdup(a, msg);
	return e;
}

/* For a tidy exit (leak checkers); the next doc_fetch starts afresh. */
void
doc_fetch_cleanup(void)
{
	for (size_t i = 0; i < DOC_CACHE_SLOTS; i++) {
		free(kept[i].url);
		free(kept[i].bytes);
		kept[i].url = kept[i].bytes = NULL;
	}
	if (easy != NULL)
		curl_easy_cleanup(easy);
	easy = NULL;
	if (curl_ready)
		curl_global_cleanup();
	curl_ready = 0;
	if (magic != NULL)
		magic_close(magic);
	magic = NULL;
	magic_tried = 0;
}
