"""Every e-mail the site sends, to a member who chose Spanish, is in Spanish: its
subject, its text and HTML parts and its calendar file hold no English but what
people wrote (tests/spanish.py). A member who chose English gets English."""

import itertools
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from community.conversations.services import conversation_start
from community.discussions import moderation, services
from community.members.account import setting_set
from community.models import (
    Delivery,
    Notification,
    NotificationSettings,
    OutgoingEmail,
)
from community.notifications.periodic import digest_run, reminders_queue
from community.notifications.services import notify
from tests.cohorts.conftest import world  # noqa: F401 (a fixture)
from tests.factories import (
    PASSWORD,
    BoardFactory,
    ResourceFactory,
    SessionFactory,
    UserFactory,
    make_thread,
)
from tests.spanish import (
    ENGLISH,
    SPANISH,
    english_in_calendar,
    english_in_html,
    english_in_text,
    stored_texts,
)

pytestmark = pytest.mark.django_db

_KEYS = itertools.count(10**9)  # each test's stored texts are read anew


def _content() -> tuple[str, ...]:
    """What people wrote, without the e-mails' own records (their subjects)."""
    OutgoingEmail.objects.all().delete()
    return stored_texts(next(_KEYS))


def english_in_email(message, content) -> list[str]:
    found = english_in_text(message.subject, content)
    found += english_in_text(message.body, content)
    for body, kind in getattr(message, "alternatives", []):
        if kind == "text/html":
            found += english_in_html(body, content)
    for _name, data, kind in message.attachments:
        if kind.startswith("text/calendar"):
            text = data.decode() if isinstance(data, bytes) else data
            found += english_in_calendar(text, content)
    return found


def _spanish(user):
    user.profile.language = "es"
    user.profile.save(update_fields=["language"])
    return user


def _everything_at_once(user):
    for name in NotificationSettings.DELIVERY_FIELDS:
        setting_set(user=user, name=name, value=Delivery.IMMEDIATELY)


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


# --- Notifications ----------------------------------------------------------------


def _about(kind, world, maria):  # noqa: F811 - world is the fixture's value
    """What a notification of this kind is about, made by someone else."""
    james = world.city_lead
    if kind == Notification.Kind.SESSION:
        return {"session": world.convening}
    if kind == Notification.Kind.RESOURCE:
        return {"resource": ResourceFactory(title="Budget toolkit")}
    board = BoardFactory(slug="general", name="General")
    thread = make_thread(board=board, author=maria, title="Bus lanes")
    post = services.post_create(
        thread=thread, author=james, body="Have you seen the Seattle toolkit, @maria?"
    )
    detail = "helpful" if kind == Notification.Kind.REACTION else ""
    return {"post": post, "detail": detail}


NOTIFIED_KINDS = [
    kind
    for kind in Notification.Kind
    if kind
    not in {
        Notification.Kind.MESSAGE,
        Notification.Kind.MODERATION,
        Notification.Kind.RESTORED,
    }
]


@pytest.mark.parametrize("kind", NOTIFIED_KINDS)
def test_each_kind_of_notification_e_mail_is_in_spanish(world, run_tasks, kind):  # noqa: F811
    maria = _spanish(world.participant)
    _everything_at_once(maria)
    about = _about(kind, world, maria)
    mail.outbox.clear()
    run_tasks(notify, recipients=[maria], kind=kind, actor=world.city_lead, **about)
    (message,) = _to(maria.email)
    assert not english_in_email(message, _content())


def test_a_private_message_e_mail_is_in_spanish(world, run_tasks):  # noqa: F811
    maria = _spanish(world.participant)
    run_tasks(
        conversation_start,
        author=world.city_lead,
        recipients=[maria],
        subject="Budget hearing",
        body="Are you coming on Monday?",
    )
    (message,) = _to(maria.email)
    assert not english_in_email(message, _content())


def test_moderators_hiding_and_restoring_a_post_are_told_in_spanish(
    world,  # noqa: F811
    moderator_user,
    run_tasks,
):
    maria = _spanish(world.participant)
    _everything_at_once(maria)
    thread = make_thread(board=BoardFactory(slug="general"), author=world.coach)
    post = services.post_create(thread=thread, author=maria, body="Off topic")
    run_tasks(moderation.post_hide, post=post, moderator=moderator_user, reason="Spam")
    run_tasks(moderation.post_restore, post=post, moderator=moderator_user)
    hidden, restored = _to(maria.email)
    content = _content()
    assert not english_in_email(hidden, content)
    assert not english_in_email(restored, content)


