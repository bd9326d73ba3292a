/*
 * Failed-login throttling, counted in a MEMORY table so that every worker and
 * every host sees the same count without a durable write per attempt.
 */
#ifndef CG_THROTTLE_H
#define CG_THROTTLE_H

struct req;

long	throttle_blocked(struct req *, const char *username);
void	throttle_failed(struct req *, const char *username);
void	throttle_clear(struct req *, const char *username);

#endif
