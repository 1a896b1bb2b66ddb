"""A member quotes the part of a post they selected, in a real browser."""

import re

import pytest

from community.discussions import services
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, BoardFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db(transaction=True)

ORIGINAL = (
    "Our **tree canopy** map showed gaps by neighborhood.\n\n"
    "- the east side had the fewest trees\n"
    "- the budget followed the map"
)


def select_text(page, post_id: int, start: str, end: str) -> None:
    """Select from the start of one phrase to the end of another in a post's
    text, as a member does with the mouse."""
    page.evaluate(
        """([id, start, end]) => {
            const prose = document.querySelector(`#post-${id} .prose`);
            const walker = document.createTreeWalker(prose, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            for (let node; (node = walker.nextNode()); ) {
              const at = node.nodeValue.indexOf(start);
              if (at >= 0 && range.collapsed && !range.startContainer.nodeValue) {
                range.setStart(node, at);
              }
              const to = node.nodeValue.indexOf(end);
              if (to >= 0) range.setEnd(node, to + end.length);
            }
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        [post_id, start, end],
    )


def test_a_member_quotes_the_part_they_selected(page, live_server):
    board = BoardFactory(slug="ask", name="Ask the community")
    ana = UserFactory(username="ana", profile__display_name="Ana Ruiz")
    UserFactory(username="ben", email="ben@example.org")
    thread = make_thread(board=board, author=ana, title="Canopy", body=ORIGINAL)
    services.post_create(thread=thread, author=ana, body="A second thought.")
    first = thread.posts.order_by("pk").first()

    page.goto("/accounts/login/")
    sign_in(page, "ben@example.org", PASSWORD)
    page.goto(f"{thread.get_absolute_url()}?page=1")
    select_text(page, first.pk, "tree canopy", "fewest trees")
    page.locator(f"#post-{first.pk}").get_by_role(
        "link", name=re.compile("^Quote")
    ).click()
    reply = page.get_by_label("Your reply")
    assert reply.evaluate("field => field === document.activeElement")
    text = reply.input_value()
    assert text.startswith(f"[quote=post:{first.pk}]\n**tree canopy** map showed")
    assert "- the east side had the fewest trees\n[/quote]" in text
    assert "budget" not in text
    page.get_by_role("status").filter(has_text="quoted").wait_for(state="attached")
    reply.press("End")
    reply.type("We saw the same on our east side.")
    page.get_by_role("button", name="Post reply").click()
    page.wait_for_url(re.compile(r"#post-\d+$"))
    post_id = page.url.rsplit("#post-", 1)[1]
    quote = page.locator(f"#post-{post_id} blockquote.quote")
    assert quote.get_by_role("link", name="Ana Ruiz wrote:").get_attribute("href") == (
        f"/community/p/{first.pk}/"
    )
    assert quote.locator("li").inner_text() == "the east side had the fewest trees"
    assert "budget" not in quote.inner_text()
    # The page says when it was posted as a date; the browser says "now".
    when = page.locator(f"#post-{post_id} time")
    assert when.inner_text() in {"now", "1 minute ago"}
    assert re.fullmatch(r"\w+\.? \d+, \d{4}, .+", when.get_attribute("title"))
    assert_accessible(page)
