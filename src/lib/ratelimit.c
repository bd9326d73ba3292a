/*
 * Rate limits. A hit adds one to the caller's current bucket; the sum over
 * the buckets of the window is compared with the limit. Every answer to a
 * limited request carries x-rate-limit-limit, -remaining and -reset (epoch
 * seconds at which the oldest counted bucket leaves the window); over the
 * limit the answer is 429 with Retry-After, and is not counted. Old buckets
 * are swept once per bucket period by each worker.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db.h"
#include "http.h"
#include "ratelimit.h"

/*
 * Each worker counts its own hits and meets the database at most once a
 * second per key (design: "per-worker counts flushed each second"): it adds
 * its pending hits to the shared bucket and reads the window's total back.
 * Between meetings it answers from that total plus its own pending hits, so
 * all workers and hosts agree to within a second of each other's traffic.
 */
#define CACHE_KEYS	64
#define FLUSH_SECS	1.0

static struct rl_entry {
	char		 key[96];
	long long	 bucket;	/* of the pending hits */
	long		 pending;
	long long	 shared;	/* window total at the last meeting */
	long long	 oldest;	/* oldest bucket with hits then */
	double		 met;		/* monotonic time of that meeting */
	double		 used;		/* for eviction */
} cache[CACHE_KEYS];

static long long last_sweep;

static int
flush_entry(struct arena *a, struct rl_entry *e)
{
	if (e->pending == 0)
		return 0;
	if (db_exec(a, "INSERT INTO rate_hits (k, bucket, n) VALUES (?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE n = n + VALUES(n)", "sii", e->key, e->bucket,
	    (long long)e->pending) < 0)
		return -1;
	e->pending = 0;
	return 0;
}

/* Writes every worker's pending hits; run at exit (and so after each CGI). */
void
rate_limit_flush(void)
{
	struct arena a = { 0 };

	for (size_t i = 0; i < CACHE_KEYS; i++)
		if (cache[i].key[0])
			(void)flush_entry(&a, &cache[i]);
	arena_reset(&a);
}

static struct rl_entry *
entry_for(struct arena *a, const char *key)
{
	struct rl_entry *e = NULL, *lru = &cache[0];

	for (size_t i = 0; i < CACHE_KEYS; i++) {
		if (strcmp(cache[i].key, key) == 0) {
			e = &cache[i];
			break;
		}
		if (cache[i].used < lru->used)
			lru = &cache[i];
	}
	if (e == NULL) {
		(void)flush_entry(a, lru);
		memset(lru, 0, sizeof(*lru));
		snprintf(lru->key, sizeof(lru->key), "%s", key);
		e = lru;
	}
	e->used = now_mono();
	return e;
}

/*
 * count_rejected: whether a refused request still counts (the judgments
 * feed's rule, so that a flood stays refused), or not (the API families',
 * so that a client that backs off recovers).
 */
int
rate_limit_take(struct req *r, const char *key, long limit, long window,
    long bucket, int count_rejected)
{
	long long		 now = (long long)now_unix(), cur = now / bucket;
	long long		 first = cur - window / bucket + 1, sum, reset;
	char			 v[32], **row;
	struct rl_entry		*e;

	if (limit <= 0)
		return 0;
	e = entry_for(&r->a, key);
	if (e->met == 0 || now_mono() - e->met >= FLUSH_SECS ||
	    e->bucket != cur) {
		if (cur != last_sweep) {
			last_sweep = cur;
			(void)db_exec(&r->a, "DELETE FROM rate_hits WHERE bucket < ?",
			    "i", first - 1);
		}
		/* Counters are best effort: a failure never fails a request. */
		if (flush_entry(&r->a, e) != 0)
			return 0;
		row = db_one(&r->a, "SELECT IFNULL(SUM(n), 0), IFNULL(MIN(bucket), "
		    "?) FROM rate_hits WHERE k = ? AND bucket >= ?", "isi", cur, key,
		    first);
		if (row == NULL)
			return 0;
		e->shared = strtoll(row[0], NULL, 10);
		e->oldest = strtoll(row[1], NULL, 10);
		e->met = now_mono();
		e->bucket = cur;
	}
	sum = e->shared + e->pending;
	if (sum < limit || count_rejected)
		e->pending++;
	reset = ((e->oldest < first ? first : e->oldest) + window / bucket) * bucket;
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
	    limit, 60, 10, 0);
}
