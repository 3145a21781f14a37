"""Báo Lạng Sơn (LSO), the paper of the Lạng Sơn provincial Party committee.

The mid-2025 reorganisation left Lạng Sơn province as it was: it was not merged with a
neighbour, so the paper kept its name, its province and its domain (baolangson.vn); only the
province's districts were abolished and its communes regrouped into 65 xã and phường (from
1 July 2025). Articles sit at the site root, the id ending the slug (/<slug>-<id>.html, ids of 7
digits today); the section is in the breadcrumb, not in the address, though the pattern also
takes /<section>/<slug>-<id>.html. The article body is div#content-detail. Section listings page
with ?trang=N, and discovery is by the sitemap and the section listings: the profile knows no RSS
feed. The site's robots.txt refuses some crawlers whole parts of the site (a public crawl logged
about 2,000 pages refused): the spider obeys it and counts what it refuses.
"""

from baotinh.papers.profile import UNVERIFIED, Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

_SECTIONS = (
    "chinh-tri",
    "kinh-te",
    "xa-hoi",
    "nong-nghiep-nong-thon",
    "van-hoa-du-lich",
    "giao-duc",
    "y-te",
    "phap-luat",
    "the-thao",
)
_SECTION_RE = "(?:" + "|".join(_SECTIONS) + ")"

PROFILE = SiteProfile(
    key="langson",
    name="Báo Lạng Sơn",
    domain="baolangson.vn",
    former_domains=(),
    provinces_before=("Lạng Sơn",),
    province_after="Lạng Sơn",
    feeds=(),
    sitemaps=("/sitemap.xml",),
    sections=tuple(f"/{slug}/" for slug in _SECTIONS),
    section_topics=(
        ("chinh-tri", "chinh-tri"),
        ("kinh-te", "kinh-te"),
        ("xa-hoi", "xa-hoi"),
        ("nong-nghiep-nong-thon", "nong-nghiep"),
        ("van-hoa-du-lich", "van-hoa"),
        ("giao-duc", "giao-duc"),
        ("y-te", "y-te"),
        ("phap-luat", "phap-luat"),
        ("the-thao", "the-thao"),
    ),
    # At the root (/hanh-trinh-hoi-nhap-bat-dau-tu-ren-luyen-5071654.html), or under a section.
    article_path=r"(?:/[a-z0-9-]+)?/[a-z0-9-]+-\d{4,}\.html",
    listing_page_path=rf"/{_SECTION_RE}/(\?trang=\d+)?",
    listing_item=".lso-list__item",
    listing_item_date=".lso-list__time",
    listing_date_format="%d/%m/%Y %H:%M",
    selectors=Selectors(
        title="h1.lso-detail__title",
        lead=".lso-detail__sapo",
        body="div#content-detail",
        dateline=".lso-detail__time",
        byline=".lso-detail__author",
        breadcrumb=".lso-crumbs a",
        tags=".lso-detail__topics a.lso-topic",
        drop=(".lso-readmore", ".lso-ad"),
    ),
    lead_prefix=r"\(LSO\)\s*[-–]\s*",
    download_delay=1.0,
    concurrent_requests=4,
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/baolangson.py@2573360",
            "base_url https://baolangson.vn in a 2026 crawler of the post-merger papers",
        ),
        Evidence(
            "article_path",
            f"{_CRAWLER}/test_crawler.py@2573360",
            "https://baolangson.vn/hanh-trinh-hoi-nhap-bat-dau-tu-ren-luyen-5071654.html:"
            " an article at the site root, its id ending the slug",
        ),
        Evidence(
            "article_path",
            f"{_CRAWLER}/config/sites/baolangson.py@2573360",
            'articles end in "-<id>.html" (allowed_article_path_regexes -\\d+\\.html$)',
        ),
        Evidence(
            "selectors.body",
            f"{_CRAWLER}/test_crawler.py@2573360",
            'soup.find("div", id="content-detail") holds the paragraphs',
        ),
        Evidence(
            "selectors.body",
            f"{_CRAWLER}/crawler/site_configs/baolangson.vn.yml@2573360",
            "main container #content-detail; the sapo as #content-detail h2 (not modelled: the"
            " sample prints its sapo above the body); paragraphs with unrendered {{ }}"
            " template text to drop",
        ),
        Evidence(
            "sections",
            f"{_CRAWLER}/config/sites/baolangson.py@2573360",
            "category prefixes /chinh-tri, /kinh-te, /xa-hoi, /phap-luat, /giao-duc, /van-hoa,"
            " /the-thao, /du-lich, /nong-nghiep…; the profile's slugs and ?trang=N paging are"
            " the sample site's",
        ),
        Evidence(
            "robots",
            UNVERIFIED,
            "a public crawl report lists baolangson.vn with 1,981 URLs blocked"
            " (reason=robots_disallowed); found by exact-text search, the index did not name"
            " its repository",
        ),
        Evidence(
            "feeds",
            UNVERIFIED,
            "none listed; a public feed list gives baolangson.vn/rss/home.rss, as it does for"
            " every paper alike, so it is not evidence of this one",
        ),
        Evidence("sitemaps", UNVERIFIED, "/sitemap.xml is assumed, not seen"),
        Evidence(
            "selectors",
            UNVERIFIED,
            "title, sapo, dateline, byline, breadcrumb and tags selectors are the sample site's",
        ),
        Evidence("lead_prefix", UNVERIFIED, "the '(LSO) - ' prefix is assumed, not seen"),
        Evidence(
            "provinces_before",
            UNVERIFIED,
            "Lạng Sơn was not merged in 2025: the published merger lists, and the gazetteer",
        ),
    ),
)
