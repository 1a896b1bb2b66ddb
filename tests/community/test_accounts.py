"""Sign-up, verification, sign-in and the admin login, through django-allauth."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "new@example.org",
    "username": "newcomer",
    "display_name": "Nia Newcomer",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


def link_in(message) -> str:
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


def test_sign_up_creates_profile_and_sends_verification(client, mailoutbox):
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    user = get_user_model().objects.get(username="newcomer")
    assert user.profile.display_name == "Nia Newcomer"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new@example.org"]
    assert link_in(mailoutbox[0])


def test_unverified_member_cannot_sign_in_until_verified(client, mailoutbox):
    client.post("/accounts/signup/", SIGNUP)
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": SIGNUP["email"], "password": PASSWORD}
    )
    # Mandatory verification: no session, sent back to "check your e-mail".
    assert response.url == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    path = link_in(mailoutbox[0]).split("testserver", 1)[1]
    assert client.post(path).status_code == 302
    response = client.post(
        "/accounts/login/", {"login": SIGNUP["email"], "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_duplicate_sign_up_looks_the_same_and_mails_the_owner(client, mailoutbox):
    UserFactory(username="existing", email="taken@example.org")
    response = client.post("/accounts/signup/", SIGNUP | {"email": "taken@example.org"})
    # Same answer as a new sign-up: whether the address has an account is not revealed.
    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert not get_user_model().objects.filter(username="newcomer").exists()
    assert mailoutbox[0].to == ["taken@example.org"]
    assert "already" in mailoutbox[0].body.lower()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("password1", "Short1!x", "at least 12 characters"),
        ("password1", "password1234", "too common"),
        ("username", "has space", "letters, digits, underscores and hyphens"),
        ("username", "admin", "Username can not be used"),
        ("email", "not-an-address", "valid email address"),
        ("display_name", "   ", "This field is required"),
    ],
)
def test_bad_sign_up_shows_the_error_next_to_the_field(client, field, value, message):
    data = SIGNUP | {field: value}
    if field == "password1":
        data["password2"] = value
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message.lower() in " ".join(errors[field]).lower()
    assert not get_user_model().objects.filter(username=data["username"]).exists()


def test_handles_are_unique_whatever_the_case(client):
    UserFactory(username="maria")
    response = client.post("/accounts/signup/", SIGNUP | {"username": "Maria"})
    assert response.status_code == 200
    assert "username" in response.context["form"].errors


def test_repeated_failed_sign_ins_are_rate_limited(client):
    UserFactory(username="maria", email="maria@example.org")
    for _ in range(5):
        client.post(
            "/accounts/login/", {"login": "maria@example.org", "password": "wrong-pw"}
        )
    response = client.post(
        "/accounts/login/", {"login": "maria@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_staff_member_reaches_admin_after_signing_in(client):
    UserFactory(username="curator", email="curator@example.org", is_staff=True)
    client.post(
        "/accounts/login/", {"login": "curator@example.org", "password": PASSWORD}
    )
    assert client.get("/admin/").status_code == 200


def test_sign_out_needs_a_post(member_client):
    member_client.get("/accounts/logout/")
    assert "_auth_user_id" in member_client.session
    member_client.post("/accounts/logout/")
    assert "_auth_user_id" not in member_client.session


def test_password_reset_sends_a_link_without_revealing_accounts(client, mailoutbox):
    UserFactory(username="maria", email="maria@example.org")
    known = client.post("/accounts/password/reset/", {"email": "maria@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [m.to for m in mailoutbox][0] == ["maria@example.org"]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
