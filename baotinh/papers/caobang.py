"""Báo Cao Bằng, the paper of the Cao Bằng provincial Party committee (baocaobang.vn).

Cao Bằng was not merged with another province on 1 July 2025, and no change of the paper's name
or domain was found. Articles end in -<id>.html, at the root or under a section, and some slugs
keep capitals (/Huong-vi-pho-chua-Cao-Bang-38371.html).
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/baocaobang.py@2573360"
_SCRAPER_MARKUP = (
    "github:tammuoichanhoa/crawl_lastest_news/crawler/site_configs/baocaobang.vn.yml@2573360"
)

PROFILE = SiteProfile(
    key="caobang",
    name="Báo Cao Bằng",
    domain="baocaobang.vn",
    former_domains=(),
    provinces_before=("Cao Bằng",),
    province_after="Cao Bằng",
    generic=True,
    article_path=r"/(?:[A-Za-z0-9-]+/)?[A-Za-z0-9-]+-\d+\.html",
    selectors=Selectors(body="div#content-detail"),
    evidence=(
        Evidence("domain", _SCRAPER, "a news crawler (Jan 2026) crawls https://baocaobang.vn"),
        Evidence(
            "domain",
            "docs:https://baocaobang.vn/Phongsuanh/170.bcb",
            "stored page of baocaobang.vn about the paper's 50 years",
        ),
        Evidence("former_domains", "unverified", "no other domain of the paper found"),
        Evidence(
            "name",
            _SCRAPER,
            "'Báo Cao Bằng điện tử' (Jan 2026); whether a 2025 merger with the radio-TV station"
            " changed the agency's name was not found",
        ),
        Evidence(
            "feeds",
            "unverified",
            "/rss/home.rss appears only in pattern-made public RSS lists whose repositories the"
            " index does not name; left to self-discovery",
        ),
        Evidence("sitemaps", "unverified", "no public sitemap path found; left to self-discovery"),
        Evidence(
            "article_path",
            _SCRAPER,
            "allowed_article_path_regexes -\\d+\\.html$; sections are /Thoi-su, /chinh-tri, ..."
            " without .html; links in public files the index does not attribute show"
            " /the-thao/be-boi-...-218945.html and root-level"
            " /Huong-vi-pho-chua-Cao-Bang-38371.html",
        ),
        Evidence("selectors.body", _SCRAPER_MARKUP, "main_container_selectors: div#content-detail"),
    ),
)
