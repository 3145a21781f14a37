"""Who issues a State document, as a citation names them, and the code that issuer's numbering
carries: what completes a circular or a National Assembly resolution cited short with its year
("Thông tư 12/2023 của Bộ Tài chính" is "Thông tư 12/2023/TT-BTC").

Written from how the State numbers its documents (the Law on Promulgation of Legal Documents):
a ministry's circular is "<number>/<year>/TT-<ministry>", the National Assembly's resolution
"<number>/<year>/QH<term>", its Standing Committee's "<number>/<year>/UBTVQH<term>". Only issuers
whose code is fixed are here; a department or a province's body is not.
"""

from __future__ import annotations

import re

from baotinh.core.text import fold

# The ministries and ministry-level bodies that issue circulars, by the names papers use (full,
# and the abbreviations of headlines: "Bộ GD&ĐT"), with the code their numbering carries. Names
# change with the government's structure (Bộ Nông nghiệp và Môi trường since 2025); the code is
# the one of the name the text uses.
MINISTRIES: dict[str, tuple[str, ...]] = {
    "BTC": ("Bộ Tài chính",),
    "BCA": ("Bộ Công an",),
    "BQP": ("Bộ Quốc phòng",),
    "BNG": ("Bộ Ngoại giao",),
    "BNV": ("Bộ Nội vụ",),
    "BTP": ("Bộ Tư pháp",),
    "BYT": ("Bộ Y tế",),
    "BGDĐT": ("Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT", "Bộ GD-ĐT", "Bộ GDĐT"),
    "BCT": ("Bộ Công Thương", "Bộ Công thương"),
    "BXD": ("Bộ Xây dựng",),
    "BGTVT": ("Bộ Giao thông vận tải", "Bộ Giao thông Vận tải", "Bộ GTVT"),
    "BTNMT": ("Bộ Tài nguyên và Môi trường", "Bộ TN&MT", "Bộ TNMT"),
    "BNNPTNT": (
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "Bộ Nông nghiệp và PTNT",
        "Bộ NN&PTNT",
        "Bộ NNPTNT",
    ),
    "BNNMT": ("Bộ Nông nghiệp và Môi trường", "Bộ NN&MT"),
    "BLĐTBXH": (
        "Bộ Lao động - Thương binh và Xã hội",
        "Bộ Lao động – Thương binh và Xã hội",
        "Bộ Lao động, Thương binh và Xã hội",
        "Bộ Lao động Thương binh và Xã hội",
        "Bộ LĐ-TB&XH",
        "Bộ LĐTB&XH",
        "Bộ LĐTBXH",
    ),
    "BKHCN": ("Bộ Khoa học và Công nghệ", "Bộ KH&CN", "Bộ KHCN"),
    "BTTTT": ("Bộ Thông tin và Truyền thông", "Bộ TT&TT", "Bộ TTTT"),
    "BVHTTDL": (
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Bộ Văn hoá, Thể thao và Du lịch",
        "Bộ VH-TT&DL",
        "Bộ VHTTDL",
    ),
    "BKHĐT": ("Bộ Kế hoạch và Đầu tư", "Bộ KH&ĐT", "Bộ KHĐT"),
    "BDTTG": ("Bộ Dân tộc và Tôn giáo",),
    "NHNN": ("Ngân hàng Nhà nước Việt Nam", "Ngân hàng Nhà nước", "NHNN"),
    "TTCP": ("Thanh tra Chính phủ",),
    "UBDT": ("Ủy ban Dân tộc", "Uỷ ban Dân tộc"),
    "TANDTC": ("Tòa án nhân dân tối cao", "Toà án nhân dân tối cao", "TAND tối cao", "TANDTC"),
    "VKSNDTC": ("Viện kiểm sát nhân dân tối cao", "VKSND tối cao", "VKSNDTC"),
}


