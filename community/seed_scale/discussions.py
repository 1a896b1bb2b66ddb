"""Discussions in bulk: threads, posts, reactions, mentions and read states.

Used by `seed_demo --scale` and bench/thread_page.py. Rows are written in bulk
(core.bulk: COPY), and the counters the
services keep (a post's reaction counts, a thread's reply_count, last_activity_at
and last_poster) are worked out before the rows are written, so no row is updated
afterwards; the boards' totals are then recounted from their threads. Post text
comes from texts.py, rendered once per template.
"""

import datetime
import math
import random
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from community.models import (
    Board,
    Notification,
    Post,
    Reaction,
    ReadState,
    TaggedThread,
    Thread,
)
from community.seed_scale.counters import board_counters_refresh
from community.seed_scale.texts import Texts
from core.bulk import bulk_insert
from core.markdown import plain_text

BATCH = 1_000  # posts per COPY; a reply answers a post of an earlier batch
SPAN = datetime.timedelta(days=730)  # threads start within the last two years
POST_GAP = datetime.timedelta(hours=8)  # between posts of a thread, on average
MENTION_RATE = 0.08  # of replies
REPLY_TO_RATE = 0.125  # replies that answer an earlier post
READ_TO_END_RATE = 0.5  # participants who read their thread to its end
LINK_RATE = 0.2  # threads that share a resource
DEFAULT_TOPICS = ["budgeting", "housing", "public health", "data", "engagement"]
KINDS = [Post.Reactions.HELPFUL, Post.Reactions.THANKS, Post.Reactions.INSIGHTFUL]
KIND_WEIGHTS = [6, 3, 1]


@dataclass
class BoardSpace:
    """A board to fill: who writes and reacts there (people who may read it), how
    large its share of the threads is, and when its threads may start."""

    board: Board
    writers: Sequence
    weight: float = 1.0
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None


@dataclass
class FillReport:
    threads: int = 0
    posts: int = 0
    reactions: int = 0
    mentions: int = 0
    read_states: int = 0


@dataclass
class _Thread:
    space: BoardSpace
    count: int
    topic: str = ""
    title: str = ""
    start: datetime.datetime | None = None
    author: object = None
    last: "_Post | None" = None
    pk: int | None = None


@dataclass
class _Post:
    created_at: datetime.datetime
    thread: _Thread
    author: object
    body: str
    html: str
    mentioned: object = None
    reactions: list = field(default_factory=list)  # (user id, kind)
    pk: int | None = None


@contextmanager
def given_created_at(*models):
    """Let bulk inserts keep the created_at we set instead of auto_now_add's now()."""
    fields = [model._meta.get_field("created_at") for model in models]
    for model_field in fields:
        model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field in fields:
            model_field.auto_now_add = True


def skewed_counts(threads: int, posts: int, rng: random.Random) -> list[int]:
    """Posts per thread, at least one each: most a handful, a few in the hundreds."""
    if threads <= 0:
        return []
    # Pareto weights, capped so no thread outgrows the fixed long ones.
    weights = [min(rng.paretovariate(1.2), 40.0) for _ in range(threads)]
    counts = [1] * threads
    for index in rng.choices(range(threads), weights=weights, k=posts - threads):
        counts[index] += 1
    return counts


