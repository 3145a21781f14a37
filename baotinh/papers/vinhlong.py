"""Báo và Phát thanh, Truyền hình Vĩnh Long, the provincial Party committee's press organ.

On 1 July 2025 Bến Tre and Trà Vinh were merged into Vĩnh Long, and their papers into the Vĩnh
Long organ, which publishes "Vĩnh Long Online" at baovinhlong.com.vn. Báo Đồng Khởi (Bến Tre,
baodongkhoi.vn) and Báo Trà Vinh (baotravinh.vn) live on as dongkhoi.baovinhlong.vn and
travinh.baovinhlong.vn, on the /<slug>-a<id>.html platform, while the main site uses
/<section>/<yyyymm>/<slug>-<7 hex>/.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

PROFILE = SiteProfile(
    key="vinhlong",
    name="Báo và Phát thanh, Truyền hình Vĩnh Long",
    domain="baovinhlong.com.vn",
    former_domains=(
        "dongkhoi.baovinhlong.vn",
        "baodongkhoi.vn",
        "travinh.baovinhlong.vn",
        "baotravinh.vn",
    ),
    provinces_before=("Vĩnh Long", "Bến Tre", "Trà Vinh"),
    province_after="Vĩnh Long",
    generic=True,
    # The main site's shape, then the one of the two archives on subdomains.
    article_path=(
        r"/(?:[a-z0-9-]+/)+\d{6}/[a-z0-9-]+-[0-9a-f]{7}/?"
        r"|/(?:[a-z0-9-]+/)*[a-z0-9-]+-a\d+\.html"
    ),
    # The main site's container, or the archives' (a page has one of the two).
    selectors=Selectors(body="#content .td-post-content, div#newscontents"),
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/baovinhlong.py@2573360",
            "a news crawler's site config (February 2026) crawls https://baovinhlong.com.vn",
        ),
        Evidence(
            "domain",
            "github:hailoc12/docbao/resources/configs/newspaper/vinh_long_full_content.yaml@41b0b0b",
            "'Báo Vĩnh Long' at http://www.baovinhlong.com.vn (config of 2019-2020)",
        ),
        Evidence(
            "name",
            "docs:https://www.vietnam.vn/pho-bi-thu-thuong-truc-tinh-uy-ho-thi-hoang-yen-lam-viec-voi-bao-va-phat-thanh-truyen-hinh-vinh-long",
            "25 November 2025: 'Báo và phát thanh, truyền hình Vĩnh Long' after the merger,"
            " publishing the e-paper Vĩnh Long Online",
        ),
        Evidence(
            "former_domains",
            f"{_CRAWLER}/config/sites/baodongkhoi.py@75f233f",
            "baodongkhoi.vn renders with a base href on dongkhoi.baovinhlong.vn, so article"
            " links are collected there (/<slug>-a<id>.html)",
        ),
        Evidence(
            "former_domains",
            "github:hailoc12/docbao/resources/configs/newspaper/bao_dong_khoi_full_content.yaml@41b0b0b",
            "'Đồng Khởi Online' at http://baodongkhoi.vn (config of 2019-2020)",
        ),
        Evidence(
            "former_domains",
            f"{_CRAWLER}/config/sites/travinh_baovinhlong.py@2573360",
            "https://travinh.baovinhlong.vn crawled in February 2026 (/<slug>-a<id>.html)",
        ),
        Evidence(
            "former_domains",
            "docs:https://www.baotravinh.vn/xa-hoi/bao-tra-vinh-nhung-ngay-moi-tai-lap-tinh-29632.html",
            "a Báo Trà Vinh article of June 2023 on www.baotravinh.vn",
        ),
        Evidence("feeds", "unverified", "no public source shows a feed path; none set"),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            f"{_CRAWLER}/config/sites/baovinhlong.py@2573360",
            "main site: /{category}/{yyyymm}/{slug}-{id}/ (a public link:"
            " /xa-hoi/du-lich/202502/<slug>-1ca37b2/); subdomains: -a<id>.html"
            " (config/sites/dongkhoi_baovinhlong.py@75f233f)",
        ),
        Evidence(
            "selectors.body",
            f"{_CRAWLER}/crawler/site_configs/baovinhlong.com.vn.yml@2573360",
            "main site container '#content .td-post-content'",
        ),
        Evidence(
            "selectors.body",
            f"{_CRAWLER}/crawler/site_configs/travinh.baovinhlong.vn.yml@2573360",
            "subdomain container '#newscontents' (same in dongkhoi.baovinhlong.vn.yml@75f233f)",
        ),
    ),
)
