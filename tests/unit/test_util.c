/*
 * Unit tests for src/lib/util.c: identifiers, randomness, hashing,
 * percent-decoding, urlencoded parsing, key/value lists and time.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "util.h"

static int
is_lower_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* ---- uuid4 ---- */

START_TEST(test_uuid4_format)
{
	char u[37];

	for (int n = 0; n < 200; n++) {
		memset(u, 'X', sizeof(u));
		uuid4(u);
		ck_assert_uint_eq(strlen(u), 36);
		for (int i = 0; i < 36; i++) {
			if (i == 8 || i == 13 || i == 18 || i == 23)
				ck_assert_msg(u[i] == '-', "uuid %s: no dash at %d",
				    u, i);
			else
				ck_assert_msg(is_lower_hex(u[i]),
				    "uuid %s: non-hex at %d", u, i);
		}
		ck_assert_msg(u[14] == '4', "uuid %s: version nibble", u);
		ck_assert_msg(strchr("89ab", u[19]) != NULL && u[19] != '\0',
		    "uuid %s: variant nibble %c", u, u[19]);
		ck_assert_int_eq(uuid_valid(u), 1);
	}
}
END_TEST

START_TEST(test_uuid4_differs)
{
	char a[37], b[37];

	uuid4(a);
	uuid4(b);
	ck_assert_str_ne(a, b);
}
END_TEST

/* ---- uuid_valid ---- */

START_TEST(test_uuid_valid)
{
	ck_assert_int_eq(uuid_valid("123e4567-e89b-42d3-a456-426614174000"), 1);
	/* either case */
	ck_assert_int_eq(uuid_valid("123E4567-E89B-42D3-A456-426614174ABC"), 1);
	/* wrong length: one short, one long, empty */
	ck_assert_int_eq(uuid_valid("123e4567-e89b-42d3-a456-42661417400"), 0);
	ck_assert_int_eq(uuid_valid("123e4567-e89b-42d3-a456-4266141740000"), 0);
	ck_assert_int_eq(uuid_valid(""), 0);
	/* bad characters */
	ck_assert_int_eq(uuid_valid("123e4567-e89b-42d3-a456-42661417400g"), 0);
	ck_assert_int_eq(uuid_valid("123e4567-e89b-42d3-a456-42661417 000"), 0);
	/* dash misplaced (same length) */
	ck_assert_int_eq(uuid_valid("123e456-7e89b-42d3-a456-426614174000"), 0);
	ck_assert_int_eq(uuid_valid("123e4567e-89b-42d3-a456-426614174000"), 0);
	/* no dashes at all, padded to 36 */
	ck_assert_int_eq(uuid_valid("123e4567ae89ba42d3aa456a426614174000"), 0);
	/* a dash where a hex digit belongs */
	ck_assert_int_eq(uuid_valid("123e4567-e89b-42d3-a456-4266141740-0"), 0);
	ck_assert_int_eq(uuid_valid(NULL), 0);
}
END_TEST

/* ---- random_alnum ---- */

START_TEST(test_random_alnum)
{
	char	buf[200];
	int	seen_upper = 0, seen_lower = 0, seen_digit = 0;

	for (size_t n = 0; n < 150; n += 7) {
		memset(buf, '#', sizeof(buf));
		random_alnum(buf, n);
		ck_assert_msg(buf[n] == '\0', "no NUL at %zu", n);
		ck_assert_uint_eq(strlen(buf), n);
		ck_assert_msg(buf[n + 1] == '#', "wrote past NUL at %zu", n);
		for (size_t i = 0; i < n; i++) {
			char c = buf[i];
			int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9');
			ck_assert_msg(ok, "char %d at %zu", c, i);
			seen_upper |= c >= 'A' && c <= 'Z';
			seen_lower |= c >= 'a' && c <= 'z';
			seen_digit |= c >= '0' && c <= '9';
		}
	}
	/* ~1500 draws: every class shows up with overwhelming probability */
	ck_assert(seen_upper && seen_lower && seen_digit);

	char a[33], b[33];
	random_alnum(a, 32);
	random_alnum(b, 32);
	ck_assert_str_ne(a, b);
}
END_TEST

/* ---- sha256_hex ---- */

