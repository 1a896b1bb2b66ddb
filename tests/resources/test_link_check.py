"""The link checker, against a local HTTP server started by the tests, never the web."""

import socket
import threading
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from resources.linkcheck import check_url, resource_links_check
from resources.models import Resource
from tests.resources.link_server import SLOW_SECONDS, LinkServer

pytestmark = pytest.mark.django_db

TIMEOUT = 0.5


@pytest.fixture
def server():
    server = LinkServer()
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield server
    server.stopping.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def closed_port_url():
    """A local address where nothing listens: the connection is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/gone"


def make_resource(slug, url, state=Resource.State.PUBLISHED):
    return Resource.objects.create(
        title=slug.replace("-", " ").capitalize(),
        slug=slug,
        summary="A resource for the link check.",
        kind=Resource.Kind.ARTICLE,
        state=state,
        url=url,
    )


def check(*resources):
    counts = resource_links_check(
        resources=Resource.objects.filter(pk__in=[r.pk for r in resources]),
        timeout=TIMEOUT,
        workers=4,
    )
    for resource in resources:
        resource.refresh_from_db()
    return counts


def run_command(*args):
    out = StringIO()
    call_command("check_resource_links", "--timeout", str(TIMEOUT), *args, stdout=out)
    return out.getvalue()


def test_working_link_is_recorded_with_status_and_date(server):
    resource = make_resource("working", server.url("/ok"))
    counts = check(resource)
    assert counts == {"checked": 1, "working": 1, "broken": 0}
    assert resource.link_status == 200
    assert resource.link_error == ""
    assert resource.link_checked_at is not None
    assert not resource.link_is_broken
    assert server.seen("/ok") == ["HEAD"]  # HEAD was enough: no GET.


def test_missing_page_is_recorded_as_broken(server):
    resource = make_resource("missing", server.url("/missing"))
    counts = check(resource)
    assert counts == {"checked": 1, "working": 0, "broken": 1}
    assert resource.link_status == 404
    assert resource.link_checked_at is not None
    assert resource.link_is_broken


def test_head_refused_falls_back_to_get(server):
    resource = make_resource("no-head", server.url("/no-head"))
    check(resource)
    assert resource.link_status == 200
    assert resource.link_error == ""
    assert server.seen("/no-head") == ["HEAD", "GET"]


def test_redirect_is_followed_to_the_final_page(server):
    resource = make_resource("moved", server.url("/redirect"))
    check(resource)
    assert resource.link_status == 200
    assert server.seen("/redirect") == ["HEAD"]
    assert server.seen("/ok") == ["HEAD"]


def test_redirect_loop_is_broken_not_working(server):
    resource = make_resource("loop", server.url("/loop"))
    check(resource)
    assert resource.link_status is None
    assert "Too many redirects" in resource.link_error
    assert resource.link_is_broken


def test_redirect_to_another_scheme_is_not_followed(server):
    resource = make_resource("to-ftp", server.url("/to-ftp"))
    check(resource)
    assert resource.link_status is None
    assert "non-web address" in resource.link_error


def test_slow_server_times_out_after_the_timeout(server):
    resource = make_resource("slow", server.url("/slow"))
    started = time.monotonic()
    check(resource)
    assert time.monotonic() - started < SLOW_SECONDS
    assert resource.link_status is None
    assert resource.link_error == "Timed out after 0.5 s"
    assert resource.link_checked_at is not None
    assert server.seen("/slow") == ["HEAD"]  # A timeout is not asked twice.


def test_connection_refused_is_recorded_as_an_error(closed_port_url):
    resource = make_resource("refused", closed_port_url)
    counts = check(resource)
    assert counts["broken"] == 1
    assert resource.link_status is None
    assert resource.link_error == "Connection refused"


def test_unknown_host_is_recorded_as_an_error(monkeypatch):
    # No DNS query leaves the machine: the lookup fails as for an unknown name.
    def no_such_host(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    result = check_url("https://no-such-host.invalid/report.pdf", timeout=TIMEOUT)
    assert result.status is None
    assert result.error == "Host not found (Name or service not known)"


def test_only_web_links_are_requested(closed_port_url):
    # Were it requested, this address would answer "Connection refused".
    ftp_url = closed_port_url.replace("http://", "ftp://")
    result = check_url(ftp_url, timeout=TIMEOUT)
    assert result.status is None
    assert result.error == "Not a web link: only http and https links are checked"


def test_malformed_link_is_an_error_not_an_exception():
    result = check_url("http://[::1/report", timeout=TIMEOUT)
    assert result.status is None
    assert result.error.startswith("Malformed link")
    assert len(result.error) <= 200


def test_requests_name_the_link_checker(server):
    check_url(server.url("/ok"), timeout=TIMEOUT)
    [(_, _, user_agent)] = server.requests
    assert user_agent == "EquityCommonsLinkCheck/1.0"


def test_link_with_accents_in_the_path_is_checked(server):
    result = check_url(server.url("/missing/équité plan"), timeout=TIMEOUT)
    assert result.status == 404
    assert server.requests[0][1] == "/missing/%C3%A9quit%C3%A9%20plan"


def test_resources_sharing_a_link_are_asked_once(server):
    first = make_resource("first", server.url("/ok"))
    second = make_resource("second", server.url("/ok"))
    counts = check(first, second)
    assert counts == {"checked": 2, "working": 2, "broken": 0}
    assert first.link_status == second.link_status == 200
    assert server.seen("/ok") == ["HEAD"]


def test_command_checks_only_published_resources_with_a_link(server):
    published = make_resource("published", server.url("/ok"))
    draft = make_resource("draft", server.url("/ok"), state=Resource.State.DRAFT)
    linkless = make_resource("no-link", "")
    output = run_command()
    assert output.splitlines()[0] == "Checked 1 links: 1 working, 0 broken."
    published.refresh_from_db()
    draft.refresh_from_db()
    linkless.refresh_from_db()
    assert published.link_checked_at is not None
    assert draft.link_checked_at is None
    assert linkless.link_checked_at is None


def test_command_prints_a_summary_and_lists_the_broken_links(server, closed_port_url):
    make_resource("working", server.url("/ok"))
    make_resource("moved", server.url("/redirect"))
    make_resource("missing", server.url("/missing"))
    make_resource("refused", closed_port_url)
    output = run_command()
    assert output.splitlines() == [
        "Checked 4 links: 2 working, 2 broken.",
        f"  Missing — {server.url('/missing')} — 404",
        f"  Refused — {closed_port_url} — Connection refused",
    ]


def test_only_broken_rechecks_only_the_broken_links(server):
    working = make_resource("working", server.url("/ok"))
    missing = make_resource("missing", server.url("/missing"))
    run_command()
    working.refresh_from_db()
    first_check = working.link_checked_at
    server.requests.clear()

    output = run_command("--only-broken")

    assert output.splitlines() == [
        "Checked 1 links: 0 working, 1 broken.",
        f"  Missing — {missing.url} — 404",
    ]
    assert [path for _, path, _ in server.requests] == ["/missing"]
    working.refresh_from_db()
    missing.refresh_from_db()
    assert working.link_checked_at == first_check
    assert missing.link_checked_at > first_check


def test_link_fixed_since_last_check_is_working_after_only_broken(server):
    resource = make_resource("fixed", server.url("/missing"))
    run_command()
    Resource.objects.filter(pk=resource.pk).update(url=server.url("/ok"))
    output = run_command("--only-broken")
    assert output.splitlines() == ["Checked 1 links: 1 working, 0 broken."]
    resource.refresh_from_db()
    assert resource.link_status == 200


@pytest.mark.parametrize(
    "option", [["--workers", "0"], ["--workers", "33"], ["--timeout", "0"]]
)
def test_command_refuses_out_of_range_options(option):
    with pytest.raises(CommandError):
        call_command("check_resource_links", *option, stdout=StringIO())


def test_admin_broken_filter_lists_exactly_the_broken_links(
    client, django_user_model, server, closed_port_url
):
    make_resource("working", server.url("/ok"))
    make_resource("no-head", server.url("/no-head"))
    make_resource("missing", server.url("/missing"))
    make_resource("refused", closed_port_url)
    make_resource("not-checked", server.url("/missing"), state=Resource.State.DRAFT)
    run_command()
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(admin)

    response = client.get("/admin/resources/resource/?link=broken")

    assert response.status_code == 200
    listed = {r.slug for r in response.context["cl"].result_list}
    assert listed == {"missing", "refused"}
