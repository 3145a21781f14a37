"""Re-extract stored pages after an extractor upgrade and re-label articles after a classifier
upgrade, without crawling."""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_table_artifact

from baotinh.extraction.html import EXTRACTOR_VERSION
from baotinh.jobs.reprocess import relabel_site, reprocess_site
from baotinh.labels.classify import classifier_version
from baotinh.papers import SITES
from db.engine import get_engine
from db.settings import database_url
from flows.nightly import SiteKey


@flow(name="reprocess", log_prints=True)
def reprocess(sites: list[SiteKey] | None = None, everything: bool = False) -> list[dict[str, Any]]:
    """Re-extract stored pages that an older extractor handled, and label again the articles
    an older classifier labelled.

    Args:
        sites: The papers to reprocess; none means every registered paper.
        everything: Re-extract and re-label everything, not only what older versions handled.
    """
    logger = get_run_logger()
    engine = get_engine(database_url())
    rows = []
    for key in sites or sorted(SITES):
        counts = reprocess_site(engine, key, everything=everything)
        labels = relabel_site(engine, key, everything=everything)
        rows.append({"site": key, **vars(counts), "relabelled": labels.labelled})
        logger.info(
            "%s: %d stored page(s) re-extracted, %d updated; %d article(s) re-labelled",
            key,
            counts.pages,
            counts.updated,
            labels.labelled,
        )
    create_table_artifact(
        table=rows,
        key="reprocess-summary",
        description=(
            f"Re-extracted with extractor {EXTRACTOR_VERSION}, labelled by {classifier_version()}"
        ),
    )
    return rows
