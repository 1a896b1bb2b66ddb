"""The benchmark's random URLs over the whole data set, in its six categories,
for guests and for members, and the SQL queries each category runs."""

import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from math import ceil
from urllib.parse import urlencode

SHARES = {
    "thread": 0.35,
    "board": 0.15,
    "library": 0.20,
    "resource": 0.15,
    "search": 0.10,
    "other": 0.05,
}
URLS_PER_CATEGORY = 4000


POSTS_PER_PAGE = 50  # community.discussions.views


THREADS_PER_PAGE = 30


def _vocabulary(rng: random.Random) -> list[str]:
    """Words that occur in resource and thread titles (4+ letters): the most
    common of 3,000 resource titles and 2,000 thread titles drawn with rng, so
    that runs with the same seed on the same data search for the same words."""
    from community.models import Thread
    from resources.models import Resource

    titles = _drawn(Resource.objects.published(), "title", 3000, rng) + _drawn(
        Thread.objects.all(), "title", 2000, rng
    )
    words = Counter(
        word.lower()
        for title in titles
        for word in re.findall(r"[A-Za-z]{4,}", title)
        if word.lower() not in {"with", "from", "that", "this", "their", "your"}
    )
    common = [word for word, _ in words.most_common(400)]
    if not common:
        sys.exit("No titles in the database to search for.")
    return common


def _drawn(rows, field: str, n: int, rng: random.Random) -> list:
    """field of n of rows drawn with rng (all of them if fewer), by key."""
    keys = list(rows.order_by("pk").values_list("pk", flat=True))
    chosen = rng.sample(keys, min(n, len(keys)))
    return list(rows.filter(pk__in=chosen).order_by("pk").values_list(field, flat=True))


@dataclass
class UrlData:
    """What one kind of viewer's random URLs are drawn from."""

    threads: list[tuple[int, str, int]]  # pk, slug, reply count
    board_rows: list[tuple[str, int]]  # slug, thread count
    slugs: list[str]  # published resources'
    topics: list[str]
    years: list[int]
    kinds: list[str]
    words: list[str]
    others: list[str]  # paths of the "other" category


def _gather(viewer: str, rng: random.Random) -> UrlData:
    """The boards and threads this viewer may read, and the resources' slugs,
    topics, years, kinds and title words, from the database, each in an order
    of its own and drawn with rng: the same seed on the same data gives the
    same URLs."""
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Count
    from taggit.models import Tag

    from cohorts.models import Program
    from community.models import Board, Thread
    from resources.models import Collection, Resource

    if viewer == "guest":
        boards = Board.objects.visible_to(AnonymousUser())
    else:
        boards = Board.objects.filter(
            visibility__in=[Board.Visibility.PUBLIC, Board.Visibility.MEMBERS]
        )
    threads = list(
        Thread.objects.filter(board__in=boards)
        .order_by("pk")
        .values_list("pk", "slug", "reply_count")
    )
    board_rows = list(boards.order_by("slug").values_list("slug", "thread_count"))
    if not threads or not board_rows:
        sys.exit(f"No threads a {viewer} may read in the database.")
    slugs = _drawn(Resource.objects.published(), "slug", URLS_PER_CATEGORY * 2, rng)
    topics = list(
        Tag.objects.annotate(n=Count("resources_taggedresource_items"))
        .filter(n__gt=0)
        .order_by("-n", "slug")
        .values_list("slug", flat=True)[:40]
    )
    years = [
        day.year
        for day in Resource.objects.published()
        .exclude(published_on=None)
        .dates("published_on", "year")
    ] or [2020]
    kinds = [kind for kind, _ in Resource.Kind.choices]
    words = _vocabulary(rng)
    others = ["/", "/community/", "/resources/collections/", "/cohorts/"]
    collections = Collection.objects.published().order_by("pk")[:5]
    others += [c.get_absolute_url() for c in collections]
    others += [p.get_absolute_url() for p in Program.objects.order_by("pk")[:3]]
    return UrlData(threads, board_rows, slugs, topics, years, kinds, words, others)


