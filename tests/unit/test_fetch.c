/*
 * Unit tests for src/lib/fetch.c against the in-process test document
 * server (tests/http/docserver.c): what may be fetched (schemes,
 * credentials, the host allow-list, redirects), the size cap, timeouts,
 * HTTP statuses, file types and PDF page counts.
 *
 * The server runs in the parent; Check forks every test from it, so "no
 * request was made" is asked of the server over HTTP (/count), never read
 * from this process's copy of a counter.
 */
#include <check.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "docserver.h"
#include "fetch.h"

#define MiB	(1024 * 1024)

static int		 port;
static struct arena	 a;

static char *
url(const char *path)
{
	return arena_printf(&a, "http://127.0.0.1:%d%s", port, path);
}

static size_t
keep(char *p, size_t size, size_t n, void *arg)
{
	char	*out = arg;
	size_t	 have = strlen(out), k = size * n;

	if (have + k < 64) {
		memcpy(out + have, p, k);
		out[have + k] = '\0';
	}
	return k;
}

/* A number the server reports, read with a plain curl of our own. */
static unsigned
server_number(const char *path)
{
	char	 body[64] = "";
	CURL	*c = curl_easy_init();

	ck_assert_ptr_nonnull(c);
	curl_easy_setopt(c, CURLOPT_URL, url(path));
	curl_easy_setopt(c, CURLOPT_PROXY, "");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, body);
	ck_assert_int_eq(curl_easy_perform(c), CURLE_OK);
	curl_easy_cleanup(c);
	return (unsigned)strtoul(body, NULL, 10);
}

static unsigned
served(void)
{
	return server_number("/count");
}

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A port on 127.0.0.1 that nothing listens on (bound, then let go). */
static int
closed_port(void)
{
	struct sockaddr_in	 sa;
	socklen_t		 sl = sizeof(sa);
	int			 fd = socket(AF_INET, SOCK_STREAM, 0), p;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sa, &sl), 0);
	p = ntohs(sa.sin_port);
	close(fd);
	return p;
}

static void
setup(void)
{
	setenv("CASEGATE_DOCUMENT_HOSTS", "127.0.0.1", 1);
	unsetenv("CASEGATE_DOCUMENT_TIMEOUT");
	unsetenv("CASEGATE_DOCUMENT_CONNECT_TIMEOUT");
	memset(&a, 0, sizeof(a));
}

static void
teardown(void)
{
	arena_reset(&a);
	doc_fetch_cleanup();
}

/* Asserts e and that why says something; returns why. */
#define ck_fetch_err(got, want, why) do {				\
	ck_assert_msg((got) == (want), "got %s, want %s (%s)",		\
	    fetch_err_name(got), fetch_err_name(want),			\
	    (why) ? (why) : "no why");					\
	ck_assert_ptr_nonnull(why);					\
	ck_assert_uint_gt(strlen(why), 0);				\
} while (0)

/* ---- fetching ---- */

START_TEST(test_pdf_two_pages)
{
	struct fetched	 f;
	const char	*why = "unset";
	size_t		 want_len;
	char		*want = pdf_make(2, 0, &want_len);

	ck_assert_int_eq(doc_fetch(&a, url("/doc.pdf"), MiB, &f, &why),
	    FETCH_OK);
	ck_assert_ptr_null(why);
	ck_assert_str_eq(f.mime, "application/pdf");
	ck_assert_int_eq(f.pages, 2);
	ck_assert_int_eq(f.status, 200);
	ck_assert_int_eq(f.redirects, 0);
	ck_assert_uint_eq(f.len, want_len);
	ck_assert(memcmp(f.bytes, want, want_len) == 0);
	ck_assert_int_eq(f.bytes[f.len], '\0');
	free(want);
}
END_TEST

