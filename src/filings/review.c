/*
 * The filing-review service (efsp-proxy.md 5): fees, check and submit over
 * the payload parser, the filings a firm has submitted (list, detail,
 * status, cancel), the court's policy and conditional service types, and
 * the clerk's review. Every court-scoped endpoint checks, in order: the API
 * key (the gate, 401), the court (404 "Cannot send filing to c"), the
 * filer's token (401 "Not logged in to file with c"), the Content-Type of
 * a payload (415), then the payload.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../lib/config.h"
#include "../lib/db.h"
#include "../lib/efile.h"
#include "../lib/http.h"
#include "clerk.h"
#include "filing.h"
#include "filings.h"

struct court_req {
	const char	*j, *c;
	struct filer	 f;
};

/*
 * The common start: 0 with the court and filer known, else the status
 * already rendered. Court "1" holds defaults and is never fileable.
 */
static int
court_filer(struct req *r, struct court_req *cr, int payload)
{
	const char *ct = r->content_type;

	if ((cr->j = juris(r, 0)) == NULL)
		return r->status;
	cr->c = r->params[1];
	size_t n = 0;
	char ***known = strcmp(cr->c, "1") == 0 ? NULL : code_rows(&r->a, &n,
	    "SELECT 1 FROM filing_courts WHERE jurisdiction = ? AND code = ?",
	    "ss", cr->j, cr->c);
	if (n == 0) {
		if (known == NULL && db_last() != DB_OK)
			return http_db_error(r);
		return http_error(r, 404, arena_printf(&r->a,
		    "Cannot send filing to %s", cr->c));
	}
	switch (filer_session(r, cr->j, &cr->f)) {
	case FILER_OK:
		break;
	case FILER_DBERR:
		return http_db_error(r);
	default:
		return http_error(r, 401, arena_printf(&r->a,
		    "Not logged in to file with %s", cr->c));
	}
	/* nginx passes an absent Content-Type as "": JSON then (1.2). */
	if (payload && ct != NULL && *ct && strcmp(ct, "application/json") != 0 &&
	    strcmp(ct, "text/json") != 0)
		return http_error(r, 415, "We only support [application/json, "
		    "text/json]");
	return 0;
}

/* GET filingreview/courts: every court but the defaults' "1". */
int
review_courts_get(struct req *r)
{
	const char *j = juris(r, 0);

	if (j == NULL)
		return r->status;
	return strings_answer(r, db_run(&r->a, "SELECT code FROM filing_courts "
	    "WHERE jurisdiction = ? AND code <> '1' ORDER BY code", "s", j));
}

static const struct link court_links[] = {
	{ "getFees",        "/filing/fees",         NULL, LINK_M_POST },
	{ "checkFiling",    "/filing/check",        NULL, 0 },
	{ "submitFilings",  "/filings",             NULL, LINK_M_POST },
	{ "getFilingList",  "/filings",             "[user_id, start_date, before_date]", 0 },
	{ "getPolicy",      "/policy",              NULL, 0 },
	{ "getServiceTypes", "/filing/servicetypes", NULL, 0 },
	{ "cancelFiling",   "/filings/{filing_id}", NULL, LINK_M_DELETE },
};

int
review_court_get(struct req *r)
{
	const char *j = juris(r, 0), *c = r->params[1];

	if (j == NULL)
		return r->status;
	if (db_one(&r->a, "SELECT 1 FROM filing_courts WHERE jurisdiction = ? AND "
	    "code = ?", "ss", j, c) == NULL) {
		if (db_last() != DB_OK)
			return http_db_error(r);
		return http_error(r, 404, arena_printf(&r->a,
		    "Cannot send filing to %s", c));
	}
	return resp_json(r, 200, link_map(r, arena_printf(&r->a,
	    "/jurisdictions/%s/filingreview/courts/%s", j, c), court_links,
	    NCOLS(court_links), 0, NULL));
}

/* ---- fees, check, submit ------------------------------------------------ */

static json_object *
wrapped(json_object *v)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "value", v);
	return o;
}

static json_object *
money(double v)
{
	char s[32];
	snprintf(s, sizeof(s), "%.2f", v);
	return json_object_new_double_s(v, s);
}

static json_object *
amount(double v, const char *cur_key)
{
	json_object *o = wrapped(money(v));
	json_object_object_add(o, cur_key, json_object_new_string("USD"));
	return o;
}

