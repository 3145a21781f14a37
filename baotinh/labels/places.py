"""The provinces an article is about, from a gazetteer of provinces and districts.

The gazetteer (`baotinh/labels/data/gazetteer.json`, built by scripts/build_gazetteer.py) holds
the 63 provinces and 696 districts as they were before 1 July 2025 and the 34 provinces after;
`former_districts.json` (scripts/build_former_districts.py) adds the districts of 2008–2025 that
were merged or renamed by then ("huyện Tĩnh Gia" → Thanh Hóa) and other official spellings
("Mù Cang Chải"), each pointing to its province of the time. Each
mention is recorded twice over: the province *as named* (the district's province at the time:
"huyện Yên Thế" → Bắc Giang) and the province it is part of *now* (Bắc Giang → Bắc Ninh). Asking
for a merged province by its current name then finds the older articles of all its parts.

Matching works on an accent-folded copy of the text, so unaccented text ("huyen Yen The, tinh
Bac Giang") is read too; where the text has accents, they must be the name's own (tone marks
placed either way: "Hoà"/"Hòa"), so "Hạ Nam" is not Hà Nam. Names must be capitalised as names
are. Districts count only behind their kind ("huyện Lục Ngạn", "TP Nam Định", "thị xã Kinh
Môn"): bare district names are too often ordinary words or people. A district name several
provinces share counts only when one of those provinces is named too; a former district's name
yields to a current district of that name elsewhere ("huyện Kỳ Sơn" is Nghệ An's, unless only
Hòa Bình, where it was until 2020, is named). Ho Chi Minh City counts
only as a city ("TP Hồ Chí Minh", "TP.HCM", "Sài Gòn"): the bare name is the President, whom
most of these articles are about.

`baotinh.labels.province_roles.locate_provinces` then tells the provinces an article is *about*
from those it only mentions, by where and how each is named (docs/classification.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from baotinh.core.text import fold, nfc

GAZETTEER_PATH = Path(__file__).parent / "data" / "gazetteer.json"
# Beside the gazetteer: districts by their names of 2008–2025 and other official spellings.
FORMER_DISTRICTS = "former_districts.json"
# The package tells two units of one name apart in their name: "Cai Lậy (Huyện)", "Cai Lậy (Thị
# xã)". Papers write "huyện Cai Lậy"; the kind before the name is what tells them apart.
_KIND_IN_NAME = re.compile(r"\s*\((?:Huyện|Thị xã|Thành phố|Quận)\)$")

# Other ways papers write a province, by the gazetteer's name.
_ALIASES: dict[str, tuple[str, ...]] = {
    "Hồ Chí Minh": ("TP.HCM", "TP HCM", "TP. HCM", "TPHCM", "Sài Gòn"),
    "Huế": ("Thừa Thiên Huế", "Thừa Thiên - Huế", "Thừa Thiên-Huế"),
    "Bà Rịa - Vũng Tàu": ("Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bà Rịa Vũng Tàu", "BR-VT"),
    "Đắk Lắk": ("Đăk Lăk", "Đắc Lắc", "Đắk Lăk"),
    "Đắk Nông": ("Đăk Nông", "Đắc Nông"),
    "Bắc Kạn": ("Bắc Cạn",),
    "Kon Tum": ("Kontum",),
}
# Found by their aliases, and by their own name only behind "thành phố"/"TP", like a district.
_CITY_ONLY = {"Hồ Chí Minh"}
# Longer names that contain a province's name but are not about the province.
_NOT_PLACES = ("Thái Bình Dương", "Điện Biên Phủ")
# "huyện Lục Ngạn", "TP Nam Định", and the district's Party committee: "Huyện ủy Yên Thế".
# Case-blind: (?:(?:huyen|thi|quan|thanh)\s+uy|huyen|thi xa|thanh pho|quan|TP\.?|TX\.?|Q\.),
# written as its first letter in both cases and then the rest by that letter (in the same
# order). A case-blind first letter keeps the regex engine from skipping to the places where
# a match can start, so it tried the whole pattern at every character of every article; the
# letters h, t and q have no other case-blind twin in Unicode.
_DISTRICT_KINDS = (
    r"[HhTtQq](?i:(?<=h)(?:uyen\s+uy|uyen)"
    r"|(?<=t)(?:hi\s+uy|hanh\s+uy|hi xa|hanh pho|P\.?|X\.?)"
    r"|(?<=q)(?:uan\s+uy|uan|\.))"
)
# A person's name, not a place: "Nguyễn Thái Bình", "chị Huế", "ông Vĩnh Phúc". Compared with
# their accents where the text has them: "cô" (Miss) is a person's title, "có" (has) is not.
_SURNAMES_AND_MIDDLE_NAMES = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Mai", "Trịnh", "Lâm", "Lương", "Tạ", "Triệu",
    "Văn", "Thị", "Hữu", "Đức", "Công", "Quang", "Xuân", "Ngọc", "Thanh", "Minh", "Kim",
}  # fmt: skip
_TITLES = {"anh", "chị", "ông", "bà", "cô", "chú", "bác", "em", "cháu", "đồng chí", "nữ sinh"}
_PERSON_BEFORE = _SURNAMES_AND_MIDDLE_NAMES | _TITLES


@dataclass(frozen=True)
class ProvinceMention:
    """A province the article names, as named then and as it is now; whether the article is
    about it (`salient`) or only mentions it, and why."""

    province: str  # as named: a province before the merger, or one of the 34 after
    current: str  # the province it is part of now
    mentions: int
    via: str  # "province", the district that named it ("huyện Yên Thế"), or "paper"
    salient: bool = True
    why: str = ""


_TYPOGRAPHY = (
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    "\u2013",
    "\u2014",
    "\u2026",
    "\u00a0",
    "\u00ab",
    "\u00bb",
)


# The provinces, the campaigns and the documents each ask this of one article's text: the
# second and third time it is a look-up.
@lru_cache(maxsize=8)
def is_unaccented(text: str) -> bool:
    """Text typed without accents ("hoc tap va lam theo Bac"): almost no letter outside ASCII.
    Such text is matched accent-folded; accented text keeps its accents, so that "chuyển đổi
    sổ" is not "chuyển đổi số"."""
    # Counted with C-speed string scans, not character by character in Python: this runs on
    # every article. Typographic quotes and dashes are not accents; Vietnamese written with
    # accents has one letter in three or four outside ASCII.
    for mark in _TYPOGRAPHY:
        text = text.replace(mark, "")
    outside_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return outside_ascii < 0.01 * len(text) + 1


