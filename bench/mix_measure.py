"""bench/mix.py's runs: each category's random URLs loaded by wrk, the shared
ceiling measured between every two runs, the page cache's hits and the
server's own times read from gunicorn's access log."""

import statistics
from collections import defaultdict

import harness
from random_urls import category_of
from servers import Run, access_since, percentile, wrk


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
