"""Whole pages for plain guests come from the cache, and never outlive a change.

What "a change" means here is a committed one: tests/test_cache_correctness.py
commits and rolls back for real.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.csp import LazyNonce

from community.discussions.services import post_create
from core import page_cache
from core.page_cache import cached_page
from tests.factories import BoardFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_a_kept_page_is_made_again_each_minute(client, thread, monkeypatch):
    url = thread.get_absolute_url()
    first = client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    later = page_cache._period() + 1
    monkeypatch.setattr(page_cache, "_period", lambda: later)
    again = client.get(url)
    assert again["X-Cache"] == "miss"
    assert again["ETag"] != first["ETag"]


@pytest.fixture
def thread(db):
    board = BoardFactory(slug="open", visibility="public")
    return make_thread(board=board, title="Bus lanes", body="Who has them?")


def test_a_guest_gets_the_kept_page_with_one_query(
    client, thread, django_assert_num_queries
):
    url = thread.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(1):  # the versions of what the page shows
        again = client.get(url)
    assert again.content == first.content
    assert again["Vary"] == "Cookie, Accept-Language"
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_guests_page_made_afresh_reads_the_versions_once(client, thread):
    """The search keeps its sections under numbers of the scopes its page is
    kept under: the numbers the page read serve them, and a reply read by a
    search made afresh is found."""
    versions_read = lambda queries: [  # noqa: E731
        q for q in queries if "FROM core_version" in q["sql"]
    ]
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/search/", {"q": "bus"})
    assert first["X-Cache"] == "miss"
    assert len(versions_read(queries)) == 1
    post_create(thread=thread, author=UserFactory(), body="Bus lanes in Fresno.")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/search/", {"q": "fresno"})
    assert len(versions_read(queries)) == 1
    assert "Bus lanes" in again.text


def test_a_kept_page_tells_proxies_how_long_and_answers_revalidation(
    client, thread, django_assert_num_queries
):
    url = thread.get_absolute_url()
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=10, stale-while-revalidate=30"
    etag = first["ETag"]
    assert etag.startswith('W/"')
    with django_assert_num_queries(1):
        unchanged = client.get(url, headers={"if-none-match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    post_create(thread=thread, author=UserFactory(), body="We painted ours red.")
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "We painted ours red." in changed.text


def test_a_new_reply_shows_to_guests_at_once(client, thread):
    url = thread.get_absolute_url()
    client.get(url)
    post_create(thread=thread, author=UserFactory(), body="We painted ours red.")
    assert "We painted ours red." in client.get(url).text


def test_a_reply_elsewhere_leaves_the_page_kept(client, thread):
    other = make_thread(board=thread.board, title="Parking", body="Minimums?")
    author = UserFactory()
    url = thread.get_absolute_url()
    first = client.get(url)
    post_create(thread=other, author=author, body="We dropped ours.")
    again = client.get(url)
    assert again["ETag"] == first["ETag"]


def test_a_board_made_private_is_gone_for_guests_at_once(client, thread):
    url = thread.get_absolute_url()
    assert client.get(url).status_code == 200
    thread.board.visibility = "members"
    thread.board.save()
    response = client.get(url)  # asked to sign in, not the kept page
    assert response.status_code == 403
    assert thread.title not in response.text


def test_members_never_get_a_guests_page_and_theirs_are_not_kept(
    client, member, thread, django_assert_max_num_queries
):
    url = thread.get_absolute_url() + "?page=1"
    client.get(url)
    client.force_login(member)
    client.get(url)
    response = client.get(url)
    assert 'data-testid="header-name"' in response.text
    assert 'action="/accounts/logout/"' in response.text
    assert "Cache-Control" not in response or "public" not in response["Cache-Control"]
    assert not [key for key in cache._cache if "member-page" in key]


def _kept_keys():
    return [key for key in cache._cache if "guest-page" in key]


def test_a_page_with_a_csrf_token_a_nonce_or_private_is_not_kept(rf: RequestFactory):
    cache.clear()

    @cached_page("library")
    def with_form(request):
        return HttpResponse(f"<input value='{get_token(request)}'>")

    @cached_page("library")
    def with_nonce(request):
        return HttpResponse(f"<script nonce='{request._csp_nonce}'></script>")

    @cached_page("library")
    def private(request):
        response = HttpResponse("<p>Yours.</p>")
        response["Cache-Control"] = "private"
        return response

    @cached_page("library")
    def plain(request):
        response = HttpResponse("<p>The same for every guest.</p>")
        response["Content-Language"] = "en"
        return response

    for view in (with_form, with_nonce, private):
        request = rf.get("/x/")
        request._csp_nonce = LazyNonce()
        view(request)
    assert _kept_keys() == []
    request = rf.get("/x/")
    request._csp_nonce = LazyNonce()
    plain(request)
    assert len(_kept_keys()) == 1
    replayed = plain(rf.get("/x/"))
    assert replayed.content == b"<p>The same for every guest.</p>"
    assert replayed["Content-Language"] == "en"  # the view's headers come back


def test_the_page_cache_can_be_turned_off(
    client, thread, settings, django_assert_num_queries
):
    settings.PAGE_CACHE = False
    url = thread.get_absolute_url()
    client.get(url)
    # the thread (with its post count and topics; it shares no resources, and
    # the numbers its posts are kept under) every time: the page is built each
    # time, its posts from the copy kept for every guest
    with django_assert_num_queries(1):
        response = client.get(url)
    assert "ETag" not in response
