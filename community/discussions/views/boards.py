"""The board list, a board's threads, and starting a thread. Who may read is
decided by the visible_to() querysets; who may write by
community.discussions.permissions.standing."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import ListView, TemplateView

from community.discussions import markup, ratelimits
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
from community.discussions.views import thread_rows
from community.discussions.views.board_queries import THREADS_PER_PAGE, board_for
from community.models import (
    Board,
    Thread,
    WatchLevel,
)
from core.translated import shown
from resources.models import Resource


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


class BoardDetailView(ListView):
    template_name = "community/board_detail.html"
    context_object_name = "threads"
    paginate_by = THREADS_PER_PAGE

    def get_queryset(self):
        # The board is a prepared query (board_queries); its page of threads is
        # read only when no rendered copy of its rows is kept (paginate_queryset,
        # thread_rows.shared_rows). What the viewer has read is looked up for
        # the page's threads only (thread_rows.fill).
        asked = self.request.GET.get("show") == "unanswered"
        self.board = board_for(self.request.user, self.kwargs["slug"], unanswered=asked)
        self.unanswered = asked and self.board.is_questions
        return Thread.objects.none()

    def paginate_queryset(self, queryset, page_size):
        """A page=abc or page=99999 shows the first or last page, not a 404."""
        paginator = self.get_paginator(queryset, page_size)
        board = self.board
        paginator.count = (
            board.unanswered_total if self.unanswered else board.thread_total
        )
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        self.rows = thread_rows.shared_rows(
            board, unanswered=self.unanswered, number=page.number
        )
        page.object_list = self.rows.threads
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["threads_html"] = thread_rows.fill(self.rows, user)
        context["board"] = self.board
        context["unanswered"] = self.unanswered
        # Threads active after this moment are news to this page's reader.
        context["made_at"] = timezone.now().isoformat()
        context["querystring"] = "show=unanswered" if self.unanswered else ""
        context["standing"] = standing(user)
        context["may_start_thread"] = may_start_thread(user, self.board)
        context["watch_level"] = (
            (self.board.watch or WatchLevel.NORMAL) if user.is_authenticated else None
        )
        return context


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
            initial["title"] = shown(resource, "title").text
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
