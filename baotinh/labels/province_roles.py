"""The provinces an article is about, and those it only mentions: a role for each place the
gazetteer finds (`baotinh.labels.places`), from where and how it is named.

Salient: the headline and the lead, a province's authorities acting, events "tại huyện …", a
province named again and again. Mentions: hometowns and addresses, company, prize and street
names, communes named after a province, merger sentences, passing examples, lists, and the host
city of a national event (docs/classification.md has the conventions). The cue tables and
the rules that read them stay in one module, a little over the usual size: each rule is read
against its cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from itertools import chain

from baotinh.core.text import fold, nfc
from baotinh.labels.doc_spelling import DOC_TYPES
from baotinh.labels.places import (
    Gazetteer,
    Hit,
    ProvinceMention,
    is_unaccented,
    load_gazetteer,
    mentions_of,
    modern_tones,
    one_tone_placement,
    province_hits,
)
from baotinh.labels.salience import Layout, layout

# --- Salience: the provinces an article is about, and those it only mentions ---------------
#
# Each mention gets a role from the words around it. The cues are written in lower case with
# accents (tone marks placed the modern way, as `modern_tones` writes them) and compared with
# the text lowered the same way; text typed without accents is compared with the folded cues.


def _word_set(words: str) -> frozenset[str]:
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
_SEAT_IN_BRACKETS = re.compile(r"([^,;:()\[\]]*)\(\s*(?:(?:tỉnh|thành phố|TP\.?|Tp\.?)\s*)?")
# A team's name ("CLB Hải Phòng", "Hà Nội FC", "đội tuyển Nghệ An"): the team, not the province
# (the real set's convention: "the province in a … team's name" is a mention).
_TEAM = rf"(?<!\w)(?:clb|câu lạc bộ|đội bóng|đội tuyển)(?:\s+bóng đá)?\s+(?:{_KINDS}\s+)?$"
# The ends of a route or the sides of a match, joined by a dash to another name: "tuyến Hà Nội -
# Lào Cai", "cao tốc Cầu Giẽ - Ninh Bình", "trận Hà Nội - Hải Phòng". Read in the text as written.
_DASH_AFTER = re.compile(r"\s*[-–]\s*([A-ZĐÀ-Ỹ][^\W\d_]*)")
_DASH_BEFORE = re.compile(r"([A-ZĐÀ-Ỹ][^\W\d_]*)\.?\s*[-–]\s*$")
_ORGANISATION_STOPS = _word_set(
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
_ADDRESS_WORDS = _word_set(
    "số nhà thôn xóm ấp bản làng tổ khu phố khối đường ngõ ngách hẻm kiệt xã phường thị trấn "
    "huyện quận thành tỉnh tp tp. tx tx. q. p. ở tại và cũ"
)
# Passing examples and comparisons: "các tỉnh như Bắc Giang, Lạng Sơn", "so với Hà Nội".
_EXAMPLE = (
    r"(?<!\w)(?<!cũng )(?P<cue>chẳng hạn(?: như)?|ví dụ(?: như)?|điển hình(?: như| là)?"
    r"|tiêu biểu(?: như| là)|như(?: là| ở| tại)?|so với)(?!\w)"
)
_NOT_AN_EXAMPLE = _word_set("vậy thế sau trên nhau thường trước nay hiện cầu ý mọi")
_MERGER = r"(?<!\w)(?:sáp nhập|hợp nhất|nhập vào|nhập với|chia tách)(?!\w)"
_RANKING = r"(?:dẫn đầu|xếp thứ|xếp hạng|đứng đầu|đứng thứ|tiếp theo là|lần lượt là|top \d)"
# The province or its authorities as the subject: "UBND tỉnh Lạng Sơn", "Tỉnh ủy Thái Bình",
# "Công an huyện Krông Pắc", "Sở Y tế tỉnh …".
_AUTHORITY = (
    r"(?<!\w)(?:ubnd|hđnd|ủy ban nhân dân|hội đồng nhân dân|tỉnh ủy|thành ủy|huyện ủy|quận ủy"
    r"|đảng bộ|đảng ủy|công an|bộ chỉ huy quân sự|ban chỉ huy quân sự|bộ đội biên phòng"
    r"|tòa án nhân dân|tand|viện kiểm sát nhân dân|vksnd|ủy ban mttq|ủy ban mặt trận tổ quốc"
    r"|đoàn đại biểu quốc hội|đoàn đbqh|cục quản lý thị trường|cục thuế|bảo hiểm xã hội"
    r"|(?<!cơ )(?<!trụ )sở(?: [^\W\d_]+){1,7}|lãnh đạo|chính quyền|chủ tịch|bí thư)"
    rf"\s+(?:{_KINDS}\s+)?$"
)
# Where the article's events take place: "Tại tỉnh Bắc Giang, …", ", ở huyện …", "trên địa bàn".
_LOCATIVE = rf"(?:(?:^|[,;:]\s*)(?:tại|ở)|trên địa bàn)\s+(?:{_KINDS}\s+)?$"
# "trên sân Mỹ Đình (Hà Nội)", "trên sân Thanh Hóa": where a match is played.
_VENUE = r"(?<!\w)(?:tại|ở|trên sân)(?!\w)"
# A national (or regional, or international) event: Hà Nội only hosts it.
_NATIONAL = (
    r"(?:trung ương|bộ chính trị|ban bí thư|chính phủ|quốc hội|thủ tướng|tổng bí thư"
    r"|chủ tịch nước|toàn quốc|cả nước|tỉnh, thành phố|tỉnh, thành|khu vực phía|các nước"
    r"|quốc tế|asean|liên hợp quốc|mặt trận tổ quốc việt nam|tổng liên đoàn)"
)
# A national body that holds its meetings in the capital (or in TP Hồ Chí Minh, for the south),
# beyond those above: the supreme court and procuracy, the State audit and bank, a ministry's
# general departments and its ministers, the national mass organisations and corporations ("Hội
# Nông dân Việt Nam", "Tập đoàn Điện lực Việt Nam"), national councils, foreign embassies. Read
# only where such a city is named as the place ("tại Hà Nội"): there it is a host.
_NATIONAL_HOST = (
    rf"(?:{_NATIONAL}|tối cao|kiểm toán nhà nước|ngân hàng nhà nước|tổng cục|bộ trưởng|thứ trưởng"
    r"|(?:hội|hiệp hội|liên hiệp|liên đoàn|tổng hội|thông tấn xã|đài truyền hình|đài tiếng nói"
    r"|viện hàn lâm|phòng thương mại|tập đoàn|tổng công ty)(?: [^\W\d_]+){0,6} việt nam(?!\w)"
    r"|(?:hội nghị|ủy ban|hội đồng|trung tâm hội nghị|học viện chính trị) quốc gia"
    # the national teams ("đội tuyển Việt Nam", "U23 Việt Nam"): their matches and camps too
    r"|(?:đội tuyển|tuyển|u\d\d)(?: bóng đá)?(?: nữ)?(?: quốc gia| việt nam)"
    r"|đại sứ|lãnh sự)"
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
_NATIONAL_HOSTS = frozenset({"Hà Nội", "Hồ Chí Minh"})
# A ministry ("Bộ Y tế", "Bo Cong Thuong"), read in the text as written: lower case, "bộ" is in
# "cán bộ", "toàn bộ", "bộ đội". A provincial military command ("Bộ Chỉ huy") is none.
_MINISTRY = re.compile(r"(?<!\w)B[ộo]\s+(?!Chỉ\s+huy|Chi\s+huy|Tư\s+lệnh|Tu\s+lenh)[A-ZĐ]")


@dataclass(frozen=True)
class _Cues:
    commune: re.Pattern[str]
    organisation: re.Pattern[str]
    institution: re.Pattern[str]
    home: re.Pattern[str]
    example: re.Pattern[str]
    merger: re.Pattern[str]
    ranking: re.Pattern[str]
    team: re.Pattern[str]
    authority: re.Pattern[str]
    locative: re.Pattern[str]
    venue: re.Pattern[str]
    national: re.Pattern[str]
    national_host: re.Pattern[str]
    issuer_or_title: re.Pattern[str]
    organisation_stops: frozenset[str]
    address_words: frozenset[str]
    not_an_example: frozenset[str]


@cache
def _cues(unaccented: bool) -> _Cues:
    # Written in lower case already; the same tone placement as `comparable_lower` gives the text
    # (without lowering the pattern: "\W" is not "\w").
    def compiled(source: str) -> re.Pattern[str]:
        return re.compile(fold(source) if unaccented else one_tone_placement(source))

    def words(values: frozenset[str]) -> frozenset[str]:
        return frozenset(fold(v) if unaccented else one_tone_placement(v) for v in values)

    return _Cues(
        commune=compiled(_COMMUNE),
        organisation=compiled(_ORGANISATION),
        institution=compiled(_INSTITUTION),
        home=compiled(_HOME),
        example=compiled(_EXAMPLE),
        merger=compiled(_MERGER),
        ranking=compiled(_RANKING),
        team=compiled(_TEAM),
        authority=compiled(_AUTHORITY),
        locative=compiled(_LOCATIVE),
        venue=compiled(_VENUE),
        national=compiled(_NATIONAL),
        national_host=compiled(_NATIONAL_HOST),
        issuer_or_title=compiled(_ISSUER_OR_TITLE),
        organisation_stops=words(_ORGANISATION_STOPS),
        address_words=words(_ADDRESS_WORDS),
        not_an_example=words(_NOT_AN_EXAMPLE),
    )


def comparable_lower(text: str, unaccented: bool) -> str:
    """`text` in lower case with tone marks placed one way (or without accents, for text typed
    without them): the form cues are compared in. Same length as `text`, so offsets carry."""
    return fold(text).lower() if unaccented else modern_tones(text)


# Roles of one mention. Anchors make a province one the article is about; the others make it
# one the article only mentions.
ANCHORS = {
    "title": "in the headline",
    "authority": "its authorities act",
    "lead": "in the lead",
    "locative": "where the events take place",
}
PASSING = {
    "commune": "inside the name of a commune, ward or street",
    "organisation": "inside the name of a company, prize, university or hospital",
    "route": "in the name of a route, a match or a team",
    "venue": "only hosts an event of others",
    "home": "a hometown or address",
    "post": "a person's former post",
    "merger": "a province merged into another",
    "example": "a passing example or comparison",
    "list": "in a list of provinces",
    "plain": "named in passing",
}


@dataclass(frozen=True)
class _Reading:
    text: str  # NFC
    unaccented: bool
    lower: str  # comparable_lower(text, unaccented)
    layout: Layout
    cues: _Cues
    hits: list[Hit]

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        return self.layout.sentence_span(self.layout.sentence_of(offset), len(self.text))

    def before(self, hit: Hit, width: int) -> str:
        """The lowered text before `hit` in its sentence, at most `width` characters."""
        sentence_start, _ = self.sentence_bounds(hit.start)
        return self.lower[max(sentence_start, hit.start - width) : hit.start]


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of `pattern` in `text` (the cue nearest to the mention after it)."""
    found = None
    for found in pattern.finditer(text):  # noqa: B007 (the last one is kept)
        pass
    return found


