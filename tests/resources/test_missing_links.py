"""A resource without a link or file says so on its page; curators list them."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(client):
    curator = UserFactory(username="curator", is_staff=True)
    curator.groups.add(Group.objects.get(name="Curators"))
    client.force_login(curator)
    return client


@pytest.fixture
def resources():
    return {
        "linked": ResourceFactory(title="Linked toolkit"),
        "unlinked": ResourceFactory(title="Unlinked webinar", url=""),
    }


def listed(client, query: str) -> set[str]:
    response = client.get(f"/admin/resources/resource/{query}")
    assert response.status_code == 200
    return {str(r) for r in response.context["cl"].result_list}


def test_curators_filter_the_resources_missing_a_link(curator_client, resources):
    assert listed(curator_client, "?missing_link=yes") == {"Unlinked webinar"}
    assert listed(curator_client, "?missing_link=no") == {"Linked toolkit"}
    assert listed(curator_client, "") == {"Linked toolkit", "Unlinked webinar"}
    page = curator_client.get("/admin/resources/resource/").content.decode()
    assert "By missing link" in page


def test_the_page_says_the_source_does_not_link_it(client, resources):
    page = client.get(resources["unlinked"].get_absolute_url()).content.decode()
    assert "Not linked in the source." in page
    linked = client.get(resources["linked"].get_absolute_url()).content.decode()
    assert "Not linked in the source." not in linked
    assert "Open the resource" in linked
