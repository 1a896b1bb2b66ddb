"""The site-wide search at /search/: what it finds, for whom, and how it ranks."""

import datetime
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.discussions.moderation import post_hide
from community.discussions.services import (
    cohort_board_open,
    post_create,
    post_delete,
    post_edit,
)
from pages import search as site
from resources.models import Resource
from tests.cohorts.conftest import world  # noqa: F401
from tests.factories import (
    BoardFactory,
    CohortFactory,
    ResourceFactory,
    SessionFactory,
    UserFactory,
    make_thread,
)

pytestmark = pytest.mark.django_db


def titles(response, section):
    """The titles of a section's hits, in order."""
    for found in response.context["sections"]:
        if found.key == section:
            return [hit.title for hit in found.hits]
    return None


def count(response, section):
    for found in response.context["sections"]:
        if found.key == section:
            return found.count
    return None


def everything(response) -> str:
    """Every title, meta and snippet the page shows, as one string."""
    return " ".join(
        f"{hit.title} {hit.meta} {hit.snippet}"
        for found in response.context["sections"]
        for hit in found.hits
    )


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Group

    user = UserFactory(username="moderator", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


# --- Privacy -----------------------------------------------------------------------


@pytest.fixture
def secrets(world, moderator):  # noqa: F811
    """A unique word in everything a viewer may or may not read."""
    cohort_board = cohort_board_open(cohort=world.cohort)
    make_thread(
        board=cohort_board,
        author=world.participant,
        title="Our budget worries",
        body="Zanzibarcohort is our private word.",
    )
    public = BoardFactory(slug="open", visibility="public")
    thread = make_thread(board=public, title="Open talk", body="Nothing secret here.")
    hidden = post_create(
        thread=thread, author=UserFactory(), body="Zanzibarhidden was said here."
    )
    post_hide(post=hidden, moderator=moderator, reason="Off topic")
    deleted = post_create(
        thread=thread, author=world.outsider, body="Zanzibardeleted was said here."
    )
    post_delete(post=deleted, user=world.outsider)
    ResourceFactory(title="Zanzibardraft guide", state="draft")
    world.convening.agenda = "1. Welcome\n2. Zanzibaragenda review"
    world.convening.notes = "We agreed on Zanzibarnotes."
    world.convening.save()
    world.wichita_call.title = "Coaching call: Zanzibarcall"
    world.wichita_call.save()
    return world


PRIVATE_WORDS = [
    "zanzibarcohort",
    "zanzibarhidden",
    "zanzibardeleted",
    "zanzibardraft",
    "zanzibaragenda",
    "zanzibarnotes",
    "zanzibarcall",
]


@pytest.mark.parametrize("viewer", ["guest", "outsider", "other_participant"])
@pytest.mark.parametrize("word", PRIVATE_WORDS)
def test_search_never_shows_what_the_viewer_may_not_read(client, secrets, viewer, word):
    if viewer != "guest":
        client.force_login(getattr(secrets, viewer))
    response = client.get("/search/", {"q": word})
    assert response.status_code == 200
    assert response.context["total"] == 0
    html = response.content.decode().lower()
    results = html[html.index('class="search-summary"') : html.index("</main>")]
    assert word not in results.replace(f"“{word}”", "")
    assert "nothing found" in results


def test_the_cohorts_people_find_its_private_board_and_session_details(client, secrets):
    client.force_login(secrets.participant)  # Long Beach, in the cohort
    response = client.get("/search/", {"q": "zanzibarcohort"})
    assert titles(response, "discussions") == ["Our budget worries"]
    response = client.get("/search/", {"q": "zanzibaragenda"})
    assert titles(response, "sessions") == ["Cross-site convening"]
    assert "<mark>Zanzibaragenda</mark>" in str(
        response.context["sections"][3].hits[0].snippet
    )
    # The insider's link goes to the session's own page.
    assert f'href="{secrets.convening.get_absolute_url()}"' in response.content.decode()
    # Wichita's coaching call is Wichita's: Long Beach's people do not see it.
    response = client.get("/search/", {"q": "zanzibarcall"})
    assert response.context["total"] == 0


def test_cached_results_are_never_shared_across_what_viewers_may_read(client, secrets):
    client.force_login(secrets.outsider)
    assert client.get("/search/", {"q": "zanzibarcohort"}).context["total"] == 0
    client.force_login(secrets.participant)
    assert client.get("/search/", {"q": "zanzibarcohort"}).context["total"] == 1
    client.force_login(secrets.outsider)
    assert client.get("/search/", {"q": "zanzibarcohort"}).context["total"] == 0
    # Losing the membership ends reading the cohort's board at once.
    secrets.participant.cohort_memberships.all().delete()
    client.force_login(secrets.participant)
    assert client.get("/search/", {"q": "zanzibarcohort"}).context["total"] == 0


def test_program_staff_find_every_cohorts_details(client, secrets):
    client.force_login(secrets.staff)
    for word in ["zanzibarcohort", "zanzibarnotes", "zanzibarcall"]:
        assert client.get("/search/", {"q": word}).context["total"] == 1, word


def test_guests_find_a_public_sessions_title_and_land_on_the_cohort_page(
    client,
    world,  # noqa: F811
):
    response = client.get("/search/", {"q": "convening"})
    assert titles(response, "sessions") == ["Cross-site convening"]
    hit = response.context["sections"][3].hits[0]
    assert hit.url == world.cohort.get_absolute_url() + "#sessions-heading"
    assert hit.snippet == ""  # the agenda is for the cohort's people
    assert "Grand Hall" not in response.content.decode()


# --- What it finds, and how it ranks ----------------------------------------------


def test_every_section_has_its_count_and_the_page_shows_them(client, member):
    ResourceFactory(title="Housing equity toolkit")
    make_thread(
        board=BoardFactory(visibility="public"),
        title="Housing first",
        body="Who has a housing plan?",
    )
    CohortFactory(name="Housing cohort")
    response = client.get("/search/", {"q": "housing"})
    assert count(response, "resources") == 1
    assert count(response, "discussions") == 1
    assert count(response, "cohorts") == 1
    assert count(response, "sessions") == 0
    assert response.context["total"] == 3
    html = response.content.decode()
    assert "3 results for “housing”" in html
    assert 'aria-current="page">All <span class="count">(3)</span>' in html


def test_a_title_match_ranks_above_a_match_in_the_text(client):
    ResourceFactory(
        title="Budget notes", summary="Mentions transit once.", slug="in-summary"
    )
    ResourceFactory(title="Transit equity playbook", slug="in-title")
    board = BoardFactory(visibility="public")
    make_thread(board=board, title="Buses", body="We talk about transit here.")
    make_thread(board=board, title="Transit passes", body="Free fares for youth.")
    response = client.get("/search/", {"q": "transit"})
    assert titles(response, "resources") == [
        "Transit equity playbook",
        "Budget notes",
    ]
    assert titles(response, "discussions") == ["Transit passes", "Buses"]


def test_snippets_mark_the_matched_words_and_escape_the_text(client):
    make_thread(
        board=BoardFactory(visibility="public"),
        title="Scripts",
        body="Paste <script>alert(1)</script> into the budgeting sheet.",
    )
    response = client.get("/search/", {"q": "budget"})
    html = response.content.decode()
    assert "<mark>budgeting</mark>" in html  # stemmed: budget matches budgeting

    class Elements(HTMLParser):
        tags: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

    parser = Elements()
    parser.feed(str(response.context["sections"][1].hits[0].snippet))
    assert parser.tags == ["mark"]


def test_web_search_syntax(client):
    board = BoardFactory(visibility="public")
    make_thread(board=board, title="Tree canopy", body="Planting trees downtown.")
    make_thread(board=board, title="Canopy money", body="Trees cost money.")
    make_thread(board=board, title="Street trees", body="The tree canopy grows.")

    def found(q):
        return sorted(titles(client.get("/search/", {"q": q}), "discussions"))

    assert found("trees -money") == ["Street trees", "Tree canopy"]
    assert found('"tree canopy"') == ["Street trees", "Tree canopy"]
    assert found("downtown or money") == ["Canopy money", "Tree canopy"]


def test_a_members_handle_finds_their_posts(client, member):
    board = BoardFactory(visibility="public")
    make_thread(board=board, author=member, title="Parks", body="Shade matters.")
    make_thread(board=board, title="Libraries", body="Open late.")
    response = client.get("/search/", {"q": "@maria"})
    assert titles(response, "discussions") == ["Parks"]
    assert titles(response, "members") is None  # a guest: no member directory
    client.force_login(UserFactory())
    response = client.get("/search/", {"q": "@maria"})
    assert titles(response, "discussions") == ["Parks"]
    assert titles(response, "members") == ["Maria Lopez"]
    # With other words, the handle narrows to that member's posts on those words.
    response = client.get("/search/", {"q": "maria shade"})
    assert titles(response, "discussions") == ["Parks"]
    response = client.get("/search/", {"q": "maria open"})
    assert titles(response, "discussions") == []


def test_filters_from_the_library_narrow_the_sections_they_apply_to(client):
    ResourceFactory(title="Water toolkit", kind="toolkit", topics=["water"])
    ResourceFactory(title="Water webinar", kind="webinar", topics=["water"])
    ResourceFactory(
        title="Old water report",
        kind="report",
        published_on=datetime.date(2012, 5, 1),
    )
    board = BoardFactory(visibility="public")
    thread = make_thread(board=board, title="Water rates", body="Shutoffs.")
    thread.tags.add("water")
    make_thread(board=board, title="Water parks", body="Summer.")

    response = client.get("/search/", {"q": "water", "kind": "webinar"})
    assert titles(response, "resources") == ["Water webinar"]
    # Kind is about resources only: the other sections are left out, and said so.
    assert [s.key for s in response.context["sections"]] == ["resources"]
    assert "do not apply to" in response.content.decode()

    response = client.get("/search/", {"q": "water", "topic": "water"})
    assert sorted(titles(response, "resources")) == ["Water toolkit", "Water webinar"]
    assert titles(response, "discussions") == ["Water rates"]

    response = client.get("/search/", {"q": "water", "year": "2012"})
    assert titles(response, "resources") == ["Old water report"]
    assert titles(response, "discussions") == []


def test_one_sections_own_page_is_paginated(client):
    for n in range(site.PER_PAGE + 3):
        ResourceFactory(title=f"Zoning guide {n}", slug=f"zoning-{n}")
    response = client.get("/search/", {"q": "zoning"})
    assert len(titles(response, "resources")) == site.PER_SECTION
    html = response.content.decode()
    assert "Show all 23 resources" in html

    response = client.get("/search/", {"q": "zoning", "section": "resources"})
    assert len(titles(response, "resources")) == site.PER_PAGE
    assert [s.key for s in response.context["shown"]] == ["resources"]
    assert "Page 1 of 2" in response.content.decode()
    response = client.get(
        "/search/", {"q": "zoning", "section": "resources", "page": "2"}
    )
    assert len(titles(response, "resources")) == 3
    assert 'start="21"' in response.content.decode()
    # A page past the end (an old link) shows the first page, not an error.
    response = client.get(
        "/search/", {"q": "zoning", "section": "resources", "page": "9"}
    )
    assert len(titles(response, "resources")) == site.PER_PAGE


# --- It stays correct as content changes --------------------------------------------


def test_edits_hiding_deleting_and_publishing_show_in_the_next_search(
    client, member, moderator
):
    board = BoardFactory(visibility="public")
    thread = make_thread(board=board, author=member, title="Plan", body="Kickoff.")
    reply = post_create(thread=thread, author=member, body="Mangrove restoration.")
    assert count(client.get("/search/", {"q": "mangrove"}), "discussions") == 1

    post_edit(post=reply, editor=member, body="Wetland restoration.")
    assert count(client.get("/search/", {"q": "mangrove"}), "discussions") == 0
    assert count(client.get("/search/", {"q": "wetland"}), "discussions") == 1

    post_hide(post=reply, moderator=moderator, reason="Duplicate")
    assert count(client.get("/search/", {"q": "wetland"}), "discussions") == 0

    other = post_create(thread=thread, author=member, body="Estuary study.")
    post_delete(post=other, user=member)
    assert count(client.get("/search/", {"q": "estuary"}), "discussions") == 0

    # A renamed thread is found by its new title.
    thread.title = "Coastal resilience plan"
    thread.save()
    response = client.get("/search/", {"q": "coastal"})
    assert titles(response, "discussions") == ["Coastal resilience plan"]

    draft = ResourceFactory(title="Seawall primer", state="draft")
    assert count(client.get("/search/", {"q": "seawall"}), "resources") == 0
    draft.state = Resource.State.PUBLISHED
    draft.save()
    assert count(client.get("/search/", {"q": "seawall"}), "resources") == 1


def test_a_reply_searches_discussions_again_and_keeps_the_resources_found(
    client, member
):
    ResourceFactory(title="Oakland budget guide")
    thread = make_thread(
        board=BoardFactory(visibility="public"), title="Oakland budget", body="Hi."
    )
    client.force_login(member)
    client.get("/search/", {"q": "oakland"})
    post_create(thread=thread, author=member, body="Oakland's numbers are out.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "oakland"})
    # The new reply is found at once; the resources come from the cache, as no
    # change to the library was committed.
    assert count(response, "discussions") == 2
    assert count(response, "resources") == 1
    searched = [query["sql"] for query in queries.captured_queries]
    assert any('FROM "community_post"' in sql for sql in searched)
    assert not any('FROM "resources_resource"' in sql for sql in searched)


def test_a_renamed_cohort_and_a_members_new_name_show_in_the_next_search(
    client, member
):
    cohort = CohortFactory(name="Harbor cohort")
    other = UserFactory(profile__display_name="Rosa Harbor")
    client.force_login(member)
    response = client.get("/search/", {"q": "harbor"})
    assert count(response, "cohorts") == 1
    assert titles(response, "members") == ["Rosa Harbor"]

    cohort.name = "Lighthouse cohort"
    cohort.save()
    other.profile.display_name = "Rosa Lighthouse"
    other.profile.save()
    response = client.get("/search/", {"q": "harbor"})
    assert count(response, "cohorts") == 0
    assert count(response, "members") == 0
    response = client.get("/search/", {"q": "lighthouse"})
    assert count(response, "cohorts") == 1
    assert titles(response, "members") == ["Rosa Lighthouse"]

    # Leaving the directory leaves the search at once.
    other.profile.in_directory = False
    other.profile.save()
    assert count(client.get("/search/", {"q": "lighthouse"}), "members") == 0


# --- Bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        '"unbalanced quote',
        "it's \"half' quoted",
        "the and of a",
        "'); DROP TABLE community_post;--",
        "1 OR 1=1",
        "& | ! <-> :* ()",
        "東京 равенство مساواة",
        "a\x01b",
        "%_\\",
    ],
)
def test_search_survives_odd_input(client, member, query):
    make_thread(board=BoardFactory(visibility="public"), title="Equity", body="Hi.")
    client.force_login(member)
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    if response.context["query"]:
        assert "result" in html or "Nothing found" in html
    else:
        assert "Nothing found" not in html  # an empty box is not a failed search


