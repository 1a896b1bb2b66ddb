"""The benchmark's report: per category req/s, p50/p95/p99, errors, SQL,
cache hits and the share of the ceiling; the server's own times; the writer."""

import statistics
from datetime import datetime
from pathlib import Path

import harness
from servers import (
    percentile,
)

MAX_P95_MS = {"search": 250.0}
DEFAULT_MAX_P95_MS = 150.0


def report(args, runs, queries, writer, ceilings, sizes, started, load_at_start):
    header = [
        "page",
        "viewer",
        *harness.TIMING_COLUMNS,
        "errors",
        "SQL",
        "cache hits",
        "% of ceiling",
        "p95 target",
    ]
    lines = [_line(run, queries.get((run.viewer, run.category))) for run in runs]
    table = harness.markdown_table(header, lines, right=set(range(2, 10)))
    return (
        f"{_heading(args, ceilings, sizes, started)}\n\n"
        f"{table}\n\n{_server_times(runs)}{_writer_line(writer)}\n\n"
        f"Machine: {harness.machine(load_at_start)}; "
        f"{harness.database_server()}.\n"
    )


def _line(run, sql: tuple[int, int] | None) -> list[str]:
    """A run's row of the table; *sql* is its category's fewest and most queries."""
    r = run.result
    target = MAX_P95_MS.get(run.category, DEFAULT_MAX_P95_MS)
    errors = int(r["status_errors"] + harness.socket_errors(r))
    return [
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


def _server_times(runs) -> str:
    """The mix runs' server-side p50/p95 per category, a line per viewer."""
    server = ""
    for run in runs:
        if run.category != "mix":
            continue
        parts = ", ".join(
            f"{name} {p50:.0f}/{p95:.0f}"
            for name, (p50, p95) in sorted(run.server_ms.items())
        )
        server += f"- in the mix as a {run.viewer}, server-side p50/p95 ms: {parts}\n"
    return server


def _writer_line(writer) -> str:
    posts = writer.posted
    reacts = writer.reacted
    return (
        f"- the writer: {len(posts)} replies, p50 {statistics.median(posts):.0f} ms, "
        f"p95 {percentile(posts, 95):.0f} ms; {len(reacts)} reactions, p50 "
        f"{statistics.median(reacts):.0f} ms, p95 {percentile(reacts, 95):.0f} ms"
        if posts and reacts
        else "- the writer posted nothing"
    ) + (f"; failures: {dict(writer.failures)}" if writer.failures else "")


def _heading(args, ceilings, sizes, started) -> str:
    """The title and the paragraph on the data, the servers, the load and the
    shared ceiling."""
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
        f"({min(ceilings):,.0f}–{max(ceilings):,.0f})."
    )


def save(args, text: str, started: datetime) -> Path:
    """Write bench/results/mix*.md, named after the options, and a dated copy;
    return the first."""
    stem = "mix-no-page-cache" if args.no_page_cache else "mix"
    stem += "-nginx" if args.nginx else ""
    stem += f"-{args.scale}-scale" if args.scale != "large" else ""
    harness.RESULTS.mkdir(exist_ok=True)
    latest = harness.RESULTS / f"{stem}.md"
    latest.write_text(text)
    (harness.RESULTS / f"{stem}-{started:%Y%m%d-%H%M%S}.md").write_text(text)
    return latest
