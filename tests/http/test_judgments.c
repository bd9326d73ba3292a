/*
 * HTTP tests for the judgments family against the real stack: the import
 * and the content hash of every fixture, data.xml byte for byte (and valid
 * against the FCL schema), the Atom feed's parameters, orders, paging links,
 * court forms, matching, dates, bad values, the deprecated paths, 304s, the
 * JSON twin, PUT, and the per-address rate limit (over CGI, with a small
 * configured limit). The fixtures are read from $CG_HOME/../shared/fixtures.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"

#define NFIX 5

struct fixture {
	char	 file[64], uri[128], ncn[64], slug[64], fclid[16], court[32];
	char	 work_date[16], hash[65];
};

static struct fixture	 fx[NFIX];
static char		 fixdir[1024];

/* manifest.tsv: file document_uri ncn ncn_slug fclid fclid_slug xml_court ... */
static void
load_manifest(void)
{
	char	 path[4096], line[8192];
	FILE	*f;
	int	 n = 0;

	snprintf(fixdir, sizeof(fixdir), "%s/../shared/fixtures/caselaw",
	    getenv("CG_HOME"));
	snprintf(path, sizeof(path), "%s/manifest.tsv", fixdir);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	while (n < NFIX && fgets(line, sizeof(line), f)) {
		char *c[20] = { 0 }, *s = line;
		for (int i = 0; i < 20 && s; i++) {
			c[i] = s;
			if ((s = strchr(s, '\t')) != NULL)
				*s++ = '\0';
		}
		snprintf(fx[n].file, 64, "%s", c[0]);
		snprintf(fx[n].uri, 128, "%s", c[1]);
		snprintf(fx[n].ncn, 64, "%s", c[2]);
		snprintf(fx[n].slug, 64, "%s", c[3]);
		snprintf(fx[n].fclid, 16, "%s", c[4]);
		snprintf(fx[n].court, 32, "%s", c[6]);
		snprintf(fx[n].work_date, 16, "%s", c[9]);
		snprintf(fx[n].hash, 65, "%s", c[13]);
		n++;
	}
	fclose(f);
	ck_assert_int_eq(n, NFIX);
}

static void
setup(void)
{
	load_manifest();
}

/* The tna:uri values of a feed, space-separated, in order. */
static char *
uris(const char *body)
{
	static char	 out[4096];
	const char	*p = body;

	out[0] = '\0';
	while ((p = strstr(p, "<tna:uri>")) != NULL) {
		p += 9;
		size_t n = strcspn(p, "<");
		if (out[0])
			strcat(out, " ");
		strncat(out, p, n);
	}
	return out;
}

static char *
feed_uris(const char *path, long want)
{
	struct hres	 r;
	static char	 copy[4096];

	http(&r, "GET", path, NULL, NULL, 0);
	ck_assert_msg(r.status == want, "%s: %ld %s", path, r.status, r.body);
	snprintf(copy, sizeof(copy), "%s", uris(r.body));
	hres_free(&r);
	return copy;
}


/* The first column of a query's rows, space-separated (mariadb -N -B). */
static char *
sql_out(const char *stmt)
{
	static char	 out[8192];
	char		 cmd[8192], *db = config_value("CASEGATE_DB_NAME");
	FILE		*p;
	size_t		 n;

	snprintf(cmd, sizeof(cmd), "mariadb -N -B --socket=%s -uroot %s -e \"%s\"",
	    getenv("CG_DB_SOCKET"), db ? db : "casegate", stmt);
	free(db);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(out, 1, sizeof(out) - 1, p);
	pclose(p);
	out[n] = '\0';
	for (char *c = out; *c; c++)
		if (*c == '\n' || *c == '\t')
			*c = ' ';
	while (n > 0 && out[n - 1] == ' ')
		out[--n] = '\0';
	return out;
}

#define U1 "uksc/2013/32"
#define U2 "ukut/lc/2022/26"
#define U3 "ewca/civ/2023/657"
#define U4 "ewhc/fam/2024/306"
#define U5 "d-5b0f7c1e-2d4a-4c8e-9f3b-6a1d2e3f4a5b"

START_TEST(import_reports_and_is_idempotent)
{
	int	 rc;
	char	*out = admin_cli_out(NULL, &rc, "judgments import --manifest "
	    "%s/manifest.tsv %s", fixdir, fixdir);
	ck_assert_msg(rc == 0, "%s", out);
	ck_assert_msg(strstr(out, "5 files") && strstr(out, "5 unchanged"), "%s",
	    out);
	free(out);
	/* A bad file is named with its reason; the good one still goes in. */
	char dir[] = "/tmp/cg-jt-XXXXXX", cmd[8192];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "printf '<akomaNtoso>' >%s/broken.xml && "
	    "printf '<html/>' >%s/other.xml && cp %s/%s %s/good.xml", dir, dir,
	    fixdir, fx[0].file, dir);
	ck_assert_int_eq(system(cmd), 0);
	out = admin_cli_out(NULL, &rc, "judgments import --manifest "
	    "%s/manifest.tsv %s", fixdir, dir);
	ck_assert_int_eq(rc, 1);
	ck_assert_msg(strstr(out, "broken.xml: skipped: not well-formed XML"),
	    "%s", out);
	ck_assert_msg(strstr(out, "other.xml: skipped: not an Akoma Ntoso"), "%s",
	    out);
	ck_assert_msg(strstr(out, "3 files") && strstr(out, "2 skipped"), "%s",
	    out);
	free(out);
	/* Unknown options and bad identifiers are refused. */
	ck_assert_int_ne(admin_cli(NULL, "judgments import --bogus %s", dir), 0);
	ck_assert_int_ne(admin_cli(NULL, "judgments import --uri /bad/ %s/good.xml",
	    dir), 0);
	ck_assert_int_ne(admin_cli(NULL, "judgments import --fclid aeiou "
	    "%s/good.xml", dir), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	/* good.xml was not in the manifest: it went to its NCN's document. */
	ck_assert_str_eq(feed_uris("/atom.xml", 200),
	    U5 " " U4 " " U3 " " U2 " " U1);
}
END_TEST

