"""Báo Đồng Tháp, the paper of the Đồng Tháp provincial Party committee.

On 1 July 2025 Tiền Giang was merged into Đồng Tháp, and its paper Ấp Bắc (baoapbac.vn) into the
Đồng Tháp press organ; the first issue of the new Báo Đồng Tháp came out on 2 July 2025. The
paper publishes at baodongthap.vn, articles at /<slug>-a<id>.html.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

PROFILE = SiteProfile(
    key="dongthap",
    name="Báo Đồng Tháp",
    domain="baodongthap.vn",
    former_domains=("baoapbac.vn",),
    provinces_before=("Đồng Tháp", "Tiền Giang"),
    province_after="Đồng Tháp",
    generic=True,
    article_path=r"/(?:[a-z0-9-]+/)*[a-z0-9-]+-a\d+\.html",
    selectors=Selectors(title="h1.title", body="#contentNews .singular-content"),
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/baodongthap.py@75f233f",
            "a news crawler's site config (January 2026) crawls https://baodongthap.vn",
        ),
        Evidence(
            "domain",
            "github:hailoc12/docbao/resources/configs/newspaper/bao_dong_thap_full_content.yaml@41b0b0b",
            "'Đồng Tháp Online' at http://www.baodongthap.vn (config of 2019-2020)",
        ),
        Evidence(
            "name",
            "docs:https://baomoi.com/anh-hinh-anh-bao-dang-dia-phuong-cua-23-tinh-thanh-pho-moi-sau-sap-nhap-c52644088.epi",
            "July 2025 (after Nhân Dân): the special issue of 'Báo Đồng Tháp (mới)' comes out"
            " on 2 July 2025. The organ's own post-merger name was not found",
        ),
        Evidence(
            "former_domains",
            "github:hailoc12/docbao/resources/configs/newspaper/bao_ap_bac_dien_tu_full_content.yaml@41b0b0b",
            "'Báo Ấp Bắc điện tử' at http://baoapbac.vn (config of 2019-2020)",
        ),
        Evidence("feeds", "unverified", "no public source shows a feed path; none set"),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            f"{_CRAWLER}/config/sites/baodongthap.py@75f233f",
            "article URLs end in .html with a slug ending -a<id>.html (regex -a\\d+\\.html$)",
        ),
        Evidence(
            "selectors.body",
            f"{_CRAWLER}/crawler/site_configs/baodongthap.vn.yml@75f233f",
            "main container '#contentNews .singular-content'",
        ),
        Evidence(
            "selectors.title",
            f"{_CRAWLER}/crawler/site_configs/baodongthap.vn.yml@75f233f",
            "title 'h1.title'",
        ),
    ),
)
