import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from community import roles

pytestmark = pytest.mark.django_db


def run_seed(*args):
    from io import StringIO

    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_creates_one_account_per_role_and_two_members(settings):
    settings.DEBUG = True
    run_seed()
    users = get_user_model().objects
    assert users.get(username="curator").groups.filter(name=roles.CURATORS).exists()
    assert users.get(username="moderator").groups.filter(name=roles.MODERATORS).exists()
    assert (
        users.get(username="programstaff")
        .groups.filter(name=roles.PROGRAM_STAFF)
        .exists()
    )
    assert users.filter(is_staff=False, username__in=["maria", "james"]).count() == 2
    assert users.get(username="maria").emailaddress_set.get().verified


def test_seed_demo_twice_creates_nothing_new(settings):
    settings.DEBUG = True
    run_seed()
    count = get_user_model().objects.count()
    second = run_seed()
    assert get_user_model().objects.count() == count
    assert "nothing new" in second


def test_passwords_are_printed_in_development_and_work(client, settings):
    settings.DEBUG = True
    output = run_seed()
    line = next(line for line in output.splitlines() if "maria@example.org" in line)
    password = line.split()[1]
    client.post(
        "/accounts/login/", {"login": "maria@example.org", "password": password}
    )
    assert client.session["_auth_user_id"]


def test_passwords_are_not_printed_outside_development(settings):
    settings.DEBUG = False
    output = run_seed()
    assert "maria@example.org" not in output
    assert "not shown" in output
