/*
 * Validation and rendering driven by field tables. The messages and types are
 * Pydantic 2's, because the FastAPI-shaped families answer with them; other
 * families translate the same problem list into their own shapes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "http.h"

/*
 * Counts code points; *bad is set on malformed UTF-8: truncated sequences,
 * overlong forms, surrogates, values above U+10FFFF and NUL, which would
 * otherwise reach the database (utf8mb4) or a C string.
 */
size_t
utf8_len(const char *s, size_t n, int *bad)
{
	static const unsigned long minimum[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t i = 0, count = 0;

	*bad = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 :
		    (c >> 3) == 30 ? 4 : 0;
		unsigned long cp = k == 1 ? c : k == 2 ? c & 0x1f : k == 3 ?
		    c & 0x0f : c & 0x07;
		if (k == 0 || i + k > n || c == 0) {
			*bad = 1;
			return count;
		}
		for (size_t j = 1; j < k; j++) {
			unsigned char cc = (unsigned char)s[i + j];
			if ((cc >> 6) != 2) {
				*bad = 1;
				return count;
			}
			cp = (cp << 6) | (cc & 0x3f);
		}
		if (cp < minimum[k] || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff)) {
			*bad = 1;
			return count;
		}
		i += k;
		count++;
	}
	return count;
}

/* "'a', 'b' or 'c'", as Pydantic words an enum's expectation. */
char *
enum_expected(struct req *r, const char *const *v)
{
	struct buf	 b = { 0 };
	size_t		 n = 0;

	while (v[n])
		n++;
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s'%s'", i == 0 ? "" : i == n - 1 ? " or " : ", ",
		    v[i]);
	char *s = arena_strdup(&r->a, b.s ? b.s : "");
	buf_free(&b);
	return s;
}

/* The values a field accepts on a face, in the order an error lists them. */
static const char **
accepted(struct req *r, const struct field *f, int ref)
{
	size_t		 n = 0, k = 0;
	const char	**v;

	for (size_t i = 0; f->values[i]; i++)
		n += f->codes ? 2 : 1;
	for (size_t i = 0; !ref && f->extra && f->extra[i]; i++)
		n++;
	v = arena_alloc(&r->a, (n + 1) * sizeof(*v));
	if (f->codes && !ref)
		for (size_t i = 0; f->codes[i]; i++)
			v[k++] = f->codes[i];
	for (size_t i = 0; f->values[i]; i++)
		v[k++] = f->values[i];
	for (size_t i = 0; !ref && f->extra && f->extra[i]; i++)
		v[k++] = f->extra[i];
	v[k] = NULL;
	return v;
}

static void
enum_problem(struct req *r, const struct field *f, json_object *loc,
    json_object *in, int ref)
{
	char		*exp = enum_expected(r, (const char *const *)accepted(r, f,
	    ref));
	json_object	*ctx = json_object_new_object();

	json_object_object_add(ctx, "expected", json_object_new_string(exp));
	problem_add(r, "enum", loc, arena_printf(&r->a, "Input should be %s",
	    exp), in, ctx);
}

static int
in_values(const char *const *v, const char *s)
{
	for (; v && *v; v++)
		if (strcmp(*v, s) == 0)
			return 1;
	return 0;
}

static int
value_ok(const struct field *f, const char *s, int ref)
{
	return in_values(f->values, s) || (!ref && (in_values(f->codes, s) ||
	    in_values(f->extra, s)));
}

static int
date_valid(const char *s)
{
	int y, m, d;
	char tail;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0));
}

