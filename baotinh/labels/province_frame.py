"""What an article's opening frames it as, for the provinces named after it: a national story
(a province its body names is one of its examples), a story about another province (one named
only later is secondary), and a provincial paper's local story (its own province when the text
names none it is about). `baotinh.labels.province_roles` gives each mention its role first.
"""

from __future__ import annotations

from dataclasses import replace

from baotinh.labels.national_cues import names_national
from baotinh.labels.places import Gazetteer, Hit, ProvinceMention
from baotinh.labels.province_cues import Reading


def an_example_of_a_national_story(reading: Reading, found: list[Hit]) -> bool:
    """In an article that opens on a national body or event ("Bộ Y tế yêu cầu các địa phương
    …", "Cả nước có …"), a province named neither in the opening nor through one of its
    districts is one of the story's examples, even where its authorities act ("Sở Y tế Hà Nội
    đã lập 5 đoàn kiểm tra") or "Tại Đà Nẵng, …" opens a sentence: the opening says what the
    article is about. A district ("Tại huyện Trạm Tấu, …") takes the story down to a local
    place, and a province named in the opening is its subject."""
    opening_end = reading.layout.opening_end
    return all(hit.start >= opening_end and hit.via == "province" for hit in found)


def secondary(
    reading: Reading, found: list[Hit], roles: dict[int, str], opened_on: set[str]
) -> bool:
    """A story that opens on one province (its headline, lead or first sentence) is about that
    one: another it names only further down, by its own name, is a neighbour, a partner or a
    comparison ("UBND tỉnh Quảng Ninh cũng đã đề xuất …" in Hải Phòng's story, "Nông dân Hà
    Tĩnh …" twice in Nghệ An's), even where its authorities act or it comes back. The story
    moving there ("Tại Quảng Ngãi, lũ cũng …") or down to one of its districts keeps it."""
    if not opened_on or found[0].province in opened_on:
        return False
    opening_end = reading.layout.opening_end
    return all(
        hit.start >= opening_end and hit.via == "province" and roles[hit.start] != "locative"
        for hit in found
    )


def the_paper_s_province(
    reading: Reading,
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
    national = names_national(reading, 0, reading.layout.opening_end, hosts=False)
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
