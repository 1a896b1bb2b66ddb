import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from resources.validators import (
    UPLOAD_TOO_LARGE,
    UPLOAD_WRONG_TYPE,
    validate_upload,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
PDF = b"%PDF-1.7\n" + b"x" * 32


def ooxml(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{part}document.xml", "<doc/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("guide.pdf", PDF),
        ("photo.PNG", PNG),
        ("photo.jpg", JPEG),
        ("photo.jpeg", JPEG),
        ("plan.docx", ooxml("word/")),
        ("budget.xlsx", ooxml("xl/")),
        ("deck.pptx", ooxml("ppt/")),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32),
        ("data.csv", "city,state\nSaint Paul,MN\nSão Tomé,—\n".encode()),
    ],
)
def test_allowed_files_pass(name, content):
    validate_upload(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("guide.pdf", PNG),  # renamed image
        ("photo.png", b"<script>alert(1)</script>"),
        ("plan.docx", b"PK\x03\x04 not really a zip"),
        ("plan.docx", ooxml("xl/")),  # a spreadsheet named as a document
        ("data.csv", b"\x00\x01binary"),
        ("photo.jpg", PDF),
    ],
)
def test_content_must_match_the_name(name, content):
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile(name, content))
    assert error.value.code == "mismatch"


@pytest.mark.parametrize("name", ["run.exe", "page.html", "image.svg", "noextension"])
def test_other_types_are_refused(name):
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile(name, PDF))
    assert error.value.messages == [str(UPLOAD_WRONG_TYPE)]


def test_files_over_25_mb_are_refused():
    big = SimpleUploadedFile("big.pdf", PDF)
    big.size = 25 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as error:
        validate_upload(big)
    assert error.value.messages == [str(UPLOAD_TOO_LARGE)]
