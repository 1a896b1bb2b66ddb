"""seed_demo loads the library from the two source documents, once."""

from urllib.parse import urlsplit

import pytest

from resources.models import Collection, Organization, Resource
from resources.seed import seed_library, seed_synthetic_resources
from resources.seed.organizations import MAYORS_CENTER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    seed_library()


def test_seed_is_idempotent(library):
    counts = (Resource.objects.count(), Organization.objects.count())
    assert seed_library() == 0
    assert (Resource.objects.count(), Organization.objects.count()) == counts


def test_three_magazine_issues_not_one(library):
    issues = Resource.objects.filter(kind="magazine").order_by("published_on")
    assert [r.date_label for r in issues] == [
        "November 2020",
        "December 2021",
        "December 2022",
    ]


def test_webinars_keep_their_original_dates(library):
    intro = Resource.objects.get(title="Advancing Racial Equity: An Introduction")
    panel = Resource.objects.get(title="Advancing Racial Equity: A Discussion")
    assert str(intro.published_on) == "2020-08-27"
    assert str(panel.published_on) == "2020-10-08"
    assert intro.organization.short_name == "Cal Cities"


def test_statement_is_corrected_and_reviewer_note_kept_private(library):
    statement = Resource.objects.get(kind="statement", published_on="2021-03-19")
    assert statement.summary.startswith("In the wake of")
    release = Resource.objects.get(kind="statement", published_on="2018-02-12")
    assert "[TM1]" in release.editorial_notes
    assert "TM1" not in release.description + release.summary
    assert "Does this mean anything" not in release.description


def test_no_contact_details_are_published(library):
    public = " ".join(
        f"{r.title} {r.summary} {r.description}" for r in Resource.objects.all()
    )
    for contact in [
        "stjean@nlc.org",
        "202-626-3167",
        "Meri St",
        "joviatt",
        "882-8656",
        "Jill Oviatt",
        "Annie Lam",
        "955-6766",
        "lam-consult",
        "Meghan McKelvey",
    ]:
        assert contact not in public


LINKED = {
    "nlc-real": "https://www.nlc.org",
    "gare": "https://www.racialequityalliance.org",
    "race-forward": "https://www.raceforward.org",
    "icma-race-equity-social-justice": "https://icma.org",
    "mayors-business-leaders-center": MAYORS_CENTER_PAGE,
    "stop-aapi-hate": "https://stopaapihate.org",
    "wk-kellogg-foundation": "https://www.wkkf.org",
}


def test_links_only_where_a_source_names_the_home(library):
    """Home pages only; the one deeper page is the Center's, which has no site of
    its own (checked, not guessed)."""
    links = dict(Resource.objects.exclude(url="").values_list("slug", "url"))
    assert links == LINKED
    for slug, url in links.items():
        if url != MAYORS_CENTER_PAGE:
            assert urlsplit(url).path in ("", "/"), slug
        assert "Link:" in Resource.objects.get(slug=slug).editorial_notes or (
            slug == "wk-kellogg-foundation"  # the release gives www.wkkf.org
        )


def test_organizations_link_their_home_pages(library):
    websites = dict(Organization.objects.values_list("slug", "website"))
    assert websites["cal-cities"] == "https://www.calcities.org"
    assert websites["nlc"] == "https://www.nlc.org"
    assert all(websites.values())


def test_icma_keeps_the_source_wording_and_the_correction_is_for_curators(library):
    icma = Resource.objects.get(slug="icma-race-equity-social-justice")
    assert icma.summary.startswith(
        "Materials curated by the International City Managers Association (ICMA)"
    )
    assert "International City/County Management Association" in (icma.editorial_notes)
    assert "City/County" not in icma.summary + icma.description


def test_statements_are_given_in_full(library):
    release = Resource.objects.get(published_on="2018-02-12")
    assert "said Clarence E. Anthony, CEO and executive director" in (
        release.description
    )
    assert "said Leon Andrews, director of the National League" in (release.description)
    assert release.description.count("Pittsburgh, Penn.") == 1
    statement = Resource.objects.get(published_on="2021-03-19")
    assert statement.description.startswith("*By Karina Gonzalez, Mar 19, 2021*")
    assert "Sacramento – In the wake of" in statement.description
    assert "n the wake" not in statement.description.replace("In the wake", "")
    assert statement.description.endswith("elected and appointed city officials.")


def test_every_named_resource_is_in_foundational_resources(library):
    collection = Collection.objects.get(slug="foundational-resources")
    titles = [item.resource.title for item in collection.items.all()]
    for expected in [
        "Racial Equity Resolution",
        "The City Leader's Compass to the My Brother's Keeper Landscape",
        "Government Alliance on Race and Equity (GARE)",
        "Race Forward",
        "ICMA Race, Equity, and Social Justice",
        "NLC REAL: Race, Equity and Leadership",
    ]:
        assert expected in titles
    assert len(titles) == Resource.objects.count()


def test_synthetic_resources_are_marked_and_counted(library):
    assert seed_synthetic_resources(30) == 30
    assert seed_synthetic_resources(30) == 0
    synthetic = Resource.objects.filter(is_synthetic=True)
    assert synthetic.count() == 30
    assert all(r.title.startswith("[Synthetic]") for r in synthetic)
    assert synthetic.filter(tags__isnull=False).distinct().count() == 30
