/*
 * Per-request memory: every allocation a request makes comes from its arena,
 * and deferred cleanups (json-c objects, result sets) run when it is reset, so
 * one arena_reset() at the end of the request loop frees everything at once.
 */
#ifndef CG_ARENA_H
#define CG_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;
struct arena_defer;

struct arena {
	struct arena_chunk	*chunks;	/* newest first */
	struct arena_defer	*defers;	/* run newest first */
};

void	*arena_alloc(struct arena *, size_t);
void	*arena_calloc(struct arena *, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*arena_vprintf(struct arena *, const char *, va_list);
void	 arena_defer(struct arena *, void (*)(void *), void *);
void	 arena_reset(struct arena *);

/* A growable byte string (malloc-backed; freed with buf_free). */
struct buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_addc(struct buf *, char);
void	 buf_free(struct buf *);

#endif
