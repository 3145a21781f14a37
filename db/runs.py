"""Crawl runs in the store: a run and its papers' crawls started and finished with their counts,
and the views operators read (`baotinh runs`, `baotinh errors`)."""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import dialect_insert
from db.models import (
    RUN_STATUSES,
    CrawlErrorRow,
    CrawlRun,
    Site,
    SiteCrawl,
    utcnow,
)
from db.store import site_id_for

FINISHED_STATUSES = tuple(s for s in RUN_STATUSES if s != "running")
SITE_CRAWL_COUNTS = (
    "requests",
    "pages",
    "new_articles",
    "updated_articles",
    "duplicates",
    "errors",
    "discovered",
    "fetched",
    "stored",
    "pending",
    "retrying",
    "failed",
)


def start_run(
    session: Session,
    trigger: str,
    parameters: dict[str, Any] | None = None,
    prefect_flow_run_id: str | None = None,
) -> CrawlRun:
    """A new "running" run, recorded with this host and process (see db.liveness)."""
    now = utcnow()
    run = CrawlRun(
        started_at=now,
        status="running",
        trigger=trigger,
        parameters=parameters,
        prefect_flow_run_id=prefect_flow_run_id,
        host=socket.gethostname(),
        pid=os.getpid(),
        heartbeat_at=now,
    )
    session.add(run)
    session.flush()
    return run


def finish_run(session: Session, run_id: int, status: str, note: str | None = None) -> CrawlRun:
    """Close a run as "completed", "partial", "failed" or "crashed", with what a person should
    know about how it ended."""
    check_status(status, FINISHED_STATUSES)
    run = session.get(CrawlRun, run_id, populate_existing=True)
    if run is None:
        raise LookupError(f"no crawl run {run_id}")
    run.status = status
    run.finished_at = utcnow()
    if note:
        run.note = note
    session.flush()
    return run


def start_site_crawl(session: Session, run_id: int, site_key: str) -> SiteCrawl:
    """The (run, site) row, created if needed; a retried task gets the same row back, running."""
    site_id = site_id_for(session, site_key)
    insert = dialect_insert(session)
    session.execute(
        insert(SiteCrawl)
        .values(run_id=run_id, site_id=site_id, started_at=utcnow(), status="running")
        .on_conflict_do_nothing(index_elements=[SiteCrawl.run_id, SiteCrawl.site_id])
    )
    crawl = session.execute(
        select(SiteCrawl)
        .where(SiteCrawl.run_id == run_id, SiteCrawl.site_id == site_id)
        .execution_options(populate_existing=True)
    ).scalar_one()
    if crawl.status != "running":
        crawl.status = "running"
        crawl.finished_at = None
        session.flush()
    return crawl


def finish_site_crawl(
    session: Session,
    site_crawl_id: int,
    status: str,
    self_discovery: str | None = None,
    **counts: int,
) -> SiteCrawl:
    """Close a site crawl; `counts` (requests, pages, new_articles, updated_articles, duplicates,
    errors) are totals that replace the stored values, so a retry cannot double them;
    `self_discovery` is what the crawl found that the profile does not say."""
    check_status(status, FINISHED_STATUSES)
    unknown = set(counts) - set(SITE_CRAWL_COUNTS)
    if unknown:
        raise TypeError(f"unknown counts {sorted(unknown)}; expected some of {SITE_CRAWL_COUNTS}")
    crawl = session.get(SiteCrawl, site_crawl_id, populate_existing=True)
    if crawl is None:
        raise LookupError(f"no site crawl {site_crawl_id}")
    for name, value in counts.items():
        setattr(crawl, name, int(value))
    crawl.self_discovery = self_discovery
    crawl.status = status
    crawl.finished_at = utcnow()
    session.flush()
    return crawl


def latest_run_id(session: Session, with_errors: bool = False) -> int | None:
    """The newest run's id (with `with_errors`, the newest that recorded an error), or None."""
    if with_errors:
        return session.scalar(select(func.max(CrawlErrorRow.run_id)))
    return session.scalar(select(func.max(CrawlRun.id)))


def run_errors(
    session: Session, run_id: int
) -> tuple[CrawlRun, list[tuple[CrawlErrorRow, str | None]]] | None:
    """A run and its recorded errors in the order they happened, each with its paper's key (None
    for an error no paper owns); None when there is no such run."""
    run = session.get(CrawlRun, run_id)
    if run is None:
        return None
    rows = session.execute(
        select(CrawlErrorRow, Site.key)
        .outerjoin(Site, Site.id == CrawlErrorRow.site_id)
        .where(CrawlErrorRow.run_id == run_id)
        .order_by(CrawlErrorRow.id)
    ).all()
    return run, [(error, key) for error, key in rows]


def list_runs(session: Session, limit: int = 50, site: str | None = None) -> list[dict[str, Any]]:
    """The latest runs, newest first, with per-site counts; times as ISO 8601 strings. With
    `site`, only the runs that crawled that paper, each with that paper's counts only."""
    query = select(CrawlRun)
    if site is not None:
        query = query.where(
            CrawlRun.id.in_(
                select(SiteCrawl.run_id)
                .join(Site, Site.id == SiteCrawl.site_id)
                .where(Site.key == site)
            )
        )
    runs = session.scalars(
        query.order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(limit)
    ).all()
    sites_by_run: dict[int, dict[str, dict[str, Any]]] = {run.id: {} for run in runs}
    if runs:
        crawls = session.execute(
            select(SiteCrawl, Site.key)
            .join(Site, Site.id == SiteCrawl.site_id)
            .where(SiteCrawl.run_id.in_(sites_by_run), *([Site.key == site] if site else []))
            .order_by(Site.key)
        )
        for crawl, key in crawls:
            sites_by_run[crawl.run_id][key] = {
                **{name: getattr(crawl, name) for name in SITE_CRAWL_COUNTS},
                "status": crawl.status,
                "self_discovery": crawl.self_discovery,
            }
    return [
        {
            "id": run.id,
            "started_at": _iso(run.started_at),
            "finished_at": _iso(run.finished_at),
            "status": run.status,
            "trigger": run.trigger,
            "note": run.note,
            "sites": sites_by_run[run.id],
        }
        for run in runs
    ]


def check_status(status: str, allowed: Sequence[str]) -> None:
    if status not in allowed:
        raise ValueError(f"status {status!r} is not one of {allowed}")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
