"""A number that moves whenever searchable content, or who may read it, changes.

PostgreSQL triggers move a sequence on every write to the tables that the library
and the site search show or filter on (community migration 0008). Cache keys that
hold the number become unreachable after any such write, so a cached page never
outlives the data it was made from. On SQLite there is no number and callers do
not cache.
"""

import hashlib

from django.core.cache import cache
from django.db import connection

CACHE_SECONDS = 300


def content_generation() -> int | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value FROM community_search_generation")
        return cursor.fetchone()[0]


def cached(name: str, key: tuple, compute, generation: int | None):
    """compute(), kept under name and key for this generation of the content."""
    if generation is None:
        return compute()
    digest = hashlib.sha256(repr((generation, *key)).encode()).hexdigest()
    return cache.get_or_set(f"{name}:{digest}", compute, CACHE_SECONDS)


def fragment_seconds(generation: int | None) -> int:
    """How long a template may keep a fragment keyed by this generation: not at
    all without one ({% cache 0 %} stores nothing)."""
    return CACHE_SECONDS if generation is not None else 0
