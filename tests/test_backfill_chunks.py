"""Backfill planning and resume, and what a run reports: plain functions, no Prefect."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from baotinh.cli.operations import prefect_database_url
from baotinh.jobs import runs
from baotinh.jobs.backfill import (
    BACKFILL_TRIGGER,
    MAX_BACKFILL_DAYS,
    BackfillChunk,
    backfill_status,
    chunk_run_parameters,
    chunk_table,
    completed_chunk_keys,
    month_chunks,
    skipped_months_note,
    validate_backfill_request,
)
from baotinh.papers import SITES, enabled_sites, get_site
from db.engine import session_scope
from db.runs import finish_run, finish_site_crawl, start_run, start_site_crawl
from db.store import sync_sites


def test_a_window_is_cut_at_month_ends_site_by_site() -> None:
    chunks = month_chunks(["bacgiang", "langson"], date(2025, 1, 20), date(2025, 3, 5))
    assert [(c.site, str(c.since), str(c.until)) for c in chunks] == [
        ("bacgiang", "2025-01-20", "2025-01-31"),
        ("bacgiang", "2025-02-01", "2025-02-28"),
        ("bacgiang", "2025-03-01", "2025-03-05"),
        ("langson", "2025-01-20", "2025-01-31"),
        ("langson", "2025-02-01", "2025-02-28"),
        ("langson", "2025-03-01", "2025-03-05"),
    ]
    assert month_chunks(["namdinh"], date(2024, 12, 31), date(2024, 12, 31)) == [
        BackfillChunk("namdinh", date(2024, 12, 31), date(2024, 12, 31))
    ]


def test_a_refetch_is_a_different_chunk_from_a_plain_backfill_of_the_same_month() -> None:
    plain = BackfillChunk("bacgiang", date(2025, 9, 1), date(2025, 9, 30))
    refetch = BackfillChunk("bacgiang", date(2025, 9, 1), date(2025, 9, 30), refetch=True)
    assert plain.key == "bacgiang:2025-09-01..2025-09-30"
    assert refetch.key == "bacgiang:2025-09-01..2025-09-30:refetch"


@pytest.mark.parametrize(
    ("start", "end", "sites", "message"),
    [
        (date(2025, 9, 30), date(2025, 9, 1), None, "ends (2025-09-01) before it starts"),
        (
            date(2023, 1, 1),
            date(2025, 1, 1),
            None,
            f"at most {MAX_BACKFILL_DAYS} days; 2023-01-01 to 2025-01-01 is 732 days",
        ),
        (date(2025, 9, 1), date(2025, 9, 2), ["bacgiang", "nowhere"], "unknown site(s) nowhere"),
    ],
)
def test_a_bad_request_is_refused_with_a_message_an_operator_can_act_on(
    start: date, end: date, sites: list[str] | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate_backfill_request(start, end, sites)


def test_a_year_is_accepted() -> None:
    validate_backfill_request(date(2025, 1, 1), date(2025, 12, 31), ["bacgiang"])


def test_the_nightly_run_leaves_out_a_disabled_paper_but_a_backfill_may_name_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert enabled_sites() == sorted(key for key, profile in SITES.items() if profile.enabled)
    assert "langson" in enabled_sites()
    monkeypatch.setitem(SITES, "langson", replace(get_site("langson"), enabled=False))
    assert "langson" not in enabled_sites()
    validate_backfill_request(date(2025, 9, 1), date(2025, 9, 30), ["langson"])
    # The merged papers' archives are not crawled nightly, but a backfill may name them.
    assert "bacgiang" not in enabled_sites() and "bacninh" in enabled_sites()
    validate_backfill_request(date(2025, 6, 1), date(2025, 6, 30), ["bacgiang", "namdinh"])


def _record_chunk(engine: Engine, chunk: BackfillChunk, status: str, new_articles: int) -> int:
    with session_scope(engine) as session:
        sync_sites(session, [get_site(chunk.site)])
        run_id = start_run(session, BACKFILL_TRIGGER, parameters=chunk_run_parameters(chunk)).id
        site_crawl = start_site_crawl(session, run_id, chunk.site)
        if status != "running":  # a killed run leaves both rows "running"
            finish_site_crawl(session, site_crawl.id, status, requests=3, new_articles=new_articles)
            finish_run(session, run_id, status)
    return run_id


def test_only_chunks_an_earlier_run_completed_are_skipped_and_the_table_counts_the_latest_run(
    migrated_engine: Engine,
) -> None:
    september, october, november = month_chunks(["bacgiang"], date(2025, 9, 1), date(2025, 11, 30))
    _record_chunk(migrated_engine, september, "completed", new_articles=4)
    _record_chunk(migrated_engine, october, "failed", new_articles=0)
    _record_chunk(migrated_engine, november, "running", new_articles=0)  # killed
    planned = [september, october, november]

    assert completed_chunk_keys(migrated_engine, [c.key for c in planned]) == {september.key}
    (row,) = chunk_table(migrated_engine, planned)
    assert (row["chunks"], row["chunks_done"], row["status"]) == (3, 1, "partial")
    assert backfill_status([row]) == "partial"
    assert backfill_status([row, {"status": "completed"}]) == "partial"
    assert backfill_status([{"status": "failed"}, {"status": "failed"}]) == "failed"

    # The resumed backfill redoes October and November.
    _record_chunk(migrated_engine, october, "completed", new_articles=5)
    _record_chunk(migrated_engine, november, "completed", new_articles=4)
    assert completed_chunk_keys(migrated_engine, [c.key for c in planned]) == {
        c.key for c in planned
    }
    (row,) = chunk_table(migrated_engine, planned)
    assert (row["chunks_done"], row["status"], row["new_articles"]) == (3, "completed", 13)
    assert row["requests"] == 9


def test_retries_wait_twice_as_long_each_time() -> None:
    assert runs.backoff_delays(3, 60) == [60, 120, 240]
    assert runs.backoff_delays(0, 60) == []


def test_the_run_message_names_the_sites_that_failed_and_why() -> None:
    sites = [
        {"site": "bacgiang", "status": "completed"},
        {"site": "langson", "status": "failed", "problem": "the crawl hit its time limit"},
    ]
    assert runs.run_message("partial", sites) == (
        "partial: 1 of 2 site(s) failed (langson: the crawl hit its time limit)"
    )
    assert runs.run_message("completed", sites[:1]) == "completed: 1 site(s) completed, nothing new"
    sites[0]["new_articles"] = 4
    assert runs.run_message("completed", sites[:1]) == (
        "completed: 1 site(s) completed, 4 new article(s)"
    )


def test_a_backfill_that_skips_months_says_so_and_one_that_skips_all_says_it_crawled_nothing() -> (
    None
):
    assert skipped_months_note(6, 0) is None
    assert skipped_months_note(6, 2) == "4 of 6 month(s) crawled now, 2 finished earlier"
    assert skipped_months_note(6, 6) == (
        "nothing crawled: all 6 month(s) were finished by earlier runs"
        " (redo_done_chunks crawls them again)"
    )


def test_the_artifact_has_a_row_per_site_with_the_operator_columns(migrated_engine: Engine) -> None:
    outcome = runs.SiteOutcome("bacgiang", "completed", requests=7, pages=7, new_articles=4)
    (row,) = runs.artifact_rows(migrated_engine, [1], [outcome.as_dict()])
    assert list(row)[:3] == ["Problem", "Paper", "Status"]  # what is wrong, first
    assert row["New"] == "4"
    # Run 1 stored nothing here: an empty cell, not an error.
    assert row["Top topics"] == runs.top_topics(migrated_engine, 1, "bacgiang") == ""


def test_the_prefect_server_database_is_sqlite_at_home_or_postgresql_through_asyncpg(
    tmp_path: Path,
) -> None:
    assert prefect_database_url(None, tmp_path) == f"sqlite+aiosqlite:///{tmp_path}/prefect.db"
    for spelling in ("postgresql", "postgres", "postgresql+psycopg", "postgresql+asyncpg"):
        assert (
            prefect_database_url(f"{spelling}://u@db:5432/prefect", tmp_path)
            == "postgresql+asyncpg://u@db:5432/prefect"
        )
