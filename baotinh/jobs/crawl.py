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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from baotinh.core.processes import die_with_parent

log = logging.getLogger("baotinh.crawl")  # the name operators grep for, wherever the module lives

# What `crawlers.batch` prints when one paper's crawl has ended (its DONE_MARKER; not imported
# from there, which would import Scrapy into the flow's process).
DONE_MARKER = "baotinh-batch: done"
# Lines of Scrapy's own log worth showing an operator while a crawl runs.
_PROGRESS_MARKERS = (
    "] INFO: Crawled ",
    "Spider opened",
    "Spider closed",
    " ERROR: ",
    " CRITICAL: ",
    DONE_MARKER,
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
    log_dir = log_dir_or_temp(log_dir)
    stats_file = stats_path(log_dir, run_id, site)
    settings = spider_settings(stats_file, mirrors, polite, extra_settings)
    command = [sys.executable, "-m", "scrapy", "crawl", site, "-a", f"run_id={run_id}"]
    for argument in (plan or CrawlPlan()).spider_arguments():
        command += ["-a", argument]
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    log_path = log_dir / f"run{run_id}-{site}.log"
    process = CrawlProcess(command, database_url, log_path, site, progress)
    exit_code, timed_out = process.wait(timeout_s)
    return CrawlResult(site, exit_code, timed_out, read_stats(stats_file), str(log_path))


def log_dir_or_temp(log_dir: Path | None) -> Path:
    log_dir = log_dir or Path(tempfile.gettempdir())
    log_dir.mkdir(parents=True, exist_ok=True)
    return log_dir


def stats_path(log_dir: Path, run_id: int, site: str) -> Path:
    return log_dir / f"run{run_id}-{site}.stats.json"


def read_stats(stats_file: Path) -> dict[str, Any]:
    if not stats_file.exists():
        return {}
    return json.loads(stats_file.read_text(encoding="utf-8"))


def spider_settings(
    stats_file: Path,
    mirrors: dict[str, str] | None,
    polite: bool,
    extra_settings: dict[str, Any] | None,
) -> dict[str, Any]:
    """The crawl's Scrapy settings; a stats file left by an earlier try is removed first."""
    stats_file.unlink(missing_ok=True)
    settings: dict[str, Any] = {"BAOTINH_STATS_FILE": str(stats_file)}
    if mirrors:
        settings["BAOTINH_MIRRORS"] = json.dumps(mirrors)
    if not polite:
        # Only for mirrors we run ourselves (the local sample sites) and benchmarks.
        settings.update(AUTOTHROTTLE_ENABLED=False, DOWNLOAD_DELAY=0)
    settings.update(extra_settings or {})
    return settings


class CrawlProcess:
    """A crawl process: its log kept at `log_path` and relayed to `progress` (lines worth an
    operator's eye), every line handed to `on_line` as it comes, from a thread of its own.

    With `stdin`, the process's standard input is a pipe for `feed`. The process dies with the
    thread that started it (kill -9 of the CLI or worker included): start it from a thread that
    outlives the crawl."""

    def __init__(
        self,
        command: list[str],
        database_url: str,
        log_path: Path,
        label: str,
        progress: Callable[[str], None] | None = None,
        on_line: Callable[[str], None] | None = None,
        stdin: bool = False,
    ) -> None:
        env = {
            **os.environ,
            "SCRAPY_SETTINGS_MODULE": "crawlers.settings",
            "BAOTINH_DATABASE_URL": database_url,
        }
        self.label = label
        self._started = time.monotonic()
        # Line by line, so that `tail -f` shows a crawl as it goes. Closed by wait() or stop().
        self._log_file = open(log_path, "w", encoding="utf-8", buffering=1)  # noqa: SIM115
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            # Dies with us, in our process group. The signal fires when the forking thread ends.
            preexec_fn=die_with_parent(),
        )
        # In this thread's context, so that `progress` and `on_line` may log to the run.
        self._reader = threading.Thread(
            target=contextvars.copy_context().run,
            args=(_relay, self.process.stderr, self._log_file, label, progress or log.info),
            kwargs={"on_line": on_line},
            daemon=True,
        )
        self._reader.start()

    def send(self, line: str) -> None:
        """One line to the process's standard input (nothing if the process has gone: its end
        says what became of its work)."""
        assert self.process.stdin is not None, "started without stdin"
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.write(f"{line}\n")
            self.process.stdin.flush()

    def end_input(self) -> None:
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()

    def wait(self, timeout_s: float) -> tuple[int | None, bool]:
        """Its exit code and whether it was stopped at `timeout_s` from now."""
        timed_out = False
        try:
            self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            timed_out = True
            _stop(self.process)
        self._reader.join(timeout=10)
        self._log_file.close()
        log.info(
            "%s: crawl ended in %.1f s, exit code %s%s",
            self.label,
            time.monotonic() - self._started,
            self.process.returncode,
            " (timed out)" if timed_out else "",
        )
        return self.process.returncode, timed_out

    def stop(self) -> None:
        """Stop the process now (its papers end without results); nothing if it has ended."""
        if self._log_file.closed:
            return
        self.end_input()
        _stop(self.process)
        self._reader.join(timeout=10)
        self._log_file.close()


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
    on_line: Callable[[str], None] | None = None,
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
