"""Fixtures the community's test modules share."""

import pytest


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run what is queued after commit (tests run inside one transaction)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run
