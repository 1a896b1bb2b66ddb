"""No request anyone can make ends in a 500: the inputs a probe found, one by one."""

import pytest

from community.models import Post, Thread
from tests.client import Client
from tests.factories import BoardFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

HYPHENS = "-" * 33


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "path",
    [
        f"/search/?q={HYPHENS}",
        f"/search/?q=a {HYPHENS}b",
        "/search/?q=" + "-(" * 40,
        "/search/?q=" + '"' * 40 + HYPHENS,
        f"/resources/?q={HYPHENS}",
        f"/resources/autocomplete/?q={HYPHENS}",
        "/search/?q=budget&page=²",
        "/search/?q=budget&year=²",
        "/resources/?year=²",
        "/search/?q=budget&page=99999999999999999999999",
        "/resources/?page=99999999999999999999999",
        "/community/members/%00/",
        "/community/new/?resource=%00",
        "/resources/%00/",
        "/search/?q=%00",
    ],
)
def test_a_hostile_address_is_answered_without_an_error(client, member, path):
    for viewer in (None, member):
        if viewer:
            client.force_login(viewer)
        response = client.get(path)
        assert response.status_code in {200, 302, 400, 404}, (path, viewer)


def test_runs_of_hyphens_still_leave_the_words_searched(client, member):
    board = BoardFactory(visibility="public")
    make_thread(board=board, author=member, title="Budget", body="Budget talk.")
    make_thread(board=board, author=member, title="Parks", body="Parks talk.")
    response = client.get("/search/", {"q": f"talk {HYPHENS} -parks"})
    assert response.status_code == 200
    hits = [hit.title for hit in response.context["sections"][1].hits]
    assert hits == ["Budget"]


def test_a_reply_to_a_hostile_post_number_is_a_reply_to_the_thread(
    member_client, member
):
    thread = make_thread(author=member)
    for value in ["²", "99999999999999999999999", "-1", "\x00"]:
        response = member_client.post(
            f"/community/t/{thread.pk}/reply/",
            {"body": f"Hello {value!r}", "reply_to": value},
        )
        assert response.status_code in {302, 400}, value
    assert not Post.objects.filter(thread=thread).exclude(reply_to=None).exists()


def test_a_nul_in_a_posted_topic_is_refused_cleanly(member_client):
    response = member_client.post("/community/settings/topics/", {"topic": "\x00"})
    assert response.status_code in {302, 400}


def test_a_nul_in_a_posted_field_is_refused(member_client):
    board = BoardFactory()
    response = member_client.post(
        "/community/new/",
        {"board": board.pk, "title": "Budget\x00", "body": "Text"},
    )
    assert response.status_code == 400
    assert not Thread.objects.filter(board=board).exists()


def test_a_thread_page_with_a_hostile_reply_to_shows_the_thread(client):
    thread = make_thread(author=UserFactory(), board=BoardFactory(visibility="public"))
    for value in ["²", "99999999999999999999999", "-1"]:
        response = client.get(thread.get_absolute_url() + f"?reply_to={value}")
        assert response.status_code == 200, value
    response = client.get(thread.get_absolute_url() + "?reply_to=%00")
    assert response.status_code == 400


HOSTILE_RESOURCE_LINES = [
    "x" * 1999,
    "word " * 399,
    "/resources/" + "a" * 1980 + "/",
    "\u202etikloot\u202c",
    "👩🏽‍💻 Toolkit",
    "Re\u0301solution",
    "a\u2028b\u2029c\x85d\x0be",
    "\x01\x7f\x1b[31m",
    "%(value)s %s {0}",
    "' OR 1=1 --",
    "_%\\",
    "/resources/../admin/",
    "javascript:alert(1)",
    "https://[::1",
]


@pytest.mark.parametrize("value", HOSTILE_RESOURCE_LINES)
def test_hostile_resource_lines_are_form_errors_that_keep_the_text(
    client, member, value
):
    board = BoardFactory()
    client.force_login(member)
    data = {"board": board.pk, "title": "Budget", "body": "Text", "resources": value}
    response = client.post("/community/new/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["resources"]
    assert form["resources"].value() == value
    assert (form["title"].value(), form["body"].value()) == ("Budget", "Text")
    assert not Thread.objects.exists()


def test_resource_lines_of_bad_bytes_or_a_nul_are_refused_cleanly(client, member):
    board = BoardFactory()
    client.force_login(member)
    for raw in ["%FF%FE%FD", "%00"]:
        response = client.post(
            "/community/new/",
            f"board={board.pk}&title=Budget&body=Text&resources={raw}",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in {200, 400}, raw
    assert not Thread.objects.exists()