_OLD_TONE_PAIRS = (
    "oà òa",
    "oá óa",
    "oả ỏa",
    "oã õa",
    "oạ ọa",
    "oè òe",
    "oé óe",
    "oẻ ỏe",
    "oẽ õe",
    "oẹ ọe",
    "uỳ ùy",
    "uý úy",
    "uỷ ủy",
    "uỹ ũy",
    "uỵ ụy",
)
_OLD_TONES = dict(pair.split() for pair in _OLD_TONE_PAIRS)


def modern_tones(text: str) -> str:
    """ "Hoà Bình" and "Hòa Bình" are one name, written with the tone mark in two places."""
    return one_tone_placement(text.lower())


# One pass over the text for all fifteen pairs, not fifteen `str.replace` scans: this runs on
# every article's text three times. The same result: no pair overlaps another or is made by
# replacing one (a pair's second letter never starts one, and no replacement ends in "o", "u").
_OLD_TONE = re.compile("|".join(_OLD_TONES))


def one_tone_placement(text: str) -> str:
    return _OLD_TONE.sub(_new_tone, text)


def _new_tone(match: re.Match[str]) -> str:
    return _OLD_TONES[match.group()]


@dataclass(frozen=True)
class _Entry:
    spelled: str  # with accents, as a paper prints it
    province: str
    district: str | None = None  # "huyện Yên Thế" when the entry is a district
    former: bool = False  # a name of 2008–2025 no longer listed, or a spelling of another list


@dataclass(frozen=True)
class Gazetteer:
    provinces: dict[str, str]  # name before or after the merger -> current province
    parts: dict[str, tuple[str, ...]]  # current province -> the provinces it was made of
    province_entries: dict[str, tuple[_Entry, ...]]  # folded spelling -> entries
    district_entries: dict[str, tuple[_Entry, ...]]
    province_pattern: re.Pattern[str]
    district_pattern: re.Pattern[str]

    def current_of(self, province: str) -> str:
        return self.provinces[province]

    def parts_of(self, current: str) -> tuple[str, ...]:
        """The provinces (as named before the merger) that make up `current` now."""
        return self.parts.get(current, (current,))


def _key(spelled: str) -> str:
    return " ".join(fold(spelled).lower().split())


_NOT_BEFORE = r"(?![A-Za-z0-9])"


