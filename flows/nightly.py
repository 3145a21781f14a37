"""The nightly and backfill flows: for each site, crawl → extract → exact dedupe → upsert;
then a summary.

The flow only orchestrates; every step is a plain function in `baotinh`, tested without Prefect.
A site that fails fails its own part: the run goes on and ends "partial".
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.runtime import flow_run

from baotinh import crawl, ingest, runs
from crawlers.sites import SITES, get_site
from crawlers.window import CrawlWindow
from db.engine import get_engine, session_scope
from db.settings import database_url
from db.store import finish_run, start_run, sync_sites

DEFAULT_CRAWL_TIMEOUT_S = 2 * 3600


# cache_policy=NONE: a crawl with the same arguments tonight must crawl again, never replay.
@task(name="crawl-site", task_run_name="crawl {site}", cache_policy=NONE)
def crawl_site(
    site: str,
    run_id: int,
    db_url: str,
    mirrors: dict[str, str] | None,
    plan: crawl.CrawlPlan,
    polite: bool,
    timeout_s: float,
    log_dir: str,
) -> crawl.CrawlResult:
    return crawl.run_spider(
        site,
        run_id,
        db_url,
        mirrors=mirrors,
        plan=plan,
        polite=polite,
        timeout_s=timeout_s,
        log_dir=Path(log_dir),
        progress=get_run_logger().info,
    )


@task(name="extract-and-store", task_run_name="extract {site}", cache_policy=NONE)
def extract_and_store(
    site: str, run_id: int, db_url: str, window: CrawlWindow
) -> ingest.IngestCounts:
    engine = get_engine(db_url)
    page_ids = ingest.raw_page_ids_of_run(engine, site, run_id)
    get_run_logger().info("%s: extracting %d fetched article pages", site, len(page_ids))
    return ingest.ingest_pages(engine, get_site(site), page_ids, run_id, window)


def run_sites(
    sites: list[str] | None,
    mirrors: dict[str, str] | None,
    polite: bool,
    trigger: str,
    plan: crawl.CrawlPlan,
    crawl_timeout_s: float,
    log_dir: str,
) -> dict[str, Any]:
    """One crawl run over `sites` (default: every registered site); one site's failure fails
    only its own part. Called from inside a flow."""
    logger = get_run_logger()
    keys = sites or sorted(SITES)
    profiles = [get_site(key) for key in keys]
    window = CrawlWindow.parse(plan.since, plan.until)
    db_url = database_url()
    engine = get_engine(db_url)
    with session_scope(engine) as session:
        sync_sites(session, profiles)
        run_id = start_run(
            session,
            trigger,
            parameters={"sites": keys, "polite": polite, **asdict(plan)},
            prefect_flow_run_id=str(flow_run.get_id() or "") or None,
        ).id
    logger.info("run %d (%s): %d site(s): %s", run_id, trigger, len(keys), ", ".join(keys))

    outcomes: list[runs.SiteOutcome] = []
    for position, profile in enumerate(profiles, start=1):
        logger.info("[%d/%d] %s: crawling", position, len(profiles), profile.name)
        site_crawl_id = runs.open_site_crawl(engine, run_id, profile)
        result: crawl.CrawlResult | None = None
        counts = ingest.IngestCounts()
        try:
            result = crawl_site(
                profile.key, run_id, db_url, mirrors, plan, polite, crawl_timeout_s, log_dir
            )
            counts = extract_and_store(profile.key, run_id, db_url, window)
        except Exception:  # one site's failure must not end the night
            logger.exception("%s: failed", profile.key)
        outcome = runs.close_site_crawl(engine, site_crawl_id, run_id, profile, result, counts)
        outcomes.append(outcome)
        logger.info(
            "[%d/%d] %s: %s, %d requests, %d pages, %d new, %d errors",
            position,
            len(profiles),
            profile.key,
            outcome.status,
            outcome.requests,
            outcome.pages,
            outcome.new_articles,
            outcome.errors,
        )

    status = runs.run_status(outcomes)
    with session_scope(engine) as session:
        finish_run(session, run_id, status)
    logger.info("run %d %s", run_id, status)
    return {
        "run_id": run_id,
        "status": status,
        "trigger": trigger,
        "database_url": db_url,
        "sites": [outcome.as_dict() for outcome in outcomes],
    }


@flow(name="nightly", log_prints=True)
def nightly(
    sites: list[str] | None = None,
    mirrors: dict[str, str] | None = None,
    polite: bool = True,
    trigger: str = "nightly",
    crawl_timeout_s: float = DEFAULT_CRAWL_TIMEOUT_S,
    log_dir: str = "var/logs",
) -> dict[str, Any]:
    """Crawl every enabled site (or `sites`) and store what is new. Returns the run's summary.

    `mirrors` maps domains to local copies ({"baobacgiang.com.vn": "http://127.0.0.1:8701"}):
    the demo and the tests crawl the sample sites that way.
    """
    return run_sites(sites, mirrors, polite, trigger, crawl.CrawlPlan(), crawl_timeout_s, log_dir)


@flow(name="backfill", log_prints=True)
def backfill(
    start: date,
    end: date,
    sites: list[str] | None = None,
    refetch: bool = False,
    mirrors: dict[str, str] | None = None,
    polite: bool = True,
    crawl_timeout_s: float = DEFAULT_CRAWL_TIMEOUT_S,
    log_dir: str = "var/logs",
) -> dict[str, Any]:
    """Reach back to exactly [start, end] (inclusive) on `sites`; stored pages are fetched again
    only with `refetch`."""
    CrawlWindow.parse(start, end)  # refuse a bad window before any work starts
    plan = crawl.CrawlPlan(since=str(start), until=str(end), refetch=refetch)
    return run_sites(sites, mirrors, polite, "backfill", plan, crawl_timeout_s, log_dir)
