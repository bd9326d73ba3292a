/*
 * The HTTP test client: libcurl against the real nginx + workers + MariaDB
 * that tests/run.sh started. The stack is named by the environment:
 * CG_BASE (http://127.0.0.1:PORT), CG_ADMIN_PASSWORD, CASEGATE_CONFIG,
 * CG_HOME (the checkout), CG_DB_SOCKET.
 */
#ifndef CG_TEST_CLIENT_H
#define CG_TEST_CLIENT_H

#include <stddef.h>

#include <json-c/json.h>

struct hres {
	long		 status;
	char		*body;
	size_t		 len;
	char		*headers;	/* raw header block */
	json_object	*json;		/* parsed body, NULL if not JSON */
};

/*
 * One request. hdrs is a NULL-terminated list of "Name: value" lines (may be
 * NULL). body may be NULL. Returns 0 on transport success.
 */
int		 http(struct hres *, const char *method, const char *path,
		    const char *const *hdrs, const char *body, size_t len);
int		 http_json(struct hres *, const char *method, const char *path,
		    const char *token, const char *json);
int		 http_form(struct hres *, const char *path, const char *form);
void		 hres_free(struct hres *);
char		*hres_header(const struct hres *, const char *);	/* malloc'd */
const char	*jget(json_object *, const char *path);	/* "a.b.0.c" -> string */
json_object	*jfind(json_object *, const char *path);

char		*login(const char *user, const char *password);	/* malloc'd */
char		*admin_token(void);
int		 admin_cli(const char *input, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
char		*admin_cli_out(const char *input, int *rc, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
int		 sql(const char *stmt);
char		*sql_value(const char *query);	/* malloc'd */
char		*config_value(const char *key);
char		*unique(const char *prefix);	/* prefix + random suffix */
char		*b64url(const void *, size_t);
char		*make_jwt(const char *header, const char *payload, const char *key);
char		*file_read(const char *path, size_t *len);
char		*S(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char	*jplain(json_object *, const char *path);
const char	*adm(void);	/* the admin's token, fetched once */
void		 adm_prefetch(void);
char		*make_org(int premium);
char		*make_api_key(char **name_out);	/* malloc'd */
char		*make_user(const char *pw, const char *scopes, const char *org,
		    int all_cases);
char		*make_user_token(const char *pw, const char *scopes,
		    const char *org, int all_cases);
void		 assert_error(const struct hres *, long, const char *);
void		 assert_ls400(const struct hres *, const char *, const char *);
void		 assert_keys(json_object *, const char *const *);

#endif
