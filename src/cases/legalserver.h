/*
 * The LegalServer Core API surface of the cases family (/api/v2): the same
 * case store seen as matters. ls_model.c declares what a matter holds (one
 * field table, one column table beside it) and reads and writes it;
 * legalserver.c serves the paths and renders LegalServer's error shapes.
 */
#ifndef CG_LEGALSERVER_H
#define CG_LEGALSERVER_H

#include <json-c/json.h>

#include "../lib/fields.h"
#include "cases.h"

struct req;

enum matter_field {
	M_CASE_ID, M_MATTER_UUID, M_CASE_NUMBER, M_CASE_TITLE, M_CAUSE_NUMBER,
	M_CLIENT_FULL_NAME, M_PREFIX, M_FIRST, M_MIDDLE, M_LAST, M_SUFFIX,
	M_IS_GROUP, M_ORG_NAME, M_EMAIL, M_DOB, M_VETERAN, M_DISABLED,
	M_HOME_PHONE, M_MOBILE_PHONE, M_WORK_PHONE, M_OTHER_PHONE,
	M_ADDRESS_HOME, M_HOME_STREET, M_HOME_STREET_2, M_HOME_APT,
	M_HOME_CITY, M_HOME_STATE, M_HOME_ZIP, M_DISPOSITION, M_PRESCREEN,
	M_LPC, M_LPCAT, M_LANGUAGE, M_GENDER, M_COUNTY, M_INTAKE_OFFICE,
	M_INTAKE_PROGRAM, M_INTAKE_USER, M_INTAKE_TYPE, M_PRESCREEN_SS,
	M_CASE_STATUS, M_CLOSE_REASON, M_IMPACT, M_DATE_OPENED, M_DATE_CLOSED,
	M_INTAKE_DATE, M_DATE_REJECTED, M_REJECTED, M_REJECTION_REASON,
	M_PRESCREEN_DATE, M_MARITAL, M_CITIZENSHIP, M_IMMIGRATION, M_RACE,
	M_ETHNICITY, M_A_NUMBER, M_VISA_NUMBER, M_FAX_PHONE, M_PREFERRED_PHONE,
	M_HOW_REFERRED, M_SECOND_LANGUAGE, M_INTERPRETER, M_COUNTY_DISPUTE,
	M_ADULTS, M_CHILDREN, M_PAI, M_RURAL, M_LEAD_CASE, M_PRESCREEN_OFFICE,
	M_PRESCREEN_PROGRAM, M_PRESCREEN_USER, M_ADDRESS_MAILING,
	M_MAILING_STREET, M_MAILING_STREET_2, M_MAILING_APT, M_MAILING_CITY,
	M_MAILING_STATE, M_MAILING_ZIP, M_CLIENT_CONFLICT, M_AP_CONFLICT,
	M_CONFLICT_WAIVED, M_AP_CONFLICT_WAIVED, M_POVERTY, M_HOME_PHONE_NOTE,
	M_HOME_PHONE_SAFE, M_MOBILE_PHONE_NOTE, M_MOBILE_PHONE_SAFE,
	M_WORK_PHONE_NOTE, M_WORK_PHONE_SAFE, M_OTHER_PHONE_NOTE,
	M_OTHER_PHONE_SAFE, M_FAX_PHONE_NOTE, M_FAX_PHONE_SAFE, M_EXTERNAL_ID,
	M_CREATED, M_UPDATED, M_UPDATE, M_UPDATE_DATA, M__MAX
};

extern const struct field matter_fields[M__MAX];
extern const struct search_face matter_search_face;

/* A matter as loaded: the case's internal id, owner and its JSON. */
struct matter {
	long long	 id;
	const char	*uuid;
	long long	 org_id;
	json_object	*obj;		/* owned by the request's arena */
	const char	*stamp;		/* the case's updated_at as read */
};

int	ls_model_init(void);
int	matter_load(struct req *, const char *uuid, struct matter *);
int	matter_store_doc(struct req *, const struct matter *);
int	matter_get_stored(struct req *, const char *uuid);
int	matters_load_ids(struct req *, const long long *, size_t,
	    json_object **);
int	matter_validate(struct req *, json_object *body, int creating,
	    const char *loc);
int	matter_write(struct req *, struct matter *, json_object *body,
	    json_object *before, int creating);
json_object *lookup_object(const char *table, const char *type_name,
	    const char *json);

int	lookup_input(struct req *, const char *table, json_object *,
	    long long *id);

/* Lookup tables: GET /api/v2/lookups/{table}[/{uuid}]. */
extern const struct search_face lookup_search_face;
int	lookup_table_known(struct req *, const char *table);
int	lookup_value(struct req *, const char *table, const char *uuid,
	    json_object **row, long long *use_count);

