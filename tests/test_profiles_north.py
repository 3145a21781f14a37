"""The generic profiles of the northern and north-central papers (issue 13): what their URL
patterns accept and reject, that their selectors parse, that old domains lead to them, and that
they cover exactly the provinces the gazetteer says were merged.

The example paths have the shape of the public URLs recorded in each profile's evidence, with
invented slugs.
"""

from __future__ import annotations

import pytest
from lxml.cssselect import CSSSelector

from baotinh.labels.places import load_gazetteer
from baotinh.papers import SITES, site_for_url

NORTH = (
    "caobang",
    "dienbien",
    "hatinh",
    "hue",
    "hungyen",
    "laichau",
    "nghean",
    "phutho",
    "quangninh",
    "quangtri",
    "sonla",
    "thainguyen",
    "thanhhoa",
    "tuyenquang",
)

# key -> (article paths it must accept, listing paths it must reject)
SHAPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "caobang": (
        (
            "/the-thao/giai-chay-bo-quanh-ho-218945.html",
            "/Mon-ngon-mien-nui-38371.html",
            "/le-hoi-mua-xuan-tren-cao-nguyen-3161421.html",
        ),
        ("/Thoi-su", "/chinh-tri", "/Phongsuanh/170.bcb"),
    ),
    "dienbien": (
        ("/tin-bai/chinh-tri/hoi-nghi-tong-ket-cong-tac-nam",),
        ("/tin-tuc/chinh-tri", "/"),
    ),
    "hatinh": (
        ("/trao-giai-cuoc-thi-hat-ve-que-huong-post294696.html", "/xa-hoi/ban-tin-sang/236593.htm"),
        ("/ve-ha-tinh/", "/ve-ha-tinh/diem-den/", "/tin-moi.html"),
    ),
    "hungyen": (
        (
            "/khanh-thanh-cau-moi-qua-song-3171182.html",
            "/chinh-tri/201704/hop-bao-thang-tu-734792/",
        ),
        ("/phap-luat-doi-song", "/Chinh-tri"),
    ),
    "nghean": (
        (
            "/khai-truong-cho-phien-vung-cao-10300866.html",
            "/ky-niem-ngay-thanh-lap-post246336.html",
        ),
        ("/thoi-su", "/xay-dung-dang"),
    ),
    "phutho": (
        ("/tang-trang-bao-in-tu-thang-sau-242098.htm",),
        ("/phu-tho-24h", "/print/7e65473/134147.htm"),
    ),
    "quangninh": (("/khai-thac-than-thoi-xua-3349315.html",), ("/phap-luat", "/chinh-tri")),
    "quangtri": (
        ("/khoa-hoc-cong-nghe/202508/khoi-nghiep-tu-cay-lua-9344c18/",),
        ("/kinh-te", "/kinh-te/", "/dat-va-nguoi-quang-binh/"),
    ),
    "sonla": (
        ("/thoi-su-chinh-tri/cong-bo-quyet-dinh-ve-to-chuc-zXxvwGsNg.html",),
        ("/thoi-su-chinh-tri.html", "/kinh-te.html"),
    ),
    "thainguyen": (
        ("/xa-hoi/201009/ky-niem-ngay-thanh-lap-bao-3679055",),
        ("/thoi-su-thai-nguyen/", "/tim-kiem/"),
    ),
    "thanhhoa": (
        (
            "/gap-mat-cac-the-he-can-bo-275402.htm",
            "/60-nam-bao-thanh-hoa/mai-mai-mot-nghe/155163.htm",
        ),
        ("/thoi-su", "/tin24h"),
    ),
    "tuyenquang": (
        ("/multimedia/202506/bao-tinh-xay-dung-va-truong-thanh-75f1237",),
        ("/thoi-su-chinh-tri/tin-tuc/", "/gioi-thieu.html"),
    ),
}


def test_every_northern_unit_is_registered_as_a_generic_profile() -> None:
    for key in NORTH:
        assert SITES[key].generic, key


@pytest.mark.parametrize("key", sorted(SHAPES))
def test_article_pattern_takes_the_public_url_shape_and_leaves_sections(key: str) -> None:
    profile = SITES[key]
    articles, listings = SHAPES[key]
    for path in articles:
        assert profile.is_article_path(path), f"{key}: {path} should be an article"
    for path in listings:
        assert not profile.is_article_path(path), f"{key}: {path} is a listing, not an article"


@pytest.mark.parametrize("key", NORTH)
def test_selectors_parse(key: str) -> None:
    selectors = SITES[key].selectors
    for selector in (selectors.title, selectors.lead, selectors.body, *selectors.drop):
        if selector:
            CSSSelector(selector)


@pytest.mark.parametrize("key", NORTH)
def test_old_links_lead_to_the_paper_that_took_them_over(key: str) -> None:
    profile = SITES[key]
    for domain in (profile.domain, *profile.former_domains):
        assert site_for_url(f"https://www.{domain}/bai-viet-1.html") is profile, domain


@pytest.mark.parametrize("key", NORTH)
def test_provinces_are_exactly_the_merged_parts(key: str) -> None:
    profile = SITES[key]
    assert profile.province_after is not None
    parts = load_gazetteer().parts_of(profile.province_after)
    assert set(profile.provinces_before) == set(parts)


@pytest.mark.parametrize("key", NORTH)
def test_each_profile_says_where_its_main_facts_come_from(key: str) -> None:
    profile = SITES[key]
    facts = {evidence.fact for evidence in profile.evidence}
    assert {"domain", "former_domains", "name", "feeds", "sitemaps", "article_path"} <= facts
    assert any(e.verified for e in profile.evidence if e.fact == "domain"), key
    if profile.selectors.body:
        assert any(e.verified for e in profile.evidence if e.fact == "selectors.body"), key
    if profile.article_path != r".*":
        assert any(e.verified for e in profile.evidence if e.fact == "article_path"), key
