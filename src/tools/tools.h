/* Commands of casegate-admin that live in files of their own. */
#ifndef CG_TOOLS_H
#define CG_TOOLS_H

int	admin_fail(const char *fmt, const char *arg);	/* common.c */
int	admin_db_fail(void);
int	cmd_judgments(int argc, char **argv);	/* judgments.c */
int	cmd_efile(const char *what, int argc, char **argv);	/* efile.c */
int	cmd_token(int argc, char **argv);	/* tokens.c */
int	cmd_office(int argc, char **argv);	/* offices.c */

#endif
