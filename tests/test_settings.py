"""Settings come from the environment; production settings pass the deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.environ import caches_from_url, mailers_from_url, storages_config

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-key-for-the-check-only",
    "DJANGO_ALLOWED_HOSTS": "commons.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://commons.example.org",
    "EMAIL_URL": "smtp://mailer:s3cret@mail.example.org:587?tls=1",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    # A database every PostgreSQL server has: the deploy check asks the server its
    # version (Django's check of the library's generated search column does).
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
}


def manage(*args, env):
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "EMAIL_URL", "CACHE_URL"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_deploy_check_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_secret_key_production_refuses_to_start_with_one_line():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (see .env.example)."
    ]


def test_debug_mode_without_database_url_runs_on_the_projects_own_postgres():
    # What `manage.py` does in a fresh checkout: no secret key, no DATABASE_URL.
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; from django.db import connection; "
        "connection.ensure_connection(); "
        "print(settings.DEBUG, connection.vendor, "
        "connection.cursor().connection.info.server_version // 10000, "
        "connection.settings_dict['HOST'])",
        env={"DJANGO_DEBUG": "1"},
    )
    assert result.returncode == 0, result.stderr
    debug, vendor, major, host = result.stdout.split()[-4:]
    assert (debug, vendor, major) == ("True", "postgresql", "18")
    assert host == str(ROOT / "var" / "postgres")
    assert "Traceback" not in result.stderr


def test_production_without_database_url_refuses_to_start_with_one_line():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DATABASE_URL"}
    result = manage("check", env=env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "DATABASE_URL must be set when DJANGO_DEBUG is off, e.g. "
        "postgres://commons:secret@db.internal:5432/commons (see .env.example)."
    ]


def test_a_database_url_other_than_postgres_is_refused_with_one_line():
    result = manage(
        "check", env=PRODUCTION_ENV | {"DATABASE_URL": "mysql://db.internal/commons"}
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "DATABASE_URL must be a postgres:// URL, not 'mysql://db.internal/commons'."
    ]


def test_in_debug_mode_each_log_line_is_printed_once():
    result = manage(
        "shell",
        "-c",
        "import logging; logging.getLogger('django.request').warning('one line')",
        env={"DJANGO_DEBUG": "1", "DATABASE_URL": PRODUCTION_ENV["DATABASE_URL"]},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines().count("one line") == 1


def test_postgres_url_uses_the_pool_with_health_checks():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['CONN_HEALTH_CHECKS'], d['CONN_MAX_AGE'], "
        "d['OPTIONS']['pool']['timeout'])",
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    engine, health, max_age, timeout = result.stdout.split()[-4:]
    assert engine == "django.db.backends.postgresql"
    assert health == "True"
    assert max_age == "0"
    # Well under gunicorn's 30 s worker timeout.
    assert float(timeout) <= 15


def test_email_url_smtp_with_starttls():
    mailer = mailers_from_url("smtp://user%40x:p%2Fss@mail.example.org:587?tls=1")
    assert mailer["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    options = mailer["default"]["OPTIONS"]
    assert options["host"] == "mail.example.org"
    assert options["port"] == 587
    assert options["username"] == "user@x"
    assert options["password"] == "p/ss"
    assert options["use_tls"] is True
    assert options["use_ssl"] is False


def test_email_url_smtps_uses_ssl_on_465():
    options = mailers_from_url("smtps://mail.example.org")["default"]["OPTIONS"]
    assert (options["port"], options["use_ssl"], options["use_tls"]) == (
        465,
        True,
        False,
    )


def test_email_unset_prints_to_console():
    assert mailers_from_url("") == {
        "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    }


def test_cache_url_redis_or_local_memory():
    assert caches_from_url("redis://127.0.0.1:6379/1")["default"]["BACKEND"] == (
        "core.cache.ForgivingRedisCache"
    )
    assert caches_from_url("")["default"]["BACKEND"] == (
        "django.core.cache.backends.locmem.LocMemCache"
    )


@pytest.mark.parametrize("url", ["memcached://127.0.0.1:11211", "nonsense"])
def test_unknown_cache_url_stops_with_a_message(url):
    with pytest.raises(SystemExit, match="CACHE_URL must be a redis:// URL or unset"):
        caches_from_url(url)


def test_unknown_email_scheme_stops_with_a_message():
    with pytest.raises(SystemExit, match="EMAIL_URL has an unknown scheme"):
        mailers_from_url("ftp://mail.example.org")


def test_uploaded_files_stay_on_disk_without_a_bucket(monkeypatch, tmp_path):
    monkeypatch.delenv("DJANGO_S3_BUCKET", raising=False)
    config = storages_config(debug=False, private_root=tmp_path)
    assert config["default"]["BACKEND"].endswith("FileSystemStorage")
    # Private files are never under MEDIA_ROOT nor given an address of their own.
    assert config["private"]["BACKEND"] == "core.storage.PrivateFileSystemStorage"
    assert config["private"]["OPTIONS"] == {"location": tmp_path}


def test_with_a_bucket_private_files_get_short_signed_addresses(monkeypatch, tmp_path):
    monkeypatch.setenv("DJANGO_S3_BUCKET", "commons-files")
    monkeypatch.setenv("DJANGO_S3_ENDPOINT_URL", "https://s3.example.org")
    config = storages_config(debug=False, private_root=tmp_path)
    public, private = config["default"], config["private"]
    assert public["BACKEND"] == private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert public["OPTIONS"]["location"] == "public"
    assert public["OPTIONS"]["querystring_auth"] is False
    assert private["OPTIONS"]["location"] == "private"
    assert private["OPTIONS"]["querystring_auth"] is True
    assert private["OPTIONS"]["querystring_expire"] == 300
    assert private["OPTIONS"]["default_acl"] == "private"
    assert private["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
