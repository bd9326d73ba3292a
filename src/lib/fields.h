/*
 * Declarative field tables. Each resource declares its fields once (name,
 * JSON type, flags, limits, allowed values, extra check) and the same table
 * drives validation of request bodies (every problem reported at once, in
 * Pydantic's vocabulary) and rendering of database rows as JSON.
 */
#ifndef CG_FIELDS_H
#define CG_FIELDS_H

#include <stddef.h>

#include <json-c/json.h>

struct arena;
struct req;

enum ftype {
	FT_STRING,
	FT_BOOL,
	FT_INT,
	FT_SET,		/* list of values[], stored as a MySQL SET "a,b" */
	FT_DATETIME,	/* stored DATETIME(6), rendered ISO 8601 UTC */
	FT_DATE,	/* ISO date YYYY-MM-DD */
	FT_UUID,	/* a UUID string */
	FT_JSON,	/* any JSON object, stored as its text */
	FT_ENUMLIST,	/* list of values[], stored as JSON text */
	FT_OBJECT,	/* one object of the sub-table */
	FT_LIST,	/* list of objects of the sub-table */
	FT_DECIMAL,	/* a JSON number with at most DECIMAL_PLACES decimals,
			   stored DECIMAL(p, DECIMAL_PLACES) */
	FT_TYPE__MAX
};

#define F_REQUIRED	0x01	/* must be present on create */
#define F_NULLABLE	0x02	/* JSON null (and "%empty%" on Casegate's face) */
#define F_READONLY	0x04	/* rendered, never written: rejected on input */
#define F_WRITEONLY	0x08	/* accepted, never rendered (no column) */
#define F_NONEMPTY	0x10	/* "" is not a value */
#define F_EXT		0x20	/* Casegate face only: unknown on the reference face */
#define F_UPDATE_ONLY	0x40	/* writable on update (nested ids), read-only on create */

/* fields_parse modes. */
#define FP_CREATE	0x01	/* required fields must be present */
#define FP_REF		0x02	/* the reference's face: unknown keys are ignored */
#define FP_UPDATE	0x04	/* nested ids (F_UPDATE_ONLY) are accepted */

#define FIELDS_MAX	128

/* The decimals an FT_DECIMAL keeps (its column's scale). */
#define DECIMAL_PLACES	2

struct field {
	const char		*name;
	enum ftype		 type;
	unsigned		 flags;
	unsigned		 max;		/* chars or items; FT_INT and
					   FT_DECIMAL: the largest value,
					   and then 0 the smallest (a
					   count); 0 = none */
	const char *const	*values;	/* allowed values, NULL-terminated */
	const char		*(*check)(const char *); /* message or NULL */
	const struct field	*sub;		/* FT_OBJECT, FT_LIST */
	size_t			 nsub;
	const char *const	*codes;		/* stored form of values[i] */
	const char *const	*extra;		/* more values, Casegate face only */
	char			*(*norm)(struct arena *, const char *);
	const char		*column;	/* SQL column (children) */
	const char		*def;		/* stored when absent on create */
};

struct fieldvals {
	json_object		*v[FIELDS_MAX];	/* borrowed from the body */
	unsigned long long	 set[FIELDS_MAX / 64]; /* bit i: field i was sent */
};

#define FV_HAS(fv, i)	((((fv)->set[(i) / 64]) >> ((i) % 64)) & 1ULL)

int		 fields_body(struct req *, const struct field *, size_t, int,
		    struct fieldvals *);
int		 fields_parse(struct req *, const struct field *, size_t,
		    json_object *, json_object *, int, struct fieldvals *);
json_object	*fields_render(const struct field *, size_t, char **);
json_object	*fields_render_face(const struct field *, size_t, char **, int);
const char	*field_code(const struct field *, const char *);
json_object	*field_value(const struct field *, const char *, int);
const char	*fv_str(const struct fieldvals *, int);
int		 fv_bool(const struct fieldvals *, int);
int		 fv_any(const struct fieldvals *);
char		*fv_set(struct req *, const struct field *,
		    const struct fieldvals *, int);
unsigned	 set_bits(const char *const *, const char *);
size_t		 utf8_len(const char *, size_t, int *);
void		 db_time_iso(const char *, char *, size_t);
const char	*check_email(const char *);
char		*enum_expected(struct req *, const char *const *);



/* Rendering helpers for handlers (resource.c). */
struct dbq;
int	resp_row(struct req *, int, const struct field *, size_t, char **,
	    const char *);
int	resp_rows(struct req *, const struct field *, size_t, struct dbq *);
int	path_uuid(struct req *, int, const char *);

struct unique_msg {
	const char	*key;	/* the unique key's name; NULL ends the list */
	const char	*msg;
};
int	http_write_failed(struct req *, const struct unique_msg *);
#endif
