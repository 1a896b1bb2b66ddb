"""A member's data, as a ZIP they download: their account, profile, posts with
earlier versions, private conversations, reactions, saved resources, follows and
settings; of other people's content only the titles of threads the member posted
in, and the messages they received while in a conversation."""

import io
import json
import zipfile
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import CohortMembership
from community.models import (
    Attachment,
    BoardFollow,
    DataExport,
    Message,
    NotificationSettings,
    Participant,
    Post,
    Profile,
    Reaction,
    ThreadFollow,
    TopicFollow,
)
from resources.models import Bookmark

EXPORT_LIMIT = timedelta(days=1)
EXPORT_TOO_SOON = _(
    "You can download your data once a day. Your next export is possible after "
    "%(time)s."
)
README = (
    "Your data from {site_name} ({site}), as of {exported_at}.\n\n"
    "data.json holds your account, profile, posts (with earlier versions),\n"
    "private conversations (the messages you wrote and received while in\n"
    "them), reactions, saved resources, follows and e-mail settings.\n"
    "files/ holds the files you uploaded: your photo, if you gave one, and\n"
    "the files you attached to posts.\n"
)


def export_available_at(user):
    """When the member may download their data next (None: now)."""
    last = DataExport.objects.filter(user=user).order_by("-created_at").first()
    if last and last.created_at > timezone.now() - EXPORT_LIMIT:
        return last.created_at + EXPORT_LIMIT
    return None


def _iso(moment):
    return moment.isoformat() if moment else None


def account_export(*, user) -> bytes:
    """The ZIP of the member's own data, at most once a day."""
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

    data = {
        "exported_at": _iso(timezone.now()),
        "site": site,
        "account": _account(user),
        "profile": _profile(user),
        "posts": [_post(post, site, thread_ref) for post in posts],
        "conversations": _conversations(user, site),
        "reactions": _reactions(user, site, thread_ref),
        "bookmarks": _bookmarks(user, site),
        "follows": _follows(user, thread_ref),
        "notification_settings": _settings(user),
        "cohorts": [
            {"cohort": str(m.cohort), "role": m.get_role_display()}
            for m in CohortMembership.objects.filter(user=user).select_related(
                "cohort__program"
            )
        ],
    }
    archive = _zipped(data, _files(user))
    DataExport.objects.create(user=user)
    return archive


def _account(user) -> dict:
    return {
        "handle": user.get_username(),
        "email": user.email,
        "joined": _iso(user.date_joined),
        "last_sign_in": _iso(user.last_login),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
    }


def _profile(user) -> dict | None:
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "name": profile.display_name,
        "job_title": profile.job_title,
        "organization": profile.organization,
        "bio": profile.bio,
        "photo": "files/photo.webp" if profile.avatar_large else None,
    }


def _files(user) -> dict[str, bytes]:
    """The files the member uploaded, by their name in the archive."""
    profile = Profile.objects.filter(user=user).first()
    files = {}
    if profile is not None and profile.avatar_large:
        with profile.avatar_large.open("rb") as photo:
            files["files/photo.webp"] = photo.read()
    for attached in Attachment.objects.filter(uploader=user).order_by("pk"):
        try:
            with attached.file.open("rb") as content:
                files[f"files/attachments/{attached.pk}-{attached.name}"] = (
                    content.read()
                )
        except FileNotFoundError:
            continue
    return files


def _post(post: Post, site: str, thread_ref) -> dict:
    return {
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


def _conversations(user, site: str) -> list[dict]:
    """Each conversation the member was in, with the messages of their time in it
    (from its start until they left): theirs and those they received."""
    window = Q(conversation__participants__left_at=None) | Q(
        created_at__lte=F("conversation__participants__left_at")
    )
    messages = Message.objects.filter(
        window,
        conversation__participants__member=user,
        created_at__gte=F("conversation__participants__joined_at"),
    ).select_related("author")
    people = Participant.objects.select_related("member").order_by("pk")
    participations = (
        Participant.objects.filter(member=user)
        .select_related("conversation")
        .prefetch_related(
            Prefetch("conversation__participants", queryset=people),
            Prefetch("conversation__messages", queryset=messages, to_attr="theirs"),
        )
        .order_by("conversation__created_at", "pk")
    )
    return [
        {
            "url": site + p.conversation.get_absolute_url(),
            "subject": p.conversation.subject,
            "members": [
                o.member.get_username() for o in p.conversation.participants.all()
            ],
            "joined": _iso(p.joined_at),
            "left": _iso(p.left_at),
            "messages": [
                {
                    "author": m.author.get_username() if m.author else None,
                    "text": m.body,
                    "written_at": _iso(m.created_at),
                }
                for m in p.conversation.theirs
            ],
        }
        for p in participations
    ]


def _reactions(user, site: str, thread_ref) -> list[dict]:
    return [
        {
            "reaction": r.kind,
            "post": site + r.post.get_absolute_url(),
            "thread": thread_ref(r.post.thread),
            "at": _iso(r.created_at),
        }
        for r in Reaction.objects.filter(user=user).select_related("post__thread")
    ]


def _bookmarks(user, site: str) -> list[dict]:
    return [
        {
            "resource": b.resource.title,
            "url": site + b.resource.get_absolute_url(),
            "saved_at": _iso(b.created_at),
        }
        for b in Bookmark.objects.filter(user=user).select_related("resource")
    ]


def _follows(user, thread_ref) -> dict:
    return {
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
    }


def _settings(user) -> dict:
    choices = NotificationSettings.of(user)
    names = NotificationSettings.DELIVERY_FIELDS + NotificationSettings.SWITCH_FIELDS
    return {name: getattr(choices, name) for name in names}


def _zipped(data: dict, files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        )
        archive.writestr(
            "README.txt",
            README.format(
                site_name=settings.SITE_NAME,
                site=data["site"],
                exported_at=data["exported_at"],
            ),
        )
        archive.writestr("files/", "")
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
