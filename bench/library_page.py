"""How fast the resource library page renders with a large library on PostgreSQL.

    .venv/bin/python bench/library_page.py [--resources 10000] [--runs 50]

The target: with 10,000 published resources, a filtered, searched library page
renders in under 100 ms on this machine. This is a measurement, not a test: it
exits 0 whether or not the target is met, and non-zero only if something fails.

It uses a database of its own (default commons_bench, created if missing; the name
must contain "bench" so it can never be the development or test database), migrates
it, loads the real library and tops it up with synthetic published resources (both
idempotent, so later runs skip the seeding), then refreshes the planner's statistics
with ANALYZE. Settings are production-like: debug off, the PostgreSQL connection
pool, every middleware. Requests go through Django's test client, so the time covers
URL routing, middleware, the queries and the template, but not a real HTTP server.
"""

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from benchsetup import configure_django, ensure_database, time_requests

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/commons_bench"
TARGET_MS = 100.0
TARGET_LABEL = "filtered+searched"
WARMUP = 3

PAGES = [
    ("plain", "/resources/"),
    ("filtered", "/resources/?kind=toolkit&kind=template&topic=housing"),
    ("searched", "/resources/?q=housing+budget"),
    # The synthetic resources' "racial equity" topic has the slug racial-equity.
    (
        TARGET_LABEL,
        "/resources/?q=%22community+engagement%22+-policing&kind=report"
        "&topic=racial-equity&sort=relevance",
    ),
    ("plain, page 20", "/resources/?page=20"),
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--resources",
        type=int,
        default=10_000,
        metavar="N",
        help="synthetic published resources to have in the database (default 10000)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=50,
        metavar="R",
        help="timed requests per page, after 3 warm-up requests (default 50)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="PostgreSQL database of the benchmark's own, created if missing "
        "(default $BENCH_DATABASE_URL or %(default)s)",
    )
    args = parser.parse_args()
    if args.resources < 0 or args.runs < 1:
        parser.error("--resources must be 0 or more and --runs 1 or more")
    return args


def seed(resources: int) -> int:
    from django.core.management import call_command
    from django.db import connection

    from resources.models import Resource
    from resources.seed import seed_library, seed_synthetic_resources

    call_command("migrate", verbosity=0, interactive=False)
    seed_library()
    started = time.perf_counter()
    added = seed_synthetic_resources(resources)
    if added:
        took = time.perf_counter() - started
        print(f"Seeded {added:,} synthetic resources in {took:.1f} s")
    # Fresh statistics, as autovacuum would have gathered in production by now (it
    # may be off on a development server): without them the planner takes the new
    # tables for nearly empty and skips the full-text search's GIN index.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Resource.objects.published().count()


def matches(path: str) -> int:
    """How many resources the page's filters match (its heading's number)."""
    from django.http import QueryDict

    from core import versions
    from resources.filters import LibraryFilters
    from resources.selectors import library
    from resources.views import SHOWN

    query = QueryDict(urlsplit(path).query)
    stamp = versions.stamp(*SHOWN)
    results, _ = library(LibraryFilters.from_query(query), stamp)
    return results.count()


def measure(client, label: str, path: str, runs: int) -> dict:
    def get():
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(
                f"{label}: GET {path} answered {response.status_code}, not 200"
            )
        return response

    timing = time_requests(get, runs=runs, warmup=WARMUP)
    return {"label": label, **timing, "matches": matches(path)}


def print_table(rows: list[dict]) -> None:
    header = ("page", "median ms", "p95 ms", "max ms", "SQL", "HTML KB", "matches")
    width = max(len(header[0]), *(len(row["label"]) for row in rows))
    line = f"{{:<{width}}}  {{:>9}}  {{:>7}}  {{:>7}}  {{:>4}}  {{:>7}}  {{:>7}}"
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
                f"{row['matches']:,}",
            )
        )
    print()
    for label, path in PAGES:
        print(f"  {label}: {path}")


def main() -> int:
    args = parse_args()
    name = ensure_database(args.database_url, what="thousands of synthetic resources")
    configure_django(args.database_url)

    from django.db import connections
    from django.test import Client
    from django.test.utils import override_settings

    published = seed(args.resources)
    print(
        f"Database {name}: {published:,} published resources; "
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
            client = Client()
            rows = [measure(client, label, path, args.runs) for label, path in PAGES]
    finally:
        connections.close_all()
        for conn in connections.all(initialized_only=True):
            if hasattr(conn, "close_pool"):
                conn.close_pool()

    print_table(rows)
    print()
    target = next(row for row in rows if row["label"] == TARGET_LABEL)
    summary = (
        f"the {TARGET_LABEL} library page's median is {target['median']:.1f} ms "
        f"(target {TARGET_MS:.0f} ms) with {published:,} published resources"
    )
    if target["median"] < TARGET_MS:
        print(f"PASS: {summary}.")
    else:
        print(f"SLOWER THAN TARGET: {summary}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