static void
check_string(struct req *r, const struct field *f, json_object *v,
    json_object *loc, int ref)
{
	const char	*s = json_object_get_string(v);
	size_t		 bytes = (size_t)json_object_get_string_len(v);
	int		 bad;
	size_t		 chars = utf8_len(s, bytes, &bad);
	const char	*msg;

	if (bad) {
		problem_add(r, "string_unicode", loc, "Input should be a valid "
		    "string, unable to parse raw data as a unicode string", v,
		    NULL);
	} else if (f->max && chars > f->max) {
		json_object *ctx = json_object_new_object();
		json_object_object_add(ctx, "max_length",
		    json_object_new_int64(f->max));
		problem_add(r, "string_too_long", loc, arena_printf(&r->a,
		    "String should have at most %u character%s", f->max,
		    f->max == 1 ? "" : "s"), v, ctx);
	} else if ((f->flags & F_NONEMPTY) && chars == 0) {
		json_object *ctx = json_object_new_object();
		json_object_object_add(ctx, "min_length", json_object_new_int(1));
		problem_add(r, "string_too_short", loc,
		    "String should have at least 1 character", v, ctx);
	} else if (f->values && !value_ok(f, s, ref)) {
		enum_problem(r, f, loc, v, ref);
	} else if (f->type == FT_DATE && !date_valid(s)) {
		json_object *ctx = json_object_new_object();
		json_object_object_add(ctx, "error",
		    json_object_new_string("input is not a date YYYY-MM-DD"));
		problem_add(r, "date_from_datetime_parsing", loc, "Input should "
		    "be a valid date or datetime, input is not a date YYYY-MM-DD",
		    v, ctx);
	} else if (f->type == FT_UUID && !uuid_valid(s)) {
		json_object *ctx = json_object_new_object();
		const char *why = strlen(s) != 36 ? "invalid length" :
		    "invalid character";
		json_object_object_add(ctx, "error", json_object_new_string(why));
		problem_add(r, "uuid_parsing", loc, arena_printf(&r->a,
		    "Input should be a valid UUID, %s", why), v, ctx);
	} else if (f->check && (msg = f->check(s)) != NULL) {
		problem_add(r, "value_error", loc, arena_printf(&r->a,
		    "Value error, %s", msg), v, json_object_new_object());
	} else
		json_object_put(loc);
}

static int
too_many(struct req *r, const struct field *f, json_object *v,
    json_object *loc)
{
	size_t n = json_object_array_length(v);

	if (!f->max || n <= f->max)
		return 0;
	json_object *ctx = json_object_new_object();
	json_object_object_add(ctx, "field_type", json_object_new_string("List"));
	json_object_object_add(ctx, "max_length", json_object_new_int64(f->max));
	json_object_object_add(ctx, "actual_length",
	    json_object_new_int64((int64_t)n));
	problem_add(r, "too_long", loc, arena_printf(&r->a, "List should have at "
	    "most %u item%s after validation, not %zu", f->max,
	    f->max == 1 ? "" : "s", n), v, ctx);
	return 1;
}

/* FT_SET and FT_ENUMLIST: a list of allowed strings. */
static void
check_enum_list(struct req *r, const struct field *f, json_object *v,
    json_object *loc, int ref)
{
	if (too_many(r, f, v, loc))
		return;
	for (size_t i = 0; i < json_object_array_length(v); i++) {
		json_object *it = json_object_array_get_idx(v, i);
		json_object *il = loc_with_index(loc, i);
		if (!json_object_is_type(it, json_type_string))
			problem_add(r, "string_type", il,
			    "Input should be a valid string", it, NULL);
		else if (!value_ok(f, json_object_get_string(it), ref))
			enum_problem(r, f, il, it, ref);
		else
			json_object_put(il);
	}
	json_object_put(loc);
}

static void
dict_problem(struct req *r, json_object *loc, json_object *v)
{
	problem_add(r, "dict_type", loc, "Input should be a valid dictionary",
	    v, NULL);
}

/* Nested objects always need their required fields; nested ids per mode. */
static void
check_objects(struct req *r, const struct field *f, json_object *v,
    json_object *loc, int mode)
{
	struct fieldvals	sub;
	int			nmode = (mode & ~FP_CREATE) | FP_CREATE;

	if (f->type == FT_OBJECT) {
		if (!json_object_is_type(v, json_type_object))
			dict_problem(r, loc, v);
		else {
			fields_parse(r, f->sub, f->nsub, v, loc, nmode, &sub);
			json_object_put(loc);
		}
		return;
	}
	if (!json_object_is_type(v, json_type_array)) {
		problem_add(r, "list_type", loc, "Input should be a valid list", v,
		    NULL);
		return;
	}
	if (too_many(r, f, v, loc))
		return;
	for (size_t i = 0; i < json_object_array_length(v); i++) {
		json_object *it = json_object_array_get_idx(v, i);
		json_object *il = loc_with_index(loc, i);
		if (!json_object_is_type(it, json_type_object))
			dict_problem(r, il, it);
		else {
			fields_parse(r, f->sub, f->nsub, it, il, nmode, &sub);
			json_object_put(il);
		}
	}
	json_object_put(loc);
}

