"""Báo Lạng Sơn (LSO), the paper of the Lạng Sơn provincial Party committee.

The mid-2025 reorganisation left Lạng Sơn province as it was: it was not merged with a
neighbour, so the paper kept its name, its province and its domain; only the province's
districts were abolished and its communes regrouped into 65 xã and phường (from 1 July 2025).
Articles live at /<section>/<slug>-<id>.html, section listings page with ?trang=N, and
discovery is by the sitemap and the section listings: the profile knows no RSS feed.
"""

from crawlers.sites.base import Selectors, SiteProfile

_SECTIONS = (
    "chinh-tri",
    "kinh-te",
    "xa-hoi",
    "nong-nghiep-nong-thon",
    "van-hoa-du-lich",
    "giao-duc",
    "y-te",
    "phap-luat",
    "the-thao",
)
_SECTION_RE = "(?:" + "|".join(_SECTIONS) + ")"

PROFILE = SiteProfile(
    key="langson",
    name="Báo Lạng Sơn",
    domain="baolangson.vn",
    former_domains=(),
    provinces_before=("Lạng Sơn",),
    province_after="Lạng Sơn",
    feeds=(),
    sitemaps=("/sitemap.xml",),
    sections=tuple(f"/{slug}/" for slug in _SECTIONS),
    section_topics=(
        ("chinh-tri", "chinh-tri"),
        ("kinh-te", "kinh-te"),
        ("xa-hoi", "xa-hoi"),
        ("nong-nghiep-nong-thon", "nong-nghiep"),
        ("van-hoa-du-lich", "van-hoa"),
        ("giao-duc", "giao-duc"),
        ("y-te", "y-te"),
        ("phap-luat", "phap-luat"),
        ("the-thao", "the-thao"),
    ),
    article_path=rf"/{_SECTION_RE}/[a-z0-9-]+-\d+\.html",
    listing_page_path=rf"/{_SECTION_RE}/(\?trang=\d+)?",
    listing_item=".lso-list__item",
    listing_item_date=".lso-list__time",
    listing_date_format="%d/%m/%Y %H:%M",
    selectors=Selectors(
        title="h1.lso-detail__title",
        lead=".lso-detail__sapo",
        body=".lso-detail__content",
        dateline=".lso-detail__time",
        byline=".lso-detail__author",
        breadcrumb=".lso-crumbs a",
        tags=".lso-detail__topics a.lso-topic",
        drop=(".lso-readmore", ".lso-ad"),
    ),
    lead_prefix=r"\(LSO\)\s*[-–]\s*",
    download_delay=1.0,
    concurrent_requests=4,
    unverified=(
        "the domain baolangson.vn is from public knowledge of the paper (its sapos are signed"
        " LSO), not checked live: there is no internet here",
        "the URL scheme (/<section>/<slug>-<id>.html, listings paged with ?trang=N) and the"
        " section slugs are the sample site's, not read off the live site",
        "the sitemap path /sitemap.xml is assumed; whether the live site publishes an RSS feed"
        " (and where) is unknown, so the profile lists none",
        "the live sapo prefix may be printed as 'LSO - ' without parentheses; lead_prefix here"
        " matches the sample's '(LSO) - '",
        "that Lạng Sơn was not merged in 2025 (province and paper unchanged, no former domain) is"
        " from the published merger lists, not from the paper's own pages",
    ),
)
