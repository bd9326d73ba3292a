/*
 * MariaDB/MySQL access through the C client library. Everything that carries
 * data goes through prepared statements; db_script() exists only for the
 * migration files that ship with Casegate.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "util.h"

#define STMT_CACHE	256
#define MAX_PARAMS	1024
#define COL_INLINE	128	/* bytes fetched without a second call */

static MYSQL	*conn;
static int	 in_tx;
static enum db_err last_err;
static char	 last_key[128];

/*
 * Keyed by a hash of the SQL text and checked against a private copy, so
 * literals and statements composed at run time (search filters) both reuse
 * their prepared statement.
 */
static struct {
	unsigned long	 hash;
	char		*sql;
	MYSQL_STMT	*st;
} cache[STMT_CACHE];

static size_t	 ncache;

static void
cache_clear(void)
{
	for (size_t i = 0; i < ncache; i++) {
		mysql_stmt_close(cache[i].st);
		free(cache[i].sql);
	}
	ncache = 0;
}

void
db_close(void)
{
	cache_clear();
	if (conn != NULL)
		mysql_close(conn);
	conn = NULL;
	in_tx = 0;
}

int
db_connect(void)
{
	unsigned	 timeout = 2;
	/* Long enough for a request; migrations over big tables set more. */
	unsigned	 rtimeout = (unsigned)cfg_long("CASEGATE_DB_READ_TIMEOUT", 60,
			    1, 86400);
	const char	*host = cfg("CASEGATE_DB_HOST", NULL);
	const char	*sock = cfg("CASEGATE_DB_SOCKET", NULL);

	db_close();
	if ((conn = mysql_init(NULL)) == NULL)
		return -1;
	mysql_options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(conn, MYSQL_OPT_READ_TIMEOUT, &rtimeout);
	mysql_options(conn, MYSQL_OPT_WRITE_TIMEOUT, &rtimeout);
	mysql_options(conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(conn, MYSQL_INIT_COMMAND,
	    "SET time_zone='+00:00', sql_mode='STRICT_ALL_TABLES,"
	    "NO_ZERO_DATE,NO_ENGINE_SUBSTITUTION'");
	if (mysql_real_connect(conn, host, cfg("CASEGATE_DB_USER", "casegate"),
	    cfg("CASEGATE_DB_PASSWORD", NULL), cfg("CASEGATE_DB_NAME", "casegate"),
	    (unsigned)cfg_long("CASEGATE_DB_PORT", 3306, 1, 65535),
	    host == NULL ? sock : NULL, CLIENT_FOUND_ROWS) == NULL) {
		fprintf(stderr, "casegate: database connect: %s\n",
		    mysql_error(conn));
		mysql_close(conn);
		conn = NULL;
		last_err = DB_DOWN;
		return -1;
	}
	return 0;
}

static enum db_err
classify(unsigned e, const char *msg)
{
	switch (e) {
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case ER_SERVER_SHUTDOWN:
	case CR_COMMANDS_OUT_OF_SYNC:
		return DB_DOWN;
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT:
		return DB_RETRY;
	case ER_DUP_ENTRY: {
		/* "Duplicate entry 'x' for key 'name'": keep the key name. */
		const char *k = strstr(msg, "for key '");
		last_key[0] = '\0';
		if (k != NULL) {
			k += 9;
			size_t n = strcspn(k, "'");
			if (n >= sizeof(last_key))
				n = sizeof(last_key) - 1;
			memcpy(last_key, k, n);
			last_key[n] = '\0';
		}
		return DB_DUP;
	}
	default:
		return DB_ERR;
	}
}

static void
note_error(MYSQL_STMT *st)
{
	unsigned	 e = st ? mysql_stmt_errno(st) : mysql_errno(conn);
	const char	*m = st ? mysql_stmt_error(st) : mysql_error(conn);

	last_err = classify(e, m);
	if (last_err == DB_ERR || last_err == DB_DOWN)
		fprintf(stderr, "casegate: database error %u: %s\n", e, m);
	if (last_err == DB_DOWN)
		db_close();
}

enum db_err
db_last(void)
{
	return last_err;
}

const char *
db_last_key(void)
{
	return last_key;
}

int
db_ping(void)
{
	if (conn == NULL && db_connect() != 0)
		return -1;
	if (mysql_ping(conn) != 0) {
		db_close();
		if (db_connect() != 0 || mysql_ping(conn) != 0)
			return -1;
	}
	return 0;
}

static MYSQL_STMT *
stmt_get(const char *sql)
{
	MYSQL_STMT	*st;
	unsigned long	 h = fnv1a(sql);

	for (size_t i = 0; i < ncache; i++)
		if (cache[i].hash == h && strcmp(cache[i].sql, sql) == 0)
			return cache[i].st;
	if (conn == NULL && db_connect() != 0)
		return NULL;
	if ((st = mysql_stmt_init(conn)) == NULL)
		return NULL;
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		note_error(st);
		fprintf(stderr, "casegate: in statement: %.200s\n", sql);
		mysql_stmt_close(st);
		return NULL;
	}
	if (ncache == STMT_CACHE) {
		/* Only reachable with dynamic SQL; drop the oldest. */
		mysql_stmt_close(cache[0].st);
		free(cache[0].sql);
		memmove(cache, cache + 1, (STMT_CACHE - 1) * sizeof(cache[0]));
		ncache--;
	}
	cache[ncache].hash = h;
	cache[ncache].sql = strdup(sql);
	cache[ncache].st = st;
	ncache++;
	return st;
}

