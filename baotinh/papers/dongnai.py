"""The press organ of the Đồng Nai provincial Party committee (Báo Đồng Nai's successor).

On 1 July 2025 Bình Phước was merged into Đồng Nai, and its paper (Báo Bình Phước, run since 2019
by the joint Bình Phước paper-and-broadcaster, baobinhphuoc.com.vn) into the Đồng Nai organ, which
publishes at baodongnai.com.vn. The organ's post-merger name is assumed from the national rule.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

PROFILE = SiteProfile(
    key="dongnai",
    name="Báo và Phát thanh, Truyền hình Đồng Nai",
    domain="baodongnai.com.vn",
    former_domains=("baobinhphuoc.com.vn",),
    provinces_before=("Đồng Nai", "Bình Phước"),
    province_after="Đồng Nai",
    generic=True,
    article_path=r"/(?:[a-z0-9-]+/)+\d{6}/[a-z0-9-]+-[0-9a-f]{7}/?",
    selectors=Selectors(body="div#content.content-detail"),
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/baodongnai.py@75f233f",
            "a news crawler's site config (January 2026) crawls https://baodongnai.com.vn",
        ),
        Evidence(
            "domain",
            "docs:https://baomoi.com/anh-hinh-anh-bao-dang-dia-phuong-cua-23-tinh-thanh-pho-moi-sau-sap-nhap-c52644088.epi",
            "July 2025: republished from baodongnai.com.vn/tin-moi/202507/<slug>-83102d4/",
        ),
        Evidence(
            "name",
            "unverified",
            "assumed from the rule of 27 June 2025 naming merged local organs 'Báo và Phát"
            " thanh, Truyền hình <place>' (docs:https://tracuuquyhoach.com/tin-tuc/thong-nhat-"
            "mo-hinh-va-ten-goi-bao-chi-dia-phuong-52667793); no Đồng Nai page naming it found",
        ),
        Evidence(
            "former_domains",
            "github:hailoc12/docbao/resources/configs/newspaper/bao_dien_tu_binh_phuoc_dien_tu_full_content.yaml@41b0b0b",
            "'Báo điện tử Bình Phước' at http://www.baobinhphuoc.com.vn (config of 2019-2020)",
        ),
        Evidence(
            "former_domains",
            "github:luungoc2005/nlp-test/data/crawl_news.py@cc61b28",
            "an older crawl list names http://www.baobinhphuoc.com.vn/",
        ),
        Evidence("feeds", "unverified", "no public source shows a feed path; none set"),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            f"{_CRAWLER}/config/sites/baodongnai.py@75f233f",
            "articles are /<section>/<yyyymm>/<slug>-<7 hex>/"
            " (regex /\\d{6}/[a-z0-9-]+-[a-f0-9]{7}/?$), as the July 2025 link above",
        ),
        Evidence(
            "selectors.body",
            f"{_CRAWLER}/crawler/site_configs/baodongnai.com.vn.yml@75f233f",
            "main container 'div#content.content-detail' (text in .td-post-content)",
        ),
    ),
)
