"""Statements that PostgreSQL plans again for their own values every time.

The settings let psycopg prepare a statement the second time a connection runs
it (config/settings.py, DATABASE_PREPARED), so that PostgreSQL plans it once.
After five runs of a prepared statement, PostgreSQL may also keep one generic
plan for every value. For most statements that is what we want, but not for a
full-text search. The best way to find a word's newest matches depends on how
common the word is. For a common word, the best plan reads the newest rows
until enough of them match. For a rare word, it reads the GIN index. A generic
plan cannot know which case it is in. On the benchmark's words, the keys of the
posts that match took 12.7 ms on average with a generic plan, and 6.5 ms when
each search was planned for its own words.

Inside `planned_each_time()`, the connection sends its statements unprepared
(psycopg's `prepare_threshold = None`), so PostgreSQL plans each one for its
values. The statements it had already prepared stay prepared, for use after.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections


@contextmanager
def planned_each_time(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    connection = connections[using]
    connection.ensure_connection()
    psycopg = connection.connection
    saved = psycopg.prepare_threshold
    psycopg.prepare_threshold = None
    try:
        yield
    finally:
        # Even if it was closed inside: a pool may hand it to someone else.
        psycopg.prepare_threshold = saved
