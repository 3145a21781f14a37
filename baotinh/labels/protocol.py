"""Who attended and what their titles are: protocol, not topic.

Provincial and national papers list the leaders at an event, with their Party and State titles,
and repeat a leader's titles after the name each time ("đồng chí Nguyễn Văn A, Ủy viên Trung
ương Đảng, Bí thư Tỉnh ủy, nhấn mạnh …"). That says who came, not what happened, and its words
pulled festivals, investment conferences and school openings to chinh-tri. The topic model does
not read them (`without_protocol`, in training and prediction alike).
"""

from __future__ import annotations

import re

from baotinh.core.text import fold, foldable, nfc

# The sentence that lists who attended: "Dự lễ có đồng chí …, Bí thư Tỉnh ủy; đồng chí …, Chủ
# tịch UBND tỉnh …", "Tham dự có …", "Chủ trì hội nghị có …". It says who came, not what
# happened, and its Party and State titles pulled festivals, conferences and school openings to
# chinh-tri. At a sentence's start, naming "đồng chí", "lãnh đạo" or a leader's title; "dự
# kiến", "dự án" and the like are not it. Matched on the lower-cased text, or on its folded
# form when the text has no accents at all (folded, "dự" would also be "du lịch", "dù").
# Found by its verb ("dự", "chủ trì": a literal the regex engine scans for fast), then checked
# to open a sentence (after ".", "!", "?", a line break or the start, and at most one of "tham",
# "đến", "tới", "cùng", "về") and matched from there to the sentence's end.
_ATTENDANCE_VERB = r"{du}(?! (?:{exceptions})\b)|{chu_tri}"
_ATTENDANCE_FORM = (
    r"(?:{du}|{chu_tri})\b[^.!?\n]{{0,80}}? {co} (?=[^.!?\n]*\b(?:{titles})\b)"
    r"[^.!?\n]*(?:[.!?]|(?=\n)|$)"
)
_OPENING = re.compile(r"(?:^|[.!?\n])[ \t]*(?:(?:tham|đến|tới|cùng|về|den|toi|cung|ve) )?[ \t]*$")
_ATTENDANCE_WORDS = {
    "den": "đến",
    "toi": "tới",
    "cung": "cùng",
    "ve": "về",
    "du": "dự",
    "chu_tri": "chủ trì",
    "co": "có",
    "titles": "đồng chí|lãnh đạo|bí thư|chủ tịch|bộ trưởng|thứ trưởng|thủ tướng",
    "exceptions": "kiến|án|báo|toán|thảo|thi|trữ|bị|đoán|định|tính|khuyết|phòng|luật",
}
_FOLDED_WORDS = {k: fold(v) for k, v in _ATTENDANCE_WORDS.items()}
_ATTENDANCE = (
    re.compile(_ATTENDANCE_VERB.format(**_ATTENDANCE_WORDS)),
    re.compile(_ATTENDANCE_FORM.format(**_ATTENDANCE_WORDS)),
)
_ATTENDANCE_FOLDED = (
    re.compile(_ATTENDANCE_VERB.format(**_FOLDED_WORDS)),
    re.compile(_ATTENDANCE_FORM.format(**_FOLDED_WORDS)),
)


def without_attendance(text: str) -> str:
    """`text` without the sentences that list who attended (`_ATTENDANCE`)."""
    text = nfc(text)
    lower = text.lower()
    # Only whether the text has accents at all is wanted: asked without folding a copy of it.
    verb, sentence = _ATTENDANCE if foldable(lower) else _ATTENDANCE_FOLDED
    kept, start = [], 0
    for found in verb.finditer(lower):
        if found.start() < start:
            continue
        opening = _OPENING.search(lower, max(0, found.start() - 12), found.start())
        listed = opening and sentence.match(lower, found.start())
        if listed:
            kept.append(text[start : opening.start() + (lower[opening.start()] in ".!?\n")])
            start = listed.end()
    if not kept:
        return text
    kept.append(text[start:])
    return "".join(kept)


