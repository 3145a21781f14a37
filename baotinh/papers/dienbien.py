"""Báo Điện Biên Phủ, the paper of the Điện Biên provincial Party committee (baodienbienphu.vn).

Điện Biên was not merged with another province on 1 July 2025. The paper moved from
baodienbienphu.com.vn to baodienbienphu.vn, where articles live under /tin-bai/<section>/<slug>
and section pages are drawn client-side (so the home page is the place to find articles).
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_SCRAPER = "github:tammuoichanhoa/crawl_lastest_news/config/sites/baodienbienphu.py@2573360"
_SCRAPER_MARKUP = (
    "github:tammuoichanhoa/crawl_lastest_news/crawler/site_configs/baodienbienphu.vn.yml@2573360"
)

PROFILE = SiteProfile(
    key="dienbien",
    name="Báo Điện Biên Phủ",
    domain="baodienbienphu.vn",
    former_domains=("baodienbienphu.com.vn",),
    provinces_before=("Điện Biên",),
    province_after="Điện Biên",
    generic=True,
    article_path=r"/tin-bai/[^/?]+/[^/?]+/?",
    selectors=Selectors(body="div.editor-content"),
    evidence=(
        Evidence(
            "domain",
            _SCRAPER,
            "a news crawler (Jan 2026) crawls https://baodienbienphu.vn; chosen over the .com.vn"
            " domain of older lists because it is the most recent public use",
        ),
        Evidence(
            "former_domains",
            "unverified",
            "baodienbienphu.com.vn appears in public RSS lists of 2025 (/rss/home.rss) whose"
            " repositories the index does not name; also general knowledge of the paper",
        ),
        Evidence(
            "name",
            "unverified",
            "Báo Điện Biên Phủ from 2024 pages (docs:https://baolaocai.vn/bao-dien-bien-phu-ky-"
            "niem-60-nam-ngay-ra-so-bao-dau-post382691.html); whether a 2025 merger with the"
            " radio-TV station renamed it was not found",
        ),
        Evidence("feeds", "unverified", "no public feed path on baodienbienphu.vn found"),
        Evidence("sitemaps", "unverified", "no public sitemap path found; left to self-discovery"),
        Evidence(
            "article_path",
            _SCRAPER,
            "allowed_article_path_regexes ^/tin-bai/[^/]+/[^/]+/?$ and links a[href*='/tin-bai/'];"
            " section pages are /tin-tuc/<slug>",
        ),
        Evidence("selectors.body", _SCRAPER_MARKUP, "main_container_selectors: div.editor-content"),
    ),
)
