"""The program's texts in Spanish, which curators may give beside the English
(core/translated.py): a program's name, short name, purpose and what
participants get; a cohort's name and summary; a milestone's name; a session's
title."""

from django.db import migrations, models

HELP = "Shown to Spanish readers; without it they see the English."


def _char(name, max_length):
    return models.CharField(
        blank=True, help_text=HELP, max_length=max_length, verbose_name=name
    )


def _text(name, help_text=HELP):
    return models.TextField(blank=True, help_text=help_text, verbose_name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0005_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="program",
            name="name_es",
            field=_char("name in Spanish", 200),
        ),
        migrations.AddField(
            model_name="program",
            name="short_name_es",
            field=_char("short name in Spanish", 60),
        ),
        migrations.AddField(
            model_name="program",
            name="purpose_es",
            field=_text("purpose in Spanish"),
        ),
        migrations.AddField(
            model_name="program",
            name="benefits_es",
            field=_text(
                "what participants get, in Spanish",
                "One item per line. Shown to Spanish readers; without it they see "
                "the English.",
            ),
        ),
        migrations.AddField(
            model_name="cohort",
            name="name_es",
            field=_char("name in Spanish", 100),
        ),
        migrations.AddField(
            model_name="cohort",
            name="summary_es",
            field=_text("summary in Spanish"),
        ),
        migrations.AddField(
            model_name="milestonekind",
            name="name_es",
            field=_char("name in Spanish", 120),
        ),
        migrations.AddField(
            model_name="session",
            name="title_es",
            field=_char("title in Spanish", 200),
        ),
    ]
