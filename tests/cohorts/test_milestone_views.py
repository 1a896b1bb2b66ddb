"""A city records its milestones on the cohort page, without JavaScript; a
refusal shows the form again with what was typed, and stores nothing."""

import datetime

import pytest
from django.utils import timezone

from cohorts.models import Milestone, MilestoneKind
from tests.cohorts.outcome_helpers import make_kinds
from tests.cohorts.view_helpers import sign_in, url
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinds(world):
    return make_kinds(world.cohort.program)


def post(client, world, milestone_kind, city=None, **fields):
    data = {
        "city": (city or world.wichita).pk,
        "kind": milestone_kind.pk,
        "reached_on": "2018-06-12",
        "evidence_url": "https://wichita.example.gov/minutes/2018-06-12",
        "note": "Passed 6 to 1",
    } | fields
    return client.post(url(world, "milestones/"), data)


def test_a_city_lead_records_a_milestone_and_sees_it_listed(client, world, kinds):
    client.force_login(world.city_lead)
    response = post(client, world, kinds[0])
    assert response.status_code == 302
    assert response.url == url(world, "#milestones-wichita-ks")
    page = client.get(response.url).text
    assert (
        "Recorded “Racial equity resolution adopted by council” for Wichita, KS, "
        "reached on June 12, 2018." in page
    )
    assert '<time datetime="2018-06-12">June 12, 2018</time>' in page
    assert 'href="https://wichita.example.gov/minutes/2018-06-12"' in page
    assert "Passed 6 to 1" in page
    milestone = Milestone.objects.get()
    assert milestone.recorded_by == world.city_lead


def test_the_form_offers_only_the_milestones_not_reached_yet(client, world, kinds):
    Milestone.objects.create(
        city=world.wichita, kind=kinds[1], reached_on=datetime.date(2018, 3, 1)
    )
    client.force_login(world.city_lead)
    page = client.get(url(world)).text
    form = page[page.index('id="milestone-kind-' + str(world.wichita.pk)) :]
    options = form[: form.index("</select>")]
    assert kinds[0].name in options
    assert kinds[1].name not in options
    assert f'min="2018-02-01" max="{timezone.localdate().isoformat()}"' in page


def test_only_those_who_may_see_the_form(client, world, kinds):
    client.force_login(world.participant)  # Long Beach
    page = client.get(url(world)).text
    assert f'id="milestone-kind-{world.long_beach.pk}"' in page
    assert f'id="milestone-kind-{world.wichita.pk}"' not in page


def test_a_future_date_shows_the_form_again_with_what_was_typed(client, world, kinds):
    client.force_login(world.city_lead)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post(client, world, kinds[0], reached_on=tomorrow.isoformat())
    assert response.status_code == 400
    assert "A milestone cannot be dated in the future." in response.text
    assert "The milestone was not recorded." in response.text
    assert 'value="https://wichita.example.gov/minutes/2018-06-12"' in response.text
    assert 'value="Passed 6 to 1"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert not Milestone.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reached_on": "2017-12-31"}, "before the cohort began (2018-02-01)"),
        ({"reached_on": "last spring"}, "Enter a valid date."),
        ({"reached_on": ""}, "This field is required."),
        ({"evidence_url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"note": "x" * 501}, "Ensure this value has at most 500 characters"),
        ({"kind": "999999"}, "Pick one of the program&#x27;s milestones."),
        ({"kind": "first"}, "Pick one of the program&#x27;s milestones."),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(
    client, world, kinds, fields, message
):
    client.force_login(world.city_lead)
    response = post(client, world, kinds[0], **fields)
    assert response.status_code == 400
    assert message in response.text
    assert not Milestone.objects.exists()


def test_a_kind_of_another_program_is_not_offered(client, world, kinds):
    theirs = MilestoneKind.objects.create(program=ProgramFactory(), name="Theirs")
    client.force_login(world.staff)
    response = post(client, world, theirs)
    assert response.status_code == 400
    assert "Pick one of the program&#x27;s milestones." in response.text
    assert not Milestone.objects.exists()


def test_a_milestone_reached_already_is_said_so(client, world, kinds):
    client.force_login(world.city_lead)
    post(client, world, kinds[0])
    response = post(client, world, kinds[0], reached_on="2018-07-01")
    assert response.status_code == 400
    assert "Wichita, KS already recorded" in response.text
    assert Milestone.objects.get().reached_on == datetime.date(2018, 6, 12)


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("guest", 302),  # to sign in
        ("outsider", 404),
        ("other_participant", 404),
        ("participant", 403),  # Long Beach's, not Wichita's
    ],
)
def test_no_one_else_records_a_citys_milestone(client, world, kinds, viewer, expected):
    sign_in(client, world, viewer)
    response = post(client, world, kinds[0])
    assert response.status_code == expected
    if expected == 403:
        assert "Only this city&#x27;s people and the program team" in response.text
    assert not Milestone.objects.exists()


@pytest.mark.parametrize("city", ["rochester", "", "abc", "99999999999999999999"])
def test_a_city_not_of_this_cohort_is_not_found(client, world, kinds, city):
    rochester = world.other_cohort.participating_cities.get()
    client.force_login(world.staff)
    data = {"city": rochester.pk if city == "rochester" else city}
    response = client.post(url(world, "milestones/"), data | {"kind": kinds[0].pk})
    assert response.status_code == 404
    assert not Milestone.objects.exists()


def test_a_milestone_is_removed_from_the_cohort_page(client, world, kinds):
    milestone = Milestone.objects.create(
        city=world.wichita, kind=kinds[0], reached_on=datetime.date(2018, 6, 12)
    )
    path = url(world, f"milestones/{milestone.pk}/remove/")
    client.force_login(world.participant)
    assert client.post(path).status_code == 403
    client.force_login(world.outsider)
    assert client.post(path).status_code == 404
    assert Milestone.objects.exists()
    client.force_login(world.city_lead)
    page = client.post(path, follow=True).text
    assert "is no longer recorded for Wichita, KS." in page
    assert not Milestone.objects.exists()


def test_a_milestone_of_another_cohort_is_not_found_under_this_one(
    client, world, kinds
):
    rochester = world.other_cohort.participating_cities.get()
    theirs = Milestone.objects.create(
        city=rochester, kind=kinds[0], reached_on=datetime.date(2019, 6, 1)
    )
    client.force_login(world.staff)
    assert client.post(url(world, f"milestones/{theirs.pk}/remove/")).status_code == 404
    assert Milestone.objects.exists()


def test_recording_and_removing_only_post(client, world, kinds):
    client.force_login(world.city_lead)
    assert client.get(url(world, "milestones/")).status_code == 405
