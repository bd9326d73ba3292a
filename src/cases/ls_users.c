/*
 * LegalServer users and organizations over Casegate's own accounts: a user
 * is a row of the users table the token family logs in (login is its
 * username; it has no password and no scopes until an admin sets them
 * through /users or casegate-admin), an organization a row of orgs (with
 * its premium flag). Both are declared here once (fields, columns, search
 * face) and served by ls_records.c. Writes need the admin scope; reads
 * show the caller's own organisation and its users, or everything to an
 * admin or a caller with the all-cases permission.
 */
#include <string.h>

#include "../lib/account.h"
#include "../lib/auth.h"
#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "ls_records.h"

/* ------------------------------------------------------------ users */

enum {
	LU_ID, LU_UUID, LU_LOGIN, LU_FIRST, LU_MIDDLE, LU_LAST, LU_FULL,
	LU_EMAIL, LU_ACTIVE, LU_EXT, LU_ORG, LU_SCOPES, LU_ALL_CASES,
	LU_CREATED, LU_UPDATED, LU__MAX
};

static const struct field lu_fields[LU__MAX] = {
	[LU_ID] = { .name = "id", .type = FT_INT, .flags = F_READONLY },
	[LU_UUID] = { .name = "user_uuid", .type = FT_UUID, .flags = F_READONLY },
	[LU_LOGIN] = { .name = "login", .type = FT_STRING, .flags = F_REQUIRED,
	    .max = 150, .check = check_username },
	[LU_FIRST] = { .name = "first", .type = FT_STRING,
	    .flags = F_REQUIRED | F_NONEMPTY, .max = 100 },
	[LU_MIDDLE] = { .name = "middle", .type = FT_STRING, .flags = F_NULLABLE,
	    .max = 100 },
	[LU_LAST] = { .name = "last", .type = FT_STRING,
	    .flags = F_REQUIRED | F_NONEMPTY, .max = 100 },
	[LU_FULL] = { .name = "user_name", .type = FT_STRING,
	    .flags = F_READONLY },
	[LU_EMAIL] = { .name = "email", .type = FT_STRING, .flags = F_NULLABLE,
	    .max = 254, .check = check_email },
	[LU_ACTIVE] = { .name = "active", .type = FT_BOOL },
	[LU_EXT] = { .name = "external_unique_id", .type = FT_STRING,
	    .flags = F_NULLABLE, .max = 100 },
	[LU_ORG] = { .name = "organization", .type = FT_INT,
	    .flags = F_NULLABLE },
	[LU_SCOPES] = { .name = "scopes", .type = FT_SET, .flags = F_READONLY,
	    .values = scope_names },
	[LU_ALL_CASES] = { .name = "all_cases", .type = FT_BOOL,
	    .flags = F_READONLY },
	[LU_CREATED] = { .name = "created_at", .type = FT_DATETIME,
	    .flags = F_READONLY },
	[LU_UPDATED] = { .name = "updated_at", .type = FT_DATETIME,
	    .flags = F_READONLY },
};

/*
 * full_name stays the truth the token family shows: the parts are believed
 * while they compose it (a PATCH /users of full_name makes them stale),
 * else it is split at its first and last space, as for a matter's client.
 */
#define FN "TRIM(u.full_name)"
#define PARTS_OK "(CAST(CONCAT_WS(' ', u.name_first, u.name_middle, " \
	"u.name_last) AS BINARY) <=> CAST(u.full_name AS BINARY))"
#define FIRST_EFF "IF(" PARTS_OK ", u.name_first, NULLIF(SUBSTRING_INDEX(" FN \
	", ' ', 1), ''))"
#define LAST_EFF "IF(" PARTS_OK ", u.name_last, IF(LOCATE(' ', " FN ") > 0, " \
	"SUBSTRING_INDEX(" FN ", ' ', -1), NULL))"
#define MIDDLE_EFF "IF(" PARTS_OK ", u.name_middle, NULLIF(TRIM(SUBSTRING(" \
	FN ", CHAR_LENGTH(SUBSTRING_INDEX(" FN ", ' ', 1)) + 1, " \
	"CHAR_LENGTH(" FN ") - CHAR_LENGTH(SUBSTRING_INDEX(" FN ", ' ', 1)) - " \
	"CHAR_LENGTH(SUBSTRING_INDEX(" FN ", ' ', -1)))), ''))"
