"""Stories in the store: each article's place in a near-duplicate cluster, kept incrementally.

`cluster_article` is called by the ingest step right after an article is stored as new or
updated, in the same transaction; `cluster_stored_articles` catches up articles stored before
stories existed. The decisions are baotinh.dedupe's; this module only gives it the store's
look-ups (exact body hash, URL identity key, LSH band keys: all indexed) and writes the result.

Like the rest of db/, these functions flush but never commit: the caller owns the transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import numpy as np
from sqlalchemy import delete, func, or_, select, text
from sqlalchemy.orm import Session

from baotinh.dedupe import (
    METHOD,
    MIN_SHINGLES,
    Doc,
    band_keys,
    body_of,
    compare,
    find_story,
    relation,
    signature_from_bytes,
)
from baotinh.urls import identity_key
from db.models import Article, Site, StoryBandKey, StoryCluster, StoryMember, utcnow
from db.store import _insert_for

# Under "baotinh" so that failures show in the Prefect flow-run logs.
log = logging.getLogger("baotinh.dedupe.store")

Outcome = Literal["new", "joined", "refreshed", "moved", "unchanged"]

# One clustering at a time per PostgreSQL database (held to the end of the transaction): two
# copies of a story ingested at once by two workers must not each start a story of their own.
# SQLite needs nothing: the article upsert before us already holds its single write lock.
_ADVISORY_LOCK = 0x62_616F_7469_6E68  # "baotinh"


@dataclass(frozen=True)
class Clustered:
    article_id: int
    cluster_id: int
    outcome: Outcome
    relation: str


class StoreIndex:
    """`baotinh.dedupe.StoryIndex` over the tables (every look-up uses an index)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def with_body_hash(self, body_hash: str) -> Iterable[Hashable]:
        return self.session.scalars(
            select(StoryMember.article_id).where(StoryMember.body_hash == body_hash)
        ).all()

    def with_url_key(self, url_key: str) -> Iterable[Hashable]:
        return self.session.scalars(
            select(StoryMember.article_id).where(StoryMember.url_key == url_key)
        ).all()

    def with_band_keys(self, keys: Sequence[int]) -> Iterable[Hashable]:
        if not keys:
            return []
        return self.session.scalars(
            select(StoryBandKey.article_id).where(StoryBandKey.band_key.in_(list(keys)))
        ).all()

    def signatures(self, keys: Collection[Hashable]) -> Mapping[Hashable, tuple[np.ndarray, int]]:
        if not keys:
            return {}
        rows = self.session.execute(
            select(StoryMember.article_id, StoryMember.signature, StoryMember.shingles).where(
                StoryMember.article_id.in_(list(keys)), StoryMember.method == METHOD
            )
        )
        return {key: (signature_from_bytes(sig), size) for key, sig, size in rows}

    def documents(self, keys: Collection[Hashable]) -> Mapping[Hashable, Doc]:
        return load_docs(self.session, keys)

    def clusters(self, keys: Collection[Hashable]) -> Mapping[Hashable, Hashable]:
        if not keys:
            return {}
        rows = self.session.execute(
            select(StoryMember.article_id, StoryMember.cluster_id).where(
                StoryMember.article_id.in_(list(keys))
            )
        )
        return dict(rows.tuples().all())


def load_docs(session: Session, ids: Collection[Hashable]) -> dict[Hashable, Doc]:
    """Stored articles as dedupe documents: compared on sapo + body, ordered by publication."""
    if not ids:
        return {}
    rows = session.execute(
        select(
            Article.id,
            Article.title,
            Article.lead,
            Article.text,
            Article.canonical_url,
            Article.published_at,
            Article.first_seen_at,
            Site.key,
        )
        .join(Site, Site.id == Article.site_id)
        .where(Article.id.in_(list(ids)))
    )
    docs: dict[Hashable, Doc] = {}
    for article_id, title, lead, body, url, published, first_seen, site in rows:
        docs[article_id] = Doc(
            key=article_id,
            body=body_of(lead, body),
            title=title or "",
            url_key=identity_key(url),
            source=site,
            order=_order(published, first_seen, article_id),
        )
    return docs


