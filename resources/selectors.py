"""The library's reads: a page of the library with its facet counts, the
featured resources, the topics to choose from, a resource's page."""

from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import JSONObject
from taggit.models import Tag

from core import versions
from core.bulk import among
from core.prepared import Prepared
from resources import filters as filtering
from resources.facets import Counts, counts, facet_cells_made_at, newest_rows
from resources.filters import (
    DATE_ORDER,
    LibraryFilters,
    apply_filters,
    search_rank,
    search_resources,
)
from resources.models import (
    Bookmark,
    Collection,
    FacetCell,
    Resource,
    TaggedResource,
)


def library(
    filters: LibraryFilters, stamp: versions.Stamp
) -> tuple[QuerySet | list[int], Counts]:
    """The keys of the published resources matching the filters, in the list's
    order (a queryset of them, or a list when it is known without one); each
    facet's counts and how many resources match.

    Each facet counts what the other facets (and the search) leave, so choosing a
    kind does not hide the other kinds one could add to it. With a search word,
    the list and the counts cover its newest MAX_MATCHES matches, read once for
    both (newest_rows). Counting reads the matching resources, so the counts are
    kept per filter state with the versions of the library they were counted
    from (core/versions.py); after a change, one request recounts while the
    others show the counts from before, and the worker counts the facet cells
    again.
    """
    base = search_resources(Resource.objects.published(), filters.q)
    if filters.q:
        rows = newest_rows(base, filters, stamp)[: filtering.MAX_MATCHES]
        keys = [row[0] for row in rows]
        if filters.sort == "new":
            return keys, counts(base, filters, stamp)  # already in date order
        results = Resource.objects.published().filter(among(keys))
    else:
        results = apply_filters(base, filters)
    if filters.sort == "relevance":
        results = results.annotate(rank=search_rank(filters.q)).order_by(
            "-rank", "-published_on", "-pk"
        )
    elif filters.sort == "title":
        results = results.order_by("title", "pk")
    else:
        results = results.order_by(*DATE_ORDER)
    return results.values_list("pk", flat=True), counts(base, filters, stamp)


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


def resource_page(user, slug: str) -> Resource | None:
    """The resource at slug if the viewer may see it (published; curators see it
    in any state: ResourceQuerySet.visible_to), None otherwise; with its
    organizations, its topics by name (.topics), the published collections
    holding it by title (.in_collections), whether this member saved it
    (.is_saved) and its published related resources by title (.related_shown).

    Two prepared queries (core.prepared), built once per kind of viewer: the
    resource with the rest as arrays, and its related resources."""
    curator = user.is_staff and user.has_perm("resources.view_resource")
    values = {"slug": slug}
    if user.is_authenticated:
        values["user_id"] = user.pk
    resource = _RESOURCE.first((curator, user.is_authenticated), **values)
    if resource is None:
        return None
    resource.topics = [Tag(**row) for row in resource.topic_rows]
    resource.in_collections = [Collection(**row) for row in resource.collection_rows]
    resource.is_saved = getattr(resource, "is_saved", False)
    resource.related_shown = _RELATED.rows("related", resource_id=resource.pk)
    return resource


def _resource_query(shape, *, slug, user_id=None):
    curator, member = shape
    resources = Resource.objects.all() if curator else Resource.objects.published()
    resources = resources.select_related("organization", "subject_organization")
    tagged = TaggedResource.objects.filter(content_object=OuterRef("pk"))
    collections = Collection.objects.published().filter(resources=OuterRef("pk"))
    resources = resources.annotate(
        topic_rows=ArraySubquery(
            tagged.order_by("tag__name", "tag_id").values(
                row=JSONObject(id="tag_id", name="tag__name", slug="tag__slug")
            )
        ),
        collection_rows=ArraySubquery(
            collections.order_by("title", "pk").values(
                row=JSONObject(id="pk", title="title", title_es="title_es", slug="slug")
            )
        ),
    )
    if member:
        resources = resources.annotate(
            is_saved=Exists(
                Bookmark.objects.filter(user_id=user_id, resource=OuterRef("pk"))
            )
        )
    return resources.filter(slug=slug)


def _related_query(shape, *, resource_id):
    return (
        Resource.objects.published()
        .filter(related=resource_id)
        .select_related("organization")
        .order_by("title", "pk")
    )


# Built and compiled once per kind of viewer (core.prepared): building the
# page's queries cost more than running them.
_RESOURCE = Prepared(_resource_query)
_RELATED = Prepared(_related_query)
