/*
 * Payment account types and payment accounts (efsp-proxy.md section 3).
 * An account belongs to the filer's firm (payment-accounts) or to no firm
 * (global-accounts); one set of handlers serves both, told apart by the
 * route's pattern, and an account is only ever found through its owner, so
 * another firm's account, or one of the other kind, is simply not there
 * (404), never shown. The JSON members are declared once, in the member
 * tables below, which also give the SELECT its columns.
 *
 * Statuses: 200; 400 (text) for a bad account name or PATCH body; 401
 * (empty) for a missing or unknown X-API-KEY (the gate) or an unknown,
 * expired or disabled filer's token; 403 (empty) without TYLER-TOKEN-{J};
 * 404 (text) for an unknown jurisdiction, court or account; 413 above the
 * route's body cap (main.c).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "../lib/db.h"
#include "../lib/efile.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "payments.h"

#define NAME_MAX_CHARS	200	/* payment_accounts.name is VARCHAR(200) */

/*
 * An account is looked up only together with its owner: the jurisdiction
 * and the firm's id, where 0 (never an AUTO_INCREMENT id) stands for "no
 * firm", so that one statement serves both kinds.
 */
#define OWNER	"p.jurisdiction = ? AND p.firm_id <=> NULLIF(?, 0)"

/* How one result column becomes a JSON member. */
enum mkind {
	M_STR,		/* string; SQL NULL -> null */
	M_VSTR,		/* {"value": string or null}: a JAXBElement (spec 1.2) */
	M_VINT,		/* {"value": integer or null} */
	M_VBOOL,	/* {"value": true or false} */
	M_EMPTY,	/* always [] (no column) */
	M_NULL,		/* always null (no column) */
};

struct member {
	const char	*name;	/* JSON member */
	enum mkind	 kind;
	const char	*sql;	/* its SELECT expression; NULL: no column */
};

/* The PaymentAccount of spec 3, in the reference's member order. */
static const struct member account_members[] = {
	{ "paymentAccountID",		M_STR,	 "p.uuid" },
	{ "firmID",			M_STR,	 "m.uuid" },
	{ "accountName",		M_STR,	 "p.name" },
	{ "paymentAccountTypeCode",	M_STR,	 "p.type_code" },
	{ "paymentAccountTypeCodeId",	M_VINT,	 "p.type_code_id" },
	{ "accountToken",		M_STR,	 "p.account_token" },
	{ "cardType",			M_VSTR,	 "p.card_type" },
	{ "cardLast4",			M_STR,	 "p.card_last4" },
	{ "cardMonth",			M_VINT,	 "p.card_month" },
	{ "cardYear",			M_VINT,	 "p.card_year" },
	{ "cardHolderName",		M_VSTR,	 "p.holder_name" },
	{ "active",			M_VBOOL, "p.active" },
	/* No account is limited to some courts: each is good everywhere. */
	{ "isAvailableAtAllLocations",	M_VBOOL, "1" },
	{ "courtIdentifier",		M_EMPTY, NULL },
	{ "paymentAccountLocationDetails", M_NULL, NULL },
	{ "availableLocationNodes",	M_EMPTY, NULL },
};

static const struct member type_members[] = {
	{ "code",		M_STR,	"code" },
	{ "description",	M_STR,	"description" },
	{ "codeId",		M_VINT,	"code_id" },
};

#define NMEMBERS(a)	(sizeof(a) / sizeof((a)[0]))

/* Built once from the tables (accounts_init); they live as long as the worker. */
static struct buf account_select;	/* "SELECT ... WHERE " */
static struct buf type_select;

/* Who is asking, and which kind of account the route is about. */
struct caller {
	const char	*j;
	struct filer	 f;
	int		 global;	/* global-accounts */
	long long	 owner;		/* the firm's id; 0 for global accounts */
};

static void
select_build(struct buf *b, const struct member *m, size_t n,
    const char *from)
{
	const char *sep = "SELECT ";

	for (size_t i = 0; i < n; i++)
		if (m[i].sql != NULL) {
			buf_addf(b, "%s%s", sep, m[i].sql);
			sep = ", ";
		}
	buf_addf(b, " %s", from);
}

