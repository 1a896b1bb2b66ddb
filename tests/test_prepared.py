"""Querysets built once and run with each use's values (core/prepared.py): each
use reads its own rows, never another's, and a thread page built so answers each
viewer in turn as their own rights say."""

import pytest
from django.contrib.auth import get_user_model

from core.prepared import Prepared
from tests.client import Client
from tests.factories import (
    BoardFactory,
    CohortFactory,
    UserFactory,
    add_city,
    add_member,
    make_thread,
)

pytestmark = pytest.mark.django_db


def _named(shape, *, username, not_pk):
    users = get_user_model().objects.exclude(pk=not_pk)
    return users.filter(username=username).order_by("pk")


def test_each_use_runs_with_its_own_values_and_builds_once_per_shape():
    ana, ben = UserFactory(username="ana"), UserFactory(username="ben")
    built = []
    prepared = Prepared(
        lambda shape, **stand_ins: built.append(shape) or _named(shape, **stand_ins)
    )
    assert prepared.first("one", username="ana", not_pk=ben.pk) == ana
    assert prepared.first("one", username="ben", not_pk=ana.pk) == ben
    assert prepared.first("one", username="ben", not_pk=ben.pk) is None
    assert prepared.first("two", username="ana", not_pk=0) == ana
    assert built == ["one", "two"]


def test_a_stand_in_is_a_number_or_a_string():
    prepared = Prepared(_named)
    with pytest.raises(TypeError):
        prepared.first("x", username="ana", not_pk=True)


def test_a_cohort_thread_answers_each_viewer_in_turn_by_their_own_rights():
    cohort = CohortFactory()
    city = add_city(cohort)
    thread = make_thread(board=cohort.board, author=UserFactory(is_staff=True))
    inside, outside = UserFactory(), UserFactory()
    add_member(cohort, inside, city=city)
    url = thread.get_absolute_url()
    clients = {}
    for user in (inside, outside):
        clients[user] = Client()
        clients[user].force_login(user)
    for _ in range(2):
        assert clients[inside].get(url).status_code == 200
        assert clients[outside].get(url).status_code == 404
        assert Client().get(url).status_code == 404


def test_a_thread_page_shows_each_member_their_own_watching_level():
    thread = make_thread(author=UserFactory())
    url = thread.get_absolute_url()
    clients = {}
    for level in ("watching", "muted", "normal"):
        clients[level] = Client()
        clients[level].force_login(UserFactory())
        clients[level].post(f"/community/t/{thread.pk}/follow/", {"level": level})
    for _ in range(2):
        for level, client in clients.items():
            page = client.get(url).text
            assert f'value="{level}" class="secondary" aria-pressed="true"' in page
            assert page.count('aria-pressed="true"') == 1


def test_a_value_the_query_would_leave_out_is_refused_when_built():
    """A lookup Django drops (a number out of its field's range) would drop the
    use's value too: the query is refused before it runs."""
    from django.contrib.auth.models import Group

    prepared = Prepared(
        lambda shape, level: Group.objects.exclude(pk__lt=-(2**40) + level)
    )
    with pytest.raises(ValueError, match="level"):
        prepared.first("x", level=1)


def test_each_threads_later_page_shows_its_own_posts():
    """A page of posts is a prepared query per page number: two threads' second
    pages, read in turn, each show their own posts, a moderator's too."""
    from django.contrib.auth.models import Group

    from community.models import Post

    board = BoardFactory()
    pages = {}
    for name in ("alpha", "beta"):
        thread = make_thread(board=board, title=f"Thread {name}")
        Post.objects.bulk_create(
            Post(thread=thread, author=thread.author, body=f"{name} {n}",
                 body_html=f"<p>{name} reply {n}</p>")
            for n in range(60)
        )  # fmt: skip
        pages[name] = f"{thread.get_absolute_url()}?page=2"
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    for user in (UserFactory(), moderator):
        client = Client()
        client.force_login(user)
        for _ in range(2):
            for name, other in (("alpha", "beta"), ("beta", "alpha")):
                page = client.get(pages[name]).text
                assert f"{name} reply 59" in page
                assert f"{other} reply" not in page


def test_postgresql_plans_a_pages_query_once_per_connection():
    """A statement run again on a connection is prepared on the server
    (config/settings.py: DATABASE_PREPARED), so it is planned once, not on
    every request; each use still reads its own rows."""
    from django.db import connection

    board = BoardFactory(visibility="public")
    threads = [make_thread(board=board, title=f"Question {n}") for n in range(3)]
    client = Client()
    for thread in threads:
        response = client.get(thread.get_absolute_url())
        assert thread.title in response.content.decode()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements"
            " WHERE statement LIKE '%%community_post%%'"
        )
        assert cursor.fetchone()[0] >= 1


def test_a_search_is_planned_for_its_own_words_every_time():
    """The posts matching a search are not prepared (core/plans.py): a generic
    plan would read a rare word's matches as it reads a common word's. The
    connection prepares its other statements as before, after the search too."""
    from django.db import connection

    board = BoardFactory(visibility="public")
    make_thread(board=board, title="Transit", body="Transit, zoning, parks, rent.")

    def prepared(text: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                [f"%{text}%"],
            )
            return cursor.fetchone()[0]

    client = Client()
    for word in ("transit", "zoning", "parks", "rent"):
        page = client.get("/search/", {"q": word, "section": "discussions"}).text
        assert "Transit" in page
    assert prepared('"community_post"."search_vector" @@') == 0
    assert prepared('FROM "community_board"') >= 1  # the boards the viewer reads


def test_one_word_searches_built_once_find_each_viewers_own_matches(client):
    """A search of one word with no filter reads the newest posts and resources
    by statements built once (community/search.py, resources/search.py): each
    search finds its own word's matches on its own viewer's boards, whoever
    searched before it."""
    from tests.factories import ResourceFactory, UserFactory
    from tests.search_helpers import titles

    public = BoardFactory(visibility="public")
    members = BoardFactory(visibility="members")
    for word in ("harbour", "ferry", "tram"):
        make_thread(board=public, title=f"Public {word}", body=f"The {word}.")
        make_thread(board=members, title=f"Members' {word}", body=f"The {word}.")
        ResourceFactory(title=f"A {word} guide")
    member = UserFactory()

    def found(word: str) -> tuple:
        response = client.get("/search/", {"q": word})
        return titles(response, "discussions"), titles(response, "resources")

    assert found("harbour") == (["Public harbour"], ["A harbour guide"])
    client.force_login(member)
    assert found("ferry") == (
        ["Members' ferry", "Public ferry"],
        ["A ferry guide"],
    )
    client.logout()
    assert found("tram") == (["Public tram"], ["A tram guide"])
    # A -word alone: what does not hold it, ranked by cover density (the other
    # shape of each statement).
    posts, resources = found("-tram")
    assert set(posts) == {"Public ferry", "Public harbour"}
    assert set(resources) == {"A ferry guide", "A harbour guide"}
