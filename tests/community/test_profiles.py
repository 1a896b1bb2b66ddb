import pytest

from community.members.views import PROFILE_SAVED
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_profile_page_shows_members_name_title_and_organization(client, member):
    client.force_login(UserFactory())
    response = client.get(f"/community/members/{member.username}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Maria Lopez" in html
    assert "@maria" in html
    assert member.profile.organization in html
    assert member.profile.job_title in html


def test_a_guest_sees_only_the_name_unless_the_member_made_more_public(client, member):
    member.profile.bio = "Leads the equity office."
    member.profile.save()
    html = client.get(f"/community/members/{member.username}/").content.decode()
    assert "Maria Lopez" in html
    for detail in [member.profile.organization, member.profile.job_title, "Leads the"]:
        assert detail not in html

    member.profile.details_public = True
    member.profile.save()
    html = client.get(f"/community/members/{member.username}/").content.decode()
    assert member.profile.organization in html
    assert "Leads the equity office." in html


def test_the_member_directory_is_for_signed_in_members(client, member):
    response = client.get("/community/members/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    client.force_login(UserFactory())
    assert "Maria Lopez" in client.get("/community/members/").text


def test_a_member_who_leaves_the_directory_is_not_listed_or_found(
    client, member, other_member
):
    member.profile.in_directory = False
    member.profile.save()
    client.force_login(other_member)
    assert "Maria Lopez" not in client.get("/community/members/").text
    assert "Maria Lopez" not in client.get("/community/members/?q=maria").text
    assert "Maria Lopez" not in client.get("/search/?q=maria").text
    # Her profile page stays, for the links on her posts.
    assert "Maria Lopez" in client.get("/community/members/maria/").text


def test_guests_search_no_members(client, member):
    html = client.get("/search/?q=maria").text
    assert "Maria Lopez" not in html
    assert "Members are listed for signed-in members only" in html


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
            "in_directory": "on",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/community/members/{member.username}/"
    assert str(PROFILE_SAVED) in response.content.decode()
    member.profile.refresh_from_db()
    assert member.profile.display_name == "Maria L. Lopez"
    assert member.profile.job_title == "Chief Equity Officer"
    assert member.profile.in_directory
    assert not member.profile.details_public


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
def test_member_directory_runs_fixed_queries(
    member_client, django_assert_num_queries, count
):
    UserFactory.create_batch(count)
    # The session, the user (with the header's name and unread count), the
    # count, the page of members with profiles.
    with django_assert_num_queries(3):
        response = member_client.get("/community/members/")
    assert response.status_code == 200
    assert len(response.context["members"]) == min(count + 1, 30)  # and maria


def test_member_directory_filters_by_organization(member_client):
    UserFactory(username="lb", profile__organization="City of Long Beach")
    UserFactory(username="wi", profile__organization="City of Wichita")
    response = member_client.get("/community/members/?q=long beach")
    assert [m.username for m in response.context["members"]] == ["lb"]


@pytest.mark.parametrize(("page", "shown"), [("abc", 1), ("99999", 2), ("-1", 2)])
def test_member_directory_bad_page_shows_first_or_last_page(member_client, page, shown):
    UserFactory.create_batch(30)  # and maria
    response = member_client.get(f"/community/members/?page={page}")
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
