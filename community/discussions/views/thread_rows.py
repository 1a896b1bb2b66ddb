"""Rows of threads, rendered by templates/community/_thread_rows.jinja (Jinja2, as
the thread page's posts: see post_list.py): a board's page, and a topic's page,
whose threads come from every board the viewer reads."""

from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from community.discussions import reading
from community.models import Post, ReadState, Thread
from core.jinja_env import render_partial
from core.links import linker
from core.people import author_name

LABELS = {"pinned": _("Pinned"), "locked": _("Locked"), "answered": _("Answered")}


def thread_rows_html(
    user, threads: list[Thread], *, boards: bool = False
) -> SafeString:
    """The threads' rows, each with its labels translated here, what is new to a
    member (with_reads) and, with boards, a link to the thread's board. The
    threads need their author's, last poster's and board's rows (for_listing)."""
    signed_in = user.is_authenticated
    if signed_in:
        with_reads(user, threads)
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
        thread.new_label = ""
        if signed_in and thread.last_read is None:
            thread.new_label = gettext("New")
        elif signed_in and thread.new_posts:
            thread.new_label = ngettext(
                "%(counter)s new reply", "%(counter)s new replies", thread.new_posts
            ) % {"counter": thread.new_posts}
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
