"""The library's tables, and what PostgreSQL keeps for it beside them:

- Resource.search_vector, kept by a trigger whatever writes the row: the title
  weighs most (A), then the summary (B), then the description (C), with English
  stemming;
- partial indexes in the library's orders (by date, featured, by kind, by
  title), so a page of published resources is read without sorting the table;
- the facet cells (FacetCell): published resources counted by kind,
  organization and year, and by those and a topic, a materialized view
  refreshed CONCURRENTLY (its unique index) after each change, so the facet
  counts never read every resource.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
import resources.validators
import taggit.managers
from django.conf import settings
from django.db import migrations, models


SEARCH_VECTOR = """
CREATE OR REPLACE FUNCTION resources_resource_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER resources_resource_search_vector
  BEFORE INSERT OR UPDATE OF title, summary, description ON resources_resource
  FOR EACH ROW EXECUTE FUNCTION resources_resource_search_vector();
"""
SEARCH_VECTOR_DROP = """
DROP TRIGGER IF EXISTS resources_resource_search_vector ON resources_resource;
DROP FUNCTION IF EXISTS resources_resource_search_vector();
"""

ORDER_INDEXES = """
CREATE INDEX resource_published_order ON resources_resource
  (published_on DESC NULLS LAST, id DESC) WHERE state = 'published';
CREATE INDEX resource_featured_order ON resources_resource
  (published_on DESC NULLS LAST, id DESC) WHERE state = 'published' AND featured;
CREATE INDEX resource_kind_order ON resources_resource
  (kind, published_on DESC NULLS LAST, id DESC) WHERE state = 'published';
CREATE INDEX resource_title_order ON resources_resource (title, id)
  WHERE state = 'published';
