"""Self-discovery decisions of the spider, driven with made-up responses (no network, no store):
a profile whose own feed and sitemap fail looks for the ones the site announces, a usual sitemap
path that is missing is no error, links the article pattern rejects are looked at within a cap,
and the crawl sums up what it found in one line."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from baotinh.core.records import CrawlError, DiscoveredLinks, FetchedPage, Refused
from baotinh.papers.profile import SiteProfile
from crawlers.spiders.news import NewsSpider

BASE = "https://baomau.vn"
# A profile written from memory: its feed and sitemap paths are wrong, and so is its article
# pattern (the paper's articles sit at the site root).
WRONG = SiteProfile(
    key="baomau",
    name="Báo Mẫu",
    domain="baomau.vn",
    provinces_before=("Mẫu",),
    feeds=("/rss/cu.rss",),
    sitemaps=("/sitemap-cu.xml",),
    sections=("/kinh-te/",),
    article_path=r"/kinh-te/[a-z0-9-]+-\d+\.html",
    listing_page_path=r"/kinh-te/",
)
ARTICLE = (
    '<html><head><meta property="og:type" content="article"><title>Tin</title></head>'
    "<body><h1>Tin</h1></body></html>"
)
NOT_ARTICLE = '<html><head><meta property="og:type" content="website"></head><body></body></html>'


def spider_for(profile: SiteProfile, **arguments: Any) -> NewsSpider:
    spider_class = type("BaoMauSpider", (NewsSpider,), {"name": profile.key, "profile": profile})
    return spider_class.from_crawler(get_crawler(spider_class), **arguments)


def answer(request: Request, body: str, status: int = 200) -> Response:
    kind = HtmlResponse if body.lstrip().startswith("<html") else TextResponse
    return kind(request.url, status=status, body=body.encode(), encoding="utf-8", request=request)


def fail(spider: NewsSpider, request: Request, status: int = 404) -> list[Any]:
    failure = Failure(HttpError(answer(request, "", status)))
    failure.request = request  # type: ignore[attr-defined]
    return list(spider.on_error(failure))


def requests(output: list[Any]) -> dict[str, Request]:
    return {item.url.removeprefix(BASE): item for item in output if isinstance(item, Request)}


def test_a_profile_whose_feed_and_sitemap_fail_finds_the_ones_the_site_announces() -> None:
    spider = spider_for(WRONG)
    roots = requests(list(spider._root_requests()))
    assert set(roots) == {"/rss/cu.rss", "/sitemap-cu.xml"}

    # The profile's feed is gone: an error of the crawl. The feeds the site announces will be
    # read off its section pages, which the listings walk fetches anyway.
    after_feed = fail(spider, roots["/rss/cu.rss"])
    assert [item.kind for item in after_feed if isinstance(item, CrawlError)] == ["http_404"]
    assert not requests(after_feed)

    # The profile's sitemap is gone: robots.txt names none, so the usual paths are tried one by
    # one, and a usual path that is missing is a guess that missed, not an error.
    robots = requests(fail(spider, roots["/sitemap-cu.xml"]))["/robots.txt"]
    probe = requests(list(spider.parse_robots(answer(robots, "User-agent: *\nAllow: /\n"))))
    assert set(probe) == {"/sitemap.xml"}
    after_probe = fail(spider, probe["/sitemap.xml"])
    assert not [item for item in after_probe if isinstance(item, CrawlError)]
    assert set(requests(after_probe)) == {"/sitemap_index.xml"}
    # The last usual path misses too: nothing worked, so the listings are walked.
    walk = fail(spider, requests(after_probe)["/sitemap_index.xml"])
    walk = fail(spider, requests(walk)["/sitemap-news.xml"])
    walk = fail(spider, requests(walk)["/news-sitemap.xml"])
    listing = requests(walk)["/kinh-te/"]
    announced = requests(
        list(
            spider.parse_listing(
                answer(
                    listing,
                    '<html><head><link rel="alternate" type="application/rss+xml"'
                    ' href="/rss/tin-moi.rss"></head><body></body></html>',
                )
            )
        )
    )
    assert set(announced) == {"/rss/tin-moi.rss"}

    # The announced feed lists one article the pattern knows and one it does not: both go to
    # the frontier, the second as a candidate whose page decides.
    feed = announced["/rss/tin-moi.rss"]
    rss = (
        "<rss><channel>"
        f"<item><link>{BASE}/kinh-te/gia-lua-tang-1234.html</link></item>"
        f"<item><link>{BASE}/nong-dan-vung-cao-thu-hoach-lua-5071654.html</link></item>"
        "</channel></rss>"
    )
    output = list(spider.parse_feed(answer(feed, rss)))
    [links] = [item for item in output if isinstance(item, DiscoveredLinks)]
    assert [link.url.removeprefix(BASE) for link in links.links] == [
        "/kinh-te/gia-lua-tang-1234.html",
        "/nong-dan-vung-cao-thu-hoach-lua-5071654.html",
    ]
    fetches = requests(output)
    assert not fetches["/kinh-te/gia-lua-tang-1234.html"].meta["candidate"]
    candidate = fetches["/nong-dan-vung-cao-thu-hoach-lua-5071654.html"]
    assert candidate.meta["candidate"]
    [page] = list(spider.parse_article(answer(candidate, ARTICLE)))
    assert isinstance(page, FetchedPage)

    spider.closed("finished")
    report = spider.crawler.stats.get_value("baotinh/discovery/self/report")
    assert report == (
        "baomau: found feed /rss/tin-moi.rss not in the profile; 1 article(s) recognised by page"
        " semantics whose URLs the article pattern rejects, e.g."
        " /nong-dan-vung-cao-thu-hoach-lua-5071654.html"
    )


def test_pages_the_pattern_rejects_are_looked_at_within_a_cap_and_remembered_if_not_articles() -> (
    None
):
    spider = spider_for(WRONG, max_candidates=2)
    listing = Request(f"{BASE}/kinh-te/", meta={"kind": "listing", "page": 1})
    # A listing where the pattern takes nothing: the profile does not understand this page.
    markup = "<html><body>" + "".join(
        f'<a href="/bai-so-{n}-cua-chuyen-muc-kinh-te-{5071650 + n}.html">Bài {n}</a>'
        for n in range(4)
    )
    markup += (
        '<a href="/tu-khoa/lua-gao">Từ khóa</a><a href="/tim-kiem/?q=lua">Tìm</a></body></html>'
    )
    looked_at = requests(list(spider.parse_listing(answer(listing, markup))))
    assert set(looked_at) == {
        "/bai-so-0-cua-chuyen-muc-kinh-te-5071650.html",
        "/bai-so-1-cua-chuyen-muc-kinh-te-5071651.html",
    }  # tag and search pages are never looked at; the cap leaves the rest for later
    assert spider.crawler.stats.get_value("baotinh/discovery/self/candidate_cap") == 2

    first, second = looked_at.values()
    recognised = list(spider.parse_candidate(answer(first, ARTICLE)))
    assert [type(item) for item in recognised] == [DiscoveredLinks, FetchedPage]
    [refused] = list(spider.parse_candidate(answer(second, NOT_ARTICLE)))
    assert isinstance(refused, Refused) and refused.kind == "not_article"

    spider.closed("finished")
    report = spider.crawler.stats.get_value("baotinh/discovery/self/report")
    assert "1 page(s) looked at were not articles; 2 left for a later crawl by the cap" in report


def test_a_profile_that_works_asks_for_nothing_more() -> None:
    spider = spider_for(WRONG)
    roots = requests(list(spider._root_requests()))
    item = f"<item><link>{BASE}/kinh-te/gia-lua-tang-1234.html</link></item>"
    rss = f"<rss><channel>{item}</channel></rss>"
    output = list(spider.parse_feed(answer(roots["/rss/cu.rss"], rss)))
    assert set(requests(output)) == {"/kinh-te/gia-lua-tang-1234.html"}
    sitemap = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{BASE}/kinh-te/gia-lua-tang-1234.html</loc></url></urlset>"
    )
    after = list(spider.parse_sitemap(answer(roots["/sitemap-cu.xml"], sitemap)))
    # No home page, no robots.txt: only the walk of the section the feed's news calls for.
    assert set(requests(after)) == {"/kinh-te/"}
    spider.closed("finished")
    assert spider.crawler.stats.get_value("baotinh/discovery/self/report") is None


def test_what_was_found_before_is_asked_for_directly_and_looked_for_again_once_gone() -> None:
    generic = SiteProfile(
        key="baomau", name="Báo Mẫu", domain="baomau.vn", provinces_before=("Mẫu",), generic=True
    )
    spider = spider_for(generic)
    spider.known_roots = {f"{BASE}/rss/home.rss": "feed", f"{BASE}/sitemaps.xml": "sitemap"}
    roots = requests(list(spider._root_requests()))
    assert set(roots) == {"/rss/home.rss", "/sitemaps.xml"}  # no home page, no robots.txt

    after = fail(spider, roots["/rss/home.rss"], 410)
    assert not [item for item in after if isinstance(item, CrawlError)]
    assert set(requests(after)) == {"/"}  # the home page, for the feeds it announces now
