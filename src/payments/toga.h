/*
 * The browser payment-account flow (efsp-proxy.md section 4, "TOGA") and
 * Casegate's local stand-in for the card gateway. The handlers live in
 * toga.c (new-toga-account, toga-account) and gateway.c (local-toga); the
 * pieces they share are declared here: HTML pages under one set of
 * security headers (page.c), the redirect allow-list (redirect.c), the
 * RequestXML/ResponseXML documents (togaxml.c) and the card and bank
 * checks (card.c).
 */
#ifndef CG_TOGA_H
#define CG_TOGA_H

#include <stddef.h>

#include "../lib/arena.h"

struct req;

#define TOGA_ID_LEN	21	/* the reference's TransactionID length */
#define TOGA_BODY	16384	/* body cap of the three form posts */

/* toga.c, gateway.c: the routes. */
int	toga_new(struct req *);		/* POST new-toga-account */
int	toga_callback(struct req *);	/* POST toga-account */
int	gateway_get(struct req *);	/* GET local-toga */
int	gateway_post(struct req *);	/* POST local-toga */

/* page.c: HTML pages. */
struct page {
	struct buf	 b;
	char		 nonce[33];	/* per response, for script and style */
};

void		 html_esc(struct buf *, const char *);
void		 page_begin(struct page *, const char *title);
int		 page_send(struct req *, struct page *, int status);
int		 page_error(struct req *, int status, const char *title,
		    const char *msg);
int		 page_redirect(struct req *, const char *url);
void		 page_handoff(struct page *, const char *action,
		    const char *field, const char *value, const char *button);
int		 page_db_error(struct req *);
const char	*form_get(struct req *, const char *name, int *dup);
int		 toga_id_valid(const char *);
int		 text_ok(const char *, size_t max);
char		*trimmed(struct arena *, const char *);

/* redirect.c: CASEGATE_REDIRECT_HOSTS. */
const char	*redirect_check(struct arena *, const char *url,
		    const char **why);
const char	*redirect_origins(void);	/* CSP sources, may be "" */

/* togaxml.c: the two documents of the hand-off. */
enum req_field {
	RQ_CLIENT_KEY, RQ_TRANSACTION_ID, RQ_REDIRECT_URL, RQ_AMOUNT,
	RQ_GET_TOKEN, RQ__MAX
};
enum resp_field {
	RS_CLIENT_KEY, RS_TRANSACTION_ID, RS_AMOUNT, RS_REFERENCE_NUMBER,
	RS_PAYOR_TOKEN, RS_PAYOR_NAME, RS_TENDER_DESCRIPTION,
	RS_EXPIRATION_MONTH, RS_EXPIRATION_YEAR, RS_PAYMENT_TIMESTAMP,
	RS__MAX
};

char	*toga_request_xml(struct arena *, const char *const v[RQ__MAX]);
char	*toga_response_xml(struct arena *, const char *const v[RS__MAX]);
int	 toga_request_parse(struct arena *, const char *, size_t,
	    const char *v[RQ__MAX]);
int	 toga_response_parse(struct arena *, const char *, size_t,
	    const char *v[RS__MAX]);

/* card.c: what the local gateway checks before it answers. */
const char	*card_brand(const char *digits);	/* NULL: not accepted */
int		 luhn_ok(const char *digits);
int		 aba_ok(const char *digits);
char		*digits_only(struct arena *, const char *, size_t max);
int		 expiry_future(int month, int year, int now_month, int now_year);
int		 csc_ok(const char *digits, const char *brand);

#endif
