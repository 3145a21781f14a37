"""The generic news spider, and one spider per registered site profile.

Discovery: feeds, sitemaps (indexes, monthly children, gzipped), section listings with
pagination, day archives for backfills. Parsing is in `baotinh.extraction.discovery` (plain
functions); this module decides what to fetch:

- Incremental by default: article URLs the store already holds (or gave up on) are not fetched
  again, feeds and sitemaps are asked for conditionally (ETag, Last-Modified), and listings are
  walked only when a feed or sitemap changed (or the site has neither), each section stopping at
  the first page that brings nothing new.
- A date window (`since`, `until`) makes it a backfill: dated sitemaps and day archives outside
  the window are skipped, listings stop once their items fall before it, and known pages are
  fetched again only with `refetch`.
- Self-discovery, so that a wrong or minimal profile degrades instead of failing: when the
  profile lists no feed (or its feeds all fail), the feeds the section pages (or, without
  sections, the home page) announce; when it lists no sitemap (or its sitemaps all fail), those
  robots.txt names, else the usual paths; both remembered for the next crawl. Links the article
  pattern rejects are fetched, within a cap per crawl, to see whether their pages are articles
  (og:type, JSON-LD, a dated URL). What was found that way is counted under
  `baotinh/discovery/self/` and summed up once per crawl (the stat
  `baotinh/discovery/self/report`, which the run records), so the profile can be corrected.

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
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from baotinh.core.records import (
    CrawlError,
    DiscoveredLinks,
    Discovery,
    FetchedPage,
    HttpValidators,
    Refused,
)
from baotinh.core.window import CrawlWindow
from baotinh.extraction import discovery
from baotinh.papers import SITES, SiteProfile, identity_key

if TYPE_CHECKING:
    from db.crawl_state import CrawlState
    from db.frontier import PendingUrl, Recheck

MAX_SITEMAP_DEPTH = 3
# More URLs than this in one sitemap is not a news site's sitemap; the rest is ignored.
MAX_SITEMAP_URLS = 50_000
DISCOVERY_MODES = ("all", "feeds", "sitemaps", "listings")
# Bounds of the link-following fallback for sites that offer no feed, sitemap or sections.
FOLLOW_MAX_DEPTH = 3
# Pages fetched per crawl only to see whether they are articles (links the article pattern
# rejects, pages of the link-following walk); the rest waits for a later crawl.
MAX_CANDIDATES = 200
# Where a feed or sitemap's links may be articles the pattern does not know: the site lists them
# as its content, so they go to the frontier first and their pages decide.
CLAIMING_SOURCES = ("feed", "sitemap")


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
        max_candidates: str | int | None = None,
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
        # Feeds and sitemaps that answered (200 with links, or 304), sitemaps among them.
        self._roots_read = 0
        self._sitemaps_read = 0
        # Self-discovery: the article pattern (None: the profile knows none), the paper's hosts,
        # what was found, candidate pages fetched against the cap, the home page once fetched,
        # the profile's own feeds and sitemaps still to answer and how many worked, and the
        # feed and sitemap addresses asked for (so none is asked twice).
        self.pattern = discovery.article_pattern_of(self.profile)
        self.hosts = {domain.removeprefix("www.") for domain in self.allowed_domains}
        self.found = discovery.SelfDiscoveryReport(self.profile.key, self.pattern is not None)
        self.max_candidates = int(max_candidates or MAX_CANDIDATES)
        self._candidates = 0
        self._home: Response | None = None
        self._seeking_feeds = False
        self._own_left = {"feed": 0, "sitemap": 0}
        self._own_ok = {"feed": 0, "sitemap": 0}
        self._roots_asked: set[str] = set()
        # {url: "feed" | "sitemap"} read whole by earlier crawls (db.crawl_state.known_roots).
        self.known_roots: dict[str, str] = {}

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
        self.known_roots = state.roots
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
            # A link the pattern does not know (found by self-discovery) is still a candidate.
            candidate = not self._accepts(pending.url)
            if candidate and not self._take_candidate():
                continue
            self.scheduled.add(key)
            self.recorded.add(key)
            self.crawler.stats.inc_value("baotinh/frontier/pending_taken")
            request = self._request(pending.url, self.parse_article, "article", source="frontier")
            request.meta["candidate"] = candidate
            yield request

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
        for kind, mode in (("feed", "feeds"), ("sitemap", "sitemaps")):
            if self._wants(mode):
                roots += self._first_roots(kind)
        if self.window.is_backfill and self.profile.archive_path and self.discover == "all":
            roots += list(self._archive_requests())
        if not roots:
            # Nothing to ask first: go straight to the listings (or the home page).
            yield from self._listing_requests()
            return
        self._roots_pending = len(roots)
        yield from roots

    # --- self-discovery of feeds and sitemaps --------------------------------------------------

    def _first_roots(self, kind: str) -> list[Request]:
        """The feeds (or sitemaps) a crawl starts from: the profile's own; else those an earlier
        crawl's self-discovery found and read, asked for directly; else a look for them. When
        all of them fail, self-discovery looks again (`_own_root_answered`)."""
        own = self.profile.feeds if kind == "feed" else self.profile.sitemaps
        known = {self._key(self._url(path)) for path in own}
        found = [url for url, of in self.known_roots.items() if of == kind]
        found = [url for url in found if self._key(url) not in known]
        self._own_left[kind] = len(own or found)
        if own:
            requests = [self._root_request(kind, path, own=True) for path in own]
        else:
            requests = [self._root_request(kind, url, own=True, found=True) for url in found]
        if not requests:
            requests = self._seek_feeds() if kind == "feed" else self._seek_sitemaps()
        return requests

    def _root_request(self, kind: str, path_or_url: str, **meta: Any) -> Request:
        if kind == "feed":
            return self._feed_request(path_or_url, **meta)
        return self._sitemap_request(path_or_url, **meta)

    def _feed_request(self, path_or_url: str, **meta: Any) -> Request:
        request = self._conditional(path_or_url, self.parse_feed, "feed", **meta)
        self._roots_asked.add(self._key(request.url))
        return request

    def _sitemap_request(self, path_or_url: str, **meta: Any) -> Request:
        request = self._conditional(path_or_url, self.parse_sitemap, "sitemap", depth=0, **meta)
        self._roots_asked.add(self._key(request.url))
        return request

    def _seek_feeds(self) -> list[Request]:
        """The feeds the site announces (the profile lists none that works): those of the
        section pages when the listings are walked, and without sections the home page's."""
        self._seeking_feeds = True
        if self.profile.sections:
            return []
        return [self._request("/", self.parse_home, "page", root=True)]

    def _seek_sitemaps(self) -> list[Request]:
        """robots.txt, for the sitemaps it names (the profile lists none that works). Asked
        for here as well as by the robots.txt middleware, which keeps what it read to itself."""
        request = self._request("/robots.txt", self.parse_robots, "robots", root=True)
        request.meta["handle_httpstatus_list"] = [404, 410]
        return [request]

    def _more_roots(self, requests: list[Request]) -> list[Request]:
        """Roots found while the others are still answering: the walk waits for them too."""
        self._roots_pending += len(requests)
        return requests

    def _own_root_answered(self, kind: str, worked: bool) -> list[Request]:
        """One of the feeds or sitemaps the crawl started from (`_first_roots`) answered, or
        failed. When the last has and none worked, look for the ones the site announces."""
        if not self._own_left[kind]:
            return []
        self._own_left[kind] -= 1
        self._own_ok[kind] += int(worked)
        if self._own_left[kind] or self._own_ok[kind]:
            return []
        self.crawler.stats.inc_value(f"baotinh/discovery/self/profile_{kind}s_failed")
        return self._more_roots(self._seek_feeds() if kind == "feed" else self._seek_sitemaps())

    def _found_root(self, url: str, kind: str, **meta: Any) -> Request | None:
        """A feed or sitemap the site points to; None when it is off the paper's hosts or
        already asked for."""
        if not discovery.on_hosts(url, self.hosts):
            return None
        if self._key(url) in self._roots_asked:
            return None
        return self._root_request(kind, url, found=True, **meta)

    def parse_home(self, response: Response) -> Iterator[Any]:
        """The home page, asked for its feeds; its article links are discovered on the way."""
        self._home = response
        feeds = self._announced_feeds(response, late=False)
        if not feeds:
            self.crawler.stats.inc_value("baotinh/discovery/self/no_feed_announced")
        yield from self._more_roots(feeds)
        links = discovery.page_links(self._text(response), response.url)
        yield from self._discover(((url, None) for url in links if self._accepts(url)), "page")
        yield from self._root_done(changed=False)

    def _announced_feeds(self, response: Response, late: bool) -> list[Request]:
        """Requests for the feeds a page announces that are not asked for yet, while the crawl
        is looking for feeds. A feed found after the first ones answered is read for its links
        and does not hold up the listings (`late`)."""
        if not self._seeking_feeds or not isinstance(response, TextResponse):
            return []
        requests = []
        for url in discovery.announced_feeds(response.text, response.url):
            request = self._found_root(url, "feed", late=late)
            if request is not None:
                requests.append(request)
        return requests

    def parse_robots(self, response: Response) -> Iterator[Any]:
        named = []
        if response.status == 200:
            named = discovery.robots_sitemaps(response.body, response.url)
        requests = [r for r in (self._found_root(url, "sitemap") for url in named) if r]
        if not named:
            self.crawler.stats.inc_value("baotinh/discovery/self/robots_names_no_sitemap")
            requests = self._probe_next_sitemap(list(discovery.USUAL_SITEMAP_PATHS))
        yield from self._more_roots(requests)
        yield from self._root_done(changed=False)

    def _probe_next_sitemap(self, paths: list[str]) -> list[Request]:
        """The first of the usual sitemap paths not asked yet; the next one only if it fails."""
        while paths:
            path, rest = paths[0], paths[1:]
            request = self._found_root(self._url(path), "sitemap", probe=rest)
            if request is not None:
                return [request]
            paths = rest
        self.crawler.stats.inc_value("baotinh/discovery/self/no_sitemap_found")
        return []

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
            direct = bool(self.profile.sitemaps or self.profile.archive_path or self._sitemaps_read)
            if not direct or self._roots_failed:
                yield from self._listing_requests()
            return
        if not self._roots_read:
            # No feed or sitemap answered, none was even found: the listings are all there is.
            yield from self._listing_requests()
        elif self._roots_failed or (self._roots_changed and self.profile.sections):
            yield from self._listing_requests()
        elif self._roots_changed:
            # A site without sections is walked link by link, a costly way to find what a
            # working feed or sitemap already lists.
            self.crawler.stats.inc_value("baotinh/follow/skipped_roots_work")
        else:
            self.crawler.stats.inc_value("baotinh/listings/skipped_nothing_changed")

    def _listing_requests(self) -> Iterator[Any]:
        if self.discover not in ("all", "listings"):
            return
        if not self.profile.sections:
            if self._home is not None:  # already fetched for its feeds
                yield from self.parse_any_page(self._home)
            else:
                yield self._request("/", self.parse_any_page, "page")
            return
        for path in self.profile.sections:
            yield self._request(path, self.parse_listing, "listing", page=1, section=path)

    def parse_any_page(self, response: Response) -> Iterator[Any]:
        """The fallback for a site with no feed, sitemap or known sections: follow its own
        links, breadth first, to a bounded depth and number of pages (each page is looked at
        for whether it is an article: see parse_candidate)."""
        links = discovery.page_links(self._text(response), response.url)
        hops = response.meta.get("hops", 0)
        yield from self._discover(((url, None) for url in links), "page", follow=True, hops=hops)

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

    def _validators_of(self, response: Response, kind: str) -> HttpValidators | None:
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        if not (etag or last_modified):
            return None
        return HttpValidators(
            site=self.profile.key,
            url=response.url,
            etag=etag.decode("latin-1") if etag else None,
            last_modified=last_modified.decode("latin-1") if last_modified else None,
            kind=kind,
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

    def _accepts(self, url: str) -> bool:
        """Whether the profile's article pattern takes `url` (never, without a pattern)."""
        return self.pattern is not None and self.profile.is_article_path(urlsplit(url).path)

    def _discover(
        self,
        entries: Iterable[tuple[str, Any]],
        source: str,
        validators: HttpValidators | None = None,
        follow: bool = False,
        hops: int = 0,
    ) -> list[Any]:
        """For the article links among `entries`: one item recording them in the frontier (with
        the validators of the document they came from, if it is complete), then a request for
        each link that is new and in the window.

        Links the article pattern rejects may be articles it does not know (self-discovery).
        From a feed or sitemap, which list the site's content, they go to the frontier like
        the others and their page decides; from a page, they are fetched to see (not
        recorded unless they are articles). Where the pattern takes some of a document's
        links, only the rejected ones shaped like an article's address are worth it; where it
        takes none, or the profile has none, or the crawl is following links (`follow`), every
        page of the paper's own is.
        """
        entries = list(entries)
        taken = [self._accepts(url) for url, _ in entries]
        understood = any(taken)
        links: list[Discovery] = []
        requests: list[Request] = []
        for (url, moment), by_pattern in zip(entries, taken, strict=True):
            if by_pattern:
                requests += self._article_link(url, moment, source, links)
            elif self._worth_a_look(url, understood, follow):
                if source in CLAIMING_SOURCES:
                    requests += self._article_link(url, moment, source, links, candidate=True)
                elif not follow or hops < FOLLOW_MAX_DEPTH:
                    requests += self._candidate(url, source, follow, hops + 1)
        items: list[Any] = []
        if links or validators:
            items.append(DiscoveredLinks(self.profile.key, links, validators))
        return items + requests

    def _article_link(
        self,
        url: str,
        moment: Any,
        source: str,
        links: list[Discovery],
        candidate: bool = False,
    ) -> list[Request]:
        """Record an article link for the frontier (in `links`); a request if it is new."""
        stats = self.crawler.stats
        key = self._key(url)
        if key not in self.recorded:
            self.recorded.add(key)
            links.append(Discovery(url, moment, source))
        if key in self.scheduled:
            return []
        self.scheduled.add(key)
        stats.inc_value(
            "baotinh/discovery/self/candidates" if candidate else "baotinh/discovered/article_links"
        )
        if key in self.seen:
            stats.inc_value("baotinh/skipped/known")
            return []
        if not self.window.contains(moment):
            stats.inc_value("baotinh/skipped/outside_window")
            return []
        if candidate and not self._take_candidate():
            return []  # recorded: a later crawl takes it from the frontier
        request = self._request(url, self.parse_article, "article", source=source)
        request.meta["candidate"] = candidate
        return [request]

    def _worth_a_look(self, url: str, understood: bool, follow: bool) -> bool:
        if not discovery.worth_a_look(url, self.hosts):
            return False
        if follow or self.pattern is None or not understood:
            return True
        return discovery.looks_like_article_url(url)

    def _take_candidate(self) -> bool:
        """One more page fetched only to see whether it is an article, if the cap allows."""
        if self._candidates >= self.max_candidates:
            self.crawler.stats.inc_value("baotinh/discovery/self/candidate_cap")
            self.found.left_for_later += 1
            return False
        self._candidates += 1
        return True

    def _candidate(self, url: str, source: str, follow: bool, hops: int) -> list[Request]:
        """A page found on a page, fetched to see whether it is an article (parse_candidate)."""
        key = self._key(url)
        if key in self.scheduled or key in self.seen or not self._take_candidate():
            return []
        self.scheduled.add(key)
        request = self._request(url, self.parse_candidate, "candidate", source=source)
        request.meta.update(follow=follow, hops=hops)
        return [request]

    def parse_candidate(self, response: Response) -> Iterator[Any]:
        """A page the article pattern does not know: an article if its semantics say so (it then
        goes through the frontier like any other); else, while following links, a page whose
        own links are followed; else a page not to look at again (gone, not an article)."""
        url = response.request.meta.get("redirect_urls", [response.url])[0]
        signals = self._article_signals(response)
        if signals:
            key = self._key(url)
            if key not in self.recorded:
                self.recorded.add(key)
                yield DiscoveredLinks(
                    self.profile.key, [Discovery(url, None, response.meta.get("source", "page"))]
                )
            self._recognised(url, signals)
            yield from self.parse_article(response)
            return
        yield from self._announced_feeds(response, late=True)
        if response.meta.get("follow"):
            # A listing of the walk: nothing the profile gets wrong, nothing to report.
            self.crawler.stats.inc_value("baotinh/follow/pages")
            yield from self.parse_any_page(response)
        else:
            self._not_an_article()
            yield Refused(self.profile.key, url, "not an article by its page", kind="not_article")

    def _article_signals(self, response: Response) -> list[str]:
        if not isinstance(response, TextResponse):
            return []
        return discovery.article_signals(response.text, response.url)

    def _recognised(self, url: str, signals: list[str]) -> None:
        stats = self.crawler.stats
        stats.inc_value("baotinh/discovery/self/articles_by_semantics")
        for signal in signals:
            stats.inc_value(f"baotinh/discovery/self/signal/{signal}")
        self.found.articles.append(url)

    def _not_an_article(self) -> None:
        self.crawler.stats.inc_value("baotinh/discovery/self/not_articles")
        self.found.not_articles += 1

    @staticmethod
    def _text(response: Response) -> str:
        return response.text if isinstance(response, TextResponse) else ""

    # --- callbacks -----------------------------------------------------------------------------

    def parse_feed(self, response: Response) -> Iterator[Any]:
        late = response.meta.get("late", False)
        if self._not_modified(response):
            yield from self._root_answered(response, "feed", worked=True)
            if not late:
                yield from self._root_done(changed=False)
            return
        yield from self._entities_declared(response)
        entries = discovery.feed_entries(response.body, response.url)
        self.crawler.stats.inc_value("baotinh/discovered/feed_entries", len(entries))
        yield from self._root_answered(response, "feed", worked=bool(entries))
        # A feed is read whole: its validators can go with the links it lists.
        found = self._discover(entries, "feed", self._validators_of(response, "feed"))
        yield from found
        if not late:
            yield from self._root_done(changed=any(isinstance(x, Request) for x in found))

    def _root_answered(self, response: Response, kind: str, worked: bool) -> list[Request]:
        """Bookkeeping for a feed or sitemap that answered: whether it worked (it listed links,
        or had not changed), the profile's own failing ones replaced, a found one reported, the
        next usual sitemap path tried after a miss."""
        meta = response.meta
        if worked:
            self._roots_read += 1
            self._sitemaps_read += kind == "sitemap"
            if meta.get("found"):
                self.crawler.stats.inc_value(f"baotinh/discovery/self/{kind}s")
                (self.found.feeds if kind == "feed" else self.found.sitemaps).append(response.url)
        requests: list[Request] = []
        if meta.get("own"):
            requests += self._own_root_answered(kind, worked)
        if "probe" in meta and not worked:
            requests += self._more_roots(self._probe_next_sitemap(list(meta["probe"])))
        return requests

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        is_root = response.meta.get("root", False)
        # Every document under a root sitemap counts towards it (see _tree_finished).
        tree = response.url if is_root else response.meta.get("tree", response.url)
        if self._not_modified(response):
            if is_root:
                yield from self._root_answered(response, "sitemap", worked=True)
                yield from self._root_done(changed=False)
            return
        yield from self._entities_declared(response)
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
            validators = self._validators_of(response, "sitemap")
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
            worked = bool(found.pages or found.sitemaps)
            yield from self._root_answered(response, "sitemap", worked=worked)
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
        yield from self._announced_feeds(response, late=True)
        entries = self._listing_entries(response)
        yield from self._discover(entries, "listing")
        page = response.meta.get("page", 1)
        dates = [moment for _, moment in entries if moment is not None]
        if dates and all(self.window.is_before(moment) for moment in dates):
            self.crawler.stats.inc_value("baotinh/listings/stopped_before_window")
            return
        # "New" means not in the store: links already scheduled from the feed still count.
        unseen = [u for u, _ in entries if self._accepts(u) and self._key(u) not in self.seen]
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

    def parse_article(self, response: Response) -> Iterator[FetchedPage | Refused]:
        if response.status == 304:  # a recheck: the article has not changed
            self.crawler.stats.inc_value("baotinh/recheck/not_modified")
            return
        if response.meta.get("candidate"):
            # Listed by a feed or sitemap, unknown to the article pattern: the page decides.
            url = response.request.meta.get("redirect_urls", [response.url])[0]
            signals = self._article_signals(response)
            if not signals:
                self._not_an_article()
                yield Refused(self.profile.key, url, "not an article by its page", "not_article")
                return
            self._recognised(url, signals)
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

    def _entities_declared(self, response: Response) -> Iterator[CrawlError]:
        """A feed or sitemap that declares XML entities is read without them: the error says so,
        since whoever serves one is either hostile or broken."""
        if discovery.declares_entities(response.body):
            yield self._error(
                response.url,
                "xml_entities",
                "declares XML entities (never expanded): read without its DOCTYPE",
            )

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
        meta = request.meta
        # Guesses of self-discovery (a usual sitemap path, robots.txt, a page looked at to see
        # whether it is an article, a feed or sitemap it found that has gone) are counted, not
        # errors of the crawl.
        guess = "probe" in meta or meta.get("found") or request_kind in ("robots", "candidate")
        if kind == "robots_disallowed":
            self.crawler.stats.inc_value("baotinh/skipped/robots_disallowed")
            if request_kind == "article":
                # Not an error of the crawl, but the frontier must stop offering the URL.
                yield Refused(self.profile.key, request.url, message)
        elif guess:
            self.crawler.stats.inc_value(f"baotinh/discovery/self/missed/{kind}")
        else:
            yield self._error(request.url, kind, f"{request_kind}: {message}", status, request_kind)
        if meta.get("tree"):
            self._incomplete_trees.add(meta["tree"])
            yield from self._tree_finished(meta["tree"])
        if meta.get("root") and not meta.get("late"):
            if meta.get("own"):
                yield from self._own_root_answered(request_kind, worked=False)
            if "probe" in meta:
                yield from self._more_roots(self._probe_next_sitemap(list(meta["probe"])))
            if request_kind == "robots":
                paths = list(discovery.USUAL_SITEMAP_PATHS)
                yield from self._more_roots(self._probe_next_sitemap(paths))
            # A feed or sitemap that failed tells us nothing: fall back on the listings.
            yield from self._root_done(changed=False, failed=not guess)

    def closed(self, reason: str) -> None:
        """Sum up once what self-discovery found, where the run's record picks it up."""
        summary = self.found.summary()
        if summary:
            self.crawler.stats.set_value("baotinh/discovery/self/report", summary)
            self.logger.warning("self-discovery: %s", summary)


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
    return type(
        _class_name(profile),
        (NewsSpider,),
        {"name": profile.key, "profile": profile, "__module__": __name__, "__doc__": profile.name},
    )


def spider_for_site(key: str) -> type[NewsSpider]:
    """The registered spider class of a paper."""
    return globals()[_class_name(SITES[key])]


def _class_name(profile: SiteProfile) -> str:
    return "".join(part.title() for part in profile.key.split("_")) + "Spider"


def _register_spiders() -> None:
    """One spider per paper, so `scrapy list` shows the registry and `scrapy crawl <key>` works."""
    for profile in SITES.values():
        spider = _spider_for(profile)
        globals()[spider.__name__] = spider


_register_spiders()
