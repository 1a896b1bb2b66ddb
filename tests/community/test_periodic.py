"""The worker's periodic jobs: reminders, announcements, the tick, and the real
worker process against PostgreSQL."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from community.discussions import services
from community.discussions.services import post_fan_out
from community.members.account import setting_set, topic_follow_set
from community.models import Checkpoint, Notification, OutgoingEmail
from community.notifications.mail import deliver_email
from community.notifications.periodic import announce_new, reminders_queue
from community.tasks import tick
from tests.cohorts.conftest import world  # noqa: F401 (a fixture)
from tests.factories import ResourceFactory, SessionFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_a_reminder_the_day_before_with_place_agenda_and_calendar(world, run_tasks):  # noqa: F811
    SessionFactory(
        cohort=world.cohort,
        kind="convening",
        title="Spring convening",
        starts_at=timezone.now() + timedelta(hours=20),
        location="City Hall, Room 4",
        online_url="https://meet.example.org/spring",
        agenda="1. **Welcome**\n2. Budget equity",
    )
    SessionFactory(cohort=world.cohort, starts_at=timezone.now() + timedelta(days=3))
    run_tasks(reminders_queue)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "coach@example.org", "james@example.org", "maria@example.org"
    ]  # fmt: skip
    message = next(m for m in mail.outbox if m.to == ["maria@example.org"])
    assert message.subject == "[Equity Commons] Tomorrow: Spring convening"
    assert "City Hall, Room 4" in message.body
    assert "https://meet.example.org/spring" in message.body
    assert "Budget equity" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype) == ("session.ics", "text/calendar; charset=utf-8")
    ical = content.decode() if isinstance(content, bytes) else content
    assert "SUMMARY:Spring convening" in ical
    assert "LOCATION:City Hall\\, Room 4" in ical
    run_tasks(reminders_queue)  # the next tick: nothing more
    assert len(mail.outbox) == 3


def test_a_city_only_session_reminds_that_city_and_the_coach_only(world, run_tasks):  # noqa: F811
    SessionFactory(
        cohort=world.cohort,
        kind="coaching_call",
        title="Long Beach call",
        for_city=world.long_beach,
        starts_at=timezone.now() + timedelta(hours=3),
    )
    setting_set(user=world.coach, name="session_reminders", value="off")
    run_tasks(reminders_queue)
    assert [m.to for m in mail.outbox] == [["maria@example.org"]]


def test_a_rescheduled_session_is_reminded_again(world, run_tasks):  # noqa: F811
    session = SessionFactory(
        cohort=world.cohort, starts_at=timezone.now() + timedelta(hours=5)
    )
    run_tasks(reminders_queue)
    first = len(mail.outbox)
    session.starts_at += timedelta(hours=2)
    session.ends_at += timedelta(hours=2)
    session.save()
    run_tasks(reminders_queue)
    assert first == 3
    assert len(mail.outbox) == 2 * first


def test_new_sessions_and_resources_are_announced_once(world, run_tasks):  # noqa: F811
    now = timezone.now()
    announce_new(now=now)  # the first run only marks where it starts
    session = SessionFactory(
        cohort=world.cohort, title="Added webinar", starts_at=now + timedelta(days=9)
    )
    topic_follow_set(
        user=world.outsider, tag_slug="budgeting", follow=True
    ) if False else None
    resource = ResourceFactory(title="New toolkit", topics=["budgeting"])
    topic_follow_set(user=world.outsider, tag_slug="budgeting", follow=True)
    resource.published_at = now + timedelta(seconds=1)
    resource.save()
    setting_set(user=world.participant, name="sessions", value="immediately")
    later = now + timedelta(minutes=5)
    run_tasks(announce_new, now=later)
    run_tasks(announce_new, now=later + timedelta(minutes=1))
    told = Notification.objects.filter(session=session)
    assert sorted(told.values_list("recipient__username", flat=True)) == [
        "coach", "james", "maria"
    ]  # fmt: skip
    assert Notification.objects.get(resource=resource).recipient == world.outsider
    # Maria chose "right away" for sessions; the rest wait for the digest.
    assert [m.to for m in mail.outbox] == [["maria@example.org"]]
    assert "Added webinar" in mail.outbox[0].subject


def test_the_tick_does_each_job_and_under_immediate_tasks_does_not_loop(
    member, other_member, run_tasks
):
    thread = make_thread(author=member)
    with override_settings(
        MAILERS={"default": {"BACKEND": "tests.mailers.RefusingBackend"}}
    ):
        run_tasks(services.post_create, thread=thread, author=other_member, body="x")
    OutgoingEmail.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    result = run_tasks(tick.call)
    assert result["requeued"] == 1
    assert OutgoingEmail.objects.get(kind="notification").status == "sent"
    # A new installation's first tick starts with next week's digest...
    assert result["digests"] == 0
    # ...and a week later (or a run that was missed) the digest goes out, once.
    Checkpoint.objects.filter(name="digest").update(
        reached_at=timezone.now() - timedelta(days=8)
    )
    assert run_tasks(tick.call)["digests"] == 2
    assert run_tasks(tick.call)["digests"] == 0


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_sends_a_queued_e_mail_once():
    member = UserFactory(username="maria")
    other = UserFactory(username="james")
    thread = make_thread(author=member)
    database = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=database):
        services.post_create(thread=thread, author=other, body="Reply")
        # Who hears of the reply is worked out by the worker, not in the request.
        queued = DBTaskResult.objects.get()
        assert (queued.status, queued.task_path) == ("READY", post_fan_out.module_path)
        assert mail.outbox == []
        assert not OutgoingEmail.objects.exists()
        worker = ["--batch", "--no-startup-delay", "--no-reload", "--verbosity", "0"]
        call_command("db_worker", *worker)
        assert [m.to for m in mail.outbox] == [["maria@example.org"]]
        assert set(DBTaskResult.objects.values_list("status", flat=True)) == {
            "SUCCESSFUL"
        }
        # The same delivery queued again (say, a retry raced a slow worker).
        deliver_email.enqueue(OutgoingEmail.objects.get().pk)
        call_command("db_worker", *worker)
        assert len(mail.outbox) == 1
        deliveries = DBTaskResult.objects.filter(task_path=deliver_email.module_path)
        assert set(deliveries.values_list("return_value", flat=True)) == {
            "sent",
            "nothing to send",
        }


@pytest.mark.django_db(transaction=True)
def test_run_worker_queues_the_tick_once():
    database = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=database):
        from community.tasks import tick_schedule

        assert tick_schedule() is True
        assert tick_schedule() is False  # one is waiting already
        assert DBTaskResult.objects.filter(task_path=tick.module_path).count() == 1


def test_a_reminder_lists_only_published_materials_in_the_sessions_own_time(
    world,  # noqa: F811
    run_tasks,
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    la = ZoneInfo("America/Los_Angeles")
    tomorrow = (timezone.now() + timedelta(hours=20)).astimezone(la)
    starts = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 9, 30, tzinfo=la)
    if starts <= timezone.now():
        starts += timedelta(days=1)
    session = SessionFactory(
        cohort=world.cohort,
        title="Long Beach visit",
        time_zone="America/Los_Angeles",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    session.materials.add(
        ResourceFactory(title="Public guide"),
        ResourceFactory(title="SECRET DRAFT", state="draft"),
    )
    run_tasks(reminders_queue, now=starts - timedelta(hours=20))
    message = next(m for m in mail.outbox if m.to == ["maria@example.org"])
    assert "Public guide" in message.body
    assert "SECRET DRAFT" not in message.body
    ical = message.attachments[0][1]
    assert "SECRET DRAFT" not in (ical if isinstance(ical, str) else ical.decode())
    zone = starts.strftime("%Z")  # PST or PDT
    assert f"9:30 AM – 11:30 AM {zone} (America/Los_Angeles)" in message.body


def test_sessions_from_before_the_first_tick_are_never_announced(world, run_tasks):  # noqa: F811
    SessionFactory(cohort=world.cohort, starts_at=timezone.now() + timedelta(days=5))
    now = timezone.now()
    announce_new(now=now)
    run_tasks(announce_new, now=now + timedelta(seconds=70))
    run_tasks(announce_new, now=now + timedelta(minutes=5))
    assert not Notification.objects.filter(kind="session").exists()


def test_an_e_mail_that_cannot_be_built_is_recorded_not_retried_unseen(
    member, other_member, run_tasks, monkeypatch
):
    thread = make_thread(author=member)

    def broken(email):
        raise ValueError("Header values may not contain linefeed")

    monkeypatch.setattr("community.notifications.emails.compose", broken)
    run_tasks(services.post_create, thread=thread, author=other_member, body="x")
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == ("queued", 1)
    assert email.last_error == "ValueError: Header values may not contain linefeed"
