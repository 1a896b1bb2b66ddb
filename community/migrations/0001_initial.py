"""The community's tables, and what PostgreSQL and the roles keep beside them:

- Post.search_vector, kept by triggers: a post's text (weight B) and, for a
  thread's opening post, the thread's title (A), so a thread is found by its
  title through its first post; renaming a thread refreshes that vector. Who
  may read a post is decided when searching, never stored here;
- the staff role groups (Moderators, Curators, Program staff); their
  permissions are granted after migrate (CommunityConfig's post_migrate hook),
  when the permissions themselves exist.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
import taggit.managers
from django.conf import settings
from django.db import migrations, models


SEARCH_VECTOR = """
CREATE OR REPLACE FUNCTION community_post_search_vector() RETURNS trigger AS $$
DECLARE
  opening_title text;
BEGIN
  SELECT t.title INTO opening_title FROM community_thread t
   WHERE t.id = NEW.thread_id
     AND NOT EXISTS (
       SELECT 1 FROM community_post p
        WHERE p.thread_id = NEW.thread_id AND p.id < NEW.id
     );
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(opening_title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.body, '')), 'B');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER community_post_search_vector
  BEFORE INSERT OR UPDATE OF body, thread_id ON community_post
  FOR EACH ROW EXECUTE FUNCTION community_post_search_vector();

CREATE OR REPLACE FUNCTION community_thread_title_search() RETURNS trigger AS $$
BEGIN
  UPDATE community_post SET body = body
   WHERE id = (SELECT min(id) FROM community_post WHERE thread_id = NEW.id);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER community_thread_title_search
  AFTER UPDATE OF title ON community_thread
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title)
  EXECUTE FUNCTION community_thread_title_search();