def _key(name: str) -> str:
    """A name without accents, case, or the punctuation papers vary ("Bộ Lao động - Thương binh
    và Xã hội", "Bộ Lao động, Thương binh và Xã hội")."""
    return " ".join(re.findall(r"[a-z0-9&]+", fold(name).lower()))


_BY_KEY = {_key(name): code for code, names in MINISTRIES.items() for name in names}
_NAMES = sorted((name for names in MINISTRIES.values() for name in names), key=len, reverse=True)
_SIGNER = r"(?:Bộ\s+trưởng|Thống\s+đốc|Chánh\s+án|Viện\s+trưởng|Tổng\s+Thanh\s+tra)\s+"

# The names, longest first (so "Bộ Nông nghiệp và Phát triển nông thôn" is not cut at "Bộ Nông
# nghiệp"), optionally behind the head who signs ("Bộ trưởng Bộ Tài chính"); between words any
# spacing, comma or dash.
MINISTRY_RE = (
    rf"(?:{_SIGNER})?(?:"
    + "|".join(
        r"[\s,–-]+".join(re.escape(word) for word in re.findall(r"[\w&]+", name)) for name in _NAMES
    )
    + r")(?![\w&])"
)


def ministry_code(issuer: str) -> str | None:
    """ "Bộ Tài chính" → "BTC", "Bộ trưởng Bộ GD&ĐT" → "BGDĐT"; None for any other issuer."""
    return _BY_KEY.get(_key(re.sub(rf"^{_SIGNER}", "", issuer.strip())))


# The National Assembly's terms, by the years they sat wholly in (a term starts with the
# election in the spring or early summer of its first year, so a resolution of that year may be
# the old term's or the new one's: those years are left out).
_TERMS = {11: (2002, 2007), 12: (2007, 2011), 13: (2011, 2016), 14: (2016, 2021), 15: (2021, 2026)}


def assembly_term(year: int) -> int | None:
    """The term of the National Assembly that sat all of `year`: 2023 → 15; 2021 → None."""
    for term, (first, last) in _TERMS.items():
        if first < year < last:
            return term
    return None


# The issuers a citation names after the document ("… của Bộ Chính trị", "… do Bộ Tài chính ban
# hành") or before it ("Thủ tướng Chính phủ vừa ban hành …"); those that make a code certain.
# The Central Committee is also written BCH ("BCH Trung ương", "BCH TW").
CENTRAL_PARTY = (
    r"(?:Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư|(?:Ban\s+Chấp\s+hành|BCH)\s+Trung\s+ương"
    r"|BCH\s*(?:TW|TƯ)(?![\w])|Trung\s+ương\s+Đảng)"
)
PRIME_MINISTER = r"Thủ\s+tướng(?:\s+Chính\s+phủ)?"
GOVERNMENT = r"Chính\s+phủ"
ASSEMBLY = r"Quốc\s+hội"
ASSEMBLY_STANDING = r"(?:(?:Ủy|Uỷ)\s+ban\s+Thường\s+vụ\s+Quốc\s+hội|UBTVQH)"
_PEOPLES_COMMITTEE = r"(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)"
_PEOPLES_COUNCIL = r"(?:HĐND|Hội\s+đồng\s+nhân\s+dân)"