/* Every key and string inside a JSON value must be valid UTF-8. */
static int
json_utf8_ok(json_object *v)
{
	int bad;

	switch (json_object_get_type(v)) {
	case json_type_string:
		utf8_len(json_object_get_string(v),
		    (size_t)json_object_get_string_len(v), &bad);
		return !bad;
	case json_type_array:
		for (size_t i = 0; i < json_object_array_length(v); i++)
			if (!json_utf8_ok(json_object_array_get_idx(v, i)))
				return 0;
		return 1;
	case json_type_object: {
		json_object_object_foreach(v, key, val) {
			utf8_len(key, strlen(key), &bad);
			if (bad || !json_utf8_ok(val))
				return 0;
		}
		return 1;
	}
	default:
		return 1;
	}
}

static const char *
type_name(enum ftype t, const char **msg)
{
	switch (t) {
	case FT_BOOL:
		*msg = "Input should be a valid boolean";
		return "bool_type";
	case FT_INT:
		*msg = "Input should be a valid integer";
		return "int_type";
	case FT_DECIMAL:
		*msg = "Decimal input should be an integer or float";
		return "decimal_type";
	case FT_SET:
	case FT_ENUMLIST:
	case FT_LIST:
		*msg = "Input should be a valid list";
		return "list_type";
	case FT_JSON:
	case FT_OBJECT:
		*msg = "Input should be a valid dictionary";
		return "dict_type";
	default:
		*msg = "Input should be a valid string";
		return "string_type";
	}
}

/*
 * A number of a field with a max (a count, an FT_DECIMAL): from 0 to max,
 * as Pydantic's ge/le constraints report it. Returns whether it is in
 * range; out of range, the problem is added (and loc taken). json-c
 * saturates an integer literal too large for 64 bits, so that too is above
 * max.
 */
static int
in_range(struct req *r, const struct field *f, json_object *v,
    json_object *loc, double n)
{
	json_object	*ctx;

	if (n >= 0 && n <= (double)f->max)
		return 1;
	ctx = json_object_new_object();
	if (n < 0) {
		json_object_object_add(ctx, "ge", json_object_new_int64(0));
		problem_add(r, "greater_than_equal", loc, "Input should be "
		    "greater than or equal to 0", v, ctx);
	} else {
		json_object_object_add(ctx, "le", json_object_new_int64(f->max));
		problem_add(r, "less_than_equal", loc, arena_printf(&r->a,
		    "Input should be less than or equal to %u", f->max), v, ctx);
	}
	return 0;
}

/*
 * An FT_DECIMAL: a finite number, in range when the field has a max, with
 * no more than DECIMAL_PLACES decimals (Pydantic's decimal_max_places): a
 * value its column would round is refused, not silently changed. The test
 * allows for binary doubles (0.29 is 28.999999999999996 hundredths).
 */
static void
check_decimal(struct req *r, const struct field *f, json_object *v,
    json_object *loc)
{
	double	x = json_object_get_double(v), scaled = x;

	for (int i = 0; i < DECIMAL_PLACES; i++)
		scaled *= 10;
	if (!isfinite(x)) {
		problem_add(r, "finite_number", loc, "Input should be a finite "
		    "number", v, NULL);
		return;
	}
	if (f->max && !in_range(r, f, v, loc, x))
		return;
	/* Past 2^53 every double is whole. */
	double frac = scaled > -9e15 && scaled < 9e15 ? scaled -
	    (double)(long long)(scaled + (scaled < 0 ? -0.5 : 0.5)) : 0;
	if (frac > 1e-6 || frac < -1e-6) {
		json_object *ctx = json_object_new_object();
		json_object_object_add(ctx, "decimal_places",
		    json_object_new_int(DECIMAL_PLACES));
		problem_add(r, "decimal_max_places", loc, arena_printf(&r->a,
		    "Decimal input should have no more than %d decimal place%s",
		    DECIMAL_PLACES, DECIMAL_PLACES == 1 ? "" : "s"), v, ctx);
		return;
	}
	json_object_put(loc);
}

