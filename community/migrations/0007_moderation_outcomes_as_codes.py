"""Reports' outcomes and the moderation log's own remarks were stored as English
words ("dismissed", "from Housing to General", "open reports weighing 3"); they
become codes and facts, said in the reader's language when shown."""

import re

from django.db import migrations, models


CODES = {"hidden", "restored", "dismissed", "reviewed"}
MOVED = re.compile(r"^from (?P<old>.+) to (?P<new>.+)$")
WEIGHED = re.compile(r"^open reports weighing (?P<weight>[0-9.]+)$")
MESSAGE = re.compile(r"^message (?P<number>[0-9]+): (?P<resolution>.*)$")


def _code(text: str, otherwise: str) -> str:
    return text if text in CODES else otherwise


def to_codes(apps, schema_editor):
    for name, otherwise in [("Flag", "dismissed"), ("MessageReport", "reviewed")]:
        model = apps.get_model("community", name)
        model.objects.exclude(resolution="").exclude(resolution__in=CODES).update(
            resolution=otherwise
        )
    log = apps.get_model("community", "ModerationLog")
    for entry in log.objects.exclude(reason="").iterator():
        details = _details(entry.action, entry.reason)
        if details is not None:
            entry.details, entry.reason = details, ""
            entry.save(update_fields=["details", "reason"])


def _details(action: str, reason: str) -> dict | None:
    """The facts behind a remark the system wrote, or None for a moderator's."""
    if action == "restore" and reason == "flags dismissed":
        return {"reports_dismissed": True}
    if action == "move" and (found := MOVED.match(reason)):
        return {"from_board": found["old"], "to_board": found["new"]}
    if action == "auto_hide" and (found := WEIGHED.match(reason)):
        return {"report_weight": float(found["weight"])}
    if action == "resolve_flag" and (found := MESSAGE.match(reason)):
        return {
            "message": int(found["number"]),
            "resolution": _code(found["resolution"], "reviewed"),
        }
    if action == "resolve_flag":
        return {"resolution": _code(reason, "dismissed")}
    return None


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0006_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="moderationlog",
            name="details",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="details"
            ),
        ),
        migrations.RunPython(to_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="flag",
            name="resolution",
            field=models.CharField(
                blank=True,
                choices=[
                    ("hidden", "the post was hidden"),
                    ("restored", "the post was restored"),
                    ("dismissed", "dismissed: nothing wrong"),
                    ("reviewed", "reviewed"),
                ],
                max_length=20,
                verbose_name="resolution",
            ),
        ),
        migrations.AlterField(
            model_name="messagereport",
            name="resolution",
            field=models.CharField(
                blank=True,
                choices=[
                    ("hidden", "the post was hidden"),
                    ("restored", "the post was restored"),
                    ("dismissed", "dismissed: nothing wrong"),
                    ("reviewed", "reviewed"),
                ],
                max_length=20,
                verbose_name="resolution",
            ),
        ),
        migrations.AlterField(
            model_name="moderationlog",
            name="action",
            field=models.CharField(
                choices=[
                    ("hide", "Hid a post"),
                    ("restore", "Restored a post"),
                    ("lock", "Locked a thread"),
                    ("unlock", "Unlocked a thread"),
                    ("pin", "Pinned a thread"),
                    ("unpin", "Unpinned a thread"),
                    ("move", "Moved a thread"),
                    ("resolve_flag", "Resolved a flag"),
                    ("suspend", "Suspended a member"),
                    ("auto_hide", "Hid a post after several reports"),
                ],
                max_length=20,
                verbose_name="action",
            ),
        ),
    ]
