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
	const char	*text;		/* the face's document as text (loads
					   by id) */
	const char	*stamp;		/* updated_at as read (rendered loads) */
	struct case_written *written;	/* set by a create (case_write):
					   obj and obj_ref are built and
					   stored from the rows it wrote */
};

int		 model_init(void);
int		 case_load(struct req *, const char *uuid, struct case_rec *,
		    int face);
int		 case_load_id(struct req *, long long id, struct case_rec *,
		    int face);
void		 case_fill_docs(struct req *, const struct case_rec *, size_t);
int		 cases_load_ids(struct req *, const long long *, size_t,
		    struct case_rec *, int face);
int		 cases_load_text(struct req *, const long long *, size_t,
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
const char *case_ride_cols(struct req *);	/* its record with the caller */
int	cases_patch(struct req *);	/* 200, 401, 403, 404, 409, 422 */
int	cases_delete(struct req *);	/* 204, 401, 403, 404, 422 */
int	cases_history(struct req *);	/* 200, 401, 403, 404, 422 */
int	cases_search(struct req *);	/* 200, 401, 422 */
int	search_matches(struct req *, json_object *filters, long long *ids,
	    size_t max, size_t *n);

/*
 * A search face: the filters, the fields custom_results may name and the
 * loader of its records. The LAA case search and the LegalServer matter
 * search are two faces of the same machinery (search.c).
 */
enum fkind { K_TEXT, K_LIKE, K_CASE_TYPE, K_NOTE_TYPE, K_POSTCODE, K_PHONE,
	K_TIME, K_DATE, K_INT, K_DECIMAL, K_UUID, K_CASE_NUMBER, K_LOOKUP, K_BOOL,
	K_REF };

struct filter_def {
	const char	*name;
	enum fkind	 kind;
	const char	*sql;		/* the value bound at each "?" */
	const char	*null_sql;	/* "%empty%"; NULL: not accepted */
	const char	*lookup;	/* K_LOOKUP: the lookup table; K_REF: the
					   kind of row ("office", "user") */
};

struct search_face {
	const struct filter_def	*filters;
	size_t			 nfilters;
	const char *const	*results;	/* custom_results may name */
	const char		*key;		/* always in a projection */
	int			 star;		/* custom_results "*": all */
	int			 json_lists;	/* ["a","b"] text in a query */
	int			 bools;		/* JSON true/false as filter values */
	const char *const	*results_values; /* "results=": allowed, or NULL */
	const char		*from;		/* NULL: "cases c" */
	const char		*id_col;	/* NULL: "c.id" */
	const char		*visible;	/* two "?": all cases, org; NULL:
						   "(? OR c.org_id <=> ?)" */
	int			 admin_all;	/* the admin scope sees all too */
	int			(*load)(struct req *, const long long *ids,
				    size_t n, json_object **out);
	/* Optional: the column of a record's stored JSON text, which a
	   page without custom_results sends as it is; and the text of
	   records that have none yet (out[i] for ids[i], NULL if gone). */
	const char		*(*text_col)(struct req *);
	int			(*load_text)(struct req *, const long long *ids,
				    size_t n, const char **out);
};

extern const struct search_face case_search_face;

int		 search_page(struct req *, const struct search_face *);
int		 search_in_order(const long long *ids, size_t n,
		    const long long *got_ids, json_object **got, size_t m,
		    json_object **out);
struct dbp;
int		 search_page_in(struct req *, const struct search_face *,
		    const char *scope_sql, const struct dbp *scope);
int		 search_matches_face(struct req *, const struct search_face *,
		    const char *key, json_object *filters, long long *ids,
		    size_t max, size_t *n);
int		 search_custom(struct req *, const struct search_face *,
		    json_object **custom);
int		 search_custom_value(struct req *, const struct search_face *,
		    json_object *, json_object **custom);
json_object	*search_project(json_object *full, json_object *custom,
		    const char *key);
/* A lookup value by name, id or uuid: 0 with *id (0: none), -1 db error. */
int		 lookup_resolve(struct req *, const char *table, const char *v,
		    long long *id);
/* A row a reference of this kind names (an office by name or id, a user
   by uuid or id; ls_model.c): 0 with *id (0: none), -1 db error. */
int		 ref_resolve(struct req *, const char *kind, const char *v,
		    long long *id);
int	lookups_get(struct req *);	/* 200, 401, 404 */
int	conflicts_post(struct req *);	/* 200, 401, 402, 422 */

/* The LegalServer surface (legalserver.c); errors in its shapes. */
int	ls_matters_search(struct req *);	/* 200, 400, 401 */
int	ls_matters_create(struct req *);	/* 201, 200 (upsert), 400, 401, 402, 403, 409 */
int	ls_matter_get(struct req *);	/* 200, 400, 401, 403, 404 */
const char *matter_ride_cols(struct req *);	/* the same */
int	ls_matter_patch(struct req *);	/* 200, 400, 401, 402, 403, 404, 409 */
int	ls_notes_search(struct req *);	/* 200, 400, 401, 403, 404 */
int	ls_notes_create(struct req *);	/* 201, 400, 401, 403, 404 */
int	ls_note_get(struct req *);	/* 200, 400, 401, 403, 404 */
int	ls_note_patch(struct req *);	/* 200, 400, 401, 403, 404 */
int	ls_lookups_search(struct req *);	/* 200, 400, 401, 404 */
int	ls_lookup_get(struct req *);	/* 200, 400, 401, 404 */
int	ls_conflict_check(struct req *);	/* 200, 400, 401, 402 */
int	ls_model_init(void);

#endif
