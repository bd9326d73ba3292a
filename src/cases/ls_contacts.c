/*
 * LegalServer contacts (spec section 6 "Contact"): a table of their own
 * (sql/022_ls_contacts.sql), owned by the organisation of the user who made
 * them and seen as cases are (the caller's organisation's, or all with the
 * all-cases permission). Declared once here and served by ls_records.c.
 * The work address is written as work_* parts and read as address_work;
 * type is a multiselect of contact_type lookup values, kept one row per
 * value and read as a list of lookup objects.
 */
#include <stdlib.h>
#include <string.h>

#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "ls_records.h"

#define TYPES_MAX	20

enum {
	CT_ID, CT_UUID, CT_FIRST, CT_MIDDLE, CT_LAST, CT_SUFFIX, CT_ORGNAME,
	CT_EMAIL, CT_PHOME, CT_PBUS, CT_PMOB, CT_PFAX, CT_POTHER, CT_ADDR,
	CT_WSTREET, CT_WSTREET2, CT_WCITY, CT_WSTATE, CT_WZIP, CT_BAR,
	CT_ACTIVE, CT_EXT, CT_TYPE, CT_CREATED, CT_UPDATED, CT__MAX
};

#define TEXT(n, m)	{ .name = n, .type = FT_STRING, .flags = F_NULLABLE, .max = m }
#define WO(n, m)	{ .name = n, .type = FT_STRING, \
	.flags = F_NULLABLE | F_WRITEONLY, .max = m }

static const struct field lc_fields[CT__MAX] = {
	[CT_ID] = { .name = "id", .type = FT_INT, .flags = F_READONLY },
	[CT_UUID] = { .name = "uuid", .type = FT_UUID, .flags = F_READONLY },
	[CT_FIRST] = { .name = "first", .type = FT_STRING,
	    .flags = F_REQUIRED | F_NONEMPTY, .max = 100 },
	[CT_MIDDLE] = TEXT("middle", 100),
	[CT_LAST] = TEXT("last", 100),
	[CT_SUFFIX] = TEXT("suffix", 50),
	[CT_ORGNAME] = TEXT("organization_name", 255),
	[CT_EMAIL] = { .name = "email", .type = FT_STRING, .flags = F_NULLABLE,
	    .max = 254, .check = check_email },
	[CT_PHOME] = TEXT("phone_home", 64),
	[CT_PBUS] = TEXT("phone_business", 64),
	[CT_PMOB] = TEXT("phone_mobile", 64),
	[CT_PFAX] = TEXT("phone_fax", 64),
	[CT_POTHER] = TEXT("phone_other", 64),
	[CT_ADDR] = { .name = "address_work", .type = FT_JSON,
	    .flags = F_READONLY },
	[CT_WSTREET] = WO("work_street", 255),
	[CT_WSTREET2] = WO("work_street_2", 255),
	[CT_WCITY] = WO("work_city", 100),
	[CT_WSTATE] = WO("work_state", 50),
	[CT_WZIP] = WO("work_zip", 16),
	[CT_BAR] = TEXT("bar_number", 50),
	[CT_ACTIVE] = { .name = "active", .type = FT_BOOL },
	[CT_EXT] = TEXT("external_unique_id", 100),
	/* After prepare: the values' ids, comma-separated ("" none). */
	[CT_TYPE] = { .name = "type", .type = FT_STRING, .flags = F_NULLABLE },
	[CT_CREATED] = { .name = "date_created", .type = FT_DATETIME,
	    .flags = F_READONLY },
	[CT_UPDATED] = { .name = "updated_at", .type = FT_DATETIME,
	    .flags = F_READONLY },
};

#define COL(c)	{ "x." c, c, LC_PLAIN, NULL, NULL }
#define WCOL(c)	{ NULL, c, LC_PLAIN, NULL, NULL }

