"""Báo và Phát thanh, Truyền hình Gia Lai, the provincial Party committee's press organ.

On 1 July 2025 Bình Định and Gia Lai were merged into a province named Gia Lai, and the press
organs of both into one, which publishes at baogialai.com.vn; Báo Bình Định's baobinhdinh.vn
(older baobinhdinh.com.vn) is a former domain. Articles are /<slug>-post<id>.html.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

PROFILE = SiteProfile(
    key="gialai",
    name="Báo và Phát thanh, Truyền hình Gia Lai",
    domain="baogialai.com.vn",
    former_domains=("baobinhdinh.vn", "baobinhdinh.com.vn"),
    provinces_before=("Gia Lai", "Bình Định"),
    province_after="Gia Lai",
    generic=True,
    article_path=r"/(?:[a-z0-9-]+/)*[a-z0-9-]+-post\d+\.html",
    selectors=Selectors(title="h1.article__title", lead=".article__sapo", body="div.article__body"),
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/baogialai.py@75f233f",
            "a news crawler's site config (January 2026) crawls https://baogialai.com.vn",
        ),
        Evidence(
            "domain",
            "github:giapham123/crawl-news-python/config.py@0a7ccfc",
            "a scraper's selector map has an entry for baogialai.com.vn",
        ),
        Evidence(
            "name",
            "docs:https://baogialai.com.vn/bi-thu-tinh-uy-thai-dai-ngoc-tham-chuc-tet-bao-va-phat-thanh-truyen-hinh-gia-lai-post580657.html",
            "23 February 2026: 'Báo và phát thanh, truyền hình Gia Lai', formed on 1 July 2025"
            " from the press organs of Bình Định and Gia Lai (old)",
        ),
        Evidence(
            "name",
            "docs:https://baogialai.com.vn/bao-va-phat-thanh-truyen-hinh-gia-lai-ra-mat-3-san-pham-bao-chi-moi-post565021.html",
            "28 August 2025: the organ launches new products on baogialai.com.vn",
        ),
        Evidence(
            "former_domains",
            "docs:https://baobinhdinh.vn/viewer.aspx?mabb=137431&macm=6&macmp=6",
            "a Báo Bình Định page of January 2020 on baobinhdinh.vn (viewer.aspx?mabb=<id>)",
        ),
        Evidence(
            "former_domains",
            "github:luungoc2005/nlp-test/data/crawl_news.py@cc61b28",
            "an older crawl list names http://baobinhdinh.com.vn/",
        ),
        Evidence("feeds", "unverified", "no public source shows a feed path; none set"),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            f"{_CRAWLER}/config/sites/baogialai.py@75f233f",
            "article URLs end in -post<id>.html (regex -post\\d+\\.html$); the docs pages above"
            " are /<slug>-post<id>.html at the root",
        ),
        Evidence(
            "selectors.body",
            "github:giapham123/crawl-news-python/config.py@0a7ccfc",
            "body '.article__body.zce-content-body.cms-body', title '.article__title.cms-title'",
        ),
        Evidence(
            "selectors.body",
            f"{_CRAWLER}/crawler/site_configs/baogialai.com.vn.yml@75f233f",
            "main container '.article__body'",
        ),
        Evidence(
            "selectors.title",
            f"{_CRAWLER}/crawler/site_configs/baogialai.com.vn.yml@75f233f",
            "title 'h1.article__title'",
        ),
        Evidence(
            "selectors.lead",
            f"{_CRAWLER}/crawler/site_configs/baogialai.com.vn.yml@75f233f",
            "sapo '.article__sapo'",
        ),
    ),
)