def _inside_organisation(reading: _Reading, hit: Hit, names: re.Pattern[str]) -> bool:
    window = reading.before(hit, 80)
    cue = _last(names, window)
    if cue is None:
        return False
    between = reading.text[hit.start - len(window) + cue.end() : hit.start]
    seat = _SEAT_IN_BRACKETS.fullmatch(between)
    if seat:
        between = seat.group(1)
    elif re.search(r"[,;:()\[\]]", between):
        return False
    lowered_run = 0
    for token in between.split():
        if token[0].isupper() or token[0].isdigit() or token in "&-–":
            lowered_run = 0
            continue
        if comparable_lower(token, reading.unaccented) in reading.cues.organisation_stops:
            return False
        lowered_run += 1
        if lowered_run > 4:
            return False
    return True


def _at_home(reading: _Reading, hit: Hit) -> bool:
    """A hometown or an address: the mention ends a run of address parts behind "quê",
    "trú tại", "địa chỉ", "trụ sở tại", "(SN 1990, …"."""
    window = reading.before(hit, 150)
    cue = _last(reading.cues.home, window)
    if cue is None:
        return False
    between = reading.text[hit.start - len(window) + cue.end() : hit.start]
    for token in re.split(r"[\s,–-]+", between):
        token = token.strip("()")
        if not token or token[0].isupper() or token[0].isdigit():
            continue
        if comparable_lower(token, reading.unaccented) not in reading.cues.address_words:
            return False
    return True


