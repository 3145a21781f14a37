"""Stories in the store: each article's place in a near-duplicate cluster, kept incrementally.

`cluster_article` is called by the ingest step right after an article is stored as new or
updated, in the same transaction; `cluster_stored_articles` catches up articles stored before
stories existed. The decisions are `baotinh.stories.decision`'s; `db.story_index` gives it the
store's look-ups (exact body hash, URL identity key, LSH band keys: all indexed and bounded),
`db.story_locks` lets clusterings run side by side, and this module writes the result.

What one article costs, whatever the history: its fingerprint is computed once (and its MinHash
stored); the look-ups read at most BAND_KEY_CAP articles per band key and MAX_PER_STORY per body
hash or address; the texts read are the few candidates that survive their stored signatures,
plus the story's canonical member; the writes are one statement per table. Only a change of a
story's canonical member (an earlier copy arrives, a date is corrected, the canonical member
leaves) compares every member again, as it must: relations are recorded against that member.

Concurrency on PostgreSQL: a clustering locks what could make another article find the same
story at the same moment (its band keys, body hash, address and the article itself: advisory
locks held to the end of the transaction) and the row of the story it joins (FOR UPDATE), so two
copies of one story ingested at once by two workers wait for each other while unrelated articles
do not. SQLite needs nothing: the article upsert before us already holds its single write lock.

Like the rest of db/, these functions flush but never commit: the caller owns the transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import (
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from baotinh.stories.decision import Doc, find_story, relation
from baotinh.stories.minhash import METHOD, MIN_SHINGLES, band_keys, compare, signature_from_bytes
from db.engine import dialect_insert
from db.models import Article, StoryBandKey, StoryCluster, StoryMember, utcnow
from db.story_index import MEMBER_QUERY, StoreIndex, load_docs, story_order
from db.story_locks import lock_all_stories, lock_keys, lock_story

# Under "baotinh" so that failures show in the Prefect flow-run logs.
log = logging.getLogger("baotinh.dedupe.store")  # the name operators grep for
Outcome = Literal["new", "joined", "refreshed", "moved", "unchanged"]

# Members compared again per statement when a story's canonical member changes.
_REBASE_CHUNK = 500
_members = StoryMember.__table__
_clusters = StoryCluster.__table__


@dataclass(frozen=True)
class Clustered:
    article_id: int
    cluster_id: int
    outcome: Outcome
    relation: str


def cluster_article(session: Session, article_id: int) -> Clustered:
    """Give a stored article its story, or refresh it after the article changed.

    Idempotent: for an article whose text, address and date are unchanged nothing is written.
    """
    index = StoreIndex(session)
    doc = index.documents([article_id]).get(article_id)
    if doc is None:
        raise LookupError(f"no article {article_id}")
    fp = doc.fingerprint
    lock_keys(session, article_id, fp, doc.url_key)
    # Read under the locks: another clustering of this article may just have written it.
    member = session.execute(MEMBER_QUERY.where(_members.c.article_id == article_id)).one_or_none()
    if (
        member is not None
        and member.method == METHOD
        and member.body_hash == fp.body_hash
        and member.url_key == doc.url_key
    ):
        # Same text, same address; only the publication date can have moved (a better
        # extractor), which may hand the canonical role to another member.
        canonical_id = lock_story(session, member.cluster_id)
        earliest = _earliest_with(session, index, member.cluster_id, canonical_id, doc)
        if earliest == canonical_id:
            return Clustered(article_id, member.cluster_id, "unchanged", member.relation)
        relations = _rebase(session, index, member.cluster_id, earliest)
        return Clustered(article_id, member.cluster_id, "refreshed", relations[article_id])

    if member is not None:
        _drop_band_keys(session, article_id, member.method, member.shingles, member.signature)
    match = find_story(doc, index)
    outcome: Outcome = "joined" if match else "new"
    emptied = None  # the story this article leaves empty, if it does
    if member is not None:
        old_cluster = member.cluster_id
        others = session.scalar(
            select(_members.c.article_id)
            .where(_members.c.cluster_id == old_cluster, _members.c.article_id != article_id)
            .limit(1)
        )
        if (match is not None and match.cluster == old_cluster) or (match is None and not others):
            outcome = "refreshed"
        else:
            # The new text belongs to another story, or to a story of its own.
            outcome = "moved"
            if not others:
                emptied = old_cluster
            elif lock_story(session, old_cluster) == article_id:
                # Hand the canonical role to a remaining member before leaving.
                heir = _earliest_member(session, old_cluster, leaving=article_id)
                _rebase(session, index, old_cluster, heir, leaving=article_id)

    if outcome == "refreshed":
        kind = _join(session, index, doc, member.cluster_id, member)
        cluster_id = member.cluster_id
    elif match is not None:
        cluster_id = int(match.cluster)
        if emptied is not None:
            # Leave the emptied story (deleting it would take the member row with it) before
            # joining: the story joined may hand this article the canonical role it still holds.
            session.execute(
                update(_members)
                .where(_members.c.article_id == article_id)
                .values(cluster_id=cluster_id)
            )
            session.execute(delete(_clusters).where(_clusters.c.id == emptied))
        kind = _join(session, index, doc, cluster_id, member)
    else:
        cluster_id = session.execute(
            insert(_clusters)
            .values(canonical_article_id=article_id, created_at=utcnow(), updated_at=utcnow())
            .returning(_clusters.c.id)
        ).scalar_one()
        kind = "canonical"
        _write_member(session, doc, cluster_id, kind, 1.0, 1.0, member is not None)
    _add_band_keys(session, article_id, fp.band_keys, index.full_keys)
    return Clustered(article_id, cluster_id, outcome, kind)


def _join(session: Session, index: StoreIndex, doc: Doc, cluster_id: int, member: Any) -> str:
    """Write `doc` as a member of an existing story, compared with its canonical member (which
    may now be `doc` itself); its relation."""
    canonical_id = lock_story(session, cluster_id, touch=True)
    earliest = _earliest_with(session, index, cluster_id, canonical_id, doc)
    if earliest != canonical_id:
        _write_member(session, doc, cluster_id, "canonical", 1.0, 1.0, member is not None)
        return _rebase(session, index, cluster_id, earliest)[int(doc.key)]
    if canonical_id == doc.key:
        kind, jaccard, containment = "canonical", 1.0, 1.0
    else:
        canonical = index.documents([canonical_id])[canonical_id]
        similarity = compare(doc.fingerprint, canonical.fingerprint)
        kind = relation(doc, canonical, similarity)
        jaccard, containment = round(similarity.jaccard, 4), round(similarity.containment, 4)
    _write_member(session, doc, cluster_id, kind, jaccard, containment, member is not None)
    return kind


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
    """Cluster the given articles (default: every article without a story); count outcomes.

    On PostgreSQL the transaction clusters alone (the exclusive lock): a catch-up is one
    transaction over any number of articles, too many to lock key by key.
    """
    lock_all_stories(session)
    counts: dict[str, int] = {}
    ids = unclustered_article_ids(session) if article_ids is None else article_ids
    for article_id in ids:
        outcome = cluster_article(session, article_id).outcome
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


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


def _earliest_with(
    session: Session, index: StoreIndex, cluster_id: int, canonical_id: int, doc: Doc
) -> int:
    """The story's earliest member once `doc` (a member, new or changed) is counted.

    The canonical member is the earliest of the others, so only it is compared with `doc`;
    when `doc` is the canonical member its date may have moved later, and the others are
    searched (in the database, one indexed statement).
    """
    if canonical_id == doc.key:
        return _earliest_member(session, cluster_id)
    canonical = index.documents([canonical_id]).get(canonical_id)
    canonical_order = canonical.order if canonical else _stored_order(session, canonical_id)
    return int(doc.key) if doc.order < canonical_order else canonical_id


def _stored_order(session: Session, article_id: int) -> tuple[object, ...]:
    published, first_seen = session.execute(
        select(Article.published_at, Article.first_seen_at).where(Article.id == article_id)
    ).one()
    return story_order(published, first_seen, article_id)


def _earliest_member(session: Session, cluster_id: int, leaving: int | None = None) -> int:
    query = (
        select(Article.id)
        .join(_members, _members.c.article_id == Article.id)
        .where(_members.c.cluster_id == cluster_id)
        .order_by(func.coalesce(Article.published_at, Article.first_seen_at), Article.id)
        .limit(1)
    )
    if leaving is not None:
        query = query.where(Article.id != leaving)
    return session.execute(query).scalar_one()


def _rebase(
    session: Session,
    index: StoreIndex,
    cluster_id: int,
    canonical_id: int,
    leaving: int | None = None,
) -> dict[int, str]:
    """Make `canonical_id` the story's canonical member and compare every member with it again.

    The one step whose cost grows with the story: it runs only when the canonical member
    changes. Members are read in chunks (bounded memory) and written with one statement per
    chunk. Returns each member's relation.
    """
    session.execute(
        update(_clusters)
        .where(_clusters.c.id == cluster_id)
        .values(canonical_article_id=canonical_id, updated_at=utcnow())
    )
    ids = [
        article_id
        for article_id in session.scalars(
            select(_members.c.article_id).where(_members.c.cluster_id == cluster_id)
        )
        if article_id != leaving
    ]
    canonical = index.documents([canonical_id])[canonical_id]
    relations: dict[int, str] = {}
    statement = (
        update(_members)
        .where(_members.c.article_id == bindparam("member_id"))
        .values(
            relation=bindparam("new_relation"),
            jaccard=bindparam("new_jaccard"),
            containment=bindparam("new_containment"),
        )
    )
    for start in range(0, len(ids), _REBASE_CHUNK):
        chunk = ids[start : start + _REBASE_CHUNK]
        # Read apart from the index's documents: a story of thousands stays out of memory.
        docs = {key: index.docs[key] for key in chunk if key in index.docs}
        docs |= load_docs(session, [key for key in chunk if key not in docs])
        rows = []
        for article_id in chunk:
            if article_id == canonical_id:
                kind, jaccard, containment = "canonical", 1.0, 1.0
            else:
                similarity = compare(docs[article_id].fingerprint, canonical.fingerprint)
                kind = relation(docs[article_id], canonical, similarity)
                jaccard, containment = (
                    round(similarity.jaccard, 4),
                    round(similarity.containment, 4),
                )
            relations[article_id] = kind
            rows.append(
                {
                    "member_id": article_id,
                    "new_relation": kind,
                    "new_jaccard": jaccard,
                    "new_containment": containment,
                }
            )
        session.execute(statement, rows)
    return relations


def _write_member(
    session: Session,
    doc: Doc,
    cluster_id: int,
    kind: str,
    jaccard: float,
    containment: float,
    exists: bool,
) -> None:
    """Insert or update the article's member row, fingerprint included, in one statement."""
    fp = doc.fingerprint
    values = {
        "cluster_id": cluster_id,
        "relation": kind,
        "jaccard": jaccard,
        "containment": containment,
        "body_hash": fp.body_hash,
        "url_key": doc.url_key,
        "shingles": fp.size,
        "signature": fp.signature_bytes(),
        "method": METHOD,
        "updated_at": utcnow(),
    }
    if exists:
        session.execute(update(_members).where(_members.c.article_id == doc.key).values(values))
    else:
        session.execute(insert(_members).values(article_id=doc.key, **values))


