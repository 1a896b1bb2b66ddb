"""The pages bench/load.py loads, one URL per page type, found through the ORM,
with their SQL queries counted and their answers checked."""

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from harness import (
    BENCH_PASSWORD,
    SYNTHETIC_PREFIX,
    http_get,
)

VIEWERS = ("guest", "member")
FEW_REQUESTS = 100
POSTS_PER_PAGE = 50  # community.discussions.views.POSTS_PER_PAGE


ODD_QUERY = (
    "\"housing budget '); DROP TABLE community_post;-- the and of "
    "равенство 東京 مساواة & | ! <-> :* " + "x" * 3_500
)


SEARCH_WORDS = "housing budget"


@dataclass
class Page:
    key: str
    label: str
    path: str
    search: bool = False  # held to the search targets
    posts: int | None = None  # posts the page must show


@dataclass
class Row:
    page: Page
    viewer: str
    queries: int = 0
    writes: list[str] = field(default_factory=list)
    kb: float = 0.0
    result: dict | None = None
    ceiling: float | None = None
    errors: str = ""


PAGE_KEYS = [
    "home",
    "library",
    "library-filtered",
    "library-searched",
    "resource",
    "collection",
    "boards",
    "board",
    "thread",
    "cohort",
    "search",
    "search-odd",
]


def pick_member():
    """A verified cohort participant or city lead without a staff role, a
    synthetic one if any (demo accounts last), with BENCH_PASSWORD as password."""
    from django.contrib.auth import get_user_model
    from django.db.models import Case, Value, When

    from cohorts.models import CohortMembership
    from community.seed import DEMO_ACCOUNTS

    demo = [account.username for account in DEMO_ACCOUNTS]
    member = (
        get_user_model()
        .objects.filter(
            is_active=True,
            is_staff=False,
            is_superuser=False,
            groups=None,
            cohort_memberships__role__in=CohortMembership.CITY_ROLES,
            emailaddress__verified=True,
            emailaddress__primary=True,
        )
        .annotate(
            rank=Case(
                When(username__startswith=SYNTHETIC_PREFIX, then=Value(0)),
                When(username__in=demo, then=Value(2)),
                default=Value(1),
            )
        )
        .order_by("rank", "pk")
        .first()
    )
    if member is None:
        sys.exit("No verified cohort member without a staff role in the database.")
    member.set_password(BENCH_PASSWORD)
    member.save(update_fields=["password"])
    return member


def _need(found, what: str):
    if found is None:
        sys.exit(f"No {what} in the database.")
    return found


