"""Board pages: what members see and do, bad input, query counts."""

import datetime
import html.parser

import pytest

from community.discussions import ratelimits, services
from community.models import Flag, Notification, Post, ReadState, Thread
from tests.factories import BoardFactory, ResourceFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "<iframe src=//evil.example></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "![x](javascript:alert(1))",
    "<details open ontoggle=alert(1)>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '"><script>alert(1)</script>',
    "<a href='vbscript:msgbox(1)'>v</a>",
]


class DangerFinder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "svg", "object", "embed", "style"}:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if (
                name in {"href", "src"}
                and value
                and value.strip()
                .lower()
                .startswith(("javascript:", "vbscript:", "data:"))
            ):
                self.found.append(f"{tag}[{name}={value}]")


@pytest.fixture
def board(db):
    return BoardFactory(slug="ask", name="Ask the community")


def test_no_known_xss_payload_survives(member_client, board):
    body = "\n\n".join(XSS_PAYLOADS)
    response = member_client.post(
        "/community/ask/new/", {"title": "<b>Title</b>", "body": body}, follow=True
    )
    assert response.status_code == 200
    thread = Thread.objects.get()
    page = member_client.get(thread.get_absolute_url(), follow=True).content.decode()
    finder = DangerFinder()
    finder.feed(page.split('<main id="main"', 1)[1])
    assert finder.found == []
    assert thread.posts.get().body == body  # the source is kept as written


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "   ", "body": "Text"}, "title"),
        ({"title": "Title", "body": "  "}, "body"),
        ({"title": "T" * 201, "body": "Text"}, "title"),
        ({"title": "Title", "body": "x" * 20_001}, "body"),
        (
            {"title": "Title", "body": "x", "resources": "https://evil.example/x"},
            "resources",
        ),
    ],
)
def test_bad_thread_input_is_a_form_error(member_client, board, data, field):
    response = member_client.post("/community/ask/new/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Thread.objects.exists()


def test_a_one_megabyte_body_is_refused_cleanly(member_client, board):
    response = member_client.post(
        "/community/ask/new/", {"title": "Big", "body": "x" * 1_000_000}
    )
    assert response.status_code == 200
    assert "body" in response.context["form"].errors


def test_preview_renders_without_posting(member_client, board):
    response = member_client.post(
        "/community/ask/new/", {"title": "T", "body": "**bold**", "preview": "1"}
    )
    assert "<strong>bold</strong>" in response.context["preview"]
    assert not Thread.objects.exists()


def test_pasted_library_link_is_shared_as_a_card(member_client, board):
    ResourceFactory(slug="racial-equity-resolution", title="Racial Equity Resolution")
    member_client.post(
        "/community/ask/new/",
        {
            "title": "Has anyone used this?",
            "body": "Looking at it.",
            "resources": "https://commons.example.org/resources/racial-equity-resolution/",
        },
    )
    thread = Thread.objects.get()
    assert [r.slug for r in thread.resources.all()] == ["racial-equity-resolution"]
    page = member_client.get(thread.get_absolute_url(), follow=True).content.decode()
    assert "Shared from the library" in page


def test_discuss_this_starts_a_thread_with_the_resource(member_client):
    BoardFactory(slug="share-a-resource", name="Share a resource")
    ResourceFactory(slug="gare", title="GARE")
    response = member_client.get("/community/new/?resource=gare")
    form = response.context["form"]
    assert form.initial["title"] == "GARE"
    assert form.initial["resources"].endswith("/resources/gare/")
    assert form.initial["board"].slug == "share-a-resource"


def test_reply_to_a_post_shows_the_quote(member_client, member, other_member, board):
    thread = make_thread(board=board, author=other_member, body="Original words")
    first = thread.posts.get()
    member_client.post(
        f"/community/t/{thread.pk}/reply/", {"body": "Agreed", "reply_to": first.pk}
    )
    reply = thread.posts.get(body="Agreed")
    assert reply.reply_to == first
    page = member_client.get(f"{thread.get_absolute_url()}?page=1").content.decode()
    assert "In reply to" in page
    assert "Original words" in page


def test_deleted_post_leaves_a_placeholder(member_client, member, board):
    thread = make_thread(board=board, author=member, body="Regrettable")
    post = thread.posts.get()
    member_client.post(f"/community/p/{post.pk}/delete/")
    page = member_client.get(f"{thread.get_absolute_url()}?page=1").content.decode()
    assert "This post was deleted by its author." in page
    assert "Regrettable" not in page


def test_hidden_post_shows_the_reason_to_its_author_only(
    client, member, other_member, moderator_user, board
):
    from community.discussions.moderation import post_hide

    thread = make_thread(board=board, author=member, body="Phone 555-0100")
    post_hide(post=thread.posts.get(), moderator=moderator_user, reason="Personal data")
    url = f"{thread.get_absolute_url()}?page=1"
    client.force_login(member)
    assert "Reason: Personal data" in client.get(url).content.decode()
    client.force_login(other_member)
    page = client.get(url).content.decode()
    assert "hidden by a moderator" in page
    assert "Personal data" not in page
    assert "555-0100" not in page


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


def test_board_marks_unread_threads_and_new_replies(
    member_client, member, other_member, board
):
    seen = make_thread(board=board, author=other_member, title="Seen")
    member_client.get(f"{seen.get_absolute_url()}?page=1")
    services.post_create(thread=seen, author=other_member, body="one")
    services.post_create(thread=seen, author=other_member, body="two")
    make_thread(board=board, author=other_member, title="Never opened")
    threads = {
        t.title: t for t in member_client.get("/community/ask/").context["threads"]
    }
    assert threads["Seen"].new_posts == 2
    assert threads["Never opened"].last_read is None


def test_pinned_threads_come_first(member_client, member, moderator_user, board):
    from community.discussions.moderation import thread_set_pinned

    old = make_thread(board=board, author=member, title="Old but pinned")
    make_thread(board=board, author=member, title="Newer")
    thread_set_pinned(thread=old, moderator=moderator_user, pinned=True)
    titles = [t.title for t in member_client.get("/community/ask/").context["threads"]]
    assert titles == ["Old but pinned", "Newer"]


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


def test_posting_too_fast_is_a_429_page(member_client, member, board, monkeypatch):
    monkeypatch.setattr(ratelimits, "POST_LIMIT", (2, 60))
    monkeypatch.setattr(ratelimits, "POST_LIMIT_NEW", (2, 60))
    thread = make_thread(board=board, author=member)
    url = f"/community/t/{thread.pk}/reply/"
    assert member_client.post(url, {"body": "one"}).status_code == 302
    assert member_client.post(url, {"body": "two"}).status_code == 302
    response = member_client.post(url, {"body": "three"})
    assert response.status_code == 429
    assert "posting faster than the community allows" in response.content.decode()
    assert thread.posts.count() == 3


def test_new_members_have_tighter_thread_limits(member_client, member, board):
    for n in range(ratelimits.THREAD_LIMIT_NEW[0]):
        member_client.post("/community/ask/new/", {"title": f"T{n}", "body": "b"})
    response = member_client.post(
        "/community/ask/new/", {"title": "Again", "body": "b"}
    )
    assert response.status_code == 429


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
    # and suspension), board, count, the page's threads, what the member read
    # of them, how many posts came after, following
    with django_assert_num_queries(7):
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
    assert response.context["topics"] == sorted(f"t{n}" for n in range(count % 7 + 1))
    assert len(response.context["resources"]) == count // 10 + 1
    # A thread that shares nothing does not ask for its resources. Unsharing
    # moves the thread, so its posts are read again once: then from the copy.
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


def test_a_reply_that_is_too_long_keeps_the_text(member_client, member, board):
    thread = make_thread(board=board, author=member)
    text = "My considered answer. " + "x" * 20_000
    response = member_client.post(f"/community/t/{thread.pk}/reply/", {"body": text})
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert "My considered answer." in response.content.decode()
    assert thread.posts.count() == 1


def test_a_tampered_reply_to_posts_to_the_thread(member_client, member, board):
    thread = make_thread(board=board, author=member)
    response = member_client.post(
        f"/community/t/{thread.pk}/reply/", {"body": "Fine", "reply_to": "abc"}
    )
    assert response.status_code == 302
    assert thread.posts.get(body="Fine").reply_to is None


def test_unknown_moderation_action_is_404(client, moderator_user, member, board):
    post = make_thread(board=board, author=member).posts.get()
    client.force_login(moderator_user)
    assert client.post(f"/community/p/{post.pk}/moderate/explode/").status_code == 404


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


def test_members_start_no_threads_in_a_staff_only_board(member_client, member):
    announcements = BoardFactory(
        slug="announcements", visibility="public", new_threads="staff"
    )
    page = member_client.get(announcements.get_absolute_url()).text
    assert "Start a thread" not in page
    assert "Staff start the threads on this board" in page
    assert member_client.get("/community/announcements/new/").status_code == 403
    response = member_client.post(
        "/community/announcements/new/", {"title": "Buy now", "body": "Spam."}
    )
    assert response.status_code == 403
    assert "Only staff start threads on this board" in response.text
    # Nor through the general form, naming the board.
    member_client.post(
        "/community/new/",
        {"board": announcements.pk, "title": "Buy now", "body": "Spam."},
    )
    assert not Thread.objects.filter(board=announcements).exists()


def test_staff_start_threads_in_a_staff_only_board(client):
    announcements = BoardFactory(slug="news", visibility="public", new_threads="staff")
    curator = UserFactory(username="curator", is_staff=True)
    client.force_login(curator)
    assert "Start a thread" in client.get(announcements.get_absolute_url()).text
    response = client.post(
        "/community/news/new/", {"title": "Webinar on Friday", "body": "Join us."}
    )
    assert response.status_code == 302
    assert Thread.objects.get(board=announcements).title == "Webinar on Friday"


def test_the_seeded_announcements_board_is_staff_only(db):
    from community.models import Board
    from community.seed import seed_board

    seed_board()
    assert Board.objects.get(slug="announcements").new_threads == "staff"


def test_a_reply_posted_twice_keeps_the_text_and_says_why(member_client, member):
    thread = make_thread(author=member)
    url = f"/community/t/{thread.pk}/reply/"
    assert member_client.post(url, {"body": "See you Friday."}).status_code == 302
    response = member_client.post(url, {"body": "See you Friday."})
    assert response.status_code == 200
    assert str(services.DUPLICATE) in response.text.replace("&#x27;", "'")
    assert "See you Friday." in response.text  # the text is still in the box
    assert thread.posts.count() == 2


def test_reports_are_limited_to_a_few_an_hour(member_client, member):
    member.date_joined = member.date_joined - datetime.timedelta(days=30)
    member.save()
    posts = [make_thread(author=UserFactory()).posts.get() for _ in range(6)]
    for post in posts[:5]:
        member_client.post(f"/community/p/{post.pk}/flag/", {"reason": "Spam"})
    response = member_client.post(
        f"/community/p/{posts[5].pk}/flag/", {"reason": "Spam"}, follow=True
    )
    assert "many reports in the last hour" in response.text
    assert Flag.objects.filter(reporter=member).count() == 5


def test_a_member_who_is_not_a_moderator_is_told_why_they_cannot_moderate(
    member_client, member, board
):
    thread = make_thread(board=board, author=member)
    post = thread.posts.first()
    for url in (
        f"/community/p/{post.pk}/moderate/restore/",
        f"/community/t/{thread.pk}/lock/",
    ):
        response = member_client.post(url)
        assert response.status_code == 403
        assert "Only moderators can do this." in response.content.decode()
    thread.refresh_from_db()
    assert not thread.is_locked
