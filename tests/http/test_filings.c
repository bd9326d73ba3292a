/*
 * The filings family, first slice: the public indexes (efsp-proxy.md 1.1)
 * and the court code tables (section 6), against the seed in
 * sql/012..014. Every endpoint's shape, a few exact values from the seed,
 * unknown jurisdiction and court, CORS on every codes answer and the
 * OPTIONS preflight, HEAD, bad paths; and that the seeded data-field rules
 * accept what real filers send (section 11), checked with regcomp(3).
 */
#include <check.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

#define IL	"/jurisdictions/illinois/codes"
#define ADAMS	IL "/courts/adams"
#define MA	"/jurisdictions/massachusetts/codes"

/* GET path; asserts the status; the caller frees. */
static void
get(struct hres *r, const char *path, long status)
{
	ck_assert_int_eq(http(r, "GET", path, NULL, NULL, 0), 0);
	ck_assert_msg(r->status == status, "%s: %ld, want %ld: %s", path,
	    r->status, status, r->body);
}

static void
assert_cors(const struct hres *r)
{
	char *h = hres_header(r, "Access-Control-Allow-Origin");
	ck_assert_ptr_nonnull(h);
	ck_assert_str_eq(h, "*");
	free(h);
}

/* GET a codes path: 200, CORS, a JSON array; returns its length. */
static size_t
get_list(struct hres *r, const char *path)
{
	get(r, path, 200);
	assert_cors(r);
	ck_assert_msg(json_object_is_type(r->json, json_type_array), "%s", path);
	return json_object_array_length(r->json);
}

/* The index in a list of objects whose member key equals val, or -1. */
static int
find_by(json_object *a, const char *key, const char *val)
{
	for (size_t i = 0; i < json_object_array_length(a); i++) {
		const char *v = jget(json_object_array_get_idx(a, i), key);
		if (v && strcmp(v, val) == 0)
			return (int)i;
	}
	return -1;
}

static int
has_string(json_object *a, const char *val)
{
	for (size_t i = 0; i < json_object_array_length(a); i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(a, i)),
		    val) == 0)
			return 1;
	return 0;
}

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && strcmp(s + n - t, tail) == 0;
}

START_TEST(root_about_jurisdictions)
{
	struct hres r;

	get(&r, "/", 200);
	ck_assert(ends_with(jget(r.json, "JurisdictionSwitch"), "/jurisdictions"));
	ck_assert(ends_with(jget(r.json, "AuthenticationService"), "/authenticate"));
	ck_assert(ends_with(jget(r.json, "getVersionInfo"), "/about"));
	ck_assert(strncmp(jget(r.json, "getVersionInfo"), "http", 4) == 0);
	hres_free(&r);

	get(&r, "/about", 200);
	ck_assert_ptr_nonnull(jget(r.json, "version"));
	ck_assert_ptr_nonnull(jget(r.json, "commit"));
	hres_free(&r);

	get(&r, "/jurisdictions", 200);
	ck_assert(ends_with(jget(r.json, "illinois"), "/jurisdictions/illinois"));
	ck_assert(ends_with(jget(r.json, "massachusetts"),
	    "/jurisdictions/massachusetts"));
	ck_assert_int_eq(json_object_object_length(r.json), 2);
	hres_free(&r);
	get(&r, "/jurisdictions/", 200);
	ck_assert_ptr_nonnull(jget(r.json, "illinois"));
	hres_free(&r);
}
END_TEST

START_TEST(jurisdiction_index)
{
	struct hres r;

	/* Case-insensitive; links use the lower-case name. */
	get(&r, "/jurisdictions/ILLINOIS/", 200);
	ck_assert(ends_with(jget(r.json, "getCodesService.url"),
	    "/jurisdictions/illinois/codes"));
	ck_assert_str_eq(jget(r.json, "getCodesService.method"), "GET");
	ck_assert_str_eq(jget(r.json, "getCodesService.query_params"), "[]");
	ck_assert(ends_with(jget(r.json, "getAll.url"), "/jurisdictions/illinois/"));
	ck_assert_ptr_nonnull(jfind(r.json, "getFilingReviewService"));
	ck_assert_ptr_nonnull(jfind(r.json, "getPaymentsService"));
	hres_free(&r);
	get(&r, "/jurisdictions/massachusetts", 200);
	ck_assert(ends_with(jget(r.json, "getCasesService.url"),
	    "/jurisdictions/massachusetts/cases"));
	hres_free(&r);
	/* Known to the reference but not configured, and unknown: 404. */
	get(&r, "/jurisdictions/texas/", 404);
	hres_free(&r);
	get(&r, "/jurisdictions/atlantis", 404);
	hres_free(&r);
	get(&r, "/jurisdictions/texas/codes/courts", 404);
	assert_cors(&r);
	hres_free(&r);
	get(&r, "/jurisdictions/atlantis/codes/courts/adams/categories", 404);
	hres_free(&r);
	get(&r, "/jurisdictions/illinois/nothing-here", 404);
	hres_free(&r);
}
END_TEST

