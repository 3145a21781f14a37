"""The provinces an article is about, and those it only mentions: a role for each place the
gazetteer finds (`baotinh.labels.places`), from where and how it is named.

Salient: the headline and the lead, a province's authorities acting, events "tại huyện …", a
province named again and again. Mentions: hometowns and addresses, company, prize and street
names, communes named after a province, merger sentences, passing examples, lists, and the host
city of a national event (docs/classification.md has the conventions). The cues the rules read
are in `baotinh.labels.province_cues`, `baotinh.labels.national_cues` and
`baotinh.labels.province_people`; what the opening frames the article as (national, another
province's story, the paper's own) in `baotinh.labels.province_frame`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from baotinh.core.text import fold, nfc
from baotinh.labels.national_cues import NATIONAL_HOSTS, names_national, opens_national
from baotinh.labels.places import (
    Gazetteer,
    Hit,
    ProvinceMention,
    is_unaccented,
    load_gazetteer,
    mentions_of,
    province_hits,
)
from baotinh.labels.province_cues import (
    DASH_AFTER,
    DASH_BEFORE,
    SEAT_IN_BRACKETS,
    Reading,
    comparable_lower,
    cues,
    last,
)
from baotinh.labels.province_frame import (
    an_example_of_a_national_story,
    secondary,
    the_paper_s_province,
)
from baotinh.labels.province_people import (
    a_deputy_s_delegation,
    a_person_s_province,
    an_official_s_post,
)
from baotinh.labels.salience import layout

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
    "deputy": "a deputy's delegation",
    "official": "an official quoted, or a partner, in a story about elsewhere",
    "post": "a person's former post",
    "merger": "a province merged into another",
    "example": "a passing example or comparison",
    "list": "in a list of provinces",
    "plain": "named in passing",
    "national": "an example in a story its opening sets nationally",
    "secondary": "named only after an opening on another province",
}


def _inside_organisation(reading: Reading, hit: Hit, names: re.Pattern[str]) -> bool:
    window = reading.before(hit, 80)
    cue = last(names, window)
    if cue is None:
        return False
    between = reading.text[hit.start - len(window) + cue.end() : hit.start]
    seat = SEAT_IN_BRACKETS.fullmatch(between)
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


def _at_home(reading: Reading, hit: Hit) -> bool:
    """A hometown or an address: the mention ends a run of address parts behind "quê",
    "trú tại", "địa chỉ", "trụ sở tại", "(SN 1990, …"."""
    window = reading.before(hit, 150)
    cue = last(reading.cues.home, window)
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


def _an_example(reading: Reading, hit: Hit) -> bool:
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


def _a_venue(reading: Reading, hit: Hit, roles: dict[int, str]) -> bool:
    """ "tại Hà Nội" (or "tại TP Hồ Chí Minh") in an article whose sentence or opening is about
    a national body or event, or "tại X" in a sentence whose subject is another province: the
    place only hosts the event."""
    if hit.via != "province":
        return False  # a district names a local place: events there are local
    window = reading.before(hit, 60)
    cue = last(reading.cues.venue, window)
    if cue is None or re.search(r"[.;]", window[cue.end() :]):
        return False
    # "tại" must govern this name ("tại Cung Văn hóa Hữu nghị (Hà Nội)"), not another place
    # named between them ("tại tỉnh Lào Cai, lãnh đạo bốn tỉnh Lào Cai, Yên Bái, …").
    cue_end = hit.start - len(window) + cue.end()
    if any(cue_end <= o.start < hit.start and o.province != hit.province for o in reading.hits):
        return False
    sentence_start, sentence_end = reading.sentence_bounds(hit.start)
    if hit.province in NATIONAL_HOSTS and not _the_city_acts(reading, hit):
        # National bodies meeting or acting in the capital: the city is a host, not the subject
        # (issue 14), whether the body is named in this sentence ("Sáng 5-3, tại Hà Nội, Bộ Y tế
        # tổ chức …") or where the article opens ("Hội nghị diễn ra tại Hà Nội").
        opening_end = reading.layout.opening_end
        for start, end in ((sentence_start, sentence_end), (0, opening_end)):
            if names_national(reading, start, end):
                return True
    for other in reading.hits:
        if other.start >= hit.start:
            break
        if other.start < sentence_start or other.province == hit.province:
            continue
        if roles.get(other.start) == "authority" or other.start - sentence_start < 25:
            return True
    return False


def _the_city_acts(reading: Reading, hit: Hit) -> bool:
    """The city's own authorities named in the sentence ("tại Hà Nội, UBND TP Hà Nội phối hợp
    với Bộ Y tế tổ chức …"): its own event, not a national one it only hosts."""
    sentence_start, sentence_end = reading.sentence_bounds(hit.start)
    return any(
        sentence_start <= other.start < sentence_end
        and other.province == hit.province
        and reading.cues.authority.search(reading.before(other, 70))
        for other in reading.hits
    )


def _list_sentences(reading: Reading) -> set[int]:
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


def _roles(reading: Reading) -> dict[int, str]:
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
        elif person := a_person_s_province(reading, hit):
            role = person
        elif a_deputy_s_delegation(reading, hit):
            role = "deputy"
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
        elif authority := cues.authority.search(before):
            start = hit.start - len(before) + authority.start()
            role = (
                "official" if _an_official_of_elsewhere(reading, hit, start, roles) else "authority"
            )
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


