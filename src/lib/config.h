/*
 * Read-only configuration: each key is looked up in the environment first,
 * then in the file named by CASEGATE_CONFIG (KEY=VALUE lines), then falls back
 * to the caller's default. Loaded once per process.
 */
#ifndef CG_CONFIG_H
#define CG_CONFIG_H

int		 config_load(void);
const char	*cfg(const char *key, const char *def);
long		 cfg_long(const char *key, long def, long min, long max);
int		 cfg_production(void);

#endif
