"""Citations of Party and State documents, as analysts query them."""

from __future__ import annotations

from datetime import date

import pytest

from baotinh.labels.doc_plenums import roman
from baotinh.labels.docrefs import find_doc_refs


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


def test_congress_resolutions_are_not_listed() -> None:
    # Issue 14's convention: numbered documents and plenum resolutions only; a congress's
    # resolution has no number (and a local congress's does not say which one it is).
    text = (
        "Quán triệt Nghị quyết Đại hội XIII của Đảng, Nghị quyết Đại hội đại biểu toàn quốc lần"
        " thứ XIII và Nghị quyết Đại hội XVII Đảng bộ thành phố, gắn với Chỉ thị số 05-CT/TW."
    )
    assert refs(text) == ["Chỉ thị 05-CT/TW"]


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A ministry's circular cited in full, and short with its year and its ministry named
        # after it, or before it as the one who issued it.
        (
            "Thông tư số 12/2023/TT-BTC ngày 5/3/2023 của Bộ Tài chính quy định mức thu phí",
            ["Thông tư 12/2023/TT-BTC"],
        ),
        (
            "Theo Thông tư 12/2023 của Bộ Tài chính, mức thu phí giảm 50%.",
            ["Thông tư 12/2023/TT-BTC"],
        ),
        ("Thông tư số 29/2024 do Bộ Giáo dục và Đào tạo ban hành", ["Thông tư 29/2024/TT-BGDĐT"]),
        ("Thông tư 17/2012 của Bộ GD&ĐT về dạy thêm, học thêm", ["Thông tư 17/2012/TT-BGDĐT"]),
        (
            "Bộ trưởng Bộ Y tế vừa ký ban hành Thông tư 22/2023 sửa đổi danh mục thuốc",
            ["Thông tư 22/2023/TT-BYT"],
        ),
        (
            "áp dụng Thông tư 08/2024 của Bộ Lao động - Thương binh và Xã hội về tiền lương",
            ["Thông tư 08/2024/TT-BLĐTBXH"],
        ),
        (
            "Thông tư 05/2025 của Bộ Nông nghiệp và Phát triển nông thôn về giống cây trồng",
            ["Thông tư 05/2025/TT-BNNPTNT"],
        ),
        (
            "Ngân hàng Nhà nước đã ban hành Thông tư 02/2023 về cơ cấu nợ",
            ["Thông tư 02/2023/TT-NHNN"],
        ),
        ("thuc hien Thong tu 12/2023 cua Bo Tai chinh ve phi", ["Thông tư 12/2023/TT-BTC"]),
        # The National Assembly's Standing Committee, numbered by its term.
        (
            "Nghị quyết số 1111/NQ-UBTVQH14 về điều chỉnh địa giới hành chính xã",
            ["Nghị quyết 1111/NQ-UBTVQH14"],
        ),
        (
            "căn cứ Nghị quyết 35/2023/UBTVQH15 về sắp xếp đơn vị hành chính cấp huyện, cấp xã",
            ["Nghị quyết 35/2023/UBTVQH15"],
        ),
        (
            "Ủy ban Thường vụ Quốc hội vừa ban hành Nghị quyết 35/2023 về sắp xếp",
            ["Nghị quyết 35/2023/UBTVQH15"],
        ),
        ("thực hiện Nghị quyết 104/2023 của Quốc hội về dự toán", ["Nghị quyết 104/2023/QH15"]),
        # The Party's conclusion notices, conclusions and rules (QĐi since the XIII term).
        (
            "Thông báo kết luận số 123-TB/TW ngày 2/3/2024 của Bộ Chính trị về phát triển vùng",
            ["Thông báo 123-TB/TW"],
        ),
        ("Kết luận số 21-KL/TW ngày 25/10/2021 của Hội nghị Trung ương 4", ["Kết luận 21-KL/TW"]),
        ("Quy định số 08-QĐi/TW về trách nhiệm nêu gương", ["Quy định 08-QĐi/TW"]),
        # Ministries' decisions and their departments, joint documents, dispatches.
        (
            "Quyết định số 1234/QĐ-BNNPTNT ngày 12/4/2023 của Bộ Nông nghiệp và Phát triển nông"
            " thôn công nhận",
            ["Quyết định 1234/QĐ-BNNPTNT"],
        ),
        (
            "theo Thông tư liên tịch số 01/2017/TTLT-VKSNDTC-TANDTC-BCA-BTP về phối hợp",
            ["Thông tư liên tịch 01/2017/TTLT-VKSNDTC-TANDTC-BCA-BTP"],
        ),
        (
            "Nghị quyết liên tịch số 01/2023/NQLT-CP-ĐCTUBTWMTTQVN về quy chế phối hợp",
            ["Nghị quyết liên tịch 01/2023/NQLT-CP-ĐCTUBTWMTTQVN"],
        ),
        ("Thủ tướng ra Công điện số 10/CĐ-TTg về ứng phó bão", ["Công điện 10/CĐ-TTg"]),
        ("Công điện 10 của Thủ tướng Chính phủ yêu cầu các địa phương", ["Công điện 10/CĐ-TTg"]),
        # The year written out.
        ("Nghị định 71 năm 2010 của Chính phủ quy định chi tiết", ["Nghị định 71/2010/NĐ-CP"]),
        # A code glued to the word after it by a page that lost the space.
        ("Nghị định 100/2019/NĐ-CPvề xử phạt vi phạm", ["Nghị định 100/2019/NĐ-CP"]),
        ("Thông tư 12/2023/TT-BTCquy định mức thu", ["Thông tư 12/2023/TT-BTC"]),
    ],
)
def test_numbering_of_ministries_the_assembly_and_the_party(text: str, expected: list[str]) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Which body's circular, which term's resolution, which ministry's decision: not said.
        "Thông tư 22/2021 hướng dẫn đánh giá học sinh",
        "Thông tư 15/2022 của Sở Giáo dục và Đào tạo",
        "Nghị quyết 33/2021 của Quốc hội",  # 2021: the XIV term's or the XV's
        "Quyết định 123/2021 của Bộ Y tế",
        # Numbers and years that are not citations.
        "Kế hoạch 5 năm 2021-2025 của UBND tỉnh",
        "Nghị quyết 5 năm 2020 được thông qua",
        "Luật số 45/2019/QH14 có hiệu lực",
        "Quyết định 12/QĐ-UBNDtinh",
    ],
)
def test_numbering_whose_code_is_not_certain_is_left_out(text: str) -> None:
    assert refs(text) == []


