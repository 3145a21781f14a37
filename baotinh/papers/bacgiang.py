"""Báo Bắc Giang (BGĐT), the paper of Bắc Giang province until the 2025 merger: an archive now.

On 1 July 2025 Bắc Giang and Bắc Ninh were merged into one province named Bắc Ninh, and their
papers and broadcasters into one press organ, whose site is baobacninhtv.vn (baotinh/papers/
bacninh.py). Public evidence shows that site running the CMS Báo Bắc Giang ran: the same
`-postid<id>.bbg` addresses, post ids that continue Bắc Giang's, Bắc Giang's photos under the
same /Medias/ paths, a Bắc Giang culture section, and Bắc Giang articles of 2019-2024 served at
baobacninhtv.vn under their old post ids; a 2026 crawler of the post-merger papers lists
baobacninhtv.vn and no Bắc Giang site at all. So Báo Bắc Giang no longer publishes under its own
name: this profile is not crawled nightly (`enabled=False`), and new articles come through
`bacninh`. It stays registered because its history does: articles stored under `bacgiang` stay
`bacgiang` (queryable with --site bacgiang, re-extracted with this profile), a backfill may still
name it, and its addresses still resolve to it (`site_for_url`: a paper's own domain wins over
the successor, which lists baobacgiang.vn among its former domains).

The site's addresses, all seen in public material: baobacgiang.vn (www. and the img./en.
subdomains; baobacgiang.com.vn and imgs.baobacgiang.com.vn before, up to about 2022) with three
article schemes side by side: /bg/<section>[/<subsection>]/<id>/<slug>.html (the older one),
/bg2/<section>/<slug>-postid<id>.bbg (the newer one, sometimes without the postid part), and
/<slug>.bbg at the site root. The sample site (baotinh/samplesite/sites/bacgiang) serves the
first two.
"""

from baotinh.papers.profile import UNVERIFIED, Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"
_QUITCARE = "github:dev-thanhphong39/QuitCare_FE/admin/src/components/blog/Blog.jsx@263e227"
_DOCBAO = "github:hailoc12/docbao/resources/configs/newspaper"

_SECTION = r"[a-z0-9-]+"
_SLUG = r"[a-z0-9-]+"
# Every article scheme the evidence shows; a section or listing page ends in "/" or "trang-N".
_ARTICLE_SCHEMES = (
    rf"/bg/{_SECTION}(?:/{_SECTION})?/\d+/{_SLUG}\.html",  # /bg/suc-khoe/371838/slug.html
    rf"/bg2/{_SECTION}/{_SLUG}\.bbg",  # /bg2/moi-nhat/slug-postid413098.bbg, /bg2/x/slug.bbg
    rf"/{_SLUG}\.bbg",  # /tieng-goi-non-cao-tay-yen-tu.bbg, /slug-postid409722.bbg
)

PROFILE = SiteProfile(
    key="bacgiang",
    name="Báo Bắc Giang",
    domain="baobacgiang.vn",
    former_domains=("baobacgiang.com.vn",),
    provinces_before=("Bắc Giang",),
    province_after="Bắc Ninh",
    enabled=False,
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
    article_path="(?:" + "|".join(_ARTICLE_SCHEMES) + ")",
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
    evidence=(
        Evidence(
            "domain",
            _QUITCARE,
            "https://baobacgiang.vn/tap-the-duc-giup-ich-cho-viec-cai-nghien-thuoc-la.bbg and"
            " img.baobacgiang.vn/Medias/… photos; every recent public link uses baobacgiang.vn",
        ),
        Evidence(
            "former_domains",
            f"{_DOCBAO}/baobacgiang_com_vn.yaml@3af23da",
            "a 2019 crawler config for Báo Bắc Giang at http://baobacgiang.com.vn (that layout:"
            " p.alead sapo, div.ArticleContent body); whether the old domain still redirects to"
            " the new one is not known",
        ),
        Evidence(
            "enabled",
            f"{_CRAWLER}/config/sites/baobacninhtv.py@2573360",
            "a crawler of the post-merger provincial papers (Feb 2026) crawls baobacninhtv.vn"
            " (same .bbg CMS, a /bacgiang-van-hoa section, links to /bg2/ paths) and has no"
            " Bắc Giang site; Bắc Giang post ids continue there (postid294056, postid409722 on"
            " baobacninhtv.vn in public link lists): the old site no longer publishes on its own",
        ),
        Evidence(
            "article_path",
            _QUITCARE,
            "root-level /tap-the-duc-giup-ich-cho-viec-cai-nghien-thuoc-la.bbg",
        ),
        Evidence(
            "article_path",
            UNVERIFIED,
            "/bg2/moi-nhat/…-postid413098.bbg, /bg2/luc-ngan/…--postid419650.bbg,"
            " /bg2/dulichbg/….bbg, /bg/dulichbg/diem-den/403571/….html,"
            " /bg/suc-khoe/371838/….html: article lists in public code found by exact-text"
            " search (the index did not name their repositories)",
        ),
        Evidence(
            "sections",
            UNVERIFIED,
            "section slugs and the /bg/<section>/ listing with trang-N paging are the sample"
            " site's; real sections seen in links: suc-khoe, the-thao, dulichbg/diem-den,"
            " luc-ngan, moi-nhat",
        ),
        Evidence(
            "feeds",
            UNVERIFIED,
            "/rss/tin-moi.rss is the sample site's; public feed lists give /rss/home.rss for"
            " every paper alike, and en.baobacgiang.vn/rss for the English edition",
        ),
        Evidence("sitemaps", UNVERIFIED, "/sitemap.xml is assumed, not seen"),
        Evidence(
            "selectors",
            UNVERIFIED,
            "the sample site's markup; the successor's .bbg pages show div.news_detail_sapo and"
            " .news-details__content (see bacninh), which Bắc Giang's /bg2/ pages may share",
        ),
        Evidence("lead_prefix", UNVERIFIED, "(BGĐT) is the paper's known signature, not seen"),
    ),
)
