"""Two members write to each other in private, in a real browser, until one blocks
the other."""

import re

import pytest

from community.models import Message
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

CONVERSATION = re.compile(r"/community/messages/\d+/(#message-\d+)?$")


@pytest.fixture
def people(db):
    ana = UserFactory(
        username="ana", email="ana@example.org", profile__display_name="Ana Ruiz"
    )
    ben = UserFactory(
        username="ben", email="ben@example.org", profile__display_name="Ben Lee"
    )
    return ana, ben


def ana_writes_to_ben_from_his_profile(page) -> str:
    """Ana opens Ben's profile, presses Message, writes and sends; the
    conversation's address."""
    sign_in(page, "ana@example.org", PASSWORD)
    page.goto("/community/members/ben/")
    assert_accessible(page)  # with its Message and Block buttons
    page.get_by_role("link", name="Message @ben").click()
    page.wait_for_url("**/community/messages/new/?to=ben")
    assert page.get_by_label("To").input_value() == "@ben"
    assert_accessible(page)
    page.get_by_label("Subject (optional)").fill("Bond measure")
    body = page.get_by_role("textbox", name=re.compile(r"^Message"))
    body.fill("Could we talk about **the bond**?")
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(CONVERSATION)
    conversation_url = page.url.split("#")[0]
    assert page.get_by_role("heading", level=1).inner_text() == "Bond measure"
    assert page.locator("article strong").inner_text() == "the bond"
    assert_accessible(page)
    return conversation_url


def test_a_member_messages_another_who_replies_and_then_blocks(
    page, browser, live_server, people
):
    conversation_url = ana_writes_to_ben_from_his_profile(page)

    # Ben sees the unread count, opens the conversation and replies.
    ben = browser.new_context(base_url=live_server.url).new_page()
    sign_in(ben, "ben@example.org", PASSWORD)
    assert ben.get_by_test_id("unread-messages").inner_text().startswith("1")
    ben.get_by_role("link", name=re.compile("^Messages")).click()
    ben.wait_for_url("**/community/messages/")
    assert_accessible(ben)
    ben.get_by_role("link", name=re.compile("Ana Ruiz: Bond measure")).click()
    ben.wait_for_url(conversation_url)
    assert ben.get_by_test_id("unread-messages").count() == 0
    ben.get_by_label("Your message").fill("Gladly: Tuesday at ten?")
    ben.get_by_role("button", name="Send").click()
    ben.wait_for_url(CONVERSATION)

    # Ana sees the reply.
    page.goto(conversation_url)
    assert page.get_by_text("Gladly: Tuesday at ten?").is_visible()

    # Ben blocks Ana from the conversation; her next message is refused.
    ben.goto(conversation_url)
    ben.get_by_role("button", name="Block @ana").click()
    ben.wait_for_url(conversation_url)
    assert ben.get_by_text("You blocked @ana").is_visible()
    assert_accessible(ben)
    ben.goto("/community/settings/#blocked")
    assert ben.get_by_role("button", name="Unblock @ana").is_visible()
    assert_accessible(ben)
    ben.context.close()

    page.get_by_label("Your message").fill("Are you there?")
    page.get_by_role("button", name="Send").click()
    page.wait_for_load_state()
    assert page.get_by_text("You cannot message @ben.").first.is_visible()
    assert page.get_by_label("Your message").input_value() == "Are you there?"
    assert not Message.objects.filter(body="Are you there?").exists()
    assert_accessible(page)

    # Reporting a message opens a page of its own.
    page.get_by_role("link", name=re.compile("^Report")).first.click()
    page.wait_for_url("**/community/messages/m/*/report/")
    assert_accessible(page)