/* The fee object of 5.6 from the local schedule. */
static json_object *
fees_json(struct fctx *x)
{
	json_object *o = json_object_new_object(), *charges = json_object_new_array();

	for (size_t i = 0; i < x->e.ndocs; i++) {
		struct document *d = &x->e.docs[i];
		for (size_t k = 0; k < d->ncharges; k++) {
			json_object *c = json_object_new_object();
			json_object_object_add(c, "id", wrapped(
			    json_object_new_string(d->charges[k].code)));
			json_object_object_add(c, "chargeIndicator", wrapped(
			    json_object_new_boolean(1)));
			json_object_object_add(c, "allowanceChargeReason", wrapped(
			    json_object_new_string(d->charges[k].reason)));
			json_object_object_add(c, "amount",
			    amount(d->charges[k].amount, "currencyID"));
			json_object_array_add(charges, c);
		}
	}
	json_object_object_add(o, "feesCalculationAmount",
	    amount(x->e.total, "currencyCode"));
	json_object_object_add(o, "allowanceCharge", charges);
	json_object *err = json_object_new_object();
	json_object_object_add(err, "errorCode", wrapped(json_object_new_string("0")));
	json_object_object_add(err, "errorText",
	    wrapped(json_object_new_string("No Error")));
	json_object *errs = json_object_new_array();
	json_object_array_add(errs, err);
	json_object_object_add(o, "error", errs);
	json_object_object_add(o, "caseCourt", wrapped(json_object_new_string(x->c)));
	return o;
}

static json_object *
filing_error(const char *type, const char *desc)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "type", json_object_new_string(type));
	json_object_object_add(o, "description", json_object_new_string(desc));
	return o;
}

/*
 * Parses the request's payload: PARSE_OK with x ready, or the answer
 * rendered (per endpoint, 5.5) and its status in *st.
 */
enum mode { M_FEES, M_CHECK, M_SUBMIT };

static int
parse_or_answer(struct req *r, struct fctx *x, struct court_req *cr,
    enum mode m, int *st)
{
	if (fctx_init(x, r, cr->j, cr->c, &cr->f, m == M_CHECK) != 0) {
		*st = http_db_error(r);
		return -1;
	}
	enum parse_result pr = payload_parse(x, r->body ? r->body : "",
	    r->body_len);
	if (pr == PARSE_OK)
		return 0;
	if (db_last() != DB_OK && db_last() != DB_DUP) {
		*st = http_db_error(r);
		return -1;
	}
	switch (m) {
	case M_CHECK:
		if (pr == PARSE_NOT_JSON) {
			*st = resp_json(r, 400, summary_json(x));
			return -1;
		}
		/* Problems without a stop, and assembly errors, are 200. */
		*st = resp_json(r, pr == PARSE_PROBLEMS || pr == PARSE_ASSEMBLY ?
		    200 : 400, summary_json(x));
		return -1;
	case M_FEES:
		/* A parse error is a Summary or {"error": …} (5.5), not JSON too. */
		if (pr == PARSE_NOT_JSON)
			x->error = req_keep(r, filing_error("Malformed Interview",
			    "The filing is not JSON"));
		*st = resp_json(r, 400, pr == PARSE_ASSEMBLY ?
		    json_object_get(x->error) : summary_json(x));
		return -1;
	case M_SUBMIT:
	default:
		/*
		 * The reference answers assembly errors at submit with 500; the
		 * filer's payload caused them, so Casegate says 400, as fees does.
		 */
		*st = resp_json(r, 400, pr == PARSE_NOT_JSON ?
		    filing_error("Malformed Interview", "The filing is not JSON") :
		    pr == PARSE_VARS && x->error == NULL ? json_object_get(x->first) :
		    json_object_get(x->error));
		return -1;
	}
}

/* fees and check: the same parse, answered as the fee object or the summary. */
static int
fees_or_check(struct req *r, enum mode m)
{
	struct court_req	cr;
	struct fctx		x;
	int			st;

	if ((st = court_filer(r, &cr, 1)) != 0)
		return st;
	if (parse_or_answer(r, &x, &cr, m, &st) != 0)
		return st;
	return resp_json(r, 200, m == M_FEES ? fees_json(&x) : summary_json(&x));
}

int
filing_fees_post(struct req *r)
{
	return fees_or_check(r, M_FEES);
}

int
filing_check(struct req *r)
{
	return fees_or_check(r, M_CHECK);
}

static const char *
display_name(struct arena *a, const struct person *p)
{
	if (p->business || !*p->last)
		return p->first;
	return arena_printf(a, "%s %s", p->first, p->last);
}

static const char *
case_title(struct fctx *x)
{
	struct arena	*a = &x->r->a;
	struct envelope	*e = &x->e;
	const struct person *mine = NULL, *theirs = NULL;

	for (size_t i = 0; i < e->npeople; i++) {
		if (e->people[i].filer_side && mine == NULL)
			mine = &e->people[i];
		if (!e->people[i].filer_side && theirs == NULL)
			theirs = &e->people[i];
	}
	if (mine == NULL && theirs == NULL)
		return "";
	if (mine == NULL || theirs == NULL)
		return arena_printf(a, "In re %s", display_name(a, mine ? mine : theirs));
	return arena_printf(a, "%s v. %s", display_name(a, mine),
	    display_name(a, theirs));
}

static json_object *
lead_json(struct fctx *x)
{
	json_object	*o = json_object_new_object();
	struct person	*p = x->e.lead;

	json_object_object_add(o, "firstName", jstr(p ? p->first : x->filer->first));
	json_object_object_add(o, "middleName", jstr(p ? p->middle : ""));
	json_object_object_add(o, "lastName", jstr(p ? p->last : x->filer->last));
	json_object_object_add(o, "email", jstr(p && p->email ? p->email :
	    x->filer->email));
	json_object_object_add(o, "phoneNumber", p && p->phone ? jstr(p->phone) :
	    NULL);
	return o;
}

