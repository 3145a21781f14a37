"""Báo Hà Tĩnh, the paper of the Hà Tĩnh provincial Party committee (baohatinh.vn).

Hà Tĩnh was not merged with another province on 1 July 2025. From 1 April 2025 the paper and the
provincial radio-TV station are one agency that kept the name Báo Hà Tĩnh. Articles now sit at
the root as /<slug>-post<id>.html; older ones were /<section>/<slug>/<id>.htm.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/baohatinh.py@2573360"
_SCRAPER_MARKUP = (
    "github:tammuoichanhoa/crawl_lastest_news/crawler/site_configs/baohatinh.vn.yml@2573360"
)
_SAVED_HOME = "github:hakienpdu95/miaduong/resources/views/pages/draff.blade.php@2e05391"

PROFILE = SiteProfile(
    key="hatinh",
    name="Báo Hà Tĩnh",
    domain="baohatinh.vn",
    former_domains=(),
    provinces_before=("Hà Tĩnh",),
    province_after="Hà Tĩnh",
    generic=True,
    article_path=r"/[a-z0-9-]+-post\d+\.html|/[a-z0-9-]+/[a-z0-9-]+/\d+\.htm",
    selectors=Selectors(body="div.article__body", drop=(".ads_middle", ".related-news")),
    evidence=(
        Evidence("domain", _SCRAPER, "a news crawler (Jan 2026) crawls https://baohatinh.vn"),
        Evidence(
            "domain",
            _SAVED_HOME,
            "saved block of the baohatinh.vn home page (articles dated 30/08/2025)",
        ),
        Evidence("former_domains", "unverified", "no other domain of the paper found"),
        Evidence(
            "name",
            "docs:https://baomoi.net.vn/tag/Quy%E1%BA%BFt-%C4%91%E1%BB%8Bnh-s%E1%BB%91-"
            "1195_Q%C4%90%2FTU.epi",
            "Báo Hà Tĩnh and Đài PT&TH Hà Tĩnh merged (QĐ 1195-QĐ/TU, 26/3/2025) under the name"
            " Báo Hà Tĩnh",
        ),
        Evidence(
            "feeds",
            "unverified",
            "/rss/home.rss appears only in a pattern-made public RSS list whose repository the"
            " index does not name; left to self-discovery",
        ),
        Evidence("sitemaps", "unverified", "no public sitemap path found; left to self-discovery"),
        Evidence(
            "article_path",
            _SCRAPER,
            "allowed_article_path_regexes -post\\d+\\.html$ (links a.cms-link); the saved home page"
            " shows /...-post294696.html; stored 2019-22 pages show /<section>/<slug>/<id>.htm",
        ),
        Evidence("selectors.body", _SCRAPER_MARKUP, "main_container_selectors: div.article__body"),
        Evidence(
            "selectors.drop",
            _SCRAPER_MARKUP,
            "excluded_section_selectors: .ads_middle, .related-news",
        ),
    ),
)
