"""Backfills: a window of dates on some sites, cut into chunks of one site and one month.

Started from a deployment (the Prefect UI, the API), each chunk is a run of the `backfill-chunk`
deployment, so every worker on the pool can take one; started in-process (the CLI, tests in
ephemeral mode), the chunks run one after the other as subflows. Chunks an earlier run finished
are skipped: a backfill killed half-way is resumed by running it again.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import date
from typing import Any

from prefect import flow, get_run_logger
from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.runtime import deployment
from prefect.states import State

from baotinh.core.window import CrawlWindow
from baotinh.jobs import crawl
from baotinh.jobs.backfill import (
    BACKFILL_TRIGGER,
    BackfillChunk,
    backfill_status,
    chunk_run_parameters,
    chunk_table,
    completed_chunk_keys,
    month_chunks,
    skipped_months_note,
    validate_backfill_request,
)
from baotinh.jobs.reprocess import reprocess_site
from baotinh.papers import enabled_sites
from db.engine import get_engine
from db.settings import database_url
from flows.nightly import SiteKey, run_sites, settings_or_failure
from flows.run_record import publish_and_finish

CHUNK_DEPLOYMENT = "backfill-chunk/backfill-chunk"
CHUNK_POLL_S = 2.0


@flow(name="backfill-chunk", flow_run_name="{site} {since}..{until}", log_prints=True)
def backfill_chunk(site: SiteKey, since: date, until: date, refetch: bool = False) -> State:
    """One site over one window (a month of a backfill): one crawl run in the store."""
    settings = settings_or_failure()
    if isinstance(settings, State):
        return settings
    chunk = BackfillChunk(site, since, until, refetch)
    summary = run_sites(
        [site],
        settings,
        BACKFILL_TRIGGER,
        crawl.CrawlPlan(since=str(since), until=str(until), refetch=refetch),
        extra_parameters=chunk_run_parameters(chunk),
    )
    return publish_and_finish(
        summary, "backfill-chunk-summary", [summary["run_id"]], f"Backfill chunk {chunk.key}"
    )


@flow(name="backfill", log_prints=True)
def backfill(
    start: date,
    end: date,
    # Prefect hands each run its own copy, so the shared default is safe; the form shows [] as
    # a multi-select with nothing chosen, where None would need a list/None switch.
    sites: list[SiteKey] = [],  # noqa: B006
    refetch: bool = False,
    reprocess: bool = False,
    redo_done_chunks: bool = False,
) -> State:
    """Reach back to exactly [start, end] on some papers, month by month.

    Args:
        start: The first day of the window (Vietnam time), included.
        end: The last day of the window, included; at most a year after the start.
        sites: The papers to backfill; none chosen means every enabled paper.
        refetch: Fetch pages already stored again (after a site fixed its pages).
        reprocess: Afterwards, re-extract the window's stored pages an older extractor handled.
        redo_done_chunks: Crawl again the months an earlier backfill already finished.

    How each month is crawled (politeness, time limits, retries, mirrors, logs) is the setting
    of the worker that crawls it, not a parameter: see `baotinh.jobs.crawl_settings`.
    """
    validate_backfill_request(start, end, sites)  # before any work starts
    settings = settings_or_failure()
    if isinstance(settings, State):
        return settings
    logger = get_run_logger()
    keys = list(sites or enabled_sites())
    engine = get_engine(database_url())
    planned = month_chunks(keys, start, end, refetch)
    done = set() if redo_done_chunks else completed_chunk_keys(engine, (c.key for c in planned))
    todo = [chunk for chunk in planned if chunk.key not in done]
    logger.info(
        "backfill %s..%s on %s: %d chunk(s), %d already done, %d to run",
        start,
        end,
        ", ".join(keys),
        len(planned),
        len(done),
        len(todo),
    )
    if deployment.id:
        # Generous: every try of every month of the paper with the most months (they queue on
        # its slot), with the backoff between tries. The children run on workers configured
        # like this one's.
        tries = settings.retries + 1
        per_chunk_s = (settings.timeout_s + settings.retry_delay_s * 2**settings.retries) * tries
        months = Counter(chunk.site for chunk in todo)
        _run_chunks_on_workers(todo, per_chunk_s * max(months.values(), default=0) + 600)
    else:
        for chunk in todo:
            backfill_chunk(chunk.site, chunk.since, chunk.until, chunk.refetch, return_state=True)

    if reprocess:
        window = CrawlWindow(start, end)
        for key in keys:
            counts = reprocess_site(engine, key, window=window)
            logger.info(
                "%s: %d stored page(s) re-extracted, %d updated", key, counts.pages, counts.updated
            )

    rows = chunk_table(engine, planned)
    status = backfill_status(rows)
    summary: dict[str, Any] = {
        "status": status,
        "trigger": "backfill",
        "sites": rows,
        "months": len(planned),
        "months_crawled": len(todo),
        "note": skipped_months_note(len(planned), len(done)),
    }
    run_ids = sorted({run_id for row in rows for run_id in row["run_ids"]})
    return publish_and_finish(summary, "backfill-summary", run_ids, f"Backfill {start}..{end}")


def _run_chunks_on_workers(todo: list[BackfillChunk], deadline_s: float) -> None:
    """Start a `backfill-chunk` run per chunk (any worker on the pool takes it) and wait for
    them; a chunk still running at the deadline is left to a later run of the backfill."""
    logger = get_run_logger()
    started = {}
    for chunk in todo:
        child = run_deployment(
            CHUNK_DEPLOYMENT,
            parameters={
                "site": chunk.site,
                "since": chunk.since.isoformat(),
                "until": chunk.until.isoformat(),
                "refetch": chunk.refetch,
            },
            timeout=0,  # start, don't wait: the chunks run side by side
            as_subflow=True,
        )
        started[child.id] = chunk
    deadline = time.monotonic() + deadline_s
    pending = dict(started)
    with get_client(sync_client=True) as client:
        while pending and time.monotonic() < deadline:
            time.sleep(CHUNK_POLL_S)
            for run_id, chunk in list(pending.items()):
                state = client.read_flow_run(run_id).state
                if state is not None and state.is_final():
                    del pending[run_id]
                    logger.info(
                        "chunk %s: %s (%d of %d chunks left)",
                        chunk.key,
                        state.name,
                        len(pending),
                        len(started),
                    )
    for chunk in pending.values():
        logger.warning("chunk %s did not finish in time; a later run will redo it", chunk.key)
