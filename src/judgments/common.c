/*
 * What every judgments handler shares: the configuration read once at
 * start-up (public and assets base URLs, the per-address rate limit), the
 * limiter call, and conditional GET (ETag / Last-Modified -> 304).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/config.h"
#include "../lib/http.h"
#include "../lib/ratelimit.h"
#include "judgments.h"

static const char	*base_url;
static const char	*assets_url;
static long		 rl_limit = 1000, rl_window = 300;

/* A base URL without its trailing slashes. */
static const char *
trimmed(const char *s)
{
	size_t	 n = strlen(s);
	char	*t;

	while (n > 0 && s[n - 1] == '/')
		n--;
	if ((t = strndup(s, n)) == NULL)
		abort();
	return t;
}

int
judgments_init(void)
{
	const char	*rl = cfg("CASEGATE_JUDGMENTS_RATE_LIMIT", "1000/300");
	char		*end;

	base_url = trimmed(cfg("CASEGATE_PUBLIC_BASE_URL",
	    "https://caselaw.nationalarchives.gov.uk"));
	assets_url = trimmed(cfg("CASEGATE_ASSETS_BASE",
	    "https://assets.caselaw.nationalarchives.gov.uk"));
	/* COUNT/SECONDS; a COUNT of 0 turns the limit off. */
	rl_limit = strtol(rl, &end, 10);
	if (*end == '/')
		rl_window = strtol(end + 1, &end, 10);
	if (*end != '\0' || rl_limit < 0 || rl_window < 1 ||
	    rl_window > 86400) {
		fprintf(stderr, "casegate: CASEGATE_JUDGMENTS_RATE_LIMIT must be "
		    "COUNT/SECONDS, e.g. 1000/300, not '%s'\n", rl);
		return -1;
	}
	return 0;
}

const char *
public_base(void)
{
	return base_url;
}

const char *
assets_base(void)
{
	return assets_url;
}

/*
 * Every request counts against its client address: a rolling window of
 * 1-second buckets (up to 300 of them; longer windows use longer buckets).
 * Returns 0, or 429 already rendered.
 */
int
judgments_limit(struct req *r)
{
	long bucket = rl_window <= 300 ? 1 : (rl_window + 299) / 300;

	return rate_limit_take(r, arena_printf(&r->a, "j:%s", r->remote_addr),
	    rl_limit, rl_window, bucket, 1);	/* rejected ones count too (spec 8) */
}

/* Does the If-None-Match list contain etag (weak comparison, RFC 9110)? */
static int
etag_listed(const char *list, const char *etag)
{
	const char	*p = list;
	size_t		 n = strlen(etag);

	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		size_t k = strcspn(p, ",");
		while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t'))
			k--;
		if (k == n && strncmp(p, etag, n) == 0)
			return 1;
		p += strcspn(p, ",");
	}
	return 0;
}

static time_t
sql_time(const char *s)
{
	struct tm tm = { 0 };

	if (s == NULL || strptime(s, "%Y-%m-%d %H:%M:%S", &tm) == NULL)
		return (time_t)-1;
	return timegm(&tm);
}

/*
 * Sets ETag (a quoted string) and, when known, Last-Modified (from an SQL
 * UTC time). Returns 304 when the client's copy is current: If-None-Match,
 * when present, decides alone; otherwise If-Modified-Since does.
 */
int
not_modified(struct req *r, const char *etag, const char *lm_sql)
{
	const char	*inm = req_header(r, "If-None-Match");
	const char	*ims = req_header(r, "If-Modified-Since");
	time_t		 lm = sql_time(lm_sql);
	char		 date[64];
	struct tm	 tm;

	resp_header(r, "ETag", etag);
	if (lm != (time_t)-1) {
		gmtime_r(&lm, &tm);
		strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
		resp_header(r, "Last-Modified", date);
	}
	resp_header(r, "Cache-Control", "no-cache");
	if (inm != NULL && *inm != '\0') {
		if (!etag_listed(inm, etag))
			return 0;
	} else if (ims != NULL && lm != (time_t)-1) {
		memset(&tm, 0, sizeof(tm));
		const char *end = strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &tm);
		if (end == NULL || *end != '\0' || lm > timegm(&tm))
			return 0;
	} else
		return 0;
	return resp_raw(r, 304, NULL, "", 0);
}