def _an_example(reading: _Reading, hit: Hit) -> bool:
    """After "như", "chẳng hạn", "ví dụ", "điển hình", in the same sentence; after "so với",
    or a "Như …" that opens the sentence ("Như mọi năm, …"), in the same clause."""
    sentence_start, _ = reading.sentence_bounds(hit.start)
    window = reading.before(hit, 200)
    opens_sentence = hit.start - len(window) == sentence_start
    for cue in reading.cues.example.finditer(window):
        rest = window[cue.end() :]
        next_word = rest.split(maxsplit=1)[0].strip(":,") if rest.strip() else ""
        if next_word in reading.cues.not_an_example:
            continue
        clause = cue.group("cue").startswith("so ") or (
            opens_sentence and not window[: cue.start()].strip()
        )
        if re.search(r"[,;:]" if clause else r"[;:]", rest):
            continue
        return True
    return False


def _a_venue(reading: _Reading, hit: Hit, roles: dict[int, str]) -> bool:
    """ "tại Hà Nội" (or "tại TP Hồ Chí Minh") in an article whose sentence or opening is about
    a national body or event, or "tại X" in a sentence whose subject is another province: the
    place only hosts the event."""
    if hit.via != "province":
        return False  # a district names a local place: events there are local
    window = reading.before(hit, 60)
    cue = _last(reading.cues.venue, window)
    if cue is None or re.search(r"[.;]", window[cue.end() :]):
        return False
    # "tại" must govern this name ("tại Cung Văn hóa Hữu nghị (Hà Nội)"), not another place
    # named between them ("tại tỉnh Lào Cai, lãnh đạo bốn tỉnh Lào Cai, Yên Bái, …").
    cue_end = hit.start - len(window) + cue.end()
    if any(cue_end <= o.start < hit.start and o.province != hit.province for o in reading.hits):
        return False
    sentence_start, sentence_end = reading.sentence_bounds(hit.start)
    if hit.province in _NATIONAL_HOSTS and not _the_city_acts(reading, hit):
        # National bodies meeting or acting in the capital: the city is a host, not the subject
        # (issue 14), whether the body is named in this sentence ("Sáng 5-3, tại Hà Nội, Bộ Y tế
        # tổ chức …") or where the article opens ("Hội nghị diễn ra tại Hà Nội").
        opening_end = reading.layout.opening_end
        for start, end in ((sentence_start, sentence_end), (0, opening_end)):
            if _names_national(reading, reading.cues.national_host, start, end):
                return True
    for other in reading.hits:
        if other.start >= hit.start:
            break
        if other.start < sentence_start or other.province == hit.province:
            continue
        if roles.get(other.start) == "authority" or other.start - sentence_start < 25:
            return True
    return False


