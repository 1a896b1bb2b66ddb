"""The site-wide search shows no one what they may not read, cached or not."""

import pytest

from community.discussions.cohort_boards import cohort_board_open
from community.discussions.moderation import post_hide
from community.discussions.services import post_create, post_delete
from tests.cohorts.conftest import world  # noqa: F401
from tests.factories import BoardFactory, ResourceFactory, UserFactory, make_thread
from tests.search_helpers import (
    moderator,  # noqa: F401 (a fixture)
    titles,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def secrets(world, moderator):  # noqa: F811
    """A unique word in everything a viewer may or may not read."""
    cohort_board = cohort_board_open(cohort=world.cohort)
    make_thread(
        board=cohort_board,
        author=world.participant,
        title="Our budget worries",
        body="Zanzibarcohort is our private word.",
    )
    public = BoardFactory(slug="open", visibility="public")
    thread = make_thread(board=public, title="Open talk", body="Nothing secret here.")
    hidden = post_create(
        thread=thread, author=UserFactory(), body="Zanzibarhidden was said here."
    )
    post_hide(post=hidden, moderator=moderator, reason="Off topic")
    deleted = post_create(
        thread=thread, author=world.outsider, body="Zanzibardeleted was said here."
    )
    post_delete(post=deleted, user=world.outsider)
    ResourceFactory(title="Zanzibardraft guide", state="draft")
    world.convening.agenda = "1. Welcome\n2. Zanzibaragenda review"
    world.convening.notes = "We agreed on Zanzibarnotes."
    world.convening.save()
    world.wichita_call.title = "Coaching call: Zanzibarcall"
    world.wichita_call.save()
    return world


PRIVATE_WORDS = [
    "zanzibarcohort",
    "zanzibarhidden",
    "zanzibardeleted",
    "zanzibardraft",
    "zanzibaragenda",
    "zanzibarnotes",
    "zanzibarcall",
]


@pytest.mark.parametrize("viewer", ["guest", "outsider", "other_participant"])
@pytest.mark.parametrize("word", PRIVATE_WORDS)
def test_search_never_shows_what_the_viewer_may_not_read(client, secrets, viewer, word):
    if viewer != "guest":
        client.force_login(getattr(secrets, viewer))
    response = client.get("/search/", {"q": word})
    assert response.status_code == 200
    assert response.context["total"] == 0
    html = response.content.decode().lower()
    results = html[html.index('class="search-summary"') : html.index("</main>")]
    assert word not in results.replace(f"“{word}”", "")
    assert "nothing found" in results


def test_the_cohorts_people_find_its_private_board_and_session_details(client, secrets):
    client.force_login(secrets.participant)  # Long Beach, in the cohort
    response = client.get("/search/", {"q": "zanzibarcohort"})
    assert titles(response, "discussions") == ["Our budget worries"]
    response = client.get("/search/", {"q": "zanzibaragenda"})
    assert titles(response, "sessions") == ["Cross-site convening"]
    assert "<mark>Zanzibaragenda</mark>" in str(
        response.context["sections"][3].hits[0].snippet
    )
    # The insider's link goes to the session's own page.
    assert f'href="{secrets.convening.get_absolute_url()}"' in response.content.decode()
    # Wichita's coaching call is Wichita's: Long Beach's people do not see it.
    response = client.get("/search/", {"q": "zanzibarcall"})
    assert response.context["total"] == 0


def test_a_sessions_snippet_shows_its_agenda_as_read_not_its_markdown(client, secrets):
    secrets.convening.agenda = "1. Welcome\n2. **Zanzibaragenda** review, *with data*"
    secrets.convening.save()
    client.force_login(secrets.participant)
    response = client.get("/search/", {"q": "zanzibaragenda"})
    snippet = str(response.context["sections"][3].hits[0].snippet)
    assert "<mark>Zanzibaragenda</mark> review, with data" in snippet
    assert "*" not in snippet


def test_cached_results_are_never_shared_across_what_viewers_may_read(client, secrets):
    client.force_login(secrets.outsider)
    assert client.get("/search/", {"q": "zanzibarcohort"}).context["total"] == 0
    client.force_login(secrets.participant)
    assert client.get("/search/", {"q": "zanzibarcohort"}).context["total"] == 1
    client.force_login(secrets.outsider)
    assert client.get("/search/", {"q": "zanzibarcohort"}).context["total"] == 0
    # The sessions' query is built once per kind of viewer and run with each
    # member's own id: an agenda is found by the cohort's people only, in turn.
    for viewer, found in [("participant", 1), ("outsider", 0), ("participant", 1)]:
        client.force_login(getattr(secrets, viewer))
        response = client.get("/search/", {"q": "zanzibaragenda"})
        assert response.context["total"] == found, viewer
    # A city's coaching call: its own people find it, the cohort's others do
    # not, and a coach (cohort-wide) does, in turn.
    for viewer, found in [
        ("city_lead", 1),
        ("participant", 0),
        ("coach", 1),
        ("outsider", 0),
        ("city_lead", 1),
    ]:
        client.force_login(getattr(secrets, viewer))
        response = client.get("/search/", {"q": "zanzibarcall"})
        assert response.context["total"] == found, viewer
    # Losing the membership ends reading the cohort's board and its sessions'
    # details at once.
    secrets.participant.cohort_memberships.all().delete()
    client.force_login(secrets.participant)
    assert client.get("/search/", {"q": "zanzibarcohort"}).context["total"] == 0
    assert client.get("/search/", {"q": "zanzibaragenda"}).context["total"] == 0


def test_program_staff_find_every_cohorts_details(client, secrets):
    client.force_login(secrets.staff)
    for word in ["zanzibarcohort", "zanzibarnotes", "zanzibarcall"]:
        assert client.get("/search/", {"q": word}).context["total"] == 1, word


def test_guests_find_a_public_sessions_title_and_land_on_the_cohort_page(
    client,
    world,  # noqa: F811
):
    response = client.get("/search/", {"q": "convening"})
    assert titles(response, "sessions") == ["Cross-site convening"]
    hit = response.context["sections"][3].hits[0]
    assert hit.url == world.cohort.get_absolute_url() + "#sessions-heading"
    assert hit.snippet == ""  # the agenda is for the cohort's people
    assert "Grand Hall" not in response.content.decode()


def test_a_thread_moved_to_a_private_board_leaves_the_guests_search(
    client,
    secrets,
    moderator,  # noqa: F811 (the fixture)
):
    """The search index holds each post's board beside its words: moving a
    thread moves every one of its posts with it, in the index too."""
    from community.discussions.moderation import thread_move
    from community.models import Board, Thread

    thread = Thread.objects.get(title="Open talk")
    post_create(thread=thread, author=secrets.outsider, body="Zanzibarmoved, said.")
    private = Board.objects.get(cohort=secrets.cohort)

    def found(viewer):
        client.logout()
        if viewer:
            client.force_login(viewer)
        return client.get("/search/", {"q": "zanzibarmoved"}).context["total"]

    assert (found(None), found(secrets.participant)) == (1, 1)
    thread_move(thread=thread, moderator=moderator, board=private)
    assert (found(None), found(secrets.outsider), found(secrets.participant)) == (
        0,
        0,
        1,
    )
    public = Board.objects.get(slug="open")
    thread_move(thread=thread, moderator=moderator, board=public)
    assert found(None) == 1
