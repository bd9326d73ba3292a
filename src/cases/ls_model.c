/*
 * What a matter holds, declared once: the field table (names, JSON types,
 * limits, what is required or read-only) that validates LegalServer bodies
 * and names the output, and beside it the column table saying where each
 * field lives in the case store: a column of the case, of its client (the
 * person with the client role, else its first person: the one person whose
 * client_of is the case's id, sql/031), a lookup value (by
 * id, in a column of either), a reference to a row of another table (the
 * intake or prescreen office or user), or nowhere (computed). The read, the
 * case UPDATE and the client's INSERT and UPDATE are built from those
 * tables once at start-up; a matter or a page of them is read in one
 * statement.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "legalserver.h"

/* ------------------------------------------------------------ field table */

#define TEXT(n, m)	{ .name = n, .type = FT_STRING, .flags = F_NULLABLE, .max = m }
#define DATE(n)		{ .name = n, .type = FT_DATE, .flags = F_NULLABLE }
#define LOOKUP(n)	{ .name = n, .type = FT_INT, .flags = F_NULLABLE }
/* False until set: a client row a write makes stores def when unnamed. */
#define BOOL(n)		{ .name = n, .type = FT_BOOL, .def = "0" }
#define NBOOL(n)	{ .name = n, .type = FT_BOOL, .flags = F_NULLABLE }
/* A count of people: a whole number, 0 to 999. */
#define COUNT(n)	{ .name = n, .type = FT_INT, .flags = F_NULLABLE, \
	.max = 999 }
#define RO(n, t)	{ .name = n, .type = t, .flags = F_READONLY }
#define WO(n, m)	{ .name = n, .type = FT_STRING, \
	.flags = F_NULLABLE | F_WRITEONLY, .max = m }

/* fields_parse keeps a bit per field. */
_Static_assert(M__MAX <= FIELDS_MAX, "a matter has more fields than fieldvals");

const struct field matter_fields[M__MAX] = {
	[M_CASE_ID] = RO("case_id", FT_INT),
	[M_MATTER_UUID] = RO("matter_uuid", FT_UUID),
	[M_CASE_NUMBER] = RO("case_number", FT_STRING),
	[M_CASE_TITLE] = TEXT("case_title", 255),
	[M_CAUSE_NUMBER] = TEXT("cause_number", 100),
	[M_CLIENT_FULL_NAME] = RO("client_full_name", FT_STRING),
	[M_PREFIX] = TEXT("prefix", 50),
	[M_FIRST] = TEXT("first", 100),
	[M_MIDDLE] = TEXT("middle", 100),
	[M_LAST] = TEXT("last", 100),
	[M_SUFFIX] = TEXT("suffix", 50),
	[M_IS_GROUP] = BOOL("is_group"),
	[M_ORG_NAME] = TEXT("organization_name", 255),
	[M_EMAIL] = { .name = "client_email_address", .type = FT_STRING,
	    .flags = F_NULLABLE, .max = 254, .check = check_email },
	[M_DOB] = DATE("date_of_birth"),
	[M_VETERAN] = NBOOL("veteran"),
	[M_DISABLED] = NBOOL("disabled"),
	[M_HOME_PHONE] = TEXT("home_phone", 64),
	[M_MOBILE_PHONE] = TEXT("mobile_phone", 64),
	[M_WORK_PHONE] = TEXT("work_phone", 64),
	[M_OTHER_PHONE] = TEXT("other_phone", 64),
	[M_ADDRESS_HOME] = RO("client_address_home", FT_JSON),
	[M_HOME_STREET] = WO("home_street", 255),
	[M_HOME_STREET_2] = WO("home_street_2", 255),
	[M_HOME_APT] = WO("home_apt_num", 50),
	[M_HOME_CITY] = WO("home_city", 100),
	[M_HOME_STATE] = WO("home_state", 50),
	[M_HOME_ZIP] = WO("home_zip", 16),
	[M_DISPOSITION] = { .name = "case_disposition", .type = FT_INT,
	    .flags = F_REQUIRED },
	[M_PRESCREEN] = BOOL("is_this_a_prescreen"),
	[M_LPC] = LOOKUP("legal_problem_code"),
	[M_LPCAT] = RO("legal_problem_category", FT_INT),
	[M_LANGUAGE] = LOOKUP("language"),
	[M_GENDER] = LOOKUP("client_gender"),
	[M_COUNTY] = LOOKUP("county_of_residence"),
	[M_INTAKE_OFFICE] = LOOKUP("intake_office"),
	[M_INTAKE_PROGRAM] = LOOKUP("intake_program"),
	[M_INTAKE_USER] = LOOKUP("intake_user"),
	[M_INTAKE_TYPE] = TEXT("intake_type", 100),
	[M_PRESCREEN_SS] = RO("prescreen_screening_status", FT_INT),
	[M_CASE_STATUS] = TEXT("case_status", 100),
	[M_CLOSE_REASON] = TEXT("close_reason", 255),
	[M_IMPACT] = BOOL("impact"),
	[M_DATE_OPENED] = DATE("date_opened"),
	[M_DATE_CLOSED] = DATE("date_closed"),
	[M_INTAKE_DATE] = DATE("intake_date"),
	[M_DATE_REJECTED] = DATE("date_rejected"),
	[M_REJECTED] = BOOL("rejected"),
	[M_REJECTION_REASON] = TEXT("rejection_reason", 500),
	[M_PRESCREEN_DATE] = DATE("prescreen_date"),
	[M_MARITAL] = LOOKUP("marital_status"),
	[M_CITIZENSHIP] = LOOKUP("citizenship"),
	[M_IMMIGRATION] = LOOKUP("immigration_status"),
	[M_RACE] = LOOKUP("race"),
	[M_ETHNICITY] = LOOKUP("ethnicity"),
	[M_A_NUMBER] = TEXT("a_number", 20),
	[M_VISA_NUMBER] = TEXT("visa_number", 50),
	[M_FAX_PHONE] = TEXT("fax_phone", 64),
	[M_PREFERRED_PHONE] = TEXT("preferred_phone_number", 64),
	[M_HOW_REFERRED] = LOOKUP("how_referred"),
	[M_SECOND_LANGUAGE] = LOOKUP("second_language"),
	[M_INTERPRETER] = BOOL("interpreter"),
	[M_COUNTY_DISPUTE] = LOOKUP("county_of_dispute"),
	[M_ADULTS] = COUNT("number_of_adults"),
	[M_CHILDREN] = COUNT("number_of_children"),
	[M_PAI] = BOOL("pai_case"),
	[M_RURAL] = BOOL("rural"),
	[M_LEAD_CASE] = BOOL("is_lead_case"),
	[M_PRESCREEN_OFFICE] = LOOKUP("prescreen_office"),
	[M_PRESCREEN_PROGRAM] = LOOKUP("prescreen_program"),
	[M_PRESCREEN_USER] = LOOKUP("prescreen_user"),
	[M_ADDRESS_MAILING] = RO("client_address_mailing", FT_JSON),
	[M_MAILING_STREET] = WO("mailing_street", 255),
	[M_MAILING_STREET_2] = WO("mailing_street_2", 255),
	[M_MAILING_APT] = WO("mailing_apt_num", 50),
	[M_MAILING_CITY] = WO("mailing_city", 100),
	[M_MAILING_STATE] = WO("mailing_state", 50),
	[M_MAILING_ZIP] = WO("mailing_zip", 16),
	[M_CLIENT_CONFLICT] = BOOL("client_conflict_status"),
	[M_AP_CONFLICT] = BOOL("adverse_party_conflict_status"),
	[M_CONFLICT_WAIVED] = BOOL("conflict_waived"),
	[M_AP_CONFLICT_WAIVED] = BOOL("ap_conflict_waived"),
	/* A percentage, DECIMAL(7,2): 0 to 10000, two decimals at most. */
	[M_POVERTY] = { .name = "percentage_of_poverty", .type = FT_DECIMAL,
	    .flags = F_NULLABLE, .max = 10000 },
	[M_HOME_PHONE_NOTE] = TEXT("home_phone_note", 255),
	[M_HOME_PHONE_SAFE] = BOOL("home_phone_safe"),
	[M_MOBILE_PHONE_NOTE] = TEXT("mobile_phone_note", 255),
	[M_MOBILE_PHONE_SAFE] = BOOL("mobile_phone_safe"),
	[M_WORK_PHONE_NOTE] = TEXT("work_phone_note", 255),
	[M_WORK_PHONE_SAFE] = BOOL("work_phone_safe"),
	[M_OTHER_PHONE_NOTE] = TEXT("other_phone_note", 255),
	[M_OTHER_PHONE_SAFE] = BOOL("other_phone_safe"),
	[M_FAX_PHONE_NOTE] = TEXT("fax_phone_note", 255),
	[M_FAX_PHONE_SAFE] = BOOL("fax_phone_safe"),
	[M_EXTERNAL_ID] = TEXT("external_id", 100),
	[M_CREATED] = RO("created_at", FT_DATETIME),
	[M_UPDATED] = RO("updated_at", FT_DATETIME),
	[M_UPDATE] = { .name = "update", .type = FT_JSON, .flags = F_WRITEONLY },
	[M_UPDATE_DATA] = { .name = "update_data", .type = FT_JSON,
	    .flags = F_WRITEONLY },
};

