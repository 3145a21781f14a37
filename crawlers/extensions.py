"""Extensions."""

from __future__ import annotations

import json
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler


class StatsFileExtension:
    """Write the crawl's stats as JSON where the flow that started the crawl can read them."""

    def __init__(self, crawler: Crawler, path: str | None) -> None:
        self.crawler = crawler
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatsFileExtension:
        extension = cls(crawler, crawler.settings.get("BAOTINH_STATS_FILE"))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if not self.path:
            return
        stats = {key: _jsonable(value) for key, value in self.crawler.stats.get_stats().items()}
        stats["finish_reason"] = reason
        Path(self.path).write_text(json.dumps(stats, indent=2, sort_keys=True), encoding="utf-8")


def _jsonable(value: object) -> object:
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
