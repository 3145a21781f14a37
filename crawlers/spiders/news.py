"""The generic news spider, and one spider per registered site profile.

Discovery: feeds, sitemaps (indexes, monthly children, gzipped), section listings with
pagination, day archives for backfills. Parsing is in `crawlers.discovery` (plain functions);
this module decides what to fetch:

- Incremental by default: article URLs the store already holds (or gave up on) are not fetched
  again, feeds and sitemaps are asked for conditionally (ETag, Last-Modified), and listings are
  walked only when a feed or sitemap changed (or the site has neither), each section stopping at
  the first page that brings nothing new.
- A date window (`since`, `until`) makes it a backfill: dated sitemaps and day archives outside
  the window are skipped, listings stop once their items fall before it, and known pages are
  fetched again only with `refetch`.

Every article page becomes a `FetchedPage` item; every failure a `CrawlError` item; problems are
also counted in the crawl's stats under `baotinh/`.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar
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

from baotinh.records import (
    CrawlError,
    DiscoveredLinks,
    Discovery,
    FetchedPage,
    HttpValidators,
    Refused,
)
from baotinh.urls import identity_key
from crawlers import discovery
from crawlers.sites import SITES, SiteProfile
from crawlers.window import CrawlWindow

if TYPE_CHECKING:
    from db.crawl_state import CrawlState
    from db.frontier import PendingUrl, Recheck

MAX_SITEMAP_DEPTH = 3
# More URLs than this in one sitemap is not a news site's sitemap; the rest is ignored.
MAX_SITEMAP_URLS = 50_000
DISCOVERY_MODES = ("all", "feeds", "sitemaps", "listings")
# Bounds of the link-following fallback for sites that offer no feed, sitemap or sections.
FOLLOW_MAX_DEPTH = 3
FOLLOW_MAX_PAGES = 200


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
        since: str | None = None,
        until: str | None = None,
        refetch: str | bool = False,
        discover: str = "all",
        max_listing_pages: str | int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.run_id = int(run_id) if run_id not in (None, "") else None
        self.window = CrawlWindow.parse(since, until)
        self.refetch = str(refetch).lower() in ("1", "true", "yes")
        if discover not in DISCOVERY_MODES:
            raise ValueError(f"discover must be one of {DISCOVERY_MODES}, not {discover!r}")
        self.discover = discover
        # Always the real domain: a local copy is reached through BAOTINH_MIRRORS (crawlers.mirror).
        self.base_url = self.profile.base_url
        self.allowed_domains = [self.profile.domain, *self.profile.former_domains]
        self.max_listing_pages = int(max_listing_pages or self.profile.max_listing_pages)
        self.seen: set[str] = set()
        self.validators: dict[str, tuple[str | None, str | None]] = {}
        self.pending: list[PendingUrl] = []
        self.rechecks: list[Recheck] = []
        self.scheduled: set[str] = set()
        # Article links already sent to the frontier by this crawl.
        self.recorded: set[str] = set()
        # Sitemap trees: documents still to read under each root, roots not read whole, and
        # the root validators waiting for their tree to finish.
        self._open_documents: dict[str, int] = {}
        self._incomplete_trees: set[str] = set()
        self._tree_validators: dict[str, HttpValidators] = {}
        self._roots_pending = 0
        self._roots_changed = False
        self._roots_failed = False
        self._pages_followed = 0

    # --- start ---------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        if not self._load_crawl_state():
            return
        # Pending work first: what an interrupted or failed run left is fetched whatever the
        # feeds and sitemaps answer tonight.
        for request in self._pending_requests():
            yield request
        for request in self._recheck_requests():
            yield request
        for request in self._root_requests():
            yield request

    def _load_crawl_state(self) -> bool:
        from crawlers.storage import store_wait_budget
        from db.crawl_state import CrawlState, load_crawl_state
        from db.engine import get_engine, session_scope
        from db.resilience import StoreUnavailable, run_with_store_retry
        from db.store import UnknownSiteError

        def load() -> CrawlState:
            with session_scope(get_engine()) as session:
                return load_crawl_state(
                    session,
                    self.profile.key,
                    backfill=self.window.is_backfill,
                    refetch=self.refetch,
                    recheck_days=self.profile.recheck_days,
                )

        try:
            state = run_with_store_retry(load, budget_s=store_wait_budget(self.settings))
        except UnknownSiteError:
            state = CrawlState()  # a site never crawled before: everything is new
        except StoreUnavailable as exc:
            self.logger.error("the store is unreachable, nothing crawled: %s", exc)
            # Nothing is requested: the crawl ends at once, and the run reads why from its stats.
            self.crawler.stats.set_value("baotinh/store/unavailable", str(exc))
            return False
        self.seen = state.done
        self.pending = state.pending
        self.rechecks = state.rechecks
        self.validators = state.validators
        stats = self.crawler.stats
        stats.set_value("baotinh/seen_urls_at_start", len(self.seen))
        stats.set_value("baotinh/frontier/pending_at_start", len(self.pending))
        return True

    def _pending_requests(self) -> Iterator[Request]:
        for pending in self.pending:
            if not self.window.contains(pending.published):
                self.crawler.stats.inc_value("baotinh/frontier/pending_outside_window")
                continue
            key = self._key(pending.url)
            if key in self.scheduled:
                continue
            self.scheduled.add(key)
            self.recorded.add(key)
            self.crawler.stats.inc_value("baotinh/frontier/pending_taken")
            yield self._request(pending.url, self.parse_article, "article", source="frontier")

    def _recheck_requests(self) -> Iterator[Request]:
        """Fresh articles asked again with their validators: a 304 costs the paper nothing."""
        for recheck in self.rechecks:
            key = self._key(recheck.url)
            if key in self.scheduled:
                continue
            self.scheduled.add(key)
            request = self._request(recheck.url, self.parse_article, "recheck")
            request.meta["handle_httpstatus_list"] = [304]
            if recheck.etag:
                request.headers["If-None-Match"] = recheck.etag
            if recheck.last_modified:
                request.headers["If-Modified-Since"] = recheck.last_modified
            self.crawler.stats.inc_value("baotinh/recheck/asked")
            yield request

    def _wants(self, mode: str) -> bool:
        return self.discover in ("all", mode)

    def _root_requests(self) -> Iterator[Request]:
        roots: list[Request] = []
        if self._wants("feeds"):
            roots += [
                self._conditional(path, self.parse_feed, "feed") for path in self.profile.feeds
            ]
        if self._wants("sitemaps"):
            roots += [
                self._conditional(path, self.parse_sitemap, "sitemap", depth=0)
                for path in self.profile.sitemaps
            ]
        if self.window.is_backfill and self.profile.archive_path and self.discover == "all":
            roots += list(self._archive_requests())
        if not roots:
            # Nothing to ask first: go straight to the listings (or the home page).
            yield from self._listing_requests()
            return
        self._roots_pending = len(roots)
        yield from roots

    def _root_done(self, changed: bool, failed: bool = False) -> Iterator[Request]:
        """After the last feed, sitemap or archive answers, decide whether to walk the listings.

        Nightly: only when something changed (a new feed item, a new sitemap) or a root failed;
        an unchanged feed means nothing was published, so the listings would bring nothing.
        Backfill: only when nothing reaches the window directly (no sitemap, no day archive).
        """
        self._roots_changed |= changed
        self._roots_failed |= failed
        self._roots_pending -= 1
        if self._roots_pending != 0:
            return
        if self.window.is_backfill:
            direct = bool(self.profile.sitemaps or self.profile.archive_path)
            if not direct or self._roots_failed:
                yield from self._listing_requests()
            return
        if self._roots_changed or self._roots_failed:
            yield from self._listing_requests()
        else:
            self.crawler.stats.inc_value("baotinh/listings/skipped_nothing_changed")

    def _listing_requests(self) -> Iterator[Request]:
        if self.discover not in ("all", "listings"):
            return
        if not self.profile.sections:
            yield self._request("/", self.parse_any_page, "page", depth=0)
            return
        for path in self.profile.sections:
            yield self._request(path, self.parse_listing, "listing", page=1, section=path)

    def parse_any_page(self, response: Response) -> Iterator[Any]:
        """The fallback for a site with no feed, sitemap or known sections: follow its own
        links, breadth first, to a bounded depth and number of pages."""
        links = discovery.page_links(response.text, response.url)
        yield from self._discover(((url, None) for url in links), "page")
        depth = response.meta.get("depth", 0)
        if depth >= FOLLOW_MAX_DEPTH:
            return
        for url in links:
            parts = urlsplit(url)
            key = self._key(url)
            if (
                parts.hostname not in self.allowed_domains
                or self.profile.is_article_path(parts.path)
                or key in self.scheduled
            ):
                continue
            if self._pages_followed >= FOLLOW_MAX_PAGES:
                self.crawler.stats.inc_value("baotinh/follow/page_cap")
                return
            self.scheduled.add(key)
            self._pages_followed += 1
            yield self._request(url, self.parse_any_page, "page", depth=depth + 1)

    def _archive_requests(self) -> Iterator[Request]:
        assert self.profile.archive_path
        for day in self.window.days():
            path = self.profile.archive_path.format(
                yyyy=f"{day:%Y}", mm=f"{day:%m}", dd=f"{day:%d}"
            )
            yield self._request(path, self.parse_archive, "archive", root=True)

    # --- requests ------------------------------------------------------------------------------

    def _key(self, url: str) -> str:
        """One name per page (www./m./AMP variants, a former domain and its successor are
        one), so a page is never fetched twice under two names."""
        return identity_key(url)

    def _url(self, path_or_url: str) -> str:
        return path_or_url if "://" in path_or_url else self.base_url + path_or_url

    def _request(self, path_or_url: str, callback: Any, kind: str, **meta: Any) -> Request:
        return Request(
            self._url(path_or_url),
            callback=callback,
            errback=self.on_error,
            meta={"kind": kind, **meta},
        )

    def _conditional(self, path_or_url: str, callback: Any, kind: str, **meta: Any) -> Request:
        """A feed or sitemap request that asks 'anything new since last time?'."""
        request = self._request(path_or_url, callback, kind, root=True, **meta)
        request.meta["handle_httpstatus_list"] = [304]
        etag, last_modified = self.validators.get(request.url, (None, None))
        if etag:
            request.headers["If-None-Match"] = etag
        if last_modified:
            request.headers["If-Modified-Since"] = last_modified
        return request

    def _not_modified(self, response: Response) -> bool:
        if response.status != 304:
            return False
        self.crawler.stats.inc_value("baotinh/not_modified")
        return True

    def _validators_of(self, response: Response) -> HttpValidators | None:
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        if not (etag or last_modified):
            return None
        return HttpValidators(
            site=self.profile.key,
            url=response.url,
            etag=etag.decode("latin-1") if etag else None,
            last_modified=last_modified.decode("latin-1") if last_modified else None,
        )

    def _tree_finished(self, root: str) -> list[DiscoveredLinks]:
        """One document under sitemap `root` was read (or failed). Once the last one is, the
        root's validators are saved, but only if everything under it was read: a 304 tomorrow
        must mean "nothing new under here", and a child skipped for a backfill's window or lost
        to an error would otherwise stay unread for good."""
        self._open_documents[root] -= 1
        if self._open_documents[root] > 0:
            return []
        validators = self._tree_validators.pop(root, None)
        if validators is None:
            return []
        if root in self._incomplete_trees:
            self.crawler.stats.inc_value("baotinh/validators/not_saved_incomplete")
            return []
        return [DiscoveredLinks(self.profile.key, [], validators)]

    def _discover(
        self,
        entries: Iterable[tuple[str, Any]],
        source: str,
        validators: HttpValidators | None = None,
    ) -> list[Any]:
        """For the article links among `entries`: one item recording them in the frontier (with
        the validators of the document they came from, if it is complete), then a request for
        each link that is new and in the window."""
        stats = self.crawler.stats
        links: list[Discovery] = []
        requests: list[Request] = []
        for url, moment in entries:
            if not self.profile.is_article_path(urlsplit(url).path):
                continue
            key = self._key(url)
            if key not in self.recorded:
                self.recorded.add(key)
                links.append(Discovery(url, moment, source))
            if key in self.scheduled:
                continue
            self.scheduled.add(key)
            stats.inc_value("baotinh/discovered/article_links")
            if key in self.seen:
                stats.inc_value("baotinh/skipped/known")
                continue
            if not self.window.contains(moment):
                stats.inc_value("baotinh/skipped/outside_window")
                continue
            requests.append(self._request(url, self.parse_article, "article", source=source))
        items: list[Any] = []
        if links or validators:
            items.append(DiscoveredLinks(self.profile.key, links, validators))
        return items + requests

    # --- callbacks -----------------------------------------------------------------------------

    def parse_feed(self, response: Response) -> Iterator[Any]:
        if self._not_modified(response):
            yield from self._root_done(changed=False)
            return
        entries = discovery.feed_entries(response.body, response.url)
        self.crawler.stats.inc_value("baotinh/discovered/feed_entries", len(entries))
        # A feed is read whole: its validators can go with the links it lists.
        found = self._discover(entries, "feed", self._validators_of(response))
        yield from found
        yield from self._root_done(changed=any(isinstance(x, Request) for x in found))

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        is_root = response.meta.get("root", False)
        # Every document under a root sitemap counts towards it (see _tree_finished).
        tree = response.url if is_root else response.meta.get("tree", response.url)
        if self._not_modified(response):
            if is_root:
                yield from self._root_done(changed=False)
            return
        found = discovery.sitemap_links(response.body, response.url)
        if len(found.pages) > MAX_SITEMAP_URLS:
            yield self._error(
                response.url,
                "sitemap_too_large",
                f"{len(found.pages)} URLs; only the first {MAX_SITEMAP_URLS} used",
            )
            found.pages = found.pages[:MAX_SITEMAP_URLS]
            self._incomplete_trees.add(tree)
        if is_root:
            self._open_documents[tree] = 1
            validators = self._validators_of(response)
            if validators:
                self._tree_validators[tree] = validators
        new = self._discover(((url, found.dates.get(url)) for url in found.pages), "sitemap")
        yield from new
        depth = response.meta.get("depth", 0)
        children = 0
        for url in found.sitemaps:
            if not self._sitemap_in_window(url):
                self.crawler.stats.inc_value("baotinh/skipped/sitemap_outside_window")
                self._incomplete_trees.add(tree)
                continue
            if depth + 1 > MAX_SITEMAP_DEPTH:
                yield self._error(
                    url,
                    "sitemap_too_deep",
                    f"sitemap indexes nested deeper than {MAX_SITEMAP_DEPTH}",
                )
                self._incomplete_trees.add(tree)
                break
            children += 1
            self._open_documents[tree] += 1
            yield self._request(url, self.parse_sitemap, "sitemap", depth=depth + 1, tree=tree)
        yield from self._tree_finished(tree)
        if is_root:
            changed = any(isinstance(x, Request) for x in new) or children > 0
            yield from self._root_done(changed=changed)

    def _sitemap_in_window(self, url: str) -> bool:
        if not (self.window.is_backfill and self.profile.monthly_sitemap):
            return True
        match = re.search(self.profile.monthly_sitemap, urlsplit(url).path)
        if not match:
            return True
        return self.window.overlaps_month(int(match["yyyy"]), int(match["mm"]))

    def parse_archive(self, response: Response) -> Iterator[Any]:
        # The day's items only (with their dates), not the sidebars' links to other days.
        new = self._discover(self._listing_entries(response), "archive")
        yield from new
        yield from self._root_done(changed=any(isinstance(x, Request) for x in new))

    def parse_listing(self, response: Response) -> Iterator[Any]:
        self.scheduled.add(self._key(response.url))
        entries = self._listing_entries(response)
        yield from self._discover(entries, "listing")
        page = response.meta.get("page", 1)
        dates = [moment for _, moment in entries if moment is not None]
        if dates and all(self.window.is_before(moment) for moment in dates):
            self.crawler.stats.inc_value("baotinh/listings/stopped_before_window")
            return
        # "New" means not in the store: links already scheduled from the feed still count.
        unseen = [
            url
            for url, _ in entries
            if self.profile.is_article_path(urlsplit(url).path) and self._key(url) not in self.seen
        ]
        if not unseen and not self.window.is_backfill:
            self.crawler.stats.inc_value("baotinh/listings/stopped_nothing_new")
            return
        next_page = self._next_listing_page(response)
        if next_page is None:
            return
        if page >= self.max_listing_pages:
            self.crawler.stats.inc_value("baotinh/listings/page_cap")
            yield self._error(
                next_page,
                "listing_page_cap",
                f"stopped paging after {self.max_listing_pages} pages",
            )
            return
        yield self._request(
            next_page,
            self.parse_listing,
            "listing",
            page=page + 1,
            section=response.meta.get("section"),
        )

    def _listing_entries(self, response: Response) -> list[tuple[str, Any]]:
        profile = self.profile
        if profile.listing_item:
            entries = discovery.listing_entries(
                response.text,
                response.url,
                profile.listing_item,
                profile.listing_item_date,
                profile.listing_date_format,
            )
            if entries:
                return entries
        return [(url, None) for url in discovery.page_links(response.text, response.url)]

    def _next_listing_page(self, response: Response) -> str | None:
        """The first link to a listing page of this section not yet asked for."""
        for url in discovery.page_links(response.text, response.url):
            parts = urlsplit(url)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if (
                parts.hostname in self.allowed_domains
                and self.profile.is_listing_page_path(target)
                and _same_section(target, response.meta.get("section") or "")
                and self._key(url) not in self.scheduled
            ):
                self.scheduled.add(self._key(url))
                if url.rstrip("/") != response.url.rstrip("/"):
                    return url
        return None

    def parse_article(self, response: Response) -> Iterator[FetchedPage]:
        if response.status == 304:  # a recheck: the article has not changed
            self.crawler.stats.inc_value("baotinh/recheck/not_modified")
            return
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

    # --- errors --------------------------------------------------------------------------------

    def _error(
        self,
        url: str,
        kind: str,
        message: str,
        status: int | None = None,
        request_kind: str | None = None,
    ) -> CrawlError:
        self.crawler.stats.inc_value(f"baotinh/errors/{kind}")
        return CrawlError(self.profile.key, url, kind, message, status, request_kind)

    def on_error(self, failure: Failure) -> Iterator[Any]:
        request = failure.request
        kind, status, message = _describe_failure(failure)
        if kind == "http_404" and request.meta.get("kind") == "archive":
            # Many sites answer a day with nothing published with a 404: an empty day.
            self.crawler.stats.inc_value("baotinh/archive/empty_days")
            yield from self._root_done(changed=False)
            return
        request_kind = request.meta.get("kind", "page")
        if kind == "robots_disallowed":
            self.crawler.stats.inc_value("baotinh/skipped/robots_disallowed")
            if request_kind == "article":
                # Not an error of the crawl, but the frontier must stop offering the URL.
                yield Refused(self.profile.key, request.url, message)
        else:
            yield self._error(request.url, kind, f"{request_kind}: {message}", status, request_kind)
        if request.meta.get("tree"):
            self._incomplete_trees.add(request.meta["tree"])
            yield from self._tree_finished(request.meta["tree"])
        if request.meta.get("root"):
            # A feed or sitemap that failed tells us nothing: fall back on the listings.
            yield from self._root_done(changed=False, failed=True)


def _same_section(target: str, section: str) -> bool:
    section_root = urlsplit(section).path.rstrip("/")
    return not section_root or urlsplit(target).path.startswith(section_root)


def _describe_failure(failure: Failure) -> tuple[str, int | None, str]:
    if failure.check(HttpError):
        status = failure.value.response.status
        return f"http_{status}", status, f"HTTP {status}"
    text = str(failure.value) or failure.type.__name__
    if failure.check(IgnoreRequest):
        lowered = text.lower()
        if "robots" in lowered:
            return "robots_disallowed", None, text
        if "max redirections" in lowered or "redirect loop" in lowered:
            return "redirect_loop", None, text
        if "offsite redirect" in lowered:
            return "offsite_redirect", None, text
        return "ignored", None, text
    if failure.check(DNSLookupError):
        return "dns", None, text
    if failure.check(ConnectionRefusedError):
        return "connection", None, text
    if failure.check(TimeoutError, TCPTimedOutError):
        return "timeout", None, text
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