START_TEST(codes_index)
{
	struct hres r;

	get(&r, IL, 200);
	assert_cors(&r);
	ck_assert(ends_with(jget(r.json, "getCourts.url"),
	    "/jurisdictions/illinois/codes/courts"));
	ck_assert_str_eq(jget(r.json, "getCourts.query_params"),
	    "[fileable_only, fileable_type, with_names]");
	ck_assert(ends_with(jget(r.json, "getCodesUnderCourt.url"),
	    "/codes/courts/{court_id}"));
	ck_assert(ends_with(jget(r.json, "getDisclaimerRequirements.url"),
	    "/codes/courts/{court_id}/disclaimer_requirements"));
	ck_assert_str_eq(jget(r.json, "getFilingTypes.query_params"),
	    "[category_id, type_id, initial]");
	ck_assert(ends_with(jget(r.json, "searchCategories.url"), "/codes/categories"));
	ck_assert(ends_with(jget(r.json, "getAll.url"), "/codes/"));
	hres_free(&r);
	get(&r, MA "/", 200);
	ck_assert(ends_with(jget(r.json, "getStates.url"),
	    "/courts/{court_id}/countries/{country}/states"));
	hres_free(&r);
}
END_TEST

START_TEST(courts_list)
{
	struct hres r;

	ck_assert_int_eq(get_list(&r, IL "/courts"), 7);
	ck_assert_str_eq(jget(r.json, "0"), "0");
	ck_assert_str_eq(jget(r.json, "1"), "1");
	ck_assert_str_eq(jget(r.json, "2"), "adams");
	ck_assert(has_string(r.json, "cook:cd1"));
	hres_free(&r);
	/* The real client sends Python's True. */
	ck_assert_int_eq(get_list(&r, IL "/courts?fileable_only=True&fileable_type="), 4);
	ck_assert(!has_string(r.json, "0") && !has_string(r.json, "1"));
	ck_assert(!has_string(r.json, "cook"));
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, IL "/courts?fileable_only=true&with_names=true"), 4);
	ck_assert_str_eq(jget(r.json, "0.code"), "adams");
	ck_assert_str_eq(jget(r.json, "0.name"), "Adams County");
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, IL "/courts?fileable_type=INITIAL"), 4);
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, IL "/courts?fileable_only=true&fileable_type=NONE"), 7);
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, MA "/courts?fileable_only=true"), 3);
	ck_assert(has_string(r.json, "housing:boston"));
	ck_assert(has_string(r.json, "probate:suffolk"));
	ck_assert(has_string(r.json, "district:cambridge"));
	hres_free(&r);
	get(&r, IL "/courts?fileable_type=SOMETIMES", 400);
	assert_cors(&r);
	hres_free(&r);
}
END_TEST

START_TEST(court_index_and_record)
{
	struct hres r;

	get(&r, ADAMS, 200);
	assert_cors(&r);
	ck_assert(ends_with(jget(r.json, "getCategories.url"),
	    "/jurisdictions/illinois/codes/courts/adams/categories"));
	ck_assert_str_eq(jget(r.json, "getCategories.query_params"),
	    "[fileable_only, timing]");
	ck_assert(ends_with(jget(r.json, "getDataField.url"),
	    "/courts/adams/datafields/{field_name}"));
	ck_assert(ends_with(jget(r.json, "getPartyTypes.url"),
	    "/courts/adams/case_types/{case_type_id}/party_types"));
	ck_assert_ptr_null(jfind(r.json, "getCourts"));
	ck_assert_ptr_null(jfind(r.json, "searchCategories"));
	hres_free(&r);

	get(&r, IL "/courts/cook:cd1/codes", 200);
	assert_cors(&r);
	ck_assert_str_eq(jget(r.json, "code"), "cook:cd1");
	ck_assert_str_eq(jget(r.json, "name"), "Cook County - Municipal District 1");
	ck_assert_str_eq(jplain(r.json, "initial"), "true");
	ck_assert_str_eq(jplain(r.json, "hasprotectedcasetypes"), "true");
	ck_assert_str_eq(jplain(r.json, "protectedcasetypes"), "[\"25367\"]");
	ck_assert_str_eq(jplain(r.json, "allowablecardtypes"),
	    "[\"AMEX\",\"DISC\",\"MC\",\"VISA\"]");
	ck_assert_str_eq(jget(r.json, "parentnodeid"), "cook");
	ck_assert_str_eq(jget(r.json, "allowserviceoninitial"), "DEFAULT");
	ck_assert_str_eq(jplain(r.json, "hasconditionalservicetypes"), "false");
	ck_assert_ptr_nonnull(jfind(r.json, "allowfilingintononindexedcase"));
	ck_assert_ptr_nonnull(jfind(r.json, "allowmultipleattorneys"));
	ck_assert_ptr_nonnull(jfind(r.json, "allowmaxfeeamount"));
	ck_assert_ptr_nonnull(jfind(r.json, "defaultdocumentdescription"));
	ck_assert(json_object_object_get_ex(r.json, "protectedcasereplacementstring", NULL));
	ck_assert_ptr_nonnull(jfind(r.json, "allowreturndate"));
	ck_assert_ptr_nonnull(jfind(r.json, "allowhearing"));
	hres_free(&r);
	get(&r, IL "/courts/sangamon/codes", 200);
	ck_assert_str_eq(jplain(r.json, "hasconditionalservicetypes"), "true");
	ck_assert_str_eq(jget(r.json, "allowserviceoninitial"), "TRUE");
	hres_free(&r);
	get(&r, MA "/courts/probate:suffolk/codes", 200);
	ck_assert_str_eq(jplain(r.json, "allowfilingintononindexedcase"), "true");
	hres_free(&r);
}
END_TEST

