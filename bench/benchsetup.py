"""What the benchmarks share: their own database and production-like settings."""

import os
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def default_database_url(name: str) -> str:
    """Database `name` on the server of $DATABASE_URL when it is set, else on the
    project's own PostgreSQL (core/devdb.py), as `make run` and `make test` do."""
    if os.environ.get("DATABASE_URL"):
        parts = urlsplit(os.environ["DATABASE_URL"])
        return urlunsplit(parts._replace(path=f"/{name}"))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from core import devdb

    return devdb.database_url(name)


def ensure_database(url: str, *, what: str) -> str:
    """Create the benchmark's database if it does not exist; return its name.

    Its name must contain "bench": the benchmarks fill it with synthetic data."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        sys.exit(f"--database-url must be a postgres:// URL, not {url!r}.")
    name = parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit(
            f"Refusing to use database {name!r}: the benchmark seeds {what}, "
            "so its database name must contain 'bench'."
        )
    maintenance = urlunsplit(parts._replace(path="/postgres", query=""))
    try:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not exists:
                print(f"Creating database {name}")
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        sys.exit(f"Cannot reach PostgreSQL at {parts.hostname}:{parts.port}: {error}")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from core import devdb

    if devdb.made_before_squash(url):
        print(f"Emptying {name}: made with the migrations from before the squash")
        devdb.clear(url)
    return name


def configure_django(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SECRET_KEY"] = "bench-only-throwaway-key-not-secret"  # noqa: S105
    os.environ.pop("DJANGO_DEBUG", None)
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    # whitenoise looks for collectstatic output, which the benchmark does not need.
    warnings.filterwarnings("ignore", message="No directory at")

    import django

    django.setup()


def time_requests(get, *, runs: int, warmup: int) -> dict:
    """Call get() warmup times, then time runs calls; one more counts SQL queries.

    get() makes the request and raises if the answer is not what the page should be.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        get()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        get()
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = get()
    timings.sort()
    if len(timings) > 1:
        p95 = statistics.quantiles(timings, n=20, method="inclusive")[18]
    else:
        p95 = timings[0]
    return {
        "median": statistics.median(timings),
        "p95": p95,
        "max": timings[-1],
        "queries": len(queries.captured_queries),
        "kb": len(response.content) / 1024,
    }


def run_main(main) -> None:
    """Exit with main()'s code; stopped by Ctrl-C or kill, main's `finally`
    blocks stop the servers it started first."""
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nInterrupted: the servers are stopped.")
        sys.exit(130)
