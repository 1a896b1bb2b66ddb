"""Pages of the discussion board. Who may read is decided by the visible_to()
querysets; who may write by community.permissions.standing."""

from functools import reduce
from operator import or_

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView, TemplateView

from community import ratelimits
from community.forms_board import (
    FlagForm,
    HideForm,
    PostEditForm,
    ReactionForm,
    ReplyForm,
    ThreadForm,
)
from community.markup import render_post
from community.models import (
    Board,
    Notification,
    Post,
    Reaction,
    ReadState,
    TaggedThread,
    Thread,
    ThreadFollow,
    WatchLevel,
)
from community.permissions import (
    BOARD_STAFF_ONLY,
    is_moderator,
    may_start_thread,
    standing,
)
from community.services import board as board_services
from community.services import moderation, reading
from community.services.notifications import (
    notification_open,
    notifications_mark_all_read,
)
from core.links import linker
from core.pagination import ForgivingPaginationMixin
from core.text import whole_number
from resources.models import Resource

POSTS_PER_PAGE = 50
THREADS_PER_PAGE = 30
REPLIED = _("Your reply is posted.")
EDITED = _("Your post is updated.")
DELETED = _("Your post is deleted. A placeholder keeps the conversation in order.")
WATCH_SET = {
    WatchLevel.WATCHING: _("Watching: every new post reaches your notifications."),
    WatchLevel.NORMAL: _("Normal: you hear of replies to you and mentions of you."),
    WatchLevel.MUTED: _("Muted: you hear nothing from it."),
}
FLAGGED = _("Thank you. A moderator will look at this post.")


def too_many(request):
    return render(request, "429.html", {"message": ratelimits.SLOW_DOWN}, status=429)


def _visible_post(request, pk: int) -> Post:
    """A post of a thread the viewer reads, hidden or deleted ones included: for
    its permalink, and for its author's and the moderators' own actions."""
    return get_object_or_404(
        Post.objects.visible_to(request.user).select_related("thread", "author"), pk=pk
    )


