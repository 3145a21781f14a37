"""The parts citations are read from, shared by `baotinh.labels.docrefs` and the forms it reads
beside the usual one: the document types, Party-style and State-style codes, the date after
them; and a code written the way analysts query it (`fold_code`)."""

from __future__ import annotations

import re

from baotinh.labels.doc_spelling import DOC_TYPES, TYPE_ALIASES

TYPE_RE = "|".join(
    sorted((re.escape(t) for t in (*DOC_TYPES, *TYPE_ALIASES)), key=len, reverse=True)
).replace(r"\ ", r"\s+")
# The issuers of Party documents: the Central Committee and its boards ("TW", "BTGTW"), a
# province's, district's or ward's committee ("TU", "HU", "QU", "ĐU", "ĐUK"). A Party code typed
# in the State's form ("57/NQ-TW") is the Party document ("57-NQ/TW").
PARTY_ISSUER = re.compile(r"(?:[A-ZĐ]*TW|TU|HU|QU|ĐUK?)")
LETTERS = r"A-ZĐƯ"
# "05-CT/TW", "05 - CT/TƯ", "11-KH/TU", "02-CTr/QU", "101-QĐ/TƯ", "21-KL/TW"
PARTY_CODE = (
    # a space where the dash belongs ("57 NQ/TW") is read as the dash
    r"(?P<pnum>\d{1,5}[a-z]?)(?:\s*[-–]\s*|\s+)"
    rf"(?P<pkind>[{LETTERS}][{LETTERS}a-z]{{0,4}})\s*/\s*"
    rf"(?P<pissuer>[{LETTERS}][{LETTERS}0-9]{{0,9}})"
)
# The issuer's part of a State code: capitals and digits ("UBND", "BGDĐT", "NV1"), the Prime
# Minister's "TTg" the one word with a small letter; several for a ministry's department
# ("QĐ-BNN-TCCB") or a joint document's issuers ("TTLT-BCA-BQP", "NQLT-CP-ĐCTUBTWMTTQVN");
# "&" in older ministry codes ("BNN&PTNT").
# A small letter between capitals is part of a department's code ("BGDĐT-GDTrH"), one before a
# small letter is the next word glued on ("NĐ-CPngày").
ISSUER_CODE = rf"(?:TTg|[{LETTERS}](?:[{LETTERS}0-9&]|[a-z](?=[{LETTERS}])){{0,14}})"
_GLUED = (
    r"(?=ngày|ngay|của|cua|về|và|do\s|tại\s|quy\s+định|hướng\s+dẫn|sửa\s+đổi|ban\s+hành"
    r"|có\s+hiệu|được\s)"
)
# "1973/CT-TTg", "100/2019/NĐ-CP", "1234/QĐ-UBND", "06/2020/TT-BGDĐT"
STATE_CODE = (
    r"(?P<snum>\d{1,5}[a-z]?)\s*/\s*(?:(?P<syear>(?:19|20)\d\d)\s*/\s*)?"
    rf"(?P<scode>[{LETTERS}][{LETTERS}a-z]{{0,5}}\s*-\s*{ISSUER_CODE}(?:-{ISSUER_CODE})*"
    # the National Assembly and its Standing Committee number by term: "Nghị quyết
    # 202/2025/QH15", "Nghị quyết 35/2023/UBTVQH15"
    r"|(?:UBTV)?QH\d{1,2})"
    # A code ends with its word; a page that lost the space before the next word glued it on:
    # the words that follow a citation ("ngày", "của", "về", "quy định", "hướng dẫn", …).
    rf"(?:{_GLUED}|(?![\w&]))"
)
DATE = (
    r"(?:,?\s*ngày\s+(?P<day>\d{1,2})\s*(?:[-/.]|\s+tháng\s+)"
    r"(?P<month>\d{1,2})\s*(?:[-/.]|\s+năm\s+)(?P<year>(?:19|20)\d\d))?"
)
# "số 05-CT/TW", and "số: 05-CT/TW" as on a document's own header
NUMBER_WORD = r"(?:số\s*:?\s*)?"


# The parts of a code typed without "Đ" in a text that has its accents ("100/2019/ND-CP",
# "1234/QD-UBND"): the same codes.
_UNACCENTED_PARTS = {
    "ND": "NĐ", "QD": "QĐ", "QDi": "QĐi", "CD": "CĐ", "DA": "ĐA", "DU": "ĐU", "DUK": "ĐUK",
    "HDND": "HĐND", "BGDDT": "BGDĐT",
}  # fmt: skip


def fold_code(code: str) -> str:
    """A code as analysts query it: no spaces, "TƯ" written "TW", "Đ" where it was left out."""
    code = re.sub(r"\s+", "", code).replace("TƯ", "TW").replace("Tư", "TW")
    if "D" not in code:
        return code
    return re.sub(r"[^-/]+", lambda part: _UNACCENTED_PARTS.get(part.group(), part.group()), code)


