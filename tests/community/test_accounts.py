"""Sign-up, verification, sign-in and the admin login, through django-allauth."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from django.utils import timezone

from community.models import OutgoingEmail
from community.notifications.mail import emails_requeue_due
from tests.factories import PASSWORD, UserFactory, give_second_factor, totp_code

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


def test_staff_member_reaches_admin_after_signing_in_in_two_steps(client):
    curator = UserFactory(
        username="curator", email="curator@example.org", is_staff=True
    )
    secret = give_second_factor(curator)
    client.post(
        "/accounts/login/", {"login": "curator@example.org", "password": PASSWORD}
    )
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
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


# --- Account e-mails go through the outbox --------------------------------------

REFUSING = {"default": {"BACKEND": "tests.mailers.RefusingBackend"}}


def test_sign_up_with_the_mail_server_down_answers_and_sends_later(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with override_settings(MAILERS=REFUSING):
        response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    email = OutgoingEmail.objects.get(to_address="new@example.org")
    assert (email.kind, email.status, email.attempts) == ("account", "queued", 1)
    assert mailoutbox == []
    # The server is back: the next retry sends the link written at sign-up.
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        emails_requeue_due()
    email.refresh_from_db()
    assert email.status == "sent"
    assert link_in(mailoutbox[0])
    # Its one-time link is not kept once it is sent.
    assert (email.body_text, email.body_html) == ("", "")


def test_password_reset_with_the_mail_server_down_answers(client, member):
    with override_settings(MAILERS=REFUSING):
        response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert OutgoingEmail.objects.get(to_address=member.email).status == "queued"


def page_after(client, data) -> str:
    response = client.post("/accounts/signup/", data, follow=True)
    html = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_sign_up_with_a_taken_address_shows_the_same_page(client, mailoutbox):
    UserFactory(username="existing", email="taken@example.org")
    taken = page_after(client, SIGNUP | {"email": "taken@example.org"})
    client.cookies.clear()
    new = page_after(client, SIGNUP | {"email": "fresh@example.org"})
    assert taken.replace("taken@example.org", "X") == new.replace(
        "fresh@example.org", "X"
    )


def test_sign_up_with_a_taken_address_takes_as_long_as_a_new_one(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    UserFactory(username="existing", email="taken@example.org")

    def timed(email: str, handle: str) -> float:
        client.cookies.clear()
        started = time.perf_counter()
        response = client.post(
            "/accounts/signup/", SIGNUP | {"email": email, "username": handle}
        )
        assert response.status_code == 302
        return time.perf_counter() - started

    taken = sorted(timed("taken@example.org", f"taken{i}") for i in range(3))[1]
    new = sorted(timed(f"new{i}@example.org", f"newbie{i}") for i in range(3))[1]
    # Before, a taken address answered ~40 times faster (no password hash).
    assert 0.5 < taken / new < 2, (taken, new)


def resets_from_forwarded_addresses(client) -> list[int]:
    """25 password resets, each saying it comes from another address."""
    return [
        client.post(
            "/accounts/password/reset/",
            {"email": f"someone{i}@example.org"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
        ).status_code
        for i in range(25)
    ]


def test_a_forged_forwarded_address_does_not_escape_the_per_address_limit(client):
    # Straight to the app server (no proxy by default): X-Forwarded-For is the
    # client's own words, so a new one on every try must not reset the count.
    assert 429 in resets_from_forwarded_addresses(client)


def test_behind_a_proxy_each_client_address_has_its_own_limit(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert 429 not in resets_from_forwarded_addresses(client)