def _add_band_keys(
    session: Session, article_id: int, keys: Sequence[int], full: Collection[int]
) -> None:
    """Store the article's band keys, except those already held by BAND_KEY_CAP articles."""
    kept = sorted(set(keys) - set(full))
    if kept:
        # An executemany: SQLAlchemy batches it into multi-row INSERTs on psycopg, and sqlite3
        # loops over the rows in C. A statement built with every row in its VALUES costs more
        # to build and bind than to run: 64 keys, measured in one process, in turns, 2.24 ms
        # of CPU against 0.58 on SQLite, 2.94 against 1.53 on PostgreSQL (6.3 / 0.7 and
        # 7.6 / 3.3 ms wall).
        session.execute(
            dialect_insert(session)(StoryBandKey).on_conflict_do_nothing(),
            [{"band_key": key, "article_id": article_id} for key in kept],
        )


def _drop_band_keys(
    session: Session, article_id: int, method: str, shingles: int, signature: bytes
) -> None:
    """Delete an article's band keys, found again from its stored signature (primary key)."""
    if method != METHOD:
        # Another method's keys cannot be recomputed, and finding them by article would scan
        # the largest table. They are harmless: a look-up that hits one weighs the article by
        # its current signature. After a method change, empty story_band_keys to reclaim space.
        return
    if shingles < MIN_SHINGLES:
        return
    old = band_keys(signature_from_bytes(signature))
    session.execute(
        delete(StoryBandKey.__table__).where(
            StoryBandKey.article_id == article_id, StoryBandKey.band_key.in_(old)
        )
    )
