"""A topic's page (/topics/<slug>/): the library's resources and the discussions on
one topic, each viewer seeing only what they may read; the topic badges lead to it."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from community.discussions.services import post_create
from community.models import Board, ReadState, Thread, TopicFollow
from resources.models import Resource
from tests.factories import (
    BoardFactory,
    CohortFactory,
    ResourceFactory,
    UserFactory,
    add_member,
    make_thread,
)

pytestmark = pytest.mark.django_db


def on_topic(thread, topic="Transit"):
    thread.tags.add(topic)
    return thread


@pytest.fixture
def transit(db):
    """The topic "Transit": a published resource and a draft, and a thread on a
    public board, a members board and a cohort's board; beside it, another topic."""
    ResourceFactory(title="Bus lanes toolkit", topics=["Transit"])
    ResourceFactory(title="Unfinished transit memo", state="draft", topics=["Transit"])
    ResourceFactory(title="Housing guide", topics=["Housing"])
    public = BoardFactory(slug="open", name="Open board", visibility="public")
    members = BoardFactory(slug="lounge", name="Lounge", visibility="members")
    cohort = CohortFactory()
    on_topic(make_thread(board=public, title="Fare-free buses, a year on"))
    on_topic(make_thread(board=members, title="Members talk fares"))
    on_topic(make_thread(board=cohort.board, title="Our cohort's bus plan"))
    make_thread(board=public, title="Rent control", author=None).tags.add("Housing")
    return Tag.objects.get(name="Transit")


def topic_url(tag) -> str:
    return reverse("topic_detail", args=[tag.slug])


def test_guest_sees_public_threads_and_published_resources_of_the_topic(
    client, transit
):
    response = client.get(topic_url(transit))
    html = response.text
    assert response.status_code == 200
    assert "<h1>Transit</h1>" in html
    assert "Bus lanes toolkit" in html
    assert "Fare-free buses, a year on" in html
    assert f'href="/resources/?topic={transit.slug}"' in html
    for unseen in (
        "Unfinished transit memo",
        "Members talk fares",
        "Our cohort&#x27;s bus plan",
        "Our cohort's bus plan",
        "Housing guide",
        "Rent control",
    ):
        assert unseen not in html


def test_member_sees_members_threads_but_not_a_cohort_she_is_not_in(
    member_client, transit
):
    html = member_client.get(topic_url(transit)).text
    assert "Fare-free buses, a year on" in html
    assert "Members talk fares" in html
    assert "bus plan" not in html
    assert "Unfinished transit memo" not in html


def test_a_cohort_member_sees_the_cohort_boards_thread_too(client, member, transit):
    board = Board.objects.get(threads__title="Our cohort's bus plan")
    add_member(board.cohort, member, role="coach")
    client.force_login(member)
    assert "bus plan" in client.get(topic_url(transit)).text


def test_each_thread_row_links_its_board(client, transit):
    html = client.get(topic_url(transit)).text
    assert 'in <a href="/community/open/">Open board</a>' in html


def test_unknown_topic_is_not_found(client, transit):
    assert client.get("/topics/no-such-topic/").status_code == 404


def test_a_topic_with_nothing_a_guest_may_read_says_so_and_names_no_thread(client):
    members = BoardFactory(visibility="members")
    on_topic(make_thread(board=members, title="Quiet members thread"), "Zoning")
    response = client.get("/topics/zoning/")
    assert response.status_code == 200
    assert "The library has no resource on this topic yet." in response.text
    assert "No discussion on this topic that you can read yet." in response.text
    assert "Quiet members thread" not in response.text


def test_a_kept_guest_page_loses_a_thread_whose_board_turns_members_only(
    client, transit
):
    assert "Fare-free buses" in client.get(topic_url(transit)).text
    assert client.get(topic_url(transit))["X-Cache"] == "hit"
    board = Board.objects.get(slug="open")
    board.visibility = Board.Visibility.MEMBERS
    board.save()
    response = client.get(topic_url(transit))
    assert response["X-Cache"] == "miss"
    assert "Fare-free buses" not in response.text