def _the_city_acts(reading: _Reading, hit: Hit) -> bool:
    """The city's own authorities named in the sentence ("tại Hà Nội, UBND TP Hà Nội phối hợp
    với Bộ Y tế tổ chức …"): its own event, not a national one it only hosts."""
    sentence_start, sentence_end = reading.sentence_bounds(hit.start)
    return any(
        sentence_start <= other.start < sentence_end
        and other.province == hit.province
        and reading.cues.authority.search(reading.before(other, 70))
        for other in reading.hits
    )


def _list_sentences(reading: _Reading) -> set[int]:
    """Sentences that list provinces: four or more, or three in a ranking."""
    by_sentence: dict[int, set[str]] = {}
    for hit in reading.hits:
        by_sentence.setdefault(reading.layout.sentence_of(hit.start), set()).add(hit.province)
    listed = set()
    for index, provinces in by_sentence.items():
        if index == 0 or len(provinces) < 3:  # the headline names what the article is about
            continue
        if len(provinces) >= 4:
            listed.add(index)
            continue
        start, end = reading.layout.sentence_span(index, len(reading.text))
        if reading.cues.ranking.search(reading.lower[start:end]):
            listed.add(index)
    return listed


def _roles(reading: _Reading) -> dict[int, str]:
    """The role of each mention (by its offset), first rule that applies."""
    cues = reading.cues
    listed = _list_sentences(reading)
    roles: dict[int, str] = {}
    for hit in reading.hits:
        before = reading.before(hit, 70)
        if _in_a_commune_name(reading, hit):
            role = "commune"
        elif hit.via == "province" and _inside_organisation(reading, hit, cues.organisation):
            role = "organisation"
        elif _at_home(reading, hit):
            role = "home"
        elif _a_venue(reading, hit, roles):
            role = "venue"
        elif hit.start < reading.layout.title_end:
            role = "title"
        elif hit.via == "province" and _inside_organisation(reading, hit, cues.institution):
            role = "organisation"
        elif _a_route_or_team(reading, hit):
            role = "route"
        elif _after_merger(reading, hit):
            role = "merger"
        elif _an_example(reading, hit):
            role = "example"
        elif _a_former_post(reading, before):
            role = "post"
        elif cues.authority.search(before):
            role = "authority"
        elif cues.locative.search(before):
            role = "locative"
        elif reading.layout.sentence_of(hit.start) in listed:
            role = "list"
        elif hit.start < reading.layout.opening_end:
            role = "lead"
        else:
            role = "plain"
        roles[hit.start] = role
    return roles


