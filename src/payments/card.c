/*
 * What the local gateway checks before it accepts card or bank details:
 * the Luhn check digit and the brand's number ranges and lengths for a
 * card, the card security code's length, an expiry that has not passed,
 * and the ABA routing number's checksum for a bank account. Pure
 * functions: nothing here sees the database or a log.
 */
#include <ctype.h>
#include <string.h>

#include "toga.h"

/*
 * The digits of s, where spaces and hyphens (as people type numbers) are
 * dropped; NULL when anything else is there or there are more than max.
 */
char *
digits_only(struct arena *a, const char *s, size_t max)
{
	size_t	 n = 0;
	char	*d;

	if (s == NULL || strlen(s) > 4 * max)
		return NULL;
	d = arena_alloc(a, strlen(s) + 1);
	for (; *s; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		if (!isdigit((unsigned char)*s) || n == max)
			return NULL;
		d[n++] = *s;
	}
	d[n] = '\0';
	return d;
}

int
luhn_ok(const char *d)
{
	size_t	n = strlen(d);
	int	sum = 0;

	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int v = d[n - 1 - i] - '0';
		if (i % 2 == 1 && (v *= 2) > 9)
			v -= 9;
		sum += v;
	}
	return sum % 10 == 0;
}

static int
prefix_in(const char *d, size_t len, long lo, long hi)
{
	long v = 0;

	if (strlen(d) < len)
		return 0;
	for (size_t i = 0; i < len; i++)
		v = v * 10 + (d[i] - '0');
	return v >= lo && v <= hi;
}

/* The brand, from the issuer ranges and lengths; NULL when not taken. */
const char *
card_brand(const char *d)
{
	size_t n = strlen(d);

	if (d[0] == '4' && (n == 13 || n == 16 || n == 19))
		return "VISA";
	if (n == 16 && (prefix_in(d, 2, 51, 55) || prefix_in(d, 4, 2221, 2720)))
		return "MASTERCARD";
	if (n == 15 && (prefix_in(d, 2, 34, 34) || prefix_in(d, 2, 37, 37)))
		return "AMEX";
	if (n >= 16 && n <= 19 && (prefix_in(d, 4, 6011, 6011) ||
	    prefix_in(d, 3, 644, 649) || prefix_in(d, 2, 65, 65) ||
	    prefix_in(d, 6, 622126, 622925)))
		return "DISCOVER";
	return NULL;
}

/* Four digits on American Express, three on the others. */
int
csc_ok(const char *d, const char *brand)
{
	size_t want = brand != NULL && strcmp(brand, "AMEX") == 0 ? 4 : 3;

	return d != NULL && strlen(d) == want;
}

/* A card is good through the last day of its expiry month. */
int
expiry_future(int month, int year, int now_month, int now_year)
{
	if (month < 1 || month > 12)
		return 0;
	return year > now_year || (year == now_year && month >= now_month);
}

/* 3 (d1 + d4 + d7) + 7 (d2 + d5 + d8) + (d3 + d6 + d9) = 0 mod 10. */
int
aba_ok(const char *d)
{
	static const int w[3] = { 3, 7, 1 };
	int sum = 0;

	if (d == NULL || strlen(d) != 9)
		return 0;
	for (int i = 0; i < 9; i++)
		sum += w[i % 3] * (d[i] - '0');
	/* 000000000 passes the sum and is no bank. */
	return sum % 10 == 0 && sum != 0;
}
