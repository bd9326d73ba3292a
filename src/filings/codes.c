/*
 * /jurisdictions/{j}/codes (spec 6): public, no API key. Every answer here,
 * errors included, carries Access-Control-Allow-Origin: * so that browser
 * interviews can read the tables; OPTIONS on any codes path is the CORS
 * preflight. This file holds the HATEOAS maps (the codes index, a court's
 * index, a case type or filing code with its links), the court list and the
 * court record; the per-court lists are in lists.c.
 *
 * Statuses: 200; 400 for a bad fileable_type; 404 for an unknown
 * jurisdiction, court, case type or filing code (a JSON string, as the
 * reference answers: "Court x does not exist").
 */
#include <string.h>
#include <strings.h>

#include "../lib/db.h"
#include "../lib/efile.h"
#include "../lib/http.h"
#include "filings.h"

#define CT	"/courts/{court_id}/case_types/{case_type_id}"
#define FT	"/courts/{court_id}/filing_types/{filing_code_id}"

/*
 * Every GET of the codes service, named by the reference's Java methods so
 * that clients walking the reference's maps find the same keys. The groups
 * say which narrower maps also list a link (the reference's
 * underCourt/underCaseType/underFilingCode sets).
 */
static const struct link codes_links[] = {
	{ "getAll", "/", NULL, 0 },
	{ "getCourts", "/courts", "[fileable_only, fileable_type, with_names]", 0 },
	{ "getCodesUnderCourt", "/courts/{court_id}", NULL, 0 },
	{ "getCourtLocationCodes", "/courts/{court_id}/codes", NULL, LINK_COURT },
	{ "getCategories", "/courts/{court_id}/categories",
	    "[fileable_only, timing]", LINK_COURT },
	{ "getCategoryByCode", "/courts/{court_id}/categories/{cat_code}", NULL, 0 },
	{ "getCaseTypes", "/courts/{court_id}/case_types", "[category_id, timing]",
	    LINK_COURT },
	{ "getCodesUnderCaseType", CT, NULL, 0 },
	{ "getCaseSubtypes", CT "/case_subtypes", NULL, LINK_COURT | LINK_CASETYPE },
	{ "getPartyTypes", CT "/party_types", NULL, LINK_COURT | LINK_CASETYPE },
	{ "getPartyType", CT "/party_types/{party_type_id}", NULL, 0 },
	{ "getCrossReferences", CT "/cross_references", NULL,
	    LINK_COURT | LINK_CASETYPE },
	{ "getCrossReferencesOld",
	    "/courts/{court_id}/casetypes/{case_type_id}/cross_references", NULL, 0 },
	{ "getNameSuffixes", "/courts/{court_id}/name_suffixes", NULL, LINK_COURT },
	{ "getServiceTypes", "/courts/{court_id}/service_types", NULL, LINK_COURT },
	{ "getProcedureOrRemedies", "/courts/{court_id}/procedures_or_remedies",
	    "[category_id]", LINK_COURT },
	{ "getFilingTypes", "/courts/{court_id}/filing_types",
	    "[category_id, type_id, initial]", LINK_COURT },
	{ "getCodesUnderFilingTypes", FT, NULL, 0 },
	{ "getDocumentTypes", FT "/document_types", NULL, LINK_COURT | LINK_FILING },
	{ "getMotionTypes", FT "/motion_types", NULL, LINK_COURT | LINK_FILING },
	{ "getFilingComponents", FT "/filing_components", NULL,
	    LINK_COURT | LINK_FILING },
	{ "getOptionalServices", FT "/optional_services", NULL,
	    LINK_COURT | LINK_FILING },
	{ "getFilerTypes", "/courts/{court_id}/filer_types", NULL, LINK_COURT },
	{ "getDamageAmounts", "/courts/{court_id}/damage_amounts", "[category_id]",
	    LINK_COURT },
	{ "getAllPartyTypes", "/courts/{court_id}/party_types", NULL, 0 },
	{ "getPartyTypeFromAll", "/courts/{court_id}/party_types/{party_type_id}",
	    NULL, 0 },
	{ "getAllowedFileTypes", "/courts/{court_id}/allowed_file_types", NULL,
	    LINK_COURT },
	{ "getFilingStatuses", "/courts/{court_id}/filing_statuses", NULL,
	    LINK_COURT },
	{ "getStates", "/courts/{court_id}/countries/{country}/states", NULL,
	    LINK_COURT },
	{ "getLanguages", "/courts/{court_id}/languages", NULL, LINK_COURT },
	{ "getDataFields", "/courts/{court_id}/datafields", NULL, LINK_COURT },
	{ "getDataField", "/courts/{court_id}/datafields/{field_name}", NULL,
	    LINK_COURT },
	{ "getOptionalService", "/courts/{court_id}/optional_services/{opt_serv_code}",
	    NULL, LINK_COURT },
	{ "getDisclaimerRequirements", "/courts/{court_id}/disclaimer_requirements",
	    NULL, LINK_COURT },
	{ "searchCategories", "/categories", "[search]", 0 },
	{ "retrieveCategories", "/categories/{retrieve_name}", NULL, 0 },
	{ "searchCaseTypes", "/case_types", "[search]", 0 },
	{ "retrieveCaseTypes", "/case_types/{retrieve_name}", NULL, 0 },
	{ "searchFilingTypes", "/filing_types", "[search]", 0 },
	{ "retrieveFilingTypes", "/filing_types/{retrieve_name}", NULL, 0 },
	{ "searchPartyTypes", "/party_types", "[search]", 0 },
	{ "retrievePartyTypes", "/party_types/{retrieve_name}", NULL, 0 },
	{ "searchOptionalServices", "/optional_services", "[search]", 0 },
	{ "retrieveOptionalServices", "/optional_services/{retrieve_name}", NULL, 0 },
};

