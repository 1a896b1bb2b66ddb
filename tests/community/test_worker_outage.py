"""The e-mail worker outlives a database outage: it waits, says so once, and goes
on by itself when the database is back.

The worker (`manage.py run_worker`, a process of its own) reaches the test
database through a small TCP relay that the test cuts and restores.
"""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import override_settings

from community.tasks import tick

ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Relay:
    """Forwards TCP connections to PostgreSQL; cut() drops them and refuses new
    ones, restore() accepts again on the same port."""

    def __init__(self, upstream):
        self.upstream = upstream  # (host, port) or a Unix socket path
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.sockets = []
        self.listener = None
        self.restore()

    def _connect_upstream(self):
        if isinstance(self.upstream, str):
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(self.upstream)
            return upstream
        return socket.create_connection(self.upstream)

    def restore(self):
        self.open = True
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen()
        threading.Thread(
            target=self._accept, args=(self.listener,), daemon=True
        ).start()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if not self.open:  # accepted as the relay was being cut
                client.close()
                return
            upstream = self._connect_upstream()
            self.sockets += [client, upstream]
            for source, target in [(client, upstream), (upstream, client)]:
                threading.Thread(
                    target=self._pipe, args=(source, target), daemon=True
                ).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.open = False
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for end in self.sockets:
            try:
                end.shutdown(socket.SHUT_RDWR)
                end.close()
            except OSError:
                pass
        self.sockets = []


def wait_for(output: list[str], text: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(text in line for line in output):
            return True
        time.sleep(0.2)
    return False


def database_upstream(settings):
    """Where the test database listens: (host, port), or its Unix socket's path."""
    host = settings["HOST"] or "127.0.0.1"
    return (
        f"{host}/.s.PGSQL.{settings['PORT'] or 5432}"
        if host.startswith("/")
        else (host, int(settings["PORT"] or 5432))
    )


def start_worker(settings, relay: Relay) -> tuple[subprocess.Popen, list[str]]:
    """`manage.py run_worker` on the test database through the relay, and the
    lines it prints, gathered as they come."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "EMAIL_URL", "CACHE_URL"))
    } | {
        "DJANGO_SECRET_KEY": "worker-outage-test-key-not-secret-0123456789",
        "DATABASE_URL": f"postgres://{settings['USER']}@127.0.0.1:{relay.port}/"
        f"{settings['NAME']}",
        "PYTHONUNBUFFERED": "1",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    threading.Thread(
        target=lambda: output.extend(iter(worker.stdout.readline, "")), daemon=True
    ).start()
    return worker, output


@pytest.mark.django_db(transaction=True)
def test_the_worker_waits_out_a_database_outage_and_goes_on():
    settings = connection.settings_dict
    relay = Relay(database_upstream(settings))
    worker, output = start_worker(settings, relay)
    try:
        assert wait_for(output, "Starting worker", 30), "".join(output)
        # The worker first runs the periodic tick it queued on starting: cut the
        # database once that is done, so the outage meets the worker waiting for
        # work (what this test is about), not a tick half-way through its steps,
        # which would report each failing step instead.
        assert wait_for(output, "community.tasks.tick state=SUCCESSFUL", 30), "".join(
            output
        )

        relay.cut()
        time.sleep(12)  # longer than the 10 s that used to end the worker
        assert worker.poll() is None, "the worker exited:\n" + "".join(output)
        unreachable = [line for line in output if "database is unreachable" in line]
        assert len(unreachable) == 1, "".join(output)  # once per outage

        # Work queued while the worker cannot see the database...
        with override_settings(TASKS=DATABASE_TASKS):
            queued = tick.enqueue()
        relay.restore()
        # ...is done once it is back (the longest wait between tries is 30 s).
        assert wait_for(output, "The database is back", 40), "".join(output)
        assert wait_for(output, f"id={queued.id} ", 20), "".join(output)
        assert worker.poll() is None
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        relay.cut()
