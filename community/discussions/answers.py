"""Questions and their accepted answers.

On a question board ("Ask the community"), each thread asks a question. Its
asker, or a moderator, marks one reply as the answer: the thread page shows it
under the question with a link to it in place, lists mark the question answered,
and the weekly digest's "unanswered questions" are the ones without one. A
hidden or deleted answer stops being one.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from community.discussions.permissions import require_writer, standing
from community.models import Notification, Post, Thread
from community.notifications.services import notify

NOT_A_QUESTION = _("Only a thread on a question board has an accepted answer.")
NOT_THE_ASKER = _("Only the member who asked, or a moderator, can mark the answer.")
NOT_A_REPLY = _("Mark a reply as the answer, not the question itself.")
NOT_SHOWN = _("A hidden or deleted post cannot be the answer.")


def may_mark(user, thread: Thread) -> bool:
    """Whether this viewer marks the thread's answer: its asker, or a moderator."""
    if not user.is_authenticated or not thread.board.is_questions:
        return False
    return thread.author_id == user.pk or standing(user).is_moderator


@transaction.atomic
def answer_mark(*, post: Post, user) -> Thread:
    """Mark the post as its thread's answer (in place of any earlier one)."""
    require_writer(user)
    thread = _locked(post.thread_id)
    if not thread.board.is_questions:
        raise ValidationError(NOT_A_QUESTION)
    if not may_mark(user, thread):
        raise PermissionDenied(NOT_THE_ASKER)
    if post.is_hidden or post.is_deleted:
        raise ValidationError(NOT_SHOWN)
    if not thread.posts.filter(pk__lt=post.pk).exists():
        raise ValidationError(NOT_A_REPLY)
    if thread.answer_id == post.pk:
        return thread
    thread.answer = post
    thread.save(update_fields=["answer"])
    if post.author_id and post.author_id != user.pk:
        notify(
            recipients=[post.author],
            kind=Notification.Kind.ANSWER,
            post=post,
            actor=user,
        )
    return thread


@transaction.atomic
def answer_unmark(*, thread: Thread, user) -> Thread:
    """The question has no accepted answer again."""
    require_writer(user)
    thread = _locked(thread.pk)
    if not may_mark(user, thread):
        raise PermissionDenied(NOT_THE_ASKER)
    if thread.answer_id is not None:
        thread.answer = None
        thread.save(update_fields=["answer"])
    return thread


def _locked(thread_id: int) -> Thread:
    """The thread as committed, locked until the mark is written."""
    return (
        Thread.objects.select_for_update(of=("self",))
        .select_related("board")
        .get(pk=thread_id)
    )


def answer_drop(post: Post) -> None:
    """A post that is hidden or deleted stops being its thread's answer."""
    for thread in Thread.objects.filter(answer=post).select_related("board"):
        thread.answer = None
        thread.save(update_fields=["answer"])
