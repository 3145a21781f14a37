"""Báo và Phát thanh, Truyền hình Nghệ An, the Nghệ An provincial Party committee's paper.

Nghệ An was not merged with another province on 1 July 2025. On that day Báo Nghệ An and the
provincial radio-TV station became one agency (first announced as Báo và Đài Phát thanh - Truyền
hình Nghệ An); the site stays baonghean.vn, articles at /<slug>-<id>.html.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/baonghean.py@2573360"
_SCRAPER_MARKUP = (
    "github:tammuoichanhoa/crawl_lastest_news/crawler/site_configs/baonghean.vn.yml@2573360"
)

PROFILE = SiteProfile(
    key="nghean",
    name="Báo và Phát thanh, Truyền hình Nghệ An",
    domain="baonghean.vn",
    former_domains=(),
    provinces_before=("Nghệ An",),
    province_after="Nghệ An",
    generic=True,
    article_path=r"/[a-z0-9-]+-(?:post|event)?\d+\.html",
    selectors=Selectors(
        body="article.entry",
        drop=(".sc-related-articles", ".sc-longform-header", ".sc-empty-layer"),
    ),
    evidence=(
        Evidence("domain", _SCRAPER, "a news crawler (Jan 2026) crawls https://baonghean.vn"),
        Evidence(
            "domain",
            "docs:https://baonghean.vn/bao-va-dai-phat-thanh-truyen-hinh-nghe-an-san-sang-di-vao-"
            "hoat-dong-tu-ngay-1-7-10300866.html",
            "stored article page on baonghean.vn, June 2025",
        ),
        Evidence("former_domains", "unverified", "no other domain of the paper found"),
        Evidence(
            "name",
            "docs:https://nghean.dcs.vn/gioi-thieu-0-0-54908",
            "the provincial Party portal names 'Báo và phát thanh, truyền hình Nghệ An' (a Tết"
            " visit after the merger); June 2025 pages say 'Báo và Đài Phát thanh - Truyền hình"
            " Nghệ An' (docs:https://baonghean.vn/dong-chi-tran-minh-ngoc-giu-chuc-tong-bien-tap-"
            "bao-va-dai-phat-thanh-truyen-hinh-nghe-an-10301070.html): the later form is kept",
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
            "allowed_article_path_regexes -\\d+\\.html$ and -event\\d+\\.html$; stored pages also"
            " show the older -post246336.html form",
        ),
        Evidence("selectors.body", _SCRAPER_MARKUP, "main_container_selectors: article.entry"),
        Evidence(
            "selectors.drop",
            _SCRAPER_MARKUP,
            "excluded_section_selectors: .sc-related-articles, .sc-longform-header,"
            " .sc-empty-layer",
        ),
    ),
)
