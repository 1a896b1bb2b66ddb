"""The library's filters, read from the URL, and the querysets they make:
full-text search, kinds, topics, organizations, years, sorts."""

from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Q, QuerySet
from django.http import QueryDict
from taggit.models import Tag

from core.text import clean_query, whole_number
from resources.models import Organization, Resource, TaggedResource

# A search's list and facets come from its newest MAX_MATCHES matches, as the
# site search's: a common word matches most of the library, and counting every
# match grew with the library. Beyond it the counts say "1,000+".
MAX_MATCHES = 1000
MAX_VALUES_PER_FACET = 20
SORTS = {"new", "title", "relevance"}


# The library's date order, read from a partial index (migration 0001).
DATE_ORDER = (F("published_on").desc(nulls_last=True), "-pk")


@dataclass
class LibraryFilters:
    q: str = ""
    kinds: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    sort: str = "new"

    @classmethod
    def from_query(cls, params: QueryDict) -> "LibraryFilters":
        """Read the URL's filters, dropping any value that is not well-formed."""
        kinds = set(Resource.Kind.values)
        q = clean_query(params.get("q", ""))
        years = []
        for value in params.getlist("year")[:MAX_VALUES_PER_FACET]:
            year = whole_number(value)
            if year is not None and 1800 <= year <= 2200:
                years.append(year)
        sort = params.get("sort", "")
        if sort not in SORTS or (sort == "relevance" and not q):
            sort = "relevance" if q else "new"
        return cls(
            q=q,
            kinds=[k for k in dict.fromkeys(params.getlist("kind")) if k in kinds],
            topics=_slugs(params.getlist("topic")),
            organizations=_slugs(params.getlist("org")),
            years=sorted(set(years), reverse=True),
            sort=sort,
        )

    @cached_property
    def topic_ids(self) -> list[int]:
        # Looked up first: with the ids written out, PostgreSQL knows how common
        # each topic is and reads a rare one's few resources instead of the
        # whole library in date order (400 ms for a rare topic at 100,000).
        return list(
            Tag.objects.filter(slug__in=self.topics).values_list("pk", flat=True)
        )

    @cached_property
    def organization_ids(self) -> list[int]:
        return list(
            Organization.objects.filter(slug__in=self.organizations).values_list(
                "pk", flat=True
            )
        )

    @property
    def chosen(self) -> dict[str, list]:
        """Each facet's chosen values, by the facet's name in the URL."""
        return {"kind": self.kinds, "topic": self.topics,
                "org": self.organizations, "year": self.years}  # fmt: skip

    @property
    def cache_key(self) -> tuple:
        return (self.q, self.kinds, self.topics, self.organizations, self.years)

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.q or self.kinds or self.topics or self.organizations or self.years
        )


def _slugs(values: list[str]) -> list[str]:
    return [
        v
        for v in dict.fromkeys(values)
        if v and len(v) <= 100 and v.replace("-", "").replace("_", "").isalnum()
    ][:MAX_VALUES_PER_FACET]


def search_query(q: str) -> SearchQuery:
    return SearchQuery(q, config="english", search_type="websearch")


def spanish_query(q: str) -> SearchQuery:
    return SearchQuery(q, config="spanish", search_type="websearch")


def found_in_spanish(q: str) -> Q:
    """The words match a resource's Spanish title or summary. Each language is
    searched on its own: "-word" leaves out what holds the word in that language.
    Only resources with some Spanish: an empty column matches a "-word" alone."""
    return Q(search_vector_es=spanish_query(q)) & ~Q(title_es="", summary_es="")


def found(q: str) -> Q:
    """The words match a resource's English text (and its file's) or its Spanish."""
    return Q(search_vector=search_query(q)) | found_in_spanish(q)


def search_rank(q: str, *, cover: bool | None = None) -> SearchRank:
    """Plain ts_rank of both columns; cover density costs more, but plain ranking
    gives every row 0 for a -word query (cover: whether q has one, for a prepared
    query's stand-in q)."""
    cover = "-" in q if cover is None else cover
    return SearchRank(
        F("search_vector"), search_query(q), cover_density=cover
    ) + SearchRank(F("search_vector_es"), spanish_query(q), cover_density=cover)


def search_resources(queryset: QuerySet, q: str) -> QuerySet:
    if not q:
        return queryset
    return queryset.filter(found(q))


def apply_filters(
    queryset: QuerySet, filters: LibraryFilters, *, skip: str = ""
) -> QuerySet:
    """Narrow resources by the filters but one (skip), for a facet's counts."""
    if filters.kinds and skip != "kind":
        queryset = queryset.filter(kind__in=filters.kinds)
    if filters.topics and skip != "topic":
        queryset = queryset.filter(
            pk__in=TaggedResource.objects.filter(tag__in=filters.topic_ids).values(
                "content_object_id"
            )
        )
    if filters.organizations and skip != "org":
        queryset = queryset.filter(organization__in=filters.organization_ids)
    if filters.years and skip != "year":
        # published_on__year=Y is a date range PostgreSQL can estimate and read
        # from an index; __year__in would extract the year of every row.
        years = Q()
        for year in filters.years:
            years |= Q(published_on__year=year)
        queryset = queryset.filter(years)
    return queryset
