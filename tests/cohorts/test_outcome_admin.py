"""Program staff define a program's milestones and record a city's in /admin/;
the admin says the model's and the service's rules, never a 500."""

import datetime

import pytest
from django.utils import timezone

from cohorts.models import Milestone, MilestoneKind
from tests.cohorts.conftest import make_program_staff
from tests.cohorts.outcome_helpers import make_kinds
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    return world.staff


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_the_program_page_of_the_admin_lists_its_milestones(staff_client, world):
    make_kinds(world.cohort.program)
    page = staff_client.get(
        f"/admin/cohorts/program/{world.cohort.program.pk}/change/"
    ).text
    assert 'id="milestone_kinds-group"' in page
    assert 'value="Equity office staffed"' in page


def test_program_staff_define_a_milestone_kind(staff_client, world):
    response = staff_client.post(
        "/admin/cohorts/milestonekind/add/",
        {"program": world.cohort.program.pk, "name": "Staff trained", "position": 3},
    )
    assert response.status_code == 302
    assert MilestoneKind.objects.get().name == "Staff trained"


def milestone_form(world, milestone_kind, **fields):
    return {
        "city": world.wichita.pk,
        "kind": milestone_kind.pk,
        "reached_on": "2018-06-12",
        "evidence_url": "https://wichita.example.gov/minutes",
        "note": "",
    } | fields


def test_program_staff_record_a_milestone_as_the_site_does(staff_client, world, staff):
    kind = make_kinds(world.cohort.program)[0]
    response = staff_client.post(
        "/admin/cohorts/milestone/add/", milestone_form(world, kind)
    )
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    assert milestone.recorded_by == staff
    assert milestone.reached_on == datetime.date(2018, 6, 12)
    assert staff_client.get("/admin/cohorts/milestone/").status_code == 200


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reached_on": "future"}, "A milestone cannot be dated in the future."),
        ({"reached_on": "2018-01-01"}, "before the cohort began (2018-02-01)"),
        ({"kind": "theirs"}, "This kind of milestone belongs to another program."),
    ],
)
def test_a_bad_milestone_is_refused_on_the_form(staff_client, world, fields, message):
    kind = make_kinds(world.cohort.program)[0]
    if fields.get("reached_on") == "future":
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        fields = {"reached_on": tomorrow.isoformat()}
    if fields.get("kind") == "theirs":
        fields = {"kind": MilestoneKind.objects.create(program=ProgramFactory()).pk}
    response = staff_client.post(
        "/admin/cohorts/milestone/add/", milestone_form(world, kind, **fields)
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Milestone.objects.exists()


def test_a_milestone_recorded_twice_is_refused_on_the_form(staff_client, world):
    kind = make_kinds(world.cohort.program)[0]
    staff_client.post("/admin/cohorts/milestone/add/", milestone_form(world, kind))
    response = staff_client.post(
        "/admin/cohorts/milestone/add/",
        milestone_form(world, kind, reached_on="2018-07-01"),
    )
    assert response.status_code == 200
    assert "This city already reached this milestone." in response.text
    assert Milestone.objects.count() == 1


def test_moderators_do_not_record_milestones(client, moderator_user, world):
    client.force_login(moderator_user)
    assert client.get("/admin/cohorts/milestone/").status_code == 403


def test_program_staff_have_the_permissions(world):
    staff = make_program_staff("another")
    assert staff.has_perm("cohorts.add_milestone")
    assert staff.has_perm("cohorts.change_milestonekind")
