/*
 * The local stand-in for the card gateway (Tyler's hosted TOGA page, which
 * Casegate does not have): POST local-toga with the RequestXML that
 * new-toga-account handed on shows a card or bank form; the form posts
 * back here, is checked, and on success the page hands ResponseXML in the
 * shape of efsp-proxy.md 4 step 5 on to the RequestXML's RedirectURL,
 * which must be this server's own toga-account. Nothing is charged.
 *
 * Only the brand, the last four digits, the holder, the expiry and a
 * random token leave this file (in ResponseXML); the card number, the
 * security code and the bank account number are read, checked and
 * forgotten: never stored, logged or echoed back into a page.
 *
 * Statuses: 200 the form, or the hand-off page; 400 no or unreadable
 * RequestXML, a RedirectURL that is not ours, an unknown method; 404
 * unknown jurisdiction, or a transaction that is unknown, used or
 * expired; 422 the form again, with what is wrong; 500/503 database
 * trouble. All text/html.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../lib/db.h"
#include "../lib/efile.h"
#include "../lib/http.h"
#include "../lib/util.h"
#include "toga.h"

#define HOLDER_MAX	200

static const char title[] = "Add a payment account";
static const char sorry[] = "Sorry, but an error has occurred";

/* What the form shows: the kind asked for, and what a person typed. */
enum kind { K_CARD = 1, K_BANK = 2, K_BOTH = 3 };

struct errors {
	const char	*msg[8];
	const char	*field[8];	/* the input's id, for aria-invalid */
	size_t		 n;
};

static void
error_add(struct errors *e, const char *field, const char *msg)
{
	if (e->n < sizeof(e->msg) / sizeof(e->msg[0])) {
		e->field[e->n] = field;
		e->msg[e->n++] = msg;
	}
}

static int
invalid(const struct errors *e, const char *field)
{
	for (size_t i = 0; e && i < e->n; i++)
		if (strcmp(e->field[i], field) == 0)
			return 1;
	return 0;
}

/* A field's value, or "" (for re-showing what was typed). */
static const char *
fval(struct req *r, const char *name)
{
	const char *v = kv_get(&r->form, name);
	return v ? v : "";
}

/*
 * One labelled input. value is echoed (escaped) only for the fields that
 * may be shown again; numbers and codes are passed as NULL.
 */
static void
input(struct page *p, const struct errors *e, const char *id,
    const char *name, const char *label, const char *autocomplete,
    const char *mode, const char *size, const char *value)
{
	buf_addf(&p->b, "<label for=\"%s\">", id);
	html_esc(&p->b, label);
	buf_addf(&p->b, "</label><input id=\"%s\" name=\"%s\" type=\"text\" "
	    "autocomplete=\"%s\" required maxlength=\"%s\"%s%s%s", id, name,
	    autocomplete, size, mode ? " inputmode=\"" : "", mode ? mode : "",
	    mode ? "\"" : "");
	if (invalid(e, id))
		buf_adds(&p->b, " aria-invalid=\"true\"");
	if (value != NULL && *value) {
		buf_adds(&p->b, " value=\"");
		html_esc(&p->b, value);
		buf_adds(&p->b, "\"");
	}
	buf_adds(&p->b, ">\n");
}

static void
form_open(struct page *p, const char *j, const char *xml, const char *method)
{
	buf_addf(&p->b, "<form method=\"post\" action=\"/jurisdictions/%s/"
	    "payments/local-toga\">\n<input type=\"hidden\" name=\"RequestXML\" "
	    "value=\"", j);
	html_esc(&p->b, xml);
	buf_addf(&p->b, "\">\n<input type=\"hidden\" name=\"method\" "
	    "value=\"%s\">\n", method);
}

