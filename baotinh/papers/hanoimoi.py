"""Hànộimới, the paper of the Hà Nội Party Committee (Đảng bộ thành phố Hà Nội).

Hà Nội was not merged with any other province in the 2025 reorganisation: the city kept its
borders and name, and on 1 July 2025 only its district level went away (126 communes and wards now
sit directly under the city). The paper therefore keeps covering the same territory. Its site moved
from hanoimoi.com.vn to hanoimoi.vn before that; the old domain is kept as a former domain because
old links to it still circulate. Articles live at the site root as /<slug>-<id>.html, sections at
/<section>, older listing pages at /<section>/p<N>; the home page's RSS feed is /rss/home.rss, and
/sitemap.xml is an index of /sitemap-article-<year>… children.

Two layouts: the "detail" markup until 31 October 2025 (in the sample site; the real paper's
switch date is not known), and from 1 November 2025 the markup public scrapers read off
hanoimoi.vn, the CMS several papers share (p.block-sc-sapo, span.block-sc-author, div.entry > p
inside div.b-maincontent). A 2019 scraper shows an older design on hanoimoi.com.vn (.article,
.summary); it is not registered as a layout: no saved page of it.
"""

from datetime import date

from baotinh.papers.profile import UNVERIFIED, Evidence, Layout, Selectors, SiteProfile

_REDESIGN = date(2025, 11, 1)
_MEGACRAWLER = "github:foxwhite25/megaCrawler/plugins/production/N-0035.go@87204e1"
_SCRAPERS = "github:tammuoichanhoa/crawl_lastest_news"
_SITE_CONFIG = f"{_SCRAPERS}/crawler/site_config.yml@4545207"
_CONFIG = f"{_SCRAPERS}/config.py@4545207"
_DOCBAO = (
    "github:hailoc12/docbao/resources/configs/newspaper/"
    "bao_ha_noi_moi_dien_tu_full_content.yaml@3af23da"
)

_SECTIONS = (
    "chinh-tri",
    "do-thi",
    "kinh-te",
    "van-hoa",
    "giao-duc",
    "y-te",
    "the-thao",
    "phap-luat",
)