/* The new parties, as clerk.c opens the case with them. */
static json_object *
parties_json(struct fctx *x)
{
	json_object *a = json_object_new_array();
	for (size_t i = 0; i < x->e.npeople; i++) {
		struct person *p = &x->e.people[i];
		if (p->tyler_id != NULL)
			continue;
		json_object *o = json_object_new_object();
		json_object_object_add(o, "party_type", jstr(p->party_type ?
		    p->party_type : ""));
		json_object_object_add(o, "first", jstr(p->first));
		json_object_object_add(o, "middle", jstr(p->middle));
		json_object_object_add(o, "last", jstr(p->last));
		json_object_object_add(o, "business", json_object_new_boolean(p->business));
		/* p->filer_side is the side that started the case; this is whose. */
		json_object_object_add(o, "filer_side",
		    json_object_new_boolean(i < x->e.nusers));
		json_object_array_add(a, o);
	}
	return a;
}

/* Idempotency-Key: printable ASCII, 1 to 255 characters. */
static int
idem_key_ok(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n > 255)
		return 0;
	for (const char *p = k; *p; p++)
		if (*p < 0x21 || *p > 0x7e)
			return 0;
	return 1;
}

/* What an Idempotency-Key was used for: the court and the payload. */
static const char *
request_hash(struct req *r)
{
	char		 h[65];
	struct buf	 b = { 0 };

	buf_adds(&b, r->path);
	buf_addc(&b, '\n');
	buf_add(&b, r->body ? r->body : "", r->body_len);
	sha256_hex(b.s, b.len, h);
	buf_free(&b);
	return arena_strdup(&r->a, h);
}

/*
 * 1 with the first submit's answer when this filer used the key before (or
 * 422 when it was for another request), 0 when the key is new.
 */
static int
replay(struct req *r, long long filer, const char *key, int *st)
{
	char **row = db_one(&r->a, "SELECT result, COALESCE(request_hash, '') "
	    "FROM envelopes WHERE filer_id = ? AND idempotency_key = ?", "is",
	    filer, key);
	if (row == NULL)
		return db_last() == DB_OK ? 0 : (*st = http_db_error(r), 1);
	if (*row[1] && strcmp(row[1], request_hash(r)) != 0) {
		*st = http_error(r, 422, "This Idempotency-Key was used for another "
		    "request: use a new key for a new filing");
		return 1;
	}
	resp_header(r, "Idempotent-Replayed", "true");
	*st = resp_raw(r, 200, "application/json", row[0], strlen(row[0]));
	return 1;
}

/*
 * The envelope and everything in it, in one statement per table but for
 * the filings (each one's id names its documents and charges). The answer
 * is complete before the envelope is written, so it goes in with it: a
 * replay sends it byte for byte as resp_json() renders it.
 */
