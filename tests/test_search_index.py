"""What the search index is given: the same tokens however the text is folded and written out.

`baotinh.core.search.index_fold` folds an article for the index by decomposing it, a faster
road than `fold`, and `_tsvector` writes PostgreSQL's document with C-level calls; both must
give exactly the tokens and positions the plain definitions give (tests/test_search.py runs the
searches on both stores).
"""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from baotinh.core.search import (
    MAX_TOKEN_CHARS,
    document_fields,
    fold,
    index_fold,
    tokens,
    tsvector_literal,
    tsvector_literals,
)

# The definition: `fold`, then runs of letters and digits, the over-long ones dropped.
_WORD = re.compile(r"[^\W_]+")


def words(folded: str) -> list[str]:
    return [word for word in _WORD.findall(folded) if len(word) <= MAX_TOKEN_CHARS]


def defined_tokens(text: str) -> list[str]:
    return words(fold(text))


def decomposing_characters() -> list[str]:
    """Every character NFD changes (a canonical decomposition, or a Hangul syllable), the
    combining marks, and the punctuation index_fold makes a space: all the fast road reads
    differently from `fold`."""
    found = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        decomposition = unicodedata.decomposition(char)
        if (
            (decomposition and not decomposition.startswith("<"))
            or 0xAC00 <= code <= 0xD7A3
            or unicodedata.combining(char)
            or char in "\u00a0«»·–—‘’“”…•"
        ):
            found.append(char)
    return found


def test_the_index_folds_every_character_to_the_tokens_fold_gives() -> None:
    characters = decomposing_characters()
    assert len(characters) > 13_000
    for char in characters:
        for text in (char, f"a{char}b", f"1{char}", f"{char}Đ"):
            assert words(index_fold(text)) == defined_tokens(text), (hex(ord(char)), text)
            assert tokens(text) == defined_tokens(text), (hex(ord(char)), text)


def test_vietnamese_with_its_punctuation_takes_the_fast_road() -> None:
    text = (
        "Sáng 15/5, Đảng bộ tỉnh Bắc Giang tổ chức hội nghị “Học tập và làm theo” – Chỉ thị "
        "số 05-CT/TƯ… ỨNG DỤNG «chuyển đổi số»\u00a0ở xã Tân Sơn · Ấp Ổi"
    )
    folded = index_fold(text)
    assert folded.isascii()
    assert "dang bo tinh bac giang" in folded and "ung dung" in folded
    assert words(folded) == defined_tokens(text)
    # A decomposed text too, and ones with something the fast road cannot read.
    decomposed = unicodedata.normalize("NFD", text)
    assert words(index_fold(decomposed)) == defined_tokens(text)
    others = ("Ångström: \u212bngström", "Σοφία και Đà Nẵng", "하노이 Hà Nội", "x\u0591\u0301y")
    for other in others:
        assert words(index_fold(other)) == defined_tokens(other)
    assert tokens("\u212b") == ["å"]  # the Angstrom sign folds as fold folds it


def parsed(literal: str) -> dict[str, list[str]]:
    """A tsvector literal as lexeme → positions."""
    lexemes: dict[str, list[str]] = {}
    for item in literal.split(" ") if literal else []:
        word, _, spots = item.partition(":")
        assert word.startswith("'") and word.endswith("'")
        assert word[1:-1] not in lexemes
        lexemes[word[1:-1]] = spots.split(",") if spots else []
    return lexemes


def defined_tsvector(fields: list[tuple[list[str], str]]) -> dict[str, list[str]]:
    """Each word's positions, a statement a word: the fields in order, one position apart, the
    last position PostgreSQL keeps 16,382 (a word past it kept without one), at most 256 each."""
    lexemes: dict[str, list[str]] = {}
    position = 0
    for words, weight in fields:
        position += 1
        for word in words:
            lexemes.setdefault(word, [])
            if position < 16_383:
                lexemes[word].append(f"{position}{weight}")
            position = min(position + 1, 16_383)
    return {word: spots[:256] for word, spots in lexemes.items()}


@pytest.mark.parametrize(
    "title, lead, text",
    [
        ("Đảng bộ", "Sa pô", "Đảng viên"),
        ("", None, "Ông Ba"),
        ("Một", "hai ba", ""),
        ("Đảng bộ xã", "Đảng bộ huyện", " ".join(["đảng bộ tỉnh"] * 200)),  # past 256
        ("Tin", "Dài", " ".join(f"tu{n % 900}" for n in range(16_400))),  # past 16,383
        ("Tin", "Vừa", " ".join(f"tu{n % 900}" for n in range(16_377))),  # to the last position
        ("Tin", "Vừa", " ".join(f"tu{n % 900}" for n in range(16_378))),  # one past it
        ("x" * 150 + " a", "b", "Ủy ban µ ſ ǅ — ½ ³ ٣ “Đà Nẵng”"),
    ],
)
def test_the_postgresql_document_has_every_position_of_every_word(
    title: str, lead: str | None, text: str
) -> None:
    document, heading = tsvector_literals(title, lead, text)
    assert document == tsvector_literal(title, lead, text)
    words = [(tokens(title), "A"), (tokens(lead), "B"), (tokens(text), "")]
    assert parsed(document) == defined_tsvector(words)
    assert parsed(heading) == defined_tsvector(words[:2])
    # In PostgreSQL's order, which its parser then need not sort.
    assert list(parsed(document)) == sorted(parsed(document))


def test_the_fts5_fields_hold_the_tokens() -> None:
    title, lead, text = "Đảng bộ “Bắc Giang”", None, "Ủy ban… " + "y" * 101 + " xã"
    assert [tokens(field) for field in document_fields(title, lead, text)] == [
        defined_tokens(title),
        [],
        defined_tokens(text),
    ]
    assert defined_tokens(text) == ["uy", "ban", "xa"]
