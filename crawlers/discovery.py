"""Finding article links in feeds, sitemaps and listing pages. Plain functions, no Scrapy.

Feeds and sitemaps are parsed with entity resolution and network access off, so an XML bomb or
an external entity in a hostile feed is never expanded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urldefrag, urljoin

from lxml import etree, html

from baotinh.dates import as_vietnam_time, parse_iso
from baotinh.extract import ExtractionError, maybe_gunzip

_SAFE_XML = dict(resolve_entities=False, no_network=True, huge_tree=False, recover=True)


Dated = datetime | date | None


@dataclass
class SitemapLinks:
    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    # news:publication_date where given, else lastmod: when a page was published or last changed.
    dates: dict[str, Dated] = field(default_factory=dict)


def _xml_root(body: bytes) -> etree._Element | None:
    try:
        data = maybe_gunzip(body).strip()
    except ExtractionError:
        return None
    if not data:
        return None
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
    found.pages = _unique(found.pages)
    found.sitemaps = _unique(found.sitemaps)
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
    for item in tree.cssselect(item_selector):
        hrefs = [href for href in item.xpath(".//a/@href") if href.strip()]
        if not hrefs:
            continue
        moment: Dated = None
        if date_selector and date_format:
            found = item.cssselect(date_selector)
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
    if not markup.strip():
        return []
    try:
        tree = html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return []
    links = [
        urldefrag(urljoin(base_url, href.strip()))[0]
        for href in tree.xpath("//a/@href")
        if href.strip() and not href.strip().startswith(("javascript:", "mailto:", "tel:"))
    ]
    return _unique(links)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
