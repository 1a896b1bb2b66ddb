import pytest

from tests.factories import ResourceFactory, UserFactory

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
    for label in ["Home", "Resources", "Community", "Cohorts", "Search"]:
        assert f">{label}</a>" in html


def test_unknown_url_is_the_sites_404_page(client):
    response = client.get("/nothing/here/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_search_finds_members_by_name(client):
    UserFactory(username="ana", profile__display_name="Ana Rivera")
    UserFactory(username="bo", profile__display_name="Bo Chen")
    response = client.get("/search/?q=rivera")
    assert [m.username for m in response.context["members"]] == ["ana"]
    assert response.context["members_count"] == 1


@pytest.mark.parametrize(
    "query", ["x" * 5000, "'\"); DROP TABLE--", "%", "\\", "a\x00b", "\x1b[31m"]
)
def test_search_survives_odd_input(client, query):
    assert client.get("/search/", {"q": query}).status_code == 200


def test_search_finds_published_resources_only(client):
    ResourceFactory(title="Housing equity toolkit")
    ResourceFactory(title="Housing draft", state="draft")
    response = client.get("/search/?q=housing")
    assert [r.title for r in response.context["resources"]] == [
        "Housing equity toolkit"
    ]
    assert response.context["resources_count"] == 1


@pytest.mark.parametrize("count", [5, 50])
def test_search_runs_fixed_queries(client, django_assert_num_queries, count):
    UserFactory.create_batch(count, profile__organization="City of Oakland")
    ResourceFactory.create_batch(count, title="Oakland budget guide")
    # count and page of resources, count and page of members
    with django_assert_num_queries(4):
        response = client.get("/search/?q=oakland")
    assert response.context["members_count"] == count


def test_health_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.parametrize("count", [5, 50])
def test_home_page_runs_fixed_queries(client, django_assert_num_queries, count):
    ResourceFactory.create_batch(count, featured=True)
    # featured resources with their publishers, featured collections, latest threads
    with django_assert_num_queries(3):
        response = client.get("/")
    assert len(response.context["featured_resources"]) == min(count, 6)