def _order(published: datetime | None, first_seen: datetime, article_id: int) -> tuple[object, ...]:
    # The canonical member is the earliest published; an undated article counts from when we
    # first saw it, and the smaller id breaks ties, so the choice never flips between runs.
    return (published or first_seen, article_id)


def cluster_article(session: Session, article_id: int) -> Clustered:
    """Give a stored article its story, or refresh it after the article changed.

    Idempotent: for an article whose text, address and date are unchanged nothing is written.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK})
    docs = load_docs(session, [article_id])
    if article_id not in docs:
        raise LookupError(f"no article {article_id}")
    doc = docs[article_id]
    fp = doc.fingerprint
    member = session.get(StoryMember, article_id, populate_existing=True)
    if (
        member is not None
        and member.method == METHOD
        and member.body_hash == fp.body_hash
        and member.url_key == doc.url_key
    ):
        # Same text, same address; only the publication date can have moved (a better
        # extractor), which may hand the canonical role to another member.
        moved = _settle(session, member.cluster_id, changed=())
        outcome: Outcome = "refreshed" if moved else "unchanged"
        return Clustered(article_id, member.cluster_id, outcome, member.relation)

    if member is not None:
        _drop_band_keys(session, member)
    match = find_story(doc, StoreIndex(session))

    if member is None:
        cluster_id = match.cluster if match else _new_cluster(session, article_id)
        # Provisional relation: `_settle` below compares it with the canonical member.
        member = StoryMember(
            article_id=article_id,
            cluster_id=cluster_id,
            relation="canonical",
            jaccard=1.0,
            containment=1.0,
        )
        session.add(member)
        outcome = "joined" if match else "new"
    else:
        old_cluster = member.cluster_id
        others = _member_count(session, old_cluster) - 1
        if (match is not None and match.cluster == old_cluster) or (match is None and not others):
            outcome = "refreshed"
        else:
            # The new text belongs to another story, or to a story of its own.
            outcome = "moved"
            if others:
                # Hand the canonical role to a remaining member before leaving.
                _settle(session, old_cluster, changed=(), leaving=article_id)
            member.cluster_id = match.cluster if match else _new_cluster(session, article_id)
            session.flush()
            if not others:
                session.execute(delete(StoryCluster).where(StoryCluster.id == old_cluster))

    _write_fingerprint(member, doc)
    session.flush()
    _add_band_keys(session, article_id, fp.band_keys)
    _settle(session, member.cluster_id, changed=(article_id,))
    return Clustered(article_id, int(member.cluster_id), outcome, member.relation)


def cluster_article_at(session: Session, canonical_url: str) -> Clustered:
    """`cluster_article` for the article stored under `canonical_url`."""
    article_id = session.scalar(select(Article.id).where(Article.canonical_url == canonical_url))
    if article_id is None:
        raise LookupError(f"no article at {canonical_url}")
    return cluster_article(session, article_id)


def unclustered_article_ids(session: Session) -> list[int]:
    """Articles without a story (or fingerprinted by another method), oldest first."""
    query = (
        select(Article.id)
        .outerjoin(StoryMember, StoryMember.article_id == Article.id)
        .where(or_(StoryMember.article_id.is_(None), StoryMember.method != METHOD))
        .order_by(func.coalesce(Article.published_at, Article.first_seen_at), Article.id)
    )
    return list(session.scalars(query))


def cluster_stored_articles(
    session: Session, article_ids: Iterable[int] | None = None
) -> dict[str, int]:
    """Cluster the given articles (default: every article without a story); count outcomes."""
    counts: dict[str, int] = {}
    ids = unclustered_article_ids(session) if article_ids is None else article_ids
    for article_id in ids:
        outcome = cluster_article(session, article_id).outcome
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


# --- helpers -------------------------------------------------------------------------------------


def _new_cluster(session: Session, canonical_article_id: int) -> int:
    cluster = StoryCluster(canonical_article_id=canonical_article_id)
    session.add(cluster)
    session.flush()
    return cluster.id


def _member_count(session: Session, cluster_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(StoryMember)
            .where(StoryMember.cluster_id == cluster_id)
        )
        or 0
    )


def _write_fingerprint(member: StoryMember, doc: Doc) -> None:
    fp = doc.fingerprint
    member.body_hash = fp.body_hash
    member.url_key = doc.url_key
    member.shingles = fp.size
    member.signature = fp.signature_bytes()
    member.method = METHOD
    member.updated_at = utcnow()


def _add_band_keys(session: Session, article_id: int, keys: Sequence[int]) -> None:
    if keys:
        insert = _insert_for(session)
        session.execute(
            insert(StoryBandKey).on_conflict_do_nothing(),
            [{"band_key": key, "article_id": article_id} for key in sorted(set(keys))],
        )


def _drop_band_keys(session: Session, member: StoryMember) -> None:
    """Delete an article's band keys, found again from its stored signature (primary key)."""
    if member.method != METHOD:
        # Another method's keys cannot be recomputed, and finding them by article would scan
        # the largest table. They are harmless: a look-up that hits one weighs the article by
        # its current signature. After a method change, empty story_band_keys to reclaim space.
        return
    if member.shingles < MIN_SHINGLES:
        return
    old = band_keys(signature_from_bytes(member.signature))
    session.execute(
        delete(StoryBandKey).where(
            StoryBandKey.article_id == member.article_id, StoryBandKey.band_key.in_(old)
        )
    )


