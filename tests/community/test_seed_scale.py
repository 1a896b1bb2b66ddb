from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, Max

from cohorts.models import Cohort, CohortMembership, Program, Session
from community import seed_scale
from community.models import (
    Board,
    Notification,
    Post,
    Profile,
    Reaction,
    ReadState,
    Thread,
)
from resources.models import Collection, Resource

pytestmark = pytest.mark.django_db

TINY = seed_scale.Scale(
    members=12,
    cities=4,
    cohorts=2,
    resources=30,
    collections=1,
    threads=12,
    posts=120,
    reactions=40,
    fixed_threads=(50,),
    collection_size=5,
)


def seed(scale=TINY):
    return seed_scale.seed_scale(scale, progress=lambda _line: None)


def synthetic_threads():
    return Thread.objects.filter(board__in=seed_scale.synthetic_boards())


def synthetic_posts():
    return Post.objects.filter(thread__in=synthetic_threads())


def row_counts() -> dict[str, int]:
    models = [get_user_model(), Profile, EmailAddress, Resource, Collection, Cohort,
              Session, CohortMembership, Board, Thread, Post, Reaction, ReadState,
              Notification]  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def test_tiny_scale_adds_what_it_asks_for():
    report = seed()
    assert report.members == 12
    assert seed_scale.members.synthetic_members().count() == 12
    assert (
        EmailAddress.objects.filter(
            email__endswith="@synthetic.invalid", verified=True, primary=True
        ).count()
        == 12
    )
    assert Resource.objects.published().filter(is_synthetic=True).count() == 30
    assert Cohort.objects.filter(program__slug__startswith="synthetic-").count() == 2
    assert synthetic_threads().count() == 12
    assert synthetic_posts().count() == 120
    assert Reaction.objects.filter(post__in=synthetic_posts()).count() == 40
    assert report.discussions.mentions > 0
    assert Notification.objects.filter(kind="mention").count() == (
        report.discussions.mentions
    )


def test_each_synthetic_cohort_has_sessions_of_every_kind_and_its_people():
    seed()
    for cohort in Cohort.objects.filter(program__slug__startswith="synthetic-"):
        kinds = set(cohort.sessions.values_list("kind", flat=True))
        assert kinds == set(Session.Kind.values)
        assert cohort.sessions.filter(kind="coaching_call", for_city__isnull=False)
        roles = set(cohort.memberships.values_list("role", flat=True))
        assert {"city_lead", "participant", "coach"} <= roles
        assert cohort.board.visibility == Board.Visibility.COHORT


def test_thread_and_board_counters_match_the_posts():
    seed()
    threads = synthetic_threads().annotate(
        posts_n=Count("posts"), latest=Max("posts__created_at")
    )
    for thread in threads:
        assert thread.reply_count == thread.posts_n - 1
        assert thread.last_activity_at == thread.latest
        last = thread.posts.order_by("-created_at", "-pk").first()
        assert thread.last_poster_id == last.author_id
    for board in seed_scale.synthetic_boards():
        assert board.thread_count == board.threads.count()
        assert board.post_count == Post.objects.filter(thread__board=board).count()


def test_reaction_counters_match_the_reactions():
    seed()
    for post in synthetic_posts().prefetch_related("reactions"):
        for kind in Post.Reactions.values:
            mine = [r for r in post.reactions.all() if r.kind == kind]
            assert getattr(post, f"{kind}_count") == len(mine)


def test_synthetic_data_is_marked_as_synthetic():
    seed()
    for user in seed_scale.members.synthetic_members().select_related("profile"):
        assert user.username.startswith("synthetic-")
        assert not user.has_usable_password()
        assert user.profile.bio.startswith("[Synthetic]")
        assert user.profile.display_name
    assert all(
        r.title.startswith("[Synthetic]")
        for r in Resource.objects.filter(is_synthetic=True)
    )
    programs = Program.objects.filter(slug__startswith="synthetic-")
    assert programs.exists()
    assert all("(synthetic)" in p.name for p in programs)
    assert all(
        "(synthetic)" in b.name or "(synthetic)" in b.cohort.program.label
        for b in seed_scale.synthetic_boards()
    )


def test_second_run_adds_nothing():
    seed()
    before = row_counts()
    report = seed()
    assert row_counts() == before
    assert report.members == report.resources == report.discussions.posts == 0


def test_larger_scale_tops_up_a_smaller_one():
    seed()
    bigger = seed_scale.Scale(**{**TINY.__dict__, "members": 16, "threads": 16,
                                 "posts": 160, "reactions": 60})  # fmt: skip
    seed(bigger)
    assert seed_scale.members.synthetic_members().count() == 16
    assert synthetic_threads().count() == 16
    assert synthetic_posts().count() == 160
    assert Reaction.objects.filter(post__in=synthetic_posts()).count() == 60


def test_a_public_board_has_a_thread_of_exactly_50_posts():
    seed()
    thread = synthetic_threads().filter(
        board__visibility=Board.Visibility.PUBLIC, reply_count=49
    )
    assert thread.exists()
    assert thread.first().posts.count() == 50


def test_guests_see_the_synthetic_threads_on_the_site(client):
    seed()
    thread = synthetic_threads().get(
        board__visibility=Board.Visibility.PUBLIC, reply_count=49
    )
    board_page = client.get(thread.board.get_absolute_url())
    assert board_page.status_code == 200
    assert thread.title in board_page.content.decode()
    thread_page = client.get(f"{thread.get_absolute_url()}?page=1")
    assert thread_page.content.count(b'<article class="post') == 50


def test_mentions_link_to_the_mentioned_member_profile():
    seed()
    notification = Notification.objects.filter(kind="mention").first()
    handle = notification.recipient.username
    assert f"@{handle}" in notification.post.body
    assert f'href="/community/members/{handle}/">@{handle}</a>' in (
        notification.post.body_html
    )


def test_seed_demo_scale_option_runs_the_demo_seed_then_the_scale(monkeypatch):
    monkeypatch.setitem(seed_scale.SCALES, "medium", TINY)
    out = StringIO()
    call_command("seed_demo", "--scale", "medium", stdout=out)
    assert get_user_model().objects.filter(username="maria").exists()
    assert synthetic_threads().count() == 12
    assert "Added: 12 members" in out.getvalue()
