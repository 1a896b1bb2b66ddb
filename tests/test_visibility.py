"""Nothing hidden leaks: every URL pattern that takes the id or slug of a post, a
thread, a board, a cohort, a session, a plan item, a notification, a member or a
resource, requested with a hidden post, a deleted post and a cohort's private
things, by a guest, a member in no cohort and a member of another cohort.

None of them ever sees the text of those things (each carries a marker word),
whatever the pattern answers; where the object is not theirs to see at all, the
answer is 404 (a guest may be sent to sign in first). A pattern that takes an id
and is missing from the targets (tests/visibility_secrets.py) makes
test_every_pattern_with_an_id_is_walked fail.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cohorts.models import ActionPlanItem, Milestone, SessionResponse
from community.models import Flag, Post, Reaction, Thread, ThreadFollow
from tests.client import Client
from tests.visibility_secrets import Secrets, build_secrets

pytestmark = pytest.mark.django_db

MARKERS = [
    "hiddenmarker",
    "deletedmarker",
    "privatemarker",
    "sessionmarker",
    "planmarker",
    "draftmarker",
]
VIEWERS = ["guest", "member", "other_cohort"]


@pytest.fixture
def secrets(db) -> Secrets:
    return build_secrets()


def client_for(secrets: Secrets, viewer: str) -> Client:
    client = Client()
    if secrets.viewers[viewer] is not None:
        client.force_login(secrets.viewers[viewer])
    return client


def assert_no_marker(response, where: str) -> None:
    text = response.content.decode(errors="replace").lower()
    for marker in MARKERS:
        assert marker not in text, f"{where} shows {marker}"


def assert_not_theirs(response, viewer: str, where: str) -> None:
    if viewer == "guest" and response.status_code == 302:
        assert response.url.startswith("/accounts/login/"), where
        return
    assert response.status_code == 404, f"{where} answered {response.status_code}"


# Pages that take no id but list or search what the viewers might see.
LISTS = [
    "/",
    "/community/",
    "/community/members/",
    "/community/notifications/",
    "/community/messages/",
    "/community/messages/new/",
    "/search/?q=zebracorn",
    "/resources/",
    "/resources/?q=zebracorn",
    "/resources/feed/",
    "/resources/collections/",
    "/sitemap.xml",
    "/cohorts/",
]


@pytest.mark.parametrize("viewer", VIEWERS)
def test_no_page_shows_hidden_deleted_or_private_text(secrets, viewer):
    client = client_for(secrets, viewer)
    for name, targets in secrets.targets.items():
        for target in targets:
            url = reverse(name, kwargs=target.kwargs)
            where = f"{viewer}: GET {name} ({target.label}) {url}"
            response = client.get(url)
            assert response.status_code != 500, where
            assert_no_marker(response, where)
            if target.private and target.post is None:
                assert_not_theirs(response, viewer, where)
    for path in LISTS:
        response = client.get(path)
        assert response.status_code in {200, 302}, f"{viewer}: {path}"
        assert_no_marker(response, f"{viewer}: {path}")


@pytest.mark.parametrize("viewer", VIEWERS)
def test_no_action_reaches_hidden_deleted_or_private_things(secrets, viewer):
    client = client_for(secrets, viewer)
    before = (
        Reaction.objects.count(),
        Flag.objects.count(),
        ThreadFollow.objects.count(),
        Post.objects.count(),
        list(Thread.objects.values_list("pk", "is_locked").order_by("pk")),
        list(Post.objects.values_list("pk", "is_hidden", "is_deleted").order_by("pk")),
        list(ActionPlanItem.objects.values_list("status", flat=True)),
        list(Milestone.objects.values_list("pk", "note")),
        SessionResponse.objects.count(),
    )
    for name, targets in secrets.targets.items():
        for target in targets:
            if target.post is None:
                continue
            url = reverse(name, kwargs=target.kwargs)
            where = f"{viewer}: POST {name} ({target.label}) {url}"
            response = client.post(url, target.post)
            assert response.status_code != 500, where
            assert_no_marker(response, where)
            if target.private:
                assert_not_theirs(response, viewer, where)
    # Replies and follows on the public thread are theirs to make; nothing else.
    public_replies = Post.objects.filter(thread__board__slug="open").count() - 4
    public_follows = ThreadFollow.objects.filter(
        thread__board__slug="open", user=secrets.viewers[viewer]
    ).count()
    after = (
        Reaction.objects.count(),
        Flag.objects.count(),
        ThreadFollow.objects.count() - public_follows,
        Post.objects.count() - public_replies,
        list(Thread.objects.values_list("pk", "is_locked").order_by("pk")),
        list(Post.objects.values_list("pk", "is_hidden", "is_deleted").order_by("pk"))[
            : len(before[5])
        ],
        list(ActionPlanItem.objects.values_list("status", flat=True)),
        list(Milestone.objects.values_list("pk", "note")),
        SessionResponse.objects.count(),
    )
    assert after == before


def test_a_reply_quoting_a_hidden_post_shows_no_text_of_it(secrets):
    client = client_for(secrets, "member")
    thread = Thread.objects.get(board__slug="open")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "That post was hidden or deleted: its words are not shown." in html
    assert "hiddenmarker" not in html


def test_a_moderator_still_reads_a_hidden_post_to_review_it(secrets):
    client = Client()
    client.force_login(secrets.moderator)
    thread = Thread.objects.get(board__slug="open")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "hiddenmarker" in html
    assert "deletedmarker" not in html


def _patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            yield from _patterns(entry, f"{namespace}{inner}:" if inner else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.pattern.converters


# Patterns with an argument that names none of those: the admin's own pages
# (staff only) and allauth's keys.
NOT_AN_OBJECT = ("admin:", "account_")


def test_every_pattern_with_an_id_is_walked(secrets):
    missing = sorted(
        name
        for name, converters in _patterns()
        if converters
        and not name.startswith(NOT_AN_OBJECT)
        and name not in secrets.targets
    )
    assert not missing, f"URL patterns with an id the walk does not request: {missing}"
