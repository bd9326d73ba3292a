/*
 * casegate-admin: the operator's command line. It reads the same
 * configuration as the workers (environment, then CASEGATE_CONFIG) and is
 * installed under bin/, never under cgi-bin/, so it is not reachable over
 * HTTP. Every command prints a clear message and exits non-zero on error.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/account.h"
#include "../lib/auth.h"
#include "../lib/config.h"
#include "../lib/db.h"
#include "../lib/fields.h"
#include "../lib/http.h"
#include "tools.h"

static struct arena A;


/* A password from the first line of standard input. */
static const char *
read_password(void)
{
	static char	line[PASSWORD_MAX + 2];
	const char	*msg;

	if (isatty(0))
		fprintf(stderr, "password: ");
	if (fgets(line, sizeof(line), stdin) == NULL) {
		admin_fail("%s", "a password is expected on standard input");
		return NULL;
	}
	line[strcspn(line, "\r\n")] = '\0';
	if ((msg = check_password(line)) != NULL) {
		admin_fail("%s", msg);
		return NULL;
	}
	return line;
}

/* "read,create" -> the canonical SET string; NULL on an unknown scope. */
static const char *
parse_scopes(const char *list)
{
	char		*copy = arena_strdup(&A, list), *tok, *save;
	unsigned	 bits = 0;
	struct buf	 b = { 0 };

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned k;
		for (k = 0; scope_names[k]; k++)
			if (strcmp(scope_names[k], tok) == 0)
				break;
		if (scope_names[k] == NULL) {
			admin_fail("unknown scope '%s' (read, create, update, delete, admin)", tok);
			return NULL;
		}
		bits |= 1u << k;
	}
	for (unsigned k = 0; scope_names[k]; k++)
		if (bits & (1u << k))
			buf_addf(&b, "%s%s", b.len ? "," : "", scope_names[k]);
	const char *s = arena_strdup(&A, b.s ? b.s : "");
	buf_free(&b);
	return s;
}

static int
user_add(int argc, char **argv)
{
	const char	*name, *scopes = "", *org = NULL, *pw, *msg;
	char		 hash[HASH_MAX], uuid[37], *org_id = NULL;
	int		 all = 0;

	if (argc < 1)
		return admin_fail("%s", "usage: user add NAME --scopes LIST [--org ORG] [--all-cases]");
	name = argv[0];
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--scopes") == 0 && i + 1 < argc)
			scopes = argv[++i];
		else if (strcmp(argv[i], "--org") == 0 && i + 1 < argc)
			org = argv[++i];
		else if (strcmp(argv[i], "--all-cases") == 0)
			all = 1;
		else
			return admin_fail("unknown option '%s'", argv[i]);
	}
	if ((msg = check_username(name)) != NULL)
		return admin_fail("%s", msg);
	if ((scopes = parse_scopes(scopes)) == NULL)
		return 1;
	if (org != NULL) {
		long long id = org_id_by_name(&A, org);
		if (id < 0)
			return admin_db_fail();
		if (id == 0)
			return admin_fail("no organisation is called '%s'", org);
		org_id = arena_printf(&A, "%lld", id);
	}
	if ((pw = read_password()) == NULL)
		return 1;
	if (password_hash(pw, hash) != 0)
		return admin_fail("%s", "hashing failed");
	uuid4(uuid);
	if (db_exec(&A, "INSERT INTO users (uuid, username, hashed_password, "
	    "scopes, org_id, all_cases, created_at, updated_at) VALUES (?, ?, ?, "
	    "?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", "sssssi", uuid, name,
	    hash, scopes, org_id, (long long)all) < 0) {
		if (db_last() == DB_DUP)
			return admin_fail("user '%s' already exists", name);
		return admin_db_fail();
	}
	printf("user %s added (%s)\n", name, uuid);
	return 0;
}

/* Runs one UPDATE on the named user and reports an unknown name. */
static int
user_update(const char *name, const char *sql, const char *types,
    const char *sval, long long ival, const char *done)
{
	long long n = *types == 's' ?
	    db_exec(&A, sql, "ss", sval, name) : db_exec(&A, sql, "is", ival, name);

	if (n < 0)
		return admin_db_fail();
	if (n == 0)
		return admin_fail("no user is called '%s'", name);
	printf("user %s: %s\n", name, done);
	return 0;
}

