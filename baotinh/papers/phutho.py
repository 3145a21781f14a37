"""Báo và Phát thanh, Truyền hình Phú Thọ, the paper of the new Phú Thọ province.

On 1 July 2025 Vĩnh Phúc and Hòa Bình were merged into Phú Thọ; Báo Vĩnh Phúc and Báo Hòa Bình
joined Phú Thọ's paper and station in one agency, which still prints Báo Phú Thọ. The site stays
baophutho.vn (articles /<slug>-<id>.htm); baovinhphuc.com.vn and baohoabinh.com.vn end there.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/baophutho.py@2573360"
_SCRAPER_MARKUP = (
    "github:tammuoichanhoa/crawl_lastest_news/crawler/site_configs/baophutho.vn.yml@2573360"
)
_EIGHT_PAGES = (
    "docs:https://baophutho.vn/bao-phu-tho-hang-ngay-tang-len-8-trang-tu-thang-11-2025-242098.htm"
)

PROFILE = SiteProfile(
    key="phutho",
    name="Báo và Phát thanh, Truyền hình Phú Thọ",
    domain="baophutho.vn",
    former_domains=("baovinhphuc.com.vn", "baohoabinh.com.vn"),
    provinces_before=("Hòa Bình", "Phú Thọ", "Vĩnh Phúc"),
    province_after="Phú Thọ",
    generic=True,
    article_path=r"/[a-z0-9-]+-\d+\.htm",
    selectors=Selectors(body="#dcontent", drop=("h1.pTitle", "p.pHead")),
    evidence=(
        Evidence("domain", _SCRAPER, "a news crawler (Feb 2026) crawls https://baophutho.vn"),
        Evidence("domain", _EIGHT_PAGES, "stored article page on baophutho.vn, 3/11/2025"),
        Evidence(
            "former_domains",
            "docs:http://baohoabinh.com.vn/11/188296/Bao-Dien-Bien-Phu-ky-niem-60-nam-ngay-ra-so-dau.htm",
            "stored article page of Báo Hòa Bình on baohoabinh.com.vn (2024)",
        ),
        Evidence(
            "former_domains",
            "unverified",
            "baovinhphuc.com.vn (Báo Vĩnh Phúc) appears in a public news-domain list whose"
            " repository the index does not name; also general knowledge of the paper",
        ),
        Evidence(
            "name",
            _EIGHT_PAGES,
            "signed 'Ban Biên tập Báo và phát thanh, truyền hình Phú Thọ' (Nov 2025)",
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
            "allowed_article_path_regexes /[^/]+-\\d+\\.htm$; the stored page ...-242098.htm"
            " agrees; /print/... copies are left out",
        ),
        Evidence("selectors.body", _SCRAPER_MARKUP, "main_container_selectors: #dcontent"),
        Evidence(
            "selectors.drop",
            _SCRAPER_MARKUP,
            "excluded_section_selectors: h1.pTitle, p.pHead (title and sapo inside the body)",
        ),
    ),
)
