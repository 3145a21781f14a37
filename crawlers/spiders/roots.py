"""How a paper's spider finds its roots: the feeds and sitemaps its profile lists, or, when
there are none or they fail, those the home and section pages announce, robots.txt names, or the
usual paths give (self-discovery, remembered for the next crawl); and what the feeds and sitemaps
(indexes, monthly children, gzipped) list.

A mixin of `crawlers.spiders.news.NewsSpider`, which holds the crawl state these methods share.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import Response, TextResponse

from baotinh.extraction import discovery

if TYPE_CHECKING:
    pass

MAX_SITEMAP_DEPTH = 3
# More URLs than this in one sitemap is not a news site's sitemap; the rest is ignored.
MAX_SITEMAP_URLS = 50_000


class RootsMixin:
    """Roots (feeds, sitemaps) and self-discovery; see the module docstring."""

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
