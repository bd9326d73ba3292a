/*
 * Unit tests for the pure parts of the judgments family: the content hash
 * of spec 6 on every fixture, the metadata the parser extracts, NCN slugs,
 * word tokens, URI and FCLID checks, and Casegate's court table against the
 * fixtures' courts.tsv. The family's files are compiled in: the Makefile
 * links unit tests with the shared core only.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "util.h"

#include "../../src/judgments/judgments.h"

static char *
fixture_path(const char *name)
{
	static char	 p[4096];
	const char	*home = getenv("CASEGATE_HOME");

	snprintf(p, sizeof(p), "%s/../shared/fixtures/caselaw/%s",
	    home ? home : ".", name);
	return p;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s;

	ck_assert_msg(f != NULL, "%s", path);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc(*len + 1);
	ck_assert_uint_eq(fread(s, 1, *len, f), *len);
	s[*len] = '\0';
	fclose(f);
	return s;
}

static const struct {
	const char *file, *hash, *ncn, *slug, *court, *date, *transform, *title;
} fx[] = {
	{ "uksc-2013-32.xml",
	  "d57807e4d1b623498724331e7c88c229b573ed8906be3da6aac370fd62b5c84d",
	  "[2013] UKSC 32", "uksc/2013/32", "UKSC", "2013-05-22",
	  "2024-08-13 18:31:28", "Public Prosecution Service v McKee" },
	{ "ukut-lc-2022-26.xml",
	  "7f18683aca948563abcfd9338a69ec531aba0474dc945261e46954bab481693f",
	  "[2022] UKUT 26 (LC)", "ukut/lc/2022/26", "UKUT-LC", "2022-02-01",
	  "2024-08-12 19:21:29", "GURMAIL GILL v THE ROYAL BOROUGH OF GREENWICH" },
	{ "ewca-civ-2023-657.xml",
	  "40e7d138e12f0b335d3609d6b77e1cd819183479743934148bbf1a9fc5fa912f",
	  "[2023] EWCA Civ 657", "ewca/civ/2023/657", "EWCA-Civil", "2023-06-09",
	  "2026-01-22 09:58:33", "DR SANJAY PITALIA v NHS ENGLAND" },
	{ "ewhc-fam-2024-306.xml",
	  "76588d5ef5107bf36bdc97e8b1b995c7b083617b71f6b3f69a4c118a60bf0875",
	  "[2024] EWHC 306 (Fam)", "ewhc/fam/2024/306", "EWHC-Family",
	  "2024-02-21", "2026-01-22 09:58:18", "ZS v THE ESTATE OF NJ" },
	{ "ewca-civ-2025-673.xml",
	  "ec73392c9542a95c9d2658f24cd364a7b32ab86ec3e44cf6b4ac0321dbdc3249",
	  "[2025] EWCA Civ 673", "ewca/civ/2025/673", "EWCA-Civil", "2025-05-23",
	  "2025-05-23 09:03:35", "Tortoise Media Limited, R (on the application "
	  "of) v Conservative and Unionist Party" },
};

START_TEST(fixture_hash_and_metadata)
{
	struct arena	 a = { 0 };
	struct akn	 d;
	const char	*why;
	size_t		 len;
	char		*xml = slurp(fixture_path(fx[_i].file), &len);

	ck_assert_int_eq(akn_parse(&a, xml, len, &d, &why), 0);
	ck_assert_str_eq(d.hash, fx[_i].hash);
	ck_assert_str_eq(d.stated_hash, fx[_i].hash);
	ck_assert_str_eq(d.ncn, fx[_i].ncn);
	ck_assert_str_eq(d.ncn_slug, fx[_i].slug);
	ck_assert_str_eq(d.court, fx[_i].court);
	ck_assert_str_eq(d.work_date, fx[_i].date);
	ck_assert_str_eq(d.transform_date, fx[_i].transform);
	ck_assert_str_eq(d.title, fx[_i].title);
	ck_assert_ptr_nonnull(strstr(d.body_tokens, " "));
	free(xml);
	arena_reset(&a);
}
END_TEST

static const char *
hash_of(struct arena *a, const char *xml)
{
	struct akn	 d;
	const char	*why;

	if (akn_parse(a, xml, strlen(xml), &d, &why) != 0)
		return why;
	return arena_strdup(a, d.hash);
}

START_TEST(hash_rules)
{
	struct arena a = { 0 };
	char want[65];
#define AKN "<akomaNtoso xmlns=\"" AKN_NS "\">"
	/* No text: the hash of the empty string. */
	ck_assert_str_eq(hash_of(&a, AKN "<judgment><meta>x y</meta></judgment>"
	    "</akomaNtoso>"),
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	/* Meta, attributes, comments and PIs do not count; white space of
	 * every kind is deleted; CDATA and the text after </meta> count. */
	sha256_hex("abcdef", 6, want);
	ck_assert_str_eq(hash_of(&a, AKN "<judgment><meta>zz</meta>a<p x=\"q\">"
	    "b \t\n c<!-- no --><?pi no?></p><![CDATA[d]]>e\xc2\xa0\xe2\x80\x83"
	    "f\xe3\x80\x80</judgment></akomaNtoso>"), want);
	/* Not XML, not AKN, a DOCTYPE: refused with a reason. */
	ck_assert_ptr_nonnull(strstr(hash_of(&a, "<akomaNtoso>"), "well-formed"));
	ck_assert_ptr_nonnull(strstr(hash_of(&a, "<akomaNtoso/>"), "Akoma Ntoso"));
	ck_assert_ptr_nonnull(strstr(hash_of(&a, "<!DOCTYPE a [<!ENTITY e "
	    "\"x\">]>" AKN "<meta/></akomaNtoso>"), "DOCTYPE"));
	ck_assert_ptr_nonnull(strstr(hash_of(&a, AKN "</akomaNtoso>"), "meta"));
	ck_assert_ptr_nonnull(strstr(hash_of(&a, ""), "well-formed"));
	arena_reset(&a);
}
END_TEST

