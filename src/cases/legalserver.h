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
	M_CLIENT_FULL_NAME, M_FIRST, M_MIDDLE, M_LAST, M_IS_GROUP, M_ORG_NAME,
	M_EMAIL, M_DOB, M_HOME_PHONE, M_MOBILE_PHONE, M_WORK_PHONE,
	M_OTHER_PHONE, M_ADDRESS_HOME, M_HOME_STREET, M_HOME_STREET_2,
	M_HOME_APT, M_HOME_CITY, M_HOME_STATE, M_HOME_ZIP, M_DISPOSITION,
	M_LPC, M_LPCAT, M_LANGUAGE, M_GENDER, M_COUNTY, M_INTAKE_PROGRAM,
	M_PRESCREEN_SS, M_CASE_STATUS, M_DATE_OPENED, M_DATE_CLOSED,
	M_INTAKE_DATE, M_DATE_REJECTED, M_PRESCREEN_DATE, M_EXTERNAL_ID,
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
};

int	ls_model_init(void);
int	matter_load(struct req *, const char *uuid, struct matter *);
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

#endif
