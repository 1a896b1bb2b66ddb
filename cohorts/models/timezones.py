import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UNKNOWN_TIME_ZONE = _(
    "“%(value)s” is not a time zone we know. Use a name such as America/Chicago."
)


@cache
def known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in known_time_zones():
        raise ValidationError(
            UNKNOWN_TIME_ZONE, code="time_zone", params={"value": value}
        )