/* Every court-scoped endpoint: an unknown court is the JSON-string 404. */
START_TEST(unknown_court)
{
	static const char *const tails[] = {
		"", "/codes", "/categories", "/categories/184",
		"/case_types?category_id=184", "/case_types/25361",
		"/case_types/25361/case_subtypes", "/case_types/25361/party_types",
		"/case_types/25361/party_types/21001",
		"/case_types/25361/cross_references",
		"/casetypes/25361/cross_references", "/filing_types",
		"/filing_types/143127", "/filing_types/143127/document_types",
		"/filing_types/143127/motion_types",
		"/filing_types/143127/filing_components",
		"/filing_types/143127/optional_services", "/party_types",
		"/party_types/21001", "/service_types", "/procedures_or_remedies",
		"/damage_amounts", "/filer_types", "/name_suffixes",
		"/allowed_file_types", "/filing_statuses", "/languages",
		"/countries/US/states", "/datafields", "/datafields/PartyPhone",
		"/optional_services/1001", "/disclaimer_requirements",
	};
	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		struct hres r;
		char *p = S(IL "/courts/nowhere%s", tails[i]);
		get(&r, p, 404);
		assert_cors(&r);
		ck_assert_msg(r.json && json_object_is_type(r.json, json_type_string),
		    "%s: %s", p, r.body);
		ck_assert_str_eq(json_object_get_string(r.json),
		    "Court nowhere does not exist");
		hres_free(&r);
		free(p);
	}
	/* Courts of one jurisdiction are unknown in the other. */
	struct hres r;
	get(&r, MA "/courts/adams/categories", 404);
	hres_free(&r);
	/* Court ids compare exactly. */
	get(&r, IL "/courts/ADAMS/categories", 404);
	hres_free(&r);
}
END_TEST

START_TEST(categories)
{
	struct hres r;

	ck_assert_int_eq(get_list(&r, ADAMS "/categories"), 4);
	int i = find_by(r.json, "code", "185");
	ck_assert_int_ge(i, 0);
	json_object *c = json_object_array_get_idx(r.json, (size_t)i);
	ck_assert_str_eq(jget(c, "name"), "Small Claims");
	ck_assert_str_eq(jget(c, "ecfcasetype"), "CivilCase");
	ck_assert_str_eq(jget(c, "damageamountinitial"), "Required");
	ck_assert_ptr_nonnull(jfind(c, "procedureremedyinitial"));
	ck_assert_ptr_nonnull(jfind(c, "procedureremedysubsequent"));
	ck_assert_ptr_nonnull(jfind(c, "damageamountsubsequent"));
	hres_free(&r);
	/* Initial: only categories with an initial case type (all four here). */
	ck_assert_int_eq(get_list(&r, ADAMS "/categories?fileable_only=true&timing=Initial"), 4);
	hres_free(&r);
	/* cook takes no filings, so nothing of it is fileable. */
	get(&r, "/jurisdictions/illinois/codes/courts/cook/categories?fileable_only=true", 200);
	ck_assert_int_eq(json_object_array_length(r.json), 0);
	hres_free(&r);
	get(&r, ADAMS "/categories/186", 200);
	assert_cors(&r);
	ck_assert_str_eq(jget(r.json, "name"), "Domestic Relations");
	hres_free(&r);
	get(&r, ADAMS "/categories/999", 404);
	assert_cors(&r);
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, MA "/courts/probate:suffolk/categories"), 2);
	ck_assert_int_ge(find_by(r.json, "code", "DR"), 0);
	hres_free(&r);
}
END_TEST

START_TEST(case_types)
{
	struct hres r;

	get(&r, ADAMS "/case_types", 400);
	assert_cors(&r);
	ck_assert(json_object_is_type(r.json, json_type_string));
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/case_types?category_id=186"), 2);
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/case_types?category_id=186&timing=Initial"), 1);
	json_object *t = json_object_array_get_idx(r.json, 0);
	ck_assert_str_eq(jget(t, "code"), "25365");
	ck_assert_str_eq(jget(t, "name"), "Dissolution of Marriage");
	ck_assert_str_eq(jget(t, "casecategory"), "186");
	ck_assert_str_eq(jplain(t, "initial"), "true");
	ck_assert_str_eq(jget(t, "fee"), "337.00");
	ck_assert_str_eq(jget(t, "location"), "adams");
	ck_assert_ptr_nonnull(jfind(t, "willfileddate"));
	ck_assert(json_object_object_get_ex(t, "efspcode", NULL));
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/case_types?category_id=186&timing=Subsequent"), 1);
	ck_assert_str_eq(jget(r.json, "0.code"), "25366");
	hres_free(&r);
	/* Sangamon's fees are its own. */
	get(&r, IL "/courts/sangamon/case_types?category_id=186&timing=Initial", 200);
	ck_assert_str_eq(jget(r.json, "0.fee"), "357.00");
	hres_free(&r);

	/* One case type: its record and its links. */
	get(&r, ADAMS "/case_types/25361", 200);
	assert_cors(&r);
	ck_assert_str_eq(jget(r.json, "code"), "25361");
	ck_assert_str_eq(jget(r.json, "name"), "Eviction - Residential");
	ck_assert(ends_with(jget(r.json, "getPartyTypes.url"),
	    "/courts/adams/case_types/25361/party_types"));
	ck_assert(ends_with(jget(r.json, "getCrossReferences.url"),
	    "/courts/adams/case_types/25361/cross_references"));
	ck_assert(ends_with(jget(r.json, "getCaseSubtypes.url"),
	    "/courts/adams/case_types/25361/case_subtypes"));
	ck_assert_ptr_null(jfind(r.json, "getCategories"));
	hres_free(&r);
	get(&r, ADAMS "/case_types/1", 404);
	assert_cors(&r);
	ck_assert_str_eq(json_object_get_string(r.json),
	    "Case type 1 does not exist in court adams");
	hres_free(&r);

	ck_assert_int_eq(get_list(&r, ADAMS "/case_types/25365/case_subtypes"), 2);
	ck_assert_str_eq(jget(r.json, "0.name"), "With Children");
	ck_assert_str_eq(jget(r.json, "0.code"), "31001");
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/case_types/25361/case_subtypes"), 0);
	hres_free(&r);
}
END_TEST

