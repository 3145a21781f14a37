"""Where the database is: one setting, env ``BAOTINH_DATABASE_URL``."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url

DATABASE_URL_ENV = "BAOTINH_DATABASE_URL"
DEFAULT_SQLITE_PATH = Path("var") / "baotinh.sqlite3"

# Plain "postgresql://" would pick psycopg2, which is not installed; "postgres://" is what
# Heroku-style providers hand out.
_PLAIN_POSTGRES_DRIVERS = {"postgresql", "postgres"}
POSTGRES_DRIVER = "postgresql+psycopg"


def default_database_url() -> str:
    """The embedded default: a SQLite file under the current working directory."""
    return URL.create("sqlite", database=str(Path.cwd() / DEFAULT_SQLITE_PATH)).render_as_string()


def database_url() -> str:
    """The configured URL, normalised (see `normalize_url`)."""
    return normalize_url(os.environ.get(DATABASE_URL_ENV) or default_database_url())


def normalize_url(url: str | URL) -> str:
    """Return `url` as a string, with plain PostgreSQL URLs switched to psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in _PLAIN_POSTGRES_DRIVERS:
        parsed = parsed.set(drivername=POSTGRES_DRIVER)
    # str(URL) masks the password; we need it intact.
    return parsed.render_as_string(hide_password=False)
