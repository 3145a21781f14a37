"""Crawl a sample site as the flow does (real spider subprocess, real ingest), without Prefect."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import select

from baotinh.core.window import CrawlWindow
from baotinh.jobs.crawl import CrawlPlan, CrawlResult, run_spider
from baotinh.jobs.ingest import IngestCounts, ingest_pages, pending_raw_page_ids
from baotinh.papers import get_site
from baotinh.samplesite import SampleSite
from baotinh.samplesite.server import SampleSiteServer
from db.engine import make_engine, session_scope
from db.models import Article, CrawlFrontier
from db.runs import start_run
from db.store import sync_sites


@contextmanager
def serving(*sites: SampleSite) -> Iterator[SampleSiteServer]:
    """Serve these exact site objects (which a test may have edited) on a free port."""
    server = SampleSiteServer(list(sites))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class SiteCrawler:
    def __init__(self, site_key: str, database_url: str, log_dir: Path) -> None:
        self.site_key = site_key
        self.database_url = database_url
        self.engine = make_engine(database_url)
        self.log_dir = log_dir
        self.last_ingest = IngestCounts()
        self.last_run_id: int | None = None
        with session_scope(self.engine) as session:
            sync_sites(session, [get_site(site_key)])

    def run(self, server: SampleSiteServer, plan: CrawlPlan | None = None) -> CrawlResult:
        with session_scope(self.engine) as session:
            run_id = start_run(session, "test").id
        self.last_run_id = run_id
        result = run_spider(
            self.site_key,
            run_id,
            self.database_url,
            mirrors=server.mirrors,
            plan=plan,
            polite=False,
            timeout_s=180,
            log_dir=self.log_dir,
        )
        assert result.ok, Path(result.log_path).read_text()[-3000:]
        window = CrawlWindow.parse(plan.since, plan.until) if plan else None
        # As the flow does: every page still waiting, not only this run's.
        pages = pending_raw_page_ids(self.engine, self.site_key, window)
        self.last_ingest = ingest_pages(self.engine, get_site(self.site_key), pages, run_id, window)
        return result

    def a_night_passes(self, nights: int = 1) -> None:
        """Move the frontier's retry times back as if `nights` nights had passed since the last
        run (the store's clock is the real one; its retry back-off is hours)."""
        with session_scope(self.engine) as session:
            for row in session.scalars(
                select(CrawlFrontier).where(CrawlFrontier.next_attempt_at.is_not(None))
            ):
                row.next_attempt_at -= timedelta(days=nights)

    def frontier(self) -> dict[str, str]:
        """The state of each URL in the frontier, by path."""
        with session_scope(self.engine) as session:
            return {
                urlsplit(url).path: state
                for url, state in session.execute(select(CrawlFrontier.url, CrawlFrontier.state))
            }

    def stored(self) -> dict[str, Article]:
        """Stored articles by the path of their canonical URL."""
        with session_scope(self.engine) as session:
            return {
                urlsplit(article.canonical_url).path: article
                for article in session.scalars(select(Article))
            }

    def stored_paths(self) -> set[str]:
        return set(self.stored())
