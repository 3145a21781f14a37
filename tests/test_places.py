"""Provinces an article is about, before and after the 2025 merger."""

from __future__ import annotations

import pytest

from baotinh.labels.places import find_provinces, fold, load_gazetteer
from baotinh.papers import SITES


def named(text: str) -> list[str]:
    return [mention.province for mention in find_provinces(text)]


def test_the_gazetteer_has_every_province_before_and_after_the_merger() -> None:
    gazetteer = load_gazetteer()
    assert len({p for p in gazetteer.provinces if p in gazetteer.parts}) == 34
    assert len(gazetteer.provinces) == 63
    assert gazetteer.parts_of("Bắc Ninh") == ("Bắc Giang", "Bắc Ninh")
    assert set(gazetteer.parts_of("Ninh Bình")) == {"Hà Nam", "Nam Định", "Ninh Bình"}
    assert set(gazetteer.parts_of("Hải Phòng")) == {"Hải Dương", "Hải Phòng"}
    assert gazetteer.current_of("Lạng Sơn") == "Lạng Sơn"


@pytest.mark.parametrize("key", sorted(SITES))
def test_every_paper_s_provinces_are_in_the_gazetteer_and_agree_with_the_merger(key: str) -> None:
    profile = SITES[key]
    gazetteer = load_gazetteer()
    for province in profile.provinces_before:
        assert province in gazetteer.provinces, f"{key}: {province} is not in the gazetteer"
        if profile.province_after:
            assert gazetteer.current_of(province) == profile.province_after


def test_a_province_is_found_as_named_and_as_it_is_now() -> None:
    (mention,) = find_provinces("UBND tỉnh Bắc Giang tổ chức hội nghị tổng kết.")
    assert (mention.province, mention.current, mention.via) == ("Bắc Giang", "Bắc Ninh", "province")


def test_a_district_names_its_province_of_the_time() -> None:
    (mention,) = find_provinces("Nông dân huyện Lục Ngạn thu hoạch vải thiều.")
    assert (mention.province, mention.current, mention.via) == (
        "Bắc Giang",
        "Bắc Ninh",
        "huyện Lục Ngạn",
    )
    assert named("Thị xã Kinh Môn khánh thành cầu mới") == ["Hải Dương"]
    assert named("TP Nam Định chỉnh trang đô thị") == ["Nam Định"]


def test_text_without_accents_is_read_too() -> None:
    assert named("Huyen Yen The, tinh Bac Giang to chuc le hoi; doan cong tac tinh Lang Son") == [
        "Bắc Giang",
        "Lạng Sơn",
    ]


def test_accented_text_must_carry_the_name_s_own_accents() -> None:
    # "Hạ Nam" folds to "Ha Nam" but is not Hà Nam; both tone-mark placements are the same name.
    assert named("làng Hạ Nam ven sông") == []
    assert named("Tỉnh Hoà Bình và tỉnh Hòa Bình") == ["Hòa Bình"]
    assert named("Thanh Hoá, Khánh Hoà") == ["Thanh Hóa", "Khánh Hòa"]


def test_ho_chi_minh_the_man_is_not_the_city() -> None:
    assert named("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh") == []
    assert named("Chủ tịch Hồ Chí Minh") == []
    for city in ("TP Hồ Chí Minh", "thành phố Hồ Chí Minh", "TP.HCM", "TPHCM"):
        assert named(f"Đoàn công tác {city} thăm tỉnh") == ["Hồ Chí Minh"], city


def test_people_and_other_names_are_not_provinces() -> None:
    assert named("đồng chí Nguyễn Thái Bình phát biểu; chị Huế cho biết") == []
    assert named("các nước ven Thái Bình Dương") == []
    assert named("giữ gìn hòa bình, hà nội là lowercase") == []


def test_a_district_name_shared_by_provinces_needs_its_province_named() -> None:
    assert named("huyện Châu Thành tổ chức lễ ra quân") == []
    assert named("huyện Châu Thành (tỉnh Tiền Giang) tổ chức lễ ra quân") == ["Tiền Giang"]


def test_headlines_in_capitals() -> None:
    assert named("BẮC GIANG: KHỞI CÔNG CẦU MỚI") == ["Bắc Giang"]


def test_mentions_are_counted_in_order_of_first_mention() -> None:
    found = find_provinces("Hà Nội và Lạng Sơn ký kết; Lạng Sơn cử đoàn; huyện Cao Lộc tiếp đón")
    assert [(m.province, m.mentions) for m in found] == [("Hà Nội", 1), ("Lạng Sơn", 3)]


def test_fold_keeps_offsets() -> None:
    text = "Đảng bộ tỉnh Bắc Giang"
    assert len(fold(text)) == len(text)
    assert fold(text) == "Dang bo tinh Bac Giang"


def test_a_title_before_a_name_makes_it_a_person_but_a_verb_does_not() -> None:
    assert named("cô Huế dạy văn; ông Vĩnh Phúc phát biểu") == []
    assert named("Đoàn công tác có Hà Nội, Hải Phòng") == ["Hà Nội", "Hải Phòng"]
    assert named("co Hue day van") == []


def test_text_is_unaccented_by_its_letters_not_its_typography() -> None:
    from baotinh.labels.places import is_unaccented

    assert is_unaccented("Thuc hien Chi thi so 05-CT/TW “ve hoc tap” – noi dung")
    assert not is_unaccented("Tiêu đề")
    assert not is_unaccented("Thực hiện Chỉ thị số 05-CT/TW về học tập")
