"""`make run`: the demo site and its e-mail worker, on the project's own PostgreSQL.

Migrates, seeds the demo (safe to repeat), then runs `manage.py run_worker` and
`manage.py runserver` until Ctrl-C. One demo runs per checkout: a second
`make run` says where the first one is, in one line, and leaves it alone.
Usage: .venv/bin/python scripts/run_demo.py [PORT]
"""

import fcntl
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "var" / "run.lock"
sys.path.insert(0, str(ROOT))


def parse_port(argv: list[str]) -> int:
    text = argv[0] if argv else "8000"
    if not text.isdigit() or not 1024 <= int(text) <= 65535:
        sys.exit(f"make run: PORT must be a number from 1024 to 65535, not {text!r}.")
    return int(text)


def hold_lock(port: int):
    """The open lock file, held while this demo runs; None if another one runs."""
    LOCK.parent.mkdir(exist_ok=True)
    lock = LOCK.open("a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.seek(0)
        return None, lock.read().split()
    lock.truncate(0)
    lock.write(f"{os.getpid()} {port}\n")
    lock.flush()
    return lock, []


def port_taken(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def environment(port: int, database_url: str) -> dict[str, str]:
    """The demo's processes' environment: debug mode, the project's database, and
    links in e-mails (the worker has no request to read the host from) to `port`."""
    return os.environ | {
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url,
        "SITE_URL": os.environ.get("SITE_URL") or f"http://127.0.0.1:{port}",
    }


def main() -> int:
    port = parse_port(sys.argv[1:])
    lock, holder = hold_lock(port)
    if lock is None:
        pid, running_port = (holder + ["?", "?"])[:2]
        print(
            f"make run: the demo is already running at http://127.0.0.1:{running_port}"
            f"/ (pid {pid}); stop it with Ctrl-C in its terminal to start another."
        )
        return 0
    if port_taken(port):
        sys.exit(
            f"make run: another program listens on port {port}; "
            f"choose another: make run PORT={port + 1}"
        )

    from core import devdb

    # This process holds the database for the children: it stops when this exits.
    env = environment(port, devdb.database_url())
    if devdb.made_before_squash(env["DATABASE_URL"]):
        print(
            "make run: the demo database was made with the migrations from before "
            "they were squashed (one per app); it is made again, with the demo data."
        )
        devdb.clear(env["DATABASE_URL"])
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input"], ["seed_demo"]):
        if subprocess.run([*manage, *command], env=env, check=False).returncode:
            return 1

    worker = subprocess.Popen([*manage, "run_worker"], env=env)
    server = subprocess.Popen([*manage, "runserver", f"127.0.0.1:{port}"], env=env)
    # Ctrl-C reaches every process of the terminal's group: the children stop
    # themselves while this one waits for them, then stops the database (at
    # exit). A handler, not SIG_IGN, which the children would inherit.
    signal.signal(signal.SIGINT, lambda *_: None)
    signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    status = server.wait()
    worker.terminate()
    worker.wait()
    return status


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # during migrate or seed_demo
        sys.exit(130)
