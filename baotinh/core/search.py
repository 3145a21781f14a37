"""Search text: Vietnamese folded to plain letters, queries, and snippets of the original text.

Vietnamese users often type without accents ("dang bo" for "Đảng bộ"), so the store indexes a
folded copy of each article (accents dropped, đ/Đ → d, lower case) and every query is folded
the same way, here in Python, for both stores: what "dang bo" finds is what "Đảng bộ" finds by
construction, and SQLite and PostgreSQL read the same tokens. The stores never see the original
words; `db.search` writes these tokens to an FTS5 table (SQLite) or a tsvector (PostgreSQL).

A query is words, "quoted phrases" and `word*` prefixes, all of which must match. A word that
is several tokens ("05-CT/TW") is a phrase. Snippets are cut from the original, accented text
around the first match, located through the folded copy, so both stores print the same one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict, deque
from dataclasses import dataclass
from functools import cache, cached_property

from baotinh.core.text import fold as fold_letters

# Combining marks left over when the text is not NFC (decomposed "e" + U+0301): dropped.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Letters and digits; the rest (spaces, punctuation, "-", "/") separates tokens in both stores.
_TOKEN = re.compile(r"[^\W_]+")
# PostgreSQL refuses lexemes over 2 kB; no word is this long, so longer runs are dropped.
MAX_TOKEN_CHARS = 100
# A tsvector must stay under 1 MB; an article is some thousands of tokens.
MAX_TOKENS_PER_FIELD = 100_000
# PostgreSQL keeps at most 256 positions per lexeme and positions up to 16383.
_PG_MAX_POSITIONS = 256
_PG_MAX_POSITION = 16_383

# A hit's score: each query term weighs 10 if it is in the title, else 4 if it is in the lead,
# else nothing (every hit has every term somewhere); the whole query as a phrase, when it is
# several terms, weighs as much again per term, in the title or the lead. Equal scores go newest
# first. Both stores count the same way (db.search).
TITLE_WEIGHT = 10
LEAD_WEIGHT = 4

SNIPPET_BEFORE = 60
SNIPPET_CHARS = 220
MARK_OPEN, MARK_CLOSE = "«", "»"


class EmptyQueryError(ValueError):
    """The query has no letters or digits to search for."""


# baotinh.core.text.fold, letter by letter: str.translate looks every character up in a dict
# (~50 ns each, a third of the cost of indexing an article); replacing each accented letter the text
# holds, a few dozen distinct ones, runs at C speed and gives the same string.
_FOLDS = {
    char: fold_letters(char) for char in map(chr, range(0xC0, 0x1F00)) if fold_letters(char) != char
}
_FOLDABLE = frozenset(_FOLDS)
# ASCII letters and digits are tokens, every other ASCII character separates them: on ASCII
# text (most folded Vietnamese), split() after this table finds what _TOKEN finds, faster.
_ASCII_SEPARATORS = {code: " " for code in range(128) if not chr(code).isalnum()}
# A token longer than MAX_TOKEN_CHARS in ASCII text is looked for with every letter and digit
# made "a" and everything else a space (a regular expression tried a run at every letter of
# every word, and measuring every token cost as much).
_RUNS = bytes(ord("a") if chr(code).isalnum() and code < 128 else ord(" ") for code in range(256))
_LONG_RUN = b"a" * (MAX_TOKEN_CHARS + 1)


def fold(text: str) -> str:
    """Accents off, đ → d, lower case: "Đảng bộ" → "dang bo". Character for character on NFC
    text (what the extractor stores); stray combining marks are dropped."""
    if not text.isascii():
        for char in _FOLDABLE.intersection(text):
            text = text.replace(char, _FOLDS[char])
    folded = text.lower()
    return _MARKS.sub("", folded) if _MARKS.search(folded) else folded


# Indexing folds every article's title, lead and text, and `fold`'s replacements (one pass over
# the text per accented letter it holds, some fifty, after finding which) were most of what an
# article's index cost in Python. What an index needs is the same *tokens*, not the same string:
# decomposed (NFD), a Vietnamese letter is its ASCII letter and combining marks (U+0300-U+036F,
# two UTF-8 bytes led by 0xCC or 0xCD), and the bytes of those marks go in one C-level pass.
# Common punctuation becomes a space (it separates tokens either way). Text holding anything
# else (another script, other marks, a lone surrogate) is folded by `fold`; so is the one
# letter whose decomposition folds to another letter than `fold` gives (the Angstrom sign, Å
# in `fold`, A decomposed). tests/test_search_index.py checks every character that decomposes.
_PUNCTUATION = re.compile(b"|".join(re.escape(char.encode()) for char in "\u00a0«»·–—‘’“”…•"))
_MARK_BYTES = bytes(range(0x80, 0xC0)) + b"\xcc\xcd"  # continuation bytes and the marks' leads
_NOT_MARKS = re.compile(rb"\xcd[\xb0-\xbf]")  # U+0370-U+037F: Greek, led by 0xCD too
_FOLDS_APART = "\u212b"


def index_fold(text: str) -> str:
    """A string with exactly the tokens of `fold(text)` (`tokens` reads either the same), made
    faster: Vietnamese text comes out as lower-case ASCII, punctuation as spaces."""
    if text.isascii():
        return text.lower()
    try:
        data = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")).encode()
    except UnicodeEncodeError:
        return fold(text)
    ascii_bytes = data.translate(None, _MARK_BYTES)
    if not ascii_bytes.isascii():
        data = _PUNCTUATION.sub(b" ", data)
        ascii_bytes = data.translate(None, _MARK_BYTES)
    if not ascii_bytes.isascii() or _NOT_MARKS.search(data) or _FOLDS_APART in text:
        return fold(text)
    return ascii_bytes.decode("ascii").lower()


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """`fold(text)` and, for each folded character, its index in `text` (None: the same index,
    which is the case for NFC text)."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, None
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for out in fold(char):
            chars.append(out)
            offsets.append(index)
    return "".join(chars), offsets