def _a_route_or_team(reading: _Reading, hit: Hit) -> bool:
    """ "CLB Hải Phòng", "Hà Nội FC"; a name joined by a dash to another ("Hà Nội - Lào Cai"),
    unless the other word is part of the province's own name ("Thừa Thiên - Huế", "Bà Rịa -
    Vũng Tàu")."""
    if hit.via == "province" and reading.cues.team.search(reading.before(hit, 30)):
        return True
    after = reading.text[hit.end : hit.end + 40]
    if re.match(r"\s+FC(?!\w)", after):
        return True
    own_words = set(fold(hit.province).lower().split())
    joined = _DASH_AFTER.match(after) or _DASH_BEFORE.search(
        reading.text[max(0, hit.start - 40) : hit.start]
    )
    return joined is not None and fold(joined.group(1)).lower() not in own_words


def _in_a_commune_name(reading: _Reading, hit: Hit) -> bool:
    """ "xã Hưng Yên Nam", "phường Bắc Giang", "đường Hà Nội": not "thành phố Hà Nội"."""
    commune = reading.cues.commune.search(reading.before(hit, 24))
    if commune is None:
        return False
    city = commune.group("kind") in ("phố", "pho") and commune.group("word") in ("thành", "thanh")
    return not city


def _a_former_post(reading: _Reading, before: str) -> bool:
    """ "nguyên Chủ tịch UBND tỉnh …", "nguyên Bí thư Tỉnh ủy …": what a person was, like a
    hometown, not the province's authorities acting."""
    authority = reading.cues.authority.search(before)
    if authority is None:
        return False
    former = fold("nguyên") if reading.unaccented else "nguyên"
    post = before[: authority.start()]
    return re.search(rf"(?<!\w){former}\s+(?:\w+\s+){{0,2}}$", post) is not None


def _after_merger(reading: _Reading, hit: Hit) -> bool:
    sentence_start, _ = reading.sentence_bounds(hit.start)
    return bool(reading.cues.merger.search(reading.lower[sentence_start : hit.start]))


def _quote(reading: _Reading, hit: Hit) -> str:
    start = max(reading.layout.starts[reading.layout.sentence_of(hit.start)], hit.start - 30)
    words = reading.text[start : hit.end].split()
    return " ".join(words[-6:])


def _opens_national(reading: _Reading) -> bool:
    """The headline, lead or first sentence names a national body or event ("Bộ Y tế",
    "Chính phủ", "toàn quốc"): a province it names once in passing is not what it is about."""
    return _names_national(reading, reading.cues.national_host, 0, reading.layout.opening_end)


def _names_national(reading: _Reading, cue: re.Pattern[str], start: int, end: int) -> bool:
    """`cue` (in the lowered text) or a ministry (in the text as written) names a national body
    or event between `start` and `end`, other than as a document's issuer or in a title."""
    found = chain(
        cue.finditer(reading.lower, start, end), _MINISTRY.finditer(reading.text, start, end)
    )
    return any(not _issuer_or_title(reading, match.start()) for match in found)


def _issuer_or_title(reading: _Reading, offset: int) -> bool:
    sentence_start, _ = reading.sentence_bounds(offset)
    before = reading.lower[max(sentence_start, offset - 160) : offset]
    return reading.cues.issuer_or_title.search(before) is not None