/* ------------------------------------------------------------ column table */

enum mstore {
	S_NONE,		/* computed or read-only */
	S_CASE,		/* a column of cases */
	S_LOOKUP,	/* a lookup value's id in a column of cases */
	S_PLOOKUP,	/* a lookup value's id in a column of the client */
	S_REF,		/* a row of another table (ref_kind) by id, ditto */
	S_PERSON,	/* a column of the client */
	S_NAME,		/* a part of the client's name */
	S_ADDRESS,	/* a part of the client's home address */
};

/*
 * What a reference field refers to (a row of another table by id) and how
 * LegalServer names one (spec section 6): a bare id, a bare string (the
 * column by_text), or an object with one of the members in[]; it reads as
 * the object out[], every member null when unset.
 */
struct ref_kind {
	const char	*what;		/* "office": "Unknown office" */
	const char	*table;
	const char	*by_text;	/* the column a bare string names */
	const char	*usable;	/* a row must also meet; NULL: any row */
	const char	*in[3][2];	/* object forms: member, column */
	const char	*out[4][2];	/* the object as read: member, column */
};

static const struct ref_kind office_ref = {
	"office", "offices", "name", "active = 1",
	{ { "office_id", "id" }, { "office_code", "office_code" },
	  { "office_name", "name" } },
	{ { "office_id", "id" }, { "office_uuid", "uuid" },
	  { "office_code", "office_code" }, { "office_name", "name" } },
};

/* user_name is the user's full_name, as GET /api/v2/users shows it. */
static const struct ref_kind user_ref = {
	"user", "users", "uuid", NULL,
	{ { "user_id", "id" }, { "user_uuid", "uuid" } },
	{ { "user_id", "id" }, { "user_uuid", "uuid" },
	  { "user_name", "full_name" } },
};

/* Where a write of a field goes: the case's UPDATE or the client's. */
static int
on_case(enum mstore s)
{
	return s == S_CASE || s == S_LOOKUP || s == S_REF;
}

static int
on_client(enum mstore s)
{
	return s == S_PERSON || s == S_PLOOKUP || s == S_NAME || s == S_ADDRESS;
}

struct matter_col {
	enum mstore	 store;
	const char	*column;	/* written */
	const char	*read;		/* its SELECT expression; NULL: not read
					   (S_REF: composed from the ref_kind) */
	const char	*lookup;	/* lookup table (also for S_NONE objects) */
	const char	*type_name;
	const struct ref_kind *ref;	/* S_REF */
};

#define LKT(col) "(SELECT JSON_OBJECT('id', l.id, 'name', l.name, 'uuid', " \
	"l.uuid, 'fips', l.fips, 'state', l.state) FROM ls_lookups l " \
	"WHERE l.id = " col ")"
#define LK(col) LKT("c." col)
#define PLK(col) LKT("p." col)
/* The home address parts are believed while they compose the address. */
#define ADDR_OK "(CAST(p.address AS BINARY) <=> CAST(NULLIF(CONCAT_WS(', ', " \
	"p.home_street, p.home_street_2, p.home_apt_num, p.home_city, " \
	"p.home_state), '') AS BINARY))"
/* A flag of the client's reads false when there is no client. */
#define PFLAG(col) "IFNULL(p." col ", 0)"