def tokens(text: str | None) -> list[str]:
    """The folded tokens both stores index, in order."""
    if not text:
        return []
    folded = index_fold(text)
    if folded.isascii():
        found = folded.translate(_ASCII_SEPARATORS).split()
        too_long = _LONG_RUN in folded.encode("ascii").translate(_RUNS)
    else:
        found = _TOKEN.findall(folded)
        too_long = bool(found) and max(map(len, found)) > MAX_TOKEN_CHARS
    if len(found) > MAX_TOKENS_PER_FIELD:
        found = found[:MAX_TOKENS_PER_FIELD]
    if too_long:
        found = [token for token in found if len(token) <= MAX_TOKEN_CHARS]
    return found


@dataclass(frozen=True)
class Term:
    """One thing the query asks for: a token, or a phrase of tokens (adjacent, in order); with
    `prefix`, the last token may be the start of a longer one."""

    words: tuple[str, ...]
    prefix: bool = False

    def fts5(self) -> str:
        """The term as an FTS5 string: quoted (no operator syntax), a trailing * for a prefix."""
        return '"' + " ".join(self.words) + '"' + (" *" if self.prefix else "")

    def tsquery(self, weight: str = "") -> str:
        """The term as a tsquery: phrases with <->, a prefix with :*, each lexeme restricted to
        `weight` ("A": the title, "B": the lead) if given."""
        last = len(self.words) - 1
        lexemes = []
        for index, word in enumerate(self.words):
            flags = ("*" if self.prefix and index == last else "") + weight
            lexemes.append(f"'{word}'" + (f":{flags}" if flags else ""))
        return f"({' <-> '.join(lexemes)})" if len(lexemes) > 1 else lexemes[0]


