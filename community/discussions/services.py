"""Writes of the discussion board: threads, posts and reactions; opening a
cohort's board. Watching is following.py, reports and moderators' actions
moderation.py."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from community.discussions import quotes
from community.discussions.answers import answer_drop
from community.discussions.attachments import attach
from community.discussions.following import follow, watch_levels
from community.discussions.markup import (
    mentioned_users,
    quoting_rerender,
    render_into,
)
from community.discussions.permissions import (
    LOCKED,
    require_thread_starter,
    require_writer,
    standing,
)
from community.discussions.reading import read_now
from community.models import (
    Board,
    Notification,
    Post,
    PostRevision,
    Reaction,
    Thread,
    WatchLevel,
)
from community.notifications.services import notify
from core.people import active_users

EMPTY_TITLE = _("Give the thread a title.")
EMPTY_BODY = _("Write something before posting.")
NOT_YOURS = _("Only the author can change this post.")
POST_GONE = _("This post was deleted or hidden.")
DUPLICATE = _(
    "You posted this same text a moment ago. If it did not show, reload the page; "
    "otherwise, edit your earlier post."
)
DUPLICATE_WINDOW = timedelta(minutes=10)


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": EMPTY_BODY})
    return body


def _users(ids) -> list:
    return list(active_users().filter(pk__in=ids))


@transaction.atomic
def thread_create(
    *,
    board: Board,
    author,
    title: str,
    body: str,
    topics: list[str] | None = None,
    resources=(),
    attachments=(),
) -> Thread:
    require_thread_starter(author, board)
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
        thread.tags.add(*_topics(topics))
    if resources:
        thread.resources.add(*resources)
    _post_save(thread=thread, author=author, body=body, attachments=attachments)
    Board.objects.filter(pk=board.pk).update(
        thread_count=F("thread_count") + 1,
        post_count=F("post_count") + 1,
        last_activity_at=now,
    )
    return thread


def _topics(names: list[str]) -> list[Tag | str]:
    """Each name typed, as the topic of the same slug where there is one (the
    form lowercases, so "anti-asian hate" is the library's "anti-Asian hate" and
    its page shows both), else the name itself, which taggit finds or creates."""
    slugs = {name: Tag().slugify(name) for name in names}
    found = {tag.slug: tag for tag in Tag.objects.filter(slug__in=slugs.values())}
    return [found.get(slugs[name], name) for name in names]


def _post_save(
    *,
    thread: Thread,
    author,
    body: str,
    reply_to: Post | None = None,
    is_reply: bool = False,
    attachments=(),
) -> Post:
    body = _clean_body(body)
    recent = timezone.now() - DUPLICATE_WINDOW
    if Post.objects.filter(author=author, body=body, created_at__gte=recent).exists():
        raise ValidationError({"body": DUPLICATE})
    origins = quotes.check(body, author=author, board=thread.board, thread_id=thread.pk)
    post = Post(thread=thread, author=author, body=body, reply_to=reply_to)
    render_into(post, origins)
    # The thread is locked by the caller and the author is the member writing:
    # their keys are not looked up again (two queries a post).
    post.full_clean(exclude=["thread", "author"])
    post.save()
    if origins:  # a new post quotes none yet: nothing to read or remove
        post.quoted_posts.set(origins)
    attach(post=post, uploads=list(attachments), uploader=author)
    # Who starts a thread watches it; who replies hears of replies to them.
    follow(author, thread, WatchLevel.NORMAL if is_reply else WatchLevel.WATCHING)
    # The author has read their own post: one upsert with the post
    # (update_or_create took six statements, two savepoints among them).
    read_now(author.pk, thread.pk, post.pk)
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
    thread = post.thread

    def tell(recipients, kind) -> list:
        return notify(recipients=recipients, kind=kind, post=post, actor=post.author)

    levels = watch_levels(thread)
    muted = {user_id for user_id, level in levels.items() if level == WatchLevel.MUTED}
    # Whom the author mentions, not whom the posts they quote mention.
    mentioned = mentioned_users(quotes.without_quotes(post.body))
    mentioned = [user for user in mentioned if user.pk not in muted]
    told = tell(mentioned, Notification.Kind.MENTION)
    heard = {post.author_id} | {user.pk for user in mentioned}
    watching = {
        user_id for user_id, level in levels.items() if level == WatchLevel.WATCHING
    }
    if not thread.posts.filter(pk__lt=post.pk).exists():  # the thread's first post
        return len(told) + len(
            tell(_users(watching - heard), Notification.Kind.NEW_THREAD)
        )
    addressed = {thread.author_id, post.reply_to.author_id if post.reply_to else None}
    addressed = addressed - {None} - heard - muted
    told += tell(_users(addressed), Notification.Kind.REPLY_TO_YOU)
    told += tell(_users(watching - heard - addressed), Notification.Kind.REPLY)
    return len(told)


@transaction.atomic
def post_create(
    *,
    thread: Thread,
    author,
    body: str,
    reply_to: Post | None = None,
    attachments=(),
) -> Post:
    require_writer(author)
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
        thread=thread,
        author=author,
        body=body,
        reply_to=reply_to,
        is_reply=True,
        attachments=attachments,
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
    require_writer(editor)
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
    origins = quotes.check(
        body, author=editor, board=post.thread.board, thread_id=post.thread_id
    )
    post.body = body
    render_into(post, origins)  # edits notify no one again
    post.edited_at = timezone.now()
    post.full_clean()
    post.save(update_fields=["body", "body_html", "body_text", "edited_at"])
    post.quoted_posts.set(origins)
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
        answer_drop(post)
        quoting_rerender([post])  # its words leave the quotes of it
    return post


def reaction_toggle(*, post: Post, user, kind: str) -> bool:
    """Add the member's reaction of this kind, or take it back; return if it is on."""
    require_writer(user)
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
