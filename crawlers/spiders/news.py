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

The spider is three modules: this one (start, requests, articles, errors), `roots` (feeds,
sitemaps and their self-discovery) and `links` (listings, archives, candidate links).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

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

from baotinh.core.records import (
    CrawlError,
    FetchedPage,
    HttpValidators,
    Refused,
)
from baotinh.core.window import CrawlWindow
from baotinh.extraction import discovery
from baotinh.papers import SITES, SiteProfile, identity_key
from crawlers.spiders.links import LinksMixin
from crawlers.spiders.roots import RootsMixin

if TYPE_CHECKING:
    from db.crawl_state import CrawlState
    from db.frontier import PendingUrl, Recheck

DISCOVERY_MODES = ("all", "feeds", "sitemaps", "listings")
# Pages fetched per crawl only to see whether they are articles (links the article pattern
# rejects, pages of the link-following walk); the rest waits for a later crawl.
MAX_CANDIDATES = 200


class NewsSpider(RootsMixin, LinksMixin, Spider):
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

    # --- callbacks -----------------------------------------------------------------------------

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
