"""Backfills as chunks: one site and one calendar month per chunk, each its own crawl run.

A chunk that ended "completed" is recorded in the store (its crawl run carries the chunk's key),
so running the same backfill again, after a crash or a killed worker, skips it and redoes only
what is missing. The store's upserts make a redone chunk harmless: nothing is stored twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from baotinh.papers import SITES
from db.engine import session_scope
from db.frontier import pending_count, state_counts
from db.models import CrawlRun, Site, SiteCrawl
from db.store import UnknownSiteError

# One backfill request reaches back at most this far; a longer one is a mistake or a job to
# split by hand (each day of a window may cost a day-archive request per site).
MAX_BACKFILL_DAYS = 366

BACKFILL_TRIGGER = "backfill"


@dataclass(frozen=True)
class BackfillChunk:
    site: str
    since: date
    until: date
    refetch: bool = False

    @property
    def key(self) -> str:
        """The chunk's identity in the store: the same chunk of any later run has the same key."""
        return f"{self.site}:{self.since}..{self.until}" + (":refetch" if self.refetch else "")

    @property
    def label(self) -> str:
        return f"{self.site} {self.since:%Y-%m}"


def validate_backfill_request(
    start: date, end: date, sites: Sequence[str] | None, max_days: int = MAX_BACKFILL_DAYS
) -> None:
    """Refuse a request before any work starts, with a message an operator can act on."""
    if end < start:
        raise ValueError(f"the backfill ends ({end}) before it starts ({start}): swap the dates")
    days = (end - start).days + 1
    if days > max_days:
        raise ValueError(
            f"a backfill covers at most {max_days} days; {start} to {end} is {days} days: "
            "run it as several backfills of a year or less"
        )
    unknown = sorted(set(sites or ()) - set(SITES))
    if unknown:
        raise ValueError(
            f"unknown site(s) {', '.join(unknown)}; registered sites: {', '.join(sorted(SITES))}"
        )


def month_chunks(
    sites: Iterable[str], start: date, end: date, refetch: bool = False
) -> list[BackfillChunk]:
    """[start, end] cut at month boundaries, for each site; months in order, site by site."""
    chunks = []
    for site in sites:
        first = start
        while first <= end:
            next_month = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            chunks.append(
                BackfillChunk(site, first, min(end, next_month - timedelta(days=1)), refetch)
            )
            first = next_month
    return chunks


def chunk_run_parameters(chunk: BackfillChunk) -> dict[str, Any]:
    """What a chunk's crawl run records: the resume check reads the "chunk" key back."""
    return {"chunk": chunk.key}


def completed_chunk_keys(engine: Engine, keys: Iterable[str]) -> set[str]:
    """Which of these chunks an earlier run finished ("completed"; a partial or failed one is
    redone)."""
    wanted = set(keys)
    with session_scope(engine) as session:
        parameters = session.scalars(
            select(CrawlRun.parameters).where(
                CrawlRun.trigger == BACKFILL_TRIGGER, CrawlRun.status == "completed"
            )
        )
        # A few rows per site and month: read in Python, which spares a JSON query per dialect.
        done = {(p or {}).get("chunk") for p in parameters}
    return wanted & done


SUMMED_COUNTS = (
    "requests",
    "pages",
    "new_articles",
    "duplicates",
    "errors",
    "discovered",
    "fetched",
    "stored",
)


def chunk_table(engine: Engine, chunks: Sequence[BackfillChunk]) -> list[dict[str, Any]]:
    """Per site, the counts of the latest run of each of its chunks, summed: what the backfill
    achieved, whichever run (this one or an earlier, interrupted one) did each chunk."""
    keys = {chunk.key: chunk for chunk in chunks}
    latest: dict[str, int] = {}
    with session_scope(engine) as session:
        for run_id, parameters in session.execute(
            select(CrawlRun.id, CrawlRun.parameters)
            .where(CrawlRun.trigger == BACKFILL_TRIGGER)
            .order_by(CrawlRun.id)
        ):
            key = (parameters or {}).get("chunk")
            if key in keys:
                latest[key] = run_id
        crawls = session.execute(
            select(SiteCrawl, Site.key)
            .join(Site, Site.id == SiteCrawl.site_id)
            .where(SiteCrawl.run_id.in_(list(latest.values())))
        ).all()
    by_run = {crawl.run_id: (crawl, site) for crawl, site in crawls}
    rows: dict[str, dict[str, Any]] = {}
    for chunk in chunks:
        row = rows.setdefault(
            chunk.site,
            {
                "site": chunk.site,
                "chunks": 0,
                "chunks_done": 0,
                "requests": 0,
                "pages": 0,
                "new_articles": 0,
                "duplicates": 0,
                "errors": 0,
                "discovered": 0,
                "fetched": 0,
                "stored": 0,
                "run_ids": [],
            },
        )
        row["chunks"] += 1
        found = by_run.get(latest.get(chunk.key, -1))
        if found is None:
            continue
        crawl, _ = found
        row["run_ids"].append(crawl.run_id)
        row["chunks_done"] += crawl.status == "completed"
        for name in (*SUMMED_COUNTS,):
            row[name] += getattr(crawl, name)
    with session_scope(engine) as session:
        for row in rows.values():
            # What the site still has waiting now, whichever run left it.
            try:
                counts = state_counts(session, row["site"])
            except UnknownSiteError:
                counts = {}
            row["pending"] = pending_count(counts)
            row["retrying"] = counts.get("retry", 0)
            row["failed"] = counts.get("failed", 0)
    for row in rows.values():
        row["status"] = (
            "completed"
            if row["chunks_done"] == row["chunks"]
            else ("failed" if row["chunks_done"] == 0 else "partial")
        )
    return list(rows.values())


def skipped_months_note(planned: int, skipped: int) -> str | None:
    """What the backfill did not crawl because earlier runs finished it, in words; None when it
    crawled every month. A run that crawled nothing must not read as if it did the work."""
    if not skipped:
        return None
    if skipped == planned:
        return (
            f"nothing crawled: all {planned} month(s) were finished by earlier runs"
            " (redo_done_chunks crawls them again)"
        )
    return f"{planned - skipped} of {planned} month(s) crawled now, {skipped} finished earlier"


def backfill_status(rows: list[dict[str, Any]]) -> str:
    """The whole backfill from its per-site rows: completed, partial, or failed (nothing done)."""
    statuses = {row["status"] for row in rows}
    if statuses <= {"completed"}:
        return "completed"
    return "failed" if statuses == {"failed"} else "partial"
