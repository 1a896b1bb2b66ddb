"""Which posts each member has read, recorded without a database write per view.

Reading a thread page records the newest post seen in the shared cache (Redis),
in one hash, only when it is newer than what is recorded there: no write to the
database during the GET. The worker's tick writes the recorded marks to
ReadState in one statement (`read_marks_flush`); pages that show what is unread
take ReadState and the marks not yet written together (`read_marks`).

Without Redis (a cache per process, as in the quickstart and the tests) or while
Redis fails, the mark is written to the database at once.
"""

import logging

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

KEY = "read-marks"
# Set the field to the post only if it is newer than the one there.
_MARK = """
local seen = redis.call('HGET', KEYS[1], ARGV[1])
if (not seen) or tonumber(seen) < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return 1
"""
# Remove the fields written to the database, unless they moved on meanwhile.
_FORGET = """
local gone = 0
for i = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
    gone = gone + redis.call('HDEL', KEYS[1], ARGV[i])
  end
end
return gone
"""
_UPSERT = """
INSERT INTO community_readstate (user_id, thread_id, read_up_to, updated_at)
SELECT mark.user_id, mark.thread_id, mark.post_id, now()
FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[])
    AS mark(user_id, thread_id, post_id)
WHERE EXISTS (SELECT 1 FROM auth_user WHERE id = mark.user_id)
  AND EXISTS (SELECT 1 FROM community_thread WHERE id = mark.thread_id)
ON CONFLICT (user_id, thread_id) DO UPDATE
SET read_up_to = GREATEST(
        community_readstate.read_up_to, EXCLUDED.read_up_to),
    updated_at = now()
"""


def _redis():
    """The Redis client and the hash's key, when the cache is Redis."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return None, None
    key = cache.make_and_validate_key(KEY)
    return cache._cache.get_client(key, write=True), key


def read_now(user_id: int, thread_id: int, post_id: int) -> None:
    """Write the mark to ReadState at once, in the caller's transaction, in one
    statement (never going back)."""
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [[user_id], [thread_id], [post_id]])


def read_mark(*, user, thread_id: int, post_id: int) -> None:
    """Remember the newest post the member has seen in the thread (never goes back)."""
    if not user.is_authenticated:
        return
    client, key = _redis()
    if client is not None:
        try:
            client.eval(_MARK, 1, key, f"{user.pk}:{thread_id}", post_id)
            return
        except RedisError as error:
            logger.warning("Read mark written at once, Redis failed: %s", error)
    read_now(user.pk, thread_id, post_id)


def read_marks(user, thread_ids) -> dict[int, int]:
    """The marks recorded for these threads and not yet written to ReadState."""
    client, key = _redis()
    thread_ids = list(thread_ids)
    if client is None or not user.is_authenticated or not thread_ids:
        return {}
    try:
        found = client.hmget(key, [f"{user.pk}:{pk}" for pk in thread_ids])
    except RedisError:
        return {}
    pairs = zip(thread_ids, found, strict=True)
    return {pk: int(seen) for pk, seen in pairs if seen is not None}


def last_reads(user, thread_ids, stored: dict[int, int]) -> dict[int, int]:
    """The newest post of each thread the member has seen, wherever it is kept
    (stored: the ReadState's read_up_to by thread, where there is one);
    threads never read are left out."""
    seen = dict(stored)
    for thread_id, post_id in read_marks(user, thread_ids).items():
        seen[thread_id] = max(post_id, seen.get(thread_id, 0))
    return seen


def last_read(user, thread_id: int, stored: int | None) -> int | None:
    """last_reads() of one thread; None for a guest."""
    if not user.is_authenticated:
        return None
    known = {thread_id: stored} if stored is not None else {}
    return last_reads(user, [thread_id], known).get(thread_id)


def read_marks_flush() -> int:
    """Write the recorded marks to ReadState (the worker's tick); return how many."""
    client, key = _redis()
    if client is None:
        return 0
    marks = client.hgetall(key)
    if not marks:
        return 0
    users, threads, posts, fields = [], [], [], []
    for field, post in marks.items():
        user_id, thread_id = field.decode().split(":")
        users.append(int(user_id))
        threads.append(int(thread_id))
        posts.append(int(post))
        fields += [field, post]
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [users, threads, posts])
    client.eval(_FORGET, 1, key, *fields)
    return len(posts)
