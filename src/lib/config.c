/*
 * Configuration from the environment and an optional KEY=VALUE file outside
 * the web root. The environment wins, so an operator can override any file
 * value at start-up without editing it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

#define CONFIG_MAX	128

static struct {
	char	*key;
	char	*val;
} file_kv[CONFIG_MAX];
static size_t file_n;

int
config_load(void)
{
	const char	*path = getenv("CASEGATE_CONFIG");
	char		 line[4096];
	FILE		*f;

	if (path == NULL || *path == '\0')
		return 0;
	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "casegate: cannot read config %s: %s\n",
		    path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL && file_n < CONFIG_MAX) {
		char *eq, *end;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || (eq = strchr(line, '=')) == NULL)
			continue;
		*eq = '\0';
		for (end = eq; end > line && (end[-1] == ' ' || end[-1] == '\t'); end--)
			end[-1] = '\0';
		const char *v = eq + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		file_kv[file_n].key = strdup(line);
		file_kv[file_n].val = strdup(v);
		file_n++;
	}
	fclose(f);
	return 0;
}

const char *
cfg(const char *key, const char *def)
{
	const char *v = getenv(key);

	if (v != NULL)
		return v;
	for (size_t i = 0; i < file_n; i++)
		if (strcmp(file_kv[i].key, key) == 0)
			return file_kv[i].val;
	return def;
}

long
cfg_long(const char *key, long def, long min, long max)
{
	const char	*v = cfg(key, NULL);
	char		*end;
	long		 n;

	if (v == NULL || *v == '\0')
		return def;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < min || n > max) {
		fprintf(stderr, "casegate: %s=%s is not a number in [%ld, %ld]; "
		    "using %ld\n", key, v, min, max, def);
		return def;
	}
	return n;
}

int
cfg_production(void)
{
	const char *env = cfg("CASEGATE_ENV", "development");
	return strcmp(env, "production") == 0;
}
