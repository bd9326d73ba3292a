/*
 * Writing one judgment: the metadata row the feed filters, orders and shows
 * (judgments), the stored bytes (judgment_xml) and the search text
 * (judgment_search, sql/019), in the same transaction, so that a document
 * and its metadata change together. The caller owns the transaction (the PUT route's R_TX, or the
 * import's begin/commit per file).
 */
#include <string.h>

#include "../lib/arena.h"
#include "../lib/db.h"
#include "judgments.h"

/* The URI of the document that already carries this NCN, if exactly one. */
const char *
judgment_uri_for_ncn(struct arena *a, const char *ncn)
{
	struct dbq	*q;
	char		**row;
	const char	*uri = NULL;
	long long	 n = 0;

	if (ncn == NULL || (q = db_run(a, "SELECT uri FROM judgments WHERE "
	    "ncn = ? LIMIT 2", "s", ncn)) == NULL)
		return NULL;
	while ((row = db_next(q)) != NULL) {
		uri = row[0];
		n++;
	}
	return n == 1 ? uri : NULL;
}

/*
 * The document's bytes and search text, beside its metadata row: id is the
 * row's id, or NULL for LAST_INSERT_ID() just after the INSERT below.
 */
static int
store_parts(struct arena *a, const struct akn *d, const char *xml, size_t len,
    const char *id)
{
	if (id == NULL)
		return db_exec(a, "INSERT INTO judgment_xml (judgment_id, xml) "
		    "VALUES (LAST_INSERT_ID(), ?)", "b", xml, len) < 0 ||
		    db_exec(a, "INSERT INTO judgment_search (judgment_id, "
		    "title_tokens, party_tokens, body_tokens) VALUES "
		    "(LAST_INSERT_ID(), ?, ?, ?)", "sss", d->title_tokens,
		    d->party_tokens, d->body_tokens) < 0 ? -1 : 0;
	return db_exec(a, "UPDATE judgment_xml SET xml = ? WHERE judgment_id = ?",
	    "bs", xml, len, id) < 0 ||
	    db_exec(a, "UPDATE judgment_search SET title_tokens = ?, "
	    "party_tokens = ?, body_tokens = ? WHERE judgment_id = ?", "ssss",
	    d->title_tokens, d->party_tokens, d->body_tokens, id) < 0 ? -1 : 0;
}

/*
 * Creates or replaces the document at uri. fclid NULL keeps the existing
 * FCLID, or assigns a new one. A document whose bytes and FCLID are the same
 * as stored is left alone, so its updated_at (and ETag) do not move. The
 * metadata row goes first: its unique keys decide a conflict before the
 * large rows are written.
 */
enum store_result
judgment_store(struct arena *a, const struct akn *d, const char *xml,
    size_t len, const char *uri, const char *fclid)
{
	char		**row, gen[FCLID_LEN + 1];
	long long	 n;

	row = db_one(a, "SELECT id, fclid, xml_sha256 FROM judgments WHERE "
	    "uri = ? FOR UPDATE", "s", uri);
	if (row == NULL && db_last() != DB_OK)
		return STORE_ERROR;
	if (row != NULL) {
		if (fclid == NULL)
			fclid = row[1];
		if (strcmp(fclid, row[1]) == 0 && strcmp(d->sha256, row[2]) == 0)
			return STORE_UNCHANGED;
		n = db_exec(a, "UPDATE judgments SET fclid = ?, ncn = ?, "
		    "ncn_slug = ?, title = ?, court = ?, jurisdiction = ?, "
		    "work_date = ?, work_date_name = ?, transform_date = ?, "
		    "source_format = ?, content_hash = ?, stated_hash = ?, "
		    "xml_sha256 = ?, parties = ?, judges = ?, party_tokens = ?, "
		    "judge_tokens = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?",
		    "ssssssssssssssssss", fclid, d->ncn, d->ncn_slug, d->title,
		    d->court, d->jurisdiction, d->work_date, d->work_date_name,
		    d->transform_date, d->source_format, d->hash, d->stated_hash,
		    d->sha256, d->parties, d->judges, d->party_tokens,
		    d->judge_tokens, row[0]);
		if (n < 0)
			return db_last() == DB_DUP ? STORE_CONFLICT : STORE_ERROR;
		return store_parts(a, d, xml, len, row[0]) == 0 ? STORE_REPLACED :
		    STORE_ERROR;
	}
	for (int attempt = 0; attempt < 5; attempt++) {
		const char *f = fclid;
		if (f == NULL) {
			fclid_random(gen);
			f = gen;
		}
		n = db_exec(a, "INSERT INTO judgments (uri, fclid, ncn, ncn_slug, "
		    "title, court, jurisdiction, work_date, work_date_name, "
		    "transform_date, source_format, content_hash, stated_hash, "
		    "xml_sha256, parties, judges, party_tokens, judge_tokens, "
		    "published, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
		    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, UTC_TIMESTAMP(6), "
		    "UTC_TIMESTAMP(6))",
		    "ssssssssssssssssss", uri, f, d->ncn, d->ncn_slug, d->title,
		    d->court, d->jurisdiction, d->work_date, d->work_date_name,
		    d->transform_date, d->source_format, d->hash, d->stated_hash,
		    d->sha256, d->parties, d->judges, d->party_tokens,
		    d->judge_tokens);
		if (n >= 0)
			return store_parts(a, d, xml, len, NULL) == 0 ?
			    STORE_CREATED : STORE_ERROR;
		if (db_last() != DB_DUP)
			return STORE_ERROR;
		/* A given FCLID taken by another document is the caller's error. */
		if (fclid != NULL || strstr(db_last_key(), "judgments_fclid") == NULL)
			return STORE_CONFLICT;
	}
	return STORE_ERROR;
}
