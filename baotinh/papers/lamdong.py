"""Báo và Phát thanh, Truyền hình Lâm Đồng, the provincial Party committee's press organ.

On 1 July 2025 Đắk Nông and Bình Thuận were merged into Lâm Đồng, and the papers and broadcasters
of the three provinces into one organ; it publishes online at baolamdong.vn and prints the daily
Báo Lâm Đồng. Báo Đắk Nông (baodaknong.vn, earlier baodaknong.org.vn) and Báo Bình Thuận
(baobinhthuan.com.vn) are former domains.
"""

from baotinh.papers.profile import Evidence, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

PROFILE = SiteProfile(
    key="lamdong",
    name="Báo và Phát thanh, Truyền hình Lâm Đồng",
    domain="baolamdong.vn",
    former_domains=("baodaknong.vn", "baodaknong.org.vn", "baobinhthuan.com.vn"),
    provinces_before=("Lâm Đồng", "Đắk Nông", "Bình Thuận"),
    province_after="Lâm Đồng",
    generic=True,
    # Newer articles end in -<id>.html; older ones are /<section>/<yyyymm>/<slug>/.
    article_path=(r"/(?:[a-z0-9-]+/)*[a-z0-9-]+-\d+\.html|/(?:[a-z0-9-]+/)+\d{6}/[a-z0-9-]+/?"),
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/baolamdong.py@2573360",
            "a news crawler's site config (February 2026) crawls https://baolamdong.vn",
        ),
        Evidence(
            "domain",
            "github:luungoc2005/nlp-test/data/crawl_news.py@cc61b28",
            "an older crawl list names http://baolamdong.vn/",
        ),
        Evidence(
            "name",
            "docs:https://thongtin.vietnam.vn/en/ban-bien-tap-bao-va-ptth-lam-dong-lam-viec-voi-co-so-2-tai-phuong-bac-gia-nghia",
            "20 July 2025: the editorial board of 'Lâm Đồng Newspaper, Radio and Television'"
            " (Báo và PTTH Lâm Đồng) works with its Gia Nghĩa (Đắk Nông) facility",
        ),
        Evidence(
            "former_domains",
            "unverified",
            "baodaknong.vn: code hits (an rss2json call to https://baodaknong.vn/rss/video) were"
            " found by string search, but their repository could not be identified",
        ),
        Evidence(
            "former_domains",
            "github:hailoc12/docbao/resources/configs/newspaper/baodaknong_org_vn.yaml@41b0b0b",
            "'Báo Đắk Nông' crawled at http://baodaknong.org.vn (config of 2019-2020)",
        ),
        Evidence(
            "former_domains",
            "github:hailoc12/docbao/resources/configs/newspaper/bao_binh_thuan_full_content.yaml@41b0b0b",
            "'Bình Thuận Online' at http://www.baobinhthuan.com.vn (config of 2019-2020)",
        ),
        Evidence(
            "former_domains",
            "docs:https://baobinhthuan.com.vn/quy-nhon-ptag.html",
            "a tag page of Báo Bình Thuận on its own domain",
        ),
        Evidence("feeds", "unverified", "no public source shows a feed path; none set"),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            f"{_CRAWLER}/config/sites/baolamdong.py@2573360",
            "new articles end in -<id>.html (regex -\\d+\\.html$); some old ones are"
            " /{category}/{yyyymm}/{slug}/ (regex /\\d{6}/[^/]+/?$)",
        ),
        Evidence(
            "selectors.body",
            "unverified",
            "the crawler's config lists six candidate containers (.detail-content,"
            " .article__body, ...): which one the site uses is not known, so none is set",
        ),
    ),
)
