"""The southern papers' article patterns take the URL shapes public evidence shows, and no
section page: a generic profile that took its sections for articles would fill the store with
listings. Slugs here are invented; only the shapes are the papers'."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from baotinh.papers import get_site, site_for_url

SHAPES = {
    "cantho": (["/chu-tich-tham-cho-noi-a123456.html"], ["/thoi-su/", "/thoi-su/can-tho/"]),
    "quangngai": (["/thoi-su/mot-con-duong-moi-98765.htm"], ["/thoi-su", "/thoi-su.htm"]),
    "gialai": (["/ca-phe-vao-vu-post561234.html"], ["/thoi-su-su-kien/", "/gia-lai-hom-nay/"]),
    "khanhhoa": (["/kinh-te/202508/tau-ca-ra-khoi-1a2b3c4/"], ["/kinh-te/", "/kinh-te/202508/"]),
    "daklak": (["/chinh-tri/202601/hoi-nghi-mot-ngay-d4e5f60"], ["/chinh-tri/", "/video/"]),
    "dongnai": (["/tin-moi/202507/cay-cau-moi-7f00e1d/"], ["/tin-moi/", "/chinh-tri/"]),
    "tayninh": (["/con-duong-qua-nui-a170001.html"], ["/thoi-su-chinh-tri/"]),
    "hochiminh": (["/ben-song-sai-gon-post840001.html"], ["/chinhtri/", "/xahoi-giaothong/"]),
    "vinhlong": (
        ["/xa-hoi/du-lich/202502/cu-lao-xanh-9abcdef/", "/vuon-dua-a140001.html"],
        ["/xa-hoi/", "/xa-hoi/du-lich/"],
    ),
    "dongthap": (["/sen-thap-muoi-a100200.html"], ["/chinh-tri/", "/kinh-te/"]),
    "camau": (["/du-lich-the-thao/mui-ca-mau-a40001.html"], ["/du-lich-the-thao/"]),
}


@pytest.mark.parametrize("key", sorted(SHAPES))
def test_article_pattern_takes_articles_and_leaves_section_pages(key: str) -> None:
    profile = get_site(key)
    articles, sections = SHAPES[key]
    for path in articles:
        assert profile.is_article_path(path), f"{key}: {path} should be an article"
    for path in ("/", *sections):
        assert not profile.is_article_path(path), f"{key}: {path} is a section page"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://dongkhoi.baovinhlong.vn/vuon-dua-a140001.html", "vinhlong"),
        ("https://www.baokontum.com.vn/xa-hoi/mot-ngay-moi-48001.html", "quangngai"),
        ("https://baobariavungtau.com.vn/chinh-tri/202112/mot-bai-cu-940001", "hochiminh"),
        ("https://www.baophuyen.vn/141/87001/bai-cu.html", "daklak"),
        ("https://baohaugiang.com.vn/thoi-su/bai-cu-12345.html", "cantho"),
    ],
)
def test_a_merged_paper_s_old_article_belongs_to_its_successor(url: str, key: str) -> None:
    profile = site_for_url(url)
    assert profile is not None and profile.key == key
    assert profile.is_article_path(urlsplit(url).path)
