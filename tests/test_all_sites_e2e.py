"""Every paper with a sample copy: a crawl over HTTP finds every article, and each is stored with
the fields its page shows. This is the test a new paper must pass (docs/adding-a-site.md).
A paper with a generic profile is crawled through self-discovery instead:
tests/test_self_discovery_e2e.py."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from baotinh.papers import get_site
from baotinh.samplesite import available_sites, load_site
from db.engine import session_scope
from db.models import CrawlErrorRow, RawPage
from tests.support.crawling import SiteCrawler, serving

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("key", [key for key in available_sites() if not get_site(key).generic])
def test_sample_site_crawls_and_extracts_field_by_field(
    key: str, sqlite_url: str, tmp_path: Path
) -> None:
    site = load_site(key)
    crawler = SiteCrawler(key, sqlite_url, tmp_path)
    with serving(site) as server:
        crawler.run(server)
    stored = crawler.stored()

    assert set(stored) == {article.path for article in site.articles}
    for expected in site.articles:
        article = stored[expected.path]
        where = f"{key}{expected.path}"
        assert article.canonical_url == site.base_url + expected.path, where
        assert article.title == expected.title, where
        assert article.lead == expected.lead, where
        assert article.published_at == expected.published, where
        assert article.authors == expected.authors, where
        assert article.section == expected.section, where
        assert article.tags == expected.tags, where
        assert article.text.split("\n") == expected.paragraphs, where
        for chrome in site.chrome_snippets:
            assert chrome not in article.text, f"{where}: kept chrome {chrome!r}"

    with session_scope(crawler.engine) as session:
        errors = {
            (urlsplit(row.url).path, row.kind) for row in session.scalars(select(CrawlErrorRow))
        }
        redirected = [
            (page.url, page.final_url)
            for page in session.scalars(select(RawPage))
            if page.url != page.final_url
        ]
    for fault in site.faults:
        assert (fault.path, fault.kind) in errors, f"{key}: {fault}"
    if site.info.get("former_domain_links_before"):
        # Old links through the former domain were followed to the current one.
        assert redirected
        for url, final_url in redirected:
            assert urlsplit(url).hostname in site.former_domains
            assert urlsplit(final_url).hostname == site.domain
