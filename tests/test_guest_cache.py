"""Whole pages for plain guests come from the cache, and never outlive a change."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from community.services.board import post_create
from config.guest_cache import guest_cached
from tests.factories import BoardFactory, ResourceFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


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
    with django_assert_num_queries(1):  # the content generation
        again = client.get(url)
    assert again.content == first.content
    assert again["Vary"] == "Cookie"


def test_a_new_reply_shows_to_guests_at_once(client, thread):
    url = thread.get_absolute_url()
    client.get(url)
    post_create(thread=thread, author=UserFactory(), body="We painted ours red.")
    assert "We painted ours red." in client.get(url).content.decode()


def test_a_board_made_private_is_gone_for_guests_at_once(client, thread):
    url = thread.get_absolute_url()
    assert client.get(url).status_code == 200
    thread.board.visibility = "members"
    thread.board.save()
    assert client.get(url).status_code == 404


def test_members_never_get_a_guests_page(client, member, thread):
    url = thread.get_absolute_url()
    client.get(url)
    client.force_login(member)
    html = client.get(url).content.decode()
    assert 'data-testid="header-name"' in html
    assert 'action="/accounts/logout/"' in html


def test_a_page_with_a_csrf_token_or_a_nonce_is_not_kept(rf: RequestFactory):
    cache.clear()
    ResourceFactory()  # any content; the generation exists on PostgreSQL

    @guest_cached
    def with_form(request):
        return HttpResponse(f"<input value='{get_token(request)}'>")

    @guest_cached
    def with_nonce(request):
        return HttpResponse(f"<script nonce='{request._csp_nonce}'></script>")

    @guest_cached
    def plain(request):
        return HttpResponse("<p>The same for every guest.</p>")

    from django.utils.csp import LazyNonce

    def kept():
        return [key for key in cache._cache if "guest-page" in key]

    for view in (with_form, with_nonce):
        request = rf.get("/x/")
        request._csp_nonce = LazyNonce()
        view(request)
    assert kept() == []
    request = rf.get("/x/")
    request._csp_nonce = LazyNonce()
    plain(request)
    assert len(kept()) == 1