static void
card_form(struct req *r, struct page *p, const char *j, const char *xml,
    const struct errors *e)
{
	form_open(p, j, xml, "card");
	buf_adds(&p->b, "<fieldset><legend>Card</legend>\n");
	input(p, e, "cc-name", "cc_name", "Name on card", "cc-name", NULL, "200",
	    fval(r, "cc_name"));
	input(p, e, "cc-number", "cc_number", "Card number", "cc-number",
	    "numeric", "23", NULL);
	buf_adds(&p->b, "<div class=\"row\"><div>\n");
	input(p, e, "cc-exp-month", "cc_exp_month", "Expiry month (MM)",
	    "cc-exp-month", "numeric", "2", fval(r, "cc_exp_month"));
	buf_adds(&p->b, "</div><div>\n");
	input(p, e, "cc-exp-year", "cc_exp_year", "Expiry year (YYYY)",
	    "cc-exp-year", "numeric", "4", fval(r, "cc_exp_year"));
	buf_adds(&p->b, "</div><div>\n");
	input(p, e, "cc-csc", "cc_csc", "Security code", "cc-csc", "numeric",
	    "4", NULL);
	buf_adds(&p->b, "</div></div>\n</fieldset>\n"
	    "<button type=\"submit\">Save card</button>\n</form>\n");
}

static void
bank_form(struct req *r, struct page *p, const char *j, const char *xml,
    const struct errors *e)
{
	const char *t = fval(r, "bank_type");
	int savings = strcmp(t, "Savings") == 0;

	form_open(p, j, xml, "bank");
	buf_adds(&p->b, "<fieldset><legend>Bank account (eCheck)</legend>\n");
	input(p, e, "bank-holder", "bank_holder", "Account holder's name",
	    "name", NULL, "200", fval(r, "bank_holder"));
	buf_addf(&p->b, "<label for=\"bank-type\">Account type</label>"
	    "<select id=\"bank-type\" name=\"bank_type\">"
	    "<option value=\"Checking\"%s>Checking</option>"
	    "<option value=\"Savings\"%s>Savings</option></select>\n",
	    savings ? "" : " selected", savings ? " selected" : "");
	input(p, e, "bank-routing", "bank_routing", "Routing number (9 digits)",
	    "off", "numeric", "11", fval(r, "bank_routing"));
	input(p, e, "bank-account", "bank_account", "Account number", "off",
	    "numeric", "20", NULL);
	buf_adds(&p->b, "</fieldset>\n"
	    "<button type=\"submit\">Save bank account</button>\n</form>\n");
}

/* The whole payment page: what is wrong (if anything), then the form(s). */
static int
form_page(struct req *r, const char *j, const char *xml, enum kind k,
    const char *name, const struct errors *e)
{
	struct page p;

	page_begin(&p, title);
	buf_adds(&p.b, "<h1>Add a payment account</h1>\n<p>For <strong>");
	html_esc(&p.b, name);
	buf_adds(&p.b, "</strong>. Nothing is charged now. ");
	buf_adds(&p.b, k == K_BANK ? "Casegate keeps the account type, the "
	    "holder's name and the last four digits, never the full account "
	    "number.</p>\n" : "Casegate keeps the brand, the last four digits, "
	    "the name and the expiry date, never the full number or the "
	    "security code.</p>\n");
	if (e != NULL && e->n > 0) {
		buf_adds(&p.b, "<div class=\"errors\" role=\"alert\" "
		    "id=\"errors\"><h2>Please correct this:</h2><ul>\n");
		for (size_t i = 0; i < e->n; i++) {
			buf_addf(&p.b, "<li><a href=\"#%s\">", e->field[i]);
			html_esc(&p.b, e->msg[i]);
			buf_adds(&p.b, "</a></li>\n");
		}
		buf_adds(&p.b, "</ul></div>\n");
	}
	if (k & K_CARD)
		card_form(r, &p, j, xml, e);
	if (k & K_BANK)
		bank_form(r, &p, j, xml, e);
	buf_adds(&p.b, "<p class=\"note\">This is Casegate's local payment page, "
	    "a stand-in for the court's card gateway.</p>\n");
	return page_send(r, &p, e != NULL && e->n > 0 ? 422 : 200);
}

/* GET local-toga: the page is only ever reached by the flow's post. */
int
gateway_get(struct req *r)
{
	if (juris(r, 0) == NULL)
		return page_error(r, 404, sorry, "There is no such jurisdiction.");
	return page_error(r, 400, sorry, "There is no payment request here: "
	    "this page is opened by the payment-account flow "
	    "(payments/new-toga-account), not directly.");
}

