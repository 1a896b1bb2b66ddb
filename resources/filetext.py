"""The text of the library's files, found by the library's search and the site
search.

When a resource's file is added or replaced (resource_save calls
file_text_follow), the old file's text is forgotten at once and, once the save
is committed, the worker reads the new file (file_text_read): in a child process
with time, memory and size limits (resources/textract.py), so that a damaged or
hostile file fails alone, recorded on the resource for curators (the admin's
"file text" column and filter), and the worker goes on with the next task.

What it reads is stored page by page (FilePage, with its own tsvector, for the
snippet, resources/filesearch.py) and as one tsvector of weight D on
the resource (file_text_vector), which the search_vector trigger adds after the
title (A), summary (B) and description (C): a search finds a word that is only
inside the file with the same query and index as before, and ranks such a match
below one in the resource's own text. A PDF whose pages hold no text (a scan
without a text layer) is marked so for curators.
"""

import logging
import re

from django.conf import settings
from django.contrib.postgres.search import (
    SearchVector,
)
from django.db import OperationalError, transaction
from django.db.models import (
    QuerySet,
    TextField,
    Value,
)
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import versions
from resources import textract
from resources.models import FilePage, Resource
from resources.versions import LIBRARY

logger = logging.getLogger(__name__)
FileText = Resource.FileText

# A page "has text" with a couple of words on it: a scan's text layer is
# empty, or holds at most a stray page number.
_WORD = re.compile(r"[^\W\d_]{2,}")
MIN_WORDS = 2

NOT_READ_NOTE = gettext_lazy(
    "Text is read from PDF, Word (.docx) and PowerPoint (.pptx) files only."
)
_UNITS = {  # what a FilePage is, by format
    "pdf": lambda n: ngettext("%(n)d page", "%(n)d pages", n),
    "pptx": lambda n: ngettext("%(n)d slide", "%(n)d slides", n),
    "docx": lambda n: ngettext("%(n)d section", "%(n)d sections", n),
}


# --- After a save: a new, replaced or removed file ---------------------------------


def file_text_follow(resource: Resource) -> bool:
    """After resource_save: when the resource's file is not the one its text is
    about (new, replaced or removed), forget that text now and, for a file whose
    text is read, have the worker read it once the save is committed. True if
    the file changed."""
    name = resource.file.name or ""
    if name == resource.file_text_of:
        return False
    fmt = textract.format_of(name) if name else None
    if not name:
        state, note = FileText.NONE, ""
    elif fmt:
        state, note = FileText.PENDING, ""
    else:
        state, note = FileText.NOT_READ, str(NOT_READ_NOTE)
    with transaction.atomic():
        _forget(resource.pk)
        Resource.objects.filter(pk=resource.pk).update(
            file_text=state, file_text_note=note, file_text_of=name
        )
        versions.changed(LIBRARY)
    resource.file_text, resource.file_text_note, resource.file_text_of = (
        state,
        note,
        name,
    )
    if fmt:
        pk = resource.pk
        transaction.on_commit(lambda: file_text_read.enqueue(pk, name))
    return True


def file_text_read_again(resources: QuerySet) -> int:
    """Have the worker read the files of these resources again (the admin's
    action, the management command): after a failure, or for files uploaded
    before their text was read."""
    count = 0
    for pk, name in resources.exclude(file="").values_list("pk", "file"):
        if textract.format_of(name):
            Resource.objects.filter(pk=pk).update(
                file_text=FileText.PENDING, file_text_note="", file_text_of=name
            )
            transaction.on_commit(
                lambda pk=pk, name=name: file_text_read.enqueue(pk, name)
            )
            count += 1
        else:
            Resource.objects.filter(pk=pk).update(
                file_text=FileText.NOT_READ,
                file_text_note=str(NOT_READ_NOTE),
                file_text_of=name,
            )
    return count


def _forget(resource_id: int) -> None:
    """Drop a file's pages and words (the trigger then drops them from the
    resource's search_vector)."""
    FilePage.objects.filter(resource_id=resource_id).delete()
    Resource.objects.filter(pk=resource_id).update(
        file_text_vector=None, file_text_pages=None, file_text_read_at=None
    )


# --- The worker's part --------------------------------------------------------------


@task
def file_text_read(resource_id: int, file_name: str) -> str:
    """Read the text of the resource's file, if it is still that file. Whatever
    the file is, this records an outcome and returns: it never raises for a bad
    file, so the worker goes on with the next task. Its note is stored in the
    site's language, whatever language the worker's thread was last left in."""
    with translation.override(settings.LANGUAGE_CODE):
        return _read(resource_id, file_name)


def _read(resource_id: int, file_name: str) -> str:
    try:
        return file_text_update(resource_id, file_name)
    except Exception:
        logger.exception("Reading the text of %s failed", file_name)
        note = _("The text could not be stored; read it again later.")
        Resource.objects.filter(pk=resource_id, file_text_of=file_name).update(
            file_text=FileText.FAILED, file_text_note=note
        )
        return FileText.FAILED


