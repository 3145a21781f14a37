"""Districts by the names articles of 2008–2025 used: former districts and other spellings
(baotinh/labels/data/former_districts.json). Every sentence here is invented."""

from __future__ import annotations

import json
import re

import pytest

from baotinh.labels.places import GAZETTEER_PATH, find_provinces


def named(text: str) -> list[str]:
    return [mention.province for mention in find_provinces(text)]


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("Tại huyện Tĩnh Gia, bà con ngư dân tất bật sửa lưới chuẩn bị ra khơi.", "Thanh Hóa"),
        ("Huyện Hoành Bồ vừa hoàn thành tuyến đường liên xã mới.", "Quảng Ninh"),
        ("Nông dân huyện Kỳ Sơn, tỉnh Hòa Bình thu hoạch bưởi.", "Hòa Bình"),
        ("Hội nghị được tổ chức tại huyện Thông Nông.", "Cao Bằng"),
        ("Trường học ở huyện Trà Lĩnh đón học sinh trở lại.", "Cao Bằng"),
        ("Huyện Tây Trà đẩy mạnh trồng chè.", "Quảng Ngãi"),
        ("Khu đô thị mới mọc lên ở huyện Từ Liêm.", "Hà Nội"),
        ("Bãi biển thị xã Cửa Lò đông khách trong dịp lễ.", "Nghệ An"),
        ("Người dân huyện Đất Đỏ nhận tiền bồi thường.", "Bà Rịa - Vũng Tàu"),
        ("Đoàn kiểm tra làm việc tại huyện Yên Dũng.", "Bắc Giang"),
        ("Huyen Tinh Gia to chuc le ra quan.", "Thanh Hóa"),  # typed without accents
    ],
)
def test_a_former_district_names_its_province(text: str, province: str) -> None:
    assert named(text) == [province]


def test_the_mention_goes_through_the_former_district() -> None:
    (mention,) = find_provinces("Tại huyện Tĩnh Gia, bà con ngư dân ra khơi.")
    assert (mention.province, mention.current, mention.via) == (
        "Thanh Hóa",
        "Thanh Hóa",
        "huyện Tĩnh Gia",
    )


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("Ruộng bậc thang huyện Mù Cang Chải vào mùa lúa chín.", "Yên Bái"),
        ("Ruộng bậc thang huyện Mù Căng Chải vào mùa lúa chín.", "Yên Bái"),
        ("Thành phố Phan Rang-Tháp Chàm chỉnh trang bờ kè.", "Ninh Thuận"),
        ("Thành phố Phan Rang - Tháp Chàm chỉnh trang bờ kè.", "Ninh Thuận"),
        ("Nông dân huyện Đắk Hà thu hoạch cà phê.", "Kon Tum"),
        ("Nông dân huyện Đăk Đoa thu hoạch hồ tiêu.", "Gia Lai"),
        ("Lòng hồ huyện Nà Hang đón khách du lịch.", "Tuyên Quang"),
        ("Thành phố Qui Nhơn đón khách dịp hè.", "Bình Định"),
        # two units of one name in one province: the gazetteer wrote "Cai Lậy (Huyện)"
        ("Huyện Cai Lậy ra quân làm đường giao thông nông thôn.", "Tiền Giang"),
        ("Thị xã Kỳ Anh thu hút đầu tư vào khu kinh tế.", "Hà Tĩnh"),
    ],
)
def test_other_spellings_of_a_district_name_its_province(text: str, province: str) -> None:
    assert named(text) == [province]


def test_a_former_name_yields_to_a_current_district_of_that_name_elsewhere() -> None:
    # Kỳ Sơn is a district of Nghệ An still, and was one of Hòa Bình until 2020
    assert named("Lũ quét ở huyện Kỳ Sơn làm hư hỏng nhiều nhà dân.") == ["Nghệ An"]
    assert named("Huyện Kỳ Sơn (Nghệ An) và tỉnh Hòa Bình ký kết hợp tác.") == [
        "Nghệ An",
        "Hòa Bình",
    ]
    # folded, Tân Thành (Bà Rịa - Vũng Tàu until 2018) is Tân Thạnh (Long An)
    assert named("Huyen Tan Thanh to chuc hoi nghi.") == ["Long An"]
    assert named("Huyện Tân Thạnh tổ chức hội nghị.") == ["Long An"]
    assert named("Huyện Tân Thành tổ chức hội nghị.") == ["Bà Rịa - Vũng Tàu"]


def test_former_names_count_only_as_names_behind_their_kind() -> None:
    assert named("Trồng cà phê trên vùng đất đỏ bazan.") == []
    assert named("thị xã đất đỏ và huyện yên dũng viết thường") == []
    assert named("Nhà máy lọc dầu Nghi Sơn ở Tĩnh Gia mở rộng.") == []
    assert named("Ông Đông Sơn phát biểu tại hội nghị.") == []


def test_numbered_districts_are_not_names() -> None:
    # HCMC's quận 2 and quận 9 went into thành phố Thủ Đức in 2021; numbers are not matched
    assert named("Tại quận 9, dự án khu công nghệ cao mở rộng.") == []
    assert named("Tại quận Thủ Đức cũ, dự án khu công nghệ cao mở rộng.") == ["Hồ Chí Minh"]


def test_every_former_district_went_into_a_district_of_its_province() -> None:
    data = GAZETTEER_PATH.parent / "former_districts.json"
    table = json.loads(data.read_text(encoding="utf-8"))
    gazetteer = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    # by name: a unit may have changed kind since ("thị xã Phú Mỹ" is a city since 2025)
    districts = {
        (re.sub(r" [(].*[)]$", "", name), province) for name, _, province in gazetteer["districts"]
    }
    assert len(table["former"]) >= 20
    for row in table["former"]:
        assert row["province"] in gazetteer["provinces"], row
        assert row["into"] and row["listed_until"] and row["gone_in"], row
        for unit in row["into"]:
            _kind, name = re.match(r"(huyện|quận|thị xã|thành phố) (.+)", unit).groups()
            assert (name, row["province"]) in districts, (row["name"], unit)
