"""How texts spell the citations `baotinh.labels.docrefs` reads: the document types, and text
typed without accents or set in capitals brought back to the body's usual spelling, so that one
set of patterns reads them all."""

from __future__ import annotations

import re

from baotinh.labels.doc_issuers import MINISTRIES
from baotinh.labels.places import fold, is_unaccented

# Types and the letters their Party-style codes use ("Chỉ thị 05-CT/TW").
DOC_TYPES: dict[str, str] = {
    "Chỉ thị": "CT",
    "Nghị quyết": "NQ",
    "Kết luận": "KL",
    "Quy định": "QĐ",
    "Kế hoạch": "KH",
    "Quyết định": "QĐ",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Đề án": "ĐA",
    "Nghị định": "NĐ",
    "Thông tư": "TT",
    "Công văn": "CV",
    # Joint documents keep their own type: "Thông tư liên tịch 01/2017/TTLT-VKSNDTC-TANDTC".
    "Thông tư liên tịch": "TTLT",
    "Nghị quyết liên tịch": "NQLT",
    # The Prime Minister's (or a ministry's) numbered dispatch: "Công điện 10/CĐ-TTg".
    "Công điện": "CĐ",
}
# Other names of a type: a Party conclusion notice ("Thông báo kết luận số 123-TB/TW") is a
# Thông báo by its code, and is queried as one.
TYPE_ALIASES = {"Thông báo kết luận": "Thông báo", "Chương trình hành động": "Chương trình"}


# A headline set in capitals ("QUÁN TRIỆT NGHỊ QUYẾT SỐ 57-NQ/TW"): its type words, before a
# number, are read as the body writes them.
_CAPS_TYPE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        sorted((re.escape(t.upper()) for t in (*DOC_TYPES, *TYPE_ALIASES)), key=len, reverse=True)
    ).replace(r"\ ", r"\s+")
    + r")(?:\s+SỐ)?(?=\s+\d)"
)
_CAPS_FIRST_WORDS = frozenset(t.upper().split()[0] for t in (*DOC_TYPES, *TYPE_ALIASES))


# Text typed without accents ("Chi thi so 05-CT/TW cua Bo Chinh tri") gets back the accents of
# the words citations are made of, so the same patterns read it. Only these words, and only in
# text typed without accents (`is_unaccented`): accented text is never touched.
_REACCENT_WORDS = {
    **{fold(name): name for name in (*DOC_TYPES, *TYPE_ALIASES)},
    "so": "số", "ngay": "ngày", "thang": "tháng", "nam": "năm", "cua": "của", "khoa": "khóa",
    "Bo Chinh tri": "Bộ Chính trị", "Ban Bi thu": "Ban Bí thư", "Trung uong": "Trung ương",
    "Ban Chap hanh": "Ban Chấp hành", "Thu tuong": "Thủ tướng", "Chinh phu": "Chính phủ",
    "Quoc hoi": "Quốc hội", "Hoi nghi": "Hội nghị", "lan thu": "lần thứ", "Dai hoi": "Đại hội",
    "Dang": "Đảng", "Uy ban Thuong vu Quoc hoi": "Ủy ban Thường vụ Quốc hội",
    **{fold(name): name for names in MINISTRIES.values() for name in names},
}  # fmt: skip
_REACCENT_BY_KEY = {key.lower(): accented for key, accented in _REACCENT_WORDS.items()}
_REACCENT_CODES = {"QD": "QĐ", "ND": "NĐ", "DA": "ĐA", "DU": "ĐU", "HDND": "HĐND", "BGDDT": "BGDĐT"}
_REACCENT_WORD_RE = re.compile(
    r"(?<![\w])("
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_REACCENT_WORDS, key=len, reverse=True)
    )
    + r")(?![\w])",
    re.IGNORECASE,
)
_REACCENT_CODE_RE = re.compile(r"(?<=[-/])(" + "|".join(_REACCENT_CODES) + r")(?=[-/\s.,;)]|$)")


def _reaccent(text: str) -> str:
    def word(match: re.Match[str]) -> str:
        key = " ".join(match.group().split())
        accented = _REACCENT_BY_KEY[key.lower()]
        return accented[0].upper() + accented[1:] if key[0].isupper() else accented

    text = _REACCENT_WORD_RE.sub(word, text)
    return _REACCENT_CODE_RE.sub(lambda m: _REACCENT_CODES[m.group()], text)


def as_citations_are_written(text: str) -> str:
    """`text` (NFC) with the words of citations accented when it was typed without accents,
    and document types set in capitals ("NGHỊ QUYẾT SỐ 57-NQ/TW") written as in a body."""
    if is_unaccented(text):
        text = _reaccent(text)
    # Most texts have no type word in capitals: a substring test is cheaper than the pattern.
    if any(word in text for word in _CAPS_FIRST_WORDS):
        text = _CAPS_TYPE.sub(_as_written_in_the_body, text)
    return text


def _as_written_in_the_body(match: re.Match[str]) -> str:
    words = match.group().lower()
    return words[0].upper() + words[1:]
