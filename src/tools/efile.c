/*
 * casegate-admin apikey ... and filer ...: the e-filing accounts. A new API
 * key is printed once, alone on the last line, and only its SHA-256 is
 * kept. Filers belong to a jurisdiction and a firm: --firm names one
 * (created when new); without it the filer is an individual with a firm of
 * its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/account.h"
#include "../lib/arena.h"
#include "../lib/auth.h"
#include "../lib/db.h"
#include "../lib/efile.h"
#include "../lib/fields.h"
#include "../lib/util.h"
#include "../filings/clerk.h"
#include "tools.h"

static struct arena A;


static int
apikey_add(const char *name)
{
	char key[API_KEY_LEN + 1], hash[65], uuid[37];

	if (*name == '\0' || *name == '-' || strlen(name) > 100)
		return admin_fail("%s", "usage: apikey add NAME (1 to 100 characters)");
	random_alnum(key, API_KEY_LEN);
	sha256_hex(key, API_KEY_LEN, hash);
	uuid4(uuid);
	if (db_exec(&A, "INSERT INTO api_keys (uuid, name, key_hash, created_at) "
	    "VALUES (?, ?, ?, UTC_TIMESTAMP(6))", "sss", uuid, name, hash) < 0) {
		if (db_last() == DB_DUP)
			return admin_fail("an API key called '%s' already exists", name);
		return admin_db_fail();
	}
	printf("API key %s added; it is shown once, on the next line:\n%s\n",
	    name, key);
	return 0;
}

static int
cmd_apikey(int argc, char **argv)
{
	const char *sub = argc > 0 ? argv[0] : "";

	if (strcmp(sub, "add") == 0 && argc == 2)
		return apikey_add(argv[1]);
	if (strcmp(sub, "list") == 0) {
		char **row;
		struct dbq *q = db_run(&A, "SELECT name, created_at, revoked_at "
		    "FROM api_keys ORDER BY name", "");
		if (q == NULL)
			return admin_db_fail();
		printf("%-32s %-28s %s\n", "NAME", "CREATED", "REVOKED");
		while ((row = db_next(q)) != NULL)
			printf("%-32s %-28s %s\n", row[0], row[1], row[2] ? row[2] : "-");
		return 0;
	}
	if (strcmp(sub, "revoke") == 0 && argc == 2) {
		long long n = db_exec(&A, "UPDATE api_keys SET revoked_at = "
		    "UTC_TIMESTAMP(6) WHERE name = ? AND revoked_at IS NULL", "s",
		    argv[1]);
		if (n < 0)
			return admin_db_fail();
		if (n == 0)
			return admin_fail("no active API key is called '%s'", argv[1]);
		printf("API key %s revoked\n", argv[1]);
		return 0;
	}
	return admin_fail("%s", "usage: apikey add NAME | apikey list | apikey revoke NAME");
}

/* The firm named (created when new), or an individual's own firm. */
static long long
firm_for(const char *j, const char *firm, const char *email)
{
	char uuid[37], **row;
	struct dbq *q;

	if (firm != NULL) {
		row = db_one(&A, "SELECT id FROM firms WHERE jurisdiction = ? AND "
		    "name = ? AND is_individual = 0", "ss", j, firm);
		if (row != NULL)
			return strtoll(row[0], NULL, 10);
		if (db_last() != DB_OK)
			return -1;
	}
	uuid4(uuid);
	q = db_run(&A, "INSERT INTO firms (uuid, jurisdiction, name, is_individual, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6), "
	    "UTC_TIMESTAMP(6))", "sssi", uuid, j, firm ? firm : email,
	    (long long)(firm == NULL));
	return q ? q->insert_id : -1;
}

static int
filer_add(int argc, char **argv)
{
	const char	*email = argc > 0 ? argv[0] : NULL, *j = NULL, *first = NULL;
	const char	*last = NULL, *firm = NULL, *msg;
	char		 line[PASSWORD_MAX + 2], hash[HASH_MAX], uuid[37];
	int		 individual = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--jurisdiction") == 0 && i + 1 < argc)
			j = argv[++i];
		else if (strcmp(argv[i], "--first") == 0 && i + 1 < argc)
			first = argv[++i];
		else if (strcmp(argv[i], "--last") == 0 && i + 1 < argc)
			last = argv[++i];
		else if (strcmp(argv[i], "--firm") == 0 && i + 1 < argc)
			firm = argv[++i];
		else if (strcmp(argv[i], "--individual") == 0)
			individual = 1;
		else
			return admin_fail("unknown option '%s'", argv[i]);
	}
	if (email == NULL || *email == '-' || j == NULL || first == NULL ||
	    last == NULL)
		return admin_fail("%s", "usage: filer add EMAIL --jurisdiction J --first F "
		    "--last L [--firm NAME] [--individual]");
	if ((msg = check_email(email)) != NULL)
		return admin_fail("%s", msg);
	if (!jurisdiction_known(j))
		return admin_fail("'%s' is not a jurisdiction served here "
		    "(CASEGATE_JURISDICTIONS)", j);
	if (individual && firm != NULL)
		return admin_fail("%s", "--individual and --firm exclude each other");
	if (*first == '\0' || *last == '\0' || strlen(first) > 100 ||
	    strlen(last) > 100)
		return admin_fail("%s", "first and last names need 1 to 100 characters");
	if (isatty(0))
		fprintf(stderr, "password: ");
	if (fgets(line, sizeof(line), stdin) == NULL)
		return admin_fail("%s", "a password is expected on standard input");
	line[strcspn(line, "\r\n")] = '\0';
	if ((msg = check_password(line)) != NULL)
		return admin_fail("%s", msg);
	if (password_hash(line, hash) != 0)
		return admin_fail("%s", "hashing failed");
	char *jl = arena_strdup(&A, j);
	for (char *c = jl; *c; c++)
		*c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
	if (db_begin() != 0)
		return admin_db_fail();
	long long fid = firm_for(jl, firm, email);
	uuid4(uuid);
	if (fid < 0 || db_exec(&A, "INSERT INTO filers (uuid, jurisdiction, email, "
	    "first_name, last_name, hashed_password, firm_id, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), "
	    "UTC_TIMESTAMP(6))", "ssssssi", uuid, jl, email, first, last, hash,
	    fid) < 0) {
		int dup = db_last() == DB_DUP;
		db_rollback();
		return dup ? admin_fail("filer '%s' already exists in that jurisdiction",
		    email) : admin_db_fail();
	}
	if (db_commit() != 0)
		return admin_db_fail();
	printf("filer %s added in %s (%s)\n", email, jl, uuid);
	return 0;
}

