"""Second factors (allauth.mfa): anyone may add one; staff must have one to reach
the admin or a moderation action; sensitive changes ask for the password again."""

import time

import pytest
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.test import Client as PlainClient

from community.members.middleware import SECOND_FACTOR_REQUIRED
from community.models import Post
from tests.factories import PASSWORD, UserFactory, make_thread, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mod", email="mod@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def signed_in(user, *, confirmed_minutes_ago: float = 0) -> PlainClient:
    """Signed in with the password (no second factor in the session), which the
    member last confirmed so many minutes ago."""
    client = PlainClient()
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {
            "method": "password",
            "at": time.time() - confirmed_minutes_ago * 60,
            "reauthenticated": True,
        }
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
    return client


def test_staff_without_a_second_factor_are_sent_to_set_one_up(moderator):
    client = signed_in(moderator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/"
    page = client.get(response.url).content.decode()
    assert str(SECOND_FACTOR_REQUIRED).replace("(", "") in page.replace("(", "")


def test_staff_without_a_second_factor_cannot_moderate(moderator, member):
    post = make_thread(author=member).posts.get()
    client = signed_in(moderator)
    response = client.post(f"/community/p/{post.pk}/moderate/hide/", {"reason": "Spam"})
    assert response.url == "/accounts/2fa/"
    assert not Post.objects.get(pk=post.pk).is_hidden


def test_staff_with_a_second_factor_reach_the_admin(moderator):
    TOTP.activate(moderator, generate_totp_secret())
    assert signed_in(moderator).get("/admin/").status_code == 200


def test_members_are_not_asked_for_a_second_factor(member):
    client = signed_in(member)
    assert client.get("/community/").status_code == 200
    assert client.get("/accounts/2fa/").status_code == 200  # but may add one


def test_staff_sign_in_asks_for_the_code_then_opens_the_admin(moderator):
    secret = generate_totp_secret()
    TOTP.activate(moderator, secret)
    client = PlainClient()
    response = client.post(
        "/accounts/login/", {"login": "mod@example.org", "password": PASSWORD}
    )
    assert response.url == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not signed in yet
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_changing_an_account_in_the_admin_asks_for_the_password_after_a_while(
    moderator, member
):
    TOTP.activate(moderator, generate_totp_secret())
    moderator.is_superuser = True
    moderator.save()
    client = signed_in(moderator, confirmed_minutes_ago=10)
    assert client.get(f"/admin/auth/user/{member.pk}/change/").status_code == 200
    response = client.post(
        f"/admin/auth/user/{member.pk}/change/",
        {"username": member.username, "is_staff": "on"},
    )
    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")
    member.refresh_from_db()
    assert not member.is_staff


def test_adding_an_email_address_asks_for_the_password_after_a_while(member):
    client = signed_in(member, confirmed_minutes_ago=10)
    response = client.post(
        "/accounts/email/", {"email": "second@example.org", "action_add": ""}
    )
    assert response.url.startswith("/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email="second@example.org").exists()
    # Confirmed a moment ago: no question asked.
    client = signed_in(member)
    client.post("/accounts/email/", {"email": "second@example.org", "action_add": ""})
    assert EmailAddress.objects.filter(email="second@example.org").exists()


def test_adding_a_second_factor_asks_for_the_password_after_a_while(member):
    client = signed_in(member, confirmed_minutes_ago=10)
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.url.startswith("/accounts/reauthenticate/")
    assert signed_in(member).get("/accounts/2fa/totp/activate/").status_code == 200
