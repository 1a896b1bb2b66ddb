"""bench/load.py's report: the table, the verdict on each row, the files."""

import statistics
from datetime import datetime
from pathlib import Path

from harness import (
    CEILING,
    RESULTS,
    TIMING_COLUMNS,
    machine,
    markdown_table,
)
from page_list import FEW_REQUESTS, Row

# Share of the ceiling's requests per second, and p95 in ms, a page should reach.
MAX_P95_MS = {"page": 100.0, "search": 150.0}
MIN_RATIO = {"guest": 0.06, "member": 0.04, "search": 0.02}


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
        *TIMING_COLUMNS,
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
        _targets(args.connections),
        "",
        "Pages:",
        "",
        *_page_paths(rows),
        *_notes(rows),
    ]
    return "\n".join(lines) + "\n"


def _targets(connections: int) -> str:
    """The paragraph under the table: the targets, and how to read SQL and p95."""
    return (
        f"Targets: at least {MIN_RATIO['guest']:.0%} of the ceiling for guests, "
        f"{MIN_RATIO['member']:.0%} for members, {MIN_RATIO['search']:.0%} for "
        f"searches (library searched, site search); p95 under "
        f"{MAX_P95_MS['page']:.0f} ms ({MAX_P95_MS['search']:.0f} ms for searches). "
        "SQL: queries per request in steady state (Django's test client, third "
        "request, with the server's cache: a kept page costs 1 query for a guest "
        'and 2 for a member, its user and its cache key); "w" counts writes '
        "among them. wrk keeps "
        f"{connections} requests in flight, so latency is about "
        f"{connections} ÷ req/s: mostly the wait in gunicorn's queue."
    )


def _page_paths(rows: list[Row]) -> list[str]:
    """Each page's path once, cut after 160 characters."""
    lines = []
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
    return lines


def _notes(rows: list[Row]) -> list[str]:
    """The rows whose percentiles are rough, and the pages' writes, if any."""
    lines = []
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
    return lines


def save(text: str, started: datetime, *, page_cache: bool = True) -> Path:
    RESULTS.mkdir(exist_ok=True)
    latest = RESULTS / ("latest.md" if page_cache else "latest-no-page-cache.md")
    latest.write_text(text)
    (RESULTS / f"{started:%Y-%m-%d-%H%M%S}.md").write_text(text)
    return latest
