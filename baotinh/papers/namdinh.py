"""Báo Nam Định (NĐ), the paper of Nam Định province until the 2025 merger: an archive now.

On 1 July 2025 Nam Định and Hà Nam were merged into Ninh Bình province, and Báo Nam Định went
into the one press organ of the new province, Báo Ninh Bình (baoninhbinh.org.vn,
baotinh/papers/ninhbinh.py). A 2026 crawler of the post-merger provincial papers crawls
baoninhbinh.org.vn and no Nam Định site, and nothing public shows baonamdinh.vn publishing after
the merger: this profile is not crawled nightly (`enabled=False`). It stays registered because
its history does: articles stored under `namdinh` stay `namdinh` (queryable with --site namdinh,
re-extracted with this profile), a backfill may still name it, and baonamdinh.vn addresses still
resolve to it (`site_for_url`: a paper's own domain wins over the successor, which lists
baonamdinh.vn among its former domains).

A 2019 crawler read the paper at baonamdinh.com.vn, its former domain. The archive's URL scheme:
articles at /channel/<channel>/<yyyymm>/<slug>-<id>/, where the real site names its channels by
number (/channel/5091/201703/…-2517330/) and older slugs keep the
capitals their editors typed (/channel/5087/201112/Co-lua-ngo-2141513/); the sample site names
channels by slug and pages listings with ?page=N; day archives at /archive/<yyyy>-<mm>-<dd>/.
"""

from baotinh.papers.profile import UNVERIFIED, Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"
_QUITCARE = "github:dev-thanhphong39/QuitCare_FE/admin/src/components/blog/Blog.jsx@263e227"
_DOCBAO = "github:hailoc12/docbao/resources/configs/newspaper"

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
    former_domains=("baonamdinh.com.vn",),
    provinces_before=("Nam Định",),
    province_after="Ninh Bình",
    enabled=False,
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
    # Channels by number or by slug; slugs with capitals (older articles); the id ends the slug.
    article_path=r"/channel/[a-z0-9-]+/\d{6}/[A-Za-z0-9-]+-\d+/",
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
    evidence=(
        Evidence(
            "domain",
            _QUITCARE,
            "https://baonamdinh.vn/channel/5091/201703/…-2517330/ in a public link list",
        ),
        Evidence(
            "former_domains",
            f"{_DOCBAO}/bao_nam_dinh_dien_tu_full_content.yaml@3af23da",
            "a 2019 crawler config for Báo Nam Định điện tử at http://baonamdinh.com.vn (that"
            " layout: body #content, its first paragraph the sapo, date .date span)",
        ),
        Evidence(
            "article_path",
            _QUITCARE,
            "/channel/5091/201703/phong-chong-tac-hai-cua-thuoc-la-…-2517330/: a numbered"
            " channel, the month, the slug ending in the id, a trailing slash",
        ),
        Evidence(
            "article_path",
            UNVERIFIED,
            "/channel/5087/201112/Co-lua-ngo-2141513/ (capitals in the slug, 2011) in a public"
            " research note found by exact-text search; the index did not name its repository",
        ),
        Evidence(
            "enabled",
            f"{_CRAWLER}/config/sites/baoninhbinh.py@2573360",
            "a 2026 crawler of the post-merger provincial papers crawls baoninhbinh.org.vn and"
            " has no Nam Định site; no public link to a baonamdinh.vn article after June 2025",
        ),
        Evidence(
            "sections",
            UNVERIFIED,
            "the real site numbers its channels (5087, 5091); which number is which section is"
            " not known, so the section slugs, ?page=N paging and the day archive are the sample"
            " site's",
        ),
        Evidence("feeds", UNVERIFIED, "/rss/trang-chu.rss is the sample site's"),
        Evidence("sitemaps", UNVERIFIED, "/sitemap.xml is assumed, not seen"),
        Evidence("selectors", UNVERIFIED, "the sample site's markup, not the live pages'"),
        Evidence("lead_prefix", UNVERIFIED, "the '(NĐ) - ' prefix is assumed, not seen"),
    ),
)
