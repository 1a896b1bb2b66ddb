"""Synthetic data in bulk, for `seed_demo --scale`: members, library, cohorts and
discussions at the sizes a busy site reaches, marked as synthetic.

Idempotent: each part counts what exists and adds only what is missing, so a second
run adds nothing and a larger scale tops up a smaller one. Everything is written
with bulk inserts; see members.py, discussions.py, cohorts/seed_scale.py and
resources/seed.py for each part.
"""

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction

from cohorts.models import CohortMembership
from cohorts.seed_scale import (
    PROGRAM_SLUGS,
    CohortReport,
    seed_synthetic_cohorts,
    synthetic_cohorts,
)
from community.models import Board, Post, Reaction, Thread
from community.seed_scale.discussions import BoardSpace, FillReport, board_fill
from community.seed_scale.members import (
    members_by_city,
    members_ensure,
    synthetic_members,
)
from resources.models import Resource
from resources.seed import (
    SYNTHETIC_TOPICS,
    seed_synthetic_collections,
    seed_synthetic_resources,
)


@dataclass(frozen=True)
class Scale:
    members: int
    cities: int
    cohorts: int
    resources: int
    collections: int
    threads: int
    posts: int
    reactions: int
    # Threads on the first public board with exactly this many posts.
    fixed_threads: tuple[int, ...] = (500, 50)
    collection_size: int = 25


SCALES = {
    "medium": Scale(
        members=200,
        cities=20,
        cohorts=3,
        resources=10_000,
        collections=3,
        threads=500,
        posts=10_000,
        reactions=5_000,
    ),
    "large": Scale(
        members=2_000,
        cities=200,
        cohorts=20,
        resources=100_000,
        collections=6,
        threads=5_000,
        posts=100_000,
        reactions=50_000,
    ),
    # Ten times the discussions and five times the library of large: to show the
    # pages cost no more as the data grows (README, Performance).
    "xlarge": Scale(
        members=20_000,
        cities=300,
        cohorts=20,
        resources=500_000,
        collections=10,
        threads=50_000,
        posts=1_000_000,
        reactions=500_000,
    ),
}

# (slug, name, visibility, share of the threads); the first must be public.
BOARDS = [
    ("synthetic-open-forum", "Open forum", Board.Visibility.PUBLIC, 1.5),
    ("synthetic-city-stories", "Stories from cities", Board.Visibility.PUBLIC, 1.0),
    ("synthetic-practice-exchange", "Practice exchange", Board.Visibility.MEMBERS, 2),
    ("synthetic-budgets-and-data", "Budgets and data", Board.Visibility.MEMBERS, 1.5),
    ("synthetic-engagement", "Community engagement", Board.Visibility.MEMBERS, 1.0),
]
COHORT_BOARDS_SHARE = 3.0  # all cohort boards together, against the weights above


@dataclass
class ScaleReport:
    members: int = 0
    resources: int = 0
    collections: int = 0
    cohorts: CohortReport = field(default_factory=CohortReport)
    discussions: FillReport = field(default_factory=FillReport)
    seconds: dict[str, float] = field(default_factory=dict)


def synthetic_boards():
    return Board.objects.filter(slug__in=[slug for slug, *_ in BOARDS]) | (
        Board.objects.filter(cohort__program__slug__in=PROGRAM_SLUGS)
    )


def _boards_ensure() -> list[Board]:
    return [
        Board.objects.get_or_create(
            slug=slug,
            defaults={
                "name": f"{name} (synthetic)",
                "description": "[Synthetic] Generated demo discussions: the people "
                "and their posts are made up.",
                "visibility": visibility,
                "position": 50 + position,
            },
        )[0]
        for position, (slug, name, visibility, _share) in enumerate(BOARDS)
    ]


