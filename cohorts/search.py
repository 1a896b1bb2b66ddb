"""What the site search finds in the cohort program (core/search.py): cohorts (by
name, program, summary, and their cities' names and other names), and sessions
with their private details for the cohort's own people only."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchRank
from django.db.models import (
    Case,
    CharField,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort, CohortMembership, Session
from cohorts.models.program import is_program_staff
from core import search
from core.prepared import Prepared
from core.translated import Shown, marked, reading_spanish, shown

User = get_user_model()


def cohorts_search(user, terms: search.SiteSearch, section, stamp) -> search.Pending:
    """Every viewer sees every cohort's public page: one kept copy for all."""
    key = (terms.q, terms.years)
    return search.kept(section, key, lambda s: _fill_cohorts(terms, s), stamp)


def _fill_cohorts(terms: search.SiteSearch, section: search.Section) -> None:
    shape = (reading_spanish(), tuple(terms.years))
    if terms.years:  # a year is written into the SQL as dates: built each time
        found = search.page_of(_cohorts_query(shape, q=terms.q), section)
    else:
        found = search.prepared_page_of(_cohorts_query, shape, section, q=terms.q)
    for cohort in found:
        section.hits.append(
            search.Hit(
                title=format_html(
                    "{} · {}",
                    marked(shown(cohort, "name")),
                    marked(shown(cohort.program, "label")),
                ),
                url=cohort.get_absolute_url(),
                snippet=marked(
                    Shown(search.marked(cohort.snippet), shown(cohort, "summary").lang)
                ),
                meta=cohort.get_state_display(),
            )
        )


def _cohorts_query(shape, *, q):
    """The cohorts matching q, best first, with their snippets for a reader of
    Spanish or not, during the years if any."""
    spanish, years = shape
    queryset = Cohort.objects.select_related("program")
    if years:
        during = Q()
        for year in years:
            during |= Q(starts_on__year__lte=year, ends_on__year__gte=year)
        queryset = queryset.filter(during)
    query = search.web_query(q)
    # The cohort's words are kept by triggers (migration 0007): its name, its
    # program's, its cities' names and other names, its summary.
    return (
        queryset.filter(search_vector=query)
        .annotate(
            rank=SearchRank(F("search_vector"), query, cover_density=True),
            snippet=_cohort_snippet(q, spanish),
        )
        .order_by("-rank", "-starts_on", "-pk")
    )


def _cohort_snippet(q: str, spanish: bool):
    """The summary around the words; for a Spanish reader, the Spanish summary
    where a curator gave one."""
    english = search.headline("summary", search.web_query(q))
    if not spanish:
        return english
    spanish = search.headline(
        "summary_es", search.web_query(q, "spanish"), config="spanish"
    )
    return Case(When(summary_es="", then=english), default=spanish)


def sessions_search(user, terms: search.SiteSearch, section, stamp) -> search.Pending:
    """Which sessions, and which of their details (agenda, notes, place), a
    viewer may search depends on their places in the cohorts: viewers in the
    same places share a kept copy, and a member in no cohort sees what a guest
    sees. The places are read on every search, so a member who joins or leaves
    a cohort gets the copy of their new places at once (and the "cohorts"
    scope moves with every session and membership anyway)."""
    if is_program_staff(user):
        viewer, places = "staff", ()
    elif user.is_authenticated:
        places = tuple(_PLACES.rows(None, user_id=user.pk))
        viewer = "member" if places else "guest"
    else:
        viewer, places = "guest", ()
    values = {"user_id": user.pk} if viewer == "member" else {}
    key = (terms.q, terms.years, viewer, places)
    return search.kept(
        section, key, lambda s: _fill_sessions(viewer, values, terms, s), stamp
    )


def _places_query(shape, *, user_id) -> QuerySet:
    return (
        CohortMembership.objects.filter(user=user_id)
        .order_by("cohort", "role", "city")
        .values_list("cohort", "role", "city")
    )


# Built once (core.prepared) and run with each member's id, on every search.
_PLACES = Prepared(_places_query)


def _fill_sessions(viewer: str, values: dict, terms, section) -> None:
    """The query is prepared (core.prepared) per kind of viewer and run with
    the viewer's own id."""
    shape = (viewer, tuple(terms.years))
    if terms.years:  # a year is written into the SQL as dates: built each time
        found = search.page_of(_sessions_query(shape, q=terms.q, **values), section)
    else:
        found = search.prepared_page_of(
            _sessions_query, shape, section, q=terms.q, **values
        )
    for session in found:
        cohort = session.cohort
        url = (
            session.get_absolute_url()
            if session.is_insider
            else cohort.get_absolute_url() + "#sessions-heading"
        )
        snippet = search.marked(session.snippet) if session.is_insider else ""
        section.hits.append(
            search.Hit(
                title=marked(shown(session, "title")),
                url=url,
                snippet=snippet,
                meta=f"{session.get_kind_display()} · {shown(cohort, 'name').text} · "
                f"{shown(cohort.program, 'label').text}",
            )
        )


def _viewer(kind: str, user_id: int | None):
    """A user of this kind for the permission querysets (Session.visible_to,
    Cohort.workspace_for): program staff see every session, a member is known
    by their id alone (a stand-in when the query is prepared)."""
    if kind == "guest":
        return AnonymousUser()
    if kind == "staff":
        return User(is_superuser=True, is_staff=True)
    return User(pk=user_id, is_staff=False, is_superuser=False)


def _sessions_query(shape, *, q, user_id=None):
    """The sessions a viewer of this kind may know of matching q, best first:
    by title for everyone, by agenda, notes and place for the cohort's own."""
    kind, years = shape
    viewer = _viewer(kind, user_id)
    inside = Cohort.objects.workspace_for(viewer).values("pk")
    queryset = Session.objects.visible_to(viewer).select_related("cohort__program")
    if years:
        queryset = queryset.filter(starts_at__year__in=years)
    insider = Q(cohort__in=inside)
    query = search.web_query(q)
    # The words are kept by the database (Session.title_vector, details_vector).
    return (
        queryset.filter(Q(title_vector=query) | (insider & Q(details_vector=query)))
        .annotate(
            rank=SearchRank(F("title_vector"), query, cover_density=True),
            snippet=_insiders_snippet(insider, query),
            is_insider=Case(When(insider, then=Value(True)), default=Value(False)),
        )
        .order_by("-rank", "-starts_at", "-pk")
    )


def _insiders_snippet(insider: Q, query) -> Case:
    """The agenda and notes around the match, for the cohort's own people only."""
    return Case(
        When(
            insider,
            then=search.headline("details_text", query, words=20),
        ),
        default=Value(""),
        output_field=CharField(),
    )


def register() -> None:
    search.register(
        search.SectionInfo(
            "cohorts",
            _("Cohorts"),
            frozenset({"year"}),
            fill=cohorts_search,
            order=30,
            scopes=("cohorts",),
        )
    )
    search.register(
        search.SectionInfo(
            "sessions",
            _("Sessions"),
            frozenset({"year"}),
            fill=sessions_search,
            order=40,
            scopes=("cohorts",),
        )
    )
