"""Báo Lào Cai, the paper of the Lào Cai provincial Party committee.

On 1 July 2025 Yên Bái province was merged into Lào Cai, and Báo Yên Bái into Báo Lào Cai: the
paper now covers both, and its local-news menu lists the former Yên Bái communes and wards.

A generic profile: the paper, its domains and provinces, and where each fact comes from; no feed,
sitemap, section, article pattern or selector is written here. A crawl finds the feed the home
page announces and the sitemap robots.txt names, recognises articles by their pages (og:type,
JSON-LD NewsArticle), and extracts them with the generic rules, which know the platform the
paper runs on (`div.article__body.cms-body`, shared by many provincial papers). What the crawl
finds that way is reported with the run, so this profile can be completed from it.
"""

from baotinh.papers.profile import UNVERIFIED, Evidence, SiteProfile

# A saved article page (gzip bytes under an .html name) in a public scraper's repository.
_SAVED_PAGE = "github:tammuoichanhoa/crawl_lastest_news/baolaocai_sample_article.html@b6cabac"

PROFILE = SiteProfile(
    key="laocai",
    name="Báo Lào Cai",
    domain="baolaocai.vn",
    former_domains=("baoyenbai.com.vn",),
    provinces_before=("Lào Cai", "Yên Bái"),
    province_after="Lào Cai",
    generic=True,
    evidence=(
        Evidence(
            "feeds",
            UNVERIFIED,
            "the feed (/rss/home.rss in a public feed list) and the sitemap are not written here:"
            " the crawl takes what the site announces, and the run reports what it found",
        ),
        Evidence(
            "domain",
            "github:tammuoichanhoa/crawl_lastest_news/config.py@4545207",
            "a news crawler's site list configures the paper as https://baolaocai.vn",
        ),
        Evidence(
            "domain",
            _SAVED_PAGE,
            "a saved article page of June 2025 whose canonical URL is on baolaocai.vn, at the"
            " site root: /<slug>-post<id>.html",
        ),
        Evidence(
            "provinces_before",
            _SAVED_PAGE,
            "the page's local-news menu lists former Yên Bái units beside Lào Cai's, e.g."
            " /dia-phuong/phuong-yen-bai/106.html",
        ),
        Evidence(
            "former_domains",
            UNVERIFIED,
            "baoyenbai.com.vn is the domain public code names for Báo Yên Bái (link lists,"
            " ims.baoyenbai.com.vn image URLs) found by a text search that gave no repository"
            " path; whether its old pages redirect to baolaocai.vn was not seen",
        ),
        Evidence(
            "selectors.body",
            "github:tammuoichanhoa/crawl_lastest_news/crawler/site_config.yml@4545207",
            "div.article__body.zce-content-body.cms-body, paragraphs as bare <div>s (its"
            " crawler/article.py says so); not set here: the generic body selectors have it",
        ),
    ),
)
