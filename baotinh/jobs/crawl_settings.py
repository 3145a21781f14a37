"""How crawls run on a worker: the settings an operator never chooses per run.

The form a deployment shows in the Prefect UI offers what operators decide: dates, papers,
refetch, reprocess, redo. Where fetches really go (mirrors), how politely, how long and how often
a crawl is tried, and where its log lands belong to the machine that runs it. They come from the
worker's environment (set on the worker's service, or as `job_variables.env` of a work pool or a
deployment), never from a run's parameters: a caller of the API cannot point fetches at another
address or choose where a worker writes.

Runs started in-process (the CLI, the demo, tests, benchmarks) pass theirs with `in_process_run`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # the head start imports these settings
    from baotinh.jobs.head_start import HeadStart

N = TypeVar("N", int, float)

# One entry per setting: the environment variable a worker reads it from.
MIRRORS_ENV = "BAOTINH_MIRRORS"
POLITE_ENV = "BAOTINH_POLITE"
TIMEOUT_ENV = "BAOTINH_CRAWL_TIMEOUT_S"
RETRIES_ENV = "BAOTINH_CRAWL_RETRIES"
RETRY_DELAY_ENV = "BAOTINH_RETRY_DELAY_S"
LOG_DIR_ENV = "BAOTINH_LOG_DIR"
PARALLEL_ENV = "BAOTINH_PARALLEL_PAPERS"
PROCESSES_ENV = "BAOTINH_CRAWL_PROCESSES"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class CrawlSettingsError(ValueError):
    """A setting in the environment that cannot be read; the message names the variable."""


@dataclass(frozen=True)
class CrawlSettings:
    # Domains fetched from other addresses (domain → base URL): our sample sites, recorded copies.
    mirrors: dict[str, str] = field(default_factory=dict)
    # Each paper's delays and AutoThrottle; off only for mirrors we run ourselves.
    polite: bool = True
    # The time limit of one crawl of one site (a night's, or a backfill month's).
    timeout_s: float = 2 * 3600
    # How often a crawl that got no answer is tried again, and the first wait (doubling).
    retries: int = 2
    retry_delay_s: float = 60.0
    # Where each crawl's full Scrapy log is kept on the worker.
    log_dir: Path = Path("var/logs")
    # How many papers one run crawls at once (in one Scrapy process, each with its own crawler):
    # a polite crawl mostly waits (its delays, the network), so a night of many papers is
    # mostly overlap.
    parallel_papers: int = 4
    # How many Scrapy processes may share those papers: one process saturates a core at about
    # 140 pages/s, which a polite night of a few dozen papers never reaches, and hundreds of
    # papers at once, or a crawl of our own mirrors, do (`batch_crawl.crawl_processes`). One by
    # default: on two busy cores a second process made a 40-paper night slower (x1.10).
    crawl_processes: int = 1

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> CrawlSettings:
        """The worker's settings; unset variables keep the defaults above."""
        defaults = cls()
        return cls(
            mirrors=_mirrors(environ.get(MIRRORS_ENV, "")),
            polite=_flag(environ, POLITE_ENV, defaults.polite),
            timeout_s=_number(environ, TIMEOUT_ENV, defaults.timeout_s, float, minimum=1),
            retries=_number(environ, RETRIES_ENV, defaults.retries, int, minimum=0),
            retry_delay_s=_number(environ, RETRY_DELAY_ENV, defaults.retry_delay_s, float),
            log_dir=Path(environ.get(LOG_DIR_ENV) or defaults.log_dir),
            parallel_papers=_number(
                environ, PARALLEL_ENV, defaults.parallel_papers, int, minimum=1
            ),
            crawl_processes=_number(
                environ, PROCESSES_ENV, defaults.crawl_processes, int, minimum=1
            ),
        )

    def but(self, **changes: object) -> CrawlSettings:
        """A copy with some settings changed (a test's shorter retries, say)."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class _InProcessRun:
    settings: CrawlSettings
    trigger: str
    head_start: HeadStart | None = None


_in_process: ContextVar[_InProcessRun | None] = ContextVar("baotinh_in_process_run", default=None)


@contextmanager
def in_process_run(
    settings: CrawlSettings, trigger: str, head_start: HeadStart | None = None
) -> Iterator[None]:
    """Flows called inside this block crawl with `settings` and record `trigger` as what
    started them, instead of reading the worker's environment; a nightly run of the
    `head_start`'s papers takes over its run and crawl (`baotinh.jobs.head_start`)."""
    token = _in_process.set(_InProcessRun(settings, trigger, head_start))
    try:
        yield
    finally:
        _in_process.reset(token)


def current_settings() -> CrawlSettings:
    """The settings of the run being made: the in-process caller's, else the worker's."""
    run = _in_process.get()
    return run.settings if run is not None else CrawlSettings.from_environment()


def in_process_trigger() -> str | None:
    """What an in-process caller said started the run (None on a worker)."""
    run = _in_process.get()
    return run.trigger if run is not None else None


def in_process_head_start() -> HeadStart | None:
    """The run and crawl an in-process caller started ahead of its flow, if any."""
    run = _in_process.get()
    return run.head_start if run is not None else None


def _mirrors(raw: str) -> dict[str, str]:
    if not raw.strip():
        return {}
    try:
        mirrors = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CrawlSettingsError(
            f"{MIRRORS_ENV} is not JSON ({exc.msg}); expected an object such as "
            '{"baobacgiang.vn": "http://127.0.0.1:8701"}'
        ) from None
    if not isinstance(mirrors, dict) or not all(
        isinstance(domain, str) and isinstance(url, str) and url.startswith(("http://", "https://"))
        for domain, url in mirrors.items()
    ):
        raise CrawlSettingsError(
            f"{MIRRORS_ENV} must map domains to http(s) addresses, such as "
            '{"baobacgiang.vn": "http://127.0.0.1:8701"}'
        )
    return mirrors


def _flag(environ: Mapping[str, str], name: str, default: bool) -> bool:
    raw = environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise CrawlSettingsError(f"{name}={raw!r} is neither 1/true/yes/on nor 0/false/no/off")


def _number(
    environ: Mapping[str, str], name: str, default: N, kind: type[N], minimum: float = 0
) -> N:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise CrawlSettingsError(f"{name}={raw!r} is not {what}") from None
    if value < minimum:
        raise CrawlSettingsError(f"{name}={raw!r} is below {minimum:g}")
    return value
