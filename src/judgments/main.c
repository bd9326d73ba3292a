/*
 * The judgments family: the public Atom feed and its JSON twin, document
 * XML by URI or identifier slug, the deprecated per-court feed paths, and
 * PUT data.xml for publishers. One route table; each resource lives in a
 * file of its own (feed.c, document.c), the parameters in params.c.
 * Errors are short text/plain reasons (ERR_TEXT), as the reference's are.
 */
#include "../lib/config.h"
#include "../lib/http.h"
#include "judgments.h"

/*
 * Not const: judgments_init() sets the PUT body limit from the
 * configuration before the first request.
 */
static struct route routes[] = {
	{ "GET", "/atom.xml",       feed_atom_get,       0, 0, 0 },
	{ "GET", "/judgments",      feed_json_get,       0, 0, 0 },
	{ "GET", "/{*}/data.xml",   document_get,        0, 0, 0 },
	{ "PUT", "/{*}/data.xml",   document_put,        R_TX, SCOPE_ADMIN, 0 },
	{ "GET", "/{*}/atom.xml",   feed_deprecated_get, 0, 0, 0 },
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

static int
init(void)
{
	for (size_t i = 0; i < NROUTES; i++)
		if (routes[i].fn == document_put)
			routes[i].max_body = (size_t)cfg_long(
			    "CASEGATE_JUDGMENTS_MAX_BODY", 16L << 20, 1024, 1L << 30);
	return judgments_init();
}

static const struct app judgments_app = {
	"judgments", routes, NROUTES, ERR_TEXT, init, NULL
};

int
main(void)
{
	return cg_main(&judgments_app);
}
