/*
 * Validation and rendering driven by field tables. The messages and types are
 * Pydantic 2's, because the FastAPI-shaped families answer with them; other
 * families translate the same problem list into their own shapes.
 */
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "http.h"

/* Counts code points; *bad is set on malformed UTF-8. */
size_t
utf8_len(const char *s, size_t n, int *bad)
{
	size_t i = 0, count = 0;

	*bad = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 :
		    (c >> 3) == 30 ? 4 : 0;
		if (k == 0 || i + k > n || c == 0) {
			*bad = 1;
			return count;
		}
		for (size_t j = 1; j < k; j++)
			if (((unsigned char)s[i + j] >> 6) != 2) {
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

static void
enum_problem(struct req *r, const struct field *f, json_object *loc,
    json_object *in)
{
	char		*exp = enum_expected(r, f->values);
	json_object	*ctx = json_object_new_object();

	json_object_object_add(ctx, "expected", json_object_new_string(exp));
	problem_add(r, "enum", loc, arena_printf(&r->a, "Input should be %s",
	    exp), in, ctx);
}

static int
in_values(const char *const *v, const char *s)
{
	for (; *v; v++)
		if (strcmp(*v, s) == 0)
			return 1;
	return 0;
}

static void
check_string(struct req *r, const struct field *f, json_object *v,
    json_object *loc)
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
	} else if (f->values && !in_values(f->values, s)) {
		enum_problem(r, f, loc, v);
	} else if (f->check && (msg = f->check(s)) != NULL) {
		problem_add(r, "value_error", loc, arena_printf(&r->a,
		    "Value error, %s", msg), v, json_object_new_object());
	} else
		json_object_put(loc);
}

static void
check_set(struct req *r, const struct field *f, json_object *v,
    json_object *loc)
{
	size_t n = json_object_array_length(v);

	if (f->max && n > f->max) {
		json_object *ctx = json_object_new_object();
		json_object_object_add(ctx, "field_type",
		    json_object_new_string("List"));
		json_object_object_add(ctx, "max_length",
		    json_object_new_int64(f->max));
		json_object_object_add(ctx, "actual_length",
		    json_object_new_int64((int64_t)n));
		problem_add(r, "too_long", loc, arena_printf(&r->a, "List should "
		    "have at most %u items after validation, not %zu", f->max, n),
		    v, ctx);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		json_object *it = json_object_array_get_idx(v, i);
		json_object *il = loc_with_index(loc, i);
		if (!json_object_is_type(it, json_type_string))
			problem_add(r, "string_type", il,
			    "Input should be a valid string", it, NULL);
		else if (!in_values(f->values, json_object_get_string(it)))
			enum_problem(r, f, il, it);
		else
			json_object_put(il);
	}
	json_object_put(loc);
}

static void
check_value(struct req *r, const struct field *f, json_object *v,
    json_object *loc)
{
	if (v == NULL) {
		if (f->flags & F_NULLABLE)
			json_object_put(loc);
		else if (f->type == FT_SET)
			problem_add(r, "list_type", loc,
			    "Input should be a valid list", v, NULL);
		else
			problem_add(r, f->type == FT_BOOL ? "bool_type" :
			    f->type == FT_INT ? "int_type" : "string_type", loc,
			    f->type == FT_BOOL ? "Input should be a valid boolean" :
			    f->type == FT_INT ? "Input should be a valid integer" :
			    "Input should be a valid string", v, NULL);
		return;
	}
	switch (f->type) {
	case FT_STRING:
	case FT_DATETIME:
		if (!json_object_is_type(v, json_type_string))
			problem_add(r, "string_type", loc,
			    "Input should be a valid string", v, NULL);
		else
			check_string(r, f, v, loc);
		break;
	case FT_BOOL:
		if (!json_object_is_type(v, json_type_boolean))
			problem_add(r, "bool_type", loc,
			    "Input should be a valid boolean", v, NULL);
		else
			json_object_put(loc);
		break;
	case FT_INT:
		if (!json_object_is_type(v, json_type_int))
			problem_add(r, "int_type", loc,
			    "Input should be a valid integer", v, NULL);
		else
			json_object_put(loc);
		break;
	case FT_SET:
		if (!json_object_is_type(v, json_type_array))
			problem_add(r, "list_type", loc,
			    "Input should be a valid list", v, NULL);
		else
			check_set(r, f, v, loc);
		break;
	default:
		json_object_put(loc);
		break;
	}
}

/*
 * Validates one JSON object against a table. Unknown and read-only keys are
 * "extra_forbidden" (nothing is mass-assigned); with create set, required
 * fields must be present. Returns the number of problems this call added.
 */
int
fields_parse(struct req *r, const struct field *t, size_t n, json_object *obj,
    json_object *loc, int create, struct fieldvals *out)
{
	int before = problem_count(r);

	memset(out, 0, sizeof(*out));
	json_object_object_foreach(obj, key, val) {
		size_t i;
		for (i = 0; i < n; i++)
			if (strcmp(t[i].name, key) == 0)
				break;
		if (i == n || (t[i].flags & F_READONLY)) {
			problem_add(r, "extra_forbidden", loc_with(loc, key),
			    "Extra inputs are not permitted", val, NULL);
			continue;
		}
		out->v[i] = val;
		out->set |= 1ULL << i;
		check_value(r, &t[i], val, loc_with(loc, key));
	}
	for (size_t i = 0; create && i < n; i++)
		if ((t[i].flags & F_REQUIRED) && !FV_HAS(out, i))
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

/* A row (one column per field that is not write-only) as a JSON object. */
json_object *
fields_render(const struct field *t, size_t n, char **row)
{
	json_object	*o = json_object_new_object();
	size_t		 c = 0;

	for (size_t i = 0; i < n; i++) {
		const char	*v;
		json_object	*jv = NULL;
		char		 iso[40];

		if (t[i].flags & F_WRITEONLY)
			continue;
		v = row[c++];
		if (v != NULL)
			switch (t[i].type) {
			case FT_BOOL:
				jv = json_object_new_boolean(strcmp(v, "0") != 0);
				break;
			case FT_INT:
				jv = json_object_new_int64(strtoll(v, NULL, 10));
				break;
			case FT_SET:
				jv = json_object_new_array();
				for (size_t k = 0; t[i].values[k]; k++)
					if (set_bits(t[i].values, v) & (1u << k))
						json_object_array_add(jv,
						    json_object_new_string(t[i].values[k]));
				break;
			case FT_DATETIME:
				db_time_iso(v, iso, sizeof(iso));
				jv = json_object_new_string(iso);
				break;
			default:
				jv = json_object_new_string(v);
				break;
			}
		json_object_object_add(o, t[i].name, jv);
	}
	return o;
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