static const struct matter_col matter_cols[M__MAX] = {
	[M_CASE_ID] = { S_NONE, NULL, "c.id", NULL, NULL },
	[M_MATTER_UUID] = { S_NONE, NULL, "c.uuid", NULL, NULL },
	[M_CASE_NUMBER] = { S_NONE, NULL, "CONCAT(DATE_FORMAT(c.created_at, "
	    "'%y'), '-', LPAD(c.id, 7, '0'))", NULL, NULL },
	[M_CASE_TITLE] = { S_CASE, "case_title", "c.case_title", NULL, NULL },
	[M_CAUSE_NUMBER] = { S_CASE, "cause_number", "c.cause_number", NULL,
	    NULL },
	[M_CLIENT_FULL_NAME] = { S_NONE, NULL, "p.name", NULL, NULL },
	[M_PREFIX] = { S_PERSON, "prefix", "p.prefix", NULL, NULL },
	[M_FIRST] = { S_NAME, "name_first", "p.first_eff", NULL, NULL },
	[M_MIDDLE] = { S_NAME, "name_middle", "p.middle_eff", NULL, NULL },
	[M_LAST] = { S_NAME, "name_last", "p.last_eff", NULL, NULL },
	[M_SUFFIX] = { S_PERSON, "suffix", "p.suffix", NULL, NULL },
	[M_IS_GROUP] = { S_CASE, "is_group", "c.is_group", NULL, NULL },
	[M_ORG_NAME] = { S_CASE, "organization_name", "c.organization_name",
	    NULL, NULL },
	[M_EMAIL] = { S_PERSON, "email", "p.email", NULL, NULL },
	[M_DOB] = { S_PERSON, "date_of_birth", "p.date_of_birth", NULL, NULL },
	[M_VETERAN] = { S_PERSON, "veteran", "p.veteran", NULL, NULL },
	[M_DISABLED] = { S_PERSON, "disabled", "p.disabled", NULL, NULL },
	[M_HOME_PHONE] = { S_PERSON, "phone_number", "p.phone_number", NULL,
	    NULL },
	[M_MOBILE_PHONE] = { S_PERSON, "mobile_phone", "p.mobile_phone", NULL,
	    NULL },
	[M_WORK_PHONE] = { S_PERSON, "work_phone", "p.work_phone", NULL, NULL },
	[M_OTHER_PHONE] = { S_PERSON, "other_phone", "p.other_phone", NULL,
	    NULL },
	[M_ADDRESS_HOME] = { S_NONE, NULL, "JSON_OBJECT("
	    "'street', IF(" ADDR_OK ", p.home_street, p.address), "
	    "'street_2', IF(" ADDR_OK ", p.home_street_2, NULL), "
	    "'apt_num', IF(" ADDR_OK ", p.home_apt_num, NULL), "
	    "'city', IF(" ADDR_OK ", p.home_city, NULL), "
	    "'state', IF(" ADDR_OK ", p.home_state, NULL), "
	    "'zip', p.postcode, 'county', NULL)", NULL, NULL },
	[M_HOME_STREET] = { S_ADDRESS, "home_street", NULL, NULL, NULL },
	[M_HOME_STREET_2] = { S_ADDRESS, "home_street_2", NULL, NULL, NULL },
	[M_HOME_APT] = { S_ADDRESS, "home_apt_num", NULL, NULL, NULL },
	[M_HOME_CITY] = { S_ADDRESS, "home_city", NULL, NULL, NULL },
	[M_HOME_STATE] = { S_ADDRESS, "home_state", NULL, NULL, NULL },
	[M_HOME_ZIP] = { S_PERSON, "postcode", NULL, NULL, NULL },
	[M_DISPOSITION] = { S_LOOKUP, "case_disposition_id",
	    LK("case_disposition_id"), "case_disposition", "Case Disposition" },
	[M_PRESCREEN] = { S_CASE, "is_this_a_prescreen", "c.is_this_a_prescreen",
	    NULL, NULL },
	[M_LPC] = { S_LOOKUP, "legal_problem_code_id", LK("legal_problem_code_id"),
	    "legal_problem_code", "Legal Problem Code" },
	[M_LPCAT] = { S_NONE, NULL, "NULL", "legal_problem_category",
	    "Legal Problem Category" },
	[M_LANGUAGE] = { S_LOOKUP, "language_id", LK("language_id"), "language",
	    "Language" },
	[M_GENDER] = { S_LOOKUP, "client_gender_id", LK("client_gender_id"),
	    "gender", "Gender" },
	[M_COUNTY] = { S_LOOKUP, "county_of_residence_id",
	    LK("county_of_residence_id"), "county_core", "County" },
	[M_INTAKE_OFFICE] = { S_REF, "intake_office_id", NULL, NULL, NULL,
	    &office_ref },
	[M_INTAKE_PROGRAM] = { S_LOOKUP, "intake_program_id",
	    LK("intake_program_id"), "program", "Program" },
	[M_INTAKE_USER] = { S_REF, "intake_user_id", NULL, NULL, NULL,
	    &user_ref },
	[M_INTAKE_TYPE] = { S_CASE, "intake_type", "c.intake_type", NULL, NULL },
	[M_PRESCREEN_SS] = { S_NONE, NULL, "NULL", "screening_status",
	    "Screening Status" },
	[M_CASE_STATUS] = { S_CASE, "case_status", "c.case_status", NULL, NULL },
	[M_CLOSE_REASON] = { S_CASE, "close_reason", "c.close_reason", NULL,
	    NULL },
	[M_IMPACT] = { S_CASE, "impact", "c.impact", NULL, NULL },
	[M_DATE_OPENED] = { S_CASE, "date_opened", "c.date_opened", NULL, NULL },
	[M_DATE_CLOSED] = { S_CASE, "date_closed", "c.date_closed", NULL, NULL },
	[M_INTAKE_DATE] = { S_CASE, "intake_date", "c.intake_date", NULL, NULL },
	[M_DATE_REJECTED] = { S_CASE, "date_rejected", "c.date_rejected", NULL,
	    NULL },
	[M_REJECTED] = { S_CASE, "rejected", "c.rejected", NULL, NULL },
	[M_REJECTION_REASON] = { S_CASE, "rejection_reason", "c.rejection_reason",
	    NULL, NULL },
	[M_PRESCREEN_DATE] = { S_CASE, "prescreen_date", "c.prescreen_date",
	    NULL, NULL },
	[M_MARITAL] = { S_PLOOKUP, "marital_status_id", PLK("marital_status_id"),
	    "marital_status", "Marital Status" },
	[M_CITIZENSHIP] = { S_PLOOKUP, "citizenship_id", PLK("citizenship_id"),
	    "citizenship", "Citizenship" },
	[M_IMMIGRATION] = { S_PLOOKUP, "immigration_status_id",
	    PLK("immigration_status_id"), "immigration_status",
	    "Immigration Status" },
	[M_RACE] = { S_PLOOKUP, "race_id", PLK("race_id"), "race", "Race" },
	[M_ETHNICITY] = { S_PLOOKUP, "ethnicity_id", PLK("ethnicity_id"),
	    "ethnicity", "Ethnicity" },
	[M_A_NUMBER] = { S_PERSON, "a_number", "p.a_number", NULL, NULL },
	[M_VISA_NUMBER] = { S_PERSON, "visa_number", "p.visa_number", NULL,
	    NULL },
	[M_FAX_PHONE] = { S_PERSON, "fax_phone", "p.fax_phone", NULL, NULL },
	[M_PREFERRED_PHONE] = { S_PERSON, "preferred_phone_number",
	    "p.preferred_phone_number", NULL, NULL },
	[M_HOW_REFERRED] = { S_LOOKUP, "how_referred_id", LK("how_referred_id"),
	    "how_referred", "How Referred" },
	[M_SECOND_LANGUAGE] = { S_LOOKUP, "second_language_id",
	    LK("second_language_id"), "language", "Language" },
	[M_INTERPRETER] = { S_CASE, "interpreter", "c.interpreter", NULL, NULL },
	[M_COUNTY_DISPUTE] = { S_LOOKUP, "county_of_dispute_id",
	    LK("county_of_dispute_id"), "county_core", "County" },
	[M_ADULTS] = { S_CASE, "number_of_adults", "c.number_of_adults", NULL,
	    NULL },
	[M_CHILDREN] = { S_CASE, "number_of_children", "c.number_of_children",
	    NULL, NULL },
	[M_PAI] = { S_CASE, "pai_case", "c.pai_case", NULL, NULL },
	[M_RURAL] = { S_CASE, "rural", "c.rural", NULL, NULL },
	[M_LEAD_CASE] = { S_CASE, "is_lead_case", "c.is_lead_case", NULL, NULL },
	[M_PRESCREEN_OFFICE] = { S_REF, "prescreen_office_id", NULL, NULL, NULL,
	    &office_ref },
	[M_PRESCREEN_PROGRAM] = { S_LOOKUP, "prescreen_program_id",
	    LK("prescreen_program_id"), "program", "Program" },
	[M_PRESCREEN_USER] = { S_REF, "prescreen_user_id", NULL, NULL, NULL,
	    &user_ref },
	/* The mailing address is its parts, as written. */
	[M_ADDRESS_MAILING] = { S_NONE, NULL, "JSON_OBJECT("
	    "'street', p.mailing_street, 'street_2', p.mailing_street_2, "
	    "'apt_num', p.mailing_apt_num, 'city', p.mailing_city, "
	    "'state', p.mailing_state, 'zip', p.mailing_zip)", NULL, NULL },
	[M_MAILING_STREET] = { S_PERSON, "mailing_street", NULL, NULL, NULL },
	[M_MAILING_STREET_2] = { S_PERSON, "mailing_street_2", NULL, NULL, NULL },
	[M_MAILING_APT] = { S_PERSON, "mailing_apt_num", NULL, NULL, NULL },
	[M_MAILING_CITY] = { S_PERSON, "mailing_city", NULL, NULL, NULL },
	[M_MAILING_STATE] = { S_PERSON, "mailing_state", NULL, NULL, NULL },
	[M_MAILING_ZIP] = { S_PERSON, "mailing_zip", NULL, NULL, NULL },
	[M_CLIENT_CONFLICT] = { S_CASE, "client_conflict_status",
	    "c.client_conflict_status", NULL, NULL },
	[M_AP_CONFLICT] = { S_CASE, "adverse_party_conflict_status",
	    "c.adverse_party_conflict_status", NULL, NULL },
	[M_CONFLICT_WAIVED] = { S_CASE, "conflict_waived", "c.conflict_waived",
	    NULL, NULL },
	[M_AP_CONFLICT_WAIVED] = { S_CASE, "ap_conflict_waived",
	    "c.ap_conflict_waived", NULL, NULL },
	[M_POVERTY] = { S_CASE, "percentage_of_poverty",
	    "c.percentage_of_poverty", NULL, NULL },
	[M_HOME_PHONE_NOTE] = { S_PERSON, "home_phone_note", "p.home_phone_note",
	    NULL, NULL },
	[M_HOME_PHONE_SAFE] = { S_PERSON, "home_phone_safe",
	    PFLAG("home_phone_safe"), NULL, NULL },
	[M_MOBILE_PHONE_NOTE] = { S_PERSON, "mobile_phone_note",
	    "p.mobile_phone_note", NULL, NULL },
	[M_MOBILE_PHONE_SAFE] = { S_PERSON, "mobile_phone_safe",
	    PFLAG("mobile_phone_safe"), NULL, NULL },
	[M_WORK_PHONE_NOTE] = { S_PERSON, "work_phone_note", "p.work_phone_note",
	    NULL, NULL },
	[M_WORK_PHONE_SAFE] = { S_PERSON, "work_phone_safe",
	    PFLAG("work_phone_safe"), NULL, NULL },
	[M_OTHER_PHONE_NOTE] = { S_PERSON, "other_phone_note",
	    "p.other_phone_note", NULL, NULL },
	[M_OTHER_PHONE_SAFE] = { S_PERSON, "other_phone_safe",
	    PFLAG("other_phone_safe"), NULL, NULL },
	[M_FAX_PHONE_NOTE] = { S_PERSON, "fax_phone_note", "p.fax_phone_note",
	    NULL, NULL },
	[M_FAX_PHONE_SAFE] = { S_PERSON, "fax_phone_safe",
	    PFLAG("fax_phone_safe"), NULL, NULL },
	[M_EXTERNAL_ID] = { S_CASE, "external_id", "c.external_id", NULL, NULL },
	[M_CREATED] = { S_NONE, NULL, "c.created_at", NULL, NULL },
	[M_UPDATED] = { S_NONE, NULL, "c.updated_at", NULL, NULL },
	[M_UPDATE] = { S_NONE, NULL, NULL, NULL, NULL },
	[M_UPDATE_DATA] = { S_NONE, NULL, NULL, NULL, NULL },
};

/* ------------------------------------------------------------ search face */

/*
 * The case's client matches: written as "c.id IN (the cases whose client
 * matches)" so that an index on the person's column (email, date of birth,
 * name) finds the few cases, instead of a test per case over the whole
 * table. client_of is NULL on the people that are no client, and a NOT IN
 * must not see a NULL.
 */
#define CLIENT(cond) "c.id IN (SELECT p.client_of FROM persons p WHERE " cond \
	" AND p.client_of IS NOT NULL)"
#define NO_CLIENT(col) "NOT " CLIENT(col " IS NOT NULL")
/* A flag of the client's: a case without one matches false (as it reads). */
#define CLIENT_FLAG(n, col) { n, K_BOOL, "(" CLIENT(col " = ?") " OR (? = '0' " \
	"AND NOT EXISTS (SELECT 1 FROM persons x WHERE x.client_of = c.id)))", \
	NULL, NULL }
/* A client's text column: equal, or %empty% where it is null. */
#define CLIENT_TEXT(n, col) { n, K_TEXT, CLIENT(col " = ?"), NO_CLIENT(col), \
	NULL }
#define DIGITS(col) "REGEXP_REPLACE(" col ", '[^0-9+]', '')"