static int
user_list(void)
{
	struct dbq *q = db_run(&A, "SELECT u.username, u.scopes, "
	    "IFNULL(o.name, '-'), u.all_cases, u.disabled, u.uuid FROM users u "
	    "LEFT JOIN orgs o ON o.id = u.org_id ORDER BY u.username", "");
	char **row;

	if (q == NULL)
		return admin_db_fail();
	printf("%-24s %-34s %-20s %-9s %-8s %s\n", "USERNAME", "SCOPES", "ORG",
	    "ALLCASES", "DISABLED", "UUID");
	while ((row = db_next(q)) != NULL)
		printf("%-24s %-34s %-20s %-9s %-8s %s\n", row[0],
		    *row[1] ? row[1] : "-", row[2], strcmp(row[3], "0") ? "yes" : "no",
		    strcmp(row[4], "0") ? "yes" : "no", row[5]);
	return 0;
}

static int
cmd_user(int argc, char **argv)
{
	const char *sub = argc > 0 ? argv[0] : "", *name = argc > 1 ? argv[1] : NULL;

	if (strcmp(sub, "add") == 0)
		return user_add(argc - 1, argv + 1);
	if (strcmp(sub, "list") == 0)
		return user_list();
	if (name == NULL)
		return admin_fail("%s", "usage: user add|disable|enable|password|scopes|list ...");
	if (strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0)
		return user_update(name, "UPDATE users SET disabled = ?, "
		    "updated_at = UTC_TIMESTAMP(6) WHERE username = ?", "i", NULL,
		    sub[0] == 'd', sub[0] == 'd' ? "disabled" : "enabled");
	if (strcmp(sub, "password") == 0) {
		char hash[HASH_MAX];
		const char *pw = read_password();
		if (pw == NULL)
			return 1;
		if (password_hash(pw, hash) != 0)
			return admin_fail("%s", "hashing failed");
		return user_update(name, "UPDATE users SET hashed_password = ?, "
		    "updated_at = UTC_TIMESTAMP(6) WHERE username = ?", "s", hash, 0,
		    "password set");
	}
	if (strcmp(sub, "scopes") == 0) {
		const char *s;
		if (argc < 3)
			return admin_fail("%s", "usage: user scopes NAME read,create,...");
		if ((s = parse_scopes(argv[2])) == NULL)
			return 1;
		return user_update(name, "UPDATE users SET scopes = ?, "
		    "updated_at = UTC_TIMESTAMP(6) WHERE username = ?", "s", s, 0,
		    arena_printf(&A, "scopes now [%s]", s));
	}
	return admin_fail("unknown user command '%s'", sub);
}