#define ORG_REF(a) "IF(" a ".id IS NULL, NULL, JSON_OBJECT('organization_id', " \
	a ".id, 'organization_uuid', " a ".uuid, 'organization_name', " a \
	".name))"

static const struct ls_col lu_cols[LU__MAX] = {
	[LU_ID] = { "u.id", NULL, LC_PLAIN, NULL, NULL },
	[LU_UUID] = { "u.uuid", NULL, LC_PLAIN, NULL, NULL },
	[LU_LOGIN] = { "u.username", "username", LC_PLAIN, NULL, NULL },
	[LU_FIRST] = { FIRST_EFF, NULL, LC_PLAIN, NULL, NULL },
	[LU_MIDDLE] = { MIDDLE_EFF, NULL, LC_PLAIN, NULL, NULL },
	[LU_LAST] = { LAST_EFF, NULL, LC_PLAIN, NULL, NULL },
	[LU_FULL] = { "u.full_name", NULL, LC_PLAIN, NULL, NULL },
	[LU_EMAIL] = { "u.email", "email", LC_PLAIN, NULL, NULL },
	[LU_ACTIVE] = { "NOT u.disabled", "disabled", LC_NOT, NULL, NULL },
	[LU_EXT] = { "u.external_unique_id", "external_unique_id", LC_PLAIN,
	    NULL, NULL },
	[LU_ORG] = { ORG_REF("o"), "org_id", LC_JSON, NULL, NULL },
	[LU_SCOPES] = { "u.scopes", NULL, LC_PLAIN, NULL, NULL },
	[LU_ALL_CASES] = { "u.all_cases", NULL, LC_PLAIN, NULL, NULL },
	[LU_CREATED] = { "u.created_at", NULL, LC_PLAIN, NULL, NULL },
	[LU_UPDATED] = { "u.updated_at", NULL, LC_PLAIN, NULL, NULL },
};

static const struct filter_def lu_filters[] = {
	{ "user_uuid", K_UUID, "u.uuid = ?", NULL, NULL },
	{ "id", K_INT, "u.id = ?", NULL, NULL },
	{ "login", K_TEXT, "u.username = ?", NULL, NULL },
	{ "first", K_TEXT, FIRST_EFF " = ?", FIRST_EFF " IS NULL", NULL },
	{ "middle", K_TEXT, MIDDLE_EFF " = ?", MIDDLE_EFF " IS NULL", NULL },
	{ "last", K_TEXT, LAST_EFF " = ?", LAST_EFF " IS NULL", NULL },
	{ "email", K_TEXT, "u.email = ?", "u.email IS NULL", NULL },
	{ "active", K_BOOL, "(NOT u.disabled) = ?", NULL, NULL },
	{ "external_unique_id", K_TEXT, "u.external_unique_id = ?",
	    "u.external_unique_id IS NULL", NULL },
	{ "organization", K_UUID, "o.uuid = ?", "u.org_id IS NULL", NULL },
};

static const char *const lu_results[] = {
	"id", "login", "first", "middle", "last", "user_name", "email", "active",
	"external_unique_id", "organization", "scopes", "all_cases",
	"created_at", "updated_at", NULL
};

static int
lu_load(struct req *r, const long long *ids, size_t n, json_object **out)
{
	return ls_rec_load_ids(r, &user_record, ids, n, out);
}

static const struct search_face lu_face = {
	.filters = lu_filters,
	.nfilters = sizeof(lu_filters) / sizeof(lu_filters[0]),
	.results = lu_results,
	.key = "user_uuid",
	.star = 1,
	.json_lists = 1,
	.bools = 1,
	.from = "users u LEFT JOIN orgs o ON o.id = u.org_id",
	.id_col = "u.id",
	.visible = "(? OR u.org_id <=> ?)",
	.admin_all = 1,
	.load = lu_load,
};

static int
lu_prepare(struct req *r, json_object *body, json_object *base)
{
	return ls_org_input(r, body, "organization", base);
}

/* A string member, NULL when absent, null or "". */
static const char *
member(json_object *o, const char *key)
{
	json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) || v == NULL ||
	    json_object_get_string_len(v) == 0)
		return NULL;
	return json_object_get_string(v);
}

