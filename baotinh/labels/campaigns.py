"""Campaign tags from configurable rules: cited documents and phrases, and where they stand.

The rules live in `baotinh/labels/data/campaigns.toml` (or the file BAOTINH_CAMPAIGNS names), so an
editor can add a campaign or a phrase without touching code. See that file for the rule shape.

An article is *about* a campaign (`CampaignTag.salient`) when one of the campaign's cues is in
its headline or lead, or when its cues come back sentence after sentence; a campaign named once
in passing ("… gắn với xây dựng nông thôn mới") is only *mentioned*, and so is one that comes back
less often than the campaign the article opens with. Cues are the campaign's
phrases and the documents it is run by, wherever the article cites them (in full or short:
"Chỉ thị 05"); `supporting` phrases are generic words ("nền tảng số") that count only where
they stand, and only in an article that has a real cue of the campaign too.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from baotinh.core.text import nfc
from baotinh.labels.doc_spelling import DOC_TYPES
from baotinh.labels.places import fold, is_unaccented, modern_tones
from baotinh.labels.salience import layout

RULES_PATH = Path(__file__).parent / "data" / "campaigns.toml"
RULES_PATH_ENV = "BAOTINH_CAMPAIGNS"
# Cue sentences a campaign needs, outside the headline and lead, to be what an article is
# about: at least two, and one in ten of the article's sentences. Set by reasoning about what
# "comes back" means in an article of 5 to 60 sentences, not fitted to any set.
_MIN_CUE_SENTENCES = 2
_SENTENCES_PER_CUE = 10
_SENTENCE_MARK = "¶"  # joins the sentences of the comparable text; no phrase contains it


def _alternation(forms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for the phrases, longest first. Whole words: the end is checked here, the
    start by `_starts_a_word` (a lookbehind in front of an alternation makes every search
    twice as slow)."""
    ordered = sorted(set(forms), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(rf"(?:{'|'.join(re.escape(form) for form in ordered)})(?!\w)")


def _starts_a_word(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


@cache
def _document_pattern(ref: str, unaccented: bool) -> re.Pattern[str] | None:
    """How a cited document shows in comparable text, in full or short: "chỉ thị số 05-ct/tw",
    "chỉ thị 05", "nghị quyết trung ương 4 (khóa xii)"."""
    # With or without its term: "Nghị quyết Trung ương 4" is how many articles cite it.
    plenum = re.fullmatch(r"Nghị quyết Trung ương (\d+)(?: khóa \w+)?", ref)
    if plenum:
        central = r"(?:trung uong\s+|tw\s*)" if unaccented else r"(?:trung ương\s+|tư\s*|tw\s*)"
        return re.compile(
            rf"(?<!\w){central}(?:{_comparable('lần thứ', unaccented)}\s+)?"
            rf"{int(plenum.group(1))}(?!\d)"
        )
    doc_type = next(
        (t for t in sorted(DOC_TYPES, key=len, reverse=True) if ref.startswith(t)), None
    )
    number = re.match(r"\s*(\d+)", ref[len(doc_type) :]) if doc_type else None
    if doc_type is None or number is None:
        return None
    word = _comparable(doc_type, unaccented)
    so = _comparable("số", unaccented)
    return re.compile(rf"(?<!\w){re.escape(word)}\s+(?:{so}\s+)?0*{int(number.group(1))}(?!\d)")


@dataclass(frozen=True)
class CampaignRule:
    slug: str
    label: str
    documents: frozenset[str]
    phrases: tuple[str, ...]
    supporting: tuple[str, ...] = ()
    min_mentions: int = 1

    @cached_property
    def _patterns(self) -> dict[tuple[bool, bool], re.Pattern[str] | None]:
        """One alternation of the phrases (and one of the supporting phrases), written with
        accents and without."""
        return {key: _alternation(forms) for key, forms in self._forms.items()}

    @cached_property
    def _forms(self) -> dict[tuple[bool, bool], tuple[str, ...]]:
        """The phrases (and the supporting phrases) in comparable form, with accents and
        without: one of them is in a text wherever `_patterns` matches."""
        return {
            (unaccented, supporting): tuple(
                _comparable(p, unaccented)
                for p in (self.supporting if supporting else self.phrases)
            )
            for unaccented in (False, True)
            for supporting in (False, True)
        }

    @cached_property
    def _spelled(self) -> dict[bool, dict[str, str]]:
        """Each phrase as configured, by its comparable form: what evidence quotes."""
        return {
            unaccented: {
                _comparable(phrase, unaccented): phrase
                for phrase in (*self.supporting, *self.phrases)
            }
            for unaccented in (False, True)
        }

    def cues(
        self, comparable_text: str, unaccented: bool, cited: Iterable[str], supporting: bool = False
    ) -> list[tuple[int, str]]:
        """(offset, cue) for each phrase (or supporting phrase) in text prepared by
        `_comparable`, and, unless `supporting`, for each mention of a document of the campaign
        that the article cites."""
        found = []
        pattern = self._patterns[unaccented, supporting]
        # Most articles name none of a campaign's phrases: a plain substring test for each
        # (C-speed scans) is a third of the cost of running the alternation over the text.
        if pattern is not None and any(
            form in comparable_text for form in self._forms[unaccented, supporting]
        ):
            spelled = self._spelled[unaccented]
            found = [
                (m.start(), spelled[m.group()])
                for m in pattern.finditer(comparable_text)
                if _starts_a_word(comparable_text, m.start())
            ]
        if not supporting:
            for ref in sorted(self.documents.intersection(cited)):
                shown = _document_pattern(ref, unaccented)
                spots = [m.start() for m in shown.finditer(comparable_text)] if shown else []
                found.extend((spot, ref) for spot in spots or [-1])  # -1: cited, not located
        return sorted(found)


@dataclass(frozen=True)
class CampaignTag:
    slug: str
    # Why: the document or phrase that decided it, for a person checking the label.
    evidence: str
    salient: bool = True  # the article is about the campaign, not only mentioning it
    why: str = ""


def _comparable(text: str, unaccented: bool = False) -> str:
    """Lower case, one space, commas spaced one way, tone marks placed one way ("hoá"/"hóa");
    accents dropped for text written without them."""
    text = nfc(text)
    text = " ".join((fold(text).lower() if unaccented else modern_tones(text)).split())
    if "," in text:
        # What re.sub(r"\s*,\s*", ", ") then one space did: with the spaces single already, a
        # comma loses the space before it and keeps one after it (none at the end). That regex,
        # tried at every character of the article, cost more than the split.
        text = text.replace(" ,", ",").replace(",", ", ").replace(",  ", ", ").removesuffix(" ")
    return text


def rules_path() -> Path:
    configured = os.environ.get(RULES_PATH_ENV)
    return Path(configured) if configured else RULES_PATH


@cache
def _load(path: Path, mtime: float) -> tuple[CampaignRule, ...]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rules = []
    for slug, table in data.items():
        unknown = set(table) - {"label", "documents", "phrases", "supporting", "min_mentions"}
        if unknown:
            raise ValueError(f"{path}: campaign {slug!r} has unknown keys {sorted(unknown)}")
        rules.append(
            CampaignRule(
                slug=slug,
                label=table.get("label", slug),
                documents=frozenset(table.get("documents", ())),
                phrases=tuple(table.get("phrases", ())),
                supporting=tuple(table.get("supporting", ())),
                min_mentions=int(table.get("min_mentions", 1)),
            )
        )
    return tuple(rules)


def load_rules(path: Path | None = None) -> tuple[CampaignRule, ...]:
    path = path or rules_path()
    return _load(path, path.stat().st_mtime)


def _sentences(
    title: str, text: str, lead: str | None, unaccented: bool
) -> tuple[str, list[int], int]:
    """The article's sentences in comparable form joined by a mark; where each mark is; the
    index of the opening's last sentence (0 is the headline)."""
    title, text = nfc(title), nfc(text)
    whole = f"{title}\n{text}"
    parts = layout(title, text, lead and nfc(lead))
    ends = (*parts.starts[1:], len(whole))
    pieces = (whole[start:end] for start, end in zip(parts.starts, ends, strict=True))
    joined = _comparable(f" {_SENTENCE_MARK} ".join(pieces), unaccented)
    marks = []
    mark = joined.find(_SENTENCE_MARK)
    while mark != -1:
        marks.append(mark)
        mark = joined.find(_SENTENCE_MARK, mark + 1)
    return joined, marks, parts.sentence_of(max(parts.opening_end - 1, 0))


def _sentence(marks: list[int], offset: int) -> int:
    """The sentence an offset of the joined text is in; a document cited but not located
    counts as a sentence of its own."""
    return bisect_right(marks, offset) if offset >= 0 else len(marks) + 1


def tag_campaigns(
    title: str,
    text: str,
    doc_refs: Iterable[str],
    rules: Iterable[CampaignRule] | None = None,
    lead: str | None = None,
) -> list[CampaignTag]:
    """The campaigns an article names, given the documents it cites (normalised refs), each
    with whether the article is about it (`salient`) and why. `text` is the body (starting
    with `lead`, if the page gave one).

    About: a cue in the headline or the lead; or cues in at least two sentences and one in
    ten, and, when another campaign is in the headline or lead, in as many sentences as that
    one's (an article is mainly about the campaign it opens with: a plenum resolution cited
    beside the study campaign is one of its themes, issue 14). Otherwise mentioned. A campaign
    with fewer cues than its `min_mentions` is left out.
    """
    # Joined as the provinces' rules join them (the separator is not counted): one look-up.
    unaccented = is_unaccented(f"{title}\n{text}")
    cited = list(doc_refs)
    joined, marks, opening = _sentences(title, text, lead, unaccented)
    needed = max(_MIN_CUE_SENTENCES, math.ceil(len(marks) / _SENTENCES_PER_CUE))
    named = []
    for rule in load_rules() if rules is None else rules:
        strong = rule.cues(joined, unaccented, cited)
        if not strong or len(strong) < rule.min_mentions:
            continue
        supporting = rule.cues(joined, unaccented, cited, supporting=True)
        placed = [(_sentence(marks, offset), cue) for offset, cue in sorted(strong + supporting)]
        up_front = next(((where, cue) for where, cue in placed if where <= opening), None)
        cue_sentences = {_sentence(marks, offset) for offset, _ in strong}
        named.append((rule, strong, up_front, cue_sentences))
    leading = max(
        (len(sentences) for _, _, up_front, sentences in named if up_front is not None),
        default=0,
    )
    tags = []
    for rule, strong, up_front, cue_sentences in named:
        if up_front is not None:
            where, cue = up_front
            place = "in the headline" if where == 0 else "in the lead"
            tags.append(CampaignTag(rule.slug, cue, True, f"{place} (“{cue}”)"))
        elif len(cue_sentences) >= max(needed, leading):
            cue = max(dict.fromkeys(c for _, c in strong), key=[c for _, c in strong].count)
            why = f"cues in {len(cue_sentences)} sentences (“{cue}”)"
            tags.append(CampaignTag(rule.slug, cue, True, why))
        else:
            cue = strong[0][1]
            count = len(cue_sentences)
            why = f"named in passing, {count} sentence{'s' if count > 1 else ''} (“{cue}”)"
            if count >= needed:
                why += ", fewer than the campaign the article opens with"
            tags.append(CampaignTag(rule.slug, cue, False, why))
    return tags
