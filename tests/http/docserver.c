/*
 * The test document server. One thread accepts; each connection gets a
 * detached thread of its own that answers requests until the client closes
 * (keep-alive, so connection reuse can be seen), so /slow.pdf never holds up
 * another test. docserver_stop() wakes and waits for every thread.
 *
 * Paths:
 *   /doc.pdf        a valid 2-page PDF        /one.pdf      1 page
 *   /cached.pdf*    doc.pdf with max-age=60   /nostore.pdf  max-age and no-store
 *   /big.pdf        1 page, ~3 MiB (padding stream), with Content-Length
 *   /stream-big     the same bytes without Content-Length (close-delimited)
 *   /notpdf.pdf     plain text                /broken.pdf   "%PDF-" then garbage
 *   /empty          200 with no body          /slow.pdf     doc.pdf after 3 s
 *   /redirect-ok    302 to /doc.pdf (relative)
 *   /redirect-abs   302 to http://127.0.0.1:PORT/doc.pdf
 *   /redirect-off   302 to http://localhost.invalid:1/doc.pdf (off the list)
 *   /redirect-file  302 to file:///etc/passwd
 *   /redirect-bare  302 without a Location
 *   /hop/N          302 to /hop/N-1; /hop/0 is doc.pdf
 *   /count          requests served so far, not counting /count and /conns
 *   /conns          connections accepted so far, this one included
 *   anything else   404
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* accept4, asprintf, open_memstream, strcasestr */
#endif
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "docserver.h"

#define CONN_MAX	64
#define REQ_MAX		8192
#define BIG_PAD		(3 * 1024 * 1024)
#define SLOW_MS		3000

static int		 listen_fd = -1;
static int		 port;
static pthread_t	 acceptor;
static atomic_int	 stopping;
static atomic_uint	 nrequests;
static atomic_uint	 nconns;

/* Open connections, so that stop can shut them down and wait for them. */
static pthread_mutex_t	 mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 idle = PTHREAD_COND_INITIALIZER;
static int		 conn_fd[CONN_MAX];
static int		 nactive;

/* Built once at start. */
static char	*doc2, *doc1, *big;
static size_t	 doc2_len, doc1_len, big_len;

static const char notpdf[] = "This is plain text, not a PDF.\n"
    "It only has a .pdf name.\n";
static const char broken[] = "%PDF-1.7\n"
    "this is not an object\n<<< garbage >>> ]] 17 0 obj endobj\n"
    "xref nonsense\ntrailer <<\n%%EOF\n";

char *
pdf_make(int pages, size_t pad, size_t *len)
{
	char	*out = NULL;
	size_t	 n = 0;
	FILE	*f;
	long	*off;
	int	 nobj = 2 + pages + (pad > 0);	/* catalog, pages, each page, pad */
	long	 xref;

	if (pages < 0 || (off = calloc((size_t)nobj + 1, sizeof(*off))) == NULL)
		return NULL;
	if ((f = open_memstream(&out, &n)) == NULL) {
		free(off);
		return NULL;
	}
	/* A binary comment line, as writers do, marks the file as binary. */
	fputs("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", f);
	off[1] = ftell(f);
	fputs("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", f);
	off[2] = ftell(f);
	fputs("2 0 obj\n<< /Type /Pages /MediaBox [0 0 612 792] /Kids [", f);
	for (int i = 0; i < pages; i++)
		fprintf(f, "%s%d 0 R", i ? " " : "", 3 + i);
	fprintf(f, "] /Count %d >>\nendobj\n", pages);
	for (int i = 0; i < pages; i++) {
		off[3 + i] = ftell(f);
		fprintf(f, "%d 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n",
		    3 + i);
	}
	if (pad > 0) {
		off[nobj] = ftell(f);
		fprintf(f, "%d 0 obj\n<< /Length %zu >>\nstream\n", nobj, pad);
		for (size_t i = 0; i < pad; i++)
			fputc(i % 64 == 63 ? '\n' : 'x', f);
		fputs("\nendstream\nendobj\n", f);
	}
	xref = ftell(f);
	/* Each entry is exactly 20 bytes: 10 + 1 + 5 + 1 + 1 + " \n". */
	fprintf(f, "xref\n0 %d\n0000000000 65535 f \n", nobj + 1);
	for (int i = 1; i <= nobj; i++)
		fprintf(f, "%010ld 00000 n \n", off[i]);
	fprintf(f, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n"
	    "%%%%EOF\n", nobj + 1, xref);
	fclose(f);
	free(off);
	*len = n;
	return out;
}

