"""The world of test_visibility.py: hidden, deleted and private things; the targets."""

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from cohorts.models import ActionPlanItem, Milestone, MilestoneKind
from community.discussions import moderation
from community.discussions import services as board_services
from community.discussions.attachments import attach, checked
from community.models import Notification
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
from tests.visibility_targets import targets

TOPIC = "zebracorn"


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
    milestone: object = None
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
    """The cohort's private board, its thread, a private session, a plan item and
    a milestone."""
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
    kind = MilestoneKind.objects.create(program=m.cohort.program, name="Staff trained")
    m.milestone = Milestone.objects.create(
        city=m.city,
        kind=kind,
        reached_on=m.cohort.starts_on,
        note="planmarker milestone",
        evidence_url="https://example.org/planmarker",
    )
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


def build_secrets() -> Secrets:
    m = _people_and_cohorts()
    _public_thread(m)
    _private_things(m)
    _draft_and_notification(m)
    return Secrets(
        author=m.author,
        moderator=m.moderator,
        viewers={"guest": None, "member": m.member, "other_cohort": m.other},
        targets=targets(m),
    )
