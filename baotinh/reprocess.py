"""Re-extracting stored pages after an extractor upgrade, without crawling again."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from baotinh.extract import EXTRACTOR_VERSION
from baotinh.ingest import IngestCounts, ingest_pages, outdated_raw_page_ids
from crawlers.sites import get_site
from crawlers.window import CrawlWindow


def reprocess_site(
    engine: Engine,
    site_key: str,
    everything: bool = False,
    window: CrawlWindow | None = None,
) -> IngestCounts:
    """Re-extract the site's stored pages that an older extractor handled (all of them with
    `everything`); with a window, articles published outside it are left as they are.

    This is the one step the reprocess flow and backfills with `reprocess` run per site: the
    classification work adds re-labelling here.
    """
    page_ids = outdated_raw_page_ids(engine, site_key, EXTRACTOR_VERSION, everything=everything)
    if not page_ids:
        return IngestCounts()
    return ingest_pages(engine, get_site(site_key), page_ids, run_id=None, window=window)
