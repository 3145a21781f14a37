"""Báo An Giang, the paper of the An Giang provincial Party committee.

On 1 July 2025 An Giang and Kiên Giang were merged into a province named An Giang, seated at
Rạch Giá; Báo Kiên Giang (baokiengiang.vn) was merged into the An Giang press organ, and Báo An
Giang kept publishing, now from Rạch Giá, at baoangiang.com.vn.
"""

from baotinh.papers.profile import Evidence, SiteProfile

PROFILE = SiteProfile(
    key="angiang",
    name="Báo An Giang",
    domain="baoangiang.com.vn",
    former_domains=("baokiengiang.vn",),
    provinces_before=("An Giang", "Kiên Giang"),
    province_after="An Giang",
    generic=True,
    evidence=(
        Evidence(
            "domain",
            "github:hailoc12/docbao/resources/configs/newspaper/bao_an_giang_full_content.yaml@41b0b0b",
            "'An Giang Online' at https://baoangiang.com.vn (config of 2019-2020)",
        ),
        Evidence(
            "domain",
            "docs:https://tintucmientay.baoangiang.com.vn/dbscl/long-an",
            "a 2025 section page of the paper's Mekong-news subsite under baoangiang.com.vn",
        ),
        Evidence(
            "name",
            "docs:https://www.vietnam.vn/fr/50-nam-ay-biet-bao-nhieu-tinh",
            "August 2025: after the An Giang - Kiên Giang merger 'le journal An Giang a continué"
            " de paraître', moved to Rạch Giá. The organ's own name was not found",
        ),
        Evidence(
            "former_domains",
            "unverified",
            "baokiengiang.vn: code hits (https://baokiengiang.vn/rss/home.rss, article links"
            " such as https://www.baokiengiang.vn/le-hoi/<slug>-17028.html) were found by string"
            " search, but their repositories could not be identified",
        ),
        Evidence("feeds", "unverified", "no public source shows a feed path; none set"),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            "unverified",
            "no public article URL of the current site seen; left to the default",
        ),
        Evidence(
            "selectors.body",
            "unverified",
            "a 2019 config used div#newscontents (the platform the generic selectors know); not"
            " checked against the current site, so none is set",
        ),
    ),
)
