/*
 * casegate-admin judgments import [--manifest FILE] [--uri URI] [--fclid ID]
 * PATH...: publishes Akoma Ntoso files (PATH is a file or a folder, read
 * recursively for *.xml). Each file is parsed, hashed (spec 6) and stored in
 * a transaction of its own, so one bad file is reported by name and skipped
 * while the rest go on. On a terminal a progress bar shows the count and the
 * rate; the last line is always a summary.
 *
 * The document URI is, in order: --uri, the manifest row for the file's
 * name, the URI of the document that already has the same NCN (so that a
 * second import updates it), or a new d-<uuid>.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/arena.h"
#include "../lib/db.h"
#include "../lib/util.h"
#include "tools.h"

/*
 * The parser and the store are the judgments family's own code; the admin
 * tool is built from the files in src/tools only, so it compiles them in.
 */
#include "../judgments/judgments.h"

#define IMPORT_MAX	(256L << 20)	/* bytes per file */

struct manifest_row {
	char	*file;
	char	*uri;
	char	*fclid;
};

struct import {
	struct arena		 a;
	struct manifest_row	*rows;
	size_t			 nrows;
	const char		*uri;		/* --uri */
	const char		*fclid;		/* --fclid */
	char			**files;
	size_t			 nfiles, cap;
	size_t			 created, replaced, unchanged, skipped;
	int			 tty;
	double			 t0;
};

static int
usage(void)
{
	fputs("usage: casegate-admin judgments import [--manifest FILE] "
	    "[--uri URI] [--fclid ID] PATH...\n", stderr);
	return 2;
}

static char *
slurp(const char *path, size_t *len, const char **why)
{
	FILE		*f = fopen(path, "rb");
	struct stat	 st;
	char		*p;

	if (f == NULL) {
		*why = "cannot be read";
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0 || st.st_size > IMPORT_MAX) {
		fclose(f);
		*why = "larger than 256 MiB";
		return NULL;
	}
	p = malloc((size_t)st.st_size + 1);
	*len = p ? fread(p, 1, (size_t)st.st_size, f) : 0;
	fclose(f);
	if (p == NULL || *len != (size_t)st.st_size) {
		free(p);
		*why = "cannot be read";
		return NULL;
	}
	p[*len] = '\0';
	return p;
}

/* The manifest.tsv of the fixtures: columns found by their header names. */
static int
manifest_load(struct import *im, const char *path)
{
	FILE	*f = fopen(path, "r");
	char	 line[65536];
	int	 cf = -1, cu = -1, cl = -1, lineno = 0;

	if (f == NULL) {
		fprintf(stderr, "casegate-admin: cannot read the manifest %s\n", path);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *save, *tok, *cols[64] = { 0 };
		int n = 0;
		line[strcspn(line, "\r\n")] = '\0';
		for (char *s = line; n < 64; n++) {
			cols[n] = s;
			if ((tok = strchr(s, '\t')) == NULL) {
				n++;
				break;
			}
			*tok = '\0';
			s = tok + 1;
		}
		(void)save;
		if (lineno++ == 0) {
			for (int i = 0; i < n; i++) {
				if (strcmp(cols[i], "file") == 0) cf = i;
				if (strcmp(cols[i], "document_uri") == 0) cu = i;
				if (strcmp(cols[i], "fclid") == 0) cl = i;
			}
			if (cf < 0 || cu < 0) {
				fclose(f);
				fprintf(stderr, "casegate-admin: %s: no 'file' and "
				    "'document_uri' columns\n", path);
				return -1;
			}
			continue;
		}
		if (n <= cf || n <= cu || *cols[cf] == '\0')
			continue;
		if (!uri_valid(cols[cu]) || (cl >= 0 && cl < n && *cols[cl] &&
		    !fclid_valid(cols[cl]))) {
			fprintf(stderr, "casegate-admin: %s line %d: bad document_uri "
			    "or fclid\n", path, lineno);
			fclose(f);
			return -1;
		}
		im->rows = realloc(im->rows, sizeof(*im->rows) * (im->nrows + 1));
		struct manifest_row *r = &im->rows[im->nrows++];
		r->file = arena_strdup(&im->a, cols[cf]);
		r->uri = arena_strdup(&im->a, cols[cu]);
		r->fclid = cl >= 0 && cl < n && *cols[cl] ?
		    arena_strdup(&im->a, cols[cl]) : NULL;
	}
	fclose(f);
	return 0;
}

static const struct manifest_row *
manifest_find(const struct import *im, const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	for (size_t i = 0; i < im->nrows; i++)
		if (strcmp(im->rows[i].file, base) == 0)
			return &im->rows[i];
	return NULL;
}

static void
add_file(struct import *im, const char *path)
{
	if (im->nfiles == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 64;
		im->files = realloc(im->files, sizeof(*im->files) * im->cap);
	}
	im->files[im->nfiles++] = arena_strdup(&im->a, path);
}

static int
cmp_path(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* A folder: its *.xml files and those of its sub-folders, sorted. */
static void
add_path(struct import *im, const char *path, int depth)
{
	struct stat	 st;
	DIR		*d;
	struct dirent	*e;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode) || depth > 16) {
		add_file(im, path);	/* a missing file is reported later */
		return;
	}
	if ((d = opendir(path)) == NULL) {
		add_file(im, path);
		return;
	}
	size_t first = im->nfiles;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.')
			continue;
		char *sub = arena_printf(&im->a, "%s/%s", path, e->d_name);
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			add_path(im, sub, depth + 1);
		else if (n > 4 && strcmp(e->d_name + n - 4, ".xml") == 0)
			add_file(im, sub);
	}
	closedir(d);
	qsort(im->files + first, im->nfiles - first, sizeof(*im->files),
	    cmp_path);
}

