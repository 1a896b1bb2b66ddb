"""The board list, a board's threads, and starting a thread. Who may read is
decided by the visible_to() querysets; who may write by
community.discussions.permissions.standing."""

from functools import reduce
from operator import or_

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView, TemplateView

from community.discussions import markup, ratelimits, reading
from community.discussions import services as board_services
from community.discussions.forms import (
    ThreadForm,
)
from community.discussions.permissions import (
    may_start_thread,
    require_thread_starter,
    require_writer,
    standing,
)
from community.models import (
    Board,
    Post,
    ReadState,
    Thread,
    WatchLevel,
)
from core.jinja_env import render_partial
from core.pagination import ForgivingPaginationMixin
from core.people import author_name
from resources.models import Resource

THREADS_PER_PAGE = 30


class BoardListView(TemplateView):
    template_name = "community/board_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = Thread.objects.filter(board=OuterRef("pk")).order_by(
            "-last_activity_at", "-pk"
        )
        context["boards"] = Board.objects.visible_to(self.request.user).annotate(
            latest_thread_id=Subquery(latest.values("pk")[:1]),
            latest_thread_title=Subquery(latest.values("title")[:1]),
            latest_thread_slug=Subquery(latest.values("slug")[:1]),
        )
        return context


class BoardDetailView(ForgivingPaginationMixin, ListView):
    template_name = "community/board_detail.html"
    context_object_name = "threads"
    paginate_by = THREADS_PER_PAGE

    def get_queryset(self):
        self.board = get_object_or_404(
            Board.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )
        # What the viewer has read is looked up for the page's threads only
        # (_with_reads): as a subquery here it would run for every thread
        # before the page, and a deep page of a large board cost the most.
        threads = self.board.threads.for_listing()
        self.unanswered = (
            self.board.is_questions and self.request.GET.get("show") == "unanswered"
        )
        if self.unanswered:
            threads = threads.filter(answer__isnull=True)
        return threads.order_by("-is_pinned", "-last_activity_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        threads = list(context["threads"])
        if user.is_authenticated:
            threads = _with_reads(user, threads)
        context["threads"] = context["object_list"] = threads
        context["page_obj"].object_list = threads
        context["threads_html"] = _threads_html(
            threads, signed_in=user.is_authenticated, questions=self.board.is_questions
        )
        context["board"] = self.board
        context["unanswered"] = self.unanswered
        context["querystring"] = "show=unanswered" if self.unanswered else ""
        context["standing"] = standing(self.request.user)
        context["may_start_thread"] = may_start_thread(self.request.user, self.board)
        context["watch_level"] = (
            self.board.follows.filter(user=self.request.user)
            .values_list("level", flat=True)
            .first()
            or WatchLevel.NORMAL
            if self.request.user.is_authenticated
            else None
        )
        return context


def _threads_html(threads, *, signed_in: bool, questions: bool = False) -> str:
    """A board page's threads, rendered by templates/community/_thread_rows.jinja
    (Jinja2, as the thread page's posts: see _posts_html), each with its labels
    translated here."""
    labels = {"pinned": _("Pinned"), "locked": _("Locked"), "answered": _("Answered")}
    former = gettext("a former member")
    for thread in threads:
        thread.url = thread.get_absolute_url()
        thread.answered = questions and thread.answer_id is not None
        thread.started_by = gettext("Started by %(name)s") % {
            "name": author_name(thread.author) if thread.author else former
        }
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
    context = {"threads": threads, "t": {k: str(v) for k, v in labels.items()}}
    return render_partial("community/_thread_rows.jinja", context)


def _with_reads(user, threads: list[Thread]) -> list[Thread]:
    """Each thread with the newest post the member has read (last_read: None
    for a thread never opened) and how many posts came after it (new_posts):
    the marks in ReadState and those waiting in Redis (services/reading.py), in
    two queries at most, whatever the size of the board."""
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


class ThreadCreateView(LoginRequiredMixin, View):
    template_name = "community/thread_form.html"

    def boards(self):
        return Board.objects.open_to_new_threads_by(self.request.user)

    def initial(self):
        initial = {}
        if slug := self.kwargs.get("slug"):
            board = get_object_or_404(
                Board.objects.visible_to(self.request.user), slug=slug
            )
            require_thread_starter(self.request.user, board)
            initial["board"] = board
        elif "resource" in self.request.GET:
            resource = get_object_or_404(
                Resource.objects.published(), slug=self.request.GET["resource"][:120]
            )
            initial["resources"] = self.request.build_absolute_uri(
                resource.get_absolute_url()
            )
            initial["title"] = resource.title
            initial["board"] = self.boards().filter(slug="share-a-resource").first()
        return initial

    def get(self, request, slug=None):
        initial = self.initial()
        require_writer(request.user)
        form = ThreadForm(initial=initial, boards=self.boards())
        return render(request, self.template_name, {"form": form})

    def preview(self, request, form, context):
        try:
            context["preview"] = markup.preview(
                form.cleaned_data["body"],
                author=request.user,
                board=form.cleaned_data["board"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        return render(request, self.template_name, context)

    def post(self, request, slug=None):
        data = request.POST
        if slug:
            # A board the viewer may not read is not there (404), whoever asks.
            board = get_object_or_404(Board.objects.visible_to(request.user), slug=slug)
            require_thread_starter(request.user, board)
            data = data.copy()
            data["board"] = str(board.pk)
        # Answered before the form, which may only preview and call no service.
        require_writer(request.user)
        form = ThreadForm(data, request.FILES, boards=self.boards())
        context = {"form": form}
        if form.is_valid():
            if "preview" in request.POST:
                return self.preview(request, form, context)
            verdict = ratelimits.check(request.user, "thread")
            if not verdict.allowed:
                return ratelimits.too_many(
                    request, "thread", verdict, self.template_name, context
                )
            try:
                thread = board_services.thread_create(
                    board=form.cleaned_data["board"],
                    author=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    topics=form.cleaned_data["topics"],
                    resources=form.cleaned_data["resources"],
                    attachments=form.cleaned_data["uploads"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(thread)
        return render(request, self.template_name, context)
