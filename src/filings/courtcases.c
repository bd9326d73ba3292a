/*
 * The cases service (efsp-proxy.md section 8) over the court cases that
 * accepted filings opened (sql/017): search by docket number or party
 * name, one case, the service contacts the caller's firm attached to a
 * case (now, and every attach and detach), and the cases a contact is
 * attached to. A case is answered in the reference's ECF shape, each JAXB
 * element as Jackson writes it ({name, declaredType, value}), with what
 * its real client reads (docassemble-EFSPIntegration's conversions.py):
 * caseTrackingID, caseDocketID, caseTitleText, caseCategoryText and
 * activityDateRepresentation, and in rest[1], Tyler's augmentation,
 * caseTypeText and caseParticipant (persons with personName and
 * personOtherIdentification, businesses with organizationName).
 *
 * Every filer may search and read every case of the jurisdiction, as
 * Tyler lets them; service information shows only the caller's firm's
 * contacts. A court's protected case types show its replacement text as
 * type and category, in searches as well as when the case is read.
 *
 * Statuses: 200 (a search that matches nothing is [], never 204); 400 for
 * a search with nothing to search by or a bad parameter, and for court
 * "1" unless its data field AdvancedSearchLocationAllLocations is
 * visible; 401 empty for a missing or bad token; 404 for an unknown court
 * (text "{c} not in available courts to search", or for one case
 * "No court {c}"), case or service contact; 405, empty, always for a
 * case's documents (Tyler serves none).
 */
#include <stdlib.h>
#include <string.h>

#include "../lib/db.h"
#include "../lib/efile.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "filings.h"

#define CASES_MAX	200	/* cases in one answer */

#define NS_ECF	"urn:oasis:names:tc:legalxml-courtfiling:schema:xsd:"
#define NS_NC	"http://niem.gov/niem/niem-core/2.0"
#define PKG_ECF	"oasis.names.tc.legalxml_courtfiling.schema.xsd."
#define PKG_NC	"gov.niem.niem.niem_core._2."

/* The case columns, then one party's (NULL when the case has none). */
enum case_col {
	CC_ID, CC_UUID, CC_DOCKET, CC_TITLE, CC_CATEGORY, CC_TYPE, CC_COURT,
	CC_COURT_NAME, CC_PROTECTS, CC_PROTECTED, CC_REPLACEMENT, CC_ECF,
	CC_MS, CC_P_UUID, CC_P_TYPE, CC_P_BUSINESS, CC_P_FIRST, CC_P_MIDDLE,
	CC_P_LAST, CC__MAX
};

/*
 * One query shape for every list of cases: the cases that cond (binding
 * its own parameters after jurisdiction, all-courts flag and court) picks,
 * newest first, at most CASES_MAX, each with its parties, in one round
 * trip.
 */
#define CASES_SQL "SELECT c.id, c.uuid, c.docket_number, c.title, c.category, " \
	"c.case_type, c.court, fc.name, fc.hasprotectedcasetypes, " \
	"fc.protectedcasetypes, fc.protectedcasereplacementstring, " \
	"k.ecfcasetype, TIMESTAMPDIFF(MICROSECOND, '1970-01-01', c.created_at) " \
	"DIV 1000, p.uuid, p.party_type, p.is_business, p.first_name, " \
	"p.middle_name, p.last_name FROM (SELECT * FROM court_cases c WHERE " \
	"c.jurisdiction = ? AND (? = 1 OR c.court = ?) AND %s ORDER BY " \
	"c.created_at DESC, c.id DESC LIMIT %d) c JOIN filing_courts fc ON " \
	"fc.jurisdiction = c.jurisdiction AND fc.code = c.court LEFT JOIN " \
	"filing_categories k ON k.jurisdiction = c.jurisdiction AND " \
	"k.court = c.court AND k.code = c.category LEFT JOIN court_case_parties " \
	"p ON p.case_id = c.id ORDER BY c.created_at DESC, c.id DESC, p.id"