START_TEST(party_types)
{
	struct hres r;

	/* The case type's own list, with its required parties. */
	ck_assert_int_eq(get_list(&r, ADAMS "/case_types/25361/party_types"), 3);
	json_object *p = json_object_array_get_idx(r.json, 0);
	ck_assert_str_eq(jget(p, "code"), "21001");
	ck_assert_str_eq(jget(p, "name"), "Plaintiff");
	ck_assert_str_eq(jplain(p, "isrequired"), "true");
	ck_assert_str_eq(jplain(p, "isAvailableForNewParties"), "true");
	ck_assert_str_eq(jget(p, "casetypeid"), "25361");
	static const char *const keys[] = { "amount", "numberofpartiestoignore",
	    "sendforredaction", "dateofdeath", "displayorder", "efspcode",
	    "location" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		ck_assert_msg(json_object_object_get_ex(p, keys[i], NULL), "%s", keys[i]);
	hres_free(&r);
	/* A case type without a list of its own: the court-wide one. */
	ck_assert_int_eq(get_list(&r, ADAMS "/case_types/99999/party_types"), 5);
	ck_assert_str_eq(jplain(r.json, "0.isrequired"), "false");
	hres_free(&r);
	get(&r, ADAMS "/case_types/25367/party_types/21007", 200);
	ck_assert_str_eq(jget(r.json, "name"), "Protected Person");
	hres_free(&r);
	get(&r, ADAMS "/case_types/25367/party_types/21001", 404);
	assert_cors(&r);
	ck_assert_str_eq(json_object_get_string(r.json), "No such party type: 21001");
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/party_types"), 5);
	hres_free(&r);
	get(&r, ADAMS "/party_types/21004", 200);
	ck_assert_str_eq(jget(r.json, "name"), "Respondent");
	hres_free(&r);
	get(&r, ADAMS "/party_types/nope", 404);
	hres_free(&r);
	get(&r, MA "/courts/probate:suffolk/case_types/PE01/party_types", 200);
	ck_assert_str_eq(jget(r.json, "1.dateofdeath"), "Required");
	hres_free(&r);
}
END_TEST

START_TEST(cross_references)
{
	struct hres r;

	ck_assert_int_eq(get_list(&r, ADAMS "/case_types/25366/cross_references"), 1);
	json_object *x = json_object_array_get_idx(r.json, 0);
	ck_assert_str_eq(jget(x, "code"), "30001");
	ck_assert_str_eq(jget(x, "name"), "Original Case Number");
	ck_assert_str_eq(jplain(x, "isrequired"), "true");
	ck_assert_str_eq(jget(x, "casetypeid"), "25366");
	ck_assert_ptr_nonnull(jfind(x, "isdefault"));
	ck_assert_ptr_nonnull(jfind(x, "customvalidationfailuremessage"));
	/* The regex accepts real case numbers and refuses others. */
	regex_t re;
	ck_assert_int_eq(regcomp(&re, jget(x, "validationregex"),
	    REG_EXTENDED | REG_NOSUB), 0);
	ck_assert_int_eq(regexec(&re, "2019-DC-123", 0, NULL, 0), 0);
	ck_assert_int_eq(regexec(&re, "2019DC123", 0, NULL, 0), 0);
	ck_assert_int_ne(regexec(&re, "DC-123", 0, NULL, 0), 0);
	regfree(&re);
	hres_free(&r);
	/* The reference's deprecated path answers the same. */
	ck_assert_int_eq(get_list(&r, ADAMS "/casetypes/25366/cross_references"), 1);
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/case_types/25365/cross_references"), 0);
	hres_free(&r);
}
END_TEST

START_TEST(filing_types)
{
	struct hres r;

	/* Initial filing of a residential eviction: its complaint only. */
	ck_assert_int_eq(get_list(&r, ADAMS "/filing_types?category_id=184&type_id=25361&initial=True"), 1);
	json_object *f = json_object_array_get_idx(r.json, 0);
	ck_assert_str_eq(jget(f, "code"), "143127");
	ck_assert_str_eq(jget(f, "fee"), "175.00");
	ck_assert_str_eq(jget(f, "filingtype"), "Initial");
	ck_assert_str_eq(jget(f, "amountincontroversy"), "Optional");
	ck_assert_str_eq(jplain(f, "iscourtuseonly"), "false");
	static const char *const keys[] = { "name", "casecategory", "casetypeid",
	    "civilclaimamount", "probateestateamount", "useduedate",
	    "isproposedorder", "efspcode", "location" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		ck_assert_msg(json_object_object_get_ex(f, keys[i], NULL), "%s", keys[i]);
	hres_free(&r);
	/* Subsequent: nothing specific, so the court-wide codes. */
	ck_assert_int_eq(get_list(&r, ADAMS "/filing_types?category_id=184&type_id=25361&initial=false"), 5);
	ck_assert_int_ge(find_by(r.json, "code", "143140"), 0);
	int po = find_by(r.json, "code", "29217");
	ck_assert_int_ge(po, 0);
	ck_assert_str_eq(jget(r.json, S("%d.fee", po)), "");
	ck_assert_str_eq(jplain(r.json, S("%d.isproposedorder", po)), "true");
	hres_free(&r);
	/* Post-decree is subsequent-only. */
	ck_assert_int_eq(get_list(&r, ADAMS "/filing_types?category_id=186&type_id=25366"), 1);
	ck_assert_str_eq(jget(r.json, "0.code"), "143132");
	hres_free(&r);

	get(&r, ADAMS "/filing_types/143127", 200);
	assert_cors(&r);
	ck_assert_str_eq(jget(r.json, "name"), "Complaint - Residential Eviction");
	ck_assert(ends_with(jget(r.json, "getOptionalServices.url"),
	    "/courts/adams/filing_types/143127/optional_services"));
	ck_assert(ends_with(jget(r.json, "getFilingComponents.url"),
	    "/courts/adams/filing_types/143127/filing_components"));
	ck_assert_ptr_nonnull(jfind(r.json, "getDocumentTypes"));
	ck_assert_ptr_nonnull(jfind(r.json, "getMotionTypes"));
	hres_free(&r);
	get(&r, ADAMS "/filing_types/000", 404);
	assert_cors(&r);
	ck_assert_str_eq(json_object_get_string(r.json),
	    "Filing code 000 in court adams does not exist");
	hres_free(&r);
}
END_TEST

START_TEST(filing_type_children)
{
	struct hres r;

	/* Document types: the filing code's own, else the court's. */
	ck_assert_int_eq(get_list(&r, ADAMS "/filing_types/143144/document_types"), 1);
	ck_assert_str_eq(jget(r.json, "0.code"), "5768");
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/filing_types/143127/document_types"), 2);
	int i = find_by(r.json, "code", "5766");
	ck_assert_int_ge(i, 0);
	json_object *d = json_object_array_get_idx(r.json, (size_t)i);
	ck_assert_str_eq(jget(d, "name"), "Non-Confidential");
	ck_assert_str_eq(jplain(d, "isdefault"), "true");
	ck_assert_ptr_nonnull(jfind(d, "iscourtuseonly"));
	ck_assert_ptr_nonnull(jfind(d, "filingcodeid"));
	hres_free(&r);

	ck_assert_int_eq(get_list(&r, ADAMS "/filing_types/143142/motion_types"), 3);
	ck_assert_str_eq(jget(r.json, "0.name"), "Motion to Continue");
	ck_assert_str_eq(jget(r.json, "0.code"), "20001");
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/filing_types/143127/motion_types"), 0);
	hres_free(&r);

	ck_assert_int_eq(get_list(&r, ADAMS "/filing_types/143127/filing_components"), 2);
	json_object *c = json_object_array_get_idx(r.json, 0);
	ck_assert_str_eq(jget(c, "code"), "332");
	ck_assert_str_eq(jget(c, "name"), "Lead Document");
	ck_assert_str_eq(jplain(c, "required"), "true");
	ck_assert_str_eq(jplain(c, "allowmultiple"), "false");
	ck_assert_str_eq(jplain(c, "displayorder"), "1");
	ck_assert_str_eq(jget(c, "filingcodeid"), "143127");
	ck_assert_str_eq(jplain(r.json, "1.allowmultiple"), "true");
	hres_free(&r);

	ck_assert_int_eq(get_list(&r, ADAMS "/filing_types/143127/optional_services"), 2);
	json_object *o = json_object_array_get_idx(r.json, 0);
	ck_assert_str_eq(jget(o, "code"), "1001");
	ck_assert_str_eq(jget(o, "fee"), "10.00");
	ck_assert_str_eq(jplain(o, "multiplier"), "true");
	ck_assert_str_eq(jplain(o, "hasfeeprompt"), "false");
	static const char *const keys[] = { "name", "displayorder", "filingcodeid",
	    "altfeedesc", "feeprompttext" };
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		ck_assert_msg(json_object_object_get_ex(o, keys[k], NULL), "%s", keys[k]);
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/filing_types/143131/optional_services"), 1);
	ck_assert_str_eq(jplain(r.json, "0.hasfeeprompt"), "true");
	ck_assert_str_eq(jget(r.json, "0.feeprompttext"),
	    "Enter the fee for the pages you want certified");
	hres_free(&r);
	/* One optional service across the court's filing codes. */
	ck_assert_int_eq(get_list(&r, ADAMS "/optional_services/1001"), 4);
	ck_assert_str_eq(jget(r.json, "0.name"), "Issue Summons");
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/optional_services/none"), 0);
	hres_free(&r);
}
END_TEST

START_TEST(court_lists)
{
	struct hres r;

	ck_assert_int_eq(get_list(&r, ADAMS "/service_types"), 2);
	json_object *s = json_object_array_get_idx(r.json, 0);
	ck_assert_str_eq(jget(s, "code"), "-730");
	ck_assert_str_eq(jget(s, "name"), "EService");
	ck_assert_str_eq(jget(s, "servicemethod"), "Electronic");
	ck_assert_str_eq(jget(s, "fee"), "0.00");
	ck_assert(json_object_object_get_ex(s, "disclaimertext", NULL));
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, IL "/courts/sangamon/service_types"), 3);
	hres_free(&r);

	ck_assert_int_eq(get_list(&r, ADAMS "/procedures_or_remedies?category_id=184"), 2);
	ck_assert_str_eq(jget(r.json, "0.name"), "Possession Only");
	ck_assert_str_eq(jget(r.json, "0.code"), "40001");
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/procedures_or_remedies?category_id=186"), 0);
	hres_free(&r);
	/* The python client's singular spelling is not a path. */
	get(&r, ADAMS "/procedure_or_remedies?category_id=184", 404);
	assert_cors(&r);
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/damage_amounts?category_id=185"), 2);
	ck_assert_str_eq(jget(r.json, "0.name"), "$1,500 or less");
	hres_free(&r);

	/* Filer types: exactly one default. */
	size_t n = get_list(&r, ADAMS "/filer_types");
	ck_assert_int_eq(n, 3);
	int defaults = 0;
	for (size_t i = 0; i < n; i++) {
		json_object *f = json_object_array_get_idx(r.json, i);
		ck_assert(json_object_object_get_ex(f, "efspcode", NULL));
		ck_assert_ptr_nonnull(jfind(f, "location"));
		defaults += json_object_get_boolean(jfind(f, "isDefault"));
	}
	ck_assert_int_eq(defaults, 1);
	ck_assert_str_eq(jget(r.json, "0.name"), "Self-Represented Litigant");
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, MA "/courts/housing:boston/filer_types"), 2);
	hres_free(&r);

	ck_assert_int_eq(get_list(&r, ADAMS "/name_suffixes"), 5);
	ck_assert_str_eq(jget(r.json, "0.name"), "Jr.");
	ck_assert_str_eq(jget(r.json, "0.code"), "Jr");
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/allowed_file_types"), 1);
	ck_assert_str_eq(jget(r.json, "0.code"), "pdf");
	ck_assert_str_eq(jget(r.json, "0.extension"), "pdf");
	ck_assert_str_eq(jget(r.json, "0.name"), "PDF");
	ck_assert_str_eq(jget(r.json, "0.location"), "adams");
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, IL "/courts/cook:cd1/allowed_file_types"), 2);
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/filing_statuses"), 7);
	ck_assert_int_ge(find_by(r.json, "code", "accepted"), 0);
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/languages"), 5);
	ck_assert_str_eq(jget(r.json, "0"), "English");
	ck_assert(has_string(r.json, "Spanish"));
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, MA "/courts/housing:boston/languages"), 5);
	ck_assert(has_string(r.json, "Haitian Creole"));
	hres_free(&r);
}
END_TEST

