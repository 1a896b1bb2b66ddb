"""What a member does to a post: reply, edit, delete, react, report; a
moderator hides or restores it; its permalink and history."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from community.discussions import moderation, ratelimits
from community.discussions import services as board_services
from community.discussions.forms import (
    FlagForm,
    HideForm,
    PostEditForm,
    ReactionForm,
    ReplyForm,
)
from community.discussions.permissions import (
    for_members_only,
    is_moderator,
    require_moderator,
)
from community.discussions.views.threads import members_only, post_url
from community.models import (
    Post,
    Thread,
)

REPLIED = _("Your reply is posted.")
EDITED = _("Your post is updated.")
DELETED = _("Your post is deleted. A placeholder keeps the conversation in order.")
FLAGGED = _("Thank you. A moderator will look at this post.")


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


class PostPermalinkView(View):
    def get(self, request, pk):
        try:
            post = _visible_post(request, pk)
        except Http404:
            if for_members_only(request.user, Thread.objects.filter(posts=pk)):
                return members_only(request)
            raise
        return redirect(post_url(post.thread, post.pk))


class ReplyCreateView(LoginRequiredMixin, View):
    # The reply form on a page of its own, for a reply that was not posted.
    template_name = "community/reply_form.html"

    def post(self, request, pk):
        thread = get_object_or_404(
            Thread.objects.visible_to(request.user).select_related("board"), pk=pk
        )
        form = ReplyForm(request.POST, request.FILES)
        context = {"form": form, "thread": thread}
        if not form.is_valid():
            # Show the errors beside the member's own text, not an empty thread page.
            return render(request, self.template_name, context)
        verdict = ratelimits.check(request.user, "post")
        if not verdict.allowed:
            return ratelimits.too_many(
                request, "post", verdict, self.template_name, context
            )
        reply_to = None
        if form.cleaned_data.get("reply_to"):
            reply_to = thread.posts.filter(pk=form.cleaned_data["reply_to"]).first()
        try:
            post = board_services.post_create(
                thread=thread, author=request.user, body=form.cleaned_data["body"],
                reply_to=reply_to, attachments=form.cleaned_data["uploads"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, self.template_name, context)
        messages.success(request, REPLIED)
        return redirect(post_url(thread, post.pk))


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
                return redirect(post_url(post.thread, post.pk))
        return render(request, self.template_name, {"form": form, "post": post})


class PostDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        post = _visible_post(request, pk)
        board_services.post_delete(post=post, user=request.user)
        messages.success(request, DELETED)
        return redirect(post_url(post.thread, post.pk))


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
        return redirect(post_url(post.thread, post.pk))


class FlagView(LoginRequiredMixin, View):
    template_name = "community/flag_form.html"

    def get(self, request, pk):
        post = _readable_post(request, pk)
        return render(request, self.template_name, {"form": FlagForm(), "post": post})

    def post(self, request, pk):
        post = _readable_post(request, pk)
        form = FlagForm(request.POST)
        if form.is_valid():
            verdict = ratelimits.check(request.user, "flag")
            if not verdict.allowed:
                context = {"form": form, "post": post}
                return ratelimits.too_many(
                    request, "flag", verdict, self.template_name, context
                )
            try:
                moderation.flag_create(
                    post=post, reporter=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                messages.info(request, " ".join(error.messages))
            else:
                messages.success(request, FLAGGED)
            return redirect(post_url(post.thread, post.pk))
        return render(request, self.template_name, {"form": form, "post": post})


class ModeratePostView(LoginRequiredMixin, View):
    """Hide (with a reason) or restore a post, from the thread page."""

    def post(self, request, pk, action):
        post = _visible_post(request, pk)
        require_moderator(request.user)
        if action not in {"hide", "restore"}:
            raise Http404
        if action == "hide":
            form = HideForm(request.POST)
            if not form.is_valid():
                messages.error(request, str(moderation.REASON_REQUIRED))
                return redirect(post_url(post.thread, post.pk))
            moderation.post_hide(
                post=post, moderator=request.user, reason=form.cleaned_data["reason"]
            )
        else:
            moderation.post_restore(post=post, moderator=request.user)
        return redirect(post_url(post.thread, post.pk))
