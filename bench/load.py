"""How many requests per second the main pages serve over HTTP, under gunicorn.

    .venv/bin/python bench/load.py [--duration 8] [--pages home,thread] [--no-seed]
    make bench BENCH_ARGS="--duration 3 --pages home,search"

Each page is loaded with wrk (Debian: apt-get install wrk) through gunicorn, as a
guest and as a signed-in member, and compared with a ceiling: the requests per
second of /bench/ceiling/, a tiny Django view behind every middleware on the same
server. The share of the ceiling a page reaches says how heavy its own work
(queries, template) is, and varies less between machines than requests per second
do. The ceiling is measured again every --ceiling-every rows (by default between
pages) and each row is divided by the mean of the two ceiling runs around it.
Targets: at least 6% of the ceiling for guests, 4% for members, 2% for searches;
p95 under 100 ms (150 ms for searches). This is a measurement, not a test: it
exits 0 whether or not the targets are met, and non-zero when something breaks
(the server does not start, the sign-in fails, a page answers an error).

It uses a database of its own (default commons_bench_large, created if missing; its
name must contain "bench"), migrates it and fills it with `manage.py seed_demo
--scale large` (idempotent: a few seconds when the data is there). It collects the
static files into a temporary directory and starts gunicorn as in production
(debug off, a throwaway secret key, manifest static files, the PostgreSQL pool,
Redis for cache and sessions: --cache-url, flushed at start and end) with
bench/settings.py, which only adds plain-HTTP cookies and the ceiling's URL.

The member is a synthetic cohort participant: the benchmark sets its password
(BENCH_PASSWORD) and signs in through allauth's form over HTTP, then gives wrk the
session cookie. The URLs (a 50-post thread on a public board, asked with ?page=1 so
a member is not sent to the first unread post; the member's cohort; ...) are found
through the ORM. SQL queries per page are counted in this process with Django's
test client (the member signed in with force_login) on the third request, so a
page that writes on every request, not only on the first visit, is reported
below the table. HTML sizes are those gunicorn sent. Between runs the script waits
until the server has answered what wrk left queued.

The table is printed and written to bench/results/latest.md (latest-no-page-cache.md
with --no-page-cache), with a copy named
after the date and time (git-ignored). wrk and the server share the machine's
cores, and anything else running lowers every number: compare runs made on the
same quiet machine.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from benchsetup import configure_django, ensure_database, run_main
from harness import (
    CEILING,
    DEFAULT_CACHE_URL,
    ROOT,
    WRK_TIMEOUT,
    analyze_if_stale,
    close_database,
    data_sizes,
    flush_cache,
    free_port,
    launch_server,
    log_tail,
    manage,
    seed,
    settle,
    sign_in,
    socket_errors,
    stop_server,
    wait_for_server,
)
from page_list import PAGE_KEYS, VIEWERS, Row, check_pages, count_queries, rows_to_load
from page_report import report, save

LUA = ROOT / "bench" / "wrk_report.lua"


DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/commons_bench_large"


# Each option: its flags and argparse's keywords.
OPTIONS = [
    ("--scale", {"default": "large",
                 "help": "passed to seed_demo --scale (default %(default)s)"}),
    ("--no-seed", {"action": "store_true",
                   "help": "use the database as it is: no migrate, no seed_demo"}),
    ("--duration", {"type": int, "default": 8, "metavar": "S",
                    "help": "seconds measured per run (default %(default)s)"}),
    ("--warmup", {"type": int, "default": 2, "metavar": "S",
                  "help": "seconds of load before each measured run "
                  "(default %(default)s)"}),
    ("--connections", {"type": int, "default": 16, "metavar": "N",
                       "help": "wrk's open connections (default %(default)s)"}),
    ("--workers", {"type": int, "default": 5, "metavar": "N",
                   "help": "gunicorn sync workers (default %(default)s: "
                   "2 × cores + 1 on 2 cores)"}),
    ("--ceiling-every", {"type": int, "default": 2, "metavar": "N",
                         "help": "measure the ceiling again after every N rows "
                         "(default %(default)s: between pages, as each page has "
                         "a guest and a member row)"}),
    ("--pages", {"default": "", "metavar": "KEYS",
                 "help": "comma-separated pages to measure (default all): "
                 + ", ".join(PAGE_KEYS)}),
    ("--viewers", {"default": ",".join(VIEWERS), "metavar": "WHO",
                   "help": "guest, member or both (default %(default)s)"}),
    ("--no-page-cache", {"action": "store_true",
                         "help": "serve every request without the whole-page "
                         "cache (core/page_cache.py), as right after a write: "
                         "the pages' own cost"}),
    ("--port", {"type": int, "default": 0,
                "help": "port for gunicorn on 127.0.0.1 (default: a free one)"}),
    ("--database-url", {"default": os.environ.get("BENCH_DATABASE_URL")
                        or DEFAULT_DATABASE_URL,
                        "help": "PostgreSQL database of the benchmark's own, "
                        "created if missing (default $BENCH_DATABASE_URL or "
                        "%(default)s)"}),
    ("--cache-url", {"default": os.environ.get("BENCH_CACHE_URL")
                     or DEFAULT_CACHE_URL,
                     "help": "Redis database for the server's cache and "
                     "sessions, flushed at start and end (default "
                     "$BENCH_CACHE_URL or %(default)s)"}),
]  # fmt: skip


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for flag, options in OPTIONS:
        parser.add_argument(flag, **options)
    args = parser.parse_args()
    if args.no_page_cache:
        os.environ["DJANGO_PAGE_CACHE"] = "0"  # this process counts queries too
    args.pages = [p.strip() for p in args.pages.split(",") if p.strip()] or PAGE_KEYS
    unknown = set(args.pages) - set(PAGE_KEYS)
    if unknown:
        parser.error(f"unknown pages {', '.join(sorted(unknown))}")
    args.viewers = [v.strip() for v in args.viewers.split(",") if v.strip()]
    if not args.viewers or set(args.viewers) - set(VIEWERS):
        parser.error("--viewers takes guest, member or guest,member")
    if args.duration < 1 or args.warmup < 0:
        parser.error("--duration must be 1 or more and --warmup 0 or more")
    if args.connections < 1 or args.workers < 1 or args.ceiling_every < 1:
        parser.error("--connections, --workers and --ceiling-every must be 1+")
    if not urlsplit(args.cache_url).scheme.startswith("redis"):
        parser.error("--cache-url must be a redis:// URL")
    return args


def wrk(args, port: int, path: str, cookie: str, seconds: int) -> dict:
    command = [
        "wrk",
        f"--threads={max(1, min(args.connections, os.cpu_count() or 1))}",
        f"--connections={args.connections}",
        f"--duration={seconds}s",
        f"--timeout={WRK_TIMEOUT}",
        f"--script={LUA}",
    ]
    if cookie:
        command.append(f"--header=Cookie: {cookie}")
    command.append(f"http://127.0.0.1:{port}{path}")
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    line = next(
        (x for x in run.stdout.splitlines() if x.startswith("BENCH ")),
        None,
    )
    if run.returncode or line is None:
        sys.exit(f"wrk failed on {path}:\n{run.stdout}\n{run.stderr}")
    result = {}
    for pair in line.split()[1:]:
        key, value = pair.split("=")
        result[key] = float(value)
    return result


def load(args, port: int, path: str, cookie: str, warmup: int) -> dict:
    if warmup > 0:
        wrk(args, port, path, cookie, warmup)
        settle(port)
    result = wrk(args, port, path, cookie, args.duration)
    settle(port)
    return result


def measure(args, port: int, rows: list[Row], cookies: dict[str, str]) -> list[float]:
    """Load every row, the ceiling before the first, after every --ceiling-every
    rows and after the last; each row's ceiling is the mean of the two around it.
    Return the ceiling's requests per second, run by run."""
    ceilings: list[float] = []
    pending: list[Row] = []

    def ceiling():
        result = load(args, port, CEILING, "", min(args.warmup, 1))
        if result["status_errors"] or socket_errors(result) or not result["requests"]:
            sys.exit(f"The ceiling {CEILING} had errors: {result}")
        for row in pending:
            row.ceiling = (ceilings[-1] + result["rps"]) / 2
        pending.clear()
        ceilings.append(result["rps"])
        print(f"  {'ceiling':<34} {result['rps']:8.1f} req/s")

    ceiling()
    rows = [row for row in rows if not row.errors]
    for n, row in enumerate(rows, start=1):
        row.result = load(args, port, row.page.path, cookies[row.viewer], args.warmup)
        status, sockets = int(row.result["status_errors"]), socket_errors(row.result)
        if status or sockets:
            row.errors = f"{status} non-2xx/3xx, {sockets} socket errors"
        elif not row.result["requests"]:
            row.errors = f"no request answered in {args.duration} s"
        label = f"{row.page.label} ({row.viewer})"
        print(
            f"  {label:<34} {row.result['rps']:8.1f} req/s  "
            f"p95 {row.result['p95_ms']:6.1f} ms"
            + (f"  ERROR: {row.errors}" if row.errors else "")
        )
        pending.append(row)
        if n % args.ceiling_every == 0 or n == len(rows):
            ceiling()
    return ceilings


