/*
 * casegate-admin judgments ...: publishing Akoma Ntoso judgments. Not built
 * yet (issue "The judgments family"); until then the command says so.
 */
#include <stdio.h>

#include "tools.h"

int
cmd_judgments(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("casegate-admin: judgments import is not available yet\n", stderr);
	return 2;
}
