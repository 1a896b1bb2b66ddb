"""The site-wide search at /search/: what it finds, how it ranks, bad input."""

import datetime
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from pages import search as site
from tests.factories import (
    BoardFactory,
    CohortFactory,
    ResourceFactory,
    UserFactory,
    make_thread,
)
from tests.search_helpers import count, titles
from tests.spanish import SPANISH

pytestmark = pytest.mark.django_db


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
    first = titles(response, "resources")
    assert len(first) == site.PER_PAGE
    assert [s.key for s in response.context["shown"]] == ["resources"]
    assert "Page 1 of 2" in response.content.decode()
    response = client.get(
        "/search/", {"q": "zoning", "section": "resources", "page": "2"}
    )
    second = titles(response, "resources")
    assert len(second) == 3
    # The second page goes on where the first stopped: every match once.
    assert sorted(first + second) == sorted(f"Zoning guide {n}" for n in range(23))
    assert 'start="21"' in response.content.decode()
    # A page past the end (an old link) shows the first page, not an error.
    response = client.get(
        "/search/", {"q": "zoning", "section": "resources", "page": "9"}
    )
    assert len(titles(response, "resources")) == site.PER_PAGE


def test_discussions_pages_rank_every_match_once_and_the_best_first(client):
    board = BoardFactory(visibility="public")
    for n in range(site.PER_PAGE + 3):
        # Three posts say the word three times: they rank first, oldest included.
        says = "transit transit transit" if n % 8 == 0 else "transit"
        make_thread(board=board, title=f"Thread {n}", body=f"About {says} ({n}).")
    params = {"q": "transit", "section": "discussions"}
    first = titles(client.get("/search/", params), "discussions")
    second = titles(client.get("/search/", {**params, "page": "2"}), "discussions")
    assert first[:3] == ["Thread 16", "Thread 8", "Thread 0"]
    assert len(first) == site.PER_PAGE
    assert sorted(first + second) == sorted(f"Thread {n}" for n in range(23))


# --- It stays correct as content changes --------------------------------------------


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


class _Selects(HTMLParser):
    """Each <select>'s options, as (value, label, selected), by the select's name."""

    def __init__(self):
        super().__init__()
        self.selects, self.name, self.option = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.name = attrs["name"]
            self.selects[self.name] = []
        elif tag == "option" and self.name:
            self.option = [attrs["value"], "", "selected" in attrs]
            self.selects[self.name].append(self.option)

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self.option = None
        elif tag == "select":
            self.name = None


def selects(response) -> dict[str, list]:
    parser = _Selects()
    parser.feed(response.content.decode())
    return parser.selects


def test_the_form_keeps_the_chosen_filters_and_offers_the_others(client):
    ResourceFactory(title="Water toolkit", kind="toolkit", topics=["water", "parks"])
    response = client.get(
        "/search/", {"q": "water", "kind": "toolkit", "topic": "water", "year": 2012}
    )
    found = selects(response)
    chosen = {
        name: [(value, label) for value, label, selected in options if selected]
        for name, options in found.items()
        if name in {"kind", "topic", "year"}  # not the header's language
    }
    assert chosen == {
        "kind": [("toolkit", "Toolkit")],
        "topic": [("water", "water")],
        "year": [("2012", "2012")],
    }
    # Every option is offered, "any" first, with its label: the kinds as
    # named in the library, the topics the library has, every year from next.
    assert found["kind"][0] == ["", "Any kind", False]
    assert ["magazine", "Magazine issue", False] in found["kind"]
    assert [value for value, _, _ in found["topic"]] == ["", "parks", "water"]
    years = [value for value, _, _ in found["year"]]
    assert years[1] == str(timezone.localdate().year + 1)
    assert years[-1] == "1990"

    # In Spanish, the kinds' labels are Spanish.
    response = client.get(
        "/search/", {"q": "water", "kind": "toolkit"}, headers=SPANISH
    )
    kinds = selects(response)["kind"]
    assert [label for _, label, selected in kinds if selected] == [
        "Kit de herramientas"
    ]


def test_odd_filter_values_are_ignored(client):
    ResourceFactory(title="Transit toolkit")
    response = client.get(
        "/search/?q=transit&kind=nope&year=abc&topic=%3C&section=x&page=-3"
    )
    assert response.status_code == 200
    assert titles(response, "resources") == ["Transit toolkit"]


def test_the_header_search_box_leads_here(client):
    html = client.get("/resources/").content.decode()
    assert 'role="search"' in html
    assert 'id="header-q" name="q"' in html
    assert timezone.now()  # the page renders in the site's time zone
