"""Synthetic papers for benchmarks: N copies of one sample paper, each under its own key and
domain, so a crawl of forty papers can be measured on one machine.

The copies serve the base paper's articles and pages with their own domain in every link, and
have no former domains (forty papers answering for one old domain would be ambiguous). Their
profiles reach the registry, in the flow and in every spider process, through
`BAOTINH_EXTRA_SITES=baotinh.samplesite.synthetic` with `BAOTINH_SYNTHETIC_PAPERS=N`.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import replace
from typing import TYPE_CHECKING

from baotinh.samplesite.model import SampleSite, load_site

if TYPE_CHECKING:
    from baotinh.papers.profile import SiteProfile

COUNT_ENV = "BAOTINH_SYNTHETIC_PAPERS"
BASE_PAPER = "bacgiang"
MODULE = __name__


def synthetic_keys(count: int) -> list[str]:
    return [f"synth{index:03d}" for index in range(1, count + 1)]


def synthetic_domain(key: str) -> str:
    return f"{key}.example.vn"


def synthetic_sites(
    count: int, base: str = BASE_PAPER, articles: int | None = None
) -> list[SampleSite]:
    """The sample copies the server answers for, each with the base paper's last `articles`
    articles (all of them by default) and none of its deliberately broken URLs."""
    site = load_site(base)
    kept = site.articles[-articles:] if articles else site.articles
    ids = {article.id for article in kept}
    # Its most-read box may name articles left out; links to a former domain would be ambiguous.
    info = {key: value for key, value in site.info.items() if key != "former_domain_links_before"}
    info["most_read"] = [i for i in site.info.get("most_read", []) if i in ids]
    site = replace(site, articles=kept, info=info)
    return [
        replace(
            site,
            faults=[],
            key=key,
            name=f"{site.name} ({key})",
            domain=synthetic_domain(key),
            former_domains=(),
        )
        for key in synthetic_keys(count)
    ]


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
