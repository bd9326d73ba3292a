/*
 * The front gate and the request loop. A binary calls cg_main() with its
 * route table; this file reads the request (FastCGI, or plain CGI when not
 * started under a FastCGI server), routes it, decodes the body, checks the
 * caller, runs the handler (inside a transaction when the route asks), renders
 * errors in the family's shape, writes the response and the access-log line,
 * and frees everything the request owned.
 */
#include <ctype.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "auth.h"
#include "config.h"
#include "db.h"
#include "efile.h"
#include "http.h"
#include "log.h"
#include "ratelimit.h"

#define JSON_MAX_DEPTH	32
#define TX_RETRIES	5

extern char **environ;

static size_t max_body_default;

const char *
req_env(struct req *r, const char *name)
{
	if (r->fcgx != NULL)
		return FCGX_GetParam(name, ((FCGX_Request *)r->fcgx)->envp);
	return getenv(name);
}

/* "Content-Type" -> CONTENT_TYPE, "X-Api-Key" -> HTTP_X_API_KEY. */
const char *
req_header(struct req *r, const char *name)
{
	char	 key[128];
	size_t	 o = 0;

	if (strcasecmp(name, "content-type") != 0 &&
	    strcasecmp(name, "content-length") != 0) {
		memcpy(key, "HTTP_", 5);
		o = 5;
	}
	for (const char *p = name; *p && o < sizeof(key) - 1; p++)
		key[o++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
	key[o] = '\0';
	return req_env(r, key);
}

void
resp_header(struct req *r, const char *name, const char *val)
{
	kv_add(&r->a, &r->headers, name, arena_strdup(&r->a, val), strlen(val));
}

int
resp_raw(struct req *r, int status, const char *ctype, const char *body,
    size_t n)
{
	r->status = status;
	r->ctype = ctype;
	r->out.len = 0;
	buf_add(&r->out, body, n);
	return status;
}

int
resp_json(struct req *r, int status, json_object *o)
{
	size_t		 n;
	const char	*s = json_object_to_json_string_length(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &n);

	resp_raw(r, status, "application/json", s, n);
	json_object_put(o);
	return status;
}

json_object *
jstr(const char *s)
{
	return s == NULL ? NULL : json_object_new_string(s);
}

int
http_error(struct req *r, int status, const char *detail)
{
	r->detail = detail;
	r->status = status;
	r->out.len = 0;
	return status;
}

/* An error answered with an empty body, as the e-filing reference does. */
int
http_bare(struct req *r, int status)
{
	r->status = status;
	r->out.len = 0;
	r->bare = 1;
	return status;
}

/* Maps the database layer's last error onto a response. */
int
http_db_error(struct req *r)
{
	switch (db_last()) {
	case DB_DOWN:
		return http_error(r, 503, "Service Unavailable");
	case DB_DUP:
		return http_error(r, 409, "Conflict");
	default:
		return http_error(r, 500, "Internal Server Error");
	}
}

int
http_422(struct req *r)
{
	r->status = 422;
	r->out.len = 0;
	return 422;
}

static void
put_json(void *p)
{
	json_object_put(p);
}

/* Ties a JSON object's lifetime to the request. */
json_object *
req_keep(struct req *r, json_object *o)
{
	if (o != NULL)
		arena_defer(&r->a, put_json, o);
	return o;
}

json_object *
loc_new(const char *first, ...)
{
	json_object	*l = json_object_new_array();
	va_list		 ap;

	va_start(ap, first);
	for (const char *s = first; s != NULL; s = va_arg(ap, const char *))
		json_object_array_add(l, json_object_new_string(s));
	va_end(ap);
	return l;
}

static json_object *
loc_copy(json_object *base)
{
	json_object *l = json_object_new_array();
	for (size_t i = 0; base && i < json_object_array_length(base); i++)
		json_object_array_add(l,
		    json_object_get(json_object_array_get_idx(base, i)));
	return l;
}

json_object *
loc_with(json_object *base, const char *key)
{
	json_object *l = loc_copy(base);
	json_object_array_add(l, json_object_new_string(key));
	return l;
}

json_object *
loc_with_index(json_object *base, size_t i)
{
	json_object *l = loc_copy(base);
	json_object_array_add(l, json_object_new_int64((int64_t)i));
	return l;
}

/* Takes ownership of loc and ctx; input is borrowed (a reference is taken). */
void
problem_add(struct req *r, const char *type, json_object *loc,
    const char *msg, json_object *input, json_object *ctx)
{
	json_object *p = json_object_new_object();

	if (r->problems == NULL) {
		r->problems = json_object_new_array();
		arena_defer(&r->a, put_json, r->problems);
	}
	json_object_object_add(p, "type", json_object_new_string(type));
	json_object_object_add(p, "loc", loc);
	json_object_object_add(p, "msg", json_object_new_string(msg));
	json_object_object_add(p, "input", json_object_get(input));
	if (ctx != NULL)
		json_object_object_add(p, "ctx", ctx);
	json_object_array_add(r->problems, p);
}

int
problem_count(struct req *r)
{
	return r->problems ? (int)json_object_array_length(r->problems) : 0;
}

const char *
http_reason(int s)
{
	switch (s) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 304: return "Not Modified";
	case 307: return "Temporary Redirect";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 402: return "Payment Required";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 413: return "Request Entity Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Entity";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

/* The one error renderer: every error body of a family has this shape. */
static void
render_error(struct req *r)
{
	json_object *o = json_object_new_object();

	if (r->route != NULL && (r->route->flags & R_LSERR) && r->problems == NULL) {
		json_object_object_add(o, "error_message", json_object_new_string(
		    r->status == 401 ? "User not authorized to perform this operation" :
		    r->detail ? r->detail : http_reason(r->status)));
		resp_json(r, r->status, o);
		return;
	}
	switch (r->app->style) {
	case ERR_TEXT:
		json_object_put(o);
		{
			char *t = arena_printf(&r->a, "%s\n",
			    r->detail ? r->detail : http_reason(r->status));
			resp_raw(r, r->status, "text/plain; charset=utf-8", t,
			    strlen(t));
		}
		return;
	case ERR_FASTAPI:
	default:
		if (r->status == 422 && r->problems != NULL)
			json_object_object_add(o, "detail",
			    json_object_get(r->problems));
		else
			json_object_object_add(o, "detail", json_object_new_string(
			    r->detail ? r->detail : http_reason(r->status)));
		break;
	}
	resp_json(r, r->status, o);
}

static void
out_write(struct req *r, const char *p, size_t n)
{
	if (r->fcgx != NULL)
		FCGX_PutStr(p, (int)n, ((FCGX_Request *)r->fcgx)->out);
	else
		fwrite(p, 1, n, stdout);
}

static void
write_headers(struct req *r, int with_length)
{
	struct buf h = { 0 };

	buf_addf(&h, "Status: %d %s\r\n", r->status, http_reason(r->status));
	if (r->status != 204 && r->status != 304) {
		buf_addf(&h, "Content-Type: %s\r\n",
		    r->ctype ? r->ctype : "application/json");
		if (with_length)
			buf_addf(&h, "Content-Length: %zu\r\n", r->out.len);
	}
	buf_adds(&h, "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n");
	buf_addf(&h, "X-Request-Id: %s\r\n", r->request_id);
	for (size_t i = 0; i < r->headers.n; i++)
		buf_addf(&h, "%s: %s\r\n", r->headers.v[i].key,
		    r->headers.v[i].val);
	buf_adds(&h, "\r\n");
	out_write(r, h.s, h.len);
	buf_free(&h);
}

static void
send_response(struct req *r)
{
	if (r->streamed) {
		/* Headers went out with the first bytes; flush the rest. */
		if (!r->head && r->out.len)
			out_write(r, r->out.s, r->out.len);
	} else {
		if (r->status >= 400 && r->out.len == 0 && !r->bare)
			render_error(r);
		write_headers(r, 1);
		if (!r->head && r->status != 204 && r->status != 304 &&
		    r->out.len)
			out_write(r, r->out.s, r->out.len);
	}
	if (r->fcgx == NULL)
		fflush(stdout);
}

/*
 * Streaming: the headers go out now, without a length, and the body in
 * pieces, so that a long list never sits in memory whole.
 */
void
resp_stream_begin(struct req *r, int status, const char *ctype)
{
	r->status = status;
	r->ctype = ctype;
	r->out.len = 0;
	write_headers(r, 0);
	r->streamed = 1;
}

void
resp_stream_write(struct req *r, const char *p, size_t n)
{
	buf_add(&r->out, p, n);
	if (r->out.len >= 16384) {
		if (!r->head)
			out_write(r, r->out.s, r->out.len);
		r->out.len = 0;
	}
}

/* Request ids from clients are kept only when they are short and plain. */
static int
plain_id(const char *s)
{
	size_t n = 0;
	if (s == NULL)
		return 0;
	for (; s[n]; n++)
		if (!isalnum((unsigned char)s[n]) && !strchr("-_.:", s[n]))
			return 0;
	return n > 0 && n <= 64;
}

static int
read_body(struct req *r, size_t len)
{
	r->body = arena_alloc(&r->a, len + 1);
	size_t got = 0;
	while (got < len) {
		int n;
		if (r->fcgx != NULL)
			n = FCGX_GetStr(r->body + got, (int)(len - got),
			    ((FCGX_Request *)r->fcgx)->in);
		else
			n = (int)fread(r->body + got, 1, len - got, stdin);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	r->body[got] = '\0';
	r->body_len = got;
	return got == len ? 0 : -1;
}

/* Splits the raw URI into a decoded path (no trailing slash) and query. */
static void
parse_target(struct req *r)
{
	const char	*uri = req_env(r, "REQUEST_URI");
	const char	*pi = req_env(r, "PATH_INFO");
	const char	*qs = req_env(r, "QUERY_STRING");
	char		*path;
	size_t		 n;

	if (pi != NULL && *pi != '\0')
		path = arena_strdup(&r->a, pi);	/* CGI: already decoded */
	else {
		if (uri == NULL)
			uri = "/";
		n = strcspn(uri, "?#");
		path = arena_strndup(&r->a, uri, n);
		pct_decode(path, n, 0);
		if (qs == NULL && uri[n] == '?')
			qs = uri + n + 1;
	}
	if (*path != '/')
		path = arena_printf(&r->a, "/%s", path);
	/*
	 * The e-filing client joins "https://host/" and "/jurisdictions/..."
	 * (efsp-proxy.md 11): leading slashes are one. An empty segment
	 * further on stays one (codes//courts is not codes/courts).
	 */
	while (path[0] == '/' && path[1] == '/')
		path++;
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	/* /v1/... and /latest/... are the reference's versioned mounts. */
	static const char *const versions[] = { "v1", "latest" };
	for (size_t i = 0; i < 2; i++) {
		size_t vl = strlen(versions[i]);
		if (strncmp(path + 1, versions[i], vl) == 0 &&
		    (path[vl + 1] == '/' || path[vl + 1] == '\0')) {
			r->version = versions[i];
			path += vl + 1;
			if (*path == '\0')
				path = "/";
			break;
		}
	}
	r->path = path;
	r->query_string = qs ? qs : "";
	if (parse_urlencoded(&r->a, &r->query, r->query_string,
	    strlen(r->query_string)) != 0)
		r->query.n = 0;
}

/*
 * Matches one pattern; fills r->params. "{}" is one segment; "{*}" is one or
 * more whole segments, as many as leave the rest of the pattern matching
 * (document URIs such as ewca/civ/2023/657 before "/data.xml").
 */
static int
match(struct req *r, const char *pat)
{
	const char	*p = pat, *s = r->path;
	int		 np = 0;

	while (*p && *s) {
		if (p[0] == '{' && p[1] == '*' && p[2] == '}') {
			const char *rest = p + 3;
			size_t rl = strlen(rest), sl = strlen(s);
			if (strchr(rest, '{') != NULL || sl <= rl ||
			    strcmp(s + sl - rl, rest) != 0 || np == MAX_PARAMS_PATH)
				return 0;
			size_t n = sl - rl;
			if (n == 0 || s[0] == '/' || s[n - 1] == '/' ||
			    strstr(s, "//") != NULL)
				return 0;
			r->params[np++] = arena_strndup(&r->a, s, n);
			return 1;
		}
		if (p[0] == '{' && p[1] == '}') {
			size_t n = strcspn(s, "/");
			if (n == 0 || np == MAX_PARAMS_PATH)
				return 0;
			r->params[np++] = arena_strndup(&r->a, s, n);
			s += n;
			p += 2;
		} else if (*p++ != *s++)
			return 0;
	}
	return *p == '\0' && *s == '\0';
}

static const struct route *
route_find(struct req *r)
{
	const char	*allow[16];
	size_t		 nallow = 0;
	const char	*m = r->head ? "GET" : r->method;

	for (size_t i = 0; i < r->app->nroutes; i++) {
		const struct route *rt = &r->app->routes[i];
		if (r->version != NULL && !(rt->flags & R_VERSIONED))
			continue;
		if (!match(r, rt->pattern))
			continue;
		if (strcmp(rt->method, m) == 0)
			return rt;
		if (nallow < 16)
			allow[nallow++] = rt->method;
	}
	if (nallow == 0) {
		http_error(r, 404, "Not Found");
		return NULL;
	}
	struct buf b = { 0 };
	for (size_t i = 0; i < nallow; i++)
		buf_addf(&b, "%s%s", i ? ", " : "", allow[i]);
	resp_header(r, "Allow", b.s);
	buf_free(&b);
	http_error(r, 405, "Method Not Allowed");
	return NULL;
}

/*
 * Where Python's json (and RFC 8259) would stop on what json-c lets pass: a
 * raw control character inside a string, or a single quote outside one.
 */
static size_t
raw_control_at(const char *s, size_t n)
{
	int in = 0, esc = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((in && c < 0x20) || (!in && c == '\''))
			return i;
		if (esc)
			esc = 0;
		else if (in && c == '\\')
			esc = 1;
		else if (c == '"')
			in = !in;
	}
	return n;
}

static int
json_decode(struct req *r)
{
	struct json_tokener	*tok;
	enum json_tokener_error	 e;

	if (r->body_len == 0)
		return 0;
	if (r->content_type != NULL && *r->content_type &&
	    strcmp(r->content_type, "application/json") != 0 &&
	    !(strlen(r->content_type) > 5 && strcmp(r->content_type +
	    strlen(r->content_type) - 5, "+json") == 0)) {
		r->body_not_json = 1;
		return 0;
	}
	tok = json_tokener_new_ex(JSON_MAX_DEPTH);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_ALLOW_TRAILING_CHARS);	/* we report "Extra data" */
	r->json = json_tokener_parse_ex(tok, r->body, (int)r->body_len);
	e = json_tokener_get_error(tok);
	size_t end = json_tokener_get_parse_end(tok);
	size_t ctl = raw_control_at(r->body, r->body_len);
	int at_token = 1;
	if (ctl < r->body_len && (e != json_tokener_success || ctl < end)) {
		e = json_tokener_error_parse_string;
		end = ctl;
		at_token = 0;
	}
	if (e == json_tokener_success)
		while (end < r->body_len && isspace((unsigned char)r->body[end]))
			end++;
	if (e != json_tokener_success || end != r->body_len ||
	    strlen(r->body) != r->body_len) {
		/* Like Python's json, point at the start of the bad token. */
		while (e != json_tokener_success && at_token && end > 0 &&
		    (isalnum((unsigned char)r->body[end - 1]) ||
		    strchr("+-.", r->body[end - 1]) != NULL))
			end--;
		json_object_put(r->json);
		r->json = NULL;
		json_object *ctx = json_object_new_object();
		json_object_object_add(ctx, "error", json_object_new_string(
		    e == json_tokener_error_depth ? "Nesting too deep" :
		    e == json_tokener_success ? "Extra data" : "Expecting value"));
		json_object *loc = loc_new("body", NULL);
		json_object_array_add(loc, json_object_new_int64((int64_t)end));
		json_object *in = json_object_new_object();
		problem_add(r, "json_invalid", loc, "JSON decode error", in, ctx);
		json_object_put(in);
		json_tokener_free(tok);
		return http_422(r);
	}
	json_tokener_free(tok);
	if (r->json != NULL)
		arena_defer(&r->a, put_json, r->json);
	return 0;
}

/* Runs the handler, inside a transaction when the route says so. */
static int
run_handler(struct req *r)
{
	size_t keep = r->headers.n;	/* e.g. the rate-limit headers */

	if (!(r->route->flags & R_TX))
		return r->route->fn(r);
	for (int attempt = 0; ; attempt++) {
		if (db_begin() != 0)
			return http_db_error(r);
		int st = r->route->fn(r);
		if (st < 400 && db_commit() == 0)
			return st;
		enum db_err e = db_last();
		db_rollback();
		if (e != DB_RETRY || attempt == TX_RETRIES)
			return st < 400 ? http_db_error(r) : st;
		/* Deadlock: forget what the attempt rendered and run again. */
		r->out.len = 0;
		r->headers.n = keep;
		r->detail = NULL;
		if (r->problems)
			json_object_array_del_idx(r->problems, 0,
			    json_object_array_length(r->problems));
		usleep((useconds_t)(1000 * (attempt + 1)));
	}
}

static int
gate(struct req *r)
{
	const char	*cl;
	size_t		 len = 0, cap;
	int		 st;

	if ((r->route = route_find(r)) == NULL)
		return r->status;
	cap = r->route->max_body ? r->route->max_body : max_body_default;
	if ((cl = req_env(r, "CONTENT_LENGTH")) != NULL && *cl) {
		char *end;
		unsigned long long v = strtoull(cl, &end, 10);
		if (*end != '\0' || cl[0] == '-')
			return http_error(r, 400, "Bad Content-Length");
		if (v > cap)
			return http_error(r, 413, "Request Entity Too Large");
		len = (size_t)v;
	}
	if (read_body(r, len) != 0)
		return http_error(r, 400, "There was an error parsing the body");
	if (r->route->flags & R_JSON && (st = json_decode(r)) != 0)
		return st;
	if (r->route->flags & R_FORM && r->content_type != NULL &&
	    strcmp(r->content_type, "application/x-www-form-urlencoded") == 0 &&
	    parse_urlencoded(&r->a, &r->form, r->body, r->body_len) != 0)
		return http_error(r, 400, "There was an error parsing the body");
	if (r->route->flags & R_APIKEY) {
		int ok = api_key_valid(&r->a, req_header(r, "X-API-KEY"),
		    &r->api_key_id);
		if (ok < 0)
			return http_db_error(r);
		if (ok == 0)
			return http_bare(r, 401);
	}
	if ((r->route->flags & R_AUTH || r->route->scope) &&
	    ((st = auth_bearer(r)) != 0 || (st = rate_limit_principal(r)) != 0 ||
	    (st = auth_scope(r, r->route->scope)) != 0))
		return st;
	return run_handler(r);
}

static void
handle(struct req *r)
{
	const char *ct, *rid;

	r->t0 = now_mono();
	r->method = req_env(r, "REQUEST_METHOD");
	if (r->method == NULL)
		r->method = "GET";
	r->head = strcmp(r->method, "HEAD") == 0;
	r->remote_addr = req_env(r, "REMOTE_ADDR");
	if (r->remote_addr == NULL)
		r->remote_addr = "-";
	rid = req_header(r, "X-Request-Id");
	if (!plain_id(rid)) {
		/* The e-filing clients send theirs as efsp-request-id. */
		rid = req_header(r, "efsp-request-id");
		if (rid != NULL && (!*rid || !correlation_valid(rid, 36)))
			rid = NULL;
	}
	if (plain_id(rid))
		r->request_id = rid;
	else {
		char *id = arena_alloc(&r->a, 37);
		uuid4(id);
		r->request_id = id;
	}
	if ((ct = req_env(r, "CONTENT_TYPE")) != NULL) {
		size_t n = strcspn(ct, ";");
		while (n > 0 && ct[n - 1] == ' ')
			n--;
		char *lc = arena_strndup(&r->a, ct, n);
		for (char *p = lc; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		r->content_type = lc;
	}
	parse_target(r);
	r->status = gate(r);
	if (r->status == 0)
		r->status = 500;
	send_response(r);
	log_request(r);
}

static void
req_free(struct req *r)
{
	buf_free(&r->out);
	arena_reset(&r->a);
	memset(r, 0, sizeof(*r));
}

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

int
cg_main(const struct app *app)
{
	struct req	 r;
	FCGX_Request	 fr;

	signal(SIGPIPE, SIG_IGN);
	if (config_load() != 0)
		return 1;
	max_body_default = (size_t)cfg_long("CASEGATE_MAX_BODY", 1 << 20, 1,
	    1L << 30);
	if (auth_init() != 0 || (app->init && app->init() != 0))
		return 1;
	log_open(app->name);
	(void)db_connect();	/* a failure here is retried per request */

	memset(&r, 0, sizeof(r));
	if (FCGX_IsCGI()) {
		r.app = app;
		handle(&r);
		req_free(&r);
		rate_limit_flush();
		db_close();
		return 0;
	}
	struct sigaction sa = { .sa_handler = on_term };
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	FCGX_Init();
	FCGX_InitRequest(&fr, 0, 0);
	while (!stopping && FCGX_Accept_r(&fr) >= 0) {
		r.app = app;
		r.fcgx = &fr;
		handle(&r);
		FCGX_Finish_r(&fr);
		req_free(&r);
	}
	rate_limit_flush();
	db_close();
	return 0;
}

/* GET /health: 200 while the database answers, 503 while it does not. */
int
health_get(struct req *r)
{
	int		 up = db_ping() == 0;
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "status",
	    json_object_new_string(up ? "ok" : "unavailable"));
	json_object_object_add(o, "database",
	    json_object_new_string(up ? "ok" : "down"));
	resp_header(r, "Cache-Control", "no-store");
	return resp_json(r, up ? 200 : 503, o);
}