/* The court record (CourtLocationInfo), in the reference's member order. */
static const struct col court_cols[] = {
	{ "code", COL_STR }, { "name", COL_STR },
	{ "initial", COL_BOOL }, { "subsequent", COL_BOOL },
	{ "disallowcopyingenvelopemultipletimes", COL_BOOL },
	{ "allowfilingintononindexedcase", COL_BOOL },
	{ "allowablecardtypes", COL_LIST },
	{ "odysseynodeid", COL_STR }, { "cmsid", COL_STR },
	{ "sendservicebeforereview", COL_STR }, { "parentnodeid", COL_STR },
	{ "iscounty", COL_BOOL }, { "restrictbankaccountpayment", COL_STR },
	{ "allowmultipleattorneys", COL_BOOL },
	{ "sendservicecontactremovednotifications", COL_BOOL },
	{ "allowmaxfeeamount", COL_BOOL }, { "transferwaivedfeestocms", COL_BOOL },
	{ "skippreauth", COL_BOOL }, { "allowreturndate", COL_BOOL },
	{ "showdamageamount", COL_BOOL }, { "hasconditionalservicetypes", COL_BOOL },
	{ "hasprotectedcasetypes", COL_BOOL }, { "protectedcasetypes", COL_LIST },
	{ "protectedcasereplacementstring", COL_STR },
	{ "allowzerofeeswithoutfilingparty", COL_BOOL },
	{ "allowserviceoninitial", COL_STR },
	{ "allowaddservicecontactsoninitial", COL_BOOL },
	{ "allowredaction", COL_BOOL }, { "redactionurl", COL_STR },
	{ "redactionviewerurl", COL_STR }, { "enforceredaction", COL_BOOL },
	{ "redactiondocumenttype", COL_STR },
	{ "defaultdocumentdescription", COL_STR },
	{ "allowwaiveronmail", COL_BOOL }, { "showreturnonreject", COL_BOOL },
	{ "allowchargeupdate", COL_BOOL }, { "allowpartyid", COL_BOOL },
	{ "redactionfee", COL_STR }, { "allowwaiveronredaction", COL_BOOL },
	{ "disallowelectronicserviceonnewcontacts", COL_BOOL },
	{ "allowindividualregistration", COL_BOOL },
	{ "redactiontargetconfig", COL_LIST }, { "allowhearing", COL_BOOL },
	{ "efmType", COL_STR },
};