def board_fill(
    *,
    spaces: Sequence[BoardSpace],
    threads: int,
    posts: int,
    reactions: int = 0,
    fixed: Sequence[tuple[BoardSpace, int]] = (),
    topics: Sequence[str] = DEFAULT_TOPICS,
    resources: Sequence[int] = (),
    places: Mapping[int, str] | None = None,
    seed: int = 0,
) -> FillReport:
    """Add `threads` threads holding `posts` posts in all to the boards, with
    `reactions` reactions, some mentions (and their notifications) and read states.

    fixed: (space, posts) for threads that must have exactly that many posts;
    resources: ids of resources threads may share; places: a writer's city by user
    id, for the texts (else "our city")."""
    rng = random.Random(seed)
    now = timezone.now()
    spaces = [space for space in spaces if space.writers]
    fixed = [(space, size) for space, size in fixed if space.writers]
    report = FillReport()
    threads = max(threads, len(fixed))
    if not threads or not spaces:
        return report
    texts = Texts(sample_handle=spaces[0].writers[0].get_username())
    places = places or {}

    others = threads - len(fixed)
    fixed_posts = sum(size for _space, size in fixed)
    counts = skewed_counts(others, max(others, posts - fixed_posts), rng)
    boards = rng.choices(spaces, weights=[s.weight for s in spaces], k=others)
    plan = [_Thread(space, size) for space, size in fixed]
    plan += [_Thread(space, size) for space, size in zip(boards, counts, strict=True)]
    post_plan = []
    for thread in plan:
        post_plan += _plan_thread(thread, texts, topics, places, now, rng)
    _plan_reactions(post_plan, reactions, rng)

    plan.sort(key=lambda t: t.start)  # ids rise with time, as in real life
    with given_created_at(Thread, Post, Reaction, Notification):
        _write_threads(plan, topics, resources, rng)
        post_plan.sort(key=lambda p: (p.created_at, p.thread.pk))
        _write_posts(post_plan, rng)
        report.reactions = _write_reactions(post_plan, now, rng)
        report.mentions = _write_mentions(post_plan, now)
    report.read_states = _write_read_states(plan, post_plan, rng)
    board_counters_refresh({space.board.pk for space in spaces})
    report.threads, report.posts = len(plan), len(post_plan)
    return report


def _plan_thread(
    thread: _Thread,
    texts: Texts,
    topics: Sequence[str],
    places: Mapping[int, str],
    now: datetime.datetime,
    rng: random.Random,
) -> list[_Post]:
    """Times, authors and texts of the thread's posts; the first is the opening."""
    space = thread.space
    until = min(space.until or now, now)
    since = space.since or until - SPAN
    if until - since < datetime.timedelta(days=1):
        since = until - datetime.timedelta(days=30)
    length = min(thread.count * POST_GAP, (until - since) * 0.9)
    thread.start = since + (until - since - length) * rng.random()
    thread.topic = rng.choice(topics)
    thread.title = texts.title(rng, thread.topic)
    # A conversation among a few people; the more posts, the more of them.
    size = max(2, round(2 * math.sqrt(thread.count)))
    group = rng.sample(space.writers, min(len(space.writers), size))
    thread.author = group[0]
    offsets = [0.0, *sorted(rng.random() for _ in range(thread.count - 1))]
    planned, posted, previous = [], [], None
    for n, offset in enumerate(offsets):
        writer = thread.author if n == 0 else rng.choice(group)
        if n and writer is previous:  # people rarely answer themselves
            writer = rng.choice(group)
        city = places.get(writer.pk, "our city")
        others = [user for user in posted if user is not writer]
        mentioned = None
        if n == 0:
            body, html = rng.choice(texts.openings).fill(topic=thread.topic, city=city)
        elif others and rng.random() < MENTION_RATE:
            mentioned = rng.choice(others)
            template = rng.choice(texts.mentions)
            body, html = template.fill(handle=mentioned.get_username())
        else:
            body, html = rng.choice(texts.replies).fill(topic=thread.topic, city=city)
        post = _Post(thread.start + length * offset, thread, writer, body, html)
        post.mentioned = mentioned
        planned.append(post)
        if writer not in posted:
            posted.append(writer)
        previous = writer
    thread.last = planned[-1]
    return planned


def _plan_reactions(post_plan: list[_Post], wanted: int, rng: random.Random) -> None:
    """Reactions by people who may read the board, never on their own posts."""
    chosen: set[tuple[int, int, str]] = set()
    attempts = 0
    while len(chosen) < wanted and attempts < 3 * wanted:
        attempts += 1
        index = rng.randrange(len(post_plan))
        post = post_plan[index]
        user = rng.choice(post.thread.space.writers)
        kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
        if user.pk == post.author.pk or (index, user.pk, kind) in chosen:
            continue
        chosen.add((index, user.pk, kind))
        post.reactions.append((user.pk, kind))


