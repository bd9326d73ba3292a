/*
 * The query power of the cases family over HTTP: GET|POST /cases/search
 * (every filter, %empty%, paging, sort, the envelope, custom_results, bad
 * values), upsert through POST /cases/ with "update", %empty% as a write
 * value, the uniqueness of external_id, GET /lookups/{table}, the premium
 * conflict check POST /conflicts across organisations, what a user of one
 * organisation sees of a search, and the rate-limit headers on /cases*.
 * Every case made here carries a unique tag in its person's name, and every
 * search filters on it, so other suites sharing the database never match.
 */
#include <check.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client.h"

#define PW	"pw-secret-search-0001"


static const char *const case_keys[] = {
	"id", "case_type", "notes", "people", "case_tracker",
	"eligibility_outcomes", "case_adaptations", "external_id", "created_at",
	"updated_at", NULL
};

static const char *const env_keys[] = {
	"page_number", "page_size", "total_number_of_pages", "total_records",
	"authorized_records", "data", NULL
};

static const char *const lookup_keys[] = {
	"lookup_value_id", "lookup_value_name", "lookup_value_uuid",
	"lookup_type_name", "lookup_type_table_name", "lookup_type_custom",
	"lookup_type_uuid", NULL
};

static const char *const person_keys[] = {
	"id", "name", "address", "phone_number", "postcode", "email",
	"date_of_birth", NULL
};

static char *
upper(const char *s)
{
	char *u = strdup(s);
	for (char *p = u; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

static char *
lower(const char *s)
{
	char *u = strdup(s);
	for (char *p = u; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return u;
}

/* A JSON string literal of s (plain text only), or null. */
static const char *
js(const char *s)
{
	return s ? S("\"%s\"", s) : "null";
}

/* A person object; NULL fields are null, dob NULL leaves it out. */
static char *
person(const char *name, const char *postcode, const char *email,
    const char *phone, const char *dob)
{
	return S("{\"name\":%s,\"address\":\"1 High Street\",\"postcode\":%s,"
	    "\"email\":%s,\"phone_number\":%s%s}", js(name), js(postcode),
	    js(email), js(phone), dob ? S(",\"date_of_birth\":\"%s\"", dob) : "");
}

/* POST /cases/ that must give 201; returns the new case's id. */
static char *
create(const char *tok, const char *body)
{
	struct hres r;

	http_json(&r, "POST", "/cases/", tok, body);
	ck_assert_msg(r.status == 201, "create: %ld %s (%s)", r.status, r.body,
	    body);
	ck_assert_ptr_nonnull(jget(r.json, "id"));
	char *id = strdup(jget(r.json, "id"));
	hres_free(&r);
	return id;
}

/* A case of one person named name (and nothing else). */
static char *
create_named(const char *tok, const char *type, const char *name)
{
	return create(tok, S("{\"case_type\":\"%s\",\"people\":[%s]}", type,
	    person(name, NULL, NULL, NULL, NULL)));
}

static void
search_get(struct hres *r, const char *tok, const char *qs)
{
	http_json(r, "GET", S("/cases/search?%s", qs), tok, NULL);
}

static void
search_post(struct hres *r, const char *tok, const char *body)
{
	http_json(r, "POST", "/cases/search", tok, body);
}

/* The envelope: its exact keys and every count. */
static void
assert_env(const struct hres *r, long pn, long ps, long pages, long total,
    long authorized, size_t ndata)
{
	json_object *o = r->json;

	ck_assert_msg(r->status == 200, "search: %ld %s", r->status, r->body);
	assert_keys(o, env_keys);
	ck_assert_msg(atol(jget(o, "page_number")) == pn &&
	    atol(jget(o, "page_size")) == ps &&
	    atol(jget(o, "total_number_of_pages")) == pages &&
	    atol(jget(o, "total_records")) == total &&
	    atol(jget(o, "authorized_records")) == authorized,
	    "envelope: want page %ld size %ld pages %ld total %ld authorized %ld, "
	    "got %s", pn, ps, pages, total, authorized, r->body);
	for (size_t i = 0; env_keys[i + 1]; i++)
		ck_assert_msg(json_object_is_type(jfind(o, env_keys[i]),
		    json_type_int), "%s is not an integer: %s", env_keys[i],
		    r->body);
	json_object *d = jfind(o, "data");
	ck_assert(json_object_is_type(d, json_type_array));
	ck_assert_msg(json_object_array_length(d) == ndata,
	    "data: want %zu records, got %s", ndata, r->body);
}

/* data holds exactly these case ids, in this order. */
static void
assert_ids(const struct hres *r, size_t n, ...)
{
	va_list		 ap;
	json_object	*d = jfind(r->json, "data");

	ck_assert_msg(d && json_object_array_length(d) == n,
	    "want %zu records, got %s", n, r->body);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		const char *want = va_arg(ap, const char *);
		const char *got = jget(d, S("%zu.id", i));
		ck_assert_msg(got && strcmp(got, want) == 0,
		    "record %zu: want %s, got %s", i, want, r->body);
	}
	va_end(ap);
}

static void
assert_422(const struct hres *r, const char *where, const char *key,
    const char *what)
{
	ck_assert_msg(r->status == 422, "%s: want 422, got %ld %s", what,
	    r->status, r->body);
	ck_assert_msg(json_object_is_type(jfind(r->json, "detail"),
	    json_type_array), "%s: detail is not a list: %s", what, r->body);
	ck_assert_msg(jget(r->json, "detail.0.type") != NULL &&
	    jget(r->json, "detail.0.msg") != NULL, "%s: %s", what, r->body);
	ck_assert_msg(jget(r->json, "detail.0.loc.0") &&
	    strcmp(jget(r->json, "detail.0.loc.0"), where) == 0,
	    "%s: loc %s", what, r->body);
	if (key)
		ck_assert_msg(jget(r->json, "detail.0.loc.1") &&
		    strcmp(jget(r->json, "detail.0.loc.1"), key) == 0,
		    "%s: loc %s", what, r->body);
}

static void
assert_detail(const struct hres *r, long status, const char *detail)
{
	ck_assert_msg(r->status == status, "want %ld, got %ld %s", status,
	    r->status, r->body);
	ck_assert_msg(json_object_is_type(jfind(r->json, "detail"),
	    json_type_string), "detail is not a string: %s", r->body);
	ck_assert_msg(json_object_object_length(r->json) == 1, "%s", r->body);
	if (detail)
		ck_assert_str_eq(jget(r->json, "detail"), detail);
}

static int
is_uuid(const char *s)
{
	if (s == NULL || strlen(s) != 36)
		return 0;
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i]) ||
		    isupper((unsigned char)s[i]))
			return 0;
	}
	return s[14] >= '1' && s[14] <= '8' && strchr("89ab", s[19]) != NULL;
}

/* ------------------------------------------------------------ search */

START_TEST(search_envelope_and_paging)
{
	struct hres	 r;
	char		*tag = unique("Zqpg"), *ids[5];

	for (int i = 0; i < 5; i++)
		ids[i] = create_named(adm(), i % 2 ? "CCQ" : "CLA",
		    S("Alice %s Smith", tag));

	search_get(&r, adm(), S("person_name=%s&page_size=2", tag));
	assert_env(&r, 1, 2, 3, 5, 5, 2);
	assert_ids(&r, 2, ids[0], ids[1]);
	assert_keys(jfind(r.json, "data.0"), case_keys);
	ck_assert_str_eq(jget(r.json, "data.0.case_type"), "CLA");
	ck_assert_str_eq(jget(r.json, "data.1.case_type"), "CCQ");
	ck_assert_str_eq(jget(r.json, "data.0.people.0.name"),
	    S("Alice %s Smith", tag));
	hres_free(&r);

	search_get(&r, adm(), S("person_name=%s&page_size=2&page_number=2", tag));
	assert_env(&r, 2, 2, 3, 5, 5, 2);
	assert_ids(&r, 2, ids[2], ids[3]);
	hres_free(&r);

	search_get(&r, adm(), S("person_name=%s&page_size=2&page_number=3", tag));
	assert_env(&r, 3, 2, 3, 5, 5, 1);
	assert_ids(&r, 1, ids[4]);
	hres_free(&r);

	/* Past the last page: the counts, no data. */
	search_get(&r, adm(), S("person_name=%s&page_size=2&page_number=4", tag));
	assert_env(&r, 4, 2, 3, 5, 5, 0);
	hres_free(&r);

	/* Defaults: page 1 of 20, ascending. */
	search_get(&r, adm(), S("person_name=%s", tag));
	assert_env(&r, 1, 20, 1, 5, 5, 5);
	assert_ids(&r, 5, ids[0], ids[1], ids[2], ids[3], ids[4]);
	hres_free(&r);

	search_get(&r, adm(), S("person_name=%s&sort=asc&page_size=2", tag));
	assert_env(&r, 1, 2, 3, 5, 5, 2);
	assert_ids(&r, 2, ids[0], ids[1]);
	hres_free(&r);

	search_get(&r, adm(), S("person_name=%s&sort=desc&page_size=2", tag));
	assert_env(&r, 1, 2, 3, 5, 5, 2);
	assert_ids(&r, 2, ids[4], ids[3]);
	hres_free(&r);

	search_get(&r, adm(), S("person_name=%s&sort=desc&page_size=2&"
	    "page_number=3", tag));
	assert_env(&r, 3, 2, 3, 5, 5, 1);
	assert_ids(&r, 1, ids[0]);
	hres_free(&r);

	/* Above 100 is clamped silently; 100 itself is kept. */
	search_get(&r, adm(), S("person_name=%s&page_size=1000", tag));
	assert_env(&r, 1, 100, 1, 5, 5, 5);
	hres_free(&r);
	search_get(&r, adm(), S("person_name=%s&page_size=100", tag));
	assert_env(&r, 1, 100, 1, 5, 5, 5);
	hres_free(&r);
	search_get(&r, adm(), S("person_name=%s&page_size=1&page_number=5", tag));
	assert_env(&r, 5, 1, 5, 5, 5, 1);
	assert_ids(&r, 1, ids[4]);
	hres_free(&r);

	/* The same over POST, numbers as JSON integers. */
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"page_size\":2,"
	    "\"page_number\":3,\"sort\":\"desc\"}", tag));
	assert_env(&r, 3, 2, 3, 5, 5, 1);
	assert_ids(&r, 1, ids[0]);
	hres_free(&r);
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"page_size\":500}",
	    tag));
	assert_env(&r, 1, 100, 1, 5, 5, 5);
	assert_ids(&r, 5, ids[0], ids[1], ids[2], ids[3], ids[4]);
	hres_free(&r);

	/* Nothing matching. */
	search_get(&r, adm(), S("person_name=%sNOMATCH", tag));
	assert_env(&r, 1, 20, 0, 0, 0, 0);
	hres_free(&r);
	search_post(&r, adm(), S("{\"person_name\":\"%sNOMATCH\"}", tag));
	assert_env(&r, 1, 20, 0, 0, 0, 0);
	hres_free(&r);
}
END_TEST

