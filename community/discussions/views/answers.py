"""Marking a question's accepted answer, and taking the mark back."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View

from community.discussions import answers
from community.discussions.views.threads import post_url
from community.models import Post, Thread

MARKED = _("Marked as the answer. The question shows as answered.")
CLEARED = _("The question has no accepted answer any more.")


class AnswerMarkView(LoginRequiredMixin, View):
    def post(self, request, pk):
        post = get_object_or_404(
            Post.objects.visible_to(request.user).select_related("thread"), pk=pk
        )
        try:
            answers.answer_mark(post=post, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, MARKED)
        return redirect(post_url(post.thread, post.pk))


class AnswerClearView(LoginRequiredMixin, View):
    def post(self, request, pk):
        thread = get_object_or_404(
            Thread.objects.visible_to(request.user).select_related("board"), pk=pk
        )
        answers.answer_unmark(thread=thread, user=request.user)
        messages.success(request, CLEARED)
        return redirect(thread)
