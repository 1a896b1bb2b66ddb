"""Members' photos: checked by content, EXIF gone, resized once to fixed sizes,
shown beside posts, in the header and the directory; initials otherwise."""

import io
import re
import zipfile

import pytest
from PIL import Image

from community.discussions import services
from community.members.account import account_anonymize
from community.models import Profile
from tests.factories import make_thread
from tests.images import bomb, fake, picture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, member, file, **data):
    fields = {"display_name": "Maria Lopez", "photo": file, **data}
    return client.post(f"/community/members/{member.username}/edit/", fields)


def test_a_photo_is_kept_square_at_fixed_sizes_without_exif(member_client, member):
    response = upload(member_client, member, picture(size=(800, 600), exif=True))
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    for field, side in [(profile.avatar_small, 96), (profile.avatar_large, 256)]:
        with field.open("rb") as stored:
            image = Image.open(io.BytesIO(stored.read()))
            assert image.format == "WEBP"
            assert image.size == (side, side)
            assert not image.getexif()
            assert "exif" not in image.info
            assert "icc_profile" not in image.info


@pytest.mark.parametrize(
    "file",
    [
        fake("photo.png", b"<html><script>alert(1)</script></html>"),
        fake("photo.jpg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        fake("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),  # cut short
        picture(name="photo.gif", kind="GIF"),
        bomb(),
    ],
    ids=["html", "svg", "truncated", "gif", "bomb"],
)
def test_what_is_not_a_usable_picture_is_refused_and_nothing_stored(
    member_client, member, media, file
):
    response = upload(member_client, member, file)
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r"not a JPEG, PNG or WebP|could not be read|too large", page)
    assert Profile.objects.get(user=member).avatar_small == ""
    assert not list(media.rglob("*.webp"))


def test_a_large_file_is_refused(member_client, member, settings):
    from community.members import forms

    forms.AVATAR_MAX_BYTES, before = 1000, forms.AVATAR_MAX_BYTES
    try:
        response = upload(member_client, member, picture(size=(900, 900)))
    finally:
        forms.AVATAR_MAX_BYTES = before
    assert "larger than" in response.content.decode()


def test_initials_until_a_photo_then_the_photo_everywhere(
    client, member_client, member, other_member, board
):
    thread = make_thread(board=board, author=member, body="Hello")
    services.post_create(thread=thread, author=other_member, body="Welcome")
    page = member_client.get(f"{thread.get_absolute_url()}?page=1").content.decode()
    assert '<span class="avatar avatar-small avatar-c' in page
    assert ">ML</span>" in page
    assert ">JC</span>" in page

    upload(member_client, member, picture())
    small = Profile.objects.get(user=member).avatar_small.url
    page = member_client.get(f"{thread.get_absolute_url()}?page=1").content.decode()
    header = page.split('class="account-menu"')[1].split("</summary>")[0]
    assert f'src="{small}"' in header
    post = re.search(
        r'<article class="post[^"]*" id="post-\d+".*?</header>', page, re.S
    )
    assert f'<img class="avatar avatar-small" src="{small}" alt=""' in post[0]
    directory = member_client.get("/community/members/").content.decode()
    assert f'src="{small}"' in directory
    profile = client.get(f"/community/members/{member.username}/").content.decode()
    assert Profile.objects.get(user=member).avatar_large.url in profile


def test_a_new_photo_replaces_the_old_files_and_removing_goes_back_to_initials(
    member_client, member, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(member_client, member, picture(colour="red"))
        first = set(media.rglob("*.webp"))
        upload(member_client, member, picture(colour="blue"))
    second = set(media.rglob("*.webp"))
    assert len(first) == len(second) == 2
    assert not first & second
    with django_capture_on_commit_callbacks(execute=True):
        upload(member_client, member, "", remove_photo="on")
    assert not list(media.rglob("*.webp"))
    assert Profile.objects.get(user=member).avatar_small == ""


def test_a_closed_account_loses_its_photo(
    member, media, django_capture_on_commit_callbacks, member_client
):
    upload(member_client, member, picture())
    with django_capture_on_commit_callbacks(execute=True):
        account_anonymize(user=member)
    assert not list(media.rglob("*.webp"))


def test_the_data_export_holds_the_photo(member_client, member):
    upload(member_client, member, picture())
    response = member_client.post("/community/settings/export/")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert "files/photo.webp" in archive.namelist()
    assert Image.open(archive.open("files/photo.webp")).size == (256, 256)