def file_text_update(resource_id: int, file_name: str) -> str:
    resource = Resource.objects.without_vectors().filter(pk=resource_id).first()
    if resource is None or file_name != resource.file.name:
        return "stale"  # replaced or removed since: its own task reads the new one
    if resource.file_text_of != file_name:
        return "stale"
    fmt = textract.format_of(file_name)
    if fmt is None:
        return "stale"
    try:
        with resource.file.open("rb") as stored:
            data = stored.read(textract.MAX_INPUT_BYTES + 1)
    except Exception as error:  # noqa: BLE001 - a missing file, a storage outage
        result = textract.Result(False, reason="missing", detail=str(error)[:200])
    else:
        result = textract.read(data, fmt)
    return _store(resource_id, file_name, fmt, result)


def has_text(page: str) -> bool:
    return len(_WORD.findall(page, 0, 2000)) >= MIN_WORDS


def _store(resource_id: int, file_name: str, fmt: str, result) -> str:
    pages = result.pages if result.ok else []
    with_text = sum(1 for page in pages if has_text(page))
    if not result.ok:
        state, note = FileText.FAILED, failure_note(result, fmt)
    elif not with_text:
        state, note = FileText.NO_TEXT, _no_text_note(fmt, len(pages))
    else:
        state, note = FileText.INDEXED, _indexed_note(fmt, result, with_text)
    with transaction.atomic():
        current = Resource.objects.filter(
            pk=resource_id, file=file_name, file_text_of=file_name
        )
        if not current.select_for_update().values_list("pk", flat=True):
            return "stale"  # replaced while it was read
        _forget(resource_id)
        FilePage.objects.bulk_create(
            (
                FilePage(
                    resource_id=resource_id,
                    number=number,
                    text=text[: textract.MAX_PAGE_CHARS],
                )
                for number, text in enumerate(pages, 1)
                if text
            ),
            batch_size=200,
        )
        if with_text and not _index(resource_id, "\n\n".join(pages)):
            note += " " + _("Only the start of its text is found by search.")
        current.update(
            file_text=state,
            file_text_note=note[:300],
            file_text_pages=len(pages) if result.ok else None,
            file_text_read_at=timezone.now(),
        )
        versions.changed(LIBRARY)  # searches find (or lose) the file's words
    return state


def _index(resource_id: int, text: str) -> bool:
    """Set the file's words on the resource (weight D). A tsvector holds at most
    1 MB: a file whose text has too many distinct words (no prose has) is
    indexed by its first half, quarter... True if all of it was."""
    whole = True
    while True:
        try:
            with transaction.atomic():
                vector = SearchVector(
                    Value(text, output_field=TextField()), config="english", weight="D"
                )
                Resource.objects.filter(pk=resource_id).update(file_text_vector=vector)
            return whole
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", "") != "54000" or len(text) < 1000:
                raise  # not "string is too long for tsvector"
            text, whole = text[: len(text) // 2], False


def failure_note(result, fmt: str) -> str:
    kind = {"pdf": "PDF", "docx": "Word", "pptx": "PowerPoint"}.get(fmt, fmt)
    limits = textract.EXTRACT
    notes = {
        "encrypted": _("Encrypted: it needs a password to open."),
        "damaged": _("Damaged, or not really a %(kind)s file (%(detail)s).")
        % {"kind": kind, "detail": result.detail},
        "too_large": _("Too large once unpacked: a decompression bomb? (%(detail)s)")
        % {"detail": result.detail},
        "timeout": _(
            "Reading it took longer than the limit of %(n)g seconds: a file that "
            "loops? Stopped."
        )
        % {"n": limits.seconds},
        "cpu": _("Reading it used more than %(n)d seconds of processor time. Stopped.")
        % {"n": limits.cpu_seconds},
        "memory": _("Reading it needed more than %(n)d MB of memory. Stopped.")
        % {"n": limits.memory_mb},
        "missing": _("The file could not be opened from storage (%(detail)s).")
        % {"detail": result.detail},
        "unavailable": _(
            "The reader could not be started (%(detail)s); read it again later."
        )
        % {"detail": result.detail},
    }
    default = _("The reader stopped unexpectedly (%(detail)s).") % {
        "detail": result.detail or result.reason
    }
    return notes.get(result.reason, default)


def _units(fmt: str, n: int) -> str:
    return _UNITS.get(fmt, _UNITS["pdf"])(n) % {"n": n}


def _no_text_note(fmt: str, pages: int) -> str:
    if fmt == "pdf":
        return _(
            "%(pages)s, none with text: a scan without a text layer. Run it "
            "through text recognition (OCR) and upload the result to have it "
            "found by search."
        ) % {"pages": _units(fmt, pages)}
    return _("No text in it.")


def _indexed_note(fmt: str, result, with_text: int) -> str:
    total = len(result.pages)
    if with_text == total:
        note = _("Text of %(pages)s.") % {"pages": _units(fmt, total)}
    else:
        note = _("Text on %(n)d of %(pages)s (the others may be scans).") % {
            "n": with_text,
            "pages": _units(fmt, total),
        }
    if result.truncated:
        note += " " + _("Read up to the limit (%(pages)s, %(chars)s characters).") % {
            "pages": _units(fmt, textract.MAX_PAGES),
            "chars": f"{textract.MAX_CHARS:,}",
        }
    return note
