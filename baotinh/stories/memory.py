"""Stories kept in memory: the `StoryIndex` for files (``baotinh dedupe --input``) and the
evaluations, with the same look-ups the store makes through its indexes (`db.stories`)."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np

from baotinh.core.dates import as_vietnam_time
from baotinh.papers import identity_key
from baotinh.stories.decision import BAND_KEY_CAP, Doc, Match, canonical_of, find_story, relation
from baotinh.stories.minhash import compare

# --- in memory: files and evaluation -------------------------------------------------------------


@dataclass
class Membership:
    cluster: Hashable
    relation: str
    jaccard: float
    containment: float


class MemoryStories:
    """Stories kept in memory, with the same look-ups the store makes through its indexes."""

    def __init__(self) -> None:
        self._docs: dict[Hashable, Doc] = {}
        self._by_body: dict[str, list[Hashable]] = {}
        self._by_url: dict[str, list[Hashable]] = {}
        self._by_band: dict[int, list[Hashable]] = {}
        self._cluster_of: dict[Hashable, int] = {}
        self._members: dict[int, list[Hashable]] = {}

    # StoryIndex
    def with_exact_keys(
        self, body_hash: str | None, url_key: str | None, limit: int
    ) -> tuple[Iterable[Hashable], Iterable[Hashable]]:
        exact = self._by_body.get(body_hash, []) if body_hash else []
        address = self._by_url.get(url_key, []) if url_key else []
        return exact[:limit], address[:limit]

    def with_band_keys(self, keys: Sequence[int]) -> Iterable[Hashable]:
        for key in keys:
            yield from self._by_band.get(key, ())[:BAND_KEY_CAP]

    def signatures(self, keys: Collection[Hashable]) -> Mapping[Hashable, tuple[np.ndarray, int]]:
        return {
            k: (self._docs[k].fingerprint.signature, self._docs[k].fingerprint.size) for k in keys
        }

    def documents(self, keys: Collection[Hashable]) -> Mapping[Hashable, Doc]:
        return {key: self._docs[key] for key in keys if key in self._docs}

    def clusters(self, keys: Collection[Hashable]) -> Mapping[Hashable, Hashable]:
        return {key: self._cluster_of[key] for key in keys if key in self._cluster_of}

    # writes
    def add(self, doc: Doc) -> Match | None:
        """Put `doc` into its story (a new one if it matches none); return what it matched."""
        if doc.key in self._docs:
            raise ValueError(f"duplicate document key {doc.key!r}")
        match = find_story(doc, self)
        cluster = int(match.cluster) if match else len(self._members)
        self._docs[doc.key] = doc
        fp = doc.fingerprint
        self._by_body.setdefault(fp.body_hash, []).append(doc.key)
        if doc.url_key:
            self._by_url.setdefault(doc.url_key, []).append(doc.key)
        for key in fp.band_keys:
            holders = self._by_band.setdefault(key, [])
            if len(holders) < BAND_KEY_CAP:  # a crowded key keeps its first holders only
                holders.append(doc.key)
        self._cluster_of[doc.key] = cluster
        self._members.setdefault(cluster, []).append(doc.key)
        return match

    def canonical(self, key: Hashable) -> Hashable:
        """The key of the canonical member of `key`'s story."""
        members = (self._docs[k] for k in self._members[self._cluster_of[key]])
        return canonical_of(members).key

    def membership(self, key: Hashable) -> Membership:
        doc = self._docs[key]
        canonical = self._docs[self.canonical(key)]
        similarity = compare(doc.fingerprint, canonical.fingerprint)
        return Membership(
            cluster=canonical.key,
            relation=relation(doc, canonical, similarity),
            jaccard=similarity.jaccard,
            containment=similarity.containment,
        )

    def labels(self) -> dict[Hashable, Hashable]:
        """Every document's story, named by the key of its canonical member."""
        canonical = {
            cluster: canonical_of(self._docs[k] for k in members).key
            for cluster, members in self._members.items()
        }
        return {key: canonical[cluster] for key, cluster in self._cluster_of.items()}


def cluster_documents(docs: Iterable[Doc]) -> dict[Hashable, Hashable]:
    """Stories of a batch of documents, added in the given order: {key: canonical key}."""
    stories = MemoryStories()
    for doc in docs:
        stories.add(doc)
    return stories.labels()


# --- records: the JSON lines of `baotinh dedupe --input` -----------------------------------------


def doc_from_record(record: Mapping[str, Any], line: int) -> Doc:
    """A document from one input record {"id", "title", "text"[, "url", "published"]}.

    The record's position is its key, so that repeated ids still get one output line each. The
    source is the URL's host after identity mapping (a former domain counts as its successor).
    """
    if not isinstance(record, Mapping) or "id" not in record or "text" not in record:
        raise ValueError(f'line {line}: expected an object with "id" and "text"')
    if not isinstance(record["id"], str | int) or isinstance(record["id"], bool):
        raise ValueError(f'line {line}: "id" must be a string or a number, not {record["id"]!r}')
    if not isinstance(record["text"], str):
        raise ValueError(f'line {line}: "text" must be a string, not {record["text"]!r}')
    if not isinstance(record.get("title") or "", str):
        raise ValueError(f'line {line}: "title" must be a string')
    url = record.get("url")
    url_key = identity_key(str(url)) if url else None
    published = _parse_published(record.get("published"), line)
    return Doc(
        key=line,
        body=str(record["text"]),
        title=str(record.get("title") or ""),
        url_key=url_key,
        source=url_key.split("/", 1)[0] if url_key else None,
        # Dated records before undated ones, then the earlier; input order breaks ties.
        order=(published is None, published.timestamp() if published else 0.0, line),
    )


def cluster_records(records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One {"id", "cluster", "relation", "jaccard", "containment"} per record, in input order.

    A story is named by the id of its canonical member.
    """
    stories = MemoryStories()
    docs = [doc_from_record(record, line) for line, record in enumerate(records, start=1)]
    first_line: dict[Any, int] = {}
    for line, record in enumerate(records, start=1):
        # A story is named by its canonical member's id: two records with one id are ambiguous.
        if first_line.setdefault(record["id"], line) != line:
            raise ValueError(
                f"line {line}: id {record['id']!r} is used again (first on line "
                f"{first_line[record['id']]})"
            )
    for doc in docs:
        stories.add(doc)
    results = []
    for doc, record in zip(docs, records, strict=True):
        member = stories.membership(doc.key)
        results.append(
            {
                "id": record["id"],
                "cluster": records[int(member.cluster) - 1]["id"],
                "relation": member.relation,
                "jaccard": round(member.jaccard, 4),
                "containment": round(member.containment, 4),
            }
        )
    return results


def _parse_published(value: Any, line: int) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"line {line}: published {value!r} is not an ISO 8601 date") from None
    # A bare date or a naive time is Vietnamese local time, as the papers print it.
    return as_vietnam_time(parsed)
