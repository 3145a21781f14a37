"""The backfill flow in-process (as `baotinh backfill` runs it): chunks as subflows, a site that
is down fails only its own months, and the run's final state says "Partial"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from baotinh.core.dates import VIETNAM
from baotinh.jobs.crawl_settings import CrawlSettings, in_process_run
from baotinh.samplesite import load_site, serve
from db.engine import make_engine, session_scope
from db.models import Article

pytestmark = pytest.mark.slow


def test_a_backfill_with_one_site_down_ends_partial_and_keeps_the_other_sites_months(
    prefect_harness: None, sqlite_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from flows.backfill import backfill

    monkeypatch.setenv("BAOTINH_DATABASE_URL", sqlite_url)
    with serve("bacgiang") as server:
        settings = CrawlSettings(
            # Lạng Sơn's mirror points at a closed port: the paper is down tonight.
            mirrors={**server.mirrors, "baolangson.vn": "http://127.0.0.1:9"},
            polite=False,
            retries=0,  # retries are the nightly test's subject
            log_dir=tmp_path,
        )
        with in_process_run(settings, "backfill"):
            state = backfill(
                start=date(2025, 12, 1),
                end=date(2025, 12, 31),
                sites=["bacgiang", "langson"],
                return_state=True,
            )

    assert state.is_completed()
    assert state.name == "Partial"
    assert "langson" in state.message and "bacgiang" not in state.message
    summary = state.result()
    rows = {row["site"]: row for row in summary["sites"]}
    december = [
        a for a in load_site("bacgiang").articles if a.published.astimezone(VIETNAM).month == 12
    ]
    assert rows["bacgiang"]["status"] == "completed"
    assert rows["bacgiang"]["new_articles"] == len(december)
    assert rows["langson"]["status"] == "failed"
    with session_scope(make_engine(sqlite_url)) as session:
        assert session.query(Article).count() == len(december)

    # The same backfill of the paper that worked, again: every month is done, nothing is
    # crawled, and the run says so instead of "Completed" with the earlier run's counts.
    with in_process_run(settings, "backfill"):
        again = backfill(
            start=date(2025, 12, 1), end=date(2025, 12, 31), sites=["bacgiang"], return_state=True
        )
    assert again.is_completed()
    assert again.name == "Nothing to do"
    assert again.message == (
        "completed: nothing crawled: all 1 month(s) were finished by earlier runs"
        " (redo_done_chunks crawls them again)"
    )
    assert again.result()["months_crawled"] == 0
    with session_scope(make_engine(sqlite_url)) as session:
        assert session.query(Article).count() == len(december)
