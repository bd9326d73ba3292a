/*
 * casegate-admin office list | office add CODE NAME | office rename CODE
 * NAME | office disable|enable CODE: the offices a matter's intake_office
 * and prescreen_office name (sql/025_offices.sql seeds a few). A disabled
 * office stays on the matters that hold it but cannot be given to another.
 * A matter's stored document embeds its offices' names, so a rename drops
 * those documents in the same transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/account.h"
#include "../lib/arena.h"
#include "../lib/db.h"
#include "../lib/util.h"
#include "tools.h"

static struct arena A;

/* Codes and names as the office table holds them: 1..32 and 1..200. */
static int
office_text_bad(const char *code, const char *name)
{
	if (*code == '\0' || strlen(code) > 32)
		return admin_fail("%s", "an office code is 1 to 32 characters");
	if (name != NULL && (*name == '\0' || strlen(name) > 200))
		return admin_fail("%s", "an office name is 1 to 200 characters");
	return 0;
}

static int
office_list(void)
{
	char **row;
	struct dbq *q = db_run(&A, "SELECT office_code, name, active, uuid FROM "
	    "offices ORDER BY office_code", "");

	if (q == NULL)
		return admin_db_fail();
	printf("%-8s %-40s %-7s %s\n", "CODE", "NAME", "ACTIVE", "UUID");
	while ((row = db_next(q)) != NULL)
		printf("%-8s %-40s %-7s %s\n", row[0], row[1],
		    strcmp(row[2], "0") ? "yes" : "no", row[3]);
	return 0;
}

static int
office_add(const char *code, const char *name)
{
	char uuid[37];

	if (office_text_bad(code, name))
		return 1;
	uuid4(uuid);
	if (db_exec(&A, "INSERT INTO offices (uuid, office_code, name, "
	    "created_at, updated_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6), "
	    "UTC_TIMESTAMP(6))", "sss", uuid, code, name) < 0)
		return db_last() == DB_DUP ? admin_fail("an office already has "
		    "the code '%s' or that name", code) : admin_db_fail();
	printf("office %s added (%s)\n", code, uuid);
	return 0;
}

static int
office_rename(const char *code, const char *name)
{
	char **row;

	if (office_text_bad(code, name))
		return 1;
	if (db_begin() != 0)
		return admin_db_fail();
	row = db_one(&A, "SELECT id FROM offices WHERE office_code = ? FOR UPDATE",
	    "s", code);
	if (row == NULL) {
		int found_none = db_last() == DB_OK;
		db_rollback();
		return found_none ? admin_fail("no office has the code '%s'", code) :
		    admin_db_fail();
	}
	long long id = strtoll(row[0], NULL, 10);
	if (db_exec(&A, "UPDATE offices SET name = ?, updated_at = "
	    "UTC_TIMESTAMP(6) WHERE id = ?", "si", name, id) < 0 ||
	    matter_docs_drop(&A, EMBED_OFFICE, id) != 0) {
		int dup = db_last() == DB_DUP;
		db_rollback();
		return dup ? admin_fail("another office is called '%s'", name) :
		    admin_db_fail();
	}
	if (db_commit() != 0)
		return admin_db_fail();
	printf("office %s is now '%s'\n", code, name);
	return 0;
}

static int
office_active(const char *code, int on)
{
	long long n;

	if (office_text_bad(code, NULL))
		return 1;
	n = db_exec(&A, "UPDATE offices SET active = ?, updated_at = "
	    "UTC_TIMESTAMP(6) WHERE office_code = ?", "is", (long long)on, code);
	if (n < 0)
		return admin_db_fail();
	if (n == 0)
		return admin_fail("no office has the code '%s'", code);
	printf("office %s %s\n", code, on ? "enabled" : "disabled");
	return 0;
}

int
cmd_office(int argc, char **argv)
{
	const char *sub = argc > 0 ? argv[0] : "";
	int rc;

	if (strcmp(sub, "list") == 0 && argc == 1)
		rc = office_list();
	else if (strcmp(sub, "add") == 0 && argc == 3)
		rc = office_add(argv[1], argv[2]);
	else if (strcmp(sub, "rename") == 0 && argc == 3)
		rc = office_rename(argv[1], argv[2]);
	else if ((strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0) &&
	    argc == 2)
		rc = office_active(argv[1], sub[0] == 'e');
	else
		rc = admin_fail("%s", "usage: office list | office add CODE NAME | "
		    "office rename CODE NAME | office disable|enable CODE");
	arena_reset(&A);
	return rc;
}
