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
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from benchsetup import configure_django, ensure_database, run_main
from harness import (
    BENCH_PASSWORD,
    CEILING,
    DEFAULT_CACHE_URL,
    RESULTS,
    ROOT,
    SYNTHETIC_PREFIX,
    WRK_TIMEOUT,
    analyze_if_stale,
    close_database,
    data_sizes,
    flush_cache,
    free_port,
    http_get,
    launch_server,
    log_tail,
    machine,
    manage,
    markdown_table,
    seed,
    settle,
    sign_in,
    socket_errors,
    stop_server,
    wait_for_server,
)

LUA = ROOT / "bench" / "wrk_report.lua"


DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/commons_bench_large"


POSTS_PER_PAGE = 50  # community.discussions.views.POSTS_PER_PAGE


VIEWERS = ("guest", "member")


# Share of the ceiling's requests per second, and p95 in ms, a page should reach.
MIN_RATIO = {"guest": 0.06, "member": 0.04, "search": 0.02}


ODD_QUERY = (
    "\"housing budget '); DROP TABLE community_post;-- the and of "
    "равенство 東京 مساواة & | ! <-> :* " + "x" * 3_500
)


MAX_P95_MS = {"page": 100.0, "search": 150.0}


SEARCH_WORDS = "housing budget"


FEW_REQUESTS = 100


@dataclass
class Page:
    key: str
    label: str
    path: str
    search: bool = False  # held to the search targets
    posts: int | None = None  # posts the page must show


@dataclass
class Row:
    page: Page
    viewer: str
    queries: int = 0
    writes: list[str] = field(default_factory=list)
    kb: float = 0.0
    result: dict | None = None
    ceiling: float | None = None
    errors: str = ""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add(
        "--scale",
        default="large",
        help="passed to seed_demo --scale (default %(default)s)",
    )
    add(
        "--no-seed",
        action="store_true",
        help="use the database as it is: no migrate, no seed_demo",
    )
    add(
        "--duration",
        type=int,
        default=8,
        metavar="S",
        help="seconds measured per run (default %(default)s)",
    )
    add(
        "--warmup",
        type=int,
        default=2,
        metavar="S",
        help="seconds of load before each measured run (default %(default)s)",
    )
    add(
        "--connections",
        type=int,
        default=16,
        metavar="N",
        help="wrk's open connections (default %(default)s)",
    )
    add(
        "--workers",
        type=int,
        default=5,
        metavar="N",
        help="gunicorn sync workers (default %(default)s: 2 × cores + 1 on 2 cores)",
    )
    add(
        "--ceiling-every",
        type=int,
        default=2,
        metavar="N",
        help="measure the ceiling again after every N rows (default %(default)s: "
        "between pages, as each page has a guest and a member row)",
    )
    add(
        "--pages",
        default="",
        metavar="KEYS",
        help="comma-separated pages to measure (default all): " + ", ".join(PAGE_KEYS),
    )
    add(
        "--viewers",
        default=",".join(VIEWERS),
        metavar="WHO",
        help="guest, member or both (default %(default)s)",
    )
    add(
        "--no-page-cache",
        action="store_true",
        help="serve every request without the whole-page cache "
        "(core/page_cache.py), as right after a write: the pages' own cost",
    )
    add(
        "--port",
        type=int,
        default=0,
        help="port for gunicorn on 127.0.0.1 (default: a free one)",
    )
    add(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL,
        help="PostgreSQL database of the benchmark's own, created if missing "
        "(default $BENCH_DATABASE_URL or %(default)s)",
    )
    add(
        "--cache-url",
        default=os.environ.get("BENCH_CACHE_URL") or DEFAULT_CACHE_URL,
        help="Redis database for the server's cache and sessions, flushed at "
        "start and end (default $BENCH_CACHE_URL or %(default)s)",
    )
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


PAGE_KEYS = [
    "home",
    "library",
    "library-filtered",
    "library-searched",
    "resource",
    "collection",
    "boards",
    "board",
    "thread",
    "cohort",
    "search",
    "search-odd",
]


