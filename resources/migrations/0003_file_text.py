"""The text of the library's files (resources/filetext.py):

- the worker's record of it on the resource (file_text, its note, pages, date,
  the file it is about) and the file's words (file_text_vector, weight D);
- the search_vector trigger adds those words after the title (A), summary (B)
  and description (C), so the library and the site search find a word that is
  only inside the file, with the same query and index as before;
- the pages (FilePage), each with its own vector for the snippet ("page 4"),
  deleted by PostgreSQL with their resource (ON DELETE CASCADE).
"""

import core.storage
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
import resources.validators
from django.db import migrations, models


SEARCH_VECTOR = """
CREATE OR REPLACE FUNCTION resources_resource_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C') ||
    coalesce(NEW.file_text_vector, ''::tsvector);
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS resources_resource_search_vector ON resources_resource;
CREATE TRIGGER resources_resource_search_vector
  BEFORE INSERT OR UPDATE OF title, summary, description, file_text_vector
  ON resources_resource
  FOR EACH ROW EXECUTE FUNCTION resources_resource_search_vector();
"""
SEARCH_VECTOR_BEFORE = """
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
"""

PAGES_CASCADE = """
ALTER TABLE resources_filepage ADD CONSTRAINT resources_filepage_resource_fk
  FOREIGN KEY (resource_id) REFERENCES resources_resource (id)
  ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
"""
PAGES_CASCADE_DROP = """
ALTER TABLE resources_filepage DROP CONSTRAINT IF EXISTS resources_filepage_resource_fk;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0002_library_files_private"),
    ]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="file_text",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "No file"),
                    ("pending", "Waiting to be read"),
                    ("indexed", "Text indexed"),
                    ("no_text", "No text layer (scanned?)"),
                    ("failed", "Could not be read"),
                    ("not_read", "Format not read"),
                ],
                default="",
                editable=False,
                max_length=10,
                verbose_name="file text",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="file_text_note",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=300,
                verbose_name="file text note",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="file_text_of",
            field=models.CharField(blank=True, editable=False, max_length=255),
        ),
        migrations.AddField(
            model_name="resource",
            name="file_text_pages",
            field=models.PositiveIntegerField(
                blank=True, editable=False, null=True, verbose_name="pages read"
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="file_text_read_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="file text read at"
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="file_text_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.AlterField(
            model_name="resource",
            name="file",
            field=models.FileField(
                blank=True,
                help_text="PDF, Word, PowerPoint, Excel, CSV, PNG or JPEG; at most 25 MB. The text of a PDF, Word or PowerPoint file is found by the library's search.",
                storage=core.storage.private_storage,
                upload_to="resources/%Y/",
                validators=[resources.validators.validate_library_file],
                verbose_name="file",
            ),
        ),
        migrations.CreateModel(
            name="FilePage",
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
                ("number", models.PositiveIntegerField(verbose_name="page")),
                ("text", models.TextField(verbose_name="text")),
                (
                    "search_vector",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.contrib.postgres.search.SearchVector(
                            "text", config="english", weight="D"
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
                (
                    "resource",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="file_pages",
                        to="resources.resource",
                    ),
                ),
            ],
            options={
                "verbose_name": "page of a file",
                "verbose_name_plural": "pages of files",
                "ordering": ["resource", "number"],
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["search_vector"], name="file_page_search_gin"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("resource", "number"), name="unique_file_page"
                    )
                ],
            },
        ),
        migrations.RunSQL(PAGES_CASCADE, PAGES_CASCADE_DROP),
        migrations.RunSQL(SEARCH_VECTOR, SEARCH_VECTOR_BEFORE),
    ]
