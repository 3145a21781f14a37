import gzip
from dataclasses import replace

from baotinh.extraction.discovery import (
    SelfDiscoveryReport,
    announced_feeds,
    article_pattern_of,
    article_signals,
    dated_url,
    declares_entities,
    feed_links,
    looks_like_article_url,
    page_links,
    robots_sitemaps,
    sitemap_links,
    worth_a_look,
)
from baotinh.papers.profile import SiteProfile

BASE = "http://127.0.0.1:9/"


def test_rss_and_atom_links() -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel>
      <item><title>A</title><link>http://127.0.0.1:9/bg/a/1/a.html</link></item>
      <item><title>B</title><link>/bg/a/2/b.html</link></item></channel></rss>"""
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry>
      <link rel="alternate" href="http://127.0.0.1:9/bg/a/3/c.html"/></entry></feed>"""
    assert feed_links(rss, BASE) == [
        "http://127.0.0.1:9/bg/a/1/a.html",
        "http://127.0.0.1:9/bg/a/2/b.html",
    ]
    assert feed_links(atom, BASE) == ["http://127.0.0.1:9/bg/a/3/c.html"]


def test_sitemap_index_and_gzipped_urlset() -> None:
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>http://127.0.0.1:9/sitemap-1.xml.gz</loc></sitemap></sitemapindex>"""
    urlset = gzip.compress(
        b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>http://127.0.0.1:9/bg/a/1/a.html</loc></url></urlset>"""
    )
    assert sitemap_links(index, BASE).sitemaps == ["http://127.0.0.1:9/sitemap-1.xml.gz"]
    assert sitemap_links(urlset, BASE).pages == ["http://127.0.0.1:9/bg/a/1/a.html"]


def test_entities_in_a_hostile_feed_are_never_expanded() -> None:
    bomb = b"""<?xml version="1.0"?>
    <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
    <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
    <!ENTITY xxe SYSTEM "file:///etc/passwd">]>
    <rss><channel><item><link>http://127.0.0.1:9/bg/a/1/x.html&lol3;&xxe;</link></item>
    </channel></rss>"""
    links = feed_links(bomb, BASE)
    assert all("lollol" not in link and "root:" not in link for link in links)


def test_a_sitemap_that_declares_entities_is_read_whole_without_them() -> None:
    # lxml's recovering parser used to stop at the first reference: every later URL was lost.
    bomb = b"""<?xml version="1.0"?>
    <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
    <!ENTITY xxe SYSTEM "file:///etc/passwd">]>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>http://127.0.0.1:9/bg/a/1/a.html</loc></url>
    <url><loc>http://127.0.0.1:9/bg/a/2/b.html&lol2;&xxe;</loc></url>
    <url><loc>http://127.0.0.1:9/bg/a/3/c.html</loc></url></urlset>"""
    pages = sitemap_links(bomb, BASE).pages
    assert "http://127.0.0.1:9/bg/a/1/a.html" in pages
    assert "http://127.0.0.1:9/bg/a/3/c.html" in pages
    assert all("lollol" not in page and "root:" not in page for page in pages)
    assert declares_entities(bomb)
    assert not declares_entities(b'<?xml version="1.0"?><urlset/>')


def test_broken_xml_gives_no_links_not_an_exception() -> None:
    assert feed_links(b"<rss><channel><item><link>", BASE) == []
    assert sitemap_links(b"\x1f\x8bnot really gzip", BASE).pages == []


def test_page_links_absolute_without_fragments() -> None:
    markup = '<a href="/bg/a/1/a.html#c">x</a><a href="javascript:void(0)">y</a>'
    assert page_links(markup, BASE) == ["http://127.0.0.1:9/bg/a/1/a.html"]


# --- self-discovery ----------------------------------------------------------------------------

HOSTS = {"baomau.vn"}


def test_a_page_announces_its_feeds_in_link_alternate() -> None:
    markup = """<html><head>
      <link rel="alternate" type="application/rss+xml" title="Tin mới" href="/rss/home.rss">
      <link rel="Alternate" type="application/atom+xml" href="https://baomau.vn/feed.atom">
      <link rel="alternate" hreflang="en" href="https://baomau.vn/en/">
      <link rel="stylesheet" type="text/css" href="/style.css">
    </head><body><a href="/rss/kinh-te.rss">RSS</a></body></html>"""
    assert announced_feeds(markup, "https://baomau.vn/") == [
        "https://baomau.vn/rss/home.rss",
        "https://baomau.vn/feed.atom",
    ]
    assert announced_feeds("", "https://baomau.vn/") == []


def test_robots_txt_names_its_sitemaps_in_any_case_and_any_group() -> None:
    robots = b"""User-agent: *
Disallow: /tim-kiem/
# Sitemap: https://baomau.vn/commented-out.xml
sitemap: /sitemaps/posts.xml

User-agent: Googlebot
SITEMAP: https://baomau.vn/sitemap-news.xml
"""
    assert robots_sitemaps(robots, "https://baomau.vn/robots.txt") == [
        "https://baomau.vn/sitemaps/posts.xml",
        "https://baomau.vn/sitemap-news.xml",
    ]
    assert robots_sitemaps(b"User-agent: *\nAllow: /\n", "https://baomau.vn/robots.txt") == []


