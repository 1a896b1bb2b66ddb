"""bench/peer.py's report: this project and the peer side by side, as shares of
one ceiling."""

import statistics

import harness
from peer_site import POSTS_PER_PAGE
from servers import percentile


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


def report(args, results, writers, sizes, started, load_at_start) -> str:
    header = [
        "random thread / topic pages",
        "viewer",
        *harness.TIMING_COLUMNS,
        "errors",
        "% of ceiling",
    ]
    lines, shares = _lines(results)
    table = harness.markdown_table(header, lines, right=set(range(2, 8)))
    ratios = "; ".join(
        f"{viewer}s {ours / shares['django-spirit', viewer]:.2f}×"
        for viewer in ("guest", "member")
        if (ours := shares.get(("this project", viewer)))
        and ("django-spirit", viewer) in shares
    )
    return (
        f"{_heading(args, sizes, started)}\n\n"
        f"{table}\n\nThis project ÷ peer, as shares of the ceiling: {ratios}.\n\n"
        f"Writers: {_writing(writers)}.\n\n"
        f"Machine: {harness.machine(load_at_start)}; "
        f"{harness.database_server()}.\n"
    )


def _lines(results) -> tuple[list[list[str]], dict]:
    """The table's rows, ours before the peer's for each viewer, and each
    (site, viewer)'s mean share of the ceiling."""
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
    return lines, shares


def _writing(writers) -> str:
    """What each site's writer posted, and how fast."""
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
    return "; ".join(writing)


def _heading(args, sizes, started) -> str:
    """The title and the paragraph on both sites' data, the servers and the load."""
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
        f"cache {cache}. Shares of one ceiling (bench/ceiling.py, no framework)."
    )