def test_a_kept_guest_page_shows_a_resource_published_since(client, transit):
    assert "Unfinished transit memo" not in client.get(topic_url(transit)).text
    assert client.get(topic_url(transit))["X-Cache"] == "hit"
    draft = Resource.objects.get(title="Unfinished transit memo")
    draft.state = Resource.State.PUBLISHED
    draft.save()
    assert "Unfinished transit memo" in client.get(topic_url(transit)).text


def test_thread_page_topic_badges_link_to_the_topics_page(client, transit):
    thread = on_topic(make_thread(board=Board.objects.get(slug="open")))
    on_topic(thread, "Équité")
    html = client.get(thread.get_absolute_url()).text
    assert f'<a href="{topic_url(transit)}">Transit</a>' in html
    unicode_topic = Tag.objects.get(name="Équité")
    assert f'<a href="{topic_url(unicode_topic)}">Équité</a>' in html
    assert client.get(topic_url(unicode_topic)).status_code == 200


def test_resource_page_topics_link_to_the_topics_page(client, transit):
    resource = Resource.objects.get(title="Bus lanes toolkit")
    html = client.get(resource.get_absolute_url()).text
    assert f'<a href="{topic_url(transit)}">Transit</a>' in html


def test_member_follows_the_topic_from_its_page_and_returns_to_it(
    member_client, member, transit
):
    url = topic_url(transit)
    assert "Follow this topic" in member_client.get(url).text
    response = member_client.post(
        reverse("community:topic_follow"),
        {"topic": transit.slug, "follow": "1", "next": url},
    )
    assert response.status_code == 302
    assert response.url == url
    assert TopicFollow.objects.filter(user=member, tag=transit).exists()
    html = member_client.get(url).text
    assert "You follow this topic" in html
    assert "Stop following" in html


def test_following_a_topic_never_returns_to_another_site(member_client, transit):
    response = member_client.post(
        reverse("community:topic_follow"),
        {"topic": transit.slug, "follow": "1", "next": "//evil.example/topics/"},
    )
    assert response.url == "/community/settings/#topics"


def test_guests_get_no_follow_control(client, transit):
    assert "Follow this topic" not in client.get(topic_url(transit)).text


def _topic_of_size(n: int) -> Tag:
    """n resources on the topic, n threads on it on a public and on a members
    board, each with a reply by another member."""
    public = BoardFactory(visibility="public")
    members = BoardFactory(visibility="members")
    for i in range(n):
        ResourceFactory(topics=["Transit"])
        author, poster = UserFactory(), UserFactory()
        for board in (public, members):
            thread = on_topic(make_thread(board=board, author=author, title=f"Q {i}"))
            post_create(thread=thread, author=poster, body=f"On {thread.pk}")
    return Tag.objects.get(name="Transit")


@pytest.mark.parametrize("n", [2, 12])
def test_a_guests_topic_page_runs_fixed_queries(client, django_assert_num_queries, n):
    url = topic_url(_topic_of_size(n))
    # the versions it is kept under, the topic, the threads' count and page, the
    # resources
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [2, 12])
def test_a_members_topic_page_runs_fixed_queries(
    member_client, member, django_assert_num_queries, n
):
    tag = _topic_of_size(n)
    TopicFollow.objects.create(user=member, tag=tag)
    ReadState.objects.bulk_create(
        ReadState(user=member, thread=thread, read_up_to=thread.posts.first().pk)
        for thread in Thread.objects.all()
    )
    # the layout's (her account, with her standing and unread count), the
    # topic with her follow, the threads' count and page, what she read of them
    # and what came after, the resources
    with django_assert_num_queries(7):
        assert member_client.get(topic_url(tag)).status_code == 200
