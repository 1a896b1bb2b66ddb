"""Outgoing e-mail: recorded first, sent by a task, retried; delivered at least once.

Every e-mail is an `OutgoingEmail` row whose unique key names the event. The task
`deliver_email` (the worker's task) locks the row, builds the message, marks the row
"being sent" (committed), hands the message to the mail server and records the
outcome: sent, not sent (and why), or a failure to retry later. A periodic sweep
re-queues what is due, so a lost task or a mail server that was down does not lose
an e-mail.

The guarantee is at least once: a worker killed after the mail server took the
message and before the row says "sent" leaves it "being sent"; after LEASE the
sweep sends it again and marks it "may have arrived twice". That window is one
e-mail per worker, and the Message-ID (email-<id>) stays the same on every try,
so mail programs show the duplicate once."""

import logging
import smtplib
import uuid
from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from community.models import OutgoingEmail
from community.models.profiles import language_of

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure is final.
RETRY_AFTER = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
# A queued e-mail whose task was lost (a worker killed mid-task) is queued again
# after this long, and so is one left "being sent" by a worker killed while
# sending it.
LEASE = timedelta(minutes=10)
STOPPED_WHILE_SENDING = _(
    "A worker stopped while sending it; sent again (it may have arrived twice)."
)


def _enqueue_after_commit(email_ids: list[int]) -> None:
    def enqueue():
        for email_id in email_ids:
            deliver_email.enqueue(email_id)

    if email_ids:
        transaction.on_commit(enqueue)


def email_queue(**fields) -> OutgoingEmail | None:
    """Record one e-mail for the event named by `key` and queue its delivery; an
    event that already has its e-mail gets nothing more."""
    rows = _queue([OutgoingEmail(**fields)])
    return rows[0] if rows else None


def address_owner(address: str):
    """The member an e-mail address belongs to (with their profile), if any."""
    return (
        get_user_model()
        .objects.filter(emailaddress__email__iexact=address)
        .select_related("profile")
        .order_by("pk")
        .first()
    )


def account_email_queue(*, message: EmailMessage, recipient) -> OutgoingEmail:
    """Queue an account e-mail (allauth's: verification, password reset, a change
    of address) to `recipient` (address_owner, None for an address of no
    account), written now because its links hold one-time keys, and sent by the
    worker like every other: a mail server that is down delays it, it never fails
    the request."""
    address = message.to[0]
    html = next(
        (
            body
            for body, kind in getattr(message, "alternatives", [])
            if kind == "text/html"
        ),
        "",
    )
    return email_queue(
        kind=OutgoingEmail.Kind.ACCOUNT,
        key=f"account:{uuid.uuid4().hex}",
        recipient=recipient,
        to_address=address,
        subject=message.subject[:200],
        body_text=message.body,
        body_html=html,
    )


def email_queue_many(notifications: Iterable) -> list[OutgoingEmail]:
    return _queue(
        OutgoingEmail(
            recipient_id=notification.recipient_id,
            kind=OutgoingEmail.Kind.NOTIFICATION,
            key=f"notification:{notification.pk}",
            notification=notification,
        )
        for notification in notifications
    )


def _queue(rows: Iterable[OutgoingEmail]) -> list[OutgoingEmail]:
    now = timezone.now()
    rows = list(rows)
    for row in rows:
        row.next_attempt_at = now + LEASE
    if not rows:
        return []
    OutgoingEmail.objects.bulk_create(rows, ignore_conflicts=True)
    # ignore_conflicts leaves primary keys unset; read back the ones made just now.
    created = list(
        OutgoingEmail.objects.filter(
            key__in=[row.key for row in rows],
            status=OutgoingEmail.Status.QUEUED,
            attempts=0,
            created_at__gte=now,
        )
    )
    _enqueue_after_commit([row.pk for row in created])
    return created


