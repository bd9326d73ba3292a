#!/usr/bin/env python3
"""For tests/bench/run.sh: writes a small valid PDF (PAGES pages of text, a
correct xref table) to OUT. Usage: filing_pdf.py OUT PAGES TITLE"""
import sys


def pdf(pages, title):
    n = len(pages)
    # 1 catalog, 2 pages, 3 font, then per page: page object, content stream.
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids = []
    for i, text in enumerate(pages):
        p, c = 4 + 2 * i, 5 + 2 * i
        kids.append(b"%d 0 R" % p)
        stream = b"BT /F1 14 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")
        objs[p] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                   b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % c)
        objs[c] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), n)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (k, objs[k])
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for k in range(1, size):
        out += b"%010d 00000 n \n" % offsets[k]
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info << /Title (%s) >> >>\n"
            b"startxref\n%d\n%%%%EOF\n" % (size, title.encode("latin-1"), xref))
    return bytes(out)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: filing_pdf.py OUT PAGES TITLE")
    out, n, title = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    pages = ["%s, page %d of %d" % (title, i + 1, n) for i in range(n)]
    with open(out, "wb") as f:
        f.write(pdf(pages, title))


if __name__ == "__main__":
    main()
