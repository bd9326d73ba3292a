/*
 * The multipart/form-data parser of document uploads (multipart.h). It
 * walks the body once: the first delimiter (after an optional preamble),
 * then per part a header block of CRLF-terminated lines (at most
 * max_header bytes, no NUL or bare CR/LF), a form-data Content-Disposition
 * with a quoted or token name and optional filename, and the data up to
 * the next CRLF-delimiter; the close delimiter must come. Every index is
 * checked against the body's length, so any input is safe to feed it.
 */
#include <string.h>
#include <strings.h>

#include "../lib/arena.h"
#include "multipart.h"

static int
tchar(int c)
{
	return c > 0x20 && c < 0x7f && !strchr("()<>@,;:\\\"/[]?={}", c);
}

/* Skips spaces and tabs. */
static const char *
ows(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/*
 * One parameter value at *sp (a token or a quoted string, \-escapes
 * taken), copied into the arena; NULL when malformed.
 */
static char *
param_value(struct arena *a, const char **sp, const char *end)
{
	const char	*s = *sp;
	struct buf	 b = { 0 };
	char		*out;

	if (s < end && *s == '"') {
		for (s++; s < end && *s != '"'; s++) {
			if (*s == '\\' && s + 1 < end)
				s++;
			buf_addc(&b, *s);
		}
		if (s >= end) {
			buf_free(&b);
			return NULL;
		}
		s++;
	} else {
		while (s < end && tchar((unsigned char)*s))
			buf_addc(&b, *s++);
		if (b.len == 0) {
			buf_free(&b);
			return NULL;
		}
	}
	*sp = s;
	out = arena_strndup(a, b.s ? b.s : "", b.len);
	buf_free(&b);
	return out;
}

/*
 * The boundary parameter of a multipart/form-data Content-Type, into out
 * (NUL-terminated). MP_NO_BOUNDARY for another type, a missing boundary or
 * one longer than RFC 2046 allows.
 */
enum mp_err
mp_boundary(const char *ct, char *out, size_t outsz)
{
	static const char type[] = "multipart/form-data";
	const char *s, *end;

	if (ct == NULL || strncasecmp(ct, type, sizeof(type) - 1) != 0)
		return MP_NO_BOUNDARY;
	s = ct + sizeof(type) - 1;
	end = ct + strlen(ct);
	while (s < end) {
		s = ows(s, end);
		if (s >= end)
			break;
		if (*s != ';')
			return MP_NO_BOUNDARY;
		s = ows(s + 1, end);
		const char *k = s;
		while (s < end && tchar((unsigned char)*s))
			s++;
		size_t klen = (size_t)(s - k);
		if (klen == 0 || s >= end || *s != '=')
			return MP_NO_BOUNDARY;
		s++;
		/* A value with its quotes, bounded by the output's size. */
		size_t n = 0;
		int quoted = s < end && *s == '"';
		if (quoted)
			s++;
		while (s < end && (quoted ? *s != '"' : (*s != ';' && *s != ' ' &&
		    *s != '\t'))) {
			if (quoted && *s == '\\' && s + 1 < end)
				s++;
			if (klen == 8 && strncasecmp(k, "boundary", 8) == 0) {
				if (n + 1 >= outsz || n >= MP_BOUNDARY_MAX)
					return MP_NO_BOUNDARY;
				out[n++] = *s;
			}
			s++;
		}
		if (quoted) {
			if (s >= end)
				return MP_NO_BOUNDARY;
			s++;
		}
		if (klen == 8 && strncasecmp(k, "boundary", 8) == 0) {
			if (n == 0)
				return MP_NO_BOUNDARY;
			out[n] = '\0';
			return MP_OK;
		}
	}
	return MP_NO_BOUNDARY;
}

/*
 * One header block [h, end): Content-Disposition (form-data, name,
 * filename) and Content-Type; other headers are ignored.
 */
static enum mp_err
part_headers(struct arena *a, const char *h, const char *end,
    struct mp_part *p)
{
	int	disposition = 0;

	while (h < end) {
		const char *eol = memmem(h, (size_t)(end - h), "\r\n", 2);
		if (eol == NULL)
			return MP_MALFORMED;
		for (const char *c = h; c < eol; c++)
			if (*c == '\0' || *c == '\r' || *c == '\n')
				return MP_MALFORMED;
		const char *colon = memchr(h, ':', (size_t)(eol - h));
		if (colon == NULL || colon == h)
			return MP_MALFORMED;
		for (const char *c = h; c < colon; c++)
			if (!tchar((unsigned char)*c))
				return MP_MALFORMED;
		size_t nlen = (size_t)(colon - h);
		const char *v = ows(colon + 1, eol);
		if (nlen == 19 && strncasecmp(h, "Content-Disposition", 19) == 0) {
			if (disposition++ || (size_t)(eol - v) < 9 ||
			    strncasecmp(v, "form-data", 9) != 0)
				return MP_MALFORMED;
			const char *s = v + 9;
			while ((s = ows(s, eol)) < eol) {
				if (*s != ';')
					return MP_MALFORMED;
				s = ows(s + 1, eol);
				const char *k = s;
				while (s < eol && tchar((unsigned char)*s))
					s++;
				size_t klen = (size_t)(s - k);
				if (klen == 0 || s >= eol || *s != '=')
					return MP_MALFORMED;
				s++;
				char *val = param_value(a, &s, eol);
				if (val == NULL)
					return MP_MALFORMED;
				if (klen == 4 && strncasecmp(k, "name", 4) == 0) {
					if (p->name != NULL)
						return MP_MALFORMED;
					p->name = val;
				} else if (klen == 8 && strncasecmp(k, "filename",
				    8) == 0) {
					if (p->filename != NULL)
						return MP_MALFORMED;
					p->filename = val;
				}
			}
		} else if (nlen == 12 && strncasecmp(h, "Content-Type", 12) == 0) {
			if (p->ctype != NULL)
				return MP_MALFORMED;
			const char *ve = eol;
			while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			p->ctype = arena_strndup(a, v, (size_t)(ve - v));
		}
		h = eol + 2;
	}
	return disposition && p->name != NULL ? MP_OK : MP_MALFORMED;
}

enum mp_err
mp_parse(struct arena *a, const char *content_type, const char *body,
    size_t len, const struct mp_limits *lim, struct mp_part **parts_out,
    size_t *nparts)
{
	char		 boundary[MP_BOUNDARY_MAX + 1];
	char		 delim[MP_BOUNDARY_MAX + 5];
	size_t		 dlen, n = 0;
	const char	*end = body + len, *s;
	struct mp_part	*parts;
	enum mp_err	 e;

	*parts_out = NULL;
	*nparts = 0;
	if ((e = mp_boundary(content_type, boundary, sizeof(boundary))) != MP_OK)
		return e;
	if (body == NULL)
		return MP_MALFORMED;
	/* "\r\n--boundary": the first may come without its CRLF. */
	dlen = strlen(boundary);
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, dlen);
	dlen += 4;
	parts = arena_calloc(a, sizeof(*parts) * (lim->max_parts + 1));
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		s = body + dlen - 2;
	else {
		s = memmem(body, len, delim, dlen);
		if (s == NULL)
			return MP_MALFORMED;
		s += dlen;
	}
	for (;;) {
		/* After a delimiter: "--" closes, else padding and CRLF. */
		if (end - s >= 2 && s[0] == '-' && s[1] == '-')
			break;
		s = ows(s, end);
		if (end - s < 2 || s[0] != '\r' || s[1] != '\n')
			return MP_MALFORMED;
		s += 2;
		if (n == lim->max_parts)
			return MP_TOO_MANY_PARTS;
		size_t room = (size_t)(end - s);
		size_t look = room < lim->max_header + 2 ? room :
		    lim->max_header + 2;
		const char *hend;
		if (look >= 2 && s[0] == '\r' && s[1] == '\n')
			hend = s;	/* no header lines: refused below */
		else {
			hend = memmem(s, look, "\r\n\r\n", 4);
			if (hend == NULL)
				return room > lim->max_header + 2 ?
				    MP_HEADER_TOO_LONG : MP_MALFORMED;
			hend += 2;	/* keep the last line's CRLF */
		}
		if ((size_t)(hend - s) > lim->max_header)
			return MP_HEADER_TOO_LONG;
		struct mp_part *p = &parts[n];
		if ((e = part_headers(a, s, hend, p)) != MP_OK)
			return e;
		s = hend + 2;
		const char *next = memmem(s, (size_t)(end - s), delim, dlen);
		if (next == NULL)
			return MP_MALFORMED;
		p->data = s;
		p->len = (size_t)(next - s);
		n++;
		s = next + dlen;
	}
	*parts_out = parts;
	*nparts = n;
	return MP_OK;
}

const char *
mp_err_text(enum mp_err e)
{
	static const char *const text[MP__MAX] = {
		[MP_OK] = "ok",
		[MP_NO_BOUNDARY] = "The body must be multipart/form-data with a "
		    "boundary",
		[MP_MALFORMED] = "The multipart body is malformed",
		[MP_TOO_MANY_PARTS] = "The multipart body has too many parts",
		[MP_HEADER_TOO_LONG] = "A part's headers are too long",
	};
	return (unsigned)e < MP__MAX ? text[e] : "unknown";
}
