"""What goes into a member's weekly digest: read-only queries, a fixed number of
them whatever the amount of activity."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cohorts.models import Session
from community.models import (
    Board,
    BoardFollow,
    Delivery,
    Notification,
    NotificationSettings,
    ReadState,
    Thread,
    ThreadFollow,
    TopicFollow,
    WatchLevel,
)
from core.translated import shown
from resources.models import Resource

SECTION_SIZE = 8
POPULAR_MIN_POSTS = 2
UPCOMING_DAYS = 8
# The kinds about a member's own posts that the digest gathers under "For you".
PERSONAL_KINDS = {
    Notification.Kind.REPLY_TO_YOU: "replies_to_you",
    Notification.Kind.MENTION: "mentions",
    Notification.Kind.ANSWER: "replies_to_you",
    Notification.Kind.REACTION: "reactions",
    Notification.Kind.MODERATION: "moderation",
}


@dataclass
class Item:
    title: str
    url: str
    when: datetime
    detail: str = ""
    zone: object = None  # shown in this time zone (a session's own); else the site's
    lang: str = ""  # the title's language, if a curator's text (core/translated.py)


@dataclass
class Section:
    key: str
    title: str
    items: list[Item] = field(default_factory=list)


def _url(path: str) -> str:
    return settings.SITE_URL + path


def _unread_posts(user, since, until) -> Q:
    """Posts of the period, by others, shown, that the member has not seen."""
    return Q(
        posts__created_at__gte=since,
        posts__created_at__lt=until,
        posts__is_hidden=False,
        posts__is_deleted=False,
        posts__pk__gt=F("last_read"),
    ) & ~Q(posts__author=user)


def _threads(user, since, until):
    """Threads the member may read and has not muted, with the period's unread
    posts by others counted."""
    thread_follow = ThreadFollow.objects.filter(user=user, thread=OuterRef("pk"))
    board_follow = BoardFollow.objects.filter(user=user, board=OuterRef("board"))
    muted = Exists(thread_follow.filter(level=WatchLevel.MUTED)) | (
        ~Exists(thread_follow) & Exists(board_follow.filter(level=WatchLevel.MUTED))
    )
    last_read = ReadState.objects.filter(user=user, thread=OuterRef("pk")).values(
        "read_up_to"
    )
    return (
        Thread.objects.visible_to(user)
        .exclude(muted)
        .annotate(last_read=Coalesce(Subquery(last_read[:1]), Value(0)))
        .annotate(
            new_posts=Count("posts", filter=_unread_posts(user, since, until)),
            newest_post_at=Max(
                "posts__created_at", filter=_unread_posts(user, since, until)
            ),
            watched=Exists(thread_follow.filter(level=WatchLevel.WATCHING))
            | (
                ~Exists(thread_follow)
                & Exists(board_follow.filter(level=WatchLevel.WATCHING))
            ),
        )
        .filter(new_posts__gt=0)
        .select_related("board")
    )


def _thread_item(thread) -> Item:
    count = thread.new_posts
    detail = (
        _("1 new post") if count == 1 else _("%(count)s new posts") % {"count": count}
    )
    return Item(
        title=thread.title,
        url=_url(thread.get_absolute_url()),
        when=thread.newest_post_at,
        detail=f"{thread.board.name} · {detail}",
    )


def digest_sections(user, *, since: datetime, until: datetime) -> list[Section]:
    """The digest's sections for the period, each newest first (sessions soonest
    first), none empty. "For you" tells of reactions, mentions and replies to the
    member, one per thread; of the thread sections each thread is in one only."""
    choices = NotificationSettings.objects.filter(
        user=user
    ).first() or NotificationSettings(user=user)
    seen_threads: set[int] = set()  # filled by each thread section in turn
    sections = []
    if choices.sessions != Delivery.NEVER:
        sections.append(_sessions_section(user, until))
    personal = [
        kind for kind, name in PERSONAL_KINDS.items()
        if getattr(choices, name) == Delivery.DIGEST
    ]  # fmt: skip
    if personal:
        sections.append(_personal_section(user, personal, since, until))
    if choices.messages == Delivery.DIGEST:
        sections.append(_messages_section(user, since, until))
    threads = _threads(user, since, until)
    if choices.watched == Delivery.DIGEST:
        sections.append(_watched_section(threads, seen_threads))
    sections.append(_popular_section(threads, seen_threads))
    if choices.resources == Delivery.DIGEST:
        sections.append(_resources_section(user, since, until))
    sections.append(_unanswered_section(user, since, until, seen_threads))
    return [section for section in sections if section.items]


def _sessions_section(user, until: datetime) -> Section:
    sessions = (
        Session.objects.visible_to(user)
        .filter(
            cohort__memberships__user=user,
            starts_at__gte=until,
            starts_at__lt=until + timedelta(days=UPCOMING_DAYS),
        )
        .for_listing()
        .distinct()
        .order_by("starts_at", "pk")[:SECTION_SIZE]
    )
    items = [_session_item(session) for session in sessions]
    return Section("sessions", _("Upcoming sessions of your cohorts"), items)


def _session_item(session) -> Item:
    detail = f"{shown(session.cohort, 'name').text} · {session.get_kind_display()}"
    if session.cancelled:
        cancelled = _("Cancelled")  # outside the f-string, where makemessages sees it
        detail = f"{cancelled} · {detail}"
    title = shown(session, "title")
    return Item(
        title=title.text,
        url=_url(session.get_absolute_url()),
        when=session.starts_at,
        zone=session.zone,
        detail=detail,
        lang=title.lang,
    )


def _personal_section(user, kinds: list[str], since, until) -> Section:
    """The member's unread notifications of the kinds they get in the digest:
    the newest one per thread."""
    notes = (
        Notification.objects.filter(
            recipient=user,
            kind__in=kinds,
            read_at=None,
            created_at__gte=since,
            created_at__lt=until,
            post__thread__board__in=Board.objects.visible_to(user),
        )
        .select_related("actor", "post__thread__board")
        .order_by("-created_at", "-pk")[: SECTION_SIZE * 3]
    )
    items, threads_told = [], set()
    for note in notes:
        if note.post.thread_id in threads_told or len(items) == SECTION_SIZE:
            continue
        threads_told.add(note.post.thread_id)
        items.append(Item(note.text, _url(note.get_absolute_url()), note.created_at))
    return Section("personal", _("For you"), items)


def _messages_section(user, since, until) -> Section:
    """Unread private messages, the newest one per conversation the member is
    still in (who wrote and the subject: never the text)."""
    notes = (
        Notification.objects.filter(
            recipient=user,
            kind=Notification.Kind.MESSAGE,
            read_at=None,
            created_at__gte=since,
            created_at__lt=until,
            message__conversation__participants__member=user,
            message__conversation__participants__left_at=None,
        )
        .select_related("actor", "message__conversation")
        .order_by("-created_at", "-pk")[: SECTION_SIZE * 3]
    )
    items, told = [], set()
    for note in notes:
        conversation_id = note.message.conversation_id
        if conversation_id in told or len(items) == SECTION_SIZE:
            continue
        told.add(conversation_id)
        items.append(Item(note.text, _url(note.get_absolute_url()), note.created_at))
    return Section("messages", _("Private messages"), items)


def _watched_section(threads, seen_threads: set[int]) -> Section:
    watched = threads.filter(watched=True).order_by("-newest_post_at", "-pk")
    items = []
    for thread in watched[: SECTION_SIZE * 2]:
        if thread.pk not in seen_threads and len(items) < SECTION_SIZE:
            seen_threads.add(thread.pk)
            items.append(_thread_item(thread))
    return Section("watched", _("New posts in threads you follow"), items)


def _popular_section(threads, seen_threads: set[int]) -> Section:
    popular = threads.filter(new_posts__gte=POPULAR_MIN_POSTS).order_by(
        "-new_posts", "-newest_post_at"
    )
    chosen = [t for t in popular[: SECTION_SIZE * 2] if t.pk not in seen_threads]
    chosen = sorted(chosen[:5], key=lambda t: t.newest_post_at, reverse=True)
    seen_threads.update(t.pk for t in chosen)
    items = [_thread_item(t) for t in chosen]
    return Section("popular", _("Popular in boards you read"), items)


def _resources_section(user, since, until) -> Section:
    """New resources in the topics the member follows, but those they saved."""
    followed = TopicFollow.objects.filter(user=user).values("tag")
    resources = (
        Resource.objects.published()
        .filter(published_at__gte=since, published_at__lt=until, tags__in=followed)
        .exclude(bookmarks__user=user)
        .distinct()
        .order_by("-published_at", "-pk")[:SECTION_SIZE]
    )
    items = [_resource_item(r) for r in resources]
    return Section("resources", _("New in the library, in topics you follow"), items)


def _resource_item(resource) -> Item:
    title = shown(resource, "title")
    return Item(
        title.text,
        _url(resource.get_absolute_url()),
        resource.published_at,
        resource.get_kind_display(),
        lang=title.lang,
    )


def _unanswered_section(user, since, until, seen_threads: set[int]) -> Section:
    """Questions asked in the period, on question boards the member reads or on
    their cohort's board, that have no accepted answer (on a question board) or
    no reply (on the cohort's), which the member did not ask nor open."""
    waiting = Q(board__kind=Board.Kind.QUESTIONS, answer__isnull=True) | Q(
        board__cohort__memberships__user=user, reply_count=0
    )
    unanswered = (
        Thread.objects.visible_to(user)
        .filter(waiting, created_at__gte=since, created_at__lt=until)
        .exclude(author=user)
        .exclude(read_states__user=user)
        .exclude(pk__in=seen_threads)
        .select_related("board")
        .distinct()
        .order_by("-created_at", "-pk")[:SECTION_SIZE]
    )
    items = [
        Item(t.title, _url(t.get_absolute_url()), t.created_at, t.board.name)
        for t in unanswered
    ]
    return Section("unanswered", _("Questions waiting for an answer"), items)
