"""The session page's answers and attendance, the roster's attendance, and who may
post either form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts import attendance
from cohorts.attendance import NOT_AMONG_PEOPLE as NOT_AMONG
from cohorts.forms import NOT_PEOPLE
from cohorts.models import SessionResponse
from tests.cohorts.test_attendance import upcoming
from tests.cohorts.view_helpers import sign_in, url

pytestmark = pytest.mark.django_db


def action(session, name):
    cohort = session.cohort
    return reverse(
        f"cohorts:{name}", args=[cohort.program.slug, cohort.slug, session.pk]
    )


def answer(client, session, value):
    return client.post(action(session, "session_respond"), {"answer": value})


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_member_answers_and_sees_the_count_change(client, world):
    session = upcoming(world, title="Spring webinar")
    client.force_login(world.participant)
    page = client.get(session.get_absolute_url()).text
    assert "0 going · 0 maybe · 0 not going" in page
    assert "You have not answered yet." in page
    assert 'name="answer" value="going"' in page
    response = answer(client, session, "going")
    assert response.status_code == 302
    assert response.url == session.get_absolute_url() + "#answers-heading"
    page = client.get(response.url)
    assert messages_of(page) == ["Your answer is saved: going."]
    assert "1 going · 0 maybe · 0 not going" in page.text
    assert "Your answer: Going." in page.text
    assert 'value="going" class="secondary" aria-pressed="true"' in page.text
    assert '<a href="/community/members/maria/">Maria Lopez</a>' in page.text
    answer(client, session, "not_going")
    page = client.get(session.get_absolute_url()).text
    assert "0 going · 0 maybe · 1 not going" in page
    assert "You will get no reminder." in page
    assert "Maria Lopez</a>" not in page  # not listed as coming


def test_others_see_who_is_coming(client, world):
    session = upcoming(world)
    attendance.session_respond(session=session, user=world.city_lead, answer="maybe")
    for viewer in ["participant", "coach", "staff"]:
        sign_in(client, world, viewer)
        page = client.get(session.get_absolute_url()).text
        assert "0 going · 1 maybe · 0 not going" in page
        assert '<a href="/community/members/james/">James Carter</a>' in page


def test_a_get_of_either_form_is_not_allowed(client, world):
    client.force_login(world.staff)
    for name in ["session_respond", "attendance_record"]:
        assert client.get(action(world.convening, name)).status_code == 405


@pytest.mark.parametrize(
    ("viewer", "status"),
    [("guest", 302), ("outsider", 404), ("other_participant", 404)],
)
def test_outsiders_get_no_form_and_cannot_post(client, world, viewer, status):
    session = upcoming(world)
    sign_in(client, world, viewer)
    response = answer(client, session, "going")
    assert response.status_code == status
    if status == 302:
        assert response.url.startswith("/accounts/login/")
    response = client.post(
        action(world.convening, "attendance_record"),
        {"listed": [world.participant.pk], "attended": [world.participant.pk]},
    )
    assert response.status_code == status
    assert not SessionResponse.objects.exists()


def test_another_citys_call_is_not_found_to_post_to(client, world):
    session = upcoming(world, kind="coaching_call", for_city=world.long_beach)
    client.force_login(world.city_lead)  # Wichita's
    assert answer(client, session, "going").status_code == 404
    assert not SessionResponse.objects.exists()


def test_program_staff_outside_the_cohort_see_answers_but_do_not_answer(client, world):
    session = upcoming(world)
    client.force_login(world.staff)
    page = client.get(session.get_absolute_url()).text
    assert "0 going · 0 maybe · 0 not going" in page
    assert 'name="answer"' not in page
    assert "Program staff record attendance here once the session has started." in page
    response = answer(client, session, "going")
    assert response.status_code == 403
    assert str(attendance.NOT_A_MEMBER).replace("'", "&#x27;") in response.text
    assert not SessionResponse.objects.exists()


def test_a_started_session_takes_no_more_answers(client, world):
    client.force_login(world.participant)
    page = client.get(world.convening.get_absolute_url()).text
    assert 'name="answer"' not in page
    assert "Answers closed when the session started." in page
    response = client.get(answer(client, world.convening, "going").url)
    assert messages_of(response) == [str(attendance.SESSION_STARTED)]
    assert not SessionResponse.objects.exists()


def test_a_cancelled_session_says_so_and_has_no_form(client, world):
    session = upcoming(world, cancelled=True)
    client.force_login(world.participant)
    page = client.get(session.get_absolute_url()).text
    assert "<strong>Cancelled</strong>" in page
    assert 'id="answers-heading"' not in page
    assert 'name="answer"' not in page
    response = client.get(answer(client, session, "going").url)
    assert messages_of(response) == [str(attendance.SESSION_CANCELLED)]
    assert not SessionResponse.objects.exists()


@pytest.mark.parametrize("value", ["", "yes", "Going", "x" * 300])
def test_an_unknown_answer_is_a_message(client, world, value):
    session = upcoming(world)
    client.force_login(world.participant)
    response = client.get(answer(client, session, value).url)
    assert messages_of(response) == [str(attendance.ANSWER_UNKNOWN)]
    assert not SessionResponse.objects.exists()


def record(client, world, session, attended, listed=None):
    return client.post(
        action(session, "attendance_record"),
        {"listed": listed or [u.pk for u in world_people(world)], "attended": attended},
    )


def world_people(world):
    return [world.participant, world.city_lead, world.coach]


def test_staff_record_attendance_from_the_answers_and_the_roster_shows_it(
    client, world
):
    session = upcoming(world)
    attendance.session_respond(session=session, user=world.participant, answer="going")
    attendance.session_respond(session=session, user=world.coach, answer="not_going")
    session.starts_at = timezone.now() - datetime.timedelta(minutes=30)
    session.save()
    client.force_login(world.staff)
    page = client.get(session.get_absolute_url()).text
    assert 'id="attendance-heading"' in page
    # Prefilled from the answers: going is ticked.
    assert (
        f'value="{world.participant.pk}" id="attended-{world.participant.pk}" checked'
        in page
    )
    assert f'value="{world.coach.pk}" id="attended-{world.coach.pk}">' in page
    response = record(
        client, world, session, [world.participant.pk, world.city_lead.pk]
    )
    assert response.url == session.get_absolute_url() + "#attendance-heading"
    page = client.get(response.url)
    assert messages_of(page) == ["Attendance saved: 2 of 3 people attended."]
    assert "2 of 3 attended." in page.text
    record(client, world, world.convening, [world.participant.pk])
    roster = client.get(url(world)).text
    assert "attended 2 of 2 sessions" in roster  # Maria
    assert "attended 1 of 2 sessions" in roster  # James
    assert "attended 0 of 2 sessions" in roster  # the coach
    client.force_login(world.participant)  # the cohort's people see it too
    assert "attended 2 of 2 sessions" in client.get(url(world)).text


def test_the_sheet_shows_what_was_recorded_over_the_answers(client, world):
    attendance.attendance_record(
        session=world.convening,
        recorded_by=world.staff,
        attended={world.participant.pk: False, world.coach.pk: True},
    )
    client.force_login(world.staff)
    page = client.get(world.convening.get_absolute_url()).text
    assert f'id="attended-{world.participant.pk}">' in page
    assert f'id="attended-{world.coach.pk}" checked>' in page


@pytest.mark.parametrize("viewer", ["participant", "coach"])
def test_only_program_staff_record_attendance(client, world, viewer):
    sign_in(client, world, viewer)
    assert (
        'id="attendance-heading"'
        not in client.get(world.convening.get_absolute_url()).text
    )
    response = record(client, world, world.convening, [world.participant.pk])
    assert response.status_code == 403
    assert not SessionResponse.objects.exists()


BAD_SHEETS = [
    # someone of another cohort among those listed
    (lambda w: [w.participant, w.other_participant], lambda w: [], NOT_AMONG),
    (lambda w: [w.participant], lambda w: ["abc"], NOT_PEOPLE),
    (lambda w: [w.participant], lambda w: [10**30], NOT_PEOPLE),
    (lambda w: [], lambda w: [], "This field is required."),
    (lambda w: [w.participant], lambda w: [w.city_lead], NOT_PEOPLE),  # not listed
]


@pytest.mark.parametrize(("listed", "attended", "message"), BAD_SHEETS)
def test_bad_attendance_is_a_message_and_stores_nothing(
    client, world, listed, attended, message
):
    def ids(people):
        return [getattr(p, "pk", p) for p in people]

    client.force_login(world.staff)
    data = {"listed": ids(listed(world)), "attended": ids(attended(world))}
    response = client.post(action(world.convening, "attendance_record"), data)
    assert messages_of(client.get(response.url)) == [str(message)]
    assert not SessionResponse.objects.exists()


def test_attendance_before_the_session_starts_is_a_message(client, world):
    session = upcoming(world)
    client.force_login(world.staff)
    response = client.get(record(client, world, session, [world.participant.pk]).url)
    assert messages_of(response) == [str(attendance.NOT_STARTED)]
    assert not SessionResponse.objects.exists()
