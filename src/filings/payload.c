/*
 * The filing payload parser (efsp-proxy.md 5.2-5.4). The payload is the
 * docassemble interview's variables; what the court needs is read out of
 * it and checked against the court's code tables and data-field rules.
 * Problems are interview variables ({name, description, datatype,
 * currentVal, choices}) in the summary's lists, or one FilingError
 * ({type, description}) when parsing cannot go on. fees and submit stop at
 * the first variable; check collects them all and stops only at a fatal
 * one. Variable names are the attribute paths of 5.3, the attachment's
 * double dot included.
 */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/config.h"
#include "../lib/db.h"
#include "../lib/http.h"
#include "filing.h"
#include "filings.h"

struct datafield {
	const char	*code;
	int		 visible, required;
	const char	*regex, *message;
};

/* The court's parent chain; binds jurisdiction, court, jurisdiction. */
#define CHAIN "WITH RECURSIVE chain (code, parent, depth) AS (" \
	"SELECT code, parent, 0 FROM filing_courts WHERE jurisdiction = ? " \
	"AND code = ? UNION ALL SELECT f.code, f.parent, chain.depth + 1 " \
	"FROM filing_courts f JOIN chain ON f.code = chain.parent " \
	"WHERE f.jurisdiction = ? AND chain.parent <> '' AND chain.depth < 8) "

/* ---- reporting ---------------------------------------------------------- */

static json_object *
iv(const char *name, const char *desc, const char *type, const char *cur,
    json_object *choices)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "name", json_object_new_string(name));
	json_object_object_add(o, "description", json_object_new_string(desc));
	json_object_object_add(o, "datatype", json_object_new_string(type));
	json_object_object_add(o, "currentVal", json_object_new_string(cur ? cur : ""));
	json_object_object_add(o, "choices", choices ? choices :
	    json_object_new_array());
	return o;
}

static void
report(struct fctx *x, json_object *list, json_object *v, int fatal)
{
	if (x->first == NULL)
		x->first = req_keep(x->r, json_object_get(v));
	json_object_array_add(list, v);
	if (fatal || !x->collect)
		x->stop = 1;
}

static void
need(struct fctx *x, const char *name, const char *desc, const char *type,
    int fatal)
{
	report(x, x->required, iv(name, desc, type, NULL, NULL), fatal);
}

static void
wrong(struct fctx *x, const char *name, const char *desc, const char *type,
    const char *cur, json_object *choices, int fatal)
{
	report(x, x->wrong, iv(name, desc, type, cur, choices), fatal);
}

static void
fail(struct fctx *x, const char *type, const char *desc)
{
	if (x->error == NULL) {
		x->error = req_keep(x->r, json_object_new_object());
		json_object_object_add(x->error, "type", json_object_new_string(type));
		json_object_object_add(x->error, "description",
		    json_object_new_string(desc));
	}
	x->stop = 1;
}

#define MALFORMED	"Malformed Interview"
#define SERVER		"Server Error"

json_object *
summary_json(struct fctx *x)
{
	json_object *o = json_object_new_object();
	if (x->error != NULL) {
		json_object_object_add(o, "error", json_object_get(x->error));
		return o;
	}
	json_object_object_add(o, "required_vars", json_object_get(x->required));
	json_object_object_add(o, "optional_vars", json_object_get(x->optional));
	json_object_object_add(o, "wrong_vars", json_object_get(x->wrong));
	return o;
}

/* ---- the court's rules -------------------------------------------------- */

int
fctx_init(struct fctx *x, struct req *r, const char *j, const char *c,
    struct filer *f, int collect)
{
	size_t	 n;
	char	***rows;

	memset(x, 0, sizeof(*x));
	x->r = r;
	x->j = j;
	x->c = c;
	x->filer = f;
	x->collect = collect;
	x->fetch = 1;
	/* Everything JSON lives as long as the request (req_keep). */
	x->required = req_keep(r, json_object_new_array());
	x->optional = req_keep(r, json_object_new_array());
	x->wrong = req_keep(r, json_object_new_array());
	x->e.templates = req_keep(r, json_object_new_object());
	x->e.max_fee = -1;
	rows = code_rows(&r->a, &n, "SELECT " COURT_FIELDS " FROM filing_courts "
	    "WHERE jurisdiction = ? AND code = ?", "ss", j, c);
	if (rows == NULL || n == 0)
		return -1;
	x->court = rows[0];
	rows = code_rows(&r->a, &n, CHAIN "SELECT d.code, d.isvisible, "
	    "d.isrequired, d.regularexpression, d.validationmessage FROM "
	    "filing_datafields d JOIN chain ON d.court = chain.code WHERE "
	    "d.jurisdiction = ? ORDER BY chain.depth", "ssss", j, c, j, j);
	if (rows == NULL)
		return -1;
	x->df = arena_alloc(&r->a, (n + 1) * sizeof(*x->df));
	for (size_t i = 0; i < n; i++) {
		size_t k;
		for (k = 0; k < x->ndf && strcmp(x->df[k].code, rows[i][0]); k++)
			;
		if (k < x->ndf)
			continue;	/* the nearest court's rule won */
		x->df[x->ndf++] = (struct datafield){ rows[i][0],
		    strcmp(rows[i][1], "0") != 0, strcmp(rows[i][2], "0") != 0,
		    rows[i][3], rows[i][4] };
	}
	return 0;
}

static const struct datafield *
df(struct fctx *x, const char *code)
{
	static const struct datafield none = { "", 0, 0, "", "" };
	for (size_t i = 0; i < x->ndf; i++)
		if (strcmp(x->df[i].code, code) == 0)
			return &x->df[i];
	return &none;
}

/*
 * The rules' regular expressions are POSIX EREs; each is compiled once per
 * worker (a court has a few dozen).
 */
static int
rule_match(const char *pat, const char *s)
{
	static struct { char *pat; regex_t re; int ok; } cache[96];
	static size_t n;
	size_t i;

	if (pat == NULL || *pat == '\0')
		return 1;
	for (i = 0; i < n && strcmp(cache[i].pat, pat) != 0; i++)
		;
	if (i == n) {
		if (n == sizeof(cache) / sizeof(cache[0])) {
			regex_t re;
			if (regcomp(&re, pat, REG_EXTENDED | REG_NOSUB) != 0)
				return 0;
			int m = regexec(&re, s, 0, NULL, 0) == 0;
			regfree(&re);
			return m;
		}
		cache[n].pat = strdup(pat);
		cache[n].ok = cache[n].pat != NULL &&
		    regcomp(&cache[n].re, pat, REG_EXTENDED | REG_NOSUB) == 0;
		if (cache[n].pat == NULL)
			return 0;
		n++;
	}
	return cache[i].ok && regexec(&cache[i].re, s, 0, NULL, 0) == 0;
}

/* The codes of a query's first column, as the choices of a variable. */
static json_object *
choices_of(char ***rows, size_t n)
{
	json_object *a = json_object_new_array();
	for (size_t i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(rows[i][0]));
	return a;
}

