"""Writes of the discussion board: threads, posts, reactions, flags, read state."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.tasks import task
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from community.discussions.markup import mentioned_users, render_post
from community.discussions.permissions import (
    BOARD_STAFF_ONLY,
    LOCKED,
    may_start_thread,
    standing,
)
from community.models import (
    Board,
    BoardFollow,
    Flag,
    ModerationLog,
    Notification,
    Post,
    PostRevision,
    Reaction,
    ReadState,
    Thread,
    ThreadFollow,
    WatchLevel,
)
from community.notifications.services import notify
from community.versions import thread_scopes
from core import versions
from resources.services import unique_slug

EMPTY_TITLE = _("Give the thread a title.")
EMPTY_BODY = _("Write something before posting.")
NOT_YOURS = _("Only the author can change this post.")
POST_GONE = _("This post was deleted or hidden.")
ALREADY_FLAGGED = _("You have already reported this post; a moderator will look at it.")
UNKNOWN_LEVEL = _("Choose watching, normal or muted.")
# Reports hide a post until a moderator looks once their weights reach this: a
# member of a week or more weighs 1, a newer account ½ (three accounts made
# yesterday cannot hide a long-standing member's post: it waits in the queue).
HIDE_AT_WEIGHT = 3
TRUSTED_AFTER = timedelta(days=7)
AUTO_HIDDEN = _("Hidden after reports from several members, until a moderator looks.")
DUPLICATE = _(
    "You posted this same text a moment ago. If it did not show, reload the page; "
    "otherwise, edit your earlier post."
)
DUPLICATE_WINDOW = timedelta(minutes=10)


def _require_writer(user) -> None:
    member = standing(user)
    if not member.can_write:
        raise PermissionDenied(member.why_not or _("Sign in to take part."))


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": EMPTY_BODY})
    return body


def _follow(user, thread: Thread, level: str = WatchLevel.WATCHING) -> None:
    """Start following at `level`, keeping a level the member already chose."""
    ThreadFollow.objects.get_or_create(
        user=user, thread=thread, defaults={"level": level}
    )


def watch_levels(thread: Thread) -> dict[int, str]:
    """Each member's watching level for the thread: the one they chose for the
    thread, else the one for its board. Members not listed are at "normal"."""
    levels = dict(
        BoardFollow.objects.filter(board_id=thread.board_id).values_list(
            "user_id", "level"
        )
    )
    levels.update(
        ThreadFollow.objects.filter(thread=thread).values_list("user_id", "level")
    )
    return levels


def _users(ids) -> list:
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True))


@transaction.atomic
def thread_create(
    *,
    board: Board,
    author,
    title: str,
    body: str,
    topics: list[str] | None = None,
    resources=(),
) -> Thread:
    _require_writer(author)
    if not may_start_thread(author, board):
        raise PermissionDenied(BOARD_STAFF_ONLY)
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": EMPTY_TITLE})
    now = timezone.now()
    thread = Thread(
        board=board,
        author=author,
        title=title,
        slug=slugify(title)[:80] or "thread",
        last_activity_at=now,
        last_poster=author,
    )
    thread.full_clean(exclude=["tags", "resources", "last_poster"])
    thread.save()
    if topics:
        thread.tags.add(*topics)
    if resources:
        thread.resources.add(*resources)
    _post_save(thread=thread, author=author, body=body)
    Board.objects.filter(pk=board.pk).update(
        thread_count=F("thread_count") + 1,
        post_count=F("post_count") + 1,
        last_activity_at=now,
    )
    return thread


def _post_save(
    *,
    thread: Thread,
    author,
    body: str,
    reply_to: Post | None = None,
    is_reply: bool = False,
) -> Post:
    body = _clean_body(body)
    recent = timezone.now() - DUPLICATE_WINDOW
    if Post.objects.filter(author=author, body=body, created_at__gte=recent).exists():
        raise ValidationError({"body": DUPLICATE})
    html, _mentioned = render_post(body)
    post = Post(
        thread=thread, author=author, body=body, body_html=html, reply_to=reply_to
    )
    post.full_clean()
    post.save()
    # Who starts a thread watches it; who replies hears of replies to them.
    _follow(author, thread, WatchLevel.NORMAL if is_reply else WatchLevel.WATCHING)
    ReadState.objects.update_or_create(
        user=author, thread=thread, defaults={"last_read_post_id": post.pk}
    )
    # Who hears of it is worked out by the worker, once the post is committed:
    # the reply answers without waiting for every watcher's notification.
    post_fan_out.enqueue(post.pk)
    return post


@task
def post_fan_out(post_id: int) -> int:
    """The worker's part of posting (post_tell)."""
    return post_tell(post_id=post_id)


def post_tell(*, post_id: int) -> int:
    """Notify whoever should hear of a new post (the worker's part of posting).

    Each member hears of a post once: a mention, else (for a reply) a reply to
    their thread or their post, else, when watching, a new thread or post. Muted
    means nothing. Returns how many were notified."""
    post = (
        Post.objects.select_related("thread__board", "author", "reply_to")
        .filter(pk=post_id, is_hidden=False, is_deleted=False)
        .first()
    )
    if post is None or post.author is None:
        return 0
    thread, author = post.thread, post.author
    levels = watch_levels(thread)
    muted = {user_id for user_id, level in levels.items() if level == WatchLevel.MUTED}
    mentioned = [user for user in mentioned_users(post.body) if user.pk not in muted]
    told = notify(
        recipients=mentioned,
        kind=Notification.Kind.MENTION,
        post=post,
        actor=author,
    )
    heard = {author.pk} | {user.pk for user in mentioned}
    watching = {
        user_id for user_id, level in levels.items() if level == WatchLevel.WATCHING
    }
    is_first = not thread.posts.filter(pk__lt=post.pk).exists()
    if is_first:
        return len(told) + len(
            notify(
                recipients=_users(watching - heard),
                kind=Notification.Kind.NEW_THREAD,
                post=post,
                actor=author,
            )
        )
    addressed = {thread.author_id, post.reply_to.author_id if post.reply_to else None}
    addressed = addressed - {None} - heard - muted
    told += notify(
        recipients=_users(addressed),
        kind=Notification.Kind.REPLY_TO_YOU,
        post=post,
        actor=author,
    )
    told += notify(
        recipients=_users(watching - heard - addressed),
        kind=Notification.Kind.REPLY,
        post=post,
        actor=author,
    )
    return len(told)


