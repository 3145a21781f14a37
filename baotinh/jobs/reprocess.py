"""Re-extracting and re-labelling stored pages after an upgrade, without crawling again."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from baotinh.core.window import CrawlWindow
from baotinh.extraction.html import EXTRACTOR_VERSION
from baotinh.jobs.ingest import IngestCounts, ingest_pages, outdated_raw_page_ids
from baotinh.jobs.labelling import RelabelCounts, relabel
from baotinh.papers import get_site


def reprocess_site(
    engine: Engine,
    site_key: str,
    everything: bool = False,
    window: CrawlWindow | None = None,
) -> IngestCounts:
    """Re-extract the site's stored pages that an older extractor handled, or that no layout of
    the paper's profile fitted (all of them with `everything`), each with the layout that fits
    it now; with a window, articles published outside it are left as they are.

    This is the one step the reprocess flow and backfills with `reprocess` run per site; the
    articles it stores anew are labelled as they are stored (`relabel_site` catches up the rest).
    """
    profile = get_site(site_key)
    page_ids = outdated_raw_page_ids(
        engine,
        site_key,
        EXTRACTOR_VERSION,
        everything=everything,
        # Pages extracted with no layout of the paper, or one it no longer has, are redone
        # with the layouts it has now: after a redesign's layout was added, for instance.
        layouts=tuple(layout.version for layout in profile.effective_layouts),
    )
    if not page_ids:
        return IngestCounts()
    return ingest_pages(engine, profile, page_ids, run_id=None, window=window, keep_history=False)


def relabel_site(engine: Engine, site_key: str, everything: bool = False) -> RelabelCounts:
    """Label again the site's articles whose labels an older classifier made (all of them with
    `everything`): after a new topic model or new campaign rules, without crawling."""
    return relabel(engine, site_key, everything=everything)