static const struct filter_def matter_filters[] = {
	CLIENT_TEXT("first", "p.first_eff"),
	CLIENT_TEXT("middle", "p.middle_eff"),
	CLIENT_TEXT("last", "p.last_eff"),
	CLIENT_TEXT("prefix", "p.prefix"),
	CLIENT_TEXT("suffix", "p.suffix"),
	{ "veteran", K_BOOL, CLIENT("p.veteran = ?"), NO_CLIENT("p.veteran"),
	    NULL },
	{ "disabled", K_BOOL, CLIENT("p.disabled = ?"), NO_CLIENT("p.disabled"),
	    NULL },
	CLIENT_TEXT("client_email_address", "p.email"),
	{ "date_of_birth", K_DATE, CLIENT("p.date_of_birth = ?"),
	    NO_CLIENT("p.date_of_birth"), NULL },
	{ "phone_number", K_PHONE, CLIENT("(" DIGITS("p.phone_number") " = ? OR "
	    DIGITS("p.mobile_phone") " = ? OR " DIGITS("p.work_phone") " = ? OR "
	    DIGITS("p.other_phone") " = ? OR " DIGITS("p.fax_phone") " = ? OR "
	    DIGITS("p.preferred_phone_number") " = ?)"), NULL, NULL },
	{ "marital_status", K_LOOKUP, CLIENT("p.marital_status_id = ?"),
	    NO_CLIENT("p.marital_status_id"), "marital_status" },
	{ "citizenship", K_LOOKUP, CLIENT("p.citizenship_id = ?"),
	    NO_CLIENT("p.citizenship_id"), "citizenship" },
	{ "immigration_status", K_LOOKUP, CLIENT("p.immigration_status_id = ?"),
	    NO_CLIENT("p.immigration_status_id"), "immigration_status" },
	{ "race", K_LOOKUP, CLIENT("p.race_id = ?"), NO_CLIENT("p.race_id"),
	    "race" },
	{ "ethnicity", K_LOOKUP, CLIENT("p.ethnicity_id = ?"),
	    NO_CLIENT("p.ethnicity_id"), "ethnicity" },
	CLIENT_TEXT("a_number", "p.a_number"),
	CLIENT_TEXT("visa_number", "p.visa_number"),
	CLIENT_TEXT("mailing_street", "p.mailing_street"),
	CLIENT_TEXT("mailing_street_2", "p.mailing_street_2"),
	CLIENT_TEXT("mailing_apt_num", "p.mailing_apt_num"),
	CLIENT_TEXT("mailing_city", "p.mailing_city"),
	CLIENT_TEXT("mailing_state", "p.mailing_state"),
	CLIENT_TEXT("mailing_zip", "p.mailing_zip"),
	CLIENT_TEXT("home_phone_note", "p.home_phone_note"),
	CLIENT_TEXT("mobile_phone_note", "p.mobile_phone_note"),
	CLIENT_TEXT("work_phone_note", "p.work_phone_note"),
	CLIENT_TEXT("other_phone_note", "p.other_phone_note"),
	CLIENT_TEXT("fax_phone_note", "p.fax_phone_note"),
	CLIENT_FLAG("home_phone_safe", "p.home_phone_safe"),
	CLIENT_FLAG("mobile_phone_safe", "p.mobile_phone_safe"),
	CLIENT_FLAG("work_phone_safe", "p.work_phone_safe"),
	CLIENT_FLAG("other_phone_safe", "p.other_phone_safe"),
	CLIENT_FLAG("fax_phone_safe", "p.fax_phone_safe"),
	{ "case_number", K_CASE_NUMBER, "c.id = ?", NULL, NULL },
	{ "case_id", K_INT, "c.id = ?", NULL, NULL },
	{ "matter_uuid", K_UUID, "c.uuid = ?", NULL, NULL },
	{ "external_id", K_TEXT, "c.external_id = ?", "c.external_id IS NULL",
	    NULL },
	{ "cause_number", K_TEXT, "c.cause_number = ?", "c.cause_number IS NULL",
	    NULL },
	{ "case_title", K_TEXT, "c.case_title = ?", "c.case_title IS NULL",
	    NULL },
	{ "case_status", K_TEXT, "c.case_status = ?", "c.case_status IS NULL",
	    NULL },
	{ "organization_name", K_TEXT, "c.organization_name = ?",
	    "c.organization_name IS NULL", NULL },
	{ "case_disposition", K_LOOKUP, "c.case_disposition_id = ?",
	    "c.case_disposition_id IS NULL", "case_disposition" },
	{ "legal_problem_code", K_LOOKUP, "c.legal_problem_code_id = ?",
	    "c.legal_problem_code_id IS NULL", "legal_problem_code" },
	{ "language", K_LOOKUP, "c.language_id = ?", "c.language_id IS NULL",
	    "language" },
	{ "client_gender", K_LOOKUP, "c.client_gender_id = ?",
	    "c.client_gender_id IS NULL", "gender" },
	{ "county_of_residence", K_LOOKUP, "c.county_of_residence_id = ?",
	    "c.county_of_residence_id IS NULL", "county_core" },
	{ "intake_program", K_LOOKUP, "c.intake_program_id = ?",
	    "c.intake_program_id IS NULL", "program" },
	{ "intake_office", K_REF, "c.intake_office_id = ?",
	    "c.intake_office_id IS NULL", "office" },
	{ "intake_user", K_REF, "c.intake_user_id = ?",
	    "c.intake_user_id IS NULL", "user" },
	{ "prescreen_program", K_LOOKUP, "c.prescreen_program_id = ?",
	    "c.prescreen_program_id IS NULL", "program" },
	{ "prescreen_office", K_REF, "c.prescreen_office_id = ?",
	    "c.prescreen_office_id IS NULL", "office" },
	{ "prescreen_user", K_REF, "c.prescreen_user_id = ?",
	    "c.prescreen_user_id IS NULL", "user" },
	{ "intake_type", K_TEXT, "c.intake_type = ?", "c.intake_type IS NULL",
	    NULL },
	{ "close_reason", K_TEXT, "c.close_reason = ?", "c.close_reason IS NULL",
	    NULL },
	{ "rejection_reason", K_TEXT, "c.rejection_reason = ?",
	    "c.rejection_reason IS NULL", NULL },
	{ "how_referred", K_LOOKUP, "c.how_referred_id = ?",
	    "c.how_referred_id IS NULL", "how_referred" },
	{ "second_language", K_LOOKUP, "c.second_language_id = ?",
	    "c.second_language_id IS NULL", "language" },
	{ "county_of_dispute", K_LOOKUP, "c.county_of_dispute_id = ?",
	    "c.county_of_dispute_id IS NULL", "county_core" },
	{ "number_of_adults", K_INT, "c.number_of_adults = ?",
	    "c.number_of_adults IS NULL", NULL },
	{ "number_of_children", K_INT, "c.number_of_children = ?",
	    "c.number_of_children IS NULL", NULL },
	{ "interpreter", K_BOOL, "c.interpreter = ?", NULL, NULL },
	{ "pai_case", K_BOOL, "c.pai_case = ?", NULL, NULL },
	{ "rural", K_BOOL, "c.rural = ?", NULL, NULL },
	{ "is_lead_case", K_BOOL, "c.is_lead_case = ?", NULL, NULL },
	{ "client_conflict_status", K_BOOL, "c.client_conflict_status = ?", NULL,
	    NULL },
	{ "adverse_party_conflict_status", K_BOOL,
	    "c.adverse_party_conflict_status = ?", NULL, NULL },
	{ "conflict_waived", K_BOOL, "c.conflict_waived = ?", NULL, NULL },
	{ "ap_conflict_waived", K_BOOL, "c.ap_conflict_waived = ?", NULL, NULL },
	/* A number, compared as one (150.5 finds 150.50). */
	{ "percentage_of_poverty", K_DECIMAL, "c.percentage_of_poverty = "
	    "CAST(? AS DECIMAL(7,2))", "c.percentage_of_poverty IS NULL", NULL },
	{ "rejected", K_BOOL, "c.rejected = ?", NULL, NULL },
	{ "impact", K_BOOL, "c.impact = ?", NULL, NULL },
	{ "is_this_a_prescreen", K_BOOL, "c.is_this_a_prescreen = ?", NULL,
	    NULL },
	{ "date_opened", K_DATE, "c.date_opened = ?", "c.date_opened IS NULL",
	    NULL },
	{ "date_closed", K_DATE, "c.date_closed = ?", "c.date_closed IS NULL",
	    NULL },
	{ "intake_date", K_DATE, "c.intake_date = ?", "c.intake_date IS NULL",
	    NULL },
	{ "created_at", K_DATE, "c.created_at >= ? AND c.created_at < "
	    "DATE_ADD(?, INTERVAL 1 DAY)", NULL, NULL },
	{ "updated_at", K_DATE, "c.updated_at >= ? AND c.updated_at < "
	    "DATE_ADD(?, INTERVAL 1 DAY)", NULL, NULL },
	{ "notes:note_type", K_NOTE_TYPE, "EXISTS (SELECT 1 FROM case_notes n "
	    "WHERE n.case_id = c.id AND n.note_type = ?)", NULL, NULL },
};

