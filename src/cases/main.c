/*
 * The cases family: the LAA case API (unprefixed on Casegate's face, under
 * /v1 and /latest on the reference's), search, lookups, conflict checks.
 * One route table; each resource's handlers live in a file of their own.
 */
#include "../lib/http.h"
#include "cases.h"
#include "legalserver.h"

#define V R_VERSIONED

static const struct route routes[] = {
	{ "GET",    "/health",           health_get,     0, 0, 0 },
	{ "POST",   "/cases",            cases_create,   V | R_JSON | R_TX, SCOPE_CREATE, 0 },
	{ "GET",    "/cases",            cases_list,     V, SCOPE_READ, 0 },
	{ "GET",    "/cases/search",     cases_search,   0, SCOPE_READ, 0 },
	{ "POST",   "/cases/search",     cases_search,   R_JSON, SCOPE_READ, 0 },
	{ "GET",    "/cases/{}",         cases_get,      V, SCOPE_READ, 0 },
	{ "PATCH",  "/cases/{}",         cases_patch,    V | R_JSON | R_TX, SCOPE_UPDATE, 0 },
	{ "PUT",    "/cases/{}",         cases_patch,    V | R_JSON | R_TX, SCOPE_UPDATE, 0 },
	{ "DELETE", "/cases/{}",         cases_delete,   V | R_TX, SCOPE_DELETE, 0 },
	{ "GET",    "/cases/{}/history", cases_history,  0, SCOPE_READ, 0 },
	{ "GET",    "/lookups/{}",       lookups_get,    0, SCOPE_READ, 0 },
	{ "POST",   "/conflicts",        conflicts_post, R_JSON, SCOPE_READ, 0 },
	/* The LegalServer Core API surface (legalserver.c): bodies decoded there. */
	{ "GET",    "/api/v2/matters",    ls_matters_search, R_LSERR, SCOPE_READ, 0 },
	{ "POST",   "/api/v2/matters",    ls_matters_create, R_TX | R_LSERR, SCOPE_CREATE, 0 },
	{ "GET",    "/api/v2/matters/{}", ls_matter_get,     R_LSERR, SCOPE_READ, 0 },
	{ "PATCH",  "/api/v2/matters/{}", ls_matter_patch,   R_TX | R_LSERR, SCOPE_UPDATE, 0 },
	{ "GET",    "/api/v2/matters/{}/notes",    ls_notes_search, R_LSERR, SCOPE_READ, 0 },
	{ "POST",   "/api/v2/matters/{}/notes",    ls_notes_create, R_TX | R_LSERR, SCOPE_CREATE, 0 },
	{ "GET",    "/api/v2/matters/{}/notes/{}", ls_note_get,     R_LSERR, SCOPE_READ, 0 },
	{ "PATCH",  "/api/v2/matters/{}/notes/{}", ls_note_patch,   R_TX | R_LSERR, SCOPE_UPDATE, 0 },
	{ "GET",    "/api/v2/lookups/{}",    ls_lookups_search, R_LSERR, SCOPE_READ, 0 },
	{ "GET",    "/api/v2/lookups/{}/{}", ls_lookup_get,     R_LSERR, SCOPE_READ, 0 },
	{ "POST",   "/api/v1/conflict_check", ls_conflict_check, R_LSERR, SCOPE_READ, 0 },
	/* LegalServer users and organizations are Casegate's (ls_users.c). */
	{ "GET",    "/api/v2/users",       ls_users_search, R_LSERR, SCOPE_READ, 0 },
	{ "POST",   "/api/v2/users",       ls_users_create, R_TX | R_LSERR, SCOPE_ADMIN, 0 },
	{ "GET",    "/api/v2/users/{}",    ls_user_get,     R_LSERR, SCOPE_READ, 0 },
	{ "PATCH",  "/api/v2/users/{}",    ls_user_patch,   R_TX | R_LSERR, SCOPE_ADMIN, 0 },
	{ "GET",    "/api/v2/users/{}/organization_affiliation", ls_user_affiliation, R_LSERR, SCOPE_READ, 0 },
	{ "GET",    "/api/v2/organizations",    ls_orgs_search, R_LSERR, SCOPE_READ, 0 },
	{ "POST",   "/api/v2/organizations",    ls_orgs_create, R_TX | R_LSERR, SCOPE_ADMIN, 0 },
	{ "GET",    "/api/v2/organizations/{}", ls_org_get,     R_LSERR, SCOPE_READ, 0 },
	{ "PATCH",  "/api/v2/organizations/{}", ls_org_patch,   R_TX | R_LSERR, SCOPE_ADMIN, 0 },
	{ "GET",    "/api/v2/contacts",    ls_contacts_search, R_LSERR, SCOPE_READ, 0 },
	{ "POST",   "/api/v2/contacts",    ls_contacts_create, R_TX | R_LSERR, SCOPE_CREATE, 0 },
	{ "GET",    "/api/v2/contacts/{}", ls_contact_get,     R_LSERR, SCOPE_READ, 0 },
	{ "PATCH",  "/api/v2/contacts/{}", ls_contact_patch,   R_TX | R_LSERR, SCOPE_UPDATE, 0 },
	{ "GET",    "/api/v2/notes",       ls_top_notes_search, R_LSERR, SCOPE_READ, 0 },
	{ "POST",   "/api/v2/notes",       ls_top_notes_create, R_TX | R_LSERR, SCOPE_CREATE, 0 },
	{ "GET",    "/api/v2/notes/{}",    ls_top_note_get,     R_LSERR, SCOPE_READ, 0 },
	{ "PATCH",  "/api/v2/notes/{}",    ls_top_note_patch,   R_TX | R_LSERR, SCOPE_UPDATE, 0 },
	/* Documents (ls_docs.c): multipart uploads within LS_DOC_MAX. */
	{ "GET",    "/api/v2/documents",    ls_documents_search, R_LSERR, SCOPE_READ, 0 },
	{ "POST",   "/api/v2/documents",    ls_documents_create, R_TX | R_LSERR, SCOPE_CREATE, LS_DOC_MAX },
	{ "GET",    "/api/v2/documents/{}", ls_document_get,     R_LSERR, SCOPE_READ, 0 },
	{ "PATCH",  "/api/v2/documents/{}", ls_document_patch,   R_TX | R_LSERR, SCOPE_UPDATE, 0 },
	{ "GET",    "/api/v2/matters/{}/documents", ls_matter_documents, R_LSERR, SCOPE_READ, 0 },
	{ "POST",   "/api/v1/documents/matter_zip", ls_matter_zip, R_TX | R_LSERR, SCOPE_CREATE, LS_DOC_MAX },
	{ "GET",    "/modules/document/download.php", ls_document_download, R_LSERR, SCOPE_READ, 0 },
	/* Kinds not held answer the empty envelope (ls_subrecords.c); last, so
	   that the matter's notes and documents match first. */
	{ "GET",    "/api/v2/events",       ls_empty_search, R_LSERR, SCOPE_READ, 0 },
	{ "GET",    "/api/v2/tasks",        ls_empty_search, R_LSERR, SCOPE_READ, 0 },
	{ "GET",    "/api/v2/matters/{}/{}", ls_matter_subrecords, R_LSERR, SCOPE_READ, 0 },
};

/* Reads by id whose record comes with the caller's row (http.h). */
static const struct ride rides[] = {
	{ cases_get,     "cases", "uuid", case_ride_cols },
	{ ls_matter_get, "cases", "uuid", matter_ride_cols },
	{ NULL, NULL, NULL, NULL },
};

static const struct app cases_app = {
	"cases", routes, sizeof(routes) / sizeof(routes[0]), ERR_FASTAPI,
	model_init, rides
};

int
main(void)
{
	return cg_main(&cases_app);
}