/* A fresh answer (max-age) is downloaded once; anything else each time. */
START_TEST(test_cache_honours_max_age)
{
	struct fetched	 f;
	const char	*why;
	unsigned	 n0 = served();

	unsetenv("CASEGATE_DOCUMENT_CACHE_TTL");
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(doc_fetch(&a, url("/cached.pdf"), 1 << 20, &f,
		    &why), FETCH_OK);
		ck_assert_int_eq(f.pages, 2);
		ck_assert_str_eq(f.mime, "application/pdf");
	}
	ck_assert_uint_eq(served(), n0 + 1);
	/* Another URL is another entry; a cap below its size refetches. */
	ck_assert_int_eq(doc_fetch(&a, url("/cached.pdf?v=2"), 1 << 20, &f, &why),
	    FETCH_OK);
	ck_assert_uint_eq(served(), n0 + 2);
	ck_fetch_err(doc_fetch(&a, url("/cached.pdf"), 10, &f, &why),
	    FETCH_TOO_BIG, why);
	ck_assert_uint_eq(served(), n0 + 3);
	/* no-store, and answers without Cache-Control, are never kept. */
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(doc_fetch(&a, url("/nostore.pdf"), 1 << 20, &f,
		    &why), FETCH_OK);
		ck_assert_int_eq(doc_fetch(&a, url("/doc.pdf"), 1 << 20, &f, &why),
		    FETCH_OK);
	}
	ck_assert_uint_eq(served(), n0 + 7);
	/* A host taken off the list is refused even when cached. */
	setenv("CASEGATE_DOCUMENT_HOSTS", "example.org", 1);
	ck_fetch_err(doc_fetch(&a, url("/cached.pdf"), 1 << 20, &f, &why),
	    FETCH_NOT_ALLOWED, why);
	setenv("CASEGATE_DOCUMENT_HOSTS", "127.0.0.1", 1);
	/* CASEGATE_DOCUMENT_CACHE_TTL=0 keeps nothing. */
	doc_fetch_cleanup();
	setenv("CASEGATE_DOCUMENT_CACHE_TTL", "0", 1);
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(doc_fetch(&a, url("/cached.pdf?v=3"), 1 << 20, &f,
		    &why), FETCH_OK);
	ck_assert_uint_eq(served(), n0 + 9);
	unsetenv("CASEGATE_DOCUMENT_CACHE_TTL");
}
END_TEST

START_TEST(test_pdf_one_page)
{
	struct fetched f;

	ck_assert_int_eq(doc_fetch(&a, url("/one.pdf"), MiB, &f, NULL),
	    FETCH_OK);
	ck_assert_str_eq(f.mime, "application/pdf");
	ck_assert_int_eq(f.pages, 1);
}
END_TEST

/* The bytes belong to the arena: still there after another fetch. */
START_TEST(test_bytes_live_with_arena)
{
	struct fetched	 f1, f2;

	ck_assert_int_eq(doc_fetch(&a, url("/doc.pdf"), MiB, &f1, NULL),
	    FETCH_OK);
	ck_assert_int_eq(doc_fetch(&a, url("/notpdf.pdf"), MiB, &f2, NULL),
	    FETCH_OK);
	ck_assert(memcmp(f1.bytes, "%PDF-1.4", 8) == 0);
	ck_assert(strncmp(f2.bytes, "This is plain text", 18) == 0);
	ck_assert_ptr_ne(f1.bytes, f2.bytes);
}
END_TEST

START_TEST(test_pdf_make_pages)
{
	struct fetched	 f;
	size_t		 n;
	char		*p;

	/* pdf_make itself, through the same page counter (a 0-page tree too). */
	for (int pages = 0; pages <= 5; pages++) {
		p = pdf_make(pages, pages == 3 ? 1000 : 0, &n);
		ck_assert_ptr_nonnull(p);
		ck_assert(memcmp(p, "%PDF-1.4\n", 9) == 0);
		free(p);
	}
	ck_assert_int_eq(doc_fetch(&a, url("/big.pdf"), 4 * MiB, &f, NULL),
	    FETCH_OK);
	ck_assert_uint_gt(f.len, 3 * MiB);
	ck_assert_uint_lt(f.len, 3 * MiB + 4096);
	ck_assert_str_eq(f.mime, "application/pdf");
	ck_assert_int_eq(f.pages, 1);
}
END_TEST

