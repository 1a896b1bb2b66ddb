"""Board pages: reading, unread marks, following, notifications, query counts."""

import re

import pytest

from community.discussions import services
from community.discussions.answers import answer_mark
from community.models import Notification, Post, ReadState
from tests.factories import BoardFactory, ResourceFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_thread_pages_hold_fifty_posts_and_permalinks_land_right(
    member_client, member, board
):
    thread = make_thread(board=board, author=member)
    posts = [
        Post.objects.create(thread=thread, author=member, body=f"n{i}", body_html="x")
        for i in range(60)
    ]
    response = member_client.get(f"{thread.get_absolute_url()}?page=2")
    assert len(response.context["posts"]) == 11
    target = posts[55]
    response = member_client.get(f"/community/p/{target.pk}/")
    assert response.url == f"{thread.get_absolute_url()}?page=2#post-{target.pk}"


def test_returning_member_jumps_to_the_first_unread_post(
    member_client, member, other_member, board
):
    thread = make_thread(board=board, author=member)
    member_client.get(f"{thread.get_absolute_url()}")  # reads everything so far
    reply = services.post_create(thread=thread, author=other_member, body="New")
    response = member_client.get(thread.get_absolute_url())
    assert response.status_code == 302
    assert response.url.endswith(f"#post-{reply.pk}")


def _rows(response) -> dict[str, tuple[bool, str]]:
    """The board page's rows as a reader sees them, in their order: each
    thread's title, whether the row is marked unread, and its badge's words."""
    html = response.content.decode()
    rows = re.findall(r'<li class="thread-row( unread)?">(.*?)</li>', html, re.DOTALL)
    found = {}
    for unread, row in rows:
        title = re.search(r'class="thread-title"[^>]*>([^<]*)<', row).group(1)
        badge = re.search(r'<span class="badge">([^<]*)</span>', row)
        found[title] = (bool(unread), badge.group(1) if badge else "")
    return found


def test_board_marks_unread_threads_and_new_replies(
    member_client, member, other_member, board
):
    seen = make_thread(board=board, author=other_member, title="Seen")
    member_client.get(f"{seen.get_absolute_url()}?page=1")
    services.post_create(thread=seen, author=other_member, body="one")
    services.post_create(thread=seen, author=other_member, body="two")
    make_thread(board=board, author=other_member, title="Never opened")
    rows = _rows(member_client.get("/community/ask/"))
    assert rows["Seen"] == (True, "2 new replies")
    assert rows["Never opened"] == (True, "New")


def test_the_kept_rows_of_a_board_are_marked_for_each_member(
    client, member, other_member, board
):
    """One copy of a board's rows serves every reader: what is new is each
    member's own, and a reply is on the next page."""
    author = UserFactory()
    seen = make_thread(board=board, author=author, title="Seen")
    make_thread(board=board, author=author, title="Never opened")
    client.force_login(member)
    client.get(f"{seen.get_absolute_url()}?page=1")
    assert _rows(client.get("/community/ask/")) == {
        "Never opened": (True, "New"),
        "Seen": (False, ""),
    }
    client.force_login(other_member)  # kept rows, another member's marks
    assert _rows(client.get("/community/ask/")) == {
        "Never opened": (True, "New"),
        "Seen": (True, "New"),
    }
    services.post_create(thread=seen, author=author, body="one")
    client.force_login(member)
    rows = _rows(client.get("/community/ask/"))
    assert list(rows) == ["Seen", "Never opened"]  # moved up by its reply
    assert rows["Seen"] == (True, "1 new reply")


def test_pinned_threads_come_first(member_client, member, moderator_user, board):
    from community.discussions.moderation import thread_set_pinned

    old = make_thread(board=board, author=member, title="Old but pinned")
    make_thread(board=board, author=member, title="Newer")
    assert list(_rows(member_client.get("/community/ask/"))) == [
        "Newer",
        "Old but pinned",
    ]
    thread_set_pinned(thread=old, moderator=moderator_user, pinned=True)
    assert list(_rows(member_client.get("/community/ask/"))) == [
        "Old but pinned",
        "Newer",
    ]


def test_notification_flow(client, member, other_member, board):
    thread = make_thread(board=board, author=member)
    services.post_create(thread=thread, author=other_member, body="@maria look")
    client.force_login(member)
    home = client.get("/").content.decode()
    assert 'data-testid="unread-count">1<' in home
    notification = Notification.objects.get(recipient=member)
    response = client.get(f"/community/notifications/{notification.pk}/")
    assert response.url.startswith("/community/p/")
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert 'data-testid="unread-count"' not in client.get("/").content.decode()


