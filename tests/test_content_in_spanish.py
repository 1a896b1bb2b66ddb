"""Curators' texts in the reader's language (issue 19, core/translated.py): a
Spanish title or summary shows on Spanish pages only; without one, a Spanish page
shows the English inside an element marked lang="en" (WCAG 3.1.2), on every page
type that shows these texts; English pages carry no such mark."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.models import MilestoneKind
from resources.models import CollectionItem
from tests.factories import (
    CohortFactory,
    CollectionFactory,
    OrganizationFactory,
    ProgramFactory,
    ResourceFactory,
    SessionFactory,
    UserFactory,
    add_city,
    add_member,
)

pytestmark = pytest.mark.django_db

SPANISH = {"accept-language": "es"}


class _Languages(HTMLParser):
    """Each piece of text of <main>, with the language it is declared in: the
    lang of the nearest element that has one (the page's, on <html>). Not inside
    an <svg>, whose text cannot hold an element of another language."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.texts: list[tuple[str, str]] = []
        self.marks_in_main = 0

    def _where(self) -> tuple[bool, str]:
        tags = [tag for tag, _lang in self.stack]
        inside = "main" in tags and "svg" not in tags
        lang = next((lang for _tag, lang in reversed(self.stack) if lang), "")
        return inside, lang

    def handle_starttag(self, tag, attrs):
        lang = dict(attrs).get("lang") or ""
        if lang and self._where()[0]:
            self.marks_in_main += 1
        if tag not in {"br", "img", "input", "meta", "link", "hr", "wbr"}:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        inside, lang = self._where()
        if inside and data.strip():
            self.texts.append((" ".join(data.split()), lang))


def read(html: str) -> _Languages:
    parser = _Languages()
    parser.feed(html)
    return parser


def languages_of(html: str, text: str) -> set[str]:
    """The languages the page declares for each piece of text that begins with
    text (not a sentence of the interface that quotes it)."""
    found = {lang for piece, lang in read(html).texts if piece.startswith(text)}
    assert found, f"{text!r} is not on the page"
    return found


# --- One resource, both ways ---------------------------------------------------


def test_a_spanish_title_shows_on_the_spanish_page_and_not_on_the_english_one(client):
    resource = ResourceFactory(
        title="Affordable housing toolkit",
        title_es="Guía de vivienda asequible",
        summary="How cities keep homes affordable.",
        summary_es="Cómo mantienen las ciudades viviendas asequibles.",
    )
    spanish = client.get(resource.get_absolute_url(), headers=SPANISH).text
    assert languages_of(spanish, "Guía de vivienda asequible") == {"es"}
    assert languages_of(spanish, "Cómo mantienen las ciudades") == {"es"}
    # (the page's schema.org data names the work by its own title)
    assert not any("Affordable" in piece for piece, _lang in read(spanish).texts)
    english = client.get(resource.get_absolute_url()).text
    assert languages_of(english, "Affordable housing toolkit") == {"en"}
    assert "Guía de vivienda asequible" not in english
    assert read(english).marks_in_main == 0


def test_without_spanish_the_english_shows_marked_as_english(client):
    resource = ResourceFactory(title="Affordable housing toolkit")
    spanish = client.get(resource.get_absolute_url(), headers=SPANISH).text
    assert '<h1 lang="en">Affordable housing toolkit</h1>' in spanish
    assert languages_of(spanish, "A useful resource for city leaders.") == {"en"}


def test_the_library_shows_the_spanish_after_an_english_visit(client):
    """Its cached list is kept per language."""
    ResourceFactory(title="Affordable housing toolkit", title_es="Guía de vivienda")
    assert "Affordable housing toolkit" in client.get("/resources/").text
    spanish = client.get("/resources/", headers=SPANISH).text
    assert languages_of(spanish, "Guía de vivienda") == {"es"}
    assert "Affordable housing toolkit" not in spanish


# --- Every page type, with English-only content --------------------------------


@pytest.fixture
def english_only(db):
    """The library's and the program's texts, none of them in Spanish; a coach
    of the cohort sees its workspace."""
    about = OrganizationFactory(description="A network of city halls.")
    resource = ResourceFactory(
        title="Zebra crossing toolkit",
        summary="Safer streets for every neighborhood.",
        featured=True,
        kind="organization",
        subject_organization=about,
    )
    collection = CollectionFactory(
        title="Street safety picks",
        description="Chosen for street safety work.",
        featured=True,
    )
    CollectionItem.objects.create(collection=collection, resource=resource)
    program = ProgramFactory(
        name="Bridges program",
        short_name="Bridges",
        purpose="Build bridges between city hall and residents.",
        benefits="Monthly coaching calls",
    )
    cohort = CohortFactory(
        program=program, name="Pioneer cohort", summary="The first cities."
    )
    add_city(cohort, "Wichita", "KS")
    MilestoneKind.objects.create(program=program, name="Council briefed")
    soon = timezone.now() + datetime.timedelta(days=2)
    session = SessionFactory(
        cohort=cohort,
        title="Kickoff gathering",
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=1),
    )
    session.materials.add(resource)
    coach = UserFactory(username="coach")
    add_member(cohort, coach, role="coach")
    return resource, collection, program, cohort, session, coach


