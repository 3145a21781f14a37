"""Báo Ninh Bình, the press organ of Ninh Bình province since the 1 July 2025 merger.

On 1 July 2025 Hà Nam, Nam Định and Ninh Bình were merged into one province named Ninh Bình, and
Báo Hà Nam and Báo Nam Định went into Báo Ninh Bình, which kept its domain, baoninhbinh.org.vn.
The old papers' domains are its former domains: baonamdinh.vn (Báo Nam Định, whose own profile
`namdinh` keeps that domain: `site_for_url` gives a paper's own domain to that paper, and a
former domain to its successor only when no paper owns it) and baohanam.com.vn (Báo Hà Nam, which
has no profile of its own). Articles Báo Nam Định published stay `namdinh`; what this site
publishes is `ninhbinh`.

The site was rebuilt (a beta.baoninhbinh.org.vn preceded it): articles now end in a 15-digit id,
/…/<slug>-<15 digits>.html, where the older site had /<slug>/d<17-digit timestamp>.htm; the body
is #content_detail inside .content-detail, whose bold first block is the sapo; the headline is
h1.header-title; sections are /<section> without a trailing slash; the printed edition (/bao-in,
/doc-bao-in) and multimedia are not articles.

What is not known: a feed or sitemap path (none is listed; the crawl starts from the sections),
how listings page (?page=N is assumed), and the dateline and byline markup.
"""

from baotinh.papers.profile import UNVERIFIED, Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"
_CONFIG = f"{_CRAWLER}/config/sites/baoninhbinh.py@2573360"
_MARKUP = f"{_CRAWLER}/crawler/site_configs/baoninhbinh.org.vn.yml@2573360"

# The sections the public evidence names, and the topic of the taxonomy each is.
_SECTIONS = (
    ("chinh-tri", "chinh-tri"),
    ("xay-dung-dang", "chinh-tri"),
)
_SECTION_RE = "(?:" + "|".join(slug for slug, _ in _SECTIONS) + ")"

PROFILE = SiteProfile(
    key="ninhbinh",
    name="Báo Ninh Bình",
    domain="baoninhbinh.org.vn",
    former_domains=("baonamdinh.vn", "baohanam.com.vn"),
    # The gazetteer's merger table (tests/test_merged_papers.py holds the two together).
    provinces_before=("Hà Nam", "Nam Định", "Ninh Bình"),
    province_after="Ninh Bình",
    feeds=(),
    sitemaps=(),
    sections=tuple(f"/{slug}" for slug, _ in _SECTIONS),
    section_topics=_SECTIONS,
    # Today's /…/<slug>-<15-digit id>.html, and the older site's /<slug>/d<17-digit stamp>.htm.
    article_path=r"(?:(?:/[a-z0-9-]+)*/[a-z0-9-]+-\d{15}\.html|/[a-z0-9-]+/d\d{17}\.htm)",
    listing_page_path=rf"/{_SECTION_RE}(\?page=\d+)?",
    selectors=Selectors(
        title="h1.header-title",
        lead=".content-detail .font-bold",
        body="#content_detail",
        breadcrumb="ol.uppercase li a",
    ),
    download_delay=1.0,
    concurrent_requests=4,
    evidence=(
        Evidence("domain", _CONFIG, "base_url https://baoninhbinh.org.vn (Báo Ninh Bình), 2026"),
        Evidence(
            "article_path",
            _CONFIG,
            'articles "...-<15 digits>.html" (allowed_article_path_regexes -\\d{15}\\.html$);'
            " /bao-in, /doc-bao-in, /video, /podcast, /da-phuong-tien-multimedia are not",
        ),
        Evidence(
            "article_path",
            UNVERIFIED,
            "the older /tet-thoi-bao-cap/d20230112091014465.htm and /hai-nam-sinh-…/"
            "d20220607082731436.htm: public links found by exact-text search, whose repositories"
            " the index did not name",
        ),
        Evidence(
            "selectors.body",
            "github:giapham123/crawl-news-python/config.py@0a7ccfc",
            'baoninhbinh.org.vn: body "#content_detail", title ".header-title…"',
        ),
        Evidence(
            "selectors",
            _MARKUP,
            "title h1.header-title, sapo .content-detail .font-bold, body #content_detail",
        ),
        Evidence(
            "selectors.breadcrumb",
            f"{_CRAWLER}/crawler/article.py@2573360",
            "the breadcrumb is an <ol class='uppercase font-semibold w-max'> of links: home,"
            " /chinh-tri, /xay-dung-dang (_extract_baoninhbinh_category)",
        ),
        Evidence(
            "sections",
            f"{_CRAWLER}/crawler/article.py@2573360",
            "/chinh-tri and /xay-dung-dang in the breadcrumb example; sections are /{slug}"
            " without a trailing slash (config)",
        ),
        Evidence(
            "former_domains",
            UNVERIFIED,
            "baonamdinh.vn and baohanam.com.vn are the merged papers' domains (see namdinh's"
            " evidence; Báo Hà Nam's /van-hoa/le-hoi/…-122101.html links in public code found by"
            " exact-text search); whether they redirect here is not known",
        ),
        Evidence(
            "provinces_before",
            "docs:https://pypi.org/project/vietnamadminunits/",
            "the merger table baotinh/labels/data/gazetteer.json is built from: Hà Nam, Nam Định"
            " and Ninh Bình make up Ninh Bình",
        ),
        Evidence(
            "feeds",
            UNVERIFIED,
            "a public seed list names https://baoninhbinh.org.vn/rss/home.rss (found by"
            " exact-text search, repository not named); not listed until seen",
        ),
        Evidence("sitemaps", UNVERIFIED, "no sitemap seen; self-discovery reads robots.txt"),
        Evidence("listing_page_path", UNVERIFIED, "?page=N paging is assumed, not seen"),
    ),
)
