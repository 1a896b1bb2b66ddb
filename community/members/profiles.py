"""Writes of the community app."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from community.models import Profile


def profile_ensure(*, user: AbstractBaseUser) -> Profile:
    """Return the member's profile, creating one for accounts made elsewhere."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def profile_update(*, profile: Profile, **fields: str) -> Profile:
    for name, value in fields.items():
        setattr(profile, name, value.strip() if isinstance(value, str) else value)
    profile.full_clean()
    profile.save()
    return profile
