"""Production settings for bench/load.py's gunicorn, served over plain HTTP.

Everything else comes from config.settings and the environment, as in production
(DJANGO_SECURE_SSL_REDIRECT=0 turns the HTTPS redirect off). Only what has no
environment variable is changed here.
"""

import os
from pathlib import Path

from config.settings import *  # noqa: F403

# Secure cookies are never sent back over plain HTTP by a browser.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# collectstatic's output goes to the benchmark's temporary directory.
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])

# The site's URLs plus /bench/ceiling/.
ROOT_URLCONF = "bench.urls"