def _an_official_of_elsewhere(
    reading: Reading, hit: Hit, authority_start: int, roles: dict[int, str]
) -> bool:
    """A province's official quoted in a story its opening sets elsewhere: nationally ("Bộ Y tế
    …") or in another province, with this one not named there. "Ông …, Phó giám đốc Sở Y tế Hà
    Nội, cho biết" is then a source, as a deputy's delegation is a constituency. So is a
    province's authority working with another's that the article is about, named before it
    ("Công an huyện Nam Giang phối hợp với Công an tỉnh Kon Tum"): a partner; or one that wants
    a suspect the subject's police arrest and hand over ("bị Công an tỉnh Gia Lai truy nã", "bàn
    giao đối tượng cho Công an tỉnh Gia Lai")."""
    earlier = [other for other in reading.hits if other.start < hit.start]
    if any(o.province == hit.province and roles[o.start] in ANCHORS for o in earlier):
        return False  # about it already
    window = reading.lower[max(0, authority_start - 30) : authority_start]
    partner = reading.cues.partner.search(window) or reading.cues.wanting.match(
        reading.lower, hit.end
    )
    if partner and any(roles[o.start] in ANCHORS for o in earlier):
        return True
    opening_end = reading.layout.opening_end
    if hit.start < opening_end:
        return False
    elsewhere = any(roles[other.start] in ANCHORS for other in earlier if other.start < opening_end)
    if not (elsewhere or opens_national(reading)):
        return False
    return an_official_s_post(reading, hit, authority_start)


def _a_route_or_team(reading: Reading, hit: Hit) -> bool:
    """ "CLB Hải Phòng", "Hà Nội FC"; a name joined by a dash to another ("Hà Nội - Lào Cai"),
    unless the other word is part of the province's own name ("Thừa Thiên - Huế", "Bà Rịa -
    Vũng Tàu")."""
    if hit.via == "province" and reading.cues.team.search(reading.before(hit, 30)):
        return True
    after = reading.text[hit.end : hit.end + 40]
    if re.match(r"\s+FC(?!\w)", after):
        return True
    own_words = set(fold(hit.province).lower().split())
    joined = DASH_AFTER.match(after) or DASH_BEFORE.search(
        reading.text[max(0, hit.start - 40) : hit.start]
    )
    return joined is not None and fold(joined.group(1)).lower() not in own_words


def _in_a_commune_name(reading: Reading, hit: Hit) -> bool:
    """ "xã Hưng Yên Nam", "phường Bắc Giang", "đường Hà Nội": not "thành phố Hà Nội"."""
    commune = reading.cues.commune.search(reading.before(hit, 24))
    if commune is None:
        return False
    city = commune.group("kind") in ("phố", "pho") and commune.group("word") in ("thành", "thanh")
    return not city


def _a_former_post(reading: Reading, before: str) -> bool:
    """ "nguyên Chủ tịch UBND tỉnh …", "nguyên Bí thư Tỉnh ủy …": what a person was, like a
    hometown, not the province's authorities acting."""
    authority = reading.cues.authority.search(before)
    if authority is None:
        return False
    former = fold("nguyên") if reading.unaccented else "nguyên"
    post = before[: authority.start()]
    return re.search(rf"(?<!\w){former}\s+(?:\w+\s+){{0,2}}$", post) is not None


def _after_merger(reading: Reading, hit: Hit) -> bool:
    sentence_start, _ = reading.sentence_bounds(hit.start)
    return bool(reading.cues.merger.search(reading.lower[sentence_start : hit.start]))


def _quote(reading: Reading, hit: Hit) -> str:
    start = max(reading.layout.starts[reading.layout.sentence_of(hit.start)], hit.start - 30)
    words = reading.text[start : hit.end].split()
    return " ".join(words[-6:])


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
    reading = Reading(
        text,
        unaccented,
        comparable_lower(text, unaccented),
        layout(title, body, lead and nfc(lead)),
        cues(unaccented),
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
    national = bool(hits) and opens_national(reading)
    opened_on = {
        h.province
        for h in hits
        if h.start < reading.layout.opening_end and roles[h.start] in ANCHORS
    }
    salient, mentioned = [], []
    for province, found in by_province.items():
        mention = mentions_of(found, gaz)[0]
        anchor = next((h for h in found if roles[h.start] in ANCHORS), None)
        repeated = plain[province] >= 2 and 4 * plain[province] >= most
        if (anchor or repeated) and national and an_example_of_a_national_story(reading, found):
            mentioned.append(replace(mention, salient=False, why=PASSING["national"]))
        elif (anchor or repeated) and secondary(reading, found, roles, opened_on):
            mentioned.append(replace(mention, salient=False, why=PASSING["secondary"]))
        elif anchor is not None:
            why = ANCHORS[roles[anchor.start]]
            if roles[anchor.start] in ("authority", "locative"):
                why += f" (“{_quote(reading, anchor)}”)"
            salient.append(replace(mention, salient=True, why=why))
        elif repeated:
            salient.append(replace(mention, salient=True, why=f"named {plain[province]} times"))
        else:
            kinds = dict.fromkeys(PASSING[roles[h.start]] for h in found)
            mentioned.append(replace(mention, salient=False, why="; ".join(kinds)))

    if not salient and not national:
        only = [m for m in mentioned if plain[m.province]]
        if len(only) == 1:
            promoted = replace(only[0], salient=True, why="the only place the article locates")
            salient = [promoted]
            mentioned = [m for m in mentioned if m.province != promoted.province]
    if not salient and paper_province in gaz.provinces:
        named_plainly = {province for province, count in plain.items() if count}
        salient, mentioned = the_paper_s_province(
            reading, paper_province, gaz, mentioned, named_plainly
        )
    return salient, mentioned
