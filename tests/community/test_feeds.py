"""Atom feeds of public boards and their threads (community/discussions/feeds.py),
read back with an XML parser, and the pages that link them."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import resolve, reverse

from community.discussions import moderation, services
from community.discussions.feeds import THREADS_IN_FEED
from community.models import Board, Post
from tests.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db
ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def board(db):
    return BoardFactory(
        slug="open", name="Open board", visibility="public", description="For all"
    )


@pytest.fixture
def thread(board, member, other_member):
    thread = make_thread(board=board, author=member, title="Bus lanes", body="Who?")
    services.post_create(thread=thread, author=other_member, body="Rochester does.")
    services.post_create(thread=thread, author=member, body="Thanks, *James*.")
    return thread


def read_feed(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def entries(feed: ET.Element) -> list[dict]:
    def text(entry, name):
        found = entry.find(f"a:{name}", ATOM)
        return None if found is None else found.text

    return [
        {
            "title": text(entry, "title"),
            "link": entry.find("a:link", ATOM).get("href"),
            "content": text(entry, "content"),
            "author": text(entry.find("a:author", ATOM), "name"),
            "published": datetime.fromisoformat(text(entry, "published")),
            "updated": datetime.fromisoformat(text(entry, "updated")),
        }
        for entry in feed.findall("a:entry", ATOM)
    ]


def board_feed(board) -> str:
    return reverse("community:board_feed", args=[board.slug])


def thread_feed(thread) -> str:
    return reverse("community:thread_feed", args=[thread.pk, thread.slug])


def test_board_feed_has_the_newest_threads_first_with_their_opening_posts(
    client, board, thread, other_member
):
    newer = make_thread(board=board, author=other_member, title="Parking", body="Hm")
    feed = read_feed(client, board_feed(board))
    assert feed.find("a:title", ATOM).text.endswith(": Open board")
    assert feed.find("a:subtitle", ATOM).text == "For all"
    first, second = entries(feed)
    assert [first["title"], second["title"]] == ["Parking", "Bus lanes"]
    assert first["link"] == f"http://testserver{newer.get_absolute_url()}"
    assert first["author"] == "James Carter"
    assert second["author"] == "Maria Lopez"
    assert second["content"] == thread.posts.order_by("pk").first().body_html
    thread.refresh_from_db()
    assert second["published"] == thread.created_at
    assert second["updated"] == thread.last_activity_at > thread.created_at


def test_board_feed_holds_the_newest_thirty_threads(client, board, member):
    for n in range(THREADS_IN_FEED + 1):
        make_thread(board=board, author=member, title=f"Thread {n}")
    titles = [entry["title"] for entry in entries(read_feed(client, board_feed(board)))]
    assert titles == [f"Thread {n}" for n in range(THREADS_IN_FEED, 0, -1)]


def test_thread_feed_has_its_posts_newest_first_linking_their_permalinks(
    client, thread
):
    posts = list(thread.posts.order_by("-created_at", "-pk"))
    found = entries(read_feed(client, thread_feed(thread)))
    assert [entry["link"] for entry in found] == [
        f"http://testserver/community/p/{post.pk}/" for post in posts
    ]
    assert [entry["author"] for entry in found] == [
        "Maria Lopez",
        "James Carter",
        "Maria Lopez",
    ]
    assert found[0]["title"] == "Maria Lopez in “Bus lanes”"
    assert found[0]["content"].strip() == "<p>Thanks, <em>James</em>.</p>"
    assert [entry["published"] for entry in found] == [p.created_at for p in posts]


def test_feeds_escape_titles_and_carry_post_html_as_text(client, board, member):
    thread = make_thread(
        board=board,
        author=member,
        title="Fish & <chips>",
        body="**Bold** <script>alert(1)</script> <b onclick='x()'>hi</b>",
    )
    for url in (board_feed(board), thread_feed(thread)):
        raw = client.get(url).content.decode()
        assert "<chips>" not in raw
        assert "<strong>" not in raw
        assert "&lt;strong&gt;Bold&lt;/strong&gt;" in raw
        feed = ET.fromstring(raw)
        entry = feed.find("a:entry", ATOM)
        content = entry.find("a:content", ATOM)
        assert content.get("type") == "html"
        assert list(content) == []  # HTML as escaped text, not as XML elements
        # The stored, sanitized HTML, once unescaped: tags the member typed are text.
        assert content.text == thread.posts.get().body_html
        assert "<strong>Bold</strong>" in content.text
        assert "<script" not in content.text
        assert "<b onclick" not in content.text
    feed = read_feed(client, board_feed(board))
    assert entries(feed)[0]["title"] == "Fish & <chips>"


def test_hidden_and_deleted_posts_are_never_in_a_feed(
    client, thread, member, moderator_user
):
    hidden = services.post_create(thread=thread, author=member, body="Secret A")
    deleted = services.post_create(thread=thread, author=member, body="Secret B")
    moderation.post_hide(post=hidden, moderator=moderator_user, reason="Spam")
    services.post_delete(post=deleted, user=member)
    raw = client.get(thread_feed(thread)).content.decode()
    assert "Secret" not in raw
    links = [entry["link"] for entry in entries(ET.fromstring(raw))]
    assert f"http://testserver/community/p/{hidden.pk}/" not in links
    assert len(links) == 3


def test_a_hidden_opening_post_leaves_its_thread_entry_without_text(
    client, board, thread, moderator_user
):
    opening = thread.posts.order_by("pk").first()
    Post.objects.filter(pk=opening.pk).update(body_html="<p>Opening secret</p>")
    moderation.post_hide(post=opening, moderator=moderator_user, reason="Spam")
    raw = client.get(board_feed(board)).content.decode()
    assert "Opening secret" not in raw
    (entry,) = entries(ET.fromstring(raw))
    assert entry["title"] == "Bus lanes"
    assert entry["content"] is None


def test_a_former_members_posts_name_no_one(client, thread):
    Post.objects.filter(thread=thread).update(author=None)
    found = entries(read_feed(client, thread_feed(thread)))
    assert {entry["author"] for entry in found} == {"A former member"}


@pytest.mark.parametrize("visibility", ["members", "cohort"])
@pytest.mark.parametrize("viewer", ["guest", "member", "moderator"])
def test_only_public_boards_and_their_threads_have_feeds(
    client, member, moderator_user, visibility, viewer
):
    board = BoardFactory(slug="closed", name="Closed board", visibility=visibility)
    thread = make_thread(board=board, author=member, title="Closed talk")
    if viewer != "guest":
        client.force_login(member if viewer == "member" else moderator_user)
    for url in (board_feed(board), thread_feed(thread)):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Closed" not in response.content.decode()


def test_a_feed_runs_three_queries_whatever_its_length(
    client, board, thread, other_member, django_assert_num_queries
):
    for size in (1, 8):
        for n in range(size):
            make_thread(board=board, author=other_member, title=f"More {size} {n}")
            services.post_create(thread=thread, author=other_member, body=f"{size} {n}")
        for url in (board_feed(board), thread_feed(thread)):
            cache.clear()
            # the versions its kept copy is under, the board (the thread), the entries
            with django_assert_num_queries(3):
                assert client.get(url).status_code == 200
            with django_assert_num_queries(1):  # kept
                assert client.get(url)["X-Cache"] == "hit"


def test_a_thread_feed_with_a_wrong_slug_moves_to_its_own(client, thread):
    response = client.get(f"/community/t/{thread.pk}-old-title/feed/")
    assert response.status_code == 301
    assert response.url == thread_feed(thread)


def test_an_unknown_board_or_thread_has_no_feed(client, thread):
    assert client.get("/community/nowhere/feed/").status_code == 404
    assert client.get(f"/community/t/{thread.pk + 99}-x/feed/").status_code == 404


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/community/open/feed/", "community:board_feed"),
        ("/community/t/feed/", "community:board_feed"),  # a board named "t"
        ("/community/t/5-bus-lanes/feed/", "community:thread_feed"),
        ("/community/t/5-feed/feed/", "community:thread_feed"),
        ("/community/t/5-bus-lanes/", "community:thread_detail"),
        ("/community/t/5/lock/", "community:thread_moderate"),
        ("/community/t/5/feed/", "community:thread_moderate"),  # POST only: 405
        ("/community/open/", "community:board_detail"),
        ("/community/open/follow/", "community:board_follow"),
    ],
)
def test_feed_urls_shadow_nothing_and_are_not_shadowed(path, name):
    assert resolve(path).view_name == name


def head_and_main(html: str) -> tuple[str, str]:
    head, body = html.split("</head>", 1)
    return head, body.split('<main id="main"', 1)[1]


def test_public_board_and_thread_pages_link_their_feeds(client, board, thread):
    for page, feed, name in [
        (board.get_absolute_url(), board_feed(board), "board"),
        (thread.get_absolute_url(), thread_feed(thread), "thread"),
    ]:
        head, main = head_and_main(client.get(page).content.decode())
        assert re.search(
            rf'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
            rf'href="{feed}">',
            head,
        ), page
        assert (
            f'<a href="{feed}" aria-label="Atom feed of this {name}">Feed</a>' in main
        )


@pytest.mark.parametrize("visibility", ["members", "cohort"])
def test_pages_of_other_boards_link_no_feed(client, moderator_user, visibility):
    board = BoardFactory(slug="closed", visibility=visibility)
    thread = make_thread(board=board, author=moderator_user, title="Closed talk")
    client.force_login(moderator_user)  # reads every board
    for page in (board.get_absolute_url(), thread.get_absolute_url()):
        html = client.get(page).content.decode()
        assert "application/atom+xml" not in html, page
        assert "/feed/" not in html, page


@pytest.mark.parametrize("visibility", Board.Visibility.values)
def test_a_board_has_feeds_exactly_where_a_guest_reads_it(visibility):
    board = BoardFactory(visibility=visibility)
    read_by_guests = Board.objects.visible_to(AnonymousUser()).filter(pk=board.pk)
    assert board.has_feed is read_by_guests.exists()
