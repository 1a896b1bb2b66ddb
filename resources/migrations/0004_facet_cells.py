"""The library's facet counts, counted once per change instead of per request:
published resources by kind, organization and year, and by those and a topic
(resources.models.FacetCell). A unique index lets it be refreshed CONCURRENTLY,
so readers never wait for a refresh."""

from django.db import migrations, models

CREATE = """
CREATE MATERIALIZED VIEW resources_facetcell AS
SELECT row_number() OVER (ORDER BY tag_id, kind, organization_id, year) AS id,
       tag_id, kind, organization_id, year, n
FROM (
    SELECT NULL::integer AS tag_id, kind, organization_id,
           EXTRACT(YEAR FROM published_on)::integer AS year, count(*)::integer AS n
    FROM resources_resource
    WHERE state = 'published'
    GROUP BY kind, organization_id, EXTRACT(YEAR FROM published_on)
    UNION ALL
    SELECT t.tag_id, r.kind, r.organization_id,
           EXTRACT(YEAR FROM r.published_on)::integer, count(*)::integer
    FROM resources_resource r
    JOIN resources_taggedresource t ON t.content_object_id = r.id
    WHERE r.state = 'published'
    GROUP BY t.tag_id, r.kind, r.organization_id, EXTRACT(YEAR FROM r.published_on)
) AS cells;
CREATE UNIQUE INDEX resources_facetcell_id ON resources_facetcell (id);
"""
DROP = "DROP MATERIALIZED VIEW IF EXISTS resources_facetcell;"


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0003_library_order_indexes"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [
        migrations.RunSQL(CREATE, DROP),
        migrations.CreateModel(
            name="FacetCell",
            fields=[
                ("id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("kind", models.CharField(max_length=20)),
                ("year", models.IntegerField(null=True)),
                ("n", models.IntegerField()),
                (
                    "organization",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="resources.organization",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="taggit.tag",
                    ),
                ),
            ],
            options={"db_table": "resources_facetcell", "managed": False},
        ),
    ]
