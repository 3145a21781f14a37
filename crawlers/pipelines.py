"""Item pipelines: one concern each; their order is ITEM_PIPELINES in crawlers.settings.

The store is the only state a crawl leaves behind, so the pipelines write to it directly; a
crawl killed half-way keeps every page it had stored, and a re-run stores nothing twice.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from sqlalchemy.engine import Engine

from baotinh.records import CrawlError, FetchedPage, HttpValidators
from db.crawl_state import save_validator
from db.engine import get_engine, session_scope
from db.store import record_error, store_raw_page


class _StorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.engine: Engine | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    @property
    def run_id(self) -> int | None:
        return getattr(self.crawler.spider, "run_id", None)

    def open_spider(self) -> None:
        self.engine = get_engine()

    def close_spider(self) -> None:
        if self.engine is not None:
            self.engine.dispose()


class StoreRawPagePipeline(_StorePipeline):
    """Keep every fetched article page, compressed, so history can be re-extracted later."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        with session_scope(self.engine) as session:
            _, created = store_raw_page(session, item, self.run_id)
        self.stats.inc_value("baotinh/raw_pages/" + ("stored" if created else "unchanged"))
        return item


class StoreCrawlErrorPipeline(_StorePipeline):
    """Record what went wrong, so the operator sees it in the run and nothing is lost silently."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, CrawlError):
            return item
        with session_scope(self.engine) as session:
            record_error(session, self.run_id, item)
        self.stats.inc_value("baotinh/crawl_errors/recorded")
        return item


class StoreHttpValidatorsPipeline(_StorePipeline):
    """Keep the validators of feeds and sitemaps for tomorrow's conditional requests."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, HttpValidators):
            return item
        with session_scope(self.engine) as session:
            save_validator(session, item.site, item.url, item.etag, item.last_modified)
        return item
