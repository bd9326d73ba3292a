/*
 * The filings family: the EFSP proxy's REST surface (efsp-proxy.md). One
 * route table; the indexes live in index.c, the codes service in codes.c
 * (maps, courts, CORS), lists.c (per-court tables) and search.c
 * (cross-court search). Errors are plain text (ERR_TEXT) as the
 * reference's are, except where the reference answers a JSON string
 * (codes' "Court x does not exist"). Everything here is public: no API key.
 *
 * Order matters where patterns overlap: the fixed codes paths come before
 * the search patterns codes/{kind}[/{name}], and the catch-all 404 (which
 * still carries the CORS header) comes last.
 */
#include "../lib/http.h"
#include "filings.h"

#define J	"/jurisdictions/{}"
#define C	J "/codes/courts/{}"

static const struct route routes[] = {
	{ "GET", "/",                         root_get,          0, 0, 0 },
	{ "GET", "/about",                    about_get,         0, 0, 0 },
	{ "GET", "/jurisdictions",            jurisdictions_get, 0, 0, 0 },
	{ "GET", J,                           jurisdiction_get,  0, 0, 0 },

	{ "GET", J "/codes",                  codes_index_get,   0, 0, 0 },
	{ "GET", J "/codes/courts",           courts_get,        0, 0, 0 },
	{ "GET", C,                           court_index_get,   0, 0, 0 },
	{ "GET", C "/codes",                  court_codes_get,   0, 0, 0 },
	{ "GET", C "/categories",             categories_get,    0, 0, 0 },
	{ "GET", C "/categories/{}",          category_get,      0, 0, 0 },
	{ "GET", C "/case_types",             case_types_get,    0, 0, 0 },
	{ "GET", C "/case_types/{}",          case_type_get,     0, 0, 0 },
	{ "GET", C "/case_types/{}/case_subtypes", case_subtypes_get, 0, 0, 0 },
	{ "GET", C "/case_types/{}/party_types", case_party_types_get, 0, 0, 0 },
	{ "GET", C "/case_types/{}/party_types/{}", case_party_type_get, 0, 0, 0 },
	{ "GET", C "/case_types/{}/cross_references", cross_references_get, 0, 0, 0 },
	/* The reference's deprecated spelling, still served. */
	{ "GET", C "/casetypes/{}/cross_references", cross_references_get, 0, 0, 0 },
	{ "GET", C "/filing_types",           filing_types_get,  0, 0, 0 },
	{ "GET", C "/filing_types/{}",        filing_type_get,   0, 0, 0 },
	{ "GET", C "/filing_types/{}/document_types", document_types_get, 0, 0, 0 },
	{ "GET", C "/filing_types/{}/motion_types", motion_types_get, 0, 0, 0 },
	{ "GET", C "/filing_types/{}/filing_components", filing_components_get, 0, 0, 0 },
	{ "GET", C "/filing_types/{}/optional_services",
	    filing_optional_services_get, 0, 0, 0 },
	{ "GET", C "/party_types",            party_types_get,   0, 0, 0 },
	{ "GET", C "/party_types/{}",         party_type_get,    0, 0, 0 },
	{ "GET", C "/service_types",          service_types_get, 0, 0, 0 },
	{ "GET", C "/procedures_or_remedies", procedures_get,    0, 0, 0 },
	{ "GET", C "/damage_amounts",         damage_amounts_get, 0, 0, 0 },
	{ "GET", C "/filer_types",            filer_types_get,   0, 0, 0 },
	{ "GET", C "/name_suffixes",          name_suffixes_get, 0, 0, 0 },
	{ "GET", C "/allowed_file_types",     allowed_file_types_get, 0, 0, 0 },
	{ "GET", C "/filing_statuses",        filing_statuses_get, 0, 0, 0 },
	{ "GET", C "/languages",              languages_get,     0, 0, 0 },
	{ "GET", C "/countries/{}/states",    states_get,        0, 0, 0 },
	{ "GET", C "/datafields",             datafields_get,    0, 0, 0 },
	{ "GET", C "/datafields/{}",          datafield_get,     0, 0, 0 },
	{ "GET", C "/optional_services/{}",   optional_service_get, 0, 0, 0 },
	{ "GET", C "/disclaimer_requirements", disclaimers_get,  0, 0, 0 },

	/* firmattorneyservice (firm.c) and cases (courtcases.c) */
	/* end firmattorneyservice and cases */

	/* filingreview (review.c) */
	/* end filingreview */

	{ "GET", J "/codes/{}",               search_names_get,  0, 0, 0 },
	{ "GET", J "/codes/{}/{}",            search_retrieve_get, 0, 0, 0 },
	{ "GET", J "/codes/{*}",              codes_not_found,   0, 0, 0 },
	{ "OPTIONS", J "/codes",              codes_options,     0, 0, 0 },
	{ "OPTIONS", J "/codes/{*}",          codes_options,     0, 0, 0 },
};

static const struct app filings_app = {
	"filings", routes, sizeof(routes) / sizeof(routes[0]), ERR_TEXT, NULL
};

int
main(void)
{
	return cg_main(&filings_app);
}
