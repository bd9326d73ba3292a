/*
 * Organisations (scope admin): GET|POST /orgs, GET|PATCH /orgs/{name}.
 * Premium is a property of an organisation; the name is its address.
 */
#include <string.h>

#include "../lib/account.h"
#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "token.h"

enum org_field {
	O_UUID, O_NAME, O_PREMIUM, O_EXTERNAL_ID, O_CREATED, O_UPDATED, O__MAX
};

static const struct field org_fields[O__MAX] = {
	[O_UUID]	= { "uuid", FT_STRING, F_READONLY, 0, NULL, NULL },
	[O_NAME]	= { "name", FT_STRING, F_REQUIRED, 200, NULL,
			    check_org_name },
	[O_PREMIUM]	= { "premium", FT_BOOL, 0, 0, NULL, NULL },
	[O_EXTERNAL_ID]	= { "external_unique_id", FT_STRING, F_NULLABLE, 100,
			    NULL, NULL },
	[O_CREATED]	= { "created_at", FT_DATETIME, F_READONLY, 0, NULL, NULL },
	[O_UPDATED]	= { "updated_at", FT_DATETIME, F_READONLY, 0, NULL, NULL },
};

#define ORG_SELECT "SELECT uuid, name, premium, external_unique_id, " \
	"created_at, updated_at FROM orgs "

static int
org_reply(struct req *r, int status, const char *name)
{
	return resp_row(r, status, org_fields, O__MAX, db_one(&r->a,
	    ORG_SELECT "WHERE name = ?", "s", name), "Organisation not found");
}

static const struct unique_msg org_unique[] = {
	{ "orgs_name", "An organisation with this name already exists" },
	{ NULL, "external_unique_id is already in use" },
};

int
orgs_create(struct req *r)
{
	struct fieldvals	fv;
	char			uuid[37];

	if (fields_body(r, org_fields, O__MAX, 1, &fv))
		return http_422(r);
	uuid4(uuid);
	if (db_exec(&r->a, "INSERT INTO orgs (uuid, name, premium, "
	    "external_unique_id, created_at, updated_at) VALUES (?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", "ssis", uuid,
	    fv_str(&fv, O_NAME), (long long)fv_bool(&fv, O_PREMIUM),
	    fv_str(&fv, O_EXTERNAL_ID)) < 0)
		return http_write_failed(r, org_unique);
	return org_reply(r, 201, fv_str(&fv, O_NAME));
}

int
orgs_patch(struct req *r)
{
	struct fieldvals	 fv;
	const char		*name = r->params[0];

	if (fields_body(r, org_fields, O__MAX, 0, &fv))
		return http_422(r);
	if (db_one(&r->a, "SELECT id FROM orgs WHERE name = ? FOR UPDATE", "s",
	    name) == NULL)
		return db_last() != DB_OK ? http_db_error(r) :
		    http_error(r, 404, "Organisation not found");
	if (db_exec(&r->a, "UPDATE orgs SET name = IF(?, ?, name), "
	    "premium = IF(?, ?, premium), "
	    "external_unique_id = IF(?, ?, external_unique_id), "
	    "updated_at = IF(?, UTC_TIMESTAMP(6), updated_at) WHERE name = ?",
	    "isiiisis",
	    (long long)FV_HAS(&fv, O_NAME), fv_str(&fv, O_NAME),
	    (long long)FV_HAS(&fv, O_PREMIUM), (long long)fv_bool(&fv, O_PREMIUM),
	    (long long)FV_HAS(&fv, O_EXTERNAL_ID), fv_str(&fv, O_EXTERNAL_ID),
	    (long long)fv_any(&fv), name) < 0)
		return http_write_failed(r, org_unique);
	return org_reply(r, 200, FV_HAS(&fv, O_NAME) ? fv_str(&fv, O_NAME) : name);
}

int
orgs_get(struct req *r)
{
	return org_reply(r, 200, r->params[0]);
}

int
orgs_list(struct req *r)
{
	return resp_rows(r, org_fields, O__MAX, db_run(&r->a,
	    ORG_SELECT "ORDER BY id", ""));
}
