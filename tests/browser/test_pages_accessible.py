"""Every page type so far, for guests and members: axe finds nothing, none refused."""

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, UserFactory, give_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "path",
    [
        "/resources/",
        "/community/",
        "/cohorts/",
        "/search/?q=maria",
        "/community/members/maria/",
        "/accounts/login/",
        "/accounts/password/reset/",
    ],
)
def test_guest_pages_are_accessible(page, path):
    UserFactory(username="maria", profile__display_name="Maria Lopez")
    response = page.goto(path)
    assert response.status == 200
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/community/members/maria/edit/",
        "/community/members/?q=nobody-matches",
        "/community/members/",
        "/community/messages/",
        "/accounts/email/",
        "/accounts/password/change/",
    ],
)
def test_member_pages_are_accessible(page, path):
    UserFactory(username="maria", email="maria@example.org")
    sign_in(page, "maria@example.org", PASSWORD)
    response = page.goto(path)
    assert response.status == 200
    assert_accessible(page)


def test_member_edits_profile_and_sees_the_message(page):
    UserFactory(username="maria", email="maria@example.org")
    sign_in(page, "maria@example.org", PASSWORD)
    page.goto("/community/members/maria/edit/")
    page.get_by_label("Job title").fill("Chief Equity Officer")
    page.get_by_label("Short bio").fill("I lead our equity office.")
    page.get_by_role("button", name="Save profile").click()
    page.wait_for_url("**/community/members/maria/")
    assert page.get_by_role("status").inner_text() == "Your profile was saved."
    assert "Chief Equity Officer" in page.content()
    assert_accessible(page)


def test_admin_works_under_the_content_security_policy(page):
    boss = UserFactory(
        username="boss", email="boss@example.org", is_staff=True, is_superuser=True
    )
    secret = give_second_factor(boss)
    page.goto("/admin/")
    # The admin's own login is allauth's, with its second step.
    page.wait_for_url("**/accounts/login/**")
    sign_in(page, "boss@example.org", PASSWORD, then="**/admin/", totp_secret=secret)
    page.goto("/admin/community/profile/")
    assert page.get_by_role("heading", level=1).count() == 1
    response = page.goto(f"/admin/auth/user/{boss.pk}/change/")
    assert response.status == 200
    # A script or style the CSP refused shows as a console error (checked at teardown).