static long
find_row(char ***rows, size_t n, const char *code, int nocase)
{
	for (size_t i = 0; i < n; i++)
		if (code != NULL && (nocase ? strcasecmp(rows[i][0], code) :
		    strcmp(rows[i][0], code)) == 0)
			return (long)i;
	return -1;
}

/* ---- reading the payload ------------------------------------------------ */

static json_object *
member(json_object *o, const char *k)
{
	json_object *v = NULL;
	if (json_object_is_type(o, json_type_object))
		json_object_object_get_ex(o, k, &v);
	return v;
}

/*
 * A string member: 1 with *out set, 0 when absent or null, -1 when of
 * another type.
 */
static int
str_of(json_object *o, const char *k, const char **out)
{
	json_object *v = member(o, k);
	*out = NULL;
	if (v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return -1;
	*out = json_object_get_string(v);
	return 1;
}

/* A string member that may be blank; NULL for absent, null or blank. */
static const char *
text_of(json_object *o, const char *k)
{
	const char *s;
	return str_of(o, k, &s) == 1 && *s ? s : NULL;
}

static int
truthy(json_object *v)
{
	if (v == NULL)
		return 0;
	switch (json_object_get_type(v)) {
	case json_type_boolean:
		return json_object_get_boolean(v);
	case json_type_int:
		return json_object_get_int64(v) != 0;
	case json_type_string:
		return *json_object_get_string(v) != '\0';
	case json_type_null:
		return 0;
	default:
		return 1;
	}
}

/* A JSON array, or a docassemble DAList object's "elements" array. */
static json_object *
dalist(json_object *v)
{
	json_object *e;
	if (json_object_is_type(v, json_type_array))
		return v;
	if (json_object_is_type(v, json_type_object) &&
	    json_object_object_get_ex(v, "elements", &e) &&
	    json_object_is_type(e, json_type_array))
		return e;
	return NULL;
}

static size_t
len_of(json_object *a)
{
	return a ? json_object_array_length(a) : 0;
}

/* ---- people --------------------------------------------------------------*/

/* Strips "-()" and spaces; "+1"/"+0" keep a space after them. */
static char *
phone_norm(struct arena *a, const char *s)
{
	char *o = arena_alloc(a, strlen(s) + 2), *p = o;
	for (const char *c = s; *c; c++) {
		if (strchr("-() ", *c))
			continue;
		*p++ = *c;
		if (p - o == 2 && o[0] == '+' && (o[1] == '1' || o[1] == '0'))
			*p++ = ' ';
	}
	*p = '\0';
	return o;
}

static void
name_part(struct fctx *x, const char *path, const char *part, const char *v,
    const char *rule, size_t max)
{
	const struct datafield *d = df(x, rule);
	if (strlen(v) > max || !rule_match(d->regex, v))
		wrong(x, arena_printf(&x->r->a, "%s.name.%s", path, part),
		    *d->message ? d->message : "Not a valid name", "text", v,
		    NULL, 0);
}

static void
person_address(struct fctx *x, const char *path, json_object *addr,
    struct person *p)
{
	static const char *const parts[] = { "address", "unit", "city", "state",
	    "zip" };
	const char *v[5], *country = "US";

	if (!json_object_is_type(addr, json_type_object))
		return;
	for (size_t i = 0; i < 5; i++) {
		int k = str_of(addr, parts[i], &v[i]);
		if (k < 0) {
			fail(x, MALFORMED, arena_printf(&x->r->a,
			    "%s.address.%s is not text", path, parts[i]));
			return;
		}
		if (k == 0)
			return;		/* all five or no address (5.2) */
	}
	if (text_of(addr, "country") != NULL)
		country = text_of(addr, "country");
	if (strlen(country) > 2) {
		wrong(x, arena_printf(&x->r->a, "%s.address.country", path),
		    "A country is a 2-letter code", "text", country, NULL, 1);
		return;
	}
	size_t n;
	char ***st = code_rows(&x->r->a, &n, "SELECT code FROM "
	    "filing_states WHERE jurisdiction = ? AND court IN (?, '0') AND "
	    "country = ? ORDER BY court = '0', code", "sss", x->j, x->c,
	    country);
	if (find_row(st, n, v[3], 1) < 0)
		wrong(x, arena_printf(&x->r->a, "%s.address.state", path),
		    "The state is not one of the court's states", "text", v[3],
		    choices_of(st, n), 0);
	p->line1 = v[0];
	p->line2 = v[1];
	p->city = v[2];
	p->state = v[3];
	p->zip = v[4];
	p->country = country;
}

static void
person_parse(struct fctx *x, json_object *o, const char *path,
    struct person *p, int filer_side)
{
	struct arena	*a = &x->r->a;
	json_object	*name, *isnew;
	const char	*s, *pt;

	memset(p, 0, sizeof(*p));
	p->ref = path;
	p->filer_side = filer_side;
	if (!json_object_is_type(o, json_type_object)) {
		fail(x, MALFORMED, arena_printf(a, "%s is not an object", path));
		return;
	}
	name = member(o, "name");
	if (name == NULL || json_object_is_type(name, json_type_null)) {
		need(x, arena_printf(a, "%s.name", path), "The party's name",
		    "text", 0);
		return;
	}
	if (!json_object_is_type(name, json_type_object)) {
		fail(x, MALFORMED, arena_printf(a, "%s.name is not an object", path));
		return;
	}
	pt = text_of(o, "person_type");
	p->business = pt && (strcasecmp(pt, "business") == 0 ||
	    strcasecmp(pt, "organization") == 0);
	if (str_of(name, "first", &p->first) < 0 ||
	    str_of(name, "middle", &p->middle) < 0 ||
	    str_of(name, "last", &p->last) < 0 ||
	    str_of(name, "suffix", &p->suffix) < 0) {
		fail(x, MALFORMED, arena_printf(a, "%s.name has a part that is "
		    "not text", path));
		return;
	}
	if (p->first == NULL || (!p->business && *p->first == '\0')) {
		need(x, arena_printf(a, "%s.name.first", path),
		    p->business ? "The business's name" : "The party's first name",
		    "text", 0);
		if (x->stop)
			return;
	}
	if (p->middle == NULL)
		p->middle = "";
	if (p->last == NULL)
		p->last = "";
	if (p->suffix == NULL)
		p->suffix = "";
	if (p->business) {
		if (p->first && *p->first)
			name_part(x, path, "first", p->first, "PartyBusinessName", 400);
	} else if (p->first && *p->first) {
		name_part(x, path, "first", p->first, "PartyFirstName", 100);
		if (*p->middle)
			name_part(x, path, "middle", p->middle, "PartyMiddleName", 100);
		if (*p->last || df(x, "PartyLastName")->required)
			name_part(x, path, "last", p->last, "PartyLastName", 100);
	}
	if (x->stop)
		return;
	if (*p->suffix && df(x, "PartyNameSuffix")->visible) {
		size_t n;
		char ***sx = code_rows(a, &n, "SELECT name FROM "
		    "filing_name_codes WHERE jurisdiction = ? AND court = ? AND "
		    "list = 'suffix' ORDER BY displayorder", "ss", x->j, x->c);
		if (find_row(sx, n, p->suffix, 1) < 0)
			wrong(x, arena_printf(a, "%s.name.suffix", path),
			    "Not one of the court's name suffixes", "text",
			    p->suffix, choices_of(sx, n), 0);
	}
	person_address(x, path, member(o, "address"), p);
	if (x->stop)
		return;

	const struct datafield *em = df(x, "PartyEmail");
	p->email = text_of(o, "email");
	if (em->visible) {
		if (p->email == NULL && em->required)
			need(x, arena_printf(a, "%s.email", path), "E-mail address",
			    "email", 0);
		else if (p->email && !rule_match(em->regex, p->email))
			wrong(x, arena_printf(a, "%s.email", path), *em->message ?
			    em->message : "Not an e-mail address", "email",
			    p->email, NULL, 0);
	}
	const struct datafield *ph = df(x, "PartyPhone");
	if (ph->visible) {
		const char *nums[2] = { text_of(o, "phone_number"),
		    text_of(o, "mobile_number") };
		int given = 0;
		for (size_t i = 0; i < 2; i++) {
			if (nums[i] == NULL)
				continue;
			given++;
			char *n = phone_norm(a, nums[i]);
			if (p->phone == NULL && rule_match(ph->regex, n))
				p->phone = n;
		}
		if (given && p->phone == NULL)
			wrong(x, arena_printf(a, "%s.phone_number", path),
			    *ph->message ? ph->message : "Not a phone number",
			    "text", nums[0] ? nums[0] : nums[1], NULL, 0);
		else if (!given && ph->required)
			need(x, arena_printf(a, "%s.phone_number", path),
			    "Phone number", "text", 0);
	}
	if (x->stop)
		return;

	p->party_type = text_of(o, "party_type");
	p->tyler_id = text_of(o, "tyler_id");
	isnew = member(o, "is_new");
	if (isnew != NULL && !json_object_is_type(isnew, json_type_null)) {
		if (!json_object_is_type(isnew, json_type_boolean))
			wrong(x, arena_printf(a, "%s.is_new", path),
			    "is_new is true or false", "boolean",
			    json_object_get_string(isnew), NULL, 0);
		else if (json_object_get_boolean(isnew) && p->tyler_id)
			wrong(x, arena_printf(a, "%s.is_new", path), "A new party "
			    "cannot have a tyler_id", "boolean", "true", NULL, 0);
		else if (!json_object_get_boolean(isnew) && !p->tyler_id)
			wrong(x, arena_printf(a, "%s.tyler_id", path), "An existing "
			    "party needs its tyler_id", "text", "", NULL, 0);
	}
	p->form_filler = truthy(member(o, "is_form_filler"));
	if ((s = text_of(o, "date_of_birth")) != NULL &&
	    rule_match("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", s))
		p->dob = s;
	if ((s = text_of(o, "prefered_language")) != NULL) {
		size_t n;
		char ***lang = code_rows(a, &n, "SELECT code, name FROM "
		    "filing_name_codes WHERE jurisdiction = ? AND court = ? AND "
		    "list = 'language'", "ss", x->j, x->c);
		for (size_t i = 0; i < n && p->language == NULL; i++)
			if (strcasecmp(lang[i][1], s) == 0)
				p->language = lang[i][0];
	}
	if (df(x, "PartyGender")->visible) {
		s = text_of(o, "gender");
		p->gender = s == NULL ? "UNKNOWN" :
		    strcasecmp(s, "male") == 0 || strcasecmp(s, "m") == 0 ? "MALE" :
		    strcasecmp(s, "female") == 0 || strcasecmp(s, "f") == 0 ? "FEMALE" :
		    strcasecmp(s, "nonbinary") == 0 || strcasecmp(s, "nb") == 0 ?
		    "NONBINARY" : "OTHER";
	}
}

static void
people_parse(struct fctx *x, json_object *body, int users_start)
{
	json_object	*u = dalist(member(body, "users"));
	json_object	*o = dalist(member(body, "other_parties"));
	size_t		 nu = len_of(u), no = len_of(o);
	struct envelope	*e = &x->e;

	e->people = arena_calloc(&x->r->a, (nu + no + 1) * sizeof(*e->people));
	for (size_t i = 0; i < nu && !x->stop; i++)
		person_parse(x, json_object_array_get_idx(u, i),
		    arena_printf(&x->r->a, "users[%zu]", i), &e->people[e->npeople++],
		    users_start);
	e->nusers = e->npeople;
	for (size_t i = 0; i < no && !x->stop; i++)
		person_parse(x, json_object_array_get_idx(o, i),
		    arena_printf(&x->r->a, "other_parties[%zu]", i),
		    &e->people[e->npeople++], !users_start);
	if (x->stop)
		return;
	if (no == 0)
		json_object_array_add(x->optional, iv("other_parties",
		    "The other parties to the case", "list", NULL, NULL));
	if (e->first_indexed) {
		size_t fresh = 0;
		for (size_t i = 0; i < e->nusers; i++)
			fresh += e->people[i].tyler_id == NULL;
		if (fresh == 0) {
			need(x, "users", "At least one new party filing", "list", 1);
			return;
		}
		if (e->people[0].email == NULL)
			need(x, "users[0].email", "The filer's e-mail address",
			    "email", 0);
	}
}

/* ---- the case ----------------------------------------------------------- */

static void
case_parse(struct fctx *x, json_object *body)
{
	struct arena	*a = &x->r->a;
	struct envelope	*e = &x->e;
	size_t		 n;
	char		***rows, **row;

	if (e->previous_case_id != NULL) {
		if (strcmp(x->court[CF_SUBSEQUENT], "0") == 0) {
			fail(x, MALFORMED, arena_printf(a, "%s does not take "
			    "filings into existing cases", x->court[CF_NAME]));
			return;
		}
		row = db_one(a, "SELECT id, docket_number, category, category_name, "
		    "case_type, case_type_name FROM court_cases WHERE "
		    "jurisdiction = ? AND court = ? AND uuid = ?", "sss", x->j,
		    x->c, e->previous_case_id);
		if (row == NULL) {
			wrong(x, "previous_case_id", "No such case in this court",
			    "text", e->previous_case_id, NULL, 1);
			return;
		}
		e->court_case_id = strtoll(row[0], NULL, 10);
		e->docket = row[1];
		e->category = row[2];
		e->category_name = row[3];
		e->case_type = row[4];
		e->case_type_name = row[5];
		return;
	}
	if (e->docket != NULL && strcmp(x->court[CF_NONINDEXED], "0") == 0)
		wrong(x, "docket_number", arena_printf(a, "%s does not take "
		    "filings into cases it has not indexed: give previous_case_id",
		    x->court[CF_NAME]), "text", e->docket, NULL, 0);
	if (x->stop)
		return;
	rows = code_rows(a, &n, "SELECT code, name FROM filing_categories "
	    "WHERE jurisdiction = ? AND court = ? ORDER BY code", "ss", x->j,
	    x->c);
	const char *cat = text_of(body, "efile_case_category");
	long k = find_row(rows, n, cat, 0);
	if (k < 0) {
		wrong(x, "efile_case_category", "The case category",
		    "text", cat, choices_of(rows, n), 1);
		return;
	}
	e->category = rows[k][0];
	e->category_name = rows[k][1];
	rows = code_rows(a, &n, "SELECT code, name, initial FROM "
	    "filing_case_types WHERE jurisdiction = ? AND court = ? AND "
	    "casecategory = ? ORDER BY code", "sss", x->j, x->c, e->category);
	const char *type = text_of(body, "efile_case_type");
	if ((k = find_row(rows, n, type, 0)) < 0) {
		wrong(x, "efile_case_type", "The case type", "text", type,
		    choices_of(rows, n), 0);
		return;
	}
	e->case_type = rows[k][0];
	e->case_type_name = rows[k][1];
	if (e->initial && (strcmp(rows[k][2], "0") == 0 ||
	    strcmp(x->court[CF_INITIAL], "0") == 0)) {
		fail(x, MALFORMED, arena_printf(a, "Case type %s cannot open a new "
		    "case in %s", e->case_type, x->court[CF_NAME]));
		return;
	}
	const struct datafield *st = df(x, "CaseInformationCaseSubType");
	const char *sub = text_of(body, "efile_case_subtype");
	if (st->visible && (sub != NULL || st->required)) {
		rows = code_rows(a, &n, "SELECT code FROM filing_case_subtypes "
		    "WHERE jurisdiction = ? AND court = ? AND casetype = ? ORDER BY "
		    "code", "sss", x->j, x->c, e->case_type);
		if (sub == NULL)
			need(x, "efile_case_subtype", "The case subtype", "text", 0);
		else if (find_row(rows, n, sub, 0) < 0)
			wrong(x, "efile_case_subtype", "The case subtype", "text",
			    sub, choices_of(rows, n), 0);
	}
}

/*
 * procedure_remedy and damage_amount: the category says whether each is
 * Required, Optional or Not Available for the timing, a data field whether
 * the court shows it; a value given must be one of the category's codes.
 */
static void
category_choice(struct fctx *x, json_object *body, const char *key,
    const char *col, const char *field, const char *list)
{
	struct arena	*a = &x->r->a;
	struct envelope	*e = &x->e;
	const char	*timing = e->initial ? "initial" : "subsequent";
	size_t		 n;

	if (e->category == NULL)
		return;
	const struct datafield *d = df(x, arena_printf(a, "%s%s", field,
	    e->initial ? "Initial" : "Subsequent"));
	size_t nr;
	char ***cat = code_rows(a, &nr, arena_printf(a, "SELECT %s%s FROM "
	    "filing_categories WHERE jurisdiction = ? AND court = ? AND code = ?",
	    col, timing), "sss", x->j, x->c, e->category);
	char **row = cat && nr ? cat[0] : NULL;
	if (!d->visible || row == NULL || strcmp(row[0], "Not Available") == 0)
		return;
	const char *v = text_of(body, key);
	if (v == NULL) {
		if (strcmp(row[0], "Required") == 0)
			need(x, key, key, "text", 0);
		return;
	}
	char ***rows = code_rows(a, &n, "SELECT code FROM filing_name_codes "
	    "WHERE jurisdiction = ? AND court = ? AND list = ? AND casecategory "
	    "IN (?, '') ORDER BY displayorder", "ssss", x->j, x->c, list,
	    e->category);
	if (find_row(rows, n, v, 0) < 0)
		wrong(x, key, key, "text", v, choices_of(rows, n), 0);
}

static void
cross_refs(struct fctx *x, json_object *body)
{
	struct arena	*a = &x->r->a;
	json_object	*cr = NULL, *el;
	size_t		 n;
	/* json-c holds a JSON null as a NULL member: ask whether the key is there. */
	int		 given = json_object_object_get_ex(body, "cross_references", &cr);

	if (x->e.case_type == NULL)
		return;
	char ***rows = code_rows(a, &n, "SELECT code, isrequired, "
	    "COALESCE(validationregex, ''), COALESCE(customvalidationfailuremessage, "
	    "'') FROM filing_cross_references WHERE jurisdiction = ? AND court = ? "
	    "AND casetypeid = ? ORDER BY code", "sss", x->j, x->c, x->e.case_type);
	if (given && cr == NULL) {
		wrong(x, "cross_references", "Leave cross_references out "
		    "rather than null", "object", "null", NULL, 0);
		return;
	}
	if (json_object_is_type(cr, json_type_object) &&
	    json_object_object_get_ex(cr, "elements", &el) &&
	    json_object_is_type(el, json_type_object))
		cr = el;
	if (cr != NULL && !json_object_is_type(cr, json_type_object)) {
		wrong(x, "cross_references", "cross_references is an object",
		    "object", json_object_get_string(cr), NULL, 0);
		return;
	}
	if (cr == NULL)
		cr = json_object_new_object();	/* none given */
	else
		json_object_get(cr);
	req_keep(x->r, cr);
	json_object_object_foreach(cr, code, v) {
		if (strcmp(code, "_class") == 0 || strcmp(code, "instanceName") == 0)
			continue;
		const char *name = arena_printf(a, "cross_references.%s", code);
		long k = find_row(rows, n, code, 0);
		if (k < 0)
			wrong(x, name, "Not a cross reference of this case type",
			    "text", code, choices_of(rows, n), 0);
		else if (!json_object_is_type(v, json_type_string))
			wrong(x, name, "A cross reference is text", "text",
			    json_object_get_string(v), NULL, 0);
		else if (!rule_match(rows[k][2], json_object_get_string(v)))
			wrong(x, name, *rows[k][3] ? rows[k][3] :
			    "Does not match the court's pattern", "text",
			    json_object_get_string(v), NULL, 0);
		if (x->stop)
			return;
	}
	for (size_t i = 0; i < n && !x->stop; i++)
		if (strcmp(rows[i][1], "0") != 0 && member(cr, rows[i][0]) == NULL)
			need(x, arena_printf(a, "cross_references.%s", rows[i][0]),
			    "A required cross reference", "text", 0);
}

/* ---- documents ---------------------------------------------------------- */

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static void
fetch_doc(struct fctx *x, struct attachment *t, const char *path)
{
	struct arena	*a = &x->r->a;
	const char	*why = "";
	size_t		 cap = strtoull(x->court[CF_MAXATT], NULL, 10);

	enum fetch_err fe = doc_fetch(a, t->data_url, cap, &t->doc, &why);
	switch (fe) {
	case FETCH_OK:
		break;
	case FETCH_TOO_BIG:
		fail(x, MALFORMED, arena_printf(a, "%s is too big! The court takes "
		    "documents of at most %zu bytes", t->filename, cap));
		return;
	case FETCH_BAD_URL:
	case FETCH_NOT_ALLOWED:
		fail(x, MALFORMED, arena_printf(a, "%s.data_url cannot be fetched: "
		    "%s", path, why));
		return;
	default:
		fail(x, SERVER, arena_printf(a, "IOException trying to connect to "
		    "data_url %s: %s", t->data_url, why));
		return;
	}
	if (ends_with(t->filename, ".pdf") && (t->doc.mime == NULL ||
	    strcmp(t->doc.mime, "application/pdf") != 0 || t->doc.pages < 1))
		fail(x, MALFORMED, arena_printf(a, "%s is not a readable PDF",
		    t->filename));
	x->e.bytes += t->doc.len;
}

static void
attachment_parse(struct fctx *x, json_object *o, const char *path,
    struct document *d, struct attachment *t, char ***comps, size_t ncomps,
    int *used)
{
	struct arena	*a = &x->r->a;
	size_t		 n;
	const char	*fn, *url;

	memset(t, 0, sizeof(*t));
	if ((fn = text_of(o, "filename")) == NULL) {
		need(x, arena_printf(a, "%s.filename", path), "The file's name",
		    "text", 0);
		return;
	}
	t->filename = ends_with(fn, ".pdf") ? fn : arena_printf(a, "%s.pdf", fn);
	const struct datafield *of = df(x, "OriginalFileName");
	char ***ft = code_rows(a, &n, CHAIN "SELECT t.extension FROM "
	    "filing_file_types t JOIN chain ON t.court = chain.code WHERE "
	    "t.jurisdiction = ? ORDER BY chain.depth", "ssss", x->j, x->c, x->j,
	    x->j);
	const char *ext = strrchr(t->filename, '.') + 1;
	if (strlen(t->filename) > 50 || !rule_match(of->regex, t->filename))
		wrong(x, arena_printf(a, "%s.filename", path), *of->message ?
		    of->message : "Not a valid file name", "text", fn, NULL, 0);
	else if (n > 0 && find_row(ft, n, ext, 1) < 0)
		wrong(x, arena_printf(a, "%s.filename", path), "The court does not "
		    "take files of this type", "text", fn, choices_of(ft, n), 0);
	if (x->stop)
		return;

	const struct datafield *dt = df(x, "DocumentType");
	t->document_type = text_of(o, "document_type");
	if (dt->visible && (t->document_type || dt->required)) {
		char ***rows = code_rows(a, &n, "SELECT code FROM "
		    "filing_document_types WHERE jurisdiction = ? AND court = ? AND "
		    "filingcode IN (?, '') ORDER BY filingcode = '', code", "sss",
		    x->j, x->c, d->filing_code);
		if (t->document_type == NULL) {
			need(x, arena_printf(a, "%s.document_type", path),
			    "The document type", "text", 1);
			return;
		}
		if (find_row(rows, n, t->document_type, 0) < 0) {
			wrong(x, arena_printf(a, "%s.document_type", path),
			    "The document type", "text", t->document_type,
			    choices_of(rows, n), 1);
			return;
		}
	}
	t->component = text_of(o, "filing_component");
	long k = find_row(comps, ncomps, t->component, 1);
	if (k < 0) {
		for (size_t i = 0; i < ncomps && k < 0; i++)
			if (t->component && strcasecmp(comps[i][1], t->component) == 0)
				k = (long)i;
	}
	if (k < 0 || (used[k] && strcmp(comps[k][2], "0") == 0)) {
		wrong(x, arena_printf(a, "%s.filing_component", path), k < 0 ?
		    "The filing component" : "This component is used once per "
		    "document", "text", t->component, choices_of(comps, ncomps), 1);
		return;
	}
	used[k] = 1;
	t->component = comps[k][0];
	t->description = text_of(o, "document_description");
	if (t->description == NULL)
		t->description = t->filename;

	url = text_of(o, "data_url");
	if (url == NULL || (strncasecmp(url, "http://", 7) != 0 &&
	    strncasecmp(url, "https://", 8) != 0)) {
		fail(x, MALFORMED, arena_printf(a, "%s.data_url must be an http or "
		    "https URL", path));
		return;
	}
	t->data_url = url;
	if (x->fetch)
		fetch_doc(x, t, path);
}

/* The filing codes usable here, as the filing_types code table lists them. */
static char ***
filing_codes(struct fctx *x, size_t *n)
{
	struct arena	*a = &x->r->a;
	const char	*timing = x->e.initial ? "filingtype IN ('Initial', 'Both')" :
			    "filingtype IN ('Subsequent', 'Both')";
	const char	*cols = "SELECT code, name, COALESCE(fee, 0), "
			    "amountincontroversy, useduedate FROM filing_codes ";
	char		***rows;

	rows = code_rows(a, n, arena_printf(a, "%s WHERE jurisdiction = ? "
	    "AND court = ? AND %s AND (casetypeid = ? OR (casetypeid = '' AND "
	    "casecategory = ?)) ORDER BY code", cols, timing), "ssss", x->j, x->c,
	    x->e.case_type ? x->e.case_type : "", x->e.category ?
	    x->e.category : "");
	if (rows != NULL && *n > 0)
		return rows;
	return code_rows(a, n, arena_printf(a, "%s WHERE jurisdiction = ? "
	    "AND court = ? AND %s AND casecategory = '' AND casetypeid = '' "
	    "ORDER BY code", cols, timing), "ss", x->j, x->c);
}

static void
optional_services(struct fctx *x, json_object *list, const char *path,
    struct document *d)
{
	struct arena	*a = &x->r->a;
	size_t		 n, m = len_of(list);

	if (m == 0)
		return;
	char ***rows = code_rows(a, &n, "SELECT code, name, COALESCE(fee, 0), "
	    "multiplier, hasfeeprompt FROM filing_optional_services WHERE "
	    "jurisdiction = ? AND court = ? AND filingcode = ? ORDER BY "
	    "displayorder", "sss", x->j, x->c, d->filing_code);
	for (size_t i = 0; i < m && !x->stop; i++) {
		json_object *s = json_object_array_get_idx(list, i);
		const char *p = arena_printf(a, "%s.optional_services[%zu]", path, i);
		const char *code = text_of(s, "code");
		long k = find_row(rows, n, code, 0);
		if (k < 0) {
			wrong(x, arena_printf(a, "%s.code", p), "Not an optional "
			    "service of this filing type", "text", code,
			    choices_of(rows, n), 0);
			continue;
		}
		json_object *mult = member(s, "multiplier");
		json_object *fee = member(s, "fee_amount");
		long long times = 1;
		double amount = strtod(rows[k][2], NULL);
		if (strcmp(rows[k][3], "0") != 0) {
			if (!json_object_is_type(mult, json_type_int) ||
			    (times = json_object_get_int64(mult)) < 1 || times > 1000) {
				wrong(x, arena_printf(a, "%s.multiplier", p), "How many: "
				    "a whole number from 1", "integer",
				    json_object_get_string(mult), NULL, 0);
				continue;
			}
		}
		int numeric = json_object_is_type(fee, json_type_int) ||
		    json_object_is_type(fee, json_type_double);
		if (strcmp(rows[k][4], "0") != 0) {
			if (!numeric || json_object_get_double(fee) < 0) {
				wrong(x, arena_printf(a, "%s.fee_amount", p), "This "
				    "service needs the fee stated", "number",
				    json_object_get_string(fee), NULL, 0);
				continue;
			}
			amount = json_object_get_double(fee);
		} else if (fee != NULL && !json_object_is_type(fee, json_type_null)) {
			wrong(x, arena_printf(a, "%s.fee_amount", p), "This service's "
			    "fee is the court's", "number",
			    json_object_get_string(fee), NULL, 0);
			continue;
		}
		d->charges[d->ncharges++] = (struct charge){ rows[k][0], rows[k][1],
		    amount * (double)times };
	}
}

/* users[N] / other_parties[N] in range, or an existing party's id. */
static int
party_ref_ok(struct fctx *x, const char *ref)
{
	unsigned long	 i;
	char		*end;
	size_t		 others = x->e.npeople - x->e.nusers;

	if (strncmp(ref, "users[", 6) == 0) {
		i = strtoul(ref + 6, &end, 10);
		return end != ref + 6 && strcmp(end, "]") == 0 && i < x->e.nusers;
	}
	if (strncmp(ref, "other_parties[", 14) == 0) {
		i = strtoul(ref + 14, &end, 10);
		return end != ref + 14 && strcmp(end, "]") == 0 && i < others;
	}
	return *ref != '\0' && strlen(ref) <= 64;
}

static void
document_parse(struct fctx *x, json_object *o, const char *path,
    struct document *d, int serving)
{
	struct arena	*a = &x->r->a;
	size_t		 n, nc;
	const char	*s;

	memset(d, 0, sizeof(*d));
	char ***codes = filing_codes(x, &n);
	if (codes == NULL) {
		fail(x, SERVER, "The court's filing codes cannot be read");
		return;
	}
	if (n == 0) {
		fail(x, MALFORMED, "Need a filing type! FilingTypes are empty, so "
		    "the court's filings are restricted");
		return;
	}
	const char *ft = text_of(o, "filing_type");
	long k = find_row(codes, n, ft, 0);
	if (k < 0) {
		wrong(x, arena_printf(a, "%s.filing_type", path), ft == NULL ?
		    "RequiredCodeNotPresent: the filing type" :
		    "NoMatchingCode: not a filing type of this case", "text", ft,
		    choices_of(codes, n), 0);
		return;
	}
	d->filing_code = codes[k][0];
	d->filing_code_name = codes[k][1];
	json_object *svc = dalist(member(o, "optional_services"));
	d->charges = arena_calloc(a, (len_of(svc) + 1) * sizeof(*d->charges));
	d->charges[d->ncharges++] = (struct charge){ d->filing_code, "Filing Fee",
	    strtod(codes[k][2], NULL) };
	if ((s = text_of(o, "motion_type")) != NULL &&
	    df(x, "FilingMotionType")->visible) {
		char ***m = code_rows(a, &nc, "SELECT code FROM "
		    "filing_motion_types WHERE jurisdiction = ? AND court = ? AND "
		    "filingcode = ? ORDER BY code", "sss", x->j, x->c,
		    d->filing_code);
		if (find_row(m, nc, s, 0) < 0)
			wrong(x, arena_printf(a, "%s.motion_type", path), "The motion "
			    "type", "text", s, choices_of(m, nc), 0);
	}
	optional_services(x, svc, path, d);
	if (x->stop)
		return;
	if (strcmp(codes[k][4], "0") != 0) {
		const struct datafield *dd = df(x, "DueDateAvailableForFilers");
		s = text_of(o, "due_date");
		if (s == NULL && dd->visible && dd->required)
			need(x, arena_printf(a, "%s.due_date", path), "The due date",
			    "date", 0);
		else if (s && !rule_match("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:"
		    "[0-9]{2}:[0-9]{2}([.][0-9]+)?Z$", s))
			wrong(x, arena_printf(a, "%s.due_date", path), "An ISO "
			    "instant such as 2026-01-31T17:00:00.000Z", "date", s,
			    NULL, 0);
	}
	static const struct { const char *key, *field; } texts[] = {
		{ "filing_description", "FilingDescription" },
		{ "reference_number", "FilingReferenceNumber" },
		{ "filing_comment", "FilingComment" },
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		const struct datafield *f = df(x, texts[i].field);
		if ((s = text_of(o, texts[i].key)) != NULL &&
		    !rule_match(f->regex, s))
			wrong(x, arena_printf(a, "%s.%s", path, texts[i].key),
			    *f->message ? f->message : texts[i].key, "text", s,
			    NULL, 0);
	}
	d->description = text_of(o, "filing_description");

	json_object *parties = dalist(member(o, "filing_parties"));
	if (len_of(parties) == 0)
		need(x, arena_printf(a, "%s.filing_parties", path),
		    "Who is filing this document", "list", 0);
	for (size_t i = 0; i < len_of(parties) && !x->stop; i++) {
		json_object *p = json_object_array_get_idx(parties, i);
		if (!json_object_is_type(p, json_type_string) ||
		    !party_ref_ok(x, json_object_get_string(p)))
			wrong(x, arena_printf(a, "%s.filing_parties[%zu]", path, i),
			    "A party: users[N], other_parties[N] or a party id",
			    "text", json_object_get_string(p), NULL, 0);
	}
	if ((s = text_of(o, "filing_action")) != NULL)
		serving |= strstr(s, "serve") != NULL;
	if (serving) {
		int ok = x->e.initial ?
		    strcmp(x->court[CF_SERVEINITIAL], "TRUE") == 0 ||
		    df(x, "FilingServiceCheckBoxInitial")->visible :
		    df(x, "FilingServiceCheckBoxSubsequent")->visible;
		if (!ok)
			wrong(x, arena_printf(a, "%s.filing_action", path), "The "
			    "court does not take service with this filing", "text",
			    s ? s : "efile", NULL, 0);
	}
	if (x->stop)
		return;

	/* The attachments: a plain "elements" array, else the document itself. */
	char ***comps = code_rows(a, &nc, "SELECT code, name, allowmultiple "
	    "FROM filing_components WHERE jurisdiction = ? AND court = ? AND "
	    "filingcode = ? ORDER BY displayorder", "sss", x->j, x->c,
	    d->filing_code);
	int *used = arena_calloc(a, (nc + 1) * sizeof(int));
	json_object *el = member(o, "elements");
	size_t ne = !truthy(member(o, "tyler_merge_attachments")) &&
	    json_object_is_type(el, json_type_array) ? len_of(el) : 0;
	d->att = arena_calloc(a, (ne + 1) * sizeof(*d->att));
	for (size_t i = 0; i < ne && !x->stop; i++) {
		json_object *t = json_object_array_get_idx(el, i);
		if (!truthy(member(t, "proxy_enabled")))
			continue;
		attachment_parse(x, t, arena_printf(a, "%s..elements[%zu]", path, i),
		    d, &d->att[d->natt++], comps, nc, used);
	}
	if (d->natt == 0 && !x->stop)
		attachment_parse(x, o, path, d, &d->att[d->natt++], comps, nc, used);
	for (size_t i = 0; i < d->ncharges; i++)
		d->fee += d->charges[i].amount;
	d->description = d->description ? d->description :
	    d->natt ? d->att[0].description : d->filing_code_name;
}

static void
bundle_parse(struct fctx *x, json_object *body, int serving)
{
	struct arena	*a = &x->r->a;
	json_object	*b = member(body, "al_court_bundle"), *list;
	size_t		 n;

	if (b == NULL || json_object_is_type(b, json_type_null)) {
		need(x, "al_court_bundle", "The documents to file", "list", 0);
		return;
	}
	if ((list = dalist(b)) == NULL) {
		fail(x, MALFORMED, "al_court_bundle is not a list of documents");
		return;
	}
	if ((n = len_of(list)) == 0) {
		need(x, "al_court_bundle", "The documents to file", "list", 0);
		return;
	}
	x->e.docs = arena_calloc(a, n * sizeof(*x->e.docs));
	for (size_t i = 0; i < n && !x->stop; i++) {
		json_object *d = json_object_array_get_idx(list, i);
		if (!truthy(member(d, "proxy_enabled")))
			continue;
		document_parse(x, d, arena_printf(a, "al_court_bundle.elements[%zu]",
		    i), &x->e.docs[x->e.ndocs++], serving);
	}
	if (x->stop)
		return;
	if (x->e.ndocs == 0) {
		fail(x, MALFORMED, "the envelope needs at least one filing, but "
		    "no document in al_court_bundle is enabled");
		return;
	}
	if (x->e.bytes > strtoull(x->court[CF_MAXENV], NULL, 10))
		fail(x, MALFORMED, arena_printf(a, "The envelope is too big! The "
		    "court takes at most %s bytes in one", x->court[CF_MAXENV]));
}

static void
service_contacts(struct fctx *x, json_object *body, int *serving)
{
	struct arena	*a = &x->r->a;
	json_object	*list = dalist(member(body, "service_contacts"));
	size_t		 n, m = len_of(list);

	if (m == 0)
		return;
	*serving = 1;
	char ***rows = code_rows(a, &n, "SELECT code FROM "
	    "filing_service_types WHERE jurisdiction = ? AND court = ? ORDER BY "
	    "displayorder", "ss", x->j, x->c);
	x->e.services = arena_calloc(a, m * sizeof(*x->e.services));
	for (size_t i = 0; i < m && !x->stop; i++) {
		json_object *s = json_object_array_get_idx(list, i);
		const char *id, *type, *party;
		if (str_of(s, "contact_id", &id) != 1 || id == NULL) {
			wrong(x, arena_printf(a, "service_contacts[%zu].contact_id", i),
			    "The service contact's id", "text", NULL, NULL, 0);
			continue;
		}
		if (str_of(s, "service_type", &type) != 1 ||
		    find_row(rows, n, type, 0) < 0) {
			wrong(x, arena_printf(a, "service_contact[%zu].service_type", i),
			    "How the contact is served", "text", type,
			    choices_of(rows, n), 0);
			continue;
		}
		/* One of the firm's contacts, or a public one. */
		if (db_one(a, "SELECT 1 FROM service_contacts WHERE uuid = ? AND "
		    "(firm_id = ? OR is_public = 1)", "si", id,
		    x->filer->firm_id) == NULL) {
			if (db_last() != DB_OK) {
				fail(x, SERVER, "The service contacts cannot be read");
				return;
			}
			wrong(x, arena_printf(a, "service_contacts[%zu].contact_id", i),
			    "No such service contact of the firm's, nor a public one",
			    "text", id, NULL, 0);
			continue;
		}
		for (size_t k = 0; k < x->e.nservices; k++)
			if (strcmp(x->e.services[k].contact, id) == 0) {
				wrong(x, arena_printf(a, "service_contacts[%zu]."
				    "contact_id", i), "This contact is served once",
				    "text", id, NULL, 0);
				id = NULL;
				break;
			}
		if (id == NULL)
			continue;
		if (str_of(s, "party_association", &party) != 1 || party == NULL ||
		    strlen(party) > 100)
			party = "";
		x->e.services[x->e.nservices++] = (struct service){ id, type, party };
	}
}

/* ---- the whole payload -------------------------------------------------- */

static double
number_of(json_object *body, const char *k, int *given)
{
	json_object *v = member(body, k);
	*given = json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double);
	return *given ? json_object_get_double(v) : 0;
}