START_TEST(test_notpdf_is_text)
{
	struct fetched f;

	ck_assert_int_eq(doc_fetch(&a, url("/notpdf.pdf"), MiB, &f, NULL),
	    FETCH_OK);
	ck_assert_str_eq(f.mime, "text/plain");
	ck_assert_int_eq(f.pages, 1);
}
END_TEST

START_TEST(test_broken_pdf)
{
	struct fetched f;

	ck_assert_int_eq(doc_fetch(&a, url("/broken.pdf"), MiB, &f, NULL),
	    FETCH_OK);
	ck_assert_str_eq(f.mime, "application/pdf");
	ck_assert_int_eq(f.pages, -1);
}
END_TEST

START_TEST(test_empty_body)
{
	struct fetched f;

	ck_assert_int_eq(doc_fetch(&a, url("/empty"), MiB, &f, NULL),
	    FETCH_OK);
	ck_assert_uint_eq(f.len, 0);
	ck_assert_ptr_nonnull(f.bytes);
	ck_assert_str_eq(f.bytes, "");
	ck_assert_str_eq(f.mime, "application/x-empty");
	ck_assert_int_eq(f.pages, 1);
}
END_TEST

/* One easy handle per process: the second fetch reuses the connection. */
START_TEST(test_connection_reused)
{
	struct fetched	 f;
	unsigned	 c0;

	doc_fetch_cleanup();	/* no connection left from an earlier test */
	c0 = server_number("/conns");

	ck_assert_int_eq(doc_fetch(&a, url("/doc.pdf"), MiB, &f, NULL),
	    FETCH_OK);
	ck_assert_int_eq(doc_fetch(&a, url("/one.pdf"), MiB, &f, NULL),
	    FETCH_OK);
	ck_assert_int_eq(doc_fetch(&a, url("/redirect-ok"), MiB, &f, NULL),
	    FETCH_OK);
	/* One for the fetches, one for this second question. */
	ck_assert_uint_eq(server_number("/conns"), c0 + 2);
}
END_TEST

/* ---- redirects ---- */

START_TEST(test_redirect_on_list)
{
	struct fetched f;

	ck_assert_int_eq(doc_fetch(&a, url("/redirect-ok"), MiB, &f, NULL),
	    FETCH_OK);
	ck_assert_int_eq(f.pages, 2);
	ck_assert_int_eq(f.redirects, 1);
	ck_assert_int_eq(f.status, 200);
	ck_assert_int_eq(doc_fetch(&a, url("/redirect-abs"), MiB, &f, NULL),
	    FETCH_OK);
	ck_assert_int_eq(f.pages, 2);
	/* The redirect's own body is not part of the document. */
	ck_assert(memcmp(f.bytes, "%PDF-", 5) == 0);
}
END_TEST

START_TEST(test_redirect_off_list)
{
	struct fetched	 f;
	const char	*why;

	ck_fetch_err(doc_fetch(&a, url("/redirect-off"), MiB, &f, &why),
	    FETCH_NOT_ALLOWED, why);
	ck_assert_ptr_nonnull(strstr(why, "localhost.invalid"));
	ck_assert_ptr_null(f.bytes);
	/* A redirect to file: is refused too, as not allowed. */
	ck_fetch_err(doc_fetch(&a, url("/redirect-file"), MiB, &f, &why),
	    FETCH_NOT_ALLOWED, why);
	/* On the list by port only when the port matches. */
	setenv("CASEGATE_DOCUMENT_HOSTS", "127.0.0.1:1", 1);
	ck_fetch_err(doc_fetch(&a, url("/redirect-ok"), MiB, &f, &why),
	    FETCH_NOT_ALLOWED, why);
}
END_TEST