static void
result_free(void *p)
{
	struct dbq *q = p;
	if (q->stmt != NULL)
		mysql_stmt_free_result(q->stmt);
	q->stmt = NULL;
	if (q->cap != NULL) {
		for (unsigned i = 0; i < q->ncols; i++)
			free(q->bufs[i]);
		q->cap = NULL;
	}
}

static struct dbq *
run_params(struct arena *a, int streaming, const char *sql,
    const struct dbp *p, size_t np)
{
	MYSQL_BIND	*pb = arena_calloc(a, sizeof(*pb) * (np + 1));
	unsigned long	*lens = arena_calloc(a, sizeof(*lens) * (np + 1));
	char		*isnull = arena_calloc(a, np + 1);
	long long	*ints = arena_calloc(a, sizeof(*ints) * (np + 1));
	MYSQL_STMT	*st;
	struct dbq	*q;
	int		 tries = in_tx ? 1 : 2;

	if (np > MAX_PARAMS)
		abort();
	for (size_t i = 0; i < np; i++) {
		pb[i].is_null = (my_bool *)&isnull[i];
		switch (p[i].t) {
		case 's':
		case 'b':
			pb[i].buffer_type = p[i].t == 's' ? MYSQL_TYPE_STRING :
			    MYSQL_TYPE_BLOB;
			pb[i].buffer = (void *)p[i].s;
			lens[i] = p[i].s == NULL ? 0 : p[i].t == 's' ?
			    strlen(p[i].s) : p[i].len;
			pb[i].buffer_length = lens[i];
			pb[i].length = &lens[i];
			isnull[i] = p[i].s == NULL;
			break;
		case 'i':
			ints[i] = p[i].i;
			pb[i].buffer_type = MYSQL_TYPE_LONGLONG;
			pb[i].buffer = &ints[i];
			break;
		default:
			abort();
		}
	}

	for (;;) {
		last_err = DB_OK;
		if ((st = stmt_get(sql)) == NULL) {
			if (last_err == DB_OK)
				last_err = DB_DOWN;
			if (last_err == DB_DOWN && --tries > 0)
				continue;
			return NULL;
		}
		if ((np && mysql_stmt_bind_param(st, pb) != 0) ||
		    mysql_stmt_execute(st) != 0) {
			note_error(st);
			if (last_err == DB_DOWN && --tries > 0 && db_connect() == 0)
				continue;
			return NULL;
		}
		break;
	}

	q = arena_calloc(a, sizeof(*q));
	q->a = a;
	q->stmt = st;
	q->streaming = streaming;
	q->affected = (long long)mysql_stmt_affected_rows(st);
	q->insert_id = (long long)mysql_stmt_insert_id(st);
	q->ncols = mysql_stmt_field_count(st);
	if (q->ncols == 0)
		return q;

	MYSQL_BIND *rb = arena_calloc(a, sizeof(*rb) * q->ncols);
	q->row = arena_calloc(a, sizeof(char *) * q->ncols);
	q->len = arena_calloc(a, sizeof(unsigned long) * q->ncols);
	q->nulls = arena_calloc(a, q->ncols);
	for (unsigned i = 0; i < q->ncols; i++) {
		rb[i].buffer_type = MYSQL_TYPE_STRING;
		rb[i].buffer = arena_alloc(a, COL_INLINE);
		rb[i].buffer_length = COL_INLINE;
		rb[i].length = &q->len[i];
		rb[i].is_null = (my_bool *)&q->nulls[i];
	}
	q->binds = rb;
	if (streaming) {
		q->cap = arena_calloc(a, sizeof(size_t) * q->ncols);
		q->bufs = arena_calloc(a, sizeof(char *) * q->ncols);
	}
	if (mysql_stmt_bind_result(st, rb) != 0 ||
	    (!streaming && mysql_stmt_store_result(st) != 0)) {
		note_error(st);
		mysql_stmt_free_result(st);
		return NULL;
	}
	arena_defer(a, result_free, q);
	return q;
}

