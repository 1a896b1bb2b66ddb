"""Moments are written out (date and time in the site's time zone), the same for
every viewer and every kept copy; the browser shows recent ones relatively."""

from datetime import UTC, datetime

from django.template import Context, Template
from django.utils import translation

from core.jinja_env import environment
from core.moments import moment

NOON_UTC = datetime(2026, 3, 5, 17, 4, tzinfo=UTC)


def test_a_moment_is_its_date_and_time_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "America/New_York"
    with translation.override("en"):
        assert moment(NOON_UTC) == (
            '<time datetime="2026-03-05T12:04:00-05:00" data-ago>'
            "March 5, 2026, 12:04 p.m.</time>"
        )


def test_django_and_jinja_templates_write_the_same(settings):
    with translation.override("en"):
        django = Template("{% load moments %}{{ when|moment }}").render(
            Context({"when": NOON_UTC})
        )
        jinja = environment().from_string("{{ when|moment }}").render(when=NOON_UTC)
    assert django == jinja == moment(NOON_UTC)


def test_a_moment_is_written_in_the_readers_language():
    with translation.override("es"):
        assert "de marzo de 2026" in moment(NOON_UTC)


def test_nothing_is_written_for_no_moment():
    assert moment(None) == ""
