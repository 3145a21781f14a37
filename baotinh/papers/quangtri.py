"""Báo và Phát thanh, Truyền hình Quảng Trị, the paper of the new Quảng Trị province.

On 1 July 2025 Quảng Bình was merged into Quảng Trị; the two provinces' paper-and-station
agencies (each merged in spring 2025) became one. baoquangbinh.vn ends there; the site stays
baoquangtri.vn, with /<section>/<yyyymm>/<slug>-<hex id>/ articles and a Quảng Bình section.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/baoquangtri.py@2573360"
_SCRAPER_MARKUP = (
    "github:tammuoichanhoa/crawl_lastest_news/crawler/site_configs/baoquangtri.vn.yml@2573360"
)

PROFILE = SiteProfile(
    key="quangtri",
    name="Báo và Phát thanh, Truyền hình Quảng Trị",
    domain="baoquangtri.vn",
    former_domains=("baoquangbinh.vn",),
    provinces_before=("Quảng Bình", "Quảng Trị"),
    province_after="Quảng Trị",
    generic=True,
    article_path=r"/[a-z0-9-]+(?:/[a-z0-9-]+)?/\d{6}/[a-z0-9-]+-[0-9a-f]+/?",
    selectors=Selectors(body="div#content"),
    evidence=(
        Evidence(
            "domain",
            _SCRAPER,
            "a news crawler (Jan 2026) crawls https://baoquangtri.vn, 'Báo và phát thanh, truyền"
            " hình Quảng Trị', with sections /dat-va-nguoi-quang-binh/ and"
            " /dat-va-nguoi-quang-tri/",
        ),
        Evidence(
            "domain",
            "docs:https://baoquangtri.vn/kinh-te",
            "stored section page of baoquangtri.vn (January 2026) on the merged province",
        ),
        Evidence(
            "former_domains",
            "docs:https://baoquangbinh.vn/dai-tuong-vo-nguyen-giap/",
            "stored page of Báo Quảng Bình (QBĐT) on baoquangbinh.vn",
        ),
        Evidence(
            "name",
            "docs:https://nhiepanhdoisong.vn/dong-chi-vo-nguyen-thuy-giu-chuc-vu-tong-bien-tap-bao-va-"
            "phat-thanh-truyen-hinh-quang-tri-16182.html",
            "editor-in-chief of Báo và Phát thanh – Truyền hình Quảng Trị (mới) after the merger"
            " of Quảng Bình and Quảng Trị",
        ),
        Evidence(
            "feeds",
            "unverified",
            "no public feed path on baoquangtri.vn found; left to self-discovery",
        ),
        Evidence("sitemaps", "unverified", "no public sitemap path found; left to self-discovery"),
        Evidence(
            "article_path",
            _SCRAPER,
            "allowed_article_path_regexes"
            " ^/[a-z0-9-]+(?:/[a-z0-9-]+)?/\\d{6}/[a-z0-9-]+-[0-9a-f]+/?$;"
            " public links (unattributed) show /khoa-hoc-cong-nghe/202508/...-9344c18/",
        ),
        Evidence("selectors.body", _SCRAPER_MARKUP, "main_container_selectors: div#content"),
    ),
)