static const char *matter_results[M__MAX + 1];
static const char *const matter_results_values[] = {
	"full", "pro_bono", "caller_id", NULL
};

static int matters_load_text(struct req *, const long long *, size_t,
    const char **);

static const char *
matters_text_col(struct req *r)
{
	return "c.doc_matter";
}

static int
load_matters(struct req *r, const long long *ids, size_t n, json_object **out)
{
	return matters_load_ids(r, ids, n, out);
}

const struct search_face matter_search_face = {
	.filters = matter_filters,
	.nfilters = sizeof(matter_filters) / sizeof(matter_filters[0]),
	.results = matter_results,
	.key = "matter_uuid",
	.star = 1,
	.json_lists = 1,
	.bools = 1,
	.results_values = matter_results_values,
	.load = load_matters,
	.load_text = matters_load_text,
	.text_col = matters_text_col,
};

/* ------------------------------------------------------------ SQL */

static char *select_sql;	/* ... WHERE (appended per call) */
static const char *col_read[M__MAX];	/* each field's SELECT expression */
static char *case_update_sql;
static char *person_update_sql;
static char *person_insert_sql;
static size_t n_case_cols, n_person_cols;

static char *
take(struct buf *b)
{
	char *s = strdup(b->s);
	buf_free(b);
	return s;
}

/* A reference's read: its object as JSON text, NULL when unset. */
static char *
ref_read_sql(const struct ref_kind *k, const char *column)
{
	struct buf b = { 0 };

	buf_adds(&b, "(SELECT JSON_OBJECT(");
	for (size_t i = 0; i < 4 && k->out[i][0]; i++)
		buf_addf(&b, "%s'%s', x.%s", i ? ", " : "", k->out[i][0],
		    k->out[i][1]);
	buf_addf(&b, ") FROM %s x WHERE x.id = c.%s)", k->table, column);
	return take(&b);
}

