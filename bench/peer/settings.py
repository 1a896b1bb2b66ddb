"""The peer forum's settings: the project `spirit startproject` made (its own
defaults, bench/peer/site/), run as in production and as this project's
benchmark runs: debug off, PostgreSQL, Redis for the cache and rate limits, the
same number of posts per page (set by fill.py)."""

import os

from peer.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["PEER_SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ST_SITE_URL = "http://127.0.0.1/"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["PEER_DATABASE_NAME"],
        "USER": os.environ.get("PEER_DATABASE_USER", "postgres"),
        "HOST": os.environ["PEER_DATABASE_HOST"],
        "PORT": os.environ.get("PEER_DATABASE_PORT", "5432"),
        "CONN_MAX_AGE": 60,
    }
}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["PEER_CACHE_URL"],
        "KEY_PREFIX": "peer",
    },
    "st_rate_limit": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["PEER_CACHE_URL"],
        "KEY_PREFIX": "peer-rl",
        "TIMEOUT": None,
    },
}
STATIC_ROOT = os.environ.get("PEER_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
LOGGING = {
    "version": 1,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
