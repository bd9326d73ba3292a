/*
 * The browser payment-account flow's two ends (efsp-proxy.md section 4):
 * POST new-toga-account, which a filer's browser posts from the client
 * server's page, and POST toga-account, where the gateway's page sends the
 * browser back with the result. Neither takes an API key (a browser form
 * cannot send one); the filer is named by the tyler_info field instead.
 *
 * Safer than the reference where it is open: the pending transaction is a
 * database row (sql/018_toga.sql) with an expiry, used once; tyler_info
 * must be a live session, not just "x:y"; original_url and error_url must
 * be on CASEGATE_REDIRECT_HOSTS (redirect.c). Every answer is an HTML page
 * under page.c's headers, or the callback's 302.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/config.h"
#include "../lib/db.h"
#include "../lib/efile.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "../lib/util.h"
#include "toga.h"

#define NAME_MAX_CHARS	200	/* payment_accounts.name */
#define HOLDER_MAX	200	/* payment_accounts.holder_name */
#define TOKEN_MAX	100	/* payment_accounts.account_token */
#define CARD_TYPE_MAX	20	/* payment_accounts.card_type */

/* The local gateway's client key: it is not a secret, and nobody checks it. */
#define CLIENT_KEY	"casegate-local"

static const char sorry[] = "Sorry, but an error has occurred";
static const char sorry_account[] =
    "Sorry, we had an error processing that payment account.";

static int
refuse(struct req *r, const char *msg)
{
	return page_error(r, 422, sorry, msg);
}

/*
 * POST new-toga-account (form: account_name, global, type_code,
 * type_code_id, tyler_info, original_url, error_url). Checks in the
 * reference's order (spec 4 step 2), then Casegate's: the session is live,
 * the name is usable, global is a boolean, both URLs are allowed. Then a
 * pending transaction is stored and the page hands RequestXML on to the
 * local gateway (step 4).
 *
 * Statuses: 200 the hand-off page; 404 unknown jurisdiction; 422 each
 * refused check; 500/503 database trouble. All text/html.
 */
int
toga_new(struct req *r)
{
	const char	*j, *type, *info, *name, *global, *orig, *err, *why;
	const char	*orig_ok, *err_ok;
	char		 id[TOGA_ID_LEN + 1], hash[65], **row;
	int		 dup = 0, is_global;
	struct filer	 f;

	if ((j = juris(r, 0)) == NULL)
		return page_error(r, 404, sorry, "There is no such jurisdiction.");
	type = form_get(r, "type_code", &dup);
	info = form_get(r, "tyler_info", &dup);
	name = form_get(r, "account_name", &dup);
	global = form_get(r, "global", &dup);
	orig = form_get(r, "original_url", &dup);
	err = form_get(r, "error_url", &dup);
	(void)form_get(r, "type_code_id", &dup);	/* deprecated, unused */
	if (dup)
		return refuse(r, "A field was sent more than once.");

	/* The reference's three checks, in its order. */
	if (type == NULL || *type == '\0')
		return refuse(r, "type_code is required.");	/* ref: 500 */
	if (strcasecmp(type, "WV") == 0)
		return refuse(r, "Don't need TOGA to create a Waiver: send a "
		    "POST to /payment-accounts");
	const char *colon = info ? strrchr(info, ':') : NULL;
	if (colon == NULL || colon == info || colon[1] == '\0')
		return refuse(r, "Unable to use your login information: it is "
		    "not of the form email:token.");
	row = db_one(&r->a, "SELECT code, code_id FROM payment_account_types "
	    "WHERE jurisdiction = ? AND code = ? COLLATE utf8mb4_unicode_ci",
	    "ss", j, type);
	if (row == NULL && db_last() != DB_OK)
		return page_db_error(r);
	/* utf8mb4_unicode_ci pads with spaces: compare again. */
	if (row == NULL || strcasecmp(row[0], type) != 0)
		return refuse(r, "Cannot create that type of payment account.");
	const char *code = row[0];
	long long code_id = strtoll(row[1], NULL, 10);

	/* Casegate's own. */
	switch (filer_session_value(r, j, info, &f)) {
	case FILER_OK:
		break;
	case FILER_DBERR:
		return page_db_error(r);
	default:
		return refuse(r, "Unable to use your login information: the "
		    "session is unknown or has expired. Log in again.");
	}
	if ((name = trimmed(&r->a, name)) == NULL || *name == '\0')
		return refuse(r, "account_name is required.");
	if (!text_ok(name, NAME_MAX_CHARS))
		return refuse(r, "account_name must be at most 200 characters "
		    "of text.");
	if (global == NULL || *global == '\0' || strcasecmp(global, "false") == 0)
		is_global = 0;
	else if (strcasecmp(global, "true") == 0)
		is_global = 1;
	else
		return refuse(r, "global must be true or false.");
	if ((orig_ok = redirect_check(&r->a, orig, &why)) == NULL)
		return refuse(r, arena_printf(&r->a, "original_url %s.", why));
	if ((err_ok = redirect_check(&r->a, err, &why)) == NULL)
		return refuse(r, arena_printf(&r->a, "error_url %s.", why));

	/* The session's own hash, as filer_sessions holds it: no secret. */
	sha256_hex(colon + 1, strlen(colon + 1), hash);
	random_alnum(id, TOGA_ID_LEN);
	long ttl = cfg_long("CASEGATE_TOGA_TTL", 900, 10, 86400);
	if (db_exec(&r->a, "DELETE FROM toga_transactions WHERE expires_at < "
	    "UTC_TIMESTAMP(6) - INTERVAL 1 DAY LIMIT 100", "") < 0 ||
	    db_exec(&r->a, "INSERT INTO toga_transactions (id, jurisdiction, "
	    "filer_id, firm_id, session_hash, account_name, is_global, "
	    "type_code, type_code_id, original_url, error_url, created_at, "
	    "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? SECOND)",
	    "ssiissisissi", id, j, f.id, f.firm_id, hash, name,
	    (long long)is_global, code, code_id, orig_ok, err_ok,
	    (long long)ttl) < 0)
		return page_db_error(r);

	/* Step 4: the request, posted on to the local payment page. */
	const char *rq[RQ__MAX] = {
		[RQ_CLIENT_KEY] = CLIENT_KEY,
		[RQ_TRANSACTION_ID] = id,
		[RQ_REDIRECT_URL] = arena_printf(&r->a, "%s/jurisdictions/%s/"
		    "payments/toga-account", efile_base_url(r), j),
		[RQ_AMOUNT] = "-1",
		[RQ_GET_TOKEN] = "1",
	};
	char *xml = toga_request_xml(&r->a, rq);
	if (xml == NULL)
		return page_error(r, 500, sorry, "Something went wrong on our side.");
	struct page p;
	page_begin(&p, "Redirecting to the payment page");
	page_handoff(&p, arena_printf(&r->a, "/jurisdictions/%s/payments/"
	    "local-toga", j), "RequestXML", xml, "Continue to the payment page");
	return page_send(r, &p, 200);
}

