"""Stories: an article and every copy of it, found by exact keys and by MinHash LSH.

Provincial papers reprint each other and the national wires, cut a story short, put it under a
new headline, add a paragraph the next morning, or leave it on a former domain after the 2025
mergers. An analyst counting coverage must count that story once, and must never see two
different articles folded into one. The method, in the order a new article meets it:

1. Exact keys. The hash of the normalised body (`baotinh.core.text.body_hash`: NFC,
   whitespace, quote and dash variants folded) finds a reprint under another headline; the URL
   identity key (`baotinh.papers.identity_key`: www./m./AMP variants, trailing slash, former
   domain → successor) finds the same article reached under another address.
2. Candidates. Shingles of 5 syllables of the body, a 128-value MinHash signature, and LSH with
   64 bands of 2 rows. The banding is deliberately permissive (a pair with a Jaccard of 0.125
   becomes a candidate with probability ~0.6) because the copies that matter most are *partial*:
   a truncated reprint or a wire story inside a longer piece has a low Jaccard with its source
   while nearly all of the shorter text is contained in the longer one.
   Candidates whose signatures say they are unrelated are dropped before any text is read.
3. Verification on the real shingle sets: the share of the smaller set found in the larger
   (containment) and the Jaccard index, with the thresholds below.

A story is a cluster with one canonical member: the earliest published (then the first seen),
i.e. the original rather than the longest, so that a later reprint or update never displaces it.
Every other member records its Jaccard and containment against the canonical member and its
relation: ``exact`` (same normalised body), ``update`` (same address or same paper, new text),
``partial`` (one is an excerpt of the other) or ``reprint`` (another paper, headline or edit).

Three modules: `minhash` (fingerprints and their similarity), `decision` (this method, plain
Python over an abstract `StoryIndex`) and `memory` (`MemoryStories`, the index for files,
``baotinh dedupe`` and evaluation); `db.stories` is the index over the store.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

import numpy as np

from baotinh.stories.minhash import (
    MIN_SHINGLES,
    Fingerprint,
    Similarity,
    compare,
    estimate,
    fingerprint,
)

# --- parameters --------------------------------------------------------------------------------

# Verification. Half of the smaller text found verbatim in the larger is what separates a reprint
# (cut, re-headed, with an added paragraph) from an independent article that quotes the same
# communiqué. The Jaccard floor only stops a short blurb from joining a long round-up that quotes
# half of it; it is low because a partial copy's Jaccard is small by nature (J ≈ C·r / (1 + r - C·r)
# for containment C and size ratio r).
MIN_CONTAINMENT = 0.5
MIN_JACCARD = 0.1
# An excerpt (a teaser, a heavily truncated reprint) has a tiny Jaccard with its source: accept
# it on containment alone when nearly all of it is in the other text.
EXCERPT_CONTAINMENT = 0.8
# The same address (or a former domain of it) with a rewritten text is still that article.
SAME_ADDRESS_CONTAINMENT = 0.2

# Candidate filtering on signatures before any text is loaded, and a cap so that one
# boilerplate-heavy article cannot make a look-up scan thousands of rows.
PREFILTER_JACCARD = 0.08
PREFILTER_CONTAINMENT = 0.35
MAX_CANDIDATES = 64

# Bounds for text that many stored articles share: a story reprinted a thousand times, and daily
# template notices (a power-cut list, a weather bulletin) that overlap every earlier notice. Without
# them a look-up reads every such article: its cost grows with history.
#
# BAND_KEY_CAP: a band key is kept for at most this many articles, the first stored; a look-up
# reads at most that many per key. A key shared by more articles is the boilerplate of a template
# or the common text of a big story. That is correct enough because:
# - a new member of a big story still meets the story's first members (its canonical member
#   among them) on those keys, and the story is all that is decided;
# - a new copy of an ordinary article shares, besides any boilerplate key, the keys of its own
#   text (a copy with a Jaccard of 0.3 shares about 6 of the 64 bands on average), which are
#   not crowded;
# - a template notice meets the first notices of its template, which it is told apart from by
#   date as before; a reprint of today's notice meets it on the keys of the day's own text (its
#   date, its list), or by body hash when it is word for word.
# What it can cost is a miss (a new story where one was due), never a merge. None of the labelled
# sets has a key shared by more than 3 articles: their decisions do not change.
BAND_KEY_CAP = 16
# MAX_PER_STORY: at most this many members of one story are verified (best estimates first), and
# at most this many articles are read per body hash or address. What is decided is the story, and
# when a story's best-estimated members do not verify, its worse-estimated ones hardly would (the
# estimate's error at 128 permutations is about ±0.09). Exact copies are one story: any of them
# decides as well as all of them.
MAX_PER_STORY = 8

# Relations.
PARTIAL_RATIO = 0.7  # the smaller text is at most this share of the larger one...
PARTIAL_CONTAINMENT = 0.8  # ...and this much of it is inside the larger one
RELATIONS = ("canonical", "exact", "reprint", "partial", "update")


def same_story(similarity: Similarity, same_address: bool = False) -> bool:
    """The verification rule: is a candidate a copy of the article (or the article a copy)?"""
    if similarity.smaller < MIN_SHINGLES:
        return False
    if same_address and similarity.containment >= SAME_ADDRESS_CONTAINMENT:
        return True
    if similarity.containment >= EXCERPT_CONTAINMENT:
        return True
    return similarity.containment >= MIN_CONTAINMENT and similarity.jaccard >= MIN_JACCARD


# --- documents and the index protocol ------------------------------------------------------------


@dataclass
class Doc:
    """An article as dedupe sees it.

    `order` sorts the members of a story: the smallest is the canonical member (the store uses
    (published or first seen, article id); files use (published, line number)). `source` is the
    paper (site key or host): the same paper with new text is an update, not a reprint.
    """

    key: Hashable
    body: str
    title: str = ""
    url_key: str | None = None
    source: str | None = None
    order: tuple[Any, ...] = ()

    @cached_property
    def fingerprint(self) -> Fingerprint:
        return fingerprint(self.body)

    @cached_property
    def title_dates(self) -> frozenset[tuple[int, ...]]:
        """The dates the headline names, as written (12/6, 12/6/2025, 6/2025)."""
        return _dates(self.title)

    @cached_property
    def written_dates(self) -> frozenset[tuple[int, ...]]:
        return _dates(self.title) | _dates(self.body)

    @cached_property
    def all_dates(self) -> frozenset[tuple[int, ...]]:
        """Every date the piece mentions; 12/6/2025 also mentions 12/6 and the month 6/2025."""
        found = set(self.written_dates)
        for numbers in self.written_dates:
            if len(numbers) == 3:
                found.update({numbers[:2], numbers[1:]})
        return frozenset(found)

    def mentions_day(self, named: tuple[int, ...]) -> bool:
        """Whether the piece mentions the day (or month) a headline names.

        A full date is mentioned by the same full date, or by its day written without a year;
        12/6/2024 does not mention 12/6/2025, and neither mentions 13/6/2025 though all three
        share a month. A day or month without a year is mentioned by any date that has it.
        """
        if len(named) == 3:
            return named in self.written_dates or named[:2] in self.written_dates
        return named in self.all_dates


# 12/6, 12-6-2025, 6/2025: a date in a headline names the day a daily piece is about.
_DATE = re.compile(r"(?<![\d/.,-])(\d{1,4})\s?[/-]\s?(\d{1,2})(?:\s?[/-]\s?(\d{2,4}))?(?![\d/.,-])")


def _dates(text: str) -> frozenset[tuple[int, ...]]:
    """The dates written in `text`: (day, month), (day, month, year) or (month, year); a year
    written with two digits (12/6/25) is read in this century."""
    found = set()
    for first, second, third in _DATE.findall(text):
        numbers = [int(n) for n in (first, second, third) if n]
        if len(third) == 2:
            numbers[2] += 2000
        found.add(tuple(numbers))
    return frozenset(found)


def dated_apart(a: Doc, b: Doc) -> bool:
    """Two pieces whose headlines name different days, neither mentioning the other's day.

    Daily notices (power cuts, prices, results, weather) repeat a template around a short list:
    their shingles overlap like a reprint's, but "ngày 12/6" and "ngày 13/6" are two articles,
    and so are "ngày 12/6/2024" and "ngày 12/6/2025". A reprint under a new headline keeps the
    facts, so the day in one headline is still found somewhere in the other copy.
    """
    if not a.title_dates or not b.title_dates:
        return False
    return not any(b.mentions_day(day) for day in a.title_dates) and not any(
        a.mentions_day(day) for day in b.title_dates
    )


def body_of(lead: str | None, text: str) -> str:
    """The text that is compared: the sapo and the body, not the headline (reprints change it)."""
    if lead and not text.lstrip().startswith(lead.strip()[:80]):
        return f"{lead}\n{text}"
    return text


class StoryIndex(Protocol):
    """What `find_story` needs from wherever articles and their stories live.

    Every look-up is bounded: `limit` articles per body hash or address (any of them: they are
    one story), at most BAND_KEY_CAP articles per band key (the first stored).
    """

    def with_exact_keys(
        self, body_hash: str | None, url_key: str | None, limit: int
    ) -> tuple[Iterable[Hashable], Iterable[Hashable]]:
        """(articles with this body hash, articles at this address); None looks nothing up."""
        ...

    def with_band_keys(self, keys: Sequence[int]) -> Iterable[Hashable]: ...
    def signatures(
        self, keys: Collection[Hashable]
    ) -> Mapping[Hashable, tuple[np.ndarray, int]]: ...
    def documents(self, keys: Collection[Hashable]) -> Mapping[Hashable, Doc]: ...
    def clusters(self, keys: Collection[Hashable]) -> Mapping[Hashable, Hashable]: ...


@dataclass(frozen=True)
class Match:
    key: Hashable  # the stored article that verified best
    cluster: Hashable
    similarity: Similarity
    via: str  # "exact", "address" or "near"


def find_story(doc: Doc, index: StoryIndex) -> Match | None:
    """The story `doc` belongs to, if any: the cluster of its best verified candidate.

    Only the best candidate's story is joined. When an article verifies against two stories
    (a round-up quoting two reprints), the stories are not merged: merging is how two different
    articles end up folded into one. Bounded whatever the history: see BAND_KEY_CAP and
    MAX_PER_STORY.
    """
    fp = doc.fingerprint
    found = index.with_exact_keys(fp.body_hash if fp.size else None, doc.url_key, MAX_PER_STORY)
    exact, address = set(found[0]), set(found[1])
    hits = set(index.with_band_keys(fp.band_keys)) - {doc.key, *exact, *address}
    exact.discard(doc.key)
    address.discard(doc.key)

    near: list[tuple[float, Hashable]] = []
    for key, (signature, size) in index.signatures(hits).items():
        guess = estimate(fp.signature, fp.size, signature, size)
        if guess.jaccard >= PREFILTER_JACCARD or guess.containment >= PREFILTER_CONTAINMENT:
            near.append((guess.containment + guess.jaccard, key))
    near.sort(key=lambda item: (-item[0], _sortable(item[1])))
    stories = index.clusters([key for _, key in near])
    shortlist: list[Hashable] = []
    per_story: dict[Hashable, int] = {}
    for _, key in near:
        story = stories.get(key)
        if story is None or per_story.get(story, 0) >= MAX_PER_STORY:
            continue
        per_story[story] = per_story.get(story, 0) + 1
        shortlist.append(key)
        if len(shortlist) == MAX_CANDIDATES:
            break

    candidates = [*sorted(exact, key=_sortable), *sorted(address - exact, key=_sortable)]
    candidates += shortlist
    if not candidates:
        return None
    documents = index.documents(candidates)
    clusters = index.clusters(candidates)
    best: tuple[tuple[Any, ...], Match] | None = None
    for key in candidates:
        other = documents.get(key)
        cluster = clusters.get(key)
        if other is None or cluster is None:
            continue
        if key in exact:
            similarity, via = Similarity.of_counts(fp.size, fp.size, fp.size), "exact"
        else:
            via = "address" if key in address else "near"
            # Dates first: a notice of another day is dropped without shingling its text.
            if via == "near" and dated_apart(doc, other):
                continue
            similarity = compare(fp, other.fingerprint)
            if not same_story(similarity, same_address=key in address):
                continue
        rank = (via != "exact", via != "address", -similarity.containment, -similarity.jaccard)
        rank += (other.order, _sortable(key))
        if best is None or rank < best[0]:
            best = (rank, Match(key, cluster, similarity, via))
    return best[1] if best else None


def relation(member: Doc, canonical: Doc, similarity: Similarity) -> str:
    """How a member relates to its story's canonical member."""
    if member.key == canonical.key:
        return "canonical"
    if member.fingerprint.body_hash == canonical.fingerprint.body_hash:
        return "exact"
    same_address = member.url_key is not None and member.url_key == canonical.url_key
    if same_address or (member.source is not None and member.source == canonical.source):
        return "update"
    if similarity.ratio <= PARTIAL_RATIO and similarity.containment >= PARTIAL_CONTAINMENT:
        return "partial"
    return "reprint"


def canonical_of(members: Iterable[Doc]) -> Doc:
    """The earliest member (by `Doc.order`, then key)."""
    return min(members, key=lambda doc: (doc.order, _sortable(doc.key)))


def _sortable(key: Hashable) -> tuple[str, str]:
    # Keys are ints in the store and strings in files; never compare the two directly.
    return (type(key).__name__, f"{key:>20}" if isinstance(key, int) else str(key))
