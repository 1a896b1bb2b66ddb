"""The world of test_visibility.py: hidden, deleted and private things; the targets."""

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from cohorts.models import ActionPlanItem
from community.discussions import moderation
from community.discussions import services as board_services
from community.discussions.attachments import attach, checked
from community.models import Attachment, Notification
from community.notifications.tokens import unsubscribe_token
from tests.factories import (
    BoardFactory,
    CohortFactory,
    CollectionFactory,
    ResourceFactory,
    SessionFactory,
    UserFactory,
    add_city,
    add_member,
    make_thread,
)

TOPIC = "zebracorn"


@dataclass
class Target:
    label: str
    kwargs: dict
    private: bool  # not the viewers' to see at all: 404
    post: dict | None = None  # form data for a POST


@dataclass
class Secrets:
    author: object
    moderator: object
    viewers: dict
    targets: dict  # pattern name -> [Target]


@dataclass
class Made:
    """What the builders below make, in turn, for the targets to name."""

    author: object
    moderator: object
    member: object
    other: object  # in the other cohort
    cohort: object
    city: object
    thread: object = None  # public, with a hidden and a deleted post
    hidden: object = None
    deleted: object = None
    private_board: object = None  # the cohort's
    private: object = None  # its thread
    private_post: object = None
    session: object = None
    item: object = None
    collection: object = None
    notification: object = None


def _people_and_cohorts() -> Made:
    author = UserFactory(username="author", profile__display_name="Ada Author")
    moderator = UserFactory(username="mod", is_staff=True)
    from django.contrib.auth.models import Group

    moderator.groups.add(Group.objects.get(name="Moderators"))
    member = UserFactory(username="member")
    other = UserFactory(username="other")

    cohort = CohortFactory(name="2018 cohort", slug="2018")
    other_cohort = CohortFactory(program=cohort.program, slug="2019")
    city = add_city(cohort, "Long Beach", "CA", "America/Los_Angeles")
    add_member(cohort, author, city=city)
    add_member(
        other_cohort, other, city=add_city(other_cohort, "Rochester", "NY")
    )  # fmt: skip
    return Made(author, moderator, member, other, cohort, city)


def _public_thread(m: Made) -> None:
    """A public board whose thread holds a hidden and a deleted post, and a reply
    quoting the hidden one."""
    public = BoardFactory(slug="open", visibility="public")
    m.thread = make_thread(board=public, author=m.author, title="Open thread")
    m.thread.tags.add(TOPIC)
    m.hidden = board_services.post_create(
        thread=m.thread, author=m.author, body="zebracorn hiddenmarker text"
    )
    m.deleted = board_services.post_create(
        thread=m.thread, author=m.author, body="zebracorn deletedmarker text"
    )
    quoting = f"[quote=post:{m.hidden.pk}]\nzebracorn hiddenmarker text\n[/quote]\n\n"
    board_services.post_create(
        thread=m.thread,
        author=m.moderator,
        body=quoting + "A reply to it.",
        reply_to=m.hidden,
    )
    for post, marker in [(m.hidden, "hiddenmarker"), (m.deleted, "deletedmarker")]:
        attach(post=post, uploads=[_file(marker)], uploader=m.author)
    moderation.post_hide(post=m.hidden, moderator=m.moderator, reason="Off topic")
    board_services.post_delete(post=m.deleted, user=m.author)


def _file(marker: str):
    return checked(SimpleUploadedFile(f"{marker}.csv", f"{marker},1\n".encode()))


def _private_things(m: Made) -> None:
    """The cohort's private board, its thread, a private session and a plan item."""
    m.private_board = m.cohort.board
    m.private_board.description = "privatemarker board"
    m.private_board.save()
    m.private = make_thread(
        board=m.private_board,
        author=m.author,
        title="privatemarker title",
        body="zebracorn privatemarker body",
    )
    m.private_post = m.private.posts.get()
    attach(post=m.private_post, uploads=[_file("privatemarker")], uploader=m.author)
    m.session = SessionFactory(
        cohort=m.cohort,
        title="Cross-site convening",
        agenda="sessionmarker agenda",
        location="sessionmarker place",
        notes="sessionmarker notes",
    )
    m.item = ActionPlanItem.objects.create(city=m.city, title="planmarker item")
    m.private.tags.add(TOPIC)


def _draft_and_notification(m: Made) -> None:
    """A draft in a collection, and the author's notification."""
    draft = ResourceFactory(
        title="draftmarker title", slug="draft", state="draft", summary="zebracorn"
    )
    draft.tags.add(TOPIC)
    m.collection = CollectionFactory(slug="picks")
    m.collection.items.create(resource=draft, position=1)
    m.notification = Notification.objects.filter(recipient=m.author).first() or (
        Notification.objects.create(
            recipient=m.author, kind="reply", post=m.hidden, detail="hiddenmarker note"
        )
    )


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
        "cohorts:action_item_status": [
            Target(
                "plan item",
                cohort_kwargs | {"item": m.item.pk},
                private=True,
                post={"status": "done"},
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


def _targets(m: Made) -> dict:
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
    )


def build_secrets() -> Secrets:
    m = _people_and_cohorts()
    _public_thread(m)
    _private_things(m)
    _draft_and_notification(m)
    return Secrets(
        author=m.author,
        moderator=m.moderator,
        viewers={"guest": None, "member": m.member, "other_cohort": m.other},
        targets=_targets(m),
    )