"""
ORDER_INDEXES_DROP = """
DROP INDEX IF EXISTS resource_published_order;
DROP INDEX IF EXISTS resource_featured_order;
DROP INDEX IF EXISTS resource_kind_order;
DROP INDEX IF EXISTS resource_title_order;
"""

FACET_CELLS = """
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
FACET_CELLS_DROP = "DROP MATERIALIZED VIEW IF EXISTS resources_facetcell;"


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="FacetCell",
            fields=[
                ("id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("kind", models.CharField(max_length=20)),
                ("year", models.IntegerField(null=True)),
                ("n", models.IntegerField()),
            ],
            options={
                "db_table": "resources_facetcell",
                "managed": False,
            },
        ),
        migrations.CreateModel(
            name="Collection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "slug",
                    models.SlugField(max_length=120, unique=True, verbose_name="slug"),
                ),
                (
                    "description",
                    models.TextField(blank=True, verbose_name="description"),
                ),
                (
                    "featured",
                    models.BooleanField(default=False, verbose_name="featured"),
                ),
                (
                    "is_published",
                    models.BooleanField(default=True, verbose_name="published"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "collection",
                "verbose_name_plural": "collections",
                "ordering": ["-featured", "title"],
            },
        ),
        migrations.CreateModel(
            name="Organization",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "name",
                    models.CharField(max_length=200, unique=True, verbose_name="name"),
                ),
                (
                    "short_name",
                    models.CharField(
                        blank=True,
                        help_text="e.g. NLC, GARE, ICMA",
                        max_length=40,
                        verbose_name="short name",
                    ),
                ),
                (
                    "slug",
                    models.SlugField(max_length=80, unique=True, verbose_name="slug"),
                ),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "description",
                    models.TextField(blank=True, verbose_name="description"),
                ),
            ],
            options={
                "verbose_name": "organization",
                "verbose_name_plural": "organizations",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Resource",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("title", models.CharField(max_length=250, verbose_name="title")),
                (
                    "slug",
                    models.SlugField(
                        max_length=120,
                        unique=True,
                        validators=[resources.validators.validate_slug_not_reserved],
                        verbose_name="slug",
                    ),
                ),
                (
                    "summary",
                    models.TextField(
                        help_text="One paragraph, shown in lists.",
                        max_length=800,
                        verbose_name="summary",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="Optional, in Markdown.",
                        verbose_name="description",
                    ),
                ),
                ("description_html", models.TextField(blank=True, editable=False)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("webinar", "Webinar recording"),
                            ("article", "Article"),
                            ("magazine", "Magazine issue"),
                            ("report", "Report"),
                            ("toolkit", "Toolkit"),
                            ("template", "Template"),
                            ("publication", "Publication"),
                            ("organization", "Organization or network"),
                            ("statement", "Statement or press release"),
                            ("reading_list", "Collection of materials"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "url",
                    models.URLField(
                        blank=True, max_length=500, verbose_name="external link"
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        blank=True,
                        help_text="PDF, Word, PowerPoint, Excel, CSV, PNG or JPEG; at most 25 MB.",
                        upload_to="resources/%Y/",
                        validators=[resources.validators.validate_upload],
                        verbose_name="file",
                    ),
                ),
                (
                    "published_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="published or first offered"
                    ),
                ),
                (
                    "published_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="Show only the month or year when the day is not known.",
                        max_length=5,
                        verbose_name="date known to the",
                    ),
                ),
                (
                    "is_free",
                    models.BooleanField(default=True, verbose_name="free to access"),
                ),
                (
                    "for_elected_officials",
                    models.BooleanField(
                        default=False, verbose_name="for elected officials"
                    ),
                ),
                (
                    "for_city_staff",
                    models.BooleanField(default=False, verbose_name="for city staff"),
                ),
                (
                    "for_community_partners",
                    models.BooleanField(
                        default=False, verbose_name="for community partners"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("suggested", "Suggested"),
                            ("draft", "Draft"),
                            ("review", "In review"),
                            ("published", "Published"),
                            ("archived", "Archived"),
                        ],
                        default="draft",
                        max_length=12,
                        verbose_name="state",
                    ),
                ),
                (
                    "featured",
                    models.BooleanField(default=False, verbose_name="featured"),
                ),
                (
                    "editorial_notes",
                    models.TextField(
                        blank=True,
                        help_text="For curators only; never shown on the site, feeds or search.",
                        verbose_name="editorial notes",
                    ),
                ),
                (
                    "is_synthetic",
                    models.BooleanField(
                        default=False,
                        help_text="Generated demo or load-test data.",
                        verbose_name="synthetic",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "published_at",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                (
                    "link_status",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="link status",
                    ),
                ),
                (
                    "link_error",
                    models.CharField(blank=True, editable=False, max_length=200),
                ),
                (
                    "link_checked_at",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(
                        editable=False, null=True
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="resources",
                        to="resources.organization",
                        verbose_name="published by",
                    ),
                ),
                (
                    "related",
                    models.ManyToManyField(
                        blank=True,
                        to="resources.resource",
                        verbose_name="related resources",
                    ),
                ),
                (
                    "subject_organization",
                    models.ForeignKey(
                        blank=True,
                        help_text='For a resource of kind "organization or network".',
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="profiles",
                        to="resources.organization",
                        verbose_name="organization described",
                    ),
                ),
                (
                    "suggested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="suggested_resources",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "resource",
                "verbose_name_plural": "resources",
                "ordering": ["-published_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="CollectionItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "position",
                    models.PositiveIntegerField(default=0, verbose_name="position"),
                ),
                (
                    "collection",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="resources.collection",
                    ),
                ),
                (
                    "resource",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="collection_items",
                        to="resources.resource",
                    ),
                ),
            ],
            options={
                "verbose_name": "collection item",
                "verbose_name_plural": "collection items",
                "ordering": ["position", "pk"],
            },
        ),
        migrations.AddField(
            model_name="collection",
            name="resources",
            field=models.ManyToManyField(
                related_name="collections",
                through="resources.CollectionItem",
                to="resources.resource",
            ),
        ),
        migrations.CreateModel(
            name="Bookmark",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="bookmarks",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "resource",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="bookmarks",
                        to="resources.resource",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="TaggedResource",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "content_object",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        to="resources.resource",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="%(app_label)s_%(class)s_items",
                        to="taggit.tag",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="resource",
            name="tags",
            field=taggit.managers.TaggableManager(
                blank=True,
                help_text="A comma-separated list of tags.",
                through="resources.TaggedResource",
                to="taggit.Tag",
                verbose_name="topics",
            ),
        ),
        migrations.AddConstraint(
            model_name="collectionitem",
            constraint=models.UniqueConstraint(
                fields=("collection", "resource"),
                name="resource_once_per_collection",
                violation_error_message="This resource is already in the collection.",
            ),
        ),
        migrations.AddConstraint(
            model_name="bookmark",
            constraint=models.UniqueConstraint(
                fields=("user", "resource"), name="bookmark_once_per_member"
            ),
        ),
        migrations.AddConstraint(
            model_name="taggedresource",
            constraint=models.UniqueConstraint(
                fields=("content_object", "tag"), name="unique_topic_per_resource"
            ),
        ),
        migrations.AddIndex(
            model_name="resource",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="resource_search_gin"
            ),
        ),
        migrations.AddIndex(
            model_name="resource",
            index=models.Index(
                fields=["state", "-published_on"], name="resource_state_date"
            ),
        ),
        migrations.RunSQL(SEARCH_VECTOR, SEARCH_VECTOR_DROP),
        migrations.RunSQL(ORDER_INDEXES, ORDER_INDEXES_DROP),
        migrations.RunSQL(FACET_CELLS, FACET_CELLS_DROP),
    ]
