"""A guest who follows a link to a members board's thread or post is asked to
sign in, and lands on it once signed in; a cohort's stays not found."""

import pytest

from tests.factories import PASSWORD, BoardFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads():
    author = UserFactory(username="ana")
    members = BoardFactory(slug="members-only", visibility="members")
    cohort = BoardFactory(slug="cohort-only", visibility="cohort")
    return {
        "members": make_thread(board=members, author=author, title="Budget hearings"),
        "cohort": make_thread(board=cohort, author=author, title="Our city's plan"),
    }


def test_a_guest_is_asked_to_sign_in_without_seeing_the_title(client, threads):
    url = threads["members"].get_absolute_url()
    response = client.get(url)
    assert response.status_code == 403
    page = response.text
    assert "This discussion is for members" in page
    assert "Budget hearings" not in page
    assert f'href="/accounts/login/?next={url}"' in page.replace("%2F", "/")
    assert f'href="/accounts/signup/?next={url}"' in page.replace("%2F", "/")


def test_a_post_permalink_asks_the_same(client, threads):
    post = threads["members"].posts.get()
    response = client.get(f"/community/p/{post.pk}/")
    assert response.status_code == 403
    assert "This discussion is for members" in response.text


def test_cohort_threads_and_missing_ones_stay_not_found(client, threads):
    assert client.get(threads["cohort"].get_absolute_url()).status_code == 404
    cohort_post = threads["cohort"].posts.get()
    assert client.get(f"/community/p/{cohort_post.pk}/").status_code == 404
    assert client.get("/community/t/999999-nothing/").status_code == 404
    assert client.get("/community/p/999999/").status_code == 404


def test_signing_in_leads_back_to_the_thread(client, threads):
    UserFactory(username="ben", email="ben@example.org")
    url = threads["members"].get_absolute_url()
    response = client.post(
        f"/accounts/login/?next={url}",
        {"login": "ben@example.org", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == url
    page = client.get(url)
    assert page.status_code == 200
    assert "Budget hearings" in page.text


def test_a_member_outside_the_cohort_still_gets_not_found(client, threads):
    client.force_login(UserFactory(username="cy"))
    assert client.get(threads["cohort"].get_absolute_url()).status_code == 404


def test_the_page_runs_fixed_queries_and_odd_numbers_are_not_found(
    client, threads, django_assert_num_queries
):
    url = threads["members"].get_absolute_url()
    # the page cache's numbers, the thread as a guest reads it (none), then
    # whether a member would
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 403
    for path in (
        "/community/t/99999999999999999999-x/",
        "/community/p/9" * 1 + "9" * 25 + "/",
    ):
        assert client.get(path).status_code == 404