/*
 * A new party without a party_type takes the case type's usual one for its
 * side: plaintiff or petitioner for the side that started the case.
 */
static void
default_party_types(struct fctx *x, char ***types, size_t n)
{
	for (size_t i = 0; i < x->e.npeople; i++) {
		struct person *p = &x->e.people[i];
		if (p->party_type != NULL || p->tyler_id != NULL)
			continue;
		for (size_t k = 0; k < n && p->party_type == NULL; k++) {
			const char *name = types[k][1];
			int starts = strcasecmp(name, "Plaintiff") == 0 ||
			    strcasecmp(name, "Petitioner") == 0;
			int answers = strcasecmp(name, "Defendant") == 0 ||
			    strcasecmp(name, "Respondent") == 0;
			if ((p->filer_side && starts) || (!p->filer_side && answers))
				p->party_type = types[k][0];
		}
	}
}

/* Assembly: every required party type of the case type is among the new parties. */
static void
assemble(struct fctx *x)
{
	struct arena	*a = &x->r->a;
	struct buf	 missing = { 0 };
	size_t		 n;

	if (!x->e.first_indexed || x->e.case_type == NULL)
		return;
	char ***types = code_rows(a, &n, "SELECT code, name, isrequired FROM "
	    "filing_party_types WHERE jurisdiction = ? AND court = ? AND "
	    "casetypeid = ? ORDER BY displayorder", "sss", x->j, x->c,
	    x->e.case_type);
	default_party_types(x, types, n);
	for (size_t k = 0; k < n; k++) {
		if (strcmp(types[k][2], "0") == 0)
			continue;
		size_t i;
		for (i = 0; i < x->e.npeople; i++)
			if (x->e.people[i].tyler_id == NULL &&
			    x->e.people[i].party_type != NULL &&
			    strcmp(x->e.people[i].party_type, types[k][0]) == 0)
				break;
		if (i == x->e.npeople)
			buf_addf(&missing, "%s%s (%s)", missing.len ? ", " : "",
			    types[k][1], types[k][0]);
	}
	if (missing.len > 0)
		fail(x, SERVER, arena_printf(a, "DEV ERROR: All required parties "
		    "not covered: %s", missing.s));
	buf_free(&missing);
}

