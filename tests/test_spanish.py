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
from django.urls import reverse

from tests.client import Client
from tests.query_budgets.budgets import BUDGETS, GUEST_BUDGETS
from tests.query_budgets.page_requests import GUEST, MEMBER, REQUESTS, ROOT
from tests.query_budgets.world import build_world
from tests.spanish import (
    CATALOG,
    english_in_calendar,
    english_in_html,
    english_in_json,
    english_in_text,
    stored_texts,
)

pytestmark = pytest.mark.django_db

SPANISH = {"accept-language": "es-MX,es;q=0.9"}


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


def _url(key: str, w) -> str:
    req = REQUESTS[key]
    if req.path:
        return req.path(w)
    url = reverse(key, kwargs=req.kwargs(w) if req.kwargs else None)
    return f"{url}?{req.query}" if req.query else url


def _english(response, content) -> list[str]:
    kind = response.get("Content-Type", "")
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode("utf-8-sig", "replace")
    if "html" in kind:
        return english_in_html(body, content)
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
                response = client.get(_url(key, w), headers=SPANISH)
                found[key, viewer] = (
                    response.status_code,
                    _english(response, content),
                )
                transaction.set_rollback(True)
        transaction.set_rollback(True)
    cache.clear()
    return found


# Pages still showing English, being translated (issue 19): each is expected to
# fail, and fails the suite once it passes, so that it leaves this list.
NOT_YET_IN_SPANISH = frozenset(
    {
        "admin:account_emailaddress_add@superuser",
        "admin:account_emailaddress_change@superuser",
        "admin:account_emailaddress_changelist@superuser",
        "admin:account_emailaddress_delete@superuser",
        "admin:account_emailaddress_history@superuser",
        "admin:app_list@superuser",
        "admin:auth_group_add@superuser",
        "admin:auth_group_change@superuser",
        "admin:auth_group_changelist@superuser",
        "admin:auth_group_delete@superuser",
        "admin:auth_group_history@superuser",
        "admin:auth_user_add@superuser",
        "admin:auth_user_change@superuser",
        "admin:auth_user_changelist@superuser",
        "admin:auth_user_delete@superuser",
        "admin:auth_user_history@superuser",
        "admin:auth_user_password_change@superuser",
        "admin:cohorts_actionplanitem_add@superuser",
        "admin:cohorts_actionplanitem_change@superuser",
        "admin:cohorts_actionplanitem_changelist@superuser",
        "admin:cohorts_actionplanitem_delete@superuser",
        "admin:cohorts_actionplanitem_history@superuser",
        "admin:cohorts_city_add@superuser",
        "admin:cohorts_city_change@superuser",
        "admin:cohorts_city_changelist@superuser",
        "admin:cohorts_city_delete@superuser",
        "admin:cohorts_city_history@superuser",
        "admin:cohorts_cohort_add@superuser",
        "admin:cohorts_cohort_change@superuser",
        "admin:cohorts_cohort_changelist@superuser",
        "admin:cohorts_cohort_delete@superuser",
        "admin:cohorts_cohort_history@superuser",
        "admin:cohorts_cohortmembership_add@superuser",
        "admin:cohorts_cohortmembership_change@superuser",
        "admin:cohorts_cohortmembership_changelist@superuser",
        "admin:cohorts_cohortmembership_delete@superuser",
        "admin:cohorts_cohortmembership_history@superuser",
        "admin:cohorts_milestone_add@superuser",
        "admin:cohorts_milestone_change@superuser",
        "admin:cohorts_milestone_changelist@superuser",
        "admin:cohorts_milestone_delete@superuser",
        "admin:cohorts_milestone_history@superuser",
        "admin:cohorts_milestonekind_add@superuser",
        "admin:cohorts_milestonekind_change@superuser",
        "admin:cohorts_milestonekind_changelist@superuser",
        "admin:cohorts_milestonekind_delete@superuser",
        "admin:cohorts_milestonekind_history@superuser",
        "admin:cohorts_participatingcity_add@superuser",
        "admin:cohorts_participatingcity_change@superuser",
        "admin:cohorts_participatingcity_changelist@superuser",
        "admin:cohorts_participatingcity_delete@superuser",
        "admin:cohorts_participatingcity_history@superuser",
        "admin:cohorts_program_add@superuser",
        "admin:cohorts_program_change@superuser",
        "admin:cohorts_program_changelist@superuser",
        "admin:cohorts_program_delete@superuser",
        "admin:cohorts_program_history@superuser",
        "admin:cohorts_session_add@superuser",
        "admin:cohorts_session_change@superuser",
        "admin:cohorts_session_changelist@superuser",
        "admin:cohorts_session_delete@superuser",
        "admin:cohorts_session_history@superuser",
        "admin:community_board_add@superuser",
        "admin:community_board_change@superuser",
        "admin:community_board_changelist@superuser",
        "admin:community_board_delete@superuser",
        "admin:community_board_history@superuser",
        "admin:community_digest_preview@superuser",
        "admin:community_digestschedule_change@superuser",
        "admin:community_digestschedule_history@superuser",
        "admin:community_flag_change@superuser",
        "admin:community_flag_changelist@superuser",
        "admin:community_flag_delete@superuser",
        "admin:community_flag_history@superuser",
        "admin:community_messagereport_change@superuser",
        "admin:community_messagereport_changelist@superuser",
        "admin:community_messagereport_delete@superuser",
        "admin:community_messagereport_history@superuser",
        "admin:community_moderationlog_change@superuser",
        "admin:community_moderationlog_changelist@superuser",
        "admin:community_moderationlog_history@superuser",
        "admin:community_outgoingemail_change@superuser",
        "admin:community_outgoingemail_changelist@superuser",
        "admin:community_outgoingemail_delete@superuser",
        "admin:community_outgoingemail_history@superuser",
        "admin:community_post_add@superuser",
        "admin:community_post_change@superuser",
        "admin:community_post_changelist@superuser",
        "admin:community_post_delete@superuser",
        "admin:community_post_history@superuser",
        "admin:community_profile_add@superuser",
        "admin:community_profile_change@superuser",
        "admin:community_profile_changelist@superuser",
        "admin:community_profile_delete@superuser",
        "admin:community_profile_history@superuser",
        "admin:community_suspension_add@superuser",
        "admin:community_suspension_change@superuser",
        "admin:community_suspension_changelist@superuser",
        "admin:community_suspension_delete@superuser",
        "admin:community_suspension_history@superuser",
        "admin:community_thread_add@superuser",
        "admin:community_thread_change@superuser",
        "admin:community_thread_changelist@superuser",
        "admin:community_thread_delete@superuser",
        "admin:community_thread_history@superuser",
        "admin:django_tasks_database_dbtaskresult_change@superuser",
        "admin:django_tasks_database_dbtaskresult_changelist@superuser",
        "admin:django_tasks_database_dbtaskresult_history@superuser",
        "admin:index@superuser",
        "admin:mfa_authenticator_change@superuser",
        "admin:mfa_authenticator_changelist@superuser",
        "admin:mfa_authenticator_delete@superuser",
        "admin:mfa_authenticator_history@superuser",
        "admin:password_change@superuser",
        "admin:password_change_done@superuser",
        "admin:resources_collection_add@superuser",
        "admin:resources_collection_change@superuser",
        "admin:resources_collection_changelist@superuser",
        "admin:resources_collection_delete@superuser",
        "admin:resources_collection_history@superuser",
        "admin:resources_organization_add@superuser",
        "admin:resources_organization_change@superuser",
        "admin:resources_organization_changelist@superuser",
        "admin:resources_organization_delete@superuser",
        "admin:resources_organization_history@superuser",
        "admin:resources_resource_add@superuser",
        "admin:resources_resource_change@superuser",
        "admin:resources_resource_changelist@superuser",
        "admin:resources_resource_delete@superuser",
        "admin:resources_resource_history@superuser",
        "admin:taggit_tag_add@superuser",
        "admin:taggit_tag_change@superuser",
        "admin:taggit_tag_changelist@superuser",
        "admin:taggit_tag_delete@superuser",
        "admin:taggit_tag_history@superuser",
        "cohorts:cohort_calendar@guest",
        "cohorts:cohort_calendar_private@guest",
        "cohorts:cohort_dashboard@member",
        "cohorts:cohort_detail@guest",
        "cohorts:cohort_detail@member",
        "cohorts:session_detail@member",
        "community:profile_edit@member",
        "django.contrib.sitemaps.views.sitemap@guest",
        "home@member",
        "resources:resource_feed@guest",
    }
)


def _case(key, viewer):
    test_id = f"{key}@{viewer}"
    marks = (
        [pytest.mark.xfail(strict=True, reason="still in English")]
        if test_id in NOT_YET_IN_SPANISH
        else []
    )
    return pytest.param(key, viewer, id=test_id, marks=marks)


@pytest.mark.parametrize(("key", "viewer"), [_case(k, v) for k, v in PAGES])
def test_every_page_type_is_in_spanish(english_by_page, key, viewer):
    status, english = english_by_page[key, viewer]
    assert status == 200
    assert not english, "English left:\n" + "\n".join(english)