START_TEST(test_redirect_limit)
{
	struct fetched	 f;
	const char	*why;

	ck_assert_int_eq(doc_fetch(&a, url("/hop/3"), MiB, &f, NULL),
	    FETCH_OK);
	ck_assert_int_eq(f.redirects, 3);
	ck_assert_int_eq(f.pages, 2);
	ck_fetch_err(doc_fetch(&a, url("/hop/4"), MiB, &f, &why),
	    FETCH_HTTP_STATUS, why);
	ck_assert_ptr_nonnull(strstr(why, "redirects"));
	ck_fetch_err(doc_fetch(&a, url("/redirect-bare"), MiB, &f, &why),
	    FETCH_HTTP_STATUS, why);
	ck_assert_int_eq(f.status, 302);
}
END_TEST

/* ---- refused before any request ---- */

START_TEST(test_refused_without_request)
{
	static const struct {
		const char	*url;		/* %d is the port */
		enum fetch_err	 want;
	} cases[] = {
		{ "file:///etc/passwd",				FETCH_BAD_URL },
		{ "FILE:///etc/passwd",				FETCH_BAD_URL },
		{ "file://127.0.0.1/etc/passwd",		FETCH_BAD_URL },
		{ "ftp://127.0.0.1:%d/doc.pdf",			FETCH_BAD_URL },
		{ "gopher://127.0.0.1:%d/_GET%%20/doc.pdf",	FETCH_BAD_URL },
		{ "dict://127.0.0.1:%d/x",			FETCH_BAD_URL },
		{ "data:application/pdf;base64,JVBERi0=",	FETCH_BAD_URL },
		{ "not a url",					FETCH_BAD_URL },
		{ "",						FETCH_BAD_URL },
		{ "//127.0.0.1:%d/doc.pdf",			FETCH_BAD_URL },
		{ "127.0.0.1:%d/doc.pdf",			FETCH_BAD_URL },
		{ "http://127.0.0.1:99999/doc.pdf",		FETCH_BAD_URL },
		{ "http://user:pw@127.0.0.1:%d/doc.pdf",	FETCH_NOT_ALLOWED },
		{ "http://user@127.0.0.1:%d/doc.pdf",		FETCH_NOT_ALLOWED },
		{ "http://:@127.0.0.1:%d/doc.pdf",		FETCH_NOT_ALLOWED },
		{ "http://127.0.0.1:%d\\@evil/doc.pdf",		FETCH_NOT_ALLOWED },
		{ "http://localhost:%d/doc.pdf",		FETCH_NOT_ALLOWED },
		{ "http://127.0.0.2:%d/doc.pdf",		FETCH_NOT_ALLOWED },
		{ "http://[::1]:%d/doc.pdf",			FETCH_NOT_ALLOWED },
	};
	struct fetched	 f;
	const char	*why;
	unsigned	 before = served();

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *u = arena_printf(&a, cases[i].url, port);
		enum fetch_err e = doc_fetch(&a, u, MiB, &f, &why);
		ck_assert_msg(e == cases[i].want, "%s: got %s (%s)", u,
		    fetch_err_name(e), why);
		ck_assert_ptr_nonnull(why);
		ck_assert_ptr_null(f.bytes);
	}
	ck_fetch_err(doc_fetch(&a, NULL, MiB, &f, &why), FETCH_BAD_URL, why);
	ck_assert_uint_eq(served(), before);
}
END_TEST

