"""The export's rows: label lists in their documented order on both stores, and the PostgreSQL
COPY read (db.export_copy) giving exactly what the cursor read and SQLite give, in the three
formats an analyst opens."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from baotinh.core.search import parse_query
from baotinh.jobs.export import write_export
from baotinh.labels.campaigns import CampaignTag
from baotinh.labels.classify import Labels
from baotinh.labels.docrefs import DocRef
from baotinh.labels.places import ProvinceMention
from baotinh.labels.topics import TopicPrediction
from db.engine import make_engine, make_sessionmaker
from db.export_rows import export_batches
from db.filters import ArticleFilters
from db.labels import store_labels
from db.migrate import upgrade
from db.store import sync_sites
from db.stories import assign_story
from tests.test_search import BRIDGE, PROFILES, VIETNAM, store

# Fetched at the same moment in every store, so two stores hold the same rows.
FETCHED = datetime(2025, 6, 30, 10, 0, 0, 123456, tzinfo=UTC)


def _store(session: Session, number: int, title: str, body: str, site: str = "bacgiang") -> int:
    return store(
        session,
        number,
        title,
        body,
        lead=f"Sa pô {number}: {title.lower()}",
        site=site,
        published=datetime(2025, 6, number, 8, 30, tzinfo=VIETNAM),
        fetched=FETCHED,
        authors=["Thu Phong", f"Ngọc Ánh {number}"],
        section="Thời sự",
        tags=["Đảng bộ", "nông thôn mới"] if number % 2 else [],
    )


def _labels(provinces: list[tuple[str, str, int]], **more: Any) -> Labels:
    return Labels(
        topic=TopicPrediction("chinh-tri", 0.8125, ("đảng",)),
        provinces=[ProvinceMention(name, now, count, "province") for name, now, count in provinces],
        version="test",
        **more,
    )


def build(session: Session) -> dict[str, int]:
    """A few articles with every kind of label, stored in an order unlike the exported one."""
    sync_sites(session, PROFILES)
    made = {
        "about": _store(session, 3, "Hội nghị Đảng bộ tỉnh", "Đảng bộ tỉnh quán triệt Chỉ thị."),
        "original": _store(session, 4, "Khánh thành cầu Đồng Sơn", BRIDGE),
        "copy": _store(session, 5, "Khánh thành cầu", BRIDGE + " (Theo Báo Bắc Giang)", "langson"),
        "bare": _store(session, 6, "Giáo dục", "Năm học mới ở Lạng Sơn bắt đầu sớm.", "langson"),
        "passing": _store(session, 7, "Điện Biên đón khách", "Du khách đến Điện Biên."),
    }
    store_labels(
        session,
        made["about"],
        _labels(
            # Equal counts, given against their order by name ("Đ" after every Latin letter).
            [
                ("Lạng Sơn", "Lạng Sơn", 2),
                ("Đắk Lắk", "Đắk Lắk", 2),
                ("Điện Biên", "Điện Biên", 2),
                ("Bắc Ninh", "Bắc Ninh", 1),
                ("Bắc Giang", "Bắc Ninh", 2),
                ("Vĩnh Phúc", "Phú Thọ", 3),  # by name first, not by current province
                ("Hà Giang", "Tuyên Quang", 3),
                ("Hà Nội", "Hà Nội", 5),
            ],
            campaigns=[
                CampaignTag("xay-dung-chinh-don-dang", "Nghị quyết Trung ương 4 khóa XII"),
                CampaignTag("hoc-tap-lam-theo-bac", "Chỉ thị 05-CT/TW"),
            ],
            campaigns_mentioned=[
                CampaignTag("nong-thon-moi", "nông thôn mới", salient=False),
                CampaignTag("chuyen-doi-so", "chuyển đổi số", salient=False),
            ],
            doc_refs=[
                DocRef("Nghị quyết Trung ương 4 khóa XII", "Nghị quyết", mentions=3),
                DocRef("Chỉ thị 1973/CT-TTg", "Chỉ thị", "1973", "CT-TTg"),
                DocRef("Chỉ thị 05-CT/TW", "Chỉ thị", "05", "CT/TW", mentions=2),
            ],
            provinces_mentioned=[
                ProvinceMention("Nam Định", "Ninh Bình", 1, "province", salient=False),
                ProvinceMention("Hải Dương", "Hải Phòng", 1, "province", salient=False),
            ],
        ),
    )
    store_labels(session, made["original"], _labels([("Bắc Giang", "Bắc Ninh", 1)]))
    store_labels(
        session,
        made["passing"],
        _labels(
            [],
            provinces_mentioned=[ProvinceMention("Điện Biên", "Điện Biên", 1, "x", salient=False)],
            campaigns_mentioned=[CampaignTag("chuyen-doi-so", "chuyển đổi số", salient=False)],
        ),
    )
    assign_story(session, "https://bacgiang.example/bai-4.html")
    assign_story(session, "https://langson.example/bai-5.html")
    session.commit()
    return made


def exported(session: Session, directory: Path, **options: Any) -> dict[str, Any]:
    """The export in each format, as an analyst opens it: JSON lines and CSV as text, Parquet
    as a table. Batches of 2 and row groups of 4, so every batch boundary is crossed."""
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {}
    for fmt in ("jsonl", "csv", "parquet"):
        path = directory / f"export.{fmt}"
        write_export(export_batches(session, batch=2, **options), fmt, path, row_group_rows=4)
        out[fmt] = pq.read_table(path) if fmt == "parquet" else path.read_text("utf-8-sig")
    return out


def rows(export: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {row["id"]: row for row in export["parquet"].to_pylist()}


def test_label_lists_come_in_their_documented_order(session: Session, tmp_path: Path) -> None:
    made = build(session)
    about = rows(exported(session, tmp_path))[made["about"]]
    # Most mentioned first; equal counts by name, in the order of its bytes.
    assert about["provinces"] == [
        "Hà Nội",
        "Hà Giang",
        "Vĩnh Phúc",
        "Bắc Giang",
        "Lạng Sơn",
        "Điện Biên",
        "Đắk Lắk",
        "Bắc Ninh",
    ]
    # Each current province once, where its first name comes.
    assert about["current_provinces"] == [
        "Hà Nội",
        "Tuyên Quang",
        "Phú Thọ",
        "Bắc Ninh",
        "Lạng Sơn",
        "Điện Biên",
        "Đắk Lắk",
    ]
    assert about["provinces_mentioned"] == ["Hải Dương", "Nam Định"]
    assert about["campaigns"] == ["hoc-tap-lam-theo-bac", "xay-dung-chinh-don-dang"]
    assert about["campaigns_mentioned"] == ["chuyen-doi-so", "nong-thon-moi"]
    assert about["doc_refs"] == [
        "Chỉ thị 05-CT/TW",
        "Chỉ thị 1973/CT-TTg",
        "Nghị quyết Trung ương 4 khóa XII",
    ]


@pytest.mark.one_store("postgresql")
def test_copy_reads_exactly_what_the_cursor_reads(session: Session, tmp_path: Path) -> None:
    made = build(session)
    jit = session.execute(text("SHOW jit")).scalar()
    copied = exported(session, tmp_path / "copy")
    # The COPY turns JIT off for itself only.
    assert session.execute(text("SHOW jit")).scalar() == jit
    assert copied == exported(session, tmp_path / "cursor", copy=False)
    by_id = rows(copied)
    assert by_id[made["copy"]]["story_id"] == by_id[made["original"]]["story_id"] is not None
    assert by_id[made["copy"]]["story_relation"] not in (None, "canonical")
    assert by_id[made["bare"]]["provinces"] == [] and by_id[made["bare"]]["topic"] is None
    assert by_id[made["passing"]]["provinces_mentioned"] == ["Điện Biên"]
    assert by_id[made["passing"]]["provinces"] == by_id[made["passing"]]["campaigns"] == []
    # Filters, a date window (read in publication order) and a search query, whose parameters
    # go into the COPY's statement.
    narrowed = {
        "filters": ArticleFilters(
            site="bacgiang",
            since=datetime(2025, 6, 4, tzinfo=VIETNAM),
            until=datetime(2025, 7, 1, tzinfo=VIETNAM),
        ),
        "text": parse_query("khanh thanh"),
    }
    copied = exported(session, tmp_path / "copy-narrowed", **narrowed)
    assert list(rows(copied)) == [made["original"]]
    assert copied == exported(session, tmp_path / "cursor-narrowed", copy=False, **narrowed)


@pytest.mark.one_store("postgresql")
def test_postgresql_exports_what_sqlite_exports(session: Session, tmp_path: Path) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    try:
        with make_sessionmaker(engine)() as sqlite_session:
            assert build(sqlite_session) == build(session)
            from_sqlite = exported(sqlite_session, tmp_path / "sqlite")
    finally:
        engine.dispose()
    from_postgresql = exported(session, tmp_path / "postgresql")
    for fmt in ("jsonl", "csv"):
        assert from_postgresql[fmt].splitlines() == from_sqlite[fmt].splitlines()
    assert from_postgresql["parquet"].equals(from_sqlite["parquet"])


@pytest.mark.one_store("postgresql")
def test_an_export_stopped_half_way_leaves_a_session_that_rolls_back(
    session: Session,
) -> None:
    made = build(session)
    batches = export_batches(session, batch=2)
    assert len(next(batches)) == 2
    batches.close()  # the writer failed: the COPY is cancelled
    session.rollback()
    assert session.execute(text("SELECT 1")).scalar() == 1
    assert sum(len(batch) for batch in export_batches(session)) == len(made)


@pytest.mark.one_store("postgresql")
@pytest.mark.parametrize("copy", [True, False], ids=["copy", "cursor"])
def test_a_server_gone_half_way_is_the_stores_error(
    session: Session, database_url: str, copy: bool
) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    build(session)
    backend = session.execute(text("SELECT pg_backend_pid()")).scalar()
    batches = export_batches(session, batch=2, copy=copy)
    assert len(next(batches)) == 2
    engine = make_engine(database_url)
    try:
        with engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
    finally:
        engine.dispose()
    # What the CLI catches, to say one line.
    with pytest.raises(SQLAlchemyError):
        for _ in batches:
            pass
    session.invalidate()  # its connection is gone
