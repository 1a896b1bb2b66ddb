"""One search over everything the viewer may read: resources, discussions, cohorts,
sessions and members.

Each section is one SQL query: its page of results, ranked, with a snippet and the
total count (a window function). What a viewer may read is decided here, at search
time, by the same querysets the pages use (published resources, posts in boards the
viewer reads and neither hidden nor deleted, sessions the viewer may know of), so an
edit, a hidden post or a publication shows in the very next search. Private session
details (agenda, notes, place) are searched only for the cohort's own people.

It is PostgreSQL's full-text search: web-search syntax (quotes, OR, -word), English
stemming, weights (titles first), and ts_headline snippets.
"""

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Concat
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort, Session
from community.models import Board, Post, TaggedThread
from community.selectors import members_matching
from core import versions
from core.text import whole_number
from resources.models import Resource
from resources.selectors import LibraryFilters, apply_filters

PER_SECTION = 5  # on the page that shows every section
MAX_COUNT = 1000  # "1,000+" beyond this
PER_PAGE = 20  # on one section's own page
MAX_PAGE = 50  # deep pages of a search are never useful and cost the most

# ts_headline marks matches with these (private-use characters, not in real text);
# the snippet is escaped, then they become <mark> elements.
_START, _STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{_START}(.*?){_STOP}", re.DOTALL)
_HANDLE = re.compile(r"^@?([a-z0-9_-]{2,30})$")


@dataclass(frozen=True)
class SectionInfo:
    key: str
    title: str
    # Which library filters narrow this section; a section that a chosen filter
    # does not apply to is left out rather than shown unfiltered.
    filters: frozenset[str]
    # Searched only for signed-in members (the directory is theirs alone).
    members_only: bool = False
    # The scopes (core/versions.py) of what a kept copy of its results shows;
    # none for the sections that are searched afresh each time.
    scopes: tuple[str, ...] = ()


SECTIONS = [
    SectionInfo(
        "resources",
        _("Resources"),
        frozenset({"kind", "topic", "year"}),
        scopes=("library", "topics"),
    ),
    SectionInfo(
        "discussions",
        _("Discussions"),
        frozenset({"topic", "year"}),
        scopes=("discussions", "boards", "people", "topics"),
    ),
    SectionInfo("cohorts", _("Cohorts"), frozenset({"year"}), scopes=("cohorts",)),
    # Searched afresh: which sessions and which of their details a viewer may
    # search depends on their own place in each cohort.
    SectionInfo("sessions", _("Sessions"), frozenset({"year"})),
    # Every member sees the same directory.
    SectionInfo(
        "members", _("Members"), frozenset(), members_only=True, scopes=("people",)
    ),
]
SECTION_KEYS = {info.key for info in SECTIONS}


@dataclass
class SiteSearch:
    """What the URL asks for: the words, the library's filters, a section, a page."""

    q: str = ""
    kinds: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    section: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, params: QueryDict) -> "SiteSearch":
        library = LibraryFilters.from_query(params)
        section = params.get("section", "")
        page = whole_number(params.get("page"))
        return cls(
            q=library.q,
            kinds=library.kinds,
            topics=library.topics,
            years=library.years,
            section=section if section in SECTION_KEYS else "",
            page=min(page, MAX_PAGE) if page else 1,
        )

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

    def applies_to(self, info: SectionInfo) -> bool:
        return self.active_filters <= info.filters


@dataclass
class Hit:
    """One result, whatever it is: what the results page shows of it."""

    title: str
    url: str
    snippet: SafeString | str
    meta: str = ""
    kind: str = ""


@dataclass
class Section:
    info: SectionInfo
    count: int = 0
    hits: list[Hit] = field(default_factory=list)
    page: int = 1
    per_page: int = PER_SECTION
    capped: bool = False  # more than count

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


def _query(q: str) -> SearchQuery:
    return SearchQuery(q, config="english", search_type="websearch")