def _spaces(members: list) -> list[BoardSpace]:
    """The synthetic boards, each with the members who may write there."""
    spaces = [
        BoardSpace(board, members, weight=share)
        for board, (*_, share) in zip(_boards_ensure(), BOARDS, strict=True)
    ]
    by_pk = {member.pk: member for member in members}
    boards = list(
        Board.objects.filter(cohort__in=synthetic_cohorts()).select_related("cohort")
    )
    people: dict[int, list] = {}
    for cohort_id, user_id in CohortMembership.objects.filter(
        cohort__in=synthetic_cohorts()
    ).values_list("cohort_id", "user_id"):
        if user_id in by_pk:
            people.setdefault(cohort_id, []).append(by_pk[user_id])
    month = datetime.timedelta(days=30)
    for board in boards:
        cohort = board.cohort
        spaces.append(
            BoardSpace(
                board,
                people.get(cohort.pk, []),
                weight=COHORT_BOARDS_SHARE / max(1, len(boards)),
                # From a month before the cohort starts to a month after it ends.
                since=_midnight(cohort.starts_on) - month,
                until=_midnight(cohort.ends_on) + month,
            )
        )
    return spaces


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


def _discussions(scale: Scale, places: dict[int, str]) -> FillReport:
    members = list(synthetic_members().order_by("pk").only("username"))
    if not members:
        return FillReport()
    spaces = _spaces(members)
    boards = [space.board for space in spaces]
    threads = Thread.objects.filter(board__in=boards)
    posts = Post.objects.filter(thread__in=threads)
    have_threads, have_posts = threads.count(), posts.count()
    have_reactions = Reaction.objects.filter(post__in=posts).count()
    public = [s for s in spaces if s.board.visibility == Board.Visibility.PUBLIC]
    fixed = [
        (public[0], size)
        for size in scale.fixed_threads
        if not threads.filter(
            board__in=[s.board for s in public], reply_count=size - 1
        ).exists()
    ]
    missing_threads = max(0, scale.threads - have_threads)
    if not missing_threads and not fixed:
        return FillReport()
    materials = list(
        Resource.objects.filter(is_synthetic=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:5000]
    )
    return board_fill(
        spaces=spaces,
        threads=missing_threads,
        posts=max(0, scale.posts - have_posts),
        reactions=max(0, scale.reactions - have_reactions),
        fixed=fixed,
        topics=SYNTHETIC_TOPICS,
        resources=materials,
        places=places,
        seed=have_threads * 7919 + have_posts,
    )


def analyze() -> None:
    """Fresh planner statistics for the tables just filled and, outside a
    transaction (not in tests), their visibility maps, as autovacuum leaves them
    on a site that has run a while: without them an index-only scan reads the
    table too."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def seed_scale(scale: Scale, *, progress: Callable[[str], None] = print) -> ScaleReport:
    """Make sure the synthetic data of this scale exists; add only what is missing."""
    report = ScaleReport()

    def step(name: str, started: float) -> None:
        report.seconds[name] = time.perf_counter() - started
        progress(f"  {name}: {report.seconds[name]:.1f} s")

    started = time.perf_counter()
    with transaction.atomic():
        report.members = members_ensure(count=scale.members, cities=scale.cities)
    step("members", started)

    started = time.perf_counter()
    with transaction.atomic():
        report.resources = seed_synthetic_resources(scale.resources)
        report.collections = seed_synthetic_collections(
            scale.collections, size=scale.collection_size
        )
    step("library", started)

    started = time.perf_counter()
    people, coaches, places = members_by_city()
    with transaction.atomic():
        report.cohorts = seed_synthetic_cohorts(
            cohorts=scale.cohorts,
            cities=scale.cities,
            people=people,
            coaches=coaches,
            materials=list(
                Resource.objects.filter(is_synthetic=True)
                .order_by("pk")
                .values_list("pk", flat=True)[:200]
            ),
        )
    step("cohorts", started)

    started = time.perf_counter()
    with transaction.atomic():
        report.discussions = _discussions(scale, places)
    step("discussions", started)

    started = time.perf_counter()
    analyze()
    step("analyze", started)
    return report
