"""Full-text search over the board: Post.search_vector, kept by PostgreSQL triggers.

A post's vector holds its text (weight B) and, for a thread's opening post, the
thread's title (weight A), so a thread is found by its title through its first
post. Renaming a thread refreshes its opening post's vector. Who may read a post
(board visibility, hidden, deleted) is decided when searching, never stored here.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.conf import settings
from django.db import migrations

CREATE = """
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

DROP TRIGGER IF EXISTS community_post_search_vector ON community_post;
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

DROP TRIGGER IF EXISTS community_thread_title_search ON community_thread;
CREATE TRIGGER community_thread_title_search
  AFTER UPDATE OF title ON community_thread
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title)
  EXECUTE FUNCTION community_thread_title_search();

UPDATE community_post SET body = body;
"""

DROP = """
DROP TRIGGER IF EXISTS community_thread_title_search ON community_thread;
DROP FUNCTION IF EXISTS community_thread_title_search();
DROP TRIGGER IF EXISTS community_post_search_vector ON community_post;
DROP FUNCTION IF EXISTS community_post_search_vector();
"""


def create_triggers(apps, schema_editor):
    schema_editor.execute(CREATE)


def drop_triggers(apps, schema_editor):
    schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0006_email_settings_and_outbox"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.AddIndex(
            model_name="post",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="post_search_gin"
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
