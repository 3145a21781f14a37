"""Is each paper healthy tonight? Tonight's counts against its own recent nights, and drift alarms.

A crawl that "completed" can still be a broken paper: a site that moved publishes nothing we
find, a redesign leaves every page to generic extraction, a new date format leaves articles
undated. None of that fails a run, so each night every paper is compared with itself:

- silent: no new article tonight nor the night before (the operator hears of it on night two);
- layout drift: most of tonight's articles matched none of the paper's layouts;
- missing fields: most of tonight's articles have no title, or no date.

The thresholds are policy, not fitted to any data: "most" is more than half of at least
MIN_ARTICLES articles, so one odd page never raises an alarm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from typing import Any

NIGHTS = 7
SILENT_NIGHTS = 2
MIN_ARTICLES = 3


@dataclass(frozen=True)
class Health:
    site: str
    alarms: list[str] = field(default_factory=list)
    # The median of the earlier nights for each count, None before the first earlier night.
    usual: dict[str, float | None] = field(default_factory=dict)
    nights: int = 0  # how many earlier nights the comparison rests on


@dataclass(frozen=True)
class Night:
    """One earlier run's counts for one paper."""

    run_id: int
    status: str
    new_articles: int
    updated_articles: int
    errors: int
    pending: int


@dataclass(frozen=True)
class Quality:
    """How the articles one run stored for one paper came out of extraction."""

    articles: int = 0
    without_title: int = 0
    without_date: int = 0
    # Extracted by generic extraction because none of the paper's layouts matched the page.
    without_layout: int = 0


TRACKED = ("new_articles", "updated_articles", "errors", "pending")


def assess(
    site: str,
    tonight: dict[str, Any],
    earlier: list[Night],
    quality: Quality,
    has_layouts: bool = True,
) -> Health:
    """The paper's health tonight. `tonight` holds its counts (a SiteOutcome as a dict),
    `earlier` its previous nights newest first, `quality` what tonight's articles look like."""
    usual = {
        name: (median(getattr(night, name) for night in earlier) if earlier else None)
        for name in TRACKED
    }
    alarms: list[str] = []
    if tonight.get("status") == "completed":
        silent = _silent_nights(tonight, earlier)
        if silent >= SILENT_NIGHTS:
            before = [night.new_articles for night in earlier if night.new_articles]
            usually = f" (it used to bring {median(before):g} a night)" if before else ""
            alarms.append(f"no new article for {silent} nights{usually}")
    if quality.articles >= MIN_ARTICLES:
        if has_layouts and _most(quality.without_layout, quality.articles):
            alarms.append(
                f"{quality.without_layout} of {quality.articles} articles matched none of its"
                " layouts: has the site been redesigned?"
            )
        for missing, what in ((quality.without_title, "title"), (quality.without_date, "date")):
            if _most(missing, quality.articles):
                alarms.append(f"{missing} of {quality.articles} articles have no {what}")
    return Health(site=site, alarms=alarms, usual=usual, nights=len(earlier))


def _silent_nights(tonight: dict[str, Any], earlier: list[Night]) -> int:
    """Tonight and the earlier nights in a row, newest first, that brought no new article.
    A failed night says nothing about the paper and neither breaks nor extends the run."""
    if tonight.get("new_articles", 0):
        return 0
    silent = 1
    for night in earlier:
        if night.status != "completed":
            continue
        if night.new_articles:
            break
        silent += 1
    return silent


def _most(part: int, whole: int) -> bool:
    return whole >= MIN_ARTICLES and part * 2 > whole


def against_usual(value: Any, usual: float | None) -> str:
    """ "12 (usually 10)" for the health table; the bare value before there is a usual."""
    if usual is None:
        return str(value)
    return f"{value} (usually {usual:g})"
