"""Pictures for the tests, made in memory: real JPEG/PNG/WebP files, one with
EXIF (a camera's and a GPS position), fakes with a picture's name."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def picture(name="photo.jpg", size=(640, 480), kind="JPEG", exif=False, colour="teal"):
    image = Image.new("RGB", size, colour)
    out = io.BytesIO()
    options = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "Phone Maker"  # Make
        data[0x0112] = 6  # Orientation: turned a quarter right
        data[0x8825] = {1: "N", 2: (40.0, 42.0, 46.0), 3: "W", 4: (74.0, 0.0, 21.0)}
        options["exif"] = data.tobytes()
    image.save(out, kind, **options)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def fake(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def bomb(name="bomb.png") -> SimpleUploadedFile:
    """A small file that claims a huge picture: a PNG of 20,000 × 20,000 pixels
    of one colour compresses to a few hundred kilobytes."""
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG", optimize=True)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")
