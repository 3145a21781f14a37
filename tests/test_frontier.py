"""The crawl frontier and run liveness as plain store functions, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from baotinh.records import Discovery, FetchedPage
from crawlers.sites import get_site
from db.frontier import (
    DEFAULT_RETRY_BACKOFF,
    MAX_ATTEMPTS,
    done_keys,
    pending_urls,
    record_discoveries,
    record_failure,
    record_fetch,
    record_stored,
    state_counts,
)
from db.liveness import mark_dead_runs
from db.models import CrawlRun, utcnow
from db.store import start_run, start_site_crawl, store_raw_page, sync_sites

BASE = "https://baobacgiang.com.vn/bg/xa-hoi"


@pytest.fixture
def site(session: Session) -> str:
    sync_sites(session, [get_site("bacgiang")])
    return "bacgiang"


def test_discoveries_are_recorded_once_and_gain_a_date_they_lacked(
    session: Session, site: str
) -> None:
    first = [Discovery(f"{BASE}/1/a.html", None, "feed"), Discovery(f"{BASE}/2/b.html")]
    assert record_discoveries(session, site, first, None) == 2
    # The same article under its mobile address, now with a date: nothing new, a date learnt.
    moment = utcnow() - timedelta(days=3)
    again = [Discovery("https://m.baobacgiang.com.vn/bg/xa-hoi/1/a.html", moment, "sitemap")]
    assert record_discoveries(session, site, again, None) == 0
    (pending, _) = pending_urls(session, site)
    assert pending.url == f"{BASE}/1/a.html"
    assert pending.published == moment
    assert state_counts(session, site) == {"discovered": 2}


def test_transient_failures_back_off_then_give_up_and_permanent_ones_are_gone(
    session: Session, site: str
) -> None:
    flaky, missing = f"{BASE}/3/c.html", f"{BASE}/4/d.html"
    record_discoveries(session, site, [Discovery(flaky), Discovery(missing)], None)
    now = utcnow()
    assert record_failure(session, site, missing, "http_404", "HTTP 404", None, now=now) == "gone"

    waits = []
    for attempt in range(1, MAX_ATTEMPTS):
        assert record_failure(session, site, flaky, "http_500", "HTTP 500", None, now=now) == (
            "retry"
        )
        (row,) = [p for p in pending_urls(session, site, now=now + timedelta(days=30))]
        assert row.attempts == attempt
        # Not due before its back-off: neither pending nor fetched again.
        assert pending_urls(session, site, now=now) == []
        assert "baobacgiang.com.vn/bg/xa-hoi/3/c.html" in done_keys(session, site, now=now)
        waits.append(_next_attempt(session, flaky) - now)
    assert waits == [DEFAULT_RETRY_BACKOFF * 2**n for n in range(MAX_ATTEMPTS - 1)]

    assert record_failure(session, site, flaky, "timeout", "took too long", None, now=now) == (
        "failed"
    )
    assert pending_urls(session, site, now=now + timedelta(days=365)) == []
    assert state_counts(session, site) == {"gone": 1, "failed": 1}


def test_a_page_fetched_waits_for_extraction_and_an_unchanged_recheck_changes_nothing(
    session: Session, site: str
) -> None:
    url = f"{BASE}/5/e.html"
    page = FetchedPage(site, url, url, 200, {}, b"<html>v1</html>", utcnow())
    page_id, created = store_raw_page(session, page, None)
    record_fetch(session, site, url, url, page_id, created, None)
    assert state_counts(session, site) == {"fetched": 1}
    record_stored(session, page_id, None, "stored")
    assert state_counts(session, site) == {"stored": 1}

    again_id, created = store_raw_page(session, page, None)
    record_fetch(session, site, url, url, again_id, created, None)
    assert state_counts(session, site) == {"stored": 1}
    edited = FetchedPage(site, url, url, 200, {}, b"<html>v2</html>", utcnow())
    edited_id, created = store_raw_page(session, edited, None)
    record_fetch(session, site, url, url, edited_id, created, None)
    assert state_counts(session, site) == {"fetched": 1}


def test_a_run_whose_process_died_is_marked_crashed_with_what_it_left_pending(
    session: Session, site: str
) -> None:
    dead_process = subprocess.Popen([sys.executable, "-c", "pass"])
    dead_process.wait()
    dead = start_run(session, "manual")
    dead.pid = dead_process.pid
    start_site_crawl(session, dead.id, site)
    record_discoveries(session, site, [Discovery(f"{BASE}/6/f.html")], dead.id)
    alive = start_run(session, "backfill")  # this very process, beating
    lost = start_run(session, "nightly")
    lost.host, lost.heartbeat_at = "another-machine", utcnow() - timedelta(hours=1)
    session.flush()

    finder = start_run(session, "nightly")
    crashed = mark_dead_runs(session, found_by=finder.id)

    assert {run.id for run in crashed} == {dead.id, lost.id}
    session.refresh(dead)
    assert dead.status == "crashed" and dead.finished_at is not None
    assert f"found by run {finder.id}" in dead.note
    assert "bacgiang 1 discovered" in dead.note
    assert "no sign of life" in session.get(CrawlRun, lost.id).note
    assert session.get(CrawlRun, alive.id).status == "running"


def _next_attempt(session: Session, url: str):
    from sqlalchemy import select

    from db.models import CrawlFrontier

    return session.scalar(select(CrawlFrontier.next_attempt_at).where(CrawlFrontier.url == url))
