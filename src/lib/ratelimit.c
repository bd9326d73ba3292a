/*
 * Rate limits. A hit adds one to the caller's current bucket; the sum over
 * the buckets of the window is compared with the limit. Every answer to a
 * limited request carries x-rate-limit-limit, -remaining and -reset (epoch
 * seconds at which the oldest counted bucket leaves the window); over the
 * limit the answer is 429 with Retry-After, and is not counted. Old buckets are swept once per
 * bucket period by each worker.
 */
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "db.h"
#include "http.h"
#include "ratelimit.h"

static long long last_sweep;

int
rate_limit_take(struct req *r, const char *key, long limit, long window,
    long bucket)
{
	long long	 now = (long long)now_unix(), cur = now / bucket;
	long long	 first = cur - window / bucket + 1, sum, oldest, reset;
	char		 v[32], **row;

	if (limit <= 0)
		return 0;
	if (cur != last_sweep) {
		last_sweep = cur;
		(void)db_exec(&r->a, "DELETE FROM rate_hits WHERE bucket < ?", "i",
		    first - 1);
	}
	/* Rejected requests are not counted, so a client that backs off recovers. */
	row = db_one(&r->a, "SELECT IFNULL(SUM(n), 0), IFNULL(MIN(bucket), ?) "
	    "FROM rate_hits WHERE k = ? AND bucket >= ?", "isi", cur, key, first);
	if (row == NULL)
		return 0;	/* counters are best effort: never fail a request */
	sum = strtoll(row[0], NULL, 10);
	oldest = strtoll(row[1], NULL, 10);
	if (sum < limit)
		(void)db_exec(&r->a, "INSERT INTO rate_hits (k, bucket, n) VALUES "
		    "(?, ?, 1) ON DUPLICATE KEY UPDATE n = n + 1", "si", key, cur);
	reset = (oldest + window / bucket) * bucket;
	snprintf(v, sizeof(v), "%ld", limit);
	resp_header(r, "x-rate-limit-limit", v);
	snprintf(v, sizeof(v), "%lld", sum >= limit ? 0 : limit - sum - 1);
	resp_header(r, "x-rate-limit-remaining", v);
	snprintf(v, sizeof(v), "%lld", reset);
	resp_header(r, "x-rate-limit-reset", v);
	if (sum < limit)
		return 0;
	snprintf(v, sizeof(v), "%lld", reset > now ? reset - now : 1);
	resp_header(r, "Retry-After", v);
	return http_error(r, 429, "Too Many Requests");
}

/* CASEGATE_RATE_LIMIT requests per minute per principal, in 10 s buckets. */
int
rate_limit_principal(struct req *r)
{
	long limit = cfg_long("CASEGATE_RATE_LIMIT", 200, 0, 1000000000L);

	return rate_limit_take(r, arena_printf(&r->a, "p:%s", r->who->uuid),
	    limit, 60, 10);
}
