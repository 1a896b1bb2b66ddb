"""One search over everything the viewer may read: each app's sections
(core/search.py), in their order.

Each section is one or two SQL queries: its page of results, ranked, with a
snippet and the total count. What a viewer may read is decided at search time,
by the same querysets the pages use (published resources, posts in boards the
viewer reads and neither hidden nor deleted, sessions the viewer may know of),
so an edit, a hidden post or a publication shows in the very next search.
Private session details (agenda, notes, place) are searched only for the
cohort's own people.
"""

from django.http import QueryDict

from core import versions
from core.search import (
    MAX_PAGE,
    PER_PAGE,
    PER_SECTION,
    SECTIONS,
    Section,
    SiteSearch,
    fill_kept,
)
from core.text import whole_number
from resources.filters import LibraryFilters

__all__ = ["PER_PAGE", "PER_SECTION", "SECTIONS", "SiteSearch", "site_search"]


def search_from_query(params: QueryDict) -> SiteSearch:
    """What the URL asks for, read as the library reads its filters."""
    library = LibraryFilters.from_query(params)
    section = params.get("section", "")
    page = whole_number(params.get("page"))
    return SiteSearch(
        q=library.q,
        kinds=library.kinds,
        topics=library.topics,
        years=library.years,
        section=section if section in {info.key for info in SECTIONS} else "",
        page=min(page, MAX_PAGE) if page else 1,
    )


def site_search(user, search: SiteSearch) -> list[Section]:
    """Every section the filters apply to, each with its count and its hits: the
    chosen section's page of PER_PAGE, the others' first PER_SECTION."""
    sections, pending = [], []
    # The numbers of every kept section's scopes, read at once.
    stamp = versions.stamp(*{scope for info in SECTIONS for scope in info.scopes})
    for info in SECTIONS:
        if not search.applies_to(info):
            continue
        if info.members_only and not user.is_authenticated:
            continue
        chosen = info.key == search.section
        section = Section(
            info,
            page=search.page if chosen else 1,
            per_page=PER_PAGE if chosen else PER_SECTION,
        )
        pending.append(info.fill(user, search, section, stamp))
        sections.append(section)
    fill_kept(pending)
    return sections
