"""What of the discussion board and the members pages show, and which kept copies
it moves (core.versions)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from community.models import (
    Attachment,
    Block,
    Board,
    BoardFollow,
    Checkpoint,
    Conversation,
    DataExport,
    DigestSchedule,
    Flag,
    Message,
    MessageReport,
    ModerationLog,
    Notification,
    NotificationSettings,
    OutgoingEmail,
    Participant,
    Post,
    PostRevision,
    Profile,
    Reaction,
    ReadState,
    Suspension,
    TaggedThread,
    Thread,
    ThreadFollow,
    TopicFollow,
)
from core import versions

BOARDS = "boards"  # every board's name, description and visibility
# Threads and posts across boards: the board list's counts, home, search, a
# resource's "discussed in"; moved by every post.
DISCUSSIONS = "discussions"
PEOPLE = "people"  # names, handles, roles and standing shown beside posts


def board_scopes(board: Board) -> list[str]:
    return [BOARDS, versions.board(board.slug), DISCUSSIONS]


def thread_scopes(thread: Thread) -> list[str]:
    return [versions.thread(thread.pk), versions.board(thread.board.slug), DISCUSSIONS]


def _post_scopes(post: Post) -> list[str]:
    return thread_scopes(post.thread)


def _reaction_scopes(reaction: Reaction) -> list[str]:
    # A reaction changes its post's counts: the thread's page, nothing else.
    if Reaction.post.is_cached(reaction):
        thread_id = reaction.post.thread_id
    else:
        thread_id = (
            Post.objects.filter(pk=reaction.post_id)
            .values_list("thread_id", flat=True)
            .first()
        )
    return [versions.thread(thread_id)] if thread_id else []


def register() -> None:
    versions.shown(Board, board_scopes)
    versions.shown(Thread, thread_scopes)
    versions.shown(TaggedThread, lambda item: thread_scopes(item.content_object))
    # A reply is recorded as added to the discussions: a search's matches take
    # it in without searching every post again (community/search.py).
    versions.shown(Post, _post_scopes, added_to=DISCUSSIONS)
    versions.shown(Attachment, lambda attachment: _post_scopes(attachment.post))
    versions.shown(PostRevision, lambda revision: _post_scopes(revision.post))
    versions.shown(Reaction, _reaction_scopes)
    # A sign-in saves last_login only: nothing shown changes.
    versions.shown(get_user_model(), [PEOPLE], ignore=("last_login",))
    for model in (Profile, Suspension, Group, Permission):
        versions.shown(model, [PEOPLE])
    own = "a member's own: shown on their pages only, which are never kept"
    for model in (
        ThreadFollow,
        BoardFollow,
        TopicFollow,
        ReadState,
        Notification,
        NotificationSettings,
        DigestSchedule,
        DataExport,
    ):
        versions.not_shown(model, own)
    private = "a conversation's: shown to its participants only, never kept"
    for model in (Conversation, Participant, Message, Block):
        versions.not_shown(model, private)
    staff = "shown to moderators and staff only, whose pages are never kept"
    for model in (Flag, ModerationLog, MessageReport):
        versions.not_shown(model, staff)
    versions.not_shown(OutgoingEmail, "the outbox: e-mail, not pages")
    versions.not_shown(Checkpoint, "the worker's bookkeeping")
