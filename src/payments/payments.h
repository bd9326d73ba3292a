/*
 * The payments family: the EFSP proxy's payments service (efsp-proxy.md
 * section 3) under /jurisdictions/{j}/payments. This slice holds what
 * filing needs: the payment account types and the accounts themselves,
 * a firm's (payment-accounts) and the firm-less global ones
 * (global-accounts), with waivers created over the API (accounts.c). The
 * browser flow that adds cards and bank accounts comes later and fills the
 * card columns of the same table.
 */
#ifndef CG_PAYMENTS_H
#define CG_PAYMENTS_H

struct req;

/* accounts.c */
int	types_get(struct req *);
int	accounts_get(struct req *);
int	account_create(struct req *);
int	account_get(struct req *);
int	account_patch(struct req *);
int	account_delete(struct req *);
int	accounts_init(void);

#endif