START_TEST(test_empty_list_allows_nothing)
{
	struct fetched	 f;
	const char	*why;
	unsigned	 before = served();

	unsetenv("CASEGATE_DOCUMENT_HOSTS");
	ck_fetch_err(doc_fetch(&a, url("/doc.pdf"), MiB, &f, &why),
	    FETCH_NOT_ALLOWED, why);
	setenv("CASEGATE_DOCUMENT_HOSTS", "", 1);
	ck_fetch_err(doc_fetch(&a, url("/doc.pdf"), MiB, &f, &why),
	    FETCH_NOT_ALLOWED, why);
	setenv("CASEGATE_DOCUMENT_HOSTS", "localhost", 1);
	ck_fetch_err(doc_fetch(&a, url("/doc.pdf"), MiB, &f, &why),
	    FETCH_NOT_ALLOWED, why);
	ck_assert_uint_eq(served(), before);
}
END_TEST

/* ---- limits ---- */

START_TEST(test_too_big)
{
	struct fetched	 f;
	const char	*why;

	/* Refused from Content-Length, before the body. */
	ck_fetch_err(doc_fetch(&a, url("/big.pdf"), MiB, &f, &why),
	    FETCH_TOO_BIG, why);
	ck_assert_ptr_null(f.bytes);
	/* No Content-Length: the write callback stops it. */
	ck_fetch_err(doc_fetch(&a, url("/stream-big"), MiB, &f, &why),
	    FETCH_TOO_BIG, why);
	/* Exactly at the cap is fine, one byte under it is not. */
	ck_assert_int_eq(doc_fetch(&a, url("/doc.pdf"), MiB, &f, NULL),
	    FETCH_OK);
	size_t n = f.len;
	ck_assert_int_eq(doc_fetch(&a, url("/doc.pdf"), n, &f, NULL),
	    FETCH_OK);
	ck_fetch_err(doc_fetch(&a, url("/doc.pdf"), n - 1, &f, &why),
	    FETCH_TOO_BIG, why);
	ck_fetch_err(doc_fetch(&a, url("/stream-big"), 3 * MiB, &f, &why),
	    FETCH_TOO_BIG, why);
	ck_assert_int_eq(doc_fetch(&a, url("/stream-big"), 4 * MiB, &f, NULL),
	    FETCH_OK);
	ck_assert_int_eq(f.pages, 1);
	/* The connection survives an aborted transfer for the next fetch. */
	ck_assert_int_eq(doc_fetch(&a, url("/one.pdf"), MiB, &f, NULL),
	    FETCH_OK);
}
END_TEST

START_TEST(test_slow_times_out)
{
	struct fetched	 f;
	const char	*why;
	double		 t0;

	setenv("CASEGATE_DOCUMENT_TIMEOUT", "1", 1);
	t0 = now();
	ck_fetch_err(doc_fetch(&a, url("/slow.pdf"), MiB, &f, &why),
	    FETCH_UNREACHABLE, why);
	ck_assert_double_lt(now() - t0, 2.5);
	ck_assert_double_gt(now() - t0, 0.9);
	ck_assert_ptr_null(f.bytes);
}
END_TEST

START_TEST(test_closed_port)
{
	struct fetched	 f;
	const char	*why;
	char		*u = arena_printf(&a, "http://127.0.0.1:%d/doc.pdf",
	    closed_port());

	ck_fetch_err(doc_fetch(&a, u, MiB, &f, &why), FETCH_UNREACHABLE, why);
	ck_assert_int_eq(f.status, 0);
}
END_TEST

START_TEST(test_http_status)
{
	struct fetched	 f;
	const char	*why;

	ck_fetch_err(doc_fetch(&a, url("/missing"), MiB, &f, &why),
	    FETCH_HTTP_STATUS, why);
	ck_assert_int_eq(f.status, 404);
	ck_assert_ptr_nonnull(strstr(why, "404"));
	ck_assert_ptr_null(f.bytes);
}
END_TEST

/* ---- url_host_allowed ---- */

struct hcase {
	const char	*url;
	int		 want;
};

