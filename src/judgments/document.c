/*
 * GET|HEAD /{document_uri}/data.xml and /{identifier slug}/data.xml: the
 * stored bytes, unchanged (spec 3), with an ETag of those bytes and
 * Last-Modified. PUT /{document_uri}/data.xml: publishing over HTTP, for
 * tokens with scope admin.
 */
#include <stdio.h>
#include <string.h>

#include "../lib/db.h"
#include "../lib/http.h"
#include "judgments.h"

#define DOC_COLS "id, xml_sha256, DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s')"

/*
 * The document a path names: as a URI first, else as an identifier slug
 * ("tna.<fclid>" or an NCN slug) that must name exactly one document.
 * Returns its row (DOC_COLS), or NULL with *st 404 or a database error.
 */
static char **
resolve(struct req *r, const char *path, int *st)
{
	struct dbq	*q;
	char		**row, **found = NULL;
	int		 n = 0;

	*st = 404;
	if (uri_valid(path)) {
		row = db_one(&r->a, "SELECT " DOC_COLS " FROM judgments WHERE "
		    "uri = ? AND published = 1", "s", path);
		if (row != NULL)
			return row;
		if (db_last() != DB_OK) {
			*st = http_db_error(r);
			return NULL;
		}
	}
	if (strncmp(path, "tna.", 4) == 0 && fclid_valid(path + 4))
		q = db_run(&r->a, "SELECT " DOC_COLS " FROM judgments WHERE "
		    "fclid = ? AND published = 1 LIMIT 2", "s", path + 4);
	else if (strlen(path) <= 255)
		q = db_run(&r->a, "SELECT " DOC_COLS " FROM judgments WHERE "
		    "ncn_slug = ? AND published = 1 LIMIT 2", "s", path);
	else
		return NULL;
	if (q == NULL) {
		*st = http_db_error(r);
		return NULL;
	}
	while ((row = db_next(q)) != NULL) {
		n++;
		found = arena_alloc(&r->a, 3 * sizeof(char *));
		memcpy(found, row, 3 * sizeof(char *));
	}
	return n == 1 ? found : NULL;
}

/* Statuses: 200, 304, 404, 429, 503. */
int
document_get(struct req *r)
{
	char		**row, etag[67];
	struct dbq	*q;
	int		 st;

	if ((st = judgments_limit(r)) != 0)
		return st;
	if ((row = resolve(r, r->params[0], &st)) == NULL)
		return st == 404 ? http_error(r, 404, "Not Found") : st;
	snprintf(etag, sizeof(etag), "\"%s\"", row[1]);
	if ((st = not_modified(r, etag, row[2])) != 0)
		return st;
	q = db_run(&r->a, "SELECT xml FROM judgment_xml WHERE judgment_id = ?",
	    "s", row[0]);
	if (q == NULL || (row = db_next(q)) == NULL)
		return http_db_error(r);
	return resp_raw(r, 200, "application/akn+xml", row[0], q->len[0]);
}

/*
 * PUT: the body is the document. 201 created, 200 replaced (or unchanged),
 * 400 bad URI or fclid parameter, 409 the FCLID belongs to another
 * document, 413 over CASEGATE_JUDGMENTS_MAX_BODY (the front gate), 422 not
 * well-formed or not Akoma Ntoso, with the reason. ?fclid= sets the FCLID.
 */
int
document_put(struct req *r)
{
	const char		*uri = r->params[0], *fclid, *why;
	struct akn		 d;
	enum store_result	 rs;
	char			 etag[67];
	int			 st;

	if ((st = judgments_limit(r)) != 0)
		return st;
	if (!uri_valid(uri))
		return http_error(r, 400, "A document URI is [a-z0-9/-], with no "
		    "leading, trailing or double '/'");
	fclid = kv_get(&r->query, "fclid");
	if (fclid != NULL && *fclid == '\0')
		fclid = NULL;
	if (fclid != NULL && !fclid_valid(fclid))
		return http_error(r, 400, "fclid: 4 or more of "
		    "bcdfghjkmnpqrstvwxyz23456789");
	if (r->body_len == 0)
		return http_error(r, 422, "The body is empty: send the Akoma "
		    "Ntoso XML");
	if (akn_parse(&r->a, r->body, r->body_len, &d, &why) != 0)
		return http_error(r, 422, why);
	rs = judgment_store(&r->a, &d, r->body, r->body_len, uri, fclid);
	if (rs == STORE_CONFLICT)
		return http_error(r, 409, "That FCLID belongs to another document");
	if (rs == STORE_ERROR)
		return http_db_error(r);
	snprintf(etag, sizeof(etag), "\"%s\"", d.sha256);
	resp_header(r, "ETag", etag);
	if (d.stated_hash != NULL && strcmp(d.stated_hash, d.hash) != 0)
		resp_header(r, "Warning", "199 - \"uk:hash differs from the "
		    "computed content hash\"");
	if (rs == STORE_CREATED) {
		resp_header(r, "Location", arena_printf(&r->a, "%s/%s/data.xml",
		    public_base(), uri));
		const char *msg = arena_printf(&r->a, "created %s\n", uri);
		return resp_raw(r, 201, "text/plain; charset=utf-8", msg,
		    strlen(msg));
	}
	const char *msg = arena_printf(&r->a, "%s %s\n", rs == STORE_REPLACED ?
	    "replaced" : "unchanged", uri);
	return resp_raw(r, 200, "text/plain; charset=utf-8", msg, strlen(msg));
}
