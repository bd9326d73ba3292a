/*
 * The clerk's review, Casegate's stand-in for the court's: a submitted
 * filing is accepted or rejected, once. Accepting a filing of an envelope
 * that opened a case creates the court case (docket number, title, the
 * envelope's new parties), which later filings name as previous_case_id.
 * Shared by POST …/filings/{id}/review and `casegate-admin filing review`,
 * so it takes an arena, not a request. The caller holds the transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "../lib/arena.h"
#include "../lib/db.h"
#include "../lib/util.h"
#include "clerk.h"

static int
open_case(struct arena *a, char **env, long long *case_id)
{
	char		 uuid[37], **row;
	json_object	*parties;

	uuid4(uuid);
	row = db_one(a, "SELECT (SELECT name FROM filing_categories WHERE "
	    "jurisdiction = ? AND court = ? AND code = ?), (SELECT name FROM "
	    "filing_case_types WHERE jurisdiction = ? AND court = ? AND code = ?), "
	    "YEAR(UTC_TIMESTAMP())", "ssssss", env[1], env[2], env[3], env[1],
	    env[2], env[4]);
	if (row == NULL)
		return -1;
	/* A placeholder docket until the row's id is known. */
	struct dbq *q = db_run(a, "INSERT INTO court_cases (uuid, jurisdiction, "
	    "court, docket_number, title, category, category_name, case_type, "
	    "case_type_name, firm_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, UTC_TIMESTAMP(6))", "sssssssssi", uuid, env[1], env[2], uuid,
	    env[5], env[3], row[0] ? row[0] : "", env[4], row[1] ? row[1] : "",
	    strtoll(env[6], NULL, 10));
	if (q == NULL)
		return -1;
	*case_id = q->insert_id;
	db_done(q);
	char *docket = arena_printf(a, "%s-CV-%06lld", row[2], *case_id);
	if (db_exec(a, "UPDATE court_cases SET docket_number = ? WHERE id = ?",
	    "si", docket, *case_id) < 0)
		return -1;
	parties = json_tokener_parse(env[7]);
	for (size_t i = 0; i < (parties ? json_object_array_length(parties) : 0);
	    i++) {
		json_object *p = json_object_array_get_idx(parties, i), *v;
		const char *f[6] = { "", "", "", "", "0", "0" };
		static const char *const keys[6] = { "party_type", "first",
		    "middle", "last", "business", "filer_side" };
		for (size_t k = 0; k < 6; k++)
			if (json_object_object_get_ex(p, keys[k], &v) &&
			    json_object_get_string(v) != NULL)
				f[k] = k >= 4 ? (json_object_get_boolean(v) ? "1" : "0") :
				    json_object_get_string(v);
		uuid4(uuid);
		if (db_exec(a, "INSERT INTO court_case_parties (uuid, case_id, "
		    "party_type, is_business, first_name, middle_name, last_name, "
		    "is_filer_side) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "sisisssi", uuid,
		    *case_id, f[0], strtoll(f[4], NULL, 10), f[1], f[2], f[3],
		    strtoll(f[5], NULL, 10)) < 0) {
			json_object_put(parties);
			return -1;
		}
	}
	json_object_put(parties);
	return db_exec(a, "UPDATE envelopes SET court_case_id = ? WHERE id = ?",
	    "is", *case_id, env[0]) < 0 ? -1 : 0;
}

int
clerk_review(struct arena *a, const char *filing, const char *status,
    const char *reason, const char **why)
{
	char		**f, **env;
	long long	 case_id;

	*why = "";
	if (strcmp(status, "accepted") != 0 && strcmp(status, "rejected") != 0) {
		*why = "the status is accepted or rejected";
		return CLERK_BAD;
	}
	if (reason != NULL && strlen(reason) > 1000) {
		*why = "the reason has at most 1000 characters";
		return CLERK_BAD;
	}
	f = db_one(a, "SELECT id, envelope_id, status FROM filings WHERE "
	    "uuid = ? FOR UPDATE", "s", filing);
	if (f == NULL) {
		*why = "no such filing";
		return db_last() == DB_OK ? CLERK_UNKNOWN : CLERK_DBERR;
	}
	if (strcmp(f[2], "submitted") != 0) {
		*why = arena_printf(a, "the filing is %s already", f[2]);
		return CLERK_CONFLICT;
	}
	env = db_one(a, "SELECT id, jurisdiction, court, category, case_type, "
	    "case_title, firm_id, parties, court_case_id, initial FROM envelopes "
	    "WHERE id = ? FOR UPDATE", "s", f[1]);
	if (env == NULL)
		return CLERK_DBERR;
	case_id = env[8] ? strtoll(env[8], NULL, 10) : 0;
	if (strcmp(status, "accepted") == 0 && case_id == 0 &&
	    strcmp(env[9], "0") != 0 && open_case(a, env, &case_id) != 0)
		return CLERK_DBERR;
	if (db_exec(a, "UPDATE filings SET status = ?, status_reason = ?, "
	    "status_at = UTC_TIMESTAMP(6), court_case_id = IF(? = 'accepted' AND "
	    "? > 0, ?, court_case_id) WHERE id = ?", "sssiis", status, reason,
	    status, case_id, case_id, f[0]) < 0)
		return CLERK_DBERR;
	return CLERK_OK;
}
