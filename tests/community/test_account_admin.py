"""Members' accounts in the admin: digest previews, the outbox, schedule, closing."""

import pytest
from django.contrib.auth import get_user_model

from community.discussions import services
from community.models import OutgoingEmail
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


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
