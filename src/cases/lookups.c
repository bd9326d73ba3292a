/*
 * GET /lookups/{table}: the enumerations of the case store as lookup
 * objects. They come from the field tables themselves, so a lookup can never
 * disagree with what validation accepts; their uuids are derived from the
 * table and value names, so they are stable across hosts and restarts.
 */
#include <stdio.h>
#include <string.h>

#include "../lib/fields.h"
#include "../lib/http.h"
#include "cases.h"

static const struct lookup {
	const char		*table;
	const char		*name;
	const struct field	*f;
} lookups[] = {
	{ "case_type", "Case Type", &case_fields[C_CASE_TYPE] },
	{ "note_type", "Note Type", NULL },
	{ "eligibility_type", "Eligibility Type", NULL },
	{ "outcome", "Eligibility Outcome", NULL },
	{ "needed_adaptations", "Needed Adaptation", NULL },
	{ "languages", "Language", NULL },
};

/* The field behind each lookup, found in the nested tables by name. */
static const struct field *
lookup_field(const struct lookup *l)
{
	if (l->f != NULL)
		return l->f;
	for (size_t i = 0; i < C__MAX; i++)
		for (size_t k = 0; case_fields[i].sub && k < case_fields[i].nsub; k++)
			if (strcmp(case_fields[i].sub[k].name, l->table) == 0 ||
			    (strcmp(l->table, "outcome") == 0 &&
			    strcmp(case_fields[i].sub[k].name, "outcome") == 0))
				return &case_fields[i].sub[k];
	return NULL;
}

/* A name-based UUID: SHA-256 of the name, version 8, RFC 4122 variant. */
static void
name_uuid(const char *name, char out[37])
{
	char	hex[65];
	int	o = 0;

	sha256_hex(name, strlen(name), hex);
	hex[12] = '8';
	hex[16] = "89ab"[hexval(hex[16]) & 3];
	for (int i = 0; i < 32; i++) {
		if (i == 8 || i == 12 || i == 16 || i == 20)
			out[o++] = '-';
		out[o++] = hex[i];
	}
	out[o] = '\0';
}

static void
add_value(json_object *a, const struct lookup *l, const char *tuuid,
    const char *value, int id)
{
	json_object	*o = json_object_new_object();
	char		 key[300], vuuid[37];

	snprintf(key, sizeof(key), "casegate:lookup:%s:%s", l->table, value);
	name_uuid(key, vuuid);
	json_object_object_add(o, "lookup_value_id", json_object_new_int(id));
	json_object_object_add(o, "lookup_value_name", json_object_new_string(value));
	json_object_object_add(o, "lookup_value_uuid", json_object_new_string(vuuid));
	json_object_object_add(o, "lookup_type_name", json_object_new_string(l->name));
	json_object_object_add(o, "lookup_type_table_name",
	    json_object_new_string(l->table));
	json_object_object_add(o, "lookup_type_custom", json_object_new_boolean(0));
	json_object_object_add(o, "lookup_type_uuid", json_object_new_string(tuuid));
	json_object_array_add(a, o);
}

int
lookups_get(struct req *r)
{
	for (size_t i = 0; i < sizeof(lookups) / sizeof(lookups[0]); i++) {
		const struct lookup	*l = &lookups[i];
		const struct field	*f;
		char			 key[200], tuuid[37];
		int			 id = 1;

		if (strcmp(l->table, r->params[0]) != 0)
			continue;
		if ((f = lookup_field(l)) == NULL)
			break;
		snprintf(key, sizeof(key), "casegate:lookup:%s", l->table);
		name_uuid(key, tuuid);
		json_object *a = json_object_new_array();
		/* Codes where the field has them: the Casegate face's values. */
		const char *const *v = f->codes ? f->codes : f->values;
		for (size_t k = 0; v[k]; k++)
			add_value(a, l, tuuid, v[k], id++);
		for (size_t k = 0; f->extra && f->extra[k]; k++)
			add_value(a, l, tuuid, f->extra[k], id++);
		return resp_json(r, 200, a);
	}
	return http_error(r, 404, "Unknown lookup table");
}
