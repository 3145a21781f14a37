"""The generic news spider, and one spider per registered site profile.

Discovery: feeds, sitemaps (and sitemap indexes), and section listings with pagination. Each
article page becomes a `FetchedPage` item; each failure a `CrawlError` item. Parsing of feeds,
sitemaps and listings is in `crawlers.discovery`, as plain functions.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from baotinh.records import CrawlError, FetchedPage
from crawlers import discovery
from crawlers.sites import SITES, SiteProfile

MAX_SITEMAP_DEPTH = 3


class NewsSpider(Spider):
    """Crawls one paper as its profile describes. Subclasses set `profile` and nothing else."""

    profile: ClassVar[SiteProfile]

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        settings.set("DOWNLOAD_DELAY", cls.profile.download_delay, priority="spider")
        settings.set(
            "CONCURRENT_REQUESTS_PER_DOMAIN", cls.profile.concurrent_requests, priority="spider"
        )

    def __init__(
        self,
        run_id: str | int | None = None,
        max_listing_pages: str | int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.run_id = int(run_id) if run_id not in (None, "") else None
        # Always the real domain: a local copy is reached through BAOTINH_MIRRORS (crawlers.mirror).
        self.base_url = self.profile.base_url
        self.allowed_domains = [self.profile.domain, *self.profile.former_domains]
        self.max_listing_pages = int(max_listing_pages or self.profile.max_listing_pages)

    async def start(self) -> AsyncIterator[Request]:
        for request in self._start_requests():
            yield request

    def _start_requests(self) -> Iterator[Request]:
        for path in self.profile.feeds:
            yield self._request(path, self.parse_feed, kind="feed")
        for path in self.profile.sitemaps:
            yield self._request(path, self.parse_sitemap, kind="sitemap", depth=0)
        for path in self.profile.sections:
            yield self._request(path, self.parse_listing, kind="listing", page=1)

    def _request(self, path_or_url: str, callback: Any, kind: str, **meta: Any) -> Request:
        url = path_or_url if "://" in path_or_url else self.base_url + path_or_url
        return Request(url, callback=callback, errback=self.on_error, meta={"kind": kind, **meta})

    def _article_requests(self, urls: list[str]) -> Iterator[Request]:
        for url in urls:
            if self.profile.is_article_path(urlsplit(url).path):
                self.crawler.stats.inc_value("baotinh/discovered/article_links")
                yield self._request(url, self.parse_article, kind="article")

    def parse_feed(self, response: Response) -> Iterator[Request]:
        links = discovery.feed_links(response.body, response.url)
        self.crawler.stats.inc_value("baotinh/discovered/feed_entries", len(links))
        yield from self._article_requests(links)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        found = discovery.sitemap_links(response.body, response.url)
        yield from self._article_requests(found.pages)
        depth = response.meta.get("depth", 0)
        for url in found.sitemaps:
            if depth + 1 > MAX_SITEMAP_DEPTH:
                self.crawler.stats.inc_value("baotinh/skipped/sitemap_too_deep")
                continue
            yield self._request(url, self.parse_sitemap, kind="sitemap", depth=depth + 1)

    def parse_listing(self, response: Response) -> Iterator[Request]:
        links = discovery.page_links(response.text, response.url)
        yield from self._article_requests(links)
        page = response.meta.get("page", 1)
        section = urlsplit(response.url).path
        for url in links:
            path = urlsplit(url).path
            if not self.profile.is_listing_page_path(path) or path == section:
                continue
            if page >= self.max_listing_pages:
                self.crawler.stats.inc_value("baotinh/skipped/listing_page_cap")
                break
            yield self._request(url, self.parse_listing, kind="listing", page=page + 1)

    def parse_article(self, response: Response) -> Iterator[FetchedPage]:
        self.crawler.stats.inc_value("baotinh/pages/article")
        yield FetchedPage(
            site=self.profile.key,
            url=response.request.meta.get("redirect_urls", [response.url])[0],
            final_url=response.url,
            status=response.status,
            headers={
                key.decode("latin-1").lower(): b", ".join(values).decode("latin-1")
                for key, values in response.headers.items()
            },
            body=response.body,
            fetched_at=datetime.now(UTC),
            kind="article",
        )

    def on_error(self, failure: Failure) -> Iterator[CrawlError]:
        request = failure.request
        kind, status, message = _describe_failure(failure)
        self.crawler.stats.inc_value(f"baotinh/errors/{kind}")
        if kind == "robots_disallowed":
            return
        yield CrawlError(
            site=self.profile.key,
            url=request.url,
            kind=kind,
            message=f"{request.meta.get('kind', 'page')}: {message}",
            http_status=status,
        )


def _describe_failure(failure: Failure) -> tuple[str, int | None, str]:
    if failure.check(HttpError):
        status = failure.value.response.status
        return f"http_{status}", status, f"HTTP {status}"
    if failure.check(IgnoreRequest):
        text = str(failure.value)
        if "robots" in text.lower() or "Forbidden by robots.txt" in text:
            return "robots_disallowed", None, text
        return "ignored", None, text
    if failure.check(DNSLookupError):
        return "dns", None, str(failure.value)
    if failure.check(ConnectionRefusedError):
        return "connection", None, str(failure.value)
    if failure.check(TimeoutError, TCPTimedOutError):
        return "timeout", None, str(failure.value)
    text = str(failure.value) or failure.type.__name__
    if "maxsize" in text.lower() or "max size" in text.lower():
        return "too_large", None, text
    return "connection", None, f"{failure.type.__name__}: {text}"


def _spider_for(profile: SiteProfile) -> type[NewsSpider]:
    class_name = "".join(part.title() for part in profile.key.split("_")) + "Spider"
    return type(
        class_name,
        (NewsSpider,),
        {"name": profile.key, "profile": profile, "__module__": __name__, "__doc__": profile.name},
    )


def _register_spiders() -> None:
    """One spider per paper, so `scrapy list` shows the registry and `scrapy crawl <key>` works."""
    for profile in SITES.values():
        spider = _spider_for(profile)
        globals()[spider.__name__] = spider


_register_spiders()
