"""Báo Nam Định (NĐ), the paper of Nam Định province until the 2025 merger.

On 1 July 2025 Nam Định and Hà Nam were merged into Ninh Bình province, and Báo Nam Định went
into the one press organ of the new Ninh Bình province. The Nam Định archive keeps its own URL
scheme: articles at /channel/<section>/<yyyymm>/<slug>-<id>/, section listings paged with
?page=N, and day archives at /archive/<yyyy>-<mm>-<dd>/.
"""

from crawlers.sites.base import Selectors, SiteProfile

SECTIONS = (
    "thoi-su",
    "xay-dung-dang",
    "kinh-te",
    "nong-thon-moi",
    "xa-hoi",
    "van-hoa",
    "giao-duc",
    "y-te",
    "the-thao",
    "phap-luat",
)

PROFILE = SiteProfile(
    key="namdinh",
    name="Báo Nam Định",
    domain="baonamdinh.vn",
    former_domains=(),
    provinces_before=("Nam Định",),
    province_after="Ninh Bình",
    feeds=("/rss/trang-chu.rss",),
    sitemaps=("/sitemap.xml",),
    sections=tuple(f"/channel/{slug}/" for slug in SECTIONS),
    # Thời sự mixes every topic: its articles are classified from their text alone.
    section_topics=(
        ("thoi-su", None),
        ("xay-dung-dang", "chinh-tri"),
        ("kinh-te", "kinh-te"),
        ("nong-thon-moi", "nong-nghiep"),
        ("xa-hoi", "xa-hoi"),
        ("van-hoa", "van-hoa"),
        ("giao-duc", "giao-duc"),
        ("y-te", "y-te"),
        ("the-thao", "the-thao"),
        ("phap-luat", "phap-luat"),
    ),
    article_path=r"/channel/[a-z0-9-]+/\d{6}/[a-z0-9-]+-\d+/",
    listing_page_path=r"/channel/[a-z0-9-]+/(\?page=\d+)?",
    listing_item=".cate-stream__item",
    listing_item_date=".cate-stream__date",
    listing_date_format="%d/%m/%Y",
    archive_path="/archive/{yyyy}-{mm}-{dd}/",
    selectors=Selectors(
        title="h1.story-title",
        lead=".story-sapo",
        body=".story-content",
        dateline=".story-time",
        byline=".story-byline",
        breadcrumb=".bnd-crumbs__item a",
        tags=".story-keywords__list a",
        # The byline is printed as the last paragraph of the body, and a "Tin liên quan" box
        # sits between paragraphs: neither is article text.
        drop=(".story-byline", ".inline-links"),
    ),
    lead_prefix=r"\(NĐ\)\s*[-–]\s*",
    download_delay=1.0,
    concurrent_requests=4,
    unverified=(
        "domain baonamdinh.vn is from public knowledge of the paper before 2025, not checked"
        " live (no internet here)",
        "the /channel/<section>/<yyyymm>/<slug>-<id>/ article scheme is modelled on the"
        " /channel/<number>/<yyyymm>/<slug>-<id>/ links remembered from the real site; the real"
        " site names channels by number, not by slug, and its paging, day archive"
        " (/archive/<yyyy>-<mm>-<dd>/), feed (/rss/trang-chu.rss) and sitemap (/sitemap.xml)"
        " paths were not checked: they are those of the sample site",
        "the successor after the 1 July 2025 merger (the press organ of Ninh Bình province)"
        " and its domain could not be checked; until it is, baonamdinh.vn stays current and"
        " former_domains is empty",
        "the sapo prefix (NĐ) and the page markup the selectors target are those of the sample"
        " site, modelled on common Vietnamese provincial platforms, not on the live pages",
    ),
)