def test_non_latin_words_are_found(client):
    make_thread(
        board=BoardFactory(visibility="public"),
        title="Égalité",
        body="Равенство для всех.",
    )
    response = client.get("/search/", {"q": "равенство"})
    assert titles(response, "discussions") == ["Égalité"]


def test_odd_filter_values_are_ignored(client):
    ResourceFactory(title="Transit toolkit")
    response = client.get(
        "/search/?q=transit&kind=nope&year=abc&topic=%3C&section=x&page=-3"
    )
    assert response.status_code == 200
    assert titles(response, "resources") == ["Transit toolkit"]


# --- Fixed cost -------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 20])
def test_search_runs_a_fixed_number_of_queries(
    client,
    member,
    django_assert_num_queries,
    size,
    world,  # noqa: F811
):
    board = BoardFactory(visibility="public")
    for n in range(size):
        ResourceFactory(title=f"Oakland budget guide {n}", topics=["budget"])
        make_thread(board=board, title=f"Oakland budget {n}", body="Oakland.")
        UserFactory(profile__organization="City of Oakland")
        SessionFactory(cohort=world.cohort, title=f"Oakland visit {n}")
        CohortFactory(name=f"Oakland cohort {n}")
    client.force_login(world.participant)
    client.get("/")  # the session is in the cache from now on
    cache.delete("resources:topic-choices")
    # The user with the header's profile, the topic choices (the library's
    # versions, the topics from the facet cells, which the worker counted again
    # after the last change: every few minutes),
    # the versions of what searches show, the boards the viewer reads, two
    # queries each for resources and discussions (a count stopped at 1,000, the
    # page), the handles in the query, one each for cohorts, sessions and
    # members (the header's unread count comes with the user).
    with django_assert_num_queries(13):
        response = client.get("/search/", {"q": "oakland"})
    # Another member who reads the same boards: resources, discussions,
    # cohorts, members and topics from the cache; the sessions, whose details
    # depend on the viewer's place in each cohort, searched again.
    client.force_login(world.city_lead)
    client.get("/")
    with django_assert_num_queries(4):
        client.get("/search/", {"q": "oakland"})
    assert count(response, "resources") == size
    assert count(response, "discussions") == size
    assert count(response, "sessions") == size


def test_the_header_search_box_leads_here(client):
    html = client.get("/resources/").content.decode()
    assert 'role="search"' in html
    assert 'id="header-q" name="q"' in html
    assert timezone.now()  # the page renders in the site's time zone
