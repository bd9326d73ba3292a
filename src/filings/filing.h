/*
 * A filing payload as the filing-review endpoints see it (efsp-proxy.md
 * section 5): the parser (payload.c) turns the docassemble JSON into an
 * envelope, reporting problems as interview variables in the three lists
 * of the validation summary, or as one FilingError when it must stop;
 * review.c answers fees, check and submit from the result.
 */
#ifndef CG_FILING_H
#define CG_FILING_H

#include <stddef.h>

#include <json-c/json.h>

#include "../lib/efile.h"
#include "../lib/fetch.h"

struct req;

struct person {
	const char	*ref;		/* "users[0]", "other_parties[1]" */
	int		 business;
	const char	*first, *middle, *last, *suffix;
	const char	*email, *phone;
	const char	*party_type;
	const char	*tyler_id;	/* an existing case party */
	int		 filer_side;
	int		 form_filler;
	const char	*line1, *line2, *city, *state, *zip, *country;
	const char	*language, *gender, *dob;
};

struct attachment {
	const char	*filename;
	const char	*document_type;
	const char	*component;
	const char	*description;
	const char	*data_url;
	struct fetched	 doc;
};

struct charge {
	const char	*code;		/* filing code, or optional service */
	const char	*reason;	/* "Filing Fee" or the service's name */
	double		 amount;
};

struct document {
	const char		*filing_code;
	const char		*filing_code_name;
	const char		*description;
	struct attachment	*att;
	size_t			 natt;
	struct charge		*charges;
	size_t			 ncharges;
	double			 fee;	/* the charges' sum */
};

struct service {
	const char	*contact;	/* serviceContactID */
	const char	*type;		/* a service type code */
	const char	*party;		/* party_association, "" when none */
};

struct envelope {
	int		 initial;	/* no previous case, no docket number */
	int		 first_indexed;	/* no previous case */
	const char	*previous_case_id;
	long long	 court_case_id;
	const char	*docket;
	const char	*category, *category_name;
	const char	*case_type, *case_type_name;
	struct person	*people;	/* users, then other parties */
	size_t		 npeople, nusers;
	struct person	*lead;
	struct document	*docs;
	size_t		 ndocs;
	double		 total;
	double		 max_fee;	/* < 0: none */
	const char	*payment_id;
	json_object	*templates;
	struct service	*services;	/* service_contacts */
	size_t		 nservices;
	size_t		 bytes;		/* every attachment's size */
};

enum parse_result {
	PARSE_OK,
	PARSE_VARS,		/* stopped at a variable (fail-fast) or fatal one */
	PARSE_PROBLEMS,		/* check: parsed, with variables to report */
	PARSE_ERROR,		/* a FilingError: malformed or server error */
	PARSE_ASSEMBLY,		/* parsed, but the envelope cannot be assembled */
	PARSE_NOT_JSON,		/* not JSON at all */
	PARSE_DBERR,
};

struct fctx {
	struct req	*r;
	const char	*j, *c;
	char		**court;	/* COURT_FIELDS of filing.h */
	struct filer	*filer;
	int		 collect;	/* check: keep going after variables */
	int		 stop;
	int		 fetch;		/* download data_url (always, as the reference) */
	json_object	*required, *optional, *wrong;
	json_object	*first;		/* the first variable reported */
	json_object	*error;		/* the FilingError */
	struct datafield *df;
	size_t		 ndf;
	struct envelope	 e;
};

/* The court columns the parser reads, by index into fctx.court. */
enum {
	CF_NAME, CF_INITIAL, CF_SUBSEQUENT, CF_NONINDEXED, CF_MULTIATTY,
	CF_MAXFEE, CF_SERVEINITIAL, CF_CONDSERVICE, CF_MAXATT, CF_MAXENV,
	CF_DEFDESC,
};
#define COURT_FIELDS "name, initial, subsequent, allowfilingintononindexedcase, " \
	"allowmultipleattorneys, allowmaxfeeamount, allowserviceoninitial, " \
	"hasconditionalservicetypes, max_attachment_bytes, max_envelope_bytes, " \
	"COALESCE(defaultdocumentdescription, '')"

char			***code_rows(struct arena *, size_t *, const char *sql,
			    const char *types, ...);	/* codecache.c */
int			 fctx_init(struct fctx *, struct req *, const char *j,
			    const char *c, struct filer *, int collect);
enum parse_result	 payload_parse(struct fctx *, const char *, size_t);
json_object		*summary_json(struct fctx *);

#endif
