"""What makes an article national rather than local: the Party's and the State's central bodies,
ministries, national organisations and events, named other than as a document's issuer or in a
provincial leader's title. A province such a story names only in passing is not what it is about,
and Hà Nội or TP Hồ Chí Minh named as the place of a national event only hosts it (issue 14).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import chain

from baotinh.labels.doc_spelling import DOC_TYPES
from baotinh.labels.province_cues import Reading, compiled

# A national (or regional, or international) event: Hà Nội only hosts it.
_NATIONAL_WORDS = (
    r"trung ương|bộ chính trị|ban bí thư|chính phủ|quốc hội|thủ tướng|tổng bí thư"
    r"|chủ tịch nước|toàn quốc|cả nước|tỉnh, thành phố|tỉnh, thành|khu vực phía|các nước"
    r"|quốc tế|asean|liên hợp quốc|mặt trận tổ quốc việt nam|tổng liên đoàn"
)
_NATIONAL = rf"(?:{_NATIONAL_WORDS})"


def _each(names: str, tail: str) -> str:
    """ "a|b" and a tail → "a<tail>|b<tail>": every alternative of the host pattern opens on a
    letter of its own, so the regex engine skips to where one can start instead of trying the
    pattern at every character (`(?:a|b)<tail>` hides the letters; the same matches)."""
    return "|".join(name + tail for name in names.split("|"))


# A national body that holds its meetings in the capital (or in TP Hồ Chí Minh, for the south),
# beyond those above: the supreme court and procuracy, the State audit and bank, a ministry's
# general departments and its ministers, the national mass organisations and corporations ("Hội
# Nông dân Việt Nam", "Tập đoàn Điện lực Việt Nam"), national councils, foreign embassies. Read
# only where such a city is named as the place ("tại Hà Nội"): there it is a host.
_NATIONAL_HOST = (
    rf"(?:{_NATIONAL_WORDS}|tối cao|kiểm toán nhà nước|ngân hàng nhà nước|tổng cục|bộ trưởng"
    r"|thứ trưởng|"
    + _each(
        "hội|hiệp hội|liên hiệp|liên đoàn|tổng hội|thông tấn xã|đài truyền hình|đài tiếng nói"
        "|viện hàn lâm|phòng thương mại|tập đoàn|tổng công ty",
        r"(?: [^\W\d_]+){0,6} việt nam(?!\w)",
    )
    + "|"
    + _each("hội nghị|ủy ban|hội đồng|trung tâm hội nghị|học viện chính trị", " quốc gia")
    # the national teams ("đội tuyển Việt Nam", "U23 Việt Nam"): their matches and camps too
    + "|"
    + _each(r"đội tuyển|tuyển|u\d\d", "(?: bóng đá)?(?: nữ)?(?: quốc gia| việt nam)")
    + "|đại sứ|lãnh sự"
    # foreign heads of state and their visits ("Tổng thống Pháp đến Hà Nội, bắt đầu chuyến thăm
    # cấp nhà nước"): Việt Nam has no president called so, and a state visit is the capital's
    + "|tổng thống|quốc vương|nhà vua|ngoại trưởng|"
    + _each("chuyến thăm|thăm", " (?:chính thức|cấp nhà nước)")
    # national exams and championships ("kỳ thi THPT quốc gia"; not "vườn quốc gia", a park)
    + "|"
    + _each("kỳ thi|thi", " (?:thpt )?quốc gia")
    + "|"
    + _each("giải|vô địch", " quốc gia")
    + ")"
)
# A national body named only as the issuer of a document a province carries out ("Thực hiện
# Chỉ thị 05-CT/TW của Bộ Chính trị", "Nghị quyết Trung ương 4", "Quyết định … do Thủ tướng ký")
# or in a provincial leader's title ("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy"): it is not what
# the story is about, so it does not make the story national. Read on the sentence before it.
# The document types are the citations' own (`DOC_TYPES`), less "chương trình", which is as often
# an event a national body holds ("chương trình do Bộ Y tế tổ chức"); then the words of a
# directive that is no numbered document.
_DOCUMENT = (
    r"(?<!\w)(?:"
    + "|".join(t.lower() for t in DOC_TYPES if t != "Chương trình")
    + r"|chỉ đạo|chiến lược|lời kêu gọi)"
)
_ISSUER_OR_TITLE = (
    rf"(?:{_DOCUMENT}(?:[^;:!?\n]{{0,100}}?\s)?(?:của|do)(?:\s+[^\W_]+){{0,8}}"
    rf"|{_DOCUMENT}(?:\s+hội nghị)?|(?<!\w)ủy viên(?:\s+dự khuyết)?(?:\s+ban chấp hành)?)\s+$"
)
# The two cities where national bodies sit and meet: named as the place of a national event,
# in the sentence or in the article's opening, they only host it.
NATIONAL_HOSTS = frozenset({"Hà Nội", "Hồ Chí Minh"})
# A ministry ("Bộ Y tế", "Bo Cong Thuong"), read in the text as written: lower case, "bộ" is in
# "cán bộ", "toàn bộ", "bộ đội". A provincial military command ("Bộ Chỉ huy") is none.
MINISTRY = re.compile(r"(?<!\w)B[ộo]\s+(?!Chỉ\s+huy|Chi\s+huy|Tư\s+lệnh|Tu\s+lenh)[A-ZĐ]")


@dataclass(frozen=True)
class NationalCues:
    national: re.Pattern[str]  # national scope: the Party's and State's bodies, "toàn quốc"
    host: re.Pattern[str]  # those, and the national bodies that meet in the two cities
    issuer_or_title: re.Pattern[str]


@cache
def national_cues(unaccented: bool) -> NationalCues:
    return NationalCues(
        national=compiled(_NATIONAL, unaccented),
        host=compiled(_NATIONAL_HOST, unaccented),
        issuer_or_title=compiled(_ISSUER_OR_TITLE, unaccented),
    )


def opens_national(reading: Reading) -> bool:
    """The headline, lead or first sentence names a national body or event ("Bộ Y tế",
    "Chính phủ", "toàn quốc"): a province it names once in passing is not what it is about."""
    return names_national(reading, 0, reading.layout.opening_end)


def names_national(reading: Reading, start: int, end: int, *, hosts: bool = True) -> bool:
    """A national body or event (with `hosts`, also the national bodies that meet in the two
    cities; in the lowered text) or a ministry (in the text as written) is named between `start`
    and `end`, other than as a document's issuer or in a title."""
    found = national_cues(reading.unaccented)
    cue = found.host if hosts else found.national
    matches = chain(
        cue.finditer(reading.lower, start, end), MINISTRY.finditer(reading.text, start, end)
    )
    return any(not _issuer_or_title(reading, match.start()) for match in matches)


def _issuer_or_title(reading: Reading, offset: int) -> bool:
    sentence_start, _ = reading.sentence_bounds(offset)
    before = reading.lower[max(sentence_start, offset - 160) : offset]
    return national_cues(reading.unaccented).issuer_or_title.search(before) is not None
