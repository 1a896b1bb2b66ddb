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
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from math import ceil
from pathlib import Path
from urllib.parse import urlencode

import harness
from benchsetup import (
    configure_django,
    default_database_url,
    ensure_database,
    run_main,
)

ROOT = harness.ROOT
LUA = ROOT / "bench" / "mix.lua"
CEILING_APP = "bench.ceiling:application"
SHARES = {
    "thread": 0.35,
    "board": 0.15,
    "library": 0.20,
    "resource": 0.15,
    "search": 0.10,
    "other": 0.05,
}
MAX_P95_MS = {"search": 250.0}
DEFAULT_MAX_P95_MS = 150.0
URLS_PER_CATEGORY = 4000
ACCESS_FORMAT = "%(m)s %(s)s %(D)s %({x-cache}o)s %(U)s"
POSTS_PER_PAGE = 50  # community.discussions.views
THREADS_PER_PAGE = 30


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--scale", default="large", help="seed_demo --scale (default %(default)s)")
    add("--no-seed", action="store_true", help="use the database as it is")
    add("--duration", type=int, default=10, metavar="S", help="seconds per run")
    add("--warmup", type=int, default=2, metavar="S", help="seconds before each run")
    add("--connections", type=int, default=16, help="wrk's connections")
    add("--workers", type=int, default=5, help="gunicorn's sync workers")
    add("--members", type=int, default=20, help="signed-in members (and writers)")
    add("--rate", type=float, default=1.0, help="posts (and reactions) per second")
    add(
        "--categories",
        default=",".join(SHARES),
        help="categories loaded one by one (default all); the mix runs after them",
    )
    add("--viewers", default="guest,member", help="guest, member or both")
    add("--no-page-cache", action="store_true", help="serve every page fresh")
    add(
        "--nginx",
        action="store_true",
        help="load the site through nginx with proxy_cache (NGINX_CONFIG), as a "
        "reverse proxy in front of it would (Debian: apt-get install nginx)",
    )
    add("--port", type=int, default=0)
    add("--seed", type=int, default=15, help="of the random URLs")
    add(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="default: commons_bench_<scale> on $DATABASE_URL's server, else on "
        "the project's own PostgreSQL (core/devdb.py)",
    )
    add(
        "--cache-url",
        default=os.environ.get("BENCH_CACHE_URL") or harness.DEFAULT_CACHE_URL,
        help="Redis database for cache and sessions, flushed (default %(default)s)",
    )
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


# --- The URLs ------------------------------------------------------------------


def _vocabulary(rng) -> list[str]:
    """Words that occur in resource and thread titles (4+ letters)."""
    from community.models import Thread
    from resources.models import Resource

    titles = list(
        Resource.objects.published()
        .order_by("?")
        .values_list("title", flat=True)[:3000]
    ) + list(Thread.objects.order_by("?").values_list("title", flat=True)[:2000])
    words = Counter(
        word.lower()
        for title in titles
        for word in re.findall(r"[A-Za-z]{4,}", title)
        if word.lower() not in {"with", "from", "that", "this", "their", "your"}
    )
    common = [word for word, _ in words.most_common(400)]
    if not common:
        sys.exit("No titles in the database to search for.")
    return common