/* ECF 4's case elements, by the category's ecfcasetype; else CivilCase. */
static const struct {
	const char	*name;
	const char	*pkg;
} ecf_cases[] = {
	{ "CivilCase", "civilcase_4" },
	{ "DomesticCase", "domesticcase_4" },
	{ "AppellateCase", "appellatecase_4" },
	{ "BankruptcyCase", "bankruptcycase_4" },
	{ "CitationCase", "citationcase_4" },
	{ "CriminalCase", "criminalcase_4" },
	{ "JuvenileCase", "juvenilecase_4" },
};

/* The search parameters, each with its limit (the columns' sizes). */
static const struct {
	const char	*name;
	unsigned	 max;
} search_params[] = {
	{ "docket_number", 64 }, { "business_name", 400 },
	{ "first_name", 100 }, { "middle_name", 100 }, { "last_name", 100 },
};

/*
 * The service's GET endpoints, named by the reference's Java methods, for
 * its HATEOAS maps (public, as the reference's are). LINK_COURT: also in a
 * court's map, with the court filled in.
 */
static const struct link case_links[] = {
	{ "getAll", "/", NULL, 0 },
	{ "getCourts", "/courts", NULL, 0 },
	{ "getEndpointsUnderCourt", "/courts/{court_id}", NULL, LINK_COURT },
	{ "getCaseList", "/courts/{court_id}/cases",
	    "[docket_number, business_name, first_name, middle_name, last_name]",
	    LINK_COURT },
	{ "getCase", "/courts/{court_id}/cases/{case_tracking_id}", NULL,
	    LINK_COURT },
	{ "getDocument", "/courts/{court_id}/cases/{case_tracking_id}/documents",
	    NULL, LINK_COURT },
	{ "getServiceAttachCaseList",
	    "/courts/{court_id}/service-contacts/{service_contact_id}/cases", NULL,
	    LINK_COURT },
	{ "getServiceInformation",
	    "/courts/{court_id}/cases/{case_tracking_id}/service-information", NULL,
	    LINK_COURT },
	{ "getServiceInformationHistory", "/courts/{court_id}/cases/"
	    "{case_tracking_id}/service-information-history", NULL, LINK_COURT },
};

/* {"value": v}: Tyler's simple-content wrapper. */
static json_object *
jv(json_object *v)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "value", v);
	return o;
}

static json_object *
jvs(const char *s)
{
	return jv(jstr(s ? s : ""));
}

/* A JAXBElement as Jackson writes it, without its constant members. */
static json_object *
jelem(const char *name, const char *type, json_object *value)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "name", json_object_new_string(name));
	json_object_object_add(o, "declaredType", json_object_new_string(type));
	json_object_object_add(o, "value", value);
	return o;
}

/* An identification list: [{identificationID: {value: id}}, …]. */
static json_object *
ident(const char *id, const char *category)
{
	json_object *a = json_object_new_array(), *o = json_object_new_object();

	json_object_object_add(o, "identificationID", jvs(id));
	if (category != NULL)
		json_object_object_add(o, "identificationCategoryText",
		    jvs(category));
	json_object_array_add(a, o);
	return a;
}

/* Whether the court hides this case's type (comma list of codes). */
static int
protected_type(char **row)
{
	const char *list = row[CC_PROTECTED], *t = row[CC_TYPE];
	size_t n = strlen(t);

	if (row[CC_PROTECTS] == NULL || strcmp(row[CC_PROTECTS], "0") == 0)
		return 0;
	while (list && *list) {
		size_t k = strcspn(list, ",");
		if (k == n && strncmp(list, t, n) == 0)
			return 1;
		list += k + (list[k] == ',');
	}
	return 0;
}

