"""Reading the settings' values from environment variables: switches, lists,
and the URLs of the mail relay and the cache (config/settings.py uses these)."""

import os
import sys
from urllib.parse import parse_qs, unquote, urlsplit


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def mailers_from_url(url: str) -> dict:
    """EMAIL_URL (smtp://user:pass@host:587?tls=1, smtps://, console:) as MAILERS."""
    if not url:
        return {
            "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
        }
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in {"console", "locmem", "dummy"}:
        return {
            "default": {"BACKEND": f"django.core.mail.backends.{scheme}.EmailBackend"}
        }
    if scheme not in {"smtp", "smtps", "submission"}:
        sys.exit(
            f"EMAIL_URL has an unknown scheme {scheme!r}: use smtp, smtps or console."
        )
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    options = {
        "host": parts.hostname or "localhost",
        "port": parts.port or {"smtps": 465, "submission": 587}.get(scheme, 25),
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "use_ssl": scheme == "smtps",
        "use_tls": scheme == "submission"
        or query.get("tls", "").lower() in {"1", "true"},
        "timeout": int(query.get("timeout", 10)),
    }
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": options,
        }
    }


def caches_from_url(url: str) -> dict:
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "default": {
                # While Redis is away the site goes on without it (core/cache.py).
                "BACKEND": "core.cache.ForgivingRedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "commons",
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            }
        }
    if url:
        sys.exit(f"CACHE_URL must be a redis:// URL or unset, not {url!r}.")
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def storages_config(*, debug: bool, private_root) -> dict:
    """STORAGES: where uploaded files go.

    "default" holds what anyone may fetch by its address (members' photos);
    "private" what the app serves only after a permission check (attachments of
    posts, the library's files): on disk, outside MEDIA_ROOT, by default. With
    DJANGO_S3_BUCKET set, both go to S3-compatible object storage (django-
    storages), so several app servers share nothing on disk: public files under
    public/ (read without a signature), private ones under private/, reached
    only through a signed address valid for five minutes, which the app gives
    after its check. Credentials come from the usual AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY (or the machine's role)."""
    static = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
        if debug
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    bucket = os.environ.get("DJANGO_S3_BUCKET", "").strip()
    if not bucket:
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {
                "BACKEND": "core.storage.PrivateFileSystemStorage",
                "OPTIONS": {"location": private_root},
            },
            "staticfiles": {"BACKEND": static},
        }
    return {**_s3_storages(bucket), "staticfiles": {"BACKEND": static}}


def _s3_storages(bucket: str) -> dict:
    """Public uploads under public/ of the bucket, private ones under private/,
    reached through addresses signed for five minutes."""
    shared = {
        "bucket_name": bucket,
        "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL", "").strip() or None,
        "region_name": os.environ.get("DJANGO_S3_REGION", "").strip() or None,
        "file_overwrite": False,
        "signature_version": "s3v4",
    }
    s3 = "storages.backends.s3.S3Storage"
    return {
        "default": {
            "BACKEND": s3,
            "OPTIONS": {**shared, "location": "public", "querystring_auth": False},
        },
        "private": {
            "BACKEND": s3,
            "OPTIONS": {
                **shared,
                "location": "private",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
            },
        },
    }
