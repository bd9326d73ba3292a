/*
 * Access-log lines: time, family, request id, client, principal, method,
 * path, status, duration. Values that came from the client are stripped of
 * control characters and quotes so one request is always one line.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "http.h"
#include "log.h"

static int		 log_fd = 2;
static const char	*log_family = "casegate";

void
log_open(const char *family)
{
	const char *path = cfg("CASEGATE_LOG_FILE", NULL);

	log_family = family;
	if (path != NULL && *path) {
		int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
		if (fd >= 0)
			log_fd = fd;
		else
			perror(path);
	}
}

static void
add_clean(struct buf *b, const char *s, size_t max)
{
	for (size_t i = 0; s[i] && i < max; i++) {
		unsigned char c = (unsigned char)s[i];
		buf_addc(b, c < 0x20 || c == 0x7f || c == '"' || c == ' ' ?
		    '_' : (char)c);
	}
}

/* The e-filing correlation headers (efsp-proxy.md 1.4): kept when valid. */
static const struct {
	const char	*header;
	const char	*field;
	size_t		 max;
} correlation[] = {
	{ "efsp-session-id", "sid", 36 },
	{ "efsp-correlation-id", "cid", 36 },
	{ "efsp-request-id", "erid", 36 },
	{ "efsp-interview-name", "interview", 72 },
};

int
correlation_valid(const char *v, size_t max)
{
	size_t n = 0;

	for (; v[n]; n++)
		if (!isalnum((unsigned char)v[n]) && v[n] != '-')
			return 0;
	return n <= max;
}

void
log_request(struct req *r)
{
	struct buf	b = { 0 };
	char		ts[21];

	iso_utc(now_unix(), ts);
	buf_addf(&b, "%s %s rid=%s addr=", ts, log_family, r->request_id);
	add_clean(&b, r->remote_addr, 64);
	for (size_t i = 0; i < sizeof(correlation) / sizeof(correlation[0]); i++) {
		const char *v = req_header(r, correlation[i].header);
		/* Invalid values are dropped, never rejected. */
		if (v != NULL && *v && correlation_valid(v, correlation[i].max))
			buf_addf(&b, " %s=%s", correlation[i].field, v);
	}
	buf_adds(&b, " principal=");
	add_clean(&b, r->who ? r->who->username : "-", 150);
	buf_addf(&b, " \"%s ", r->method);
	if (r->version)
		buf_addf(&b, "/%s", r->version);
	add_clean(&b, r->path ? r->path : "-", 512);
	buf_addf(&b, "\" %d %.2fms\n", r->status, (now_mono() - r->t0) * 1e3);
	if (write(log_fd, b.s, b.len) < 0) {
		/* Nothing sensible to do: the response is already sent. */
	}
	buf_free(&b);
}