static int
store(struct req *r, struct fctx *x, struct court_req *cr, const char *key,
    json_object *result, json_object *ids)
{
	struct envelope	*e = &x->e;
	char		 env_uuid[37];
	char		(*f_uuid)[37] = arena_calloc(&r->a, 37 * (e->ndocs + 1));
	long long	*f_id = arena_calloc(&r->a, sizeof(*f_id) * (e->ndocs + 1));
	long long	 env_id;
	size_t		 natt = 0, nch = 0, k;

	uuid4(env_uuid);
	json_object_object_add(result, "envelopeId", json_object_new_string(env_uuid));
	for (size_t i = 0; i < e->ndocs; i++) {
		uuid4(f_uuid[i]);
		json_object_array_add(ids, json_object_new_string(f_uuid[i]));
		natt += e->docs[i].natt;
		nch += e->payment_id ? e->docs[i].ncharges : 0;
	}
	json_object_object_add(result, "filingIds", json_object_get(ids));
	struct dbp p[] = {
		{ 's', env_uuid, 0, 0 }, { 's', cr->j, 0, 0 }, { 's', cr->c, 0, 0 },
		{ 'i', NULL, 0, cr->f.id }, { 'i', NULL, 0, cr->f.firm_id },
		{ 'i', NULL, 0, r->api_key_id },
		{ e->court_case_id ? 'i' : 's', NULL, 0, e->court_case_id },
		{ 's', e->docket, 0, 0 }, { 's', e->category, 0, 0 },
		{ 's', e->case_type, 0, 0 },
		{ 's', json_object_get_string(json_object_object_get(result,
		    "caseTitle")), 0, 0 },
		{ 'i', NULL, 0, e->initial }, { 's', e->payment_id, 0, 0 },
		{ 's', arena_printf(&r->a, "%.2f", e->total), 0, 0 },
		{ 's', json_object_to_json_string(json_object_object_get(result,
		    "leadContact")), 0, 0 },
		{ 's', json_object_to_json_string(req_keep(r, parties_json(x))), 0, 0 },
		{ 's', json_object_to_json_string(e->templates), 0, 0 },
		{ 's', key, 0, 0 }, { 's', key ? request_hash(r) : NULL, 0, 0 },
		{ 's', json_object_to_json_string_ext(result, JSON_C_TO_STRING_PLAIN |
		    JSON_C_TO_STRING_NOSLASHESCAPE), 0, 0 },
	};
	struct dbq *q = db_runp(&r->a, "INSERT INTO envelopes (uuid, jurisdiction, "
	    "court, filer_id, firm_id, api_key_id, court_case_id, docket_number, "
	    "category, case_type, case_title, initial, payment_account, total_fee, "
	    "lead_contact, parties, templates, idempotency_key, request_hash, "
	    "result, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, IFNULL(?, ''), "
	    "IFNULL(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))", p,
	    NCOLS(p));
	if (q == NULL)
		return -1;
	env_id = q->insert_id;
	db_done(q);

	struct dbp *sp = arena_calloc(&r->a, sizeof(*sp) * 4 * (e->nservices + 1));
	for (size_t i = k = 0; i < e->nservices; i++) {
		sp[k++] = (struct dbp){ .t = 'i', .i = env_id };
		sp[k++] = (struct dbp){ .t = 's', .s = e->services[i].contact };
		sp[k++] = (struct dbp){ .t = 's', .s = e->services[i].type };
		sp[k++] = (struct dbp){ .t = 's', .s = e->services[i].party };
	}
	if (db_insert_rows(&r->a, "INSERT INTO filing_services (envelope_id, "
	    "contact_uuid, service_type, party, created_at) VALUES ",
	    "(?, ?, ?, ?, UTC_TIMESTAMP(6))", e->nservices, sp, k) == NULL)
		return -1;

	for (size_t i = 0; i < e->ndocs; i++) {
		struct document *d = &e->docs[i];
		struct dbq *fq = db_run(&r->a, "INSERT INTO filings (uuid, "
		    "envelope_id, seq, filing_code, filing_code_name, description, "
		    "fee, status, status_at, court_case_id, submitted_at) VALUES (?, "
		    "?, ?, ?, ?, ?, ?, 'submitted', UTC_TIMESTAMP(6), NULLIF(?, 0), "
		    "UTC_TIMESTAMP(6))", "siissssi", f_uuid[i], env_id, (long long)i,
		    d->filing_code, d->filing_code_name, d->description,
		    arena_printf(&r->a, "%.2f", d->fee), e->court_case_id);
		if (fq == NULL)
			return -1;
		f_id[i] = fq->insert_id;
		db_done(fq);
	}

	struct dbp *dp = arena_calloc(&r->a, sizeof(*dp) * 11 * (natt + 1));
	struct dbp *cp = arena_calloc(&r->a, sizeof(*cp) * 6 * (nch + 1));
	size_t nd = 0, nc = 0;
	for (size_t i = 0; i < e->ndocs; i++) {
		struct document *d = &e->docs[i];
		for (size_t a = 0; a < d->natt; a++) {
			struct attachment *t = &d->att[a];
			char *hash = arena_alloc(&r->a, 65);
			sha256_hex(t->doc.bytes ? t->doc.bytes : "", t->doc.len, hash);
			struct dbp row[] = {
				{ 'i', NULL, 0, f_id[i] }, { 'i', NULL, 0, (long long)a },
				{ 's', t->filename, 0, 0 },
				{ 's', t->document_type ? t->document_type : "", 0, 0 },
				{ 's', t->component, 0, 0 }, { 's', t->description, 0, 0 },
				{ 's', t->doc.mime ? t->doc.mime : "", 0, 0 },
				{ 'i', NULL, 0, (long long)t->doc.len },
				{ 'i', NULL, 0, t->doc.pages },
				{ 's', hash, 0, 0 },
				{ 'b', t->doc.bytes ? t->doc.bytes : "", t->doc.len, 0 },
			};
			memcpy(dp + nd, row, sizeof(row));
			nd += NCOLS(row);
		}
		for (size_t c = 0; c < d->ncharges && e->payment_id; c++) {
			struct dbp row[] = {
				{ 'i', NULL, 0, env_id }, { 'i', NULL, 0, f_id[i] },
				{ 's', e->payment_id, 0, 0 },
				{ 's', d->charges[c].code, 0, 0 },
				{ 's', d->charges[c].reason, 0, 0 },
				{ 's', arena_printf(&r->a, "%.2f", d->charges[c].amount),
				    0, 0 },
			};
			memcpy(cp + nc, row, sizeof(row));
			nc += NCOLS(row);
		}
	}
	if (db_insert_rows(&r->a, "INSERT INTO filing_documents (filing_id, seq, "
	    "filename, document_type, filing_component, description, "
	    "content_type, size, pages, sha256, bytes) VALUES ",
	    "(?, ?, ?, ?, ?, LEFT(?, 400), ?, ?, ?, ?, ?)", natt, dp, nd) == NULL ||
	    db_insert_rows(&r->a, "INSERT INTO filing_charges (envelope_id, "
	    "filing_id, payment_account, code, reason, amount, created_at) VALUES ",
	    "(?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))", nch, cp, nc) == NULL)
		return -1;
	return 0;
}