START_TEST(search_person_name_substring_any_case)
{
	struct hres	 r;
	char		*tag = unique("Zqci");
	char		*id = create_named(adm(), "CLA", S("Bob %s Jones", tag));

	const char *qs[] = {
		tag, lower(tag), upper(tag), S("ob%%20%s%%20J", lower(tag)),
		S("%s%%20jONES", upper(tag)), S("bOB%%20%s", tag),
	};
	for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
		search_get(&r, adm(), S("person_name=%s", qs[i]));
		assert_env(&r, 1, 20, 1, 1, 1, 1);
		assert_ids(&r, 1, id);
		hres_free(&r);
	}
	search_post(&r, adm(), S("{\"person_name\":\"bob %s jones\"}",
	    lower(tag)));
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	hres_free(&r);

	/* % and _ are literal characters, not LIKE wildcards. */
	char *under = strdup(tag), *pct = strdup(tag);
	under[3] = '_';
	pct[3] = '\0';
	search_get(&r, adm(), S("person_name=%s", under));
	assert_env(&r, 1, 20, 0, 0, 0, 0);
	hres_free(&r);
	search_get(&r, adm(), S("person_name=%s%%25%s", pct, tag + 4));
	assert_env(&r, 1, 20, 0, 0, 0, 0);
	hres_free(&r);
	search_post(&r, adm(), S("{\"person_name\":\"Bob%%%s\"}", tag));
	assert_env(&r, 1, 20, 0, 0, 0, 0);
	hres_free(&r);
}
END_TEST

/*
 * A case without stored documents (loaded by SQL, say) reads the same from
 * its rows on both faces, by id and in a search page, and has them stored
 * again after the first read, equal to what a write stores.
 */
START_TEST(case_without_documents)
{
	struct hres	 r;
	char		*tag = unique("Zqdoc");
	char		*id = create(adm(), S("{\"case_type\":\"CLA\",\"notes\":"
	    "[{\"note_type\":\"Other\",\"content\":\"n1\"}],\"people\":[%s]}",
	    person(S("Ann %s", tag), "SW1A 1AA", NULL, NULL, "1970-01-02")));
	const char *paths[] = { S("/cases/%s", id), S("/v1/cases/%s", id) };
	char *want[2], *doc[2];

	for (int f = 0; f < 2; f++) {
		http_json(&r, "GET", paths[f], adm(), NULL);
		ck_assert_int_eq(r.status, 200);
		want[f] = strdup(r.body);
		hres_free(&r);
	}
	doc[0] = sql_value(S("SELECT doc_casegate FROM cases WHERE uuid = '%s'", id));
	doc[1] = sql_value(S("SELECT doc_ref FROM cases WHERE uuid = '%s'", id));
	ck_assert_str_eq(doc[0], want[0]);
	ck_assert_str_eq(doc[1], want[1]);

	/* By id, on each face. */
	for (int f = 0; f < 2; f++) {
		ck_assert_int_eq(sql(S("UPDATE cases SET doc_casegate = NULL, "
		    "doc_ref = NULL WHERE uuid = '%s'", id)), 0);
		http_json(&r, "GET", paths[f], adm(), NULL);
		ck_assert_int_eq(r.status, 200);
		ck_assert_str_eq(r.body, want[f]);
		hres_free(&r);
		for (int g = 0; g < 2; g++) {
			char *now = sql_value(S("SELECT %s FROM cases WHERE uuid = "
			    "'%s'", g ? "doc_ref" : "doc_casegate", id));
			ck_assert_msg(now && strcmp(now, doc[g]) == 0,
			    "face %d: stored again as %s", g, now ? now : "NULL");
			free(now);
		}
	}
	/* In a search page: the record as GET gives it. */
	ck_assert_int_eq(sql(S("UPDATE cases SET doc_casegate = NULL, "
	    "doc_ref = NULL WHERE uuid = '%s'", id)), 0);
	search_get(&r, adm(), S("person_name=%s", tag));
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	ck_assert_str_eq(json_object_to_json_string_ext(jfind(r.json, "data.0"),
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE), want[0]);
	hres_free(&r);
	char *now = sql_value(S("SELECT doc_casegate FROM cases WHERE uuid = '%s'",
	    id));
	ck_assert_str_eq(now, doc[0]);
	free(now);
	/* A stored document is sent as it is (no parse, no re-render). */
	http_json(&r, "GET", S("/cases/search?person_name=%s", tag), adm(), NULL);
	ck_assert_ptr_nonnull(strstr(r.body, want[0]));
	hres_free(&r);
}
END_TEST

/*
 * A page of cases without stored documents: each is rendered from its own
 * rows, and each gets its own documents back (one statement stores them
 * all: the page's ids must not cross).
 */
START_TEST(page_without_documents)
{
	struct hres	 r;
	char		*tag = unique("Zqpage");
	char		*id[4], *doc[4][2];

	for (int i = 0; i < 4; i++) {
		id[i] = create(adm(), S("{\"case_type\":\"%s\",\"notes\":[{"
		    "\"note_type\":\"Other\",\"content\":\"note %d\"}],"
		    "\"people\":[%s]}", i % 2 ? "CCQ" : "CLA", i,
		    person(S("Ann%d %s", i, tag), "SW1A 1AA", NULL, NULL, NULL)));
		doc[i][0] = sql_value(S("SELECT doc_casegate FROM cases WHERE "
		    "uuid = '%s'", id[i]));
		doc[i][1] = sql_value(S("SELECT doc_ref FROM cases WHERE uuid = "
		    "'%s'", id[i]));
		ck_assert_ptr_nonnull(strstr(doc[i][0], S("note %d", i)));
	}
	for (int f = 0; f < 2; f++) {
		ck_assert_int_eq(sql(S("UPDATE cases c JOIN persons p ON p.case_id "
		    "= c.id SET c.doc_casegate = NULL, c.doc_ref = NULL WHERE "
		    "p.name LIKE '%%%s'", tag)), 0);
		search_get(&r, adm(), S("person_name=%s&page_size=3%s", tag,
		    f ? "&page_number=2" : ""));
		ck_assert_int_eq(r.status, 200);
		hres_free(&r);
		/* The page's cases are stored again, each its own; the others
		   are left for their first read. */
		for (int i = 0; i < 4; i++) {
			char *now[2];
			for (int g = 0; g < 2; g++)
				now[g] = sql_value(S("SELECT IFNULL(%s, 'NULL') FROM "
				    "cases WHERE uuid = '%s'", g ? "doc_ref" :
				    "doc_casegate", id[i]));
			int on_page = f ? i == 3 : i < 3;
			for (int g = 0; g < 2; g++) {
				ck_assert_msg(strcmp(now[g], on_page ? doc[i][g] :
				    "NULL") == 0, "page %d, case %d, face %d: %s", f + 1,
				    i, g, now[g]);
				free(now[g]);
			}
		}
	}
	for (int i = 0; i < 4; i++) {
		http_json(&r, "GET", S("/cases/%s", id[i]), adm(), NULL);
		ck_assert_str_eq(r.body, doc[i][0]);
		hres_free(&r);
	}
}
END_TEST

/* The query cache's hits so far (the stack runs it on demand). */
static long
qcache_hits(void)
{
	char *v = sql_value("SELECT VARIABLE_VALUE FROM information_schema."
	    "GLOBAL_STATUS WHERE VARIABLE_NAME = 'QCACHE_HITS'");
	long n = v ? atol(v) : -1;

	free(v);
	return n;
}

/*
 * The same search twice gives the same exact counts. A page of one, so that
 * a match fills it and the counts are read (a first page that is not full
 * is its own count, for a caller who sees everything).
 */
static void
counts_are(const char *qs, long want)
{
	struct hres r;

	for (int i = 0; i < 2; i++) {
		search_get(&r, adm(), S("%s&page_size=1", qs));
		assert_env(&r, 1, 1, want, want, want, want ? 1 : 0);
		hres_free(&r);
	}
}

/*
 * A search's counts come from the query cache when nothing changed, and
 * follow every write at once: creates, updates, deletes, and writes made
 * by SQL outside the service.
 */
START_TEST(search_counts_follow_writes)
{
	struct hres	 r;
	char		*tag = unique("Zqcount"), *qs = S("person_name=%s", tag);
	long		 hits;

	counts_are(qs, 0);
	char *a = create_named(adm(), "CLA", S("Ann %s", tag));
	counts_are(qs, 1);
	hits = qcache_hits();
	counts_are(qs, 1);
	/* Two searches: each its caller's row and its counts from the cache. */
	ck_assert_msg(qcache_hits() >= hits + 4, "the counts were not served "
	    "from the query cache (hits %ld, then %ld)", hits, qcache_hits());
	char *b = create_named(adm(), "CCQ", S("Bob %s", tag));
	counts_are(qs, 2);
	http_json(&r, "PATCH", S("/cases/%s", b), adm(), S("{\"people\":[%s]}",
	    person("Someone Else", NULL, NULL, NULL, NULL)));
	ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
	hres_free(&r);
	counts_are(qs, 1);
	ck_assert_int_eq(sql(S("UPDATE persons p JOIN cases c ON c.id = p.case_id "
	    "SET p.name = 'Bob %s' WHERE c.uuid = '%s'", tag, b)), 0);
	counts_are(qs, 2);
	http_json(&r, "DELETE", S("/cases/%s", a), adm(), NULL);
	ck_assert_int_eq(r.status, 204);
	hres_free(&r);
	counts_are(qs, 1);
}
END_TEST