int
ls_model_init(void)
{
	struct buf sel = { 0 }, cu = { 0 }, pu = { 0 }, pi = { 0 }, pv = { 0 };

	buf_adds(&sel, "SELECT c.id, c.uuid, c.org_id, c.updated_at");
	buf_adds(&cu, "UPDATE cases SET ");
	buf_adds(&pu, "UPDATE persons SET role = 'client', ");
	buf_adds(&pi, "INSERT INTO persons (uuid, case_id, role, name, address");
	buf_adds(&pv, "?, ?, 'client', ?, ?");
	size_t nres = 0;
	for (size_t i = 0; i < M__MAX; i++) {
		const struct matter_col *mc = &matter_cols[i];
		col_read[i] = mc->store == S_REF ? ref_read_sql(mc->ref, mc->column) :
		    mc->read;
		if (col_read[i] != NULL) {
			buf_addf(&sel, ", %s", col_read[i]);
			matter_results[nres++] = matter_fields[i].name;
		}
		if (on_case(mc->store)) {
			buf_addf(&cu, "%s = IF(?, ?, %s), ", mc->column, mc->column);
			n_case_cols++;
		} else if (on_client(mc->store)) {
			buf_addf(&pu, "%s = IF(?, ?, %s), ", mc->column, mc->column);
			buf_addf(&pi, ", %s", mc->column);
			buf_adds(&pv, ", ?");
			n_person_cols++;
		}
	}
	matter_results[nres] = NULL;
	buf_adds(&sel, " FROM cases c LEFT JOIN persons p ON p.client_of = c.id "
	    "WHERE ");
	buf_adds(&cu, "updated_at = UTC_TIMESTAMP(6) WHERE id = ?");
	buf_adds(&pu, "name = IF(?, ?, name), address = IF(?, ?, address), "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ?");
	buf_addf(&pi, ", created_at, updated_at) VALUES (%s, UTC_TIMESTAMP(6), "
	    "UTC_TIMESTAMP(6))", pv.s);
	buf_free(&pv);
	select_sql = take(&sel);
	case_update_sql = take(&cu);
	person_update_sql = take(&pu);
	person_insert_sql = take(&pi);
	return 0;
}

/* ------------------------------------------------------------ reading */

/* A lookup value as LegalServer shows it; every member null when unset. */
json_object *
lookup_object(const char *table, const char *type_name, const char *json)
{
	json_object *o = json_object_new_object(), *v = NULL, *x;

	if (json != NULL)
		v = json_tokener_parse(json);
	json_object_object_add(o, "lookup_value_id", v &&
	    json_object_object_get_ex(v, "id", &x) ? json_object_get(x) : NULL);
	json_object_object_add(o, "lookup_value_name", v &&
	    json_object_object_get_ex(v, "name", &x) ? json_object_get(x) : NULL);
	json_object_object_add(o, "lookup_value_uuid", v &&
	    json_object_object_get_ex(v, "uuid", &x) ? json_object_get(x) : NULL);
	json_object_object_add(o, "lookup_type_name",
	    json_object_new_string(type_name));
	json_object_object_add(o, "lookup_type_table_name",
	    json_object_new_string(table));
	json_object_object_add(o, "lookup_type_custom",
	    json_object_new_boolean(0));
	json_object_object_add(o, "lookup_type_uuid", NULL);
	if (strcmp(table, "county_core") == 0) {
		json_object_object_add(o, "lookup_value_FIPS", v &&
		    json_object_object_get_ex(v, "fips", &x) ?
		    json_object_get(x) : NULL);
		json_object_object_add(o, "lookup_value_state", v &&
		    json_object_object_get_ex(v, "state", &x) ?
		    json_object_get(x) : NULL);
	}
	json_object_put(v);
	return o;
}

/* A reference as read: the kind's members, all null when unset. */
static json_object *
ref_object(const struct ref_kind *k, const char *json)
{
	json_object	*o = json_object_new_object(), *v = NULL, *x;

	if (json != NULL)
		v = json_tokener_parse(json);
	for (size_t i = 0; i < 4 && k->out[i][0]; i++)
		json_object_object_add(o, k->out[i][0], v &&
		    json_object_object_get_ex(v, k->out[i][0], &x) ?
		    json_object_get(x) : NULL);
	json_object_put(v);
	return o;
}

static json_object *
matter_json(char **row)
{
	json_object	*o = json_object_new_object();
	size_t		 c = 4;

	for (size_t i = 0; i < M__MAX; i++) {
		const struct matter_col *mc = &matter_cols[i];
		const struct field *f = &matter_fields[i];
		if (col_read[i] == NULL)
			continue;
		const char *v = row[c++];
		json_object *j;
		if (mc->store == S_REF)
			j = ref_object(mc->ref, v);
		else if (mc->lookup != NULL)
			j = lookup_object(mc->lookup, mc->type_name, v);
		else if (f->type == FT_JSON)
			j = v ? json_tokener_parse(v) : NULL;
		else
			j = field_value(f, v, 0);
		json_object_object_add(o, f->name, j);
	}
	return o;
}

static int
load(struct req *r, const char *where, const struct dbp *p, size_t np,
    struct matter *out, size_t max)
{
	struct dbq	*q = db_runp(&r->a, arena_printf(&r->a, "%s%s", select_sql,
	    where), p, np);
	char		**row;
	size_t		 n = 0;

	if (q == NULL)
		return -1;
	while ((row = db_next(q)) != NULL) {
		if (n == max)
			continue;
		out[n].id = strtoll(row[0], NULL, 10);
		out[n].uuid = arena_strdup(&r->a, row[1]);
		out[n].org_id = row[2] ? strtoll(row[2], NULL, 10) : 0;
		out[n].stamp = arena_strdup(&r->a, row[3]);
		out[n].obj = req_keep(r, matter_json(row));
		n++;
	}
	return db_last() == DB_OK ? (int)n : -1;
}

/* 1 found, 0 not found, -1 database error. */
int
matter_load(struct req *r, const char *uuid, struct matter *m)
{
	struct dbp p = { .t = 's', .s = uuid };

	return load(r, "c.uuid = ?", &p, 1, m, 1);
}

/* The matters with these internal ids, in the order given. */
int
matters_load_ids(struct req *r, const long long *ids, size_t n,
    json_object **out)
{
	struct dbp	*p = arena_calloc(&r->a, sizeof(*p) * (n + 1));
	struct matter	*m = arena_calloc(&r->a, sizeof(*m) * (n + 1));
	size_t		 k = 0;
	int		 got = load(r, db_in_list(&r->a, "c.id", ids, n, p), p, n, m, n);

	if (got < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		for (int j = 0; j < got; j++)
			if (m[j].id == ids[i])
				out[k++] = m[j].obj;
	return (int)k;
}

/* ------------------------------------------------------------ documents */

/*
 * A matter's rendered record is kept in cases.doc_matter, a cache of the
 * rows like the LAA faces' documents: a LegalServer write stores it, any
 * other write clears it (an LAA write through case_store_docs, a document
 * upload, a change to a row a matter shows), and a read that finds none
 * renders the rows and stores the result (best effort, outside a write's
 * transaction, and only while updated_at is still what it read: every
 * write moves it, so a write in between wins).
 */
static const char *
matter_text(const struct matter *m)
{
	return json_object_to_json_string_ext(m->obj, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
}

int
matter_store_doc(struct req *r, const struct matter *m)
{
	return db_exec(&r->a, "UPDATE cases SET doc_matter = ? WHERE id = ?",
	    "si", matter_text(m), m->id) < 0 ? -1 : 0;
}

/* Rendered matters' records stored for the next read (db_fill_docs). */
static void
matters_fill_doc(struct req *r, const struct matter *m, size_t n)
{
	static const char *const cols[] = { "doc_matter" };
	long long	*ids = arena_calloc(&r->a, sizeof(*ids) * (n + 1));
	const char	**stamps = arena_calloc(&r->a, sizeof(*stamps) * (n + 1));
	const char	**texts = arena_calloc(&r->a, sizeof(*texts) * (n + 1));
	size_t		 k = 0;

	if (r->route->flags & R_TX)
		return;
	for (size_t i = 0; i < n; i++)
		if (m[i].stamp != NULL) {
			ids[k] = m[i].id;
			stamps[k] = m[i].stamp;
			texts[k++] = matter_text(&m[i]);
		}
	if (k > 0)
		(void)db_fill_docs(&r->a, "cases", cols, 1, k, ids, stamps, texts);
}

/*
 * The matters with these ids as text (out[i] for ids[i], NULL for one that
 * is gone): stored records as they are, the others rendered (and stored).
 */
static int
matters_load_text(struct req *r, const long long *ids, size_t n,
    const char **out)
{
	struct dbp	*p = arena_calloc(&r->a, sizeof(*p) * (n + 1));
	long long	*id = arena_calloc(&r->a, sizeof(*id) * (n + 1));
	const char	**text = arena_calloc(&r->a, sizeof(*text) * (n + 1));
	long long	*missing = arena_calloc(&r->a, sizeof(*missing) * (n + 1));
	size_t		 got = 0, nmissing = 0;
	struct dbq	*q;
	char		**row;

	q = db_runp(&r->a, arena_printf(&r->a, "SELECT c.id, c.doc_matter FROM "
	    "cases c WHERE %s", db_in_list(&r->a, "c.id", ids, n, p)), p, n);
	if (q == NULL)
		return -1;
	while ((row = db_next(q)) != NULL && got < n) {
		if (row[1] == NULL) {
			missing[nmissing++] = strtoll(row[0], NULL, 10);
			continue;
		}
		id[got] = strtoll(row[0], NULL, 10);
		text[got++] = row[1];
	}
	if (nmissing > 0) {
		struct matter *m = arena_calloc(&r->a, sizeof(*m) * (nmissing + 1));
		int more = load(r, db_in_list(&r->a, "c.id", missing, nmissing, p), p, nmissing, m,
		    nmissing);
		if (more < 0)
			return -1;
		matters_fill_doc(r, m, (size_t)more);
		for (int i = 0; i < more && got < n; i++) {
			id[got] = m[i].id;
			text[got++] = matter_text(&m[i]);
		}
	}
	for (size_t i = 0; i < n; i++) {
		out[i] = NULL;
		for (size_t j = 0; j < got; j++)
			if (id[j] == ids[i])
				out[i] = text[j];
	}
	return (int)got;
}

/*
 * GET /api/v2/matters/{uuid} without custom_results: {"data": the stored
 * record}, or rendered (and stored) when there is none. Returns the status
 * it answered; 0 when the matter is not there (the caller answers 404), -1
 * on a database error; case_visible decides 403 as for a rendered read.
 */
int
matter_get_stored(struct req *r, const char *uuid)
{
	char		**row;
	struct matter	  m;
	const char	 *text;
	struct buf	  b = { 0 };

	/* Read with the caller (matter_ride_cols). */
	if ((row = r->ride) == NULL)
		return 0;
	if (!case_visible(r, row[0] ? strtoll(row[0], NULL, 10) : 0))
		return 403;
	if ((text = row[1]) == NULL) {
		int got = matter_load(r, uuid, &m);
		if (got <= 0)
			return got;
		matters_fill_doc(r, &m, 1);
		text = matter_text(&m);
	}
	buf_adds(&b, "{\"data\":");
	buf_adds(&b, text);
	buf_adds(&b, "}");
	resp_raw(r, 200, "application/json", b.s, b.len);
	buf_free(&b);
	return 200;
}

/* ------------------------------------------------------------ lookups */

/* An id as text: whole digits that fit a BIGINT. */
static int
id_text(const char *v)
{
	int digits = *v != '\0';

	for (const char *s = v; *s; s++)
		digits &= *s >= '0' && *s <= '9';
	return digits && strlen(v) < 19;
}

int
lookup_resolve(struct req *r, const char *table, const char *v, long long *id)
{
	char	**row;

	if (id_text(v))
		row = db_one(&r->a, "SELECT id FROM ls_lookups WHERE tbl = ? AND "
		    "id = ? AND active = 1", "si", table, strtoll(v, NULL, 10));
	else
		row = db_one(&r->a, "SELECT id FROM ls_lookups WHERE tbl = ? AND "
		    "(name = ? OR uuid = ?) AND active = 1 ORDER BY id LIMIT 1",
		    "sss", table, v, v);
	if (row == NULL)
		return db_last() == DB_OK ? (*id = 0, 0) : -1;
	*id = strtoll(row[0], NULL, 10);
	return 0;
}

/*
 * A lookup input in any of its forms ("Name", 12, {"lookup_value_name"},
 * {"lookup_value_uuid"}, {"lookup_value_id"}, or a whole lookup object as
 * read) -> the value's id; 0 when there is no such value, -1 on a db error.
 */
int
lookup_input(struct req *r, const char *table, json_object *v, long long *id)
{
	static const char *const keys[] = {
		"lookup_value_id", "lookup_value_uuid", "lookup_value_name", NULL
	};
	json_object *x;

	*id = 0;
	if (json_object_is_type(v, json_type_object)) {
		for (size_t k = 0; keys[k]; k++)
			if (json_object_object_get_ex(v, keys[k], &x) && x != NULL) {
				v = x;
				break;
			}
		if (json_object_is_type(v, json_type_object))
			return 0;
	}
	if (json_object_is_type(v, json_type_int))
		return lookup_resolve(r, table, arena_printf(&r->a, "%lld",
		    (long long)json_object_get_int64(v)), id);
	if (json_object_is_type(v, json_type_string) &&
	    json_object_get_string_len(v) > 0 && json_object_get_string_len(v) <= 200)
		return lookup_resolve(r, table, json_object_get_string(v), id);
	return 0;
}

/* ------------------------------------------------------------ references */

/* The row of k whose column col is v (an id: whole digits only). */
static int
ref_by(struct req *r, const struct ref_kind *k, const char *col,
    const char *v, long long *id)
{
	char	**row;
	int	 by_id = strcmp(col, "id") == 0;
	char	*sql = arena_printf(&r->a, "SELECT id FROM %s WHERE %s = ?%s%s",
	    k->table, col, k->usable ? " AND " : "", k->usable ? k->usable : "");

	*id = 0;
	if (by_id && !id_text(v))
		return 0;
	row = by_id ? db_one(&r->a, sql, "i", strtoll(v, NULL, 10)) :
	    db_one(&r->a, sql, "s", v);
	if (row == NULL)
		return db_last() == DB_OK ? 0 : -1;
	*id = strtoll(row[0], NULL, 10);
	return 0;
}

/* A bare value: an id names the row's id, anything else its by_text. */
static int
ref_bare(struct req *r, const struct ref_kind *k, const char *v, long long *id)
{
	return ref_by(r, k, id_text(v) ? "id" : k->by_text, v, id);
}

/* A search value of a K_REF filter, whose kind is named by its what. */
int
ref_resolve(struct req *r, const char *kind, const char *v, long long *id)
{
	static const struct ref_kind *const kinds[] = { &office_ref, &user_ref };

	*id = 0;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i]->what, kind) == 0)
			return ref_bare(r, kinds[i], v, id);
	return 0;
}

/*
 * A reference input in any of its forms (12, "Name" or "uuid", or an
 * object with one of the kind's members, such as the object as read) ->
 * the row's id; 0 when there is none, -1 on a db error.
 */
static int
ref_input(struct req *r, const struct ref_kind *k, json_object *v,
    long long *id)
{
	json_object *x;

	*id = 0;
	if (json_object_is_type(v, json_type_object)) {
		for (size_t i = 0; i < 3 && k->in[i][0]; i++)
			if (json_object_object_get_ex(v, k->in[i][0], &x) && x &&
			    (json_object_is_type(x, json_type_int) ||
			    json_object_is_type(x, json_type_string)))
				return ref_by(r, k, k->in[i][1],
				    json_object_get_string(x), id);
		return 0;
	}
	if (json_object_is_type(v, json_type_int))
		return ref_by(r, k, "id", json_object_get_string(v), id);
	if (json_object_is_type(v, json_type_string) &&
	    json_object_get_string_len(v) > 0 && json_object_get_string_len(v) <= 200)
		return ref_bare(r, k, json_object_get_string(v), id);
	return 0;
}

