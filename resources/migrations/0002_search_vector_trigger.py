"""Keep Resource.search_vector current, whatever writes the row.

Title weighs most (A), then the summary (B), then the description (C), with English
stemming.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION resources_resource_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS resources_resource_search_vector ON resources_resource;
CREATE TRIGGER resources_resource_search_vector
  BEFORE INSERT OR UPDATE OF title, summary, description ON resources_resource
  FOR EACH ROW EXECUTE FUNCTION resources_resource_search_vector();

UPDATE resources_resource SET title = title;
"""

DROP = """
DROP TRIGGER IF EXISTS resources_resource_search_vector ON resources_resource;
DROP FUNCTION IF EXISTS resources_resource_search_vector();
"""


def create_trigger(apps, schema_editor):
    schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
