"""The project's benchmark: a busy site as its operator sees it.

    make bench [BENCH_ARGS="--duration 10 --rate 1"]
    .venv/bin/python bench/mix.py [--scale large] [--rate 1] [--no-page-cache]

Every request is a random URL over the whole data set (`seed_demo --scale large`
by default: 100,000 resources, 5,000 threads, 100,000 posts, 2,000 members), in
these categories:

    thread   35 %  any thread on a board the viewer reads, any of its pages
    board    15 %  any board, any page of its thread list
    library  20 %  the library with random filters, searches, sorts and pages
    resource 15 %  any published resource
    search   10 %  the site search for words found in the data
    other     5 %  home, board list, collections, programs, a collection

as guests, and as --members different signed-in members (a random one per
request), while a writer posts replies through the reply form at --rate posts a
second (each by one of the members, in turn, on a random thread) and reacts to a
random post as often. Each category is loaded on its own with random URLs of its
kind, then the whole mix; wrk gives requests per second and p50/p95/p99 as the
client saw them. The page cache's hit ratio comes from gunicorn's access log
(`X-Cache`), and the SQL queries per page from this process (Django's test client
on five random URLs of each category: the fewest and the most).

**The ceiling** is one shared by every application measured on this machine,
bench/peer.py's included: a WSGI application that answers "ok" with no framework,
under the same gunicorn with the same workers. Each run is divided by the mean of
the ceiling runs before and after it. Targets (issue 15): p95 under 150 ms for
every category but search, under 250 ms for search; the writer's p95 under 150 ms.

gunicorn runs as in production (debug off, manifest static files, the PostgreSQL
pool, Redis for cache and sessions, --cache-url, flushed at start and end), with
the site's worker beside it (manage.py run_worker: posts' fan-out, e-mail to a
relay that takes it at once, read marks; caught up with what earlier runs left
queued before the first run), on a
database of the benchmark's own: commons_bench_<scale> on $DATABASE_URL's server,
or on the project's own PostgreSQL; created, migrated and seeded when missing.
With --nginx, wrk loads the site through nginx with proxy_cache (NGINX_CONFIG,
the configuration the README shows); the cache hit column then counts only the
requests nginx passed on. The table goes to bench/results/mix.md
(mix-no-page-cache.md with --no-page-cache, mix-nginx.md with --nginx) with a
dated copy beside it (git-ignored). Read the ratios,
not the times: wrk, gunicorn and PostgreSQL share the machine's cores.
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import harness
from benchsetup import (
    configure_django,
    default_database_url,
    ensure_database,
    run_main,
)
from mix_measure import measure
from mix_report import report, save
from random_urls import SHARES, count_queries, mixed, url_lists
from servers import (
    CEILING_APP,
    Run,
    launch,
    launch_nginx,
    launch_worker,
)
from writers import Writer, pick_members, writer_threads

# Each option: its flags and argparse's keywords.
OPTIONS = [
    ("--scale", {"default": "large",
                 "help": "seed_demo --scale (default %(default)s)"}),
    ("--no-seed", {"action": "store_true", "help": "use the database as it is"}),
    ("--duration", {"type": int, "default": 10, "metavar": "S",
                    "help": "seconds per run"}),
    ("--warmup", {"type": int, "default": 2, "metavar": "S",
                  "help": "seconds before each run"}),
    ("--connections", {"type": int, "default": 16, "help": "wrk's connections"}),
    ("--workers", {"type": int, "default": 5, "help": "gunicorn's sync workers"}),
    ("--members", {"type": int, "default": 20,
                   "help": "signed-in members (and writers)"}),
    ("--rate", {"type": float, "default": 1.0,
                "help": "posts (and reactions) per second"}),
    ("--categories", {"default": ",".join(SHARES),
                      "help": "categories loaded one by one (default all); the "
                      "mix runs after them"}),
    ("--viewers", {"default": "guest,member", "help": "guest, member or both"}),
    ("--no-page-cache", {"action": "store_true", "help": "serve every page fresh"}),
    ("--nginx", {"action": "store_true",
                 "help": "load the site through nginx with proxy_cache "
                 "(NGINX_CONFIG), as a reverse proxy in front of it would "
                 "(Debian: apt-get install nginx)"}),
    ("--port", {"type": int, "default": 0}),
    ("--seed", {"type": int, "default": 15, "help": "of the random URLs"}),
    ("--database-url", {"default": os.environ.get("BENCH_DATABASE_URL", ""),
                        "help": "default: commons_bench_<scale> on "
                        "$DATABASE_URL's server, else on the project's own "
                        "PostgreSQL (core/devdb.py)"}),
    ("--cache-url", {"default": os.environ.get("BENCH_CACHE_URL")
                     or harness.DEFAULT_CACHE_URL,
                     "help": "Redis database for cache and sessions, flushed "
                     "(default %(default)s)"}),
]  # fmt: skip


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for flag, options in OPTIONS:
        parser.add_argument(flag, **options)
    args = parser.parse_args()
    args.database_url = args.database_url or default_database_url(
        f"commons_bench_{args.scale}"
    )
    args.categories = [c for c in args.categories.split(",") if c]
    if set(args.categories) - set(SHARES):
        parser.error(f"categories are {', '.join(SHARES)}")
    args.viewers = [v for v in args.viewers.split(",") if v]
    if not args.viewers or set(args.viewers) - {"guest", "member"}:
        parser.error("--viewers takes guest, member or guest,member")
    if args.no_page_cache:
        os.environ["DJANGO_PAGE_CACHE"] = "0"
    # bench/harness.py's helpers read these.
    args.ceiling_every = 2
    args.pages = []
    return args


@dataclass
class Prepared:
    """What the runs need from the database, read before the servers start."""

    sizes: dict[str, int]
    members: list  # signed in for the member runs; the writer posts as them
    lists: dict[str, dict[str, list[str]]]  # viewer -> category (and mix) -> paths
    queries: dict[tuple[str, str], tuple[int, int]]  # (viewer, category) -> SQL
    threads: list  # the writer's threads


def prepare(args, rng: random.Random) -> Prepared:
    """Create, migrate and seed the database as asked, then pick the members,
    draw the random URLs and count each category's SQL queries."""
    name = ensure_database(args.database_url, what="its data with seed_demo")
    if not args.no_seed:
        harness.seed(args)
    os.environ["CACHE_URL"] = args.cache_url
    configure_django(args.database_url)
    harness.analyze_if_stale()
    sizes = harness.data_sizes()
    members = pick_members(args.members)
    print(f"Database {name}: " + ", ".join(f"{n:,} {w}" for w, n in sizes.items()))
    lists = {viewer: url_lists(viewer, rng) for viewer in ("guest", "member")}
    for viewer in lists:
        lists[viewer]["mix"] = mixed(lists[viewer], rng)
    print("Counting SQL queries per category")
    queries = count_queries(lists, members[0], rng)
    threads = writer_threads()
    harness.close_database()
    return Prepared(sizes, members, lists, queries, threads)


