"""A member reading a thread sees new replies announced, and the header's count
follow, without reloading, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from community.discussions import services
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, BoardFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db(transaction=True)


def test_new_replies_and_the_unread_count_arrive_without_a_reload(page):
    board = BoardFactory(slug="ask", name="Ask the community")
    UserFactory(username="ana", email="ana@example.org")
    ben = UserFactory(username="ben")
    thread = make_thread(board=board, author=ben, title="Bus lanes", body="Who?")

    page.clock.install()
    page.goto("/accounts/login/")
    sign_in(page, "ana@example.org", PASSWORD)
    page.goto(thread.get_absolute_url())
    assert page.get_by_test_id("unread-count").count() == 0

    reply = services.post_create(thread=thread, author=ben, body="@ana Rochester.")
    page.clock.run_for(61_000)
    news = page.get_by_role("status").filter(has_text="new reply")
    expect(news).to_have_text("1 new reply — show")
    expect(page.get_by_test_id("unread-count")).to_have_text(
        re.compile(r"^1\s*unread notifications$")
    )
    assert_accessible(page)
    news.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"#post-{reply.pk}$"))
