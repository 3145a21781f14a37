"""Báo Hải Phòng, the paper of the Hải Phòng City Party Committee (Thành ủy Hải Phòng).

On 1 July 2025 Hải Dương province was merged into Hải Phòng city (the merged unit keeps the name
Hải Phòng, a centrally governed city), and Báo Hải Dương was merged into Báo Hải Phòng, which now
covers both. Articles of the former paper lived on baohaiduong.vn; old links there redirect (301)
to baohaiphong.vn, and listings still link migrated pre-merger articles through the old domain.

URL scheme: articles at /<section>/<slug>-<id>.html and, as public code links them today, at the
root as /<slug>-<id>.html; sections at /<section> paging with ?page=N, an RSS feed at
/rss/tin-moi-nhat.rss, and /sitemap.xml as an index of gzipped monthly urlsets at
/sitemaps/<yyyy>-<mm>.xml.gz.

Two layouts: the paper's own "hp-article" markup until 30 November 2025 (in the sample site;
the real paper's switch date is not known), and from 1 December 2025 the markup public scrapers
read off baohaiphong.vn, the one several papers' CMS shares (sapo p.block-sc-sapo, body
div.b-maincontent > div.entry). A 2019 scraper shows a still older design on baohaiphong.com.vn
(body #newsContent, sapo .head); it is not registered as a layout: no saved page of it.
"""

from datetime import date

from baotinh.papers.profile import UNVERIFIED, Evidence, Layout, Selectors, SiteProfile

_REDESIGN = date(2025, 12, 1)
_SCRAPERS = "github:tammuoichanhoa/crawl_lastest_news"
_SITE_CONFIG = f"{_SCRAPERS}/crawler/site_config.yml@4545207"
_CONFIG = f"{_SCRAPERS}/config.py@4545207"
_DOCBAO = (
    "github:hailoc12/docbao/resources/configs/newspaper/"
    "bao_dien_tu_hai_phong_full_content.yaml@3af23da"
)

_SECTIONS = (
    "chinh-tri",
    "kinh-te",
    "xa-hoi",
    "nong-nghiep-nong-thon",
    "van-hoa-du-lich",
    "the-thao",
    "phap-luat",
    "giao-duc",
    "y-te",
)
_SECTION_RE = "(?:" + "|".join(_SECTIONS) + ")"

