/*
 * What every casegate-admin command reports the same way: a message on
 * standard error and a non-zero exit status.
 */
#include <stdio.h>

#include "../lib/db.h"
#include "tools.h"

int
admin_fail(const char *fmt, const char *arg)
{
	fprintf(stderr, "casegate-admin: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 1;
}

int
admin_db_fail(void)
{
	return admin_fail("%s", db_last() == DB_DOWN ?
	    "cannot reach the database" : db_last() == DB_DUP ?
	    "that name is already taken" : "database error (see above)");
}