def start_servers(args, tmp: Path, servers: list) -> tuple[int, int, int]:
    """Collect the static files and start gunicorn, the site's worker, the
    ceiling's gunicorn and, with --nginx, nginx in front, each added to
    *servers* as it starts. Return the site's, wrk's and the ceiling's ports."""
    static_root = str(tmp / "static")
    harness.manage(
        args, "collectstatic", "--no-input", static_root=static_root, quiet=True
    )
    port, ceiling_port = args.port or harness.free_port(), harness.free_port()
    print(f"Starting gunicorn ({args.workers} workers) on 127.0.0.1:{port}")
    servers.append(
        launch(args, "config.wsgi:application", port, static_root, tmp, True)
    )
    servers.append(launch_worker(args, tmp))
    servers.append(launch(args, CEILING_APP, ceiling_port, "", tmp, False))
    load_port = port
    if args.nginx:
        proxy, load_port = launch_nginx(tmp, port)
        servers.append(proxy)
        print(f"nginx in front, on 127.0.0.1:{load_port}")
    return port, load_port, ceiling_port


def serve_and_measure(args, data: Prepared, runs: list[Run]):
    """Start the servers, sign the members in, start the writer and measure
    the runs; stop everything whatever happens. Return the writer and the
    ceiling's requests per second, run by run."""
    harness.flush_cache(args.cache_url)
    servers = []
    writer = None
    with tempfile.TemporaryDirectory(prefix="commons-mix-") as tmp:
        tmp = Path(tmp)
        try:
            port, load_port, ceiling_port = start_servers(args, tmp, servers)
            print(f"Signing in {args.members} members")
            jar = [harness.sign_in(port, member) for member in data.members]
            cookies = {"guest": [], "member": jar}
            writer = Writer(port, args.rate, jar, data.threads)
            writer.start()
            log = tmp / "access.log"
            ceilings = measure(
                args, load_port, ceiling_port, runs, data.lists, cookies, log
            )
        finally:
            if writer:
                writer.finish()
            for server in servers:
                harness.stop_server(server)
            harness.flush_cache(args.cache_url)
    return writer, ceilings


def main() -> int:
    args = parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench/mix.py needs wrk. On Debian or Ubuntu: apt-get install wrk")
    started = datetime.now().astimezone()
    load_at_start = os.getloadavg()[0]
    data = prepare(args, random.Random(args.seed))
    runs = [
        Run(f"{category} ({viewer})", viewer, category)
        for viewer in args.viewers
        for category in [*args.categories, "mix"]
    ]
    writer, ceilings = serve_and_measure(args, data, runs)
    text = report(
        args, runs, data.queries, writer, ceilings, data.sizes, started, load_at_start
    )
    print()
    print(text)
    print(f"Written to {save(args, text, started).relative_to(harness.ROOT)}")
    errors = sum(run.result["status_errors"] for run in runs)
    return 1 if errors or writer.failures else 0


if __name__ == "__main__":
    run_main(main)
