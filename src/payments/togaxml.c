/*
 * The two XML documents of the hand-off, in the shapes of efsp-proxy.md
 * section 4: PaymentRequest (step 4, to the gateway) and PaymentResponse
 * (step 5, back to toga-account). Both are built and read with libxml2.
 *
 * Reading is strict, because the callback's body comes from a browser and
 * anyone can post one: no network access, no DTD (a document that has one
 * is refused, so no entity is ever defined, let alone expanded), no error
 * output (libxml2 would print parts of the input to the worker's log), the
 * expected root, and each known child at most once holding only text.
 * Unknown children are ignored, as the reference ignores them.
 */
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "toga.h"

static const char *const req_names[RQ__MAX] = {
	"ClientKey", "TransactionID", "RedirectURL", "Amount", "GetToken",
};

static const char *const resp_names[RS__MAX] = {
	"ClientKey", "TransactionID", "Amount", "ReferenceNumber", "PayorToken",
	"PayorName", "TenderDescription", "ExpirationMonth", "ExpirationYear",
	"PaymentTimestamp",
};

/* <root><name>value</name>...</root>, without an XML declaration. */
static char *
build(struct arena *a, const char *root, const char *const *names,
    const char *const *v, size_t n)
{
	xmlDocPtr	 doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr	 top = xmlNewNode(NULL, BAD_CAST root);
	xmlBufferPtr	 b = xmlBufferCreate();
	char		*out = NULL;

	if (doc == NULL || top == NULL || b == NULL)
		goto out;
	xmlDocSetRootElement(doc, top);
	for (size_t i = 0; i < n; i++)
		/* xmlNewTextChild escapes the text. */
		if (xmlNewTextChild(top, NULL, BAD_CAST names[i],
		    BAD_CAST(v[i] ? v[i] : "")) == NULL)
			goto out;
	if (xmlNodeDump(b, doc, top, 0, 0) < 0)
		goto out;
	out = arena_strdup(a, (const char *)xmlBufferContent(b));
out:
	if (top != NULL && doc != NULL && xmlDocGetRootElement(doc) != top)
		xmlFreeNode(top);
	xmlBufferFree(b);
	xmlFreeDoc(doc);
	return out;
}

char *
toga_request_xml(struct arena *a, const char *const v[RQ__MAX])
{
	return build(a, "PaymentRequest", req_names, v, RQ__MAX);
}

char *
toga_response_xml(struct arena *a, const char *const v[RS__MAX])
{
	return build(a, "PaymentResponse", resp_names, v, RS__MAX);
}

/* Text-only content: no element below a field. */
static int
text_only(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next)
		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
			return 0;
	return 1;
}

/*
 * Fills v[i] with the text of child names[i] (NULL when absent); 0, or -1
 * when s is not such a document.
 */
static int
parse(struct arena *a, const char *s, size_t n, const char *root,
    const char *const *names, const char **v, size_t nv)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 top;
	int		 rc = -1;

	memset(v, 0, nv * sizeof(*v));
	if (s == NULL || n == 0 || n > TOGA_BODY || memchr(s, '\0', n) != NULL)
		return -1;
	/* Refused before libxml2 sees it: no DTD, no entity declarations. */
	for (size_t i = 0; i + 2 < n; i++)
		if (s[i] == '<' && s[i + 1] == '!' &&
		    (strncasecmp(s + i + 2, "DOCTYPE", n - i - 2 < 7 ? n - i - 2 : 7)
		    == 0 || strncasecmp(s + i + 2, "ENTITY",
		    n - i - 2 < 6 ? n - i - 2 : 6) == 0))
			return -1;
	doc = xmlReadMemory(s, (int)n, "toga.xml", NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		return -1;
	top = xmlDocGetRootElement(doc);
	if (doc->intSubset != NULL || doc->extSubset != NULL || top == NULL ||
	    top->ns != NULL || strcmp((const char *)top->name, root) != 0)
		goto out;
	for (xmlNodePtr c = top->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; i < nv; i++) {
			if (strcmp((const char *)c->name, names[i]) != 0)
				continue;
			if (v[i] != NULL || !text_only(c))
				goto out;
			xmlChar *t = xmlNodeGetContent(c);
			v[i] = arena_strdup(a, t ? (const char *)t : "");
			xmlFree(t);
		}
	}
	rc = 0;
out:
	xmlFreeDoc(doc);
	if (rc != 0)
		memset(v, 0, nv * sizeof(*v));
	return rc;
}

int
toga_request_parse(struct arena *a, const char *s, size_t n,
    const char *v[RQ__MAX])
{
	return parse(a, s, n, "PaymentRequest", req_names, v, RQ__MAX);
}

int
toga_response_parse(struct arena *a, const char *s, size_t n,
    const char *v[RS__MAX])
{
	return parse(a, s, n, "PaymentResponse", resp_names, v, RS__MAX);
}
