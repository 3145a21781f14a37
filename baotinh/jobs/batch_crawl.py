"""Many papers crawled by one Scrapy process (`crawlers.batch`), as a handle: started, papers
admitted, listened to, finished.

A run's crawl task does all four at once. The demo starts the process before its Prefect server
is ready (`baotinh.jobs.head_start`), and the nightly flow listens and finishes when it runs:
what the process said meanwhile is kept, and handed over in order when someone listens.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from baotinh.jobs.crawl import (
    DONE_MARKER,
    CrawlPlan,
    CrawlProcess,
    CrawlResult,
    log,
    log_dir_or_temp,
    read_stats,
    spider_settings,
    stats_path,
)
from baotinh.jobs.crawl_settings import CrawlSettings


class BatchCrawl:
    """One `crawlers.batch` process crawling `sites`, `parallel` at a time, each with its own
    settings, stats and time limit (`timeout_s`); one shared log,
    `log_dir/run<id>-papers-<first>.log`.

    With `admit_all`, every paper may be crawled at once; otherwise each waits for `admit`."""

    def __init__(
        self,
        sites: Sequence[str],
        run_id: int,
        database_url: str,
        settings: CrawlSettings,
        plan: CrawlPlan | None = None,
        admit_all: bool = True,
    ) -> None:
        self.sites = list(sites)
        self.run_id = run_id
        self._log_dir = log_dir_or_temp(settings.log_dir)
        timeout_s, parallel = settings.timeout_s, settings.parallel_papers
        # The process is given time for every paper in turn.
        self._timeout_s = (timeout_s + 60) * -(-len(self.sites) // max(parallel, 1))
        arguments = dict(
            argument.split("=", 1) for argument in (plan or CrawlPlan()).spider_arguments()
        )
        papers = []
        for site in self.sites:
            scrapy_settings = spider_settings(
                self._stats(site), settings.mirrors, settings.polite, None
            )
            # The paper's own limit: it closes cleanly, with its stats, and the others go on.
            scrapy_settings["CLOSESPIDER_TIMEOUT"] = timeout_s
            papers.append(
                {
                    "site": site,
                    "arguments": {"run_id": run_id, **arguments},
                    "settings": scrapy_settings,
                }
            )
        plan_path = self._log_dir / f"run{run_id}-papers-{self.sites[0]}.json"
        plan_path.write_text(
            json.dumps(
                {"parallel": parallel, "admit": "all" if admit_all else "stdin", "papers": papers}
            ),
            encoding="utf-8",
        )
        self.log_path = self._log_dir / f"run{run_id}-papers-{self.sites[0]}.log"
        self._admitted: list[str] = list(self.sites) if admit_all else []
        self._results: dict[str, CrawlResult] = {}
        # Deliveries (the reader thread's, a hand-over, the last reports) one at a time, in order.
        self._delivering = threading.RLock()
        self._progress: Callable[[str], None] | None = None
        self._on_ended: Callable[[CrawlResult], None] | None = None
        self._held: list[str | CrawlResult] = []
        self._process = CrawlProcess(
            [sys.executable, "-m", "crawlers.batch", str(plan_path)],
            database_url,
            self.log_path,
            "papers",
            progress=self._say,
            on_line=self._line,
            stdin=not admit_all,
        )

    @property
    def ended_papers(self) -> list[str]:
        """The papers whose crawl the process has said ended, so far."""
        with self._delivering:
            return list(self._results)

    def admit(self, site: str) -> None:
        """The process may crawl `site` now (a paper never admitted is not crawled and has no
        result)."""
        self._admitted.append(site)
        self._process.send(site)

    def no_more_papers(self) -> None:
        self._process.end_input()

    def listen(
        self,
        progress: Callable[[str], None] | None,
        on_ended: Callable[[CrawlResult], None] | None,
    ) -> None:
        """From now on, lines worth an operator's eye go to `progress` and each paper's result,
        once, to `on_ended` as soon as the process says its crawl ended (from the thread that
        reads the process's log, while the others crawl on); what came before goes first."""
        with self._delivering:
            self._progress = progress or log.info
            self._on_ended = on_ended
            held, self._held = self._held, []
            for item in held:
                try:
                    if isinstance(item, str):
                        self._progress(item)
                    else:
                        self._hand_over(item)
                except Exception:  # noqa: BLE001 - as the reader does: the rest must be handed over
                    log.exception("papers: handing over %r failed", item)

    def finish(self) -> dict[str, CrawlResult]:
        """Wait for the process; every admitted paper's result. A paper the process never said
        had ended (it died or ran out of time) is handed to `on_ended` now."""
        exit_code, timed_out = self._process.wait(self._timeout_s)
        for site in self._admitted:
            self._report(self._result_of(site, exit_code, timed_out))
        return {site: self._results[site] for site in self._admitted}

    def stop(self) -> None:
        """Stop the process now: nobody will listen (the run could not go on)."""
        self._process.stop()

    def _stats(self, site: str) -> Path:
        return stats_path(self._log_dir, self.run_id, site)

    def _result_of(self, site: str, exit_code: int | None, timed_out: bool) -> CrawlResult:
        stats = read_stats(self._stats(site))
        over_time = timed_out or stats.get("finish_reason") == "closespider_timeout"
        return CrawlResult(site, exit_code, over_time, stats, str(self.log_path))

    def _say(self, line: str) -> None:
        with self._delivering:
            if self._progress is None:
                self._held.append(line)
            else:
                self._progress(line)

    def _line(self, line: str) -> None:
        if not line.startswith(DONE_MARKER):
            return
        site = line[len(DONE_MARKER) :].strip()
        if site in self._admitted:
            # The process lives on for the other papers: this one ended as the batch ends a
            # paper (exit code 0), with its stats written, or without them if it crashed.
            self._report(self._result_of(site, 0, False))

    def _report(self, result: CrawlResult) -> None:
        with self._delivering:
            if result.site in self._results:
                return
            self._results[result.site] = result
            if self._progress is None:  # nobody listens yet
                self._held.append(result)
            else:
                self._hand_over(result)

    def _hand_over(self, result: CrawlResult) -> None:
        if self._on_ended is None:
            return
        try:
            self._on_ended(result)
        except Exception:
            del self._results[result.site]  # told again when the process ends
            raise


def crawl_processes(papers: int, settings: CrawlSettings) -> int:
    """How many Scrapy processes share a run's papers: one saturates a core at about 140 pages/s
    (Scrapy's own cost per request, measured beside `scrapy bench`), so a run with more papers
    than `parallel_papers` gets up to `crawl_processes` of them, never more than the cores."""
    wanted = -(-papers // max(settings.parallel_papers, 1))
    return max(1, min(settings.crawl_processes, os.cpu_count() or 1, wanted))


def start_batches(
    sites: Sequence[str],
    run_id: int,
    database_url: str,
    settings: CrawlSettings,
    plan: CrawlPlan | None = None,
    admit_all: bool = True,
) -> list[BatchCrawl]:
    """The papers dealt out to `crawl_processes` batch processes, `parallel_papers` at a time
    between them all."""
    processes = crawl_processes(len(sites), settings)
    each = settings.but(parallel_papers=-(-settings.parallel_papers // processes))
    return [
        BatchCrawl(list(sites)[n::processes], run_id, database_url, each, plan, admit_all)
        for n in range(processes)
    ]


def admit_as_they_come(batches: Sequence[BatchCrawl], sites: Iterable[str]) -> None:
    """Admit each paper to the process it was dealt to, as `sites` yields it; then no more. If
    `sites` raises, the processes are stopped and the error raised."""
    owner = {site: batch for batch in batches for site in batch.sites}
    try:
        for site in sites:
            owner[site].admit(site)
    except BaseException:
        for batch in batches:
            batch.stop()
        raise
    finally:
        for batch in batches:
            batch.no_more_papers()


def finish_all(batches: Sequence[BatchCrawl]) -> dict[str, CrawlResult]:
    """Every admitted paper's result, once each process has ended."""
    return {site: result for batch in batches for site, result in batch.finish().items()}
