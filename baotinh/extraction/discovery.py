"""Finding article links in feeds, sitemaps and listing pages. Plain functions, no Scrapy.

Feeds and sitemaps are parsed with entity resolution and network access off, so an XML bomb or
an external entity in a hostile feed is never expanded.

Self-discovery, so that a wrong or minimal profile degrades instead of failing: the feeds a
page announces (`announced_feeds`), the sitemaps robots.txt names (`robots_sitemaps`, else
`USUAL_SITEMAP_PATHS`), and pages recognised as articles by their own semantics
(`article_signals`) when the profile's article pattern does not know their URLs. What was found
that way is summed up in a `SelfDiscoveryReport`, so the profile can be corrected.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from lxml import etree, html

from baotinh.core.css import select
from baotinh.core.dates import as_vietnam_time, parse_iso

# The extractor's own reading of JSON-LD, so that the spider and the extractor never disagree
# on what an Article is.
from baotinh.extraction.pages import GZIP_MAGIC, ExtractionError, json_ld_article, maybe_gunzip
from baotinh.papers.profile import SiteProfile

_SAFE_XML = dict(resolve_entities=False, no_network=True, huge_tree=False, recover=True)


Dated = datetime | date | None


@dataclass
class SitemapLinks:
    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    # news:publication_date where given, else lastmod: when a page was published or last changed.
    dates: dict[str, Dated] = field(default_factory=dict)


# A DOCTYPE with an internal subset: where entities (a billion laughs, an external file) are
# declared. Feeds and sitemaps need none; with it, lxml's recovering parser (entities never
# resolved) stops reading at the first reference and loses every link after it.
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.DOTALL)


def declares_entities(body: bytes) -> bool:
    """Whether a feed or sitemap declares XML entities (read without them, never expanded).
    A DOCTYPE comes first: only the head is looked at, and of a gzipped sitemap only the head
    is inflated."""
    head = body[:_HEAD_BYTES]
    if body.startswith(GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, _HEAD_BYTES)
        except zlib.error:
            return False
    return b"<!ENTITY" in head


_HEAD_BYTES = 65536


def _xml_root(body: bytes) -> etree._Element | None:
    try:
        data = maybe_gunzip(body).strip()
    except ExtractionError:
        return None
    if not data:
        return None
    data = _INTERNAL_SUBSET.sub(b"", data, count=1)
    parser = etree.XMLParser(**_SAFE_XML)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return None


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def feed_entries(body: bytes, base_url: str) -> list[tuple[str, Dated]]:
    """(link, publication date) of each item of an RSS 2.0 or Atom feed, in feed order."""
    root = _xml_root(body)
    if root is None:
        return []
    entries: dict[str, Dated] = {}
    for element in root.iter():
        name = _local(element.tag)
        if name not in ("item", "entry"):
            continue
        link, published = None, None
        for child in element:
            child_name = _local(child.tag)
            text = (child.text or "").strip()
            if child_name == "link" and name == "item" and text:
                link = urljoin(base_url, text)
            elif (
                child_name == "link"
                and name == "entry"
                and child.get("rel", "alternate") == "alternate"
            ):
                link = urljoin(base_url, child.get("href", ""))
            elif child_name == "pubDate" and text:
                published = _rfc822(text)
            elif child_name in ("published", "updated") and text and published is None:
                published = parse_iso(text)
        if link and link not in entries:
            entries[link] = published
    return list(entries.items())


def feed_links(body: bytes, base_url: str) -> list[str]:
    """Item links of an RSS 2.0 or Atom feed, in feed order."""
    return [link for link, _ in feed_entries(body, base_url)]


def _rfc822(text: str) -> Dated:
    try:
        return as_vietnam_time(parsedate_to_datetime(text))
    except (TypeError, ValueError):
        return None


def sitemap_links(body: bytes, base_url: str) -> SitemapLinks:
    """Page URLs of a urlset and child sitemaps of a sitemapindex."""
    found = SitemapLinks()
    root = _xml_root(body)
    if root is None:
        return found
    kind = _local(root.tag)
    for element in root:
        loc = next((c.text for c in element if _local(c.tag) == "loc" and c.text), None)
        if not loc:
            continue
        url = urljoin(base_url, loc.strip())
        if kind == "sitemapindex":
            found.sitemaps.append(url)
        elif kind == "urlset":
            found.pages.append(url)
        found.dates.setdefault(url, _sitemap_date(element))
    found.pages = unique(found.pages)
    found.sitemaps = unique(found.sitemaps)
    return found


def _sitemap_date(element: etree._Element) -> Dated:
    lastmod = None
    for child in element.iter():
        name = _local(child.tag)
        text = (child.text or "").strip()
        if name == "publication_date" and text:
            return parse_iso(text)
        if name == "lastmod" and text:
            lastmod = parse_iso(text)
    return lastmod


def listing_entries(
    markup: str,
    base_url: str,
    item_selector: str,
    date_selector: str | None,
    date_format: str | None,
) -> list[tuple[str, Dated]]:
    """(link, date) of each item of a section listing, using the profile's selectors."""
    try:
        tree = html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return []
    entries: dict[str, Dated] = {}
    for item in select(tree, item_selector):
        hrefs = [href for href in item.xpath(".//a/@href") if href.strip()]
        if not hrefs:
            continue
        moment: Dated = None
        if date_selector and date_format:
            found = select(item, date_selector)
            if found:
                moment = _strptime(" ".join(found[0].text_content().split()), date_format)
        url = urldefrag(urljoin(base_url, hrefs[0].strip()))[0]
        entries.setdefault(url, moment)
    return list(entries.items())


