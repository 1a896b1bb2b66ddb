"""What the benchmark runs and reads: gunicorn (the site or the bare ceiling),
the site's worker, nginx in front, wrk, and gunicorn's access log."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import harness

ROOT = harness.ROOT


LUA = ROOT / "bench" / "mix.lua"


CEILING_APP = "bench.ceiling:application"


ACCESS_FORMAT = "%(m)s %(s)s %(D)s %({x-cache}o)s %(U)s"


# What the README shows an operator: nginx keeps guests' pages for as long as their
# Cache-Control says, serves them stale while it asks again, and never keeps a
# response to a request with a cookie (a member's).
NGINX_CONFIG = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  proxy_temp_path {tmp}/nginx-temp;
  proxy_cache_path {tmp}/nginx-cache levels=1:2 keys_zone=pages:10m max_size=256m
                   inactive=10m;
  upstream site {{ server 127.0.0.1:{site}; keepalive 16; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://site;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_cache pages;
      proxy_cache_bypass $http_cookie;
      proxy_no_cache $http_cookie;
      proxy_cache_revalidate on;
      proxy_cache_use_stale updating error timeout;
      proxy_cache_background_update on;
      proxy_cache_lock on;
      add_header X-Proxy-Cache $upstream_cache_status;
    }}
  }}
}}
"""


def launch_nginx(tmp: Path, site: int):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        sys.exit("--nginx needs nginx: apt-get install nginx")
    port = harness.free_port()
    # As root, nginx's workers run as another user (www-data): they need to
    # reach the temporary folder and write their cache in it.
    tmp.chmod(0o711)
    for folder in ("nginx-cache", "nginx-temp"):
        (tmp / folder).mkdir()
        (tmp / folder).chmod(0o777)
    config = tmp / "nginx.conf"
    config.write_text(NGINX_CONFIG.format(tmp=tmp, site=site, port=port))
    server = subprocess.Popen(
        [nginx, "-c", str(config), "-g", "daemon off;"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    if not answers(server, port, "/healthz", {200, 503}):
        sys.exit(f"nginx did not start:\n{harness.log_tail(tmp / 'nginx-error.log')}")
    return server, port


def answers(server, port: int, path: str, statuses: set[int], seconds=60) -> bool:
    """Whether the server, still running, answers path with one of statuses
    within seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if harness.http_get(port, path)[0] in statuses:
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def launch_worker(args, tmp: Path):
    """The site's worker (manage.py run_worker), as production runs it beside
    gunicorn: it works out who hears of each new post, hands their e-mail over
    (to a relay that takes it at once: EMAIL_URL=dummy:) and writes the read
    marks waiting in Redis, on the same two cores as the readers. It first works
    off what earlier runs left queued, so each run starts with it caught up."""
    env = {**harness.server_env(args), "EMAIL_URL": "dummy:"}
    command = [sys.executable, "manage.py", "run_worker"]
    subprocess.run(
        [*command, "--", "--batch"],
        cwd=ROOT,
        env=env,
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    with open(tmp / "worker.log", "w") as log:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def launch(args, app: str, port: int, static_root: str, tmp: Path, access: bool):
    log = tmp / f"{app.split(':')[0]}.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        f"--workers={args.workers}",
        f"--bind=127.0.0.1:{port}",
        "--no-control-socket",
        f"--error-logfile={log}",
        "--log-level=warning",
    ]
    if access:
        command += [f"--access-logfile={tmp / 'access.log'}"]
        command += [f"--access-logformat={ACCESS_FORMAT}"]
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=harness.server_env(args, static_root),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    if not answers(server, port, "/healthz", {200, 404}):
        sys.exit(f"gunicorn ({app}) did not start:\n{harness.log_tail(log)}")
    return server


def wrk(args, port: int, paths: list[str], cookies: list[str], seconds: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as lines:
        lines.write("\n".join(paths))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as jar:
        jar.write("\n".join(cookies))
    try:
        run = subprocess.run(
            [
                "wrk",
                f"--threads={max(1, min(args.connections, os.cpu_count() or 1))}",
                f"--connections={args.connections}",
                f"--duration={seconds}s",
                f"--timeout={harness.WRK_TIMEOUT}",
                f"--script={LUA}",
                f"http://127.0.0.1:{port}/",
            ],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "MIX_PATHS": lines.name, "MIX_COOKIES": jar.name},
        )
    finally:
        os.unlink(lines.name)
        os.unlink(jar.name)
    line = next((x for x in run.stdout.splitlines() if x.startswith("BENCH ")), None)
    if run.returncode or line is None:
        sys.exit(f"wrk failed:\n{run.stdout}\n{run.stderr}")
    return {k: float(v) for k, v in (pair.split("=") for pair in line.split()[1:])}


@dataclass
class Run:
    label: str
    viewer: str
    category: str  # or "mix"
    result: dict | None = None
    ceiling: float = 0.0
    hits: float | None = None
    server_ms: dict = field(default_factory=dict)  # category: (p50, p95) in the mix


def access_since(log: Path, offset: int) -> list[tuple[str, int, float, str, str]]:
    """(method, status, ms, x-cache, path) of each request logged after offset."""
    rows = []
    if not log.exists():
        return rows
    with log.open() as lines:
        lines.seek(offset)
        for line in lines:
            parts = line.split(" ", 4)
            if len(parts) == 5:
                method, status, micros, hit, path = parts
                ms = int(micros) / 1000
                rows.append((method, int(status), ms, hit, path.strip()))
    return rows


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]