static int
cmd_filer(int argc, char **argv)
{
	const char *sub = argc > 0 ? argv[0] : "";

	if (strcmp(sub, "add") == 0)
		return filer_add(argc - 1, argv + 1);
	if (strcmp(sub, "list") == 0) {
		char **row;
		struct dbq *q = db_run(&A, "SELECT f.email, f.jurisdiction, "
		    "f.first_name, f.last_name, m.name, m.is_individual, f.disabled, "
		    "f.uuid FROM filers f JOIN firms m ON m.id = f.firm_id "
		    "ORDER BY f.jurisdiction, f.email", "");
		if (q == NULL)
			return admin_db_fail();
		printf("%-32s %-14s %-24s %-24s %-8s %s\n", "EMAIL", "JURISDICTION",
		    "NAME", "FIRM", "DISABLED", "UUID");
		while ((row = db_next(q)) != NULL)
			printf("%-32s %-14s %-24s %-24s %-8s %s\n", row[0], row[1],
			    arena_printf(&A, "%s %s", row[2], row[3]),
			    strcmp(row[5], "0") ? "(individual)" : row[4],
			    strcmp(row[6], "0") ? "yes" : "no", row[7]);
		return 0;
	}
	if (strcmp(sub, "disable") == 0 && argc >= 2) {
		const char *j = argc == 4 && strcmp(argv[2], "--jurisdiction") == 0 ?
		    argv[3] : NULL;
		long long n = db_exec(&A, "UPDATE filers SET disabled = 1, updated_at = "
		    "UTC_TIMESTAMP(6) WHERE email = ? AND (? IS NULL OR "
		    "jurisdiction = ?)", "sss", argv[1], j, j);
		if (n < 0)
			return admin_db_fail();
		if (n == 0)
			return admin_fail("no filer is called '%s'", argv[1]);
		/* Their sessions end now, not when they expire. */
		(void)db_exec(&A, "DELETE s FROM filer_sessions s JOIN filers f ON "
		    "f.id = s.filer_id WHERE f.email = ? AND f.disabled = 1", "s",
		    argv[1]);
		printf("filer %s disabled\n", argv[1]);
		return 0;
	}
	return admin_fail("%s", "usage: filer add EMAIL ... | filer list | "
	    "filer disable EMAIL [--jurisdiction J]");
}

/* filing review ID accepted|rejected [--reason TEXT]: the clerk's decision. */
static int
cmd_filing(int argc, char **argv)
{
	const char *why, *reason = NULL;

	if (argc == 5 && strcmp(argv[3], "--reason") == 0)
		reason = argv[4];
	else if (argc != 3)
		return admin_fail("%s", "usage: filing review ID accepted|rejected "
		    "[--reason TEXT]");
	if (strcmp(argv[0], "review") != 0)
		return admin_fail("unknown filing command '%s'", argv[0]);
	if (db_begin() != 0)
		return admin_db_fail();
	int st = clerk_review(&A, argv[1], argv[2], reason, &why);
	if (st != CLERK_OK) {
		db_rollback();
		return st == CLERK_DBERR ? admin_db_fail() :
		    admin_fail("cannot review the filing: %s", why);
	}
	if (db_commit() != 0)
		return admin_db_fail();
	char **row = db_one(&A, "SELECT f.status, COALESCE(c.docket_number, '') "
	    "FROM filings f LEFT JOIN court_cases c ON c.id = f.court_case_id "
	    "WHERE f.uuid = ?", "s", argv[1]);
	printf("filing %s %s%s%s\n", argv[1], row ? row[0] : argv[2],
	    row && *row[1] ? " in case " : "", row ? row[1] : "");
	return 0;
}

int
cmd_efile(const char *what, int argc, char **argv)
{
	int rc = strcmp(what, "apikey") == 0 ? cmd_apikey(argc, argv) :
	    strcmp(what, "filing") == 0 ? cmd_filing(argc, argv) :
	    cmd_filer(argc, argv);
	arena_reset(&A);
	return rc;
}
