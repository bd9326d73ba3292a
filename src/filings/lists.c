/*
 * The per-court code lists under /jurisdictions/{j}/codes/courts/{c}/
 * (spec 6). Each list declares its JSON members once, as a column table
 * whose order is the order of its SELECT. Where the reference falls back
 * from specific rows to court-wide ones (filing codes without a case type,
 * party types without a case type, document types without a filing code),
 * so do these handlers; data fields and state lists are inherited along
 * the court's parent chain down to the system court "0".
 *
 * Statuses: 200; 400 when case_types has no category_id; 404 for an
 * unknown jurisdiction or court (JSON string "Court c does not exist"),
 * party type or category.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "../lib/db.h"
#include "../lib/efile.h"
#include "../lib/http.h"
#include "filings.h"

/* Fees are DECIMAL; the reference shows a blank fee as "". */
#define FEE	"COALESCE(CAST(fee AS CHAR), '')"

const struct col case_type_cols[] = {
	{ "code", COL_STR }, { "name", COL_STR }, { "casecategory", COL_STR },
	{ "initial", COL_BOOL }, { "fee", COL_STR }, { "willfileddate", COL_STR },
	{ "efspcode", COL_STR }, { "location", COL_STR },
};
const size_t case_type_ncols = NCOLS(case_type_cols);
#define CASE_TYPE_SELECT "SELECT code, name, casecategory, initial, " FEE \
	", willfileddate, efspcode, court FROM filing_case_types "

const struct col filing_code_cols[] = {
	{ "code", COL_STR }, { "name", COL_STR }, { "fee", COL_STR },
	{ "casecategory", COL_STR }, { "casetypeid", COL_STR },
	{ "filingtype", COL_STR }, { "iscourtuseonly", COL_BOOL },
	{ "civilclaimamount", COL_STR }, { "probateestateamount", COL_STR },
	{ "amountincontroversy", COL_STR }, { "useduedate", COL_BOOL },
	{ "isproposedorder", COL_BOOL }, { "efspcode", COL_STR },
	{ "location", COL_STR },
};
const size_t filing_code_ncols = NCOLS(filing_code_cols);
#define FILING_CODE_SELECT "SELECT code, name, " FEE ", casecategory, " \
	"casetypeid, filingtype, iscourtuseonly, civilclaimamount, " \
	"probateestateamount, amountincontroversy, useduedate, isproposedorder, " \
	"efspcode, court FROM filing_codes "

static const struct col category_cols[] = {
	{ "code", COL_STR }, { "name", COL_STR }, { "ecfcasetype", COL_STR },
	{ "procedureremedyinitial", COL_STR },
	{ "procedureremedysubsequent", COL_STR },
	{ "damageamountinitial", COL_STR }, { "damageamountsubsequent", COL_STR },
};
#define CATEGORY_SELECT "SELECT code, name, ecfcasetype, " \
	"procedureremedyinitial, procedureremedysubsequent, " \
	"damageamountinitial, damageamountsubsequent FROM filing_categories k "

static const struct col component_cols[] = {
	{ "code", COL_STR }, { "name", COL_STR }, { "filingcodeid", COL_STR },
	{ "required", COL_BOOL }, { "allowmultiple", COL_BOOL },
	{ "displayorder", COL_INT }, { "efspcode", COL_STR },
	{ "location", COL_STR },
};

static const struct col doctype_cols[] = {
	{ "code", COL_STR }, { "name", COL_STR }, { "filingcodeid", COL_STR },
	{ "iscourtuseonly", COL_BOOL }, { "isdefault", COL_BOOL },
	{ "efspcode", COL_STR }, { "location", COL_STR },
};
#define DOCTYPE_SELECT "SELECT code, name, filingcode, iscourtuseonly, " \
	"isdefault, efspcode, court FROM filing_document_types "

