"""Light or dark pages: a member's choice (Profile.color_scheme) on every device,
else the system's (prefers-color-scheme, in site.css); guests' kept pages name
no one's choice."""

import pytest

from tests.client import Client
from tests.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db

SYSTEMS = '<meta name="color-scheme" content="light dark">'


def _html_tag(response) -> str:
    return "<html" + response.text.split("<html", 1)[1].split(">", 1)[0] + ">"


def _choose(member, scheme: str) -> None:
    member.profile.color_scheme = scheme
    member.profile.save(update_fields=["color_scheme"])


def test_a_guest_gets_pages_that_follow_their_system(client):
    page = client.get("/")
    assert _html_tag(page) == '<html lang="en">'
    assert SYSTEMS in page.text


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_a_member_gets_the_scheme_they_chose_on_every_page(
    member_client, member, scheme
):
    _choose(member, scheme)
    for url in ("/", "/resources/", "/community/messages/", "/no/such/page/"):
        page = member_client.get(url)
        assert _html_tag(page) == f'<html lang="en" data-color-scheme="{scheme}">'
        assert f'<meta name="color-scheme" content="{scheme}">' in page.text


def test_a_member_who_chose_nothing_follows_their_system(member_client):
    page = member_client.get("/")
    assert _html_tag(page) == '<html lang="en">'
    assert SYSTEMS in page.text


def test_a_kept_guest_page_never_carries_a_members_choice(member_client, member):
    _choose(member, "dark")
    url = make_thread(board=BoardFactory(visibility="public")).get_absolute_url()
    assert "data-color-scheme" in member_client.get(url).text
    guest = Client()
    first, again = guest.get(url), guest.get(url)
    assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit")
    assert _html_tag(again) == '<html lang="en">'
    assert "data-color-scheme" in member_client.get(url).text


def _profile_fields(**fields) -> dict:
    return {"display_name": "Maria Lopez", "in_directory": "on", **fields}


def test_a_member_chooses_dark_pages_on_their_profile(member_client, member):
    edit = f"/community/members/{member.username}/edit/"
    form = member_client.get(edit).text
    assert '<label for="id_color_scheme">Light or dark pages:</label>' in form
    assert "As my device is set (light or dark)" in form
    response = member_client.post(edit, _profile_fields(color_scheme="dark"))
    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert member.profile.color_scheme == "dark"
    member_client.post(edit, _profile_fields(color_scheme=""))
    member.profile.refresh_from_db()
    assert member.profile.color_scheme == ""


def test_an_unknown_scheme_is_refused_and_changes_nothing(member_client, member):
    _choose(member, "light")
    response = member_client.post(
        f"/community/members/{member.username}/edit/",
        _profile_fields(color_scheme="purple", job_title="Mayor"),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    member.profile.refresh_from_db()
    assert (member.profile.color_scheme, member.profile.job_title) == (
        "light",
        "Equity officer",
    )
