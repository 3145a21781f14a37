"""The Alembic migrations: one head, a clean round trip, and no drift from the models."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from db.engine import make_engine
from db.migrate import downgrade, heads, upgrade
from db.models import Base
from db.search import include_name

SCHEMA_V1_TABLES = {"sites", "crawl_runs", "site_crawls", "raw_pages", "articles", "crawl_errors"}


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _current_revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def test_there_is_exactly_one_head() -> None:
    assert len(heads()) == 1, f"several Alembic heads, a merge revision is missing: {heads()}"


def test_upgrade_downgrade_upgrade(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Migrations are found through the package, whatever the working directory.
    monkeypatch.chdir(tmp_path)

    upgrade(database_url)
    assert _tables(database_url) >= SCHEMA_V1_TABLES
    assert _current_revision(database_url) == heads()[0]

    downgrade(database_url, "base")
    assert not SCHEMA_V1_TABLES & _tables(database_url)
    assert _current_revision(database_url) is None

    upgrade(database_url)
    assert _tables(database_url) >= SCHEMA_V1_TABLES
    assert _current_revision(database_url) == heads()[0]


def test_models_match_migrations(migrated_engine: Engine) -> None:
    # What `alembic check` does: autogenerate against the migrated database must find nothing.
    # The search table (FTS5 or tsvector, per backend) is derived data outside the models.
    with migrated_engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": include_name}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_check_constraints_carry_the_names_the_models_give_them(migrated_engine: Engine) -> None:
    # compare_metadata does not compare constraint names; later migrations drop and alter
    # constraints by name, so a migration that names one differently is a trap.
    expected = {
        (table.name, constraint.name)
        for table in Base.metadata.sorted_tables
        for constraint in table.constraints
        if constraint.__class__.__name__ == "CheckConstraint" and constraint.name
    }
    inspector = inspect(migrated_engine)
    found = {
        (table, check["name"])
        for table in inspector.get_table_names()
        for check in inspector.get_check_constraints(table)
        if check.get("name")
    }
    assert expected
    assert found == expected


def test_0007_round_trip_keeps_headline_less_imports(database_url: str, tmp_path: Path) -> None:
    """Down to 0006 a NULL title is '' and text pages are gone; up again '' is NULL once more."""
    from sqlalchemy import text

    from baotinh.jobs.textimport import import_text_dumps
    from tests.test_textimport import HAIPHONG

    upgrade(database_url)
    dump = tmp_path / "hp.txt"
    dump.write_text(HAIPHONG, encoding="utf-8")
    engine = make_engine(database_url)
    try:
        assert [o.status for o in import_text_dumps([dump], engine=engine)] == ["new"]

        def state() -> tuple[list, list]:
            with engine.connect() as connection:
                titles = connection.execute(text("SELECT title FROM articles")).scalars().all()
                kinds = connection.execute(text("SELECT kind FROM raw_pages")).scalars().all()
            return titles, kinds

        assert state() == ([None], ["text"])
        downgrade(database_url, "0006")
        assert state() == ([""], [])
        upgrade(database_url)
        assert state() == ([None], [])
    finally:
        engine.dispose()


def _store_one_article(database_url: str, layout: str | None = None) -> int:
    """One article of Báo Hải Phòng, stored as the crawler stores it; its id."""
    from datetime import UTC, datetime

    from sqlalchemy import select

    from baotinh.core.records import ExtractedArticle
    from baotinh.papers import get_site
    from db.engine import session_scope
    from db.models import Article
    from db.store import sync_sites, upsert_article

    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            sync_sites(session, [get_site("haiphong")])
            article = ExtractedArticle(
                url="https://baohaiphong.vn/a-1.html",
                canonical_url="https://baohaiphong.vn/a-1.html",
                title="Tiêu đề",
                text="Nội dung.",
                layout=layout,
            )
            upsert_article(session, "haiphong", article, seen_at=datetime.now(UTC))
            return session.scalar(select(Article.id))
    finally:
        engine.dispose()


def test_0008_round_trip_drops_and_restores_the_article_layout(database_url: str) -> None:
    """Down to 0007 the column and its values go; up again it is back, NULL for every article."""
    from sqlalchemy import text

    def layouts() -> list[str | None] | None:
        engine = make_engine(database_url)
        try:
            if "layout" not in {c["name"] for c in inspect(engine).get_columns("articles")}:
                return None
            with engine.connect() as connection:
                return connection.execute(text("SELECT layout FROM articles")).scalars().all()
        finally:
            engine.dispose()

    upgrade(database_url)
    _store_one_article(database_url, layout="2025-12-01")
    assert layouts() == ["2025-12-01"]
    downgrade(database_url, "0007")
    assert layouts() is None
    upgrade(database_url)
    assert layouts() == [None]


def test_0010_keeps_earlier_labels_as_salient_and_drops_mentions_on_the_way_down(
    database_url: str,
) -> None:
    """Labels written before 0010 are what the article was taken to be about: salient. Down to
    0009 the mentions go (the old tables would read them as labels); the labels stay."""
    from sqlalchemy import text

    def rows(table: str, column: str) -> list[tuple]:
        engine = make_engine(database_url)
        try:
            columns = {c["name"] for c in inspect(engine).get_columns(table)}
            salient = ", salient" if "salient" in columns else ""
            with engine.connect() as connection:
                found = connection.execute(
                    text(f"SELECT {column}{salient} FROM {table} ORDER BY {column}")
                )
                return [tuple(row) for row in found]
        finally:
            engine.dispose()

    def execute(*statements: str) -> None:
        engine = make_engine(database_url)
        try:
            with engine.begin() as connection:
                for statement in statements:
                    connection.execute(text(statement))
        finally:
            engine.dispose()

    upgrade(database_url)
    article_id = _store_one_article(database_url)
    downgrade(database_url, "0009")
    execute(
        "INSERT INTO article_provinces (article_id, province, current_province, mentions, via)"
        f" VALUES ({article_id}, 'Bắc Giang', 'Bắc Ninh', 2, 'province')",
        "INSERT INTO article_campaigns (article_id, campaign, evidence)"
        f" VALUES ({article_id}, 'nong-thon-moi', 'nông thôn mới')",
    )
    upgrade(database_url)
    assert rows("article_provinces", "province") == [("Bắc Giang", True)]
    assert rows("article_campaigns", "campaign") == [("nong-thon-moi", True)]
    execute(
        "INSERT INTO article_provinces (article_id, province, current_province, mentions, via,"
        f" salient) VALUES ({article_id}, 'Nghệ An', 'Nghệ An', 1, 'province', false)",
        "INSERT INTO article_campaigns (article_id, campaign, evidence, salient)"
        f" VALUES ({article_id}, 'chuyen-doi-so', 'chuyển đổi số', false)",
    )
    downgrade(database_url, "0009")
    assert rows("article_provinces", "province") == [("Bắc Giang",)]
    assert rows("article_campaigns", "campaign") == [("nong-thon-moi",)]
