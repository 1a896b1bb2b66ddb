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
from community.discussions.views.thread_rows import thread_rows_html
from community.models import (
    Board,
    Thread,
    WatchLevel,
)
from core.pagination import ForgivingPaginationMixin
from core.translated import shown
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
        # (thread_rows.with_reads): as a subquery here it would run for every thread
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
        context["threads"] = context["object_list"] = threads
        context["page_obj"].object_list = threads
        context["threads_html"] = thread_rows_html(user, threads)
        context["board"] = self.board
        context["unanswered"] = self.unanswered
        # Threads active after this moment are news to this page's reader.
        context["made_at"] = timezone.now().isoformat()
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