def test_an_article_is_recognised_by_its_semantics_and_a_section_is_not() -> None:
    og = '<html><head><meta property="og:type" content="article"></head><body></body></html>'
    ld = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
        ' "@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "headline": "A"}]}'
        "</script></head><body></body></html>"
    )
    section = (
        '<html><head><meta property="og:type" content="website">'
        '<script type="application/ld+json">{"@type": "CollectionPage"}</script>'
        "</head><body></body></html>"
    )
    assert article_signals(og, "https://baomau.vn/mot-bai-post1.html") == ["og:type"]
    assert article_signals(ld, "https://baomau.vn/mot-bai-post1.html") == ["json-ld"]
    assert article_signals(section, "https://baomau.vn/kinh-te/") == []
    assert article_signals(section, "https://baomau.vn/2025/06/17/hop-bao-cuoi-ky.html") == [
        "dated-url"
    ]


def test_dated_urls_are_articles_and_day_archives_are_not() -> None:
    assert dated_url("https://baomau.vn/xa-hoi/2025/06/17/hop-bao-cuoi-ky.html")
    assert dated_url("https://baomau.vn/thoi-su/202506/mua-lu-o-vung-cao-1234/")
    assert dated_url("https://baomau.vn/mua-lu-o-vung-cao-20250617103000123.htm")
    assert not dated_url("https://baomau.vn/2025/06/17/")
    assert not dated_url("https://baomau.vn/kinh-te/trang-2.html")


def test_which_rejected_links_are_worth_a_look() -> None:
    assert worth_a_look("https://baomau.vn/nong-dan-vung-cao-lam-giau-post12345.html", HOSTS)
    assert worth_a_look("https://www.baomau.vn/kinh-te/", HOSTS)
    assert not worth_a_look("https://baokhac.vn/mot-bai-post1.html", HOSTS)  # another paper
    assert not worth_a_look("https://baomau.vn/", HOSTS)  # the home page
    assert not worth_a_look("https://baomau.vn/images/anh.jpg", HOSTS)
    assert not worth_a_look("https://baomau.vn/rss/home.rss", HOSTS)
    assert not worth_a_look("https://baomau.vn/tu-khoa/lua-nuong", HOSTS)  # tag pages
    assert not worth_a_look("https://baomau.vn/tim-kiem/?q=lua", HOSTS)  # search
    assert not worth_a_look("https://baomau.vn/kinh-te/?page=7", HOSTS)  # a listing's next page
    assert not worth_a_look("mailto:toasoan@baomau.vn", HOSTS)


def test_an_article_address_has_a_long_slug_an_id_or_a_date() -> None:
    assert looks_like_article_url("https://baomau.vn/nong-dan-vung-cao-lam-giau-post12345.html")
    assert looks_like_article_url("https://baomau.vn/tin/12345678")
    assert looks_like_article_url("https://baomau.vn/2025/06/17/hop-bao")
    assert not looks_like_article_url("https://baomau.vn/kinh-te/")
    assert not looks_like_article_url("https://baomau.vn/dia-phuong/xa-bao-yen/72.html")


def test_a_generic_profile_at_the_default_pattern_knows_no_article_pattern() -> None:
    generic = SiteProfile(key="mau", name="Báo Mẫu", domain="baomau.vn", generic=True)
    assert article_pattern_of(generic) is None
    assert article_pattern_of(replace(generic, article_path=r"/.+-post\d+\.html")) is not None
    assert article_pattern_of(replace(generic, generic=False)) == ".*"


def test_the_report_names_what_was_found_in_one_line() -> None:
    report = SelfDiscoveryReport("langson")
    assert report.summary() is None
    report.feeds.append("https://baolangson.vn/rss/home.rss")
    report.articles += [f"https://baolangson.vn/bai-so-{n}-5071654.html" for n in range(12)]
    report.not_articles = 3
    summary = report.summary()
    assert summary is not None
    assert summary.startswith("langson: found feed /rss/home.rss not in the profile; 12 article(s)")
    assert "whose URLs the article pattern rejects, e.g. /bai-so-0-5071654.html" in summary
    assert ", …" in summary and "3 page(s) looked at were not articles" in summary
    generic = SelfDiscoveryReport("laocai", has_pattern=False)
    generic.sitemaps.append("https://baolaocai.vn/sitemaps.xml")
    generic.articles.append("https://baolaocai.vn/mot-bai-post1.html")
    assert generic.summary() == (
        "laocai: found sitemap /sitemaps.xml not in the profile; 1 article(s) recognised by page"
        " semantics (the profile has no article pattern), e.g. /mot-bai-post1.html"
    )
