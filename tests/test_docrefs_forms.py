"""Citations as real pages type them: the case of the type words, look-alike letters and dashes,
"số:", codes typed without "Đ". Sentences invented for the forms, from how Vietnamese papers and
legal-text sites write citations (see the comments in `baotinh.labels.doc_spelling`)."""

from __future__ import annotations

import pytest

from baotinh.labels.docrefs import find_doc_refs


def refs(text: str) -> list[str]:
    return [ref.ref for ref in find_doc_refs(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The type in lower case, as many papers write it inside a sentence.
        ("Thủ tướng đã ký quyết định số 1155/QĐ-TTg đổi tên bảo tàng", ["Quyết định 1155/QĐ-TTg"]),
        ("mức phạt theo nghị định 100/2019/NĐ-CP tăng mạnh", ["Nghị định 100/2019/NĐ-CP"]),
        ("các chi bộ quán triệt nghị quyết số 57-NQ/TW", ["Nghị quyết 57-NQ/TW"]),
        ("tiếp tục thực hiện chỉ thị 05-CT/TW", ["Chỉ thị 05-CT/TW"]),
        ("áp dụng thông tư 01/2020/TT-BGDĐT", ["Thông tư 01/2020/TT-BGDĐT"]),
        ("theo nghị định 100/2019 của Chính phủ", ["Nghị định 100/2019/NĐ-CP"]),
        ("quán triệt nghị quyết Trung ương 4 khóa XII", ["Nghị quyết Trung ương 4 khóa XII"]),
        # Each word capitalised, as in some headlines.
        ("Triển khai Nghị Quyết 35-NQ/TW", ["Nghị quyết 35-NQ/TW"]),
        ("Sửa Đổi Nghị Định 100/2019/NĐ-CP", ["Nghị định 100/2019/NĐ-CP"]),
        ("Quyết Định 1234/QĐ-UBND", ["Quyết định 1234/QĐ-UBND"]),
        # "Đ" typed as the Icelandic eth (U+00D0, U+00F0), common on pages converted from old
        # Vietnamese encodings.
        ("Nghị định số 100/2019/N\u00d0-CP", ["Nghị định 100/2019/NĐ-CP"]),
        ("Quyết định 1234/Q\u00d0-UBND", ["Quyết định 1234/QĐ-UBND"]),
        ("Quy định 105-Q\u00d0/TW", ["Quy định 105-QĐ/TW"]),
        ("Ngh\u1ecb \u00f0\u1ecbnh 100/2019/N\u00d0-CP", ["Nghị định 100/2019/NĐ-CP"]),
        # Dashes other than the hyphen, and the non-breaking hyphen.
        ("Chỉ thị 05\u2014CT/TW", ["Chỉ thị 05-CT/TW"]),
        ("Chỉ thị 05\u2011CT/TW", ["Chỉ thị 05-CT/TW"]),
        ("Nghị định 100/2019/NĐ\u2013CP", ["Nghị định 100/2019/NĐ-CP"]),
        ("Nghị định 100/2019/NĐ\u2010CP", ["Nghị định 100/2019/NĐ-CP"]),
        ("Nghị định 100/2019/NĐ\u2212CP", ["Nghị định 100/2019/NĐ-CP"]),
        # A zero-width space left by an editor.
        ("Nghị định\u200b 100/2019/NĐ-CP", ["Nghị định 100/2019/NĐ-CP"]),
        # "số:" as on a document's own header.
        ("Chỉ thị số: 05-CT/TW", ["Chỉ thị 05-CT/TW"]),
        ("Quyết định số: 1234/QĐ-UBND", ["Quyết định 1234/QĐ-UBND"]),
        # "TƯ" written "T.Ư".
        ("Nghị quyết 35-NQ/T.Ư", ["Nghị quyết 35-NQ/TW"]),
        ("Nghị quyết T.Ư 4 khóa XII", ["Nghị quyết Trung ương 4 khóa XII"]),
        # A code typed without "Đ" in a text that has its accents.
        ("Nghị định 100/2019/ND-CP về xử phạt", ["Nghị định 100/2019/NĐ-CP"]),
        ("Quyết định 1234/QD-UBND của UBND tỉnh", ["Quyết định 1234/QĐ-UBND"]),
        ("Quyết định 1234/QD-TTg", ["Quyết định 1234/QĐ-TTg"]),
        ("Nghị quyết 12/2024/NQ-HDND", ["Nghị quyết 12/2024/NQ-HĐND"]),
    ],
)
def test_how_pages_type_citations(text: str, expected: list[str]) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Lower-case type words that are ordinary words: no number, no code, no issuer.
        "tập thể quyết định 3 vấn đề lớn",
        "quy định 5 mức phạt khác nhau",
        "kế hoạch 5 năm 2021-2025 của UBND tỉnh",
        "thông báo 2 trường hợp mắc mới",
        "chương trình 135 của Chính phủ",
        "Quyết định 1234 của UBND tỉnh",
        # Dates, roads, phone numbers, a court's judgment and a law are not documents here.
        "ngày 15/2019 và ngày 16–3–2019",
        "xe chạy trên Quốc lộ 1A, km 15/2019",
        "gọi 0912–345–678",
        "theo bản án số 12/2020/HS-ST của TAND tỉnh",
        "Luật Đất đai số 31/2024/QH15 có hiệu lực",
        "dự thảo Luật Đất đai (sửa đổi)",
        # A resolution with its number and date but its code not written: the year of a
        # People's Council's resolution is in its code only when it is a legal one.
        "sửa đổi Nghị quyết số 47 ngày 13/12/2019 của HĐND tỉnh về bảng giá đất",
    ],
)
def test_what_stays_no_citation(text: str) -> None:
    assert refs(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The Party's other numbered types (Hướng dẫn 36-HD/VPTW lists their codes): a Thông
        # tri is TT, a Quy chế QC.
        ("thực hiện Thông tri số 03-TT/TW của Ban Bí thư", ["Thông tri 03-TT/TW"]),
        ("Quy chế số 01-QC/TU về làm việc của Tỉnh ủy", ["Quy chế 01-QC/TU"]),
        ("Thông tri 03 của Ban Bí thư", ["Thông tri 03-TT/TW"]),
        # A committee's resolution on one subject is a Nghị quyết by its code; a dispatch
        # marked urgent is still a Công văn or a Công điện.
        ("Nghị quyết chuyên đề số 05-NQ/TU của Tỉnh ủy", ["Nghị quyết 05-NQ/TU"]),
        ("Nghị quyết chuyên đề 03-NQ/HU", ["Nghị quyết 03-NQ/HU"]),
        ("Công văn hỏa tốc số 1234/BGDĐT-GDTrH", ["Công văn 1234/BGDĐT-GDTrH"]),
        ("Thủ tướng ký Công điện khẩn số 12/CĐ-TTg", ["Công điện 12/CĐ-TTg"]),
        ("Công điện hỏa tốc số 12/CĐ-TTg", ["Công điện 12/CĐ-TTg"]),
        # The Central Committee abbreviated BCH.
        ("Nghị quyết số 18 của BCH Trung ương", ["Nghị quyết 18-NQ/TW"]),
        ("Chỉ thị 05 của BCH TW", ["Chỉ thị 05-CT/TW"]),
        # A numbered resolution named by its plenum without its code: the plenum's resolutions
        # are the Central Committee's, NQ/TW, and it is listed by its number.
        ("Nghị quyết số 18 của Hội nghị Trung ương 6 khóa XII", ["Nghị quyết 18-NQ/TW"]),
        # Plenum resolutions spelled otherwise.
        (
            "Nghị quyết Hội nghị lần thứ tư BCH Trung ương Đảng khóa XII",
            ["Nghị quyết Trung ương 4 khóa XII"],
        ),
        (
            "Nghị quyết Hội nghị BCH Trung ương lần thứ 4 khóa XII",
            ["Nghị quyết Trung ương 4 khóa XII"],
        ),
        (
            "Nghị quyết Hội nghị Ban Chấp hành Trung ương lần thứ 4 khóa XII",
            ["Nghị quyết Trung ương 4 khóa XII"],
        ),
        ("Nghị quyết Trung ương 4 Khóa XII", ["Nghị quyết Trung ương 4 khóa XII"]),
        (
            "Nghị quyết Trung ương 4 khóa XI và khóa XII",
            ["Nghị quyết Trung ương 4 khóa XI", "Nghị quyết Trung ương 4 khóa XII"],
        ),
        (
            "Nghị quyết Trung ương 4 khóa XI, khóa XII",
            ["Nghị quyết Trung ương 4 khóa XI", "Nghị quyết Trung ương 4 khóa XII"],
        ),
        ("thực hiện NQ TƯ 4 khóa XII", ["Nghị quyết Trung ương 4 khóa XII"]),
        ("thực hiện NQTW 4 khóa XII", ["Nghị quyết Trung ương 4 khóa XII"]),
    ],
)
def test_more_types_issuers_and_plenums(text: str, expected: list[str]) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A congress's resolution, with or without BCH, stays out (issue 14's convention).
        "Nghị quyết Đại hội XIII của Đảng và Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX",
        "Nghị quyết của BCH Đảng bộ tỉnh",
        # A provincial committee's document cited short: its code is not certain.
        "Quy chế 01 của Tỉnh ủy",
        "Nghị quyết chuyên đề 05 của Huyện ủy",
        # "quy chế", "thông tri" as ordinary words.
        "Quy chế làm việc của HĐND tỉnh được thông qua",
        # A plenum held, not a resolution cited.
        "Hội nghị Trung ương 4 khóa XII diễn ra tại Hà Nội",
    ],
)
def test_what_the_new_types_and_issuers_leave_out(text: str) -> None:
    assert refs(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A type described before its number, as land and court reports name decisions: the
        # code after "số" says what it is.
        (
            "UBND huyện ban hành Quyết định thu hồi đất số 1234/QĐ-UBND ngày 5/3/2018",
            ["Quyết định 1234/QĐ-UBND"],
        ),
        (
            "ông khởi kiện Quyết định giải quyết khiếu nại lần hai số 456/QĐ-UBND của tỉnh",
            ["Quyết định 456/QĐ-UBND"],
        ),
        (
            "Quyết định xử phạt vi phạm hành chính số 01/QĐ-XPHC đối với công ty",
            ["Quyết định 01/QĐ-XPHC"],
        ),
        (
            "Quyết định công nhận kết quả trúng đấu giá quyền sử dụng đất số 88/QĐ-UBND",
            ["Quyết định 88/QĐ-UBND"],
        ),
        ("Thông báo thu hồi đất số 123/TB-UBND được gửi", ["Thông báo 123/TB-UBND"]),
        ("Kế hoạch triển khai số 45/KH-UBND của huyện", ["Kế hoạch 45/KH-UBND"]),
        ("Quyết định của UBND tỉnh số 12/2017/QĐ-UBND", ["Quyết định 12/2017/QĐ-UBND"]),
        # The type shortened to its code letters, before a full code of that kind.
        ("theo QĐ số 1234/QĐ-UBND của UBND huyện", ["Quyết định 1234/QĐ-UBND"]),
        ("NĐ 100/2019/NĐ-CP có hiệu lực", ["Nghị định 100/2019/NĐ-CP"]),
        ("Triển khai NQ 57-NQ/TW của Bộ Chính trị", ["Nghị quyết 57-NQ/TW"]),
        ("TT 01/2020/TT-BGDĐT quy định", ["Thông tư 01/2020/TT-BGDĐT"]),
        ("QĐ 105-QĐi/TW về nêu gương", ["Quy định 105-QĐi/TW"]),
        ("sơ kết CT 05-CT/TW", ["Chỉ thị 05-CT/TW"]),
    ],
)
def test_a_described_or_shortened_type_before_a_full_code(text: str, expected: list[str]) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Another type between: the code belongs to the nearer one.
        (
            "Nghị định này thay thế Thông tư số 12/2015/TT-BTC của Bộ Tài chính",
            ["Thông tư 12/2015/TT-BTC"],
        ),
        # A code of another kind than the type's: a proposal, a judgment, a law.
        ("Quyết định trên được ban hành theo tờ trình số 123/TTr-STC", []),
        ("Quyết định của tòa theo bản án số 12/2020/HS-ST", []),
        ("Quyết định này căn cứ Luật Đất đai số 45/2013/QH13", []),
        # A sentence between the type and the number.
        ("Quyết định đã có hiệu lực. Văn bản số 123/UBND-KT nêu rõ", []),
        # "QĐ" before a Party code: a Quy định or a Quyết định, the letters do not say.
        ("QĐ 99-QĐ/TW", []),
        # Capitals that are no type's letters.
        ("ĐT 12/2020/TT-BGDĐT", []),
    ],
)
def test_what_a_described_or_shortened_type_does_not_take(text: str, expected: list[str]) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Short forms with a year listed behind one type, or behind a full citation of it.
        (
            "các Nghị định 46/2016, 100/2019 và 123/2021 về xử phạt",
            ["Nghị định 46/2016/NĐ-CP", "Nghị định 100/2019/NĐ-CP", "Nghị định 123/2021/NĐ-CP"],
        ),
        (
            "Nghị định 100/2019/NĐ-CP và 123/2021 của Chính phủ",
            ["Nghị định 100/2019/NĐ-CP", "Nghị định 123/2021/NĐ-CP"],
        ),
        # A colon after the type, "hoặc" and "hay" between documents.
        (
            "theo các Nghị định: 46/2016/NĐ-CP; 100/2019/NĐ-CP",
            ["Nghị định 46/2016/NĐ-CP", "Nghị định 100/2019/NĐ-CP"],
        ),
        (
            "áp dụng Nghị định 46/2016/NĐ-CP hoặc 100/2019/NĐ-CP",
            ["Nghị định 46/2016/NĐ-CP", "Nghị định 100/2019/NĐ-CP"],
        ),
        # A document amends or replaces its issuer's own earlier one, cited short with its year:
        # that one carries the same code.
        (
            "Thông tư 64/2017/TT-BCA sửa đổi, bổ sung Thông tư 15/2014 về đăng ký xe",
            ["Thông tư 64/2017/TT-BCA", "Thông tư 15/2014/TT-BCA"],
        ),
        (
            "Quyết định 12/2021/QĐ-UBND thay thế Quyết định 45/2019 về giá đất",
            ["Quyết định 12/2021/QĐ-UBND", "Quyết định 45/2019/QĐ-UBND"],
        ),
        (
            "Thông tư 15/2014 được sửa đổi, bổ sung bởi Thông tư 64/2017/TT-BCA",
            ["Thông tư 15/2014/TT-BCA", "Thông tư 64/2017/TT-BCA"],
        ),
        # A slash typed twice.
        ("Quyết định số 05//2005/QĐ-BGTVT về đăng kiểm", ["Quyết định 05/2005/QĐ-BGTVT"]),
    ],
)
def test_lists_amendments_and_a_doubled_slash(text: str, expected: list[str]) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Not an amendment: the short one's issuer is not said.
        (
            "Thông tư 64/2017/TT-BCA có hiệu lực. Thông tư 22/2021 hướng dẫn đánh giá học sinh",
            ["Thông tư 64/2017/TT-BCA"],
        ),
        # An amendment across a sentence end, or of another type, passes nothing on.
        (
            "Thông tư 64/2017/TT-BCA đã ban hành. Sửa đổi Thông tư 15/2014 là cần thiết",
            ["Thông tư 64/2017/TT-BCA"],
        ),
        (
            "Quyết định 12/2021/QĐ-UBND sửa đổi Thông tư 15/2014",
            ["Quyết định 12/2021/QĐ-UBND"],
        ),
        # The issuer named beside the short one wins.
        (
            "Thông tư 64/2017/TT-BCA sửa đổi Thông tư 15/2014 của Bộ Tài chính",
            ["Thông tư 64/2017/TT-BCA", "Thông tư 15/2014/TT-BTC"],
        ),
        # A list of numbers that are not documents, and an address's double slash.
        ("Nghị định 100/2019/NĐ-CP, 15/3/2020 là ngày", ["Nghị định 100/2019/NĐ-CP"]),
        ("xem https://vbpl.vn//12 và Quyết định 12/QĐ-UBND", ["Quyết định 12/QĐ-UBND"]),
    ],
)
def test_what_lists_and_amendments_do_not_take(text: str, expected: list[str]) -> None:
    assert refs(text) == expected
