"""The local sample site serves what its content file says, the way a real paper would."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from baotinh.extraction.discovery import feed_links, page_links, sitemap_links
from baotinh.papers import get_site
from baotinh.samplesite import available_sites, load_site, serve
from baotinh.samplesite.render import build_routes

SITE = load_site("bacgiang")
PROFILE = get_site("bacgiang")


def fetch(url: str, host: str = SITE.domain, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """GET `url` from the local server as if it were `host` (what crawlers.mirror does)."""
    request = urllib.request.Request(url, headers={"Host": host, **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def base_url():
    with serve("bacgiang") as url:
        yield url


def test_content_is_enough_for_the_foundation_checks() -> None:
    assert len(SITE.articles) >= 30
    months = {(a.published.year, a.published.month) for a in SITE.articles}
    assert len(months) >= 6
    assert any(len(SITE.listing_pages(section.slug)) > 1 for section in SITE.sections)
    assert {fault.kind for fault in SITE.faults} == {"http_404", "http_500", "empty_body"}
    assert any(a.encoding == "windows-1258" for a in SITE.articles)
    assert any(a.gzip_body for a in SITE.articles)


def test_every_article_path_fits_the_profile() -> None:
    for entry in [*SITE.articles, *SITE.faults]:
        assert PROFILE.is_article_path(entry.path), entry.path
    for section in SITE.section_paths:
        assert section in PROFILE.sections


def test_feed_sitemap_and_listings_lead_to_every_article(base_url: str) -> None:
    expected = {a.path for a in SITE.articles} | {f.path for f in SITE.faults}
    _, _, sitemap = fetch(base_url + SITE.sitemap_path)
    assert {urlsplit(u).path for u in sitemap_links(sitemap, base_url).pages} == expected

    _, _, feed = fetch(base_url + SITE.feed_path)
    newest = [a.path for a in SITE.newest_first()[: SITE.feed_size]]
    assert [urlsplit(u).path for u in feed_links(feed, base_url)] == newest

    found: set[str] = set()
    for section in SITE.sections:
        pages = SITE.listing_pages(section.slug)
        for number in range(1, len(pages) + 1):
            status, _, body = fetch(base_url + SITE.listing_page_path(section.slug, number))
            assert status == 200
            found |= {urlsplit(u).path for u in page_links(body.decode(), base_url)}
    assert expected <= found


def test_robots_txt_disallows_search_and_names_the_sitemap(base_url: str) -> None:
    status, _, body = fetch(base_url + "/robots.txt")
    text = body.decode()
    assert status == 200
    assert f"Disallow: {SITE.search_path}" in text
    assert f"Sitemap: https://{SITE.domain}{SITE.sitemap_path}" in text


def test_faults_answer_as_described(base_url: str) -> None:
    for fault in SITE.faults:
        status, _, _ = fetch(base_url + fault.path)
        assert status == {"http_404": 404, "http_500": 500, "empty_body": 200}[fault.kind]


def test_the_misconfigured_pages_really_are(base_url: str) -> None:
    gzipped = next(a for a in SITE.articles if a.gzip_body)
    status, headers, body = fetch(base_url + gzipped.path)
    assert status == 200 and "Content-Encoding" not in headers
    assert body[:2] == b"\x1f\x8b"
    assert gzipped.title.encode() in gzip.decompress(body)

    legacy = next(a for a in SITE.articles if a.encoding == "windows-1258")
    status, headers, body = fetch(base_url + legacy.path)
    assert headers["Content-Type"] == "text/html; charset=windows-1258"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")


def test_article_pages_carry_the_chrome_the_extractor_must_strip(base_url: str) -> None:
    article = SITE.articles[0]
    _, _, body = fetch(base_url + article.path)
    page = body.decode()
    for snippet in SITE.chrome_snippets:
        assert snippet in page, snippet
    assert f'<link rel="canonical" href="https://{SITE.domain}{article.path}">' in page


def test_the_server_counts_requests(base_url) -> None:
    before = base_url.hits("/robots.txt")
    fetch(base_url + "/robots.txt")
    assert base_url.hits("/robots.txt") == before + 1


def test_conditional_requests_get_304_until_the_page_changes(base_url: str) -> None:
    status, headers, _ = fetch(base_url + SITE.feed_path)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    status, _, body = fetch(base_url + SITE.feed_path, **{"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")
    status, _, _ = fetch(base_url + SITE.feed_path, **{"If-None-Match": '"something-else"'})
    assert status == 200
    since = headers["Last-Modified"]
    assert fetch(base_url + SITE.feed_path, **{"If-Modified-Since": since})[0] == 304


def test_a_former_domain_redirects_to_the_current_one() -> None:
    # Báo Bắc Giang published at baobacgiang.com.vn before baobacgiang.vn.
    article = SITE.articles[0]
    with serve("bacgiang") as server:
        assert server.mirrors == {"baobacgiang.vn": str(server), "baobacgiang.com.vn": str(server)}
        request = urllib.request.Request(
            server + article.path, headers={"Host": "baobacgiang.com.vn"}
        )

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
                return None

        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as answer:
            opener.open(request, timeout=10)
    assert answer.value.code == 301
    assert answer.value.headers["Location"] == f"https://baobacgiang.vn{article.path}"


@pytest.mark.parametrize("key", available_sites())
def test_the_sample_site_serves_the_feeds_and_sitemaps_its_profile_names(key: str) -> None:
    site = load_site(key)
    routes = build_routes(site, site.base_url)
    profile = get_site(key)
    for path in (*profile.feeds, *profile.sitemaps):
        assert routes[path].status == 200, f"{key}: {path}"


@pytest.mark.parametrize(("key", "since"), [("haiphong", "2025-12-01"), ("hanoimoi", "2025-11-01")])
def test_a_redesigned_site_prints_the_new_markup_from_its_date_on(key: str, since: str) -> None:
    site = load_site(key)
    routes = build_routes(site, site.base_url)
    # The old design is known by its body container ("hp-article__body", "detail__content").
    old_body = get_site(key).layouts[0].selectors.body or ""
    old_class = old_body.lstrip(".").encode()
    for article in site.articles:
        page = routes[article.path].body
        redesigned = article.published.date().isoformat() >= since
        assert (b'class="b-maincontent' in page, old_class in page) == (redesigned, not redesigned)
    assert len({a.published.date().isoformat() >= since for a in site.articles}) == 2


def test_the_generic_sample_paper_announces_its_feed_and_sitemap_but_its_profile_does_not() -> None:
    from baotinh.extraction.discovery import USUAL_SITEMAP_PATHS, announced_feeds, robots_sitemaps

    site = load_site("laocai")
    profile = get_site("laocai")
    routes = build_routes(site, site.base_url)
    home = routes["/"].body.decode()
    assert announced_feeds(home, site.base_url) == [site.base_url + site.feed_path]
    named = robots_sitemaps(routes["/robots.txt"].body, site.base_url)
    assert named == [site.base_url + site.sitemap_path]
    assert site.sitemap_path not in USUAL_SITEMAP_PATHS  # found through robots.txt, not guessed
    assert profile.generic and not (profile.feeds or profile.sitemaps or profile.sections)


def test_synthetic_papers_have_their_own_domains_and_articles_and_reach_every_registry() -> None:
    from baotinh.samplesite.synthetic import synthetic_sites

    sites = synthetic_sites(3, articles=2)
    assert [site.domain for site in sites] == [
        "synth001.example.vn",
        "synth002.example.vn",
        "synth003.example.vn",
    ]
    assert all(len(site.articles) == 2 and not site.faults for site in sites)
    # Different stories, as real papers print: not one paper's articles forty times over.
    assert len({article.title for site in sites for article in site.articles}) == 6
    assert len({article.path for site in sites for article in site.articles}) == 6
    with serve(extra_sites=sites) as server:
        request = urllib.request.Request(
            str(server).rstrip("/") + sites[1].articles[0].path, headers={"Host": sites[1].domain}
        )
        page = urllib.request.urlopen(request, timeout=30).read().decode("utf-8")
    assert f"https://synth002.example.vn{sites[1].articles[0].path}" in page
    # A spider process sees them too: the registry reads the module named in the environment.
    listed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, baotinh.papers as s; print(json.dumps(sorted(s.SITES)))",
        ],
        env={
            **os.environ,
            "BAOTINH_EXTRA_SITES": "baotinh.samplesite.synthetic",
            "BAOTINH_SYNTHETIC_PAPERS": "3",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert {"synth001", "synth002", "synth003"} <= set(json.loads(listed.stdout))