static const struct col party_type_cols[] = {
	{ "code", COL_STR }, { "name", COL_STR },
	{ "isAvailableForNewParties", COL_BOOL }, { "casetypeid", COL_STR },
	{ "isrequired", COL_BOOL }, { "amount", COL_STR },
	{ "numberofpartiestoignore", COL_INT }, { "sendforredaction", COL_BOOL },
	{ "dateofdeath", COL_STR }, { "displayorder", COL_INT },
	{ "efspcode", COL_STR }, { "location", COL_STR },
};
#define PARTY_TYPE_SELECT "SELECT code, name, isavailablefornewparties, " \
	"casetypeid, isrequired, amount, numberofpartiestoignore, " \
	"sendforredaction, dateofdeath, displayorder, efspcode, court " \
	"FROM filing_party_types "

static const struct col optional_service_cols[] = {
	{ "code", COL_STR }, { "name", COL_STR }, { "displayorder", COL_INT },
	{ "fee", COL_STR }, { "filingcodeid", COL_STR },
	{ "multiplier", COL_BOOL }, { "altfeedesc", COL_STR },
	{ "hasfeeprompt", COL_BOOL }, { "feeprompttext", COL_STR },
};
#define OPTIONAL_SERVICE_SELECT "SELECT code, name, displayorder, " FEE \
	", filingcode, multiplier, altfeedesc, hasfeeprompt, feeprompttext " \
	"FROM filing_optional_services "

static const struct col service_type_cols[] = {
	{ "code", COL_STR }, { "name", COL_STR }, { "servicemethod", COL_STR },
	{ "fee", COL_STR }, { "disclaimertext", COL_STR },
};

static const struct col cross_ref_cols[] = {
	{ "code", COL_STR }, { "name", COL_STR }, { "casetypeid", COL_STR },
	{ "isdefault", COL_BOOL }, { "isrequired", COL_BOOL },
	{ "validationregex", COL_STR },
	{ "customvalidationfailuremessage", COL_STR }, { "location", COL_STR },
};

static const struct col datafield_cols[] = {
	{ "code", COL_STR }, { "name", COL_STR }, { "isvisible", COL_BOOL },
	{ "isrequired", COL_BOOL }, { "helptext", COL_STR },
	{ "ghosttext", COL_STR }, { "contextualhelpdata", COL_STR },
	{ "validationmessage", COL_STR }, { "regularexpression", COL_STR },
	{ "defaultvalueexpression", COL_STR }, { "isreadonly", COL_BOOL },
	{ "location", COL_STR },
};

static const struct col file_type_cols[] = {
	{ "name", COL_STR }, { "code", COL_STR }, { "extension", COL_STR },
	{ "location", COL_STR },
};

static const struct col filer_type_cols[] = {
	{ "code", COL_STR }, { "name", COL_STR }, { "isDefault", COL_BOOL },
	{ "efspcode", COL_STR }, { "location", COL_STR },
};

static const struct col disclaimer_cols[] = {
	{ "code", COL_STR }, { "name", COL_STR }, { "requirementtext", COL_STR },
	{ "location", COL_STR },
};

static const struct col name_code_cols[] = {
	{ "name", COL_STR }, { "code", COL_STR },
};

/*
 * The court's parent chain (court, parent, ..., "0") with its depth, for
 * the inherited tables. Parameters: jurisdiction, court, jurisdiction.
 */
#define CHAIN "WITH RECURSIVE chain (code, parent, depth) AS (" \
	"SELECT code, parent, 0 FROM filing_courts WHERE jurisdiction = ? " \
	"AND code = ? UNION ALL SELECT f.code, f.parent, chain.depth + 1 " \
	"FROM filing_courts f JOIN chain ON f.code = chain.parent " \
	"WHERE f.jurisdiction = ? AND chain.parent <> '' AND chain.depth < 8) "

/*
 * The common start of every handler here: CORS, the jurisdiction, the
 * court (path parameter 1). Returns 0, or the status already rendered.
 */
static int
court_ctx(struct req *r, const char **j)
{
	cors(r);
	if ((*j = juris(r, 0)) == NULL)
		return r->status;
	return court_known(r, *j, r->params[1]) == 1 ? 0 : r->status;
}

/* timing=Initial|Subsequent (any case): 1, 0; anything else -1. */
static int
timing(struct req *r)
{
	const char *t = qstr(r, "timing");
	if (t != NULL && strcasecmp(t, "Initial") == 0)
		return 1;
	if (t != NULL && strcasecmp(t, "Subsequent") == 0)
		return 0;
	return -1;
}

