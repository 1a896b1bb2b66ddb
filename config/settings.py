"""Settings for every environment, read from the environment (see .env.example)."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from core.environ import (
    caches_from_url,
    env_bool,
    env_list,
    mailers_from_url,
    storages_config,
)
from core.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


# --- Core -----------------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        sys.exit(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (see .env.example)."
        )
    SECRET_KEY = "development-only-key-never-used-when-DJANGO_DEBUG-is-off"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else ""
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

SITE_NAME = os.environ.get("SITE_NAME", "").strip() or "Equity Commons"
# Where the help page (/help/) tells people to write to a person; none when unset.
SITE_CONTACT_EMAIL = os.environ.get("SITE_CONTACT_EMAIL", "").strip()
# Links in e-mails sent by the worker, which has no request to read the host from.
SITE_URL = (
    os.environ.get("SITE_URL", "").strip().rstrip("/")
    or (f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS and not DEBUG else "")
    or "http://127.0.0.1:8000"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.forms",  # its form templates, for FORM_RENDERER below
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "taggit",
    "config.apps.TasksConfig",  # django_tasks_db, its name translated
    # Ours, in dependency order: core <- resources <- cohorts <- community <- pages.
    "core",
    "resources",
    "cohorts",
    "community",
    "pages",
]

MIDDLEWARE = [
    "core.outages.DatabaseOutageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "community.members.language.MemberLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "community.members.middleware.StaffSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.site",
            ],
        },
    },
    {
        # Partials repeated many times on a page (core/jinja_env.py), rendered
        # with using="jinja2"; pages themselves are the Django templates above.
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "core.jinja_env.environment"},
    },
]

# --- Database -------------------------------------------------------------------------

DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if not DATABASE_URL:
    if not DEBUG:
        sys.exit(
            "DATABASE_URL must be set when DJANGO_DEBUG is off, e.g. "
            "postgres://commons:secret@db.internal:5432/commons (see .env.example)."
        )
    # Development: the project's own PostgreSQL in var/postgres (core/devdb.py).
    from core import devdb

    DATABASE_URL = devdb.database_url()
if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
    sys.exit(f"DATABASE_URL must be a postgres:// URL, not {DATABASE_URL!r}.")
database = dj_database_url.parse(DATABASE_URL, conn_max_age=0, conn_health_checks=True)
# One pool per process (gunicorn worker). A sync worker serves one request at a
# time, so it waits for a connection only when the database is away: then the
# page answers 503 within the timeout (core/outages.py) instead of tying the
# worker up.
database.setdefault("OPTIONS", {})["pool"] = {
    "min_size": int(os.environ.get("DATABASE_POOL_MIN", 1)),
    "max_size": int(os.environ.get("DATABASE_POOL_MAX", 8)),
    "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", 2)),
}
# A server that does not answer at all (a dropped packet, not a refusal).
database["OPTIONS"].setdefault("connect_timeout", 2)
# Parameters bound by the server, and a statement run a second time on a
# connection prepared there: PostgreSQL plans it once, not on every request
# (planning a member's own row with its five subqueries took 1.5 ms, running it
# 0.3). Not behind a pooler in transaction mode (PgBouncer): its connections
# change hands between statements.
if env_bool("DATABASE_PREPARED", default=True):
    database["OPTIONS"]["server_side_binding"] = True
    database["OPTIONS"]["prepare_threshold"] = 2
DATABASES = {"default": database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions ------------------------------------------------------------------

CACHES = caches_from_url(os.environ.get("CACHE_URL", "").strip())
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Guests' whole pages kept in the cache under the versions of what they show
# (core/page_cache.py, core/versions.py); off only to measure the pages' own
# cost (bench/load.py --no-page-cache).
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", True)

# --- Authentication (django-allauth) --------------------------------------------------

AUTHENTICATION_BACKENDS = [
    # Django's and allauth's, each loading the member's profile with the member.
    "community.members.auth_backends.AdminBackend",
    "community.members.auth_backends.MemberBackend",
]
_validators = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_validators}.UserAttributeSimilarityValidator"},
    {
        "NAME": f"{_validators}.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": f"{_validators}.CommonPasswordValidator"},
    {"NAME": f"{_validators}.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "community.members.forms.SignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_VALIDATORS = "community.members.validators.handle_validators"
ACCOUNT_USERNAME_BLACKLIST = [
    "admin",
    "administrator",
    "moderator",
    "staff",
    "support",
    "root",
    "system",
    "everyone",
    "all",
    "here",
]
# Before a sensitive change, members prove it is them the way they sign in: with
# their password (and a second factor where they have one), never by a code
# e-mailed to an address whoever holds the session may also read.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
# Changing an e-mail address (and, in allauth.mfa, adding or removing a factor)
# asks for the password again after this many seconds since the last time.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# A second factor for every member who wants one; staff must have one
# (community.members.middleware). Passkeys as a second factor, not to sign in alone.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = SITE_NAME
# One 30-second step either side: a phone whose clock is a little off still works.
MFA_TOTP_TOLERANCE = 1
# Browsers allow WebAuthn on http://localhost only: the demo's plain HTTP.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_ADAPTER = "community.members.adapters.AccountAdapter"
# Rate limits are allauth's defaults (they need the real cache configured above).
# The number of proxies in front decides which address a limit applies to: 0 (the
# default) trusts no X-Forwarded-For, which a client talking straight to the app
# server could forge anew on every try; behind one proxy (nginx, a load
# balancer), set it to 1: the address that proxy saw.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", 0))

# --- E-mail ---------------------------------------------------------------------------

MAILERS = mailers_from_url(os.environ.get("EMAIL_URL", "").strip())
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", f"{SITE_NAME} <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks ----------------------------------------------------------------

# Tasks are rows in the database; `manage.py run_worker` (one more process) runs
# them, so a queued e-mail survives a restart of the web server and of the worker.
# The tests run every task at once (tests/conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Internationalisation -------------------------------------------------------------

# English first; Spanish for members who choose it and guests whose browser asks for
# it (Accept-Language). URLs are the same in both (no language prefix).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
# The site's catalog, then its Spanish for what its packages leave untranslated.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "upstream"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# How each language writes dates, times and numbers, by name (config/formats/).
FORMAT_MODULE_PATH = "config.formats"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------

# Forms find their templates where pages do (templates/), beside Django's own.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Outside MEDIA_ROOT: files served only after a permission check (attachments).
PRIVATE_ROOT = Path(os.environ.get("DJANGO_PRIVATE_ROOT", BASE_DIR / "var" / "private"))
STORAGES = storages_config(debug=DEBUG, private_root=PRIVATE_ROOT)

# --- Security -------------------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = not DEBUG and env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Links in e-mails use the scheme the site is served with.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SECURE_SSL_REDIRECT else "http"
SECURE_HSTS_SECONDS = 0 if DEBUG else 63_072_000  # two years
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Only the site's own scripts, styles, images and fonts; inline scripts need the nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

# --- Logging --------------------------------------------------------------------------

LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO")
LOGGING = logging_config(LOG_LEVEL)
