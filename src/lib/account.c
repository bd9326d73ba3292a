/*
 * Shared rules for users and organisations, so that the admin tool and the
 * HTTP API accept exactly the same names and passwords.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "auth.h"
#include "db.h"
#include "fields.h"

const struct field user_fields[U__MAX] = {
	[U_UUID]	= { "uuid", FT_STRING, F_READONLY, 0, NULL, NULL },
	[U_USERNAME]	= { "username", FT_STRING, F_REQUIRED, 150, NULL,
			    check_username },
	[U_FULL_NAME]	= { "full_name", FT_STRING, F_NULLABLE, 200, NULL, NULL },
	[U_EMAIL]	= { "email", FT_STRING, F_NULLABLE, 254, NULL,
			    check_email },
	[U_SCOPES]	= { "scopes", FT_SET, 0, 5, scope_names, NULL },
	[U_ORG]		= { "org", FT_STRING, F_NULLABLE, 200, NULL, NULL },
	[U_ALL_CASES]	= { "all_cases", FT_BOOL, 0, 0, NULL, NULL },
	[U_DISABLED]	= { "disabled", FT_BOOL, 0, 0, NULL, NULL },
	[U_EXTERNAL_ID]	= { "external_unique_id", FT_STRING, F_NULLABLE, 100,
			    NULL, NULL },
	[U_CREATED]	= { "created_at", FT_DATETIME, F_READONLY, 0, NULL, NULL },
	[U_UPDATED]	= { "updated_at", FT_DATETIME, F_READONLY, 0, NULL, NULL },
	[U_PASSWORD]	= { "password", FT_STRING, F_WRITEONLY | F_NULLABLE, 0,
			    NULL, check_password },
};

long long
org_id_by_name(struct arena *a, const char *name)
{
	char **row = db_one(a, "SELECT id FROM orgs WHERE name = ?", "s", name);

	if (row == NULL)
		return db_last() == DB_OK ? 0 : -1;
	return strtoll(row[0], NULL, 10);
}

int
matter_docs_drop(struct arena *a, enum embedded what, long long id)
{
	/* A matter shows its intake's and its prescreen's. */
	static const char *const sql[] = {
		[EMBED_USER] = "UPDATE cases SET doc_matter = NULL WHERE "
		    "intake_user_id = ? OR prescreen_user_id = ?",
		[EMBED_OFFICE] = "UPDATE cases SET doc_matter = NULL WHERE "
		    "intake_office_id = ? OR prescreen_office_id = ?",
	};

	return db_exec(a, sql[what], "ii", id, id) < 0 ? -1 : 0;
}

/* Usernames appear in tokens, logs and URLs: keep them plain. */
const char *
check_username(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 150)
		return "username must have 1 to 150 characters";
	if (!isalnum((unsigned char)s[0]))
		return "username must start with a letter or a digit";
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._@-+", s[i]))
			return "username may hold only letters, digits and . _ @ - +";
	return NULL;
}

const char *
check_password(const char *s)
{
	size_t n = strlen(s);

	if (n > PASSWORD_MAX)
		return "password must be at most 1024 bytes";
	if (n < 8)
		return "password must have at least 8 characters";
	return NULL;
}

/* Organisation names are path segments (/orgs/{name}). */
const char *
check_org_name(const char *s)
{
	if (*s == '\0' || strlen(s) > 200)
		return "name must have 1 to 200 characters";
	if (*s == '-' || *s == ' ')
		return "name may not start with '-' or a space";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == '/' || *p == 0x7f)
			return "name may not hold '/' or control characters";
	return NULL;
}
