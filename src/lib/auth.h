/*
 * Every way a caller proves who it is: passwords (argon2id), bearer JWTs
 * (HS256, pinned), and the principal they resolve to, loaded from the
 * database at request time so that scopes and the disabled flag take effect
 * at once.
 */
#ifndef CG_AUTH_H
#define CG_AUTH_H

/* Personal access tokens start with this (casegate-admin token create). */
#define PAT_PREFIX	"cgpat_"
#define PAT_LEN		40	/* random alphanumerics after the prefix */

#include <stddef.h>

struct req;
struct arena;
struct principal;

#define PASSWORD_MAX	1024	/* bytes; longer is refused before hashing */
#define HASH_MAX	128

extern const char *const scope_names[];	/* in SCOPE_* bit order */

int		 auth_init(void);
int		 password_hash(const char *, char out[HASH_MAX]);
int		 password_verify(const char *encoded, const char *);
void		 password_burn(const char *);	/* same cost, always false */
char		*jwt_issue(struct arena *, const char *sub, unsigned scopes);
char		*jwt_check(struct arena *, const char *token);
struct principal *principal_load(struct req *, const char *username);
int		 auth_bearer(struct req *);
int		 auth_scope(struct req *, unsigned scope);

#endif
