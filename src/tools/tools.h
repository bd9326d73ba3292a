/* Commands of casegate-admin that live in files of their own. */
#ifndef CG_TOOLS_H
#define CG_TOOLS_H

int	cmd_judgments(int argc, char **argv);	/* judgments.c */
int	cmd_efile(const char *what, int argc, char **argv);	/* efile.c */

#endif
