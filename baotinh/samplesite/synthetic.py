"""Synthetic papers for benchmarks: N copies of one sample paper, each under its own key and
domain, so a crawl of forty papers can be measured on one machine.

The copies serve the base paper's pages with their own domain in every link, and have no former
domains (forty papers answering for one old domain would be ambiguous). Each prints articles of
its own, dealt from the articles of every sample paper, as real papers print different stories:
copies of one paper's articles would make every paper after the first a pile of exact
duplicates, which the ingest sets aside in a fraction of what a new article costs (its story,
its labels, its search document), and a benchmark of them would measure the cheap path. Their
profiles reach the registry, in the flow and in every spider process, through
`BAOTINH_EXTRA_SITES=baotinh.samplesite.synthetic` with `BAOTINH_SYNTHETIC_PAPERS=N`.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import replace
from typing import TYPE_CHECKING

from baotinh.samplesite.model import SampleArticle, SampleSite, available_sites, load_site

if TYPE_CHECKING:
    from baotinh.papers.profile import SiteProfile

COUNT_ENV = "BAOTINH_SYNTHETIC_PAPERS"
BASE_PAPER = "bacgiang"
MODULE = __name__


def synthetic_keys(count: int) -> list[str]:
    return [f"synth{index:03d}" for index in range(1, count + 1)]


def synthetic_domain(key: str) -> str:
    return f"{key}.example.vn"


def synthetic_sites(count: int, base: str = BASE_PAPER, articles: int = 4) -> list[SampleSite]:
    """The sample copies the server answers for, each printing `articles` articles of its own
    in the base paper's sections and layout, and none of the deliberately broken URLs. Past
    the sample papers' stock of plainly printed articles (about 210), papers print the first
    ones again."""
    site = load_site(base)
    # Links to a former domain would be ambiguous; the most-read box names the base's own.
    info = {key: value for key, value in site.info.items() if key != "former_domain_links_before"}
    site = replace(site, info={**info, "most_read": []}, faults=[], former_domains=())
    stock = _article_stock()
    papers = []
    for index, key in enumerate(synthetic_keys(count)):
        dealt = [stock[(index * articles + n) % len(stock)] for n in range(articles)]
        own = [
            _as_printed_by(site, article, index * articles + n) for n, article in enumerate(dealt)
        ]
        own.sort(key=lambda article: (article.published, article.id))
        papers.append(
            replace(
                site,
                key=key,
                name=f"{site.name} ({key})",
                domain=synthetic_domain(key),
                articles=own,
            )
        )
    return papers


def _article_stock() -> list[SampleArticle]:
    """Every sample paper's articles printed the plain way (UTF-8, not gzip, dates in the
    page), newest first, each paper's in turn so neighbours come from different papers."""
    by_paper = [
        sorted(
            (
                article
                for article in load_site(key).articles
                if article.encoding == "utf-8"
                and not article.gzip_body
                and article.date_meta == "full"
            ),
            key=lambda article: (article.published, article.id),
            reverse=True,
        )
        for key in available_sites()
    ]
    stock = []
    for turn in range(max(len(articles) for articles in by_paper)):
        stock.extend(articles[turn] for articles in by_paper if turn < len(articles))
    return stock


def _as_printed_by(site: SampleSite, article: SampleArticle, serial: int) -> SampleArticle:
    """`article` as the synthetic `site` prints it: in one of its sections, at its own path."""
    section = site.sections[serial % len(site.sections)]
    number = 90_000 + serial
    path = site.urls.article_pattern(None).format(
        section=section.slug,
        id=number,
        slug=article.slug,
        yyyy=f"{article.published:%Y}",
        mm=f"{article.published:%m}",
        dd=f"{article.published:%d}",
    )
    return replace(
        article,
        id=number,
        section_slug=section.slug,
        section=section.label,
        path=path,
    )


def synthetic_profiles(count: int, base: str = BASE_PAPER) -> list[SiteProfile]:
    """The profiles the crawler uses for them: the base paper's, renamed."""
    # The paper's own module, not the registry: this runs while the registry is being built.
    profile: SiteProfile = importlib.import_module(f"baotinh.papers.{base}").PROFILE
    return [
        replace(
            profile,
            key=key,
            name=f"{profile.name} ({key})",
            domain=synthetic_domain(key),
            former_domains=(),
            enabled=True,
        )
        for key in synthetic_keys(count)
    ]


def __getattr__(name: str) -> list[SiteProfile]:
    """PROFILES, read by baotinh.papers when this module is named in BAOTINH_EXTRA_SITES: made
    when asked for, so that importing this module does not build the registry half-way."""
    if name == "PROFILES":
        return synthetic_profiles(int(os.environ.get(COUNT_ENV) or 0))
    raise AttributeError(name)