static int
send_all(int fd, const void *p, size_t n)
{
	const char *s = p;

	while (n > 0) {
		/* MSG_NOSIGNAL: a client that gave up must not kill the test. */
		ssize_t k = send(fd, s, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

static int
respond(int fd, int status, const char *type, const char *extra,
    const void *body, size_t len, int length_known)
{
	char		 head[512];
	const char	*reason = status == 200 ? "OK" : status == 302 ?
	    "Found" : "Not Found";
	int		 n;

	if (length_known)
		n = snprintf(head, sizeof(head), "HTTP/1.1 %d %s\r\n"
		    "Content-Type: %s\r\nContent-Length: %zu\r\n%s\r\n",
		    status, reason, type, len, extra);
	else
		n = snprintf(head, sizeof(head), "HTTP/1.1 %d %s\r\n"
		    "Content-Type: %s\r\nConnection: close\r\n%s\r\n",
		    status, reason, type, extra);
	if (send_all(fd, head, (size_t)n) == -1)
		return -1;
	return send_all(fd, body, len);
}

static int
redirect(int fd, const char *to)
{
	char extra[256];

	snprintf(extra, sizeof(extra), "Location: %s\r\n", to);
	return respond(fd, 302, "text/plain", extra, "moved\n", 6, 1);
}

/* Sleep in slices so that stop need not wait the full time. */
static void
nap(int ms)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	for (int t = 0; t < ms && !stopping; t += 50)
		nanosleep(&ts, NULL);
}

/* Answers one request; -1 closes the connection. */
static int
serve(int fd, const char *path)
{
	char	 text[64];
	int	 n;

	if (strcmp(path, "/count") == 0 || strcmp(path, "/conns") == 0) {
		n = snprintf(text, sizeof(text), "%u",
		    strcmp(path, "/count") == 0 ? nrequests : nconns);
		return respond(fd, 200, "text/plain", "", text, (size_t)n, 1);
	}
	nrequests++;
	if (strcmp(path, "/doc.pdf") == 0)
		return respond(fd, 200, "application/pdf", "", doc2, doc2_len, 1);
	/* The same document, cacheable for a minute, or explicitly not. */
	if (strncmp(path, "/cached.pdf", 11) == 0)
		return respond(fd, 200, "application/pdf",
		    "Cache-Control: public, max-age=60\r\n", doc2, doc2_len, 1);
	if (strcmp(path, "/nostore.pdf") == 0)
		return respond(fd, 200, "application/pdf",
		    "Cache-Control: max-age=60, no-store\r\n", doc2, doc2_len, 1);
	if (strcmp(path, "/one.pdf") == 0)
		return respond(fd, 200, "application/pdf", "", doc1, doc1_len, 1);
	if (strcmp(path, "/big.pdf") == 0)
		return respond(fd, 200, "application/pdf", "", big, big_len, 1);
	if (strcmp(path, "/stream-big") == 0) {
		respond(fd, 200, "application/pdf", "", big, big_len, 0);
		return -1;
	}
	if (strcmp(path, "/notpdf.pdf") == 0)
		return respond(fd, 200, "application/pdf", "", notpdf,
		    sizeof(notpdf) - 1, 1);
	if (strcmp(path, "/broken.pdf") == 0)
		return respond(fd, 200, "application/pdf", "", broken,
		    sizeof(broken) - 1, 1);
	if (strcmp(path, "/empty") == 0)
		return respond(fd, 200, "text/plain", "", "", 0, 1);
	if (strcmp(path, "/slow.pdf") == 0) {
		nap(SLOW_MS);
		return respond(fd, 200, "application/pdf", "", doc2, doc2_len, 1);
	}
	if (strcmp(path, "/redirect-ok") == 0)
		return redirect(fd, "/doc.pdf");
	if (strcmp(path, "/redirect-abs") == 0) {
		snprintf(text, sizeof(text), "http://127.0.0.1:%d/doc.pdf", port);
		return redirect(fd, text);
	}
	if (strcmp(path, "/redirect-off") == 0)
		return redirect(fd, "http://localhost.invalid:1/doc.pdf");
	if (strcmp(path, "/redirect-file") == 0)
		return redirect(fd, "file:///etc/passwd");
	if (strcmp(path, "/redirect-bare") == 0)
		return respond(fd, 302, "text/plain", "", "moved\n", 6, 1);
	if (strncmp(path, "/hop/", 5) == 0) {
		int hop = atoi(path + 5);
		if (hop <= 0)
			return respond(fd, 200, "application/pdf", "", doc2,
			    doc2_len, 1);
		snprintf(text, sizeof(text), "/hop/%d", hop - 1);
		return redirect(fd, text);
	}
	return respond(fd, 404, "text/plain", "", "not found\n", 10, 1);
}

static void *
conn_main(void *arg)
{
	int	 fd = (int)(long)arg;
	char	 req[REQ_MAX + 1], path[1024], *end;
	size_t	 have = 0;
	ssize_t	 k;

	while (!stopping) {
		req[have] = '\0';
		if ((end = strstr(req, "\r\n\r\n")) == NULL) {
			if (have == REQ_MAX)
				break;
			k = recv(fd, req + have, REQ_MAX - have, 0);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break;
			have += (size_t)k;
			continue;
		}
		end += 4;
		/* Look at this request only, not what was pipelined after it. */
		char next = *end;
		*end = '\0';
		int close_after = strcasestr(req, "\r\nConnection: close") != NULL;
		if (sscanf(req, "GET %1023s HTTP/1.", path) != 1) {
			respond(fd, 404, "text/plain", "", "", 0, 0);
			break;
		}
		*end = next;
		if (serve(fd, path) == -1 || close_after)
			break;
		/* Keep what the client sent after this request. */
		have -= (size_t)(end - req);
		memmove(req, end, have);
	}

	pthread_mutex_lock(&mu);
	for (int i = 0; i < CONN_MAX; i++)
		if (conn_fd[i] == fd) {
			conn_fd[i] = -1;
			break;
		}
	close(fd);
	nactive--;
	pthread_cond_signal(&idle);
	pthread_mutex_unlock(&mu);
	return NULL;
}

static void *
accept_main(void *arg)
{
	pthread_attr_t	 attr;
	pthread_t	 t;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	while (!stopping) {
		int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			break;	/* shut down by docserver_stop */
		}
		pthread_mutex_lock(&mu);
		int slot = -1;
		for (int i = 0; i < CONN_MAX && slot == -1; i++)
			if (conn_fd[i] == -1)
				slot = i;
		if (slot == -1 || stopping) {
			pthread_mutex_unlock(&mu);
			close(fd);
			continue;
		}
		conn_fd[slot] = fd;
		nactive++;
		nconns++;
		if (pthread_create(&t, &attr, conn_main, (void *)(long)fd) != 0) {
			conn_fd[slot] = -1;
			nactive--;
			close(fd);
		}
		pthread_mutex_unlock(&mu);
	}
	pthread_attr_destroy(&attr);
	return NULL;
}

int
docserver_start(void)
{
	struct sockaddr_in	 sa;
	socklen_t		 sl = sizeof(sa);
	int			 one = 1;

	if (listen_fd != -1)
		return port;
	for (int i = 0; i < CONN_MAX; i++)
		conn_fd[i] = -1;
	stopping = 0;
	if (doc2 == NULL) {
		doc2 = pdf_make(2, 0, &doc2_len);
		doc1 = pdf_make(1, 0, &doc1_len);
		big = pdf_make(1, BIG_PAD, &big_len);
		if (doc2 == NULL || doc1 == NULL || big == NULL)
			return -1;
	}
	if ((listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	if (bind(listen_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(listen_fd, 64) < 0 ||
	    getsockname(listen_fd, (struct sockaddr *)&sa, &sl) < 0 ||
	    pthread_create(&acceptor, NULL, accept_main, NULL) != 0) {
		close(listen_fd);
		listen_fd = -1;
		return -1;
	}
	port = ntohs(sa.sin_port);
	return port;
}

void
docserver_stop(void)
{
	if (listen_fd == -1)
		return;
	stopping = 1;
	/* shutdown() wakes a blocked accept() and recv() on Linux. */
	shutdown(listen_fd, SHUT_RDWR);
	pthread_join(acceptor, NULL);
	close(listen_fd);
	listen_fd = -1;
	pthread_mutex_lock(&mu);
	for (int i = 0; i < CONN_MAX; i++)
		if (conn_fd[i] != -1)
			shutdown(conn_fd[i], SHUT_RDWR);
	while (nactive > 0)
		pthread_cond_wait(&idle, &mu);
	pthread_mutex_unlock(&mu);
	free(doc2);
	free(doc1);
	free(big);
	doc2 = doc1 = big = NULL;
}

int
docserver_port(void)
{
	return port;
}

char *
docserver_url(const char *path)
{
	char *s = NULL;

	if (asprintf(&s, "http://127.0.0.1:%d%s%s", port,
	    path[0] == '/' ? "" : "/", path) < 0)
		return NULL;
	return s;
}
