"""core.ratelimit on both caches the site runs on: a refusal says when its window
ends, and it does end then."""

import time
import uuid

import pytest

from core import ratelimit


@pytest.fixture(params=["locmem", "redis"])
def key(request, settings):
    """A key of the test's own, in the memory of one process (development) or in
    Redis as in production: in a database no test flushes (the read-mark tests
    flush theirs), so that runs side by side leave each other's windows alone."""
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "core.cache.ForgivingRedisCache",
                "LOCATION": "redis://127.0.0.1:6379/14",
                "KEY_PREFIX": "commons-tests",
            }
        }
    return f"test:{uuid.uuid4().hex}"


def sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.time()))


def test_a_refusal_says_when_the_window_ends_and_it_ends_then(key):
    assert ratelimit.check(key, limit=1, period=2).allowed
    refused = ratelimit.check(key, limit=1, period=2)
    assert not refused.allowed
    assert refused.retry_after == 2
    assert time.time() + 1 < refused.resets_at.timestamp() <= time.time() + 2
    # Refused again with half a second left: the window is the same one.
    sleep_until(refused.resets_at.timestamp() - 0.5)
    again = ratelimit.check(key, limit=1, period=2)
    assert not again.allowed
    assert again.retry_after == 1
    sleep_until(again.resets_at.timestamp())
    assert ratelimit.check(key, limit=1, period=2).allowed


def test_an_allowed_attempt_has_nothing_to_wait_for(key):
    verdict = ratelimit.check(key, limit=3, period=60)
    assert verdict == ratelimit.Verdict(allowed=True, retry_after=0, resets_at=None)
    assert ratelimit.hit(key, limit=3, period=60) is True


def test_each_key_has_its_own_window(key):
    assert ratelimit.hit(f"{key}:ana", limit=1, period=60)
    assert not ratelimit.hit(f"{key}:ana", limit=1, period=60)
    assert ratelimit.hit(f"{key}:ben", limit=1, period=60)