def test_mark_all_read(member_client, member, other_member, board):
    thread = make_thread(board=board, author=member)
    for n in range(3):
        services.post_create(thread=thread, author=other_member, body=f"r{n}")
    member_client.post("/community/notifications/read/")
    assert not Notification.objects.filter(recipient=member, read_at=None).exists()


def test_someone_elses_notification_is_404(member_client, other_member, board):
    thread = make_thread(board=board, author=other_member)
    services.post_create(thread=thread, author=UserFactory(), body="hi")
    notification = Notification.objects.get(recipient=other_member)
    assert (
        member_client.get(f"/community/notifications/{notification.pk}/").status_code
        == 404
    )


def test_profile_lists_recent_posts_the_viewer_may_read(
    client, member, staff_only_board
):
    public = BoardFactory(slug="pub", visibility="public")
    make_thread(board=public, author=member, title="Public words")
    staff = UserFactory(username="boss", is_staff=True)
    private = make_thread(board=staff_only_board, author=staff, title="Private")
    services.post_create(thread=private, author=staff, body="secret plans")
    from community.models import Post as PostModel

    PostModel.objects.filter(thread=private).update(author=member)
    page = client.get("/community/members/maria/").content.decode()
    assert "Public words" in page
    assert "Private" not in page


@pytest.mark.parametrize("count", [5, 50])
def test_board_list_runs_fixed_queries(member_client, django_assert_num_queries, count):
    for n in range(count):
        make_thread(board=BoardFactory(slug=f"b{n % 10}"), title=f"T{n}")
    # the user (with the header's profile and unread count), boards with their
    # latest thread
    with django_assert_num_queries(2):
        assert member_client.get("/community/").status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_board_runs_fixed_queries(
    member_client, member, django_assert_num_queries, board, count
):
    for n in range(count):
        thread = make_thread(board=board, title=f"T{n}")
        thread.tags.add(f"topic {n % 4}")
        if n % 2:  # read up to its first post
            ReadState.objects.create(
                user=member, thread=thread, read_up_to=thread.posts.get().pk
            )
        services.post_create(thread=thread, author=UserFactory(), body="More.")
    # the user (with the header's profile, unread count and standing: e-mail
    # and suspension), the board (with its count of threads and how she
    # watches it), the page's threads, what the member read of them, how many
    # posts came after
    with django_assert_num_queries(5):
        response = member_client.get("/community/ask/")
    assert response.status_code == 200
    assert "1 new reply" in response.text


