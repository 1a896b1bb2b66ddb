"""Versions of what pages show: one number per scope, moved after each commit.

A scope is a part of the shown content: "library", "cohorts", "people", "topics",
"boards" (every board's name and visibility), "board:<slug>" (one board's thread
list), "thread:<pk>" (one thread's posts), "discussions" (threads and posts across
boards: the board list's counts, the home page, search), "facets" (the library's
facet cells, moved by the worker when it has counted them again). A kept copy (a guest's
page, the library's facet counts, a search's results) is kept under the numbers
of the scopes it was made from, read in one query before the data.

The numbers move in `transaction.on_commit`, after the change is committed:

- whoever reads a new number reads the data committed before it moved, so nothing
  old is ever kept under a new number (a copy made from new data under the old
  number is merely unused);
- a change that is rolled back moves nothing and is never seen.

Every model is declared, in its app's `versions.py`, either `shown` (with the
scopes an instance of it changes) or `not_shown` (with why no kept copy holds it);
a test fails for a model that is neither. Saves, deletes and many-to-many changes
move the scopes through signals; a service that writes with `update()` names the
scopes itself with `changed()`.

The numbers live in PostgreSQL (core.Version), so every server process sees the
same ones whatever cache is configured, and a cache restart loses none. Being
rows, they could move inside the writing transaction and stay as correct; after
the commit, no writer holds a lock on a scope's row while its transaction runs.

A scope may also record what commits added to it (`shown(..., added_to=scope)`,
core/additions.py), so that what was made from an earlier number can take in
the new rows alone (a search's matches, after a reply).
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.utils import translation

from core import additions

ScopesOf = Callable[[Model], Iterable[str]]
Stamp = tuple[tuple[str, int], ...]  # the numbers of some scopes, at one moment
CACHE_SECONDS = 300
logger = logging.getLogger(__name__)

SHOWN: dict[type[Model], ScopesOf] = {}
AFTER_MOVE: dict[str, list[Callable[[], None]]] = {}
NOT_SHOWN: dict[type[Model], str] = {}
_IGNORED_FIELDS: dict[type[Model], frozenset[str]] = {}


def thread(pk) -> str:
    return f"thread:{pk}"


def board(slug) -> str:
    return f"board:{slug}"


def shown(
    model: type[Model],
    scopes: ScopesOf | Iterable[str],
    ignore=(),
    added_to: str = "",
) -> None:
    """Instances of model are shown in the scopes given (or returned by the
    function, for an instance); saving, deleting or relating one moves them.
    A save of only the `ignore` fields (a sign-in's last_login) moves nothing.
    A new instance is recorded as added to the scope `added_to` (core.additions)."""
    if added_to:
        additions.ADDED_TO[model] = added_to
    if not callable(scopes):
        fixed = tuple(scopes)
        scopes = lambda instance: fixed  # noqa: E731
    SHOWN[model] = scopes
    _IGNORED_FIELDS[model] = frozenset(ignore)
    uid = f"versions:{model._meta.label}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid)
    pre_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        m2m_changed.connect(_related, sender=through, dispatch_uid=f"{uid}:{through}")


MOVED_BY_CODE: dict[str, str] = {}


def moved_by_code(scope: str, why: str) -> None:
    """A scope that no model's save moves: the code that changes what it covers
    calls changed(scope) itself (why says which)."""
    MOVED_BY_CODE[scope] = why


def after_move(scope: str, callback: Callable[[], None]) -> None:
    """Call callback() once the numbers of a commit that moved scope are moved
    (to have the worker rebuild what is made from the scope)."""
    AFTER_MOVE.setdefault(scope, []).append(callback)


def not_shown(model: type[Model], why: str) -> None:
    """No kept copy holds model's rows (only their owner sees them, or no page)."""
    NOT_SHOWN[model] = why


def scopes_of(instance: Model) -> set[str]:
    scopes = SHOWN.get(type(instance)._meta.concrete_model)
    return set(scopes(instance)) if scopes else set()


def _saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw:  # loaddata: no page was made from data that is not there yet
        return
    if update_fields and set(update_fields) <= _IGNORED_FIELDS.get(sender, set()):
        return
    added_to = additions.ADDED_TO.get(sender) if created else None
    changed(*scopes_of(instance), added=(added_to, instance.pk) if added_to else None)


def _deleted(sender, instance, **kwargs):
    # Before the delete, while what the instance hangs from is still there.
    changed(*scopes_of(instance))


def _related(sender, instance, action, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    scopes = scopes_of(instance)
    if model in SHOWN:
        others = model._default_manager.all()
        if pk_set is not None:
            others = others.filter(pk__in=pk_set)
        elif action == "pre_clear":
            others = others.none()  # cleared: the instance's own scopes say it
        for other in others:
            scopes |= scopes_of(other)
    changed(*scopes)


def changed(*scopes: str, added: tuple[str, object] | None = None) -> None:
    """Move these scopes' numbers once the current transaction commits (at once
    outside one). Several changes in one transaction move each scope once.
    added: (scope, key) when the change is a new instance added to that scope."""
    scopes = {scope for scope in scopes if scope}
    if not scopes:
        return
    _pending().update(scopes)
    additions.note(scopes, added)
    transaction.on_commit(flush)


def _pending() -> set[str]:
    # One set per database connection, and so per thread.
    if not hasattr(connection, "versions_pending"):
        connection.versions_pending = set()
    return connection.versions_pending


def flush() -> None:
    """Move the numbers of the scopes changed so far."""
    pending = _pending()
    if not pending:
        return
    scopes = sorted(pending)  # one order for every writer: no deadlock
    pending.clear()
    added = additions.taken()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_version (scope, number)"
            " SELECT unnest(%s::varchar[]), 1"
            " ON CONFLICT (scope) DO UPDATE SET number = core_version.number + 1"
            " RETURNING scope, number",
            [scopes],
        )
        moved = dict(cursor.fetchall())
    additions.record(added, moved)
    callbacks = {c: None for scope in scopes for c in AFTER_MOVE.get(scope, ())}
    for callback in callbacks:
        try:
            callback()
        except Exception:  # the change is committed; a rebuild is only sooner
            logger.exception("After moving %s: %s failed", scopes, callback)


_KNOWN: ContextVar[dict[str, int] | None] = ContextVar("versions_known", default=None)


@contextmanager
def known(stamp: Stamp):
    """Within it, current() answers from the numbers of stamp for the scopes it
    covers, without a query: numbers a request read before any of its data (a
    guest's page, core/page_cache.py), so that what it keeps is still made from
    data at least as new as the numbers it is kept under."""
    token = _KNOWN.set(dict(stamp))
    try:
        yield
    finally:
        _KNOWN.reset(token)


def current(scopes: Iterable[str]) -> dict[str, int]:
    """Each scope's number (0 for a scope that never changed), in one query
    (none for the scopes already known: known())."""
    scopes = sorted(set(scopes))
    numbers_known = _KNOWN.get()
    if numbers_known is not None and numbers_known.keys() >= set(scopes):
        return {scope: numbers_known[scope] for scope in scopes}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT scope, number FROM core_version WHERE scope = ANY(%s::varchar[])",
            [scopes],
        )
        found = dict(cursor.fetchall())
    return {scope: found.get(scope, 0) for scope in scopes}


