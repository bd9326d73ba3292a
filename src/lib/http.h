/*
 * The request/response core shared by every family: one struct req per
 * request (arena-owned), one route table per binary, one front gate that runs
 * method -> route -> size -> body decoding -> auth -> transaction -> handler,
 * and one renderer for every error in the family's shape.
 */
#ifndef CG_HTTP_H
#define CG_HTTP_H

#include <stddef.h>

#include <json-c/json.h>

#include "arena.h"
#include "util.h"

enum err_style {
	ERR_FASTAPI,		/* {"detail": ...}; 422 {"detail": [problems]} */
	ERR_TEXT,		/* a short plain-text reason (the judgments feed) */
	ERR_STYLE__MAX
};

#define SCOPE_READ	0x01
#define SCOPE_CREATE	0x02
#define SCOPE_UPDATE	0x04
#define SCOPE_DELETE	0x08
#define SCOPE_ADMIN	0x10

/* Who made the request, loaded from the database at request time. */
struct principal {
	long long	 id;
	const char	*uuid;
	const char	*username;
	unsigned	 scopes;		/* SCOPE_* bits */
	int		 disabled;
	int		 all_cases;
	long long	 org_id;		/* 0 = no organisation */
	const char	*org;
	int		 premium;
	char		**row;			/* the user, as USER_COLUMNS */
};

struct req;
typedef int (*handler_fn)(struct req *);

/* Route flags. */
#define R_VERSIONED	0x01	/* also served under /v1 and /latest */
#define R_JSON		0x02	/* JSON body, decoded before auth */
#define R_FORM		0x04	/* urlencoded form body */
#define R_TX		0x08	/* one transaction, retried on deadlock */
#define R_AUTH		0x10	/* bearer token required */
#define R_APIKEY	0x20	/* X-API-KEY of a client server (401, empty) */
#define R_LSERR		0x40	/* the gate's errors in LegalServer's shape:
				   {"error_message"}; a missing scope is 403 */

struct route {
	const char	*method;	/* "GET", "POST", ... */
	const char	*pattern;	/* "/users/{}": {} is one segment, {*} several */
	handler_fn	 fn;
	unsigned	 flags;		/* R_* */
	unsigned	 scope;		/* SCOPE_* needed (implies R_AUTH) */
	size_t		 max_body;	/* 0: CASEGATE_MAX_BODY */
};

/*
 * A read that rides on the caller's statement: for a route with handler fn,
 * the SELECT that loads the principal (auth.c) also reads the row of table
 * whose key is path parameter 0, by a LEFT JOIN, so that a read by id is
 * one round trip, not two. cols(r) names that row's columns as x.<column>.
 * Only for a route that needs a caller (a scope), so the handler always has
 * them, in req.ride.
 */
struct ride {
	handler_fn	 fn;
	const char	*table;
	const char	*key;
	const char	*(*cols)(struct req *);
};

struct app {
	const char		*name;
	const struct route	*routes;
	size_t			 nroutes;
	enum err_style		 style;
	int			(*init)(void);
	const struct ride	*rides;		/* NULL, or ended by fn NULL */
};

#define MAX_PARAMS_PATH	8

struct req {
	struct arena		 a;
	void			*fcgx;		/* FCGX_Request, NULL under CGI */
	const struct app	*app;
	const struct route	*route;

	const char		*method;
	const char		*path;		/* decoded, no trailing slash */
	const char		*version;	/* "v1", "latest" or NULL */
	const char		*query_string;
	struct kvlist		 query;
	const char		*params[MAX_PARAMS_PATH];
	const char		*content_type;	/* lower-case, no parameters */
	char			*body;
	size_t			 body_len;
	json_object		*json;		/* R_JSON: the decoded body */
	int			 body_not_json;	/* R_JSON: body present, not JSON */
	struct kvlist		 form;		/* R_FORM */
	const char		*request_id;
	const char		*remote_addr;
	struct principal	*who;
	char			**ride;		/* the route's ride: its cols, or NULL
						   when there is no such record */
	long long		 api_key_id;	/* R_APIKEY: the key's row */
	int			 head;		/* HEAD: send no body */
	int			 streamed;	/* headers already sent */
	int			 bare;		/* an error with an empty body */

	int			 status;
	const char		*ctype;
	struct kvlist		 headers;	/* extra response headers */
	struct buf		 out;
	const char		*detail;	/* error message */
	json_object		*problems;	/* validation problems (array) */
	double			 t0;
};

int		 cg_main(const struct app *);

const char	*req_env(struct req *, const char *);
const char	*req_header(struct req *, const char *);

void		 resp_header(struct req *, const char *, const char *);
int		 resp_json(struct req *, int, json_object *);
int		 resp_raw(struct req *, int, const char *, const char *, size_t);
void		 resp_stream_begin(struct req *, int, const char *);
void		 resp_stream_write(struct req *, const char *, size_t);
int		 http_error(struct req *, int, const char *);
int		 http_bare(struct req *, int);
int		 http_db_error(struct req *);
int		 http_422(struct req *);
const char	*http_reason(int);

json_object	*loc_new(const char *, ...);	/* NULL-terminated strings */
json_object	*loc_with(json_object *, const char *);
json_object	*loc_with_index(json_object *, size_t);
void		 problem_add(struct req *, const char *type, json_object *loc,
		    const char *msg, json_object *input, json_object *ctx);
int		 problem_count(struct req *);

json_object	*jstr(const char *);
json_object	*req_keep(struct req *, json_object *);	/* NULL -> JSON null */

int		 health_get(struct req *);

#endif
