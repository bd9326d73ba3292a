/*
 * Login throttle: CASEGATE_LOGIN_THROTTLE=COUNT/SECONDS (default 10/300,
 * "0" turns it off). Each username and each client address has a window that
 * starts at its first failure; COUNT failures inside it block further
 * attempts until it ends. A restart of the database forgets the counts,
 * which only gives an attacker one fresh window.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db.h"
#include "http.h"
#include "throttle.h"

static int
limits(long *count, long *secs)
{
	const char *v = cfg("CASEGATE_LOGIN_THROTTLE", "10/300");

	if (strcmp(v, "0") == 0 || sscanf(v, "%ld/%ld", count, secs) != 2 ||
	    *count <= 0 || *secs <= 0)
		return 0;
	return 1;
}

static void
keys(struct req *r, const char *username, char **ku, char **ka)
{
	*ku = arena_printf(&r->a, "u:%.190s", username);
	*ka = arena_printf(&r->a, "a:%.190s", r->remote_addr);
}

/* Seconds until the caller may try again, or 0 when not blocked. */
long
throttle_blocked(struct req *r, const char *username)
{
	long		 count, secs, wait = 0;
	char		*ku, *ka, **row;
	struct dbq	*q;
	long long	 now = (long long)now_unix();

	if (!limits(&count, &secs))
		return 0;
	keys(r, username, &ku, &ka);
	q = db_run(&r->a, "SELECT n, reset_at FROM throttle WHERE k IN (?, ?)",
	    "ss", ku, ka);
	while (q != NULL && (row = db_next(q)) != NULL) {
		long long reset = strtoll(row[1], NULL, 10);
		if (strtol(row[0], NULL, 10) >= count && reset > now &&
		    reset - now > wait)
			wait = (long)(reset - now);
	}
	return wait;
}

void
throttle_failed(struct req *r, const char *username)
{
	long		 count, secs;
	char		*ku, *ka;
	long long	 now = (long long)now_unix();

	if (!limits(&count, &secs))
		return;
	keys(r, username, &ku, &ka);
	/* n is assigned before reset_at, so both read the old reset_at. */
	(void)db_exec(&r->a,
	    "INSERT INTO throttle (k, n, reset_at) VALUES (?, 1, ?), (?, 1, ?) "
	    "ON DUPLICATE KEY UPDATE n = IF(reset_at <= ?, 1, n + 1), "
	    "reset_at = IF(reset_at <= ?, VALUES(reset_at), reset_at)",
	    "sisiii", ku, now + secs, ka, now + secs, now, now);
}

void
throttle_clear(struct req *r, const char *username)
{
	long	 count, secs;
	char	*ku, *ka;

	if (!limits(&count, &secs))
		return;
	keys(r, username, &ku, &ka);
	(void)db_exec(&r->a, "DELETE FROM throttle WHERE k = ?", "s", ku);
}