int
filings_post(struct req *r)
{
	struct court_req	 cr;
	struct fctx		 x;
	int			 st;
	const char		*key = req_header(r, "Idempotency-Key");

	if ((st = court_filer(r, &cr, 1)) != 0)
		return st;
	if (key != NULL && !idem_key_ok(key))
		return http_error(r, 400, "Idempotency-Key has 1 to 255 printable "
		    "characters");
	if (key != NULL && replay(r, cr.f.id, key, &st))
		return st;
	if (parse_or_answer(r, &x, &cr, M_SUBMIT, &st) != 0)
		return st;
	struct envelope *e = &x.e;
	/* Accounts change far less often than they are used (db_cache_hint). */
	if (e->payment_id == NULL || db_one(&r->a, arena_printf(&r->a, "SELECT %s1 "
	    "FROM payment_accounts WHERE uuid = ? AND jurisdiction = ? AND "
	    "active = 1 AND (firm_id = ? OR firm_id IS NULL)", db_cache_hint()),
	    "ssi", e->payment_id, cr.j, cr.f.firm_id) == NULL) {
		if (db_last() != DB_OK)
			return http_db_error(r);
		return resp_json(r, 400, filing_error("Malformed Interview",
		    "97 tyler_payment_id does not name an active payment account "
		    "of the filer's firm"));
	}
	if (e->max_fee >= 0 && e->total > e->max_fee + 0.005)
		return resp_json(r, 400, filing_error("Malformed Interview",
		    arena_printf(&r->a, "The fees (%.2f) are over max_fee_amount "
		    "(%.2f)", e->total, e->max_fee)));
	json_object *result = req_keep(r, json_object_new_object());
	json_object *ids = req_keep(r, json_object_new_array());
	char **cc = e->court_case_id ? db_one(&r->a, "SELECT uuid, title FROM "
	    "court_cases WHERE id = ?", "i", e->court_case_id) : NULL;
	json_object_object_add(result, "caseId", cc ? jstr(cc[0]) : NULL);
	json_object_object_add(result, "leadContact", lead_json(&x));
	json_object_object_add(result, "caseTitle", jstr(cc ? cc[1] : case_title(&x)));
	json_object_object_add(result, "caseCategoryName", jstr(e->category_name ?
	    e->category_name : ""));
	json_object_object_add(result, "courtName", jstr(x.court[CF_NAME]));
	if (store(r, &x, &cr, key, result, ids) != 0) {
		/* A concurrent retry with the same key won: answer its result. */
		if (key != NULL && db_last() == DB_DUP) {
			db_rollback();
			db_begin();
			if (replay(r, cr.f.id, key, &st))
				return st;
		}
		return http_db_error(r);
	}
	return resp_json(r, 200, json_object_get(result));
}

/* ---- the filings of a firm ---------------------------------------------- */

#define FILING_SELECT "SELECT f.uuid, e.uuid, COALESCE(c.uuid, ''), " \
	"COALESCE(c.docket_number, e.docket_number, ''), fl.first_name, " \
	"fl.last_name, f.description, f.filing_code, " \
	"FLOOR(UNIX_TIMESTAMP(f.submitted_at) * 1000), f.status, " \
	"COALESCE(f.status_reason, ''), f.filing_code_name, f.fee, e.court, " \
	"f.id FROM filings f JOIN envelopes e ON e.id = f.envelope_id " \
	"JOIN filers fl ON fl.id = e.filer_id LEFT JOIN court_cases c ON " \
	"c.id = COALESCE(f.court_case_id, e.court_case_id) "
enum { FS_UUID, FS_ENV, FS_CASE, FS_DOCKET, FS_FIRST, FS_LAST, FS_DESC,
	FS_CODE, FS_FILED, FS_STATUS, FS_REASON, FS_CODENAME, FS_FEE, FS_COURT,
	FS_ID };

static json_object *
ident(const char *id, const char *category)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "identificationID", wrapped(jstr(id)));
	json_object_object_add(o, "identificationCategoryText",
	    wrapped(jstr(category)));
	return o;
}

static json_object *
status_json(char **row)
{
	json_object *s = json_object_new_object(), *d = json_object_new_array();
	json_object_object_add(s, "statusText", wrapped(jstr(row[FS_STATUS])));
	json_object_object_add(s, "filingStatusCode", jstr(row[FS_STATUS]));
	if (*row[FS_REASON])
		json_object_array_add(d, wrapped(jstr(row[FS_REASON])));
	json_object_object_add(s, "statusDescriptionText", d);
	return s;
}

