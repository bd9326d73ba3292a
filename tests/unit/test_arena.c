/*
 * Unit tests for src/lib/arena.c: the per-request arena (allocations,
 * string helpers, deferred cleanups) and the growable buffer.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* ---- arena ---- */

START_TEST(test_many_small)
{
	struct arena	 a = { 0 };
	unsigned char	*p[3000];

	ck_assert_ptr_null(a.chunks);
	/* 3000 * ~16..48 bytes spans several 16 KiB chunks */
	for (int i = 0; i < 3000; i++) {
		size_t n = 1 + (size_t)(i % 40);
		p[i] = arena_alloc(&a, n);
		ck_assert_ptr_nonnull(p[i]);
		ck_assert_uint_eq((uintptr_t)p[i] % 16, 0);
		memset(p[i], i & 0xff, n);
	}
	ck_assert_ptr_nonnull(a.chunks);
	/* nothing overlapped: every block still holds its own byte */
	for (int i = 0; i < 3000; i++) {
		size_t n = 1 + (size_t)(i % 40);
		for (size_t j = 0; j < n; j++)
			ck_assert_uint_eq(p[i][j], (unsigned)(i & 0xff));
	}
	arena_reset(&a);
	ck_assert_ptr_null(a.chunks);
	ck_assert_ptr_null(a.defers);
}
END_TEST

START_TEST(test_large)
{
	struct arena	 a = { 0 };
	size_t		 big = 16 * 1024 + 1000;
	char		*s1 = arena_alloc(&a, 10);
	char		*b = arena_alloc(&a, big);
	char		*s2 = arena_alloc(&a, 10);

	memset(s1, 'a', 10);
	memset(b, 'B', big);
	memset(s2, 'c', 10);
	for (size_t i = 0; i < big; i++)
		ck_assert_int_eq(b[i], 'B');
	for (size_t i = 0; i < 10; i++) {
		ck_assert_int_eq(s1[i], 'a');
		ck_assert_int_eq(s2[i], 'c');
	}
	/* a 1 MiB block too */
	char *huge = arena_alloc(&a, 1 << 20);
	memset(huge, 0x5a, 1 << 20);
	ck_assert_int_eq(huge[(1 << 20) - 1], 0x5a);
	ck_assert_int_eq(b[big - 1], 'B');
	arena_reset(&a);
	ck_assert_ptr_null(a.chunks);
}
END_TEST

START_TEST(test_calloc)
{
	struct arena	 a = { 0 };

	/*
	 * Dirty the heap first: a freed block of the chunk's size is what
	 * malloc hands the arena next, so calloc must really zero it.
	 */
	void *dirty = malloc(16 * 1024 + 32);
	memset(dirty, 0xff, 16 * 1024 + 32);
	free(dirty);
	memset(arena_alloc(&a, 1000), 0xff, 1000);
	unsigned char *z = arena_calloc(&a, 5000);
	for (size_t i = 0; i < 5000; i++)
		ck_assert_uint_eq(z[i], 0);
	arena_reset(&a);
}
END_TEST

START_TEST(test_strings)
{
	struct arena	 a = { 0 };
	const char	*src = "hello, world";

	char *d = arena_strdup(&a, src);
	ck_assert_str_eq(d, src);
	ck_assert_ptr_ne(d, src);
	ck_assert_ptr_null(arena_strdup(&a, NULL));

	char *n = arena_strndup(&a, src, 5);
	ck_assert_str_eq(n, "hello");
	ck_assert_uint_eq(strlen(n), 5);
	n = arena_strndup(&a, src, 0);
	ck_assert_str_eq(n, "");
	/* copies exactly n bytes even across a NUL */
	n = arena_strndup(&a, "ab\0cd", 5);
	ck_assert(memcmp(n, "ab\0cd", 6) == 0);

	char *p = arena_printf(&a, "%s-%d-%05.1f-%x", "id", 42, 3.14159, 255);
	ck_assert_str_eq(p, "id-42-003.1-ff");
	p = arena_printf(&a, "%s", "");
	ck_assert_str_eq(p, "");

	/* a formatted string longer than a chunk */
	char *longs = arena_printf(&a, "%*s|", 20000, "x");
	ck_assert_uint_eq(strlen(longs), 20001);
	ck_assert_int_eq(longs[19999], 'x');
	ck_assert_int_eq(longs[20000], '|');
	ck_assert_int_eq(longs[0], ' ');
	arena_reset(&a);
}
END_TEST

static int	order[16];
static int	norder;
static int	tags[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };

static void
record(void *p)
{
	order[norder++] = *(int *)p;
}

