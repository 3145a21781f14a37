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
    # The Party's circular letter and its rules of work, with the codes the Party's rule on
    # the form of its documents gives them (Hướng dẫn 36-HD/VPTW, 2018): "Thông tri 03-TT/TW",
    # "Quy chế 01-QC/TU".
    "Thông tri": "TT",
    "Quy chế": "QC",
}
# Other names of a type: a Party conclusion notice ("Thông báo kết luận số 123-TB/TW") is a
# Thông báo by its code, and is queried as one.
# So is a committee's resolution on one subject ("Nghị quyết chuyên đề số 05-NQ/TU"), and a
# dispatch marked urgent ("Công điện hỏa tốc số 12/CĐ-TTg") is still a Công điện.
TYPE_ALIASES = {
    "Thông báo kết luận": "Thông báo",
    "Chương trình hành động": "Chương trình",
    "Nghị quyết chuyên đề": "Nghị quyết",
    "Công văn hỏa tốc": "Công văn",
    "Công văn hoả tốc": "Công văn",
    "Công văn khẩn": "Công văn",
    "Công điện hỏa tốc": "Công điện",
    "Công điện hoả tốc": "Công điện",
    "Công điện khẩn": "Công điện",
}


# Type words written other than as a body writes them: a headline set in capitals ("NGHỊ QUYẾT
# SỐ 57-NQ/TW"), each word capitalised ("Nghị Quyết 35-NQ/TW"), lower case inside a sentence
# ("theo quyết định số 1155/QĐ-TTg", "nghị quyết Trung ương 4") are read as the body writes them.
# Without a number (or a plenum) after them they are ordinary words ("quyết định", "quy định",
# "kế hoạch") and are left alone.
_TYPE_BY_KEY = {t.lower(): t for t in (*DOC_TYPES, *TYPE_ALIASES)}
_TYPE_ALTERNATIVES = "|".join(
    sorted((re.escape(t) for t in _TYPE_BY_KEY), key=len, reverse=True)
).replace(r"\ ", r"\s+")
_CAPS_TYPE = re.compile(
    r"(?<!\w)(?P<type>"
    + "|".join(sorted((re.escape(t.upper()) for t in _TYPE_BY_KEY), key=len, reverse=True)).replace(
        r"\ ", r"\s+"
    )
    + r")(?P<so>\s+SỐ)?(?=\s*:?\s*\d)"
)
_CAPS_FIRST_WORDS = frozenset(t.upper().split()[0] for t in _TYPE_BY_KEY)
# Any other case is looked for only where a code or a year follows a number ("…/QĐ-TTg",
# "…-NQ/TW", "…/2019"): the slash is rare in prose, so the few words before it are all that is
# read, not the whole article (a case-blind pattern over every article would cost more than
# reading its citations).
# (the second slash of a date, "15/3/2019", is passed over)
_CODE_SLASH = re.compile(r"/(?<!/\d/)(?<!/\d\d/)\s*(?:[A-ZĐ]|(?:19|20)\d\d)")
_TYPE_BEFORE_NUMBER = re.compile(
    rf"(?i)(?<!\w)(?P<type>{_TYPE_ALTERNATIVES})(?P<so>\s+số)?"
    r"(?=\s*:?\s*\d{1,5}[a-z]?(?:\s*-\s*[^\W\d_]{1,5})?\s*$)"
)
_LOWER_PLENUM = re.compile(r"nghị\s+quyết(?=\s+(?:hội\s+nghị\s+)?(?:Trung\s+ương|TƯ|TW))")

_DOUBLE_SLASH = re.compile(r"(?<=\d)\s*//\s*(?=\d)")

# Characters pages put where a citation has others: "Đ" typed as the Icelandic eth "Ð"/"ð"
# (U+00D0/U+00F0, or the African D U+0189), left by conversions from the old Vietnamese 8-bit
# encodings; every dash and the non-breaking hyphen for "-"; zero-width spaces and soft hyphens
# an editor left inside a citation. Each is one character for one, or none.
_LOOKALIKES = {
    "\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u200b": "", "\ufeff": "", "\u00ad": "",
}  # fmt: skip


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
    """`text` (NFC) with look-alike letters and dashes replaced, the words of citations accented
    when it was typed without accents, and document types in capitals or lower case ("NGHỊ
    QUYẾT SỐ 57-NQ/TW", "quyết định số 1155/QĐ-TTg") written as in a body."""
    for char, meant in _LOOKALIKES.items():
        if char in text:  # most texts have none: a scan each is cheaper than a translation
            text = text.replace(char, meant)
    if "T.Ư" in text:
        text = text.replace("T.Ư", "TƯ")
    if "//" in text:  # a slash typed twice in a number ("05//2005"), not an address's
        text = _DOUBLE_SLASH.sub("/", text)
    if is_unaccented(text):
        text = _reaccent(text)
    # Most texts have no type word in capitals: a substring test is cheaper than the pattern.
    if any(word in text for word in _CAPS_FIRST_WORDS):
        text = _CAPS_TYPE.sub(_as_written_in_the_body, text)
    spans = []
    for slash in _CODE_SLASH.finditer(text):
        start = max(0, slash.start() - 40)
        typed = _TYPE_BEFORE_NUMBER.search(text, start, slash.start())
        if typed:
            spans.append(typed)
    if "nghị quyết" in text:
        spans.extend(_LOWER_PLENUM.finditer(text))
    for typed in sorted(spans, key=lambda match: match.start(), reverse=True):
        written = _as_written_in_the_body(typed)
        if written != typed.group():
            text = text[: typed.start()] + written + text[typed.end() :]
    return text


def _as_written_in_the_body(match: re.Match[str]) -> str:
    words = match.groupdict().get("type") or match.group()
    doc_type = _TYPE_BY_KEY[" ".join(words.split()).lower()]
    return doc_type + (match.groupdict().get("so") or "").lower()