/* Runs the fallback query when the specific one found nothing. */
static struct dbq *
or_else(struct req *r, struct dbq *q, const char *sql, const char *types,
    const char *a, const char *b)
{
	if (q == NULL || db_rows(q) > 0)
		return q;
	db_done(q);
	return db_run(&r->a, sql, types, a, b);
}

/*
 * GET …/categories?fileable_only=&timing=: all of the court's categories,
 * or (fileable_only) those holding a case type usable for the timing while
 * the court takes filings of that timing.
 */
int
categories_get(struct req *r)
{
	const char	*j, *c = r->params[1];
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	if (!qbool(r, "fileable_only"))
		return rows_answer(r, category_cols, NCOLS(category_cols),
		    db_run(&r->a, CATEGORY_SELECT "WHERE jurisdiction = ? AND "
		    "court = ? ORDER BY code", "ss", j, c));
	int t = timing(r);
	const char *cond = t == 1 ?
	    "ct.initial = 1 AND fc.initial = 1" : t == 0 ?
	    "fc.subsequent = 1" : "(fc.initial = 1 OR fc.subsequent = 1)";
	return rows_answer(r, category_cols, NCOLS(category_cols),
	    db_run(&r->a, arena_printf(&r->a, CATEGORY_SELECT "WHERE "
	    "k.jurisdiction = ? AND k.court = ? AND EXISTS (SELECT 1 FROM "
	    "filing_case_types ct JOIN filing_courts fc ON fc.jurisdiction = "
	    "ct.jurisdiction AND fc.code = ct.court WHERE ct.jurisdiction = "
	    "k.jurisdiction AND ct.court = k.court AND ct.casecategory = k.code "
	    "AND %s) ORDER BY k.code", cond), "ss", j, c));
}

int
category_get(struct req *r)
{
	const char	*j, *c = r->params[1], *k = r->params[2];
	char		**row;
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	row = db_one(&r->a, CATEGORY_SELECT "WHERE jurisdiction = ? AND court = ? "
	    "AND code = ?", "sss", j, c, k);
	if (row == NULL) {
		if (db_last() != DB_OK)
			return http_db_error(r);
		return json_string_error(r, 404, arena_printf(&r->a,
		    "Category %s does not exist in court %s", k, c));
	}
	return resp_json(r, 200, row_object(category_cols, NCOLS(category_cols),
	    row));
}

/*
 * GET …/case_types?category_id=&timing=. Like the reference, a missing
 * category is refused before the court is looked at.
 */
int
case_types_get(struct req *r)
{
	const char	*j, *c = r->params[1], *cat = qstr(r, "category_id");
	int		 st;

	if (cat == NULL) {
		cors(r);
		if (juris(r, 0) == NULL)
			return r->status;
		return json_string_error(r, 400, "You need to limit the number of "
		    "case types by providing a category_id: see /categories");
	}
	if ((st = court_ctx(r, &j)) != 0)
		return st;
	int t = timing(r);
	return rows_answer(r, case_type_cols, case_type_ncols,
	    db_run(&r->a, arena_printf(&r->a, CASE_TYPE_SELECT "WHERE "
	    "jurisdiction = ? AND court = ? AND casecategory = ?%s ORDER BY code",
	    t == 1 ? " AND initial = 1" : t == 0 ? " AND initial = 0" : ""),
	    "sss", j, c, cat));
}

/*
 * The rows of one per-court table: the SQL binds (jurisdiction, court), and
 * the path's next segment too when keyed (a case type or filing code).
 */
static int
court_rows(struct req *r, const struct col *cols, size_t ncols, const char *sql,
    int keyed)
{
	const char	*j;
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	return rows_answer(r, cols, ncols, keyed ?
	    db_run(&r->a, sql, "sss", j, r->params[1], r->params[2]) :
	    db_run(&r->a, sql, "ss", j, r->params[1]));
}

int
case_subtypes_get(struct req *r)
{
	return court_rows(r, name_code_cols, NCOLS(name_code_cols),
	    "SELECT name, code FROM filing_case_subtypes WHERE "
	    "jurisdiction = ? AND court = ? AND casetype = ? ORDER BY code", 1);
}

