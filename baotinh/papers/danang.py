"""Báo và Phát thanh, Truyền hình Đà Nẵng, the press organ of the Đà Nẵng city Party committee.

On 1 July 2025 Quảng Nam was merged into Đà Nẵng city; Báo Đà Nẵng, Báo Quảng Nam (baoquangnam.vn)
and the two broadcasters became one organ, which publishes online at baodanang.vn. Where the
Quảng Nam archive lives now was not found: baoquangnam.vn stays a former domain.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

PROFILE = SiteProfile(
    key="danang",
    name="Báo và Phát thanh, Truyền hình Đà Nẵng",
    domain="baodanang.vn",
    former_domains=("baoquangnam.vn",),
    provinces_before=("Đà Nẵng", "Quảng Nam"),
    province_after="Đà Nẵng",
    generic=True,
    selectors=Selectors(body="div.b-maincontent .entry"),
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/baodanang.py@75f233f",
            "a news crawler's site config (January 2026) crawls https://baodanang.vn",
        ),
        Evidence(
            "domain",
            "docs:https://baodanang.vn/channel/5399/200804/khai-truong-bao-da-nang-dien-tu-1980778",
            "the paper's own page: its e-paper opened at www.baodanang.vn in April 2008",
        ),
        Evidence(
            "name",
            "docs:https://tracuuquyhoach.com/tin-tuc/thong-nhat-mo-hinh-va-ten-goi-bao-chi-dia-phuong-52667793",
            "reports the Central Propaganda Commission's letter of 27 June 2025 naming merged"
            " local organs 'Báo và Phát thanh, Truyền hình <place>', with Đà Nẵng as its example;"
            " no page of the paper itself naming the organ was found",
        ),
        Evidence(
            "former_domains",
            "github:hailoc12/docbao/resources/configs/newspaper/quang_nam_full_content.yaml@41b0b0b",
            "'Báo Quảng Nam' crawled at http://baoquangnam.vn (config of 2019-2020)",
        ),
        Evidence(
            "former_domains",
            "docs:https://baoquangnam.vn/trong-chiec-noi-bao-chi-xu-quang-3156938.html",
            "a June 2025 article of Báo Quảng Nam on its own domain, before the merger",
        ),
        Evidence("feeds", "unverified", "no public source shows a feed path; none set"),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            "unverified",
            "a crawler config says only that articles end in .html outside the section folders;"
            " older pages use /channel/<id>/<yyyymm>/<slug>-<id>: too loose to write a pattern",
        ),
        Evidence(
            "selectors.body",
            f"{_CRAWLER}/crawler/site_configs/baodanang.vn.yml@75f233f",
            "main container 'div.b-maincontent .entry' (fallback div.b-maincontent)",
        ),
    ),
)
