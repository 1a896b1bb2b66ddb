"""A session's words kept by the database (generated columns), so the site
search reads them instead of making them for every session on every search:
its title (A) for everyone; its agenda and notes (B) and its place (C) for its
cohort's own people (cohorts/search.py)."""

import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0007_cohort_search_vector"),
    ]

    operations = [
        migrations.AddField(
            model_name="session",
            name="details_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.SearchVector(
                            "agenda", config="english", weight="B"
                        ),
                        "||",
                        django.contrib.postgres.search.SearchVector(
                            "notes", config="english", weight="B"
                        ),
                        django.contrib.postgres.search.SearchConfig("english"),
                    ),
                    "||",
                    django.contrib.postgres.search.SearchVector(
                        "location", config="english", weight="C"
                    ),
                    django.contrib.postgres.search.SearchConfig("english"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
                verbose_name="search index of the details",
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="title_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.SearchVector(
                    "title", config="english", weight="A"
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
                verbose_name="search index of the title",
            ),
        ),
    ]