/* One party as an ECF CaseParticipant. */
static json_object *
participant(char **row)
{
	json_object *v = json_object_new_object(), *who, *entity;

	if (strcmp(row[CC_P_BUSINESS], "0") != 0) {
		who = json_object_new_object();
		json_object_object_add(who, "organizationName",
		    jvs(row[CC_P_FIRST]));
		json_object *ids = json_object_new_object();
		json_object_object_add(ids, "identification",
		    ident(row[CC_P_UUID], NULL));
		json_object_object_add(who, "organizationIdentification",
		    jelem("{" NS_NC "}OrganizationIdentification",
		    PKG_NC "IdentificationListType", ids));
		entity = jelem("{" NS_ECF "CommonTypes-4.0}EntityOrganization",
		    PKG_ECF "commontypes_4.OrganizationType", who);
	} else {
		json_object *name = json_object_new_object();
		json_object_object_add(name, "personGivenName", jvs(row[CC_P_FIRST]));
		json_object_object_add(name, "personMiddleName",
		    jvs(row[CC_P_MIDDLE]));
		json_object_object_add(name, "personSurName", jvs(row[CC_P_LAST]));
		who = json_object_new_object();
		json_object_object_add(who, "personName", name);
		json_object_object_add(who, "personOtherIdentification",
		    ident(row[CC_P_UUID], "CASEPARTYID"));
		entity = jelem("{" NS_ECF "CommonTypes-4.0}EntityPerson",
		    PKG_ECF "commontypes_4.PersonType", who);
	}
	json_object_object_add(v, "caseParticipantRoleCode", jvs(row[CC_P_TYPE]));
	json_object_object_add(v, "entityRepresentation", entity);
	return jelem("{" NS_ECF "CommonTypes-4.0}CaseParticipant",
	    PKG_ECF "commontypes_4.CaseParticipantType", v);
}

/*
 * One case as an ECF case element; *parts is its (empty) participant
 * list, for the caller to fill.
 */
static json_object *
case_element(struct req *r, char **row, json_object **parts)
{
	size_t		 e = 0;
	int		 hidden = protected_type(row);
	const char	*mask = row[CC_REPLACEMENT] ? row[CC_REPLACEMENT] : "";
	json_object	*v = json_object_new_object();

	for (size_t i = 0; row[CC_ECF] != NULL && i < NCOLS(ecf_cases); i++)
		if (strcmp(ecf_cases[i].name, row[CC_ECF]) == 0)
			e = i;
	json_object_object_add(v, "caseTrackingID", jvs(row[CC_UUID]));
	json_object_object_add(v, "caseDocketID", jvs(row[CC_DOCKET]));
	json_object_object_add(v, "caseTitleText", jvs(row[CC_TITLE]));
	json_object_object_add(v, "caseCategoryText",
	    jvs(hidden ? mask : row[CC_CATEGORY]));

	json_object *date = json_object_new_object();
	json_object_object_add(date, "dateRepresentation",
	    jelem("{" NS_NC "}DateTime", "gov.niem.niem.proxy.xsd._2.DateTime",
	    jv(json_object_new_int64(strtoll(row[CC_MS], NULL, 10)))));
	json_object_object_add(v, "activityDateRepresentation",
	    jelem("{" NS_NC "}ActivityDate", PKG_NC "DateType", date));

	json_object *court = json_object_new_object(), *ids;
	json_object_object_add(court, "courtName", jvs(row[CC_COURT_NAME]));
	ids = json_object_new_object();
	json_object_object_add(ids, "identification", ident(row[CC_COURT], NULL));
	json_object_object_add(court, "organizationIdentification",
	    jelem("{" NS_NC "}OrganizationIdentification",
	    PKG_NC "IdentificationListType", ids));
	json_object *ecf = json_object_new_object();
	json_object_object_add(ecf, "caseCourt", court);

	json_object *tyler = json_object_new_object();
	json_object_object_add(tyler, "caseTypeText",
	    jvs(hidden ? mask : row[CC_TYPE]));
	*parts = json_object_new_array();
	json_object_object_add(tyler, "caseParticipant", *parts);

	json_object *rest = json_object_new_array();
	json_object_array_add(rest, jelem("{" NS_ECF "CommonTypes-4.0}"
	    "CaseAugmentation", PKG_ECF "commontypes_4.CaseAugmentationType", ecf));
	json_object_array_add(rest, jelem("{urn:tyler:ecf:extensions:Common}"
	    "CaseAugmentation", "tyler.ecf.extensions.common.CaseAugmentationType",
	    tyler));
	json_object_object_add(v, "rest", rest);
	return jelem(arena_printf(&r->a, "{" NS_ECF "%s-4.0}%s",
	    ecf_cases[e].name, ecf_cases[e].name), arena_printf(&r->a,
	    PKG_ECF "%s.%sType", ecf_cases[e].pkg, ecf_cases[e].name), v);
}

