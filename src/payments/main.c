/*
 * The payments family (efsp-proxy.md section 3): one route table. Every
 * route here needs a client server's X-API-KEY (R_APIKEY: 401, empty body)
 * and then a filer's TYLER-TOKEN-{J} (accounts.c: 403 when missing, 401
 * when unknown, expired or disabled). Errors are plain text (ERR_TEXT), as
 * the reference's are.
 *
 * payment-accounts and global-accounts are one set of handlers: each reads
 * from its route's pattern which of the two it serves (accounts.c).
 *
 * The browser flow's three routes take no API key, since a browser form
 * cannot send one, and answer HTML (toga.c, gateway.c): new-toga-account
 * (the filer's browser, from the client server's page), local-toga (the
 * local stand-in for the card gateway) and toga-account (the callback).
 */
#include "../lib/http.h"
#include "payments.h"
#include "toga.h"

#define P	"/jurisdictions/{}/payments"
#define A	R_APIKEY
#define W	(R_APIKEY | R_TX)
/* An account name or a PATCH object is small; anything bigger is a 413. */
#define SMALL	4096

static const struct route routes[] = {
	{ "GET",    P "/types",                 types_get,      A, 0, 0 },

	{ "GET",    P "/payment-accounts",      accounts_get,   A, 0, 0 },
	{ "POST",   P "/payment-accounts",      account_create, W, 0, SMALL },
	{ "GET",    P "/payment-accounts/{}",   account_get,    A, 0, 0 },
	{ "PATCH",  P "/payment-accounts/{}",   account_patch,  W, 0, SMALL },
	{ "DELETE", P "/payment-accounts/{}",   account_delete, W, 0, 0 },

	{ "GET",    P "/global-accounts",       accounts_get,   A, 0, 0 },
	{ "POST",   P "/global-accounts",       account_create, W, 0, SMALL },
	{ "GET",    P "/global-accounts/{}",    account_get,    A, 0, 0 },
	{ "PATCH",  P "/global-accounts/{}",    account_patch,  W, 0, SMALL },
	{ "DELETE", P "/global-accounts/{}",    account_delete, W, 0, 0 },

	{ "POST",   P "/new-toga-account",      toga_new,       R_FORM | R_TX, 0, TOGA_BODY },
	{ "GET",    P "/local-toga",            gateway_get,    0, 0, 0 },
	{ "POST",   P "/local-toga",            gateway_post,   R_FORM, 0, TOGA_BODY },
	{ "POST",   P "/toga-account",          toga_callback,  R_FORM | R_TX, 0, TOGA_BODY },
};

static const struct app payments_app = {
	"payments", routes, sizeof(routes) / sizeof(routes[0]), ERR_TEXT,
	accounts_init, NULL
};

int
main(void)
{
	return cg_main(&payments_app);
}
