"""Báo Bắc Giang (BGĐT), the paper of Bắc Giang province until the 2025 merger.

On 1 July 2025 Bắc Giang and Bắc Ninh were merged into one province named Bắc Ninh, and their
papers and broadcasters into one press organ of Bắc Ninh. The old Bắc Giang archive keeps its URL
scheme /bg/<section>/<id>/<slug>.html.
"""

from crawlers.sites.base import Selectors, SiteProfile

PROFILE = SiteProfile(
    key="bacgiang",
    name="Báo Bắc Giang",
    domain="baobacgiang.com.vn",
    provinces_before=("Bắc Giang",),
    province_after="Bắc Ninh",
    feeds=("/rss/tin-moi.rss",),
    sitemaps=("/sitemap.xml",),
    sections=(
        "/bg/chinh-tri/",
        "/bg/kinh-te/",
        "/bg/xa-hoi/",
        "/bg/nong-nghiep/",
        "/bg/van-hoa/",
        "/bg/the-thao/",
        "/bg/phap-luat/",
        "/bg/giao-duc/",
        "/bg/y-te/",
    ),
    section_topics=(
        ("chinh-tri", "chinh-tri"),
        ("kinh-te", "kinh-te"),
        ("xa-hoi", "xa-hoi"),
        ("nong-nghiep", "nong-nghiep"),
        ("van-hoa", "van-hoa"),
        ("the-thao", "the-thao"),
        ("phap-luat", "phap-luat"),
        ("giao-duc", "giao-duc"),
        ("y-te", "y-te"),
    ),
    article_path=r"/bg/[a-z0-9-]+/\d+/[a-z0-9-]+\.html",
    listing_page_path=r"/bg/[a-z0-9-]+/(trang-\d+\.html)?",
    listing_item=".list-news .news-item",
    listing_item_date=".news-date",
    listing_date_format="%d/%m/%Y",
    selectors=Selectors(
        title="h1",
        lead=".sapo",
        body=".article-body",
        dateline=".article-date",
        byline=".article-author",
        breadcrumb=".breadcrumb a",
        tags=".article-tags a",
        drop=(".share-bar", ".related-inline"),
    ),
    lead_prefix=r"\(BGĐT\)\s*[-–]\s*",
    download_delay=1.0,
    concurrent_requests=4,
    unverified=(
        "domain baobacgiang.com.vn and the /bg/<section>/<id>/<slug>.html scheme are from memory"
        " of the site before 2025, not checked live (no internet here)",
        "the successor press organ of Bắc Ninh province and its domain after the merger; until"
        " it is checked, the old domain stays current and former_domains is empty",
        "the feed and sitemap paths; they are modelled on the sample site",
    ),
)