def _write_threads(
    plan: list[_Thread],
    topics: Sequence[str],
    resources: Sequence[int],
    rng: random.Random,
) -> None:
    rows = [
        Thread(
            board=thread.space.board,
            title=thread.title,
            slug=slugify(thread.title)[:80] or "thread",
            author=thread.author,
            created_at=thread.start,
            last_activity_at=thread.last.created_at,
            last_poster=thread.last.author,
            reply_count=thread.count - 1,
        )
        for thread in plan
    ]
    bulk_insert(Thread, rows)
    for thread, row in zip(plan, rows, strict=True):
        thread.pk = row.pk
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in topics}
    bulk_insert(
        TaggedThread,
        (TaggedThread(content_object_id=t.pk, tag=tags[t.topic]) for t in plan),
    )
    if resources:
        through = Thread.resources.through
        bulk_insert(
            through,
            (
                through(thread_id=t.pk, resource_id=rng.choice(resources))
                for t in plan
                if rng.random() < LINK_RATE
            ),
        )


def _write_posts(post_plan: list[_Post], rng: random.Random) -> None:
    """In time order; a reply may answer a post written by an earlier batch."""
    written: dict[int, list[int]] = {}  # thread id: its posts' ids so far
    for start in range(0, len(post_plan), BATCH):
        chunk = post_plan[start : start + BATCH]
        rows = []
        for post in chunk:
            earlier = written.get(post.thread.pk)
            kinds = [kind for _user, kind in post.reactions]
            rows.append(
                Post(
                    thread_id=post.thread.pk,
                    author=post.author,
                    body=post.body,
                    body_html=post.html,
                    body_text=plain_text(post.html),
                    created_at=post.created_at,
                    reply_to_id=rng.choice(earlier[-5:])
                    if earlier and rng.random() < REPLY_TO_RATE
                    else None,
                    **{f"{kind}_count": kinds.count(kind) for kind in KINDS},
                )
            )
        bulk_insert(Post, rows)
        for post, row in zip(chunk, rows, strict=True):
            post.pk = row.pk
            written.setdefault(post.thread.pk, []).append(row.pk)


def _write_reactions(
    post_plan: list[_Post], now: datetime.datetime, rng: random.Random
) -> int:
    rows = [
        Reaction(
            post_id=post.pk,
            user_id=user_id,
            kind=kind,
            created_at=min(now, post.created_at + rng.random() * 2 * POST_GAP),
        )
        for post in post_plan
        for user_id, kind in post.reactions
    ]
    bulk_insert(Reaction, rows)
    return len(rows)


def _write_mentions(post_plan: list[_Post], now: datetime.datetime) -> int:
    """The notifications post_create would have made (read after a day)."""
    day = datetime.timedelta(days=1)
    rows = [
        Notification(
            recipient=post.mentioned,
            kind=Notification.Kind.MENTION,
            actor=post.author,
            post_id=post.pk,
            created_at=post.created_at,
            read_at=post.created_at + day if post.created_at + day < now else None,
        )
        for post in post_plan
        if post.mentioned is not None
    ]
    bulk_insert(Notification, rows)
    return len(rows)


def _write_read_states(
    plan: list[_Thread], post_plan: list[_Post], rng: random.Random
) -> int:
    """Each participant has read to their own last post, or to the end."""
    mine: dict[tuple[int, int], int] = {}
    for post in post_plan:  # in time order
        mine[(post.thread.pk, post.author.pk)] = post.pk
    last = {thread.pk: thread.last.pk for thread in plan}
    rows = [
        ReadState(
            user_id=user_id,
            thread_id=thread_id,
            read_up_to=last[thread_id] if rng.random() < READ_TO_END_RATE else post_id,
        )
        for (thread_id, user_id), post_id in mine.items()
    ]
    bulk_insert(ReadState, rows)
    return len(rows)
