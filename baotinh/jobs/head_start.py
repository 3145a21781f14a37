"""A crawl started before its flow: the demo's papers are crawled while Prefect starts.

The demo's Prefect server takes seconds to start (4-10 s on two cores), and its papers are
sample sites this very command serves on a port of its own for as long as it runs: nobody else
can be crawling them, so there is no slot to wait for. The demo therefore opens the run and
starts the crawl of every paper first (`start_ahead`); the nightly flow, once Prefect answers,
takes the run and the crawl over (`in_process_run(..., head_start=...)`): it listens to the crawl,
stores each paper as its crawl ends, and records the run as it always does. The run's record
says when it started, which is when its crawl did.

A real night, a backfill or `baotinh crawl` never starts ahead: their papers are real sites
whose slots other runs may hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from baotinh.jobs import runs
from baotinh.jobs.batch_crawl import BatchCrawl
from baotinh.jobs.crawl import CrawlPlan
from baotinh.jobs.crawl_settings import CrawlSettings
from baotinh.papers import get_site
from db.liveness import Heartbeat


@dataclass
class HeadStart:
    """A run opened and its crawl started before the flow that will finish both. The run's
    heartbeat is renewed meanwhile: Prefect may take minutes to start on a busy machine, and a
    run whose heartbeat is stale is marked crashed by the next run to start."""

    sites: list[str]
    opened: runs.OpenedRun
    crawl: BatchCrawl
    heartbeat: Heartbeat

    @property
    def run_id(self) -> int:
        return self.opened.run_id

    def hand_over(self) -> None:
        """The flow takes the run over, with a heartbeat of its own."""
        self.heartbeat.stop()

    def abandon(self, engine: Engine, why: str) -> None:
        """The flow will never run (Prefect did not start): stop the crawl, close the run."""
        self.close()
        runs.finish_run_record(engine, self.run_id, "failed", why)

    def close(self) -> None:
        """Stop what is still going (nothing, once the flow has finished the run)."""
        self.heartbeat.stop()
        self.crawl.stop()


def start_ahead(
    engine: Engine, database_url: str, sites: list[str], settings: CrawlSettings, trigger: str
) -> HeadStart:
    """Open a nightly run of `sites` and start crawling them all, now."""
    plan = CrawlPlan()
    opened = runs.open_run(
        engine,
        [get_site(site) for site in sites],
        trigger,
        runs.run_parameters(sites, settings, plan),
    )
    heartbeat = Heartbeat(engine, opened.run_id)
    heartbeat.start()
    crawl = BatchCrawl(sites, opened.run_id, database_url, settings, plan)
    return HeadStart(sites, opened, crawl, heartbeat)
