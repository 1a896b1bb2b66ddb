"""Whole pages for plain guests come from the cache, and never outlive a change."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from community.services.board import post_create
from config.page_cache import cached_page
from tests.cohorts.conftest import world  # noqa: F401
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

    @cached_page
    def with_form(request):
        return HttpResponse(f"<input value='{get_token(request)}'>")

    @cached_page
    def with_nonce(request):
        return HttpResponse(f"<script nonce='{request._csp_nonce}'></script>")

    @cached_page
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


# --- Members' pages -----------------------------------------------------------------


def csrf_token_in(html: str) -> str:
    return html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def test_a_members_page_is_kept_for_their_browser_only(
    client, member, thread, django_assert_num_queries
):
    url = thread.get_absolute_url() + "?page=1"
    client.force_login(member)
    client.get(url)
    first = client.get(url)
    with django_assert_num_queries(2):  # the user, then generation + unread count
        again = client.get(url)
    assert again.content == first.content
    # The same member in another browser: its own page, with its own CSRF token.
    other = Client()
    other.force_login(member)
    page = other.get(url).content.decode()
    assert csrf_token_in(page) != csrf_token_in(first.content.decode())


def test_a_members_own_action_shows_on_their_next_page(client, member):
    resource = ResourceFactory(slug="guide", title="Transit guide")
    client.force_login(member)
    url = resource.get_absolute_url()
    assert 'aria-pressed="false"' in client.get(url).content.decode()
    client.get(url)  # kept now
    assert client.post(f"{url}save/").status_code == 302
    assert 'aria-pressed="true"' in client.get(url).content.decode()


def test_a_message_is_shown_once_not_kept(client, member):
    resource = ResourceFactory(slug="guide", title="Transit guide")
    client.force_login(member)
    url = resource.get_absolute_url()
    shown = client.post(f"{url}save/", follow=True).content.decode()
    assert "Saved." in shown
    assert "Saved." not in client.get(url).content.decode()


def test_a_new_notification_shows_in_the_header_at_once(client, member, thread):
    url = thread.get_absolute_url() + "?page=1"
    client.force_login(member)
    client.get(url)
    client.get(url)
    assert 'data-testid="unread-count"' not in client.get(url).content.decode()
    post_create(thread=thread, author=UserFactory(), body="Hello @maria")
    assert 'data-testid="unread-count"' in client.get(url).content.decode()


def test_reading_a_thread_clears_its_unread_mark_on_the_board(client, member):
    board = BoardFactory(slug="open", visibility="public")
    thread = make_thread(board=board, title="Bus lanes", body="Who has them?")
    client.force_login(member)
    board_url = board.get_absolute_url()
    unread = client.get(board_url).content.decode()
    client.get(board_url)  # kept now
    client.get(thread.get_absolute_url() + "?page=1")
    read = client.get(board_url).content.decode()
    assert read != unread


def test_losing_a_membership_closes_the_workspace_at_once(client, world):  # noqa: F811
    client.force_login(world.participant)
    url = world.cohort.get_absolute_url()
    assert "Roster" in client.get(url).content.decode()
    client.get(url)  # kept now
    world.participant.cohort_memberships.all().delete()
    assert 'id="roster-heading"' not in client.get(url).content.decode()


def test_the_page_cache_can_be_turned_off(
    client, thread, settings, django_assert_num_queries
):
    settings.PAGE_CACHE = False
    url = thread.get_absolute_url()
    client.get(url)
    # the thread, its posts and the rest of the page, every time
    with django_assert_num_queries(5):
        client.get(url)


@pytest.mark.parametrize(
    ("env", "kept"),
    [
        ({"CACHE_URL": "redis://127.0.0.1:6379/0"}, "True True"),
        ({}, "True False"),  # a cache per process: guests' pages only
        (
            {"CACHE_URL": "redis://127.0.0.1:6379/0", "DJANGO_PAGE_CACHE": "0"},
            "False False",
        ),
    ],
)
def test_members_pages_are_kept_only_in_a_cache_every_worker_shares(env, kept):
    from tests.test_settings import PRODUCTION_ENV, manage

    production = {k: v for k, v in PRODUCTION_ENV.items() if k != "CACHE_URL"}
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.PAGE_CACHE, settings.MEMBER_PAGE_CACHE)",
        env=production | env,
    )
    assert result.stdout.strip().splitlines()[-1] == kept, result.stderr