START_TEST(states_and_disclaimers)
{
	struct hres r;

	/* A list of state-code strings, inherited from court 0. */
	ck_assert_int_eq(get_list(&r, ADAMS "/countries/US/states"), 54);
	ck_assert(json_object_is_type(json_object_array_get_idx(r.json, 0),
	    json_type_string));
	ck_assert(has_string(r.json, "IL"));
	ck_assert(has_string(r.json, "MA"));
	ck_assert(has_string(r.json, "DC"));
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, MA "/courts/probate:suffolk/countries/CA/states"), 13);
	ck_assert(has_string(r.json, "ON"));
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/countries/us/states"), 54);
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, ADAMS "/countries/ZZ/states"), 0);
	hres_free(&r);

	ck_assert_int_eq(get_list(&r, ADAMS "/disclaimer_requirements"), 2);
	json_object *d = json_object_array_get_idx(r.json, 0);
	ck_assert_str_eq(jget(d, "code"), "101");
	ck_assert_ptr_nonnull(jget(d, "name"));
	ck_assert_ptr_nonnull(jget(d, "requirementtext"));
	ck_assert_str_eq(jget(d, "location"), "adams");
	hres_free(&r);
	/* May be empty: still a list. */
	ck_assert_int_eq(get_list(&r, IL "/courts/peoria/disclaimer_requirements"), 0);
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, MA "/courts/housing:boston/disclaimer_requirements"), 0);
	ck_assert_str_eq(r.body, "[]");
	hres_free(&r);
}
END_TEST

