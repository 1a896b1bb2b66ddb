"""The library page: filters, full-text search, sorting, paging, bad input."""

import pytest

from tests.factories import OrganizationFactory, ResourceFactory, UserFactory
from tests.resources.library_helpers import titles

pytestmark = pytest.mark.django_db


def test_only_published_resources_are_listed(client):
    ResourceFactory(title="Public toolkit")
    for state in ["suggested", "draft", "review", "archived"]:
        ResourceFactory(title=f"Hidden {state}", state=state)
    response = client.get("/resources/")
    assert titles(response) == ["Public toolkit"]
    assert "Hidden" not in response.content.decode()


def test_values_of_one_facet_combine_with_or(client):
    ResourceFactory(title="A webinar", kind="webinar")
    ResourceFactory(title="A template", kind="template")
    ResourceFactory(title="A report", kind="report")
    response = client.get("/resources/?kind=webinar&kind=template")
    assert sorted(titles(response)) == ["A template", "A webinar"]


def test_different_facets_combine_with_and(client):
    ResourceFactory(title="Housing toolkit", kind="toolkit", topics=["housing"])
    ResourceFactory(title="Housing report", kind="report", topics=["housing"])
    ResourceFactory(title="Budget toolkit", kind="toolkit", topics=["budgeting"])
    response = client.get("/resources/?topic=housing&kind=toolkit")
    assert titles(response) == ["Housing toolkit"]


def test_a_filter_state_is_a_shareable_url(client):
    ResourceFactory(title="Webinar on housing", kind="webinar", topics=["housing"])
    html = client.get("/resources/?kind=webinar&topic=housing").content.decode()
    # The chosen filters are checked in the form and each can be removed by a link.
    assert 'name="kind" value="webinar" checked' in html
    assert 'name="topic" value="housing" checked' in html
    assert 'href="?topic=housing"' in html  # removes the kind, keeps the topic


def test_search_stems_english_words(client):
    ResourceFactory(title="Racial Equity Resolution", summary="A template.")
    ResourceFactory(title="Budget toolkit")
    assert titles(client.get("/resources/?q=resolutions")) == [
        "Racial Equity Resolution"
    ]


def test_title_matches_rank_above_summary_and_description(client):
    ResourceFactory(title="Notes", summary="Other", description="housing housing")
    ResourceFactory(title="Plain", summary="All about housing.")
    ResourceFactory(title="Housing first", summary="Guide.")
    response = client.get("/resources/?q=housing")
    assert response.context["filters"].sort == "relevance"
    assert titles(response) == ["Housing first", "Plain", "Notes"]


def test_search_supports_phrases_and_excluded_words(client):
    ResourceFactory(title="Community engagement guide")
    ResourceFactory(title="Engagement of the community in policing")
    ResourceFactory(title="Community engagement and policing")
    assert sorted(titles(client.get('/resources/?q="community engagement"'))) == [
        "Community engagement and policing",
        "Community engagement guide",
    ]
    assert titles(client.get('/resources/?q="community engagement" -policing')) == [
        "Community engagement guide"
    ]


def test_search_ignores_editorial_notes(client):
    ResourceFactory(title="Visible", editorial_notes="zebracorn reviewer note")
    assert titles(client.get("/resources/?q=zebracorn")) == []


def test_sort_by_title_and_newest(client):
    ResourceFactory(title="Bravo", published_on="2021-01-01")
    ResourceFactory(title="Alpha", published_on="2020-01-01")
    ResourceFactory(title="Charlie", published_on="2022-01-01")
    assert titles(client.get("/resources/?sort=title")) == ["Alpha", "Bravo", "Charlie"]
    assert titles(client.get("/resources/")) == ["Charlie", "Bravo", "Alpha"]


def test_twenty_four_per_page(client):
    ResourceFactory.create_batch(30)
    first = client.get("/resources/")
    second = client.get("/resources/?page=2")
    assert len(titles(first)) == 24
    assert len(titles(second)) == 6


def test_empty_result_offers_a_way_back(client):
    ResourceFactory(kind="toolkit")
    html = client.get("/resources/?kind=webinar").content.decode()
    assert "Nothing in the library matches these filters." in html
    assert "Show the whole library" in html


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=99999",
        "page=-3",
        "kind=bogus",
        "year=abc",
        "year=99999999999999999999",
        "topic=%3Cscript%3E",
        "org=' OR 1=1 --",
        "sort=sideways",
        "q=" + "x" * 5000,
        'q="unclosed',
        "q=-",
        "q=%26%7C%21()%3A*",
        "q=%01",
        "kind=webinar&kind=webinar",
    ],
)
def test_bad_input_gives_a_normal_page(client, query):
    ResourceFactory.create_batch(3)
    response = client.get(f"/resources/?{query}")
    assert response.status_code == 200


