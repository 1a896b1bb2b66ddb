"""What each page costs made afresh, at several sizes of the data side by side.

    make bench-afresh [BENCH_ARGS="--scales medium,large,xlarge --urls 150"]
    .venv/bin/python bench/afresh.py [--scales medium,xlarge] [--no-seed]

make bench's shares mix two things that both change with the size of the data:
what a page costs, and how often a kept copy answers for it. Its URLs are 4,000
drawn at random per category: at medium they name the same few threads again
and again (164 different thread pages for a guest), which the page cache keeps
after their first visit; at xlarge they are 3,434 different pages, most asked
for once in a run. So a guests' thread share that falls from medium to xlarge
says as much about the cache's warmth as about the page.

Here every URL is asked for by nobody before: for each scale, gunicorn (one sync
worker, as in production otherwise) on that scale's database (commons_bench_
<scale>, seeded as make bench seeds it) with a Redis database of its own,
flushed; the first --urls different URLs of each category of make bench's own
draw (bench/random_urls.py, --seed), asked one at a time as a guest and as a
signed-in member, first **made afresh** (no kept page, no kept posts, no kept
library body or search; what every page shares, the site's numbers, the facet
cells, the statements compiled once per process, is made by warm-up requests to
other URLs of the same draw), then **again**, where kept copies answer. The
scales' servers run side by side and are asked in turns, URL by URL (the first
scale in turn moving each time), so that the machine's drift falls on all
alike. The table gives each category's mean time (the client's, one request at
a time) at each scale and the smallest scale's mean divided by the largest's:
how much of its share of the machine a page made afresh keeps as the data grows
(issue 15's target: within 20%, 0.80 or more). The table goes to
bench/results/afresh.md.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import harness
from benchsetup import (
    configure_django,
    default_database_url,
    ensure_database,
    run_main,
)
from random_urls import SHARES, url_lists
from servers import launch

VIEWERS = ("guest", "member")
VISITS = ("afresh", "again")
WARM_URLS = 5  # per category: after the measured ones in the draw
OK = {200, 301, 302}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scales",
        default="medium,large,xlarge",
        help="seed_demo --scale of each, smallest first (default %(default)s)",
    )
    parser.add_argument(
        "--urls", type=int, default=150, help="different URLs per category and viewer"
    )
    parser.add_argument(
        "--no-seed", action="store_true", help="use the databases as they are"
    )
    parser.add_argument("--seed", type=int, default=15, help="of the random URLs")
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379",
        help="Redis server: databases 12, 13, ... one per scale, "
        "flushed (default %(default)s)",
    )
    parser.add_argument("--prepare", metavar="SCALE", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.scales = [s for s in args.scales.split(",") if s]
    if len(args.scales) < 1 or args.urls < 1:
        parser.error("--scales needs a scale and --urls a positive number")
    return args


def server_args(args, scale: str, n: int) -> SimpleNamespace:
    """What bench/harness.py and bench/servers.py read of a scale's server."""
    return SimpleNamespace(
        scale=scale,
        database_url=default_database_url(f"commons_bench_{scale}"),
        cache_url=f"{args.redis}/{12 + n}",
        no_page_cache=False,
        workers=1,
    )


def prepare(args) -> None:
    """In a process of its own (Django reads one database): seed args.prepare's
    database as asked, then write its sizes, a member and the URLs to args.out."""
    scale = server_args(args, args.prepare, 0)
    ensure_database(scale.database_url, what="its data with seed_demo")
    if not args.no_seed:
        harness.seed(scale)
    configure_django(scale.database_url)
    harness.analyze_if_stale()
    from writers import pick_members

    rng = random.Random(args.seed)  # as bench/mix.py draws: guests' first
    drawn = {viewer: url_lists(viewer, rng) for viewer in VIEWERS}
    urls, warm = {}, {}
    for viewer, lists in drawn.items():
        different = {name: list(dict.fromkeys(paths)) for name, paths in lists.items()}
        urls[viewer] = {name: d[: args.urls] for name, d in different.items()}
        warm[viewer] = {
            name: d[args.urls : args.urls + WARM_URLS] for name, d in different.items()
        }
    data = {
        "sizes": harness.data_sizes(),
        "database": harness.database_server(),
        "member": pick_members(1)[0].email,
        "urls": urls,
        "warm": warm,
    }
    harness.close_database()
    Path(args.out).write_text(json.dumps(data))