def email_deliver(*, email_id: int) -> str:
    """Send the e-mail if it is still queued; return what happened, for the log."""
    claimed = _claim(email_id)
    if isinstance(claimed, str):
        return claimed
    email, message = claimed
    # Committed: from here to the next commit, a killed worker leaves it "being
    # sent" (see the module's doc).
    try:
        message.send()
    except Exception as error:
        with transaction.atomic():
            email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
            if not isinstance(error, smtplib.SMTPException | OSError):
                logger.exception("E-mail %s could not be sent", email.pk)
            return _failed(email, error)
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
        email.status = OutgoingEmail.Status.SENT
        email.sent_at = timezone.now()
        email.attempts += 1
        email.last_error = ""
        email.next_attempt_at = None
        email.sending_since = None
        # Its one-time keys are no one's business once it is sent.
        email.body_text = email.body_html = ""
        email.save()
    return "sent"


def _claim(email_id: int) -> tuple[OutgoingEmail, EmailMessage] | str:
    """In one transaction: lock the queued row, build its message and mark it
    being sent; or say why there is nothing to send (skipped, failed to build)."""
    from community.notifications.emails import compose

    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient__profile")
            .filter(pk=email_id, status=OutgoingEmail.Status.QUEUED)
            .first()
        )
        if email is None:
            return "nothing to send"
        try:
            # A savepoint: a failure leaves the row usable. Written in the
            # recipient's language, whoever's request or worker sends it.
            with (
                transaction.atomic(),
                translation.override(language_of(email.recipient)),
            ):
                message, reason = compose(email)
        except Exception as error:
            # A bug in building this one message must not retry forever unseen.
            logger.exception("E-mail %s could not be built", email.pk)
            return _failed(email, error)
        if message is None:
            email.status = OutgoingEmail.Status.SKIPPED
            email.last_error = str(reason)
            email.next_attempt_at = None
            email.body_text = email.body_html = ""
            email.save(
                update_fields=[
                    "status", "last_error", "next_attempt_at", "body_text", "body_html"
                ]
            )  # fmt: skip
            return f"not sent: {reason}"
        email.to_address = message.to[0]
        email.subject = message.subject[:200]
        email.message_id = message.extra_headers["Message-ID"][:200]
        email.status = OutgoingEmail.Status.SENDING
        email.sending_since = timezone.now()
        email.save()
    return email, message


@task
def deliver_email(email_id: int) -> str:
    """The worker's part of queueing an e-mail: email_deliver."""
    return email_deliver(email_id=email_id)


def _failed(email: OutgoingEmail, error: BaseException) -> str:
    email.attempts += 1
    email.status = OutgoingEmail.Status.QUEUED
    email.sending_since = None
    email.last_error = f"{type(error).__name__}: {error}"[:1000]
    if email.attempts >= MAX_ATTEMPTS:
        email.status = OutgoingEmail.Status.FAILED
        email.next_attempt_at = None
        logger.error("E-mail %s failed for good: %s", email.pk, email.last_error)
    else:
        email.next_attempt_at = timezone.now() + RETRY_AFTER[email.attempts - 1]
        logger.warning(
            "E-mail %s failed (attempt %s), retried at %s: %s",
            email.pk,
            email.attempts,
            email.next_attempt_at,
            email.last_error,
        )
    email.save()
    return f"failed: {email.last_error}"


def emails_requeue_due() -> int:
    """Queue again every e-mail whose retry time has come or whose task was lost,
    and every one a worker stopped while sending (it may arrive twice)."""
    now = timezone.now()
    with transaction.atomic():
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.SENDING, sending_since__lte=now - LEASE
        ).update(
            status=OutgoingEmail.Status.QUEUED,
            sending_since=None,
            maybe_twice=True,
            next_attempt_at=now,
            last_error=str(STOPPED_WHILE_SENDING),
        )
        due = list(
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(status=OutgoingEmail.Status.QUEUED, next_attempt_at__lte=now)
            .values_list("pk", flat=True)[:500]
        )
        OutgoingEmail.objects.filter(pk__in=due).update(next_attempt_at=now + LEASE)
        _enqueue_after_commit(due)
    return len(due)


def emails_retry(*, emails) -> int:
    """Staff send failed e-mails once more (the admin's action)."""
    return emails.filter(status=OutgoingEmail.Status.FAILED).update(
        status=OutgoingEmail.Status.QUEUED,
        attempts=0,
        next_attempt_at=timezone.now(),
    )
