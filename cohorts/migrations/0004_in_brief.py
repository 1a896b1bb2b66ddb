from django.db import migrations, models

import cohorts.models.brief


def _field(blank, name):
    return models.CharField(
        blank=blank,
        default="",
        max_length=400,
        validators=[cohorts.models.brief.validate_brief],
        verbose_name=name,
        help_text=(
            "Shown first on the page: two plain sentences a resident could "
            "understand (what it is, and for whom)."
            if not blank
            else "Shown to Spanish readers; without it they see the English."
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0003_city_also_known_as"),
    ]

    operations = [
        migrations.AddField(
            model_name=model,
            name=name,
            field=_field(blank, verbose),
            preserve_default=False,
        )
        for model in ("program", "cohort")
        for name, blank, verbose in (
            ("in_brief", False, "in brief"),
            ("in_brief_es", True, "in brief, in Spanish"),
        )
    ]
