/*
 * Pure helpers used by every family. Randomness comes from getrandom(2)
 * (the kernel CSPRNG); hashing from OpenSSL.
 */
#include <ctype.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <openssl/sha.h>

#include "arena.h"
#include "util.h"

void
kv_add(struct arena *a, struct kvlist *l, const char *k, const char *v,
    size_t len)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct kv *nv = arena_alloc(a, cap * sizeof(*nv));
		if (l->n)
			memcpy(nv, l->v, l->n * sizeof(*nv));
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n].key = k;
	l->v[l->n].val = v;
	l->v[l->n].len = len;
	l->n++;
}

const char *
kv_get(const struct kvlist *l, const char *k)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, k) == 0)
			return l->v[i].val;
	return NULL;
}

size_t
kv_count(const struct kvlist *l, const char *k)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += strcmp(l->v[i].key, k) == 0;
	return n;
}

/*
 * Small requests (UUIDs, request ids) are served from a pool refilled from
 * the kernel 4 KiB at a time: one getrandom(2) per ~250 UUIDs instead of one
 * each. Workers are exec'd, never forked after filling it, so no two
 * processes share a pool.
 */
static unsigned char	pool[4096];
static size_t		pool_left;

int
random_bytes(void *p, size_t n)
{
	unsigned char *c = p;

	if (n <= 64) {
		if (pool_left < n) {
			size_t got = 0;
			while (got < sizeof(pool)) {
				ssize_t r = getrandom(pool + got, sizeof(pool) - got, 0);
				if (r < 0)
					return -1;
				got += (size_t)r;
			}
			pool_left = sizeof(pool);
		}
		memcpy(c, pool + sizeof(pool) - pool_left, n);
		/* Never hand out the same bytes twice. */
		memset(pool + sizeof(pool) - pool_left, 0, n);
		pool_left -= n;
		return 0;
	}
	while (n > 0) {
		ssize_t r = getrandom(c, n, 0);
		if (r < 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

void
uuid4(char out[37])
{
	unsigned char	b[16];
	static const char hex[] = "0123456789abcdef";
	char		*o = out;

	random_bytes(b, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		*o++ = hex[b[i] >> 4];
		*o++ = hex[b[i] & 15];
	}
	*o = '\0';
}

/* Accepts the canonical 8-4-4-4-12 hex form, either case. */
int
uuid_valid(const char *s)
{
	if (s == NULL || strlen(s) != 36)
		return 0;
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i]))
			return 0;
	}
	return 1;
}

void
random_alnum(char *out, size_t n)
{
	static const char set[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	size_t i = 0;

	/* Rejection sampling keeps the 62 symbols uniform. */
	while (i < n) {
		unsigned char b[64];
		random_bytes(b, sizeof(b));
		for (size_t j = 0; j < sizeof(b) && i < n; j++)
			if (b[j] < 248)
				out[i++] = set[b[j] % 62];
	}
	out[n] = '\0';
}

void
sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char	md[SHA256_DIGEST_LENGTH];
	static const char hex[] = "0123456789abcdef";

	SHA256(p, n, md);
	for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

/* FNV-1a: a fast non-cryptographic hash for per-worker caches. */
unsigned long
fnv1a(const char *s)
{
	unsigned long h = 1469598103934665603UL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211UL;
	return h;
}

/* Constant-time string comparison for secrets of public length. */
int
ct_equal(const char *a, const char *b)
{
	size_t		la = strlen(a), lb = strlen(b);
	unsigned char	d = la != lb;

	for (size_t i = 0; i < la && i < lb; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

double
now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

time_t
now_unix(void)
{
	return time(NULL);
}

void
iso_utc(time_t t, char out[21])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX (and '+' when asked) in place; returns the new length. */
size_t
pct_decode(char *s, size_t n, int plus_is_space)
{
	size_t i, o;

	for (i = o = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			s[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else if (s[i] == '+' && plus_is_space)
			s[o++] = ' ';
		else
			s[o++] = s[i];
	}
	s[o] = '\0';
	return o;
}

/*
 * Parses application/x-www-form-urlencoded (also query strings) into the
 * list, keeping repeated keys in order. Returns -1 on an embedded NUL.
 */
int
parse_urlencoded(struct arena *a, struct kvlist *l, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t end = i;
		while (end < n && s[end] != '&')
			end++;
		if (end > i) {
			size_t eq = i;
			while (eq < end && s[eq] != '=')
				eq++;
			char *k = arena_strndup(a, s + i, eq - i);
			size_t klen = pct_decode(k, eq - i, 1);
			size_t rawlen = eq < end ? end - eq - 1 : 0;
			char *v = arena_strndup(a, s + (eq < end ? eq + 1 : end),
			    rawlen);
			size_t vlen = pct_decode(v, rawlen, 1);
			/* A NUL, raw or encoded, would cut the value short. */
			if (strlen(k) != klen || strlen(v) != vlen)
				return -1;
			kv_add(a, l, k, v, vlen);
		}
		i = end + 1;
	}
	return 0;
}
