/*
 * Unit tests for src/lib/fields.c: validation of request bodies against a
 * field table (Pydantic 2 vocabulary) and rendering of database rows.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "arena.h"
#include "fields.h"
#include "http.h"

/* ---- a local table with every type and flag ---- */

static const char *const kinds[] = { "a", "b", "c", NULL };
static const char *const scopes[] = {
	"read", "create", "update", "delete", "admin", NULL
};

static const char *
no_x(const char *s)
{
	return s[0] == 'x' ? "must not start with x" : NULL;
}

enum {
	T_CODE, T_KIND, T_EMAIL, T_ACTIVE, T_COUNT, T_SCOPES, T_ID,
	T_PASSWORD, T_NOTE, T_CREATED, T__N
};

static const struct field tbl[T__N] = {
	[T_CODE]	= { .name = "code", .type = FT_STRING,
			    .flags = F_NONEMPTY, .max = 3, .check = no_x },
	[T_KIND]	= { .name = "kind", .type = FT_STRING,
			    .flags = F_REQUIRED, .values = kinds },
	[T_EMAIL]	= { .name = "email", .type = FT_STRING, .max = 64,
			    .check = check_email },
	[T_ACTIVE]	= { .name = "active", .type = FT_BOOL },
	[T_COUNT]	= { .name = "count", .type = FT_INT, .flags = F_NULLABLE },
	[T_SCOPES]	= { .name = "scopes", .type = FT_SET, .max = 3,
			    .values = scopes },
	[T_ID]		= { .name = "id", .type = FT_STRING, .flags = F_READONLY },
	[T_PASSWORD]	= { .name = "password", .type = FT_STRING,
			    .flags = F_REQUIRED | F_WRITEONLY, .max = 16 },
	[T_NOTE]	= { .name = "note", .type = FT_STRING,
			    .flags = F_NULLABLE, .max = 10 },
	[T_CREATED]	= { .name = "created_at", .type = FT_DATETIME,
			    .flags = F_READONLY },
};

#define N	T__N

/* ---- helpers ---- */

static struct req	r;
static struct fieldvals	fv;

static void
setup(void)
{
	memset(&r, 0, sizeof r);
	memset(&fv, 0, sizeof fv);
}

static void
teardown(void)
{
	json_object_put(r.json);
	r.json = NULL;
	arena_reset(&r.a);
	r.problems = NULL;
}

/* Puts text in r as an already-decoded JSON body. */
static void
body(const char *text)
{
	json_object_put(r.json);
	r.body = arena_strdup(&r.a, text);
	r.body_len = strlen(text);
	r.json = json_tokener_parse(text);
	ck_assert_msg(r.json != NULL, "test body is not JSON: %s", text);
}

static int
parse_body(const char *text, int create)
{
	body(text);
	return fields_body(&r, tbl, N, create, &fv);
}

static const char *
js(json_object *o)
{
	return json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
}

static json_object *
problem(int i)
{
	ck_assert_ptr_nonnull(r.problems);
	ck_assert_int_lt(i, problem_count(&r));
	return json_object_array_get_idx(r.problems, (size_t)i);
}

static const char *
pget(int i, const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(problem(i), key, &v))
		return "<absent>";
	return js(v);
}

/* One problem, compared whole. */
static void
only_problem(const char *want)
{
	ck_assert_int_eq(problem_count(&r), 1);
	ck_assert_str_eq(js(problem(0)), want);
}

/* ---- counts and wide tables ---- */

/* Each body against table t has n problems (0: it is accepted). */
static void
each_has(const struct field *t, size_t nt, const char *const *bodies, int n)
{
	for (size_t i = 0; bodies[i]; i++) {
		body(bodies[i]);
		ck_assert_msg(fields_body(&r, t, nt, 0, &fv) == n, "%s: %s",
		    bodies[i], js(r.problems));
		r.problems = NULL;
	}
}

/* The body against table t has one problem, compared whole. */
static void
one_problem(const struct field *t, size_t nt, const char *text,
    const char *want)
{
	body(text);
	ck_assert_int_eq(fields_body(&r, t, nt, 0, &fv), 1);
	only_problem(want);
	r.problems = NULL;
}

/*
 * The number below and the number above, as t's first field (a number
 * from 0 to its max), are each one problem: Pydantic's ge and le.
 */
static void
out_of_range(const struct field *t, size_t nt, const char *below,
    const char *above)
{
	char	 text[128], want[512];

	snprintf(text, sizeof(text), "{\"%s\":%s}", t[0].name, below);
	snprintf(want, sizeof(want), "{\"type\":\"greater_than_equal\","
	    "\"loc\":[\"body\",\"%s\"],\"msg\":\"Input should be greater than "
	    "or equal to 0\",\"input\":%s,\"ctx\":{\"ge\":0}}", t[0].name, below);
	one_problem(t, nt, text, want);
	snprintf(text, sizeof(text), "{\"%s\":%s}", t[0].name, above);
	snprintf(want, sizeof(want), "{\"type\":\"less_than_equal\","
	    "\"loc\":[\"body\",\"%s\"],\"msg\":\"Input should be less than or "
	    "equal to %u\",\"input\":%s,\"ctx\":{\"le\":%u}}", t[0].name,
	    t[0].max, above, t[0].max);
	one_problem(t, nt, text, want);
}

/* An FT_INT with a max is a count: 0 to max, a whole number. */
START_TEST(test_count)
{
	static const struct field t[] = {
		{ .name = "n", .type = FT_INT, .flags = F_NULLABLE, .max = 999 },
	};
	const char *ok[] = { "{\"n\":0}", "{\"n\":999}", "{\"n\":null}", NULL };
	each_has(t, 1, ok, 0);
	out_of_range(t, 1, "-1", "1000");
	const char *bad[] = { "{\"n\":99999999999999999999}", "{\"n\":1.5}",
	    "{\"n\":\"2\"}", "{\"n\":true}", NULL };
	each_has(t, 1, bad, 1);
}
END_TEST

/*
 * An FT_DECIMAL: a JSON number (integer or float), 0 to max when there is
 * a max, with at most DECIMAL_PLACES decimals; null and "%empty%" clear a
 * nullable one; rendered as the column's text, a JSON number.
 */
