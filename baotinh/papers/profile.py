"""What baotinh knows about one newspaper, as data.

A profile is everything the generic spider, the extractor and the flows need to handle one paper.
Adding a paper is adding one small module next to this one that builds a `SiteProfile`; a site
redesign is a new dated `Layout` of the same profile (never a new key), so old raw pages still
extract the old way and new ones the new way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Selectors:
    """CSS selectors that beat trafilatura's guesses on this site's markup. All optional."""

    title: str | None = None
    lead: str | None = None
    body: str | None = None
    dateline: str | None = None
    byline: str | None = None
    breadcrumb: str | None = None
    tags: str | None = None
    # Blocks inside the body container that are never article text (share bars, inline promos).
    drop: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """One version of a paper's article markup, and the days it was served (as fundus versions
    its parsers): a redesign adds a Layout to the profile, it never makes a new site key.

    The extractor picks the layout whose `markers` the page carries; among several (or among
    layouts without markers) the one whose days hold the page's date. A page that fits none is
    extracted generically and stored without a layout, which is what the drift alarm counts.
    """

    # Stored with every article extracted with it (`articles.layout`): keep it stable. A date
    # ("2025-12-01", the day the redesign went live) sorts and says when.
    version: str
    # First day served (None: since the paper's beginning) and the day it stopped (exclusive,
    # None: still current). The next layout's `since` is usually this one's `until`.
    since: date | None = None
    until: date | None = None
    # CSS selectors whose presence identifies the layout (any one of them is enough). Without
    # markers, the body selector identifies it; without both, only the date can choose it.
    markers: tuple[str, ...] = ()
    selectors: Selectors = field(default_factory=Selectors)
    # None: the profile's (a paper's sapo prefix rarely changes with its templates).
    lead_prefix: str | None = None
    # Chrome lines this layout prints, on top of the profile's own.
    boilerplate_lines: tuple[str, ...] = ()

    @property
    def identifying_selectors(self) -> tuple[str, ...]:
        return self.markers or ((self.selectors.body,) if self.selectors.body else ())

    def covers(self, day: date) -> bool:
        """Whether the layout was served on `day`."""
        started = self.since is None or self.since <= day
        return started and (self.until is None or day < self.until)


# The version of the one layout a profile has when it declares `selectors` but no `layouts`.
DEFAULT_LAYOUT = "default"

UNVERIFIED = "unverified"


@dataclass(frozen=True)
class Evidence:
    """Where one fact of a profile comes from, so the next person knows what to re-check.

    `source` is a public place that shows the fact: "github:<owner>/<repo>/<path>@<commit7>"
    (a scraper, a config, a saved page, a link list), "docs:<url>", or "unverified" when nothing
    public was found and the fact is a guess or general knowledge (say which in `detail`).
    """

    fact: str  # the profile field it backs: "domain", "feeds", "article_path", "selectors.body"…
    source: str
    detail: str = ""  # what the source shows, in a few words (an example URL, a selector)

    @property
    def verified(self) -> bool:
        return self.source != UNVERIFIED


@dataclass(frozen=True)
class SiteProfile:
    key: str
    name: str
    domain: str
    # Domains the paper published under before; old article URLs live on there or redirect.
    former_domains: tuple[str, ...] = ()
    # Provinces covered before the 1 July 2025 merger, and the province it belongs to after.
    provinces_before: tuple[str, ...] = ()
    province_after: str | None = None
    language: str = "vi"
    scheme: str = "https"
    # A paper whose site is gone or being reworked stays registered (its history is queryable,
    # a backfill can still name it) but the nightly run leaves it out.
    enabled: bool = True

    # Discovery, as paths on the site. The two patterns are regular expressions matched against
    # the whole path, plus "?query" when the URL has one (some sites page with ?page=N).
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    article_path: str = r".*"
    listing_page_path: str | None = None
    max_listing_pages: int = 20
    # How a listing prints each item, so a crawl can stop paging once items fall before its
    # window: the item, its date text, and the strptime format of that text.
    listing_item: str | None = None
    listing_item_date: str | None = None
    listing_date_format: str | None = None
    # Faster paths back in time for backfills: a day-archive URL pattern with {yyyy} {mm} {dd},
    # and a regex with named groups yyyy and mm that recognises monthly child sitemaps.
    archive_path: str | None = None
    monthly_sitemap: str | None = None

    # The paper's sections and the topic of the taxonomy each one is (baotinh.labels.topics.TOPICS),
    # or None for a section that mixes topics ("Thời sự"). Articles filed under a mapped section
    # train the topic model, and the section weighs in when one of its articles is classified.
    section_topics: tuple[tuple[str, str | None], ...] = ()

    # The paper's article markup, one Layout per design it has had (see Layout). A profile with
    # one design may give `selectors` instead: they are then its one layout (DEFAULT_LAYOUT).
    layouts: tuple[Layout, ...] = ()
    selectors: Selectors = field(default_factory=Selectors)
    # Prefix the paper puts before every sapo, e.g. "(BGĐT) - ".
    lead_prefix: str | None = None
    # Extra lines of chrome this paper prints that the generic cleaning does not know (every
    # layout; a layout may add its own).
    boilerplate_lines: tuple[str, ...] = ()

    # Articles published in the last this many days are asked for again each night, with their
    # validators (a 304 costs nothing): papers correct and extend fresh articles, and a changed
    # page becomes a new version of the article.
    recheck_days: int = 2

    # Politeness.
    download_delay: float = 1.0
    concurrent_requests: int = 4

    # Where each fact above comes from (see Evidence), "unverified" with the reason where nothing
    # public shows it; facts without an entry are unverified too.
    evidence: tuple[Evidence, ...] = ()
    # A generic profile knows the paper (name, domains, provinces) but not its markup: no saved
    # page, selectors or article pattern written for it. Its crawl relies on self-discovery
    # (feeds and sitemaps the site announces) and on generic extraction.
    generic: bool = False

    @property
    def provinces(self) -> tuple[str, ...]:
        after = (self.province_after,) if self.province_after else ()
        return tuple(dict.fromkeys(self.provinces_before + after))

    @property
    def effective_layouts(self) -> tuple[Layout, ...]:
        """The layouts extraction chooses from: the declared ones, else the profile's selectors
        as its one layout; none for a profile that knows no markup (generic extraction)."""
        if self.layouts:
            return self.layouts
        if self.selectors == Selectors():
            return ()
        return (Layout(version=DEFAULT_LAYOUT, selectors=self.selectors),)

    def current_layout(self) -> Layout | None:
        """The layout the paper serves today: still open (no `until`), the latest to start."""
        current = [layout for layout in self.effective_layouts if layout.until is None]
        return max(current, key=lambda layout: layout.since or date.min, default=None)

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.domain}"

    def is_article_path(self, path: str) -> bool:
        return re.fullmatch(self.article_path, path) is not None

    def is_listing_page_path(self, path: str) -> bool:
        return self.listing_page_path is not None and (
            re.fullmatch(self.listing_page_path, path) is not None
        )