/* A JSON number for a text filter is matched as its digits. */
START_TEST(search_body_number_for_text_filter)
{
	struct hres	 r;
	long long	 ext = 900000000LL + (long long)(getpid() % 100000) * 1000 +
	    (long long)(time(NULL) % 1000);
	char		*id = create(adm(), S("{\"case_type\":\"CLA\",\"external_id\":"
	    "\"%lld\"}", ext));

	search_post(&r, adm(), S("{\"external_id\":%lld}", ext));
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	assert_ids(&r, 1, id);
	hres_free(&r);
	free(id);
}
END_TEST

START_TEST(search_filters)
{
	struct hres	 r;
	char		*tag = unique("Zqft"), *e1 = unique("ext"), *e3 = unique("ext");
	char		*m1 = S("%s@example.org", lower(unique("m"))),
			*m3 = S("%s@example.org", lower(unique("m")));

	char *c1 = create(adm(), S("{\"case_type\":\"CLA\",\"external_id\":\"%s\","
	    "\"people\":[%s],\"notes\":[{\"note_type\":\"Personal\",\"content\":"
	    "\"n1\"}]}", e1, person(S("P %s", tag), "SW1A 1AA", m1,
	    "020 7946 0001", NULL)));
	char *c2 = create(adm(), S("{\"case_type\":\"CCQ\",\"people\":[%s],"
	    "\"notes\":[{\"note_type\":\"User\",\"content\":\"n2\"}]}",
	    person(S("Q %s", tag), NULL, NULL, NULL, NULL)));
	char *c3 = create(adm(), S("{\"case_type\":\"CLA\",\"external_id\":\"%s\","
	    "\"people\":[%s]}", e3, person(S("R %s", tag), "M1 1AE", m3,
	    "+44 161 496 0003", NULL)));

	struct { const char *qs; size_t n; const char *a, *b; } cases[] = {
		{ "case_type=CLA", 2, c1, c3 },
		{ "case_type=CCQ", 1, c2, NULL },
		{ S("external_id=%s", e1), 1, c1, NULL },
		{ S("external_id=%s", e3), 1, c3, NULL },
		{ "external_id=%25empty%25", 1, c2, NULL },
		{ "postcode=SW1A%201AA", 1, c1, NULL },
		{ "postcode=sw1a1aa", 1, c1, NULL },
		{ "postcode=m11ae", 1, c3, NULL },
		{ "postcode=%25empty%25", 1, c2, NULL },
		{ S("email=%s", m1), 1, c1, NULL },
		{ S("email=%s", m3), 1, c3, NULL },
		{ "email=%25empty%25", 1, c2, NULL },
		{ "phone_number=02079460001", 1, c1, NULL },
		{ "phone_number=020-7946-0001", 1, c1, NULL },
		{ "phone_number=%2B441614960003", 1, c3, NULL },
		{ "phone_number=%25empty%25", 1, c2, NULL },
		{ "note_type=Personal", 1, c1, NULL },
		{ "note_type=User", 1, c2, NULL },
		{ "note_type=Other", 0, NULL, NULL },
		{ "case_type=CLA&postcode=M1%201AE", 1, c3, NULL },
		{ "case_type=CCQ&postcode=M1%201AE", 0, NULL, NULL },
		{ S("case_type=CLA&external_id=%s", e3), 1, c3, NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		search_get(&r, adm(), S("person_name=%s&%s", tag, cases[i].qs));
		ck_assert_msg(r.status == 200, "%s: %ld %s", cases[i].qs, r.status,
		    r.body);
		ck_assert_msg(atol(jget(r.json, "total_records")) ==
		    (long)cases[i].n, "%s: want %zu, got %s", cases[i].qs,
		    cases[i].n, r.body);
		assert_env(&r, 1, 20, cases[i].n ? 1 : 0, (long)cases[i].n,
		    (long)cases[i].n, cases[i].n);
		if (cases[i].n == 1)
			assert_ids(&r, 1, cases[i].a);
		else if (cases[i].n == 2)
			assert_ids(&r, 2, cases[i].a, cases[i].b);
		hres_free(&r);
	}

	/* external_id alone is enough: it is unique. */
	search_get(&r, adm(), S("external_id=%s", e1));
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	assert_ids(&r, 1, c1);
	hres_free(&r);

	/* The same filters as a JSON body. */
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"external_id\":"
	    "\"%%empty%%\"}", tag));
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	assert_ids(&r, 1, c2);
	hres_free(&r);
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"phone_number\":"
	    "\"+44 (161) 496-0003\",\"case_type\":\"CLA\"}", tag));
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	assert_ids(&r, 1, c3);
	hres_free(&r);
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"postcode\":"
	    "\"sw1a 1aa\",\"note_type\":\"Personal\",\"email\":\"%s\"}", tag, m1));
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	assert_ids(&r, 1, c1);
	hres_free(&r);
}
END_TEST

/* created_at / updated_at of one case, read back by GET. */
static char *
stamp(const char *id, const char *key)
{
	struct hres r;

	http_json(&r, "GET", S("/cases/%s", id), adm(), NULL);
	ck_assert_int_eq(r.status, 200);
	char *v = strdup(jget(r.json, key));
	hres_free(&r);
	return v;
}

START_TEST(search_time_filters)
{
	struct hres	 r;
	char		*tag = unique("Zqtm"), *c[3], *cr[3];

	for (int i = 0; i < 3; i++) {
		c[i] = create_named(adm(), "CLA", S("T %s", tag));
		cr[i] = stamp(c[i], "created_at");
	}
	/* Strictly after / before the given instant, to the microsecond. */
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"created_after\":"
	    "\"%s\"}", tag, cr[0]));
	assert_env(&r, 1, 20, 1, 2, 2, 2);
	assert_ids(&r, 2, c[1], c[2]);
	hres_free(&r);
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"created_before\":"
	    "\"%s\"}", tag, cr[2]));
	assert_env(&r, 1, 20, 1, 2, 2, 2);
	assert_ids(&r, 2, c[0], c[1]);
	hres_free(&r);
	search_get(&r, adm(), S("person_name=%s&created_after=%s&"
	    "created_before=%s", tag, cr[0], cr[2]));
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	assert_ids(&r, 1, c[1]);
	hres_free(&r);

	/* Dates and whole-second times. */
	search_get(&r, adm(), S("person_name=%s&created_after=2000-01-01", tag));
	assert_env(&r, 1, 20, 1, 3, 3, 3);
	hres_free(&r);
	search_get(&r, adm(), S("person_name=%s&created_before=2000-01-01", tag));
	assert_env(&r, 1, 20, 0, 0, 0, 0);
	hres_free(&r);
	search_get(&r, adm(), S("person_name=%s&created_after=2999-12-31T23:59:59Z",
	    tag));
	assert_env(&r, 1, 20, 0, 0, 0, 0);
	hres_free(&r);
	search_get(&r, adm(), S("person_name=%s&updated_before=2999-12-31T00:00:00",
	    tag));
	assert_env(&r, 1, 20, 1, 3, 3, 3);
	hres_free(&r);

	/* A write moves updated_at, not created_at. */
	char *up2 = stamp(c[2], "updated_at");
	http_json(&r, "PATCH", S("/cases/%s", c[0]), adm(),
	    "{\"case_type\":\"CCQ\"}");
	ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
	hres_free(&r);
	char *up0 = stamp(c[0], "updated_at");
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"updated_after\":"
	    "\"%s\"}", tag, up2));
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	assert_ids(&r, 1, c[0]);
	hres_free(&r);
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"updated_before\":"
	    "\"%s\"}", tag, up0));
	assert_env(&r, 1, 20, 1, 2, 2, 2);
	assert_ids(&r, 2, c[1], c[2]);
	hres_free(&r);
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"created_after\":"
	    "\"%s\"}", tag, cr[1]));
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	assert_ids(&r, 1, c[2]);
	hres_free(&r);
}
END_TEST

START_TEST(search_bad_values_query)
{
	static const char *const bad[][2] = {
		{ "page_number=0", "page_number" },
		{ "page_number=-1", "page_number" },
		{ "page_number=abc", "page_number" },
		{ "page_number=", "page_number" },
		{ "page_size=abc", "page_size" },
		{ "page_size=0", "page_size" },
		{ "page_size=2.5", "page_size" },
		{ "sort=up", "sort" },
		{ "sort=ASC", "sort" },
		{ "created_after=yesterday", "created_after" },
		{ "created_before=2024-13-01", "created_before" },
		{ "updated_after=2024-01-01T25:00:00Z", "updated_after" },
		{ "updated_before=01/02/2024", "updated_before" },
		{ "created_after=2023-02-30", "created_after" },
		{ "bogus=1", "bogus" },
		{ "results_per_page=5", "results_per_page" },
		{ "case_type=XYZ", "case_type" },
		{ "case_type=%25empty%25", "case_type" },
		{ "note_type=Nope", "note_type" },
		{ "custom_results=nosuch", "custom_results" },
		{ "custom_results=case_type,nosuch", "custom_results" },
	};
	struct hres r;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		search_get(&r, adm(), S("person_name=Zqnothing&%s", bad[i][0]));
		assert_422(&r, "query", bad[i][1], bad[i][0]);
		hres_free(&r);
	}
}
END_TEST

START_TEST(search_bad_values_body)
{
	static const char *const bad[][2] = {
		{ "{\"page_number\":0}", "page_number" },
		{ "{\"page_number\":\"0\"}", "page_number" },
		{ "{\"page_size\":\"abc\"}", "page_size" },
		{ "{\"page_size\":0}", "page_size" },
		{ "{\"page_size\":2.5}", "page_size" },
		{ "{\"page_size\":null}", "page_size" },
		{ "{\"sort\":\"up\"}", "sort" },
		{ "{\"sort\":1}", "sort" },
		{ "{\"created_after\":\"yesterday\"}", "created_after" },
		{ "{\"updated_before\":\"2024-01-01 10:00\"}", "updated_before" },
		{ "{\"bogus\":\"x\"}", "bogus" },
		{ "{\"case_type\":\"XYZ\"}", "case_type" },
		{ "{\"case_type\":[\"CLA\"]}", "case_type" },
		{ "{\"note_type\":\"%empty%\"}", "note_type" },
		{ "{\"external_id\":null}", "external_id" },
		{ "{\"custom_results\":[\"nosuch\"]}", "custom_results" },
		{ "{\"custom_results\":[1]}", "custom_results" },
		{ "{\"custom_results\":\"people,nosuch\"}", "custom_results" },
	};
	struct hres r;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		search_post(&r, adm(), bad[i][0]);
		assert_422(&r, "body", bad[i][1], bad[i][0]);
		hres_free(&r);
	}
	search_post(&r, adm(), "[1]");
	assert_422(&r, "body", NULL, "array body");
	hres_free(&r);
	search_post(&r, adm(), "{\"person_name\":");
	ck_assert_int_eq(r.status, 422);
	hres_free(&r);
}
END_TEST

