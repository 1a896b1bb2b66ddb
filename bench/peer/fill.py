"""Fill the peer forum (django-spirit) with data the size of this project's
`seed_demo --scale large` discussions: 2,000 members, 5,000 topics and 100,000
comments, in bulk, with the same 50 comments per page. Run by bench/peer.py in
the peer's own virtualenv; does nothing when the data is there.

Comments are spread over topics as unevenly as ours (a few long topics, many
short), each a few sentences of Markdown rendered to HTML as Spirit stores it.
"""

import os
import random
from datetime import timedelta

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from spirit.admin.forms import BasicConfigForm  # noqa: E402
from spirit.category.models import Category  # noqa: E402
from spirit.comment.models import Comment  # noqa: E402
from spirit.topic.models import Topic  # noqa: E402
from spirit.user.models import UserProfile  # noqa: E402

MEMBERS = int(os.environ.get("PEER_MEMBERS", 2_000))
TOPICS = int(os.environ.get("PEER_TOPICS", 5_000))
COMMENTS = int(os.environ.get("PEER_COMMENTS", 100_000))
PER_PAGE = int(os.environ.get("PEER_PER_PAGE", 50))
WORDS = [
    "budget",
    "equity",
    "housing",
    "transit",
    "council",
    "resolution",
    "community",
    "data",
    "ordinance",
    "neighborhood",
    "outreach",
    "staff",
    "training",
    "plan",
    "city",
    "county",
    "residents",
    "access",
    "wages",
    "health",
    "parks",
    "zoning",
    "lanes",
    "survey",
    "results",
    "meeting",
    "agenda",
    "report",
]


def sentence(rng) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 18))).capitalize()


def configure() -> None:
    """Spirit's settings as ours: PER_PAGE comments and 30 topics a page."""
    config = BasicConfigForm()
    data = {name: field.initial for name, field in config.fields.items()}
    data.update(comments_per_page=PER_PAGE, topics_per_page=30)
    form = BasicConfigForm(data=data)
    assert form.is_valid(), form.errors
    form.save()


def add_members(now) -> list:
    """MEMBERS verified members, all with the password PEER_PASSWORD."""
    User = get_user_model()
    password = make_password(os.environ["PEER_PASSWORD"])
    users = User.objects.bulk_create(
        User(
            username=f"member{n}",
            email=f"member{n}@example.org",
            password=password,
            date_joined=now - timedelta(days=400),
        )
        for n in range(MEMBERS)
    )
    UserProfile.objects.bulk_create(
        UserProfile(user=user, nickname=user.username, is_verified=True)
        for user in users
    )
    return users


def add_topics(rng, users, now) -> list:
    """TOPICS topics in one category, by random members."""
    category = Category.objects.create(
        title="Open forum", description="Everyone reads and posts here."
    )
    return Topic.objects.bulk_create(
        Topic(
            user=rng.choice(users),
            category=category,
            title=f"{sentence(rng)[:60]} {n}",
            slug=f"topic-{n}",
            date=now - timedelta(days=300),
            last_active=now - timedelta(minutes=n),
        )
        for n in range(TOPICS)
    )


def add_comments(rng, users, topics) -> None:
    """COMMENTS comments, spread over the topics, and each topic's count."""
    # Uneven like ours: every topic has one, the rest go mostly to a few.
    weights = [1 / (rank + 1) ** 0.8 for rank in range(TOPICS)]
    counts = [1] * TOPICS
    for index in rng.choices(range(TOPICS), weights, k=COMMENTS - TOPICS):
        counts[index] += 1
    batch = []
    for topic, count in zip(topics, counts, strict=True):
        for n in range(count):
            text = f"{sentence(rng)}. {sentence(rng)}."
            batch.append(
                Comment(
                    user=rng.choice(users),
                    topic=topic,
                    comment=text,
                    comment_html=f"<p>{text}</p>",
                    date=topic.date + timedelta(minutes=n),
                )
            )
        if len(batch) >= 5_000:
            Comment.objects.bulk_create(batch)
            batch = []
    Comment.objects.bulk_create(batch)
    for topic, count in zip(topics, counts, strict=True):
        topic.comment_count = count
    Topic.objects.bulk_update(topics, ["comment_count"], batch_size=1_000)


def main() -> None:
    if Comment.objects.count() >= COMMENTS:
        print(f"The peer has its data: {Comment.objects.count():,} comments.")
        return
    rng = random.Random(15)
    now = timezone.now()
    configure()
    with transaction.atomic():
        users = add_members(now)
        topics = add_topics(rng, users, now)
        add_comments(rng, users, topics)
    print(
        f"Filled the peer: {MEMBERS:,} members, {TOPICS:,} topics, "
        f"{COMMENTS:,} comments."
    )


if __name__ == "__main__":
    main()
