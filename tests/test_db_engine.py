"""Engine settings: where the database is, and how connections are set up."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select, text
from sqlalchemy.engine import Engine

from db.engine import dispose_engines, get_engine, session_scope
from db.models import CrawlRun
from db.settings import DATABASE_URL_ENV, database_url, normalize_url
from db.types import UTCDateTime


def test_default_database_is_a_sqlite_file_under_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    engine = get_engine()
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
        assert Path(engine.url.database or "") == tmp_path / "var" / "baotinh.sqlite3"
        assert (tmp_path / "var" / "baotinh.sqlite3").exists()
    finally:
        dispose_engines()


def test_the_setting_wins_and_plain_postgresql_urls_use_psycopg(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://u:p%40ss@db.example:5432/baotinh")
    assert database_url() == "postgresql+psycopg://u:p%40ss@db.example:5432/baotinh"
    assert normalize_url("postgres://h/x") == "postgresql+psycopg://h/x"
    assert normalize_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(tmp_path: Path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 'nested' / 'db.sqlite3'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        dispose_engines()


def test_session_scope_commits_or_rolls_back(migrated_engine: Engine) -> None:
    with session_scope(migrated_engine) as session:
        session.add(CrawlRun(trigger="demo", status="running"))
    with pytest.raises(RuntimeError), session_scope(migrated_engine) as session:
        session.add(CrawlRun(trigger="demo", status="running"))
        session.flush()
        raise RuntimeError("boom")
    with session_scope(migrated_engine) as session:
        assert len(session.scalars(select(CrawlRun)).all()) == 1


def test_timestamps_come_back_aware_utc(database_url: str) -> None:
    engine = get_engine(database_url)
    table = Table(
        "stamps", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime())
    )
    table.create(engine)
    hanoi = datetime(2024, 5, 19, 6, 37, 12, 345678, tzinfo=timezone(timedelta(hours=7)))
    with engine.begin() as connection:
        connection.execute(insert(table).values(id=1, at=hanoi))
        stored = connection.execute(select(table.c.at)).scalar_one()
        raw = connection.execute(text("SELECT at FROM stamps")).scalar_one()
    assert stored == hanoi
    assert stored.tzinfo is not None
    assert stored.utcoffset() == timedelta(0)
    # On SQLite the stored text is UTC, so plain SQL sorts and compares correctly.
    if engine.dialect.name == "sqlite":
        assert str(raw).startswith("2024-05-18 23:37:12")
    with pytest.raises(Exception, match="naive"), engine.begin() as connection:
        connection.execute(insert(table).values(id=2, at=datetime(2024, 5, 19, 6, 37)))
