"""The Jinja2 partials' filters write what Django's own would."""

import random
from datetime import datetime, timedelta

from django.contrib.humanize.templatetags import humanize
from django.utils import timezone, translation

from core.jinja_env import naturaltime


def test_naturaltime_remembered_says_what_djangos_says_as_time_goes_on(monkeypatch):
    rng = random.Random(7)
    start = timezone.now()
    moments = [
        start
        - timedelta(seconds=rng.randint(-90_000, 3 * 365 * 86_400))
        - timedelta(microseconds=rng.randint(0, 999_999))
        for _ in range(2_000)
    ]
    # Later and later: what was remembered an hour ago must not be said now.
    for later in (0, 1, 59 * 60, 3_600, 5 * 3_600 + 7, 86_400 * 31):
        at = start + timedelta(seconds=later)

        class Clock(datetime):
            moment = at

            @classmethod
            def now(cls, tz=None):
                return cls.moment.astimezone(tz)

        monkeypatch.setattr(humanize, "datetime", Clock)
        monkeypatch.setattr(timezone, "now", lambda at=at: at)
        for language in ("en", "es"):
            with translation.override(language):
                expected = [humanize.naturaltime(m) for m in moments]
                assert [naturaltime(m) for m in moments] == expected
    assert naturaltime("not a date") == "not a date"