static void
check_value(struct req *r, const struct field *f, json_object *v,
    json_object *loc, int mode)
{
	const char	*msg, *type = type_name(f->type, &msg);
	int		 ref = (mode & FP_REF) != 0;

	if (v == NULL) {
		if (f->flags & F_NULLABLE)
			json_object_put(loc);
		else
			problem_add(r, type, loc, msg, v, NULL);
		return;
	}
	switch (f->type) {
	case FT_STRING:
	case FT_DATETIME:
	case FT_DATE:
	case FT_UUID:
		if (!json_object_is_type(v, json_type_string))
			problem_add(r, type, loc, msg, v, NULL);
		else
			check_string(r, f, v, loc, ref);
		break;
	case FT_BOOL:
	case FT_INT:
		if (!json_object_is_type(v, f->type == FT_BOOL ?
		    json_type_boolean : json_type_int))
			problem_add(r, type, loc, msg, v, NULL);
		else if (f->type == FT_INT && f->max) {
			if (in_range(r, f, v, loc,
			    (double)json_object_get_int64(v)))
				json_object_put(loc);
		} else
			json_object_put(loc);
		break;
	case FT_DECIMAL:
		if (!json_object_is_type(v, json_type_int) &&
		    !json_object_is_type(v, json_type_double))
			problem_add(r, type, loc, msg, v, NULL);
		else
			check_decimal(r, f, v, loc);
		break;
	case FT_JSON:
		if (!json_object_is_type(v, json_type_object))
			problem_add(r, type, loc, msg, v, NULL);
		else if (!json_utf8_ok(v))
			problem_add(r, "string_unicode", loc, "Input should be a "
			    "valid string, unable to parse raw data as a unicode "
			    "string", NULL, NULL);
		else
			json_object_put(loc);
		break;
	case FT_SET:
	case FT_ENUMLIST:
		if (!json_object_is_type(v, json_type_array))
			problem_add(r, type, loc, msg, v, NULL);
		else
			check_enum_list(r, f, v, loc, ref);
		break;
	case FT_OBJECT:
	case FT_LIST:
		check_objects(r, f, v, loc, mode);
		break;
	default:
		json_object_put(loc);
		break;
	}
}

/* The stored code of an accepted value (values[i] -> codes[i]). */
const char *
field_code(const struct field *f, const char *s)
{
	for (size_t i = 0; f->codes && f->values[i]; i++)
		if (strcmp(f->values[i], s) == 0)
			return f->codes[i];
	return s;
}

/* The types "%empty%" can clear (a number: a count, a lookup id, a
   decimal). */
static int
is_scalar(enum ftype t)
{
	return t == FT_STRING || t == FT_DATE || t == FT_UUID ||
	    t == FT_DATETIME || t == FT_INT || t == FT_DECIMAL;
}

/*
 * Validates one JSON object against a table. On the Casegate face unknown
 * and read-only keys are "extra_forbidden" (nothing is mass-assigned); on the
 * reference face (FP_REF) they are dropped, as Pydantic ignores them. With
 * FP_CREATE, required fields must be present. Afterwards the object holds
 * only accepted keys, with values in their stored form (codes, normalised
 * text, "%empty%" as null). Returns the number of problems this call added.
 */
