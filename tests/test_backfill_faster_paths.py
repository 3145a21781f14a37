"""Backfills take a site's fastest path back in time instead of paging the whole archive."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from baotinh.jobs.crawl import CrawlPlan
from baotinh.samplesite import load_site
from tests.support.crawling import SiteCrawler, serving

pytestmark = pytest.mark.slow
SINCE, UNTIL = date(2025, 10, 1), date(2025, 11, 30)


def in_window(key: str) -> set[str]:
    return {a.path for a in load_site(key).articles if SINCE <= a.published.date() <= UNTIL}


def test_monthly_sitemaps_outside_the_window_are_never_fetched(
    sqlite_url: str, tmp_path: Path
) -> None:
    site = load_site("haiphong")
    crawler = SiteCrawler("haiphong", sqlite_url, tmp_path)
    with serving(site) as server:
        result = crawler.run(server, CrawlPlan(since=str(SINCE), until=str(UNTIL)))
        asked = [urlsplit(r.path).path for r in server.request_log]

    assert crawler.stored_paths() == in_window("haiphong")
    monthly = sorted(path for path in asked if path.startswith("/sitemaps/"))
    assert monthly == ["/sitemaps/2025-10.xml.gz", "/sitemaps/2025-11.xml.gz"]
    assert result.stats["baotinh/skipped/sitemap_outside_window"] >= 5
    assert not any(path in site.section_paths for path in asked)


def test_day_archives_reach_the_window_without_walking_listings(
    sqlite_url: str, tmp_path: Path
) -> None:
    site = load_site("namdinh")
    crawler = SiteCrawler("namdinh", sqlite_url, tmp_path)
    with serving(site) as server:
        crawler.run(server, CrawlPlan(since=str(SINCE), until=str(UNTIL)))
        asked = [urlsplit(r.path).path for r in server.request_log]

    assert crawler.stored_paths() == in_window("namdinh")
    archive_days = [path for path in asked if path.startswith("/archive/")]
    assert len(archive_days) == (UNTIL - SINCE).days + 1
    assert not any(path in site.section_paths for path in asked)
    articles = {a.path for a in site.articles}
    assert {path for path in asked if path in articles} == in_window("namdinh")
