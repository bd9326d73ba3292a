/*
 * Jurisdictions come from CASEGATE_JURISDICTIONS (comma-separated, default
 * illinois,massachusetts) and are matched case-insensitively. API keys are
 * looked up by their SHA-256, never stored in clear.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "efile.h"
#include "util.h"

int
jurisdiction_known(const char *j)
{
	const char	*list = cfg("CASEGATE_JURISDICTIONS", "illinois,massachusetts");
	size_t		 n = strlen(j);

	if (n == 0)
		return 0;
	while (*list) {
		size_t k = strcspn(list, ",");
		if (k == n && strncasecmp(list, j, n) == 0)
			return 1;
		list += k + (list[k] == ',');
	}
	return 0;
}

/* "illinois" -> "ILLINOIS", for the TYLER-TOKEN-{J} header names. */
char *
jurisdiction_upper(struct arena *a, const char *j)
{
	char *u = arena_strdup(a, j);
	for (char *p = u; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

int
api_key_valid(struct arena *a, const char *key)
{
	char hash[65];

	if (key == NULL || *key == '\0' || strlen(key) > 256)
		return 0;
	sha256_hex(key, strlen(key), hash);
	if (db_one(a, "SELECT id FROM api_keys WHERE key_hash = ? AND "
	    "revoked_at IS NULL", "s", hash) != NULL)
		return 1;
	return db_last() == DB_OK ? 0 : -1;
}
