/*
 * Small pure helpers: random identifiers, time, hashing, percent-decoding,
 * key/value lists. No I/O beyond the kernel's random source.
 */
#ifndef CG_UTIL_H
#define CG_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct arena;

struct kv {
	const char	*key;
	const char	*val;
	size_t		 len;	/* of val */
};

struct kvlist {
	struct kv	*v;
	size_t		 n;
	size_t		 cap;
};

void		 kv_add(struct arena *, struct kvlist *, const char *,
		    const char *, size_t);
const char	*kv_get(const struct kvlist *, const char *);
size_t		 kv_count(const struct kvlist *, const char *);

int		 random_bytes(void *, size_t);
void		 uuid4(char out[37]);
int		 uuid_valid(const char *);
void		 random_alnum(char *, size_t);	/* writes n chars + NUL */
void		 sha256_hex(const void *, size_t, char out[65]);
int		 ct_equal(const char *, const char *);
unsigned long	 fnv1a(const char *);

double		 now_mono(void);
time_t		 now_unix(void);
void		 iso_utc(time_t, char out[21]);	/* YYYY-MM-DDTHH:MM:SSZ */

int		 hexval(int);
size_t		 pct_decode(char *, size_t, int plus_is_space);
int		 parse_urlencoded(struct arena *, struct kvlist *,
		    const char *, size_t);

#endif
