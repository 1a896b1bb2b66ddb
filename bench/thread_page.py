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
import math
import os
import sys
from pathlib import Path

from benchsetup import configure_django, ensure_database, time_requests
from thread_page_seed import (
    BOARD_PREFIX,
    LONG_THREAD_POSTS,
    MEMBERS_BOARD,
    POSTS_PER_PAGE,
    PUBLIC_BOARD,
    READER,
    seed,
)

ROOT = Path(__file__).resolve().parent.parent


DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/commons_bench_board"


TARGET_MS = 100.0


WARMUP = 3


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


def print_sizes(name: str, runs: int) -> None:
    from community.models import Post, Reaction, Thread

    synthetic = Thread.objects.filter(board__slug__startswith=BOARD_PREFIX)
    reactions = Reaction.objects.filter(post__thread__in=synthetic).count()
    print(
        f"Database {name}: {synthetic.count():,} threads, "
        f"{Post.objects.filter(thread__in=synthetic).count():,} posts, "
        f"{reactions:,} reactions; "
        f"{WARMUP} warm-up + {runs} timed requests per page"
    )


def time_pages(runs: int) -> tuple[list[dict], list[tuple]]:
    """Time every page as its viewer; return the rows and the pages timed."""
    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test import Client
    from django.test.utils import override_settings

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
                measure(clients[who], f"{label} ({who})", path, posts, runs)
                for label, who, path, posts in timed
            ]
    finally:
        connections.close_all()
        for conn in connections.all(initialized_only=True):
            if hasattr(conn, "close_pool"):
                conn.close_pool()
    return rows, timed


def print_verdict(args, rows: list[dict]) -> None:
    """PASS or not: the target holds for every 50-post thread page, so judge the
    slowest."""
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


def main() -> int:
    args = parse_args()
    name = ensure_database(
        args.database_url, what="and replaces thousands of synthetic threads"
    )
    configure_django(args.database_url)
    seed(args.threads, args.posts)
    print_sizes(name, args.runs)
    print()
    rows, timed = time_pages(args.runs)
    print_table(rows, timed)
    print()
    print_verdict(args, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
