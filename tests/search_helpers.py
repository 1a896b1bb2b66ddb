"""What the site-wide search's tests share: reading result sections, a moderator."""

import pytest

from tests.factories import UserFactory


def titles(response, section):
    """The titles of a section's hits, in order."""
    for found in response.context["sections"]:
        if found.key == section:
            return [hit.title for hit in found.hits]
    return None


def count(response, section):
    for found in response.context["sections"]:
        if found.key == section:
            return found.count
    return None


def everything(response) -> str:
    """Every title, meta and snippet the page shows, as one string."""
    return " ".join(
        f"{hit.title} {hit.meta} {hit.snippet}"
        for found in response.context["sections"]
        for hit in found.hits
    )


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Group

    user = UserFactory(username="moderator", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user
