"""What a fetched body is before any extraction: gzip sniffed and inflated under a cap, and the
article a page describes in JSON-LD.

Kept apart from `baotinh.extraction.html` so that the crawler, which needs only these, does not import
trafilatura and the extraction stack into every spider process (about half a second each).
"""

from __future__ import annotations

import functools
import json
import zlib
from collections.abc import Iterator
from typing import Any

from lxml import html
from lxml.cssselect import CSSSelector

GZIP_MAGIC = b"\x1f\x8b"
MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024


class ExtractionError(Exception):
    """A page that yields no article; `kind` is the short code stored with the crawl error."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def select(element: html.HtmlElement, selector: str) -> list[html.HtmlElement]:
    """`element.cssselect(selector)`, with the selector compiled once per process: lxml
    translates CSS to XPath on every call, which was 40% of an article's extraction (3 of 7 ms a
    page, measured on the sample papers). lxml serialises a compiled selector's use across
    threads."""
    return _compiled(selector)(element)


@functools.lru_cache(maxsize=4096)
def _compiled(selector: str) -> CSSSelector:
    return CSSSelector(selector, translator="html")


def maybe_gunzip(body: bytes) -> bytes:
    """Undo gzip that a server sent without a Content-Encoding header (or a file saved so)."""
    if not body.startswith(GZIP_MAGIC):
        return body
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        data = inflater.decompress(body, MAX_DECOMPRESSED_BYTES)
    except zlib.error as exc:
        raise ExtractionError("decode", f"body looks gzipped but does not inflate: {exc}") from exc
    if inflater.unconsumed_tail:
        raise ExtractionError("too_large", "gzipped body inflates past the size cap")
    return data


def json_ld_objects(tree: html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of the page, script by script, @graph members included; a script
    that is not JSON is skipped."""
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        yield from walk_json_ld(data)


def json_ld_article(tree: html.HtmlElement) -> dict[str, Any]:
    """The page's JSON-LD NewsArticle (or Article) object; {} when it has none."""
    for candidate in json_ld_objects(tree):
        kind = candidate.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(k in {"NewsArticle", "Article", "ReportageNewsArticle"} for k in kinds):
            return candidate
    return {}


def walk_json_ld(data: Any) -> list[dict[str, Any]]:
    """Every object of a JSON-LD document, @graph members included."""
    if isinstance(data, list):
        return [item for entry in data for item in walk_json_ld(entry)]
    if isinstance(data, dict):
        return [data, *walk_json_ld(data.get("@graph", []))]
    return []