START_TEST(test_decimal)
{
	static const struct field t[] = {
		{ .name = "p", .type = FT_DECIMAL, .flags = F_NULLABLE,
		    .max = 10000 },
		{ .name = "q", .type = FT_DECIMAL },
	};
	const char *ok[] = { "{\"p\":0}", "{\"p\":10000}", "{\"p\":150.5}",
	    "{\"p\":0.29}", "{\"p\":99.99}", "{\"p\":10000.00}",
	    "{\"p\":1.5e2}", "{\"p\":null}", "{\"q\":-12.75}",
	    "{\"q\":123456789}", NULL };
	each_has(t, 2, ok, 0);
	body("{\"p\":150.5}");
	ck_assert_int_eq(fields_body(&r, t, 2, 0, &fv), 0);
	ck_assert(FV_HAS(&fv, 0) && !FV_HAS(&fv, 1));
	ck_assert(json_object_get_double(fv.v[0]) == 150.5);

	/* Below 0, above max, too many decimals, not a number. */
	out_of_range(t, 2, "-0.01", "10000.01");
	one_problem(t, 2, "{\"p\":12.345}", "{\"type\":\"decimal_max_places\","
	    "\"loc\":[\"body\",\"p\"],\"msg\":\"Decimal input should have no "
	    "more than 2 decimal places\",\"input\":12.345,"
	    "\"ctx\":{\"decimal_places\":2}}");
	one_problem(t, 2, "{\"p\":\"150\"}", "{\"type\":\"decimal_type\","
	    "\"loc\":[\"body\",\"p\"],\"msg\":\"Decimal input should be an "
	    "integer or float\",\"input\":\"150\"}");
	const char *bad[] = { "{\"p\":true}", "{\"p\":[1]}", "{\"p\":{}}",
	    "{\"p\":\"\"}", "{\"p\":99999999999999999999}", "{\"p\":0.001}",
	    "{\"q\":null}", "{\"q\":\"%empty%\"}", NULL };
	each_has(t, 2, bad, 1);
	/* Not a finite number (json-c can hold one). */
	body("{}");
	json_object_object_add(r.json, "p", json_object_new_double(INFINITY));
	ck_assert_int_eq(fields_body(&r, t, 2, 0, &fv), 1);
	ck_assert_str_eq(pget(0, "type"), "\"finite_number\"");
	r.problems = NULL;

	/* "%empty%" clears the nullable one. */
	body("{\"p\":\"%empty%\"}");
	ck_assert_int_eq(fields_body(&r, t, 2, 0, &fv), 0);
	ck_assert(FV_HAS(&fv, 0));
	ck_assert_ptr_null(fv.v[0]);
	ck_assert_str_eq(js(r.json), "{\"p\":null}");

	/* Rendered from the column's text as a number, that text kept. */
	json_object *o = field_value(&t[0], "150.50", 0);
	ck_assert(json_object_is_type(o, json_type_double));
	ck_assert(json_object_get_double(o) == 150.5);
	ck_assert_str_eq(js(o), "150.50");
	json_object_put(o);
	ck_assert_ptr_null(field_value(&t[0], NULL, 0));
}
END_TEST

/* A table of more than 64 fields: each sent one is marked, none other. */
START_TEST(test_wide_table)
{
	static struct field t[100];
	static char names[100][8];
	for (size_t i = 0; i < 100; i++) {
		snprintf(names[i], sizeof(names[i]), "f%zu", i);
		t[i] = (struct field){ .name = names[i], .type = FT_BOOL };
	}
	body("{\"f3\":true,\"f64\":false,\"f99\":true}");
	ck_assert_int_eq(fields_body(&r, t, 100, 0, &fv), 0);
	for (size_t i = 0; i < 100; i++)
		ck_assert_msg(FV_HAS(&fv, i) == (i == 3 || i == 64 || i == 99),
		    "field %zu", i);
	ck_assert(fv_bool(&fv, 99) && !fv_bool(&fv, 64));
	ck_assert(fv_any(&fv));
}
END_TEST

/* ---- valid input ---- */

START_TEST(test_all_valid)
{
	int n = parse_body("{\"code\":\"abc\",\"kind\":\"b\","
	    "\"email\":\"ann@example.org\",\"active\":true,\"count\":-42,"
	    "\"scopes\":[\"admin\",\"read\"],\"password\":\"hunter2\","
	    "\"note\":\"hello\"}", 1);

	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(problem_count(&r), 0);
	ck_assert_ptr_null(r.problems);
	ck_assert_str_eq(fv_str(&fv, T_CODE), "abc");
	ck_assert_str_eq(fv_str(&fv, T_KIND), "b");
	ck_assert_str_eq(fv_str(&fv, T_EMAIL), "ann@example.org");
	ck_assert_int_eq(fv_bool(&fv, T_ACTIVE), 1);
	ck_assert_int_eq(json_object_get_int64(fv.v[T_COUNT]), -42);
	ck_assert_str_eq(fv_str(&fv, T_PASSWORD), "hunter2");
	ck_assert_str_eq(fv_str(&fv, T_NOTE), "hello");
	ck_assert_str_eq(fv_set(&r, &tbl[T_SCOPES], &fv, T_SCOPES),
	    "read,admin");
	ck_assert(FV_HAS(&fv, T_CODE) && FV_HAS(&fv, T_SCOPES));
	ck_assert(!FV_HAS(&fv, T_ID) && !FV_HAS(&fv, T_CREATED));
	/* exactly the sent fields are marked */
	ck_assert_uint_eq(fv.set[0], (1ULL << T_CODE) | (1ULL << T_KIND) |
	    (1ULL << T_EMAIL) | (1ULL << T_ACTIVE) | (1ULL << T_COUNT) |
	    (1ULL << T_SCOPES) | (1ULL << T_PASSWORD) | (1ULL << T_NOTE));
}
END_TEST

START_TEST(test_valid_variants)
{
	/* each allowed enum value, false, 0, empty list, nulls on nullables */
	ck_assert_int_eq(parse_body("{\"kind\":\"a\",\"password\":\"p\","
	    "\"active\":false,\"count\":0,\"scopes\":[],\"note\":null}", 1), 0);
	ck_assert_int_eq(fv_bool(&fv, T_ACTIVE), 0);
	ck_assert(FV_HAS(&fv, T_NOTE));
	ck_assert_ptr_null(fv_str(&fv, T_NOTE));
	ck_assert_str_eq(fv_set(&r, &tbl[T_SCOPES], &fv, T_SCOPES), "");
	ck_assert_int_eq(parse_body("{\"kind\":\"c\",\"count\":null}", 0), 0);
	ck_assert(FV_HAS(&fv, T_COUNT));
	ck_assert_ptr_null(fv.v[T_COUNT]);
	/* an unsent field is neither true nor a string */
	ck_assert_int_eq(fv_bool(&fv, T_ACTIVE), 0);
	ck_assert_ptr_null(fv_str(&fv, T_CODE));
	/* the empty object is a valid update */
	ck_assert_int_eq(parse_body("{}", 0), 0);
	ck_assert(!fv_any(&fv));
	/* large integers are integers */
	ck_assert_int_eq(parse_body("{\"count\":9007199254740993}", 0), 0);
	ck_assert_int_eq(problem_count(&r), 0);
}
END_TEST

/* ---- wrong JSON types ---- */

START_TEST(test_type_string)
{
	ck_assert_int_eq(parse_body("{\"code\":5}", 0), 1);
	only_problem("{\"type\":\"string_type\",\"loc\":[\"body\",\"code\"],"
	    "\"msg\":\"Input should be a valid string\",\"input\":5}");
}
END_TEST

START_TEST(test_type_string_variants)
{
	ck_assert_int_eq(parse_body("{\"kind\":true,\"email\":[],"
	    "\"note\":{},\"password\":1.5}", 0), 4);
	for (int i = 0; i < 4; i++) {
		ck_assert_str_eq(pget(i, "type"), "\"string_type\"");
		ck_assert_str_eq(pget(i, "msg"),
		    "\"Input should be a valid string\"");
		ck_assert_str_eq(pget(i, "ctx"), "<absent>");
	}
	ck_assert_str_eq(pget(0, "loc"), "[\"body\",\"kind\"]");
	ck_assert_str_eq(pget(0, "input"), "true");
	ck_assert_str_eq(pget(1, "input"), "[]");
	ck_assert_str_eq(pget(2, "input"), "{}");
	ck_assert_str_eq(pget(3, "loc"), "[\"body\",\"password\"]");
}
END_TEST

