import os

import django

# The settings refuse to start without a secret key when DEBUG is off, as in
# production; the tests get a throwaway one before the settings are read.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault(
    "DJANGO_SECRET_KEY", "test-only-secret-key-not-for-any-deployment"
)
# The test server speaks plain HTTP (production redirects to HTTPS).
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
# Playwright's sync API runs an event loop in the test thread; the ORM must still work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Without DATABASE_URL the suite runs on the project's own PostgreSQL (the one
# `make run` uses; pytest-django makes its own test database there).
if not os.environ.get("DATABASE_URL", "").strip():
    from core import devdb

    os.environ["DATABASE_URL"] = devdb.database_url()
django.setup()

import io  # noqa: E402
import logging  # noqa: E402

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import translation  # noqa: E402

from core import versions  # noqa: E402
from tests.client import Client  # noqa: E402
from tests.factories import UserFactory  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _test_only_settings(tmp_path_factory):
    # Hashed names need collectstatic's manifest; tests serve from the finders.
    # Private files (attachments, the library's files) go to a folder of the run's own.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "core.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path_factory.mktemp("private")},
        },
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    # A fast hasher: the tests create many accounts; production keeps Django's default.
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run at once, inside the test; one test runs the real worker instead.
    tasks = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(STORAGES=storages, PASSWORD_HASHERS=hashers, TASKS=tasks):
        yield


@pytest.fixture(autouse=True)
def _versions_move_at_once(request, monkeypatch):
    """The tests' own transaction never commits, so versions (core/versions.py)
    move at once in it instead of on commit: they are rows of that transaction,
    which nothing outside it sees either. Tests marked versions_on_commit
    (tests/test_cache_correctness.py) commit for real and keep the real way."""
    if request.node.get_closest_marker("versions_on_commit"):
        return
    changed = versions.changed

    def at_once(*scopes, **kwargs):
        changed(*scopes, **kwargs)
        versions.flush()

    monkeypatch.setattr(versions, "changed", at_once)


@pytest.fixture(autouse=True)
def _language_of_its_own():
    """A test that reads a page in Spanish leaves Spanish active in the thread
    (the middleware activates each request's language): the next test, which may
    call a service outside any request, starts in the site's own language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _one_minute(monkeypatch):
    """A guest's kept page is keyed on the minute it was made in
    (core/page_cache.py): a test's requests are all made in one, as if none ran
    across the turn of a minute (one did in CI, and its second request was made
    afresh). tests/test_page_cache.py moves to the next minute itself."""
    from core import page_cache

    period = page_cache._period()
    monkeypatch.setattr(page_cache, "_period", lambda: period)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache; one test must not spend another's budget.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def console_log():
    """What the site's log handler prints (to stderr in production), as text."""
    from core.logs import RefusalsInOneLine

    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RefusalsInOneLine) for f in handler.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.fixture
def client(django_capture_on_commit_callbacks):
    """The tests' client (tests/client.py), whose requests' e-mails go out as the
    worker sends them in production: when the request's transaction commits (the
    tests' own transaction never commits)."""
    client = Client()
    request = client.request

    def request_then_commit(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(**kwargs)

    client.request = request_then_commit
    return client


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's superuser client, signed in as staff sign in: with a
    second factor (tests/client.py)."""
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.fixture
def member(db):
    return UserFactory(username="maria", profile__display_name="Maria Lopez")


@pytest.fixture
def other_member(db):
    return UserFactory(username="james", profile__display_name="James Carter")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def moderator_user(db):
    from django.contrib.auth.models import Group

    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def staff_only_board(db):
    from tests.factories import BoardFactory

    return BoardFactory(slug="cohort-board", visibility="cohort")
