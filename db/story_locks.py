"""Locks that let writers run side by side (PostgreSQL advisory locks; SQLite serialises
writers anyway): a clustering locks its band keys, body hash, address and story, and a catch-up
over many articles takes one exclusive lock instead (docs/dedupe.md). A new article's content hash
is locked before the store looks for an exact copy of it (`lock_content`)."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from db.models import StoryCluster, utcnow

if TYPE_CHECKING:  # not at run time: numpy, which the crawler's store writes need not import
    from baotinh.stories.minhash import Fingerprint

_clusters = StoryCluster.__table__

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


def lock_state(session: Session) -> dict[str, Any]:
    """This transaction's locking so far (a new transaction starts afresh)."""
    transaction = session.get_transaction()
    state = session.info.get(_LOCK_STATE)
    if state is None or state["transaction"] is not transaction:
        state = {"transaction": transaction, "keyed": 0, "exclusive": False}
        session.info[_LOCK_STATE] = state
    return state


def lock_all_stories(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return
    state = lock_state(session)
    if not state["exclusive"]:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ALL_STORIES_LOCK})
        state["exclusive"] = True


def lock_keys(session: Session, article_id: int, fp: Fingerprint, url_key: str | None) -> None:
    """Lock everything through which another article could meet this one's story right now.

    Two articles can only find each other through a shared band key (near copies), body hash
    (exact copies) or address; each of those is locked, and so is the article itself.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    state = lock_state(session)
    if state["exclusive"]:
        return
    if state["keyed"] >= _KEYED_ARTICLES_PER_TRANSACTION:
        lock_all_stories(session)
        return
    keys = {
        *fp.band_keys,
        advisory_key("article", str(article_id)),
        advisory_key("body", fp.body_hash),
    }
    if url_key:
        keys.add(advisory_key("address", url_key))
    session.execute(_LOCK_KEYS, {"keys": [_ALL_STORIES_LOCK, *sorted(keys)]})
    state["keyed"] += 1


def lock_content(session: Session, content_hash: str) -> None:
    """Hold this content hash to the end of the transaction, before looking for an exact copy.

    Without it, two writers storing the same text under two addresses at once (two backfill
    chunks, a nightly run beside a backfill) each find no copy, and both insert one. PostgreSQL
    takes an advisory lock on the hash, so the second writer waits, then sees the first's row.
    SQLite takes the database's write lock now rather than at the insert: the look-up then reads
    what the last writer committed (Python's sqlite3 runs SELECTs outside any transaction until
    the first write, so the look-up alone would read without holding anything).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:key)"),
            {"key": advisory_key("content", content_hash)},
        )
    else:
        # A write that changes no row still takes the write lock (and opens the transaction).
        session.execute(text("UPDATE sites SET id = id WHERE 0 = 1"))


def advisory_key(kind: str, value: str) -> int:
    """A 64-bit advisory lock key for one thing (`kind` keeps different things apart)."""
    digest = hashlib.blake2b(f"{kind}:{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def lock_story(session: Session, cluster_id: int, touch: bool = False) -> int:
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
