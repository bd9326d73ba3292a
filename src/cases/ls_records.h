/*
 * LegalServer records that are rows of one table (users, organizations,
 * contacts): each declares its field table, a column table beside it and
 * a search face, and ls_records.c serves search, create with upsert, get
 * and patch for all of them from those declarations.
 */
#ifndef CG_LS_RECORDS_H
#define CG_LS_RECORDS_H

#include <json-c/json.h>

#include "../lib/fields.h"
#include "legalserver.h"

struct req;

enum lc_kind {
	LC_PLAIN,	/* the field's own type */
	LC_JSON,	/* JSON text (an object built in SQL), null when NULL */
	LC_NOT,		/* a boolean stored inverted (active = NOT disabled) */
	LC_LOOKUP,	/* a lookup value's id, read as a lookup object */
};

/* Where one field lives. */
struct ls_col {
	const char	*read;		/* SELECT expression; NULL: not read */
	const char	*write;		/* column written; NULL: not written */
	enum lc_kind	 kind;
	const char	*lookup;	/* LC_LOOKUP: the lookup table */
	const char	*type_name;	/* LC_LOOKUP: its lookup_type_name */
};

#define LS_DERIVED_MAX	8

/* Columns a record derives from the body (a user's name from its parts). */
struct ls_derived {
	int		 has[LS_DERIVED_MAX];
	const char	*val[LS_DERIVED_MAX];
};

struct ls_record {
	const char		*what;		/* "user": "Unknown user" */
	const char		*key;		/* "user_uuid": "Invalid user_uuid" */
	const struct field	*fields;
	const struct ls_col	*cols;
	size_t			 n;
	const char		*table;		/* written: "users" */
	const char		*alias;		/* its alias in from: "u" */
	const char		*from;		/* read: "users u LEFT JOIN ..." */
	const char		*owner_col;	/* "x.org_id": the creator's org is
						   stored; NULL: not owned */
	const struct search_face *face;	/* visible/admin_all as for reads */
	const struct unique_msg	*unique;
	unsigned		 update_scope;	/* an upsert that updates needs it */
	const char		*deny;		/* 403: another org's record */
	const char *const	*derived;	/* column names, NULL-terminated */
	/* Reference inputs (lookups, organizations) in place: problems
	   added at base.<key>; -1 on a database error. */
	int	(*prepare)(struct req *, json_object *body, json_object *base);
	/* The derived columns' values from the body and the record before
	   (NULL on create); -1 on an error. */
	int	(*derive)(struct req *, json_object *body, json_object *before,
		    struct ls_derived *);
	/* After the row is written (child rows); 0, or the status rendered. */
	int	(*after)(struct req *, long long id, json_object *body);
	/* Adds what the row's SELECT does not hold (child rows). */
	int	(*extend)(struct req *, const long long *ids, size_t n,
		    json_object **recs);
};

int	ls_rec_load_ids(struct req *, const struct ls_record *,
	    const long long *ids, size_t n, json_object **out);
int	ls_rec_search(struct req *, const struct ls_record *);
int	ls_rec_create(struct req *, const struct ls_record *);
int	ls_rec_get(struct req *, const struct ls_record *);
int	ls_rec_patch(struct req *, const struct ls_record *);
int	ls_org_input(struct req *, json_object *body, const char *key,
	    json_object *base);

extern const struct ls_record user_record, org_record, contact_record;

#endif
