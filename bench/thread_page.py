"""How fast a discussion thread page renders with a large board on PostgreSQL.

    .venv/bin/python bench/thread_page.py [--threads 5000] [--posts 100000] [--runs 30]

The target: with 5,000 threads and 100,000 posts, a thread page of 50 posts renders
in under 100 ms on this machine. This is a measurement, not a test: it exits 0
whether or not the target is met, and non-zero only if something fails.

It uses a database of its own (default commons_bench_board, created if missing; the
name must contain "bench" so it can never be the development or test database),
migrates it and seeds it in bulk: 200 members, five boards (bench-public and four
members' boards), the threads with one of exactly 500 posts, the rest of the posts
spread unevenly, about 50,000 reactions and some read states. Seeding is skipped
when the synthetic threads and posts are already there in the asked numbers, and
redone when they are not; then ANALYZE refreshes the planner's statistics.

Pages are timed as the member "benchreader" (its password is READER_PASSWORD, for
a look in a browser) and as a guest on the public board. Every thread page asks
for its ?page=N, so a member's visit is not redirected to the first unread post,
and the warm-up requests move the read state on, so timed visits write nothing.
Settings are production-like, as in bench/library_page.py; requests go through
Django's test client (routing, middleware, queries, template; no HTTP server).
"""

import argparse
import datetime
import math
import os
import random
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from benchsetup import configure_django, ensure_database, time_requests

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/commons_bench_board"
TARGET_MS = 100.0
WARMUP = 3
POSTS_PER_PAGE = 50  # community.views_board.POSTS_PER_PAGE
LONG_THREAD_POSTS = 500
MEMBERS = 200
REACTIONS = 50_000
BATCH = 5_000
BOARD_PREFIX = "bench-"
PUBLIC_BOARD = "bench-public"
MEMBERS_BOARD = "bench-members-1"
MEMBER_PREFIX = "benchmember"
READER = "benchreader"
READER_PASSWORD = "bench-reader-throwaway-password"  # noqa: S105

BODIES = [
    "Has anyone tied their **racial equity action plan** to the budget cycle? "
    "We have goals, but no line items yet, and council asks what it will cost.",
    "We did this last year. Three things helped:\n\n"
    "1. A short equity assessment attached to every budget request\n"
    "2. A standing item on the finance committee's agenda\n"
    "3. Quarterly numbers published on the city website\n\n"
    "Happy to share our template.",
    "Thanks, this is useful. The [NLC resolution](https://www.nlc.org/resource/"
    "racial-equity-resolution/) gave us the talking points for our study session.",
    "> Quarterly numbers published on the city website\n\n"
    "How did you choose the measures? Ours are mostly *outputs* (trainings held, "
    "staff reached) and we would like *outcomes*.",
    "Our community engagement team started with listening sessions in the three "
    "neighborhoods with the lowest tree canopy. It took longer than planned, but "
    "residents now co-chair the advisory group and the next round of plantings "
    "follows their map.\n\nThe hardest part was compensating residents for their "
    "time; the city attorney had to approve stipends as a contracted service.",
    "+1 to @benchmember007's point. Start small, publish what you learn, repeat.",
]
TOPICS = [
    "budgeting",
    "housing",
    "policing",
    "public health",
    "transportation",
    "workforce",
    "engagement",
    "data",
]
TITLES = [
    "How did your city approach {}?",
    "Lessons from our first year of {} work",
    "Looking for a template: {} and equity",
    "Council asked for {} numbers. Where do we start?",
    "What worked for {} in a small city",
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--threads",
        type=int,
        default=5_000,
        metavar="N",
        help="synthetic threads to have in the database (default 5000)",
    )
    parser.add_argument(
        "--posts",
        type=int,
        default=100_000,
        metavar="N",
        help="synthetic posts to have in the database (default 100000)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=30,
        metavar="R",
        help=f"timed requests per page, after {WARMUP} warm-up requests (default 30)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="PostgreSQL database of the benchmark's own, created if missing "
        "(default $BENCH_DATABASE_URL or %(default)s)",
    )
    args = parser.parse_args()
    if args.threads < 2 or args.runs < 1:
        parser.error("--threads must be 2 or more and --runs 1 or more")
    if args.posts < args.threads - 1 + LONG_THREAD_POSTS:
        parser.error(
            f"--posts must be at least --threads + {LONG_THREAD_POSTS - 1}: an "
            f"opening post per thread and {LONG_THREAD_POSTS} in the long thread"
        )
    return args


