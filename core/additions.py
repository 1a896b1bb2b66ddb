"""What commits added to a scope (core/versions.py), for copies that can take
new rows in rather than be made again.

A model shown with `versions.shown(..., added_to=scope)` has its new instances
noted as added to that scope. When the only changes a commit made to the scope
were such additions, their keys are kept in the cache under the number the
commit moved it to; `added_since()` gives them back for a run of numbers. What
was made from an earlier number (a search's matches) can then take in the new
rows alone (community/search.py, after a reply) instead of being made again.
Any other change to the scope in the commit records nothing, and a missing
record, for whatever reason (the cache lost it, the number moved before it was
written), says to make the copy again: it can be slower, never wrong.
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.db.models import Model

ADDED_TO: dict[type[Model], str] = {}
SECONDS = 600  # how long what a commit added is recorded
MOST = 200  # more moves than this since a copy was made: make it again
logger = logging.getLogger(__name__)


def note(scopes: set[str], added: tuple[str, object] | None) -> None:
    """A change to scopes in the current transaction: added = (scope, key) when
    it is a new instance added to that scope, else None."""
    notes = _notes()
    for scope in scopes & set(ADDED_TO.values()):
        if added is not None and added[0] == scope:
            if notes.get(scope, []) is not None:
                notes.setdefault(scope, []).append(added[1])
        else:
            notes[scope] = None  # changed otherwise: nothing to record


def taken() -> dict[str, list | None]:
    """The notes of the transaction that committed, taken (versions.flush)."""
    notes = dict(_notes())
    _notes().clear()
    return notes


def _notes() -> dict[str, list | None]:
    # Per database connection, and so per thread, like versions' pending scopes.
    if not hasattr(connection, "versions_added"):
        connection.versions_added = {}
    return connection.versions_added


def key(scope: str, number: int) -> str:
    return f"versions:added:{scope}:{number}"


def record(notes: dict[str, list | None], moved: dict[str, int]) -> None:
    """Keep the additions of each scope that moved (to the number in moved) by
    additions only."""
    records = {
        key(scope, moved[scope]): tuple(keys)
        for scope, keys in notes.items()
        if keys is not None and scope in moved
    }
    if records:
        try:
            cache.set_many(records, SECONDS)
        except Exception:  # the numbers moved: copies are only made again
            logger.exception("Recording the additions of %s failed", list(moved))


def added_since(scope: str, since: int, now: int) -> list | None:
    """The keys of what was added to scope by the moves of its number after
    `since` up to `now`, or None if one of them changed more than that (or its
    record is gone, or there were too many): then make the copy again."""
    if not since < now <= since + MOST:
        return None
    wanted = [key(scope, number) for number in range(since + 1, now + 1)]
    found = cache.get_many(wanted)
    if len(found) < len(wanted):
        return None
    return [pk for record in wanted for pk in found[record]]
