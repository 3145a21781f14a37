"""Báo Hải Phòng, the paper of the Hải Phòng City Party Committee (Thành ủy Hải Phòng).

On 1 July 2025 Hải Dương province was merged into Hải Phòng city (the merged unit keeps the name
Hải Phòng, a centrally governed city), and Báo Hải Dương was merged into Báo Hải Phòng, which now
covers both. Articles of the former paper lived on baohaiduong.vn; old links there redirect (301)
to baohaiphong.vn, and listings still link migrated pre-merger articles through the old domain.

URL scheme: articles at /<section>/<slug>-<id>.html, sections at /<section> paging with
?page=N, an RSS feed at /rss/home.rss, and /sitemap.xml as an index of gzipped monthly urlsets
at /sitemaps/<yyyy>-<mm>.xml.gz.
"""

from crawlers.sites.base import Selectors, SiteProfile

_SECTIONS = (
    "chinh-tri",
    "kinh-te",
    "xa-hoi",
    "nong-nghiep-nong-thon",
    "van-hoa-du-lich",
    "the-thao",
    "phap-luat",
    "giao-duc",
    "y-te",
)
_SECTION_RE = "(?:" + "|".join(_SECTIONS) + ")"

PROFILE = SiteProfile(
    key="haiphong",
    name="Báo Hải Phòng",
    domain="baohaiphong.vn",
    former_domains=("baohaiduong.vn",),
    provinces_before=("Hải Phòng", "Hải Dương"),
    province_after="Hải Phòng",
    feeds=("/rss/home.rss",),
    sitemaps=("/sitemap.xml",),
    sections=tuple(f"/{slug}" for slug in _SECTIONS),
    section_topics=(
        ("chinh-tri", "chinh-tri"),
        ("kinh-te", "kinh-te"),
        ("xa-hoi", "xa-hoi"),
        ("nong-nghiep-nong-thon", "nong-nghiep"),
        ("van-hoa-du-lich", "van-hoa"),
        ("the-thao", "the-thao"),
        ("phap-luat", "phap-luat"),
        ("giao-duc", "giao-duc"),
        ("y-te", "y-te"),
    ),
    article_path=rf"/{_SECTION_RE}/[a-z0-9-]+-\d+\.html",
    listing_page_path=rf"/{_SECTION_RE}(\?page=\d+)?",
    listing_item="article.hp-stream__item",
    listing_item_date=".hp-stream__time",
    listing_date_format="%H:%M %d/%m/%Y",
    monthly_sitemap=r"/sitemaps/(?P<yyyy>\d{4})-(?P<mm>\d{2})\.xml\.gz",
    selectors=Selectors(
        title="h1.hp-article__title",
        lead=".hp-article__sapo",
        body=".hp-article__body",
        dateline=".hp-article__time",
        byline=".hp-article__author",
        breadcrumb=".hp-crumbs a",
        tags=".hp-article__keywords a.hp-keyword",
        # The byline sits inside the body container, after the last paragraph; the inline
        # "Đọc thêm" box and the ad slot sit between paragraphs.
        drop=(".hp-article__author", ".hp-inline-related", ".hp-slot"),
    ),
    lead_prefix=r"\(HP\)\s*[-–]\s*",
    download_delay=1.0,
    concurrent_requests=4,
    unverified=(
        "the domain baohaiphong.vn and the former domain baohaiduong.vn are public knowledge"
        " (both papers' long-standing sites); neither was checked live, there is no internet here",
        "that Báo Hải Dương was merged into Báo Hải Phòng on 1 July 2025 and that baohaiduong.vn"
        " now redirects to baohaiphong.vn follows the published merger of the two provinces"
        " (Hải Dương into Hải Phòng city); the redirect itself was not observed",
        "the URL scheme (/<section>/<slug>-<id>.html, /<section>?page=N), the feed /rss/home.rss,"
        " the monthly sitemap index and the listing date format were assigned for the sample"
        " site, not read off the real pages",
        "the CSS selectors describe the sample site's markup; the real site's markup may differ",
        'the "(HP) - " sapo prefix is assumed, not seen on the live site',
    ),
)
