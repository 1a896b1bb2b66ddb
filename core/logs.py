"""Log records as an operator reads them: a refusal in one line, an error in full."""

import logging


class RefusalsInOneLine(logging.Filter):
    """Drop the traceback from a request's 4xx record.

    Django logs a 403 (PermissionDenied) or a 400 with the exception that caused
    it; a refusal is expected behaviour, and its traceback hides the real errors.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True


def logging_config(level: str) -> dict:
    """Settings' LOGGING: everything to the console at `level`, refusals in one
    line, the database's chatter kept down."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"refusals_in_one_line": {"()": "core.logs.RefusalsInOneLine"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["refusals_in_one_line"],
            }
        },
        "root": {
            "handlers": ["console"],
            "level": level,
        },
        "loggers": {
            # Without handlers of its own: Django's console handler (in debug mode)
            # would print each line a second time beside the root's.
            "django": {"handlers": [], "level": level},
            "django.db.backends": {"level": "WARNING"},
            # Its pool warns at every failed reconnection while the database is away;
            # the site and the worker say it once per outage (core/outages.py).
            "psycopg.pool": {"level": "ERROR"},
        },
    }
