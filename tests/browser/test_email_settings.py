"""E-mail settings in a real browser: one click saves a setting, the keyboard works,
and the unsubscribe link at the foot of a real e-mail works without signing in."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from community.discussions import services
from community.models import NotificationSettings
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, BoardFactory, ResourceFactory, make_thread

pytestmark = pytest.mark.django_db(transaction=True)

SETTINGS = "/community/settings/"
CLOSE_ACCOUNT = "/community/settings/close-account/"
REPLIES = "Replies to your threads and posts"
PRESSED_BUTTON = re.compile(r'^\s*- button "(.*)" \[pressed\]', re.MULTILINE)
FOOTER_LINK = re.compile(r"Turn off these e-mails \(no sign-in needed\): (\S+)")


def stored(user) -> NotificationSettings:
    return NotificationSettings.objects.get(user=user)


def pressed(form) -> list[str]:
    """The accessible names of the buttons of a one-click choice that are pressed.

    The name must not change with the state (the tick shown on a pressed button is
    decoration), so these are exactly the names the unpressed buttons have."""
    return PRESSED_BUTTON.findall(form.aria_snapshot())


def is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def saved_message(page, text: str):
    return page.get_by_role("status").get_by_text(text, exact=True)


@pytest.fixture
def watched_thread(member):
    """A thread the member started (so watches) and a topic to follow: the settings
    page then shows every kind of control it has."""
    ResourceFactory(topics=["Housing"])
    return make_thread(
        board=BoardFactory(name="Share a resource"),
        author=member,
        title="Our council's first equity budget",
    )


def open_settings(page, member):
    page.goto(f"/accounts/login/?next={SETTINGS}")
    sign_in(page, member.email, PASSWORD, then=f"**{SETTINGS}")
    assert page.get_by_role(
        "heading", name="E-mail and account settings", level=1
    ).is_visible()


def test_one_click_saves_each_setting(page, member, watched_thread):
    open_settings(page, member)
    assert_accessible(page)

    reactions = page.get_by_test_id("setting-reactions")
    assert reactions.get_by_role("group", name="Reactions to your posts").is_visible()
    assert pressed(reactions) == ["In the weekly digest"]
    reactions.get_by_role("button", name="Never", exact=True).click()
    page.wait_for_url(f"**{SETTINGS}#setting-reactions")
    assert saved_message(page, "Saved: Reactions to your posts — Never.").is_visible()
    reactions = page.get_by_test_id("setting-reactions")
    assert pressed(reactions) == ["Never"]
    never = reactions.get_by_role("button", name="Never", exact=True)
    assert never.get_attribute("aria-pressed") == "true"
    assert reactions.get_by_role("button", pressed=False).count() == 2
    assert stored(member).reactions == "never"

    digest = page.get_by_test_id("setting-weekly_digest")
    assert pressed(digest) == ["On"]
    digest.get_by_role("button", name="Off", exact=True).click()
    page.wait_for_url(f"**{SETTINGS}#setting-weekly_digest")
    assert saved_message(page, "Saved: The weekly digest — off.").is_visible()
    digest = page.get_by_test_id("setting-weekly_digest")
    assert pressed(digest) == ["Off"]
    choices = stored(member)
    assert (choices.weekly_digest, choices.reactions) == (False, "never")
    # Nothing else moved.
    assert (choices.replies_to_you, choices.mentions, choices.watched) == (
        "immediately",
        "immediately",
        "digest",
    )
    assert_accessible(page)

    # The watching level of the member's own thread is listed too, and shown.
    watch = page.get_by_test_id("watch-thread")
    assert watch.get_by_role(
        "group", name="Thread: Our council's first equity budget"
    ).is_visible()
    assert pressed(watch) == ["Watching"]


def test_the_keyboard_alone_changes_a_setting(page, member, watched_thread):
    open_settings(page, member)

    # Tab from one choice to the next, then Enter.
    watched = page.get_by_test_id("setting-watched")
    watched.get_by_role("button", name="Right away", exact=True).focus()
    in_digest = watched.get_by_role("button", name="In the weekly digest", exact=True)
    never = watched.get_by_role("button", name="Never", exact=True)
    page.keyboard.press("Tab")
    assert is_focused(in_digest)
    assert in_digest.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Tab")
    assert is_focused(never)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{SETTINGS}#setting-watched")
    assert saved_message(
        page, "Saved: New posts in threads and boards you watch — Never."
    ).is_visible()
    watched = page.get_by_test_id("setting-watched")
    assert pressed(watched) == ["Never"]
    assert stored(member).watched == "never"
    # The page comes back at the setting just saved: the next Tab is inside it.
    page.keyboard.press("Tab")
    assert is_focused(watched.get_by_role("button", name="Right away", exact=True))

    # A switch, with Space.
    reminders = page.get_by_test_id("setting-session_reminders")
    reminders.get_by_role("button", name="Off", exact=True).focus()
    page.keyboard.press("Space")
    page.wait_for_url(f"**{SETTINGS}#setting-session_reminders")
    assert saved_message(
        page, "Saved: A reminder the day before each session of your cohorts — off."
    ).is_visible()
    assert pressed(page.get_by_test_id("setting-session_reminders")) == ["Off"]
    assert stored(member).session_reminders is False

    # A focused button shows it has the focus.
    mentions = page.get_by_test_id("setting-mentions")
    button = mentions.get_by_role("button", name="Never", exact=True)
    button.focus()
    assert button.evaluate("b => b.matches(':focus-visible')")
    outline = button.evaluate(
        "b => [getComputedStyle(b).outlineStyle, getComputedStyle(b).outlineWidth]"
    )
    assert outline[0] != "none", outline
    assert outline[1] != "0px", outline


def test_the_unsubscribe_link_in_a_reply_email_works_signed_out(
    page, member, other_member, mailoutbox
):
    thread = make_thread(author=member, title="Budget equity tool")
    assert not NotificationSettings.objects.filter(user=member).exists()
    services.post_create(thread=thread, author=other_member, body="We used it too.")

    to_maria = [m for m in mailoutbox if m.to == [member.email]]
    assert len(to_maria) == 1, [(m.to, m.subject) for m in mailoutbox]
    email = to_maria[0]
    link = FOOTER_LINK.search(email.body).group(1)
    assert email.extra_headers["List-Unsubscribe"] == f"<{link}>"
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert not [m for m in mailoutbox if m.to == [other_member.email]]

    # The page fixture's context has never signed in.
    response = page.goto(urlsplit(link).path)
    assert response.status == 200
    assert page.get_by_role("link", name="Sign in").first.is_visible()
    assert page.get_by_role("heading", name="Unsubscribe", level=1).is_visible()
    assert page.get_by_text(f"Stop e-mails for “{REPLIES}”?").is_visible()
    assert_accessible(page)
    assert not NotificationSettings.objects.filter(
        user=member, replies_to_you="never"
    ).exists()

    page.get_by_role("button", name="Turn these e-mails off").click()
    # The answer comes back to the same address: wait for it, not for a new URL.
    expect(
        page.get_by_role("status").get_by_text(
            f"Done: you will get no more e-mail for “{REPLIES}”."
        )
    ).to_be_visible()
    assert page.get_by_role("button", name="Turn these e-mails off").count() == 0
    assert_accessible(page)
    choices = stored(member)
    assert choices.replies_to_you == "never"
    assert choices.mentions == "immediately"

    # No more e-mail for the next reply; the notification still reaches the site.
    sent = len(mailoutbox)
    services.post_create(thread=thread, author=other_member, body="And again.")
    assert len(mailoutbox) == sent
    assert member.notifications.filter(kind="reply_to_you").count() == 2


def test_a_tampered_unsubscribe_link_changes_nothing(page, member):
    from community.notifications.tokens import unsubscribe_url

    path = urlsplit(unsubscribe_url(member, "mentions")).path
    token = path.rstrip("/").rsplit("/", 1)[1]
    tampered = path.replace(token, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))

    response = page.goto(tampered)
    assert response.status == 400
    assert (
        page.get_by_role("alert")
        .get_by_text(re.compile(r"^This link is not valid"))
        .is_visible()
    )
    assert page.get_by_role("button", name="Turn these e-mails off").count() == 0
    assert_accessible(page)

    # A mail client's one-click POST with the bad token fails the same way.
    posted = page.request.post(tampered)
    assert posted.status == 400
    assert not NotificationSettings.objects.filter(
        user=member, mentions="never"
    ).exists()


def test_the_close_account_page_is_accessible(page, member):
    open_settings(page, member)
    page.get_by_role("link", name="Close my account…").click()
    page.wait_for_url(f"**{CLOSE_ACCOUNT}")
    assert page.get_by_role("heading", name="Close your account", level=1).is_visible()
    assert page.get_by_label("Your password").is_visible()
    assert_accessible(page)

    # A wrong password keeps the account and says why, accessibly too.
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Close my account for good").click()
    expect(
        page.get_by_text("That is not your password; your account is unchanged.")
    ).to_be_visible()
    assert page.get_by_label("Your password").is_visible()
    assert_accessible(page)
    member.refresh_from_db()
    assert member.is_active
