"""Querysets whose building costs more than running them: built once per process
and per shape, with stand-in values, and run by each use with its own values.

Building a queryset of a dozen subqueries (annotate, filter, resolve) and
compiling it cost milliseconds of Python, as much as the database spends
running it. `Prepared` builds and compiles it once per shape (the viewer's kind,
say) with stand-ins for the values that differ between uses (numbers no row
has, strings no row holds), and each use swaps its own values for the
stand-ins in the parameters sent to the database (Django's execute_wrapper).
Each stand-in is checked to reach the SQL when it is compiled, and one that
reached the database unswapped would match no row: a mistake fails closed,
never open."""

import functools
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
        # on a value out of its field's range from the query (see _Compiled).
        return -2_000_000_000 - number
    return f"\x1fstand-in {number}\x1f"  # no text anyone writes


class _Compiled:
    """A query compiled once: its SQL and parameters (stand-ins among them), and
    what reading its rows needs (the compiler's select, klass_info...). Each use
    gets a compiler of its own, on its own connection, holding these instead of
    compiling again; compiling a dozen subqueries costs milliseconds as well."""

    STATE = ("select", "klass_info", "annotation_col_map", "col_count")
    STATE += ("has_extra_select",)

    def __init__(self, queryset: QuerySet, stand_ins: dict):
        compiler = queryset.query.get_compiler(using=queryset.db)
        self.sql, self.params = compiler.as_sql()
        self.state = {name: getattr(compiler, name) for name in self.STATE}
        # A stand-in Django left out of the SQL (a value it knows no row can
        # have) would leave the use's value out too: refused here.
        sent = {(type(p), p) for p in self.params}
        lost = [n for n, v in stand_ins.items() if (type(v), v) not in sent]
        if lost:
            raise ValueError(f"these stand-ins do not reach the query: {lost}")

    def compiler(self, query, using=None, connection=None, elide_empty=True):
        compiler = type(query).get_compiler(query, using, connection, elide_empty)
        compiler.__dict__.update(self.state)
        compiler.as_sql = lambda *args, **kwargs: (self.sql, self.params)
        return compiler


class Prepared:
    """build(shape, **stand_ins) -> QuerySet, kept per shape; first(shape,
    **values) and rows(shape, **values) run it with the values in place of the
    stand-ins. A shape that changes the SQL (a slice: LIMIT and OFFSET are
    written into it) is part of the shape."""

    def __init__(self, build: Callable[..., QuerySet]):
        self._build = build
        self._kept: dict[Hashable, tuple[QuerySet, dict, _Compiled]] = {}

    def first(self, shape: Hashable, **values):
        def one(built):  # as QuerySet.first() takes it: in its order, else by key
            return (built if built.ordered else built.order_by("pk"))[:1]

        return next(iter(self._run(("first", shape), one, values)), None)

    def rows(self, shape: Hashable, **values) -> list:
        return self._run(("rows", shape), lambda built: built, values)

    def _run(self, key, final, values: dict) -> list:
        kept = self._kept.get(key)
        if kept is None or kept[1].keys() != values.keys():
            stand_ins = {name: _stand_in(value) for name, value in values.items()}
            queryset = final(self._build(key[1], **stand_ins))
            compiled = _Compiled(queryset, stand_ins)
            kept = self._kept[key] = (queryset, stand_ins, compiled)
        queryset, stand_ins, compiled = kept
        swaps = {
            (type(stand_ins[name]), stand_ins[name]): value
            for name, value in values.items()
        }
        use = queryset._chain()
        use.query.get_compiler = functools.partial(compiled.compiler, use.query)
        with connections[use.db].execute_wrapper(_Swapping(swaps)):
            return list(use)  # with what it prefetches


class _Swapping:
    def __init__(self, swaps: dict):
        self.swaps = swaps

    def __call__(self, execute, sql, params, many, context):
        if params and not many:
            params = [self.swaps.get((type(p), p), p) for p in params]
        return execute(sql, params, many, context)
