"""Encode Vietnamese text as windows-1258, the way old Vietnamese web servers sent it.

Python's ``cp1258`` codec decodes every byte, but it cannot *encode* most precomposed Vietnamese
letters: windows-1258 has only a few precomposed vowels (``à``, ``ê``, ``ơ``...) and spells the rest
as a base letter followed by a combining tone mark. Pages served this way therefore decode to
decomposed (non-NFC) text, which is exactly the trap the sample site wants to set for the crawler.
"""

from __future__ import annotations

import unicodedata

# The five Vietnamese tone marks, which windows-1258 carries as separate combining characters.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

__all__ = ["TONE_MARKS", "encode_cp1258"]


def _encode_char(ch: str) -> bytes | None:
    try:
        return ch.encode("cp1258")
    except UnicodeEncodeError:
        pass
    decomposed = unicodedata.normalize("NFD", ch)
    # Keep the shape marks (circumflex, breve, horn) on the base letter, because windows-1258 has
    # â, ă, ê, ô, ơ, ư precomposed; only the tone goes out as a combining byte.
    shape = "".join(c for c in decomposed if c not in TONE_MARKS)
    tones = "".join(c for c in decomposed if c in TONE_MARKS)
    if not tones:
        return None
    try:
        return unicodedata.normalize("NFC", shape).encode("cp1258") + tones.encode("cp1258")
    except UnicodeEncodeError:
        return None


def encode_cp1258(text: str, errors: str = "strict") -> bytes:
    """Encode ``text`` as windows-1258, splitting off tone marks where no precomposed byte exists.

    ``errors`` is ``"strict"`` (raise :class:`UnicodeEncodeError`) or ``"xmlcharrefreplace"``
    (write ``&#NNNN;``, which is what a CMS does for a character outside its page's charset; only
    valid inside HTML or XML). ``unicodedata.normalize("NFC", data.decode("cp1258"))`` gives back
    ``text`` for any Vietnamese text.
    """
    if errors not in {"strict", "xmlcharrefreplace"}:
        raise ValueError(f"unsupported errors mode: {errors!r}")
    out = bytearray()
    for index, ch in enumerate(text):
        encoded = _encode_char(ch)
        if encoded is None:
            if errors == "strict":
                raise UnicodeEncodeError(
                    "cp1258", text, index, index + 1, "character has no windows-1258 form"
                )
            encoded = f"&#{ord(ch)};".encode("ascii")
        out += encoded
    return bytes(out)
