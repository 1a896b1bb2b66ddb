"""Demo accounts for the staff roles and two members (part of seed_demo)."""

import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from community import roles
from community.members.profiles import profile_ensure, profile_update
from community.models import Board


@dataclass(frozen=True)
class DemoAccount:
    username: str
    email: str
    display_name: str
    job_title: str
    organization: str
    group: str | None = None


DEMO_ACCOUNTS = [
    DemoAccount(
        "curator",
        "curator@example.org",
        "Dana Curator",
        "Resource curator",
        "League staff",
        roles.CURATORS,
    ),
    DemoAccount(
        "moderator",
        "moderator@example.org",
        "Sam Moderator",
        "Community manager",
        "League staff",
        roles.MODERATORS,
    ),
    DemoAccount(
        "programstaff",
        "programstaff@example.org",
        "Alex Program",
        "Program manager",
        "League staff",
        roles.PROGRAM_STAFF,
    ),
    DemoAccount(
        "coach",
        "coach@example.org",
        "Robin Hayes",
        "Racial equity coach",
        "National League of Cities",
    ),
    DemoAccount(
        "maria",
        "maria@example.org",
        "Maria Lopez",
        "Equity officer",
        "City of Long Beach",
    ),
    DemoAccount(
        "james",
        "james@example.org",
        "James Carter",
        "Council member",
        "City of Wichita",
    ),
]


@transaction.atomic
def seed_accounts(
    *, reset_passwords: bool = False
) -> list[tuple[str, str, str | None]]:
    """Create the missing demo accounts; return (handle, e-mail, new password)."""
    user_model = get_user_model()
    created = []
    for account in DEMO_ACCOUNTS:
        user, is_new = user_model.objects.get_or_create(
            username=account.username,
            defaults={"email": account.email, "is_staff": account.group is not None},
        )
        password = None
        if is_new or reset_passwords:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        profile = profile_ensure(user=user)
        if is_new:
            profile_update(
                profile=profile,
                display_name=account.display_name,
                job_title=account.job_title,
                organization=account.organization,
            )
        if account.group:
            user.groups.add(Group.objects.get(name=account.group))
        if password:
            created.append((account.username, account.email, password))
    return created


BOARDS = [
    {
        "slug": "announcements",
        "name": "Announcements",
        "description": "News from the league and its programs. Anyone can read.",
        "visibility": Board.Visibility.PUBLIC,
        "new_threads": Board.NewThreads.STAFF,
        "position": 0,
    },
    {
        "slug": "introductions",
        "name": "Introductions",
        "description": "New here? Tell colleagues who you are and what you work on.",
        "position": 1,
    },
    {
        "slug": "share-a-resource",
        "name": "Share a resource",
        "description": "Webinars, templates and reports that helped your city.",
        "position": 2,
    },
    {
        "slug": "ask-the-community",
        "name": "Ask the community",
        "description": "Questions for city leaders doing the same work.",
        "position": 3,
        "kind": "questions",
    },
]

# The private board opened with the 2018 cohort (seeded by cohorts.seed).
COHORT_BOARD = "cohort:racial-equity-racial-healing/2018"

STARTER_THREADS = [
    {
        "board": "announcements",
        "author": "programstaff",
        "title": "Six cities join the Cities for Racial Equity and Racial Healing "
        "initiative",
        "body": "The National League of Cities' REAL initiative selected six cities "
        "for its 15-month Cities for Racial Equity and Racial Healing Technical "
        "Assistance Initiative: Charlotte, Long Beach, Pittsburgh, Rochester, Saint "
        "Paul and Wichita.\n\nEach city meets with NLC for a cross-site convening, "
        "site visits and a mayors' leadership academy, with coaching calls and "
        "webinars in between. The program is supported by the W.K. Kellogg "
        "Foundation.",
        "topics": ["cohorts", "racial healing"],
        "resources": ["nlc-selects-six-cities-racial-equity-racial-healing-2018"],
        "replies": [],
    },
    {
        "board": "introductions",
        "author": "moderator",
        "title": "Welcome: introduce yourself",
        "body": "Tell us your name, your city or agency, and one thing you are "
        "working on to advance racial equity.",
        "topics": [],
        "resources": [],
        "replies": [
            (
                "maria",
                "Maria, equity officer in Long Beach. We are drafting our "
                "first racial equity action plan and would love to compare notes.",
            ),
        ],
    },
    {
        "board": "share-a-resource",
        "author": "maria",
        "title": "The Racial Equity Resolution template",
        "body": "NLC's Racial Equity Resolution gives a template and talking points "
        "on why pursuing equity is good for local government. We are adapting it "
        "for our council; has anyone passed one?",
        "topics": ["resolutions"],
        "resources": ["racial-equity-resolution"],
        "replies": [
            (
                "james",
                "@maria we used the talking points in a study session before "
                "our vote. Happy to share what questions came up.",
            ),
        ],
    },
    {
        "board": "ask-the-community",
        "author": "james",
        "title": "Where do you start with city staff?",
        "body": "For cities early in this work: did you start with training, a "
        "resolution, or an assessment of your policies? The Cal Cities webinar "
        "“Advancing Racial Equity: An Introduction” was a good first step for us.",
        "topics": ["getting started"],
        "resources": ["advancing-racial-equity-an-introduction"],
        "replies": [
            (
                "maria",
                "We started with training for department heads, then an assessment "
                "of two policies that touch residents most: hiring and "
                "code enforcement. The resolution came after, with results to "
                "point to.",
            ),
        ],
        # The asker marked Maria's reply as the answer.
        "answer": 0,
    },
    {
        "board": COHORT_BOARD,
        "author": "coach",
        "title": "Before the cross-site convening: your city's starting point",
        "body": "Welcome to the 2018 cohort's private board: only the six cities' "
        "participants, your coaches and program staff read it.\n\nBefore we meet, "
        "post two or three lines on where your city starts: a resolution, an equity "
        "office, a first assessment of policies?",
        "topics": ["cohorts"],
        "resources": ["racial-equity-resolution"],
        "replies": [
            (
                "maria",
                "Long Beach: we have an equity office and are drafting our first "
                "action plan.",
            ),
        ],
    },
]


def seed_board() -> int:
    """Create the boards and starter threads that are missing; return new threads."""
    from community.discussions.answers import answer_mark
    from community.discussions.services import post_create, thread_create
    from resources.models import Resource

    boards = {}
    for data in BOARDS:
        boards[data["slug"]], _ = Board.objects.get_or_create(
            slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"}
        )
    program_slug, cohort_slug = COHORT_BOARD.removeprefix("cohort:").split("/")
    cohort_board = Board.objects.filter(
        cohort__program__slug=program_slug, cohort__slug=cohort_slug
    ).first()
    if cohort_board:
        boards[COHORT_BOARD] = cohort_board
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=[a.username for a in DEMO_ACCOUNTS])}  # fmt: skip
    created = 0
    for data in STARTER_THREADS:
        author = users.get(data["author"])
        board = boards.get(data["board"])
        if (
            author is None
            or board is None
            or board.threads.filter(title=data["title"]).exists()
        ):
            continue
        thread = thread_create(
            board=board,
            author=author,
            title=data["title"],
            body=data["body"],
            topics=data["topics"],
            resources=list(Resource.objects.filter(slug__in=data["resources"])),
        )
        replies = [
            post_create(thread=thread, author=users[handle], body=body)
            for handle, body in data["replies"]
            if handle in users
        ]
        if "answer" in data and data["answer"] < len(replies):
            answer_mark(post=replies[data["answer"]], user=author)
        created += 1
    return created
