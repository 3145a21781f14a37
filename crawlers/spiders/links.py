"""How a paper's spider goes from pages to articles: section listings page by page, day
archives for backfills, links of unknown shape fetched (within a cap) to see whether they are
articles, and the link-following walk for sites that offer no feed, sitemap or sections.

A mixin of `crawlers.spiders.news.NewsSpider`, which holds the crawl state these methods share.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import Response, TextResponse

from baotinh.core.records import (
    DiscoveredLinks,
    Discovery,
    HttpValidators,
    Refused,
)
from baotinh.extraction import discovery

if TYPE_CHECKING:
    pass

# Bounds of the link-following fallback for sites that offer no feed, sitemap or sections.
FOLLOW_MAX_DEPTH = 3
# Where a feed or sitemap's links may be articles the pattern does not know: the site lists them
# as its content, so they go to the frontier first and their pages decide.
CLAIMING_SOURCES = ("feed", "sitemap")


class LinksMixin:
    """Listings, archives and candidate links; see the module docstring."""

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


def _same_section(target: str, section: str) -> bool:
    section_root = urlsplit(section).path.rstrip("/")
    return not section_root or urlsplit(target).path.startswith(section_root)