def url_lists(viewer: str, rng: random.Random) -> dict[str, list[str]]:
    """URLS_PER_CATEGORY random paths of each category, for this kind of viewer."""
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Count
    from taggit.models import Tag

    from cohorts.models import Program
    from community.models import Board, Thread
    from resources.models import Collection, Resource

    if viewer == "guest":
        boards = Board.objects.visible_to(AnonymousUser())
    else:
        boards = Board.objects.filter(
            visibility__in=[Board.Visibility.PUBLIC, Board.Visibility.MEMBERS]
        )
    threads = list(
        Thread.objects.filter(board__in=boards).values_list("pk", "slug", "reply_count")
    )
    board_rows = list(boards.values_list("slug", "thread_count"))
    if not threads or not board_rows:
        sys.exit(f"No threads a {viewer} may read in the database.")
    slugs = list(
        Resource.objects.published()
        .order_by("?")
        .values_list("slug", flat=True)[: URLS_PER_CATEGORY * 2]
    )
    topics = list(
        Tag.objects.annotate(n=Count("resources_taggedresource_items"))
        .filter(n__gt=0)
        .order_by("-n")
        .values_list("slug", flat=True)[:40]
    )
    years = list(
        Resource.objects.published()
        .exclude(published_on=None)
        .dates("published_on", "year")
        .values_list("published_on__year", flat=True)
        .distinct()
    ) or [2020]
    kinds = [kind for kind, _ in Resource.Kind.choices]
    words = _vocabulary(rng)
    others = ["/", "/community/", "/resources/collections/", "/cohorts/"]
    others += [c.get_absolute_url() for c in Collection.objects.published()[:5]]
    others += [p.get_absolute_url() for p in Program.objects.all()[:3]]

    def thread():
        pk, slug, replies = rng.choice(threads)
        page = rng.randint(1, max(1, ceil((replies + 1) / POSTS_PER_PAGE)))
        return f"/community/t/{pk}-{slug}/?page={page}"

    def board():
        slug, count = rng.choice(board_rows)
        page = rng.randint(1, max(1, min(20, ceil(count / THREADS_PER_PAGE))))
        return f"/community/{slug}/" + (f"?page={page}" if page > 1 else "")

    def library():
        query = {}
        if rng.random() < 0.5:
            query["kind"] = rng.choice(kinds)
        if rng.random() < 0.5:
            query["topic"] = rng.choice(topics)
        if rng.random() < 0.3:
            query["year"] = rng.choice(years)
        if rng.random() < 0.2:
            query["q"] = rng.choice(words)
        query["sort"] = rng.choice(["new", "title"] + (["relevance"] * ("q" in query)))
        page = rng.choice([1, 1, 1, 2, 3])
        if page > 1:
            query["page"] = page
        return "/resources/?" + urlencode(query)

    def resource():
        return f"/resources/{rng.choice(slugs)}/"

    def search():
        q = " ".join(rng.sample(words, rng.choice([1, 1, 2])))
        return "/search/?" + urlencode({"q": q})

    def other():
        return rng.choice(others)

    makers = {
        "thread": thread,
        "board": board,
        "library": library,
        "resource": resource,
        "search": search,
        "other": other,
    }
    return {
        name: [make() for _ in range(URLS_PER_CATEGORY)]
        for name, make in makers.items()
    }


def mixed(lists: dict[str, list[str]], rng: random.Random) -> list[str]:
    total = URLS_PER_CATEGORY * 3
    return [
        rng.choice(lists[name])
        for name, share in SHARES.items()
        for _ in range(round(total * share))
    ]


def category_of(path: str) -> str:
    if path.startswith("/community/t/"):
        return "thread"
    if (
        path.startswith("/resources/")
        and path.count("/") == 3
        and "?" not in path
        and path not in ("/resources/collections/", "/resources/saved/")
    ):
        return "resource"
    if path.startswith("/resources/?") or path == "/resources/":
        return "library"
    if path.startswith("/search/"):
        return "search"
    if path.startswith("/community/") and path.count("/") == 3:
        return "board" if path != "/community/" else "other"
    return "other"


# --- Members, queries -----------------------------------------------------------