/* A filing in the ECF MatchingFiling shape the client reads (5.7). */
static json_object *
matching_filing(struct arena *a, char **row)
{
	json_object *o = json_object_new_object(), *ids = json_object_new_array();
	json_object_object_add(o, "caseTrackingID", wrapped(jstr(row[FS_CASE])));
	json_object_object_add(o, "caseDocketID", wrapped(jstr(row[FS_DOCKET])));
	json_object_array_add(ids, ident(row[FS_ENV], "envelopeID"));
	json_object_array_add(ids, ident(row[FS_UUID], "filingID"));
	json_object_object_add(o, "documentIdentification", ids);
	json_object *name = json_object_new_object(), *pn = json_object_new_object();
	json_object_object_add(pn, "personFullName", wrapped(jstr(row[FS_LAST][0] ?
	    arena_printf(a, "%s %s", row[FS_FIRST], row[FS_LAST]) : row[FS_FIRST])));
	json_object_object_add(name, "personName", pn);
	json_object *sub = json_object_new_object();
	json_object_object_add(sub, "entityRepresentation", wrapped(name));
	json_object_object_add(o, "documentSubmitter", sub);
	json_object_object_add(o, "documentDescriptionText", wrapped(jstr(row[FS_DESC])));
	json_object *cat = json_object_new_object(), *cats = json_object_new_array();
	json_object_object_add(cat, "name",
	    jstr("{urn:tyler:ecf:extensions:Common}FilingCode"));
	json_object_object_add(cat, "value", wrapped(jstr(row[FS_CODE])));
	json_object_array_add(cats, cat);
	json_object_object_add(o, "documentCategoryText", cats);
	json_object *filed = json_object_new_object();
	json_object_object_add(filed, "dateRepresentation", wrapped(wrapped(
	    json_object_new_int64(strtoll(row[FS_FILED], NULL, 10)))));
	json_object_object_add(o, "documentFiledDate", filed);
	json_object_object_add(o, "filingStatus", status_json(row));
	json_object_object_add(o, "filingCode", jstr(row[FS_CODE]));
	json_object_object_add(o, "filingCodeName", jstr(row[FS_CODENAME]));
	json_object_object_add(o, "courtID", jstr(row[FS_COURT]));
	return o;
}

static int
valid_date(const char *s, struct tm *tm)
{
	memset(tm, 0, sizeof(*tm));
	const char *end = strptime(s, "%Y-%m-%d", tm);
	if (end == NULL || *end != '\0' || strlen(s) != 10)
		return 0;
	/* strptime takes 2024-02-30; a real date survives normalising. */
	struct tm norm = *tm;
	timegm(&norm);
	return norm.tm_mday == tm->tm_mday && norm.tm_mon == tm->tm_mon;
}

/* GET …/filings?user_id=&start_date=&before_date=: 204 when none. */
int
filings_get(struct req *r)
{
	struct court_req	 cr;
	struct tm		 tm;
	const char		*from = qstr(r, "start_date"), *to = qstr(r, "before_date");
	const char		*user = qstr(r, "user_id");
	char			**row;
	int			 st;

	if ((st = court_filer(r, &cr, 0)) != 0)
		return st;
	if ((from && !valid_date(from, &tm)) || (to && !valid_date(to, &tm)))
		return http_error(r, 400, "Dates are YYYY-MM-DD");
	if (!(from && to))
		from = to = NULL;	/* the range applies only with both */
	if (user != NULL && !uuid_valid(user))
		user = NULL;		/* the admin interview sends dates here */
	struct dbp p[] = {
		{ 's', cr.j, 0, 0 }, { 's', cr.c, 0, 0 }, { 's', cr.c, 0, 0 },
		{ 'i', NULL, 0, cr.f.firm_id }, { 's', user, 0, 0 }, { 's', user, 0, 0 },
		{ 's', from, 0, 0 }, { 's', from, 0, 0 }, { 's', to, 0, 0 },
	};
	struct dbq *q = db_runp(&r->a, FILING_SELECT "WHERE e.jurisdiction = ? AND "
	    "(? = '0' OR e.court = ?) AND e.firm_id = ? AND (? IS NULL OR "
	    "fl.uuid = ?) AND (? IS NULL OR (f.submitted_at >= ? AND "
	    "f.submitted_at < ?)) ORDER BY f.submitted_at, f.id", p, NCOLS(p));
	if (q == NULL)
		return http_db_error(r);
	json_object *a = json_object_new_array();
	while ((row = db_next(q)) != NULL)
		json_object_array_add(a, matching_filing(&r->a, row));
	db_done(q);
	if (json_object_array_length(a) == 0) {
		json_object_put(a);
		return http_bare(r, 204);
	}
	return resp_json(r, 200, a);
}

/* The firm's filing named by path parameter 2 in this court, or a 404. */
static char **
own_filing(struct req *r, struct court_req *cr, int *st)
{
	char **row = db_one(&r->a, FILING_SELECT "WHERE f.uuid = ? AND "
	    "e.jurisdiction = ? AND (? = '0' OR e.court = ?) AND e.firm_id = ?",
	    "ssssi", r->params[2], cr->j, cr->c, cr->c, cr->f.firm_id);
	if (row == NULL)
		*st = db_last() == DB_OK ? http_error(r, 404, arena_printf(&r->a,
		    "Filing %s does not exist", r->params[2])) : http_db_error(r);
	return row;
}

