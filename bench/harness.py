"""What the HTTP benchmarks share (load.py, mix.py, peer.py): the server's
environment, gunicorn started and stopped, the database seeded, signing in
over HTTP, waiting for a quiet server, and the report's table and machine line."""

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent


CEILING = "/bench/ceiling/"
RESULTS = ROOT / "bench" / "results"


DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/11"


SYNTHETIC_PREFIX = "synthetic-"  # seed_demo --scale's members (seed_scale/members.py)


SECRET_KEY = secrets.token_urlsafe(50)  # the server's, new on every run


BENCH_PASSWORD = "bench-load-member-throwaway-password"  # noqa: S105


WRK_TIMEOUT = "10s"  # well over any page's latency: a timeout is an error
HTTP_TIMEOUT = 30  # seconds: a request of the benchmark's own (sign-in, writer)


def server_env(args, static_root: str = "") -> dict[str, str]:
    """The environment of manage.py and gunicorn: production, on plain HTTP."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": args.database_url,
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        # No proxy in front: allauth's rate limits read the client's own address.
        "DJANGO_TRUSTED_PROXY_COUNT": "0",
        "CACHE_URL": args.cache_url,
        "DJANGO_LOG_LEVEL": "WARNING",
        "BENCH_STATIC_ROOT": static_root,
        "PYTHONUNBUFFERED": "1",
        "DJANGO_PAGE_CACHE": "0" if args.no_page_cache else "1",
    }
    env.pop("DJANGO_DEBUG", None)
    return env


def manage(args, *command: str, static_root: str = "", quiet=False) -> None:
    run = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=server_env(args, static_root),
        stdout=subprocess.PIPE if quiet else None,
        stderr=subprocess.STDOUT if quiet else None,
        text=True,
        check=False,
    )
    if run.returncode:
        if quiet:
            print(run.stdout)
        sys.exit(f"manage.py {' '.join(command)} failed.")


def seed(args) -> None:
    print("Migrating and seeding (seed_demo skips what is there)")
    started = time.perf_counter()
    manage(args, "migrate", "--no-input", quiet=True)
    manage(args, "seed_demo", "--scale", args.scale)
    print(f"  took {time.perf_counter() - started:.1f} s")


def analyze_if_stale() -> None:
    """Refresh the planner's statistics when a table changed much since the last
    ANALYZE (autovacuum may be off on a development server)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT count(*) FROM pg_stat_user_tables
            WHERE n_mod_since_analyze > 50 + n_live_tup / 10
               OR (last_analyze IS NULL AND last_autoanalyze IS NULL
                   AND n_live_tup > 0)"""
        )
        (stale,) = cursor.fetchone()
        if stale:
            print(f"ANALYZE ({stale} tables changed since their statistics)")
            cursor.execute("ANALYZE")


def data_sizes() -> dict[str, int]:
    from django.contrib.auth import get_user_model

    from community.models import Post, Thread
    from resources.models import Resource

    return {
        "members": get_user_model().objects.filter(is_active=True).count(),
        "published resources": Resource.objects.published().count(),
        "threads": Thread.objects.count(),
        "posts": Post.objects.count(),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flush_cache(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url).flushdb()
    except redis.RedisError as error:
        sys.exit(f"Cannot flush the Redis cache at {url}: {error}")


def launch_server(args, port: int, static_root: str, log: Path):
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        f"--workers={args.workers}",
        f"--bind=127.0.0.1:{port}",
        "--no-control-socket",
        f"--error-logfile={log}",
        "--log-level=warning",
    ]
    # A session of its own, so that Ctrl-C reaches this script (which stops the
    # server in order) and not the server directly.
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=server_env(args, static_root),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_for_server(server, port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if http_get(port, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"gunicorn did not start on port {port}:\n{log_tail(log)}")


def log_tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text().splitlines()[-lines:]) if log.exists() else ""


def stop_server(server) -> None:
    if server is None or server.poll() is not None:
        return
    server.terminate()  # gunicorn's master stops its workers
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)  # the group it leads, nothing else
        server.wait()


def http_get(port: int, path: str, cookie: str = "", data: dict | None = None):
    """(status, headers, body) of one request, redirects not followed."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HTTP_TIMEOUT)
    headers = {"Cookie": cookie} if cookie else {}
    body = None
    if data is not None:
        body = urlencode(data)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request("POST" if data is not None else "GET", path, body, headers)
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def cookies_from(headers, jar: dict[str, str]) -> None:
    """Keep the cookies a response sets, and forget those it deletes, as a
    browser does."""
    for header in headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            if morsel.value and morsel["max-age"] != "0":
                jar[name] = morsel.value
            else:
                jar.pop(name, None)


