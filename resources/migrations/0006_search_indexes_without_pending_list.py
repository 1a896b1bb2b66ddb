"""The library's search indexes keep no pending list (GIN fastupdate off).

With fastupdate, new entries wait in a list that every search reads one by one
until a VACUUM merges them: after a bulk load of 100,000 resources, all of them
for the Spanish index. The indexes are changed in place (no rebuild), and what
is pending is merged now."""

import django.contrib.postgres.indexes
from django.db import migrations

INDEXES = [
    ("filepage", "search_vector", "file_page_search_gin"),
    ("resource", "search_vector", "resource_search_gin"),
    ("resource", "search_vector_es", "resource_search_es_gin"),
]


def in_place(model_name: str, field: str, name: str):
    return migrations.SeparateDatabaseAndState(
        database_operations=[
            migrations.RunSQL(
                f"ALTER INDEX {name} SET (fastupdate = off);"
                f" SELECT gin_clean_pending_list('{name}'::regclass);",
                f"ALTER INDEX {name} RESET (fastupdate);",
            )
        ],
        state_operations=[
            migrations.RemoveIndex(model_name=model_name, name=name),
            migrations.AddIndex(
                model_name=model_name,
                index=django.contrib.postgres.indexes.GinIndex(
                    fastupdate=False, fields=[field], name=name
                ),
            ),
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0005_spanish_content"),
    ]

    operations = [in_place(*index) for index in INDEXES]
