/*
 * The stack's own ceiling for `make bench`: the least a Casegate read can do.
 * A FastCGI responder that, per request, runs one prepared primary-key SELECT
 * on a small table and answers with a tiny JSON body. It reads the database
 * settings like the workers do: the environment first, then the KEY=VALUE
 * file named by CASEGATE_CONFIG (CASEGATE_DB_SOCKET, CASEGATE_DB_NAME,
 * CASEGATE_DB_USER, CASEGATE_DB_PASSWORD).
 *
 *   ceiling --setup    create and fill bench_ceiling, then exit
 *   ceiling            the FastCGI loop (started by spawn-fcgi + multiwatch)
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>
#include <mysql.h>

#define ROWS	1000
#define KV_MAX	128

static struct {
	char	*key;
	char	*val;
} kv[KV_MAX];
static size_t nkv;

static int
config_load(void)
{
	const char	*path = getenv("CASEGATE_CONFIG");
	char		 line[4096];
	FILE		*f;

	if (path == NULL || *path == '\0')
		return 0;
	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		return -1;
	}
	while (nkv < KV_MAX && fgets(line, sizeof(line), f) != NULL) {
		char *eq;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || (eq = strchr(line, '=')) == NULL)
			continue;
		*eq = '\0';
		kv[nkv].key = strdup(line);
		kv[nkv].val = strdup(eq + 1);
		nkv++;
	}
	fclose(f);
	return 0;
}

static const char *
cfg(const char *key, const char *def)
{
	const char *v = getenv(key);

	if (v != NULL)
		return v;
	for (size_t i = 0; i < nkv; i++)
		if (strcmp(kv[i].key, key) == 0)
			return kv[i].val;
	return def;
}

static MYSQL		*conn;
static MYSQL_STMT	*stmt;
static long long	 p_id;
static char		 r_v[64];
static unsigned long	 r_len;
static my_bool		 r_null;

static void
db_close(void)
{
	if (stmt != NULL)
		mysql_stmt_close(stmt);
	if (conn != NULL)
		mysql_close(conn);
	stmt = NULL;
	conn = NULL;
}

static int
db_connect(void)
{
	unsigned timeout = 5;

	db_close();
	if ((conn = mysql_init(NULL)) == NULL)
		return -1;
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(conn, NULL, cfg("CASEGATE_DB_USER", "casegate"),
	    cfg("CASEGATE_DB_PASSWORD", NULL), cfg("CASEGATE_DB_NAME", "casegate"),
	    0, cfg("CASEGATE_DB_SOCKET", NULL), 0) == NULL) {
		fprintf(stderr, "ceiling: connect: %s\n", mysql_error(conn));
		mysql_close(conn);
		conn = NULL;
		return -1;
	}
	return 0;
}

/* Connects and prepares the one statement, bound to static buffers. */
static int
db_open(void)
{
	static const char sql[] = "SELECT v FROM bench_ceiling WHERE id = ?";
	MYSQL_BIND	 pb, rb;

	if (db_connect() != 0)
		return -1;
	if ((stmt = mysql_stmt_init(conn)) == NULL ||
	    mysql_stmt_prepare(stmt, sql, sizeof(sql) - 1) != 0)
		goto fail;
	memset(&pb, 0, sizeof(pb));
	pb.buffer_type = MYSQL_TYPE_LONGLONG;
	pb.buffer = &p_id;
	memset(&rb, 0, sizeof(rb));
	rb.buffer_type = MYSQL_TYPE_STRING;
	rb.buffer = r_v;
	rb.buffer_length = sizeof(r_v) - 1;
	rb.length = &r_len;
	rb.is_null = &r_null;
	if (mysql_stmt_bind_param(stmt, &pb) != 0 ||
	    mysql_stmt_bind_result(stmt, &rb) != 0)
		goto fail;
	return 0;
fail:
	fprintf(stderr, "ceiling: prepare: %s\n",
	    stmt ? mysql_stmt_error(stmt) : mysql_error(conn));
	db_close();
	return -1;
}

/* One primary-key lookup; copies v into out. 1 found, 0 not, -1 error. */
static int
lookup(long long id, char *out, size_t outsz)
{
	int rc, found = 0;

	if (stmt == NULL && db_open() != 0)
		return -1;
	p_id = id;
	if (mysql_stmt_execute(stmt) != 0 ||
	    mysql_stmt_store_result(stmt) != 0) {
		fprintf(stderr, "ceiling: execute: %s\n", mysql_stmt_error(stmt));
		db_close();
		return -1;
	}
	while ((rc = mysql_stmt_fetch(stmt)) == 0 || rc == MYSQL_DATA_TRUNCATED) {
		size_t n = r_len < sizeof(r_v) - 1 ? r_len : sizeof(r_v) - 1;
		if (n >= outsz)
			n = outsz - 1;
		memcpy(out, r_v, n);
		out[n] = '\0';
		found = 1;
	}
	mysql_stmt_free_result(stmt);
	return found;
}

static int
setup(void)
{
	char	 sql[128];
	int	 rc = 0;

	if (db_connect() != 0)
		return 1;
	if (mysql_query(conn, "DROP TABLE IF EXISTS bench_ceiling") != 0 ||
	    mysql_query(conn, "CREATE TABLE bench_ceiling (id INT PRIMARY KEY, "
	    "v VARCHAR(32) NOT NULL) ENGINE=InnoDB") != 0 ||
	    mysql_query(conn, "START TRANSACTION") != 0)
		rc = 1;
	for (int i = 1; rc == 0 && i <= ROWS; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO bench_ceiling VALUES "
		    "(%d, 'row-%06d')", i, i);
		if (mysql_query(conn, sql) != 0)
			rc = 1;
	}
	if (rc == 0 && mysql_query(conn, "COMMIT") != 0)
		rc = 1;
	if (rc != 0)
		fprintf(stderr, "ceiling: setup: %s\n", mysql_error(conn));
	db_close();
	return rc;
}

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

int
main(int argc, char **argv)
{
	FCGX_Request	 fr;
	unsigned long	 n = 0;
	char		 v[64], body[160];

	signal(SIGPIPE, SIG_IGN);
	if (config_load() != 0)
		return 1;
	if (argc > 1 && strcmp(argv[1], "--setup") == 0)
		return setup();
	if (FCGX_IsCGI()) {
		fprintf(stderr, "ceiling: not started under a FastCGI server\n");
		return 1;
	}
	struct sigaction sa = { .sa_handler = on_term };
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	(void)db_open();	/* retried per request */
	FCGX_Init();
	FCGX_InitRequest(&fr, 0, 0);
	while (!stopping && FCGX_Accept_r(&fr) >= 0) {
		long long id = (long long)(n++ % ROWS) + 1;
		int found = lookup(id, v, sizeof(v));
		const char *status = found == 1 ? "200 OK" :
		    found == 0 ? "404 Not Found" : "503 Service Unavailable";
		int len;
		if (found == 1)
			len = snprintf(body, sizeof(body),
			    "{\"id\":%lld,\"v\":\"%s\"}", id, v);
		else
			len = snprintf(body, sizeof(body), "{\"detail\":\"%s\"}",
			    status + 4);
		FCGX_FPrintF(fr.out, "Status: %s\r\n"
		    "Content-Type: application/json\r\n"
		    "Content-Length: %d\r\n\r\n", status, len);
		FCGX_PutStr(body, len, fr.out);
		FCGX_Finish_r(&fr);
	}
	db_close();
	return 0;
}
