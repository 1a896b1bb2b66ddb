"""A post's board (which the search index holds beside its words) is its
thread's, kept by the database whoever writes: a new post, a thread moved by a
moderator or by any other write, a post written in bulk, a board set by hand."""

import pytest

from community.discussions.moderation import thread_move
from community.discussions.services import post_create
from community.models import Post, Thread
from tests.factories import BoardFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def boards_of(thread) -> set[int]:
    return set(Post.objects.filter(thread=thread).values_list("board", flat=True))


def test_every_post_takes_its_threads_board_and_moves_with_it(moderator_user):
    first, second = BoardFactory(), BoardFactory()
    thread = make_thread(board=first)
    reply = post_create(thread=thread, author=UserFactory(), body="A reply.")
    assert reply.board_id == first.pk  # the instance says what was stored
    assert boards_of(thread) == {first.pk}

    thread_move(thread=thread, moderator=moderator_user, board=second)
    assert boards_of(thread) == {second.pk}

    # Any write of a thread's board, not only the moderators' service.
    Thread.objects.filter(pk=thread.pk).update(board=first)
    assert boards_of(thread) == {first.pk}


def test_a_board_written_by_hand_or_left_out_is_the_threads(moderator_user):
    board, elsewhere = BoardFactory(), BoardFactory()
    thread = make_thread(board=board)
    Post.objects.filter(thread=thread).update(board=elsewhere)
    assert boards_of(thread) == {board.pk}

    # Written in bulk without a board, as the seeding does.
    Post.objects.bulk_create(
        [Post(thread=thread, body=f"Bulk {n}", body_html="") for n in range(3)]
    )
    assert boards_of(thread) == {board.pk}
    assert Post.objects.filter(thread=thread).count() == 4


def test_a_post_moved_to_another_thread_takes_that_threads_board():
    here, there = make_thread(board=BoardFactory()), make_thread(board=BoardFactory())
    Post.objects.filter(thread=here).update(thread=there)
    assert boards_of(there) == {there.board_id}
