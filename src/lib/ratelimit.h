/*
 * The request-rate limiter shared by every family: fixed buckets counted in
 * a MEMORY table, so that all workers and hosts agree without a durable
 * write per request.
 */
#ifndef CG_RATELIMIT_H
#define CG_RATELIMIT_H

struct req;

int	rate_limit_take(struct req *, const char *key, long limit, long window,
	    long bucket, int count_rejected);
int	rate_limit_principal(struct req *);
void	rate_limit_flush(void);

#endif
