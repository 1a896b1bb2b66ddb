"""Nothing kept in a cache is older than the last committed change that concerns
the viewer, and nothing rolled back is ever seen (core/versions.py).

These tests commit for real (transactional tests): each write below is committed
the way a request commits it, and the next request is a new visitor's.
"""

import threading

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from cohorts.models import (
    ActionPlanItem,
    CohortMembership,
    Milestone,
    MilestoneKind,
    SessionResponse,
)
from community.discussions.attachments import attach, checked
from community.discussions.moderation import post_hide
from community.discussions.services import post_create, post_edit, reaction_toggle
from community.models import Suspension
from core import versions
from resources.models import Resource
from tests.cohorts.conftest import world  # noqa: F401
from tests.factories import (
    BoardFactory,
    CollectionFactory,
    ResourceFactory,
    UserFactory,
    make_thread,
)

pytestmark = pytest.mark.versions_on_commit  # not at once (tests/conftest.py)
committed = pytest.mark.django_db(transaction=True)


@pytest.fixture
def thread(transactional_db):
    board = BoardFactory(slug="open", visibility="public")
    return make_thread(board=board, title="Bus lanes", body="Who has them?")


def guest_sees(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200
    return response.text


@committed
def test_a_hidden_post_is_gone_for_the_next_guest(thread):
    post = post_create(thread=thread, author=UserFactory(), body="Buy cheap pills")
    url = thread.get_absolute_url()
    assert "Buy cheap pills" in guest_sees(url)
    assert "Buy cheap pills" in guest_sees(url)  # kept now
    moderator = UserFactory(username="mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    post_hide(post=post, moderator=moderator, reason="Spam")
    assert "Buy cheap pills" not in guest_sees(url)
    assert "Buy cheap pills" not in guest_sees("/search/?q=pills")


@committed
def test_a_reaction_shows_at_once_and_moves_only_its_thread(thread):
    other = make_thread(board=thread.board, title="Parking", body="Minimums?")
    post = thread.posts.get()
    member = UserFactory()
    url = thread.get_absolute_url()
    guest_sees(url)
    before = versions.current(["discussions", f"thread:{other.pk}", "boards"])
    reaction_toggle(post=post, user=member, kind="helpful")
    assert '<span class="count">1</span>' in guest_sees(url)
    after = versions.current(["discussions", f"thread:{other.pk}", "boards"])
    assert after == before


@committed
def test_a_removed_cohort_member_no_longer_sees_the_workspace(world):  # noqa: F811
    browser = Client()
    browser.force_login(world.participant)
    url = world.cohort.get_absolute_url()
    assert 'id="roster-heading"' in browser.get(url).text
    CohortMembership.objects.filter(user=world.participant).delete()
    assert 'id="roster-heading"' not in browser.get(url).text


@committed
def test_a_published_resource_shows_in_the_library_and_search(transactional_db):
    resource = ResourceFactory(title="Zoning atlas", state="draft")
    collection = CollectionFactory()
    assert "Zoning atlas" not in guest_sees("/resources/")
    assert "Zoning atlas" not in guest_sees("/search/?q=zoning")
    assert "Zoning atlas" not in guest_sees(collection.get_absolute_url())
    resource.state = Resource.State.PUBLISHED
    resource.save()
    collection.items.create(resource=resource, position=1)
    assert "Zoning atlas" in guest_sees("/resources/")
    assert "Zoning atlas" in guest_sees("/search/?q=zoning")
    assert "Zoning atlas" in guest_sees(collection.get_absolute_url())


def _in_another_request(work, *, commit: bool, while_open):
    """Run work() in a transaction on another connection; call while_open()
    while it is written but not committed; then commit it or roll it back."""
    written = threading.Event()
    finish = threading.Event()
    errors = []

    def run():
        try:
            with transaction.atomic():
                work()
                written.set()
                finish.wait(10)
                if not commit:
                    transaction.set_rollback(True)
        except Exception as error:  # surfaced in the test's own thread
            errors.append(error)
            written.set()
        finally:
            connection.close()

    other = threading.Thread(target=run)
    other.start()
    assert written.wait(10)
    while_open()
    finish.set()
    other.join(10)
    assert not errors, errors


@committed
@pytest.mark.parametrize("commit", [True, False])
def test_a_page_read_during_a_write_is_not_kept_past_its_commit(thread, commit):
    """The race of a number moved before the commit: a guest reads the page while
    an edit is written but not committed, and the page made then is kept. Once
    the edit commits, the next guest sees it; had it been rolled back, no one
    ever does."""
    post = thread.posts.get()
    url = thread.get_absolute_url()

    def edit():
        post_edit(post=post, editor=post.author, body="Painted lanes work.")

    def read_meanwhile():
        html = guest_sees(url)
        assert "Painted lanes work." not in html  # not committed yet
        assert guest_sees(url) == html  # and that page is kept

    _in_another_request(edit, commit=commit, while_open=read_meanwhile)
    assert ("Painted lanes work." in guest_sees(url)) is commit
    post.refresh_from_db()
    assert ("Painted lanes work." in post.body) is commit


@committed
@pytest.mark.parametrize("commit", [True, False])
def test_a_reply_committed_after_a_newer_one_is_found_by_the_next_search(
    thread, commit
):
    """A search's kept matches take in replies as they commit (core/additions.py),
    in whatever order: a reply written first, and so with the lower key, but
    committed after a newer one is found once it commits, and never if it is
    rolled back. (On another board: a reply locks its thread
    and its board until it commits.)"""
    elsewhere = make_thread(
        board=BoardFactory(slug="elsewhere", visibility="public"), title="Rails"
    )
    one, other = UserFactory(), UserFactory()

    def first():
        post_create(thread=thread, author=one, body="Quokka tram study.")

    def meanwhile():
        assert "Quokka" not in guest_sees("/search/?q=tram")
        post_create(thread=elsewhere, author=other, body="Wombat tram study.")
        html = guest_sees("/search/?q=tram")
        assert "Wombat" in html
        assert "Quokka" not in html  # not committed yet

    _in_another_request(first, commit=commit, while_open=meanwhile)
    html = guest_sees("/search/?q=tram")
    assert "Wombat" in html
    assert ("Quokka" in html) is commit


# --- Every shown model has versions that move with it -------------------------------

CHECKED_APPS = ["core", "resources", "cohorts", "community", "taggit", "auth"]


def test_every_model_says_whether_pages_show_it():
    undeclared = [
        model._meta.label
        for app in CHECKED_APPS
        for model in apps.get_app_config(app).get_models()
        if model not in versions.SHOWN and model not in versions.NOT_SHOWN
    ]
    assert undeclared == [], (
        "Declare these in their app's versions.py: shown (with the scopes they "
        "move) or not_shown (with why no kept copy holds them)"
    )


def _kept_pages(patterns=None, prefix=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _kept_pages(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, "scopes"):
            yield prefix + str(pattern.pattern), pattern.callback.scopes


def _family(scope: str) -> str:
    return scope.split(":")[0]


@pytest.fixture
def everything(thread, world):  # noqa: F811
    """At least one row of every shown model."""
    post = thread.posts.get()
    reaction_toggle(post=post, user=world.participant, kind="helpful")
    post_edit(post=post, editor=post.author, body="Edited once.")
    attach(
        post=post,
        uploads=[checked(SimpleUploadedFile("data.csv", b"a,b\n"))],
        uploader=post.author,
    )
    thread.tags.add("Transit")
    material = world.cohort.sessions.first().materials.get()
    material.tags.add("Transit")
    CollectionFactory().items.create(resource=material, position=1)
    city = world.cohort.participating_cities.first()
    ActionPlanItem.objects.create(city=city, title="Adopt a resolution")
    kind = MilestoneKind.objects.create(
        program=world.cohort.program, name="Resolution adopted"
    )
    Milestone.objects.create(city=city, kind=kind, reached_on=world.cohort.starts_on)
    SessionResponse.objects.create(
        session=world.cohort.sessions.first(), user=world.participant, city=city
    )
    Suspension.objects.create(
        user=world.participant, until=timezone.now(), reason="Cooling off"
    )
    versions.flush()


@pytest.mark.django_db
def test_every_scope_a_kept_page_names_is_moved_by_some_model(everything):
    """A page that names a scope no model moves would be kept forever (a scope
    moved by code, such as the facet cells' by the worker, says so)."""
    moved = {
        _family(scope)
        for model in versions.SHOWN
        for instance in model._default_manager.all()[:1]
        for scope in versions.scopes_of(instance)
    } | set(versions.MOVED_BY_CODE)
    pages = list(_kept_pages())
    assert len(pages) >= 12
    for route, scopes in pages:
        assert {_family(scope) for scope in scopes} - moved == set(), route


@pytest.mark.django_db
@pytest.mark.parametrize(
    "label",
    sorted(model._meta.label for model in versions.SHOWN),
)
def test_saving_a_shown_model_moves_its_scopes(
    label, everything, django_capture_on_commit_callbacks
):
    model = apps.get_model(label)
    instance = model._default_manager.first()
    assert instance is not None, f"the test's world has no {label}"
    scopes = versions.scopes_of(instance)
    assert scopes, f"{label} moves no scope"
    before = versions.current(scopes)
    with django_capture_on_commit_callbacks(execute=True):
        instance.save()
    after = versions.current(scopes)
    assert all(after[scope] == before[scope] + 1 for scope in scopes), label
