"""Run the Alembic migrations from code (the CLI works too: ``alembic upgrade head``)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

import migrations
from db.settings import database_url, normalize_url

# Found through the package, not the working directory or alembic.ini, so that upgrades work
# from any cwd and from an installed wheel (which has no alembic.ini).
MIGRATIONS_DIR = Path(migrations.__file__).resolve().parent


def alembic_config(url: str | None = None) -> Config:
    """An Alembic Config for `url` (default: the configured database)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    resolved = normalize_url(url) if url else database_url()
    # env.py reads the URL from attributes first: set_main_option goes through configparser
    # interpolation, which a "%" in a password would break; the escaped copy is for tools that
    # read sqlalchemy.url themselves.
    config.attributes["url"] = resolved
    config.set_main_option("sqlalchemy.url", resolved.replace("%", "%%"))
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str | None, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def heads() -> list[str]:
    """The head revisions of the migration scripts (exactly one, unless a merge is missing)."""
    return list(ScriptDirectory(str(MIGRATIONS_DIR)).get_heads())