/* A page far past the end is an empty page (or a 422), never a 5xx. */
START_TEST(search_huge_page_number)
{
	static const char *const pages[] = {
		"1000000000000", "9223372036854775807", "99999999999999999999",
	};
	struct hres r;

	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		search_get(&r, adm(), S("person_name=Zqnothing%s&page_size=100&"
		    "page_number=%s", unique(""), pages[i]));
		ck_assert_msg(r.status == 200 || r.status == 422,
		    "page_number=%s: %ld %s", pages[i], r.status, r.body);
		if (r.status == 200)
			ck_assert_int_eq(json_object_array_length(jfind(r.json,
			    "data")), 0);
		hres_free(&r);
	}
}
END_TEST

START_TEST(search_needs_token_and_read)
{
	struct hres r;

	search_get(&r, NULL, "person_name=x");
	assert_detail(&r, 401, "Not authenticated");
	hres_free(&r);
	search_post(&r, NULL, "{}");
	assert_detail(&r, 401, "Not authenticated");
	hres_free(&r);
	char *tok = make_user_token(PW, "create", NULL, 0);
	search_get(&r, tok, "person_name=x");
	assert_detail(&r, 401, "Not enough permissions");
	hres_free(&r);
	search_post(&r, tok, "{}");
	assert_detail(&r, 401, "Not enough permissions");
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ custom_results */

static void
assert_custom(const struct hres *r, const char *id, const char *const *keys)
{
	assert_env(r, 1, 20, 1, 1, 1, 1);
	assert_ids(r, 1, id);
	assert_keys(jfind(r->json, "data.0"), keys);
}

START_TEST(custom_results_body)
{
	static const char *const only_id[] = { "id", NULL };
	static const char *const two[] = { "id", "case_type", "people", NULL };
	static const char *const ext[] = { "id", "external_id", "created_at", NULL };
	struct hres	 r;
	char		*tag = unique("Zqcr"), *e = unique("ext");
	char		*id = create(adm(), S("{\"case_type\":\"CCQ\",\"external_id\":"
	    "\"%s\",\"people\":[%s]}", e, person(S("C %s", tag), NULL, NULL, NULL,
	    NULL)));

	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"custom_results\":[]}",
	    tag));
	assert_custom(&r, id, only_id);
	hres_free(&r);
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"custom_results\":"
	    "[\"id\"]}", tag));
	assert_custom(&r, id, only_id);
	hres_free(&r);
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"custom_results\":"
	    "[\"case_type\",\"people\"]}", tag));
	assert_custom(&r, id, two);
	ck_assert_str_eq(jget(r.json, "data.0.case_type"), "CCQ");
	ck_assert_str_eq(jget(r.json, "data.0.people.0.name"), S("C %s", tag));
	hres_free(&r);
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"custom_results\":"
	    "\"case_type,people\"}", tag));
	assert_custom(&r, id, two);
	hres_free(&r);
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"custom_results\":"
	    "[\"external_id\",\"created_at\"]}", tag));
	assert_custom(&r, id, ext);
	ck_assert_str_eq(jget(r.json, "data.0.external_id"), e);
	hres_free(&r);
	/* Omitted: the full record. */
	search_post(&r, adm(), S("{\"person_name\":\"%s\"}", tag));
	assert_custom(&r, id, case_keys);
	hres_free(&r);
	search_post(&r, adm(), S("{\"person_name\":\"%s\",\"custom_results\":"
	    "[\"case_type\",\"password\"]}", tag));
	assert_422(&r, "body", "custom_results", "unknown field");
	hres_free(&r);
}
END_TEST

START_TEST(custom_results_query)
{
	static const char *const only_id[] = { "id", NULL };
	static const char *const two[] = { "id", "case_type", "people", NULL };
	static const char *const three[] = {
		"id", "case_type", "people", "notes", NULL
	};
	struct hres	 r;
	char		*tag = unique("Zqcq");
	char		*id = create_named(adm(), "CLA", S("C %s", tag));

	search_get(&r, adm(), S("person_name=%s&custom_results=", tag));
	assert_custom(&r, id, only_id);
	hres_free(&r);
	search_get(&r, adm(), S("person_name=%s&custom_results=case_type&"
	    "custom_results=people", tag));
	assert_custom(&r, id, two);
	ck_assert_str_eq(jget(r.json, "data.0.case_type"), "CLA");
	hres_free(&r);
	search_get(&r, adm(), S("custom_results=case_type&person_name=%s&"
	    "custom_results=people&custom_results=notes", tag));
	assert_custom(&r, id, three);
	hres_free(&r);
	search_get(&r, adm(), S("person_name=%s&custom_results=case_type,people",
	    tag));
	assert_custom(&r, id, two);
	hres_free(&r);
	search_get(&r, adm(), S("person_name=%s&custom_results=case_type%%2Cpeople",
	    tag));
	assert_custom(&r, id, two);
	hres_free(&r);
	search_get(&r, adm(), S("person_name=%s&custom_results=nosuch", tag));
	assert_422(&r, "query", "custom_results", "unknown field");
	hres_free(&r);
	search_get(&r, adm(), S("person_name=%s&custom_results=people&"
	    "custom_results=nosuch", tag));
	assert_422(&r, "query", "custom_results", "unknown field, repeated");
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ upsert */

static long
count_named(const char *tok, const char *tag)
{
	struct hres r;
	search_get(&r, tok, S("person_name=%s", tag));
	ck_assert_int_eq(r.status, 200);
	long n = atol(jget(r.json, "total_records"));
	hres_free(&r);
	return n;
}

START_TEST(upsert_create_then_update)
{
	struct hres	 r;
	char		*tag = unique("Zqup"), *e = unique("ext");
	const char	*p = person(S("U %s", tag), NULL, NULL, NULL, NULL);

	http_json(&r, "POST", "/cases/", adm(), S("{\"case_type\":\"CLA\","
	    "\"external_id\":\"%s\",\"people\":[%s],\"update\":{\"external_id\":"
	    "\"%s\"}}", e, p, e));
	ck_assert_msg(r.status == 201, "%ld %s", r.status, r.body);
	assert_keys(r.json, case_keys);
	ck_assert_str_eq(jget(r.json, "external_id"), e);
	ck_assert_str_eq(jget(r.json, "case_type"), "CLA");
	char *id = strdup(jget(r.json, "id"));
	hres_free(&r);

	/* One match: that case is updated, 200. */
	http_json(&r, "POST", "/cases/", adm(), S("{\"case_type\":\"CCQ\","
	    "\"external_id\":\"%s\",\"people\":[%s],\"notes\":[{\"note_type\":"
	    "\"Other\",\"content\":\"upserted\"}],\"update\":{\"external_id\":"
	    "\"%s\"}}", e, p, e));
	ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
	assert_keys(r.json, case_keys);
	ck_assert_str_eq(jget(r.json, "id"), id);
	ck_assert_str_eq(jget(r.json, "case_type"), "CCQ");
	ck_assert_str_eq(jget(r.json, "notes.0.content"), "upserted");
	hres_free(&r);
	http_json(&r, "GET", S("/cases/%s", id), adm(), NULL);
	ck_assert_str_eq(jget(r.json, "case_type"), "CCQ");
	ck_assert_str_eq(jget(r.json, "external_id"), e);
	hres_free(&r);
	ck_assert_int_eq(count_named(adm(), tag), 1);

	/* Any search filter picks the record: person_name and case_type. */
	http_json(&r, "POST", "/cases/", adm(), S("{\"case_type\":\"CLA\","
	    "\"people\":[%s],\"update\":{\"person_name\":\"%s\",\"case_type\":"
	    "\"CCQ\"}}", p, lower(tag)));
	ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
	ck_assert_str_eq(jget(r.json, "id"), id);
	ck_assert_str_eq(jget(r.json, "case_type"), "CLA");
	hres_free(&r);
	ck_assert_int_eq(count_named(adm(), tag), 1);

	/* Filters that match nothing: a new case. */
	http_json(&r, "POST", "/cases/", adm(), S("{\"case_type\":\"CLA\","
	    "\"people\":[%s],\"update\":{\"person_name\":\"%s\",\"case_type\":"
	    "\"CCQ\"}}", p, tag));
	ck_assert_msg(r.status == 201, "%ld %s", r.status, r.body);
	ck_assert_str_ne(jget(r.json, "id"), id);
	hres_free(&r);
	ck_assert_int_eq(count_named(adm(), tag), 2);
}
END_TEST

START_TEST(upsert_multiple_matches)
{
	struct hres	 r;
	char		*tag = unique("Zqum");

	create_named(adm(), "CLA", S("M %s", tag));
	create_named(adm(), "CLA", S("M %s", tag));
	http_json(&r, "POST", "/cases/", adm(), S("{\"case_type\":\"CCQ\","
	    "\"people\":[%s],\"update\":{\"person_name\":\"%s\"}}",
	    person(S("M %s", tag), NULL, NULL, NULL, NULL), tag));
	ck_assert_int_eq(r.status, 400);
	ck_assert_str_eq(r.body,
	    "{\"detail\":\"Cannot process multiple records for upsert\"}");
	hres_free(&r);
	/* Nothing created or changed. */
	search_get(&r, adm(), S("person_name=%s&case_type=CLA", tag));
	assert_env(&r, 1, 20, 1, 2, 2, 2);
	hres_free(&r);
	ck_assert_int_eq(count_named(adm(), tag), 2);
}
END_TEST

START_TEST(upsert_update_needs_scope)
{
	struct hres	 r;
	char		*org = make_org(0), *tag = unique("Zqus"),
	    *e = unique("ext");
	char		*full = make_user_token(PW, "read,create,update", org,
	    0);
	char		*rc = make_user_token(PW, "read,create", org, 0);
	const char	*p = person(S("S %s", tag), NULL, NULL, NULL, NULL);

	char *id = create(full, S("{\"case_type\":\"CLA\",\"external_id\":\"%s\","
	    "\"people\":[%s]}", e, p));
	http_json(&r, "POST", "/cases/", rc, S("{\"case_type\":\"CCQ\","
	    "\"people\":[%s],\"update\":{\"external_id\":\"%s\"}}", p, e));
	assert_detail(&r, 401, "Not enough permissions");
	hres_free(&r);
	http_json(&r, "GET", S("/cases/%s", id), full, NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(jget(r.json, "case_type"), "CLA");
	hres_free(&r);
	ck_assert_int_eq(count_named(full, tag), 1);

	/* No match needs only create. */
	http_json(&r, "POST", "/cases/", rc, S("{\"case_type\":\"CCQ\","
	    "\"people\":[%s],\"update\":{\"external_id\":\"%sX\"}}", p, e));
	ck_assert_msg(r.status == 201, "%ld %s", r.status, r.body);
	hres_free(&r);
	ck_assert_int_eq(count_named(full, tag), 2);

	/* With update scope the same request updates. */
	http_json(&r, "POST", "/cases/", full, S("{\"case_type\":\"CCQ\","
	    "\"people\":[%s],\"update\":{\"external_id\":\"%s\"}}", p, e));
	ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
	ck_assert_str_eq(jget(r.json, "id"), id);
	ck_assert_str_eq(jget(r.json, "case_type"), "CCQ");
	hres_free(&r);
}
END_TEST

START_TEST(upsert_bad_filters)
{
	static const char *const bad[][2] = {
		{ "{\"case_type\":\"XYZ\"}", "case_type" },
		{ "{\"bogus\":\"x\"}", "bogus" },
		{ "{\"page_size\":2}", "page_size" },
		{ "{\"custom_results\":[]}", "custom_results" },
		{ "{\"sort\":\"asc\"}", "sort" },
		{ "{\"created_after\":\"yesterday\"}", "created_after" },
		{ "{\"note_type\":\"%empty%\"}", "note_type" },
		{ "\"x\"", NULL },
		{ "[]", NULL },
	};
	struct hres	 r;
	char		*tag = unique("Zqub");

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		http_json(&r, "POST", "/cases/", adm(), S("{\"case_type\":\"CLA\","
		    "\"people\":[%s],\"update\":%s}", person(S("B %s", tag), NULL,
		    NULL, NULL, NULL), bad[i][0]));
		assert_422(&r, "body", "update", bad[i][0]);
		if (bad[i][1])
			ck_assert_msg(jget(r.json, "detail.0.loc.2") &&
			    strcmp(jget(r.json, "detail.0.loc.2"), bad[i][1]) == 0,
			    "%s: %s", bad[i][0], r.body);
		hres_free(&r);
	}
	ck_assert_int_eq(count_named(adm(), tag), 0);
}
END_TEST

/* ------------------------------------------------------------ %empty%, external_id */

START_TEST(empty_writes_null)
{
	struct hres	 r;
	char		*tag = unique("Zqem"), *e = unique("ext");

	/* On create: external_id and a person's scalar fields. */
	http_json(&r, "POST", "/cases/", adm(), S("{\"case_type\":\"CLA\","
	    "\"external_id\":\"%%empty%%\",\"people\":[{\"name\":\"E %s\","
	    "\"address\":\"%%empty%%\",\"email\":\"%%empty%%\",\"postcode\":"
	    "\"%%empty%%\",\"phone_number\":\"%%empty%%\"}]}", tag));
	ck_assert_msg(r.status == 201, "%ld %s", r.status, r.body);
	ck_assert_str_eq(jplain(r.json, "external_id"), "null");
	ck_assert_str_eq(jplain(r.json, "people.0.address"), "null");
	ck_assert_str_eq(jplain(r.json, "people.0.email"), "null");
	ck_assert_str_eq(jplain(r.json, "people.0.postcode"), "null");
	ck_assert_str_eq(jplain(r.json, "people.0.phone_number"), "null");
	hres_free(&r);

	/* On PATCH: clears external_id, which search then finds as null. */
	char *id = create(adm(), S("{\"case_type\":\"CLA\",\"external_id\":\"%s\","
	    "\"people\":[%s]}", e, person(S("F %s", tag), "SW1A 1AA", NULL, NULL,
	    NULL)));
	http_json(&r, "PATCH", S("/cases/%s", id), adm(),
	    "{\"external_id\":\"%empty%\"}");
	ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
	ck_assert_str_eq(jplain(r.json, "external_id"), "null");
	hres_free(&r);
	http_json(&r, "GET", S("/cases/%s", id), adm(), NULL);
	ck_assert_str_eq(jplain(r.json, "external_id"), "null");
	ck_assert_str_eq(jget(r.json, "people.0.postcode"), "SW1A 1AA");
	hres_free(&r);
	search_get(&r, adm(), S("external_id=%s", e));
	assert_env(&r, 1, 20, 0, 0, 0, 0);
	hres_free(&r);
	search_get(&r, adm(), S("person_name=F%%20%s&external_id=%%25empty%%25",
	    tag));
	assert_env(&r, 1, 20, 1, 1, 1, 1);
	assert_ids(&r, 1, id);
	hres_free(&r);

	/* Not for lists or objects, nor for a field that cannot be null. */
	static const char *const bad[][2] = {
		{ "{\"notes\":\"%empty%\"}", "notes" },
		{ "{\"people\":\"%empty%\"}", "people" },
		{ "{\"eligibility_outcomes\":\"%empty%\"}", "eligibility_outcomes" },
		{ "{\"case_type\":\"%empty%\"}", "case_type" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		http_json(&r, "PATCH", S("/cases/%s", id), adm(), bad[i][0]);
		assert_422(&r, "body", bad[i][1], bad[i][0]);
		hres_free(&r);
	}
	http_json(&r, "POST", "/cases/", adm(), S("{\"case_type\":\"CLA\","
	    "\"notes\":\"%%empty%%\",\"people\":[%s]}", person(S("G %s", tag),
	    NULL, NULL, NULL, NULL)));
	assert_422(&r, "body", "notes", "notes on create");
	hres_free(&r);
	http_json(&r, "GET", S("/cases/%s", id), adm(), NULL);
	ck_assert_str_eq(jget(r.json, "case_type"), "CLA");
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "people")), 1);
	hres_free(&r);
}
END_TEST

