"""The text of an uploaded file, read in a child process that a hostile file
cannot hang or exhaust.

`read(data, fmt, mode)` (in the caller's process) runs this file as a program of
its own: a fresh Python, isolated (-I: no PYTHON* variables, no user site) and
with an empty environment (no secrets to leak), fed the file's bytes on its
standard input. Before it reads a byte, the child lowers its own limits: address
space (memory), processor seconds, no files written, no core dump; the caller
kills it after a wall-clock timeout. Whatever the file does to the reader (a
decompression bomb, a page tree or a form that loops, a crash in a parser), only
the child dies, and the caller gets a Result that says why.

The child imports nothing from Django or the project: only the standard library
and the readers (pypdf; python-docx; lxml for PowerPoint's slides), which bring
their own limits too (pypdf stops decompression past 75 MB and form XObjects
past 5,000 calls; lxml refuses entities and huge trees).

Modes: "probe" opens the file as a reader would (at upload, in the request: a
file that cannot be opened is refused with a clear message); "extract" reads the
text of every page (in the worker, resources/filetext.py).
"""

import io
import json
import os
import re
import signal
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

# What the readers read: by the file's extension (the upload validator checked
# that the content matches it).
FORMATS = {"pdf": "pdf", "docx": "docx", "pptx": "pptx"}

MAX_INPUT_BYTES = 25 * 1024 * 1024  # as an upload (resources/validators.py)
MAX_PAGES = 2000  # pages, slides, or sections of a Word document
MAX_PAGE_CHARS = 100_000  # per page: more is no prose; its tsvector stays small
MAX_CHARS = 2_000_000  # in all (about 800 dense pages)
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a Word or PowerPoint file's parts, unpacked
SECTION_CHARS = 4000  # a Word document (no pages) is cut into sections this long


@dataclass(frozen=True)
class Limits:
    seconds: float = 60.0  # wall clock, then the child is killed
    cpu_seconds: int = 60  # processor time, then the kernel stops it (SIGXCPU)
    memory_mb: int = 1024  # address space


EXTRACT = Limits()
PROBE = Limits(seconds=15.0, cpu_seconds=15, memory_mb=768)


@dataclass
class Result:
    ok: bool
    pages: list[str] = field(default_factory=list)
    page_count: int = 0  # in the file; more than len(pages) when capped
    truncated: bool = False  # pages or text cut at the caps
    # When not ok: encrypted, damaged, too_large, timeout, cpu, memory, crashed,
    # unavailable (the child could not be started)
    reason: str = ""
    detail: str = ""


def format_of(name: str) -> str | None:
    """The reader for a file name, or None for a format whose text is not read."""
    return FORMATS.get(Path(name).suffix.lower().lstrip("."))


# --- The caller's side ---------------------------------------------------------------


def read(data: bytes, fmt: str, mode: str = "extract", limits: Limits | None = None):
    """Run the child on the file's bytes (within EXTRACT's limits unless given);
    never raises for what the file does."""
    limits = limits or EXTRACT
    if len(data) > MAX_INPUT_BYTES:
        return Result(False, reason="too_large", detail=f"{len(data)} bytes")
    command = [sys.executable, "-I", str(Path(__file__).resolve()), mode, fmt]
    command.append(json.dumps([limits.cpu_seconds, limits.memory_mb]))
    try:
        done = subprocess.run(  # noqa: S603 - our own program, no shell
            command,
            input=data,
            capture_output=True,
            timeout=limits.seconds,
            env={"LC_ALL": "C.UTF-8"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Result(False, reason="timeout", detail=f"{limits.seconds:g} s")
    except OSError as error:
        return Result(False, reason="unavailable", detail=str(error)[:200])
    return _result(done)


def _result(done: subprocess.CompletedProcess) -> Result:
    stderr = done.stderr[-2000:].decode("utf-8", "replace")
    if done.returncode < 0:
        sig = -done.returncode
        if sig == signal.SIGXCPU:
            return Result(False, reason="cpu")
        if sig == signal.SIGKILL:  # the kernel's OOM killer, most likely
            return Result(False, reason="memory")
        return Result(False, reason="crashed", detail=signal.Signals(sig).name)
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        if "MemoryError" in stderr:
            return Result(False, reason="memory")
        last = stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
        return Result(False, reason="crashed", detail=last[0][:200])
    return Result(
        ok=bool(answer.get("ok")),
        pages=[str(page) for page in answer.get("pages", [])][:MAX_PAGES],
        page_count=int(answer.get("page_count", 0)),
        truncated=bool(answer.get("truncated")),
        reason=str(answer.get("reason", ""))[:20],
        detail=str(answer.get("detail", ""))[:300],
    )


# --- The child's side ----------------------------------------------------------------


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
