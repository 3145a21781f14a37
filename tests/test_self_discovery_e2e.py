"""A paper known only by its name and domain: its generic profile names no feed, sitemap,
section or article pattern, and the crawl finds them itself (the feed the home page announces,
the sitemap robots.txt names, articles recognised by their pages), stores clean articles with
the generic extractor, says what it found where the operator reads the run, and the next night
asks only whether anything changed. Over real HTTP, on Báo Lào Cai's sample copy."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from baotinh.cli.report import run_summary
from baotinh.jobs import runs
from baotinh.papers import get_site
from baotinh.samplesite import load_site
from db.engine import session_scope
from db.runs import list_runs
from tests.support.crawling import SiteCrawler, serving

pytestmark = pytest.mark.slow
SITE = load_site("laocai")


def test_a_generic_paper_is_crawled_by_self_discovery_and_says_what_it_found(
    sqlite_url: str, tmp_path: Path
) -> None:
    profile = get_site("laocai")
    assert profile.generic and not (profile.feeds or profile.sitemaps or profile.sections)
    crawler = SiteCrawler("laocai", sqlite_url, tmp_path)
    with serving(SITE) as server:
        first = crawler.run(server)
        first_run, first_ingest = crawler.last_run_id, crawler.last_ingest
        first_log = len(server.request_log)
        second = crawler.run(server)
        second_requests = server.request_log[first_log:]

    stored = crawler.stored()
    assert set(stored) == {article.path for article in SITE.articles}
    for expected in SITE.articles:
        article = stored[expected.path]
        assert article.title == expected.title, expected.path
        assert article.published_at == expected.published, expected.path
        assert article.text.split("\n") == expected.paragraphs, expected.path
        for chrome in SITE.chrome_snippets:
            assert chrome not in article.text, f"{expected.path}: kept chrome {chrome!r}"
    frontier = crawler.frontier()
    assert all(frontier[fault.path] == "gone" for fault in SITE.faults)

    # What self-discovery found is counted, summed up, and recorded with the paper's night.
    assert first.stats["baotinh/discovery/self/feeds"] == 1
    assert first.stats["baotinh/discovery/self/sitemaps"] == 1
    assert first.stats["baotinh/discovery/self/articles_by_semantics"] >= len(SITE.articles)
    report = first.stats["baotinh/discovery/self/report"]
    assert report.startswith(
        "laocai: found feed /rss/home.rss and sitemap /sitemaps.xml not in the profile;"
    )
    assert "recognised by page semantics (the profile has no article pattern), e.g. /" in report
    assert first_run is not None
    outcome = runs.close_site_crawl(
        crawler.engine,
        runs.open_site_crawl(crawler.engine, first_run, profile),
        first_run,
        profile,
        first,
        first_ingest,
    )
    with session_scope(crawler.engine) as session:
        recorded = {run["id"]: run for run in list_runs(session, site="laocai")}
    assert recorded[first_run]["sites"]["laocai"]["self_discovery"] == report
    summary = run_summary(
        {
            "run_id": first_run,
            "status": "completed",
            "database_url": sqlite_url,
            "sites": [{**outcome.as_dict(), "top_topics": ""}],
        }
    )
    assert f"Found by self-discovery (correct the profiles in baotinh/papers/):\n  {report}" in (
        summary
    )

    # The second night costs what a configured paper's does: robots.txt, then the feed and the
    # sitemap found the night before, asked for directly and answering "304 Not Modified".
    assert sorted((urlsplit(r.path).path, r.status) for r in second_requests) == [
        ("/robots.txt", 200),
        ("/rss/home.rss", 304),
        ("/sitemaps.xml", 304),
    ]
    assert second.stats["baotinh/listings/skipped_nothing_changed"] == 1
    assert second.stats["baotinh/discovery/self/report"].startswith(
        "laocai: found feed /rss/home.rss and sitemap /sitemaps.xml not in the profile"
    )
