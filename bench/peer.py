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
import tempfile
import time
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
from peer_report import base_sizes, report
from peer_site import launch_peer, peer_sessions, peer_topics, prepare_peer
from random_urls import URLS_PER_CATEGORY, url_lists
from servers import CEILING_APP, launch, launch_worker, wrk
from writers import Writer, pick_members, writer_threads


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


@dataclass
class Prepared:
    """What the runs need from both databases, read before the servers start."""

    peer_url: str
    members: list  # ours, signed in for the member runs; our writer posts as them
    ours: dict[str, list[str]]  # viewer -> this project's random thread paths
    our_threads: list  # our writer's threads
    peer_paths: list[str]  # the peer's random topic paths
    peer_threads: list  # the peer's writer's topics
    sizes: dict[str, str]


def prepare(args, rng: random.Random) -> Prepared:
    """Install and fill the peer; create, migrate and seed our database as
    asked; pick the members and draw both sites' random URLs."""
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
    return Prepared(
        peer_url, members, ours, our_threads, peer_paths, peer_threads, sizes
    )


def start_servers(args, data: Prepared, tmp: Path, servers: list):
    """Collect our static files and start our gunicorn, our worker, the peer's
    gunicorn and the ceiling's, each added to *servers* as it starts. Return
    our port, the peer's and the ceiling's."""
    static_root = str(tmp / "static")
    harness.manage(
        args, "collectstatic", "--no-input", static_root=static_root, quiet=True
    )
    port, peer_port, ceiling_port = (harness.free_port() for _ in range(3))
    servers.append(launch(args, "config.wsgi:application", port, static_root, tmp, 0))
    servers.append(launch_worker(args, tmp))
    servers.append(launch_peer(args, peer_port, data.peer_url, tmp))
    servers.append(launch(args, CEILING_APP, ceiling_port, "", tmp, 0))
    return port, peer_port, ceiling_port


def serve_and_measure(args, data: Prepared) -> tuple[dict, list[Writer]]:
    """Start the servers, sign the members in on each site, start the writers
    and measure; stop everything whatever happens. Return the results (see
    measure) and the writers."""
    harness.flush_cache(args.cache_url)
    harness.flush_cache(args.peer_cache_url)
    servers, writers = [], []
    with tempfile.TemporaryDirectory(prefix="commons-peer-") as tmp:
        try:
            port, peer_port, ceiling_port = start_servers(
                args, data, Path(tmp), servers
            )
            print(f"Signing in {args.members} members on each site")
            our_jar = [harness.sign_in(port, member) for member in data.members]
            peer_jar = peer_sessions(args, data.peer_url)
            writers = [
                Writer(port, args.rate, our_jar, data.our_threads, react_path=""),
                Writer(
                    peer_port,
                    args.rate,
                    peer_jar,
                    data.peer_threads,
                    reply_path="/comment/{thread}/publish/",
                    react_path="",
                    body_field="comment",
                ),
            ]
            for writer in writers:
                writer.start()
            peer_paths = {"guest": data.peer_paths, "member": data.peer_paths}
            sites = {
                "this project": (port, data.ours, {"guest": [], "member": our_jar}),
                "django-spirit": (
                    peer_port,
                    peer_paths,
                    {"guest": [], "member": peer_jar},
                ),
            }
            results = measure(args, sites, ceiling_port)
        finally:
            for writer in writers:
                writer.finish()
            for server in servers:
                harness.stop_server(server)
            harness.flush_cache(args.cache_url)
            harness.flush_cache(args.peer_cache_url)
    return results, writers


def main() -> int:
    args = parse_args()
    started = datetime.now().astimezone()
    load_at_start = os.getloadavg()[0]
    data = prepare(args, random.Random(15))
    results, writers = serve_and_measure(args, data)
    text = report(args, results, writers, data.sizes, started, load_at_start)
    print()
    print(text)
    harness.RESULTS.mkdir(exist_ok=True)
    (harness.RESULTS / "peer.md").write_text(text)
    (harness.RESULTS / f"peer-{started:%Y%m%d-%H%M%S}.md").write_text(text)
    print("Written to bench/results/peer.md")
    failures = sum(sum(writer.failures.values()) for writer in writers)
    return 1 if failures else 0


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


if __name__ == "__main__":
    run_main(main)
