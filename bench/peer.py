"""This project's thread pages beside a peer Django forum's topic pages, in one run.

    make bench-peer [BENCH_ARGS="--duration 10 --repeats 2"]

The peer is django-spirit (bench/peer/requirements.txt), installed in a
virtualenv of its own (bench/peer/.venv) with the project `spirit startproject`
makes (bench/peer/site/, its own defaults), run by bench/peer/settings.py as this
project runs in production: debug off, PostgreSQL (database commons_bench_peer on
the same server as the benchmark's), Redis, gunicorn with the same workers. It is
filled like `seed_demo --scale large` (bench/peer/fill.py: 2,000 members, 5,000
topics, 100,000 comments, 50 per page, as ours).

Both sites serve at once; a writer posts to each through its own reply form at
--rate posts a second (each post by the next of --members members, on a random
thread or topic) all along. Runs alternate: the shared ceiling (bench/ceiling.py,
no framework), this project's random thread pages, the peer's random topic pages
(any topic, any page), as guests and as --members signed-in members, --repeats
times. Each run is divided by the mean of the ceiling runs around it, so the two
sites are compared as shares of one ceiling on the same machine in the same
minutes. The table goes to bench/results/peer.md.
"""

import argparse
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from math import ceil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import harness
from benchsetup import (
    configure_django,
    default_database_url,
    ensure_database,
    run_main,
)
from random_urls import URLS_PER_CATEGORY, url_lists
from servers import CEILING_APP, answers, launch, launch_worker, percentile, wrk
from writers import Writer, pick_members, writer_threads

ROOT = harness.ROOT
PEER = ROOT / "bench" / "peer"
VENV = PEER / ".venv"
SITE = PEER / "site"
PEER_PASSWORD = "peer-bench-member-throwaway-password"  # noqa: S105
PEER_SECRET = secrets.token_urlsafe(50)
POSTS_PER_PAGE = 50


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--scale", default="large", help="this project's seed_demo --scale")
    add("--no-seed", action="store_true", help="use both databases as they are")
    add("--duration", type=int, default=10, metavar="S")
    add("--warmup", type=int, default=2, metavar="S")
    add("--repeats", type=int, default=2, help="rounds of the alternating runs")
    add("--connections", type=int, default=16)
    add("--workers", type=int, default=5)
    add("--members", type=int, default=20)
    add("--rate", type=float, default=1.0, help="posts a second, to each site")
    add("--no-page-cache", action="store_true", help="this project's, for guests")
    add("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    add(
        "--cache-url",
        default=os.environ.get("BENCH_CACHE_URL") or harness.DEFAULT_CACHE_URL,
    )
    add("--peer-cache-url", default="redis://127.0.0.1:6379/12")
    args = parser.parse_args()
    args.database_url = args.database_url or default_database_url(
        f"commons_bench_{args.scale}"
    )
    if args.no_page_cache:
        os.environ["DJANGO_PAGE_CACHE"] = "0"
    args.ceiling_every = 2
    args.pages = []
    return args


# --- The peer ---------------------------------------------------------------------


def run(command: list, **kwargs) -> None:
    done = subprocess.run(command, check=False, **kwargs)
    if done.returncode:
        sys.exit(f"Failed: {' '.join(map(str, command))}")


def ensure_venv() -> None:
    python = VENV / "bin" / "python"
    marker = VENV / ".requirements"
    wanted = (PEER / "requirements.txt").read_text()
    if python.exists() and marker.exists() and marker.read_text() == wanted:
        return
    print("Installing the peer (django-spirit) in bench/peer/.venv")
    finder = subprocess.run(
        [ROOT / "scripts" / "find-python"], capture_output=True, text=True, check=False
    )
    if finder.returncode:
        sys.exit(finder.stderr.strip())
    uv = Path(sys.executable).parent / "uv"
    run([uv, "venv", "-q", "--allow-existing", "-p", finder.stdout.strip(), VENV])
    env = {**os.environ, "VIRTUAL_ENV": str(VENV)}
    run([uv, "pip", "install", "-q", "-r", PEER / "requirements.txt"], env=env)
    marker.write_text(wanted)


