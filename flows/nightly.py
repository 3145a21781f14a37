"""The nightly flow: for each site, crawl → extract → exact dedupe → upsert; then a summary.

The flow only orchestrates; every step is a plain function in `baotinh`, tested without Prefect.
A site that fails fails its own part: the run goes on and ends "Partial" (a Completed state of
that name), or Failed when no site succeeded, which is what the operators' automation watches.
"""

from __future__ import annotations

import contextlib
import os
import queue
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, Literal, TypeVar

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.concurrency.sync import concurrency
from prefect.futures import PrefectFuture, as_completed
from prefect.runtime import flow_run
from prefect.states import Failed, State

from baotinh.core.window import CrawlWindow
from baotinh.jobs import crawl, ingest, runs
from baotinh.jobs.batch_crawl import (
    BatchCrawl,
    admit_as_they_come,
    finish_all,
    start_batches,
)
from baotinh.jobs.crawl_settings import (
    CrawlSettings,
    CrawlSettingsError,
    current_settings,
    in_process_head_start,
    in_process_trigger,
)
from baotinh.papers import SITES, SiteProfile, enabled_sites, get_site
from crawlers.storage import DEFAULT_STORE_WAIT_S
from db.engine import get_engine
from db.liveness import Heartbeat
from db.resilience import run_with_store_retry
from db.settings import database_url
from flows.run_record import crash_in_prefect, publish_and_finish
from flows.slots import PaperSlots

T = TypeVar("T")

# A crashed worker's slot on a site frees itself this long after its last renewal (the
# server's minimum); a live crawl renews it for as long as it runs.
SITE_SLOT_LEASE_S = 60

# How long a run of many papers waits for each paper's slot before leaving that paper to be
# crawled on its own, after the others.
SLOT_TRY_S = 5

# The registered papers, as the parameter type: the deployment's schema lists them, so the
# Prefect UI offers a multi-select and the API refuses an unknown key.
SiteKey = Literal[tuple(sorted(SITES))]  # type: ignore[valid-type]


def site_slot_name(site: str) -> str:
    """The global concurrency limit (one slot) that keeps two runs from crawling one site."""
    return f"crawl-site-{site}"


