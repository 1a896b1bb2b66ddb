"""Curators work in the admin: states, features, notes, ordered collections."""

import pytest
from django.contrib.auth.models import Group

from resources.models import Collection, Resource
from tests.factories import OrganizationFactory, ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(client):
    curator = UserFactory(username="curator", is_staff=True)
    curator.groups.add(Group.objects.get(name="Curators"))
    client.force_login(curator)
    client.user = curator
    return client


def run_action(client, action, *resources):
    return client.post(
        "/admin/resources/resource/",
        {"action": action, "_selected_action": [r.pk for r in resources]},
        follow=True,
    )


def test_curator_publishes_drafts_in_bulk(curator_client):
    drafts = ResourceFactory.create_batch(2, state="draft")
    run_action(curator_client, "make_published", *drafts)
    for resource in drafts:
        resource.refresh_from_db()
        assert resource.state == Resource.State.PUBLISHED
        assert resource.published_at is not None
        assert resource.updated_by == curator_client.user
    assert curator_client.get("/resources/").context["paginator"].count == 2


@pytest.mark.parametrize(
    ("action", "state"),
    [("make_draft", "draft"), ("make_archived", "archived"), ("make_review", "review")],
)
def test_curator_moves_resources_between_states(curator_client, action, state):
    resource = ResourceFactory()
    run_action(curator_client, action, resource)
    resource.refresh_from_db()
    assert resource.state == state


def test_curator_features_and_unfeatures(curator_client):
    resource = ResourceFactory()
    run_action(curator_client, "feature", resource)
    resource.refresh_from_db()
    assert resource.featured
    assert [r.pk for r in curator_client.get("/").context["featured_resources"]] == [
        resource.pk
    ]
    run_action(curator_client, "unfeature", resource)
    resource.refresh_from_db()
    assert not resource.featured


def test_curator_creates_a_resource_with_notes_and_topics(curator_client):
    org = OrganizationFactory(slug="nlc", name="National League of Cities")
    response = curator_client.post(
        "/admin/resources/resource/add/",
        {
            "title": "Racial Equity Resolution",
            "slug": "racial-equity-resolution",
            "kind": "template",
            "state": "draft",
            "summary": "A template and talking points.",
            "description": "**Why** it matters.",
            "organization": org.pk,
            "published_on_precision": "day",
            "is_free": "on",
            "tags": "resolutions, racial equity",
            "editorial_notes": "Check the link before publishing.",
        },
        follow=True,
    )
    assert response.status_code == 200
    resource = Resource.objects.get(slug="racial-equity-resolution")
    assert resource.created_by == curator_client.user
    assert resource.description_html == "<p><strong>Why</strong> it matters.</p>\n"
    assert sorted(t.name for t in resource.tags.all()) == [
        "racial equity",
        "resolutions",
    ]
    change = curator_client.get(f"/admin/resources/resource/{resource.pk}/change/")
    assert "Check the link before publishing." in change.content.decode()


def test_view_on_site_works_for_drafts_for_curators_only(curator_client, client):
    ResourceFactory(slug="wip", state="draft")
    assert curator_client.get("/resources/wip/").status_code == 200
    client.logout()
    assert client.get("/resources/wip/").status_code == 404


def test_member_cannot_reach_the_admin(member_client):
    response = member_client.get("/admin/resources/resource/")
    assert response.status_code == 302


def test_collection_is_edited_with_its_resources_in_order(curator_client):
    first, second = ResourceFactory(title="First"), ResourceFactory(title="Second")
    response = curator_client.post(
        "/admin/resources/collection/add/",
        {
            "title": "Foundational resources",
            "slug": "foundational-resources",
            "description": "",
            "is_published": "on",
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "0",
            "items-0-resource": second.pk,
            "items-0-position": "1",
            "items-1-resource": first.pk,
            "items-1-position": "0",
        },
        follow=True,
    )
    assert response.status_code == 200
    collection = Collection.objects.get(slug="foundational-resources")
    assert [i.resource.title for i in collection.items.all()] == ["First", "Second"]


def test_adding_a_resource_twice_to_a_collection_is_a_form_error(curator_client):
    resource = ResourceFactory()
    response = curator_client.post(
        "/admin/resources/collection/add/",
        {
            "title": "Picks",
            "slug": "picks",
            "is_published": "on",
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "0",
            "items-0-resource": resource.pk,
            "items-0-position": "0",
            "items-1-resource": resource.pk,
            "items-1-position": "1",
        },
    )
    assert response.status_code == 200
    assert not Collection.objects.exists()
    assert "Please correct the duplicate" in response.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_admin_resource_list_runs_fixed_queries(
    curator_client, django_assert_max_num_queries, count
):
    ResourceFactory.create_batch(count)
    with django_assert_max_num_queries(14):
        assert curator_client.get("/admin/resources/resource/").status_code == 200


def test_a_resources_file_shows_in_the_admin_with_its_download_link(curator_client):
    from django.core.files.base import ContentFile

    resource = ResourceFactory(slug="guide", state="draft")
    resource.file.save("guide.pdf", ContentFile(b"%PDF-1.7 test"))
    page = curator_client.get(f"/admin/resources/resource/{resource.pk}/change/")
    assert page.status_code == 200
    assert 'href="/resources/guide/download/"' in page.content.decode()
