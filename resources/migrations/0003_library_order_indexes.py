"""Indexes matching the library's and the home page's order.

Both pages order published resources by published_on DESC NULLS LAST, id DESC;
with these partial indexes a page is read without sorting the table.
"""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS resource_published_order ON resources_resource
  (published_on DESC NULLS LAST, id DESC) WHERE state = 'published';
CREATE INDEX IF NOT EXISTS resource_featured_order ON resources_resource
  (published_on DESC NULLS LAST, id DESC) WHERE state = 'published' AND featured;
"""

DROP = """
DROP INDEX IF EXISTS resource_published_order;
DROP INDEX IF EXISTS resource_featured_order;
"""


def create(apps, schema_editor):
    schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("resources", "0002_search_vector_trigger")]

    operations = [migrations.RunPython(create, drop)]
