"""Members in control: settings, unsubscribing without signing in, their data export."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.utils import timezone

from community.discussions import following, services
from community.members.account import topic_follow_set
from community.models import DataExport, NotificationSettings, TopicFollow
from community.notifications.tokens import unsubscribe_token
from resources.services import bookmark_toggle
from tests.client import Client
from tests.factories import BoardFactory, ResourceFactory, make_thread

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
