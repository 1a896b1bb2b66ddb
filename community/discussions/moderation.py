"""Members' reports of a post, and moderators' actions: each action is logged;
an author is told what happened to a post."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.discussions.answers import answer_drop
from community.discussions.markup import quoting_rerender
from community.discussions.permissions import (
    forget_standing,
    require_moderator,
    require_writer,
)
from community.models import (
    Board,
    Flag,
    ModerationLog,
    Notification,
    Post,
    Resolution,
    Suspension,
    Thread,
)
from community.notifications.services import notify
from community.versions import thread_scopes
from core import versions

REASON_REQUIRED = _("Give a reason: the member will see it.")
ALREADY_FLAGGED = _("You have already reported this post; a moderator will look at it.")
# Reports hide a post until a moderator looks once their weights reach this: a
# member of a week or more weighs 1, a newer account ½ (three accounts made
# yesterday cannot hide a long-standing member's post: it waits in the queue).
HIDE_AT_WEIGHT = 3
TRUSTED_AFTER = timedelta(days=7)
AUTO_HIDDEN = _("Hidden after reports from several members, until a moderator looks.")


def _log(
    moderator, action, *, post=None, thread=None, member=None, reason="", details=None
) -> None:
    """`reason` is the moderator's words; `details`, facts the log says in its
    reader's language (ModerationLog.explanation)."""
    ModerationLog.objects.create(
        moderator=moderator,
        action=action,
        post=post,
        thread=thread or (post.thread if post else None),
        member=member,
        reason=reason[:300],
        details=details or {},
    )


@transaction.atomic
def post_hide(*, post: Post, moderator, reason: str) -> Post:
    require_moderator(moderator)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    post.is_hidden = True
    post.hidden_by = moderator
    post.hidden_reason = reason[:300]
    post.hidden_at = timezone.now()
    post.save(update_fields=["is_hidden", "hidden_by", "hidden_reason", "hidden_at"])
    answer_drop(post)
    quoting_rerender([post])  # its words leave the quotes of it
    Flag.objects.filter(post=post, resolved_at=None).update(
        resolved_at=timezone.now(),
        resolved_by=moderator,
        resolution=Resolution.HIDDEN,
    )
    _log(
        moderator,
        ModerationLog.Action.HIDE,
        post=post,
        member=post.author,
        reason=reason,
    )
    notify(
        recipients=[post.author],
        kind=Notification.Kind.MODERATION,
        post=post,
        actor=moderator,
        detail=reason,
    )
    return post


@transaction.atomic
def post_restore(
    *, post: Post, moderator, reason: str = "", reports_dismissed: bool = False
) -> Post:
    """Show a hidden post again, or bring back one its author deleted (or one
    hidden by reports that a moderator dismissed: `reports_dismissed`)."""
    require_moderator(moderator)
    post.is_hidden = False
    post.hidden_reason = ""
    post.hidden_by = None
    post.hidden_at = None
    post.is_deleted = False
    post.deleted_at = None
    post.save()
    quoting_rerender([post])  # its words come back in the quotes of it
    Flag.objects.filter(post=post, resolved_at=None).update(
        resolved_at=timezone.now(),
        resolved_by=moderator,
        resolution=Resolution.RESTORED,
    )
    _log(
        moderator, ModerationLog.Action.RESTORE, post=post, member=post.author,
        reason=reason,
        details={"reports_dismissed": True} if reports_dismissed else None,
    )  # fmt: skip
    notify(
        recipients=[post.author],
        kind=Notification.Kind.RESTORED,
        post=post,
        actor=moderator,
    )
    return post


def thread_set_locked(*, thread: Thread, moderator, locked: bool, reason="") -> Thread:
    require_moderator(moderator)
    Thread.objects.filter(pk=thread.pk).update(is_locked=locked)
    versions.changed(*thread_scopes(thread))
    thread.is_locked = locked
    action = ModerationLog.Action.LOCK if locked else ModerationLog.Action.UNLOCK
    _log(moderator, action, thread=thread, reason=reason)
    return thread


def thread_set_pinned(*, thread: Thread, moderator, pinned: bool, reason="") -> Thread:
    require_moderator(moderator)
    Thread.objects.filter(pk=thread.pk).update(is_pinned=pinned)
    versions.changed(*thread_scopes(thread))
    thread.is_pinned = pinned
    action = ModerationLog.Action.PIN if pinned else ModerationLog.Action.UNPIN
    _log(moderator, action, thread=thread, reason=reason)
    return thread


@transaction.atomic
def thread_move(*, thread: Thread, moderator, board: Board, reason="") -> Thread:
    require_moderator(moderator)
    old = thread.board
    if old.pk == board.pk:
        return thread
    posts = thread.posts.count()
    Board.objects.filter(pk=old.pk).update(
        thread_count=Greatest(F("thread_count") - 1, 0),
        post_count=Greatest(F("post_count") - posts, 0),
    )
    Board.objects.filter(pk=board.pk).update(
        thread_count=F("thread_count") + 1, post_count=F("post_count") + posts
    )
    thread.board = board
    thread.save(update_fields=["board"])  # moves the new board's pages
    versions.changed(versions.board(old.slug))
    _log(moderator, ModerationLog.Action.MOVE, thread=thread, reason=reason,
         details={"from_board": old.name, "to_board": board.name})  # fmt: skip
    return thread


def flag_resolve(
    *, flag: Flag, moderator, resolution: Resolution = Resolution.DISMISSED
) -> Flag:
    require_moderator(moderator)
    flag.resolved_at = timezone.now()
    flag.resolved_by = moderator
    flag.resolution = Resolution(resolution)
    flag.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    _log(moderator, ModerationLog.Action.RESOLVE_FLAG, post=flag.post,
         details={"resolution": flag.resolution})  # fmt: skip
    return flag


def member_suspend(*, member, moderator, until: datetime, reason: str) -> Suspension:
    require_moderator(moderator)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    if until <= timezone.now():
        raise ValidationError({"until": _("Choose a time in the future.")})
    suspension = Suspension.objects.create(
        user=member, until=until, reason=reason[:300], created_by=moderator
    )
    forget_standing(member)
    _log(moderator, ModerationLog.Action.SUSPEND, member=member, reason=reason)
    return suspension


@transaction.atomic
def flag_create(*, post: Post, reporter, reason: str) -> Flag:
    """Report a post; open reports weighing HIDE_AT_WEIGHT hide it until a moderator
    looks."""
    require_writer(reporter)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what is wrong with the post.")})
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                post=post, reporter=reporter, reason=reason[:500]
            )
    except IntegrityError as error:
        raise ValidationError(ALREADY_FLAGGED) from error
    trusted_since = timezone.now() - TRUSTED_AFTER
    weights = Flag.objects.filter(post=post, resolved_at=None).aggregate(
        trusted=Count("pk", filter=Q(reporter__date_joined__lte=trusted_since)),
        new=Count("pk", filter=Q(reporter__date_joined__gt=trusted_since)),
    )
    weight = weights["trusted"] + weights["new"] / 2
    if not post.is_hidden and weight >= HIDE_AT_WEIGHT:
        Post.objects.filter(pk=post.pk).update(
            is_hidden=True, hidden_at=timezone.now(), hidden_reason=str(AUTO_HIDDEN)
        )
        versions.changed(*thread_scopes(post.thread))
        answer_drop(post)
        quoting_rerender([post])
        ModerationLog.objects.create(
            action=ModerationLog.Action.AUTO_HIDE,
            post=post,
            thread=post.thread,
            member=post.author,
            details={"report_weight": weight},
        )
    return flag
