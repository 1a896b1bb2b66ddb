import pytest

from community.views import PROFILE_SAVED
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_profile_page_shows_name_title_and_organization(client, member):
    response = client.get(f"/community/members/{member.username}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Maria Lopez" in html
    assert "@maria" in html
    assert member.profile.organization in html


def test_profile_never_shows_the_email_address(client, member):
    html = client.get(f"/community/members/{member.username}/").content.decode()
    assert member.email not in html


def test_unknown_or_inactive_member_is_404(client):
    UserFactory(username="gone", is_active=False)
    assert client.get("/community/members/nobody/").status_code == 404
    assert client.get("/community/members/gone/").status_code == 404


def test_member_edits_own_profile(member_client, member):
    response = member_client.post(
        f"/community/members/{member.username}/edit/",
        {
            "display_name": "  Maria L. Lopez ",
            "job_title": "Chief Equity Officer",
            "organization": "City of Long Beach",
            "bio": "Leads the equity office.",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/community/members/{member.username}/"
    assert str(PROFILE_SAVED) in response.content.decode()
    member.profile.refresh_from_db()
    assert member.profile.display_name == "Maria L. Lopez"
    assert member.profile.job_title == "Chief Equity Officer"


def test_too_long_bio_is_refused_and_nothing_changes(member_client, member):
    response = member_client.post(
        f"/community/members/{member.username}/edit/",
        {"display_name": "New name", "bio": "x" * 1001},
    )
    assert response.status_code == 200
    assert "bio" in response.context["form"].errors
    member.profile.refresh_from_db()
    assert member.profile.display_name == "Maria Lopez"


def test_member_cannot_edit_someone_elses_profile(member_client, other_member):
    url = f"/community/members/{other_member.username}/edit/"
    assert member_client.get(url).status_code == 403
    assert member_client.post(url, {"display_name": "Hijacked"}).status_code == 403
    other_member.profile.refresh_from_db()
    assert other_member.profile.display_name == "James Carter"


def test_guest_is_sent_to_sign_in_to_edit(client, member):
    response = client.get(f"/community/members/{member.username}/edit/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_account_made_in_the_admin_gets_a_profile_on_first_edit(
    client, django_user_model
):
    user = django_user_model.objects.create_user("adminmade", "a@example.org", "x")
    client.force_login(user)
    response = client.get("/community/members/adminmade/edit/")
    assert response.status_code == 200
    assert client.get("/community/members/adminmade/").status_code == 200


def test_header_shows_display_name_of_signed_in_member(member_client):
    html = member_client.get("/").content.decode()
    assert 'data-testid="header-name">Maria Lopez<' in html


@pytest.mark.parametrize("count", [5, 50])
def test_member_directory_runs_fixed_queries(client, django_assert_num_queries, count):
    UserFactory.create_batch(count)
    # Session lookup is skipped for guests: the content generation (guest page
    # cache), count, page of members with profiles.
    with django_assert_num_queries(3):
        response = client.get("/community/members/")
    assert response.status_code == 200
    assert len(response.context["members"]) == min(count, 30)


def test_member_directory_filters_by_organization(client):
    UserFactory(username="lb", profile__organization="City of Long Beach")
    UserFactory(username="wi", profile__organization="City of Wichita")
    response = client.get("/community/members/?q=long beach")
    assert [m.username for m in response.context["members"]] == ["lb"]


@pytest.mark.parametrize(("page", "shown"), [("abc", 1), ("99999", 2), ("-1", 2)])
def test_member_directory_bad_page_shows_first_or_last_page(client, page, shown):
    UserFactory.create_batch(31)
    response = client.get(f"/community/members/?page={page}")
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
