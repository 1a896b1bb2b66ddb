"""A member's control over their e-mail and their data: settings, one-click
unsubscribe, export, and closing the account."""

import io
import json
import zipfile
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session as WebSession
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from cohorts.models import CohortMembership
from community.models import (
    BoardFollow,
    DataExport,
    Delivery,
    Notification,
    NotificationSettings,
    OutgoingEmail,
    Post,
    Profile,
    Reaction,
    ReadState,
    ThreadFollow,
    TopicFollow,
)
from community.notifications.tokens import unsubscribe_read
from resources.models import Bookmark

UNKNOWN_SETTING = _("That is not one of the e-mail settings.")
UNKNOWN_CHOICE = _("Choose right away, in the weekly digest, or never.")
UNKNOWN_TOPIC = _("There is no such topic in the library.")
EXPORT_LIMIT = timedelta(days=1)
EXPORT_TOO_SOON = _(
    "You can download your data once a day. Your next export is possible after "
    "%(time)s."
)
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
    from django.contrib.auth import get_user_model

    user_id, name = unsubscribe_read(token)
    if name not in (
        NotificationSettings.DELIVERY_FIELDS + NotificationSettings.SWITCH_FIELDS
    ):
        raise signing.BadSignature("Unknown setting")
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
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


# --- Export ---------------------------------------------------------------------------


def export_available_at(user):
    """When the member may download their data next (None: now)."""
    last = DataExport.objects.filter(user=user).order_by("-created_at").first()
    if last and last.created_at > timezone.now() - EXPORT_LIMIT:
        return last.created_at + EXPORT_LIMIT
    return None


def _iso(moment):
    return moment.isoformat() if moment else None


def account_export(*, user) -> bytes:
    """A ZIP of the member's own data. Of other people's content it holds only the
    titles of threads the member posted in (and addresses of pages)."""
    available = export_available_at(user)
    if available is not None:
        local = timezone.localtime(available)
        raise PermissionDenied(
            EXPORT_TOO_SOON % {"time": f"{local:%B %-d, %Y, %-I:%M %p} ({local:%Z})"}
        )
    site = settings.SITE_URL
    posts = list(
        Post.objects.filter(author=user)
        .select_related("thread__board")
        .prefetch_related("revisions")
        .order_by("created_at", "pk")
    )
    posted_in = {post.thread_id for post in posts}

    def thread_ref(thread):
        ref = {"url": site + thread.get_absolute_url()}
        if thread.pk in posted_in:
            ref["title"] = thread.title
        return ref

    profile = Profile.objects.filter(user=user).first()
    choices = NotificationSettings.of(user)
    data = {
        "exported_at": _iso(timezone.now()),
        "site": site,
        "account": {
            "handle": user.get_username(),
            "email": user.email,
            "joined": _iso(user.date_joined),
            "last_sign_in": _iso(user.last_login),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user)
            ],
        },
        "profile": {
            "name": profile.display_name,
            "job_title": profile.job_title,
            "organization": profile.organization,
            "bio": profile.bio,
        }
        if profile
        else None,
        "posts": [
            {
                "url": site + post.get_absolute_url(),
                "thread": thread_ref(post.thread),
                "board": post.thread.board.name,
                "text": post.body,
                "created_at": _iso(post.created_at),
                "edited_at": _iso(post.edited_at),
                "deleted": post.is_deleted,
                "hidden_by_moderator": post.is_hidden,
                "earlier_versions": [
                    {"text": r.body, "written_at": _iso(r.created_at)}
                    for r in post.revisions.all()
                ],
            }
            for post in posts
        ],
        "reactions": [
            {
                "reaction": r.kind,
                "post": site + r.post.get_absolute_url(),
                "thread": thread_ref(r.post.thread),
                "at": _iso(r.created_at),
            }
            for r in Reaction.objects.filter(user=user).select_related("post__thread")
        ],
        "bookmarks": [
            {
                "resource": b.resource.title,
                "url": site + b.resource.get_absolute_url(),
                "saved_at": _iso(b.created_at),
            }
            for b in Bookmark.objects.filter(user=user).select_related("resource")
        ],
        "follows": {
            "threads": [
                {"thread": thread_ref(f.thread), "level": f.level}
                for f in ThreadFollow.objects.filter(user=user).select_related("thread")
            ],
            "boards": [
                {"board": f.board.name, "level": f.level}
                for f in BoardFollow.objects.filter(user=user).select_related("board")
            ],
            "topics": [
                f.tag.name
                for f in TopicFollow.objects.filter(user=user).select_related("tag")
            ],
        },
        "notification_settings": {
            name: getattr(choices, name)
            for name in NotificationSettings.DELIVERY_FIELDS
            + NotificationSettings.SWITCH_FIELDS
        },
        "cohorts": [
            {"cohort": str(m.cohort), "role": m.get_role_display()}
            for m in CohortMembership.objects.filter(user=user).select_related(
                "cohort__program"
            )
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        )
        archive.writestr(
            "README.txt",
            f"Your data from {settings.SITE_NAME} ({site}), as of "
            f"{data['exported_at']}.\n\n"
            "data.json holds your account, profile, posts (with earlier versions),\n"
            "reactions, saved resources, follows and e-mail settings.\n"
            "files/ holds the files you uploaded; members upload none yet, so it\n"
            "is empty.\n",
        )
        archive.writestr("files/", "")
    DataExport.objects.create(user=user)
    return buffer.getvalue()


# --- Closing an account ---------------------------------------------------------------


@transaction.atomic
def account_anonymize(*, user) -> None:
    """Close the account for good: the handle becomes former-member-N, the e-mail,
    profile, follows, settings and sign-in sessions go; posts stay under the new
    handle so threads keep their sense."""
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
    Profile.objects.update_or_create(
        user=user,
        defaults={"display_name": "", "job_title": "", "organization": "", "bio": ""},
    )
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
    OutgoingEmail.objects.filter(
        recipient=user, status=OutgoingEmail.Status.QUEUED
    ).update(status=OutgoingEmail.Status.SKIPPED, last_error="Account closed.")
    # The record of e-mails sent stays for the operators, without the address.
    OutgoingEmail.objects.filter(recipient=user).update(to_address="", subject="")
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
