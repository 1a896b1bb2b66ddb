"""What the site search finds in the library (core/search.py): published
resources, with the library's own filters."""

from django.db.models import Case, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from core import search
from core.bulk import among, key_array
from core.large_search import large_page, newest_keys, newest_matches, newest_prepared
from core.prepared import Prepared
from core.translated import Shown, marked, reading_spanish, shown
from resources.filesearch import file_hit, found_in_file
from resources.filters import (
    DATE_ORDER,
    LibraryFilters,
    apply_filters,
    found,
    search_query,
    search_rank,
    spanish_query,
)
from resources.models import Resource


def resources_search(user, terms: search.SiteSearch, section, stamp) -> search.Pending:
    """Every viewer may find every published resource: one kept copy for all."""
    key = (terms.q, terms.kinds, terms.topics, terms.years)
    return search.kept(section, key, lambda s: _fill(terms, s), stamp)


def _fill(terms: search.SiteSearch, section: search.Section) -> None:
    filters = LibraryFilters(
        q=terms.q, kinds=terms.kinds, topics=terms.topics, years=terms.years
    )
    if terms.kinds or terms.topics or terms.years:
        matches = apply_filters(Resource.objects.published(), filters)
        matches = matches.filter(found(terms.q))
        keys = newest_matches(matches, DATE_ORDER, search_rank(terms.q))
    else:  # the shape most searches have: its statement built once
        keys = newest_prepared(_KEYS, "-" in terms.q, q=terms.q)
    shape = reading_spanish()

    def rows_of(keys):
        return _PAGE.rows(shape, keys=key_array(keys), q=terms.q)

    for resource in large_page(keys, section, rows_of):
        section.hits.append(_hit(resource))


def _keys_query(cover: bool, *, q: str) -> QuerySet:
    """The newest published resources matching q, with no filter, as _fill
    reads them; cover: ranked by cover density (a query with a -word)."""
    matches = Resource.objects.published().filter(found(q))
    return newest_keys(matches, DATE_ORDER, search_rank(q, cover=cover))


_KEYS = Prepared(_keys_query)


def _page_query(spanish: bool, *, keys: str, q: str) -> QuerySet:
    """The resources of keys (an array literal) as a search's hits show them,
    with their snippets around the words of q, for a reader of Spanish or not."""
    return (
        Resource.objects.filter(among(keys))
        .defer("description", "description_html")
        .without_vectors()
        .annotate(
            snippet=_snippet(q, spanish),
            # found only inside the file: which page, and its words
            file_hit=file_hit(q),
        )
        .select_related("organization")
    )


_PAGE = Prepared(_page_query)


def _snippet(q: str, spanish: bool):
    """The summary and description around the words; for a Spanish reader, the
    Spanish summary where a curator gave one."""
    english = search.headline(
        Concat("summary", Value(" "), "description", output_field=TextField()),
        search_query(q),
    )
    if not spanish:
        return english
    spanish = search.headline("summary_es", spanish_query(q), config="spanish")
    return Case(When(summary_es="", then=english), default=spanish)


def _hit(resource: Resource) -> search.Hit:
    meta = [str(resource.get_kind_display())]
    if resource.organization:
        meta.append(resource.organization.label)
    if resource.published_on:
        meta.append(resource.date_label)
    summary = shown(resource, "summary")
    return search.Hit(
        title=marked(shown(resource, "title")),
        url=resource.get_absolute_url(),
        snippet=found_in_file(resource)
        or marked(Shown(search.marked(resource.snippet), summary.lang)),
        meta=" · ".join(meta),
    )


def register() -> None:
    search.register(
        search.SectionInfo(
            "resources",
            _("Resources"),
            frozenset({"kind", "topic", "year"}),
            fill=resources_search,
            order=10,
            scopes=("library", "topics"),
        )
    )
