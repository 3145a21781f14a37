"""Alembic environment for baotinh.

The database URL comes, first match wins, from: ``-x url=...`` on the command line; the URL a
programmatic Config carries (db.migrate); ``sqlalchemy.url`` in the ini file; the
BAOTINH_DATABASE_URL setting (default: the SQLite file under the cwd). A caller may also hand over
an open connection in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection

from db.engine import make_engine
from db.models import Base
from db.search import include_name
from db.settings import database_url, normalize_url

config = context.config
target_metadata = Base.metadata

# Only the CLI configures logging: a programmatic upgrade inside a Prefect flow must not replace
# the flow's logging setup.
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _url() -> str:
    url = (
        context.get_x_argument(as_dictionary=True).get("url")
        or config.attributes.get("url")
        or config.get_main_option("sqlalchemy.url")
    )
    return normalize_url(url) if url else database_url()


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        # The search table is derived data, made by hand per backend (migration 0006).
        include_name=include_name,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )


def run_migrations_offline() -> None:
    url = _url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        compare_type=True,
        include_name=include_name,
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return

    engine = make_engine(_url(), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                # A batch rebuild drops and recreates a table; with foreign keys on, dropping a
                # parent would cascade-delete its children. The pragma only works outside a
                # transaction, hence the commit; violations are checked once we are done.
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.commit()
            _configure(connection)
            with context.begin_transaction():
                context.run_migrations()
            if sqlite:
                violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                connection.commit()
                if violations:
                    raise RuntimeError(f"foreign key violations after migrating: {violations}")
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
