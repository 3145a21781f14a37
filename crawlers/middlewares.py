"""Downloader middlewares."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from baotinh.extract import GZIP_MAGIC, ExtractionError, maybe_gunzip


class StrayGzipMiddleware:
    """Inflate bodies that are gzip bytes although no Content-Encoding says so.

    Real servers (and caches in front of them) do this; left alone, the page decodes to garbage.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StrayGzipMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not response.body.startswith(GZIP_MAGIC):
            return response
        try:
            body = maybe_gunzip(response.body)
        except ExtractionError:
            self.stats.inc_value("baotinh/stray_gzip/broken")
            return response
        self.stats.inc_value("baotinh/stray_gzip/inflated")
        return response.replace(body=body)