def _strptime(text: str, date_format: str) -> Dated:
    try:
        parsed = datetime.strptime(text, date_format)
    except ValueError:
        return None
    if not any(code in date_format for code in ("%H", "%M")):
        return parsed.date()
    return as_vietnam_time(parsed)


def page_links(markup: str, base_url: str) -> list[str]:
    """Every link on an HTML page, absolute and without fragments, in page order."""
    tree = _html_tree(markup)
    if tree is None:
        return []
    links = [
        urldefrag(urljoin(base_url, href.strip()))[0]
        for href in tree.xpath("//a/@href")
        if href.strip() and not href.strip().startswith(("javascript:", "mailto:", "tel:"))
    ]
    return unique(links)


def unique(items: list[str]) -> list[str]:
    """The items in first-seen order, each once."""
    return list(dict.fromkeys(items))


# --- self-discovery ------------------------------------------------------------------------------

# Where papers put a sitemap when robots.txt names none, tried in this order until one answers.
USUAL_SITEMAP_PATHS = (
    "/sitemap.xml",
    "/sitemap_index.xml",
    "/sitemap-news.xml",
    "/news-sitemap.xml",
)
_FEED_TYPES = {"application/rss+xml", "application/atom+xml"}
# Pages that are never articles and multiply without end: search results, tag and keyword
# pages, accounts. Matched against each segment of the path.
_ENDLESS_SEGMENTS = {
    "search",
    "tim-kiem",
    "timkiem",
    "tag",
    "tags",
    "tu-khoa",
    "tukhoa",
    "login",
    "dang-nhap",
    "dang-ky",
}
_ENDLESS_QUERY_KEYS = {"q", "s", "query", "keyword", "keywords", "search", "tukhoa", "tu-khoa"}
# Pagination: a candidate page is looked at once, its next pages are a listing walk's business.
_PAGING_QUERY_KEYS = {"page", "trang", "p", "paged"}
_NOT_PAGES = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|pdf|docx?|xlsx?|pptx?|zip|rar|mp[34]|css|js|json|xml|"
    r"rss|atom|txt|gz)$",
    re.IGNORECASE,
)
# A date in the path before a slug (/2025/06/17/slug, /202506/slug/) or closing a slug
# (…-20250617103000.htm): papers that date their URLs only date articles.
_DATED_PATH = re.compile(
    r"/(?:19|20)\d\d/?(?:0[1-9]|1[0-2])(?:/?(?:0[1-9]|[12]\d|3[01]))?/[^/]*[a-z][^/]*"
    r"|[a-z]-(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d*(?:\.[a-z]+)?/?$",
    re.IGNORECASE,
)
# An article's slug is a sentence: many words, or a long id.
ARTICLE_SLUG_WORDS = 5
ARTICLE_ID_DIGITS = 5


def article_pattern_of(profile: SiteProfile) -> str | None:
    """The profile's article URL pattern, or None when it knows none: a generic profile left at
    the default `.*`, which would take every link (sections, tags, the home page) for an
    article. Without a pattern, pages are recognised as articles by their semantics alone."""
    default = SiteProfile.__dataclass_fields__["article_path"].default
    if profile.generic and profile.article_path == default:
        return None
    return profile.article_path


def announced_feeds(markup: str, base_url: str) -> list[str]:
    """The feeds a page announces: `<link rel="alternate" type="application/rss+xml">` (or
    atom+xml) in its head, absolute, in page order."""
    tree = _html_tree(markup)
    if tree is None:
        return []
    feeds = [
        urldefrag(urljoin(base_url, link.get("href", "").strip()))[0]
        for link in tree.iter("link")
        if "alternate" in (link.get("rel") or "").lower().split()
        and (link.get("type") or "").strip().lower() in _FEED_TYPES
        and (link.get("href") or "").strip()
    ]
    return unique(feeds)


