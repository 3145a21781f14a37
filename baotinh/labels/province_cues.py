"""The words around a province's name that give it a role in an article (about it, or only
mentioning it), and the reading of one article the role rules work on.

The cues are written in lower case with accents (tone marks placed the modern way, as
`modern_tones` writes them) and compared with the text lowered the same way; text typed without
accents is compared with the folded cues. The cues that tell a national story from a local one
are in `baotinh.labels.national_cues`; the rules that read both, in
`baotinh.labels.province_roles`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from baotinh.core.text import fold
from baotinh.labels.places import Hit, modern_tones, one_tone_placement
from baotinh.labels.salience import Layout


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_KINDS = r"(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|tx\.?)"
# A commune, ward or street can carry a province's name: "xã Hưng Yên Nam" is in Nghệ An.
_COMMUNE = (
    r"(?<!\w)(?:(?P<word>\w+)\s+)?"
    r"(?P<kind>xã|phường|thị trấn|thôn|xóm|ấp|bản|làng|khu phố|tổ dân phố|đường|phố)\s+$"
)
# The names of companies and prizes hold a province's name that is not where anything happens.
_ORGANISATION = (
    r"(?<!\w)(?:tổng công ty|công ty|tập đoàn|ngân hàng|cúp|doanh nghiệp tư nhân|dntn)(?!\w)"
)
# So do universities' and colleges' ("Trường Đại học Bách khoa Hà Nội", "Đại học Huế": an
# institution, not the city), except in the headline, which names what the article is about
# ("Trường Cao đẳng Vĩnh Phúc tuyển sinh …" is Vĩnh Phúc's college, LABEL_RULES.md).
# Hospitals' too ("Bệnh viện Đa khoa tỉnh Thái Bình": a hospital is not its city, issue 14), and
# so publishers', theatres', museums', libraries', broadcasters' and the stock exchanges' ("Nhà
# xuất bản Trẻ TP Hồ Chí Minh", "Đài Phát thanh và Truyền hình Hà Nội").
_INSTITUTION = (
    r"(?<!\w)(?:đại học|học viện|cao đẳng|bệnh viện|nhà xuất bản|nxb|nhà hát|bảo tàng"
    r"|thư viện|đài phát thanh|đài truyền hình|đài pt-th|đài ptth|sở giao dịch chứng khoán)(?!\w)"
)
# An institution's seat in brackets right after its name: "Bệnh viện Bạch Mai (Hà Nội)",
# "Công ty Minh Phát (TP Hồ Chí Minh)".
SEAT_IN_BRACKETS = re.compile(r"([^,;:()\[\]]*)\(\s*(?:(?:tỉnh|thành phố|TP\.?|Tp\.?)\s*)?")
# A team's name ("CLB Hải Phòng", "Hà Nội FC", "đội tuyển Nghệ An"): the team, not the province
# (the real set's convention: "the province in a … team's name" is a mention).
_TEAM = rf"(?<!\w)(?:clb|câu lạc bộ|đội bóng|đội tuyển)(?:\s+bóng đá)?\s+(?:{_KINDS}\s+)?$"
# The ends of a route or the sides of a match, joined by a dash to another name: "tuyến Hà Nội -
# Lào Cai", "cao tốc Cầu Giẽ - Ninh Bình", "trận Hà Nội - Hải Phòng". Read in the text as written.
DASH_AFTER = re.compile(r"\s*[-–]\s*([A-ZĐÀ-Ỹ][^\W\d_]*)")
DASH_BEFORE = re.compile(r"([A-ZĐÀ-Ỹ][^\W\d_]*)\.?\s*[-–]\s*$")
_ORGANISATION_STOPS = word_set(
    "tại ở của đã vừa đang sẽ được bị là có cho với trên thuộc từ đến về vào ra khi nhằm để "
    "tổ chức thực hiện cùng sang tới do nên thì mà"
)
# A person's or a company's home, or where people come from: "quê ở", "trú tại", "địa chỉ",
# "trụ sở tại", "(SN 1990, ở …", "các đội đến từ", "khách từ".
_HOME = (
    # ("nội trú", "bán trú", "lưu trú", "tránh trú" are boarding, lodging and shelter, not homes.)
    r"(?<!\w)(?:quê(?:\s+quán)?|nguyên\s+quán|(?:thường|tạm|cư)\s+trú"
    r"|(?<!nội )(?<!bán )(?<!lưu )(?<!tránh )trú|ngụ|địa\s+chỉ"
    r"|trụ\s+sở(?:\s+chính)?(?:\s+đặt)?|(?:có\s+)?nguồn\s+gốc|gốc(?:\s+người)?"
    r"|đến\s+từ|(?:du\s+)?khách\s+từ"
    r"|hộ\s+khẩu(?:\s+thường\s+trú)?|hktt|(?:sn|sinh\s+năm)\s+\d{4}\s*[,;])"
    r"(?:\s*(?:ở|tại|từ|:))?\s*(?=\S|$)"
)
_ADDRESS_WORDS = word_set(
    "số nhà thôn xóm ấp bản làng tổ khu phố khối đường ngõ ngách hẻm kiệt xã phường thị trấn "
    "huyện quận thành tỉnh tp tp. tx tx. q. p. ở tại và cũ"
)
# Passing examples and comparisons: "các tỉnh như Bắc Giang, Lạng Sơn", "so với Hà Nội".
_EXAMPLE = (
    r"(?<!\w)(?<!cũng )(?P<cue>chẳng hạn(?: như)?|ví dụ(?: như)?|điển hình(?: như| là)?"
    r"|tiêu biểu(?: như| là)|như(?: là| ở| tại)?|so với)(?!\w)"
)
_NOT_AN_EXAMPLE = word_set("vậy thế sau trên nhau thường trước nay hiện cầu ý mọi")
_MERGER = r"(?<!\w)(?:sáp nhập|hợp nhất|nhập vào|nhập với|chia tách)(?!\w)"
_RANKING = r"(?:dẫn đầu|xếp thứ|xếp hạng|đứng đầu|đứng thứ|tiếp theo là|lần lượt là|top \d)"
# The province or its authorities as the subject: "UBND tỉnh Lạng Sơn", "Tỉnh ủy Thái Bình",
# "Công an huyện Krông Pắc", "Sở Y tế tỉnh …". A department's name ("Sở Giáo dục và Đào tạo")
# holds no preposition or verb: "sở hữu căn hộ ở Đà Nẵng" (owning) is none.
_DEPARTMENT = (
    r"(?<!cơ )(?<!trụ )sở(?! hữu| dĩ| thích| trường| tại)"
    r"(?: (?!(?:tại|ở|của|cho|với|từ|đến|về|là|có|được|bị|đã|đang|sẽ|trên|khi)\b)[^\W\d_]+){1,7}"
)
_AUTHORITY = (
    r"(?<!\w)(?:ubnd|hđnd|ủy ban nhân dân|hội đồng nhân dân|tỉnh ủy|thành ủy|huyện ủy|quận ủy"
    r"|đảng bộ|đảng ủy|công an|bộ chỉ huy quân sự|ban chỉ huy quân sự|bộ đội biên phòng"
    r"|tòa án nhân dân|tand|viện kiểm sát nhân dân|vksnd|ủy ban mttq|ủy ban mặt trận tổ quốc"
    r"|đoàn đại biểu quốc hội|đoàn đbqh|cục quản lý thị trường|cục thuế|bảo hiểm xã hội"
    rf"|{_DEPARTMENT}|lãnh đạo|chính quyền|chủ tịch|bí thư)"
    rf"\s+(?:{_KINDS}\s+)?$"
)
# Another province's authorities working with the subject's ("phối hợp với Công an tỉnh …"),
# handed a suspect ("bàn giao đối tượng cho", "di lý về") or wanting one ("truy nã của", after
# the name: "bị Công an tỉnh … truy nã").
_PARTNER = (
    r"(?<!\w)(?:phối hợp với|phối hợp cùng|cùng với|sự phối hợp của|sự hỗ trợ của"
    r"|(?:bàn giao|chuyển giao|giao)(?: đối tượng| [^\W\d_]+ đối tượng)? cho|di lý về|dẫn giải về"
    r"|truy nã của|theo yêu cầu của|theo đề nghị của)\s+$"
)
_WANTING = r"\s+(?:ra quyết định |phát lệnh )?truy nã(?!\w)"
# Where the article's events take place: "Tại tỉnh Bắc Giang, …", ", ở huyện …", "trên địa bàn".
_LOCATIVE = rf"(?:(?:^|[,;:]\s*)(?:tại|ở)|trên địa bàn)\s+(?:{_KINDS}\s+)?$"
# "trên sân Mỹ Đình (Hà Nội)", "trên sân Thanh Hóa": where a match is played; "đến Hà Nội",
# "tới TP Hồ Chí Minh", right before the name: where a visit or a cargo goes.
_VENUE = (
    r"(?<!\w)(?:tại|ở|trên sân)(?!\w)"
    r"|(?<!\w)(?:đến|tới)(?=\s+(?:(?:tỉnh|thành phố|tp\.?)\s+)?$)"
)


@dataclass(frozen=True)
class Cues:
    commune: re.Pattern[str]
    organisation: re.Pattern[str]
    institution: re.Pattern[str]
    home: re.Pattern[str]
    example: re.Pattern[str]
    merger: re.Pattern[str]
    ranking: re.Pattern[str]
    team: re.Pattern[str]
    authority: re.Pattern[str]
    partner: re.Pattern[str]
    wanting: re.Pattern[str]
    locative: re.Pattern[str]
    venue: re.Pattern[str]
    organisation_stops: frozenset[str]
    address_words: frozenset[str]
    not_an_example: frozenset[str]


def compiled(source: str, unaccented: bool) -> re.Pattern[str]:
    """A cue written in lower case, compiled for text lowered as `comparable_lower` lowers it
    (without lowering the pattern: "\\W" is not "\\w")."""
    return re.compile(fold(source) if unaccented else one_tone_placement(source))


@cache
def cues(unaccented: bool) -> Cues:
    def words(values: frozenset[str]) -> frozenset[str]:
        return frozenset(fold(v) if unaccented else one_tone_placement(v) for v in values)

    return Cues(
        commune=compiled(_COMMUNE, unaccented),
        organisation=compiled(_ORGANISATION, unaccented),
        institution=compiled(_INSTITUTION, unaccented),
        home=compiled(_HOME, unaccented),
        example=compiled(_EXAMPLE, unaccented),
        merger=compiled(_MERGER, unaccented),
        ranking=compiled(_RANKING, unaccented),
        team=compiled(_TEAM, unaccented),
        authority=compiled(_AUTHORITY, unaccented),
        partner=compiled(_PARTNER, unaccented),
        wanting=compiled(_WANTING, unaccented),
        locative=compiled(_LOCATIVE, unaccented),
        venue=compiled(_VENUE, unaccented),
        organisation_stops=words(_ORGANISATION_STOPS),
        address_words=words(_ADDRESS_WORDS),
        not_an_example=words(_NOT_AN_EXAMPLE),
    )


def comparable_lower(text: str, unaccented: bool) -> str:
    """`text` in lower case with tone marks placed one way (or without accents, for text typed
    without them): the form cues are compared in. Same length as `text`, so offsets carry."""
    return fold(text).lower() if unaccented else modern_tones(text)


@dataclass(frozen=True)
class Reading:
    text: str  # NFC
    unaccented: bool
    lower: str  # comparable_lower(text, unaccented)
    layout: Layout
    cues: Cues
    hits: list[Hit]

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        return self.layout.sentence_span(self.layout.sentence_of(offset), len(self.text))

    def before(self, hit: Hit, width: int) -> str:
        """The lowered text before `hit` in its sentence, at most `width` characters."""
        sentence_start, _ = self.sentence_bounds(hit.start)
        return self.lower[max(sentence_start, hit.start - width) : hit.start]


def last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of `pattern` in `text` (the cue nearest to the mention after it)."""
    found = None
    for found in pattern.finditer(text):  # noqa: B007 (the last one is kept)
        pass
    return found
