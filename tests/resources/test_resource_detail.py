"""A resource's own page: what, where, when, topics, related, drafts, queries."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from resources.services import bookmark_toggle
from tests.factories import (
    BoardFactory,
    CohortFactory,
    CollectionFactory,
    OrganizationFactory,
    ResourceFactory,
    UserFactory,
    add_city,
    add_member,
    make_thread,
)

pytestmark = pytest.mark.django_db


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
    assert 'href="/topics/racial-equity/"' in html  # the topic's page
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


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


SAVED = 'aria-pressed="true">Saved<'
NOT_SAVED = 'aria-pressed="false">Save<'


def test_each_viewer_reads_the_page_with_their_own_rights(client):
    """The page's query is built once for each kind of viewer and run with each
    request's own values: a member's saved state is hers, a curator's drafts are
    his, whoever asked before."""
    resource = ResourceFactory(slug="main", title="Budgeting for equity")
    ResourceFactory(slug="draft-one", title="Not yet", state="draft")
    saver, other = UserFactory(), UserFactory()
    curator = UserFactory(is_staff=True)
    curator.groups.add(Group.objects.get(name="Curators"))
    bookmark_toggle(user=saver, resource=resource)
    saver_client, other_client = _signed_in(saver), _signed_in(other)
    for _ in range(2):  # the second time from the queries kept by the first
        assert SAVED in saver_client.get("/resources/main/").content.decode()
        page = other_client.get("/resources/main/").content.decode()
        assert NOT_SAVED in page
        assert SAVED not in page
        assert "Budgeting for equity" in client.get("/resources/main/").content.decode()
        assert _signed_in(curator).get("/resources/draft-one/").status_code == 200
        assert other_client.get("/resources/draft-one/").status_code == 404
        assert client.get("/resources/draft-one/").status_code == 404
    bookmark_toggle(user=saver, resource=resource)  # unsaved: seen at once
    assert NOT_SAVED in saver_client.get("/resources/main/").content.decode()


def test_discussions_about_it_are_those_each_viewer_may_read(client):
    """The discussions' query is built once per kind of viewer and run with the
    request's member: a cohort's thread shows to its people only."""
    resource = ResourceFactory(slug="main")
    cohort = CohortFactory()
    add_city(cohort)
    insider, outsider = UserFactory(), UserFactory()
    add_member(cohort, insider, city=cohort.participating_cities.get())
    for board, title in [
        (BoardFactory(slug="open", visibility="public"), "Open talk"),
        (cohort.board, "Cohort talk"),
    ]:
        make_thread(board=board, title=title).resources.add(resource)
    insider_client, outsider_client = _signed_in(insider), _signed_in(outsider)
    root = _signed_in(UserFactory(is_staff=True, is_superuser=True))
    for _ in range(2):  # the second time from the queries kept by the first
        for viewer, sees_cohort in [
            (insider_client, True),
            (outsider_client, False),
            (client, False),
            (root, True),  # reads every board
        ]:
            page = viewer.get("/resources/main/").content.decode()
            assert "Open talk" in page
            assert ("Cohort talk" in page) is sees_cohort


def test_topics_and_collections_are_the_resources_own(client):
    first = ResourceFactory(slug="first", topics=["housing", "budgets"])
    ResourceFactory(slug="second", topics=["transit"])
    CollectionFactory(title="Starter kit").resources.add(first)
    CollectionFactory(title="Unlisted kit", is_published=False).resources.add(first)
    page = client.get("/resources/first/").content.decode()
    assert page.index("/topics/budgets/") < page.index("/topics/housing/")  # by name
    assert "/topics/transit/" not in page
    assert "Starter kit" in page
    assert "Unlisted kit" not in page
    other = client.get("/resources/second/").content.decode()
    assert "/topics/transit/" in other
    assert "/topics/housing/" not in other
    assert "Starter kit" not in other


@pytest.mark.parametrize("count", [5, 50])
def test_resource_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    resource = ResourceFactory(slug="main", topics=[f"t{n}" for n in range(count)])
    resource.related.add(*ResourceFactory.create_batch(count))
    # the versions (guest page cache), the resource with its topics and
    # collections, its related resources, the discussions about it
    with django_assert_num_queries(4):
        assert client.get("/resources/main/").status_code == 200


def test_discuss_this_starts_a_thread_for_members(member_client):
    ResourceFactory(slug="main")
    html = member_client.get("/resources/main/").content.decode()
    assert 'href="/community/new/?resource=main"' in html
    member_client.logout()
    guest_html = member_client.get("/resources/main/").content.decode()
    assert "Discuss this" not in guest_html
    assert "Sign in to discuss this resource" in guest_html
