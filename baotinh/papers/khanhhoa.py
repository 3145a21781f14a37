"""Báo Khánh Hòa, the paper of the Khánh Hòa provincial Party committee.

In April 2025 the provincial broadcaster was merged into it under the name Báo Khánh Hòa; on
1 July 2025 Ninh Thuận was merged into Khánh Hòa, and Báo Ninh Thuận (baoninhthuan.com.vn) into
the Khánh Hòa press organ, which publishes at baokhanhhoa.vn. Whether the organ took the longer
name "Báo và Phát thanh, Truyền hình Khánh Hòa" after July was not found.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

PROFILE = SiteProfile(
    key="khanhhoa",
    name="Báo Khánh Hòa",
    domain="baokhanhhoa.vn",
    former_domains=("baoninhthuan.com.vn",),
    provinces_before=("Khánh Hòa", "Ninh Thuận"),
    province_after="Khánh Hòa",
    generic=True,
    # /<section>/<yyyymm>/<slug>-<7 hex>/: a section page has neither the month nor the id.
    article_path=r"/(?:[a-z0-9-]+/)+\d{6}/[a-z0-9-]+-[0-9a-f]{7}/?",
    selectors=Selectors(title="h1.head_title", body=".content-detail"),
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/baokhanhhoa.py@2573360",
            "a news crawler's site config (February 2026) crawls https://baokhanhhoa.vn",
        ),
        Evidence(
            "domain",
            "github:hailoc12/docbao/resources/configs/newspaper/bao_khanh_hoa_full_content.yaml@41b0b0b",
            "'Báo Khánh Hòa' at https://baokhanhhoa.vn (config of 2019-2020)",
        ),
        Evidence(
            "name",
            "docs:https://baomoi.net.vn/bao-khanh-hoa-cot-moc-moi-hanh-trang-moi-de-nang-tam-phat-trien-c52079814.epi",
            "24 April 2025: paper and broadcaster merged 'lấy tên là Báo Khánh Hòa'. The later"
            " general rule of 27 June 2025 ('Báo và Phát thanh, Truyền hình <place>') is not"
            " specific to Khánh Hòa and was not applied everywhere (Quảng Ngãi kept 'Báo Quảng"
            " Ngãi'); no post-July page naming the organ was found, so the unit's own word stays",
        ),
        Evidence(
            "former_domains",
            "github:hailoc12/docbao/resources/configs/newspaper/bao_dien_tu_ninh_thuan_full_content.yaml@41b0b0b",
            "'Báo điện tử Ninh Thuận' at http://www.baoninhthuan.com.vn (config of 2019-2020)",
        ),
        Evidence(
            "former_domains",
            "docs:http://baoninhthuan.com.vn/news/34610p1c24/bao-tay-ninh-66-nam-xay-dung-va-truong-thanh.htm",
            "a Báo Ninh Thuận page on its own domain (old /news/<id>p1c<n>/<slug>.htm scheme)",
        ),
        Evidence("feeds", "unverified", "no public source shows a feed path; none set"),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            f"{_CRAWLER}/config/sites/baokhanhhoa.py@2573360",
            "articles are /{category}/YYYYMM/{slug}-{id}/ with a 7-hex id"
            " (regex ^/[^/]+/\\d{6}/[^/]+-[0-9a-f]{7}/?$)",
        ),
        Evidence(
            "selectors.body",
            f"{_CRAWLER}/crawler/site_configs/baokhanhhoa.vn.yml@2573360",
            "main container '.content-detail'",
        ),
        Evidence(
            "selectors.title",
            f"{_CRAWLER}/crawler/site_configs/baokhanhhoa.vn.yml@2573360",
            "title 'h1.head_title'",
        ),
    ),
)