static void
now_ym(int *month, int *year)
{
	time_t		t = now_unix();
	struct tm	tm;

	gmtime_r(&t, &tm);
	*month = tm.tm_mon + 1;
	*year = tm.tm_year + 1900;
}

static int
num(const char *s, size_t maxlen, int *out)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > maxlen || strspn(s, "0123456789") != n)
		return 0;
	*out = atoi(s);
	return 1;
}

/*
 * TenderDescription as Tyler writes it (spec 4 step 5): "VISA
 * ************1111", a star for each hidden digit of a card; "Checking
 * ****6789", four stars before a bank account's last four.
 */
static char *
masked(struct req *r, const char *word, const char *d, int card)
{
	size_t	 n = strlen(d), stars = card ? n - 4 : 4;
	char	*s = arena_alloc(&r->a, strlen(word) + stars + 6);
	char	*p = s + sprintf(s, "%s ", word);

	memset(p, '*', stars);
	strcpy(p + stars, d + n - 4);
	return s;
}

/*
 * The card form's fields, checked. On success v[] is the ResponseXML's
 * card part; the full number and the code go no further than here.
 */
static void
card_check(struct req *r, const char **v, struct errors *e)
{
	const char	*name = fval(r, "cc_name");
	char		*d = digits_only(&r->a, fval(r, "cc_number"), 19);
	char		*csc = digits_only(&r->a, fval(r, "cc_csc"), 4);
	const char	*brand = NULL;
	int		 m, y, nm, ny;

	name = trimmed(&r->a, name);
	if (!text_ok(name, HOLDER_MAX))
		error_add(e, "cc-name", "Enter the name on the card.");
	if (d == NULL || strlen(d) < 12)
		error_add(e, "cc-number", "Enter the card number: 12 to 19 "
		    "digits.");
	else if (!luhn_ok(d))
		error_add(e, "cc-number", "The card number is not valid: check "
		    "its digits.");
	else if ((brand = card_brand(d)) == NULL)
		error_add(e, "cc-number", "We take Visa, Mastercard, American "
		    "Express and Discover cards.");
	now_ym(&nm, &ny);
	int month_ok = num(fval(r, "cc_exp_month"), 2, &m) && m >= 1 && m <= 12;
	if (!month_ok)
		error_add(e, "cc-exp-month", "Enter the expiry month as 1 to 12.");
	const char *ys = fval(r, "cc_exp_year");
	if ((strlen(ys) != 2 && strlen(ys) != 4) || !num(ys, 4, &y))
		error_add(e, "cc-exp-year", "Enter the expiry year, for example "
		    "2031.");
	else {
		if (y < 100)
			y += 2000;
		if (y > ny + 25)
			error_add(e, "cc-exp-year", "The expiry year is too far "
			    "ahead.");
		else if (y < ny || (month_ok && !expiry_future(m, y, nm, ny)))
			error_add(e, "cc-exp-year", "The card has expired.");
	}
	if (csc == NULL || *csc == '\0')
		error_add(e, "cc-csc", "Enter the security code from the card.");
	else if (!csc_ok(csc, brand))
		error_add(e, "cc-csc", brand && strcmp(brand, "AMEX") == 0 ?
		    "The security code of an American Express card has 4 digits." :
		    "The security code has 3 digits.");
	if (e->n > 0)
		return;
	v[RS_PAYOR_NAME] = name;
	v[RS_TENDER_DESCRIPTION] = masked(r, brand, d, 1);
	v[RS_EXPIRATION_MONTH] = arena_printf(&r->a, "%d", m);
	v[RS_EXPIRATION_YEAR] = arena_printf(&r->a, "%d", y);
}