def _resource():
    """The published resource shared in most threads, else the first one."""
    from django.db.models import Count

    from resources.models import Resource

    shared = (
        Resource.objects.published()
        .annotate(n=Count("threads"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .first()
    )
    return _need(
        shared or Resource.objects.published().order_by("is_synthetic", "pk").first(),
        "published resource",
    )


def _topic() -> str:
    """The topic of most published resources."""
    from django.db.models import Count

    from resources.models import Resource, TaggedResource

    top = (
        TaggedResource.objects.filter(content_object__in=Resource.objects.published())
        .values("tag__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "tag__slug")
        .first()
    )
    return top["tag__slug"] if top else "housing"


def _public_boards():
    from django.contrib.auth.models import AnonymousUser

    from community.models import Board

    return Board.objects.visible_to(AnonymousUser())


def _board():
    """The public board with the most threads."""
    from django.db.models import Count

    boards = _public_boards().annotate(n=Count("threads")).order_by("-n", "pk")
    return _need(boards.first(), "public board")


def _thread():
    """A thread on a public board whose first page shows POSTS_PER_PAGE posts."""
    from community.models import Thread

    public = Thread.objects.filter(board__in=_public_boards())
    found = public.filter(reply_count=POSTS_PER_PAGE - 1).order_by("pk").first()
    if found is None:
        # A longer one's first page shows as many posts.
        found = (
            public.filter(reply_count__gte=POSTS_PER_PAGE - 1)
            .order_by("reply_count", "pk")
            .first()
        )
    return _need(found, f"thread of {POSTS_PER_PAGE}+ posts on a public board")


def _collection():
    """The published collection with the most items."""
    from django.db.models import Count

    from resources.models import Collection

    collections = Collection.objects.published().annotate(n=Count("items"))
    return _need(collections.order_by("-n", "pk").first(), "published collection")


def _filtered_library() -> str:
    return "/resources/?" + urlencode({"kind": "report", "topic": _topic()})


def _thread_first_page() -> str:
    # Asking for the page keeps a member from being sent to the first unread post.
    return _thread().get_absolute_url() + "?page=1"


def _page(key: str, label: str, path: str | Callable[[], str], **options):
    """Page *key* as a (key, maker) pair: a path given as a function is only
    looked up (in the database) when the page is made."""
    return key, lambda: Page(key, label, path() if callable(path) else path, **options)


def find_pages(keys: list[str], cohort) -> list[Page]:
    """The concrete URLs, found in the bench database."""
    q = urlencode({"q": SEARCH_WORDS})
    # The bad input at once: long, an unbalanced quote, SQL, stop words
    # and non-Latin words. It must cost no more than twice a normal search.
    # (3,500 characters: gunicorn refuses a request line over 4,094 bytes before
    # Django sees it; tests/test_search.py sends 10,000.)
    odd = "/search/?" + urlencode({"q": ODD_QUERY})
    thread = f"thread, {POSTS_PER_PAGE} posts"
    pages = [
        _page("home", "home", "/"),
        _page("library", "library", "/resources/"),
        _page("library-filtered", "library, filtered", _filtered_library),
        _page("library-searched", "library, searched", f"/resources/?{q}", search=True),
        _page("resource", "resource", lambda: _resource().get_absolute_url()),
        _page("collection", "collection", lambda: _collection().get_absolute_url()),
        _page("boards", "board list", "/community/"),
        _page("board", "board", lambda: _board().get_absolute_url()),
        _page("thread", thread, _thread_first_page, posts=POSTS_PER_PAGE),
        _page("cohort", "cohort", cohort.get_absolute_url),
        _page("search", "site search", f"/search/?{q}", search=True),
        _page("search-odd", "site search, odd input", odd, search=True),
    ]
    found = dict(pages)
    return [found[key]() for key in PAGE_KEYS if key in keys]


def rows_to_load(keys: list[str], viewers: list[str]):
    """The member (pick_member's), its cohort, and a Row per page and viewer."""
    member = pick_member()
    cohort = member.cohort_memberships.select_related("cohort__program")[0].cohort
    pages = find_pages(keys, cohort)
    return member, cohort, [Row(page, viewer) for page in pages for viewer in viewers]


def count_queries(rows: list[Row], member) -> None:
    """SQL queries per page, through Django's test client in this process; the
    third request of each is counted, so one-time writes (read state) are over."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    # Production's manifest storage needs collectstatic's output; plain storage
    # makes the same queries.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    with override_settings(STORAGES=storages):
        # A page's error is reported in its row; the other pages go on.
        clients = {v: Client(raise_request_exception=False) for v in VIEWERS}
        clients["member"].force_login(member)
        for row in rows:
            client = clients[row.viewer]
            for _ in range(2):
                client.get(row.page.path)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(row.page.path)
            if response.status_code != 200:
                row.errors = f"answered {response.status_code} (Django test client)"
                print(f"  ERROR: {row.page.label} ({row.viewer}) {row.errors}")
                continue
            row.queries = len(captured.captured_queries)
            row.writes = [
                query["sql"][:120]
                for query in captured.captured_queries
                if query["sql"].lstrip().split(" ", 1)[0].upper()
                in {"INSERT", "UPDATE", "DELETE"}
            ]


def check_pages(port: int, rows: list[Row], cookies: dict[str, str]) -> None:
    """Each page answers 200 over HTTP (a redirect would be timed instead), the
    member is signed in, the thread shows its posts; note the HTML size."""
    for row in rows:
        if row.errors:
            continue
        status, headers, body = http_get(port, row.page.path, cookies[row.viewer])
        where = f"{row.page.label} ({row.viewer}): GET {row.page.path}"
        if status != 200:
            row.errors = f"answered {status} {headers.get('Location', '')}".strip()
            print(f"  ERROR: {where} {row.errors}")
            continue
        signed_in = b'action="/accounts/logout/"' in body
        if signed_in != (row.viewer == "member"):
            sys.exit(f"{where}: the page shows the wrong viewer (signed in or not).")
        shown = body.count(b'<article class="post')
        if row.page.posts is not None and shown != row.page.posts:
            sys.exit(f"{where} shows {shown} posts, not {row.page.posts}.")
        row.kb = len(body) / 1024
