"""Báo Quảng Ninh, published by the Trung tâm Truyền thông tỉnh Quảng Ninh (baoquangninh.vn).

Quảng Ninh was not merged with another province on 1 July 2025. Its paper, radio-TV station and
portals were already one media centre from 2019, which keeps the Báo Quảng Ninh title for its
papers and site. Articles sit at the site root as /<slug>-<id>.html.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/baoquangninh.py@2573360"
_SCRAPER_MARKUP = (
    "github:tammuoichanhoa/crawl_lastest_news/crawler/site_configs/baoquangninh.vn.yml@2573360"
)

PROFILE = SiteProfile(
    key="quangninh",
    name="Báo Quảng Ninh",
    domain="baoquangninh.vn",
    former_domains=("baoquangninh.com.vn",),
    provinces_before=("Quảng Ninh",),
    province_after="Quảng Ninh",
    generic=True,
    article_path=r"/[a-z0-9-]+-\d+\.html",
    selectors=Selectors(body="#content-detail"),
    evidence=(
        Evidence("domain", _SCRAPER, "a news crawler (Jan 2026) crawls https://baoquangninh.vn"),
        Evidence(
            "domain",
            "docs:https://baoquangninh.vn/toi-uu-hoa-to-chuc-bo-may-tu-mo-hinh-trung-tam-truyen-"
            "thong-tinh-quang-ninh-3332065.html",
            "stored article page on baoquangninh.vn",
        ),
        Evidence(
            "former_domains",
            "unverified",
            "baoquangninh.com.vn is the paper's older domain from general knowledge; no public"
            " repository or stored page showing it was found",
        ),
        Evidence(
            "name",
            "docs:https://vietnam.vn/quangninh/tu-hao-60-nam-bao-quang-ninh-ra-so-dau",
            "since 2019 'Báo Quảng Ninh' names the papers and site of the Trung tâm Truyền thông"
            " tỉnh Quảng Ninh (QMG); no 2025 renaming found",
        ),
        Evidence(
            "feeds",
            "unverified",
            "public lists disagree (/rss, /rss/home.rss, /rss/kinh-te.rss, /rss/news/<slug>.rss)"
            " and the index does not name their repositories; left to self-discovery",
        ),
        Evidence("sitemaps", "unverified", "no public sitemap path found; left to self-discovery"),
        Evidence(
            "article_path",
            _SCRAPER,
            "allowed_article_path_regexes -\\d+\\.html$; stored pages agree, e.g."
            " /trung-tam-truyen-thong-tinh-quang-ninh-se-...-3279470.html at the root",
        ),
        Evidence("selectors.body", _SCRAPER_MARKUP, "main_container_selectors: #content-detail"),
    ),
)