static int
cmd_org(int argc, char **argv)
{
	const char *sub = argc > 0 ? argv[0] : "", *name = argc > 1 ? argv[1] : NULL;
	const char *msg;
	long long n;

	if (strcmp(sub, "list") == 0) {
		char **row;
		struct dbq *q = db_run(&A, "SELECT name, premium, uuid FROM orgs "
		    "ORDER BY name", "");
		if (q == NULL)
			return admin_db_fail();
		printf("%-32s %-8s %s\n", "NAME", "PREMIUM", "UUID");
		while ((row = db_next(q)) != NULL)
			printf("%-32s %-8s %s\n", row[0],
			    strcmp(row[1], "0") ? "yes" : "no", row[2]);
		return 0;
	}
	if (strcmp(sub, "add") == 0 && name != NULL) {
		char uuid[37];
		int premium = argc > 2 && strcmp(argv[2], "--premium") == 0;
		if (argc > 2 && !premium)
			return admin_fail("unknown option '%s'", argv[2]);
		if ((msg = check_org_name(name)) != NULL)
			return admin_fail("%s", msg);
		uuid4(uuid);
		if (db_exec(&A, "INSERT INTO orgs (uuid, name, premium, created_at, "
		    "updated_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6), "
		    "UTC_TIMESTAMP(6))", "ssi", uuid, name, (long long)premium) < 0) {
			if (db_last() == DB_DUP)
				return admin_fail("organisation '%s' already exists", name);
			return admin_db_fail();
		}
		printf("organisation %s added%s\n", name, premium ? " (premium)" : "");
		return 0;
	}
	if (strcmp(sub, "premium") == 0 && name != NULL && argc > 2 &&
	    (strcmp(argv[2], "on") == 0 || strcmp(argv[2], "off") == 0)) {
		int on = strcmp(argv[2], "on") == 0;
		n = db_exec(&A, "UPDATE orgs SET premium = ?, updated_at = "
		    "UTC_TIMESTAMP(6) WHERE name = ?", "is", (long long)on, name);
		if (n < 0)
			return admin_db_fail();
		if (n == 0)
			return admin_fail("no organisation is called '%s'", name);
		printf("organisation %s: premium %s\n", name, on ? "on" : "off");
		return 0;
	}
	return admin_fail("%s", "usage: org add NAME [--premium] | org premium NAME on|off | org list");
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Applies sql/NNN_*.sql in order, each recorded in schema_migrations. */
static int
cmd_migrate(void)
{
	const char	*dir = cfg("CASEGATE_SQL_DIR", "sql");
	DIR		*d;
	struct dirent	*e;
	char		*names[512];
	size_t		 n = 0, applied = 0;

	if (db_script("CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, "
	    "applied_at DATETIME(6) NOT NULL) ENGINE=InnoDB") != 0)
		return admin_db_fail();
	if ((d = opendir(dir)) == NULL)
		return admin_fail("cannot open the migrations folder %s", dir);
	while ((e = readdir(d)) != NULL && n < 512) {
		size_t l = strlen(e->d_name);
		if (l > 4 && strcmp(e->d_name + l - 4, ".sql") == 0 &&
		    e->d_name[0] >= '0' && e->d_name[0] <= '9')
			names[n++] = arena_strdup(&A, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_str);
	for (size_t i = 0; i < n; i++) {
		long long v = strtoll(names[i], NULL, 10);
		if (db_one(&A, "SELECT version FROM schema_migrations WHERE "
		    "version = ?", "i", v) != NULL)
			continue;
		if (db_last() != DB_OK)
			return admin_db_fail();
		char *path = arena_printf(&A, "%s/%s", dir, names[i]);
		FILE *f = fopen(path, "r");
		if (f == NULL)
			return admin_fail("cannot read %s", path);
		struct buf b = { 0 };
		char chunk[8192];
		size_t got;
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&b, chunk, got);
		fclose(f);
		int rc = db_script(b.s ? b.s : "");
		buf_free(&b);
		if (rc != 0)
			return admin_fail("migration %s failed", names[i]);
		if (db_exec(&A, "INSERT INTO schema_migrations (version, name, "
		    "applied_at) VALUES (?, ?, UTC_TIMESTAMP(6))", "is", v,
		    names[i]) < 0)
			return admin_db_fail();
		printf("migration %s applied\n", names[i]);
		applied++;
	}
	printf("migrations: %zu applied, %zu already in place\n", applied,
	    n - applied);
	return 0;
}

/*
 * First start: create the admin user (every scope, all cases, no
 * organisation). Its password is CASEGATE_ADMIN_PASSWORD when set (and is
 * then reset to it on every start), else generated and printed once.
 */
static int
cmd_bootstrap(void)
{
	const char	*name = cfg("CASEGATE_ADMIN_USER", "admin");
	const char	*given = getenv("CASEGATE_ADMIN_PASSWORD");
	char		 gen[21], hash[HASH_MAX], uuid[37];
	const char	*pw, *msg;
	char		**row;

	if ((msg = check_username(name)) != NULL)
		return admin_fail("CASEGATE_ADMIN_USER: %s", msg);
	if (given != NULL && (msg = check_password(given)) != NULL)
		return admin_fail("CASEGATE_ADMIN_PASSWORD: %s", msg);
	row = db_one(&A, "SELECT id FROM users WHERE username = ?", "s", name);
	if (row == NULL && db_last() != DB_OK)
		return admin_db_fail();
	if (row != NULL && given == NULL)
		return 0;
	random_alnum(gen, 20);
	pw = given ? given : gen;
	if (password_hash(pw, hash) != 0)
		return admin_fail("%s", "hashing failed");
	if (row != NULL) {
		if (db_exec(&A, "UPDATE users SET hashed_password = ?, updated_at = "
		    "UTC_TIMESTAMP(6) WHERE username = ?", "ss", hash, name) < 0)
			return admin_db_fail();
		printf("admin user %s: password set from CASEGATE_ADMIN_PASSWORD\n",
		    name);
		return 0;
	}
	uuid4(uuid);
	if (db_exec(&A, "INSERT INTO users (uuid, username, hashed_password, "
	    "scopes, all_cases, created_at, updated_at) VALUES (?, ?, ?, "
	    "'read,create,update,delete,admin', 1, UTC_TIMESTAMP(6), "
	    "UTC_TIMESTAMP(6))", "sss", uuid, name, hash) < 0)
		return admin_db_fail();
	if (given)
		printf("admin user %s created; password from "
		    "CASEGATE_ADMIN_PASSWORD\n", name);
	else
		printf("admin user %s created; password (shown once): %s\n",
		    name, gen);
	return 0;
}

static void
usage(FILE *f)
{
	fputs("usage: casegate-admin COMMAND ...\n"
	    "  user add NAME --scopes read,create,update,delete[,admin] [--org ORG] [--all-cases]\n"
	    "                                  (password on standard input)\n"
	    "  user disable|enable NAME\n"
	    "  user password NAME              (password on standard input)\n"
	    "  user scopes NAME LIST\n"
	    "  user list\n"
	    "  org add NAME [--premium]\n"
	    "  org premium NAME on|off\n"
	    "  org list\n"
	    "  office add CODE NAME | office rename CODE NAME\n"
	    "  office disable|enable CODE | office list\n"
	    "                                  the offices a matter's intake_office and\n"
	    "                                  prescreen_office name\n"
	    "  apikey add NAME                 a client server's key, printed once\n"
	    "  apikey list | apikey revoke NAME\n"
	    "  filer add EMAIL --jurisdiction J --first F --last L [--firm NAME] [--individual]\n"
	    "                                  (password on standard input)\n"
	    "  filer list | filer disable EMAIL [--jurisdiction J]\n"
	    "  token create USER [--days N]    a personal access token (one year), printed once\n"
	    "  token list USER | token revoke ID\n"
	    "  filing review ID accepted|rejected [--reason TEXT]\n"
	    "                                  the clerk's decision on a filing\n"
	    "  judgments import [--manifest FILE] [--uri URI] [--fclid ID] PATH...\n"
	    "  migrate                         apply the migrations in sql/\n"
	    "  bootstrap                       create the admin user (make start runs it)\n"

	    "configuration: the environment, then the file named by CASEGATE_CONFIG\n", f);
}

int
main(int argc, char **argv)
{
	int rc;

	if (argc < 2 || strcmp(argv[1], "help") == 0 ||
	    strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return argc < 2;
	}
	if (config_load() != 0)
		return 1;
	if (strcmp(argv[1], "user") == 0)
		rc = cmd_user(argc - 2, argv + 2);
	else if (strcmp(argv[1], "org") == 0)
		rc = cmd_org(argc - 2, argv + 2);
	else if (strcmp(argv[1], "migrate") == 0) {
		/* A migration may copy a big table: give it an hour, not a minute. */
		setenv("CASEGATE_DB_READ_TIMEOUT", "3600", 0);
		rc = cmd_migrate();
	}
	else if (strcmp(argv[1], "bootstrap") == 0)
		rc = cmd_bootstrap();
	else if (strcmp(argv[1], "apikey") == 0 || strcmp(argv[1], "filer") == 0 ||
	    strcmp(argv[1], "filing") == 0)
		rc = cmd_efile(argv[1], argc - 2, argv + 2);
	else if (strcmp(argv[1], "judgments") == 0)
		rc = cmd_judgments(argc - 2, argv + 2);
	else if (strcmp(argv[1], "token") == 0)
		rc = cmd_token(argc - 2, argv + 2);
	else if (strcmp(argv[1], "office") == 0)
		rc = cmd_office(argc - 2, argv + 2);
	else {
		usage(stderr);
		rc = 2;
	}
	db_close();
	arena_reset(&A);
	return rc;
}
