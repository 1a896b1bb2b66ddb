from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from core.avatars import avatar_html

# The sizes an avatar is kept at, in pixels (square WebP): shown beside posts,
# in the header and the directory (small, at 40 CSS pixels or less), and on the
# profile (large, at 160).
AVATAR_SIDES = {"small": 96, "large": 256}


def avatar_path(profile: "Profile", filename: str) -> str:
    """avatars/<member>/<random>-<side>.webp: a new name for each upload, so a
    new photo is never hidden by a browser's or a CDN's copy of the old."""
    side = filename.rsplit("-", 1)[-1]
    return f"avatars/{profile.user_id}/{get_random_string(12)}-{side}"


class Profile(models.Model):
    """What a member shows of themselves; the handle is the user's username."""

    class ColorScheme(models.TextChoices):
        SYSTEM = "", _("As my device is set (light or dark)")
        LIGHT = "light", _("Light: dark text on white")
        DARK = "dark", _("Dark: light text on a dark background")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    display_name = models.CharField(_("name"), max_length=120, blank=True)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    organization = models.CharField(
        _("organization"),
        max_length=160,
        blank=True,
        help_text=_("Your city or agency, e.g. City of Long Beach."),
    )
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    in_directory = models.BooleanField(
        _("list me in the member directory"),
        default=True,
        help_text=_(
            "Signed-in members find you under Members and in the search. Your "
            "profile page and posts stay where they are either way."
        ),
    )
    details_public = models.BooleanField(
        _("show my title, organization and bio to everyone"),
        default=False,
        help_text=_(
            "Off: visitors who are not signed in see only your name and your "
            "posts on public boards."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The site's pages and the e-mails it sends you. Empty: your browser's."
        ),
    )
    color_scheme = models.CharField(
        _("light or dark pages"),
        max_length=8,
        choices=ColorScheme.choices,
        blank=True,
        default=ColorScheme.SYSTEM,
        help_text=_(
            "Many devices switch by themselves, e.g. at night. A choice here holds "
            "on every device you sign in on."
        ),
    )
    avatar_small = models.ImageField(
        _("photo (small)"), upload_to=avatar_path, blank=True, editable=False
    )
    avatar_large = models.ImageField(
        _("photo"), upload_to=avatar_path, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        # The directory's search (icontains: UPPER(...) LIKE) reads trigrams, not
        # every profile (community/members/selectors.py).
        indexes = [
            GinIndex(
                OpClass(Upper(field), name="gin_trgm_ops"),
                name=f"profile_{field}_trgm",
                fastupdate=False,
            )
            for field in ("display_name", "organization")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:profile_detail", args=[self.user.username])

    @property
    def name(self) -> str:
        return self.display_name or self.user.username


def avatar(user, size: str = "small") -> SafeString:
    """The member's avatar (core.avatars): their photo at this size, or their
    initials. Reads user.profile, which the caller loads with the user."""
    profile = getattr(user, "profile", None) if user is not None else None
    photo = getattr(profile, f"avatar_{size}", None) if profile else None
    name = (profile.display_name if profile else "") or getattr(user, "username", "")
    return avatar_html(
        name=name,
        key=getattr(user, "pk", 0) or 0,
        url=photo.url if photo else "",
        size=size,
    )


def chosen_language(user) -> str:
    """The language the member chose for pages and e-mails; "" for none (and for
    no member: an account e-mail to an address of no account)."""
    if user is None:
        return ""
    try:
        return user.profile.language
    except ObjectDoesNotExist:
        return ""


def language_of(user) -> str:
    """The language the member chose for pages and e-mails, else the site's."""
    return chosen_language(user) or settings.LANGUAGE_CODE
