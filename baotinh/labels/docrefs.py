"""Citations of Party and State documents, found in article text and normalised.

Every provincial paper cites the documents it reports on: "Chỉ thị số 05-CT/TƯ ngày 15-5-2016 của
Bộ Chính trị", "Kết luận 01-KL/TW", "Chỉ thị số 1973/CT-TTg", "Nghị quyết Trung ương 4 (khoá 12)".
An analyst asks "which articles cite Chỉ thị 05-CT/TW"; so each citation becomes one normalised
reference, "<type> <number><code>" with TƯ written TW:

- Party style (number, dash, code, slash, issuer): "Chỉ thị 05-CT/TW", "Kế hoạch 11-KH/TU";
- State style (number, slash, code with a dash): "Chỉ thị 1973/CT-TTg",
  "Nghị định 100/2019/NĐ-CP", "Quyết định 1234/QĐ-UBND";
- a resolution named by its plenum: "Nghị quyết Trung ương 4 khóa XII".

A congress's resolution ("Nghị quyết Đại hội XIII của Đảng") is not listed: issue 14's
convention counts only numbered documents and plenum resolutions (the congress's is unnumbered,
and a local congress's does not even say which one).

A short mention without a code ("Chỉ thị 05 của Bộ Chính trị", "Chỉ thị 05") is the same
document as a full citation of the same type and number in the article; otherwise its issuer
decides the code when it can (a Politburo directive is CT/TW); otherwise it is left out, since a
bare number names no document. A State citation written short with its year ("Nghị định
100/2019") is completed the same way: a decree is always the Government's (NĐ-CP); a decision
with a year is the Prime Minister's (QĐ-TTg) or a People's Committee's (QĐ-UBND) only when the
text names that issuer beside it; a circular ("Thông tư 12/2023 của Bộ Tài chính") only with its
ministry named, a National Assembly (or Standing Committee) resolution with its body named and a
year one term sat through (`doc_issuers`); otherwise it is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from baotinh.core.text import nfc
from baotinh.labels.doc_codes import (
    DATE,
    ISSUER_CODE,
    LETTERS,
    NUMBER_WORD,
    PARTY_CODE,
    PARTY_ISSUER,
    STATE_CODE,
    TYPE_RE,
    described_citations,
    fold_code,
)
from baotinh.labels.doc_issuers import (
    ISSUER_AFTER,
    ISSUER_BEFORE,
    STATE_CODES,
    issuer_kind,
    yearly_code,
)
from baotinh.labels.doc_plenums import plenum_and_terms, plenum_matches
from baotinh.labels.doc_spelling import DOC_TYPES, TYPE_ALIASES, as_citations_are_written
from baotinh.labels.places import fold

_CITATION = re.compile(
    # "Nghị định 100/2019/NĐ-CP", and a colon before a list: "các Nghị định: 46/2016/NĐ-CP; …"
    rf"(?P<type>{TYPE_RE})(?:\s*:)?\s+{NUMBER_WORD}(?:{PARTY_CODE}|{STATE_CODE}){DATE}"
    rf"{ISSUER_AFTER}"
)
# More documents of the same type listed behind it: "các Nghị quyết số 18-NQ/TW, 19-NQ/TW và
# 26-NQ/TW", "Nghị định 46/2016/NĐ-CP và 171/2013/NĐ-CP". Only full codes (a bare number after a
# comma is anything).
_LIST_WORD = r"\s*(?:,|;|và|hoặc|hay)\s*"
_NEXT_CITATION = re.compile(rf"{_LIST_WORD}{NUMBER_WORD}(?:{PARTY_CODE}|{STATE_CODE}){DATE}")
# Short forms with a year listed behind: "Nghị định 46/2016, 100/2019 và 123/2021".
_NEXT_YEARLY = re.compile(
    rf"{_LIST_WORD}{NUMBER_WORD}(?P<num>\d{{1,5}})\s*/\s*(?P<nyear>(?:19|20)\d\d)"
    rf"(?!\d|\s*/\s*[{LETTERS}0-9])"
)
# What one document does to another of its issuer's: amends, supplements, replaces, repeals.
_AMENDS = re.compile(r"sửa\s+đổi|bổ\s+sung|thay\s+thế|bãi\s+bỏ")
_AMENDED_WITHIN = 120
# Several numbers sharing the code written once after the last: "các Nghị quyết số 18, 19-NQ/TW",
# "Quyết định số 1234 và 1235/QĐ-UBND".
_SHARED_CODE = re.compile(
    rf"(?P<type>{TYPE_RE})\s+{NUMBER_WORD}(?P<nums>\d{{1,5}}(?:\s*(?:,|và)\s*\d{{1,5}})+)"
    rf"(?:\s*[-–]\s*(?P<pkind>[{LETTERS}][{LETTERS}a-z]{{0,4}})\s*/\s*"
    rf"(?P<pissuer>[{LETTERS}][{LETTERS}0-9]{{0,9}})(?![\w&])"
    rf"|\s*/\s*(?P<scode>[{LETTERS}][{LETTERS}a-z]{{0,5}}\s*-\s*{ISSUER_CODE})(?![\w&]))"
)
_SHORT = re.compile(
    rf"(?P<type>{TYPE_RE})\s+{NUMBER_WORD}(?P<num>\d{{1,5}})(?![\d/–-]|\s*[-–/]\s*\d|\s*[-–/]\s*[{LETTERS}])"
    rf"(?:\s*\([^)]{{0,40}}\))?{DATE}{ISSUER_AFTER}"
)

# Short mentions listed before the one issuer they share: "Chỉ thị 15, 16 của Thủ tướng", "Chỉ
# thị số 05 và Kết luận số 01 của Bộ Chính trị". The list after the first ends on that issuer.
_SHORT_ITEM = (
    rf"\s*(?:,|và)\s*(?:(?P<type>{TYPE_RE})\s+)?{NUMBER_WORD}(?P<num>\d{{1,5}})(?![\d/–-])"
)
_SHORT_LIST_TAIL = re.compile(rf"(?:{_SHORT_ITEM})+{ISSUER_AFTER}")
_SHORT_LIST_ITEM = re.compile(_SHORT_ITEM)

# A State citation written short with its year, "Nghị định 100/2019", "Quyết định 123/2021 của
# Thủ tướng": completed when the type, or the type and the issuer the text names, fix the code.
# The year is also written out: "Nghị định 71 năm 2010 của Chính phủ".
_YEARLY = re.compile(
    rf"(?P<type>{TYPE_RE})\s+{NUMBER_WORD}(?P<num>\d{{1,5}})(?:\s*/\s*|\s+năm\s+)"
    r"(?P<nyear>(?:19|20)\d\d)"
    rf"(?!\d|\s*/\s*[{LETTERS}0-9])(?:\s*\([^)]{{0,40}}\))?{DATE}{ISSUER_AFTER}"
)


@dataclass(frozen=True)
class DocRef:
    """One cited document: `ref` is the normalised name analysts query by."""

    ref: str
    doc_type: str
    number: str | None = None
    code: str | None = None
    issuer: str | None = None
    issued_on: date | None = None
    mentions: int = 1


def _pad(number: str) -> str:
    """Documents numbered below ten are written "05" by their issuers; "5" is the same one."""
    digits = re.match(r"\d+", number)
    if digits and len(digits.group()) == 1:
        return "0" + number
    return number


def _issued_on(match: re.Match[str]) -> date | None:
    if not match.group("day"):
        return None
    try:
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None


def _doc_type(match: re.Match[str]) -> str:
    doc_type = " ".join(match.group("type").split())
    return TYPE_ALIASES.get(doc_type, doc_type)


def _issuer(match: re.Match[str]) -> str | None:
    issuer = match.group("issuer")
    return " ".join(issuer.split()) if issuer else None


@dataclass
class _Found:
    start: int
    ref: DocRef
    end: int = 0


def find_doc_refs(text: str) -> list[DocRef]:
    """The documents `text` cites, each once, in order of first mention."""
    text = as_citations_are_written(nfc(text))
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    bare_plenums: list[tuple[int, int]] = []

    for match in _CITATION.finditer(text):
        doc_type = _doc_type(match)
        first = _cited(match, doc_type, _issuer(match))
        found.append(_Found(match.start(), first, match.end()))
        taken.append(match.span())
        end = match.end()
        listed = _NEXT_CITATION.match(text, end)
        while listed and _kind(_cited(listed, doc_type, None)) == _kind(first):
            found.append(_Found(listed.start(), _cited(listed, doc_type, None), listed.end()))
            taken.append(listed.span())
            end = listed.end()
            listed = _NEXT_CITATION.match(text, end)
        if first.code and "/" not in first.code:  # a State code: short ones with a year may follow
            found.extend(_listed_yearly(text, end, doc_type, first.issuer, taken))

    for match, doc_type in described_citations(text, taken):
        found.append(_Found(match.start(), _cited(match, doc_type, None), match.end()))
        taken.append(match.span())

    for match in _SHARED_CODE.finditer(text):
        doc_type = _doc_type(match)
        for number in re.findall(r"\d+", match.group("nums")):
            if match.group("pkind"):
                code = fold_code(f"{match.group('pkind')}/{match.group('pissuer')}")
                ref = f"{doc_type} {_pad(number)}-{code}"
            else:
                code = fold_code(match.group("scode"))
                ref = f"{doc_type} {_pad(number)}/{code}"
            found.append(_Found(match.start(), DocRef(ref, doc_type, _pad(number), code)))
        taken.append(match.span())

    for match in _YEARLY.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        ref = _yearly(match, text, found)
        if ref is not None:
            found.append(_Found(match.start(), ref, match.end()))
            taken.append(match.span())
            found.extend(_listed_yearly(text, match.end(), ref.doc_type, ref.issuer, taken))

    for match in plenum_matches(text):
        if any(start <= match.start() < end for start, end in taken):
            # "Nghị quyết số 18-NQ/TW của Hội nghị Trung ương 6 khóa XII": the numbered
            # resolution described by its plenum is one document, listed by its number.
            continue
        if match.group("numbered") and not match.group("coded"):
            # "Nghị quyết số 18 của Hội nghị Trung ương 6": a plenum's resolution is the
            # Central Committee's, so the code is certain; listed by its number, as above.
            number = _pad(match.group("numbered"))
            ref = DocRef(f"Nghị quyết {number}-NQ/TW", "Nghị quyết", number, "NQ/TW")
            found.append(_Found(match.start(), ref))
            taken.append(match.span())
            continue
        plenum, terms = plenum_and_terms(match)
        for term in terms:
            ref = f"Nghị quyết Trung ương {plenum} khóa {term}"
            found.append(_Found(match.start(), DocRef(ref, "Nghị quyết", str(plenum))))
        if not terms:
            bare_plenums.append((match.start(), plenum))
        taken.append(match.span())

    full_by_number = {(f.ref.doc_type, f.ref.number): f.ref for f in found if f.ref.code}
    for match in _SHORT.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        doc_type, first = _doc_type(match), _pad(match.group("num"))
        issuer, listed = _issuer(match), []
        if issuer is None and (tail := _SHORT_LIST_TAIL.match(text, match.end())):
            issuer = _issuer(tail)
            # The untyped numbers of the list are of the first's type; a typed one is a short
            # mention of its own, found in this loop.
            items = _SHORT_LIST_ITEM.finditer(text, tail.start(), tail.start("issuer"))
            listed = [(m.start(), _pad(m.group("num"))) for m in items if not m.group("type")]
        for start, number in [(match.start(), first), *listed]:
            ref = full_by_number.get((doc_type, number)) or _from_issuer(doc_type, number, issuer)
            if ref is not None:
                found.append(_Found(start, ref))

    # "Nghị quyết Trung ương 4" without its term is the one the article names in full, if one.
    for start, plenum in bare_plenums:
        named = {
            f.ref.ref for f in found if f.ref.ref.startswith(f"Nghị quyết Trung ương {plenum} ")
        }
        ref = min(named) if len(named) == 1 else f"Nghị quyết Trung ương {plenum}"
        found.append(_Found(start, DocRef(ref, "Nghị quyết", str(plenum))))

    return _merge(found)


def _cited(match: re.Match[str], doc_type: str, issuer: str | None) -> DocRef:
    """The document a full citation names: Party style ("05-CT/TW") or State style."""
    if match.group("pnum"):
        number = _pad(match.group("pnum"))
        code = fold_code(f"{match.group('pkind')}/{match.group('pissuer')}")
        ref = f"{doc_type} {number}-{code}"
    else:
        number = _pad(match.group("snum"))
        code = fold_code(match.group("scode"))
        year = match.group("syear")
        kind, _, issuer_code = code.partition("-")
        if not year and PARTY_ISSUER.fullmatch(issuer_code):
            code = f"{kind}/{issuer_code}"
            return DocRef(
                f"{doc_type} {number}-{code}", doc_type, number, code, issuer, _issued_on(match)
            )
        ref = f"{doc_type} {number}/{year + '/' if year else ''}{code}"
    return DocRef(ref, doc_type, number, code, issuer, _issued_on(match))


def _kind(ref: DocRef) -> str:
    """The letters of a code that say what kind of document it is: "NQ" of "NQ/TW", "NĐ" of
    "NĐ-CP"."""
    return re.split(r"[-/]", ref.code or "", maxsplit=1)[0]


def _yearly(match: re.Match[str], text: str, found: list[_Found]) -> DocRef | None:
    """ "Nghị định 100/2019" → "Nghị định 100/2019/NĐ-CP"; "Quyết định 123/2021" only with
    its issuer (after it, or before: "Thủ tướng ban hành Quyết định 123/2021"), or as the
    document the article cites in full."""
    doc_type, number, year = _doc_type(match), _pad(match.group("num")), match.group("nyear")
    for item in found:
        ref = item.ref
        if (ref.doc_type, ref.number) == (doc_type, number) and f"/{year}/" in ref.ref:
            return ref
    issuer = _issuer(match)
    code = yearly_code(doc_type, issuer, int(year))
    if code is None:
        before = ISSUER_BEFORE.search(text, max(0, match.start() - 100), match.start())
        issuer = " ".join(before.group("issuer").split()) if before else None
        code = yearly_code(doc_type, issuer, int(year))
    if code is None:
        code = _amended_code(match, text, doc_type, found)
    if code is None:
        return None
    ref = f"{doc_type} {number}/{year}/{code}"
    return DocRef(ref, doc_type, number, code, issuer, _issued_on(match))


def _listed_yearly(
    text: str, end: int, doc_type: str, issuer: str | None, taken: list[tuple[int, int]]
) -> list[_Found]:
    """Short forms with a year listed behind a citation of `doc_type` ("Nghị định 46/2016,
    100/2019", "Nghị định 100/2019/NĐ-CP và 123/2021"), where the type, or the issuer the first
    names, fixes the code."""
    listed = []
    while item := _NEXT_YEARLY.match(text, end):
        code = yearly_code(doc_type, issuer, int(item.group("nyear")))
        if code is None:
            break
        number, year = _pad(item.group("num")), item.group("nyear")
        ref = DocRef(f"{doc_type} {number}/{year}/{code}", doc_type, number, code, issuer)
        listed.append(_Found(item.start(), ref, item.end()))
        taken.append(item.span())
        end = item.end()
    return listed


def _amended_code(
    match: re.Match[str], text: str, doc_type: str, found: list[_Found]
) -> str | None:
    """The code of a document of the same type cited in full that this one amends, replaces or
    is amended by, in the same sentence ("Thông tư 64/2017/TT-BCA sửa đổi, bổ sung Thông tư
    15/2014"): a ministry or a committee amends its own documents, so they share the code."""
    for item in found:
        ref = item.ref
        if ref.doc_type != doc_type or not ref.code or "-" not in ref.code:
            continue
        if not re.search(r"/(?:19|20)\d\d/", ref.ref):
            continue
        if 0 <= match.start() - item.end <= _AMENDED_WITHIN:
            between = text[item.end : match.start()]
        elif 0 <= item.start - match.end() <= _AMENDED_WITHIN:
            between = text[match.end() : item.start]
        else:
            continue
        if _AMENDS.search(between) and not re.search(r"[.;!?\n]", between):
            return ref.code
    return None


def _from_issuer(doc_type: str, number: str, issuer: str | None) -> DocRef | None:
    kind = issuer_kind(issuer)
    if kind == "party":
        code = f"{DOC_TYPES[doc_type]}/TW"
        return DocRef(f"{doc_type} {number}-{code}", doc_type, number, code, issuer)
    code = STATE_CODES.get((doc_type, kind)) if kind else None
    if code is None:
        return None
    return DocRef(f"{doc_type} {number}/{code}", doc_type, number, code, issuer)


def _merge(found: list[_Found]) -> list[DocRef]:
    """One entry per document, in order of first mention, counting mentions and keeping the
    first issuer and date any mention gave."""
    merged: dict[str, DocRef] = {}
    for item in sorted(found, key=lambda f: f.start):
        ref = item.ref
        known = merged.get(ref.ref)
        if known is None:
            merged[ref.ref] = ref
            continue
        merged[ref.ref] = DocRef(
            known.ref,
            known.doc_type,
            known.number,
            known.code,
            known.issuer or ref.issuer,
            known.issued_on or ref.issued_on,
            known.mentions + 1,
        )
    return list(merged.values())


# A code as people type it into a search box: "05-ct/tw", "1973/ct-ttg".
_TYPED_CODE = re.compile(r"(?<![\w])\d+\s*[-–/][\w\s/–-]*?(?=\s*(?:ngày|ngay|của|cua|$|[,;]))")


def parse_reference(text: str) -> str | None:
    """The normalised reference a person means by what they typed: "Chỉ thị số 05-CT/TƯ" and
    "chi thi 05-ct/tw" are "Chỉ thị 05-CT/TW". None when it names no document."""
    text = " ".join(nfc(text).split())
    if not text:
        return None
    careless = text[0].upper() + text[1:]
    careless = _TYPED_CODE.sub(lambda match: match.group().upper(), careless)
    for candidate in (text, careless):
        refs = find_doc_refs(candidate)
        if refs:
            return refs[0].ref
    return None


def reference_key(ref: str) -> str:
    """What two spellings of one reference share: no accents, no capitals, single spaces."""
    return " ".join(fold(ref).lower().split())
