"""Querysets whose building costs more than running them: built once per process
and per shape, with stand-in values, and run by each use with its own values.

Building a queryset of a dozen subqueries (annotate, filter, resolve) costs
milliseconds of Python, as much as the database spends running it. `Prepared`
builds it once per shape (the viewer's kind, say) with stand-ins for the values
that differ between uses (numbers no row has, strings no row holds), and each
use swaps its own values for the stand-ins in the parameters sent to the
database (Django's execute_wrapper). Each stand-in is checked to reach the
query when it is built, and one that reached the database unswapped would
match no row: a mistake fails closed, never open."""

import itertools
from collections.abc import Callable, Hashable

from django.db import connections
from django.db.models import QuerySet

_numbers = itertools.count(1)


def _stand_in(value):
    number = next(_numbers)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"a stand-in is a number or a string, not {value!r}")
    if isinstance(value, int):
        # No row's key, and inside a 32-bit integer's range: Django drops a lookup
        # on a value out of its field's range from the query (see _checked).
        return -2_000_000_000 - number
    return f"\x1fstand-in {number}\x1f"  # no text anyone writes


def _checked(queryset: QuerySet, stand_ins: dict) -> QuerySet:
    """The queryset, once each stand-in is known to reach the database: one that
    Django left out of the SQL (a value it knows no row can have) would leave the
    use's value out too."""
    _, params = queryset.query.sql_with_params()
    sent = {(type(p), p) for p in params}
    lost = [n for n, v in stand_ins.items() if (type(v), v) not in sent]
    if lost:
        raise ValueError(f"these stand-ins do not reach the query: {lost}")
    return queryset


class Prepared:
    """build(shape, **stand_ins) -> QuerySet, kept per shape; first(shape,
    **values) runs it with the values in place of the stand-ins."""

    def __init__(self, build: Callable[..., QuerySet]):
        self._build = build
        self._kept: dict[Hashable, tuple[QuerySet, dict]] = {}

    def first(self, shape: Hashable, **values):
        kept = self._kept.get(shape)
        if kept is None or kept[1].keys() != values.keys():
            stand_ins = {name: _stand_in(value) for name, value in values.items()}
            queryset = _checked(self._build(shape, **stand_ins), stand_ins)
            kept = self._kept[shape] = (queryset, stand_ins)
        queryset, stand_ins = kept
        swaps = {
            (type(stand_ins[name]), stand_ins[name]): value
            for name, value in values.items()
        }
        with connections[queryset.db].execute_wrapper(_Swapping(swaps)):
            return queryset.first()


class _Swapping:
    def __init__(self, swaps: dict):
        self.swaps = swaps

    def __call__(self, execute, sql, params, many, context):
        if params and not many:
            params = [self.swaps.get((type(p), p), p) for p in params]
        return execute(sql, params, many, context)
