/* The clerk's review stand-in (clerk.c), shared with casegate-admin. */
#ifndef CG_CLERK_H
#define CG_CLERK_H

struct arena;

enum clerk_st {
	CLERK_OK = 0,
	CLERK_BAD,		/* not accepted/rejected, or a reason too long */
	CLERK_UNKNOWN,		/* no such filing */
	CLERK_CONFLICT,		/* reviewed or cancelled already */
	CLERK_DBERR = -1,
};

int	clerk_review(struct arena *, const char *filing, const char *status,
	    const char *reason, const char **why);

#endif
