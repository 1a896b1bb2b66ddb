"""The query budgets' world: n of every thing the pages list, built area by area."""

import datetime
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.utils import timezone

from cohorts.models import ActionPlanItem, Session, SessionResponse
from community.models import TopicFollow
from resources.models import Bookmark, CollectionItem
from tests.factories import (
    CohortFactory,
    CollectionFactory,
    OrganizationFactory,
    ProgramFactory,
    ResourceFactory,
    UserFactory,
    add_city,
    add_member,
)
from tests.query_budgets.world_community import (
    build_admin_objects,
    build_boards,
    build_moderation,
    build_notifications,
    build_posts,
    build_second_factors,
    build_tasks_and_groups,
)
from tests.query_budgets.world_conversations import build_conversations
from tests.query_budgets.world_outcomes import build_outcomes


@dataclass
class World:
    size: int
    member: object = None  # maria: in every cohort of the program, author, follower
    superuser: object = None
    others: list = field(default_factory=list)
    resource: object = None  # with a file, n topics, n related, in n collections
    topic: object = None  # on n resources and on the threads of two boards
    collection: object = None  # n items
    board: object = None  # public, n threads
    thread: object = None  # n posts with reactions, replies, topics, resources
    post: object = None  # maria's, edited n times, the accepted answer, a picture
    attachment: object = None  # the picture
    notification: object = None
    conversation: object = None  # maria's, with every other member, n messages
    message: object = None  # another's, in it, reported
    cohort: object = None  # n cities, n plan items each, n members, n sessions a kind
    session: object = None  # n materials
    membership: object = None  # maria's
    admin_objects: dict = field(default_factory=dict)
    security_key: object = None  # maria's, a second factor


@dataclass
class Parts:
    """What one area's builder makes for the next ones, beside the World."""

    now: datetime.datetime
    today: datetime.date
    orgs: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    resources: list = field(default_factory=list)  # published, featured
    statement: object = None
    tags: list = field(default_factory=list)  # the first resource's
    program: object = None  # maria's
    cities: list = field(default_factory=list)  # of maria's first cohort
    sessions: list = field(default_factory=list)
    boards: list = field(default_factory=list)
    threads: list = field(default_factory=list)  # of the first board
    posts: list = field(default_factory=list)  # of the first thread
    groups: list = field(default_factory=list)


def build_world(n: int) -> World:
    """n of every thing the pages list, and of every kind of it (so the small world
    meets every code path the large one does); the objects the URLs need are kept
    on the World."""
    w = World(size=n)
    p = Parts(now=timezone.now(), today=timezone.localdate())
    _people(w)
    _library(w, p)
    _cohorts(w, p)
    _sessions(w, p)
    build_boards(w, p)
    build_posts(w, p)
    build_conversations(w, p)
    build_notifications(w, p)
    build_moderation(w, p)
    build_tasks_and_groups(w, p)
    build_second_factors(w)
    build_admin_objects(w, p)
    build_outcomes(w, p)
    return w


def _people(w: World) -> None:
    """The superuser, maria with n unconfirmed addresses, and n other members."""
    n = w.size
    w.superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    w.member = member = UserFactory(
        username="maria", profile__display_name="Maria Lopez"
    )
    w.others = [UserFactory() for _ in range(n)]
    EmailAddress.objects.bulk_create(
        EmailAddress(user=member, email=f"maria{i}@example.net", verified=False)
        for i in range(n)
    )