def test_unknown_filter_values_are_ignored(client):
    ResourceFactory.create_batch(2)
    response = client.get("/resources/?kind=bogus&year=abc")
    assert len(titles(response)) == 2


def test_search_on_a_very_long_query_is_cut_not_refused(client):
    ResourceFactory(title="Housing guide")
    response = client.get("/resources/", {"q": "housing " + "x" * 5000})
    assert response.status_code == 200
    assert len(response.context["filters"].q) <= 200


@pytest.mark.parametrize("count", [5, 50])
def test_library_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    for n in range(count):
        ResourceFactory(
            kind=["webinar", "toolkit", "template"][n % 3],
            topics=[f"topic {n % 7}", f"topic {n % 5}"],
            organization=OrganizationFactory(slug=f"o{n % 4}"),
        )
    reader = UserFactory()
    url = "/resources/?q=resource&kind=webinar&kind=toolkit"
    # the versions (once: the guest page cache's serve the library's own), the
    # newest matches with their kind, organization and year (of the list, and
    # of the list but its kinds: what the kind facet counts), their topics, the
    # organizations' names, the page's ids by rank, the page's resources with
    # their topics
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200
    # Again, signed in: the library's body (form, facets, page) is the same for
    # every viewer and comes from the cache (a guest would get the whole page).
    client.force_login(reader)
    client.get("/")
    # the user (with the header's profile and unread count), the versions
    with django_assert_num_queries(2):
        again = client.get(url)
    body = response.text[response.text.index('<form method="get"') :]
    assert body[: body.index("</form>")] in again.text
    assert "Saved resources" in again.text  # the page around it is the member's


def test_a_publication_shows_in_the_next_library_page(client):
    ResourceFactory(title="Transit guide", kind="toolkit")
    draft = ResourceFactory(title="Transit primer", kind="webinar", state="draft")
    first = client.get("/resources/?q=transit")
    assert first.context["paginator"].count == 1
    draft.state = "published"
    draft.save()
    second = client.get("/resources/?q=transit")
    assert second.context["paginator"].count == 2
    assert {f.value for f in second.context["facets"]["kind"]} == {
        "toolkit",
        "webinar",
    }
    assert sorted(r.title for r in second.context["resources"]) == [
        "Transit guide",
        "Transit primer",
    ]


def test_the_cached_library_and_collection_pages_follow_every_change(client):
    from tests.factories import CollectionFactory

    ResourceFactory(title="Transit guide")
    draft = ResourceFactory(title="Transit primer", state="draft")
    collection = CollectionFactory(slug="reading")
    collection.items.create(resource=draft, position=1)
    assert "Transit primer" not in client.get("/resources/").content.decode()
    assert (
        "Transit primer"
        not in client.get(collection.get_absolute_url()).content.decode()
    )
    draft.state = "published"
    draft.save()
    assert "Transit primer" in client.get("/resources/").content.decode()
    assert (
        "Transit primer" in client.get(collection.get_absolute_url()).content.decode()
    )
    collection.items.all().delete()
    assert (
        "Transit primer"
        not in client.get(collection.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize("sort", ["new", "title", "relevance"])
def test_a_search_follows_each_change_of_what_it_found(client, sort):
    """A search's newest matches are kept (resources.facets.newest_rows): the
    same URL, asked again after each committed change, lists and counts what
    the library holds now."""
    guide = ResourceFactory(title="Transit guide", kind="toolkit")
    ResourceFactory(title="Transit primer", kind="webinar")
    url = f"/resources/?q=transit&sort={sort}"

    def seen():
        response = client.get(url)
        kinds = {f.value: f.count for f in response.context["facets"]["kind"]}
        return sorted(r.title for r in response.context["resources"]), kinds

    assert seen() == (["Transit guide", "Transit primer"], {"toolkit": 1, "webinar": 1})
    guide.kind = "webinar"
    guide.save()
    assert seen() == (["Transit guide", "Transit primer"], {"webinar": 2})
    guide.state = "draft"
    guide.save()
    assert seen() == (["Transit primer"], {"webinar": 1})
