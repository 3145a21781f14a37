"""Báo và Phát thanh, Truyền hình Đắk Lắk, the provincial Party committee's press organ.

On 1 July 2025 Phú Yên was merged into Đắk Lắk, and the press organs of both into one, which
publishes at baodaklak.vn. Báo Phú Yên's site (baophuyen.vn, earlier baophuyen.com.vn) lives on
as phuyen.baodaklak.vn. Articles are /<section>/<yyyymm>/<slug>-<7 hex>/.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

PROFILE = SiteProfile(
    key="daklak",
    name="Báo và Phát thanh, Truyền hình Đắk Lắk",
    domain="baodaklak.vn",
    former_domains=("phuyen.baodaklak.vn", "baophuyen.vn", "baophuyen.com.vn"),
    provinces_before=("Đắk Lắk", "Phú Yên"),
    province_after="Đắk Lắk",
    generic=True,
    # The current shape, then Báo Phú Yên's /<section id>/<article id>/<slug>.html.
    article_path=(r"/(?:[a-z0-9-]+/)+\d{6}/[a-z0-9-]+-[0-9a-f]{7}/?|/\d+/\d+/[a-z0-9-]+\.html"),
    selectors=Selectors(
        body="div.article_content div.content#content",
        drop=("h1.media-heading", "div.date", "ul.social", "div.bd02"),
    ),
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/baodaklak.py@75f233f",
            "a news crawler's site config (January 2026) crawls https://baodaklak.vn",
        ),
        Evidence(
            "domain",
            "docs:https://www.baodaklak.vn/chinh-tri/202601/bao-va-phat-thanh-truyen-hinh-dak-lak-bao-dam-thuc-hien-hieu-qua-cong-tac-tuyen-truyen-trong-tinh-hinh-moi-d8c0641",
            "an article of 10 January 2026 on www.baodaklak.vn",
        ),
        Evidence(
            "name",
            "docs:https://www.baodaklak.vn/chinh-tri/202601/bao-va-phat-thanh-truyen-hinh-dak-lak-bao-dam-thuc-hien-hieu-qua-cong-tac-tuyen-truyen-trong-tinh-hinh-moi-d8c0641",
            "10 January 2026: 'Báo và Phát thanh, Truyền hình Đắk Lắk', stable since the"
            " province merger of 1 July 2025; prints the Đắk Lắk paper, runs the e-paper",
        ),
        Evidence(
            "former_domains",
            "unverified",
            "phuyen.baodaklak.vn: code hits (saved pages named phuyen.baodaklak.vn__*.html for"
            " a 'baodaklak' extractor; article links such as /kinh-te/202505/<slug>-1371bcf/ and"
            " /82/58118/<slug>.html, the old Báo Phú Yên id scheme) were found by string search,"
            " but their repositories could not be identified",
        ),
        Evidence(
            "former_domains",
            "docs:https://baophuyen.vn/141/87265/thanh-lap-dai-truyen-thanh-truyen-thanh-truyen-hinh-truc-thuoc-ubnd-cap-huyen.html",
            "a Báo Phú Yên article on baophuyen.vn, /<section id>/<id>/<slug>.html (the second"
            " alternative of article_path)",
        ),
        Evidence(
            "former_domains",
            "github:hailoc12/docbao/resources/configs/newspaper/bao_phu_yen_full_content.yaml@41b0b0b",
            "'Phú Yên Online' crawled at http://www.baophuyen.com.vn (config of 2019-2020)",
        ),
        Evidence("feeds", "unverified", "no public source shows a feed path; none set"),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            f"{_CRAWLER}/config/sites/baodaklak.py@75f233f",
            "articles are /{category}/{YYYYMM}/{slug}/ (regex /\\d{6}/[^/]+/?$); the docs page"
            " above shows the slug ends in a 7-hex id (-d8c0641)",
        ),
        Evidence(
            "selectors.body",
            f"{_CRAWLER}/crawler/site_configs/baodaklak.vn.yml@75f233f",
            "main container 'div.article_content div.content#content'; h1.media-heading,"
            " div.date, ul.social and div.bd02 excluded inside it",
        ),
    ),
)
