"""The library's texts in Spanish (issue 19): a search finds a resource by its
Spanish words, with Spanish stemming; the feed and the picker give the Spanish
title; curators fill the Spanish beside the English in the admin; the seeds give
a few resources and the foundational collection their Spanish."""

import pytest

from resources.models import Collection, Resource
from resources.seed import seed_library
from tests.factories import ResourceFactory
from tests.test_content_in_spanish import SPANISH, languages_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_resource(db):
    ResourceFactory(title="Budget basics", summary="How a city budget works.")
    return ResourceFactory(
        title="Workforce toolkit",
        title_es="Guía para la capacitación del personal",
        summary="Training city staff.",
        summary_es="Programas de formación para empleados municipales.",
    )


@pytest.mark.parametrize("words", ["capacitaciones", "empleado municipal"])
def test_the_library_finds_a_resource_by_its_spanish_words(
    client, spanish_resource, words
):
    """Spanish stemming: "capacitaciones" finds "capacitación"."""
    for sort in ["relevance", "new"]:
        response = client.get("/resources/", {"q": words, "sort": sort})
        assert [r.pk for r in response.context["resources"]] == [spanish_resource.pk]


def test_the_site_search_finds_a_resource_by_its_spanish_words(
    client, spanish_resource
):
    english = client.get("/search/", {"q": "capacitaciones"}).text
    assert "Workforce toolkit" in english
    spanish = client.get("/search/", {"q": "capacitaciones"}, headers=SPANISH).text
    assert languages_of(spanish, "Guía para la capacitación") == {"es"}
    assert languages_of(spanish, "Programas de formación") == {"es"}


@pytest.mark.usefixtures("spanish_resource")
def test_a_word_left_out_in_spanish_leaves_out_what_holds_it(client):
    found = client.get("/resources/", {"q": "capacitaciones -empleados"})
    assert list(found.context["resources"]) == []


def test_the_feed_and_the_picker_give_the_spanish_title(
    member_client, spanish_resource
):
    feed = member_client.get("/resources/feed/", headers=SPANISH).text
    assert "<title>Guía para la capacitación del personal</title>" in feed
    picked = member_client.get(
        "/resources/autocomplete/", {"q": "capacitación"}, headers=SPANISH
    ).json()["results"]
    assert [r["title"] for r in picked] == ["Guía para la capacitación del personal"]
    assert "lang" not in picked[0]
    other = member_client.get(
        "/resources/autocomplete/", {"q": "budget"}, headers=SPANISH
    ).json()["results"]
    assert other[0]["title"] == "Budget basics"
    assert other[0]["lang"] == "en"


# --- The admin ---------------------------------------------------------------------


def test_curators_fill_the_spanish_beside_the_english_in_the_admin(admin_client):
    form = admin_client.get("/admin/resources/resource/add/").text
    assert form.index('name="title"') < form.index('name="title_es"')
    assert form.index('name="title_es"') < form.index('name="slug"')
    assert "Title in Spanish" in form
    admin_client.post(
        "/admin/resources/resource/add/",
        {
            "title": "Workforce toolkit",
            "title_es": "Guía para la capacitación del personal",
            "slug": "workforce",
            "kind": "toolkit",
            "state": "published",
            "summary": "Training city staff.",
            "summary_es": "Programas de formación para empleados municipales.",
            "published_on_precision": "day",
            "is_free": "on",
        },
    )
    response = admin_client.get("/resources/", {"q": "capacitaciones"})
    [resource] = response.context["resources"]
    assert resource.summary_es == "Programas de formación para empleados municipales."


# --- The seeds -------------------------------------------------------------------


def test_the_seeds_translate_a_few_resources_and_the_foundational_collection(client):
    seed_library()
    resource = Resource.objects.get(slug="racial-equity-resolution")
    page = client.get(resource.get_absolute_url(), headers=SPANISH).text
    assert languages_of(page, "Resolución sobre equidad racial") == {"es"}
    assert languages_of(page, "Una plantilla y puntos clave") == {"es"}
    collection = Collection.objects.get(slug="foundational-resources")
    assert collection.title_es == "Recursos fundamentales"


def test_a_library_seeded_before_gets_the_spanish_but_keeps_a_curators(db):
    seed_library()
    Resource.objects.filter(slug="racial-equity-resolution").update(
        title_es="", summary_es=""
    )
    Resource.objects.filter(slug="gare").update(summary_es="Escrito por el equipo.")
    seed_library()
    assert Resource.objects.get(slug="racial-equity-resolution").title_es == (
        "Resolución sobre equidad racial"
    )
    assert Resource.objects.get(slug="gare").summary_es == "Escrito por el equipo."
