"""Citations of Party and State documents, as analysts query them."""

from __future__ import annotations

from datetime import date

import pytest

from baotinh.labels.docrefs import find_doc_refs, roman


def refs(text: str) -> list[str]:
    return [ref.ref for ref in find_doc_refs(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The examples DESIGN.md gives.
        ("Chỉ thị số 05-CT/TƯ ngày 15-5-2016 của Bộ Chính trị", ["Chỉ thị 05-CT/TW"]),
        ("thực hiện Chỉ thị số 1973/CT-TTg của Thủ tướng", ["Chỉ thị 1973/CT-TTg"]),
        (
            "theo Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng",
            ["Nghị quyết Trung ương 4 khóa XII"],
        ),
        # Spellings papers use for the same things.
        ("Nghị quyết Trung ương 4 (khoá 12)", ["Nghị quyết Trung ương 4 khóa XII"]),
        ("Nghị quyết TƯ 4 khóa XI", ["Nghị quyết Trung ương 4 khóa XI"]),
        (
            "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII",
            ["Nghị quyết Trung ương 4 khóa XIII"],
        ),
        (
            "Nghị quyết Trung ương 4 khóa XII, XIII",
            ["Nghị quyết Trung ương 4 khóa XII", "Nghị quyết Trung ương 4 khóa XIII"],
        ),
        ("Kết luận số 01-KL/TƯ ngày 18-5-2021", ["Kết luận 01-KL/TW"]),
        ("Kết luận 1-KL/TW", ["Kết luận 01-KL/TW"]),
        ("Kế hoạch số 144 - KH/TU của Tỉnh ủy", ["Kế hoạch 144-KH/TU"]),
        ("Quy định số 101-QĐ/TƯ", ["Quy định 101-QĐ/TW"]),
        ("Quyết định số 2345/QĐ-UBND ngày 3/4/2024", ["Quyết định 2345/QĐ-UBND"]),
        ("Nghị định 100/2019/NĐ-CP về xử phạt", ["Nghị định 100/2019/NĐ-CP"]),
        ("Thông báo số 12-TB/TW", ["Thông báo 12-TB/TW"]),
        ("Nghị quyết số 57-NQ/TW về khoa học", ["Nghị quyết 57-NQ/TW"]),
        ("Nghị quyết Đại hội XIII của Đảng", ["Nghị quyết Đại hội XIII"]),
        ("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII", ["Nghị quyết Đại hội XIII"]),
    ],
)
def test_citations_are_normalised(text: str, expected: list[str]) -> None:
    assert refs(text) == expected


def test_a_short_mention_is_the_document_cited_in_full_and_is_listed_once() -> None:
    text = (
        "Chỉ thị 05 của Bộ Chính trị đi vào cuộc sống. Thực hiện Chỉ thị số 05-CT/TW (Chỉ thị"
        " 05) và Kết luận số 01-KL/TW (Kết luận 01), tỉnh đã sơ kết. Chỉ thị 05 được quán triệt."
    )
    found = find_doc_refs(text)
    assert [ref.ref for ref in found] == ["Chỉ thị 05-CT/TW", "Kết luận 01-KL/TW"]
    assert found[0].mentions == 4


def test_the_issuer_completes_a_short_mention_only_when_it_makes_the_code_certain() -> None:
    assert refs("Chỉ thị 05 của Bộ Chính trị") == ["Chỉ thị 05-CT/TW"]
    assert refs("Chỉ thị 16 của Thủ tướng Chính phủ") == ["Chỉ thị 16/CT-TTg"]
    # A bare number names no document; nor does a provincial committee's (its code is unknown).
    assert refs("Thực hiện Chỉ thị 05, các chi bộ đã đăng ký") == []
    assert refs("Kế hoạch 20 của Tỉnh ủy") == []


def test_local_congress_resolutions_are_not_documents_we_can_name() -> None:
    text = "Nghị quyết Đại hội XIII của Đảng, Nghị quyết Đại hội XVII Đảng bộ thành phố"
    assert refs(text) == ["Nghị quyết Đại hội XIII"]


def test_issuer_and_date_are_kept() -> None:
    (ref,) = find_doc_refs("Chỉ thị số 05-CT/TƯ ngày 15-5-2016 của Bộ Chính trị khóa XII")
    assert ref.issuer == "Bộ Chính trị"
    assert ref.issued_on == date(2016, 5, 15)
    assert ref.code == "CT/TW"
    assert ref.number == "05"


def test_a_bare_plenum_is_the_one_named_with_its_term_elsewhere() -> None:
    text = "Nghị quyết Trung ương 4 khóa XII ... tiếp tục thực hiện Nghị quyết Trung ương 4."
    found = find_doc_refs(text)
    assert [ref.ref for ref in found] == ["Nghị quyết Trung ương 4 khóa XII"]
    assert found[0].mentions == 2