/*
 * The cases cond picks (see CASES_SQL) as a list of case elements, or
 * NULL after a database error.
 */
static json_object *
cases_list(struct req *r, const char *j, const char *court, int all,
    const char *cond, const struct dbp *extra, size_t nextra)
{
	struct dbp	 p[8];
	char		**row;
	long long	 prev = -1;
	json_object	*a, *parts = NULL;

	p[0] = (struct dbp){ 's', j, 0, 0 };
	p[1] = (struct dbp){ 'i', NULL, 0, all };
	p[2] = (struct dbp){ 's', court, 0, 0 };
	for (size_t i = 0; i < nextra && i + 3 < NCOLS(p); i++)
		p[3 + i] = extra[i];
	struct dbq *q = db_runp(&r->a, arena_printf(&r->a, CASES_SQL, cond,
	    CASES_MAX), p, 3 + nextra);
	if (q == NULL)
		return NULL;
	a = json_object_new_array();
	while ((row = db_next(q)) != NULL) {
		long long id = strtoll(row[CC_ID], NULL, 10);
		if (id != prev) {
			json_object_array_add(a, case_element(r, row, &parts));
			prev = id;
		}
		if (row[CC_P_UUID] != NULL)
			json_object_array_add(parts, participant(row));
	}
	db_done(q);
	if (db_last() != DB_OK) {
		json_object_put(a);
		return NULL;
	}
	return a;
}

/* GET …/cases: the service's map. */
int
cases_index_get(struct req *r)
{
	const char *j;

	if ((j = juris(r, 0)) == NULL)
		return r->status;
	return resp_json(r, 200, link_map(r, arena_printf(&r->a,
	    "/jurisdictions/%s/cases", j), case_links, NCOLS(case_links), 0,
	    NULL));
}

/* GET …/cases/courts: every court's code, as the reference lists them. */
int
cases_courts_get(struct req *r)
{
	const char *j;

	if ((j = juris(r, 0)) == NULL)
		return r->status;
	return strings_answer(r, db_run(&r->a, "SELECT code FROM filing_courts "
	    "WHERE jurisdiction = ? ORDER BY code", "s", j));
}

/* GET …/cases/courts/{c}: the court's map; 404 for an unknown court. */
int
cases_court_get(struct req *r)
{
	const char	*j, *c = r->params[1];
	char		**row;

	if ((j = juris(r, 0)) == NULL)
		return r->status;
	row = db_one(&r->a, "SELECT code FROM filing_courts WHERE jurisdiction = ? "
	    "AND code = ?", "ss", j, c);
	if (row == NULL)
		return db_last() != DB_OK ? http_db_error(r) :
		    http_error(r, 404, arena_printf(&r->a,
		    "%s not in available courts to search", c));
	const char *subst[] = { "court_id", row[0], NULL };
	return resp_json(r, 200, link_map(r, arena_printf(&r->a,
	    "/jurisdictions/%s/cases", j), case_links, NCOLS(case_links),
	    LINK_COURT, subst));
}

/*
 * The common start: the filer (401 when missing), the court of path
 * parameter 1 (404 with unknown_fmt's text), and for court "1" whether it
 * may stand for every court. Returns 0, or the status rendered.
 */
static int
court_ctx(struct req *r, const char *unknown_fmt, const char **j,
    struct filer *f, int *all)
{
	const char	*c = r->params[1];
	char		**row;
	int		 st;

