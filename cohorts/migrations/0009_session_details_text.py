"""A session's agenda and notes as plain text, for the search's snippets, made
for the sessions stored before (Session.save() makes it from then on)."""

from django.db import migrations, models

from core.markdown import plain_text


def fill(apps, schema_editor):
    Session = apps.get_model("cohorts", "Session")
    sessions = list(
        Session.objects.exclude(agenda_html="", notes_html="").only(
            "pk", "agenda_html", "notes_html"
        )
    )
    for session in sessions:
        texts = (plain_text(session.agenda_html), plain_text(session.notes_html))
        session.details_text = "\n\n".join(text for text in texts if text)
    Session.objects.bulk_update(sessions, ["details_text"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0008_session_search_vectors"),
    ]

    operations = [
        migrations.AddField(
            model_name="session",
            name="details_text",
            field=models.TextField(
                blank=True, editable=False, verbose_name="agenda and notes as text"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
