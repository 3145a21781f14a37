"""All four labels of one article: topic, campaign tags, cited documents, provinces.

Campaigns and provinces come in two lists: those the article is about (`campaigns`,
`provinces`) and those it only mentions (`campaigns_mentioned`, `provinces_mentioned`), each
with the reason it was put there.

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

from baotinh.labels.campaigns import CampaignTag, rules_path, tag_campaigns
from baotinh.labels.docrefs import DocRef, find_doc_refs
from baotinh.labels.places import ProvinceMention
from baotinh.labels.province_roles import locate_provinces
from baotinh.labels.topics import TopicModel, TopicPrediction, load_model

# Bump when the rules in docrefs.py, places.py or campaigns.py change what they find.
# 2.0: provinces and campaigns by salience (about / mentioned); short State citations with a
# year ("Nghị định 100/2019") completed.
# 2.1: more numbering (circulars by their ministry, /QH and /UBTVQH by term, joint documents,
# Thông báo kết luận, Công điện), congress resolutions no longer listed; national bodies make
# Hà Nội and TP Hồ Chí Minh hosts; university names outside the headline are mentions.
# 2.2: a campaign the body comes back to less often than the one the article opens with is a
# mention; "Nghị quyết Trung ương 4" without its term is located in the text; a province in a
# route's, a match's, a team's or a hospital's name, or an institution's seat in brackets, is a
# mention, and an article opening on a national body is not about a province it names once;
# documents listed behind one type ("Nghị quyết số 18-NQ/TW, 19-NQ/TW"), "TW4", department
# codes with a small letter ("BGDĐT-GDTrH").
RULES_VERSION = "2.3"


@dataclass(frozen=True)
class Labels:
    topic: TopicPrediction
    campaigns: list[CampaignTag] = field(default_factory=list)
    doc_refs: list[DocRef] = field(default_factory=list)
    provinces: list[ProvinceMention] = field(default_factory=list)
    version: str = ""
    campaigns_mentioned: list[CampaignTag] = field(default_factory=list)
    provinces_mentioned: list[ProvinceMention] = field(default_factory=list)

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
            "campaigns_mentioned": [tag.slug for tag in self.campaigns_mentioned],
            "provinces_mentioned": [p.province for p in self.provinces_mentioned],
            "provinces_mentioned_current": list(
                dict.fromkeys(p.current for p in self.provinces_mentioned)
            ),
            "classifier_version": self.version,
            "why": self.why(),
        }

    def why(self) -> dict[str, dict[str, str]]:
        """Why each campaign and province is in its list, for a person checking the labels."""
        return {
            "campaigns": {tag.slug: tag.why for tag in self.campaigns},
            "campaigns_mentioned": {tag.slug: tag.why for tag in self.campaigns_mentioned},
            "provinces": {p.province: p.why for p in self.provinces},
            "provinces_mentioned": {p.province: p.why for p in self.provinces_mentioned},
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
    the gazetteer) stands in when the article is about no province it names: a provincial
    paper's local story often names only a commune."""
    model = model or load_model()
    body = "\n".join(part for part in (lead, text) if part)
    doc_refs = find_doc_refs(f"{title}\n{body}")
    provinces, provinces_mentioned = locate_provinces(title, body, lead, paper_province)
    tags = tag_campaigns(title, body, [ref.ref for ref in doc_refs], lead=lead)
    return Labels(
        topic=model.predict(title, body, section, section_map),
        campaigns=[tag for tag in tags if tag.salient],
        doc_refs=doc_refs,
        provinces=provinces,
        version=classifier_version(model),
        campaigns_mentioned=[tag for tag in tags if not tag.salient],
        provinces_mentioned=provinces_mentioned,
    )