/* Matter notes: case notes seen through /api/v2/matters/{uuid}/notes. */
enum note_ls_field {
	NL_ID, NL_UUID, NL_MATTER_ID, NL_MATTER_UUID, NL_SUBJECT, NL_BODY,
	NL_TYPE, NL_POSTED, NL_CREATED, NL_UPDATED, NL__MAX
};

extern const struct field note_ls_fields[NL__MAX];
extern const struct search_face note_search_face;

int	note_load(struct req *, long long case_id, const char *uuid,
	    json_object **);
int	notes_load_ids(struct req *, const long long *, size_t, json_object **);
int	note_validate(struct req *, json_object *body, int creating);
int	note_write(struct req *, long long case_id, const char *uuid,
	    json_object *body, const char **uuid_out);

/*
 * The LegalServer handlers' shared helpers (legalserver.c): bodies decoded
 * as LegalServer does, errors in its shapes, one record's envelope.
 */
enum problem_style { PS_WRITE, PS_SEARCH };

int	ls_finish(struct req *, int status, enum problem_style);
int	ls_error(struct req *, int status, const char *msg);
int	ls_premium(struct req *);
int	ls_body_json(struct req *, int need);
struct search_face;
int	ls_search(struct req *, const struct search_face *);
int	ls_body_custom(struct req *, const struct search_face *,
	    json_object *body, json_object **custom);
int	ls_reply_data(struct req *, int status, json_object *rec,
	    json_object *custom, const char *key);
int	ls_note_change(struct req *, const char *matter_uuid, const char *uuid,
	    json_object *body, json_object **out);

/* Users and organizations (ls_users.c), contacts (ls_contacts.c). */
int	ls_users_search(struct req *);	/* 200, 400, 401 */
int	ls_users_create(struct req *);	/* 201, 200 (upsert), 400, 401, 403, 409 */
int	ls_user_get(struct req *);	/* 200, 400, 401, 403, 404 */
int	ls_user_patch(struct req *);	/* 200, 400, 401, 403, 404, 409 */
int	ls_user_affiliation(struct req *);	/* 200, 400, 401, 403, 404 */
int	ls_orgs_search(struct req *);	/* 200, 400, 401 */
int	ls_orgs_create(struct req *);	/* 201, 200 (upsert), 400, 401, 403, 409 */
int	ls_org_get(struct req *);	/* 200, 400, 401, 403, 404 */
int	ls_org_patch(struct req *);	/* 200, 400, 401, 403, 404, 409 */
int	ls_contacts_search(struct req *);	/* 200, 400, 401 */
int	ls_contacts_create(struct req *);	/* 201, 200 (upsert), 400, 401, 403, 409 */
int	ls_contact_get(struct req *);	/* 200, 400, 401, 403, 404 */
int	ls_contact_patch(struct req *);	/* 200, 400, 401, 403, 404, 409 */

/*
 * Documents (ls_docs.c): an upload's whole body is capped at the gate
 * (413); the bytes go into the database (InnoDB takes a BLOB up to a tenth
 * of its redo log, 96 MiB by default).
 */
#define LS_DOC_MAX	(8u << 20)

int	ls_documents_create(struct req *);	/* 201, 200 (upsert), 400, 401, 403, 404, 413 */
int	ls_documents_search(struct req *);	/* 200, 400, 401 */
int	ls_matter_documents(struct req *);	/* 200, 400, 401, 403, 404 */
int	ls_document_get(struct req *);	/* 200, 400, 401, 403, 404 */
int	ls_document_patch(struct req *);	/* 200, 400, 401, 403, 404 */
int	ls_document_download(struct req *);	/* 200, 400, 401, 403, 404 */
int	ls_matter_zip(struct req *);	/* 200, 400, 401, 403, 404, 413 */

/* Kinds Casegate does not hold (ls_subrecords.c): the empty envelope. */
int	ls_matter_subrecords(struct req *);	/* 200, 400, 401, 403, 404 */
int	ls_empty_search(struct req *);	/* 200, 400, 401 */

/* Top-level notes (ls_notes_top.c): the matter notes by module_id. */
int	ls_top_notes_search(struct req *);	/* 200, 400, 401 */
int	ls_top_notes_create(struct req *);	/* 201, 400, 401, 403, 404 */
int	ls_top_note_get(struct req *);	/* 200, 400, 401, 403, 404 */
int	ls_top_note_patch(struct req *);	/* 200, 400, 401, 403, 404 */

#endif
