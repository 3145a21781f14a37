"""Finding article links in feeds, sitemaps and listing pages. Plain functions, no Scrapy.

Feeds and sitemaps are parsed with entity resolution and network access off, so an XML bomb or
an external entity in a hostile feed is never expanded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin

from lxml import etree, html

from baotinh.extract import ExtractionError, maybe_gunzip

_SAFE_XML = dict(resolve_entities=False, no_network=True, huge_tree=False, recover=True)


@dataclass
class SitemapLinks:
    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


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


def feed_links(body: bytes, base_url: str) -> list[str]:
    """Item links of an RSS 2.0 or Atom feed, in feed order."""
    root = _xml_root(body)
    if root is None:
        return []
    links: list[str] = []
    for element in root.iter():
        name = _local(element.tag)
        if name == "item":
            for child in element:
                if _local(child.tag) == "link" and (child.text or "").strip():
                    links.append(urljoin(base_url, child.text.strip()))
                    break
        elif name == "entry":
            for child in element:
                if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
                    links.append(urljoin(base_url, child.get("href", "")))
                    break
    return _unique(links)


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
    found.pages = _unique(found.pages)
    found.sitemaps = _unique(found.sitemaps)
    return found


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
