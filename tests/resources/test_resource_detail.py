"""A resource's own page: what, where, when, topics, related, drafts, queries."""

import pytest

from tests.factories import OrganizationFactory, ResourceFactory

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
