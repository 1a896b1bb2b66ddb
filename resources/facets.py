"""The library's facet counts: from the facet cells (a materialized view the
worker counts again after each change of the library) whatever the size of
the library, or, for a search, among its newest matches."""

from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.tasks import task

from core import rebuilt, versions
from core.bulk import among
from resources import filters as filtering
from resources.cell_sums import FACET_NAMES, cell_sums, kept_sums
from resources.filters import (
    DATE_ORDER,
    LibraryFilters,
    apply_filters,
)
from resources.models import Organization, Resource, TaggedResource

CELLS_KEY = "library:facet-cells"  # the versions the facet cells were counted at
CELLS_SCOPES = ("library", "topics")  # what the facet cells are counted from


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    capped: bool = False  # counted among a search's newest matches: at least this


@dataclass
class Counts:
    facets: dict[str, list[FacetValue]]
    count: int  # how many match, at most MAX_MATCHES when capped
    capped: bool = False  # more match than count


def counts(base: QuerySet, filters: LibraryFilters, stamp) -> Counts:
    """The facets and how many match: from the facet cells, whatever the size of
    the library, unless a search or several topics narrow the resources in a way
    the cells cannot say (a resource with two chosen topics is in two cells)."""
    if filters.q or len(filters.topics) > 1:

        def count():
            if filters.q:
                return _search_counts(base, filters, stamp)
            facets = _facets(
                filters, lambda skip: apply_filters(base, filters, skip=skip)
            )
            return Counts(facets, apply_filters(base, filters).count())

        return rebuilt.rebuilt_by_one("library:counts", stamp, filters.cache_key, count)

    # Kept under the versions the cells were counted at: counts from cells
    # that are behind the library are never kept as current.
    made_at = facet_cells_made_at(stamp)
    if made_at is None:
        return Counts(*_facets_from_cells(filters))
    return Counts(*_facets_from_cells(filters, kept_sums(filters, made_at)))


def _search_counts(base: QuerySet, filters: LibraryFilters, stamp) -> Counts:
    """A search's counts, each among the newest MAX_MATCHES of what it counts: a
    facet's value then has at least its count (shown "12+").

    A facet counts what the other filters leave: the list's own matches unless
    its filter is chosen. Each of these sets is read once, as the newest
    matches' keys with their kind, organization and year (newest_rows), which
    are counted here; their topics are counted by the tags' own index."""

    read = {}  # each set once a request: it is a thousand rows to unpickle

    def rows(skip: str) -> list[tuple]:
        skip = skip if filters.chosen.get(skip) else ""
        if skip not in read:
            read[skip] = newest_rows(base, filters, stamp, skip)
        return read[skip]

    def counted(skip: str, column: int) -> Counter:
        found = rows(skip)[: filtering.MAX_MATCHES]
        return Counter(row[column] for row in found if row[column] is not None)

    organizations = counted("org", 2)
    named = Organization.objects.filter(pk__in=organizations).values_list(
        "pk", "slug", "short_name", "name"
    )
    keys = [row[0] for row in rows("topic")[: filtering.MAX_MATCHES]]
    topics = (
        TaggedResource.objects.filter(among(keys, "content_object_id"))
        .values("tag__slug", "tag__name")
        .annotate(n=Count("pk"))  # a topic is on a resource once (constraint)
        .order_by("-n", "tag__name")[:30]
    )
    facets = {
        "kind": _kind_values(counted("kind", 1).items(), filters),
        "topic": _topic_values(topics, "n", filters),
        "org": [
            FacetValue(slug, short_name or name, organizations[pk],
                       slug in filters.organizations)
            for pk, slug, short_name, name in sorted(
                named, key=lambda org: (-organizations[org[0]], org[3])
            )[:30]
        ],
        "year": [
            FacetValue(str(year), str(year), n, year in filters.years)
            for year, n in sorted(counted("year", 3).items(), reverse=True)
        ],
    }  # fmt: skip
    for name, values in facets.items():
        capped = len(rows(name)) > filtering.MAX_MATCHES
        for value in values:
            value.capped = capped
    count = len(rows(""))
    return Counts(
        facets, min(count, filtering.MAX_MATCHES), count > filtering.MAX_MATCHES
    )


def newest_rows(base: QuerySet, filters: LibraryFilters, stamp, skip: str = ""):
    """The newest MAX_MATCHES + 1 of a search's matches (base) that the filters
    but one (skip) leave, in the library's date order, which an index reads, as
    (key, kind, organization, year): the list's page is taken among them and
    the facets count them.

    Kept under the library's numbers as read before (core/versions.py), never
    older than its last change, and shared by the filter states that differ
    only in the skipped facet's values; in a request, the list and its counts
    read them once."""
    chosen = filters.chosen | {skip: []}  # the same as with none of it chosen
    return versions.cached(
        "library:newest",
        stamp,
        (filters.q, *(chosen[name] for name in ("kind", "topic", "org", "year"))),
        lambda: list(
            apply_filters(base, filters, skip=skip)
            .order_by(*DATE_ORDER)
            .values_list("pk", "kind", "organization", ExtractYear("published_on"))[
                : filtering.MAX_MATCHES + 1
            ]
        ),
    )


