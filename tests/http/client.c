/*
 * Helpers for the HTTP tests: a small libcurl wrapper, JSON path lookup, and
 * the admin tool and database reached the way an operator reaches them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>
#include <curl/curl.h>
#include <openssl/hmac.h>

#include "client.h"

struct sink {
	char	*p;
	size_t	 n;
};

static size_t
sink_write(char *d, size_t sz, size_t nm, void *u)
{
	struct sink *s = u;
	size_t n = sz * nm;
	s->p = realloc(s->p, s->n + n + 1);
	memcpy(s->p + s->n, d, n);
	s->n += n;
	s->p[s->n] = '\0';
	return n;
}

int
http(struct hres *res, const char *method, const char *path,
    const char *const *hdrs, const char *body, size_t len)
{
	const char		*base = getenv("CG_BASE");
	char			 url[8192];
	struct sink		 b = { 0 }, h = { 0 };
	struct curl_slist	*list = NULL;
	CURL			*c = curl_easy_init();
	CURLcode		 rc;

	memset(res, 0, sizeof(*res));
	snprintf(url, sizeof(url), "%s%s", base ? base : "http://127.0.0.1:8080",
	    path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, sink_write);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	list = curl_slist_append(list, "Expect:");
	for (size_t i = 0; hdrs && hdrs[i]; i++)
		list = curl_slist_append(list, hdrs[i]);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
	if (body != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	}
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->status);
	curl_slist_free_all(list);
	curl_easy_cleanup(c);
	res->body = b.p ? b.p : strdup("");
	res->len = b.n;
	res->headers = h.p ? h.p : strdup("");
	res->json = json_tokener_parse(res->body);
	return rc == CURLE_OK ? 0 : -1;
}

int
http_json(struct hres *res, const char *method, const char *path,
    const char *token, const char *json)
{
	char		 auth[8192];
	const char	*hdrs[3] = { "Content-Type: application/json", NULL, NULL };

	if (token != NULL) {
		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
		hdrs[1] = auth;
	}
	return http(res, method, path, hdrs, json, json ? strlen(json) : 0);
}

int
http_form(struct hres *res, const char *path, const char *form)
{
	const char *hdrs[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL
	};
	return http(res, "POST", path, hdrs, form, strlen(form));
}

void
hres_free(struct hres *res)
{
	free(res->body);
	free(res->headers);
	json_object_put(res->json);
	memset(res, 0, sizeof(*res));
}

/* The last value of a response header (case-insensitive name). */
char *
hres_header(const struct hres *res, const char *name)
{
	size_t	 n = strlen(name);
	char	*found = NULL;

	for (const char *p = res->headers; p && *p; ) {
		const char *e = strstr(p, "\r\n");
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l > n && strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1;
			while (*v == ' ')
				v++;
			free(found);
			found = strndup(v, l - (size_t)(v - p));
		}
		p += l + (e ? 2 : 0);
		if (!e)
			break;
	}
	return found;
}

json_object *
jfind(json_object *o, const char *path)
{
	char *copy = strdup(path), *save, *tok;

	for (tok = strtok_r(copy, ".", &save); tok && o;
	    tok = strtok_r(NULL, ".", &save)) {
		if (json_object_is_type(o, json_type_array)) {
			char *end;
			long i = strtol(tok, &end, 10);
			o = *end ? NULL : json_object_array_get_idx(o, (size_t)i);
		} else if (!json_object_object_get_ex(o, tok, &o))
			o = NULL;
	}
	free(copy);
	return o;
}

const char *
jget(json_object *o, const char *path)
{
	json_object *v = jfind(o, path);
	return v ? json_object_get_string(v) : NULL;
}

char *
login(const char *user, const char *password)
{
	struct hres	 r;
	char		*u = curl_easy_escape(NULL, user, 0);
	char		*p = curl_easy_escape(NULL, password, 0);
	char		 form[4096];
	char		*tok = NULL;

	snprintf(form, sizeof(form), "username=%s&password=%s", u, p);
	curl_free(u);
	curl_free(p);
	if (http_form(&r, "/token", form) == 0 && r.status == 200 &&
	    jget(r.json, "access_token"))
		tok = strdup(jget(r.json, "access_token"));
	hres_free(&r);
	return tok;
}

char *
admin_token(void)
{
	const char *pw = getenv("CG_ADMIN_PASSWORD");
	return login("admin", pw ? pw : "");
}

