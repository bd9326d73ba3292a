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
int		 api_key_valid(struct arena *, const char *, long long *);
		    /* 1, 0, -1 */

struct req;

/* A logged-in filer, from the TYLER-TOKEN-{J} header's session. */
struct filer {
	long long	 id;
	const char	*uuid;
	const char	*email;
	const char	*first;
	const char	*last;
	long long	 firm_id;
	const char	*firm_uuid;
	const char	*firm_name;
	int		 individual;	/* the firm is the filer alone */
	const char	*token_hash;	/* SHA-256 of the header, for logs */
};

enum filer_st {
	FILER_OK = 0,
	FILER_MISSING,		/* no header, or no ':' in it */
	FILER_BAD,		/* unknown, expired, or a disabled filer */
	FILER_DBERR = -1,
};

const char	*juris(struct req *, int);
const char	*efile_base_url(struct req *);	/* scheme://host[:port], no slash */	/* path param i; NULL after a 404 */
enum filer_st	 filer_session(struct req *, const char *j, struct filer *);
enum filer_st	 filer_session_value(struct req *, const char *j,
		    const char *token, struct filer *);

#endif
