"""`baotinh probe`: ask a paper's site what it serves, and say where its profile disagrees.

A profile is a set of guesses about a site (its feeds, sitemaps, article addresses, markup);
a wrong guess shows up as a night that fetches nothing. A probe checks them in a minute, with
a handful of polite requests: robots.txt, the home page, each feed and sitemap the profile
names or the site announces, and a few articles extracted as the nightly run would. It reads
the same way a crawl does (the same user agent, robots.txt obeyed, the same size caps) but
with plain HTTP, so it needs no Scrapy, no store and no Prefect.
"""

from __future__ import annotations

import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from baotinh.core.records import NO_TITLE
from baotinh.extraction.decoding import MAX_PAGE_BYTES, decode_body
from baotinh.extraction.discovery import (
    announced_feeds,
    article_pattern_of,
    article_signals,
    feed_links,
    looks_like_article_url,
    on_hosts,
    page_links,
    robots_sitemaps,
    sitemap_links,
    unique,
)
from baotinh.extraction.discovery import short_address as _path
from baotinh.extraction.html import extract_article
from baotinh.extraction.pages import ExtractionError
from baotinh.extraction.pages import maybe_gunzip as gunzip
from baotinh.papers import SiteProfile
from crawlers.mirror import mirrored_url
from crawlers.settings import USER_AGENT

TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
USUAL_SITEMAP = "/sitemap.xml"


@dataclass
class Check:
    """One request and what it showed."""

    what: str  # "robots.txt", "home", "feed /rss/home.rss", "article /x-1.html"…
    url: str
    ok: bool
    detail: str


@dataclass
class ProbeReport:
    site: str
    base_url: str
    checks: list[Check] = field(default_factory=list)
    # Where the site and the profile disagree, each a sentence saying what to correct.
    disagreements: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        lines = [f"Probe of {self.site} at {self.base_url}", ""]
        for check in self.checks:
            mark = "ok  " if check.ok else "FAIL"
            lines.append(f"{mark}  {check.what:40}  {check.detail}")
        lines.append("")
        if self.disagreements:
            lines.append(
                f"The profile disagrees with the site in {len(self.disagreements)} place(s):"
            )
            lines += [f"  - {sentence}" for sentence in self.disagreements]
        else:
            lines.append("The profile agrees with what the site serves.")
        return "\n".join(lines)


@dataclass
class Answer:
    url: str  # after redirects
    status: int
    body: bytes
    content_type: str | None
    error: str | None = None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # followed by hand, through the mirrors


def fetch(url: str, mirrors: dict[str, str]) -> Answer:
    """GET `url` (through its mirror when it has one, with the real Host), redirects followed
    by hand so they go through the mirrors too; never raises for HTTP or network trouble."""
    opener = urllib.request.build_opener(_NoRedirects)
    for _ in range(MAX_REDIRECTS + 1):
        target = mirrored_url(url, mirrors) or url
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"}
        if target != url:
            headers["Host"] = urlsplit(url).netloc
        request = urllib.request.Request(target, headers=headers)
        try:
            with opener.open(request, timeout=TIMEOUT_S) as response:
                body = response.read(MAX_PAGE_BYTES + 1)
                status, content_type = response.status, response.headers.get("Content-Type")
        except urllib.error.HTTPError as exc:
            if exc.code in (301, 302, 303, 307, 308) and exc.headers.get("Location"):
                url = urljoin(url, exc.headers["Location"])
                continue
            return Answer(url, exc.code, b"", None, f"HTTP {exc.code}")
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            return Answer(url, 0, b"", None, f"no answer ({reason})")
        if len(body) > MAX_PAGE_BYTES:
            return Answer(url, status, b"", content_type, "over the page size cap")
        try:
            body = gunzip(body)
        except ExtractionError as exc:
            return Answer(url, status, b"", content_type, str(exc))
        return Answer(url, status, body, content_type)
    return Answer(url, 0, b"", None, f"more than {MAX_REDIRECTS} redirects")


def profile_for(target: str) -> SiteProfile:
    """The registered paper named by key or by an address on its domain; for an address of no
    registered paper, a generic profile of its host (what `probe` learns there is a start)."""
    from baotinh.papers import SITES, site_for_url

    if target in SITES:
        return SITES[target]
    host = (urlsplit(target if "//" in target else f"//{target}").hostname or "").lower()
    if not host or "." not in host:
        known = ", ".join(sorted(SITES))
        raise ValueError(f"{target!r} is neither a registered paper ({known}) nor an address")
    found = site_for_url(f"https://{host}/")
    if found is not None:
        return found
    domain = host.removeprefix("www.")
    return SiteProfile(key=domain, name=domain, domain=domain, generic=True)


