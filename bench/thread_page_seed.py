"""bench/thread_page.py's data: members, five boards, the threads with one of
exactly 500 posts, reactions and read states, seeded in bulk when missing."""

import time

POSTS_PER_PAGE = 50  # community.discussions.views.POSTS_PER_PAGE
LONG_THREAD_POSTS = 500


MEMBERS = 200


REACTIONS = 50_000


BOARD_PREFIX = "bench-"


PUBLIC_BOARD = "bench-public"


MEMBERS_BOARD = "bench-members-1"


MEMBER_PREFIX = "benchmember"


READER = "benchreader"


READER_PASSWORD = "bench-reader-throwaway-password"  # noqa: S105


def ensure_members():
    """The reader (a normal, verified member) and MEMBERS bulk-made members."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from community.models import Profile

    user_model = get_user_model()
    reader, created = user_model.objects.get_or_create(
        username=READER, defaults={"email": f"{READER}@bench.example.org"}
    )
    if created:
        reader.set_password(READER_PASSWORD)
        reader.save(update_fields=["password"])
    names = [f"{MEMBER_PREFIX}{n:03d}" for n in range(MEMBERS)]
    have = set(
        user_model.objects.filter(username__in=names).values_list("username", flat=True)
    )
    unusable = make_password(None)  # bulk members never sign in: no hashing cost
    user_model.objects.bulk_create(
        user_model(username=name, email=f"{name}@bench.example.org", password=unusable)
        for name in names
        if name not in have
    )
    users = list(user_model.objects.filter(username__in=[READER, *names]))
    Profile.objects.bulk_create(
        (
            Profile(
                user=user,
                display_name=f"Bench Member {user.username[-3:]}"
                if user.username != READER
                else "Bench Reader",
                job_title="Equity officer",
                organization=f"City of Benchville {user.pk % 40}",
            )
            for user in users
        ),
        ignore_conflicts=True,
    )
    EmailAddress.objects.bulk_create(
        (
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in users
        ),
        ignore_conflicts=True,
    )
    members = sorted((u for u in users if u.username != READER), key=lambda u: u.pk)
    return next(u for u in users if u.username == READER), members


def ensure_boards() -> list:
    from community.models import Board

    boards = [
        (PUBLIC_BOARD, "Bench public square", Board.Visibility.PUBLIC),
        *(
            (
                f"bench-members-{n}",
                f"Bench members' board {n}",
                Board.Visibility.MEMBERS,
            )
            for n in range(1, 5)
        ),
    ]
    return [
        Board.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": "Synthetic threads for bench/thread_page.py.",
                "visibility": visibility,
                "position": 100 + position,
            },
        )[0]
        for position, (slug, name, visibility) in enumerate(boards)
    ]


def seed(threads: int, posts: int) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from community.models import Post, Thread

    call_command("migrate", verbosity=0, interactive=False)
    with transaction.atomic():
        reader, members = ensure_members()
        boards = ensure_boards()
        synthetic = Thread.objects.filter(board__in=boards)
        have = (synthetic.count(), Post.objects.filter(thread__in=synthetic).count())
        if have != (threads, posts):
            started = time.perf_counter()
            if have[0]:
                print(f"Replacing {have[0]:,} synthetic threads, {have[1]:,} posts")
                synthetic.delete()
            seed_board(threads, posts, reader, members, boards)
            took = time.perf_counter() - started
            print(f"Seeded {threads:,} threads and {posts:,} posts in {took:.1f} s")
    # Fresh statistics, as autovacuum would have gathered in production by now (it
    # is off on this server): without them the planner takes the tables for empty.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def seed_board(threads: int, posts: int, reader, members, boards) -> None:
    """The threads, posts, reactions and read states, by the seeder seed_demo
    --scale uses; then the reader's own marks."""
    from community.seed_scale.discussions import BoardSpace, board_fill

    writers = [*members, reader]
    spaces = [BoardSpace(board, writers) for board in boards]
    board_fill(
        spaces=spaces,
        threads=threads,
        posts=posts,
        reactions=REACTIONS,
        fixed=[(spaces[0], LONG_THREAD_POSTS)],  # on the public board
        seed=20_240_501,
    )
    long_thread, long_posts = _long_thread(boards[0])
    # The reader found a quarter of the long thread helpful.
    _mark_helpful(reader, long_posts[::4])
    # The reader has read the long thread to the end of page 1.
    _mark_read(reader, boards, {long_thread.pk: long_posts[POSTS_PER_PAGE - 1]})


def _long_thread(public_board):
    """The thread of LONG_THREAD_POSTS posts, and its posts' pks in order."""
    from community.models import Thread

    long_thread = (
        Thread.objects.filter(board=public_board, reply_count=LONG_THREAD_POSTS - 1)
        .order_by("pk")
        .first()
    )
    long_posts = list(
        long_thread.posts.order_by("created_at", "pk").values_list("pk", flat=True)
    )
    return long_thread, long_posts


def _mark_helpful(reader, post_ids: list[int]) -> None:
    from community.models import Post, Reaction
    from community.seed_scale.counters import reaction_counts_refresh

    Reaction.objects.bulk_create(
        (
            Reaction(post_id=pk, user=reader, kind=Post.Reactions.HELPFUL)
            for pk in post_ids
        ),
        ignore_conflicts=True,
    )
    reaction_counts_refresh(Post.objects.filter(pk__in=post_ids))


def _mark_read(reader, boards, read: dict[int, int]) -> None:
    """The reader's read states: *read* (thread pk -> read up to post pk), and
    every fifth thread of the boards, half of them to the end."""
    from django.db.models import Max, Min

    from community.models import Post, ReadState

    ends = {
        row["thread"]: (row["first"], row["last"])
        for row in Post.objects.filter(thread__board__in=boards)
        .order_by()
        .values("thread")
        .annotate(first=Min("pk"), last=Max("pk"))
    }
    thread_ids = sorted(ends)
    read = dict(read)
    for n, thread_id in enumerate(thread_ids[5::5]):
        read.setdefault(thread_id, ends[thread_id][1 if n % 2 else 0])
    ReadState.objects.bulk_create(
        (
            ReadState(user=reader, thread_id=thread_id, read_up_to=pk)
            for thread_id, pk in read.items()
        ),
        update_conflicts=True,
        unique_fields=["user", "thread"],
        update_fields=["read_up_to"],
    )
