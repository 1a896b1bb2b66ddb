"""The library page: filters, facet counts, full-text search, sorting, bad input."""

import pytest

from tests.factories import OrganizationFactory, ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [r.title for r in response.context["resources"]]


def facet(response, name):
    return {f.value: f.count for f in response.context["facets"][name]}


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


def test_facet_counts_follow_the_other_facets(client):
    ResourceFactory(kind="webinar", topics=["housing"])
    ResourceFactory(kind="webinar", topics=["budgeting"])
    ResourceFactory(kind="template", topics=["housing"])
    response = client.get("/resources/?kind=webinar")
    # Topics count only webinars; kinds ignore the kind choice so others can be added.
    assert facet(response, "topic") == {"housing": 1, "budgeting": 1}
    assert facet(response, "kind") == {"webinar": 2, "template": 1}
    response = client.get("/resources/?topic=housing")
    assert facet(response, "kind") == {"webinar": 1, "template": 1}
    assert facet(response, "topic") == {"housing": 2, "budgeting": 1}


def test_organization_and_year_facets(client):
    nlc = OrganizationFactory(
        slug="nlc", name="National League of Cities", short_name="NLC"
    )
    ResourceFactory(organization=nlc, published_on="2020-08-27")
    ResourceFactory(organization=nlc, published_on="2021-03-19")
    ResourceFactory(published_on="2021-01-01")
    response = client.get("/resources/?org=nlc&year=2021")
    assert len(titles(response)) == 1
    assert facet(response, "year") == {"2020": 1, "2021": 1}
    assert {f.label for f in response.context["facets"]["org"]} >= {"NLC"}


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
    # the versions (twice: for the guest page cache, then the library's own),
    # the ids of the newest matches (of the list, and of the list but its kinds:
    # what the kind facet counts), four facets among them, the page's ids, the
    # page's resources, tags
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.status_code == 200
    # Again, signed in: the facets, the count and the page's ids from the cache
    # (a guest would get the whole page from it).
    client.force_login(reader)
    client.get("/")
    # + the user (with the header's profile and unread count), the versions
    with django_assert_num_queries(4):
        again = client.get(url)
    assert again.context["paginator"].count == response.context["paginator"].count


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


def test_draft_url_is_404_for_guests_and_members(client, member_client):
    ResourceFactory(slug="draft-one", state="draft")
    ResourceFactory(slug="gone", state="archived")
    for c in (client, member_client):
        assert c.get("/resources/draft-one/").status_code == 404
        assert c.get("/resources/gone/").status_code == 404


def test_resource_page_shows_what_where_when_and_topics(client):
    nlc = OrganizationFactory(slug="nlc", name="National League of Cities")
    ResourceFactory(
        slug="intro",
        title="Advancing Racial Equity: An Introduction",
        kind="webinar",
        organization=nlc,
        published_on="2020-08-27",
        topics=["racial equity"],
    )
    html = client.get("/resources/intro/").content.decode()
    assert "Originally offered" in html
    assert "August 27, 2020" in html
    assert "National League of Cities" in html
    assert 'href="/resources/?topic=racial-equity"' in html
    assert "<title>Advancing Racial Equity: An Introduction ·" in html


def test_month_precision_dates_show_no_invented_day(client):
    ResourceFactory(
        slug="wc", published_on="2020-11-01", published_on_precision="month"
    )
    html = client.get("/resources/wc/").content.decode()
    assert "November 2020" in html
    assert "November 1, 2020" not in html


def test_related_resources_show_only_published(client):
    resource = ResourceFactory(slug="main")
    resource.related.add(
        ResourceFactory(title="Related public"),
        ResourceFactory(title="Related draft", state="draft"),
    )
    html = client.get("/resources/main/").content.decode()
    assert "Related public" in html
    assert "Related draft" not in html


@pytest.mark.parametrize("count", [5, 50])
def test_resource_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    resource = ResourceFactory(slug="main", topics=[f"t{n}" for n in range(count)])
    resource.related.add(*ResourceFactory.create_batch(count))
    # the versions (guest page cache), resource, its tags, related,
    # collections, discussions about it
    with django_assert_num_queries(6):
        assert client.get("/resources/main/").status_code == 200


def test_discuss_this_starts_a_thread_for_members(member_client):
    ResourceFactory(slug="main")
    html = member_client.get("/resources/main/").content.decode()
    assert 'href="/community/new/?resource=main"' in html
    member_client.logout()
    guest_html = member_client.get("/resources/main/").content.decode()
    assert "Discuss this" not in guest_html
    assert "Sign in to discuss this resource" in guest_html


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