	*all = 0;
	if ((st = firm_caller(r, 401, j, f)) != 0)
		return st;
	row = db_one(&r->a, "SELECT code FROM filing_courts WHERE jurisdiction = ? "
	    "AND code = ?", "ss", *j, c);
	if (row == NULL)
		return db_last() != DB_OK ? http_db_error(r) :
		    http_error(r, 404, arena_printf(&r->a, unknown_fmt, c));
	if (strcmp(c, "1") != 0)
		return 0;
	row = db_one(&r->a, "SELECT isvisible FROM filing_datafields WHERE "
	    "jurisdiction = ? AND court IN ('1', '0') AND code = "
	    "'AdvancedSearchLocationAllLocations' ORDER BY court DESC LIMIT 1",
	    "s", *j);
	if (row == NULL && db_last() != DB_OK)
		return http_db_error(r);
	if (row == NULL || strcmp(row[0], "0") == 0)
		return http_error(r, 400, "Can't search all locations");
	*all = 1;
	return 0;
}

/* The court's case named by path parameter 2: its row id, or 0 (404). */
static long long
case_in_court(struct req *r, const char *j, int all)
{
	const char	*c = r->params[1], *id = r->params[2];
	char		**row = NULL;

	if (uuid_valid(id))
		row = db_one(&r->a, "SELECT id FROM court_cases WHERE uuid = ? AND "
		    "jurisdiction = ? AND (? = 1 OR court = ?)", "ssis", id, j,
		    (long long)all, c);
	if (row == NULL) {
		if (uuid_valid(id) && db_last() != DB_OK)
			http_db_error(r);
		else
			http_error(r, 404, arena_printf(&r->a, "No case %s in "
			    "court %s", id, c));
		return 0;
	}
	return strtoll(row[0], NULL, 10);
}

/*
 * GET …/cases/courts/{c}/cases?docket_number= | first_name=&last_name=
 * [&middle_name=] | business_name=, in that order of preference, as the
 * reference picks. Names match whole, in any case; an empty middle name
 * matches any.
 */
int
cases_search_get(struct req *r)
{
	const char	*j, *v[NCOLS(search_params)];
	struct filer	 f;
	int		 all, st, bad;

	if ((st = court_ctx(r, "%s not in available courts to search", &j, &f,
	    &all)) != 0)
		return st;
	for (size_t i = 0; i < NCOLS(search_params); i++) {
		v[i] = qstr(r, search_params[i].name);
		size_t n = v[i] ? utf8_len(v[i], strlen(v[i]), &bad) : 0;
		if (v[i] != NULL && bad)
			return http_error(r, 400, arena_printf(&r->a,
			    "%s: not valid UTF-8", search_params[i].name));
		if (n > search_params[i].max)
			return http_error(r, 400, arena_printf(&r->a, "%s: at most "
			    "%u characters", search_params[i].name,
			    search_params[i].max));
	}
	const char *docket = v[0], *business = v[1], *first = v[2];
	const char *middle = v[3] ? v[3] : "", *last = v[4];
	json_object *a;
	if (docket != NULL) {
		struct dbp p[] = { { 's', docket, 0, 0 } };
		a = cases_list(r, j, r->params[1], all, "c.docket_number = ?", p,
		    NCOLS(p));
	} else if (first != NULL && last != NULL) {
		struct dbp p[] = {
			{ 's', first, 0, 0 }, { 's', last, 0, 0 },
			{ 's', middle, 0, 0 }, { 's', middle, 0, 0 },
		};
		a = cases_list(r, j, r->params[1], all, "EXISTS (SELECT 1 FROM "
		    "court_case_parties q WHERE q.case_id = c.id AND "
		    "q.is_business = 0 AND q.first_name = ? AND q.last_name = ? AND "
		    "(? = '' OR q.middle_name = ?))", p, NCOLS(p));
	} else if (business != NULL) {
		struct dbp p[] = { { 's', business, 0, 0 } };
		a = cases_list(r, j, r->params[1], all, "EXISTS (SELECT 1 FROM "
		    "court_case_parties q WHERE q.case_id = c.id AND "
		    "q.is_business = 1 AND q.first_name = ?)", p, NCOLS(p));
	} else
		return http_error(r, 400, "Pass in something to search by");
	return a == NULL ? http_db_error(r) : resp_json(r, 200, a);
}