int
filing_get(struct req *r)
{
	struct court_req	cr;
	char			**row, **d;
	int			st;

	if ((st = court_filer(r, &cr, 0)) != 0)
		return st;
	if ((row = own_filing(r, &cr, &st)) == NULL)
		return st;
	json_object *o = matching_filing(&r->a, row), *docs = json_object_new_array();
	struct dbq *q = db_run(&r->a, "SELECT filename, document_type, "
	    "filing_component, description, content_type, size, pages, sha256 "
	    "FROM filing_documents WHERE filing_id = ? ORDER BY seq", "s", row[FS_ID]);
	static const struct col doc_cols[] = {
		{ "fileName", COL_STR }, { "documentType", COL_STR },
		{ "filingComponent", COL_STR }, { "documentDescription", COL_STR },
		{ "contentType", COL_STR }, { "size", COL_INT }, { "pageCount", COL_INT },
		{ "sha256", COL_STR },
	};
	while (q && (d = db_next(q)) != NULL)
		json_object_array_add(docs, row_object(doc_cols, NCOLS(doc_cols), d));
	db_done(q);
	json_object_object_add(o, "documents", docs);
	json_object_object_add(o, "fee", money(strtod(row[FS_FEE], NULL)));
	return resp_json(r, 200, o);
}

static int
status_answer(struct req *r, char **row)
{
	json_object *o = json_object_new_object(), *ids = json_object_new_array();
	json_object_object_add(o, "filingStatus", status_json(row));
	json_object_array_add(ids, ident(row[FS_ENV], "envelopeID"));
	json_object_array_add(ids, ident(row[FS_UUID], "filingID"));
	json_object_object_add(o, "documentIdentification", ids);
	json_object_object_add(o, "caseTrackingID", wrapped(jstr(row[FS_CASE])));
	json_object_object_add(o, "caseDocketID", wrapped(jstr(row[FS_DOCKET])));
	return resp_json(r, 200, o);
}

int
filing_status_get(struct req *r)
{
	struct court_req	cr;
	char			**row;
	int			st;

	if ((st = court_filer(r, &cr, 0)) != 0)
		return st;
	if ((row = own_filing(r, &cr, &st)) == NULL)
		return st;
	return status_answer(r, row);
}

/*
 * GET …/filings/{id}/service/{contact_id}: how a service contact named in
 * the filing's envelope is served; 404 when the filing does not serve it.
 */
int
filing_service_get(struct req *r)
{
	struct court_req	cr;
	char			**row, **sv;
	int			st;

	if ((st = court_filer(r, &cr, 0)) != 0)
		return st;
	if ((row = own_filing(r, &cr, &st)) == NULL)
		return st;
	sv = db_one(&r->a, "SELECT s.contact_uuid, s.service_type, s.party, "
	    "COALESCE(t.name, ''), COALESCE(t.servicemethod, ''), "
	    "FLOOR(UNIX_TIMESTAMP(s.created_at) * 1000) FROM filing_services s "
	    "JOIN envelopes e ON e.id = s.envelope_id LEFT JOIN "
	    "filing_service_types t ON t.jurisdiction = e.jurisdiction AND "
	    "t.court = e.court AND t.code = s.service_type WHERE e.uuid = ? AND "
	    "s.contact_uuid = ?", "ss", row[FS_ENV], r->params[3]);
	if (sv == NULL)
		return db_last() == DB_OK ? http_error(r, 404, arena_printf(&r->a,
		    "Filing %s is not served on %s", row[FS_UUID], r->params[3])) :
		    http_db_error(r);
	static const struct col cols[] = {
		{ "serviceContactID", COL_STR }, { "serviceTypeCode", COL_STR },
		{ "partyAssociation", COL_STR }, { "serviceTypeName", COL_STR },
		{ "serviceMethod", COL_STR }, { "serviceRecorded", COL_INT },
	};
	json_object *o = row_object(cols, NCOLS(cols), sv);
	json_object_object_add(o, "filingID", jstr(row[FS_UUID]));
	/* Served electronically when the filing is accepted (the stand-in). */
	json_object_object_add(o, "serviceStatus", jstr(strcmp(row[FS_STATUS],
	    "accepted") == 0 ? "served" : strcmp(row[FS_STATUS], "submitted") == 0 ?
	    "pending" : "notServed"));
	return resp_json(r, 200, o);
}

/* DELETE …/filings/{id}: 204; the filing stays, its status cancelled. */
int
filing_delete(struct req *r)
{
	struct court_req	cr;
	char			**row;
	int			st;

	if ((st = court_filer(r, &cr, 0)) != 0)
		return st;
	if ((row = own_filing(r, &cr, &st)) == NULL)
		return st;
	if (strcmp(row[FS_STATUS], "submitted") != 0)
		return http_error(r, 400, arena_printf(&r->a, "Filing %s is %s and "
		    "cannot be cancelled", row[FS_UUID], row[FS_STATUS]));
	if (db_exec(&r->a, "UPDATE filings SET status = 'cancelled', status_at = "
	    "UTC_TIMESTAMP(6) WHERE id = ? AND status = 'submitted'", "s",
	    row[FS_ID]) != 1)
		return db_last() == DB_OK ? http_error(r, 409, "The filing changed: "
		    "try again") : http_db_error(r);
	return http_bare(r, 204);
}

