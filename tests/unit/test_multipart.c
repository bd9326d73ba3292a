/*
 * Unit tests for src/cases/multipart.c, the bounded multipart/form-data
 * parser of document uploads: boundaries, parts and their dispositions,
 * binary data, the part-count and header-length limits, and every kind of
 * malformed body (each refused, none read past its end). The parser is
 * compiled into this test directly; it is not part of the shared library.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "../../src/cases/multipart.c"

static const struct mp_limits lim = { .max_parts = 4, .max_header = 256 };
static const char *CT = "multipart/form-data; boundary=XyZ";

static enum mp_err
parse(struct arena *a, const char *ct, const char *body, size_t len,
    struct mp_part **p, size_t *n)
{
	/* A heap copy of exactly len bytes, so ASan sees any overread. */
	char *copy = malloc(len ? len : 1);
	memcpy(copy, body, len);
	enum mp_err e = mp_parse(a, ct, copy, len, &lim, p, n);
	if (e == MP_OK)
		for (size_t i = 0; i < *n; i++)	/* data points into the body */
			(*p)[i].data = arena_strndup(a, (*p)[i].data, (*p)[i].len);
	free(copy);
	return e;
}

START_TEST(test_boundary)
{
	char b[MP_BOUNDARY_MAX + 1];

	ck_assert_int_eq(mp_boundary("multipart/form-data; boundary=abc", b,
	    sizeof(b)), MP_OK);
	ck_assert_str_eq(b, "abc");
	ck_assert_int_eq(mp_boundary("Multipart/Form-Data;charset=utf-8; "
	    "BOUNDARY=\"a b;c\"", b, sizeof(b)), MP_OK);
	ck_assert_str_eq(b, "a b;c");
	ck_assert_int_eq(mp_boundary("multipart/mixed; boundary=abc", b,
	    sizeof(b)), MP_NO_BOUNDARY);
	ck_assert_int_eq(mp_boundary("multipart/form-data", b, sizeof(b)),
	    MP_NO_BOUNDARY);
	ck_assert_int_eq(mp_boundary("multipart/form-data; boundary=", b,
	    sizeof(b)), MP_NO_BOUNDARY);
	ck_assert_int_eq(mp_boundary("multipart/form-data; boundary=\"abc", b,
	    sizeof(b)), MP_NO_BOUNDARY);
	ck_assert_int_eq(mp_boundary(NULL, b, sizeof(b)), MP_NO_BOUNDARY);
	char longb[200];
	snprintf(longb, sizeof(longb), "multipart/form-data; boundary=%071d", 0);
	ck_assert_int_eq(mp_boundary(longb, b, sizeof(b)), MP_NO_BOUNDARY);
}
END_TEST

