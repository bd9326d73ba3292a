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
#define FR	J "/filingreview/courts/{}"
/* A payload names its documents by URL; 4 MiB of JSON is plenty. */
#define DOC_BODY	(4u << 20)

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
	/* API key at the gate; bodies are small (64 KiB); writes in one
	 * transaction; service-contacts/public before service-contacts/{}.
	 * The services' maps and the court list are public. */
	{ "GET",    J "/firmattorneyservice", firm_index_get, 0, 0, 1 << 16 },
	{ "GET",    J "/cases", cases_index_get, 0, 0, 1 << 16 },
	{ "GET",    J "/cases/courts", cases_courts_get, 0, 0, 1 << 16 },
	{ "GET",    J "/cases/courts/{}", cases_court_get, 0, 0, 1 << 16 },
	{ "GET",    J "/firmattorneyservice/firm", firm_get, R_APIKEY, 0, 1 << 16 },
	{ "PATCH",  J "/firmattorneyservice/firm", firm_patch,
	    R_APIKEY | R_TX, 0, 1 << 16 },
	{ "GET",    J "/firmattorneyservice/attorneys", attorneys_get, R_APIKEY, 0,
	    1 << 16 },
	{ "POST",   J "/firmattorneyservice/attorneys", attorney_post,
	    R_APIKEY | R_TX, 0, 1 << 16 },
	{ "GET",    J "/firmattorneyservice/attorneys/{}", attorney_get, R_APIKEY,
	    0, 1 << 16 },
	{ "PATCH",  J "/firmattorneyservice/attorneys/{}", attorney_patch,
	    R_APIKEY | R_TX, 0, 1 << 16 },
	{ "DELETE", J "/firmattorneyservice/attorneys/{}", attorney_delete,
	    R_APIKEY | R_TX, 0, 1 << 16 },
	{ "GET",    J "/firmattorneyservice/service-contacts", contacts_get,
	    R_APIKEY, 0, 1 << 16 },
	{ "POST",   J "/firmattorneyservice/service-contacts", contact_post,
	    R_APIKEY | R_TX, 0, 1 << 16 },
	{ "GET",    J "/firmattorneyservice/service-contacts/public",
	    contacts_public_get, R_APIKEY, 0, 1 << 16 },
	{ "GET",    J "/firmattorneyservice/service-contacts/{}", contact_get,
	    R_APIKEY, 0, 1 << 16 },
	{ "PATCH",  J "/firmattorneyservice/service-contacts/{}", contact_patch,
	    R_APIKEY | R_TX, 0, 1 << 16 },
	{ "DELETE", J "/firmattorneyservice/service-contacts/{}", contact_delete,
	    R_APIKEY | R_TX, 0, 1 << 16 },
	{ "PUT",    J "/firmattorneyservice/service-contacts/{}/cases",
	    contact_attach, R_APIKEY | R_TX, 0, 1 << 16 },
	{ "DELETE", J "/firmattorneyservice/service-contacts/{}/cases/{}",
	    contact_detach, R_APIKEY | R_TX, 0, 1 << 16 },
	{ "GET",    J "/cases/courts/{}/cases", cases_search_get, R_APIKEY, 0,
	    1 << 16 },
	{ "GET",    J "/cases/courts/{}/cases/{}", case_get, R_APIKEY, 0, 1 << 16 },
	{ "GET",    J "/cases/courts/{}/cases/{}/documents", case_documents_get,
	    R_APIKEY, 0, 1 << 16 },
	{ "GET",    J "/cases/courts/{}/cases/{}/service-information",
	    case_service_get, R_APIKEY, 0, 1 << 16 },
	{ "GET",    J "/cases/courts/{}/cases/{}/service-information-history",
	    case_service_history_get, R_APIKEY, 0, 1 << 16 },
	{ "GET",    J "/cases/courts/{}/service-contacts/{}/cases",
	    contact_cases_get, R_APIKEY, 0, 1 << 16 },
	/* end firmattorneyservice and cases */

	/* filingreview (review.c) */
	{ "GET",    J "/filingreview/courts",       review_courts_get, 0, 0, 0 },
	{ "GET",    FR,                             review_court_get,  0, 0, 0 },
	{ "POST",   FR "/filing/fees",              filing_fees_post,  R_APIKEY, 0, DOC_BODY },
	{ "GET",    FR "/filing/check",             filing_check,      R_APIKEY, 0, DOC_BODY },
	{ "POST",   FR "/filing/check",             filing_check,      R_APIKEY, 0, DOC_BODY },
	{ "GET",    FR "/filing/servicetypes",      servicetypes_get,  R_APIKEY, 0, DOC_BODY },
	{ "POST",   FR "/filing/status",            legacy_status_post, 0, 0, 0 },
	{ "POST",   FR "/filings",                  filings_post,      R_APIKEY | R_TX, 0, DOC_BODY },
	{ "GET",    FR "/filings",                  filings_get,       R_APIKEY, 0, 0 },
	{ "GET",    FR "/filings/{}",               filing_get,        R_APIKEY, 0, 0 },
	{ "DELETE", FR "/filings/{}",               filing_delete,     R_APIKEY | R_TX, 0, 0 },
	{ "GET",    FR "/filings/{}/status",        filing_status_get, R_APIKEY, 0, 0 },
	{ "GET",    FR "/filings/{}/service/{}",    filing_service_get, R_APIKEY, 0, 0 },
	{ "POST",   FR "/filings/{}/review",        filing_review_post,
	    R_JSON | R_TX, SCOPE_ADMIN, 0 },
	{ "GET",    FR "/policy",                   policy_get,        R_APIKEY, 0, 0 },
	/* end filingreview */

	{ "GET", J "/codes/{}",               search_names_get,  0, 0, 0 },
	{ "GET", J "/codes/{}/{}",            search_retrieve_get, 0, 0, 0 },
	{ "GET", J "/codes/{*}",              codes_not_found,   0, 0, 0 },
	{ "OPTIONS", J "/codes",              codes_options,     0, 0, 0 },
	{ "OPTIONS", J "/codes/{*}",          codes_options,     0, 0, 0 },
};

static const struct app filings_app = {
	"filings", routes, sizeof(routes) / sizeof(routes[0]), ERR_TEXT, NULL,
	NULL
};

int
main(void)
{
	return cg_main(&filings_app);
}
