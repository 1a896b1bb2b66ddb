"""Who may start threads on a board (Announcements: staff only), and what a member
shows of themselves: the directory, and details for visitors who are not signed in.

A board that was closed to new threads (moderators only) becomes staff-only.
"""

from django.db import migrations, models


def board_rules(apps, schema_editor):
    Board = apps.get_model("community", "Board")
    Board.objects.filter(is_closed=True).update(new_threads="staff")
    Board.objects.filter(slug="announcements").update(new_threads="staff")


def closed_boards(apps, schema_editor):
    Board = apps.get_model("community", "Board")
    Board.objects.filter(new_threads="staff").update(is_closed=True)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0010_thread_board_latest_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="board",
            name="new_threads",
            field=models.CharField(
                choices=[
                    ("readers", "Everyone who may read it"),
                    ("staff", "Staff only (replies still open to readers)"),
                ],
                default="readers",
                max_length=10,
                verbose_name="who may start threads",
            ),
        ),
        migrations.RunPython(board_rules, closed_boards),
        migrations.RemoveField(
            model_name="board",
            name="is_closed",
        ),
        migrations.AddField(
            model_name="profile",
            name="details_public",
            field=models.BooleanField(
                default=False,
                help_text="Off: visitors who are not signed in see only your name "
                "and your posts on public boards.",
                verbose_name="show my title, organization and bio to everyone",
            ),
        ),
        migrations.AddField(
            model_name="profile",
            name="in_directory",
            field=models.BooleanField(
                default=True,
                help_text="Signed-in members find you under Members and in the "
                "search. Your profile page and posts stay where they are either way.",
                verbose_name="list me in the member directory",
            ),
        ),
    ]