def _pages(resource, collection, program, cohort, session):
    """(page, the curators' texts it shows), each text English only."""
    in_cohort = [program.slug, cohort.slug]
    return [
        ("/resources/", ["Zebra crossing toolkit", "Safer streets"]),
        (
            resource.get_absolute_url(),
            ["Zebra crossing toolkit", "Safer streets", "A network of city halls."]
            + ["Street safety picks"],
        ),
        ("/resources/collections/", ["Street safety picks", "Chosen for street"]),
        (
            collection.get_absolute_url(),
            ["Street safety picks", "Chosen for street", "Zebra crossing toolkit"],
        ),
        ("/", ["Zebra crossing toolkit", "Street safety picks", "Chosen for street"]),
        ("/", ["Kickoff gathering", "Pioneer cohort", "Bridges"]),
        (reverse("cohorts:program_list"), ["Bridges program", "Pioneer cohort"]),
        (
            program.get_absolute_url(),
            ["Bridges program", "Build bridges", "Monthly coaching calls"]
            + ["Pioneer cohort"],
        ),
        (
            cohort.get_absolute_url(),
            ["Pioneer cohort", "The first cities.", "Kickoff gathering"]
            + ["Bridges program"],
        ),
        (
            session.get_absolute_url(),
            ["Kickoff gathering", "Pioneer cohort", "Zebra crossing toolkit"],
        ),
        (
            reverse("cohorts:cohort_dashboard", args=in_cohort),
            ["Council briefed", "Pioneer cohort", "Bridges program"],
        ),
        ("/search/?q=zebra", ["Zebra crossing toolkit"]),
        ("/search/?q=kickoff", ["Kickoff gathering"]),
        ("/search/?q=pioneer", ["Pioneer cohort", "Bridges"]),
    ]


def test_every_page_type_marks_english_only_texts_as_english_in_spanish(
    client, english_only
):
    resource, collection, program, cohort, session, coach = english_only
    client.force_login(coach)
    for url, texts in _pages(resource, collection, program, cohort, session):
        response = client.get(url, headers=SPANISH)
        assert response.status_code == 200, url
        for text in texts:
            assert languages_of(response.text, text) == {"en"}, (url, text)


def test_english_pages_carry_no_language_mark(client, english_only):
    resource, collection, program, cohort, session, coach = english_only
    client.force_login(coach)
    for url, texts in _pages(resource, collection, program, cohort, session):
        response = client.get(url)
        assert read(response.text).marks_in_main == 0, url
        assert languages_of(response.text, texts[0]) == {"en"}, url


def test_the_program_shows_its_spanish_where_given(client, english_only):
    resource, collection, program, cohort, session, coach = english_only
    program.name_es = "Programa Puentes"
    program.purpose_es = "Tender puentes entre el ayuntamiento y la población."
    program.benefits_es = "Llamadas de asesoría mensuales"
    program.save()
    cohort.name_es = "Cohorte pionera"
    cohort.save()
    session.title_es = "Encuentro de inicio"
    session.save()
    client.force_login(coach)
    page = client.get(program.get_absolute_url(), headers=SPANISH).text
    for text in ["Programa Puentes", "Tender puentes", "Llamadas de asesoría"]:
        assert languages_of(page, text) == {"es"}, text
    page = client.get(session.get_absolute_url(), headers=SPANISH).text
    assert languages_of(page, "Encuentro de inicio") == {"es"}
    assert languages_of(page, "Cohorte pionera") == {"es"}
    english = client.get(session.get_absolute_url()).text
    assert "Encuentro de inicio" not in english
    assert "Cohorte pionera" not in english