def _the_paper_s_province(
    reading: _Reading,
    paper_province: str,
    gaz: Gazetteer,
    mentioned: list[ProvinceMention],
    plain: set[str],
) -> tuple[list[ProvinceMention], list[ProvinceMention]]:
    """When the article is about none of the provinces it names: the paper's own, if the text
    names it in plain prose; otherwise too, since a provincial paper's story is local, unless
    it opens on a national or international body or event ("Bộ Y tế", "toàn quốc", "cả
    nước"). When the article names no province at all, the paper's own, always (as before
    salience: a local story often names only a commune)."""
    own = next((m for m in mentioned if m.province == paper_province), None)
    rest = [m for m in mentioned if m.province != paper_province]
    national = _names_national(reading, reading.cues.national, 0, reading.layout.opening_end)
    if national and mentioned and paper_province not in plain:
        return [], mentioned
    if own is not None:
        why = f"the paper's own province, in a local story ({own.why})"
        return [replace(own, salient=True, why=why)], rest
    why = "the paper's own province: the text names no province"
    if mentioned:
        why = "the paper's own province, in a local story (the others are only mentioned)"
    current = gaz.current_of(paper_province)
    return [ProvinceMention(paper_province, current, 0, "paper", True, why)], rest


def locate_provinces(
    title: str,
    body: str,
    lead: str | None = None,
    paper_province: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[list[ProvinceMention], list[ProvinceMention]]:
    """The provinces an article is about, and those it only mentions, each in order of first
    mention with the reason (`why`) it was put there.

    About: named in the headline or the lead, its authorities acting ("UBND tỉnh Lạng Sơn"),
    named where the events take place ("Tại huyện Lục Ngạn, …"), or named at least twice in
    plain prose (and a quarter as often as the most named province). Only mentioned:
    hometowns and addresses, company and prize names, commune and street names, a province
    that only hosts another's event (a national event in Hà Nội), a person's former post, merged
    provinces, passing examples and comparisons, lists of four provinces or more (three in a
    ranking), and a province named once in passing. A former province ("Nam Định cũ") is read
    like any other: post-merger papers locate their local stories that way. When none is
    about, a province that is the only one named outside those roles is; failing that, the
    paper's own province (`paper_province`), unless the article opens on a national event.
    """
    gaz = gazetteer or load_gazetteer()
    title, body = nfc(title), nfc(body)
    text = f"{title}\n{body}"
    unaccented = is_unaccented(text)
    hits = province_hits(text, gaz)
    reading = _Reading(
        text,
        unaccented,
        comparable_lower(text, unaccented),
        layout(title, body, lead and nfc(lead)),
        _cues(unaccented),
        hits,
    )
    roles = _roles(reading) if hits else {}
    by_province: dict[str, list[Hit]] = {}
    for hit in hits:
        by_province.setdefault(hit.province, []).append(hit)

    plain = {p: sum(roles[h.start] == "plain" for h in found) for p, found in by_province.items()}
    most = max(
        (
            sum(roles[h.start] in ANCHORS or roles[h.start] == "plain" for h in found)
            for found in by_province.values()
        ),
        default=0,
    )
    salient, mentioned = [], []
    for province, found in by_province.items():
        mention = mentions_of(found, gaz)[0]
        anchor = next((h for h in found if roles[h.start] in ANCHORS), None)
        if anchor is not None:
            why = ANCHORS[roles[anchor.start]]
            if roles[anchor.start] in ("authority", "locative"):
                why += f" (“{_quote(reading, anchor)}”)"
            salient.append(replace(mention, salient=True, why=why))
        elif plain[province] >= 2 and 4 * plain[province] >= most:
            salient.append(replace(mention, salient=True, why=f"named {plain[province]} times"))
        else:
            kinds = dict.fromkeys(PASSING[roles[h.start]] for h in found)
            mentioned.append(replace(mention, salient=False, why="; ".join(kinds)))

    if not salient and not _opens_national(reading):
        only = [m for m in mentioned if plain[m.province]]
        if len(only) == 1:
            promoted = replace(only[0], salient=True, why="the only place the article locates")
            salient = [promoted]
            mentioned = [m for m in mentioned if m.province != promoted.province]
    if not salient and paper_province in gaz.provinces:
        named_plainly = {province for province, count in plain.items() if count}
        salient, mentioned = _the_paper_s_province(
            reading, paper_province, gaz, mentioned, named_plainly
        )
    return salient, mentioned