def _alternation(entries: Iterable[Iterable[_Entry]]) -> str:
    """One regex alternative per folded spelling as prose writes a name ("Bac Giang") and as a
    capitalised headline does ("BAC GIANG"), longest first (so "Bà Rịa - Vũng Tàu" wins over a
    shorter name at the same place). Matched case-sensitively: the search then skips every
    word that starts in lower case, which is most of them (a case-blind pattern tried at every
    word costs some twenty times as much); names in lower case are no names anyway
    (`_looks_like_a_name`)."""
    names = set()
    for group in entries:
        for entry in group:
            spelled = fold(entry.spelled)
            title = re.sub(r"(?<![A-Za-z])[a-z]", lambda m: m.group().upper(), spelled)
            names |= {spelled, title, spelled.upper()}
    # Grouped by first letter, "B(?:ac Giang|ac Ninh|…)|C(?:…)": where a capital starts a word
    # the engine then tries the names of that letter, not all of them in turn (the province
    # scan in half the time). Names of one letter stay longest first; the others cannot match
    # where it does, so what matches is the same.
    by_first: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(re.escape(name[1:]).replace(r"\ ", r"\s+"))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in by_first.items())


def _whole_words(pattern: re.Pattern[str], folded: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern` that begin a word. After one that begins inside a word, the
    search goes on from the next character, so a name glued to a word hides no name after it."""
    position = 0
    while (match := pattern.search(folded, position)) is not None:
        start = match.start()
        if start and folded[start - 1].isascii() and folded[start - 1].isalnum():
            position = start + 1
            continue
        yield match
        position = match.end()


def _former_districts(path: Path) -> Iterator[_Entry]:
    """Former districts under their own name; other spellings under the name they spell.
    The file ships beside the gazetteer: if it is missing, the package is broken, and reading
    on without its names would change every label quietly, so the error is left to surface."""
    table = json.loads(path.read_text(encoding="utf-8"))
    for row in table["former"]:
        yield _Entry(row["name"], row["province"], f"{row['kind'].lower()} {row['name']}", True)
    for row in table["spellings"]:
        yield _Entry(row["name"], row["province"], f"{row['kind'].lower()} {row['current']}", True)


@cache
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    data = json.loads(path.read_text(encoding="utf-8"))
    provinces = {name: info["current"] for name, info in data["provinces"].items()}
    for current in data["current"]:
        provinces.setdefault(current, current)
    by_fold: dict[str, list[_Entry]] = {}
    for name in provinces:
        spellings = (() if name in _CITY_ONLY else (name,)) + _ALIASES.get(name, ())
        for spelled in spellings:
            by_fold.setdefault(_key(spelled), []).append(_Entry(spelled, name))
    districts: dict[str, list[_Entry]] = {_key(name): [_Entry(name, name)] for name in _CITY_ONLY}
    for short, kind, province in data["districts"]:
        if short.isdigit():  # "Quận 1": a number is no name to find in prose
            continue
        short = _KIND_IN_NAME.sub("", short)
        entry = _Entry(short, province, f"{kind.lower()} {short}")
        districts.setdefault(_key(short), []).append(entry)
    for entry in _former_districts(path.with_name(FORMER_DISTRICTS)):
        districts.setdefault(_key(entry.spelled), []).append(entry)
    return Gazetteer(
        provinces=provinces,
        parts={current: tuple(parts) for current, parts in data["current"].items()},
        province_entries={key: tuple(value) for key, value in by_fold.items()},
        district_entries={key: tuple(value) for key, value in districts.items()},
        province_pattern=re.compile(rf"(?:{_alternation(by_fold.values())}){_NOT_BEFORE}"),
        district_pattern=re.compile(
            rf"{_DISTRICT_KINDS}\s+(?P<name>{_alternation(districts.values())}){_NOT_BEFORE}"
        ),
    )


def _looks_like_a_name(span: str) -> bool:
    """Places are written Title Case ("Bắc Giang") or in a capitalised headline ("BẮC GIANG")."""
    words = [w for w in re.split(r"[\s.\-–]+", span) if w and w[0].isalpha()]
    return bool(words) and (all(w[0].isupper() for w in words) or span.isupper())


def _accents_agree(original: str, entries: tuple[_Entry, ...]) -> tuple[_Entry, ...]:
    """Unaccented text fits every entry; accented text only the entries spelled that way."""
    if original.isascii():
        return entries
    wanted = " ".join(modern_tones(original).split())
    return tuple(e for e in entries if " ".join(modern_tones(e.spelled).split()) == wanted)


_PERSON_BEFORE_UNACCENTED = {fold(word) for word in _PERSON_BEFORE}


def _person_before(text: str, start: int, unaccented: bool) -> bool:
    """Whether the word(s) just before `start` make the name a person's."""
    before = text[max(0, start - 12) : start].split()
    if not before:
        return False
    words = {before[-1], before[-1].lower(), " ".join(before[-2:]).lower()}
    if unaccented:
        return bool({fold(w) for w in words} & _PERSON_BEFORE_UNACCENTED)
    return bool({modern_tones(w) if w.islower() else w for w in words} & _PERSON_BEFORE)


_NOT_PLACES_FOLDED = tuple(fold(name).lower() for name in _NOT_PLACES)


def _inside_other_name(folded: str, start: int, end: int) -> bool:
    window = folded[start : end + 8].lower()
    return window.startswith(_NOT_PLACES_FOLDED)


@dataclass(frozen=True)
class Hit:
    start: int  # where the mention begins: the name, or a district's kind ("huyện Lục Ngạn")
    end: int
    province: str  # as named
    via: str  # "province", or the district that named it


def province_hits(text: str, gaz: Gazetteer) -> list[Hit]:
    """Every place `text` (NFC) names, in order. A city named like its province ("thành phố
    Bắc Giang") is one mention, through the city."""
    folded = fold(text)
    hits: list[Hit] = []
    ambiguous: list[tuple[int, int, tuple[_Entry, ...]]] = []

    for match in _whole_words(gaz.province_pattern, folded):
        start, end = match.span()
        original = text[start:end]
        if not _looks_like_a_name(original) or _inside_other_name(folded, start, end):
            continue
        entries = _accents_agree(original, gaz.province_entries[_key(match.group())])
        entries = tuple({e.province: e for e in entries}.values())
        if len(entries) != 1:
            continue
        if _person_before(text, start, original.isascii()):
            continue
        hits.append(Hit(start, end, entries[0].province, "province"))

    districts: list[Hit] = []
    for match in _whole_words(gaz.district_pattern, folded):
        start, end = match.span("name")
        original = text[start:end]
        if not _looks_like_a_name(original):
            continue
        entries = _accents_agree(original, gaz.district_entries.get(_key(match.group("name")), ()))
        if len({e.province for e in entries}) == 1:
            entry = entries[0]
            districts.append(Hit(match.start(), end, entry.province, entry.district or "province"))
        elif entries:
            ambiguous.append((match.start(), end, entries))

    named = {hit.province for hit in hits} | {hit.province for hit in districts}
    for start, end, entries in ambiguous:
        if (entry := _one_district(entries, named)) is not None:
            districts.append(Hit(start, end, entry.province, entry.district or "province"))

    inside_districts = {(h.province, h.end) for h in districts}
    hits = [h for h in hits if (h.province, h.end) not in inside_districts]
    return sorted(hits + districts, key=lambda hit: hit.start)


def _one_district(entries: tuple[_Entry, ...], named: set[str]) -> _Entry | None:
    """The district a name several provinces share is: the one whose province the text names.
    A former name yields to a current one: "huyện Kỳ Sơn" is Nghệ An's unless Hòa Bình is
    named and Nghệ An is not, so the former district adds no province the text did not have."""
    candidates = [e for e in entries if e.province in named] or list(entries)
    if len({e.province for e in candidates}) > 1:
        candidates = [e for e in candidates if not e.former]
    return candidates[0] if len({e.province for e in candidates}) == 1 else None


def mentions_of(hits: Iterable[Hit], gaz: Gazetteer) -> list[ProvinceMention]:
    """One entry per province, in order of first mention."""
    grouped: dict[str, list[Hit]] = {}
    for hit in hits:
        grouped.setdefault(hit.province, []).append(hit)
    return [
        ProvinceMention(
            province=province,
            current=gaz.current_of(province),
            mentions=len(found),
            via=next((h.via for h in found if h.via == "province"), found[0].via),
        )
        for province, found in grouped.items()
    ]


def find_provinces(text: str, gazetteer: Gazetteer | None = None) -> list[ProvinceMention]:
    """Every province `text` names, directly or through one of its districts, in order of
    first mention, whatever role it plays (see `locate_provinces` for the ones it is about)."""
    gaz = gazetteer or load_gazetteer()
    return mentions_of(province_hits(nfc(text), gaz), gaz)
