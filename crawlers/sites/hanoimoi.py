"""Hànộimới, the paper of the Hà Nội Party Committee (Đảng bộ thành phố Hà Nội).

Hà Nội was not merged with any other province in the 2025 reorganisation: the city kept its
borders and name, and on 1 July 2025 only its district level went away (126 communes and wards now
sit directly under the city). The paper therefore keeps covering the same territory. Its site moved
from hanoimoi.com.vn to hanoimoi.vn before that; the old domain is kept as a former domain because
old links to it still circulate. Articles live at the site root as /<slug>-<id>.html, sections at
/<section>, older listing pages at /<section>/p<N>.
"""

from crawlers.sites.base import Selectors, SiteProfile

_SECTIONS = (
    "chinh-tri",
    "do-thi",
    "kinh-te",
    "van-hoa",
    "giao-duc",
    "y-te",
    "the-thao",
    "phap-luat",
)

PROFILE = SiteProfile(
    key="hanoimoi",
    name="Hànộimới",
    domain="hanoimoi.vn",
    former_domains=("hanoimoi.com.vn",),
    provinces_before=("Hà Nội",),
    province_after="Hà Nội",
    feeds=("/feed.atom",),
    sitemaps=("/sitemap.xml",),
    sections=tuple(f"/{slug}" for slug in _SECTIONS),
    # Root-level "<slug>-<numeric id>.html"; section and listing paths never end in .html.
    # Đô thị (the city's streets, traffic, environment, housing) is society news here.
    section_topics=(
        ("chinh-tri", "chinh-tri"),
        ("do-thi", "xa-hoi"),
        ("kinh-te", "kinh-te"),
        ("van-hoa", "van-hoa"),
        ("giao-duc", "giao-duc"),
        ("y-te", "y-te"),
        ("the-thao", "the-thao"),
        ("phap-luat", "phap-luat"),
    ),
    article_path=r"/[a-z0-9]+(?:-[a-z0-9]+)*-\d+\.html",
    listing_page_path=r"/(?:" + "|".join(_SECTIONS) + r")(?:/p\d+)?",
    listing_item=".list-story article.story",
    listing_item_date=".story__time",
    listing_date_format="%d-%m-%Y %H:%M",
    selectors=Selectors(
        title="h1.detail__title",
        lead=".detail__sapo",
        body=".detail__content",
        dateline=".detail__time",
        byline=".detail__author",
        breadcrumb=".hnm-breadcrumb a",
        tags=".detail__tags a",
        drop=(".detail__inline-related", ".detail__share"),
    ),
    # Hànộimới prints its sapo without a "(CODE) - " prefix.
    lead_prefix=None,
    download_delay=1.0,
    concurrent_requests=4,
    unverified=(
        "domain hanoimoi.vn and the former domain hanoimoi.com.vn are from public knowledge of the"
        " paper's move to a new site a few years before 2025, not checked live (no internet here);"
        " whether hanoimoi.com.vn still answers with a redirect is not known",
        "the article scheme /<slug>-<id>.html matches how hanoimoi.vn links are remembered to"
        " look; the section paths /<section>, the /<section>/p<N> listing pages and the"
        " section slugs are modelled on the sample site, not checked",
        "the Atom feed /feed.atom and the single /sitemap.xml are assumptions modelled on the"
        " sample site; the real paper's feed and sitemap paths were not checked",
        "that Hà Nội was not merged in 2025 is from the published list of the 34 provinces and"
        " cities after the reorganisation; a restructuring of the city's own press organs that"
        " year (other Hà Nội papers folded into Hànộimới) is remembered but not checked, so no"
        " domain of such a paper is listed here",
    ),
)
