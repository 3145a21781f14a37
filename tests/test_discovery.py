import gzip

from crawlers.discovery import feed_links, page_links, sitemap_links

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


def test_broken_xml_gives_no_links_not_an_exception() -> None:
    assert feed_links(b"<rss><channel><item><link>", BASE) == []
    assert sitemap_links(b"\x1f\x8bnot really gzip", BASE).pages == []


def test_page_links_absolute_without_fragments() -> None:
    markup = '<a href="/bg/a/1/a.html#c">x</a><a href="javascript:void(0)">y</a>'
    assert page_links(markup, BASE) == ["http://127.0.0.1:9/bg/a/1/a.html"]
