"""A staff member sets up two-step sign-in on the way to the admin, then signs in
with it; every page of the way is accessible."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_set_up_an_authenticator_app_then_sign_in_with_it(page):
    moderator = UserFactory(username="mod", email="mod@example.org", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    sign_in(page, "mod@example.org", PASSWORD)

    page.goto("/admin/")
    page.wait_for_url("**/accounts/2fa/")
    assert page.get_by_text("Staff accounts sign in with a second factor").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Activate", re.I)).first.click()
    page.wait_for_url(re.compile(r"/accounts/(reauthenticate|2fa/totp/activate)/"))
    if "/reauthenticate/" in page.url:  # adding a factor confirms the password
        assert_accessible(page)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
        page.wait_for_url("**/accounts/2fa/totp/activate/")
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label(re.compile("Authenticator code", re.I)).fill(totp_code(secret))
    page.get_by_role("button", name=re.compile("Activate", re.I)).click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/")  # shown once, to keep
    assert_accessible(page)

    page.goto("/admin/")
    assert page.get_by_role("heading", name=re.compile("administration", re.I))
    assert "/admin/" in page.url

    # Next time, the code after the password.
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("mod@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert_accessible(page)
    cache.clear()  # forget that this code was used (replays are refused)
    page.get_by_label(re.compile("code", re.I)).fill(totp_code(secret))
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.wait_for_url(re.compile(r"^http://[^/]+/$"))
    page.goto("/admin/")
    assert "/admin/" in page.url
