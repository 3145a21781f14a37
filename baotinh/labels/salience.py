"""What provinces and campaigns have in common when deciding what an article is *about*: its
sentences, and its opening (the headline, the lead, the first sentence of the text).

A Vietnamese news article states its subject in the headline and the lead (the sapo) and
repeats it; a place or a campaign that is only named once further down is background. Both
`baotinh.labels.places` and `baotinh.labels.campaigns` read positions against these boundaries.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# A sentence ends at . ! ? … (perhaps behind a closing quote or bracket) before a capital or a
# digit, or at a line break. Abbreviations that end in a dot ("TP. Hồ Chí Minh", "Q. 1", "ThS.
# Lê") do not end one. Candidates are found by one plain pattern and checked in Python: a
# pattern with the capital in a lookahead costs three times as much on every article.
_END = re.compile(r"[.!?…][.!?…\"”’)\]]*\s+")
_STARTS_A_SENTENCE = frozenset(
    chr(code) for code in range(0x30, 0x1EFA) if chr(code).isupper() or chr(code).isdigit()
)
_OPENING_MARKS = frozenset('"“‘([')
_ABBREVIATIONS = frozenset(
    {"tp", "tx", "q", "p", "h", "ths", "ts", "pgs", "gs", "bs", "ks", "st", "tt", "mr", "ms", "đc"}
)


def sentence_starts(text: str) -> list[int]:
    """Offsets where the sentences of `text` begin (the first is 0)."""
    starts = {0}
    length = len(text)
    for match in _END.finditer(text):
        end = match.end()
        if end >= length:
            continue
        first = text[end]
        if first in _OPENING_MARKS and end + 1 < length:
            first = text[end + 1]
        if first not in _STARTS_A_SENTENCE:
            continue
        if text[match.start()] == ".":
            word = text[max(0, match.start() - 6) : match.start()].split()
            if word and word[-1].lower() in _ABBREVIATIONS:
                continue
        starts.add(end)
    line = text.find("\n")
    while line != -1:
        after = line + 1
        while after < length and text[after] == "\n":
            after += 1
        if after < length:
            starts.add(after)
        line = text.find("\n", after)
    return sorted(starts)


@dataclass(frozen=True)
class Layout:
    """Where the parts of `title + "\\n" + body` are: the title ends at `title_end`, the opening
    (title, lead, first sentence of the text) at `opening_end`; `starts` are the sentence
    starts of the whole."""

    title_end: int
    opening_end: int
    starts: tuple[int, ...]

    def sentence_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def sentence_span(self, index: int, length: int) -> tuple[int, int]:
        end = self.starts[index + 1] if index + 1 < len(self.starts) else length
        return self.starts[index], end

    @property
    def sentences(self) -> int:
        return len(self.starts)


# A lead this long is a sapo, the summary papers print under the headline: the opening ends with
# it. (One plain sentence of news is some 100 to 250 characters.)
SAPO_CHARS = 60


# The classifier asks for one article's layout twice (provinces, campaigns): the second time is
# a look-up.
@lru_cache(maxsize=8)
def layout(title: str, body: str, lead: str | None = None) -> Layout:
    """The layout of `f"{title}\n{body}"`, the text the classifier reads. `lead`, when the page
    gave one, is the start of `body`: a lead of a sentence or more (the sapo) ends the opening;
    a shorter one ("(Baobacgiang) -") or none lets it run to the end of the text's first
    sentence."""
    whole_starts = [0]
    title_end = len(title)
    body_offset = title_end + 1
    body_starts = sentence_starts(body)
    whole_starts.extend(body_offset + start for start in body_starts)
    lead_end = len(lead) + 1 if lead and body.startswith(lead) else 0
    if lead_end > SAPO_CHARS:
        opening_end = body_offset + min(lead_end, len(body))
    else:
        after_lead = [start for start in body_starts if start > lead_end]
        opening_end = body_offset + (after_lead[0] if after_lead else len(body))
    return Layout(title_end, opening_end, tuple(whole_starts))