def ensure_site() -> None:
    if (SITE / "peer" / "manage.py").exists():
        return
    SITE.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PATH": f"{VENV / 'bin'}:{os.environ['PATH']}"}
    run([VENV / "bin" / "spirit", "startproject", "peer"], cwd=SITE, env=env)


def peer_env(args, database_url: str, static_root: str = "") -> dict:
    parts = urlsplit(database_url)
    # As written (a socket's folder is quoted, and hostname would lower its case).
    host = unquote(parts.netloc.rsplit("@", 1)[-1].rsplit(":", 1)[0])
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings",
        "PYTHONPATH": f"{PEER}:{SITE / 'peer'}",
        "PEER_SECRET_KEY": PEER_SECRET,
        "PEER_DATABASE_NAME": parts.path.lstrip("/"),
        "PEER_DATABASE_HOST": host,
        "PEER_DATABASE_PORT": str(parts.port or 5432),
        "PEER_DATABASE_USER": parts.username or "postgres",
        "PEER_CACHE_URL": args.peer_cache_url,
        "PEER_PASSWORD": PEER_PASSWORD,
        "PEER_STATIC_ROOT": static_root or str(SITE / "static"),
        "PYTHONUNBUFFERED": "1",
        "PYTHONWARNINGS": "ignore",  # its dependencies' old escape sequences
    }
    for name in ("DATABASE_URL", "DJANGO_DEBUG", "VIRTUAL_ENV"):
        env.pop(name, None)
    return env


def peer_database_url(args) -> str:
    parts = urlsplit(args.database_url)
    return parts._replace(path="/commons_bench_peer").geturl()


def prepare_peer(args) -> str:
    ensure_venv()
    ensure_site()
    url = peer_database_url(args)
    ensure_database(url, what="the peer's data")
    env = peer_env(args, url)
    python = VENV / "bin" / "python"
    print("Migrating and filling the peer (skipped when its data is there)")
    run([python, SITE / "peer" / "manage.py", "migrate", "--no-input", "-v0"], env=env)
    run([python, PEER / "fill.py"], env=env)
    return url


