"""The library's order by title gets the partial index its order by date has
(0003): a page sorted by title reads the index instead of sorting."""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS resource_title_order ON resources_resource (title, id)
  WHERE state = 'published';
"""


class Migration(migrations.Migration):
    dependencies = [("resources", "0004_facet_cells")]

    operations = [
        migrations.RunSQL(CREATE, "DROP INDEX IF EXISTS resource_title_order;")
    ]
