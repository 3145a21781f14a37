"""Every registered paper: a sane profile, and a saved page that extracts to the expected output.

Fixtures live in tests/sites/<key>/: `<name>.html` (a saved article page) beside `<name>.json`
(what `baotinh extract` must print for it). A profile without one fails here. When a site is
redesigned, add a Layout to its profile and a new dated page of the new markup (never a new site
key), and keep the old page: both must still extract, each with its own layout.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from baotinh.extraction.decoding import read_saved_page
from baotinh.extraction.html import article_to_json, extract_article
from baotinh.papers import SITES, SiteProfile

FIXTURES = Path(__file__).parent / "sites"


def saved_pages(key: str) -> list[Path]:
    return sorted((FIXTURES / key).glob("*.html"))


@pytest.mark.parametrize("profile", SITES.values(), ids=list(SITES))
def test_profile_is_complete(profile: SiteProfile) -> None:
    assert re.fullmatch(r"[a-z0-9_]+", profile.key)
    assert profile.domain and "/" not in profile.domain
    if not profile.generic:  # a generic profile discovers from the home page and robots.txt
        assert profile.feeds or profile.sitemaps or profile.sections, "no way to discover articles"
    assert profile.provinces_before, "provinces covered before the 2025 merger"
    for path in (*profile.feeds, *profile.sitemaps, *profile.sections):
        assert path.startswith("/"), path
    for section in profile.sections:
        assert profile.is_listing_page_path(section), f"{section} is not a listing page path"
        assert not profile.is_article_path(section)


@pytest.mark.parametrize("key", [key for key, profile in SITES.items() if not profile.generic])
def test_every_profile_has_a_saved_page(key: str) -> None:
    assert saved_pages(key), f"add tests/sites/{key}/<date>.html and its expected .json"


@pytest.mark.parametrize("profile", SITES.values(), ids=list(SITES))
def test_every_profile_says_where_its_domain_comes_from(profile: SiteProfile) -> None:
    facts = {evidence.fact for evidence in profile.evidence}
    assert profile.evidence, f"{profile.key}: no evidence recorded"
    if profile.generic:
        assert "domain" in facts, f"{profile.key}: record where the domain comes from"
    for evidence in profile.evidence:
        assert evidence.fact and evidence.source, evidence
        assert evidence.source == "unverified" or re.match(r"(github|docs):\S+", evidence.source), (
            f"{profile.key}: {evidence.source!r} is neither a public source nor 'unverified'"
        )


@pytest.mark.parametrize(
    "page",
    [page for key in SITES for page in saved_pages(key)],
    ids=lambda page: f"{page.parent.name}/{page.stem}",
)
def test_saved_page_extracts_as_expected(page: Path) -> None:
    profile = SITES[page.parent.name]
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    article = extract_article(read_saved_page(str(page)), expected["url"], profile)
    result = article_to_json(article)
    for key, value in expected.items():
        assert result[key] == value, key


@pytest.mark.parametrize("key", sorted(SITES))
def test_every_section_of_a_profile_is_mapped_to_the_taxonomy(key: str) -> None:
    from baotinh.labels.topics import TOPICS

    profile = SITES[key]
    mapped = dict(profile.section_topics)
    for path in profile.sections:
        slug = path.strip("/").rsplit("/", 1)[-1]
        assert slug in mapped, f"{key}: section {path} has no entry in section_topics"
    unknown = {topic for topic in mapped.values() if topic is not None} - set(TOPICS)
    assert not unknown, f"{key}: section_topics names topics outside the taxonomy: {unknown}"


# A generic profile's selectors come from public scrapers and have no saved page here: its
# layout is checked night by night by the drift alarm instead (baotinh/core/health.py).
@pytest.mark.parametrize(
    "key",
    [key for key, profile in SITES.items() if profile.effective_layouts and not profile.generic],
)
def test_every_layout_has_a_saved_page_extracted_with_it(key: str) -> None:
    profile = SITES[key]
    used = {}
    for page in saved_pages(key):
        url = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))["url"]
        used[page.name] = extract_article(read_saved_page(str(page)), url, profile).layout
    # A saved page no layout fits would be extracted generically: the profile has drifted.
    assert None not in used.values(), used
    missing = {layout.version for layout in profile.effective_layouts} - set(used.values())
    assert not missing, f"{key}: no saved page of layout(s) {sorted(missing)}"