def _library(w: World, p: Parts) -> None:
    """The library: n of each thing it lists; maria's bookmarks and topics."""
    n, member, others = w.size, w.member, w.others
    p.orgs = orgs = [OrganizationFactory() for _ in range(n)]
    p.topics = topics = [f"Topic {i}" for i in range(n)]
    p.resources = resources = [
        ResourceFactory(
            organization=orgs[i],
            subject_organization=orgs[-1 - i],
            featured=True,
            published_at=p.now - datetime.timedelta(days=i),
            for_city_staff=True,
            topics=topics,
        )
        for i in range(n)
    ]
    for i in range(n):
        ResourceFactory(state="draft", suggested_by=others[i], topics=topics[:1])
    w.resource = resource = resources[0]
    resource.related.set(resources[1:])
    resource.file.save("guide.pdf", ContentFile(b"%PDF-1.7 test"))
    p.statement = ResourceFactory(kind="statement", organization=orgs[0])
    collections = [CollectionFactory(featured=True) for _ in range(n)]
    CollectionItem.objects.bulk_create(
        CollectionItem(collection=c, resource=r, position=position)
        for c in collections
        for position, r in enumerate(resources)
    )
    w.collection = collections[0]
    Bookmark.objects.bulk_create(Bookmark(user=member, resource=r) for r in resources)
    p.tags = tags = list(resource.tags.all())
    w.topic = next(tag for tag in tags if tag.name == topics[0])
    TopicFollow.objects.bulk_create(TopicFollow(user=member, tag=t) for t in tags[1:])


def _cohorts(w: World, p: Parts) -> None:
    """Maria's program has n cohorts, n-1 others one each."""
    n, member, others, today = w.size, w.member, w.others, p.today
    p.program = program = ProgramFactory(organization=p.orgs[0])
    program.partners.set(p.orgs)
    program.funders.set(p.orgs)
    dates = {
        "starts_on": today - datetime.timedelta(days=60),
        "ends_on": today + datetime.timedelta(days=400),
        "state": "active",
        "announcement": p.statement,
    }
    cohorts = [CohortFactory(program=program, **dates) for _ in range(n)]
    for _ in range(n - 1):
        CohortFactory(program=ProgramFactory(), **dates)
    w.cohort = cohort = cohorts[0]
    p.cities = cities = [add_city(cohort, f"Town {i}", "KS") for i in range(n)]
    w.membership = add_member(cohort, member, city=cities[0])
    for i, other in enumerate(cohorts[1:], start=1):
        add_member(other, member, city=add_city(other, f"Village {i}", "NY"))
    for i, user in enumerate(others):
        if i == 0:
            add_member(cohort, user, role="coach")
        else:
            role = "city_lead" if i % 2 else "participant"
            add_member(cohort, user, role=role, city=cities[i % n])
    ActionPlanItem.objects.bulk_create(
        ActionPlanItem(
            city=city,
            title=f"Step {i}",
            position=i,
            status=ActionPlanItem.Status.values[i % 3],
            due_on=today + datetime.timedelta(days=i),
        )
        for city in cities
        for i in range(n)
    )


def _sessions(w: World, p: Parts) -> None:
    """n sessions of each kind: site visits hosted and coaching calls for a city
    (maria's first), half of them past."""
    n, cities = w.size, p.cities
    for kind in Session.Kind.values:
        for i in range(n):
            starts = p.now + datetime.timedelta(days=i - n // 2, hours=1)
            session = Session.objects.create(
                cohort=w.cohort,
                kind=kind,
                title=f"{kind} {i}",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                host_city=cities[i] if kind == "site_visit" else None,
                for_city=cities[i] if kind == "coaching_call" else None,
                location="City Hall",
                online_url="https://meet.example.org/room",
                agenda="1. Welcome\n2. **Work**",
            )
            session.materials.set(p.resources)
            p.sessions.append(session)
    w.session = p.sessions[n - 1]  # a convening, upcoming, for the whole cohort
    _answers(w, p)


def _answers(w: World, p: Parts) -> None:
    """The other members answer the upcoming convenings (build_outcomes gives
    the past sessions their answers and attendance)."""
    answers = SessionResponse.Answer.values
    SessionResponse.objects.bulk_create(
        SessionResponse(session=session, user=user, answer=answers[i % 3])
        for session in p.sessions[: w.size]  # the convenings
        if session.starts_at > p.now
        for i, user in enumerate(w.others)
    )