static const char *const lu_derived[] = { "name_first", "name_middle",
	"name_last", "full_name", NULL };

/* A name part sent writes all three and full_name, so they compose. */
static int
lu_derive(struct req *r, json_object *body, json_object *before,
    struct ls_derived *d)
{
	static const char *const parts[] = { "first", "middle", "last" };
	struct buf	 b = { 0 };
	int		 touched = 0;

	for (size_t i = 0; i < 3; i++)
		touched |= json_object_object_get_ex(body, parts[i], NULL);
	if (!touched)
		return 0;
	for (size_t i = 0; i < 3; i++) {
		const char *v = json_object_object_get_ex(body, parts[i], NULL) ?
		    member(body, parts[i]) : member(before, parts[i]);
		d->has[i] = 1;
		d->val[i] = v;
		if (v)
			buf_addf(&b, "%s%s", b.len ? " " : "", v);
	}
	d->has[3] = 1;
	d->val[3] = b.len ? arena_strdup(&r->a, b.s) : NULL;
	buf_free(&b);
	return 0;
}

/* A name part written: the matters that show the user are rendered anew. */
static int
lu_after(struct req *r, long long id, json_object *body)
{
	static const char *const parts[] = { "first", "middle", "last" };

	for (size_t i = 0; i < 3; i++)
		if (json_object_object_get_ex(body, parts[i], NULL))
			return matter_docs_drop(&r->a, EMBED_USER, id) != 0 ?
			    http_db_error(r) : 0;
	return 0;
}

static const struct unique_msg lu_unique[] = {
	{ "users_username", "A user with this login already exists" },
	{ NULL, "external_unique_id is already in use" },
};

const struct ls_record user_record = {
	.what = "user",
	.key = "user_uuid",
	.fields = lu_fields,
	.cols = lu_cols,
	.n = LU__MAX,
	.table = "users",
	.alias = "u",
	.from = "users u LEFT JOIN orgs o ON o.id = u.org_id",
	.face = &lu_face,
	.unique = lu_unique,
	.update_scope = SCOPE_ADMIN,
	.deny = "User does not have permissions: API Access All Cases",
	.derived = lu_derived,
	.prepare = lu_prepare,
	.derive = lu_derive,
	.after = lu_after,
};

int	ls_users_search(struct req *r) { return ls_rec_search(r, &user_record); }
int	ls_users_create(struct req *r) { return ls_rec_create(r, &user_record); }
int	ls_user_get(struct req *r) { return ls_rec_get(r, &user_record); }
int	ls_user_patch(struct req *r) { return ls_rec_patch(r, &user_record); }

/*
 * GET /api/v2/users/{uuid}/organization_affiliation (spec section 12: the
 * vendor's client reads it after every user): the search envelope of the
 * user's organisation, none or one.
 */
static int
user_affiliation(struct req *r)
{
	json_object	*env, *data, *a;
	char		**row;
	int		 seen;

	if (!uuid_valid(r->params[0]))
		return ls_error(r, 400, "Invalid user_uuid");
	row = db_one(&r->a, "SELECT (? OR u.org_id <=> ?), " ORG_REF("o") " FROM "
	    "users u LEFT JOIN orgs o ON o.id = u.org_id WHERE u.uuid = ?", "iis",
	    (long long)(r->who->all_cases || (r->who->scopes & SCOPE_ADMIN)),
	    r->who->org_id, r->params[0]);
	if (row == NULL)
		return db_last() != DB_OK ? http_db_error(r) :
		    ls_error(r, 404, "Unknown user");
	if (strcmp(row[0], "0") == 0)
		return ls_error(r, 403, user_record.deny);
	seen = row[1] != NULL;
	env = json_object_new_object();
	data = json_object_new_array();
	if (seen) {
		a = json_object_new_object();
		json_object_object_add(a, "organization", json_tokener_parse(row[1]));
		json_object_object_add(a, "user_uuid",
		    json_object_new_string(r->params[0]));
		json_object_array_add(data, a);
	}
	json_object_object_add(env, "page_number", json_object_new_int(1));
	json_object_object_add(env, "page_size", json_object_new_int(20));
	json_object_object_add(env, "total_number_of_pages",
	    json_object_new_int(seen));
	json_object_object_add(env, "total_records", json_object_new_int(seen));
	json_object_object_add(env, "authorized_records",
	    json_object_new_int(seen));
	json_object_object_add(env, "data", data);
	return resp_json(r, 200, env);
}

