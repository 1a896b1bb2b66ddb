"""The child program of resources/textract.py: it reads the text of one file
from its standard input and answers JSON on its standard output.

Run by path (`python -I textread.py MODE FORMAT LIMITS`), it imports nothing
from Django or the project: only the standard library and the readers (pypdf;
python-docx; lxml for PowerPoint's slides), which bring their own limits too
(pypdf stops decompression past 75 MB and form XObjects past 5,000 calls; lxml
refuses entities and huge trees). Before it reads a byte it lowers its own
limits: address space (memory), processor seconds, no files written, no core
dump.
"""

import io
import json
import os
import re
import sys
import zipfile

# What the readers read: by the file's extension (the upload validator checked
# that the content matches it).
FORMATS = {"pdf": "pdf", "docx": "docx", "pptx": "pptx"}

MAX_INPUT_BYTES = 25 * 1024 * 1024  # as an upload (resources/validators.py)
MAX_PAGES = 2000  # pages, slides, or sections of a Word document
MAX_PAGE_CHARS = 100_000  # per page: more is no prose; its tsvector stays small
MAX_CHARS = 2_000_000  # in all (about 800 dense pages)
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a Word or PowerPoint file's parts, unpacked
SECTION_CHARS = 4000  # a Word document (no pages) is cut into sections this long


class Refused(Exception):
    """The file cannot be read: reason (as in Result) and a detail."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason, detail)
        self.reason, self.detail = reason, detail


# ts_headline's marks in core/search.py, and what PostgreSQL cannot store (NUL).
_UNWANTED = re.compile("[\x00\ue000\ue001]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def clean(text: str) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates
    text = _SPACES.sub(" ", _UNWANTED.sub("", text))
    return _BLANK_LINES.sub("\n\n", text).strip()


class Pages:
    """The pages read so far, within the caps."""

    def __init__(self):
        self.pages: list[str] = []
        self.chars = 0
        self.truncated = False

    def add(self, text: str) -> bool:
        """Keep a page's text; False once the caps are reached (no more fit)."""
        text = clean(text)
        if len(text) > MAX_PAGE_CHARS:
            text, self.truncated = text[:MAX_PAGE_CHARS], True
        room = MAX_CHARS - self.chars
        if len(text) > room:
            text, self.truncated = text[:room], True
        self.pages.append(text)
        self.chars += len(text)
        return len(self.pages) < MAX_PAGES and self.chars < MAX_CHARS


def _pdf(data: bytes, mode: str) -> dict:
    import pypdf
    from pypdf.errors import FileNotDecryptedError, LimitReachedError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Refused("encrypted")
        count = len(reader.pages)
        if not count:
            raise Refused("damaged", "no pages")
        if mode == "probe":
            return {"ok": True, "page_count": count}
        pages = Pages()
        for page in reader.pages:
            if not pages.add(page.extract_text() or ""):
                break
    except FileNotDecryptedError as error:
        raise Refused("encrypted") from error
    except LimitReachedError as error:
        raise Refused("too_large", str(error)) from error
    return {"ok": True, "page_count": count, "pages": pages.pages,
            "truncated": pages.truncated or len(pages.pages) < count}  # fmt: skip


def _zip(data: bytes) -> zipfile.ZipFile:
    """A Word or PowerPoint file's archive, refused if its parts unpack too big."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise Refused("damaged", str(error)) from error
    if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
        raise Refused("too_large", "unpacks to more than 200 MB")
    return archive


def _docx(data: bytes, mode: str) -> dict:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except PackageNotFoundError as error:
        raise Refused("damaged", "not a Word document") from error
    if mode == "probe":
        return {"ok": True, "page_count": 1}
    # A Word file has no pages (they are laid out when it is shown): its
    # paragraphs and tables, in order, in sections of about SECTION_CHARS.
    pages, section, size, more = Pages(), [], 0, True
    for line in _docx_lines(document):
        if not more:
            pages.truncated = True
            break
        section.append(line)
        size += len(line)
        if size >= SECTION_CHARS:
            more = pages.add("\n".join(section))
            section, size = [], 0
    if section and more:
        pages.add("\n".join(section))
    return {"ok": True, "page_count": len(pages.pages), "pages": pages.pages,
            "truncated": pages.truncated}  # fmt: skip


def _docx_lines(document):
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:  # a merged cell comes once per grid column
                    if not cells or cell._tc is not cells[-1]._tc:
                        cells.append(cell)
                yield " | ".join(cell.text for cell in cells)
        else:
            yield block.text


_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _xml(archive: zipfile.ZipFile, name: str):
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        return etree.fromstring(archive.read(name), parser)
    except KeyError as error:
        raise Refused("damaged", f"no {name}") from error
    except (etree.XMLSyntaxError, zipfile.BadZipFile, ValueError) as error:
        raise Refused("damaged", f"{name}: {error}") from error


def _pptx(data: bytes, mode: str) -> dict:
    """The slides' text in their order: each slide's paragraphs (a:p) of runs
    (a:t), tables and groups included; speaker notes are left out."""
    archive = _zip(data)
    presentation = _xml(archive, "ppt/presentation.xml")
    relations = _xml(archive, "ppt/_rels/presentation.xml.rels")
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in relations.iter(f"{{{_RELS}}}Relationship")
    }
    slides = [
        targets.get(slide.get(f"{{{_R}}}id"), "")
        for slide in presentation.iter(f"{{{_P}}}sldId")
    ]
    if mode == "probe":
        return {"ok": True, "page_count": len(slides)}
    pages = Pages()
    for target in slides:
        name = "ppt/" + target.lstrip("/").removeprefix("ppt/")
        slide = _xml(archive, os.path.normpath(name))
        lines = [
            "".join(t.text or "" for t in paragraph.iter(f"{{{_A}}}t"))
            for paragraph in slide.iter(f"{{{_A}}}p")
        ]
        if not pages.add("\n".join(line for line in lines if line)):
            break
    return {"ok": True, "page_count": len(slides), "pages": pages.pages,
            "truncated": pages.truncated or len(pages.pages) < len(slides)}  # fmt: skip


READERS = {"pdf": _pdf, "docx": _docx, "pptx": _pptx}


def _limit(cpu_seconds: int, memory_mb: int) -> None:
    import resource

    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.nice(10)  # after the site's own processes


def main(argv: list[str]) -> int:
    mode, fmt, limits = argv[1], argv[2], json.loads(argv[3])
    _limit(*limits)
    out = sys.stdout.buffer
    try:
        import logging

        logging.disable(logging.WARNING)  # pypdf narrates what it repairs
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise Refused("too_large", "more than 25 MB")
        answer = READERS[fmt](data, mode)
    except Refused as refused:
        answer = {"ok": False, "reason": refused.reason, "detail": refused.detail}
    except MemoryError:
        out.write(b'{"ok": false, "reason": "memory"}')
        return 0
    except RecursionError:
        answer = {"ok": False, "reason": "damaged", "detail": "nested too deeply"}
    except Exception as error:  # noqa: BLE001 - whatever a malformed file makes a reader raise
        detail = f"{type(error).__name__}: {error}"[:300]
        answer = {"ok": False, "reason": "damaged", "detail": detail}
    out.write(json.dumps(answer).encode())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