/* The row of a pending transaction, as the callback reads it. */
enum tx_col {
	TX_FILER, TX_FIRM, TX_SESSION, TX_NAME, TX_GLOBAL, TX_TYPE, TX_ORIG,
	TX_ERR, TX__MAX
};

/*
 * "VISA ************1111": the first word names the account's type (spec 4
 * step 6), else the type asked for. The word is kept as the account's
 * cardType, written as spec 3 shows it: VISA, MASTERCARD, ..., Checking.
 */
static const char *
type_from_tender(char *word, const char *saved)
{
	static const char *const cards[] = {
		"MASTERCARD", "DISCOVER", "VISA", "AMEX", NULL
	};
	static const char *const banks[] = { "Checking", "Savings", NULL };

	for (size_t i = 0; cards[i]; i++)
		if (strcasecmp(word, cards[i]) == 0) {
			strcpy(word, cards[i]);
			return "CC";
		}
	for (size_t i = 0; banks[i]; i++)
		if (strcasecmp(word, banks[i]) == 0) {
			strcpy(word, banks[i]);
			return "BankAccount";
		}
	return saved;
}

static int
small_int(const char *s, long lo, long hi, long *out)
{
	char *end;

	if (s == NULL || *s == '\0' || strlen(s) > 6)
		return 0;
	*out = strtol(s, &end, 10);
	return *end == '\0' && *out >= lo && *out <= hi;
}

static int
token_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n > 0 && n <= TOKEN_MAX &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == n;
}

/*
 * Step 6: the account the response describes, for the transaction's
 * filer. 1 created, 0 not creatable (the caller sends error_url), -1 a
 * database error.
 */
