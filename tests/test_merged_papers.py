"""The seed papers merged in 2025 and their successors, as the public evidence shows them.

Every article URL scheme seen in public material is an article to its profile and section and
listing pages are not; every address belongs to exactly one paper (a paper's own domain wins
over the successor that lists it as a former domain); an old paper's address keys as the same
article as the successor's; the old papers' archives are left out of the nightly run but keep
their history. The paths are invented, in the shapes the evidence shows (see each profile's
`evidence` and /work/notes/evidence-seeds.md).
"""

from __future__ import annotations

import pytest

from baotinh import papers as registry
from baotinh.core.records import Discovery
from baotinh.extraction.dumps import detect_site
from baotinh.labels.places import load_gazetteer
from baotinh.papers import SITES, enabled_sites, get_site, identity_key, site_for_url
from baotinh.samplesite import available_sites, load_site

ARTICLES = {
    "bacgiang": [
        "/bg/suc-khoe/371001/tap-the-duc-de-bo-thuoc-la.html",  # the older scheme
        "/bg/dulichbg/diem-den/403001/khu-du-lich-sinh-thai-mau.html",  # with a subsection
        "/bg2/moi-nhat/quang-ba-diem-du-lich-mau-postid413001.bbg",  # the newer scheme
        "/bg2/luc-ngan/khai-mac-le-hoi-mau--postid419001.bbg",  # a slug ending in "-"
        "/bg2/dulichbg/dac-san-mau-nen-thu.bbg",  # /bg2/ without a post id
        "/tieng-goi-non-cao-mau.bbg",  # at the site root
        "/dai-hoi-mau-postid409001.bbg",  # at the root with a post id, as the successor serves it
    ],
    "langson": [
        "/hanh-trinh-hoi-nhap-bat-dau-tu-mau-5071001.html",  # at the site root, a 7-digit id
        "/xa-hoi/nhu-cau-hoc-boi-mau-501001.html",  # under a section
    ],
    "namdinh": [
        "/channel/5091/201703/phong-chong-tac-hai-mau-2517001/",  # a numbered channel
        "/channel/5087/201112/Co-mau-ngo-2141001/",  # capitals in an older slug
        "/channel/thoi-su/202506/Nam-Dinh-hoan-tat-mau-5006/",  # the sample site's shape
    ],
    "bacninh": [
        "/ky-hop-hdnd-tinh-mau-postid430001.bbg",
        "/bg2/moi-nhat/nguoi-dan-hien-dat-mau-postid430002.bbg",
    ],
    "ninhbinh": [
        "/dang-bo-xa-mau-gop-y-van-kien-251016071500001.html",  # today's 15-digit id
        "/xay-dung-dang/dang-bo-xa-mau-251016071500002.html",
        "/tet-thoi-bao-cap-mau/d20230112091014001.htm",  # the older site's timestamp
    ],
}
NOT_ARTICLES = {
    "bacgiang": [
        *("/", "/bg/chinh-tri/", "/bg/chinh-tri/trang-2.html", "/bg2/moi-nhat/"),
        *("/rss/tin-moi.rss", "/sitemap.xml", "/tim-kiem/"),
    ],
    "langson": ["/", "/chinh-tri/", "/chinh-tri", "/tim-kiem/", "/sitemap.xml"],
    "namdinh": [
        *("/", "/channel/thoi-su/", "/channel/5087/", "/archive/2025-06-05/"),
        "/rss/trang-chu.rss",
    ],
    "bacninh": ["/", "/chinh-tri", "/moi-nhat", "/bacgiang-van-hoa", "/videos/clip-postid1.bbg"],
    "ninhbinh": ["/", "/chinh-tri", "/xay-dung-dang", "/bao-in", "/tim-kiem"],
}


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_every_scheme_the_evidence_shows_is_an_article(key: str) -> None:
    profile = get_site(key)
    for path in ARTICLES[key]:
        assert profile.is_article_path(path), f"{key}: {path} should be an article"


@pytest.mark.parametrize("key", sorted(NOT_ARTICLES))
def test_sections_listings_and_feeds_are_not_articles(key: str) -> None:
    profile = get_site(key)
    for path in NOT_ARTICLES[key]:
        assert not profile.is_article_path(path), f"{key}: {path} is not an article"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        # The old papers keep their own addresses, though their successors list them.
        ("https://baobacgiang.vn/bg2/moi-nhat/bai-mau-postid413001.bbg", "bacgiang"),
        ("https://www.baobacgiang.vn/bg/suc-khoe/371001/bai-mau.html", "bacgiang"),
        ("https://baobacgiang.com.vn/bg/the-thao/177001/bai-mau.html", "bacgiang"),
        ("https://baonamdinh.vn/channel/5091/201703/bai-mau-2517001/", "namdinh"),
        ("http://baonamdinh.com.vn/channel/5091/201703/bai-mau-2517001/", "namdinh"),
        # A former domain no paper owns goes to the successor that lists it.
        ("https://baobacninh.com.vn/web/guest/tin-tuc/-/details/20182/bai-mau", "bacninh"),
        ("https://baohanam.com.vn/van-hoa/le-hoi/bai-mau-122001.html", "ninhbinh"),
        ("https://baobacninhtv.vn/bai-mau-postid430001.bbg", "bacninh"),
        ("https://BaoNinhBinh.org.vn/bai-mau-251016071500001.html", "ninhbinh"),
        ("https://baolangson.vn/bai-mau-5071001.html", "langson"),
    ],
)
def test_an_address_belongs_to_one_paper(url: str, key: str) -> None:
    found = site_for_url(url)
    assert found is not None and found.key == key


