"""Starting a thread: bad input, scripts, preview, shared resources, rate limits."""

import html.parser

import pytest

from community.discussions import ratelimits
from community.models import Thread
from tests.client import Client
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


def test_no_known_xss_payload_survives(member_client, board):
    body = "\n\n".join(XSS_PAYLOADS)
    response = member_client.post(
        "/community/ask/new/", {"title": "<b>Title</b>", "body": body}, follow=True
    )
    assert response.status_code == 200
    thread = Thread.objects.get()
    page = member_client.get(thread.get_absolute_url(), follow=True).content.decode()
    finder = DangerFinder()
    # The members' text is in <main>; the site's own scripts come after it.
    finder.feed(page.split('<main id="main"', 1)[1].split("</main>", 1)[0])
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


def test_new_members_have_tighter_thread_limits(member_client, member, board):
    for n in range(ratelimits.THREAD_LIMIT_NEW[0]):
        member_client.post("/community/ask/new/", {"title": f"T{n}", "body": "b"})
    response = member_client.post(
        "/community/ask/new/", {"title": "Again", "body": "b"}
    )
    assert response.status_code == 429


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


def test_the_reply_form_is_in_each_members_language_and_opens_as_asked(
    member, other_member, board
):
    """The blank reply form is rendered once per language (ReplyForm.as_p): each
    member still gets theirs, and a Reply link's form still names its post."""
    thread = make_thread(board=board, author=other_member)
    url = thread.get_absolute_url()
    member.profile.language = "es"
    member.profile.save(update_fields=["language"])
    english, spanish = Client(), Client()
    english.force_login(other_member)
    spanish.force_login(member)
    for _ in range(2):
        assert 'for="id_body">Your reply' in english.get(url).text
        assert 'for="id_body">Su respuesta' in spanish.get(url).text
    post = thread.posts.get()
    page = english.get(f"{url}?reply_to={post.pk}").text
    assert f'name="reply_to" value="{post.pk}"' in page
    assert 'name="reply_to" value=' not in english.get(url).text
