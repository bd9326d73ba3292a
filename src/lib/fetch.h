/*
 * Document fetch: a filing's data_url is downloaded with libcurl, but only
 * over http(s) from hosts on CASEGATE_DOCUMENT_HOSTS, with a size cap, a
 * timeout and redirects checked hop by hop, so a client cannot make a worker
 * read local files or probe the internal network. The bytes are typed with
 * libmagic and a PDF's pages are counted with qpdf.
 *
 * One easy handle is kept per process (connections stay alive between
 * fetches), so doc_fetch() is not thread-safe; workers are single-threaded.
 */
#ifndef CG_FETCH_H
#define CG_FETCH_H

#include <stddef.h>

struct arena;

struct fetched {
	char		*bytes;		/* arena-owned, len bytes (+ a NUL not counted) */
	size_t		 len;
	const char	*mime;		/* from libmagic on the bytes, e.g. "application/pdf" */
	int		 pages;		/* PDF pages; 1 for non-PDF; -1 if a "PDF" cannot be parsed */
	long		 status;	/* final HTTP status, 0 when none was received */
	int		 redirects;	/* redirects followed */
};

enum fetch_err {
	FETCH_OK = 0,
	FETCH_BAD_URL,		/* not a URL, or not http(s) */
	FETCH_NOT_ALLOWED,	/* credentials in it, or a host (or redirect) off the list */
	FETCH_TOO_BIG,		/* over the caller's cap */
	FETCH_UNREACHABLE,	/* resolve, connect, TLS, timeout, broken transfer */
	FETCH_HTTP_STATUS,	/* final status not 2xx, bad or too many redirects */
	FETCH__MAX
};

enum fetch_err	 doc_fetch(struct arena *, const char *url, size_t cap,
		    struct fetched *, const char **why);
int		 url_host_allowed(const char *url);
const char	*fetch_err_name(enum fetch_err);
void		 doc_fetch_cleanup(void);

#endif
