"""The migration that turned the English words moderation stored into codes and
facts keeps what each row said, on the real schema (migrated back, filled as the
old code filled it, migrated forward)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from community.models import Flag, ModerationLog
from tests.factories import UserFactory, make_thread

BEFORE = [("community", "0006_verbose_names")]
AFTER = [("community", "0007_moderation_outcomes_as_codes")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_english_remarks_of_old_rows_become_facts_said_in_each_language():
    member = UserFactory()
    post = make_thread(author=member).posts.get()
    try:
        old = _migrate(BEFORE)
        OldFlag = old.get_model("community", "Flag")
        OldLog = old.get_model("community", "ModerationLog")
        OldFlag.objects.create(
            post_id=post.pk, reporter_id=member.pk, reason="Spam",
            resolution="flags dismissed by hand",
        )  # fmt: skip
        for action, reason in [
            ("move", "from Housing to Transit"),
            ("auto_hide", "open reports weighing 3.5"),
            ("restore", "flags dismissed"),
            ("resolve_flag", "dismissed"),
            ("resolve_flag", "message 12: reviewed"),
            ("hide", "Insults, twice"),  # a moderator's words stay
        ]:
            OldLog.objects.create(action=action, reason=reason, post_id=post.pk)
    finally:
        _migrate(AFTER + [("community", _latest())])
    assert Flag.objects.get().resolution == "dismissed"
    said = {}
    for language in ["en", "es"]:
        with translation.override(language):
            said[language] = [
                entry.explanation() for entry in ModerationLog.objects.order_by("pk")
            ]
    assert said["en"] == [
        "from Housing to Transit",
        "open reports weighing 3.5",
        "its reports were dismissed",
        "dismissed: nothing wrong",
        "message 12: reviewed",
        "Insults, twice",
    ]
    assert said["es"] == [
        "de Housing a Transit",
        "reportes abiertos con un peso de 3.5",  # as U.S. Spanish writes it
        "se descartaron sus reportes",
        "descartado: no había nada indebido",
        "mensaje 12: revisado",
        "Insults, twice",
    ]


def _latest() -> str:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes("community")[0][1]
