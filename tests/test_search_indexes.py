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
