"""The site search's common parts: what a section of results is, and the
PostgreSQL full-text pieces every section uses.

Each app that has something to find registers its sections here
(`register(SectionInfo(...))`, from its AppConfig.ready()) with the function
that fills one: adding a searchable thing touches only its own app. The page
itself (pages/search.py) asks every registered section in turn.

It is PostgreSQL's full-text search: web-search syntax (quotes, OR, -word),
English stemming, weights (titles first), and ts_headline snippets.
"""

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.db.models import (
    Count,
    F,
    QuerySet,
    Window,
)
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core import versions
from core.prepared import Prepared

PER_SECTION = 5  # on the page that shows every section
PER_PAGE = 20  # on one section's own page
MAX_PAGE = 50  # deep pages of a search are never useful and cost the most

# ts_headline marks matches with these (private-use characters, not in real text);
# the snippet is escaped, then they become <mark> elements.
_START, _STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{_START}(.*?){_STOP}", re.DOTALL)


@dataclass
class SiteSearch:
    """What the URL asks for: the words, the library's filters, a section, a page."""

    q: str = ""
    kinds: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    section: str = ""
    page: int = 1

    @property
    def active_filters(self) -> set[str]:
        return {
            name
            for name, values in [
                ("kind", self.kinds),
                ("topic", self.topics),
                ("year", self.years),
            ]
            if values
        }

    def applies_to(self, info: "SectionInfo") -> bool:
        return self.active_filters <= info.filters


@dataclass
class Hit:
    """One result, whatever it is: what the results page shows of it."""

    title: str
    url: str
    snippet: SafeString | str
    meta: str = ""
    kind: str = ""


# fill(user, search, section, stamp) -> Pending: where the section's page of hits
# and its count are kept, and how to make them (kept()).
Fill = Callable[..., "Pending"]


@dataclass(frozen=True)
class SectionInfo:
    key: str
    title: str
    # Which filters narrow this section; a section that a chosen filter does
    # not apply to is left out rather than shown unfiltered.
    filters: frozenset[str]
    fill: Fill
    # Where it stands on the page, before the sections with a higher number.
    order: int
    # Searched only for signed-in members (the directory is theirs alone).
    members_only: bool = False
    # The scopes (core/versions.py) of what a kept copy of its results shows;
    # none for the sections that are searched afresh each time.
    scopes: tuple[str, ...] = ()


SECTIONS: list[SectionInfo] = []


def register(info: SectionInfo) -> None:
    """A section of the site search (from an app's AppConfig.ready())."""
    SECTIONS[:] = sorted(
        [s for s in SECTIONS if s.key != info.key] + [info], key=lambda s: s.order
    )


@dataclass
class Section:
    info: SectionInfo
    count: int = 0
    hits: list[Hit] = field(default_factory=list)
    page: int = 1
    per_page: int = PER_SECTION
    capped: bool = False  # more than count
    hits_html: str = ""  # the hits as the page writes them (pages.views)

    @property
    def key(self) -> str:
        return self.info.key

    @property
    def title(self) -> str:
        return self.info.title

    @property
    def num_pages(self) -> int:
        return max(1, min(MAX_PAGE, -(-self.count // self.per_page)))

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.per_page + 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def web_query(q: str, config: str = "english") -> SearchQuery:
    return SearchQuery(q, config=config, search_type="websearch")


def headline(
    expression, query: SearchQuery, words: int = 30, config: str = "english"
) -> SearchHeadline:
    return SearchHeadline(
        expression,
        query,
        config=config,
        start_sel=_START,
        stop_sel=_STOP,
        max_words=words,
        min_words=max(5, words // 2),
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def rank(query: SearchQuery, q: str, *, cover: bool | None = None) -> SearchRank:
    """The rank of a row's stored search_vector. Cover density costs more, but
    plain ts_rank gives 0 to every row when the query has a -word (cover: whether
    it has, for a prepared query's stand-in q)."""
    cover = "-" in q if cover is None else cover
    return SearchRank(F("search_vector"), query, cover_density=cover)


def marked(snippet: str | None) -> SafeString:
    """The snippet, escaped, with the matched words in <mark>."""
    text = escape(snippet or "")
    text = _MARKED.sub(r"<mark>\1</mark>", text)
    return mark_safe(text.replace(_START, "").replace(_STOP, ""))  # noqa: S308


def page_of(queryset: QuerySet, section: Section) -> list:
    """One query: the section's page of rows, each carrying the total count.
    For the small tables (cohorts, sessions, members)."""

    def rows(page: int) -> list:
        return list(_counted_page(queryset, page, section.per_page))

    return _first_page_if_past(section, rows)


def prepared_page_of(build, shape: Hashable, section: Section, **values) -> list:
    """page_of for a section whose matches are a prepared query (core.prepared):
    build(shape, **stand_ins) gives them in order; the page, its count and its
    slice are built and compiled once per shape and page, and run with values."""
    prepared = _PREPARED.get(build)
    if prepared is None:

        def build_page(key, **stand_ins) -> QuerySet:
            inner, page, per_page = key
            return _counted_page(build(inner, **stand_ins), page, per_page)

        prepared = _PREPARED[build] = Prepared(build_page)

    def rows(page: int) -> list:
        return prepared.rows((shape, page, section.per_page), **values)

    return _first_page_if_past(section, rows)


_PREPARED: dict[Callable, Prepared] = {}


def _counted_page(matches: QuerySet, page: int, per_page: int) -> QuerySet:
    counted = matches.annotate(search_total=Window(Count("pk")))
    start = (page - 1) * per_page
    return counted[start : start + per_page]


def _first_page_if_past(section: Section, rows: Callable[[int], list]) -> list:
    found = rows(section.page)
    if not found and section.page > 1:
        # Past the last page (an old link): show the first one instead.
        section.page = 1
        found = rows(1)
    section.count = found[0].search_total if found else 0
    return found


@dataclass
class Pending:
    """A section to fill from its kept copy, or by fill(section) (kept())."""

    section: Section
    entry: str  # its key in the cache
    fill: Callable[[Section], None]


def kept(section: Section, key: tuple, fill, stamp: versions.Stamp) -> Pending:
    """Where the section's results are kept, and fill(section) to make them:
    fill_kept() fills every section of a search from the cache at once.

    The entry hangs on the versions of the section's own scopes (core/versions.py,
    read in stamp), so any committed edit, hiding, deletion or publication they
    cover makes a new entry, and a change elsewhere (a reply) keeps the
    resources found. The key holds whatever else decides the hits: the words,
    the filters, and for a viewer-dependent section what the viewer may read."""
    # The hits hold labels in the language they were made in.
    key += (section.page, section.per_page, get_language())
    own = tuple((scope, n) for scope, n in stamp if scope in section.info.scopes)
    return Pending(section, versions.entry(f"search:{section.key}", own, key), fill)


def fill_kept(pending: list[Pending]) -> None:
    """Each section from its kept copy, all read in one round trip to the cache;
    those not kept made by their fill() and kept, in one more."""
    found = cache.get_many([p.entry for p in pending])
    made = {}
    for p in pending:
        value = found.get(p.entry)
        if value is None:
            p.fill(p.section)
            value = made[p.entry] = (
                p.section.count,
                p.section.capped,
                p.section.page,
                p.section.hits,
            )
        p.section.count, p.section.capped, p.section.page, p.section.hits = value
    if made:
        cache.set_many(made, versions.CACHE_SECONDS)
