"""What a member types in a reply or a new thread survives a reload, and a
reply refused for posting too fast comes back with its text."""

import re

import pytest
from playwright.sync_api import expect

from community.discussions import ratelimits
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, BoardFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db(transaction=True)

RESTORED = "Your unsent draft was restored."


def expect_restored(page):
    """The polite status the script fills a moment after putting the draft back."""
    expect(page.get_by_role("status").filter(has_text=RESTORED)).to_be_visible()


@pytest.fixture
def thread(db):
    board = BoardFactory(slug="ask", name="Ask the community")
    UserFactory(username="ana", email="ana@example.org")
    return make_thread(board=board, title="Where to start?")


def signed_in(page, path):
    page.goto("/accounts/login/")
    sign_in(page, "ana@example.org", PASSWORD)
    page.goto(path)


def test_a_reply_draft_survives_a_reload_and_goes_once_posted(page, thread):
    signed_in(page, thread.get_absolute_url())
    assert page.get_by_text(RESTORED).count() == 0  # nothing to say yet
    page.get_by_label("Your reply").press_sequentially(
        "We began with a budget equity tool."
    )
    page.reload()
    assert page.get_by_label("Your reply").input_value() == (
        "We began with a budget equity tool."
    )
    expect_restored(page)
    assert_accessible(page)
    page.get_by_role("button", name="Post reply").click()
    page.wait_for_url(re.compile(r"#post-\d+$"))
    page.goto(thread.get_absolute_url())
    assert page.get_by_label("Your reply").input_value() == ""
    assert page.get_by_text(RESTORED).count() == 0


def test_a_new_threads_title_and_text_survive_a_reload(page, thread):
    signed_in(page, "/community/ask/new/")
    page.get_by_label("Title").fill("Participatory budgeting")
    page.get_by_label("Message").fill("Who has tried it, and with whom?")
    page.reload()
    assert page.get_by_label("Title").input_value() == "Participatory budgeting"
    assert page.get_by_label("Message").input_value() == (
        "Who has tried it, and with whom?"
    )
    expect_restored(page)


def test_a_reply_over_the_limit_comes_back_and_stays_a_draft(page, thread, monkeypatch):
    monkeypatch.setattr(ratelimits, "POST_LIMIT_NEW", (0, 120))
    signed_in(page, thread.get_absolute_url())
    text = 'Our council\'s <em>"equity lens"</em> & a budget tool.'
    page.get_by_label("Your reply").fill(text)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Post reply").click()
    assert navigation.value.status == 429
    assert page.get_by_label("Your reply").input_value() == text
    alert = page.get_by_role("alert").inner_text()
    assert re.search(r"You can post again in about 2\sminutes \(at .+\)\.", alert)
    assert_accessible(page)
    # Sending it cleared the draft; the form shown again keeps it once more.
    page.get_by_role("link", name="Back to the thread").click()
    assert page.get_by_label("Your reply").input_value() == text
    expect_restored(page)
    assert thread.posts.count() == 1