int
accounts_init(void)
{
	select_build(&account_select, account_members, NMEMBERS(account_members),
	    "FROM payment_accounts p LEFT JOIN firms m ON m.id = p.firm_id WHERE ");
	select_build(&type_select, type_members, NMEMBERS(type_members),
	    "FROM payment_account_types WHERE jurisdiction = ? ORDER BY code_id");
	return 0;
}

static json_object *
wrapped(json_object *v)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "value", v);
	return o;
}

static json_object *
member_value(enum mkind k, const char *v)
{
	switch (k) {
	case M_VSTR:
		return wrapped(jstr(v));
	case M_VINT:
		return wrapped(v == NULL ? NULL :
		    json_object_new_int64(strtoll(v, NULL, 10)));
	case M_VBOOL:
		return wrapped(v == NULL ? NULL :
		    json_object_new_boolean(strcmp(v, "0") != 0));
	case M_EMPTY:
		return json_object_new_array();
	case M_NULL:
		return NULL;
	case M_STR:
	default:
		return jstr(v);
	}
}

/* One row as an object: the row holds the columns of members with sql. */
static json_object *
row_render(const struct member *m, size_t n, char **row)
{
	json_object	*o = json_object_new_object();
	size_t		 col = 0;

	for (size_t i = 0; i < n; i++)
		json_object_object_add(o, m[i].name, member_value(m[i].kind,
		    m[i].sql != NULL ? row[col++] : NULL));
	return o;
}

/* 200 with every row of q; a failed query maps to 5xx. */
static int
rows_answer(struct req *r, const struct member *m, size_t n, struct dbq *q)
{
	json_object	*a;
	char		**row;

	if (q == NULL)
		return http_db_error(r);
	a = json_object_new_array();
	while ((row = db_next(q)) != NULL)
		json_object_array_add(a, row_render(m, n, row));
	db_done(q);
	if (db_last() != DB_OK) {
		json_object_put(a);
		return http_db_error(r);
	}
	return resp_json(r, 200, a);
}

/*
 * The jurisdiction and the logged-in filer (spec 1.3), or 0 once the
 * answer is set. A missing token is 403 on payments, as the reference
 * answers; a token we cannot match to a live session of an enabled filer
 * is 401, what Tyler's "not logged in" maps to.
 */
static int
caller_get(struct req *r, struct caller *c)
{
	memset(c, 0, sizeof(*c));
	if ((c->j = juris(r, 0)) == NULL)
		return 0;
	switch (filer_session(r, c->j, &c->f)) {
	case FILER_OK:
		break;
	case FILER_MISSING:
		http_bare(r, 403);
		return 0;
	case FILER_BAD:
		http_bare(r, 401);
		return 0;
	case FILER_DBERR:
	default:
		http_db_error(r);
		return 0;
	}
	/* The kind comes from the route table (main.c), not the client. */
	c->global = strstr(r->route->pattern, "/global-accounts") != NULL;
	c->owner = c->global ? 0 : c->f.firm_id;
	return 1;
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/*
 * An account name, trimmed, as an arena string; NULL with *msg set when
 * it is blank, too long, not UTF-8 or holds control characters.
 */
static char *
name_check(struct req *r, const char *s, size_t n, const char **msg)
{
	int	bad;
	size_t	chars;

	trim(&s, &n);
	*msg = NULL;
	chars = utf8_len(s, n, &bad);
	if (n == 0)
		*msg = "Account name is required";
	else if (bad)
		*msg = "Account name must be UTF-8 text";
	else if (chars > NAME_MAX_CHARS)
		*msg = "Account name is longer than 200 characters";
	else
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				*msg = "Account name has control characters";
	return *msg == NULL ? arena_strndup(&r->a, s, n) : NULL;
}

/*
 * What json-c's strict mode still lets pass and RFC 8259 does not: a
 * single quote outside a string, a raw control character inside one (as
 * http.c's json_decode also checks).
 */
static int
json_rfc_chars(const char *s, size_t n)
{
	int in = 0, esc = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((in && c < 0x20) || (!in && c == '\''))
			return 0;
		if (esc)
			esc = 0;
		else if (in && c == '\\')
			esc = 1;
		else if (c == '"')
			in = !in;
	}
	return 1;
}

/*
 * Strict JSON of at most a few levels: 1 with *out set (NULL for JSON
 * null) when all of s is one value, else 0.
 */
