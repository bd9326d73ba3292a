/*
 * libFuzzer harness of the multipart/form-data parser (src/cases/multipart.c),
 * built and run by `make fuzz`. The input's first line is the Content-Type
 * (so boundaries are fuzzed too), the rest the body; the limits are small
 * so that the part-count and header-length paths are reached. Whatever the
 * parser accepts must point inside the body.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "../../src/cases/multipart.c"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct mp_limits lim = { .max_parts = 8, .max_header = 512 };
	const uint8_t	*nl = memchr(data, '\n', size);
	struct arena	 a = { 0 };
	struct mp_part	*parts;
	size_t		 n, ctlen = nl ? (size_t)(nl - data) : size;
	char		*ct = malloc(ctlen + 1);
	const char	*body = nl ? (const char *)nl + 1 : (const char *)data + size;
	size_t		 blen = nl ? size - ctlen - 1 : 0;

	memcpy(ct, data, ctlen);
	ct[ctlen] = '\0';
	if (mp_parse(&a, ct, body, blen, &lim, &parts, &n) == MP_OK) {
		if (n > lim.max_parts)
			abort();
		for (size_t i = 0; i < n; i++)
			if (parts[i].data < body || parts[i].data + parts[i].len >
			    body + blen || parts[i].name == NULL)
				abort();
	}
	arena_reset(&a);
	free(ct);
	return 0;
}
