"""The site in Spanish: the catalog is whole, and every page type, for a guest whose
browser asks for Spanish, for a member and for staff who chose it, shows no English
but what people wrote and the names of things (tests/spanish.py)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test.utils import override_settings

from tests.client import Client
from tests.query_budgets.budgets import BUDGETS, GUEST_BUDGETS
from tests.query_budgets.page_requests import GUEST, MEMBER, REQUESTS, ROOT, url_of
from tests.query_budgets.world import build_world
from tests.spanish import (
    CATALOG,
    SPANISH,
    english_in_calendar,
    english_in_html,
    english_in_json,
    english_in_text,
    stored_texts,
)

pytestmark = pytest.mark.django_db


# --- The catalog --------------------------------------------------------------------


def test_every_entry_of_the_spanish_catalog_is_translated_and_none_is_fuzzy():
    catalog = polib.pofile(str(CATALOG))
    untranslated = [e.msgid for e in catalog.untranslated_entries()]
    fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


def test_the_catalog_holds_every_string_of_the_site(tmp_path):
    """`make messages` in a copy of the source adds nothing: no string was marked
    for translation without reaching the catalog."""
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "site"
    shutil.copytree(
        root,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "var", "bench", "tests", "*.mo", "media"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "es",
            "--no-obsolete",
            "--add-location",
            "file",
            "--ignore",
            "static/*",
        ],
        cwd=copy,
        env={**os.environ, "DJANGO_DEBUG": "1"},
        check=True,
        capture_output=True,
    )
    made = polib.pofile(str(copy / "locale/es/LC_MESSAGES/django.po"))
    kept = {(e.msgctxt, e.msgid) for e in polib.pofile(str(CATALOG))}
    missing = [e.msgid for e in made if (e.msgctxt, e.msgid) not in kept]
    assert not missing, f"run `make messages` and translate: {missing}"


# --- Every page ---------------------------------------------------------------------

# The page types: every pattern that answers a page (a budget), as its viewer and as
# a guest where guests have a budget of their own.
PAGES = [
    (key, REQUESTS[key].viewer)
    for key in BUDGETS
    if REQUESTS[key].status == 200 and key != "admin:jsi18n"
] + [(key, GUEST) for key in GUEST_BUDGETS if REQUESTS[key].status == 200]


def _english(response, content) -> list[str]:
    kind = response.get("Content-Type", "")
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode("utf-8-sig", "replace")
    if "html" in kind:
        return english_in_html(body, content)
    if "xml" in kind and "<urlset" in body:  # a sitemap is for search engines
        return []
    if "xml" in kind:  # feeds: their titles and descriptions are read as HTML
        return english_in_html(body.replace("&lt;", "<").replace("&gt;", ">"), content)
    if "json" in kind:
        return english_in_json(json.loads(body), content)
    if "calendar" in kind:
        return english_in_calendar(body, content)
    if kind.startswith("text/"):
        return english_in_text(body, content)
    return []


@pytest.fixture(scope="module")
def english_by_page(django_db_setup, django_db_blocker, tmp_path_factory):
    """{(key, viewer): the English left on the page}, every page requested once."""
    found = {}
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        w = build_world(2)
        for user in [w.member, w.superuser]:
            user.profile.language = "es"
            user.profile.save(update_fields=["language"])
        content = stored_texts(id(w))
        for key, viewer in PAGES:
            cache.clear()
            client = Client()
            if viewer == MEMBER:
                client.force_login(w.member)
            elif viewer == ROOT:
                client.force_login(w.superuser)
            with transaction.atomic():
                response = client.get(url_of(w, key), headers=SPANISH)
                found[key, viewer] = (
                    response.status_code,
                    _english(response, content),
                )
                transaction.set_rollback(True)
        transaction.set_rollback(True)
    cache.clear()
    return found


@pytest.mark.parametrize(("key", "viewer"), PAGES, ids=[f"{k}@{v}" for k, v in PAGES])
def test_every_page_type_is_in_spanish(english_by_page, key, viewer):
    status, english = english_by_page[key, viewer]
    assert status == 200
    assert not english, "English left:\n" + "\n".join(english)


# --- The check itself ---------------------------------------------------------------


def test_a_stored_text_cut_short_on_a_page_counts_as_what_people_wrote():
    """A profile lists a member's posts cut to twenty words ("…"), after the
    thread's title and a colon: the cut text is theirs, not the site's English;
    the site's own English beside it is still found."""
    body = (
        "> Ana Ruiz wrote: > How do you pay for this? Our city did it this way, @maria."
    )
    cut = (
        "<li><a href='/p/1/'>Pago</a>: > Ana Ruiz wrote: > How do you pay for this?"
        " Our city did it this way, …</li>"
    )
    assert english_in_html(cut, (body,)) == []
    beside = english_in_html(cut + "<li>Sign in</li>", (body,))
    assert [found.split("  ")[0] for found in beside] == ["'Sign in'"]


def test_a_spanish_date_is_the_sites_own_whatever_is_stored_beside_it():
    """A dashboard shows "25 nov. 2026" beside a stored number 25 (a target,
    a count): the month is still read as Spanish; an English month is not."""
    assert english_in_html("<p>25 nov. 2026</p><p>25</p>", ("25",)) == []
    assert english_in_html("<p>Nov 25, 2026</p><p>25</p>", ("25",)) != []
