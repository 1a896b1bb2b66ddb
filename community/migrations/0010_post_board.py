"""A post carries its thread's board, and the search index holds it beside the
words.

A search reads the matches of its words on the boards its viewer reads. The
index held the words only: for a common word, PostgreSQL read every match from
the table to learn its thread's board, and kept those on the viewer's boards
(for a guest, a quarter of them: "community" read 2,977 matches on 2,380 pages
of a hundred thousand posts to keep 700). With the board in the index
(btree_gin's operators for the board's key, a GIN index of two columns), the
matches on other boards are never read.

The board is kept by triggers, whoever writes: a new post (or one moved to
another thread) takes its thread's board, and a thread moved to another board
moves its posts'. Nobody sets it by hand: what is written to it is replaced by
the thread's.
"""

import django.contrib.postgres.indexes
import django.db.models.deletion
from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations, models

BOARD = """
CREATE OR REPLACE FUNCTION community_post_board() RETURNS trigger AS $$
BEGIN
  SELECT t.board_id INTO NEW.board_id FROM community_thread t
   WHERE t.id = NEW.thread_id;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER community_post_board
  BEFORE INSERT OR UPDATE OF thread_id, board_id ON community_post
  FOR EACH ROW EXECUTE FUNCTION community_post_board();

CREATE OR REPLACE FUNCTION community_thread_board() RETURNS trigger AS $$
BEGIN
  UPDATE community_post SET board_id = NEW.board_id WHERE thread_id = NEW.id;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER community_thread_board
  AFTER UPDATE OF board_id ON community_thread
  FOR EACH ROW WHEN (OLD.board_id IS DISTINCT FROM NEW.board_id)
  EXECUTE FUNCTION community_thread_board();
"""
BOARD_DROP = """
DROP TRIGGER IF EXISTS community_thread_board ON community_thread;
DROP FUNCTION IF EXISTS community_thread_board();
DROP TRIGGER IF EXISTS community_post_board ON community_post;
DROP FUNCTION IF EXISTS community_post_board();
"""
FILL = """
UPDATE community_post p SET board_id = t.board_id
  FROM community_thread t WHERE t.id = p.thread_id;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0009_directory_search_by_trigrams"),
    ]

    operations = [
        BtreeGinExtension(),
        # The old index goes first: the filling rewrites every post.
        migrations.RemoveIndex(model_name="post", name="post_search_gin"),
        migrations.AddField(
            model_name="post",
            name="board",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="community.board",
                verbose_name="board",
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.RunSQL(BOARD, BOARD_DROP),
        migrations.AlterField(
            model_name="post",
            name="board",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="community.board",
                verbose_name="board",
            ),
        ),
        migrations.AddIndex(
            model_name="post",
            index=django.contrib.postgres.indexes.GinIndex(
                fastupdate=False,
                fields=["board", "search_vector"],
                name="post_board_search_gin",
            ),
        ),
    ]