@pytest.mark.parametrize(
    "query",
    [
        "",
        "kind=webinar",
        "topic=topic-1",
        "kind=toolkit&kind=template&topic=topic-2&year=2021",
        "org=o1&org=o2",
        "year=2020&year=2022&kind=webinar",
        "org=o3&topic=topic-0",
    ],
)
def test_facet_counts_from_the_cells_are_those_of_every_resource(query):
    """The facet cells (a materialized view) count what counting every published
    resource counts, for any filters they answer."""
    from datetime import date

    from django.http import QueryDict

    from core import versions
    from resources.facets import _facets, _facets_from_cells, facet_cells_refresh
    from resources.filters import LibraryFilters, apply_filters
    from resources.models import Resource

    for n in range(40):
        ResourceFactory(
            kind=["webinar", "toolkit", "template"][n % 3],
            topics=[f"topic {n % 4}", f"topic {n % 3}"] if n % 5 else [],
            organization=OrganizationFactory(slug=f"o{n % 4}") if n % 7 else None,
            published_on=date(2019 + n % 4, 1 + n % 12, 1) if n % 6 else None,
            state="draft" if n % 9 == 0 else "published",
        )
    facet_cells_refresh(versions.stamp("library", "topics"))
    filters = LibraryFilters.from_query(QueryDict(query))
    base = Resource.objects.published()
    facets = _facets(filters, lambda skip: apply_filters(base, filters, skip=skip))
    expected = (facets, apply_filters(base, filters).count())
    assert _facets_from_cells(filters) == expected
    assert expected[1] > 0


def test_a_search_matching_more_than_it_counts_says_so(client, monkeypatch):
    """A common word's list and facets cover its newest MAX_MATCHES matches; the
    page says there are more, and each facet's count is a lower bound ("3+")."""
    from datetime import date

    from resources import filters

    monkeypatch.setattr(filters, "MAX_MATCHES", 4)
    for n in range(6):
        ResourceFactory(
            title=f"Housing plan {n}",
            kind="webinar" if n % 2 else "toolkit",
            published_on=date(2020, 1, 1 + n),
        )
    ResourceFactory(title="Transit plan", kind="template")
    ResourceFactory(title="Unrelated", kind="report")
    response = client.get("/resources/", {"q": "housing", "sort": "new"})
    page = response.content.decode()
    assert "More than 4 resources match; the newest 4 are listed" in page
    assert [r.title for r in response.context["resources"]] == [
        f"Housing plan {n}" for n in (5, 4, 3, 2)
    ]
    kinds = {f.value: (f.count, f.capped) for f in response.context["facets"]["kind"]}
    assert kinds == {"webinar": (2, True), "toolkit": (2, True)}
    assert "(2+)" in page
    # A word with fewer matches than that is counted exactly.
    response = client.get("/resources/", {"q": "transit"})
    assert "1 resource" in response.content.decode()
    assert [(f.count, f.capped) for f in response.context["facets"]["kind"]] == [
        (1, False)
    ]


def test_a_chosen_facet_is_counted_among_what_the_other_filters_leave(
    client, monkeypatch
):
    """With a kind chosen, the list has few matches (counted exactly) while the
    kind facet counts the search's matches of every kind (more than it counts)."""
    from resources import filters

    monkeypatch.setattr(filters, "MAX_MATCHES", 4)
    for n in range(6):
        ResourceFactory(title=f"Housing guide {n}", kind="toolkit")
    ResourceFactory(title="Housing talk", kind="webinar")
    response = client.get("/resources/", {"q": "housing", "kind": "webinar"})
    assert response.context["paginator"].count == 1
    assert "1 resource" in response.content.decode()
    kinds = response.context["facets"]["kind"]
    assert all(f.capped for f in kinds)
    assert {f.value for f in kinds} <= {"webinar", "toolkit"}


class Queued:
    """A task whose worker is away: enqueue() only notes it."""

    def __init__(self, asked: list):
        self.asked = asked

    def enqueue(self):
        self.asked.append(True)


def test_the_worker_counts_the_facet_cells_again_after_a_publication(
    client, monkeypatch
):
    """Without a search, the facets come from the facet cells. A publication asks
    the worker to count them again; until it has, the page shows the counts from
    before (never a 500, never kept as current), and right after it, the new."""
    from resources import facets

    ResourceFactory(title="Transit guide", kind="toolkit")
    draft = ResourceFactory(title="Transit primer", kind="webinar", state="draft")
    kinds = lambda response: {  # noqa: E731
        f.value: f.count for f in response.context["facets"]["kind"]
    }
    assert kinds(client.get("/resources/")) == {"toolkit": 1}
    asked = []
    # The worker is away: the task waits in the queue.
    task = facets.facet_cells_update
    monkeypatch.setattr(facets, "facet_cells_update", Queued(asked))
    draft.state = "published"
    draft.save()
    assert asked, "a publication asks the worker to count the cells again"
    before = client.get("/resources/?kind=toolkit")
    assert kinds(before) == {"toolkit": 1}  # the cells are behind for now
    task.call()  # the worker is back and runs the task
    after = client.get("/resources/?kind=toolkit")
    assert kinds(after) == {"toolkit": 1, "webinar": 1}
    assert kinds(client.get("/resources/")) == {"toolkit": 1, "webinar": 1}


def test_with_the_cache_emptied_a_request_counts_the_cells(client, monkeypatch):
    """When nobody knows when the cells were counted (the cache was emptied), the
    request counts them itself rather than trust them."""
    from django.core.cache import cache

    from resources import facets

    monkeypatch.setattr(facets, "facet_cells_update", Queued([]))
    ResourceFactory(kind="toolkit")
    ResourceFactory(kind="report")
    cache.clear()
    response = client.get("/resources/")
    assert {f.value for f in response.context["facets"]["kind"]} == {
        "toolkit",
        "report",
    }
