import pytest

from baotinh.extraction.bylines import parse_byline


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        ("Bài và ảnh: Ngọc Ánh", ["Ngọc Ánh"]),
        ("Bài, ảnh: Trần Minh", ["Trần Minh"]),
        ("Thu Phong (thực hiện)", ["Thu Phong"]),
        ("Hoàng Lan - Đức Thắng", ["Hoàng Lan", "Đức Thắng"]),
        ("Minh Hà, Quang Huy", ["Minh Hà", "Quang Huy"]),
        ("Theo TTXVN", []),
        ("Báo Bắc Giang", []),
        ("BGĐT", []),
        ("", []),
    ],
)
def test_bylines_name_people_only(byline: str, people: list[str]) -> None:
    assert parse_byline(byline, site_names=("Báo Bắc Giang",)) == people


def test_decomposed_unicode_names_come_back_composed() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Bài: Ngọc Ánh")
    assert parse_byline(decomposed) == ["Ngọc Ánh"]
