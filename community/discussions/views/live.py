"""What is new on a thread or a board since the viewer's page was made, and
how many notifications a member has not read: asked by static/js/live.js every
few seconds, answered 304 when nothing changed (core.live)."""

from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from community.models import Board, Post, Thread
from core import live, versions
from core.text import whole_number


@require_safe
def thread_news(request, pk):
    """Posts after ?after=<post id>, in a thread the viewer reads."""
    after = whole_number(request.GET.get("after")) or 0
    newer = Post.objects.filter(thread=OuterRef("pk"), pk__gt=after).order_by()
    newer = newer.values("thread")
    thread = (
        Thread.objects.visible_to(request.user)
        .filter(pk=pk)
        .annotate(
            **versions.numbers(number=versions.thread(pk)),
            new=Subquery(newer.annotate(n=Count("pk")).values("n")[:1]),
            first_new=Subquery(newer.annotate(m=Min("pk")).values("m")[:1]),
        )
        .values("number", "new", "first_new")
        .first()
    )
    if thread is None:
        raise Http404
    count = thread["new"] or 0
    data = {"new": count, "text": "", "url": ""}
    if count:
        data["text"] = ngettext(
            "%(count)s new reply — show", "%(count)s new replies — show", count
        ) % {"count": count}
        data["url"] = reverse("community:post_permalink", args=[thread["first_new"]])
    return live.answer(request, f"thread-{pk}-{thread['number']}-{after}", data)


@require_safe
def board_news(request, slug):
    """Threads started or answered since ?since=<ISO time> on a board the viewer
    reads."""
    since = parse_datetime(request.GET.get("since", "")[:40])
    if since is None:
        raise Http404
    board = (
        Board.objects.visible_to(request.user)
        .filter(slug=slug)
        .annotate(
            **versions.numbers(number=versions.board(slug)),
            active=Count("threads", filter=Q(threads__last_activity_at__gt=since)),
        )
        .values("number", "active")
        .first()
    )
    if board is None:
        raise Http404
    count = board["active"]
    data = {"new": count, "text": "", "url": ""}
    if count:
        data["text"] = ngettext(
            "%(count)s thread with new posts — show",
            "%(count)s threads with new posts — show",
            count,
        ) % {"count": count}
        data["url"] = reverse("community:board_detail", args=[slug])
    tag = f"board-{slug}-{board['number']}-{since.isoformat()}"
    return live.answer(request, tag, data)


@require_safe
def notification_count(request):
    """The member's unread notifications, read with the member's own row."""
    count = getattr(request.user, "unread_notification_count", None)
    if count is None:
        raise Http404  # a guest has none
    return live.answer(request, f"unread-{request.user.pk}-{count}", {"unread": count})