static struct dbq *
run(struct arena *a, int streaming, const char *sql, const char *types,
    va_list ap)
{
	size_t		np = strlen(types);
	struct dbp	*p = arena_calloc(a, sizeof(*p) * (np + 1));

	if (np > MAX_PARAMS)
		abort();
	for (size_t i = 0; i < np; i++) {
		p[i].t = types[i];
		switch (types[i]) {
		case 's':
			p[i].s = va_arg(ap, const char *);
			break;
		case 'b':
			p[i].s = va_arg(ap, const char *);
			p[i].len = va_arg(ap, size_t);
			break;
		case 'i':
			p[i].i = va_arg(ap, long long);
			break;
		default:
			abort();
		}
	}
	return run_params(a, streaming, sql, p, np);
}

struct dbq *
db_runp(struct arena *a, const char *sql, const struct dbp *p, size_t np)
{
	return run_params(a, 0, sql, p, np);
}

/* "col IN (?, ...)" for n ids (n > 0), each bound in p[0..n-1]. */
char *
db_in_list(struct arena *a, const char *col, const long long *ids, size_t n,
    struct dbp *p)
{
	size_t	 cl = strlen(col);
	char	*s = arena_alloc(a, cl + 5 + 3 * n + 2), *o = s;

	memcpy(o, col, cl);
	o += cl;
	memcpy(o, " IN (", 5);
	o += 5;
	for (size_t i = 0; i < n; i++) {
		memcpy(o, i ? ", ?" : "?", i ? 3 : 1);
		o += i ? 3 : 1;
		p[i] = (struct dbp){ .t = 'i', .i = ids[i] };
	}
	memcpy(o, ")", 2);
	return s;
}

/*
 * INSERTs of nrows rows: head ("INSERT INTO t (a, b) VALUES ") and tuple
 * ("(?, ?)") once per row, p holding every row's values in order (np / nrows
 * each). Rows go in in that order, as many to a statement as MAX_PARAMS
 * allows; nrows 0 runs nothing and answers a non-NULL empty result. The
 * result is the last statement's.
 */
struct dbq *
db_insert_rows(struct arena *a, const char *head, const char *tuple,
    size_t nrows, const struct dbp *p, size_t np)
{
	size_t		 hl = strlen(head), tl = strlen(tuple);
	size_t		 per = nrows ? np / nrows : 0;
	size_t		 chunk = per ? MAX_PARAMS / per : nrows;
	struct dbq	*q = NULL;

	if (nrows == 0)
		return arena_calloc(a, sizeof(struct dbq));
	if (chunk == 0 || per * nrows != np)
		abort();	/* a caller's bug: a row wider than MAX_PARAMS */
	for (size_t done = 0; done < nrows; done += chunk) {
		size_t	 n = nrows - done < chunk ? nrows - done : chunk;
		char	*sql, *o;

		sql = o = arena_alloc(a, hl + n * (tl + 2) + 1);
		memcpy(o, head, hl);
		o += hl;
		for (size_t i = 0; i < n; i++) {
			if (i > 0) {
				memcpy(o, ", ", 2);
				o += 2;
			}
			memcpy(o, tuple, tl);
			o += tl;
		}
		*o = '\0';
		if ((q = run_params(a, 0, sql, p + done * per, n * per)) == NULL)
			return NULL;
	}
	return q;
}