static int
account_from(struct req *r, const char *j, char **tx, const char **v)
{
	const char	*tender = trimmed(&r->a, v[RS_TENDER_DESCRIPTION]);
	const char	*holder = trimmed(&r->a, v[RS_PAYOR_NAME]);
	const char	*token = v[RS_PAYOR_TOKEN];
	char		 first[CARD_TYPE_MAX + 1], uuid[37], **row;
	long		 month = 0, year = 0;
	int		 has_exp;

	if (tender == NULL || *tender == '\0' || !text_ok(holder, HOLDER_MAX) ||
	    !token_ok(token))
		return 0;
	size_t fl = strcspn(tender, " ");
	if (fl > CARD_TYPE_MAX)
		return 0;
	memcpy(first, tender, fl);
	first[fl] = '\0';
	const char *last = strrchr(tender, ' ');
	last = last ? last + 1 : tender;
	size_t ll = strlen(last);
	if (ll < 4 || strspn(last + ll - 4, "0123456789") != 4)
		return 0;
	const char *type = type_from_tender(first, tx[TX_TYPE]);
	/* A card has an expiry; a bank account may have none. */
	has_exp = (v[RS_EXPIRATION_MONTH] && *v[RS_EXPIRATION_MONTH]) ||
	    (v[RS_EXPIRATION_YEAR] && *v[RS_EXPIRATION_YEAR]);
	if ((has_exp || strcmp(type, "CC") == 0) &&
	    (!small_int(v[RS_EXPIRATION_MONTH], 1, 12, &month) ||
	    !small_int(v[RS_EXPIRATION_YEAR], 2000, 2199, &year)))
		return 0;
	if (strcmp(type, "WV") == 0)
		return 0;
	row = db_one(&r->a, "SELECT code_id FROM payment_account_types WHERE "
	    "jurisdiction = ? AND code = ?", "ss", j, type);
	if (row == NULL)
		return db_last() == DB_OK ? 0 : -1;
	uuid4(uuid);
	if (db_exec(&r->a, "INSERT INTO payment_accounts (uuid, jurisdiction, "
	    "firm_id, name, type_code, type_code_id, card_type, card_last4, "
	    "card_month, card_year, holder_name, account_token, active, "
	    "created_at, updated_at) VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, "
	    "NULLIF(?, 0), NULLIF(?, 0), ?, ?, 1, UTC_TIMESTAMP(6), "
	    "UTC_TIMESTAMP(6))", "ssississiiss", uuid, j,
	    strcmp(tx[TX_GLOBAL], "0") != 0 ? 0LL : strtoll(tx[TX_FIRM], NULL, 10),
	    tx[TX_NAME], type, strtoll(row[0], NULL, 10), first,
	    last + ll - 4, (long long)month, (long long)year, holder, token) < 0)
		return -1;
	return 1;
}

/*
 * POST toga-account (form: ResponseXML), one transaction: the pending
 * transaction is consumed (single use: a second callback finds nothing),
 * the filer's session is checked again, and the account is created.
 *
 * Statuses: 302 to original_url (created) or error_url (the response
 * describes no account we can create); 400 unparsable XML; 403 the
 * session that began it has ended; 404 unknown jurisdiction, or an
 * unknown, used or expired transaction; 500/503 database trouble. Pages
 * are text/html.
 */
int
toga_callback(struct req *r)
{
	const char	*j, *v[RS__MAX], *xml;
	char		**tx;
	int		 dup = 0;
	long long	 n;

	if ((j = juris(r, 0)) == NULL)
		return page_error(r, 404, sorry_account,
		    "There is no such jurisdiction.");
	xml = form_get(r, "ResponseXML", &dup);
	if (dup || xml == NULL ||
	    toga_response_parse(&r->a, xml, strlen(xml), v) != 0)
		return page_error(r, 400, sorry_account,
		    "The payment response could not be read.");
	if (!toga_id_valid(v[RS_TRANSACTION_ID]))
		return page_error(r, 404, sorry_account,
		    "This payment request is unknown, was used already or has "
		    "expired.");
	n = db_exec(&r->a, "UPDATE toga_transactions SET consumed_at = "
	    "UTC_TIMESTAMP(6) WHERE id = ? AND jurisdiction = ? AND "
	    "consumed_at IS NULL AND expires_at > UTC_TIMESTAMP(6)", "ss",
	    v[RS_TRANSACTION_ID], j);
	if (n < 0)
		return page_db_error(r);
	if (n == 0)
		return page_error(r, 404, sorry_account,
		    "This payment request is unknown, was used already or has "
		    "expired.");
	tx = db_one(&r->a, "SELECT filer_id, firm_id, session_hash, "
	    "account_name, is_global, type_code, original_url, error_url "
	    "FROM toga_transactions WHERE id = ?", "s", v[RS_TRANSACTION_ID]);
	if (tx == NULL)
		return page_db_error(r);
	/*
	 * The reference's "stored tyler_info unusable" (403): the session
	 * that began the flow must still be live and its filer enabled. The
	 * answer is an error, so the transaction rolls back and stays usable
	 * until it expires.
	 */
	char **live = db_one(&r->a, "SELECT 1 FROM filer_sessions s JOIN filers f "
	    "ON f.id = s.filer_id WHERE s.secret_hash = ? AND s.filer_id = ? AND "
	    "s.expires_at > UTC_TIMESTAMP(6) AND f.disabled = 0", "si",
	    tx[TX_SESSION], strtoll(tx[TX_FILER], NULL, 10));
	if (live == NULL)
		return db_last() != DB_OK ? page_db_error(r) : page_error(r, 403,
		    sorry_account, "Your login has ended: log in again and "
		    "start over.");
	switch (account_from(r, j, tx, v)) {
	case 1:
		return page_redirect(r, tx[TX_ORIG]);
	case 0:
		return page_redirect(r, tx[TX_ERR]);
	default:
		return page_db_error(r);
	}
}
