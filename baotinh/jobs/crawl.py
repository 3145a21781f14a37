"""Running one site's spider in a subprocess (Twisted's reactor cannot restart in-process)."""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

from baotinh.core.processes import die_with_parent

log = logging.getLogger("baotinh.crawl")  # the name operators grep for, wherever the module lives

# What `crawlers.batch` prints when one paper's crawl has ended (its DONE_MARKER; not imported
# from there, which would import Scrapy into the flow's process).
_DONE_MARKER = "baotinh-batch: done"
# Lines of Scrapy's own log worth showing an operator while a crawl runs.
_PROGRESS_MARKERS = (
    "] INFO: Crawled ",
    "Spider opened",
    "Spider closed",
    " ERROR: ",
    " CRITICAL: ",
    _DONE_MARKER,
)


@dataclass(frozen=True)
class CrawlPlan:
    """What one crawl of a site should reach: everything new (nightly) or a date window."""

    since: str | None = None  # ISO dates, inclusive
    until: str | None = None
    refetch: bool = False  # fetch pages already stored again (backfills after a site fix)
    discover: str = "all"  # all | feeds | sitemaps | listings

    def spider_arguments(self) -> list[str]:
        arguments = {"since": self.since, "until": self.until, "discover": self.discover}
        if self.refetch:
            arguments["refetch"] = "true"
        return [f"{key}={value}" for key, value in arguments.items() if value]


@dataclass
class CrawlResult:
    site: str
    exit_code: int | None
    timed_out: bool
    stats: dict[str, Any] = field(default_factory=dict)
    log_path: str | None = None

    @property
    def requests(self) -> int:
        return int(self.stats.get("downloader/request_count", 0))

    @property
    def responses(self) -> int:
        return int(self.stats.get("response_received_count", 0))

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out and "finish_reason" in self.stats


