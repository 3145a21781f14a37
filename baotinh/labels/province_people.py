"""A person's province: where a reader, a witness or a deputy comes from, written in brackets
behind their name ("chị Nguyễn Thị Lan (Hà Nội)", "anh Minh (35 tuổi, TP HCM)", "đại biểu Trần
Thị Hoa (đoàn Bến Tre)"), or a deputy's delegation in their title ("Phó trưởng đoàn ĐBQH tỉnh
Quảng Ngãi"). National dailies name the people they quote and the National Assembly's deputies
this way; the province is a home or a constituency, not what the story is about (issue 14:
hometowns and addresses are mentions). The place in brackets behind a street, a commune or an
institution ("đường Lê Lợi (TP Thanh Hóa)", "xã Mường Lống (Nghệ An)") is no person's.
"""

from __future__ import annotations

import re
from functools import cache

from baotinh.core.text import fold
from baotinh.labels.places import Hit
from baotinh.labels.province_cues import Reading, comparable_lower, compiled, word_set

# A person named before the bracket: behind a title ("chị", "đại biểu"), or a full name that
# starts with a common surname ("Nguyễn Văn A (Hà Nội)"). Titles in lower case as cues are.
_TITLES = word_set("anh chị ông bà cụ em bé cháu cô chú bác thầy bạn đb đbqh") | {
    "đại biểu", "đồng chí", "nữ sinh", "nam sinh", "sinh viên", "học sinh", "bệnh nhân",
    "sản phụ", "tài xế", "nạn nhân", "người dân", "phụ huynh", "bác sĩ", "luật sư",
}  # fmt: skip
_SURNAMES = word_set(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Mai Trịnh"
    " Lương Tạ Triệu Cao Chu Kiều Lưu Tô Đoàn Vương Quách Tăng Lại Hứa Nông Lò"
)
# Words before a name that make it a street's, a school's or a place's ("đường Lê Lợi").
_PLACE_BEFORE = word_set(
    "số đường phố ngõ hẻm kiệt xã phường thị trấn thôn xóm ấp bản làng khu quận huyện tỉnh"
    " thành tp trường cầu chợ sông núi đèo hồ lăng đền chùa nhà tượng viện sân ty bến cảng ga"
    " lộ tòa sạn"
)
# What may stand in the bracket before the province: age, year of birth, address parts, the
# deputy's delegation ("(35 tuổi, ngụ quận 8, TP HCM)", "(Đoàn ĐBQH tỉnh Bến Tre)").
_IN_BRACKETS = word_set(
    "tuổi sn sinh năm ở tại trú ngụ quê số nhà thôn xóm ấp bản tổ khu phố khối đường ngõ hẻm xã"
    " phường thị trấn huyện quận thành tỉnh tp tp. tx q. p. cũ đoàn đbqh đại biểu quốc hội"
)
_DELEGATION = frozenset({"đoàn", "đbqh"})
# A deputy's delegation in their title, not the delegation acting ("Đoàn ĐBQH tỉnh … giám
# sát"): "Phó trưởng đoàn ĐBQH tỉnh Quảng Ngãi", "đại biểu Quốc hội tỉnh Bến Tre".
_DEPUTY = (
    r"(?<!\w)(?:(?:(?:phó\s+)?trưởng|thành viên)\s+đoàn\s+(?:đbqh|đại biểu quốc hội)"
    r"|(?<!đoàn )(?:đbqh|đại biểu quốc hội))\s+(?:(?:tỉnh|thành phố|tp\.?)\s+)?$"
)


# Built once per kind of text (with accents or without), not once per mention.
@cache
def _comparable(words: frozenset[str], unaccented: bool) -> frozenset[str]:
    return frozenset(fold(w) if unaccented else w for w in words)


@cache
def _deputy(unaccented: bool) -> re.Pattern[str]:
    return compiled(_DEPUTY, unaccented)


