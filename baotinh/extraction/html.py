"""One saved page in, one clean article out: trafilatura plus site-aware cleaning and fields.

trafilatura finds the body on unknown markup; a site profile's selectors, when they match, narrow
it to the article container first, because trafilatura alone keeps related-news lists and
comment widgets on many Vietnamese pages. Metadata comes from the page's own markup in order of
trust: the visible page, then meta tags and JSON-LD, then trafilatura's guesses.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urljoin

import trafilatura
from lxml import etree, html

from baotinh.core.records import ExtractedArticle, Image
from baotinh.core.text import content_hash, tidy
from baotinh.extraction.bylines import parse_byline
from baotinh.extraction.cleaning import (
    DEFAULT_RULES,
    GENERIC_LEAD_PREFIX,
    clean_body_lines,
    compile_rules,
)
from baotinh.extraction.decoding import MAX_PAGE_BYTES, decode_body
from baotinh.extraction.fields import PageFields, page_day
from baotinh.extraction.pages import ExtractionError
from baotinh.papers.layouts import choose_layout
from baotinh.papers.profile import SiteProfile

# trafilatura warns "discarding data: URL" for a page without a body; the ingest records that
# page as an `empty_body` error with its reason, so the warning only repeats it, once a page, in
# every operator's log. Its errors still show.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# Bump when the output for the same page changes; stored per article so history can be redone.
# 1.2.0: the layout the page was extracted with (SiteProfile.layouts).
EXTRACTOR_VERSION = "1.2.0"

# Shorter than this, a "body" is a teaser or page chrome, not an article.
MIN_BODY_CHARS = 200

# A last line this short that names people is the byline printed under the text.
TRAILING_BYLINE_MAX_WORDS = 6


def extract_article(
    page: bytes | str,
    url: str,
    profile: SiteProfile | None = None,
    content_type: str | None = None,
) -> ExtractedArticle:
    """Extract one article, with the profile's layout that fits the page (None: generic
    extraction); raises ExtractionError when the page holds none."""
    if len(page) > MAX_PAGE_BYTES:
        raise ExtractionError(
            "too_large", f"{len(page):,} bytes: over the {MAX_PAGE_BYTES:,}-byte page cap"
        )
    markup = page if isinstance(page, str) else decode_body(page, content_type)
    if not markup.strip():
        raise ExtractionError("empty_body", "the page is empty")
    try:
        tree = html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError("decode", f"not parseable as HTML: {exc}") from exc

    layout = choose_layout(profile, tree, lambda: page_day(tree, url))
    page_fields = PageFields(tree, url, profile, layout)
    title = page_fields.title()
    lead = page_fields.lead()
    container = page_fields.body_container()
    images = _images(container, url) if container is not None else []
    body_element = page_fields.without_chrome(container) if container is not None else None
    text = _body_text(
        markup, body_element, url, page_fields.boilerplate, drop=[title, lead, *page_fields.chrome]
    )
    if len(text) < MIN_BODY_CHARS:
        raise ExtractionError(
            "empty_body", f"no article body found ({len(text)} characters of text)"
        )
    if page_fields.page_kind() == "listing":
        raise ExtractionError("not_article", "a listing or home page, not an article")
    if not title:
        raise ExtractionError("not_article", "no headline found")

    authors = page_fields.authors()
    lines = text.split("\n")
    lead, lines = _sapo_from_body(lead, lines)
    trailing, lines = _byline_from_body(lines, page_fields.site_names())
    if trailing and not authors:
        authors = trailing
    text = "\n".join(lines)
    canonical = page_fields.canonical_url()
    return ExtractedArticle(
        url=url,
        canonical_url=canonical,
        title=title,
        lead=lead,
        text=text,
        published=page_fields.published(),
        authors=authors,
        section=page_fields.section(),
        tags=page_fields.tags(),
        images=images,
        language=page_fields.language(),
        content_hash=content_hash(title, text),
        extractor_version=EXTRACTOR_VERSION,
        layout=layout.version if layout else None,
    )


def _body_text(
    markup: str,
    body_element: html.HtmlElement | None,
    url: str,
    boilerplate: tuple[str, ...] | None,
    drop: list[str | None],
) -> str:
    if body_element is not None:
        for figure in body_element.xpath(".//figure | .//figcaption"):
            figure.drop_tree()
        source = "<html><body><article>" + html.tostring(body_element, encoding="unicode")
        source += "</article></body></html>"
    else:
        source = markup
    extracted = trafilatura.extract(
        source,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_recall=body_element is not None,
        favor_precision=False,
        deduplicate=False,
    )
    # None: no profile, the default rules alone.
    rules = compile_rules(boilerplate) if boilerplate is not None else DEFAULT_RULES
    lines = clean_body_lines((extracted or "").split("\n"), rules, drop_exact=drop)
    return "\n".join(lines)


def _sapo_from_body(lead: str | None, lines: list[str]) -> tuple[str | None, list[str]]:
    """The sapo belongs in `lead`, not in the body, wherever the page put it."""
    if not lines:
        return lead, lines
    first = GENERIC_LEAD_PREFIX.sub("", lines[0]).strip()
    if lead and first == lead:
        return lead, lines[1:]
    if not lead and first != lines[0] and len(lines) > 1:
        # "(CTO) - Ngày 8-1, ..." opening the body is the paper's sapo, printed in the body.
        return first, lines[1:]
    return lead, lines


def _byline_from_body(lines: list[str], site_names: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """A last line that only names people ("Lê Phương", "Hà Thu (tổng hợp)") is the byline."""
    if len(lines) < 2:
        return [], lines
    last = lines[-1]
    if len(last.split()) > TRAILING_BYLINE_MAX_WORDS or last.endswith((".", "!", "?", ":")):
        return [], lines
    people = parse_byline(last, site_names)
    return (people, lines[:-1]) if people else ([], lines)


def _images(scope: html.HtmlElement, url: str) -> list[Image]:
    images: list[Image] = []
    for figure in scope.xpath(".//figure"):
        # Lazy-loading pages put a placeholder in src and the real file in data-src.
        sources = [
            src
            for src in figure.xpath(".//img/@data-src | .//img/@src")
            if src.strip() and not src.startswith("data:")
        ]
        if not sources:
            continue
        captions = figure.xpath(".//figcaption")
        caption = tidy(captions[0].text_content()).replace("\n", " ") if captions else None
        images.append(Image(url=urljoin(url, sources[0].strip()), caption=caption or None))
    return images


def article_to_json(article: ExtractedArticle) -> dict[str, Any]:
    """The stable JSON shape of `baotinh extract`."""
    published = article.published.isoformat() if article.published else None
    return {
        "url": article.canonical_url or article.url,
        "title": article.title,
        "lead": article.lead,
        "text": article.text,
        "published": published,
        "authors": article.authors,
        "section": article.section,
        "tags": article.tags,
        "language": article.language,
        "images": [{"url": image.url, "caption": image.caption} for image in article.images],
        "series_part": article.series_part,
        "layout": article.layout,
    }