static char *
run_admin(const char *input, int *rc, const char *fmt, va_list ap)
{
	char		 args[4096], cmd[8192];
	const char	*home = getenv("CG_HOME");
	FILE		*f;
	struct sink	 out = { 0 };
	char		 tmp[] = "/tmp/cg-admin-in-XXXXXX";
	int		 fd;

	vsnprintf(args, sizeof(args), fmt, ap);
	fd = mkstemp(tmp);
	if (input && write(fd, input, strlen(input)) < 0)
		*rc = -1;
	close(fd);
	snprintf(cmd, sizeof(cmd), "%s/casegate-admin %s <%s 2>&1",
	    getenv("CG_BIN_DIR") ? getenv("CG_BIN_DIR") : home ? home : ".",
	    args, tmp);
	f = popen(cmd, "r");
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sink_write(chunk, 1, n, &out);
	int st = pclose(f);
	unlink(tmp);
	*rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return out.p ? out.p : strdup("");
}

int
admin_cli(const char *input, const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	free(run_admin(input, &rc, fmt, ap));
	va_end(ap);
	return rc;
}

char *
admin_cli_out(const char *input, int *rc, const char *fmt, ...)
{
	va_list	 ap;
	va_start(ap, fmt);
	char *s = run_admin(input, rc, fmt, ap);
	va_end(ap);
	return s;
}

/* Runs one SQL statement as the database's root, for test set-up only. */
int
sql(const char *stmt)
{
	char	 cmd[8192];
	char	*db = config_value("CASEGATE_DB_NAME");
	snprintf(cmd, sizeof(cmd), "mariadb --socket=%s -uroot %s -e \"%s\"",
	    getenv("CG_DB_SOCKET"), db ? db : "casegate", stmt);
	free(db);
	return system(cmd);
}

/*
 * The first column of the first row of one SQL query, run as the database's
 * root: the whole first line, columns tab-separated (malloc'd; "" when there
 * is no row).
 */
char *
sql_value(const char *query)
{
	char	 cmd[8192], *line = NULL;
	char	*db = config_value("CASEGATE_DB_NAME");
	size_t	 cap = 0;
	FILE	*p;

	snprintf(cmd, sizeof(cmd), "mariadb --socket=%s -uroot -N -B %s -e \"%s\"",
	    getenv("CG_DB_SOCKET"), db ? db : "casegate", query);
	free(db);
	if ((p = popen(cmd, "r")) == NULL)
		return NULL;
	if (getline(&line, &cap, p) < 0) {
		free(line);
		line = strdup("");
	}
	line[strcspn(line, "\r\n")] = '\0';
	pclose(p);
	return line;
}

char *
config_value(const char *key)
{
	const char	*path = getenv("CASEGATE_CONFIG");
	FILE		*f = path ? fopen(path, "r") : NULL;
	char		 line[4096], *v = NULL;
	size_t		 n = strlen(key);

	if (f == NULL)
		return NULL;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, key, n) == 0 && line[n] == '=') {
			line[strcspn(line, "\r\n")] = '\0';
			free(v);
			v = strdup(line + n + 1);
		}
	fclose(f);
	return v;
}

char *
unique(const char *prefix)
{
	static unsigned	 counter;
	char		 buf[256];
	snprintf(buf, sizeof(buf), "%s%d%u%ld", prefix, (int)getpid(),
	    counter++, random() % 100000);
	return strdup(buf);
}

char *
b64url(const void *p, size_t n)
{
	static const char t[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	const unsigned char *s = p;
	char *o = malloc(n * 4 / 3 + 4), *q = o;
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		*q++ = t[s[i] >> 2];
		*q++ = t[((s[i] & 3) << 4) | (s[i + 1] >> 4)];
		*q++ = t[((s[i + 1] & 15) << 2) | (s[i + 2] >> 6)];
		*q++ = t[s[i + 2] & 63];
	}
	if (n - i == 1) {
		*q++ = t[s[i] >> 2];
		*q++ = t[(s[i] & 3) << 4];
	} else if (n - i == 2) {
		*q++ = t[s[i] >> 2];
		*q++ = t[((s[i] & 3) << 4) | (s[i + 1] >> 4)];
		*q++ = t[(s[i + 1] & 15) << 2];
	}
	*q = '\0';
	return o;
}

/* header.payload.HMAC-SHA256(key); key NULL leaves the signature empty. */
char *
make_jwt(const char *header, const char *payload, const char *key)
{
	char		*h = b64url(header, strlen(header));
	char		*p = b64url(payload, strlen(payload));
	char		*signing, *sig, *out;
	unsigned char	 md[64];
	unsigned int	 mdlen = 0;

	if (asprintf(&signing, "%s.%s", h, p) < 0)
		abort();
	if (key != NULL) {
		HMAC(EVP_sha256(), key, (int)strlen(key),
		    (unsigned char *)signing, strlen(signing), md, &mdlen);
		sig = b64url(md, mdlen);
	} else
		sig = strdup("");
	if (asprintf(&out, "%s.%s", signing, sig) < 0)
		abort();
	free(h);
	free(p);
	free(signing);
	free(sig);
	return out;
}