def a_deputy_s_delegation(reading: Reading, hit: Hit) -> bool:
    """ "Phó trưởng đoàn ĐBQH tỉnh Quảng Ngãi": the deputy's constituency, a title."""
    return _deputy(reading.unaccented).search(reading.before(hit, 60)) is not None


def a_person_s_province(reading: Reading, hit: Hit) -> str | None:
    """ "deputy" or "home" when `hit` is in brackets behind a person's name, else None."""
    sentence_start, _ = reading.sentence_bounds(hit.start)
    opened = reading.text.rfind("(", max(sentence_start, hit.start - 60), hit.start)
    if opened == -1 or ")" in reading.text[opened : hit.start]:
        return None
    allowed = _comparable(_IN_BRACKETS, reading.unaccented)
    inside = [t for t in re.split(r"[\s,;–-]+", reading.text[opened + 1 : hit.start]) if t]
    lowered = [comparable_lower(t, reading.unaccented) for t in inside]
    for token, low in zip(inside, lowered, strict=True):
        if not (token[0].isupper() or token[0].isdigit() or low in allowed):
            return None
    if not _a_person_before(reading, sentence_start, opened):
        return None
    delegation = _comparable(_DELEGATION, reading.unaccented)
    return "deputy" if delegation & set(lowered) else "home"


def _a_person_before(reading: Reading, sentence_start: int, opened: int) -> bool:
    """The words before the bracket end with a person's name: capitalised words behind a title,
    or two to four starting with a surname, none of them a place the gazetteer found."""
    before = reading.text[sentence_start:opened]
    tokens = before.split()
    run = 0
    while run < len(tokens) and run < 5 and tokens[-1 - run][:1].isupper():
        run += 1
    if not run or run == 5:
        return False
    name_start = sentence_start + len(before.rstrip()) - len(" ".join(tokens[-run:]))
    if any(h.start < opened and h.end > name_start for h in reading.hits):
        return False  # "ở Hà Nội (quận Cầu Giấy)": a place, not a name
    unaccented = reading.unaccented
    titles = _comparable(_TITLES, unaccented)
    lower = [comparable_lower(t, unaccented) for t in tokens[-run - 2 :]]
    preceding = lower[: len(lower) - run]
    name = lower[len(lower) - run :]
    if (preceding and preceding[-1] in titles) or " ".join(preceding[-2:]) in titles:
        return True
    if name[0] in titles and run >= 2:  # "Chị Lan (…": the title opens the sentence
        return True
    surnames = _comparable(_SURNAMES, unaccented)
    if tokens[-run] not in surnames or not 2 <= run <= 4:
        return False
    return not preceding or preceding[-1] not in _comparable(_PLACE_BEFORE, unaccented)


def an_official_s_post(reading: Reading, hit: Hit, authority_start: int) -> bool:
    """The province's authority (starting at `authority_start`) is a person's post: set off by a
    comma or a bracket behind their name ("Ông Hoàng Đức Hạnh, Phó giám đốc Sở Y tế Hà Nội, cho
    biết"), or written before it ("Giám đốc Sở Xây dựng Hà Nội Lê Văn Dục", "Chủ tịch UBND TP
    HCM Nguyễn Thành Phong"). Where the story is about elsewhere, the province is the
    official's, a source (`baotinh.labels.province_roles` decides that)."""
    sentence_start, _ = reading.sentence_bounds(hit.start)
    before = reading.text[sentence_start:authority_start]
    post = re.search(r"[,(]\s*(?:[^\s,;:()]+\s+){0,5}$", before)
    if post is not None and _a_person_before(
        reading, sentence_start, sentence_start + post.start()
    ):
        return True
    after = reading.text[hit.end : hit.end + 40].split()[:2]
    surnames = _comparable(_SURNAMES, reading.unaccented)
    return len(after) == 2 and after[0] in surnames and after[1][:1].isupper()