/* The case type's party types, else the court-wide list. */
static struct dbq *
party_types_for(struct req *r, const char *j, const char *c, const char *t)
{
	struct dbq *q = db_run(&r->a, PARTY_TYPE_SELECT "WHERE jurisdiction = ? "
	    "AND court = ? AND casetypeid = ? AND casetypeid <> '' "
	    "ORDER BY displayorder, code", "sss", j, c, t ? t : "");
	return or_else(r, q, PARTY_TYPE_SELECT "WHERE jurisdiction = ? AND "
	    "court = ? AND casetypeid = '' ORDER BY displayorder, code", "ss",
	    j, c);
}

/* One party type of a list, or the reference's 404. */
static int
party_type_pick(struct req *r, struct dbq *q, const char *p)
{
	char		**row;
	json_object	*found = NULL;

	if (q == NULL)
		return http_db_error(r);
	while ((row = db_next(q)) != NULL)
		if (found == NULL && row[0] && strcmp(row[0], p) == 0)
			found = row_object(party_type_cols, NCOLS(party_type_cols),
			    row);
	db_done(q);
	if (found == NULL)
		return json_string_error(r, 404, arena_printf(&r->a,
		    "No such party type: %s", p));
	return resp_json(r, 200, found);
}

int
case_party_types_get(struct req *r)
{
	const char	*j;
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	return rows_answer(r, party_type_cols, NCOLS(party_type_cols),
	    party_types_for(r, j, r->params[1], r->params[2]));
}

int
case_party_type_get(struct req *r)
{
	const char	*j;
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	return party_type_pick(r, party_types_for(r, j, r->params[1],
	    r->params[2]), r->params[3]);
}

int
party_types_get(struct req *r)
{
	const char	*j;
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	return rows_answer(r, party_type_cols, NCOLS(party_type_cols),
	    party_types_for(r, j, r->params[1], NULL));
}

int
party_type_get(struct req *r)
{
	const char	*j;
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	return party_type_pick(r, party_types_for(r, j, r->params[1], NULL),
	    r->params[2]);
}

int
cross_references_get(struct req *r)
{
	return court_rows(r, cross_ref_cols, NCOLS(cross_ref_cols),
	    "SELECT code, name, casetypeid, isdefault, isrequired, "
	    "validationregex, customvalidationfailuremessage, court FROM "
	    "filing_cross_references WHERE jurisdiction = ? AND court = ? AND "
	    "casetypeid = ? ORDER BY code", 1);
}

/*
 * GET …/filing_types?category_id=&type_id=&initial=: the codes of the case
 * type (or, without one, of the category) usable at that timing; when there
 * are none, the court's codes that belong to no category or type.
 */
int
filing_types_get(struct req *r)
{
	const char	*j, *c = r->params[1];
	const char	*cat = qstr(r, "category_id"), *type = qstr(r, "type_id");
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	const char *timing_in = qbool(r, "initial") ?
	    "filingtype IN ('Initial', 'Both')" :
	    "filingtype IN ('Subsequent', 'Both')";
	struct dbp p[] = {
		{ 's', j, 0, 0 }, { 's', c, 0, 0 },
		{ 's', type ? type : "", 0, 0 }, { 's', type ? type : "", 0, 0 },
		{ 's', cat ? cat : "", 0, 0 }, { 's', cat ? cat : "", 0, 0 },
	};
	struct dbq *q = db_runp(&r->a, arena_printf(&r->a, FILING_CODE_SELECT
	    "WHERE jurisdiction = ? AND court = ? AND %s AND ((? <> '' AND "
	    "casetypeid = ?) OR (casetypeid = '' AND ? <> '' AND casecategory = ?)) "
	    "ORDER BY code", timing_in), p, NCOLS(p));
	q = or_else(r, q, arena_printf(&r->a, FILING_CODE_SELECT "WHERE "
	    "jurisdiction = ? AND court = ? AND %s AND casecategory = '' AND "
	    "casetypeid = '' ORDER BY code", timing_in), "ss", j, c);
	return rows_answer(r, filing_code_cols, filing_code_ncols, q);
}