int
ls_user_affiliation(struct req *r)
{
	return ls_finish(r, user_affiliation(r), PS_SEARCH);
}

/* ------------------------------------------------------------ organizations */

enum { LO_ID, LO_UUID, LO_NAME, LO_PREMIUM, LO_EXT, LO_CREATED, LO_UPDATED,
	LO__MAX };

static const struct field lo_fields[LO__MAX] = {
	[LO_ID] = { .name = "id", .type = FT_INT, .flags = F_READONLY },
	[LO_UUID] = { .name = "uuid", .type = FT_UUID, .flags = F_READONLY },
	[LO_NAME] = { .name = "name", .type = FT_STRING, .flags = F_REQUIRED,
	    .max = 200, .check = check_org_name },
	[LO_PREMIUM] = { .name = "premium", .type = FT_BOOL },
	[LO_EXT] = { .name = "external_unique_id", .type = FT_STRING,
	    .flags = F_NULLABLE, .max = 100 },
	[LO_CREATED] = { .name = "created_at", .type = FT_DATETIME,
	    .flags = F_READONLY },
	[LO_UPDATED] = { .name = "updated_at", .type = FT_DATETIME,
	    .flags = F_READONLY },
};

static const struct ls_col lo_cols[LO__MAX] = {
	[LO_ID] = { "o.id", NULL, LC_PLAIN, NULL, NULL },
	[LO_UUID] = { "o.uuid", NULL, LC_PLAIN, NULL, NULL },
	[LO_NAME] = { "o.name", "name", LC_PLAIN, NULL, NULL },
	[LO_PREMIUM] = { "o.premium", "premium", LC_PLAIN, NULL, NULL },
	[LO_EXT] = { "o.external_unique_id", "external_unique_id", LC_PLAIN,
	    NULL, NULL },
	[LO_CREATED] = { "o.created_at", NULL, LC_PLAIN, NULL, NULL },
	[LO_UPDATED] = { "o.updated_at", NULL, LC_PLAIN, NULL, NULL },
};

static const struct filter_def lo_filters[] = {
	{ "name", K_TEXT, "o.name = ?", NULL, NULL },
	{ "uuid", K_UUID, "o.uuid = ?", NULL, NULL },
	{ "id", K_INT, "o.id = ?", NULL, NULL },
	{ "premium", K_BOOL, "o.premium = ?", NULL, NULL },
	{ "external_unique_id", K_TEXT, "o.external_unique_id = ?",
	    "o.external_unique_id IS NULL", NULL },
};

static const char *const lo_results[] = {
	"id", "name", "premium", "external_unique_id", "created_at",
	"updated_at", NULL
};

static int
lo_load(struct req *r, const long long *ids, size_t n, json_object **out)
{
	return ls_rec_load_ids(r, &org_record, ids, n, out);
}

static const struct search_face lo_face = {
	.filters = lo_filters,
	.nfilters = sizeof(lo_filters) / sizeof(lo_filters[0]),
	.results = lo_results,
	.key = "uuid",
	.star = 1,
	.json_lists = 1,
	.bools = 1,
	.from = "orgs o",
	.id_col = "o.id",
	.visible = "(? OR o.id <=> ?)",
	.admin_all = 1,
	.load = lo_load,
};

static const struct unique_msg lo_unique[] = {
	{ "orgs_name", "An organization with this name already exists" },
	{ NULL, "external_unique_id is already in use" },
};

const struct ls_record org_record = {
	.what = "organization",
	.key = "uuid",
	.fields = lo_fields,
	.cols = lo_cols,
	.n = LO__MAX,
	.table = "orgs",
	.alias = "o",
	.from = "orgs o",
	.face = &lo_face,
	.unique = lo_unique,
	.update_scope = SCOPE_ADMIN,
	.deny = "User does not have permissions: API Access All Cases",
};

int	ls_orgs_search(struct req *r) { return ls_rec_search(r, &org_record); }
int	ls_orgs_create(struct req *r) { return ls_rec_create(r, &org_record); }
int	ls_org_get(struct req *r) { return ls_rec_get(r, &org_record); }
int	ls_org_patch(struct req *r) { return ls_rec_patch(r, &org_record); }
