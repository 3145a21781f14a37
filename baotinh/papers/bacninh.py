"""Báo Bắc Ninh, the press organ of Bắc Ninh province since the 1 July 2025 merger.

On 1 July 2025 Bắc Giang and Bắc Ninh were merged into one province named Bắc Ninh, and the two
papers and their broadcasters into one press organ of Bắc Ninh. Its site is baobacninhtv.vn, and
it runs the CMS that Báo Bắc Giang ran: articles at /<slug>-postid<id>.bbg (the root form; links
under /bg2/<section>/ also appear), sections at /<section> (no trailing slash), a Bắc Giang
culture section (/bacgiang-van-hoa), Bắc Giang post ids and photos carried over. So the two old
papers' domains are this paper's former domains: baobacninh.com.vn (the old Báo Bắc Ninh) and
baobacgiang.vn (Báo Bắc Giang, whose own profile `bacgiang` keeps that domain: `site_for_url`
gives a paper's own domain to that paper, and a former domain to its successor only when no
paper owns it). Articles the old papers published stay under their keys; what this site
publishes, including old Bắc Giang articles it now serves under their post ids, is `bacninh`.

What is not known: a feed or sitemap path (none is listed; the crawl starts from the sections),
how listings page (?page=N is assumed), the dateline and byline markup, and the sapo's prefix.
"""

from baotinh.papers.profile import UNVERIFIED, Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"
_CONFIG = f"{_CRAWLER}/config/sites/baobacninhtv.py@2573360"
_MARKUP = f"{_CRAWLER}/crawler/site_configs/baobacninhtv.vn.yml@2573360"

# The sections the public crawler reads, and the topic of the taxonomy each is.
_SECTIONS = (
    ("chinh-tri", "chinh-tri"),
    ("xay-dung-dang", "chinh-tri"),
    ("kinh-te", "kinh-te"),
    ("xa-hoi", "xa-hoi"),
    ("doi-song", None),  # everyday life: every topic
    ("phap-luat", "phap-luat"),
    ("suc-khoe", "y-te"),
    ("giao-duc", "giao-duc"),
    ("quoc-phong", "quoc-phong"),
    ("the-gioi", "quoc-te"),
    ("the-thao", "the-thao"),
    ("bacgiang-van-hoa", "van-hoa"),
    ("moi-nhat", None),  # the latest of every section
)
_SECTION_RE = "(?:" + "|".join(slug for slug, _ in _SECTIONS) + ")"

PROFILE = SiteProfile(
    key="bacninh",
    name="Báo Bắc Ninh",
    domain="baobacninhtv.vn",
    former_domains=("baobacninh.com.vn", "baobacgiang.vn"),
    # The gazetteer's merger table (tests/test_merged_papers.py holds the two together).
    provinces_before=("Bắc Giang", "Bắc Ninh"),
    province_after="Bắc Ninh",
    feeds=(),
    sitemaps=(),
    sections=tuple(f"/{slug}" for slug, _ in _SECTIONS),
    section_topics=_SECTIONS,
    article_path=r"(?:/bg2/[a-z0-9-]+)?/[a-z0-9-]+-postid\d+\.bbg",
    listing_page_path=rf"/{_SECTION_RE}(\?page=\d+)?",
    selectors=Selectors(
        title="h1",
        lead="div.news_detail_sapo",
        body=".news-details__content.link_content",
        breadcrumb="a.post-meta",
        drop=(".news-related__list",),
    ),
    download_delay=1.0,
    concurrent_requests=4,
    evidence=(
        Evidence("domain", _CONFIG, "base_url https://baobacninhtv.vn (Báo Bắc Ninh), Feb 2026"),
        Evidence(
            "article_path",
            _CONFIG,
            'articles end in "-postid<id>.bbg" (allowed_article_path_regexes); /bg2 links exist'
            " (denied as categories)",
        ),
        Evidence(
            "sections",
            _CONFIG,
            "allow_category_prefixes /chinh-tri, /xay-dung-dang, /kinh-te, /xa-hoi, /doi-song,"
            " /phap-luat, /suc-khoe, /giao-duc, /quoc-phong, /the-gioi, /the-thao,"
            " /bacgiang-van-hoa, /moi-nhat…; multimedia sections denied",
        ),
        Evidence("selectors.lead", _CONFIG, "description_selectors div.news_detail_sapo"),
        Evidence(
            "selectors.body",
            _MARKUP,
            "main container .news-details__content.link_content; .news-related__list excluded",
        ),
        Evidence(
            "selectors.breadcrumb",
            f"{_CRAWLER}/crawler/article.py@2573360",
            "the section is the link a.post-meta (_extract_baobacninhtv_category)",
        ),
        Evidence(
            "former_domains",
            _CONFIG,
            "baobacgiang.vn: the same .bbg CMS and post id sequence, a /bacgiang-van-hoa section;"
            " Bắc Giang post ids (postid294056, postid409722) served on baobacninhtv.vn in"
            " public link lists found by exact-text search",
        ),
        Evidence(
            "former_domains",
            UNVERIFIED,
            "baobacninh.com.vn (the old Báo Bắc Ninh, a Liferay site: /web/…/news/-/details/…):"
            " public link lists found by exact-text search, whose repositories the index did not"
            " name",
        ),
        Evidence(
            "provinces_before",
            "docs:https://pypi.org/project/vietnamadminunits/",
            "the merger table baotinh/labels/data/gazetteer.json is built from: Bắc Giang and"
            " Bắc Ninh make up Bắc Ninh",
        ),
        Evidence("feeds", UNVERIFIED, "no feed seen for baobacninhtv.vn"),
        Evidence("sitemaps", UNVERIFIED, "no sitemap seen; self-discovery reads robots.txt"),
        Evidence("listing_page_path", UNVERIFIED, "?page=N paging is assumed, not seen"),
        Evidence(
            "selectors",
            UNVERIFIED,
            "title (h1), dateline and byline: no public scraper reads them; the crawl relies on"
            " the page's metadata",
        ),
    ),
)
