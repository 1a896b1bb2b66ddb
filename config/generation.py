"""A number that moves whenever searchable content, or who may read it, changes.

PostgreSQL triggers move a sequence on every write to the tables that the library
and the site search show or filter on (community migration 0008). Cache keys that
hold the number become unreachable after any such write, so a cached page never
outlives the data it was made from.
"""

import hashlib

from django.core.cache import cache
from django.db import connection

CACHE_SECONDS = 300


def content_generation() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value FROM community_search_generation")
        return cursor.fetchone()[0]


def cached(name: str, key: tuple, compute, generation: int):
    """compute(), kept under name and key for this generation of the content."""
    digest = hashlib.sha256(repr((generation, *key)).encode()).hexdigest()
    return cache.get_or_set(f"{name}:{digest}", compute, CACHE_SECONDS)