/* POST …/filings/{id}/review {"status", "reason"}: a Casegate admin's call. */
int
filing_review_post(struct req *r)
{
	json_object	*st_v = NULL, *why_v = NULL;
	const char	*j = juris(r, 0), *why;

	if (j == NULL)
		return r->status;
	if (!json_object_is_type(r->json, json_type_object) ||
	    !json_object_object_get_ex(r->json, "status", &st_v) ||
	    !json_object_is_type(st_v, json_type_string) ||
	    (json_object_object_get_ex(r->json, "reason", &why_v) &&
	    !json_object_is_type(why_v, json_type_string) &&
	    !json_object_is_type(why_v, json_type_null)))
		return http_error(r, 400, "The body is {\"status\": \"accepted\" or "
		    "\"rejected\", \"reason\": text}");
	if (db_one(&r->a, "SELECT 1 FROM filings f JOIN envelopes e ON e.id = "
	    "f.envelope_id WHERE f.uuid = ? AND e.jurisdiction = ? AND e.court = ?",
	    "sss", r->params[2], j, r->params[1]) == NULL)
		return db_last() == DB_OK ? http_error(r, 404, arena_printf(&r->a,
		    "Filing %s does not exist", r->params[2])) : http_db_error(r);
	switch (clerk_review(&r->a, r->params[2], json_object_get_string(st_v),
	    why_v ? json_object_get_string(why_v) : NULL, &why)) {
	case CLERK_OK: {
		char **row = db_one(&r->a, FILING_SELECT "WHERE f.uuid = ?", "s",
		    r->params[2]);
		return row ? status_answer(r, row) : http_db_error(r);
	}
	case CLERK_BAD:
		return http_error(r, 400, why);
	case CLERK_UNKNOWN:
		return http_error(r, 404, why);
	case CLERK_CONFLICT:
		return http_error(r, 409, why);
	default:
		return http_db_error(r);
	}
}

/* ---- policy and service types ------------------------------------------- */

int
policy_get(struct req *r)
{
	struct court_req	cr;
	size_t			n = 0;
	char			**row;
	int			st;

	if ((st = court_filer(r, &cr, 0)) != 0)
		return st;
	row = db_one(&r->a, "SELECT max_attachment_bytes, max_envelope_bytes, name "
	    "FROM filing_courts WHERE jurisdiction = ? AND code = ?", "ss", cr.j,
	    cr.c);
	if (row == NULL)
		return http_db_error(r);
	json_object *o = json_object_new_object(), *rt = json_object_new_object();
	json_object_object_add(o, "policyVersionID", wrapped(jstr("1")));
	json_object_object_add(o, "courtID", wrapped(jstr(cr.c)));
	json_object_object_add(o, "courtName", jstr(row[2]));
	json_object_object_add(rt, "maximumAllowedAttachmentSize",
	    wrapped(json_object_new_int64(strtoll(row[0], NULL, 10))));
	json_object_object_add(rt, "maximumAllowedMessageSize",
	    wrapped(json_object_new_int64(strtoll(row[1], NULL, 10))));
	json_object *types = json_object_new_array();
	struct dbq *q = db_run(&r->a, "SELECT extension FROM filing_file_types "
	    "WHERE jurisdiction = ? AND court = ? ORDER BY code", "ss", cr.j, cr.c);
	while (q && (row = db_next(q)) != NULL && ++n)
		json_object_array_add(types, jstr(row[0]));
	db_done(q);
	json_object_object_add(rt, "allowedFileTypes", types);
	json_object_object_add(o, "runtimePolicyParameters", rt);
	json_object_object_add(o, "developmentPolicyParameters",
	    json_object_new_object());
	return resp_json(r, 200, o);
}

int
servicetypes_get(struct req *r)
{
	struct court_req	cr;
	int			st;

	if ((st = court_filer(r, &cr, 1)) != 0)
		return st;
	char **row = db_one(&r->a, "SELECT hasconditionalservicetypes FROM "
	    "filing_courts WHERE jurisdiction = ? AND code = ?", "ss", cr.j, cr.c);
	if (row == NULL)
		return http_db_error(r);
	if (strcmp(row[0], "0") == 0)
		return http_error(r, 400, arena_printf(&r->a, "%s does not have "
		    "conditional service types: see codes/courts/%s/service_types",
		    cr.c, cr.c));
	static const struct col cols[] = {
		{ "code", COL_STR }, { "name", COL_STR }, { "servicemethod", COL_STR },
		{ "fee", COL_STR }, { "disclaimertext", COL_STR },
	};
	return rows_answer(r, cols, NCOLS(cols), db_run(&r->a, "SELECT code, name, "
	    "servicemethod, fee, disclaimertext FROM filing_service_types WHERE "
	    "jurisdiction = ? AND court = ? ORDER BY displayorder", "ss", cr.j,
	    cr.c));
}

/* POST …/filing/status: the reference's legacy webhook, which knows nothing. */
int
legacy_status_post(struct req *r)
{
	if (juris(r, 0) == NULL)
		return r->status;
	return http_error(r, 404, "Not Found");
}