def test_words_that_look_like_documents_are_not() -> None:
    assert refs("Quyết định của tập thể; kế hoạch năm 2025; nghị quyết của chi bộ") == []
    assert refs("Chuyên mục Nghị quyết và Cuộc sống") == []


def test_decomposed_unicode_reads_the_same() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Chỉ thị số 05-CT/TƯ của Bộ Chính trị")
    assert refs(text) == ["Chỉ thị 05-CT/TW"]


def test_roman_numerals() -> None:
    assert [roman(n) for n in (4, 9, 11, 12, 13, 14)] == ["IV", "IX", "XI", "XII", "XIII", "XIV"]


def test_text_typed_without_accents_is_read_too() -> None:
    text = (
        "Thuc hien Chi thi so 05-CT/TW ngay 15-5-2016 cua Bo Chinh tri va Nghi dinh"
        " 168/2024/ND-CP, Quy dinh so 101-QD/TW. Chi thi 05 duoc quan triet."
    )
    found = find_doc_refs(text)
    assert [ref.ref for ref in found] == [
        "Chỉ thị 05-CT/TW",
        "Nghị định 168/2024/NĐ-CP",
        "Quy định 101-QĐ/TW",
    ]
    assert (found[0].issuer, found[0].issued_on) == ("Bộ Chính trị", date(2016, 5, 15))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A decree is always the Government's: the year is enough.
        ("Theo Nghị định 100/2019 của Chính phủ, mức phạt tăng.", ["Nghị định 100/2019/NĐ-CP"]),
        (
            "Nghị định số 123/2021 sửa đổi, bổ sung Nghị định 100/2019",
            ["Nghị định 123/2021/NĐ-CP", "Nghị định 100/2019/NĐ-CP"],
        ),
        # A decision only with the issuer the text names, before or after it.
        ("Quyết định số 12/2021 của Thủ tướng Chính phủ", ["Quyết định 12/2021/QĐ-TTg"]),
        ("Thủ tướng Chính phủ vừa ban hành Quyết định 28/2023 về", ["Quyết định 28/2023/QĐ-TTg"]),
        ("UBND tỉnh ban hành Quyết định 25/2021 quy định giá đất", ["Quyết định 25/2021/QĐ-UBND"]),
        ("Nghị quyết 12/2023 của HĐND tỉnh về mức thu học phí", ["Nghị quyết 12/2023/NQ-HĐND"]),
        ("nghi dinh 100/2019 cua Chinh phu ve xu phat", ["Nghị định 100/2019/NĐ-CP"]),
    ],
)
def test_short_state_citations_with_a_year_are_completed_when_the_code_is_certain(
    text: str, expected: list[str]
) -> None:
    assert refs(text) == expected


def test_a_short_citation_with_a_year_whose_code_is_uncertain_is_left_out() -> None:
    # Whose decision, which ministry's circular: the words do not say.
    assert refs("Quyết định 123/2021 về quy chế làm việc được sửa đổi.") == []
    assert refs("Thông tư 22/2021 hướng dẫn đánh giá học sinh") == []


def test_a_short_citation_with_a_year_is_the_one_cited_in_full() -> None:
    found = find_doc_refs(
        "Nghị định 100/2019/NĐ-CP hết hiệu lực. Các mức phạt của Nghị định 100/2019 thấp hơn."
    )
    assert [(ref.ref, ref.mentions) for ref in found] == [("Nghị định 100/2019/NĐ-CP", 2)]
    found = find_doc_refs(
        "Thực hiện Quyết định 45/2022/QĐ-UBND của tỉnh. Quyết định 45/2022 quy định rõ mức giá."
    )
    assert [(ref.ref, ref.mentions) for ref in found] == [("Quyết định 45/2022/QĐ-UBND", 2)]


def test_a_code_ends_with_its_word_even_when_the_page_glued_the_date_onto_it() -> None:
    refs = find_doc_refs("Thực hiện Nghị định 15/2020/NĐ-CPngày 3/2/2020 của Chính phủ, tỉnh đã…")
    assert [ref.ref for ref in refs] == ["Nghị định 15/2020/NĐ-CP"]
    # A code that runs on into a word is not a code.
    assert find_doc_refs("Quyết định 12/QĐ-UBNDtinh") == []


def test_a_ministry_departments_code_keeps_all_its_parts() -> None:
    refs = find_doc_refs("theo Quyết định 456/QĐ-BNN-TCCB ngày 9/5/2023 về công tác cán bộ")
    assert [ref.ref for ref in refs] == ["Quyết định 456/QĐ-BNN-TCCB"]
