"""A generation number for cached search results (pages/search.py).

A statement-level trigger on every table whose rows a search shows, filters on or
decides visibility by moves a sequence; the search's cache keys hold its value,
so any write makes earlier cached results unreachable. A sequence, not a counter
row: nextval() takes no lock, so writers never wait on each other for it.
"""

from django.db import migrations

TABLES = [
    "resources_resource",
    "resources_taggedresource",
    "resources_organization",
    "community_board",
    "community_thread",
    "community_taggedthread",
    "community_post",
    "community_profile",
    "auth_user",
]

CREATE = """
CREATE SEQUENCE IF NOT EXISTS community_search_generation;
CREATE OR REPLACE FUNCTION community_search_generation_next() RETURNS trigger AS $$
BEGIN
  PERFORM nextval('community_search_generation');
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""

TRIGGER = """
DROP TRIGGER IF EXISTS community_search_generation ON {table};
CREATE TRIGGER community_search_generation
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION community_search_generation_next();
"""

DROP_TRIGGER = "DROP TRIGGER IF EXISTS community_search_generation ON {table};"

DROP = """
DROP FUNCTION IF EXISTS community_search_generation_next();
DROP SEQUENCE IF EXISTS community_search_generation;
"""


def create(apps, schema_editor):
    schema_editor.execute(CREATE)
    for table in TABLES:
        schema_editor.execute(TRIGGER.format(table=table))


def drop(apps, schema_editor):
    for table in TABLES:
        schema_editor.execute(DROP_TRIGGER.format(table=table))
    schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0007_post_search_vector"),
        ("resources", "0002_search_vector_trigger"),
    ]

    operations = [migrations.RunPython(create, drop)]
