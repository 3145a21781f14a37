"""Stories in the store: each article's place in a near-duplicate cluster, kept incrementally.

`cluster_article` is called by the ingest step right after an article is stored as new or
updated, in the same transaction; `cluster_stored_articles` catches up articles stored before
stories existed. The decisions are baotinh.stories.decision's; this module only gives it the store's
look-ups (exact body hash, URL identity key, LSH band keys: all indexed and bounded) and writes
the result.

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

import functools
import hashlib
import logging
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import numpy as np
from sqlalchemy import (
    CompoundSelect,
    bindparam,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from baotinh.papers import identity_key
from baotinh.stories.decision import BAND_KEY_CAP, Doc, body_of, find_story, relation
from baotinh.stories.minhash import (
    METHOD,
    MIN_SHINGLES,
    Fingerprint,
    band_keys,
    compare,
    signature_from_bytes,
)
from db.engine import dialect_insert
from db.models import Article, Site, StoryBandKey, StoryCluster, StoryMember, utcnow

# Under "baotinh" so that failures show in the Prefect flow-run logs.
log = logging.getLogger("baotinh.dedupe.store")  # the name operators grep for

Outcome = Literal["new", "joined", "refreshed", "moved", "unchanged"]

# Every clustering holds this advisory lock shared; a catch-up over many articles holds it alone
# (exclusive) instead of one lock per key and article, which would fill PostgreSQL's lock table.
# The key is the one the former database-wide lock used ("baotinh").
_ALL_STORIES_LOCK = 0x62_616F_7469_6E68
# After this many articles clustered with their own keys in one transaction, the transaction
# takes the exclusive lock instead: a transaction that clusters hundreds of articles would hold
# tens of thousands of advisory locks (PostgreSQL's lock table is sized for 64 per connection).
_KEYED_ARTICLES_PER_TRANSACTION = 16
_LOCK_STATE = "baotinh.dedupe.locks"
# The shared lock first, then the article's keys in ascending order (a single order for every
# transaction: no deadlock between two clusterings).
_LOCK_KEYS = text(
    "SELECT count(*) FROM (SELECT CASE WHEN n = 1 THEN pg_advisory_xact_lock_shared(k)"
    " ELSE pg_advisory_xact_lock(k) END FROM unnest(CAST(:keys AS bigint[]))"
    " WITH ORDINALITY AS held(k, n)) AS locks"
)
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
_MEMBER_QUERY = select(
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
        order=_order(row.published_at, row.first_seen_at, row.id),
    )


def _order(published: datetime | None, first_seen: datetime, article_id: int) -> tuple[object, ...]:
    # The canonical member is the earliest published; an undated article counts from when we
    # first saw it, and the smaller id breaks ties, so the choice never flips between runs.
    return (published or first_seen, article_id)


def cluster_article(session: Session, article_id: int) -> Clustered:
    """Give a stored article its story, or refresh it after the article changed.

    Idempotent: for an article whose text, address and date are unchanged nothing is written.
    """
    index = StoreIndex(session)
    doc = index.documents([article_id]).get(article_id)
    if doc is None:
        raise LookupError(f"no article {article_id}")
    fp = doc.fingerprint
    _lock_keys(session, article_id, fp, doc.url_key)
    # Read under the locks: another clustering of this article may just have written it.
    member = session.execute(_MEMBER_QUERY.where(_members.c.article_id == article_id)).one_or_none()
    if (
        member is not None
        and member.method == METHOD
        and member.body_hash == fp.body_hash
        and member.url_key == doc.url_key
    ):
        # Same text, same address; only the publication date can have moved (a better
        # extractor), which may hand the canonical role to another member.
        canonical_id = _lock_story(session, member.cluster_id)
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
            elif _lock_story(session, old_cluster) == article_id:
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
    canonical_id = _lock_story(session, cluster_id, touch=True)
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
    _lock_all_stories(session)
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


# --- locks ---------------------------------------------------------------------------------------


def _lock_state(session: Session) -> dict[str, Any]:
    """This transaction's locking so far (a new transaction starts afresh)."""
    transaction = session.get_transaction()
    state = session.info.get(_LOCK_STATE)
    if state is None or state["transaction"] is not transaction:
        state = {"transaction": transaction, "keyed": 0, "exclusive": False}
        session.info[_LOCK_STATE] = state
    return state


def _lock_all_stories(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return
    state = _lock_state(session)
    if not state["exclusive"]:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ALL_STORIES_LOCK})
        state["exclusive"] = True


def _lock_keys(session: Session, article_id: int, fp: Fingerprint, url_key: str | None) -> None:
    """Lock everything through which another article could meet this one's story right now.

    Two articles can only find each other through a shared band key (near copies), body hash
    (exact copies) or address; each of those is locked, and so is the article itself.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    state = _lock_state(session)
    if state["exclusive"]:
        return
    if state["keyed"] >= _KEYED_ARTICLES_PER_TRANSACTION:
        _lock_all_stories(session)
        return
    keys = {*fp.band_keys, _lock_key("article", str(article_id)), _lock_key("body", fp.body_hash)}
    if url_key:
        keys.add(_lock_key("address", url_key))
    session.execute(_LOCK_KEYS, {"keys": [_ALL_STORIES_LOCK, *sorted(keys)]})
    state["keyed"] += 1


def _lock_key(kind: str, value: str) -> int:
    digest = hashlib.blake2b(f"{kind}:{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def _lock_story(session: Session, cluster_id: int, touch: bool = False) -> int:
    """Lock the story's row to the end of the transaction; its canonical member's id.

    `touch` marks the story as updated in the same statement (an UPDATE locks the row too).
    """
    if touch:
        statement = (
            update(_clusters)
            .where(_clusters.c.id == cluster_id)
            .values(updated_at=utcnow())
            .returning(_clusters.c.canonical_article_id)
        )
    else:
        statement = (
            select(_clusters.c.canonical_article_id)
            .where(_clusters.c.id == cluster_id)
            .with_for_update()
        )
    return session.execute(statement).scalar_one()


# --- the canonical member ----------------------------------------------------------------------


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
    return _order(published, first_seen, article_id)


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


# --- writes --------------------------------------------------------------------------------------


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
        # One statement with every row (an executemany is one round trip per row on psycopg).
        session.execute(
            dialect_insert(session)(StoryBandKey)
            .values([{"band_key": key, "article_id": article_id} for key in kept])
            .on_conflict_do_nothing()
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