static const struct ls_col lc_cols[CT__MAX] = {
	[CT_ID] = { "x.id", NULL, LC_PLAIN, NULL, NULL },
	[CT_UUID] = { "x.uuid", NULL, LC_PLAIN, NULL, NULL },
	[CT_FIRST] = COL("first"),
	[CT_MIDDLE] = COL("middle"),
	[CT_LAST] = COL("last"),
	[CT_SUFFIX] = COL("suffix"),
	[CT_ORGNAME] = COL("organization_name"),
	[CT_EMAIL] = COL("email"),
	[CT_PHOME] = COL("phone_home"),
	[CT_PBUS] = COL("phone_business"),
	[CT_PMOB] = COL("phone_mobile"),
	[CT_PFAX] = COL("phone_fax"),
	[CT_POTHER] = COL("phone_other"),
	[CT_ADDR] = { "JSON_OBJECT('street', x.work_street, 'street_2', "
	    "x.work_street_2, 'city', x.work_city, 'state', x.work_state, "
	    "'zip', x.work_zip)", NULL, LC_JSON, NULL, NULL },
	[CT_WSTREET] = WCOL("work_street"),
	[CT_WSTREET2] = WCOL("work_street_2"),
	[CT_WCITY] = WCOL("work_city"),
	[CT_WSTATE] = WCOL("work_state"),
	[CT_WZIP] = WCOL("work_zip"),
	[CT_BAR] = COL("bar_number"),
	[CT_ACTIVE] = COL("active"),
	[CT_EXT] = COL("external_unique_id"),
	[CT_TYPE] = { NULL, NULL, LC_PLAIN, NULL, NULL },	/* child rows */
	[CT_CREATED] = { "x.created_at", NULL, LC_PLAIN, NULL, NULL },
	[CT_UPDATED] = { "x.updated_at", NULL, LC_PLAIN, NULL, NULL },
};

#define DIGITS(col) "REGEXP_REPLACE(" col ", '[^0-9+]', '')"

static const struct filter_def lc_filters[] = {
	{ "uuid", K_UUID, "x.uuid = ?", NULL, NULL },
	{ "id", K_INT, "x.id = ?", NULL, NULL },
	{ "first", K_TEXT, "x.first = ?", NULL, NULL },
	{ "middle", K_TEXT, "x.middle = ?", "x.middle IS NULL", NULL },
	{ "last", K_TEXT, "x.last = ?", "x.last IS NULL", NULL },
	{ "organization_name", K_TEXT, "x.organization_name = ?",
	    "x.organization_name IS NULL", NULL },
	{ "email", K_TEXT, "x.email = ?", "x.email IS NULL", NULL },
	{ "phone_business", K_PHONE, DIGITS("x.phone_business") " = ?",
	    "x.phone_business IS NULL", NULL },
	{ "bar_number", K_TEXT, "x.bar_number = ?", "x.bar_number IS NULL",
	    NULL },
	{ "active", K_BOOL, "x.active = ?", NULL, NULL },
	{ "external_unique_id", K_TEXT, "x.external_unique_id = ?",
	    "x.external_unique_id IS NULL", NULL },
	{ "type", K_LOOKUP, "EXISTS (SELECT 1 FROM ls_contact_types t WHERE "
	    "t.contact_id = x.id AND t.lookup_id = ?)", "NOT EXISTS (SELECT 1 "
	    "FROM ls_contact_types t WHERE t.contact_id = x.id)", "contact_type" },
};

static const char *const lc_results[] = {
	"id", "first", "middle", "last", "suffix", "organization_name", "email",
	"phone_home", "phone_business", "phone_mobile", "phone_fax",
	"phone_other", "address_work", "bar_number", "active",
	"external_unique_id", "type", "date_created", "updated_at", NULL
};

static int
lc_load(struct req *r, const long long *ids, size_t n, json_object **out)
{
	return ls_rec_load_ids(r, &contact_record, ids, n, out);
}

static const struct search_face lc_face = {
	.filters = lc_filters,
	.nfilters = sizeof(lc_filters) / sizeof(lc_filters[0]),
	.results = lc_results,
	.key = "uuid",
	.star = 1,
	.json_lists = 1,
	.bools = 1,
	.from = "ls_contacts x",
	.id_col = "x.id",
	.visible = "(? OR x.org_id <=> ?)",
	.load = lc_load,
};

/*
 * type: one lookup input or a list of them (spec's multiselect form) ->
 * the ids comma-separated; an unknown value is an invalid value.
 */
