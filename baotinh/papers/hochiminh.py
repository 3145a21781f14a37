"""Sài Gòn Giải Phóng, the paper of the Hồ Chí Minh City Party committee.

On 1 July 2025 Bình Dương and Bà Rịa - Vũng Tàu were merged into Hồ Chí Minh City; their papers
(baobinhduong.vn, baobariavungtau.com.vn) were merged into Sài Gòn Giải Phóng, whose functions,
staff and assets they handed over in September 2025. The paper stays at sggp.org.vn, articles
at /<slug>-post<id>.html.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

PROFILE = SiteProfile(
    key="hochiminh",
    name="Báo Sài Gòn Giải Phóng",
    domain="sggp.org.vn",
    former_domains=("baobinhduong.vn", "baobariavungtau.com.vn"),
    provinces_before=("Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"),
    province_after="Hồ Chí Minh",
    generic=True,
    # SGGP's shape, then the two merged archives': Bình Dương's -a<id>.html and Bà Rịa - Vũng
    # Tàu's /<section>/<yyyymm>/<slug>-<id>.
    article_path=(
        r"/(?:[a-z0-9-]+/)*[a-z0-9-]+-post\d+\.html"
        r"|/(?:[a-z0-9-]+/)*[a-z0-9-]+-a\d+\.html"
        r"|/[a-z0-9-]+/\d{6}/[a-z0-9-]+-\d+"
    ),
    selectors=Selectors(lead="div.article__sapo"),
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/sggp.py@75f233f",
            "a news crawler's site config (January 2026) crawls https://www.sggp.org.vn",
        ),
        Evidence(
            "domain",
            "docs:https://www.sggp.org.vn/cung-ban-doc-post838566.html",
            "February 2026: the paper points readers to its e-paper at www.sggp.org.vn",
        ),
        Evidence(
            "name",
            "docs:https://www.sggp.org.vn/cung-ban-doc-post838566.html",
            "February 2026: the paper calls itself Báo Sài Gòn Giải Phóng",
        ),
        Evidence(
            "former_domains",
            "docs:https://en.sggp.org.vn/binh-duong-ba-riavung-tau-newspapers-merged-into-sggp-newspaper-post120642.html",
            "29 September 2025: Bình Dương and Bà Rịa - Vũng Tàu newspapers merged into SGGP",
        ),
        Evidence(
            "former_domains",
            f"{_CRAWLER}/config/sites/baobinhduong.py@75f233f",
            "baobinhduong.vn still crawled in January 2026; articles /<slug>-a<id>.html (the"
            " second alternative of article_path)",
        ),
        Evidence(
            "former_domains",
            "docs:https://baobariavungtau.com.vn/chinh-tri/202112/nhin-lai-nhung-thanh-tuu-va-kho-khan-trong-phat-trien-kinh-te-xa-hoi-940766",
            "a Báo Bà Rịa - Vũng Tàu article of December 2021 on baobariavungtau.com.vn,"
            " /<section>/<yyyymm>/<slug>-<id> (the third alternative of article_path)",
        ),
        Evidence(
            "feeds",
            "unverified",
            "code hits list https://www.sggp.org.vn/rss/home.rss and section feeds"
            " (/rss/<section>-<id>.rss), but their repositories could not be identified; none set",
        ),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            f"{_CRAWLER}/config/sites/sggp.py@75f233f",
            "article URLs end in -post<id>.html (regex -post\\d+\\.html$); the docs page above"
            " is /<slug>-post838566.html at the root",
        ),
        Evidence(
            "selectors.lead",
            f"{_CRAWLER}/config/sites/sggp.py@75f233f",
            "sapo in 'div.article__sapo'",
        ),
        Evidence(
            "selectors.body",
            "unverified",
            "no current source names the body; a 2019 config used div.content.cms-body, and the"
            " generic selectors already try div.cms-body and div.article__body",
        ),
    ),
)
