"""The posts' search index keeps no pending list (GIN fastupdate off).

With fastupdate, new entries wait in a list that every search reads one by one
until a VACUUM merges them: after a bulk load, tens of thousands. The index is
changed in place (no rebuild), and what is pending is merged now."""

import django.contrib.postgres.indexes
from django.db import migrations

INDEX = "post_search_gin"


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0007_moderation_outcomes_as_codes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"ALTER INDEX {INDEX} SET (fastupdate = off);"
                    f" SELECT gin_clean_pending_list('{INDEX}'::regclass);",
                    f"ALTER INDEX {INDEX} RESET (fastupdate);",
                )
            ],
            state_operations=[
                migrations.RemoveIndex(model_name="post", name=INDEX),
                migrations.AddIndex(
                    model_name="post",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fastupdate=False, fields=["search_vector"], name=INDEX
                    ),
                ),
            ],
        ),
    ]