/*
 * Documents rendered from rows, stored for the next read: row i (ids[i],
 * read while its updated_at was stamps[i]) gets texts[i * ncols + k] in
 * cols[k], but only while it is still as read and holds none of them (a
 * write in between wins). One UPDATE for as many rows as MAX_PARAMS allows,
 * not one per row. Returns -1 on a failure.
 */
int
db_fill_docs(struct arena *a, const char *table, const char *const *cols,
    size_t ncols, size_t n, const long long *ids, const char *const *stamps,
    const char *const *texts)
{
	size_t		 per = 2 * ncols + 3, chunk = MAX_PARAMS / per;
	struct dbp	*p = arena_calloc(a, sizeof(*p) * per * (n < chunk ? n :
			    chunk));

	for (size_t done = 0; done < n; done += chunk) {
		size_t		 m = n - done < chunk ? n - done : chunk, np = 0;
		struct buf	 b = { 0 };
		char		*sql;

		buf_addf(&b, "UPDATE %s SET ", table);
		for (size_t k = 0; k < ncols; k++) {
			buf_addf(&b, "%s%s = CASE id", k ? ", " : "", cols[k]);
			for (size_t i = done; i < done + m; i++) {
				buf_addf(&b, " WHEN ? THEN ?");
				p[np++] = (struct dbp){ .t = 'i', .i = ids[i] };
				p[np++] = (struct dbp){ .t = 's',
				    .s = texts[i * ncols + k] };
			}
			buf_addf(&b, " END");
		}
		buf_addf(&b, " WHERE id IN (");
		for (size_t i = done; i < done + m; i++) {
			buf_addf(&b, i > done ? ", ?" : "?");
			p[np++] = (struct dbp){ .t = 'i', .i = ids[i] };
		}
		buf_addf(&b, ") AND CASE id");
		for (size_t i = done; i < done + m; i++) {
			buf_addf(&b, " WHEN ? THEN updated_at = ?");
			p[np++] = (struct dbp){ .t = 'i', .i = ids[i] };
			p[np++] = (struct dbp){ .t = 's', .s = stamps[i] };
		}
		buf_addf(&b, " END");
		for (size_t k = 0; k < ncols; k++)
			buf_addf(&b, " AND %s IS NULL", cols[k]);
		sql = arena_strdup(a, b.s);
		buf_free(&b);
		if (run_params(a, 0, sql, p, np) == NULL)
			return -1;
	}
	return 0;
}

struct dbq *
db_run(struct arena *a, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct dbq *q = run(a, 0, sql, types, ap);
	va_end(ap);
	return q;
}

struct dbq *
db_stream(struct arena *a, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct dbq *q = run(a, 1, sql, types, ap);
	va_end(ap);
	return q;
}

char **
db_next(struct dbq *q)
{
	MYSQL_BIND *rb = q->binds;
	int rc;

	if (q->stmt == NULL || q->ncols == 0)
		return NULL;
	rc = mysql_stmt_fetch(q->stmt);
	if (rc == MYSQL_NO_DATA)
		return NULL;
	if (rc == 1) {
		note_error(q->stmt);
		return NULL;
	}
	for (unsigned i = 0; i < q->ncols; i++) {
		char *s;
		if (q->nulls[i]) {
			q->row[i] = NULL;
			continue;
		}
		if (q->cap != NULL) {
			/* Streaming: one malloc'd buffer per column, reused. */
			if (q->cap[i] < q->len[i] + 1) {
				q->cap[i] = q->len[i] + 1;
				if ((q->bufs[i] = realloc(q->bufs[i], q->cap[i])) == NULL)
					abort();
			}
			s = q->bufs[i];
		} else
			s = arena_alloc(q->a, q->len[i] + 1);
		if (q->len[i] <= COL_INLINE)
			memcpy(s, rb[i].buffer, q->len[i]);
		else {
			MYSQL_BIND b;
			memset(&b, 0, sizeof(b));
			b.buffer_type = MYSQL_TYPE_STRING;
			b.buffer = s;
			b.buffer_length = q->len[i] + 1;
			if (mysql_stmt_fetch_column(q->stmt, &b, i, 0) != 0) {
				note_error(q->stmt);
				return NULL;
			}
		}
		s[q->len[i]] = '\0';
		q->row[i] = s;
	}
	return q->row;
}