def _headline(expression, query: SearchQuery, words: int = 30) -> SearchHeadline:
    return SearchHeadline(
        expression,
        query,
        config="english",
        start_sel=_START,
        stop_sel=_STOP,
        max_words=words,
        min_words=max(5, words // 2),
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def marked(snippet: str | None) -> SafeString:
    """The snippet, escaped, with the matched words in <mark>."""
    text = escape(snippet or "")
    text = _MARKED.sub(r"<mark>\1</mark>", text)
    return mark_safe(text.replace(_START, "").replace(_STOP, ""))  # noqa: S308


def _page(queryset: QuerySet, section: Section) -> list:
    """One query: the section's page of rows, each carrying the total count.
    For the small tables (cohorts, sessions, members)."""
    counted = queryset.annotate(search_total=Window(Count("pk")))
    start = (section.page - 1) * section.per_page
    rows = list(counted[start : start + section.per_page])
    if not rows and section.page > 1:
        # Past the last page (an old link): show the first one instead.
        section.page = 1
        rows = list(counted[: section.per_page])
    section.count = rows[0].search_total if rows else 0
    return rows


def _large_page(matches: QuerySet, newest: tuple, ranked, section: Section) -> list:
    """Two queries: the count, stopped at MAX_COUNT (counting every match of a
    common word in a large table costs more than the page), then the page.

    The page ranks the newest MAX_COUNT matches (in the `newest` order, which an
    index reads), not every match: a common word matches a hundred thousand of a
    million posts, and ranking them all took seconds. Ranked this way, a search
    costs the same at any size of the data, and finds the best of what is
    recent; the count says "1,000+" beyond that."""
    section.count = matches.order_by()[: MAX_COUNT + 1].count()
    section.capped = section.count > MAX_COUNT
    section.count = min(section.count, MAX_COUNT)
    if section.page > section.num_pages:
        section.page = 1  # past the last page (an old link): the first one
    if not section.count:
        return []
    candidates = matches.order_by(*newest).values("pk")[:MAX_COUNT]
    # ranked(rows): the rows annotated with their rank and snippet, in order.
    ordered = ranked(matches.model.objects.filter(pk__in=Subquery(candidates)))
    start = (section.page - 1) * section.per_page
    return list(ordered[start : start + section.per_page])


def _cached(section: Section, key: tuple, fill, stamp: versions.Stamp) -> None:
    """Fill the section from the cache, or with fill() and keep it there.

    The key holds the versions of what searches show (core/versions.py), so any
    committed edit, hiding, deletion or publication makes a new key; and for
    discussions the boards the viewer may read, so two viewers share an entry
    only when they may read the same."""

    def compute():
        fill(section)
        return section.count, section.capped, section.page, section.hits

    # The hits hold labels in the language they were made in.
    key += (section.page, section.per_page, get_language())
    # Only its own scopes: a reply does not throw away the resources found.
    own = tuple((scope, n) for scope, n in stamp if scope in section.info.scopes)
    found = versions.cached(f"search:{section.key}", own, key, compute)
    section.count, section.capped, section.page, section.hits = found


# --- Sections ---------------------------------------------------------------------


def _rank(query: SearchQuery, q: str) -> SearchRank:
    # Cover density costs more, but plain ts_rank gives 0 to every row when the
    # query has a -word.
    return SearchRank(F("search_vector"), query, cover_density="-" in q)


def _resources(search: SiteSearch, section: Section, stamp) -> None:
    key = (search.q, search.kinds, search.topics, search.years)
    _cached(section, key, lambda s: _fill_resources(search, s), stamp)


def _fill_resources(search: SiteSearch, section: Section) -> None:
    filters = LibraryFilters(
        q=search.q, kinds=search.kinds, topics=search.topics, years=search.years
    )
    matches = apply_filters(Resource.objects.published(), filters)
    query = _query(search.q)
    matches = matches.filter(search_vector=query)
    newest = (F("published_on").desc(nulls_last=True), "-pk")

    def ranked(rows):
        return (
            rows.defer("description", "description_html", "search_vector")
            .annotate(
                rank=_rank(query, search.q),
                snippet=_headline(
                    Concat(
                        "summary", Value(" "), "description", output_field=TextField()
                    ),
                    query,
                ),
            )
            .order_by("-rank", *newest)
            .select_related("organization")
        )

    for resource in _large_page(matches, newest, ranked, section):
        meta = [str(resource.get_kind_display())]
        if resource.organization:
            meta.append(resource.organization.label)
        if resource.published_on:
            meta.append(resource.date_label)
        section.hits.append(
            Hit(
                title=resource.title,
                url=resource.get_absolute_url(),
                snippet=marked(resource.snippet),
                meta=" · ".join(meta),
            )
        )


def _handles(q: str) -> tuple[list[int], str]:
    """Members named by handle in the query (maria or @maria), and the query's
    other words. One query, only when a word could be a handle."""
    words = q.split()
    candidates = {}
    for word in words[:8]:
        found = _HANDLE.match(word.lower())
        if found:
            candidates[found.group(1)] = word
    if not candidates:
        return [], q
    known = dict(
        get_user_model()
        .objects.filter(username__in=candidates, is_active=True)
        .values_list("username", "pk")
    )
    rest = " ".join(w for w in words if w not in {candidates[h] for h in known})
    return list(known.values()), rest


def _discussions(user, search: SiteSearch, section: Section, stamp) -> None:
    boards = list(
        Board.objects.visible_to(user).order_by("pk").values_list("pk", flat=True)
    )
    # Handles are looked up inside: "people" moves when a member's handle changes.
    key = (search.q, search.topics, search.years, boards)
    _cached(section, key, lambda s: _fill_discussions(boards, search, s), stamp)


def _fill_discussions(boards: list[int], search: SiteSearch, section) -> None:
    authors, rest = _handles(search.q)
    matches = Post.objects.readable().filter(thread__board__in=boards)
    if search.topics:
        matches = matches.filter(
            thread__in=TaggedThread.objects.filter(tag__slug__in=search.topics).values(
                "content_object"
            )
        )
    if search.years:
        matches = matches.filter(created_at__year__in=search.years)
    query = _query(search.q)
    match = Q(search_vector=query)
    if authors:
        match |= Q(author__in=authors) & (
            Q(search_vector=_query(rest)) if rest else Q()
        )
    matches = matches.filter(match)

    def ranked(rows):
        return (
            rows.defer("body", "body_html", "search_vector")
            .annotate(rank=_rank(query, search.q), snippet=_headline("body", query))
            .order_by("-rank", "-created_at", "-pk")
            .select_related("thread__board", "author__profile")
        )

    for post in _large_page(matches, ("-pk",), ranked, section):
        author = post.author.profile.display_name if post.author else ""
        meta = [post.thread.board.name]
        if post.author:
            meta.append(author or f"@{post.author.username}")
        section.hits.append(
            Hit(
                title=post.thread.title,
                url=post.get_absolute_url(),
                snippet=marked(post.snippet),
                meta=" · ".join(meta),
            )
        )


def _cohorts(search: SiteSearch, section: Section, stamp) -> None:
    key = (search.q, search.years)
    _cached(section, key, lambda s: _fill_cohorts(search, s), stamp)


def _fill_cohorts(search: SiteSearch, section: Section) -> None:
    queryset = Cohort.objects.select_related("program")
    if search.years:
        during = Q()
        for year in search.years:
            during |= Q(starts_on__year__lte=year, ends_on__year__gte=year)
        queryset = queryset.filter(during)
    query = _query(search.q)
    vector = (
        SearchVector("name", weight="A", config="english")
        + SearchVector("program__name", weight="B", config="english")
        + SearchVector("summary", weight="C", config="english")
    )
    queryset = (
        queryset.annotate(document=vector)
        .filter(document=query)
        .annotate(
            rank=SearchRank(vector, query, cover_density=True),
            snippet=_headline("summary", query),
        )
        .order_by("-rank", "-starts_on", "-pk")
    )
    for cohort in _page(queryset, section):
        section.hits.append(
            Hit(
                title=f"{cohort.name} · {cohort.program.label}",
                url=cohort.get_absolute_url(),
                snippet=marked(cohort.snippet),
                meta=cohort.get_state_display(),
            )
        )


def _sessions(user, search: SiteSearch, section: Section) -> None:
    inside = Cohort.objects.workspace_for(user).values("pk")
    queryset = Session.objects.visible_to(user).select_related("cohort__program")
    if search.years:
        queryset = queryset.filter(starts_at__year__in=search.years)
    insider = Q(cohort__in=inside)
    query = _query(search.q)
    public = SearchVector("title", weight="A", config="english")
    details = (
        SearchVector("agenda", weight="B", config="english")
        + SearchVector("notes", weight="B", config="english")
        + SearchVector("location", weight="C", config="english")
    )
    queryset = (
        queryset.annotate(public_document=public, detail_document=details)
        .filter(Q(public_document=query) | (insider & Q(detail_document=query)))
        .annotate(
            rank=SearchRank(public, query, cover_density=True),
            snippet=Case(
                When(
                    insider,
                    then=_headline(
                        Concat("agenda", Value(" "), "notes", output_field=TextField()),
                        query,
                        words=20,
                    ),
                ),
                default=Value(""),
                output_field=CharField(),
            ),
            is_insider=Case(When(insider, then=Value(True)), default=Value(False)),
        )
        .order_by("-rank", "-starts_at", "-pk")
    )
    for session in _page(queryset, section):
        cohort = session.cohort
        url = (
            session.get_absolute_url()
            if session.is_insider
            else cohort.get_absolute_url() + "#sessions-heading"
        )
        snippet = marked(session.snippet) if session.is_insider else ""
        section.hits.append(
            Hit(
                title=session.title,
                url=url,
                snippet=snippet,
                meta=f"{session.get_kind_display()} · {cohort.name} · "
                f"{cohort.program.label}",
            )
        )


def _members(search: SiteSearch, section: Section, stamp) -> None:
    _cached(section, (search.q,), lambda s: _fill_members(search, s), stamp)


def _fill_members(search: SiteSearch, section: Section) -> None:
    words = " ".join(word.removeprefix("@") for word in search.q.split())
    for member in _page(members_matching(words), section):
        profile = member.profile
        section.hits.append(
            Hit(
                title=profile.display_name or f"@{member.username}",
                url=reverse("community:profile_detail", args=[member.username]),
                snippet="",
                meta=" · ".join(
                    part
                    for part in [f"@{member.username}", profile.organization]
                    if part
                ),
            )
        )


def site_search(user, search: SiteSearch) -> list[Section]:
    """Every section the filters apply to, each with its count and its hits: the
    chosen section's page of PER_PAGE, the others' first PER_SECTION."""
    sections = []
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
        if info.key == "resources":
            _resources(search, section, stamp)
        elif info.key == "discussions":
            _discussions(user, search, section, stamp)
        elif info.key == "cohorts":
            _cohorts(search, section, stamp)
        elif info.key == "sessions":
            _sessions(user, search, section)
        else:
            _members(search, section, stamp)
        sections.append(section)
    return sections