int
document_types_get(struct req *r)
{
	const char	*j, *c = r->params[1];
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	struct dbq *q = db_run(&r->a, DOCTYPE_SELECT "WHERE jurisdiction = ? AND "
	    "court = ? AND filingcode = ? AND filingcode <> '' ORDER BY code",
	    "sss", j, c, r->params[2]);
	q = or_else(r, q, DOCTYPE_SELECT "WHERE jurisdiction = ? AND court = ? "
	    "AND filingcode = '' ORDER BY code", "ss", j, c);
	return rows_answer(r, doctype_cols, NCOLS(doctype_cols), q);
}

int
motion_types_get(struct req *r)
{
	return court_rows(r, name_code_cols, NCOLS(name_code_cols),
	    "SELECT name, code FROM filing_motion_types WHERE "
	    "jurisdiction = ? AND court = ? AND filingcode = ? ORDER BY code", 1);
}

int
filing_components_get(struct req *r)
{
	return court_rows(r, component_cols, NCOLS(component_cols),
	    "SELECT code, name, filingcode, required, allowmultiple, "
	    "displayorder, efspcode, court FROM filing_components WHERE "
	    "jurisdiction = ? AND court = ? AND filingcode = ? ORDER BY "
	    "displayorder, code", 1);
}

int
filing_optional_services_get(struct req *r)
{
	const char	*j;
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	return rows_answer(r, optional_service_cols, NCOLS(optional_service_cols),
	    db_run(&r->a, OPTIONAL_SERVICE_SELECT "WHERE jurisdiction = ? AND "
	    "court = ? AND filingcode = ? ORDER BY displayorder, code", "sss", j,
	    r->params[1], r->params[2]));
}

/* GET …/optional_services/{code}: that service under every filing code. */
int
optional_service_get(struct req *r)
{
	const char	*j;
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	return rows_answer(r, optional_service_cols, NCOLS(optional_service_cols),
	    db_run(&r->a, OPTIONAL_SERVICE_SELECT "WHERE jurisdiction = ? AND "
	    "court = ? AND code = ? ORDER BY filingcode", "sss", j, r->params[1],
	    r->params[2]));
}

int
service_types_get(struct req *r)
{
	return court_rows(r, service_type_cols, NCOLS(service_type_cols),
	    "SELECT code, name, servicemethod, " FEE ", "
	    "disclaimertext FROM filing_service_types WHERE jurisdiction = ? AND "
	    "court = ? ORDER BY displayorder, code", 0);
}

/* A {name, code} list, optionally of one case category (when given). */
static int
name_codes(struct req *r, const char *list, int by_category)
{
	const char	*j, *cat = by_category ? qstr(r, "category_id") : NULL;
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	struct dbp p[] = {
		{ 's', j, 0, 0 }, { 's', r->params[1], 0, 0 }, { 's', list, 0, 0 },
		{ 's', cat ? cat : "", 0, 0 }, { 's', cat ? cat : "", 0, 0 },
	};
	return rows_answer(r, name_code_cols, NCOLS(name_code_cols),
	    db_runp(&r->a, "SELECT name, code FROM filing_name_codes WHERE "
	    "jurisdiction = ? AND court = ? AND list = ? AND (? = '' OR "
	    "casecategory = ?) ORDER BY displayorder, code", p, NCOLS(p)));
}

int
procedures_get(struct req *r)
{
	return name_codes(r, "procedure_remedy", 1);
}

int
damage_amounts_get(struct req *r)
{
	return name_codes(r, "damage_amount", 1);
}

int
name_suffixes_get(struct req *r)
{
	return name_codes(r, "suffix", 0);
}

int
filing_statuses_get(struct req *r)
{
	return name_codes(r, "filing_status", 0);
}

/* Languages are a list of names: clients match filers' languages by name. */
int
languages_get(struct req *r)
{
	const char	*j;
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	return strings_answer(r, db_run(&r->a, "SELECT name FROM "
	    "filing_name_codes WHERE jurisdiction = ? AND court = ? AND "
	    "list = 'language' ORDER BY displayorder, code", "ss", j,
	    r->params[1]));
}

