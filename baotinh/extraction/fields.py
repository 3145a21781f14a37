"""The fields of an article page: title, lead, dateline, authors, section, tags, canonical
address, language, and the body's container without its chrome.

Each field comes from the paper's layout (its selectors) first, then from what most news pages
carry (JSON-LD, Open Graph and other meta tags, breadcrumbs, generic class names). The
extractor (`baotinh.extraction.html`) turns the container into body text."""

from __future__ import annotations

import copy
import re
from datetime import date, datetime
from html import unescape
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html

from baotinh.core.css import select
from baotinh.core.dates import parse_dateline, parse_iso
from baotinh.core.text import nfc, tidy
from baotinh.core.urls import canonicalize
from baotinh.extraction.bylines import parse_byline
from baotinh.extraction.cleaning import GENERIC_LEAD_PREFIX
from baotinh.extraction.pages import json_ld_article, json_ld_objects
from baotinh.papers.layouts import url_date
from baotinh.papers.profile import Layout, SiteProfile

# Where Vietnamese news platforms put the sapo and the byline, for pages without a profile.
GENERIC_LEAD_SELECTORS = (
    "[class*='sapo']",
    "p.description",
    "h2.description",
    ".article__summary",
    ".detail__summary",
    ".summary",
    ".lead",
)
GENERIC_BYLINE_SELECTORS = (
    ".author-name",
    ".name-author",
    ".article__author",
    ".detail-author",
    ".author",
    ".byline",
    "[rel='author']",
    "[class*='author']",
)

# Article containers of the CMS platforms Vietnamese papers run on (VCCorp's, the Lào Cai
# platform many provincial papers share, VnExpress's, Znews's, ...).
GENERIC_BODY_SELECTORS = (
    "div.detail-content",
    "div.singular-content",
    "article.fck_detail",
    "div.fck_detail",
    "div.the-article-body",
    "div.article__body",
    "div.cms-body",
    "div#content_detail_news",
    "div#newscontents div.content-fck",
    "div.edittor-content",
    "div.maincontent",
    "div.content-detail",
    "div.article-content",
    "div[itemprop='articleBody']",
)

# Inside a body container: never article text. Captions go to `images`; boxes are promos.
GENERIC_DROP_SELECTORS = (
    "figcaption",
    "[class*='caption']",
    "[class*='Caption']",
    "[class*='related']",
    "[class*='Related']",
    "[class*='relate-']",
    "[class*='tinlienquan']",
    "[class*='readmore']",
    "[class*='read-more']",
    "[class*='notebox']",
    "[class*='promo']",
    "[class*='advert']",
    "[class*='banner']",
    # Editors centre a photo's caption under it; body text is never centred.
    "p[style*='text-align: center']",
    "p[style*='text-align:center']",
    "script",
    "style",
)

# Share of words an <h1> must have in common with og:title/<title> to be the headline.
HEADLINE_OVERLAP = 0.6

# Where a visible dateline usually sits, for pages without a profile.
GENERIC_DATELINE_SELECTORS = ("[class*='date']", "[class*='time']", "time")
GENERIC_BREADCRUMB = "[class*='breadcrumb'] a"

# A breadcrumb step longer than this is the headline repeated, not a section.
SECTION_MAX_CHARS = 60

# A sapo is a sentence or two; a short "sapo" is a label, a long one is the body.
LEAD_CHARS = (30, 800)
_MORE_AUTHORS = re.compile(r"\d+\s+tác giả khác", re.IGNORECASE)
_BREADCRUMB_HOME = re.compile(r"^(?:trang chủ|home|tin tức)$", re.IGNORECASE)


def page_day(tree: html.HtmlElement, url: str) -> date | None:
    """The page's publication day as the generic reading finds it (metadata, a visible
    dateline), else the address's: what picks a layout when the markup alone cannot."""
    published = PageFields(tree, url, None, None).published()
    if isinstance(published, datetime):
        return published.date()
    return published or url_date(url)


