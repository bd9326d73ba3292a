/*
 * The access log: one line per request, written with a single write(2) to
 * CASEGATE_LOG_FILE (O_APPEND, so workers never interleave) or stderr. It
 * carries no query strings, bodies, tokens or passwords.
 */
#ifndef CG_LOG_H
#define CG_LOG_H

struct req;

void	log_open(const char *family);
void	log_request(struct req *);
int	correlation_valid(const char *, size_t);

#endif
