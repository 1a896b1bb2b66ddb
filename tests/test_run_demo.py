"""`make run` (scripts/run_demo.py): one demo per checkout, on the port asked for."""

import fcntl
import importlib.util
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "run_demo", ROOT / "scripts" / "run_demo.py"
)
run_demo = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_demo)


@pytest.fixture
def lock(tmp_path, monkeypatch):
    path = tmp_path / "run.lock"
    monkeypatch.setattr(run_demo, "LOCK", path)
    return path


def run(monkeypatch, *args) -> int:
    monkeypatch.setattr(sys, "argv", ["run_demo.py", *args])
    return run_demo.main()


def test_a_second_run_says_where_the_first_one_is_in_one_line(
    lock, monkeypatch, capsys
):
    with lock.open("a+") as first:
        fcntl.flock(first, fcntl.LOCK_EX | fcntl.LOCK_NB)
        first.write("4242 8001\n")
        first.flush()
        assert run(monkeypatch, "8000") == 0
    assert capsys.readouterr().out.splitlines() == [
        "make run: the demo is already running at http://127.0.0.1:8001/ "
        "(pid 4242); stop it with Ctrl-C in its terminal to start another."
    ]


def test_a_port_another_program_holds_is_refused_with_one_line(lock, monkeypatch):
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        with pytest.raises(SystemExit) as refused:
            run(monkeypatch, str(port))
    assert str(refused.value) == (
        f"make run: another program listens on port {port}; "
        f"choose another: make run PORT={port + 1}"
    )


@pytest.mark.parametrize("port", ["abc", "80", "70000", "-1"])
def test_a_port_that_is_not_one_is_refused(lock, monkeypatch, port):
    with pytest.raises(SystemExit) as refused:
        run(monkeypatch, port)
    assert str(refused.value) == (
        f"make run: PORT must be a number from 1024 to 65535, not {port!r}."
    )


def test_links_in_emails_follow_the_port(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    env = run_demo.environment(8001, "postgres://postgres@127.0.0.1:5432/commons")
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.contrib.auth.models import User; "
            "from community.notifications.tokens import unsubscribe_url; "
            "print(unsubscribe_url(User(pk=1), 'digest'))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1].startswith(
        "http://127.0.0.1:8001/community/unsubscribe/"
    )