static void
check_hosts(const char *list, const struct hcase *c, size_t n)
{
	setenv("CASEGATE_DOCUMENT_HOSTS", list, 1);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(url_host_allowed(c[i].url) == c[i].want,
		    "list \"%s\", %s: want %d", list, c[i].url, c[i].want);
}

#define CHECK_HOSTS(list, c) check_hosts((list), (c), sizeof(c) / sizeof((c)[0]))

START_TEST(test_allowed_any_port)
{
	static const struct hcase c[] = {
		{ "http://127.0.0.1/doc.pdf",			1 },
		{ "http://127.0.0.1:8080/doc.pdf",		1 },
		{ "https://127.0.0.1/doc.pdf",			1 },
		{ "HTTP://127.0.0.1/doc.pdf",			1 },
		{ "http://127.0.0.1./doc.pdf",			1 },	/* trailing dot */
		{ "http://127.0.0.1",				1 },
		/* Encoded forms curl turns into the same address. */
		{ "http://2130706433/",				1 },
		{ "http://0x7f.0.0.1/",				1 },
		{ "http://0177.0.0.1/",				1 },
		{ "http://127.1/",				1 },
		{ "http://%31%32%37.0.0.1/",			1 },
		/* Not this host, whatever it looks like. */
		{ "http://127.0.0.1.evil.example/",		0 },
		{ "http://127.0.0.10/",				0 },
		{ "http://localhost/",				0 },
		{ "http://[::1]/",				0 },
		{ "http://[::ffff:127.0.0.1]/",			0 },
		{ "http://127.0.0.1\\@evil.example/",		0 },
		{ "http://evil.example\\@127.0.0.1/",		0 },	/* credentials */
		{ "http://127.0.0.1%2f@evil.example/",		0 },
		{ "http://127.0.0.1;x@evil.example/",		0 },
		{ "http://evil.example#@127.0.0.1/",		0 },
		{ "http://evil.example?@127.0.0.1/",		0 },
		{ "http://evil.example%40127.0.0.1/",		0 },
		{ "http://127.0.0.1%00.evil.example/",		0 },
		{ "http://user:pw@127.0.0.1/",			0 },
		{ "ftp://127.0.0.1/",				0 },
		{ "file://127.0.0.1/etc/passwd",		0 },
		{ "127.0.0.1",					0 },
		{ "",						0 },
	};
	CHECK_HOSTS("127.0.0.1", c);
	ck_assert_int_eq(url_host_allowed(NULL), 0);
}
END_TEST

START_TEST(test_allowed_with_port)
{
	static const struct hcase c[] = {
		{ "http://127.0.0.1:8080/doc.pdf",		1 },
		{ "https://127.0.0.1:8080/doc.pdf",		1 },
		{ "http://127.0.0.1:08080/doc.pdf",		1 },
		{ "http://127.0.0.1:8081/doc.pdf",		0 },
		{ "http://127.0.0.1/doc.pdf",			0 },
		{ "http://127.0.0.1:80/doc.pdf",		0 },
	};
	static const struct hcase d[] = {
		/* An entry with the scheme's default port. */
		{ "http://127.0.0.1/doc.pdf",			1 },
		{ "http://127.0.0.1:80/doc.pdf",		1 },
		{ "https://127.0.0.1/doc.pdf",			0 },
		{ "https://127.0.0.1:80/doc.pdf",		1 },
	};
	CHECK_HOSTS("127.0.0.1:8080", c);
	CHECK_HOSTS("127.0.0.1:80", d);
}
END_TEST

