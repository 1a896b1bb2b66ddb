"""The site-wide search follows each change at once, at a fixed query count."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.discussions.moderation import post_hide
from community.discussions.services import post_create, post_delete, post_edit
from core import additions, large_search, versions
from resources.models import Resource
from tests.cohorts.conftest import world  # noqa: F401
from tests.factories import (
    BoardFactory,
    CohortFactory,
    ResourceFactory,
    SessionFactory,
    UserFactory,
    add_member,
    make_thread,
)
from tests.search_helpers import (
    count,
    moderator,  # noqa: F401 (a fixture)
    titles,
)

pytestmark = pytest.mark.django_db


def test_edits_hiding_deleting_and_publishing_show_in_the_next_search(
    client,
    member,
    moderator,  # noqa: F811
):
    board = BoardFactory(visibility="public")
    thread = make_thread(board=board, author=member, title="Plan", body="Kickoff.")
    reply = post_create(thread=thread, author=member, body="Mangrove restoration.")
    assert count(client.get("/search/", {"q": "mangrove"}), "discussions") == 1

    post_edit(post=reply, editor=member, body="Wetland restoration.")
    assert count(client.get("/search/", {"q": "mangrove"}), "discussions") == 0
    assert count(client.get("/search/", {"q": "wetland"}), "discussions") == 1

    post_hide(post=reply, moderator=moderator, reason="Duplicate")
    assert count(client.get("/search/", {"q": "wetland"}), "discussions") == 0

    other = post_create(thread=thread, author=member, body="Estuary study.")
    post_delete(post=other, user=member)
    assert count(client.get("/search/", {"q": "estuary"}), "discussions") == 0

    # A renamed thread is found by its new title.
    thread.title = "Coastal resilience plan"
    thread.save()
    response = client.get("/search/", {"q": "coastal"})
    assert titles(response, "discussions") == ["Coastal resilience plan"]

    draft = ResourceFactory(title="Seawall primer", state="draft")
    assert count(client.get("/search/", {"q": "seawall"}), "resources") == 0
    draft.state = Resource.State.PUBLISHED
    draft.save()
    assert count(client.get("/search/", {"q": "seawall"}), "resources") == 1


def test_a_reply_searches_discussions_again_and_keeps_the_resources_found(
    client, member
):
    ResourceFactory(title="Oakland budget guide")
    thread = make_thread(
        board=BoardFactory(visibility="public"), title="Oakland budget", body="Hi."
    )
    client.force_login(member)
    client.get("/search/", {"q": "oakland"})
    post_create(thread=thread, author=member, body="Oakland's numbers are out.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "oakland"})
    # The new reply is found at once; the resources come from the cache, as no
    # change to the library was committed.
    assert count(response, "discussions") == 2
    assert count(response, "resources") == 1
    searched = [query["sql"] for query in queries.captured_queries]
    assert any('FROM "community_post"' in sql for sql in searched)
    assert not any('FROM "resources_resource"' in sql for sql in searched)


def test_a_renamed_cohort_and_a_members_new_name_show_in_the_next_search(
    client, member
):
    cohort = CohortFactory(name="Harbor cohort")
    other = UserFactory(profile__display_name="Rosa Harbor")
    client.force_login(member)
    response = client.get("/search/", {"q": "harbor"})
    assert count(response, "cohorts") == 1
    assert titles(response, "members") == ["Rosa Harbor"]

    cohort.name = "Lighthouse cohort"
    cohort.save()
    other.profile.display_name = "Rosa Lighthouse"
    other.profile.save()
    response = client.get("/search/", {"q": "harbor"})
    assert count(response, "cohorts") == 0
    assert count(response, "members") == 0
    response = client.get("/search/", {"q": "lighthouse"})
    assert count(response, "cohorts") == 1
    assert titles(response, "members") == ["Rosa Lighthouse"]

    # Leaving the directory leaves the search at once.
    other.profile.in_directory = False
    other.profile.save()
    assert count(client.get("/search/", {"q": "lighthouse"}), "members") == 0


# --- Fixed cost -------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 20])
def test_search_runs_a_fixed_number_of_queries(
    client,
    member,
    django_assert_num_queries,
    size,
    world,  # noqa: F811
):
    board = BoardFactory(visibility="public")
    for n in range(size):
        ResourceFactory(title=f"Oakland budget guide {n}", topics=["budget"])
        make_thread(board=board, title=f"Oakland budget {n}", body="Oakland.")
        UserFactory(profile__organization="City of Oakland")
        SessionFactory(cohort=world.cohort, title=f"Oakland visit {n}")
        CohortFactory(name=f"Oakland cohort {n}")
    neighbour = UserFactory()
    add_member(world.cohort, neighbour, city=world.long_beach)
    client.force_login(world.participant)
    client.get("/")  # the session is in the cache from now on
    cache.delete("resources:topic-choices")
    # The user with the header's profile, the topic choices (the library's
    # versions, the topics from the facet cells, which the worker counted again
    # after the last change: every few minutes),
    # the versions of what searches show, the boards the viewer reads, two
    # queries each for resources and discussions (a count stopped at 1,000, the
    # page), the handles in the query, the viewer's places in the cohorts, one
    # each for cohorts, sessions and members (the header's unread count comes
    # with the user); and the posts' matches priced as read from memory, the
    # connection's price put back after (core/plans.py).
    with django_assert_num_queries(16):
        response = client.get("/search/", {"q": "oakland"})
    # Another member who reads the same boards: resources, discussions,
    # cohorts, members and topics from the cache; the sessions, whose details
    # depend on the viewer's places in the cohorts (read), searched again for
    # this member's other places.
    client.force_login(world.city_lead)
    client.get("/")
    with django_assert_num_queries(5):
        client.get("/search/", {"q": "oakland"})
    # A member in the same place as the first (Long Beach's participant): the
    # sessions too come from the copy the first one made.
    client.force_login(neighbour)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/search/", {"q": "oakland"})
    assert len(queries) == 4  # the user, versions, boards and places
    assert not [q for q in queries if 'FROM "cohorts_session"' in q["sql"]]
    assert count(again, "sessions") == size
    assert count(response, "resources") == size
    assert count(response, "discussions") == size
    assert count(response, "sessions") == size


# --- Replies taken into kept matches ----------------------------------------------


def _posts_read(queries) -> list[str]:
    return [
        q["sql"] for q in queries.captured_queries if '"community_post"' in q["sql"]
    ]


def _every_match_read(queries) -> bool:
    """Whether the search read its newest matches (not only new replies)."""
    limit = f"LIMIT {large_search.MAX_COUNT + 1}"
    return any(limit in sql for sql in _posts_read(queries))


def test_a_reply_joins_the_kept_matches_without_reading_every_match(client, member):
    board = BoardFactory(visibility="public")
    thread = make_thread(board=board, title="Oakland budget", body="Oakland talks.")
    private = make_thread(
        board=BoardFactory(visibility="members"), title="Oakland", body="Inside."
    )
    assert count(client.get("/search/", {"q": "oakland"}), "discussions") == 1

    reply = post_create(thread=thread, author=member, body="Oakland's numbers.")
    post_create(thread=private, author=member, body="Oakland, said the quokka.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "oakland"})
    # The guest finds the reply on the public board, read by its key with the
    # one on the members' board, which is left out; every match is not read.
    assert count(response, "discussions") == 2
    assert reply.get_absolute_url() in response.text
    assert "quokka" not in response.text
    assert not _every_match_read(queries)

    # A member reads both boards: their own kept matches take in both replies.
    client.force_login(member)
    assert count(client.get("/search/", {"q": "oakland"}), "discussions") == 4
    post_create(thread=private, author=member, body="Oakland again.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "oakland"})
    assert count(response, "discussions") == 5
    assert not _every_match_read(queries)


def test_what_is_not_a_reply_makes_the_kept_matches_again(client, member, moderator):  # noqa: F811
    board = BoardFactory(visibility="public")
    thread = make_thread(board=board, title="Transit", body="Transit first.")
    client.get("/search/", {"q": "transit"})
    reply = post_create(thread=thread, author=member, body="Transit passes.")

    # Hidden: made again, and the reply is gone.
    post_hide(post=reply, moderator=moderator, reason="Spam")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "transit"})
    assert _every_match_read(queries)
    assert count(response, "discussions") == 1

    # A new thread is not only a reply: made again.
    make_thread(board=board, title="Transit maps", body="Maps.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "transit"})
    assert _every_match_read(queries)
    assert count(response, "discussions") == 2

    # The record of a reply lost from the cache: made again, and found.
    post_create(thread=thread, author=member, body="Transit fares.")
    number = versions.current(["discussions"])["discussions"]
    cache.delete(additions.key("discussions", number))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "transit"})
    assert _every_match_read(queries)
    assert count(response, "discussions") == 3


def test_kept_matches_stay_the_newest_thousand(client, member, monkeypatch):
    """When more match than are counted, a reply joins the newest and the
    oldest kept match leaves, as if every match had been read again."""
    monkeypatch.setattr(large_search, "MAX_COUNT", 3)
    board = BoardFactory(visibility="public")
    threads = [
        make_thread(board=board, title=f"Ferry {n}", body="Ferry.") for n in range(4)
    ]
    response = client.get("/search/", {"q": "ferry", "section": "discussions"})
    (section,) = [s for s in response.context["sections"] if s.key == "discussions"]
    assert section.capped
    assert sorted(titles(response, "discussions")) == ["Ferry 1", "Ferry 2", "Ferry 3"]
    post_create(thread=threads[3], author=member, body="Ferry times.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "ferry", "section": "discussions"})
    assert not _every_match_read(queries)
    grown = titles(response, "discussions")
    cache.clear()
    assert grown == titles(
        client.get("/search/", {"q": "ferry", "section": "discussions"}),
        "discussions",
    )
    assert sorted(grown) == ["Ferry 2", "Ferry 3", "Ferry 3"]


# --- Searches of several words: a bounded walk, then the older matches ---------------


def _small_windows(monkeypatch):
    """A public board, and a search's windows at a test's size: the newest 4
    posts walked, 5 matches counted."""
    monkeypatch.setattr(large_search, "RECENT", 4)
    monkeypatch.setattr(large_search, "MAX_COUNT", 5)
    return BoardFactory(visibility="public")


def test_a_search_of_two_words_finds_older_matches_beyond_the_newest_rows(
    client, member, monkeypatch
):
    """Two words are read among the newest RECENT posts first, then among the
    older ones: the page lists the same posts, newest first among equal
    ranks, as reading every match at once, and counts them all."""
    board = _small_windows(monkeypatch)
    old = [
        make_thread(board=board, title=f"Harbour {n}", body="Harbour ferry talk.")
        for n in range(3)
    ]
    for n in range(6):  # newer posts that hold one of the words only
        make_thread(board=board, title=f"Ferry {n}", body="Only the ferry.")
    newest = make_thread(board=board, title="Harbour 3", body="Harbour ferry.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            "/search/", {"q": "harbour ferry", "section": "discussions"}
        )
    # The walk over the newest four posts found one; the older three came next.
    assert len(_posts_read(queries)) == 3  # the recent, the older, the page
    assert count(response, "discussions") == 4
    assert set(titles(response, "discussions")) == {
        thread.title for thread in [*old, newest]
    }
    cache.clear()
    monkeypatch.setattr(large_search, "RECENT", 10_000)
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/search/", {"q": "harbour ferry", "section": "discussions"})
    assert len(_posts_read(queries)) == 2  # every match at once, the page
    assert titles(again, "discussions") == titles(response, "discussions")

    # More than MAX_COUNT match among the newest: the older are not read.
    for n in range(6):
        make_thread(board=board, title=f"Harbour new {n}", body="Harbour ferry.")
    cache.clear()
    monkeypatch.setattr(large_search, "RECENT", 7)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "harbour ferry"})
    assert len(_posts_read(queries)) == 2
    (section,) = [s for s in response.context["sections"] if s.key == "discussions"]
    assert section.capped
    assert section.count == 5


def _older_reads(queries) -> list[str]:
    """The statements that read matches below the newest RECENT posts."""
    return [sql for sql in _posts_read(queries) if '"id" <= ' in sql]


@pytest.mark.parametrize("apart", [0, 20])
def test_a_pair_common_among_the_newest_posts_reads_the_next_rows_first(
    client, monkeypatch, apart
):
    """Two words found often among the newest posts are looked for among the
    next older rows, as many as should hold what is still wanted, not among
    every older match at once; if those rows hold too few, among all the older
    ones after them. Either way the page lists what reading every match at
    once lists."""
    board = _small_windows(monkeypatch)
    older = [
        make_thread(board=board, title=f"Harbour {n}", body="Harbour ferry talk.")
        for n in range(4)
    ]
    for n in range(3 + apart):  # hold one of the words only
        make_thread(board=board, title=f"Ferry {n}", body="Only the ferry.")
    # The newest four posts: two matches, at that rate 16 rows hold 4 more.
    newest = [
        make_thread(board=board, title=f"Harbour new {n}", body="Harbour ferry.")
        for n in range(2)
    ]
    for n in range(2):
        make_thread(board=board, title=f"Ferry new {n}", body="Only the ferry.")
    search = {"q": "harbour ferry", "section": "discussions"}
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", search)

    reads = _older_reads(queries)
    assert '"id" > ' in reads[0]  # the next rows, bounded below
    # Close enough, those rows held the four; 20 rows apart, all older came next.
    assert len(reads) == (1 if apart == 0 else 2)
    assert count(response, "discussions") == 5  # capped: 6 found
    section = [s for s in response.context["sections"] if s.key == "discussions"]
    assert section[0].capped
    cache.clear()
    monkeypatch.setattr(large_search, "RECENT", 10_000)
    again = client.get("/search/", search)  # every match at once
    assert titles(again, "discussions") == titles(response, "discussions")
    assert set(titles(response, "discussions")) <= {
        thread.title for thread in [*older, *newest]
    }


def test_a_search_reads_its_kept_sections_in_one_round_trip(
    client, member, monkeypatch
):
    """Five sections kept apart cost one read of the cache, not five; those made
    afresh are kept in one write."""
    make_thread(board=BoardFactory(visibility="public"), title="Tide", body="Tide.")
    ResourceFactory(title="Tide gauge primer")
    client.force_login(member)
    calls, inside = [], []

    def spy(name):
        real = getattr(cache, name)

        def call(keys, *args, **kwargs):
            entries = keys if name.endswith("_many") else [keys]
            if not inside and any(
                k.startswith("search:") and ":matches:" not in k for k in entries
            ):
                calls.append((name, len(entries)))
            inside.append(name)  # a backend's get_many may call its own get
            try:
                return real(keys, *args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(cache, name, call)

    for name in ("get", "get_many", "add", "set", "set_many"):
        spy(name)
    first = client.get("/search/", {"q": "tide"})
    assert calls == [("get_many", 5), ("set_many", 5)]
    calls.clear()
    again = client.get("/search/", {"q": "tide"})
    assert calls == [("get_many", 5)]
    assert count(again, "discussions") == count(first, "discussions") == 1
    assert titles(again, "resources") == ["Tide gauge primer"]