def _thread(data: UrlData, rng: random.Random) -> str:
    pk, slug, replies = rng.choice(data.threads)
    page = rng.randint(1, max(1, ceil((replies + 1) / POSTS_PER_PAGE)))
    return f"/community/t/{pk}-{slug}/?page={page}"


def _board(data: UrlData, rng: random.Random) -> str:
    slug, count = rng.choice(data.board_rows)
    page = rng.randint(1, max(1, min(20, ceil(count / THREADS_PER_PAGE))))
    return f"/community/{slug}/" + (f"?page={page}" if page > 1 else "")


def _library(data: UrlData, rng: random.Random) -> str:
    query = {}
    if rng.random() < 0.5:
        query["kind"] = rng.choice(data.kinds)
    if rng.random() < 0.5:
        query["topic"] = rng.choice(data.topics)
    if rng.random() < 0.3:
        query["year"] = rng.choice(data.years)
    if rng.random() < 0.2:
        query["q"] = rng.choice(data.words)
    query["sort"] = rng.choice(["new", "title"] + (["relevance"] * ("q" in query)))
    page = rng.choice([1, 1, 1, 2, 3])
    if page > 1:
        query["page"] = page
    return "/resources/?" + urlencode(query)


def _resource(data: UrlData, rng: random.Random) -> str:
    return f"/resources/{rng.choice(data.slugs)}/"


def _search(data: UrlData, rng: random.Random) -> str:
    q = " ".join(rng.sample(data.words, rng.choice([1, 1, 2])))
    return "/search/?" + urlencode({"q": q})


def _other(data: UrlData, rng: random.Random) -> str:
    return rng.choice(data.others)


MAKERS = {
    "thread": _thread,
    "board": _board,
    "library": _library,
    "resource": _resource,
    "search": _search,
    "other": _other,
}


def url_lists(viewer: str, rng: random.Random) -> dict[str, list[str]]:
    """URLS_PER_CATEGORY random paths of each category, for this kind of viewer."""
    data = _gather(viewer, rng)
    return {
        name: [make(data, rng) for _ in range(URLS_PER_CATEGORY)]
        for name, make in MAKERS.items()
    }


def mixed(lists: dict[str, list[str]], rng: random.Random) -> list[str]:
    total = URLS_PER_CATEGORY * 3
    return [
        rng.choice(lists[name])
        for name, share in SHARES.items()
        for _ in range(round(total * share))
    ]


def category_of(path: str) -> str:
    if path.startswith("/community/t/"):
        return "thread"
    if (
        path.startswith("/resources/")
        and path.count("/") == 3
        and "?" not in path
        and path not in ("/resources/collections/", "/resources/saved/")
    ):
        return "resource"
    if path.startswith("/resources/?") or path == "/resources/":
        return "library"
    if path.startswith("/search/"):
        return "search"
    if path.startswith("/community/") and path.count("/") == 3:
        return "board" if path != "/community/" else "other"
    return "other"


def count_queries(lists: dict, member, rng) -> dict[str, tuple[int, int]]:
    """The fewest and the most SQL queries of five random URLs per category, as
    each page is built (a guest's kept page runs one)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    counts = {}
    # Production's manifest storage needs collectstatic's output; plain storage
    # makes the same queries.
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    # Each page as built, not as kept: the page cache off.
    storages = {**settings_storages(), "staticfiles": static}
    with override_settings(STORAGES=storages, PAGE_CACHE=False):
        for viewer in ("guest", "member"):
            client = Client(raise_request_exception=False)
            if viewer == "member":
                client.force_login(member)
            for name, paths in lists[viewer].items():
                found = []
                for path in rng.sample(paths, 5):
                    client.get(path)  # the first visit may start a session
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(path)
                    if response.status_code == 200:
                        found.append(len(queries))
                counts[viewer, name] = (min(found), max(found)) if found else (0, 0)
    return counts


def settings_storages() -> dict:
    from django.conf import settings

    return dict(settings.STORAGES)
