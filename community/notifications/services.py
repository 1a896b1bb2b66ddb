"""Notifications: on the site always, by e-mail as each member chose.

The services that cause an event call `notify`; it keeps the people who may not read
the board out, stores the in-app notifications, and queues an e-mail for each
recipient who wants this kind right away. The e-mail itself is sent by a task."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from cohorts.models import CohortMembership, is_program_staff
from community.models import (
    Board,
    Delivery,
    Notification,
    NotificationSettings,
    Post,
)
from community.notifications.mail import email_queue_many
from community.roles import is_moderator


def readers_among(board: Board, users: Iterable) -> list:
    """The users, of those given, who may read the board now (no query per user)."""
    users = [user for user in users if user is not None and user.is_active]
    if board.visibility != Board.Visibility.COHORT:
        return users
    in_cohort = set(
        CohortMembership.objects.filter(
            cohort_id=board.cohort_id, user__in=users
        ).values_list("user_id", flat=True)
    )
    return [
        user
        for user in users
        if user.pk in in_cohort or is_moderator(user) or is_program_staff(user)
    ]


def settings_of(users: Iterable) -> dict[int, NotificationSettings]:
    """Each user's e-mail settings; the defaults for a user who never chose."""
    users = list(users)
    stored = {
        s.user_id: s
        for s in NotificationSettings.objects.filter(user__in=[u.pk for u in users])
    }
    return {u.pk: stored.get(u.pk) or NotificationSettings(user=u) for u in users}


def _told(recipients, actor, post) -> list:
    """The recipients, once each, but the actor; of a post, those who read it."""
    unique = {
        user.pk: user
        for user in recipients
        if user is not None and (actor is None or user.pk != actor.pk)
    }
    users = list(unique.values())
    if post is not None:
        return readers_among(post.thread.board, users)
    return [user for user in users if user.is_active]


def notify(
    *,
    recipients: Iterable,
    kind: str,
    actor,
    post: Post | None = None,
    session=None,
    resource=None,
    message=None,
    detail: str = "",
) -> list[Notification]:
    """Notify each recipient who may read what it is about, never the actor.
    It stores what happened (kind, actor, what about, and the detail its
    sentence needs: a reason, a reaction); the sentence is written when shown
    (Notification.text), in the reader's language and with today's names. A
    message's recipients are its conversation's current participants, whom the
    caller names."""
    users = _told(recipients, actor, post)
    if not users:
        return []
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            actor=actor,
            post=post,
            session=session,
            resource=resource,
            message=message,
            detail=detail[:300],
        )
        for user in users
    )
    setting = Notification.SETTING_OF[kind]
    wanted = settings_of(users)
    email_queue_many(
        notification
        for notification in notifications
        if getattr(wanted[notification.recipient_id], setting) == Delivery.IMMEDIATELY
        and notification.recipient.email
    )
    return notifications


def notification_open(*, notification: Notification) -> str:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification.get_absolute_url()


def notifications_mark_all_read(*, user) -> int:
    return unread_notifications(user).update(read_at=timezone.now())


def unread_notifications(user) -> QuerySet:
    return Notification.objects.filter(recipient=user, read_at=None)
