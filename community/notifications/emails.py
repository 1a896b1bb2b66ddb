"""The e-mails themselves: each built at the moment of sending, from the site's
templates, with a plain-text and an HTML part, so what it tells is what the
recipient may read then."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.calendar import cohort_calendar
from cohorts.models import CohortMembership, Session, SessionResponse
from community.models import (
    Board,
    Delivery,
    Notification,
    NotificationSettings,
    OutgoingEmail,
    Participant,
    Post,
)
from community.notifications.tokens import unsubscribe_url
from core.translated import shown
from resources.models import Resource


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def message_id(name: str) -> str:
    return f"<{name}@{site_domain()}>"


def build(
    *, email: OutgoingEmail, template: str, subject: str, setting: str, **context
) -> EmailMultiAlternatives:
    """A message from `community/email/<template>.txt` and `.html`, with the headers
    every e-mail of the site carries."""
    user = email.recipient
    unsubscribe = unsubscribe_url(user, setting)
    context |= {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "recipient": user,
        "unsubscribe_url": unsubscribe,
        "unsubscribe_label": NotificationSettings.label_of(setting),
        "settings_url": settings.SITE_URL + reverse("community:settings"),
    }
    text = render_to_string(f"community/email/{template}.txt", context)
    html = render_to_string(f"community/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(f"[{settings.SITE_NAME}] {subject}".split()),
        body=text,
        to=[user.email],
        headers={
            "Message-ID": message_id(f"email-{email.pk}"),
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{settings.SITE_NAME} <{email.kind}.{site_domain()}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def compose(email: OutgoingEmail) -> tuple[EmailMultiAlternatives | None, str]:
    """The message to send, or None and the reason it is not sent."""
    if email.kind == OutgoingEmail.Kind.ACCOUNT:
        return _account(email), ""
    user = email.recipient
    if not user.is_active:
        return None, _("The member's account is closed.")
    if not user.email:
        return None, _("The member has no e-mail address.")
    if email.kind == OutgoingEmail.Kind.NOTIFICATION:
        return _notification(email)
    if email.kind == OutgoingEmail.Kind.REMINDER:
        return _reminder(email)
    return _digest(email)


def _account(email: OutgoingEmail) -> EmailMultiAlternatives:
    """An account e-mail as allauth wrote it when its event happened."""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        to=[email.to_address],
        headers={
            "Message-ID": message_id(f"email-{email.pk}"),
            "Auto-Submitted": "auto-generated",
        },
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def _notification_of(email: OutgoingEmail) -> Notification | None:
    """The e-mail's notification with what its sentence and address name."""
    return (
        Notification.objects.select_related(
            "actor__profile",
            "post__thread__board",
            "session__cohort__program",
            "resource",
            "message__conversation",
        )
        .filter(pk=email.notification_id)
        .first()
    )


def _notification(email: OutgoingEmail):
    notification = _notification_of(email)
    if notification is None:
        return None, _("The notification no longer exists.")
    user = email.recipient
    setting = notification.setting
    if getattr(NotificationSettings.of(user), setting) != Delivery.IMMEDIATELY:
        return None, _("The member no longer wants these e-mails right away.")
    if notification.read_at is not None:
        return None, _("The member read it on the site first.")
    if notification.message_id:
        return _message(email, notification)
    post = notification.post
    headers = {}
    if post is not None:
        if not Board.objects.visible_to(user).filter(pk=post.thread.board_id).exists():
            return None, _("The member may no longer read this board.")
        readable = Post.objects.readable_by(user).filter(pk=post.pk).exists()
        if not readable and notification.kind != Notification.Kind.MODERATION:
            return None, _("The post was hidden or deleted.")
        thread_id = message_id(f"thread-{post.thread_id}")
        headers = {"In-Reply-To": thread_id, "References": thread_id}
    if notification.session_id and not (
        Session.objects.visible_to(user).filter(pk=notification.session_id).exists()
    ):
        return None, _("The member may no longer see this session.")
    if notification.resource_id and not notification.resource.is_published:
        return None, _("The resource is no longer published.")
    subject = post.thread.title if post is not None else notification.text
    message = build(
        email=email,
        template="notification",
        subject=subject,
        setting=setting,
        notification=notification,
        post=post,
        show_post=post is not None and readable,
        url=settings.SITE_URL + notification.get_absolute_url(),
    )
    message.extra_headers.update(headers)
    return message, ""


def _message(email: OutgoingEmail, notification: Notification):
    """A private message, to a member who is still in its conversation."""
    message = notification.message
    user = email.recipient
    in_it = Participant.objects.current().filter(
        conversation_id=message.conversation_id, member=user
    )
    if not in_it.exists():
        return None, _("The member left the conversation.")
    thread_id = message_id(f"conversation-{message.conversation_id}")
    built = build(
        email=email,
        template="notification",
        subject=message.conversation.subject or notification.text,
        setting=notification.setting,
        notification=notification,
        message=message,
        url=settings.SITE_URL + message.get_absolute_url(),
    )
    built.extra_headers.update({"In-Reply-To": thread_id, "References": thread_id})
    return built, ""


def _reminder(email: OutgoingEmail):
    user = email.recipient
    session = (
        Session.objects.visible_to(user)
        .for_listing()
        .prefetch_related(Prefetch("materials", queryset=Resource.objects.published()))
        .filter(pk=email.session_id)
        .first()
    )
    if session is None:
        return None, _("The member may no longer see this session.")
    if session.cancelled:
        return None, _("The session was cancelled.")
    if session.starts_at <= timezone.now():
        return None, _("The session has started; a reminder is too late.")
    if not CohortMembership.objects.filter(user=user, cohort=session.cohort).exists():
        return None, _("The member is no longer in this cohort.")
    if not NotificationSettings.of(user).session_reminders:
        return None, _("The member turned session reminders off.")
    if SessionResponse.objects.filter(
        session=session, user=user, answer=SessionResponse.Answer.NOT_GOING
    ).exists():
        return None, _("The member answered that they are not going.")
    message = build(
        email=email,
        template="reminder",
        subject=_("Tomorrow: %(title)s") % {"title": shown(session, "title").text},
        setting="session_reminders",
        session=session,
        url=settings.SITE_URL + session.get_absolute_url(),
    )
    ical = cohort_calendar(
        session.cohort, [session], site_url=settings.SITE_URL, private=True
    )
    message.attach("session.ics", ical, "text/calendar; charset=utf-8")
    session_id = message_id(f"session-{session.pk}")
    message.extra_headers.update({"In-Reply-To": session_id, "References": session_id})
    return message, ""


def _digest(email: OutgoingEmail):
    from community.notifications.digest import digest_sections

    user = email.recipient
    if not NotificationSettings.of(user).weekly_digest:
        return None, _("The member turned the digest off.")
    sections = digest_sections(user, since=email.period_start, until=email.period_end)
    if not sections:
        return None, _("Nothing new for this member.")
    return build(
        email=email,
        template="digest",
        subject=_("Your week in the community"),
        setting="weekly_digest",
        sections=sections,
        since=email.period_start,
        until=email.period_end,
    ), ""
