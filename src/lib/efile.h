/*
 * E-filing access shared by the token, filings and payments families:
 * configured jurisdictions, client servers' API keys and filer sessions.
 */
#ifndef CG_EFILE_H
#define CG_EFILE_H

struct arena;

#define API_KEY_LEN	32	/* random alphanumerics (the reference: 21) */
#define SESSION_LEN	32

int		 jurisdiction_known(const char *);
char		*jurisdiction_upper(struct arena *, const char *);
int		 api_key_valid(struct arena *, const char *);	/* 1, 0, -1 */

#endif
