"""Statements planned for their own values, and the posts' search planned as read
from memory (core/plans.py): the price of a page is the search's own, and the
connection's is back after it, whatever happens inside."""

import pytest
from django.db import connection

from core.plans import planned_each_time
from tests.factories import BoardFactory, make_thread

pytestmark = pytest.mark.django_db


def page_cost() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('random_page_cost')")
        return cursor.fetchone()[0]


@pytest.fixture
def priced_at_three():
    with connection.cursor() as cursor:
        cursor.execute("SET random_page_cost = 3")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET random_page_cost")


def test_a_block_plans_at_its_price_and_gives_the_connection_its_own_back(
    priced_at_three,
):
    with planned_each_time(random_page_cost=1.1):
        assert page_cost() == "1.1"
    assert page_cost() == "3"

    def fails():
        with planned_each_time(random_page_cost=1.1):
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        fails()
    assert page_cost() == "3"

    with planned_each_time():
        assert page_cost() == "3"


def test_a_failed_statement_inside_leaves_the_setting_to_the_rollback(
    priced_at_three,
):
    from django.db import DatabaseError, transaction

    def divides_by_zero():
        with (
            transaction.atomic(),
            planned_each_time(random_page_cost=1.1),
            connection.cursor() as cursor,
        ):
            cursor.execute("SELECT 1 / 0")

    with pytest.raises(DatabaseError):
        divides_by_zero()
    assert page_cost() == "3"


def test_the_posts_matches_of_a_search_are_planned_as_read_from_memory(
    client, priced_at_three
):
    """The statement that reads the posts' matches runs at 1.1 (the large data:
    a guest's search for a word with a few thousand matches was planned as a
    walk along the newest posts, 10 ms, rather than through the index, 5), and
    the resources' at the connection's own price; after the page, the
    connection's price is its own again."""
    make_thread(board=BoardFactory(visibility="public"), body="Zanzibar is here.")
    seen = {}

    def record(execute, sql, params, many, context):
        if "@@" in sql and "ts_headline" not in sql:
            table = "posts" if '"community_post"' in sql else "other"
            if table == "posts" or '"resources_resource"' in sql:
                with context["connection"].cursor() as cursor:
                    cursor.execute("SELECT current_setting('random_page_cost')")
                    seen["posts" if table == "posts" else "resources"] = (
                        cursor.fetchone()[0]
                    )
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get("/search/", {"q": "zanzibar"})
    assert response.context["total"] == 1
    assert seen == {"posts": "1.1", "resources": "3"}
    assert page_cost() == "3"
