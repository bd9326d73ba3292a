/*
 * The record kinds LegalServer has and Casegate does not hold (spec
 * section 12): a matter's additional names, adverse parties, assignments,
 * charges, contacts, incomes, litigations, non-adverse parties, services
 * and the like, and the top-level events and tasks. The vendor's client
 * searches them after every matter it reads and takes anything but the
 * empty search envelope as an error, so each answers that envelope, through
 * the same search machinery as every other search (paging and
 * custom_results checked, a scope that matches nothing), after the same
 * matter checks as the matter notes.
 */
#include <stdlib.h>
#include <string.h>

#include "../lib/db.h"
#include "../lib/http.h"
#include "legalserver.h"

static const char *const kinds[] = {
	"additional_names", "adverse_parties", "assignments", "charges",
	"contacts", "incomes", "litigations", "non_adverse_parties", "services",
	"government_generated_ids", "related_matters", "events", "tasks",
	"assets", "expenses", NULL
};

static const char *const no_results[] = { NULL };

static const struct filter_def none_filters[] = {
	{ "matters", K_UUID, "c.uuid = ?", NULL, NULL },
};

static int
load_none(struct req *r, const long long *ids, size_t n, json_object **out)
{
	return 0;
}

/* Nothing is held: the scope below matches no row. */
static const struct search_face none_face = {
	.filters = none_filters,
	.nfilters = 1,
	.results = no_results,
	.key = "uuid",
	.star = 1,
	.json_lists = 1,
	.load = load_none,
};

static int
empty_page(struct req *r)
{
	struct dbp	nothing = { .t = 'i', .i = 0 };
	int		st;

	if ((st = ls_body_json(r, 0)) != 0)
		return st;
	return search_page_in(r, &none_face, "1 = ?", &nothing);
}

/* GET /api/v2/matters/{uuid}/{kind}. */
static int
matter_subrecords(struct req *r)
{
	char	**row;
	size_t	  k;

	for (k = 0; kinds[k] && strcmp(kinds[k], r->params[1]) != 0; k++)
		;
	if (kinds[k] == NULL)
		return ls_error(r, 404, "Not Found");
	if (!uuid_valid(r->params[0]))
		return ls_error(r, 400, "Invalid matter_uuid");
	row = db_one(&r->a, "SELECT org_id FROM cases WHERE uuid = ?", "s",
	    r->params[0]);
	if (row == NULL)
		return db_last() != DB_OK ? http_db_error(r) :
		    ls_error(r, 404, "Unknown matter");
	if (!case_visible(r, row[0] ? strtoll(row[0], NULL, 10) : 0))
		return ls_error(r, 403, "User does not have permissions: "
		    "API Access All Cases");
	return empty_page(r);
}

int
ls_matter_subrecords(struct req *r)
{
	return ls_finish(r, matter_subrecords(r), PS_SEARCH);
}

/* GET /api/v2/events, /api/v2/tasks (?matters=<uuid>). */
int
ls_empty_search(struct req *r)
{
	return ls_finish(r, empty_page(r), PS_SEARCH);
}
