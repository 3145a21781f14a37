"""`baotinh check-url`: what the registry makes of one address, without fetching it.

Which paper serves it (by its current or a former domain), whether the crawler would take it for
an article and by which rule of the profile, and which of the paper's layouts its page would be
extracted with. It answers "why did the crawl skip this link?" and "which layout will this old
link get?" before anyone fetches anything.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from baotinh.papers import site_for_url
from baotinh.papers.layouts import layout_for_url, url_date


@dataclass(frozen=True)
class UrlCheck:
    url: str
    site: str | None  # the profile's key; None: no registered paper serves this host
    article: bool
    # The profile's rule that decided: "article_path" (its article pattern matched),
    # "listing_page_path", "home", or "no_rule" (no pattern of the paper matches); None
    # without a paper.
    rule: str | None
    pattern: str | None  # the article pattern that was tried
    # The layout version the page would be extracted with (None: the paper has no layout, or
    # none was served on the address's date), and the date that chose it (None: the current).
    layout: str | None
    url_date: str | None
    former_domain: bool  # reached through a domain the paper published under before

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def check_url(url: str) -> UrlCheck:
    """What the registry says of `url` (see UrlCheck)."""
    profile = site_for_url(url)
    if profile is None:
        return UrlCheck(url, None, False, None, None, None, None, False)
    parts = urlsplit(url)
    path = parts.path or "/"
    # Listings may page with a query (?page=2); article patterns match the path alone, as the
    # spider applies them.
    with_query = f"{path}?{parts.query}" if parts.query else path
    if profile.is_article_path(path):
        rule = "article_path"
    elif path == "/":
        rule = "home"
    elif profile.is_listing_page_path(with_query):
        rule = "listing_page_path"
    else:
        rule = "no_rule"
    layout = layout_for_url(profile, url)
    day = url_date(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return UrlCheck(
        url=url,
        site=profile.key,
        article=rule == "article_path",
        rule=rule,
        pattern=profile.article_path,
        layout=layout.version if layout else None,
        url_date=day.isoformat() if day else None,
        former_domain=host in profile.former_domains,
    )


def describe(check: UrlCheck) -> str:
    """The check in a line or two, for a person."""
    if check.site is None:
        host = urlsplit(check.url).hostname or check.url
        return f"{check.url}: no registered paper serves {host} (see `baotinh sites`)"
    domain = " (a former domain)" if check.former_domain else ""
    verdict = {
        "article_path": f"an article: the profile's article pattern matches ({check.pattern})",
        "home": "the home page, not an article",
        "listing_page_path": "a section listing, not an article",
        "no_rule": f"not an article: the article pattern does not match ({check.pattern})",
    }[check.rule or "no_rule"]
    when = f"by the address's date {check.url_date}" if check.url_date else "no date in the address"
    layout = check.layout or "none (generic extraction)"
    return f"{check.url}\n  paper: {check.site}{domain}\n  {verdict}\n  layout: {layout} ({when})"
