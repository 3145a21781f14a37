"""How the crawler writes to the store: each write its own transaction, and an outage waited out.

A page fetched while the database is restarting must not be dropped: the write waits, with
doubling delays, until the store answers again, for up to BAOTINH_STORE_WAIT_S seconds of
outage (default 300). Waiting is asynchronous, so the crawl itself goes on meanwhile (Scrapy
holds the items). Past the budget the crawl stops with finish reason "store_unavailable"; what
it had not saved is still pending in the frontier, or found again by the next run, because no
feed or sitemap validator is saved by a crawl that lost a write.

Every outage is counted in the crawl's stats (baotinh/store/…), so the run records it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings
from sqlalchemy.orm import Session

from db.engine import get_engine, session_scope
from db.resilience import StoreUnavailable, is_store_unreachable

T = TypeVar("T")
log = logging.getLogger(__name__)

STORE_WAIT_SETTING = "BAOTINH_STORE_WAIT_S"
DEFAULT_STORE_WAIT_S = 300.0
FIRST_DELAY_S = 0.5
MAX_DELAY_S = 8.0


def store_wait_budget(settings: BaseSettings) -> float:
    """How long a crawl waits out an unreachable store before it gives up, in seconds."""
    return settings.getfloat(STORE_WAIT_SETTING, DEFAULT_STORE_WAIT_S)


class StoreWriter:
    """One per crawl, shared by the pipelines: writes in their own transactions, and the one
    record of the store's outages during the crawl."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.budget_s = store_wait_budget(crawler.settings)
        self.engine = get_engine()
        self._outage_since: float | None = None
        self._gave_up = False
        self._closing: asyncio.Future[None] | None = None

    @classmethod
    def of(cls, crawler: Crawler) -> StoreWriter:
        writer = getattr(crawler, "_baotinh_store_writer", None)
        if writer is None:
            writer = cls(crawler)
            crawler._baotinh_store_writer = writer  # type: ignore[attr-defined]
        return writer

    @property
    def lost_writes(self) -> bool:
        """Whether a write was given up on: validators must then not be saved."""
        return bool(self.stats.get_value("baotinh/store/writes_lost", 0))

    async def write(self, work: Callable[[Session], T]) -> T:
        delay = FIRST_DELAY_S
        while True:
            if self._gave_up:
                self.stats.inc_value("baotinh/store/writes_lost")
                raise StoreUnavailable("the store was unreachable; the crawl is stopping")
            try:
                with session_scope(self.engine) as session:
                    result = work(session)
            except Exception as exc:
                if not is_store_unreachable(exc):
                    raise
                self._waiting(exc)
                if time.monotonic() - (self._outage_since or 0) > self.budget_s:
                    await self._give_up(exc)
                    continue
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_DELAY_S)
                continue
            self._recovered()
            return result

    def _waiting(self, exc: Exception) -> None:
        self.stats.inc_value("baotinh/store/waits")
        if self._outage_since is None:
            self._outage_since = time.monotonic()
            self.stats.inc_value("baotinh/store/outages")
            first_line = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0]
            log.warning("the store is unreachable (%s): writes wait for it", first_line[:200])

    def _recovered(self) -> None:
        if self._outage_since is None:
            return
        lasted = time.monotonic() - self._outage_since
        self._outage_since = None
        total = float(self.stats.get_value("baotinh/store/outage_s", 0.0)) + lasted
        self.stats.set_value("baotinh/store/outage_s", round(total, 1))
        log.warning("the store answers again after %.1f s; no write was lost", lasted)

    async def _give_up(self, exc: Exception) -> None:
        self._gave_up = True
        self.stats.set_value(
            "baotinh/store/unavailable",
            f"for more than {self.budget_s:.0f} s, {type(exc).__name__}",
        )
        log.error("the store stayed unreachable for %.0f s: stopping the crawl", self.budget_s)
        self._closing = asyncio.ensure_future(
            self.crawler.engine.close_spider_async(reason="store_unavailable")
        )


def run_id_of(crawler: Crawler) -> int | None:
    return getattr(crawler.spider, "run_id", None)