class PageFields:
    def __init__(
        self,
        tree: html.HtmlElement,
        url: str,
        profile: SiteProfile | None,
        layout: Layout | None,
    ) -> None:
        self.tree = tree
        self.url = url
        self.profile = profile
        # No layout fits: the generic selectors do the work, as for a paper without a profile.
        self.selectors = layout.selectors if layout else None
        self.lead_prefix = (layout.lead_prefix if layout else None) or (
            profile.lead_prefix if profile else None
        )
        self.boilerplate = (
            (*profile.boilerplate_lines, *(layout.boilerplate_lines if layout else ()))
            if profile
            else None
        )
        self.json_ld = json_ld_article(tree)
        # Visible metadata lines that must not stay in the body.
        self.chrome: list[str] = []

    def page_kind(self) -> str:
        """ "article" or "listing" (a section, home or tag page), from the strongest sign there is.

        A profile knows its URL shapes. Otherwise: an Article in JSON-LD means an article,
        og:type "website" a listing; last, the address: article slugs are long or carry an id.
        """
        path = urlsplit(self.canonical_url()).path
        if self.profile is not None:
            if self.profile.is_article_path(path):
                return "article"
            if self.profile.is_listing_page_path(path) or path in ("", "/"):
                return "listing"
        if self.json_ld:
            return "article"
        if [value.lower() for value in self._meta("og:type")][:1] == ["website"]:
            return "listing"
        if path in ("", "/"):
            return "listing"
        slug = path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        has_id = re.search(r"\d{4,}", slug) is not None
        return "article" if has_id or len(slug.split("-")) >= 6 else "listing"

    def _select_text(self, selector: str | None) -> str | None:
        if not selector:
            return None
        found = select(self.tree, selector)
        if not found:
            return None
        text = tidy(found[0].text_content()).replace("\n", " ")
        if text:
            self.chrome.append(text)
        return text or None

    def _first_text(self, selectors: tuple[str, ...], shortest: int, longest: int) -> str | None:
        """The first element any of `selectors` finds whose text length is in range."""
        for selector in selectors:
            for element in select(self.tree, selector):
                text = tidy(element.text_content()).replace("\n", " ")
                if shortest <= len(text) <= longest:
                    self.chrome.append(text)
                    return text
        return None

    def _meta(self, *names: str) -> list[str]:
        values = []
        for name in names:
            for element in self.tree.xpath(
                "//meta[@property=$n or @name=$n or @itemprop=$n]", n=name
            ):
                content = (element.get("content") or "").strip()
                if content:
                    values.append(nfc(content))
        return values

    def title(self) -> str | None:
        visible = self._select_text(self.selectors.title if self.selectors else None)
        if visible:
            return visible
        declared = [
            tidy(str(value))
            for value in [*self._meta("og:title"), self.json_ld.get("headline")]
            if value
        ] + [tidy(value) for value in self.tree.xpath("//title/text()")]
        # Some sites put the section name in an <h1>, and og:title is often an SEO rewrite of
        # the visible headline: take the <h1> that shares most words with the metadata.
        best, best_overlap = None, 0.0
        for heading in self.tree.xpath("//h1"):
            text = tidy(heading.text_content()).replace("\n", " ")
            if not text:
                continue
            if not declared:
                return text
            overlap = max(word_overlap(text, candidate) for candidate in declared)
            if overlap > best_overlap:
                best, best_overlap = text, overlap
        if best and best_overlap >= HEADLINE_OVERLAP:
            return best
        return declared[0] if declared else best

    def lead(self) -> str | None:
        lead = self._select_text(self.selectors.lead if self.selectors else None)
        if not lead and not (self.selectors and self.selectors.lead):
            lead = self._first_text(GENERIC_LEAD_SELECTORS, *LEAD_CHARS)
        if not lead:
            return None
        if self.lead_prefix:
            lead = re.sub("^" + self.lead_prefix, "", lead)
        return GENERIC_LEAD_PREFIX.sub("", lead).strip() or None

    def body_container(self) -> html.HtmlElement | None:
        """The article container as the page has it: the profile's, else the best-known
        platform container (of all generic candidates, the one holding the most text)."""
        if self.selectors and self.selectors.body:
            found = select(self.tree, self.selectors.body)
        else:
            found = sorted(
                (e for selector in GENERIC_BODY_SELECTORS for e in select(self.tree, selector)),
                key=lambda element: len(element.text_content()),
                reverse=True,
            )
        return copy.deepcopy(found[0]) if found else None

    def without_chrome(self, container: html.HtmlElement) -> html.HtmlElement:
        """A copy of the container without captions, promo boxes and the profile's drops."""
        element = copy.deepcopy(container)
        drop = (*(self.selectors.drop if self.selectors else ()), *GENERIC_DROP_SELECTORS)
        for selector in drop:
            for unwanted in select(element, selector):
                unwanted.drop_tree()
        return element

    def published(self) -> datetime | date | None:
        """Machine-readable dates first, the visible dateline next; a time beats a bare day."""
        candidates = [
            parse_iso(str(value))
            for value in [
                *self._meta("article:published_time", "datePublished", "pubdate"),
                self.json_ld.get("datePublished"),
            ]
            if value
        ]
        dateline = self._select_text(self.selectors.dateline if self.selectors else None)
        if dateline:
            candidates.append(parse_dateline(dateline))
        found = [candidate for candidate in candidates if candidate is not None]
        with_time = [moment for moment in found if isinstance(moment, datetime)]
        if with_time:
            return with_time[0]
        if not (self.selectors and self.selectors.dateline):
            day = found[0] if found else None
            if (visible := self._generic_dateline(day)) is not None:
                return visible
        return found[0] if found else None

    def _generic_dateline(self, day: date | None) -> datetime | None:
        """The first visible date-and-time; on the known day, when the metadata gave one (a
        page header often prints today's date, which is not the article's)."""
        for selector in GENERIC_DATELINE_SELECTORS:
            for element in select(self.tree, selector):
                moment = parse_dateline(" ".join(element.text_content().split())[:120])
                if isinstance(moment, datetime) and (day is None or moment.date() == day):
                    return moment
        return None

    def site_names(self) -> tuple[str, ...]:
        """Names the page gives itself: never an author, though bylines and meta tags say so."""
        publisher = self.json_ld.get("publisher")
        names = [
            *((self.profile.name,) if self.profile else ()),
            *self._meta("og:site_name"),
            *(_json_ld_names(publisher) if isinstance(publisher, dict | list) else []),
        ]
        host = (urlsplit(self.canonical_url()).hostname or "").removeprefix("www.")
        if host:
            names.append(host.split(".")[0])
        return tuple(dict.fromkeys(name for name in names if name))

    def authors(self) -> list[str]:
        site_names = self.site_names()
        byline = self._select_text(self.selectors.byline if self.selectors else None)
        if byline:
            return parse_byline(byline, site_names)
        structured: list[str] = []
        for name in _json_ld_names(self.json_ld.get("author")) or self._meta("author"):
            structured.extend(p for p in parse_byline(name, site_names) if p not in structured)
        if not (self.selectors and self.selectors.byline):
            generic = self._first_text(GENERIC_BYLINE_SELECTORS, 2, 120)
            if generic and (people := parse_byline(generic, site_names)):
                # "NHẬT XUÂN và 1 tác giả khác": the full list is in the structured data.
                if _MORE_AUTHORS.search(generic) and len(structured) > len(people):
                    return structured
                return people
        return structured

    def section(self) -> str | None:
        """The paper's own section: the breadcrumb's last step, else what the metadata says."""
        selector = (self.selectors and self.selectors.breadcrumb) or GENERIC_BREADCRUMB
        crumbs = [tidy(element.text_content()) for element in select(self.tree, selector)]
        crumbs = [crumb for crumb in crumbs if crumb and not _BREADCRUMB_HOME.match(crumb)]
        if crumbs and len(crumbs[-1]) <= SECTION_MAX_CHARS:
            return crumbs[-1]
        for value in [
            *self._meta("article:section"),
            self.json_ld.get("articleSection"),
            *_breadcrumb_list(self.tree),
        ]:
            if isinstance(value, list):
                value = value[0] if value else None
            if value and len(str(value)) <= SECTION_MAX_CHARS:
                return tidy(str(value))
        return None

    def tags(self) -> list[str]:
        tags: list[str] = []
        if self.selectors and self.selectors.tags:
            tags = [tidy(e.text_content()) for e in select(self.tree, self.selectors.tags)]
        if not tags:
            tags = self._meta("article:tag")
        if not tags:
            tags = [part for value in self._meta("keywords") for part in value.split(",")]
        # Many platforms print tags as "#Cát Bà": the hash is decoration, not part of the tag.
        # Some pages put every tag into one comma-joined meta tag; a tag of its own may contain
        # a comma ("kiểm tra, giám sát"), so only a lone value is split.
        parts = tags[0].split(",") if len(tags) == 1 else tags
        cleaned = (part.strip().lstrip("#").rstrip(",;").strip() for part in parts)
        return list(dict.fromkeys(tag for tag in cleaned if tag))

    def canonical_url(self) -> str:
        for href in [*self.tree.xpath("//link[@rel='canonical']/@href"), *self._meta("og:url")]:
            if href.strip():
                return canonicalize(urljoin(self.url, href.strip()))
        return canonicalize(self.url)

    def language(self) -> str | None:
        declared = self.tree.get("lang") or ""
        if declared.strip():
            return declared.strip().split("-")[0].lower()
        return self.profile.language if self.profile else None


def word_overlap(text: str, other: str) -> float:
    words, others = set(text.casefold().split()), set(other.casefold().split())
    return len(words & others) / max(1, len(words))


def _breadcrumb_list(tree: html.HtmlElement) -> list[str]:
    """The last step before the article in a JSON-LD BreadcrumbList, if the page has one."""
    for candidate in json_ld_objects(tree):
        if candidate.get("@type") != "BreadcrumbList":
            continue
        names = []
        for step in candidate.get("itemListElement") or []:
            item = step.get("item") if isinstance(step, dict) else None
            name = step.get("name") if isinstance(step, dict) else None
            if not name and isinstance(item, dict):
                name = item.get("name")
            if name and not _BREADCRUMB_HOME.match(str(name).strip()):
                names.append(unescape(str(name)))
        if names:
            return [names[-1]]
    return []


def _json_ld_names(value: Any) -> list[str]:
    # Some CMSs write HTML entities inside JSON-LD strings ("NH&#7852;T XUÂN").
    if isinstance(value, str):
        return [unescape(value)]
    if isinstance(value, dict):
        return [unescape(str(value["name"]))] if value.get("name") else []
    if isinstance(value, list):
        return [name for entry in value for name in _json_ld_names(entry)]
    return []