START_TEST(test_allowed_names)
{
	static const struct hcase c[] = {
		{ "https://docs.example.org/a.pdf",		1 },
		{ "https://DOCS.Example.ORG/a.pdf",		1 },
		{ "https://docs.example.org./a.pdf",		1 },
		{ "http://docs.example.org:8443/a.pdf",		1 },
		{ "https://files.example.net:9000/a.pdf",	1 },
		{ "https://files.example.net/a.pdf",		0 },
		{ "https://example.org/a.pdf",			0 },
		{ "https://xdocs.example.org/a.pdf",		0 },
		{ "https://docs.example.org.evil.example/",	0 },
		{ "https://evil.example/docs.example.org",	0 },
		{ "https://docs%2eexample.org/a.pdf",		1 },	/* curl decodes it */
		{ "https://xn--bcher-kva.example/a.pdf",	1 },
		/* Without a UTF-8 locale curl cannot punycode it, so no. */
		{ "https://b\xc3\xbc" "cher.example/a.pdf",	0 },
	};
	/* Spaces around entries, an empty entry, entries that are not hosts. */
	CHECK_HOSTS(" Docs.Example.ORG. ,, files.example.net:9000 , "
	    "xn--bcher-kva.example, http://evil.example, *, "
	    "u@evil.example, evil.example/x", c);
	static const struct hcase d[] = {
		{ "https://evil.example/",			0 },
		{ "http://anything.example/",			0 },
	};
	CHECK_HOSTS("http://evil.example,*,u@evil.example,evil.example/x,"
	    "evil.example?,evil.example#", d);
}
END_TEST

START_TEST(test_allowed_ipv6)
{
	static const struct hcase c[] = {
		{ "http://[::1]/doc.pdf",			1 },
		{ "http://[::1]:8080/doc.pdf",			1 },
		{ "http://[0:0:0:0:0:0:0:1]/doc.pdf",		1 },	/* curl normalises */
		{ "http://[::1%25lo]/doc.pdf",			0 },	/* zone */
		{ "http://[::2]/doc.pdf",			0 },
		{ "http://127.0.0.1/doc.pdf",			0 },
		{ "http://::1/doc.pdf",				0 },
	};
	static const struct hcase d[] = {
		{ "http://[::1]:8080/doc.pdf",			1 },
		{ "http://[::1]/doc.pdf",			0 },
	};
	CHECK_HOSTS("[::1]", c);
	CHECK_HOSTS("::1", c);		/* a bare address gets its brackets */
	CHECK_HOSTS("[::1]:8080", d);
}
END_TEST

static Suite *
fetch_suite(void)
{
	Suite	*s = suite_create("fetch");
	TCase	*tc;

	tc = tcase_create("fetch");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_pdf_two_pages);
	tcase_add_test(tc, test_pdf_one_page);
	tcase_add_test(tc, test_bytes_live_with_arena);
	tcase_add_test(tc, test_pdf_make_pages);
	tcase_add_test(tc, test_notpdf_is_text);
	tcase_add_test(tc, test_broken_pdf);
	tcase_add_test(tc, test_empty_body);
	tcase_add_test(tc, test_connection_reused);
	suite_add_tcase(s, tc);

	tc = tcase_create("redirects");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_redirect_on_list);
	tcase_add_test(tc, test_redirect_off_list);
	tcase_add_test(tc, test_redirect_limit);
	suite_add_tcase(s, tc);

	tc = tcase_create("refused");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_refused_without_request);
	tcase_add_test(tc, test_empty_list_allows_nothing);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_too_big);
	tcase_add_test(tc, test_slow_times_out);
	tcase_add_test(tc, test_closed_port);
	tcase_add_test(tc, test_http_status);
	suite_add_tcase(s, tc);

	tc = tcase_create("allow-list");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_allowed_any_port);
	tcase_add_test(tc, test_allowed_with_port);
	tcase_add_test(tc, test_allowed_names);
	tcase_add_test(tc, test_allowed_ipv6);
	tcase_add_test(tc, test_cache_honours_max_age);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	/* Before any fork: every test talks to this one server. */
	if ((port = docserver_start()) <= 0) {
		fprintf(stderr, "test_fetch: docserver did not start\n");
		return 1;
	}
	sr = srunner_create(fetch_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	docserver_stop();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
