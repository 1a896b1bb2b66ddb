"""Files members attach to a post: up to three pictures or documents.

A picture is read by its content (core.images), stripped of EXIF, scaled to at
most 1600 pixels a side and kept as WebP, once, when posted; it needs a
description for those who cannot see it. A document (PDF, Word, Excel,
PowerPoint, CSV) is checked by content like the library's uploads. Each file is
at most 10 MB, and a member attaches at most 50 MB a day (10 MB on their first
day). They are kept in the private storage and served only to those who may
read their post (views/attachments.py).
"""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from community.models import Attachment, Post
from core import images
from resources.validators import validate_upload

MAX_FILES = 3
MAX_BYTES = 10 * 1024 * 1024
DAILY_BYTES = 50 * 1024 * 1024
FIRST_DAY_BYTES = 10 * 1024 * 1024
LONGEST_SIDE = 1600
PICTURES = {"jpg", "jpeg", "png", "webp"}
DOCUMENTS = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "csv": "text/csv",
}
TOO_LARGE = _("“%(name)s” is larger than 10 MB.")
WRONG_TYPE = _(
    "“%(name)s” cannot be attached: attach JPEG, PNG or WebP pictures, or PDF, "
    "Word, Excel, PowerPoint or CSV documents."
)
DESCRIBE = _(
    "Describe the picture “%(name)s” in a few words, for members who cannot see it."
)
OVER_QUOTA = _(
    "These files would take you past %(quota)s of attachments in a day. Post "
    "without some of them, or attach them tomorrow."
)


@dataclass(frozen=True)
class Upload:
    """A file checked and ready to keep."""

    kind: str
    content: File
    name: str
    content_type: str
    size: int
    description: str = ""
    width: int | None = None
    height: int | None = None


def checked(upload, description: str = "") -> Upload:
    """An uploaded file as it will be kept, or ValidationError saying why not."""
    name = get_valid_filename(PurePath(upload.name or "file").name)[-100:] or "file"
    extension = PurePath(name).suffix.lower().lstrip(".")
    if upload.size > MAX_BYTES:
        raise ValidationError(TOO_LARGE % {"name": name})
    if extension in PICTURES:
        return _picture(upload, name, description.strip())
    if extension not in DOCUMENTS:
        raise ValidationError(WRONG_TYPE % {"name": name})
    try:
        validate_upload(upload)
    except ValidationError as error:
        raise ValidationError(f"“{name}”: {' '.join(error.messages)}") from None
    return Upload(
        kind=Attachment.Kind.DOCUMENT,
        content=upload,
        name=name,
        content_type=DOCUMENTS[extension],
        size=upload.size,
    )


def _picture(upload, name: str, description: str) -> Upload:
    try:
        picture = images.checked(upload, max_bytes=MAX_BYTES)
    except ValidationError as error:
        raise ValidationError(f"“{name}”: {' '.join(error.messages)}") from None
    if not description:
        raise ValidationError(DESCRIBE % {"name": name})
    content, (width, height) = images.within(picture, LONGEST_SIDE, LONGEST_SIDE)
    return Upload(
        kind=Attachment.Kind.IMAGE,
        content=content,
        name=f"{PurePath(name).stem[:95]}.webp",
        content_type="image/webp",
        size=content.size,
        description=description[:300],
        width=width,
        height=height,
    )


def attach(*, post: Post, uploads: list[Upload], uploader) -> list[Attachment]:
    """Keep the files with the post, within the member's daily allowance."""
    if not uploads:
        return []
    now = timezone.now()
    first_day = uploader.date_joined > now - timedelta(days=1)
    quota = FIRST_DAY_BYTES if first_day else DAILY_BYTES
    used = Attachment.objects.filter(
        uploader=uploader, created_at__gte=now - timedelta(days=1)
    ).aggregate(total=Sum("size"))["total"]
    if (used or 0) + sum(upload.size for upload in uploads) > quota:
        raise ValidationError(OVER_QUOTA % {"quota": filesizeformat(quota)})
    kept = []
    for upload in uploads:
        attachment = Attachment(
            post=post,
            uploader=uploader,
            kind=upload.kind,
            name=upload.name,
            content_type=upload.content_type,
            size=upload.size,
            width=upload.width,
            height=upload.height,
            description=upload.description,
        )
        attachment.file.save(upload.name, upload.content, save=False)
        attachment.save()
        kept.append(attachment)
    return kept
