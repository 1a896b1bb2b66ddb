"""Writes of the discussion board: threads, posts, reactions, flags, read state."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from community.markup import render_post
from community.models import (
    Board,
    BoardFollow,
    Flag,
    ModerationLog,
    Post,
    PostRevision,
    Reaction,
    ReadState,
    Thread,
    ThreadFollow,
)
from community.permissions import BOARD_CLOSED, LOCKED, standing
from community.services.notifications import notify
from resources.services import unique_slug

EMPTY_TITLE = _("Give the thread a title.")
EMPTY_BODY = _("Write something before posting.")
NOT_YOURS = _("Only the author can change this post.")
POST_GONE = _("This post was deleted or hidden.")
ALREADY_FLAGGED = _("You have already reported this post; a moderator will look at it.")
FLAGS_TO_HIDE = 3
AUTO_HIDDEN = _("Hidden after reports from several members, until a moderator looks.")


def _require_writer(user) -> None:
    member = standing(user)
    if not member.can_write:
        raise PermissionDenied(member.why_not or _("Sign in to take part."))


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": EMPTY_BODY})
    return body


def _follow(user, thread: Thread) -> None:
    ThreadFollow.objects.get_or_create(user=user, thread=thread)


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
    if board.is_closed and not standing(author).is_moderator:
        raise PermissionDenied(BOARD_CLOSED)
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
    *, thread: Thread, author, body: str, reply_to: Post | None = None
) -> Post:
    body = _clean_body(body)
    html, mentioned = render_post(body)
    post = Post(
        thread=thread, author=author, body=body, body_html=html, reply_to=reply_to
    )
    post.full_clean()
    post.save()
    _follow(author, thread)
    ReadState.objects.update_or_create(
        user=author, thread=thread, defaults={"last_read_post_id": post.pk}
    )
    name = author.get_username()
    notify(
        recipients=mentioned,
        kind="mention",
        post=post,
        actor=author,
        message=f"@{name} mentioned you in “{thread.title}”",
    )
    return post, mentioned


@transaction.atomic
def post_create(
    *, thread: Thread, author, body: str, reply_to: Post | None = None
) -> Post:
    _require_writer(author)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.is_locked and not standing(author).is_moderator:
        raise PermissionDenied(LOCKED)
    if reply_to is not None and reply_to.thread_id != thread.pk:
        reply_to = None
    post, mentioned = _post_save(
        thread=thread, author=author, body=body, reply_to=reply_to
    )
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1,
        last_activity_at=post.created_at,
        last_poster=author,
    )
    Board.objects.filter(pk=thread.board_id).update(
        post_count=F("post_count") + 1, last_activity_at=post.created_at
    )
    # A mentioned follower gets the mention, not a second notice about the reply.
    followers = [
        follow.user
        for follow in ThreadFollow.objects.filter(thread=thread)
        .exclude(user=author)
        .exclude(user_id__in=[u.pk for u in mentioned])
        .select_related("user")
    ]
    if reply_to is not None and reply_to.author and reply_to.author not in followers:
        followers.append(reply_to.author)
    notify(
        recipients=followers,
        kind="reply",
        post=post,
        actor=author,
        message=f"@{author.get_username()} replied in “{thread.title}”",
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
            kind="reaction",
            post=post,
            actor=user,
            message=f"@{user.get_username()} found your post "
            f"{Post.Reactions(kind).label.lower()} in “{post.thread.title}”",
        )
    return True


@transaction.atomic
def flag_create(*, post: Post, reporter, reason: str) -> Flag:
    """Report a post; three members' open reports hide it until a moderator looks."""
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
    open_flags = Flag.objects.filter(post=post, resolved_at=None)
    reporters = open_flags.values("reporter").distinct().count()
    if not post.is_hidden and reporters >= FLAGS_TO_HIDE:
        Post.objects.filter(pk=post.pk).update(
            is_hidden=True, hidden_at=timezone.now(), hidden_reason=str(AUTO_HIDDEN)
        )
        ModerationLog.objects.create(
            action=ModerationLog.Action.AUTO_HIDE,
            post=post,
            thread=post.thread,
            member=post.author,
            reason=f"{FLAGS_TO_HIDE} open flags",
        )
    return flag


def read_state_mark(*, user, thread: Thread, post_id: int) -> None:
    """Remember the newest post the member has seen in the thread (never goes back)."""
    if not user.is_authenticated:
        return
    updated = ReadState.objects.filter(
        user=user, thread=thread, last_read_post_id__lt=post_id
    ).update(last_read_post_id=post_id)
    if not updated:
        ReadState.objects.get_or_create(
            user=user, thread=thread, defaults={"last_read_post_id": post_id}
        )


def thread_follow_set(*, user, thread: Thread, follow: bool) -> None:
    if follow:
        _follow(user, thread)
    else:
        ThreadFollow.objects.filter(user=user, thread=thread).delete()


def board_follow_set(*, user, board: Board, follow: bool) -> None:
    if follow:
        BoardFollow.objects.get_or_create(user=user, board=board)
    else:
        BoardFollow.objects.filter(user=user, board=board).delete()


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
