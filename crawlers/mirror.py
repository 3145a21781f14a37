"""Fetch chosen domains from local mirrors, while every other part of Scrapy sees the real URLs.

The sample sites (and any recorded copy of a site) are served on 127.0.0.1. Mapping a domain to
a mirror here, below the middlewares, keeps robots.txt handling, redirects, off-site filtering,
the dupe filter and what the store records all about the real domain; only the TCP connection
goes elsewhere, with the real domain in the Host header.

    BAOTINH_MIRRORS = '{"baobacgiang.vn": "http://127.0.0.1:8701"}'
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Response


def parse_mirrors(value: str | dict[str, str] | None) -> dict[str, str]:
    if not value:
        return {}
    mirrors = json.loads(value) if isinstance(value, str) else dict(value)
    return {domain.lower(): url.rstrip("/") for domain, url in mirrors.items()}


def mirrored_url(url: str, mirrors: dict[str, str]) -> str | None:
    """The address to connect to for `url`, or None when its domain has no mirror."""
    parts = urlsplit(url)
    mirror = mirrors.get((parts.hostname or "").lower())
    if mirror is None:
        return None
    return mirror + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class LocalMirrorDownloadHandler(HTTP11DownloadHandler):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.mirrors = parse_mirrors(crawler.settings.get("BAOTINH_MIRRORS"))

    async def download_request(self, request: Request) -> Response:
        local_url = mirrored_url(request.url, self.mirrors)
        if local_url is None:
            return await super().download_request(request)
        headers = request.headers.copy()
        headers["Host"] = urlsplit(request.url).netloc
        response = await super().download_request(request.replace(url=local_url, headers=headers))
        return response.replace(url=request.url)
