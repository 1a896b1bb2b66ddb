"""A reply, a thread or a report over the limit: the member's form again (429),
with everything they typed, when they may send it, and nothing stored."""

import html.parser
from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from community.discussions import ratelimits
from community.models import Flag, Thread
from core import ratelimit
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db

# A member types this; it must come back as typed, and as text only.
TYPED = 'Budgets <b>matter</b> & "equity" </textarea><script>alert(1)</script>'
# When the member is refused: 3:40 p.m. on a summer day in the site's time zone.
NOW = datetime(2026, 7, 15, 15, 40, tzinfo=ZoneInfo("America/New_York"))


@pytest.fixture(autouse=True)
def clock(monkeypatch, settings):
    settings.TIME_ZONE = "America/New_York"
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=NOW.timestamp))


class FormPage(html.parser.HTMLParser):
    """What a member sees of a form page: its fields' values (a textarea's as a
    browser reads it), the alert above the form, and any script in <main>."""

    def __init__(self, page: str):
        super().__init__()
        self.fields, self.alert, self.scripts = {}, "", 0
        self._in = None
        self._opening = False
        self.feed(page.split('<main id="main"', 1)[1].split("</main>", 1)[0])
        self.alert = " ".join(self.alert.split())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
        elif tag == "textarea":
            self._in = attrs["name"]
            self.fields[self._in] = ""
            self._opening = True
        elif tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif attrs.get("role") == "alert":
            self._in = "alert"

    def handle_endtag(self, tag):
        if tag in {"textarea", "p"}:
            self._in = None

    def handle_data(self, data):
        if self._in == "alert":
            self.alert += data
        elif self._in:
            if self._opening:  # a browser drops the newline that opens the text
                data, self._opening = data.removeprefix("\n"), False
            self.fields[self._in] += data


def test_a_reply_over_the_limit_comes_back_with_its_text(
    member_client, member, board, monkeypatch
):
    monkeypatch.setattr(ratelimits, "POST_LIMIT_NEW", (1, 120))
    thread = make_thread(board=board, author=member)
    url = f"/community/t/{thread.pk}/reply/"
    assert member_client.post(url, {"body": "First thoughts."}).status_code == 302
    response = member_client.post(url, {"body": TYPED})
    assert response.status_code == 429
    assert response["Retry-After"] == "120"
    page = FormPage(response.text)
    assert page.fields["body"] == TYPED
    assert page.scripts == 0
    assert "&lt;/textarea&gt;&lt;script&gt;" in response.text
    assert page.alert == (
        "You are posting faster than the community allows. Nothing was posted: "
        "what you wrote is kept below. "
        "You can post again in about 2 minutes (at 3:42 p.m.)."
    )
    assert list(thread.posts.values_list("body", flat=True)) == [
        thread.posts.first().body,
        "First thoughts.",
    ]


def test_a_reply_to_a_post_keeps_what_it_replies_to(
    member_client, member, board, monkeypatch
):
    monkeypatch.setattr(ratelimits, "POST_LIMIT_NEW", (0, 60))
    thread = make_thread(board=board, author=member)
    first = thread.posts.get()
    response = member_client.post(
        f"/community/t/{thread.pk}/reply/", {"body": "Agreed.", "reply_to": first.pk}
    )
    assert response.status_code == 429
    page = FormPage(response.text)
    assert page.fields["body"] == "Agreed."
    assert page.fields["reply_to"] == str(first.pk)
    assert thread.posts.count() == 1


def test_a_thread_over_the_limit_comes_back_with_its_title_and_text(
    member_client, member, board
):
    first = {"title": "Participatory budgeting", "body": "Who has tried it?"}
    assert member_client.post("/community/ask/new/", first).status_code == 302
    typed = {"title": 'Zoning & "missing middle" <i>now</i>', "body": TYPED}
    response = member_client.post(
        "/community/ask/new/", {**typed, "topics": "housing, zoning"}
    )
    assert response.status_code == 429
    assert response["Retry-After"] == str(ratelimits.THREAD_LIMIT_NEW[1])
    page = FormPage(response.text)
    assert page.fields["title"] == typed["title"]
    assert page.fields["body"] == TYPED
    assert page.fields["topics"] == "housing, zoning"
    assert page.scripts == 0
    assert page.alert.endswith("You can post again in about 10 minutes (at 3:50 p.m.).")
    assert list(Thread.objects.values_list("title", flat=True)) == [first["title"]]


def test_a_report_over_the_limit_comes_back_with_its_reason(member_client, member):
    posts = [make_thread(author=UserFactory()).posts.get() for _ in range(3)]
    for post in posts[:2]:
        member_client.post(f"/community/p/{post.pk}/flag/", {"reason": "Spam"})
    response = member_client.post(
        f"/community/p/{posts[2].pk}/flag/", {"reason": 'Insults <a> "member"'}
    )
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    page = FormPage(response.text)
    assert page.fields["reason"] == 'Insults <a> "member"'
    assert page.alert.startswith("You have sent many reports in the last hour.")
    assert page.alert.endswith(
        "You can send another report in about 1 hour (at 4:40 p.m.)."
    )
    assert not Flag.objects.filter(post=posts[2]).exists()


def test_the_time_shown_is_rounded_up_to_the_minute(
    member_client, member, board, monkeypatch
):
    monkeypatch.setattr(ratelimits, "POST_LIMIT_NEW", (0, 90))
    thread = make_thread(board=board, author=member)
    response = member_client.post(f"/community/t/{thread.pk}/reply/", {"body": "Hi"})
    assert response["Retry-After"] == "90"
    assert FormPage(response.text).alert.endswith(
        "You can post again in about 2 minutes (at 3:42 p.m.)."
    )