def probe(profile: SiteProfile, mirrors: dict[str, str], articles: int = 3) -> ProbeReport:
    """Check `profile` against its site; `articles` is how many articles to extract."""
    base = profile.base_url
    report = ProbeReport(profile.key, base)
    pattern = article_pattern_of(profile)
    hosts = {profile.domain, *profile.former_domains}

    def is_article(url: str) -> bool:
        return pattern is not None and profile.is_article_path(_path(url))

    robots = _robots(report, base, mirrors)
    rules = _robot_rules(robots)

    home = fetch(base + "/", mirrors)
    home_markup = decode_body(home.body, home.content_type) if home.body else ""
    home_links = [link for link in page_links(home_markup, home.url) if on_hosts(link, hosts)]
    matching = [link for link in home_links if is_article(link)]
    report.checks.append(
        Check(
            "home",
            home.url,
            home.error is None,
            home.error or f"{len(home_links)} links, {len(matching)} match the article pattern",
        )
    )
    if home.error is None and home_links and not matching and pattern is not None:
        shaped = [link for link in home_links if looks_like_article_url(link)]
        report.disagreements.append(
            "no link on the home page matches the article pattern"
            + (f" (e.g. {_path(shaped[0])} looks like an article)" if shaped else "")
        )

    candidates: list[str] = list(matching)
    announced = announced_feeds(home_markup, home.url) if home_markup else []
    for feed in unique([*[base + path for path in profile.feeds], *announced]):
        answer = fetch(feed, mirrors)
        links = feed_links(answer.body, answer.url) if answer.body else []
        ok = answer.error is None and bool(links)
        report.checks.append(
            Check(f"feed {_path(feed)}", feed, ok, answer.error or f"{len(links)} entries")
        )
        candidates = unique([*links, *candidates])
        if _path(feed) in profile.feeds and not ok:
            report.disagreements.append(f"the profile's feed {_path(feed)} gives no entries")
        if _path(feed) not in profile.feeds and ok:
            report.disagreements.append(
                f"the home page announces feed {_path(feed)}, not in the profile"
            )

    named = robots_sitemaps(robots.body, robots.url) if robots.body else []
    listed = [base + path for path in profile.sitemaps]
    for sitemap in unique([*listed, *named]) or [base + USUAL_SITEMAP]:
        answer = fetch(sitemap, mirrors)
        found = sitemap_links(answer.body, answer.url) if answer.body else None
        if found is not None and not found.pages and found.sitemaps:
            child = fetch(found.sitemaps[0], mirrors)  # an index: look into its first child
            found = sitemap_links(child.body, child.url) if child.body else found
        urls = found.pages if found is not None else []
        ok = answer.error is None and bool(urls or (found and found.sitemaps))
        articles_in = sum(is_article(url) for url in urls)
        report.checks.append(
            Check(
                f"sitemap {_path(sitemap)}",
                sitemap,
                ok,
                answer.error or f"{len(urls)} URLs, {articles_in} match the article pattern",
            )
        )
        candidates = unique([*candidates, *urls])
        if sitemap in listed and not ok:
            report.disagreements.append(f"the profile's sitemap {_path(sitemap)} gives no URLs")
        if sitemap not in listed and ok:
            report.disagreements.append(
                f"robots.txt names sitemap {_path(sitemap)}, not in the profile"
            )
        if urls and pattern is not None and articles_in == 0:
            report.disagreements.append(
                f"no URL of sitemap {_path(sitemap)} matches the article pattern"
                f" (e.g. {_path(urls[0])})"
            )

    chosen = [url for url in candidates if is_article(url)][:articles]
    if len(chosen) < articles:  # what the pattern misses, by the look of the address
        chosen += [u for u in candidates if u not in chosen and looks_like_article_url(u)][
            : articles - len(chosen)
        ]
    by_semantics = [
        url
        for url in chosen
        if _article(report, profile, url, mirrors, rules) and not is_article(url)
    ]
    if by_semantics:
        why = "the article pattern rejects" if pattern else "the profile has no article pattern for"
        report.disagreements.append(
            f"{len(by_semantics)} page(s) that say they are articles (og:type, JSON-LD or a"
            f" dated address) {why}, e.g. {_path(by_semantics[0])}"
        )
    if not chosen:
        report.disagreements.append("found no article to read: no feed, sitemap or link led to one")
    return report


def _robots(report: ProbeReport, base: str, mirrors: dict[str, str]) -> Answer:
    answer = fetch(base + "/robots.txt", mirrors)
    if answer.status == 404:
        report.checks.append(Check("robots.txt", answer.url, True, "none (everything allowed)"))
        return Answer(answer.url, 404, b"", None)
    detail = answer.error or f"{len(robots_sitemaps(answer.body, answer.url))} Sitemap line(s)"
    report.checks.append(Check("robots.txt", answer.url, answer.error is None, detail))
    return answer


def _robot_rules(robots: Answer) -> urllib.robotparser.RobotFileParser:
    """robots.txt parsed once for the probe; none (a 404) allows everything."""
    rules = urllib.robotparser.RobotFileParser()
    rules.parse(robots.body.decode("utf-8", "replace").splitlines())
    return rules


def _article(
    report: ProbeReport,
    profile: SiteProfile,
    url: str,
    mirrors: dict[str, str],
    rules: urllib.robotparser.RobotFileParser,
) -> bool:
    """Fetch and extract one article as the nightly run would; whether its page says it is an
    article (og:type, JSON-LD, a dated address)."""
    what = f"article {_path(url)}"[:60]
    if not rules.can_fetch(USER_AGENT, url):
        report.checks.append(Check(what, url, False, "disallowed by robots.txt"))
        report.disagreements.append(f"robots.txt disallows articles such as {_path(url)}")
        return False
    answer = fetch(url, mirrors)
    if answer.error:
        report.checks.append(Check(what, url, False, answer.error))
        return False
    try:
        article = extract_article(answer.body, answer.url, profile, answer.content_type)
    except ExtractionError as exc:
        report.checks.append(Check(what, url, False, f"{exc.kind}: {exc}"))
        return False
    fields = (("title", article.title != NO_TITLE), ("date", article.published))
    missing = [name for name, value in fields if not value]
    layout = article.layout or "none (generic extraction)"
    detail = f"{len(article.text)} characters, layout {layout}"
    report.checks.append(
        Check(what, url, not missing, detail + (f", no {' or '.join(missing)}" if missing else ""))
    )
    if profile.effective_layouts and article.layout is None:
        report.disagreements.append(f"{_path(url)} matched none of the profile's layouts")
    return bool(article_signals(decode_body(answer.body, answer.content_type), answer.url))