/* GET …/cases/courts/{c}/cases/{id}: the case element alone. */
int
case_get(struct req *r)
{
	const char	*j;
	struct filer	 f;
	int		 all, st;

	if ((st = court_ctx(r, "No court %s", &j, &f, &all)) != 0)
		return st;
	if (!uuid_valid(r->params[2]))
		return http_error(r, 404, arena_printf(&r->a, "No case %s in "
		    "court %s", r->params[2], r->params[1]));
	struct dbp p[] = { { 's', r->params[2], 0, 0 } };
	json_object *a = cases_list(r, j, r->params[1], all, "c.uuid = ?", p,
	    NCOLS(p));
	if (a == NULL)
		return http_db_error(r);
	if (json_object_array_length(a) == 0) {
		json_object_put(a);
		return http_error(r, 404, arena_printf(&r->a, "No case %s in "
		    "court %s", r->params[2], r->params[1]));
	}
	json_object *one = json_object_get(json_object_array_get_idx(a, 0));
	json_object_put(a);
	return resp_json(r, 200, one);
}

/* GET …/cases/{id}/documents: Tyler serves no case documents. */
int
case_documents_get(struct req *r)
{
	if (juris(r, 0) == NULL)
		return r->status;
	return http_bare(r, 405);
}

/*
 * The caller's firm's contacts on a case, now (history 0) or every
 * attach and detach, oldest first (history 1): each contact as the
 * service-contacts list shows it, with casePartyID (null: the whole
 * case), and for the history action and actionDate.
 */
static int
case_service(struct req *r, int history)
{
	const char	*j;
	struct filer	 f;
	char		**row;
	int		 all, st;

	if ((st = court_ctx(r, "No court %s", &j, &f, &all)) != 0)
		return st;
	long long cid = case_in_court(r, j, all);
	if (cid == 0)
		return r->status;
	const char *from = history ? "service_contact_case_events x" :
	    "service_contact_cases x";
	const char *extra = history ? ", x.action, x.created_at" : "";
	struct dbq *q = db_run(&r->a, arena_printf(&r->a, "%s, p.uuid%s FROM %s "
	    "JOIN service_contacts t ON t.id = x.contact_id JOIN firms f ON "
	    "f.id = t.firm_id LEFT JOIN court_case_parties p ON "
	    "p.id = x.case_party_id WHERE x.court_case_id = ? AND "
	    "t.firm_id = ? ORDER BY x.id LIMIT 1000", contact_select(r), extra,
	    from), "ii", cid, f.firm_id);
	if (q == NULL)
		return http_db_error(r);
	size_t w = contact_width();
	json_object *a = json_object_new_array();
	while ((row = db_next(q)) != NULL) {
		json_object *o = contact_object(row);
		json_object_object_add(o, "casePartyID", jstr(row[w]));
		if (history) {
			char iso[40];
			db_time_iso(row[w + 2], iso, sizeof(iso));
			json_object_object_add(o, "action", jstr(row[w + 1]));
			json_object_object_add(o, "actionDate", jstr(iso));
		}
		json_object_array_add(a, o);
	}
	db_done(q);
	if (db_last() != DB_OK) {
		json_object_put(a);
		return http_db_error(r);
	}
	return resp_json(r, 200, a);
}

int
case_service_get(struct req *r)
{
	return case_service(r, 0);
}

int
case_service_history_get(struct req *r)
{
	return case_service(r, 1);
}

/*
 * GET …/cases/courts/{c}/service-contacts/{sc}/cases: the court's cases
 * the caller's contact is attached to, as a search lists them.
 */
int
contact_cases_get(struct req *r)
{
	const char	*j;
	struct filer	 f;
	int		 all, st;

	if ((st = court_ctx(r, "%s not in available courts to search", &j, &f,
	    &all)) != 0)
		return st;
	long long contact = contact_row_id(r, &f, r->params[2], 0);
	if (contact == 0)
		return r->status;
	struct dbp p[] = { { 'i', NULL, 0, contact } };
	json_object *a = cases_list(r, j, r->params[1], all, "c.id IN (SELECT "
	    "court_case_id FROM service_contact_cases WHERE contact_id = ?)", p,
	    NCOLS(p));
	return a == NULL ? http_db_error(r) : resp_json(r, 200, a);
}
