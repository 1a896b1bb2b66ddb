"""Uploaded files: only document and image types, checked by content, at most 25 MB.
The library's own files are also opened as the worker will read them."""

import logging
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 25 * 1024 * 1024

UPLOAD_TOO_LARGE = _("The file is larger than 25 MB.")
UPLOAD_WRONG_TYPE = _(
    "Only PDF, Word, PowerPoint, Excel, CSV, PNG and JPEG files can be uploaded."
)
UPLOAD_MISMATCH = _("The file's content does not match its name (.%(extension)s).")

UPLOAD_ENCRYPTED = _(
    "This PDF is protected by a password, so visitors could not open it nor "
    "the library's search read it. Upload a copy without a password."
)
UPLOAD_UNREADABLE = _(
    "This file cannot be read: it is damaged, or not really a %(format)s file "
    "(%(detail)s). Save or export it again and upload the new copy."
)
UPLOAD_TOO_HEAVY = _(
    "This file could not be opened within the limits (%(why)s): it may be damaged "
    "or built to overload a reader. Save or export it again and upload the new copy."
)
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word", "pptx": "PowerPoint"}
logger = logging.getLogger(__name__)

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, .xls, .ppt
OOXML_PART = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


def _looks_like(extension: str, head: bytes, file) -> bool:
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in {"jpg", "jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if extension in {"doc", "xls", "ppt"}:
        return head.startswith(OLE)
    if extension in OOXML_PART:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            file.seek(0)
            names = zipfile.ZipFile(file).namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        return "[Content_Types].xml" in names and any(
            name.startswith(OOXML_PART[extension]) for name in names
        )
    if extension == "csv":
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is fine.
            return error.start >= len(head) - 3
        return True
    return False


def validate_upload(file) -> None:
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(UPLOAD_TOO_LARGE, code="too_large")
    extension = PurePath(file.name).suffix.lower().lstrip(".")
    allowed = {"pdf", "png", "jpg", "jpeg", "doc", "xls", "ppt", "csv", *OOXML_PART}
    if extension not in allowed:
        raise ValidationError(UPLOAD_WRONG_TYPE, code="wrong_type")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(4096)
        if not _looks_like(extension, head, file):
            raise ValidationError(
                UPLOAD_MISMATCH, code="mismatch", params={"extension": extension}
            )
    finally:
        file.seek(position)


def validate_library_file(file) -> None:
    """A resource's file: an allowed upload, and a new PDF, Word or PowerPoint
    file must open in the reader the worker uses (resources/textract.py), in a
    child process with a short time limit. Nothing is stored when it does not."""
    validate_upload(file)
    if getattr(file, "_committed", False):
        return  # the stored file, checked when it was uploaded
    if getattr(file, "_opened_by_reader", False):
        return  # already opened (the admin's form, then resource_save, validate)
    from resources import textract

    fmt = textract.format_of(file.name)
    if fmt is None:
        return
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        data = file.read(textract.MAX_INPUT_BYTES + 1)
    finally:
        file.seek(position)
    found = textract.read(data, fmt, mode="probe", limits=textract.PROBE)
    if found.ok:
        file._opened_by_reader = True
        return
    if found.reason == "encrypted":
        raise ValidationError(UPLOAD_ENCRYPTED, code="encrypted")
    if found.reason == "damaged":
        detail = found.detail.split(":", 1)[-1].strip().rstrip(".")[:120]
        raise ValidationError(
            UPLOAD_UNREADABLE,
            code="unreadable",
            params={"format": FORMAT_NAMES[fmt], "detail": detail or _("no detail")},
        )
    if found.reason in {"timeout", "cpu", "memory", "too_large"}:
        why = {
            "timeout": _("it took too long"),
            "cpu": _("it took too long"),
            "memory": _("it needed too much memory"),
            "too_large": _("it unpacks to too much data"),
        }[found.reason]
        raise ValidationError(UPLOAD_TOO_HEAVY, code="too_heavy", params={"why": why})
    # The reader could not be started, or stopped for no reason of the file's:
    # the upload goes on, and the worker says what it finds.
    logger.warning("Could not check the upload %s: %s", file.name, found)


# Paths under /resources/ that a resource's slug must not take.
RESERVED_SLUGS = {
    "feed", "saved", "suggest", "collections", "download", "save", "autocomplete"
}  # fmt: skip
SLUG_RESERVED = _("This slug is used by the library itself; choose another.")


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(SLUG_RESERVED, code="reserved")
