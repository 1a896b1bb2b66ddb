"""A thread's page: its posts (a Jinja2 partial), what the viewer may do with
them, and watching a thread or a board."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View

from community.discussions import following, moderation, reading
from community.discussions.forms import (
    ReplyForm,
)
from community.discussions.permissions import (
    require_moderator,
    standing,
)
from community.models import (
    Board,
    Post,
    Reaction,
    ReadState,
    TaggedThread,
    Thread,
    ThreadFollow,
    WatchLevel,
)
from core.jinja_env import render_partial
from core.links import linker
from core.text import whole_number
from resources.models import Resource

POSTS_PER_PAGE = 50
WATCH_SET = {
    WatchLevel.WATCHING: _("Watching: every new post reaches your notifications."),
    WatchLevel.NORMAL: _("Normal: you hear of replies to you and mentions of you."),
    WatchLevel.MUTED: _("Muted: you hear nothing from it."),
}


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
            first_unread = _first_unread(thread, posts, last_read)
            if first_unread:
                return redirect(post_url(thread, first_unread))
        paginator = Paginator(posts, POSTS_PER_PAGE)
        paginator.count = thread.post_total  # counted with the thread
        page = paginator.get_page(request.GET.get("page"))
        page_posts = list(page.object_list)
        mine = _read_by(user, thread, page_posts, last_read)
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


def _first_unread(thread: Thread, posts, last_read: int) -> int | None:
    """The first post after the member's mark, unless it opens the thread (a
    visit without ?page= then starts there)."""
    first_unread = (
        thread.posts.filter(pk__gt=last_read)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if first_unread and first_unread != posts.values_list("pk", flat=True)[0]:
        return first_unread
    return None


def _read_by(user, thread: Thread, page_posts: list[Post], last_read) -> set:
    """Mark what the viewer sees on the page: each post's is_unread, is_mine and
    my_kinds (their reactions to it); a member's read mark moves to the page's
    newest post. Returns the member's (post, kind) reactions on the page."""
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
    return mine


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
        read_up_to=Subquery(ReadState.objects.filter(**mine).values("read_up_to")[:1]),
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
        post.author_name = author_name(post.author) if post.author else labels["former"]
        if post.reply_to_id and post.reply_to:
            author = post.reply_to.author
            post.reply_to_name = author_name(author) if author else labels["former"]
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
    return render_partial("community/_posts.jinja", context)


def author_name(user) -> str:
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


def post_url(thread: Thread, post_id: int) -> str:
    position = thread.posts.filter(
        Q(created_at__lt=Subquery(Post.objects.filter(pk=post_id).values("created_at")))
    ).count()
    page = position // POSTS_PER_PAGE + 1
    return f"{thread.get_absolute_url()}?page={page}#post-{post_id}"


class ModerateThreadView(LoginRequiredMixin, View):
    def post(self, request, pk, action):
        thread = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
        require_moderator(request.user)
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
            change = following.thread_watch_set
            kwargs = {"thread": target}
        else:
            target = get_object_or_404(
                Board.objects.visible_to(request.user), slug=slug
            )
            change = following.board_watch_set
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