def stamp(*scopes: str) -> Stamp:
    """The current numbers of scopes, to keep something made from them under."""
    return tuple(sorted(current(scopes).items()))


def numbers(**scopes: str) -> dict:
    """Each scope's number as an annotation (0 for a scope that never moved), so
    a page reads them in the query that reads its data: what it then keeps is
    made from data at least as new. `stamp_of` gives them back as a Stamp."""
    from django.db.models import Subquery, Value
    from django.db.models.functions import Coalesce

    from core.models import Version

    return {
        name: Coalesce(
            Subquery(Version.objects.filter(scope=scope).values("number")[:1]),
            Value(0),
        )
        for name, scope in scopes.items()
    }


def stamp_of(instance: Model, **scopes: str) -> Stamp:
    """The Stamp of the numbers annotated on instance by numbers(**scopes)."""
    return tuple(
        sorted((scope, getattr(instance, name)) for name, scope in scopes.items())
    )


def digest(stamp: Stamp, *parts, language: bool = True) -> str:
    """The key of what is kept for these numbers and parts, in the active
    language: a copy rendered in English is never served in Spanish. Only what is
    the same in every language (counts, names as written) leaves it out."""
    shown_in = translation.get_language() if language else None
    return hashlib.sha256(repr((stamp, parts, shown_in)).encode()).hexdigest()


def entry(name: str, stamp: Stamp, key: tuple) -> str:
    """The cache key of what is kept under name and key for these numbers."""
    return f"{name}:{digest(stamp, *key)}"


def cached(name: str, stamp: Stamp, key: tuple, compute, seconds=CACHE_SECONDS):
    """compute(), kept under name and key for these numbers of its scopes."""
    return cache.get_or_set(entry(name, stamp, key), compute, seconds)
