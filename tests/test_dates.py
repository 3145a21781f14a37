from datetime import date, datetime

import pytest

from baotinh.core.dates import VIETNAM, parse_dateline, parse_iso


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("07:34, 24/05/2023", datetime(2023, 5, 24, 7, 34, tzinfo=VIETNAM)),
        ("Cập nhật: 07:00 | 19/05/2018", datetime(2018, 5, 19, 7, 0, tzinfo=VIETNAM)),
        ("Thứ Hai, 19/05/2024 - 06:37", datetime(2024, 5, 19, 6, 37, tzinfo=VIETNAM)),
        ("19/05/2024 06:37 GMT+7", datetime(2024, 5, 19, 6, 37, tzinfo=VIETNAM)),
        ("Đình Hiệp 19/05/2024 - 06:37", datetime(2024, 5, 19, 6, 37, tzinfo=VIETNAM)),
        ("Chủ nhật, 3/2/2020", date(2020, 2, 3)),
    ],
)
def test_vietnamese_datelines(dateline: str, expected: datetime | date) -> None:
    parsed = parse_dateline(dateline)
    assert parsed == expected
    if isinstance(expected, datetime):
        assert parsed.utcoffset() == expected.utcoffset()


def test_a_dateline_with_an_impossible_day_is_not_a_date() -> None:
    assert parse_dateline("Cập nhật: 07:00 | 31/02/2018") is None
    assert parse_dateline("không có ngày tháng") is None


def test_iso_without_offset_is_vietnamese_local_time() -> None:
    parsed = parse_iso("2025-06-17T13:43:02")
    assert parsed == datetime(2025, 6, 17, 13, 43, 2, tzinfo=VIETNAM)


def test_iso_in_another_zone_is_converted_not_relabelled() -> None:
    parsed = parse_iso("2025-06-17T06:43:02Z")
    assert parsed.isoformat() == "2025-06-17T13:43:02+07:00"


def test_iso_bare_date_stays_a_date() -> None:
    assert parse_iso("2025-06-17") == date(2025, 6, 17)


def test_iso_with_a_space_before_the_offset() -> None:
    parsed = parse_iso("2026-03-07T08:52:11.000 +07:00")
    assert parsed == datetime(2026, 3, 7, 8, 52, 11, tzinfo=VIETNAM)
