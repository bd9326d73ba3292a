/* Handlers of the token family; each returns the HTTP status it set. */
#ifndef CG_TOKEN_H
#define CG_TOKEN_H

struct req;

int	token_post(struct req *);	/* 200, 422, 401, 429, 503 */
int	authenticate_post(struct req *);	/* 200, 401, 403 */
int	users_me(struct req *);		/* 200, 401 */
int	users_list(struct req *);	/* 200, 401 */
int	users_create(struct req *);	/* 201, 401, 409, 422 */
int	users_get(struct req *);	/* 200, 401, 404, 422 */
int	users_patch(struct req *);	/* 200, 401, 404, 409, 422 */
int	orgs_list(struct req *);	/* 200, 401 */
int	orgs_create(struct req *);	/* 201, 401, 409, 422 */
int	orgs_get(struct req *);		/* 200, 401, 404 */
int	orgs_patch(struct req *);	/* 200, 401, 404, 409, 422 */

#endif
