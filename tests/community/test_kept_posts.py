"""A thread page's posts are kept for every member of a role alike
(community/discussions/views/post_list.py): what each member reads is still
their own (their posts, their reactions, what is new to them, their token), and
nothing kept is older than the last committed change to the thread or its people.

The tests commit for real, as requests do (transactional tests)."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from community.discussions.moderation import post_hide
from community.discussions.services import post_create, post_edit, reaction_toggle
from community.models import Post, Suspension
from tests.factories import BoardFactory, UserFactory, make_thread
from tests.test_cache_correctness import _in_another_request

pytestmark = [pytest.mark.versions_on_commit, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(transactional_db):
    moderator = UserFactory(username="mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return {
        "ana": UserFactory(username="ana", profile__display_name="Ana Ruiz"),
        "ben": UserFactory(username="ben", profile__display_name="Ben Okafor"),
        "mod": moderator,
    }


@pytest.fixture
def thread(people):
    board = BoardFactory(slug="open", visibility="public")
    thread = make_thread(
        board=board, author=people["ana"], title="Bus lanes", body="Who has them?"
    )
    post_create(thread=thread, author=people["ben"], body="Rochester does.")
    return thread


def sees(user, url: str) -> str:
    browser = Client()
    if user is not None:
        browser.force_login(user)
    response = browser.get(url)
    assert response.status_code == 200
    return response.text


def article(html: str, post: Post) -> str:
    found = re.search(
        rf'<article class="[^"]*" id="post-{post.pk}".*?</article>', html, re.S
    )
    assert found, f"post {post.pk} is not on the page"
    return found[0]


def test_each_member_reads_their_own_posts_links_on_the_kept_page(thread, people):
    url = f"{thread.get_absolute_url()}?page=1"
    ana_post, ben_post = thread.posts.order_by("pk")
    sees(people["ben"], url)  # kept by Ben's visit
    ana_page = sees(people["ana"], url)
    assert ">Edit</a>" in article(ana_page, ana_post)
    assert ">Edit</a>" not in article(ana_page, ben_post)
    assert ">Report</a>" in article(ana_page, ben_post)
    ben_page = sees(people["ben"], url)
    assert ">Edit</a>" in article(ben_page, ben_post)
    assert ">Report</a>" in article(ben_page, ana_post)
    assert "\x00" not in ana_page + ben_page  # every hole filled


def test_a_reaction_is_counted_for_all_and_pressed_for_its_member(thread, people):
    url = f"{thread.get_absolute_url()}?page=1"
    post = thread.posts.order_by("pk").last()
    sees(people["ben"], url)
    reaction_toggle(post=post, user=people["ana"], kind="helpful")
    pressed = 'value="helpful" class="reaction" aria-pressed="true"'
    ana_sees, ben_sees = (
        article(sees(people[name], url), post) for name in ("ana", "ben")
    )
    assert '<span class="count">1</span>' in ana_sees
    assert '<span class="count">1</span>' in ben_sees
    assert pressed in ana_sees
    assert pressed not in ben_sees


def test_an_edit_and_a_new_name_show_to_the_next_member(thread, people):
    url = f"{thread.get_absolute_url()}?page=1"
    post = thread.posts.order_by("pk").last()
    assert "Rochester does." in sees(people["ana"], url)
    post_edit(post=post, editor=people["ben"], body="Rochester and Pittsburgh do.")
    assert "Rochester and Pittsburgh do." in sees(people["ana"], url)
    profile = people["ben"].profile
    profile.display_name = "Benjamin Okafor"
    profile.save()
    assert "Benjamin Okafor" in article(sees(people["ana"], url), post)


def test_a_hidden_post_and_its_reason_show_to_whom_they_concern(thread, people):
    url = f"{thread.get_absolute_url()}?page=1"
    post = thread.posts.order_by("pk").last()
    sees(people["ana"], url)
    post_hide(post=post, moderator=people["mod"], reason="Off topic here")
    moderator_sees = article(sees(people["mod"], url), post)
    assert "Rochester does." in moderator_sees
    assert "Off topic here" in moderator_sees
    ana_sees = article(sees(people["ana"], url), post)
    assert "Rochester does." not in ana_sees
    assert "hidden by a moderator" in ana_sees
    assert "Off topic here" not in ana_sees
    ben_sees = article(sees(people["ben"], url), post)
    assert "Off topic here" in ben_sees
    assert "Rochester does." not in ben_sees


def test_a_moderators_and_a_writers_forms_stay_with_their_role(thread, people):
    url = f"{thread.get_absolute_url()}?page=1"
    guest_page = sees(None, url)  # the copy every reader shares is made here
    assert 'name="kind"' not in guest_page
    assert 'name="csrfmiddlewaretoken"' not in guest_page
    assert "Hide post" in sees(people["mod"], url)
    writer_page = sees(people["ana"], url)
    assert "Hide post" not in writer_page
    assert 'name="kind"' in writer_page  # reaction buttons
    assert ">Reply<" in writer_page
    Suspension.objects.create(
        user=people["ana"], reason="Cooling off", until=timezone.now() + timedelta(7)
    )
    suspended = sees(people["ana"], url)
    assert "Hide post" not in suspended
    assert 'name="kind"' not in suspended  # no reaction buttons
    assert 'name="csrfmiddlewaretoken"' not in sees(None, url)


def test_what_is_new_is_marked_for_each_member(thread, people):
    url = f"{thread.get_absolute_url()}?page=1"
    sees(people["ana"], url)  # Ana has read both posts, Ben his own reply
    reply = post_create(thread=thread, author=people["mod"], body="Pittsburgh too.")
    for name in ("ana", "ben"):
        page = sees(people[name], url)
        assert 'class="post unread"' in article(page, reply)
        assert page.count('class="post unread"') == 1
    newcomer = UserFactory(username="cy")
    assert sees(newcomer, url).count('class="post unread"') == 0  # a first visit


@pytest.mark.parametrize("commit", [True, False])
def test_a_members_page_read_during_a_write_is_not_kept_past_it(thread, people, commit):
    """A member reads the thread while an edit is written but not committed; the
    copy made then is not served once the edit commits, and a rolled-back edit
    is never seen."""
    url = f"{thread.get_absolute_url()}?page=1"
    post = thread.posts.order_by("pk").last()

    def edit():
        post_edit(post=post, editor=people["ben"], body="Painted lanes work.")

    def read_meanwhile():
        assert "Painted lanes work." not in sees(people["ana"], url)

    _in_another_request(edit, commit=commit, while_open=read_meanwhile)
    assert ("Painted lanes work." in sees(people["ana"], url)) is commit
