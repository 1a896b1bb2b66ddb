"""Program staff run cohorts in /admin/; errors appear on the form, never a 500."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from cohorts.models import Cohort, ParticipatingCity, Session
from community.models import Board
from tests.cohorts.conftest import make_program_staff
from tests.factories import CohortFactory, ProgramFactory, SessionFactory, add_city

pytestmark = pytest.mark.django_db

INLINES = ["participating_cities", "memberships", "sessions"]


@pytest.fixture
def staff_client(client, db):
    client.force_login(make_program_staff())
    return client


def cohort_form(program, cities=(), **fields):
    data = {
        "program": program.pk,
        "name": "Next cohort",
        "slug": "next",
        "starts_on": "2020-02-01",
        "ends_on": "2021-04-30",
        "state": "recruiting",
        "announcement": "",
        "summary": "",
        "in_brief": "Cities meet for fifteen months. They learn together.",
        **fields,
    }
    for prefix in INLINES:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data["participating_cities-TOTAL_FORMS"] = str(len(cities))
    for n, city in enumerate(cities):
        data[f"participating_cities-{n}-city"] = city.pk
    return data


def test_program_staff_reach_the_cohort_admin(staff_client, world):
    for path in [
        "/admin/cohorts/cohort/",
        f"/admin/cohorts/cohort/{world.cohort.pk}/change/",
        "/admin/cohorts/session/?kind__exact=coaching_call",
        "/admin/cohorts/actionplanitem/",
        f"/admin/cohorts/participatingcity/{world.long_beach.pk}/change/",
        "/admin/cohorts/city/",
    ]:
        assert staff_client.get(path).status_code == 200, path


def test_moderators_do_not_manage_cohorts(client, moderator_user):
    client.force_login(moderator_user)
    assert client.get("/admin/cohorts/cohort/").status_code == 403


def test_adding_pittsburgh_twice_shows_the_error_next_to_the_row(staff_client):
    program = ProgramFactory()
    pittsburgh = add_city(CohortFactory(program=program), "Pittsburgh", "PA").city
    data = cohort_form(program, cities=[pittsburgh, pittsburgh])
    response = staff_client.post("/admin/cohorts/cohort/add/", data)
    assert response.status_code == 200
    assert "Pittsburgh, PA is already in this cohort." in response.text
    formset = next(
        f for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "participating_cities"
    )  # fmt: skip
    assert formset.formset.forms[1].errors["city"]
    assert not Cohort.objects.filter(slug="next").exists()


def test_adding_a_city_the_cohort_already_has_is_refused(staff_client, world):
    data = cohort_form(
        world.cohort.program, name=world.cohort.name, slug=world.cohort.slug,
        starts_on="2018-02-01", ends_on="2019-04-30", state="active",
    )  # fmt: skip
    rows = list(world.cohort.participating_cities.all())
    data["participating_cities-TOTAL_FORMS"] = str(len(rows) + 1)
    data["participating_cities-INITIAL_FORMS"] = str(len(rows))
    for n, row in enumerate(rows):
        data[f"participating_cities-{n}-id"] = row.pk
        data[f"participating_cities-{n}-city"] = row.city_id
        data[f"participating_cities-{n}-cohort"] = world.cohort.pk
    data[f"participating_cities-{len(rows)}-city"] = world.wichita.city_id
    members = list(world.cohort.memberships.all())
    data["memberships-TOTAL_FORMS"] = data["memberships-INITIAL_FORMS"] = len(members)
    for n, m in enumerate(members):
        data |= {
            f"memberships-{n}-id": m.pk, f"memberships-{n}-cohort": world.cohort.pk,
            f"memberships-{n}-user": m.user_id, f"memberships-{n}-role": m.role,
            f"memberships-{n}-city": m.city_id or "",
        }  # fmt: skip
    sessions = list(world.cohort.sessions.all())
    data["sessions-TOTAL_FORMS"] = data["sessions-INITIAL_FORMS"] = len(sessions)
    for n, s in enumerate(sessions):
        zone = ZoneInfo(s.time_zone)
        data |= {
            f"sessions-{n}-id": s.pk, f"sessions-{n}-cohort": world.cohort.pk,
            f"sessions-{n}-kind": s.kind, f"sessions-{n}-title": s.title,
            f"sessions-{n}-starts_at_0": s.starts_at.astimezone(zone).date(),
            f"sessions-{n}-starts_at_1": s.starts_at.astimezone(zone).time(),
            f"sessions-{n}-ends_at_0": s.ends_at.astimezone(zone).date(),
            f"sessions-{n}-ends_at_1": s.ends_at.astimezone(zone).time(),
            f"sessions-{n}-time_zone": s.time_zone,
            f"sessions-{n}-for_city": s.for_city_id or "",
            f"sessions-{n}-host_city": s.host_city_id or "",
        }  # fmt: skip
    response = staff_client.post(
        f"/admin/cohorts/cohort/{world.cohort.pk}/change/", data
    )
    assert response.status_code == 200
    assert "Wichita, KS is already in this cohort." in response.text
    assert ParticipatingCity.objects.filter(cohort=world.cohort).count() == 2


def test_a_cohort_added_in_the_admin_gets_its_private_board(staff_client):
    program = ProgramFactory()
    response = staff_client.post("/admin/cohorts/cohort/add/", cohort_form(program))
    assert response.status_code == 302
    cohort = Cohort.objects.get(slug="next")
    assert Board.objects.get(cohort=cohort).visibility == "cohort"


def session_form(cohort, **fields):
    return {
        "cohort": cohort.pk,
        "kind": "webinar",
        "title": "Budgeting for equity",
        "starts_at_0": "2018-05-15",
        "starts_at_1": "09:00",
        "ends_at_0": "2018-05-15",
        "ends_at_1": "10:30",
        "time_zone": "America/Los_Angeles",
        **fields,
    }


def test_session_times_are_typed_in_the_sessions_time_zone(staff_client, world):
    response = staff_client.post(
        "/admin/cohorts/session/add/", session_form(world.cohort)
    )
    assert response.status_code == 302
    session = Session.objects.get(title="Budgeting for equity")
    zone = ZoneInfo("America/Los_Angeles")
    assert session.starts_at == datetime.datetime(2018, 5, 15, 9, tzinfo=zone)
    # And the form shows them back in that zone.
    page = staff_client.get(f"/admin/cohorts/session/{session.pk}/change/")
    assert 'value="09:00:00"' in page.text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ends_at_1": "08:00"}, "A session must end after it starts."),
        ({"kind": "site_visit"}, "A site visit needs a host city."),
        ({"time_zone": "Pacific/Atlantis"}, "is not a time zone we know"),
        ({"starts_at_0": "not a date"}, "Enter a valid date."),
    ],
)
def test_bad_sessions_are_refused_on_the_form(staff_client, world, fields, message):
    response = staff_client.post(
        "/admin/cohorts/session/add/", session_form(world.cohort, **fields)
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Session.objects.filter(title="Budgeting for equity").exists()


def test_a_host_city_of_another_cohort_is_refused(staff_client, world):
    other_city = world.other_cohort.participating_cities.get()
    response = staff_client.post(
        "/admin/cohorts/session/add/",
        session_form(world.cohort, kind="site_visit", host_city=other_city.pk),
    )
    assert "Pick one of this cohort&#x27;s cities." in response.text


def test_duplicate_city_in_the_city_admin(staff_client):
    add_city(CohortFactory(), "Pittsburgh", "PA")
    city = {"name": "PITTSBURGH", "state": "PA", "slug": "pgh"}
    response = staff_client.post(
        "/admin/cohorts/city/add/", city | {"time_zone": "America/New_York"}
    )
    assert response.status_code == 200
    assert "A city with this name and state already exists." in response.text


def test_copy_a_schedule_into_another_cohort(staff_client, world):
    SessionFactory(cohort=world.cohort, kind="site_visit", host_city=world.wichita)
    source_count = world.cohort.sessions.count()
    data = {"action": "copy_schedule", "_selected_action": [world.cohort.pk]}
    page = staff_client.post("/admin/cohorts/cohort/", data)
    assert page.status_code == 200
    assert "Copy into this cohort" in page.text
    data["target"] = world.other_cohort.pk
    response = staff_client.post("/admin/cohorts/cohort/", data, follow=True)
    # Everything but the site visit and the two city calls (cities Rochester lacks).
    assert "Copied 1 session into" in response.text
    assert "Skipped 3 tied to cities the target does not have." in response.text
    assert world.other_cohort.sessions.count() == 1
    assert world.cohort.sessions.count() == source_count


def test_a_new_cohort_cannot_take_members_for_another_cohorts_city(staff_client, world):
    data = cohort_form(world.cohort.program)
    data["memberships-TOTAL_FORMS"] = "1"
    data |= {
        "memberships-0-user": world.outsider.pk,
        "memberships-0-role": "participant",
        "memberships-0-city": world.long_beach.pk,
    }
    response = staff_client.post("/admin/cohorts/cohort/add/", data)
    assert response.status_code == 200
    assert "Select a valid choice." in response.text
    assert not Cohort.objects.filter(slug="next").exists()


@pytest.mark.parametrize(
    ("day", "time", "message"),
    [
        ("2026-03-29", "01:30", "does not exist that day in Europe/London"),
        ("2026-10-25", "01:30", "happens twice that day in Europe/London"),
    ],
)
def test_times_the_clock_skips_or_repeats_are_refused(
    staff_client, world, day, time, message
):
    data = session_form(
        world.cohort, time_zone="Europe/London", starts_at_0=day, starts_at_1=time,
        ends_at_0=day, ends_at_1="12:00",
    )  # fmt: skip
    response = staff_client.post("/admin/cohorts/session/add/", data)
    assert message in response.text
    assert not Session.objects.filter(title="Budgeting for equity").exists()


def test_a_time_the_servers_zone_skips_is_fine_elsewhere(staff_client, world):
    # 02:30 on 8 March 2026 does not exist in New York (the server's zone), but
    # does in London.
    data = session_form(
        world.cohort, time_zone="Europe/London", starts_at_0="2026-03-08",
        starts_at_1="02:30", ends_at_0="2026-03-08", ends_at_1="04:00",
    )  # fmt: skip
    assert staff_client.post("/admin/cohorts/session/add/", data).status_code == 302
    session = Session.objects.get(title="Budgeting for equity")
    assert session.starts_at == datetime.datetime(
        2026, 3, 8, 2, 30, tzinfo=ZoneInfo("Europe/London")
    )


def test_an_untouched_session_form_has_no_changes(world):
    from cohorts.forms import SessionForm

    session = world.long_beach_call
    initial = SessionForm(instance=session)
    data = {name: initial[name].value() for name in initial.fields}
    for name in ("starts_at", "ends_at"):
        value = data.pop(name)
        data[f"{name}_0"], data[f"{name}_1"] = value.date(), value.time()
    data["materials"] = []
    form = SessionForm(data, instance=session)
    assert form.is_valid(), form.errors
    assert form.changed_data == []
