"""Nothing hidden leaks: every URL pattern that takes the id or slug of a post, a
thread, a board, a cohort, a session, a plan item, a notification, a member or a
resource, requested with a hidden post, a deleted post and a cohort's private
things, by a guest, a member in no cohort and a member of another cohort.

None of them ever sees the text of those things (each carries a marker word),
whatever the pattern answers; where the object is not theirs to see at all, the
answer is 404 (a guest may be sent to sign in first). A pattern that takes an id
and is missing from TARGETS makes test_every_pattern_with_an_id_is_walked fail.
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cohorts.models import ActionPlanItem
from community.discussions import moderation
from community.discussions import services as board_services
from community.models import Flag, Notification, Post, Reaction, Thread, ThreadFollow
from community.notifications.tokens import unsubscribe_token
from tests.client import Client
from tests.factories import (
    BoardFactory,
    CohortFactory,
    CollectionFactory,
    ResourceFactory,
    SessionFactory,
    UserFactory,
    add_city,
    add_member,
    make_thread,
)

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


@dataclass
class Target:
    label: str
    kwargs: dict
    private: bool  # not the viewers' to see at all: 404
    post: dict | None = None  # form data for a POST


@dataclass
class Secrets:
    author: object
    moderator: object
    viewers: dict
    targets: dict  # pattern name -> [Target]


def _build() -> Secrets:
    author = UserFactory(username="author", profile__display_name="Ada Author")
    moderator = UserFactory(username="mod", is_staff=True)
    from django.contrib.auth.models import Group

    moderator.groups.add(Group.objects.get(name="Moderators"))
    member = UserFactory(username="member")
    other = UserFactory(username="other")

    cohort = CohortFactory(name="2018 cohort", slug="2018")
    other_cohort = CohortFactory(program=cohort.program, slug="2019")
    city = add_city(cohort, "Long Beach", "CA", "America/Los_Angeles")
    add_member(cohort, author, city=city)
    add_member(
        other_cohort, other, city=add_city(other_cohort, "Rochester", "NY")
    )  # fmt: skip

    # A public board whose thread holds a hidden and a deleted post, and a reply
    # quoting the hidden one.
    public = BoardFactory(slug="open", visibility="public")
    thread = make_thread(board=public, author=author, title="Open thread")
    hidden = board_services.post_create(
        thread=thread, author=author, body="zebracorn hiddenmarker text"
    )
    deleted = board_services.post_create(
        thread=thread, author=author, body="zebracorn deletedmarker text"
    )
    board_services.post_create(
        thread=thread, author=moderator, body="A reply to it.", reply_to=hidden
    )
    moderation.post_hide(post=hidden, moderator=moderator, reason="Off topic")
    board_services.post_delete(post=deleted, user=author)

    # The cohort's private board, its thread, a private session and a plan item.
    private_board = cohort.board
    private_board.description = "privatemarker board"
    private_board.save()
    private = make_thread(
        board=private_board,
        author=author,
        title="privatemarker title",
        body="zebracorn privatemarker body",
    )
    private_post = private.posts.get()
    session = SessionFactory(
        cohort=cohort,
        title="Cross-site convening",
        agenda="sessionmarker agenda",
        location="sessionmarker place",
        notes="sessionmarker notes",
    )
    item = ActionPlanItem.objects.create(city=city, title="planmarker item")
    draft = ResourceFactory(
        title="draftmarker title", slug="draft", state="draft", summary="zebracorn"
    )
    collection = CollectionFactory(slug="picks")
    collection.items.create(resource=draft, position=1)
    notification = Notification.objects.filter(recipient=author).first() or (
        Notification.objects.create(
            recipient=author, kind="reply", post=hidden, detail="hiddenmarker note"
        )
    )

    def thread_kwargs(t):
        return {"pk": t.pk, "slug": t.slug}

    posts = [
        Target("hidden post", {"pk": hidden.pk}, private=False),
        Target("deleted post", {"pk": deleted.pk}, private=False),
        Target("private post", {"pk": private_post.pk}, private=True),
    ]
    threads = [
        Target("public thread", {"pk": thread.pk}, private=False),
        Target("private thread", {"pk": private.pk}, private=True),
    ]
    cohort_kwargs = {"program": cohort.program.slug, "cohort": cohort.slug}
    targets = {
        "community:profile_detail": [
            Target("author", {"username": "author"}, private=False)
        ],
        "community:profile_edit": [
            Target("author", {"username": "author"}, private=False)
        ],
        "community:unsubscribe": [
            Target("author", {"token": unsubscribe_token(author, "watched")}, False)
        ],
        "community:notification_open": [
            Target("author's", {"pk": notification.pk}, private=True)
        ],
        "community:thread_short": threads,
        "community:thread_detail": [
            Target("public thread", thread_kwargs(thread), private=False),
            Target("private thread", thread_kwargs(private), private=True),
        ],
        "community:post_create": [
            Target(t.label, t.kwargs, t.private, post={"body": "Hi", "reply_to": ""})
            for t in threads
        ]
        + [
            Target(
                "public thread, quoting the hidden post",
                {"pk": thread.pk},
                private=False,
                post={"body": "Quoting", "reply_to": str(hidden.pk)},
            )
        ],
        "community:thread_follow": [
            Target(t.label, t.kwargs, t.private, post={"follow": "1"}) for t in threads
        ],
        "community:thread_moderate": [
            Target(t.label, t.kwargs | {"action": "lock"}, t.private, post={})
            for t in threads
        ],
        "community:post_permalink": posts,
        "community:post_edit": posts,
        "community:post_history": posts,
        "community:post_flag": [
            Target(p.label, p.kwargs, p.private or p.label != "private post")
            for p in posts
        ],
        "community:post_delete": [
            Target(p.label, p.kwargs, p.private, post={}) for p in posts
        ],
        "community:post_react": [
            Target(p.label, p.kwargs, True, post={"kind": "helpful"}) for p in posts
        ],
        "community:post_moderate": [
            Target(p.label, p.kwargs | {"action": "restore"}, p.private, post={})
            for p in posts
        ],
        "community:board_detail": [
            Target("private board", {"slug": private_board.slug}, private=True)
        ],
        "community:board_follow": [
            Target(
                "private board",
                {"slug": private_board.slug},
                private=True,
                post={"follow": "1"},
            )
        ],
        "community:board_thread_create": [
            Target("private board", {"slug": private_board.slug}, private=True)
        ],
        "cohorts:program_detail": [
            Target("program", {"program": cohort.program.slug}, private=False)
        ],
        "cohorts:cohort_detail": [Target("cohort", cohort_kwargs, private=False)],
        "cohorts:cohort_calendar": [Target("cohort", cohort_kwargs, private=False)],
        "cohorts:cohort_calendar_private": [
            Target("cohort", cohort_kwargs | {"token": "x" * 32}, private=True)
        ],
        "cohorts:cohort_calendar_reset": [
            Target("cohort", cohort_kwargs, private=True, post={})
        ],
        "cohorts:session_detail": [
            Target("session", cohort_kwargs | {"session": session.pk}, private=True)
        ],
        "cohorts:action_item_status": [
            Target(
                "plan item",
                cohort_kwargs | {"item": item.pk},
                private=True,
                post={"status": "done"},
            )
        ],
        "resources:collection_detail": [
            Target("collection", {"slug": collection.slug}, private=False)
        ],
        "resources:resource_detail": [Target("draft", {"slug": "draft"}, True)],
        "resources:resource_download": [Target("draft", {"slug": "draft"}, True)],
        "resources:bookmark_toggle": [
            Target("draft", {"slug": "draft"}, private=True, post={})
        ],
    }
    return Secrets(
        author=author,
        moderator=moderator,
        viewers={"guest": None, "member": member, "other_cohort": other},
        targets=targets,
    )


@pytest.fixture
def secrets(db) -> Secrets:
    return _build()


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
    )
    assert after == before


def test_a_reply_quoting_a_hidden_post_shows_no_text_of_it(secrets):
    client = client_for(secrets, "member")
    thread = Thread.objects.get(board__slug="open")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "(a post no longer shown)" in html
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
