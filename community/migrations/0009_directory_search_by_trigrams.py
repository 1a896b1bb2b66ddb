"""The directory's search reads trigram indexes, not every member.

Its words are looked for in the handle, the name and the organization
(icontains: UPPER(column) LIKE '%WORDS%'). Without an index, each search read
every member and their profile: 5 ms for 2,000 members, ten times as much for
20,000. pg_trgm's GIN indexes on those three expressions find the matches
directly. pg_trgm is a trusted extension (PostgreSQL 13 and later): the
database's owner may create it. The handle is the user's, on auth_user, whose
model is Django's own, so its index is made here in SQL."""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

HANDLE_INDEX = "auth_user_username_trgm"


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0008_search_index_without_pending_list"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunSQL(
            f"CREATE INDEX {HANDLE_INDEX} ON auth_user"
            " USING gin (UPPER(username) gin_trgm_ops) WITH (fastupdate = off);",
            f"DROP INDEX {HANDLE_INDEX};",
        ),
        migrations.AddIndex(
            model_name="profile",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    django.db.models.functions.text.Upper("display_name"),
                    name="gin_trgm_ops",
                ),
                fastupdate=False,
                name="profile_display_name_trgm",
            ),
        ),
        migrations.AddIndex(
            model_name="profile",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    django.db.models.functions.text.Upper("organization"),
                    name="gin_trgm_ops",
                ),
                fastupdate=False,
                name="profile_organization_trgm",
            ),
        ),
    ]