START_TEST(datafields)
{
	struct hres r;

	size_t n = get_list(&r, ADAMS "/datafields");
	ck_assert_int_ge(n, 30);
	ck_assert_int_ge(find_by(r.json, "code", "PartyPhone"), 0);
	ck_assert_int_ge(find_by(r.json, "code", "GlobalAttorneyNumber"), 0);
	/* Each code once, though courts 1 and 0 both define one. */
	int count = 0;
	for (size_t i = 0; i < n; i++)
		count += strcmp(jget(r.json, S("%zu.code", i)),
		    "GlobalAttorneyNumber") == 0;
	ck_assert_int_eq(count, 1);
	ck_assert_ptr_nonnull(jget(r.json, "0.name"));
	hres_free(&r);

	get(&r, ADAMS "/datafields/PartyPhone", 200);
	assert_cors(&r);
	ck_assert_str_eq(jget(r.json, "code"), "PartyPhone");
	ck_assert_str_eq(jplain(r.json, "isvisible"), "true");
	ck_assert_str_eq(jplain(r.json, "isrequired"), "false");
	ck_assert_str_eq(jget(r.json, "location"), "0");
	static const char *const keys[] = { "name", "helptext", "ghosttext",
	    "contextualhelpdata", "validationmessage", "regularexpression",
	    "defaultvalueexpression", "isreadonly" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		ck_assert_msg(json_object_object_get_ex(r.json, keys[i], NULL),
		    "%s", keys[i]);
	hres_free(&r);
	/* The nearest court wins: cook:cd1 inherits cook's filer-type rule. */
	get(&r, IL "/courts/cook:cd1/datafields/FilingFilerType", 200);
	ck_assert_str_eq(jplain(r.json, "isrequired"), "true");
	ck_assert_str_eq(jget(r.json, "location"), "cook");
	hres_free(&r);
	get(&r, ADAMS "/datafields/FilingFilerType", 200);
	ck_assert_str_eq(jplain(r.json, "isvisible"), "false");
	hres_free(&r);
	get(&r, ADAMS "/datafields/GlobalAttorneyNumber", 200);
	ck_assert_str_eq(jget(r.json, "location"), "1");
	hres_free(&r);
	get(&r, IL "/courts/0/datafields/GlobalPassword", 200);
	ck_assert_str_eq(jget(r.json, "regularexpression"), "^.{8,64}$");
	hres_free(&r);
	/* An undefined field: invisible, not required, still 200. */
	get(&r, ADAMS "/datafields/NoSuchField", 200);
	ck_assert_str_eq(jget(r.json, "name"), "NoSuchField");
	ck_assert_str_eq(jget(r.json, "code"), "");
	ck_assert_str_eq(jplain(r.json, "isvisible"), "false");
	ck_assert_str_eq(jplain(r.json, "isrequired"), "false");
	hres_free(&r);
}
END_TEST

/* Compiles the court's rule for field and checks each value against it. */
static void
check_rule(const char *court, const char *field, const char *const *good,
    const char *const *bad)
{
	struct hres	 r;
	regex_t		 re;
	char		*p = S("%s/courts/%s/datafields/%s", IL, court, field);

	get(&r, p, 200);
	const char *rx = jget(r.json, "regularexpression");
	ck_assert_msg(rx && *rx, "%s has no regex", field);
	ck_assert_msg(regcomp(&re, rx, REG_EXTENDED | REG_NOSUB) == 0,
	    "%s: %s does not compile", field, rx);
	for (size_t i = 0; good && good[i]; i++)
		ck_assert_msg(regexec(&re, good[i], 0, NULL, 0) == 0,
		    "%s refuses \"%s\" (%s)", field, good[i], rx);
	for (size_t i = 0; bad && bad[i]; i++)
		ck_assert_msg(regexec(&re, bad[i], 0, NULL, 0) != 0,
		    "%s accepts \"%s\" (%s)", field, bad[i], rx);
	regfree(&re);
	hres_free(&r);
	free(p);
}

START_TEST(rules_accept_real_filers)
{
	static const char *const first[] = { "Ada", "Mary-Jane", "D'Andre",
	    "J.", "Anne Marie", "Jo", NULL };
	static const char *const last[] = { "O'Neil", "Smith-Jones", "St. John",
	    "van der Berg", "Lovelace", NULL };
	static const char *const name_bad[] = { "", " ", "Ada1", "<b>", "Robert;",
	    NULL };
	static const char *const middle[] = { "", "Q", "Q.", "Anne-Marie", NULL };
	static const char *const suffix[] = { "", "Jr.", "Sr", "III", NULL };
	static const char *const phone[] = { "", "3125550123", "312-555-0123",
	    "(312) 555-0123", "312.555.0123", "312 555 0123", "+1 3125550123",
	    "+1 312-555-0123", "1-312-555-0123", NULL };
	static const char *const phone_bad[] = { "555-0123", "31255501234",
	    "phone", "312-555-012a", NULL };
	static const char *const email[] = { "", "ada@example.org",
	    "first.last+tag@sub.example.co.uk", "o'neil@example.com", NULL };
	static const char *const email_bad[] = { "ada", "ada@", "@example.org",
	    "ada@example", NULL };
	static const char *const files[] = { "complaint", "complaint.pdf",
	    "Affidavit_of_Adams-2024.pdf", "exhibit-A", "x", NULL };
	static const char *const files_bad[] = { "", "my file.pdf", "../etc/passwd",
	    "a;b.pdf", NULL };

	for (int i = 0; i < 2; i++) {
		const char *court = i ? "cook:cd1" : "adams";
		check_rule(court, "PartyFirstName", first, name_bad);
		check_rule(court, "PartyLastName", last, name_bad);
		check_rule(court, "PartyMiddleName", middle, NULL);
		check_rule(court, "PartyNameSuffix", suffix, NULL);
		check_rule(court, "PartyPhone", phone, phone_bad);
		check_rule(court, "PartyEmail", email, email_bad);
		check_rule(court, "OriginalFileName", files, files_bad);
	}
	/* No phone and no e-mail are allowed: neither field is required. */
	struct hres r;
	get(&r, ADAMS "/datafields/PartyPhone", 200);
	ck_assert_str_eq(jplain(r.json, "isrequired"), "false");
	hres_free(&r);
	get(&r, ADAMS "/datafields/PartyEmail", 200);
	ck_assert_str_eq(jplain(r.json, "isrequired"), "false");
	hres_free(&r);
	get(&r, ADAMS "/datafields/PartyMiddleName", 200);
	ck_assert_str_eq(jplain(r.json, "isrequired"), "false");
	hres_free(&r);
	/* Massachusetts has the same rules through its court 0. */
	get(&r, MA "/courts/housing:boston/datafields/PartyFirstName", 200);
	ck_assert_str_eq(jget(r.json, "location"), "0");
	ck_assert_str_eq(jplain(r.json, "isrequired"), "true");
	hres_free(&r);
}
END_TEST

START_TEST(search)
{
	struct hres r;

	ck_assert_int_eq(get_list(&r, IL "/case_types?search=small"), 2);
	ck_assert(has_string(r.json, "Small Claims - $1,500 or less"));
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, IL "/categories?search=EVICT"), 1);
	ck_assert_str_eq(jget(r.json, "0"), "Eviction");
	hres_free(&r);
	ck_assert_int_ge(get_list(&r, IL "/categories"), 4);
	hres_free(&r);
	/* LIKE's own characters are literal. */
	ck_assert_int_eq(get_list(&r, IL "/filing_types?search=%25"), 0);
	hres_free(&r);
	ck_assert_int_ge(get_list(&r, IL "/party_types?search=plain"), 1);
	ck_assert(has_string(r.json, "Plaintiff"));
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, MA "/optional_services?search=constable"), 1);
	hres_free(&r);

	ck_assert_int_eq(get_list(&r, IL "/filing_types/Small%20Claims%20Complaint"), 8);
	ck_assert_str_eq(jget(r.json, "0.code"), "143129");
	ck_assert_str_eq(jget(r.json, "0.location"), "adams");
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, MA "/categories/Summary%20Process"), 2);
	hres_free(&r);
	ck_assert_int_eq(get_list(&r, IL "/case_types/No%20Such%20Type"), 0);
	hres_free(&r);
	get(&r, IL "/widgets?search=x", 404);
	assert_cors(&r);
	char *h = hres_header(&r, "Access-Control-Allow-Origin");
	/* One header, not two. */
	ck_assert_ptr_null(strstr(r.headers, "Access-Control-Allow-Origin: *\r\n"
	    "Access-Control-Allow-Origin"));
	free(h);
	hres_free(&r);
}
END_TEST

