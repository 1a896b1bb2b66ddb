"""Which language a page is in: a member's choice, else the browser's; the
footer's switcher; kept copies never cross languages."""

from html.parser import HTMLParser

import pytest
from django.conf import settings

from tests.client import Client
from tests.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db

SPANISH = {"accept-language": "es-MX,es;q=0.9,en;q=0.5"}


def _lang(response) -> str:
    return response.text.split('<html lang="', 1)[1].split('"', 1)[0]


class _Languages(HTMLParser):
    """Each piece of text of a page with the language it is marked as being in
    (the nearest lang attribute around it)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.texts: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in {"meta", "link", "input", "br", "img", "hr", "source"}:
            lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else "")
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if data.strip() and self.stack:
            self.texts.append((data.strip(), self.stack[-1][1]))


def _languages_of(response, text: str) -> list[str]:
    """The language each place that shows exactly `text` is marked as being in."""
    reader = _Languages()
    reader.feed(response.text)
    return [lang for shown, lang in reader.texts if shown == text]


def test_a_guest_gets_the_language_their_browser_asks_for(client):
    assert _lang(client.get("/")) == "en"
    spanish = client.get("/", headers=SPANISH)
    assert _lang(spanish) == "es"
    assert spanish["Content-Language"] == "es"
    assert "Accept-Language" in spanish["Vary"]


def test_a_language_the_site_lacks_falls_back_to_english(client):
    assert _lang(client.get("/", headers={"accept-language": "de"})) == "en"


def test_a_kept_guest_page_is_never_served_in_the_other_language(client):
    thread = make_thread(board=BoardFactory(visibility="public"), title="Bus lanes")
    url = thread.get_absolute_url()
    assert _lang(client.get(url)) == "en"
    assert client.get(url)["X-Cache"] == "hit"
    spanish = client.get(url, headers=SPANISH)
    assert (spanish["X-Cache"], _lang(spanish)) == ("miss", "es")
    english_etag = client.get(url)["ETag"]
    assert (
        client.get(url, headers={**SPANISH, "if-none-match": english_etag}).status_code
        == 200
    )


def test_a_guest_switches_language_in_the_footer(client):
    page = client.get("/resources/")
    assert 'name="language"' in page.text
    response = client.post(
        "/language/", {"language": "es"}, headers={"referer": "/resources/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/resources/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert _lang(client.get("/resources/")) == "es"


def test_the_switcher_never_sends_anyone_to_another_site(client):
    response = client.post(
        "/language/", {"language": "es"}, headers={"referer": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_an_unknown_language_changes_nothing(member_client, member):
    response = member_client.post("/language/", {"language": "xx", "next": "/"})
    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert member.profile.language == ""
    assert _lang(member_client.get("/")) == "en"


def test_a_members_choice_follows_them_to_every_device(member_client, member):
    member_client.post("/language/", {"language": "es", "next": "/"})
    member.profile.refresh_from_db()
    assert member.profile.language == "es"
    elsewhere = Client()
    elsewhere.force_login(member)
    assert _lang(elsewhere.get("/", headers={"accept-language": "en"})) == "es"


def test_a_members_change_of_language_needs_their_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post("/language/", {"language": "es", "next": "/"})
    assert response.status_code == 403
    member.profile.refresh_from_db()
    assert member.profile.language == ""


def test_a_member_chooses_spanish_on_their_profile(member_client, member):
    form = member_client.get(f"/community/members/{member.username}/edit/")
    assert "The language my browser asks for" in form.text
    member_client.post(
        f"/community/members/{member.username}/edit/",
        {"display_name": "Maria Lopez", "in_directory": "on", "language": "es"},
    )
    member.profile.refresh_from_db()
    assert member.profile.language == "es"
    assert _lang(member_client.get("/")) == "es"


def test_each_language_is_named_in_its_own_language_in_the_footer(client):
    page = client.get("/resources/", headers=SPANISH)
    assert _lang(page) == "es"
    assert _languages_of(page, "English") == ["en"]
    assert _languages_of(page, "Español") == ["es"]


def test_each_language_is_named_in_its_own_language_on_the_profile_form(
    member_client, member
):
    member.profile.language = "es"
    member.profile.save(update_fields=["language"])
    form = member_client.get(f"/community/members/{member.username}/edit/")
    assert _lang(form) == "es"
    # The profile form's select and the footer's switcher.
    assert _languages_of(form, "English") == ["en", "en"]
    assert _languages_of(form, "Español") == ["es", "es"]
