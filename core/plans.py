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

A table read from memory can also be planned as such: `random_page_cost` sets
PostgreSQL's price of a page read out of order for the statements inside
(its default, 4, is a spinning disk's; 1.1 is the usual price for data in
memory or on an SSD). The posts' search uses it (core/large_search.py): at the
default price, PostgreSQL walks the newest posts one by one for a word with a
few thousand matches on the viewer's boards rather than read those matches
through the index, at twice the cost or more. The setting is the connection's
again after the block.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from psycopg import pq


@contextmanager
def planned_each_time(
    using: str = DEFAULT_DB_ALIAS, *, random_page_cost: float | None = None
) -> Iterator[None]:
    connection = connections[using]
    connection.ensure_connection()
    psycopg = connection.connection
    saved = psycopg.prepare_threshold
    psycopg.prepare_threshold = None
    cost = None
    try:
        if random_page_cost is not None:
            cost = _page_cost(connection, str(random_page_cost))
        yield
    finally:
        # Not on a connection gone or in a failed transaction: the failure is
        # raised already, and the rollback undoes the setting with the rest.
        if cost is not None and not psycopg.closed and not _failed(psycopg):
            _page_cost(connection, cost)
        # Even if it was closed inside: a pool may hand it to someone else.
        psycopg.prepare_threshold = saved


def _failed(psycopg) -> bool:
    return psycopg.info.transaction_status == pq.TransactionStatus.INERROR


def _page_cost(connection, cost: str) -> str:
    """Sets random_page_cost for the session; gives the one it replaced."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('random_page_cost'), "
            "set_config('random_page_cost', %s, false)",
            [cost],
        )
        return cursor.fetchone()[0]
