"""The crawl frontier and run liveness as plain store functions, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from baotinh.core.records import Discovery, FetchedPage
from baotinh.papers import get_site, identity_key
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
from db.models import CrawlFrontier, CrawlRun, utcnow
from db.runs import start_run, start_site_crawl
from db.store import store_raw_page, sync_sites

BASE = "https://baobacgiang.vn/bg/xa-hoi"


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
    again = [Discovery("https://m.baobacgiang.vn/bg/xa-hoi/1/a.html", moment, "sitemap")]
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
        assert identity_key(flaky) in done_keys(session, site, now=now)
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


def _next_attempt(session: Session, url: str) -> datetime:
    return session.scalar(select(CrawlFrontier.next_attempt_at).where(CrawlFrontier.url == url))


def test_a_store_from_before_the_frontier_gets_one_from_its_history(database_url: str) -> None:
    """Migration 0005 fills the frontier: stored articles are stored, pages never extracted
    (a run killed before its ingest) are fetched, permanent errors gone, transient ones retry."""
    from sqlalchemy import text

    from db.engine import make_engine, session_scope
    from db.migrate import upgrade

    upgrade(database_url, "0004")
    engine = make_engine(database_url)
    now = utcnow()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO sites (id, key, name, domain, former_domains, provinces, created_at)"
                " VALUES (1, 'bacgiang', 'Báo Bắc Giang', 'baobacgiang.com.vn', '[]', '[]', :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO articles (id, site_id, canonical_url, url, title, text, authors,"
                " tags, images, content_hash, extractor_version, first_seen_at, last_seen_at,"
                " updated_at, published_date_only) VALUES (1, 1, :url, :url, 't', 'x', '[]',"
                " '[]', '[]', 'h', 'v', :now, :now, :now, false)"
            ),
            {"url": f"{BASE}/1/stored.html", "now": now},
        )
        for page_id, name, article_id in ((1, "stored", 1), (2, "waiting", None)):
            connection.execute(
                text(
                    "INSERT INTO raw_pages (id, site_id, url, final_url, http_status, headers,"
                    " fetched_at, body, body_hash, kind, article_id) VALUES (:id, 1, :url, :url,"
                    " 200, '{}', :now, :body, :hash, 'article', :article)"
                ),
                {
                    "id": page_id,
                    "url": f"{BASE}/{page_id}/{name}.html",
                    "now": now,
                    "body": b"x",
                    "hash": name,
                    "article": article_id,
                },
            )
        for number, (name, kind) in enumerate((("missing", "http_404"), ("flaky", "http_500"))):
            connection.execute(
                text(
                    "INSERT INTO crawl_errors (site_id, url, kind, message, occurred_at)"
                    " VALUES (1, :url, :kind, 'm', :now)"
                ),
                {"url": f"{BASE}/{number + 3}/{name}.html", "kind": kind, "now": now},
            )
    engine.dispose()

    upgrade(database_url)
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        assert state_counts(session, "bacgiang") == {
            "stored": 1,
            "fetched": 1,
            "gone": 1,
            "retry": 1,
        }
        assert [p.url for p in pending_urls(session, "bacgiang")] == [f"{BASE}/4/flaky.html"]
    engine.dispose()


def test_a_sitemap_of_thousands_of_links_is_recorded_in_one_call(
    session: Session, site: str
) -> None:
    # 7,000 links x 11 columns: more parameters than one statement may carry on either database.
    links = [Discovery(f"{BASE}/{n}/bai.html") for n in range(7000)]
    assert record_discoveries(session, site, links, None) == 7000
    moment = utcnow() - timedelta(days=1)
    dated = [Discovery(link.url, moment, "sitemap") for link in links]
    assert record_discoveries(session, site, dated, None) == 0
    hints = session.scalars(select(CrawlFrontier.published_hint).distinct()).all()
    assert hints == [moment]
