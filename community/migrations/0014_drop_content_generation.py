"""The content generation (0008, 0009) goes: its triggers moved a sequence before
the write committed, so a reader could keep old data under the new number. Kept
copies now hang on versions per scope, moved after the commit (core/versions.py).
"""

from importlib import import_module

from django.db import migrations

first = import_module("community.migrations.0008_search_generation")
more = import_module("community.migrations.0009_content_generation_tables")


def drop(apps, schema_editor):
    for table in [*first.TABLES, *more.TABLES]:
        schema_editor.execute(first.DROP_TRIGGER.format(table=table))
    schema_editor.execute(first.DROP)


def create_again(apps, schema_editor):
    first.create(apps, schema_editor)
    more.create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0013_email_sending_state"),
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(drop, create_again)]