long long
db_rows(struct dbq *q)
{
	return q->stmt && !q->streaming ?
	    (long long)mysql_stmt_num_rows(q->stmt) : 0;
}

void
db_done(struct dbq *q)
{
	if (q != NULL)
		result_free(q);
}

char **
db_one(struct arena *a, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct dbq *q = run(a, 0, sql, types, ap);
	va_end(ap);
	if (q == NULL)
		return NULL;
	char **row = db_next(q);
	db_done(q);
	return row;
}

/* Returns the affected rows, or -1 with db_last() set. */
long long
db_exec(struct arena *a, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct dbq *q = run(a, 0, sql, types, ap);
	va_end(ap);
	if (q == NULL)
		return -1;
	db_done(q);
	return q->affected;
}

static int
simple(const char *sql)
{
	if (conn == NULL && db_connect() != 0)
		return -1;
	if (mysql_real_query(conn, sql, strlen(sql)) != 0) {
		note_error(NULL);
		return -1;
	}
	return 0;
}

int
db_begin(void)
{
	last_err = DB_OK;
	/* A stale connection is found here, before anything was written. */
	if (simple("START TRANSACTION") != 0) {
		if (last_err != DB_DOWN || db_connect() != 0 ||
		    simple("START TRANSACTION") != 0)
			return -1;
	}
	in_tx = 1;
	return 0;
}

int
db_commit(void)
{
	int rc = simple("COMMIT");
	in_tx = 0;
	return rc;
}

void
db_rollback(void)
{
	if (conn != NULL && in_tx)
		(void)mysql_rollback(conn);
	in_tx = 0;
}

int
db_in_tx(void)
{
	return in_tx;
}

/*
 * Whether the server is MariaDB (for its own syntax, SET STATEMENT say),
 * connecting first if need be so that a worker's first statement is
 * written as all its others are.
 */
int
db_is_mariadb(void)
{
	const char *v;

	if (conn == NULL && db_connect() != 0)
		return 0;
	v = mysql_get_server_info(conn);
	return v != NULL && strstr(v, "MariaDB") != NULL;
}

/*
 * "SQL_CACHE " on MariaDB, else "": a SELECT that starts with it may be
 * answered from MariaDB's query cache, which the stack runs on demand
 * (query_cache_type=2). The cache is exact: any committed write to a table
 * the SELECT reads drops its entries. MySQL 8 has no query cache and no
 * SQL_CACHE; a MariaDB without the cache on ignores the word.
 */
const char *
db_cache_hint(void)
{
	return db_is_mariadb() ? "SQL_CACHE " : "";
}

int
db_script(const char *sql)
{
	if (conn == NULL && db_connect() != 0)
		return -1;
	mysql_set_server_option(conn, MYSQL_OPTION_MULTI_STATEMENTS_ON);
	int rc = mysql_real_query(conn, sql, strlen(sql));
	if (rc != 0)
		note_error(NULL);	/* may close a connection that went away */
	while (rc == 0 && conn != NULL) {
		MYSQL_RES *res = mysql_store_result(conn);
		if (res)
			mysql_free_result(res);
		int more = mysql_next_result(conn);
		if (more > 0) {
			note_error(NULL);
			rc = -1;
		}
		if (more != 0)
			break;
	}
	if (conn != NULL)
		mysql_set_server_option(conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
	return rc;
}