int
fields_parse(struct req *r, const struct field *t, size_t n, json_object *obj,
    json_object *loc, int mode, struct fieldvals *out)
{
	int		 before = problem_count(r), ref = (mode & FP_REF) != 0;
	size_t		 ndrop = 0, cap = (size_t)json_object_object_length(obj);
	const char	**drop = arena_alloc(&r->a, (cap + 1) * sizeof(*drop));

	memset(out, 0, sizeof(*out));
	json_object_object_foreach(obj, key, val) {
		size_t i;
		for (i = 0; i < n; i++)
			if (strcmp(t[i].name, key) == 0)
				break;
		int hidden = i == n || (ref && (t[i].flags & F_EXT));
		int readonly = !hidden && ((t[i].flags & F_READONLY) ||
		    ((t[i].flags & F_UPDATE_ONLY) && !(mode & FP_UPDATE)));
		if (hidden || readonly) {
			if (ref)
				drop[ndrop++] = key;
			else
				problem_add(r, "extra_forbidden", loc_with(loc, key),
				    "Extra inputs are not permitted", val, NULL);
			continue;
		}
		out->v[i] = val;
		out->set[i / 64] |= 1ULL << (i % 64);
		if (!ref && val && is_scalar(t[i].type) &&
		    (t[i].flags & F_NULLABLE) && json_object_is_type(val,
		    json_type_string) && strcmp(json_object_get_string(val),
		    "%empty%") == 0) {
			out->v[i] = NULL;	/* replaced below */
			continue;
		}
		int pb = problem_count(r);
		check_value(r, &t[i], val, loc_with(loc, key), mode);
		/* A write-only value (a password) is never echoed back. */
		for (int k = pb; (t[i].flags & F_WRITEONLY) && k < problem_count(r); k++)
			json_object_object_add(json_object_array_get_idx(r->problems,
			    (size_t)k), "input", NULL);
		if (problem_count(r) == pb && val && (t[i].norm || t[i].codes) &&
		    json_object_is_type(val, json_type_string))
			out->v[i] = val;	/* normalised below */
	}
	for (size_t k = 0; k < ndrop; k++)
		json_object_object_del(obj, drop[k]);
	for (size_t i = 0; i < n; i++) {
		const char *s;
		if (!FV_HAS(out, i))
			continue;
		if (out->v[i] == NULL) {
			json_object_object_add(obj, t[i].name, NULL);
			continue;
		}
		if (!json_object_is_type(out->v[i], json_type_string) ||
		    (!t[i].norm && !t[i].codes))
			continue;
		s = json_object_get_string(out->v[i]);
		char *canon = t[i].norm ? t[i].norm(&r->a, s) :
		    (char *)field_code(&t[i], s);
		if (canon == NULL || strcmp(canon, s) == 0)
			continue;
		json_object_object_add(obj, t[i].name, json_object_new_string(canon));
		json_object_object_get_ex(obj, t[i].name, &out->v[i]);
	}
	for (size_t i = 0; (mode & FP_CREATE) && i < n; i++)
		if ((t[i].flags & F_REQUIRED) && !FV_HAS(out, i) &&
		    !(ref && (t[i].flags & F_EXT)))
			problem_add(r, "missing", loc_with(loc, t[i].name),
			    "Field required", obj, NULL);
	return problem_count(r) - before;
}

/* The request body as one object of the table's fields. */
int
fields_body(struct req *r, const struct field *t, size_t n, int create,
    struct fieldvals *out)
{
	json_object	*loc = loc_new("body", NULL);
	int		 rc;

	memset(out, 0, sizeof(*out));
	if (r->body_len == 0) {
		problem_add(r, "missing", loc, "Field required", NULL, NULL);
		return 1;
	}
	if (r->body_not_json || !json_object_is_type(r->json, json_type_object)) {
		json_object *in = r->body_not_json ?
		    json_object_new_string_len(r->body, (int)r->body_len) :
		    json_object_get(r->json);
		problem_add(r, "model_attributes_type", loc, "Input should be a "
		    "valid dictionary or object to extract fields from", in, NULL);
		json_object_put(in);
		return 1;
	}
	rc = fields_parse(r, t, n, r->json, loc, create, out);
	json_object_put(loc);
	return rc;
}

const char *
fv_str(const struct fieldvals *fv, int i)
{
	return FV_HAS(fv, i) && fv->v[i] ? json_object_get_string(fv->v[i]) :
	    NULL;
}

int
fv_bool(const struct fieldvals *fv, int i)
{
	return FV_HAS(fv, i) && json_object_get_boolean(fv->v[i]);
}

/* Whether any field was sent. */
int
fv_any(const struct fieldvals *fv)
{
	for (size_t i = 0; i < FIELDS_MAX / 64; i++)
		if (fv->set[i] != 0)
			return 1;
	return 0;
}

