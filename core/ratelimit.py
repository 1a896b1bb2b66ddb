"""A small fixed-window rate limit in the shared cache."""

from django.core.cache import cache


def hit(key: str, *, limit: int, period: int) -> bool:
    """Count one attempt under key; return False once more than limit fall in period."""
    cache_key = f"ratelimit:{key}"
    cache.add(cache_key, 0, timeout=period)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period)
        count = 1
    return count <= limit
