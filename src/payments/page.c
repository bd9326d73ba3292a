/*
 * HTML pages of the browser payment flow. Every page goes out through
 * page_send() (or page_redirect() for the callback's 302), which sets the
 * one set of security headers: a strict Content-Security-Policy whose only
 * scripts and styles are the page's own, named by a nonce made for that
 * response (never 'unsafe-inline'), form-action limited to this origin and
 * the allow-listed client origins, no framing, no caching, no Referer
 * beyond this origin. X-Frame-Options: DENY and nosniff come from the core
 * (http.c) on every answer. Every value a page echoes goes through
 * html_esc(), the one escaping function.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../lib/config.h"
#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "../lib/util.h"
#include "toga.h"

/* Plain, readable, and works at any width; no external resources. */
static const char page_css[] =
    "body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;"
    "color:#1b1f24;line-height:1.5}"
    "main{max-width:34rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;"
    "border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15)}"
    "h1{font-size:1.4rem;margin-top:0}"
    "fieldset{border:1px solid #c9ced6;border-radius:6px;margin:1rem 0;"
    "padding:.5rem 1rem 1rem}"
    "legend{font-weight:600;padding:0 .3rem}"
    "label{display:block;font-weight:600;margin-top:.8rem}"
    "input,select{font:inherit;padding:.45rem;border:1px solid #8a929e;"
    "border-radius:4px;width:100%;box-sizing:border-box}"
    ".row{display:flex;gap:1rem}.row>div{flex:1;display:flex;"
    "flex-direction:column;justify-content:flex-end}"
    "input[aria-invalid=true]{border-color:#b00020;border-width:2px}"
    "button{font:inherit;font-weight:600;margin-top:1.2rem;padding:.6rem 1.4rem;"
    "border:0;border-radius:4px;background:#1d5fbf;color:#fff;cursor:pointer}"
    "button:focus,input:focus,select:focus{outline:3px solid #f0b400;"
    "outline-offset:1px}"
    ".errors{border:2px solid #b00020;border-radius:6px;padding:.5rem 1rem;"
    "background:#fdecee}"
    ".errors h2{font-size:1rem;margin:.3rem 0;color:#b00020}"
    ".note{color:#4a525e;font-size:.92rem}";

void
html_esc(struct buf *b, const char *s)
{
	for (; s != NULL && *s; s++)
		switch (*s) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			buf_addc(b, *s);
		}
}

void
page_begin(struct page *p, const char *title)
{
	unsigned char raw[16];

	memset(p, 0, sizeof(*p));
	random_bytes(raw, sizeof(raw));
	for (size_t i = 0; i < sizeof(raw); i++)
		snprintf(p->nonce + 2 * i, 3, "%02x", raw[i]);
	buf_adds(&p->b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
	    "<meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"><title>");
	html_esc(&p->b, title);
	buf_addf(&p->b, "</title><style nonce=\"%s\">%s</style></head>\n"
	    "<body><main>\n", p->nonce, page_css);
}

/* The headers every page and redirect of the flow carries. */
static void
security_headers(struct req *r, const char *nonce)
{
	const char *origins = redirect_origins();
	const char *src = nonce ? arena_printf(&r->a, "'nonce-%s'", nonce) :
	    "'none'";

	resp_header(r, "Content-Security-Policy", arena_printf(&r->a,
	    "default-src 'none'; script-src %s; style-src %s; "
	    "form-action 'self'%s%s; frame-ancestors 'none'; base-uri 'none'",
	    src, src, *origins ? " " : "", origins));
	resp_header(r, "Cache-Control", "no-store");
	resp_header(r, "Referrer-Policy", "same-origin");
}

int
page_send(struct req *r, struct page *p, int status)
{
	buf_adds(&p->b, "</main></body></html>\n");
	security_headers(r, p->nonce);
	resp_raw(r, status, "text/html; charset=utf-8", p->b.s, p->b.len);
	buf_free(&p->b);
	return status;
}

/* The reference's error page: "Sorry, but an error has occurred ...". */
int
page_error(struct req *r, int status, const char *title, const char *msg)
{
	struct page p;

	page_begin(&p, title);
	buf_adds(&p.b, "<h1>");
	html_esc(&p.b, title);
	buf_adds(&p.b, "</h1>\n<p>The error: ");
	html_esc(&p.b, msg);
	buf_adds(&p.b, "</p>\n<p class=\"note\">Go back to the page you came "
	    "from and try again.</p>\n");
	return page_send(r, &p, status);
}

/*
 * The callback's answer: 302 to a URL that redirect_check() accepted when
 * the transaction was stored (so it holds no CR, LF or other control).
 */
int
page_redirect(struct req *r, const char *url)
{
	security_headers(r, NULL);
	resp_header(r, "Location", url);
	return resp_raw(r, 302, "text/html; charset=utf-8", "", 0);
}

/*
 * A page that posts one hidden field on to the next step: at once through
 * the page's own script (allowed by its nonce), or by the visible button
 * when scripts are off.
 */
void
page_handoff(struct page *p, const char *action, const char *field,
    const char *value, const char *button)
{
	buf_adds(&p->b, "<h1>Please wait, this page will redirect\xe2\x80\xa6</h1>\n"
	    "<form id=\"handoff\" method=\"post\" action=\"");
	html_esc(&p->b, action);
	buf_adds(&p->b, "\">\n<input type=\"hidden\" name=\"");
	html_esc(&p->b, field);
	buf_adds(&p->b, "\" value=\"");
	html_esc(&p->b, value);
	buf_adds(&p->b, "\">\n<p class=\"note\">If nothing happens, press the "
	    "button.</p>\n<button type=\"submit\">");
	html_esc(&p->b, button);
	buf_addf(&p->b, "</button>\n</form>\n<script nonce=\"%s\">"
	    "document.getElementById(\"handoff\").submit();</script>\n",
	    p->nonce);
}

int
page_db_error(struct req *r)
{
	int down = db_last() == DB_DOWN;

	return page_error(r, down ? 503 : 500, "Sorry, but an error has "
	    "occurred", down ? "The service is unavailable; try again in a "
	    "minute." : "Something went wrong on our side.");
}

/*
 * A form field; NULL when absent. *dup is set when the field came more
 * than once: which of two original_url values to believe is not ours to
 * guess.
 */
const char *
form_get(struct req *r, const char *name, int *dup)
{
	if (kv_count(&r->form, name) > 1)
		*dup = 1;
	return kv_get(&r->form, name);
}

/* Text a person typed: 1..max characters of UTF-8 without controls. */
int
text_ok(const char *s, size_t max)
{
	int	bad;
	size_t	n = s ? strlen(s) : 0, chars;

	if (n == 0)
		return 0;
	chars = utf8_len(s, n, &bad);
	if (bad || chars > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/* s without its leading and trailing blanks, in the arena; NULL stays. */
char *
trimmed(struct arena *a, const char *s)
{
	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(a, s, n);
}

int
toga_id_valid(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return 0;
	for (; s[n]; n++)
		if (!isalnum((unsigned char)s[n]))
			return 0;
	return n == TOGA_ID_LEN;
}