static int
json_whole(struct req *r, const char *s, size_t n, json_object **out)
{
	struct json_tokener	*tok = json_tokener_new_ex(4);
	json_object		*o;
	int			 ok;

	/*
	 * With its NUL: a bare literal (null, 5) is only complete once the
	 * tokener sees what follows it.
	 */
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	o = json_tokener_parse_ex(tok, arena_strndup(&r->a, s, n), (int)n + 1);
	ok = json_tokener_get_error(tok) == json_tokener_success &&
	    json_tokener_get_parse_end(tok) == n && memchr(s, '\0', n) == NULL &&
	    json_rfc_chars(s, n);
	json_tokener_free(tok);
	if (!ok) {
		json_object_put(o);
		o = NULL;
	}
	*out = req_keep(r, o);
	return ok;
}

/*
 * The name of a new account: the whole body, not JSON-decoded, because the
 * real client sends the bare name under Content-type: application/json
 * (spec 3). A body that is exactly one JSON string literal is unquoted, so
 * a client that does encode it gets the same name.
 */
static char *
body_name(struct req *r, const char **msg)
{
	const char	*s = r->body ? r->body : "";
	size_t		 n = r->body_len;
	json_object	*o;

	trim(&s, &n);
	if (n >= 2 && s[0] == '"' && json_whole(r, s, n, &o) &&
	    json_object_is_type(o, json_type_string)) {
		s = json_object_get_string(o);
		n = (size_t)json_object_get_string_len(o);
	}
	return name_check(r, s, n, msg);
}

/* ?court_id= names a court of the jurisdiction, when given (spec 3). */
static int
court_ok(struct req *r, const char *j)
{
	const char	*c = kv_get(&r->query, "court_id");
	char		**row;

	if (c == NULL || *c == '\0')
		return 1;
	/*
	 * Compared again here: utf8mb4_bin pads with spaces, so the SQL
	 * comparison alone would take "adams " for "adams".
	 */
	if ((row = db_one(&r->a, "SELECT code FROM filing_courts WHERE "
	    "jurisdiction = ? AND code = ?", "ss", j, c)) != NULL &&
	    strcmp(row[0], c) == 0)
		return 1;
	if (row == NULL && db_last() != DB_OK)
		http_db_error(r);
	else
		http_error(r, 404, arena_printf(&r->a, "Court does not exist %s",
		    c));
	return 0;
}

static int
no_account(struct req *r)
{
	return http_error(r, 404, "Payment account does not exist");
}

/* GET payments/types: the jurisdiction's account types. */
int
types_get(struct req *r)
{
	struct caller c;

	if (!caller_get(r, &c))
		return r->status;
	return rows_answer(r, type_members, NMEMBERS(type_members),
	    db_run(&r->a, type_select.s, "s", c.j));
}

/* GET payment-accounts, global-accounts [?court_id=]: the owner's accounts. */
int
accounts_get(struct req *r)
{
	struct caller c;

	if (!caller_get(r, &c) || !court_ok(r, c.j))
		return r->status;
	return rows_answer(r, account_members, NMEMBERS(account_members),
	    db_run(&r->a, arena_printf(&r->a, "%s" OWNER " ORDER BY p.id",
	    account_select.s), "si", c.j, c.owner));
}

/* GET payment-accounts/{id}, global-accounts/{id}. */
int
account_get(struct req *r)
{
	struct caller	 c;
	const char	*id = r->params[1];
	char		**row;

	if (!caller_get(r, &c))
		return r->status;
	if (!uuid_valid(id))
		return no_account(r);
	row = db_one(&r->a, arena_printf(&r->a, "%sp.uuid = ? AND " OWNER,
	    account_select.s), "ssi", id, c.j, c.owner);
	if (row == NULL)
		return db_last() != DB_OK ? http_db_error(r) : no_account(r);
	return resp_json(r, 200, row_render(account_members,
	    NMEMBERS(account_members), row));
}

/*
 * POST payment-accounts, global-accounts: a new waiver (type WV) for the
 * filer's firm, or a global one. Answers its id as a JSON string literal,
 * which is what the client reads (spec 11).
 */
