"""Members use the discussion board in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from community.discussions import moderation, services
from community.models import Board
from resources.seed import seed_library
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import (
    PASSWORD,
    BoardFactory,
    UserFactory,
    give_second_factor,
    make_thread,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting(db):
    seed_library()
    BoardFactory(slug="share-a-resource", name="Share a resource")
    BoardFactory(slug="announcements", name="Announcements", visibility="public")
    ana = UserFactory(
        username="ana", email="ana@example.org", profile__display_name="Ana Ruiz"
    )
    ben = UserFactory(
        username="ben", email="ben@example.org", profile__display_name="Ben Lee"
    )
    return ana, ben


def test_share_reply_mention_and_notification(page, browser, live_server, setting):
    page.goto("/accounts/login/?next=/resources/racial-equity-resolution/")
    sign_in(
        page, "ana@example.org", PASSWORD, then="**/resources/racial-equity-resolution/"
    )
    page.get_by_role("link", name="Discuss this").click()
    page.wait_for_url("**/community/new/?resource=racial-equity-resolution")
    expect(
        page.get_by_role("button", name="Remove Racial Equity Resolution")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Message").fill("Has your council passed one? **Tips welcome.**")
    page.get_by_role("button", name="Preview").click()
    assert (
        page.get_by_role("region", name="Preview").locator("strong").inner_text()
        == "Tips welcome."
    )
    page.get_by_role("button", name="Post thread").click()
    page.wait_for_url(re.compile(r"/community/t/\d+-racial-equity-resolution/"))
    assert page.get_by_role("region", name="Shared from the library").is_visible()
    assert_accessible(page)
    thread_url = page.url.split("?")[0]

    other = browser.new_context(base_url=live_server.url).new_page()
    other.goto("/accounts/login/")
    sign_in(other, "ben@example.org", PASSWORD)
    other.goto(thread_url)
    other.get_by_label("Your reply").fill(
        "@ana we did, last spring. Start with the talking points."
    )
    other.get_by_role("button", name="Post reply").click()
    other.wait_for_url(re.compile(r"#post-\d+$"))
    reply_id = other.url.rsplit("#post-", 1)[1]
    other.context.close()

    page.goto("/")
    assert page.get_by_test_id("unread-count").inner_text().startswith("1")
    page.get_by_text("Ana Ruiz").click()
    page.get_by_role("link", name=re.compile(r"^Notifications")).click()
    page.wait_for_url("**/community/notifications/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("@ben mentioned you")).click()
    page.wait_for_url(re.compile(rf"#post-{reply_id}$"))
    assert (
        page.locator(f"#post-{reply_id}")
        .get_by_text("Start with the talking points")
        .is_visible()
    )
    assert page.get_by_test_id("unread-count").count() == 0


def test_guest_gets_404_for_a_members_board(page, setting):
    response = page.goto("/community/share-a-resource/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    page.goto("/community/")
    assert page.get_by_role("link", name="Announcements").is_visible()
    assert page.get_by_role("link", name="Share a resource").count() == 0
    assert_accessible(page)


def test_a_guest_following_a_members_thread_link_signs_in_and_lands_on_it(
    page, setting
):
    ana, _ben = setting
    board = Board.objects.get(slug="share-a-resource")
    thread = make_thread(board=board, author=ana, title="Budget hearings")
    response = page.goto(thread.get_absolute_url())
    assert response.status == 403
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "This discussion is for members"
    assert page.get_by_text("Budget hearings").count() == 0  # not even the title
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Sign in to read it").click()
    sign_in(page, "ben@example.org", PASSWORD, then=f"**{thread.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Budget hearings"


def test_moderator_hides_a_flagged_post_and_the_author_sees_why(
    page, browser, live_server, setting
):
    from django.contrib.auth.models import Group

    ana, ben = setting
    thread = make_thread(
        board=BoardFactory(slug="ask", name="Ask the community"), author=ana,
        title="Budget question", body="How did you fund your equity office?",
    )  # fmt: skip
    bad = services.post_create(
        thread=thread, author=ben, body="Call me at 555-0100 now"
    )
    moderation.flag_create(post=bad, reporter=ana, reason="Personal phone number")
    mod = UserFactory(username="mod", email="mod@example.org", is_staff=True)
    mod.groups.add(Group.objects.get(name="Moderators"))
    secret = give_second_factor(mod)

    page.goto("/accounts/login/")
    sign_in(page, "mod@example.org", PASSWORD, totp_secret=secret)
    page.goto(f"/community/p/{bad.pk}/")
    post = page.locator(f"#post-{bad.pk}")
    post.get_by_text("Hide", exact=True).click()
    post.get_by_label("Reason (the author sees it)").fill("Personal contact details")
    post.get_by_role("button", name="Hide post").click()
    page.wait_for_load_state()
    assert_accessible(page)

    author = browser.new_context(base_url=live_server.url).new_page()
    author.goto("/accounts/login/")
    sign_in(author, "ben@example.org", PASSWORD)
    author.goto(f"/community/p/{bad.pk}/")
    hidden = author.locator(f"#post-{bad.pk}")
    assert "Reason: Personal contact details" in hidden.inner_text()
    assert "555-0100" not in hidden.inner_text()
    author.context.close()


def test_board_pages_are_accessible(page, setting):
    ana, ben = setting
    board = BoardFactory(slug="ask", name="Ask the community")
    thread = make_thread(board=board, author=ben, title="Where to start?")
    services.post_create(thread=thread, author=ana, body="With *training*.")
    page.goto("/accounts/login/")
    sign_in(page, "ana@example.org", PASSWORD)
    for path in ["/community/", "/community/ask/", thread.get_absolute_url(),
                 "/community/ask/new/", "/community/notifications/",
                 "/community/members/ben/"]:  # fmt: skip
        assert page.goto(path).status == 200, path
        assert_accessible(page)
    page.goto("/community/ask/new/")
    page.get_by_role("button", name="Post thread").click()
    assert page.get_by_text("This field is required.").count() >= 2
    assert_accessible(page)


def test_member_picks_a_library_resource_with_the_keyboard(page, setting):
    page.goto("/accounts/login/?next=/community/share-a-resource/new/")
    sign_in(page, "ana@example.org", PASSWORD, then="**/share-a-resource/new/")
    page.get_by_label("Title").focus()
    page.keyboard.type("A resolution for our council")
    page.get_by_label("Message").focus()
    page.keyboard.type("Thoughts?")
    finder = page.get_by_role("combobox", name="Find a resource in the library to add")
    finder.focus()
    page.keyboard.type("resolution", delay=30)
    listbox = page.get_by_role("listbox", name="Matching resources")
    expect(listbox).to_be_visible()
    expect(finder).to_have_attribute("aria-expanded", "true")
    titles = listbox.get_by_role("option").all_inner_texts()
    expect(page.get_by_role("status").filter(has_text="found")).to_have_text(
        f"{len(titles)} resources found" if len(titles) > 1 else "1 resource found"
    )

    for _ in range(titles.index("Racial Equity Resolution") + 1):
        page.keyboard.press("ArrowDown")
    active = listbox.get_by_role("option", name="Racial Equity Resolution")
    expect(active).to_have_attribute("aria-selected", "true")
    expect(finder).to_have_attribute(
        "aria-activedescendant", active.get_attribute("id")
    )
    expect(finder).to_be_focused()
    assert_accessible(page)  # with the listbox open and an option active
    page.keyboard.press("Enter")

    expect(listbox).to_be_hidden()
    expect(finder).to_have_value("")
    chosen = page.get_by_role("list", name="Chosen resources")
    expect(chosen.get_by_role("listitem")).to_have_text(
        re.compile(r"^Racial Equity Resolution\s+Remove")
    )
    expect(
        chosen.get_by_role("button", name="Remove Racial Equity Resolution")
    ).to_be_visible()
    expect(page.get_by_label("Library resources to share")).to_have_value(
        re.compile(r"/resources/racial-equity-resolution/$")
    )
    assert_accessible(page)
    page.get_by_role("button", name="Post thread").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/community/t/\d+-"))
    shared = page.get_by_role("region", name="Shared from the library")
    expect(shared.get_by_role("link", name="Racial Equity Resolution")).to_be_visible()


def test_a_public_boards_pages_link_their_feeds_accessibly(page, setting):
    ana, ben = setting
    board = Board.objects.get(slug="announcements")
    thread = make_thread(board=board, author=ben, title="Welcome")
    pages = [
        ("/community/announcements/", "Atom feed of this board"),
        (thread.get_absolute_url(), "Atom feed of this thread"),
    ]
    for signed_in in (False, True):
        if signed_in:
            page.goto("/accounts/login/")
            sign_in(page, "ana@example.org", PASSWORD)
        for path, name in pages:
            assert page.goto(path).status == 200, path
            assert_accessible(page)
            feed = page.request.get(
                page.get_by_role("link", name=name).get_attribute("href")
            )
            assert feed.ok
            assert feed.headers["content-type"].startswith("application/atom+xml")
            assert "Welcome" in feed.text()


def test_picker_closes_clears_removes_and_picks_with_the_mouse(page, setting):
    page.goto("/accounts/login/?next=/community/share-a-resource/new/")
    sign_in(page, "ana@example.org", PASSWORD, then="**/share-a-resource/new/")
    finder = page.get_by_role("combobox", name="Find a resource in the library to add")
    listbox = page.get_by_role("listbox", name="Matching resources")
    finder.focus()
    page.keyboard.type("nothing matches this", delay=10)
    expect(page.get_by_role("status").filter(has_text="found")).to_have_text(
        "No resource found"
    )
    expect(listbox).to_be_hidden()
    page.keyboard.press("Escape")
    expect(finder).to_have_value("")

    page.keyboard.type("race forward", delay=10)
    expect(listbox).to_be_visible()
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(finder).to_have_value("race forward")
    page.keyboard.press("ArrowDown")  # opens the list again, on the first option
    expect(listbox).to_be_visible()
    listbox.get_by_role("option", name="Race Forward").click()
    expect(finder).to_be_focused()
    remove = page.get_by_role("button", name="Remove Race Forward")
    expect(remove).to_be_visible()

    remove.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("list", name="Chosen resources")).to_be_hidden()
    expect(page.get_by_label("Library resources to share")).to_have_value("")
    expect(finder).to_be_focused()
    expect(page.get_by_role("status").filter(has_text="Removed")).to_have_text(
        "Removed: Race Forward"
    )

    page.keyboard.type("race", delay=10)
    expect(listbox).to_be_visible()
    page.keyboard.press("Tab")  # leaves, and picks nothing
    expect(listbox).to_be_hidden()
    expect(finder).not_to_be_focused()
    expect(page.get_by_label("Library resources to share")).to_have_value("")
