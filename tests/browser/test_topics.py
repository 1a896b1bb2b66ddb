"""A topic's page in a real browser: reached from a thread's topic badge, audited by
axe for a guest and for a member who follows the topic from it."""

import re

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import (
    PASSWORD,
    BoardFactory,
    ResourceFactory,
    UserFactory,
    make_thread,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def thread(db):
    ResourceFactory(title="Bus lanes toolkit", topics=["Transit"])
    board = BoardFactory(slug="open", name="Open board", visibility="public")
    thread = make_thread(board=board, title="Fare-free buses, a year on")
    thread.tags.add("Transit")
    return thread


def test_a_guest_follows_a_threads_topic_badge_to_the_topics_page(page, thread):
    page.goto(thread.get_absolute_url())
    page.get_by_role("list", name="Topics").get_by_role("link", name="Transit").click()
    page.wait_for_url("**/topics/transit/")
    assert page.get_by_role("heading", level=1).inner_text() == "Transit"
    assert page.get_by_role("link", name="Bus lanes toolkit").is_visible()
    assert page.get_by_role("link", name="Fare-free buses, a year on").is_visible()
    assert_accessible(page)


def test_a_member_follows_the_topic_from_its_page(page, thread):
    UserFactory(username="ana", email="ana@example.org")
    page.goto("/accounts/login/?next=/topics/transit/")
    sign_in(page, "ana@example.org", PASSWORD, then="**/topics/transit/")
    assert_accessible(page)
    page.get_by_role("button", name="Follow this topic").click()
    page.wait_for_url("**/topics/transit/")
    assert re.search("You follow .Transit.", page.get_by_role("status").inner_text())
    assert page.get_by_role("button", name="Stop following Transit").is_visible()
    assert_accessible(page)