"""
SEARCH_VECTOR_DROP = """
DROP TRIGGER IF EXISTS community_thread_title_search ON community_thread;
DROP FUNCTION IF EXISTS community_thread_title_search();
DROP TRIGGER IF EXISTS community_post_search_vector ON community_post;
DROP FUNCTION IF EXISTS community_post_search_vector();
"""


def create_role_groups(apps, schema_editor):
    from community.roles import sync_roles

    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cohorts", "0001_initial"),
        ("resources", "0001_initial"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Checkpoint",
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
                ("name", models.CharField(max_length=60, unique=True)),
                ("reached_at", models.DateTimeField()),
            ],
        ),
        migrations.CreateModel(
            name="Board",
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
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "slug",
                    models.SlugField(max_length=60, unique=True, verbose_name="slug"),
                ),
                (
                    "description",
                    models.TextField(blank=True, verbose_name="description"),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0, verbose_name="position"
                    ),
                ),
                (
                    "visibility",
                    models.CharField(
                        choices=[
                            ("public", "Public: anyone can read"),
                            ("members", "Members: signed-in members read"),
                            ("cohort", "Cohort: only the cohort's people read"),
                        ],
                        default="members",
                        max_length=10,
                        verbose_name="visibility",
                    ),
                ),
                (
                    "new_threads",
                    models.CharField(
                        choices=[
                            ("readers", "Everyone who may read it"),
                            ("staff", "Staff only (replies still open to readers)"),
                        ],
                        default="readers",
                        max_length=10,
                        verbose_name="who may start threads",
                    ),
                ),
                (
                    "thread_count",
                    models.PositiveIntegerField(default=0, editable=False),
                ),
                ("post_count", models.PositiveIntegerField(default=0, editable=False)),
                (
                    "last_activity_at",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "cohort",
                    models.OneToOneField(
                        blank=True,
                        help_text="For a cohort board: the cohort whose people read it.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="board",
                        to="cohorts.cohort",
                        verbose_name="cohort",
                    ),
                ),
            ],
            options={
                "verbose_name": "board",
                "verbose_name_plural": "boards",
                "ordering": ["position", "name"],
            },
        ),
        migrations.CreateModel(
            name="BoardFollow",
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
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("watching", "Watching"),
                            ("normal", "Normal"),
                            ("muted", "Muted"),
                        ],
                        default="watching",
                        max_length=8,
                        verbose_name="watching level",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "board",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="follows",
                        to="community.board",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="DataExport",
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
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "data export",
                "verbose_name_plural": "data exports",
            },
        ),
        migrations.CreateModel(
            name="DigestSchedule",
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
                (
                    "weekday",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (0, "Monday"),
                            (1, "Tuesday"),
                            (2, "Wednesday"),
                            (3, "Thursday"),
                            (4, "Friday"),
                            (5, "Saturday"),
                            (6, "Sunday"),
                        ],
                        default=1,
                        verbose_name="day",
                    ),
                ),
                (
                    "hour",
                    models.PositiveSmallIntegerField(
                        default=8,
                        help_text="0 to 23, in the site's time zone (America/New_York).",
                        verbose_name="hour",
                    ),
                ),
            ],
            options={
                "verbose_name": "digest schedule",
                "verbose_name_plural": "digest schedule",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("pk", 1)), name="one_digest_schedule"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("hour__gte", 0), ("hour__lte", 23)),
                        name="digest_hour_of_day",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Notification",
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
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("reply", "New post in a thread you watch"),
                            ("new_thread", "New thread in a board you watch"),
                            ("reply_to_you", "Reply to your thread or post"),
                            ("mention", "Mention"),
                            ("reaction", "Reaction to your post"),
                            ("moderation", "Moderator hid your post"),
                            ("restored", "Moderator restored your post"),
                            ("session", "New session in your cohort"),
                            ("resource", "New resource in a topic you follow"),
                        ],
                        max_length=12,
                    ),
                ),
                ("detail", models.CharField(blank=True, max_length=300)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("read_at", models.DateTimeField(blank=True, null=True)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notifications",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "resource",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="resources.resource",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="cohorts.session",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="NotificationSettings",
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
                (
                    "replies_to_you",
                    models.CharField(
                        choices=[
                            ("immediately", "Right away"),
                            ("digest", "In the weekly digest"),
                            ("never", "Never"),
                        ],
                        default="immediately",
                        max_length=12,
                        verbose_name="Replies to your threads and posts",
                    ),
                ),
                (
                    "mentions",
                    models.CharField(
                        choices=[
                            ("immediately", "Right away"),
                            ("digest", "In the weekly digest"),
                            ("never", "Never"),
                        ],
                        default="immediately",
                        max_length=12,
                        verbose_name="Mentions of you",
                    ),
                ),
                (
                    "watched",
                    models.CharField(
                        choices=[
                            ("immediately", "Right away"),
                            ("digest", "In the weekly digest"),
                            ("never", "Never"),
                        ],
                        default="digest",
                        max_length=12,
                        verbose_name="New posts in threads and boards you watch",
                    ),
                ),
                (
                    "reactions",
                    models.CharField(
                        choices=[
                            ("immediately", "Right away"),
                            ("digest", "In the weekly digest"),
                            ("never", "Never"),
                        ],
                        default="digest",
                        max_length=12,
                        verbose_name="Reactions to your posts",
                    ),
                ),
                (
                    "moderation",
                    models.CharField(
                        choices=[
                            ("immediately", "Right away"),
                            ("digest", "In the weekly digest"),
                            ("never", "Never"),
                        ],
                        default="digest",
                        max_length=12,
                        verbose_name="Moderators' actions on your posts",
                    ),
                ),
                (
                    "sessions",
                    models.CharField(
                        choices=[
                            ("immediately", "Right away"),
                            ("digest", "In the weekly digest"),
                            ("never", "Never"),
                        ],
                        default="digest",
                        max_length=12,
                        verbose_name="New sessions in your cohorts",
                    ),
                ),
                (
                    "resources",
                    models.CharField(
                        choices=[
                            ("immediately", "Right away"),
                            ("digest", "In the weekly digest"),
                            ("never", "Never"),
                        ],
                        default="digest",
                        max_length=12,
                        verbose_name="New library resources in topics you follow",
                    ),
                ),
                (
                    "weekly_digest",
                    models.BooleanField(default=True, verbose_name="The weekly digest"),
                ),
                (
                    "session_reminders",
                    models.BooleanField(
                        default=True,
                        verbose_name="A reminder the day before each session of your cohorts",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notification_settings",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "notification settings",
                "verbose_name_plural": "notification settings",
            },
        ),
        migrations.CreateModel(
            name="OutgoingEmail",
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
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("notification", "Notification"),
                            ("digest", "Weekly digest"),
                            ("reminder", "Session reminder"),
                            ("account", "Account (sign-up, password, address)"),
                        ],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                (
                    "key",
                    models.CharField(max_length=120, unique=True, verbose_name="event"),
                ),
                (
                    "period_start",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="digest from"
                    ),
                ),
                (
                    "period_end",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="digest until"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("sending", "Being sent"),
                            ("sent", "Sent"),
                            ("failed", "Failed"),
                            ("skipped", "Not sent"),
                        ],
                        default="queued",
                        max_length=8,
                        verbose_name="status",
                    ),
                ),
                (
                    "attempts",
                    models.PositiveSmallIntegerField(
                        default=0, verbose_name="attempts"
                    ),
                ),
                (
                    "sending_since",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="being sent since"
                    ),
                ),
                (
                    "maybe_twice",
                    models.BooleanField(
                        default=False,
                        help_text="A worker stopped while handing it to the mail server, so it was sent again; with the same Message-ID, mail programs show it once.",
                        verbose_name="may have arrived twice",
                    ),
                ),
                (
                    "next_attempt_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="next attempt"
                    ),
                ),
                ("last_error", models.TextField(blank=True, verbose_name="reason")),
                (
                    "to_address",
                    models.CharField(blank=True, max_length=254, verbose_name="to"),
                ),
                (
                    "subject",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="subject"
                    ),
                ),
                (
                    "message_id",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="Message-ID"
                    ),
                ),
                ("body_text", models.TextField(blank=True, editable=False)),
                ("body_html", models.TextField(blank=True, editable=False)),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True, db_index=True, verbose_name="created"
                    ),
                ),
                (
                    "sent_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="sent"),
                ),
                (
                    "notification",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="emails",
                        to="community.notification",
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for an account e-mail to an address of no account.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="outgoing_emails",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="cohorts.session",
                    ),
                ),
            ],
            options={
                "verbose_name": "outgoing e-mail",
                "verbose_name_plural": "outgoing e-mails",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Post",
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
                ("body", models.TextField(max_length=20000, verbose_name="text")),
                ("body_html", models.TextField(editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "edited_at",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                (
                    "is_hidden",
                    models.BooleanField(
                        default=False, verbose_name="hidden by a moderator"
                    ),
                ),
                (
                    "hidden_reason",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="reason for hiding"
                    ),
                ),
                ("hidden_at", models.DateTimeField(blank=True, null=True)),
                (
                    "is_deleted",
                    models.BooleanField(
                        default=False, verbose_name="deleted by its author"
                    ),
                ),
                ("deleted_at", models.DateTimeField(blank=True, null=True)),
                (
                    "helpful_count",
                    models.PositiveIntegerField(default=0, editable=False),
                ),
                (
                    "insightful_count",
                    models.PositiveIntegerField(default=0, editable=False),
                ),
                (
                    "thanks_count",
                    models.PositiveIntegerField(default=0, editable=False),
                ),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(
                        editable=False, null=True
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="posts",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "hidden_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "reply_to",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="replies",
                        to="community.post",
                        verbose_name="in reply to",
                    ),
                ),
            ],
            options={
                "verbose_name": "post",
                "verbose_name_plural": "posts",
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.AddField(
            model_name="notification",
            name="post",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                to="community.post",
            ),
        ),
        migrations.CreateModel(
            name="Flag",
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
                ("reason", models.CharField(max_length=500, verbose_name="reason")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("resolved_at", models.DateTimeField(blank=True, null=True)),
                (
                    "resolution",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="resolution"
                    ),
                ),
                (
                    "reporter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "resolved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "post",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="flags",
                        to="community.post",
                    ),
                ),
            ],
            options={
                "verbose_name": "flag",
                "verbose_name_plural": "flags",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="PostRevision",
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
                ("body", models.TextField()),
                (
                    "created_at",
                    models.DateTimeField(
                        help_text="When this text was written (before it was replaced)."
                    ),
                ),
                ("replaced_at", models.DateTimeField(auto_now_add=True)),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "post",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="revisions",
                        to="community.post",
                    ),
                ),
            ],
            options={
                "verbose_name": "post revision",
                "verbose_name_plural": "post revisions",
                "ordering": ["-replaced_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Profile",
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
                (
                    "display_name",
                    models.CharField(blank=True, max_length=120, verbose_name="name"),
                ),
                (
                    "job_title",
                    models.CharField(
                        blank=True, max_length=120, verbose_name="job title"
                    ),
                ),
                (
                    "organization",
                    models.CharField(
                        blank=True,
                        help_text="Your city or agency, e.g. City of Long Beach.",
                        max_length=160,
                        verbose_name="organization",
                    ),
                ),
                (
                    "bio",
                    models.TextField(
                        blank=True, max_length=1000, verbose_name="short bio"
                    ),
                ),
                (
                    "in_directory",
                    models.BooleanField(
                        default=True,
                        help_text="Signed-in members find you under Members and in the search. Your profile page and posts stay where they are either way.",
                        verbose_name="list me in the member directory",
                    ),
                ),
                (
                    "details_public",
                    models.BooleanField(
                        default=False,
                        help_text="Off: visitors who are not signed in see only your name and your posts on public boards.",
                        verbose_name="show my title, organization and bio to everyone",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="profile",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "profile",
                "verbose_name_plural": "profiles",
            },
        ),
        migrations.CreateModel(
            name="Reaction",
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
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("helpful", "Helpful"),
                            ("insightful", "Insightful"),
                            ("thanks", "Thanks"),
                        ],
                        max_length=12,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "post",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reactions",
                        to="community.post",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reactions",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="Suspension",
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
                ("until", models.DateTimeField(verbose_name="until")),
                ("reason", models.CharField(max_length=300, verbose_name="reason")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("lifted_at", models.DateTimeField(blank=True, null=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="suspensions",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "suspension",
                "verbose_name_plural": "suspensions",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="TaggedThread",
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
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="%(app_label)s_%(class)s_items",
                        to="taggit.tag",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="Thread",
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
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("slug", models.SlugField(max_length=80, verbose_name="slug")),
                (
                    "is_pinned",
                    models.BooleanField(default=False, verbose_name="pinned"),
                ),
                (
                    "is_locked",
                    models.BooleanField(default=False, verbose_name="locked"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("last_activity_at", models.DateTimeField(db_index=True)),
                ("reply_count", models.PositiveIntegerField(default=0, editable=False)),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="threads",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "board",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="threads",
                        to="community.board",
                    ),
                ),
                (
                    "last_poster",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "resources",
                    models.ManyToManyField(
                        blank=True,
                        related_name="threads",
                        to="resources.resource",
                        verbose_name="shared resources",
                    ),
                ),
                (
                    "tags",
                    taggit.managers.TaggableManager(
                        blank=True,
                        help_text="A comma-separated list of tags.",
                        through="community.TaggedThread",
                        to="taggit.Tag",
                        verbose_name="topics",
                    ),
                ),
            ],
            options={
                "verbose_name": "thread",
                "verbose_name_plural": "threads",
                "ordering": ["-is_pinned", "-last_activity_at", "-pk"],
            },
        ),
        migrations.AddField(
            model_name="taggedthread",
            name="content_object",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, to="community.thread"
            ),
        ),
        migrations.CreateModel(
            name="ReadState",
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
                ("read_up_to", models.BigIntegerField()),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "thread",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="read_states",
                        to="community.thread",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="post",
            name="thread",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="posts",
                to="community.thread",
            ),
        ),
        migrations.CreateModel(
            name="ModerationLog",
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
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("hide", "Hid a post"),
                            ("restore", "Restored a post"),
                            ("lock", "Locked a thread"),
                            ("unlock", "Unlocked a thread"),
                            ("pin", "Pinned a thread"),
                            ("unpin", "Unpinned a thread"),
                            ("move", "Moved a thread"),
                            ("resolve_flag", "Resolved a flag"),
                            ("suspend", "Suspended a member"),
                            ("auto_hide", "Hid a post after three flags"),
                        ],
                        max_length=20,
                    ),
                ),
                ("reason", models.CharField(blank=True, max_length=300)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "member",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "moderator",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "post",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to="community.post",
                    ),
                ),
                (
                    "thread",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to="community.thread",
                    ),
                ),
            ],
            options={
                "verbose_name": "moderation log entry",
                "verbose_name_plural": "moderation log",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="ThreadFollow",
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
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("watching", "Watching"),
                            ("normal", "Normal"),
                            ("muted", "Muted"),
                        ],
                        default="watching",
                        max_length=8,
                        verbose_name="watching level",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "thread",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="follows",
                        to="community.thread",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="TopicFollow",
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
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="followers",
                        to="taggit.tag",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.AddConstraint(
            model_name="board",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("cohort__isnull", True), ("visibility", "cohort"), _connector="OR"
                ),
                name="cohort_board_is_private",
                violation_error_message="A board linked to a cohort must have visibility “cohort”.",
            ),
        ),
        migrations.AddConstraint(
            model_name="boardfollow",
            constraint=models.UniqueConstraint(
                fields=("user", "board"), name="follow_board_once"
            ),
        ),
        migrations.AddIndex(
            model_name="outgoingemail",
            index=models.Index(
                condition=models.Q(("status", "queued")),
                fields=["next_attempt_at"],
                name="email_due",
            ),
        ),
        migrations.AddIndex(
            model_name="outgoingemail",
            index=models.Index(
                fields=["recipient", "kind", "-period_end"], name="email_digests"
            ),
        ),
        migrations.AddConstraint(
            model_name="outgoingemail",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "digest"), _negated=True),
                    models.Q(
                        ("period_end__isnull", False), ("period_start__isnull", False)
                    ),
                    _connector="OR",
                ),
                name="digest_has_period",
            ),
        ),
        migrations.AddConstraint(
            model_name="outgoingemail",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("recipient__isnull", False), ("kind", "account"), _connector="OR"
                ),
                name="only_account_email_without_member",
            ),
        ),
        migrations.AddConstraint(
            model_name="outgoingemail",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "account"), _negated=True),
                    models.Q(("to_address", ""), _negated=True),
                    _connector="OR",
                ),
                name="account_email_has_address",
            ),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                fields=["recipient", "read_at"], name="notification_unread"
            ),
        ),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        models.Q(("kind__in", ["session", "resource"]), _negated=True),
                        ("post__isnull", False),
                        ("resource", None),
                        ("session", None),
                    ),
                    models.Q(
                        ("kind", "session"),
                        ("post", None),
                        ("resource", None),
                        ("session__isnull", False),
                    ),
                    models.Q(
                        ("kind", "resource"),
                        ("post", None),
                        ("resource__isnull", False),
                        ("session", None),
                    ),
                    _connector="OR",
                ),
                name="notification_about_one_thing",
            ),
        ),
        migrations.AddConstraint(
            model_name="flag",
            constraint=models.UniqueConstraint(
                condition=models.Q(("resolved_at", None)),
                fields=("post", "reporter"),
                name="one_open_flag_per_member_and_post",
            ),
        ),
        migrations.AddConstraint(
            model_name="reaction",
            constraint=models.UniqueConstraint(
                fields=("post", "user", "kind"), name="one_reaction_of_a_kind"
            ),
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(
                fields=["board", "-is_pinned", "-last_activity_at"],
                name="thread_board_listing",
            ),
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(
                fields=["board", "-last_activity_at", "-id"], name="thread_board_latest"
            ),
        ),
        migrations.AddConstraint(
            model_name="taggedthread",
            constraint=models.UniqueConstraint(
                fields=("content_object", "tag"), name="unique_topic_per_thread"
            ),
        ),
        migrations.AddConstraint(
            model_name="readstate",
            constraint=models.UniqueConstraint(
                fields=("user", "thread"), name="read_state_once"
            ),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                fields=["thread", "created_at", "id"], name="post_thread_order"
            ),
        ),
        migrations.AddIndex(
            model_name="post",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="post_search_gin"
            ),
        ),
        migrations.AddConstraint(
            model_name="post",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("is_hidden", False),
                    models.Q(("hidden_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="hidden_post_has_reason",
                violation_error_message="Say why the post is hidden.",
            ),
        ),
        migrations.AddConstraint(
            model_name="threadfollow",
            constraint=models.UniqueConstraint(
                fields=("user", "thread"), name="follow_thread_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="topicfollow",
            constraint=models.UniqueConstraint(
                fields=("user", "tag"), name="follow_topic_once"
            ),
        ),
        migrations.RunSQL(SEARCH_VECTOR, SEARCH_VECTOR_DROP),
        migrations.RunPython(create_role_groups, migrations.RunPython.noop),
    ]
