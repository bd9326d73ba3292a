/*
 * Times one password check as POST /token does it, for `make bench`: hashes
 * a password once with password_hash() (Casegate's argon2id parameters,
 * src/lib/auth.c), then times password_verify() RUNS times on one core and
 * prints the median.
 *
 *   argon2_time [RUNS]
 *
 * Output, one "key value" pair a line:
 *   runs 20
 *   hash_ms 24.1        one password_hash()
 *   verify_median_ms 23.8
 *   verify_min_ms 23.1
 *   verify_max_ms 27.0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"

static double
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	const char	*pw = "bench-correct-horse-battery";
	char		 hash[HASH_MAX];
	int		 runs = argc > 1 ? atoi(argv[1]) : 20;
	double		*t, t0, hash_ms, median;

	if (runs < 1 || runs > 1000) {
		fprintf(stderr, "usage: argon2_time [RUNS 1..1000]\n");
		return 2;
	}
	if ((t = calloc((size_t)runs, sizeof(*t))) == NULL)
		return 1;
	t0 = now_ms();
	if (password_hash(pw, hash) != 0) {
		fprintf(stderr, "argon2_time: password_hash failed\n");
		return 1;
	}
	hash_ms = now_ms() - t0;
	/* One untimed check first: page in the library and the allocator. */
	if (!password_verify(hash, pw) || password_verify(hash, "wrong")) {
		fprintf(stderr, "argon2_time: password_verify gave a wrong answer\n");
		return 1;
	}
	for (int i = 0; i < runs; i++) {
		t0 = now_ms();
		int ok = password_verify(hash, pw);
		t[i] = now_ms() - t0;
		if (!ok) {
			fprintf(stderr, "argon2_time: password_verify failed\n");
			return 1;
		}
	}
	qsort(t, (size_t)runs, sizeof(*t), cmp_double);
	median = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
	printf("runs %d\nhash_ms %.2f\nverify_median_ms %.2f\n"
	    "verify_min_ms %.2f\nverify_max_ms %.2f\n",
	    runs, hash_ms, median, t[0], t[runs - 1]);
	free(t);
	return 0;
}