START_TEST(cors_preflight_head_and_bad_paths)
{
	struct hres r;
	static const char *const paths[] = { IL, IL "/courts",
	    ADAMS "/categories", ADAMS "/datafields/PartyPhone",
	    IL "/anything/at/all" };

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		const char *h[] = { "Origin: https://interview.example.org",
		    "Access-Control-Request-Method: GET", NULL };
		ck_assert_int_eq(http(&r, "OPTIONS", paths[i], h, NULL, 0), 0);
		ck_assert_int_eq(r.status, 200);
		assert_cors(&r);
		char *m = hres_header(&r, "Access-Control-Allow-Methods");
		ck_assert_ptr_nonnull(m);
		ck_assert_ptr_nonnull(strstr(m, "GET"));
		ck_assert_ptr_nonnull(strstr(m, "OPTIONS"));
		free(m);
		char *ah = hres_header(&r, "Access-Control-Allow-Headers");
		ck_assert_ptr_nonnull(ah);
		ck_assert_ptr_nonnull(strstr(ah, "content-type"));
		free(ah);
		hres_free(&r);
	}

	/* HEAD routes to GET: same status and headers, no body. */
	ck_assert_int_eq(http(&r, "HEAD", IL "/courts", NULL, NULL, 0), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(r.len, 0);
	assert_cors(&r);
	hres_free(&r);
	ck_assert_int_eq(http(&r, "HEAD", IL "/courts/nowhere/codes", NULL, NULL, 0), 0);
	ck_assert_int_eq(r.status, 404);
	hres_free(&r);
	ck_assert_int_eq(http(&r, "HEAD", "/jurisdictions", NULL, NULL, 0), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(r.len, 0);
	hres_free(&r);

	/* Codes are read-only. */
	ck_assert_int_eq(http(&r, "POST", IL "/courts", NULL, "{}", 2), 0);
	ck_assert_int_eq(r.status, 405);
	hres_free(&r);
	ck_assert_int_eq(http(&r, "DELETE", ADAMS "/codes", NULL, NULL, 0), 0);
	ck_assert_int_eq(r.status, 405);
	hres_free(&r);
	/* Unknown paths under codes: 404, still readable by a browser. */
	get(&r, ADAMS "/no_such_list", 404);
	assert_cors(&r);
	hres_free(&r);
	get(&r, ADAMS "/filing_types/143127/no_such", 404);
	assert_cors(&r);
	hres_free(&r);
	get(&r, "/jurisdictions/illinois/codes//courts", 404);
	hres_free(&r);
	/* Percent-encoded court ids decode like raw ones. */
	get(&r, IL "/courts/cook%3Acd1/codes", 200);
	ck_assert_str_eq(jget(r.json, "code"), "cook:cd1");
	hres_free(&r);
	/* The real client sends JSON headers and its tokens on public calls. */
	const char *hdrs[] = { "Content-type: application/json",
	    "Accept: application/json", "X-API-KEY: whatever",
	    "TYLER-TOKEN-ILLINOIS: a@b.org:secret", NULL };
	ck_assert_int_eq(http(&r, "GET", IL "/courts?fileable_only=True", hdrs,
	    NULL, 0), 0);
	ck_assert_int_eq(r.status, 200);
	hres_free(&r);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("filings");
	TCase *t = tcase_create("filings");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, root_about_jurisdictions);
	tcase_add_test(t, jurisdiction_index);
	tcase_add_test(t, codes_index);
	tcase_add_test(t, courts_list);
	tcase_add_test(t, court_index_and_record);
	tcase_add_test(t, unknown_court);
	tcase_add_test(t, categories);
	tcase_add_test(t, case_types);
	tcase_add_test(t, party_types);
	tcase_add_test(t, cross_references);
	tcase_add_test(t, filing_types);
	tcase_add_test(t, filing_type_children);
	tcase_add_test(t, court_lists);
	tcase_add_test(t, states_and_disclaimers);
	tcase_add_test(t, datafields);
	tcase_add_test(t, rules_accept_real_filers);
	tcase_add_test(t, search);
	tcase_add_test(t, cors_preflight_head_and_bad_paths);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
