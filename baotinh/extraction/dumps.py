"""Plain-text scrapes of article pages to one clean article (the store's half: `jobs.textimport`).

A naive text dump of a news page (a browser's "save as text", a copy from a reader) keeps every
line of the page around the article, with nothing to tell a paragraph from a menu. The HTML path
can lean on markup; this one reads the lines the way an editor would, in page order:

    [section label]  headline  [dateline / byline / series links]  [sapo]  body … [byline]
    [source line]  related lists, comment widgets, cookie banner, footer

Line-level chrome (widgets, footers, file names, credited captions) is recognised by the same
rules as the HTML path (`baotinh.extraction.cleaning`); what needs the neighbouring lines is
decided here:
captions under an image marker, captions printed twice, the keyword line repeated under photos,
teaser headlines under a related-news heading, datelines and bylines that become fields.
Captions and the series marker ("Kỳ II", "(Tiếp theo và hết)") are not text either, but they are
kept: captions in `images` (url: the photo's file name when the dump prints one, else None), the
marker in `series_part`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from baotinh.core.records import ExtractedArticle
from baotinh.core.text import content_hash, nfc, normalise_for_hash
from baotinh.core.urls import canonicalize
from baotinh.extraction.cleaning import (
    DEFAULT_RULES,
    clean_body_lines,
    compile_rules,
)
from baotinh.extraction.decoding import decode_body, read_capped, refuse_binary
from baotinh.extraction.dump_reading import DumpReading, prepare_lines
from baotinh.extraction.html import EXTRACTOR_VERSION, MIN_BODY_CHARS
from baotinh.extraction.pages import ExtractionError, maybe_gunzip
from baotinh.papers import SITES, SiteProfile

# Text imports are extracted by this module, not by trafilatura: their version says so, and moves
# with the HTML extractor's because both share the cleaning rules.
TEXT_EXTRACTOR_VERSION = f"{EXTRACTOR_VERSION}+text.1"
TEXT_IMPORT_SCHEME = "text-import"
_HTML_HINT = re.compile(rb"<(?:!doctype|html|head|body|div|p|meta|article|script)\b", re.I)


def looks_like_html(data: bytes) -> bool:
    """Whether a saved file is markup (else it is taken for a text scrape)."""
    return _HTML_HINT.search(data[:4096]) is not None


def read_text_dump(path: str | Path) -> str:
    """A text dump's contents as NFC text (see `decode_text_dump`)."""
    return decode_text_dump(read_capped(path))


def decode_text_dump(data: bytes) -> str:
    """A text dump's bytes as NFC text: UTF-8 (with or without BOM), else windows-1258.

    A text file declares no charset. Whatever is not valid UTF-8 is, for Vietnamese, almost
    always the legacy Windows code page (with its half-composed tone marks, folded by NFC);
    bytes that page does not define fall back to detection.
    """
    data = maybe_gunzip(data)
    refuse_binary(data)
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return nfc(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    return decode_body(data, "text/plain")


def text_import_url(site: str | None, text: str) -> str:
    """A stable address for a dump: the same text (up to typography) always maps to it.

    It hashes the dump, not the extracted article, so importing again after a better extractor
    updates the same row instead of adding a second one.
    """
    digest = hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:16]
    return f"{TEXT_IMPORT_SCHEME}://{site or 'unknown'}/{digest}"


def detect_site(text: str) -> str | None:
    """The registered paper a dump comes from, from what the page says about itself.

    Strong markers first: the paper's sapo prefix ("(BGĐT) - "), its name ("Báo Hải Phòng" in a
    source line, a copyright notice or the footer masthead) or its domain. Without any, the
    province the headline (then the text) names, when only one paper covers it. None when the
    evidence is tied or absent: the caller passes --site.
    """
    # Spacing and composition vary between scrapes of the same page; markers must not.
    lines = [line for line in (" ".join(raw.split()) for raw in nfc(text).splitlines()) if line]
    text = "\n".join(lines)
    folded = text.casefold()
    scores: dict[str, int] = {}
    for key, profile in SITES.items():
        score = 0
        if profile.lead_prefix and re.search(
            r"(?m)^\s*" + profile.lead_prefix, text, re.IGNORECASE
        ):
            score += 3
        score += 2 * folded.count(profile.name.casefold())
        score += 2 * folded.count(profile.domain.casefold())
        # A merged paper's domain is its successor's former domain too: its own paper wins.
        for domain in profile.former_domains:
            score += folded.count(domain.casefold())
        scores[key] = score
    found = _unique_best(scores)
    if found:
        return found
    for scope in (" ".join(lines[:3]).casefold(), folded):
        mentions = {
            key: sum(scope.count(province.casefold()) for province in profile.provinces_before)
            for key, profile in SITES.items()
        }
        found = _unique_best(mentions)
        if found:
            return found
    return None


def _unique_best(scores: dict[str, int]) -> str | None:
    best = max(scores.values(), default=0)
    if best <= 0:
        return None
    winners = [key for key, score in scores.items() if score == best]
    # Several profiles of one paper (a dated profile after a redesign, a test variant) tie on
    # every marker: that is still one paper, and the first registered profile speaks for it.
    if len({SITES[key].domain for key in winners}) == 1:
        return winners[0]
    return None


def extract_text_dump(text: str, profile: SiteProfile | None = None) -> ExtractedArticle:
    """One clean article out of a naive text scrape; raises ExtractionError when there is none.

    The paper is `profile` when given, else detected (`detect_site`); it only refines the result
    (its own boilerplate lines and sapo prefix, site names that are never authors).
    """
    text = nfc(text)
    lines = prepare_lines(text)
    if not lines:
        raise ExtractionError("empty_body", "the text dump is empty")
    if profile is None:
        detected = detect_site(text)
        profile = SITES.get(detected) if detected else None
    rules = compile_rules(profile.boilerplate_lines) if profile else DEFAULT_RULES
    site_names = tuple(
        dict.fromkeys([*(p.name for p in SITES.values()), *((profile.name,) if profile else ())])
    )
    reading = DumpReading(lines, rules, site_names, profile.lead_prefix if profile else None)
    reading.read()

    body = clean_body_lines(reading.body, rules, drop_exact=[reading.title, reading.lead])
    body_text = "\n".join(body)
    if len(body_text) < MIN_BODY_CHARS:
        raise ExtractionError(
            "empty_body", f"no article text in the dump ({len(body_text)} characters)"
        )
    url = text_import_url(profile.key if profile else None, text)
    return ExtractedArticle(
        url=url,
        canonical_url=url,
        title=reading.title,
        lead=reading.lead,
        text=body_text,
        published=reading.published(),
        authors=reading.authors,
        section=reading.section,
        # The importer is for the Vietnamese provincial press.
        language=profile.language if profile else "vi",
        content_hash=content_hash(reading.title, body_text),
        extractor_version=TEXT_EXTRACTOR_VERSION,
        images=reading.images,
        series_part=reading.series_part(),
    )


def extract_text_page(data: bytes, profile: SiteProfile, address: str) -> ExtractedArticle:
    """The article of a stored dump (raw page of kind "text"), under the page's address.

    `address` is the page's original URL when the import was given one (the article's url, and
    its canonical form the key a later crawl of that page meets), else the synthetic text-import
    address the dump was stored under.
    """
    article = extract_text_dump(decode_text_dump(data), profile)
    article.url = address
    if not address.startswith(f"{TEXT_IMPORT_SCHEME}://"):
        article.canonical_url = canonicalize(address)
    else:
        article.canonical_url = address
    return article
