"""A member asks a question, another answers quoting part of it and attaching a
picture, the asker marks the answer, and the board shows the question answered,
in a real browser."""

import io
import re

import pytest
from PIL import Image

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_quotes import select_text
from tests.factories import PASSWORD, BoardFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), "navy").save(out, "PNG")
    return out.getvalue()


def ask(page) -> tuple[str, int]:
    """Ben asks on the question board; the question's address and post id."""
    page.goto("/accounts/login/?next=/community/ask/")
    sign_in(page, "ben@example.org", PASSWORD, then="**/community/ask/")
    page.get_by_role("link", name="Start a thread").click()
    page.get_by_label("Title").fill("Where do you start with city staff?")
    page.get_by_label("Message").fill(
        "Did you start with training, a resolution, or an assessment of policies?"
    )
    page.get_by_role("button", name="Post thread").click()
    page.wait_for_url(re.compile(r"/community/t/\d+-where-do-you-start"))
    first = page.locator("article.post").first.get_attribute("id")
    return page.url.split("?")[0], int(first.split("-")[1])


def answer_with_a_quote_and_a_picture(other, question_url, question_id) -> str:
    """Ana quotes part of the question and attaches a chart; her post's id."""
    other.goto("/accounts/login/")
    sign_in(other, "ana@example.org", PASSWORD)
    other.goto(question_url)
    select_text(other, question_id, "an assessment", "of policies")
    other.locator(f"#post-{question_id}").get_by_role(
        "link", name=re.compile("^Quote")
    ).click()
    reply = other.get_by_label("Your reply")
    reply.press("End")
    reply.type("That one, with hiring and code enforcement first.")
    other.get_by_text("Attach pictures or documents").click()
    other.get_by_label("File 1").set_input_files(
        files=[{"name": "chart.png", "mimeType": "image/png", "buffer": png()}]
    )
    other.get_by_label("What picture 1 shows").fill("Chart of hires by department")
    other.get_by_role("button", name="Post reply").click()
    other.wait_for_url(re.compile(r"#post-\d+$"))
    assert other.get_by_role("button", name="Mark as the answer").count() == 0
    return other.url.rsplit("#post-", 1)[1]


# The picture's width once loaded (it loads lazily: not always by the time the
# page's load event fired).
LOADED_WIDTH = """img => img.complete ? img.naturalWidth : new Promise(done =>
  img.addEventListener("load", () => done(img.naturalWidth), {once: true}))"""


def test_ask_answer_and_accept(page, browser, live_server):
    BoardFactory(slug="ask", name="Ask the community", kind="questions")
    UserFactory(
        username="ben", email="ben@example.org", profile__display_name="Ben Lee"
    )
    UserFactory(
        username="ana", email="ana@example.org", profile__display_name="Ana Ruiz"
    )
    question_url, question_id = ask(page)
    other = browser.new_context(base_url=live_server.url).new_page()
    answer_id = answer_with_a_quote_and_a_picture(other, question_url, question_id)
    other.context.close()

    page.goto(question_url)
    answer = page.locator(f"#post-{answer_id}")
    quote = answer.locator("blockquote.quote")
    assert quote.get_by_role("link", name="Ben Lee wrote:").is_visible()
    chart = answer.get_by_role("img", name="Chart of hires by department")
    assert chart.evaluate(LOADED_WIDTH) == 320
    answer.get_by_role("button", name="Mark as the answer").click()
    page.wait_for_url(re.compile(rf"#post-{answer_id}$"))
    box = page.get_by_role("complementary", name="Accepted answer")
    assert "Answered by Ana Ruiz" in box.inner_text()
    assert_accessible(page)
    box.get_by_role("link", name="Go to the answer").click()
    page.wait_for_url(re.compile(rf"#post-{answer_id}$"))

    page.goto("/community/ask/")
    row = page.locator(".thread-row", has_text="Where do you start")
    assert row.get_by_text("Answered").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Unanswered").click()
    page.wait_for_url("**/community/ask/?show=unanswered")
    assert page.get_by_text("Every question here has an accepted answer.").is_visible()
    assert_accessible(page)
