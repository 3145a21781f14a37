"""Item pipelines: one concern each; their order is ITEM_PIPELINES in crawlers.settings.

The store is the only state a crawl leaves behind, so the pipelines write to it directly, each
item in its own transaction (through `crawlers.storage.StoreWriter`, which waits out a store
outage): a crawl killed half-way keeps every page it had stored and every link it had found,
and a re-run stores nothing twice.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy.orm import Session

from baotinh.core.records import CrawlError, DiscoveredLinks, FetchedPage, Refused
from crawlers.storage import StoreWriter, run_id_of
from db.crawl_state import save_validator
from db.frontier import record_discoveries, record_failure, record_fetch
from db.resilience import StoreUnavailable
from db.store import record_error, store_raw_page


class _StorePipeline:
    handles: tuple[type, ...] = ()

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.writer: StoreWriter | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    def open_spider(self) -> None:
        self.writer = StoreWriter.of(self.crawler)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, self.handles):
            return item
        assert self.writer is not None
        try:
            await self.writer.write(lambda session: self.save(session, item))
        except StoreUnavailable as exc:
            raise DropItem(f"not saved, the store is unreachable: {exc}") from None
        return item

    def save(self, session: Session, item: Any) -> None:
        raise NotImplementedError

    @property
    def run_id(self) -> int | None:
        return run_id_of(self.crawler)


class StoreRawPagePipeline(_StorePipeline):
    """Keep every fetched article page, compressed, so history can be re-extracted later; its
    URL now waits in the frontier for extraction."""

    handles = (FetchedPage,)

    def save(self, session: Session, item: FetchedPage) -> None:
        raw_page_id, created = store_raw_page(session, item, self.run_id)
        record_fetch(
            session, item.site, item.url, item.final_url, raw_page_id, created, self.run_id
        )
        self.stats.inc_value("baotinh/raw_pages/" + ("stored" if created else "unchanged"))


class StoreCrawlErrorPipeline(_StorePipeline):
    """Record what went wrong, so the operator sees it in the run and nothing is lost silently;
    a failed article fetch is retried by a later run, or given up on (the frontier decides)."""

    handles = (CrawlError,)

    def save(self, session: Session, item: CrawlError) -> None:
        record_error(session, self.run_id, item)
        if item.request_kind == "article":
            state = record_failure(
                session, item.site, item.url, item.kind, item.message, self.run_id
            )
            self.stats.inc_value(f"baotinh/frontier/became_{state}")
        self.stats.inc_value("baotinh/crawl_errors/recorded")


class StoreFrontierPipeline(_StorePipeline):
    """Record the article links found (and the robots.txt refusals) in the crawl frontier, with
    the validators of the feed or sitemap they came from, in one transaction."""

    handles = (DiscoveredLinks, Refused)

    def save(self, session: Session, item: DiscoveredLinks | Refused) -> None:
        if isinstance(item, Refused):
            record_failure(session, item.site, item.url, item.kind, item.reason, self.run_id)
            return
        new = record_discoveries(session, item.site, item.links, self.run_id)
        self.stats.inc_value("baotinh/frontier/discovered_new", new)
        validators = item.validators
        if validators is None:
            return
        assert self.writer is not None
        if self.writer.lost_writes:
            # Tomorrow's 304 would vouch for links this crawl could not save.
            self.stats.inc_value("baotinh/validators/not_saved_after_lost_writes")
            return
        save_validator(
            session,
            validators.site,
            validators.url,
            validators.etag,
            validators.last_modified,
            validators.kind,
        )
