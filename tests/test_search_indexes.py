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
    assert {"post_search_gin", "resource_search_gin", "resource_search_es_gin"} <= set(
        indexes
    )
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