PROFILE = SiteProfile(
    key="haiphong",
    name="Báo Hải Phòng",
    domain="baohaiphong.vn",
    former_domains=("baohaiduong.vn", "baohaiphong.com.vn"),
    provinces_before=("Hải Phòng", "Hải Dương"),
    province_after="Hải Phòng",
    feeds=("/rss/tin-moi-nhat.rss",),
    sitemaps=("/sitemap.xml",),
    sections=tuple(f"/{slug}" for slug in _SECTIONS),
    section_topics=(
        ("chinh-tri", "chinh-tri"),
        ("kinh-te", "kinh-te"),
        ("xa-hoi", "xa-hoi"),
        ("nong-nghiep-nong-thon", "nong-nghiep"),
        ("van-hoa-du-lich", "van-hoa"),
        ("the-thao", "the-thao"),
        ("phap-luat", "phap-luat"),
        ("giao-duc", "giao-duc"),
        ("y-te", "y-te"),
    ),
    # Under a section (the sample site's scheme) or at the root (the links public code holds).
    article_path=rf"/(?:{_SECTION_RE}/)?[a-z0-9-]+-\d+\.html",
    listing_page_path=rf"/{_SECTION_RE}(\?page=\d+)?",
    listing_item="article.hp-stream__item",
    listing_item_date=".hp-stream__time",
    listing_date_format="%H:%M %d/%m/%Y",
    monthly_sitemap=r"/sitemaps/(?P<yyyy>\d{4})-(?P<mm>\d{2})\.xml\.gz",
    layouts=(
        Layout(
            version="2025",
            until=_REDESIGN,
            # Known by its body container (.hp-article__body).
            selectors=Selectors(
                title="h1.hp-article__title",
                lead=".hp-article__sapo",
                body=".hp-article__body",
                dateline=".hp-article__time",
                byline=".hp-article__author",
                breadcrumb=".hp-crumbs a",
                tags=".hp-article__keywords a.hp-keyword",
                # The byline sits inside the body container, after the last paragraph; the
                # inline "Đọc thêm" box and the ad slot sit between paragraphs.
                drop=(".hp-article__author", ".hp-inline-related", ".hp-slot"),
            ),
        ),
        Layout(
            version="2025-12-01",
            since=_REDESIGN,
            markers=("div.b-maincontent", "div.sc-longform-header"),
            selectors=Selectors(
                title="h1.sc-longform-header-title",
                lead="p.block-sc-sapo, .sc-longform-header-sapo",
                body="div.b-maincontent div.entry",
                dateline="span.block-sc-publish-time",
                byline="span.block-sc-author",
                breadcrumb="ol.breadcrumb li.breadcrumb-item a",
                tags="div.onecms__tags a",
                # "Bài liên quan" boxes between paragraphs.
                drop=("div.c-box", "div.sc-empty-layer"),
            ),
        ),
    ),
    lead_prefix=r"\(HP\)\s*[-–]\s*",
    download_delay=1.0,
    concurrent_requests=4,
    evidence=(
        Evidence(
            "former_domains",
            UNVERIFIED,
            "that Báo Hải Dương was merged into Báo Hải Phòng on 1 July 2025 and that"
            " baohaiduong.vn now redirects to baohaiphong.vn follows the published merger of the"
            " two provinces (Hải Dương into Hải Phòng city); the redirect itself was not observed",
        ),
        Evidence(
            "sections",
            UNVERIFIED,
            "the section paths /<section>?page=N, the monthly sitemap index and the listing date"
            " format were assigned for the sample site, not read off the real pages; public code"
            " lists other sections besides (see the evidence on sections)",
        ),
        Evidence(
            "layouts",
            UNVERIFIED,
            "the layout 2025 (hp-article markup) describes the sample site's earlier design only;"
            " the date of the real redesign is not known, 1 December 2025 is the sample's",
        ),
        Evidence(
            "lead_prefix",
            UNVERIFIED,
            'the "(HP) - " sapo prefix is assumed, not seen on the live site',
        ),
        Evidence("domain", _CONFIG, "a scraper's config for https://baohaiphong.vn"),
        Evidence(
            "former_domains",
            _DOCBAO,
            "a 2019 scraper config crawls http://www.baohaiphong.com.vn/baohp/vn/home/",
        ),
        Evidence(
            "former_domains",
            UNVERIFIED,
            "baohaiduong.vn: Báo Hải Dương's site, merged into Báo Hải Phòng on 1 July 2025;"
            " public knowledge of the merger, no public code seen",
        ),
        Evidence(
            "feeds",
            UNVERIFIED,
            "full-text search of public code finds a news tool mapping baohaiphong.vn to"
            " https://baohaiphong.vn/rss/tin-moi-nhat.rss (four copies); its repository could"
            " not be named with the search tools",
        ),
        Evidence(
            "article_path",
            _CONFIG,
            "article links end in .html (slug-id.html); links in public code sit at the root:"
            " /hai-phong-bo-sung-…-541045.html",
        ),
        Evidence(
            "sections",
            _CONFIG,
            "lists /chinh-tri, /kinh-te, /xa-hoi, /phap-luat, /the-thao (kept) and /du-lich,"
            " /khoa-hoc-giao-duc, /van-hoa-giai-tri, /quoc-te… where the sample site has"
            " /van-hoa-du-lich, /giao-duc, /y-te, /nong-nghiep-nong-thon (not changed)",
        ),
        Evidence("sitemaps", UNVERIFIED, "no public code names a sitemap of baohaiphong.vn"),
        Evidence(
            "layouts.2025-12-01.selectors.lead",
            _SITE_CONFIG,
            "description selectors p.sc-longform-header-sapo, p.block-sc-sapo,"
            " .sc-longform-header-sapo",
        ),
        Evidence(
            "layouts.2025-12-01.selectors.body",
            _SITE_CONFIG,
            "main container div.b-maincontent .entry, then div.b-maincontent",
        ),
        Evidence(
            "layouts.2025-12-01.selectors.drop",
            _SITE_CONFIG,
            "excluded div.sc-longform-header and div.sc-empty-layer inside the container",
        ),
        Evidence(
            "layouts.2025-12-01.selectors.title",
            UNVERIFIED,
            "h1.sc-longform-header-title, byline span.block-sc-author, dateline"
            " span.block-sc-publish-time, tags div.onecms__tags: how other papers on the same"
            " CMS print them (scrapers of daidoanket.vn, hanoimoi.vn), not seen for this paper",
        ),
        Evidence(
            "layouts.2025",
            UNVERIFIED,
            "the sample site's own earlier markup; the real design before the current one is"
            f" not known (2019: #newsContent and .head sapo, per {_DOCBAO})",
        ),
    ),
)
