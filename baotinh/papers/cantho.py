"""Báo Cần Thơ, the paper of the Cần Thơ city Party committee.

On 1 July 2025 Sóc Trăng and Hậu Giang were merged into Cần Thơ city, and their papers
(baosoctrang.org.vn, baohaugiang.com.vn) into Cần Thơ's press organ. A saved page of January
2026 shows the site still calls itself Báo Cần Thơ at baocantho.com.vn, same platform as before.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

PROFILE = SiteProfile(
    key="cantho",
    name="Báo Cần Thơ",
    domain="baocantho.com.vn",
    former_domains=("baosoctrang.org.vn", "baohaugiang.com.vn"),
    provinces_before=("Cần Thơ", "Sóc Trăng", "Hậu Giang"),
    province_after="Cần Thơ",
    generic=True,
    feeds=("/rss/cate/thoi-su/", "/rss/subcate/can-tho/"),
    # Articles are a slug ending in -a<id>.html; section pages (/thoi-su/can-tho/) never are.
    # Second: Báo Hậu Giang's archive, /<section>/<slug>-<id>.html (its sections are one level).
    article_path=(r"/(?:[a-z0-9-]+/)*[a-z0-9-]+-a\d+\.html|/[a-z0-9-]+/[a-z0-9-]+-\d+\.html"),
    selectors=Selectors(body="#newscontents .content-fck", dateline="span.pubdate"),
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/baocantho.py@75f233f",
            "a news crawler's site config (January 2026) crawls https://baocantho.com.vn",
        ),
        Evidence(
            "domain",
            f"{_CRAWLER}/tmp_baocantho_article.html@2573360",
            "a saved article page of 8 January 2026 whose canonical URL is on baocantho.com.vn",
        ),
        Evidence(
            "name",
            f"{_CRAWLER}/tmp_baocantho_article.html@2573360",
            "January 2026: the page title ends 'Báo Cần Thơ Online' and the footer's copyright"
            " names Báo Cần Thơ. Contradicts the naming rule for merged organs ('Báo và Phát"
            " thanh, Truyền hình <place>', docs:https://tracuuquyhoach.com/tin-tuc/thong-nhat-mo-"
            "hinh-va-ten-goi-bao-chi-dia-phuong-52667793, 27 June 2025): the site's own later"
            " usage is kept; the organ behind it may carry the longer name",
        ),
        Evidence(
            "former_domains",
            "github:hailoc12/docbao/resources/configs/newspaper/soc_trang_full_content.yaml@41b0b0b",
            "'Báo Sóc Trăng điện tử' crawled at http://baosoctrang.org.vn (config of 2019-2020)",
        ),
        Evidence(
            "former_domains",
            f"{_CRAWLER}/config/sites/baohaugiang.py@75f233f",
            "'Báo Hậu Giang Online' at https://baohaugiang.com.vn, articles"
            " /<category>/<slug>-<id>.html, sections /<slug>-<id>.html (the second alternative"
            " of article_path)",
        ),
        Evidence(
            "feeds",
            f"{_CRAWLER}/tmp_baocantho_category.html@2573360",
            "the saved Thời sự section page links its RSS feed /rss/cate/thoi-su/",
        ),
        Evidence(
            "feeds",
            f"{_CRAWLER}/tmp_baocantho_article.html@2573360",
            "the saved article page links the Cần Thơ subsection feed /rss/subcate/can-tho/",
        ),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            f"{_CRAWLER}/config/sites/baocantho.py@75f233f",
            "article links end in -a<id>.html (regex -a\\d+\\.html$); the saved page's own URL"
            " is /<slug>-a196670.html at the root",
        ),
        Evidence(
            "selectors.body",
            f"{_CRAWLER}/crawler/site_configs/baocantho.com.vn.yml@75f233f",
            "main container '#newscontents .content-fck'; the saved article page has it",
        ),
        Evidence(
            "selectors.dateline",
            f"{_CRAWLER}/tmp_baocantho_article.html@2573360",
            "the date is printed in span.pubdate as DD/MM/YYYY - HH:MM; no pubdate meta tag",
        ),
    ),
)