_QUERY_PART = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[Term, ...]

    def fts5(self) -> str:
        """The FTS5 MATCH expression: every term, each a quoted string (no operator syntax)."""
        return " ".join(term.fts5() for term in self.terms)

    def tsquery(self) -> str:
        """The tsquery literal: terms ANDed, phrases with <->, prefixes with :*."""
        return " & ".join(term.tsquery() for term in self.terms)

    @cached_property
    def phrase(self) -> Term | None:
        """The whole query as one phrase, its words adjacent and in order, when it has several
        terms (None when a prefix comes before the last term: a phrase cannot hold it)."""
        if len(self.terms) < 2 or any(term.prefix for term in self.terms[:-1]):
            return None
        return Term(tuple(w for term in self.terms for w in term.words), self.terms[-1].prefix)

    def heading_checks(self) -> list[tuple[Term, int]]:
        """What a hit's score counts (see HEADING_WEIGHTS), with how many times: each term
        once, and the whole query as a phrase as many times as it has terms."""
        checks = [(term, 1) for term in self.terms]
        if self.phrase is not None:
            checks.append((self.phrase, len(self.terms)))
        return checks

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Finds any term in folded text, on token boundaries."""
        alternatives = []
        for term in self.terms:
            body = r"[\W_]+".join(re.escape(word) for word in term.words)
            end = r"[^\W_]*" if term.prefix else r"(?![^\W_])"
            alternatives.append(f"{body}{end}")
        # One look-behind for all the terms: tried at every character, it is most of the cost
        # (a look-behind per term made a three-word snippet ~0.5 ms).
        return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})")


def parse_query(text: str) -> Query:
    """Words, "quoted phrases" (an unclosed quote runs to the end) and `word*` prefixes."""
    terms: list[Term] = []
    for match in _QUERY_PART.finditer(text):
        quoted, bare = match.group(1), match.group(2)
        chunk = quoted if quoted is not None else bare
        prefix = chunk.rstrip().endswith("*")
        words = tuple(tokens(chunk))
        if words and (term := Term(words, prefix)) not in terms:
            terms.append(term)
    if not terms:
        raise EmptyQueryError(f"nothing to search for in {text!r}: give a word")
    return Query(text, tuple(terms))


def document_fields(title: str | None, lead: str | None, text: str | None) -> tuple[str, str, str]:
    """Title, lead and text as the FTS5 tables get them: folded, split into exactly the tokens
    of `tokens` by FTS5's unicode61 tokenizer."""
    return _fts5_field(title), _fts5_field(lead), _fts5_field(text)


# unicode61 splits ASCII text as `tokens` does (letters and digits make tokens, any other
# character separates them), so folded text that is all ASCII, most of it, goes to FTS5 as it
# is; other text, or text with a run of letters longer than MAX_TOKEN_CHARS or more tokens than
# MAX_TOKENS_PER_FIELD, goes as `tokens` joined by spaces. Splitting and joining in Python was a
# quarter of the cost of indexing an article.


def _fts5_field(text: str | None) -> str:
    if not text:
        return ""
    folded = index_fold(text)
    if (
        folded.isascii()
        and len(folded) < 2 * MAX_TOKENS_PER_FIELD
        and _LONG_RUN not in folded.encode("ascii").translate(_RUNS)
    ):
        return folded
    return " ".join(tokens(text))


def tsvector_literal(title: str | None, lead: str | None, text: str | None) -> str:
    """The tsvector of an article, written out, so PostgreSQL's parser never re-reads the words:
    title positions weigh A, lead B, text D (the default). A gap between the fields keeps a
    phrase from running from one into the next. `heading_tsvector_literal` is the same without
    the text."""
    return _tsvector(((tokens(title), "A"), (tokens(lead), "B"), (tokens(text), "")))


def heading_tsvector_literal(title: str | None, lead: str | None) -> str:
    """The tsvector of the title (weight A) and lead (B) alone: small enough to stay in the
    row, where PostgreSQL reads it for every hit it scores."""
    return _tsvector(((tokens(title), "A"), (tokens(lead), "B")))


def tsvector_literals(title: str | None, lead: str | None, text: str | None) -> tuple[str, str]:
    """(tsvector_literal, heading_tsvector_literal) of an article, its words folded once."""
    title_words, lead_words = tokens(title), tokens(lead)
    heading = ((title_words, "A"), (lead_words, "B"))
    return _tsvector((*heading, (tokens(text), ""))), _tsvector(heading)


def _tsvector(fields: tuple[tuple[list[str], str], ...]) -> str:
    # Each word's positions, "12A" in the title and lead, bare numbers in the text (weight D),
    # the fields in order, one apart. Grouped, joined and written out by C-level calls (map,
    # join, a defaultdict's missing keys): a Python statement per word cost as much as folding.
    words: list[str] = []
    spots: list[str] = []
    first = 1
    for field, weight in fields:
        if first + len(field) >= _PG_MAX_POSITION:  # a text past PostgreSQL's last position
            return _long_tsvector(fields)
        words += field
        spots += _spots(weight)[first : first + len(field)]
        first += len(field) + 1
    positions: defaultdict[str, list[str]] = defaultdict(list)
    deque(map(list.append, map(positions.__getitem__, words), spots), maxlen=0)
    if not positions:
        return ""
    # In PostgreSQL's order (bytes, which is code points): its parser sorts the words, and
    # sorted ones cost it ~40 µs less an article than they cost Python.
    lexemes = sorted(positions)
    lists = list(map(positions.__getitem__, lexemes))
    if max(map(len, lists)) > _PG_MAX_POSITIONS:
        lists = [each[:_PG_MAX_POSITIONS] for each in lists]
    # "'word':1,5 'other':2": each word and its positions joined by "':", the pairs by " '".
    return "'" + " '".join(map("':".join, zip(lexemes, map(",".join, lists), strict=True)))


