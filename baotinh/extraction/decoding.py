"""A fetched or saved page's bytes to text: the size cap, binary refusal, charset decoding.

Its own module so that what reads bytes (the HTML extractor, the text-dump reader, the command
line) shares one set of rules for odd input."""

from __future__ import annotations

import contextlib
import os

from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
)

from baotinh.core.text import nfc
from baotinh.extraction.pages import (  # noqa: F401 - ExtractionError and GZIP_MAGIC are this module's API too
    GZIP_MAGIC,
    MAX_DECOMPRESSED_BYTES,
    ExtractionError,
    json_ld_article,
    json_ld_objects,
    maybe_gunzip,
)

# A news article page is well under a megabyte; past this it is not one (or is an attack).
MAX_PAGE_BYTES = 10 * 1024 * 1024

# Control bytes other than tab, newline, form feed and carriage return: text has next to none;
# compressed, image or random data about one byte in ten.
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13})
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def refuse_binary(raw: bytes) -> None:
    """Raise ExtractionError when `raw` (already gunzipped) is not text in any encoding:
    decoded as windows-1258 or by detection, random bytes would become a mojibake article."""
    sample = raw[:65536]
    if not sample or sample.startswith(_UTF16_BOMS):  # UTF-16 text is full of NUL bytes
        return
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls * 100 > len(sample):
        raise ExtractionError(
            "binary", f"binary data, not text ({controls} control bytes in the first {len(sample)})"
        )


# Charsets that cannot write Vietnamese: a page "in" one of them that is valid UTF-8 is UTF-8.
_LATIN_CHARSETS = {"cp1252", "iso8859-1", "latin-1", "latin1", "ascii", "us-ascii"}


def decode_body(body: bytes, content_type: str | None = None) -> str:
    """Bytes to NFC text, trusting BOM, then HTTP header, then <meta charset>, then detection.

    A Vietnamese page declared ISO-8859-1 (a server default) but written in UTF-8 would turn
    into mojibake; when the bytes are valid UTF-8 beyond ASCII, UTF-8 wins over a Latin label.
    A page that declares nothing and is not UTF-8 is, in this press, the legacy Windows code
    page for Vietnamese (as a text dump is): detection would read it as UTF-8 with holes.
    """
    raw = maybe_gunzip(body)
    refuse_binary(raw)
    if not _declares_charset(raw, content_type) and not _is_utf8(raw):
        with contextlib.suppress(UnicodeDecodeError):
            return nfc(raw.decode("cp1258"))
    encoding, text = html_to_unicode(content_type, raw)
    if encoding.lower() in _LATIN_CHARSETS and not raw.isascii():
        with contextlib.suppress(UnicodeDecodeError):
            text = raw.decode("utf-8")
    return nfc(text)


def _declares_charset(raw: bytes, content_type: str | None) -> bool:
    return bool(
        read_bom(raw)[0]
        or http_content_type_encoding(content_type)
        or html_body_declared_encoding(raw)
    )


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_saved_page(path: str) -> bytes:
    """A saved page's bytes, gunzipped when the file is gzip whatever its name says; the
    crawl's size caps apply (ExtractionError "too_large")."""
    return maybe_gunzip(read_capped(path))  # the crawl's cap on what gzip may inflate to, too


def read_capped(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes, refused (ExtractionError "too_large") past the crawl's page cap without
    reading the rest: a saved page or text dump is one article, never tens of megabytes."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise ExtractionError("too_large", f"{path}: over the {MAX_PAGE_BYTES:,}-byte page cap")
    return data
