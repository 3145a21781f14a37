"""The store as a `StoryIndex` (`baotinh.stories.decision`): the look-ups one clustering makes
(exact keys, band keys, a story's members), each bounded whatever the history (BAND_KEY_CAP,
MAX_PER_STORY), and the stored articles read back as dedupe documents."""

from __future__ import annotations

import functools
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import (
    CompoundSelect,
    bindparam,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from baotinh.papers import identity_key
from baotinh.stories.decision import BAND_KEY_CAP, Doc, body_of
from baotinh.stories.minhash import METHOD, signature_from_bytes
from db.models import Article, Site, StoryBandKey, StoryMember

_members = StoryMember.__table__


class StoreIndex:
    """`baotinh.stories.decision.StoryIndex` over the tables, for one clustering.

    Every look-up uses an index and is bounded. Documents and cluster ids read once are kept for
    the rest of the clustering, so the new article and the story's canonical member are never
    read (or fingerprinted) twice.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.docs: dict[Hashable, Doc] = {}
        self.cluster_of: dict[Hashable, int] = {}
        # Band keys the last look-up found held by BAND_KEY_CAP articles: not stored again.
        self.full_keys: set[int] = set()

    def with_exact_keys(
        self, body_hash: str | None, url_key: str | None, limit: int
    ) -> tuple[Iterable[Hashable], Iterable[Hashable]]:
        """Both exact look-ups in one statement (each an index range, `limit` rows at most)."""
        if not body_hash and not url_key:
            return [], []
        statement = _exact_lookup(bool(body_hash), bool(url_key), limit)
        found: dict[str, list[Hashable]] = {"body": [], "address": []}
        for kind, article_id, cluster_id in self.session.execute(
            statement, {"body_hash": body_hash, "url_key": url_key}
        ):
            self.cluster_of[article_id] = cluster_id
            found[kind].append(article_id)
        return found["body"], found["address"]

    def with_band_keys(self, keys: Sequence[int]) -> Iterable[Hashable]:
        """The first BAND_KEY_CAP articles of each key: one statement, one bounded range of the
        primary key (band_key, article_id) per key."""
        distinct = sorted(set(keys))
        if not distinct:
            self.full_keys = set()
            return []
        if self.session.get_bind().dialect.name == "postgresql":
            rows = self.session.execute(
                _BAND_KEY_LOOKUP_POSTGRESQL, {"keys": distinct, "cap": BAND_KEY_CAP}
            ).all()
        else:
            rows = self.session.execute(
                _band_key_lookup_sqlite(len(distinct)),
                {f"k{i}": key for i, key in enumerate(distinct)},
            ).all()
        counts: dict[int, int] = {}
        for key, _ in rows:
            counts[key] = counts.get(key, 0) + 1
        self.full_keys = {key for key, count in counts.items() if count >= BAND_KEY_CAP}
        return [article_id for _, article_id in rows]

    def signatures(self, keys: Collection[Hashable]) -> Mapping[Hashable, tuple[np.ndarray, int]]:
        if not keys:
            return {}
        rows = self.session.execute(
            select(
                StoryMember.article_id,
                StoryMember.signature,
                StoryMember.shingles,
                StoryMember.cluster_id,
            ).where(StoryMember.article_id.in_(list(keys)), StoryMember.method == METHOD)
        )
        found = {}
        for key, signature, size, cluster_id in rows:
            self.cluster_of[key] = cluster_id
            found[key] = (signature_from_bytes(signature), size)
        return found

    def documents(self, keys: Collection[Hashable]) -> Mapping[Hashable, Doc]:
        missing = [key for key in keys if key not in self.docs]
        if missing:
            self.docs.update(load_docs(self.session, missing))
        return {key: self.docs[key] for key in keys if key in self.docs}

    def clusters(self, keys: Collection[Hashable]) -> Mapping[Hashable, Hashable]:
        missing = [key for key in keys if key not in self.cluster_of]
        if missing:
            rows = self.session.execute(
                select(StoryMember.article_id, StoryMember.cluster_id).where(
                    StoryMember.article_id.in_(missing)
                )
            )
            self.cluster_of.update(rows.tuples().all())
        return {key: self.cluster_of[key] for key in keys if key in self.cluster_of}


@functools.cache
def _exact_lookup(by_body: bool, by_address: bool, limit: int) -> CompoundSelect:
    """Members with the body hash and members at the address, tagged: built once per shape."""
    parts = []
    for kind, column, wanted in (
        ("body", _members.c.body_hash, by_body),
        ("address", _members.c.url_key, by_address),
    ):
        if wanted:
            part = (
                select(literal(kind).label("kind"), _members.c.article_id, _members.c.cluster_id)
                .where(column == bindparam("body_hash" if kind == "body" else "url_key"))
                .limit(limit)
                .subquery(kind)
            )
            parts.append(select(*part.c))
    return union_all(*parts)


# PostgreSQL reads each key's first holders through one LATERAL join (planned once, one bounded
# index range per key); SQLite, without LATERAL, through one UNION ALL part per key.
_BAND_KEY_LOOKUP_POSTGRESQL = text(
    "SELECT wanted.band_key, holders.article_id"
    " FROM unnest(CAST(:keys AS bigint[])) AS wanted(band_key)"
    " CROSS JOIN LATERAL (SELECT article_id FROM story_band_keys"
    " WHERE band_key = wanted.band_key ORDER BY article_id LIMIT :cap) AS holders"
)


@functools.cache
def _band_key_lookup_sqlite(count: int) -> CompoundSelect:
    """The look-up of `count` band keys (parameters k0, k1, ...), built once per count: a
    statement of 64 parts costs more to build than to run."""
    parts = []
    for i in range(count):
        part = (
            select(StoryBandKey.band_key, StoryBandKey.article_id)
            .where(StoryBandKey.band_key == bindparam(f"k{i}"))
            .order_by(StoryBandKey.article_id)
            .limit(BAND_KEY_CAP)
            .subquery(f"k{i}")
        )
        parts.append(select(part.c.band_key, part.c.article_id))
    return union_all(*parts)


def load_docs(session: Session, ids: Collection[Hashable]) -> dict[Hashable, Doc]:
    """Stored articles as dedupe documents: compared on sapo + body, ordered by publication."""
    if not ids:
        return {}
    rows = session.execute(_DOC_QUERY.where(Article.id.in_(list(ids))))
    return {row.id: _doc(row) for row in rows}


_DOC_QUERY = select(
    Article.id,
    Article.title,
    Article.lead,
    Article.text,
    Article.canonical_url,
    Article.published_at,
    Article.first_seen_at,
    Site.key.label("site"),
).join(Site, Site.id == Article.site_id)
MEMBER_QUERY = select(
    _members.c.cluster_id,
    _members.c.relation,
    _members.c.body_hash,
    _members.c.url_key,
    _members.c.method,
    _members.c.shingles,
    _members.c.signature,
)


def _doc(row: Any) -> Doc:
    return Doc(
        key=row.id,
        body=body_of(row.lead, row.text),
        title=row.title or "",
        url_key=identity_key(row.canonical_url),
        source=row.site,
        order=story_order(row.published_at, row.first_seen_at, row.id),
    )


def story_order(
    published: datetime | None, first_seen: datetime, article_id: int
) -> tuple[object, ...]:
    # The canonical member is the earliest published; an undated article counts from when we
    # first saw it, and the smaller id breaks ties, so the choice never flips between runs.
    return (published or first_seen, article_id)