@pytest.mark.parametrize("count", [5, 50])
def test_thread_page_runs_fixed_queries(
    member_client, member, django_assert_num_queries, board, count
):
    thread = make_thread(board=board, author=member)
    thread.tags.add(*[f"t{n}" for n in range(count % 7 + 1)])
    thread.resources.add(*ResourceFactory.create_batch(count // 10 + 1))
    authors = UserFactory.create_batch(5)
    for n in range(min(count, 49)):
        post = services.post_create(
            thread=thread, author=authors[n % 5], body=f"Reply {n} @maria"
        )
        services.reaction_toggle(post=post, user=member, kind="helpful")
    url = f"{thread.get_absolute_url()}?page=1"
    member_client.get(url)
    # the user (with the header's profile, unread count and standing), thread
    # (with its count of posts, its topics, whether it shares resources, the
    # member's read state and watch level, and the numbers its posts are kept
    # under), my reactions, the shared resources; the posts come from the copy
    # kept for every member of the same role; nothing written on a second visit.
    for _visit in range(2):
        with django_assert_num_queries(4):
            response = member_client.get(url)
    assert response.status_code == 200
    assert response.context["topics"] == [
        {"name": f"t{n}", "slug": f"t{n}"} for n in range(count % 7 + 1)
    ]
    assert len(response.context["resources"]) == count // 10 + 1
    # A thread that shares nothing does not ask for its resources. Unsharing
    # moves the thread, so its posts are read again once (their files only
    # where a post has some: none here): then from the copy.
    thread.resources.clear()
    with django_assert_num_queries(4):
        member_client.get(url)
    with django_assert_num_queries(3):
        member_client.get(url)


def test_resource_page_lists_only_discussions_the_viewer_may_read(
    client, member, staff_only_board
):
    resource = ResourceFactory(slug="gare", title="GARE")
    public = make_thread(
        board=BoardFactory(slug="pub", visibility="public"), author=member,
        title="Public talk about GARE",
    )  # fmt: skip
    private = make_thread(
        board=staff_only_board, author=UserFactory(username="boss", is_staff=True),
        title="Private talk about GARE",
    )  # fmt: skip
    public.resources.add(resource)
    private.resources.add(resource)
    page = client.get("/resources/gare/").content.decode()
    assert "Public talk about GARE" in page
    assert "Private talk about GARE" not in page


def test_member_follows_and_unfollows_a_thread(
    member_client, member, other_member, board
):
    thread = make_thread(board=board, author=other_member)
    member_client.post(f"/community/t/{thread.pk}/follow/", {"follow": "1"})
    services.post_create(thread=thread, author=other_member, body="Update")
    assert Notification.objects.filter(recipient=member, kind="reply").count() == 1
    member_client.post(f"/community/t/{thread.pk}/follow/", {"follow": "0"})
    services.post_create(thread=thread, author=other_member, body="Another")
    assert Notification.objects.filter(recipient=member, kind="reply").count() == 1


def test_member_follows_a_board(member_client, member, board):
    member_client.post("/community/ask/follow/", {"level": "watching"})
    assert board.follows.get(user=member).level == "watching"
    page = member_client.get("/community/ask/").content.decode()
    assert 'value="watching" class="secondary" aria-pressed="true"' in page


def test_following_an_unreadable_board_is_404(member_client, staff_only_board):
    response = member_client.post("/community/cohort-board/follow/", {"follow": "1"})
    assert response.status_code == 404


@pytest.mark.parametrize("count", [5, 50])
def test_notifications_page_runs_fixed_queries(
    member_client, member, board, django_assert_num_queries, count
):
    thread = make_thread(board=board, author=member)
    authors = UserFactory.create_batch(5)
    for n in range(count):
        services.post_create(thread=thread, author=authors[n % 5], body=f"r{n}")
    # the user (with the header's profile and unread count), count, page with
    # actors' profiles and what each notification is about
    with django_assert_num_queries(3):
        response = member_client.get("/community/notifications/")
    assert len(response.context["notifications"]) == min(count, 30)


@pytest.mark.parametrize("count", [5, 50])
def test_profile_runs_fixed_queries(
    client, member, board, django_assert_num_queries, count
):
    public = BoardFactory(slug="open", visibility="public")
    for n in range(count):
        make_thread(board=public if n % 2 else board, author=member, title=f"T{n}")
    # the versions (guest page cache), member with profile, recent
    # posts with threads
    with django_assert_num_queries(3):
        response = client.get("/community/members/maria/")
    assert len(response.context["recent_posts"]) == min(count // 2, 10)


def test_each_member_sees_their_own_watch_level_and_each_page_its_threads(
    member_client, member, other_member, board, client
):
    """The board's queries are built once and run with each request's values:
    one member's watch level is not another's, and each page has its threads,
    whoever asked first."""
    for n in range(35):
        make_thread(board=board, title=f"Thread number {n:02}")
    member_client.post("/community/ask/follow/", {"level": "muted"})
    other_client = type(client)()
    other_client.force_login(other_member)
    muted = 'value="muted" class="secondary" aria-pressed="true"'
    normal = 'value="normal" class="secondary" aria-pressed="true"'
    for _ in range(2):
        assert muted in member_client.get("/community/ask/").content.decode()
        assert normal in other_client.get("/community/ask/").content.decode()
    first = other_client.get("/community/ask/").content.decode()
    second = other_client.get("/community/ask/?page=2").content.decode()
    assert "Thread number 34" in first  # the newest first
    assert "Thread number 34" not in second
    assert "Thread number 00" in second
    assert "Thread number 00" not in first
    # A page past the last, or no number at all, shows the last or the first.
    assert "Thread number 00" in client.get("/community/ask/?page=99").text
    assert "Thread number 34" in client.get("/community/ask/?page=abc").text


def test_unanswered_lists_and_counts_only_questions_without_an_answer(
    member_client, member, other_member
):
    questions = BoardFactory(slug="questions", kind="questions")
    answered = make_thread(board=questions, author=member, title="Solved one")
    reply = services.post_create(thread=answered, author=other_member, body="This.")
    answer_mark(post=reply, user=member)
    make_thread(board=questions, author=member, title="Open one")
    page = member_client.get("/community/questions/?show=unanswered").text
    assert "Open one" in page
    assert "Solved one" not in page
    page = member_client.get("/community/questions/").text
    assert "Open one" in page
    assert "Solved one" in page
    # show=unanswered means nothing on a board of discussions
    make_thread(board=BoardFactory(slug="talk"), title="Chat")
    assert "Chat" in member_client.get("/community/talk/?show=unanswered").text