def test_a_numbered_resolution_described_by_its_plenum_is_one_document() -> None:
    text = "Nghị quyết số 60-NQ/TW của Hội nghị Trung ương 11 khóa XIII về đổi mới"
    assert refs(text) == ["Nghị quyết 60-NQ/TW"]


def test_documents_listed_after_one_type_are_each_a_document() -> None:
    """Party and State writing lists several documents of one type behind it: "các Nghị quyết
    số 18-NQ/TW, 19-NQ/TW", "Nghị định 46/2016/NĐ-CP và 171/2013/NĐ-CP"."""
    assert refs("Quán triệt các Nghị quyết số 18-NQ/TW, 19-NQ/TW và 26-NQ/TW của Trung ương.") == [
        "Nghị quyết 18-NQ/TW",
        "Nghị quyết 19-NQ/TW",
        "Nghị quyết 26-NQ/TW",
    ]
    assert refs("theo Nghị định 46/2016/NĐ-CP và 171/2013/NĐ-CP của Chính phủ") == [
        "Nghị định 46/2016/NĐ-CP",
        "Nghị định 171/2013/NĐ-CP",
    ]
    # Another kind of code behind the type is not that type: left to its own citation.
    assert refs("Chỉ thị 05-CT/TW, 21-KL/TW") == ["Chỉ thị 05-CT/TW"]
    # Numbers that are not codes are no documents.
    assert refs("Quyết định số 1234/QĐ-UBND, 567 hộ dân được hỗ trợ.") == [
        "Quyết định 1234/QĐ-UBND"
    ]


def test_a_plenum_written_tw4_and_a_department_code_with_a_small_letter() -> None:
    assert refs("thực hiện Nghị quyết TW4 khóa XII về xây dựng Đảng") == [
        "Nghị quyết Trung ương 4 khóa XII"
    ]
    # "GDTrH" (the ministry's secondary-education department): a small letter between capitals.
    assert refs("Công văn số 1234/BGDĐT-GDTrH ngày 5/3/2024 hướng dẫn") == [
        "Công văn 1234/BGDĐT-GDTrH"
    ]
    assert refs("Nghị định số 100/2019/NĐ-CPngày 30/12/2019") == ["Nghị định 100/2019/NĐ-CP"]


