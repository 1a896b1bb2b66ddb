"""A small fixed-window rate limit in the shared cache.

A window opens with the first attempt under a key and lasts `period` seconds.
When it ends is kept beside its counter, for as long: the cache is Django's own
RedisCache in production and LocMemCache in development, and neither tells how
long a key has left (django-redis's `ttl()` is not Django's), so the end is
read back the same way from both.
"""

import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    # Whole seconds until the window ends, and when; 0 and None when allowed.
    retry_after: int = 0
    resets_at: datetime | None = None


def check(key: str, *, limit: int, period: int) -> Verdict:
    """Count one attempt under key; refuse it once more than limit fall in period,
    saying when the window ends."""
    cache_key = f"ratelimit:{key}"
    ends_key = f"{cache_key}:ends"
    now = time.time()
    if cache.add(cache_key, 0, timeout=period):
        # This attempt opened the window (any end left from the last one is replaced).
        cache.set(ends_key, now + period, timeout=period)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period)
        cache.set(ends_key, now + period, timeout=period)
        count = 1
    if count <= limit:
        return Verdict(allowed=True)
    # Missing only if the cache dropped it: then at most a whole period is left.
    # Capped at a period, should another server's clock run ahead of this one's.
    ends = cache.get(ends_key) or now + period
    retry_after = max(1, min(period, math.ceil(ends - now)))
    return Verdict(
        allowed=False,
        retry_after=retry_after,
        resets_at=datetime.fromtimestamp(now + retry_after, tz=UTC),
    )


def hit(key: str, *, limit: int, period: int) -> bool:
    """Count one attempt under key; return False once more than limit fall in period."""
    return check(key, limit=limit, period=period).allowed
