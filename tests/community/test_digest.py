"""The weekly digest: what it holds, in what order, and when it is (not) sent."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from community.discussions import following, services
from community.members.account import setting_set, topic_follow_set
from community.models import DigestSchedule, OutgoingEmail, Post, ReadState
from community.notifications.digest import digest_sections
from community.notifications.mail import email_deliver
from community.notifications.periodic import digest_run, digest_slot
from tests.cohorts.conftest import world  # noqa: F401 (a fixture)
from tests.factories import BoardFactory, ResourceFactory, SessionFactory, UserFactory
from tests.factories import make_thread as _make_thread

pytestmark = pytest.mark.django_db


def make_thread(**kwargs):
    return _make_thread(**kwargs)


def week(user, *, since=None, until=None):
    now = timezone.now()
    return digest_sections(
        user, since=since or now - timedelta(days=7), until=until or now
    )


def keys(sections):
    return [section.key for section in sections]


def titles(section):
    return [item.title for item in section.items]


def aged(post, **delta):
    """Move a post back in time, as if written earlier in the week."""
    Post.objects.filter(pk=post.pk).update(
        created_at=timezone.now() - timedelta(**delta)
    )


def test_every_section_in_order_each_one_present_when_something_is_new(world):  # noqa: F811
    maria, james, coach = world.participant, world.city_lead, world.coach
    # Upcoming session of her cohort.
    SessionFactory(
        cohort=world.cohort,
        title="Site visit",
        starts_at=timezone.now() + timedelta(days=2),
    )
    # For you: a reaction to her post.
    mine = make_thread(author=maria, title="My question")
    services.reaction_toggle(post=mine.posts.get(), user=james, kind="helpful")
    # New posts in a thread she follows (she started it).
    services.post_create(thread=mine, author=coach, body="An answer")
    # Popular in a board she reads.
    busy = make_thread(board=BoardFactory(slug="general"), author=james, title="Busy")
    for text in ("one", "two"):
        services.post_create(thread=busy, author=coach, body=text)
    # A new resource in a topic she follows.
    ResourceFactory(
        title="Budget toolkit", topics=["budgeting"], published_at=timezone.now()
    )
    topic_follow_set(user=maria, tag_slug="budgeting", follow=True)
    # An unanswered question on her cohort's board.
    make_thread(board=world.cohort.board, author=james, title="Anyone tried X?")

    sections = week(maria)
    assert keys(sections) == [
        "sessions", "personal", "watched", "popular", "resources", "unanswered"
    ]  # fmt: skip
    by_key = {s.key: s for s in sections}
    assert titles(by_key["sessions"]) == ["Site visit"]
    assert titles(by_key["watched"]) == ["My question"]
    assert titles(by_key["popular"]) == ["Busy"]
    assert titles(by_key["resources"]) == ["Budget toolkit"]
    assert titles(by_key["unanswered"]) == ["Anyone tried X?"]


def test_within_a_section_the_newest_comes_first(member, other_member):
    older = make_thread(author=member, title="Older")
    newer = make_thread(author=member, title="Newer")
    aged(services.post_create(thread=older, author=other_member, body="a"), hours=5)
    aged(services.post_create(thread=newer, author=other_member, body="b"), hours=1)
    (watched,) = [s for s in week(member) if s.key == "watched"]
    assert titles(watched) == ["Newer", "Older"]
    assert watched.items[0].detail.endswith("1 new post")


def test_a_thread_appears_once_even_when_followed_and_popular(member, other_member):
    thread = make_thread(author=member, title="Both")
    for text in ("one", "two", "three"):
        services.post_create(thread=thread, author=other_member, body=text)
    listed = [item.title for section in week(member) for item in section.items]
    assert listed.count("Both") == 1


def test_what_was_read_on_the_site_is_left_out(member, other_member):
    thread = make_thread(author=member, title="Read already")
    last = services.post_create(thread=thread, author=other_member, body="hi")
    services.reaction_toggle(
        post=thread.posts.first(), user=other_member, kind="thanks"
    )
    assert keys(week(member)) == ["personal", "watched"]  # a reaction; new posts
    ReadState.objects.filter(user=member, thread=thread).update(read_up_to=last.pk)
    member.notifications.update(read_at=timezone.now())
    assert week(member) == []


def test_muted_threads_and_settings_set_to_never_are_left_out(member, other_member):
    thread = make_thread(author=member, title="Quiet")
    for text in ("one", "two"):
        services.post_create(thread=thread, author=other_member, body=text)
    setting_set(user=member, name="watched", value="never")
    assert "watched" not in keys(week(member))
    following.thread_watch_set(user=member, thread=thread, level="muted")
    assert week(member) == []


def test_a_digest_with_nothing_new_is_not_sent(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_run() == 1
    email = OutgoingEmail.objects.get()
    assert (email.status, email.last_error) == (
        "skipped",
        "Nothing new for this member.",
    )
    assert mail.outbox == []


def test_one_digest_a_week_and_a_lost_week_is_caught_up_once(
    member, other_member, django_capture_on_commit_callbacks
):
    run = django_capture_on_commit_callbacks
    thread = make_thread(author=member, title="Week one")
    services.post_create(thread=thread, author=other_member, body="first")
    start = timezone.now()
    with run(execute=True):
        digest_run(now=start)
        digest_run(now=start + timedelta(hours=1))  # the same week: nothing more
    assert len(mail.outbox) == 1
    assert "Week one" in mail.outbox[0].body
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"]

    # The next week's digest fails for good (say the mail server was down).
    lost = make_thread(author=member, title="Week two")
    services.post_create(thread=lost, author=other_member, body="second")
    with (
        override_settings(
            MAILERS={"default": {"BACKEND": "tests.mailers.RefusingBackend"}}
        ),
        run(execute=True),
    ):
        digest_run(now=start + timedelta(days=7))
    OutgoingEmail.objects.filter(status="queued").update(status="failed")

    # The week after covers both weeks since the last digest that went out.
    with run(execute=True):
        digest_run(now=start + timedelta(days=14))
    assert len(mail.outbox) == 2
    third = (
        OutgoingEmail.objects.filter(kind="digest", recipient=member)
        .order_by("-period_end")
        .first()
    )
    assert third.period_start == start
    assert "Week two" in mail.outbox[1].body
    assert "Week one" not in mail.outbox[1].body  # already in the first digest


def test_a_late_run_is_still_this_weeks_digest():
    schedule = DigestSchedule(weekday=1, hour=8)  # Tuesdays, 8:00 New York
    wednesday = datetime(2026, 11, 18, 15, tzinfo=UTC)
    slot = digest_slot(wednesday, schedule)
    assert (slot.isoformat(), slot.weekday()) == ("2026-11-17T08:00:00-05:00", 1)
    monday = datetime(2026, 11, 23, 15, tzinfo=UTC)
    assert digest_slot(monday, schedule) == slot  # still that week's
    tuesday_early = datetime(2026, 11, 24, 12, tzinfo=UTC)  # 7:00 in New York
    assert digest_slot(tuesday_early, schedule) == slot
    assert digest_slot(tuesday_early + timedelta(hours=1), schedule) > slot


def test_members_who_turned_the_digest_off_or_never_verified_get_none(
    member, django_capture_on_commit_callbacks
):
    setting_set(user=member, name="weekly_digest", value="off")
    UserFactory(username="unverified", verified=False)
    assert digest_run() == 0


def test_the_digest_runs_a_fixed_number_of_queries(
    member, other_member, django_assert_num_queries
):
    def activity(n):
        for i in range(n):
            thread = make_thread(author=member, title=f"T{i}")
            services.post_create(thread=thread, author=other_member, body=f"x {n}-{i}")
            services.reaction_toggle(
                post=thread.posts.first(), user=other_member, kind="thanks"
            )

    activity(2)
    counts = []
    for _more in (0, 8):
        activity(_more)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            sections = week(member)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert len([i for s in sections for i in s.items]) >= 10


def test_delivering_a_digest_twice_sends_one(
    member, other_member, django_capture_on_commit_callbacks
):
    thread = make_thread(author=member)
    services.post_create(thread=thread, author=other_member, body="x")
    with django_capture_on_commit_callbacks(execute=True):
        digest_run()
    email = OutgoingEmail.objects.get(kind="digest", recipient=member)
    assert email_deliver(email_id=email.pk) == "nothing to send"
    assert len(mail.outbox) == 1


def test_a_spanish_digest_gives_the_spanish_title_or_marks_the_english(
    member, django_capture_on_commit_callbacks
):
    member.profile.language = "es"
    member.profile.save(update_fields=["language"])
    now = timezone.now()
    ResourceFactory(
        title="Budget toolkit",
        title_es="Guía de presupuestos",
        topics=["budgeting"],
        published_at=now,
    )
    ResourceFactory(title="Budget webinar", topics=["budgeting"], published_at=now)
    topic_follow_set(user=member, tag_slug="budgeting", follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        digest_run()
    [email] = mail.outbox
    html = email.alternatives[0][0]
    assert '#5a3d8a">Guía de presupuestos</a>' in html
    assert '#5a3d8a" lang="en">Budget webinar</a>' in html
    assert "Guía de presupuestos" in email.body
    assert "Budget toolkit" not in email.body + html
