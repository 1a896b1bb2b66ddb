"""The library's reads: a page of the library with its facet counts, the
featured resources, the topics to choose from."""

from django.core.cache import cache
from django.db.models import QuerySet
from taggit.models import Tag

from core import versions
from resources.facets import Counts, counts, facet_cells_made_at
from resources.filters import (
    DATE_ORDER,
    LibraryFilters,
    apply_filters,
    newest,
    search_rank,
    search_resources,
)
from resources.models import FacetCell, Resource


def library(filters: LibraryFilters, stamp: versions.Stamp) -> tuple[QuerySet, Counts]:
    """Published resources matching the filters, sorted; each facet's counts and
    how many resources match.

    Each facet counts what the other facets (and the search) leave, so choosing a
    kind does not hide the other kinds one could add to it. With a search word,
    the list and the counts cover its newest MAX_MATCHES matches. Counting reads
    the matching resources, so the counts are kept per filter state with the
    versions of the library they were counted from (core/versions.py); after a
    change, one request recounts while the others show the counts from before,
    and the worker counts the facet cells again.
    """
    base = search_resources(Resource.objects.published(), filters.q)
    results = apply_filters(base, filters)
    if filters.q:
        results = newest(results)
    results = results.select_related("organization").prefetch_related("tags")
    if filters.sort == "relevance":
        results = results.annotate(rank=search_rank(filters.q)).order_by(
            "-rank", "-published_on", "-pk"
        )
    elif filters.sort == "title":
        results = results.order_by("title", "pk")
    else:
        results = results.order_by(*DATE_ORDER)

    return results, counts(base, filters, stamp)


def featured_resources(limit: int = 6) -> QuerySet:
    return (
        Resource.objects.published()
        .filter(featured=True)
        .select_related("organization")
        .order_by(*DATE_ORDER)[:limit]
    )


TOPIC_CHOICES_SECONDS = 300


def topic_choices() -> list[tuple[str, str]]:
    """(slug, name) of every topic a published resource carries, by name.

    Public data, the same for every viewer; kept in the cache for a few minutes.
    Read from the facet cells, counted again first if the library changed."""

    def read() -> list[tuple[str, str]]:
        # From the facet cells (a few thousand rows), not every tagged resource.
        facet_cells_made_at(versions.stamp("library", "topics"))
        return list(
            Tag.objects.filter(pk__in=FacetCell.objects.exclude(tag=None).values("tag"))
            .order_by("name")
            .values_list("slug", "name")
        )

    return cache.get_or_set("resources:topic-choices", read, TOPIC_CHOICES_SECONDS)
