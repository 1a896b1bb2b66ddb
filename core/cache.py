"""The shared cache (Redis), forgiving: while Redis is away the site works without it.

Everything kept there can be rebuilt (kept pages, search results, counters) or
has its source in the database (sessions: cached_db). So a call that fails acts
as a miss: a read finds nothing, a write keeps nothing, a rate-limit counter
starts again (limits are not enforced while Redis is away). For a few seconds
after a failure no call tries, so a Redis that does not answer costs one timeout,
not one per call. The outage is logged once.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

from core.outages import Outage

redis = Outage(
    "The cache (Redis) is unreachable; the site goes on without it",
    "The cache (Redis) is reachable again.",
)


class _OneClientPerPool(RedisCacheClient):
    """Django's client makes a new redis.Redis for every call, which cost 155 µs
    here, most of a local GET's own time, on each of the dozen calls a page
    makes. One per connection pool serves as well: a redis.Redis takes a
    connection from its pool for each command, from any thread."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _OneClientPerPool

    def _call(self, name: str, fallback, *args, **kwargs):
        if redis.paused():
            return fallback()
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except RedisError as error:
            redis.failed(error)
            return fallback()
        if redis.down:
            redis.recovered()
        return result

    def add(self, key, *args, **kwargs):
        # As if added: a caller using add() as a lock (allauth's rate limits)
        # goes on rather than waiting for a lock no one can take.
        return self._call("add", lambda: True, key, *args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def set(self, key, *args, **kwargs):
        return self._call("set", lambda: None, key, *args, **kwargs)

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        """As Django's, in two round trips on a miss rather than three: Django
        reads the key again after adding the value, to return another process's
        if it came first. What is kept under a key here is the same whoever made
        it (the key holds the versions it was made from), so the value just made
        is as good, and one cache call is saved on every miss of every page."""
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            value = default() if callable(default) else default
            self.add(key, value, timeout=timeout, version=version)
        return value

    def touch(self, key, *args, **kwargs):
        return self._call("touch", lambda: False, key, *args, **kwargs)

    def delete(self, key, *args, **kwargs):
        return self._call("delete", lambda: False, key, *args, **kwargs)

    def get_many(self, keys, *args, **kwargs):
        return self._call("get_many", dict, keys, *args, **kwargs)

    def has_key(self, key, *args, **kwargs):
        return self._call("has_key", lambda: False, key, *args, **kwargs)

    def incr(self, key, *args, **kwargs):
        def missing():
            raise ValueError(f"Key {key!r} not found.")  # as for a missing key

        return self._call("incr", missing, key, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._call("set_many", lambda: list(data), data, *args, **kwargs)

    def delete_many(self, keys, *args, **kwargs):
        return self._call("delete_many", lambda: None, keys, *args, **kwargs)

    def clear(self):
        return self._call("clear", lambda: False)