/* A validated list as the comma-joined SET value, in declaration order. */
char *
fv_set(struct req *r, const struct field *f, const struct fieldvals *fv, int i)
{
	struct buf	 b = { 0 };
	json_object	*v = fv->v[i];

	for (size_t k = 0; f->values[k]; k++)
		for (size_t j = 0; v && j < json_object_array_length(v); j++)
			if (strcmp(json_object_get_string(
			    json_object_array_get_idx(v, j)), f->values[k]) == 0) {
				buf_addf(&b, "%s%s", b.len ? "," : "",
				    f->values[k]);
				break;
			}
	char *s = arena_strdup(&r->a, b.s ? b.s : "");
	buf_free(&b);
	return s;
}

/* Bit k set for each values[k] named in the SET string "a,b". */
unsigned
set_bits(const char *const *values, const char *set)
{
	unsigned bits = 0;

	while (set && *set) {
		size_t n = strcspn(set, ",");
		for (unsigned k = 0; values[k]; k++)
			if (strlen(values[k]) == n &&
			    strncmp(values[k], set, n) == 0)
				bits |= 1u << k;
		set += n + (set[n] == ',');
	}
	return bits;
}

/* "2026-01-02 03:04:05.123456" -> "2026-01-02T03:04:05.123456Z". */
void
db_time_iso(const char *s, char *out, size_t n)
{
	size_t l = strlen(s);
	if (l + 2 > n)
		l = n - 2;
	memcpy(out, s, l);
	if (l > 10 && out[10] == ' ')
		out[10] = 'T';
	out[l] = 'Z';
	out[l + 1] = '\0';
}

/*
 * One stored value as JSON, for a face: codes become the reference's values
 * on its face, times carry "Z" only on Casegate's, JSON text is parsed.
 */
json_object *
field_value(const struct field *f, const char *v, int ref)
{
	char iso[40];

	if (v == NULL)
		return NULL;
	switch (f->type) {
	case FT_BOOL:
		return json_object_new_boolean(strcmp(v, "0") != 0);
	case FT_INT:
		return json_object_new_int64(strtoll(v, NULL, 10));
	case FT_DECIMAL:
		/* Sent as the column gives it ("150.50"), not as %.17g. */
		return json_object_new_double_s(strtod(v, NULL), v);
	case FT_SET: {
		json_object *a = json_object_new_array();
		unsigned bits = set_bits(f->values, v);
		for (size_t k = 0; f->values[k]; k++)
			if (bits & (1u << k))
				json_object_array_add(a,
				    json_object_new_string(f->values[k]));
		return a;
	}
	case FT_DATETIME:
		db_time_iso(v, iso, sizeof(iso));
		if (ref)
			iso[strlen(iso) - 1] = '\0';
		return json_object_new_string(iso);
	case FT_JSON:
	case FT_ENUMLIST:
		return json_tokener_parse(v);
	default:
		if (ref && f->codes)
			for (size_t i = 0; f->codes[i]; i++)
				if (strcmp(f->codes[i], v) == 0)
					return json_object_new_string(f->values[i]);
		return json_object_new_string(v);
	}
}

/*
 * A row as a JSON object: one column per field that is neither write-only
 * nor a nested object or list. Casegate-only fields are consumed but left
 * out on the reference face.
 */
json_object *
fields_render_face(const struct field *t, size_t n, char **row, int ref)
{
	json_object	*o = json_object_new_object();
	size_t		 c = 0;

	for (size_t i = 0; i < n; i++) {
		if ((t[i].flags & F_WRITEONLY) || t[i].type == FT_OBJECT ||
		    t[i].type == FT_LIST)
			continue;
		const char *v = row[c++];
		if (ref && (t[i].flags & F_EXT))
			continue;
		json_object_object_add(o, t[i].name, field_value(&t[i], v, ref));
	}
	return o;
}

json_object *
fields_render(const struct field *t, size_t n, char **row)
{
	return fields_render_face(t, n, row, 0);
}

/* A pragmatic address check: one @, a dotted domain, no spaces. */
const char *
check_email(const char *s)
{
	const char *at = strchr(s, '@');

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    strchr(s, ' ') != NULL || strchr(at + 1, '.') == NULL ||
	    at[1] == '.' || s[strlen(s) - 1] == '.')
		return "value is not a valid email address";
	return NULL;
}
