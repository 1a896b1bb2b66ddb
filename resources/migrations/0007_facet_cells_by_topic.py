"""An index on the facet cells by topic (then kind, organization and year, with
their count): a facet's sums over the cells of one topic, or of none (the whole
library's cells), read those few cells instead of all of them
(resources/facets.py)."""

from django.db import migrations

INDEX = """
CREATE INDEX resources_facetcell_by_topic
ON resources_facetcell (tag_id, kind, organization_id, year) INCLUDE (n);
"""
DROP = "DROP INDEX IF EXISTS resources_facetcell_by_topic;"


class Migration(migrations.Migration):
    dependencies = [("resources", "0006_search_indexes_without_pending_list")]

    operations = [migrations.RunSQL(INDEX, DROP)]