static void
progress(struct import *im, size_t done)
{
	int	 width = 30, fill;
	double	 secs = now_mono() - im->t0, rate;

	if (!im->tty)
		return;
	fill = im->nfiles ? (int)((double)width * (double)done /
	    (double)im->nfiles) : width;
	rate = secs > 0 ? (double)done / secs : 0;
	fprintf(stderr, "\r[%.*s%*s] %zu/%zu  %.1f files/s", fill,
	    "##############################", width - fill, "", done,
	    im->nfiles, rate);
	fflush(stderr);
}

/* Reports a problem with one file, on a line of its own. */
static void
report(struct import *im, const char *path, const char *what,
    const char *why)
{
	if (im->tty)
		fputs("\r\033[K", stderr);
	fprintf(stderr, "%s: %s: %s\n", path, what, why);
}

static void
import_one(struct import *im, const char *path)
{
	struct arena			 a = { 0 };
	struct akn			 d;
	const struct manifest_row	*m;
	const char			*why, *uri, *fclid;
	char				*xml, gen[40];
	size_t				 len = 0;
	enum store_result		 rs;

	if ((xml = slurp(path, &len, &why)) == NULL)
		goto skip;
	if (akn_parse(&a, xml, len, &d, &why) != 0)
		goto skip;
	if (d.stated_hash != NULL && strcmp(d.stated_hash, d.hash) != 0)
		report(im, path, "warning", arena_printf(&a, "uk:hash %s differs "
		    "from the computed content hash %s (the computed one is "
		    "served)", d.stated_hash, d.hash));
	m = manifest_find(im, path);
	uri = im->uri ? im->uri : m ? m->uri : NULL;
	fclid = im->fclid ? im->fclid : m ? m->fclid : NULL;
	if (uri == NULL && (uri = judgment_uri_for_ncn(&a, d.ncn)) == NULL) {
		if (db_last() != DB_OK) {
			why = "database error";
			goto skip;
		}
		memcpy(gen, "d-", 2);
		uuid4(gen + 2);
		uri = gen;
	}
	if (db_begin() != 0) {
		why = "cannot reach the database";
		goto skip;
	}
	rs = judgment_store(&a, &d, xml, len, uri, fclid);
	if (rs > STORE_UNCHANGED || db_commit() != 0) {
		db_rollback();
		why = rs == STORE_CONFLICT ? arena_printf(&a, "the FCLID %s "
		    "belongs to another document", fclid) : "database error";
		goto skip;
	}
	if (rs == STORE_CREATED)
		im->created++;
	else if (rs == STORE_REPLACED)
		im->replaced++;
	else
		im->unchanged++;
	free(xml);
	arena_reset(&a);
	return;
skip:
	report(im, path, "skipped", why);
	im->skipped++;
	free(xml);
	arena_reset(&a);
}

static int
cmd_import(int argc, char **argv)
{
	struct import	 im = { 0 };
	const char	*manifest = NULL;
	int		 rc;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--manifest") == 0 && i + 1 < argc)
			manifest = argv[++i];
		else if (strcmp(argv[i], "--uri") == 0 && i + 1 < argc)
			im.uri = argv[++i];
		else if (strcmp(argv[i], "--fclid") == 0 && i + 1 < argc)
			im.fclid = argv[++i];
		else if (argv[i][0] == '-') {
			fprintf(stderr, "casegate-admin: unknown option '%s'\n",
			    argv[i]);
			return usage();
		} else
			add_path(&im, argv[i], 0);
	}
	rc = 1;
	if (im.nfiles == 0) {
		rc = usage();
		goto out;
	}
	if (im.uri != NULL && !uri_valid(im.uri)) {
		fprintf(stderr, "casegate-admin: --uri '%s': a document URI is "
		    "[a-z0-9/-] with no leading, trailing or double '/'\n", im.uri);
		goto out;
	}
	if (im.fclid != NULL && !fclid_valid(im.fclid)) {
		fprintf(stderr, "casegate-admin: --fclid '%s': 4 or more of "
		    "bcdfghjkmnpqrstvwxyz23456789\n", im.fclid);
		goto out;
	}
	if ((im.uri || im.fclid) && im.nfiles != 1) {
		fputs("casegate-admin: --uri and --fclid name one document; give "
		    "one file\n", stderr);
		goto out;
	}
	if (manifest != NULL && manifest_load(&im, manifest) != 0)
		goto out;
	im.tty = isatty(2);
	im.t0 = now_mono();
	for (size_t i = 0; i < im.nfiles; i++) {
		progress(&im, i);
		import_one(&im, im.files[i]);
	}
	progress(&im, im.nfiles);
	if (im.tty)
		fputs("\r\033[K", stderr);
	printf("judgments: %zu files, %zu created, %zu replaced, %zu unchanged, "
	    "%zu skipped in %.2f s\n", im.nfiles, im.created, im.replaced,
	    im.unchanged, im.skipped, now_mono() - im.t0);
	rc = im.skipped ? 1 : 0;
out:
	free(im.rows);
	free(im.files);
	arena_reset(&im.a);
	return rc;
}

int
cmd_judgments(int argc, char **argv)
{
	if (argc > 0 && strcmp(argv[0], "import") == 0)
		return cmd_import(argc - 1, argv + 1);
	fputs("usage: casegate-admin judgments import [--manifest FILE] "
	    "[--uri URI] [--fclid ID] PATH...\n", stderr);
	return 2;
}