START_TEST(test_type_bool)
{
	ck_assert_int_eq(parse_body("{\"active\":\"true\"}", 0), 1);
	only_problem("{\"type\":\"bool_type\",\"loc\":[\"body\",\"active\"],"
	    "\"msg\":\"Input should be a valid boolean\",\"input\":\"true\"}");
	teardown();
	ck_assert_int_eq(parse_body("{\"active\":1}", 0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"bool_type\"");
}
END_TEST

START_TEST(test_type_int)
{
	ck_assert_int_eq(parse_body("{\"count\":\"7\"}", 0), 1);
	only_problem("{\"type\":\"int_type\",\"loc\":[\"body\",\"count\"],"
	    "\"msg\":\"Input should be a valid integer\",\"input\":\"7\"}");
	teardown();
	ck_assert_int_eq(parse_body("{\"count\":2.5}", 0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"int_type\"");
	teardown();
	ck_assert_int_eq(parse_body("{\"count\":false}", 0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"int_type\"");
}
END_TEST

START_TEST(test_type_list)
{
	ck_assert_int_eq(parse_body("{\"scopes\":\"read\"}", 0), 1);
	only_problem("{\"type\":\"list_type\",\"loc\":[\"body\",\"scopes\"],"
	    "\"msg\":\"Input should be a valid list\",\"input\":\"read\"}");
	teardown();
	ck_assert_int_eq(parse_body("{\"scopes\":{\"read\":true}}", 0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"list_type\"");
}
END_TEST

START_TEST(test_set_item_not_string)
{
	ck_assert_int_eq(parse_body("{\"scopes\":[\"read\",7]}", 0), 1);
	only_problem("{\"type\":\"string_type\",\"loc\":[\"body\",\"scopes\",1],"
	    "\"msg\":\"Input should be a valid string\",\"input\":7}");
}
END_TEST

/* ---- strings ---- */

START_TEST(test_string_too_long)
{
	ck_assert_int_eq(parse_body("{\"code\":\"abcd\"}", 0), 1);
	only_problem("{\"type\":\"string_too_long\",\"loc\":[\"body\",\"code\"],"
	    "\"msg\":\"String should have at most 3 characters\","
	    "\"input\":\"abcd\",\"ctx\":{\"max_length\":3}}");
	teardown();
	ck_assert_int_eq(parse_body("{\"password\":\"12345678901234567\"}", 0),
	    1);
	ck_assert_str_eq(pget(0, "msg"),
	    "\"String should have at most 16 characters\"");
	ck_assert_str_eq(pget(0, "ctx"), "{\"max_length\":16}");
	teardown();
	/* exactly the maximum passes */
	ck_assert_int_eq(parse_body("{\"password\":\"1234567890123456\"}", 0),
	    0);
}
END_TEST

START_TEST(test_string_max_one)
{
	static const struct field one[] = {
		{ .name = "c", .type = FT_STRING, .max = 1 },
	};

	body("{\"c\":\"ab\"}");
	ck_assert_int_eq(fields_body(&r, one, 1, 0, &fv), 1);
	ck_assert_str_eq(pget(0, "msg"),
	    "\"String should have at most 1 character\"");
	ck_assert_str_eq(pget(0, "ctx"), "{\"max_length\":1}");
}
END_TEST

START_TEST(test_string_code_points)
{
	/* 3 code points of 2 bytes each: 6 bytes, passes max 3 */
	ck_assert_int_eq(parse_body("{\"code\":\"\xc3\xa9\xc3\xa9\xc3\xa9\"}",
	    0), 0);
	/* 3 code points of 4 bytes each (emoji) */
	ck_assert_int_eq(parse_body("{\"code\":\"\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
	    "\xf0\x9f\x98\x80\"}", 0), 0);
	/* escaped \u00e9 counts once too */
	ck_assert_int_eq(parse_body("{\"code\":\"\\u00e9\\u00e9\\u00e9\"}", 0),
	    0);
	ck_assert_int_eq(problem_count(&r), 0);
	/* 4 code points, 8 bytes: too long */
	ck_assert_int_eq(parse_body("{\"code\":\"\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\"}", 0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"string_too_long\"");
	ck_assert_str_eq(pget(0, "ctx"), "{\"max_length\":3}");
}
END_TEST

START_TEST(test_string_unicode)
{
	/* json-c passes raw invalid bytes through; fields.c must catch them */
	ck_assert_int_eq(parse_body("{\"code\":\"a\xff\"}", 0), 1);
	ck_assert_int_eq(problem_count(&r), 1);
	ck_assert_str_eq(pget(0, "type"), "\"string_unicode\"");
	ck_assert_str_eq(pget(0, "loc"), "[\"body\",\"code\"]");
	ck_assert_str_eq(pget(0, "msg"), "\"Input should be a valid string, "
	    "unable to parse raw data as a unicode string\"");
	ck_assert_str_eq(pget(0, "ctx"), "<absent>");
	teardown();
	/* a truncated 2-byte sequence */
	ck_assert_int_eq(parse_body("{\"note\":\"ab\xc3\"}", 0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"string_unicode\"");
	teardown();
	/* a lone continuation byte */
	ck_assert_int_eq(parse_body("{\"note\":\"\x80\"}", 0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"string_unicode\"");
}
END_TEST

START_TEST(test_string_empty)
{
	ck_assert_int_eq(parse_body("{\"code\":\"\"}", 0), 1);
	only_problem("{\"type\":\"string_too_short\",\"loc\":[\"body\",\"code\"],"
	    "\"msg\":\"String should have at least 1 character\",\"input\":\"\","
	    "\"ctx\":{\"min_length\":1}}");
	teardown();
	/* without F_NONEMPTY "" is a value */
	ck_assert_int_eq(parse_body("{\"note\":\"\"}", 0), 0);
}
END_TEST

START_TEST(test_string_enum)
{
	ck_assert_int_eq(parse_body("{\"kind\":\"d\"}", 0), 1);
	only_problem("{\"type\":\"enum\",\"loc\":[\"body\",\"kind\"],"
	    "\"msg\":\"Input should be 'a', 'b' or 'c'\",\"input\":\"d\","
	    "\"ctx\":{\"expected\":\"'a', 'b' or 'c'\"}}");
	teardown();
	/* case matters, and no prefix match */
	ck_assert_int_eq(parse_body("{\"kind\":\"A\"}", 0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"enum\"");
	teardown();
	ck_assert_int_eq(parse_body("{\"kind\":\"\"}", 0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"enum\"");
}
END_TEST

START_TEST(test_string_check)
{
	ck_assert_int_eq(parse_body("{\"code\":\"xy\"}", 0), 1);
	only_problem("{\"type\":\"value_error\",\"loc\":[\"body\",\"code\"],"
	    "\"msg\":\"Value error, must not start with x\",\"input\":\"xy\","
	    "\"ctx\":{}}");
	teardown();
	ck_assert_int_eq(parse_body("{\"email\":\"not-an-email\"}", 0), 1);
	only_problem("{\"type\":\"value_error\",\"loc\":[\"body\",\"email\"],"
	    "\"msg\":\"Value error, value is not a valid email address\","
	    "\"input\":\"not-an-email\",\"ctx\":{}}");
	teardown();
	/* length is checked before the check function runs */
	ck_assert_int_eq(parse_body("{\"code\":\"xxxx\"}", 0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"string_too_long\"");
}
END_TEST

/* ---- sets ---- */

START_TEST(test_set_enum_index)
{
	ck_assert_int_eq(parse_body("{\"scopes\":[\"read\",\"root\","
	    "\"admin\"]}", 0), 1);
	only_problem("{\"type\":\"enum\",\"loc\":[\"body\",\"scopes\",1],"
	    "\"msg\":\"Input should be 'read', 'create', 'update', 'delete' or "
	    "'admin'\",\"input\":\"root\",\"ctx\":{\"expected\":\"'read', "
	    "'create', 'update', 'delete' or 'admin'\"}}");
	teardown();
	/* every bad item is reported with its own index */
	ck_assert_int_eq(parse_body("{\"scopes\":[\"x\",\"read\",\"y\"]}", 0),
	    2);
	ck_assert_str_eq(pget(0, "loc"), "[\"body\",\"scopes\",0]");
	ck_assert_str_eq(pget(1, "loc"), "[\"body\",\"scopes\",2]");
	ck_assert_str_eq(pget(1, "input"), "\"y\"");
}
END_TEST

START_TEST(test_set_too_long)
{
	ck_assert_int_eq(parse_body("{\"scopes\":[\"read\",\"create\","
	    "\"update\",\"delete\"]}", 0), 1);
	only_problem("{\"type\":\"too_long\",\"loc\":[\"body\",\"scopes\"],"
	    "\"msg\":\"List should have at most 3 items after validation, not 4\","
	    "\"input\":[\"read\",\"create\",\"update\",\"delete\"],"
	    "\"ctx\":{\"field_type\":\"List\",\"max_length\":3,"
	    "\"actual_length\":4}}");
	teardown();
	ck_assert_int_eq(parse_body("{\"scopes\":[\"read\",\"create\","
	    "\"update\"]}", 0), 0);
}
END_TEST

/* ---- keys ---- */

START_TEST(test_extra_forbidden)
{
	ck_assert_int_eq(parse_body("{\"bogus\":1}", 0), 1);
	only_problem("{\"type\":\"extra_forbidden\",\"loc\":[\"body\",\"bogus\"],"
	    "\"msg\":\"Extra inputs are not permitted\",\"input\":1}");
	ck_assert(!fv_any(&fv));
}
END_TEST

START_TEST(test_readonly_forbidden)
{
	ck_assert_int_eq(parse_body("{\"id\":\"u-1\",\"created_at\":"
	    "\"2026-01-01T00:00:00Z\"}", 0), 2);
	ck_assert_str_eq(js(problem(0)), "{\"type\":\"extra_forbidden\","
	    "\"loc\":[\"body\",\"id\"],\"msg\":\"Extra inputs are not permitted\","
	    "\"input\":\"u-1\"}");
	ck_assert_str_eq(pget(1, "type"), "\"extra_forbidden\"");
	ck_assert_str_eq(pget(1, "loc"), "[\"body\",\"created_at\"]");
	/* never marked as sent, so nothing can be mass-assigned */
	ck_assert(!FV_HAS(&fv, T_ID) && !FV_HAS(&fv, T_CREATED));
	ck_assert_ptr_null(fv.v[T_ID]);
}
END_TEST

START_TEST(test_missing_create)
{
	ck_assert_int_eq(parse_body("{\"code\":\"ab\"}", 1), 2);
	ck_assert_int_eq(problem_count(&r), 2);
	ck_assert_str_eq(js(problem(0)), "{\"type\":\"missing\","
	    "\"loc\":[\"body\",\"kind\"],\"msg\":\"Field required\","
	    "\"input\":{\"code\":\"ab\"}}");
	ck_assert_str_eq(js(problem(1)), "{\"type\":\"missing\","
	    "\"loc\":[\"body\",\"password\"],\"msg\":\"Field required\","
	    "\"input\":{\"code\":\"ab\"}}");
}
END_TEST

START_TEST(test_missing_update)
{
	ck_assert_int_eq(parse_body("{\"code\":\"ab\"}", 0), 0);
	ck_assert_int_eq(problem_count(&r), 0);
	/* a required field sent as null is still "sent", but null is bad */
	ck_assert_int_eq(parse_body("{\"kind\":null,\"password\":\"p\"}", 1), 1);
	ck_assert_str_eq(pget(0, "type"), "\"string_type\"");
	ck_assert_str_eq(pget(0, "loc"), "[\"body\",\"kind\"]");
}
END_TEST

/* ---- null ---- */

START_TEST(test_null_nullable)
{
	ck_assert_int_eq(parse_body("{\"note\":null,\"count\":null}", 0), 0);
	ck_assert(FV_HAS(&fv, T_NOTE) && FV_HAS(&fv, T_COUNT));
}
END_TEST

START_TEST(test_null_not_nullable)
{
	ck_assert_int_eq(parse_body("{\"code\":null,\"active\":null,"
	    "\"scopes\":null,\"email\":null}", 0), 4);
	ck_assert_str_eq(js(problem(0)), "{\"type\":\"string_type\","
	    "\"loc\":[\"body\",\"code\"],\"msg\":\"Input should be a valid "
	    "string\",\"input\":null}");
	ck_assert_str_eq(js(problem(1)), "{\"type\":\"bool_type\","
	    "\"loc\":[\"body\",\"active\"],\"msg\":\"Input should be a valid "
	    "boolean\",\"input\":null}");
	ck_assert_str_eq(js(problem(2)), "{\"type\":\"list_type\","
	    "\"loc\":[\"body\",\"scopes\"],\"msg\":\"Input should be a valid "
	    "list\",\"input\":null}");
	ck_assert_str_eq(pget(3, "type"), "\"string_type\"");
	teardown();
	static const struct field i1[] = { { .name = "n", .type = FT_INT } };
	body("{\"n\":null}");
	ck_assert_int_eq(fields_body(&r, i1, 1, 0, &fv), 1);
	ck_assert_str_eq(js(problem(0)), "{\"type\":\"int_type\","
	    "\"loc\":[\"body\",\"n\"],\"msg\":\"Input should be a valid "
	    "integer\",\"input\":null}");
}
END_TEST

/* ---- many at once ---- */

START_TEST(test_many_problems)
{
	int n = parse_body("{\"code\":5,\"active\":\"yes\",\"count\":1.5,"
	    "\"scopes\":[\"read\",\"nope\"],\"bogus\":1,\"id\":\"x\","
	    "\"email\":\"a@b\",\"note\":\"12345678901\"}", 1);
	static const char *const want[][2] = {
		{ "\"string_type\"", "[\"body\",\"code\"]" },
		{ "\"bool_type\"", "[\"body\",\"active\"]" },
		{ "\"int_type\"", "[\"body\",\"count\"]" },
		{ "\"enum\"", "[\"body\",\"scopes\",1]" },
		{ "\"extra_forbidden\"", "[\"body\",\"bogus\"]" },
		{ "\"extra_forbidden\"", "[\"body\",\"id\"]" },
		{ "\"value_error\"", "[\"body\",\"email\"]" },
		{ "\"string_too_long\"", "[\"body\",\"note\"]" },
		{ "\"missing\"", "[\"body\",\"kind\"]" },
		{ "\"missing\"", "[\"body\",\"password\"]" },
	};

	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(problem_count(&r), 10);
	for (int i = 0; i < 10; i++) {
		ck_assert_str_eq(pget(i, "type"), want[i][0]);
		ck_assert_str_eq(pget(i, "loc"), want[i][1]);
	}
}
END_TEST

START_TEST(test_parse_returns_added)
{
	json_object	*loc = loc_new("body", "items", NULL);

	/* problems accumulate on r; the return value counts this call's */
	body("{\"bogus\":1,\"code\":5}");
	ck_assert_int_eq(fields_parse(&r, tbl, N, r.json, loc, 0, &fv), 2);
	ck_assert_str_eq(pget(0, "loc"), "[\"body\",\"items\",\"bogus\"]");
	ck_assert_int_eq(fields_parse(&r, tbl, N, r.json, loc, 0, &fv), 2);
	ck_assert_int_eq(problem_count(&r), 4);
	/* a valid object adds nothing */
	json_object *ok = json_tokener_parse("{\"code\":\"ab\"}");
	ck_assert_int_eq(fields_parse(&r, tbl, N, ok, loc, 0, &fv), 0);
	ck_assert_int_eq(problem_count(&r), 4);
	json_object_put(ok);
	/* the caller's loc is not consumed or changed */
	ck_assert_str_eq(js(loc), "[\"body\",\"items\"]");
	json_object_put(loc);
}
END_TEST

/* ---- whole-body problems ---- */

START_TEST(test_body_empty)
{
	r.body = "";
	r.body_len = 0;
	ck_assert_int_eq(fields_body(&r, tbl, N, 1, &fv), 1);
	only_problem("{\"type\":\"missing\",\"loc\":[\"body\"],"
	    "\"msg\":\"Field required\",\"input\":null}");
	ck_assert(!fv_any(&fv));
}
END_TEST

START_TEST(test_body_not_json)
{
	r.body = arena_strdup(&r.a, "code=abc");
	r.body_len = 8;
	r.body_not_json = 1;
	ck_assert_int_eq(fields_body(&r, tbl, N, 1, &fv), 1);
	only_problem("{\"type\":\"model_attributes_type\",\"loc\":[\"body\"],"
	    "\"msg\":\"Input should be a valid dictionary or object to extract "
	    "fields from\",\"input\":\"code=abc\"}");
}
END_TEST

START_TEST(test_body_array)
{
	ck_assert_int_eq(parse_body("[{\"code\":\"abc\"}]", 1), 1);
	only_problem("{\"type\":\"model_attributes_type\",\"loc\":[\"body\"],"
	    "\"msg\":\"Input should be a valid dictionary or object to extract "
	    "fields from\",\"input\":[{\"code\":\"abc\"}]}");
	teardown();
	ck_assert_int_eq(parse_body("\"str\"", 1), 1);
	ck_assert_str_eq(pget(0, "type"), "\"model_attributes_type\"");
	ck_assert_str_eq(pget(0, "input"), "\"str\"");
	teardown();
	/* the JSON literal null: body present, decoded to NULL */
	r.body = "null";
	r.body_len = 4;
	r.json = NULL;
	ck_assert_int_eq(fields_body(&r, tbl, N, 1, &fv), 1);
	ck_assert_str_eq(pget(0, "type"), "\"model_attributes_type\"");
	ck_assert_str_eq(pget(0, "input"), "null");
}
END_TEST

/* ---- rendering ---- */

START_TEST(test_render)
{
	/* one column per non-write-only field: password has none */
	char *row[] = {
		"abc", "b", "ann@example.org", "1", "-42", "read,admin",
		"0b9b1f5e-0000-4000-8000-000000000000", NULL,
		"2026-01-02 03:04:05.123456",
	};
	json_object *o = fields_render(tbl, N, row);

	ck_assert_str_eq(js(o), "{\"code\":\"abc\",\"kind\":\"b\","
	    "\"email\":\"ann@example.org\",\"active\":true,\"count\":-42,"
	    "\"scopes\":[\"read\",\"admin\"],"
	    "\"id\":\"0b9b1f5e-0000-4000-8000-000000000000\",\"note\":null,"
	    "\"created_at\":\"2026-01-02T03:04:05.123456Z\"}");
	ck_assert(!json_object_object_get_ex(o, "password", NULL));
	json_object_put(o);
}
END_TEST

START_TEST(test_render_values)
{
	/* SET order follows the table, not the stored string */
	char *row[] = {
		"", "a", NULL, "0", "9007199254740993", "admin,delete,read", NULL,
		"", "2026-12-31 23:59:59",
	};
	json_object *o = fields_render(tbl, N, row);

	ck_assert_str_eq(js(o), "{\"code\":\"\",\"kind\":\"a\",\"email\":null,"
	    "\"active\":false,\"count\":9007199254740993,"
	    "\"scopes\":[\"read\",\"delete\",\"admin\"],\"id\":null,"
	    "\"note\":\"\",\"created_at\":\"2026-12-31T23:59:59Z\"}");
	json_object_put(o);

	char *row2[] = {
		NULL, NULL, NULL, NULL, NULL, "", NULL, NULL, NULL,
	};
	o = fields_render(tbl, N, row2);
	ck_assert_str_eq(js(o), "{\"code\":null,\"kind\":null,\"email\":null,"
	    "\"active\":null,\"count\":null,\"scopes\":[],\"id\":null,"
	    "\"note\":null,\"created_at\":null}");
	json_object_put(o);
}
END_TEST

START_TEST(test_db_time_iso)
{
	char out[40];

	db_time_iso("2026-01-02 03:04:05.123456", out, sizeof out);
	ck_assert_str_eq(out, "2026-01-02T03:04:05.123456Z");
	db_time_iso("2026-01-02 03:04:05", out, sizeof out);
	ck_assert_str_eq(out, "2026-01-02T03:04:05Z");
	/* truncated to fit, still terminated */
	db_time_iso("2026-01-02 03:04:05.123456", out, 21);
	ck_assert_str_eq(out, "2026-01-02T03:04:05Z");
}
END_TEST

/* ---- helpers ---- */

START_TEST(test_set_bits)
{
	ck_assert_uint_eq(set_bits(scopes, "read"), 0x01);
	ck_assert_uint_eq(set_bits(scopes, "read,admin"), 0x11);
	ck_assert_uint_eq(set_bits(scopes, "admin,read"), 0x11);
	ck_assert_uint_eq(set_bits(scopes, "read,create,update,delete,admin"),
	    0x1f);
	ck_assert_uint_eq(set_bits(scopes, "update"), 0x04);
	ck_assert_uint_eq(set_bits(scopes, ""), 0);
	ck_assert_uint_eq(set_bits(scopes, NULL), 0);
	/* no prefixes, no supersets, unknowns ignored */
	ck_assert_uint_eq(set_bits(scopes, "rea"), 0);
	ck_assert_uint_eq(set_bits(scopes, "reader"), 0);
	ck_assert_uint_eq(set_bits(scopes, "bogus,delete"), 0x08);
	ck_assert_uint_eq(set_bits(scopes, "admin,admin"), 0x10);
	ck_assert_uint_eq(set_bits(scopes, ",read,,admin,"), 0x11);
}
END_TEST

START_TEST(test_fv_set)
{
	ck_assert_int_eq(parse_body("{\"scopes\":[\"admin\",\"update\","
	    "\"read\"]}", 0), 0);
	ck_assert_str_eq(fv_set(&r, &tbl[T_SCOPES], &fv, T_SCOPES),
	    "read,update,admin");
	ck_assert_int_eq(parse_body("{\"scopes\":[\"delete\",\"delete\"]}", 0),
	    0);
	ck_assert_str_eq(fv_set(&r, &tbl[T_SCOPES], &fv, T_SCOPES), "delete");
	ck_assert_int_eq(parse_body("{\"scopes\":[]}", 0), 0);
	ck_assert_str_eq(fv_set(&r, &tbl[T_SCOPES], &fv, T_SCOPES), "");
	/* not sent at all */
	ck_assert_int_eq(parse_body("{}", 0), 0);
	ck_assert_str_eq(fv_set(&r, &tbl[T_SCOPES], &fv, T_SCOPES), "");
}
END_TEST

START_TEST(test_utf8_len)
{
	int bad = -1;

	ck_assert_uint_eq(utf8_len("", 0, &bad), 0);
	ck_assert_int_eq(bad, 0);
	ck_assert_uint_eq(utf8_len("abc", 3, &bad), 3);
	ck_assert_int_eq(bad, 0);
	ck_assert_uint_eq(utf8_len("\xc3\xa9", 2, &bad), 1);
	ck_assert_int_eq(bad, 0);
	ck_assert_uint_eq(utf8_len("\xe2\x82\xac", 3, &bad), 1);	/* EUR */
	ck_assert_int_eq(bad, 0);
	ck_assert_uint_eq(utf8_len("\xf0\x9f\x98\x80", 4, &bad), 1);
	ck_assert_int_eq(bad, 0);
	ck_assert_uint_eq(utf8_len("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z", 11,
	    &bad), 5);
	ck_assert_int_eq(bad, 0);
	/* only n bytes are looked at */
	ck_assert_uint_eq(utf8_len("abcdef", 2, &bad), 2);
	ck_assert_int_eq(bad, 0);

	utf8_len("\xff", 1, &bad);
	ck_assert_int_eq(bad, 1);
	utf8_len("\x80", 1, &bad);
	ck_assert_int_eq(bad, 1);
	utf8_len("\xc3", 1, &bad);		/* truncated */
	ck_assert_int_eq(bad, 1);
	utf8_len("\xe2\x82", 2, &bad);		/* truncated */
	ck_assert_int_eq(bad, 1);
	utf8_len("\xc3(", 2, &bad);		/* bad continuation */
	ck_assert_int_eq(bad, 1);
	utf8_len("\xf0\x9f\x98(", 4, &bad);
	ck_assert_int_eq(bad, 1);
	utf8_len("\xf8\x88\x80\x80\x80", 5, &bad);	/* 5-byte form */
	ck_assert_int_eq(bad, 1);
	utf8_len("a\0b", 3, &bad);		/* embedded NUL */
	ck_assert_int_eq(bad, 1);
}
END_TEST

START_TEST(test_check_email)
{
	const char *good[] = {
		"a@b.co", "ann@example.org", "first.last+tag@mail.example.com",
		"x_y-z@sub-domain.example.io",
	};
	const char *bad[] = {
		"", "plain", "@example.com", "ann@", "ann@example",
		"ann@@example.com", "ann@x@example.com", "ann smith@example.com",
		"ann@example .com", "ann@.example.com", "ann@example.com.",
	};

	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		ck_assert_msg(check_email(good[i]) == NULL, "rejected %s",
		    good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *m = check_email(bad[i]);
		ck_assert_msg(m != NULL, "accepted '%s'", bad[i]);
		ck_assert_str_eq(m, "value is not a valid email address");
	}
}
END_TEST

START_TEST(test_enum_expected)
{
	static const char *const v0[] = { NULL };
	static const char *const v1[] = { "a", NULL };
	static const char *const v2[] = { "a", "b", NULL };
	static const char *const v3[] = { "a", "b", "c", NULL };
	static const char *const v4[] = { "w", "x", "y", "z", NULL };

	ck_assert_str_eq(enum_expected(&r, v1), "'a'");
	ck_assert_str_eq(enum_expected(&r, v2), "'a' or 'b'");
	ck_assert_str_eq(enum_expected(&r, v3), "'a', 'b' or 'c'");
	ck_assert_str_eq(enum_expected(&r, v4), "'w', 'x', 'y' or 'z'");
	ck_assert_str_eq(enum_expected(&r, v0), "");
}
END_TEST

START_TEST(test_enum_one_value)
{
	static const char *const only[] = { "yes", NULL };
	static const struct field t1[] = {
		{ .name = "k", .type = FT_STRING, .values = only },
	};

	body("{\"k\":\"no\"}");
	ck_assert_int_eq(fields_body(&r, t1, 1, 0, &fv), 1);
	only_problem("{\"type\":\"enum\",\"loc\":[\"body\",\"k\"],"
	    "\"msg\":\"Input should be 'yes'\",\"input\":\"no\","
	    "\"ctx\":{\"expected\":\"'yes'\"}}");
}
END_TEST

/* ---- nested tables, dates, uuids, JSON, codes, the two faces ---- */

static const char *const st_vals[] = { "Active", "Closed", NULL };
static const char *const st_codes[] = { "A", "C", NULL };
static const char *const st_extra[] = { "Archived", NULL };

static char *
lower(struct arena *ar, const char *s)
{
	char *d = arena_strdup(ar, s);
	for (char *p = d; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return d;
}

enum { A_STREET, A_ZIP, A_ID, A__N };
static const struct field addr[A__N] = {
	[A_STREET]	= { .name = "street", .type = FT_STRING,
			    .flags = F_REQUIRED, .max = 20 },
	[A_ZIP]		= { .name = "zip", .type = FT_STRING },
	[A_ID]		= { .name = "id", .type = FT_UUID,
			    .flags = F_UPDATE_ONLY },
};

enum {
	X_STATUS, X_BORN, X_REF, X_META, X_TAGS, X_ADDR, X_ITEMS, X_NICK,
	X_EXT, X_AT, X__N
};
static const struct field xt[X__N] = {
	[X_STATUS]	= { .name = "status", .type = FT_STRING,
			    .values = st_vals, .codes = st_codes,
			    .extra = st_extra },
	[X_BORN]	= { .name = "born", .type = FT_DATE, .flags = F_NULLABLE },
	[X_REF]		= { .name = "ref", .type = FT_UUID },
	[X_META]	= { .name = "meta", .type = FT_JSON },
	[X_TAGS]	= { .name = "tags", .type = FT_ENUMLIST, .max = 2,
			    .values = kinds },
	[X_ADDR]	= { .name = "addr", .type = FT_OBJECT, .sub = addr,
			    .nsub = A__N },
	[X_ITEMS]	= { .name = "items", .type = FT_LIST, .max = 2,
			    .sub = addr, .nsub = A__N },
	[X_NICK]	= { .name = "nick", .type = FT_STRING, .flags = F_NULLABLE,
			    .norm = lower },
	[X_EXT]		= { .name = "ext", .type = FT_STRING, .flags = F_EXT },
	[X_AT]		= { .name = "at", .type = FT_DATETIME,
			    .flags = F_READONLY },
};

static int
xparse(const char *text, int mode)
{
	json_object *loc = loc_new("body", NULL);
	int n;

	body(text);
	n = fields_parse(&r, xt, X__N, r.json, loc, mode, &fv);
	json_object_put(loc);
	return n;
}

START_TEST(test_date)
{
	static const char *const good[] = {
		"2024-02-29", "2000-02-29", "2026-12-31", "2026-01-01",
		"1999-04-30",
	};
	static const char *const bad[] = {
		"2023-02-29", "1900-02-29", "2026-13-01", "2026-00-10",
		"2026-01-32", "2026-04-31", "2026-01-00", "2026-1-01",
		"26-01-01", "2026/01/01", "2026-01-01T00:00:00", "+026-01-01",
		"2026-01-0a", "", "2026-01-1 ",
	};

	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		char *t = arena_printf(&r.a, "{\"born\":\"%s\"}", good[i]);
		ck_assert_msg(xparse(t, 0) == 0, "rejected %s", good[i]);
	}
	ck_assert_int_eq(problem_count(&r), 0);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *t = arena_printf(&r.a, "{\"born\":\"%s\"}", bad[i]);
		ck_assert_msg(xparse(t, 0) == 1, "accepted %s", bad[i]);
		ck_assert_str_eq(pget((int)i, "type"),
		    "\"date_from_datetime_parsing\"");
		ck_assert_str_eq(pget((int)i, "loc"), "[\"body\",\"born\"]");
	}
	ck_assert_int_eq(xparse("{\"born\":20260101}", 0), 1);
	ck_assert_str_eq(pget(problem_count(&r) - 1, "type"), "\"string_type\"");
}
END_TEST

START_TEST(test_uuid_field)
{
	ck_assert_int_eq(xparse("{\"ref\":\"123e4567-e89b-42d3-a456-"
	    "426614174000\"}", 0), 0);
	ck_assert_int_eq(xparse("{\"ref\":\"123e4567e89b42d3a456426614174000\"}",
	    0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"uuid_parsing\"");
	ck_assert_str_eq(pget(0, "loc"), "[\"body\",\"ref\"]");
	ck_assert_int_eq(xparse("{\"ref\":null}", 0), 1);
	ck_assert_str_eq(pget(1, "type"), "\"string_type\"");
}
END_TEST

START_TEST(test_json_field)
{
	ck_assert_int_eq(xparse("{\"meta\":{\"a\":[1,{\"b\":null}]}}", 0), 0);
	ck_assert_int_eq(xparse("{\"meta\":{}}", 0), 0);
	ck_assert_int_eq(xparse("{\"meta\":[1]}", 0), 1);
	ck_assert_str_eq(js(problem(0)), "{\"type\":\"dict_type\","
	    "\"loc\":[\"body\",\"meta\"],\"msg\":\"Input should be a valid "
	    "dictionary\",\"input\":[1]}");
	ck_assert_int_eq(xparse("{\"meta\":null}", 0), 1);
	ck_assert_str_eq(pget(1, "type"), "\"dict_type\"");
}
END_TEST

START_TEST(test_enumlist)
{
	ck_assert_int_eq(xparse("{\"tags\":[\"c\",\"a\"]}", 0), 0);
	ck_assert_int_eq(xparse("{\"tags\":[\"a\",\"z\"]}", 0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"enum\"");
	ck_assert_str_eq(pget(0, "loc"), "[\"body\",\"tags\",1]");
	ck_assert_str_eq(pget(0, "msg"), "\"Input should be 'a', 'b' or 'c'\"");
	ck_assert_int_eq(xparse("{\"tags\":[\"a\",\"b\",\"c\"]}", 0), 1);
	ck_assert_str_eq(pget(1, "type"), "\"too_long\"");
	ck_assert_str_eq(pget(1, "ctx"), "{\"field_type\":\"List\","
	    "\"max_length\":2,\"actual_length\":3}");
	ck_assert_int_eq(xparse("{\"tags\":\"a\"}", 0), 1);
	ck_assert_str_eq(pget(2, "type"), "\"list_type\"");
}
END_TEST

START_TEST(test_nested_object)
{
	/* nested required fields apply even on update */
	ck_assert_int_eq(xparse("{\"addr\":{\"zip\":\"1\"}}", 0), 1);
	ck_assert_str_eq(js(problem(0)), "{\"type\":\"missing\","
	    "\"loc\":[\"body\",\"addr\",\"street\"],\"msg\":\"Field required\","
	    "\"input\":{\"zip\":\"1\"}}");
	ck_assert_int_eq(xparse("{\"addr\":\"x\"}", 0), 1);
	ck_assert_str_eq(js(problem(1)), "{\"type\":\"dict_type\","
	    "\"loc\":[\"body\",\"addr\"],\"msg\":\"Input should be a valid "
	    "dictionary\",\"input\":\"x\"}");
	ck_assert_int_eq(xparse("{\"addr\":{\"street\":\"s\",\"bogus\":1,"
	    "\"zip\":2}}", 0), 2);
	ck_assert_str_eq(pget(2, "type"), "\"extra_forbidden\"");
	ck_assert_str_eq(pget(2, "loc"), "[\"body\",\"addr\",\"bogus\"]");
	ck_assert_str_eq(pget(3, "type"), "\"string_type\"");
	ck_assert_str_eq(pget(3, "loc"), "[\"body\",\"addr\",\"zip\"]");
	ck_assert_int_eq(xparse("{\"addr\":{\"street\":\"s\"}}", 0), 0);
	ck_assert(FV_HAS(&fv, X_ADDR));
}
END_TEST

START_TEST(test_nested_list)
{
	ck_assert_int_eq(xparse("{\"items\":[5,{\"zip\":\"z\"}]}", 0), 2);
	ck_assert_str_eq(js(problem(0)), "{\"type\":\"dict_type\","
	    "\"loc\":[\"body\",\"items\",0],\"msg\":\"Input should be a valid "
	    "dictionary\",\"input\":5}");
	ck_assert_str_eq(pget(1, "type"), "\"missing\"");
	ck_assert_str_eq(pget(1, "loc"), "[\"body\",\"items\",1,\"street\"]");
	ck_assert_int_eq(xparse("{\"items\":[{\"street\":\"a\"},{\"street\":"
	    "\"b\"},{\"street\":\"c\"}]}", 0), 1);
	ck_assert_str_eq(pget(2, "type"), "\"too_long\"");
	ck_assert_str_eq(pget(2, "loc"), "[\"body\",\"items\"]");
	ck_assert_int_eq(xparse("{\"items\":{\"street\":\"a\"}}", 0), 1);
	ck_assert_str_eq(pget(3, "type"), "\"list_type\"");
	ck_assert_int_eq(xparse("{\"items\":[{\"street\":\"a\"}]}", 0), 0);
	ck_assert_int_eq(xparse("{\"items\":[]}", 0), 0);
}
END_TEST

START_TEST(test_update_only)
{
	const char *t = "{\"addr\":{\"street\":\"s\","
	    "\"id\":\"123e4567-e89b-42d3-a456-426614174000\"}}";

	ck_assert_int_eq(xparse(t, FP_CREATE), 1);
	ck_assert_str_eq(pget(0, "type"), "\"extra_forbidden\"");
	ck_assert_str_eq(pget(0, "loc"), "[\"body\",\"addr\",\"id\"]");
	ck_assert_int_eq(xparse(t, FP_UPDATE), 0);
	/* and validated as a UUID when accepted */
	ck_assert_int_eq(xparse("{\"items\":[{\"street\":\"s\",\"id\":\"x\"}]}",
	    FP_UPDATE), 1);
	ck_assert_str_eq(pget(1, "type"), "\"uuid_parsing\"");
	ck_assert_str_eq(pget(1, "loc"), "[\"body\",\"items\",0,\"id\"]");
}
END_TEST

static const char *
objget(const char *key)
{
	json_object *v;
	if (!json_object_object_get_ex(r.json, key, &v))
		return "<absent>";
	return js(v);
}

START_TEST(test_codes_casegate)
{
	/* a value is stored as its code; codes and extras are accepted too */
	ck_assert_int_eq(xparse("{\"status\":\"Active\"}", 0), 0);
	ck_assert_str_eq(fv_str(&fv, X_STATUS), "A");
	ck_assert_str_eq(objget("status"), "\"A\"");
	ck_assert_int_eq(xparse("{\"status\":\"C\"}", 0), 0);
	ck_assert_str_eq(fv_str(&fv, X_STATUS), "C");
	ck_assert_int_eq(xparse("{\"status\":\"Archived\"}", 0), 0);
	ck_assert_str_eq(fv_str(&fv, X_STATUS), "Archived");
	ck_assert_int_eq(xparse("{\"status\":\"Bogus\"}", 0), 1);
	ck_assert_str_eq(pget(0, "msg"), "\"Input should be 'A', 'C', 'Active', "
	    "'Closed' or 'Archived'\"");
	ck_assert_str_eq(field_code(&xt[X_STATUS], "Closed"), "C");
	ck_assert_str_eq(field_code(&xt[X_STATUS], "zzz"), "zzz");
	ck_assert_str_eq(field_code(&tbl[T_KIND], "a"), "a");
}
END_TEST

START_TEST(test_codes_ref)
{
	ck_assert_int_eq(xparse("{\"status\":\"Closed\"}", FP_REF), 0);
	ck_assert_str_eq(fv_str(&fv, X_STATUS), "C");
	/* the reference face knows neither codes nor extras */
	ck_assert_int_eq(xparse("{\"status\":\"C\"}", FP_REF), 1);
	ck_assert_str_eq(pget(0, "msg"), "\"Input should be 'Active' or "
	    "'Closed'\"");
	ck_assert_str_eq(pget(0, "ctx"), "{\"expected\":\"'Active' or "
	    "'Closed'\"}");
	ck_assert_int_eq(xparse("{\"status\":\"Archived\"}", FP_REF), 1);
	ck_assert_str_eq(pget(1, "type"), "\"enum\"");
}
END_TEST

START_TEST(test_ref_drops)
{
	ck_assert_int_eq(xparse("{\"bogus\":1,\"ext\":\"x\",\"at\":\"2026-01-01\","
	    "\"status\":\"Closed\",\"addr\":{\"street\":\"s\",\"more\":1}}",
	    FP_REF), 0);
	ck_assert_int_eq(problem_count(&r), 0);
	ck_assert_str_eq(js(r.json), "{\"status\":\"C\","
	    "\"addr\":{\"street\":\"s\"}}");
	ck_assert(!FV_HAS(&fv, X_EXT) && !FV_HAS(&fv, X_AT));
	/* on the Casegate face the extension field is a field */
	ck_assert_int_eq(xparse("{\"ext\":\"x\"}", 0), 0);
	ck_assert_str_eq(fv_str(&fv, X_EXT), "x");
	ck_assert_int_eq(xparse("{\"bogus\":1}", 0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"extra_forbidden\"");
}
END_TEST

START_TEST(test_norm)
{
	ck_assert_int_eq(xparse("{\"nick\":\"MiXeD\"}", 0), 0);
	ck_assert_str_eq(fv_str(&fv, X_NICK), "mixed");
	ck_assert_str_eq(objget("nick"), "\"mixed\"");
}
END_TEST

START_TEST(test_empty_marker)
{
	ck_assert_int_eq(xparse("{\"nick\":\"%empty%\",\"born\":\"%empty%\"}",
	    0), 0);
	ck_assert(FV_HAS(&fv, X_NICK) && FV_HAS(&fv, X_BORN));
	ck_assert_ptr_null(fv.v[X_NICK]);
	ck_assert_ptr_null(fv_str(&fv, X_BORN));
	ck_assert_str_eq(js(r.json), "{\"nick\":null,\"born\":null}");
	/* not on a non-nullable field */
	ck_assert_int_eq(xparse("{\"status\":\"%empty%\"}", 0), 1);
	ck_assert_str_eq(pget(0, "type"), "\"enum\"");
	/* the reference face takes it literally */
	ck_assert_int_eq(xparse("{\"nick\":\"%empty%\"}", FP_REF), 0);
	ck_assert_str_eq(fv_str(&fv, X_NICK), "%empty%");
}
END_TEST

START_TEST(test_render_faces)
{
	/* no columns for nested objects/lists */
	char *row[] = {
		"A", "2026-01-02", "123e4567-e89b-42d3-a456-426614174000",
		"{\"k\":[1,2]}", "[\"a\",\"c\"]", "Bob", "x",
		"2026-01-02 03:04:05.000001",
	};
	json_object *o = fields_render_face(xt, X__N, row, 0);

	ck_assert_str_eq(js(o), "{\"status\":\"A\",\"born\":\"2026-01-02\","
	    "\"ref\":\"123e4567-e89b-42d3-a456-426614174000\","
	    "\"meta\":{\"k\":[1,2]},\"tags\":[\"a\",\"c\"],\"nick\":\"Bob\","
	    "\"ext\":\"x\",\"at\":\"2026-01-02T03:04:05.000001Z\"}");
	json_object_put(o);
	o = fields_render_face(xt, X__N, row, 1);
	ck_assert_str_eq(js(o), "{\"status\":\"Active\",\"born\":\"2026-01-02\","
	    "\"ref\":\"123e4567-e89b-42d3-a456-426614174000\","
	    "\"meta\":{\"k\":[1,2]},\"tags\":[\"a\",\"c\"],\"nick\":\"Bob\","
	    "\"at\":\"2026-01-02T03:04:05.000001\"}");
	json_object_put(o);

	ck_assert_ptr_null(field_value(&xt[X_META], NULL, 0));
	o = field_value(&xt[X_STATUS], "Archived", 1);
	ck_assert_str_eq(js(o), "\"Archived\"");
	json_object_put(o);
}
END_TEST

static Suite *
fields_suite(void)
{
	Suite	*s = suite_create("fields");
	TCase	*tc;

	tc = tcase_create("parse");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_all_valid);
	tcase_add_test(tc, test_valid_variants);
	tcase_add_test(tc, test_type_string);
	tcase_add_test(tc, test_type_string_variants);
	tcase_add_test(tc, test_type_bool);
	tcase_add_test(tc, test_type_int);
	tcase_add_test(tc, test_type_list);
	tcase_add_test(tc, test_set_item_not_string);
	tcase_add_test(tc, test_string_too_long);
	tcase_add_test(tc, test_string_max_one);
	tcase_add_test(tc, test_string_code_points);
	tcase_add_test(tc, test_string_unicode);
	tcase_add_test(tc, test_string_empty);
	tcase_add_test(tc, test_string_enum);
	tcase_add_test(tc, test_string_check);
	tcase_add_test(tc, test_set_enum_index);
	tcase_add_test(tc, test_set_too_long);
	tcase_add_test(tc, test_extra_forbidden);
	tcase_add_test(tc, test_readonly_forbidden);
	tcase_add_test(tc, test_missing_create);
	tcase_add_test(tc, test_missing_update);
	tcase_add_test(tc, test_null_nullable);
	tcase_add_test(tc, test_null_not_nullable);
	tcase_add_test(tc, test_many_problems);
	tcase_add_test(tc, test_parse_returns_added);
	tcase_add_test(tc, test_body_empty);
	tcase_add_test(tc, test_body_not_json);
	tcase_add_test(tc, test_body_array);
	tcase_add_test(tc, test_enum_one_value);
	suite_add_tcase(s, tc);

	tc = tcase_create("faces");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_date);
	tcase_add_test(tc, test_uuid_field);
	tcase_add_test(tc, test_json_field);
	tcase_add_test(tc, test_enumlist);
	tcase_add_test(tc, test_nested_object);
	tcase_add_test(tc, test_nested_list);
	tcase_add_test(tc, test_update_only);
	tcase_add_test(tc, test_codes_casegate);
	tcase_add_test(tc, test_codes_ref);
	tcase_add_test(tc, test_ref_drops);
	tcase_add_test(tc, test_norm);
	tcase_add_test(tc, test_empty_marker);
	tcase_add_test(tc, test_count);
	tcase_add_test(tc, test_decimal);
	tcase_add_test(tc, test_wide_table);
	tcase_add_test(tc, test_render_faces);
	suite_add_tcase(s, tc);

	tc = tcase_create("render");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_render);
	tcase_add_test(tc, test_render_values);
	tcase_add_test(tc, test_db_time_iso);
	suite_add_tcase(s, tc);

	tc = tcase_create("helpers");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_set_bits);
	tcase_add_test(tc, test_fv_set);
	tcase_add_test(tc, test_utf8_len);
	tcase_add_test(tc, test_check_email);
	tcase_add_test(tc, test_enum_expected);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(fields_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