def test_unknown_and_other_hosts_belong_to_no_paper() -> None:
    assert site_for_url("https://example.vn/bai-1.html") is None
    assert site_for_url("not a url") is None
    # The English edition is another publication, not the paper's article pages.
    assert site_for_url("https://en.baobacgiang.vn/hoi-an-mau.bbg") is None


def test_own_domain_wins_whatever_order_the_registry_lists_papers_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    successor_first = {key: SITES[key] for key in ("bacninh", "ninhbinh", "bacgiang", "namdinh")}
    monkeypatch.setattr(registry, "SITES", successor_first)
    assert site_for_url("https://baobacgiang.vn/tin-mau.bbg").key == "bacgiang"  # type: ignore[union-attr]
    assert site_for_url("https://baonamdinh.vn/channel/1/202501/a-1/").key == "namdinh"  # type: ignore[union-attr]
    assert site_for_url("https://baohanam.com.vn/a-1.html").key == "ninhbinh"  # type: ignore[union-attr]


def test_no_domain_is_claimed_twice() -> None:
    owners: dict[str, str] = {}
    listed: dict[str, str] = {}
    for key, profile in SITES.items():
        domain = profile.domain.removeprefix("www.")
        assert domain not in owners, f"{domain}: own domain of {owners.get(domain)} and {key}"
        owners[domain] = key
        for former in profile.former_domains:
            former = former.removeprefix("www.")
            assert former != domain, f"{key} lists its own domain as a former one"
            assert former not in listed, f"{former}: former domain of {listed.get(former)}, {key}"
            listed[former] = key


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # Báo Bắc Giang's own move, then the merger: one key along the whole chain.
        ("https://baobacgiang.com.vn/bg/xa-hoi/412001/bai-mau.html", "https://baobacninhtv.vn"),
        ("https://www.baobacgiang.vn/bg/xa-hoi/412001/bai-mau.html", "https://baobacninhtv.vn"),
        (
            "http://baonamdinh.com.vn/channel/5091/201703/bai-mau-2517001/",
            "https://baoninhbinh.org.vn",
        ),
        (
            "https://baonamdinh.vn/channel/5091/201703/bai-mau-2517001/",
            "https://baoninhbinh.org.vn",
        ),
        ("https://baobacninh.com.vn/tin/bai-mau", "https://baobacninhtv.vn"),
    ],
)
def test_an_old_domain_and_its_successor_key_as_one_article(old: str, new: str) -> None:
    path = "/" + old.split("/", 3)[3]
    assert identity_key(old) == identity_key(new + path)


def test_a_redirect_from_an_old_domain_makes_one_frontier_row(session) -> None:  # type: ignore[no-untyped-def]
    from db.frontier import record_discoveries
    from db.store import sync_sites

    sync_sites(session, [get_site("bacgiang"), get_site("bacninh")])
    old = "https://baobacgiang.com.vn/bg/xa-hoi/412001/bai-mau.html"
    assert record_discoveries(session, "bacgiang", [Discovery(old)], None) == 1
    # The same article reached through the new domain, by the archive's or the successor's crawl.
    again = [Discovery("https://baobacgiang.vn/bg/xa-hoi/412001/bai-mau.html")]
    assert record_discoveries(session, "bacgiang", again, None) == 0


def test_the_successors_cover_the_merged_provinces() -> None:
    gazetteer = load_gazetteer()
    for key, province in (("bacninh", "Bắc Ninh"), ("ninhbinh", "Ninh Bình")):
        profile = get_site(key)
        assert profile.province_after == province
        assert profile.provinces_before == gazetteer.parts_of(province)
        assert len(profile.provinces_before) > 1
    assert {"baobacgiang.vn", "baobacninh.com.vn"} <= set(get_site("bacninh").former_domains)
    assert {"baonamdinh.vn", "baohanam.com.vn"} <= set(get_site("ninhbinh").former_domains)


def test_the_merged_papers_are_archives_the_nightly_run_leaves_out() -> None:
    nightly = enabled_sites()
    assert {"bacninh", "ninhbinh", "langson"} <= set(nightly)
    assert not {"bacgiang", "namdinh"} & set(nightly)
    # Still registered: their history is queried, re-extracted and backfilled by their own key.
    for key, successor in (("bacgiang", "bacninh"), ("namdinh", "ninhbinh")):
        assert get_site(key).province_after == get_site(successor).province_after


def test_a_dump_naming_the_old_paper_s_domain_is_the_old_paper_s() -> None:
    assert detect_site("Một bài báo mẫu.\nNguồn: baobacgiang.vn") == "bacgiang"
    assert detect_site("Một bài báo mẫu.\nNguồn: baobacninh.com.vn") == "bacninh"


@pytest.mark.parametrize("key", available_sites())
def test_each_sample_site_lives_where_its_profile_says(key: str) -> None:
    site, profile = load_site(key), get_site(key)
    assert site.domain == profile.domain
    assert set(site.former_domains) <= set(profile.former_domains)
    for entry in [*site.articles, *site.faults]:
        assert profile.is_article_path(entry.path), f"{key}: {entry.path}"


def test_the_sample_sites_serve_the_schemes_of_the_evidence() -> None:
    bacgiang = {a.path.split("/")[1] for a in load_site("bacgiang").articles}
    assert bacgiang == {"bg", "bg2"}  # both schemes, side by side
    assert any(a.path.endswith(".bbg") for a in load_site("bacgiang").articles)
    assert all(a.path.count("/") == 1 for a in load_site("langson").articles)  # the root
    namdinh = [a.path for a in load_site("namdinh").articles]
    assert any(path != path.lower() for path in namdinh)
