"""A crawl of a hostile site: every trap ends as a recorded error, and the rest of the crawl is
unharmed. Robots.txt is obeyed: a disallowed page is never fetched."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from baotinh.jobs.crawl import run_spider
from db.engine import make_engine, session_scope
from db.models import CrawlErrorRow, RawPage
from db.runs import start_run
from db.store import sync_sites
from tests.support import hostile_site

pytestmark = pytest.mark.slow


@pytest.fixture
def hostile_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAOTINH_EXTRA_SITES", "tests.support.hostile_site")


def test_hostile_site_traps_are_recorded_and_the_crawl_goes_on(
    hostile_registry: None, migrated_database_url: str, tmp_path: Path
) -> None:
    engine = make_engine(migrated_database_url)
    with session_scope(engine) as session:
        sync_sites(session, [hostile_site.PROFILE])
        run_id = start_run(session, "test").id

    with hostile_site.serve_hostile() as server:
        result = run_spider(
            "hostile_test",
            run_id,
            migrated_database_url,
            mirrors={hostile_site.DOMAIN: server.base_url},
            polite=False,
            timeout_s=120,
            log_dir=tmp_path,
            extra_settings={"DOWNLOAD_MAXSIZE": hostile_site.SIZE_CAP, "RETRY_TIMES": 0},
        )
        hits = list(server.hits)

    assert result.ok, Path(result.log_path).read_text()[-3000:]
    with session_scope(engine) as session:
        errors = {
            (urlsplit(row.url).path, row.kind)
            for row in session.scalars(select(CrawlErrorRow).where(CrawlErrorRow.run_id == run_id))
        }
        stored = {urlsplit(url).path for url in session.scalars(select(RawPage.final_url))}

    kinds = {kind for _, kind in errors}
    assert {
        "sitemap_too_deep",
        "too_large",
        "redirect_loop",
        "offsite_redirect",
        "listing_page_cap",
        "xml_entities",
    } <= kinds, errors
    assert ("/tin/qua-lon.html", "too_large") in errors
    assert ("/sitemap-big.xml", "too_large") in errors
    # Bounded: the nested sitemaps and the endless listing stop where the caps say.
    assert sum(hit.startswith("/sitemap-") and hit != "/sitemap-big.xml" for hit in hits) <= 3
    assert sum(hit.startswith("/chuyen-muc/") for hit in hits) == hostile_site.MAX_LISTING_PAGES
    # The off-site redirect target was never asked for, and robots.txt was obeyed.
    assert not any("somewhere-else" in hit for hit in hits)
    assert "/private/bi-mat.html" not in hits
    assert result.stats.get("baotinh/skipped/robots_disallowed", 0) >= 1
    # The rest of the crawl is unharmed: the good article was stored, entities never expanded.
    assert "/tin/bai-1.html" in stored
    assert "/tin/trang-1.html" in stored
