"""Every URL pattern of the site, requested with a little data and with more: the
number of SQL queries must be the same at both sizes (no query per row) and stay
within the pattern's budget (tests/query_budgets/budgets.py). A pattern with neither
a budget nor a reason to be left out makes
test_every_url_pattern_has_a_budget_or_a_reason_to_be_left_out fail with its name.

The data (tests/query_budgets/world.py) is built once per size, in a module-scoped
fixture that measures every pattern; the tests then read the measurements. Each
request runs in a savepoint rolled back afterwards, with the cache and the
content-type cache emptied and a fresh client, so it finds the same world whatever
ran before it.
"""

import re
from collections import Counter
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from tests.client import Client
from tests.query_budgets.budgets import BUDGETS, EXCLUDED, GUEST_BUDGETS, POST_ONLY
from tests.query_budgets.page_requests import (
    GUEST,
    MEMBER,
    REQUESTS,
    ROOT,
    Req,
    url_of,
    url_pattern_keys,
)
from tests.query_budgets.world import World, build_world

# Tests marked so get a test database; these only read the fixture's measurements.
pytestmark = pytest.mark.django_db

SIZES = (2, 12)  # of every thing a page lists: resources, posts, cities, members...


# --- Measuring ---------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    test_id: str
    key: str  # the pattern
    req: Req
    viewer: str
    budget: int | None  # None: an action that only POSTs


def _cases() -> list[Case]:
    cases = [Case(k, k, REQUESTS[k], REQUESTS[k].viewer, b) for k, b in BUDGETS.items()]
    cases += [
        Case(f"{k}@guest", k, REQUESTS[k], GUEST, b) for k, b in GUEST_BUDGETS.items()
    ]
    cases += [Case(k, k, REQUESTS[k], REQUESTS[k].viewer, None) for k in POST_ONLY]
    return cases


CASES = _cases()
BUDGETED = [case for case in CASES if case.budget is not None]


@dataclass
class Measure:
    status: int | str  # or the exception the request raised
    queries: list[str]

    @property
    def count(self) -> int:
        return len(self.queries)


def _measure(case: Case, w: World) -> Measure:
    try:
        with transaction.atomic():
            cache.clear()
            ContentType.objects.clear_cache()
            client = Client()
            if case.viewer == MEMBER:
                client.force_login(w.member)
            elif case.viewer == ROOT:
                client.force_login(w.superuser)
            url = url_of(w, case.key)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
                if response.streaming:  # a download reads its file to the end
                    b"".join(response.streaming_content)
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - reported as the pattern's failure
        return Measure(f"{type(error).__name__}: {error}", [])
    return Measure(response.status_code, [q["sql"] for q in captured.captured_queries])


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker, tmp_path_factory):
    """{test id: {size: Measure}}: every case, at every size."""
    results = {case.test_id: {} for case in CASES}
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        for size in SIZES:
            with transaction.atomic():
                world = build_world(size)
                for case in CASES:
                    results[case.test_id][size] = _measure(case, world)
                transaction.set_rollback(True)
    cache.clear()
    return results


def _shape(sql: str) -> str:
    """The query without its numbers (ids, lists of ids, limits, cursor names)."""
    return re.sub(r"N(, N)+", "N, ...", re.sub(r"\d+", "N", sql))


def _report(case: Case, runs: dict) -> str:
    counts = ", ".join(f"{runs[size].count} with {size} of each" for size in SIZES)
    lines = [f"{case.test_id}: {counts} (budget {case.budget})"]
    small, large = (Counter(map(_shape, runs[size].queries)) for size in SIZES)
    grown = [(large[sql] - small[sql], sql) for sql in large]
    if grown := [(more, sql) for more, sql in grown if more > 0]:
        lines.append("Queries repeated more with more data:")
        lines += [f"  +{more}: {sql[:300]}" for more, sql in grown]
    lines.append(f"Queries with {SIZES[-1]} of each:")
    lines += [f"  {n}. {sql[:300]}" for n, sql in enumerate(runs[SIZES[-1]].queries, 1)]
    return "\n".join(lines)


@pytest.mark.parametrize("case", BUDGETED, ids=[case.test_id for case in BUDGETED])
def test_page_queries_stay_within_budget_whatever_the_data(measured, case):
    runs = measured[case.test_id]
    statuses = {size: runs[size].status for size in SIZES}
    assert set(statuses.values()) == {case.req.status}, (
        f"{case.test_id} answered {statuses}, not {case.req.status}"
    )
    counts = {runs[size].count for size in SIZES}
    assert len(counts) == 1, "queries grow with the data: " + _report(case, runs)
    assert counts.pop() <= case.budget, "over budget: " + _report(case, runs)


POST_ONLY_CASES = [case for case in CASES if case.budget is None]
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.mark.parametrize(
    "case", POST_ONLY_CASES, ids=[case.test_id for case in POST_ONLY_CASES]
)
def test_get_of_an_action_answers_405_and_writes_nothing(measured, case):
    for size, run in measured[case.test_id].items():
        assert run.status == 405, f"{case.test_id} answered {run.status} to a GET"
        writes = [sql for sql in run.queries if sql.lstrip().upper().startswith(WRITES)]
        assert not writes, f"{case.test_id} wrote on a GET ({size} of each): {writes}"


def test_every_url_pattern_has_a_budget_or_a_reason_to_be_left_out():
    patterns = url_pattern_keys()
    covered = BUDGETS.keys() | POST_ONLY.keys() | EXCLUDED.keys()
    missing = [key for key in patterns if key not in covered]
    assert not missing, (
        "URL patterns with neither a budget (BUDGETS, or ADMIN_BUDGETS for a "
        "ModelAdmin) nor a reason to be left out (POST_ONLY, EXCLUDED): "
        f"{missing}"
    )
    stale = sorted((BUDGETS.keys() | POST_ONLY.keys()) - set(patterns))
    assert not stale, f"budgets for URL patterns that no longer exist: {stale}"
    assert GUEST_BUDGETS.keys() <= BUDGETS.keys()
    assert not BUDGETS.keys() & POST_ONLY.keys()
