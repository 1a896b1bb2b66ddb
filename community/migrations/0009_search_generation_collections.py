"""Collections and their items move the content generation too: the collection
page caches its list of resources under it (config/generation.py)."""

from django.db import migrations

TABLES = ["resources_collection", "resources_collectionitem"]

TRIGGER = """
DROP TRIGGER IF EXISTS community_search_generation ON {table};
CREATE TRIGGER community_search_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION community_search_generation_next();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(TRIGGER.format(table=table))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS community_search_generation ON {table};"
            )


class Migration(migrations.Migration):
    dependencies = [("community", "0008_search_generation")]

    operations = [migrations.RunPython(create, drop)]
