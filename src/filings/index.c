/*
 * The public indexes (spec 1.1), no API key: GET / (the service map),
 * GET /about (version), GET /jurisdictions (name -> URL) and
 * GET /jurisdictions/{j}/ (the sub-services served there). Shapes are the
 * reference's: / maps its service class names to URLs, a jurisdiction maps
 * Java method names to {url, method, query_params}.
 *
 * Statuses: 200; 404 for a jurisdiction that is not served.
 */
#include <string.h>

#include "../lib/config.h"
#include "../lib/efile.h"
#include "../lib/http.h"
#include "filings.h"

int
root_get(struct req *r)
{
	const char	*b = efile_base_url(r);
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "AuthenticationService",
	    json_object_new_string(arena_printf(&r->a, "%s/authenticate", b)));
	json_object_object_add(o, "JurisdictionSwitch",
	    json_object_new_string(arena_printf(&r->a, "%s/jurisdictions", b)));
	json_object_object_add(o, "MessageSettingsService",
	    json_object_new_string(arena_printf(&r->a, "%s/messages", b)));
	json_object_object_add(o, "ApiUserSettingsService",
	    json_object_new_string(arena_printf(&r->a, "%s/api_user_settings", b)));
	json_object_object_add(o, "getVersionInfo",
	    json_object_new_string(arena_printf(&r->a, "%s/about", b)));
	return resp_json(r, 200, o);
}

/* The deployment says which build it runs; the defaults name none. */
int
about_get(struct req *r)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "version",
	    json_object_new_string(cfg("CASEGATE_VERSION", "0.1.0")));
	json_object_object_add(o, "commit",
	    json_object_new_string(cfg("CASEGATE_COMMIT", "unknown")));
	return resp_json(r, 200, o);
}

/* Every configured jurisdiction, lower-cased, as the reference's map. */
int
jurisdictions_get(struct req *r)
{
	const char	*list = cfg("CASEGATE_JURISDICTIONS", "illinois,massachusetts");
	const char	*b = efile_base_url(r);
	json_object	*o = json_object_new_object();

	while (*list) {
		size_t k = strcspn(list, ",");
		if (k > 0 && k <= 40) {
			char *j = arena_strndup(&r->a, list, k);
			for (char *c = j; *c; c++)
				*c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
			json_object_object_add(o, j, json_object_new_string(
			    arena_printf(&r->a, "%s/jurisdictions/%s", b, j)));
		}
		list += k + (list[k] == ',');
	}
	return resp_json(r, 200, o);
}

/*
 * The sub-services Casegate serves under a jurisdiction. The reference also
 * lists adminusers and (Illinois) scheduling, which Casegate does not
 * serve, so they are left out rather than linked to a 404.
 */
static const struct link services[] = {
	{ "getAll",                     "/",                    NULL, 0 },
	{ "getCodesService",            "/codes",               NULL, 0 },
	{ "getCasesService",            "/cases",               NULL, 0 },
	{ "getFilingReviewService",     "/filingreview",        NULL, 0 },
	{ "getFirmAttorneyService",     "/firmattorneyservice", NULL, 0 },
	{ "getPaymentsService",         "/payments",            NULL, 0 },
};

int
jurisdiction_get(struct req *r)
{
	const char *j;

	if ((j = juris(r, 0)) == NULL)
		return r->status;
	return resp_json(r, 200, link_map(r, arena_printf(&r->a,
	    "/jurisdictions/%s", j), services, NCOLS(services), 0, NULL));
}
