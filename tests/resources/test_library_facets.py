"""The library's facet counts: other filters, the facet cells, caps, the worker."""

import pytest

from tests.factories import OrganizationFactory, ResourceFactory
from tests.resources.library_helpers import titles

pytestmark = pytest.mark.django_db


def facet(response, name):
    return {f.value: f.count for f in response.context["facets"][name]}


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


@pytest.mark.parametrize(
    "query",
    [
        "q=guide",
        "q=guide&kind=webinar",
        "q=guide&org=o1&year=2020",
        "q=guide&kind=toolkit&kind=template&topic=topic-2&year=2021",
        "q=guide&org=o3&topic=topic-0&sort=title",
    ],
)
def test_a_searchs_facet_counts_are_those_of_every_match(query):
    """A search's counts, made in Python from its newest matches' kind,
    organization and year (and its topics from the tags), are what counting
    every match in PostgreSQL gives, while fewer match than the cap."""
    from datetime import date

    from django.http import QueryDict

    from core import versions
    from resources.facets import _facets, _search_counts
    from resources.filters import LibraryFilters, apply_filters, search_resources
    from resources.models import Resource

    for n in range(40):
        ResourceFactory(
            title=f"Guide {n}" if n % 8 else f"Primer {n}",
            kind=["webinar", "toolkit", "template"][n % 3],
            topics=[f"topic {n % 4}", f"topic {n % 3}"] if n % 5 else [],
            organization=OrganizationFactory(
                slug=f"o{n % 4}", name=f"Org {n % 4}", short_name=f"Z{3 - n % 4}"
            )
            if n % 7
            else None,
            published_on=date(2019 + n % 4, 1 + n % 12, 1) if n % 6 else None,
            state="draft" if n % 9 == 0 else "published",
        )
    filters = LibraryFilters.from_query(QueryDict(query))
    base = search_resources(Resource.objects.published(), filters.q)
    counted = _search_counts(base, filters, versions.stamp("library", "topics"))
    facets = _facets(filters, lambda skip: apply_filters(base, filters, skip=skip))
    assert counted.facets == facets
    assert counted.count == apply_filters(base, filters).count() > 0
    assert not counted.capped


def test_a_facets_counts_are_kept_for_the_other_facets_choices(client):
    """A facet counts what the other facets' choices leave, so its counts are
    kept under those: a page that changes only the chosen kind sums the cells
    again for the topics, organizations and years, not for the kinds, and every
    count is still that of its own filters."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ResourceFactory(kind="webinar", topics=["housing"], published_on="2020-01-01")
    ResourceFactory(kind="webinar", topics=["budgeting"], published_on="2021-01-01")
    ResourceFactory(kind="template", topics=["housing"], published_on="2021-01-01")

    def summed(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        sums = [q["sql"] for q in queries if "resources_facetcell" in q["sql"]]
        facets = {"'kind'", "'topic'", "'org'", "'year'"}
        return response, {f for sql in sums for f in facets if f"SELECT {f}" in sql}

    first, facets = summed("/resources/?kind=webinar")
    assert facets == {"'kind'", "'topic'", "'org'", "'year'"}
    second, facets = summed("/resources/?kind=template")
    assert facets == {"'topic'", "'org'", "'year'"}  # the kinds' counts were kept
    assert (
        facet(second, "kind") == facet(first, "kind") == {"webinar": 2, "template": 1}
    )
    assert facet(second, "topic") == {"housing": 1}
    assert facet(second, "year") == {"2021": 1}
    assert len(titles(second)) == 1
    third, facets = summed("/resources/?kind=template&year=2021")
    assert facets == {"'kind'", "'topic'", "'org'"}  # the years' counts were kept
    assert facet(third, "year") == {"2021": 1}
    assert facet(third, "kind") == {"webinar": 1, "template": 1}


def test_after_the_cells_move_one_request_at_a_time_sums_a_facet_again():
    """When the cells are counted again, the first request to need a facet's sums
    sums it again; a request meanwhile gets the sums from before rather than
    summing too (core.rebuilt.rebuilt_by_one_each); the next gets the new."""
    from core.rebuilt import rebuilt_by_one_each

    summed = []

    def kept(stamp, during=None):
        def sum_again(wanted):
            summed.append((stamp, [name for (name,) in wanted]))
            meanwhile = during() if during else None
            return [(f"{name}@{stamp}", meanwhile) for (name,) in wanted]

        keys = [("kind",), ("topic",)]
        return rebuilt_by_one_each("test:sums", stamp, keys, sum_again, language=False)

    assert [v for v, _ in kept(1)] == ["kind@1", "topic@1"]
    assert [v for v, _ in kept(1)] == ["kind@1", "topic@1"]
    assert summed == [(1, ["kind", "topic"])]
    (kind, meanwhile), (topic, _) = kept(2, during=lambda: kept(2))
    assert (kind, topic) == ("kind@2", "topic@2")
    assert [v for v, _ in meanwhile] == ["kind@1", "topic@1"]  # not summed again
    assert summed == [(1, ["kind", "topic"]), (2, ["kind", "topic"])]
    assert [v for v, _ in kept(2)] == ["kind@2", "topic@2"]
