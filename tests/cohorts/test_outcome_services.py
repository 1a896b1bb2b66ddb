"""Recording a city's milestones: who may, and every refusal stores nothing."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cohorts import outcomes
from cohorts.models import Milestone, MilestoneKind
from cohorts.models.outcomes import MILESTONE_IN_FUTURE
from tests.cohorts.outcome_helpers import REACHED, make_kinds
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinds(world):
    return make_kinds(world.cohort.program)


def record(world, kind, *, by, city=None, reached_on=REACHED, **fields):
    return outcomes.milestone_record(
        city=city or world.wichita,
        kind=kind,
        reached_on=reached_on,
        evidence_url=fields.get("evidence_url", "https://wichita.example.gov/res-1"),
        note=fields.get("note", ""),
        recorded_by=by,
    )


@pytest.mark.parametrize("who", ["city_lead", "coach", "staff"])
def test_the_citys_people_and_the_team_record_a_milestone(world, kinds, who):
    milestone = record(world, kinds[0], by=getattr(world, who), note="  Unanimous ")
    stored = Milestone.objects.get()
    assert stored == milestone
    assert (stored.city, stored.kind, stored.reached_on) == (
        world.wichita,
        kinds[0],
        REACHED,
    )
    assert stored.recorded_by == getattr(world, who)
    assert stored.note == "Unanimous"


def refused(world, kind, message, **kwargs):
    with pytest.raises(ValidationError) as error:
        record(world, kind, by=world.city_lead, **kwargs)
    assert message in error.value.messages
    return error.value


def test_a_milestone_in_the_future_is_refused(world, kinds):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    refused(world, kinds[0], str(MILESTONE_IN_FUTURE), reached_on=tomorrow)
    assert not Milestone.objects.exists()


def test_a_milestone_before_the_cohort_began_is_refused(world, kinds):
    error = refused(
        world,
        kinds[0],
        "A milestone cannot be dated before the cohort began (2018-02-01).",
        reached_on=datetime.date(2018, 1, 31),
    )
    assert list(error.message_dict) == ["reached_on"]
    assert not Milestone.objects.exists()


def test_the_first_day_of_the_cohort_and_today_are_allowed(world, kinds):
    record(world, kinds[0], by=world.city_lead, reached_on=datetime.date(2018, 2, 1))
    record(world, kinds[1], by=world.city_lead, reached_on=timezone.localdate())
    assert Milestone.objects.count() == 2


def test_a_milestone_of_another_program_is_refused(world, kinds):
    theirs = MilestoneKind.objects.create(program=ProgramFactory(), name="Other")
    refused(world, theirs, "This kind of milestone belongs to another program.")
    assert not Milestone.objects.exists()


def test_a_milestone_recorded_twice_is_refused_with_the_citys_name(world, kinds):
    record(world, kinds[0], by=world.city_lead, reached_on=datetime.date(2018, 5, 1))
    refused(
        world,
        kinds[0],
        "Wichita, KS already recorded “Racial equity resolution adopted by council”.",
    )
    assert Milestone.objects.get().reached_on == datetime.date(2018, 5, 1)


def test_an_evidence_link_that_is_not_a_web_address_is_refused(world, kinds):
    refused(world, kinds[0], "Enter a valid URL.", evidence_url="javascript:alert(1)")
    assert not Milestone.objects.exists()


def test_one_recorded_at_the_same_moment_elsewhere_is_refused_too(
    world, kinds, monkeypatch
):
    """Two people record the same milestone at once: the second save meets the
    database's constraint and is told so, not answered with a 500."""
    full_clean = Milestone.full_clean

    def meanwhile(milestone, *args, **kwargs):
        full_clean(milestone, *args, **kwargs)
        Milestone.objects.create(
            city=milestone.city, kind=milestone.kind, reached_on=REACHED
        )

    monkeypatch.setattr(Milestone, "full_clean", meanwhile)
    refused(
        world,
        kinds[0],
        "Wichita, KS already recorded “Racial equity resolution adopted by council”.",
    )
    assert Milestone.objects.count() == 1  # the other request's


@pytest.mark.parametrize(
    "who", ["participant", "outsider", "other_participant", "guest"]
)
def test_no_one_else_records_a_citys_milestone(world, kinds, who):
    user = AnonymousUser() if who == "guest" else getattr(world, who)
    with pytest.raises(PermissionDenied) as error:
        record(world, kinds[0], by=user)  # Wichita's; the participant is Long Beach's
    assert str(error.value) == str(outcomes.MILESTONE_NOT_YOURS)
    assert not Milestone.objects.exists()


def test_a_milestone_is_removed_by_its_citys_people_only(world, kinds):
    milestone = record(world, kinds[0], by=world.city_lead)
    with pytest.raises(PermissionDenied):
        outcomes.milestone_remove(milestone=milestone, user=world.participant)
    with pytest.raises(PermissionDenied):
        outcomes.milestone_remove(milestone=milestone, user=AnonymousUser())
    assert Milestone.objects.exists()
    outcomes.milestone_remove(milestone=milestone, user=world.city_lead)
    assert not Milestone.objects.exists()