#define COURT_SELECT \
	"SELECT code, name, initial, subsequent, " \
	"disallowcopyingenvelopemultipletimes, allowfilingintononindexedcase, " \
	"allowablecardtypes, odysseynodeid, cmsid, sendservicebeforereview, " \
	"parent, iscounty, restrictbankaccountpayment, allowmultipleattorneys, " \
	"sendservicecontactremovednotifications, allowmaxfeeamount, " \
	"transferwaivedfeestocms, skippreauth, allowreturndate, showdamageamount, " \
	"hasconditionalservicetypes, hasprotectedcasetypes, protectedcasetypes, " \
	"protectedcasereplacementstring, allowzerofeeswithoutfilingparty, " \
	"allowserviceoninitial, allowaddservicecontactsoninitial, allowredaction, " \
	"redactionurl, redactionviewerurl, enforceredaction, " \
	"redactiondocumenttype, defaultdocumentdescription, allowwaiveronmail, " \
	"showreturnonreject, allowchargeupdate, allowpartyid, redactionfee, " \
	"allowwaiveronredaction, disallowelectronicserviceonnewcontacts, " \
	"allowindividualregistration, redactiontargetconfig, allowhearing, 'ecf' " \
	"FROM filing_courts WHERE jurisdiction = ? AND code = ?"

void
cors(struct req *r)
{
	resp_header(r, "Access-Control-Allow-Origin", "*");
}

/*
 * 1 if court c exists in jurisdiction j; otherwise 0 after the 404 (or -1
 * after a database error), so a handler returns r->status.
 */
int
court_known(struct req *r, const char *j, const char *c)
{
	if (db_one(&r->a, "SELECT 1 FROM filing_courts WHERE jurisdiction = ? "
	    "AND code = ?", "ss", j, c) != NULL)
		return 1;
	if (db_last() != DB_OK) {
		http_db_error(r);
		return -1;
	}
	json_string_error(r, 404, arena_printf(&r->a, "Court %s does not exist", c));
	return 0;
}

/* OPTIONS on any codes path: the preflight, as the reference answers it. */
int
codes_options(struct req *r)
{
	cors(r);
	resp_header(r, "Access-Control-Allow-Headers",
	    "origin, content-type, accept, authorization");
	resp_header(r, "Access-Control-Allow-Credentials", "true");
	resp_header(r, "Access-Control-Allow-Methods", "GET, OPTIONS, HEAD");
	resp_header(r, "Access-Control-Max-Age", "1209600");
	return resp_raw(r, 200, "text/plain; charset=utf-8", "", 0);
}

/* Any other GET under codes: a 404 that a browser may still read. */
int
codes_not_found(struct req *r)
{
	cors(r);
	return http_error(r, 404, "Not Found");
}

static const char *
codes_prefix(struct req *r, const char *j)
{
	return arena_printf(&r->a, "/jurisdictions/%s/codes", j);
}

int
codes_index_get(struct req *r)
{
	const char *j;

	cors(r);
	if ((j = juris(r, 0)) == NULL)
		return r->status;
	return resp_json(r, 200, link_map(r, codes_prefix(r, j), codes_links,
	    NCOLS(codes_links), 0, NULL));
}

/*
 * GET codes/courts?fileable_only=&fileable_type=&with_names=: sorted ids,
 * or {name, code} objects. fileable_type (INITIAL_OR_SUBSEQUENT, INITIAL,
 * SUBSEQUENT, NONE) wins over fileable_only; fileable lists never hold the
 * system courts 0 and 1.
 */
int
courts_get(struct req *r)
{
	const char	*j, *type, *where;
	struct dbq	*q;
	char		**row;

	cors(r);
	if ((j = juris(r, 0)) == NULL)
		return r->status;
	if ((type = qstr(r, "fileable_type")) == NULL)
		type = qbool(r, "fileable_only") ? "INITIAL_OR_SUBSEQUENT" : "NONE";
	if (strcasecmp(type, "NONE") == 0)
		where = "";
	else if (strcasecmp(type, "INITIAL_OR_SUBSEQUENT") == 0)
		where = " AND (initial = 1 OR subsequent = 1)";
	else if (strcasecmp(type, "INITIAL") == 0)
		where = " AND initial = 1";
	else if (strcasecmp(type, "SUBSEQUENT") == 0)
		where = " AND subsequent = 1";
	else
		return json_string_error(r, 400, "fileable_type must be one of "
		    "INITIAL_OR_SUBSEQUENT, INITIAL, SUBSEQUENT, NONE");
	q = db_run(&r->a, arena_printf(&r->a, "SELECT code, name FROM "
	    "filing_courts WHERE jurisdiction = ?%s%s ORDER BY code", where,
	    *where ? " AND code NOT IN ('0', '1')" : ""), "s", j);
	if (q == NULL)
		return http_db_error(r);
	int names = qbool(r, "with_names");
	json_object *a = json_object_new_array();
	while ((row = db_next(q)) != NULL) {
		if (!names) {
			json_object_array_add(a, jstr(row[0]));
			continue;
		}
		json_object *o = json_object_new_object();
		json_object_object_add(o, "name", jstr(row[1]));
		json_object_object_add(o, "code", jstr(row[0]));
		json_object_array_add(a, o);
	}
	db_done(q);
	return resp_json(r, 200, a);
}

