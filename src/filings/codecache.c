/*
 * The court code tables change only with a migration or a seed, yet a
 * filing payload is checked against a dozen of them. Each worker keeps the
 * rows of every code-table query it has run, keyed by the SQL text and its
 * parameters, for CASEGATE_CODES_TTL seconds (60; 0 turns the cache off),
 * so a fees or check call costs the session lookups and not a dozen round
 * trips. Only queries over code tables come here, never filings or cases.
 * Rows are handed out as they are cached (callers only read them); an
 * entry that is refreshed or dropped is freed when the request that
 * replaced it ends, never under a request still reading it.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/arena.h"
#include "../lib/config.h"
#include "../lib/db.h"
#include "../lib/util.h"
#include "filing.h"

#define BUCKETS		256
#define MAX_ENTRIES	2048	/* then everything is dropped and refilled */
#define MAX_PARAMS	8

struct entry {
	struct entry	*next;
	char		*key;
	time_t		 loaded;
	size_t		 nrows, ncols;
	char		**cells;	/* nrows * ncols, NULL = SQL NULL */
	char		***rows;	/* nrows pointers into cells */
};

static struct entry	*table[BUCKETS];
static size_t		 entries;
static struct entry	*graveyard;	/* replaced, freed at the request's end */
static int		 burial_due;

static void
entry_free(struct entry *e)
{
	for (size_t i = 0; i < e->nrows * e->ncols; i++)
		free(e->cells[i]);
	free(e->cells);
	free(e->rows);
	free(e->key);
	free(e);
}

static void
bury(void *unused)
{
	struct entry *e, *next;

	(void)unused;
	for (e = graveyard; e != NULL; e = next) {
		next = e->next;
		entry_free(e);
	}
	graveyard = NULL;
	burial_due = 0;
}

static void
retire(struct arena *a, struct entry *e)
{
	e->next = graveyard;
	graveyard = e;
	if (!burial_due) {
		burial_due = 1;
		arena_defer(a, bury, NULL);
	}
}

static void
drop_all(struct arena *a)
{
	for (size_t b = 0; b < BUCKETS; b++) {
		struct entry *e = table[b], *next;
		for (; e != NULL; e = next) {
			next = e->next;
			retire(a, e);
		}
		table[b] = NULL;
	}
	entries = 0;
}

static struct entry *
load(const char *key, const char *sql, const struct dbp *p, size_t np,
    struct arena *a)
{
	struct dbq	*q = db_runp(a, sql, p, np);
	struct entry	*e;
	char		**row;
	size_t		 cap = 8;

	if (q == NULL)
		return NULL;
	if ((e = calloc(1, sizeof(*e))) == NULL || (e->key = strdup(key)) == NULL)
		abort();
	e->ncols = q->ncols;
	if ((e->cells = malloc(cap * e->ncols * sizeof(char *) + 1)) == NULL)
		abort();
	while ((row = db_next(q)) != NULL) {
		if (e->nrows == cap) {
			cap *= 2;
			if ((e->cells = realloc(e->cells,
			    cap * e->ncols * sizeof(char *) + 1)) == NULL)
				abort();
		}
		for (size_t c = 0; c < e->ncols; c++) {
			char *v = row[c] ? strdup(row[c]) : NULL;
			if (row[c] != NULL && v == NULL)
				abort();
			e->cells[e->nrows * e->ncols + c] = v;
		}
		e->nrows++;
	}
	db_done(q);
	if (db_last() != DB_OK) {
		entry_free(e);
		return NULL;
	}
	if ((e->rows = malloc((e->nrows + 1) * sizeof(char **))) == NULL)
		abort();
	for (size_t r = 0; r < e->nrows; r++)
		e->rows[r] = &e->cells[r * e->ncols];
	e->loaded = now_unix();
	return e;
}

/*
 * The rows of a code-table query whose parameters are all strings ("s"
 * per parameter), valid until the request ends; NULL after a database
 * error.
 */
char ***
code_rows(struct arena *a, size_t *n, const char *sql, const char *types, ...)
{
	struct dbp	 p[MAX_PARAMS];
	struct buf	 key = { 0 };
	size_t		 np = strlen(types);
	long		 ttl = cfg_long("CASEGATE_CODES_TTL", 60, 0, 86400);
	va_list		 ap;

	*n = 0;
	if (np > MAX_PARAMS)
		abort();	/* a programming error, not input */
	buf_adds(&key, sql);
	va_start(ap, types);
	for (size_t i = 0; i < np; i++) {
		const char *s = va_arg(ap, const char *);
		p[i] = (struct dbp){ 's', s, 0, 0 };
		buf_addc(&key, '\x1f');
		buf_adds(&key, s ? s : "\x1e");
	}
	va_end(ap);
	buf_addc(&key, '\0');

	unsigned long h = fnv1a(key.s) % BUCKETS;
	struct entry **slot = &table[h], *e;
	for (; (e = *slot) != NULL; slot = &e->next)
		if (strcmp(e->key, key.s) == 0)
			break;
	if (e != NULL && ttl > 0 && now_unix() - e->loaded < ttl) {
		buf_free(&key);
		*n = e->nrows;
		return e->rows;
	}
	struct entry *fresh = load(key.s, sql, p, np, a);
	buf_free(&key);
	if (fresh == NULL)
		return NULL;
	*n = fresh->nrows;
	if (ttl == 0) {
		retire(a, fresh);
		return fresh->rows;
	}
	if (e != NULL) {		/* stale: replace in place */
		fresh->next = e->next;
		*slot = fresh;
		retire(a, e);
		return fresh->rows;
	}
	if (entries >= MAX_ENTRIES)
		drop_all(a);
	fresh->next = table[h];
	table[h] = fresh;
	entries++;
	return fresh->rows;
}
