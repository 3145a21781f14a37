"""CSS selectors compiled once per process (lxml translates CSS to XPath on every call)."""

from __future__ import annotations

import functools

from lxml import html
from lxml.cssselect import CSSSelector


def select(element: html.HtmlElement, selector: str) -> list[html.HtmlElement]:
    """`element.cssselect(selector)`, with the selector compiled once per process: lxml
    translates CSS to XPath on every call, which was 40% of an article's extraction (3 of 7 ms a
    page, measured on the sample papers). lxml serialises a compiled selector's use across
    threads."""
    return _compiled(selector)(element)


@functools.lru_cache(maxsize=4096)
def _compiled(selector: str) -> CSSSelector:
    return CSSSelector(selector, translator="html")