# --- Seeding ---------------------------------------------------------------------


@contextmanager
def given_created_at(*models):
    """Let bulk_create keep the created_at we set instead of auto_now_add's now()."""
    fields = [model._meta.get_field("created_at") for model in models]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def ensure_members():
    """The reader (a normal, verified member) and MEMBERS bulk-made members."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from community.models import Profile

    user_model = get_user_model()
    reader, created = user_model.objects.get_or_create(
        username=READER, defaults={"email": f"{READER}@bench.example.org"}
    )
    if created:
        reader.set_password(READER_PASSWORD)
        reader.save(update_fields=["password"])
    names = [f"{MEMBER_PREFIX}{n:03d}" for n in range(MEMBERS)]
    have = set(
        user_model.objects.filter(username__in=names).values_list("username", flat=True)
    )
    unusable = make_password(None)  # bulk members never sign in: no hashing cost
    user_model.objects.bulk_create(
        user_model(username=name, email=f"{name}@bench.example.org", password=unusable)
        for name in names
        if name not in have
    )
    users = list(user_model.objects.filter(username__in=[READER, *names]))
    Profile.objects.bulk_create(
        (
            Profile(
                user=user,
                display_name=f"Bench Member {user.username[-3:]}"
                if user.username != READER
                else "Bench Reader",
                job_title="Equity officer",
                organization=f"City of Benchville {user.pk % 40}",
            )
            for user in users
        ),
        ignore_conflicts=True,
    )
    EmailAddress.objects.bulk_create(
        (
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in users
        ),
        ignore_conflicts=True,
    )
    members = sorted((u for u in users if u.username != READER), key=lambda u: u.pk)
    return next(u for u in users if u.username == READER), members


def ensure_boards() -> list:
    from community.models import Board

    boards = [
        (PUBLIC_BOARD, "Bench public square", Board.Visibility.PUBLIC),
        *(
            (
                f"bench-members-{n}",
                f"Bench members' board {n}",
                Board.Visibility.MEMBERS,
            )
            for n in range(1, 5)
        ),
    ]
    return [
        Board.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": "Synthetic threads for bench/thread_page.py.",
                "visibility": visibility,
                "position": 100 + position,
            },
        )[0]
        for position, (slug, name, visibility) in enumerate(boards)
    ]


def plan_posts(threads: int, posts: int, rng: random.Random) -> list[int]:
    """Posts per thread: the first has LONG_THREAD_POSTS, the rest a skewed share
    (most a handful, a few in the hundreds), each at least its opening post."""
    others = threads - 1
    # Pareto weights, capped so no other thread outgrows the long one.
    weights = [min(rng.paretovariate(1.2), 40.0) for _ in range(others)]
    counts = [1] * others
    extra = posts - LONG_THREAD_POSTS - others
    for index in rng.choices(range(others), weights=weights, k=extra):
        counts[index] += 1
    return [LONG_THREAD_POSTS, *counts]


def seed(threads: int, posts: int) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from community.models import Post, Thread

    call_command("migrate", verbosity=0, interactive=False)
    with transaction.atomic():
        reader, members = ensure_members()
        boards = ensure_boards()
        synthetic = Thread.objects.filter(board__in=boards)
        have = (synthetic.count(), Post.objects.filter(thread__in=synthetic).count())
        if have != (threads, posts):
            started = time.perf_counter()
            if have[0]:
                print(f"Replacing {have[0]:,} synthetic threads, {have[1]:,} posts")
                synthetic.delete()
            seed_board(threads, posts, reader, members, boards)
            took = time.perf_counter() - started
            print(f"Seeded {threads:,} threads and {posts:,} posts in {took:.1f} s")
    # Fresh statistics, as autovacuum would have gathered in production by now (it
    # is off on this server): without them the planner takes the tables for empty.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def seed_board(threads: int, posts: int, reader, members, boards) -> None:
    from django.db import connection
    from django.utils import timezone
    from django.utils.text import slugify
    from taggit.models import Tag

    from community.markup import render_post
    from community.models import Post, Reaction, ReadState, TaggedThread, Thread

    rng = random.Random(20_240_501)
    bodies = [(body, render_post(body)[0]) for body in BODIES]  # rendered once
    writers = [*members, reader]
    now = timezone.now()
    span = datetime.timedelta(days=730)

    # Threads: the long one on the public board, the rest dealt across the boards.
    counts = plan_posts(threads, posts, rng)
    batch = []
    for n in range(threads):
        topic = TOPICS[n % len(TOPICS)]
        title = f"{rng.choice(TITLES).format(topic)} ({n})"
        if n == 0:
            title = f"A long conversation: {LONG_THREAD_POSTS} posts on budgeting"
        start = now - span + span * n / threads
        batch.append(
            Thread(
                board=boards[n % len(boards)],
                title=title[:1].upper() + title[1:],
                slug=slugify(title)[:80],
                author=rng.choice(writers),
                created_at=start,
                last_activity_at=start,
            )
        )
    with given_created_at(Thread, Post):
        made = Thread.objects.bulk_create(batch, batch_size=BATCH)

        # Posts in time order, so that ids rise with created_at as in real life.
        plan = []
        for thread, count in zip(made, counts, strict=True):
            window = min(count * datetime.timedelta(hours=8), now - thread.created_at)
            offsets = sorted(rng.random() for _ in range(count - 1))
            plan.append((thread.created_at, thread.pk, thread.author))
            plan.extend(
                (thread.created_at + window * o, thread.pk, rng.choice(writers))
                for o in offsets
            )
        plan.sort(key=lambda p: (p[0], p[1]))
        for start in range(0, len(plan), BATCH):
            batch = []
            for created_at, thread_id, author in plan[start : start + BATCH]:
                body, html = rng.choice(bodies)
                batch.append(
                    Post(
                        thread_id=thread_id,
                        author=author,
                        body=body,
                        body_html=html,
                        created_at=created_at,
                    )
                )
            Post.objects.bulk_create(batch)
    del plan, batch

    tags = [Tag.objects.get_or_create(name=name)[0] for name in TOPICS]
    TaggedThread.objects.bulk_create(
        (TaggedThread(content_object=t, tag=rng.choice(tags)) for t in made),
        batch_size=BATCH,
    )

    # Reactions: the reader's on a quarter of the long thread, the rest at random.
    thread_ids = [t.pk for t in made]
    post_ids = list(
        Post.objects.filter(thread_id__in=thread_ids)
        .order_by("pk")
        .values_list("pk", "thread_id")
    )
    long_thread = [pk for pk, thread_id in post_ids if thread_id == made[0].pk]
    wanted = min(REACTIONS, len(post_ids) // 2)
    kinds = [Post.Reactions.HELPFUL, Post.Reactions.THANKS, Post.Reactions.INSIGHTFUL]
    reactions = {(pk, reader.pk, kinds[0]) for pk in long_thread[::4]}
    while len(reactions) < wanted:
        pk = rng.choice(post_ids)[0]
        kind = rng.choices(kinds, weights=[6, 3, 1])[0]
        reactions.add((pk, rng.choice(members).pk, kind))
    Reaction.objects.bulk_create(
        (Reaction(post_id=p, user_id=u, kind=k) for p, u, k in reactions),
        batch_size=BATCH,
    )

    # The reader has read every fifth thread, half of them to the end; the long
    # thread to the end of page 1.
    first, last = {}, {}
    for pk, thread_id in post_ids:
        first.setdefault(thread_id, pk)
        last[thread_id] = pk
    read = [(made[0].pk, long_thread[POSTS_PER_PAGE - 1])]
    read += [
        (tid, last[tid] if n % 2 else first[tid])
        for n, tid in enumerate(thread_ids[5::5])
    ]
    ReadState.objects.bulk_create(
        ReadState(user=reader, thread_id=tid, last_read_post_id=pk) for tid, pk in read
    )

    # The denormalized counters the services keep, set in a few statements.
    post, thread, board = (m._meta.db_table for m in (Post, Thread, boards[0]))
    mine = f"SELECT id FROM {thread} WHERE board_id = ANY(%(boards)s)"
    statements = [
        # Every eighth post replies to the post three before it.
        f"""UPDATE {post} AS p SET reply_to_id = x.earlier
        FROM (SELECT id, lag(id, 3) OVER (PARTITION BY thread_id ORDER BY created_at,
              id) AS earlier FROM {post} WHERE thread_id IN ({mine})) AS x
        WHERE p.id = x.id AND x.earlier IS NOT NULL AND p.id %% 8 = 0""",
        f"""UPDATE {post} AS p SET
          helpful_count = x.helpful, insightful_count = x.insightful,
          thanks_count = x.thanks
        FROM (SELECT post_id,
                count(*) FILTER (WHERE kind = 'helpful') AS helpful,
                count(*) FILTER (WHERE kind = 'insightful') AS insightful,
                count(*) FILTER (WHERE kind = 'thanks') AS thanks
              FROM {Reaction._meta.db_table} GROUP BY post_id) AS x
        WHERE p.id = x.post_id AND p.thread_id IN ({mine})""",
        f"""UPDATE {thread} AS t SET reply_count = x.n - 1, last_activity_at = x.latest,
          last_poster_id = x.last_poster
        FROM (SELECT DISTINCT ON (thread_id) thread_id,
                count(*) OVER (PARTITION BY thread_id) AS n,
                created_at AS latest, author_id AS last_poster
              FROM {post} WHERE thread_id IN ({mine})
              ORDER BY thread_id, created_at DESC, id DESC) AS x
        WHERE t.id = x.thread_id""",
        f"""UPDATE {board} AS b SET thread_count = x.threads, post_count = x.posts,
          last_activity_at = x.latest
        FROM (SELECT board_id, count(*) AS threads, sum(reply_count + 1) AS posts,
                max(last_activity_at) AS latest
              FROM {thread} GROUP BY board_id) AS x
        WHERE b.id = x.board_id AND b.id = ANY(%(boards)s)""",
    ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, {"boards": [b.pk for b in boards]})


# --- Measuring -------------------------------------------------------------------


def pages() -> list[tuple[str, str, str, int | None]]:
    """(label, who, path, posts the page must show) for every timed page."""
    from community.models import Board, Thread

    public = Board.objects.get(slug=PUBLIC_BOARD)
    members = Board.objects.get(slug=MEMBERS_BOARD)
    long = Thread.objects.filter(board=public).order_by("-reply_count", "pk").first()
    if long is None or long.reply_count + 1 != LONG_THREAD_POSTS:
        raise RuntimeError(f"No thread of {LONG_THREAD_POSTS} posts on {public}")
    # A typical thread: the median size on a members' board.
    sizes = list(
        members.threads.order_by("reply_count", "pk").values_list("reply_count", "pk")
    )
    replies, pk = sizes[len(sizes) // 2]
    typical = Thread.objects.get(pk=pk)
    last = math.ceil(LONG_THREAD_POSTS / POSTS_PER_PAGE)
    url = long.get_absolute_url()
    per_page = POSTS_PER_PAGE
    return [
        ("board list", "member", "/community/", None),
        ("board page", "member", members.get_absolute_url(), None),
        (f"long thread, page 1 of {last}", "member", f"{url}?page=1", per_page),
        (f"long thread, page 5 of {last}", "member", f"{url}?page=5", per_page),
        (
            f"long thread, page {last} of {last}",
            "member",
            f"{url}?page={last}",
            per_page,
        ),
        (
            f"typical thread ({replies + 1} posts)",
            "member",
            f"{typical.get_absolute_url()}?page=1",
            replies + 1,
        ),
        ("board list", "guest", "/community/", None),
        ("public board page", "guest", public.get_absolute_url(), None),
        (f"long thread, page 1 of {last}", "guest", f"{url}?page=1", per_page),
    ]


def measure(client, label: str, path: str, posts: int | None, runs: int) -> dict:
    def get():
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(
                f"{label}: GET {path} answered {response.status_code}, not 200"
            )
        shown = response.content.count(b'<article class="post')
        if posts is not None and shown != posts:
            raise RuntimeError(f"{label}: {path} shows {shown} posts, not {posts}")
        return response

    timing = time_requests(get, runs=runs, warmup=WARMUP)
    return {"label": label, "posts": posts, **timing}


def print_table(rows: list[dict], timed: list[tuple]) -> None:
    header = ("page", "median ms", "p95 ms", "max ms", "SQL", "HTML KB")
    width = max(len(header[0]), *(len(row["label"]) for row in rows))
    line = f"{{:<{width}}}  {{:>9}}  {{:>7}}  {{:>7}}  {{:>4}}  {{:>7}}"
    print(line.format(*header))
    print(line.format("-" * width, *("-" * len(h) for h in header[1:])))
    for row in rows:
        print(
            line.format(
                row["label"],
                f"{row['median']:.1f}",
                f"{row['p95']:.1f}",
                f"{row['max']:.1f}",
                row["queries"],
                f"{row['kb']:.1f}",
            )
        )
    print()
    for row, (_label, _who, path, _posts) in zip(rows, timed, strict=True):
        print(f"  {row['label']}: {path}")


def main() -> int:
    args = parse_args()
    name = ensure_database(
        args.database_url, what="and replaces thousands of synthetic threads"
    )
    configure_django(args.database_url)

    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test import Client
    from django.test.utils import override_settings

    from community.models import Post, Reaction, Thread

    seed(args.threads, args.posts)
    synthetic = Thread.objects.filter(board__slug__startswith=BOARD_PREFIX)
    reactions = Reaction.objects.filter(post__thread__in=synthetic).count()
    print(
        f"Database {name}: {synthetic.count():,} threads, "
        f"{Post.objects.filter(thread__in=synthetic).count():,} posts, "
        f"{reactions:,} reactions; "
        f"{WARMUP} warm-up + {args.runs} timed requests per page"
    )
    print()
    # Production's manifest storage needs collectstatic; plain storage renders the
    # same {% static %} URLs without hashes and leaves var/static alone.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    try:
        with override_settings(STORAGES=storages):
            clients = {"member": Client(), "guest": Client()}
            clients["member"].force_login(get_user_model().objects.get(username=READER))
            timed = pages()
            rows = [
                measure(clients[who], f"{label} ({who})", path, posts, args.runs)
                for label, who, path, posts in timed
            ]
    finally:
        connections.close_all()
        for conn in connections.all(initialized_only=True):
            if hasattr(conn, "close_pool"):
                conn.close_pool()

    print_table(rows, timed)
    print()
    # The target holds for every 50-post thread page, so judge the slowest.
    target = max(
        (row for row in rows if row["posts"] == POSTS_PER_PAGE),
        key=lambda row: row["median"],
    )
    summary = (
        f"the slowest {POSTS_PER_PAGE}-post thread page, {target['label']}, has a "
        f"median of {target['median']:.1f} ms (target {TARGET_MS:.0f} ms) with "
        f"{args.threads:,} threads and {args.posts:,} posts"
    )
    if target["median"] < TARGET_MS:
        print(f"PASS: {summary}.")
    else:
        print(f"SLOWER THAN TARGET: {summary}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