START_TEST(test_defer_order)
{
	struct arena a = { 0 };

	norder = 0;
	arena_defer(&a, record, &tags[1]);
	arena_alloc(&a, 20000);		/* defers span chunks */
	arena_defer(&a, record, &tags[2]);
	arena_alloc(&a, 100);
	arena_defer(&a, record, &tags[3]);
	ck_assert_int_eq(norder, 0);
	arena_reset(&a);
	ck_assert_int_eq(norder, 3);
	ck_assert_int_eq(order[0], 3);
	ck_assert_int_eq(order[1], 2);
	ck_assert_int_eq(order[2], 1);
	ck_assert_ptr_null(a.defers);
	ck_assert_ptr_null(a.chunks);

	/* a second reset runs nothing again; the arena is reusable */
	arena_reset(&a);
	ck_assert_int_eq(norder, 3);
	arena_defer(&a, record, &tags[7]);
	arena_reset(&a);
	ck_assert_int_eq(norder, 4);
	ck_assert_int_eq(order[3], 7);
}
END_TEST

static void
free_it(void *p)
{
	free(p);
}

START_TEST(test_defer_frees)
{
	struct arena a = { 0 };

	/* under valgrind this shows the deferred free really runs */
	for (int i = 0; i < 10; i++)
		arena_defer(&a, free_it, malloc(100));
	arena_reset(&a);
	ck_assert_ptr_null(a.defers);
}
END_TEST

/* ---- buf ---- */

START_TEST(test_buf_growth)
{
	struct buf	 b = { 0 };
	char		 want[16];
	size_t		 off = 0;

	for (int i = 0; i < 10000; i++) {
		if (i % 3 == 0)
			buf_addf(&b, "%d,", i);
		else if (i % 3 == 1)
			buf_add(&b, "xy", 2);
		else {
			buf_adds(&b, "z");
			buf_addc(&b, ';');
		}
	}
	ck_assert_ptr_nonnull(b.s);
	ck_assert_uint_ge(b.cap, b.len + 1);
	ck_assert_int_eq(b.s[b.len], '\0');
	for (int i = 0; i < 10000; i++) {
		if (i % 3 == 0)
			snprintf(want, sizeof want, "%d,", i);
		else if (i % 3 == 1)
			strcpy(want, "xy");
		else
			strcpy(want, "z;");
		size_t n = strlen(want);
		ck_assert_msg(off + n <= b.len, "short at %d", i);
		ck_assert_msg(memcmp(b.s + off, want, n) == 0,
		    "mismatch at piece %d", i);
		off += n;
	}
	ck_assert_uint_eq(off, b.len);
	ck_assert_uint_eq(strlen(b.s), b.len);
	buf_free(&b);
	ck_assert_ptr_null(b.s);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
}
END_TEST

START_TEST(test_buf_binary)
{
	struct buf b = { 0 };

	buf_add(&b, "a\0b", 3);
	buf_addc(&b, '\0');
	ck_assert_uint_eq(b.len, 4);
	ck_assert(memcmp(b.s, "a\0b\0\0", 5) == 0);
	/* adding nothing still leaves a terminated string */
	buf_free(&b);
	buf_add(&b, "", 0);
	ck_assert_ptr_nonnull(b.s);
	ck_assert_str_eq(b.s, "");
	ck_assert_uint_eq(b.len, 0);
	/* reusing after len = 0, as resp_raw does */
	buf_adds(&b, "first");
	b.len = 0;
	buf_adds(&b, "2nd");
	ck_assert_str_eq(b.s, "2nd");
	buf_free(&b);
}
END_TEST

START_TEST(test_buf_addf_long)
{
	struct buf	 b = { 0 };
	char		 big[1001];

	for (int i = 0; i < 1000; i++)
		big[i] = (char)('a' + i % 26);
	big[1000] = '\0';

	buf_adds(&b, "<");
	buf_addf(&b, "[%s|%d]", big, 7);
	buf_adds(&b, ">");
	ck_assert_uint_eq(b.len, 1 + 1 + 1000 + 3 + 1);
	ck_assert_int_eq(b.s[0], '<');
	ck_assert_int_eq(b.s[1], '[');
	ck_assert(memcmp(b.s + 2, big, 1000) == 0);
	ck_assert_str_eq(b.s + 1002, "|7]>");
	buf_free(&b);

	/* the 255/256 boundary of the small buffer */
	char s255[256], s256[257];
	memset(s255, 'q', 255);
	s255[255] = '\0';
	memset(s256, 'r', 256);
	s256[256] = '\0';
	buf_addf(&b, "%s", s255);
	ck_assert_uint_eq(b.len, 255);
	ck_assert_str_eq(b.s, s255);
	buf_addf(&b, "%s", s256);
	ck_assert_uint_eq(b.len, 511);
	ck_assert_str_eq(b.s + 255, s256);
	buf_free(&b);
}
END_TEST

static Suite *
arena_suite(void)
{
	Suite	*s = suite_create("arena");
	TCase	*tc;

	tc = tcase_create("arena");
	tcase_add_test(tc, test_many_small);
	tcase_add_test(tc, test_large);
	tcase_add_test(tc, test_calloc);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_defer_order);
	tcase_add_test(tc, test_defer_frees);
	suite_add_tcase(s, tc);

	tc = tcase_create("buf");
	tcase_add_test(tc, test_buf_growth);
	tcase_add_test(tc, test_buf_binary);
	tcase_add_test(tc, test_buf_addf_long);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(arena_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