class CrawlFailed(Exception):
    """A crawl that ended without answers or with a crashed spider: worth another try."""

    def __init__(self, result: crawl.CrawlResult, problem: str | None) -> None:
        super().__init__(f"{result.site}: {problem}")
        self.result = result


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
    # Waits while another run (a backfill chunk, last night's overrun) crawls this site; without
    # the limit on the server (ephemeral mode, the CLI) it goes straight on.
    with concurrency(
        site_slot_name(site), occupy=1, timeout_seconds=timeout_s, lease_duration=SITE_SLOT_LEASE_S
    ):
        result = crawl.run_spider(
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
    status, problem = runs.site_status(result)
    # A crawl that hit its time limit is not retried: another would take as long.
    if status == "failed" and not result.timed_out:
        raise CrawlFailed(result, problem)
    return result


@task(name="crawl-papers", task_run_name="crawl {sites}", cache_policy=NONE)
def crawl_papers(
    sites: list[str],
    run_id: int,
    db_url: str,
    settings: CrawlSettings,
    plan: crawl.CrawlPlan,
    ended: Callable[[crawl.CrawlResult], None] | None = None,
    started: BatchCrawl | None = None,
) -> dict[str, crawl.CrawlResult]:
    """Crawl the papers whose slot is free now, in one process or a few (`start_batches`); a paper
    another run is crawling is left out (the caller crawls it on its own, waiting for it). The
    process starts at once and each paper is admitted as its slot is taken; as each paper's
    crawl ends, its result is handed to `ended` and its slot given back, while the others crawl
    on. A crawl `started` ahead of the flow (the demo's) is listened to and waited for."""
    logger = get_run_logger()
    if started is not None:
        started.listen(logger.info, ended)
        return started.finish()
    with PaperSlots(SITE_SLOT_LEASE_S, logger.warning) as slots:
        papers = {site_slot_name(site): site for site in sites}

        def free_papers() -> Iterator[str]:
            taken = set()
            for name in slots.take_each(papers, SLOT_TRY_S):
                taken.add(papers[name])
                yield papers[name]
            for site in sites:
                if site not in taken:
                    logger.info("%s: another run is crawling it; it waits for its turn", site)

        def paper_ended(result: crawl.CrawlResult) -> None:
            if ended is not None:
                ended(result)
            slots.release(site_slot_name(result.site))

        batches = start_batches(sites, run_id, db_url, settings, plan, admit_all=False)
        for batch in batches:
            batch.listen(logger.info, paper_ended)
        admit_as_they_come(batches, free_papers())
        return finish_all(batches)


@task(name="extract-and-store", task_run_name="extract {site}", cache_policy=NONE)
def extract_and_store(
    site: str, run_id: int, db_url: str, window: CrawlWindow
) -> ingest.IngestCounts:
    # Every page of the site still waiting, not only tonight's: a run that died between its
    # crawl and its ingest left some.
    engine = get_engine(db_url)
    page_ids = ingest.pending_raw_page_ids(engine, site, window)
    get_run_logger().info("%s: extracting %d fetched article pages", site, len(page_ids))
    return ingest.ingest_pages(engine, get_site(site), page_ids, run_id, window)


# One task run for all the papers of a many-paper crawl, not one each: a task run costs the
# Prefect server about 40 ms of CPU (its three state events), a quarter of what a small paper
# costs (measured on 40 papers). Each paper's outcome is still one line of the run's log.
@task(name="extract-papers", task_run_name="extract papers as their crawls end", cache_policy=NONE)
def extract_papers(
    ended: queue.SimpleQueue[crawl.CrawlResult | None],
    finish: Callable[[crawl.CrawlResult], None],
) -> None:
    """Hand each paper's crawl result to `finish` as it comes, until the end of the crawl
    (None)."""
    while (result := ended.get()) is not None:
        finish(result)


def run_sites(
    sites: list[str] | None,
    settings: CrawlSettings,
    trigger: str,
    plan: crawl.CrawlPlan,
    extra_parameters: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One crawl run over `sites` (default: every enabled site); one site's failure fails
    only its own part. Called from inside a flow."""
    logger = get_run_logger()
    keys = list(sites or enabled_sites())
    profiles = [get_site(key) for key in keys]
    window = CrawlWindow.parse(plan.since, plan.until)
    db_url = database_url()
    engine = get_engine(db_url)
    store_wait_s = float(os.environ.get("BAOTINH_STORE_WAIT_S") or DEFAULT_STORE_WAIT_S)

    def in_store(work: Callable[[], T]) -> T:
        """Store work of the run itself, waiting out an outage like the crawl's writes do."""
        return run_with_store_retry(
            work,
            budget_s=store_wait_s,
            on_wait=lambda error: logger.warning("the store is unreachable (%s): waiting", error),
        )

    prefect_flow_run_id = str(flow_run.get_id() or "") or None
    # The demo opened the run and started its crawl while Prefect started: take both over.
    head_start = in_process_head_start()
    if head_start is not None and head_start.sites == keys:
        head_start.hand_over()
        opened = head_start.opened
        in_store(partial(runs.attach_flow_run, engine, opened.run_id, prefect_flow_run_id))
    else:
        head_start = None
        parameters = runs.run_parameters(keys, settings, plan, extra_parameters)
        opened = in_store(
            partial(runs.open_run, engine, profiles, trigger, parameters, prefect_flow_run_id)
        )
    run_id = opened.run_id
    for note in opened.notes:
        logger.warning(note)
    crash_in_prefect(opened.crashed)
    logger.info("run %d (%s): %d site(s): %s", run_id, trigger, len(keys), ", ".join(keys))
    crawl_with_retries = crawl_site.with_options(
        retries=settings.retries,
        retry_delay_seconds=runs.backoff_delays(settings.retries, settings.retry_delay_s),
        # Retries of several sites failing together should not hit the network in step.
        retry_jitter_factor=0.2 if settings.retries else None,
    )

    outcomes: dict[str, runs.SiteOutcome] = {}
    status = "failed"
    note: str | None = None

    def finish_paper(
        profile: SiteProfile,
        site_crawl_id: int,
        crawled: Callable[[], crawl.CrawlResult],
        extract: Callable[..., ingest.IngestCounts] = extract_and_store,
    ) -> None:
        """The paper's crawl has ended: extract and store what it fetched (`extract`: the task,
        or its plain function inside a task of many papers), record its outcome."""
        result: crawl.CrawlResult | None = None
        counts = ingest.IngestCounts()
        try:
            result = crawled()
            counts = in_store(partial(extract, profile.key, run_id, db_url, window))
        except CrawlFailed as failure:
            result = failure.result
            logger.error("%s: failed after %d retries: %s", profile.key, settings.retries, failure)
        except Exception:  # one site's failure must not end the night
            logger.exception("%s: failed", profile.key)
        outcome = in_store(
            partial(runs.close_site_crawl, engine, site_crawl_id, run_id, profile, result, counts)
        )
        outcomes[profile.key] = outcome
        logger.info(
            "[%d/%d] %s: %s, %d requests, %d new, %d pending, %d retrying, %d errors",
            len(outcomes),
            len(profiles),
            profile.key,
            outcome.status,
            outcome.requests,
            outcome.new_articles,
            outcome.pending,
            outcome.retrying,
            outcome.errors,
        )
        if outcome.self_discovery:
            logger.warning("self-discovery: %s", outcome.self_discovery)

    try:
        with Heartbeat(engine, run_id):
            site_crawls = {
                profile.key: in_store(partial(runs.open_site_crawl, engine, run_id, profile))
                for profile in profiles
            }
            # Several papers: one process crawls them all, `parallel_papers` at a time, each
            # within its own politeness, slot and time limit (a process start costs more than
            # a small paper's crawl). Each paper is extracted and stored here as soon as its
            # crawl ends, while that process crawls the others (on another core).
            alone = list(profiles)
            if head_start is not None or (len(profiles) > 1 and settings.parallel_papers > 1):
                logger.info("crawling %d papers in one process", len(profiles))
                by_key = {profile.key: profile for profile in profiles}
                answered: set[str] = set()

                def crawl_ended(result: crawl.CrawlResult) -> None:
                    if _worth_crawling_alone(result):
                        return
                    answered.add(result.site)
                    profile = by_key[result.site]
                    finish_paper(
                        profile,
                        site_crawls[profile.key],
                        lambda: result,
                        extract=extract_and_store.fn,
                    )

                ended: queue.SimpleQueue[crawl.CrawlResult | None] = queue.SimpleQueue()
                crawling = crawl_papers.submit(
                    keys,
                    run_id,
                    db_url,
                    settings,
                    plan,
                    ended.put,
                    started=head_start.crawl if head_start is not None else None,
                )
                # After the last paper's result, however the crawl ended.
                crawling.add_done_callback(lambda _: ended.put(None))
                extract_papers(ended, crawl_ended)
                crawling.result()  # the crawl's own failure fails the run, as before
                alone = [profile for profile in profiles if profile.key not in answered]
            # The rest (a single paper, one another run was crawling, one that got no answer)
            # crawl each in its own process with retries, side by side; each is extracted and
            # stored as soon as its crawl ends, while the others go on.
            crawling: dict[PrefectFuture, SiteProfile] = {}
            for profile in alone:
                if len(crawling) >= settings.parallel_papers:
                    ended = next(as_completed(list(crawling)))
                    ended_profile = crawling.pop(ended)
                    finish_paper(ended_profile, site_crawls[ended_profile.key], ended.result)
                logger.info("%s: crawling", profile.name)
                crawled = crawl_with_retries.submit(
                    profile.key,
                    run_id,
                    db_url,
                    settings.mirrors,
                    plan,
                    settings.polite,
                    settings.timeout_s,
                    str(settings.log_dir),
                )
                crawling[crawled] = profile
            for ended in as_completed(list(crawling)):
                ended_profile = crawling.pop(ended)
                finish_paper(ended_profile, site_crawls[ended_profile.key], ended.result)
        status = runs.run_status(list(outcomes.values()))
    except BaseException as exc:
        # Cancelled, terminated, or the store never came back: say so in the run's record
        # (best effort: the store may be what failed), then let it end the flow.
        note = f"interrupted: {type(exc).__name__}: {str(exc)[:300]}"
        with contextlib.suppress(Exception):
            in_store(partial(runs.finish_run_record, engine, run_id, "failed", note))
        raise
    in_store(partial(runs.finish_run_record, engine, run_id, status, note))
    logger.info("run %d %s", run_id, status)
    return {
        "run_id": run_id,
        "status": status,
        "trigger": trigger,
        "database_url": db_url,
        "sites": [
            {**outcome.as_dict(), "top_topics": runs.top_topics(engine, run_id, outcome.site)}
            # In the order asked for, whichever paper finished first.
            for outcome in (outcomes[key] for key in keys if key in outcomes)
        ],
    }


def _worth_crawling_alone(result: crawl.CrawlResult) -> bool:
    """A paper of a many-paper crawl that failed in a way another try may mend (no answer, a
    crashed spider); one that hit its time limit would take as long again."""
    status, _ = runs.site_status(result)
    return status == "failed" and not result.timed_out


@flow(name="nightly", log_prints=True)
def nightly(sites: list[SiteKey] | None = None) -> State:
    """Crawl every enabled paper (or `sites`) and store what is new; the final state's data
    is the run's summary. How the crawls run (politeness, time limits, retries, mirrors, logs)
    is the worker's setting, not the run's: see `baotinh.jobs.crawl_settings`.

    Args:
        sites: The papers to crawl; none means every enabled paper.
    """
    settings = settings_or_failure()
    if isinstance(settings, State):
        return settings
    trigger = run_trigger()
    summary = run_sites(sites, settings, trigger, crawl.CrawlPlan())
    engine = get_engine(database_url())
    summary["sites"] = runs.with_health(engine, summary["run_id"], summary["sites"])
    return publish_and_finish(
        summary, "nightly-summary", [summary["run_id"]], f"Run {summary['run_id']} ({trigger})"
    )


def settings_or_failure() -> CrawlSettings | State:
    """The crawl settings of this run, or the Failed state that names the unreadable one."""
    try:
        return current_settings()
    except CrawlSettingsError as exc:
        get_run_logger().error("the worker's crawl settings are wrong: %s", exc)
        return Failed(message=f"the worker's crawl settings are wrong: {exc}")


def run_trigger() -> str:
    """What started this run, as the store records it: the in-process caller's word (the CLI's
    "manual", the demo's "demo"), else "nightly" for a run the deployment's schedule made and
    "manual" for one an operator started."""
    trigger = in_process_trigger()
    if trigger:
        return trigger
    run_id = flow_run.get_id()
    if not run_id:
        return "manual"
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return "nightly" if client.read_flow_run(run_id).auto_scheduled else "manual"
