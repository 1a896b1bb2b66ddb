"""Answers and cancellations in the worker's mail: no reminder to a member who is
not going, none for a cancelled session (when queued and again when sent), a
cancelled session marked in the digest and never announced."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cohorts.attendance import session_respond
from community.models import Notification, OutgoingEmail
from community.notifications.digest import digest_sections
from community.notifications.mail import email_deliver
from community.notifications.periodic import announce_new, reminders_queue
from tests.cohorts.conftest import world  # noqa: F401 (a fixture)
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

EVERYONE = ["coach@example.org", "james@example.org", "maria@example.org"]


def tomorrow(world, **fields):  # noqa: F811
    return SessionFactory(
        cohort=world.cohort,
        title="Spring convening",
        starts_at=timezone.now() + timedelta(hours=20),
        **fields,
    )


def recipients():
    return sorted(m.to[0] for m in mail.outbox)


def test_no_reminder_to_a_member_who_is_not_going(world, run_tasks):  # noqa: F811
    session = tomorrow(world)
    session_respond(session=session, user=world.participant, answer="not_going")
    session_respond(session=session, user=world.city_lead, answer="maybe")
    run_tasks(reminders_queue)
    assert recipients() == ["coach@example.org", "james@example.org"]


def test_no_reminder_for_a_cancelled_session(world, run_tasks):  # noqa: F811
    tomorrow(world, cancelled=True)
    run_tasks(reminders_queue)
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def test_a_reminder_queued_before_the_session_was_cancelled_is_not_sent(world):  # noqa: F811
    session = tomorrow(world)
    assert reminders_queue() == 3  # queued; the worker has not sent them yet
    session.cancelled = True
    session.save()
    for email in OutgoingEmail.objects.all():
        email_deliver(email_id=email.pk)
    assert mail.outbox == []
    assert set(OutgoingEmail.objects.values_list("status", "last_error")) == {
        ("skipped", "The session was cancelled.")
    }


def test_a_reminder_queued_before_the_member_said_not_going_is_not_sent(world):  # noqa: F811
    session = tomorrow(world)
    reminders_queue()
    session_respond(session=session, user=world.participant, answer="not_going")
    for email in OutgoingEmail.objects.all():
        email_deliver(email_id=email.pk)
    assert recipients() == ["coach@example.org", "james@example.org"]
    skipped = OutgoingEmail.objects.get(recipient=world.participant)
    assert skipped.last_error == "The member answered that they are not going."


def test_the_reminder_says_where_to_say_one_is_not_coming(world, run_tasks):  # noqa: F811
    tomorrow(world)
    run_tasks(reminders_queue)
    assert recipients() == EVERYONE
    assert "Not coming after all? Say so there" in mail.outbox[0].body


def test_the_digest_marks_a_cancelled_session(world):  # noqa: F811
    SessionFactory(
        cohort=world.cohort,
        title="Site visit",
        starts_at=timezone.now() + timedelta(days=2),
        cancelled=True,
    )
    now = timezone.now()
    sections = digest_sections(world.participant, since=now - timedelta(7), until=now)
    (item,) = next(s for s in sections if s.key == "sessions").items
    assert item.title == "Site visit"
    assert item.detail.startswith("Cancelled · 2018 cohort")


def test_a_session_created_cancelled_is_not_announced(world, run_tasks):  # noqa: F811
    now = timezone.now()
    announce_new(now=now)
    SessionFactory(
        cohort=world.cohort, starts_at=now + timedelta(days=9), cancelled=True
    )
    run_tasks(announce_new, now=now + timedelta(minutes=5))
    assert not Notification.objects.filter(kind="session").exists()