def prepare(args):
    """Create, migrate and seed the database as asked, find the member and the
    pages and count their SQL queries; return what the report tells of them."""
    name = ensure_database(args.database_url, what="its data with seed_demo")
    if not args.no_seed:
        seed(args)
    # Queries are counted here with the server's own cache, so a kept page counts
    # as the server serves it.
    os.environ["CACHE_URL"] = args.cache_url
    configure_django(args.database_url)
    analyze_if_stale()
    sizes = data_sizes()
    member, cohort, rows = rows_to_load(args.pages, args.viewers)
    print(f"Database {name}: " + ", ".join(f"{n:,} {w}" for w, n in sizes.items()))
    print(f"Member @{member.username} ({member.email}), cohort {cohort}")
    print("Counting SQL queries per page")
    count_queries(rows, member)
    close_database()
    return name, sizes, member, cohort, rows


def serve_and_measure(args, rows: list[Row], member) -> list[float]:
    """Start gunicorn, sign the member in, check the pages and load them; stop
    the server whatever happens. Return the ceiling's runs (see measure)."""
    flush_cache(args.cache_url)
    server = None
    with tempfile.TemporaryDirectory(prefix="commons-bench-") as tmp:
        try:
            static_root = str(Path(tmp) / "static")
            log = Path(tmp) / "gunicorn.log"
            manage(
                args, "collectstatic", "--no-input", static_root=static_root, quiet=True
            )
            port = args.port or free_port()
            print(f"Starting gunicorn ({args.workers} workers) on 127.0.0.1:{port}")
            server = launch_server(args, port, static_root, log)
            wait_for_server(server, port, log)
            cookies = {"guest": "", "member": sign_in(port, member)}
            check_pages(port, rows, cookies)
            print(
                f"Loading each page for {args.warmup:g} + {args.duration:g} s with "
                f"{args.connections} connections"
            )
            return measure(args, port, rows, cookies)
        finally:
            stop_server(server)
            flush_cache(args.cache_url)
            if any(row.errors for row in rows):
                print(f"gunicorn's log ends with:\n{log_tail(log)}")


def main() -> int:
    args = parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench/load.py needs wrk. On Debian or Ubuntu: apt-get install wrk")
    started = datetime.now().astimezone()
    load_at_start = os.getloadavg()[0]
    name, sizes, member, cohort, rows = prepare(args)
    ceilings = serve_and_measure(args, rows, member)
    text = report(
        args,
        name=name,
        sizes=sizes,
        member=member,
        cohort=cohort,
        rows=rows,
        ceilings=ceilings,
        started=started,
        load_at_start=load_at_start,
    )
    print()
    print(text)
    written = save(text, started, page_cache=not args.no_page_cache)
    print(f"Written to {written.relative_to(ROOT)}")
    failed = [row for row in rows if row.errors]
    if failed:
        print(f"{len(failed)} rows had errors.")
        return 1
    return 0


if __name__ == "__main__":
    run_main(main)