def _settle(
    session: Session, cluster_id: int, changed: Collection[int], leaving: int | None = None
) -> bool:
    """Choose the story's canonical member and record each member's relation to it.

    Only the members in `changed` are compared again, unless the canonical member changes.
    `leaving` is a member about to move to another story: it is not considered. Returns whether
    the canonical member changed.
    """
    members = {
        m.article_id: m
        for m in session.scalars(select(StoryMember).where(StoryMember.cluster_id == cluster_id))
        if m.article_id != leaving
    }
    if not members:
        return False
    orders = session.execute(
        select(Article.id, Article.published_at, Article.first_seen_at).where(
            Article.id.in_(list(members))
        )
    )
    order = {aid: _order(published, seen, aid) for aid, published, seen in orders}
    canonical_id = min(members, key=lambda aid: order[aid])
    cluster = session.get(StoryCluster, cluster_id)
    assert cluster is not None
    redo = set(changed) & set(members)
    moved = cluster.canonical_article_id != canonical_id
    if moved:
        cluster.canonical_article_id = canonical_id
        redo = set(members)
    if not redo:
        return False
    cluster.updated_at = utcnow()
    docs = load_docs(session, redo | {canonical_id})
    canonical = docs[canonical_id]
    for article_id in redo:
        similarity = compare(docs[article_id].fingerprint, canonical.fingerprint)
        member = members[article_id]
        member.relation = relation(docs[article_id], canonical, similarity)
        member.jaccard = 1.0 if article_id == canonical_id else round(similarity.jaccard, 4)
        member.containment = 1.0 if article_id == canonical_id else round(similarity.containment, 4)
    session.flush()
    return moved


def assign_story(session: Session, canonical_url: str) -> Clustered | None:
    """`cluster_article_at` for the ingest step, where one bad article must not stop the night.

    Runs in a savepoint: if dedupe fails, the article stays stored without a story (logged, and
    picked up by `cluster_stored_articles` on the next ``baotinh dedupe --store``).
    """
    try:
        with session.begin_nested():
            return cluster_article_at(session, canonical_url)
    except Exception:  # a dedupe bug must not lose the article stored before it
        log.exception("dedupe failed for %s; the article is stored without a story", canonical_url)
        return None