@transaction.atomic
def post_create(
    *, thread: Thread, author, body: str, reply_to: Post | None = None
) -> Post:
    _require_writer(author)
    # Its board comes along for the kept copies' scopes; only the thread is locked.
    thread = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("board")
        .get(pk=thread.pk)
    )
    if thread.is_locked and not standing(author).is_moderator:
        raise PermissionDenied(LOCKED)
    if reply_to is not None and reply_to.thread_id != thread.pk:
        reply_to = None
    post = _post_save(
        thread=thread, author=author, body=body, reply_to=reply_to, is_reply=True
    )
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1,
        last_activity_at=post.created_at,
        last_poster=author,
    )
    Board.objects.filter(pk=thread.board_id).update(
        post_count=F("post_count") + 1, last_activity_at=post.created_at
    )
    return post


@transaction.atomic
def post_edit(*, post: Post, editor, body: str) -> Post:
    _require_writer(editor)
    if post.author_id != editor.pk:
        raise PermissionDenied(NOT_YOURS)
    if post.is_deleted or post.is_hidden:
        raise PermissionDenied(POST_GONE)
    body = _clean_body(body)
    if body == post.body:
        return post
    PostRevision.objects.create(
        post=post,
        body=post.body,
        author=post.author,
        created_at=post.edited_at or post.created_at,
    )
    post.body = body
    post.body_html, _mentioned = render_post(body)  # edits notify no one again
    post.edited_at = timezone.now()
    post.full_clean()
    post.save(update_fields=["body", "body_html", "edited_at"])
    return post


@transaction.atomic
def post_delete(*, post: Post, user) -> Post:
    """The author deletes a post: a placeholder stays; a moderator can restore it."""
    if post.author_id != user.pk:
        raise PermissionDenied(NOT_YOURS)
    if not post.is_deleted:
        post.is_deleted = True
        post.deleted_at = timezone.now()
        post.save(update_fields=["is_deleted", "deleted_at"])
    return post


def reaction_toggle(*, post: Post, user, kind: str) -> bool:
    """Add the member's reaction of this kind, or take it back; return if it is on."""
    _require_writer(user)
    if kind not in Post.Reactions.values:
        raise ValidationError(_("Unknown reaction."))
    if post.is_hidden or post.is_deleted:
        raise PermissionDenied(POST_GONE)
    counter = f"{kind}_count"
    with transaction.atomic():
        deleted, _by_model = Reaction.objects.filter(
            post=post, user=user, kind=kind
        ).delete()
        if deleted:
            Post.objects.filter(pk=post.pk).update(**{counter: F(counter) - 1})
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(post=post, user=user, kind=kind)
        except IntegrityError:
            return True
        Post.objects.filter(pk=post.pk).update(**{counter: F(counter) + 1})
    if post.author_id and post.author_id != user.pk:
        notify(
            recipients=[post.author],
            kind=Notification.Kind.REACTION,
            post=post,
            actor=user,
            detail=kind,
        )
    return True


@transaction.atomic
def flag_create(*, post: Post, reporter, reason: str) -> Flag:
    """Report a post; open reports weighing HIDE_AT_WEIGHT hide it until a moderator
    looks."""
    _require_writer(reporter)
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
        ModerationLog.objects.create(
            action=ModerationLog.Action.AUTO_HIDE,
            post=post,
            thread=post.thread,
            member=post.author,
            reason=f"open reports weighing {weight:g}",
        )
    return flag


def thread_watch_set(*, user, thread: Thread, level: str) -> str:
    """Set the member's watching level for a thread; "normal" is the default."""
    if level not in WatchLevel.values:
        raise ValidationError(UNKNOWN_LEVEL)
    ThreadFollow.objects.update_or_create(
        user=user, thread=thread, defaults={"level": level}
    )
    return level


def board_watch_set(*, user, board: Board, level: str) -> str:
    """Set the member's watching level for a board; "normal" removes the choice, so
    each thread follows its own default."""
    if level not in WatchLevel.values:
        raise ValidationError(UNKNOWN_LEVEL)
    if level == WatchLevel.NORMAL:
        BoardFollow.objects.filter(user=user, board=board).delete()
    else:
        BoardFollow.objects.update_or_create(
            user=user, board=board, defaults={"level": level}
        )
    return level


def cohort_board_open(*, cohort) -> Board:
    """The cohort's private board, opened once, when the cohort is created."""
    board = Board.objects.filter(cohort=cohort).first()
    if board:
        return board
    board = Board(
        cohort=cohort,
        visibility=Board.Visibility.COHORT,
        name=f"{cohort.name}: {cohort.program.label}"[:100],
        slug=unique_slug(Board, f"{cohort.program.slug} {cohort.slug}", max_length=60),
        description=_(
            "The private board of the %(cohort)s: only its participants, coaches "
            "and program staff read it."
        )
        % {"cohort": cohort.name},
        position=100,
    )
    board.full_clean()
    board.save()
    return board