char *
file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	struct sink s = { 0 };
	char chunk[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sink_write(chunk, 1, n, &s);
	fclose(f);
	if (len)
		*len = s.n;
	return s.p ? s.p : strdup("");
}

/* printf into a fresh string; the forked test process frees it at exit. */
char *
S(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	return s;
}

/* A JSON value at path, rendered plainly ("null" when null or absent). */
const char *
jplain(json_object *o, const char *path)
{
	return json_object_to_json_string_ext(jfind(o, path),
	    JSON_C_TO_STRING_PLAIN);
}

static char *admin_tok;

/* Fetched once before the tests fork, so that each test reuses it. */
void
adm_prefetch(void)
{
	if (admin_tok == NULL)
		admin_tok = admin_token();
}

const char *
adm(void)
{
	adm_prefetch();
	ck_assert_msg(admin_tok != NULL, "admin cannot log in");
	return admin_tok;
}

/* LegalServer's error shapes (test_legalserver.c, test_ls_more.c). */
void
assert_error(const struct hres *r, long status, const char *msg)
{
	ck_assert_msg(r->status == status, "%s: want %ld, got %ld %s",
	    msg ? msg : "error", status, r->status, r->body);
	ck_assert_msg(json_object_object_length(r->json) == 1 &&
	    json_object_is_type(jfind(r->json, "error_message"), json_type_string),
	    "not {error_message}: %s", r->body);
	if (msg)
		ck_assert_str_eq(jget(r->json, "error_message"), msg);
}

/* An object with exactly these keys (a NULL-terminated list). */
void
assert_keys(json_object *o, const char *const *keys)
{
	size_t n = 0;

	ck_assert_msg(json_object_is_type(o, json_type_object), "not an object: %s",
	    json_object_to_json_string(o));
	for (; keys[n]; n++)
		ck_assert_msg(json_object_object_get_ex(o, keys[n], NULL),
		    "key %s missing from %s", keys[n], json_object_to_json_string(o));
	ck_assert_msg(json_object_object_length(o) == (int)n,
	    "extra keys in %s", json_object_to_json_string(o));
}

/* A 400 whose body has exactly this key, holding item (or item: value). */
void
assert_ls400(const struct hres *r, const char *kind, const char *item)
{
	ck_assert_msg(r->status == 400, "%s: want 400, got %ld %s", kind,
	    r->status, r->body);
	json_object *v = jfind(r->json, kind);
	ck_assert_msg(v != NULL && json_object_object_length(r->json) == 1,
	    "want only %s: %s", kind, r->body);
	if (json_object_is_type(v, json_type_object)) {
		ck_assert_msg(json_object_object_get_ex(v, item, NULL),
		    "%s lacks %s: %s", kind, item, r->body);
		return;
	}
	for (size_t i = 0; i < json_object_array_length(v); i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(v, i)),
		    item) == 0)
			return;
	ck_abort_msg("%s lacks %s: %s", kind, item, r->body);
}

/* A new organisation (premium or not) made with casegate-admin: its name. */
char *
make_org(int premium)
{
	char	*name = unique("org");
	int	 rc;
	char	*out = admin_cli_out(NULL, &rc, "org add %s%s", name,
	    premium ? " --premium" : "");

	ck_assert_msg(rc == 0, "org add: %s", out);
	free(out);
	return name;
}

/* A new user with password pw and scopes, in org (or none): its name. */
char *
make_user(const char *pw, const char *scopes, const char *org, int all_cases)
{
	char	*name = unique("u");
	int	 rc;
	char	*out = admin_cli_out(pw, &rc, "user add %s --scopes %s%s%s%s",
	    name, scopes, org ? " --org " : "", org ? org : "",
	    all_cases ? " --all-cases" : "");

	ck_assert_msg(rc == 0, "user add: %s", out);
	free(out);
	return name;
}

/* The same user logged in: a bearer token. */
char *
make_user_token(const char *pw, const char *scopes, const char *org,
    int all_cases)
{
	char *tok = login(make_user(pw, scopes, org, all_cases), pw);

	ck_assert_msg(tok != NULL, "cannot log in");
	return tok;
}

/*
 * A new e-filing API key (`casegate-admin apikey add`, which prints it alone
 * on its last line); *name_out, when given, gets the key's name.
 */
char *
make_api_key(char **name_out)
{
	int	 rc;
	char	*name = unique("srv");
	char	*out = admin_cli_out(NULL, &rc, "apikey add %s", name);
	size_t	 n;

	ck_assert_msg(rc == 0, "apikey add: %s", out);
	n = strlen(out);
	while (n > 0 && out[n - 1] == '\n')
		out[--n] = '\0';
	char *last = strrchr(out, '\n');
	char *key = strdup(last ? last + 1 : out);
	free(out);
	if (name_out)
		*name_out = name;
	else
		free(name);
	return key;
}
