"""Báo và Phát thanh, Truyền hình Hưng Yên, the paper of the new Hưng Yên province.

On 1 July 2025 Thái Bình was merged into Hưng Yên; Báo Thái Bình (baothaibinh.com.vn, merged
with its radio-TV station in March 2025) and Báo Hưng Yên became one agency. The site stays
baohungyen.vn, now with root-level /<slug>-<id>.html articles (older: /<section>/<yyyymm>/...).
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/baohungyen.py@2573360"
_SCRAPER_MARKUP = (
    "github:tammuoichanhoa/crawl_lastest_news/crawler/site_configs/baohungyen.vn.yml@2573360"
)

PROFILE = SiteProfile(
    key="hungyen",
    name="Báo và Phát thanh, Truyền hình Hưng Yên",
    domain="baohungyen.vn",
    former_domains=("baothaibinh.com.vn",),
    provinces_before=("Hưng Yên", "Thái Bình"),
    province_after="Hưng Yên",
    generic=True,
    article_path=r"/[a-z0-9-]+-\d+\.html|/[A-Za-z0-9-]+/\d{6}/[a-z0-9-]+/?",
    selectors=Selectors(
        body="#content-detail", drop=("div.pseudonym", "div.relates", "div.topics", "div.social")
    ),
    evidence=(
        Evidence("domain", _SCRAPER, "a news crawler (Jan 2026) crawls https://baohungyen.vn"),
        Evidence(
            "domain",
            "docs:http://baohungyen.vn/chinh-tri/201704/bao-phu-tho-ky-niem-55-nam-ra-so-dau-tien-"
            "734792/",
            "stored article page on baohungyen.vn (2017, the older URL shape)",
        ),
        Evidence(
            "former_domains",
            "unverified",
            "baothaibinh.com.vn (Báo Thái Bình) appears in public RSS lists whose repositories"
            " the index does not name; also general knowledge of the paper",
        ),
        Evidence(
            "name",
            "docs:https://congluan.vn/bao-va-phat-thanh-truyen-hinh-hung-yen-de-xuat-cac-giai-phap-"
            "nham-nang-cao-chat-luong-hoat-dong-bao-chi-10299084.html",
            "Báo và Phát thanh, Truyền hình Hưng Yên after the merger, 15/7/2025; its editor is"
            " the former editor of Báo Thái Bình",
        ),
        Evidence(
            "feeds",
            "unverified",
            "/rss/home.rss appears only in pattern-made public RSS lists whose repositories the"
            " index does not name; left to self-discovery",
        ),
        Evidence("sitemaps", "unverified", "no public sitemap path found; left to self-discovery"),
        Evidence(
            "article_path",
            _SCRAPER,
            "allowed_article_path_regexes -\\d+\\.html$ (e.g. /...-3171182.html at the root);"
            " stored 2017-21 pages show /<section>/<yyyymm>/<slug>-<id>/, kept for history",
        ),
        Evidence(
            "selectors.body",
            _SCRAPER_MARKUP,
            "main_container_selectors: #content-detail (inside div.content-article)",
        ),
        Evidence(
            "selectors.drop",
            _SCRAPER_MARKUP,
            "excluded_section_selectors include div.pseudonym, div.relates, div.topics, div.social",
        ),
    ),
)
