"""All four labels of one article: topic, campaign tags, cited documents, provinces.

Plain functions over plain text; the store (db/labels.py), the ingest, the CLI and the
evaluation all call `classify`. The version stored with each article's labels names the rules and
the topic model that produced them, so `baotinh reprocess --classify` knows what is stale.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from baotinh.campaigns import CampaignTag, rules_path, tag_campaigns
from baotinh.docrefs import DocRef, find_doc_refs
from baotinh.places import ProvinceMention, find_provinces, load_gazetteer
from baotinh.topics import TopicModel, TopicPrediction, load_model

# Bump when the rules in docrefs.py, places.py or campaigns.py change what they find.
RULES_VERSION = "1.0"


@dataclass(frozen=True)
class Labels:
    topic: TopicPrediction
    campaigns: list[CampaignTag] = field(default_factory=list)
    doc_refs: list[DocRef] = field(default_factory=list)
    provinces: list[ProvinceMention] = field(default_factory=list)
    version: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The labels as `baotinh classify` prints them."""
        return {
            "topic": self.topic.topic,
            "topic_confidence": self.topic.confidence,
            "topic_evidence": list(self.topic.evidence),
            "campaigns": [tag.slug for tag in self.campaigns],
            "doc_refs": [ref.ref for ref in self.doc_refs],
            "provinces": [p.province for p in self.provinces],
            "provinces_current": list(dict.fromkeys(p.current for p in self.provinces)),
            "classifier_version": self.version,
        }


def classifier_version(model: TopicModel | None = None) -> str:
    """e.g. "rules-1.0+topics-3f2a9c1b0e+campaigns-81c0d2aa": what produced a set of labels."""
    model = model or load_model()
    path = rules_path()
    return f"rules-{RULES_VERSION}+{model.version}+campaigns-{_digest(path, path.stat().st_mtime)}"


@cache
def _digest(path: Path, mtime: float) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:8]


def classify(
    title: str,
    text: str,
    lead: str | None = None,
    section: str | None = None,
    section_map: tuple[tuple[str, str], ...] = (),
    paper_province: str | None = None,
    model: TopicModel | None = None,
) -> Labels:
    """Label one article. `section` is the paper's own section for it (a label or slug) and
    `section_map` the paper's mapping of its sections to topics; `paper_province` (as named in
    the gazetteer) stands in when the text names no province: a provincial paper's local story
    often names only a commune."""
    model = model or load_model()
    body = "\n".join(part for part in (lead, text) if part)
    whole = f"{title}\n{body}"
    doc_refs = find_doc_refs(whole)
    provinces = find_provinces(whole)
    if not provinces and paper_province:
        gazetteer = load_gazetteer()
        if paper_province in gazetteer.provinces:
            current = gazetteer.current_of(paper_province)
            provinces = [ProvinceMention(paper_province, current, 0, "paper")]
    return Labels(
        topic=model.predict(title, body, section, section_map),
        campaigns=tag_campaigns(title, body, [ref.ref for ref in doc_refs]),
        doc_refs=doc_refs,
        provinces=provinces,
        version=classifier_version(model),
    )
