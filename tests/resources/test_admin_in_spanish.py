"""Curators who chose Spanish keep the library in an admin that speaks Spanish:
the resources' labels, the rows deleted along with a resource, the actions'
messages and the topics' own admin; the others read it in English."""

import pytest
from django.contrib.auth.models import Group

from resources.models import Bookmark
from tests.factories import ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def curator_client(client, language):
    curator = UserFactory(username=f"curator_{language or 'en'}", is_staff=True)
    curator.groups.add(Group.objects.get(name="Curators"))
    curator.profile.language = language
    curator.profile.save(update_fields=["language"])
    client.force_login(curator)
    return client


@pytest.fixture
def spanish(client):
    return curator_client(client, "es")


@pytest.fixture
def english(client):
    return curator_client(client, "")


@pytest.fixture
def resource():
    """With a topic and a member who saved it."""
    resource = ResourceFactory(title="Budgeting for equity")
    resource.tags.add("Housing")
    Bookmark.objects.create(user=UserFactory(username="maria"), resource=resource)
    return resource


def test_a_resources_history_and_link_check_are_labeled_in_spanish(spanish, resource):
    page = spanish.get(f"/admin/resources/resource/{resource.pk}/change/").text
    for label in [
        "Creado por:",
        "Fecha de creación:",
        "Actualizado por:",
        "Fecha de publicación en el sitio:",
        "Error del enlace:",
        "Fecha de verificación del enlace:",
        "Temas separados por comas.",
    ]:
        assert label in page, label
    assert "Created by" not in page


def test_a_resources_history_is_labeled_in_english(english, resource):
    page = english.get(f"/admin/resources/resource/{resource.pk}/change/").text
    assert "Created by:" in page
    assert "Link checked at:" in page
    assert "Topics separated by commas." in page


def test_deleting_a_resource_names_what_goes_with_it_in_spanish(spanish, resource):
    page = spanish.get(f"/admin/resources/resource/{resource.pk}/delete/").text
    assert "Temas de recursos: 1" in page
    assert "Tema de un recurso: “Budgeting for equity”, con el tema “Housing”" in page
    assert "Recurso guardado: maria guardó Budgeting for equity" in page


def test_deleting_a_resource_names_what_goes_with_it_in_english(english, resource):
    page = english.get(f"/admin/resources/resource/{resource.pk}/delete/").text
    assert "Topics of resources: 1" in page
    assert "Saved resource: maria saved Budgeting for equity" in page
    assert "Budgeting for equity tagged with Housing" in page


def test_publishing_says_so_in_spanish(spanish):
    draft = ResourceFactory(state="draft")
    response = spanish.post(
        "/admin/resources/resource/",
        {"action": "make_published", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "1 recurso pasó al estado “Publicado”." in response.text


def test_the_topics_admin_calls_them_topics_in_spanish(spanish, resource):
    page = spanish.get("/admin/taggit/tag/add/").text
    assert "Añadir tema" in page
    assert "Identificador de URL:" in page
    assert "Etiqueta" not in page
    assert "Slug" not in page


def test_the_resource_list_filters_by_organization_in_spanish(spanish, resource):
    assert "Por organización" in spanish.get("/admin/resources/resource/").text


def test_the_resource_list_filters_by_organization_in_english(english, resource):
    page = english.get("/admin/resources/resource/").text
    assert "By organization" in page
    assert "By published by" not in page