# The tail of a citation that names its issuer (the group `issuer`); empty when none.
ISSUER_AFTER = (
    r"(?:,?\s*(?:của\s+|do\s+)?(?P<issuer>"
    rf"(?:Ban\s+Thường\s+vụ\s+|Ban\s+Chấp\s+hành\s+|Thường\s+trực\s+)?{CENTRAL_PARTY}(?:\s+Đảng)?"
    rf"|{PRIME_MINISTER}|{GOVERNMENT}|{ASSEMBLY_STANDING}|{ASSEMBLY}|{MINISTRY_RE}"
    r"|(?:Ban\s+Thường\s+vụ\s+|Ban\s+Chấp\s+hành\s+|Thường\s+trực\s+)?"
    r"(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng)\s+[uủ]ỷ?y?"
    rf"|(?:{_PEOPLES_COMMITTEE}|{_PEOPLES_COUNCIL})"
    r"(?:\s+(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã))?"
    r"|Bộ\s+[A-ZĐ][\wÀ-ỹ]*(?:\s+[a-zà-ỹđ]+){0,4}"
    r"))?"
)
# The issuer written before the document: "Thủ tướng Chính phủ đã ban hành Quyết định …",
# "Bộ Tài chính vừa ban hành Thông tư …" (searched in the words just before it).
ISSUER_BEFORE = re.compile(
    rf"(?P<issuer>{PRIME_MINISTER}|{GOVERNMENT}|{ASSEMBLY_STANDING}|{ASSEMBLY}|{MINISTRY_RE}"
    rf"|(?:{_PEOPLES_COMMITTEE}|{_PEOPLES_COUNCIL})"
    r"(?:\s+(?:tỉnh|thành\s+phố|TP\.?)(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,3})?)"
    r"\s+(?:đã\s+|vừa\s+|mới\s+)?(?:ký\s+)?(?:ban\s+hành|ký|có)\s+$"
)

# A short mention's code, by (type, issuer kind), where the State's numbering has no year in it:
# "Chỉ thị 16 của Thủ tướng" is "Chỉ thị 16/CT-TTg".
STATE_CODES = {
    ("Chỉ thị", "pm"): "CT-TTg",
    ("Quyết định", "pm"): "QĐ-TTg",
    ("Nghị quyết", "gov"): "NQ-CP",
    ("Công điện", "pm"): "CĐ-TTg",
}
# The code after the year of a short citation with its year. Only the Government issues decrees;
# the others need their issuer named (a circular's ministry, or a National Assembly resolution's
# year, gives its code: `yearly_code`).
_YEARLY_CODES = {
    ("Nghị định", None): "NĐ-CP",
    ("Quyết định", "pm"): "QĐ-TTg",
    ("Nghị quyết", "gov"): "NQ-CP",
    ("Quyết định", "ubnd"): "QĐ-UBND",
    ("Nghị quyết", "hdnd"): "NQ-HĐND",
}


def issuer_kind(issuer: str | None) -> str | None:
    """ "party" (the Central Committee, the Politburo, the Secretariat), "pm", "gov", "ubnd",
    "hdnd", or None for any other issuer."""
    if not issuer:
        return None
    if re.fullmatch(rf"(?:Ban\s+Chấp\s+hành\s+)?{CENTRAL_PARTY}(?:\s+Đảng)?", issuer):
        return "party"
    if re.fullmatch(PRIME_MINISTER, issuer):
        return "pm"
    if re.fullmatch(GOVERNMENT, issuer):
        return "gov"
    if re.match(_PEOPLES_COMMITTEE, issuer):
        return "ubnd"
    if re.match(_PEOPLES_COUNCIL, issuer):
        return "hdnd"
    return None


def yearly_code(doc_type: str, issuer: str | None, year: int) -> str | None:
    """The code after the year of a State document of `doc_type` by `issuer`, when certain:
    ("Nghị định", anyone) → "NĐ-CP", ("Thông tư", "Bộ Tài chính") → "TT-BTC", ("Nghị quyết",
    "Quốc hội", 2023) → "QH15"."""
    code = _YEARLY_CODES.get((doc_type, None)) or _YEARLY_CODES.get((doc_type, issuer_kind(issuer)))
    if code is not None or issuer is None:
        return code
    if doc_type == "Thông tư":
        ministry = ministry_code(issuer)
        return f"TT-{ministry}" if ministry else None
    term = assembly_term(year)
    if doc_type == "Nghị quyết" and term is not None:
        if re.fullmatch(ASSEMBLY_STANDING, issuer):
            return f"UBTVQH{term}"
        if re.fullmatch(ASSEMBLY, issuer):
            return f"QH{term}"
    return None