START_TEST(test_parts)
{
	struct arena	 a = { 0 };
	struct mp_part	*p;
	size_t		 n;
	static const char body[] =
	    "preamble\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n"
	    "\r\n"
	    "Lease\r\n"
	    "--XyZ  \r\n"
	    "content-disposition: form-data; name=file; filename=\"a \\\"b\\\".pdf\"\r\n"
	    "Content-Type: application/pdf \r\n"
	    "X-Other: ignored\r\n"
	    "\r\n"
	    "%PDF\0\r\n--XY\r\n"
	    "--XyZ--\r\n"
	    "epilogue";

	ck_assert_int_eq(parse(&a, CT, body, sizeof(body) - 1, &p, &n), MP_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(p[0].name, "title");
	ck_assert_ptr_null(p[0].filename);
	ck_assert_ptr_null(p[0].ctype);
	ck_assert_uint_eq(p[0].len, 5);
	ck_assert(memcmp(p[0].data, "Lease", 5) == 0);
	ck_assert_str_eq(p[1].name, "file");
	ck_assert_str_eq(p[1].filename, "a \"b\".pdf");
	ck_assert_str_eq(p[1].ctype, "application/pdf");
	ck_assert_uint_eq(p[1].len, 11);	/* binary, NUL and a near-delimiter */
	ck_assert(memcmp(p[1].data, "%PDF\0\r\n--XY", 11) == 0);

	/* No preamble, an empty part, the close right away. */
	static const char b2[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"e\"\r\n\r\n\r\n--XyZ--";
	ck_assert_int_eq(parse(&a, CT, b2, sizeof(b2) - 1, &p, &n), MP_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(p[0].len, 0);
	ck_assert_int_eq(parse(&a, CT, "--XyZ--", 7, &p, &n), MP_OK);
	ck_assert_uint_eq(n, 0);
	arena_reset(&a);
}
END_TEST

START_TEST(test_limits)
{
	struct arena	 a = { 0 };
	struct mp_part	*p;
	size_t		 n;
	struct buf	 b = { 0 };

	for (int i = 0; i < 5; i++)
		buf_addf(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"p%d\""
		    "\r\n\r\nv\r\n", i);
	buf_adds(&b, "--XyZ--");
	ck_assert_int_eq(parse(&a, CT, b.s, b.len, &p, &n), MP_TOO_MANY_PARTS);
	buf_free(&b);

	buf_adds(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"x\"\r\n"
	    "X-Pad: ");
	for (int i = 0; i < 300; i++)
		buf_addc(&b, 'a');
	buf_adds(&b, "\r\n\r\nv\r\n--XyZ--");
	ck_assert_int_eq(parse(&a, CT, b.s, b.len, &p, &n), MP_HEADER_TOO_LONG);
	/* The same without the end of its headers at all. */
	b.len -= 14;
	ck_assert_int_eq(parse(&a, CT, b.s, b.len, &p, &n), MP_HEADER_TOO_LONG);
	buf_free(&b);
	arena_reset(&a);
}
END_TEST

START_TEST(test_malformed)
{
	static const char *const bad[] = {
		"",						/* empty */
		"no delimiter at all",
		"--XyZ",					/* nothing after */
		"--XyZ\r\n",					/* no headers */
		"--XyZ\r\n\r\nv\r\n--XyZ--",			/* no disposition */
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nv\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n"
		    "Content-Disposition: form-data; name=b\r\n\r\nv\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv",	/* no close */
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ",
		"--XyZ\r\nno colon here\r\n\r\nv\r\n--XyZ--",
		"--XyZ\r\n: empty name\r\n\r\nv\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\nX: y\r\n\r\nv\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; =a\r\n\r\nv\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\r\n\r\nv\r\n--XyZ--",
		"--XyZjunk\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ--",
	};
	struct arena	 a = { 0 };
	struct mp_part	*p;
	size_t		 n;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(parse(&a, CT, bad[i], strlen(bad[i]), &p, &n) ==
		    MP_MALFORMED, "accepted #%zu: %s", i, bad[i]);
	/* A NUL inside the headers. */
	static const char nul[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=a\0b\r\n\r\nv\r\n--XyZ--";
	ck_assert_int_eq(parse(&a, CT, nul, sizeof(nul) - 1, &p, &n),
	    MP_MALFORMED);
	ck_assert_int_eq(parse(&a, "application/json", "{}", 2, &p, &n),
	    MP_NO_BOUNDARY);
	ck_assert_str_eq(mp_err_text(MP_TOO_MANY_PARTS),
	    "The multipart body has too many parts");
	arena_reset(&a);
}
END_TEST

/* Every prefix of a good body: refused or parsed, never read past. */
START_TEST(test_truncations)
{
	static const char body[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"file\"; filename=\"x.txt\"\r\nContent-Type: text/plain\r\n\r\n"
	    "hello\r\n--XyZ\r\nContent-Disposition: form-data; name=n\r\n\r\n"
	    "v\r\n--XyZ--\r\n";
	struct arena	 a = { 0 };
	struct mp_part	*p;
	size_t		 n;

	for (size_t len = 0; len < sizeof(body) - 1; len++) {
		enum mp_err e = parse(&a, CT, body, len, &p, &n);
		ck_assert_msg(e == MP_MALFORMED || (e == MP_OK && len >=
		    sizeof(body) - 3), "prefix %zu: %d", len, e);
	}
	ck_assert_int_eq(parse(&a, CT, body, sizeof(body) - 1, &p, &n), MP_OK);
	ck_assert_uint_eq(n, 2);
	arena_reset(&a);
}
END_TEST

static Suite *
multipart_suite(void)
{
	Suite *s = suite_create("multipart");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, test_boundary);
	tcase_add_test(tc, test_parts);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_truncations);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(multipart_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