static int
lc_prepare(struct req *r, json_object *body, json_object *base)
{
	json_object	*v;
	struct buf	 b = { 0 };
	int		 bad = 0;

	if (!json_object_object_get_ex(body, "type", &v) || v == NULL)
		return 0;
	json_object *orig = req_keep(r, json_object_get(v));
	size_t n = json_object_is_type(v, json_type_array) ?
	    json_object_array_length(v) : 1;
	if (n > TYPES_MAX)
		bad = 1;
	for (size_t i = 0; !bad && i < n; i++) {
		json_object *it = json_object_is_type(v, json_type_array) ?
		    json_object_array_get_idx(v, i) : v;
		long long id;
		if (it == NULL || json_object_is_type(it, json_type_array)) {
			bad = 1;
			break;
		}
		if (lookup_input(r, "contact_type", it, &id) < 0) {
			buf_free(&b);
			return -1;
		}
		if (id == 0)
			bad = 1;
		else
			buf_addf(&b, "%s%lld", b.len ? "," : "", id);
	}
	if (bad)
		problem_add(r, "lookup", loc_with(base, "type"),
		    "Unknown lookup value", orig, NULL);
	json_object_object_add(body, "type", json_object_new_string(bad ? "" :
	    b.s ? b.s : ""));
	buf_free(&b);
	return 0;
}

/* The type rows again when the body names type. */
static int
lc_after(struct req *r, long long id, json_object *body)
{
	json_object	*v;
	const char	*s;

	if (!json_object_object_get_ex(body, "type", &v))
		return 0;
	if (db_exec(&r->a, "DELETE FROM ls_contact_types WHERE contact_id = ?",
	    "i", id) < 0)
		return http_db_error(r);
	for (s = v ? json_object_get_string(v) : ""; *s; ) {
		long long lid = strtoll(s, NULL, 10);
		if (db_exec(&r->a, "INSERT IGNORE INTO ls_contact_types (contact_id, "
		    "lookup_id) VALUES (?, ?)", "ii", id, lid) < 0)
			return http_db_error(r);
		s += strcspn(s, ",");
		s += *s == ',';
	}
	return 0;
}

/* Each record's type: its values as lookup objects, in list order. */
static int
lc_extend(struct req *r, const long long *ids, size_t n, json_object **recs)
{
	struct dbp	*p = arena_calloc(&r->a, sizeof(*p) * (n + 1));
	struct dbq	*q;
	char		**row;

	for (size_t i = 0; i < n; i++)
		json_object_object_add(recs[i], "type", json_object_new_array());
	q = db_runp(&r->a, arena_printf(&r->a, "SELECT t.contact_id, "
	    "JSON_OBJECT('id', l.id, 'name', l.name, 'uuid', l.uuid) FROM "
	    "ls_contact_types t JOIN ls_lookups l ON l.id = t.lookup_id WHERE %s "
	    "ORDER BY l.list_order, l.id", db_in_list(&r->a, "t.contact_id", ids,
	    n, p)), p, n);
	if (q == NULL)
		return -1;
	while ((row = db_next(q)) != NULL) {
		long long cid = strtoll(row[0], NULL, 10);
		for (size_t i = 0; i < n; i++)
			if (ids[i] == cid) {
				json_object *a;
				json_object_object_get_ex(recs[i], "type", &a);
				json_object_array_add(a, lookup_object("contact_type",
				    "Contact Type", row[1]));
			}
	}
	return db_last() == DB_OK ? 0 : -1;
}

static const struct unique_msg lc_unique[] = {
	{ NULL, "external_unique_id is already in use" },
};

const struct ls_record contact_record = {
	.what = "contact",
	.key = "uuid",
	.fields = lc_fields,
	.cols = lc_cols,
	.n = CT__MAX,
	.table = "ls_contacts",
	.alias = "x",
	.from = "ls_contacts x",
	.owner_col = "x.org_id",
	.face = &lc_face,
	.unique = lc_unique,
	.update_scope = SCOPE_UPDATE,
	.deny = "User does not have permissions: API Access All Cases",
	.prepare = lc_prepare,
	.after = lc_after,
	.extend = lc_extend,
};

int	ls_contacts_search(struct req *r) { return ls_rec_search(r, &contact_record); }
int	ls_contacts_create(struct req *r) { return ls_rec_create(r, &contact_record); }
int	ls_contact_get(struct req *r) { return ls_rec_get(r, &contact_record); }
int	ls_contact_patch(struct req *r) { return ls_rec_patch(r, &contact_record); }