def run_spider(
    site: str,
    run_id: int,
    database_url: str,
    mirrors: dict[str, str] | None = None,
    plan: CrawlPlan | None = None,
    polite: bool = True,
    timeout_s: float = 3600,
    log_dir: Path | None = None,
    extra_settings: dict[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
) -> CrawlResult:
    """Crawl `site` into the store at `database_url`; returns Scrapy's stats for the crawl.

    Scrapy's progress and error lines go to `progress` (default: this module's logger) while the
    crawl runs; its whole log is kept at `log_dir/run<id>-<site>.log`.
    """
    log_dir = _log_dir(log_dir)
    stats_path = _stats_path(log_dir, run_id, site)
    settings = _settings(stats_path, mirrors, polite, extra_settings)
    command = [sys.executable, "-m", "scrapy", "crawl", site, "-a", f"run_id={run_id}"]
    for argument in (plan or CrawlPlan()).spider_arguments():
        command += ["-a", argument]
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    log_path = log_dir / f"run{run_id}-{site}.log"
    exit_code, timed_out = _run_process(command, database_url, log_path, site, timeout_s, progress)
    return CrawlResult(site, exit_code, timed_out, _read_stats(stats_path), str(log_path))


def run_spiders(
    sites: Sequence[str],
    run_id: int,
    database_url: str,
    mirrors: dict[str, str] | None = None,
    plan: CrawlPlan | None = None,
    polite: bool = True,
    timeout_s: float = 3600,
    log_dir: Path | None = None,
    parallel: int = 4,
    progress: Callable[[str], None] | None = None,
    on_ended: Callable[[CrawlResult], None] | None = None,
    admit: Iterable[str] | None = None,
) -> dict[str, CrawlResult]:
    """Crawl several papers in one Scrapy process (`crawlers.batch`), `parallel` at a time, each
    with its own settings, stats and time limit (`timeout_s`); one shared log,
    `log_dir/run<id>-papers-<first>.log`. The process is given time for every paper in turn.

    `admit` yields the papers of `sites` that may be crawled, each as soon as it may (its slot
    taken): it is read while the process starts and crawls the papers already admitted. A
    paper it does not yield is not crawled and has no result. Default: all of `sites`.

    `on_ended` gets each paper's result once: as soon as the process says the paper's crawl
    ended (from the thread that reads the process's log, while the others crawl on), or, for a
    paper it never said so of (the process died or ran out of time), when the process ends."""
    log_dir = _log_dir(log_dir)
    arguments = dict(
        argument.split("=", 1) for argument in (plan or CrawlPlan()).spider_arguments()
    )
    papers = []
    for site in sites:
        settings = _settings(_stats_path(log_dir, run_id, site), mirrors, polite, None)
        # The paper's own limit: it closes cleanly, with its stats, and the others go on.
        settings["CLOSESPIDER_TIMEOUT"] = timeout_s
        papers.append(
            {"site": site, "arguments": {"run_id": run_id, **arguments}, "settings": settings}
        )
    plan_path = log_dir / f"run{run_id}-papers-{sites[0]}.json"
    plan_path.write_text(
        json.dumps(
            {"parallel": parallel, "admit": "all" if admit is None else "stdin", "papers": papers}
        ),
        encoding="utf-8",
    )
    log_path = log_dir / f"run{run_id}-papers-{sites[0]}.log"
    results: dict[str, CrawlResult] = {}
    reported = threading.Lock()
    admitted: list[str] = list(sites) if admit is None else []

    def result_of(site: str, exit_code: int | None, timed_out: bool) -> CrawlResult:
        stats = _read_stats(_stats_path(log_dir, run_id, site))
        over_time = timed_out or stats.get("finish_reason") == "closespider_timeout"
        return CrawlResult(site, exit_code, over_time, stats, str(log_path))

    def report(result: CrawlResult) -> None:
        with reported:
            if result.site in results:
                return
            results[result.site] = result
        if on_ended is None:
            return
        try:
            on_ended(result)
        except Exception:
            with reported:  # told again when the process ends
                del results[result.site]
            raise

    def paper_ended(line: str) -> None:
        if not line.startswith(_DONE_MARKER):
            return
        site = line[len(_DONE_MARKER) :].strip()
        if site in admitted:
            # The process lives on for the other papers: this one ended as the batch ends a
            # paper (exit code 0), with its stats written, or without them if it crashed.
            report(result_of(site, 0, False))

    rounds = -(-len(sites) // max(parallel, 1))
    exit_code, timed_out = _run_process(
        [sys.executable, "-m", "crawlers.batch", str(plan_path)],
        database_url,
        log_path,
        "papers",
        (timeout_s + 60) * rounds,
        progress,
        on_line=paper_ended,
        feed=None if admit is None else partial(_admit, admit, admitted),
    )
    for site in admitted:
        report(result_of(site, exit_code, timed_out))
    return {site: results[site] for site in admitted}


def _admit(admit: Iterable[str], admitted: list[str], stdin: IO[str]) -> None:
    """Tell the batch process each paper it may crawl, as `admit` yields it."""
    try:
        for site in admit:
            admitted.append(site)
            stdin.write(f"{site}\n")
            stdin.flush()
    except BrokenPipeError:  # the process is gone: its end says what became of the papers
        pass


def _log_dir(log_dir: Path | None) -> Path:
    log_dir = log_dir or Path(tempfile.gettempdir())
    log_dir.mkdir(parents=True, exist_ok=True)
    return log_dir


def _stats_path(log_dir: Path, run_id: int, site: str) -> Path:
    return log_dir / f"run{run_id}-{site}.stats.json"


def _read_stats(stats_path: Path) -> dict[str, Any]:
    if not stats_path.exists():
        return {}
    return json.loads(stats_path.read_text(encoding="utf-8"))


def _settings(
    stats_path: Path,
    mirrors: dict[str, str] | None,
    polite: bool,
    extra_settings: dict[str, Any] | None,
) -> dict[str, Any]:
    """The crawl's Scrapy settings; a stats file left by an earlier try is removed first."""
    stats_path.unlink(missing_ok=True)
    settings: dict[str, Any] = {"BAOTINH_STATS_FILE": str(stats_path)}
    if mirrors:
        settings["BAOTINH_MIRRORS"] = json.dumps(mirrors)
    if not polite:
        # Only for mirrors we run ourselves (the local sample sites) and benchmarks.
        settings.update(AUTOTHROTTLE_ENABLED=False, DOWNLOAD_DELAY=0)
    settings.update(extra_settings or {})
    return settings


def _run_process(
    command: list[str],
    database_url: str,
    log_path: Path,
    label: str,
    timeout_s: float,
    progress: Callable[[str], None] | None,
    on_line: Callable[[str], None] | None = None,
    feed: Callable[[IO[str]], None] | None = None,
) -> tuple[int | None, bool]:
    """Run a crawl process, its log kept at `log_path` and relayed to `progress`, every line
    handed to `on_line` as it comes; its exit code and whether it was stopped at `timeout_s`.

    With `feed`, the process's standard input is a pipe that `feed` writes to once the process
    has started, and that is closed when `feed` returns; if `feed` raises, the process is
    stopped and the error raised."""
    env = {
        **os.environ,
        "SCRAPY_SETTINGS_MODULE": "crawlers.settings",
        "BAOTINH_DATABASE_URL": database_url,
    }
    started = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log_file:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL if feed is None else subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            # Dies with us (kill -9 of the CLI or worker included), in our process group. The
            # signal fires when the forking thread ends: this thread waits for the crawl below.
            preexec_fn=die_with_parent(),
        )
        # In this thread's context, so that `progress` and `on_line` may log to the run.
        reader = threading.Thread(
            target=contextvars.copy_context().run,
            args=(_relay, process.stderr, log_file, label, progress or log.info, on_line),
            daemon=True,
        )
        reader.start()
        if feed is not None:
            try:
                feed(process.stdin)
            except BaseException:
                _stop(process)
                reader.join(timeout=10)
                raise
            finally:
                with contextlib.suppress(OSError):
                    process.stdin.close()
        timed_out = False
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            timed_out = True
            _stop(process)
        reader.join(timeout=10)
    log.info(
        "%s: crawl ended in %.1f s, exit code %s%s",
        label,
        time.monotonic() - started,
        process.returncode,
        " (timed out)" if timed_out else "",
    )
    return process.returncode, timed_out


def _stop(process: subprocess.Popen) -> None:
    """Terminate, wait, kill."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _relay(
    stream: Any,
    log_file: Any,
    site: str,
    progress: Callable[[str], None],
    on_line: Callable[[str], None] | None,
) -> None:
    for line in stream:
        log_file.write(line)
        if any(marker in line for marker in _PROGRESS_MARKERS):
            progress(f"{site} | {line.rstrip()[-200:]}")
        if on_line is not None:
            try:
                on_line(line)
            except Exception:  # the log must be read to the end, or the crawl blocks on it
                log.exception("%s: handling the line %r failed", site, line.rstrip()[:200])
