"""Plain records passed between the crawler, the extractor and the store.

They carry no behaviour and know nothing of Scrapy, Prefect or SQLAlchemy, so every stage can be
tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# What a person reads where an article has no headline (a dump scraped without it).
NO_TITLE = "(no title)"


@dataclass(frozen=True)
class Image:
    # None for a caption whose photo the source does not name (a text dump's caption).
    url: str | None
    caption: str | None = None


@dataclass
class ExtractedArticle:
    """One article as the extractor sees it, before dedupe and classification."""

    url: str
    canonical_url: str
    # "" when the page gives no headline (stored as NULL).
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
    # The part of a series this article is, as printed: "Kỳ II", "Bài 2 (Tiếp theo)",
    # "(Tiếp theo và hết)". None for a stand-alone article.
    series_part: str | None = None
    # The version of the paper's layout the page was extracted with (baotinh.papers.profile.Layout);
    # None when none fitted and generic extraction did the work (or the text was imported).
    layout: str | None = None


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
    kind: str = "article"  # article | listing | feed | sitemap | text (an imported dump)


@dataclass
class CrawlError:
    site: str
    url: str
    kind: str  # e.g. http_404, http_500, connection, timeout, empty_body, not_article, too_large
    message: str
    http_status: int | None = None
    # What was asked for (article, recheck, feed, sitemap, listing…): a failed article fetch also
    # moves the URL along the crawl frontier (retry later, or gone).
    request_kind: str | None = None


@dataclass(frozen=True)
class Discovery:
    """An article link a crawl found: where, when its source says it was published, and how
    (feed, sitemap, listing, archive, page)."""

    url: str
    published: datetime | date | None = None
    source: str = "page"


@dataclass
class DiscoveredLinks:
    """Article links found on one feed, sitemap or listing page, for the crawl frontier; with
    the validators of a feed or sitemap once everything under it has been read, so that they are
    saved in the same transaction as the links they vouch for."""

    site: str
    links: list[Discovery]
    validators: HttpValidators | None = None


@dataclass
class HttpValidators:
    """The validators a feed or sitemap answered with, kept for tomorrow's conditional request."""

    site: str
    url: str
    etag: str | None
    last_modified: str | None
    kind: str | None = None  # "feed" or "sitemap"


@dataclass
class Refused:
    """An article URL the crawl may not fetch (robots.txt forbids it) or that proved not to be
    an article (a page self-discovery looked at): not an error of the crawl, but the frontier
    must stop offering it."""

    site: str
    url: str
    reason: str
    kind: str = "robots_disallowed"  # or "not_article"
