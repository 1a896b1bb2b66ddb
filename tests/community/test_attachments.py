"""Files attached to posts: pictures shown in the post, documents offered for
download; checked by content, limited in size and per day; served only to those
who may read the post, whoever asks by URL."""

import io
import re
import zipfile

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.discussions import attachments, moderation, services
from community.models import Attachment
from tests.factories import BoardFactory, UserFactory, make_thread
from tests.images import bomb, fake, picture

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def thread(board, other_member):
    return make_thread(board=board, author=other_member, body="Any data?")


def reply(client, thread, body="See the files.", **files):
    return client.post(f"/community/t/{thread.pk}/reply/", {"body": body, **files})


def stored_files() -> list[str]:
    storage = storages["private"]
    found = []

    def walk(folder):
        folders, files = storage.listdir(folder)
        found.extend(f"{folder}/{name}" for name in files)
        for sub in folders:
            walk(f"{folder}/{sub}")

    if storage.exists("attachments"):
        walk("attachments")
    return found


def test_a_picture_is_shown_and_a_document_offered(member_client, thread):
    before = len(stored_files())
    response = reply(
        member_client,
        thread,
        file_1=picture("canopy.jpg", size=(3000, 2000), exif=True),
        description_1="Map of tree canopy by neighborhood",
        file_2=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
    )
    assert response.status_code == 302
    image, document = Attachment.objects.order_by("pk")
    assert len(stored_files()) == before + 2
    page = member_client.get(f"{thread.get_absolute_url()}?page=1").content.decode()
    img = re.search(r'<img src="(/community/attachments/\d+/[^"]+)"[^>]*>', page)
    assert 'alt="Map of tree canopy by neighborhood"' in img[0]
    # Turned upright as the camera's EXIF said, then scaled to 1600 at most.
    assert 'width="1067" height="1600"' in img[0]
    assert f'href="{document.get_absolute_url()}"' in page
    assert "plan.pdf" in page

    served = member_client.get(img[1])
    assert served["Content-Type"] == "image/webp"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served["Content-Security-Policy"]
    assert served["Content-Disposition"].startswith("inline")
    shown = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert shown.size == (1067, 1600)
    assert not shown.getexif()
    download = member_client.get(document.get_absolute_url())
    assert download["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert b"".join(download.streaming_content) == PDF
    assert image.uploader.username == "maria"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("chart.png", b"<html><script>alert(1)</script>", "not a JPEG, PNG or WebP"),
        ("report.pdf", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "does not match"),
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"/>',
            "cannot be attached",
        ),
        ("run.exe", b"MZ\x90\x00", "cannot be attached"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused(
    member_client, thread, name, content, message
):
    response = reply(
        member_client, thread, file_1=fake(name, content), description_1="x"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "See the files." in page  # the text is kept
    assert thread.posts.count() == 1
    assert not Attachment.objects.exists()


def test_a_bomb_a_huge_file_and_an_undescribed_picture_are_refused(
    member_client, thread, monkeypatch
):
    cases = [
        ({"file_1": bomb(), "description_1": "x"}, "too large to use"),
        ({"file_1": picture()}, "Describe the picture"),
        ({"file_1": fake("notes.csv", b"a,b\n" * 50)}, "larger than 10 MB"),
    ]
    for files, message in cases:
        if "notes.csv" in str(files):
            monkeypatch.setattr(attachments, "MAX_BYTES", 100)
        page = reply(member_client, thread, **files).content.decode()
        assert message in page, message
    assert thread.posts.count() == 1
    assert not Attachment.objects.exists()


def test_a_member_attaches_a_limited_amount_a_day(member, thread, monkeypatch):
    monkeypatch.setattr(attachments, "DAILY_BYTES", 2000)
    monkeypatch.setattr(attachments, "FIRST_DAY_BYTES", 2000)
    upload = attachments.checked(fake("data.csv", b"a,b\n" * 300))
    services.post_create(thread=thread, author=member, body="One", attachments=[upload])
    again = attachments.checked(fake("more.csv", b"c,d\n" * 300))
    with pytest.raises(Exception, match="past 2.0"):
        services.post_create(
            thread=thread, author=member, body="Two", attachments=[again]
        )
    assert Attachment.objects.count() == 1


@pytest.fixture
def secret_files(moderator_user, other_member):
    """A file on a members' board, a cohort's, a hidden post and a deleted one."""
    upload = lambda: [attachments.checked(fake("a.csv", b"a,b\n"))]  # noqa: E731
    members = make_thread(board=BoardFactory(visibility="members"), author=other_member)
    cohort = make_thread(board=BoardFactory(visibility="cohort"), author=other_member)
    public = make_thread(board=BoardFactory(visibility="public"), author=other_member)
    posts = {
        "members": services.post_create(
            thread=members, author=other_member, body="m", attachments=upload()
        ),
        "cohort": services.post_create(
            thread=cohort, author=other_member, body="c", attachments=upload()
        ),
        "hidden": services.post_create(
            thread=public, author=other_member, body="h", attachments=upload()
        ),
        "deleted": services.post_create(
            thread=public, author=other_member, body="d", attachments=upload()
        ),
    }
    moderation.post_hide(post=posts["hidden"], moderator=moderator_user, reason="Spam")
    services.post_delete(post=posts["deleted"], user=other_member)
    return {
        key: post.attachments.get().get_absolute_url() for key, post in posts.items()
    }


@pytest.mark.parametrize(
    ("viewer", "sees"),
    [
        ("guest", set()),
        ("member", {"members"}),
        ("moderator", {"members", "cohort", "hidden"}),  # moderators read every board
    ],
)
def test_files_are_served_only_to_who_may_read_the_post(
    client, member, moderator_user, secret_files, viewer, sees
):
    if viewer != "guest":
        client.force_login(member if viewer == "member" else moderator_user)
    served = {
        key for key, url in secret_files.items() if client.get(url).status_code == 200
    }
    assert served == sees
    for key, url in secret_files.items():
        if key not in sees:
            assert client.get(url).status_code == 404


def test_the_export_holds_the_members_attachments(member_client, member, thread):
    upload = attachments.checked(fake("budget.csv", b"a,b\n1,2\n"))
    post = services.post_create(
        thread=thread, author=member, body="Mine", attachments=[upload]
    )
    archive = zipfile.ZipFile(
        io.BytesIO(member_client.post("/community/settings/export/").content)
    )
    name = f"files/attachments/{post.attachments.get().pk}-budget.csv"
    assert archive.read(name) == b"a,b\n1,2\n"


def test_files_on_object_storage_are_reached_by_a_short_signed_address(
    member_client, thread, member, settings
):
    upload = attachments.checked(fake("budget.csv", b"a,b\n"))
    post = services.post_create(
        thread=thread, author=member, body="On S3", attachments=[upload]
    )
    attached = post.attachments.get()
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "commons",
                "endpoint_url": "http://127.0.0.1:9",
                "access_key": "test",
                "secret_key": "test",
                "location": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
                "signature_version": "s3v4",
            },
        },
    }
    response = member_client.get(attached.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("http://127.0.0.1:9/commons/private/")
    assert "X-Amz-Expires=300" in response["Location"]
    assert "X-Amz-Signature=" in response["Location"]
    UserFactory(username="outsider")
    member_client.logout()
    assert member_client.get(attached.get_absolute_url()).status_code == 404
