"""Shared pytest fixtures.

Database fixtures: every test that asks for `database_url` runs twice, on a fresh SQLite file and
on a fresh throw-away PostgreSQL database (created on the server at BAOTINH_TEST_POSTGRES_URL,
default postgresql+psycopg://127.0.0.1:5432/test, and dropped afterwards). Without a reachable
server the PostgreSQL half is skipped, except under CI=true, where it fails.

Outage tests ask for `throwaway_postgres` instead: a private cluster they may stop.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

# Prefect keeps state under PREFECT_HOME: a test session gets its own, never the user's.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="baotinh-prefect-home-")
# A model promoted by a retrain in ./var must not change what the tests classify with.
os.environ["BAOTINH_MODEL_DIR"] = tempfile.mkdtemp(prefix="baotinh-models-")
os.environ.pop("BAOTINH_TOPIC_MODEL", None)
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "baotinh")
# Tests start crawls outside any flow on purpose; their `baotinh.crawl` lines have no flow run to
# go to, and saying so 32 times is noise in the suite's summary.
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
# No internet here, and no reason to report usage from an unattended service.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from db.engine import dispose_engines, make_engine, make_sessionmaker
from db.migrate import upgrade
from db.settings import DATABASE_URL_ENV, normalize_url
from tests.support.pg_cluster import ClusterUnavailable, PostgresCluster

POSTGRES_URL_ENV = "BAOTINH_TEST_POSTGRES_URL"
DEFAULT_TEST_POSTGRES_URL = "postgresql+psycopg://127.0.0.1:5432/test"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"{reason} (CI=true: PostgreSQL tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_admin_engine() -> Iterator[Engine]:
    """An AUTOCOMMIT engine on the test server's maintenance database, for CREATE/DROP DATABASE."""
    url = normalize_url(os.environ.get(POSTGRES_URL_ENV) or DEFAULT_TEST_POSTGRES_URL)
    shown = make_url(url).render_as_string(hide_password=True)
    engine = create_engine(
        url, isolation_level="AUTOCOMMIT", poolclass=NullPool, connect_args={"connect_timeout": 5}
    )
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except SQLAlchemyError as exc:
        engine.dispose()
        detail = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]
        _unavailable(f"PostgreSQL not reachable at {shown}: set {POSTGRES_URL_ENV} ({detail})")
    yield engine
    engine.dispose()


