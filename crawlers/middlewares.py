"""Downloader middlewares."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from baotinh.extraction.pages import GZIP_MAGIC, ExtractionError, maybe_gunzip


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


class RedirectGuardMiddleware:
    """Refuse redirects that leave the site or go round in circles, loudly.

    Left to Scrapy, both end silently: the off-site target is dropped by the off-site filter and
    a loop's second visit by the dupe filter, so no error would reach the store. Raising here
    sends the request's errback an IgnoreRequest that says what happened.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectGuardMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in (301, 302, 303, 307, 308) or b"Location" not in response.headers:
            return response
        target = urljoin(request.url, response.headers[b"Location"].decode("latin-1"))
        host = (urlsplit(target).hostname or "").lower()
        allowed = getattr(self.crawler.spider, "allowed_domains", None) or []
        if allowed and not any(host == d or host.endswith("." + d) for d in allowed):
            self.crawler.stats.inc_value("baotinh/redirects/offsite")
            raise IgnoreRequest(f"offsite redirect to {target}")
        visited = [*request.meta.get("redirect_urls", []), request.url]
        if target in visited:
            self.crawler.stats.inc_value("baotinh/redirects/loop")
            raise IgnoreRequest(f"redirect loop: {' -> '.join([*visited, target])}")
        return response