def test_several_numbers_sharing_one_code_are_each_a_document() -> None:
    """ "các Nghị quyết số 18, 19-NQ/TW": the numbers share the code written once after them."""
    assert refs("Triển khai các Nghị quyết số 18, 19-NQ/TW của Trung ương.") == [
        "Nghị quyết 18-NQ/TW",
        "Nghị quyết 19-NQ/TW",
    ]
    assert refs("theo Quyết định số 1234 và 1235/QĐ-UBND của UBND tỉnh") == [
        "Quyết định 1234/QĐ-UBND",
        "Quyết định 1235/QĐ-UBND",
    ]
    assert refs("Nghị quyết 18, 19 năm 2017") == []  # no code: which documents is not written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A headline set in capitals cites as the body does.
        (
            "QUÁN TRIỆT NGHỊ QUYẾT SỐ 57-NQ/TW CỦA BỘ CHÍNH TRỊ",
            ["Nghị quyết 57-NQ/TW"],
        ),
        ("SƠ KẾT CHỈ THỊ 05-CT/TW TẠI ĐẢNG BỘ XÃ", ["Chỉ thị 05-CT/TW"]),
        ("TRIỂN KHAI NGHỊ ĐỊNH 168/2024/NĐ-CP", ["Nghị định 168/2024/NĐ-CP"]),
        # A Party document typed with the State's slash ("57/NQ-TW"): its issuer (TW, TU, HU,
        # ĐU…) is a Party committee's, so it is the Party document "57-NQ/TW".
        ("thực hiện Nghị quyết 57/NQ-TW của Bộ Chính trị", ["Nghị quyết 57-NQ/TW"]),
        ("theo Kế hoạch số 12/KH-TU của Tỉnh ủy", ["Kế hoạch 12-KH/TU"]),
        # A space where the dash belongs.
        ("thực hiện Nghị quyết 57 NQ/TW của Bộ Chính trị", ["Nghị quyết 57-NQ/TW"]),
        # A programme of action is a Chương trình by its code, as a conclusion notice is a
        # Thông báo.
        ("Chương trình hành động số 45-CTr/TU của Tỉnh ủy", ["Chương trình 45-CTr/TU"]),
    ],
)
def test_capitals_a_party_code_in_state_form_and_a_programme_of_action(
    text: str, expected: list[str]
) -> None:
    assert refs(text) == expected


def test_capitals_and_spaces_do_not_make_documents_of_other_words() -> None:
    # Capitals read as citations only where a document type is followed by its number.
    assert refs("NGHỊ QUYẾT ĐI VÀO CUỘC SỐNG") == []
    # A State decision keeps its slash form: its issuer is no Party committee.
    assert refs("Quyết định 12/QĐ-UBND") == ["Quyết định 12/QĐ-UBND"]
    # A number and a year are not a Party code.
    assert refs("Nghị quyết 57 năm 2024 về khoa học") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chỉ thị 15, 16 của Thủ tướng Chính phủ", ["Chỉ thị 15/CT-TTg", "Chỉ thị 16/CT-TTg"]),
        (
            "thực hiện Chỉ thị số 05 và Kết luận số 01 của Bộ Chính trị",
            ["Chỉ thị 05-CT/TW", "Kết luận 01-KL/TW"],
        ),
        (
            "Nghị quyết số 18 và 19 của Ban Chấp hành Trung ương",
            ["Nghị quyết 18-NQ/TW", "Nghị quyết 19-NQ/TW"],
        ),
    ],
)
def test_short_mentions_listed_before_one_issuer_each_take_its_code(
    text: str, expected: list[str]
) -> None:
    assert refs(text) == expected


def test_a_list_that_runs_into_other_numbers_takes_no_issuer() -> None:
    assert refs("Chỉ thị 05 và 45 đảng viên của Tỉnh ủy") == []
    assert refs("Nghị quyết 12, năm 2020 của Tỉnh ủy") == []