@cache
def _spots(weight: str) -> tuple[str, ...]:
    """Every position PostgreSQL keeps, written with `weight`: "1A", "2A", …"""
    return tuple(f"{position}{weight}" for position in range(_PG_MAX_POSITION))


def _long_tsvector(fields: tuple[tuple[list[str], str], ...]) -> str:
    """`_tsvector` of a text longer than PostgreSQL's last position: the words past it are kept
    without a position."""
    positions: dict[str, list[str]] = {}
    position = 0
    for words, weight in fields:
        first = position + 1
        for word in words:
            position = min(position + 1, _PG_MAX_POSITION)
            if position < _PG_MAX_POSITION:
                positions.setdefault(word, []).append(f"{position}{weight}")
            else:
                positions.setdefault(word, [])
        position = max(position, first - 1) + 1
    lexemes = sorted(positions)
    lists = [positions[lexeme][:_PG_MAX_POSITIONS] for lexeme in lexemes]
    return " ".join(map(_lexeme, lexemes, map(",".join, lists)))


def _lexeme(word: str, spots: str) -> str:
    """A lexeme of a tsvector literal; without positions when it has none (past the last)."""
    return f"'{word}':{spots}" if spots else f"'{word}'"


def snippet(query: Query, text: str, *fallbacks: str | None) -> str:
    """A short excerpt of the original text around the first match, each match «marked»; the
    first of `fallbacks` (lead, title) that matches if the text does not; else the opening."""
    for field in (text, *fallbacks):
        if field and (cut := _excerpt(query, field)) is not None:
            return cut
    opening = " ".join(text.split())
    return opening if len(opening) <= SNIPPET_CHARS else _trim_end(opening, SNIPPET_CHARS) + "…"


# Where a snippet first looks for its match: the opening of the text, cut on a space, when the
# query's terms are single words (no match can then run across the cut). Most hits match early,
# and folding and searching the whole of a long text was most of a snippet's cost.
_OPENING_CHARS = 1200


def _excerpt(query: Query, text: str) -> str | None:
    cut = text.find(" ", _OPENING_CHARS) if all(len(t.words) == 1 for t in query.terms) else -1
    folded, offsets = fold_with_offsets(text if cut == -1 else text[:cut])
    first = query.pattern.search(folded)
    if cut != -1 and (
        first is None
        or (first.end() if offsets is None else offsets[first.end() - 1] + 1) + SNIPPET_CHARS >= cut
    ):
        # Not in the opening, or too near its end to cut a snippet from it: the whole text.
        folded, offsets = fold_with_offsets(text)
        first = query.pattern.search(folded)
    if first is None:
        return None

    def original(index: int) -> int:
        return offsets[index] if offsets is not None and index < len(offsets) else index

    def original_end(index: int) -> int:  # the end of a match, with its trailing marks
        end = original(index - 1) + 1
        while end < len(text) and _MARKS.match(text[end]):
            end += 1
        return end

    match_start, match_end = original(first.start()), original_end(first.end())
    start = max(0, match_start - SNIPPET_BEFORE)
    if start > 0:  # begin on a word
        space = text.find(" ", start, match_start)
        start = space + 1 if space != -1 else start
    end = max(match_end, min(len(text), start + SNIPPET_CHARS))
    if end < len(text):
        space = text.rfind(" ", match_end, end)
        end = space if space != -1 else end
    pieces, cursor = [], start
    for match in query.pattern.finditer(folded):
        left, right = original(match.start()), original_end(match.end())
        if left < start or left < cursor:
            continue
        if right > end:
            break
        pieces += [text[cursor:left], MARK_OPEN, text[left:right], MARK_CLOSE]
        cursor = right
    pieces.append(text[cursor:end])
    body = " ".join("".join(pieces).split())
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")


def _trim_end(text: str, limit: int) -> str:
    space = text.rfind(" ", 0, limit)
    return text[: space if space > 0 else limit]