int
account_create(struct req *r)
{
	struct caller	 c;
	const char	*msg;
	char		*name, **row, id[37];

	if (!caller_get(r, &c))
		return r->status;
	if ((name = body_name(r, &msg)) == NULL)
		return http_error(r, 400, msg);
	row = db_one(&r->a, "SELECT code_id FROM payment_account_types WHERE "
	    "jurisdiction = ? AND code = 'WV'", "s", c.j);
	if (row == NULL)	/* the seed data lacks it: our fault (spec 3) */
		return db_last() != DB_OK ? http_db_error(r) : http_error(r, 500,
		    arena_printf(&r->a, "No waiver account type in %s", c.j));
	uuid4(id);
	if (db_exec(&r->a, "INSERT INTO payment_accounts (uuid, jurisdiction, "
	    "firm_id, name, type_code, type_code_id, active, created_at, "
	    "updated_at) VALUES (?, ?, NULLIF(?, 0), ?, 'WV', ?, 1, "
	    "UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", "ssisi", id, c.j, c.owner,
	    name, strtoll(row[0], NULL, 10)) < 0)
		return http_db_error(r);
	return resp_json(r, 200, json_object_new_string(id));
}

/*
 * A PATCH body: an object with account_name (string or null) and active
 * (boolean or null), null meaning "unchanged"; any other member is refused,
 * so nothing else can be written. *name and *active stay NULL when
 * unchanged; *active is "0" or "1". 0 once a 400 is set.
 */
static int
patch_parse(struct req *r, const char **name, const char **active)
{
	const char	*s = r->body ? r->body : "", *msg;
	size_t		 n = r->body_len;
	json_object	*o;

	*name = *active = NULL;
	trim(&s, &n);
	if (n > 0 && !json_whole(r, s, n, &o)) {
		http_error(r, 400, "Malformed JSON");
		return 0;
	}
	if (n == 0 || !json_object_is_type(o, json_type_object)) {
		http_error(r, 400, "A JSON object is required");
		return 0;
	}
	json_object_object_foreach(o, key, v) {
		if (strcmp(key, "account_name") == 0) {
			if (v == NULL)
				continue;
			if (!json_object_is_type(v, json_type_string)) {
				http_error(r, 400, "account_name must be a string "
				    "or null");
				return 0;
			}
			if ((*name = name_check(r, json_object_get_string(v),
			    (size_t)json_object_get_string_len(v), &msg)) == NULL) {
				http_error(r, 400, msg);
				return 0;
			}
		} else if (strcmp(key, "active") == 0) {
			if (v == NULL)
				continue;
			if (!json_object_is_type(v, json_type_boolean)) {
				http_error(r, 400, "active must be true, false "
				    "or null");
				return 0;
			}
			*active = json_object_get_boolean(v) ? "1" : "0";
		} else {
			http_error(r, 400, arena_printf(&r->a,
			    "Unknown member %.40s", key));
			return 0;
		}
	}
	return 1;
}

/* PATCH payment-accounts/{id}, global-accounts/{id}: 200, empty. */
int
account_patch(struct req *r)
{
	struct caller	 c;
	const char	*id = r->params[1], *name, *active;
	long long	 n;

	if (!caller_get(r, &c))
		return r->status;
	if (!uuid_valid(id))
		return no_account(r);
	if (!patch_parse(r, &name, &active))
		return r->status;
	/* Affected rows count matched rows (CLIENT_FOUND_ROWS, db.c). */
	n = db_exec(&r->a, "UPDATE payment_accounts p SET "
	    "p.name = COALESCE(?, p.name), p.active = COALESCE(?, p.active), "
	    "p.updated_at = UTC_TIMESTAMP(6) WHERE p.uuid = ? AND " OWNER,
	    "ssssi", name, active, id, c.j, c.owner);
	if (n < 0)
		return http_db_error(r);
	if (n == 0)
		return no_account(r);
	return resp_raw(r, 200, "text/plain; charset=utf-8", "", 0);
}

/*
 * DELETE payment-accounts/{id}, global-accounts/{id}: 200, empty. The
 * account row goes; the charges recorded against it (filing_charges,
 * keyed by its uuid) stay.
 */
int
account_delete(struct req *r)
{
	struct caller	 c;
	const char	*id = r->params[1];
	long long	 n;

	if (!caller_get(r, &c))
		return r->status;
	if (!uuid_valid(id))
		return no_account(r);
	n = db_exec(&r->a, "DELETE p FROM payment_accounts p WHERE p.uuid = ? "
	    "AND " OWNER, "ssi", id, c.j, c.owner);
	if (n < 0)
		return http_db_error(r);
	if (n == 0)
		return no_account(r);
	return resp_raw(r, 200, "text/plain; charset=utf-8", "", 0);
}
