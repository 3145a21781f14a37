"""Báo và Phát thanh, Truyền hình Thanh Hóa, the Thanh Hóa provincial Party committee's paper.

Thanh Hóa was not merged with another province on 1 July 2025. On 1 June 2025 Báo Thanh Hóa and
the provincial radio-TV station became Báo và Đài Phát thanh - Truyền hình Thanh Hóa, renamed
Báo và Phát thanh, truyền hình Thanh Hóa on 8 December 2025; the site stays baothanhhoa.vn.
"""

from baotinh.papers.profile import Evidence, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/baothanhhoa.py@2573360"
_RENAME_PAGE = (
    "docs:https://baothanhhoa.vn/xay-dung-co-quan-bao-va-phat-thanh-truyen-hinh-thanh-hoa-hien-"
    "dai-da-phuong-tien-da-loai-hinh-chuyen-nghiep-hieu-qua-273697.htm"
)

PROFILE = SiteProfile(
    key="thanhhoa",
    name="Báo và Phát thanh, Truyền hình Thanh Hóa",
    domain="baothanhhoa.vn",
    former_domains=(),
    provinces_before=("Thanh Hóa",),
    province_after="Thanh Hóa",
    generic=True,
    # Articles since the redesign end in -<id>.htm; older ones were /<section>/<slug>/<id>.htm.
    article_path=r"/[a-z0-9-]+-\d+\.htm|/[a-z0-9-]+/[a-z0-9-]+/\d+\.htm",
    evidence=(
        Evidence("domain", _SCRAPER, "a news crawler (Jan 2026) crawls https://baothanhhoa.vn"),
        Evidence("domain", _RENAME_PAGE, "stored article page on baothanhhoa.vn, 31/12/2025"),
        Evidence("former_domains", "unverified", "no other domain of the paper found"),
        Evidence(
            "name",
            _RENAME_PAGE,
            "Quyết định 108/QĐ-TU of 8/12/2025 renames Báo và Đài Phát thanh - Truyền hình Thanh"
            " Hóa (formed 1/6/2025) to Báo và Phát thanh, truyền hình Thanh Hóa; the later name"
            " is kept over the June 2025 one",
        ),
        Evidence(
            "feeds",
            "unverified",
            "/rss/home.rss and /rss/kinh-te.rss appear only in pattern-made public RSS lists whose"
            " repositories the index does not name; left to self-discovery",
        ),
        Evidence("sitemaps", "unverified", "no public sitemap path found; left to self-discovery"),
        Evidence(
            "article_path",
            _SCRAPER,
            "allowed_article_path_regexes -\\d+\\.htm$ (e.g. /...-275402.htm, Jan 2026); the older"
            " /60-nam-bao-thanh-hoa/mai-mai-an-tinh/155163.htm (2022, stored page) is kept too",
        ),
        Evidence(
            "selectors.body",
            "unverified",
            "no body container shown publicly (the scraper names only the sapo div.article__sapo)",
        ),
    ),
)