/* ------------------------------------------------------------ validation */

static int
present(json_object *body, size_t i, json_object **v)
{
	json_object *x = NULL;
	int has = json_object_object_get_ex(body, matter_fields[i].name, &x);

	if (v != NULL)
		*v = x;
	return has;
}

/*
 * Checks a matter body in place: lookup inputs become value ids, then the
 * field table validates everything (unknown and read-only keys are
 * extra_forbidden). On create: case_disposition, and first + last (or
 * organization_name when is_group). Returns the problems added (at
 * body.<loc>.<key>); -1 on a database error.
 */
int
matter_validate(struct req *r, json_object *body, int creating,
    const char *where)
{
	struct fieldvals	 fv;
	json_object		*base = where ? loc_new("body", where, NULL) :
	    loc_new("body", NULL), *v;
	int			 before = problem_count(r);

	for (size_t i = 0; i < M__MAX; i++) {
		const struct matter_col *mc = &matter_cols[i];
		long long id;
		if ((mc->store != S_LOOKUP && mc->store != S_PLOOKUP &&
		    mc->store != S_REF) ||
		    !present(body, i, &v) || v == NULL)
			continue;
		if (json_object_is_type(v, json_type_string) && strcmp(
		    json_object_get_string(v), "%empty%") == 0 &&
		    (matter_fields[i].flags & F_NULLABLE)) {
			json_object_object_add(body, matter_fields[i].name, NULL);
			continue;
		}
		if ((mc->store == S_REF ? ref_input(r, mc->ref, v, &id) :
		    lookup_input(r, mc->lookup, v, &id)) < 0) {
			json_object_put(base);
			return -1;
		}
		if (id == 0) {
			problem_add(r, "lookup", loc_with(base, matter_fields[i].name),
			    mc->store == S_REF ? arena_printf(&r->a, "Unknown %s",
			    mc->ref->what) : "Unknown lookup value", v, NULL);
			id = 0;	/* keeps the key, so no second problem */
		}
		json_object_object_add(body, matter_fields[i].name,
		    json_object_new_int64(id));
	}
	fields_parse(r, matter_fields, M__MAX, body, base,
	    creating ? FP_CREATE : 0, &fv);
	if (creating) {
		int group = FV_HAS(&fv, M_IS_GROUP) && json_object_is_type(
		    fv.v[M_IS_GROUP], json_type_boolean) && fv_bool(&fv, M_IS_GROUP);
		static const int person_req[] = { M_FIRST, M_LAST };
		if (group && fv_str(&fv, M_ORG_NAME) == NULL)
			problem_add(r, "missing", loc_with(base, "organization_name"),
			    "Field required", body, NULL);
		for (size_t k = 0; !group && k < 2; k++)
			if (fv_str(&fv, person_req[k]) == NULL)
				problem_add(r, "missing", loc_with(base,
				    matter_fields[person_req[k]].name),
				    "Field required", body, NULL);
	}
	json_object_put(base);
	return problem_count(r) - before;
}

/* ------------------------------------------------------------ writing */

static void
bind(struct req *r, const struct field *f, json_object *v, struct dbp *p)
{
	p->t = 's';
	if (v == NULL)
		p->s = NULL;
	else if (f->type == FT_BOOL)
		p->s = json_object_get_boolean(v) ? "1" : "0";
	else if (f->type == FT_DECIMAL)
		p->s = arena_printf(&r->a, "%.*f", DECIMAL_PLACES,
		    json_object_get_double(v));
	else
		p->s = arena_strdup(&r->a, json_object_get_string(v));
}

/* A string member of an object, NULL when absent, null or "". */
static const char *
member(json_object *o, const char *key)
{
	json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) || v == NULL ||
	    !json_object_is_type(v, json_type_string) ||
	    json_object_get_string_len(v) == 0)
		return NULL;
	return json_object_get_string(v);
}

/* What the body says of field i, else what the matter held before. */
static const char *
merged(json_object *body, json_object *before, size_t i, const char *key)
{
	json_object *v;

	if (present(body, i, &v))
		return v && json_object_get_string_len(v) ? json_object_get_string(v)
		    : NULL;
	return member(before, key);
}

static char *
join(struct req *r, const char *sep, const char **parts, size_t n)
{
	struct buf	 b = { 0 };
	char		*s;

	for (size_t i = 0; i < n; i++)
		if (parts[i] != NULL)
			buf_addf(&b, "%s%s", b.len ? sep : "", parts[i]);
	s = b.len ? arena_strdup(&r->a, b.s) : NULL;
	buf_free(&b);
	return s;
}

/*
 * LegalServer's defaults by disposition (spec section 6): Open opens the
 * case and its intake today and clears the closing and rejection dates;
 * Closed closes it today; Rejected and Prescreen date themselves; a date
 * the body names is never overridden.
 */
static int
disposition_defaults(struct req *r, json_object *body, json_object *before)
{
	json_object	*v;
	char		 today[11];
	time_t		 now = time(NULL);
	struct tm	 tm;
	char		**row;

	if (!present(body, M_DISPOSITION, &v) || v == NULL)
		return 0;
	row = db_one(&r->a, "SELECT name FROM ls_lookups WHERE id = ?", "i",
	    (long long)json_object_get_int64(v));
	if (row == NULL)
		return db_last() == DB_OK ? 0 : -1;
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	const char *d = row[0];
	int open = strcmp(d, "Open") == 0, closed = strcmp(d, "Closed") == 0;
	struct { int field, when; } today_if_unset[] = {
		{ M_DATE_OPENED, open || closed },
		{ M_INTAKE_DATE, open || closed || strcmp(d, "Pending") == 0 ||
		    strcmp(d, "Incomplete Intake") == 0 },
		{ M_DATE_CLOSED, closed },
		{ M_DATE_REJECTED, strcmp(d, "Rejected") == 0 },
		{ M_PRESCREEN_DATE, strcmp(d, "Prescreen") == 0 },
	};
	for (size_t k = 0; k < sizeof(today_if_unset) / sizeof(today_if_unset[0]);
	    k++) {
		const char *name = matter_fields[today_if_unset[k].field].name;
		if (today_if_unset[k].when && !present(body,
		    (size_t)today_if_unset[k].field, NULL) &&
		    member(before, name) == NULL)
			json_object_object_add(body, name,
			    json_object_new_string(today));
	}
	if (open) {
		static const int cleared[] = { M_DATE_CLOSED, M_DATE_REJECTED };
		for (size_t k = 0; k < 2; k++)
			if (!present(body, (size_t)cleared[k], NULL))
				json_object_object_add(body,
				    matter_fields[cleared[k]].name, NULL);
	}
	return 0;
}

static const struct unique_msg matter_unique[] = {
	{ NULL, "A matter with this external_id already exists" },
};

/*
 * Writes a validated body onto a matter (m->id set; creating: the case row
 * was just inserted). Only the keys present take part; the client's name
 * and home address are composed again from their parts when a part is
 * sent. before is the matter as it was (NULL on create). Returns 0 or the
 * HTTP status rendered.
 */
