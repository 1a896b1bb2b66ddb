"""Who answers a session and who came: the writes (session_respond,
attendance_record) and what the session page reads of them. Who may answer is
the rule of Session.objects.visible_to, through selectors.session_people."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import CohortMembership, Session, SessionResponse, is_program_staff
from cohorts.selectors import session_people
from cohorts.versions import COHORTS
from core import versions

NOT_A_MEMBER = _("Only the cohort's people answer its sessions.")
SESSION_CANCELLED = _("This session was cancelled.")
SESSION_STARTED = _("This session has started: answers are closed.")
ANSWER_UNKNOWN = _("Pick going, maybe or not going.")
ONLY_PROGRAM_STAFF = _("Only program staff record attendance.")
NOT_STARTED = _("Attendance is recorded once the session has started.")
NOT_AMONG_PEOPLE = _(
    "Only this session's people can be marked as attending: nothing was saved."
)

Answer = SessionResponse.Answer


# --- Writes ------------------------------------------------------------------------


def _responder(session: Session, user) -> CohortMembership:
    """The person's membership, if they are one of the session's people."""
    membership = (
        session_people(session).filter(user=user).first()
        if user.is_authenticated
        else None
    )
    if membership is None:
        raise PermissionDenied(NOT_A_MEMBER)
    return membership


@transaction.atomic
def session_respond(*, session: Session, user, answer: str) -> SessionResponse:
    """The person's answer to an upcoming session: going, maybe or not going."""
    membership = _responder(session, user)
    if session.cancelled:
        raise ValidationError(SESSION_CANCELLED)
    if session.has_started:
        raise ValidationError(SESSION_STARTED)
    if answer not in Answer.values:
        raise ValidationError({"answer": ANSWER_UNKNOWN})
    # Locked, so two clicks at once end as one row with the later answer.
    response, _created = SessionResponse.objects.select_for_update().get_or_create(
        session=session, user=user
    )
    response.answer = answer
    response.city_id = membership.city_id
    response.answered_at = timezone.now()
    response.full_clean()
    response.save()
    return response


def attendance_check(*, session: Session, recorded_by, user_ids) -> dict[int, int]:
    """Refuse, with the reason, what attendance_record would refuse; else each
    person's city (None for coaches and staff)."""
    if not is_program_staff(recorded_by):
        raise PermissionDenied(ONLY_PROGRAM_STAFF)
    if session.cancelled:
        raise ValidationError(SESSION_CANCELLED)
    if not session.has_started:
        raise ValidationError(NOT_STARTED)
    user_ids = set(user_ids)
    cities = dict(
        session_people(session)
        .filter(user_id__in=user_ids)
        .values_list("user_id", "city_id")
    )
    if user_ids - cities.keys():
        raise ValidationError(NOT_AMONG_PEOPLE)
    return cities


@transaction.atomic
def attendance_record(
    *, session: Session, recorded_by, attended: dict[int, bool | None]
) -> int:
    """Record who came (True), who did not (False) or that it is not known (None),
    by user id, for the session's people; nothing at all when one is refused.
    Returns how many were recorded."""
    cities = attendance_check(
        session=session, recorded_by=recorded_by, user_ids=attended
    )
    rows = [
        SessionResponse(
            session=session, user_id=user_id, city_id=cities[user_id], attended=came
        )
        for user_id, came in attended.items()
    ]
    for row in rows:
        # The keys were read just above and the upsert holds the one row per
        # person: checking them again would cost queries per row.
        row.full_clean(
            exclude=["session", "user", "city"],
            validate_unique=False,
            validate_constraints=False,
        )
    # One statement; a person's answer stays as they gave it.
    SessionResponse.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["session", "user"],
        update_fields=["attended", "city", "updated_at"],
    )
    versions.changed(COHORTS)  # bulk_create sends no post_save
    return len(rows)


# --- Reads -------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionAnswers:
    going: int
    maybe: int
    not_going: int
    attended: int
    recorded: int  # people whose attendance was recorded
    mine: str  # the viewer's answer, "" if none
    coming: list[SessionResponse]  # going, then maybe, by name

    @property
    def mine_label(self) -> str:
        return Answer(self.mine).label if self.mine else ""


def session_answers(session: Session, viewer) -> SessionAnswers:
    """The answers of the session's people (who left the cohort no longer
    count), and the viewer's own: two queries."""
    responses = SessionResponse.objects.filter(
        session=session, user__in=session_people(session).values("user_id")
    )
    viewer_id = viewer.pk if viewer.is_authenticated else None
    numbers = responses.aggregate(
        going=Count("pk", filter=Q(answer=Answer.GOING)),
        maybe=Count("pk", filter=Q(answer=Answer.MAYBE)),
        not_going=Count("pk", filter=Q(answer=Answer.NOT_GOING)),
        came=Count("pk", filter=Q(attended=True)),  # named apart from the field
        recorded=Count("pk", filter=Q(attended__isnull=False)),
        mine=Max("answer", filter=Q(user_id=viewer_id)),
    )
    coming = (
        responses.filter(answer__in=[Answer.GOING, Answer.MAYBE])
        .select_related("user__profile", "city__city")
        .order_by("answer", "user__profile__display_name", "user__username")
    )
    return SessionAnswers(
        going=numbers["going"],
        maybe=numbers["maybe"],
        not_going=numbers["not_going"],
        attended=numbers["came"],
        recorded=numbers["recorded"],
        mine=numbers["mine"] or "",
        coming=list(coming),
    )


def attendance_sheet(session: Session) -> list[CohortMembership]:
    """The session's people, city by city, each with their answer (`rsvp`),
    what was recorded (`came`) and whether to tick them (`present`: what was
    recorded, else whether they said they were going). One query."""
    theirs = SessionResponse.objects.filter(session=session, user=OuterRef("user_id"))
    sheet = list(
        session_people(session)
        .select_related("user__profile", "city__city")
        .annotate(
            rsvp=Subquery(theirs.values("answer")[:1]),
            came=Subquery(theirs.values("attended")[:1]),
        )
        .annotate(
            present=Coalesce(
                F("came"),
                ExpressionWrapper(Q(rsvp=Answer.GOING), output_field=BooleanField()),
                output_field=BooleanField(),
            )
        )
        .order_by(
            F("city__city__name").asc(nulls_last=True),
            "user__profile__display_name",
            "user__username",
        )
    )
    for person in sheet:
        person.rsvp_label = Answer(person.rsvp).label if person.rsvp else ""
    return sheet
