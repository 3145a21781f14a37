"""Báo và Phát thanh, Truyền hình Thái Nguyên, the paper of the new Thái Nguyên province.

On 1 July 2025 Bắc Kạn was merged into Thái Nguyên; the papers, radio-TV stations and literary
magazines of both provinces became one agency. Báo Bắc Kạn's sites (baobackan.vn, and
baobackan.com.vn before it) end there; the site stays baothainguyen.vn.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/baothainguyen.py@2573360"
_SCRAPER_MARKUP = (
    "github:tammuoichanhoa/crawl_lastest_news/crawler/site_configs/baothainguyen.vn.yml@2573360"
)

PROFILE = SiteProfile(
    key="thainguyen",
    name="Báo và Phát thanh, Truyền hình Thái Nguyên",
    domain="baothainguyen.vn",
    former_domains=("baobackan.vn", "baobackan.com.vn"),
    provinces_before=("Bắc Kạn", "Thái Nguyên"),
    province_after="Thái Nguyên",
    generic=True,
    article_path=r"/[a-z0-9-]+(?:/[a-z0-9-]+)*/\d{6}/[a-z0-9-]+/?",
    selectors=Selectors(body="div.content-detail"),
    evidence=(
        Evidence("domain", _SCRAPER, "a news crawler (Jan 2026) crawls https://baothainguyen.vn"),
        Evidence(
            "former_domains",
            "docs:https://baobackan.vn/bao-bac-kan-hanh-trinh-60-nam-truyen-cam-hung-post57990.html",
            "stored article page of Báo Bắc Kạn (BBK) on baobackan.vn",
        ),
        Evidence(
            "former_domains",
            "docs:https://baobackan.com.vn/bao-chi-quang-ninh-long-trong-ky-niem-95-nam-ngay-truyen-"
            "thong-post59989.html",
            "stored article page of Báo Bắc Kạn on baobackan.com.vn (same CMS and id sequence)",
        ),
        Evidence(
            "name",
            "docs:https://thongtin.vietnam.vn/es/hop-nhat-6-co-quan-bao-chi-de-thanh-lap-bao-va-phat-"
            "thanh-truyen-hinh-thai-nguyen",
            "six agencies of Bắc Kạn and Thái Nguyên merged into Báo và Phát thanh, Truyền hình"
            " Thái Nguyên (source named there: nhandan.vn ...-post891310.html)",
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
            "allowed_article_path_regexes /\\d{6}/[^/]+/?$ (/<section>/<yyyymm>/<slug>-<id>/);"
            " a stored 2010 page /xa-hoi/201009/bao-tuyen-quang-...-3679055 has the same shape",
        ),
        Evidence("selectors.body", _SCRAPER_MARKUP, "main_container_selectors: div.content-detail"),
    ),
)