def pick_member():
    """A verified cohort participant or city lead without a staff role, a
    synthetic one if any (demo accounts last), with BENCH_PASSWORD as password."""
    from django.contrib.auth import get_user_model
    from django.db.models import Case, Value, When

    from cohorts.models import CohortMembership
    from community.seed import DEMO_ACCOUNTS

    demo = [account.username for account in DEMO_ACCOUNTS]
    member = (
        get_user_model()
        .objects.filter(
            is_active=True,
            is_staff=False,
            is_superuser=False,
            groups=None,
            cohort_memberships__role__in=CohortMembership.CITY_ROLES,
            emailaddress__verified=True,
            emailaddress__primary=True,
        )
        .annotate(
            rank=Case(
                When(username__startswith=SYNTHETIC_PREFIX, then=Value(0)),
                When(username__in=demo, then=Value(2)),
                default=Value(1),
            )
        )
        .order_by("rank", "pk")
        .first()
    )
    if member is None:
        sys.exit("No verified cohort member without a staff role in the database.")
    member.set_password(BENCH_PASSWORD)
    member.save(update_fields=["password"])
    return member


def find_pages(keys: list[str], cohort) -> list[Page]:
    """The concrete URLs, found in the bench database."""
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Count

    from community.models import Board, Thread
    from resources.models import Collection, Resource

    def need(found, what: str):
        if found is None:
            sys.exit(f"No {what} in the database.")
        return found

    def resource():
        shared = (
            Resource.objects.published()
            .annotate(n=Count("threads"))
            .filter(n__gt=0)
            .order_by("-n", "pk")
            .first()
        )
        return need(
            shared
            or Resource.objects.published().order_by("is_synthetic", "pk").first(),
            "published resource",
        )

    def topic() -> str:
        """The topic of most published resources."""
        from resources.models import TaggedResource

        top = (
            TaggedResource.objects.filter(
                content_object__in=Resource.objects.published()
            )
            .values("tag__slug")
            .annotate(n=Count("pk"))
            .order_by("-n", "tag__slug")
            .first()
        )
        return top["tag__slug"] if top else "housing"

    def public_boards():
        return Board.objects.visible_to(AnonymousUser())

    def board():
        boards = public_boards().annotate(n=Count("threads")).order_by("-n", "pk")
        return need(boards.first(), "public board")

    def thread():
        public = Thread.objects.filter(board__in=public_boards())
        found = public.filter(reply_count=POSTS_PER_PAGE - 1).order_by("pk").first()
        if found is None:
            # A longer one's first page shows as many posts.
            found = (
                public.filter(reply_count__gte=POSTS_PER_PAGE - 1)
                .order_by("reply_count", "pk")
                .first()
            )
        return need(found, f"thread of {POSTS_PER_PAGE}+ posts on a public board")

    def collection():
        collections = Collection.objects.published().annotate(n=Count("items"))
        return need(collections.order_by("-n", "pk").first(), "published collection")

    q = urlencode({"q": SEARCH_WORDS})
    found = {
        "home": lambda: Page("home", "home", "/"),
        "library": lambda: Page("library", "library", "/resources/"),
        "library-filtered": lambda: Page(
            "library-filtered",
            "library, filtered",
            "/resources/?" + urlencode({"kind": "report", "topic": topic()}),
        ),
        "library-searched": lambda: Page(
            "library-searched", "library, searched", f"/resources/?{q}", search=True
        ),
        "resource": lambda: Page("resource", "resource", resource().get_absolute_url()),
        "collection": lambda: Page(
            "collection", "collection", collection().get_absolute_url()
        ),
        "boards": lambda: Page("boards", "board list", "/community/"),
        "board": lambda: Page("board", "board", board().get_absolute_url()),
        "thread": lambda: Page(
            "thread",
            f"thread, {POSTS_PER_PAGE} posts",
            # Asking for the page keeps a member from being sent to the first
            # unread post.
            thread().get_absolute_url() + "?page=1",
            posts=POSTS_PER_PAGE,
        ),
        "cohort": lambda: Page("cohort", "cohort", cohort.get_absolute_url()),
        "search": lambda: Page("search", "site search", f"/search/?{q}", search=True),
        # The bad input at once: long, an unbalanced quote, SQL, stop
        # words and non-Latin words. It must cost no more than twice a normal
        # search. (3,500 characters: gunicorn refuses a request line over 4,094
        # bytes before Django sees it; tests/test_search.py sends 10,000.)
        "search-odd": lambda: Page(
            "search-odd",
            "site search, odd input",
            "/search/?" + urlencode({"q": ODD_QUERY}),
            search=True,
        ),
    }
    return [found[key]() for key in PAGE_KEYS if key in keys]


