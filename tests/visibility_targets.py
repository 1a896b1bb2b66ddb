"""What test_visibility.py requests, pattern by pattern, in the world that
tests/visibility_secrets.py builds: each target says whether the object is the
viewers' to see at all (private: 404) and, for an action, the form it posts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from community.conversations import services as conversations
from community.models import Attachment
from community.notifications.tokens import unsubscribe_token
from tests.factories import UserFactory

if TYPE_CHECKING:
    from tests.visibility_secrets import Made


@dataclass
class Target:
    label: str
    kwargs: dict
    private: bool  # not the viewers' to see at all: 404
    post: dict | None = None  # form data for a POST


def _member_targets(m: Made) -> dict:
    return {
        "community:profile_detail": [
            Target("author", {"username": "author"}, private=False)
        ],
        "community:profile_edit": [
            Target("author", {"username": "author"}, private=False)
        ],
        "community:unsubscribe": [
            Target("author", {"token": unsubscribe_token(m.author, "watched")}, False)
        ],
        "community:notification_open": [
            Target("author's", {"pk": m.notification.pk}, private=True)
        ],
    }


def _thread_targets(m: Made, threads: list) -> dict:
    def thread_kwargs(t):
        return {"pk": t.pk, "slug": t.slug}

    return {
        "community:thread_short": threads,
        "community:thread_detail": [
            Target("public thread", thread_kwargs(m.thread), private=False),
            Target("private thread", thread_kwargs(m.private), private=True),
        ],
        "community:post_create": [
            Target(t.label, t.kwargs, t.private, post={"body": "Hi", "reply_to": ""})
            for t in threads
        ]
        + [
            Target(
                "public thread, quoting the hidden post",
                {"pk": m.thread.pk},
                private=False,
                post={"body": "Quoting", "reply_to": str(m.hidden.pk)},
            )
        ],
        "community:thread_feed": [
            Target("public thread", thread_kwargs(m.thread), private=False),
            Target("private thread", thread_kwargs(m.private), private=True),
        ],
        "community:thread_follow": [
            Target(t.label, t.kwargs, t.private, post={"follow": "1"}) for t in threads
        ],
        "community:thread_moderate": [
            Target(t.label, t.kwargs | {"action": "lock"}, t.private, post={})
            for t in threads
        ],
        "community:thread_answer_clear": [
            Target(t.label, t.kwargs, t.private, post={}) for t in threads
        ],
        "community:thread_news": threads,
    }


def _post_targets(posts: list) -> dict:
    return {
        "community:post_permalink": posts,
        "community:post_edit": posts,
        "community:post_history": posts,
        "community:post_flag": [
            Target(p.label, p.kwargs, p.private or p.label != "private post")
            for p in posts
        ],
        "community:post_delete": [
            Target(p.label, p.kwargs, p.private, post={}) for p in posts
        ],
        "community:post_react": [
            Target(p.label, p.kwargs, True, post={"kind": "helpful"}) for p in posts
        ],
        "community:post_moderate": [
            Target(p.label, p.kwargs | {"action": "restore"}, p.private, post={})
            for p in posts
        ],
        "community:post_answer": [
            Target(p.label, p.kwargs, p.private, post={}) for p in posts
        ],
        # Every post's file is one the viewers may not fetch.
        "community:attachment": [
            Target(p.label, _file_kwargs(p.kwargs["pk"]), private=True) for p in posts
        ],
    }


def _file_kwargs(post_id: int) -> dict:
    file = Attachment.objects.get(post_id=post_id)
    return {"pk": file.pk, "name": file.name}


def _board_targets(m: Made) -> dict:
    return {
        "community:board_detail": [
            Target("private board", {"slug": m.private_board.slug}, private=True)
        ],
        "community:board_feed": [
            Target("public board", {"slug": m.thread.board.slug}, private=False),
            Target("private board", {"slug": m.private_board.slug}, private=True),
        ],
        "community:board_follow": [
            Target(
                "private board",
                {"slug": m.private_board.slug},
                private=True,
                post={"follow": "1"},
            )
        ],
        "community:board_thread_create": [
            Target("private board", {"slug": m.private_board.slug}, private=True)
        ],
        "community:board_news": [
            Target("private board", {"slug": m.private_board.slug}, private=True)
        ],
    }


def _cohort_targets(m: Made) -> dict:
    cohort_kwargs = {"program": m.cohort.program.slug, "cohort": m.cohort.slug}
    return {
        "cohorts:program_detail": [
            Target("program", {"program": m.cohort.program.slug}, private=False)
        ],
        "cohorts:cohort_detail": [Target("cohort", cohort_kwargs, private=False)],
        "cohorts:cohort_calendar": [Target("cohort", cohort_kwargs, private=False)],
        "cohorts:cohort_calendar_private": [
            Target("cohort", cohort_kwargs | {"token": "x" * 32}, private=True)
        ],
        "cohorts:cohort_calendar_reset": [
            Target("cohort", cohort_kwargs, private=True, post={})
        ],
        "cohorts:session_detail": [
            Target("session", cohort_kwargs | {"session": m.session.pk}, private=True)
        ],
        "cohorts:session_respond": [
            Target(
                "session",
                cohort_kwargs | {"session": m.session.pk},
                private=True,
                post={"answer": "going"},
            )
        ],
        "cohorts:attendance_record": [
            Target(
                "session",
                cohort_kwargs | {"session": m.session.pk},
                private=True,
                post={"listed": [m.author.pk], "attended": [m.author.pk]},
            )
        ],
        "cohorts:action_item_status": [
            Target(
                "plan item",
                cohort_kwargs | {"item": m.item.pk},
                private=True,
                post={"status": "done"},
            )
        ],
        "cohorts:cohort_dashboard": [Target("cohort", cohort_kwargs, private=True)],
        "cohorts:cohort_dashboard_csv": [Target("cohort", cohort_kwargs, private=True)],
        "cohorts:milestone_record": [
            Target(
                "city",
                cohort_kwargs,
                private=True,
                post={"city": m.city.pk, "kind": m.milestone.kind_id, "note": "x"},
            )
        ],
        "cohorts:milestone_remove": [
            Target(
                "milestone",
                cohort_kwargs | {"milestone": m.milestone.pk},
                private=True,
                post={},
            )
        ],
    }


def _resource_targets(m: Made) -> dict:
    return {
        "resources:collection_detail": [
            Target("collection", {"slug": m.collection.slug}, private=False)
        ],
        "resources:resource_detail": [Target("draft", {"slug": "draft"}, True)],
        # The public thread's, the draft's and the private thread's topic.
        "topic_detail": [Target("topic", {"slug": "zebracorn"}, private=False)],
        "resources:resource_download": [Target("draft", {"slug": "draft"}, True)],
        "resources:bookmark_toggle": [
            Target("draft", {"slug": "draft"}, private=True, post={})
        ],
    }


def targets(m: Made) -> dict:
    """Each pattern's requests, in the order the tests walk them."""
    posts = [
        Target("hidden post", {"pk": m.hidden.pk}, private=False),
        Target("deleted post", {"pk": m.deleted.pk}, private=False),
        Target("private post", {"pk": m.private_post.pk}, private=True),
    ]
    threads = [
        Target("public thread", {"pk": m.thread.pk}, private=False),
        Target("private thread", {"pk": m.private.pk}, private=True),
    ]
    return (
        _member_targets(m)
        | _thread_targets(m, threads)
        | _post_targets(posts)
        | _board_targets(m)
        | _cohort_targets(m)
        | _resource_targets(m)
        | _conversation_targets(m)
    )


def _conversation_targets(m: Made) -> dict:
    """The author's private conversation, which no viewer is in."""
    friend = UserFactory(username="friend")
    talk = conversations.conversation_start(
        author=m.author, recipients=[friend], body="zebracorn privatemarker message"
    )
    pk, message = {"pk": talk.pk}, {"pk": talk.messages.get().pk}
    return {
        "community:conversation_detail": [
            Target("conversation", pk, True),
            Target("conversation", pk, True, post={"body": "Let me in"}),
        ],
        "community:conversation_leave": [Target("conversation", pk, True, post={})],
        "community:message_report": [
            Target("message", message, True),
            Target("message", message, True, post={"reason": "Rude"}),
        ],
        # Anyone may block anyone: it tells nothing of the conversation.
        "community:member_block": [
            Target("author", {"username": "author"}, False, post={"block": "1"})
        ],
    }