# --- Reminders and the digest -----------------------------------------------------


def test_a_session_reminder_and_its_calendar_file_are_in_spanish(world, run_tasks):  # noqa: F811
    maria = _spanish(world.participant)
    session = SessionFactory(
        cohort=world.cohort,
        kind="convening",
        title="Spring convening",
        starts_at=timezone.now() + timedelta(hours=20),
        host_city=world.long_beach,
        location="City Hall, Room 4",
        online_url="https://meet.example.org/spring",
        agenda="1. **Welcome**",
    )
    session.materials.add(ResourceFactory(title="Budget toolkit"))
    run_tasks(reminders_queue)
    (message,) = _to(maria.email)
    assert message.attachments  # the .ics file
    assert not english_in_email(message, _content())


def test_the_weekly_digest_is_in_spanish(world, run_tasks):  # noqa: F811
    maria = _spanish(world.participant)
    SessionFactory(
        cohort=world.cohort,
        title="Site visit",
        starts_at=timezone.now() + timedelta(days=2),
    )
    cancelled = SessionFactory(
        cohort=world.cohort, starts_at=timezone.now() + timedelta(days=3)
    )
    cancelled.cancelled = True
    cancelled.save()
    mine = make_thread(author=maria, title="My question")
    services.reaction_toggle(
        post=mine.posts.get(), user=world.city_lead, kind="helpful"
    )
    services.post_create(thread=mine, author=world.coach, body="An answer")
    make_thread(board=world.cohort.board, author=world.city_lead, title="Anyone?")
    mail.outbox.clear()
    run_tasks(digest_run)
    (message,) = _to(maria.email)
    assert "My question" in message.body
    assert not english_in_email(message, _content())


# --- Account e-mails (allauth's) --------------------------------------------------


def test_signing_up_in_spanish_sends_the_confirmation_in_spanish(client):
    client.post(
        "/accounts/signup/",
        {
            "email": "nueva@example.org",
            "username": "nueva",
            "display_name": "Nueva Miembro",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        headers=SPANISH,
    )
    (message,) = _to("nueva@example.org")
    assert not english_in_email(message, _content())


def test_a_password_reset_is_in_the_language_the_member_chose(client):
    # Asked for from a browser in English: the member chose Spanish.
    maria = _spanish(UserFactory(username="maria"))
    client.post("/accounts/password/reset/", {"email": maria.email}, headers=ENGLISH)
    (message,) = _to(maria.email)
    assert "/accounts/password/reset/key/" in message.body
    assert not english_in_email(message, _content())


def test_signing_up_with_a_taken_address_tells_its_owner_in_their_language(client):
    maria = _spanish(UserFactory(username="maria"))
    client.post(
        "/accounts/signup/",
        {
            "email": maria.email,
            "username": "someone",
            "display_name": "Some One",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        headers=ENGLISH,
    )
    (message,) = _to(maria.email)
    assert not english_in_email(message, _content())


def test_a_reset_for_an_address_of_no_account_answers_in_the_pages_language(client):
    client.post(
        "/accounts/password/reset/", {"email": "nadie@example.org"}, headers=SPANISH
    )
    (message,) = _to("nadie@example.org")
    assert not english_in_email(message, _content())


def test_adding_an_address_sends_its_confirmation_in_spanish(client):
    maria = _spanish(UserFactory(username="maria"))
    client.post("/accounts/login/", {"login": maria.email, "password": PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    client.post(
        "/accounts/email/", {"action_add": "", "email": "maria.trabajo@example.org"}
    )
    (message,) = _to("maria.trabajo@example.org")
    assert not english_in_email(message, _content())


# --- And in English ---------------------------------------------------------------


def test_a_member_who_chose_english_gets_english(world, run_tasks, client):  # noqa: F811
    maria = world.participant
    maria.profile.language = "en"
    maria.profile.save(update_fields=["language"])
    SessionFactory(
        cohort=world.cohort,
        title="Spring convening",
        starts_at=timezone.now() + timedelta(hours=20),
    )
    run_tasks(reminders_queue)
    # Asked for from a browser in Spanish: the member chose English.
    client.post("/accounts/password/reset/", {"email": maria.email}, headers=SPANISH)
    reminder, reset = _to(maria.email)
    assert reminder.subject == "[Equity Commons] Tomorrow: Spring convening"
    assert "When:" in reminder.body
    assert " PM" in reminder.body or " AM" in reminder.body
    assert reset.subject == "[Equity Commons] Password Reset Email"
    assert english_in_email(reset, _content())  # what the check above would see
