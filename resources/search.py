"""What the site search finds in the library (core/search.py): published
resources, with the library's own filters."""

from django.db.models import F, TextField, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from core import search
from resources.filesearch import file_hit, found_in_file
from resources.filters import LibraryFilters, apply_filters
from resources.models import Resource


def resources_search(user, terms: search.SiteSearch, section, stamp) -> None:
    """Every viewer may find every published resource: one kept copy for all."""
    key = (terms.q, terms.kinds, terms.topics, terms.years)
    search.kept(section, key, lambda s: _fill(terms, s), stamp)


def _fill(terms: search.SiteSearch, section: search.Section) -> None:
    filters = LibraryFilters(
        q=terms.q, kinds=terms.kinds, topics=terms.topics, years=terms.years
    )
    matches = apply_filters(Resource.objects.published(), filters)
    query = search.web_query(terms.q)
    matches = matches.filter(search_vector=query)
    newest = (F("published_on").desc(nulls_last=True), "-pk")

    def ranked(rows):
        return (
            rows.defer("description", "description_html")
            .without_vectors()
            .annotate(
                rank=search.rank(query, terms.q),
                snippet=search.headline(
                    Concat(
                        "summary", Value(" "), "description", output_field=TextField()
                    ),
                    query,
                ),
                # found only inside the file: which page, and its words
                file_hit=file_hit(query),
            )
            .order_by("-rank", *newest)
            .select_related("organization")
        )

    for resource in search.large_page(matches, newest, ranked, section):
        meta = [str(resource.get_kind_display())]
        if resource.organization:
            meta.append(resource.organization.label)
        if resource.published_on:
            meta.append(resource.date_label)
        section.hits.append(
            search.Hit(
                title=resource.title,
                url=resource.get_absolute_url(),
                snippet=found_in_file(resource) or search.marked(resource.snippet),
                meta=" · ".join(meta),
            )
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
