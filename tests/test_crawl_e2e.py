"""The spider, really crawling the local sample site over HTTP into a real store."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from baotinh.jobs.crawl import run_spider
from baotinh.papers import get_site
from baotinh.samplesite import load_site, serve
from db.engine import make_engine, session_scope
from db.models import CrawlErrorRow, RawPage
from db.runs import start_run
from db.store import sync_sites

pytestmark = pytest.mark.slow


def _new_run(engine) -> int:
    with session_scope(engine) as session:
        sync_sites(session, [get_site("bacgiang")])
        return start_run(session, "test").id


def test_spider_finds_every_article_and_records_every_fault(
    migrated_database_url: str, tmp_path: Path
) -> None:
    site = load_site("bacgiang")
    engine = make_engine(migrated_database_url)
    run_id = _new_run(engine)
    with serve("bacgiang") as server:
        result = run_spider(
            "bacgiang",
            run_id,
            migrated_database_url,
            mirrors=server.mirrors,
            polite=False,
            timeout_s=180,
            log_dir=tmp_path,
        )
        listing_pages_fetched = {
            site.listing_page_path(section.slug, number): server.hits(
                site.listing_page_path(section.slug, number)
            )
            for section in site.sections
            for number in range(1, len(site.listing_pages(section.slug)) + 1)
        }
    assert result.ok, Path(result.log_path).read_text()[-3000:]
    # Discovery went through every page of every section listing, not just the sitemap.
    assert all(listing_pages_fetched.values()), listing_pages_fetched
    assert any(path.endswith("trang-2.html") for path in listing_pages_fetched)

    with session_scope(engine) as session:
        stored_paths = {urlsplit(url).path for url in session.scalars(select(RawPage.final_url))}
        errors = {
            (urlsplit(error.url).path, error.kind)
            for error in session.scalars(
                select(CrawlErrorRow).where(CrawlErrorRow.run_id == run_id)
            )
        }
    expected = {article.path for article in site.articles}
    assert expected <= stored_paths, f"not crawled: {sorted(expected - stored_paths)}"
    for fault in site.faults:
        if fault.kind.startswith("http_"):
            assert (fault.path, fault.kind) in errors
            assert fault.path not in stored_paths
    assert result.requests > len(expected)
    assert result.stats.get("baotinh/stray_gzip/inflated", 0) >= 1


def test_a_site_that_is_down_is_recorded_not_fatal(
    migrated_database_url: str, tmp_path: Path
) -> None:
    engine = make_engine(migrated_database_url)
    run_id = _new_run(engine)
    # Port 9 on loopback: nothing listens there, every connection is refused.
    result = run_spider(
        "bacgiang",
        run_id,
        migrated_database_url,
        mirrors={"baobacgiang.vn": "http://127.0.0.1:9"},
        polite=False,
        timeout_s=120,
        log_dir=tmp_path,
        extra_settings={"RETRY_TIMES": 0},
    )
    assert result.exit_code == 0
    assert result.responses == 0
    with session_scope(engine) as session:
        kinds = set(
            session.scalars(select(CrawlErrorRow.kind).where(CrawlErrorRow.run_id == run_id))
        )
    assert kinds == {"connection"}
