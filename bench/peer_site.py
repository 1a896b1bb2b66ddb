"""The peer forum, django-spirit, as bench/peer.py runs it: its own
virtualenv and project, its database filled like ours, gunicorn, its
signed-in members and its topics."""

import os
import random
import secrets
import subprocess
import sys
from math import ceil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import harness
from benchsetup import (
    ensure_database,
)
from servers import answers

ROOT = harness.ROOT
POSTS_PER_PAGE = 50
PEER = ROOT / "bench" / "peer"


VENV = PEER / ".venv"


SITE = PEER / "site"


PEER_PASSWORD = "peer-bench-member-throwaway-password"  # noqa: S105


PEER_SECRET = secrets.token_urlsafe(50)


def run(command: list, **kwargs) -> None:
    done = subprocess.run(command, check=False, **kwargs)
    if done.returncode:
        sys.exit(f"Failed: {' '.join(map(str, command))}")


def ensure_venv() -> None:
    python = VENV / "bin" / "python"
    marker = VENV / ".requirements"
    wanted = (PEER / "requirements.txt").read_text()
    if python.exists() and marker.exists() and marker.read_text() == wanted:
        return
    print("Installing the peer (django-spirit) in bench/peer/.venv")
    finder = subprocess.run(
        [ROOT / "scripts" / "find-python"], capture_output=True, text=True, check=False
    )
    if finder.returncode:
        sys.exit(finder.stderr.strip())
    uv = Path(sys.executable).parent / "uv"
    run([uv, "venv", "-q", "--allow-existing", "-p", finder.stdout.strip(), VENV])
    env = {**os.environ, "VIRTUAL_ENV": str(VENV)}
    run([uv, "pip", "install", "-q", "-r", PEER / "requirements.txt"], env=env)
    marker.write_text(wanted)


def ensure_site() -> None:
    if (SITE / "peer" / "manage.py").exists():
        return
    SITE.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PATH": f"{VENV / 'bin'}:{os.environ['PATH']}"}
    run([VENV / "bin" / "spirit", "startproject", "peer"], cwd=SITE, env=env)


def peer_env(args, database_url: str, static_root: str = "") -> dict:
    parts = urlsplit(database_url)
    # As written (a socket's folder is quoted, and hostname would lower its case).
    host = unquote(parts.netloc.rsplit("@", 1)[-1].rsplit(":", 1)[0])
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings",
        "PYTHONPATH": f"{PEER}:{SITE / 'peer'}",
        "PEER_SECRET_KEY": PEER_SECRET,
        "PEER_DATABASE_NAME": parts.path.lstrip("/"),
        "PEER_DATABASE_HOST": host,
        "PEER_DATABASE_PORT": str(parts.port or 5432),
        "PEER_DATABASE_USER": parts.username or "postgres",
        "PEER_CACHE_URL": args.peer_cache_url,
        "PEER_PASSWORD": PEER_PASSWORD,
        "PEER_STATIC_ROOT": static_root or str(SITE / "static"),
        "PYTHONUNBUFFERED": "1",
        "PYTHONWARNINGS": "ignore",  # its dependencies' old escape sequences
    }
    for name in ("DATABASE_URL", "DJANGO_DEBUG", "VIRTUAL_ENV"):
        env.pop(name, None)
    return env


def peer_database_url(args) -> str:
    parts = urlsplit(args.database_url)
    return parts._replace(path="/commons_bench_peer").geturl()


def prepare_peer(args) -> str:
    ensure_venv()
    ensure_site()
    url = peer_database_url(args)
    ensure_database(url, what="the peer's data")
    env = peer_env(args, url)
    python = VENV / "bin" / "python"
    print("Migrating and filling the peer (skipped when its data is there)")
    run([python, SITE / "peer" / "manage.py", "migrate", "--no-input", "-v0"], env=env)
    run([python, PEER / "fill.py"], env=env)
    return url


def launch_peer(args, port: int, url: str, tmp: Path):
    log = tmp / "peer.log"
    server = subprocess.Popen(
        [
            VENV / "bin" / "gunicorn",
            "peer.wsgi:application",
            f"--workers={args.workers}",
            f"--bind=127.0.0.1:{port}",
            "--no-control-socket",
            f"--error-logfile={log}",
            "--log-level=warning",
        ],
        cwd=SITE / "peer",
        env=peer_env(args, url),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    if not answers(server, port, "/user/login/", {200}):
        sys.exit(f"The peer did not start:\n{harness.log_tail(log)}")
    return server


def peer_sessions(args, url: str) -> list[str]:
    """Cookie headers of --members signed-in members (bench/peer/sessions.py)."""
    done = subprocess.run(
        [VENV / "bin" / "python", PEER / "sessions.py", str(args.members)],
        env=peer_env(args, url),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"Could not sign the peer's members in:\n{done.stderr}")
    return done.stdout.split("\n")[: args.members]


def peer_topics(url: str, rng: random.Random, count: int) -> tuple[list[str], list]:
    """Random topic pages, and (topic, [comment ids]) for the writer."""
    import psycopg

    with psycopg.connect(url) as conn:
        topics = conn.execute(
            "SELECT id, slug, comment_count FROM spirit_topic_topic"
        ).fetchall()
        some = rng.sample(topics, min(500, len(topics)))
        comments = conn.execute(
            "SELECT topic_id, min(id) FROM spirit_comment_comment"
            " WHERE topic_id = ANY(%s) GROUP BY topic_id",
            [[t[0] for t in some]],
        ).fetchall()
    paths = []
    for _ in range(count):
        pk, slug, comments_count = rng.choice(topics)
        page = rng.randint(1, max(1, ceil(comments_count / POSTS_PER_PAGE)))
        paths.append(f"/topic/{pk}/{slug}/?page={page}")
    return paths, [(topic, [first]) for topic, first in comments]
