"""No request anyone can make ends in a 500: every URL pattern, with hostile values.

For each pattern of the site (the same world and addresses as the query budgets),
one GET and one empty POST learn which parameters the view reads (query string and
form fields). Then each path parameter, and each parameter read, gets each hostile
value in turn, in the query string and in a POST, as a guest, a member and a
superuser in turn (the admin's pages as the superuser only); and Hypothesis adds
random text on top. Any answer of 500, or exception, fails the pattern's test.
"""

import copy
import itertools
from collections import defaultdict
from urllib.parse import quote

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.http.request import QueryDict
from django.test.utils import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.client import Client
from tests.query_budgets.budgets import EXCLUDED
from tests.query_budgets.page_requests import (
    GUEST,
    MEMBER,
    REQUESTS,
    ROOT,
    url_pattern_keys,
)
from tests.query_budgets.world import build_world

pytestmark = pytest.mark.django_db

INVALID_UTF8 = "%FF%FE"  # sent as these raw bytes, percent-encoded
# One of each kind of trouble. NUL is refused for every request by a middleware
# (tests/test_hostile_input.py), so it is not repeated here.
HOSTILE = [
    "²",  # a digit to str.isdigit(), not to int()
    "-" * 33,  # nested negations in a web-search query
    "x" * 10_000,
    "-1",
    "99999999999999999999",  # past bigint
    "' OR 1=1 --",
    "a & !(b | c:*) <-> d",
    '"',
    INVALID_UTF8,
]
# The admin's forms have many fields: two values each there.
ADMIN_HOSTILE = ["' OR 1=1 --", "99999999999999999999"]
PATTERNS = [key for key in url_pattern_keys() if key not in EXCLUDED]


def _encoded(value: str) -> str:
    return value if value == INVALID_UTF8 else quote(value, safe="")


class ReadParameters:
    """Records the names a view reads from request.GET or request.POST."""

    def __init__(self):
        self.names = set()
        self._saved = {}

    def __enter__(self):
        names = self.names
        for method in ("get", "getlist", "__getitem__", "__contains__"):
            original = getattr(QueryDict, method)
            self._saved[method] = original

            def spy(qd, key, *args, _original=original, **kwargs):
                if isinstance(key, str):
                    names.add(key)
                return _original(qd, key, *args, **kwargs)

            setattr(QueryDict, method, spy)
        return self

    def __exit__(self, *exc):
        for method, original in self._saved.items():
            setattr(QueryDict, method, original)


class Prober:
    def __init__(self, world):
        self.world = world
        self.failures = defaultdict(list)
        self.requests = 0
        self.statuses = defaultdict(lambda: defaultdict(int))
        # Signed in once, outside the requests' rolled-back transactions.
        self.clients = {GUEST: Client(raise_request_exception=False)}
        for viewer, user in [(MEMBER, world.member), (ROOT, world.superuser)]:
            self.clients[viewer] = Client(raise_request_exception=False)
            self.clients[viewer].force_login(user)
        # A request that signs out clears its client's cookie: each starts anew.
        self.cookies = {v: copy.deepcopy(c.cookies) for v, c in self.clients.items()}

    def base(self, key: str) -> tuple[str, dict]:
        """The pattern's address with real values, and those values."""
        from django.urls import reverse

        req = REQUESTS[key]
        if req.path:
            return req.path(self.world), {}
        kwargs = req.kwargs(self.world) if req.kwargs else {}
        url = reverse(key, kwargs=kwargs or None)
        return url, kwargs

    def send(self, key, viewer, method, url, query="", data=None) -> int | None:
        self.requests += 1
        where = f"{viewer} {method} {url}?{query[:80]}" + (
            f" {sorted(data)}" if data else ""
        )
        try:
            with transaction.atomic():
                cache.clear()
                ContentType.objects.clear_cache()
                client = self.clients[viewer]
                client.cookies = copy.deepcopy(self.cookies[viewer])
                if method == "GET":
                    response = client.get(url, QUERY_STRING=query)
                else:
                    response = client.post(f"{url}?{query}" if query else url, data)
                if getattr(response, "streaming", False):
                    b"".join(response.streaming_content)
                transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - reported as the pattern's failure
            self.failures[key].append(f"{where}: {type(error).__name__}: {error}")
            return None
        self.statuses[viewer][response.status_code] += 1
        if response.status_code >= 500:
            self.failures[key].append(f"{where}: {response.status_code}")
        return response.status_code

    def read_parameters(self, key, viewer, url, query) -> tuple[set[str], bool]:
        """The names the view reads, and whether it takes a POST at all."""
        with ReadParameters() as spy:
            self.send(key, viewer, "GET", url, query)
            status = self.send(key, viewer, "POST", url, query, {})
        return spy.names, status != 405

    def probe(self, key: str) -> None:
        req = REQUESTS[key]
        url, kwargs = self.base(key)
        query = req.query or ""
        admin = key.startswith("admin")
        viewers = [ROOT] if admin else [GUEST, MEMBER, ROOT]
        names, posts = set(), False
        for viewer in viewers:
            read, takes_post = self.read_parameters(key, viewer, url, query)
            names |= read
            posts |= takes_post
        names -= {"csrfmiddlewaretoken"}
        values = ADMIN_HOSTILE if admin else HOSTILE
        turns = itertools.cycle(viewers)
        for value in kwargs.values():
            for hostile in values:
                viewer = next(turns)
                bad = url.replace(f"/{value}/", f"/{_encoded(hostile)}/", 1)
                self.send(key, viewer, "GET", bad, query)
                if posts:
                    self.send(key, viewer, "POST", bad, query, {})
        for name in sorted(names):
            for hostile in values:
                viewer = next(turns)
                pair = f"{quote(name)}={_encoded(hostile)}"
                self.send(key, viewer, "GET", url, f"{query}&{pair}" if query else pair)
                if posts and hostile != INVALID_UTF8:
                    self.send(key, viewer, "POST", url, query, {name: hostile})


@pytest.fixture(scope="module")
def probed(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        prober = Prober(build_world(2))
        for key in PATTERNS:
            prober.probe(key)
        transaction.set_rollback(True)
    cache.clear()
    return prober


@pytest.mark.parametrize("key", PATTERNS)
def test_no_hostile_value_makes_the_page_fail(probed, key):
    failures = probed.failures.get(key, [])
    assert not failures, f"{key}: {len(failures)} failed:\n" + "\n".join(failures[:10])


def test_the_walk_covers_every_pattern(probed):
    assert probed.requests > 10 * len(PATTERNS)
    # The signed-in viewers stayed signed in: the admin's pages were reached.
    assert probed.statuses[ROOT].get(200, 0) > len(PATTERNS)


# Random text on top of the listed values, on our own pages' search and filters.
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=st.sampled_from(
        ["/search/", "/resources/", "/resources/autocomplete/", "/community/members/"]
    ),
    name=st.sampled_from(["q", "page", "year", "kind", "topic", "org", "sort"]),
    value=st.one_of(st.sampled_from(HOSTILE[:-1]), st.text(max_size=300)),
)
def test_random_text_in_search_and_filters_never_fails(member, path, name, value):
    client = Client(raise_request_exception=True)
    client.force_login(member)
    response = client.get(path, {name: value})
    assert response.status_code < 500