int
matter_write(struct req *r, struct matter *m, json_object *body,
    json_object *before, int creating)
{
	struct dbp	*p = arena_calloc(&r->a, sizeof(*p) * (2 * M__MAX + 8));
	size_t		 k = 0;
	json_object	*v;
	int		 person_touched = creating, name_touched = creating,
			 addr_touched = 0;

	if (disposition_defaults(r, body, before) != 0)
		return http_db_error(r);
	for (size_t i = 0; i < M__MAX; i++) {
		enum mstore s = matter_cols[i].store;
		if (!on_case(s))
			continue;
		int has = present(body, i, &v);
		p[k++] = (struct dbp){ .t = 'i', .i = has };
		if (has)
			bind(r, &matter_fields[i], v, &p[k++]);
		else
			p[k++] = (struct dbp){ .t = 's', .s = NULL };
	}
	p[k++] = (struct dbp){ .t = 'i', .i = m->id };
	if (db_runp(&r->a, case_update_sql, p, k) == NULL)
		return http_write_failed(r, matter_unique);

	for (size_t i = 0; i < M__MAX; i++) {
		enum mstore s = matter_cols[i].store;
		if (on_client(s) && present(body, i, NULL)) {
			person_touched = 1;
			name_touched |= s == S_NAME;
			addr_touched |= s == S_ADDRESS;
		}
	}
	if (!person_touched)
		return 0;

	/* The name and address parts: all of them, so they compose again. */
	const char *name[3], *addr[5];
	static const int name_f[] = { M_FIRST, M_MIDDLE, M_LAST };
	static const int addr_f[] = { M_HOME_STREET, M_HOME_STREET_2, M_HOME_APT,
	    M_HOME_CITY, M_HOME_STATE };
	static const char *const addr_k[] = { "street", "street_2", "apt_num",
	    "city", "state" };
	json_object *home = NULL;
	if (before != NULL)
		json_object_object_get_ex(before, "client_address_home", &home);
	for (size_t i = 0; i < 3; i++)
		name[i] = merged(body, before, (size_t)name_f[i],
		    matter_fields[name_f[i]].name);
	for (size_t i = 0; i < 5; i++)
		addr[i] = merged(body, home, (size_t)addr_f[i], addr_k[i]);
	char *full = join(r, " ", name, 3);
	if (full == NULL) {
		json_object *on = NULL;
		present(body, M_ORG_NAME, &on);
		full = arena_strdup(&r->a, on ? json_object_get_string(on) :
		    member(before, "organization_name") ?
		    member(before, "organization_name") : "");
	}
	char *address = join(r, ", ", addr, 5);

	/* The person's columns, in the column table's order. */
	struct dbp *pc = arena_calloc(&r->a, sizeof(*pc) * (2 * M__MAX + 8));
	size_t kc = 0;
	for (size_t i = 0; i < M__MAX; i++) {
		enum mstore s = matter_cols[i].store;
		if (!on_client(s))
			continue;
		int has = present(body, i, &v) || (s == S_NAME && name_touched) ||
		    (s == S_ADDRESS && addr_touched);
		struct dbp val = { .t = 's', .s = NULL };
		if (s == S_NAME)
			val.s = name[i - M_FIRST];
		else if (s == S_ADDRESS)
			val.s = addr[i - M_HOME_STREET];
		else if (has)
			bind(r, &matter_fields[i], v, &val);
		else
			val.s = matter_fields[i].def;	/* a new client's */
		pc[kc++] = (struct dbp){ .t = 'i', .i = has };
		pc[kc++] = val;
	}

	char **row = db_one(&r->a, "SELECT id FROM persons WHERE client_of = ? "
	    "FOR UPDATE", "i", m->id);
	if (row == NULL && db_last() != DB_OK)
		return http_db_error(r);
	if (row == NULL) {
		/* No client yet: insert one with every column's value. */
		char *uuid = arena_alloc(&r->a, 37);
		uuid4(uuid);
		k = 0;
		p[k++] = (struct dbp){ .t = 's', .s = uuid };
		p[k++] = (struct dbp){ .t = 'i', .i = m->id };
		p[k++] = (struct dbp){ .t = 's', .s = full };
		p[k++] = (struct dbp){ .t = 's', .s = address };
		for (size_t i = 1; i < kc; i += 2)
			p[k++] = pc[i];
		if (db_runp(&r->a, person_insert_sql, p, k) == NULL)
			return http_db_error(r);
		return 0;
	}
	pc[kc++] = (struct dbp){ .t = 'i', .i = name_touched };
	pc[kc++] = (struct dbp){ .t = 's', .s = full };
	pc[kc++] = (struct dbp){ .t = 'i', .i = addr_touched };
	pc[kc++] = (struct dbp){ .t = 's', .s = address };
	pc[kc++] = (struct dbp){ .t = 'i', .i = strtoll(row[0], NULL, 10) };
	if (db_runp(&r->a, person_update_sql, pc, kc) == NULL)
		return http_db_error(r);
	return 0;
}

/* ------------------------------------------------------------ lookup tables */

/*
 * The rows of a lookup table (GET /api/v2/lookups/{table}), through the
 * same search machinery: every row is visible to every caller.
 */
enum { LR_ID, LR_NAME, LR_ACTIVE, LR_ORDER, LR_NOTE, LR_SYSTEM, LR_UUID,
	LR__MAX };
static const struct field lookup_row_fields[LR__MAX] = {
	[LR_ID] = { .name = "id", .type = FT_INT },
	[LR_NAME] = { .name = "name", .type = FT_STRING },
	[LR_ACTIVE] = { .name = "active", .type = FT_BOOL },
	[LR_ORDER] = { .name = "list_order", .type = FT_INT },
	[LR_NOTE] = { .name = "note", .type = FT_STRING },
	[LR_SYSTEM] = { .name = "system", .type = FT_BOOL },
	[LR_UUID] = { .name = "uuid", .type = FT_UUID },
};
#define LOOKUP_ROW "SELECT l.id, l.name, l.active, l.list_order, l.note, " \
	"l.system, l.uuid FROM ls_lookups l WHERE "

static const struct filter_def lookup_filters[] = {
	{ "name", K_TEXT, "l.name = ?", NULL, NULL },
	{ "active", K_BOOL, "l.active = ?", NULL, NULL },
	{ "list_order", K_INT, "l.list_order = ?", NULL, NULL },
	{ "system", K_BOOL, "l.system = ?", NULL, NULL },
	{ "note", K_TEXT, "l.note = ?", "l.note IS NULL", NULL },
	{ "uuid", K_UUID, "l.uuid = ?", NULL, NULL },
};

static const char *const lookup_results[] = {
	"id", "name", "active", "list_order", "note", "system", NULL
};

static int
load_lookup_rows(struct req *r, const long long *ids, size_t n,
    json_object **out)
{
	struct dbp	*p = arena_calloc(&r->a, sizeof(*p) * (n + 1));
	struct dbq	*q;
	char		**row;

	q = db_runp(&r->a, arena_printf(&r->a, "%s%s", LOOKUP_ROW,
	    db_in_list(&r->a, "l.id", ids, n, p)), p, n);
	if (q == NULL)
		return -1;
	json_object **got = arena_calloc(&r->a, sizeof(*got) * (n + 1));
	long long *gid = arena_calloc(&r->a, sizeof(*gid) * (n + 1));
	size_t m = 0;
	while ((row = db_next(q)) != NULL && m < n) {
		gid[m] = strtoll(row[0], NULL, 10);
		got[m++] = req_keep(r, fields_render(lookup_row_fields, LR__MAX,
		    row));
	}
	if (db_last() != DB_OK)
		return -1;
	return search_in_order(ids, n, gid, got, m, out);
}

const struct search_face lookup_search_face = {
	.filters = lookup_filters,
	.nfilters = sizeof(lookup_filters) / sizeof(lookup_filters[0]),
	.results = lookup_results,
	.key = "uuid",
	.star = 1,
	.json_lists = 1,
	.bools = 1,
	.from = "ls_lookups l",
	.id_col = "l.id",
	/* Lookup values are the same for everyone; the two binds stay. */
	.visible = "(1 OR ? OR ?)",
	.load = load_lookup_rows,
};

/* 1 when the lookup table exists, 0 not, -1 database error. */
int
lookup_table_known(struct req *r, const char *table)
{
	char **row = db_one(&r->a, "SELECT 1 FROM ls_lookups WHERE tbl = ? "
	    "LIMIT 1", "s", table);

	return row ? 1 : db_last() == DB_OK ? 0 : -1;
}

/*
 * One value of a table and how many records use it: the cases whose
 * lookup column (from the matter column table) holds it, or for note_type
 * the case notes of that type. 1, 0 (no such value), -1 database error.
 */
int
lookup_value(struct req *r, const char *table, const char *uuid,
    json_object **row_out, long long *use_count)
{
	char **row = db_one(&r->a, LOOKUP_ROW "l.tbl = ? AND l.uuid = ?", "ss",
	    table, uuid), **n;

	if (row == NULL)
		return db_last() == DB_OK ? 0 : -1;
	*row_out = req_keep(r, fields_render(lookup_row_fields, LR__MAX, row));
	*use_count = 0;
	if (strcmp(table, "note_type") == 0) {
		if ((n = db_one(&r->a, "SELECT COUNT(*) FROM case_notes WHERE "
		    "note_type = ?", "s", row[LR_NAME])) == NULL)
			return -1;
		*use_count = strtoll(n[0], NULL, 10);
	}
	/* The cases holding it in any of the table's fields (language and
	   second_language count a case once), on the case or its client. */
	struct dbp	*p = arena_calloc(&r->a, sizeof(*p) * (M__MAX + 1));
	struct buf	 w = { 0 };
	size_t		 np = 0;
	for (size_t i = 0; i < M__MAX; i++) {
		const struct matter_col *mc = &matter_cols[i];
		if ((mc->store != S_LOOKUP && mc->store != S_PLOOKUP) ||
		    strcmp(mc->lookup, table) != 0)
			continue;
		if (mc->store == S_LOOKUP)
			buf_addf(&w, "%sc.%s = ?", np ? " OR " : "", mc->column);
		else
			buf_addf(&w, "%s" CLIENT("p.%s = ?"), np ? " OR " : "",
			    mc->column);
		p[np++] = (struct dbp){ .t = 'i', .i = strtoll(row[LR_ID], NULL,
		    10) };
	}
	if (np > 0) {
		struct dbq *q = db_runp(&r->a, arena_printf(&r->a, "SELECT "
		    "COUNT(*) FROM cases c WHERE %s", w.s), p, np);
		buf_free(&w);
		if (q == NULL || (n = db_next(q)) == NULL)
			return -1;
		*use_count += strtoll(n[0], NULL, 10);
	}
	return 1;
}
