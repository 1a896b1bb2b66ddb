"""Signed links that change one e-mail setting without signing in."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "community.unsubscribe"
# Long enough for a digest found in an inbox weeks later.
MAX_AGE = timedelta(days=120)


def unsubscribe_token(user, setting: str) -> str:
    return signing.dumps({"u": user.pk, "s": setting}, salt=SALT)


def unsubscribe_url(user, setting: str) -> str:
    token = unsubscribe_token(user, setting)
    return settings.SITE_URL + reverse("community:unsubscribe", args=[token])


def unsubscribe_read(token: str) -> tuple[int, str]:
    """The user id and setting the token names; raises signing.SignatureExpired for
    an old token and signing.BadSignature for a tampered one."""
    data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    if not isinstance(data, dict) or not {"u", "s"} <= data.keys():
        raise signing.BadSignature("Unexpected content")
    return int(data["u"]), str(data["s"])