/* GET codes/courts/{c}: the links under one court. */
int
court_index_get(struct req *r)
{
	const char *j, *c = r->params[1];

	cors(r);
	if ((j = juris(r, 0)) == NULL || court_known(r, j, c) != 1)
		return r->status;
	const char *subst[] = { "court_id", c, NULL };
	return resp_json(r, 200, link_map(r, codes_prefix(r, j), codes_links,
	    NCOLS(codes_links), LINK_COURT, subst));
}

/* GET codes/courts/{c}/codes: the full court record. */
int
court_codes_get(struct req *r)
{
	const char	*j, *c = r->params[1];
	char		**row;

	cors(r);
	if ((j = juris(r, 0)) == NULL)
		return r->status;
	if ((row = db_one(&r->a, COURT_SELECT, "ss", j, c)) == NULL) {
		if (db_last() != DB_OK)
			return http_db_error(r);
		return json_string_error(r, 404,
		    arena_printf(&r->a, "Court %s does not exist", c));
	}
	return resp_json(r, 200, row_object(court_cols, NCOLS(court_cols), row));
}

/* GET codes/courts/{c}/case_types/{t}: the case type and its links. */
int
case_type_get(struct req *r)
{
	const char	*j, *c = r->params[1], *t = r->params[2];
	char		**row;

	cors(r);
	if ((j = juris(r, 0)) == NULL || court_known(r, j, c) != 1)
		return r->status;
	row = db_one(&r->a, "SELECT code, name, casecategory, initial, "
	    "COALESCE(CAST(fee AS CHAR), ''), willfileddate, efspcode, court FROM "
	    "filing_case_types WHERE jurisdiction = ? AND court = ? AND code = ?",
	    "sss", j, c, t);
	if (row == NULL) {
		if (db_last() != DB_OK)
			return http_db_error(r);
		return json_string_error(r, 404, arena_printf(&r->a,
		    "Case type %s does not exist in court %s", t, c));
	}
	const char *subst[] = { "court_id", c, "case_type_id", t, NULL };
	json_object *o = link_map(r, codes_prefix(r, j), codes_links,
	    NCOLS(codes_links), LINK_CASETYPE, subst);
	obj_merge_row(o, case_type_cols, case_type_ncols, row);
	return resp_json(r, 200, o);
}

/* GET codes/courts/{c}/filing_types/{f}: the filing code and its links. */
int
filing_type_get(struct req *r)
{
	const char	*j, *c = r->params[1], *f = r->params[2];
	char		**row;

	cors(r);
	if ((j = juris(r, 0)) == NULL || court_known(r, j, c) != 1)
		return r->status;
	row = db_one(&r->a, "SELECT code, name, COALESCE(CAST(fee AS CHAR), ''), casecategory, "
	    "casetypeid, filingtype, iscourtuseonly, civilclaimamount, "
	    "probateestateamount, amountincontroversy, useduedate, isproposedorder, "
	    "efspcode, court FROM filing_codes WHERE jurisdiction = ? AND "
	    "court = ? AND code = ?", "sss", j, c, f);
	if (row == NULL) {
		if (db_last() != DB_OK)
			return http_db_error(r);
		return json_string_error(r, 404, arena_printf(&r->a,
		    "Filing code %s in court %s does not exist", f, c));
	}
	const char *subst[] = { "court_id", c, "filing_code_id", f, NULL };
	json_object *o = link_map(r, codes_prefix(r, j), codes_links,
	    NCOLS(codes_links), LINK_FILING, subst);
	obj_merge_row(o, filing_code_cols, filing_code_ncols, row);
	return resp_json(r, 200, o);
}
