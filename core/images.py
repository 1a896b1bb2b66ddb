"""Pictures members upload (avatars, images in posts): checked by their content,
never by their name; turned upright, stripped of EXIF and every other piece of
metadata (a phone's photo carries where it was taken); resized once, when
uploaded, to the few sizes pages show, so no page view ever resizes one.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is a bomb or a mistake
MAX_SIDE = 12_000

NOT_AN_IMAGE = _(
    "This file is not a JPEG, PNG or WebP picture (whatever its name says). "
    "Choose a photo or a screenshot."
)
TOO_LARGE = _("The picture is larger than %(size)s MB. Choose a smaller one.")
TOO_MANY_PIXELS = _(
    "The picture is %(width)s × %(height)s pixels: too large to use. Choose one "
    "under 40 megapixels."
)
TOO_MANY_PIXELS_AT_ALL = _(
    "The picture is too large to use. Choose one under 40 megapixels."
)
BROKEN = _("The picture could not be read: it may be damaged or cut short.")


@dataclass(frozen=True)
class Picture:
    """An upload read and checked, upright, without metadata."""

    image: Image.Image
    format: str  # the format it came in: JPEG, PNG or WEBP

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size


def checked(upload, *, max_bytes: int) -> Picture:
    """Read an uploaded file as a picture, or raise ValidationError saying why
    not: too large in bytes or in pixels, not a picture, damaged."""
    if upload.size > max_bytes:
        raise ValidationError(TOO_LARGE % {"size": max_bytes // (1024 * 1024)})
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=sorted(FORMATS))
            width, height = image.size
            if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                raise ValidationError(
                    TOO_MANY_PIXELS % {"width": width, "height": height}
                )
            kind = image.format
            image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise ValidationError(TOO_MANY_PIXELS_AT_ALL) from error
    except UnidentifiedImageError as error:
        raise ValidationError(NOT_AN_IMAGE) from error
    except (Image.DecompressionBombWarning, OSError, ValueError, SyntaxError) as error:
        raise ValidationError(BROKEN) from error
    finally:
        upload.seek(0)
    upright = ImageOps.exif_transpose(image)
    return Picture(_without_metadata(upright), kind)


def _without_metadata(image: Image.Image) -> Image.Image:
    """The pixels only, in RGB or RGBA: no EXIF, XMP, ICC or text chunks."""
    mode = (
        "RGBA"
        if image.mode in {"RGBA", "LA", "PA"} or "transparency" in (image.info)
        else "RGB"
    )
    clean = Image.new(mode, image.size)
    clean.paste(image.convert(mode))
    return clean


def square(picture: Picture, side: int) -> ContentFile:
    """The picture cropped to its centre square and resized to side × side, as
    WebP."""
    fitted = ImageOps.fit(picture.image, (side, side), Image.Resampling.LANCZOS)
    return _webp(fitted)


def within(
    picture: Picture, width: int, height: int
) -> tuple[ContentFile, tuple[int, int]]:
    """The picture scaled down (never up) to fit width × height, as WebP, and
    the size it came out at."""
    image = picture.image.copy()
    image.thumbnail((width, height), Image.Resampling.LANCZOS)
    return _webp(image), image.size


def _webp(image: Image.Image) -> ContentFile:
    out = io.BytesIO()
    image.save(out, "WEBP", quality=82, method=4)
    return ContentFile(out.getvalue())
