"""The Content Security Policy and other headers on ordinary, error and admin pages."""

import pytest

from tests.client import Client

DIRECTIVES_REQUIRED = {
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
}


def parse_csp(header: str) -> dict[str, list[str]]:
    policy = {}
    for directive in header.split(";"):
        parts = directive.split()
        if parts:
            policy[parts[0]] = parts[1:]
    return policy


def assert_strict_policy(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    policy = parse_csp(header)
    for name, values in DIRECTIVES_REQUIRED.items():
        assert policy[name] == values
    assert policy["default-src"] == ["'self'"]
    scripts = policy["script-src"]
    assert "'self'" in scripts
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:"} & set(scripts)
    assert all(v == "'self'" or v.startswith("'nonce-") for v in scripts)
    assert policy["style-src"] == ["'self'"]
    assert set(policy["img-src"]) <= {"'self'", "data:"}
    return policy


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status"),
    [("/", 200), ("/no-such-page/", 404), ("/accounts/login/", 200)],
)
def test_pages_send_a_strict_csp(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert_strict_policy(response)


@pytest.mark.django_db
def test_admin_page_sends_a_strict_csp(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert_strict_policy(response)


@pytest.mark.django_db
def test_server_error_page_is_in_the_layout_and_sends_csp(settings):
    # A view that fails: the 500 page still carries the policy and the site's layout.
    settings.ROOT_URLCONF = "tests.urls_failing"
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert_strict_policy(response)
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'href="#main"' in html


@pytest.mark.django_db
def test_a_server_error_is_logged_with_its_traceback(settings, console_log):
    settings.ROOT_URLCONF = "tests.urls_failing"
    Client(raise_request_exception=False).get("/boom/")
    log = console_log.getvalue()
    assert log.startswith("Internal Server Error: /boom/\n")
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: a failing view, for the 500 page test" in log


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_every_post_is_csrf_protected(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(
        f"/community/members/{member.username}/edit/", {"display_name": "Hacked"}
    )
    assert response.status_code == 403
    member.profile.refresh_from_db()
    assert member.profile.display_name == "Maria Lopez"
