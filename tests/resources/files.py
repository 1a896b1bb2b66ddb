"""Real PDF, Word and PowerPoint files made in the tests: well-formed ones with
known words on known pages, and the damaged and hostile kinds a reader meets."""

import functools
import io
import zipfile
import zlib


def _escape(text: str) -> bytes:
    raw = text.encode("latin-1")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _text_stream(text: str) -> bytes:
    lines = [b"BT /F1 11 Tf 14 TL 72 740 Td"]
    lines += [b"(" + _escape(line) + b") '" for line in text.splitlines() or [""]]
    return b"\n".join([*lines, b"ET"])


def raw_pdf(objects: dict[int, bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF from its numbered objects' bodies, with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        if number in offsets:
            out.write(b"%010d 00000 n \n" % offsets[number])
        else:
            out.write(b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\n" % (size, root, trailer))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def stream(data: bytes, entries: bytes = b"") -> bytes:
    head = b"<< /Length %d %s>>\nstream\n" % (len(data), entries)
    return head + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
IMAGE = stream(
    bytes([0, 255, 255, 0]),
    b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
    b"/BitsPerComponent 8 ",
)


def pdf(pages: list[str | None]) -> bytes:
    """A PDF whose pages show these texts in Helvetica (None: a scanned page, an
    image without a text layer)."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: FONT, 4: IMAGE}
    kids = []
    for n, text in enumerate(pages):
        page, content = 10 + 2 * n, 11 + 2 * n
        kids.append(b"%d 0 R" % page)
        objects[page] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>"
            % content
        )
        body = b"q 500 0 0 700 56 46 cm /Im1 Do Q" if text is None else None
        objects[content] = stream(body or _text_stream(text))
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(kids),
        len(kids),
    )
    return raw_pdf(objects)


def encrypted_pdf(text: str = "A secret text.") -> bytes:
    """A PDF that opens only with a password (AES-256)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf([text]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    whole = pdf(["A text cut in the middle of the file."] * 3)
    return whole[: len(whole) // 2]


@functools.cache
def bomb_pdf() -> bytes:
    """A page whose 100 KB content stream inflates to 80 MB of spaces."""
    packer = zlib.compressobj(9)
    megabyte = b" " * (1 << 20)
    packed = b"".join(packer.compress(megabyte) for _ in range(80)) + packer.flush()
    return raw_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            4: stream(packed, b"/Filter /FlateDecode "),
            5: FONT,
        }
    )


def cyclic_pdf() -> bytes:
    """A page tree whose second branch holds the root again: walking it loops."""
    return raw_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            4: stream(_text_stream("Round and round.")),
            5: FONT,
            6: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 6 0 R] /Count 1 >>",
        }
    )


def endless_pdf(pages: int = 40, depth: int = 9) -> bytes:
    """Pages that each draw a form that draws the next one ten times, `depth`
    deep: 10^depth drawings of one word a page, a file that keeps a reader busy
    for hours (pypdf gives up on a page after 5,000 forms, but there are many)."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: FONT}
    first_form = 1000
    for level in range(depth):
        number = first_form + level
        if level == depth - 1:
            body, resources = _text_stream("laugh"), b"<< /Font << /F1 3 0 R >> >>"
        else:
            body = b"/X Do " * 10
            resources = b"<< /XObject << /X %d 0 R >> >>" % (number + 1)
        objects[number] = stream(
            body,
            b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources "
            + resources
            + b" ",
        )
    objects[4] = stream(b"/X Do")
    kids = []
    for n in range(pages):
        kids.append(b"%d 0 R" % (10 + n))
        objects[10 + n] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /XObject << /X %d 0 R >> >> >>" % first_form
        )
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    return raw_pdf(objects)


def docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_PPTX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    "</Types>"
)
_NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)


def pptx(slides: list[list[str]]) -> bytes:
    """A PowerPoint file whose slides hold these paragraphs (in text boxes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", _PPTX_TYPES)
        ids = "".join(
            f'<p:sldId id="{256 + n}" r:id="rId{n + 1}"/>' for n in range(len(slides))
        )
        archive.writestr(
            "ppt/presentation.xml",
            f"<p:presentation {_NS}><p:sldIdLst>{ids}</p:sldIdLst></p:presentation>",
        )
        kind = (
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
        )
        rels = "".join(
            f'<Relationship Id="rId{n + 1}" Type="{kind}" '
            f'Target="slides/slide{n + 1}.xml"/>'
            for n in range(len(slides))
        )
        archive.writestr(
            "ppt/_rels/presentation.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{rels}</Relationships>',
        )
        for n, paragraphs in enumerate(slides):
            body = "".join(
                f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p>" for text in paragraphs
            )
            archive.writestr(
                f"ppt/slides/slide{n + 1}.xml",
                f"<p:sld {_NS}><p:cSld><p:spTree><p:sp><p:txBody>{body}"
                "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>",
            )
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A Word file whose document part says it unpacks to 300 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1 << 20)
            for _ in range(300):
                part.write(chunk)
    return out.getvalue()
