"""Báo Lai Châu, the paper of the Lai Châu provincial Party committee (baolaichau.vn).

Lai Châu was not merged with another province on 1 July 2025. The paper was merged with the
provincial radio and television station in 2025 and still calls itself Báo Lai Châu on its site.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/baolaichau.py@2573360"
_SCRAPER_MARKUP = (
    "github:tammuoichanhoa/crawl_lastest_news/crawler/site_configs/baolaichau.vn.yml@2573360"
)

PROFILE = SiteProfile(
    key="laichau",
    name="Báo Lai Châu",
    domain="baolaichau.vn",
    former_domains=(),
    provinces_before=("Lai Châu",),
    province_after="Lai Châu",
    generic=True,
    selectors=Selectors(body="#post-content .post-detail .post-info .body"),
    evidence=(
        Evidence("domain", _SCRAPER, "a news crawler (Jan 2026) crawls https://baolaichau.vn"),
        Evidence(
            "domain",
            "docs:https://baolaichau.vn/chinh-tri/bao-lai-chau-vuot-kho-phuc-vu-kip-thoi-hieu-qua-"
            "nhiem-vu-cua-tinh-moi-chia-tach-thanh-lap",
            "stored article page on baolaichau.vn dated 17/11/2025",
        ),
        Evidence("former_domains", "unverified", "no other domain of the paper found"),
        Evidence(
            "name",
            "docs:https://baolaichau.vn/chinh-tri/bao-lai-chau-vuot-kho-phuc-vu-kip-thoi-hieu-qua-"
            "nhiem-vu-cua-tinh-moi-chia-tach-thanh-lap",
            "the paper calls itself Báo Lai Châu in November 2025; the 2025 merger with the"
            " radio-TV station"
            " (docs:https://trangtraiviet.danviet.vn/go-kho-cho-nguoi-nuoi-lon.html)"
            " names no new title",
        ),
        Evidence("feeds", "unverified", "no public feed path found; left to self-discovery"),
        Evidence("sitemaps", "unverified", "no public sitemap path found; left to self-discovery"),
        Evidence(
            "article_path",
            "unverified",
            "left at the default: the scraper expects /<section>/<slug>-<id> but stored pages"
            " (2025-26) have slugs without an id, some with percent-encoded Vietnamese"
            " (/x%C3%A3-h%E1%BB%99i/...), so a strict pattern would drop real articles",
        ),
        Evidence(
            "selectors.body",
            _SCRAPER_MARKUP,
            "main_container_selectors: '#post-content .post-detail .post-info .body'",
        ),
    ),
)
