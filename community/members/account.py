"""A member's control over their e-mail and their account: settings, one-click
unsubscribe, and closing the account (the data export is export.py)."""

from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session as WebSession
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from cohorts.models import CohortMembership
from community.members.profiles import avatar_remove
from community.models import (
    Block,
    BoardFollow,
    DataExport,
    Delivery,
    Notification,
    NotificationSettings,
    OutgoingEmail,
    Participant,
    Profile,
    ReadState,
    ThreadFollow,
    TopicFollow,
)
from community.notifications.tokens import unsubscribe_read
from core.people import active_users
from resources.models import Bookmark

UNKNOWN_SETTING = _("That is not one of the e-mail settings.")
UNKNOWN_CHOICE = _("Choose right away, in the weekly digest, or never.")
UNKNOWN_TOPIC = _("There is no such topic in the library.")
WRONG_PASSWORD = _("That is not your password; your account is unchanged.")
FORMER_MEMBER = "former-member-{pk}"


def notification_settings(user) -> NotificationSettings:
    found, _created = NotificationSettings.objects.get_or_create(user=user)
    return found


def setting_set(*, user, name: str, value: str) -> NotificationSettings:
    """Change one e-mail setting (the settings page: one click, one choice)."""
    choices = notification_settings(user)
    if name in NotificationSettings.DELIVERY_FIELDS:
        if value not in Delivery.values:
            raise ValidationError({name: UNKNOWN_CHOICE})
        setattr(choices, name, value)
    elif name in NotificationSettings.SWITCH_FIELDS:
        setattr(choices, name, value in {"on", "1", "true"})
    else:
        raise ValidationError(UNKNOWN_SETTING)
    choices.save(update_fields=[name, "updated_at"])
    return choices


def setting_turn_off_by_token(token: str) -> tuple[object, str]:
    """Turn off the setting a signed link names. Raises signing.SignatureExpired or
    signing.BadSignature (tampered), or LookupError when the account is gone;
    returns the member and the setting's label."""

    user_id, name = unsubscribe_read(token)
    if name not in (
        NotificationSettings.DELIVERY_FIELDS + NotificationSettings.SWITCH_FIELDS
    ):
        raise signing.BadSignature("Unknown setting")
    user = active_users().filter(pk=user_id).first()
    if user is None:
        raise LookupError(user_id)
    value = Delivery.NEVER if name in NotificationSettings.DELIVERY_FIELDS else "off"
    setting_set(user=user, name=name, value=value)
    return user, NotificationSettings.label_of(name)


def topic_follow_set(*, user, tag_slug: str, follow: bool) -> Tag:
    tag = Tag.objects.filter(slug=tag_slug).first()
    if tag is None:
        raise ValidationError({"topic": UNKNOWN_TOPIC})
    if follow:
        TopicFollow.objects.get_or_create(user=user, tag=tag)
    else:
        TopicFollow.objects.filter(user=user, tag=tag).delete()
    return tag


# --- Closing an account ---------------------------------------------------------------

# Sent (with user=) once an account is anonymized, inside its transaction: the
# discussions render again what names the member (members may not import them).
account_closed = Signal()


@transaction.atomic
def account_anonymize(*, user) -> None:
    """Close the account for good: the handle becomes former-member-N, the e-mail,
    profile, follows, settings, blocks and sign-in sessions go; posts and private
    messages stay under the new handle so threads and conversations keep their
    sense, and the member leaves their conversations."""
    user.username = FORMER_MEMBER.format(pk=user.pk)
    user.email = ""
    user.first_name = user.last_name = ""
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    EmailAddress.objects.filter(user=user).delete()
    profile, _created = Profile.objects.update_or_create(
        user=user,
        defaults={"display_name": "", "job_title": "", "organization": "", "bio": ""},
    )
    avatar_remove(profile=profile)
    for model in (
        NotificationSettings,
        ThreadFollow,
        BoardFollow,
        TopicFollow,
        ReadState,
        Bookmark,
        DataExport,
        CohortMembership,
    ):
        model.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    Block.objects.filter(Q(blocker=user) | Q(blocked=user)).delete()
    Participant.objects.filter(member=user).update(last_read=None)
    Participant.objects.filter(member=user, left_at=None).update(left_at=timezone.now())
    OutgoingEmail.objects.filter(
        recipient=user, status=OutgoingEmail.Status.QUEUED
    ).update(status=OutgoingEmail.Status.SKIPPED, last_error="Account closed.")
    # The record of e-mails sent stays for the operators, without the address.
    OutgoingEmail.objects.filter(recipient=user).update(to_address="", subject="")
    account_closed.send(sender=account_anonymize, user=user)
    user_id = user.pk
    transaction.on_commit(lambda: _end_sessions_later(user_id))


def _end_sessions_later(user_id: int) -> None:
    end_sessions.enqueue(user_id)


@task
def end_sessions(user_id: int) -> int:
    """The worker's part of closing an account: sessions_end."""
    return sessions_end(user_id=user_id)


def sessions_end(*, user_id: int) -> int:
    """Delete the stored sign-in sessions of a closed account. (Its password hash
    changed, which already ends them; this removes the data too.) It reads every
    live session, so the worker does it, not the request."""
    key = str(user_id)
    stale = [
        session.session_key
        for session in WebSession.objects.filter(
            expire_date__gt=timezone.now()
        ).iterator()
        if session.get_decoded().get("_auth_user_id") == key
    ]
    deleted, _by_model = WebSession.objects.filter(session_key__in=stale).delete()
    return deleted


def account_delete(*, user, password: str) -> None:
    """The member closes their own account after re-entering their password."""
    if not user.check_password(password or ""):
        raise ValidationError({"password": WRONG_PASSWORD})
    account_anonymize(user=user)
