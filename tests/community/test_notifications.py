"""Notifications store what happened and what it is about; their sentence is
written when shown, so it follows renames and the reader's language."""

import pytest
from django.db import IntegrityError, transaction

from community.discussions import moderation, services
from community.models import Notification
from tests.factories import (
    BoardFactory,
    ResourceFactory,
    SessionFactory,
    make_thread,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(db):
    return BoardFactory(slug="general", name="General")


def shown(client, member) -> str:
    client.force_login(member)
    return client.get("/community/notifications/").content.decode()


def test_a_renamed_thread_shows_its_new_title(client, member, other_member, board):
    thread = make_thread(board=board, author=member, title="Budget tools")
    services.post_create(thread=thread, author=other_member, body="A reply")
    thread.title = "Budget equity tools"
    thread.save()
    page = shown(client, member)
    assert f"@{other_member.username} replied to you in “Budget equity tools”" in page
    assert "“Budget tools”" not in page


def test_a_new_handle_names_the_actor(client, member, other_member, board):
    thread = make_thread(board=board, author=member)
    services.post_create(thread=thread, author=other_member, body="A reply")
    other_member.username = "renamed-member"
    other_member.save()
    assert "@renamed-member replied to you" in shown(client, member)


def test_each_kind_about_a_post_reads_as_its_sentence(
    member, other_member, moderator_user, board
):
    thread = make_thread(board=board, author=member, title="Tree canopy")
    post = services.post_create(thread=thread, author=member, body="Data here")
    services.post_create(thread=thread, author=other_member, body="@maria thanks")
    services.reaction_toggle(post=post, user=other_member, kind="insightful")
    moderation.post_hide(post=post, moderator=moderator_user, reason="Off topic")
    moderation.post_restore(post=post, moderator=moderator_user)
    texts = {n.kind: n.text for n in Notification.objects.filter(recipient=member)}
    name = f"@{other_member.username}"
    assert texts == {
        "mention": f"{name} mentioned you in “Tree canopy”",
        "reaction": f"{name} found your post insightful in “Tree canopy”",
        "moderation": "A moderator hid your post in “Tree canopy”: Off topic",
        "restored": "A moderator restored your post in “Tree canopy”.",
    }


def test_sessions_and_resources_read_as_their_sentences(member):
    session = SessionFactory(title="Kickoff convening", cohort__name="2018 cohort")
    resource = ResourceFactory(title="Equity toolkit")
    about_session = Notification.objects.create(
        recipient=member, kind="session", session=session
    )
    about_resource = Notification.objects.create(
        recipient=member, kind="resource", resource=resource
    )
    assert about_session.text.startswith(
        "New session in the 2018 cohort: Kickoff convening, "
    )
    assert about_resource.text == "New in the library: Equity toolkit"
    assert about_resource.get_absolute_url() == resource.get_absolute_url()


@pytest.mark.parametrize(
    "about",
    [
        {"kind": "reply"},  # about nothing
        {"kind": "reply", "with_session": True},  # about two things
        {"kind": "session"},  # a session kind without its session
        {"kind": "resource", "with_post": True},  # a resource kind about a post
    ],
)
def test_a_notification_is_about_exactly_one_thing_of_its_kind(
    member, other_member, board, about
):
    post = services.post_create(
        thread=make_thread(board=board, author=other_member),
        author=other_member,
        body="hi",
    )
    fields = {"recipient": member, "kind": about["kind"]}
    if about["kind"] == "reply" and about.get("with_session"):
        fields.update(post=post, session=SessionFactory())
    if about.get("with_post"):
        fields["post"] = post
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(**fields)