static void
bank_check(struct req *r, const char **v, struct errors *e)
{
	const char	*name = fval(r, "bank_holder");
	const char	*type = fval(r, "bank_type");
	char		*routing = digits_only(&r->a, fval(r, "bank_routing"), 9);
	char		*acct = digits_only(&r->a, fval(r, "bank_account"), 17);

	name = trimmed(&r->a, name);
	if (!text_ok(name, HOLDER_MAX))
		error_add(e, "bank-holder", "Enter the account holder's name.");
	if (strcmp(type, "Checking") != 0 && strcmp(type, "Savings") != 0)
		error_add(e, "bank-type", "Choose Checking or Savings.");
	if (routing == NULL || strlen(routing) != 9)
		error_add(e, "bank-routing", "Enter the 9-digit routing number.");
	else if (!aba_ok(routing))
		error_add(e, "bank-routing", "The routing number is not valid: "
		    "check its digits.");
	if (acct == NULL || strlen(acct) < 4)
		error_add(e, "bank-account", "Enter the account number: 4 to 17 "
		    "digits.");
	if (e->n > 0)
		return;
	v[RS_PAYOR_NAME] = name;
	v[RS_TENDER_DESCRIPTION] = masked(r, type, acct, 0);
	v[RS_EXPIRATION_MONTH] = "";
	v[RS_EXPIRATION_YEAR] = "";
}

/* POST local-toga: the form, or, with its fields, the hand-off back. */
int
gateway_post(struct req *r)
{
	const char	*j, *xml, *rq[RQ__MAX], *method, *expect;
	char		**tx;
	int		 dup = 0;
	enum kind	 k;

	if ((j = juris(r, 0)) == NULL)
		return page_error(r, 404, sorry, "There is no such jurisdiction.");
	xml = form_get(r, "RequestXML", &dup);
	method = form_get(r, "method", &dup);
	if (xml == NULL)
		return gateway_get(r);
	if (dup || toga_request_parse(&r->a, xml, strlen(xml), rq) != 0)
		return page_error(r, 400, sorry, "The payment request could not "
		    "be read.");
	if (!toga_id_valid(rq[RQ_TRANSACTION_ID]))
		return page_error(r, 404, sorry, "This payment request is "
		    "unknown, was used already or has expired.");
	/* Only ever back to ourselves: this page never posts elsewhere. */
	expect = arena_printf(&r->a, "%s/jurisdictions/%s/payments/toga-account",
	    efile_base_url(r), j);
	if (rq[RQ_REDIRECT_URL] == NULL || strcmp(rq[RQ_REDIRECT_URL], expect) != 0)
		return page_error(r, 400, sorry, "The payment request names a "
		    "return address that is not this server's.");
	tx = db_one(&r->a, "SELECT type_code, account_name FROM toga_transactions "
	    "WHERE id = ? AND jurisdiction = ? AND consumed_at IS NULL AND "
	    "expires_at > UTC_TIMESTAMP(6)", "ss", rq[RQ_TRANSACTION_ID], j);
	if (tx == NULL)
		return db_last() != DB_OK ? page_db_error(r) : page_error(r, 404,
		    sorry, "This payment request is unknown, was used already or "
		    "has expired.");
	k = strcmp(tx[0], "CC") == 0 ? K_CARD :
	    strcmp(tx[0], "BankAccount") == 0 ? K_BANK : K_BOTH;
	if (method == NULL)
		return form_page(r, j, xml, k, tx[1], NULL);

	const char *v[RS__MAX] = { 0 };
	struct errors e = { 0 };
	if (strcmp(method, "card") == 0)
		card_check(r, v, &e);
	else if (strcmp(method, "bank") == 0)
		bank_check(r, v, &e);
	else
		return page_error(r, 400, sorry, "Choose a card or a bank account.");
	if (e.n > 0)
		return form_page(r, j, xml, k, tx[1], &e);

	char token[33], ref[13], ts[21];
	random_alnum(token, 32);
	random_alnum(ref, 12);
	iso_utc(now_unix(), ts);
	v[RS_CLIENT_KEY] = rq[RQ_CLIENT_KEY];
	v[RS_TRANSACTION_ID] = rq[RQ_TRANSACTION_ID];
	v[RS_AMOUNT] = rq[RQ_AMOUNT];
	v[RS_REFERENCE_NUMBER] = ref;
	v[RS_PAYOR_TOKEN] = token;
	v[RS_PAYMENT_TIMESTAMP] = ts;
	char *resp = toga_response_xml(&r->a, v);
	if (resp == NULL)
		return page_error(r, 500, sorry, "Something went wrong on our side.");
	struct page p;
	page_begin(&p, "Saving the payment account");
	page_handoff(&p, expect, "ResponseXML", resp, "Continue");
	return page_send(r, &p, 200);
}