def _readable_post(request, pk: int) -> Post:
    """A post whose text the viewer reads: to react to it or report it."""
    return get_object_or_404(
        Post.objects.readable_by(request.user).select_related("thread", "author"),
        pk=pk,
    )


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
        return self.board.threads.for_listing().order_by(
            "-is_pinned", "-last_activity_at", "-pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        threads = list(context["threads"])
        if user.is_authenticated:
            threads = _with_reads(user, threads)
        context["threads"] = context["object_list"] = threads
        context["page_obj"].object_list = threads
        context["threads_html"] = _threads_html(
            threads, signed_in=user.is_authenticated
        )
        context["board"] = self.board
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


def _threads_html(threads, *, signed_in: bool) -> str:
    """A board page's threads, rendered by templates/community/_thread_rows.jinja
    (Jinja2, as the thread page's posts: see _posts_html), each with its labels
    translated here."""
    labels = {"pinned": _("Pinned"), "locked": _("Locked")}
    former = gettext("a former member")
    for thread in threads:
        thread.url = thread.get_absolute_url()
        thread.started_by = gettext("Started by %(name)s") % {
            "name": _name(thread.author) if thread.author else former
        }
        replies = thread.reply_count
        thread.replies_label = ngettext(
            "%(counter)s reply", "%(counter)s replies", replies
        ) % {"counter": replies}
        if thread.last_poster:
            thread.last_poster_name = _name(thread.last_poster)
        thread.new_label = ""
        if signed_in and thread.last_read is None:
            thread.new_label = gettext("New")
        elif signed_in and thread.new_posts:
            thread.new_label = ngettext(
                "%(counter)s new reply", "%(counter)s new replies", thread.new_posts
            ) % {"counter": thread.new_posts}
    context = {"threads": threads, "t": {k: str(v) for k, v in labels.items()}}
    return _partial("community/_thread_rows.jinja", context)


def _partial(template: str, context: dict) -> str:
    """A Jinja2 partial (core/jinja_env.py), for a Django template to include
    as it is: Jinja2 escaped what it wrote."""
    html = render_to_string(template, context, using="jinja2")
    return mark_safe(html)  # noqa: S308


def _with_reads(user, threads: list[Thread]) -> list[Thread]:
    """Each thread with the newest post the member has read (last_read: None
    for a thread never opened) and how many posts came after it (new_posts):
    the marks in ReadState and those waiting in Redis (services/reading.py), in
    two queries at most, whatever the size of the board."""
    ids = [thread.pk for thread in threads]
    stored = ReadState.objects.filter(user=user, thread__in=ids).values_list(
        "thread_id", "last_read_post_id"
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
            if not may_start_thread(self.request.user, board):
                raise PermissionDenied(BOARD_STAFF_ONLY)
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
        member = standing(request.user)
        if not member.can_write:
            raise PermissionDenied(member.why_not)
        form = ThreadForm(initial=initial, boards=self.boards())
        return render(request, self.template_name, {"form": form})

    def post(self, request, slug=None):
        data = request.POST
        if slug:
            # A board the viewer may not read is not there (404), whoever asks.
            board = get_object_or_404(Board.objects.visible_to(request.user), slug=slug)
            if not may_start_thread(request.user, board):
                raise PermissionDenied(BOARD_STAFF_ONLY)
            data = data.copy()
            data["board"] = str(board.pk)
        member = standing(request.user)
        if not member.can_write:
            raise PermissionDenied(member.why_not)
        form = ThreadForm(data, boards=self.boards())
        context = {"form": form}
        if form.is_valid():
            if "preview" in request.POST:
                context["preview"] = render_post(form.cleaned_data["body"])[0]
                return render(request, self.template_name, context)
            if not ratelimits.allow(request.user, "thread"):
                return too_many(request)
            try:
                thread = board_services.thread_create(
                    board=form.cleaned_data["board"],
                    author=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    topics=form.cleaned_data["topics"],
                    resources=form.cleaned_data["resources"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(thread)
        return render(request, self.template_name, context)


class ThreadDetailView(View):
    template_name = "community/thread_detail.html"

    def get(self, request, pk, slug=None):
        user = request.user
        thread = get_object_or_404(_with_viewer_state(Thread.objects, user), pk=pk)
        if slug != thread.slug:
            return redirect(thread, permanent=True)
        posts = (
            thread.posts.with_text_for(user)
            .select_related("author__profile", "reply_to__author__profile")
            .order_by("created_at", "pk")
        )
        last_read = (
            reading.last_read(user, thread.pk, thread.read_up_to)
            if user.is_authenticated
            else None
        )
        if last_read and "page" not in request.GET:
            first_unread = (
                thread.posts.filter(pk__gt=last_read)
                .order_by("created_at", "pk")
                .values_list("pk", flat=True)
                .first()
            )
            if first_unread and first_unread != posts.values_list("pk", flat=True)[0]:
                return redirect(_post_url(thread, first_unread))
        paginator = Paginator(posts, POSTS_PER_PAGE)
        paginator.count = thread.post_total  # counted with the thread
        page = paginator.get_page(request.GET.get("page"))
        page_posts = list(page.object_list)
        mine = set()
        if user.is_authenticated and page_posts:
            mine = set(
                Reaction.objects.filter(user=user, post__in=page_posts).values_list(
                    "post_id", "kind"
                )
            )
            newest = max(p.pk for p in page_posts)
            if last_read is None or newest > last_read:
                reading.read_mark(user=user, thread_id=thread.pk, post_id=newest)
        for post in page_posts:
            post.is_unread = last_read is not None and post.pk > last_read
            post.is_mine = post.author_id is not None and post.author_id == user.pk
            post.my_kinds = {kind for post_id, kind in mine if post_id == post.pk}
        member = standing(user)
        reply_to = whole_number(request.GET.get("reply_to"))
        context = {
            "thread": thread,
            "board": thread.board,
            "page_obj": page,
            "posts": page_posts,
            "posts_html": _posts_html(request, page_posts, page.number, member),
            "my_reactions": mine,
            # Most threads share no resource: asked only when the thread does.
            "resources": thread.resources.published().select_related("organization")
            if thread.shares_resources
            else [],
            "topics": thread.topic_names,
            "standing": member,
            "is_moderator": member.is_moderator,
            "reply_form": ReplyForm(
                initial={"reply_to": reply_to} if reply_to else None
            ),
            "reactions": Post.Reactions.choices,
            "watch_level": (thread.watch or WatchLevel.NORMAL)
            if user.is_authenticated
            else None,
        }
        return render(request, self.template_name, context)


def _with_viewer_state(threads, user):
    """The threads the viewer may read, each with what its page needs beside it,
    in the same query: its board and author, how many posts it has (post_total),
    its topics' names (topic_names), whether it shares a published resource
    (shares_resources) and, for a member, the last post they read (read_up_to,
    as stored) and how they watch it (watch)."""
    threads = threads.visible_to(user).select_related("board", "author__profile")
    total = (
        Post.objects.filter(thread=OuterRef("pk"))
        .order_by()
        .values("thread")
        .annotate(n=Count("pk"))
        .values("n")
    )
    threads = threads.annotate(
        post_total=Coalesce(Subquery(total), 0),
        topic_names=ArraySubquery(
            TaggedThread.objects.filter(content_object=OuterRef("pk"))
            .order_by("tag__name")
            .values("tag__name")
        ),
        shares_resources=Exists(
            Resource.objects.published().filter(threads=OuterRef("pk"))
        ),
    )
    if not user.is_authenticated:
        return threads
    mine = {"user": user, "thread": OuterRef("pk")}
    return threads.annotate(
        read_up_to=Subquery(
            ReadState.objects.filter(**mine).values("last_read_post_id")[:1]
        ),
        watch=Subquery(ThreadFollow.objects.filter(**mine).values("level")[:1]),
    )


POST_LINKS = ("permalink", "react", "edit", "delete", "flag", "history")
POST_LABELS = {
    "former": _("A former member"),
    "link": _("Link to this post"),
    "edited": _("edited"),
    "deleted": _("This post was deleted by its author."),
    "restore": _("Restore post"),
    "hidden": _("This post was hidden by a moderator."),
    "reason": _("Reason: %(reason)s"),
    "in_reply_to": _("In reply to %(name)s:"),
    "gone": _("(a post no longer shown)"),
    "reactions": _("Reactions"),
    "reply": _("Reply"),
    "to_post": _("to this post"),
    "edit": _("Edit"),
    "delete": _("Delete"),
    "report": _("Report"),
    "hide": _("Hide"),
    "reason_label": _("Reason (the author sees it)"),
    "hide_post": _("Hide post"),
}


def _posts_html(request, posts: list[Post], page: int, member) -> str:
    """The page's posts, rendered by templates/community/_posts.jinja: a Jinja2
    template, which renders the loop of up to 50 posts several times faster than
    the Django template language (core/jinja_env.py)."""
    labels = {name: str(label) for name, label in POST_LABELS.items()}
    _with_links(posts, page, moderator=member.is_moderator)
    for post in posts:
        post.author_name = _name(post.author) if post.author else labels["former"]
        if post.reply_to_id and post.reply_to:
            author = post.reply_to.author
            post.reply_to_name = _name(author) if author else labels["former"]
    context = {
        "posts": posts,
        "t": labels,
        # One token for the page's forms, as {% csrf_token %} gives (the
        # backend's own csrf_input would make a new one for each of 100 forms);
        # none where there is no form, so a guest's page sets no cookie and
        # can be kept.
        "csrf": csrf_input(request) if member.can_write or member.is_moderator else "",
        "can_write": member.can_write,
        "is_moderator": member.is_moderator,
    }
    return _partial("community/_posts.jinja", context)


def _name(user) -> str:
    """The name a post shows for its author: the profile's, else the handle."""
    profile = getattr(user, "profile", None)  # None where it was never made
    return (profile.display_name if profile else "") or user.username


def _with_links(posts: list[Post], page: int, *, moderator: bool) -> None:
    """Each post's links (post.links), each pattern reversed once for the page,
    and its element id (post.html_id)."""
    author = linker("community:profile_detail")
    links = {name: linker(f"community:post_{name}") for name in POST_LINKS}
    for post in posts:
        post.html_id = f"post-{post.pk}"
        post.links = {name: link(post.pk) for name, link in links.items()}
        post.links["author"] = author(post.author.username) if post.author else ""
        post.links["reply"] = f"?page={page}&reply_to={post.pk}#reply"
        if moderator:
            for action in ("hide", "restore"):
                post.links[action] = reverse(
                    "community:post_moderate", args=[post.pk, action]
                )


def _post_url(thread: Thread, post_id: int) -> str:
    position = thread.posts.filter(
        Q(created_at__lt=Subquery(Post.objects.filter(pk=post_id).values("created_at")))
    ).count()
    page = position // POSTS_PER_PAGE + 1
    return f"{thread.get_absolute_url()}?page={page}#post-{post_id}"


class PostPermalinkView(View):
    def get(self, request, pk):
        post = _visible_post(request, pk)
        return redirect(_post_url(post.thread, post.pk))


class ReplyCreateView(LoginRequiredMixin, View):
    def post(self, request, pk):
        thread = get_object_or_404(
            Thread.objects.visible_to(request.user).select_related("board"), pk=pk
        )
        form = ReplyForm(request.POST)
        if not form.is_valid():
            # Show the errors beside the member's own text, not an empty thread page.
            return render(
                request, "community/reply_form.html", {"form": form, "thread": thread}
            )
        if not ratelimits.allow(request.user, "post"):
            return too_many(request)
        reply_to = None
        if form.cleaned_data.get("reply_to"):
            reply_to = thread.posts.filter(pk=form.cleaned_data["reply_to"]).first()
        try:
            post = board_services.post_create(
                thread=thread, author=request.user, body=form.cleaned_data["body"],
                reply_to=reply_to,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
            return render(
                request, "community/reply_form.html", {"form": form, "thread": thread}
            )
        messages.success(request, REPLIED)
        return redirect(_post_url(thread, post.pk))


class PostEditView(LoginRequiredMixin, View):
    template_name = "community/post_form.html"

    def get_post(self, request, pk):
        post = _visible_post(request, pk)
        if post.author_id != request.user.pk:
            raise PermissionDenied(board_services.NOT_YOURS)
        return post

    def get(self, request, pk):
        post = self.get_post(request, pk)
        form = PostEditForm(initial={"body": post.body})
        return render(request, self.template_name, {"form": form, "post": post})

    def post(self, request, pk):
        post = self.get_post(request, pk)
        form = PostEditForm(request.POST)
        if form.is_valid():
            try:
                board_services.post_edit(
                    post=post, editor=request.user, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                form.add_error("body", error.messages)
            else:
                messages.success(request, EDITED)
                return redirect(_post_url(post.thread, post.pk))
        return render(request, self.template_name, {"form": form, "post": post})


class PostDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        post = _visible_post(request, pk)
        board_services.post_delete(post=post, user=request.user)
        messages.success(request, DELETED)
        return redirect(_post_url(post.thread, post.pk))


class PostHistoryView(LoginRequiredMixin, View):
    def get(self, request, pk):
        post = _visible_post(request, pk)
        if not (is_moderator(request.user) or post.author_id == request.user.pk):
            raise PermissionDenied
        return render(
            request,
            "community/post_history.html",
            {"post": post, "revisions": post.revisions.select_related("author")},
        )


class ReactionView(LoginRequiredMixin, View):
    def post(self, request, pk):
        post = _readable_post(request, pk)
        form = ReactionForm(request.POST)
        if form.is_valid():
            board_services.reaction_toggle(
                post=post, user=request.user, kind=form.cleaned_data["kind"]
            )
        return redirect(_post_url(post.thread, post.pk))


class FlagView(LoginRequiredMixin, View):
    template_name = "community/flag_form.html"

    def get(self, request, pk):
        post = _readable_post(request, pk)
        return render(request, self.template_name, {"form": FlagForm(), "post": post})

    def post(self, request, pk):
        post = _readable_post(request, pk)
        form = FlagForm(request.POST)
        if form.is_valid():
            if not ratelimits.allow(request.user, "flag"):
                messages.info(request, ratelimits.TOO_MANY_REPORTS)
                return redirect(_post_url(post.thread, post.pk))
            try:
                board_services.flag_create(
                    post=post, reporter=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                messages.info(request, " ".join(error.messages))
            else:
                messages.success(request, FLAGGED)
            return redirect(_post_url(post.thread, post.pk))
        return render(request, self.template_name, {"form": form, "post": post})


class ModeratePostView(LoginRequiredMixin, View):
    """Hide (with a reason) or restore a post, from the thread page."""

    def post(self, request, pk, action):
        post = _visible_post(request, pk)
        if not is_moderator(request.user):
            raise PermissionDenied
        if action not in {"hide", "restore"}:
            raise Http404
        if action == "hide":
            form = HideForm(request.POST)
            if not form.is_valid():
                messages.error(request, str(moderation.REASON_REQUIRED))
                return redirect(_post_url(post.thread, post.pk))
            moderation.post_hide(
                post=post, moderator=request.user, reason=form.cleaned_data["reason"]
            )
        else:
            moderation.post_restore(post=post, moderator=request.user)
        return redirect(_post_url(post.thread, post.pk))


class ModerateThreadView(LoginRequiredMixin, View):
    def post(self, request, pk, action):
        thread = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
        if not is_moderator(request.user):
            raise PermissionDenied
        if action in {"lock", "unlock"}:
            moderation.thread_set_locked(
                thread=thread, moderator=request.user, locked=action == "lock"
            )
        elif action in {"pin", "unpin"}:
            moderation.thread_set_pinned(
                thread=thread, moderator=request.user, pinned=action == "pin"
            )
        else:
            raise Http404
        return redirect(thread)


class FollowView(LoginRequiredMixin, View):
    """Set the member's watching level for a thread (pk) or a board (slug)."""

    def post(self, request, pk=None, slug=None):
        level = request.POST.get("level", "")
        if "follow" in request.POST:  # the plain Follow / Unfollow button
            follow = request.POST["follow"] == "1"
            level = WatchLevel.WATCHING if follow else WatchLevel.NORMAL
        if pk is not None:
            target = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
            change = board_services.thread_watch_set
            kwargs = {"thread": target}
        else:
            target = get_object_or_404(
                Board.objects.visible_to(request.user), slug=slug
            )
            change = board_services.board_watch_set
            kwargs = {"board": target}
        try:
            change(user=request.user, level=level, **kwargs)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, WATCH_SET[level])
        back = request.POST.get("next", "")
        if back.startswith("/") and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}
        ):
            return HttpResponseRedirect(back)
        return redirect(target)


class NotificationListView(LoginRequiredMixin, ForgivingPaginationMixin, ListView):
    template_name = "community/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 30

    def get_queryset(self):
        return Notification.objects.filter(recipient=self.request.user).select_related(
            "actor__profile"
        )


class NotificationOpenView(LoginRequiredMixin, View):
    def get(self, request, pk):
        notification = get_object_or_404(
            Notification.objects.filter(recipient=request.user), pk=pk
        )
        return redirect(notification_open(notification=notification))


class NotificationsReadView(LoginRequiredMixin, View):
    def post(self, request):
        notifications_mark_all_read(user=request.user)
        return redirect(reverse("community:notification_list"))
