/*
 * POST /conflicts: people on existing cases who may be the person named.
 * A person matches on the normalised name, or on at least two of date of
 * birth, postcode, phone number and e-mail; "why" lists what matched, and
 * also a visa number (a matter's client holds one) when it is the same: it
 * strengthens a match but finds none alone (it has no index). The
 * check looks across organisations, but shows the person only where the
 * caller may see the case. Premium: an organisation without it gets 402.
 * Candidates are capped; name matches come first, then those matching
 * most other fields, so the cap drops only the weakest.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "cases.h"
#include "legalserver.h"

#define CANDIDATES_MAX	500

enum { Q_NAME, Q_DOB, Q_POSTCODE, Q_EMAIL, Q_PHONE, Q_VISA, Q__MAX };

static const struct field *
person(size_t i)
{
	return &case_fields[C_PEOPLE].sub[i];
}

static char *
digits(struct req *r, const char *s)
{
	char *d = arena_strdup(&r->a, s ? s : ""), *o = d;
	for (const char *p = s ? s : ""; *p; p++)
		if (isdigit((unsigned char)*p))
			*o++ = *p;
	*o = '\0';
	return d;
}

int
conflicts_post(struct req *r)
{
	struct field q_fields[Q__MAX] = {
		[Q_NAME] = *person(1),
		[Q_DOB] = *person(6),
		[Q_POSTCODE] = *person(4),
		[Q_EMAIL] = *person(5),
		[Q_PHONE] = *person(3),
		[Q_VISA] = matter_fields[M_VISA_NUMBER],	/* the client's */
	};
	struct fieldvals	 fv;
	struct dbq		*q;
	char			**row;

	if (!r->who->premium)
		return http_error(r, 402, "Conflict checks are a premium feature: "
		    "the caller's organisation does not have it");
	q_fields[Q_NAME].flags = F_REQUIRED | F_NONEMPTY;
	q_fields[Q_EMAIL].flags = F_NULLABLE;
	q_fields[Q_DOB].flags = F_NULLABLE;
	if (fields_body(r, q_fields, Q__MAX, FP_CREATE, &fv))
		return http_422(r);
	const char *dob = fv_str(&fv, Q_DOB), *pc = fv_str(&fv, Q_POSTCODE);
	const char *email = fv_str(&fv, Q_EMAIL), *visa = fv_str(&fv, Q_VISA);
	char *phone = digits(r, fv_str(&fv, Q_PHONE));

	q = db_run(&r->a, "SELECT p.uuid, p.name, p.address, p.phone_number, "
	    "p.postcode, p.email, p.date_of_birth, c.uuid, c.org_id, o.name, "
	    "p.name_norm = TRIM(REGEXP_REPLACE(LOWER(?), '[^[:alnum:]]+', ' ')), "
	    "IFNULL(p.date_of_birth = ?, 0) + IFNULL(p.postcode = ?, 0) + "
	    "IFNULL(p.email = ?, 0) + "
	    "IFNULL(REGEXP_REPLACE(p.phone_number, '[^0-9]', '') = ?, 0), "
	    "p.visa_number FROM persons p "
	    "JOIN cases c ON c.id = p.case_id LEFT JOIN orgs o ON o.id = c.org_id "
	    "WHERE p.name_norm = TRIM(REGEXP_REPLACE(LOWER(?), '[^[:alnum:]]+', ' ')) "
	    "OR p.date_of_birth = ? OR p.postcode = ? OR p.email = ? "
	    "ORDER BY 11 DESC, 12 DESC, c.id, p.id LIMIT ?", "sssssssssi",
	    fv_str(&fv, Q_NAME), dob, pc, email, *phone ? phone : NULL,
	    fv_str(&fv, Q_NAME), dob, pc, email, (long long)CANDIDATES_MAX);
	if (q == NULL)
		return http_db_error(r);
	json_object *matches = json_object_new_array();
	while ((row = db_next(q)) != NULL) {
		json_object *why = json_object_new_array();
		int others = 0;
		if (strcmp(row[10], "1") == 0)
			json_object_array_add(why, json_object_new_string("name"));
		if (dob && row[6] && strcmp(dob, row[6]) == 0 && ++others)
			json_object_array_add(why,
			    json_object_new_string("date_of_birth"));
		if (pc && row[4] && strcasecmp(pc, row[4]) == 0 && ++others)
			json_object_array_add(why, json_object_new_string("postcode"));
		if (*phone && row[3] && strcmp(phone, digits(r, row[3])) == 0 &&
		    ++others)
			json_object_array_add(why,
			    json_object_new_string("phone_number"));
		if (email && row[5] && strcasecmp(email, row[5]) == 0 && ++others)
			json_object_array_add(why, json_object_new_string("email"));
		if (visa && row[12] && strcasecmp(visa, row[12]) == 0)
			json_object_array_add(why,
			    json_object_new_string("visa_number"));
		if (strcmp(row[10], "1") != 0 && others < 2) {
			json_object_put(why);
			continue;
		}
		json_object *m = json_object_new_object();
		long long org = row[8] ? strtoll(row[8], NULL, 10) : 0;
		json_object_object_add(m, "case_id", json_object_new_string(row[7]));
		json_object_object_add(m, "org", jstr(row[9]));
		if (case_visible(r, org)) {
			json_object *p = json_object_new_object();
			json_object_object_add(p, "id", json_object_new_string(row[0]));
			json_object_object_add(p, "name", json_object_new_string(row[1]));
			json_object_object_add(p, "address", jstr(row[2]));
			json_object_object_add(p, "phone_number", jstr(row[3]));
			json_object_object_add(p, "postcode", jstr(row[4]));
			json_object_object_add(p, "email", jstr(row[5]));
			json_object_object_add(p, "date_of_birth", jstr(row[6]));
			json_object_object_add(m, "person", p);
		}
		json_object_object_add(m, "why", why);
		json_object_array_add(matches, m);
	}
	json_object *o = json_object_new_object();
	json_object_object_add(o, "matches", matches);
	return resp_json(r, 200, o);
}