START_TEST(external_id_unique)
{
	struct hres	 r;
	char		*tag = unique("Zqex"), *e = unique("ext"), *e2 = unique("ext");
	const char	*p = person(S("X %s", tag), NULL, NULL, NULL, NULL);

	char *c1 = create(adm(), S("{\"case_type\":\"CLA\",\"external_id\":\"%s\","
	    "\"people\":[%s]}", e, p));
	http_json(&r, "POST", "/cases/", adm(), S("{\"case_type\":\"CCQ\","
	    "\"external_id\":\"%s\",\"people\":[%s]}", e, p));
	assert_detail(&r, 409, NULL);
	hres_free(&r);
	ck_assert_int_eq(count_named(adm(), tag), 1);

	/* PATCH onto another case's external_id: 409, nothing changed. */
	char *c2 = create(adm(), S("{\"case_type\":\"CLA\",\"external_id\":\"%s\","
	    "\"people\":[%s]}", e2, p));
	http_json(&r, "PATCH", S("/cases/%s", c2), adm(), S("{\"case_type\":"
	    "\"CCQ\",\"external_id\":\"%s\",\"notes\":[{\"note_type\":\"Other\","
	    "\"content\":\"x\"}]}", e));
	assert_detail(&r, 409, NULL);
	hres_free(&r);
	http_json(&r, "GET", S("/cases/%s", c2), adm(), NULL);
	ck_assert_str_eq(jget(r.json, "external_id"), e2);
	ck_assert_str_eq(jget(r.json, "case_type"), "CLA");
	ck_assert_int_eq(json_object_array_length(jfind(r.json, "notes")), 0);
	hres_free(&r);

	/* Its own value again is no conflict. */
	http_json(&r, "PATCH", S("/cases/%s", c1), adm(), S("{\"external_id\":"
	    "\"%s\"}", e));
	ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
	hres_free(&r);

	/* Optional: many cases may have none. */
	create_named(adm(), "CLA", S("X %s", tag));
	create_named(adm(), "CLA", S("X %s", tag));
	search_get(&r, adm(), S("person_name=%s&external_id=%%25empty%%25", tag));
	assert_env(&r, 1, 20, 1, 2, 2, 2);
	hres_free(&r);

	/* Freed by %empty%, the value can be taken again. */
	http_json(&r, "PATCH", S("/cases/%s", c1), adm(),
	    "{\"external_id\":\"%empty%\"}");
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
	http_json(&r, "PATCH", S("/cases/%s", c2), adm(), S("{\"external_id\":"
	    "\"%s\"}", e));
	ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
	ck_assert_str_eq(jget(r.json, "external_id"), e);
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ lookups */

static const char *const lookup_tables[] = {
	"case_type", "note_type", "eligibility_type", "outcome",
	"needed_adaptations", "languages", NULL
};

static int
has_name(json_object *a, const char *name)
{
	for (size_t i = 0; i < json_object_array_length(a); i++)
		if (strcmp(jget(a, S("%zu.lookup_value_name", i)), name) == 0)
			return 1;
	return 0;
}

START_TEST(lookups_tables)
{
	for (size_t t = 0; lookup_tables[t]; t++) {
		const char *table = lookup_tables[t];
		struct hres r, r2;
		http_json(&r, "GET", S("/lookups/%s", table), adm(), NULL);
		ck_assert_msg(r.status == 200, "%s: %ld %s", table, r.status, r.body);
		json_object *a = r.json;
		ck_assert(json_object_is_type(a, json_type_array));
		size_t n = json_object_array_length(a);
		ck_assert_msg(n > 0, "%s: empty", table);
		const char *tuuid = jplain(a, "0.lookup_type_uuid");
		const char *tname = jget(a, "0.lookup_type_name");
		ck_assert_ptr_nonnull(tname);
		for (size_t i = 0; i < n; i++) {
			json_object *o = json_object_array_get_idx(a, i);
			assert_keys(o, lookup_keys);
			ck_assert(json_object_is_type(jfind(o, "lookup_value_id"),
			    json_type_int));
			ck_assert(json_object_is_type(jfind(o, "lookup_value_name"),
			    json_type_string));
			ck_assert(strlen(jget(o, "lookup_value_name")) > 0);
			ck_assert_msg(is_uuid(jget(o, "lookup_value_uuid")),
			    "%s: %s", table, jget(o, "lookup_value_uuid"));
			ck_assert_str_eq(jget(o, "lookup_type_table_name"), table);
			ck_assert_str_eq(jget(o, "lookup_type_name"), tname);
			ck_assert_str_eq(jplain(o, "lookup_type_custom"), "false");
			/* One type uuid for the table: null or a UUID. */
			json_object *tu = jfind(o, "lookup_type_uuid");
			ck_assert_msg(tu == NULL || is_uuid(json_object_get_string(tu)),
			    "%s: type uuid %s", table, jplain(o, "lookup_type_uuid"));
			ck_assert_str_eq(jplain(o, "lookup_type_uuid"), tuuid);
			for (size_t k = 0; k < i; k++) {
				ck_assert_str_ne(jget(a, S("%zu.lookup_value_uuid", k)),
				    jget(o, "lookup_value_uuid"));
				ck_assert_str_ne(jget(a, S("%zu.lookup_value_name", k)),
				    jget(o, "lookup_value_name"));
				ck_assert_int_ne(atol(jget(a, S("%zu.lookup_value_id", k))),
				    atol(jget(o, "lookup_value_id")));
			}
		}
		/* Stable: a second call is the same, uuids and all. */
		http_json(&r2, "GET", S("/lookups/%s", table), adm(), NULL);
		ck_assert_int_eq(r2.status, 200);
		ck_assert_str_eq(r2.body, r.body);
		hres_free(&r2);
		if (strcmp(table, "case_type") == 0) {
			ck_assert_int_eq(n, 2);
			ck_assert(has_name(a, "CLA") && has_name(a, "CCQ"));
		} else if (strcmp(table, "note_type") == 0) {
			ck_assert(has_name(a, "Other") && has_name(a, "Personal") &&
			    has_name(a, "User") && has_name(a, "Caseworker"));
		} else if (strcmp(table, "eligibility_type") == 0) {
			ck_assert_int_eq(n, 3);
			ck_assert(has_name(a, "MEANS") && has_name(a, "CFE"));
		} else if (strcmp(table, "outcome") == 0) {
			ck_assert(has_name(a, "In scope") && has_name(a, "Out of scope"));
		} else if (strcmp(table, "needed_adaptations") == 0) {
			ck_assert(has_name(a, "Minicom") && has_name(a, "BSL - Webcam"));
		} else if (strcmp(table, "languages") == 0) {
			ck_assert(has_name(a, "EN") && has_name(a, "CY"));
		}
		hres_free(&r);
	}
	/* Another user sees the same uuids. */
	struct hres r1, r2;
	char *tok = make_user_token(PW, "read", NULL, 0);
	http_json(&r1, "GET", "/lookups/note_type", adm(), NULL);
	http_json(&r2, "GET", "/lookups/note_type", tok, NULL);
	ck_assert_int_eq(r2.status, 200);
	ck_assert_str_eq(r1.body, r2.body);
	hres_free(&r1);
	hres_free(&r2);
}
END_TEST

/* What a lookup lists is what a case accepts, and search filters on. */
START_TEST(lookups_agree_with_validation)
{
	struct hres	 r, l;
	char		*tag = unique("Zqlk");

	http_json(&l, "GET", "/lookups/note_type", adm(), NULL);
	ck_assert_int_eq(l.status, 200);
	size_t n = json_object_array_length(l.json);
	for (size_t i = 0; i < n; i++) {
		const char *nt = jget(l.json, S("%zu.lookup_value_name", i));
		char *id = create(adm(), S("{\"case_type\":\"CLA\",\"people\":[%s],"
		    "\"notes\":[{\"note_type\":\"%s\",\"content\":\"c\"}]}",
		    person(S("L %s %zu", tag, i), NULL, NULL, NULL, NULL), nt));
		search_post(&r, adm(), S("{\"person_name\":\"%s %zu\","
		    "\"note_type\":\"%s\"}", tag, i, nt));
		assert_env(&r, 1, 20, 1, 1, 1, 1);
		assert_ids(&r, 1, id);
		hres_free(&r);
	}
	hres_free(&l);
	http_json(&l, "GET", "/lookups/case_type", adm(), NULL);
	for (size_t i = 0; i < json_object_array_length(l.json); i++) {
		const char *ct = jget(l.json, S("%zu.lookup_value_name", i));
		create(adm(), S("{\"case_type\":\"%s\",\"people\":[%s]}", ct,
		    person(S("K %s", tag), NULL, NULL, NULL, NULL)));
		search_get(&r, adm(), S("person_name=K%%20%s&case_type=%s", tag, ct));
		assert_env(&r, 1, 20, 1, 1, 1, 1);
		hres_free(&r);
	}
	hres_free(&l);
}
END_TEST

START_TEST(lookups_unknown_and_unauthenticated)
{
	struct hres r;

	http_json(&r, "GET", "/lookups/nosuch", adm(), NULL);
	assert_detail(&r, 404, NULL);
	hres_free(&r);
	http_json(&r, "GET", "/lookups/case_type", NULL, NULL);
	assert_detail(&r, 401, "Not authenticated");
	hres_free(&r);
	http_json(&r, "GET", "/lookups/case_type", "not-a-token", NULL);
	ck_assert_int_eq(r.status, 401);
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ conflicts */

/* The match for case_id among r's matches, or NULL. */
static json_object *
match_for(const struct hres *r, const char *case_id)
{
	json_object *m = jfind(r->json, "matches"), *found = NULL;

	ck_assert_msg(json_object_is_type(m, json_type_array), "%s", r->body);
	for (size_t i = 0; i < json_object_array_length(m); i++)
		if (strcmp(jget(m, S("%zu.case_id", i)), case_id) == 0) {
			ck_assert_msg(found == NULL, "two matches for %s: %s",
			    case_id, r->body);
			found = json_object_array_get_idx(m, i);
		}
	return found;
}

/* why lists exactly these fields (any order). */
static void
assert_why(json_object *m, size_t n, ...)
{
	va_list		 ap;
	json_object	*why = jfind(m, "why");

	ck_assert_msg(json_object_is_type(why, json_type_array) &&
	    json_object_array_length(why) == n, "why: %s",
	    json_object_to_json_string(m));
	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		const char *want = va_arg(ap, const char *);
		int seen = 0;
		for (size_t k = 0; k < n; k++)
			seen |= strcmp(json_object_get_string(
			    json_object_array_get_idx(why, k)), want) == 0;
		ck_assert_msg(seen, "why lacks %s: %s", want,
		    json_object_to_json_string(m));
	}
	va_end(ap);
}

static void
conflict(struct hres *r, const char *tok, const char *body)
{
	http_json(r, "POST", "/conflicts", tok, body);
	ck_assert_msg(r->status == 200, "conflicts: %ld %s (%s)", r->status,
	    r->body, body);
	ck_assert_int_eq(json_object_object_length(r->json), 1);
	ck_assert(json_object_is_type(jfind(r->json, "matches"),
	    json_type_array));
}

static size_t
nmatches(const struct hres *r)
{
	return json_object_array_length(jfind(r->json, "matches"));
}

/*
 * Check forks each test from one parent, so every test would start from
 * the same random() state: reseed once per process.
 */
static void
reseed(void)
{
	static pid_t seeded;

	if (seeded != getpid()) {
		seeded = getpid();
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		srandom((unsigned)(ts.tv_nsec ^ ts.tv_sec ^ (seeded * 2654435761u)));
	}
}

/* A likely-unique date of birth and UK postcode. */
static char *
rand_dob(void)
{
	reseed();
	return S("19%02ld-%02ld-%02ld", 10 + random() % 40, 1 + random() % 12,
	    1 + random() % 28);
}

static char *
rand_postcode(void)
{
	reseed();
	return S("QX%ld%ld %ld%c%c", random() % 10, random() % 10, random() % 10,
	    (char)('A' + random() % 26), (char)('A' + random() % 26));
}

START_TEST(conflicts_premium_only)
{
	struct hres	 r;
	char		*plain = make_org(0), *prem = make_org(1);

	http_json(&r, "POST", "/conflicts", adm(), "{\"name\":\"John Smith\"}");
	assert_detail(&r, 402, NULL);
	hres_free(&r);
	char *tok = make_user_token(PW, "read,create", plain, 0);
	http_json(&r, "POST", "/conflicts", tok, "{\"name\":\"John Smith\"}");
	assert_detail(&r, 402, NULL);
	hres_free(&r);
	char *none = make_user_token(PW, "read,create", NULL, 0);
	http_json(&r, "POST", "/conflicts", none, "{\"name\":\"John Smith\"}");
	assert_detail(&r, 402, NULL);
	hres_free(&r);
	char *ptok = make_user_token(PW, "read", prem, 0);
	conflict(&r, ptok, S("{\"name\":\"Nobody %s\"}", unique("Zqnb")));
	ck_assert_int_eq(nmatches(&r), 0);
	ck_assert_str_eq(r.body, "{\"matches\":[]}");
	hres_free(&r);
	http_json(&r, "POST", "/conflicts", NULL, "{\"name\":\"John Smith\"}");
	assert_detail(&r, 401, "Not authenticated");
	hres_free(&r);
}
END_TEST

START_TEST(conflicts_name_normalised)
{
	struct hres	 r;
	char		*org = make_org(1), *tag = unique("Zqnm");
	char		*tok = make_user_token(PW, "read,create", org, 0);
	char		*dob = rand_dob(), *pc = rand_postcode();
	char		*name = S("John O Smith %s", tag);
	char		*mail = S("%s@example.org", lower(tag));

	char *id = create(tok, S("{\"case_type\":\"CLA\",\"people\":[%s]}",
	    person(name, pc, mail, "020 7946 0999", dob)));

	conflict(&r, tok, S("{\"name\":\"  JOHN   o'smith %s \"}", upper(tag)));
	ck_assert_int_eq(nmatches(&r), 1);
	json_object *m = match_for(&r, id);
	ck_assert_ptr_nonnull(m);
	static const char *const mkeys[] = {
		"case_id", "org", "person", "why", NULL
	};
	assert_keys(m, mkeys);
	ck_assert_str_eq(jget(m, "org"), org);
	assert_why(m, 1, "name");
	assert_keys(jfind(m, "person"), person_keys);
	ck_assert_str_eq(jget(m, "person.name"), name);
	ck_assert_str_eq(jget(m, "person.date_of_birth"), dob);
	ck_assert_str_eq(jget(m, "person.postcode"), pc);
	ck_assert_str_eq(jget(m, "person.email"), mail);
	ck_assert_str_eq(jget(m, "person.phone_number"), "020 7946 0999");
	ck_assert_str_eq(jget(m, "person.address"), "1 High Street");
	ck_assert(is_uuid(jget(m, "person.id")));
	hres_free(&r);

	conflict(&r, tok, S("{\"name\":\"john-o.smith %s\"}", lower(tag)));
	ck_assert_ptr_nonnull(match_for(&r, id));
	hres_free(&r);

	/* Name with the other fields: each one that agrees is listed. */
	conflict(&r, tok, S("{\"name\":\"%s\",\"date_of_birth\":\"%s\","
	    "\"postcode\":\"%s\",\"phone_number\":\"(020) 7946-0999\","
	    "\"email\":\"%s\"}", name, dob, lower(pc), upper(mail)));
	m = match_for(&r, id);
	ck_assert_ptr_nonnull(m);
	assert_why(m, 5, "name", "date_of_birth", "postcode", "phone_number",
	    "email");
	hres_free(&r);
	conflict(&r, tok, S("{\"name\":\"%s\",\"date_of_birth\":\"1901-01-01\"}",
	    name));
	m = match_for(&r, id);
	ck_assert_ptr_nonnull(m);
	assert_why(m, 1, "name");
	hres_free(&r);

	/* A different name (a missing word) is no match. */
	conflict(&r, tok, S("{\"name\":\"John Smith %s\"}", tag));
	ck_assert_ptr_null(match_for(&r, id));
	hres_free(&r);
	conflict(&r, tok, S("{\"name\":\"John O Smith %sX\"}", tag));
	ck_assert_ptr_null(match_for(&r, id));
	hres_free(&r);
}
END_TEST

START_TEST(conflicts_other_fields)
{
	struct hres	 r;
	char		*org = make_org(1), *tag = unique("Zqof");
	char		*tok = make_user_token(PW, "read,create", org, 0);
	char		*dob = rand_dob(), *pc = rand_postcode();
	char		*mail = S("%s@example.org", lower(tag));
	char		*phone = S("020 7946 %04ld", random() % 10000);
	char		*id = create(tok, S("{\"case_type\":\"CLA\",\"people\":[%s]}",
	    person(S("Jane %s", tag), pc, mail, phone, dob)));
	char		*other = S("Somebody Else %s", unique("Zqse"));
	json_object	*m;

	/* Without the name, two other fields must agree. */
	conflict(&r, tok, S("{\"name\":\"%s\",\"date_of_birth\":\"%s\","
	    "\"postcode\":\"%s\"}", other, dob, pc));
	m = match_for(&r, id);
	ck_assert_msg(m != NULL, "%s", r.body);
	assert_why(m, 2, "date_of_birth", "postcode");
	ck_assert_ptr_nonnull(jfind(m, "person"));
	hres_free(&r);

	/* A phone that does not agree: only one field. */
	conflict(&r, tok, S("{\"name\":\"%s\",\"postcode\":\"%s\","
	    "\"phone_number\":\"0161 496 0000\"}", other, lower(pc)));
	ck_assert_ptr_null(match_for(&r, id));
	hres_free(&r);

	char *digits = S("020%s", phone + 4);
	for (char *p = digits; *p; p++)
		if (*p == ' ')
			memmove(p, p + 1, strlen(p));
	conflict(&r, tok, S("{\"name\":\"%s\",\"phone_number\":\"%s\","
	    "\"email\":\"%s\"}", other, digits, upper(mail)));
	m = match_for(&r, id);
	ck_assert_msg(m != NULL, "%s", r.body);
	assert_why(m, 2, "phone_number", "email");
	hres_free(&r);

	conflict(&r, tok, S("{\"name\":\"%s\",\"phone_number\":\"(020) %s\","
	    "\"postcode\":\"%s\"}", other, phone + 4, pc));
	m = match_for(&r, id);
	ck_assert_msg(m != NULL, "%s", r.body);
	assert_why(m, 2, "postcode", "phone_number");
	hres_free(&r);

	conflict(&r, tok, S("{\"name\":\"%s\",\"phone_number\":\"%s\","
	    "\"date_of_birth\":\"%s\"}", other, phone, dob));
	m = match_for(&r, id);
	ck_assert_msg(m != NULL, "%s", r.body);
	assert_why(m, 2, "date_of_birth", "phone_number");
	hres_free(&r);

	/* One field alone is not enough. */
	const char *single[] = {
		S("\"date_of_birth\":\"%s\"", dob), S("\"postcode\":\"%s\"", pc),
		S("\"email\":\"%s\"", mail), S("\"phone_number\":\"%s\"", phone),
	};
	for (size_t i = 0; i < 4; i++) {
		conflict(&r, tok, S("{\"name\":\"%s\",%s}", other, single[i]));
		ck_assert_msg(match_for(&r, id) == NULL, "%s: %s", single[i],
		    r.body);
		hres_free(&r);
	}
}
END_TEST

START_TEST(conflicts_across_orgs)
{
	struct hres	 r;
	char		*orga = make_org(1), *orgb = make_org(0),
	    *tag = unique("Zqxo");
	char		*ta = make_user_token(PW, "read,create", orga, 0);
	char		*tb = make_user_token(PW, "read,create", orgb, 0);
	char		*tall = make_user_token(PW, "read", orga, 1);
	char		*name = S("Mary %s", tag);
	const char	*p = person(name, NULL, NULL, NULL, NULL);
	char		*ca = create(ta, S("{\"case_type\":\"CLA\",\"people\":[%s]}", p));
	char		*cb = create(tb, S("{\"case_type\":\"CCQ\",\"people\":[%s]}", p));
	char		*cn = create(adm(), S("{\"case_type\":\"CCQ\",\"people\":[%s]}",
	    p));
	static const char *const full[] = { "case_id", "org", "person", "why", NULL };
	static const char *const bare[] = { "case_id", "org", "why", NULL };

	conflict(&r, ta, S("{\"name\":\"%s\"}", name));
	ck_assert_int_eq(nmatches(&r), 3);
	json_object *m = match_for(&r, ca);
	ck_assert_ptr_nonnull(m);
	assert_keys(m, full);
	ck_assert_str_eq(jget(m, "org"), orga);
	ck_assert_str_eq(jget(m, "person.name"), name);
	assert_why(m, 1, "name");
	m = match_for(&r, cb);
	ck_assert_ptr_nonnull(m);
	assert_keys(m, bare);
	ck_assert_str_eq(jget(m, "org"), orgb);
	assert_why(m, 1, "name");
	m = match_for(&r, cn);	/* the admin's, in no organisation */
	ck_assert_ptr_nonnull(m);
	assert_keys(m, bare);
	ck_assert_str_eq(jplain(m, "org"), "null");
	/* Nothing of the hidden people leaks into the body. */
	struct hres g;
	http_json(&g, "GET", S("/cases/%s", cb), adm(), NULL);
	const char *pid = jget(g.json, "people.0.id");
	ck_assert_ptr_nonnull(pid);
	ck_assert_msg(strstr(r.body, pid) == NULL, "%s", r.body);
	hres_free(&g);
	hres_free(&r);

	/* A caller who sees every case sees every person. */
	conflict(&r, tall, S("{\"name\":\"%s\"}", name));
	ck_assert_int_eq(nmatches(&r), 3);
	assert_keys(match_for(&r, ca), full);
	assert_keys(match_for(&r, cb), full);
	assert_keys(match_for(&r, cn), full);
	hres_free(&r);
}
END_TEST

/*
 * A real match is found however many weaker candidates come before it:
 * 500 people on older cases share the date of birth asked about (one field
 * each, so none of them qualifies), then the person of that name, who also
 * has that date of birth, a postcode and a phone number: found by name,
 * and without the name by any two fields together.
 */
START_TEST(conflicts_match_after_many_candidates)
{
	struct hres	 r;
	char		*org = make_org(1), *tag = unique("Zqmc");
	char		*tok = make_user_token(PW, "read,create", org, 0);
	char		*dob = rand_dob();

	for (int c = 0; c < 10; c++) {
		char *list = "";
		for (int i = 0; i < 50; i++)
			list = S("%s%s%s", list, i ? "," : "", person(S("Filler %s %d %d",
			    tag, c, i), NULL, NULL, NULL, dob));
		create(tok, S("{\"case_type\":\"CLA\",\"people\":[%s]}", list));
	}
	char *name = S("Target %s", tag), *pc = rand_postcode();
	char *phone = S("020 7946 %04ld", random() % 10000);
	char *id = create(tok, S("{\"case_type\":\"CLA\",\"people\":[%s]}",
	    person(name, pc, NULL, phone, dob)));

	conflict(&r, tok, S("{\"name\":\"%s\"}", name));
	ck_assert_ptr_nonnull(match_for(&r, id));
	hres_free(&r);
	conflict(&r, tok, S("{\"name\":\"%s\",\"date_of_birth\":\"%s\"}", name,
	    dob));
	json_object *m = match_for(&r, id);
	ck_assert_msg(m != NULL, "the name match is missing (%zu matches)",
	    nmatches(&r));
	assert_why(m, 2, "name", "date_of_birth");
	ck_assert_int_eq(nmatches(&r), 1);
	hres_free(&r);
	conflict(&r, tok, S("{\"name\":\"Somebody Else %s\",\"date_of_birth\":"
	    "\"%s\",\"postcode\":\"%s\"}", tag, dob, pc));
	m = match_for(&r, id);
	ck_assert_msg(m != NULL, "the date_of_birth+postcode match is missing "
	    "(%zu matches)", nmatches(&r));
	assert_why(m, 2, "date_of_birth", "postcode");
	ck_assert_int_eq(nmatches(&r), 1);
	hres_free(&r);
	conflict(&r, tok, S("{\"name\":\"Somebody Else %s\",\"date_of_birth\":"
	    "\"%s\",\"phone_number\":\"%s\"}", tag, dob, phone));
	m = match_for(&r, id);
	ck_assert_msg(m != NULL, "the date_of_birth+phone_number match is "
	    "missing (%zu matches)", nmatches(&r));
	assert_why(m, 2, "date_of_birth", "phone_number");
	ck_assert_int_eq(nmatches(&r), 1);
	hres_free(&r);
}
END_TEST

START_TEST(conflicts_bad_input)
{
	static const char *const bad[][2] = {
		{ "{}", "name" },
		{ "{\"date_of_birth\":\"1980-01-01\"}", "name" },
		{ "{\"name\":null}", "name" },
		{ "{\"name\":5}", "name" },
		{ "{\"name\":\"J\",\"date_of_birth\":\"notadate\"}", "date_of_birth" },
		{ "{\"name\":\"J\",\"date_of_birth\":\"1980-13-01\"}", "date_of_birth" },
		{ "{\"name\":\"J\",\"date_of_birth\":\"1981-02-29\"}", "date_of_birth" },
		{ "{\"name\":\"J\",\"date_of_birth\":19800101}", "date_of_birth" },
		{ "{\"name\":\"J\",\"postcode\":\"not a postcode\"}", "postcode" },
		{ "{\"name\":\"J\",\"email\":\"not-an-email\"}", "email" },
		{ "{\"name\":\"J\",\"phone_number\":\"12\"}", "phone_number" },
		{ "{\"name\":\"J\",\"bogus\":1}", "bogus" },
		{ "{\"name\":\"J\",\"visa_number\":5}", "visa_number" },
		{ "{\"name\":\"J\",\"visa_number\":\"123456789012345678901234567890"
		    "123456789012345678901\"}", "visa_number" },
	};
	struct hres	 r;
	char		*tok = make_user_token(PW, "read", make_org(1), 0);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		http_json(&r, "POST", "/conflicts", tok, bad[i][0]);
		assert_422(&r, "body", bad[i][1], bad[i][0]);
		hres_free(&r);
	}
	http_json(&r, "POST", "/conflicts", tok, "[]");
	assert_422(&r, "body", NULL, "array");
	hres_free(&r);
	http_json(&r, "POST", "/conflicts", tok, "");
	assert_422(&r, "body", NULL, "empty");
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ permissions */

START_TEST(search_counts_only_visible_records)
{
	struct hres	 r;
	char		*orga = make_org(0), *orgb = make_org(0),
	    *tag = unique("Zqpm");
	char		*ta = make_user_token(PW, "read,create", orga, 0);
	char		*tb = make_user_token(PW, "read,create", orgb, 0);
	char		*tall = make_user_token(PW, "read", orga, 1);
	char		*tnone = make_user_token(PW, "read", NULL, 0);
	char		*a[2], *b[3];

	a[0] = create_named(ta, "CLA", S("V %s", tag));
	b[0] = create_named(tb, "CLA", S("V %s", tag));
	b[1] = create_named(tb, "CLA", S("V %s", tag));
	a[1] = create_named(ta, "CLA", S("V %s", tag));
	b[2] = create_named(tb, "CLA", S("V %s", tag));

	search_get(&r, ta, S("person_name=%s", tag));
	assert_env(&r, 1, 20, 1, 5, 2, 2);
	assert_ids(&r, 2, a[0], a[1]);
	hres_free(&r);
	search_get(&r, ta, S("person_name=%s&page_size=1", tag));
	assert_env(&r, 1, 1, 2, 5, 2, 1);
	assert_ids(&r, 1, a[0]);
	hres_free(&r);
	search_get(&r, ta, S("person_name=%s&page_size=1&page_number=2", tag));
	assert_env(&r, 2, 1, 2, 5, 2, 1);
	assert_ids(&r, 1, a[1]);
	hres_free(&r);
	search_post(&r, ta, S("{\"person_name\":\"%s\",\"sort\":\"desc\"}", tag));
	assert_env(&r, 1, 20, 1, 5, 2, 2);
	assert_ids(&r, 2, a[1], a[0]);
	hres_free(&r);

	search_post(&r, tb, S("{\"person_name\":\"%s\"}", tag));
	assert_env(&r, 1, 20, 1, 5, 3, 3);
	assert_ids(&r, 3, b[0], b[1], b[2]);
	hres_free(&r);
	search_get(&r, tb, S("person_name=%s&custom_results=", tag));
	assert_env(&r, 1, 20, 1, 5, 3, 3);
	hres_free(&r);

	search_get(&r, tnone, S("person_name=%s", tag));
	assert_env(&r, 1, 20, 0, 5, 0, 0);
	hres_free(&r);

	search_get(&r, tall, S("person_name=%s", tag));
	assert_env(&r, 1, 20, 1, 5, 5, 5);
	assert_ids(&r, 5, a[0], b[0], b[1], a[1], b[2]);
	hres_free(&r);
	search_get(&r, adm(), S("person_name=%s", tag));
	assert_env(&r, 1, 20, 1, 5, 5, 5);
	assert_ids(&r, 5, a[0], b[0], b[1], a[1], b[2]);
	hres_free(&r);

	/* Upsert only ever picks a visible case. */
	http_json(&r, "POST", "/cases/", ta, S("{\"case_type\":\"CCQ\","
	    "\"people\":[%s],\"update\":{\"person_name\":\"%s\",\"case_type\":"
	    "\"CLA\"}}", person(S("V %s", tag), NULL, NULL, NULL, NULL), tag));
	ck_assert_int_eq(r.status, 400);	/* two of A's, not five */
	hres_free(&r);
	http_json(&r, "GET", S("/cases/%s", b[0]), ta, NULL);
	ck_assert_int_eq(r.status, 403);
	hres_free(&r);
}
END_TEST

/* ------------------------------------------------------------ rate limits */

static long
rl_check(const struct hres *r, const char *what)
{
	char *lim = hres_header(r, "x-rate-limit-limit");
	char *rem = hres_header(r, "x-rate-limit-remaining");
	char *rst = hres_header(r, "x-rate-limit-reset");
	long now = (long)time(NULL);

	ck_assert_msg(lim && rem && rst, "%s (%ld): headers missing:\n%s", what,
	    r->status, r->headers);
	char *end;
	long l = strtol(lim, &end, 10);
	ck_assert_msg(*end == '\0' && l > 0, "%s: limit %s", what, lim);
	long m = strtol(rem, &end, 10);
	ck_assert_msg(*end == '\0' && m >= 0 && m <= l, "%s: remaining %s of %s",
	    what, rem, lim);
	long t = strtol(rst, &end, 10);
	ck_assert_msg(*end == '\0' && t >= now - 1 && t <= now + 61,
	    "%s: reset %s, now %ld", what, rst, now);
	free(lim);
	free(rem);
	free(rst);
	return m;
}

START_TEST(rate_limit_headers_on_cases)
{
	struct hres	 r;
	char		*tok = make_user_token(PW, "read,create,update,delete",
	    make_org(0), 0);
	char		*tag = unique("Zqrl");

	struct { const char *method, *path, *body; long status; } calls[] = {
		{ "POST", "/cases/", NULL, 201 },
		{ "GET", NULL, NULL, 200 },
		{ "PATCH", NULL, "{\"case_type\":\"CCQ\"}", 200 },
		{ "GET", S("/cases/search?person_name=%s", tag), NULL, 200 },
		{ "POST", "/cases/search", S("{\"person_name\":\"%s\"}", tag), 200 },
		{ "GET", "/cases/search?page_number=0", NULL, 422 },
		{ "POST", "/cases/search", "{\"sort\":\"up\"}", 422 },
		{ "POST", "/cases/", "{\"case_type\":\"XYZ\"}", 422 },
		{ "GET", "/cases/", NULL, 200 },
		{ "GET", "/lookups/case_type", NULL, 200 },
		{ "GET", NULL, NULL, 200 },	/* history */
		{ "DELETE", NULL, NULL, 204 },
		{ "GET", NULL, NULL, 404 },	/* gone */
		{ "GET", "/cases/not-a-uuid", NULL, 422 },
	};
	char *id = NULL;
	calls[0].body = S("{\"case_type\":\"CLA\",\"people\":[%s]}",
	    person(S("R %s", tag), NULL, NULL, NULL, NULL));
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		const char *path = calls[i].path;
		if (path == NULL)
			path = i == 10 ? S("/cases/%s/history", id) :
			    S("/cases/%s", id);
		http_json(&r, calls[i].method, path, tok, calls[i].body);
		ck_assert_msg(r.status == calls[i].status, "%s %s: %ld %s",
		    calls[i].method, path, r.status, r.body);
		if (i == 0)
			id = strdup(jget(r.json, "id"));
		/*
		 * Only presence and sanity: workers answer from counts they
		 * share once a second, so "remaining" need not fall strictly.
		 */
		rl_check(&r, S("%s %s", calls[i].method, path));
		hres_free(&r);
	}
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("search");
	TCase *t = tcase_create("search");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, search_envelope_and_paging);
	tcase_add_test(t, search_person_name_substring_any_case);
	tcase_add_test(t, case_without_documents);
	tcase_add_test(t, page_without_documents);
	tcase_add_test(t, search_counts_follow_writes);
	tcase_add_test(t, search_body_number_for_text_filter);
	tcase_add_test(t, search_filters);
	tcase_add_test(t, search_time_filters);
	tcase_add_test(t, search_bad_values_query);
	tcase_add_test(t, search_bad_values_body);
	tcase_add_test(t, search_huge_page_number);
	tcase_add_test(t, search_needs_token_and_read);
	tcase_add_test(t, custom_results_body);
	tcase_add_test(t, custom_results_query);
	tcase_add_test(t, upsert_create_then_update);
	tcase_add_test(t, upsert_multiple_matches);
	tcase_add_test(t, upsert_update_needs_scope);
	tcase_add_test(t, upsert_bad_filters);
	tcase_add_test(t, empty_writes_null);
	tcase_add_test(t, external_id_unique);
	tcase_add_test(t, lookups_tables);
	tcase_add_test(t, lookups_agree_with_validation);
	tcase_add_test(t, lookups_unknown_and_unauthenticated);
	tcase_add_test(t, conflicts_premium_only);
	tcase_add_test(t, conflicts_name_normalised);
	tcase_add_test(t, conflicts_other_fields);
	tcase_add_test(t, conflicts_across_orgs);
	tcase_add_test(t, conflicts_match_after_many_candidates);
	tcase_add_test(t, conflicts_bad_input);
	tcase_add_test(t, search_counts_only_visible_records);
	tcase_add_test(t, rate_limit_headers_on_cases);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	srandom((unsigned)time(NULL) ^ (unsigned)getpid());
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
