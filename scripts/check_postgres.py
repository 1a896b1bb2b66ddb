"""Exit 0 when DATABASE_URL's PostgreSQL answers; else say in one line how to fix it."""

import os
import sys

import dj_database_url
import psycopg

url = os.environ.get("DATABASE_URL", "")
config = dj_database_url.parse(url)
if config["ENGINE"] != "django.db.backends.postgresql":
    sys.exit(
        f"The tests run on PostgreSQL only; DATABASE_URL is not postgres://: {url!r}"
    )
try:
    psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=3,
    ).close()
except psycopg.Error as error:
    reason = (
        str(error).strip().splitlines()[0]
        if str(error).strip()
        else type(error).__name__
    )
    sys.exit(
        f"No PostgreSQL answers at {config['HOST'] or 'localhost'}:"
        f"{config['PORT'] or 5432} "
        f"({reason}). Start it, or point the tests at one: "
        "make test DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/commons"
    )
