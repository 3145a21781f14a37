"""People's names out of Vietnamese bylines.

A byline names people ("Bài và ảnh: Ngọc Ánh", "Thu Phong (thực hiện)", "Hoàng Lan - Đức Thắng");
"Theo TTXVN" names a source, and a site or agency name is never an author.
"""

from __future__ import annotations

import re

from baotinh.core.text import nfc

_ROLE_PREFIX = re.compile(
    r"^(?:bài\s*(?:và|,|/|&)?\s*ảnh|bài|ảnh|tin\s*(?:và|,)?\s*ảnh|tin|video|clip|thực hiện|"
    r"nhóm phóng viên|phóng viên|pv|ctv|tác giả|người viết)\s*[:.]\s*",
    re.IGNORECASE,
)
_ROLE_SUFFIX = re.compile(
    r"\s*\((?:thực hiện|tổng hợp|lược dịch|dịch|ghi|ctv|pv|tttxvn|ttxvn|theo [^)]*)\)\s*$",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"\.(?:vn|com|net|org|info)\b", re.IGNORECASE)
_SOURCE = re.compile(r"^(?:theo|nguồn)\b", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[-–—]\s+|\s*,\s*|\s*;\s*|\s+và\s+|\s*&\s*")
_NOT_PEOPLE = re.compile(
    r"^(?:báo\b|tạp chí|đài\b|cổng thông tin|ttxvn|vtv|vov|bgđt|ban biên tập|nhóm pv|"
    r"pv\b|ctv\b|admin)",
    re.IGNORECASE,
)


def parse_byline(byline: str | None, site_names: tuple[str, ...] = ()) -> list[str]:
    """The people a byline credits, in order, without roles, sources or site names."""
    if not byline:
        return []
    text = " ".join(nfc(byline).split())
    if not text or _SOURCE.match(text):
        return []
    text = _ROLE_PREFIX.sub("", text)
    text = _ROLE_SUFFIX.sub("", text)
    not_people = {name.casefold() for name in site_names}
    people: list[str] = []
    for part in _SEPARATORS.split(text):
        name = _ROLE_SUFFIX.sub("", _ROLE_PREFIX.sub("", part)).strip(" .:-–")
        if not _looks_like_a_person(name) or name.casefold() in not_people:
            continue
        if name not in people:
            people.append(name)
    return people


def _looks_like_a_person(name: str) -> bool:
    if not name or _NOT_PEOPLE.match(name) or any(ch.isdigit() for ch in name):
        return False
    # "NLD.COM.VN", "toasoan@...": addresses, not people ("P.Y", initials, are people).
    if "@" in name or "/" in name or _DOMAIN.search(name):
        return False
    words = name.split()
    # Vietnamese names and pen names run one to five words, each capitalised.
    return 1 <= len(words) <= 5 and all(word[0].isupper() for word in words)
