"""Báo Huế ngày nay, the paper of the Huế city Party committee (huengaynay.vn).

Báo Thừa Thiên Huế (baothuathienhue.vn) became Báo Huế ngày nay when Huế became a centrally run
city in 2025; from 1 July 2025 it was merged with the city's radio and television station into
the Trung tâm Truyền thông thành phố Huế. Huế was not merged with another province.
"""

from baotinh.papers.profile import Evidence, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/huengaynay.py@2573360"

PROFILE = SiteProfile(
    key="hue",
    name="Báo Huế ngày nay",
    domain="huengaynay.vn",
    former_domains=("baothuathienhue.vn",),
    provinces_before=("Huế",),
    province_after="Huế",
    generic=True,
    evidence=(
        Evidence(
            "domain",
            _SCRAPER,
            "a news crawler (Jan 2026) configures base_url https://huengaynay.vn; its own docstring"
            " says the markup was not checked against the live site",
        ),
        Evidence(
            "domain",
            "docs:https://huengaynay.vn/amp.aspx?newid=149647",
            "stored page on huengaynay.vn about Báo Thừa Thiên Huế being renamed Huế ngày nay",
        ),
        Evidence(
            "former_domains",
            "docs:https://baothuathienhue.vn/tim-kiem/q/lần-thứ-iii/p/3",
            "stored search page of baothuathienhue.vn, the domain of Báo Thừa Thiên Huế",
        ),
        Evidence(
            "name",
            "docs:https://huengaynay.vn/amp.aspx?newid=149647",
            "Báo Thừa Thiên Huế renamed Báo Huế ngày nay when Huế became a centrally run city",
        ),
        Evidence(
            "name",
            "docs:https://tapchisonghuong.nvoting.com/chi-tiet/hp-nht-bo-hu-ngy-nay-v-i-pht-thanh-"
            "truyn-hnh-thnh-ph-thnh-trung-tm-truyn-thng-thnh-ph-hu?trang=18",
            "from 1/7/2025 Báo Huế ngày nay and the city radio-TV station form the Trung tâm"
            " Truyền thông thành phố Huế; whether the site's masthead changed is not shown",
        ),
        Evidence("feeds", "unverified", "no public feed path found; left to self-discovery"),
        Evidence("sitemaps", "unverified", "no public sitemap path found; left to self-discovery"),
        Evidence(
            "article_path",
            "unverified",
            "left at the default: public URLs disagree (/amp.aspx?newid=N on stored pages,"
            " /du-lich/so-hoa-ban-do-co-163431.html in a public README) and the scraper config"
            " names no pattern",
        ),
        Evidence(
            "selectors.body",
            "unverified",
            "left at the default: the scraper's selector list is generic guesses it says it"
            " could not check",
        ),
    ),
)
