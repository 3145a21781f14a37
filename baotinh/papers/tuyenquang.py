"""Báo và Phát thanh, Truyền hình Tuyên Quang, the paper of the new Tuyên Quang province.

On 1 July 2025 Hà Giang was merged into Tuyên Quang, and Báo Hà Giang (baohagiang.vn, itself
merged with the Hà Giang radio-TV station in 2025) joined Tuyên Quang's paper and station in one
agency. The site stays baotuyenquang.com.vn: /<section>/<yyyymm>/<slug>-<id>/.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/baotuyenquang.py@2573360"
_SCRAPER_MARKUP = (
    "github:tammuoichanhoa/crawl_lastest_news/crawler/site_configs/baotuyenquang.com.vn.yml@2573360"
)
_HA_GIANG_HISTORY = (
    "docs:https://baotuyenquang.com.vn/multimedia/202506/bao-ha-giang-xay-dung-va-truong-thanh-"
    "75f1237"
)

PROFILE = SiteProfile(
    key="tuyenquang",
    name="Báo và Phát thanh, Truyền hình Tuyên Quang",
    domain="baotuyenquang.com.vn",
    former_domains=("baohagiang.vn",),
    provinces_before=("Hà Giang", "Tuyên Quang"),
    province_after="Tuyên Quang",
    generic=True,
    article_path=r"/[a-z0-9-]+(?:/[a-z0-9-]+)*/\d{6}/[a-z0-9-]+/?",
    selectors=Selectors(body="div.article_content #content"),
    evidence=(
        Evidence(
            "domain", _SCRAPER, "a news crawler (Jan 2026) crawls https://baotuyenquang.com.vn"
        ),
        Evidence("domain", _HA_GIANG_HISTORY, "stored article on baotuyenquang.com.vn, 6/2025"),
        Evidence(
            "former_domains",
            "docs:https://baohagiang.vn/xa-hoi/202112/trien-khai-hoat-dong-van-tai-khach-phuc-vu-"
            "nhu-cau-di-lai-cua-nhan-dan-trong-dip-le-tet-785426",
            "stored article page of Báo Hà Giang (BHG) on baohagiang.vn",
        ),
        Evidence(
            "name",
            "docs:https://thongtin.vietnam.vn/fr/loi-tri-an-gui-toi-quy-doc-gia-khan-gia-thinh-gia-"
            "cua-bao-ha-giang",
            "Báo Hà Giang's farewell (in translation): Hà Giang's paper and station and Tuyên"
            " Quang's paper and station merged into 'journal et radio et télévision de Tuyen"
            " Quang', i.e. Báo và Phát thanh, Truyền hình Tuyên Quang; the Vietnamese original"
            " was not seen",
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
            "allowed_article_path_regexes /(?:[^/]+/)+\\d{6}/[^/]+/?$; the stored page"
            " /multimedia/202506/bao-ha-giang-...-75f1237 agrees; sections have no yyyymm segment",
        ),
        Evidence(
            "selectors.body",
            _SCRAPER_MARKUP,
            "main_container_selectors: div.article_content div.content#content",
        ),
    ),
)
