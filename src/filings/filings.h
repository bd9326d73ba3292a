/*
 * The filings family: the EFSP proxy's REST surface (efsp-proxy.md). This
 * first slice holds the public indexes (index.c), the court code tables
 * (codes.c for the indexes, courts and CORS, lists.c for the per-court
 * tables, search.c for the cross-court search) and the helpers they share
 * (common.c): jurisdiction lookup, links, and rendering rows through
 * declared column tables.
 */
#ifndef CG_FILINGS_H
#define CG_FILINGS_H

#include <stddef.h>

#include <json-c/json.h>

struct req;
struct dbq;

/* How one result column becomes a JSON member. */
enum coltype {
	COL_STR,	/* string; SQL NULL -> null */
	COL_BOOL,	/* "0"/"1" -> false/true */
	COL_INT,	/* integer; NULL -> null */
	COL_LIST,	/* comma list -> array of strings ("" -> []) */
};

struct col {
	const char	*name;	/* JSON member */
	enum coltype	 type;
};

#define NCOLS(a)	(sizeof(a) / sizeof((a)[0]))

/* One link of a HATEOAS map: the reference's Java method name and path. */
struct link {
	const char	*name;		/* e.g. "getCategories" */
	const char	*path;		/* below the map's base, "{x}" kept */
	const char	*query;		/* the reference's "[a, b]" text */
	unsigned	 groups;	/* LINK_* maps it appears in, LINK_M_* method */
};

#define LINK_COURT	0x01	/* GET codes/courts/{c} */
#define LINK_CASETYPE	0x02	/* GET codes/courts/{c}/case_types/{t} */
#define LINK_FILING	0x04	/* GET codes/courts/{c}/filing_types/{f} */
#define LINK_M_POST	0x100	/* the endpoint's method, when not GET */
#define LINK_M_PUT	0x200
#define LINK_M_PATCH	0x400
#define LINK_M_DELETE	0x800

/* common.c */
int		 qbool(struct req *, const char *);
const char	*qstr(struct req *, const char *);
json_object	*row_object(const struct col *, size_t, char **);
void		 obj_merge_row(json_object *, const struct col *, size_t,
		    char **);
int		 rows_answer(struct req *, const struct col *, size_t,
		    struct dbq *);
int		 strings_answer(struct req *, struct dbq *);
json_object	*link_map(struct req *, const char *, const struct link *,
		    size_t, unsigned, const char *const *);
int		 json_string_error(struct req *, int, const char *);

/* index.c */
int	root_get(struct req *);
int	about_get(struct req *);
int	jurisdictions_get(struct req *);
int	jurisdiction_get(struct req *);

/* codes.c */
void	cors(struct req *);
int	court_known(struct req *, const char *, const char *);
int	codes_options(struct req *);
int	codes_not_found(struct req *);
int	codes_index_get(struct req *);
int	courts_get(struct req *);
int	court_index_get(struct req *);
int	court_codes_get(struct req *);
int	case_type_get(struct req *);
int	filing_type_get(struct req *);

/* lists.c */
int	categories_get(struct req *);
int	category_get(struct req *);
int	case_types_get(struct req *);
int	case_subtypes_get(struct req *);
int	case_party_types_get(struct req *);
int	case_party_type_get(struct req *);
int	cross_references_get(struct req *);
int	filing_types_get(struct req *);
int	document_types_get(struct req *);
int	motion_types_get(struct req *);
int	filing_components_get(struct req *);
int	filing_optional_services_get(struct req *);
int	party_types_get(struct req *);
int	party_type_get(struct req *);
int	service_types_get(struct req *);
int	procedures_get(struct req *);
int	damage_amounts_get(struct req *);
int	filer_types_get(struct req *);
int	name_suffixes_get(struct req *);
int	allowed_file_types_get(struct req *);
int	filing_statuses_get(struct req *);
int	languages_get(struct req *);
int	states_get(struct req *);
int	datafields_get(struct req *);
int	datafield_get(struct req *);
int	optional_service_get(struct req *);
int	disclaimers_get(struct req *);

/* search.c */
int	search_names_get(struct req *);
int	search_retrieve_get(struct req *);

/* firm.c and courtcases.c */
struct filer;
int		 firm_caller(struct req *, int, const char **, struct filer *);
json_object	*firm_body(struct req *);
char		*contact_select(struct req *);
size_t		 contact_width(void);
json_object	*contact_object(char **);
long long	 contact_row_id(struct req *, const struct filer *, const char *,
		    int);
int	firm_index_get(struct req *);
int	firm_get(struct req *);
int	firm_patch(struct req *);
int	attorneys_get(struct req *);
int	attorney_post(struct req *);
int	attorney_get(struct req *);
int	attorney_patch(struct req *);
int	attorney_delete(struct req *);
int	contacts_get(struct req *);
int	contact_post(struct req *);
int	contacts_public_get(struct req *);
int	contact_get(struct req *);
int	contact_patch(struct req *);
int	contact_delete(struct req *);
int	contact_attach(struct req *);
int	contact_detach(struct req *);
int	cases_index_get(struct req *);
int	cases_courts_get(struct req *);
int	cases_court_get(struct req *);
int	cases_search_get(struct req *);
int	case_get(struct req *);
int	case_documents_get(struct req *);
int	case_service_get(struct req *);
int	case_service_history_get(struct req *);
int	contact_cases_get(struct req *);
/* end firm.c and courtcases.c */

/* review.c */
int	review_courts_get(struct req *);
int	review_court_get(struct req *);
int	filing_fees_post(struct req *);
int	filing_check(struct req *);
int	servicetypes_get(struct req *);
int	legacy_status_post(struct req *);
int	filings_post(struct req *);
int	filings_get(struct req *);
int	filing_get(struct req *);
int	filing_delete(struct req *);
int	filing_status_get(struct req *);
int	filing_service_get(struct req *);
int	filing_review_post(struct req *);
int	policy_get(struct req *);

/* The column tables rows are rendered with (lists.c). */
extern const struct col	case_type_cols[];
extern const size_t	case_type_ncols;
extern const struct col	filing_code_cols[];
extern const size_t	filing_code_ncols;

#endif
