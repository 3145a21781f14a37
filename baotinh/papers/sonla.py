"""Báo và Phát thanh, Truyền hình Sơn La, the Sơn La provincial Party committee's paper.

Sơn La was not merged with another province on 1 July 2025; from that day Báo Sơn La and the
provincial radio-TV station work as Báo và Phát thanh, truyền hình Sơn La. The site moved from
baosonla.org.vn to baosonla.vn (articles at /<section>/<slug>-<id>.html).
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/baosonla.py@2573360"
_SCRAPER_MARKUP = (
    "github:tammuoichanhoa/crawl_lastest_news/crawler/site_configs/baosonla.vn.yml@2573360"
)
_MERGER_PAGE = (
    "docs:https://demo.baosonla.org.vn/thoi-su-chinh-tri/dang-uy-bao-va-phat-thanh-truyen-hinh-"
    "son-la-cong-bo-cac-quyet-dinh-ve-to-chuc-va-can-bo-zXxvwGsNg.html"
)

PROFILE = SiteProfile(
    key="sonla",
    name="Báo và Phát thanh, Truyền hình Sơn La",
    domain="baosonla.vn",
    former_domains=("baosonla.org.vn",),
    provinces_before=("Sơn La",),
    province_after="Sơn La",
    generic=True,
    article_path=r"/[a-z0-9-]+/[a-z0-9-]+-[A-Za-z0-9]+\.html",
    selectors=Selectors(
        body="div#editor-detail", drop=(".audio-article", ".select-accent-wrap", ".text-end")
    ),
    evidence=(
        Evidence(
            "domain",
            _SCRAPER,
            "a news crawler (Jan 2026) crawls https://baosonla.vn; older pages and 2025 RSS lists"
            " use baosonla.org.vn, so the newer .vn is taken as current and .org.vn as former",
        ),
        Evidence(
            "former_domains",
            "docs:http://baosonla.org.vn/Uploads/thongtintoasoanbsl.html",
            "stored 'about the paper' page of Báo Sơn La on baosonla.org.vn",
        ),
        Evidence(
            "name",
            _MERGER_PAGE,
            "'Báo và Phát thanh, truyền hình Sơn La chính thức đi vào hoạt động"
            " ... từ ngày 1/7/2025'",
        ),
        Evidence("feeds", "unverified", "no public feed path on baosonla.vn found"),
        Evidence("sitemaps", "unverified", "no public sitemap path found; left to self-discovery"),
        Evidence(
            "article_path",
            _SCRAPER,
            "articles /<category>/<slug>-<id>.html, category pages one segment /<slug>.html;"
            " a July 2025 article on the new site ends in -zXxvwGsNg.html (id not only digits)",
        ),
        Evidence("selectors.body", _SCRAPER_MARKUP, "main_container_selectors: div#editor-detail"),
        Evidence(
            "selectors.drop",
            _SCRAPER_MARKUP,
            "excluded_section_selectors: .audio-article, .select-accent-wrap, .text-end",
        ),
    ),
)