# A type described before its number ("Quyết định thu hồi đất số 1234/QĐ-UBND", "Quyết định
# giải quyết khiếu nại lần hai số 456/QĐ-UBND", "Thông báo thu hồi đất số 12/TB-UBND"): land and
# court reports name decisions so. Read only where "số" and a full code follow, and only when
# the code's letters are the type's ("QĐ" for a Quyết định), with no other document named in
# between (the code is then the nearer one's) and no sentence ending.
_NOT_A_WORD_OF_IT = (
    rf"(?:{TYPE_RE}|Luật|luật|Bộ\s+luật|Pháp\s+lệnh|pháp\s+lệnh|Hiến\s+pháp|[Bb]ản\s+án"
    r"|[Tt]ờ\s+trình|[Vv]ăn\s+bản|[Bb]áo\s+cáo|[Đđ]ơn|số)(?!\w)"
)
_DESCRIBED = (
    rf"(?<!\w)(?P<type>{TYPE_RE})(?:\s+(?!{_NOT_A_WORD_OF_IT})[^\W\d_][\w&]*){{1,12}}"
    r"\s+số\s*:?\s*"
)
# The type shortened to its code's letters before a full code of that kind ("QĐ số
# 1234/QĐ-UBND", "NĐ 100/2019/NĐ-CP", "NQ 57-NQ/TW"). The letters are checked against the code,
# and they name one type (TT is a ministry's Thông tư in a State code, the Party's Thông tri in a
# Party one; QĐ before a Party code is a Quyết định or a Quy định, so is left out).
_SHORTENED = r"(?<![\w/-])(?P<abbr>NQ|NĐ|QĐ|CT|TT|KL|KH|HD|TB)\s+(?:số\s*:?\s*)?"
_DESCRIBED_OR_SHORTENED = re.compile(
    rf"(?:{_DESCRIBED}|{_SHORTENED})(?:{PARTY_CODE}|{STATE_CODE}){DATE}"
)
# Both are looked for only around a full code's slash ("…/QĐ-UBND", "…-NQ/TW", "…/NĐ-CP") that
# no usual citation has taken: most articles have none, so little is read.
_CODE_SLASH = re.compile(r"/\s*[A-ZĐƯ]")
_SHORTENED_TYPES = {
    "NQ": "Nghị quyết", "NĐ": "Nghị định", "CT": "Chỉ thị", "KL": "Kết luận", "KH": "Kế hoạch",
    "HD": "Hướng dẫn", "TB": "Thông báo",
}  # fmt: skip


def code_kind(match: re.Match[str]) -> tuple[str, bool]:
    """The letters that say what kind of document a code is ("QĐ" of "1234/QĐ-UBND", "NQ" of
    "57-NQ/TW" and of "57/NQ-TW"), and whether it is written in the Party's style."""
    if match.group("pnum"):
        return fold_code(match.group("pkind")), True
    code = fold_code(match.group("scode"))
    kind, _, issuer = code.partition("-")
    return kind, not match.group("syear") and bool(PARTY_ISSUER.fullmatch(issuer))


def _type_of(match: re.Match[str]) -> str | None:
    """The type a described or shortened citation names, if its code is of that kind."""
    kind, party = code_kind(match)
    if match.group("type"):
        doc_type = " ".join(match.group("type").split())
        doc_type = TYPE_ALIASES.get(doc_type, doc_type)
        if kind == DOC_TYPES[doc_type] or (doc_type, kind) == ("Quy định", "QĐi"):
            return doc_type
        return None
    abbr = match.group("abbr")
    if abbr == "TT" and kind == "TT":
        return "Thông tri" if party else "Thông tư"
    if abbr == "QĐ":
        if kind == "QĐi":
            return "Quy định"
        return "Quyết định" if kind == "QĐ" and not party else None
    return _SHORTENED_TYPES[abbr] if kind == abbr else None


def described_citations(text: str, taken: list[tuple[int, int]]) -> list[tuple[re.Match[str], str]]:
    """Full codes outside `taken` whose type is described before "số" or shortened to its
    letters: the citation's match and its type."""
    found: list[tuple[re.Match[str], str]] = []
    for slash in _CODE_SLASH.finditer(text):
        at = slash.start()
        if any(start <= at < end for start, end in taken) or (found and at < found[-1][0].end()):
            continue
        for match in _DESCRIBED_OR_SHORTENED.finditer(text, max(0, at - 160), at + 60):
            if match.start() < at < match.end() and (doc_type := _type_of(match)):
                found.append((match, doc_type))
                break
    return found
