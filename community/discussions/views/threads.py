"""A thread's page: its posts (a Jinja2 partial), what the viewer may do with
them, and watching a thread or a board."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, Subquery
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View

from community.discussions import following, moderation, quotes, reading
from community.discussions.forms import ReplyForm
from community.discussions.permissions import require_moderator, standing
from community.discussions.views import post_list
from community.discussions.views.thread_queries import (
    POSTS_PER_PAGE,
    PagePosts,
    thread_for,
)
from community.models import (
    Board,
    Post,
    Reaction,
    Thread,
    WatchLevel,
)
from core.text import whole_number

WATCH_SET = {
    WatchLevel.WATCHING: _("Watching: every new post reaches your notifications."),
    WatchLevel.NORMAL: _("Normal: you hear of replies to you and mentions of you."),
    WatchLevel.MUTED: _("Muted: you hear nothing from it."),
}


class ThreadDetailView(View):
    template_name = "community/thread_detail.html"

    def get(self, request, pk, slug=None):
        user = request.user
        thread = thread_for(user, pk)
        if thread is None:
            return members_only(request)
        if slug != thread.slug:
            return redirect(thread, permanent=True)
        # Only counted (with the thread) and sliced: the page's posts themselves
        # are read by PagePosts, a prepared query, when no copy is kept.
        posts = thread.posts.order_by("created_at", "pk")
        stored = getattr(thread, "read_up_to", None)  # a member's, as stored
        last_read = reading.last_read(user, thread.pk, stored)
        if last_read and "page" not in request.GET:
            first_unread = _first_unread(thread, posts, last_read)
            if first_unread:
                return redirect(post_url(thread, first_unread))
        paginator = Paginator(posts, POSTS_PER_PAGE)
        paginator.count = thread.post_total  # counted with the thread
        page = paginator.get_page(request.GET.get("page"))
        member = standing(user)
        page_posts = PagePosts(thread.pk, member.is_moderator, page.number)
        shared = post_list.shared_page(thread, page_posts, page.number, member)
        mine = _read_by(user, thread, shared, last_read)
        asker = user.is_authenticated and thread.author_id == user.pk
        posts_html = post_list.fill(
            shared,
            request,
            last_read=last_read,
            reactions=mine,
            member=member,
            asker=asker and thread.board.is_questions,
        )
        context = {
            "page_obj": page,
            "posts": shared.posts,
            "posts_html": posts_html,
            "my_reactions": mine,
            "last_post_id": shared.posts[-1][0] if shared.posts else 0,
            **_thread_context(request, thread, member),
        }
        return render(request, self.template_name, context)


def _thread_context(request, thread: Thread, member) -> dict:
    """What the page shows around the posts: the thread, its resources and
    topics, what the viewer may do, the reply form."""
    return {
        "thread": thread,
        "board": thread.board,
        # Most threads share no resource: asked only when the thread does.
        "resources": thread.resources.published().select_related("organization")
        if thread.shares_resources
        else [],
        "topics": thread.topics,
        "standing": member,
        "is_moderator": member.is_moderator,
        "reply_form": ReplyForm(initial=_reply_initial(request, thread, member)),
        "reactions": Post.Reactions.choices,
        "watch_level": (thread.watch or WatchLevel.NORMAL)
        if request.user.is_authenticated
        else None,
    }


def _reply_initial(request, thread: Thread, member) -> dict | None:
    """The reply form as the post's Reply link (?reply_to=) or Quote link
    (?quote=, the whole post quoted, for the member to cut down) opens it."""
    reply_to = whole_number(request.GET.get("reply_to"))
    quoted = whole_number(request.GET.get("quote"))
    if quoted and member.can_write:
        post = thread.posts.readable().filter(pk=quoted).first()
        if post is not None:
            source = quotes.excerpt_source(post)
            body = f"[quote=post:{post.pk}]\n{source}\n[/quote]\n\n"
            return {"reply_to": post.pk, "body": body}
    return {"reply_to": reply_to} if reply_to else None


def members_only(request):
    """What a guest reads who followed a link to a members board's thread: that
    it is for members (not its title), with sign-in and sign-up leading back."""
    context = {"next": request.get_full_path()}
    return render(request, "community/members_only.html", context, status=403)


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


def _read_by(user, thread: Thread, page: post_list.SharedPage, last_read) -> set:
    """The member's (post, kind) reactions on the page; their read mark moves to
    the page's newest post."""
    if not user.is_authenticated or not page.posts:
        return set()
    pks = [pk for pk, _, _ in page.posts]
    newest = max(pks)
    if last_read is None or newest > last_read:
        reading.read_mark(user=user, thread_id=thread.pk, post_id=newest)
    return set(
        Reaction.objects.filter(user=user, post__in=pks).values_list("post_id", "kind")
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
