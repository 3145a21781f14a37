"""Which of a paper's layouts a page was printed with, from the markup it carries or its date.

A paper redesigns its site every few years; its old articles keep the old markup in our raw pages
(and often on the site), its new ones carry the new. The profile lists one `Layout` per design
with the days it was served; extraction asks this module which one applies to a page, so that a
redesign is one more layout and a saved page, and `reprocess` re-extracts history correctly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from urllib.parse import urlsplit

from lxml import html

from baotinh.core.css import select
from baotinh.papers.profile import Layout, SiteProfile

# Dates as news CMSs write them into article paths: /2025/09/15/, /2025-09-15/, /20250915/, or a
# year and month (/202509/, as in /channel/5087/201112/…). The digits must stand alone, so an
# article id (…-541045.html) is not read as a date.
_URL_DATES = (
    re.compile(r"(?<![0-9])(?P<y>(?:19|20)\d{2})[/-](?P<m>[01]\d)[/-](?P<d>[0-3]\d)(?![0-9])"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)?/"),
)


def url_date(url: str) -> date | None:
    """The publication day (the first of the month when only a month is given) the address
    carries in its path, or None."""
    path = urlsplit(url).path
    for pattern in _URL_DATES:
        for found in pattern.finditer(path):
            try:
                return date(int(found["y"]), int(found["m"]), int(found["d"] or 1))
            except ValueError:  # 2025/13/45: digits, not a date
                continue
    return None


def _carries(tree: html.HtmlElement, selectors: tuple[str, ...]) -> bool:
    return any(select(tree, selector) for selector in selectors)


def _by_date(layouts: list[Layout], day: date | None) -> Layout | None:
    """The layout served on `day` (the latest to start, if they overlap); without a day, the
    current one."""
    if day is None:
        fitting = [layout for layout in layouts if layout.until is None]
    else:
        fitting = [layout for layout in layouts if layout.covers(day)]
    return max(fitting, key=lambda layout: layout.since or date.min, default=None)


def choose_layout(
    profile: SiteProfile | None,
    tree: html.HtmlElement,
    page_day: Callable[[], date | None],
) -> Layout | None:
    """The profile's layout for this page, or None when the page fits none of them.

    Markers first: a layout whose markers (or body selector) the page carries fits it, whatever
    the date, since papers serve old articles in new templates. When several fit, or when only
    layouts that identify themselves by nothing but their dates are left, the page's date
    decides (`page_day` is called only then). A page that carries no layout's markers fits none:
    the paper has changed its markup again, and generic extraction takes over.
    """
    layouts = list(profile.effective_layouts) if profile else []
    marked = [
        layout
        for layout in layouts
        if layout.identifying_selectors and _carries(tree, layout.identifying_selectors)
    ]
    if len(marked) == 1:
        return marked[0]
    if marked:
        # Markers shared by several designs (a body class kept through a redesign): the date
        # picks among them; undated, or dated outside all of them, the newest.
        return _by_date(marked, page_day()) or max(
            marked, key=lambda layout: layout.since or date.min
        )
    dated_only = [layout for layout in layouts if not layout.identifying_selectors]
    return _by_date(dated_only, page_day()) if dated_only else None


def layout_for_url(profile: SiteProfile, url: str) -> Layout | None:
    """The layout an address of the paper would be printed with, before fetching it: by the
    date in the address when it has one, else the paper's current layout."""
    day = url_date(url)
    if day is None:
        return profile.current_layout()
    return _by_date(list(profile.effective_layouts), day)
