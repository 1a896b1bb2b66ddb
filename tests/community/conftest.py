"""Fixtures the community's test modules share."""

import pytest

from tests.factories import BoardFactory


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run what is queued after commit (tests run inside one transaction)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def board(db):
    """The board the board pages' tests post in (a module may have its own)."""
    return BoardFactory(slug="ask", name="Ask the community")
