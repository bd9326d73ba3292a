/*
 * casegate-admin token create USER [--days N] | token list USER |
 * token revoke ID: personal access tokens for integrations. A new token is
 * printed once, alone on the last line; only its SHA-256 is kept. It acts
 * as its user (scopes read at request time) until it expires or is revoked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/arena.h"
#include "../lib/auth.h"
#include "../lib/db.h"
#include "../lib/util.h"
#include "tools.h"

static struct arena A;

static int
token_create(int argc, char **argv)
{
	char		 secret[PAT_LEN + 1], hash[65], *end;
	long		 days = 365;
	char		**user;

	if (argc == 3 && strcmp(argv[1], "--days") == 0) {
		days = strtol(argv[2], &end, 10);
		if (*argv[2] == '\0' || *end != '\0' || days < 1 || days > 3650)
			return admin_fail("%s", "--days is a whole number from 1 to 3650");
	} else if (argc != 1)
		return admin_fail("%s", "usage: token create USER [--days N]");
	if ((user = db_one(&A, "SELECT id FROM users WHERE username = ?", "s",
	    argv[0])) == NULL)
		return db_last() == DB_OK ? admin_fail("no user is called '%s'",
		    argv[0]) : admin_db_fail();
	random_alnum(secret, PAT_LEN);
	char *token = arena_printf(&A, "%s%s", PAT_PREFIX, secret);
	sha256_hex(token, strlen(token), hash);
	struct dbq *q = db_run(&A, "INSERT INTO personal_tokens (user_id, "
	    "token_hash, created_at, expires_at) VALUES (?, ?, UTC_TIMESTAMP(6), "
	    "UTC_TIMESTAMP(6) + INTERVAL ? DAY)", "ssi", user[0], hash,
	    (long long)days);
	if (q == NULL)
		return admin_db_fail();
	printf("token %lld for %s, valid %ld days; shown once:\n%s\n",
	    q->insert_id, argv[0], days, token);
	return 0;
}

static int
token_list(const char *name)
{
	char **row;
	struct dbq *q = db_run(&A, "SELECT t.id, t.created_at, t.expires_at, "
	    "COALESCE(t.revoked_at, ''), t.revoked_at IS NULL AND t.expires_at > "
	    "UTC_TIMESTAMP(6) FROM personal_tokens t JOIN users u ON u.id = "
	    "t.user_id WHERE u.username = ? ORDER BY t.id", "s", name);
	if (q == NULL)
		return admin_db_fail();
	printf("%-6s %-27s %-27s %s\n", "ID", "CREATED", "EXPIRES", "STATE");
	while ((row = db_next(q)) != NULL)
		printf("%-6s %-27s %-27s %s\n", row[0], row[1], row[2],
		    strcmp(row[4], "0") ? "live" : *row[3] ? "revoked" : "expired");
	return 0;
}

int
cmd_token(int argc, char **argv)
{
	const char *sub = argc > 0 ? argv[0] : "";
	int rc;

	if (strcmp(sub, "create") == 0 && argc >= 2)
		rc = token_create(argc - 1, argv + 1);
	else if (strcmp(sub, "list") == 0 && argc == 2)
		rc = token_list(argv[1]);
	else if (strcmp(sub, "revoke") == 0 && argc == 2) {
		long long n = strspn(argv[1], "0123456789") == strlen(argv[1]) &&
		    *argv[1] ? db_exec(&A, "UPDATE personal_tokens SET revoked_at = "
		    "UTC_TIMESTAMP(6) WHERE id = ? AND revoked_at IS NULL", "s",
		    argv[1]) : 0;
		if (n < 0)
			rc = admin_db_fail();
		else if (n == 0)
			rc = admin_fail("no live token has id '%s'", argv[1]);
		else {
			printf("token %s revoked\n", argv[1]);
			rc = 0;
		}
	} else
		rc = admin_fail("%s", "usage: token create USER [--days N] | "
		    "token list USER | token revoke ID");
	arena_reset(&A);
	return rc;
}
