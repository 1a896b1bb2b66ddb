"""Rows of threads, rendered by templates/community/_thread_rows.jinja (Jinja2, as
the thread page's posts: see post_list.py): a board's page, and a topic's page,
whose threads come from every board the viewer reads.

A board's page of rows reads the same for every viewer in one language but for
what is new to a member (a row's " unread" and its badge). As a thread page's
posts are (post_list.py), the rows are rendered once with a hole at each of
those places and kept under the numbers of the board's and the people's scopes,
read with the board (`shared_rows`); each request fills the holes for its
viewer (`fill`). A topic's page mixes boards the viewer may or may not read, and
is rendered for each request (`thread_rows_html`)."""

import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from community.discussions import reading
from community.discussions.views.board_queries import page_threads
from community.models import Board, Post, ReadState, Thread
from core import versions
from core.jinja_env import render_partial
from core.links import linker
from core.people import author_name

LABELS = {"pinned": _("Pinned"), "locked": _("Locked"), "answered": _("Answered")}

# A row's holes, between NUL characters (which PostgreSQL text never holds):
# its class's " unread" (U<pk>) and its badge (B<pk>).
_HOLE = re.compile(r"\x00[UB]\d+\x00")


def thread_rows_html(
    user, threads: list[Thread], *, boards: bool = False
) -> SafeString:
    """The threads' rows for this viewer, with what is new to a member
    (with_reads) and, with boards, a link to each thread's board. The threads
    need their author's, last poster's and board's rows (for_listing)."""
    if user.is_authenticated:
        with_reads(user, threads)
    for thread in threads:
        label = _new_label(thread) if user.is_authenticated else ""
        thread.unread = " unread" if label else ""
        thread.badge = _badge(label) if label else ""
    return _rows_html(threads, boards=boards)


@dataclass(frozen=True)
class SharedRows:
    """A board's page of rows as every viewer reads it, with holes."""

    html: str
    threads: tuple[int, ...]  # their keys, in the page's order


def shared_rows(board: Board, *, unanswered: bool, number: int) -> SharedRows:
    """The rows of the board's page `number`, kept under the numbers of the
    board's and the people's scopes read with the board (board.stamp)."""
    key = (board.pk, unanswered, number, get_language())
    return versions.cached(
        "board-rows",
        board.stamp,
        key,
        lambda: _shared(board.pk, unanswered=unanswered, number=number),
    )


def _shared(board_id: int, *, unanswered: bool, number: int) -> SharedRows:
    threads = page_threads(board_id, unanswered=unanswered, number=number)
    for thread in threads:
        thread.unread = f"\x00U{thread.pk}\x00"
        thread.badge = f"\x00B{thread.pk}\x00"
    html = str(_rows_html(threads, boards=False))
    return SharedRows(html, tuple(thread.pk for thread in threads))


def fill(rows: SharedRows, user) -> SafeString:
    """The shared rows with what is new to this member marked (nothing for a
    guest): two queries at most (with_reads), one replace per new thread."""
    html = rows.html
    if user.is_authenticated and rows.threads:
        threads = with_reads(user, [Thread(pk=pk) for pk in rows.threads])
        for thread in threads:
            if label := _new_label(thread):
                html = html.replace(f"\x00U{thread.pk}\x00", " unread")
                html = html.replace(f"\x00B{thread.pk}\x00", _badge(label))
    return mark_safe(_HOLE.sub("", html))  # noqa: S308 (escaped by Jinja2, and above)


def _new_label(thread: Thread) -> str:
    """What is new to the member in the thread (with_reads): all of it, a
    number of replies, or nothing."""
    if thread.last_read is None:
        return gettext("New")
    if thread.new_posts:
        return ngettext(
            "%(counter)s new reply", "%(counter)s new replies", thread.new_posts
        ) % {"counter": thread.new_posts}
    return ""


def _badge(label: str) -> SafeString:
    return format_html('<span class="badge">{}</span>', label)


def _rows_html(threads: list[Thread], *, boards: bool) -> SafeString:
    """The rows, each with its labels translated here (thread.unread and
    thread.badge given by the caller) and, with boards, its board's link."""
    former = gettext("a former member")
    board_url = linker("community:board_detail")
    for thread in threads:
        thread.url = thread.get_absolute_url()
        thread.answered = thread.board.is_questions and thread.answer_id is not None
        thread.started_by = gettext("Started by %(name)s") % {
            "name": author_name(thread.author) if thread.author else former
        }
        thread.where = ""
        if boards:
            link = format_html(
                '<a href="{}">{}</a>', board_url(thread.board.slug), thread.board.name
            )
            thread.where = format_html(gettext("in {board}"), board=link)
        replies = thread.reply_count
        thread.replies_label = ngettext(
            "%(counter)s reply", "%(counter)s replies", replies
        ) % {"counter": replies}
        if thread.last_poster:
            thread.last_poster_name = author_name(thread.last_poster)
    context = {"threads": threads, "t": {k: str(v) for k, v in LABELS.items()}}
    return render_partial("community/_thread_rows.jinja", context)


def with_reads(user, threads: list[Thread]) -> list[Thread]:
    """Each thread with the newest post the member has read (last_read: None
    for a thread never opened) and how many posts came after it (new_posts):
    the marks in ReadState and those waiting in Redis (reading.py), in two
    queries at most, whatever the number of threads."""
    ids = [thread.pk for thread in threads]
    stored = ReadState.objects.filter(user=user, thread__in=ids).values_list(
        "thread_id", "read_up_to"
    )
    seen = reading.last_reads(user, ids, dict(stored))
    unread = {}
    if seen:
        unread = dict(
            Post.objects.filter(
                reduce(or_, (Q(thread_id=pk, pk__gt=last) for pk, last in seen.items()))
            )
            .order_by()
            .values("thread")
            .annotate(n=Count("pk"))
            .values_list("thread", "n")
        )
    for thread in threads:
        thread.last_read = seen.get(thread.pk)
        thread.new_posts = unread.get(thread.pk, 0)
    return threads
