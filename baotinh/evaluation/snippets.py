"""Extraction evaluation, trafilatura-style, without keeping anyone's text in the repository.

Expectations for pages we do not own (../shared/corpus, ../shared/seeds) are recorded as what a
person decided while reading the page: CSS selectors (or line ranges, for text dumps) that pick
the article's paragraphs and the page chrome, SHA-256 digests of the expected title and authors,
and the publication time. The snippets themselves are read from the page at evaluation time.

Per page, every body paragraph is a snippet that must be in the extracted text, every chrome
block one that must not; precision, recall and F1 are computed over all snippets of all pages,
as trafilatura's own evaluation does.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import html

from baotinh.core.text import nfc
from baotinh.evaluation import scoring

# Shorter chrome strings ("Chia sẻ", "Mới nhất") also occur in real sentences; only longer ones
# are distinctive enough to count as chrome that leaked.
MIN_CHROME_CHARS = 25
SNIPPET_CHARS = 100


def fingerprint(value: str | Iterable[str]) -> str:
    """SHA-256 of a title, or of authors joined by "|", after NFC and whitespace folding."""
    text = value if isinstance(value, str) else "|".join(value)
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def normalise(text: str) -> str:
    return " ".join(nfc(text).replace("\u00a0", " ").split())


def snippet(text: str) -> str:
    text = normalise(text)
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS]


@dataclass
class Expectation:
    name: str
    kind: str  # article | listing
    source: bytes | str  # raw page bytes or text dump
    url: str | None
    must: list[str] = field(default_factory=list)
    must_not: list[str] = field(default_factory=list)
    title_sha256: str | None = None
    published: str | None = None
    authors_sha256: str | None = None  # None: the page names no author; skip the check


def html_expectation(corpus: Path, entry: dict[str, Any]) -> Expectation:
    from baotinh.extraction.decoding import decode_body, read_saved_page

    raw = read_saved_page(str(corpus / entry["file"]))
    tree = html.document_fromstring(decode_body(raw))
    must: list[str] = []
    for selector in entry.get("body", []):
        for element in tree.cssselect(selector):
            text = normalise(element.text_content())
            if text:
                must.append(snippet(text))
    excluded = {
        normalise(e.text_content())
        for selector in entry.get("body_exclude", [])
        for e in tree.cssselect(selector)
    }
    must = [s for s in dict.fromkeys(must) if not any(s and s in x for x in excluded if x)]
    must_not: list[str] = []
    for selector in entry.get("chrome", []):
        for element in tree.cssselect(selector):
            for line in element.itertext():
                text = normalise(line)
                if len(text) >= MIN_CHROME_CHARS:
                    must_not.append(snippet(text))
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    return Expectation(
        name=entry["file"],
        kind=entry.get("kind", "article"),
        source=raw,
        url=entry.get("url") or (canonical[0] if canonical else None),
        must=must,
        must_not=[s for s in dict.fromkeys(must_not) if not any(s in m for m in must)],
        title_sha256=entry.get("title_sha256"),
        published=entry.get("published"),
        authors_sha256=entry.get("authors_sha256"),
    )


def text_expectation(shared: Path, entry: dict[str, Any]) -> Expectation:
    text = nfc((shared / entry["file"]).read_text(encoding="utf-8"))
    lines = text.split("\n")

    def pick(ranges: str) -> list[str]:
        chosen = []
        for part in filter(None, (p.strip() for p in ranges.split(","))):
            first, _, last = part.partition("-")
            for number in range(int(first), int(last or first) + 1):
                if normalise(lines[number - 1]):
                    chosen.append(snippet(lines[number - 1]))
        return chosen

    return Expectation(
        name=entry["file"],
        kind="article",
        source=text,
        url=None,
        must=pick(entry.get("body_lines", "")),
        must_not=pick(entry.get("chrome_lines", "")),
        title_sha256=entry.get("title_sha256"),
        published=entry.get("published"),
        authors_sha256=entry.get("authors_sha256"),
    )


def load_expectations(path: Path, shared: Path) -> list[Expectation]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found = [html_expectation(shared / "corpus", entry) for entry in data.get("page", [])]
    found += [text_expectation(shared, entry) for entry in data.get("seed", [])]
    return found


@dataclass
class Score:
    true_positives: int = 0
    false_negatives: int = 0
    false_positives: int = 0
    true_negatives: int = 0
    titles: list[bool] = field(default_factory=list)
    dates: list[bool] = field(default_factory=list)
    authors: list[bool] = field(default_factory=list)
    kinds: list[bool] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return scoring.ratio(self.true_positives, found, empty=0.0)

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return scoring.ratio(self.true_positives, expected, empty=0.0)

    @property
    def f1(self) -> float:
        return scoring.f1(self.precision, self.recall)

    @staticmethod
    def rate(values: list[bool]) -> float:
        return sum(values) / len(values) if values else 1.0


# An extractor takes an expectation and returns the fields it found (or None: "not an article").
Extractor = Callable[[Expectation], dict[str, Any] | None]


def evaluate(expectations: list[Expectation], extractor: Extractor) -> Score:
    score = Score()
    for expectation in expectations:
        result = extractor(expectation)
        if expectation.kind != "article":
            score.kinds.append(result is None)
            if result is not None:
                score.failures.append(f"{expectation.name}: a listing was extracted as an article")
            continue
        text = normalise((result or {}).get("text") or "")
        for expected in expectation.must:
            if expected in text:
                score.true_positives += 1
            else:
                score.false_negatives += 1
                score.failures.append(f"{expectation.name}: missing {expected[:60]!r}")
        for unwanted in expectation.must_not:
            if unwanted in text:
                score.false_positives += 1
                score.failures.append(f"{expectation.name}: kept {unwanted[:60]!r}")
            else:
                score.true_negatives += 1
        if expectation.title_sha256:
            ok = bool(result) and fingerprint(result.get("title") or "") == expectation.title_sha256
            score.titles.append(ok)
            if not ok:
                score.failures.append(f"{expectation.name}: title {(result or {}).get('title')!r}")
        if expectation.published:
            ok = bool(result) and (result.get("published") or "") == expectation.published
            score.dates.append(ok)
            if not ok:
                score.failures.append(
                    f"{expectation.name}: published {(result or {}).get('published')!r}"
                )
        if expectation.authors_sha256:
            ok = bool(result) and fingerprint(result.get("authors") or []) == (
                expectation.authors_sha256
            )
            score.authors.append(ok)
            if not ok:
                score.failures.append(
                    f"{expectation.name}: authors {(result or {}).get('authors')!r}"
                )
    return score