def pick_members(count: int) -> list:
    """Verified members without a staff role, in cohorts (so they read cohort
    boards too), synthetic first; their password is set to bench/harness.py's."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from cohorts.models import CohortMembership

    members = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            is_staff=False,
            groups=None,
            username__startswith=harness.SYNTHETIC_PREFIX,
            cohort_memberships__role__in=CohortMembership.CITY_ROLES,
            emailaddress__verified=True,
            emailaddress__primary=True,
            date_joined__lt=datetime.now().astimezone() - base_timedelta(days=2),
        )
        .distinct()
        .order_by("pk")[:count]
    )
    if len(members) < count:
        sys.exit(f"Only {len(members)} synthetic members; --members {count} asked.")
    password = make_password(harness.BENCH_PASSWORD)
    get_user_model().objects.filter(pk__in=[m.pk for m in members]).update(
        password=password
    )
    for member in members:  # a session keeps a hash of the password it began with
        member.password = password
    return members


def base_timedelta(**kwargs):
    from datetime import timedelta

    return timedelta(**kwargs)


def count_queries(lists: dict, member, rng) -> dict[str, tuple[int, int]]:
    """The fewest and the most SQL queries of five random URLs per category, as
    each page is built (a guest's kept page runs one)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    counts = {}
    # Production's manifest storage needs collectstatic's output; plain storage
    # makes the same queries.
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    # Each page as built, not as kept: the page cache off.
    storages = {**settings_storages(), "staticfiles": static}
    with override_settings(STORAGES=storages, PAGE_CACHE=False):
        for viewer in ("guest", "member"):
            client = Client(raise_request_exception=False)
            if viewer == "member":
                client.force_login(member)
            for name, paths in lists[viewer].items():
                found = []
                for path in rng.sample(paths, 5):
                    client.get(path)  # the first visit may start a session
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(path)
                    if response.status_code == 200:
                        found.append(len(queries))
                counts[viewer, name] = (min(found), max(found)) if found else (0, 0)
    return counts


def settings_storages() -> dict:
    from django.conf import settings

    return dict(settings.STORAGES)


# --- The writer -------------------------------------------------------------------


@dataclass
class Writer:
    """Posts a reply through the form and reacts to a post, --rate times a second,
    each time as the next member."""

    port: int
    rate: float
    cookies: list[str]
    threads: list[tuple[int, list[int]]]  # (thread pk, some post pks)
    reply_path: str = "/community/t/{thread}/reply/"
    react_path: str = "/community/p/{post}/react/"  # "" for no reactions
    body_field: str = "body"
    posted: list[float] = field(default_factory=list)
    reacted: list[float] = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        rng = random.Random(7)
        n = 0
        next_at = time.monotonic()
        while not self.stop.is_set():
            cookie = self.cookies[n % len(self.cookies)]
            token = re.search(r"csrftoken=([^;]+)", cookie).group(1)
            thread, posts = rng.choice(self.threads)
            body = f"Benchmark reply {n} at {time.time():.3f}: " + " ".join(
                rng.sample(["bus", "lanes", "budget", "equity", "housing"], 3)
            )
            self._post(
                self.reply_path.format(thread=thread),
                cookie,
                token,
                **{self.body_field: body},
            )
            if self.react_path:
                self._post(
                    self.react_path.format(post=rng.choice(posts)),
                    cookie,
                    token,
                    kind="helpful",
                    into=self.reacted,
                )
            n += 1
            next_at += 1 / self.rate
            self.stop.wait(max(0.0, next_at - time.monotonic()))

    def _post(self, path, cookie, token, into=None, **data):
        started = time.perf_counter()
        try:
            status, headers, body = harness.http_get(
                self.port, path, cookie, {**data, "csrfmiddlewaretoken": token}
            )
        except OSError as error:
            self.failures[type(error).__name__] += 1
            return
        took = (time.perf_counter() - started) * 1000
        if status != 302:
            self.failures[f"{path.split('/')[-2]} {status}"] += 1
            return
        (self.posted if into is None else into).append(took)


def writer_threads(count: int = 500) -> list[tuple[int, list[int]]]:
    from django.contrib.auth.models import AnonymousUser

    from community.models import Board, Post, Thread

    public = Board.objects.visible_to(AnonymousUser())
    picked = list(
        Thread.objects.filter(board__in=public, is_locked=False)
        .order_by("?")
        .values_list("pk", flat=True)[:count]
    )
    posts = defaultdict(list)
    for thread, post in Post.objects.filter(
        thread__in=picked, is_hidden=False, is_deleted=False
    ).values_list("thread_id", "pk"):
        if len(posts[thread]) < 20:
            posts[thread].append(post)
    return [(thread, posts[thread]) for thread in picked if posts[thread]]


# --- Running ------------------------------------------------------------------------

# What the README shows an operator: nginx keeps guests' pages for as long as their
# Cache-Control says, serves them stale while it asks again, and never keeps a
# response to a request with a cookie (a member's).
NGINX_CONFIG = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  proxy_temp_path {tmp}/nginx-temp;
  proxy_cache_path {tmp}/nginx-cache levels=1:2 keys_zone=pages:10m max_size=256m
                   inactive=10m;
  upstream site {{ server 127.0.0.1:{site}; keepalive 16; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://site;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_cache pages;
      proxy_cache_bypass $http_cookie;
      proxy_no_cache $http_cookie;
      proxy_cache_revalidate on;
      proxy_cache_use_stale updating error timeout;
      proxy_cache_background_update on;
      proxy_cache_lock on;
      add_header X-Proxy-Cache $upstream_cache_status;
    }}
  }}
}}
"""


def launch_nginx(tmp: Path, site: int):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        sys.exit("--nginx needs nginx: apt-get install nginx")
    port = harness.free_port()
    # As root, nginx's workers run as another user (www-data): they need to
    # reach the temporary folder and write their cache in it.
    tmp.chmod(0o711)
    for folder in ("nginx-cache", "nginx-temp"):
        (tmp / folder).mkdir()
        (tmp / folder).chmod(0o777)
    config = tmp / "nginx.conf"
    config.write_text(NGINX_CONFIG.format(tmp=tmp, site=site, port=port))
    server = subprocess.Popen(
        [nginx, "-c", str(config), "-g", "daemon off;"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    if not answers(server, port, "/healthz", {200, 503}):
        sys.exit(f"nginx did not start:\n{harness.log_tail(tmp / 'nginx-error.log')}")
    return server, port


def answers(server, port: int, path: str, statuses: set[int], seconds=60) -> bool:
    """Whether the server, still running, answers path with one of statuses
    within seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if harness.http_get(port, path)[0] in statuses:
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def launch_worker(args, tmp: Path):
    """The site's worker (manage.py run_worker), as production runs it beside
    gunicorn: it works out who hears of each new post, hands their e-mail over
    (to a relay that takes it at once: EMAIL_URL=dummy:) and writes the read
    marks waiting in Redis, on the same two cores as the readers. It first works
    off what earlier runs left queued, so each run starts with it caught up."""
    env = {**harness.server_env(args), "EMAIL_URL": "dummy:"}
    command = [sys.executable, "manage.py", "run_worker"]
    subprocess.run(
        [*command, "--", "--batch"],
        cwd=ROOT,
        env=env,
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    with open(tmp / "worker.log", "w") as log:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def launch(args, app: str, port: int, static_root: str, tmp: Path, access: bool):
    log = tmp / f"{app.split(':')[0]}.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        f"--workers={args.workers}",
        f"--bind=127.0.0.1:{port}",
        "--no-control-socket",
        f"--error-logfile={log}",
        "--log-level=warning",
    ]
    if access:
        command += [f"--access-logfile={tmp / 'access.log'}"]
        command += [f"--access-logformat={ACCESS_FORMAT}"]
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=harness.server_env(args, static_root),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    if not answers(server, port, "/healthz", {200, 404}):
        sys.exit(f"gunicorn ({app}) did not start:\n{harness.log_tail(log)}")
    return server