# A title after a leader's name: "đồng chí <Name>, <title>[, <title>…]". The name's syllables are
# capitalised ("đồng chí Bí thư Tỉnh ủy" has no name: left alone); a title starts with one of
# these words and runs over capitalised syllables and the lower-case words of bodies' names.
# (The word boundary is looked behind the "Đ" rather than before it: a pattern that opens on a
# letter lets the regex engine skip to the "Đ"s of the text, instead of trying every position.)
_NAME_THEN_COMMA = re.compile(r"[Đđ](?<!\w[Đđ])ồng chí((?:[ \t]+[^\W\d_]+){1,4}?)[ \t]*(?=,)")
_TITLE_WORDS = (
    "ủy viên|bí thư|phó bí thư|tổng bí thư|chủ tịch|phó chủ tịch|trưởng|phó trưởng|giám đốc|"
    "phó giám đốc|bộ trưởng|thứ trưởng|thủ tướng|phó thủ tướng|chủ nhiệm|phó chủ nhiệm|chánh|"
    "phó chánh|tư lệnh|phó tư lệnh|chỉ huy trưởng|tỉnh ủy viên|thành ủy viên|huyện ủy viên|"
    "đại biểu quốc hội|nguyên"
)
_TITLE_START = re.compile(r"[ \t]*,[ \t]*(?:" + _TITLE_WORDS + r")\b", re.IGNORECASE)
_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
# The lower-case syllables a title runs over ("Bí thư Tỉnh ủy", "Giám đốc Sở giáo dục và đào tạo").
_TITLE_LOWER = frozenset([
    "tỉnh", "huyện", "thành", "phố", "xã", "phường", "quận", "thị", "trấn", "đoàn", "đại",
    "biểu", "thường", "trực", "vụ", "ban", "ủy", "ương", "giáo", "vận", "sự", "trận", "quốc",
    "dục", "tạo", "và", "khu", "đảng", "hội", "nhân", "dân", "chính", "phủ", "viên", "tịch",
    "thư", "trưởng", "đốc", "lệnh", "nhiệm", "kiểm", "tra", "tổ", "chức", "tuyên", "nội",
    "ngoại", "giao", "an", "ninh", "phòng", "kinh", "tế", "tài", "nguyên", "môi", "trường",
    "tư", "pháp", "nghiệp", "triển", "thôn", "công", "thương", "dựng", "hóa", "thao", "lịch",
    "học", "nghệ", "thông", "tin", "truyền", "lao", "động", "binh",
])  # fmt: skip
_TITLE_LENGTH = 12  # syllables at most in one title ("Phó Bí thư Thường trực Tỉnh ủy": 6)


def _title_end(text: str, start: int) -> int | None:
    """Where the title that `start` (a comma) opens ends, or None if none opens there."""
    opened = _TITLE_START.match(text, start)
    if not opened:
        return None
    end = opened.end()
    for _ in range(_TITLE_LENGTH):
        word = _WORD.match(text, end)
        if not word or not (word.group(1)[0].isupper() or word.group(1) in _TITLE_LOWER):
            break
        end = word.end()
    return end


def without_titles(text: str) -> str:
    """`text` without the titles after a leader's name ("đồng chí Nguyễn Văn A, Bí thư Tỉnh ủy,
    Chủ tịch HĐND tỉnh nói" → "đồng chí Nguyễn Văn A nói"). A new post stays: "bầu đồng chí A,
    Phó Bí thư Tỉnh ủy, giữ chức Chủ tịch UBND tỉnh" keeps ", giữ chức Chủ tịch UBND tỉnh"."""
    kept, start = [], 0
    for match in _NAME_THEN_COMMA.finditer(text):
        if match.start() < start or not all(w[0].isupper() for w in match.group(1).split()):
            continue
        end = position = match.end()
        while (title_end := _title_end(text, position)) is not None:
            end = position = title_end
        if end > match.end():
            kept.append(text[start : match.end()])
            start = end
    kept.append(text[start:])
    return "".join(kept)


def without_protocol(text: str) -> str:
    """`text` without the list of who attended and the titles after a leader's name."""
    return without_titles(without_attendance(text))
