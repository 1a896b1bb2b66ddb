from django.db import migrations


class Migration(migrations.Migration):
    """ReadState.last_read_post_id looked like a foreign key and is a number."""

    dependencies = [("community", "0015_notification_rendered_when_shown")]

    operations = [
        migrations.RenameField(
            model_name="readstate", old_name="last_read_post_id", new_name="read_up_to"
        ),
    ]