def sign_in(port: int, member) -> str:
    """Sign in through allauth's form; return the Cookie header that keeps it."""
    from django.conf import settings

    jar: dict[str, str] = {}
    status, headers, body = http_get(port, "/accounts/login/")
    cookies_from(headers, jar)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or token is None or settings.CSRF_COOKIE_NAME not in jar:
        sys.exit(f"The login page answered {status} without a CSRF token and cookie.")
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    data = {
        "login": member.email,
        "password": BENCH_PASSWORD,
        "csrfmiddlewaretoken": token.group(1).decode(),
    }
    status, headers, body = http_get(port, "/accounts/login/", cookie, data)
    cookies_from(headers, jar)
    if status != 302 or settings.SESSION_COOKIE_NAME not in jar:
        sys.exit(
            f"Signing in as {member.email} failed: {status} "
            f"{headers.get('Location', '')}\n{body[:2000].decode(errors='replace')}"
        )
    # Follow the redirect as a browser does: the page shows "Signed in" once and
    # the message's cookie goes, so the timed requests carry no message.
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    status, headers, body = http_get(port, headers["Location"], cookie)
    cookies_from(headers, jar)
    if status != 200:
        sys.exit(f"The page after signing in answered {status}.")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def settle(port: int) -> None:
    """Wait until the server has worked off the requests wrk left queued when it
    stopped (gunicorn still answers them), so they do not slow the next run."""
    deadline = time.monotonic() + 120
    quick = 0
    while quick < 2 and time.monotonic() < deadline:
        started = time.monotonic()
        http_get(port, CEILING)
        quick = quick + 1 if time.monotonic() - started < 0.05 else 0


def socket_errors(result: dict) -> int:
    keys = ("connect_errors", "read_errors", "write_errors", "timeouts")
    return int(sum(result[k] for k in keys))


# The columns every load table has, as wrk measured them.
TIMING_COLUMNS = ["req/s", "p50 ms", "p95 ms", "p99 ms"]


def markdown_table(header: list[str], lines: list[list[str]], right: set[int]) -> str:
    widths = [max(len(x[i]) for x in [header, *lines]) for i in range(len(header))]

    def line(cells):
        padded = (
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )
        return "| " + " | ".join(padded) + " |"

    rule = [
        "-" * (w - 1) + ":" if i in right else "-" * w for i, w in enumerate(widths)
    ]
    return "\n".join([line(header), line(rule), *(line(cells) for cells in lines)])


def machine(load_at_start: float) -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.M)
        model = f", {found.group(1).strip()}" if found else ""
    return (
        f"{os.cpu_count()} cores{model}; load average {load_at_start:.1f} at the "
        f"start, {os.getloadavg()[0]:.1f} at the end (wrk and the server share the "
        "cores; other work on the machine lowers every number)"
    )


def database_server() -> str:
    """The PostgreSQL server's version, its shared buffers and the database's
    size: a database larger than its buffers is read from the system's cache,
    and its pages cost more (README, Performance)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('server_version'), "
            "current_setting('shared_buffers'), "
            "pg_size_pretty(pg_database_size(current_database()))"
        )
        version, buffers, size = cursor.fetchone()
    connection.close()
    return (
        f"PostgreSQL {version.split()[0]}, shared_buffers {buffers}, "
        f"the project's database {size}"
    )


def close_database() -> None:
    from django.db import connections

    connections.close_all()
    for conn in connections.all(initialized_only=True):
        if hasattr(conn, "close_pool"):
            conn.close_pool()
