"""Outages, as an operator meets them: the site under gunicorn with its database
away answers 503 at once and says so on /healthz."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis
from django.core.cache import caches

from core.cache import redis as cache_outage
from tests.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, dict, str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return status, dict(headers), body.decode(), time.monotonic() - started


def serve(static: Path, **settings: str):
    """gunicorn as in production, with these settings; yields its address."""
    port = free_port()
    env = (
        {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL", "EMAIL_URL"))
        }
        | {
            "DJANGO_SECRET_KEY": "outage-test-key-not-secret-at-all-0123456789",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_STATIC_ROOT": str(static),
        }
        | settings
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "config.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket",
            # The site loaded before the port opens: the first request's time
            # is the request's, not the worker's start on a slow machine.
            "--preload",
        ],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def site_without_database(tmp_path_factory):
    """Its DATABASE_URL points where nothing listens."""
    yield from serve(
        tmp_path_factory.mktemp("static"),
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/nowhere",
    )


def test_pages_answer_503_at_once_with_the_sites_own_page(site_without_database):
    status, headers, body, took = fetch(site_without_database + "/")
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "Back in a moment" in body
    assert took < 5  # the pool's 2 s, not 10 s and a 500
    # The next requests do not even try for a few seconds.
    for path in ["/resources/", "/community/", "/search/?q=budget"]:
        status, _headers, body, took = fetch(site_without_database + path)
        assert (status, "Back in a moment" in body) == (503, True)
        assert took < 1


def test_healthz_says_which_dependency_is_down(site_without_database):
    status, _headers, body, took = fetch(site_without_database + "/healthz")
    assert status == 503
    checks = json.loads(body)
    assert checks["status"] == "unavailable"
    assert checks["database"].startswith("unreachable")
    assert checks["cache"] == "ok"
    assert took < 5


@pytest.fixture
def redis_away(settings):
    """The shared cache configured as in production (CACHE_URL), where no Redis
    listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    yield
    # The process's note of the outage would keep the next tests from trying
    # a Redis that is there for a few seconds.
    cache_outage.recovered()


@pytest.mark.django_db
def test_without_the_cache_the_site_works_and_healthz_says_so(redis_away, client):
    UserFactory(username="maria", email="maria@example.org")
    for path in ["/", "/resources/", "/community/", "/search/?q=budget"]:
        assert client.get(path).status_code == 200, path
    # Signing in (rate limits, the session) works: the session is in the database.
    response = client.post(
        "/accounts/login/", {"login": "maria@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert 'data-testid="header-name"' in client.get("/").text
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["database"] == "ok"
    assert health.json()["cache"].startswith("unreachable")


@pytest.fixture
def site_cache(settings):
    """The site's own cache on a Redis database of the tests' own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/12",
            "KEY_PREFIX": "commons-tests",
        }
    }


@pytest.mark.django_db
def test_the_cache_makes_one_redis_client_for_every_call(
    site_cache, client, monkeypatch
):
    """Django's Redis cache made a client for each call (155 µs, most of a GET's
    own time on this machine); ours keeps one per connection pool."""
    made = []
    real_init = redis.Redis.__init__

    def counted(self, *args, **kwargs):
        made.append(self)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counted)
    cache = caches["default"]
    cache.clear()
    for path in ["/", "/resources/", "/community/", "/search/?q=budget", "/"]:
        assert client.get(path).status_code == 200, path
    cache.set("answer", 42)
    assert cache.get("answer") == 42
    assert cache.get_many(["answer", "nothing"]) == {"answer": 42}
    assert len(made) == 1
    cache.clear()


def test_a_cache_miss_costs_two_calls_to_redis_and_a_hit_one(site_cache, monkeypatch):
    """Django's get_or_set reads the key again after keeping the value it made
    (three calls on a miss); every kept search section and list paid it."""
    sent = []
    real = redis.Redis.execute_command

    def counted(self, *args, **options):
        sent.append(args[0])
        return real(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counted)
    cache = caches["default"]
    cache.delete("made")
    sent.clear()
    assert cache.get_or_set("made", lambda: ["made", None], 60) == ["made", None]
    assert len(sent) == 2
    assert cache.get_or_set("made", lambda: "made again", 60) == ["made", None]
    assert len(sent) == 3
    cache.set("nothing", None)  # a kept None is a value, as in Django
    assert cache.get_or_set("nothing", lambda: "made", 60) is None
    cache.delete_many(["made", "nothing"])
