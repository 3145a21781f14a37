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


def normalise_for_hash(text: str) -> str:
    """The form two copies of one article share even when the typography differs."""
    folded = nfc(text).translate(_QUOTES).casefold()
    return " ".join(folded.split())


def content_hash(title: str, text: str) -> str:
    payload = normalise_for_hash(title) + "\n" + normalise_for_hash(text)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
