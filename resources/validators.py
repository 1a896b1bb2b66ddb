"""Uploaded files: only document and image types, checked by content, at most 25 MB."""

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


# Paths under /resources/ that a resource's slug must not take.
RESERVED_SLUGS = {
    "feed", "saved", "suggest", "collections", "download", "save", "autocomplete"
}  # fmt: skip
SLUG_RESERVED = _("This slug is used by the library itself; choose another.")


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(SLUG_RESERVED, code="reserved")