def prepared(args, scale: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [sys.executable, __file__, "--prepare", scale, "--out", out.name,
                   "--seed", str(args.seed), "--urls", str(args.urls)]  # fmt: skip
        if args.no_seed:
            command.append("--no-seed")
        print(f"Preparing {scale}")
        if subprocess.run(command, check=False).returncode:
            sys.exit(f"Preparing commons_bench_{scale} failed.")
        return json.loads(Path(out.name).read_text())


def get(port: int, path: str, cookie: str) -> tuple[float, int]:
    started = time.perf_counter()
    status, _, _ = harness.http_get(port, path, cookie)
    return (time.perf_counter() - started) * 1000, status


def measure(args, data: dict, ports: dict, cookies: dict) -> tuple[dict, list]:
    """Each viewer's URLs of each category made afresh, then again, the scales
    in turns; times by (scale, viewer, category, visit) and the failures."""
    times, failures = {}, []
    for viewer in VIEWERS:
        for name in SHARES:
            for scale in args.scales:  # warm-up: not measured
                for path in data[scale]["warm"][viewer][name]:
                    get(ports[scale], path, cookies[scale][viewer])
            for visit in VISITS:
                count = max(len(data[s]["urls"][viewer][name]) for s in args.scales)
                for i in range(count):
                    turn = i % len(args.scales)
                    for scale in args.scales[turn:] + args.scales[:turn]:
                        paths = data[scale]["urls"][viewer][name]
                        if i >= len(paths):
                            continue
                        ms, status = get(ports[scale], paths[i], cookies[scale][viewer])
                        times.setdefault((scale, viewer, name, visit), []).append(ms)
                        if status not in OK:
                            failures.append(f"{scale} {viewer} {paths[i]}: {status}")
            print(f"  {name} ({viewer}) measured")
    return times, failures


def serve_and_measure(args, data: dict) -> tuple[dict, list]:
    servers = []
    with tempfile.TemporaryDirectory(prefix="commons-afresh-") as tmp:
        tmp = Path(tmp)
        static_root = str(tmp / "static")
        first = server_args(args, args.scales[0], 0)
        harness.manage(
            first, "collectstatic", "--no-input", static_root=static_root, quiet=True
        )
        ports, cookies = {}, {}
        try:
            for n, scale in enumerate(args.scales):
                server = server_args(args, scale, n)
                harness.flush_cache(server.cache_url)
                (tmp / scale).mkdir()
                ports[scale] = harness.free_port()
                print(f"Starting gunicorn (1 worker) for {scale}")
                servers.append(
                    launch(
                        server,
                        "config.wsgi:application",
                        ports[scale],
                        static_root,
                        tmp / scale,
                        False,
                    )
                )
                member = SimpleNamespace(email=data[scale]["member"])
                cookies[scale] = {
                    "guest": "",
                    "member": harness.sign_in(ports[scale], member),
                }
            return measure(args, data, ports, cookies)
        finally:
            for server in servers:
                harness.stop_server(server)
            for n, scale in enumerate(args.scales):
                harness.flush_cache(server_args(args, scale, n).cache_url)


def report(args, data: dict, times: dict, failures: list, started, load) -> str:
    smallest, largest = args.scales[0], args.scales[-1]
    header = ["page", "viewer"]
    header += [f"{scale} afresh / again ms" for scale in args.scales]
    header += [f"{smallest} ÷ {largest} afresh"]
    lines = []
    for viewer in VIEWERS:
        for name in SHARES:
            mean = {
                (scale, visit): statistics.mean(times[(scale, viewer, name, visit)])
                for scale in args.scales
                for visit in VISITS
            }
            row = [name, viewer]
            row += [
                f"{mean[(s, 'afresh')]:.1f} / {mean[(s, 'again')]:.1f}"
                for s in args.scales
            ]
            ratio = mean[(smallest, "afresh")] / mean[(largest, "afresh")]
            row.append(f"{ratio:.2f}" + (" flat" if ratio >= 0.8 else ""))
            lines.append(row)
    sizes = "; ".join(
        f"{scale}: "
        + ", ".join(f"{n:,} {what}" for what, n in data[scale]["sizes"].items())
        for scale in args.scales
    )
    counts = ", ".join(
        f"{name} {len(data[largest]['urls']['guest'][name])}/"
        f"{len(data[largest]['urls']['member'][name])}"
        for name in SHARES
    )
    text = (
        f"# Each page made afresh, by the size of the data ({started:%Y-%m-%d %H:%M})"
        f"\n\n`bench/afresh.py`: {sizes}. gunicorn with one sync worker per scale, "
        "side by side, asked in turns, one request at a time; mean ms per "
        f"request, the client's. Different URLs per category at {largest} "
        f"(guest/member): {counts}.\n\n"
        + harness.markdown_table(header, lines, right=set(range(2, len(header))))
        + "\n\n"
    )
    if failures:
        text += f"Failed requests ({len(failures)}): " + "; ".join(failures[:10])
        text += "\n\n"
    machine = harness.machine(load).split(" (")[0]  # no wrk here
    databases = "; ".join(f"{s}: {data[s]['database']}" for s in args.scales)
    return text + f"Machine: {machine}. {databases}.\n"


def main() -> int:
    args = parse_args()
    if args.prepare:
        prepare(args)
        return 0
    started = datetime.now().astimezone()
    load = os.getloadavg()[0]
    data = {scale: prepared(args, scale) for scale in args.scales}
    configure_django(server_args(args, args.scales[0], 0).database_url)  # sign_in
    times, failures = serve_and_measure(args, data)
    text = report(args, data, times, failures, started, load)
    print()
    print(text)
    harness.RESULTS.mkdir(exist_ok=True)
    (harness.RESULTS / "afresh.md").write_text(text)
    print("Written to bench/results/afresh.md")
    return 1 if failures else 0


if __name__ == "__main__":
    run_main(main)
