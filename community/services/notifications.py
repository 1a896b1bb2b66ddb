"""In-app notifications: created by the services that cause them."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from community.models import Board, Notification, Post


def notify(
    *,
    recipients: Iterable,
    kind: str,
    post: Post,
    actor,
    message: str,
) -> int:
    """Notify each recipient who may read the post's board, never the actor."""
    readable_by = {
        user.pk: user
        for user in recipients
        if user is not None
        and user.is_active
        and (actor is None or user.pk != actor.pk)
    }
    allowed = [
        user
        for user in readable_by.values()
        if Board.objects.visible_to(user).filter(pk=post.thread.board_id).exists()
    ]
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            actor=actor,
            post=post,
            message=message[:300],
            url=post.get_absolute_url(),
        )
        for user in allowed
    )
    return len(allowed)


def notification_open(*, notification: Notification) -> str:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification.url


def notifications_mark_all_read(*, user) -> int:
    return unread_notifications(user).update(read_at=timezone.now())


def unread_notifications(user) -> QuerySet:
    return Notification.objects.filter(recipient=user, read_at=None)
