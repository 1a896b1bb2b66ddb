"""Closing an account: the password, anonymizing, what stays and what is scrubbed."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from community.discussions import services
from community.members.account import account_anonymize
from community.models import OutgoingEmail, Post, ThreadFollow
from tests.client import Client
from tests.factories import PASSWORD, make_thread

pytestmark = pytest.mark.django_db


def test_closing_the_account_needs_the_password(member_client, member):
    response = member_client.post(
        "/community/settings/close-account/", {"password": "wrong"}
    )
    assert response.status_code == 400
    assert "That is not your password" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active
    assert member.username == "maria"


def test_a_closed_account_is_anonymized_posts_stay_and_sign_in_fails(
    member_client, member, other_member
):
    thread = make_thread(author=other_member, title="Conversation")
    services.post_create(thread=thread, author=member, body="My words stay")
    response = member_client.post(
        "/community/settings/close-account/", {"password": PASSWORD}, follow=True
    )
    assert "Your account is closed" in response.content.decode()
    member.refresh_from_db()
    assert member.username == f"former-member-{member.pk}"
    assert (member.email, member.is_active) == ("", False)
    assert not member.has_usable_password()
    assert not EmailAddress.objects.filter(user=member).exists()
    assert member.profile.display_name == ""
    assert member.profile.bio == ""
    assert not ThreadFollow.objects.filter(user=member).exists()
    # Signed out here and unable to sign in again, by e-mail or handle.
    assert member_client.get("/community/settings/").status_code == 302
    login = Client().post(
        "/accounts/login/", {"login": "maria@example.org", "password": PASSWORD}
    )
    assert login.status_code == 200  # the form again, with an error
    assert not Client().login(username="maria", password=PASSWORD)
    # The thread keeps its sense.
    post = Post.objects.get(body="My words stay")
    assert post.author == member
    reader = Client()
    reader.force_login(other_member)
    page = reader.get(thread.get_absolute_url(), follow=True)
    assert f"former-member-{member.pk}" in page.content.decode()
    assert "Maria Lopez" not in page.content.decode()


def test_queued_e_mails_of_a_closed_account_are_not_sent(member):
    OutgoingEmail.objects.create(recipient=member, kind="reminder", key="r:1")
    account_anonymize(user=member)
    assert OutgoingEmail.objects.get().status == "skipped"


def test_the_former_member_prefix_is_kept_for_closed_accounts(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "x@example.org",
            "username": "Former-Member-7",
            "display_name": "Impostor",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert "kept for closed accounts" in response.content.decode()
    assert not get_user_model().objects.filter(email="x@example.org").exists()


def test_closing_scrubs_the_address_from_sent_mail_and_renames_in_notifications(
    member, other_member
):
    OutgoingEmail.objects.create(
        recipient=member,
        kind="reminder",
        key="r:3",
        status="sent",
        to_address="maria@example.org",
        subject="Tomorrow",
    )
    thread = make_thread(author=other_member)
    services.post_create(thread=thread, author=member, body="hello")
    account_anonymize(user=member)
    assert OutgoingEmail.objects.get(key="r:3").to_address == ""
    (note,) = other_member.notifications.all()
    assert note.text.startswith(f"@former-member-{member.pk} replied")