def facet_cells_refresh(stamp) -> None:
    """Count the facet cells again if the library changed since they were last
    counted (stamp: the library's versions, read before); one process at a time,
    the others go on with the cells as they are."""
    if cache.get(CELLS_KEY) == stamp or not cache.add(f"{CELLS_KEY}:lock", True, 60):
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY resources_facetcell")
        cache.set(CELLS_KEY, stamp, None)
        # What was made from the cells as they were (a guest's library page) is
        # kept under the facets' number: moving it makes those copies unused.
        versions.changed("facets")
    finally:
        cache.delete(f"{CELLS_KEY}:lock")


def facet_cells_made_at(stamp) -> versions.Stamp | None:
    """The versions the facet cells were counted at. The worker counts them
    again after each change of the library (facet_cells_soon); a request counts
    them only when nobody knows when they were counted (the cache was emptied),
    and gets None if another is counting them meanwhile."""
    stamp = tuple((scope, n) for scope, n in stamp if scope in CELLS_SCOPES)
    made_at = cache.get(CELLS_KEY)
    if made_at is None:
        facet_cells_refresh(stamp)
        return cache.get(CELLS_KEY)
    if made_at != stamp:
        facet_cells_soon()  # in case the worker's task was lost
    return made_at


CELLS_QUEUED_KEY = f"{CELLS_KEY}:queued"


def facet_cells_soon() -> None:
    """After a commit that changed the library or its topics: have the worker
    count the facet cells again, once for a burst of changes."""
    if cache.add(CELLS_QUEUED_KEY, True, 300):
        facet_cells_update.enqueue()


@task
def facet_cells_update() -> None:
    """The worker's part of facet_cells_soon()."""
    cache.delete(CELLS_QUEUED_KEY)  # a change from now on asks again
    facet_cells_refresh(versions.stamp(*CELLS_SCOPES))


def _facets_from_cells(filters: LibraryFilters, sums=None) -> tuple[dict, int]:
    """The facets and how many match, from the cells' sums (summed now unless
    given)."""
    if sums is None:
        sums = cell_sums(filters, FACET_NAMES)
    kinds = [(kind, n) for kind, _, _, n in sums["kind"]]
    count = sum(n for kind, n in kinds if not filters.kinds or kind in filters.kinds)
    topics = [
        {"tag__slug": slug, "tag__name": name, "total": n}
        for slug, name, _, n in sums["topic"]
    ]
    facets = {
        "kind": _kind_values(kinds, filters),
        "topic": _topic_values(topics, "total", filters),
        "org": [
            FacetValue(slug, short_name or name, n, slug in filters.organizations)
            for slug, name, short_name, n in sums["org"]
        ],
        "year": [
            FacetValue(year, year, n, int(year) in filters.years)
            for year, _, _, n in sorted(
                sums["year"], key=lambda row: int(row[0]), reverse=True
            )
        ],
    }
    return facets, count


def _facets(filters: LibraryFilters, leaving) -> dict:
    """Each facet's values with their counts among leaving(facet), the resources
    the filters but the facet's own leave."""
    tagged = TaggedResource.objects.filter(content_object__in=leaving("topic"))

    kinds = leaving("kind").values("kind").annotate(n=Count("pk"))
    facets = {
        "kind": _kind_values(((r["kind"], r["n"]) for r in kinds), filters),
        "topic": _topic_values(
            tagged.values("tag__slug", "tag__name")
            .annotate(n=Count("pk"))  # a topic is on a resource once (constraint)
            .order_by("-n", "tag__name")[:30],
            "n",
            filters,
        ),
        "org": [
            FacetValue(row["organization__slug"],
                       row["organization__short_name"] or row["organization__name"],
                       row["n"], row["organization__slug"] in filters.organizations)
            for row in leaving("org")
            .exclude(organization=None)
            .values("organization__slug", "organization__name",
                    "organization__short_name")
            .annotate(n=Count("pk"))
            .order_by("-n", "organization__name")[:30]
        ],
        "year": [
            FacetValue(str(row["year"]), str(row["year"]), row["n"],
                       row["year"] in filters.years)
            for row in leaving("year")
            .exclude(published_on=None)
            .annotate(year=ExtractYear("published_on"))
            .values("year")
            .annotate(n=Count("pk"))
            .order_by("-year")
        ],
    }  # fmt: skip
    return facets


def _kind_values(counts, filters: LibraryFilters) -> list[FacetValue]:
    """The kind facet from (kind, count) pairs: most first, then by label."""
    labels = dict(Resource.Kind.choices)
    return sorted(
        (FacetValue(kind, str(labels.get(kind, kind)), n, kind in filters.kinds)
         for kind, n in counts),
        key=lambda f: (-f.count, f.label),
    )  # fmt: skip


def _topic_values(rows, count: str, filters: LibraryFilters) -> list[FacetValue]:
    """The topic facet from rows of tag__slug, tag__name and their count."""
    return [
        FacetValue(row["tag__slug"], row["tag__name"], row[count],
                   row["tag__slug"] in filters.topics)
        for row in rows
    ]  # fmt: skip
