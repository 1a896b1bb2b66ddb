"""The help page (/help/), linked from every page's footer (WCAG 3.2.6)."""

import pytest

pytestmark = pytest.mark.django_db

FOOTER_HELP = '<li><a href="/help/">Help and contact</a></li>'


def test_the_help_page_is_the_same_for_every_guest(client):
    first, again = client.get("/help/"), client.get("/help/")
    assert first.status_code == 200
    assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit")
    assert "<h1>Help and contact</h1>" in first.text
    assert 'id="accessibility"' in first.text
    assert "mailto:" not in first.text  # no address configured


def test_the_help_page_gives_the_address_to_write_to(client, settings):
    settings.SITE_CONTACT_EMAIL = "help@commons.example.org"
    page = client.get("/help/")
    assert '<a href="mailto:help@commons.example.org">' in page.text


@pytest.mark.parametrize("url", ["/", "/resources/", "/accounts/login/", "/nowhere/"])
def test_every_page_links_to_help_in_its_footer(client, url):
    footer = client.get(url).text.split('<footer class="site-footer">', 1)[1]
    assert FOOTER_HELP in footer


def test_a_members_pages_link_to_help_too(member_client):
    assert FOOTER_HELP in member_client.get("/community/messages/").text
