/*
 * A bounded multipart/form-data parser (RFC 7578) for document uploads.
 * Pure: no I/O, every string it returns lives in the caller's arena and
 * part data points into the body. The caller caps the body's size before
 * it gets here (the route's max_body: 413); the parser caps the number of
 * parts and the length of each part's header block, and refuses anything
 * malformed rather than guessing.
 */
#ifndef CG_MULTIPART_H
#define CG_MULTIPART_H

#include <stddef.h>

struct arena;

#define MP_BOUNDARY_MAX	70	/* RFC 2046 */

struct mp_part {
	const char	*name;		/* form field name */
	const char	*filename;	/* NULL: not a file part */
	const char	*ctype;		/* the part's Content-Type, NULL if none */
	const char	*data;		/* into the body; not NUL-terminated */
	size_t		 len;
};

struct mp_limits {
	size_t	max_parts;
	size_t	max_header;		/* bytes of one part's header block */
};

enum mp_err {
	MP_OK = 0,
	MP_NO_BOUNDARY,		/* not multipart/form-data with a boundary */
	MP_MALFORMED,		/* delimiters, header lines, disposition */
	MP_TOO_MANY_PARTS,
	MP_HEADER_TOO_LONG,
	MP__MAX
};

enum mp_err	 mp_boundary(const char *content_type, char *out,
		    size_t outsz);
enum mp_err	 mp_parse(struct arena *, const char *content_type,
		    const char *body, size_t len, const struct mp_limits *,
		    struct mp_part **parts, size_t *nparts);
const char	*mp_err_text(enum mp_err);

#endif
