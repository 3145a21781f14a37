"""Resolutions named by the Central Committee's plenum that passed them: "Nghị quyết Trung ương 4
khóa XII", "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng (khoá 12)", "NQ TƯ 4
khóa XI và khóa XII". `baotinh.labels.docrefs` lists each as "Nghị quyết Trung ương <n> khóa
<term>", the term in Roman numerals."""

from __future__ import annotations

import re
from itertools import chain

_ROMAN = {1: "I", 4: "IV", 5: "V", 9: "IX", 10: "X", 40: "XL", 50: "L"}
_ORDINALS = {
    "nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "mười ba": 13,
    "mười bốn": 14, "mười lăm": 15,
}  # fmt: skip
_ORDINAL_RE = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_TERM = r"(?:\d{1,2}|[IVXL]{1,6})"
# The Central Committee before "Trung ương", written out or as BCH; "khóa" capitalised or not.
_CENTRAL = r"(?:(?:Ban\s+Chấp\s+hành|BCH)\s+)?"
_KHOA = r"[kK]h(?:óa|oá|oa)"
_PLENUM_AFTER_TYPE = (
    r"(?:số\s+(?P<numbered>\d{1,5})(?P<coded>[^\s,;]*)\s+)?(?:của\s+)?(?:Hội\s+nghị\s+)?"
    rf"(?:{_CENTRAL}(?:Trung\s+ương\s+|(?:TƯ|TW)\s*)(?:lần\s+thứ\s+)?"
    rf"(?P<num>\d{{1,2}}(?!\d)|(?:{_ORDINAL_RE})\b)"
    rf"|(?:lần\s+thứ\s+)(?P<ord>{_ORDINAL_RE}|\d{{1,2}})\s+{_CENTRAL}Trung\s+ương(?:\s+Đảng)?)"
    rf"(?:\s*[(,-]?\s*{_KHOA}\s+(?P<terms>{_TERM}"
    rf"(?:\s*(?:,|và|-)\s*(?:{_KHOA}\s+)?{_TERM})*)\s*\)?)?"
)
# "Nghị quyết …", and "NQ …" as notes and headlines shorten it ("NQ TƯ 4", "NQTW 4"): two
# patterns, so that each starts with its own words and is looked for as fast as a plain string.
_PLENUMS = (
    re.compile(r"Nghị\s+quyết\s+" + _PLENUM_AFTER_TYPE),
    re.compile(r"NQ(?<![\w/-]NQ)\s*" + _PLENUM_AFTER_TYPE),
)


def roman(number: int) -> str:
    """4 → "IV", 12 → "XII": terms of the Party Central Committee are written in Roman numerals."""
    out = []
    for value in sorted(_ROMAN, reverse=True):
        while number >= value:
            out.append(_ROMAN[value])
            number -= value
    return "".join(out)


def _term(text: str) -> str:
    text = text.strip()
    if text.isdigit():
        return roman(int(text))
    if text.lower() in _ORDINALS:
        return roman(_ORDINALS[text.lower()])
    return text.upper()


def _plenum_number(text: str) -> int:
    return int(text) if text.isdigit() else _ORDINALS[text.lower()]


def plenum_matches(text: str) -> list[re.Match[str]]:
    """Every plenum resolution `text` names, in order; "NQ" is looked for only in texts that
    have it."""
    if "NQ" not in text:
        return list(_PLENUMS[0].finditer(text))
    return sorted(chain(*(p.finditer(text) for p in _PLENUMS)), key=lambda m: m.start())


def plenum_and_terms(match: re.Match[str]) -> tuple[int, list[str]]:
    """The plenum's number and the terms named with it ("khóa XI, XII" → ["XI", "XII"]; none
    when the text does not say)."""
    plenum = _plenum_number(match.group("num") or match.group("ord"))
    terms = re.findall(r"\d{1,2}|[IVXL]{1,6}", match.group("terms") or "")
    return plenum, [_term(term) for term in terms]
