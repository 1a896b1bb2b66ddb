"""Synthetic members in bulk: accounts, profiles, verified e-mail addresses.

Handles are synthetic-0001, synthetic-0002, ...; e-mail addresses end in
@synthetic.invalid (a domain that never receives mail); profiles say "[Synthetic]"
at the start of the bio. The accounts have an unusable password and every e-mail
setting off, so no one signs in as them and nothing is mailed to them.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import QuerySet
from django.utils import timezone

from cohorts.seed_scale import synthetic_cities
from community.models import Delivery, NotificationSettings, Profile

PREFIX = "synthetic-"
EMAIL_DOMAIN = "synthetic.invalid"
COACH_TITLE = "Racial equity coach"
COACH_ORGANIZATION = "Equity Practice Network (synthetic)"
CITY_ORGANIZATION = "City of "
COACH_EVERY = 25  # one member in 25 is a coach
FIRST_NAMES = [
    "Aisha", "Alejandro", "Amara", "Andre", "Angela", "Ben", "Camila", "Carlos",
    "Chen", "Dana", "Darius", "Diego", "Elena", "Emeka", "Fatima", "Grace", "Hana",
    "Hector", "Imani", "Isaiah", "Jamal", "Jasmine", "Jorge", "Kenji", "Keisha",
    "Laila", "Leticia", "Malik", "Maya", "Min-jun", "Nadia", "Nia", "Omar", "Priya",
    "Rafael", "Rosa", "Samuel", "Sofia", "Tamika", "Tariq", "Thanh", "Valeria",
    "Wei", "Xavier", "Yolanda", "Zainab",
]  # fmt: skip
LAST_NAMES = [
    "Abbott", "Adeyemi", "Alvarez", "Baker", "Begay", "Brooks", "Castillo", "Chavez",
    "Coleman", "Cruz", "Diallo", "Dang", "Ellis", "Flores", "Garcia", "Haddad",
    "Harris", "Jackson", "Jefferson", "Kim", "Lee", "Lopez", "Mendoza", "Morales",
    "Nakamura", "Nguyen", "Okafor", "Ortiz", "Patel", "Ramirez", "Reyes", "Robinson",
    "Sanchez", "Singh", "Tanaka", "Thompson", "Torres", "Vasquez", "Washington",
    "Williams", "Yazzie", "Young",
]  # fmt: skip
JOB_TITLES = [
    "Council member", "Equity officer", "Chief of staff", "Budget analyst",
    "Deputy city manager", "Community engagement manager", "Human resources director",
    "Housing director", "Planning director", "Public health director",
    "Policy advisor", "Mayor",
]  # fmt: skip


def member_handle(n: int) -> str:
    return f"{PREFIX}{n:04d}"


def synthetic_members() -> QuerySet:
    return get_user_model().objects.filter(
        username__startswith=PREFIX, email__endswith=f"@{EMAIL_DOMAIN}"
    )


def _number(username: str) -> int:
    return int(username.removeprefix(PREFIX))


def _names(n: int) -> tuple[str, str]:
    return FIRST_NAMES[n * 7 % len(FIRST_NAMES)], LAST_NAMES[n * 11 % len(LAST_NAMES)]


def _profile(user, cities: list[str]) -> Profile:
    n = _number(user.username)
    if n % COACH_EVERY == 1:
        title, organization = COACH_TITLE, COACH_ORGANIZATION
    else:
        # The city members take turns, so every city has its people.
        turn = n - 1 - (n + COACH_EVERY - 2) // COACH_EVERY
        title = JOB_TITLES[n % len(JOB_TITLES)]
        organization = CITY_ORGANIZATION + cities[turn % len(cities)]
    return Profile(
        user=user,
        display_name=" ".join(_names(n)),
        job_title=title,
        organization=organization,
        bio=f"[Synthetic] A made-up member of the demo data: {title.lower()}, "
        f"{organization}. Not a real person.",
    )


def members_ensure(*, count: int, cities: int) -> int:
    """Make sure members synthetic-0001 to `count` exist, each with a profile (in
    one of the first `cities` synthetic cities), a verified primary e-mail address
    and e-mail turned off; return how many accounts were added."""
    user_model = get_user_model()
    handles = [member_handle(n) for n in range(1, count + 1)]
    have = set(
        user_model.objects.filter(username__in=handles).values_list(
            "username", flat=True
        )
    )
    unusable = make_password(None)  # no hashing: they never sign in
    now = timezone.now()
    new = []
    for n, handle in enumerate(handles, start=1):
        if handle in have:
            continue
        first, last = _names(n)
        new.append(
            user_model(
                username=handle,
                email=f"{handle}@{EMAIL_DOMAIN}",
                password=unusable,
                first_name=first,
                last_name=last,
                date_joined=now - datetime.timedelta(days=n * 37 % 1095 + 1),
            )
        )
    user_model.objects.bulk_create(new, batch_size=1000)
    # Everything below skips what exists, so an interrupted run is completed.
    users = list(
        synthetic_members().filter(username__in=handles).only("username", "email")
    )
    names = [city.name for city in synthetic_cities(max(1, cities))]
    Profile.objects.bulk_create(
        (_profile(user, names) for user in users), ignore_conflicts=True
    )
    EmailAddress.objects.bulk_create(
        (
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in users
        ),
        ignore_conflicts=True,
    )
    off = dict.fromkeys(NotificationSettings.DELIVERY_FIELDS, Delivery.NEVER)
    NotificationSettings.objects.bulk_create(
        (
            NotificationSettings(
                user=user, weekly_digest=False, session_reminders=False, **off
            )
            for user in users
        ),
        ignore_conflicts=True,
    )
    return len(new)


def members_by_city() -> tuple[dict[str, list[int]], list[int], dict[int, str]]:
    """The synthetic members' ids by city name, the coaches' ids, and each city
    member's city name by id."""
    people: dict[str, list[int]] = {}
    coaches: list[int] = []
    city_of: dict[int, str] = {}
    rows = (
        Profile.objects.filter(user__in=synthetic_members())
        .order_by("user_id")
        .values_list("user_id", "job_title", "organization")
    )
    for user_id, title, organization in rows:
        if title == COACH_TITLE:
            coaches.append(user_id)
        elif organization.startswith(CITY_ORGANIZATION):
            city = organization.removeprefix(CITY_ORGANIZATION)
            people.setdefault(city, []).append(user_id)
            city_of[user_id] = city
    return people, coaches, city_of
