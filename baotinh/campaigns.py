"""Campaign tags from configurable rules: cited documents and phrases.

The rules live in `baotinh/data/campaigns.toml` (or the file BAOTINH_CAMPAIGNS names), so an
editor can add a campaign or a phrase without touching code. See that file for the rule shape.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from baotinh.places import fold, is_unaccented, modern_tones
from baotinh.text import nfc

RULES_PATH = Path(__file__).parent / "data" / "campaigns.toml"
RULES_PATH_ENV = "BAOTINH_CAMPAIGNS"


@dataclass(frozen=True)
class CampaignRule:
    slug: str
    label: str
    documents: frozenset[str]
    phrases: tuple[str, ...]
    min_mentions: int = 1

    @cached_property
    def _patterns(self) -> dict[bool, re.Pattern[str] | None]:
        """One alternation of the phrases, written with accents and without."""
        patterns: dict[bool, re.Pattern[str] | None] = {}
        for unaccented in (False, True):
            forms = sorted(
                {_comparable(p, unaccented) for p in self.phrases}, key=len, reverse=True
            )
            alternation = "|".join(re.escape(form) for form in forms)
            patterns[unaccented] = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)") if forms else None
        return patterns

    def mentions(self, comparable_text: str, unaccented: bool) -> Counter[str]:
        """How often each phrase occurs in text prepared by `_comparable`."""
        pattern = self._patterns[unaccented]
        return Counter(pattern.findall(comparable_text)) if pattern else Counter()


@dataclass(frozen=True)
class CampaignTag:
    slug: str
    # Why: the first document or phrase that decided it, for a person checking the label.
    evidence: str


def _comparable(text: str, unaccented: bool = False) -> str:
    """Lower case, one space, commas spaced one way, tone marks placed one way ("hoá"/"hóa");
    accents dropped for text written without them."""
    text = nfc(text)
    text = fold(text).lower() if unaccented else modern_tones(text)
    text = re.sub(r"\s*,\s*", ", ", text)
    return " ".join(text.split())


def rules_path() -> Path:
    configured = os.environ.get(RULES_PATH_ENV)
    return Path(configured) if configured else RULES_PATH


@cache
def _load(path: Path, mtime: float) -> tuple[CampaignRule, ...]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rules = []
    for slug, table in data.items():
        unknown = set(table) - {"label", "documents", "phrases", "min_mentions"}
        if unknown:
            raise ValueError(f"{path}: campaign {slug!r} has unknown keys {sorted(unknown)}")
        rules.append(
            CampaignRule(
                slug=slug,
                label=table.get("label", slug),
                documents=frozenset(table.get("documents", ())),
                phrases=tuple(table.get("phrases", ())),
                min_mentions=int(table.get("min_mentions", 1)),
            )
        )
    return tuple(rules)


def load_rules(path: Path | None = None) -> tuple[CampaignRule, ...]:
    path = path or rules_path()
    return _load(path, path.stat().st_mtime)


def tag_campaigns(
    title: str,
    text: str,
    doc_refs: Iterable[str],
    rules: Iterable[CampaignRule] | None = None,
) -> list[CampaignTag]:
    """The campaigns an article reports on, given the documents it cites (normalised refs)."""
    unaccented = is_unaccented(f"{title} {text}")
    headline, body = _comparable(title, unaccented), _comparable(text, unaccented)
    cited = list(doc_refs)
    tags = []
    for rule in load_rules() if rules is None else rules:
        evidence = next((ref for ref in cited if ref in rule.documents), None)
        if evidence is None:
            in_headline = rule.mentions(headline, unaccented)
            evidence = next(iter(in_headline), None)
        if evidence is None:
            in_body = rule.mentions(body, unaccented)
            if in_body and in_body.total() >= rule.min_mentions:
                evidence = in_body.most_common(1)[0][0]
        if evidence is not None:
            tags.append(CampaignTag(rule.slug, evidence))
    return tags
