"""Notification e-mails: who gets what, when, and what is in them."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.utils import timezone

from community.discussions import following, services
from community.members.account import account_anonymize, setting_set
from community.models import (
    Board,
    Notification,
    NotificationSettings,
    OutgoingEmail,
    ThreadFollow,
)
from community.notifications.mail import (
    LEASE,
    MAX_ATTEMPTS,
    email_deliver,
    email_queue_many,
    emails_requeue_due,
)
from tests.factories import BoardFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

FAILING = {"default": {"BACKEND": "tests.mailers.RefusingBackend"}}
TIMING_OUT = {"default": {"BACKEND": "tests.mailers.TimingOutBackend"}}


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run what is queued after commit (tests run inside one transaction)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def reply(run_tasks, thread, author, body="A reply", **kwargs):
    return run_tasks(
        services.post_create, thread=thread, author=author, body=body, **kwargs
    )


def test_a_reply_to_my_thread_reaches_my_inbox_with_both_parts(
    member, other_member, run_tasks
):
    thread = make_thread(author=member, title="Budget equity tools")
    post = reply(run_tasks, thread, other_member, "Try the **Seattle** toolkit")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maria@example.org"]
    assert message.subject == "[Equity Commons] Budget equity tools"
    assert "@james replied to you in “Budget equity tools”" in message.body
    assert f"http://127.0.0.1:8000/community/p/{post.pk}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<strong>Seattle</strong>" in html
    assert f'href="http://127.0.0.1:8000/community/p/{post.pk}/"' in html


def test_every_e_mail_has_one_click_unsubscribe_and_thread_headers(
    member, other_member, run_tasks
):
    thread = make_thread(author=member)
    reply(run_tasks, thread, other_member)
    reply(run_tasks, thread, other_member, "And another")
    first, second = mail.outbox
    headers = first.extra_headers
    assert headers["List-Unsubscribe"].startswith(
        "<http://127.0.0.1:8000/community/unsubscribe/"
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Both point at the thread, so mail clients show them as one conversation.
    assert headers["In-Reply-To"] == f"<thread-{thread.pk}@127.0.0.1>"
    assert second.extra_headers["References"] == headers["In-Reply-To"]
    assert headers["Message-ID"] != second.extra_headers["Message-ID"]
    unsubscribe = headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in first.body  # the footer link
    assert "Replies to your threads and posts" in first.body


def test_defaults_mentions_at_once_reactions_in_the_digest(
    member, other_member, run_tasks
):
    thread = make_thread(author=other_member)
    post = reply(run_tasks, thread, other_member, "cc @maria")
    assert [m.to for m in mail.outbox] == [["maria@example.org"]]
    run_tasks(
        services.reaction_toggle, post=thread.posts.first(), user=member, kind="thanks"
    )
    assert len(mail.outbox) == 1  # the reaction waits for the digest
    assert Notification.objects.filter(recipient=other_member, kind="reaction")
    assert post.pk


def test_never_means_no_e_mail_but_the_site_still_notifies(
    member, other_member, run_tasks
):
    setting_set(user=member, name="replies_to_you", value="never")
    thread = make_thread(author=member)
    reply(run_tasks, thread, other_member)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=member, kind="reply_to_you").exists()


def test_the_same_event_is_never_e_mailed_twice(member, other_member, run_tasks):
    thread = make_thread(author=member)
    reply(run_tasks, thread, other_member)
    email = OutgoingEmail.objects.get()
    assert email.status == "sent"
    assert email_deliver(email_id=email.pk) == "nothing to send"
    run_tasks(email_queue_many, Notification.objects.filter(recipient=member))
    assert OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_refusing_mail_server_is_retried_then_recorded_as_failed(
    member, other_member, run_tasks, client
):
    thread = make_thread(author=member)
    client.force_login(other_member)
    with override_settings(MAILERS=FAILING):
        # The client's requests run their tasks after commit, as the worker would.
        response = client.post(f"/community/t/{thread.pk}/reply/", {"body": "Hello"})
        assert response.status_code == 302  # the request never notices
        email = OutgoingEmail.objects.get()
        assert (email.status, email.attempts) == ("queued", 1)
        assert "SMTPRecipientsRefused" in email.last_error
        for _attempt in range(MAX_ATTEMPTS - 1):
            OutgoingEmail.objects.update(next_attempt_at=email.created_at)
            run_tasks(emails_requeue_due)
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("failed", MAX_ATTEMPTS)
    assert "Mailbox unavailable" in email.last_error
    assert email.next_attempt_at is None
    assert mail.outbox == []


def test_a_retry_is_not_due_before_its_back_off(member, other_member, run_tasks):
    thread = make_thread(author=member)
    with override_settings(MAILERS=TIMING_OUT):
        reply(run_tasks, thread, other_member)
        assert run_tasks(emails_requeue_due) == 0  # waits a minute first
    email = OutgoingEmail.objects.get()
    assert email.last_error == "TimeoutError: timed out"
    OutgoingEmail.objects.update(next_attempt_at=email.created_at)
    run_tasks(emails_requeue_due)  # the server is back
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 2)
    assert len(mail.outbox) == 1


def test_a_member_closed_between_event_and_sending_gets_nothing(
    member, other_member, run_tasks
):
    thread = make_thread(author=member)
    services.post_create(thread=thread, author=other_member, body="Reply")
    email = OutgoingEmail.objects.get()  # queued; the task runs after commit
    account_anonymize(user=member)  # its notifications go, and their e-mails
    assert email_deliver(email_id=email.pk) == "nothing to send"
    assert mail.outbox == []


def test_a_member_deleted_between_event_and_sending_is_no_error(member, other_member):
    thread = make_thread(author=member)
    services.post_create(thread=thread, author=other_member, body="Reply")
    email_id = OutgoingEmail.objects.get().pk
    member.delete()
    assert email_deliver(email_id=email_id) == "nothing to send"
    assert mail.outbox == []


def test_a_cohort_board_post_never_reaches_a_non_member(run_tasks):
    from tests.factories import CohortFactory, add_city, add_member

    cohort = CohortFactory()
    board = Board.objects.get(cohort=cohort)
    city = add_city(cohort)
    insider = UserFactory(username="insider")
    outsider = UserFactory(username="outsider")
    add_member(cohort, insider, city=city)
    # The outsider once followed the thread (e.g. before the board went private).
    thread = make_thread(board=board, author=insider, title="Private plans")
    ThreadFollow.objects.create(user=outsider, thread=thread, level="watching")
    reply(run_tasks, thread, insider, "Secret detail, cc @outsider")
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert all("outsider@example.org" not in m.to for m in mail.outbox)


def test_leaving_the_cohort_before_sending_stops_the_e_mail(run_tasks):
    from cohorts.models import CohortMembership
    from tests.factories import CohortFactory, add_city, add_member

    cohort = CohortFactory()
    board = Board.objects.get(cohort=cohort)
    city = add_city(cohort)
    author, leaver = UserFactory(username="author"), UserFactory(username="leaver")
    add_member(cohort, author, city=city)
    add_member(cohort, leaver, city=city)
    thread = make_thread(board=board, author=leaver, title="Our plan")
    services.post_create(thread=thread, author=author, body="Private reply")
    CohortMembership.objects.filter(user=leaver).delete()
    email = OutgoingEmail.objects.get(recipient=leaver)
    email_deliver(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == "skipped"
    assert email.last_error == "The member may no longer read this board."
    assert mail.outbox == []


def test_reading_it_on_the_site_first_means_no_e_mail(member, other_member):
    thread = make_thread(author=member)
    services.post_create(thread=thread, author=other_member, body="Reply")
    Notification.objects.filter(recipient=member).update(read_at=thread.created_at)
    email = OutgoingEmail.objects.get()
    email_deliver(email_id=email.pk)
    assert mail.outbox == []


# --- Watching levels ------------------------------------------------------------------


def test_watching_a_thread_brings_every_post_normal_only_replies_to_me(
    member, other_member, run_tasks
):
    third = UserFactory(username="third")
    thread = make_thread(author=other_member)
    reply(run_tasks, thread, member, "My first reply")  # member is now "normal"
    reply(run_tasks, thread, third, "Unrelated")
    assert not Notification.objects.filter(recipient=member).exists()
    following.thread_watch_set(user=member, thread=thread, level="watching")
    reply(run_tasks, thread, third, "Another")
    assert Notification.objects.get(recipient=member).kind == "reply"


def test_muted_thread_brings_nothing_not_even_mentions(member, other_member):
    thread = make_thread(author=member)
    following.thread_watch_set(user=member, thread=thread, level="muted")
    services.post_create(thread=thread, author=other_member, body="@maria look")
    assert not Notification.objects.filter(recipient=member).exists()


def test_watching_a_board_brings_its_new_threads(member, other_member, run_tasks):
    board = BoardFactory()
    following.board_watch_set(user=member, board=board, level="watching")
    setting_set(user=member, name="watched", value="immediately")
    run_tasks(make_thread, board=board, author=other_member, title="New idea")
    note = Notification.objects.get(recipient=member)
    assert note.kind == "new_thread"
    assert mail.outbox[0].subject == "[Equity Commons] New idea"


def test_a_muted_board_is_overridden_by_watching_one_of_its_threads(
    member, other_member
):
    board = BoardFactory()
    thread = make_thread(board=board, author=other_member)
    following.board_watch_set(user=member, board=board, level="muted")
    services.post_create(thread=thread, author=other_member, body="one")
    assert not Notification.objects.filter(recipient=member).exists()
    following.thread_watch_set(user=member, thread=thread, level="watching")
    services.post_create(thread=thread, author=other_member, body="two")
    assert Notification.objects.filter(recipient=member).count() == 1


def test_settings_reject_an_unknown_choice(member):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        setting_set(user=member, name="mentions", value="hourly")
    with pytest.raises(ValidationError):
        setting_set(user=member, name="is_staff", value="on")
    assert NotificationSettings.objects.get(user=member).mentions == "immediately"


class WorkerKilled(BaseException):
    """The worker's process ends in the middle of handing a message over."""


class DyingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise WorkerKilled


def test_an_email_a_worker_was_killed_sending_goes_again_marked_maybe_twice(
    member, other_member, run_tasks, admin_client
):
    thread = make_thread(author=member)
    services.post_create(thread=thread, author=other_member, body="A reply")  # queued
    dying = {"default": {"BACKEND": f"{__name__}.DyingBackend"}}
    with override_settings(MAILERS=dying), pytest.raises(WorkerKilled):
        email_deliver(email_id=OutgoingEmail.objects.get().pk)
    email = OutgoingEmail.objects.get()
    assert email.status == "sending"  # committed before the hand-over
    first_message_id = email.message_id
    # Not before the lease: the worker may still be at it.
    assert run_tasks(emails_requeue_due) == 0
    OutgoingEmail.objects.update(sending_since=timezone.now() - LEASE)
    run_tasks(emails_requeue_due)
    email.refresh_from_db()
    assert (email.status, email.maybe_twice) == ("sent", True)
    # The same Message-ID: a mail program shows the duplicate once.
    assert mail.outbox[0].extra_headers["Message-ID"] == first_message_id
    # Staff see it in the list of outgoing e-mails.
    page = admin_client.get("/admin/community/outgoingemail/?maybe_twice__exact=1")
    assert email.subject in page.content.decode()
