/*
 * Users and organisations: the data every family reads, and the writes the
 * admin tool and the token family's admin API share.
 */
#ifndef CG_ACCOUNT_H
#define CG_ACCOUNT_H

struct arena;

long long	 org_id_by_name(struct arena *, const char *);	/* 0 unknown, -1 error */
const char	*check_username(const char *);
const char	*check_password(const char *);
const char	*check_org_name(const char *);

#endif
