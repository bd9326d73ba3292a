/*
 * Users and organisations: the data every family reads, and the writes the
 * admin tool and the token family's admin API share.
 */
#ifndef CG_ACCOUNT_H
#define CG_ACCOUNT_H

#include "fields.h"

struct arena;

/* A user as every family reads it; USER_COLUMNS in the same order. */
enum user_field {
	U_UUID, U_USERNAME, U_FULL_NAME, U_EMAIL, U_SCOPES, U_ORG, U_ALL_CASES,
	U_DISABLED, U_EXTERNAL_ID, U_CREATED, U_UPDATED, U_PASSWORD, U__MAX
};

extern const struct field user_fields[U__MAX];

#define USER_COLUMNS \
	"u.uuid, u.username, u.full_name, u.email, u.scopes, o.name, " \
	"u.all_cases, u.disabled, u.external_unique_id, u.created_at, " \
	"u.updated_at "
#define USER_FROM "FROM users u LEFT JOIN orgs o ON o.id = u.org_id "

long long	 org_id_by_name(struct arena *, const char *);	/* 0 unknown, -1 error */

/*
 * A matter's stored document (cases.doc_matter) embeds the names of its
 * intake and prescreen users and offices: a write that changes one drops the
 * documents that embed it, in the write's own transaction, so the next
 * read renders them again. 0, or -1 on a database error.
 */
enum embedded { EMBED_USER, EMBED_OFFICE };
int		 matter_docs_drop(struct arena *, enum embedded, long long id);
const char	*check_username(const char *);
const char	*check_password(const char *);
const char	*check_org_name(const char *);

#endif