def launch_peer(args, port: int, url: str, tmp: Path):
    log = tmp / "peer.log"
    server = subprocess.Popen(
        [
            VENV / "bin" / "gunicorn",
            "peer.wsgi:application",
            f"--workers={args.workers}",
            f"--bind=127.0.0.1:{port}",
            "--no-control-socket",
            f"--error-logfile={log}",
            "--log-level=warning",
        ],
        cwd=SITE / "peer",
        env=peer_env(args, url),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    if not answers(server, port, "/user/login/", {200}):
        sys.exit(f"The peer did not start:\n{harness.log_tail(log)}")
    return server


def peer_sessions(args, url: str) -> list[str]:
    """Cookie headers of --members signed-in members (bench/peer/sessions.py)."""
    done = subprocess.run(
        [VENV / "bin" / "python", PEER / "sessions.py", str(args.members)],
        env=peer_env(args, url),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"Could not sign the peer's members in:\n{done.stderr}")
    return done.stdout.split("\n")[: args.members]


def peer_topics(url: str, rng: random.Random, count: int) -> tuple[list[str], list]:
    """Random topic pages, and (topic, [comment ids]) for the writer."""
    import psycopg

    with psycopg.connect(url) as conn:
        topics = conn.execute(
            "SELECT id, slug, comment_count FROM spirit_topic_topic"
        ).fetchall()
        some = rng.sample(topics, min(500, len(topics)))
        comments = conn.execute(
            "SELECT topic_id, min(id) FROM spirit_comment_comment"
            " WHERE topic_id = ANY(%s) GROUP BY topic_id",
            [[t[0] for t in some]],
        ).fetchall()
    paths = []
    for _ in range(count):
        pk, slug, comments_count = rng.choice(topics)
        page = rng.randint(1, max(1, ceil(comments_count / POSTS_PER_PAGE)))
        paths.append(f"/topic/{pk}/{slug}/?page={page}")
    return paths, [(topic, [first]) for topic, first in comments]


# --- Running ------------------------------------------------------------------------


def main() -> int:
    args = parse_args()
    started = datetime.now().astimezone()
    load_at_start = os.getloadavg()[0]
    rng = random.Random(15)
    peer_url = prepare_peer(args)
    ensure_database(args.database_url, what="its data with seed_demo")
    if not args.no_seed:
        harness.seed(args)
    os.environ["CACHE_URL"] = args.cache_url
    configure_django(args.database_url)
    harness.analyze_if_stale()
    members = pick_members(args.members)
    ours = {v: url_lists(v, rng)["thread"] for v in ("guest", "member")}
    our_threads = writer_threads()
    harness.close_database()
    peer_paths, peer_threads = peer_topics(peer_url, rng, URLS_PER_CATEGORY)
    sizes = base_sizes(args.database_url, peer_url)

    harness.flush_cache(args.cache_url)
    harness.flush_cache(args.peer_cache_url)
    servers, writers = [], []
    with tempfile.TemporaryDirectory(prefix="commons-peer-") as tmp:
        tmp = Path(tmp)
        try:
            static_root = str(tmp / "static")
            harness.manage(
                args, "collectstatic", "--no-input", static_root=static_root, quiet=True
            )
            port, peer_port, ceiling_port = (harness.free_port() for _ in range(3))
            servers.append(
                launch(args, "config.wsgi:application", port, static_root, tmp, 0)
            )
            servers.append(launch_worker(args, tmp))
            servers.append(launch_peer(args, peer_port, peer_url, tmp))
            servers.append(launch(args, CEILING_APP, ceiling_port, "", tmp, 0))
            print(f"Signing in {args.members} members on each site")
            our_jar = [harness.sign_in(port, member) for member in members]
            peer_jar = peer_sessions(args, peer_url)
            writers = [
                Writer(port, args.rate, our_jar, our_threads, react_path=""),
                Writer(
                    peer_port,
                    args.rate,
                    peer_jar,
                    peer_threads,
                    reply_path="/comment/{thread}/publish/",
                    react_path="",
                    body_field="comment",
                ),
            ]
            for writer in writers:
                if args.rate > 0:
                    threading.Thread(target=writer.run, daemon=True).start()
            sites = {
                "this project": (port, ours, {"guest": [], "member": our_jar}),
                "django-spirit": (
                    peer_port,
                    {"guest": peer_paths, "member": peer_paths},
                    {"guest": [], "member": peer_jar},
                ),
            }
            results = measure(args, sites, ceiling_port)
        finally:
            for writer in writers:
                writer.stop.set()
            for server in servers:
                harness.stop_server(server)
            harness.flush_cache(args.cache_url)
            harness.flush_cache(args.peer_cache_url)
    text = report(args, results, writers, sizes, started, load_at_start)
    print()
    print(text)
    harness.RESULTS.mkdir(exist_ok=True)
    (harness.RESULTS / "peer.md").write_text(text)
    (harness.RESULTS / f"peer-{started:%Y%m%d-%H%M%S}.md").write_text(text)
    print("Written to bench/results/peer.md")
    failures = sum(sum(writer.failures.values()) for writer in writers)
    return 1 if failures else 0


def base_sizes(ours: str, peer: str) -> dict[str, str]:
    import psycopg

    def counts(url, threads, posts, users):
        with psycopg.connect(url) as conn:
            return [
                conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
                for table in (threads, posts, users)
            ]

    a = counts(ours, "community_thread", "community_post", "auth_user")
    b = counts(peer, "spirit_topic_topic", "spirit_comment_comment", "auth_user")
    return {
        "this project": f"{a[0]:,} threads, {a[1]:,} posts, {a[2]:,} members",
        "django-spirit": f"{b[0]:,} topics, {b[1]:,} comments, {b[2]:,} members",
    }


def measure(args, sites: dict, ceiling_port: int) -> dict:
    """{(site, viewer): [(result, ceiling)]}, alternating the sites."""
    ceilings: list[float] = []
    pending: list[dict] = []
    results: dict = {}

    def ceiling():
        result = wrk(args, ceiling_port, ["/"], [], max(3, args.duration // 2))
        ceilings.append(result["rps"])
        for entry in pending:
            entry["ceiling"] = (ceilings[-2] + ceilings[-1]) / 2
        pending.clear()
        print(f"  {'ceiling (shared)':<30} {result['rps']:9.1f} req/s")

    ceiling()
    for _round in range(args.repeats):
        for viewer in ("guest", "member"):
            for name, (port, paths, jars) in sites.items():
                if args.warmup:
                    wrk(args, port, paths[viewer], jars[viewer], args.warmup)
                    time.sleep(1)  # what wrk left queued is answered
                result = wrk(args, port, paths[viewer], jars[viewer], args.duration)
                time.sleep(1)
                entry = {"result": result, "ceiling": 0.0}
                results.setdefault((name, viewer), []).append(entry)
                pending.append(entry)
                print(
                    f"  {name + ' (' + viewer + ')':<30} {result['rps']:9.1f} req/s"
                    f"  p95 {result['p95_ms']:7.1f} ms"
                    + (
                        f"  errors {int(result['status_errors'])}"
                        if result["status_errors"]
                        else ""
                    )
                )
            ceiling()
    return results


def report(args, results, writers, sizes, started, load_at_start) -> str:
    header = [
        "random thread / topic pages",
        "viewer",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "errors",
        "% of ceiling",
    ]
    lines, shares = [], {}
    for (name, viewer), entries in results.items():
        share = statistics.mean(e["result"]["rps"] / e["ceiling"] for e in entries)
        shares[name, viewer] = share

        def mean(key, entries=entries):
            return statistics.mean(e["result"][key] for e in entries)

        errors = sum(
            e["result"]["status_errors"] + harness.socket_errors(e["result"])
            for e in entries
        )
        lines.append(
            [
                name,
                viewer,
                f"{mean('rps'):.1f}",
                f"{mean('p50_ms'):.1f}",
                f"{mean('p95_ms'):.1f}",
                f"{mean('p99_ms'):.1f}",
                str(int(errors)),
                f"{share:.2%}",
            ]
        )
    lines.sort(key=lambda line: (line[1], line[0] != "this project"))
    table = harness.markdown_table(header, lines, right=set(range(2, 8)))
    ratios = "; ".join(
        f"{viewer}s {ours / shares['django-spirit', viewer]:.2f}×"
        for viewer in ("guest", "member")
        if (ours := shares.get(("this project", viewer)))
        and ("django-spirit", viewer) in shares
    )
    writing = []
    for name, writer in zip(("this project", "django-spirit"), writers, strict=True):
        posted = writer.posted
        writing.append(
            f"{name}: {len(posted)} posts, p50 {statistics.median(posted):.0f} ms, "
            f"p95 {percentile(posted, 95):.0f} ms"
            + (f", failures {dict(writer.failures)}" if writer.failures else "")
            if posted
            else f"{name}: no post ({dict(writer.failures)})"
        )
    cache = "off" if args.no_page_cache else "on"
    return (
        f"# This project beside django-spirit ({started:%Y-%m-%d %H:%M})\n\n"
        f"`bench/peer.py`: {sizes['this project']}; django-spirit 0.14.3: "
        f"{sizes['django-spirit']}; {POSTS_PER_PAGE} posts per page on both. "
        f"gunicorn {args.workers} sync workers each, wrk {args.connections} "
        f"connections, {args.repeats} × {args.duration} s per row, alternating; a "
        f"writer posting {args.rate:g}/s to each site through its reply form "
        f"(this project's worker running, as it does in production); "
        f"{args.members} members signed in on each; this project's guest page "
        f"cache {cache}. Shares of one ceiling (bench/ceiling.py, no framework).\n\n"
        f"{table}\n\nThis project ÷ peer, as shares of the ceiling: {ratios}.\n\n"
        f"Writers: {'; '.join(writing)}.\n\n"
        f"Machine: {harness.machine(load_at_start)}.\n"
    )


if __name__ == "__main__":
    run_main(main)
