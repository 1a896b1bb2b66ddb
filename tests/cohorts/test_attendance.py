"""Answers to a session and attendance: the services, each refusal storing nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cohorts import attendance
from cohorts.models import SessionResponse
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def upcoming(world, **fields):
    starts = timezone.now() + datetime.timedelta(days=2)
    return SessionFactory(
        cohort=world.cohort,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        **fields,
    )


def respond(session, user, answer="going"):
    return attendance.session_respond(session=session, user=user, answer=answer)


def refused(call, message, error=ValidationError):
    with pytest.raises(error) as raised:
        call()
    text = str(raised.value) if error is PermissionDenied else raised.value.messages[0]
    assert text == message
    assert not SessionResponse.objects.exists()


def test_a_participant_answers_for_their_city_and_can_change_their_mind(world):
    session = upcoming(world)
    respond(session, world.participant)
    response = respond(session, world.participant, "not_going")
    assert SessionResponse.objects.get() == response
    assert response.answer == "not_going"
    assert response.city == world.long_beach
    assert response.answered_at is not None
    assert response.attended is None


def test_a_coach_answers_a_citys_call_without_a_city(world):
    session = upcoming(world, kind="coaching_call", for_city=world.long_beach)
    assert respond(session, world.coach, "maybe").city is None


def test_an_answer_to_a_session_that_has_started_is_refused(world):
    refused(
        lambda: respond(world.convening, world.participant),
        attendance.SESSION_STARTED,
    )


def test_an_answer_to_a_cancelled_session_is_refused(world):
    session = upcoming(world, cancelled=True)
    refused(lambda: respond(session, world.participant), attendance.SESSION_CANCELLED)


@pytest.mark.parametrize("viewer", ["outsider", "other_participant", "staff"])
def test_only_the_cohorts_people_answer(world, viewer):
    session = upcoming(world)
    refused(
        lambda: respond(session, getattr(world, viewer)),
        attendance.NOT_A_MEMBER,
        PermissionDenied,
    )


def test_no_one_answers_another_citys_coaching_call(world):
    session = upcoming(world, kind="coaching_call", for_city=world.long_beach)
    refused(
        lambda: respond(session, world.city_lead),  # Wichita's
        attendance.NOT_A_MEMBER,
        PermissionDenied,
    )


def test_a_closed_account_answers_nothing(world):
    world.participant.is_active = False
    world.participant.save()
    refused(
        lambda: respond(upcoming(world), world.participant),
        attendance.NOT_A_MEMBER,
        PermissionDenied,
    )


@pytest.mark.parametrize("answer", ["", "yes", "GOING", "going\x00"])
def test_an_unknown_answer_is_refused(world, answer):
    session = upcoming(world)
    refused(
        lambda: respond(session, world.participant, answer), attendance.ANSWER_UNKNOWN
    )


def record(world, session, attended, by=None):
    return attendance.attendance_record(
        session=session, recorded_by=by or world.staff, attended=attended
    )


def test_staff_record_who_came_and_answers_stay_as_given(world):
    session = upcoming(world)
    respond(session, world.participant, "maybe")
    session.starts_at = timezone.now() - datetime.timedelta(minutes=5)
    session.save()
    people = {world.participant.pk: True, world.city_lead.pk: False}
    assert record(world, session, people) == 2
    rows = {r.user: r for r in SessionResponse.objects.select_related("user", "city")}
    assert (rows[world.participant].attended, rows[world.participant].answer) == (
        True,
        "maybe",
    )
    assert rows[world.city_lead].attended is False
    assert rows[world.city_lead].city == world.wichita
    record(world, session, {world.participant.pk: None, world.city_lead.pk: True})
    rows = dict(SessionResponse.objects.values_list("user", "attended"))
    assert rows == {world.participant.pk: None, world.city_lead.pk: True}


def test_only_program_staff_record_attendance(world):
    refused(
        lambda: record(
            world, world.convening, {world.participant.pk: True}, world.coach
        ),
        attendance.ONLY_PROGRAM_STAFF,
        PermissionDenied,
    )


def test_attendance_for_someone_outside_the_cohort_stores_nothing(world):
    people = {world.participant.pk: True, world.other_participant.pk: True}
    refused(lambda: record(world, world.convening, people), attendance.NOT_AMONG_PEOPLE)


def test_attendance_of_another_city_at_a_citys_call_stores_nothing(world):
    people = {world.participant.pk: True, world.city_lead.pk: True}
    refused(
        lambda: record(world, world.long_beach_call, people),
        attendance.NOT_AMONG_PEOPLE,
    )


def test_attendance_before_the_session_starts_is_refused(world):
    session = upcoming(world)
    refused(
        lambda: record(world, session, {world.participant.pk: True}),
        attendance.NOT_STARTED,
    )


def test_attendance_of_a_cancelled_session_is_refused(world):
    world.convening.cancelled = True
    world.convening.save()
    refused(
        lambda: record(world, world.convening, {world.participant.pk: True}),
        attendance.SESSION_CANCELLED,
    )


def test_the_answers_count_only_the_sessions_people(world):
    session = upcoming(world)
    respond(session, world.participant, "going")
    respond(session, world.city_lead, "maybe")
    respond(session, world.coach, "not_going")
    world.city_lead.is_active = False  # a closed account no longer counts
    world.city_lead.save()
    answers = attendance.session_answers(session, world.participant)
    assert (answers.going, answers.maybe, answers.not_going) == (1, 0, 1)
    assert answers.mine == "going"
    assert [r.user for r in answers.coming] == [world.participant]
    assert attendance.session_answers(session, world.staff).mine == ""