def robots_sitemaps(body: bytes | str, base_url: str) -> list[str]:
    """The `Sitemap:` lines of a robots.txt, absolute, in file order (the field is
    case-insensitive and belongs to no user-agent group)."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    found = []
    for line in text.splitlines():
        field_name, _, value = line.split("#", 1)[0].partition(":")
        if field_name.strip().lower() == "sitemap" and value.strip():
            found.append(urljoin(base_url, value.strip()))
    return unique(found)


def article_signals(markup: str, url: str) -> list[str]:
    """Why a page is an article by its own semantics, strongest first: "og:type" (Open Graph
    says article), "json-ld" (a NewsArticle or Article object), "dated-url" (a date in its
    address before or at the end of a slug). Empty: nothing says it is one."""
    signals = []
    tree = _html_tree(markup)
    if tree is not None:
        og_types = tree.xpath(
            "//meta[@property='og:type' or @name='og:type']/@content", smart_strings=False
        )
        if any(value.strip().lower() == "article" for value in og_types):
            signals.append("og:type")
        if json_ld_article(tree):
            signals.append("json-ld")
    if dated_url(url):
        signals.append("dated-url")
    return signals


def dated_url(url: str) -> bool:
    return _DATED_PATH.search(urlsplit(url).path) is not None


def looks_like_article_url(url: str) -> bool:
    """Whether an address has an article's shape: a slug of many words, a long id, or a date.
    Sections, tags and static pages have short names."""
    path = urlsplit(url).path
    if dated_url(url):
        return True
    last = path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    longest_number = max((len(run) for run in re.findall(r"\d+", last)), default=0)
    return len(last.split("-")) >= ARTICLE_SLUG_WORDS or longest_number >= ARTICLE_ID_DIGITS


def on_hosts(url: str, hosts: set[str]) -> bool:
    """Whether `url` is an http(s) address on one of `hosts` (www. or not)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return parts.scheme in ("http", "https") and host in hosts


def worth_a_look(url: str, hosts: set[str]) -> bool:
    """Whether a link the article pattern rejects may be fetched to see whether it is an
    article: a page of the paper's own hosts, not its home page, not a file, never a search,
    tag or account page and never a listing's next page (those multiply without end)."""
    parts = urlsplit(url)
    if not on_hosts(url, hosts):
        return False
    if parts.path in ("", "/") or _NOT_PAGES.search(parts.path):
        return False
    segments = {segment.lower() for segment in parts.path.split("/") if segment}
    if segments & _ENDLESS_SEGMENTS:
        return False
    keys = {key.lower() for key, _ in parse_qsl(parts.query, keep_blank_values=True)}
    return not keys & (_ENDLESS_QUERY_KEYS | _PAGING_QUERY_KEYS)


@dataclass
class SelfDiscoveryReport:
    """What one crawl found that its profile did not say, for the person who corrects it."""

    site: str
    has_pattern: bool = True
    feeds: list[str] = field(default_factory=list)  # feeds the profile does not list
    sitemaps: list[str] = field(default_factory=list)  # sitemaps the profile does not list
    articles: list[str] = field(default_factory=list)  # recognised by semantics, not by pattern
    not_articles: int = 0  # pages looked at that were not articles
    left_for_later: int = 0  # candidates the per-crawl cap left to a later crawl

    EXAMPLES = 3

    @property
    def found_anything(self) -> bool:
        return bool(self.feeds or self.sitemaps or self.articles)

    def summary(self) -> str | None:
        """One readable line, e.g. "langson: found feed /rss/home.rss not in the profile; 12
        articles recognised by page semantics whose URLs the article pattern rejects, e.g. …";
        None when self-discovery found nothing."""
        if not self.found_anything:
            return None
        parts = []
        roots = [f"feed {short_address(url)}" for url in self.feeds]
        roots += [f"sitemap {short_address(url)}" for url in self.sitemaps]
        if roots:
            parts.append(f"found {_and(roots)} not in the profile")
        if self.articles:
            why = (
                "whose URLs the article pattern rejects"
                if self.has_pattern
                else "(the profile has no article pattern)"
            )
            examples = ", ".join(short_address(url) for url in self.articles[: self.EXAMPLES])
            more = ", …" if len(self.articles) > self.EXAMPLES else ""
            parts.append(
                f"{len(self.articles)} article(s) recognised by page semantics {why},"
                f" e.g. {examples}{more}"
            )
        if self.not_articles:
            parts.append(f"{self.not_articles} page(s) looked at were not articles")
        if self.left_for_later:
            parts.append(f"{self.left_for_later} left for a later crawl by the cap")
        return f"{self.site}: " + "; ".join(parts)


def short_address(url: str) -> str:
    """An address as a person reads it in a report: its path (and query)."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _html_tree(markup: str) -> html.HtmlElement | None:
    if not markup.strip():
        return None
    try:
        return html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None