def count_queries(rows: list[Row], member) -> None:
    """SQL queries per page, through Django's test client in this process; the
    third request of each is counted, so one-time writes (read state) are over."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    # Production's manifest storage needs collectstatic's output; plain storage
    # makes the same queries.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    with override_settings(STORAGES=storages):
        # A page's error is reported in its row; the other pages go on.
        clients = {v: Client(raise_request_exception=False) for v in VIEWERS}
        clients["member"].force_login(member)
        for row in rows:
            client = clients[row.viewer]
            for _ in range(2):
                client.get(row.page.path)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(row.page.path)
            if response.status_code != 200:
                row.errors = f"answered {response.status_code} (Django test client)"
                print(f"  ERROR: {row.page.label} ({row.viewer}) {row.errors}")
                continue
            row.queries = len(captured.captured_queries)
            row.writes = [
                query["sql"][:120]
                for query in captured.captured_queries
                if query["sql"].lstrip().split(" ", 1)[0].upper()
                in {"INSERT", "UPDATE", "DELETE"}
            ]


def check_pages(port: int, rows: list[Row], cookies: dict[str, str]) -> None:
    """Each page answers 200 over HTTP (a redirect would be timed instead), the
    member is signed in, the thread shows its posts; note the HTML size."""
    for row in rows:
        if row.errors:
            continue
        status, headers, body = http_get(port, row.page.path, cookies[row.viewer])
        where = f"{row.page.label} ({row.viewer}): GET {row.page.path}"
        if status != 200:
            row.errors = f"answered {status} {headers.get('Location', '')}".strip()
            print(f"  ERROR: {where} {row.errors}")
            continue
        signed_in = b'action="/accounts/logout/"' in body
        if signed_in != (row.viewer == "member"):
            sys.exit(f"{where}: the page shows the wrong viewer (signed in or not).")
        shown = body.count(b'<article class="post')
        if row.page.posts is not None and shown != row.page.posts:
            sys.exit(f"{where} shows {shown} posts, not {row.page.posts}.")
        row.kb = len(body) / 1024


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


def verdict(row: Row) -> str:
    if row.errors:
        return f"**ERROR**: {row.errors}"
    kind = "search" if row.page.search else row.viewer
    ratio, p95 = row.result["rps"] / row.ceiling, row.result["p95_ms"]
    max_p95 = MAX_P95_MS["search" if row.page.search else "page"]
    misses = []
    if ratio < MIN_RATIO[kind]:
        misses.append(f"< {MIN_RATIO[kind]:.0%} of ceiling")
    if p95 >= max_p95:
        misses.append(f"p95 ≥ {max_p95:.0f} ms")
    return "yes" if not misses else "no: " + ", ".join(misses)


def results_table(rows: list[Row]) -> str:
    header = [
        "page",
        "viewer",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "SQL",
        "HTML KB",
        "% of ceiling",
        "meets targets",
    ]
    lines = []
    for row in rows:
        r = row.result
        if r is None:  # the page answered an error before wrk's turn
            cells = [row.page.label, row.viewer, *["–"] * 7, verdict(row)]
            lines.append(cells)
            continue
        lines.append(
            [
                row.page.label,
                row.viewer,
                f"{r['rps']:.1f}",
                f"{r['p50_ms']:.1f}",
                f"{r['p95_ms']:.1f}",
                f"{r['p99_ms']:.1f}",
                str(row.queries) + (f" ({len(row.writes)} w)" if row.writes else ""),
                f"{row.kb:.1f}",
                f"{r['rps'] / row.ceiling:.1%}",
                verdict(row),
            ]
        )
    return markdown_table(header, lines, right=set(range(2, 9)))


def report(
    args, *, name, sizes, member, cohort, rows, ceilings, started, load_at_start
) -> str:
    seeded = (
        "as found (--no-seed)" if args.no_seed else f"seed_demo --scale {args.scale}"
    )
    data = ", ".join(f"{n:,} {what}" for what, n in sizes.items())
    lines = [
        f"# Load benchmark, {started:%Y-%m-%d %H:%M %Z}",
        "",
        f"- Machine: {machine(load_at_start)}",
        f"- Server: gunicorn, {args.workers} sync workers, production settings "
        "(debug off, manifest static files, PostgreSQL pool, Redis cache and "
        "sessions) on plain HTTP; whole-page cache "
        + ("off (--no-page-cache)" if args.no_page_cache else "on"),
        f"- Load: wrk, {args.connections} connections, {args.duration:g} s per run "
        f"after {args.warmup:g} s of warm-up",
        f"- Data: database {name} ({seeded}): {data}",
        f"- Member: @{member.username}, of the cohort {cohort}; guests send no cookie",
        f"- Ceiling ({CEILING}: a tiny Django view behind every middleware): median "
        f"{statistics.median(ceilings):.1f} req/s over {len(ceilings)} runs "
        f"(from {min(ceilings):.1f} to {max(ceilings):.1f}); each row is divided "
        "by the two runs around it",
        "",
        results_table(rows),
        "",
        f"Targets: at least {MIN_RATIO['guest']:.0%} of the ceiling for guests, "
        f"{MIN_RATIO['member']:.0%} for members, {MIN_RATIO['search']:.0%} for "
        f"searches (library searched, site search); p95 under "
        f"{MAX_P95_MS['page']:.0f} ms ({MAX_P95_MS['search']:.0f} ms for searches). "
        "SQL: queries per request in steady state (Django's test client, third "
        "request, with the server's cache: a kept page costs 1 query for a guest "
        'and 2 for a member, its user and its cache key); "w" counts writes '
        "among them. wrk keeps "
        f"{args.connections} requests in flight, so latency is about "
        f"{args.connections} ÷ req/s: mostly the wait in gunicorn's queue.",
        "",
        "Pages:",
        "",
    ]
    seen = set()
    for row in rows:
        if row.page.key not in seen:
            seen.add(row.page.key)
            path = row.page.path
            if len(path) > 160:
                path = f"{path[:160]}…` ({len(path):,} characters in all)"
            else:
                path += "`"
            lines.append(f"- {row.page.label}: `{path}")
    few = [r for r in rows if r.result and r.result["requests"] < FEW_REQUESTS]
    if few:
        lines += [
            "",
            f"Fewer than {FEW_REQUESTS} requests answered, so the percentiles are "
            "rough: "
            + ", ".join(
                f"{r.page.label} ({r.viewer}, {r.result['requests']:.0f})" for r in few
            )
            + ".",
        ]
    writes = [row for row in rows if row.writes]
    if writes:
        lines += ["", "Writes on every request (after two warm-up requests):", ""]
        for row in writes:
            for sql in row.writes:
                lines.append(f"- {row.page.label} ({row.viewer}): `{sql}`")
    return "\n".join(lines) + "\n"


def save(text: str, started: datetime, *, page_cache: bool = True) -> Path:
    RESULTS.mkdir(exist_ok=True)
    latest = RESULTS / ("latest.md" if page_cache else "latest-no-page-cache.md")
    latest.write_text(text)
    (RESULTS / f"{started:%Y-%m-%d-%H%M%S}.md").write_text(text)
    return latest


def main() -> int:
    args = parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench/load.py needs wrk. On Debian or Ubuntu: apt-get install wrk")
    started = datetime.now().astimezone()
    load_at_start = os.getloadavg()[0]
    name = ensure_database(args.database_url, what="its data with seed_demo")
    if not args.no_seed:
        seed(args)
    # Queries are counted here with the server's own cache, so a kept page counts
    # as the server serves it.
    os.environ["CACHE_URL"] = args.cache_url
    configure_django(args.database_url)
    analyze_if_stale()
    sizes = data_sizes()
    member = pick_member()
    cohort = member.cohort_memberships.select_related("cohort__program")[0].cohort
    pages = find_pages(args.pages, cohort)
    rows = [Row(page, viewer) for page in pages for viewer in args.viewers]
    print(f"Database {name}: " + ", ".join(f"{n:,} {w}" for w, n in sizes.items()))
    print(f"Member @{member.username} ({member.email}), cohort {cohort}")
    print("Counting SQL queries per page")
    count_queries(rows, member)
    close_database()

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
            ceilings = measure(args, port, rows, cookies)
        finally:
            stop_server(server)
            flush_cache(args.cache_url)
            if any(row.errors for row in rows):
                print(f"gunicorn's log ends with:\n{log_tail(log)}")

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
