"""Convergence: whatever interrupted the last run, one plain re-run ends with the store a clean
crawl makes. Over real HTTP on the sample sites, the real spider subprocess and the real ingest,
on SQLite and PostgreSQL.

The reference is a clean nightly crawl: every article of the sample site stored once, its two
permanent faults gone, its 500 waiting for a retry.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from baotinh.jobs.crawl import CrawlPlan
from baotinh.samplesite import SampleFault, SampleSite, load_site
from db.engine import session_scope
from db.models import Article, ArticleVersion, CrawlFrontier, RawPage
from tests.support.crawling import SiteCrawler, serving

pytestmark = pytest.mark.slow


def article_paths(site: SampleSite) -> set[str]:
    return {article.path for article in site.articles}


def assert_no_duplicates(crawler: SiteCrawler) -> None:
    with session_scope(crawler.engine) as session:
        articles = session.scalar(select(func.count(Article.id)))
        distinct = session.scalar(select(func.count(func.distinct(Article.canonical_url))))
        pages = session.scalar(select(func.count(RawPage.id)))
        distinct_pages = session.scalar(
            select(func.count()).select_from(
                select(RawPage.final_url, RawPage.body_hash).distinct().subquery()
            )
        )
    assert articles == distinct
    assert pages == distinct_pages


@pytest.mark.one_store("postgresql")
def test_a_backfill_hides_nothing_from_the_next_nightly_run(
    migrated_database_url: str, tmp_path: Path
) -> None:
    # Measured before the frontier: the backfill saved the feed's and the sitemap's validators,
    # the nightly run got two 304s and stored 9 of the 46 articles, reporting "0 new".
    site = load_site("haiphong")
    crawler = SiteCrawler("haiphong", migrated_database_url, tmp_path)
    since, until = datetime(2025, 9, 1).date(), datetime(2025, 10, 31).date()
    with serving(site) as server:
        crawler.run(server, CrawlPlan(since=str(since), until=str(until)))
        in_window = {
            a.path for a in site.articles if since <= a.published.astimezone(UTC).date() <= until
        }
        assert crawler.stored_paths() == in_window
        nightly = crawler.run(server)

    assert crawler.stored_paths() == article_paths(site)
    assert crawler.last_ingest.new == len(site.articles) - len(in_window)
    # The backfill read the feed whole (its validators were saved: the nightly run got a 304)
    # but the sitemap index for two months only: its validators were not saved, so the nightly
    # run read it whole instead of taking a 304 for "nothing new".
    assert nightly.stats.get("baotinh/not_modified") == 1
    assert_no_duplicates(crawler)


@pytest.mark.one_store("sqlite")
def test_a_nightly_run_hides_nothing_from_a_later_backfill(
    migrated_database_url: str, tmp_path: Path
) -> None:
    site = load_site("bacgiang")
    crawler = SiteCrawler("bacgiang", migrated_database_url, tmp_path)
    # Tonight one September article answers 500; the nightly run saves the feed's and the
    # sitemap's validators all the same.
    broken = next(a for a in site.articles if (a.published.year, a.published.month) == (2025, 9))
    with serving(with_fault(site, broken.path, "http_500")) as server:
        crawler.run(server)
    assert broken.path not in crawler.stored_paths()
    assert crawler.frontier()[broken.path] == "retry"

    # A day later an operator backfills September: it reaches the page the nightly run could
    # not, though every feed and sitemap is unchanged for the nightly run.
    crawler.a_night_passes()
    with serving(site) as server:
        crawler.run(server, CrawlPlan(since="2025-09-01", until="2025-09-30"))
    assert crawler.stored_paths() == article_paths(site)
    assert crawler.frontier()[broken.path] == "stored"
    assert_no_duplicates(crawler)


@pytest.mark.one_store("sqlite")
def test_a_500_that_heals_two_nights_later_is_stored_then(
    migrated_database_url: str, tmp_path: Path
) -> None:
    site = load_site("bacgiang")
    flaky = site.newest_first()[3]
    crawler = SiteCrawler("bacgiang", migrated_database_url, tmp_path)
    broken_site = with_fault(site, flaky.path, "http_500")
    for night in (1, 2):
        with serving(broken_site) as server:
            crawler.run(server)
            assert server.hits(flaky.path) >= 1, f"night {night}: the page was tried"
        assert crawler.frontier()[flaky.path] == "retry"
        crawler.a_night_passes()
    with session_scope(crawler.engine) as session:
        row = session.scalars(select(CrawlFrontier).where(CrawlFrontier.url.like(f"%{flaky.path}")))
        (row,) = row.all()
        assert row.attempts == 2
        assert row.last_error.startswith("http_500")

    with serving(site) as server:
        crawler.run(server)
    assert crawler.frontier()[flaky.path] == "stored"
    assert crawler.stored_paths() == article_paths(site)
    assert_no_duplicates(crawler)


@pytest.mark.one_store("postgresql")
def test_an_article_edited_the_day_after_publication_becomes_a_new_version(
    migrated_database_url: str, tmp_path: Path
) -> None:
    site = load_site("bacgiang")
    now = datetime.now(UTC)
    fresh, older_fresh = site.newest_first()[:2]
    # Published yesterday and the day before: both asked again each night, conditionally.
    site = replace_articles(
        site,
        {
            fresh.id: dataclasses.replace(fresh, published=now - timedelta(days=1)),
            older_fresh.id: dataclasses.replace(
                older_fresh, published=now - timedelta(days=2, hours=-1)
            ),
        },
    )
    fresh = next(a for a in site.articles if a.id == fresh.id)
    crawler = SiteCrawler("bacgiang", migrated_database_url, tmp_path)
    with serving(site) as server:
        crawler.run(server)
    first_text = crawler.stored()[fresh.path].text

    correction = "Đính chính: số liệu trong bài đã được cập nhật lúc 9 giờ sáng."
    edited_blocks = [*fresh.blocks, type(fresh.blocks[0])("p", correction)]
    edited = replace_articles(site, {fresh.id: dataclasses.replace(fresh, blocks=edited_blocks)})
    with serving(edited) as server:
        second = crawler.run(server)
        asked = {urlsplit(r.path).path: r.status for r in server.request_log}

    assert crawler.last_ingest.updated == 1
    article = crawler.stored()[fresh.path]
    assert article.text.endswith(correction)
    with session_scope(crawler.engine) as session:
        versions = session.scalars(
            select(ArticleVersion).where(ArticleVersion.article_id == article.id)
        ).all()
    assert [(v.version, v.text) for v in versions] == [(1, first_text)]
    # The unedited fresh article answered 304; older articles were not asked again at all.
    assert asked[older_fresh.path] == 304
    assert asked[fresh.path] == 200
    assert second.stats["baotinh/recheck/asked"] == 2
    assert second.stats["baotinh/recheck/not_modified"] == 1
    assert crawler.stored_paths() == article_paths(site)


def with_fault(site: SampleSite, path: str, kind: str) -> SampleSite:
    """The site with the article at `path` replaced by a fault of `kind` at the same address."""
    article = next(a for a in site.articles if a.path == path)
    fault = SampleFault(
        path=path,
        kind=kind,  # type: ignore[arg-type]
        title=article.title,
        section=article.section,
        section_slug=article.section_slug,
        lead=article.lead,
        published=article.published,
    )
    return dataclasses.replace(
        site,
        articles=[a for a in site.articles if a.path != path],
        faults=[*site.faults, fault],
    )


def replace_articles(site: SampleSite, replacements: dict) -> SampleSite:
    articles = [replacements.get(a.id, a) for a in site.articles]
    return dataclasses.replace(site, articles=sorted(articles, key=lambda a: a.published))
