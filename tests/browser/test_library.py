"""A guest and a curator use the library in a real browser."""

import re

import pytest
from django.contrib.auth.models import Group

from resources.seed import seed_library
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, ResourceFactory, UserFactory, give_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library(db):
    seed_library()


def test_guest_narrows_searches_and_follows_a_topic(page, library):
    page.goto("/resources/")
    assert_accessible(page)
    page.get_by_role("group", name="Topic").get_by_label(
        re.compile(r"^racial equity")
    ).check()
    page.get_by_role("group", name="Kind").get_by_label(
        re.compile(r"^Template")
    ).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"topic=racial-equity"))
    assert "kind=template" in page.url
    results = page.get_by_role("region", name=re.compile(r"resource"))
    assert results.get_by_role("heading", level=3).all_inner_texts() == [
        "Racial Equity Resolution"
    ]

    page.get_by_role("link", name="Clear all").click()
    page.get_by_label("Search the library").fill("resolution")
    page.get_by_role("search", name="Search and filter the library").get_by_role(
        "button", name="Search", exact=True
    ).click()
    page.wait_for_url(re.compile(r"q=resolution"))
    assert_accessible(page)
    page.get_by_role("link", name="Racial Equity Resolution").click()
    page.wait_for_url("**/resources/racial-equity-resolution/")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Racial Equity Resolution"
    )
    assert_accessible(page)

    page.get_by_role("link", name="resolutions").click()
    page.wait_for_url("**/topics/resolutions/")
    page.get_by_role(
        "link", name="Every resource on resolutions in the library"
    ).click()
    page.wait_for_url(re.compile(r"/resources/\?topic=resolutions$"))
    assert page.get_by_role("checkbox", name=re.compile(r"^resolutions")).is_checked()


def test_curator_publishes_a_draft_and_a_guest_finds_it(page, browser, live_server):
    ResourceFactory(
        slug="equity-budgeting-guide",
        title="Equity budgeting guide",
        state="draft",
        editorial_notes="Waiting for the final PDF.",
    )
    curator = UserFactory(username="cur", email="cur@example.org", is_staff=True)
    curator.groups.add(Group.objects.get(name="Curators"))
    secret = give_second_factor(curator)
    page.goto("/admin/resources/resource/")
    sign_in(
        page,
        "cur@example.org",
        PASSWORD,
        then="**/admin/resources/resource/",
        totp_secret=secret,
    )
    page.get_by_role("row", name=re.compile("Equity budgeting guide")).get_by_role(
        "checkbox"
    ).check()
    page.get_by_label("Action:").select_option("make_published")
    page.get_by_role("button", name="Run").click()
    page.wait_for_load_state()
    assert "1 resource moved to Published." in page.content()

    guest = browser.new_context(base_url=live_server.url).new_page()
    guest.goto("/resources/?q=budgeting")
    guest.get_by_role("link", name="Equity budgeting guide").click()
    guest.wait_for_url("**/resources/equity-budgeting-guide/")
    assert "Waiting for the final PDF." not in guest.content()
    guest.context.close()


def test_library_pages_are_accessible(page, library):
    member = UserFactory(username="mia", email="mia@example.org")
    for path in [
        "/resources/?kind=webinar&kind=magazine",
        "/resources/?q=nothing-matches-this",
        "/resources/advancing-racial-equity-an-introduction/",
        "/resources/collections/",
        "/resources/collections/foundational-resources/",
    ]:
        assert page.goto(path).status == 200
        assert_accessible(page)
    sign_in(page, member.email, PASSWORD)
    for path in ["/resources/suggest/", "/resources/saved/"]:
        assert page.goto(path).status == 200
        assert_accessible(page)
    page.goto("/resources/suggest/")
    page.get_by_role("button", name="Send suggestion").click()
    assert page.get_by_text("This field is required.").count() == 3
    assert_accessible(page)


@pytest.mark.parametrize(
    "slug",
    [
        "nlc-selects-six-cities-racial-equity-racial-healing-2018",
        "cal-cities-api-caucus-decry-anti-asian-violence-2021",
    ],
)
def test_a_guest_reads_a_statement_in_full(page, library, slug):
    page.goto(f"/resources/{slug}/")
    article = page.locator("article.resource")
    assert article.get_by_text("Not linked in the source.").is_visible()
    assert len(article.locator(".prose p").all()) >= 8
    assert_accessible(page)


def test_a_curator_uploads_a_pdf_and_a_guest_finds_a_word_inside_it(
    page, browser, live_server, tmp_path
):
    from tests.resources import files

    curator = UserFactory(username="cur", email="cur@example.org", is_staff=True)
    curator.groups.add(Group.objects.get(name="Curators"))
    secret = give_second_factor(curator)
    pdf = tmp_path / "procurement-guide.pdf"
    pdf.write_bytes(
        files.pdf(["How cities buy.", "The zanzibarian rule, in brief, for buyers."])
    )
    page.goto("/admin/resources/resource/add/")
    sign_in(
        page,
        "cur@example.org",
        PASSWORD,
        then="**/admin/resources/resource/add/",
        totp_secret=secret,
    )
    page.get_by_label("Title:").fill("Procurement guide")
    page.get_by_label("Kind:").select_option("toolkit")
    page.get_by_label("State:").select_option("published")
    page.get_by_label("Summary:").fill("How cities buy fairly.")
    page.locator("#id_file").set_input_files(pdf)
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/resources/resource/")
    assert "was added successfully" in page.content()
    # The worker read it once the save was committed.
    assert (
        "Text indexed"
        in page.get_by_role("row", name=re.compile("Procurement")).inner_text()
    )

    guest = browser.new_context(base_url=live_server.url).new_page()
    guest.goto("/resources/?q=zanzibarian")
    snippet = guest.locator(".resource-card .snippet")
    assert snippet.inner_text().startswith("In the attached PDF, page 2:")
    assert snippet.locator("mark").inner_text() == "zanzibarian"
    assert_accessible(guest)
    guest.goto("/search/?q=zanzibarian")
    snippet = guest.locator(".search-hit .snippet")
    assert snippet.inner_text().startswith("In the attached PDF, page 2:")
    assert_accessible(guest)
    guest.context.close()