START_TEST(content_hash_of_every_fixture)
{
	struct hres r;

	http(&r, "GET", "/atom.xml", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	for (int i = 0; i < NFIX; i++) {
		char want[200];
		snprintf(want, sizeof(want), "<tna:contenthash>%s</tna:contenthash>",
		    fx[i].hash);
		ck_assert_msg(strstr(r.body, want) != NULL, "%s", fx[i].file);
	}
	hres_free(&r);
}
END_TEST

START_TEST(data_xml_byte_for_byte)
{
	for (int i = 0; i < NFIX; i++) {
		char path[4096], file[4096], fcl[64];
		size_t len;
		snprintf(file, sizeof(file), "%s/%s", fixdir, fx[i].file);
		char *want = file_read(file, &len);
		ck_assert_ptr_nonnull(want);
		snprintf(fcl, sizeof(fcl), "tna.%s", fx[i].fclid);
		const char *ways[] = { fx[i].uri, fx[i].slug, fcl };
		for (int k = 0; k < 3; k++) {
			struct hres r;
			snprintf(path, sizeof(path), "/%s/data.xml", ways[k]);
			http(&r, "GET", path, NULL, NULL, 0);
			ck_assert_msg(r.status == 200, "%s: %ld", path, r.status);
			ck_assert_uint_eq(r.len, len);
			ck_assert_int_eq(memcmp(r.body, want, len), 0);
			char *ct = hres_header(&r, "Content-Type");
			ck_assert_str_eq(ct, "application/akn+xml");
			free(ct);
			hres_free(&r);
		}
		free(want);
	}
}
END_TEST

START_TEST(data_xml_validates_against_schema)
{
	for (int i = 0; i < NFIX; i++) {
		char cmd[8192], path[300];
		struct hres r;
		snprintf(path, sizeof(path), "/%s/data.xml", fx[i].uri);
		http(&r, "GET", path, NULL, NULL, 0);
		ck_assert_int_eq(r.status, 200);
		char tmp[] = "/tmp/cg-jx-XXXXXX";
		int fd = mkstemp(tmp);
		ck_assert_int_eq(write(fd, r.body, r.len), (ssize_t)r.len);
		close(fd);
		snprintf(cmd, sizeof(cmd), "xmllint --noout --nonet --schema "
		    "%s/../schemas/fcl/akn-modified.xsd %s >/dev/null 2>&1", fixdir,
		    tmp);
		ck_assert_msg(system(cmd) == 0, "%s does not validate", fx[i].file);
		unlink(tmp);
		hres_free(&r);
	}
}
END_TEST

START_TEST(data_xml_not_found)
{
	const char *paths[] = { "/nope/1/data.xml", "/tna.zzzzzzzz/data.xml",
	    "/UKSC/2013/32/data.xml", "/uksc/2013/32.x/data.xml",
	    "/uksc/2013/data.xml", "/ewca/data.xml", NULL };
	for (int i = 0; paths[i]; i++) {
		struct hres r;
		http(&r, "GET", paths[i], NULL, NULL, 0);
		ck_assert_msg(r.status == 404, "%s: %ld", paths[i], r.status);
		char *ct = hres_header(&r, "Content-Type");
		ck_assert_ptr_nonnull(strstr(ct, "text/plain"));
		free(ct);
		hres_free(&r);
	}
}
END_TEST

START_TEST(feed_is_well_formed_atom)
{
	struct hres r;
	http(&r, "GET", "/atom.xml?per_page=2&court=ewca/civ", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	char *ct = hres_header(&r, "Content-Type");
	ck_assert_str_eq(ct, "application/xml; charset=utf-8");
	free(ct);
	ck_assert_int_eq(strncmp(r.body, "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
	    38), 0);
	ck_assert_ptr_nonnull(strstr(r.body, "<feed xmlns=\"http://www.w3.org/2005/"
	    "Atom\" xmlns:tna=\"https://caselaw.nationalarchives.gov.uk\" "
	    "xml:lang=\"en-us\">"));
	ck_assert_ptr_nonnull(strstr(r.body, "<title>Latest documents from Court "
	    "of Appeal (Civil Division), sorted by date the document was first "
	    "published by the court (newest first)</title>"));
	ck_assert_ptr_nonnull(strstr(r.body, "<entry>"));
	ck_assert_ptr_nonnull(strstr(r.body, "<summary type=\"html\"/>"));
	ck_assert_ptr_nonnull(strstr(r.body, "<tna:identifier slug=\"ewca/civ/2025/"
	    "673\" type=\"ukncn\">[2025] EWCA Civ 673</tna:identifier>"));
	ck_assert_ptr_nonnull(strstr(r.body, "<tna:identifier slug=\"tna.mnpq6rst\" "
	    "type=\"fclid\">mnpq6rst</tna:identifier>"));
	ck_assert_ptr_nonnull(strstr(r.body, "<id>https://caselaw.nationalarchives."
	    "gov.uk/id/" U5 "</id>"));
	ck_assert_ptr_nonnull(strstr(r.body, "<link href=\"https://assets.caselaw."
	    "nationalarchives.gov.uk/" U5 "/" U5 ".pdf\" rel=\"alternate\" "
	    "type=\"application/pdf\"/>"));
	ck_assert_ptr_nonnull(strstr(r.body, "<tna:assets_base href=\"https://"
	    "assets.caselaw.nationalarchives.gov.uk/ewca/civ/2023/657/\"/>"));
	ck_assert_ptr_nonnull(strstr(r.body, "<published>2025-05-23T00:00:00+00:00"
	    "</published><updated>2025-05-23T09:03:35+00:00</updated><author>"
	    "<name>Court of Appeal (Civil Division)</name></author>"));
	/* The feed's updated: the latest entry date on the page. */
	ck_assert_ptr_nonnull(strstr(r.body, "<updated>2026-01-22T09:58:33+00:00"
	    "</updated><author><name>The National Archives</name>"));
	char tmp[] = "/tmp/cg-jf-XXXXXX", cmd[256];
	int fd = mkstemp(tmp);
	ck_assert_int_eq(write(fd, r.body, r.len), (ssize_t)r.len);
	close(fd);
	snprintf(cmd, sizeof(cmd), "xmllint --noout --nonet %s", tmp);
	ck_assert_int_eq(system(cmd), 0);
	unlink(tmp);
	hres_free(&r);
	/* HEAD: the same headers, no body. */
	http(&r, "HEAD", "/atom.xml", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_uint_eq(r.len, 0);
	hres_free(&r);
}
END_TEST

START_TEST(orders_and_tie_break)
{
	ck_assert_str_eq(feed_uris("/atom.xml", 200), U5 " " U4 " " U3 " " U2 " " U1);
	ck_assert_str_eq(feed_uris("/atom.xml?order=-date", 200),
	    U5 " " U4 " " U3 " " U2 " " U1);
	ck_assert_str_eq(feed_uris("/atom.xml?order=date", 200),
	    U1 " " U2 " " U3 " " U4 " " U5);
	ck_assert_str_eq(feed_uris("/atom.xml?order=transformation", 200),
	    U2 " " U1 " " U5 " " U4 " " U3);
	ck_assert_str_eq(feed_uris("/atom.xml?order=-transformation", 200),
	    U3 " " U4 " " U5 " " U1 " " U2);
	/* updated: all five stored at the same instant tie, URI ascending. */
	sql("UPDATE judgments SET updated_at = '2026-01-01 00:00:00'");
	ck_assert_str_eq(feed_uris("/atom.xml?order=updated", 200),
	    U5 " " U3 " " U4 " " U1 " " U2);
	ck_assert_str_eq(feed_uris("/atom.xml?order=-updated", 200),
	    U5 " " U3 " " U4 " " U1 " " U2);
	sql("UPDATE judgments SET updated_at = '2026-01-02 00:00:00' WHERE uri = "
	    "'" U1 "'");
	ck_assert_str_eq(feed_uris("/atom.xml?order=-updated", 200),
	    U1 " " U5 " " U3 " " U4 " " U2);
	ck_assert_str_eq(feed_uris("/atom.xml?order=updated&per_page=2&page=3", 200),
	    U1);
}
END_TEST

START_TEST(paging_links)
{
	struct hres r;
	const char *base = "https://caselaw.nationalarchives.gov.uk/atom.xml";
	char want[512];

	http(&r, "GET", "/atom.xml?per_page=2&court=ewca%2Fciv,uksc,ukut&order=date",
	    NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	snprintf(want, sizeof(want), "<link href=\"%s?per_page=2&amp;court=ewca%%2F"
	    "civ%%2Cuksc%%2Cukut&amp;order=date\" rel=\"self\"/>", base);
	ck_assert_msg(strstr(r.body, want) != NULL, "%s", r.body);
	snprintf(want, sizeof(want), "<link href=\"%s?per_page=2&amp;court=ewca%%2F"
	    "civ%%2Cuksc%%2Cukut&amp;order=date&amp;page=2\" rel=\"last\"/>", base);
	ck_assert_ptr_nonnull(strstr(r.body, want));
	ck_assert_ptr_nonnull(strstr(r.body, "page=2\" rel=\"next\"/>"));
	ck_assert_ptr_null(strstr(r.body, "rel=\"previous\""));
	ck_assert_str_eq(uris(r.body), U1 " " U2);
	hres_free(&r);
	/* page comes out of the base and goes last; spaces are '+'. */
	http(&r, "GET", "/atom.xml?page=2&per_page=2&party=&judge=lord+justice",
	    NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	snprintf(want, sizeof(want), "<link href=\"%s?per_page=2&amp;judge=lord+"
	    "justice&amp;page=1\" rel=\"previous\"/>", base);
	ck_assert_msg(strstr(r.body, want) != NULL, "%s", r.body);
	ck_assert_ptr_nonnull(strstr(r.body, "judge=lord+justice&amp;page=1\" "
	    "rel=\"last\"/>"));
	ck_assert_ptr_null(strstr(r.body, "rel=\"next\""));
	ck_assert_str_eq(uris(r.body), "");
	hres_free(&r);
	http(&r, "GET", "/atom.xml?per_page=2&page=3", NULL, NULL, 0);
	ck_assert_ptr_nonnull(strstr(r.body, "per_page=2&amp;page=3\" rel=\"last\""));
	ck_assert_ptr_nonnull(strstr(r.body, "per_page=2&amp;page=2\" rel=\"previous\""));
	ck_assert_ptr_null(strstr(r.body, "rel=\"next\""));
	ck_assert_str_eq(uris(r.body), U1);
	hres_free(&r);
	/* Empty result: last is page 1; no parameters: ?page=N. */
	http(&r, "GET", "/atom.xml", NULL, NULL, 0);
	snprintf(want, sizeof(want), "<link href=\"%s?page=1\" rel=\"last\"/>", base);
	ck_assert_ptr_nonnull(strstr(r.body, want));
	snprintf(want, sizeof(want), "<link href=\"%s\" rel=\"self\"/>", base);
	ck_assert_ptr_nonnull(strstr(r.body, want));
	hres_free(&r);
	http(&r, "GET", "/atom.xml?query=nosuchwordanywhere", NULL, NULL, 0);
	ck_assert_ptr_nonnull(strstr(r.body, "query=nosuchwordanywhere&amp;page=1\" "
	    "rel=\"last\"/>"));
	hres_free(&r);
	/* per_page over 50 is 50; a page past the end is empty, not an error. */
	ck_assert_str_eq(feed_uris("/atom.xml?per_page=500", 200),
	    U5 " " U4 " " U3 " " U2 " " U1);
	ck_assert_str_eq(feed_uris("/atom.xml?page=10000", 200), "");
}
END_TEST

START_TEST(court_forms)
{
	const struct { const char *q, *want; } t[] = {
		{ "court=ewca", U5 " " U3 },
		{ "court=ewca/civ", U5 " " U3 },
		{ "court=ewca%2Fciv", U5 " " U3 },
		{ "court=EWCA-Civil", U5 " " U3 },
		{ "court=ewca-civil", U5 " " U3 },
		{ "court=EWCA/Civ", U5 " " U3 },
		{ "court=uksc", U1 },
		{ "court=UKSC", U1 },
		{ "court=ewhc", U4 },
		{ "court=ewhc/fam", U4 },
		{ "court=EWHC-Family", U4 },
		{ "court=ukut", U2 },
		{ "court=ukut/lc", U2 },
		{ "tribunal=ukut/lc", U2 },
		{ "tribunal=UKUT-LC", U2 },
		{ "court=uksc,ukut/lc", U2 " " U1 },
		{ "court=uksc+,+ewhc/fam", U4 " " U1 },
		{ "court=uksc&court=ewhc/fam", U4 " " U1 },
		{ "court=uksc&tribunal=ukut/lc", U2 " " U1 },
		{ "court=ewhc/kb", "" },
		{ "court=ewhc/qb", "" },
		{ "court=ewhc/costs", "" },
		{ "court=ukait", "" },
		{ "court=ukftt/tc", "" },
		{ "court=eat", "" },
		{ "court=", U5 " " U4 " " U3 " " U2 " " U1 },
		{ NULL, NULL }
	};
	char path[300];
	for (int i = 0; t[i].q; i++) {
		snprintf(path, sizeof(path), "/atom.xml?%s", t[i].q);
		ck_assert_msg(strcmp(feed_uris(path, 200), t[i].want) == 0, "%s",
		    t[i].q);
	}
	const char *bad[] = { "court=tennis", "court=uksc,tennis", "tribunal=ewca/x",
	    "court=ewca/", "court=/uksc", "court=ew", NULL };
	for (int i = 0; bad[i]; i++) {
		snprintf(path, sizeof(path), "/atom.xml?%s", bad[i]);
		struct hres r;
		http(&r, "GET", path, NULL, NULL, 0);
		ck_assert_msg(r.status == 400, "%s: %ld", bad[i], r.status);
		ck_assert_ptr_nonnull(strstr(r.body, "unknown court"));
		hres_free(&r);
	}
}
END_TEST

/* Every code, URL form and alias of courts.tsv is accepted. */
START_TEST(every_court_of_the_list_is_accepted)
{
	char path[4096], line[4096];
	snprintf(path, sizeof(path), "%s/courts.tsv", fixdir);
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
	int n = 0;
	while (fgets(line, sizeof(line), f)) {
		char *c[13] = { 0 }, *s = line;
		for (int i = 0; i < 13 && s; i++) {
			c[i] = s;
			if ((s = strchr(s, '\t')) != NULL)
				*s++ = '\0';
		}
		const char *forms[] = { c[0], c[2], c[3], c[11] };
		for (int k = 0; k < 4; k++) {
			if (forms[k] == NULL || *forms[k] == '\0')
				continue;
			struct hres r;
			snprintf(path, sizeof(path), "/atom.xml?per_page=1&court=%s",
			    forms[k]);
			http(&r, "GET", path, NULL, NULL, 0);
			ck_assert_msg(r.status == 200, "%s: %ld", forms[k], r.status);
			hres_free(&r);
			n++;
		}
	}
	fclose(f);
	ck_assert_int_gt(n, 100);
}
END_TEST

START_TEST(query_words_and_phrases)
{
	const struct { const char *q, *want; } t[] = {
		{ "query=pitalia", U3 },
		{ "query=PITALIA", U3 },
		{ "query=Pitalia+NHS", U3 },
		{ "query=pitalia+greenwich", "" },
		{ "query=%22master+of+the+rolls%22", U5 },
		{ "query=%E2%80%9Cmaster+of+the+rolls%E2%80%9D", U5 },
		{ "query=%22rolls+the+of+master%22", "" },
		{ "query=rolls+the+of+master", U5 },
		{ "query=%22master+of+the+rolls", U5 },
		{ "query=%22rolls+master", "" },
		{ "query=tortoise+%22master+of+the+rolls%22", U5 },
		{ "query=%5B2023%5D+EWCA+Civ+657", U3 },
		{ "query=mckee", U1 },
		{ "query=Greenwich", U2 },
		{ "query=%22%22", U5 " " U4 " " U3 " " U2 " " U1 },
		{ NULL, NULL }
	};
	char path[600];
	for (int i = 0; t[i].q; i++) {
		snprintf(path, sizeof(path), "/atom.xml?%s", t[i].q);
		ck_assert_msg(strcmp(feed_uris(path, 200), t[i].want) == 0, "%s: %s",
		    t[i].q, feed_uris(path, 200));
	}
	struct hres r;
	http(&r, "GET", "/atom.xml?query=pitalia", NULL, NULL, 0);
	ck_assert_ptr_nonnull(strstr(r.body, "<title>Latest documents for "
	    "\"pitalia\", sorted by"));
	hres_free(&r);
}
END_TEST

/*
 * The feed's query path (params.c: cheap filters on judgments first, then
 * the text over judgment_search, sql/019) against the rules of spec 2.2
 * written as LOCATEs over the same tokens: a word is a token of the title, a
 * party or the body; a phrase is consecutive body tokens. Short words, "the",
 * digits, punctuation, phrases of two and more words, a very long word and
 * court filters, over the fixtures and one document made to hold the
 * edge cases (split and reversed phrases, one-letter words).
 */
#define WORD_RULE(w) "(LOCATE(' " w " ', s.title_tokens) > 0 OR " \
	"LOCATE(' " w " ', s.party_tokens) > 0 OR LOCATE(' " w " ', s.body_tokens) > 0)"
#define PHRASE_RULE(p) "LOCATE(' " p " ', s.body_tokens) > 0"
START_TEST(search_index_equals_rules)
{
	const struct { const char *q, *rule; } t[] = {
		{ "query=the", WORD_RULE("the") },
		{ "query=a", WORD_RULE("a") },
		{ "query=i", WORD_RULE("i") },
		{ "query=v", WORD_RULE("v") },
		{ "query=2023", WORD_RULE("2023") },
		{ "query=of+the", WORD_RULE("of") " AND " WORD_RULE("the") },
		{ "query=appeal+pitalia", WORD_RULE("appeal") " AND "
		    WORD_RULE("pitalia") },
		{ "query=zqxalpha", WORD_RULE("zqxalpha") },
		{ "query=don%27t", WORD_RULE("don") " AND " WORD_RULE("t") },
		{ "query=Zqx-Alpha%2C+beta.", WORD_RULE("zqx") " AND "
		    WORD_RULE("alpha") " AND " WORD_RULE("beta") },
		{ "query=%22the+appellant%22", PHRASE_RULE("the appellant") },
		{ "query=%22zqxalpha+zqxbeta%22", PHRASE_RULE("zqxalpha zqxbeta") },
		{ "query=%22zqxbeta+zqxalpha%22", PHRASE_RULE("zqxbeta zqxalpha") },
		{ "query=%22zqxgamma+zqxdelta%22", PHRASE_RULE("zqxgamma zqxdelta") },
		{ "query=%22a+i+zqxepsilon%22", PHRASE_RULE("a i zqxepsilon") },
		{ "query=%22court+of+appeal%22", PHRASE_RULE("court of appeal") },
		{ "query=%22master+of+the+rolls%22+the", PHRASE_RULE(
		    "master of the rolls") " AND " WORD_RULE("the") },
		{ "query=%22Appellant%2C+the%22", PHRASE_RULE("appellant the") },
		{ "query=" "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
		    "abcdefghijklmnopqrstuvwxyzabcdefghij", WORD_RULE(
		    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
		    "abcdefghijklmnopqrstuvwxyzabcdefghij") },
		{ "query=%22the+appellant%22&court=ewca", PHRASE_RULE(
		    "the appellant") " AND j.ncn_slug LIKE 'ewca/%'" },
		{ "query=appeal&court=uksc", WORD_RULE("appeal") " AND "
		    "j.ncn_slug LIKE 'uksc/%'" },
		{ NULL, NULL }
	};
	char *tok = admin_token(), auth[2048], file[4096], path[800], q[4096];
	size_t len;
	struct hres r;

	/* A document with the edge cases in its body, at a URI of its own. */
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", tok);
	const char *h[] = { auth, "Content-Type: application/akn+xml", NULL };
	snprintf(file, sizeof(file), "%s/%s", fixdir, fx[2].file);
	char *xml = file_read(file, &len), *b = strstr(xml, "<judgmentBody>");
	ck_assert_ptr_nonnull(b);
	b += strlen("<judgmentBody>");
	const char *extra = "<p>zqxAlpha zqxBeta; zqxGamma</p><p>zqxDelta, "
	    "a I zqxEpsilon. Don&#8217;t zqx-alpha beta "
	    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
	    "abcdefghijklmnopqrstuvwxyzabcdefghij</p>";
	size_t k = (size_t)(b - xml), e = strlen(extra);
	char *doc = malloc(len + e);
	memcpy(doc, xml, k);
	memcpy(doc + k, extra, e);
	memcpy(doc + k + e, xml + k, len - k);
	http(&r, "PUT", "/test/search/1/data.xml", h, doc, len + e);
	ck_assert_msg(r.status == 201, "%ld %s", r.status, r.body);
	hres_free(&r);
	for (int i = 0; t[i].q; i++) {
		snprintf(path, sizeof(path), "/atom.xml?%s", t[i].q);
		snprintf(q, sizeof(q), "SELECT j.uri FROM judgments j JOIN "
		    "judgment_search s ON s.judgment_id = j.id WHERE "
		    "j.published = 1 AND j.work_date IS NOT NULL AND %s ORDER BY "
		    "j.work_date DESC, j.uri", t[i].rule);
		char *want = strdup(sql_out(q));
		char *got = feed_uris(path, 200);
		ck_assert_msg(strcmp(got, want) == 0, "%s: feed [%s], rules [%s]",
		    t[i].q, got, want);
		free(want);
	}
	/* Consecutive across a paragraph edge (tokens ignore elements); reversed, not. */
	ck_assert_str_eq(feed_uris("/atom.xml?query=%22zqxgamma+zqxdelta%22",
	    200), "test/search/1");
	ck_assert_str_eq(feed_uris("/atom.xml?query=%22zqxbeta+zqxalpha%22",
	    200), "");
	/* Replaced: the old words go, the new ones come. */
	http(&r, "PUT", "/test/search/1/data.xml", h, xml, len);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	ck_assert_str_eq(feed_uris("/atom.xml?query=zqxalpha", 200), "");
	sql("DELETE FROM judgments WHERE uri LIKE 'test/%'");
	ck_assert_str_eq(sql_out("SELECT COUNT(*) FROM judgment_search s LEFT JOIN "
	    "judgments j ON j.id = s.judgment_id WHERE j.id IS NULL"), "0");
	ck_assert_str_eq(sql_out("SELECT COUNT(*) FROM judgment_xml x LEFT JOIN "
	    "judgments j ON j.id = x.judgment_id WHERE j.id IS NULL"), "0");
	free(doc);
	free(xml);
	free(tok);
}
END_TEST

START_TEST(party_and_judge)
{
	const struct { const char *q, *want; } t[] = {
		{ "party=nhs+england", U3 },
		{ "party=NHS+England", U3 },
		{ "party=england+nhs", "" },
		{ "party=greenwich", U2 },
		{ "party=royal+borough+of+greenwich", U2 },
		{ "party=tortoise+media", U5 },
		{ "party=mckee", U1 },
		{ "party=estate+of+nj", U4 },
		{ "judge=dingemans", U5 },
		{ "judge=Lord+Justice+Dingemans", U5 },
		{ "judge=dingemans,colton", U5 " " U4 },
		{ "judge=simon+colton+kc", U4 },
		{ "judge=colton+simon", "" },
		{ "judge=lady+justice+nicola+davies", U3 },
		{ "judge=vice-president", U3 },
		{ "judge=mckee", "" },
		{ "party=pitalia&judge=underhill", U3 },
		{ "party=pitalia&judge=dingemans", "" },
		{ NULL, NULL }
	};
	char path[600];
	for (int i = 0; t[i].q; i++) {
		snprintf(path, sizeof(path), "/atom.xml?%s", t[i].q);
		ck_assert_msg(strcmp(feed_uris(path, 200), t[i].want) == 0, "%s: %s",
		    t[i].q, feed_uris(path, 200));
	}
}
END_TEST

START_TEST(dates)
{
	const struct { const char *q, *want; } t[] = {
		{ "year=2023", U3 },
		{ "year=2013", U1 },
		{ "year=2020", "" },
		{ "from_date=2022-02-01", U5 " " U4 " " U3 " " U2 },
		{ "from_date=2022-02-02", U5 " " U4 " " U3 },
		{ "to_date=2022-02-01", U2 " " U1 },
		{ "from_date=2023-06-09&to_date=2024-02-21", U4 " " U3 },
		{ "from_date_2=2024", U5 " " U4 },
		{ "to_date_2=2022", U2 " " U1 },
		{ "to_date_1=2&to_date_2=2022", U2 " " U1 },
		{ "to_date_1=1&to_date_2=2022", U1 },
		{ "from_date_0=9&from_date_1=6&from_date_2=2023&to_date_0=9&"
		    "to_date_1=6&to_date_2=2023", U3 },
		{ "year=2024&from_date=2024-03-01", "" },
		{ "year=2024&to_date=2024-03-01", U4 },
		{ NULL, NULL }
	};
	char path[600];
	for (int i = 0; t[i].q; i++) {
		snprintf(path, sizeof(path), "/atom.xml?%s", t[i].q);
		ck_assert_msg(strcmp(feed_uris(path, 200), t[i].want) == 0, "%s: %s",
		    t[i].q, feed_uris(path, 200));
	}
}
END_TEST

START_TEST(bad_parameters_400)
{
	const char *bad[] = {
		"order=modified", "order=Date", "order=-", "order=relevance",
		"page=0", "page=-1", "page=abc", "page=1.5", "page=10001", "page=+1",
		"per_page=0", "per_page=-5", "per_page=x", "per_page=2.0",
		"from_date=2024-02-30", "from_date=2024-2-3", "from_date=20240203",
		"to_date=yesterday", "from_date=2024-01-02&to_date=2024-01-01",
		"year=24", "year=abcd", "year=20245", "year=2024&from_date=2025-01-01",
		"from_date_0=1", "from_date_0=32&from_date_2=2024",
		"from_date_1=13&from_date_2=2024", "to_date_0=30&to_date_1=2&to_date_2=2024",
		"from_date_2=x", "from_date_2=2025&to_date_2=2024",
		"minimum_availability=all", "minimum_availability=FULL-TEXT",
		"query=%FF", "query=%C3%28", "query=a%00b", "party=%ED%A0%80",
		"court=tennis", NULL
	};
	char path[1400];
	for (int i = 0; bad[i]; i++) {
		struct hres r;
		snprintf(path, sizeof(path), "/atom.xml?%s", bad[i]);
		http(&r, "GET", path, NULL, NULL, 0);
		ck_assert_msg(r.status == 400, "%s: %ld", bad[i], r.status);
		char *ct = hres_header(&r, "Content-Type");
		ck_assert_str_eq(ct, "text/plain; charset=utf-8");
		free(ct);
		ck_assert_uint_gt(r.len, 3);
		hres_free(&r);
		snprintf(path, sizeof(path), "/judgments?%s", bad[i]);
		http(&r, "GET", path, NULL, NULL, 0);
		ck_assert_msg(r.status == 400, "json %s: %ld", bad[i], r.status);
		hres_free(&r);
	}
	/* Too long: query over 1000 bytes, party and judge over 200. */
	char big[1100];
	memset(big, 'a', 1001);
	big[1001] = '\0';
	snprintf(path, sizeof(path), "/atom.xml?query=%s", big);
	ck_assert_str_eq(feed_uris(path, 400), "");
	big[1000] = '\0';
	snprintf(path, sizeof(path), "/atom.xml?query=%s", big);
	ck_assert_str_eq(feed_uris(path, 200), "");
	big[201] = '\0';
	snprintf(path, sizeof(path), "/atom.xml?party=%s", big);
	feed_uris(path, 400);
	snprintf(path, sizeof(path), "/atom.xml?judge=%s", big);
	feed_uris(path, 400);
	/* Good values of each, and an unknown parameter, are fine. */
	feed_uris("/atom.xml?minimum_availability=metadata&per_page=50&page=1&"
	    "order=-updated&whatever=1&query=+&unbalanced=%22", 200);
}
END_TEST

START_TEST(minimum_availability)
{
	sql("UPDATE judgments SET source_format = 'application/pdf' WHERE uri = '"
	    U1 "'");
	ck_assert_str_eq(feed_uris("/atom.xml", 200), U5 " " U4 " " U3 " " U2);
	ck_assert_str_eq(feed_uris("/atom.xml?minimum_availability=full-text", 200),
	    U5 " " U4 " " U3 " " U2);
	ck_assert_str_eq(feed_uris("/atom.xml?minimum_availability=document", 200),
	    U5 " " U4 " " U3 " " U2 " " U1);
	ck_assert_str_eq(feed_uris("/atom.xml?minimum_availability=metadata", 200),
	    U5 " " U4 " " U3 " " U2 " " U1);
	sql("UPDATE judgments SET source_format = NULL");
}
END_TEST

START_TEST(deprecated_paths_301)
{
	const struct { const char *from, *to; } t[] = {
		{ "/ewca/civ/atom.xml", "/atom.xml?court=ewca%2Fciv" },
		{ "/ewca/atom.xml", "/atom.xml?court=ewca" },
		{ "/uksc/2013/atom.xml", "/atom.xml?court=uksc&year=2013" },
		{ "/ewhc/fam/2024/atom.xml", "/atom.xml?court=ewhc%2Ffam&year=2024" },
		{ "/2023/atom.xml", "/atom.xml?year=2023" },
		{ "/ukftt/tc/atom.xml", "/atom.xml?court=ukftt%2Ftc" },
		{ "/ukiptrib/atom.xml", "/atom.xml?court=ukiptrib" },
		{ "/ewca/civ/atom.xml?order=date&court=uksc&page=2&year=1",
		    "/atom.xml?order=date&page=2&court=ewca%2Fciv" },
		{ "/2023/atom.xml?query=a+b", "/atom.xml?query=a+b&year=2023" },
		{ NULL, NULL }
	};
	for (int i = 0; t[i].from; i++) {
		struct hres r;
		http(&r, "GET", t[i].from, NULL, NULL, 0);
		ck_assert_msg(r.status == 301, "%s: %ld", t[i].from, r.status);
		char *loc = hres_header(&r, "Location");
		ck_assert_msg(loc && strcmp(loc, t[i].to) == 0, "%s -> %s", t[i].from,
		    loc);
		free(loc);
		hres_free(&r);
	}
	/* The target answers with the same documents. */
	ck_assert_str_eq(feed_uris("/atom.xml?court=ewhc%2Ffam&year=2024", 200), U4);
	const char *nf[] = { "/tennis/atom.xml", "/ewca/foo/atom.xml",
	    "/ewca/civ/x/2023/atom.xml", "/a/b/c/d/e/atom.xml", "/999/atom.xml", NULL };
	for (int i = 0; nf[i]; i++) {
		struct hres r;
		http(&r, "GET", nf[i], NULL, NULL, 0);
		ck_assert_msg(r.status == 404, "%s: %ld", nf[i], r.status);
		hres_free(&r);
	}
}
END_TEST

static char *
hdr(const char *path, const char *name, const char *const *h, long *st)
{
	struct hres r;
	http(&r, "GET", path, h, NULL, 0);
	*st = r.status;
	char *v = hres_header(&r, name);
	hres_free(&r);
	return v;
}

START_TEST(conditional_get_304)
{
	const char *paths[] = { "/" U1 "/data.xml", "/atom.xml?court=uksc",
	    "/judgments?court=uksc", NULL };
	for (int i = 0; paths[i]; i++) {
		long st;
		char *etag = hdr(paths[i], "ETag", NULL, &st);
		ck_assert_int_eq(st, 200);
		ck_assert_ptr_nonnull(etag);
		char *lm = hdr(paths[i], "Last-Modified", NULL, &st);
		ck_assert_ptr_nonnull(lm);
		char h1[200], h2[200];
		snprintf(h1, sizeof(h1), "If-None-Match: %s", etag);
		const char *a[] = { h1, NULL };
		free(hdr(paths[i], "ETag", a, &st));
		ck_assert_msg(st == 304, "%s: %ld", paths[i], st);
		snprintf(h1, sizeof(h1), "If-None-Match: \"other\", W/%s", etag);
		free(hdr(paths[i], "ETag", a, &st));
		ck_assert_int_eq(st, 304);
		snprintf(h2, sizeof(h2), "If-Modified-Since: %s", lm);
		const char *b[] = { h2, NULL };
		free(hdr(paths[i], "ETag", b, &st));
		ck_assert_int_eq(st, 304);
		/* If-None-Match decides when present, even if the date matches. */
		snprintf(h1, sizeof(h1), "If-None-Match: \"other\"");
		const char *c[] = { h1, h2, NULL };
		free(hdr(paths[i], "ETag", c, &st));
		ck_assert_int_eq(st, 200);
		const char *d[] = { "If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT",
		    NULL };
		free(hdr(paths[i], "ETag", d, &st));
		ck_assert_int_eq(st, 200);
		free(etag);
		free(lm);
	}
	/* The feed's ETag moves when a document on it changes. */
	long st;
	char *e1 = hdr("/atom.xml?court=uksc", "ETag", NULL, &st);
	sql("UPDATE judgments SET content_hash = REPEAT('0', 64), updated_at = "
	    "UTC_TIMESTAMP(6) WHERE uri = '" U1 "'");
	char *e2 = hdr("/atom.xml?court=uksc", "ETag", NULL, &st);
	ck_assert_str_ne(e1, e2);
	free(e1);
	free(e2);
	int rc;
	free(admin_cli_out(NULL, &rc, "judgments import --manifest %s/manifest.tsv "
	    "%s/%s", fixdir, fixdir, fx[0].file));
	/* Same bytes again: the hash column is what the import computes. */
	sql("UPDATE judgments SET content_hash = '" "d57807e4d1b623498724331e7c88c2"
	    "29b573ed8906be3da6aac370fd62b5c84d' WHERE uri = '" U1 "'");
}
END_TEST

START_TEST(json_page)
{
	struct hres r;
	http(&r, "GET", "/judgments?per_page=2&order=date", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(r.json);
	ck_assert_str_eq(jget(r.json, "page"), "1");
	ck_assert_str_eq(jget(r.json, "per_page"), "2");
	ck_assert_str_eq(jget(r.json, "total"), "5");
	ck_assert_str_eq(jget(r.json, "entries.0.uri"), U1);
	ck_assert_str_eq(jget(r.json, "entries.1.uri"), U2);
	ck_assert_str_eq(jget(r.json, "entries.0.contenthash"), fx[0].hash);
	ck_assert_str_eq(jget(r.json, "entries.0.title"),
	    "Public Prosecution Service v McKee");
	ck_assert_str_eq(jget(r.json, "entries.0.published"),
	    "2013-05-22T00:00:00+00:00");
	ck_assert_str_eq(jget(r.json, "entries.0.updated"),
	    "2024-08-13T18:31:28+00:00");
	ck_assert_str_eq(jget(r.json, "entries.0.author"),
	    "United Kingdom Supreme Court");
	ck_assert_str_eq(jget(r.json, "entries.0.identifiers.0.type"), "ukncn");
	ck_assert_str_eq(jget(r.json, "entries.0.identifiers.1.slug"),
	    "tna.bcdf2ghj");
	hres_free(&r);
	http(&r, "GET", "/judgments?page=9", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq((int)json_object_array_length(jfind(r.json, "entries")),
	    0);
	ck_assert_str_eq(jget(r.json, "total"), "5");
	hres_free(&r);
}
END_TEST

static char *
cgi(const char *env)
{
	char cmd[4096], *out;
	size_t n;
	snprintf(cmd, sizeof(cmd), "env -i CASEGATE_CONFIG=%s %s %s/judgments "
	    "</dev/null 2>/dev/null", getenv("CASEGATE_CONFIG"), env,
	    getenv("CG_CGI_DIR"));
	FILE *f = popen(cmd, "r");
	out = calloc(1, 1 << 20);
	n = fread(out, 1, (1 << 20) - 1, f);
	out[n] = '\0';
	pclose(f);
	return out;
}

START_TEST(rate_limit_per_address)
{
	char env[512], addr[64], *out;
	snprintf(addr, sizeof(addr), "203.0.113.%d", (int)(getpid() % 250) + 1);
	sql("DELETE FROM rate_hits WHERE k LIKE 'j:203.0.113.%'");
	snprintf(env, sizeof(env), "CASEGATE_JUDGMENTS_RATE_LIMIT=3/60 "
	    "REMOTE_ADDR=%s REQUEST_METHOD=GET PATH_INFO=/atom.xml "
	    "QUERY_STRING=per_page=1", addr);
	for (int i = 0; i < 3; i++) {
		out = cgi(env);
		ck_assert_msg(strstr(out, "Status: 200") != NULL, "%d: %.300s", i, out);
		ck_assert_ptr_nonnull(strstr(out, "x-rate-limit-limit: 3\r\n"));
		char want[64];
		snprintf(want, sizeof(want), "x-rate-limit-remaining: %d\r\n", 2 - i);
		ck_assert_msg(strstr(out, want) != NULL, "%.400s", out);
		free(out);
	}
	/* Every path counts: data.xml is over the limit too. */
	snprintf(env, sizeof(env), "CASEGATE_JUDGMENTS_RATE_LIMIT=3/60 "
	    "REMOTE_ADDR=%s REQUEST_METHOD=GET PATH_INFO=/uksc/2013/32/data.xml",
	    addr);
	out = cgi(env);
	ck_assert_msg(strstr(out, "Status: 429") != NULL, "%.300s", out);
	ck_assert_ptr_nonnull(strstr(out, "Retry-After: "));
	ck_assert_ptr_nonnull(strstr(out, "text/plain"));
	ck_assert_ptr_nonnull(strstr(out, "x-rate-limit-remaining: 0\r\n"));
	free(out);
	/* Another address is not affected. */
	snprintf(env, sizeof(env), "CASEGATE_JUDGMENTS_RATE_LIMIT=3/60 "
	    "REMOTE_ADDR=198.18.%d.9 REQUEST_METHOD=GET PATH_INFO=/atom.xml",
	    (int)(getpid() % 250));
	out = cgi(env);
	ck_assert_ptr_nonnull(strstr(out, "Status: 200"));
	free(out);
	/* The default over HTTP is 1000 per 300 s. */
	long st;
	char *lim = hdr("/atom.xml?per_page=1", "x-rate-limit-limit", NULL, &st);
	ck_assert_str_eq(lim, "1000");
	free(lim);
	/* A bad setting is a start-up error, not a silent default. */
	out = cgi("CASEGATE_JUDGMENTS_RATE_LIMIT=lots REQUEST_METHOD=GET "
	    "PATH_INFO=/atom.xml");
	ck_assert_ptr_null(strstr(out, "Status: 200"));
	free(out);
}
END_TEST

START_TEST(put_data_xml)
{
	char *tok = admin_token(), auth[2048], file[4096];
	size_t len;
	ck_assert_ptr_nonnull(tok);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", tok);
	const char *h[] = { auth, "Content-Type: application/akn+xml", NULL };
	snprintf(file, sizeof(file), "%s/%s", fixdir, fx[1].file);
	char *xml = file_read(file, &len);
	struct hres r;

	http(&r, "PUT", "/test/put/1/data.xml?fclid=tzzz2222", h, xml, len);
	ck_assert_msg(r.status == 201, "%ld %s", r.status, r.body);
	hres_free(&r);
	http(&r, "GET", "/test/put/1/data.xml", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_uint_eq(r.len, len);
	ck_assert_int_eq(memcmp(r.body, xml, len), 0);
	hres_free(&r);
	http(&r, "GET", "/tna.tzzz2222/data.xml", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	/* Same again: 200; another document at the same URI: 200 replaced. */
	http(&r, "PUT", "/test/put/1/data.xml", h, xml, len);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	free(xml);
	snprintf(file, sizeof(file), "%s/%s", fixdir, fx[0].file);
	xml = file_read(file, &len);
	http(&r, "PUT", "/test/put/1/data.xml", h, xml, len);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	http(&r, "GET", "/test/put/1/data.xml", NULL, NULL, 0);
	ck_assert_uint_eq(r.len, len);
	hres_free(&r);
	/* Bad XML, not AKN, empty: 422 with the reason; nothing stored. */
	http(&r, "PUT", "/test/put/2/data.xml", h, "<akomaNtoso>", 12);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(r.body, "not well-formed"));
	hres_free(&r);
	http(&r, "PUT", "/test/put/2/data.xml", h, "<feed/>", 7);
	ck_assert_int_eq(r.status, 422);
	ck_assert_ptr_nonnull(strstr(r.body, "Akoma Ntoso"));
	hres_free(&r);
	http(&r, "PUT", "/test/put/2/data.xml", h, "", 0);
	ck_assert_int_eq(r.status, 422);
	hres_free(&r);
	http(&r, "PUT", "/test/put/2/data.xml", h, "<!DOCTYPE x [<!ENTITY a "
	    "\"b\">]><akomaNtoso/>", 44);
	ck_assert_int_eq(r.status, 422);
	hres_free(&r);
	http(&r, "GET", "/test/put/2/data.xml", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 404);
	hres_free(&r);
	/* An FCLID that another document has: 409; a bad one, bad URI: 400. */
	http(&r, "PUT", "/test/put/3/data.xml?fclid=bcdf2ghj", h, xml, len);
	ck_assert_int_eq(r.status, 409);
	hres_free(&r);
	http(&r, "PUT", "/test/put/3/data.xml?fclid=aeiou", h, xml, len);
	ck_assert_int_eq(r.status, 400);
	hres_free(&r);
	http(&r, "PUT", "/Test/Put/data.xml", h, xml, len);
	ck_assert_int_eq(r.status, 400);
	hres_free(&r);
	/* No token, or a token without admin: 401 / 403. */
	const char *none[] = { NULL };
	http(&r, "PUT", "/test/put/3/data.xml", none, xml, len);
	ck_assert_int_eq(r.status, 401);
	hres_free(&r);
	/* Over 16 MiB: 413. */
	size_t big = (16u << 20) + 1;
	char *huge = calloc(1, big);
	memset(huge, ' ', big);
	http(&r, "PUT", "/test/put/4/data.xml", h, huge, big);
	ck_assert_int_eq(r.status, 413);
	hres_free(&r);
	free(huge);
	http(&r, "GET", "/test/put/3/data.xml", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 404);
	hres_free(&r);
	free(xml);
	free(tok);
	sql("DELETE FROM judgments WHERE uri LIKE 'test/%'");
	ck_assert_str_eq(feed_uris("/atom.xml", 200), U5 " " U4 " " U3 " " U2 " " U1);
}
END_TEST

START_TEST(methods)
{
	struct hres r;
	http(&r, "POST", "/atom.xml", NULL, "x", 1);
	ck_assert_int_eq(r.status, 405);
	hres_free(&r);
	http(&r, "DELETE", "/" U1 "/data.xml", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 405);
	hres_free(&r);
	http(&r, "HEAD", "/" U1 "/data.xml", NULL, NULL, 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_uint_eq(r.len, 0);
	hres_free(&r);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("judgments");
	TCase *t = tcase_create("judgments");
	tcase_set_timeout(t, 120);
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, import_reports_and_is_idempotent);
	tcase_add_test(t, content_hash_of_every_fixture);
	tcase_add_test(t, data_xml_byte_for_byte);
	tcase_add_test(t, data_xml_validates_against_schema);
	tcase_add_test(t, data_xml_not_found);
	tcase_add_test(t, feed_is_well_formed_atom);
	tcase_add_test(t, orders_and_tie_break);
	tcase_add_test(t, paging_links);
	tcase_add_test(t, court_forms);
	tcase_add_test(t, every_court_of_the_list_is_accepted);
	tcase_add_test(t, query_words_and_phrases);
	tcase_add_test(t, search_index_equals_rules);
	tcase_add_test(t, party_and_judge);
	tcase_add_test(t, dates);
	tcase_add_test(t, bad_parameters_400);
	tcase_add_test(t, minimum_availability);
	tcase_add_test(t, deprecated_paths_301);
	tcase_add_test(t, conditional_get_304);
	tcase_add_test(t, json_page);
	tcase_add_test(t, rate_limit_per_address);
	tcase_add_test(t, put_data_xml);
	tcase_add_test(t, methods);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	char cmd[4096];
	const char *home = getenv("CG_HOME");

	/*
	 * The stack loads the fixtures itself once casegate-admin offers the
	 * judgments command in its help; until then (and to be sure) load them.
	 */
	snprintf(cmd, sizeof(cmd), "%s/casegate-admin judgments import --manifest "
	    "%s/../shared/fixtures/caselaw/manifest.tsv "
	    "%s/../shared/fixtures/caselaw >/dev/null 2>&1", getenv("CG_BIN_DIR"),
	    home, home);
	if (system(cmd) != 0)
		fprintf(stderr, "test_judgments: the fixture import failed\n");
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
