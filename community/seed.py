"""Demo accounts for the staff roles and two members (part of seed_demo)."""

import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from community import roles
from community.services import profile_ensure, profile_update


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