@contextmanager
def _throwaway_database(admin: Engine, template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database (a copy of `template` if given), dropped (WITH FORCE) after."""
    name = f"baotinh_t_{secrets.token_hex(6)}"
    copied = f' TEMPLATE "{template}"' if template else ""
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"{copied}')
    except SQLAlchemyError as exc:
        detail = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]
        _unavailable(f"cannot CREATE DATABASE on the test PostgreSQL server: {detail}")
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        # Engines cached by db.engine.get_engine may still hold connections to this database.
        dispose_engines()
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_database_url(postgres_admin_engine: Engine) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped (WITH FORCE) afterwards."""
    with _throwaway_database(postgres_admin_engine) as url:
        yield url


@pytest.fixture(scope="session")
def postgres_template(postgres_admin_engine: Engine) -> Iterator[str]:
    """The name of a PostgreSQL database migrated to head, made once per worker and shared
    (read only: nobody connects to it) as the template of each test's migrated database.

    CREATE DATABASE … TEMPLATE copies it in about 0.2 s where running every migration again took
    0.4 s on a quiet server and 1.0-1.4 s on a loaded one, for each of ~90 tests."""
    with _throwaway_database(postgres_admin_engine) as url:
        upgrade(url)
        dispose_engines()  # a template may have no open connection when it is copied
        yield make_url(url).database


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store migrated to head once per worker, copied for each test that asks for a
    migrated store (a copy takes milliseconds; the migrations, 0.15-0.2 s of CPU)."""
    path = tmp_path_factory.mktemp("template") / "baotinh.sqlite3"
    upgrade(f"sqlite:///{path}")
    dispose_engines()
    return path


@pytest.fixture
def postgres_migrated_copy_url(
    postgres_admin_engine: Engine, postgres_template: str
) -> Iterator[str]:
    """A new PostgreSQL database for one test, a copy of the worker's migrated template."""
    with _throwaway_database(postgres_admin_engine, postgres_template) as url:
        yield url


def _copy_sqlite(source: Path, target: Path) -> None:
    # SQLite's backup, not a file copy: the store runs in WAL mode, whose pages may still sit in
    # the -wal file beside the database.
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy:
        original.backup(copy)


# The URLs database_url made from a migrated template (so migrated_database_url has nothing to do).
_FROM_TEMPLATE: set[str] = set()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The URL of a fresh, empty database; also set as BAOTINH_DATABASE_URL for the test.

    For a test that asks for `migrated_database_url`, the fresh database is a copy of one this
    worker migrated once (the same schema as running the migrations on an empty one)."""
    migrated = "migrated_database_url" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path / "baotinh.sqlite3"
        if migrated:
            _copy_sqlite(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    elif migrated:
        url = request.getfixturevalue("postgres_migrated_copy_url")
    else:
        url = request.getfixturevalue("postgres_database_url")
    if migrated:
        _FROM_TEMPLATE.add(url)
    # Code under test that falls back to the configured URL must land here, not in ./var.
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    yield url
    _FROM_TEMPLATE.discard(url)
    dispose_engines()


@pytest.fixture
def migrated_database_url(database_url: str) -> str:
    """The URL of a fresh database with every migration applied (for code that takes a URL)."""
    if database_url not in _FROM_TEMPLATE:
        upgrade(database_url)
    return database_url


@pytest.fixture
def migrated_engine(migrated_database_url: str) -> Iterator[Engine]:
    """An engine on the fresh database with every migration applied."""
    engine = make_engine(migrated_database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(migrated_engine: Engine) -> Iterator[Session]:
    """A session on the migrated database; tests commit when they need to, the rest rolls back."""
    session = make_sessionmaker(migrated_engine)()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


@pytest.fixture
def throwaway_postgres() -> Iterator[PostgresCluster]:
    """A private, started PostgreSQL cluster the test may stop and restart (never the shared one).

    Stopped and removed afterwards, whatever the test did. Without PostgreSQL server binaries the
    test is skipped, except under CI=true, where it fails.
    """
    try:
        cluster = PostgresCluster.create()
    except ClusterUnavailable as exc:
        _unavailable(f"no throw-away PostgreSQL cluster: {exc}")
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.cleanup()


@pytest.fixture(autouse=True)
def _registry_as_it_was() -> Iterator[None]:
    """A test that registers extra papers (BAOTINH_EXTRA_SITES) must not leave them in the
    registry of the process for the tests after it (tests share a process per worker)."""
    from baotinh.papers import SITES

    before = dict(SITES)
    yield
    if before != SITES:
        SITES.clear()
        SITES.update(before)


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One throw-away Prefect server for the whole session (each start costs 8–16 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A migrated SQLite store (a copy of the worker's template), for crawl tests whose subject
    is not the database."""
    path = tmp_path / "store.sqlite3"
    _copy_sqlite(sqlite_template, path)
    return f"sqlite:///{path}"


# The modules that take longest, run first, longest first: on two workers (make test) a long
# module that starts last is the whole tail of the run. Measured one module at a time (wall,
# machine loaded): operations 180-450 s, interruptions 180-270, cli_local_prefect 70-170,
# demo 95-145, nightly_flow 110-135, serve_lifecycle 115, incremental 45-140, convergence 55-90,
# paper_slots 70, all_sites 35-75. The Makefile passes --no-loadscope-reorder, without which
# xdist hands out the modules with the most tests first, whatever this order says.
_LONGEST_FIRST = (
    "test_operations_e2e.py",
    "test_interruptions_e2e.py",
    "test_cli_local_prefect.py",
    "test_demo_e2e.py",
    "test_nightly_flow_e2e.py",
    "test_serve_lifecycle.py",
    "test_incremental_e2e.py",
    "test_convergence_e2e.py",
    "test_paper_slots.py",
    "test_all_sites_e2e.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # @pytest.mark.one_store("sqlite"): an end-to-end crawl whose subject is what the crawl asks
    # for, not how the store keeps it, runs against one store; the store code it goes through
    # has its own tests on both (test_frontier, test_db_store…), and its neighbours in the
    # module take the other store, so the module still crosses both.
    chosen, dropped = [], []
    for item in items:
        marker = item.get_closest_marker("one_store")
        store = getattr(getattr(item, "callspec", None), "params", {}).get("database_url")
        keep = marker is None or store is None or store == marker.args[0]
        (chosen if keep else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = chosen

    def rank(item: pytest.Item) -> int:
        if item.path.name in _LONGEST_FIRST:
            return _LONGEST_FIRST.index(item.path.name)
        return len(_LONGEST_FIRST) + (0 if item.get_closest_marker("slow") else 1)

    items.sort(key=rank)