static void
templates(struct fctx *x, json_object *body)
{
	static const char *const prefixes[] = { "email_confirmation_",
	    "acceptance_", "rejected_", "neutral_" };
	json_object_object_foreach(body, k, v) {
		if (!json_object_is_type(v, json_type_string))
			continue;
		for (size_t i = 0; i < 4; i++)
			if (strncmp(k, prefixes[i], strlen(prefixes[i])) == 0)
				json_object_object_add(x->e.templates, k,
				    json_object_get(v));
	}
}

enum parse_result
payload_parse(struct fctx *x, const char *text, size_t len)
{
	struct envelope	*e = &x->e;
	json_object	*body;
	enum json_tokener_error err;
	int		 given, serving = 0;
	const char	*s;

	json_tokener *tok = json_tokener_new_ex(64);
	body = json_tokener_parse_ex(tok, text, (int)len);
	err = json_tokener_get_error(tok);
	if (err == json_tokener_success &&
	    (size_t)json_tokener_get_parse_end(tok) < len &&
	    text[json_tokener_get_parse_end(tok) +
	    strspn(text + json_tokener_get_parse_end(tok), " \t\r\n")] != '\0')
		err = json_tokener_error_parse_unexpected;
	json_tokener_free(tok);
	if (err != json_tokener_success || len == 0) {
		json_object_put(body);
		return PARSE_NOT_JSON;
	}
	req_keep(x->r, body);
	if (!json_object_is_type(body, json_type_object)) {
		fail(x, MALFORMED, "The filing is not a JSON object");
		return PARSE_ERROR;
	}

	e->previous_case_id = text_of(body, "previous_case_id");
	e->docket = text_of(body, "docket_number");
	e->first_indexed = e->previous_case_id == NULL;
	e->initial = e->first_indexed && e->docket == NULL;

	json_object *usc = member(body, "user_started_case");
	int starts = 1;
	if (json_object_is_type(usc, json_type_boolean))
		starts = json_object_get_boolean(usc);
	else if ((s = text_of(body, "user_role")) != NULL)
		starts = strcasecmp(s, "plaintiff") == 0 ||
		    strcasecmp(s, "petitioner") == 0;
	else
		need(x, "user_started_case", "Whether the users started the case",
		    "boolean", 0);
	if (!x->stop)
		people_parse(x, body, starts);
	if (!x->stop)
		case_parse(x, body);
	if (!x->stop)
		category_choice(x, body, "procedure_remedy", "procedureremedy",
		    "CivilCaseProcedureView", "procedure_remedy");
	if (!x->stop)
		category_choice(x, body, "damage_amount", "damageamount",
		    "CivilCaseDamageAmount", "damage_amount");
	if (!x->stop)
		cross_refs(x, body);
	if (!x->stop && (s = text_of(body, "return_date")) != NULL &&
	    !rule_match("^[0-9]{4}-[0-9]{2}-[0-9]{2}([+-][0-9]{2}:[0-9]{2})?$", s))
		wrong(x, "return_date", "A date such as 2026-03-01", "date", s,
		    NULL, 0);
	if (!x->stop && df(x, "FilingFilerType")->visible) {
		size_t n;
		char ***ft = code_rows(&x->r->a, &n, "SELECT code, "
		    "isdefault FROM filing_filer_types WHERE jurisdiction = ? AND "
		    "court = ? ORDER BY code", "ss", x->j, x->c);
		s = text_of(body, "filer_type");
		int has_default = 0;
		for (size_t i = 0; i < n; i++)
			has_default |= strcmp(ft[i][1], "0") != 0;
		if (s != NULL && find_row(ft, n, s, 0) < 0)
			wrong(x, "filer_type", "The filer type", "text", s,
			    choices_of(ft, n), 0);
		else if (s == NULL && !has_default)
			need(x, "filer_type", "The filer type", "text", 0);
	}
	if (!x->stop)
		service_contacts(x, body, &serving);
	if (!x->stop)
		bundle_parse(x, body, serving);
	if (!x->stop) {
		int need_aic = 0;
		number_of(body, "amount_in_controversy", &given);
		for (size_t i = 0; i < e->ndocs; i++) {
			size_t nr;
			char ***fc = code_rows(&x->r->a, &nr, "SELECT "
			    "amountincontroversy FROM filing_codes WHERE jurisdiction = ? "
			    "AND court = ? AND code = ?", "sss", x->j, x->c,
			    e->docs[i].filing_code);
			need_aic |= fc && nr && strcmp(fc[0][0], "Required") == 0;
		}
		if (need_aic && !given)
			fail(x, MALFORMED, "ad danum amount, Amount in controversy "
			    "required");
	}
	if (x->stop)
		return x->error ? PARSE_ERROR : PARSE_VARS;
	if (json_object_array_length(x->required) +
	    json_object_array_length(x->wrong) > 0)
		return PARSE_PROBLEMS;

	double max = number_of(body, "max_fee_amount", &given);
	if (given && strcmp(x->court[CF_MAXFEE], "0") != 0)
		e->max_fee = max;
	e->payment_id = text_of(body, "tyler_payment_id");
	if (e->nusers > 0 && e->people[0].form_filler)
		e->lead = &e->people[0];
	else if (member(body, "lead_contact") != NULL &&
	    !json_object_is_type(member(body, "lead_contact"), json_type_null)) {
		/*
		 * Only a contact address: a lead contact that does not pass the
		 * party rules is dropped (the filer is the contact then), not
		 * reported against the filing.
		 */
		size_t nr = json_object_array_length(x->required);
		size_t nw = json_object_array_length(x->wrong);
		int had_first = x->first != NULL, was = x->collect;
		e->lead = arena_calloc(&x->r->a, sizeof(*e->lead));
		x->collect = 1;
		person_parse(x, member(body, "lead_contact"), "lead_contact",
		    e->lead, 1);
		x->collect = was;
		if (x->stop || e->lead->first == NULL ||
		    json_object_array_length(x->required) > nr ||
		    json_object_array_length(x->wrong) > nw)
			e->lead = NULL;
		json_object_array_del_idx(x->required, nr,
		    json_object_array_length(x->required) - nr);
		json_object_array_del_idx(x->wrong, nw,
		    json_object_array_length(x->wrong) - nw);
		if (!had_first)
			x->first = NULL;
		x->error = NULL;
		x->stop = 0;
	}
	templates(x, body);
	for (size_t i = 0; i < e->ndocs; i++)
		e->total += e->docs[i].fee;
	assemble(x);
	return x->error ? PARSE_ASSEMBLY : PARSE_OK;
}
