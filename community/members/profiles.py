"""Writes of a member's profile: its fields and its photo."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from community.models import Profile
from community.models.profiles import AVATAR_SIDES
from core import images


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


def profile_language_set(*, user: AbstractBaseUser, language: str) -> Profile:
    """The language the member's pages and e-mails are in ("" for the browser's)."""
    profile = profile_ensure(user=user)
    profile.language = language
    profile.full_clean(validate_unique=False, validate_constraints=False)
    profile.save(update_fields=["language"])
    return profile


@transaction.atomic
def avatar_set(*, profile: Profile, picture: images.Picture) -> Profile:
    """Keep the member's new photo at each size it is shown at (resized now,
    once), and drop the old one's files once this is committed."""
    old = _avatar_files(profile)
    for size, side in AVATAR_SIDES.items():
        getattr(profile, f"avatar_{size}").save(
            f"avatar-{side}.webp", images.square(picture, side), save=False
        )
    profile.save(update_fields=["avatar_small", "avatar_large", "updated_at"])
    transaction.on_commit(lambda: _delete(old))
    return profile


@transaction.atomic
def avatar_remove(*, profile: Profile) -> Profile:
    """Back to the member's initials; the photo's files go."""
    old = _avatar_files(profile)
    if old:
        profile.avatar_small = profile.avatar_large = ""
        profile.save(update_fields=["avatar_small", "avatar_large", "updated_at"])
        transaction.on_commit(lambda: _delete(old))
    return profile


def _avatar_files(profile: Profile) -> list:
    return [
        (field.storage, field.name)
        for field in (profile.avatar_small, profile.avatar_large)
        if field
    ]


def _delete(files) -> None:
    for storage, name in files:
        storage.delete(name)
