/*
 * The judgments family: published Akoma Ntoso judgments, the Atom feed over
 * them, the same page as JSON, the document XML, the deprecated per-court
 * feed paths, and publishing (the admin tool's import and PUT data.xml).
 * akn.c, courts.c and store.c need no HTTP and are shared with
 * casegate-admin; the other files are one resource each.
 */
#ifndef CG_JUDGMENTS_H
#define CG_JUDGMENTS_H

#include <stddef.h>

#include "../lib/util.h"

struct arena;
struct req;

#define AKN_NS	"http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#define UK_NS	"https://caselaw.nationalarchives.gov.uk/akn"
#define TNA_NS	"https://caselaw.nationalarchives.gov.uk"

#define URI_MAX		255	/* document URI, bytes */
#define FCLID_LEN	8	/* length of the FCLIDs we assign */

/* courts.c: one row per uk:court code. */
struct court {
	const char	*code;		/* uk:court, e.g. "EWCA-Civil" */
	const char	*name;		/* display name, the entry author */
	const char	*param;		/* canonical URL form, "" if none */
	const char	*aliases;	/* extra URL forms, comma-separated */
	int		 tribunal;
	const char	*prefix;	/* leading path of the NCN slug, "" if none */
};

extern const struct court	courts[];
extern const size_t		ncourts;

const struct court *court_by_code(const char *);

/* akn.c: what an Akoma Ntoso file says, and its content hash (spec 6). */
struct akn {
	const char	*title;		/* FRBRWork/FRBRname/@value */
	const char	*ncn;		/* uk:cite, else the first neutralCitation */
	const char	*ncn_slug;	/* NULL unless ncn passes the slug rules */
	const char	*court;		/* uk:court */
	const char	*jurisdiction;	/* uk:jurisdiction */
	const char	*work_date;	/* YYYY-MM-DD, NULL if absent or bad */
	const char	*work_date_name;
	const char	*transform_date; /* YYYY-MM-DD HH:MM:SS, NULL if none */
	const char	*source_format;	/* uk:sourceFormat */
	const char	*stated_hash;	/* uk:hash as written in the file */
	const char	*parties;	/* display names, one a line */
	const char	*judges;
	const char	*title_tokens;	/* " tok tok " (see tokens_add) */
	const char	*party_tokens;	/* " | tok tok | tok | " per party */
	const char	*judge_tokens;
	const char	*body_tokens;	/* every text outside akn:meta */
	char		 hash[65];	/* spec 6, computed */
	char		 sha256[65];	/* of the bytes as given */
};

int		 akn_parse(struct arena *, const char *, size_t, struct akn *,
		    const char **why);
int		 ncn_to_slug(const char *ncn, char *out, size_t outlen);
int		 uri_valid(const char *);
int		 fclid_valid(const char *);
void		 fclid_random(char out[FCLID_LEN + 1]);
char		*tokens_of(struct arena *, const char *text);
int		 ws_deleted(unsigned cp);

/* store.c: one document and its metadata, inside the caller's transaction. */
enum store_result {
	STORE_CREATED,
	STORE_REPLACED,
	STORE_UNCHANGED,
	STORE_CONFLICT,		/* the FCLID belongs to another document */
	STORE_ERROR,		/* database */
};

enum store_result judgment_store(struct arena *, const struct akn *,
		    const char *xml, size_t len, const char *uri,
		    const char *fclid);
const char	*judgment_uri_for_ncn(struct arena *, const char *ncn);

/* params.c: the feed's query parameters (spec 2.1), validated once. */
enum feed_order { ORDER_DATE, ORDER_UPDATED, ORDER_TRANSFORMATION };
enum availability { AVAIL_FULL_TEXT, AVAIL_DOCUMENT, AVAIL_METADATA };

#define FEED_MAX_TERMS	64	/* words, phrases, courts, judges each */
#define PER_PAGE_MAX	50
#define PAGE_MAX	10000

struct court_filter {
	const char	*label;		/* a court name, for the feed title */
	const char	*codes[FEED_MAX_TERMS];	/* uk:court values matched */
	size_t		 ncodes;
	const char	*prefixes[8];	/* "ewca/" : ncn_slug LIKE 'ewca/%' */
	size_t		 nprefixes;
};

struct feed_query {
	const char		*query;		/* as given, curly quotes kept */
	const char		*ncn;		/* the query, if it is an NCN */
	const char		*words[FEED_MAX_TERMS];	/* " w " */
	size_t			 nwords;
	const char		*phrases[FEED_MAX_TERMS];	/* " w1 w2 " */
	size_t			 nphrases;
	struct court_filter	 courts[FEED_MAX_TERMS];
	size_t			 ncourts;
	const char		*party;		/* " w1 w2 " or NULL */
	const char		*judges[FEED_MAX_TERMS];
	size_t			 njudges;
	enum feed_order		 order;
	int			 desc;
	long			 page, per_page;
	char			 from[11], to[11];	/* "" = open */
	enum availability	 avail;
	struct kvlist		 kept;		/* non-empty pairs, in order */
};

struct feed_entry {
	const char	*uri, *fclid, *ncn, *ncn_slug, *title, *court;
	const char	*jurisdiction, *work_date, *transform_date, *hash;
};

struct feed_page {
	long long		 total;
	const char		*last_modified;	/* MAX(updated_at), SQL */
	struct feed_entry	*e;
	size_t			 n;
};

int		 feed_query_parse(struct req *, struct feed_query *);
int		 feed_query_run(struct req *, const struct feed_query *,
		    struct feed_page *);
int		 court_resolve(struct arena *, const char *,
		    struct court_filter *);

/* Handlers and helpers of the binary. */
int		 judgments_init(void);
int		 judgments_limit(struct req *);
int		 not_modified(struct req *, const char *etag,
		    const char *last_modified_sql);
const char	*public_base(void);
const char	*assets_base(void);

int		 feed_atom_get(struct req *);
int		 feed_json_get(struct req *);
int		 feed_deprecated_get(struct req *);
int		 document_get(struct req *);
int		 document_put(struct req *);

#endif