int
filer_types_get(struct req *r)
{
	return court_rows(r, filer_type_cols, NCOLS(filer_type_cols),
	    "SELECT code, name, isdefault, efspcode, court FROM "
	    "filing_filer_types WHERE jurisdiction = ? AND court = ? ORDER BY "
	    "code", 0);
}

int
allowed_file_types_get(struct req *r)
{
	return court_rows(r, file_type_cols, NCOLS(file_type_cols),
	    "SELECT name, code, extension, court FROM "
	    "filing_file_types WHERE jurisdiction = ? AND court = ? ORDER BY code", 0);
}

int
disclaimers_get(struct req *r)
{
	return court_rows(r, disclaimer_cols, NCOLS(disclaimer_cols),
	    "SELECT code, name, requirementtext, court FROM "
	    "filing_disclaimers WHERE jurisdiction = ? AND court = ? ORDER BY "
	    "code", 0);
}

/*
 * GET …/countries/{country}/states: state codes as strings, from the court
 * when it has its own list, else from the system court "0".
 */
int
states_get(struct req *r)
{
	const char	*j, *c = r->params[1];
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	char *country = arena_strdup(&r->a, r->params[2]);
	for (char *p = country; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	const char *sql = "SELECT code FROM filing_states WHERE jurisdiction = ? "
	    "AND court = ? AND country = ? ORDER BY code";
	struct dbq *q = db_run(&r->a, sql, "sss", j, c, country);
	if (q != NULL && db_rows(q) == 0) {
		db_done(q);
		q = db_run(&r->a, sql, "sss", j, "0", country);
	}
	return strings_answer(r, q);
}

/* GET …/datafields: {name, code} of every rule the court sees. */
int
datafields_get(struct req *r)
{
	const char	*j, *c = r->params[1];
	char		**row;
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	struct dbq *q = db_run(&r->a, CHAIN "SELECT d.code, d.name FROM "
	    "filing_datafields d JOIN chain ON d.court = chain.code WHERE "
	    "d.jurisdiction = ? ORDER BY chain.depth, d.code", "ssss", j, c, j, j);
	if (q == NULL)
		return http_db_error(r);
	/* The nearest court's rule wins; keep the first of each code. */
	json_object *seen = json_object_new_object();
	json_object *a = json_object_new_array();
	while ((row = db_next(q)) != NULL) {
		if (json_object_object_get_ex(seen, row[0], NULL))
			continue;
		json_object_object_add(seen, row[0], NULL);
		json_object *o = json_object_new_object();
		json_object_object_add(o, "name", jstr(row[1]));
		json_object_object_add(o, "code", jstr(row[0]));
		json_object_array_add(a, o);
	}
	db_done(q);
	json_object_put(seen);
	return resp_json(r, 200, a);
}

/*
 * GET …/datafields/{name}: the nearest rule; an undefined field is, as
 * Tyler documents it, invisible and not required (200, code "").
 */
int
datafield_get(struct req *r)
{
	const char	*j, *c = r->params[1], *f = r->params[2];
	char		**row;
	int		 st;

	if ((st = court_ctx(r, &j)) != 0)
		return st;
	row = db_one(&r->a, CHAIN "SELECT d.code, d.name, d.isvisible, "
	    "d.isrequired, d.helptext, d.ghosttext, d.contextualhelpdata, "
	    "d.validationmessage, d.regularexpression, d.defaultvalueexpression, "
	    "d.isreadonly, d.court FROM filing_datafields d JOIN chain ON "
	    "d.court = chain.code WHERE d.jurisdiction = ? AND d.code = ? "
	    "ORDER BY chain.depth LIMIT 1", "sssss", j, c, j, j, f);
	if (row == NULL && db_last() != DB_OK)
		return http_db_error(r);
	if (row == NULL) {
		char *missing[] = { "", (char *)f, "0", "0", "", "", "", "", "",
		    "", "0", "" };
		return resp_json(r, 200, row_object(datafield_cols,
		    NCOLS(datafield_cols), missing));
	}
	return resp_json(r, 200, row_object(datafield_cols, NCOLS(datafield_cols),
	    row));
}
