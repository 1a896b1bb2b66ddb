"""The library filtered by kind gets an index in its date order (0003's, with
the kind first): a rare kind's few resources are read from it, and a search
within a kind reads that kind's resources rather than the whole library."""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS resource_kind_order ON resources_resource
  (kind, published_on DESC NULLS LAST, id DESC) WHERE state = 'published';
"""


class Migration(migrations.Migration):
    dependencies = [("resources", "0005_library_title_order")]

    operations = [
        migrations.RunSQL(CREATE, "DROP INDEX IF EXISTS resource_kind_order;")
    ]
