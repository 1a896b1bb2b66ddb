"""The quickstart's fallback search (SQLite), exercised on any database."""

import pytest

from resources import selectors
from resources.models import Resource
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def substring_search(monkeypatch):
    monkeypatch.setattr(selectors, "uses_full_text_search", lambda: False)


def search(q):
    results = selectors.search_resources(Resource.objects.published(), q)
    return sorted(r.title for r in results)


def test_every_word_must_appear(substring_search):
    ResourceFactory(title="Housing toolkit", summary="For the budget office.")
    ResourceFactory(title="Housing report")
    assert search("housing budget") == ["Housing toolkit"]
    assert search("HOUSING") == ["Housing report", "Housing toolkit"]


def test_minus_word_excludes(substring_search):
    ResourceFactory(title="Housing toolkit")
    ResourceFactory(title="Housing and policing")
    assert search("housing -policing") == ["Housing toolkit"]
    assert search('"housing" -') == ["Housing and policing", "Housing toolkit"]
