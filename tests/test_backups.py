"""The restore drill (scripts/restore_drill.py) on the test database, while a
member keeps posting: the backup restores into a new database with every count
equal to the backup's, and the site starts on it."""

import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

from community.discussions import services as board_services
from tests.factories import BoardFactory, ResourceFactory, UserFactory, make_thread

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    settings = connection.settings_dict
    host = quote(settings["HOST"] or "127.0.0.1", safe="")
    return (
        f"postgres://{settings['USER']}@{host}:{settings['PORT'] or 5432}/"
        f"{settings['NAME']}"
    )


@pytest.mark.django_db(transaction=True)
def test_the_restore_drill_restores_a_backup_taken_under_writes():
    author = UserFactory()
    thread = make_thread(author=author, board=BoardFactory(visibility="public"))
    ResourceFactory.create_batch(3)
    writing = threading.Event()
    writing.set()
    written = []

    def write():
        # A member replying all along, on the writer thread's own connection.
        from django.db import connection as own

        try:
            while writing.is_set():
                board_services.post_create(
                    thread=thread, author=author, body=f"Reply {len(written)}"
                )
                written.append(1)
                time.sleep(0.02)
        finally:
            own.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        drill = subprocess.run(
            [sys.executable, "scripts/restore_drill.py"],
            cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", "DATABASE_URL": database_url()},
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        writing.clear()
        writer.join()
    assert drill.returncode == 0, drill.stdout + drill.stderr
    assert "every table's count is the backup's" in drill.stdout
    assert "The site starts on the copy" in drill.stdout
    assert written, "the writer never wrote"
    # The copy is gone again.
    with psycopg.connect(database_url()) as check:
        copies = check.execute(
            "SELECT count(*) FROM pg_database WHERE datname LIKE '%restore_drill'"
        ).fetchone()[0]
    assert copies == 0
