/*
 * The token family: POST /token (OAuth2 password grant -> JWT), the users and
 * organisations admin API, and /health. One route table; each resource's
 * handlers live in a file of their own.
 */
#include "../lib/http.h"
#include "token.h"

static const struct route routes[] = {
	{ "GET",   "/health",    health_get,  0, 0, 0 },
	{ "POST",  "/token",     token_post,  R_VERSIONED | R_FORM, 0, 0 },
	{ "POST",  "/authenticate", authenticate_post, 0, 0, 0 },
	{ "GET",   "/users/me",  users_me,    R_AUTH, 0, 0 },
	{ "GET",   "/users",     users_list,  0, SCOPE_ADMIN, 0 },
	{ "POST",  "/users",     users_create, R_JSON | R_TX, SCOPE_ADMIN, 0 },
	{ "GET",   "/users/{}",  users_get,   0, SCOPE_ADMIN, 0 },
	{ "PATCH", "/users/{}",  users_patch, R_JSON | R_TX, SCOPE_ADMIN, 0 },
	{ "GET",   "/orgs",      orgs_list,   0, SCOPE_ADMIN, 0 },
	{ "POST",  "/orgs",      orgs_create, R_JSON | R_TX, SCOPE_ADMIN, 0 },
	{ "GET",   "/orgs/{}",   orgs_get,    0, SCOPE_ADMIN, 0 },
	{ "PATCH", "/orgs/{}",   orgs_patch,  R_JSON | R_TX, SCOPE_ADMIN, 0 },
};

static const struct app token_app = {
	"token", routes, sizeof(routes) / sizeof(routes[0]), ERR_FASTAPI, NULL,
	NULL
};

int
main(void)
{
	return cg_main(&token_app);
}
