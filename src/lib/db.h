/*
 * The database layer: one connection per process, prepared statements made
 * once and cached by their SQL text, type-signed binding ("s" string,
 * "i" integer, "b" blob as pointer + length), rows as arrays of strings that
 * live in the request's arena. Reconnects by itself after the server went
 * away, as long as no transaction was open.
 */
#ifndef CG_DB_H
#define CG_DB_H

#include <stddef.h>

struct arena;

struct dbq {
	struct arena	*a;
	void		*stmt;		/* MYSQL_STMT */
	unsigned	 ncols;
	char		**row;		/* current row, NULL = SQL NULL */
	unsigned long	*len;		/* lengths of the current row */
	void		*binds;		/* result binds */
	char		*nulls;
	int		 streaming;	/* unbuffered; rows reuse one buffer */
	size_t		*cap;		/* streaming: capacity of each column */
	char		**bufs;		/* streaming: the reused buffers */
	long long	 affected;
	long long	 insert_id;
};

enum db_err {
	DB_OK = 0,
	DB_ERR,		/* a bug: bad SQL, constraint we did not expect */
	DB_DOWN,	/* cannot reach the server */
	DB_RETRY,	/* deadlock or lock wait timeout: rerun the transaction */
	DB_DUP,		/* unique key violated */
};

/* One parameter, for statements whose parameters are built at run time. */
struct dbp {
	char		 t;	/* 's', 'b' or 'i' */
	const char	*s;	/* 's', 'b': NULL is SQL NULL */
	size_t		 len;	/* 'b' */
	long long	 i;
};

int		 db_connect(void);
void		 db_close(void);
int		 db_ping(void);
enum db_err	 db_last(void);
const char	*db_last_key(void);	/* the unique key named by DB_DUP */

struct dbq	*db_run(struct arena *, const char *sql, const char *types, ...);
struct dbq	*db_stream(struct arena *, const char *sql, const char *types, ...);
struct dbq	*db_runp(struct arena *, const char *sql, const struct dbp *,
		    size_t);
char		*db_in_list(struct arena *, const char *col, const long long *,
		    size_t, struct dbp *);
struct dbq	*db_insert_rows(struct arena *, const char *head,
		    const char *tuple, size_t nrows, const struct dbp *, size_t);
int		 db_fill_docs(struct arena *, const char *table,
		    const char *const *cols, size_t ncols, size_t n,
		    const long long *ids, const char *const *stamps,
		    const char *const *texts);
char		**db_next(struct dbq *);
long long	 db_rows(struct dbq *);	/* rows of a buffered result */
void		 db_done(struct dbq *);
char		**db_one(struct arena *, const char *sql, const char *types, ...);
long long	 db_exec(struct arena *, const char *sql, const char *types, ...);

int		 db_begin(void);
int		 db_commit(void);
void		 db_rollback(void);
int		 db_in_tx(void);
int		 db_is_mariadb(void);
const char	*db_cache_hint(void);
int		 db_script(const char *sql);	/* trusted migrations only */

#endif