def wrk(args, port: int, paths: list[str], cookies: list[str], seconds: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as lines:
        lines.write("\n".join(paths))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as jar:
        jar.write("\n".join(cookies))
    try:
        run = subprocess.run(
            [
                "wrk",
                f"--threads={max(1, min(args.connections, os.cpu_count() or 1))}",
                f"--connections={args.connections}",
                f"--duration={seconds}s",
                f"--timeout={harness.WRK_TIMEOUT}",
                f"--script={LUA}",
                f"http://127.0.0.1:{port}/",
            ],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "MIX_PATHS": lines.name, "MIX_COOKIES": jar.name},
        )
    finally:
        os.unlink(lines.name)
        os.unlink(jar.name)
    line = next((x for x in run.stdout.splitlines() if x.startswith("BENCH ")), None)
    if run.returncode or line is None:
        sys.exit(f"wrk failed:\n{run.stdout}\n{run.stderr}")
    return {k: float(v) for k, v in (pair.split("=") for pair in line.split()[1:])}


@dataclass
class Run:
    label: str
    viewer: str
    category: str  # or "mix"
    result: dict | None = None
    ceiling: float = 0.0
    hits: float | None = None
    server_ms: dict = field(default_factory=dict)  # category: (p50, p95) in the mix


def access_since(log: Path, offset: int) -> list[tuple[str, int, float, str, str]]:
    """(method, status, ms, x-cache, path) of each request logged after offset."""
    rows = []
    if not log.exists():
        return rows
    with log.open() as lines:
        lines.seek(offset)
        for line in lines:
            parts = line.split(" ", 4)
            if len(parts) == 5:
                method, status, micros, hit, path = parts
                ms = int(micros) / 1000
                rows.append((method, int(status), ms, hit, path.strip()))
    return rows


