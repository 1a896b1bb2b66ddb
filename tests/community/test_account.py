"""Members in control: settings, unsubscribe without signing in, export, closing
the account; and what staff see in the admin."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.utils import timezone

from community.discussions import following, services
from community.members.account import account_anonymize, topic_follow_set
from community.models import (
    DataExport,
    NotificationSettings,
    OutgoingEmail,
    Post,
    ThreadFollow,
    TopicFollow,
)
from community.notifications.tokens import unsubscribe_token
from resources.services import bookmark_toggle
from tests.client import Client
from tests.factories import (
    PASSWORD,
    BoardFactory,
    ResourceFactory,
    UserFactory,
    make_thread,
)

pytestmark = pytest.mark.django_db


def setting(user, name):
    return getattr(NotificationSettings.objects.get_or_create(user=user)[0], name)


# --- Settings page --------------------------------------------------------------------


def test_one_click_changes_one_setting(member_client, member):
    response = member_client.post(
        "/community/settings/", {"setting": "reactions", "value": "never"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/community/settings/#setting-reactions"
    assert setting(member, "reactions") == "never"
    page = member_client.get("/community/settings/").content.decode()
    assert "Saved: Reactions to your posts — Never." in page


def test_a_forged_setting_is_refused_and_nothing_changes(member_client, member):
    member_client.post("/community/settings/", {"setting": "mentions", "value": "x"})
    member_client.post("/community/settings/", {"setting": "user", "value": "1"})
    assert setting(member, "mentions") == "immediately"
    page = member_client.get("/community/settings/").content.decode()
    assert "Choose right away, in the weekly digest, or never." in page


def test_guests_are_sent_to_sign_in(client):
    response = client.get("/community/settings/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_following_a_topic_from_the_settings_page(member_client, member):
    ResourceFactory(topics=["housing"])
    member_client.post("/community/settings/topics/", {"topic": "housing"})
    assert TopicFollow.objects.filter(user=member, tag__slug="housing").exists()
    response = member_client.post("/community/settings/topics/", {"topic": "nope"})
    assert response.status_code == 302
    assert TopicFollow.objects.filter(user=member).count() == 1


def test_the_settings_page_runs_a_fixed_number_of_queries(member_client, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def grow(n):
        board = BoardFactory()
        following.board_watch_set(user=member, board=board, level="watching")
        for i in range(n):
            thread = make_thread(board=board, author=member, title=f"T{i}")
            following.thread_watch_set(user=member, thread=thread, level="muted")
            ResourceFactory(topics=[f"topic-{n}-{i}"])
            topic_follow_set(user=member, tag_slug=f"topic-{n}-{i}", follow=True)

    counts = []
    for n in (2, 12):
        grow(n)
        with CaptureQueriesContext(connection) as queries:
            assert member_client.get("/community/settings/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- Unsubscribe ----------------------------------------------------------------------


def test_unsubscribe_link_works_without_signing_in(client, member):
    token = unsubscribe_token(member, "weekly_digest")
    page = client.get(f"/community/unsubscribe/{token}/")
    assert "Stop e-mails for “The weekly digest”?" in page.content.decode()
    assert setting(member, "weekly_digest") is True  # a GET changes nothing
    done = client.post(f"/community/unsubscribe/{token}/")
    assert (
        "you will get no more e-mail for “The weekly digest”" in done.content.decode()
    )
    assert setting(member, "weekly_digest") is False


def test_mail_clients_one_click_post_needs_no_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    token = unsubscribe_token(member, "mentions")
    response = client.post(
        f"/community/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert setting(member, "mentions") == "never"


def test_a_tampered_token_changes_nothing(client, member, other_member):
    token = unsubscribe_token(member, "mentions")
    forged = token.replace(
        signing.b64_encode(json.dumps({"u": member.pk}).encode()).decode()[:4], "AAAA"
    )
    for bad in (forged, token[:-3] + "abc", "nonsense"):
        response = client.post(f"/community/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    assert setting(member, "mentions") == "immediately"


def test_an_expired_token_changes_nothing(client, member, monkeypatch):
    token = unsubscribe_token(member, "mentions")
    monkeypatch.setattr("community.notifications.tokens.MAX_AGE", timedelta(seconds=-1))
    response = client.post(f"/community/unsubscribe/{token}/")
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert setting(member, "mentions") == "immediately"


def test_the_footer_link_of_a_real_e_mail_turns_that_kind_off(
    member, other_member, client, django_capture_on_commit_callbacks
):
    thread = make_thread(author=member)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(thread=thread, author=other_member, body="Hello")
    line = next(
        line for line in mail.outbox[0].body.splitlines() if "no sign-in" in line
    )
    path = line.split("http://127.0.0.1:8000", 1)[1]
    client.post(path)
    assert setting(member, "replies_to_you") == "never"


# --- Export ---------------------------------------------------------------------------


def test_export_holds_my_data_and_only_titles_of_threads_i_posted_in(
    member_client, member, other_member
):
    mine = make_thread(author=member, title="My thread")
    services.post_edit(post=mine.posts.get(), editor=member, body="Edited text")
    theirs = make_thread(author=other_member, title="Their private-ish title")
    services.reaction_toggle(post=theirs.posts.get(), user=member, kind="thanks")
    following.thread_watch_set(user=member, thread=theirs, level="watching")
    resource = ResourceFactory(title="Saved toolkit", topics=["housing"])
    bookmark_toggle(user=member, resource=resource)
    topic_follow_set(user=member, tag_slug="housing", follow=True)

    response = member_client.post("/community/settings/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment;" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {"data.json", "README.txt", "files/"}
    data = json.loads(archive.read("data.json"))
    assert data["account"]["handle"] == "maria"
    assert data["profile"]["name"] == "Maria Lopez"
    assert [p["text"] for p in data["posts"]] == ["Edited text"]
    assert data["posts"][0]["earlier_versions"][0]["text"].startswith("First post")
    assert data["posts"][0]["thread"]["title"] == "My thread"
    assert data["reactions"][0]["reaction"] == "thanks"
    assert data["bookmarks"][0]["resource"] == "Saved toolkit"
    assert data["follows"]["topics"] == ["housing"]
    assert data["notification_settings"]["mentions"] == "immediately"
    raw = archive.read("data.json").decode()
    assert "Their private-ish title" not in raw  # not a thread she posted in
    assert "james" not in raw
    assert "James Carter" not in raw


def test_export_is_limited_to_one_a_day(member_client, member):
    assert member_client.post("/community/settings/export/").status_code == 200
    again = member_client.post("/community/settings/export/", follow=True)
    assert again["Content-Type"].startswith("text/html")
    assert "You can download your data once a day" in again.content.decode()
    DataExport.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    assert member_client.post("/community/settings/export/").status_code == 200


# --- Closing the account --------------------------------------------------------------


def test_closing_the_account_needs_the_password(member_client, member):
    response = member_client.post(
        "/community/settings/close-account/", {"password": "wrong"}
    )
    assert response.status_code == 400
    assert "That is not your password" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active
    assert member.username == "maria"


def test_a_closed_account_is_anonymized_posts_stay_and_sign_in_fails(
    member_client, member, other_member
):
    thread = make_thread(author=other_member, title="Conversation")
    services.post_create(thread=thread, author=member, body="My words stay")
    response = member_client.post(
        "/community/settings/close-account/", {"password": PASSWORD}, follow=True
    )
    assert "Your account is closed" in response.content.decode()
    member.refresh_from_db()
    assert member.username == f"former-member-{member.pk}"
    assert (member.email, member.is_active) == ("", False)
    assert not member.has_usable_password()
    assert not EmailAddress.objects.filter(user=member).exists()
    assert member.profile.display_name == ""
    assert member.profile.bio == ""
    assert not ThreadFollow.objects.filter(user=member).exists()
    # Signed out here and unable to sign in again, by e-mail or handle.
    assert member_client.get("/community/settings/").status_code == 302
    login = Client().post(
        "/accounts/login/", {"login": "maria@example.org", "password": PASSWORD}
    )
    assert login.status_code == 200  # the form again, with an error
    assert not Client().login(username="maria", password=PASSWORD)
    # The thread keeps its sense.
    post = Post.objects.get(body="My words stay")
    assert post.author == member
    reader = Client()
    reader.force_login(other_member)
    page = reader.get(thread.get_absolute_url(), follow=True)
    assert f"former-member-{member.pk}" in page.content.decode()
    assert "Maria Lopez" not in page.content.decode()


def test_queued_e_mails_of_a_closed_account_are_not_sent(member):
    OutgoingEmail.objects.create(recipient=member, kind="reminder", key="r:1")
    account_anonymize(user=member)
    assert OutgoingEmail.objects.get().status == "skipped"


# --- Admin ----------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, db):
    admin = UserFactory(username="boss", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_staff_preview_any_members_digest(admin_client, member, other_member):
    thread = make_thread(author=member, title="Worth a look")
    services.post_create(thread=thread, author=other_member, body="reply")
    page = admin_client.get("/admin/community/digestschedule/preview/?member=maria")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Digest for Maria Lopez" in text
    assert "New posts in threads you follow" in text
    assert "Worth a look" in text
    nobody = admin_client.get("/admin/community/digestschedule/preview/?member=zz")
    assert "No member has that handle." in nobody.content.decode()


def test_the_outbox_shows_why_an_e_mail_failed(admin_client, member):
    OutgoingEmail.objects.create(
        recipient=member,
        kind="reminder",
        key="r:2",
        status="failed",
        attempts=5,
        last_error="SMTPRecipientsRefused: mailbox unavailable",
    )
    page = admin_client.get("/admin/community/outgoingemail/?status=failed")
    assert "SMTPRecipientsRefused: mailbox unavailable" in page.content.decode()


def test_the_digest_schedule_is_one_row_staff_edit(admin_client):
    page = admin_client.get("/admin/community/digestschedule/")
    assert page.status_code == 302
    response = admin_client.post(
        "/admin/community/digestschedule/1/change/", {"weekday": 4, "hour": 7}
    )
    assert response.status_code == 302
    bad = admin_client.post(
        "/admin/community/digestschedule/1/change/", {"weekday": 4, "hour": 31}
    )
    assert "Choose an hour from 0 to 23." in bad.content.decode()


def test_staff_close_an_account_from_the_admin(admin_client, member):
    url = "/admin/auth/user/"
    confirm = admin_client.post(
        url, {"action": "close_accounts", "_selected_action": [member.pk]}
    )
    assert "This cannot be undone" in confirm.content.decode()
    member.refresh_from_db()
    assert member.is_active
    admin_client.post(
        url,
        {"action": "close_accounts", "_selected_action": [member.pk], "confirm": "yes"},
    )
    member.refresh_from_db()
    assert member.username == f"former-member-{member.pk}"
    assert not get_user_model().objects.get(pk=member.pk).is_active


def test_the_former_member_prefix_is_kept_for_closed_accounts(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "x@example.org",
            "username": "Former-Member-7",
            "display_name": "Impostor",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert "kept for closed accounts" in response.content.decode()
    assert not get_user_model().objects.filter(email="x@example.org").exists()


def test_closing_scrubs_the_address_from_sent_mail_and_renames_in_notifications(
    member, other_member
):
    OutgoingEmail.objects.create(
        recipient=member,
        kind="reminder",
        key="r:3",
        status="sent",
        to_address="maria@example.org",
        subject="Tomorrow",
    )
    thread = make_thread(author=other_member)
    services.post_create(thread=thread, author=member, body="hello")
    account_anonymize(user=member)
    assert OutgoingEmail.objects.get(key="r:3").to_address == ""
    (note,) = other_member.notifications.all()
    assert note.text.startswith(f"@former-member-{member.pk} replied")


def test_the_settings_page_lists_only_threads_the_member_may_still_read(
    member_client, member
):
    from cohorts.models import CohortMembership
    from community.models import Board
    from tests.factories import CohortFactory, add_city, add_member

    cohort = CohortFactory()
    add_member(cohort, member, city=add_city(cohort))
    thread = make_thread(
        board=Board.objects.get(cohort=cohort), author=member, title="Cohort only"
    )
    assert "Cohort only" in member_client.get("/community/settings/").content.decode()
    CohortMembership.objects.filter(user=member).delete()
    thread.title = "Renamed after she left"
    thread.save()
    page = member_client.get("/community/settings/").content.decode()
    assert "Renamed after she left" not in page


def test_only_staff_who_see_every_cohort_preview_a_digest(client, member):
    from django.contrib.auth.models import Group

    moderator = UserFactory(username="mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    url = "/admin/community/digestschedule/preview/?member=maria"
    assert client.get(url).status_code == 403
    moderator.groups.add(Group.objects.get(name="Program staff"))
    assert client.get(url).status_code == 200


def test_the_digest_preview_runs_a_fixed_number_of_queries(
    admin_client, member, other_member
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (2, 10):
        for i in range(n):
            thread = make_thread(author=member, title=f"T{n}-{i}")
            services.post_create(thread=thread, author=other_member, body=f"x {n}-{i}")
        with CaptureQueriesContext(connection) as queries:
            page = admin_client.get(
                "/admin/community/digestschedule/preview/?member=maria"
            )
        assert f"T{n}-{n - 1}" in page.content.decode()  # the newest
        counts.append(len(queries))
    assert counts[0] == counts[1]
