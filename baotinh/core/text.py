"""Text normalisation shared by extraction and exact dedupe."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def nfc(text: str) -> str:
    """Vietnamese arrives in NFC and NFD (and windows-1258's half-composed form): fold to NFC."""
    return unicodedata.normalize("NFC", text)


def tidy(text: str) -> str:
    """NFC, single spaces inside lines, no empty lines, stripped."""
    lines = (
        _SPACES.sub(" ", line).strip() for line in nfc(text).replace("\u00a0", " ").split("\n")
    )
    return "\n".join(line for line in lines if line)


# The same mapping as pairs: a few str.replace scans are ~10x faster than str.translate with a
# dict table on Vietnamese text (every character is looked up), and dedupe hashes every article.
_QUOTE_PAIRS = tuple((chr(code), target) for code, target in _QUOTES.items())


def normalise_for_hash(text: str) -> str:
    """The form two copies of one article share even when the typography differs."""
    folded = nfc(text)
    for char, target in _QUOTE_PAIRS:
        if char in folded:
            folded = folded.replace(char, target)
    return " ".join(folded.casefold().split())


def content_hash(title: str, text: str) -> str:
    payload = normalise_for_hash(title) + "\n" + normalise_for_hash(text)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def body_hash(text: str, *, normalised: bool = False) -> str:
    """The hash of the normalised body alone: a reprint under another headline keeps it.

    `normalised`: `text` is already `normalise_for_hash`'s output (saves a second pass).
    """
    folded = text if normalised else normalise_for_hash(text)
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


# Letters (with their diacritics, after NFC) and digits; punctuation never separates two copies.
_WORD = re.compile(r"\w+")


def hash_words(text: str, *, normalised: bool = False) -> list[str]:
    """The words of `normalise_for_hash(text)`, in order: what near-duplicate shingles are made of.

    Numbers stay words on purpose: "Cup C1 ngày 10/5" and "ngày 11/5" are different articles.
    `normalised`: `text` is already `normalise_for_hash`'s output.
    """
    words: list[str] = []
    for token in (text if normalised else normalise_for_hash(text)).split(" "):
        # Most tokens are plain syllables; only the rest (15/5, "05-ct/tw", quotes) need the
        # regex. Same result as one findall over the whole text, at a third of the cost.
        if token.isalnum():
            words.append(token)
        elif token:
            words.extend(_WORD.findall(token))
    return words


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0xC0, 0x1EFF + 1):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base.isalpha() and chr(code) != base:
            table[code] = base
    return table


_FOLD = _fold_table()
# The same table as a string indexed by code point, every character up to the end of the
# General Punctuation block (typographic quotes, dashes) mapped to itself or to its letter:
# str.translate with the dict raises and swallows a KeyError for every character the dict
# leaves alone (most of a text), which made a fold twice as slow. Characters past the string's
# end raise IndexError, a LookupError too, and are left alone as before; so the string reaches
# past the table's last letter whatever is added to it (a letter beyond would go unfolded).
_FOLD_UP_TO = max(0x2070, max(_FOLD) + 1)
_FOLD_STRING = "".join(_FOLD.get(code, chr(code)) for code in range(_FOLD_UP_TO))


def fold(text: str) -> str:
    """Accents removed, đ → d, character for character: offsets stay valid in the original."""
    return text.translate(_FOLD_STRING)


def foldable(text: str) -> bool:
    """Whether `fold` would change `text` (it has an accent or a đ), without folding it: the
    first accented letter usually comes within a few characters."""
    return not text.isascii() and _FOLDABLE.search(text) is not None


_FOLDABLE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_FOLD)) + "]")