START_TEST(test_sha256_hex)
{
	char out[65];

	memset(out, 'X', sizeof(out));
	sha256_hex("abc", 3, out);
	ck_assert_str_eq(out,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex("", 0, out);
	ck_assert_str_eq(out,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ck_assert_uint_eq(strlen(out), 64);
}
END_TEST

/* ---- ct_equal ---- */

START_TEST(test_ct_equal)
{
	ck_assert_int_eq(ct_equal("secret", "secret"), 1);
	ck_assert_int_eq(ct_equal("", ""), 1);
	ck_assert_int_eq(ct_equal("secret", "secreT"), 0);
	ck_assert_int_eq(ct_equal("secret", "Secret"), 0);
	ck_assert_int_eq(ct_equal("secret", "secre"), 0);
	ck_assert_int_eq(ct_equal("secre", "secret"), 0);
	ck_assert_int_eq(ct_equal("", "x"), 0);
	ck_assert_int_eq(ct_equal("x", ""), 0);
}
END_TEST

/* ---- pct_decode ---- */

static size_t
dec(char *buf, size_t cap, const char *in, int plus)
{
	size_t n = strlen(in);
	ck_assert_uint_lt(n, cap);
	memcpy(buf, in, n + 1);
	return pct_decode(buf, n, plus);
}

START_TEST(test_pct_decode)
{
	char b[64];

	ck_assert_uint_eq(dec(b, sizeof b, "%41", 0), 1);
	ck_assert_str_eq(b, "A");
	ck_assert_uint_eq(dec(b, sizeof b, "x%41y%62z", 0), 5);
	ck_assert_str_eq(b, "xAybz");
	/* hex digits in either case */
	ck_assert_uint_eq(dec(b, sizeof b, "%2f%2F", 0), 2);
	ck_assert_str_eq(b, "//");
	/* '+' is a space only when asked */
	ck_assert_uint_eq(dec(b, sizeof b, "a+b", 1), 3);
	ck_assert_str_eq(b, "a b");
	ck_assert_uint_eq(dec(b, sizeof b, "a+b", 0), 3);
	ck_assert_str_eq(b, "a+b");
	/* %2B is a literal plus either way */
	ck_assert_uint_eq(dec(b, sizeof b, "%2B", 1), 1);
	ck_assert_str_eq(b, "+");
	/* truncated escapes at the end are kept literally */
	ck_assert_uint_eq(dec(b, sizeof b, "ab%4", 0), 4);
	ck_assert_str_eq(b, "ab%4");
	ck_assert_uint_eq(dec(b, sizeof b, "ab%", 0), 3);
	ck_assert_str_eq(b, "ab%");
	ck_assert_uint_eq(dec(b, sizeof b, "%", 1), 1);
	ck_assert_str_eq(b, "%");
	/* non-hex escapes are kept literally */
	ck_assert_uint_eq(dec(b, sizeof b, "%zz", 0), 3);
	ck_assert_str_eq(b, "%zz");
	ck_assert_uint_eq(dec(b, sizeof b, "%4z%", 0), 4);
	ck_assert_str_eq(b, "%4z%");
	/* a literal %25 followed by hex is not decoded twice */
	ck_assert_uint_eq(dec(b, sizeof b, "%2541", 0), 3);
	ck_assert_str_eq(b, "%41");
	ck_assert_uint_eq(dec(b, sizeof b, "", 1), 0);
	ck_assert_str_eq(b, "");

	/* an escape cut off by n is kept, even when the byte after n is hex */
	strcpy(b, "%41");
	ck_assert_uint_eq(pct_decode(b, 2, 0), 2);
	ck_assert_str_eq(b, "%4");
	strcpy(b, "x%41");
	ck_assert_uint_eq(pct_decode(b, 2, 0), 2);
	ck_assert_str_eq(b, "x%");
	/* only the first n bytes are decoded */
	strcpy(b, "%41%42");
	ck_assert_uint_eq(pct_decode(b, 3, 0), 1);
	ck_assert_str_eq(b, "A");
	/* %00 decodes to a NUL byte, reflected by the returned length */
	strcpy(b, "a%00b");
	ck_assert_uint_eq(pct_decode(b, 5, 0), 3);
	ck_assert(b[0] == 'a' && b[1] == '\0' && b[2] == 'b');
}
END_TEST

START_TEST(test_hexval)
{
	ck_assert_int_eq(hexval('0'), 0);
	ck_assert_int_eq(hexval('9'), 9);
	ck_assert_int_eq(hexval('a'), 10);
	ck_assert_int_eq(hexval('F'), 15);
	ck_assert_int_eq(hexval('g'), -1);
	ck_assert_int_eq(hexval('G'), -1);
	ck_assert_int_eq(hexval('%'), -1);
	ck_assert_int_eq(hexval('\0'), -1);
}
END_TEST

/* ---- parse_urlencoded / kv ---- */

static int
parse(struct arena *a, struct kvlist *l, const char *s)
{
	memset(l, 0, sizeof(*l));
	return parse_urlencoded(a, l, s, strlen(s));
}

START_TEST(test_parse_repeated)
{
	struct arena	a = { 0 };
	struct kvlist	l;

	ck_assert_int_eq(parse(&a, &l, "a=1&b=2&a=3&a=4"), 0);
	ck_assert_uint_eq(l.n, 4);
	ck_assert_str_eq(l.v[0].key, "a");
	ck_assert_str_eq(l.v[0].val, "1");
	ck_assert_str_eq(l.v[1].key, "b");
	ck_assert_str_eq(l.v[1].val, "2");
	ck_assert_str_eq(l.v[2].key, "a");
	ck_assert_str_eq(l.v[2].val, "3");
	ck_assert_str_eq(l.v[3].key, "a");
	ck_assert_str_eq(l.v[3].val, "4");
	ck_assert_uint_eq(l.v[3].len, 1);
	/* kv_get returns the first */
	ck_assert_str_eq(kv_get(&l, "a"), "1");
	ck_assert_str_eq(kv_get(&l, "b"), "2");
	ck_assert_ptr_null(kv_get(&l, "c"));
	ck_assert_ptr_null(kv_get(&l, "A"));
	ck_assert_uint_eq(kv_count(&l, "a"), 3);
	ck_assert_uint_eq(kv_count(&l, "b"), 1);
	ck_assert_uint_eq(kv_count(&l, "c"), 0);
	arena_reset(&a);
}
END_TEST

START_TEST(test_parse_empty_and_bare)
{
	struct arena	a = { 0 };
	struct kvlist	l;

	ck_assert_int_eq(parse(&a, &l, "empty=&bare&x=1"), 0);
	ck_assert_uint_eq(l.n, 3);
	ck_assert_str_eq(l.v[0].key, "empty");
	ck_assert_str_eq(l.v[0].val, "");
	ck_assert_uint_eq(l.v[0].len, 0);
	ck_assert_str_eq(l.v[1].key, "bare");
	ck_assert_str_eq(l.v[1].val, "");
	ck_assert_uint_eq(l.v[1].len, 0);
	ck_assert_str_eq(l.v[2].key, "x");
	ck_assert_str_eq(l.v[2].val, "1");
	ck_assert_str_eq(kv_get(&l, "empty"), "");
	ck_assert_str_eq(kv_get(&l, "bare"), "");

	/* empty pieces are skipped; '=' inside a value is kept */
	ck_assert_int_eq(parse(&a, &l, "&&k=a=b&&"), 0);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_str_eq(l.v[0].key, "k");
	ck_assert_str_eq(l.v[0].val, "a=b");
	ck_assert_uint_eq(l.v[0].len, 3);

	ck_assert_int_eq(parse(&a, &l, ""), 0);
	ck_assert_uint_eq(l.n, 0);
	ck_assert_ptr_null(kv_get(&l, "k"));
	ck_assert_uint_eq(kv_count(&l, "k"), 0);
	arena_reset(&a);
}
END_TEST

START_TEST(test_parse_decoding)
{
	struct arena	a = { 0 };
	struct kvlist	l;

	ck_assert_int_eq(parse(&a, &l,
	    "first+name=John+Smith&city=New%20York&q=a%2Bb&k%3Dy=v%26w"), 0);
	ck_assert_uint_eq(l.n, 4);
	ck_assert_str_eq(l.v[0].key, "first name");
	ck_assert_str_eq(l.v[0].val, "John Smith");
	ck_assert_uint_eq(l.v[0].len, 10);
	ck_assert_str_eq(kv_get(&l, "city"), "New York");
	ck_assert_uint_eq(l.v[1].len, 8);
	ck_assert_str_eq(kv_get(&l, "q"), "a+b");
	ck_assert_str_eq(kv_get(&l, "k=y"), "v&w");
	arena_reset(&a);
}
END_TEST

START_TEST(test_parse_nul)
{
	struct arena	a = { 0 };
	struct kvlist	l;

	ck_assert_int_eq(parse(&a, &l, "a=x%00y"), -1);
	ck_assert_int_eq(parse(&a, &l, "a%00b=x"), -1);
	ck_assert_int_eq(parse(&a, &l, "ok=1&a=%00"), -1);
	/* literal text "%00" via %25 is fine */
	ck_assert_int_eq(parse(&a, &l, "a=%2500"), 0);
	ck_assert_str_eq(kv_get(&l, "a"), "%00");
	arena_reset(&a);
}
END_TEST

START_TEST(test_parse_length_bound)
{
	struct arena	a = { 0 };
	struct kvlist	l = { 0 };
	const char	*s = "a=1&b=2";

	/* only n bytes are read */
	ck_assert_int_eq(parse_urlencoded(&a, &l, s, 5), 0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(kv_get(&l, "a"), "1");
	ck_assert_str_eq(kv_get(&l, "b"), "");
	arena_reset(&a);
}
END_TEST

START_TEST(test_kv_many)
{
	struct arena	a = { 0 };
	struct kvlist	l = { 0 };
	char		*keys[100];

	/* grows past the initial capacity of 16 several times */
	for (int i = 0; i < 100; i++) {
		keys[i] = arena_printf(&a, "k%d", i);
		kv_add(&a, &l, keys[i], arena_printf(&a, "v%d", i * 2),
		    strlen(arena_printf(&a, "v%d", i * 2)));
	}
	kv_add(&a, &l, "k7", "again", 5);
	ck_assert_uint_eq(l.n, 101);
	for (int i = 0; i < 100; i++) {
		char want[16];
		snprintf(want, sizeof want, "v%d", i * 2);
		ck_assert_str_eq(l.v[i].key, keys[i]);
		ck_assert_str_eq(kv_get(&l, keys[i]), want);
		ck_assert_uint_eq(l.v[i].len, strlen(want));
	}
	ck_assert_uint_eq(kv_count(&l, "k7"), 2);
	ck_assert_uint_eq(kv_count(&l, "k8"), 1);
	ck_assert_str_eq(l.v[100].val, "again");
	arena_reset(&a);
}
END_TEST

/* ---- time ---- */

START_TEST(test_iso_utc)
{
	char out[21];

	memset(out, 'X', sizeof(out));
	iso_utc(0, out);
	ck_assert_str_eq(out, "1970-01-01T00:00:00Z");
	iso_utc(1767323045, out);	/* 2026-01-02 03:04:05 UTC */
	ck_assert_str_eq(out, "2026-01-02T03:04:05Z");
	iso_utc(951782400, out);	/* leap day 2000 */
	ck_assert_str_eq(out, "2000-02-29T00:00:00Z");
}
END_TEST

START_TEST(test_now)
{
	time_t	t = now_unix();
	double	m1 = now_mono(), m2 = now_mono();

	ck_assert(t > 1700000000);
	ck_assert(labs((long)(t - time(NULL))) <= 1);
	ck_assert(m2 >= m1);
	ck_assert(m1 > 0);
}
END_TEST

static Suite *
util_suite(void)
{
	Suite	*s = suite_create("util");
	TCase	*tc;

	tc = tcase_create("ids");
	tcase_add_test(tc, test_uuid4_format);
	tcase_add_test(tc, test_uuid4_differs);
	tcase_add_test(tc, test_uuid_valid);
	tcase_add_test(tc, test_random_alnum);
	tcase_add_test(tc, test_sha256_hex);
	tcase_add_test(tc, test_ct_equal);
	suite_add_tcase(s, tc);

	tc = tcase_create("decoding");
	tcase_add_test(tc, test_hexval);
	tcase_add_test(tc, test_pct_decode);
	tcase_add_test(tc, test_parse_repeated);
	tcase_add_test(tc, test_parse_empty_and_bare);
	tcase_add_test(tc, test_parse_decoding);
	tcase_add_test(tc, test_parse_nul);
	tcase_add_test(tc, test_parse_length_bound);
	tcase_add_test(tc, test_kv_many);
	suite_add_tcase(s, tc);

	tc = tcase_create("time");
	tcase_add_test(tc, test_iso_utc);
	tcase_add_test(tc, test_now);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(util_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
