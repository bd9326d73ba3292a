/*
 * The cases family: the civil legal-aid case store. model.c declares what a
 * case holds (one field table per part) and reads and writes it; cases.c
 * serves the LAA case API over it; search.c the query power (filters,
 * paging, custom_results, upsert); lookups.c and conflicts.c the rest.
 */
#ifndef CG_CASES_H
#define CG_CASES_H

#include <json-c/json.h>

#include "../lib/fields.h"

struct req;

/* The two faces of one store (see README, "Two faces"). */
#define FACE_CASEGATE	0
#define FACE_REF	1
#define FACE_BOTH	2	/* loads only: obj and obj_ref */

int		 req_face(struct req *);

enum case_field {
	C_ID, C_CASE_TYPE, C_NOTES, C_PEOPLE, C_TRACKER, C_OUTCOMES,
	C_ADAPTATIONS, C_EXTERNAL_ID, C_UPDATE, C_CREATED, C_UPDATED, C__MAX
};

extern const struct field case_fields[C__MAX];

/* A case as loaded: its internal id, owner and JSON in one face. */
struct case_rec {
	long long	 id;
	const char	*uuid;
	long long	 org_id;
	json_object	*obj;		/* owned by the request's arena */
	json_object	*obj_ref;	/* FACE_BOTH: the reference's face */
};

int		 model_init(void);
int		 case_load(struct req *, const char *uuid, struct case_rec *,
		    int face);
int		 cases_load_ids(struct req *, const long long *, size_t,
		    struct case_rec *, int face);
int		 case_visible(struct req *, long long org_id);
int		 case_store_docs(struct req *, const struct case_rec *);
int		 case_write(struct req *, struct case_rec *, json_object *body,
		    int creating);
int		 history_add(struct req *, const char *uuid, const char *action,
		    json_object *before, json_object *after);
json_object	*case_stamp(const char *, const char *, const char *, int face);

int	cases_create(struct req *);	/* 201, 200 (upsert), 400, 401, 403, 409, 422 */
int	cases_list(struct req *);	/* 200, 401 */
int	cases_get(struct req *);	/* 200, 401, 403, 404, 422 */
int	cases_patch(struct req *);	/* 200, 401, 403, 404, 409, 422 */
int	cases_delete(struct req *);	/* 204, 401, 403, 404, 422 */
int	cases_history(struct req *);	/* 200, 401, 403, 404, 422 */
int	cases_search(struct req *);	/* 200, 401, 422 */
int	search_matches(struct req *, json_object *filters, long long *ids,
	    size_t max, size_t *n);
int	lookups_get(struct req *);	/* 200, 401, 404 */
int	conflicts_post(struct req *);	/* 200, 401, 402, 422 */

#endif
