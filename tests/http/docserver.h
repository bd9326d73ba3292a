/*
 * A tiny HTTP/1.1 document server for tests: started in-process on a thread,
 * on 127.0.0.1 and a port the kernel picks, serving fixed documents (see
 * docserver.c for the paths). Check forks each test from the process that
 * started it, so a test asks GET /count over HTTP, not a counter in its own
 * copy of memory.
 */
#ifndef CG_DOCSERVER_H
#define CG_DOCSERVER_H

#include <stddef.h>

int	 docserver_start(void);		/* the port, or -1 */
void	 docserver_stop(void);
int	 docserver_port(void);
char	*docserver_url(const char *path);	/* malloc'd http://127.0.0.1:PORT/path */

/* A valid PDF of pages blank pages, padded with a stream of pad bytes. */
char	*pdf_make(int pages, size_t pad, size_t *len);	/* malloc'd */

#endif
