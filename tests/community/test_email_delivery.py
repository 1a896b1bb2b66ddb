"""Sending notification e-mails: never twice, retries, a killed worker, late changes."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.utils import timezone

from community.discussions import services
from community.members.account import account_anonymize
from community.models import Board, Notification, OutgoingEmail
from community.notifications.mail import (
    LEASE,
    MAX_ATTEMPTS,
    email_deliver,
    email_queue_many,
    emails_requeue_due,
)
from tests.community.email_helpers import reply
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db

FAILING = {"default": {"BACKEND": "tests.mailers.RefusingBackend"}}
TIMING_OUT = {"default": {"BACKEND": "tests.mailers.TimingOutBackend"}}


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