START_TEST(ncn_slugs)
{
	const struct { const char *ncn, *slug; } t[] = {
		{ "[2023] EWHC 257 (Ch)", "ewhc/ch/2023/257" },
		{ "[2013] UKSC 32", "uksc/2013/32" },
		{ "[2023] UKIPTrib 11", "ukiptrib/2023/11" },
		{ "[2025] EWCA Crim 1", "ewca/crim/2025/1" },
		{ "[2024] EWCOP 51 (T1)", "ewcop/t1/2024/51" },
		{ "[2024] EWCOP 5", "ewcop/2024/5" },
		{ "[2025] EWFC 79 (B)", "ewfc/b/2025/79" },
		{ "[2024] UKFTT 1069 (GRC)", "ukftt/grc/2024/1069" },
		{ "[2024] EAT 100", "eat/2024/100" },
		{ "[2009] UKAIT 10", "ukait/2009/10" },
		{ "[2022] UKUT 26 (LC)", "ukut/lc/2022/26" },
	};
	const char *bad[] = { "[2023] EWHC 257", "[2023] EWCA 1", "[23] UKSC 1",
	    "[2023] UKSC 1 ", "2023 UKSC 1", "[2023] EWHC 1 (Chancery)", "" };
	char out[256];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_int_eq(ncn_to_slug(t[i].ncn, out, sizeof(out)), 0);
		ck_assert_str_eq(out, t[i].slug);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(ncn_to_slug(bad[i], out, sizeof(out)) != 0, "%s",
		    bad[i]);
}
END_TEST

START_TEST(tokens_uris_fclids)
{
	struct arena a = { 0 };

	ck_assert_str_eq(tokens_of(&a, "Smith vs. JONES, [2023]  EWCA-Civ"),
	    " smith v jones 2023 ewca civ ");
	ck_assert_str_eq(tokens_of(&a, "KING\xe2\x80\x99S bench"), " king s bench ");
	ck_assert_str_eq(tokens_of(&a, "  "), " ");
	ck_assert_int_eq(uri_valid("ewca/civ/2023/657"), 1);
	ck_assert_int_eq(uri_valid("d-5b0f7c1e-2d4a-4c8e-9f3b-6a1d2e3f4a5b"), 1);
	ck_assert_int_eq(uri_valid("/ewca"), 0);
	ck_assert_int_eq(uri_valid("ewca/"), 0);
	ck_assert_int_eq(uri_valid("ewca//civ"), 0);
	ck_assert_int_eq(uri_valid("tna.abcd"), 0);
	ck_assert_int_eq(uri_valid("EWCA"), 0);
	ck_assert_int_eq(uri_valid(""), 0);
	ck_assert_int_eq(fclid_valid("mnpq6rst"), 1);
	ck_assert_int_eq(fclid_valid("abcd"), 0);
	ck_assert_int_eq(fclid_valid("bcd"), 0);
	for (int i = 0; i < 100; i++) {
		char f[FCLID_LEN + 1];
		fclid_random(f);
		ck_assert_int_eq(fclid_valid(f), 1);
		ck_assert_uint_eq(strlen(f), 8);
	}
	arena_reset(&a);
}
END_TEST

/* Casegate's own court table says what courts.tsv says, row for row. */
START_TEST(court_table_matches_courts_tsv)
{
	FILE	*f = fopen(fixture_path("courts.tsv"), "r");
	char	 line[4096];
	size_t	 n = 0;

	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	while (fgets(line, sizeof(line), f)) {
		char *c[13] = { 0 }, *s = line;
		line[strcspn(line, "\r\n")] = '\0';
		for (int i = 0; i < 13 && s; i++) {
			c[i] = s;
			if ((s = strchr(s, '\t')) != NULL)
				*s++ = '\0';
		}
		ck_assert_uint_lt(n, ncourts);
		ck_assert_str_eq(courts[n].code, c[0]);
		ck_assert_str_eq(courts[n].name, c[1]);
		ck_assert_str_eq(courts[n].param, c[2]);
		ck_assert_str_eq(courts[n].aliases, c[3]);
		ck_assert_int_eq(courts[n].tribunal, strcmp(c[4], "tribunal") == 0);
		ck_assert_str_eq(courts[n].prefix, c[11]);
		ck_assert_ptr_eq(court_by_code(c[0]), &courts[n]);
		n++;
	}
	fclose(f);
	ck_assert_uint_eq(n, ncourts);
	ck_assert_ptr_null(court_by_code("TENNIS"));
	ck_assert_ptr_nonnull(court_by_code("ewca-civil"));
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("judgments_unit");
	TCase *t = tcase_create("judgments");
	tcase_add_loop_test(t, fixture_hash_and_metadata, 0,
	    (int)(sizeof(fx) / sizeof(fx[0])));
	tcase_add_test(t, hash_rules);
	tcase_add_test(t, ncn_slugs);
	tcase_add_test(t, tokens_uris_fclids);
	tcase_add_test(t, court_table_matches_courts_tsv);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
