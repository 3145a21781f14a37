"""Nightly crawls are incremental, backfills reach exactly their window; both over real HTTP."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from baotinh.jobs.crawl import CrawlPlan
from baotinh.samplesite import load_site
from baotinh.samplesite.server import SampleSiteServer
from tests.support.crawling import SiteCrawler, serving

pytestmark = pytest.mark.slow
SITE = load_site("bacgiang")


def article_hits(server: SampleSiteServer) -> set[str]:
    articles = {a.path for a in SITE.articles} | {f.path for f in SITE.faults}
    return {urlsplit(r.path).path for r in server.request_log} & articles


@pytest.mark.one_store("sqlite")
def test_second_night_asks_only_whether_anything_changed(
    migrated_database_url: str, tmp_path: Path
) -> None:
    crawler = SiteCrawler("bacgiang", migrated_database_url, tmp_path)
    with serving(SITE) as server:
        first = crawler.run(server)
        first_log = len(server.request_log)
        second = crawler.run(server)
        second_requests = server.request_log[first_log:]

    assert crawler.stored_paths() == {a.path for a in SITE.articles}
    # robots.txt, then the feed and the sitemap, each answered "304 Not Modified".
    assert sorted((r.path, r.status) for r in second_requests) == [
        ("/robots.txt", 200),
        ("/rss/tin-moi.rss", 304),
        ("/sitemap.xml", 304),
    ]
    assert second.requests == 3
    assert second.requests <= 0.1 * first.requests
    assert second.stats["baotinh/listings/skipped_nothing_changed"] == 1


@pytest.mark.one_store("postgresql")
def test_a_newly_published_article_is_the_only_page_fetched(
    migrated_database_url: str, tmp_path: Path
) -> None:
    most_read = set(SITE.info["most_read"])
    newest = next(a for a in SITE.newest_first() if a.id not in most_read)
    before = dataclasses.replace(SITE, articles=[a for a in SITE.articles if a is not newest])
    crawler = SiteCrawler("bacgiang", migrated_database_url, tmp_path)
    with serving(before) as server:
        crawler.run(server)
    assert newest.path not in crawler.stored_paths()

    crawler.a_night_passes()
    with serving(SITE) as server:
        crawler.run(server)
        fetched = article_hits(server)
    # Besides the new article, only the page that answered 500 yesterday is tried again.
    transient = {f.path for f in SITE.faults if f.kind == "http_500"}
    assert fetched == {newest.path} | transient
    assert newest.path in crawler.stored_paths()


@pytest.mark.one_store("sqlite")
def test_backfill_stores_exactly_its_window_and_skips_months_it_does_not_need(
    migrated_database_url: str, tmp_path: Path
) -> None:
    since, until = date(2025, 9, 1), date(2025, 10, 31)
    expected = {a.path for a in SITE.articles if since <= a.published.date() <= until}
    assert expected, "the sample site has articles in the window"
    crawler = SiteCrawler("bacgiang", migrated_database_url, tmp_path)
    with serving(SITE) as server:
        crawler.run(server, CrawlPlan(since=str(since), until=str(until)))
        fetched = article_hits(server)
        listing_hits = sum(server.hits(path) for path in SITE.section_paths)

    assert crawler.stored_paths() == expected
    # The sitemap's dates reach the window directly: nothing outside it is fetched, and the
    # newest-first listings are not walked at all.
    assert fetched == expected
    assert listing_hits == 0


@pytest.mark.one_store("postgresql")
def test_backfill_refetches_stored_pages_only_when_asked(
    migrated_database_url: str, tmp_path: Path
) -> None:
    plan = CrawlPlan(since="2025-09-01", until="2025-09-30")
    in_window = {
        a.path for a in SITE.articles if (a.published.year, a.published.month) == (2025, 9)
    }
    crawler = SiteCrawler("bacgiang", migrated_database_url, tmp_path)
    with serving(SITE) as server:
        crawler.run(server, plan)
    with serving(SITE) as server:
        crawler.run(server, plan)
        assert article_hits(server) == set()
    with serving(SITE) as server:
        crawler.run(server, dataclasses.replace(plan, refetch=True))
        assert article_hits(server) == in_window


@pytest.mark.one_store("sqlite")
def test_backfill_through_listings_stops_paging_before_the_window(
    migrated_database_url: str, tmp_path: Path
) -> None:
    # Listings only: the walk must stop at the first page whose items are all older.
    plan = CrawlPlan(since="2026-01-01", until="2026-03-31", discover="listings")
    crawler = SiteCrawler("bacgiang", migrated_database_url, tmp_path)
    with serving(SITE) as server:
        result = crawler.run(server, plan)
    expected = {a.path for a in SITE.articles if a.published.date() >= date(2026, 1, 1)}
    assert crawler.stored_paths() == expected
    assert result.stats.get("baotinh/listings/stopped_before_window", 0) >= 1


@pytest.mark.one_store("postgresql")
def test_a_site_with_nothing_but_links_is_crawled_by_following_them(
    migrated_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BAOTINH_EXTRA_SITES", "tests.support.link_follow_site")
    crawler = SiteCrawler("bacgiang_links_only", migrated_database_url, tmp_path)
    with serving(SITE) as server:
        # Listings only: else self-discovery reads the feed the home page announces and the
        # sitemap robots.txt names (tests/test_self_discovery_e2e.py), and no walk is needed.
        result = crawler.run(server, CrawlPlan(discover="listings"))
        asked = {urlsplit(r.path).path for r in server.request_log}
    assert crawler.stored_paths() == {a.path for a in SITE.articles}
    # Reached from the home page alone: the sitemap is linked from nowhere, so never asked for.
    assert "/" in asked and SITE.sitemap_path not in asked
    assert result.stats.get("baotinh/discovery/self/candidate_cap", 0) == 0