def measure(args, port: int, ceiling_port: int, runs: list[Run], lists, cookies, log):
    ceilings: list[float] = []
    pending: list[Run] = []

    def ceiling():
        result = wrk(args, ceiling_port, ["/"], [], max(3, args.duration // 2))
        ceilings.append(result["rps"])
        for run in pending:
            run.ceiling = (ceilings[-2] + ceilings[-1]) / 2
        pending.clear()
        print(f"  {'ceiling (shared)':<28} {result['rps']:9.1f} req/s")

    ceiling()
    for n, run in enumerate(runs, start=1):
        paths = lists[run.viewer]["mix" if run.category == "mix" else run.category]
        jar = cookies[run.viewer]
        if args.warmup:
            wrk(args, port, paths, jar, args.warmup)
            harness.settle(port)
        offset = log.stat().st_size if log.exists() else 0
        run.result = wrk(args, port, paths, jar, args.duration)
        harness.settle(port)
        logged = [row for row in access_since(log, offset) if row[0] == "GET"]
        guests = [row for row in logged if row[3] in ("hit", "miss")]
        if run.viewer == "guest" and guests:
            run.hits = sum(row[3] == "hit" for row in guests) / len(guests)
        elif run.viewer == "member":
            run.hits = sum(row[3] == "hit" for row in logged) / max(1, len(logged))
        if run.category == "mix":
            times = defaultdict(list)
            for row in logged:
                times[category_of(row[4])].append(row[2])
            run.server_ms = {
                name: (statistics.median(ms), percentile(ms, 95))
                for name, ms in times.items()
            }
        r = run.result
        print(
            f"  {run.label:<28} {r['rps']:9.1f} req/s  p95 {r['p95_ms']:7.1f} ms"
            + (f"  errors {int(r['status_errors'])}" if r["status_errors"] else "")
        )
        pending.append(run)
        if n % 2 == 0 or n == len(runs):
            ceiling()
    return ceilings


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


# --- Reporting --------------------------------------------------------------------


def report(args, runs, queries, writer, ceilings, sizes, started, load_at_start):
    header = [
        "page",
        "viewer",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "errors",
        "SQL",
        "cache hits",
        "% of ceiling",
        "p95 target",
    ]
    lines = []
    for run in runs:
        r = run.result
        target = MAX_P95_MS.get(run.category, DEFAULT_MAX_P95_MS)
        sql = queries.get((run.viewer, run.category))
        errors = int(r["status_errors"] + harness.socket_errors(r))
        lines.append(
            [
                run.category,
                run.viewer,
                f"{r['rps']:.1f}",
                f"{r['p50_ms']:.1f}",
                f"{r['p95_ms']:.1f}",
                f"{r['p99_ms']:.1f}",
                str(errors),
                (f"{sql[0]}–{sql[1]}" if sql and sql[0] != sql[1] else str(sql[0]))
                if sql
                else "–",
                "–" if run.hits is None else f"{run.hits:.0%}",
                f"{r['rps'] / run.ceiling:.2%}",
                ("met" if r["p95_ms"] < target else f"missed (< {target:.0f})")
                if run.category != "mix"
                else "",
            ]
        )
    table = harness.markdown_table(header, lines, right=set(range(2, 10)))
    mix_rows = [run for run in runs if run.category == "mix"]
    server = ""
    for run in mix_rows:
        parts = ", ".join(
            f"{name} {p50:.0f}/{p95:.0f}"
            for name, (p50, p95) in sorted(run.server_ms.items())
        )
        server += f"- in the mix as a {run.viewer}, server-side p50/p95 ms: {parts}\n"
    posts = writer.posted
    reacts = writer.reacted
    written = (
        f"- the writer: {len(posts)} replies, p50 {statistics.median(posts):.0f} ms, "
        f"p95 {percentile(posts, 95):.0f} ms; {len(reacts)} reactions, p50 "
        f"{statistics.median(reacts):.0f} ms, p95 {percentile(reacts, 95):.0f} ms"
        if posts and reacts
        else "- the writer posted nothing"
    ) + (f"; failures: {dict(writer.failures)}" if writer.failures else "")
    cache = "off" if args.no_page_cache else "on"
    return (
        f"# Benchmark: random pages of a busy site ({started:%Y-%m-%d %H:%M})\n\n"
        f"`bench/mix.py`, scale {args.scale}: "
        + ", ".join(f"{n:,} {w}" for w, n in sizes.items())
        + f". gunicorn {args.workers} sync workers, wrk {args.connections} "
        f"connections, {args.duration} s per run after {args.warmup} s, "
        f"{args.members} members, a writer at {args.rate:g} posts/s and as many "
        f"reactions, the site's worker running; guests' page cache {cache}"
        + (", nginx with proxy_cache in front" if args.nginx else "")
        + f". Shared ceiling (bare WSGI "
        f'"ok"): {statistics.mean(ceilings):,.0f} req/s on average '
        f"({min(ceilings):,.0f}–{max(ceilings):,.0f}).\n\n"
        f"{table}\n\n{server}{written}\n\n"
        f"Machine: {harness.machine(load_at_start)}.\n"
    )


def main() -> int:
    args = parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench/mix.py needs wrk. On Debian or Ubuntu: apt-get install wrk")
    started = datetime.now().astimezone()
    load_at_start = os.getloadavg()[0]
    rng = random.Random(args.seed)
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

    harness.flush_cache(args.cache_url)
    servers = []
    with tempfile.TemporaryDirectory(prefix="commons-mix-") as tmp:
        tmp = Path(tmp)
        writer = None
        try:
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
            print(f"Signing in {args.members} members")
            jar = [harness.sign_in(port, member) for member in members]
            cookies = {"guest": [], "member": jar}
            writer = Writer(port, args.rate, jar, threads)
            if args.rate > 0:
                threading.Thread(target=writer.run, daemon=True).start()
            runs = [
                Run(f"{category} ({viewer})", viewer, category)
                for viewer in args.viewers
                for category in [*args.categories, "mix"]
            ]
            ceilings = measure(
                args, load_port, ceiling_port, runs, lists, cookies, tmp / "access.log"
            )
        finally:
            if writer:
                writer.stop.set()
            for server in servers:
                harness.stop_server(server)
            harness.flush_cache(args.cache_url)

    text = report(args, runs, queries, writer, ceilings, sizes, started, load_at_start)
    print()
    print(text)
    stem = "mix-no-page-cache" if args.no_page_cache else "mix"
    stem += "-nginx" if args.nginx else ""
    stem += f"-{args.scale}-scale" if args.scale != "large" else ""
    harness.RESULTS.mkdir(exist_ok=True)
    (harness.RESULTS / f"{stem}.md").write_text(text)
    (harness.RESULTS / f"{stem}-{started:%Y%m%d-%H%M%S}.md").write_text(text)
    print(f"Written to bench/results/{stem}.md")
    errors = sum(run.result["status_errors"] for run in runs)
    return 1 if errors or writer.failures else 0


if __name__ == "__main__":
    run_main(main)
