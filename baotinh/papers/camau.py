"""Báo Cà Mau, the paper of the Cà Mau provincial Party committee.

On 1 July 2025 Bạc Liêu was merged into Cà Mau, and Báo Bạc Liêu (baobaclieu.vn) into the Cà Mau
press organ (since 2025 the joint paper-and-broadcaster). The paper publishes at baocamau.vn; its
own earlier domain was baocamau.com.vn. Articles are /[<section>/]<slug>-a<id>.html.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

PROFILE = SiteProfile(
    key="camau",
    name="Báo Cà Mau",
    domain="baocamau.vn",
    former_domains=("baocamau.com.vn", "baobaclieu.vn"),
    provinces_before=("Cà Mau", "Bạc Liêu"),
    province_after="Cà Mau",
    generic=True,
    article_path=r"/(?:[a-z0-9-]+/)*[a-z0-9-]+-a\d+\.html",
    selectors=Selectors(body="div.post-content"),
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/baocamau.py@75f233f",
            "a news crawler's site config (January 2026) crawls https://baocamau.vn",
        ),
        Evidence(
            "domain",
            "docs:https://baocamau.vn/tu-hao-hanh-trinh-25-nam-cua-bao-bac-lieu-a104006.html",
            "an article dated 14 August 2025 on baocamau.vn",
        ),
        Evidence(
            "name",
            "docs:https://baocamau.vn/tu-hao-hanh-trinh-25-nam-cua-bao-bac-lieu-a104006.html",
            "August 2025, after the merger: the site signs 'Báo Cà Mau' and calls itself 'Báo"
            " điện tử Cà Mau'",
        ),
        Evidence(
            "former_domains",
            "docs:https://congluan.vn/hoan-thanh-hop-nhat-bao-ca-mau-va-bao-anh-dat-mui-post111747.html",
            "December 2020: 'Báo Cà Mau Online với tên miền baocamau.com.vn' from 1-1-2021",
        ),
        Evidence(
            "former_domains",
            "github:hailoc12/docbao/resources/configs/newspaper/ca_mau_full_content.yaml@41b0b0b",
            "'Báo Cà Mau điện tử' crawled at http://baocamau.com.vn (config of 2019-2020)",
        ),
        Evidence(
            "former_domains",
            "github:hailoc12/docbao/resources/configs/newspaper/bao_bac_lieu_full_content.yaml@41b0b0b",
            "'Bạc Liêu Online' at http://www.baobaclieu.vn (config of 2019-2020)",
        ),
        Evidence(
            "former_domains",
            "github:luungoc2005/nlp-test/data/crawl_news.py@cc61b28",
            "an older crawl list names http://www.baobaclieu.vn/",
        ),
        Evidence("feeds", "unverified", "no public source shows a feed path; none set"),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            "docs:https://baocamau.vn/du-lich-the-thao/bao-ca-mau-dong-hanh-cung-que-huong-phat-trien-a39609.html",
            "articles end in -a<id>.html, at the root or under a section (also the a104006 page"
            " above); the crawler config only says '.html'",
        ),
        Evidence(
            "selectors.body",
            f"{_CRAWLER}/crawler/site_configs/baocamau.vn.yml@75f233f",
            "main container 'div.post-content'",
        ),
    ),
)
