"""The full-text indexes keep no pending list: with GIN's fastupdate, new entries
wait in a list that every search reads one by one until a VACUUM merges them (after
a bulk load of the library, all 100,000 resources: a two-word search's matches took
20 ms instead of 7)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def gin_indexes() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT index.relname, coalesce(index.reloptions, '{}')
            FROM pg_index
            JOIN pg_class index ON index.oid = pg_index.indexrelid
            JOIN pg_am ON pg_am.oid = index.relam
            JOIN pg_namespace ON pg_namespace.oid = index.relnamespace
            WHERE pg_am.amname = 'gin' AND pg_namespace.nspname = current_schema()
            """
        )
        return dict(cursor.fetchall())


def test_every_full_text_index_keeps_no_pending_list():
    indexes = gin_indexes()
    full_text = {
        "post_board_search_gin",
        "resource_search_gin",
        "resource_search_es_gin",
    }
    assert full_text <= set(indexes)
    pending = [
        name for name, options in indexes.items() if "fastupdate=off" not in options
    ]
    assert pending == []


def test_the_directory_search_reads_the_trigram_indexes():
    """A search of the directory (handle, name, organization) finds its matches
    through each column's trigram index, not by reading every member: with
    sequential scans priced out, the plan names all three indexes."""
    from community.members.selectors import members_matching
    from tests.factories import UserFactory

    UserFactory(username="maria-lopez")
    assert {"auth_user_username_trgm", "profile_display_name_trgm"} <= set(
        gin_indexes()
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = members_matching("lopez").explain()
    for index in (
        "auth_user_username_trgm",
        "profile_display_name_trgm",
        "profile_organization_trgm",
    ):
        assert index in plan
    assert [user.username for user in members_matching("LOPEZ")] == ["maria-lopez"]


def test_a_search_reads_the_matches_on_the_viewers_boards_in_the_index(client):
    """The posts' search index holds each post's board beside its words
    (community migration 0010), and a search asks for its matches on the
    viewer's boards by the post's own board: PostgreSQL can read them inside
    the index, rather than every match of the word from the table to learn its
    thread's board (for a common word on the guests' boards of the large data,
    four matches read for each one kept: 14.5 ms, 2.8 with the index)."""
    from django.test.utils import CaptureQueriesContext

    from tests.factories import BoardFactory, make_thread

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_indexdef('post_board_search_gin'::regclass)")
        (definition,) = cursor.fetchone()
    assert "USING gin (board_id, search_vector)" in definition

    make_thread(board=BoardFactory(visibility="public"), body="Zanzibar is here.")
    make_thread(board=BoardFactory(visibility="members"), body="Zanzibar is too.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "zanzibar"})
    assert response.context["total"] == 1
    (matches,) = [
        query["sql"]
        for query in queries
        if '"community_post"' in query["sql"]
        and "@@" in query["sql"]
        and "ts_headline" not in query["sql"]
    ]
    assert '"community_post"."board_id" = ANY(' in matches
    assert "community_thread" not in matches


def test_boards_that_hold_most_posts_are_checked_on_the_matches_of_several_words(
    client, member
):
    """A search of several words by a viewer whose boards hold most of the
    posts (a member) reads the words' matches through the index and checks
    each one's board on its row: reading those boards' entries in the index
    (every post of theirs) cost more than the few matches it left out. A
    viewer whose boards hold few of them (a guest) reads the boards in the
    index, as a search of one word always does. Each finds only the posts on
    the boards they read."""
    from django.test.utils import CaptureQueriesContext

    from tests.factories import BoardFactory, make_thread

    public = BoardFactory(visibility="public")
    inside = BoardFactory(visibility="members")
    make_thread(board=public, title="Harbour open", body="Harbour ferry open.")
    for n in range(3):
        make_thread(board=inside, title=f"Harbour in {n}", body=f"Harbour ferry {n}.")
    cohort = make_thread(board=BoardFactory(visibility="cohort"), title="Harbour c")
    cohort.posts.update(body_text="Harbour ferry, a cohort's.")  # not the member's

    def search(q):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/search/", {"q": q, "section": "discussions"})
        sections = response.context["sections"]
        (section,) = [s for s in sections if s.key == "discussions"]
        (keys, *_) = [
            query["sql"]
            for query in queries
            if '"community_post"' in query["sql"] and "@@" in query["sql"]
        ]
        return sorted(hit.title for hit in section.hits), keys

    found, keys = search("harbour ferry")  # a guest's boards: 1 post of 5
    assert found == ["Harbour open"]
    assert '"community_post"."board_id" = ANY(' in keys
    client.force_login(member)  # the member's boards: 4 of 5
    found, keys = search("harbour ferry")
    assert found == ["Harbour in 0", "Harbour in 1", "Harbour in 2", "Harbour open"]
    assert '("community_post"."board_id" + 0) = ANY(' in keys
    found, keys = search("harbour")  # one word: the boards in the index
    assert "Harbour c" not in found
    assert '"community_post"."board_id" = ANY(' in keys
