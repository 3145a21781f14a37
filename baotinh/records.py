"""Plain records passed between the crawler, the extractor and the store.

They carry no behaviour and know nothing of Scrapy, Prefect or SQLAlchemy, so every stage can be
tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Image:
    url: str
    caption: str | None = None


@dataclass
class ExtractedArticle:
    """One article as the extractor sees it, before dedupe and classification."""

    url: str
    canonical_url: str
    title: str
    text: str
    lead: str | None = None
    # Aware datetime in Asia/Ho_Chi_Minh when the page gives a time; a date when only a day.
    published: datetime | date | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    language: str | None = None
    content_hash: str = ""
    extractor_version: str = ""


@dataclass
class FetchedPage:
    """A raw HTTP response as the spider received it (body already freed of stray gzip)."""

    site: str
    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    kind: str = "article"  # article | listing | feed | sitemap


@dataclass
class CrawlError:
    site: str
    url: str
    kind: str  # e.g. http_404, http_500, connection, timeout, empty_body, not_article, too_large
    message: str
    http_status: int | None = None


@dataclass
class HttpValidators:
    """The validators a feed or sitemap answered with, kept for tomorrow's conditional request."""

    site: str
    url: str
    etag: str | None
    last_modified: str | None