PROFILE = SiteProfile(
    key="hanoimoi",
    name="Hànộimới",
    domain="hanoimoi.vn",
    former_domains=("hanoimoi.com.vn",),
    provinces_before=("Hà Nội",),
    province_after="Hà Nội",
    feeds=("/rss/home.rss",),
    sitemaps=("/sitemap.xml",),
    sections=tuple(f"/{slug}" for slug in _SECTIONS),
    # Root-level "<slug>-<numeric id>.html"; section and listing paths never end in .html.
    # Đô thị (the city's streets, traffic, environment, housing) is society news here.
    section_topics=(
        ("chinh-tri", "chinh-tri"),
        ("do-thi", "xa-hoi"),
        ("kinh-te", "kinh-te"),
        ("van-hoa", "van-hoa"),
        ("giao-duc", "giao-duc"),
        ("y-te", "y-te"),
        ("the-thao", "the-thao"),
        ("phap-luat", "phap-luat"),
    ),
    article_path=r"/[a-z0-9]+(?:-[a-z0-9]+)*-\d+\.html",
    listing_page_path=r"/(?:" + "|".join(_SECTIONS) + r")(?:/p\d+)?",
    listing_item=".list-story article.story",
    listing_item_date=".story__time",
    listing_date_format="%d-%m-%Y %H:%M",
    layouts=(
        Layout(
            version="2025",
            until=_REDESIGN,
            # Known by its body container (.detail__content).
            selectors=Selectors(
                title="h1.detail__title",
                lead=".detail__sapo",
                body=".detail__content",
                dateline=".detail__time",
                byline=".detail__author",
                breadcrumb=".hnm-breadcrumb a",
                tags=".detail__tags a",
                drop=(".detail__inline-related", ".detail__share"),
            ),
        ),
        Layout(
            version="2025-11-01",
            since=_REDESIGN,
            markers=("div.b-maincontent", "div.sc-longform-header"),
            selectors=Selectors(
                title="h1.sc-longform-header-title",
                lead="div.sc-longform-header-text > p.block-sc-sapo",
                body="div.b-maincontent div.entry",
                dateline="span.block-sc-publish-time",
                byline="div.sc-longform-header-meta > span.block-sc-author",
                breadcrumb="ol.breadcrumb li.breadcrumb-item a",
                tags="div.onecms__tags a",
                # The "Bài liên quan" box between paragraphs.
                drop=("div.c-box",),
            ),
        ),
    ),
    # Hànộimới prints its sapo without a "(CODE) - " prefix.
    lead_prefix=None,
    download_delay=1.0,
    concurrent_requests=4,
    evidence=(
        Evidence(
            "former_domains",
            UNVERIFIED,
            "whether hanoimoi.com.vn still answers with a redirect is not known (no internet here)",
        ),
        Evidence(
            "sections",
            UNVERIFIED,
            "the /<section>/p<N> listing pages and the listing date format are modelled on the"
            " sample site, not checked",
        ),
        Evidence(
            "layouts",
            UNVERIFIED,
            "the layout 2025 (detail markup) describes the sample site's earlier design only; the"
            " date of the real redesign is not known, 1 November 2025 is the sample's",
        ),
        Evidence(
            "provinces_before",
            UNVERIFIED,
            "that Hà Nội was not merged in 2025 is from the published list of the 34 provinces and"
            " cities after the reorganisation; a restructuring of the city's own press organs that"
            " year (other Hà Nội papers folded into Hànộimới) is remembered but not checked, so no"
            " domain of such a paper is listed here",
        ),
        Evidence("domain", _MEGACRAWLER, 'a crawler registered as "Báo Hà Nội Mới" on hanoimoi.vn'),
        Evidence(
            "former_domains", _DOCBAO, "a 2019 scraper config crawls http://www.hanoimoi.com.vn"
        ),
        Evidence(
            "sitemaps",
            _MEGACRAWLER,
            "starts at /sitemap.xml, an index whose children contain /sitemap-article-202…",
        ),
        Evidence(
            "feeds",
            UNVERIFIED,
            "full-text search of public code finds https://hanoimoi.vn/rss/home.rss in two news"
            " aggregators' feed lists, and section feeds /rss/<section>(.rss), one reported as"
            " answering with no items; the repositories could not be named with the search tools",
        ),
        Evidence(
            "article_path",
            _CONFIG,
            r"article paths match /(?!.*-event\d+\.html$).+-\d+\.html$ (slug-id.html; event"
            " pages excluded, as here)",
        ),
        Evidence(
            "sections",
            _CONFIG,
            "lists /chinh-tri, /kinh-te, /do-thi, /van-hoa, /giao-duc, /y-te (kept) and /xa-hoi,"
            " /the-gioi, /du-lich…; /the-thao and /phap-luat are not in it",
        ),
        Evidence(
            "layouts.2025-11-01.selectors.lead",
            _MEGACRAWLER,
            "description from div.sc-longform-header-text > p.block-sc-sapo",
        ),
        Evidence(
            "layouts.2025-11-01.selectors.byline",
            _MEGACRAWLER,
            "authors from div.sc-longform-header-meta > span.block-sc-author",
        ),
        Evidence("layouts.2025-11-01.selectors.body", _MEGACRAWLER, "content from div.entry > p"),
        Evidence(
            "layouts.2025-11-01.markers",
            _SITE_CONFIG,
            "main container div.b-maincontent; excluded div.c-box titled 'Bài liên quan' or"
            " 'Bài đọc tiếp'",
        ),
        Evidence(
            "layouts.2025-11-01.selectors.title",
            UNVERIFIED,
            "h1.sc-longform-header-title, dateline span.block-sc-publish-time, tags"
            " div.onecms__tags: how other papers on the same CMS print them, not seen for this"
            " paper",
        ),
        Evidence(
            "layouts.2025",
            UNVERIFIED,
            "the sample site's own earlier markup; the real design before the current one is"
            f" not known (2019: .article body, .summary sapo, per {_DOCBAO})",
        ),
    ),
)
