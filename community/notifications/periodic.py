"""The periodic work the worker does: the weekly digest, session reminders, and
announcing new sessions and library resources to the people who asked for them."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from cohorts.models import Session, SessionResponse
from cohorts.selectors import session_people
from community.models import (
    Checkpoint,
    DigestSchedule,
    Notification,
    OutgoingEmail,
    TopicFollow,
)
from community.notifications.mail import _queue
from community.notifications.services import notify
from core.people import active_users
from resources.models import Resource

REMIND_BEFORE = timedelta(hours=24)
# Curators save a resource, then its topics: announce it only once both are saved.
SETTLE = timedelta(minutes=1)
DIGEST_COVERS = timedelta(days=7)


def digest_slot(now: datetime, schedule: DigestSchedule) -> datetime:
    """The latest scheduled digest time at or before `now`, in the site's zone."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = now.astimezone(zone)
    days_back = (local.weekday() - schedule.weekday) % 7
    day = local.date() - timedelta(days=days_back)
    slot = datetime.combine(day, time(schedule.hour), tzinfo=zone)
    if slot > now:
        slot = datetime.combine(day - timedelta(days=7), time(schedule.hour), zone)
    return slot


def digest_period(user, now: datetime) -> datetime:
    """Where this member's next digest starts: the end of their last digest that
    was not lost, else a week back (or when they joined)."""
    last = _covered_until(recipient=user).get(user.pk)
    return last or max(user.date_joined, now - DIGEST_COVERS)


def _covered_until(**recipients) -> dict[int, datetime]:
    """The end of each member's last digest that was not lost (queued, sent, or
    rightly not sent); a failed one leaves its period to the next."""
    return dict(
        OutgoingEmail.objects.filter(kind=OutgoingEmail.Kind.DIGEST, **recipients)
        .exclude(status=OutgoingEmail.Status.FAILED)
        .values("recipient")
        .annotate(until=Max("period_end"))
        .values_list("recipient", "until")
    )


def _digest_readers():
    verified = EmailAddress.objects.filter(
        user=OuterRef("pk"), verified=True, email__iexact=OuterRef("email")
    )
    return (
        active_users()
        .exclude(email="")
        .exclude(notification_settings__weekly_digest=False)
        .filter(Exists(verified))
    )


@transaction.atomic
def digest_run(*, now: datetime | None = None) -> int:
    """Queue this week's digest for each member who wants one and has none yet.
    Each covers the time since the member's last digest that was not lost (so a
    failed or late week is caught up once), and the week's key keeps it to one."""
    now = now or timezone.now()
    slot = digest_slot(now, DigestSchedule.load())
    week = slot.date().isoformat()
    readers = _digest_readers()
    covered = _covered_until(recipient__in=readers)
    rows = [
        OutgoingEmail(
            recipient_id=user_id,
            kind=OutgoingEmail.Kind.DIGEST,
            key=f"digest:{user_id}:{week}",
            period_start=covered.get(user_id) or max(joined, now - DIGEST_COVERS),
            period_end=now,
        )
        for user_id, joined in readers.values_list("pk", "date_joined")
    ]
    created = _queue(rows)
    Checkpoint.objects.update_or_create(name="digest", defaults={"reached_at": slot})
    return len(created)


def digest_due(now: datetime) -> bool:
    """Whether this week's digest run is still to do. A new installation starts
    with next week's, rather than e-mailing everyone the moment it starts."""
    slot = digest_slot(now, DigestSchedule.load())
    point, created = Checkpoint.objects.get_or_create(
        name="digest", defaults={"reached_at": slot}
    )
    return not created and point.reached_at < slot


def reminders_queue(*, now: datetime | None = None) -> int:
    """Queue a reminder for each cohort member and session starting within a day,
    but for a cancelled session or a member who answered "not going". A
    rescheduled session gets a reminder for its new time."""
    now = now or timezone.now()
    sessions = Session.objects.filter(
        starts_at__gt=now, starts_at__lte=now + REMIND_BEFORE, cancelled=False
    ).only("pk", "cohort_id", "for_city_id", "starts_at")
    rows = []
    for session in sessions:
        not_going = SessionResponse.objects.filter(
            session=session,
            user=OuterRef("user_id"),
            answer=SessionResponse.Answer.NOT_GOING,
        )
        members = (
            session_people(session)
            .exclude(user__notification_settings__session_reminders=False)
            .exclude(Exists(not_going))
        )
        for user_id in members.values_list("user_id", flat=True):
            rows.append(
                OutgoingEmail(
                    recipient_id=user_id,
                    kind=OutgoingEmail.Kind.REMINDER,
                    key=f"reminder:{session.pk}:{user_id}:"
                    f"{session.starts_at:%Y%m%dT%H%M}",
                    session_id=session.pk,
                )
            )
    return len(_queue(rows))


def _checkpoint(name: str, now: datetime) -> datetime | None:
    """Where the job stopped last time, its row locked so two ticks never do the
    same stretch; the first run starts from now, so a new installation does not
    announce its whole back catalogue."""
    point, created = Checkpoint.objects.select_for_update().get_or_create(
        name=name, defaults={"reached_at": now}
    )
    return None if created else point.reached_at


def announce_new(*, now: datetime | None = None) -> int:
    """Tell cohort members of new sessions, and topic followers of new resources."""
    now = now or timezone.now()
    until = now - SETTLE
    sessions = _announce(
        "announce-sessions",
        now,
        until,
        new=lambda since: Session.objects.filter(
            created_at__gt=since,
            created_at__lte=until,
            starts_at__gt=now,
            cancelled=False,
        ).for_listing(),
        people=lambda session: session_people(session).values("user_id"),
        kind=Notification.Kind.SESSION,
        about="session",
    )
    resources = _announce(
        "announce-resources",
        now,
        until,
        new=lambda since: Resource.objects.published().filter(
            published_at__gt=since, published_at__lte=until
        ),
        people=lambda resource: TopicFollow.objects.filter(
            tag__in=resource.tags.all()
        ).values("user_id"),
        kind=Notification.Kind.RESOURCE,
        about="resource",
    )
    return sessions + resources


def _announce(checkpoint: str, now, until, *, new, people, kind, about) -> int:
    """Notify people(item) of each item new(since) came up with since the
    checkpoint, and move the checkpoint on, in one transaction."""
    sent = 0
    with transaction.atomic():
        since = _checkpoint(checkpoint, now)
        if since is None or since >= until:
            return 0
        for item in new(since):
            users = get_user_model().objects.filter(pk__in=people(item))
            told = notify(recipients=users, kind=kind, actor=None, **{about: item})
            sent += len(told)
        Checkpoint.objects.filter(name=checkpoint).update(reached_at=until)
    return sent
