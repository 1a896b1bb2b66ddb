import pytest

from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_home_page_invites_guests_to_sign_up(client):
    html = client.get("/").content.decode()
    assert 'href="/accounts/signup/"' in html
    assert "<h1>" in html


def test_home_page_for_member_has_account_menu_not_sign_up(member_client):
    html = member_client.get("/").content.decode()
    assert 'action="/accounts/logout/"' in html
    assert "Join the community" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/resources/",
        "/community/",
        "/cohorts/",
        "/search/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/no-such-page/",
    ],
)
def test_every_page_has_the_layout_and_one_h1(client, path):
    html = client.get(path).content.decode()
    assert html.count("<h1") == 1
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    for label in ["Home", "Resources", "Community", "Cohorts"]:
        assert f">{label}</a>" in html
    # One search box in the header, on every page.
    assert '<form class="header-search" method="get" action="/search/"' in html


def test_unknown_url_is_the_sites_404_page(client):
    response = client.get("/nothing/here/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_health_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("count", [5, 50])
def test_home_page_runs_fixed_queries(client, django_assert_num_queries, count):
    ResourceFactory.create_batch(count, featured=True)
    # the versions (guest page cache), featured resources with their
    # publishers, featured collections, latest threads
    with django_assert_num_queries(4):
        response = client.get("/")
    assert len(response.context["featured_resources"]) == min(count, 6)
