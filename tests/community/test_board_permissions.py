"""Who may do what, as a matrix: viewers x board visibility x action."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cohorts.models import Cohort
from community.models import Post, Suspension
from tests.factories import (
    BoardFactory,
    CohortFactory,
    UserFactory,
    add_city,
    add_member,
    make_thread,
)

pytestmark = pytest.mark.django_db

VIEWERS = [
    "guest",
    "unverified",
    "member",
    "suspended",
    "participant",
    "other_participant",
    "moderator",
]
VISIBILITIES = ["public", "members", "cohort"]

# Who may read a board of each visibility: a cohort board is read by its cohort's
# people (and moderators), not by a participant of another cohort.
READS = {
    "public": set(VIEWERS),
    "members": set(VIEWERS) - {"guest"},
    "cohort": {"participant", "moderator"},
}
WRITERS = {"member", "participant", "other_participant", "moderator"}


def make_viewer(kind, client):
    if kind == "guest":
        return None
    user = UserFactory(username=f"v-{kind}", verified=kind != "unverified")
    if kind == "suspended":
        Suspension.objects.create(
            user=user, until=timezone.now() + timedelta(days=1), reason="Cooling off"
        )
    if kind == "moderator":
        user.is_staff = True
        user.save()
        user.groups.add(Group.objects.get(name="Moderators"))
    if kind.endswith("participant"):
        cohort = Cohort.objects.get(slug="main" if kind == "participant" else "other")
        add_member(cohort, user, city=cohort.participating_cities.get())
    client.force_login(user)
    return user


@pytest.fixture
def world(db):
    boards = {v: BoardFactory(slug=f"b-{v}", visibility=v) for v in VISIBILITIES[:2]}
    cohorts = [CohortFactory(slug="main"), CohortFactory(slug="other")]
    for cohort in cohorts:
        add_city(cohort)
    boards["cohort"] = cohorts[0].board
    author = UserFactory(username="author")
    staff = UserFactory(username="staff", is_staff=True)
    threads = {
        v: make_thread(board=boards[v], author=staff if v == "cohort" else author)
        for v in VISIBILITIES
    }
    return boards, threads


def expected_write(viewer, visibility, *, ok=302):
    if viewer not in READS[visibility]:
        return 302 if viewer == "guest" else 404
    if viewer == "guest":
        return 302
    return ok if viewer in WRITERS else 403


CASES = [(viewer, vis) for viewer in VIEWERS for vis in VISIBILITIES]


@pytest.mark.parametrize(("viewer", "visibility"), CASES)
def test_read_board_and_thread(client, world, viewer, visibility):
    boards, threads = world
    make_viewer(viewer, client)
    expected = 200 if viewer in READS[visibility] else 404
    assert client.get(boards[visibility].get_absolute_url()).status_code == expected
    thread_page = client.get(threads[visibility].get_absolute_url())
    # A guest who follows a link to a members board's thread is asked to sign
    # in (tests/community/test_members_only_links.py), without its title.
    asked_to_sign_in = viewer == "guest" and visibility == "members"
    assert thread_page.status_code == (403 if asked_to_sign_in else expected)
    if expected != 200:
        assert threads[visibility].title not in thread_page.text
    listed = {b.slug for b in client.get("/community/").context["boards"]}
    assert (boards[visibility].slug in listed) == (expected == 200)


@pytest.mark.parametrize(("viewer", "visibility"), CASES)
def test_start_thread(client, world, viewer, visibility):
    boards, _ = world
    make_viewer(viewer, client)
    response = client.post(
        f"/community/{boards[visibility].slug}/new/",
        {"title": "New topic", "body": "Text"},
    )
    assert response.status_code == expected_write(viewer, visibility)
    created = boards[visibility].threads.filter(title="New topic").exists()
    assert created == (response.status_code == 302 and viewer in WRITERS)


@pytest.mark.parametrize(("viewer", "visibility"), CASES)
def test_reply(client, world, viewer, visibility):
    _, threads = world
    make_viewer(viewer, client)
    thread = threads[visibility]
    response = client.post(f"/community/t/{thread.pk}/reply/", {"body": "A reply"})
    assert response.status_code == expected_write(viewer, visibility)
    replied = thread.posts.filter(body="A reply").exists()
    assert replied == (viewer in WRITERS and viewer in READS[visibility])


@pytest.mark.parametrize(("viewer", "visibility"), CASES)
def test_react(client, world, viewer, visibility):
    _, threads = world
    make_viewer(viewer, client)
    post = threads[visibility].posts.get()
    response = client.post(f"/community/p/{post.pk}/react/", {"kind": "helpful"})
    assert response.status_code == expected_write(viewer, visibility)
    post.refresh_from_db()
    assert post.helpful_count == (
        1 if viewer in WRITERS and viewer in READS[visibility] else 0
    )


@pytest.mark.parametrize(("viewer", "visibility"), CASES)
def test_flag(client, world, viewer, visibility):
    _, threads = world
    make_viewer(viewer, client)
    post = threads[visibility].posts.get()
    response = client.post(f"/community/p/{post.pk}/flag/", {"reason": "Spam"})
    assert response.status_code == expected_write(viewer, visibility)
    assert post.flags.exists() == (viewer in WRITERS and viewer in READS[visibility])


@pytest.mark.parametrize(("viewer", "visibility"), CASES)
def test_edit_someone_elses_post(client, world, viewer, visibility):
    _, threads = world
    make_viewer(viewer, client)
    post = threads[visibility].posts.get()
    before = post.body
    response = client.post(f"/community/p/{post.pk}/edit/", {"body": "Hijacked"})
    expected = expected_write(viewer, visibility, ok=403)
    if viewer in READS[visibility] and viewer != "guest":
        expected = 403  # nobody edits another's post, moderators included
    assert response.status_code == expected
    assert Post.objects.get(pk=post.pk).body == before


@pytest.mark.parametrize(("viewer", "visibility"), CASES)
def test_hide(client, world, viewer, visibility):
    _, threads = world
    make_viewer(viewer, client)
    post = threads[visibility].posts.get()
    response = client.post(
        f"/community/p/{post.pk}/moderate/hide/", {"reason": "Off topic"}
    )
    if viewer not in READS[visibility]:
        expected = 302 if viewer == "guest" else 404
    elif viewer == "guest":
        expected = 302
    else:
        expected = 302 if viewer == "moderator" else 403
    assert response.status_code == expected
    assert Post.objects.get(pk=post.pk).is_hidden == (
        viewer == "moderator" and viewer in READS[visibility]
    )
