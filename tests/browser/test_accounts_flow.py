import re

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long enough passphrase 2026"
HOME = re.compile(r"^http://[^/]+/$")


def test_newcomer_signs_up_verifies_signs_in_and_out(page, mailoutbox):
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Sign up").first.click()
    page.wait_for_url("**/accounts/signup/")
    assert_accessible(page)

    page.get_by_label("Email").fill("nia@example.org")
    page.get_by_label("Handle").fill("nia")
    page.get_by_label("Your name").fill("Nia Okafor")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert_accessible(page)

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body)
    page.goto(link.group(0))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url("**/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email").fill("nia@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(HOME)
    assert page.get_by_test_id("header-name").inner_text() == "Nia Okafor"
    assert_accessible(page)

    page.get_by_text("Nia Okafor").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Sign in").is_visible()
    assert page.get_by_test_id("header-name").count() == 0
    assert_accessible(page)


def test_bad_sign_up_shows_errors_accessibly(page):
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("someone@example.org")
    page.get_by_label("Handle").fill("some one")
    page.get_by_label("Your name").fill("Some One")
    page.locator("#id_password1").fill("short")
    page.locator("#id_password2").fill("short")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_load_state()
    assert "at least 12 characters" in page.content()
    assert "letters, digits, underscores and hyphens" in page.content()
    # Nothing to type again (WCAG 3.3.7) but the passwords, which are not sent back.
    assert page.get_by_label("Email").input_value() == "someone@example.org"
    assert page.get_by_label("Handle").input_value() == "some one"
    assert page.get_by_label("Your name").input_value() == "Some One"
    assert_accessible(page)


def test_not_found_page_is_accessible(page):
    response = page.goto("/no/such/page/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert_accessible(page)


def test_keyboard_user_can_skip_to_content_and_open_account_menu(page, live_server):
    from tests.factories import PASSWORD as FACTORY_PASSWORD
    from tests.factories import UserFactory

    UserFactory(username="kai", email="kai@example.org", profile__display_name="Kai")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("kai@example.org")
    page.get_by_label("Password").fill(FACTORY_PASSWORD)
    page.keyboard.press("Enter")  # a keyboard user submits with Enter
    page.wait_for_url(HOME)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.locator("summary").focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("link", name="Your profile").is_visible()
